//! The breach check's I/O: the SHA-1 by the browser's `crypto.subtle`, then one GET of the range,
//! its own request (no cookies, no referrer, no `Authorization` or `client-request-id`, redirects
//! refused, `Add-Padding: true`), all within three seconds, the CORS preflight that header causes
//! included. When it cannot answer, the change goes ahead and the page's developer is told why.

use super::{range_url, verdict, Verdict};
use crate::graph::deadline::{Interrupted, Lifetime};
use gloo_net::http::Request;
use js_sys::{ArrayBuffer, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, ReferrerPolicy, RequestCredentials, RequestInit, RequestRedirect};

/// How long the check may take before the change goes ahead without it.
const DEADLINE_MS: u32 = 3_000;

#[wasm_bindgen]
extern "C" {
    /// `crypto.subtle.digest(algorithm, data)`, caught: absent outside secure contexts.
    #[wasm_bindgen(catch, js_namespace = ["crypto", "subtle"], js_name = digest)]
    fn digest(algorithm: &str, data: &[u8]) -> Result<Promise, JsValue>;
}

/// The verdict on `password` from the range API at `base`; `None` if the form went away.
pub async fn check(base: &str, password: &str, lifetime: &Lifetime) -> Option<Verdict> {
    let deadline = lifetime.deadline(DEADLINE_MS);
    let signal = deadline.signal();
    let asked = deadline.race(async {
        let hash = sha1(password)
            .await
            .ok_or("crypto.subtle is not available (the page is not a secure context)")?;
        let request = get(&range_url(base, &hash), signal.as_ref()).ok_or("the request")?;
        let response = request.send().await.map_err(|_| "no answer")?;
        if response.status() != 200 {
            return Err("an answer other than 200");
        }
        let text = response.text().await.map_err(|_| "no answer")?;
        verdict(&text, &hash).ok_or("an answer that is not a range: no SUFFIX:COUNT line")
    });
    // The fetch is aborted by the deadline's own signal, so it may fail before `race` sees the
    // abort: the deadline, not the order of the two, says why the wait ended.
    let why = match (asked.await, deadline.interruption()) {
        (Ok(Ok(found)), _) => return Some(found),
        (_, Interrupted::Cancelled) => return None,
        (_, Interrupted::TimedOut) => "no answer within 3 seconds",
        (Ok(Err(why)), Interrupted::Failed) => why,
        (Err(_), Interrupted::Failed) => "no answer",
    };
    web_sys::console::warn_1(
        &format!(
            "graph-change-password: the breached-password check at {base} could not answer ({why}), so the change went ahead without it."
        )
        .into(),
    );
    Some(Verdict::Unknown)
}

/// The password's SHA-1 as 40 upper-case hex digits, by the browser.
async fn sha1(password: &str) -> Option<String> {
    let promise = digest("SHA-1", password.as_bytes()).ok()?;
    let buffer: ArrayBuffer = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
    Some(super::hex(&Uint8Array::new(&buffer).to_vec()))
}

/// The range request: its own, not the Graph path's.
fn get(url: &str, signal: Option<&web_sys::AbortSignal>) -> Option<Request> {
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_credentials(RequestCredentials::Omit);
    init.set_redirect(RequestRedirect::Error);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_signal(signal);
    let headers = Headers::new().ok()?;
    headers.set("Add-Padding", "true").ok()?;
    init.set_headers(&headers);
    web_sys::Request::new_with_str_and_init(url, &init)
        .ok()
        .map(Request::from)
}
