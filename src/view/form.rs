//! The change-password form. It reads the change and sends events; it keeps no state of its own
//! beyond DOM refs and its parts' purely visual flags (Caps Lock, the announcement's debounce),
//! so a re-render (a new locale) loses nothing.

use super::field::PasswordField;
use super::live;
use super::requirements::Requirements;
use super::result::Results;
use super::summary::Summary;
use crate::change::session::Dispatch;
use crate::change::{Change, Event, FocusTarget, Phase};
use crate::config::{Config, ConfigError};
use crate::i18n::texts::{Key, Texts};
use crate::policy::{Field, FieldProblems};
use crate::strings;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use web_sys::HtmlElement;

/// Gives every rendered form its own ids, so two on one page never share a `<label for>`.
static INSTANCES: AtomicUsize = AtomicUsize::new(0);

/// The elements focus moves to.
#[derive(Clone, Copy, Default)]
pub struct Refs {
    pub fields: [NodeRef<html::Input>; 3],
    pub summary: NodeRef<html::Div>,
    pub result: NodeRef<html::Div>,
}

/// What the form reads of the options (the form is shown only while they are good).
fn option<T: 'static>(
    config: Signal<Result<Config, ConfigError>>,
    read: impl Fn(&Config) -> Option<T> + 'static,
) -> impl Fn() -> Option<T> + Copy + 'static {
    let read = StoredValue::new_local(read);
    move || config.with(|c| c.as_ref().ok().and_then(|c| read.with_value(|r| r(c))))
}

/// What the form's parts read and where they send; all `Copy`.
#[derive(Clone, Copy)]
struct Parts {
    config: Signal<Result<Config, ConfigError>>,
    change: ReadSignal<Change>,
    dispatch: Dispatch,
    refs: Refs,
    /// The change is on its way: fields read-only, the button busy.
    sending: Memo<bool>,
    /// The client-side problems, once a submit was tried.
    problems: Memo<Option<FieldProblems>>,
    /// This form's number, for its ids.
    n: usize,
}

impl Parts {
    fn id(self, part: &str) -> String {
        format!("gcp{}-{part}", self.n)
    }
}

/// The form a host page mounts: current, new and confirmed password, checked as the user
/// types, sent to Graph once valid.
#[component]
pub fn ChangePasswordForm(
    /// Checked options, read as they change, so a change never loses what was typed.
    config: Signal<Result<Config, ConfigError>>,
    /// The change, owned by the mount.
    change: ReadSignal<Change>,
    /// Where the user's actions go.
    dispatch: Dispatch,
    /// The interface's sentences, in the chosen locale.
    t: Arc<Texts>,
) -> impl IntoView {
    let parts = Parts {
        config,
        change,
        dispatch,
        refs: Refs::default(),
        sending: Memo::new(move |_| change.with(|c| c.phase.sending())),
        problems: Memo::new(move |_| change.with(|c| c.attempted.then(|| c.problems()))),
        n: INSTANCES.fetch_add(1, Ordering::Relaxed) + 1,
    };
    let form_ref = NodeRef::<html::Form>::new();
    follow_focus(change, parts.refs);
    carry_styles(config, form_ref);
    let idle = Memo::new(move |_| change.with(|c| c.phase == Phase::Editing));
    let sending = parts.sending;
    let (lang, dir) = (t.locale.tag(), t.locale.is_rtl().then_some("rtl"));
    let submit_text = t.get(Key::Submit).to_owned();
    let submitting_text = t.get(Key::Submitting).to_owned();
    let form_label = submit_text.clone();
    let reset_url = option(config, |c| c.reset_password_url.clone());
    view! {
        // POST and no named password inputs: should the submit handler ever not run (or a host
        // call `form.submit()`), the browser's own submission carries no password.
        <form class="gcp" method="post" novalidate aria-label=form_label lang=lang dir=dir
            node_ref=form_ref
            on:submit=move |ev: SubmitEvent| {
                ev.prevent_default();
                dispatch.send(Event::Submit);
            }>
            <Summary id=parts.id("summary") t=t.clone() problems=parts.problems refs=parts.refs n=parts.n />
            {fields(parts, &t)}
            {sign_out_box(parts, &t)}
            <button class="gcp__submit" type="submit" disabled=live(move || !idle.get())
                aria-busy=live(move || sending.get().then_some("true"))>
                {live(move || if sending.get() { submitting_text.clone() } else { submit_text.clone() })}
            </button>
            <Results change=change t=t reset_url=reset_url result_ref=parts.refs.result />
        </form>
    }
}

/// The hidden username for password managers, and the three password fields.
fn fields(p: Parts, t: &Arc<Texts>) -> impl IntoView {
    let text = |f: Field| Memo::new(move |_| p.change.with(|c| c.entry.text(f).to_owned()));
    let (current, new) = (text(Field::Current), text(Field::New));
    let username = option(p.config, |c| c.user_principal_name.clone());
    let reset_url = option(p.config, |c| c.reset_password_url.clone());
    let username_text = t.get(Key::Username).to_owned();
    let reset_text = t.get(Key::ResetLink).to_owned();
    let ts = StoredValue::new(t.clone());
    let field = move |f: Field, autocomplete: &'static str, described_by: Option<String>| {
        let error = Signal::derive(move || message(p.problems, f, ts));
        let input = view! {
            <PasswordField id=p.id(f.name()) t=ts.get_value() field=f autocomplete=autocomplete
                value=text(f) readonly=p.sending error=error
                revealed=Signal::derive(move || p.change.with(|c| c.revealed[f as usize]))
                dispatch=p.dispatch input_ref=p.refs.fields[f as usize] described_by=described_by />
        };
        (error, input)
    };
    let (current_error, current_input) = field(Field::Current, "current-password", None);
    let (new_error, new_input) = field(Field::New, "new-password", Some(p.id("rules")));
    let (confirm_error, confirm_input) = field(Field::Confirm, "new-password", None);
    view! {
        // Hidden, yet read by password managers, which file the new password under it.
        {move || username().map(|upn| view! {
            <input class="gcp__username" type="text" name="username" autocomplete="username"
                aria-label=username_text.clone() value=upn readonly hidden />
        })}
        {group(current_error, current_input, move || reset_url().map(|href| view! {
            <p class="gcp__reset"><a href=href>{reset_text.clone()}</a></p>
        }))}
        {group(new_error, new_input, view! {
            <Requirements id=p.id("rules") t=t.clone() new=new current=current />
        })}
        {group(confirm_error, confirm_input, ())}
    }
}

/// A field with what goes under it, marked when it has a message.
fn group(
    error: Signal<Option<String>>,
    input: impl IntoView,
    under: impl IntoView,
) -> impl IntoView {
    view! {
        <div class="gcp__field" class=("gcp__field--error", live(move || error.with(Option::is_some)))>
            {input}
            {under}
        </div>
    }
}

/// A field's message, once the user has tried to submit.
fn message(
    problems: Memo<Option<FieldProblems>>,
    field: Field,
    t: StoredValue<Arc<Texts>>,
) -> Option<String> {
    problems.with(|p| {
        let problem = p.as_ref()?.of(field)?;
        Some(t.with_value(|t| strings::field_problem(t, field, problem)))
    })
}

/// "Also sign me out everywhere", when the host offers it.
fn sign_out_box(p: Parts, t: &Texts) -> impl IntoView {
    let offered = option(p.config, |c| c.offer_sign_out_everywhere.then_some(()));
    let label = t.get(Key::SignOutLabel).to_owned();
    let hint = t.get(Key::SignOutHint).to_owned();
    let (id, hint_id) = (p.id("sign-out"), p.id("sign-out-hint"));
    move || {
        offered().map(|()| view! {
            <div class="gcp__check">
                <input class="gcp__checkbox" type="checkbox" id=id.clone() aria-describedby=hint_id.clone()
                    prop:checked=live(move || p.change.with(|c| c.sign_out))
                    on:change=move |ev| p.dispatch.send(Event::SignOutTicked(event_target_checked(&ev)))
                    disabled=live(move || p.sending.get()) />
                <label class="gcp__check-label" for=id.clone()>{label.clone()}</label>
                <p class="gcp__hint" id=hint_id.clone()>{hint.clone()}</p>
            </div>
        })
    }
}

/// Moves focus where the change asks, once the DOM has caught up with it.
fn follow_focus(change: ReadSignal<Change>, refs: Refs) {
    // A memo: only a new request moves focus, not every keystroke.
    let focus = Memo::new(move |_| change.with(|c| c.focus));
    Effect::watch(
        move || focus.get(),
        move |focus, _, _| {
            let Some(focus) = *focus else { return };
            request_animation_frame(move || {
                let element: Option<HtmlElement> = match focus.target {
                    FocusTarget::Summary => {
                        refs.summary.try_get_untracked().flatten().map(Into::into)
                    }
                    FocusTarget::Result => {
                        refs.result.try_get_untracked().flatten().map(Into::into)
                    }
                    FocusTarget::Field(f) => refs.fields[f as usize]
                        .try_get_untracked()
                        .flatten()
                        .map(Into::into),
                };
                if let Some(element) = element {
                    let _ = element.focus();
                }
            });
        },
        false,
    );
}

/// Attaches the form's own stylesheet to the document or shadow root it renders in, unless the
/// host said `unstyled`.
fn carry_styles(config: Signal<Result<Config, ConfigError>>, form: NodeRef<html::Form>) {
    let unstyled = option(config, |c| Some(c.unstyled));
    Effect::new(move |_| {
        if let (Some(form), Some(false)) = (form.get(), unstyled()) {
            crate::style::attach(&form);
        }
    });
}
