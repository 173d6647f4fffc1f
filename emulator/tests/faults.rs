//! Queued faults over real HTTP: what a gateway, a proxy, a captive portal or a stressed Graph
//! answers instead of the normal outcome.

mod support;

use support::{
    assert_graph_error, change, exposed, fault, fault_refused, message, send, start, ADELE_ID, PATH,
};

#[test]
fn faults_apply_once_each_in_order() {
    let s = start();
    fault(s.port, r#"{"kind":"throttle","retryAfter":7}"#);
    fault(s.port, r#"{"kind":"unavailable","retryAfter":9}"#);
    fault(s.port, r#"{"kind":"html500"}"#);
    fault(s.port, r#"{"kind":"malformed","status":502}"#);
    fault(s.port, r#"{"kind":"close"}"#);
    let t = change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42");
    assert_graph_error(&t, 429, "TooManyRequests");
    assert_eq!(t.header("Retry-After"), Some("7"));
    assert_eq!(
        message(&t),
        format!("Too many requests from Identifier:{ADELE_ID}+0b7e5c1a-2f3d-4a6b-8c9d-e0f1a2b3c4d5 under category:throttle.aad.ags.msgraph.me.changePassword. Please try again later.")
    );
    let u = change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42");
    assert_graph_error(&u, 503, "serviceNotAvailable");
    assert_eq!(u.header("Retry-After"), Some("9"));
    for r in [&t, &u] {
        assert!(
            exposed(r).iter().any(|h| h == "Retry-After"),
            "exposed by default"
        );
    }
    let h = change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42");
    assert_eq!(
        (h.status, h.header("Content-Type")),
        (500, Some("text/html"))
    );
    let m = change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42");
    assert_eq!(m.status, 502);
    assert!(serde_json::from_str::<serde_json::Value>(&m.body).is_err());
    let body = r#"{"currentPassword":"Start-Here-2026","newPassword":"Blue-Harbour-42"}"#;
    assert!(send(
        s.port,
        "POST",
        PATH,
        &[("Authorization", "Bearer demo-token")],
        body
    )
    .is_none());
    // Faults used up: the next call is answered normally, and nothing changed before.
    assert_eq!(
        change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42").status,
        204
    );
}

#[test]
fn delay_and_exposed_retry_after() {
    let s = start();
    fault(s.port, r#"{"kind":"delay","ms":300}"#);
    let t0 = std::time::Instant::now();
    assert_eq!(
        change(s.port, "demo-token", "wrong", "Blue-Harbour-42").status,
        400
    );
    assert!(t0.elapsed().as_millis() >= 300);
    fault(
        s.port,
        r#"{"kind":"throttle","retryAfter":5,"exposeRetryAfter":true}"#,
    );
    let t = change(s.port, "demo-token", "wrong", "Blue-Harbour-42");
    assert!(t
        .header("Access-Control-Expose-Headers")
        .unwrap()
        .contains("Retry-After"));
}

#[test]
fn times_is_bounded() {
    let s = start();
    for bad in ["0", "101", "-1", "\"3\""] {
        let json = format!(r#"{{"kind":"close","times":{bad}}}"#);
        assert!(fault_refused(s.port, &json).contains("times"), "{bad}");
    }
    fault(s.port, r#"{"kind":"close","times":100}"#);
    // Nothing refused was queued: 100 drops, then a normal answer.
    for _ in 0..100 {
        let body = r#"{"currentPassword":"wrong","newPassword":"x"}"#;
        assert!(send(s.port, "POST", PATH, &[], body).is_none());
    }
    assert_eq!(change(s.port, "demo-token", "wrong", "x").status, 400);
}

/// Standard base64 with padding, decoded.
fn unbase64(text: &str) -> Vec<u8> {
    const ABC: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextets: Vec<u32> = text
        .trim_end_matches('=')
        .chars()
        .map(|c| ABC.find(c).expect("a base64 character") as u32)
        .collect();
    let mut out = Vec::new();
    for group in sextets.chunks(4) {
        let n = group
            .iter()
            .enumerate()
            .fold(0, |n, (i, s)| n | (s << (18 - 6 * i)));
        out.extend_from_slice(&n.to_be_bytes()[1..group.len()]);
    }
    out
}

#[test]
fn claims_challenge_is_a_readable_401() {
    let s = start();
    fault(s.port, r#"{"kind":"claimsChallenge"}"#);
    let r = change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42");
    assert_graph_error(&r, 401, "InvalidAuthenticationToken");
    assert_eq!(
        r.json()["error"]["message"],
        "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp"
    );
    let challenge = r.header("WWW-Authenticate").unwrap();
    let prefix = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims=""#;
    let claims = challenge
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or_else(|| panic!("{challenge}"));
    assert_eq!(claims.len() % 4, 0, "padded: {claims}");
    assert_eq!(
        String::from_utf8(unbase64(claims)).unwrap(),
        r#"{"access_token":{"nbf":{"essential":true, "value":"1700000000"}}}"#
    );
    let exposed = r.header("Access-Control-Expose-Headers").unwrap();
    assert!(
        exposed.split(", ").any(|h| h == "WWW-Authenticate"),
        "{exposed}"
    );
    // The call never reached the directory: the password is unchanged.
    assert_eq!(
        change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42").status,
        204
    );
}

#[test]
fn answer_sends_exactly_what_a_proxy_or_portal_would() {
    let s = start();
    let portal = format!("http://127.0.0.1:{}/_emulator/portal", s.port);
    fault(
        s.port,
        r#"{"kind":"answer","status":200,"contentType":"text/html","body":"<html><body>Proxy says hi</body></html>"}"#,
    );
    fault(
        s.port,
        &format!(r#"{{"kind":"answer","status":302,"headers":{{"Location":"{portal}"}}}}"#),
    );
    fault(s.port, r#"{"kind":"answer","status":401}"#);
    let markup =
        r#"{"error":{"code":"Request_BadRequest","message":"<img src=x onerror=alert(1)>"}}"#;
    let json = serde_json::json!({ "kind": "answer", "status": 400, "contentType": "application/json", "body": markup });
    fault(s.port, &json.to_string());

    let call = || change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42");
    let html = call();
    assert_eq!(
        (html.status, html.header("Content-Type")),
        (200, Some("text/html"))
    );
    assert_eq!(html.body, "<html><body>Proxy says hi</body></html>");
    assert_eq!(html.header("Access-Control-Allow-Origin"), Some("*"));
    assert_eq!(html.header("request-id"), None, "exactly the given answer");
    let redirect = call();
    assert_eq!(redirect.status, 302);
    assert_eq!(redirect.header("Location"), Some(portal.as_str()));
    assert_eq!(
        (redirect.header("Content-Type"), redirect.body.as_str()),
        (None, "")
    );
    let bare = call();
    assert_eq!(
        (bare.status, bare.header("Content-Type"), bare.body.as_str()),
        (401, None, "")
    );
    assert_eq!(bare.header("Access-Control-Allow-Origin"), Some("*"));
    let odd = call();
    assert_eq!((odd.status, odd.body.as_str()), (400, markup));

    let page = send(s.port, "GET", "/_emulator/portal", &[], "").unwrap();
    assert_eq!(page.status, 200);
    assert!(page
        .header("Content-Type")
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(
        page.body,
        "<html><body><h1>Sign in to the Wi-Fi</h1></body></html>"
    );
    assert_eq!(page.header("Access-Control-Allow-Origin"), Some("*"));

    // Every faulted call is in the log with its status; the portal visit is not.
    let log = send(s.port, "GET", "/_emulator/requests", &[], "")
        .unwrap()
        .json();
    let statuses: Vec<_> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].clone())
        .collect();
    assert_eq!(
        statuses,
        serde_json::json!([200, 302, 401, 400])
            .as_array()
            .unwrap()
            .clone()
    );
    assert_eq!(log[0]["token"], "valid");
    assert_eq!(
        call().status,
        204,
        "the faults replaced the calls: nothing changed"
    );
}

#[test]
fn answer_refuses_what_http_cannot_send() {
    let s = start();
    assert!(fault_refused(s.port, r#"{"kind":"answer","status":101}"#).contains("status"));
    assert!(fault_refused(s.port, r#"{"kind":"answer","status":600}"#).contains("status"));
    assert!(fault_refused(
        s.port,
        r#"{"kind":"answer","status":200,"headers":{"X":"a\r\nb"}}"#
    )
    .contains("X"));
    assert_eq!(
        send(s.port, "GET", "/_emulator/requests", &[], "")
            .unwrap()
            .body,
        "[]"
    );
    assert_eq!(
        change(s.port, "demo-token", "wrong", "x").status,
        400,
        "nothing was queued"
    );
}

#[test]
fn applied_then_a_gateway_timeout_or_a_dropped_connection() {
    let s = start();
    fault(s.port, r#"{"kind":"appliedThenGatewayTimeout"}"#);
    let r = change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42");
    assert_eq!(r.status, 504);
    assert!(r.body.contains("Gateway Time-out"), "{}", r.body);
    // It went through: the old password is refused, the new one works.
    let r = change(s.port, "demo-token", "Start-Here-2026", "Green-Valley-77");
    assert!(message(&r).contains("current password is incorrect"));
    fault(s.port, r#"{"kind":"appliedThenClose"}"#);
    let body =
        serde_json::json!({"currentPassword": "Blue-Harbour-42", "newPassword": "Green-Valley-77"})
            .to_string();
    let dropped = support::send(
        s.port,
        "POST",
        support::PATH,
        &[
            ("Authorization", "Bearer demo-token"),
            ("Content-Type", "application/json"),
        ],
        &body,
    );
    assert!(dropped.is_none(), "no answer");
    assert_eq!(
        change(s.port, "demo-token", "Green-Valley-77", "Start-Here-2026").status,
        204,
        "the dropped call had changed it"
    );
}

#[test]
fn revoke_faults_take_any_kind() {
    let s = start();
    fault(
        s.port,
        r#"{"kind":"answer","status":204,"call":"revokeSignInSessions"}"#,
    );
    let r = support::revoke_with(s.port, "demo-token");
    assert_eq!((r.status, r.body.as_str()), (204, ""));
    fault(
        s.port,
        r#"{"kind":"answer","status":200,"contentType":"application/json","body":"{\"value\":false}","call":"revokeSignInSessions"}"#,
    );
    assert_eq!(
        support::revoke_with(s.port, "demo-token").body,
        r#"{"value":false}"#
    );
    fault(
        s.port,
        r#"{"kind":"claimsChallenge","call":"revokeSignInSessions"}"#,
    );
    let r = support::revoke_with(s.port, "demo-token");
    assert_eq!(r.status, 401);
    assert!(r
        .header("WWW-Authenticate")
        .unwrap()
        .contains("insufficient_claims"));
    assert_eq!(
        support::revoke_with(s.port, "demo-token").status,
        200,
        "one call each"
    );
    // changePassword's queue is untouched.
    assert_eq!(
        change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42").status,
        204
    );
}
