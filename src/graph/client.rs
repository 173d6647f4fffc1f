//! The one place that talks to the network: asks the host for a token, sends the request built
//! by `request.rs` with gloo-net under a deadline, never follows a redirect, and hands the
//! answer to `outcome.rs`. On 401 it asks once more (`forceRefresh`, and the claims of Graph's
//! challenge) and retries once: a 401 changed nothing.

use super::challenge;
use super::deadline::{Interrupted, Lifetime};
use super::outcome::{classify, Outcome};
use super::request;
use crate::config::Config;
use crate::token::{TokenRequest, TokenSource};
use gloo_net::http::Request;
use wasm_bindgen::prelude::*;
use web_sys::{RequestCredentials, RequestRedirect, ResponseType};

/// What one submit came to, with the id support can trace it by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub outcome: Outcome,
    /// The `client-request-id` of the last request sent, if one was sent.
    pub client_request_id: Option<String>,
}

impl Attempt {
    fn unsent(outcome: Outcome) -> Self {
        Self {
            outcome,
            client_request_id: None,
        }
    }
}

/// Changes the password. `None` when the form went away first: nothing is to be told.
pub async fn change_password(
    config: &Config,
    tokens: &TokenSource,
    lifetime: &Lifetime,
    current: &str,
    new: &str,
) -> Option<Attempt> {
    let mut token_request = TokenRequest::change();
    let mut last: Option<Attempt> = None;
    for _attempt in 0..2 {
        let token = {
            let deadline = lifetime.deadline(config.timeout_ms);
            match tokens.token(&token_request, &deadline).await {
                Ok(token) => token,
                Err(None) => return None,
                // After a 401, the 401 is what the user must hear about.
                Err(Some(error)) => {
                    return Some(last.unwrap_or(Attempt::unsent(Outcome::TokenUnavailable(error))))
                }
            }
        };
        let id = client_request_id();
        let (outcome, claims) =
            send_once(config, lifetime, &token, id.as_deref(), current, new).await?;
        let expired = matches!(outcome, Outcome::SignInExpired(_));
        last = Some(Attempt {
            outcome,
            client_request_id: id,
        });
        if !expired {
            break;
        }
        token_request = TokenRequest::retry(claims);
    }
    last
}

/// One request; the outcome and, on 401, the claims Graph challenged for.
async fn send_once(
    config: &Config,
    lifetime: &Lifetime,
    token: &str,
    id: Option<&str>,
    current: &str,
    new: &str,
) -> Option<(Outcome, Option<String>)> {
    let built = request::build(&config.base_url, token, id, current, new);
    let deadline = lifetime.deadline(config.timeout_ms);
    let unanswered = |why| match why {
        Interrupted::Cancelled => None,
        Interrupted::TimedOut => Some((Outcome::Timeout, None)),
        Interrupted::Failed => Some((Outcome::NetworkError, None)),
    };
    let mut builder = Request::post(&built.url)
        .credentials(RequestCredentials::Omit)
        .redirect(RequestRedirect::Manual)
        .abort_signal(deadline.signal().as_ref());
    for (name, value) in &built.headers {
        builder = builder.header(name, value);
    }
    let Ok(request) = builder.body(built.body) else {
        return unanswered(Interrupted::Failed);
    };
    let response = match request.send().await {
        Ok(response) => response,
        Err(_) => return unanswered(deadline.interruption()),
    };
    if response.type_() == ResponseType::Opaqueredirect {
        return Some((Outcome::Redirected, None));
    }
    let status = response.status();
    let headers = response.headers();
    let retry_after = headers.get("retry-after");
    let claims = headers
        .get("www-authenticate")
        .and_then(|h| challenge::claims(&h));
    let body = match response.text().await {
        Ok(body) => body,
        Err(_) => return unanswered(deadline.interruption()),
    };
    if lifetime.ended() {
        return None;
    }
    Some((classify(status, retry_after.as_deref(), &body), claims))
}

#[wasm_bindgen]
extern "C" {
    /// `crypto.randomUUID()`, caught: a page may lack it or have replaced it.
    #[wasm_bindgen(catch, js_namespace = crypto, js_name = randomUUID)]
    fn random_uuid() -> Result<JsValue, JsValue>;
}

/// A fresh `client-request-id` from the browser's `crypto.randomUUID()`; none if that fails,
/// rather than an id that is not unique.
fn client_request_id() -> Option<String> {
    random_uuid()
        .ok()?
        .as_string()
        .filter(|id| request::is_request_id(id))
}
