//! A look at the host's token before it is used, for the page's developer: when it is a JWT,
//! its payload is read (never verified, never logged) for the three mistakes that otherwise
//! show up only as a 401 or 403 after the user has typed everything.

use super::challenge::base64_decode;
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
/// Delegated scopes that allow changePassword (current docs' least privileged first).
const SCOPES: &[&str] = &[
    "User-PasswordProfile.ReadWrite.All",
    "Directory.AccessAsUser.All",
];

/// What the payload holds that matters here.
#[derive(Deserialize)]
pub struct Claims {
    pub aud: Option<String>,
    pub scp: Option<String>,
    pub exp: Option<f64>,
}

/// A mistake in the host's token, told once per form in `console.warn`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenProblem {
    /// Issued for another API than Microsoft Graph.
    Audience,
    /// Without `User-PasswordProfile.ReadWrite.All` or `Directory.AccessAsUser.All`.
    Scope,
    /// Already expired when handed over.
    Expired,
}

impl TokenProblem {
    /// The developer's message. Names the claim, never shows the token.
    pub fn message(self) -> &'static str {
        match self {
            TokenProblem::Audience => "graph-change-password: getToken returned a token whose audience (aud) is not Microsoft Graph; Graph will refuse it with 401. Request it for https://graph.microsoft.com scopes.",
            TokenProblem::Scope => "graph-change-password: getToken returned a token without the User-PasswordProfile.ReadWrite.All or Directory.AccessAsUser.All delegated scope (scp); Graph will refuse the change with 403.",
            TokenProblem::Expired => "graph-change-password: getToken returned a token that has already expired (exp); Graph will refuse it with 401. Ask MSAL for a fresh one (forceRefresh).",
        }
    }
}

impl Claims {
    /// The claims of `token`, when it is a JWT whose payload is JSON.
    pub fn of(token: &str) -> Option<Self> {
        super::envelope::from_json(&payload(token)?)
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
    let origin_end = base
        .find("://")
        .and_then(|i| base[i + 3..].find('/').map(|j| i + 3 + j))
        .unwrap_or(base.len());
    aud == base[..origin_end]
}

impl Claims {
    /// The problems of a token with these claims, at `now` (seconds since 1970).
    pub fn problems(&self, now: f64, base_url: &str) -> Vec<TokenProblem> {
        let mut found = Vec::new();
        if !self.aud.as_deref().is_some_and(|a| is_graph(a, base_url)) {
            found.push(TokenProblem::Audience);
        }
        let scopes = self.scp.as_deref().unwrap_or("");
        if !scopes
            .split(' ')
            .any(|s| SCOPES.iter().any(|want| s.eq_ignore_ascii_case(want)))
        {
            found.push(TokenProblem::Scope);
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
            aud: Some(aud.into()),
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
                claims(aud, "openid User-PasswordProfile.ReadWrite.All", 2e9).problems(1e9, base),
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
            .problems(1e9, base),
            vec![]
        );
        assert_eq!(
            claims("http://127.0.0.1:8787", "Directory.AccessAsUser.All", 2e9)
                .problems(1e9, "http://127.0.0.1:8787/v1.0"),
            vec![]
        );
    }

    #[test]
    fn wrong_audience_missing_scope_and_expiry_are_named() {
        let base = "https://graph.microsoft.com/v1.0";
        assert_eq!(
            claims("api://my-api", "User.Read", 100.0).problems(1e9, base),
            vec![
                TokenProblem::Audience,
                TokenProblem::Scope,
                TokenProblem::Expired
            ]
        );
        assert_eq!(
            claims(
                "https://graph.microsoft.com.evil.example",
                "Directory.AccessAsUser.All",
                2e9
            )
            .problems(1e9, base),
            vec![TokenProblem::Audience]
        );
        let none = Claims {
            aud: None,
            scp: None,
            exp: None,
        };
        assert_eq!(
            none.problems(1e9, base),
            vec![TokenProblem::Audience, TokenProblem::Scope]
        );
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
        assert!(TokenProblem::Scope.message().contains("(scp)"));
        assert!(TokenProblem::Expired.message().contains("(exp)"));
    }
}
