//! One password field: label, message, input, show/hide button and Caps Lock warning, wired
//! together with ids so screen readers hear each in the right place. It reads its text and
//! state from the change and sends what the user does; Caps Lock is its own, purely visual flag.

use super::live;
use crate::change::session::Dispatch;
use crate::change::Event;
use crate::i18n::texts::{Key, Texts};
use crate::policy::{Field, Secret};
use leptos::html;
use leptos::prelude::*;
use std::sync::Arc;
use web_sys::KeyboardEvent;

/// A labelled password input with its own show/hide toggle and messages.
#[component]
pub fn PasswordField(
    /// The input's id; the label, messages and error-summary links point at it.
    id: String,
    /// The interface's sentences.
    t: Arc<Texts>,
    /// Which field: its label and the show/hide button's names come from it.
    field: Field,
    /// `current-password` or `new-password`, for password managers.
    autocomplete: &'static str,
    /// The field's text, from the change.
    #[prop(into)]
    value: Signal<String>,
    /// The message to show with the field, if any.
    error: Signal<Option<String>>,
    /// Read-only while the change is on its way.
    #[prop(into)]
    readonly: Signal<bool>,
    /// Whether the password is shown as text; submitting hides all again.
    revealed: Signal<bool>,
    /// Where typing and the toggle go.
    dispatch: Dispatch,
    /// Lets the form move focus here (error summary links, wrong current password).
    input_ref: NodeRef<html::Input>,
    /// Ids of further descriptions, such as the requirement list.
    described_by: Option<String>,
) -> impl IntoView {
    let caps_lock = RwSignal::new(false);
    let (error_id, caps_id) = (format!("{id}-error"), format!("{id}-caps"));
    let describedby = {
        let (error_id, caps_id) = (error_id.clone(), caps_id.clone());
        live(move || {
            let mut ids = Vec::new();
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            if caps_lock.get() {
                ids.push(caps_id.clone());
            }
            ids.extend(described_by.clone());
            (!ids.is_empty()).then(|| ids.join(" "))
        })
    };
    let on_key = move |ev: KeyboardEvent| caps_lock.set(ev.get_modifier_state("CapsLock"));
    let (label, show_name, hide_name) = match field {
        Field::Current => (Key::LabelCurrent, Key::ShowCurrent, Key::HideCurrent),
        Field::New => (Key::LabelNew, Key::ShowNew, Key::HideNew),
        Field::Confirm => (Key::LabelConfirm, Key::ShowConfirm, Key::HideConfirm),
    };
    let text = |key| t.get(key).to_owned();
    let pick = |shown: String, hidden: String| {
        live(move || {
            if revealed.get() {
                hidden.clone()
            } else {
                shown.clone()
            }
        })
    };
    let toggle_name = pick(text(show_name), text(hide_name));
    let toggle_text = pick(text(Key::Show), text(Key::Hide));
    let caps_text = text(Key::CapsLock);
    view! {
        <label class="gcp__label" for=id.clone()>{text(label)}</label>
        <p class="gcp__error" id=error_id hidden=live(move || error.with(Option::is_none))>
            {live(move || error.get())}
        </p>
        <div class="gcp__input-row">
            // Passwords are ASCII: left to right even in a right-to-left form.
            <input class="gcp__input" id=id.clone() dir="ltr"
                type=live(move || if revealed.get() { "text" } else { "password" })
                autocomplete=autocomplete spellcheck="false" autocapitalize="none" aria-required="true"
                aria-invalid=live(move || error.with(Option::is_some).then_some("true"))
                aria-describedby=describedby readonly=live(move || readonly.get()) node_ref=input_ref
                prop:value=live(move || value.get())
                on:input=move |ev| dispatch.send(Event::Typed(field, Secret(event_target_value(&ev))))
                on:keydown=on_key on:keyup=on_key on:blur=move |_| caps_lock.set(false) />
            <button type="button" class="gcp__toggle" aria-controls=id aria-label=toggle_name
                on:click=move |_| dispatch.send(Event::Reveal(field))>
                {toggle_text}
            </button>
        </div>
        <p class="gcp__caps" id=caps_id aria-live="polite">
            {live(move || caps_lock.get().then(|| caps_text.clone()))}
        </p>
    }
}
