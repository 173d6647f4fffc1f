//! `POST /{v1.0|beta}/me/changePassword` as Microsoft Graph answers it: checks in Graph's order,
//! Graph's error JSON, CORS for single-page apps. Faults and the request log live in `admin.rs`.

use crate::admin::{body_fields, Fault, Seen};
use crate::clock;
use crate::directory::{demo_users, Refusal, User, EXPIRED_TOKEN};
use crate::http::{Request, Response};
use serde_json::{json, Value};
use std::collections::VecDeque;

/// Headers Graph lets browser scripts read. `Retry-After` is deliberately absent, as on Graph.
pub(crate) const EXPOSED: &str = "ETag, Location, Preference-Applied, Content-Range, request-id, client-request-id, ReadWriteConsistencyToken, SdkVersion, WWW-Authenticate";
/// Request headers Graph accepts from browsers; anything else fails the preflight.
const ALLOWED_HEADERS: &str = "Authorization, Content-Type, client-request-id, return-client-request-id, ConsistencyLevel, Prefer, SdkVersion, Accept";
const JSON_TYPE: &str = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

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
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let reply = match segments.as_slice() {
            ["v1.0" | "beta", "me", "changePassword"] if req.method == "POST" => {
                return self.change_password(req)
            }
            ["v1.0" | "beta", "me", "changePassword"] => graph_error(
                405,
                "Request_BadRequest",
                "The requested method is not allowed on this resource.",
                req,
            ),
            [_, .., last] => graph_error(
                400,
                "BadRequest",
                &format!("Resource not found for the segment '{last}'."),
                req,
            ),
            _ => graph_error(400, "BadRequest", "Invalid request.", req),
        };
        Reply::Send(cors(reply))
    }

    fn change_password(&mut self, req: &Request) -> Reply {
        let mut seen = Seen {
            method: req.method.clone(),
            path: req.path.clone(),
            origin: req.header("origin").map(str::to_owned),
            token: "missing",
            user: None,
            content_type: req.header("content-type").map(str::to_owned),
            client_request_id: req.header("client-request-id").map(str::to_owned),
            body_fields: body_fields(&req.body),
            status: 0,
        };
        let fault = self.faults.pop_front();
        let response = match &fault {
            Some(Fault::Close) => None,
            Some(Fault::Throttle { retry_after, expose_retry_after }) => {
                let r = graph_error(429, "TooManyRequests", "Too many requests.", req)
                    .header("Retry-After", retry_after.to_string());
                Some(if *expose_retry_after {
                    r.header("Access-Control-Expose-Headers", format!("{EXPOSED}, Retry-After"))
                } else {
                    r
                })
            }
            Some(Fault::Unavailable { retry_after }) => Some(
                graph_error(503, "serviceNotAvailable", "Service is temporarily unavailable.", req)
                    .header("Retry-After", retry_after.to_string()),
            ),
            Some(Fault::Html500) => Some(Response::new(500).body(
                "text/html",
                "<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>",
            )),
            Some(Fault::Malformed { status }) => Some(
                Response::new(*status).body(JSON_TYPE, "{\"error\":{\"code\":\"generalException\",\"mess"),
            ),
            Some(Fault::Delay { .. }) | None => Some(self.checked_change(req, &mut seen)),
        };
        let Some(response) = response else {
            seen.status = 0;
            self.seen.push(seen);
            return Reply::Drop;
        };
        let response = cors(response);
        seen.status = response.status;
        self.seen.push(seen);
        match fault {
            Some(Fault::Delay { ms }) => Reply::DelayThenSend(ms, response),
            _ => Reply::Send(response),
        }
    }

    /// Graph's checks, in Graph's order: token, permission, body, current password, policy, history.
    fn checked_change(&mut self, req: &Request, seen: &mut Seen) -> Response {
        let token = match req.header("authorization") {
            None => None,
            Some(v) => match v
                .strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
            {
                Some(t) => Some(t.trim()),
                None => {
                    seen.token = "not-bearer";
                    return graph_error(
                        401,
                        "InvalidAuthenticationToken",
                        "Access token validation failure.",
                        req,
                    );
                }
            },
        };
        let Some(token) = token.filter(|t| !t.is_empty()) else {
            return graph_error(
                401,
                "InvalidAuthenticationToken",
                "Access token is empty.",
                req,
            );
        };
        if token == EXPIRED_TOKEN {
            seen.token = "expired";
            return graph_error(
                401,
                "InvalidAuthenticationToken",
                "Lifetime validation failed, the token is expired.",
                req,
            );
        }
        let Some(user) = self.users.iter_mut().find(|u| u.token == token) else {
            seen.token = "unknown";
            return graph_error(
                401,
                "InvalidAuthenticationToken",
                "Access token validation failure. Invalid audience.",
                req,
            );
        };
        seen.token = "valid";
        seen.user = Some(user.user_principal_name.clone());
        if !user.can_change_password {
            return graph_error(
                403,
                "Authorization_RequestDenied",
                "Insufficient privileges to complete the operation.",
                req,
            );
        }
        let body: Value = match serde_json::from_slice(&req.body) {
            Ok(v) => v,
            Err(_) => {
                return graph_error(
                    400,
                    "BadRequest",
                    "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
                    req,
                )
            }
        };
        let field = |name: &str| {
            body.get(name)
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
        };
        let (Some(current), Some(new)) = (field("currentPassword"), field("newPassword")) else {
            let missing = if field("currentPassword").is_none() {
                "currentPassword"
            } else {
                "newPassword"
            };
            return graph_error(
                400,
                "Request_BadRequest",
                &format!("Invalid value specified for property '{missing}' of resource 'User'."),
                req,
            );
        };
        if current != user.password {
            return graph_error(
                400,
                "Request_BadRequest",
                "The current password is incorrect.",
                req,
            );
        }
        match user.refuses(new) {
            Some(Refusal::Complexity) => graph_error(
                400,
                "Request_BadRequest",
                "The specified password does not comply with password complexity requirements. Please provide a different password.",
                req,
            ),
            Some(Refusal::Banned) => graph_error(
                400,
                "Request_BadRequest",
                "The specified password contains a banned word or a part of your name. Please provide a different password.",
                req,
            ),
            Some(Refusal::RecentlyUsed) => graph_error(
                400,
                "Request_BadRequest",
                "The specified password has been used recently. Please provide a different password.",
                req,
            ),
            None => {
                user.change_password(new);
                with_ids(Response::new(204), req).0
            }
        }
    }
}

/// Adds `request-id`, `client-request-id` (echoed, as Graph does) and `Date`.
fn with_ids(response: Response, req: &Request) -> (Response, String, String) {
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
fn graph_error(status: u16, code: &str, message: &str, req: &Request) -> Response {
    let (response, request_id, client_id) = with_ids(Response::new(status), req);
    let body = json!({ "error": { "code": code, "message": message, "innerError": {
        "date": clock::iso_now(), "request-id": request_id, "client-request-id": client_id } } });
    response.body(JSON_TYPE, body.to_string())
}

pub(crate) fn cors(response: Response) -> Response {
    let exposes = response
        .headers
        .iter()
        .any(|(n, _)| n == "Access-Control-Expose-Headers");
    let response = response.header("Access-Control-Allow-Origin", "*");
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
