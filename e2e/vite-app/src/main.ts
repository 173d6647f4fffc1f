// README snippet: npm-vite
import init from "graph-change-password";
import { getGraphToken } from "./auth";

const form = document.querySelector("graph-change-password")!;
form.getToken = getGraphToken;
form.addEventListener("password-changed", (e) => {
  console.info("password changed", e.detail.clientRequestId);
});
form.addEventListener("password-change-failed", (e) => {
  console.info("not changed:", e.detail.kind, e.detail.status);
});
await init(); // loads the wasm and defines <graph-change-password>
// end README snippet
