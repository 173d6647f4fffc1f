//! The host's `getToken` callback: asked afresh for every request, never stored, never logged.

use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Why no token could be had; any of them means "sign in again", and nothing is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenError {
    Threw,
    Rejected,
    NotAString,
    Empty,
}

/// The host page's `getToken`: returns an access token, or a Promise of one.
#[derive(Clone)]
pub struct TokenSource(Function);

impl TokenSource {
    pub fn new(get_token: Function) -> Self {
        Self(get_token)
    }

    /// Calls the host and awaits its answer.
    pub async fn token(&self) -> Result<String, TokenError> {
        let value = self
            .0
            .call0(&JsValue::UNDEFINED)
            .map_err(|_| TokenError::Threw)?;
        // `Promise.resolve` turns strings, Promises and other thenables alike into one Promise.
        let value = JsFuture::from(Promise::resolve(&value))
            .await
            .map_err(|_| TokenError::Rejected)?;
        let token = value.as_string().ok_or(TokenError::NotAString)?;
        if token.trim().is_empty() {
            return Err(TokenError::Empty);
        }
        Ok(token)
    }
}
