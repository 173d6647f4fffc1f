// README's MSAL helper with MSAL's silent call stubbed: records which scopes each call of the
// form's getToken asked MSAL for, and hands out the local Graph's demo token.
import type { AuthenticationResult, SilentRequest } from "@azure/msal-browser";
import init from "graph-change-password";
import { getGraphToken, msal } from "./auth";

const asked: { reason: string; scopes: string[]; forceRefresh: boolean }[] = [];
let reason = "";
msal.acquireTokenSilent = async (request: SilentRequest) => {
  asked.push({ reason, scopes: request.scopes, forceRefresh: request.forceRefresh ?? false });
  return { accessToken: "demo-token" } as AuthenticationResult;
};
(window as unknown as { asked: typeof asked }).asked = asked;

const query = new URLSearchParams(location.search);
const form = document.querySelector("graph-change-password")!;
form.setAttribute("base-url", query.get("graph") ?? "");
form.getToken = (request) => {
  reason = request.reason;
  return getGraphToken(request);
};
await init();
