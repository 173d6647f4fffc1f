// Attaches the form's own stylesheet once to the root (document or shadow root) its element
// lives in: as a constructed stylesheet, which a Content-Security-Policy of `style-src 'self'`
// allows; where the browser has none (Safari before 16.4, Firefox before 101), as a <style>
// element, which such a policy blocks (the form stays usable unstyled).
const attached = new WeakSet();
const sheets = new WeakMap();

export function attachStyles(node, css) {
  let root = node.getRootNode();
  if (!(root instanceof Document || root instanceof ShadowRoot)) root = document;
  if (attached.has(root)) return;
  attached.add(root);
  const doc = root.ownerDocument ?? root;
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet.prototype.replaceSync === "function") {
    let sheet = sheets.get(doc);
    if (!sheet) {
      sheet = new (doc.defaultView ?? window).CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(doc, sheet);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    const style = doc.createElement("style");
    style.textContent = css;
    if (root instanceof ShadowRoot) root.prepend(style);
    else doc.head.append(style);
  }
}
