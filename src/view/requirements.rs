//! The live requirement list under the new password: one row per policy rule plus "different
//! from the current password", each with a visible mark (hidden from screen readers) and a
//! spoken state; a strength meter; and a polite announcement once typing pauses, so screen
//! readers are not told every keystroke. The announcement's debounce is its own, view-only state.

use super::live;
use crate::i18n::texts::{Key, Texts};
use crate::policy::Policy;
use crate::strength::{strength, Strength};
use crate::strings;
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// How long typing must pause before the list's state is announced.
const ANNOUNCE_AFTER: Duration = Duration::from_millis(900);

/// Requirement rows, strength meter and the debounced live region, for the new password.
#[component]
pub fn Requirements(
    /// Id of the list's container; the new-password input points at it with aria-describedby.
    id: String,
    /// The interface's sentences.
    t: Arc<Texts>,
    /// The new password as typed.
    #[prop(into)]
    new: Signal<String>,
    /// The current password as typed, for the "different" row.
    #[prop(into)]
    current: Signal<String>,
) -> impl IntoView {
    let policy = Policy::default();
    let labels: Vec<String> = policy
        .check("")
        .iter()
        .map(|c| strings::rule_label(&t, &c.rule))
        .chain(std::iter::once(t.get(Key::RuleDifferent).to_owned()))
        .collect();
    // One memo for every row's state and the strength: a keystroke that changes neither
    // re-renders nothing. Nothing counts as met while the field is empty: a tick there is noise.
    let state = Memo::new(move |_| {
        new.with(|n| {
            let filled = !n.is_empty();
            let mut met: Vec<bool> = policy.check(n).iter().map(|c| filled && c.met()).collect();
            met.push(filled && current.with(|c| n != c));
            (filled.then(|| strength(n)), met)
        })
    });
    let met = move |i: usize| state.with(|(_, m)| m[i]);
    let announcement = announce(new, state, labels.clone(), t.clone());
    let (met_text, not_met_text) = (t.get(Key::Met).to_owned(), t.get(Key::NotMet).to_owned());
    let rows = labels
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            let (met_text, not_met_text) = (met_text.clone(), not_met_text.clone());
            view! {
                <li class="gcp__rule" class=("gcp__rule--met", live(move || met(i)))>
                    <span class="gcp__rule-mark" aria-hidden="true">
                        {live(move || if met(i) { "✓" } else { "○" })}
                    </span>
                    <span class="gcp__rule-text">{label}</span>
                    <span class="gcp__rule-state" style:position="absolute" style:width="1px"
                        style:height="1px" style:overflow="hidden" style:clip-path="inset(50%)"
                        style:white-space="nowrap">
                        {live(move || if met(i) { met_text.clone() } else { not_met_text.clone() })}
                    </span>
                </li>
            }
        })
        .collect_view();
    let list_id = id.clone();
    view! {
        <div class="gcp__rules" id=list_id>
            <p class="gcp__rules-title">{t.get(Key::RequirementsTitle).to_owned()}</p>
            <ul class="gcp__rules-list">{rows}</ul>
            {meter(id, t, state)}
            // Words for screen readers only: no visible box, yet in the accessibility tree, with
            // or without the stylesheet (set through the CSSOM, which `style-src 'self'` allows),
            // as is each rule's state above.
            <span class="gcp__announcement" aria-live="polite" style:position="absolute" style:width="1px" style:height="1px"
                style:overflow="hidden" style:clip-path="inset(50%)" style:white-space="nowrap">
                {live(move || announcement.get())}
            </span>
        </div>
    }
}

/// The strength meter with its text, shown once something is typed.
fn meter(id: String, t: Arc<Texts>, state: Memo<(Option<Strength>, Vec<bool>)>) -> impl IntoView {
    let score = move || state.with(|(s, _)| s.unwrap_or(Strength::VeryWeak));
    let strength_id = format!("{id}-strength");
    view! {
        <div class="gcp__strength" hidden=live(move || state.with(|(s, _)| s.is_none()))>
            <span id=strength_id.clone()>{t.get(Key::Strength).to_owned()}</span>
            <meter class="gcp__meter" min="0" max="4" low="2" high="3" optimum="4"
                aria-labelledby=format!("{strength_id} {strength_id}-text")
                value=live(move || score().score().to_string())></meter>
            <span class="gcp__strength-text" id=format!("{strength_id}-text")
                data-strength=live(move || score().score().to_string())>
                {live(move || strings::strength_label(&t, score()).to_owned())}
            </span>
        </div>
    }
}

/// What the polite live region says, once typing has paused for [`ANNOUNCE_AFTER`].
fn announce(
    new: Signal<String>,
    state: Memo<(Option<Strength>, Vec<bool>)>,
    labels: Vec<String>,
    t: Arc<Texts>,
) -> RwSignal<String> {
    let announcement = RwSignal::new(String::new());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let say = move || {
        let text = state.with_untracked(|(strength, met)| match strength {
            None => String::new(),
            Some(s) => {
                let rows: Vec<(String, bool)> = labels.iter().cloned().zip(met.clone()).collect();
                strings::requirements_announcement(&t, &rows, *s)
            }
        });
        announcement.try_set(text);
    };
    Effect::watch(
        move || new.track(),
        move |_, _, _| {
            if let Some(handle) = timer.get_value() {
                handle.clear();
            }
            timer.set_value(set_timeout_with_handle(say.clone(), ANNOUNCE_AFTER).ok());
        },
        false,
    );
    on_cleanup(move || {
        if let Some(handle) = timer.try_get_value().flatten() {
            handle.clear();
        }
    });
    announcement
}
