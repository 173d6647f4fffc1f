//! The messages built from the texts table: one function per rule, field problem or line of
//! the result (the headline of each outcome is with its kind, in `graph/outcome.rs`), so
//! wording lives in `locales/*.js` and the view never builds messages of its own. Pure.

use crate::graph::outcome::Outcome;
use crate::i18n::texts::{Isolate, Part};
use crate::i18n::texts::{Key, Texts};
use crate::policy::{Field, FieldProblem, Rule, RuleFailure, ENTRA_SYMBOLS};
use crate::strength::Strength;
use crate::unicode::{is_combining, is_format};

/// Where "sign me out everywhere" stands after a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignOutLine {
    /// Asked for; Graph has not answered yet.
    Pending,
    Done,
    Failed,
}

/// What is said about "sign me out everywhere" after a change, and whether it is a warning.
pub fn sign_out_line(t: &Texts, line: SignOutLine) -> (String, bool) {
    match line {
        SignOutLine::Pending => (t.get(Key::SignOutPending).to_owned(), false),
        SignOutLine::Done => (t.get(Key::SignOutDone).to_owned(), false),
        SignOutLine::Failed => (t.get(Key::SignOutFailed).to_owned(), true),
    }
}

/// The meter's text label.
pub fn strength_label(t: &Texts, strength: Strength) -> &str {
    t.get(match strength {
        Strength::VeryWeak => Key::StrengthVeryWeak,
        Strength::Weak => Key::StrengthWeak,
        Strength::Fair => Key::StrengthFair,
        Strength::Good => Key::StrengthGood,
        Strength::Strong => Key::StrengthStrong,
    })
}

/// What the polite live region says once typing pauses: how many requirements are met, the
/// first one still missing, and the strength.
pub fn requirements_announcement(t: &Texts, rows: &[(String, bool)], strength: Strength) -> String {
    let met = rows.iter().filter(|(_, m)| *m).count().to_string();
    let total = rows.len();
    let mut parts = vec![t.count(
        Key::AnnounceMet,
        total as u64,
        &[("met", &met), ("total", &total.to_string())],
    )];
    if let Some((rule, _)) = rows.iter().find(|(_, m)| !m) {
        parts.push(t.fill(Key::AnnounceMissing, &[("rule", rule)]));
    }
    parts.push(t.fill(
        Key::AnnounceStrength,
        &[("strength", strength_label(t, strength))],
    ));
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    t.sentences(&parts)
}

/// The checklist line for a rule.
pub fn rule_label(t: &Texts, rule: &Rule) -> String {
    match rule {
        Rule::Length { min, max } => t.fill(
            Key::RuleLength,
            &[("min", &min.to_string()), ("max", &max.to_string())],
        ),
        Rule::Categories { required } => {
            t.fill(Key::RuleCategories, &[("required", &required.to_string())])
        }
        Rule::AllowedCharacters => {
            let symbols: Vec<String> = ENTRA_SYMBOLS.chars().map(String::from).collect();
            t.fill(Key::RuleAllowed, &[("symbols", &symbols.join(" "))])
        }
    }
}

/// A character the policy refuses, named so a person can find it: what cannot be seen as itself
/// (tabs, spaces, format characters such as U+202E, which would reverse the sentence, and
/// combining marks, which would attach to the quotation mark) is named by its code point.
pub fn describe_char(t: &Texts, c: char) -> String {
    let code = || format!("U+{:04X}", c as u32);
    match c {
        '\t' => t.get(Key::CharTab).to_owned(),
        '\n' | '\r' => t.get(Key::CharLineBreak).to_owned(),
        '\u{a0}' => t.get(Key::CharNbsp).to_owned(),
        c if c.is_control() || c.is_whitespace() || is_format(c) => {
            t.fill(Key::CharInvisible, &[("code", &code())])
        }
        c if is_combining(c) => t.fill(Key::CharCombining, &[("code", &code())]),
        c => t.fill(Key::CharQuoted, &[("char", &c.to_string())]),
    }
}

/// `n` with the language's digit grouping (Latin digits in every locale): "1,234,567",
/// "1.234.567". Spanish groups only from five digits on (CLDR's minimum grouping digits).
pub fn grouped(t: &Texts, n: u64) -> String {
    let digits = n.to_string();
    let separator = t.get(Key::NumberGroup);
    if digits.len() < 4 || (t.locale == crate::i18n::Locale::Es && digits.len() < 5) {
        return digits;
    }
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(d);
    }
    out
}

/// "a, b and c", as the language joins a list.
fn list(t: &Texts, items: Vec<String>) -> String {
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => [
            init.join(t.get(Key::ListSeparator)).as_str(),
            t.get(Key::ListLastSeparator),
            last,
        ]
        .concat(),
    }
}

/// Why the new password fails a rule, said as what to do.
pub fn rule_failure(t: &Texts, failure: &RuleFailure) -> String {
    match failure {
        RuleFailure::TooShort { len, min } => t.count(
            Key::TooShort,
            *min as u64,
            &[("min", &min.to_string()), ("len", &len.to_string())],
        ),
        RuleFailure::TooLong { len, max } => t.count(
            Key::TooLong,
            *max as u64,
            &[("max", &max.to_string()), ("len", &len.to_string())],
        ),
        RuleFailure::TooFewCategories { have, required } => t.fill(
            Key::TooFewKinds,
            &[
                ("required", &required.to_string()),
                ("have", &have.to_string()),
            ],
        ),
        RuleFailure::Disallowed { named, more } => {
            let mut items: Vec<String> = named.iter().map(|c| describe_char(t, *c)).collect();
            if *more {
                items.push(t.get(Key::DisallowedMore).to_owned());
            }
            t.fill(Key::Disallowed, &[("chars", &list(t, items))])
        }
    }
}

/// The message shown next to a field.
pub fn field_problem(t: &Texts, field: Field, problem: &FieldProblem) -> String {
    match problem {
        FieldProblem::Required => t
            .get(match field {
                Field::Current => Key::RequiredCurrent,
                Field::New => Key::RequiredNew,
                Field::Confirm => Key::RequiredConfirm,
            })
            .to_owned(),
        FieldProblem::Policy(failure) => rule_failure(t, failure),
        FieldProblem::SameAsCurrent => t.get(Key::SameAsCurrent).to_owned(),
        FieldProblem::Mismatch => t.get(Key::Mismatch).to_owned(),
        FieldProblem::Breached(count) => {
            t.count(Key::Breached, *count, &[("count", &grouped(t, *count))])
        }
    }
}

/// The "details for your help desk" line, if Graph said anything worth quoting, as parts: the
/// view isolates each value by markup, so an id copies as the id alone. Graph's ids and message
/// stay as sent.
pub fn details(t: &Texts, outcome: &Outcome, client_request_id: Option<&str>) -> Option<Vec<Part>> {
    let value = |v: &str| Part::Value(v.to_owned(), Isolate::LeftToRight);
    let mut items: Vec<Vec<Part>> = Vec::new();
    if let Some(d) = outcome.details() {
        items.push(vec![
            Part::Text("HTTP ".into()),
            value(&d.status.to_string()),
        ]);
        if let Some(code) = &d.code {
            items.push(t.parts(Key::DetailsCode, &[("code", code)]));
        }
        if let Some(id) = &d.request_id {
            items.push(vec![Part::Text("request-id ".into()), value(id)]);
        }
        if let Some(date) = &d.date {
            items.push(t.parts(Key::DetailsDate, &[("date", date)]));
        }
    }
    if let Some(id) = client_request_id {
        items.push(vec![Part::Text("client-request-id ".into()), value(id)]);
    }
    if let Some(message) = outcome.details().and_then(|d| d.message.as_deref()) {
        items.push(t.parts(Key::DetailsMessage, &[("message", message)]));
    }
    if items.is_empty() {
        return None;
    }
    let mut parts = vec![Part::Text([t.get(Key::DetailsPrefix), " "].concat())];
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            parts.push(Part::Text(t.get(Key::ListSeparator).to_owned()));
        }
        parts.extend(item);
    }
    Some(parts)
}

/// The details line as one string, each value isolated by control characters.
pub fn details_line(
    t: &Texts,
    outcome: &Outcome,
    client_request_id: Option<&str>,
) -> Option<String> {
    details(t, outcome, client_request_id).map(|parts| t.isolated(&parts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::outcome::{Details, Reason, RetryAfter, TokenError};

    fn en() -> std::sync::Arc<Texts> {
        Texts::english()
    }

    /// A message without its isolates, as a person reads it.
    fn plain(text: &str) -> String {
        text.chars()
            .filter(|c| !('\u{2066}'..='\u{2069}').contains(c))
            .collect()
    }

    #[test]
    fn announcement_counts_rules_and_names_the_first_missing() {
        let rows = vec![
            ("8 to 256 characters".to_owned(), false),
            ("Different".to_owned(), true),
        ];
        assert_eq!(
            plain(&requirements_announcement(&en(), &rows, Strength::Weak)),
            "1 of 2 requirements met. Still needed: 8 to 256 characters. Strength: weak."
        );
        let all = vec![("A".to_owned(), true)];
        assert_eq!(
            plain(&requirements_announcement(&en(), &all, Strength::Strong)),
            "1 of 1 requirement met. Strength: strong."
        );
    }

    #[test]
    fn invisible_and_foreign_characters_are_named() {
        let t = en();
        assert_eq!(plain(&describe_char(&t, '\t')), "a tab");
        assert_eq!(plain(&describe_char(&t, 'é')), "“é”");
        assert_eq!(
            plain(&describe_char(&t, '\u{200b}')),
            "an invisible character (U+200B)"
        );
        assert_eq!(
            plain(&rule_failure(
                &t,
                &RuleFailure::Disallowed {
                    named: vec!['é', '\t', '😀'],
                    more: false
                }
            )),
            "Your new password cannot contain “é”, a tab and “😀”."
        );
        assert_eq!(
            plain(&rule_failure(
                &t,
                &RuleFailure::Disallowed {
                    named: vec!['é', 'ö', 'ü'],
                    more: true
                }
            )),
            "Your new password cannot contain “é”, “ö”, “ü” and other characters that are not allowed."
        );
    }

    #[test]
    fn headlines_never_quote_graph_message() {
        let d = Details {
            status: 400,
            message: Some("RAW-GRAPH-TEXT".into()),
            ..Details::default()
        };
        for o in [
            Outcome::BadRequest(d.clone()),
            Outcome::WrongCurrentPassword(d.clone()),
            Outcome::Forbidden(d.clone()),
            Outcome::ServerError(d.clone()),
        ] {
            assert!(!o.headline(&en(), 30_000, false).contains("RAW-GRAPH-TEXT"));
            assert!(details_line(&en(), &o, None)
                .unwrap()
                .contains("RAW-GRAPH-TEXT"));
        }
    }

    #[test]
    fn throttled_and_unavailable_differ_and_show_retry() {
        let t = en();
        let d = Details::default();
        let throttled = Outcome::Throttled(Some(RetryAfter::Seconds(30)), d.clone());
        let throttled = plain(&throttled.headline(&t, 1, false));
        let unavailable = plain(&Outcome::Unavailable(None, d.clone()).headline(&t, 1, false));
        assert!(throttled.contains("Too many attempts") && throttled.contains("in 30 seconds"));
        assert!(
            unavailable.contains("temporarily unavailable")
                && !unavailable.contains("try again in")
        );
        let long = Outcome::Throttled(Some(RetryAfter::Seconds(301)), d);
        let long = plain(&long.headline(&t, 1, false));
        assert!(long.contains("in 6 minutes"), "{long}");
    }

    #[test]
    fn status_is_shown_for_unexpected_and_server_errors() {
        let d = |status| Details {
            status,
            ..Details::default()
        };
        let said = |o: Outcome| plain(&o.headline(&en(), 1, false));
        assert!(said(Outcome::Unexpected(d(418))).contains("HTTP 418"));
        assert!(said(Outcome::ServerError(d(500))).contains("error 500"));
    }

    #[test]
    fn timeout_names_seconds() {
        let said = |o: Outcome, ms| plain(&o.headline(&en(), ms, false));
        assert!(said(Outcome::Timeout, 1500).contains("2 seconds"));
        assert!(said(Outcome::Timeout, 900).contains("within 1 second."));
        let slow = said(
            Outcome::TokenUnavailable(TokenError::TimedOut, Reason::Change),
            5000,
        );
        assert!(
            slow.contains("within 5 seconds, so nothing was sent"),
            "{slow}"
        );
        let rejected = Outcome::TokenUnavailable(TokenError::Rejected, Reason::Change);
        assert!(said(rejected, 1).contains("Sign in again"));
    }

    #[test]
    fn details_line_lists_ids() {
        let o = Outcome::Forbidden(Details {
            status: 403,
            code: Some("Authorization_RequestDenied".into()),
            message: None,
            request_id: Some("r-1".into()),
            date: Some("2026-11-25T10:00:00".into()),
        });
        assert_eq!(
            plain(&details_line(&en(), &o, Some("c-1")).unwrap()),
            "Details for your help desk: HTTP 403, code Authorization_RequestDenied, request-id r-1, date 2026-11-25T10:00:00, client-request-id c-1"
        );
        assert_eq!(details_line(&en(), &Outcome::Changed, None), None);
        // The view isolates each id by markup: the id is a part of its own.
        let parts = details(&en(), &o, Some("c-1")).unwrap();
        assert!(parts.contains(&Part::Value("r-1".into(), Isolate::LeftToRight)));
        assert!(parts.contains(&Part::Value("c-1".into(), Isolate::LeftToRight)));
    }

    #[test]
    fn what_cannot_be_seen_is_named_by_code_point() {
        let t = en();
        assert_eq!(
            plain(&describe_char(&t, '\u{202E}')),
            "an invisible character (U+202E)"
        );
        assert_eq!(
            plain(&describe_char(&t, '\u{061C}')),
            "an invisible character (U+061C)"
        );
        assert_eq!(
            plain(&describe_char(&t, '\u{0301}')),
            "a combining mark (U+0301)"
        );
        assert_eq!(
            plain(&describe_char(&t, '\u{3000}')),
            "an invisible character (U+3000)"
        );
        assert!(!describe_char(&t, 'ب').contains("U+"));
    }

    #[test]
    fn counts_are_grouped_as_the_language_groups_digits() {
        let en = en();
        assert_eq!(grouped(&en, 999), "999");
        assert_eq!(grouped(&en, 1_000), "1,000");
        assert_eq!(grouped(&en, 52_256_179), "52,256,179");
    }
}
