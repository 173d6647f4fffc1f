//! The change-password form: signals for what is typed, the policy checks derived from them,
//! one submit task for the Graph call, and the rendering of every outcome.

use super::field::PasswordField;
use super::requirements::Requirements;
use crate::config::{Config, ConfigError};
use crate::graph::client;
use crate::graph::deadline::Lifetime;
use crate::graph::outcome::{Attempt, Outcome};
use crate::i18n::texts::{Key, Texts};
use crate::policy::{Entry, Field, Policy};
use crate::strings;
use crate::token::GetToken;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use web_sys::HtmlElement;

/// Where the form reports each finished submit (the doors turn it into callbacks or events).
pub type Report = Rc<dyn Fn(&Attempt)>;

/// Gives every mounted form its own ids, so two on one page never share a `<label for>`.
static INSTANCES: AtomicUsize = AtomicUsize::new(0);

/// Focuses an element once the DOM has caught up with the signals just set.
fn focus_soon(target: impl FnOnce() -> Option<HtmlElement> + 'static) {
    request_animation_frame(move || {
        if let Some(el) = target() {
            let _ = el.focus();
        }
    });
}

/// The form a host page mounts: current, new and confirmed password, checked as the user
/// types, sent to Graph once valid.
#[component]
pub fn ChangePasswordForm(
    /// Checked options, read when a submit starts (the form is shown only while they are good),
    /// so a change never loses what was typed.
    config: Signal<Result<Config, ConfigError>>,
    /// The host's token source, asked afresh for every request.
    get_token: GetToken,
    /// Told of every finished submit, unless the form went away first.
    report: Report,
    /// The interface's sentences, in the chosen locale.
    t: Arc<Texts>,
    /// Ends when the host unmounts the form: aborts what is in flight and silences its outcome.
    /// A re-render (a new locale) keeps it, so a request in flight still finishes and is told.
    lifetime: Lifetime,
) -> impl IntoView {
    // A Copy handle on the texts, for the closures below.
    let ts = StoredValue::new(t.clone());
    let n = INSTANCES.fetch_add(1, Ordering::Relaxed) + 1;
    let id = move |part: &str| format!("gcp{n}-{part}");
    let policy = Policy::default();
    let username =
        move || config.with(|c| c.as_ref().ok().and_then(|c| c.user_principal_name.clone()));

    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let revealed = [
        RwSignal::new(false),
        RwSignal::new(false),
        RwSignal::new(false),
    ];
    let refs: [NodeRef<html::Input>; 3] = [NodeRef::new(), NodeRef::new(), NodeRef::new()];
    let summary_ref = NodeRef::<html::Div>::new();
    let result_ref = NodeRef::<html::Div>::new();

    let entry = move || Entry {
        current: current.get(),
        new: new.get(),
        confirm: confirm.get(),
    };
    let problems = Memo::new({
        let policy = policy.clone();
        move |_| entry().problems(&policy)
    });

    let pending = RwSignal::new(false);
    let sign_out_everywhere = RwSignal::new(false);
    let reset_url =
        move || config.with(|c| c.as_ref().ok().and_then(|c| c.reset_password_url.clone()));
    let offer_sign_out =
        move || config.with(|c| c.as_ref().is_ok_and(|c| c.offer_sign_out_everywhere));
    // The last outcome, with the timeout it ran under (the timeout message names it).
    let last = RwSignal::new(None::<(Attempt, u32)>);
    let send = move |entry: Entry| {
        let Ok(config) = config.get_untracked() else {
            return;
        };
        let (get_token, report, lifetime) = (get_token.clone(), report.clone(), lifetime.clone());
        let sign_out = config.offer_sign_out_everywhere && sign_out_everywhere.get_untracked();
        pending.set(true);
        leptos::task::spawn_local(async move {
            let attempt = client::change_password(
                &config,
                &get_token,
                &lifetime,
                &entry.current,
                &entry.new,
                sign_out,
            )
            .await;
            drop(entry);
            // The form went away while waiting: nothing to show, nobody to tell.
            let Some(attempt) = attempt.filter(|_| !lifetime.ended()) else {
                return;
            };
            match attempt.outcome {
                Outcome::Changed => {
                    for field in [current, new, confirm] {
                        field.try_set(String::new());
                    }
                    sign_out_everywhere.try_set(false);
                    attempted.try_set(false);
                    focus_soon(move || result_ref.try_get_untracked().flatten().map(Into::into));
                }
                Outcome::WrongCurrentPassword(_) => {
                    // The server's message is the one to read; the emptied field is not an
                    // error of the user's to summarise.
                    current.try_set(String::new());
                    attempted.try_set(false);
                    focus_soon(move || refs[0].try_get_untracked().flatten().map(Into::into));
                }
                _ => focus_soon(move || result_ref.try_get_untracked().flatten().map(Into::into)),
            }
            last.try_set(Some((attempt.clone(), config.timeout_ms)));
            pending.try_set(false);
            report(&attempt);
        });
    };
    let shown = move || (!pending.get()).then(|| last.get()).flatten();

    let result = move |success: bool| {
        shown()
            .filter(|(attempt, _): &(Attempt, u32)| {
                (attempt.outcome == Outcome::Changed) == success
            })
            .map(|(attempt, timeout_ms)| {
                let (message, sign_out, details, reset_text) = ts.with_value(|t| {
                    (
                        strings::outcome_message(t, &attempt.outcome, timeout_ms),
                        strings::sign_out_result(t, attempt.sign_out),
                        strings::details_line(
                            t,
                            &attempt.outcome,
                            attempt.client_request_id.as_deref(),
                        ),
                        t.get(Key::ResetLink).to_owned(),
                    )
                });
                let reset = matches!(attempt.outcome, Outcome::WrongCurrentPassword(_))
                    .then(reset_url)
                    .flatten();
                view! {
                    <div
                        class="gcp__result"
                        class=("gcp__result--success", success)
                        class=("gcp__result--error", !success)
                        tabindex="-1"
                        data-kind=attempt.outcome.kind()
                        node_ref=result_ref
                    >
                        <p class="gcp__result-message">{message}</p>
                        {sign_out.map(|(text, warning)| view! {
                            <p class="gcp__sign-out-result" class=("gcp__warning", warning)>{text}</p>
                        })}
                        {reset.map(|href| view! {
                            <p class="gcp__reset"><a href=href>{reset_text}</a></p>
                        })}
                        {details.map(|d| view! { <p class="gcp__details">{d}</p> })}
                    </div>
                }
            })
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        for r in revealed {
            r.set(false);
        }
        attempted.set(true);
        if problems.get_untracked().is_empty() {
            let entry = Entry {
                current: current.get_untracked(),
                new: new.get_untracked(),
                confirm: confirm.get_untracked(),
            };
            send(entry);
        } else {
            focus_soon(move || summary_ref.get_untracked().map(Into::into));
        }
    };

    let ids = [id("current"), id("new"), id("confirm")];
    let problem = move |i: usize| problems.with(|p| p.of(Field::ALL[i]).cloned());
    // A field's message, once the user has tried to submit.
    let error_text = move |i: usize| {
        attempted
            .get()
            .then(|| problem(i))
            .flatten()
            .map(|p| ts.with_value(|t| strings::field_problem(t, Field::ALL[i], &p)))
    };
    let error = move |i: usize| Signal::derive(move || error_text(i));
    let summary_entries = {
        let ids = ids.clone();
        move || {
            (0..3)
                .filter_map(|i| error_text(i).map(|message| (i, message)))
                .map(|(i, message)| {
                    let href = format!("#{}", ids[i]);
                    view! {
                        <li>
                            <a href=href on:click=move |ev| {
                                ev.prevent_default();
                                if let Some(input) = refs[i].get_untracked() {
                                    let _ = input.focus();
                                }
                            }>{message}</a>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let show_summary = move || attempted.get() && !problems.with(|p| p.is_empty());

    let rules_id = id("rules");
    let text = |key| t.get(key).to_owned();
    let (submit_text, submitting_text) = (text(Key::Submit), text(Key::Submitting));
    let (username_text, reset_text) = (text(Key::Username), text(Key::ResetLink));
    let (sign_out_label, sign_out_hint) = (text(Key::SignOutLabel), text(Key::SignOutHint));
    let form_label = text(Key::Submit);
    let summary_title = text(Key::SummaryTitle);
    let (lang, dir) = (t.locale.tag(), t.locale.is_rtl().then_some("rtl"));
    let (t_current, t_new, t_rules, t_confirm) = (t.clone(), t.clone(), t.clone(), t);

    view! {
        // POST and no named password inputs: should the submit handler ever not run (or a host
        // call `form.submit()`), the browser's own submission carries no password.
        <form class="gcp" method="post" novalidate aria-label=form_label on:submit=on_submit
            lang=lang dir=dir>
            <div
                class="gcp__summary"
                role="alert"
                tabindex="-1"
                aria-labelledby=id("summary-title")
                node_ref=summary_ref
                hidden=move || !show_summary()
            >
                <h2 class="gcp__summary-title" id=id("summary-title")>{summary_title}</h2>
                <ul class="gcp__summary-list">{summary_entries}</ul>
            </div>
            {move || username().map(|upn| view! {
                // Visually hidden and out of the tab order and the accessibility tree, yet rendered,
                // so password managers file the new password under this account.
                <input class="gcp__visually-hidden" type="text" name="username" autocomplete="username"
                    aria-label=username_text.clone() value=upn readonly tabindex="-1" aria-hidden="true" />
            })}
            <PasswordField id=ids[0].clone() t=t_current field=Field::Current autocomplete="current-password"
                value=current error=error(0) readonly=pending revealed=revealed[0] input_ref=refs[0]>
                {move || reset_url().map(|href| view! {
                    <p class="gcp__reset"><a href=href>{reset_text.clone()}</a></p>
                })}
            </PasswordField>
            <PasswordField id=ids[1].clone() t=t_new field=Field::New autocomplete="new-password"
                value=new error=error(1) readonly=pending revealed=revealed[1] input_ref=refs[1]
                described_by=rules_id.clone()>
                <Requirements id=rules_id.clone() policy=policy.clone() t=t_rules new=new current=current />
            </PasswordField>
            <PasswordField id=ids[2].clone() t=t_confirm field=Field::Confirm autocomplete="new-password"
                value=confirm error=error(2) readonly=pending revealed=revealed[2] input_ref=refs[2] />
            {move || offer_sign_out().then(|| view! {
                <div class="gcp__check">
                    <input class="gcp__checkbox" type="checkbox" id=id("sign-out")
                        aria-describedby=id("sign-out-hint")
                        prop:checked=move || sign_out_everywhere.get()
                        on:change=move |ev| sign_out_everywhere.set(event_target_checked(&ev))
                        disabled=move || pending.get() />
                    <label class="gcp__check-label" for=id("sign-out")>{sign_out_label.clone()}</label>
                    <p class="gcp__hint" id=id("sign-out-hint")>{sign_out_hint.clone()}</p>
                </div>
            })}
            <button class="gcp__submit" type="submit" disabled=move || pending.get()
                aria-busy=move || pending.get().then_some("true")>
                {move || if pending.get() { submitting_text.clone() } else { submit_text.clone() }}
            </button>
            // Live regions exist from the start, so screen readers announce what is put in them:
            // success politely, failures assertively.
            <div class="gcp__outcome">
                <div role="status">{move || result(true)}</div>
                <div role="alert">{move || result(false)}</div>
            </div>
        </form>
    }
}
