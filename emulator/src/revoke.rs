//! `POST /{v1.0|beta}/me/revokeSignInSessions`: the token check, then Graph's documented answer,
//! 200 with `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean",
//! "value":true}` (D: Graph's reference example; "beta" in the context URL for `/beta`).
//!
//! Graph invalidates the user's refresh tokens and session cookies, not the access token in
//! hand: that one keeps working until it expires, so here the token keeps working after a
//! revoke. The call needs `User.RevokeSessions.All` (or `Directory.AccessAsUser.All`): a JWT
//! without it is refused 403; opaque demo tokens may. The call has no parameters; the body may be
//! empty, or JSON with none (`{}`). Its faults are queued apart from changePassword's
//! (`"call": "revokeSignInSessions"`).

use crate::checks::{insufficient_privileges, unsupported_media_type};
use crate::faults::Effect;
use crate::graph::{cors, graph_error, with_ids, Emulator, Reply, JSON_TYPE};
use crate::http::{Request, Response};
use serde_json::{json, Value};

impl Emulator {
    /// One revoke call: a queued revoke fault if any, else the checks; logged either way.
    pub(crate) fn revoke_sign_in_sessions(&mut self, req: &Request, beta: bool) -> Reply {
        let auth = self.authenticate(req);
        let mut seen = self.seen(req, &auth);
        let checked = |req: &Request| match Self::signed_in(&auth, req) {
            Ok((_, grants)) if !grants.revoke_sessions => insufficient_privileges(req),
            Ok(_) => checked_body(req).unwrap_or_else(|| revoked(req, beta)),
            Err(refused) => refused,
        };
        let (response, delay) = match self.revoke_faults.pop_front().map(|f| f.effect(req, None)) {
            Some(Effect::Answer(response)) => (response, None),
            Some(Effect::Delay(ms)) => (checked(req), Some(ms)),
            Some(Effect::Drop) => {
                self.seen.push(seen);
                return Reply::Drop;
            }
            Some(Effect::AfterTheCall(then)) => {
                seen.status = then.as_ref().map_or(0, |r| r.status);
                self.seen.push(seen);
                return then.map_or(Reply::Drop, |r| Reply::Send(cors(r)));
            }
            None => (checked(req), None),
        };
        let response = cors(response);
        seen.status = response.status;
        self.seen.push(seen);
        match delay {
            Some(ms) => Reply::DelayThenSend(ms, response),
            None => Reply::Send(response),
        }
    }
}

/// Graph's 200 for a revoke.
fn revoked(req: &Request, beta: bool) -> Response {
    let version = if beta { "beta" } else { "v1.0" };
    let body = json!({
        "@odata.context": format!("https://graph.microsoft.com/{version}/$metadata#Edm.Boolean"),
        "value": true,
    });
    with_ids(Response::new(200), req)
        .0
        .body(JSON_TYPE, body.to_string())
}

/// The refusal of a body the action cannot take, if any. An empty body needs no Content-Type;
/// any other must be declared JSON, parse, and name no parameter.
fn checked_body(req: &Request) -> Option<Response> {
    if req.body.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    if let Some(refused) = unsupported_media_type(req) {
        return Some(refused);
    }
    let body = match serde_json::from_slice::<Value>(&req.body) {
        Ok(Value::Object(fields)) => fields,
        // Graph's wording for a body it cannot parse, common in public threads; for JSON that is
        // not an object it is inferred.
        _ => {
            return Some(graph_error(
                400,
                "BadRequest",
                "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
                req,
            ))
        }
    };
    // Inferred for this endpoint: OData's wording for an unknown action parameter, as for
    // changePassword.
    body.keys().next().map(|name| {
        graph_error(
            400,
            "BadRequest",
            &format!("The parameter '{name}' in the request payload is not a valid parameter for the operation 'revokeSignInSessions'."),
            req,
        )
    })
}
