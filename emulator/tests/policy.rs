//! The directory's password rules over real HTTP: which texts Graph answers for a weak, a banned
//! and a recently used password, and how deep the history goes.

mod support;

use support::{assert_graph_error, change, message, start, COMPLEXITY};

#[test]
fn policy_banned_words_and_history() {
    let s = start();
    let weak = change(s.port, "demo-token", "Start-Here-2026", "lowercase");
    assert_graph_error(&weak, 400, "Request_BadRequest");
    assert_eq!(message(&weak), COMPLEXITY);
    // A banned password gets the same status, code and text as a weak one.
    let banned = change(s.port, "demo-token", "Start-Here-2026", "P@ssw0rd-2026");
    assert_graph_error(&banned, 400, "Request_BadRequest");
    assert_eq!(message(&banned), COMPLEXITY);
    // A recently used one gets a text without "complexity", so clients can tell them apart.
    let same = change(s.port, "demo-token", "Start-Here-2026", "Start-Here-2026");
    assert_graph_error(&same, 400, "Request_BadRequest");
    assert!(message(&same).contains("used recently"), "{}", same.body);
    assert!(!message(&same).to_lowercase().contains("complexity"));
    assert_eq!(
        change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42").status,
        204
    );
    let previous = change(s.port, "demo-token", "Blue-Harbour-42", "Start-Here-2026");
    assert!(message(&previous).contains("used recently"));
}

#[test]
fn history_is_one_password_deep() {
    let s = start();
    let (a, b, c) = ("Start-Here-2026", "Blue-Harbour-42", "Green-Valley-77");
    assert_eq!(change(s.port, "demo-token", a, b).status, 204);
    assert_eq!(change(s.port, "demo-token", b, c).status, 204);
    // The current and the one before it are refused; the one two changes ago is accepted.
    for recent in [c, b] {
        let r = change(s.port, "demo-token", c, recent);
        assert!(
            message(&r).contains("used recently"),
            "{recent}: {}",
            r.body
        );
    }
    assert_eq!(change(s.port, "demo-token", c, a).status, 204);
}
