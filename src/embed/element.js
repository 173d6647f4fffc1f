// <graph-change-password>: a custom element around the same form as `mount`. Defined by the
// module's init, never by importing it; rendered into the light DOM so password managers see
// the fields and the host's CSS custom properties theme it. No eval or Function: a strict CSP holds.

/** Defines the element once. `attributes` are the observed attributes (the options table's);
 *  `connect(element, getToken, initial)` mounts the form and returns a handle with
 *  `set(name, value)`, `setStrings(value)`, `setGetToken(isFunction)` and `unmount()`. */
export function defineElement(connect, attributes) {
  if (customElements.get("graph-change-password")) return;

  class GraphChangePasswordElement extends HTMLElement {
    static get observedAttributes() { return attributes; }

    #getToken = undefined;
    #strings = undefined;
    #handle = null;

    constructor() {
      super();
      // A page may set these before the element is defined: that own property hides the
      // accessor below, so take it over ("upgrade property"), without rendering yet:
      // connectedCallback renders once, with everything in place.
      for (const name of ["getToken", "strings"]) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          const value = this[name];
          delete this[name];
          if (name === "getToken") this.#getToken = value;
          else this.#strings = value;
        }
      }
    }

    /** The host's own sentences by key (README lists the keys). */
    get strings() { return this.#strings; }

    set strings(value) {
      this.#strings = value;
      this.#handle?.setStrings(value);
    }

    get getToken() { return this.#getToken; }

    // Anything but a function (set before or after the form rendered) shows the developer's
    // message naming getToken, and nothing can be sent.
    set getToken(value) {
      this.#getToken = value;
      this.#handle?.setGetToken(typeof value === "function");
      this.#render();
    }

    connectedCallback() { this.#render(); }

    // Moving the element (a remove then an insert in one task) keeps the form and what is in
    // flight; only an element still out of the page a microtask later is unmounted.
    disconnectedCallback() {
      queueMicrotask(() => {
        if (this.isConnected) return;
        this.#handle?.unmount();
        this.#handle = null;
      });
    }

    attributeChangedCallback(name, _old, value) { this.#handle?.set(name, value); }

    // The form appears once the element is connected and getToken has been set, in either order.
    #render() {
      if (this.#handle || !this.isConnected || this.#getToken === undefined) return;
      const initial = { strings: this.#strings, getTokenIsFunction: typeof this.#getToken === "function" };
      for (const name of attributes) initial[name] = this.getAttribute(name);
      // Always asks the current getToken, so replacing it never loses what the user typed.
      this.#handle = connect(this, (request) => this.#getToken(request), initial);
    }
  }

  customElements.define("graph-change-password", GraphChangePasswordElement);
}
