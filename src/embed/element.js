// <graph-change-password>: a custom element around the same form as `mount`. Defined by the
// module's init, never by importing it; rendered into the light DOM so password managers see
// the fields and the host's CSS custom properties theme it. No eval or Function: a strict CSP holds.

const ATTRIBUTES = [
  "base-url", "user-principal-name", "user-id", "timeout-ms", "offer-sign-out-everywhere", "reset-password-url", "locale",
];

/** Defines the element once; `connect(element, getToken, attributes)` mounts the form and
 *  returns a handle with `set(name, value)` and `unmount()`. */
export function defineElement(connect) {
  if (customElements.get("graph-change-password")) return;

  class GraphChangePasswordElement extends HTMLElement {
    static get observedAttributes() { return ATTRIBUTES; }

    #getToken = undefined;
    #strings = undefined;
    #handle = null;

    constructor() {
      super();
      // A page may set `getToken` before the element is defined: that own property hides the
      // accessor below, so take it over ("upgrade property").
      // Taken over without rendering: connectedCallback renders once, with both in place.
      if (Object.prototype.hasOwnProperty.call(this, "getToken")) {
        const value = this.getToken;
        delete this.getToken;
        this.#getToken = value;
      }
      if (Object.prototype.hasOwnProperty.call(this, "strings")) {
        const value = this.strings;
        delete this.strings;
        this.#strings = value;
      }
    }

    /** The host's own sentences by key (README lists the keys). */
    get strings() { return this.#strings; }

    set strings(value) {
      this.#strings = value;
      this.#handle?.setStrings(value);
    }

    get getToken() { return this.#getToken; }

    set getToken(value) {
      this.#getToken = value;
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

    // The form appears once the element is connected and has a getToken function, in either order.
    #render() {
      if (this.#handle || !this.isConnected || typeof this.#getToken !== "function") return;
      const attributes = {};
      for (const name of ATTRIBUTES) attributes[name] = this.getAttribute(name);
      attributes.strings = this.#strings;
      // Always asks the current getToken, so replacing it never loses what the user typed.
      this.#handle = connect(this, (request) => this.#getToken(request), attributes);
    }
  }

  customElements.define("graph-change-password", GraphChangePasswordElement);
}
