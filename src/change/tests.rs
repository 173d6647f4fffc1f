use super::*;
use crate::breach::Verdict;
use crate::graph::outcome::{Details, FailureKind, Reason, TokenError};
use crate::policy::FieldProblem;

const SETTINGS: Settings = Settings {
    offer_sign_out: true,
    timeout_ms: 30_000,
    breach_check: false,
};

fn typed(change: &mut Change, current: &str, new: &str, confirm: &str) {
    for (field, text) in [
        (Field::Current, current),
        (Field::New, new),
        (Field::Confirm, confirm),
    ] {
        assert!(update(change, Event::Typed(field, text.into()), &SETTINGS).is_empty());
    }
}

/// A form with a valid entry, submitted: the change is waiting for its tokens.
fn sent(sign_out: bool) -> Change {
    let mut change = Change::default();
    typed(
        &mut change,
        "Start-Here-2026",
        "Blue-Harbour-42",
        "Blue-Harbour-42",
    );
    update(&mut change, Event::SignOutTicked(sign_out), &SETTINGS);
    let effects = update(&mut change, Event::Submit, &SETTINGS);
    assert_eq!(
        effects,
        vec![Effect::Send {
            n: change.sent,
            entry: change.entry.clone(),
            sign_out
        }]
    );
    change
}

/// Graph's answer to the change sent first.
fn answer(outcome: Outcome) -> Event {
    answer_to(1, outcome)
}

fn answer_to(n: u32, outcome: Outcome) -> Event {
    Event::Answered(
        n,
        Attempt {
            outcome,
            client_request_id: Some("c-1".into()),
        },
    )
}

fn bad(status: u16) -> Details {
    Details {
        status,
        ..Details::default()
    }
}

fn failed_kind(effects: &[Effect]) -> Option<FailureKind> {
    effects.iter().find_map(|e| match e {
        Effect::Report(Report::Failed(f)) => Some(f.kind),
        _ => None,
    })
}

#[test]
fn typing_fills_the_fields_and_revealing_toggles_one() {
    let mut change = Change::default();
    typed(&mut change, "a", "b", "c");
    assert_eq!(
        (
            change.entry.current.as_str(),
            change.entry.new.as_str(),
            change.entry.confirm.as_str()
        ),
        ("a", "b", "c")
    );
    update(&mut change, Event::Reveal(Field::New), &SETTINGS);
    assert_eq!(change.revealed, [false, true, false]);
    update(&mut change, Event::Reveal(Field::New), &SETTINGS);
    assert_eq!(change.revealed, [false; 3]);
}

#[test]
fn a_submit_the_checks_stop_sends_nothing_and_focuses_the_summary() {
    let mut change = Change::default();
    typed(&mut change, "", "short", "other");
    update(&mut change, Event::Reveal(Field::New), &SETTINGS);
    assert!(update(&mut change, Event::Submit, &SETTINGS).is_empty());
    assert!(change.attempted);
    assert_eq!(
        change.revealed, [false; 3],
        "submitting hides every field again"
    );
    assert_eq!(change.phase, Phase::Editing);
    assert_eq!(change.focus.map(|f| f.target), Some(FocusTarget::Summary));
    let first = change.focus.unwrap().serial;
    update(&mut change, Event::Submit, &SETTINGS);
    assert_ne!(
        change.focus.unwrap().serial,
        first,
        "a second request moves focus again"
    );
}

#[test]
fn a_valid_submit_sends_once_and_locks_the_fields() {
    let mut change = sent(false);
    assert_eq!(change.phase, Phase::WaitingForTokens);
    assert!(update(&mut change, Event::Submit, &SETTINGS).is_empty());
    update(&mut change, Event::Typed(Field::New, "x".into()), &SETTINGS);
    assert_eq!(
        change.entry.new, "Blue-Harbour-42",
        "read-only while sending"
    );
    update(&mut change, Event::Sending(1), &SETTINGS);
    assert_eq!(change.phase, Phase::Sending);
    assert!(update(&mut change, Event::Submit, &SETTINGS).is_empty());
}

#[test]
fn sign_out_is_sent_only_when_offered_and_ticked() {
    let mut change = Change::default();
    typed(
        &mut change,
        "Start-Here-2026",
        "Blue-Harbour-42",
        "Blue-Harbour-42",
    );
    update(&mut change, Event::SignOutTicked(true), &SETTINGS);
    let not_offered = Settings {
        offer_sign_out: false,
        ..SETTINGS
    };
    let effects = update(&mut change, Event::Submit, &not_offered);
    assert!(matches!(
        effects[..],
        [Effect::Send {
            sign_out: false,
            ..
        }]
    ));
}

#[test]
fn a_204_is_told_at_once_clears_the_form_and_focuses_the_result() {
    let mut change = sent(false);
    update(&mut change, Event::Sending(1), &SETTINGS);
    let effects = update(&mut change, answer(Outcome::Changed), &SETTINGS);
    assert_eq!(
        effects,
        vec![Effect::Report(Report::Changed {
            client_request_id: Some("c-1".into()),
            sign_out: SignOutEverywhere::NotRequested
        })]
    );
    assert_eq!(change.entry, Entry::default());
    assert_eq!(change.phase, Phase::Editing);
    assert!(!change.attempted);
    assert_eq!(change.focus.map(|f| f.target), Some(FocusTarget::Result));
    let told = change.told.as_ref().unwrap();
    assert_eq!(
        (&told.attempt.outcome, told.sign_out),
        (&Outcome::Changed, None)
    );
}

#[test]
fn with_sign_out_the_revoke_starts_and_the_204_is_told_at_once() {
    let mut change = sent(true);
    let effects = update(&mut change, answer(Outcome::Changed), &SETTINGS);
    // The revoke first: a host may unmount the form from its `password-changed` listener.
    assert_eq!(
        effects,
        vec![
            Effect::Revoke(1),
            Effect::Report(Report::Changed {
                client_request_id: Some("c-1".into()),
                sign_out: SignOutEverywhere::Requested
            }),
        ]
    );
    assert_eq!(change.phase, Phase::SigningOut);
    assert!(!change.sign_out, "the box is cleared with the form");
    let pending = change.told.as_ref().and_then(|t| t.sign_out);
    assert_eq!(pending, Some(SignOutLine::Pending));
    assert!(
        update(&mut change, Event::Submit, &SETTINGS).is_empty(),
        "still in flight"
    );
    let result = SignedOutEverywhere {
        done: true,
        status: Some(204),
        request_id: None,
    };
    let stray = update(&mut change, Event::SignedOut(7, result.clone()), &SETTINGS);
    assert!(stray.is_empty(), "only the revoke of this change is told");
    let effects = update(&mut change, Event::SignedOut(1, result.clone()), &SETTINGS);
    assert_eq!(
        effects,
        vec![Effect::Report(Report::SignedOut(result.clone()))]
    );
    assert_eq!(change.phase, Phase::Editing);
    assert_eq!(change.told.unwrap().sign_out, Some(SignOutLine::Done));
    let mut again = sent(true);
    update(&mut again, answer(Outcome::Changed), &SETTINGS);
    update(
        &mut again,
        Event::SignedOut(1, SignedOutEverywhere::unanswered()),
        &SETTINGS,
    );
    assert_eq!(again.told.unwrap().sign_out, Some(SignOutLine::Failed));
}

#[test]
fn a_wrong_current_password_empties_that_field_only_and_focuses_it() {
    let mut change = sent(false);
    let effects = update(
        &mut change,
        answer(Outcome::WrongCurrentPassword(bad(400))),
        &SETTINGS,
    );
    assert_eq!(
        failed_kind(&effects),
        Some(FailureKind::WrongCurrentPassword)
    );
    assert_eq!(change.entry.current, "");
    assert_eq!(change.entry.new, "Blue-Harbour-42");
    assert!(!change.attempted, "no error summary for the emptied field");
    let target = change.focus.map(|f| f.target);
    assert_eq!(target, Some(FocusTarget::Field(Field::Current)));
}

#[test]
fn after_an_uncertain_answer_a_wrong_current_password_says_the_change_may_have_happened() {
    // The first answer, then a second submit that Graph answers "wrong current password": is
    // that second answer told as "your earlier attempt may have gone through"?
    let after = |first: Outcome| {
        let mut change = sent(false);
        update(&mut change, answer(first), &SETTINGS);
        typed(
            &mut change,
            "x-Start-Here-2026",
            "Blue-Harbour-42",
            "Blue-Harbour-42",
        );
        update(&mut change, Event::Submit, &SETTINGS);
        let wrong = Outcome::WrongCurrentPassword(bad(400));
        update(&mut change, answer_to(2, wrong), &SETTINGS);
        change.told.unwrap().after_uncertain
    };
    for uncertain in [
        Outcome::Timeout,
        Outcome::NetworkError,
        Outcome::ServerError(bad(504)),
        Outcome::ServerError(bad(502)),
    ] {
        assert!(after(uncertain.clone()), "{uncertain:?}");
    }
    assert!(
        !after(Outcome::ServerError(bad(500))),
        "a 500 is not uncertain"
    );
}

#[test]
fn answers_at_the_wrong_time_change_nothing() {
    let mut change = Change::default();
    typed(&mut change, "a", "b", "c");
    let before = change.clone();
    assert!(update(&mut change, answer(Outcome::Changed), &SETTINGS).is_empty());
    assert!(update(
        &mut change,
        Event::SignedOut(0, SignedOutEverywhere::unanswered()),
        &SETTINGS
    )
    .is_empty());
    assert!(update(&mut change, Event::Sending(0), &SETTINGS).is_empty());
    assert_eq!(change, before);
    let mut busy = sent(false);
    let before = busy.clone();
    assert!(update(&mut busy, answer_to(9, Outcome::Changed), &SETTINGS).is_empty());
    assert_eq!(
        busy, before,
        "an answer for another change is not this one's"
    );
}

#[test]
fn a_token_that_cannot_be_had_is_a_failure_and_the_form_is_usable_again() {
    let mut change = sent(true);
    let no_token = Outcome::TokenUnavailable(TokenError::Rejected, Reason::Revoke);
    let effects = update(&mut change, answer(no_token), &SETTINGS);
    assert_eq!(failed_kind(&effects), Some(FailureKind::TokenUnavailable));
    assert!(!effects.iter().any(|e| matches!(e, Effect::Revoke(_))));
    assert_eq!(change.phase, Phase::Editing);
    assert_eq!(
        change.entry.new, "Blue-Harbour-42",
        "what was typed is kept"
    );
}

#[test]
fn with_the_breach_check_nothing_is_sent_before_it_answers() {
    let check = Settings {
        breach_check: true,
        ..SETTINGS
    };
    let mut change = Change::default();
    typed(&mut change, "Start-Here-2026", "Summer2024!", "Summer2024!");
    let effects = update(&mut change, Event::Submit, &check);
    let want = Effect::CheckBreach {
        n: 1,
        new: "Summer2024!".into(),
    };
    assert_eq!(effects, vec![want]);
    assert_eq!(change.phase, Phase::CheckingBreach);
    assert!(
        update(&mut change, answer(Outcome::Changed), &check).is_empty(),
        "no answer is owed yet"
    );
    for verdict in [Verdict::NotFound, Verdict::Unknown] {
        let mut go = change.clone();
        let effects = update(&mut go, Event::BreachChecked(1, verdict), &check);
        assert!(
            matches!(effects[..], [Effect::Send { n: 1, .. }]),
            "{verdict:?}"
        );
        assert_eq!(go.phase, Phase::WaitingForTokens);
    }
}

#[test]
fn a_breached_password_is_a_field_problem_until_it_is_edited() {
    let check = Settings {
        breach_check: true,
        ..SETTINGS
    };
    let mut change = Change::default();
    typed(&mut change, "Start-Here-2026", "Summer2024!", "Summer2024!");
    update(&mut change, Event::Submit, &check);
    let effects = update(
        &mut change,
        Event::BreachChecked(1, Verdict::Found(12_345)),
        &check,
    );
    assert!(
        effects.is_empty(),
        "nothing was attempted: the host is told nothing"
    );
    assert_eq!(change.phase, Phase::Editing);
    assert_eq!(change.problems().new, Some(FieldProblem::Breached(12_345)));
    assert_eq!(change.focus.map(|f| f.target), Some(FocusTarget::Summary));
    assert!(
        update(&mut change, Event::Submit, &check).is_empty(),
        "refused again, unchecked"
    );
    update(
        &mut change,
        Event::Typed(Field::New, "Summer2024!x".into()),
        &check,
    );
    assert_eq!(
        change.problems().new,
        None,
        "cleared by editing the new password"
    );
}

#[cfg(not(target_arch = "wasm32"))]
mod properties;

#[test]
fn events_and_effects_never_print_a_password() {
    let typed = Event::Typed(Field::New, "Summer2024!".into());
    let check = Effect::CheckBreach {
        n: 1,
        new: "Summer2024!".into(),
    };
    for printed in [format!("{typed:?}"), format!("{check:?}")] {
        assert!(!printed.contains("Summer2024!"), "{printed}");
        assert!(printed.contains("<redacted>"), "{printed}");
    }
}
