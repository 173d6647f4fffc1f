//! The token contract every way in shares: what the component asks the host's `getToken` for
//! (`{ reason, forceRefresh, claims }`), and which answers it can use. The host's token is asked
//! afresh for every request, bounded by `timeoutMs`, never stored and never logged.

/// Why the component wants a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The first request of a submit.
    Change,
    /// The one retry after Graph answered 401.
    Retry,
    /// Ending the user's other sessions after a change.
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

    /// For the retry after a 401, with the challenge's claims when Graph sent them.
    pub fn retry(claims: Option<String>) -> Self {
        Self {
            reason: Reason::Retry,
            force_refresh: true,
            claims,
        }
    }
}

/// Why the host's `getToken` gave no usable token; in every case nothing is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
    let token = token.trim_matches([' ', '\t']);
    if token.is_empty() {
        Err(TokenError::Empty)
    } else if token.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(token)
    } else {
        Err(TokenError::NotHeaderSafe)
    }
}

#[cfg(target_arch = "wasm32")]
pub use host::TokenSource;

#[cfg(target_arch = "wasm32")]
mod host {
    use super::{usable, TokenError, TokenRequest};
    use crate::graph::deadline::{Deadline, Interrupted};
    use js_sys::{Function, Object, Promise, Reflect};
    use wasm_bindgen::JsValue;

    /// The host page's `getToken(request)`: returns an access token, or a Promise of one.
    #[derive(Clone)]
    pub struct TokenSource(Function);

    impl TokenSource {
        pub fn new(get_token: Function) -> Self {
            Self(get_token)
        }

        /// Calls the host and awaits its answer, no longer than `deadline` allows.
        /// `Err(None)` means the form went away while waiting.
        pub async fn token(
            &self,
            request: &TokenRequest,
            deadline: &Deadline,
        ) -> Result<String, Option<TokenError>> {
            let value = self
                .0
                .call1(&JsValue::UNDEFINED, &to_js(request))
                .map_err(|_| TokenError::Threw)?;
            // `Promise.resolve` turns strings, Promises and other thenables alike into one Promise.
            let value = deadline
                .race(Promise::resolve(&value))
                .await
                .map_err(|e| match e {
                    Interrupted::Cancelled => None,
                    Interrupted::TimedOut => Some(TokenError::TimedOut),
                    Interrupted::Failed => Some(TokenError::Rejected),
                })?;
            let token = value.as_string().ok_or(TokenError::NotAString)?;
            Ok(usable(&token)?.to_owned())
        }
    }

    /// `{ reason, forceRefresh, claims? }`, as README documents it.
    fn to_js(request: &TokenRequest) -> JsValue {
        let o = Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = Reflect::set(&o, &JsValue::from_str(k), &v);
        };
        set("reason", JsValue::from_str(request.reason.as_str()));
        set("forceRefresh", JsValue::from_bool(request.force_refresh));
        if let Some(claims) = &request.claims {
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
        for empty in ["", "  ", "\t"] {
            assert_eq!(usable(empty), Err(TokenError::Empty), "{empty:?}");
        }
    }

    #[test]
    fn retry_forces_a_refresh_and_carries_claims() {
        assert!(!TokenRequest::change().force_refresh);
        let r = TokenRequest::retry(Some("{}".into()));
        assert_eq!((r.reason.as_str(), r.force_refresh), ("retry", true));
        assert_eq!(r.claims.as_deref(), Some("{}"));
        assert_eq!(Reason::Change.as_str(), "change");
        assert_eq!(Reason::Revoke.as_str(), "revoke");
    }
}
