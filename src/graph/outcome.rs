//! What a changePassword answer means for the user and the host, per kind of outcome in one
//! place: the closed list of kinds (`kinds!`, with README's row for each), the pure mapping from
//! status, headers and body to an [`Outcome`] (a test per row), and the headline each outcome
//! is told with. The view only renders outcomes.

use super::envelope::Envelope;
use super::retry_after::parse_retry_after;
use crate::i18n::texts::{Key, Texts};
use crate::i18n::{about, duration};
pub use crate::token::{Reason, TokenError};

/// Why the directory refused the new password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyReason {
    Complexity,
    Banned,
    RecentlyUsed,
}

/// When the server asks to be tried again, if the browser could read `Retry-After` (newer
/// Graph responses expose it through CORS; older ones did not).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryAfter {
    Seconds(u32),
    /// An HTTP date, as the wait from when the answer came: about this many seconds (the two
    /// clocks may differ), so it is told as a wait in the user's language, never as a date in
    /// English and GMT.
    About(u32),
}

/// What Graph said about a failure, for the "details for your help desk" line.
/// `message` is Graph's developer text: never a headline, only a detail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Details {
    pub status: u16,
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    pub date: Option<String>,
}

/// Everything a user must be told after pressing "Change password", one variant each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Changed,
    WrongCurrentPassword(Details),
    PolicyRejected(PolicyReason, Details),
    BadRequest(Details),
    SignInExpired(Details),
    Forbidden(Details),
    Throttled(Option<RetryAfter>, Details),
    Unavailable(Option<RetryAfter>, Details),
    ServerError(Details),
    /// An answer this component cannot interpret, or a 2xx other than 204: never success.
    Unexpected(Details),
    /// Graph's address answered with a redirect, which is never followed (Graph does not
    /// redirect this call; a proxy, a captive portal or a wrong `baseUrl` does).
    Redirected,
    /// The connection failed before any answer.
    NetworkError,
    /// Sent, and no answer within `timeoutMs`: the change may have gone through.
    Timeout,
    /// The host page gave no usable access token for this call, so nothing was sent.
    TokenUnavailable(TokenError, Reason),
}

/// What one submit came to, with the id support can trace it by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub outcome: Outcome,
    /// The `client-request-id` of the last request sent, if one was sent.
    pub client_request_id: Option<String>,
}

impl Attempt {
    /// An outcome with no request id.
    pub fn of(outcome: Outcome) -> Self {
        Self {
            outcome,
            client_request_id: None,
        }
    }
}

macro_rules! kinds {
    ($( $variant:ident = $kind:literal; says $says:literal; reads $reads:literal; )*) => {
        /// Why a change failed, as hosts see it: a closed list, a stable contract (README). The
        /// string forms are the JS `detail.kind` values.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum FailureKind { $($variant),* }

        impl FailureKind {
            pub const ALL: &'static [FailureKind] = &[$(FailureKind::$variant),*];

            /// The JS `detail.kind` string.
            pub fn as_str(self) -> &'static str {
                const KINDS: &[&str] = &[$($kind),*];
                KINDS[self as usize]
            }

            /// README's row: what Graph or the network says, and what the user reads.
            #[cfg(test)]
            pub fn readme(self) -> (&'static str, &'static str) {
                const ROWS: &[(&str, &str)] = &[$(($says, $reads)),*];
                ROWS[self as usize]
            }
        }
    };
}

kinds! {
    WrongCurrentPassword = "wrong-current-password";
        says "400, current password wrong";
        reads "Your current password is not correct… (only that field is cleared, and focused; no error summary); after an uncertain answer, that the previous attempt may have gone through";
    PolicyRejected = "policy-rejected";
        says "400, complexity / banned / recently used";
        reads "One message each, saying what to choose instead";
    BadRequest = "bad-request";
        says "400, anything else";
        reads "Microsoft Graph could not accept this request…";
    SignInExpired = "sign-in-expired";
        says "401, with any body or none, after one retry with a fresh token";
        reads "Your sign-in has expired. Sign in again…";
    Forbidden = "forbidden";
        says "403, with any body or none";
        reads "You cannot change your password here… contact your help desk";
    Throttled = "throttled";
        says "429";
        reads "Too many attempts… wait (and how long, if `Retry-After` is readable)";
    Unavailable = "unavailable";
        says "503";
        reads "Microsoft Graph is temporarily unavailable…";
    ServerError = "server-error";
        says "502 or 504 (a gateway that may have passed the change on); other 5xx, JSON or not";
        reads "502/504: your password may or may not have changed, try the new one first; others: Microsoft Graph had a problem (error N)…";
    UnexpectedResponse = "unexpected-response";
        says "a 2xx other than 204 (a proxy's or captive portal's page), anything else unparsable, or a redirect (never followed: `redirect: \"manual\"`, `status: null`)";
        reads "Something went wrong… (HTTP N), or …answered with a redirect…";
    NetworkError = "network-error";
        says "connection failed (it may have dropped after the request was sent)";
        reads "Cannot reach Microsoft Graph. Check your internet connection…";
    Timeout = "timeout";
        says "sent, and no answer within `timeoutMs` (request aborted)";
        reads "…no answer within N seconds; your password may or may not have changed";
    TokenUnavailable = "token-unavailable";
        says "no usable token: `getToken` threw, rejected, gave a non-string, an empty or header-unsafe string, or did not settle within `timeoutMs` (nothing sent; with sign-out everywhere checked, for either token)";
        reads "Your sign-in has expired. Sign in again… / …did not respond within N seconds, so nothing was sent… / …could not give permission to sign you out everywhere…";
}

impl std::fmt::Display for FailureKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `kind` of a success.
pub const CHANGED: &str = "changed";

/// What `password-change-failed` (and the Leptos `on_failed`) carries: why, and what support
/// traces it by. Never a password or token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub kind: FailureKind,
    /// The HTTP status the browser reported; `None` when there was none (nothing sent, no
    /// answer, an opaque redirect).
    pub status: Option<u16>,
    /// Graph's `request-id`, when Graph answered with one.
    pub request_id: Option<String>,
    pub client_request_id: Option<String>,
}

impl Failure {
    /// `None` for a success.
    pub fn of(attempt: &Attempt) -> Option<Self> {
        let outcome = &attempt.outcome;
        Some(Self {
            kind: outcome.failure_kind()?,
            status: outcome.status(),
            request_id: outcome.details().and_then(|d| d.request_id.clone()),
            client_request_id: attempt.client_request_id.clone(),
        })
    }
}

impl Outcome {
    /// Why it failed, as hosts see it; `None` for success.
    pub fn failure_kind(&self) -> Option<FailureKind> {
        Some(match self {
            Outcome::Changed => return None,
            Outcome::WrongCurrentPassword(_) => FailureKind::WrongCurrentPassword,
            Outcome::PolicyRejected(..) => FailureKind::PolicyRejected,
            Outcome::BadRequest(_) => FailureKind::BadRequest,
            Outcome::SignInExpired(_) => FailureKind::SignInExpired,
            Outcome::Forbidden(_) => FailureKind::Forbidden,
            Outcome::Throttled(..) => FailureKind::Throttled,
            Outcome::Unavailable(..) => FailureKind::Unavailable,
            Outcome::ServerError(_) => FailureKind::ServerError,
            Outcome::Unexpected(_) | Outcome::Redirected => FailureKind::UnexpectedResponse,
            Outcome::NetworkError => FailureKind::NetworkError,
            Outcome::Timeout => FailureKind::Timeout,
            Outcome::TokenUnavailable(..) => FailureKind::TokenUnavailable,
        })
    }

    /// Stable machine name: `changed`, or the failure's kind (`detail.kind` in JS).
    pub fn kind(&self) -> &'static str {
        self.failure_kind().map_or(CHANGED, FailureKind::as_str)
    }

    /// The HTTP status the browser reported, when there was one to read.
    pub fn status(&self) -> Option<u16> {
        match self {
            Outcome::Changed => Some(204),
            other => other.details().map(|d| d.status),
        }
    }

    /// Graph's details, when Graph answered.
    pub fn details(&self) -> Option<&Details> {
        match self {
            Outcome::WrongCurrentPassword(d)
            | Outcome::PolicyRejected(_, d)
            | Outcome::BadRequest(d)
            | Outcome::SignInExpired(d)
            | Outcome::Forbidden(d)
            | Outcome::Throttled(_, d)
            | Outcome::Unavailable(_, d)
            | Outcome::ServerError(d)
            | Outcome::Unexpected(d) => Some(d),
            Outcome::Changed
            | Outcome::Redirected
            | Outcome::NetworkError
            | Outcome::Timeout
            | Outcome::TokenUnavailable(..) => None,
        }
    }

    /// Whether the password may have changed although no 204 arrived: no answer in time, a
    /// connection lost (a browser cannot tell "never sent" from "dropped after sending"), or a
    /// gateway's 502 or 504 (the directory behind it may have applied the change).
    pub fn is_uncertain(&self) -> bool {
        match self {
            Outcome::Timeout | Outcome::NetworkError => true,
            Outcome::ServerError(d) => is_gateway(d.status),
            _ => false,
        }
    }

    /// Whether Graph checked the current password and found it right, so an earlier uncertain
    /// attempt is settled: it changed nothing.
    pub fn settles_uncertainty(&self) -> bool {
        matches!(self, Outcome::Changed | Outcome::PolicyRejected(..))
    }

    /// The headline: what happened and what to do, never Graph's raw message. `timeout_ms`
    /// is the wait it ran under; `after_uncertain` that an earlier attempt may have gone through.
    pub fn headline(&self, t: &Texts, timeout_ms: u32, after_uncertain: bool) -> String {
        let waited = || duration(t, timeout_ms.div_ceil(1000));
        // With a known wait, the wait is the advice: "a few minutes" would contradict it.
        let with_retry =
            |short: Key, long: Key, retry: &Option<RetryAfter>| match retry_hint(t, retry) {
                Some(hint) => t.sentences(&[t.get(short), &hint]),
                None => t.get(long).to_owned(),
            };
        match self {
            Outcome::Changed => t.get(Key::Changed).to_owned(),
            Outcome::WrongCurrentPassword(_) if after_uncertain => {
                t.sentences(&[t.get(Key::WrongCurrent), t.get(Key::PreviousMayHaveChanged)])
            }
            Outcome::WrongCurrentPassword(_) => t.get(Key::WrongCurrent).to_owned(),
            // The form sends only passwords that met every rule on screen, so when Graph still
            // says "complexity" the directory found it too easy to guess (Microsoft answers
            // banned passwords with that text) or too close to one used before.
            Outcome::PolicyRejected(reason, _) => t
                .get(match reason {
                    PolicyReason::Complexity => Key::PolicyComplexity,
                    PolicyReason::Banned => Key::PolicyBanned,
                    PolicyReason::RecentlyUsed => Key::PolicyRecentlyUsed,
                })
                .to_owned(),
            Outcome::BadRequest(_) => t.get(Key::BadRequest).to_owned(),
            Outcome::TokenUnavailable(_, Reason::Revoke) => {
                t.get(Key::RevokeTokenUnavailable).to_owned()
            }
            Outcome::TokenUnavailable(TokenError::TimedOut, _) => {
                t.fill(Key::TokenTimedOut, &[("duration", &waited())])
            }
            Outcome::SignInExpired(_) | Outcome::TokenUnavailable(..) => {
                t.get(Key::SignInExpired).to_owned()
            }
            Outcome::Forbidden(_) => t.get(Key::Forbidden).to_owned(),
            Outcome::Throttled(retry, _) => with_retry(Key::TooManyAttempts, Key::Throttled, retry),
            Outcome::Unavailable(retry, _) => with_retry(Key::Unavailable, Key::Unavailable, retry),
            Outcome::ServerError(d) if is_gateway(d.status) => {
                t.fill(Key::GatewayUncertain, &[("status", &d.status.to_string())])
            }
            Outcome::ServerError(d) => {
                t.fill(Key::ServerError, &[("status", &d.status.to_string())])
            }
            Outcome::Unexpected(d) => t.fill(Key::Unexpected, &[("status", &d.status.to_string())]),
            Outcome::Redirected => t.get(Key::Redirected).to_owned(),
            Outcome::NetworkError => t.get(Key::NetworkError).to_owned(),
            Outcome::Timeout => t.fill(Key::Timeout, &[("duration", &waited())]),
        }
    }
}

/// A gateway's "no answer from behind me": the request may have been passed on.
fn is_gateway(status: u16) -> bool {
    matches!(status, 502 | 504)
}

fn retry_hint(t: &Texts, retry: &Option<RetryAfter>) -> Option<String> {
    match retry {
        Some(RetryAfter::Seconds(0)) | None => None,
        Some(RetryAfter::Seconds(s)) => {
            Some(t.fill(Key::RetryIn, &[("duration", &duration(t, *s))]))
        }
        Some(RetryAfter::About(0)) => None,
        Some(RetryAfter::About(s)) => Some(t.fill(Key::RetryAbout, &[("duration", &about(t, *s))])),
    }
}

/// Graph's details from its error envelope; `None` unless the body is that envelope.
fn graph_details(status: u16, body: &str) -> Option<Details> {
    let error = Envelope::parse(body)?.error;
    let inner = error.inner_error;
    let (request_id, date) = inner.map_or((None, None), |i| (i.request_id, i.date));
    Some(Details {
        status,
        code: error.code,
        message: error.message,
        request_id,
        date,
    })
}

/// What a 400 can mean, as far as the user is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BadRequestKind {
    WrongCurrent,
    Policy(PolicyReason),
}

/// Known wording of Graph's 400 answers to changePassword, several phrasings per case, from
/// `shared/graph-docs/EVIDENCE.md` (R = a real response, D = Microsoft documentation, I =
/// inferred). Graph sends the generic code `Request_BadRequest` for all of them, so the message
/// decides; matched case-insensitively, first row wins (policy rows first: their texts may
/// mention the current password).
const BAD_REQUEST_WORDING: &[(BadRequestKind, &[&str])] = &[
    // D: "The last password can't be used again when the user changes a password"
    // (concept-sspr-policy); no API text is published, so the phrasings are I.
    (
        BadRequestKind::Policy(PolicyReason::RecentlyUsed),
        &[
            "recently used",
            "used recently",
            "password history",
            "previously used",
            "can't be used again",
            "cannot be used again",
        ],
    ),
    // D: Entra Password Protection's own UI wording (concept-password-ban-bad), not an API
    // text; "banned" and "too common" are I.
    (
        BadRequestKind::Policy(PolicyReason::Banned),
        &[
            "easily guessable",
            "too many times",
            "harder for people to guess",
            "harder to guess",
            "banned",
            "too common",
        ],
    ),
    // R: "The specified password does not comply with password complexity requirements. Please
    // provide a different password." Banned passwords very likely come back with it too (I).
    (
        BadRequestKind::Policy(PolicyReason::Complexity),
        &[
            "password complexity",
            "does not comply",
            "complexity",
            "does not meet",
            "password policy",
        ],
    ),
    // I: no Microsoft text for a wrong current password exists anywhere (an open-source Graph
    // look-alike answers 400); these are the phrasings such APIs use.
    (
        BadRequestKind::WrongCurrent,
        &[
            "current password is incorrect",
            "invalid currentpassword",
            "old password is incorrect",
            "password is incorrect",
            "incorrect password",
            "wrong password",
            "current password is wrong",
            "current password does not match",
        ],
    ),
];

fn bad_request_kind(message: &str) -> Option<BadRequestKind> {
    let message = message.to_ascii_lowercase();
    BAD_REQUEST_WORDING
        .iter()
        .find(|(_, phrasings)| phrasings.iter().any(|p| message.contains(p)))
        .map(|(kind, _)| *kind)
}

/// Maps Graph's answer to an outcome. `retry_after` is the `Retry-After` header if the browser
/// could read it; `body` is the response text (Graph's error JSON, or anything else); `now` is
/// when it came (seconds since 1970), for a `Retry-After` given as a date.
/// Only 204 is success: a 200 with a page in it comes from a proxy or portal, not from Graph.
pub fn classify(status: u16, retry_after: Option<&str>, body: &str, now: u64) -> Outcome {
    if status == 204 {
        return Outcome::Changed;
    }
    let parsed = graph_details(status, body);
    let understood = parsed.is_some();
    let details = parsed.unwrap_or(Details {
        status,
        ..Details::default()
    });
    let retry = || parse_retry_after(retry_after, now);
    match status {
        // Throttling, outages, server errors and authorisation are told apart by status alone:
        // gateways and front doors send them as HTML, plain text or nothing at all.
        429 => Outcome::Throttled(retry(), details),
        503 => Outcome::Unavailable(retry(), details),
        500..=599 => Outcome::ServerError(details),
        401 => Outcome::SignInExpired(details),
        403 => Outcome::Forbidden(details),
        400 if understood => match details.message.as_deref().and_then(bad_request_kind) {
            Some(BadRequestKind::WrongCurrent) => Outcome::WrongCurrentPassword(details),
            Some(BadRequestKind::Policy(reason)) => Outcome::PolicyRejected(reason, details),
            None => Outcome::BadRequest(details),
        },
        _ => Outcome::Unexpected(details),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph_error(code: &str, message: &str) -> String {
        serde_json::json!({"error": {"code": code, "message": message, "innerError": {
            "date": "2026-11-25T10:00:00", "request-id": "rid-1", "client-request-id": "cid-1"}}})
        .to_string()
    }

    fn details(code: &str, message: &str, status: u16) -> Details {
        Details {
            status,
            code: Some(code.into()),
            message: Some(message.into()),
            request_id: Some("rid-1".into()),
            date: Some("2026-11-25T10:00:00".into()),
        }
    }

    #[test]
    fn gateways_timeouts_and_lost_connections_are_uncertain() {
        let d = |status| Details {
            status,
            ..Details::default()
        };
        for o in [
            Outcome::Timeout,
            Outcome::NetworkError,
            Outcome::ServerError(d(502)),
            Outcome::ServerError(d(504)),
        ] {
            assert!(o.is_uncertain(), "{o:?}");
        }
        for o in [
            Outcome::ServerError(d(500)),
            Outcome::Unavailable(None, d(503)),
            Outcome::WrongCurrentPassword(d(400)),
            Outcome::Redirected,
            Outcome::TokenUnavailable(TokenError::Threw, Reason::Change),
            Outcome::Changed,
        ] {
            assert!(!o.is_uncertain(), "{o:?}");
        }
        assert!(Outcome::Changed.settles_uncertainty());
        assert!(Outcome::PolicyRejected(PolicyReason::Banned, d(400)).settles_uncertainty());
        assert!(!Outcome::WrongCurrentPassword(d(400)).settles_uncertainty());
    }

    #[test]
    fn no_content_is_success() {
        assert_eq!(classify(204, None, "", 0), Outcome::Changed);
    }

    #[test]
    fn wrong_current_password_wordings() {
        for msg in [
            "The current password is incorrect.",
            "Invalid currentPassword.",
            "Old password is incorrect",
            "INCORRECT PASSWORD",
        ] {
            let body = graph_error("Request_BadRequest", msg);
            assert_eq!(
                classify(400, None, &body, 0),
                Outcome::WrongCurrentPassword(details("Request_BadRequest", msg, 400)),
                "{msg}"
            );
        }
    }

    #[test]
    fn policy_rejections_by_reason() {
        let cases = [
            (
                "The specified password does not comply with password complexity requirements. Please provide a different password.",
                PolicyReason::Complexity,
            ),
            ("The password contains a banned word.", PolicyReason::Banned),
            ("Your password contains a word, phrase, or pattern that makes your password easily guessable.", PolicyReason::Banned),
            ("We've seen that password too many times before. Choose something harder to guess.", PolicyReason::Banned),
            ("Choose a password that's harder for people to guess.", PolicyReason::Banned),
            ("The last password can't be used again.", PolicyReason::RecentlyUsed),
            ("The specified password has been used recently; choose another one.", PolicyReason::RecentlyUsed),
            ("The new password cannot be one you have previously used.", PolicyReason::RecentlyUsed),
        ];
        for (msg, reason) in cases {
            let body = graph_error("Request_BadRequest", msg);
            assert!(
                matches!(classify(400, None, &body, 0), Outcome::PolicyRejected(r, _) if r == reason),
                "{msg}"
            );
        }
    }

    #[test]
    fn other_bad_request() {
        let body = graph_error(
            "Request_BadRequest",
            "Invalid value specified for property 'newPassword'.",
        );
        assert!(
            matches!(classify(400, None, &body, 0), Outcome::BadRequest(d) if d.request_id.as_deref() == Some("rid-1"))
        );
    }

    #[test]
    fn unauthorized_is_expired_sign_in() {
        let msg = "Access token has expired or is not yet valid.";
        let body = graph_error("InvalidAuthenticationToken", msg);
        assert_eq!(
            classify(401, None, &body, 0),
            Outcome::SignInExpired(details("InvalidAuthenticationToken", msg, 401))
        );
    }

    #[test]
    fn forbidden() {
        let body = graph_error(
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        );
        assert!(
            matches!(classify(403, None, &body, 0), Outcome::Forbidden(d) if d.code.as_deref() == Some("Authorization_RequestDenied"))
        );
    }

    #[test]
    fn throttled_with_and_without_readable_retry_after() {
        let body = graph_error("TooManyRequests", "Too many requests.");
        assert!(matches!(
            classify(429, None, &body, 0),
            Outcome::Throttled(None, _)
        ));
        assert!(matches!(
            classify(429, Some("30"), &body, 0),
            Outcome::Throttled(Some(RetryAfter::Seconds(30)), _)
        ));
        assert!(
            matches!(classify(429, Some(" "), "", 0), Outcome::Throttled(None, d) if d.status == 429)
        );
    }

    #[test]
    fn unavailable_is_not_throttled() {
        let date = "Wed, 25 Nov 2026 10:00:00 GMT";
        assert_eq!(
            classify(503, Some(date), "<html>down</html>", 1_795_600_800 - 60),
            Outcome::Unavailable(
                Some(RetryAfter::About(60)),
                Details {
                    status: 503,
                    ..Details::default()
                }
            )
        );
    }

    #[test]
    fn other_server_errors() {
        let body = graph_error("generalException", "An unexpected error occurred.");
        assert!(
            matches!(classify(500, None, &body, 0), Outcome::ServerError(d) if d.status == 500)
        );
        assert!(
            matches!(classify(502, None, &body, 0), Outcome::ServerError(d) if d.status == 502)
        );
        assert_eq!(
            classify(
                500,
                None,
                "<html><body>Internal Server Error</body></html>",
                0
            ),
            Outcome::ServerError(Details {
                status: 500,
                ..Details::default()
            })
        );
    }

    #[test]
    fn only_204_is_success_every_other_2xx_is_unexpected() {
        for (status, body) in [
            (200, "<html><body>Sign in to the Wi-Fi</body></html>"),
            (200, "{}"),
            (201, ""),
            (202, ""),
            (205, ""),
            (206, ""),
            (299, ""),
        ] {
            assert_eq!(
                classify(status, None, body, 0),
                Outcome::Unexpected(Details {
                    status,
                    ..Details::default()
                }),
                "{status}"
            );
        }
        assert_eq!(classify(200, None, "", 0).status(), Some(200));
    }

    #[test]
    fn unauthorized_and_forbidden_are_decided_by_status_whatever_the_body() {
        for body in ["", "<html>401</html>", "[]", "{\"error\": \"a string\"}"] {
            assert!(
                matches!(classify(401, None, body, 0), Outcome::SignInExpired(d) if d.status == 401),
                "{body:?}"
            );
            assert!(
                matches!(classify(403, None, body, 0), Outcome::Forbidden(d) if d.status == 403),
                "{body:?}"
            );
        }
    }

    #[test]
    fn unparsable_bodies_keep_the_status() {
        for (status, body) in [
            (400, "<html><body>Bad Request</body></html>"),
            (400, "{\"error\": {\"code\": \"Request_BadRequest\""),
            (404, ""),
            (409, "[]"),
            (400, "{\"error\": \"a string\"}"),
        ] {
            assert_eq!(
                classify(status, None, body, 0),
                Outcome::Unexpected(Details {
                    status,
                    ..Details::default()
                }),
                "{body}"
            );
        }
    }

    #[test]
    fn unknown_statuses_are_unexpected() {
        let body = graph_error("Request_ResourceNotFound", "Resource not found.");
        assert!(
            matches!(classify(404, None, &body, 0), Outcome::Unexpected(d) if d.status == 404 && d.code.is_some())
        );
        assert!(matches!(classify(302, None, "", 0), Outcome::Unexpected(d) if d.status == 302));
        assert!(matches!(classify(0, None, "", 0), Outcome::Unexpected(d) if d.status == 0));
    }

    #[test]
    fn lowercase_innererror_and_missing_fields_are_accepted() {
        let body =
            r#"{"error":{"code":"Authorization_RequestDenied","innererror":{"request-id":"r2"}}}"#;
        assert!(
            matches!(classify(403, None, body, 0), Outcome::Forbidden(d) if d.request_id.as_deref() == Some("r2") && d.message.is_none())
        );
    }

    /// One of each outcome, for the tests of the closed list of kinds.
    fn every_outcome() -> Vec<Outcome> {
        let d = Details::default;
        vec![
            Outcome::Changed,
            Outcome::WrongCurrentPassword(d()),
            Outcome::PolicyRejected(PolicyReason::Banned, d()),
            Outcome::BadRequest(d()),
            Outcome::SignInExpired(d()),
            Outcome::Forbidden(d()),
            Outcome::Throttled(None, d()),
            Outcome::Unavailable(None, d()),
            Outcome::ServerError(d()),
            Outcome::Unexpected(d()),
            Outcome::NetworkError,
            Outcome::Timeout,
            Outcome::TokenUnavailable(TokenError::Threw, Reason::Change),
        ]
    }

    #[test]
    fn kinds_are_distinct_and_in_the_documented_closed_list() {
        let all = every_outcome();
        let mut kinds: Vec<_> = all.iter().map(Outcome::kind).collect();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds.len(), all.len());
        for o in &all {
            let documented =
                o.kind() == CHANGED || FailureKind::ALL.iter().any(|k| k.as_str() == o.kind());
            assert!(documented, "{}", o.kind());
        }
        assert_eq!(FailureKind::ALL.len() + 1, all.len(), "thirteen kinds");
        assert_eq!(Outcome::Redirected.kind(), "unexpected-response");
        assert_eq!(Outcome::Redirected.status(), None);
        for e in [TokenError::NotHeaderSafe, TokenError::TimedOut] {
            let o = Outcome::TokenUnavailable(e, Reason::Revoke);
            assert_eq!(o.kind(), "token-unavailable");
        }
    }
}
