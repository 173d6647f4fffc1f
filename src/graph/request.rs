//! The changePassword request as data: URL, headers and body. Pure, so every byte that leaves the
//! page is checked by native tests; `client.rs` only hands it to the browser.

use super::json::write_string;

/// The Graph endpoint, relative to the base URL.
pub const PATH: &str = "me/changePassword";

/// Everything the browser needs to send one changePassword call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangePasswordRequest {
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

/// `{base}/me/changePassword`, whether or not the base ends with a slash.
pub fn endpoint(base_url: &str) -> String {
    format!("{}/{PATH}", base_url.trim_end_matches('/'))
}

/// Builds the request; `client_request_id` lets support trace the call (see [`uuid_v4`]).
pub fn build(
    base_url: &str,
    token: &str,
    client_request_id: &str,
    current_password: &str,
    new_password: &str,
) -> ChangePasswordRequest {
    // Field names exactly as Graph documents them.
    let mut body = String::with_capacity(40 + current_password.len() + new_password.len());
    body.push_str("{\"currentPassword\":");
    write_string(&mut body, current_password);
    body.push_str(",\"newPassword\":");
    write_string(&mut body, new_password);
    body.push('}');
    ChangePasswordRequest {
        url: endpoint(base_url),
        headers: vec![
            ("Authorization", format!("Bearer {token}")),
            ("Content-Type", "application/json".to_owned()),
            ("client-request-id", client_request_id.to_owned()),
        ],
        body,
    }
}

/// Formats 16 random bytes as an RFC 4122 version-4 UUID, the shape Graph expects in
/// `client-request-id`.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        for nibble in [b >> 4, b & 0x0f] {
            out.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_joins_with_and_without_trailing_slash() {
        let want = "https://graph.microsoft.com/v1.0/me/changePassword";
        assert_eq!(endpoint("https://graph.microsoft.com/v1.0"), want);
        assert_eq!(endpoint("https://graph.microsoft.com/v1.0/"), want);
        assert_eq!(
            endpoint("http://127.0.0.1:8787/beta//"),
            "http://127.0.0.1:8787/beta/me/changePassword"
        );
    }

    #[test]
    fn headers_carry_bearer_token_json_type_and_request_id() {
        let req = build("https://g/v1.0", "tok.en", "id-1", "a", "b");
        assert_eq!(
            req.headers,
            vec![
                ("Authorization", "Bearer tok.en".to_owned()),
                ("Content-Type", "application/json".to_owned()),
                ("client-request-id", "id-1".to_owned()),
            ]
        );
    }

    #[test]
    fn body_is_exactly_the_two_documented_fields() {
        let req = build(
            "https://g/v1.0",
            "t",
            "i",
            "xWwvJ]6NMw+bWH-d",
            "0eM85N54wFxWwvJ]",
        );
        assert_eq!(
            req.body,
            r#"{"currentPassword":"xWwvJ]6NMw+bWH-d","newPassword":"0eM85N54wFxWwvJ]"}"#
        );
    }

    #[test]
    fn body_escapes_quotes_backslashes_and_controls() {
        let req = build("b", "t", "i", "a\"b\\c", "x\ty");
        let parsed: serde_json::Value = serde_json::from_str(&req.body).unwrap();
        assert_eq!(parsed["currentPassword"], "a\"b\\c");
        assert_eq!(parsed["newPassword"], "x\ty");
    }

    #[test]
    fn passwords_never_reach_the_url() {
        let req = build("https://g/v1.0", "t", "i", "Secret-1", "Secret-2");
        assert!(!req.url.contains("Secret"));
    }

    #[test]
    fn uuid_v4_has_version_variant_and_shape() {
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert_eq!(uuid_v4([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let id = uuid_v4(*b"0123456789abcdef");
        assert_eq!(id.len(), 36);
        assert_eq!(id, "30313233-3435-4637-b839-616263646566");
    }
}
