//! Loads a locale's texts when it is chosen, so an English page carries none of the others.
//! Each locale is a module that travels with the code as a wasm-bindgen snippet (`load.js`
//! imports it), so no door has files to place; a failed load falls back to English and tells the
//! page's developer once.

use super::texts::Texts;
use super::Locale;
use crate::graph::deadline::{Interrupted, Lifetime};
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/i18n/load.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadLocale)]
    fn load_locale(tag: &str) -> js_sys::Promise;
}

// Declared so wasm-bindgen copies each locale module into the bundle's snippets; nothing imports
// them statically (load.js does, when one is chosen).
#[wasm_bindgen(module = "/locales/de.js")]
extern "C" {
    type De;
}
#[wasm_bindgen(module = "/locales/fr.js")]
extern "C" {
    type Fr;
}
#[wasm_bindgen(module = "/locales/es.js")]
extern "C" {
    type Es;
}
#[wasm_bindgen(module = "/locales/pt-BR.js")]
extern "C" {
    type PtBr;
}
#[wasm_bindgen(module = "/locales/ja.js")]
extern "C" {
    type Ja;
}
#[wasm_bindgen(module = "/locales/zh-Hans.js")]
extern "C" {
    type ZhHans;
}
#[wasm_bindgen(module = "/locales/ar.js")]
extern "C" {
    type Ar;
}

/// How long a locale may take to arrive before the form speaks English instead.
const LOAD_AT_MOST_MS: u32 = 10_000;

thread_local! {
    /// Locales already loaded, so later forms on the page need no download.
    static LOADED: RefCell<Vec<Arc<Texts>>> = const { RefCell::new(Vec::new()) };
}

/// The texts of `locale`: English at once, others loaded once. English, with one
/// `console.warn` naming what failed, if a load fails or takes over ten seconds; `None` if the
/// form went away meanwhile (nothing to show, nobody to tell).
pub async fn texts(locale: Locale, lifetime: &Lifetime) -> Option<Arc<Texts>> {
    if locale == Locale::En {
        return Some(Texts::english());
    }
    if let Some(t) = LOADED.with_borrow(|l| l.iter().find(|t| t.locale == locale).cloned()) {
        return Some(t);
    }
    let deadline = lifetime.deadline(LOAD_AT_MOST_MS);
    let problem = match deadline
        .race(JsFuture::from(load_locale(locale.tag())))
        .await
    {
        Ok(Ok(table)) => match Texts::from_js(locale, &table) {
            Ok(t) => {
                let t = Arc::new(t);
                LOADED.with_borrow_mut(|l| l.push(t.clone()));
                return Some(t);
            }
            Err(_) => "it is not a complete table".to_owned(),
        },
        Ok(Err(why)) => why.as_string().unwrap_or_default(),
        Err(Interrupted::Cancelled) => return None,
        Err(_) => format!("no answer within {} s", LOAD_AT_MOST_MS / 1000),
    };
    web_sys::console::warn_1(
        &format!(
            "graph-change-password: the {} texts could not be loaded: {problem}. Showing English; \
             serve the bundle's snippets/ folder as it comes.",
            locale.tag()
        )
        .into(),
    );
    Some(Texts::english())
}
