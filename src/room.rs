//! The room every door leads to: the options checked (the developer's message, also in
//! `console.error`, in place of the form while they are wrong), the language chosen and loaded,
//! and the change's session, which lives as long as the mount. Texts, locale, `strings` and
//! option changes render the view anew: the change, what was typed and what is in flight stay
//! with the session. Rendered in the browser only, so an SSR app sends an empty
//! placeholder that hydrates cleanly, and the form appears once hydrated.

use crate::change::Tell;
use crate::config::{Config, ConfigError, Door};
#[cfg(target_arch = "wasm32")]
use crate::i18n::{texts::Texts, Locale};
use crate::token::GetToken;
use leptos::either::Either;
use leptos::prelude::*;
#[cfg(target_arch = "wasm32")]
use std::sync::Arc;

#[component]
pub(crate) fn Room(
    config: Signal<Result<Config, ConfigError>>,
    get_token: GetToken,
    tell: Tell,
    door: Door,
    /// The nearest `lang` attribute of the page around the form, read at mount.
    lang: Option<String>,
) -> impl IntoView {
    let in_browser = in_browser();
    let problem = move || config.with(|c| c.as_ref().err().map(|e| e.message(door)));
    Effect::new(move |_| {
        if let Some(message) = problem() {
            web_sys::console::error_1(&message.into());
        }
    });
    #[cfg(target_arch = "wasm32")]
    let form = {
        use crate::change::session::{Dispatch, Session};
        use crate::graph::deadline::Lifetime;
        use crate::view::form::ChangePasswordForm;
        // Ends with the mount (the host's unmount), never with a re-rendered view.
        let lifetime = Lifetime::default();
        on_cleanup({
            let lifetime = send_wrapper::SendWrapper::new(lifetime.clone());
            move || lifetime.end()
        });
        let texts = texts(config, lang, lifetime.clone());
        let session = Session::new(config, get_token, tell, lifetime);
        let (change, dispatch) = (session.change(), Dispatch::new(session));
        move || {
            texts.get().map(|t| {
                view! { <ChangePasswordForm config=config change=change dispatch=dispatch t=t /> }
            })
        }
    };
    #[cfg(not(target_arch = "wasm32"))]
    let form = {
        drop((get_token, tell, lang));
        || ""
    };
    let showing = Memo::new(move |_| in_browser.get() && config.with(Result::is_ok));
    move || {
        if showing.get() {
            // Until a chosen locale has arrived, nothing: never a flash of another language.
            Either::Left(form())
        } else {
            Either::Right(
                problem().map(|m| view! { <p class="gcp-config-error" role="alert">{m}</p> }),
            )
        }
    }
}

/// True once the form may render: at once in a client-rendered page; just after hydration in
/// a server-rendered one (it must match the server's placeholder first).
fn in_browser() -> RwSignal<bool> {
    let hydrating = Owner::current_shared_context().is_some_and(|sc| sc.during_hydration());
    let in_browser = RwSignal::new(cfg!(target_arch = "wasm32") && !hydrating);
    if hydrating {
        Effect::new(move |_| in_browser.set(true));
    }
    in_browser
}

/// The browser's preferred languages, most wanted first.
#[cfg(target_arch = "wasm32")]
fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|l| l.iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default()
}

/// The texts to show: the chosen locale's with the host's sentences on top. English is at
/// hand, so it is set at once; another locale is loaded first. An unknown `locale` value is
/// told to the developer once. The last choice wins, even over a load that arrives late.
#[cfg(target_arch = "wasm32")]
fn texts(
    config: Signal<Result<Config, ConfigError>>,
    lang: Option<String>,
    lifetime: crate::graph::deadline::Lifetime,
) -> RwSignal<Option<Arc<Texts>>> {
    let languages = browser_languages();
    let wanted = Memo::new(move |_| {
        config.with(|c| {
            let c = c.as_ref().ok()?;
            let choice = Locale::choose(c.locale.as_deref(), lang.as_deref(), &languages);
            Some((choice, c.strings.clone()))
        })
    });
    let with_overrides = |t: &Texts, o: &[_]| Arc::new(t.clone().with_overrides(o));
    // English renders at once, before any effect runs.
    let english = move |choice: &Option<((Locale, _), Vec<_>)>| match choice {
        Some(((Locale::En, _), overrides)) => Some(with_overrides(&Texts::english(), overrides)),
        _ => None,
    };
    let texts = RwSignal::new(english(&wanted.get_untracked()));
    let mut warned = None::<String>;
    Effect::watch(
        move || wanted.get(),
        move |choice, previous, _| {
            let Some(((locale, unknown), overrides)) = choice.clone() else {
                return;
            };
            if unknown.is_some() && unknown != warned {
                let text = unknown.as_deref().unwrap_or_default();
                web_sys::console::warn_1(&Locale::unknown_message(text).into());
                warned = unknown;
            }
            if locale == Locale::En {
                // The first run's English was set above.
                if previous.is_some() {
                    texts.set(english(choice));
                }
                return;
            }
            let lifetime = lifetime.clone();
            leptos::task::spawn_local(async move {
                let Some(t) = crate::i18n::load::texts(locale, &lifetime).await else {
                    return;
                };
                // Only if still wanted: a later choice made meanwhile wins.
                let still = wanted.try_get_untracked().flatten();
                if still.is_some_and(|((l, _), o)| l == locale && o == overrides) {
                    texts.try_set(Some(with_overrides(&t, &overrides)));
                }
            });
        },
        true,
    );
    texts
}
