// For the tests: the demo page, pointed at the local Graph and a locale given in the query.
import init from "graph-change-password";
const query = new URLSearchParams(location.search);
const form = document.querySelector("graph-change-password")!;
if (query.get("graph")) form.setAttribute("base-url", query.get("graph")!);
if (query.get("locale")) form.setAttribute("locale", query.get("locale")!);
form.getToken = async () => "demo-token";
await init();
