//! The one place that talks to the network: asks the host for a token, sends the request built
//! by `request.rs` with gloo-net under a deadline, never follows a redirect, and hands the
//! answer to `outcome.rs`. On 401 it asks once more (`forceRefresh`, and the claims of Graph's
//! challenge) and retries once: a 401 changed nothing.

use super::challenge;
use super::deadline::{Deadline, Interrupted, Lifetime};
use super::jwt::Claims;
use super::outcome::{classify, revoked, Attempt, Outcome, SignOutEverywhere};
use super::request::{self, GraphRequest};
use crate::config::Config;
use crate::token::{usable, GetToken, TokenError, TokenRequest};
use gloo_net::http::{Request, RequestBuilder};
use wasm_bindgen::prelude::*;
use web_sys::{RequestCredentials, RequestRedirect, ResponseType};

/// Changes the password, then, if `sign_out_everywhere`, ends the user's sessions. `None` when
/// the form went away first: nothing is to be told.
pub async fn change_password(
    config: &Config,
    get_token: &GetToken,
    lifetime: &Lifetime,
    current: &str,
    new: &str,
    sign_out_everywhere: bool,
) -> Option<Attempt> {
    let mut attempt = change(config, get_token, lifetime, current, new).await?;
    if sign_out_everywhere && attempt.outcome == Outcome::Changed {
        attempt.sign_out = revoke(config, get_token, lifetime).await?;
    }
    Some(attempt)
}

async fn change(
    config: &Config,
    get_token: &GetToken,
    lifetime: &Lifetime,
    current: &str,
    new: &str,
) -> Option<Attempt> {
    let mut token_request = TokenRequest::change();
    let mut last: Option<Attempt> = None;
    for _attempt in 0..2 {
        let token = match token(config, get_token, lifetime, token_request).await {
            Ok(token) => token,
            Err(None) => return None,
            // After a 401, the 401 is what the user must hear about.
            Err(Some(error)) => {
                return Some(last.unwrap_or(Attempt::of(Outcome::TokenUnavailable(error))))
            }
        };
        let id = client_request_id();
        let (outcome, claims) =
            send_once(config, lifetime, &token, id.as_deref(), current, new).await?;
        let expired = matches!(outcome, Outcome::SignInExpired(_));
        last = Some(Attempt {
            client_request_id: id,
            ..Attempt::of(outcome)
        });
        if !expired {
            break;
        }
        token_request = TokenRequest::retry(claims);
    }
    last
}

/// A usable token from the host within `timeoutMs`; `Err(None)` if the form went away.
async fn token(
    config: &Config,
    get_token: &GetToken,
    lifetime: &Lifetime,
    request: TokenRequest,
) -> Result<String, Option<TokenError>> {
    let deadline = lifetime.deadline(config.timeout_ms);
    let answer = deadline
        .race(get_token.call(request))
        .await
        .map_err(|why| match why {
            Interrupted::Cancelled => None,
            Interrupted::TimedOut => Some(TokenError::TimedOut),
            Interrupted::Failed => Some(TokenError::Rejected),
        })?;
    let token = answer.map_err(Some)?;
    let token = usable(&token).map_err(Some)?;
    // For the page's developer: a JWT for the wrong API or scope, or already expired.
    if let Some(claims) = Claims::of(token) {
        let now = js_sys::Date::now() / 1000.0;
        for problem in claims.problems(now, &config.base_url) {
            if lifetime.first_time(problem) {
                web_sys::console::warn_1(&problem.message().into());
            }
        }
    }
    Ok(token.to_owned())
}

/// Ends every session of the user (Graph's revokeSignInSessions), after a change.
/// `None` when the form went away first.
async fn revoke(
    config: &Config,
    get_token: &GetToken,
    lifetime: &Lifetime,
) -> Option<SignOutEverywhere> {
    let token = match token(config, get_token, lifetime, TokenRequest::revoke()).await {
        Ok(token) => token,
        Err(None) => return None,
        Err(Some(_)) => return Some(SignOutEverywhere::Failed),
    };
    let deadline = lifetime.deadline(config.timeout_ms);
    let builder = prepare(&request::revoke(config, &token), &deadline);
    let answer = async {
        let response = builder.send().await.ok()?;
        let status = response.status();
        Some((status, response.text().await.ok()?))
    }
    .await;
    if lifetime.ended() {
        return None;
    }
    Some(answer.map_or(SignOutEverywhere::Failed, |(status, body)| {
        revoked(status, &body)
    }))
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
    let built = request::build(config, token, id, current, new);
    let deadline = lifetime.deadline(config.timeout_ms);
    let unanswered = |why| match why {
        Interrupted::Cancelled => None,
        Interrupted::TimedOut => Some((Outcome::Timeout, None)),
        Interrupted::Failed => Some((Outcome::NetworkError, None)),
    };
    let Ok(request) = prepare(&built, &deadline).body(built.body) else {
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

/// A POST as every Graph call here is sent: no cookies, no redirect followed, under `deadline`.
fn prepare(built: &GraphRequest, deadline: &Deadline) -> RequestBuilder {
    let mut builder = Request::post(&built.url)
        .credentials(RequestCredentials::Omit)
        .redirect(RequestRedirect::Manual)
        .abort_signal(deadline.signal().as_ref());
    for (name, value) in &built.headers {
        builder = builder.header(name, value);
    }
    builder
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
