//! Fetches a locale's texts when it is chosen, so an English page carries none of the others.
//! The files sit in `locales/` beside the bundle's JS; a failed load falls back to English.

use super::texts::Texts;
use super::Locale;
use gloo_net::http::Request;
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/i18n/locale_url.js")]
extern "C" {
    /// `locales/{tag}.json` next to the bundle's JS module.
    #[wasm_bindgen(js_name = localeUrl)]
    fn locale_url(tag: &str) -> String;
}

thread_local! {
    /// Locales already fetched, so every form on the page shares one download.
    static LOADED: RefCell<Vec<(Locale, Arc<Texts>)>> = const { RefCell::new(Vec::new()) };
}

/// The texts of `locale`: English at once, others fetched once; English if the fetch fails.
pub async fn texts(locale: Locale) -> Arc<Texts> {
    if locale == Locale::En {
        return Texts::english();
    }
    if let Some(t) =
        LOADED.with_borrow(|l| l.iter().find(|(k, _)| *k == locale).map(|(_, t)| t.clone()))
    {
        return t;
    }
    let fetched = async {
        let response = Request::get(&locale_url(locale.tag())).send().await.ok()?;
        if !response.ok() {
            return None;
        }
        Texts::parse(locale, &response.text().await.ok()?).ok()
    }
    .await;
    match fetched {
        Some(t) => {
            let t = Arc::new(t);
            LOADED.with_borrow_mut(|l| l.push((locale, t.clone())));
            t
        }
        None => Texts::english(),
    }
}
