//! Graph's checks of one changePassword call, in Graph's order: the token (the gateway
//! authenticates before anything else), whose password (`/users/{id}` must name the caller),
//! permission, content type and body shape (the OData layer), then the current password, policy
//! and history (the directory). Permission before the OData layer is the order this emulator has
//! always used; Graph's own is inferred.

use crate::directory::{Refusal, EXPIRED_TOKEN};
use crate::graph::{graph_error, with_ids, Emulator};
use crate::http::{Request, Response};
use crate::jwt::{self, Grants};
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
    /// The index of the signed-in user, and what the token lets it do.
    User(usize, Grants),
}

impl Auth {
    /// The request log's name for it.
    pub(crate) fn label(&self) -> &'static str {
        match self {
            Auth::Missing => "missing",
            Auth::NotBearer => "not-bearer",
            Auth::Expired => "expired",
            Auth::Unknown => "unknown",
            Auth::User(..) => "valid",
        }
    }
}

/// Whose password a changePassword call names.
pub(crate) enum Target {
    /// `/me/changePassword`.
    Me,
    /// `/users/{key}/changePassword`, the segment percent-decoded: an object id or a UPN.
    User(String),
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
        } else if let Some(i) = self.users.iter().position(|u| u.token == token) {
            Auth::User(i, Grants::ALL)
        } else {
            self.authenticate_jwt(token)
        }
    }

    /// A JWT whose `oid` or `upn` names a user is that user, with the token's scopes.
    fn authenticate_jwt(&self, token: &str) -> Auth {
        let Some(jwt) = jwt::read(token, crate::clock::now_secs() as f64) else {
            return Auth::Unknown;
        };
        let user = self
            .users
            .iter()
            .position(|u| jwt.names.iter().any(|n| u.is_named_by(n)));
        match user {
            _ if jwt.wrong_audience => Auth::Unknown,
            _ if jwt.expired => Auth::Expired,
            Some(i) => Auth::User(i, jwt.grants),
            None => Auth::Unknown,
        }
    }

    /// The signed-in user's index and grants, or Graph's 401 for the token: the first check of
    /// every call.
    pub(crate) fn signed_in(auth: &Auth, req: &Request) -> Result<(usize, Grants), Response> {
        // The 401 wordings are common in public threads (not in EVIDENCE.md).
        let unauthorized =
            |message| Err(graph_error(401, "InvalidAuthenticationToken", message, req));
        match auth {
            Auth::Missing => unauthorized("Access token is empty."),
            Auth::NotBearer => unauthorized("Access token validation failure."),
            Auth::Expired => unauthorized("Lifetime validation failed, the token is expired."),
            Auth::Unknown => unauthorized("Access token validation failure. Invalid audience."),
            Auth::User(i, grants) => Ok((*i, *grants)),
        }
    }

    /// Graph's checks in the order of the module doc; the first that fails answers.
    pub(crate) fn checked_change(
        &mut self,
        req: &Request,
        auth: &Auth,
        target: &Target,
    ) -> Response {
        let (user, grants) = match Self::signed_in(auth, req) {
            Ok((i, grants)) => (&mut self.users[i], grants),
            Err(refused) => return refused,
        };
        if let Target::User(key) = target {
            // Real (EVIDENCE.md): changePassword on `/users/{id}` for someone else. An unknown
            // id gets the same answer (inferred: Graph may check the caller before the lookup),
            // and so does this check coming before the permission check (inferred order).
            if !user.is_named_by(key) {
                return graph_error(
                    403,
                    "Authorization_RequestDenied",
                    "Access to change password operation is denied.",
                    req,
                );
            }
        }
        if !user.can_change_password || !grants.change_password {
            return insufficient_privileges(req);
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
            // Inferred: no Microsoft text is published for a wrong current password; an
            // open-source Graph look-alike (ownCloud ocis) also answers 400.
            return graph_error(
                400,
                "Request_BadRequest",
                "The current password is incorrect.",
                req,
            );
        }
        match user.refuses(new) {
            // Real for complexity (copied from an admin reset and a user creation). Inferred for
            // a banned password: no API text is published, and a password with all four kinds of
            // character got this same text in a public thread.
            Some(Refusal::Complexity | Refusal::Banned) => graph_error(
                400,
                "Request_BadRequest",
                "The specified password does not comply with password complexity requirements. Please provide a different password.",
                req,
            ),
            // Inferred: Graph's answer for a recently used password is not published (it may
            // well be the complexity text). This wording avoids "complexity" on purpose, so a
            // client can tell the two apart here.
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

/// Real (EVIDENCE.md): Graph's answer to a token without the call's permission.
pub(crate) fn insufficient_privileges(req: &Request) -> Response {
    graph_error(
        403,
        "Authorization_RequestDenied",
        "Insufficient privileges to complete the operation.",
        req,
    )
}

/// 415 unless the body is declared `application/json` (any case, parameters allowed).
/// Inferred: the status, code and wording Graph uses for this are not published.
pub(crate) fn unsupported_media_type(req: &Request) -> Option<Response> {
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
