//! The harness the HTTP tests share: the real emulator binary on an ephemeral port, and a
//! plain HTTP/1.1 client that shows exactly what came over the wire.
#![allow(dead_code)] // each test binary uses part of it

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

pub struct Server {
    pub child: Child,
    /// Kept open: the emulator keeps writing to stdout after the first line.
    pub stdout: BufReader<std::process::ChildStdout>,
    /// The first line printed, which scripts parse.
    pub first_line: String,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start() -> Server {
    start_with(&[])
}

/// The emulator with these arguments after `--port 0`.
pub fn start_with(args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_graph-emulator"))
        .args(["--port", "0"])
        .args(args)
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
        stdout,
        first_line: line,
        port,
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|_| panic!("JSON body, got {:?}", self.body))
    }
}

pub fn send(
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

pub const PATH: &str = "/v1.0/me/changePassword";
/// The demo users' object ids.
pub const ADELE_ID: &str = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
pub const MEGAN_ID: &str = "6e8a1b52-5f0c-4d6f-9c44-2a1b7d0e9f10";
/// Graph's text for a password it refuses as too weak (R), and for a banned one (inferred).
pub const COMPLEXITY: &str = "The specified password does not comply with password complexity requirements. Please provide a different password.";

pub fn change(port: u16, token: &str, current: &str, new: &str) -> Reply {
    change_at(port, PATH, token, current, new)
}

/// A changePassword call to `path` with the usual headers.
pub fn change_at(port: u16, path: &str, token: &str, current: &str, new: &str) -> Reply {
    let body = serde_json::json!({ "currentPassword": current, "newPassword": new }).to_string();
    let auth = format!("Bearer {token}");
    send(
        port,
        "POST",
        path,
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
            ("client-request-id", "cid-42"),
        ],
        &body,
    )
    .expect("an answer")
}

/// The error message of a Graph error answer.
pub fn message(r: &Reply) -> String {
    r.json()["error"]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("a Graph error, got {}", r.body))
        .to_owned()
}

/// The names in `Access-Control-Expose-Headers`.
pub fn exposed(r: &Reply) -> Vec<String> {
    r.header("Access-Control-Expose-Headers")
        .unwrap_or("")
        .split(',')
        .map(|h| h.trim().to_owned())
        .collect()
}

pub fn assert_graph_error(r: &Reply, status: u16, code: &str) {
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

pub fn fault(port: u16, json: &str) {
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

/// The admin endpoint's explanation for a fault it refuses to queue.
pub fn fault_refused(port: u16, json: &str) -> String {
    let r = send(port, "POST", "/_emulator/faults", &[], json).unwrap();
    assert_eq!(r.status, 400, "{json}: {}", r.body);
    r.json()["error"].as_str().unwrap().to_owned()
}

/// An unsigned JWT with this payload (Graph's checks read the claims; the emulator cannot check
/// a signature).
pub fn jwt(payload: &serde_json::Value) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut encoded = String::new();
    for chunk in payload.to_string().as_bytes().chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            encoded.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    format!("eyJhbGciOiJub25lIn0.{encoded}.c2ln")
}

/// A revokeSignInSessions call with this token and no body.
pub fn revoke_with(port: u16, token: &str) -> Reply {
    let auth = format!("Bearer {token}");
    send(
        port,
        "POST",
        "/v1.0/me/revokeSignInSessions",
        &[("Authorization", &auth), ("client-request-id", "cid-42")],
        "",
    )
    .expect("an answer")
}
