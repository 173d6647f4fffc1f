// Compile-time proof that the package's types are precise, not `any`: each line below that
// carries @ts-expect-error must be an error, or `tsc --noEmit` fails.
import { mount, type FailureKind, type TokenRequest } from "graph-change-password";

const target = document.createElement("div");
// @ts-expect-error: getToken must be a function
mount(target, { getToken: "a token" });
// @ts-expect-error: timeoutMs is a number
mount(target, { getToken: () => "t", timeoutMs: "30000" });
// @ts-expect-error: not one of the kinds
export const notAKind: FailureKind = "password-wrong";
// @ts-expect-error: reason is a closed list
export const badReason: TokenRequest = { reason: "login", forceRefresh: false };
const element = document.createElement("graph-change-password");
// @ts-expect-error: the event detail is typed
element.addEventListener("password-changed", (e) => e.detail.nope);
// @ts-expect-error: locale is a string
mount(target, { getToken: () => "t", locale: 7 });
export const handle = mount(target, {
  getToken: async (r) => (r.forceRefresh ? "a" : "b"),
  userId: "me@contoso.example",
  offerSignOutEverywhere: true,
  resetPasswordUrl: "",
  locale: "de",
  strings: { submit: "Kennwort ändern" },
});
handle.unmount();
element.strings = { submit: "Change it" };
element.addEventListener("password-changed", (e) => {
  const done: "not-requested" | "done" | "failed" = e.detail.signOutEverywhere;
  return done;
});
