//! Access tokens as Graph reads them, over real HTTP: a JWT whose `oid` or `upn` names a user
//! signs that user in, and each call needs its own delegated scope.

mod support;

use support::{assert_graph_error, change, jwt, message, revoke_with, start, ADELE_ID};

const CHANGE: &str = "User-PasswordProfile.ReadWrite.All";
const REVOKE: &str = "User.RevokeSessions.All";
const DENIED: &str = "Insufficient privileges to complete the operation.";

fn token(scp: &str) -> String {
    jwt(&serde_json::json!({
        "aud": "https://graph.microsoft.com",
        "oid": ADELE_ID,
        "scp": scp,
        "exp": 4_102_444_800u64,
    }))
}

#[test]
fn a_jwt_without_the_change_scope_is_refused_403_and_with_it_changes() {
    let s = start();
    let r = change(
        s.port,
        &token(&format!("openid {REVOKE}")),
        "Start-Here-2026",
        "Blue-Harbour-42",
    );
    assert_graph_error(&r, 403, "Authorization_RequestDenied");
    assert_eq!(message(&r), DENIED);
    let r = change(s.port, &token(CHANGE), "Start-Here-2026", "Blue-Harbour-42");
    assert_eq!(r.status, 204, "{}", r.body);
}

#[test]
fn a_jwt_without_the_revoke_scope_is_refused_403_and_with_it_revokes() {
    let s = start();
    let r = revoke_with(s.port, &token(CHANGE));
    assert_graph_error(&r, 403, "Authorization_RequestDenied");
    assert_eq!(message(&r), DENIED);
    assert_eq!(revoke_with(s.port, &token(REVOKE)).status, 200);
    assert_eq!(
        revoke_with(s.port, &token("Directory.AccessAsUser.All")).status,
        200
    );
}

#[test]
fn the_user_is_named_by_oid_or_upn_and_the_token_must_be_for_graph_and_current() {
    let s = start();
    let by_upn = jwt(&serde_json::json!({
        "aud": ["api://other", "00000003-0000-0000-c000-000000000000"],
        "upn": "ADELE.VANCE@contoso.example",
        "scp": REVOKE,
    }));
    assert_eq!(revoke_with(s.port, &by_upn).status, 200);
    for (claims, why) in [
        (
            serde_json::json!({"aud": "api://other", "oid": ADELE_ID, "scp": REVOKE}),
            "audience",
        ),
        (
            serde_json::json!({"aud": "https://graph.microsoft.com", "oid": ADELE_ID, "scp": REVOKE, "exp": 1000}),
            "expired",
        ),
        (
            serde_json::json!({"aud": "https://graph.microsoft.com", "oid": "nobody", "scp": REVOKE}),
            "no such user",
        ),
    ] {
        let r = revoke_with(s.port, &jwt(&claims));
        assert_graph_error(&r, 401, "InvalidAuthenticationToken");
        assert!(!message(&r).is_empty(), "{why}");
    }
    // Opaque demo tokens keep working as before.
    assert_eq!(revoke_with(s.port, "demo-token").status, 200);
}
