//! `<graph-change-password>`: its attributes become the options of the same form `mount`
//! renders. The class itself is a small JS snippet (`element.js`) shipped with the bundle.

use super::{events, keep, release};
use crate::component::Room;
use crate::config::{Config, Door, Options};
use crate::token::GetToken;
use js_sys::{Function, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

#[wasm_bindgen(module = "/src/embed/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element(connect: &JsValue);
}

/// Defines `<graph-change-password>` (once). The bundle calls it when `init()` runs.
pub fn define() {
    let connect = Closure::<dyn Fn(HtmlElement, Function, JsValue) -> JsValue>::new(connect);
    define_element(connect.as_ref());
    // The definition lives as long as the page.
    connect.forget();
}

/// The element's attributes, watched: a change updates the options without a remount.
#[derive(Clone, Default)]
struct Attributes {
    base_url: ArcRwSignal<Option<String>>,
    user_principal_name: ArcRwSignal<Option<String>>,
    user_id: ArcRwSignal<Option<String>>,
    timeout_ms: ArcRwSignal<Option<String>>,
    offer_sign_out_everywhere: ArcRwSignal<Option<String>>,
    reset_password_url: ArcRwSignal<Option<String>>,
    locale: ArcRwSignal<Option<String>>,
    /// The `strings` property's entries.
    strings: ArcRwSignal<Vec<(String, Option<String>)>>,
}

/// The observed attributes (element.js lists the same).
const NAMES: [&str; 7] = [
    "locale",
    "base-url",
    "user-principal-name",
    "user-id",
    "timeout-ms",
    "offer-sign-out-everywhere",
    "reset-password-url",
];

impl Attributes {
    fn by_name(&self, name: &str) -> Option<&ArcRwSignal<Option<String>>> {
        Some(match name {
            "base-url" => &self.base_url,
            "user-principal-name" => &self.user_principal_name,
            "user-id" => &self.user_id,
            "timeout-ms" => &self.timeout_ms,
            "offer-sign-out-everywhere" => &self.offer_sign_out_everywhere,
            "reset-password-url" => &self.reset_password_url,
            "locale" => &self.locale,
            _ => return None,
        })
    }

    fn config(&self) -> Signal<Result<Config, crate::config::ConfigError>> {
        let a = self.clone();
        Signal::derive(move || {
            Config::new(Options {
                base_url: a.base_url.get(),
                user_principal_name: a.user_principal_name.get(),
                user_id: a.user_id.get(),
                timeout_ms: a.timeout_ms.get().as_deref().map(whole_number),
                // A boolean attribute, as in HTML: present means true, whatever its value.
                offer_sign_out_everywhere: a.offer_sign_out_everywhere.with(Option::is_some),
                reset_password_url: a.reset_password_url.get(),
                locale: a.locale.get(),
                strings: a.strings.get(),
            })
        })
    }
}

/// An attribute's text as a whole number; anything else is NaN, which the options refuse.
/// Digits only: a float parser would cost kilobytes of wasm for one attribute.
fn whole_number(text: &str) -> f64 {
    let text = text.trim();
    match text.parse::<u32>() {
        Ok(n) if text.bytes().all(|b| b.is_ascii_digit()) => f64::from(n),
        _ => f64::NAN,
    }
}

/// What the element holds while connected.
#[wasm_bindgen]
pub struct ElementHandle {
    id: u32,
    attributes: Attributes,
}

#[wasm_bindgen]
impl ElementHandle {
    /// An observed attribute changed (`None`: removed).
    pub fn set(&self, name: &str, value: Option<String>) {
        if let Some(signal) = self.attributes.by_name(name) {
            signal.set(value);
        }
    }

    /// The `strings` property was set.
    #[wasm_bindgen(js_name = setStrings)]
    pub fn set_strings(&self, value: JsValue) {
        self.attributes
            .strings
            .set(super::mount::strings_of(&value));
    }

    /// The element was disconnected: remove the form, abort what is in flight.
    pub fn unmount(&self) {
        release(self.id);
    }
}

fn connect(element: HtmlElement, get_token: Function, initial: JsValue) -> JsValue {
    let attributes = Attributes::default();
    for name in NAMES {
        let value = Reflect::get(&initial, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_string());
        if let Some(signal) = attributes.by_name(name) {
            signal.set(value);
        }
    }
    if let Ok(strings) = Reflect::get(&initial, &JsValue::from_str("strings")) {
        attributes.strings.set(super::mount::strings_of(&strings));
    }
    let report = events::on(element.clone());
    let lang = super::mount::nearest_lang(&element);
    let get_token = GetToken::from_js(get_token);
    let for_config = attributes.clone();
    let handle = leptos::mount::mount_to(element, move || {
        // Built under the mount's owner, so it goes when the form goes.
        let config = for_config.config();
        view! { <Room config=config get_token=get_token report=report door=Door::Element lang=lang /> }
    });
    ElementHandle {
        id: keep(Box::new(handle)),
        attributes,
    }
    .into()
}
