// README snippet: msal
import { InteractionRequiredAuthError, PublicClientApplication } from "@azure/msal-browser";
import type { TokenRequest } from "graph-change-password";

const msal = new PublicClientApplication({
  auth: {
    clientId: "00000000-0000-0000-0000-000000000000", // your app registration
    authority: "https://login.microsoftonline.com/organizations",
  },
});
const ready = msal.initialize();
const scopes = ["https://graph.microsoft.com/User-PasswordProfile.ReadWrite.All"];

export async function getGraphToken({ forceRefresh, claims }: TokenRequest): Promise<string> {
  await ready;
  const account = msal.getActiveAccount() ?? undefined;
  try {
    return (await msal.acquireTokenSilent({ scopes, account, forceRefresh, claims })).accessToken;
  } catch (e) {
    if (e instanceof InteractionRequiredAuthError) {
      return (await msal.acquireTokenPopup({ scopes, account, claims })).accessToken;
    }
    throw e; // the form tells the user to sign in again, and sends nothing
  }
}
// end README snippet
