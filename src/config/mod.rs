//! The host's options, checked once at mount so a bad option fails loudly instead of mounting a
//! broken form. Pure: the JS side (`embed/`) only reads values out of the options object.

mod table;

use crate::i18n::texts::Key;
use std::fmt;
pub use table::{Names, Opt, Options, Source};

/// Graph's production endpoint.
pub const DEFAULT_BASE_URL: &str = "https://graph.microsoft.com/v1.0";
/// How long to wait for Graph before telling the user it cannot be reached.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// Microsoft's self-service password reset, offered to a user who has forgotten the current one.
pub const DEFAULT_RESET_PASSWORD_URL: &str = "https://passwordreset.microsoftonline.com/";

/// Checked options, with documented defaults: the one options type all three doors fill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Graph base URL, `https://…`, or `http://localhost`/`http://127.0.0.1` for development.
    pub base_url: String,
    /// Fills a hidden username field so password managers file the new password correctly.
    pub user_principal_name: Option<String>,
    /// Sends to `/users/{id}/changePassword` (the beta's addressing) instead of `/me/…`.
    pub user_id: Option<String>,
    /// Stop waiting for the host's token, or for Graph, after this long.
    pub timeout_ms: u32,
    /// Offer "Also sign me out everywhere" (Graph's revokeSignInSessions) after a change.
    pub offer_sign_out_everywhere: bool,
    /// Where "Reset your password" leads; `None` hides the link.
    pub reset_password_url: Option<String>,
    /// The locale asked for, before the page's `lang` and the browser's languages.
    pub locale: Option<String>,
    /// The host's own sentences, replacing the locale's.
    pub strings: Vec<(Key, String)>,
    /// Leave out the form's own stylesheet.
    pub unstyled: bool,
    /// The range API to check new passwords against (base URL ending in `/`), if any.
    pub breach_check: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            user_principal_name: None,
            user_id: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            offer_sign_out_everywhere: false,
            reset_password_url: Some(DEFAULT_RESET_PASSWORD_URL.to_owned()),
            locale: None,
            strings: Vec::new(),
            unstyled: false,
            breach_check: None,
        }
    }
}

/// Which door the options came through, so an error names the option as the developer wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    /// `mount(targetElement, options)`.
    Mount,
    /// `<graph-change-password>` attributes and properties.
    Element,
    /// The Leptos component's props.
    Leptos,
}

impl Opt {
    /// The option as the developer wrote it at this door.
    pub fn name(self, door: Door) -> String {
        let names = self.names();
        match (door, names.attribute) {
            (Door::Mount, _) => format!("options.{}", names.js),
            (Door::Element, Some(attribute)) => format!("the {attribute} attribute"),
            (Door::Element, None) => format!("the {} property", names.js),
            (Door::Leptos, _) => format!("the {} prop", names.prop),
        }
    }
}

/// An option the host got wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    NoTarget,
    GetTokenNotFunction,
    BaseUrl(BaseUrlProblem),
    BadTimeout,
    NotAString(Opt),
    /// Empty, or a path (`/`, `.`, `..`) rather than an id.
    BadUserId,
    /// Not `https://…`, or with credentials or odd characters.
    BadResetUrl,
    /// A `strings` key that names no sentence.
    UnknownString(String),
    /// A `strings` value that is not a string.
    StringNotText(String),
    /// A `breachCheck` that is neither a switch nor a range API's https:// address.
    BadBreachCheck,
    /// Reading the option threw (a getter on the options object).
    Unreadable(Opt),
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
    /// A port that is empty, not a number from 1 to 65535, or written with leading zeros.
    Port,
    /// A `.` or `..` path segment: the request would go elsewhere.
    DotSegment,
}

impl ConfigError {
    /// The message for the developer, naming the option as written at `door`.
    pub fn message(&self, door: Door) -> String {
        let prefix = match door {
            Door::Mount => "mount(targetElement, options)",
            Door::Element => "<graph-change-password>",
            Door::Leptos => "<ChangePassword/>",
        };
        let (opt, problem) = match self {
            ConfigError::NoTarget => {
                return format!("{prefix}: targetElement must be a DOM element (not a <graph-change-password>, which renders its own form)")
            }
            ConfigError::GetTokenNotFunction => (
                Opt::GetToken,
                "must be a function returning an access token (or a Promise of one)",
            ),
            ConfigError::BaseUrl(p) => (
                Opt::BaseUrl,
                match p {
                    BaseUrlProblem::NotHttps => "must be https://host/… (http:// only for localhost or 127.0.0.1)",
                    BaseUrlProblem::Credentials => "must not contain a user name or password (user:password@host)",
                    BaseUrlProblem::Query => "must not contain a query (?…)",
                    BaseUrlProblem::Fragment => "must not contain a fragment (#…)",
                    BaseUrlProblem::Characters => "must not contain spaces, control characters, backslashes or non-ASCII characters",
                    BaseUrlProblem::Port => "must have a port from 1 to 65535 (no leading zeros), if any",
                    BaseUrlProblem::DotSegment => "must not contain . or .. path segments",
                },
            ),
            // No float formatting here: it would cost kilobytes of wasm for one error message.
            ConfigError::BadTimeout => (
                Opt::TimeoutMs,
                "must be a whole number of milliseconds from 1 to 600000",
            ),
            ConfigError::NotAString(opt) => (*opt, "must be a string"),
            ConfigError::Unreadable(opt) => (*opt, "could not be read: its getter threw"),
            ConfigError::UnknownString(key) => {
                return format!(
                    "{prefix}: {} has no sentence \"{key}\" (README lists the keys)",
                    Opt::Strings.name(door)
                )
            }
            ConfigError::StringNotText(key) => {
                return format!(
                    "{prefix}: {} \"{key}\" must be a string",
                    Opt::Strings.name(door)
                )
            }
            ConfigError::BadResetUrl => (
                Opt::ResetPasswordUrl,
                "must be an https:// address without a user name or password, or \"\" to hide the link",
            ),
            ConfigError::BadBreachCheck => (
                Opt::BreachCheck,
                "must be true, false, or the https:// address of a Pwned Passwords range API (http:// only for localhost or 127.0.0.1)",
            ),
            ConfigError::BadUserId => (
                Opt::UserId,
                "must be the user's object id or user principal name (not empty, no \"/\", not \".\" or \"..\")",
            ),
        };
        format!("{prefix}: {} {problem}", opt.name(door))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Door::Mount))
    }
}

impl std::error::Error for ConfigError {}

/// Checks `resetPasswordUrl`: `""` hides the link; otherwise an https address a person can be
/// sent to (a query is fine here: nothing is appended).
fn check_reset_url(url: String) -> Result<Option<String>, ConfigError> {
    if url.is_empty() {
        return Ok(None);
    }
    let authority = url
        .get(..8)
        .filter(|scheme| scheme.eq_ignore_ascii_case("https://"))
        .and_then(|_| url.get(8..)?.split(['/', '?', '#']).next())
        .unwrap_or("");
    let ok = !authority.is_empty()
        && !authority.contains('@')
        && url.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    ok.then_some(Some(url)).ok_or(ConfigError::BadResetUrl)
}

/// Reads `breachCheck`: `""` and `"true"` are the public range API, `"false"` is off, anything
/// else must be a mirror's base URL by `baseUrl`'s rules (a missing trailing slash is added).
fn check_breach_api(value: String) -> Result<Option<String>, ConfigError> {
    match value.as_str() {
        "" | "true" => Ok(Some(crate::breach::PUBLIC_RANGE_API.to_owned())),
        "false" => Ok(None),
        url => {
            check_base_url(url).map_err(|_| ConfigError::BadBreachCheck)?;
            let slash = if url.ends_with('/') { "" } else { "/" };
            Ok(Some([url, slash].concat()))
        }
    }
}

/// Checks a `userId`: any id or UPN Graph could hold, but never a path.
pub fn check_user_id(id: &str) -> Result<(), ConfigError> {
    let id = id.trim();
    if id.is_empty() || id.contains('/') || id == "." || id == ".." {
        Err(ConfigError::BadUserId)
    } else {
        Ok(())
    }
}

/// Checks a Graph base URL: TLS everywhere except the developer's machine, and nothing in it
/// that could carry a secret or change where the request goes; what is accepted is read by a
/// browser's URL parser exactly as written (origin and path), so the endpoint's path is appended
/// where it seems. Pure string checks: no URL crate (and its IDNA tables) in the wasm for this.
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
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.contains('@') {
        return Err(BaseUrlProblem::Credentials);
    }
    let (host, port) = authority.split_once(':').unwrap_or((authority, ""));
    if !is_host(host) || !(https || host == "localhost" || host == "127.0.0.1") {
        return Err(BaseUrlProblem::NotHttps);
    }
    let canonical_port = port
        .parse::<u16>()
        .is_ok_and(|p| p > 0 && p.to_string() == port);
    if authority.contains(':') && !canonical_port {
        return Err(BaseUrlProblem::Port);
    }
    check_path(path)
}

/// A host a URL parser keeps as written: a name of letters, digits and hyphens in dot-separated
/// labels whose last is not a number (a parser would read that as an IPv4 address), or an IPv4
/// address in its four-part decimal form.
fn is_host(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let label =
        |l: &&str| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let octet = |l: &&str| l.parse::<u8>().is_ok_and(|n| n.to_string() == **l);
    let last = labels.last().copied().unwrap_or("");
    let numeric = last.bytes().all(|b| b.is_ascii_digit()) || last.starts_with("0x");
    match numeric {
        true => labels.len() == 4 && labels.iter().all(octet),
        false => labels.iter().all(label),
    }
}

/// A path a URL parser keeps as written: no `.` or `..` segment (plain or percent-encoded: it
/// would move the request elsewhere), and only characters it does not percent-encode.
fn check_path(path: &str) -> Result<(), BaseUrlProblem> {
    let plain = |b: u8| b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/%".contains(&b);
    if !path.bytes().all(plain) {
        return Err(BaseUrlProblem::Characters);
    }
    let dots = path.split('/').any(|segment| {
        let segment = segment.replace("%2e", ".");
        segment == "." || segment == ".."
    });
    if dots {
        return Err(BaseUrlProblem::DotSegment);
    }
    Ok(())
}

impl Config {
    /// Checks raw option values; `None` means "not given", so the default applies.
    pub fn new(options: Options) -> Result<Self, ConfigError> {
        let Options {
            get_token,
            base_url,
            user_principal_name,
            user_id,
            timeout_ms,
            offer_sign_out_everywhere,
            reset_password_url,
            locale,
            strings,
            unstyled,
            breach_check,
        } = options;
        if !get_token {
            return Err(ConfigError::GetTokenNotFunction);
        }
        let strings = strings
            .into_iter()
            .map(|(name, text)| {
                let key = Key::from_name(&name).ok_or(ConfigError::UnknownString(name.clone()))?;
                Ok((key, text.ok_or(ConfigError::StringNotText(name))?))
            })
            .collect::<Result<_, ConfigError>>()?;
        let mut config = Config {
            offer_sign_out_everywhere,
            locale: locale.filter(|l| !l.trim().is_empty()),
            strings,
            unstyled,
            ..Config::default()
        };
        if let Some(url) = reset_password_url {
            config.reset_password_url = check_reset_url(url)?;
        }
        if let Some(id) = user_id {
            check_user_id(&id)?;
            config.user_id = Some(id.trim().to_owned());
        }
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
        config.breach_check = breach_check.map(check_breach_api).transpose()?.flatten();
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Options with a token source and nothing else.
    fn given() -> Options {
        Options {
            get_token: true,
            ..Options::default()
        }
    }

    #[test]
    fn defaults() {
        let c = Config::new(Options { ..given() }).unwrap();
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
            Config::new(Options {
                base_url: Some("http://x.example".into()),
                ..given()
            }),
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
            ("https://localhost:/v1.0", Port),
            ("https://graph.example:0/v1.0", Port),
            ("https://graph.example:080/v1.0", Port),
            ("https://graph.example:65536/v1.0", Port),
            ("http://127.0.0.1:x8787/v1.0", Port),
            ("https://:1/v1.0", NotHttps),
            ("https://0/v1.0", NotHttps),
            ("https://127.1/v1.0", NotHttps),
            ("https://localhost:80:80/v1.0", Port),
            ("https://g.example/v1.0/../beta", DotSegment),
            ("https://g.example/v1.0/%2E%2E/beta", DotSegment),
            ("https://g.example/v1.0/a\"b", Characters),
            ("https://g.example/{v1.0}", Characters),
        ] {
            assert_eq!(check_base_url(url), Err(problem), "{url:?}");
        }
        let message = ConfigError::BaseUrl(Credentials).to_string();
        assert!(message.contains("options.baseUrl"), "{message}");
    }

    #[test]
    fn timeout_must_be_whole_and_in_range() {
        assert_eq!(
            Config::new(Options {
                timeout_ms: Some(5000.0),
                ..given()
            })
            .unwrap()
            .timeout_ms,
            5000
        );
        for bad in [0.0, -1.0, 1.5, 600_001.0, f64::NAN, f64::INFINITY] {
            assert!(
                matches!(
                    Config::new(Options {
                        timeout_ms: Some(bad),
                        ..given()
                    }),
                    Err(ConfigError::BadTimeout)
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn blank_user_principal_name_is_no_name() {
        assert_eq!(
            Config::new(Options {
                user_principal_name: Some("  ".into()),
                ..given()
            })
            .unwrap()
            .user_principal_name,
            None
        );
        assert_eq!(
            Config::new(Options {
                user_principal_name: Some("adele@contoso.example".into()),
                ..given()
            })
            .unwrap()
            .user_principal_name
            .as_deref(),
            Some("adele@contoso.example")
        );
    }

    #[test]
    fn user_ids_are_ids_not_paths() {
        for bad in ["", "  ", "/", "..", ".", "a/b", "../me"] {
            assert_eq!(
                Config::new(Options {
                    user_id: Some(bad.into()),
                    ..given()
                }),
                Err(ConfigError::BadUserId),
                "{bad:?}"
            );
        }
        let c = Config::new(Options {
            user_id: Some(" adele@contoso.example ".into()),
            ..given()
        })
        .unwrap();
        assert_eq!(c.user_id.as_deref(), Some("adele@contoso.example"));
    }

    #[test]
    fn reset_link_defaults_to_microsoft_hides_when_empty_and_is_https_only() {
        let with = |url: &str| {
            Config::new(Options {
                reset_password_url: Some(url.into()),
                ..given()
            })
        };
        assert_eq!(
            Config::default().reset_password_url.as_deref(),
            Some("https://passwordreset.microsoftonline.com/")
        );
        assert_eq!(with("").unwrap().reset_password_url, None);
        assert_eq!(
            with("https://sspr.contoso.example/?whr=contoso")
                .unwrap()
                .reset_password_url
                .as_deref(),
            Some("https://sspr.contoso.example/?whr=contoso")
        );
        for bad in [
            "http://sspr.contoso.example/",
            "javascript:alert(1)",
            "https://",
            "https://u:p@x.example/",
            "https://x.example/ a",
        ] {
            assert_eq!(with(bad), Err(ConfigError::BadResetUrl), "{bad}");
        }
    }

    #[test]
    fn strings_overrides_name_known_keys_with_text() {
        let with = |strings: Vec<(&str, Option<&str>)>| {
            Config::new(Options {
                strings: strings
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v.map(str::to_owned)))
                    .collect(),
                ..given()
            })
        };
        assert_eq!(
            with(vec![("submit", Some("Update password"))])
                .unwrap()
                .strings,
            vec![(Key::Submit, "Update password".to_owned())]
        );
        let unknown = with(vec![("submitt", Some("x"))]).unwrap_err();
        assert_eq!(unknown, ConfigError::UnknownString("submitt".into()));
        assert!(unknown
            .message(Door::Mount)
            .contains("options.strings has no sentence \"submitt\""));
        assert!(with(vec![("submit", None)])
            .unwrap_err()
            .message(Door::Element)
            .contains("the strings property \"submit\" must be a string"));
    }

    #[test]
    fn errors_name_the_option_as_written_at_each_door() {
        let e = ConfigError::BaseUrl(BaseUrlProblem::Query);
        assert!(e.message(Door::Mount).contains("options.baseUrl must not"));
        assert!(e
            .message(Door::Element)
            .contains("the base-url attribute must not"));
        assert!(e
            .message(Door::Leptos)
            .contains("the base_url prop must not"));
        assert!(ConfigError::BadUserId
            .message(Door::Element)
            .contains("user-id attribute"));
        assert!(ConfigError::BadTimeout
            .message(Door::Element)
            .contains("timeout-ms attribute"));
    }

    #[test]
    fn breach_check_is_off_the_public_api_or_a_mirror() {
        let with = |value: Option<&str>| {
            Config::new(Options {
                breach_check: value.map(str::to_owned),
                ..given()
            })
            .map(|c| c.breach_check)
        };
        let public = Some("https://api.pwnedpasswords.com/range/".to_owned());
        assert_eq!(with(None), Ok(None));
        assert_eq!(with(Some("false")), Ok(None));
        assert_eq!(with(Some("")), Ok(public.clone()));
        assert_eq!(with(Some("true")), Ok(public));
        assert_eq!(
            with(Some("https://pwned.contoso.example/range")),
            Ok(Some("https://pwned.contoso.example/range/".to_owned()))
        );
        assert_eq!(
            with(Some("http://127.0.0.1:8787/pwned/range/")),
            Ok(Some("http://127.0.0.1:8787/pwned/range/".to_owned()))
        );
        for bad in [
            "yes",
            "http://pwned.example/range/",
            "https://u:p@x.example/",
            "https://x/?q",
        ] {
            assert_eq!(with(Some(bad)), Err(ConfigError::BadBreachCheck), "{bad}");
        }
        assert!(ConfigError::BadBreachCheck
            .message(Door::Element)
            .starts_with(
                "<graph-change-password>: the breach-check attribute must be true, false"
            ));
    }

    #[test]
    fn a_token_source_is_required() {
        assert_eq!(
            Config::new(Options::default()),
            Err(ConfigError::GetTokenNotFunction)
        );
    }

    #[test]
    fn every_option_is_named_as_written_at_each_door() {
        let names = |opt: Opt| [Door::Mount, Door::Element, Door::Leptos].map(|d| opt.name(d));
        assert_eq!(
            names(Opt::TimeoutMs),
            [
                "options.timeoutMs",
                "the timeout-ms attribute",
                "the timeout_ms prop"
            ]
        );
        assert_eq!(
            names(Opt::Strings),
            [
                "options.strings",
                "the strings property",
                "the strings prop"
            ]
        );
        assert_eq!(
            names(Opt::GetToken),
            [
                "options.getToken",
                "the getToken property",
                "the get_token prop"
            ]
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
