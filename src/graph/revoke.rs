//! What "also sign me out everywhere" comes to: the choice as `password-changed` tells it, and
//! the pure reading of revokeSignInSessions' answer as Microsoft documents it.

use super::envelope::Envelope;

/// "Also sign me out everywhere", as the host is told with `password-changed`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignOutEverywhere {
    NotRequested,
    /// The user asked for it: `sign-out-everywhere` follows with the result.
    Requested,
}

impl SignOutEverywhere {
    /// `detail.signOutEverywhere` of `password-changed`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignOutEverywhere::NotRequested => "not-requested",
            SignOutEverywhere::Requested => "requested",
        }
    }
}

/// What revokeSignInSessions came to: `sign-out-everywhere`'s detail (Leptos:
/// `on_signed_out_everywhere`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedOutEverywhere {
    /// Graph accepted it: the user's other sessions end within a few minutes.
    pub done: bool,
    /// The HTTP status the browser reported; `None` when there was none.
    pub status: Option<u16>,
    /// Graph's `request-id`, when Graph answered with one.
    pub request_id: Option<String>,
}

impl SignedOutEverywhere {
    /// `detail.result`.
    pub fn result(&self) -> &'static str {
        if self.done {
            "done"
        } else {
            "failed"
        }
    }

    /// A revoke that got no answer a person could use (no token, no connection, no answer).
    pub fn unanswered() -> Self {
        Self {
            done: false,
            status: None,
            request_id: None,
        }
    }
}

/// Graph's answer to revokeSignInSessions when it has a body (`{"value": true}` today).
#[derive(serde::Deserialize)]
struct Revoked {
    value: Option<bool>,
}

/// Whether revokeSignInSessions succeeded, as Microsoft documents it: the reference says 204;
/// the service answers 200 with `{"value": true}` for now, and the known-issues page ("Revoke
/// sign-in sessions returns wrong HTTP code", shared/graph-docs/EVIDENCE.md) says to "treat any
/// 2xx return code as success for this API". So any 2xx whose body is empty or JSON that does
/// not say `value: false`; a `value: false`, a page that is not JSON (a portal's), a redirect
/// (never followed, so not seen here) or any other status is a failure.
/// `request_id` is Graph's `request-id` header, when the browser could read it.
pub fn revoked(status: u16, request_id: Option<String>, body: &str) -> SignedOutEverywhere {
    let done = (200..300).contains(&status)
        && (body.trim().is_empty()
            || super::json::from_json::<Revoked>(body).is_some_and(|r| r.value != Some(false)));
    let from_body = || {
        Envelope::parse(body)
            .and_then(|e| e.error.inner_error)
            .and_then(|i| i.request_id)
    };
    SignedOutEverywhere {
        done,
        status: Some(status),
        request_id: request_id.or_else(from_body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revoke_is_done_on_any_2xx_that_does_not_say_false() {
        let ok = r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean","value":true}"#;
        let done = |status, body| revoked(status, None, body).done;
        // Documented (204), observed (200, value true), and what the known-issues page says to
        // accept: any 2xx with an empty or JSON body that does not say false.
        assert!(done(204, ""));
        assert!(done(200, ok));
        assert!(done(200, ""));
        assert!(done(200, "{}"));
        assert!(done(202, "  "));
        for (status, body) in [
            (200, r#"{"value":false}"#),
            (200, "<html><body>Sign in to the Wi-Fi</body></html>"),
            (200, r#"{"value":"#),
            (302, ""),
            (403, ok),
            (500, ""),
            (401, ""),
        ] {
            assert!(!done(status, body), "{status} {body}");
        }
    }

    #[test]
    fn revoke_names_graphs_request_id_from_the_header_or_the_error() {
        let refused = r#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation.","innerError":{"request-id":"rid-9"}}}"#;
        let failed = revoked(403, None, refused);
        assert_eq!((failed.done, failed.status), (false, Some(403)));
        assert_eq!(failed.request_id.as_deref(), Some("rid-9"));
        assert_eq!(failed.result(), "failed");
        let done = revoked(204, Some("rid-1".into()), "");
        assert_eq!(
            (done.result(), done.request_id.as_deref()),
            ("done", Some("rid-1"))
        );
        assert_eq!(SignOutEverywhere::Requested.as_str(), "requested");
        assert_eq!(SignOutEverywhere::NotRequested.as_str(), "not-requested");
    }
}
