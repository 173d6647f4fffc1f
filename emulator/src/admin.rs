//! The emulator's own API under `/_emulator/`, for tests and the demo: queue faults for the next
//! changePassword calls, read what arrived (never a password), reset to the starting users.

use crate::graph::Emulator;
use crate::http::{Request, Response};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// A misbehaviour to apply to upcoming changePassword calls (not to preflights).
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Fault {
    /// Wait, then answer normally.
    Delay { ms: u64 },
    /// 429 with Graph's throttling JSON and `Retry-After`.
    #[serde(rename_all = "camelCase")]
    Throttle {
        retry_after: u64,
        #[serde(default)]
        expose_retry_after: bool,
    },
    /// 503 with `Retry-After`.
    #[serde(rename_all = "camelCase")]
    Unavailable { retry_after: u64 },
    /// 500 with an HTML page, as a failing front door sends.
    Html500,
    /// JSON cut off mid-way, with the given status.
    Malformed { status: u16 },
    /// Drop the connection without answering.
    Close,
}

#[derive(Deserialize)]
struct FaultRequest {
    #[serde(flatten)]
    fault: Fault,
    #[serde(default = "one")]
    times: u32,
}

fn one() -> u32 {
    1
}

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
            ("POST", "faults") => match serde_json::from_slice::<FaultRequest>(&req.body) {
                Ok(f) => {
                    for _ in 0..f.times {
                        self.faults.push_back(f.fault.clone());
                    }
                    json_response(200, json!({ "queued": self.faults.len() }))
                }
                Err(e) => json_response(400, json!({ "error": e.to_string() })),
            },
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
