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
    BaseUrlNotHttps(String),
    BadTimeout,
    NotAString(&'static str),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::NoTarget => write!(f, "mount(targetElement, options): targetElement must be a DOM element"),
            ConfigError::GetTokenNotFunction => write!(
                f,
                "mount(targetElement, options): options.getToken must be a function returning an access token (or a Promise of one)"
            ),
            ConfigError::BaseUrlNotHttps(url) => write!(
                f,
                "mount(targetElement, options): options.baseUrl must start with https:// (http:// only for localhost or 127.0.0.1), got \"{url}\""
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

/// Whether Graph may be called at this base URL: TLS everywhere except the developer's machine.
pub fn base_url_allowed(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| {
        lower
            .strip_prefix("http://")
            .filter(|r| is_loopback_authority(r))
    }) else {
        return false;
    };
    !rest.is_empty() && !rest.starts_with('/')
}

fn is_loopback_authority(rest: &str) -> bool {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once(':').map_or(authority, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
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
            if !base_url_allowed(&url) {
                return Err(ConfigError::BaseUrlNotHttps(url));
            }
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
            assert!(base_url_allowed(url), "{url}");
        }
    }

    #[test]
    fn plain_http_and_lookalikes_are_refused() {
        for url in [
            "http://graph.microsoft.com/v1.0",
            "http://localhost.evil.example/v1.0",
            "http://127.0.0.1.nip.io/v1.0",
            "http://localhost@evil.example/",
            "ftp://localhost/",
            "https://",
            "https:///path",
            "graph.microsoft.com",
            "",
        ] {
            assert!(!base_url_allowed(url), "{url}");
        }
        assert_eq!(
            Config::new(Some("http://x.example".into()), None, None),
            Err(ConfigError::BaseUrlNotHttps("http://x.example".into()))
        );
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
        assert!(ConfigError::BaseUrlNotHttps("http://a".into())
            .to_string()
            .contains("https://"));
    }
}
