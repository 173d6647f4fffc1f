//! `<graph-change-password>`: its attributes and properties become the options of the same form
//! `mount` renders. The class itself is a small JS snippet (`element.js`) shipped with the
//! bundle; the attributes it observes are the options table's.

use super::{events, keep, release};
use crate::config::{Config, ConfigError, Door, Opt, Options, Source};
use crate::room::Room;
use crate::token::GetToken;
use js_sys::{Array, Function, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

#[wasm_bindgen(module = "/src/embed/element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement)]
    fn define_element(connect: &JsValue, attributes: Array);
}

/// Defines `<graph-change-password>` (once). The bundle calls it when `init()` runs.
pub fn define() {
    let connect = Closure::<dyn Fn(HtmlElement, Function, JsValue) -> JsValue>::new(connect);
    let attributes = Opt::attributes()
        .map(|(_, a)| JsValue::from_str(a))
        .collect();
    define_element(connect.as_ref(), attributes);
    // The definition lives as long as the page.
    connect.forget();
}

/// What the element's options are made of, watched: a change updates them without a remount.
#[derive(Clone, Default)]
struct Watched {
    /// The observed attributes' values, in the table's order.
    attributes: Vec<(Opt, ArcRwSignal<Option<String>>)>,
    /// The `strings` property's entries.
    strings: ArcRwSignal<Vec<(String, Option<String>)>>,
    /// Whether the `getToken` property holds a function.
    get_token: ArcRwSignal<bool>,
}

impl Watched {
    fn new() -> Self {
        Self {
            attributes: Opt::attributes()
                .map(|(opt, _)| (opt, ArcRwSignal::new(None)))
                .collect(),
            ..Self::default()
        }
    }

    fn attribute(&self, opt: Opt) -> Option<String> {
        self.attributes
            .iter()
            .find(|(o, _)| *o == opt)
            .and_then(|(_, signal)| signal.get())
    }

    fn config(&self) -> Signal<Result<Config, ConfigError>> {
        let watched = self.clone();
        Signal::derive(move || Options::read(&watched).and_then(Config::new))
    }
}

impl Source for Watched {
    fn text(&self, opt: Opt) -> Result<Option<String>, ConfigError> {
        Ok(self.attribute(opt))
    }

    /// A boolean attribute, as in HTML: present means true, whatever its value.
    fn flag(&self, opt: Opt) -> bool {
        self.attribute(opt).is_some()
    }

    /// Digits only: a float parser would cost kilobytes of wasm for one attribute.
    fn number(&self, opt: Opt) -> Result<Option<f64>, ConfigError> {
        Ok(self.attribute(opt).map(|text| {
            let text = text.trim();
            match text.parse::<u32>() {
                Ok(n) if text.bytes().all(|b| b.is_ascii_digit()) => f64::from(n),
                // NaN: the options refuse it, naming the attribute.
                _ => f64::NAN,
            }
        }))
    }

    fn strings(&self, _: Opt) -> Vec<(String, Option<String>)> {
        self.strings.get()
    }

    fn function(&self, _: Opt) -> bool {
        self.get_token.get()
    }

    /// Absent means off; present empty (or `"true"`) means on; any other value is read as text.
    fn switch(&self, opt: Opt) -> Result<Option<String>, ConfigError> {
        Ok(self.attribute(opt))
    }
}

/// What the element holds while connected.
#[wasm_bindgen]
pub struct ElementHandle {
    id: u32,
    watched: Watched,
}

#[wasm_bindgen]
impl ElementHandle {
    /// An observed attribute changed (`None`: removed).
    pub fn set(&self, name: &str, value: Option<String>) {
        let opt = Opt::attributes().find(|(_, a)| *a == name).map(|(o, _)| o);
        if let Some((_, signal)) = self
            .watched
            .attributes
            .iter()
            .find(|(o, _)| Some(*o) == opt)
        {
            signal.set(value);
        }
    }

    /// The `strings` property was set.
    #[wasm_bindgen(js_name = setStrings)]
    pub fn set_strings(&self, value: JsValue) {
        self.watched.strings.set(strings_of(&value));
    }

    /// The `getToken` property was set: whether it is a function now.
    #[wasm_bindgen(js_name = setGetToken)]
    pub fn set_get_token(&self, is_function: bool) {
        self.watched.get_token.set(is_function);
    }

    /// The element was disconnected: remove the form, abort what is in flight.
    pub fn unmount(&self) {
        release(self.id);
    }
}

/// Mounts the form in `element`. `initial` holds the attributes by name, `strings` and
/// `getTokenIsFunction`; `get_token` always asks the element's current `getToken`.
fn connect(element: HtmlElement, get_token: Function, initial: JsValue) -> JsValue {
    let watched = Watched::new();
    let initially = |name: &str| Reflect::get(&initial, &JsValue::from_str(name)).ok();
    for (opt, signal) in &watched.attributes {
        let name = opt.names().attribute.unwrap_or_default();
        signal.set(initially(name).and_then(|v| v.as_string()));
    }
    if let Some(strings) = initially("strings") {
        watched.strings.set(strings_of(&strings));
    }
    watched
        .get_token
        .set(initially("getTokenIsFunction").is_some_and(|v| v.is_truthy()));
    let tell = events::on(element.clone());
    let lang = super::mount::nearest_lang(&element);
    let get_token = GetToken::from_js(get_token);
    let for_config = watched.clone();
    let kept = element.clone().into();
    let handle = leptos::mount::mount_to(element, move || {
        // Built under the mount's owner, so it goes when the form goes.
        let config = for_config.config();
        view! { <Room config=config get_token=get_token tell=tell door=Door::Element lang=lang /> }
    });
    ElementHandle {
        id: keep(kept, Box::new(handle)),
        watched,
    }
    .into()
}

/// The `strings` property's entries; a key whose getter threw is kept as not a string, so the
/// developer's message names it.
fn strings_of(value: &JsValue) -> Vec<(String, Option<String>)> {
    super::mount::strings_of(value).unwrap_or_else(|key| vec![(key, None)])
}
