//! The emulator over real HTTP, as the browser meets it: the real binary on an ephemeral port.

mod support;

use support::{assert_graph_error, change, exposed, send, start, Reply, PATH};

#[test]
fn success_changes_the_password_for_real() {
    let s = start();
    let r = change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42");
    assert_eq!(r.status, 204);
    assert!(r.body.is_empty());
    assert_eq!(r.header("client-request-id"), Some("cid-42"));
    // The old password stops working; the new one works.
    let again = change(s.port, "demo-token", "Start-Here-2026", "Green-Valley-77");
    assert_graph_error(&again, 400, "Request_BadRequest");
    assert!(again.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("current password is incorrect"));
    assert_eq!(
        change(s.port, "demo-token", "Blue-Harbour-42", "Green-Valley-77").status,
        204
    );
}

#[test]
fn checks_run_in_graphs_order() {
    let s = start();
    // Token first: even a body that is garbage gets 401 without a valid token.
    let r = send(
        s.port,
        "POST",
        PATH,
        &[("Content-Type", "application/json")],
        "nonsense",
    )
    .unwrap();
    assert_eq!(r.status, 401);
    assert_graph_error(
        &change(s.port, "expired-token", "x", "y"),
        401,
        "InvalidAuthenticationToken",
    );
    assert_graph_error(
        &change(s.port, "made-up", "x", "y"),
        401,
        "InvalidAuthenticationToken",
    );
    // Permission before body and password.
    assert_graph_error(
        &change(s.port, "no-permission-token", "wrong", "y"),
        403,
        "Authorization_RequestDenied",
    );
    // Body shape before the current password.
    let bad = send(
        s.port,
        "POST",
        PATH,
        &[
            ("Authorization", "Bearer demo-token"),
            ("Content-Type", "application/json"),
            ("client-request-id", "cid-42"),
        ],
        "{\"currentPassword\": \"Start-Here-2026\"}",
    )
    .unwrap();
    assert_graph_error(&bad, 400, "Request_BadRequest");
    assert!(bad.body.contains("newPassword"));
    // Current password before the policy.
    let wrong = change(s.port, "demo-token", "wrong", "short");
    assert!(wrong.body.contains("current password is incorrect"));
}

#[test]
fn cors_preflight_allows_graph_headers_and_every_answer_exposes_retry_after() {
    let s = start();
    let pre = send(
        s.port,
        "OPTIONS",
        PATH,
        &[
            ("Origin", "http://127.0.0.1:8080"),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "authorization,content-type,client-request-id",
            ),
        ],
        "",
    )
    .unwrap();
    assert_eq!(pre.status, 200);
    let allowed = pre.header("Access-Control-Allow-Headers").unwrap();
    assert!(allowed.contains("Authorization") && allowed.contains("Content-Type"));
    assert!(pre
        .header("Access-Control-Allow-Methods")
        .unwrap()
        .contains("POST"));
    let odd = send(
        s.port,
        "OPTIONS",
        PATH,
        &[("Access-Control-Request-Headers", "x-secret")],
        "",
    )
    .unwrap();
    assert!(odd.header("Access-Control-Allow-Headers").is_none());
    // As current Graph does: Retry-After is readable by scripts, on errors and successes alike.
    for r in [
        change(s.port, "demo-token", "wrong", "Blue-Harbour-42"),
        change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42"),
    ] {
        let names = exposed(&r);
        for name in [
            "request-id",
            "client-request-id",
            "Retry-After",
            "WWW-Authenticate",
        ] {
            assert!(names.iter().any(|n| n == name), "{name}: {names:?}");
        }
    }
}

#[test]
fn request_log_keeps_no_passwords_and_reset_restores_users() {
    let s = start();
    change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42");
    change(
        s.port,
        "expired-token",
        "Start-Here-2026",
        "Blue-Harbour-42",
    );
    let log = send(s.port, "GET", "/_emulator/requests", &[], "").unwrap();
    assert!(!log.body.contains("Start-Here-2026") && !log.body.contains("Blue-Harbour-42"));
    let log = log.json();
    assert_eq!(log[0]["token"], "valid");
    assert_eq!(log[0]["status"], 204);
    assert_eq!(log[0]["clientRequestId"], "cid-42");
    assert_eq!(
        log[0]["bodyFields"],
        serde_json::json!(["currentPassword", "newPassword"])
    );
    assert_eq!(log[1]["token"], "expired");
    send(s.port, "POST", "/_emulator/reset", &[], "").unwrap();
    assert_eq!(
        send(s.port, "GET", "/_emulator/requests", &[], "")
            .unwrap()
            .json(),
        serde_json::json!([])
    );
    assert_eq!(
        change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42").status,
        204
    );
}

#[test]
fn unknown_paths_and_methods_answer_like_graph() {
    let s = start();
    let r = send(
        s.port,
        "GET",
        "/v1.0/me/nothing",
        &[("client-request-id", "cid-42")],
        "",
    )
    .unwrap();
    assert_graph_error(&r, 400, "BadRequest");
    let r = send(s.port, "GET", PATH, &[("client-request-id", "cid-42")], "").unwrap();
    assert_eq!(r.status, 405);
}

/// Sends `body` to changePassword with these headers and the usual client-request-id.
fn post(port: u16, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    let mut all = vec![("client-request-id", "cid-42")];
    all.extend_from_slice(headers);
    send(port, "POST", path, &all, body).expect("an answer")
}

const GOOD: &str = r#"{"currentPassword":"Start-Here-2026","newPassword":"Blue-Harbour-42"}"#;
const AUTH: (&str, &str) = ("Authorization", "Bearer demo-token");
const JSON: (&str, &str) = ("Content-Type", "application/json");

#[test]
fn content_type_must_be_json_after_the_token_check() {
    let s = start();
    // The token first: a bad token with a bad content type is still 401.
    let r = post(s.port, PATH, &[("Content-Type", "text/plain")], GOOD);
    assert_graph_error(&r, 401, "InvalidAuthenticationToken");
    for wrong in [
        None,
        Some("text/plain"),
        Some("application/jsonx"),
        Some(""),
    ] {
        let mut headers = vec![AUTH];
        headers.extend(wrong.map(|t| ("Content-Type", t)));
        let r = post(s.port, PATH, &headers, GOOD);
        assert_graph_error(&r, 415, "UnsupportedMediaType");
    }
    // Then the body: a right content type with a broken body is 400.
    assert_graph_error(&post(s.port, PATH, &[AUTH, JSON], "{"), 400, "BadRequest");
    let r = post(
        s.port,
        PATH,
        &[AUTH, ("Content-Type", "Application/JSON ; charset=utf-8")],
        GOOD,
    );
    assert_eq!(r.status, 204, "{}", r.body);
}

#[test]
fn unknown_body_properties_are_refused() {
    let s = start();
    let body = r#"{"currentPassword":"Start-Here-2026","newPassword":"Blue-Harbour-42","newpassword2":"x"}"#;
    let r = post(s.port, PATH, &[AUTH, JSON], body);
    assert_graph_error(&r, 400, "BadRequest");
    assert_eq!(
        r.json()["error"]["message"],
        "The parameter 'newpassword2' in the request payload is not a valid parameter for the operation 'changePassword'."
    );
    // A body that is not an object is still a 400, and nothing has changed.
    for not_object in ["[]", "\"text\"", "42"] {
        assert_eq!(post(s.port, PATH, &[AUTH, JSON], not_object).status, 400);
    }
    assert_eq!(post(s.port, PATH, &[AUTH, JSON], GOOD).status, 204);
}

#[test]
fn paths_are_case_insensitive_but_admin_paths_are_not() {
    let s = start();
    let r = post(s.port, "/V1.0/ME/CHANGEPASSWORD", &[AUTH, JSON], GOOD);
    assert_eq!(r.status, 204, "{}", r.body);
    let body = r#"{"currentPassword":"Blue-Harbour-42","newPassword":"Green-Valley-77"}"#;
    assert_eq!(
        post(s.port, "/beta/Me/changepassword", &[AUTH, JSON], body).status,
        204
    );
    let log = send(s.port, "GET", "/_emulator/requests", &[], "").unwrap();
    assert_eq!(log.json()[1]["path"], "/beta/Me/changepassword");
    assert_ne!(
        send(s.port, "GET", "/_EMULATOR/requests", &[], "")
            .unwrap()
            .status,
        200
    );
}

#[test]
fn bearer_scheme_in_any_case_with_any_number_of_spaces() {
    let s = start();
    let wrong = r#"{"currentPassword":"wrong","newPassword":"Blue-Harbour-42"}"#;
    for auth in [
        "bearer demo-token",
        "BEARER demo-token",
        "Bearer    demo-token",
    ] {
        let r = post(s.port, PATH, &[("Authorization", auth), JSON], wrong);
        assert!(
            r.body.contains("current password is incorrect"),
            "{auth}: {}",
            r.body
        );
    }
    for (auth, message) in [
        ("Bearer", "Access token is empty."),
        ("Basic demo-token", "Access token validation failure."),
        ("Bearerdemo-token", "Access token validation failure."),
    ] {
        let r = post(s.port, PATH, &[("Authorization", auth), JSON], wrong);
        assert_graph_error(&r, 401, "InvalidAuthenticationToken");
        assert_eq!(r.json()["error"]["message"], message, "{auth}");
    }
}

#[test]
fn no_content_carries_no_content_length() {
    let s = start();
    let r = post(s.port, PATH, &[AUTH, JSON], GOOD);
    assert_eq!(r.status, 204);
    assert_eq!(r.header("Content-Length"), None);
    assert!(r.body.is_empty());
    let r = post(s.port, PATH, &[AUTH, JSON], GOOD);
    assert_eq!(r.status, 400);
    assert_eq!(
        r.header("Content-Length"),
        Some(r.body.len().to_string().as_str())
    );
}

#[test]
fn header_lines_over_16_kib_get_431() {
    let s = start();
    let long = "x".repeat(16 * 1024 + 1);
    let r = post(s.port, PATH, &[AUTH, JSON, ("X-Long", &long)], GOOD);
    assert_eq!(r.status, 431);
    let r = post(s.port, &format!("{PATH}?q={long}"), &[AUTH, JSON], GOOD);
    assert_eq!(r.status, 431);
    // A long line under the limit is read normally; nothing above reached Graph's checks.
    let fine = "x".repeat(8 * 1024);
    let r = post(s.port, PATH, &[AUTH, JSON, ("X-Long", &fine)], GOOD);
    assert_eq!(r.status, 204);
}
