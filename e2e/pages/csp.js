// README's element snippet as an external module, the shape a strict CSP (no inline scripts) needs.
import init from "/graph-change-password.js";

window.violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));

const form = document.querySelector("graph-change-password");
form.getToken = async () => "demo-token";   // the page's sign-in
await init({ module_or_path: "/graph-change-password_bg.wasm" });
