//! Property-based fuzzing of every pure function that reads outside input: Graph's answers
//! (status, `Retry-After`, body, `WWW-Authenticate`), the host's token and options, and what
//! the user types. Each property is "never panics" plus the invariants the code promises.
//!
//! `cargo test` runs proptest's default 256 cases per property; `scripts/fuzz.sh` runs the same
//! properties with `PROPTEST_CASES` set high (the config below starts from
//! `ProptestConfig::default()`, which reads that variable). Failures are not persisted to files:
//! proptest prints the minimal failing input instead.

#![cfg(not(target_arch = "wasm32"))]

use graph_change_password::config::{check_base_url, check_user_id, Config, Options};
use graph_change_password::graph::challenge::claims;
use graph_change_password::graph::envelope::{ChangePasswordBody, Envelope};
use graph_change_password::graph::json::from_json;
use graph_change_password::graph::jwt::{payload, Claims, TokenProblem};
use graph_change_password::graph::outcome::{
    classify, Details, FailureKind, Outcome, PolicyReason, Reason, RetryAfter, TokenError, CHANGED,
};
use graph_change_password::graph::request::{build, endpoint, is_request_id, percent_encode};
use graph_change_password::graph::revoke::revoked;
use graph_change_password::i18n::texts::{placeholders, Key, Texts, TextsError};
use graph_change_password::i18n::{Locale, Plural};
use graph_change_password::policy::{
    Entry, Field, FieldProblem, Policy, Rule, RuleFailure, ENTRA_SYMBOLS, NAMED_AT_MOST,
};
use graph_change_password::strength::{entropy_bits, strength, ESTIMATED_AT_MOST};
use graph_change_password::strings::{details_line, field_problem, rule_failure};
use graph_change_password::token::usable;
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use serde_json::{json, Map, Value};
use std::sync::{Arc, LazyLock};

/// Proptest's defaults (so `PROPTEST_CASES` applies), without regression files in the tree.
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// The marker every generated Graph `message` carries, so that finding it in a headline means
/// the message was quoted, not that English happened to match.
const MARKER: &str = "ZQX";

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

fn pick(options: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(options).prop_map(str::to_owned)
}

/// Any text, including what a browser makes of arbitrary bytes.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<u8>(), 0..64)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        prop::collection::vec(any::<char>(), 0..80).prop_map(String::from_iter),
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<String>().prop_map(Value::String),
    ]
}

/// Any JSON value, nested a few levels.
fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(".{0,6}", inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Unknown fields to sprinkle into an object; the `x` prefix keeps them off the known names.
fn extras() -> impl Strategy<Value = Vec<(String, Value)>> {
    prop::collection::vec(("x[a-zA-Z_-]{0,8}", json_value()), 0..3)
}

fn with_extras(mut object: Map<String, Value>, extras: Vec<(String, Value)>) -> Value {
    for (k, v) in extras {
        object.entry(k).or_insert(v);
    }
    Value::Object(object)
}

/// A string field of Graph's envelope: a string, `null`, or absent.
#[derive(Clone, Debug)]
enum Field3 {
    Absent,
    Null,
    Str(String),
}

impl Field3 {
    fn expected(&self) -> Option<&str> {
        match self {
            Field3::Str(s) => Some(s),
            _ => None,
        }
    }

    fn put(&self, object: &mut Map<String, Value>, name: &str) {
        match self {
            Field3::Absent => {}
            Field3::Null => {
                object.insert(name.to_owned(), Value::Null);
            }
            Field3::Str(s) => {
                object.insert(name.to_owned(), Value::String(s.clone()));
            }
        }
    }
}

fn field3(text: impl Strategy<Value = String>) -> impl Strategy<Value = Field3> {
    prop_oneof![
        1 => Just(Field3::Absent),
        1 => Just(Field3::Null),
        4 => text.prop_map(Field3::Str),
    ]
}

/// Phrasings that steer a 400 to each of its kinds, or to none.
const PHRASINGS: &[&str] = &[
    "",
    "The specified password does not comply with password complexity requirements.",
    "This password is banned",
    "Password was recently used",
    "The current password is incorrect",
    "Invalid currentPassword",
    "Resource not found.",
];

/// Graph's `message`: at least 8 characters, always with [`MARKER`].
fn graph_message() -> impl Strategy<Value = String> {
    (pick(PHRASINGS), any::<String>(), "[a-zA-Z0-9 .-]{0,12}")
        .prop_map(|(phrase, a, b)| format!("{phrase} {a}{MARKER}-{b}-{MARKER}"))
}

/// Graph's error envelope, near-valid: random strings, `null`s, missing fields, both
/// spellings of `innerError`, unknown fields at every level.
#[derive(Clone, Debug)]
struct GraphEnvelope {
    code: Field3,
    message: Field3,
    /// `None`: no inner object. `Some(true)`: spelled `innerError`, else `innererror`.
    inner: Option<bool>,
    date: Field3,
    request_id: Field3,
    client_request_id: Field3,
    extras: [Vec<(String, Value)>; 3],
    pretty: bool,
}

impl GraphEnvelope {
    fn value(&self) -> Value {
        let mut error = Map::new();
        self.code.put(&mut error, "code");
        self.message.put(&mut error, "message");
        if let Some(camel) = self.inner {
            let mut inner = Map::new();
            self.date.put(&mut inner, "date");
            self.request_id.put(&mut inner, "request-id");
            self.client_request_id.put(&mut inner, "client-request-id");
            let name = if camel { "innerError" } else { "innererror" };
            error.insert(name.into(), with_extras(inner, self.extras[2].clone()));
        }
        let mut root = Map::new();
        root.insert("error".into(), with_extras(error, self.extras[1].clone()));
        with_extras(root, self.extras[0].clone())
    }

    fn text(&self) -> String {
        if self.pretty {
            serde_json::to_string_pretty(&self.value()).unwrap()
        } else {
            self.value().to_string()
        }
    }
}

fn graph_envelope() -> impl Strategy<Value = GraphEnvelope> {
    (
        (
            field3(pick(&[
                "Request_BadRequest",
                "Authorization_RequestDenied",
                "generalException",
            ])),
            field3(graph_message()),
            prop::option::of(any::<bool>()),
        ),
        (
            field3(any::<String>()),
            field3(any::<String>()),
            field3(any::<String>()),
        ),
        (extras(), extras(), extras()),
        any::<bool>(),
    )
        .prop_map(
            |((code, message, inner), (date, request_id, client_request_id), (a, b, c), pretty)| {
                GraphEnvelope {
                    code,
                    message,
                    inner,
                    date,
                    request_id,
                    client_request_id,
                    extras: [a, b, c],
                    pretty,
                }
            },
        )
}

/// A response body: Graph's envelope, a cut-off one, HTML, JSON of another shape, or noise.
fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => graph_envelope().prop_map(|e| e.text()),
        2 => (graph_envelope(), any::<prop::sample::Index>()).prop_map(|(e, i)| truncate(&e.text(), i)),
        1 => json_value().prop_map(|v| v.to_string()),
        1 => pick(&["", "<html><body>Bad Request</body></html>", "[]", "null", "{\"error\":\"a string\"}"]),
        1 => any_text(),
    ]
}

/// `text` cut at a char boundary, strictly shorter.
fn truncate(text: &str, at: prop::sample::Index) -> String {
    let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    if cuts.is_empty() {
        return String::new();
    }
    text[..cuts[at.index(cuts.len())]].to_owned()
}

/// `Retry-After` as sent, or not readable. Never contains `Z`, so never [`MARKER`].
fn retry_after() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        "[0-9]{1,12}",
        " *[0-9]{1,4} *",
        pick(&[
            "",
            " ",
            "-1",
            "1.5",
            "Wed, 25 Nov 2026 10:00:00 GMT",
            "4294967296"
        ]),
        // IMF-fixdates of any year, month name, day and time, valid or not.
        fixdate(),
        "[^Z]{0,30}",
    ])
}

/// IMF-fixdates with fields in range, of any year from 0000 (a server's or a proxy's mistake).
fn fixdate() -> impl Strategy<Value = String> {
    "(Mon|Sun), (0[1-9]|[12][0-9]|3[01]) (Jan|Feb|Mar|Dec|Foo) (0000|00[0-9]{2}|19[0-9]{2}|20[0-9]{2}) ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9] GMT"
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        4 => 0u16..=999,
        2 => pick_status(),
        1 => Just(400u16),
        1 => 200u16..=299,
        1 => 500u16..=599,
        1 => any::<u16>(),
    ]
}

fn pick_status() -> impl Strategy<Value = u16> {
    prop::sample::select(
        &[
            200u16, 201, 204, 299, 302, 400, 401, 403, 404, 429, 500, 502, 503, 599,
        ][..],
    )
}

/// Base64 of `bytes`: standard or URL-safe alphabet, with or without padding.
fn base64(bytes: &[u8], url_safe: bool, pad: bool) -> String {
    let alphabet: &[u8; 64] = if url_safe {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    } else {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    };
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(alphabet[((v >> (18 - 6 * i)) & 63) as usize]));
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

fn quote(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Other parameters of a challenge: `name="any text"` or `name=token`, never `error`/`claims`.
fn challenge_params() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        (
            "[a-zA-Z_][a-zA-Z0-9_-]{0,10}",
            prop_oneof![
                any::<String>().prop_map(|v| quote(&v)),
                "[A-Za-z0-9._~+/=:-]{0,12}",
            ],
        )
            .prop_filter_map("not error or claims", |(name, value)| {
                let n = name.to_ascii_lowercase();
                (n != "error" && n != "claims").then(|| format!("{name}={value}"))
            }),
        0..5,
    )
}

fn separator() -> impl Strategy<Value = String> {
    pick(&[", ", ",", " , ", " ", ",  "])
}

/// Joins a scheme and parameters into a header, `extra` inserted at position `at`.
fn challenge(
    scheme: &str,
    mut params: Vec<String>,
    extra: Vec<(String, prop::sample::Index)>,
    sep: &str,
) -> String {
    for (p, at) in extra {
        let i = at.index(params.len() + 1);
        params.insert(i, p);
    }
    let joined = params.join(sep);
    if scheme.is_empty() {
        joined
    } else {
        format!("{scheme} {joined}")
    }
}

fn scheme() -> impl Strategy<Value = String> {
    pick(&["Bearer", "", "bearer", "PoP", "Basic realm=\"x\","])
}

/// Something shaped like a URL, near the edges of what a base URL may be.
fn url_like() -> impl Strategy<Value = String> {
    let built = (
        prop_oneof![
            3 => pick(&["https://", "http://", "HTTPS://", "Http://"]),
            1 => pick(&["ftp://", "https:/", "", "https:", "http:/", "https//"]),
        ],
        prop_oneof![4 => Just(String::new()), 1 => pick(&["user:pw@", "@", "a@"])],
        prop_oneof![
            pick(&[
                "localhost",
                "127.0.0.1",
                "LocalHost",
                "graph.microsoft.com",
                "localhost.evil.example",
                "127.0.0.1.nip.io",
                "",
                "[::1]",
            ]),
            "[a-z0-9.-]{0,12}",
        ],
        prop_oneof![
            pick(&["", "", ":8787", ":", ":abc", ":80:80"]),
            ":[0-9]{0,5}",
        ],
        prop::collection::vec(
            prop_oneof![
                4 => pick(&["/", "/v1.0", "/beta/", "//", "%2F", "/a@b"]),
                2 => "[a-z0-9./@:-]{0,6}",
                1 => pick(&["?q=1", "#f", " ", "\\", "é", "\t", "\n"]),
            ],
            0..4,
        ),
    )
        .prop_map(|(scheme, user, host, port, path)| {
            format!("{scheme}{user}{host}{port}{}", path.concat())
        });
    prop_oneof![4 => built, 1 => any_text()]
}

/// How the browser's URL parser (WHATWG, the `url` crate) reads an address: its scheme, host,
/// whether it carries credentials, a query or a fragment, and origin + path as serialized.
fn parsed(url: &str) -> Option<(String, String, bool, String)> {
    let u = url::Url::parse(url).ok()?;
    let extras = !u.username().is_empty()
        || u.password().is_some()
        || u.query().is_some()
        || u.fragment().is_some();
    let host = u.host_str().unwrap_or("").to_owned();
    let origin_and_path = format!("{}{}", u.origin().ascii_serialization(), u.path());
    Some((u.scheme().to_owned(), host, extras, origin_and_path))
}

/// What `resetPasswordUrl` may be: `""` (no link), or https with a host, no credentials, and
/// visible ASCII only.
fn reset_url_is_safe(url: &str) -> bool {
    if url.is_empty() {
        return true;
    }
    let Some(rest) = url
        .get(..8)
        .filter(|s| s.eq_ignore_ascii_case("https://"))
        .map(|_| &url[8..])
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    !authority.is_empty()
        && !authority.contains('@')
        && url.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
}

/// A user id: UPNs, guests' `#EXT#`, paths and dots, whitespace, anything.
fn user_id() -> impl Strategy<Value = String> {
    prop_oneof![
        pick(&[
            "",
            ".",
            "..",
            " . ",
            "/",
            "a/b",
            " ..\t",
            "\u{3000}",
            "ann_x.com#EXT#@contoso.onmicrosoft.com"
        ]),
        "[a-z./ \t@#?%]{0,8}",
        any_text(),
    ]
}

/// A password: arbitrary text, or near the policy's edges (categories, symbols, length).
fn password() -> impl Strategy<Value = String> {
    prop_oneof![
        any_text(),
        "[a-zA-Z0-9 !@#é€\t😀\u{a0}]{0,20}",
        "[A-Z][a-z]{3,10}[0-9]{1,3}[!#$%-]{0,2}",
        prop::collection::vec(
            prop::sample::select(&['a', 'Z', '7', '!', ' ', 'é', '\u{200b}'][..]),
            250..262
        )
        .prop_map(String::from_iter),
    ]
}

fn policy() -> impl Strategy<Value = Policy> {
    (
        prop_oneof![Just(8usize), 0usize..300],
        prop_oneof![Just(256usize), 0usize..300],
        0usize..6,
        prop::sample::select(&[ENTRA_SYMBOLS, "", "!@#", "é€", " "][..]),
        any::<bool>(),
    )
        .prop_map(
            |(min_len, max_len, min_categories, symbols, allow_space)| Policy {
                min_len,
                max_len,
                min_categories,
                symbols,
                allow_space,
            },
        )
}

/// The same password `same` times in five, another one or nothing otherwise.
fn related(base: String, same: u32) -> impl Strategy<Value = String> {
    prop_oneof![
        same => Just(base),
        4 - same => password(),
        1 => Just(String::new()),
    ]
}

/// A password that meets the default policy.
fn good_password() -> impl Strategy<Value = String> {
    "[A-Z][a-z]{3,10}[0-9]{1,3}[!#$%-]{0,2}[ a-zA-Z0-9]{0,4}"
}

fn entry() -> impl Strategy<Value = Entry> {
    prop_oneof![password(), good_password()].prop_flat_map(|new| {
        (related(new.clone(), 1), related(new.clone(), 3), Just(new)).prop_map(
            |(current, confirm, new)| Entry {
                current,
                new,
                confirm,
            },
        )
    })
}

fn timeout_ms() -> impl Strategy<Value = Option<f64>> {
    prop::option::of(prop_oneof![
        any::<f64>(),
        (0u32..700_000).prop_map(f64::from),
        pick_f64(),
    ])
}

fn pick_f64() -> impl Strategy<Value = f64> {
    prop::sample::select(
        &[
            0.0,
            1.0,
            600_000.0,
            600_001.0,
            0.5,
            -1.0,
            f64::NAN,
            f64::INFINITY,
        ][..],
    )
}

// `..Options::default()` below updates nothing today, and keeps a new option from breaking this.
#[allow(clippy::needless_update)]
fn options() -> impl Strategy<Value = Options> {
    (
        prop::option::of(url_like()),
        prop::option::of(prop_oneof![
            Just(String::new()),
            Just(" ".to_owned()),
            any_text()
        ]),
        prop::option::of(user_id()),
        timeout_ms(),
        any::<bool>(),
        prop::option::of(prop_oneof![Just(String::new()), url_like()]),
        (prop::option::of(locale_tag()), host_strings()),
        (
            any::<bool>(),
            prop::option::of(prop_oneof![pick(&["", "true", "false"]), url_like()]),
        ),
    )
        .prop_map(
            |(
                base_url,
                user_principal_name,
                user_id,
                timeout_ms,
                offer,
                reset,
                (locale, strings),
                (unstyled, breach_check),
            )| {
                Options {
                    get_token: true,
                    base_url,
                    user_principal_name,
                    user_id,
                    timeout_ms,
                    offer_sign_out_everywhere: offer,
                    reset_password_url: reset,
                    locale,
                    strings,
                    unstyled,
                    breach_check,
                    // An option added later starts as "not given" here.
                    ..Options::default()
                }
            },
        )
}

/// A key name: mostly a real one, sometimes not.
fn key_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(Key::ALL).prop_map(|k| k.name().to_owned()),
        1 => prop_oneof![pick(&["", "Changed", "changed ", "label-current"]), "[a-z_]{0,12}"],
    ]
}

/// The host's `strings` option: sentences by key name, `None` for a value that is no string.
fn host_strings() -> impl Strategy<Value = Vec<(String, Option<String>)>> {
    prop_oneof![
        2 => Just(Vec::new()),
        1 => prop::collection::vec(
            (key_name(), prop_oneof![4 => prop::option::of("[^Z]{0,20}"), 1 => Just(None)]),
            0..4,
        ),
    ]
}

/// A BCP 47-ish tag: the built-in ones in any case and spelling, regions, or anything.
fn locale_tag() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            prop::sample::select(Locale::ALL.to_vec()),
            pick(&[
                "",
                "-AT",
                "_us",
                "-419",
                "-Hans-CN",
                "-TW",
                "-Hant",
                "-x-private"
            ]),
            any::<bool>(),
        )
            .prop_map(|(l, region, upper)| {
                let tag = format!("{}{region}", l.tag());
                if upper {
                    tag.to_ascii_uppercase()
                } else {
                    tag
                }
            }),
        pick(&["", " ", "-", "zh", "zh-hk", "pt", "xx", "iw"]),
        "[a-zA-Z_ -]{0,12}",
        any_text(),
    ]
}

/// Every built-in locale's table, read from `locales/` as shipped.
static TABLES: LazyLock<Vec<Texts>> = LazyLock::new(|| {
    Locale::ALL
        .iter()
        .map(|l| {
            let path = format!("{}/locales/{}.js", env!("CARGO_MANIFEST_DIR"), l.tag());
            let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            Texts::parse(*l, &json).unwrap_or_else(|e| panic!("{path}: {e:?}"))
        })
        .collect()
});

/// A built-in locale's table, and whether the host replaced some of its sentences (with text
/// that never holds [`MARKER`]).
fn texts() -> impl Strategy<Value = (Arc<Texts>, bool)> {
    (
        any::<prop::sample::Index>(),
        prop_oneof![
            3 => Just(Vec::new()),
            1 => prop::collection::vec((prop::sample::select(Key::ALL), "[^Z]{0,24}"), 1..4),
        ],
    )
        .prop_map(|(i, overrides)| {
            let table = TABLES[i.index(TABLES.len())].clone();
            let overridden = !overrides.is_empty();
            (Arc::new(table.with_overrides(&overrides)), overridden)
        })
}

fn details() -> impl Strategy<Value = Details> {
    (
        status(),
        prop::option::of(any::<String>()),
        prop::option::of(graph_message()),
        prop::option::of(any::<String>()),
        prop::option::of(any::<String>()),
    )
        .prop_map(|(status, code, message, request_id, date)| Details {
            status,
            code,
            message,
            request_id,
            date,
        })
}

fn retry() -> impl Strategy<Value = Option<RetryAfter>> {
    prop::option::of(prop_oneof![
        any::<u32>().prop_map(RetryAfter::Seconds),
        any::<u32>().prop_map(RetryAfter::About),
    ])
}

/// Every outcome, built directly.
fn outcome() -> impl Strategy<Value = Outcome> {
    let reason = prop::sample::select(
        &[
            PolicyReason::Complexity,
            PolicyReason::Banned,
            PolicyReason::RecentlyUsed,
        ][..],
    );
    let token_error = prop::sample::select(
        &[
            TokenError::Threw,
            TokenError::Rejected,
            TokenError::NotAString,
            TokenError::Empty,
            TokenError::NotHeaderSafe,
            TokenError::TimedOut,
        ][..],
    );
    prop_oneof![
        Just(Outcome::Changed),
        details().prop_map(Outcome::WrongCurrentPassword),
        (reason, details()).prop_map(|(r, d)| Outcome::PolicyRejected(r, d)),
        details().prop_map(Outcome::BadRequest),
        details().prop_map(Outcome::SignInExpired),
        details().prop_map(Outcome::Forbidden),
        (retry(), details()).prop_map(|(r, d)| Outcome::Throttled(r, d)),
        (retry(), details()).prop_map(|(r, d)| Outcome::Unavailable(r, d)),
        details().prop_map(Outcome::ServerError),
        details().prop_map(Outcome::Unexpected),
        Just(Outcome::Redirected),
        Just(Outcome::NetworkError),
        Just(Outcome::Timeout),
        (
            token_error,
            prop::sample::select(vec![Reason::Change, Reason::Retry, Reason::Revoke])
        )
            .prop_map(|(e, r)| Outcome::TokenUnavailable(e, r)),
    ]
}

fn rule_failure_strategy() -> impl Strategy<Value = RuleFailure> {
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(len, min)| RuleFailure::TooShort { len, min }),
        (any::<usize>(), any::<usize>()).prop_map(|(len, max)| RuleFailure::TooLong { len, max }),
        (any::<usize>(), any::<usize>())
            .prop_map(|(have, required)| RuleFailure::TooFewCategories { have, required }),
        (prop::collection::vec(any::<char>(), 0..5), any::<bool>())
            .prop_map(|(named, more)| RuleFailure::Disallowed { named, more }),
    ]
}

/// JWT claims as a JSON object: `aud`/`scp` strings, `null` or absent, `exp` a number, `null` or
/// absent, plus unknown fields.
fn jwt_claims() -> impl Strategy<Value = (Value, Option<String>, Option<String>, Option<f64>)> {
    let scp = prop_oneof![
        any::<String>(),
        pick(&[
            "openid User-PasswordProfile.ReadWrite.All",
            "Directory.AccessAsUser.All User.Read",
            "user-passwordprofile.readwrite.all",
            "User.Read  directory.accessasuser.all",
            "",
        ]),
    ];
    let aud = prop_oneof![
        any::<String>(),
        pick(&[
            "https://graph.microsoft.com",
            "https://graph.microsoft.com/",
            "00000003-0000-0000-c000-000000000000",
            "HTTPS://GRAPH.MICROSOFT.US",
            "http://127.0.0.1:8787",
            "api://my-api",
        ]),
    ];
    (
        field3(aud),
        field3(scp),
        prop_oneof![
            Just(None),
            Just(Some(Value::Null)),
            (-4_000_000_000i64..4_000_000_000).prop_map(|n| Some(Value::from(n))),
        ],
        extras(),
    )
        .prop_map(|(aud, scp, exp, extras)| {
            let mut object = Map::new();
            aud.put(&mut object, "aud");
            scp.put(&mut object, "scp");
            if let Some(exp) = &exp {
                object.insert("exp".into(), exp.clone());
            }
            let want_exp = exp.and_then(|e| e.as_f64());
            (
                with_extras(object, extras),
                aud.expected().map(str::to_owned),
                scp.expected().map(str::to_owned),
                want_exp,
            )
        })
}

fn now() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-4_000_000_000i64..4_000_000_000).prop_map(|n| n as f64),
        any::<f64>(),
    ]
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

fn is_unreserved_or_at(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'@')
}

fn documented(kind: &str) -> bool {
    kind == CHANGED || FailureKind::ALL.iter().any(|k| k.as_str() == kind)
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    /// `classify`: success is 204 and only 204; the status decides 2xx, 401, 403, 429 and 5xx
    /// whatever the body; the status is kept; the kind is one of the documented thirteen.
    /// Every status of the drawn one's hundred is tried with the same answer.
    #[test]
    fn classify_follows_the_status(status in status(), retry in retry_after(), body in body()) {
        let first = status / 100 * 100;
        for s in std::iter::once(status).chain(first..=first.saturating_add(99)) {
            classify_rules(s, retry.as_deref(), &body)?;
        }
    }

    /// The headline never quotes Graph's message; the help-desk line does.
    #[test]
    fn classify_headline_never_quotes_graph(
        status in status(),
        retry in retry_after(),
        envelope in graph_envelope(),
        timeout in any::<u32>(),
        request_id in prop::option::of(any::<String>()),
        (t, overridden) in texts(),
    ) {
        let outcome = classify(status, retry.as_deref(), &envelope.text(), 0);
        let headline = outcome.headline(&t, timeout, false);
        let details = details_line(&t, &outcome, request_id.as_deref());
        if let Some(message) = outcome.details().and_then(|d| d.message.clone()) {
            prop_assert!(message.len() >= 8 && message.contains(MARKER));
            prop_assert!(!headline.contains(&message), "{headline}");
            if !overridden {
                prop_assert!(details.unwrap().contains(&message));
            }
        }
        if !overridden {
            prop_assert!(!headline.is_empty());
        }
    }

    /// `classify` and `revoked` take anything; no revoke is done without a 2xx.
    #[test]
    fn classify_and_revoked_never_panic(status in any::<u16>(), retry in prop::option::of(any_text()), body in any_text()) {
        let outcome = classify(status, retry.as_deref(), &body, 0);
        prop_assert!(documented(outcome.kind()));
        let _ = outcome.headline(&Texts::english(), 30_000, true);
        let _ = details_line(&Texts::english(), &outcome, None);
        let result = revoked(status, None, &body);
        prop_assert_eq!(result.status, Some(status));
        if result.done {
            prop_assert!((200..300).contains(&status), "{} {:?}", status, body);
        }
    }

    /// A revoke body that says `value: true` (whatever else it holds) is done on any 2xx; one that
    /// says `value: false` is never done; nothing outside 2xx is ever done. (The rule itself, and
    /// the cases between, are the example table in `outcome.rs`.)
    #[test]
    fn revoked_follows_what_the_body_says(
        status in prop_oneof![Just(200u16), Just(204u16), 200u16..300, any::<u16>()],
        value in prop_oneof![Just(json!(true)), Just(json!(false))],
        extras in extras(),
    ) {
        let mut object = Map::new();
        object.insert("value".into(), value.clone());
        let body = with_extras(object, extras).to_string();
        let done = revoked(status, None, &body).done;
        if !(200..300).contains(&status) || value == json!(false) {
            prop_assert!(!done, "{} {}", status, body);
        } else {
            prop_assert!(done, "{} {}", status, body);
        }
    }

    /// Graph's envelope gives back exactly its strings, whichever spelling of `innerError`.
    #[test]
    fn envelope_round_trips(envelope in graph_envelope()) {
        let text = envelope.text();
        let parsed = Envelope::parse(&text);
        prop_assert!(parsed.is_some(), "{}", text);
        let error = parsed.unwrap().error;
        prop_assert_eq!(error.code.as_deref(), envelope.code.expected());
        prop_assert_eq!(error.message.as_deref(), envelope.message.expected());
        match (envelope.inner, error.inner_error) {
            (None, None) => {}
            (Some(_), Some(inner)) => {
                prop_assert_eq!(inner.date.as_deref(), envelope.date.expected());
                prop_assert_eq!(inner.request_id.as_deref(), envelope.request_id.expected());
                prop_assert_eq!(inner.client_request_id.as_deref(), envelope.client_request_id.expected());
            }
            (want, got) => prop_assert!(false, "inner {:?} vs {}", want, got.is_some()),
        }
    }

    /// A cut-off envelope is no envelope.
    #[test]
    fn envelope_truncated_is_rejected(envelope in graph_envelope(), at in any::<prop::sample::Index>(), status in status()) {
        let text = truncate(&envelope.text(), at);
        prop_assert!(Envelope::parse(&text).is_none(), "{}", text);
        if status != 204 {
            let outcome = classify(status, None, &text, 0);
            prop_assert_eq!(outcome.details(), Some(&Details { status, ..Details::default() }));
        }
    }

    /// Any JSON where the envelope's fields are: never a panic; a field of the wrong type
    /// (number, bool) means no envelope; whatever parses carries the strings that were there.
    #[test]
    fn envelope_with_random_values_never_panics(
        code in prop_oneof![json_value(), any::<String>().prop_map(Value::String)],
        message in json_value(),
        inner in json_value(),
        camel in any::<bool>(),
        at_root in json_value(),
    ) {
        let e = json!({"error": {"code": code, "message": message, (if camel { "innerError" } else { "innererror" }): inner}});
        for text in [e.to_string(), at_root.to_string(), json!({"error": at_root}).to_string()] {
            if let Some(parsed) = Envelope::parse(&text) {
                let v: Value = serde_json::from_str(&text).unwrap();
                if let Some(c) = v["error"].get("code") {
                    prop_assert_eq!(parsed.error.code.as_deref(), c.as_str());
                }
            }
        }
        let wrong = |v: &Value| v.is_number() || v.is_boolean();
        if wrong(&code) || wrong(&message) || wrong(&inner) {
            prop_assert!(Envelope::parse(&e.to_string()).is_none());
        }
        let _ = from_json::<Value>(&e.to_string());
    }

    /// The request body is exactly the two fields, whatever the passwords hold.
    #[test]
    fn change_password_body_round_trips(current in any_text(), new in any_text()) {
        let text = ChangePasswordBody { current_password: &current, new_password: &new }.to_json();
        let v: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(v, json!({"currentPassword": current, "newPassword": new}));
    }

    /// An `insufficient_claims` challenge gives back exactly the claims it encodes, in any
    /// base64 flavour, among any other parameters.
    #[test]
    fn challenge_claims_round_trip(
        claims_text in any::<String>().prop_filter("non-empty", |s| !s.is_empty()),
        url_safe in any::<bool>(),
        pad in any::<bool>(),
        quoted in any::<bool>(),
        spaces in pick(&["", " ", "  "]),
        error_name in pick(&["error", "ERROR", "Error"]),
        claims_name in pick(&["claims", "Claims"]),
        error_quoted in any::<bool>(),
        scheme in scheme(),
        params in challenge_params(),
        sep in separator(),
        at in (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
    ) {
        let encoded = base64(claims_text.as_bytes(), url_safe, pad);
        let claims_param = if quoted {
            format!("{claims_name}=\"{spaces}{encoded}{spaces}\"")
        } else {
            format!("{claims_name}={encoded}")
        };
        let error_param = if error_quoted {
            format!("{error_name}=\"insufficient_claims\"")
        } else {
            format!("{error_name}=insufficient_claims")
        };
        let header = challenge(&scheme, params, vec![(error_param, at.0), (claims_param, at.1)], &sep);
        prop_assert_eq!(claims(&header), Some(claims_text), "{}", header);
    }

    /// Without `error="insufficient_claims"` there are no claims.
    #[test]
    fn challenge_without_insufficient_claims_is_none(
        error in prop::option::of(any::<String>().prop_filter("other error", |e| e != "insufficient_claims")),
        claims_text in any::<String>(),
        scheme in scheme(),
        params in challenge_params(),
        sep in separator(),
        at in (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
    ) {
        let mut extra = vec![(format!("claims={}", quote(&base64(claims_text.as_bytes(), false, true))), at.0)];
        if let Some(e) = error {
            extra.push((format!("error={}", quote(&e)), at.1));
        }
        let header = challenge(&scheme, params, extra, &sep);
        prop_assert_eq!(claims(&header), None, "{}", header);
    }

    /// `claims` takes any header.
    #[test]
    fn challenge_never_panics(
        header in prop_oneof![
            any_text(),
            (scheme(), challenge_params(), separator()).prop_map(|(s, p, sep)| challenge(&s, p, vec![], &sep)),
            "[a-z=\", \\\\]{0,30}",
            ("[a-zA-Z0-9+/_=-]{0,40}", any::<bool>()).prop_map(|(b, q)| {
                if q { format!("Bearer error=\"insufficient_claims\", claims=\"{b}\"") } else { format!("error=insufficient_claims,claims={b}") }
            }),
        ]
    ) {
        if let Some(c) = claims(&header) {
            prop_assert!(!c.is_empty());
        }
    }

    /// A JWT's payload is read back exactly, and its claims with it; `problems` is a subset of
    /// the three, in order, and `Expired` and `Scope` are exactly as the claims say.
    #[test]
    fn jwt_payload_and_claims_round_trip(
        header in json_value(),
        (body, aud, scp, exp) in jwt_claims(),
        url_safe in any::<bool>(),
        pad in any::<bool>(),
        signature in "[A-Za-z0-9_-]{0,40}",
        now in now(),
        base_url in prop_oneof![url_like(), pick(&["https://graph.microsoft.com/v1.0", "http://127.0.0.1:8787/v1.0"])],
        reason in prop::sample::select(vec![Reason::Change, Reason::Retry, Reason::Revoke]),
    ) {
        let text = body.to_string();
        let token = format!(
            "{}.{}.{signature}",
            base64(header.to_string().as_bytes(), true, false),
            base64(text.as_bytes(), url_safe, pad)
        );
        prop_assert_eq!(payload(&token), Some(text));
        let c = Claims::of(&token);
        prop_assert!(c.is_some());
        let c = c.unwrap();
        prop_assert_eq!(&c.aud.0, &aud.iter().cloned().collect::<Vec<_>>());
        prop_assert_eq!(&c.scp, &scp);
        prop_assert_eq!(c.exp, exp);
        let problems = c.problems(now, &base_url, reason);
        let scope = if reason == Reason::Revoke { TokenProblem::RevokeScope } else { TokenProblem::ChangeScope };
        let order = [TokenProblem::Audience, scope, TokenProblem::Expired];
        let mut last = None;
        for p in &problems {
            let i = order.iter().position(|o| o == p).unwrap();
            prop_assert!(last < Some(i));
            last = Some(i);
        }
        prop_assert_eq!(problems.contains(&TokenProblem::Expired), exp.is_some_and(|e| e <= now));
        let wanted = if reason == Reason::Revoke {
            ["user.revokesessions.all", "directory.accessasuser.all"]
        } else {
            ["user-passwordprofile.readwrite.all", "directory.accessasuser.all"]
        };
        let has_scope = scp.as_deref().unwrap_or("").split(' ').any(|s| wanted.contains(&s.to_ascii_lowercase().as_str()));
        prop_assert_eq!(problems.contains(&scope), !has_scope);
        if aud.is_none() {
            prop_assert!(problems.contains(&TokenProblem::Audience));
        }
    }

    /// `payload`, `Claims::of` and `problems` take any string.
    #[test]
    fn jwt_never_panics(
        token in prop_oneof![
            any_text(),
            "[A-Za-z0-9_=.-]{0,30}",
            (any_text(), any_text(), any_text()).prop_map(|(a, b, c)| format!("{a}.{b}.{c}")),
            (json_value(), any::<bool>()).prop_map(|(v, u)| format!("e30.{}.s", base64(v.to_string().as_bytes(), u, !u))),
            (prop::collection::vec(any::<u8>(), 0..40), any::<bool>()).prop_map(|(b, u)| format!("e30.{}.s", base64(&b, u, u))),
        ],
        now in now(),
        base_url in prop_oneof![url_like(), any_text()],
    ) {
        let p = payload(&token);
        if p.is_some() {
            prop_assert_eq!(token.split('.').count(), 3);
        }
        if let Some(c) = Claims::of(&token) {
            prop_assert!(p.is_some());
            let problems = c.problems(now, &base_url, Reason::Revoke);
            prop_assert!(problems.len() <= 3);
        }
    }

    /// `percent_encode` leaves only unreserved characters, `@` and `%XX`, and decodes back.
    #[test]
    fn percent_encode_round_trips(segment in any_text()) {
        let encoded = percent_encode(&segment);
        let bytes = encoded.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                prop_assert!(i + 2 < bytes.len(), "{}", encoded);
                let hex = &bytes[i + 1..i + 3];
                prop_assert!(hex.iter().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(b)), "{}", encoded);
                i += 3;
            } else {
                prop_assert!(is_unreserved_or_at(bytes[i]), "{}", encoded);
                i += 1;
            }
        }
        prop_assert_eq!(percent_decode(&encoded), Some(segment.as_bytes().to_vec()));
        if segment.bytes().all(is_unreserved_or_at) {
            prop_assert_eq!(encoded, segment);
        }
    }

    /// The user id stays one path segment: no `?`, `#` or `/` from it reaches the URL.
    #[test]
    fn endpoint_keeps_the_id_in_one_segment(
        base in prop_oneof![
            pick(&["https://graph.microsoft.com/v1.0", "https://g/beta/", "http://127.0.0.1:8787/beta//"]),
            // An accepted base, or Graph's when the drawn one is refused (a filter would reject
            // too many).
            url_like().prop_map(|u| if check_base_url(&u).is_ok() {
                u
            } else {
                "https://graph.microsoft.com/v1.0".to_owned()
            }),
        ],
        id in user_id(),
    ) {
        let url = endpoint(&base, Some(&id));
        prop_assert!(!url.contains('?') && !url.contains('#'), "{}", url);
        let prefix = format!("{}/users/", base.trim_end_matches('/'));
        prop_assert!(url.starts_with(&prefix), "{}", url);
        let segment = url[prefix.len()..].strip_suffix("/changePassword");
        prop_assert!(segment.is_some(), "{}", url);
        let segment = segment.unwrap();
        prop_assert!(!segment.contains('/'), "{}", url);
        prop_assert_eq!(segment, percent_encode(&id));
        prop_assert_eq!(endpoint(&base, None), format!("{}/me/changePassword", base.trim_end_matches('/')));
    }

    /// `build`: the URL is the endpoint, the body carries exactly the passwords, the headers
    /// exactly the token and request id, and `Debug` shows no password.
    #[test]
    fn build_request(
        base_url in prop::option::of(prop_oneof![pick(&["https://g/v1.0", "http://localhost:8787/beta/"]), url_like()]),
        user_id in prop::option::of(user_id()),
        token in "[!-~]{1,40}",
        request_id in prop::option::of(prop_oneof!["[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", any::<String>()]),
        current in any_text(),
        new in any_text(),
    ) {
        let options = Options { base_url, user_id, get_token: true, ..Options::default() };
        let Ok(config) = Config::new(options) else { return Ok(()) };
        let current = format!("QJV{current}");
        let new = format!("QJW{new}");
        let req = build(&config, &token, request_id.as_deref(), &current, &new);
        prop_assert_eq!(&req.url, &endpoint(&config.base_url, config.user_id.as_deref()));
        let body: Value = serde_json::from_str(&req.body).unwrap();
        prop_assert_eq!(body, json!({"currentPassword": current, "newPassword": new}));
        let mut want = vec![
            ("Authorization", format!("Bearer {token}")),
            ("Content-Type", "application/json".to_owned()),
        ];
        if let Some(id) = &request_id {
            want.push(("client-request-id", id.clone()));
        }
        prop_assert_eq!(&req.headers, &want);
        let debug = format!("{req:?}");
        for secret in [&current, &new] {
            prop_assert!(!debug.contains(secret.as_str()) || req.url.contains(secret.as_str()));
        }
    }

    /// `is_request_id` accepts exactly 8-4-4-4-12 hex digits.
    #[test]
    fn is_request_id_is_uuid_shape(
        id in prop_oneof![
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            "[0-9a-fA-F-]{34,38}",
            "[0-9a-fé-]{30,36}",
            any_text(),
        ]
    ) {
        let shaped = id.len() == 36
            && id.bytes().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => b == b'-',
                _ => b.is_ascii_hexdigit(),
            });
        prop_assert_eq!(is_request_id(&id), shaped, "{:?}", id);
    }

    /// `Policy::check`: the three rules in order, stable, each verdict as the text says.
    #[test]
    fn policy_check(policy in policy(), pw in password()) {
        let checks = policy.check(&pw);
        prop_assert_eq!(&checks, &policy.check(&pw));
        prop_assert_eq!(checks.len(), 3);
        prop_assert_eq!(&checks[0].rule, &Rule::Length { min: policy.min_len, max: policy.max_len });
        prop_assert_eq!(&checks[1].rule, &Rule::Categories { required: policy.min_categories });
        prop_assert_eq!(&checks[2].rule, &Rule::AllowedCharacters);
        let len = pw.chars().count();
        let length = if len < policy.min_len {
            Some(RuleFailure::TooShort { len, min: policy.min_len })
        } else if len > policy.max_len {
            Some(RuleFailure::TooLong { len, max: policy.max_len })
        } else {
            None
        };
        prop_assert_eq!(&checks[0].failure, &length);
        let mut categories: Vec<_> = pw.chars().filter_map(|c| policy.category(c)).collect();
        categories.sort_by_key(|c| *c as usize);
        categories.dedup();
        let have = categories.len();
        prop_assert_eq!(
            &checks[1].failure,
            &(have < policy.min_categories).then_some(RuleFailure::TooFewCategories { have, required: policy.min_categories })
        );
        let mut disallowed: Vec<char> = Vec::new();
        for c in pw.chars().filter(|c| policy.category(*c).is_none()) {
            if !disallowed.contains(&c) {
                disallowed.push(c);
            }
        }
        match &checks[2].failure {
            None => prop_assert!(disallowed.is_empty()),
            Some(RuleFailure::Disallowed { named, more }) => {
                prop_assert!(!named.is_empty() && named.len() <= NAMED_AT_MOST);
                prop_assert!(named.len() <= 3);
                for c in named {
                    prop_assert!(pw.contains(*c));
                    prop_assert!(policy.category(*c).is_none());
                }
                prop_assert_eq!(&named[..], &disallowed[..named.len()]);
                prop_assert_eq!(*more, disallowed.len() > named.len());
                prop_assert_eq!(named.len(), disallowed.len().min(NAMED_AT_MOST));
            }
            Some(other) => prop_assert!(false, "{:?}", other),
        }
        for check in &checks {
            prop_assert_eq!(check.met(), check.failure.is_none());
            if let Some(f) = &check.failure {
                prop_assert!(!rule_failure(&Texts::english(), f).is_empty());
            }
        }
    }

    /// `Entry::problems` is empty exactly when every field is filled, the new password meets
    /// the policy and differs from the current one, and the confirmation matches.
    #[test]
    fn entry_problems(entry in entry(), policy in prop_oneof![3 => Just(Policy::default()), 1 => policy()]) {
        let problems = entry.problems(&policy);
        let passes = policy.check(&entry.new).iter().all(|c| c.met());
        let fine = !entry.current.is_empty()
            && !entry.new.is_empty()
            && passes
            && entry.new != entry.current
            && entry.confirm == entry.new;
        prop_assert_eq!(problems.is_empty(), fine);
        if problems.is_empty() {
            prop_assert!(entry.new != entry.current && entry.confirm == entry.new && passes);
        }
        prop_assert_eq!(problems.current == Some(FieldProblem::Required), entry.current.is_empty());
        prop_assert_eq!(problems.current.is_some(), entry.current.is_empty());
        for field in Field::ALL {
            if let Some(p) = problems.of(field) {
                prop_assert!(!field_problem(&Texts::english(), field, p).is_empty());
            }
        }
    }

    /// `field_problem` says something for every problem of every field.
    #[test]
    fn field_problem_messages(failure in rule_failure_strategy(), which in 0usize..4, (t, overridden) in texts()) {
        let problem = match which {
            0 => FieldProblem::Required,
            1 => FieldProblem::SameAsCurrent,
            2 => FieldProblem::Mismatch,
            _ => FieldProblem::Policy(failure.clone()),
        };
        for field in Field::ALL {
            let text = field_problem(&t, field, &problem);
            prop_assert!(overridden || !text.is_empty());
            if which == 3 {
                prop_assert_eq!(&text, &rule_failure(&t, &failure));
            }
        }
    }

    /// `strength`/`entropy_bits`: finite, non-negative, and blind past 256 characters.
    #[test]
    fn strength_is_finite_and_bounded(
        pw in prop_oneof![
            password(),
            prop::collection::vec(any::<char>(), 200..600).prop_map(String::from_iter),
            ("[a-zA-Z0-9!@#$]{1,6}", 1usize..120).prop_map(|(s, n)| s.repeat(n)),
            (prop::sample::select(&["password", "P@ssw0rd", "qwerty", "Summer", "abc", "321"][..]), "[a-zA-Z0-9!]{0,6}", 1usize..60)
                .prop_map(|(w, s, n)| format!("{w}{s}").repeat(n)),
        ]
    ) {
        let bits = entropy_bits(&pw);
        prop_assert!(bits.is_finite() && bits >= 0.0, "{}", bits);
        let head: String = pw.chars().take(ESTIMATED_AT_MOST).collect();
        if pw.chars().count() > ESTIMATED_AT_MOST {
            prop_assert_eq!(bits, entropy_bits(&head));
        }
        prop_assert_eq!(strength(&pw), strength(&head));
        let s = strength(&pw);
        prop_assert!(s.score() <= 4);
        let want = if bits < 28.0 { 0 } else if bits < 40.0 { 1 } else if bits < 60.0 { 2 } else if bits < 80.0 { 3 } else { 4 };
        prop_assert_eq!(s.score(), want);
    }

    /// `check_base_url` accepts exactly https://host… or http:// on this machine, with no
    /// credentials, query, fragment, whitespace, backslash or non-ASCII.
    #[test]
    fn base_url_check(url in url_like()) {
        // Not a restatement of the rule: whatever is accepted, the browser's URL parser reads
        // it as https (or http on this machine), with a host, no credentials, query or
        // fragment, and the same origin and path as written (case aside), so the endpoint's
        // path is appended exactly where it seems.
        if check_base_url(&url).is_ok() {
            let parsed = parsed(&url);
            prop_assert!(parsed.is_some(), "{:?} does not parse", url);
            let (scheme, host, extras, origin_and_path) = parsed.unwrap();
            prop_assert!(scheme == "https" || (scheme == "http" && (host == "localhost" || host == "127.0.0.1")), "{:?}", url);
            prop_assert!(!host.is_empty() && !extras, "{:?}", url);
            // The parser leaves out a scheme's default port, and gives an empty path a "/".
            let written = url.to_ascii_lowercase();
            let default = if scheme == "https" { ":443" } else { ":80" };
            let written = match written.split_once(default) {
                Some((before, after)) if after.is_empty() || after.starts_with('/') => format!("{before}{after}"),
                _ => written,
            };
            let read = origin_and_path.to_ascii_lowercase();
            prop_assert!(read == written || read == format!("{written}/"), "{:?} reads as {:?}", url, read);
        }
    }

    /// The other direction: an address plainly safe (https, a host name, a port written as a
    /// parser keeps it, path segments of letters, digits and hyphens) is accepted, so a check
    /// that refuses too much fails here.
    #[test]
    fn base_url_check_accepts_plain_addresses(
        host in "[a-z][a-z0-9-]{0,8}(\\.[a-z][a-z0-9-]{0,8}){0,2}",
        port in prop::option::of(1u16..),
        path in prop::collection::vec("[a-zA-Z0-9-]{1,8}", 0..4),
        slash in any::<bool>(),
    ) {
        let port = port.map(|p| format!(":{p}")).unwrap_or_default();
        let path: String = path.iter().map(|segment| format!("/{segment}")).collect();
        let url = format!("https://{host}{port}{path}{}", if slash { "/" } else { "" });
        prop_assert_eq!(check_base_url(&url), Ok(()), "{}", url);
    }

    /// Any date a server may send is read without a panic; one before 1970 is no date.
    #[test]
    fn http_dates(date in fixdate()) {
        let read = graph_change_password::graph::retry_after::http_date(&date);
        let year: u32 = date[12..16].parse().unwrap();
        prop_assert_eq!(read.is_some(), year >= 1970 && !date.contains("Foo"), "{}", date);
    }

    /// `check_user_id` never lets a path through.
    #[test]
    fn user_id_check(id in user_id()) {
        // Not a restatement: an accepted id, percent-encoded into the endpoint, is read back by
        // the browser's URL parser as one path segment between `users` and `changePassword`,
        // and decodes to the id itself (a dot segment or a slash would not).
        if check_user_id(&id).is_ok() {
            let url = endpoint("https://g/v1.0", Some(id.trim()));
            let u = url::Url::parse(&url).unwrap();
            let segments: Vec<&str> = u.path_segments().unwrap().collect();
            prop_assert_eq!(segments.len(), 4, "{:?} -> {}", id, url);
            prop_assert_eq!(segments[1], "users");
            prop_assert_eq!(segments[3], "changePassword");
            let decoded = percent_decode(segments[2]).and_then(|b| String::from_utf8(b).ok());
            prop_assert_eq!(decoded.as_deref(), Some(id.trim()));
        }
    }

    /// `Config::new`: whatever it accepts meets every documented rule.
    #[test]
    fn config_new(options in options()) {
        let given = options.clone();
        let Ok(c) = Config::new(options) else {
            let some_bad = given.base_url.as_deref().is_some_and(|u| check_base_url(u).is_err())
                || given.breach_check.as_deref().is_some_and(|b| !["", "true", "false"].contains(&b) && check_base_url(b).is_err())
                || given.user_id.as_deref().is_some_and(|u| check_user_id(u).is_err())
                || given.timeout_ms.is_some_and(|t| !(t.fract() == 0.0 && (1.0..=600_000.0).contains(&t)))
                || given.reset_password_url.as_deref().is_some_and(|u| !reset_url_is_safe(u))
                || given.strings.iter().any(|(k, v)| Key::from_name(k).is_none() || v.is_none());
            prop_assert!(some_bad);
            return Ok(());
        };
        prop_assert_eq!(check_base_url(&c.base_url), Ok(()));
        if let Some(u) = &given.base_url {
            prop_assert_eq!(&c.base_url, u);
        }
        if let Some(id) = &c.user_id {
            prop_assert!(!id.contains('/') && !["", ".", ".."].contains(&id.as_str()));
            prop_assert_eq!(id.as_str(), id.trim());
        }
        prop_assert_eq!(c.user_id.is_some(), given.user_id.is_some());
        prop_assert!((1..=600_000).contains(&c.timeout_ms));
        if let Some(t) = given.timeout_ms {
            prop_assert_eq!(f64::from(c.timeout_ms), t);
        }
        match (&given.reset_password_url, &c.reset_password_url) {
            (Some(g), None) => prop_assert!(g.is_empty()),
            (_, Some(r)) => prop_assert!(!r.is_empty() && reset_url_is_safe(r), "{}", r),
            (None, None) => prop_assert!(false, "the default reset link went missing"),
        }
        if let Some(upn) = &c.user_principal_name {
            prop_assert!(!upn.trim().is_empty());
        }
        prop_assert_eq!(c.offer_sign_out_everywhere, given.offer_sign_out_everywhere);
        prop_assert_eq!(c.unstyled, given.unstyled);
        // The breach check: off, the public API, or a mirror by baseUrl's rules with its slash.
        match (given.breach_check.as_deref(), c.breach_check.as_deref()) {
            (None | Some("false"), found) => prop_assert_eq!(found, None),
            (Some("" | "true"), found) => prop_assert_eq!(found, Some("https://api.pwnedpasswords.com/range/")),
            (Some(mirror), found) => {
                let found = found.unwrap_or_default();
                prop_assert_eq!(check_base_url(mirror), Ok(()));
                prop_assert!(found.ends_with('/') && found.trim_end_matches('/') == mirror.trim_end_matches('/'), "{:?} -> {:?}", mirror, found);
            }
        }
        prop_assert_eq!(c.locale.as_deref(), given.locale.as_deref().filter(|l| !l.trim().is_empty()));
        let strings: Vec<(String, Option<String>)> =
            c.strings.iter().map(|(k, v)| (k.name().to_owned(), Some(v.clone()))).collect();
        prop_assert_eq!(strings, given.strings.clone());
    }

    /// `token::usable`: what it returns is the trimmed token, non-empty, visible ASCII.
    #[test]
    fn token_usable(
        token in prop_oneof![
            any_text(),
            "[ \t]{0,2}[!-~]{0,20}[ \t]{0,2}",
            "[ \t\r\n!-~é]{0,12}",
        ]
    ) {
        let trimmed = token.trim_matches([' ', '\t', '\r', '\n']);
        match usable(&token) {
            Ok(t) => {
                prop_assert!(!t.is_empty());
                prop_assert!(t.bytes().all(|b| b.is_ascii_graphic()), "{:?}", t);
                prop_assert_eq!(t, trimmed);
            }
            Err(TokenError::Empty) => prop_assert!(trimmed.is_empty()),
            Err(TokenError::NotHeaderSafe) => {
                prop_assert!(!trimmed.is_empty() && !trimmed.bytes().all(|b| b.is_ascii_graphic()));
            }
            Err(e) => prop_assert!(false, "{:?}", e),
        }
    }

    /// Every outcome's headline names no Graph message; its kind is documented; the
    /// help-desk line carries what Graph said.
    #[test]
    fn outcome_strings(
        outcome in outcome(),
        timeout in any::<u32>(),
        request_id in prop::option::of(any::<String>()),
        (t, overridden) in texts(),
    ) {
        let kind = outcome.kind();
        prop_assert!(documented(kind));
        let headline = outcome.headline(&t, timeout, false);
        prop_assert!(overridden || !headline.is_empty());
        let line = details_line(&t, &outcome, request_id.as_deref());
        prop_assert_eq!(line.is_some(), outcome.details().is_some() || request_id.is_some());
        // As read: isolates and bidi controls aside (the controls are dropped from values).
        let plain = |text: &str| -> String {
            text.chars().filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')).collect()
        };
        if let Some(d) = outcome.details() {
            let line = plain(&line.unwrap());
            let http = format!("HTTP {}", d.status);
            prop_assert!(line.contains(&http), "{}", line);
            if let Some(m) = &d.message {
                let m = plain(m);
                prop_assert!(m.is_empty() || !plain(&headline).contains(m.as_str()), "{}", headline);
                prop_assert!(overridden || line.contains(m.as_str()));
            }
            for s in [&d.code, &d.request_id, &d.date].into_iter().flatten() {
                prop_assert!(overridden || line.contains(plain(s).as_str()));
            }
            prop_assert_eq!(outcome.status(), Some(d.status));
        } else {
            prop_assert_eq!(outcome.status(), (outcome == Outcome::Changed).then_some(204));
        }
    }

    /// `Locale::of`/`resolve` take any tag: a built-in tag in any case, with `_` or a region,
    /// finds its locale (Chinese only when simplified); `resolve` takes the first one found.
    #[test]
    fn locale_tags(tags in prop::collection::vec(locale_tag(), 0..4), n in any::<u64>()) {
        for tag in &tags {
            if let Some(l) = Locale::of(tag) {
                let language = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
                prop_assert!(l.tag().to_ascii_lowercase().starts_with(&language), "{:?} → {:?}", tag, l);
            }
            for l in Locale::ALL {
                if tag.eq_ignore_ascii_case(l.tag()) {
                    prop_assert_eq!(Locale::of(tag), Some(l));
                }
            }
        }
        let want = tags.iter().find_map(|t| Locale::of(t)).unwrap_or(Locale::En);
        prop_assert_eq!(Locale::resolve(tags.iter().map(String::as_str)), want);
        for l in Locale::ALL {
            let _ = l.plural(n);
        }
        prop_assert_eq!(Locale::En.plural(n) == Plural::One, n == 1);
    }

    /// `Texts::parse` takes any text: a table is accepted only with every key, nothing
    /// unknown, and an `other` form in every plural family.
    #[test]
    fn texts_parse(
        locale in prop::sample::select(Locale::ALL.to_vec()),
        drop in prop::collection::vec(prop::sample::select(Key::ALL), 0..2),
        replace in prop::collection::vec((prop::sample::select(Key::ALL), prop_oneof![
            any::<String>().prop_map(Value::String),
            prop::collection::btree_map(pick(&["zero", "one", "two", "few", "many", "other", "x"]), any::<String>(), 0..4)
                .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k, Value::String(v))).collect())),
            json_value(),
        ]), 0..3),
        unknown in prop::option::of(("[a-z_]{1,12}", json_value())),
        cut in prop::option::of(any::<prop::sample::Index>()),
        noise in any_text(),
    ) {
        let english = include_str!("../locales/en.js").trim().trim_start_matches("export default ").trim_end_matches(';');
        let mut table: Map<String, Value> = serde_json::from_str(english).unwrap();
        for k in &drop {
            table.remove(k.name());
        }
        for (k, v) in &replace {
            table.insert(k.name().to_owned(), v.clone());
        }
        if let Some((name, v)) = &unknown {
            table.insert(name.clone(), v.clone());
        }
        let mut text = format!("export default {};", Value::Object(table.clone()));
        if let Some(at) = cut {
            text = truncate(&text, at);
        }
        let _ = Texts::parse(locale, &noise);
        match Texts::parse(locale, &text) {
            Ok(t) => {
                prop_assert!(cut.is_none());
                prop_assert_eq!(t.locale, locale);
                prop_assert_eq!(t.entries().count(), Key::ALL.len());
                prop_assert!(table.keys().all(|k| Key::from_name(k).is_some()));
                for k in Key::ALL {
                    prop_assert!(table.contains_key(k.name()));
                    let _ = t.get(*k);
                    let _ = t.count(*k, 2, &[("n", "2")]);
                }
            }
            Err(TextsError::Missing(k)) => prop_assert!(!table.contains_key(k)),
            Err(TextsError::Unknown(k)) => prop_assert!(Key::from_name(&k).is_none()),
            Err(TextsError::NoOther(k)) => prop_assert!(table[k].get("other").is_none()),
            Err(TextsError::NotACategory(k)) => prop_assert!(table[k].as_object().is_some_and(|forms| forms.keys().any(|c| !["zero", "one", "two", "few", "many", "other"].contains(&c.as_str())))),
            Err(TextsError::NotText(k)) => prop_assert!(!table[k].is_string() && !table[k].is_object()),
            Err(TextsError::NotATable) => {}
        }
    }

    /// `placeholders` finds exactly the `{name}`s of a sentence; `fill` and `count` take any
    /// sentence, any arguments and any number.
    #[test]
    fn placeholders_and_fill(
        key in prop::sample::select(Key::ALL),
        text in prop_oneof!["[a-z_{} ]{0,30}", "([a-z ]{0,4}\\{[a-z_]{0,6}\\}){0,4}", any_text()],
        args in prop::collection::vec((pick(&["n", "code", "message", "status", "date", "duration", "x"]), "[^{}]{0,8}"), 0..4),
        n in any::<u64>(),
        (t, _) in texts(),
    ) {
        let found = placeholders(&text);
        let mut sorted = found.clone();
        sorted.sort();
        sorted.dedup();
        prop_assert_eq!(&found, &sorted);
        for name in &found {
            prop_assert!(!name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            let placeholder = format!("{{{name}}}");
            prop_assert!(text.contains(&placeholder), "{}", name);
        }
        let args: Vec<(&str, &str)> = args.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let own = t.as_ref().clone().with_overrides(&[(key, text.clone())]);
        let filled = own.fill(key, &args);
        if !text.contains('{') {
            prop_assert_eq!(&filled, &text);
        }
        // Every placeholder filled is gone (when braces pair up: `{{n}}` filled with `n` is
        // `{n}` again, by design of a plain substitution).
        if paired_braces(&text) {
            for (name, _) in &args {
                let placeholder = format!("{{{name}}}");
                prop_assert!(!filled.contains(&placeholder), "{:?}", filled);
            }
        }
        let _ = own.count(key, n, &args);
        let _ = t.count(key, n, &args);
    }
}

/// Whether every `{` of `text` is closed by a `}` before the next `{`, and no `}` is alone.
fn paired_braces(text: &str) -> bool {
    let mut open = false;
    for c in text.chars() {
        match c {
            '{' if open => return false,
            '}' if !open => return false,
            '{' | '}' => open = !open,
            _ => {}
        }
    }
    !open
}

/// The rules `classify` follows for one answer.
fn classify_rules(status: u16, retry: Option<&str>, body: &str) -> Result<(), TestCaseError> {
    let outcome = classify(status, retry, body, 0);
    let kind = outcome.kind();
    prop_assert!(documented(kind), "{kind}");
    prop_assert_eq!(status == 204, outcome == Outcome::Changed);
    prop_assert_eq!(outcome.failure_kind().is_none(), kind == CHANGED);
    if let Some(k) = outcome.failure_kind() {
        prop_assert_eq!(k.as_str(), kind);
    }
    prop_assert_eq!(outcome.status(), Some(status));
    match status {
        204 => {}
        200..=299 => prop_assert_eq!(kind, "unexpected-response"),
        401 => prop_assert_eq!(kind, "sign-in-expired"),
        403 => prop_assert_eq!(kind, "forbidden"),
        429 => prop_assert_eq!(kind, "throttled"),
        503 => prop_assert_eq!(kind, "unavailable"),
        500..=599 => prop_assert_eq!(kind, "server-error"),
        400 => {
            let understood = Envelope::parse(body).is_some();
            let for_400 = ["wrong-current-password", "policy-rejected", "bad-request"];
            prop_assert_eq!(for_400.contains(&kind), understood, "{} {:?}", kind, body);
            if !understood {
                prop_assert_eq!(kind, "unexpected-response");
            }
        }
        _ => prop_assert_eq!(kind, "unexpected-response"),
    }
    if let Outcome::Throttled(r, _) | Outcome::Unavailable(r, _) = &outcome {
        let trimmed = retry.map(str::trim).unwrap_or("");
        match r {
            None => prop_assert!(trimmed.parse::<u32>().is_err()),
            Some(RetryAfter::Seconds(s)) => prop_assert_eq!(trimmed.parse::<u32>().ok(), Some(*s)),
            // A date, read as the wait from now (0 here): it says so only for what parses.
            Some(RetryAfter::About(_)) => {
                prop_assert!(trimmed.parse::<u32>().is_err());
                prop_assert!(
                    graph_change_password::graph::retry_after::http_date(trimmed).is_some()
                );
            }
        }
    }
    // Graph's details come from its envelope, or not at all.
    if let Some(d) = outcome.details() {
        match Envelope::parse(body) {
            Some(e) => {
                prop_assert_eq!(&d.code, &e.error.code);
                prop_assert_eq!(&d.message, &e.error.message);
            }
            None => prop_assert_eq!(
                d,
                &Details {
                    status,
                    ..Details::default()
                }
            ),
        }
    }
    Ok(())
}
