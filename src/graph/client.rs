//! The one place that talks to the network: sends the request built by `request.rs` with
//! gloo-net, under a timeout, and hands the answer to `outcome.rs`.

use super::outcome::{classify, Outcome};
use super::request;
use crate::config::Config;
use crate::token::TokenSource;
use gloo_net::http::Request;
use web_sys::{AbortSignal, RequestCredentials};

/// The outcome of one submit, with the id support can trace it by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    pub outcome: Outcome,
    /// The `client-request-id` of the last request sent, if one was sent.
    pub client_request_id: Option<String>,
}

/// Changes the password: asks the host for a token, sends, and on 401 asks once more and
/// retries once (a 401 changed nothing, and the host may hold a fresher token).
pub async fn change_password(
    config: &Config,
    tokens: &TokenSource,
    current: &str,
    new: &str,
) -> Sent {
    let mut sent = Sent {
        outcome: Outcome::SignInRequired,
        client_request_id: None,
    };
    for _attempt in 0..2 {
        let Ok(token) = tokens.token().await else {
            return Sent {
                outcome: Outcome::SignInRequired,
                ..sent
            };
        };
        let id = client_request_id();
        let outcome = send_once(config, &token, &id, current, new).await;
        sent = Sent {
            outcome,
            client_request_id: Some(id),
        };
        if !matches!(sent.outcome, Outcome::SignInExpired(_)) {
            break;
        }
    }
    sent
}

async fn send_once(config: &Config, token: &str, id: &str, current: &str, new: &str) -> Outcome {
    let built = request::build(&config.base_url, token, id, current, new);
    let signal = AbortSignal::timeout_with_u32(config.timeout_ms);
    let unreachable = || Outcome::Unreachable {
        timed_out: signal.aborted(),
    };
    let mut builder = Request::post(&built.url)
        .credentials(RequestCredentials::Omit)
        .abort_signal(Some(&signal));
    for (name, value) in &built.headers {
        builder = builder.header(name, value);
    }
    let Ok(request) = builder.body(built.body) else {
        return unreachable();
    };
    let Ok(response) = request.send().await else {
        return unreachable();
    };
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    let Ok(body) = response.text().await else {
        return unreachable();
    };
    classify(status, retry_after.as_deref(), &body)
}

/// A fresh UUID-shaped `client-request-id` from the browser's CSPRNG.
fn client_request_id() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    request::uuid_v4(bytes)
}
