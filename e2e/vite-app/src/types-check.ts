// Compile-time proof that the package's types are precise, not `any`: each line below that
// carries @ts-expect-error must be an error, or `tsc --noEmit` fails.
import { isLocale, mount, type FailureKind, type TokenRequest } from "graph-change-password";

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
// @ts-expect-error: locale is a locale tag, not a number
mount(target, { getToken: () => "t", locale: 7 });
// @ts-expect-error: "klingon" is not a locale
mount(target, { getToken: () => "t", locale: "klingon" });
// @ts-expect-error: a misspelt sentence key
mount(target, { getToken: () => "t", strings: { submitt: "Change it" } });
// @ts-expect-error: a misspelt option
mount(target, { getToken: () => "t", baseURL: "https://graph.microsoft.com/v1.0" });
// A regional tag passes; a string read at run time goes through isLocale.
mount(target, { getToken: () => "t", locale: "de-AT" });
const tag = navigator.language;
if (isLocale(tag)) mount(target, { getToken: () => "t", locale: tag });
export const handle = mount(target, {
  getToken: async (r) => (r.forceRefresh ? "a" : "b"),
  userId: "me@contoso.example",
  offerSignOutEverywhere: true,
  resetPasswordUrl: "",
  locale: "de",
  strings: { submit: "Kennwort ändern" },
  unstyled: true,
});
handle.unmount();
element.strings = { submit: "Change it" };
element.addEventListener("password-changed", (e) => {
  const asked: "requested" | "not-requested" = e.detail.signOutEverywhere;
  return asked;
});
element.addEventListener("sign-out-everywhere", (e) => {
  const result: "done" | "failed" = e.detail.result;
  return [result, e.detail.status, e.detail.requestId];
});
// @ts-expect-error: the sign-out result comes with its own event now
element.addEventListener("password-changed", (e) => e.detail.signOutEverywhere === "done");
