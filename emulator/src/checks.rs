//! Graph's checks of one changePassword call, in Graph's order: the token (the gateway
//! authenticates before anything else), permission, content type and body shape (the OData
//! layer), then the current password, policy and history (the directory). Permission before the
//! OData layer is the order this emulator has always used; Graph's own is inferred.

use crate::directory::{Refusal, EXPIRED_TOKEN};
use crate::graph::{graph_error, with_ids, Emulator};
use crate::http::{Request, Response};
use serde_json::Value;

/// The parameters of the changePassword action; any other body property is refused.
const PARAMETERS: [&str; 2] = ["currentPassword", "newPassword"];

/// What the `Authorization` header says about the caller.
pub(crate) enum Auth {
    /// No header, or `Bearer` with nothing after it.
    Missing,
    NotBearer,
    Expired,
    Unknown,
    /// The index of the signed-in user.
    User(usize),
}

impl Auth {
    /// The request log's name for it.
    pub(crate) fn label(&self) -> &'static str {
        match self {
            Auth::Missing => "missing",
            Auth::NotBearer => "not-bearer",
            Auth::Expired => "expired",
            Auth::Unknown => "unknown",
            Auth::User(_) => "valid",
        }
    }
}

impl Emulator {
    /// The `Authorization` header: `Bearer` in any case, then one or more spaces, then the token.
    pub(crate) fn authenticate(&self, req: &Request) -> Auth {
        let Some(value) = req.header("authorization") else {
            return Auth::Missing;
        };
        let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
        let token = token.trim_start_matches(' ');
        if !scheme.eq_ignore_ascii_case("bearer") {
            Auth::NotBearer
        } else if token.is_empty() {
            Auth::Missing
        } else if token == EXPIRED_TOKEN {
            Auth::Expired
        } else {
            self.users
                .iter()
                .position(|u| u.token == token)
                .map_or(Auth::Unknown, Auth::User)
        }
    }

    /// Graph's checks in the order of the module doc; the first that fails answers.
    pub(crate) fn checked_change(&mut self, req: &Request, auth: &Auth) -> Response {
        // The 401 wordings are common in public threads (not in EVIDENCE.md).
        let unauthorized = |message| graph_error(401, "InvalidAuthenticationToken", message, req);
        let user = match auth {
            Auth::Missing => return unauthorized("Access token is empty."),
            Auth::NotBearer => return unauthorized("Access token validation failure."),
            Auth::Expired => {
                return unauthorized("Lifetime validation failed, the token is expired.")
            }
            Auth::Unknown => {
                return unauthorized("Access token validation failure. Invalid audience.")
            }
            Auth::User(i) => &mut self.users[*i],
        };
        if !user.can_change_password {
            return graph_error(
                403,
                "Authorization_RequestDenied",
                "Insufficient privileges to complete the operation.",
                req,
            );
        }
        if let Some(refused) = unsupported_media_type(req) {
            return refused;
        }
        let body: Value = match serde_json::from_slice(&req.body) {
            Ok(v) => v,
            // Graph's wording for a body it cannot parse, common in public threads.
            Err(_) => {
                return graph_error(
                    400,
                    "BadRequest",
                    "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
                    req,
                )
            }
        };
        let unknown = body
            .as_object()
            .and_then(|o| o.keys().find(|k| !PARAMETERS.contains(&k.as_str())));
        if let Some(name) = unknown {
            // Inferred for this endpoint: OData's wording for an unknown action parameter. With
            // several, the first in alphabetical order is named.
            return graph_error(
                400,
                "BadRequest",
                &format!("The parameter '{name}' in the request payload is not a valid parameter for the operation 'changePassword'."),
                req,
            );
        }
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
            // Inferred: the directory's wording for a bad property, not seen for this action.
            return graph_error(
                400,
                "Request_BadRequest",
                &format!("Invalid value specified for property '{missing}' of resource 'User'."),
                req,
            );
        };
        if current != user.password {
            // Inferred: no Microsoft text is published for a wrong current password.
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
            // Inferred: Graph's answers for banned and recently used passwords are not published
            // (it may well send the complexity text for both).
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

/// 415 unless the body is declared `application/json` (any case, parameters allowed).
/// Inferred: the status, code and wording Graph uses for this are not published.
fn unsupported_media_type(req: &Request) -> Option<Response> {
    let declared = req.header("content-type").unwrap_or("");
    let media_type = declared.split(';').next().unwrap_or("").trim();
    if media_type.eq_ignore_ascii_case("application/json") {
        return None;
    }
    let message = if declared.is_empty() {
        "The request has no Content-Type. Send the body as application/json.".to_owned()
    } else {
        format!(
            "The content type '{declared}' is not supported. Send the body as application/json."
        )
    };
    Some(graph_error(415, "UnsupportedMediaType", &message, req))
}
