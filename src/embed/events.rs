//! The DOM events the host page listens for on the element it mounted into.

use crate::graph::client::Attempt;
use crate::graph::outcome::Outcome;
use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

pub const CHANGED: &str = "password-changed";
pub const FAILED: &str = "password-change-failed";

fn set(obj: &Object, key: &str, value: JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value);
}

fn opt(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

/// Fires `password-changed` or `password-change-failed` (bubbling, composed) on `host`, with
/// `detail = { kind, status, requestId, clientRequestId }`; `status` is the status the browser
/// reported, `null` when there was none. Never carries a password or token.
pub fn announce(host: &HtmlElement, attempt: &Attempt) {
    let detail = Object::new();
    let outcome = &attempt.outcome;
    let details = outcome.details();
    set(&detail, "kind", JsValue::from_str(outcome.kind()));
    set(
        &detail,
        "status",
        outcome.status().map_or(JsValue::NULL, JsValue::from),
    );
    set(
        &detail,
        "requestId",
        opt(details.and_then(|d| d.request_id.as_deref())),
    );
    set(
        &detail,
        "clientRequestId",
        opt(attempt.client_request_id.as_deref()),
    );
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    let name = if *outcome == Outcome::Changed {
        CHANGED
    } else {
        FAILED
    };
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}
