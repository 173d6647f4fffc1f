//! The DOM events a web page listens for: `password-changed` and `password-change-failed`,
//! fired on the element the form lives in, bubbling and composed.

use crate::component::Failure;
use crate::graph::outcome::{Attempt, CHANGED};
use crate::view::form::Report;
use js_sys::{Object, Reflect};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

pub const CHANGED_EVENT: &str = "password-changed";
pub const FAILED_EVENT: &str = "password-change-failed";

fn set(obj: &Object, key: &str, value: JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value);
}

fn opt(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

/// A report that fires the events on `host`, with
/// `detail = { kind, status, requestId, clientRequestId }` (and `signOutEverywhere` on
/// `password-changed`); `status` is what the browser reported, `null` when there was none.
/// Never a password or token.
pub fn on(host: HtmlElement) -> Report {
    Rc::new(move |attempt: &Attempt| {
        let detail = Object::new();
        let failure = Failure::of(attempt);
        let (name, kind) = match &failure {
            None => (CHANGED_EVENT, CHANGED),
            Some(f) => (FAILED_EVENT, f.kind.as_str()),
        };
        set(&detail, "kind", JsValue::from_str(kind));
        set(
            &detail,
            "status",
            attempt
                .outcome
                .status()
                .map_or(JsValue::NULL, JsValue::from),
        );
        set(
            &detail,
            "requestId",
            opt(failure.as_ref().and_then(|f| f.request_id.as_deref())),
        );
        set(
            &detail,
            "clientRequestId",
            opt(attempt.client_request_id.as_deref()),
        );
        if failure.is_none() {
            set(
                &detail,
                "signOutEverywhere",
                JsValue::from_str(attempt.sign_out.as_str()),
            );
        }
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = host.dispatch_event(&event);
        }
    })
}
