//! Every sentence the user reads or hears, by key. English (`locales/en.json`, built in) is the
//! source of truth every other locale is checked against; a locale's file must have every key
//! and the same placeholders (`{seconds}`, `{code}`…), or a test fails. Hosts may override any
//! sentence by key (`strings` option).

use super::{Locale, Plural};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// The English table, built in.
pub const ENGLISH_JSON: &str = include_str!("../../locales/en.json");

macro_rules! keys {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// One sentence (or one plural family) of the interface.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key { $($variant),* }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$variant),*];

            /// The key as written in `locales/*.json` and in the `strings` option.
            pub fn name(self) -> &'static str {
                match self { $(Key::$variant => $name),* }
            }
        }
    };
}

keys! {
    LabelCurrent = "label_current",
    LabelNew = "label_new",
    LabelConfirm = "label_confirm",
    Show = "show",
    Hide = "hide",
    ShowCurrent = "show_current",
    HideCurrent = "hide_current",
    ShowNew = "show_new",
    HideNew = "hide_new",
    ShowConfirm = "show_confirm",
    HideConfirm = "hide_confirm",
    Submit = "submit",
    Submitting = "submitting",
    CapsLock = "caps_lock",
    Username = "username",
    SummaryTitle = "summary_title",
    RequirementsTitle = "requirements_title",
    RuleLength = "rule_length",
    RuleCategories = "rule_categories",
    RuleAllowed = "rule_allowed",
    RuleDifferent = "rule_different",
    Met = "met",
    NotMet = "not_met",
    Strength = "strength",
    StrengthVeryWeak = "strength_very_weak",
    StrengthWeak = "strength_weak",
    StrengthFair = "strength_fair",
    StrengthGood = "strength_good",
    StrengthStrong = "strength_strong",
    AnnounceMet = "announce_met",
    AnnounceMissing = "announce_missing",
    AnnounceStrength = "announce_strength",
    RequiredCurrent = "required_current",
    RequiredNew = "required_new",
    RequiredConfirm = "required_confirm",
    TooShort = "too_short",
    TooLong = "too_long",
    TooFewKinds = "too_few_kinds",
    Disallowed = "disallowed",
    DisallowedMore = "disallowed_more",
    CharTab = "char_tab",
    CharLineBreak = "char_line_break",
    CharNbsp = "char_nbsp",
    CharInvisible = "char_invisible",
    CharQuoted = "char_quoted",
    ListSeparator = "list_separator",
    ListLastSeparator = "list_last_separator",
    SameAsCurrent = "same_as_current",
    Mismatch = "mismatch",
    Changed = "changed",
    WrongCurrent = "wrong_current",
    PolicyComplexity = "policy_complexity",
    PolicyBanned = "policy_banned",
    PolicyRecentlyUsed = "policy_recently_used",
    BadRequest = "bad_request",
    SignInExpired = "sign_in_expired",
    TokenTimedOut = "token_timed_out",
    Forbidden = "forbidden",
    Throttled = "throttled",
    Unavailable = "unavailable",
    RetryIn = "retry_in",
    RetryAfterDate = "retry_after_date",
    Seconds = "seconds",
    Minutes = "minutes",
    ServerError = "server_error",
    Unexpected = "unexpected",
    Redirected = "redirected",
    NetworkError = "network_error",
    Timeout = "timeout",
    DetailsPrefix = "details_prefix",
    DetailsCode = "details_code",
    DetailsDate = "details_date",
    DetailsMessage = "details_message",
    ResetLink = "reset_link",
    SignOutLabel = "sign_out_label",
    SignOutHint = "sign_out_hint",
    SignOutDone = "sign_out_done",
    SignOutFailed = "sign_out_failed"
}

impl Key {
    pub fn from_name(name: &str) -> Option<Key> {
        Key::ALL.iter().copied().find(|k| k.name() == name)
    }
}

/// A sentence, or the plural forms of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Text(String),
    Plural(Vec<(Plural, String)>),
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = Entry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sentence, or an object of plural forms")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Entry, E> {
                Ok(Entry::Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Entry, E> {
                Ok(Entry::Text(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
                let mut forms = Vec::new();
                while let Some((name, text)) = map.next_entry::<String, String>()? {
                    let plural = Plural::ALL
                        .into_iter()
                        .find(|p| p.name() == name)
                        .ok_or_else(|| de::Error::custom("not a plural category"))?;
                    forms.push((plural, text));
                }
                Ok(Entry::Plural(forms))
            }
        }
        d.deserialize_any(EntryVisitor)
    }
}

/// What a locale file or an override got wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextsError {
    NotJson,
    Missing(&'static str),
    Unknown(String),
    /// A plural family without its `other` form.
    NoOther(&'static str),
}

/// The interface's sentences in one locale, with the host's overrides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Texts {
    pub locale: Locale,
    entries: Vec<Entry>,
}

impl Texts {
    /// Reads a locale's table; every key present, nothing unknown.
    pub fn parse(locale: Locale, json: &str) -> Result<Texts, TextsError> {
        let mut raw: BTreeMap<String, Entry> =
            crate::graph::envelope::from_json(json).ok_or(TextsError::NotJson)?;
        let mut entries = Vec::with_capacity(Key::ALL.len());
        for key in Key::ALL {
            let entry = raw
                .remove(key.name())
                .ok_or(TextsError::Missing(key.name()))?;
            if let Entry::Plural(forms) = &entry {
                if !forms.iter().any(|(p, _)| *p == Plural::Other) {
                    return Err(TextsError::NoOther(key.name()));
                }
            }
            entries.push(entry);
        }
        if let Some(unknown) = raw.into_keys().next() {
            return Err(TextsError::Unknown(unknown));
        }
        Ok(Texts { locale, entries })
    }

    /// The built-in English table.
    pub fn english() -> Arc<Texts> {
        static ENGLISH: OnceLock<Arc<Texts>> = OnceLock::new();
        ENGLISH
            .get_or_init(|| {
                // en.json is checked by a test, so this never falls to the empty table.
                Arc::new(Texts::parse(Locale::En, ENGLISH_JSON).unwrap_or(Texts {
                    locale: Locale::En,
                    entries: Vec::new(),
                }))
            })
            .clone()
    }

    /// The same table with the host's sentences in place of its own.
    pub fn with_overrides(mut self, overrides: &[(Key, String)]) -> Texts {
        for (key, text) in overrides {
            if let Some(entry) = self.entries.get_mut(*key as usize) {
                *entry = Entry::Text(text.clone());
            }
        }
        self
    }

    fn entry(&self, key: Key) -> Option<&Entry> {
        self.entries.get(key as usize)
    }

    /// A sentence as written (the `other` form of a plural family).
    pub fn get(&self, key: Key) -> &str {
        match self.entry(key) {
            Some(Entry::Text(text)) => text,
            Some(Entry::Plural(forms)) => form(forms, Plural::Other),
            None => "",
        }
    }

    /// A sentence with its `{placeholders}` filled.
    pub fn fill(&self, key: Key, args: &[(&str, &str)]) -> String {
        substitute(self.get(key), args)
    }

    /// The plural form for `n` (by the locale's rules), with its placeholders filled.
    pub fn count(&self, key: Key, n: u64, args: &[(&str, &str)]) -> String {
        let text = match self.entry(key) {
            Some(Entry::Plural(forms)) => form(forms, self.locale.plural(n)),
            _ => self.get(key),
        };
        substitute(text, args)
    }

    /// Every entry, for the completeness tests.
    pub fn entries(&self) -> impl Iterator<Item = (Key, &Entry)> {
        Key::ALL.iter().copied().zip(self.entries.iter())
    }
}

fn form(forms: &[(Plural, String)], want: Plural) -> &str {
    forms
        .iter()
        .find(|(p, _)| *p == want)
        .or_else(|| forms.iter().find(|(p, _)| *p == Plural::Other))
        .map_or("", |(_, t)| t)
}

fn substitute(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in args {
        let placeholder = ["{", name, "}"].concat();
        if out.contains(&placeholder) {
            out = out.replace(&placeholder, value);
        }
    }
    out
}

/// The `{placeholders}` of a sentence, sorted.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .filter(|name| {
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale_file(locale: Locale) -> String {
        let path = format!(
            "{}/locales/{}.json",
            env!("CARGO_MANIFEST_DIR"),
            locale.tag()
        );
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn english_has_every_key_in_order() {
        let en = Texts::english();
        assert_eq!(en.entries().count(), Key::ALL.len());
        assert_eq!(en.get(Key::LabelCurrent), "Current password");
        let order: Vec<&str> = ENGLISH_JSON
            .lines()
            .filter_map(|l| l.trim().strip_prefix('"')?.split_once('"').map(|(k, _)| k))
            .collect();
        let keys: Vec<&str> = Key::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(
            order, keys,
            "en.json and Key list the same keys in the same order"
        );
    }

    #[test]
    fn every_locale_has_every_key_and_the_same_placeholders() {
        let en = Texts::english();
        for locale in Locale::ALL {
            let texts = Texts::parse(locale, &locale_file(locale))
                .unwrap_or_else(|e| panic!("{}: {e:?}", locale.tag()));
            for ((key, entry), (_, english)) in texts.entries().zip(en.entries()) {
                let want = placeholders(match english {
                    Entry::Text(t) => t,
                    Entry::Plural(f) => form(f, Plural::Other),
                });
                let forms: Vec<&str> = match entry {
                    Entry::Text(t) => vec![t],
                    Entry::Plural(f) => f.iter().map(|(_, t)| t.as_str()).collect(),
                };
                for text in forms {
                    assert_eq!(
                        placeholders(text),
                        want,
                        "{} {}: {text}",
                        locale.tag(),
                        key.name()
                    );
                }
                if let (Entry::Plural(forms), Locale::Ar) = (entry, locale) {
                    assert_eq!(
                        forms.len(),
                        6,
                        "Arabic has all six plural forms: {}",
                        key.name()
                    );
                }
            }
        }
    }

    #[test]
    fn no_english_sentence_is_left_in_another_locale() {
        let en = Texts::english();
        for locale in Locale::ALL.into_iter().filter(|l| *l != Locale::En) {
            let texts = Texts::parse(locale, &locale_file(locale)).unwrap();
            for key in Key::ALL {
                let english = en.get(*key);
                if english.len() > 12 {
                    assert_ne!(
                        texts.get(*key),
                        english,
                        "{} {} is still English",
                        locale.tag(),
                        key.name()
                    );
                }
            }
        }
    }

    #[test]
    fn each_locale_says_password_with_microsofts_word() {
        // shared/graph-docs/TERMS.md
        for (locale, word) in [
            (Locale::En, "password"),
            (Locale::De, "Kennwort"),
            (Locale::Fr, "mot de passe"),
            (Locale::Es, "contraseña"),
            (Locale::PtBr, "senha"),
            (Locale::Ja, "パスワード"),
            (Locale::ZhHans, "密码"),
            (Locale::Ar, "كلمة المرور"),
        ] {
            let texts = Texts::parse(locale, &locale_file(locale)).unwrap();
            for key in [Key::LabelCurrent, Key::LabelNew, Key::LabelConfirm] {
                let label = texts.get(key).to_lowercase();
                assert!(
                    label.contains(&word.to_lowercase()),
                    "{} {}: {label}",
                    locale.tag(),
                    key.name()
                );
            }
        }
    }

    #[test]
    fn plurals_follow_the_language() {
        let ar = Texts::parse(Locale::Ar, &locale_file(Locale::Ar)).unwrap();
        let forms: Vec<String> = [0, 1, 2, 3, 11, 100]
            .iter()
            .map(|n| ar.count(Key::Seconds, *n, &[("n", &n.to_string())]))
            .collect();
        let mut distinct = forms.clone();
        distinct.sort();
        distinct.dedup();
        assert!(distinct.len() >= 3, "{forms:?}");
        let en = Texts::english();
        assert_eq!(en.count(Key::Seconds, 1, &[("n", "1")]), "1 second");
        assert_eq!(en.count(Key::Seconds, 2, &[("n", "2")]), "2 seconds");
    }

    #[test]
    fn files_that_break_the_rules_are_refused() {
        assert_eq!(
            Texts::parse(Locale::De, "{}"),
            Err(TextsError::Missing("label_current"))
        );
        assert_eq!(Texts::parse(Locale::De, "nope"), Err(TextsError::NotJson));
        let mut extra: serde_json::Value = serde_json::from_str(ENGLISH_JSON).unwrap();
        extra["surprise"] = "x".into();
        assert_eq!(
            Texts::parse(Locale::De, &extra.to_string()),
            Err(TextsError::Unknown("surprise".into()))
        );
    }

    #[test]
    fn overrides_replace_a_sentence_by_key() {
        let t = (*Texts::english())
            .clone()
            .with_overrides(&[(Key::Submit, "Update password".into())]);
        assert_eq!(t.get(Key::Submit), "Update password");
        assert_eq!(Key::from_name("submit"), Some(Key::Submit));
        assert_eq!(Key::from_name("nope"), None);
    }
}
