//! The one place that talks to Graph: asks the host for a token, sends the requests built by
//! `request.rs` with gloo-net under a deadline, never follows a redirect, and hands the answers
//! to `outcome.rs`. A 401 changed nothing, so each call asks once more (`forceRefresh`, and the
//! claims of Graph's challenge) and retries once.

use super::challenge;
use super::deadline::{Deadline, Interrupted, Lifetime};
use super::jwt::{Claims, TokenProblem};
use super::outcome::{classify, Attempt, Outcome};
use super::request::{self, GraphRequest};
use super::revoke::{revoked, SignedOutEverywhere};
use crate::config::Config;
use crate::token::{usable, GetToken, Reason, TokenError, TokenRequest};
use gloo_net::http::{Request, Response};
use wasm_bindgen::prelude::*;
use web_sys::{Headers, RequestCredentials, RequestInit, RequestRedirect, ResponseType};

/// A usable token from the host for `request.reason`'s call, within `timeoutMs`; `Err(None)` if
/// the form went away. A JWT for the wrong API or scope, or already expired, is told to the
/// page's developer once.
pub async fn token(
    config: &Config,
    get_token: &GetToken,
    lifetime: &Lifetime,
    request: TokenRequest,
) -> Result<String, Option<TokenError>> {
    let reason = request.reason;
    let deadline = lifetime.deadline(config.timeout_ms);
    let answer = deadline
        .race(get_token.call(request))
        .await
        .map_err(|why| match why {
            Interrupted::Cancelled => None,
            Interrupted::TimedOut => Some(TokenError::TimedOut),
            Interrupted::Failed => Some(TokenError::Rejected),
        });
    let token = answer
        .and_then(|a| a.map_err(Some))
        .and_then(|t| usable(&t).map(str::to_owned).map_err(Some));
    let token = match token {
        Ok(token) => token,
        Err(Some(why)) => {
            // The user reads "sign in again"; the developer learns why, once per form.
            if lifetime.first_time(TokenProblem::Unusable(why)) {
                web_sys::console::warn_1(&TokenProblem::Unusable(why).message().into());
            }
            return Err(Some(why));
        }
        Err(None) => return Err(None),
    };
    let token = token.as_str();
    if let Some(claims) = Claims::of(token) {
        let now = js_sys::Date::now() / 1000.0;
        for problem in claims.problems(now, &config.base_url, reason) {
            if lifetime.first_time(problem) {
                web_sys::console::warn_1(&problem.message().into());
            }
        }
    }
    Ok(token.to_owned())
}

/// Changes the password; `sending` is called when a request leaves. `None` when the form went
/// away first: nothing is to be told.
pub async fn change(
    config: &Config,
    get_token: &GetToken,
    lifetime: &Lifetime,
    current: &str,
    new: &str,
    sending: &dyn Fn(),
) -> Option<Attempt> {
    let mut token_request = TokenRequest::change();
    let mut last: Option<Attempt> = None;
    for _attempt in 0..2 {
        let token = match token(config, get_token, lifetime, token_request).await {
            Ok(token) => token,
            Err(None) => return None,
            // After a 401, the 401 is what the user must hear about.
            Err(Some(error)) => {
                let none = Outcome::TokenUnavailable(error, Reason::Change);
                return Some(last.unwrap_or(Attempt::of(none)));
            }
        };
        let id = client_request_id();
        sending();
        let built = request::build(config, &token, id.as_deref(), current, new);
        let (outcome, claims) = send(config, lifetime, &built).await?;
        let expired = matches!(outcome, Outcome::SignInExpired(_));
        last = Some(Attempt {
            client_request_id: id,
            ..Attempt::of(outcome)
        });
        if !expired {
            break;
        }
        token_request = TokenRequest::retry(Reason::Retry, claims);
    }
    last
}

/// Ends every session of the user (Graph's revokeSignInSessions) with `token`, asked for before
/// the change. Sent with `keepalive`, so a page that navigates away at once still delivers it,
/// and under its own deadline, so a form unmounted once the password changed (a page moving on
/// at `password-changed`) does not cancel what the user asked for: it only tells nothing more
/// (`None`) and asks no token again.
pub async fn revoke(
    config: &Config,
    get_token: &GetToken,
    lifetime: &Lifetime,
    mut token: String,
) -> Option<SignedOutEverywhere> {
    let own = Lifetime::default();
    for attempt in 0..2 {
        let deadline = own.deadline(config.timeout_ms);
        let built = request::revoke(config, &token);
        let response = match post(&built, &deadline, true)?.send().await {
            Ok(response) => response,
            Err(_) => return (!lifetime.ended()).then(SignedOutEverywhere::unanswered),
        };
        if response.type_() == ResponseType::Opaqueredirect {
            return Some(SignedOutEverywhere::unanswered());
        }
        let (status, claims, request_id) = (
            response.status(),
            challenge_claims(&response),
            response.headers().get("request-id"),
        );
        let body = deadline.race(response.text()).await;
        if lifetime.ended() {
            return None;
        }
        let Ok(Ok(body)) = body else {
            return Some(SignedOutEverywhere::unanswered());
        };
        if status == 401 && attempt == 0 {
            let again = TokenRequest::retry(Reason::Revoke, claims);
            match self::token(config, get_token, lifetime, again).await {
                Ok(fresh) => token = fresh,
                Err(None) => return None,
                Err(Some(_)) => return Some(revoked(status, request_id, &body)),
            }
            continue;
        }
        return Some(revoked(status, request_id, &body));
    }
    Some(SignedOutEverywhere::unanswered())
}

/// The claims of Graph's `insufficient_claims` challenge, if the answer carries one.
fn challenge_claims(response: &Response) -> Option<String> {
    response
        .headers()
        .get("www-authenticate")
        .and_then(|h| challenge::claims(&h))
}

/// One change request; the outcome and, on 401, the claims Graph challenged for.
async fn send(
    config: &Config,
    lifetime: &Lifetime,
    built: &GraphRequest,
) -> Option<(Outcome, Option<String>)> {
    let deadline = lifetime.deadline(config.timeout_ms);
    let unanswered = |why| match why {
        Interrupted::Cancelled => None,
        Interrupted::TimedOut => Some((Outcome::Timeout, None)),
        Interrupted::Failed => Some((Outcome::NetworkError, None)),
    };
    let Some(request) = post(built, &deadline, false) else {
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
    let retry_after = response.headers().get("retry-after");
    let claims = challenge_claims(&response);
    let body = match response.text().await {
        Ok(body) => body,
        Err(_) => return unanswered(deadline.interruption()),
    };
    if lifetime.ended() {
        return None;
    }
    let now = (js_sys::Date::now() / 1000.0) as u64;
    Some((classify(status, retry_after.as_deref(), &body, now), claims))
}

/// A POST as every Graph call here is sent: no cookies, no redirect followed, under `deadline`;
/// `keepalive` lets it outlive the page. `None` if the browser refuses to build it.
fn post(built: &GraphRequest, deadline: &Deadline, keepalive: bool) -> Option<Request> {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_credentials(RequestCredentials::Omit);
    init.set_redirect(RequestRedirect::Manual);
    if keepalive {
        // Not in web-sys's RequestInit yet; it is a plain dictionary.
        let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &JsValue::TRUE);
    }
    init.set_signal(deadline.signal().as_ref());
    let headers = Headers::new().ok()?;
    for (name, value) in &built.headers {
        headers.set(name, value).ok()?;
    }
    init.set_headers(&headers);
    if !built.body.is_empty() {
        init.set_body(&JsValue::from_str(&built.body));
    }
    web_sys::Request::new_with_str_and_init(&built.url, &init)
        .ok()
        .map(Request::from)
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
