//! The live requirement list under the new password: one row per policy rule plus "different
//! from the current password", each with a visible and a spoken state; a strength meter; and
//! a polite announcement once typing pauses, so screen readers are not told every keystroke.

use crate::i18n::texts::{Key, Texts};
use crate::policy::Policy;
use crate::strength::strength;
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
    /// The policy whose rules are listed.
    policy: Policy,
    /// The interface's sentences.
    t: Arc<Texts>,
    /// The new password as typed.
    #[prop(into)]
    new: Signal<String>,
    /// The current password as typed, for the "different" row.
    #[prop(into)]
    current: Signal<String>,
) -> impl IntoView {
    let labels: Vec<String> = policy
        .check("")
        .iter()
        .map(|c| strings::rule_label(&t, &c.rule))
        .chain(std::iter::once(t.get(Key::RuleDifferent).to_owned()))
        .collect();
    // One memo for every row's state: a keystroke that changes no state re-renders nothing.
    // Nothing counts as met while the field is empty: a tick there would be noise.
    let states = Memo::new({
        let policy = policy.clone();
        move |_| {
            new.with(|n| {
                let filled = !n.is_empty();
                let mut states: Vec<bool> =
                    policy.check(n).iter().map(|c| filled && c.met()).collect();
                states.push(filled && current.with(|c| n != c));
                states
            })
        }
    });
    let met = move |i: usize| states.with(|s| s[i]);
    let empty = Memo::new(move |_| new.with(String::is_empty));
    let score = Memo::new(move |_| new.with(|n| strength(n)));

    let announcement = RwSignal::new(String::new());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::watch(
        move || new.track(),
        {
            let (labels, t) = (labels.clone(), t.clone());
            move |_, _, _| {
                if let Some(handle) = timer.get_value() {
                    handle.clear();
                }
                let (labels, t) = (labels.clone(), t.clone());
                let handle = set_timeout_with_handle(
                    move || {
                        let text = if empty.get_untracked() {
                            String::new()
                        } else {
                            let rows: Vec<(String, bool)> = labels
                                .iter()
                                .enumerate()
                                .map(|(i, l)| (l.clone(), untrack(|| met(i))))
                                .collect();
                            strings::requirements_announcement(&t, &rows, score.get_untracked())
                        };
                        announcement.try_set(text);
                    },
                    ANNOUNCE_AFTER,
                )
                .ok();
                timer.set_value(handle);
            }
        },
        false,
    );
    on_cleanup(move || {
        if let Some(handle) = timer.try_get_value().flatten() {
            handle.clear();
        }
    });

    let strength_id = format!("{id}-strength");
    let (met_text, not_met_text) = (t.get(Key::Met).to_owned(), t.get(Key::NotMet).to_owned());
    let rows = labels
        .into_iter()
        .enumerate()
        .map(|(i, label)| {
            let (met_text, not_met_text) = (met_text.clone(), not_met_text.clone());
            view! {
                <li class="gcp__rule" class=("gcp__rule--met", move || met(i))>
                    <span class="gcp__rule-text">{label}</span>
                    <span class="gcp__visually-hidden">
                        {move || if met(i) { met_text.clone() } else { not_met_text.clone() }}
                    </span>
                </li>
            }
        })
        .collect_view();

    view! {
        <div class="gcp__rules" id=id>
            <p class="gcp__rules-title">{t.get(Key::RequirementsTitle).to_owned()}</p>
            <ul class="gcp__rules-list">{rows}</ul>
            <div class="gcp__strength" hidden=move || empty.get()>
                <span id=strength_id.clone()>{t.get(Key::Strength).to_owned()}</span>
                <meter class="gcp__meter" min="0" max="4" low="2" high="3" optimum="4"
                    aria-labelledby=format!("{strength_id} {strength_id}-text")
                    value=move || score.get().score()></meter>
                <span class="gcp__strength-text" id=format!("{strength_id}-text")
                    data-strength=move || score.get().score()>
                    {move || strings::strength_label(&t, score.get()).to_owned()}
                </span>
            </div>
            <p class="gcp__visually-hidden" aria-live="polite">{move || announcement.get()}</p>
        </div>
    }
}
