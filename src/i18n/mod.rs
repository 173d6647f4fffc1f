//! The user's language: which locale to speak (pure), its plural rules (CLDR, for the eight
//! built-in locales, with no data in the wasm), and the texts (`texts.rs`). English is built in;
//! each other locale is an ES module (`locales/<tag>.js`) imported when chosen (`load.rs`).

pub mod texts;

use texts::{Key, Texts};

/// "N seconds", or "N minutes" past two minutes (rounded up: never sooner than asked), in the
/// language's plural forms.
pub fn duration(t: &Texts, seconds: u32) -> String {
    minutes_or_seconds(t, seconds, seconds.div_ceil(60))
}

/// The same for a wait known only roughly (worked out from a date): to the nearest minute.
pub fn about(t: &Texts, seconds: u32) -> String {
    minutes_or_seconds(t, seconds, (seconds + 30) / 60)
}

fn minutes_or_seconds(t: &Texts, seconds: u32, minutes: u32) -> String {
    if seconds < 120 {
        let n = seconds.to_string();
        t.count(Key::Seconds, u64::from(seconds), &[("n", &n)])
    } else {
        t.count(
            Key::Minutes,
            u64::from(minutes),
            &[("n", &minutes.to_string())],
        )
    }
}

#[cfg(target_arch = "wasm32")]
pub mod load;

/// A built-in locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    De,
    Fr,
    Es,
    PtBr,
    Ja,
    ZhHans,
    Ar,
}

impl Locale {
    pub const ALL: [Locale; 8] = [
        Locale::En,
        Locale::De,
        Locale::Fr,
        Locale::Es,
        Locale::PtBr,
        Locale::Ja,
        Locale::ZhHans,
        Locale::Ar,
    ];

    /// The BCP 47 tag: the form root's `lang`, and the file name under `locales/`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
            Locale::Fr => "fr",
            Locale::Es => "es",
            Locale::PtBr => "pt-BR",
            Locale::Ja => "ja",
            Locale::ZhHans => "zh-Hans",
            Locale::Ar => "ar",
        }
    }

    /// The plural categories the language uses for whole numbers: every plural family of its
    /// table has a form for each.
    pub fn plurals(self) -> &'static [Plural] {
        use Plural::*;
        match self {
            Locale::En | Locale::De => &[One, Other],
            Locale::Fr | Locale::Es | Locale::PtBr => &[One, Many, Other],
            Locale::Ja | Locale::ZhHans => &[Other],
            Locale::Ar => &[Zero, One, Two, Few, Many, Other],
        }
    }

    pub fn is_rtl(self) -> bool {
        self == Locale::Ar
    }

    /// The locale a tag asks for, if built in: `de-AT` → `de`, `pt-PT` and `pt` → `pt-BR`,
    /// `zh-CN`/`zh-SG`/`zh-Hans-*` → `zh-Hans`; `zh-TW`/`zh-HK`/`zh-Hant` have no built-in locale.
    pub fn of(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = tag.split('-');
        let language = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        Some(match language {
            "en" => Locale::En,
            "de" => Locale::De,
            "fr" => Locale::Fr,
            "es" => Locale::Es,
            "pt" => Locale::PtBr,
            "ja" => Locale::Ja,
            "ar" => Locale::Ar,
            "zh" => {
                let traditional = rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"));
                if traditional {
                    return None;
                }
                Locale::ZhHans
            }
            _ => return None,
        })
    }

    /// The first built-in locale among `preferences` (most wanted first), else English.
    pub fn resolve<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Locale {
        preferences
            .into_iter()
            .find_map(Locale::of)
            .unwrap_or(Locale::En)
    }

    /// The locale to speak: the `locale` option, then the nearest `lang`, then the browser's
    /// languages, then English; with the option's value when it named no built-in locale (the
    /// developer is told).
    pub fn choose(
        option: Option<&str>,
        lang: Option<&str>,
        browser: &[String],
    ) -> (Locale, Option<String>) {
        let unknown = option
            .filter(|o| Locale::of(o).is_none())
            .map(str::to_owned);
        let preferences = option
            .into_iter()
            .chain(lang)
            .chain(browser.iter().map(String::as_str));
        (Locale::resolve(preferences), unknown)
    }

    /// What the developer is told of a `locale` value that names no built-in locale.
    pub fn unknown_message(value: &str) -> String {
        let tags: Vec<&str> = Locale::ALL.iter().map(|l| l.tag()).collect();
        format!(
            "graph-change-password: the locale \"{value}\" is not one of {} or a regional tag of one; the page's lang or the browser's languages decide instead.",
            tags.join(", ")
        )
    }

    /// The plural category of `n` in this language: CLDR's cardinal rules for whole numbers,
    /// all of them (fr, es and pt's `many` is for exact millions: "1 000 000 de secondes").
    pub fn plural(self, n: u64) -> Plural {
        let million = n != 0 && n % 1_000_000 == 0;
        match self {
            Locale::En | Locale::De => {
                if n == 1 {
                    Plural::One
                } else {
                    Plural::Other
                }
            }
            Locale::Es if n == 1 => Plural::One,
            Locale::Fr | Locale::PtBr if n <= 1 => Plural::One,
            Locale::Es | Locale::Fr | Locale::PtBr if million => Plural::Many,
            Locale::Es | Locale::Fr | Locale::PtBr => Plural::Other,
            Locale::Ja | Locale::ZhHans => Plural::Other,
            Locale::Ar => match (n, n % 100) {
                (0, _) => Plural::Zero,
                (1, _) => Plural::One,
                (2, _) => Plural::Two,
                (_, 3..=10) => Plural::Few,
                (_, 11..=99) => Plural::Many,
                _ => Plural::Other,
            },
        }
    }
}

/// CLDR's plural categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    pub const ALL: [Plural; 6] = [
        Plural::Zero,
        Plural::One,
        Plural::Two,
        Plural::Few,
        Plural::Many,
        Plural::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Plural::Zero => "zero",
            Plural::One => "one",
            Plural::Two => "two",
            Plural::Few => "few",
            Plural::Many => "many",
            Plural::Other => "other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_tags_fall_back_to_their_language() {
        for (tag, want) in [
            ("de-AT", Some(Locale::De)),
            ("de", Some(Locale::De)),
            ("fr-CA", Some(Locale::Fr)),
            ("es-419", Some(Locale::Es)),
            ("pt-PT", Some(Locale::PtBr)),
            ("pt-BR", Some(Locale::PtBr)),
            ("zh-CN", Some(Locale::ZhHans)),
            ("zh-SG", Some(Locale::ZhHans)),
            ("zh-Hans-CN", Some(Locale::ZhHans)),
            ("zh-TW", None),
            ("zh-HK", None),
            ("zh-Hant", None),
            ("ar-EG", Some(Locale::Ar)),
            ("ja-JP", Some(Locale::Ja)),
            ("EN_us", Some(Locale::En)),
            ("xx", None),
            ("", None),
        ] {
            assert_eq!(Locale::of(tag), want, "{tag}");
        }
    }

    #[test]
    fn the_first_known_preference_wins_and_english_is_last() {
        assert_eq!(Locale::resolve(["xx", "zh-TW", "de-CH", "fr"]), Locale::De);
        assert_eq!(Locale::resolve(["xx"]), Locale::En);
        assert_eq!(Locale::resolve([]), Locale::En);
    }

    #[test]
    fn an_unknown_option_falls_to_lang_then_the_browser_and_is_named() {
        let browser = ["fr-CA".to_owned()];
        assert_eq!(
            Locale::choose(Some("ja"), Some("de"), &browser),
            (Locale::Ja, None)
        );
        assert_eq!(
            Locale::choose(Some("klingon"), Some("de-AT"), &browser),
            (Locale::De, Some("klingon".to_owned()))
        );
        assert_eq!(
            Locale::choose(Some("zh-TW"), None, &browser),
            (Locale::Fr, Some("zh-TW".to_owned()))
        );
        assert_eq!(Locale::choose(None, Some("xx"), &[]), (Locale::En, None));
        assert!(Locale::unknown_message("klingon").contains("\"klingon\" is not one of en, de,"));
    }

    #[test]
    fn plural_rules() {
        use Plural::*;
        assert_eq!(Locale::En.plural(1), One);
        assert_eq!(Locale::En.plural(0), Other);
        assert_eq!(Locale::Fr.plural(0), One);
        assert_eq!(Locale::PtBr.plural(1), One);
        assert_eq!(Locale::PtBr.plural(2), Other);
        for l in [Locale::Fr, Locale::Es, Locale::PtBr] {
            assert_eq!(l.plural(1_000_000), Many);
            assert_eq!(l.plural(3_000_000), Many);
            assert_eq!(l.plural(1_000_001), Other);
        }
        assert_eq!(Locale::Es.plural(0), Other);
        assert_eq!(Locale::De.plural(1_000_000), Other);
        assert_eq!(Locale::Ja.plural(1), Other);
        let ar: Vec<_> = [0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111]
            .iter()
            .map(|n| Locale::Ar.plural(*n))
            .collect();
        assert_eq!(
            ar,
            [Zero, One, Two, Few, Few, Many, Many, Other, Other, Few, Many]
        );
    }

    #[test]
    fn arabic_is_right_to_left() {
        assert!(Locale::Ar.is_rtl());
        assert!(Locale::ALL.iter().filter(|l| l.is_rtl()).count() == 1);
    }
}
