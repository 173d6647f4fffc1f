//! The emulator's own API under `/_emulator/`, for tests and the demo: queue faults for the next
//! changePassword calls, read what arrived (never a password), reset to the starting users, and
//! a captive portal's sign-in page for redirect faults to point at.

use crate::faults;
use crate::graph::Emulator;
use crate::http::{Request, Response};
use serde::Serialize;
use serde_json::{json, Value};

/// What `GET /_emulator/portal` serves: the page a Wi-Fi captive portal redirects to.
pub const PORTAL_PAGE: &str = "<html><body><h1>Sign in to the Wi-Fi</h1></body></html>";

/// What the emulator saw of one changePassword call: enough to assert on, no secrets.
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
            ("POST", "faults") => match faults::parse(&req.body) {
                Ok((fault, times)) => {
                    for _ in 0..times {
                        self.faults.push_back(fault.clone());
                    }
                    json_response(200, json!({ "queued": self.faults.len() }))
                }
                Err(e) => json_response(400, json!({ "error": e })),
            },
            ("GET", "portal") => Response::new(200).body("text/html; charset=utf-8", PORTAL_PAGE),
            ("GET", "requests") => json_response(200, json!(self.seen)),
            ("POST", "reset") => {
                self.users = self.initial.clone();
                self.faults.clear();
                self.seen.clear();
                json_response(200, json!({ "reset": true }))
            }
            _ => json_response(404, json!({ "error": "unknown admin endpoint" })),
        }
    }
}

/// The property names of a JSON body, sorted; values are never kept.
pub(crate) fn body_fields(body: &[u8]) -> Vec<String> {
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
