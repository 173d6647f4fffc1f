//! Every sentence the user reads or hears, by key. English (`locales/en.js`) is the source of
//! truth: build.rs turns it into the `Key` enum and the built-in table, and every other locale
//! must have every key and the same placeholders (`{duration}`, `{code}`…), or a test fails.
//! Other locales arrive as plain objects (the modules in `locales/`), read key by key. Hosts may
//! override any sentence by key (`strings` option).

use super::{Locale, Plural};
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

include!(concat!(env!("OUT_DIR"), "/english.rs"));

/// An English sentence as compiled in.
enum English {
    Text(&'static str),
    Plural(&'static [(Plural, &'static str)]),
}

impl Key {
    /// The key as written in the locale files and in the `strings` option.
    pub fn name(self) -> &'static str {
        NAMES[self as usize]
    }

    pub fn from_name(name: &str) -> Option<Key> {
        Key::ALL.iter().copied().find(|k| k.name() == name)
    }
}

/// A sentence, or the plural forms of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Text(Cow<'static, str>),
    Plural(Vec<(Plural, Cow<'static, str>)>),
}

/// One value of a locale table, as read from its file or object.
pub enum Raw {
    Text(String),
    /// Plural forms by category name.
    Forms(Vec<(String, String)>),
    /// Anything else: a number, a list, nothing.
    Other,
}

/// What a locale file or an override got wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextsError {
    NotATable,
    Missing(&'static str),
    Unknown(String),
    /// A value that is neither a sentence nor an object of plural forms.
    NotText(&'static str),
    /// A plural category that is not one of CLDR's six.
    NotACategory(&'static str),
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
    /// A locale's table from `lookup(key name)`: every key present, each a sentence or a
    /// family of plural forms with its `other` form.
    pub fn read(locale: Locale, mut lookup: impl FnMut(&str) -> Raw) -> Result<Texts, TextsError> {
        let mut entries = Vec::with_capacity(Key::ALL.len());
        for key in Key::ALL {
            let name = key.name();
            entries.push(match lookup(name) {
                Raw::Text(text) => Entry::Text(text.into()),
                Raw::Forms(forms) => {
                    let forms = forms
                        .into_iter()
                        .map(|(category, text)| {
                            let plural = Plural::ALL.into_iter().find(|p| p.name() == category);
                            Ok((plural.ok_or(TextsError::NotACategory(name))?, text.into()))
                        })
                        .collect::<Result<Vec<_>, TextsError>>()?;
                    if !forms.iter().any(|(p, _)| *p == Plural::Other) {
                        return Err(TextsError::NoOther(name));
                    }
                    Entry::Plural(forms)
                }
                Raw::Other => return Err(TextsError::NotText(name)),
            });
        }
        Ok(Texts { locale, entries })
    }

    /// A locale module's text (`export default {…};`), read as the JSON inside it; no key may
    /// be missing and none unknown. Natively, for the tests.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn parse(locale: Locale, module: &str) -> Result<Texts, TextsError> {
        use serde_json::Value;
        let json = module
            .trim()
            .strip_prefix("export default ")
            .and_then(|rest| rest.strip_suffix(';'))
            .unwrap_or(module);
        let Ok(Value::Object(mut table)) = serde_json::from_str::<Value>(json) else {
            return Err(TextsError::NotATable);
        };
        if let Some(key) = Key::ALL.iter().find(|k| !table.contains_key(k.name())) {
            return Err(TextsError::Missing(key.name()));
        }
        let texts = Texts::read(locale, |name| match table.remove(name) {
            Some(Value::String(text)) => Raw::Text(text),
            Some(Value::Object(forms)) => Raw::Forms(
                forms
                    .into_iter()
                    .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_owned()))
                    .collect(),
            ),
            _ => Raw::Other,
        })?;
        match table.into_iter().next() {
            Some((unknown, _)) => Err(TextsError::Unknown(unknown)),
            None => Ok(texts),
        }
    }

    /// A locale's table from the object its module exports.
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(locale: Locale, table: &wasm_bindgen::JsValue) -> Result<Texts, TextsError> {
        use js_sys::{Array, Object, Reflect};
        use wasm_bindgen::JsCast;
        if !table.is_object() {
            return Err(TextsError::NotATable);
        }
        Texts::read(locale, |name| {
            let value = Reflect::get(table, &name.into()).unwrap_or_default();
            if let Some(text) = value.as_string() {
                return Raw::Text(text);
            }
            match value.dyn_ref::<Object>() {
                Some(forms) if !Array::is_array(&value) => Raw::Forms(
                    Object::entries(forms)
                        .iter()
                        .map(|pair| {
                            let pair: Array = pair.unchecked_into();
                            let text = pair.get(1).as_string().unwrap_or_default();
                            (pair.get(0).as_string().unwrap_or_default(), text)
                        })
                        .collect(),
                ),
                _ => Raw::Other,
            }
        })
    }

    /// The built-in English table.
    pub fn english() -> Arc<Texts> {
        static TABLE: OnceLock<Arc<Texts>> = OnceLock::new();
        TABLE
            .get_or_init(|| {
                let entries = ENGLISH
                    .iter()
                    .map(|e| match e {
                        English::Text(text) => Entry::Text(Cow::Borrowed(text)),
                        English::Plural(forms) => Entry::Plural(
                            forms.iter().map(|(p, t)| (*p, Cow::Borrowed(*t))).collect(),
                        ),
                    })
                    .collect();
                Arc::new(Texts {
                    locale: Locale::En,
                    entries,
                })
            })
            .clone()
    }

    /// The same table with the host's sentences in place of its own.
    pub fn with_overrides(mut self, overrides: &[(Key, String)]) -> Texts {
        for (key, text) in overrides {
            if let Some(entry) = self.entries.get_mut(*key as usize) {
                *entry = Entry::Text(text.clone().into());
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

    /// A sentence with its `{placeholders}` filled, each value isolated (see [`Isolate`]).
    pub fn fill(&self, key: Key, args: &[(&str, &str)]) -> String {
        self.isolated(&parts(self.get(key), args))
    }

    /// The plural form for `n` (by the locale's rules), with its placeholders filled.
    pub fn count(&self, key: Key, n: u64, args: &[(&str, &str)]) -> String {
        let text = match self.entry(key) {
            Some(Entry::Plural(forms)) => form(forms, self.locale.plural(n)),
            _ => self.get(key),
        };
        self.isolated(&parts(text, args))
    }

    /// A sentence as parts, its values apart, for markup that isolates them itself (a value a
    /// user copies, such as a request id, must copy without invisible characters).
    pub fn parts(&self, key: Key, args: &[(&str, &str)]) -> Vec<Part> {
        parts(self.get(key), args)
    }

    /// Parts as one string, each value between the isolate its kind asks for.
    pub fn isolated(&self, parts: &[Part]) -> String {
        let mut out = String::new();
        for part in parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Value(value, isolate) => {
                    out.push(match isolate {
                        Isolate::LeftToRight => LRI,
                        Isolate::Language if self.locale.is_rtl() => RLI,
                        Isolate::Language => LRI,
                        Isolate::FirstStrong => FSI,
                    });
                    out.push_str(value);
                    out.push(PDI);
                }
            }
        }
        out
    }

    /// Sentences joined as the language joins them (a space, or nothing after "。").
    pub fn sentences(&self, parts: &[&str]) -> String {
        parts.join(self.get(Key::SentenceJoiner))
    }

    /// Every entry, for the completeness tests.
    pub fn entries(&self) -> impl Iterator<Item = (Key, &Entry)> {
        Key::ALL.iter().copied().zip(self.entries.iter())
    }
}

fn form<'a>(forms: &'a [(Plural, Cow<'static, str>)], want: Plural) -> &'a str {
    forms
        .iter()
        .find(|(p, _)| *p == want)
        .or_else(|| forms.iter().find(|(p, _)| *p == Plural::Other))
        .map_or("", |(_, t)| t)
}

const LRI: char = '\u{2066}';
const RLI: char = '\u{2067}';
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// How a value inserted into a sentence is kept from reordering the sentence around it (and the
/// sentence from reordering it): Unicode's isolates, chosen by the placeholder, in this one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Isolate {
    /// Known to read left to right: ids, codes, numbers, the symbol list. (An all-neutral value
    /// under first-strong would take the paragraph's direction and mirror its brackets.)
    LeftToRight,
    /// Text composed in the form's own language: a list, a duration, a rule's name.
    Language,
    /// Text of unknown direction: Graph's message, a character the user typed.
    FirstStrong,
}

impl Isolate {
    /// The isolate for a placeholder.
    pub fn of(placeholder: &str) -> Isolate {
        match placeholder {
            "chars" | "duration" | "rule" | "strength" => Isolate::Language,
            "message" | "char" => Isolate::FirstStrong,
            _ => Isolate::LeftToRight,
        }
    }
}

/// A piece of a filled sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Text(String),
    /// An inserted value, with the isolate its placeholder asks for.
    Value(String, Isolate),
}

/// The bidi controls that could end an isolate early or override the text around them: they are
/// dropped from values that come from outside (server text, ids).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// `text` cut at its `{placeholders}`, each given its value from `args`; a placeholder with no
/// value stays as written.
fn parts(text: &str, args: &[(&str, &str)]) -> Vec<Part> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((before, opened)) = rest.split_once('{') {
        let Some((name, after)) = opened.split_once('}') else {
            break;
        };
        let Some((_, value)) = args.iter().find(|(n, _)| *n == name) else {
            out.push(Part::Text([before, "{", name, "}"].concat()));
            rest = after;
            continue;
        };
        if !before.is_empty() {
            out.push(Part::Text(before.to_owned()));
        }
        // Values from outside (server text, ids) lose their bidi controls; text composed here in
        // the form's language keeps the isolates of the values inside it.
        let isolate = Isolate::of(name);
        let value = if isolate == Isolate::Language {
            (*value).to_owned()
        } else {
            value.chars().filter(|c| !is_bidi_control(*c)).collect()
        };
        out.push(Part::Value(value, isolate));
        rest = after;
    }
    if !rest.is_empty() {
        out.push(Part::Text(rest.to_owned()));
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

// The tables are read from the files natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn locale_file(locale: Locale) -> String {
        let path = format!("{}/locales/{}.js", env!("CARGO_MANIFEST_DIR"), locale.tag());
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn english_has_every_key_in_order() {
        let en = Texts::english();
        assert_eq!(en.entries().count(), Key::ALL.len());
        assert_eq!(en.get(Key::LabelCurrent), "Current password");
        let file = locale_file(Locale::En);
        let order: Vec<&str> = file
            .lines()
            .filter_map(|l| l.trim().strip_prefix('"')?.split_once('"').map(|(k, _)| k))
            .collect();
        let keys: Vec<&str> = Key::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(
            order, keys,
            "en.js and Key list the same keys in the same order"
        );
    }

    #[test]
    fn every_locale_has_every_key_the_same_placeholders_and_its_plural_forms() {
        let en = Texts::english();
        for locale in Locale::ALL {
            let texts = Texts::parse(locale, &locale_file(locale))
                .unwrap_or_else(|e| panic!("{}: {e:?}", locale.tag()));
            for ((key, entry), (_, english)) in texts.entries().zip(en.entries()) {
                let want = placeholders(match english {
                    Entry::Text(t) => t,
                    Entry::Plural(f) => form(f, Plural::Other),
                });
                let forms: Vec<(Option<Plural>, &str)> = match entry {
                    Entry::Text(t) => vec![(None, t)],
                    Entry::Plural(f) => f.iter().map(|(p, t)| (Some(*p), t.as_ref())).collect(),
                };
                for (plural, text) in forms {
                    let mut have = placeholders(text);
                    // Modern Standard Arabic drops the number with the dual ("ثانيتين").
                    if (locale, plural) == (Locale::Ar, Some(Plural::Two)) {
                        have.extend(["n".to_owned(), "count".to_owned()]);
                        have.retain(|p| want.contains(p));
                        have.sort();
                        have.dedup();
                    }
                    assert_eq!(have, want, "{} {}: {text}", locale.tag(), key.name());
                }
                if let Entry::Plural(forms) = entry {
                    let mut categories: Vec<&str> = forms.iter().map(|(p, _)| p.name()).collect();
                    categories.sort();
                    let mut wanted: Vec<&str> = locale.plurals().iter().map(|p| p.name()).collect();
                    wanted.sort();
                    assert_eq!(categories, wanted, "{} {}", locale.tag(), key.name());
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
        let plain = |s: String| s.replace(['\u{2066}', '\u{2069}'], "");
        assert_eq!(plain(en.count(Key::Seconds, 1, &[("n", "1")])), "1 second");
        assert_eq!(plain(en.count(Key::Seconds, 2, &[("n", "2")])), "2 seconds");
    }

    #[test]
    fn files_that_break_the_rules_are_refused() {
        assert_eq!(
            Texts::parse(Locale::De, "{}"),
            Err(TextsError::Missing("label_current"))
        );
        assert_eq!(Texts::parse(Locale::De, "nope"), Err(TextsError::NotATable));
        let english = locale_file(Locale::En);
        let json = english
            .trim()
            .trim_start_matches("export default ")
            .trim_end_matches(';');
        let mut extra: serde_json::Value = serde_json::from_str(json).unwrap();
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
