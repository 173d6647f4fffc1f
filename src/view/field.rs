//! One password field: label, input, show/hide button, Caps Lock warning and error message,
//! wired together with ids so screen readers hear each in the right place.

use leptos::html;
use leptos::prelude::*;
use web_sys::KeyboardEvent;

/// A labelled password input with its own show/hide toggle and messages.
#[component]
pub fn PasswordField(
    /// The input's id; the label, messages and error-summary links point at it.
    id: String,
    /// Visible label, also used in the show/hide button's accessible name.
    label: &'static str,
    /// `current-password` or `new-password`, for password managers.
    autocomplete: &'static str,
    /// The field's text.
    value: RwSignal<String>,
    /// The message to show under the field, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Read-only while a request is in flight.
    #[prop(into)]
    readonly: Signal<bool>,
    /// Whether the password is shown as text; the form hides all again on submit.
    revealed: RwSignal<bool>,
    /// Lets the form move focus here (error summary links, wrong current password).
    input_ref: NodeRef<html::Input>,
    /// Ids of further descriptions, such as the requirement list.
    #[prop(optional)]
    described_by: Option<String>,
    /// Extra content under the input, such as the requirement list.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let caps_lock = RwSignal::new(false);
    let error_id = format!("{id}-error");
    let caps_id = format!("{id}-caps");
    let describedby = {
        let (error_id, caps_id) = (error_id.clone(), caps_id.clone());
        move || {
            let mut ids = Vec::new();
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            if caps_lock.get() {
                ids.push(caps_id.clone());
            }
            ids.extend(described_by.clone());
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let on_key = move |ev: KeyboardEvent| caps_lock.set(ev.get_modifier_state("CapsLock"));
    let toggle_name = move || {
        format!(
            "{} {}",
            if revealed.get() { "Hide" } else { "Show" },
            label.to_ascii_lowercase()
        )
    };

    view! {
        <div class="gcp__field" class=("gcp__field--error", move || error.with(Option::is_some))>
            <label class="gcp__label" for=id.clone()>{label}</label>
            <p class="gcp__error" id=error_id.clone() hidden=move || error.with(Option::is_none)>
                {move || error.get()}
            </p>
            <div class="gcp__input-row">
                <input
                    class="gcp__input"
                    id=id.clone()
                    type=move || if revealed.get() { "text" } else { "password" }
                    autocomplete=autocomplete
                    spellcheck="false"
                    autocapitalize="none"
                    aria-required="true"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=describedby
                    readonly=move || readonly.get()
                    node_ref=input_ref
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    on:keydown=on_key
                    on:keyup=on_key
                    on:blur=move |_| caps_lock.set(false)
                />
                <button
                    type="button"
                    class="gcp__toggle"
                    aria-controls=id.clone()
                    aria-label=toggle_name
                    on:click=move |_| revealed.update(|r| *r = !*r)
                >
                    {move || if revealed.get() { "Hide" } else { "Show" }}
                </button>
            </div>
            <p class="gcp__caps" id=caps_id aria-live="polite">
                {move || caps_lock.get().then_some("Caps Lock is on.")}
            </p>
            {children.map(|c| c())}
        </div>
    }
}
