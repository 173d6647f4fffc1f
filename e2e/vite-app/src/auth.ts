// README snippet: msal
import { InteractionRequiredAuthError, PublicClientApplication } from "@azure/msal-browser";
import type { TokenRequest } from "graph-change-password";

export const msal = new PublicClientApplication({
  auth: {
    clientId: "00000000-0000-0000-0000-000000000000", // your app registration
    authority: "https://login.microsoftonline.com/organizations",
  },
});
const ready = msal.initialize();

// Each call needs its own delegated permission (both need admin consent).
const scopes = {
  change: ["https://graph.microsoft.com/User-PasswordProfile.ReadWrite.All"],
  revoke: ["https://graph.microsoft.com/User.RevokeSessions.All"],
};

export async function getGraphToken({ reason, forceRefresh, claims }: TokenRequest): Promise<string> {
  await ready;
  const account = msal.getActiveAccount() ?? undefined;
  const request = { scopes: reason === "revoke" ? scopes.revoke : scopes.change, account, claims };
  try {
    return (await msal.acquireTokenSilent({ ...request, forceRefresh })).accessToken;
  } catch (e) {
    if (e instanceof InteractionRequiredAuthError) {
      return (await msal.acquireTokenPopup(request)).accessToken; // allowed: asked at the click
    }
    throw e; // the form tells the user to sign in again, and sends nothing
  }
}
// end README snippet
