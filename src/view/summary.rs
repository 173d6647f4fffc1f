//! The error summary: shown after a submit the checks stopped, focused, one link per field
//! problem that moves focus to its field (GOV.UK's pattern).

use super::form::Refs;
use super::live;
use crate::i18n::texts::{Key, Texts};
use crate::policy::{Field, FieldProblems};
use crate::strings;
use leptos::prelude::*;
use std::sync::Arc;

/// The summary of what stops the submit.
#[component]
pub fn Summary(
    /// The summary's id; its title gets `{id}-title`.
    id: String,
    /// The interface's sentences.
    t: Arc<Texts>,
    /// The client-side problems, once a submit was tried.
    problems: Memo<Option<FieldProblems>>,
    /// Where the links move focus, and where the form focuses the summary.
    refs: Refs,
    /// The form's number, for the fields' ids.
    n: usize,
) -> impl IntoView {
    let (title_id, labelled_by) = (format!("{id}-title"), format!("{id}-title"));
    let title = t.get(Key::SummaryTitle).to_owned();
    let shown = move || problems.with(|p| p.as_ref().is_some_and(|p| !p.is_empty()));
    let entries = move || {
        let found: Vec<(Field, String)> = problems.with(|p| {
            let Some(p) = p else { return Vec::new() };
            Field::ALL
                .iter()
                .filter_map(|f| {
                    p.of(*f)
                        .map(|problem| (*f, strings::field_problem(&t, *f, problem)))
                })
                .collect()
        });
        found
            .into_iter()
            .map(|(field, message)| {
                let href = format!("#gcp{n}-{}", field.name());
                view! {
                    <li>
                        <a href=href on:click=move |ev| {
                            ev.prevent_default();
                            if let Some(input) = refs.fields[field as usize].get_untracked() {
                                let _ = input.focus();
                            }
                        }>{message}</a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="gcp__summary" role="alert" tabindex="-1" aria-labelledby=labelled_by
            node_ref=refs.summary hidden=live(move || !shown())>
            <h2 class="gcp__summary-title" id=title_id>{title}</h2>
            <ul class="gcp__summary-list">{entries}</ul>
        </div>
    }
}
