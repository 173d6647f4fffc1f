//! The DOM events a web page listens for, fired on the element the form lives in, bubbling and
//! composed: `password-changed` the moment Graph answers 204, `password-change-failed` for every
//! change that did not go through, and `sign-out-everywhere` after a change that asked for it.

use crate::change::session::Tell;
use crate::change::Report;
use crate::graph::outcome::CHANGED;
use js_sys::{Object, Reflect};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

pub const CHANGED_EVENT: &str = "password-changed";
pub const FAILED_EVENT: &str = "password-change-failed";
pub const SIGNED_OUT_EVENT: &str = "sign-out-everywhere";

fn set(obj: &Object, key: &str, value: JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value);
}

fn opt(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

fn status(value: Option<u16>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from)
}

/// Fires the events on `host`. Details: `{ kind, status, requestId, clientRequestId }`, plus
/// `signOutEverywhere` on `password-changed`; `{ result, status, requestId }` on
/// `sign-out-everywhere`. `status` is what the browser reported, `null` when there was none.
/// Never a password or token.
pub fn on(host: HtmlElement) -> Tell {
    Rc::new(move |report: &Report| {
        let detail = Object::new();
        let name = match report {
            Report::Changed {
                client_request_id,
                sign_out,
            } => {
                set(&detail, "kind", JsValue::from_str(CHANGED));
                set(&detail, "status", status(Some(204)));
                set(&detail, "requestId", JsValue::NULL);
                set(
                    &detail,
                    "clientRequestId",
                    opt(client_request_id.as_deref()),
                );
                set(&detail, "signOutEverywhere", sign_out.as_str().into());
                CHANGED_EVENT
            }
            Report::Failed(failure) => {
                set(&detail, "kind", JsValue::from_str(failure.kind.as_str()));
                set(&detail, "status", status(failure.status));
                set(&detail, "requestId", opt(failure.request_id.as_deref()));
                let id = failure.client_request_id.as_deref();
                set(&detail, "clientRequestId", opt(id));
                FAILED_EVENT
            }
            Report::SignedOut(result) => {
                set(&detail, "result", JsValue::from_str(result.result()));
                set(&detail, "status", status(result.status));
                set(&detail, "requestId", opt(result.request_id.as_deref()));
                SIGNED_OUT_EVENT
            }
        };
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = host.dispatch_event(&event);
        }
    })
}
