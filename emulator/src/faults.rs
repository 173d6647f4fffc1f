//! Misbehaviours queued with `POST /_emulator/faults`: what Graph, a gateway, a proxy or a
//! captive portal can answer instead of the normal outcome. Each applies to one upcoming call
//! (never to a preflight), `"times": 1–100` to that many. Two queues that never touch each other:
//! changePassword's (`/me/…` and `/users/{id}/…`, the default) and revokeSignInSessions'
//! (`"call": "revokeSignInSessions"`). Every kind works for either; in the order queued:
//! - `{"kind":"delay","ms":N}`: answer normally, N ms late.
//! - `{"kind":"throttle","retryAfter":N}`: 429 `TooManyRequests` with `Retry-After: N`, readable
//!   by browser scripts as on today's Graph; `"hideRetryAfter":true` leaves it out of
//!   `Access-Control-Expose-Headers`, as 2022's Graph did. `"exposeRetryAfter"` is still
//!   accepted (true: the default; false: hidden).
//! - `{"kind":"unavailable","retryAfter":N}`: 503 with `Retry-After`; `hideRetryAfter` likewise.
//! - `{"kind":"html500"}`, `{"kind":"malformed","status":N}`, `{"kind":"close"}`,
//!   `{"kind":"claimsChallenge"}`, `{"kind":"answer","status":N,"contentType":…,"body":…,
//!   "headers":{…}}`, `{"kind":"refuse","status":N}`, `{"kind":"appliedThenGatewayTimeout"}`,
//!   `{"kind":"appliedThenClose"}`: see [`Fault`].
//! - `{"kind":"revokeFails","status":N}` is `refuse` for the next revoke call (kept for scripts
//!   written before `call`).

use crate::graph::{graph_error, EXPOSED_WITHOUT_RETRY_AFTER, JSON_TYPE};
use crate::http::Response;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The claims a `claimsChallenge` fault asks for, exactly as carried (base64) in the
/// `claims="…"` parameter of its `WWW-Authenticate`: the shape of Microsoft's CAE example.
pub const CAE_CLAIMS: &str = r#"{"access_token":{"nbf":{"essential":true, "value":"1700000000"}}}"#;
/// Graph's message when CAE refuses a revoked token, as Microsoft's CAE documentation shows it (D).
const CAE_MESSAGE: &str = "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp";
/// The client app the 429 message names: made up, as the emulator has no app registration.
pub const EMULATED_APP_ID: &str = "0b7e5c1a-2f3d-4a6b-8c9d-e0f1a2b3c4d5";

/// A misbehaviour to apply to one upcoming changePassword call.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Fault {
    /// Wait, then answer normally.
    Delay { ms: u64 },
    /// 429 with Graph's throttling JSON and `Retry-After`.
    #[serde(rename_all = "camelCase")]
    Throttle {
        retry_after: u64,
        hide_retry_after: Option<bool>,
        /// The older switch, kept for compatibility: false hides.
        expose_retry_after: Option<bool>,
    },
    /// 503 with `Retry-After`.
    #[serde(rename_all = "camelCase")]
    Unavailable {
        retry_after: u64,
        hide_retry_after: Option<bool>,
        expose_retry_after: Option<bool>,
    },
    /// 500 with an HTML page, as a failing front door sends.
    Html500,
    /// JSON cut off mid-way, with the given status.
    Malformed { status: u16 },
    /// Drop the connection without answering.
    Close,
    /// 401 with a Continuous Access Evaluation claims challenge in `WWW-Authenticate`.
    ClaimsChallenge,
    /// Graph's error JSON with this status: 403 "Insufficient privileges to complete the
    /// operation." (real), or a 5xx `generalException` (wording inferred).
    Refuse { status: u16 },
    /// The call is carried out (the password changes), then the gateway in front answers 504
    /// with its own page: the client cannot tell it worked.
    AppliedThenGatewayTimeout,
    /// The call is carried out, then the connection drops before any answer.
    AppliedThenClose,
    /// Exactly this answer (plus CORS): a proxy, a captive portal, a gateway, odd Graph JSON.
    #[serde(rename_all = "camelCase")]
    Answer {
        status: u16,
        content_type: Option<String>,
        body: Option<String>,
        #[serde(default)]
        headers: BTreeMap<String, String>,
    },
}

/// What a fault does to the call it applies to.
pub enum Effect {
    /// Send this instead of Graph's answer.
    Answer(Response),
    /// Answer normally, this many milliseconds late.
    Delay(u64),
    /// Close the connection without a word.
    Drop,
    /// Carry the call out, then send this (a gateway's answer) or, with `None`, drop the
    /// connection.
    AfterTheCall(Option<Response>),
}

/// Whether a fault's switches hide `Retry-After` from browser scripts (exposed by default).
pub(crate) fn hides(hide: Option<bool>, expose: Option<bool>) -> bool {
    hide == Some(true) || expose == Some(false)
}

impl Fault {
    /// What this fault does to `req`, a changePassword call by the user with object id `caller`
    /// (none when the token names nobody).
    pub fn effect(&self, req: &crate::http::Request, caller: Option<&str>) -> Effect {
        let answer = match self {
            Fault::Delay { ms } => return Effect::Delay(*ms),
            Fault::Close => return Effect::Drop,
            Fault::AppliedThenClose => return Effect::AfterTheCall(None),
            // Inferred: a front door's timeout page; Graph's own gateway wording is not published.
            Fault::AppliedThenGatewayTimeout => {
                return Effect::AfterTheCall(Some(Response::new(504).body(
                    "text/html",
                    "<html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway Time-out</h1></body></html>",
                )))
            }
            Fault::Refuse { status } if *status == 403 => {
                crate::checks::insufficient_privileges(req)
            }
            // Graph's generic 5xx wording, common in public threads (not in EVIDENCE.md); that
            // these endpoints use it is inferred.
            Fault::Refuse { status } => graph_error(
                *status,
                "generalException",
                "General exception while processing.",
                req,
            ),
            // The shape is real ("Too many requests from Identifier:… under
            // category:throttle.aad…. Please try again later."); the identifier's parts and the
            // exact category string are inferred.
            Fault::Throttle {
                retry_after,
                hide_retry_after,
                expose_retry_after,
            } => {
                let identifier = caller.map_or_else(
                    || EMULATED_APP_ID.to_owned(),
                    |id| format!("{id}+{EMULATED_APP_ID}"),
                );
                let message = format!("Too many requests from Identifier:{identifier} under category:throttle.aad.ags.msgraph.me.changePassword. Please try again later.");
                let r = graph_error(429, "TooManyRequests", &message, req)
                    .header("Retry-After", retry_after.to_string());
                hidden_if(hides(*hide_retry_after, *expose_retry_after), r)
            }
            // Inferred: Graph's 503 code and message for this endpoint are not published.
            Fault::Unavailable {
                retry_after,
                hide_retry_after,
                expose_retry_after,
            } => {
                let r = graph_error(
                    503,
                    "serviceNotAvailable",
                    "Service is temporarily unavailable.",
                    req,
                )
                .header("Retry-After", retry_after.to_string());
                hidden_if(hides(*hide_retry_after, *expose_retry_after), r)
            }
            Fault::Html500 => Response::new(500).body(
                "text/html",
                "<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>",
            ),
            Fault::Malformed { status } => Response::new(*status)
                .body(JSON_TYPE, "{\"error\":{\"code\":\"generalException\",\"mess"),
            Fault::ClaimsChallenge => graph_error(401, "InvalidAuthenticationToken", CAE_MESSAGE, req)
                .header(
                    "WWW-Authenticate",
                    format!(
                        "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", error=\"insufficient_claims\", claims=\"{}\"",
                        base64(CAE_CLAIMS.as_bytes())
                    ),
                ),
            Fault::Answer { status, content_type, body, headers } => {
                let mut r = Response::new(*status);
                for (name, value) in headers {
                    r = r.header(name, value.as_str());
                }
                if let Some(t) = content_type {
                    r = r.header("Content-Type", t.as_str());
                }
                r.body = body.clone().unwrap_or_default().into_bytes();
                r
            }
        };
        Effect::Answer(answer)
    }
}

/// With `hide`, the answer exposes Graph's headers without `Retry-After`, as in 2022.
fn hidden_if(hide: bool, response: Response) -> Response {
    if hide {
        response.header("Access-Control-Expose-Headers", EXPOSED_WITHOUT_RETRY_AFTER)
    } else {
        response
    }
}

/// Standard base64 with padding (RFC 4648 §4), as the `claims` parameter carries it.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                ABC[((n >> (18 - 6 * i)) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_base64_is_the_claims() {
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(
            base64(CAE_CLAIMS.as_bytes()),
            "eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTcwMDAwMDAwMCJ9fX0="
        );
    }
}
