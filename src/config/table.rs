//! The options, declared once. Each row gives an option's name at every door (the JS option,
//! the element's attribute, the Leptos prop), how its value is read, and, for the README and
//! `index.d.ts` (held to this table by a test that can rewrite them), its type, default and
//! doc line. `mount()`, the element (its observed attributes included) and the error messages
//! read the rows; only the Leptos props are written out by hand (a test holds them here too).

use super::ConfigError;

/// How a door hands an option's value over.
pub trait Source {
    /// A string (an attribute's value, a JS string); `None` when not given.
    fn text(&self, opt: Opt) -> Result<Option<String>, ConfigError>;
    /// A boolean attribute (present means true) or a JS truthy value.
    fn flag(&self, opt: Opt) -> bool;
    /// A number (an attribute's digits, a JS number).
    fn number(&self, opt: Opt) -> Result<Option<f64>, ConfigError>;
    /// An object of strings by key; a value that is not a string is kept as `None`.
    fn strings(&self, opt: Opt) -> Vec<(String, Option<String>)>;
    /// Whether the value is a function.
    fn function(&self, opt: Opt) -> bool;
    /// Off, on, or on with a string: `None` for off (absent, `false`, the attribute `"false"`),
    /// `Some("")` for on, `Some(text)` for a string (an attribute's value, a JS string).
    fn switch(&self, opt: Opt) -> Result<Option<String>, ConfigError>;
}

/// An option's names, as the developer writes it at each door.
pub struct Names {
    /// `mount`'s option and the element's property (`baseUrl`).
    pub js: &'static str,
    /// The element's attribute (`base-url`); `None` for properties only (functions, objects).
    pub attribute: Option<&'static str>,
    /// The Leptos component's prop (`base_url`).
    pub prop: &'static str,
}

/// What README and `index.d.ts` say of an option.
#[cfg(test)]
#[derive(Clone, Copy)]
pub struct Doc {
    pub ts: &'static str,
    pub default: &'static str,
    pub doc: &'static str,
}

macro_rules! field_type {
    (Text) => { Option<String> };
    (Flag) => { bool };
    (Number) => { Option<f64> };
    (Strings) => { Vec<(String, Option<String>)> };
    (Function) => { bool };
    (Switch) => { Option<String> };
}

macro_rules! read {
    (Text, $src:ident, $opt:expr) => {
        $src.text($opt)?
    };
    (Flag, $src:ident, $opt:expr) => {
        $src.flag($opt)
    };
    (Number, $src:ident, $opt:expr) => {
        $src.number($opt)?
    };
    (Strings, $src:ident, $opt:expr) => {
        $src.strings($opt)
    };
    (Function, $src:ident, $opt:expr) => {
        $src.function($opt)
    };
    (Switch, $src:ident, $opt:expr) => {
        $src.switch($opt)?
    };
}

macro_rules! attribute {
    () => {
        None
    };
    ($name:literal) => {
        Some($name)
    };
}

macro_rules! options {
    ($(
        $variant:ident $field:ident: $kind:ident = $js:literal $(, attribute $attribute:literal)?;
            ts $ts:literal, default $default:literal, $doc:literal;
    )*) => {
        /// An option, named per door in error messages.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Opt { $($variant),* }

        impl Opt {
            pub const ALL: &'static [Opt] = &[$(Opt::$variant),*];

            pub fn names(self) -> &'static Names {
                const NAMES: &[Names] = &[$(Names {
                    js: $js,
                    attribute: attribute!($($attribute)?),
                    prop: stringify!($field),
                }),*];
                &NAMES[self as usize]
            }

            #[cfg(test)]
            pub fn doc(self) -> Doc {
                const DOCS: &[Doc] = &[$(Doc { ts: $ts, default: $default, doc: $doc }),*];
                DOCS[self as usize]
            }
        }

        /// Options as a door hands them over, unchecked; `None` means "not given" (the
        /// default). `get_token` says whether the door has a function to ask.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Options {
            $(pub $field: field_type!($kind),)*
        }

        impl Options {
            /// Reads every option from a door.
            pub fn read(src: &impl Source) -> Result<Options, ConfigError> {
                Ok(Options { $($field: read!($kind, src, Opt::$variant),)* })
            }
        }
    };
}

options! {
    GetToken get_token: Function = "getToken";
        ts "GetToken", default "required",
        "access token for Graph, asked afresh for every request (see the token contract)";
    BaseUrl base_url: Text = "baseUrl", attribute "base-url";
        ts "string", default "`https://graph.microsoft.com/v1.0`",
        "`https://` only; `http://localhost` and `http://127.0.0.1` for development; no `user:password@`, query, fragment, spaces or non-ASCII";
    UserPrincipalName user_principal_name: Text = "userPrincipalName", attribute "user-principal-name";
        ts "string", default "none",
        "the signed-in user's UPN: fills a hidden `autocomplete=\"username\"` field so password managers file the new password under it";
    UserId user_id: Text = "userId", attribute "user-id";
        ts "string", default "none",
        "sends to `{baseUrl}/users/{percent-encoded userId}/changePassword` (documented on the beta) instead of `/me/…`; Graph allows only the signed-in user's own object id or UPN there; empty, `/`, `.` and `..` are refused";
    TimeoutMs timeout_ms: Number = "timeoutMs", attribute "timeout-ms";
        ts "number", default "`30000`",
        "how long to wait for `getToken`, then for Graph, in milliseconds (a whole number, 1–600000)";
    OfferSignOutEverywhere offer_sign_out_everywhere: Flag = "offerSignOutEverywhere", attribute "offer-sign-out-everywhere";
        ts "boolean", default "`false`",
        "offer \"Also sign me out everywhere\" (revokeSignInSessions) with the change";
    ResetPasswordUrl reset_password_url: Text = "resetPasswordUrl", attribute "reset-password-url";
        ts "string", default "`https://passwordreset.microsoftonline.com/`",
        "where \"Forgot your password?\" leads; `\"\"` hides it; https only";
    Locale locale: Text = "locale", attribute "locale";
        ts "Locale", default "the page's `lang`, then the browser's",
        "`en`, `de`, `fr`, `es`, `pt-BR`, `ja`, `zh-Hans`, `ar`, or a regional tag of one (`de-AT`); anything else falls to the next preference, with a warning";
    Strings strings: Strings = "strings";
        ts "Partial<Record<StringKey, string>>", default "none",
        "your own sentences by key, in whatever locale is active (see Languages)";
    Unstyled unstyled: Flag = "unstyled", attribute "unstyled";
        ts "boolean", default "`false`",
        "leave out the form's own stylesheet (your page styles the `.gcp` classes itself)";
    BreachCheck breach_check: Switch = "breachCheck", attribute "breach-check";
        ts "boolean | string", default "`false`",
        "refuse a new password found in data breaches, by k-anonymity (only 5 hex characters of its SHA-1 leave the browser): `true` (attribute present, empty or `\"true\"`) asks Have I Been Pwned's range API, a string is a mirror's base URL (same rules as `baseUrl`); see Breached passwords";
}

impl Opt {
    /// Every attribute the element observes.
    pub fn attributes() -> impl Iterator<Item = (Opt, &'static str)> {
        Opt::ALL
            .iter()
            .filter_map(|o| o.names().attribute.map(|a| (*o, a)))
    }
}
