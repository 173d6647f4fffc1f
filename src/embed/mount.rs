//! The JS-facing API: `mount(targetElement, options)` checks the options, mounts the form, and
//! returns a handle whose `unmount()` removes it. Nothing mounts until a page calls `mount`.

use crate::config::{Config, ConfigError};
use crate::form::ChangePasswordForm;
use crate::token::TokenSource;
use js_sys::{Function, Reflect};
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

thread_local! {
    /// Leptos' unmount handles of the mounted forms, by id. They live here, not in the JS
    /// handle: a page that drops or never keeps the handle must not lose the form when the
    /// garbage collector frees it.
    static MOUNTED: RefCell<Vec<(u32, Box<dyn Any>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// What `mount` returns to the host: call `unmount()` to remove the form.
#[wasm_bindgen]
pub struct MountHandle {
    id: u32,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the form from the page. Calling it twice does nothing the second time.
    pub fn unmount(&self) {
        // Take it out first: dropping it runs Leptos cleanups, which must not find the list borrowed.
        let taken = MOUNTED.with_borrow_mut(|m| {
            m.iter()
                .position(|(id, _)| *id == self.id)
                .map(|i| m.swap_remove(i))
        });
        drop(taken);
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

fn string_option(options: &JsValue, key: &'static str) -> Result<Option<String>, ConfigError> {
    get(options, key)
        .map(|v| v.as_string().ok_or(ConfigError::NotAString(key)))
        .transpose()
}

/// Reads and checks `options`: `getToken` (required), `baseUrl`, `userPrincipalName`, `timeoutMs`.
fn read_options(options: &JsValue) -> Result<(Config, TokenSource), ConfigError> {
    let get_token = get(options, "getToken")
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or(ConfigError::GetTokenNotFunction)?;
    let timeout = get(options, "timeoutMs")
        .map(|v| v.as_f64().ok_or(ConfigError::BadTimeout))
        .transpose()?;
    let config = Config::new(
        string_option(options, "baseUrl")?,
        string_option(options, "userPrincipalName")?,
        timeout,
    )?;
    Ok((config, TokenSource::new(get_token)))
}

/// Mounts the change-password form inside `target`. Throws a JS `Error` naming the problem
/// when `target` is not an element or an option is wrong.
#[wasm_bindgen]
pub fn mount(target: JsValue, options: JsValue) -> Result<MountHandle, JsError> {
    let host: HtmlElement = target
        .dyn_into()
        .map_err(|_| JsError::new(&ConfigError::NoTarget.to_string()))?;
    let (config, tokens) = read_options(&options).map_err(|e| JsError::new(&e.to_string()))?;
    let parent = host.clone();
    let handle = leptos::mount::mount_to(parent, move || {
        view! { <ChangePasswordForm config=config tokens=tokens host=host /> }
    });
    let id = NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    MOUNTED.with_borrow_mut(|m| m.push((id, Box::new(handle))));
    Ok(MountHandle { id })
}
