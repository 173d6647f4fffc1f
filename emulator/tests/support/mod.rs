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

pub fn change(port: u16, token: &str, current: &str, new: &str) -> Reply {
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
