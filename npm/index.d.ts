// Types for graph-change-password: the options, the token contract, the handle, the element and
// its events. Written for people; e2e/readme.test.mjs holds the kinds and options to the Rust
// side and README, and e2e/vite-app's strict tsc run uses every option.

/** Why the component asks for a token. */
export type TokenReason = "change" | "retry" | "revoke";

/** The argument of `getToken`. Pass `forceRefresh` and `claims` on to MSAL's `acquireTokenSilent`. */
export interface TokenRequest {
  reason: TokenReason;
  /** True on the one retry after Graph answered 401: the cached token was refused. */
  forceRefresh: boolean;
  /** The decoded claims of Graph's `insufficient_claims` challenge, when it sent one. */
  claims?: string;
}

/**
 * Returns an access token for Microsoft Graph (visible ASCII, as JWTs are), or a Promise of one.
 * Throwing, rejecting, or not settling within `timeoutMs` means "no token": nothing is sent and
 * the user is asked to sign in again.
 */
export type GetToken = (request: TokenRequest) => string | PromiseLike<string>;

/** Options of `mount`. */
export interface MountOptions {
  getToken: GetToken;
  /** Default `https://graph.microsoft.com/v1.0`; `https://` only (http for localhost/127.0.0.1). */
  baseUrl?: string;
  /** The signed-in user's UPN, so password managers file the new password under it. */
  userPrincipalName?: string;
  /** Send to `/users/{userId}/changePassword` (the beta's addressing) instead of `/me/…`. */
  userId?: string;
  /** How long to wait for `getToken` and for Graph, in milliseconds (1–600000, default 30000). */
  timeoutMs?: number;
  /** Offer "Also sign me out everywhere" (Graph's revokeSignInSessions) after a change. */
  offerSignOutEverywhere?: boolean;
  /** Where "Forgot your password?" leads; default Microsoft's self-service reset; "" hides it. */
  resetPasswordUrl?: string;
  /** `en`, `de`, `fr`, `es`, `pt-BR`, `ja`, `zh-Hans`, `ar` (regional tags fall back); default:
   *  the nearest `lang`, then the browser's languages. */
  locale?: string;
  /** Your own sentences by key (README lists the keys), in whatever locale is active. */
  strings?: Record<string, string>;
}

/** What `mount` returns. */
export interface MountHandle {
  /** Removes the form, aborting a request in flight; no event fires after it. */
  unmount(): void;
  /** Frees the JS handle only: the form stays until `unmount()`. */
  free(): void;
}

/** Why a change failed: a closed list, a stable contract. */
export type FailureKind =
  | "wrong-current-password"
  | "policy-rejected"
  | "bad-request"
  | "sign-in-expired"
  | "forbidden"
  | "throttled"
  | "unavailable"
  | "server-error"
  | "unexpected-response"
  | "network-error"
  | "timeout"
  | "token-unavailable";

/** What became of "Also sign me out everywhere". */
export type SignOutEverywhere = "not-requested" | "done" | "failed";

/** `password-changed`'s detail; fired once a requested sign-out everywhere has finished too. */
export interface PasswordChangedDetail {
  kind: "changed";
  status: 204;
  requestId: null;
  clientRequestId: string | null;
  signOutEverywhere: SignOutEverywhere;
}

/** `password-change-failed`'s detail. Never a password or a token. */
export interface PasswordChangeFailedDetail {
  kind: FailureKind;
  /** The HTTP status the browser reported; `null` when there was none. */
  status: number | null;
  /** Graph's `request-id`, when Graph answered with one. */
  requestId: string | null;
  clientRequestId: string | null;
}

export interface GraphChangePasswordEventMap {
  "password-changed": CustomEvent<PasswordChangedDetail>;
  "password-change-failed": CustomEvent<PasswordChangeFailedDetail>;
}

/**
 * `<graph-change-password base-url user-principal-name user-id timeout-ms
 * offer-sign-out-everywhere reset-password-url locale>`: the form appears once the element is
 * connected and `getToken` is set, in either order.
 */
export interface GraphChangePasswordElement extends HTMLElement {
  getToken: GetToken | undefined;
  /** Your own sentences by key. */
  strings: Record<string, string> | undefined;
  addEventListener<K extends keyof GraphChangePasswordEventMap>(
    type: K,
    listener: (this: GraphChangePasswordElement, ev: GraphChangePasswordEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "graph-change-password": GraphChangePasswordElement;
  }
  // The events bubble: listen on the element, any ancestor, or the document.
  interface HTMLElementEventMap extends GraphChangePasswordEventMap {}
  interface DocumentEventMap extends GraphChangePasswordEventMap {}
}

/** Mounts the form inside `target`; throws an `Error` naming a bad option. */
export function mount(target: HTMLElement, options: MountOptions): MountHandle;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads the WebAssembly and defines `<graph-change-password>`. Importing alone does neither. */
export default function init(
  options?: { module_or_path?: InitInput | Promise<InitInput> },
): Promise<unknown>;

/** Synchronous `init` from already-fetched bytes or a compiled module. */
export function initSync(options: { module: BufferSource | WebAssembly.Module }): unknown;
