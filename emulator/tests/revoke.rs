//! `POST /me/revokeSignInSessions` over real HTTP: Graph's documented 200, the token check, the
//! body it accepts, the log, and its own fault queue.

mod support;

use support::{assert_graph_error, change, fault, fault_refused, message, send, start, Reply};

const REVOKE: &str = "/v1.0/me/revokeSignInSessions";

/// A revoke call with this token (if any), extra headers and body.
fn revoke(
    port: u16,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    let auth = token.map(|t| format!("Bearer {t}"));
    let mut all = vec![("client-request-id", "cid-42")];
    all.extend(auth.as_deref().map(|a| ("Authorization", a)));
    all.extend_from_slice(headers);
    send(port, "POST", path, &all, body).expect("an answer")
}

const JSON: (&str, &str) = ("Content-Type", "application/json");

#[test]
fn revoke_answers_200_with_true() {
    let s = start();
    let r = revoke(s.port, REVOKE, Some("demo-token"), &[], "");
    assert_eq!(r.status, 200, "{}", r.body);
    let media_type = r.header("Content-Type").unwrap().split(';').next().unwrap();
    assert_eq!(media_type, "application/json");
    assert_eq!(
        r.body,
        r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean","value":true}"#
    );
    assert_eq!(r.header("client-request-id"), Some("cid-42"));
    assert_eq!(r.header("Access-Control-Allow-Origin"), Some("*"));
    // beta, any case, with `{}`; Megan (who may not change her password) may revoke.
    let r = revoke(
        s.port,
        "/BETA/Me/REVOKESIGNINSESSIONS",
        Some("no-permission-token"),
        &[JSON],
        "{}",
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.json()["@odata.context"],
        "https://graph.microsoft.com/beta/$metadata#Edm.Boolean"
    );
    // The access token in hand keeps working afterwards (only refresh tokens are revoked).
    assert_eq!(
        change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42").status,
        204
    );
}

#[test]
fn revoke_checks_the_token_then_the_body() {
    let s = start();
    // The token first, whatever the body.
    let r = revoke(
        s.port,
        REVOKE,
        None,
        &[("Content-Type", "text/plain")],
        "nonsense",
    );
    assert_graph_error(&r, 401, "InvalidAuthenticationToken");
    for token in ["expired-token", "made-up"] {
        assert_graph_error(
            &revoke(s.port, REVOKE, Some(token), &[], ""),
            401,
            "InvalidAuthenticationToken",
        );
    }
    let t = Some("demo-token");
    assert_graph_error(
        &revoke(s.port, REVOKE, t, &[("Content-Type", "text/plain")], "{}"),
        415,
        "UnsupportedMediaType",
    );
    assert_graph_error(
        &revoke(s.port, REVOKE, t, &[], "{}"),
        415,
        "UnsupportedMediaType",
    );
    assert_graph_error(&revoke(s.port, REVOKE, t, &[JSON], "{"), 400, "BadRequest");
    assert_graph_error(&revoke(s.port, REVOKE, t, &[JSON], "[]"), 400, "BadRequest");
    let r = revoke(s.port, REVOKE, t, &[JSON], r#"{"everywhere":true}"#);
    assert_graph_error(&r, 400, "BadRequest");
    assert_eq!(
        message(&r),
        "The parameter 'everywhere' in the request payload is not a valid parameter for the operation 'revokeSignInSessions'."
    );
    // Whitespace is no body; a GET is the wrong method.
    assert_eq!(revoke(s.port, REVOKE, t, &[], " \r\n").status, 200);
    assert_eq!(
        send(
            s.port,
            "GET",
            REVOKE,
            &[("Authorization", "Bearer demo-token")],
            ""
        )
        .unwrap()
        .status,
        405
    );
}

#[test]
fn revoke_is_logged_like_change_password() {
    let s = start();
    revoke(s.port, REVOKE, Some("demo-token"), &[JSON], "{}");
    revoke(
        s.port,
        "/beta/me/revokeSignInSessions",
        Some("expired-token"),
        &[],
        "",
    );
    change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42");
    let log = send(s.port, "GET", "/_emulator/requests", &[], "")
        .unwrap()
        .json();
    assert_eq!(log[0]["path"], REVOKE);
    assert_eq!(log[0]["method"], "POST");
    assert_eq!(log[0]["token"], "valid");
    assert_eq!(log[0]["user"], "adele.vance@contoso.example");
    assert_eq!(log[0]["contentType"], "application/json");
    assert_eq!(log[0]["clientRequestId"], "cid-42");
    assert_eq!(log[0]["bodyFields"], serde_json::json!([]));
    assert_eq!(log[0]["status"], 200);
    assert_eq!(log[1]["path"], "/beta/me/revokeSignInSessions");
    assert_eq!(
        (&log[1]["token"], &log[1]["status"]),
        (&"expired".into(), &401.into())
    );
    assert_eq!(log[2]["path"], "/v1.0/me/changePassword");
}

#[test]
fn revoke_faults_and_change_password_faults_stay_apart() {
    let s = start();
    fault(s.port, r#"{"kind":"throttle","retryAfter":5}"#);
    fault(s.port, r#"{"kind":"revokeFails"}"#);
    fault(s.port, r#"{"kind":"revokeFails","status":403,"times":2}"#);
    fault(s.port, r#"{"kind":"revokeFails","status":503}"#);
    let call = || revoke(s.port, REVOKE, Some("demo-token"), &[], "");
    let r = call();
    assert_graph_error(&r, 500, "generalException");
    assert_eq!(message(&r), "General exception while processing.");
    // The changePassword fault is still there, and the revoke faults are not touched by it.
    assert_graph_error(
        &change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42"),
        429,
        "TooManyRequests",
    );
    assert_eq!(
        change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42").status,
        204
    );
    for _ in 0..2 {
        let r = call();
        assert_graph_error(&r, 403, "Authorization_RequestDenied");
        assert_eq!(
            message(&r),
            "Insufficient privileges to complete the operation."
        );
    }
    assert_graph_error(&call(), 503, "generalException");
    assert_eq!(call().status, 200);
    // Reset empties the revoke queue too.
    fault(s.port, r#"{"kind":"revokeFails"}"#);
    send(s.port, "POST", "/_emulator/reset", &[], "").unwrap();
    assert_eq!(call().status, 200);
    let refused = fault_refused(s.port, r#"{"kind":"revokeFails","status":404}"#);
    assert!(refused.contains("`status`"), "{refused}");
}
