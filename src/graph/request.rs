//! The changePassword request as data: URL, headers and body. Pure, so every byte that leaves the
//! page is checked by native tests; `client.rs` only hands it to the browser.

use super::envelope::ChangePasswordBody;
use crate::config::Config;

/// Everything the browser needs to send one Graph call (changePassword, revokeSignInSessions). Its `Debug` shows neither
/// the token nor the body, so a stray `{:?}` cannot log a password.
#[derive(Clone, PartialEq, Eq)]
pub struct GraphRequest {
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

impl std::fmt::Debug for GraphRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GraphRequest")
            .field("url", &self.url)
            .field("headers", &"<redacted>")
            .field("body", &"<redacted>")
            .finish()
    }
}

/// `{base}/me/changePassword`, or `{base}/users/{id}/changePassword` with the id
/// percent-encoded (the beta documents this form), whether or not the base ends with a slash.
pub fn endpoint(base_url: &str, user_id: Option<&str>) -> String {
    let base = base_url.trim_end_matches('/');
    match user_id {
        None => format!("{base}/me/changePassword"),
        Some(id) => format!("{base}/users/{}/changePassword", percent_encode(id)),
    }
}

/// Percent-encodes a path segment: everything but RFC 3986's unreserved characters and `@`
/// (UPNs keep their `@`; a guest's `#EXT#` becomes `%23EXT%23`).
pub fn percent_encode(segment: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
    out
}

/// Builds the request; `client_request_id` lets support trace the call. The token must have
/// passed [`crate::token::usable`].
pub fn build(
    config: &Config,
    token: &str,
    client_request_id: Option<&str>,
    current_password: &str,
    new_password: &str,
) -> GraphRequest {
    let body = ChangePasswordBody {
        current_password,
        new_password,
    }
    .to_json();
    let mut headers = vec![
        ("Authorization", format!("Bearer {token}")),
        ("Content-Type", "application/json".to_owned()),
    ];
    if let Some(id) = client_request_id {
        headers.push(("client-request-id", id.to_owned()));
    }
    GraphRequest {
        url: endpoint(&config.base_url, config.user_id.as_deref()),
        headers,
        body,
    }
}

/// `POST {base}/me/revokeSignInSessions`: ends every session of the signed-in user. No body.
pub fn revoke(config: &Config, token: &str) -> GraphRequest {
    GraphRequest {
        url: format!(
            "{}/me/revokeSignInSessions",
            config.base_url.trim_end_matches('/')
        ),
        headers: vec![("Authorization", format!("Bearer {token}"))],
        body: String::new(),
    }
}

/// Whether `id` has the shape of a UUID (`8-4-4-4-12` hex digits), as Graph expects in
/// `client-request-id`.
pub fn is_request_id(id: &str) -> bool {
    id.len() == 36
        && id.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base: &str) -> Config {
        Config {
            base_url: base.into(),
            ..Config::default()
        }
    }

    #[test]
    fn endpoint_joins_with_and_without_trailing_slash() {
        let want = "https://graph.microsoft.com/v1.0/me/changePassword";
        assert_eq!(endpoint("https://graph.microsoft.com/v1.0", None), want);
        assert_eq!(endpoint("https://graph.microsoft.com/v1.0/", None), want);
        assert_eq!(
            endpoint("http://127.0.0.1:8787/beta//", None),
            "http://127.0.0.1:8787/beta/me/changePassword"
        );
    }

    #[test]
    fn user_id_addresses_the_user_percent_encoded() {
        assert_eq!(
            endpoint(
                "https://graph.microsoft.com/beta",
                Some("3f2504e0-4f89-41d3-9a0c-0305e82c3301")
            ),
            "https://graph.microsoft.com/beta/users/3f2504e0-4f89-41d3-9a0c-0305e82c3301/changePassword"
        );
        assert_eq!(
            endpoint(
                "https://g/beta",
                Some("ann_x.com#EXT#@contoso.onmicrosoft.com")
            ),
            "https://g/beta/users/ann_x.com%23EXT%23@contoso.onmicrosoft.com/changePassword"
        );
        assert_eq!(percent_encode("a/b?c d%é"), "a%2Fb%3Fc%20d%25%C3%A9");
    }

    #[test]
    fn headers_carry_bearer_token_json_type_and_request_id() {
        let req = build(&config("https://g/v1.0"), "tok.en", Some("id-1"), "a", "b");
        assert_eq!(
            req.headers,
            vec![
                ("Authorization", "Bearer tok.en".to_owned()),
                ("Content-Type", "application/json".to_owned()),
                ("client-request-id", "id-1".to_owned()),
            ]
        );
        let without = build(&config("https://g/v1.0"), "t", None, "a", "b");
        assert!(without
            .headers
            .iter()
            .all(|(n, _)| *n != "client-request-id"));
    }

    #[test]
    fn body_is_exactly_the_two_documented_fields() {
        let req = build(
            &config("https://g/v1.0"),
            "t",
            None,
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
        let req = build(&config("b"), "t", None, "a\"b\\c", "x\ty");
        let parsed: serde_json::Value = serde_json::from_str(&req.body).unwrap();
        assert_eq!(parsed["currentPassword"], "a\"b\\c");
        assert_eq!(parsed["newPassword"], "x\ty");
    }

    #[test]
    fn the_url_depends_on_the_base_alone_and_debug_shows_no_secret() {
        for (current, new) in [("Secret-1", "Secret-2"), ("a?b=c", "#frag/../x"), ("", "")] {
            let req = build(&config("https://g/v1.0"), "tok", None, current, new);
            assert_eq!(req.url, endpoint("https://g/v1.0", None));
            let debug = format!("{req:?}");
            assert!(
                debug.contains("https://g/v1.0/me/changePassword"),
                "{debug}"
            );
            for secret in [current, new, "tok"].into_iter().filter(|s| !s.is_empty()) {
                assert!(!debug.contains(secret), "{debug}");
            }
        }
    }

    #[test]
    fn request_ids_are_uuid_shaped() {
        assert!(is_request_id("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
        for bad in [
            "",
            "3f2504e0-4f89-41d3-9a0c-0305e82c330",
            "3f2504e0_4f89-41d3-9a0c-0305e82c3301",
            "3f2504e0-4f89-41d3-9a0c-0305e82c330\n",
            "zzzzzzzz-4f89-41d3-9a0c-0305e82c3301",
        ] {
            assert!(!is_request_id(bad), "{bad:?}");
        }
    }
}
