//! Object ids and `POST /users/{id or UPN}/changePassword` over real HTTP: the caller's own
//! account by either name, and nobody else's.

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{
    assert_graph_error, change, change_at, message, send, start, start_with, ADELE_ID, MEGAN_ID,
};

const DENIED: &str = "Access to change password operation is denied.";

#[test]
fn own_id_or_upn_changes_the_password_like_me() {
    let s = start();
    // The id in any case, the path's segments in any case.
    let upper = format!("/V1.0/USERS/{}/CHANGEPASSWORD", ADELE_ID.to_uppercase());
    let r = change_at(
        s.port,
        &upper,
        "demo-token",
        "Start-Here-2026",
        "Blue-Harbour-42",
    );
    assert_eq!(r.status, 204, "{}", r.body);
    // The UPN, percent-encoded and in another case, on beta.
    let by_upn = "/beta/users/Adele.Vance%40CONTOSO.example/changePassword";
    let r = change_at(
        s.port,
        by_upn,
        "demo-token",
        "Blue-Harbour-42",
        "Green-Valley-77",
    );
    assert_eq!(r.status, 204, "{}", r.body);
    // The same checks as /me: a wrong current password, the policy.
    let path = format!("/v1.0/users/{ADELE_ID}/changePassword");
    let r = change_at(
        s.port,
        &path,
        "demo-token",
        "Start-Here-2026",
        "Red-Canyon-88",
    );
    assert!(
        message(&r).contains("current password is incorrect"),
        "{}",
        r.body
    );
    let r = change_at(s.port, &path, "demo-token", "Green-Valley-77", "lowercase");
    assert_graph_error(&r, 400, "Request_BadRequest");
    // Megan's own id gets /me's answer for her: no permission.
    let megan = format!("/v1.0/users/{MEGAN_ID}/changePassword");
    let r = change_at(
        s.port,
        &megan,
        "no-permission-token",
        "Synced-From-AD-1",
        "Red-Canyon-88",
    );
    assert_graph_error(&r, 403, "Authorization_RequestDenied");
    assert_eq!(
        message(&r),
        "Insufficient privileges to complete the operation."
    );
    let log = send(s.port, "GET", "/_emulator/requests", &[], "")
        .unwrap()
        .json();
    assert_eq!(log[1]["path"], by_upn);
    assert_eq!(log[1]["user"], "adele.vance@contoso.example");
}

#[test]
fn anyone_else_is_denied_after_the_token_check() {
    let s = start();
    let megan = format!("/v1.0/users/{MEGAN_ID}/changePassword");
    for path in [
        megan.clone(),
        "/v1.0/users/megan.bowen@contoso.example/changePassword".to_owned(),
        "/v1.0/users/00000000-0000-0000-0000-000000000000/changePassword".to_owned(),
        "/v1.0/users/nobody%40contoso.example/changePassword".to_owned(),
    ] {
        // Even with the right current password for the account named, and a valid body.
        let r = change_at(
            s.port,
            &path,
            "demo-token",
            "Synced-From-AD-1",
            "Red-Canyon-88",
        );
        assert_graph_error(&r, 403, "Authorization_RequestDenied");
        assert_eq!(message(&r), DENIED, "{path}");
        // A body that is garbage is still refused for the target first, not for the body.
        let r = send(
            s.port,
            "POST",
            &path,
            &[
                ("Authorization", "Bearer demo-token"),
                ("client-request-id", "cid-42"),
            ],
            "nonsense",
        )
        .unwrap();
        assert_eq!((r.status, message(&r)), (403, DENIED.to_owned()), "{path}");
    }
    // The token first: no valid token is a 401 whoever is named.
    for token in ["expired-token", "made-up"] {
        let r = change_at(s.port, &megan, token, "Synced-From-AD-1", "Red-Canyon-88");
        assert_graph_error(&r, 401, "InvalidAuthenticationToken");
    }
    // Megan, without permission, asking for Adele: denied as someone else.
    let adele = format!("/v1.0/users/{ADELE_ID}/changePassword");
    let r = change_at(
        s.port,
        &adele,
        "no-permission-token",
        "Start-Here-2026",
        "Red-Canyon-88",
    );
    assert_eq!(message(&r), DENIED);
    // Nothing changed anywhere.
    assert_eq!(
        change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42").status,
        204
    );
    let r = send(
        s.port,
        "GET",
        &adele,
        &[("client-request-id", "cid-42")],
        "",
    )
    .unwrap();
    assert_eq!(r.status, 405);
}

/// A `--users` file in the temporary directory, named for the test.
fn users_file(name: &str, json: &str) -> String {
    let path =
        std::env::temp_dir().join(format!("graph-emulator-{name}-{}.json", std::process::id()));
    std::fs::write(&path, json).unwrap();
    path.to_string_lossy().into_owned()
}

/// The id the banner prints under `user {upn}`.
fn banner_id(banner: &str, upn: &str) -> String {
    let mut lines = banner
        .lines()
        .skip_while(|l| l.trim() != format!("user {upn}"));
    lines.next();
    let id = lines.next().and_then(|l| l.trim().strip_prefix("id "));
    id.unwrap_or_else(|| panic!("no id for {upn}: {banner}"))
        .to_owned()
}

/// Everything the emulator printed at start-up: the first line and what followed.
fn banner(s: &mut support::Server) -> String {
    use std::io::BufRead;
    let mut text = s.first_line.clone();
    let mut line = String::new();
    while !line.trim_start().starts_with("admin:") {
        line.clear();
        assert_ne!(s.stdout.read_line(&mut line).unwrap(), 0, "{text}");
        text.push_str(&line);
    }
    text
}

#[test]
fn users_file_ids_are_given_or_derived_from_the_upn() {
    let file = users_file(
        "ids",
        r#"[{"userPrincipalName":"given@fabrikam.example","password":"Start-Here-2026","token":"t-given","id":"0F3B3C9A-1111-4222-8333-944455556666"},
            {"userPrincipalName":"Derived@Fabrikam.example","password":"Start-Here-2026","token":"t-derived"}]"#,
    );
    let mut s = start_with(&["--users", &file]);
    let printed = banner(&mut s);
    assert_eq!(
        banner_id(&printed, "given@fabrikam.example"),
        "0F3B3C9A-1111-4222-8333-944455556666"
    );
    let derived = banner_id(&printed, "Derived@Fabrikam.example");
    let shape: Vec<usize> = derived.split('-').map(str::len).collect();
    assert_eq!(shape, [8, 4, 4, 4, 12], "{derived}");
    // The given id, in another case, and the derived one both name their users.
    let path = "/v1.0/users/0f3b3c9a-1111-4222-8333-944455556666/changePassword";
    assert_eq!(
        change_at(
            s.port,
            path,
            "t-given",
            "Start-Here-2026",
            "Blue-Harbour-42"
        )
        .status,
        204
    );
    let path = format!("/v1.0/users/{derived}/changePassword");
    assert_eq!(
        change_at(
            s.port,
            &path,
            "t-derived",
            "Start-Here-2026",
            "Blue-Harbour-42"
        )
        .status,
        204
    );
    // The same id on the next start.
    let mut again = start_with(&["--users", &file]);
    assert_eq!(
        banner_id(&banner(&mut again), "Derived@Fabrikam.example"),
        derived
    );
    let _ = std::fs::remove_file(file);
}

#[test]
fn users_file_ids_must_be_guids() {
    let file = users_file(
        "bad-id",
        r#"[{"userPrincipalName":"x@fabrikam.example","password":"p","token":"t","id":"42"}]"#,
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_graph-emulator"))
        .args(["--port", "0", "--users", &file])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // It must refuse to start; one that starts anyway is killed rather than waited for.
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let _ = std::fs::remove_file(file);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("x@fabrikam.example") && err.contains("GUID"),
        "{err}"
    );
}

#[test]
fn the_demo_users_have_their_ids_and_reset_restores_them() {
    let mut s = start();
    let printed = banner(&mut s);
    assert_eq!(banner_id(&printed, "adele.vance@contoso.example"), ADELE_ID);
    let megan = banner_id(
        &printed,
        "megan.bowen@contoso.example  (403: not allowed to change)",
    );
    assert_eq!(megan, MEGAN_ID);
    let path = format!("/v1.0/users/{ADELE_ID}/changePassword");
    let (a, b, c) = ("Start-Here-2026", "Blue-Harbour-42", "Green-Valley-77");
    assert_eq!(change_at(s.port, &path, "demo-token", a, b).status, 204);
    assert_eq!(change_at(s.port, &path, "demo-token", b, c).status, 204);
    send(s.port, "POST", "/_emulator/reset", &[], "").unwrap();
    // The starting password again, no history (C was never used), the same id.
    assert_eq!(change_at(s.port, &path, "demo-token", a, c).status, 204);
    assert_eq!(change_at(s.port, &path, "demo-token", c, b).status, 204);
}
