//! `mount(targetElement, options)`: checks the options, mounts the form, and returns a handle
//! whose `unmount()` removes it. Nothing mounts until a page calls `mount`.

use super::{events, keep, release};
use crate::component::Room;
use crate::config::{Config, ConfigError, Door, Opt, Options};
use crate::token::GetToken;
use js_sys::{Function, Reflect};
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
    /// Removes the form from the page, aborting a request in flight. A second call does nothing.
    pub fn unmount(&self) {
        release(self.id);
    }
}

fn get(options: &JsValue, key: &str) -> Option<JsValue> {
    if !options.is_object() {
        return None;
    }
    Reflect::get(options, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn string_option(options: &JsValue, key: &str, opt: Opt) -> Result<Option<String>, ConfigError> {
    get(options, key)
        .map(|v| v.as_string().ok_or(ConfigError::NotAString(opt)))
        .transpose()
}

/// A `strings` object's entries; a value that is not a string is kept as `None` to be refused.
pub(crate) fn strings_of(value: &JsValue) -> Vec<(String, Option<String>)> {
    let Some(object) = value.dyn_ref::<js_sys::Object>() else {
        return Vec::new();
    };
    js_sys::Object::entries(object)
        .iter()
        .filter_map(|pair| {
            let pair: js_sys::Array = pair.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()))
        })
        .collect()
}

/// Reads and checks `options`: `getToken` (required), `baseUrl`, `userPrincipalName`,
/// `userId`, `timeoutMs`, `offerSignOutEverywhere`, `resetPasswordUrl`.
fn read_options(options: &JsValue) -> Result<(Config, GetToken), ConfigError> {
    let get_token = get(options, "getToken")
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or(ConfigError::GetTokenNotFunction)?;
    let timeout = get(options, "timeoutMs")
        .map(|v| v.as_f64().ok_or(ConfigError::BadTimeout))
        .transpose()?;
    let config = Config::new(Options {
        base_url: string_option(options, "baseUrl", Opt::BaseUrl)?,
        user_principal_name: string_option(options, "userPrincipalName", Opt::UserPrincipalName)?,
        user_id: string_option(options, "userId", Opt::UserId)?,
        timeout_ms: timeout,
        offer_sign_out_everywhere: get(options, "offerSignOutEverywhere")
            .is_some_and(|v| v.is_truthy()),
        reset_password_url: string_option(options, "resetPasswordUrl", Opt::ResetPasswordUrl)?,
        locale: string_option(options, "locale", Opt::Locale)?,
        strings: get(options, "strings")
            .map(|v| strings_of(&v))
            .unwrap_or_default(),
    })?;
    Ok((config, GetToken::from_js(get_token)))
}

/// The `lang` of the element or its nearest ancestor that has one.
pub(crate) fn nearest_lang(element: &HtmlElement) -> Option<String> {
    element
        .closest("[lang]")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"))
        .filter(|l| !l.trim().is_empty())
}

/// Mounts the change-password form inside `target`. Throws a JS `Error` naming the problem
/// when `target` is not an element or an option is wrong.
#[wasm_bindgen]
pub fn mount(target: JsValue, options: JsValue) -> Result<MountHandle, JsError> {
    let host: HtmlElement = target
        .dyn_into()
        .map_err(|_| JsError::new(&ConfigError::NoTarget.message(Door::Mount)))?;
    let (config, get_token) =
        read_options(&options).map_err(|e| JsError::new(&e.message(Door::Mount)))?;
    let report = events::on(host.clone());
    let lang = nearest_lang(&host);
    let handle = leptos::mount::mount_to(host, move || {
        let config = Signal::stored(Ok(config));
        view! { <Room config=config get_token=get_token report=report door=Door::Mount lang=lang /> }
    });
    Ok(MountHandle {
        id: keep(Box::new(handle)),
    })
}
