//! Every sentence the user reads, keyed by outcome, rule or field problem. Pure, so wording is
//! reviewed in one place and the view never builds messages of its own.

use crate::graph::outcome::{Outcome, PolicyReason, RetryAfter, SignOutEverywhere, TokenError};
use crate::policy::{Category, Field, FieldProblem, Rule, RuleFailure};
use crate::strength::Strength;

pub const LABEL_CURRENT: &str = "Current password";
pub const LABEL_NEW: &str = "New password";
pub const LABEL_CONFIRM: &str = "Confirm new password";
pub const SUBMIT: &str = "Change password";
pub const SUBMITTING: &str = "Changing password…";
pub const REQUIREMENTS_TITLE: &str = "Your new password needs:";
pub const DIFFERENT_FROM_CURRENT: &str = "To be different from your current password";
pub const MET: &str = "met";
pub const NOT_MET: &str = "not met";
pub const DETAILS_PREFIX: &str = "Details for your help desk:";
pub const RESET_LINK: &str = "Forgot your password?";
pub const SIGN_OUT_LABEL: &str = "Also sign me out everywhere, including on this device";
pub const SIGN_OUT_HINT: &str = "Ends every session of your account, on every device and in every app, this one too. You will need to sign in again with your new password.";

/// What is said about "sign me out everywhere" after a change, and whether it is a warning.
pub fn sign_out_result(sign_out: SignOutEverywhere) -> Option<(&'static str, bool)> {
    match sign_out {
        SignOutEverywhere::NotRequested => None,
        SignOutEverywhere::Done => Some(("You have been signed out everywhere. Sign in again with your new password.", false)),
        SignOutEverywhere::Failed => Some(("We could not sign you out everywhere, so other devices and apps may still be signed in. Your password has been changed all the same.", true)),
    }
}

pub const STRENGTH_LABEL: &str = "Strength:";

/// The meter's text label.
pub fn strength_label(strength: Strength) -> &'static str {
    match strength {
        Strength::VeryWeak => "very weak",
        Strength::Weak => "weak",
        Strength::Fair => "fair",
        Strength::Good => "good",
        Strength::Strong => "strong",
    }
}

/// What the polite live region says once typing pauses: how many requirements are met, the
/// first one still missing, and the strength.
pub fn requirements_announcement(rows: &[(String, bool)], strength: Strength) -> String {
    let met = rows.iter().filter(|(_, m)| *m).count();
    let missing = rows
        .iter()
        .find(|(_, m)| !m)
        .map(|(label, _)| format!(" Still needed: {label}."));
    format!(
        "{met} of {} requirements met.{} Strength: {}.",
        rows.len(),
        missing.unwrap_or_default(),
        strength_label(strength)
    )
}

/// The checklist line for a rule.
pub fn rule_label(rule: &Rule) -> String {
    match rule {
        Rule::Length { min, max } => format!("{min} to {max} characters"),
        Rule::Categories { required } => format!(
            "At least {required} of: lowercase letters, uppercase letters, numbers, symbols"
        ),
        Rule::AllowedCharacters => {
            "Only letters A–Z, numbers, spaces and the symbols @ # $ % ^ & * - _ ! + = [ ] { } | \\ : ' , . ? / ` ~ \" ( ) ; < >".to_owned()
        }
    }
}

/// A character the policy refuses, named so a person can find it: tabs and other invisible
/// characters are invisible when quoted.
pub fn describe_char(c: char) -> String {
    match c {
        '\t' => "a tab".to_owned(),
        '\n' | '\r' => "a line break".to_owned(),
        '\u{a0}' => "a non-breaking space".to_owned(),
        c if c.is_control() || c.is_whitespace() || is_invisible(c) => {
            format!("an invisible character (U+{:04X})", c as u32)
        }
        c => format!("“{c}”"),
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}')
}

fn list(items: Vec<String>) -> String {
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn category_name(c: Category) -> &'static str {
    match c {
        Category::Lowercase => "lowercase letters",
        Category::Uppercase => "uppercase letters",
        Category::Digit => "numbers",
        Category::Symbol => "symbols",
    }
}

/// Why the new password fails a rule, said as what to do.
pub fn rule_failure(failure: &RuleFailure) -> String {
    match failure {
        RuleFailure::TooShort { len, min } => {
            format!("Your new password must be at least {min} characters; it has {len}.")
        }
        RuleFailure::TooLong { len, max } => {
            format!("Your new password must be at most {max} characters; it has {len}.")
        }
        RuleFailure::TooFewCategories { have, required } => format!(
            "Your new password must mix at least {required} of {}; it has {have}.",
            list(
                [
                    Category::Lowercase,
                    Category::Uppercase,
                    Category::Digit,
                    Category::Symbol
                ]
                .into_iter()
                .map(|c| category_name(c).to_owned())
                .collect()
            )
        ),
        RuleFailure::Disallowed { named, more } => {
            let mut items: Vec<String> = named.iter().map(|c| describe_char(*c)).collect();
            if *more {
                items.push("other characters that are not allowed".to_owned());
            }
            format!("Your new password cannot contain {}.", list(items))
        }
    }
}

/// The message shown next to a field.
pub fn field_problem(field: Field, problem: &FieldProblem) -> String {
    match problem {
        FieldProblem::Required => match field {
            Field::Current => "Enter your current password.".to_owned(),
            Field::New => "Enter a new password.".to_owned(),
            Field::Confirm => "Enter your new password again.".to_owned(),
        },
        FieldProblem::Policy(failure) => rule_failure(failure),
        FieldProblem::SameAsCurrent => {
            "Your new password must be different from your current password.".to_owned()
        }
        FieldProblem::Mismatch => {
            "The passwords do not match. Enter your new password again.".to_owned()
        }
    }
}

fn seconds(n: u32) -> String {
    if n == 1 {
        "1 second".to_owned()
    } else {
        format!("{n} seconds")
    }
}

fn retry_hint(retry: &Option<RetryAfter>) -> String {
    match retry {
        Some(RetryAfter::Seconds(0)) | None => String::new(),
        Some(RetryAfter::Seconds(s)) if *s < 120 => {
            format!(" You can try again in {}.", seconds(*s))
        }
        Some(RetryAfter::Seconds(s)) => {
            format!(" You can try again in {} minutes.", s.div_ceil(60))
        }
        Some(RetryAfter::Date(d)) => format!(" You can try again after {d}."),
    }
}

/// The headline for an outcome: what happened and what to do, never Graph's raw message.
pub fn outcome_message(outcome: &Outcome, timeout_ms: u32) -> String {
    match outcome {
        Outcome::Changed => "Your password has been changed. Use your new password the next time you sign in.".to_owned(),
        Outcome::WrongCurrentPassword(_) => {
            "Your current password is not correct. Enter it again; your new password was kept.".to_owned()
        }
        Outcome::PolicyRejected(reason, _) => match reason {
            // The form sends only passwords that met every rule on screen, so when Graph still says
            // "complexity" the directory found it too easy to guess (Microsoft answers banned
            // passwords with that text) or too close to one used before.
            PolicyReason::Complexity => "Your organisation did not accept this new password: it is too easy to guess (it contains a common word, name or pattern) or too close to a password you used before. Try a passphrase of three or four unrelated words, such as “lantern orbit cactus 7”.",
            PolicyReason::Banned => "This new password is too easy to guess: it contains a common word, name or pattern your organisation blocks. Try a passphrase of three or four unrelated words, such as “lantern orbit cactus 7”.",
            PolicyReason::RecentlyUsed => "You have used this new password recently. Choose one you have not used before.",
        }
        .to_owned(),
        Outcome::BadRequest(_) => {
            "Microsoft Graph could not accept this request. Your password was not changed; try again, and contact your help desk if it keeps happening.".to_owned()
        }
        Outcome::TokenUnavailable(TokenError::TimedOut) => format!(
            "Your sign-in did not respond within {}, so nothing was sent. Try again; if it keeps happening, sign in again.",
            seconds(timeout_ms.div_ceil(1000))
        ),
        Outcome::SignInExpired(_) | Outcome::TokenUnavailable(_) => {
            "Your sign-in has expired. Sign in again, then change your password.".to_owned()
        }
        Outcome::Forbidden(_) => {
            "You cannot change your password here: your account or this app is not allowed to (for example, the account is managed by your organisation's on-premises directory). Contact your help desk.".to_owned()
        }
        Outcome::Throttled(retry, _) => format!(
            "Too many attempts to change your password. Wait a few minutes before trying again.{}",
            retry_hint(retry)
        ),
        Outcome::Unavailable(retry, _) => format!(
            "Microsoft Graph is temporarily unavailable. Your password was not changed; try again shortly.{}",
            retry_hint(retry)
        ),
        Outcome::ServerError(d) => format!(
            "Microsoft Graph had a problem (error {}). Your password was probably not changed; try again in a few minutes.",
            d.status
        ),
        Outcome::Unexpected(d) => format!(
            "Something went wrong: Microsoft Graph sent an answer this form does not understand (HTTP {}). Try signing in with your current password to see whether it changed.",
            d.status
        ),
        Outcome::Redirected => {
            "Something went wrong: the address this form sends to answered with a redirect, which Microsoft Graph never does. Your password was probably not changed; contact your help desk.".to_owned()
        }
        Outcome::NetworkError => {
            "Cannot reach Microsoft Graph. Check your internet connection and try again.".to_owned()
        }
        Outcome::Timeout => format!(
            "Cannot reach Microsoft Graph: no answer within {}. Your password may or may not have changed; try signing in with your new password before trying again.",
            seconds(timeout_ms.div_ceil(1000))
        ),
    }
}

/// The "details for your help desk" line, if Graph said anything worth quoting.
pub fn details_line(outcome: &Outcome, client_request_id: Option<&str>) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(d) = outcome.details() {
        parts.push(format!("HTTP {}", d.status));
        if let Some(code) = &d.code {
            parts.push(format!("code {code}"));
        }
        if let Some(id) = &d.request_id {
            parts.push(format!("request-id {id}"));
        }
        if let Some(date) = &d.date {
            parts.push(format!("date {date}"));
        }
    }
    if let Some(id) = client_request_id {
        parts.push(format!("client-request-id {id}"));
    }
    if let Some(message) = outcome.details().and_then(|d| d.message.as_deref()) {
        parts.push(format!("message “{message}”"));
    }
    (!parts.is_empty()).then(|| format!("{DETAILS_PREFIX} {}", parts.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::outcome::Details;

    #[test]
    fn announcement_counts_rules_and_names_the_first_missing() {
        let rows = vec![
            ("8 to 256 characters".to_owned(), false),
            ("Different".to_owned(), true),
        ];
        assert_eq!(
            requirements_announcement(&rows, Strength::Weak),
            "1 of 2 requirements met. Still needed: 8 to 256 characters. Strength: weak."
        );
        let all = vec![("A".to_owned(), true)];
        assert_eq!(
            requirements_announcement(&all, Strength::Strong),
            "1 of 1 requirements met. Strength: strong."
        );
    }

    #[test]
    fn invisible_and_foreign_characters_are_named() {
        assert_eq!(describe_char('\t'), "a tab");
        assert_eq!(describe_char('é'), "“é”");
        assert_eq!(describe_char('\u{200b}'), "an invisible character (U+200B)");
        assert_eq!(
            rule_failure(&RuleFailure::Disallowed {
                named: vec!['é', '\t', '😀'],
                more: false
            }),
            "Your new password cannot contain “é”, a tab and “😀”."
        );
        assert_eq!(
            rule_failure(&RuleFailure::Disallowed {
                named: vec!['é', 'ö', 'ü'],
                more: true
            }),
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
            assert!(!outcome_message(&o, 30_000).contains("RAW-GRAPH-TEXT"));
            assert!(details_line(&o, None).unwrap().contains("RAW-GRAPH-TEXT"));
        }
    }

    #[test]
    fn throttled_and_unavailable_differ_and_show_retry() {
        let d = Details::default();
        let t = outcome_message(
            &Outcome::Throttled(Some(RetryAfter::Seconds(30)), d.clone()),
            1,
        );
        let u = outcome_message(&Outcome::Unavailable(None, d.clone()), 1);
        assert!(t.contains("Too many attempts") && t.contains("in 30 seconds"));
        assert!(u.contains("temporarily unavailable") && !u.contains("try again in"));
        let long = outcome_message(&Outcome::Throttled(Some(RetryAfter::Seconds(301)), d), 1);
        assert!(long.contains("in 6 minutes"), "{long}");
    }

    #[test]
    fn status_is_shown_for_unexpected_and_server_errors() {
        let d = |status| Details {
            status,
            ..Details::default()
        };
        assert!(outcome_message(&Outcome::Unexpected(d(418)), 1).contains("HTTP 418"));
        assert!(outcome_message(&Outcome::ServerError(d(500)), 1).contains("error 500"));
    }

    #[test]
    fn timeout_names_seconds() {
        assert!(outcome_message(&Outcome::Timeout, 1500).contains("2 seconds"));
        assert!(outcome_message(&Outcome::Timeout, 900).contains("within 1 second."));
        let slow_host = outcome_message(&Outcome::TokenUnavailable(TokenError::TimedOut), 5000);
        assert!(
            slow_host.contains("within 5 seconds, so nothing was sent"),
            "{slow_host}"
        );
        assert!(
            outcome_message(&Outcome::TokenUnavailable(TokenError::Rejected), 1)
                .contains("Sign in again")
        );
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
            details_line(&o, Some("c-1")).unwrap(),
            "Details for your help desk: HTTP 403, code Authorization_RequestDenied, request-id r-1, date 2026-11-25T10:00:00, client-request-id c-1"
        );
        assert_eq!(details_line(&Outcome::Changed, None), None);
    }
}
