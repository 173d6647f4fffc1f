//! One change of password as a plain value: everything the user and the host can observe of a
//! mounted form (what is typed, what is revealed, where the change stands, what was last told
//! and what the view should focus), and one [`update`] that takes what happened and returns what
//! to do as values ([`Effect`]). The mount owns it (`session.rs` runs the effects); views only
//! read it and send [`Event`]s, so a re-render (a new locale) loses nothing. Pure: every
//! transition is a native test.
//!
//! The contract it keeps: a 204 is told at once, exactly once (`password-changed`), and the
//! sign-out everywhere asked for with it is told after, on its own (`sign-out-everywhere`);
//! every change sent is told exactly once as changed or failed; nothing is sent while a change
//! is in flight.

#[cfg(target_arch = "wasm32")]
pub mod session;

use crate::breach::Verdict;
use crate::graph::outcome::{Attempt, Failure, Outcome};
use crate::graph::revoke::{SignOutEverywhere, SignedOutEverywhere};
use crate::policy::{Entry, Field, FieldProblem, FieldProblems, Policy, Secret};
use crate::strings::SignOutLine;
use std::rc::Rc;

/// Where the host is told of a change (the doors turn it into callbacks or DOM events).
pub type Tell = Rc<dyn Fn(&Report)>;

/// Where the change stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Phase {
    /// The user is typing; the last outcome, if any, is shown.
    #[default]
    Editing,
    /// Submitted: the new password is being checked against known breaches (when asked for);
    /// nothing has gone to Graph, no token is asked.
    CheckingBreach,
    /// Submitted: the host is asked for the tokens (the revoke token first, if asked for).
    WaitingForTokens,
    /// The change is on its way to Graph.
    Sending,
    /// Graph answered 204 and that was told; the user's sessions are being ended.
    SigningOut,
}

impl Phase {
    /// The change is on its way: fields read-only, the button busy.
    pub fn sending(self) -> bool {
        self == Phase::CheckingBreach || self.with_graph()
    }

    /// The change has gone to the host for tokens, or to Graph: an answer is owed.
    pub fn with_graph(self) -> bool {
        matches!(self, Phase::WaitingForTokens | Phase::Sending)
    }
}

/// What the view should move focus to; `serial` grows with every request, so asking twice for
/// the same place moves focus twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Focus {
    pub target: FocusTarget,
    pub serial: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FocusTarget {
    /// The error summary, after a submit the checks stopped.
    Summary,
    /// A field: the current password, after Graph said it was wrong.
    Field(Field),
    /// The result, after any other answer.
    Result,
}

/// The last outcome, as it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Told {
    pub attempt: Attempt,
    /// The wait it ran under (the timeout messages name it).
    pub timeout_ms: u32,
    /// A wrong current password right after an answer that may have changed the password.
    pub after_uncertain: bool,
    /// "Sign me out everywhere", when asked for with a change that went through.
    pub sign_out: Option<SignOutLine>,
}

/// What the form holds. `Debug` shows no password (`Entry` redacts them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub entry: Entry,
    /// Which of current, new and confirm are shown as text.
    pub revealed: [bool; 3],
    /// "Also sign me out everywhere" is ticked.
    pub sign_out: bool,
    /// A submit was tried: field messages and the error summary show.
    pub attempted: bool,
    pub phase: Phase,
    pub told: Option<Told>,
    pub focus: Option<Focus>,
    /// The new password was found in breaches this many times: a field problem until it is edited.
    pub breached: Option<u64>,
    /// The last answer may have changed the password (a timeout, a lost connection, a 502/504).
    uncertain: bool,
    /// The change in flight asked for sign-out everywhere.
    signing_out: bool,
    /// Numbers the changes sent: an answer is taken only for the change in flight.
    sent: u32,
}

/// The settings of the mount that `update` needs, read from its options when an event comes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    pub offer_sign_out: bool,
    pub timeout_ms: u32,
    /// Check the new password against known breaches before anything goes to Graph.
    pub breach_check: bool,
}

/// What happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Typed(Field, Secret),
    Reveal(Field),
    SignOutTicked(bool),
    Submit,
    /// The breach check of change `n` came to this.
    BreachChecked(u32, Verdict),
    /// The tokens are in hand and change `n` is being sent.
    Sending(u32),
    /// Graph answered change `n` (or nothing could be sent).
    Answered(u32, Attempt),
    /// The revoke that followed change `n` came to this.
    SignedOut(u32, SignedOutEverywhere),
}

/// What the mount is to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Check change `n`'s new password against known breaches.
    CheckBreach { n: u32, new: Secret },
    /// Ask for the tokens and send change `n` (the revoke token first when `sign_out`).
    Send {
        n: u32,
        entry: Entry,
        sign_out: bool,
    },
    /// End the user's sessions with the revoke token obtained for change `n`.
    Revoke(u32),
    /// Tell the host.
    Report(Report),
}

/// What the host is told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Report {
    /// `password-changed`: Graph answered 204.
    Changed {
        client_request_id: Option<String>,
        sign_out: SignOutEverywhere,
    },
    /// `password-change-failed`.
    Failed(Failure),
    /// `sign-out-everywhere`, after a `Changed` that requested it.
    SignedOut(SignedOutEverywhere),
}

impl Change {
    /// The client-side problems of what is typed, the breach check's finding among them.
    pub fn problems(&self) -> FieldProblems {
        let mut problems = self.entry.problems(&Policy::default());
        if let (None, Some(count)) = (&problems.new, self.breached) {
            problems.new = Some(FieldProblem::Breached(count));
        }
        problems
    }

    fn focus(&mut self, target: FocusTarget) {
        let serial = self.focus.map_or(0, |f| f.serial.wrapping_add(1));
        self.focus = Some(Focus { target, serial });
    }

    fn field(&mut self, field: Field) -> &mut String {
        match field {
            Field::Current => &mut self.entry.current,
            Field::New => &mut self.entry.new,
            Field::Confirm => &mut self.entry.confirm,
        }
    }
}

/// Applies `event` to `change`; returns what the mount is to do, in order.
pub fn update(change: &mut Change, event: Event, settings: &Settings) -> Vec<Effect> {
    match event {
        Event::Typed(field, text) if !change.phase.sending() => {
            if field == Field::New {
                change.breached = None;
            }
            *change.field(field) = text.0
        }
        Event::Reveal(field) => change.revealed[field as usize] ^= true,
        Event::SignOutTicked(ticked) if !change.phase.sending() => change.sign_out = ticked,
        Event::Submit => return submit(change, settings),
        Event::BreachChecked(n, verdict)
            if n == change.sent && change.phase == Phase::CheckingBreach =>
        {
            return checked(change, verdict)
        }
        Event::Sending(n) if n == change.sent && change.phase == Phase::WaitingForTokens => {
            change.phase = Phase::Sending
        }
        Event::Answered(n, attempt) if n == change.sent && change.phase.with_graph() => {
            return answered(change, attempt, settings)
        }
        Event::SignedOut(n, result) if n == change.sent && change.phase == Phase::SigningOut => {
            change.phase = Phase::Editing;
            if let Some(told) = &mut change.told {
                told.sign_out = Some(if result.done {
                    SignOutLine::Done
                } else {
                    SignOutLine::Failed
                });
            }
            return vec![Effect::Report(Report::SignedOut(result))];
        }
        // Anything else comes at the wrong time (a stray answer, typing into a locked field)
        // and changes nothing.
        _ => {}
    }
    Vec::new()
}

fn submit(change: &mut Change, settings: &Settings) -> Vec<Effect> {
    if change.phase != Phase::Editing {
        return Vec::new();
    }
    change.revealed = [false; 3];
    change.attempted = true;
    if !change.problems().is_empty() {
        change.focus(FocusTarget::Summary);
        return Vec::new();
    }
    change.told = None;
    change.signing_out = settings.offer_sign_out && change.sign_out;
    change.sent = change.sent.wrapping_add(1);
    if settings.breach_check {
        change.phase = Phase::CheckingBreach;
        let new = Secret(change.entry.new.clone());
        return vec![Effect::CheckBreach {
            n: change.sent,
            new,
        }];
    }
    send(change)
}

fn send(change: &mut Change) -> Vec<Effect> {
    change.phase = Phase::WaitingForTokens;
    vec![Effect::Send {
        n: change.sent,
        entry: change.entry.clone(),
        sign_out: change.signing_out,
    }]
}

/// A breached password is refused as a field problem (nothing was attempted, so the host is not
/// told); otherwise, found or not known, the change goes ahead.
fn checked(change: &mut Change, verdict: Verdict) -> Vec<Effect> {
    match verdict {
        Verdict::Found(count) => {
            change.phase = Phase::Editing;
            change.breached = Some(count);
            change.focus(FocusTarget::Summary);
            Vec::new()
        }
        Verdict::NotFound | Verdict::Unknown => send(change),
    }
}

fn answered(change: &mut Change, attempt: Attempt, settings: &Settings) -> Vec<Effect> {
    let outcome = &attempt.outcome;
    let after_uncertain = change.uncertain && matches!(outcome, Outcome::WrongCurrentPassword(_));
    if outcome.is_uncertain() {
        change.uncertain = true;
    } else if outcome.settles_uncertainty() {
        change.uncertain = false;
    }
    let mut effects = Vec::new();
    let mut sign_out = None;
    change.phase = Phase::Editing;
    match outcome {
        Outcome::Changed => {
            let requested = change.signing_out;
            *change = Change {
                focus: change.focus,
                sent: change.sent,
                ..Change::default()
            };
            change.focus(FocusTarget::Result);
            // The revoke is set going before the host hears of the 204: a host that unmounts the
            // form from its listener must not cancel what the user asked for.
            if requested {
                change.phase = Phase::SigningOut;
                sign_out = Some(SignOutLine::Pending);
                effects.push(Effect::Revoke(change.sent));
            }
            effects.push(Effect::Report(Report::Changed {
                client_request_id: attempt.client_request_id.clone(),
                sign_out: if requested {
                    SignOutEverywhere::Requested
                } else {
                    SignOutEverywhere::NotRequested
                },
            }));
        }
        Outcome::WrongCurrentPassword(_) => {
            // Graph's answer is the one to read; the emptied field is not an error of the
            // user's to summarise.
            change.entry.current.clear();
            change.attempted = false;
            change.focus(FocusTarget::Field(Field::Current));
        }
        _ => change.focus(FocusTarget::Result),
    }
    if let Some(failure) = Failure::of(&attempt) {
        effects.push(Effect::Report(Report::Failed(failure)));
    }
    change.told = Some(Told {
        attempt,
        timeout_ms: settings.timeout_ms,
        after_uncertain,
        sign_out,
    });
    effects
}

#[cfg(test)]
mod tests;
