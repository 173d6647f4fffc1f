// The same element with the local Graph's demo token, so the test can change a password.
import init, { type FailureKind, type PasswordChangeFailedDetail } from "graph-change-password";

const form = document.querySelector("graph-change-password")!;
form.getToken = async () => "demo-token";
const seen: string[] = [];
document.addEventListener("password-changed", (e) => {
  seen.push(`${e.detail.kind} ${e.detail.status}`);
  document.body.dataset.events = seen.join(";");
});
form.addEventListener("password-change-failed", (e) => {
  const detail: PasswordChangeFailedDetail = e.detail;
  const kind: FailureKind = detail.kind;
  seen.push(`${kind} ${detail.status ?? "none"}`);
  document.body.dataset.events = seen.join(";");
});
await init();
