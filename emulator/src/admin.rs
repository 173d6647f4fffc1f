//! The emulator's own API under `/_emulator/`, for tests and the demo: queue faults for the next
//! changePassword or revokeSignInSessions calls, read what arrived (never a password), reset to
//! the starting users (passwords, history, ids) with no faults and an empty log, and a captive
//! portal's sign-in page for redirect faults to point at.

use crate::checks::Auth;
use crate::fault_requests::{self, Queued};
use crate::graph::Emulator;
use crate::http::{Request, Response};
use serde::Serialize;
use serde_json::{json, Value};

/// What `GET /_emulator/portal` serves: the page a Wi-Fi captive portal redirects to.
pub const PORTAL_PAGE: &str = "<html><body><h1>Sign in to the Wi-Fi</h1></body></html>";

/// What the emulator saw of one changePassword or revokeSignInSessions call (the path says
/// which): enough to assert on, no secrets.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub origin: Option<String>,
    /// `valid`, `expired`, `missing`, `unknown`, or `not-bearer`.
    pub token: &'static str,
    pub user: Option<String>,
    pub content_type: Option<String>,
    pub client_request_id: Option<String>,
    /// Whether a `Cookie` header came.
    pub cookie: bool,
    /// The `Referer` header, if one came.
    pub referer: Option<String>,
    /// The `Add-Padding` header, if one came (the range API).
    pub add_padding: Option<String>,
    /// The body's property names, sorted; values are never kept.
    pub body_fields: Vec<String>,
    pub status: u16,
}

impl Emulator {
    pub(crate) fn admin(&mut self, what: &str, req: &Request) -> Response {
        match (req.method.as_str(), what) {
            ("OPTIONS", _) => Response::new(204)
                .header("Access-Control-Allow-Methods", "GET, POST")
                .header("Access-Control-Allow-Headers", "Content-Type"),
            ("POST", "faults") => match fault_requests::parse(&req.body) {
                Ok((Queued::ChangePassword(fault), times)) => {
                    for _ in 0..times {
                        self.faults.push_back(fault.clone());
                    }
                    json_response(200, json!({ "queued": self.faults.len() }))
                }
                Ok((Queued::Revoke(fault), times)) => {
                    for _ in 0..times {
                        self.revoke_faults.push_back(fault.clone());
                    }
                    json_response(200, json!({ "queued": self.revoke_faults.len() }))
                }
                Ok((Queued::Range(fault), times)) => {
                    for _ in 0..times {
                        self.range_faults.push_back(fault.clone());
                    }
                    json_response(200, json!({ "queued": self.range_faults.len() }))
                }
                Err(e) => json_response(400, json!({ "error": e })),
            },
            ("GET", "portal") => Response::new(200).body("text/html; charset=utf-8", PORTAL_PAGE),
            ("GET", "requests") => json_response(200, json!(self.seen)),
            ("POST", "reset") => {
                self.users = self.initial.clone();
                self.faults.clear();
                self.revoke_faults.clear();
                self.range_faults.clear();
                self.seen.clear();
                json_response(200, json!({ "reset": true }))
            }
            _ => json_response(404, json!({ "error": "unknown admin endpoint" })),
        }
    }
}

impl Emulator {
    /// The log entry for a call, its status still 0.
    pub(crate) fn seen(&self, req: &Request, auth: &Auth) -> Seen {
        Seen {
            method: req.method.clone(),
            path: req.path.clone(),
            origin: req.header("origin").map(str::to_owned),
            token: auth.label(),
            user: match auth {
                Auth::User(i, _) => Some(self.users[*i].user_principal_name.clone()),
                _ => None,
            },
            content_type: req.header("content-type").map(str::to_owned),
            client_request_id: req.header("client-request-id").map(str::to_owned),
            cookie: req.header("cookie").is_some(),
            referer: req.header("referer").map(str::to_owned),
            add_padding: req.header("add-padding").map(str::to_owned),
            body_fields: body_fields(&req.body),
            status: 0,
        }
    }
}

/// The property names of a JSON body, sorted; values are never kept.
fn body_fields(body: &[u8]) -> Vec<String> {
    let mut fields: Vec<String> = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.as_object().map(|o| o.keys().cloned().collect()))
        .unwrap_or_default();
    fields.sort();
    fields
}

fn json_response(status: u16, body: Value) -> Response {
    Response::new(status).body("application/json", body.to_string())
}
