//! Reading a `POST /_emulator/faults` body: which queue the fault goes to, how many calls it
//! applies to, and refusals that say what to fix. The faults themselves are listed in `faults.rs`.

use crate::faults::Fault;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// How many calls one request may queue a fault for.
const MAX_TIMES: u64 = 100;

/// What one `POST /_emulator/faults` queues, and for which calls.
#[derive(Debug)]
pub enum Queued {
    /// For changePassword calls.
    ChangePassword(Fault),
    /// For revokeSignInSessions calls.
    Revoke(Fault),
    /// For the Pwned Passwords range stand-in.
    Range(Fault),
}

#[derive(Deserialize)]
struct RevokeFails {
    #[serde(default = "server_error")]
    status: u16,
}

fn server_error() -> u16 {
    500
}

/// Reads a `POST /_emulator/faults` body: the fault and how many calls it applies to
/// (`times`, 1 to 100, default 1). The error says what to fix.
pub fn parse(body: &[u8]) -> Result<(Queued, u64), String> {
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
    let call = match fields.remove("call") {
        None => "changePassword".to_owned(),
        Some(Value::String(call))
            if ["changePassword", "revokeSignInSessions", "range"].contains(&call.as_str()) =>
        {
            call
        }
        Some(other) => {
            return Err(format!(
            "`call` must be \"changePassword\", \"revokeSignInSessions\" or \"range\", not {other}"
        ))
        }
    };
    let fault = if fields.get("kind").and_then(Value::as_str) == Some("revokeFails") {
        let RevokeFails { status } = serde_json::from_value(request).map_err(|e| e.to_string())?;
        return Ok((Queued::Revoke(refusal(status)?), times));
    } else {
        serde_json::from_value(request).map_err(|e| e.to_string())?
    };
    match &fault {
        Fault::Refuse { status } => {
            refusal(*status)?;
        }
        Fault::Answer {
            status,
            content_type,
            body,
            headers,
        } => check_answer(*status, content_type.as_deref(), body.is_some(), headers)?,
        Fault::Throttle {
            hide_retry_after: Some(hide),
            expose_retry_after: Some(expose),
            ..
        }
        | Fault::Unavailable {
            hide_retry_after: Some(hide),
            expose_retry_after: Some(expose),
            ..
        } if hide == expose => {
            return Err(format!(
                "`hideRetryAfter`: {hide} and `exposeRetryAfter`: {expose} contradict each other; give one"
            ))
        }
        _ => {}
    }
    let queued = match call.as_str() {
        "revokeSignInSessions" => Queued::Revoke(fault),
        "range" => Queued::Range(fault),
        _ => Queued::ChangePassword(fault),
    };
    Ok((queued, times))
}

/// A `refuse` (or `revokeFails`) fault, if its status is one Graph refuses with here.
fn refusal(status: u16) -> Result<Fault, String> {
    if status == 403 || (500..=599).contains(&status) {
        Ok(Fault::Refuse { status })
    } else {
        Err(format!(
            "`status` of refuse must be 403 or from 500 to 599, not {status}"
        ))
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faults::hides;

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

    #[test]
    fn retry_after_switches_and_revoke_statuses() {
        let hidden = |json: &str| match parse(json.as_bytes()).unwrap().0 {
            Queued::ChangePassword(
                Fault::Throttle {
                    hide_retry_after: h,
                    expose_retry_after: e,
                    ..
                }
                | Fault::Unavailable {
                    hide_retry_after: h,
                    expose_retry_after: e,
                    ..
                },
            ) => hides(h, e),
            _ => panic!("{json}"),
        };
        assert!(!hidden(r#"{"kind":"throttle","retryAfter":5}"#));
        assert!(hidden(
            r#"{"kind":"throttle","retryAfter":5,"hideRetryAfter":true}"#
        ));
        assert!(hidden(
            r#"{"kind":"unavailable","retryAfter":5,"exposeRetryAfter":false}"#
        ));
        assert!(!hidden(
            r#"{"kind":"throttle","retryAfter":5,"exposeRetryAfter":true}"#
        ));
        let both =
            r#"{"kind":"throttle","retryAfter":5,"hideRetryAfter":true,"exposeRetryAfter":true}"#;
        assert!(parse(both.as_bytes()).unwrap_err().contains("contradict"));
        let status = |json: &str| match parse(json.as_bytes()) {
            Ok((Queued::Revoke(Fault::Refuse { status }), _)) => Ok(status),
            Ok(_) => panic!("{json}"),
            Err(e) => Err(e),
        };
        assert_eq!(status(r#"{"kind":"revokeFails"}"#), Ok(500));
        assert_eq!(
            status(r#"{"kind":"revokeFails","status":403,"times":2}"#),
            Ok(403)
        );
        assert_eq!(status(r#"{"kind":"revokeFails","status":503}"#), Ok(503));
        for bad in ["200", "404", "600"] {
            let json = format!(r#"{{"kind":"revokeFails","status":{bad}}}"#);
            assert!(status(&json).unwrap_err().contains("`status`"), "{bad}");
        }
    }

    #[test]
    fn any_fault_may_be_for_the_revoke() {
        let revoke = |json: &str| matches!(parse(json.as_bytes()), Ok((Queued::Revoke(_), _)));
        assert!(revoke(
            r#"{"kind":"delay","ms":5,"call":"revokeSignInSessions"}"#
        ));
        assert!(revoke(
            r#"{"kind":"answer","status":204,"call":"revokeSignInSessions"}"#
        ));
        assert!(revoke(
            r#"{"kind":"claimsChallenge","call":"revokeSignInSessions"}"#
        ));
        assert!(!revoke(r#"{"kind":"close","call":"changePassword"}"#));
        assert!(!revoke(r#"{"kind":"appliedThenGatewayTimeout"}"#));
        let bad = parse(br#"{"kind":"close","call":"me"}"#).unwrap_err();
        assert!(bad.contains("`call`"), "{bad}");
        let refuse = parse(br#"{"kind":"refuse","status":418}"#).unwrap_err();
        assert!(refuse.contains("`status`"), "{refuse}");
    }
}
