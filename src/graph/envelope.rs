//! Graph's error envelope and the changePassword body, as serde types:
//! `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`.
//! Unknown fields are ignored; Graph spells the inner object `innerError` or `innererror`.

use serde::{Deserialize, Serialize};

/// The request body, field names exactly as Graph documents them.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangePasswordBody<'a> {
    pub current_password: &'a str,
    pub new_password: &'a str,
}

/// The whole error answer.
#[derive(Deserialize)]
pub struct Envelope {
    pub error: GraphError,
}

/// `error`: a machine code and a developer message (never a headline for the user).
#[derive(Deserialize)]
pub struct GraphError {
    pub code: Option<String>,
    pub message: Option<String>,
    #[serde(rename = "innerError", alias = "innererror")]
    pub inner_error: Option<InnerError>,
}

/// `error.innerError`: what support traces the call by.
#[derive(Deserialize)]
pub struct InnerError {
    pub date: Option<String>,
    #[serde(rename = "request-id")]
    pub request_id: Option<String>,
    #[serde(rename = "client-request-id")]
    pub client_request_id: Option<String>,
}

impl ChangePasswordBody<'_> {
    /// The JSON text sent to Graph.
    pub fn to_json(&self) -> String {
        super::json::to_json(self).unwrap_or_default()
    }
}

impl Envelope {
    /// Reads the body text; `None` for anything that is not Graph's envelope (HTML, a cut-off
    /// body, JSON of another shape), so the status alone decides.
    pub fn parse(body: &str) -> Option<Self> {
        super::json::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_field_and_ignores_unknown_ones() {
        let e = Envelope::parse(
            r#"{"error":{"code":"Request_BadRequest","message":"m","extra":[1,2.5,null],
            "innerError":{"date":"2026-11-25T10:00:00","request-id":"r","client-request-id":"c","x":{}}},"more":true}"#,
        )
        .unwrap()
        .error;
        let inner = e.inner_error.unwrap();
        assert_eq!(e.code.as_deref(), Some("Request_BadRequest"));
        assert_eq!(e.message.as_deref(), Some("m"));
        assert_eq!(inner.date.as_deref(), Some("2026-11-25T10:00:00"));
        assert_eq!(inner.request_id.as_deref(), Some("r"));
        assert_eq!(inner.client_request_id.as_deref(), Some("c"));
    }

    #[test]
    fn lowercase_innererror_and_missing_fields() {
        let e = Envelope::parse(r#"{"error":{"innererror":{"request-id":"r2"}}}"#)
            .unwrap()
            .error;
        assert_eq!(e.code, None);
        assert_eq!(e.inner_error.unwrap().request_id.as_deref(), Some("r2"));
    }

    #[test]
    fn anything_else_is_not_an_envelope() {
        for body in [
            "",
            "<html><body>Bad Request</body></html>",
            r#"{"error":{"code":"Request_BadRequest""#,
            r#"{"error":"a string"}"#,
            "[]",
            "null",
            r#"{"value":true}"#,
        ] {
            assert!(Envelope::parse(body).is_none(), "{body:?}");
        }
    }

    #[test]
    fn body_has_exactly_the_two_documented_fields_escaped() {
        let body = ChangePasswordBody {
            current_password: "a\"b\\c",
            new_password: "x\ty\u{1}",
        }
        .to_json();
        assert_eq!(
            body,
            r#"{"currentPassword":"a\"b\\c","newPassword":"x\ty\u0001"}"#
        );
    }
}
