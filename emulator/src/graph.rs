//! The Microsoft Graph routes the emulator answers, as Graph answers them: checks in Graph's
//! order, Graph's error JSON, CORS for single-page apps. Paths are `/v1.0/…` or `/beta/…`, their
//! segments in any case:
//! - `POST /me/changePassword`: 204, or Graph's refusals (checks in `checks.rs`).
//! - `POST /users/{id or UPN}/changePassword` (the segment percent-decoded, matched in any
//!   case): the same as `/me` when it names the token's own user; anyone else, known or not,
//!   403 `Authorization_RequestDenied` "Access to change password operation is denied.".
//! - `POST /me/revokeSignInSessions`: 200 `{"@odata.context":…#Edm.Boolean","value":true}`
//!   after the token check; the body may be empty or `{}` (`revoke.rs`).
//!
//! Every answer exposes `Retry-After` to browser scripts, as current Graph does. Faults live in
//! `faults.rs`, the request log and the emulator's own endpoints (`/_emulator/faults`,
//! `/_emulator/requests`, `/_emulator/reset`, `/_emulator/portal`) in `admin.rs`.
//!
//! Where a status or wording was neither copied from a real Graph response nor documented by
//! Microsoft, the answer carries a comment saying it is inferred.

use crate::admin::Seen;
use crate::checks::{Auth, Target};
use crate::clock;
use crate::directory::{demo_users, User};
use crate::faults::{Effect, Fault};
use crate::http::{percent_decoded, Request, Response};
use serde_json::json;
use std::collections::VecDeque;

/// Headers Graph lets browser scripts read, `Retry-After` among them: the list a later captured
/// Graph response carries (EVIDENCE.md), in its order.
pub(crate) const EXPOSED: &str = "ETag, Location, Preference-Applied, Content-Range, request-id, client-request-id, ReadWriteConsistencyToken, Retry-After, SdkVersion, WWW-Authenticate";
/// The same without `Retry-After`, as 2022's Graph exposed them: for faults that hide it.
pub(crate) const EXPOSED_WITHOUT_RETRY_AFTER: &str = "ETag, Location, Preference-Applied, Content-Range, request-id, client-request-id, ReadWriteConsistencyToken, SdkVersion, WWW-Authenticate";
/// Request headers Graph accepts from browsers; anything else fails the preflight.
const ALLOWED_HEADERS: &str = "Authorization, Content-Type, client-request-id, return-client-request-id, ConsistencyLevel, Prefer, SdkVersion, Accept";
pub(crate) const JSON_TYPE: &str = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/// What the handler wants done with the connection.
pub enum Reply {
    Send(Response),
    DelayThenSend(u64, Response),
    Drop,
}

pub struct Emulator {
    pub(crate) initial: Vec<User>,
    pub(crate) users: Vec<User>,
    /// Faults for changePassword calls.
    pub(crate) faults: VecDeque<Fault>,
    /// Faults for revokeSignInSessions calls; never touched by changePassword.
    pub(crate) revoke_faults: VecDeque<Fault>,
    /// Faults for the Pwned Passwords range stand-in (`"call": "range"`).
    pub(crate) range_faults: VecDeque<Fault>,
    pub(crate) seen: Vec<Seen>,
}

impl Emulator {
    pub fn new(users: Vec<User>) -> Self {
        Self {
            initial: users.clone(),
            users,
            faults: VecDeque::new(),
            revoke_faults: VecDeque::new(),
            range_faults: VecDeque::new(),
            seen: Vec::new(),
        }
    }

    pub fn demo() -> Self {
        Self::new(demo_users())
    }

    pub fn users(&self) -> &[User] {
        &self.users
    }

    pub fn handle(&mut self, req: &Request) -> Reply {
        let path = req.path.split('?').next().unwrap_or("");
        if let Some(admin) = path.strip_prefix("/_emulator/") {
            return Reply::Send(cors(self.admin(admin, req)));
        }
        if let Some(prefix) = path.strip_prefix("/pwned/range/") {
            return self.range(prefix, req);
        }
        if req.method == "OPTIONS" {
            return Reply::Send(preflight(req));
        }
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let reply = match (route(&segments), req.method.as_str()) {
            (Some(Route::ChangePassword(target)), "POST") => {
                return self.change_password(req, &target)
            }
            (Some(Route::RevokeSignInSessions { beta }), "POST") => {
                return self.revoke_sign_in_sessions(req, beta)
            }
            // Inferred: Graph's 405 code and wording for an action are not published.
            (Some(_), _) => graph_error(
                405,
                "Request_BadRequest",
                "The requested method is not allowed on this resource.",
                req,
            ),
            // Graph's wording for an unknown segment, common in public threads (not in EVIDENCE.md).
            (None, _) => match segments.last() {
                Some(last) if segments.len() > 1 => graph_error(
                    400,
                    "BadRequest",
                    &format!("Resource not found for the segment '{last}'."),
                    req,
                ),
                // Inferred.
                _ => graph_error(400, "BadRequest", "Invalid request.", req),
            },
        };
        Reply::Send(cors(reply))
    }

    /// One changePassword call: the next queued fault if any, else Graph's checks; logged either way.
    fn change_password(&mut self, req: &Request, target: &Target) -> Reply {
        let auth = self.authenticate(req);
        let mut seen = self.seen(req, &auth);
        let caller = match auth {
            Auth::User(i, _) => Some(self.users[i].id.clone()),
            _ => None,
        };
        let effect = self
            .faults
            .pop_front()
            .map(|f| f.effect(req, caller.as_deref()));
        let (response, delay) = match effect {
            Some(Effect::Drop) => {
                self.seen.push(seen);
                return Reply::Drop;
            }
            // The directory applies the change; the answer is lost on the way back.
            Some(Effect::AfterTheCall(then)) => {
                self.checked_change(req, &auth, target);
                seen.status = then.as_ref().map_or(0, |r| r.status);
                self.seen.push(seen);
                return then.map_or(Reply::Drop, |r| Reply::Send(cors(r)));
            }
            Some(Effect::Answer(response)) => (response, None),
            Some(Effect::Delay(ms)) => (self.checked_change(req, &auth, target), Some(ms)),
            None => (self.checked_change(req, &auth, target), None),
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

impl Emulator {
    /// One call of the Pwned Passwords range stand-in: a queued range fault if any, else the
    /// corpus's answer; logged either way (never with more than the prefix it was asked for).
    fn range(&mut self, prefix: &str, req: &Request) -> Reply {
        if req.method == "OPTIONS" {
            return Reply::Send(crate::pwned::preflight());
        }
        let auth = self.authenticate(req);
        let mut seen = self.seen(req, &auth);
        let answer = |req: &Request| crate::pwned::range(prefix, req);
        let (response, delay) = match self.range_faults.pop_front().map(|f| f.effect(req, None)) {
            Some(Effect::Answer(r)) => (crate::pwned::cors(r), None),
            Some(Effect::Delay(ms)) => (answer(req), Some(ms)),
            Some(Effect::Drop | Effect::AfterTheCall(None)) => {
                self.seen.push(seen);
                return Reply::Drop;
            }
            Some(Effect::AfterTheCall(Some(r))) => (crate::pwned::cors(r), None),
            None => (answer(req), None),
        };
        seen.status = response.status;
        self.seen.push(seen);
        match delay {
            Some(ms) => Reply::DelayThenSend(ms, response),
            None => Reply::Send(response),
        }
    }
}

/// A Graph action the emulator answers.
enum Route {
    ChangePassword(Target),
    RevokeSignInSessions { beta: bool },
}

/// The action a path names, if any. Graph's path segments are case-insensitive:
/// /V1.0/ME/CHANGEPASSWORD is the same action.
fn route(segments: &[&str]) -> Option<Route> {
    let is = |s: &str, name: &str| s.eq_ignore_ascii_case(name);
    let (version, rest) = segments.split_first()?;
    if !is(version, "v1.0") && !is(version, "beta") {
        return None;
    }
    match rest {
        [me, action] if is(me, "me") && is(action, "changePassword") => {
            Some(Route::ChangePassword(Target::Me))
        }
        [users, key, action] if is(users, "users") && is(action, "changePassword") => {
            Some(Route::ChangePassword(Target::User(percent_decoded(key))))
        }
        [me, action] if is(me, "me") && is(action, "revokeSignInSessions") => {
            Some(Route::RevokeSignInSessions {
                beta: is(version, "beta"),
            })
        }
        _ => None,
    }
}

/// Adds `request-id`, `client-request-id` (echoed, as Graph does) and `Date`.
pub(crate) fn with_ids(response: Response, req: &Request) -> (Response, String, String) {
    let request_id = clock::request_id();
    let client_id = req
        .header("client-request-id")
        .map_or_else(|| request_id.clone(), str::to_owned);
    let response = response
        .header("request-id", request_id.clone())
        .header("client-request-id", client_id.clone())
        .header("Date", clock::http_date_in(0))
        .header("Cache-Control", "no-cache");
    (response, request_id, client_id)
}

/// Graph's error envelope.
pub(crate) fn graph_error(status: u16, code: &str, message: &str, req: &Request) -> Response {
    let (response, request_id, client_id) = with_ids(Response::new(status), req);
    let body = json!({ "error": { "code": code, "message": message, "innerError": {
        "date": clock::iso_now(), "request-id": request_id, "client-request-id": client_id } } });
    response.body(JSON_TYPE, body.to_string())
}

/// Adds Graph's CORS headers to an answer, keeping any a fault has set itself.
pub(crate) fn cors(response: Response) -> Response {
    let has = |name: &str| {
        response
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
    };
    let (origin, exposes) = (
        has("Access-Control-Allow-Origin"),
        has("Access-Control-Expose-Headers"),
    );
    let response = if origin {
        response
    } else {
        response.header("Access-Control-Allow-Origin", "*")
    };
    if exposes {
        response
    } else {
        response.header("Access-Control-Expose-Headers", EXPOSED)
    }
}

/// The CORS preflight: allowed methods and headers, cached for an hour.
fn preflight(req: &Request) -> Response {
    let requested = req.header("access-control-request-headers").unwrap_or("");
    let allowed: Vec<String> = ALLOWED_HEADERS
        .split(", ")
        .map(str::to_ascii_lowercase)
        .collect();
    let all_allowed = requested
        .split(',')
        .map(|h| h.trim().to_ascii_lowercase())
        .all(|h| h.is_empty() || allowed.contains(&h));
    // Inferred: how Graph refuses a preflight is not published; browsers only see it fail.
    let response = Response::new(if all_allowed { 200 } else { 400 })
        .header("Access-Control-Allow-Origin", "*")
        .header(
            "Access-Control-Allow-Methods",
            "GET, POST, PUT, PATCH, DELETE, OPTIONS",
        )
        .header("Access-Control-Max-Age", "3600");
    if all_allowed {
        response.header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
    } else {
        response
    }
}
