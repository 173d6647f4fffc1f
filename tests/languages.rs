//! Every language as its readers see it (issue 19), checked natively on the locales as shipped:
//! the display order of sentences with values of the other direction (by a Unicode bidi
//! implementation, since a string's logical order never shows reordering), and no space between
//! two Japanese or Chinese characters in any message.
#![cfg(not(target_arch = "wasm32"))]

use graph_change_password::graph::outcome::{Details, Outcome, Reason, RetryAfter, TokenError};
use graph_change_password::i18n::texts::{Entry, Key, Texts};
use graph_change_password::i18n::{duration, Locale};
use graph_change_password::policy::{Policy, RuleFailure};
use graph_change_password::strength::Strength;
use graph_change_password::strings::{
    details_line, grouped, requirements_announcement, rule_failure, rule_label, strength_label,
};
use unicode_bidi::{BidiInfo, Level};

fn texts(locale: Locale) -> Texts {
    let path = format!("{}/locales/{}.js", env!("CARGO_MANIFEST_DIR"), locale.tag());
    Texts::parse(locale, &std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// What a reader sees, left to right, of `text` in a form of `locale`'s direction.
fn visual(text: &str, locale: Locale) -> String {
    let level = if locale.is_rtl() {
        Level::rtl()
    } else {
        Level::ltr()
    };
    let info = BidiInfo::new(text, Some(level));
    let shown: String = info
        .paragraphs
        .iter()
        .map(|p| info.reorder_line(p, p.range.clone()).into_owned())
        .collect();
    shown
        .chars()
        .filter(|c| !('\u{2066}'..='\u{2069}').contains(c))
        .collect()
}

/// `value` is seen whole and in its own order: left to right for Latin text, right to left
/// (reversed, in a left-to-right reading) for Arabic.
fn seen_whole(shown: &str, value: &str, arabic: bool) -> bool {
    let want: String = if arabic {
        value.chars().rev().collect()
    } else {
        value.to_owned()
    };
    shown.contains(&want)
}

fn details(message: &str) -> Outcome {
    Outcome::BadRequest(Details {
        status: 400,
        code: Some("Request_BadRequest".into()),
        message: Some(message.into()),
        request_id: Some("3f2504e0-4f89-41d3-9a0c-0305e82c3301".into()),
        date: None,
    })
}

#[test]
fn graphs_message_keeps_its_full_stop_in_every_locale_arabic_included() {
    let message = "The current password is incorrect.";
    for locale in Locale::ALL {
        let t = texts(locale);
        let line = details_line(&t, &details(message), Some("c-1")).unwrap();
        let shown = visual(&line, locale);
        assert!(
            seen_whole(&shown, message, false),
            "{}: {shown}",
            locale.tag()
        );
        assert!(seen_whole(
            &shown,
            "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
            false
        ));
    }
    // The check can fail: the same line without isolates moves the full stop in Arabic.
    let ar = texts(Locale::Ar);
    let raw = details_line(&ar, &details(message), None).unwrap();
    let raw: String = raw
        .chars()
        .filter(|c| !('\u{2066}'..='\u{2069}').contains(c))
        .collect();
    assert!(!seen_whole(&visual(&raw, Locale::Ar), message, false));
}

#[test]
fn arabic_letters_typed_into_a_password_do_not_reorder_a_latin_sentence() {
    let typed = RuleFailure::Disallowed {
        named: vec!['ب', 'ت', 'é'],
        more: false,
    };
    for locale in Locale::ALL.into_iter().filter(|l| !l.is_rtl()) {
        let t = texts(locale);
        let message = rule_failure(&t, &typed);
        let shown = visual(&message, locale);
        // Read left to right, the characters come in the order typed.
        let at = |c: char| {
            shown
                .find(c)
                .unwrap_or_else(|| panic!("{}: {shown}", locale.tag()))
        };
        assert!(
            at('ب') < at('ت') && at('ت') < at('é'),
            "{}: {shown}",
            locale.tag()
        );
        // And the sentence still ends where it ends.
        let last = message.trim_end().chars().last().unwrap();
        assert_eq!(
            shown.trim_end().chars().last(),
            Some(last),
            "{}: {shown}",
            locale.tag()
        );
    }
}

#[test]
fn latin_and_arabic_values_stay_whole_in_arabic_sentences() {
    let t = texts(Locale::Ar);
    let typed = RuleFailure::Disallowed {
        named: vec!['é', 'ö'],
        more: false,
    };
    let shown = visual(&rule_failure(&t, &typed), Locale::Ar);
    // Right to left, é comes first: in a left-to-right reading, ö is left of é.
    assert!(shown.find('ö') < shown.find('é'), "{shown}");
    let code = details_line(&t, &details("x"), None).unwrap();
    assert!(seen_whole(
        &visual(&code, Locale::Ar),
        "Request_BadRequest",
        false
    ));
}

#[test]
fn a_pasted_right_to_left_override_cannot_reverse_a_sentence() {
    let evil = "Graph said \u{202E}123 abc";
    for locale in Locale::ALL {
        let t = texts(locale);
        let line = details_line(&t, &details(evil), None).unwrap();
        assert!(
            !line.contains('\u{202E}'),
            "the override is dropped from server text"
        );
        assert!(seen_whole(
            &visual(&line, locale),
            "Graph said 123 abc",
            false
        ));
        let typed = RuleFailure::Disallowed {
            named: vec!['\u{202E}', '\u{0301}'],
            more: false,
        };
        let named = rule_failure(&t, &typed);
        assert!(
            named.contains("U+202E") && named.contains("U+0301"),
            "{named}"
        );
        assert!(!named.contains('\u{202E}') && !named.contains('\u{0301}'));
    }
}

/// Japanese, Chinese (and the punctuation they share), where no space goes between two of them.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// Every message of `t`, filled with sample values as the form fills them, and the sentences
/// it joins.
fn every_message(t: &Texts) -> Vec<String> {
    let policy = Policy::default();
    let rule = rule_label(t, &policy.check("")[0].rule);
    let chars = rule_failure(
        t,
        &RuleFailure::Disallowed {
            named: vec!['é', '\t'],
            more: true,
        },
    );
    let (seconds, minutes) = (duration(t, 30), duration(t, 600));
    let symbols = "@ # $";
    let count = grouped(t, 52_256_179);
    let values: Vec<(&str, &str)> = vec![
        ("n", "2"),
        ("count", &count),
        ("min", "8"),
        ("max", "256"),
        ("len", "5"),
        ("required", "3"),
        ("have", "2"),
        ("met", "2"),
        ("total", "4"),
        ("status", "504"),
        ("code", "Request_BadRequest"),
        ("message", "密码错误。"),
        ("date", "2026-11-25T10:00:00"),
        ("char", "é"),
        ("symbols", symbols),
        ("rule", &rule),
        ("chars", &chars),
        ("strength", strength_label(t, Strength::Fair)),
    ];
    let mut all = Vec::new();
    for (key, entry) in t.entries() {
        let forms = match entry {
            Entry::Text(_) => vec![1, 2],
            Entry::Plural(_) => vec![0, 1, 2, 5, 11, 100, 1_000_000],
        };
        for n in forms {
            for d in [&seconds, &minutes] {
                let mut args = values.clone();
                args.push(("duration", d));
                all.push(t.count(key, n, &args));
            }
        }
    }
    all.extend(composed(t, &rule));
    all
}

/// The messages made of several sentences, or of a line of parts.
fn composed(t: &Texts, rule: &str) -> Vec<String> {
    let mut all = Vec::new();
    let d = Details::default;
    for outcome in [
        Outcome::Throttled(Some(RetryAfter::Seconds(30)), d()),
        Outcome::Unavailable(Some(RetryAfter::About(600)), d()),
        Outcome::TokenUnavailable(TokenError::TimedOut, Reason::Change),
        Outcome::Timeout,
        Outcome::ServerError(Details { status: 504, ..d() }),
    ] {
        all.push(outcome.headline(t, 30_000, false));
    }
    all.push(Outcome::WrongCurrentPassword(d()).headline(t, 30_000, true));
    let rows = vec![
        (rule.to_owned(), true),
        (t.get(Key::RuleDifferent).to_owned(), false),
    ];
    all.push(requirements_announcement(t, &rows, Strength::Weak));
    all.push(details_line(t, &details("密码错误。"), Some("c-1")).unwrap());
    all
}

#[test]
fn no_space_between_two_japanese_or_chinese_characters() {
    for locale in [Locale::Ja, Locale::ZhHans] {
        for message in every_message(&texts(locale)) {
            let seen: Vec<char> = message
                .chars()
                .filter(|c| !('\u{2066}'..='\u{2069}').contains(c))
                .collect();
            for w in seen.windows(3) {
                assert!(
                    !(is_cjk(w[0]) && w[1].is_whitespace() && is_cjk(w[2])),
                    "{}: {message:?}",
                    locale.tag()
                );
            }
        }
    }
}

#[test]
fn every_message_fills_in_every_locale() {
    for locale in Locale::ALL {
        for message in every_message(&texts(locale)) {
            assert!(!message.contains('{'), "{}: {message}", locale.tag());
        }
    }
}
