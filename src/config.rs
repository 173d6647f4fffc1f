//! The host's options, checked once at mount so a bad option fails loudly instead of mounting a
//! broken form. Pure: the JS side (`embed.rs`) only reads values out of the options object.

use std::fmt;

/// Graph's production endpoint.
pub const DEFAULT_BASE_URL: &str = "https://graph.microsoft.com/v1.0";
/// How long to wait for Graph before telling the user it cannot be reached.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// Checked options, with documented defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Graph base URL, `https://…`, or `http://localhost`/`http://127.0.0.1` for development.
    pub base_url: String,
    /// Fills a hidden username field so password managers file the new password correctly.
    pub user_principal_name: Option<String>,
    /// Abort the request and report "cannot reach Microsoft Graph" after this long.
    pub timeout_ms: u32,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            user_principal_name: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
        }
    }
}

/// An option the host got wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum ConfigError {
    NoTarget,
    GetTokenNotFunction,
    BaseUrl(BaseUrlProblem),
    BadTimeout,
    NotAString(&'static str),
}

/// What is wrong with a `baseUrl`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseUrlProblem {
    /// Not `https://host…` (or `http://` for localhost / 127.0.0.1).
    NotHttps,
    /// `user:password@` before the host: never send credentials in a URL.
    Credentials,
    /// A `?query`: the endpoint path is appended, so a query would end up in the middle.
    Query,
    /// A `#fragment`, for the same reason.
    Fragment,
    /// Spaces, control characters, backslashes or non-ASCII: write the host in ASCII (punycode).
    Characters,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NoTarget => write!(f, "mount(targetElement, options): targetElement must be a DOM element"),
            ConfigError::GetTokenNotFunction => write!(
                f,
                "mount(targetElement, options): options.getToken must be a function returning an access token (or a Promise of one)"
            ),
            ConfigError::BaseUrl(problem) => write!(
                f,
                "mount(targetElement, options): options.baseUrl {}",
                match problem {
                    BaseUrlProblem::NotHttps => "must be https://host/… (http:// only for localhost or 127.0.0.1)",
                    BaseUrlProblem::Credentials => "must not contain a user name or password (user:password@host)",
                    BaseUrlProblem::Query => "must not contain a query (?…)",
                    BaseUrlProblem::Fragment => "must not contain a fragment (#…)",
                    BaseUrlProblem::Characters => "must not contain spaces, control characters, backslashes or non-ASCII characters",
                }
            ),
            // No float formatting here: it would cost kilobytes of wasm for one error message.
            ConfigError::BadTimeout => write!(
                f,
                "mount(targetElement, options): options.timeoutMs must be a whole number of milliseconds from 1 to 600000"
            ),
            ConfigError::NotAString(name) => write!(f, "mount(targetElement, options): options.{name} must be a string"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Checks a Graph base URL: TLS everywhere except the developer's machine, and nothing in it
/// that could carry a secret or change where the request goes. Pure string checks: no URL crate
/// (and its IDNA tables) in the wasm for this.
pub fn check_base_url(url: &str) -> Result<(), BaseUrlProblem> {
    if !url.bytes().all(|b| b.is_ascii_graphic() && b != b'\\') {
        return Err(BaseUrlProblem::Characters);
    }
    if url.contains('#') {
        return Err(BaseUrlProblem::Fragment);
    }
    if url.contains('?') {
        return Err(BaseUrlProblem::Query);
    }
    let lower = url.to_ascii_lowercase();
    let (rest, https) = match (
        lower.strip_prefix("https://"),
        lower.strip_prefix("http://"),
    ) {
        (Some(rest), _) => (rest, true),
        (None, Some(rest)) => (rest, false),
        (None, None) => return Err(BaseUrlProblem::NotHttps),
    };
    let authority = rest.split('/').next().unwrap_or("");
    if authority.contains('@') {
        return Err(BaseUrlProblem::Credentials);
    }
    if authority.is_empty() || !(https || is_loopback(authority)) {
        return Err(BaseUrlProblem::NotHttps);
    }
    Ok(())
}

/// Whether `host[:port]` is this machine, by name or address.
fn is_loopback(authority: &str) -> bool {
    let host = authority.rsplit_once(':').map_or(authority, |(h, port)| {
        if port.bytes().all(|c| c.is_ascii_digit()) {
            h
        } else {
            authority
        }
    });
    host == "localhost" || host == "127.0.0.1"
}

impl Config {
    /// Checks raw option values; `None` means "not given", so the default applies.
    pub fn new(
        base_url: Option<String>,
        user_principal_name: Option<String>,
        timeout_ms: Option<f64>,
    ) -> Result<Self, ConfigError> {
        let mut config = Config::default();
        if let Some(url) = base_url {
            check_base_url(&url).map_err(ConfigError::BaseUrl)?;
            config.base_url = url;
        }
        if let Some(ms) = timeout_ms {
            if !(ms.fract() == 0.0 && (1.0..=600_000.0).contains(&ms)) {
                return Err(ConfigError::BadTimeout);
            }
            config.timeout_ms = ms as u32;
        }
        config.user_principal_name = user_principal_name.filter(|u| !u.trim().is_empty());
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let c = Config::new(None, None, None).unwrap();
        assert_eq!(c.base_url, "https://graph.microsoft.com/v1.0");
        assert_eq!(c.timeout_ms, 30_000);
        assert_eq!(c.user_principal_name, None);
    }

    #[test]
    fn https_and_loopback_http_are_allowed() {
        for url in [
            "https://graph.microsoft.com/v1.0",
            "HTTPS://graph.microsoft.us/beta",
            "http://localhost:8787/v1.0",
            "http://127.0.0.1:8787/v1.0",
            "http://localhost/v1.0",
        ] {
            assert_eq!(check_base_url(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn plain_http_and_lookalikes_are_refused() {
        for url in [
            "http://graph.microsoft.com/v1.0",
            "http://localhost.evil.example/v1.0",
            "http://127.0.0.1.nip.io/v1.0",
            "ftp://localhost/",
            "https://",
            "https:///path",
            "graph.microsoft.com",
            "",
        ] {
            assert_eq!(check_base_url(url), Err(BaseUrlProblem::NotHttps), "{url}");
        }
        assert_eq!(
            Config::new(Some("http://x.example".into()), None, None),
            Err(ConfigError::BaseUrl(BaseUrlProblem::NotHttps))
        );
    }

    #[test]
    fn credentials_queries_fragments_and_odd_characters_are_refused() {
        use BaseUrlProblem::*;
        for (url, problem) in [
            ("https://user:pass@graph.microsoft.com/v1.0", Credentials),
            ("https://token@graph.microsoft.com/v1.0", Credentials),
            ("http://localhost@evil.example/", Credentials),
            ("https://graph.microsoft.com/v1.0?x=1", Query),
            ("https://graph.microsoft.com/v1.0#me", Fragment),
            ("https://graph.microsoft.com/v1.0 ", Characters),
            (" https://graph.microsoft.com/v1.0", Characters),
            ("https://graph.micro soft.com/v1.0", Characters),
            ("https://graph.microsoft.com/v1.0\n", Characters),
            ("https://evil.example\\@graph.microsoft.com/", Characters),
            ("https://gräph.example/v1.0", Characters),
        ] {
            assert_eq!(check_base_url(url), Err(problem), "{url:?}");
        }
        let message = ConfigError::BaseUrl(Credentials).to_string();
        assert!(message.contains("options.baseUrl"), "{message}");
    }

    #[test]
    fn timeout_must_be_whole_and_in_range() {
        assert_eq!(
            Config::new(None, None, Some(5000.0)).unwrap().timeout_ms,
            5000
        );
        for bad in [0.0, -1.0, 1.5, 600_001.0, f64::NAN, f64::INFINITY] {
            assert!(
                matches!(
                    Config::new(None, None, Some(bad)),
                    Err(ConfigError::BadTimeout)
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn blank_user_principal_name_is_no_name() {
        assert_eq!(
            Config::new(None, Some("  ".into()), None)
                .unwrap()
                .user_principal_name,
            None
        );
        assert_eq!(
            Config::new(None, Some("adele@contoso.example".into()), None)
                .unwrap()
                .user_principal_name
                .as_deref(),
            Some("adele@contoso.example")
        );
    }

    #[test]
    fn errors_say_what_to_fix() {
        assert!(ConfigError::GetTokenNotFunction
            .to_string()
            .contains("getToken must be a function"));
        assert!(ConfigError::BaseUrl(BaseUrlProblem::NotHttps)
            .to_string()
            .contains("https://"));
    }
}
