//! Fetches a locale's texts when it is chosen, so an English page carries none of the others.
//! The files sit in `locales/` beside the bundle's JS; a failed load falls back to English.

use super::texts::Texts;
use super::Locale;
use crate::graph::deadline::Lifetime;
use gloo_net::http::Request;
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/i18n/locale_url.js")]
extern "C" {
    /// `locales/{tag}.json` next to the bundle's JS module (caught: an odd module URL throws).
    #[wasm_bindgen(catch, js_name = localeUrl)]
    fn locale_url(tag: &str) -> Result<String, JsValue>;
}

/// How long a locale may take to arrive before the form speaks English instead.
const LOAD_AT_MOST_MS: u32 = 10_000;

thread_local! {
    /// Locales already fetched, so later forms on the page need no download.
    static LOADED: RefCell<Vec<(Locale, Arc<Texts>)>> = const { RefCell::new(Vec::new()) };
}

/// The texts of `locale`: English at once, others fetched once; English if the fetch fails or
/// takes longer than ten seconds.
pub async fn texts(locale: Locale) -> Arc<Texts> {
    if locale == Locale::En {
        return Texts::english();
    }
    if let Some(t) =
        LOADED.with_borrow(|l| l.iter().find(|(k, _)| *k == locale).map(|(_, t)| t.clone()))
    {
        return t;
    }
    let deadline = Lifetime::default().deadline(LOAD_AT_MOST_MS);
    let fetched = async {
        let response = Request::get(&locale_url(locale.tag()).ok()?)
            .abort_signal(deadline.signal().as_ref())
            .send()
            .await
            .ok()?;
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
