//! A local, faithful Microsoft Graph `changePassword` for the demo and the tests.
//!
//! `graph-emulator [--port 8787] [--users users.json]` listens on 127.0.0.1 only. The first line
//! it prints is `graph-emulator listening on http://127.0.0.1:PORT/v1.0`, so scripts can use
//! `--port 0` and read the port back.

mod admin;
mod clock;
mod directory;
mod graph;
mod http;

use graph::{Emulator, Reply};
use std::io::{self, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use std::{env, fs, process, thread};

const USAGE: &str = "usage: graph-emulator [--port N] [--users FILE.json]\n\
  --port N     port on 127.0.0.1 (default 8787; 0 picks a free one)\n\
  --users F    JSON array of {\"userPrincipalName\", \"password\", \"token\", \"canChangePassword\"}";

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
    let emulator = match users {
        Some(users) => Emulator::new(users),
        None => Emulator::demo(),
    };
    // One write, errors ignored: a reader that closes stdout after the first line must not
    // take the server down with it.
    let _ = writeln!(io::stdout(), "{}", banner(port, &emulator));
    let _ = io::stdout().flush();
    let emulator = Arc::new(Mutex::new(emulator));
    for stream in listener.incoming().flatten() {
        let emulator = Arc::clone(&emulator);
        thread::spawn(move || serve(stream, &emulator));
    }
}

fn banner(port: u16, emulator: &Emulator) -> String {
    let mut text = format!("graph-emulator listening on http://127.0.0.1:{port}/v1.0");
    for u in emulator.users() {
        let note = if u.can_change_password {
            ""
        } else {
            "  (403: not allowed to change)"
        };
        text.push_str(&format!(
            "\n  user {}  password {:?}  token {:?}{note}",
            u.user_principal_name, u.password, u.token
        ));
    }
    text.push_str("\n  token \"expired-token\" is always expired (401)");
    text.push_str(
        "\n  admin: POST /_emulator/faults, GET /_emulator/requests, POST /_emulator/reset",
    );
    text
}

fn parse_args(args: Vec<String>) -> Result<(u16, Option<Vec<directory::User>>), String> {
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
                users = Some(serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?);
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
        Err(http::ReadError::TooLarge) => {
            let _ = http::write_response(&stream, &http::Response::new(413));
            return;
        }
        Err(_) => return,
    };
    let reply = match emulator.lock() {
        Ok(mut e) => e.handle(&request),
        Err(_) => return,
    };
    // Passwords are never printed: only the method, path and status.
    let (status, response) = match reply {
        Reply::Send(r) => (r.status.to_string(), Some(r)),
        Reply::DelayThenSend(ms, r) => {
            thread::sleep(Duration::from_millis(ms));
            (format!("{} after {ms} ms", r.status), Some(r))
        }
        Reply::Drop => ("connection dropped".to_owned(), None),
    };
    eprintln!("{} {} -> {status}", request.method, request.path);
    if let Some(response) = response {
        let _ = http::write_response(&stream, &response);
    }
}
