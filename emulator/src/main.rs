//! A local, faithful Microsoft Graph `changePassword` for the demo and the tests.
//!
//! `graph-emulator [--port 8787] [--users users.json]` listens on 127.0.0.1 only. The first line
//! it prints is `graph-emulator listening on http://127.0.0.1:PORT/v1.0`, so scripts can use
//! `--port 0` and read the port back. Nothing it prints (stdout or stderr) holds a password or a
//! token: they are in the `--users` file, or for the demo users in README.md.

mod admin;
mod checks;
mod clock;
mod directory;
mod fault_requests;
mod faults;
mod graph;
mod http;
mod jwt;
mod object_id;
/// The component's own policy module, compiled here too: one symbol set, one substitution
/// table, and the emulator never links Leptos (the file has no dependency).
#[path = "../../src/policy.rs"]
#[allow(dead_code)]
mod policy;
mod pwned;
mod revoke;

use directory::EXPIRED_TOKEN;
use graph::{Emulator, Reply};
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use std::{env, fs, process, thread};

const USAGE: &str = "usage: graph-emulator [--port N] [--users FILE.json]\n\
  --port N     port on 127.0.0.1 (default 8787; 0 picks a free one)\n\
  --users F    JSON array of {\"userPrincipalName\", \"password\", \"token\", \"canChangePassword\", \"id\"}\n\
               (\"id\": a GUID; left out, one is derived from the UPN, the same on every start)";

fn main() {
    let (port, users) = match parse_args(env::args().skip(1).collect()) {
        Ok(v) => v,
        Err(message) => {
            eprintln!("graph-emulator: {message}\n{USAGE}");
            process::exit(2);
        }
    };
    let listener = match TcpListener::bind(("127.0.0.1", port)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("graph-emulator: cannot listen on 127.0.0.1:{port}: {e}");
            process::exit(1);
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    let (emulator, users_from) = match users {
        Some((path, users)) => (Emulator::new(users), format!("the --users file {path}")),
        None => (
            Emulator::demo(),
            "README.md (\"The local Microsoft Graph\")".to_owned(),
        ),
    };
    // One write, errors ignored: a reader that closes stdout after the first line must not
    // take the server down with it.
    let _ = writeln!(io::stdout(), "{}", banner(port, &emulator, &users_from));
    let _ = io::stdout().flush();
    let emulator = Arc::new(Mutex::new(emulator));
    for stream in listener.incoming().flatten() {
        let emulator = Arc::clone(&emulator);
        thread::spawn(move || serve(stream, &emulator));
    }
}

/// The start-up text: the address first (scripts parse that line), then who can sign in.
/// Never a password or a token.
fn banner(port: u16, emulator: &Emulator, users_from: &str) -> String {
    let mut text = format!("graph-emulator listening on http://127.0.0.1:{port}/v1.0");
    for u in emulator.users() {
        let note = if u.can_change_password {
            ""
        } else {
            "  (403: not allowed to change)"
        };
        text.push_str(&format!(
            "\n  user {}{note}\n    id {}",
            u.user_principal_name, u.id
        ));
    }
    text.push_str(&format!(
        "\n  passwords and tokens: see {users_from}\
         \n  token \"{EXPIRED_TOKEN}\" (no user's) is always expired (401)\
         \n  admin: POST /_emulator/faults, GET /_emulator/requests, POST /_emulator/reset, \
         GET /_emulator/portal"
    ));
    text
}

type UsersFile = (String, Vec<directory::User>);

fn parse_args(args: Vec<String>) -> Result<(u16, Option<UsersFile>), String> {
    let (mut port, mut users) = (8787, None);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--port" => {
                port = value()?
                    .parse()
                    .map_err(|_| "--port needs a number".to_owned())?
            }
            "--users" => {
                let path = value()?;
                let text =
                    fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
                let parsed = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
                let parsed = directory::with_ids(parsed).map_err(|e| format!("{path}: {e}"))?;
                users = Some((path, parsed));
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                process::exit(0);
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok((port, users))
}

fn serve(stream: TcpStream, emulator: &Mutex<Emulator>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let request = match http::read_request(&stream) {
        Ok(r) => r,
        // Inferred, as is the 431: what Graph's front door answers to these is not published.
        Err(http::ReadError::TooLarge) => return refuse(&stream, 413),
        Err(http::ReadError::HeadersTooLarge) => return refuse(&stream, 431),
        Err(_) => return,
    };
    let reply = match emulator.lock() {
        Ok(mut e) => e.handle(&request),
        Err(_) => return,
    };
    // Passwords and tokens are never printed: only the method, path (without its query) and status.
    let (status, response) = match reply {
        Reply::Send(r) => (r.status.to_string(), Some(r)),
        Reply::DelayThenSend(ms, r) => {
            thread::sleep(Duration::from_millis(ms));
            (format!("{} after {ms} ms", r.status), Some(r))
        }
        Reply::Drop => ("connection dropped".to_owned(), None),
    };
    let path = request.path.split('?').next().unwrap_or("");
    eprintln!(
        "{} {} -> {status}",
        printable(&request.method),
        printable(path)
    );
    if let Some(response) = response {
        let _ = http::write_response(&stream, &response);
    }
}

/// Answers a request that was not read to its end, then lets the client finish sending before
/// closing: closing on unread input would reset the connection and could lose the answer.
fn refuse(stream: &TcpStream, status: u16) {
    eprintln!("(request refused) -> {status}");
    if http::write_response(stream, &http::Response::new(status)).is_err() {
        return;
    }
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = io::copy(&mut stream.take(1 << 20), &mut io::sink());
}

/// What a client sent, safe to show on a terminal: control characters become `?`.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}
