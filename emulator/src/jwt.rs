//! Access tokens as Graph reads them. An opaque demo token names its user and may do what that
//! user may. A JWT names its user by `oid` or `upn`, and Graph decides by its audience (`aud`),
//! expiry (`exp`) and delegated scopes (`scp`): each call needs its own scope, or 403
//! `Authorization_RequestDenied` "Insufficient privileges to complete the operation." (real,
//! EVIDENCE.md). The signature is not checked: there is no key to check it with.

use serde::Deserialize;
use serde_json::Value;

/// What a token may do, per call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grants {
    /// `User-PasswordProfile.ReadWrite.All` or `Directory.AccessAsUser.All`.
    pub change_password: bool,
    /// `User.RevokeSessions.All` or `Directory.AccessAsUser.All`.
    pub revoke_sessions: bool,
}

impl Grants {
    /// An opaque demo token: everything its user may do.
    pub const ALL: Grants = Grants {
        change_password: true,
        revoke_sessions: true,
    };
}

/// Audiences Graph accepts: its URL and its application id.
const GRAPH_AUDIENCES: &[&str] = &[
    "https://graph.microsoft.com",
    "00000003-0000-0000-c000-000000000000",
];

/// The claims that matter here.
#[derive(Deserialize)]
struct Claims {
    oid: Option<String>,
    upn: Option<String>,
    #[serde(default)]
    scp: String,
    #[serde(default)]
    aud: Value,
    exp: Option<f64>,
}

/// A JWT as read: whom it names and what Graph makes of it.
pub struct Jwt {
    /// `oid`, then `upn`: whichever names a user.
    pub names: Vec<String>,
    pub grants: Grants,
    /// `aud` is not Microsoft Graph (nor this emulator's own address).
    pub wrong_audience: bool,
    /// `exp` has passed.
    pub expired: bool,
}

/// The JWT in `token`, if it is one whose payload is JSON.
pub fn read(token: &str, now_secs: f64) -> Option<Jwt> {
    let mut parts = token.split('.');
    let (_, payload, _) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let claims: Claims = serde_json::from_slice(&base64url_decode(payload)?).ok()?;
    let has = |wanted: &[&str]| {
        claims
            .scp
            .split(' ')
            .any(|s| wanted.iter().any(|w| s.eq_ignore_ascii_case(w)))
    };
    let audiences: Vec<&str> = match &claims.aud {
        Value::String(one) => vec![one.as_str()],
        Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    Some(Jwt {
        names: claims.oid.into_iter().chain(claims.upn).collect(),
        grants: Grants {
            change_password: has(&[
                "User-PasswordProfile.ReadWrite.All",
                "Directory.AccessAsUser.All",
            ]),
            revoke_sessions: has(&["User.RevokeSessions.All", "Directory.AccessAsUser.All"]),
        },
        wrong_audience: !audiences.iter().any(|a| is_graph(a)),
        expired: claims.exp.is_some_and(|exp| exp <= now_secs),
    })
}

/// Graph's audiences, or this emulator on the developer's machine (a local Graph's own origin).
fn is_graph(aud: &str) -> bool {
    let aud = aud.trim_end_matches('/').to_ascii_lowercase();
    GRAPH_AUDIENCES.contains(&aud.as_str())
        || aud.starts_with("http://127.0.0.1:")
        || aud.starts_with("http://localhost:")
}

/// Base64url (or standard base64), padding optional.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' | b'+' => Some(62),
        b'_' | b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = text
        .trim_end_matches('=')
        .bytes()
        .map(value)
        .collect::<Option<_>>()?;
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, d)| n | (u32::from(*d) << (18 - 6 * i)));
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(payload: &str) -> String {
        let encoded: String = {
            const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            let mut out = String::new();
            for chunk in payload.as_bytes().chunks(3) {
                let n = chunk
                    .iter()
                    .enumerate()
                    .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
                for i in 0..=chunk.len() {
                    out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
                }
            }
            out
        };
        format!("e30.{encoded}.sig")
    }

    #[test]
    fn scopes_grant_each_call_its_own() {
        let change = read(&token(r#"{"oid":"a","aud":"https://graph.microsoft.com","scp":"openid User-PasswordProfile.ReadWrite.All"}"#), 0.0).unwrap();
        assert_eq!(
            change.grants,
            Grants {
                change_password: true,
                revoke_sessions: false
            }
        );
        assert_eq!(change.names, ["a"]);
        let revoke = read(&token(r#"{"upn":"u@x","aud":["https://graph.microsoft.com/"],"scp":"user.revokesessions.all"}"#), 0.0).unwrap();
        assert_eq!(
            revoke.grants,
            Grants {
                change_password: false,
                revoke_sessions: true
            }
        );
        assert!(!revoke.wrong_audience);
        let both = read(
            &token(r#"{"aud":"00000003-0000-0000-c000-000000000000","scp":"Directory.AccessAsUser.All","exp":10}"#),
            5.0,
        )
        .unwrap();
        assert_eq!(both.grants, Grants::ALL);
        assert!(!both.expired);
        assert!(read(&token(r#"{"exp":10}"#), 10.0).unwrap().expired);
    }

    #[test]
    fn other_audiences_and_non_jwts() {
        assert!(
            read(&token(r#"{"aud":"api://other"}"#), 0.0)
                .unwrap()
                .wrong_audience
        );
        assert!(read(&token(r#"{}"#), 0.0).unwrap().wrong_audience);
        assert!(
            !read(&token(r#"{"aud":"http://127.0.0.1:8787"}"#), 0.0)
                .unwrap()
                .wrong_audience
        );
        for opaque in [
            "demo-token",
            "a.b",
            "a.b.c.d",
            "e30.!!!.s",
            "e30.bm90IGpzb24.s",
        ] {
            assert!(read(opaque, 0.0).is_none(), "{opaque}");
        }
    }
}
