//! `mount(targetElement, options)`: reads the options by the table's names, mounts the form, and
//! returns a handle whose `unmount()` removes it. Nothing mounts until a page calls `mount`.

use super::{events, keep, mounted_in, release};
use crate::config::{Config, ConfigError, Door, Opt, Options, Source};
use crate::room::Room;
use crate::token::GetToken;
use js_sys::{Function, Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// What `mount` returns to the host: call `unmount()` to remove the form.
#[wasm_bindgen]
pub struct MountHandle {
    id: u32,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the form from the page, aborting a request in flight (a sign-out everywhere
    /// already under way after a 204 completes, untold). A second call does nothing.
    pub fn unmount(&self) {
        release(self.id);
    }
}

/// `mount`'s options object, each option read once by its JS name (a getter runs once, and
/// one that throws is named rather than taken for "not given").
struct JsOptions {
    object: JsValue,
    values: Vec<(Opt, JsValue)>,
    /// `strings`' entries, read with the rest (their getters too).
    strings: Vec<(String, Option<String>)>,
}

impl JsOptions {
    fn read(object: JsValue) -> Result<Self, ConfigError> {
        let mut values = Vec::new();
        if object.is_object() {
            for opt in Opt::ALL {
                let value = Reflect::get(&object, &JsValue::from_str(opt.names().js))
                    .map_err(|_| ConfigError::Unreadable(*opt))?;
                if !value.is_undefined() && !value.is_null() {
                    values.push((*opt, value));
                }
            }
        }
        let strings = match values.iter().find(|(o, _)| *o == Opt::Strings) {
            Some((_, v)) => strings_of(v).map_err(|_| ConfigError::Unreadable(Opt::Strings))?,
            None => Vec::new(),
        };
        Ok(Self {
            object,
            values,
            strings,
        })
    }

    fn get(&self, opt: Opt) -> Option<JsValue> {
        self.values
            .iter()
            .find(|(o, _)| *o == opt)
            .map(|(_, v)| v.clone())
    }

    /// The keys the table does not know (a `baseURL` for `baseUrl`), with the name meant.
    fn unknown_keys(&self) -> Vec<String> {
        let Some(object) = self.object.dyn_ref::<Object>() else {
            return Vec::new();
        };
        Object::keys(object)
            .iter()
            .filter_map(|k| k.as_string())
            .filter(|k| Opt::ALL.iter().all(|o| o.names().js != k))
            .map(|k| {
                let meant = Opt::ALL
                    .iter()
                    .map(|o| o.names().js)
                    .find(|js| js.eq_ignore_ascii_case(&k));
                match meant {
                    Some(js) => format!("{k} (did you mean {js}?)"),
                    None => k,
                }
            })
            .collect()
    }
}

impl Source for JsOptions {
    fn text(&self, opt: Opt) -> Result<Option<String>, ConfigError> {
        self.get(opt)
            .map(|v| v.as_string().ok_or(ConfigError::NotAString(opt)))
            .transpose()
    }

    /// A boolean; a string says what it says (`"false"` is false, as at the element's
    /// attributes), anything else by JS truthiness.
    fn flag(&self, opt: Opt) -> bool {
        self.get(opt).is_some_and(|v| match v.as_string() {
            Some(text) => !text.is_empty() && text != "false",
            None => v.is_truthy(),
        })
    }

    fn number(&self, opt: Opt) -> Result<Option<f64>, ConfigError> {
        self.get(opt)
            .map(|v| v.as_f64().ok_or(ConfigError::BadTimeout))
            .transpose()
    }

    fn strings(&self, _: Opt) -> Vec<(String, Option<String>)> {
        self.strings.clone()
    }

    fn function(&self, opt: Opt) -> bool {
        self.get(opt).is_some_and(|v| v.is_function())
    }

    fn switch(&self, opt: Opt) -> Result<Option<String>, ConfigError> {
        match self.get(opt) {
            None => Ok(None),
            Some(v) if v.as_bool() == Some(true) => Ok(Some(String::new())),
            Some(v) if v.as_bool() == Some(false) => Ok(None),
            Some(v) => v.as_string().map(Some).ok_or(ConfigError::BadBreachCheck),
        }
    }
}

/// A `strings` object's own enumerable entries; a value that is not a string is kept as `None`
/// to be refused. `Err` names the key whose getter threw (each value is read by a catching
/// `Reflect.get`; a `Proxy` whose traps throw can still throw from `Object.keys`).
pub(crate) fn strings_of(value: &JsValue) -> Result<Vec<(String, Option<String>)>, String> {
    let Some(object) = value.dyn_ref::<Object>() else {
        return Ok(Vec::new());
    };
    Object::keys(object)
        .iter()
        .filter_map(|k| k.as_string())
        .map(|key| match Reflect::get(object, &JsValue::from_str(&key)) {
            Ok(v) => Ok((key, v.as_string())),
            Err(_) => Err(key),
        })
        .collect()
}

/// Whether `tag` names a built-in locale or a regional tag of one (`de-AT`): narrows a tag
/// read at run time, such as `navigator.language`, for TypeScript's `Locale`.
#[wasm_bindgen(js_name = isLocale)]
pub fn is_locale(tag: &str) -> bool {
    crate::i18n::Locale::of(tag).is_some()
}

/// The `lang` of the element or its nearest ancestor that has one, through the hosts of any
/// shadow roots it sits in (as the language inherits).
pub(crate) fn nearest_lang(element: &HtmlElement) -> Option<String> {
    let mut at: web_sys::Element = element.clone().into();
    loop {
        if let Some(found) = at.closest("[lang]").ok().flatten() {
            return found.get_attribute("lang").filter(|l| !l.trim().is_empty());
        }
        at = at
            .get_root_node()
            .dyn_into::<web_sys::ShadowRoot>()
            .ok()?
            .host();
    }
}

/// Mounts the change-password form inside `target`. Throws a JS `Error` naming the problem
/// when `target` is not an element (or is a `<graph-change-password>`, which renders its own) or
/// an option is wrong; names unknown option keys in one `console.warn`. A `target` that already
/// holds a form gets this one instead: the old one is unmounted (what it had in flight is
/// aborted, nothing more is told of it) and its handle does nothing any more.
#[wasm_bindgen]
pub fn mount(target: JsValue, options: JsValue) -> Result<MountHandle, JsError> {
    let error = |e: ConfigError| JsError::new(&e.message(Door::Mount));
    let host: HtmlElement = target
        .dyn_into()
        .map_err(|_| error(ConfigError::NoTarget))?;
    if host.local_name() == "graph-change-password" {
        return Err(error(ConfigError::NoTarget));
    }
    let options = JsOptions::read(options).map_err(error)?;
    let unknown = options.unknown_keys();
    if !unknown.is_empty() {
        web_sys::console::warn_1(
            &format!(
                "mount(targetElement, options): unknown option {}; it is ignored (README lists the options)",
                unknown.join(", ")
            )
            .into(),
        );
    }
    let config = Config::new(Options::read(&options).map_err(error)?).map_err(error)?;
    let get_token = options
        .get(Opt::GetToken)
        .and_then(|f| f.dyn_into::<Function>().ok())
        .map(GetToken::from_js)
        .ok_or_else(|| error(ConfigError::GetTokenNotFunction))?;
    if let Some(old) = mounted_in(&host) {
        release(old);
    }
    let tell = events::on(host.clone());
    let lang = nearest_lang(&host);
    let element = host.clone().into();
    let handle = leptos::mount::mount_to(host, move || {
        let config = Signal::stored(Ok(config));
        view! { <Room config=config get_token=get_token tell=tell door=Door::Mount lang=lang /> }
    });
    Ok(MountHandle {
        id: keep(element, Box::new(handle)),
    })
}
