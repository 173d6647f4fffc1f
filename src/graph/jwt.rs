//! A look at the host's token before it is used, for the page's developer: when it is a JWT,
//! its payload is read (never verified, never logged) for the three mistakes that otherwise
//! show up only as a 401 or 403 after the user has typed everything.

use super::challenge::base64_decode;
use crate::token::Reason;
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::Deserialize;

/// Graph's application id, which some tokens carry as their audience.
const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";
/// Microsoft Graph's hosts: global and national clouds.
const GRAPH_HOSTS: &[&str] = &[
    "graph.microsoft.com",
    "graph.microsoft.us",
    "dod-graph.microsoft.us",
    "microsoftgraph.chinacloudapi.cn",
    "graph.microsoft.de",
];
/// The delegated scope each call needs, least privileged first (Graph's permission tables);
/// `Directory.AccessAsUser.All` allows both.
const CHANGE_SCOPES: &[&str] = &[
    "User-PasswordProfile.ReadWrite.All",
    "Directory.AccessAsUser.All",
];
const REVOKE_SCOPES: &[&str] = &["User.RevokeSessions.All", "Directory.AccessAsUser.All"];

/// What the payload holds that matters here.
#[derive(Deserialize)]
pub struct Claims {
    #[serde(default)]
    pub aud: Audience,
    pub scp: Option<String>,
    pub exp: Option<f64>,
}

/// `aud`: one audience, or several (RFC 7519 allows an array).
#[derive(Default)]
pub struct Audience(pub Vec<String>);

impl<'de> Deserialize<'de> for Audience {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OneOrMany;
        impl<'de> Visitor<'de> for OneOrMany {
            type Value = Audience;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or an array of strings")
            }
            fn visit_str<E>(self, v: &str) -> Result<Audience, E> {
                Ok(Audience(vec![v.to_owned()]))
            }
            fn visit_unit<E>(self) -> Result<Audience, E> {
                Ok(Audience::default())
            }
            fn visit_none<E>(self) -> Result<Audience, E> {
                Ok(Audience::default())
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Audience, A::Error> {
                let mut all = Vec::new();
                while let Some(one) = seq.next_element::<String>()? {
                    all.push(one);
                }
                Ok(Audience(all))
            }
        }
        d.deserialize_any(OneOrMany)
    }
}

/// A mistake in the host's token, told once per form in `console.warn`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenProblem {
    /// Issued for another API than Microsoft Graph.
    Audience,
    /// A token for the change without `User-PasswordProfile.ReadWrite.All` (or
    /// `Directory.AccessAsUser.All`).
    ChangeScope,
    /// A token for the revoke without `User.RevokeSessions.All` (or `Directory.AccessAsUser.All`).
    RevokeScope,
    /// Already expired when handed over.
    Expired,
    /// No usable token at all: nothing was sent, and the user was asked to sign in again.
    Unusable(crate::token::TokenError),
}

impl TokenProblem {
    /// The developer's message. Names the claim and the scope, never shows the token.
    pub fn message(self) -> &'static str {
        match self {
            TokenProblem::Audience => "graph-change-password: getToken returned a token whose audience (aud) is not Microsoft Graph; Graph will refuse it with 401. Request it for https://graph.microsoft.com scopes.",
            TokenProblem::ChangeScope => "graph-change-password: getToken returned a token for reason \"change\" without the User-PasswordProfile.ReadWrite.All (or Directory.AccessAsUser.All) delegated scope (scp); Graph will refuse the change with 403.",
            TokenProblem::RevokeScope => "graph-change-password: getToken returned a token for reason \"revoke\" without the User.RevokeSessions.All (or Directory.AccessAsUser.All) delegated scope (scp); Graph will refuse revokeSignInSessions with 403, and the user will not be signed out everywhere.",
            TokenProblem::Expired => "graph-change-password: getToken returned a token that has already expired (exp); Graph will refuse it with 401. Ask MSAL for a fresh one (forceRefresh).",
            TokenProblem::Unusable(why) => unusable(why),
        }
    }
}

/// Why `getToken` gave nothing to send, for the developer (the user reads "sign in again").
fn unusable(why: crate::token::TokenError) -> &'static str {
    use crate::token::TokenError;
    match why {
        TokenError::Threw => "graph-change-password: getToken threw, so nothing was sent to Graph. Catch the error inside getToken to see it.",
        TokenError::Rejected => "graph-change-password: getToken's promise was rejected, so nothing was sent to Graph.",
        TokenError::NotAString => "graph-change-password: getToken gave something other than a string, so nothing was sent to Graph (with MSAL, return the result's accessToken, not the result).",
        TokenError::Empty => "graph-change-password: getToken gave an empty token, so nothing was sent to Graph.",
        TokenError::NotHeaderSafe => "graph-change-password: getToken gave a token with characters an HTTP header cannot carry (a line break, a space or a non-ASCII character inside it), so nothing was sent to Graph.",
        TokenError::TimedOut => "graph-change-password: getToken did not answer within timeoutMs, so nothing was sent to Graph.",
    }
}

impl Claims {
    /// The claims of `token`, when it is a JWT whose payload is JSON.
    pub fn of(token: &str) -> Option<Self> {
        super::json::from_json(&payload(token)?)
    }
}

/// The payload of a JWT (`header.payload.signature`), if `token` is one.
pub fn payload(token: &str) -> Option<String> {
    let mut parts = token.split('.');
    let (_, payload, _) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    String::from_utf8(base64_decode(payload)?).ok()
}

/// Whether `aud` names Microsoft Graph (or the origin of `base_url`, for a local or proxied Graph).
fn is_graph(aud: &str, base_url: &str) -> bool {
    let aud = aud.trim_end_matches('/').to_ascii_lowercase();
    if aud == GRAPH_APP_ID {
        return true;
    }
    let host = aud.strip_prefix("https://").unwrap_or("");
    if GRAPH_HOSTS.contains(&host) {
        return true;
    }
    let base = base_url.to_ascii_lowercase();
    // Scheme and authority: everything before the path's first '/'. (No slicing by index: it
    // would bring panicking string code into the wasm.)
    let origin = base
        .split_once("://")
        .map_or(base.as_str(), |(scheme, rest)| {
            let authority = rest.split('/').next().unwrap_or_default();
            base.get(..scheme.len() + 3 + authority.len())
                .unwrap_or(&base)
        });
    aud == origin
}

impl Claims {
    /// The problems of a token with these claims for the call `reason` asks it for, at `now`
    /// (seconds since 1970).
    pub fn problems(&self, now: f64, base_url: &str, reason: Reason) -> Vec<TokenProblem> {
        let mut found = Vec::new();
        if !self.aud.0.iter().any(|a| is_graph(a, base_url)) {
            found.push(TokenProblem::Audience);
        }
        let (needed, missing) = match reason {
            Reason::Change | Reason::Retry => (CHANGE_SCOPES, TokenProblem::ChangeScope),
            Reason::Revoke => (REVOKE_SCOPES, TokenProblem::RevokeScope),
        };
        let scopes = self.scp.as_deref().unwrap_or("");
        if !scopes
            .split(' ')
            .any(|s| needed.iter().any(|want| s.eq_ignore_ascii_case(want)))
        {
            found.push(missing);
        }
        if self.exp.is_some_and(|exp| exp <= now) {
            found.push(TokenProblem::Expired);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(aud: &str, scp: &str, exp: f64) -> Claims {
        Claims {
            aud: Audience(vec![aud.into()]),
            scp: Some(scp.into()),
            exp: Some(exp),
        }
    }

    #[test]
    fn a_graph_token_with_the_scope_is_fine() {
        let base = "https://graph.microsoft.com/v1.0";
        for aud in [
            "https://graph.microsoft.com",
            "https://graph.microsoft.com/",
            GRAPH_APP_ID,
            "https://graph.microsoft.us",
            "https://microsoftgraph.chinacloudapi.cn",
        ] {
            assert_eq!(
                claims(aud, "openid User-PasswordProfile.ReadWrite.All", 2e9).problems(
                    1e9,
                    base,
                    Reason::Change
                ),
                vec![],
                "{aud}"
            );
        }
        assert_eq!(
            claims(
                "https://graph.microsoft.com",
                "Directory.AccessAsUser.All User.Read",
                2e9
            )
            .problems(1e9, base, Reason::Change),
            vec![]
        );
        assert_eq!(
            claims("http://127.0.0.1:8787", "Directory.AccessAsUser.All", 2e9).problems(
                1e9,
                "http://127.0.0.1:8787/v1.0",
                Reason::Change
            ),
            vec![]
        );
    }

    #[test]
    fn wrong_audience_missing_scope_and_expiry_are_named() {
        let base = "https://graph.microsoft.com/v1.0";
        assert_eq!(
            claims("api://my-api", "User.Read", 100.0).problems(1e9, base, Reason::Change),
            vec![
                TokenProblem::Audience,
                TokenProblem::ChangeScope,
                TokenProblem::Expired
            ]
        );
        assert_eq!(
            claims(
                "https://graph.microsoft.com.evil.example",
                "Directory.AccessAsUser.All",
                2e9
            )
            .problems(1e9, base, Reason::Change),
            vec![TokenProblem::Audience]
        );
        let none = Claims {
            aud: Audience::default(),
            scp: None,
            exp: None,
        };
        assert_eq!(
            none.problems(1e9, base, Reason::Change),
            vec![TokenProblem::Audience, TokenProblem::ChangeScope]
        );
    }

    #[test]
    fn each_call_is_checked_against_its_own_scope() {
        let base = "https://graph.microsoft.com/v1.0";
        let change_only = claims(GRAPH_APP_ID, "User-PasswordProfile.ReadWrite.All", 2e9);
        assert_eq!(change_only.problems(1e9, base, Reason::Change), vec![]);
        assert_eq!(change_only.problems(1e9, base, Reason::Retry), vec![]);
        assert_eq!(
            change_only.problems(1e9, base, Reason::Revoke),
            vec![TokenProblem::RevokeScope]
        );
        let revoke_only = claims(GRAPH_APP_ID, "openid User.RevokeSessions.All", 2e9);
        assert_eq!(revoke_only.problems(1e9, base, Reason::Revoke), vec![]);
        assert_eq!(
            revoke_only.problems(1e9, base, Reason::Change),
            vec![TokenProblem::ChangeScope]
        );
        let both = claims(GRAPH_APP_ID, "Directory.AccessAsUser.All", 2e9);
        for reason in [Reason::Change, Reason::Retry, Reason::Revoke] {
            assert_eq!(both.problems(1e9, base, reason), vec![], "{reason:?}");
        }
    }

    #[test]
    fn an_audience_may_be_a_list() {
        let base = "https://graph.microsoft.com/v1.0";
        let listed = r#"{"aud":["api://other","https://graph.microsoft.com"],"scp":"User.RevokeSessions.All"}"#;
        let c: Claims = serde_json::from_str(listed).unwrap();
        assert_eq!(c.problems(1e9, base, Reason::Revoke), vec![]);
        let none: Claims = serde_json::from_str(r#"{"aud":["api://other"]}"#).unwrap();
        assert!(none
            .problems(1e9, base, Reason::Revoke)
            .contains(&TokenProblem::Audience));
        let bad: Option<Claims> = serde_json::from_str(r#"{"aud":7}"#).ok();
        assert!(bad.is_none());
    }

    #[test]
    fn only_three_part_tokens_have_a_payload() {
        assert_eq!(
            payload("eyJhIjoxfQ.eyJhdWQiOiJ4In0.sig").as_deref(),
            Some(r#"{"aud":"x"}"#)
        );
        assert_eq!(payload("demo-token"), None);
        assert_eq!(payload("a.b"), None);
        assert_eq!(payload("a.b.c.d"), None);
        assert_eq!(payload("a.!!!.c"), None);
    }

    #[test]
    fn messages_name_the_claim() {
        assert!(TokenProblem::Audience.message().contains("(aud)"));
        assert!(TokenProblem::ChangeScope
            .message()
            .contains("User-PasswordProfile.ReadWrite.All"));
        assert!(TokenProblem::RevokeScope
            .message()
            .contains("without the User.RevokeSessions.All"));
        assert!(TokenProblem::Expired.message().contains("(exp)"));
    }
}
