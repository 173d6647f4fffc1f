//! `POST /{v1.0|beta}/me/changePassword` as Microsoft Graph answers it: checks in Graph's order,
//! Graph's error JSON, CORS for single-page apps. The checks live in `checks.rs`, faults in
//! `faults.rs`, the request log and the emulator's own endpoints in `admin.rs`.
//!
//! Where a status or wording was neither copied from a real Graph response nor documented by
//! Microsoft, the answer carries a comment saying it is inferred.

use crate::admin::{body_fields, Seen};
use crate::checks::Auth;
use crate::clock;
use crate::directory::{demo_users, User};
use crate::faults::{Effect, Fault};
use crate::http::{Request, Response};
use serde_json::json;
use std::collections::VecDeque;

/// Headers Graph lets browser scripts read. `Retry-After` is deliberately absent, as on Graph.
pub(crate) const EXPOSED: &str = "ETag, Location, Preference-Applied, Content-Range, request-id, client-request-id, ReadWriteConsistencyToken, SdkVersion, WWW-Authenticate";
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
    pub(crate) faults: VecDeque<Fault>,
    pub(crate) seen: Vec<Seen>,
}

impl Emulator {
    pub fn new(users: Vec<User>) -> Self {
        Self {
            initial: users.clone(),
            users,
            faults: VecDeque::new(),
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
        if req.method == "OPTIONS" {
            return Reply::Send(preflight(req));
        }
        // Graph's path segments are case-insensitive: /V1.0/ME/CHANGEPASSWORD is the same action.
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let is = |s: &str, name: &str| s.eq_ignore_ascii_case(name);
        let reply = match segments.as_slice() {
            [version, me, action]
                if (is(version, "v1.0") || is(version, "beta"))
                    && is(me, "me")
                    && is(action, "changePassword") =>
            {
                if req.method == "POST" {
                    return self.change_password(req);
                }
                // Inferred: Graph's 405 code and wording for an action are not published.
                graph_error(
                    405,
                    "Request_BadRequest",
                    "The requested method is not allowed on this resource.",
                    req,
                )
            }
            // Graph's wording for an unknown segment, common in public threads (not in EVIDENCE.md).
            [_, .., last] => graph_error(
                400,
                "BadRequest",
                &format!("Resource not found for the segment '{last}'."),
                req,
            ),
            // Inferred.
            _ => graph_error(400, "BadRequest", "Invalid request.", req),
        };
        Reply::Send(cors(reply))
    }

    /// One changePassword call: the next queued fault if any, else Graph's checks; logged either way.
    fn change_password(&mut self, req: &Request) -> Reply {
        let auth = self.authenticate(req);
        let mut seen = Seen {
            method: req.method.clone(),
            path: req.path.clone(),
            origin: req.header("origin").map(str::to_owned),
            token: auth.label(),
            user: match auth {
                Auth::User(i) => Some(self.users[i].user_principal_name.clone()),
                _ => None,
            },
            content_type: req.header("content-type").map(str::to_owned),
            client_request_id: req.header("client-request-id").map(str::to_owned),
            body_fields: body_fields(&req.body),
            status: 0,
        };
        let (response, delay) = match self.faults.pop_front().map(|f| f.effect(req)) {
            Some(Effect::Drop) => {
                self.seen.push(seen);
                return Reply::Drop;
            }
            Some(Effect::Answer(response)) => (response, None),
            Some(Effect::Delay(ms)) => (self.checked_change(req, &auth), Some(ms)),
            None => (self.checked_change(req, &auth), None),
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
