//! Random sequences of what a user, the mount's tasks and a confused world can do, with the
//! invariants of the contract checked after every step.

use super::super::*;
use crate::breach::Verdict;
use crate::graph::outcome::{Details, PolicyReason, Reason, TokenError};
use proptest::prelude::*;

/// One step: the user acts, a task the mount started reports back, or an event arrives that
/// nothing asked for.
#[derive(Clone, Debug)]
enum Step {
    User(Event),
    /// Deliver what is owed first: a breach verdict, a change's answer (this outcome), or a
    /// revoke's result.
    Deliver(Outcome, bool, Verdict),
    Stray(Event),
}

fn outcome() -> impl Strategy<Value = Outcome> {
    let d = |status| Details {
        status,
        ..Details::default()
    };
    prop_oneof![
        3 => Just(Outcome::Changed),
        1 => Just(Outcome::WrongCurrentPassword(d(400))),
        1 => Just(Outcome::PolicyRejected(PolicyReason::Banned, d(400))),
        1 => Just(Outcome::Timeout),
        1 => Just(Outcome::NetworkError),
        1 => (500u16..=504).prop_map(move |s| Outcome::ServerError(d(s))),
        1 => Just(Outcome::TokenUnavailable(TokenError::TimedOut, Reason::Revoke)),
        1 => (200u16..=299).prop_map(move |s| Outcome::Unexpected(d(s))),
    ]
}

fn verdict() -> impl Strategy<Value = Verdict> {
    prop_oneof![
        Just(Verdict::NotFound),
        Just(Verdict::Unknown),
        (1u64..5_000_000).prop_map(Verdict::Found),
    ]
}

fn user_event() -> impl Strategy<Value = Event> {
    let field = prop::sample::select(Field::ALL.to_vec());
    let text = prop_oneof![
        Just("Start-Here-2026".to_owned()),
        Just("Blue-Harbour-42".to_owned()),
        "[a-zA-Z0-9!-]{0,12}",
    ];
    prop_oneof![
        4 => (field.clone(), text).prop_map(|(f, t)| Event::Typed(f, Secret(t))),
        1 => field.prop_map(Event::Reveal),
        1 => any::<bool>().prop_map(Event::SignOutTicked),
        3 => Just(Event::Submit),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => user_event().prop_map(Step::User),
        4 => (outcome(), any::<bool>(), verdict()).prop_map(|(o, done, v)| Step::Deliver(o, done, v)),
        1 => prop_oneof![
            (any::<u32>(), outcome()).prop_map(|(n, o)| Event::Answered(n, Attempt::of(o))),
            any::<u32>().prop_map(|n| Event::SignedOut(n, SignedOutEverywhere::unanswered())),
            any::<u32>().prop_map(Event::Sending),
            (any::<u32>(), verdict()).prop_map(|(n, v)| Event::BreachChecked(n, v)),
        ]
        .prop_map(Step::Stray),
    ]
}

/// What the mount owes the model: the breach verdict for change `n`, its answer, or the result
/// of its revoke.
#[derive(Debug, PartialEq)]
enum Owed {
    Breach(u32),
    Answer(u32),
    SignOut(u32),
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_contract_holds_whatever_happens(
        steps in prop::collection::vec(step(), 1..60),
        offer_sign_out in any::<bool>(),
        breach_check in any::<bool>(),
    ) {
        let settings = Settings { offer_sign_out, timeout_ms: 5_000, breach_check };
        let mut change = Change::default();
        let mut owed: Vec<Owed> = Vec::new();
        for step in steps {
            let before = change.clone();
            // `delivered`: the outcome of a change answered; `signed_out`: a revoke answered.
            let (event, delivered, sign_out_owed) = match step {
                Step::User(event) => (event, None, false),
                Step::Deliver(..) if owed.is_empty() => continue,
                Step::Deliver(outcome, done, verdict) => match owed.remove(0) {
                    Owed::Breach(n) => (Event::BreachChecked(n, verdict), None, false),
                    Owed::Answer(n) => (Event::Answered(n, Attempt::of(outcome.clone())), Some(outcome), false),
                    Owed::SignOut(n) => {
                        let result = SignedOutEverywhere { done, status: None, request_id: None };
                        (Event::SignedOut(n, result), None, true)
                    }
                },
                // A stray carrying the number of what is owed would be that delivery.
                Step::Stray(Event::Answered(n, _) | Event::SignedOut(n, _))
                    if owed.iter().any(|o| matches!(o, Owed::Answer(m) | Owed::SignOut(m) if *m == n)) => continue,
                Step::Stray(Event::BreachChecked(n, _))
                    if owed.iter().any(|o| matches!(o, Owed::Breach(m) if *m == n)) => continue,
                Step::Stray(event) => (event, None, false),
            };
            let typed = matches!(event, Event::Typed(..));
            let submitted = matches!(event, Event::Submit);
            let effects = update(&mut change, event, &settings);

            let sends: Vec<u32> = effects.iter().filter_map(|e| match e {
                Effect::Send { n, .. } => Some(*n),
                _ => None,
            }).collect();
            let checks: Vec<u32> = effects.iter().filter_map(|e| match e {
                Effect::CheckBreach { n, .. } => Some(*n),
                _ => None,
            }).collect();
            // The breach check comes first when asked for, and only then.
            prop_assert!(checks.len() <= 1);
            if let [n] = checks[..] {
                prop_assert!(breach_check && submitted && owed.is_empty() && before.phase == Phase::Editing);
                owed.push(Owed::Breach(n));
            }
            let changed: Vec<&Report> = effects.iter().filter_map(|e| match e {
                Effect::Report(r @ Report::Changed { .. }) => Some(r),
                _ => None,
            }).collect();
            let failed = effects.iter().filter(|e| matches!(e, Effect::Report(Report::Failed(_)))).count();
            let signed_out = effects.iter().filter(|e| matches!(e, Effect::Report(Report::SignedOut(_)))).count();

            // Nothing is sent while a change (or its sign-out) is in flight, and only on a submit.
            prop_assert!(sends.len() <= 1);
            if let [n] = sends[..] {
                // Sent at the submit, or once the breach check found nothing to refuse.
                let after_check = before.phase == Phase::CheckingBreach;
                prop_assert!(owed.is_empty() && (after_check || (submitted && !breach_check && before.phase == Phase::Editing)));
                owed.push(Owed::Answer(n));
            }
            // Every change sent is told exactly once; "changed" only for a 204; strays tell nothing.
            match &delivered {
                Some(outcome) => {
                    prop_assert_eq!(changed.len() + failed, 1);
                    prop_assert_eq!(changed.len() == 1, *outcome == Outcome::Changed);
                }
                None => prop_assert_eq!(changed.len() + failed, 0),
            }
            // The sign-out is told after its change, once, and only when asked for.
            if let Some(n) = effects.iter().find_map(|e| match e { Effect::Revoke(n) => Some(*n), _ => None }) {
                let requested = matches!(changed[..], [Report::Changed { sign_out: SignOutEverywhere::Requested, .. }]);
                prop_assert!(requested);
                prop_assert!(offer_sign_out);
                owed.push(Owed::SignOut(n));
            }
            prop_assert_eq!(signed_out, usize::from(sign_out_owed));
            // Only typing, a 204 (cleared) and a wrong current password (that field) touch what
            // was typed.
            if !typed && change.entry != before.entry {
                match &delivered {
                    Some(Outcome::Changed) => prop_assert_eq!(&change.entry, &Entry::default()),
                    Some(Outcome::WrongCurrentPassword(_)) => {
                        prop_assert_eq!(&change.entry.current, "");
                        prop_assert_eq!(&change.entry.new, &before.entry.new);
                        prop_assert_eq!(&change.entry.confirm, &before.entry.confirm);
                    }
                    other => prop_assert!(false, "the entry changed on {:?}", other),
                }
            }
            // The phase says what is owed.
            prop_assert_eq!(change.phase.with_graph(), matches!(owed.first(), Some(Owed::Answer(_))));
            prop_assert_eq!(change.phase == Phase::CheckingBreach, matches!(owed.first(), Some(Owed::Breach(_))));
            prop_assert_eq!(change.phase == Phase::SigningOut, matches!(owed.first(), Some(Owed::SignOut(_))));
        }
    }
}
