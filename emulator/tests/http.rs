//! The emulator over real HTTP, as the browser meets it: the real binary on an ephemeral port.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    /// Kept open: the emulator keeps writing to stdout after the first line.
    _stdout: BufReader<std::process::ChildStdout>,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_graph-emulator"))
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("emulator starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let port = line
        .trim()
        .rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches("/v1.0")
        .parse()
        .unwrap();
    Server {
        child,
        _stdout: stdout,
        port,
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|_| panic!("JSON body, got {:?}", self.body))
    }
}

fn send(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Option<Reply> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (n, v) in headers {
        req.push_str(&format!("{n}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).ok()?;
    let (head, body) = raw.split_once("\r\n\r\n")?;
    let mut lines = head.lines();
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| {
            l.split_once(": ")
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
        })
        .collect();
    Some(Reply {
        status,
        headers,
        body: body.to_owned(),
    })
}

const PATH: &str = "/v1.0/me/changePassword";

fn change(port: u16, token: &str, current: &str, new: &str) -> Reply {
    let body = serde_json::json!({ "currentPassword": current, "newPassword": new }).to_string();
    let auth = format!("Bearer {token}");
    send(
        port,
        "POST",
        PATH,
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
            ("client-request-id", "cid-42"),
        ],
        &body,
    )
    .expect("an answer")
}

fn assert_graph_error(r: &Reply, status: u16, code: &str) {
    assert_eq!(r.status, status, "{}", r.body);
    let j = r.json();
    assert_eq!(j["error"]["code"], code, "{}", r.body);
    assert!(j["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    assert_eq!(j["error"]["innerError"]["client-request-id"], "cid-42");
    let rid = j["error"]["innerError"]["request-id"].as_str().unwrap();
    assert_eq!(r.header("request-id"), Some(rid));
    assert_eq!(j["error"]["innerError"]["date"].as_str().unwrap().len(), 19);
    assert_eq!(r.header("Access-Control-Allow-Origin"), Some("*"));
}

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
fn policy_banned_words_and_history() {
    let s = start();
    let msg = |r: Reply| r.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        msg(change(s.port, "demo-token", "Start-Here-2026", "lowercase")).contains("complexity")
    );
    assert!(msg(change(
        s.port,
        "demo-token",
        "Start-Here-2026",
        "P@ssw0rd-2026"
    ))
    .contains("banned"));
    assert!(msg(change(
        s.port,
        "demo-token",
        "Start-Here-2026",
        "Start-Here-2026"
    ))
    .contains("used recently"));
    assert_eq!(
        change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42").status,
        204
    );
    assert!(msg(change(
        s.port,
        "demo-token",
        "Blue-Harbour-42",
        "Start-Here-2026"
    ))
    .contains("used recently"));
}

#[test]
fn cors_preflight_allows_graph_headers_and_hides_retry_after() {
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
    let r = change(s.port, "demo-token", "wrong", "Blue-Harbour-42");
    let exposed = r.header("Access-Control-Expose-Headers").unwrap();
    assert!(exposed.contains("request-id") && !exposed.contains("Retry-After"));
}

fn fault(port: u16, json: &str) {
    let r = send(
        port,
        "POST",
        "/_emulator/faults",
        &[("Content-Type", "application/json")],
        json,
    )
    .unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
}

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
    let u = change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42");
    assert_graph_error(&u, 503, "serviceNotAvailable");
    assert_eq!(u.header("Retry-After"), Some("9"));
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

#[test]
fn stderr_log_never_shows_passwords() {
    let mut s = start();
    change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42");
    let _ = s.child.kill();
    let mut err = String::new();
    s.child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(err.contains("POST /v1.0/me/changePassword -> 204"), "{err}");
    assert!(!err.contains("Blue-Harbour-42") && !err.contains("Start-Here-2026"));
}
