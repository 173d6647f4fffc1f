//! Bounds on waiting. A [`Deadline`] stops a wait (the host's `getToken`, or a fetch and its
//! body) after `timeoutMs`; a [`Lifetime`] ends every deadline at once when the form goes away,
//! so nothing in flight outlives the form, fires an event, or keeps the passwords (the one
//! exception, a revoke the user asked for after a 204, runs to its end under its own deadline
//! and tells nothing). The lifetime also remembers which token problems the developer was
//! already told of.

use super::jwt::TokenProblem;
use futures::future::{select, Either};
use js_sys::Promise;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

/// Why a bounded wait ended without a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interrupted {
    /// The form went away.
    Cancelled,
    /// `timeoutMs` passed.
    TimedOut,
    /// The awaited promise rejected (a network failure, a host error).
    Failed,
}

/// The lifetime of one mounted form.
#[derive(Clone, Default)]
pub struct Lifetime(Rc<LifetimeInner>);

#[derive(Default)]
struct LifetimeInner {
    ended: Cell<bool>,
    next: Cell<u32>,
    running: RefCell<Vec<(u32, AbortController)>>,
    warned: RefCell<Vec<TokenProblem>>,
}

impl Lifetime {
    /// Ends the lifetime: every running deadline is aborted as cancelled.
    pub fn end(&self) {
        self.0.ended.set(true);
        for (_, controller) in self.0.running.take() {
            controller.abort();
        }
    }

    pub fn ended(&self) -> bool {
        self.0.ended.get()
    }

    /// True the first time a token problem is met in this form's life: each is told once.
    pub fn first_time(&self, problem: TokenProblem) -> bool {
        let mut warned = self.0.warned.borrow_mut();
        let first = !warned.contains(&problem);
        if first {
            warned.push(problem);
        }
        first
    }

    /// A deadline `ms` from now that also ends with this lifetime.
    pub fn deadline(&self, ms: u32) -> Deadline {
        let controller = AbortController::new().ok();
        let timed_out = Rc::new(Cell::new(false));
        let id = self.0.next.get();
        self.0.next.set(id.wrapping_add(1));
        // The timer is never cleared: when it fires it aborts a controller nobody uses any
        // more, and firing frees its closure and the abort listeners of `race`.
        controller.as_ref().and_then(|c| {
            let (c, flag) = (c.clone(), Rc::clone(&timed_out));
            let fire = Closure::once_into_js(move || {
                flag.set(true);
                c.abort();
            });
            web_sys::window()?
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    fire.unchecked_ref(),
                    i32::try_from(ms).unwrap_or(i32::MAX),
                )
                .ok()
        });
        if let Some(c) = &controller {
            if self.ended() {
                c.abort();
            } else {
                self.0.running.borrow_mut().push((id, c.clone()));
            }
        }
        Deadline {
            lifetime: self.clone(),
            id,
            controller,
            timed_out,
        }
    }
}

/// One bounded wait.
pub struct Deadline {
    lifetime: Lifetime,
    id: u32,
    controller: Option<AbortController>,
    timed_out: Rc<Cell<bool>>,
}

impl Deadline {
    /// The signal a fetch is aborted by.
    pub fn signal(&self) -> Option<AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }

    /// Why a wait under this deadline failed.
    pub fn interruption(&self) -> Interrupted {
        if self.lifetime.ended() {
            Interrupted::Cancelled
        } else if self.timed_out.get() {
            Interrupted::TimedOut
        } else {
            Interrupted::Failed
        }
    }

    /// Awaits `future`, or stops at the deadline (dropping the future, and what it holds).
    pub async fn race<F: Future>(&self, future: F) -> Result<F::Output, Interrupted> {
        let Some(signal) = self.signal() else {
            return Ok(future.await);
        };
        if signal.aborted() {
            return Err(self.interruption());
        }
        let aborted = JsFuture::from(Promise::new(&mut |_, reject| {
            let _ = signal.add_event_listener_with_callback("abort", &reject);
        }));
        match select(pin!(future), aborted).await {
            Either::Left((value, _)) => Ok(value),
            Either::Right(_) => Err(self.interruption()),
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        self.lifetime
            .0
            .running
            .borrow_mut()
            .retain(|(id, _)| *id != self.id);
    }
}
