//! The mount's side of a change: owns the model's signal, runs the effects `update` returns
//! (asks for tokens, sends, revokes, tells the host) and feeds what comes back in as events.
//! It lives as long as the mount, so a re-rendered view (a new locale, new `strings`, options
//! briefly invalid) finds the change where it was.

pub use super::Tell;
use super::{update, Change, Effect, Event, Settings};
use crate::config::{Config, ConfigError};
use crate::graph::client;
use crate::graph::deadline::Lifetime;
use crate::graph::outcome::{Attempt, Outcome};
use crate::graph::revoke::SignedOutEverywhere;
use crate::policy::Entry;
use crate::token::{GetToken, Reason, TokenRequest};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// One mounted form's change and what runs it.
#[derive(Clone)]
pub struct Session(Rc<Inner>);

struct Inner {
    change: RwSignal<Change>,
    config: Signal<Result<Config, ConfigError>>,
    /// The last good options' settings: an answer that arrives while the options are briefly
    /// bad (an attribute being edited) is still told.
    settings: Cell<Settings>,
    /// The last good options (refreshed by every event under good ones): a change goes on with
    /// them if the options turn bad while it is on its way, so it is always answered and the
    /// form never stays busy.
    last_good: RefCell<Option<Config>>,
    get_token: GetToken,
    tell: Tell,
    /// Ends with the mount: aborts what is in flight and silences what would be told.
    lifetime: Lifetime,
    /// The options the change in flight was sent with; its revoke uses them too.
    sent_with: RefCell<Option<Config>>,
    /// The revoke token, asked for before the change was sent, until the revoke takes it.
    revoke_token: RefCell<Option<String>>,
}

impl Session {
    pub fn new(
        config: Signal<Result<Config, ConfigError>>,
        get_token: GetToken,
        tell: Tell,
        lifetime: Lifetime,
    ) -> Self {
        Self(Rc::new(Inner {
            change: RwSignal::new(Change::default()),
            config,
            settings: Cell::new(Settings {
                offer_sign_out: false,
                timeout_ms: crate::config::DEFAULT_TIMEOUT_MS,
                breach_check: false,
            }),
            last_good: RefCell::new(None),
            get_token,
            tell,
            lifetime,
            sent_with: RefCell::new(None),
            revoke_token: RefCell::new(None),
        }))
    }

    /// The change, for the view to read.
    pub fn change(&self) -> ReadSignal<Change> {
        self.0.change.read_only()
    }

    /// Applies `event` and runs what it asks for, unless the form went away.
    pub fn dispatch(&self, event: Event) {
        let inner = &self.0;
        if inner.lifetime.ended() {
            return;
        }
        match inner.config.try_get_untracked() {
            Some(Ok(c)) => {
                inner.settings.set(Settings {
                    offer_sign_out: c.offer_sign_out_everywhere,
                    timeout_ms: c.timeout_ms,
                    breach_check: c.breach_check.is_some(),
                });
                *inner.last_good.borrow_mut() = Some(c);
            }
            // No change starts under bad options (the form is hidden then, but a click can
            // land before the view re-renders): so every change has good options to go on with.
            _ if matches!(event, Event::Submit) => return,
            _ => {}
        }
        let settings = inner.settings.get();
        let effects = inner.change.try_update(|c| update(c, event, &settings));
        for effect in effects.unwrap_or_default() {
            // A host may unmount the form from its event listener.
            if inner.lifetime.ended() {
                return;
            }
            self.run(effect);
        }
    }

    fn run(&self, effect: Effect) {
        let session = self.clone();
        match effect {
            Effect::CheckBreach { n, new } => {
                leptos::task::spawn_local(async move { session.check_breach(n, new.0).await });
            }
            Effect::Send { n, entry, sign_out } => {
                leptos::task::spawn_local(async move { session.send(n, entry, sign_out).await });
            }
            Effect::Revoke(n) => leptos::task::spawn_local(async move { session.revoke(n).await }),
            Effect::Report(report) => (self.0.tell)(&report),
        }
    }

    /// The options now, or the last good ones while they are bad (the form is shown only under
    /// good options, so a change in flight always has some).
    fn config(&self) -> Option<Config> {
        match self.0.config.try_get_untracked() {
            Some(Ok(config)) => Some(config),
            _ => self.0.last_good.borrow().clone(),
        }
    }

    /// Checks the new password against known breaches, before any token is asked.
    async fn check_breach(&self, n: u32, new: String) {
        let inner = &self.0;
        let base = self.config().and_then(|c| c.breach_check);
        let verdict = match base {
            Some(base) => crate::breach::check::check(&base, &new, &inner.lifetime).await,
            None => Some(crate::breach::Verdict::Unknown),
        };
        drop(new);
        if let Some(verdict) = verdict {
            self.dispatch(Event::BreachChecked(n, verdict));
        }
    }

    /// Asks for the tokens (the revoke's first, while the click's user activation lasts, so a
    /// host's sign-in popup is allowed) and sends the change.
    async fn send(&self, n: u32, entry: Entry, sign_out: bool) {
        let inner = &self.0;
        // Always some: a change starts only under good options (`dispatch`), kept as last good.
        let Some(config) = self.config() else {
            return;
        };
        if sign_out {
            let ask = TokenRequest::revoke();
            match client::token(&config, &inner.get_token, &inner.lifetime, ask).await {
                Ok(token) => *inner.revoke_token.borrow_mut() = Some(token),
                Err(None) => return,
                Err(Some(error)) => {
                    let none = Outcome::TokenUnavailable(error, Reason::Revoke);
                    return self.dispatch(Event::Answered(n, Attempt::of(none)));
                }
            }
        }
        let sending = || self.dispatch(Event::Sending(n));
        let attempt = client::change(
            &config,
            &inner.get_token,
            &inner.lifetime,
            &entry.current,
            &entry.new,
            &sending,
        )
        .await;
        drop(entry);
        *inner.sent_with.borrow_mut() = Some(config);
        if let Some(attempt) = attempt {
            if attempt.outcome != Outcome::Changed {
                inner.revoke_token.take();
            }
            self.dispatch(Event::Answered(n, attempt));
        }
    }

    /// Ends the user's sessions with the token asked for before the change.
    async fn revoke(&self, n: u32) {
        let inner = &self.0;
        let token = inner.revoke_token.take();
        let config = inner.sent_with.borrow_mut().take();
        let result = match (token, config) {
            (Some(token), Some(config)) => {
                client::revoke(&config, &inner.get_token, &inner.lifetime, token).await
            }
            _ => Some(SignedOutEverywhere::unanswered()),
        };
        if let Some(result) = result {
            self.dispatch(Event::SignedOut(n, result));
        }
    }
}

/// A `Copy` handle on the session for the view's event handlers.
#[derive(Clone, Copy)]
pub struct Dispatch(StoredValue<Session, LocalStorage>);

impl Dispatch {
    pub fn new(session: Session) -> Self {
        Self(StoredValue::new_local(session))
    }

    /// Sends `event` to the session (nothing, once the form is gone).
    pub fn send(self, event: Event) {
        // Cloned out first: what the event sets off may dispose of the stored value.
        if let Some(session) = self.0.try_get_value() {
            session.dispatch(event);
        }
    }
}
