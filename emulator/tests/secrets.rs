//! Nothing the emulator prints (stdout or stderr) holds a password or a token.

mod support;

use std::io::Read;
use support::{change, start};

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

#[test]
fn nothing_printed_shows_a_password_or_a_token() {
    let mut s = start();
    assert_eq!(
        s.first_line.trim_end(),
        format!(
            "graph-emulator listening on http://127.0.0.1:{}/v1.0",
            s.port
        )
    );
    assert_eq!(
        change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42").status,
        204
    );
    assert_eq!(
        change(s.port, "demo-token", "Synced-From-AD-1", "Green-Valley-77").status,
        400
    );
    let _ = s.child.kill();
    let _ = s.child.wait();
    let mut out = s.first_line.clone();
    s.stdout.read_to_string(&mut out).unwrap();
    let mut err = String::new();
    let mut stderr = s.child.stderr.take().unwrap();
    stderr.read_to_string(&mut err).unwrap();
    assert!(out.contains("user adele.vance@contoso.example\n"), "{out}");
    assert!(
        out.contains("user megan.bowen@contoso.example  (403: not allowed to change)"),
        "{out}"
    );
    assert!(out.contains("passwords and tokens: see README.md"), "{out}");
    assert!(err.contains("-> 204") && err.contains("-> 400"), "{err}");
    for secret in [
        "Start-Here-2026",
        "Synced-From-AD-1",
        "Blue-Harbour-42",
        "Green-Valley-77",
        "demo-token",
        "no-permission-token",
    ] {
        assert!(!out.contains(secret), "stdout shows {secret}: {out}");
        assert!(!err.contains(secret), "stderr shows {secret}: {err}");
    }
}
