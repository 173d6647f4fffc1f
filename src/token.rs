//! The token contract every way in shares: what the component asks the host's `getToken` for
//! (`{ reason, forceRefresh, claims }`), and which answers it can use. The host's token is asked
//! afresh for every request, bounded by `timeoutMs`, never stored and never logged.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// Why the component wants a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The first request of a submit.
    Change,
    /// The one retry of the change after Graph answered 401.
    Retry,
    /// Ending the user's sessions after the change (`User.RevokeSessions.All`): asked before
    /// the change is sent, and again, with `forceRefresh`, if Graph answers the revoke 401.
    Revoke,
}

impl Reason {
    /// The string the host sees in `request.reason`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Change => "change",
            Reason::Retry => "retry",
            Reason::Revoke => "revoke",
        }
    }
}

/// The argument of `getToken(request)`. A host that ignores it keeps working; an MSAL host
/// passes `forceRefresh` and `claims` to `acquireTokenSilent`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRequest {
    pub reason: Reason,
    /// True on the retry after a 401: the cached token was refused.
    pub force_refresh: bool,
    /// The decoded claims of Graph's `insufficient_claims` challenge, if it sent one.
    pub claims: Option<String>,
}

impl TokenRequest {
    /// For the first request of a submit.
    pub fn change() -> Self {
        Self {
            reason: Reason::Change,
            force_refresh: false,
            claims: None,
        }
    }

    /// For ending the user's sessions after a change.
    pub fn revoke() -> Self {
        Self {
            reason: Reason::Revoke,
            force_refresh: false,
            claims: None,
        }
    }

    /// For the one retry after a 401 (`Retry` for the change, `Revoke` for the revoke: the
    /// scopes differ), with the challenge's claims when Graph sent them.
    pub fn retry(reason: Reason, claims: Option<String>) -> Self {
        Self {
            reason,
            force_refresh: true,
            claims,
        }
    }
}

/// Why the host's `getToken` gave no usable token; in every case nothing is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenError {
    Threw,
    Rejected,
    NotAString,
    Empty,
    /// Bytes an HTTP header cannot carry (a line break, a non-ASCII character, a space).
    NotHeaderSafe,
    /// `getToken` did not settle within `timeoutMs`.
    TimedOut,
}

/// The token as it goes into `Authorization: Bearer …`, if it can: visible ASCII only (what
/// RFC 6750 tokens and JWTs are made of). Anything else would make the browser's header call
/// throw, or send a header Graph must refuse.
pub fn usable(token: &str) -> Result<&str, TokenError> {
    // What `fetch` strips from a header value's ends (HTTP whitespace) is stripped here too.
    let token = token.trim_matches([' ', '\t', '\r', '\n']);
    if token.is_empty() {
        Err(TokenError::Empty)
    } else if token.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(token)
    } else {
        Err(TokenError::NotHeaderSafe)
    }
}

/// What a token source's future yields.
pub type TokenFuture = Pin<Box<dyn Future<Output = Result<String, TokenError>>>>;

/// The host's token source, whichever door it came through: a Rust async closure from a Leptos
/// app, or the page's JS `getToken`. Called for every request; its answer is never stored.
#[derive(Clone)]
pub struct GetToken(Rc<dyn Fn(TokenRequest) -> TokenFuture>);

impl GetToken {
    /// From a Rust async closure; any error means "no token" (the user is asked to sign in).
    pub fn new<F, Fut, E>(get_token: F) -> Self
    where
        F: Fn(TokenRequest) -> Fut + 'static,
        Fut: Future<Output = Result<String, E>> + 'static,
    {
        Self(Rc::new(move |request| {
            let answer = get_token(request);
            Box::pin(async move { answer.await.map_err(|_| TokenError::Rejected) })
        }))
    }

    /// From the page's `getToken(request)`, which returns a token or a Promise (any thenable) of one.
    pub fn from_js(get_token: js_sys::Function) -> Self {
        use js_sys::Promise;
        use wasm_bindgen::JsValue;
        use wasm_bindgen_futures::JsFuture;
        Self(Rc::new(move |request| {
            let get_token = get_token.clone();
            Box::pin(async move {
                let value = get_token
                    .call1(&JsValue::UNDEFINED, &request.to_js())
                    .map_err(|_| TokenError::Threw)?;
                let value = JsFuture::from(Promise::resolve(&value))
                    .await
                    .map_err(|_| TokenError::Rejected)?;
                value.as_string().ok_or(TokenError::NotAString)
            })
        }))
    }

    /// Asks for a token.
    pub fn call(&self, request: TokenRequest) -> TokenFuture {
        (self.0)(request)
    }
}

impl<F, Fut, E> From<F> for GetToken
where
    F: Fn(TokenRequest) -> Fut + 'static,
    Fut: Future<Output = Result<String, E>> + 'static,
{
    fn from(get_token: F) -> Self {
        Self::new(get_token)
    }
}

impl TokenRequest {
    /// `{ reason, forceRefresh, claims? }`, as README documents it for `getToken`.
    pub fn to_js(&self) -> wasm_bindgen::JsValue {
        use js_sys::{Object, Reflect};
        use wasm_bindgen::JsValue;
        let o = Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = Reflect::set(&o, &JsValue::from_str(k), &v);
        };
        set("reason", JsValue::from_str(self.reason.as_str()));
        set("forceRefresh", JsValue::from_bool(self.force_refresh));
        if let Some(claims) = &self.claims {
            set("claims", JsValue::from_str(claims));
        }
        o.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwts_and_opaque_tokens_are_usable() {
        assert_eq!(
            usable("eyJ0eXAi.eyJhdWQi.c2ln-_"),
            Ok("eyJ0eXAi.eyJhdWQi.c2ln-_")
        );
        assert_eq!(usable("demo-token"), Ok("demo-token"));
        assert_eq!(usable(" padded\t"), Ok("padded"));
        assert_eq!(usable("line-ended\r\n"), Ok("line-ended"));
    }

    #[test]
    fn tokens_a_header_cannot_hold_are_refused() {
        for bad in [
            "a\nb",
            "a\r\nX-Evil: 1",
            "tök",
            "token€",
            "two words",
            "nul\0",
            "😀",
        ] {
            assert_eq!(usable(bad), Err(TokenError::NotHeaderSafe), "{bad:?}");
        }
        for empty in ["", "  ", "\t", "\r\n"] {
            assert_eq!(usable(empty), Err(TokenError::Empty), "{empty:?}");
        }
    }

    #[test]
    fn retry_forces_a_refresh_and_carries_claims() {
        assert!(!TokenRequest::change().force_refresh);
        let r = TokenRequest::retry(Reason::Retry, Some("{}".into()));
        assert_eq!((r.reason.as_str(), r.force_refresh), ("retry", true));
        assert_eq!(r.claims.as_deref(), Some("{}"));
        assert_eq!(Reason::Change.as_str(), "change");
        assert_eq!(Reason::Revoke.as_str(), "revoke");
    }
}
