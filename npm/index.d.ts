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

// <generated from src/config/table.rs, src/graph/outcome.rs, locales/en.js and src/i18n/mod.rs>
/** Options of `mount` (the element takes the same as attributes and properties). */
export interface MountOptions {
  /** access token for Graph, asked afresh for every request (see the token contract) (required). */
  getToken: GetToken;
  /** https:// only; http://localhost and http://127.0.0.1 for development; no user:password@, query, fragment, spaces or non-ASCII (default: https://graph.microsoft.com/v1.0). */
  baseUrl?: string;
  /** the signed-in user's UPN: fills a hidden autocomplete="username" field so password managers file the new password under it (default: none). */
  userPrincipalName?: string;
  /** sends to {baseUrl}/users/{percent-encoded userId}/changePassword (documented on the beta) instead of /me/…; Graph allows only the signed-in user's own object id or UPN there; empty, /, . and .. are refused (default: none). */
  userId?: string;
  /** how long to wait for getToken, then for Graph, in milliseconds (a whole number, 1–600000) (default: 30000). */
  timeoutMs?: number;
  /** offer "Also sign me out everywhere" (revokeSignInSessions) with the change (default: false). */
  offerSignOutEverywhere?: boolean;
  /** where "Forgot your password?" leads; "" hides it; https only (default: https://passwordreset.microsoftonline.com/). */
  resetPasswordUrl?: string;
  /** en, de, fr, es, pt-BR, ja, zh-Hans, ar, or a regional tag of one (de-AT); anything else falls to the next preference, with a warning (default: the page's lang, then the browser's). */
  locale?: Locale;
  /** your own sentences by key, in whatever locale is active (see Languages) (default: none). */
  strings?: Partial<Record<StringKey, string>>;
  /** leave out the form's own stylesheet (your page styles the .gcp classes itself) (default: false). */
  unstyled?: boolean;
  /** refuse a new password found in data breaches, by k-anonymity (only 5 hex characters of its SHA-1 leave the browser): true (attribute present, empty or "true") asks Have I Been Pwned's range API, a string is a mirror's base URL (same rules as baseUrl); see Breached passwords (default: false). */
  breachCheck?: boolean | string;
}

/** The element's observed attributes. */
export type Attribute =
  | "base-url"
  | "user-principal-name"
  | "user-id"
  | "timeout-ms"
  | "offer-sign-out-everywhere"
  | "reset-password-url"
  | "locale"
  | "unstyled"
  | "breach-check";

/** A built-in locale. */
export type BuiltInLocale =
  | "en"
  | "de"
  | "fr"
  | "es"
  | "pt-BR"
  | "ja"
  | "zh-Hans"
  | "ar";

/** A built-in locale, or a regional tag of one (`de-AT`, `pt-PT`, `zh-CN`). */
export type Locale = BuiltInLocale | `${"en" | "de" | "fr" | "es" | "pt" | "ja" | "zh" | "ar"}-${string}`;

/** Why a change failed: a closed list, a stable contract (new kinds only with a major version). */
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

/** The key of every sentence the form says (README lists them with their English). */
export type StringKey =
  | "label_current"
  | "label_new"
  | "label_confirm"
  | "show"
  | "hide"
  | "show_current"
  | "hide_current"
  | "show_new"
  | "hide_new"
  | "show_confirm"
  | "hide_confirm"
  | "submit"
  | "submitting"
  | "caps_lock"
  | "username"
  | "summary_title"
  | "requirements_title"
  | "rule_length"
  | "rule_categories"
  | "rule_allowed"
  | "rule_different"
  | "met"
  | "not_met"
  | "strength"
  | "strength_very_weak"
  | "strength_weak"
  | "strength_fair"
  | "strength_good"
  | "strength_strong"
  | "announce_met"
  | "announce_missing"
  | "announce_strength"
  | "required_current"
  | "required_new"
  | "required_confirm"
  | "too_short"
  | "too_long"
  | "too_few_kinds"
  | "disallowed"
  | "disallowed_more"
  | "char_tab"
  | "char_line_break"
  | "char_nbsp"
  | "char_invisible"
  | "char_combining"
  | "char_quoted"
  | "list_separator"
  | "list_last_separator"
  | "number_group"
  | "sentence_joiner"
  | "same_as_current"
  | "mismatch"
  | "breached"
  | "changed"
  | "wrong_current"
  | "previous_may_have_changed"
  | "policy_complexity"
  | "policy_banned"
  | "policy_recently_used"
  | "bad_request"
  | "sign_in_expired"
  | "token_timed_out"
  | "revoke_token_unavailable"
  | "forbidden"
  | "throttled"
  | "too_many_attempts"
  | "unavailable"
  | "retry_in"
  | "retry_about"
  | "seconds"
  | "minutes"
  | "server_error"
  | "gateway_uncertain"
  | "unexpected"
  | "redirected"
  | "network_error"
  | "timeout"
  | "details_prefix"
  | "details_code"
  | "details_date"
  | "details_message"
  | "reset_link"
  | "sign_out_label"
  | "sign_out_hint"
  | "sign_out_pending"
  | "sign_out_done"
  | "sign_out_failed";
// </generated>

/** Whether `tag` names a built-in locale or a regional tag of one (after `init()`). Narrows a
 *  string you got at run time, such as `navigator.language`, to `Locale`. */
export function isLocale(tag: string): tag is Locale;

/** What `mount` returns. */
export interface MountHandle {
  /** Removes the form, aborting a request in flight (a sign-out everywhere already under way after a 204 completes); no event fires after it. */
  unmount(): void;
  /** Frees the JS handle only: the form stays until `unmount()`. */
  free(): void;
}

/** Whether the user asked, with this change, to be signed out everywhere. */
export type SignOutEverywhere = "requested" | "not-requested";

/** `password-changed`'s detail: fired the moment Graph answers 204. */
export interface PasswordChangedDetail {
  kind: "changed";
  status: 204;
  requestId: null;
  clientRequestId: string | null;
  /** `"requested"`: `sign-out-everywhere` follows with the result. */
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

/** `sign-out-everywhere`'s detail, after a `password-changed` that requested it. */
export interface SignOutEverywhereDetail {
  /** `"done"`: Graph accepted it; the user's sessions end within a few minutes (this page's
   *  own sign-in ends only when the page signs out). */
  result: "done" | "failed";
  /** The HTTP status the browser reported; `null` when there was none. */
  status: number | null;
  /** Graph's `request-id`, when the browser could read it. */
  requestId: string | null;
}

export interface GraphChangePasswordEventMap {
  "password-changed": CustomEvent<PasswordChangedDetail>;
  "password-change-failed": CustomEvent<PasswordChangeFailedDetail>;
  "sign-out-everywhere": CustomEvent<SignOutEverywhereDetail>;
}

/**
 * `<graph-change-password>`, with the attributes of `Attribute`: the form appears once the
 * element is connected and `getToken` is set, in either order; a `getToken` that is not a
 * function shows a message naming it instead.
 */
export interface GraphChangePasswordElement extends HTMLElement {
  getToken: GetToken | undefined;
  getAttribute(name: Attribute): string | null;
  getAttribute(name: string): string | null;
  setAttribute(name: Attribute, value: string): void;
  setAttribute(name: string, value: string): void;
  /** Your own sentences by key. */
  strings: Partial<Record<StringKey, string>> | undefined;
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
