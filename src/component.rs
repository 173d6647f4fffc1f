//! `<ChangePassword/>`: the one room every door leads to. A Leptos app writes it directly;
//! `mount` and `<graph-change-password>` (the `js` feature) render it with their options.

use crate::config::{Config, ConfigError, Door, Options};
use crate::graph::outcome::{Attempt, FailureKind, SignOutEverywhere};
use crate::i18n::texts::{Key, Texts};
use crate::i18n::Locale;
use crate::token::GetToken;
#[cfg(target_arch = "wasm32")]
use crate::view::form::ChangePasswordForm;
use crate::view::form::Report;
use leptos::either::Either;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;

/// What `on_changed` receives: the password was changed (Graph answered 204).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changed {
    /// The `client-request-id` the change was sent with.
    pub client_request_id: Option<String>,
    /// Whether the user's sessions were ended afterwards, as they asked.
    pub sign_out_everywhere: SignOutEverywhere,
}

/// What `on_failed` receives: why, and what support traces it by. Never a password or token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub kind: FailureKind,
    /// The HTTP status the browser reported; `None` when there was none (nothing sent, no
    /// answer, an opaque redirect).
    pub status: Option<u16>,
    /// Graph's `request-id`, when Graph answered with one.
    pub request_id: Option<String>,
    pub client_request_id: Option<String>,
}

impl Failure {
    /// `None` for a success.
    pub fn of(attempt: &Attempt) -> Option<Self> {
        let outcome = &attempt.outcome;
        Some(Self {
            kind: outcome.failure_kind()?,
            status: outcome.status(),
            request_id: outcome.details().and_then(|d| d.request_id.clone()),
            client_request_id: attempt.client_request_id.clone(),
        })
    }
}

/// A form that changes the signed-in user's password through Microsoft Graph.
///
/// ```ignore
/// <ChangePassword
///     get_token=|request: TokenRequest| async move { my_auth::graph_token(request).await }
///     on_changed=move |_| set_done.set(true)
/// />
/// ```
#[component]
pub fn ChangePassword(
    /// The access token for Graph, asked afresh for every request with a [`crate::TokenRequest`]
    /// (`reason`, `force_refresh`, `claims`); any `Err` means "sign in again".
    #[prop(into)]
    get_token: GetToken,
    /// Graph's base URL; default `https://graph.microsoft.com/v1.0`.
    #[prop(into, optional)]
    base_url: MaybeProp<String>,
    /// The signed-in user's UPN, so password managers file the new password under it.
    #[prop(into, optional)]
    user_principal_name: MaybeProp<String>,
    /// Send to `/users/{user_id}/changePassword` instead of `/me/changePassword`.
    #[prop(into, optional)]
    user_id: MaybeProp<String>,
    /// How long to wait for the token, and for Graph; default 30 000 ms.
    #[prop(into, optional)]
    timeout_ms: MaybeProp<u32>,
    /// Offer "Also sign me out everywhere" (Graph's revokeSignInSessions) after a change.
    #[prop(into, optional)]
    offer_sign_out_everywhere: MaybeProp<bool>,
    /// Where "Forgot your password?" leads; default Microsoft's self-service reset; "" hides it.
    #[prop(into, optional)]
    reset_password_url: MaybeProp<String>,
    /// The language (`de`, `ja`, `ar`, …); default: the page's `lang`, then the browser's.
    #[prop(into, optional)]
    locale: MaybeProp<String>,
    /// Your own sentences by key (README lists them), in place of the locale's.
    #[prop(into, optional)]
    strings: MaybeProp<Vec<(String, String)>>,
    /// Called once Graph has answered 204.
    #[prop(into, optional)]
    on_changed: Option<Callback<Changed>>,
    /// Called for every failure, with its kind.
    #[prop(into, optional)]
    on_failed: Option<Callback<Failure>>,
) -> impl IntoView {
    let config = Signal::derive(move || {
        Config::new(Options {
            base_url: base_url.get(),
            user_principal_name: user_principal_name.get(),
            user_id: user_id.get(),
            timeout_ms: timeout_ms.get().map(f64::from),
            offer_sign_out_everywhere: offer_sign_out_everywhere.get().unwrap_or(false),
            reset_password_url: reset_password_url.get(),
            locale: locale.get(),
            strings: strings
                .get()
                .unwrap_or_default()
                .into_iter()
                .map(|(k, v)| (k, Some(v)))
                .collect(),
        })
    });
    let report: Report = Rc::new(move |attempt: &Attempt| match Failure::of(attempt) {
        None => {
            if let Some(cb) = on_changed {
                cb.run(Changed {
                    client_request_id: attempt.client_request_id.clone(),
                    sign_out_everywhere: attempt.sign_out,
                });
            }
        }
        Some(failure) => {
            if let Some(cb) = on_failed {
                cb.run(failure);
            }
        }
    });
    #[cfg(target_arch = "wasm32")]
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"));
    #[cfg(not(target_arch = "wasm32"))]
    let lang = None;
    view! { <Room config=config get_token=get_token report=report door=Door::Leptos lang=lang /> }
}

/// The browser's preferred languages, most wanted first.
fn browser_languages() -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    if let Some(w) = web_sys::window() {
        return w
            .navigator()
            .languages()
            .iter()
            .filter_map(|l| l.as_string())
            .collect();
    }
    Vec::new()
}

/// What every door renders: the form while the options are good, the developer's message
/// (also in `console.error`) while they are not; the form keeps what was typed while good
/// options change. Rendered in the browser only, so an SSR app
/// sends an empty placeholder that hydrates cleanly, and the form appears once hydrated.
#[component]
pub(crate) fn Room(
    config: Signal<Result<Config, ConfigError>>,
    get_token: GetToken,
    report: Report,
    door: Door,
    /// The nearest `lang` attribute of the page around the form, read at mount.
    lang: Option<String>,
) -> impl IntoView {
    // In a client-rendered page the form renders at once. While hydrating a server's page it
    // must match the server's placeholder, so it appears just after (an effect runs only then).
    let hydrating = Owner::current_shared_context().is_some_and(|sc| sc.during_hydration());
    let in_browser = RwSignal::new(cfg!(target_arch = "wasm32") && !hydrating);
    if hydrating {
        Effect::new(move |_| in_browser.set(true));
    }
    let problem = move || config.with(|c| c.as_ref().err().map(|e| e.message(door)));
    Effect::new(move |_| {
        if let Some(message) = problem() {
            web_sys::console::error_1(&message.into());
        }
    });
    // The locale: the option, the nearest `lang`, the browser's languages, English; with the
    // host's own sentences on top.
    let languages = browser_languages();
    let wanted = Memo::new(move |_| {
        config.with(|c| {
            c.as_ref().ok().map(|c| {
                let preferences = c.locale.iter().chain(lang.iter()).chain(languages.iter());
                (
                    Locale::resolve(preferences.map(String::as_str)),
                    c.strings.clone(),
                )
            })
        })
    });
    let texts = RwSignal::new(None::<Arc<Texts>>);
    // Ends with the Room (the host's unmount), not with a re-rendered form: what is in flight
    // for the form, and a locale being loaded, stop with it.
    #[cfg(target_arch = "wasm32")]
    let lifetime = crate::graph::deadline::Lifetime::default();
    #[cfg(target_arch = "wasm32")]
    on_cleanup({
        let lifetime = send_wrapper::SendWrapper::new(lifetime.clone());
        move || lifetime.end()
    });
    let english = move |overrides: &[(Key, String)]| {
        Arc::new((*Texts::english()).clone().with_overrides(overrides))
    };
    // English is at hand: the form renders at once. Other locales are fetched first.
    if let Some((Locale::En, overrides)) = wanted.get_untracked() {
        texts.set(Some(english(&overrides)));
    }
    #[cfg(target_arch = "wasm32")]
    let loading = lifetime.clone();
    Effect::watch(
        move || wanted.get(),
        move |choice, previous, _| {
            let Some((locale, overrides)) = choice.clone() else {
                return;
            };
            // Nothing to redo (the first run, for English, was done above).
            let shown = texts.with_untracked(|t| t.as_ref().map(|t| t.locale));
            if previous.is_none() && shown == Some(locale) {
                return;
            }
            if locale == Locale::En {
                texts.set(Some(english(&overrides)));
            } else {
                #[cfg(target_arch = "wasm32")]
                leptos::task::spawn_local({
                    let lifetime = loading.clone();
                    async move {
                        let Some(loaded) = crate::i18n::load::texts(locale, &lifetime).await else {
                            return;
                        };
                        // Only if still wanted: a later choice made meanwhile wins.
                        let current = wanted.try_get_untracked().flatten();
                        if current == Some((locale, overrides.clone())) {
                            texts.try_set(Some(Arc::new(
                                (*loaded).clone().with_overrides(&overrides),
                            )));
                        }
                    }
                });
            }
        },
        true,
    );
    // The browser's form; a server (SSR) renders none and keeps no browser-only state.
    #[cfg(target_arch = "wasm32")]
    let form = {
        let held = StoredValue::new_local((get_token, report, lifetime));
        move |t: Arc<Texts>| {
            held.with_value(|(get_token, report, lifetime)| {
                view! { <ChangePasswordForm config=config get_token=get_token.clone() report=report.clone() t=t lifetime=lifetime.clone() /> }
            })
        }
    };
    #[cfg(not(target_arch = "wasm32"))]
    let form = {
        drop((get_token, report));
        |_: Arc<Texts>| ""
    };
    let showing = Memo::new(move |_| in_browser.get() && config.with(Result::is_ok));
    move || {
        if showing.get() {
            // Until a chosen locale has arrived, nothing: never a flash of another language.
            Either::Left(texts.get().map(form))
        } else {
            Either::Right(
                problem().map(|m| view! { <p class="gcp-config-error" role="alert">{m}</p> }),
            )
        }
    }
}
