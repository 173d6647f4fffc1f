//! Misbehaviours queued with `POST /_emulator/faults`, each applied to one upcoming
//! changePassword call (never to a preflight): what Graph, a gateway, a proxy or a captive
//! portal can answer instead of the normal outcome.

use crate::graph::{graph_error, EXPOSED, JSON_TYPE};
use crate::http::Response;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The claims a `claimsChallenge` fault asks for, exactly as carried (base64) in the
/// `claims="…"` parameter of its `WWW-Authenticate`: the shape of Microsoft's CAE example.
pub const CAE_CLAIMS: &str = r#"{"access_token":{"nbf":{"essential":true, "value":"1700000000"}}}"#;
/// Graph's message when CAE refuses a revoked token, as Microsoft's CAE documentation shows it (D).
const CAE_MESSAGE: &str = "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp";

/// How many calls one request may queue a fault for.
const MAX_TIMES: u64 = 100;

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
        #[serde(default)]
        expose_retry_after: bool,
    },
    /// 503 with `Retry-After`.
    #[serde(rename_all = "camelCase")]
    Unavailable { retry_after: u64 },
    /// 500 with an HTML page, as a failing front door sends.
    Html500,
    /// JSON cut off mid-way, with the given status.
    Malformed { status: u16 },
    /// Drop the connection without answering.
    Close,
    /// 401 with a Continuous Access Evaluation claims challenge in `WWW-Authenticate`.
    ClaimsChallenge,
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
}

/// Reads a `POST /_emulator/faults` body: the fault and how many calls it applies to
/// (`times`, 1 to 100, default 1). The error says what to fix.
pub fn parse(body: &[u8]) -> Result<(Fault, u64), String> {
    let mut request: Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    let fields = request
        .as_object_mut()
        .ok_or("a fault is a JSON object with a \"kind\"")?;
    let times = match fields.remove("times") {
        None => 1,
        Some(t) => t
            .as_u64()
            .filter(|n| (1..=MAX_TIMES).contains(n))
            .ok_or(format!(
                "`times` must be a whole number from 1 to {MAX_TIMES}, not {t}"
            ))?,
    };
    let fault: Fault = serde_json::from_value(request).map_err(|e| e.to_string())?;
    if let Fault::Answer {
        status,
        content_type,
        body,
        headers,
    } = &fault
    {
        check_answer(*status, content_type.as_deref(), body.is_some(), headers)?;
    }
    Ok((fault, times))
}

/// Refuses what HTTP cannot carry or what the emulator itself must write (the framing).
fn check_answer(
    status: u16,
    content_type: Option<&str>,
    has_body: bool,
    headers: &BTreeMap<String, String>,
) -> Result<(), String> {
    if !(200..=599).contains(&status) {
        return Err(format!(
            "`status` must be from 200 to 599 (1xx cannot be emulated), not {status}"
        ));
    }
    if has_body && matches!(status, 204 | 304) {
        return Err(format!("a {status} answer has no body: leave out `body`"));
    }
    let tchar = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    let value_ok = |v: &str| !v.chars().any(|c| c.is_control() && c != '\t');
    if !content_type.is_none_or(value_ok) {
        return Err("`contentType` must not contain control characters".to_owned());
    }
    for (name, value) in headers {
        let lower = name.to_ascii_lowercase();
        if name.is_empty() || !name.chars().all(tchar) {
            return Err(format!("`headers`: {name:?} is not a valid header name"));
        }
        if ["content-length", "transfer-encoding", "connection"].contains(&lower.as_str()) {
            return Err(format!(
                "`headers`: {name} is written by the emulator itself"
            ));
        }
        if lower == "content-type" {
            return Err("`headers`: give Content-Type as `contentType`".to_owned());
        }
        if !value_ok(value) {
            return Err(format!(
                "`headers`: the value of {name} must not contain control characters"
            ));
        }
    }
    Ok(())
}

impl Fault {
    /// What this fault does to `req`, a changePassword call.
    pub fn effect(&self, req: &crate::http::Request) -> Effect {
        let answer = match self {
            Fault::Delay { ms } => return Effect::Delay(*ms),
            Fault::Close => return Effect::Drop,
            // Graph's wording for 429 is longer ("Too many requests from Identifier:…", R); the
            // short form here is inferred, and clients must not depend on either.
            Fault::Throttle { retry_after, expose_retry_after } => {
                let r = graph_error(429, "TooManyRequests", "Too many requests.", req)
                    .header("Retry-After", retry_after.to_string());
                if *expose_retry_after {
                    r.header("Access-Control-Expose-Headers", format!("{EXPOSED}, Retry-After"))
                } else {
                    r
                }
            }
            // Inferred: Graph's 503 code and message for this endpoint are not published.
            Fault::Unavailable { retry_after } => graph_error(
                503,
                "serviceNotAvailable",
                "Service is temporarily unavailable.",
                req,
            )
            .header("Retry-After", retry_after.to_string()),
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

    #[test]
    fn times_and_answers_are_bounded() {
        assert_eq!(parse(br#"{"kind":"close"}"#).unwrap().1, 1);
        assert_eq!(parse(br#"{"kind":"close","times":100}"#).unwrap().1, 100);
        for bad in [r#"0"#, "101", "-1", "1.5", r#""2""#] {
            let body = format!(r#"{{"kind":"close","times":{bad}}}"#);
            assert!(
                parse(body.as_bytes()).unwrap_err().contains("`times`"),
                "{bad}"
            );
        }
        for (bad, names) in [
            (r#"{"kind":"answer","status":101}"#, "`status`"),
            (r#"{"kind":"answer","status":204,"body":"x"}"#, "`body`"),
            (
                r#"{"kind":"answer","status":200,"headers":{"X-A":"1\r\nX-B: 2"}}"#,
                "X-A",
            ),
            (
                r#"{"kind":"answer","status":200,"headers":{"Bad Name":"1"}}"#,
                "Bad Name",
            ),
            (
                r#"{"kind":"answer","status":200,"headers":{"content-length":"1"}}"#,
                "content-length",
            ),
            (
                r#"{"kind":"answer","status":200,"contentType":"a\nb"}"#,
                "`contentType`",
            ),
        ] {
            assert!(parse(bad.as_bytes()).unwrap_err().contains(names), "{bad}");
        }
        assert!(parse(br#"{"kind":"answer","status":302,"headers":{"Location":"/x"}}"#).is_ok());
    }
}
