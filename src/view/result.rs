//! What the user is told after a submit: success politely, failures assertively, in live
//! regions present from the start (so screen readers announce what is put in them). The
//! headline of each outcome, the sign-out everywhere line, a reset link after a wrong current
//! password, and Graph's details for the help desk.

use crate::change::{Change, Told};
use crate::graph::outcome::Outcome;
use crate::i18n::texts::{Isolate, Key, Part, Texts};
use crate::strings;
use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;

/// The two live regions and the last outcome in the one it belongs to.
#[component]
pub fn Results(
    /// The change, owned by the mount.
    change: ReadSignal<Change>,
    /// The interface's sentences.
    t: Arc<Texts>,
    /// Where "Forgot your password?" leads, if anywhere.
    reset_url: impl Fn() -> Option<String> + Copy + Send + Sync + 'static,
    /// Lets the form move focus to the result.
    result_ref: NodeRef<html::Div>,
) -> impl IntoView {
    // Nothing while the change is on its way; the sign-out line follows the 204's message.
    let told =
        Memo::new(move |_| change.with(|c| (!c.phase.sending()).then(|| c.told.clone()).flatten()));
    let ts = StoredValue::new(t);
    let region = move |success: bool| {
        move || {
            told.get()
                .filter(|told| (told.attempt.outcome == Outcome::Changed) == success)
                .map(|told| ts.with_value(|t| result(&told, t, reset_url(), result_ref)))
        }
    };
    view! {
        <div class="gcp__outcome">
            <div role="status">{region(true)}</div>
            <div role="alert">{region(false)}</div>
        </div>
    }
}

/// Parts with each value isolated by markup, so it neither reorders the line nor carries
/// invisible characters when copied: `<bdi dir="ltr">` for ids, `<bdi>` for Graph's message.
fn isolated(parts: Vec<Part>) -> impl IntoView {
    parts
        .into_iter()
        .map(|part| match part {
            Part::Text(text) => Either::Left(text),
            Part::Value(value, isolate) => {
                let dir = (isolate == Isolate::LeftToRight).then_some("ltr");
                Either::Right(view! { <bdi dir=dir>{value}</bdi> })
            }
        })
        .collect_view()
}

fn result(
    told: &Told,
    t: &Texts,
    reset_url: Option<String>,
    node: NodeRef<html::Div>,
) -> impl IntoView {
    let outcome = &told.attempt.outcome;
    let success = *outcome == Outcome::Changed;
    let message = outcome.headline(t, told.timeout_ms, told.after_uncertain);
    let sign_out = told.sign_out.map(|line| strings::sign_out_line(t, line));
    let details = strings::details(t, outcome, told.attempt.client_request_id.as_deref());
    let reset = matches!(outcome, Outcome::WrongCurrentPassword(_))
        .then_some(reset_url)
        .flatten()
        .map(|href| (href, t.get(Key::ResetLink).to_owned()));
    view! {
        <div class="gcp__result" class=("gcp__result--success", success)
            class=("gcp__result--error", !success) tabindex="-1" data-kind=outcome.kind() node_ref=node>
            <p class="gcp__result-message">{message}</p>
            {sign_out.map(|(text, warning)| view! {
                <p class="gcp__sign-out-result" class=("gcp__warning", warning)>{text}</p>
            })}
            {reset.map(|(href, text)| view! { <p class="gcp__reset"><a href=href>{text}</a></p> })}
            {details.map(|parts| view! { <p class="gcp__details">{isolated(parts)}</p> })}
        </div>
    }
}
