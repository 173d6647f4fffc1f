//! `Retry-After` and CORS over real HTTP: exposed to browser scripts by default, as current Graph
//! does; hidden, as 2022's Graph did, when a throttle or unavailable fault asks.

mod support;

use support::{assert_graph_error, change, exposed, fault, fault_refused, message, start};

#[test]
fn retry_after_is_exposed_unless_a_fault_hides_it() {
    let s = start();
    for (json, hidden) in [
        (r#"{"kind":"throttle","retryAfter":5}"#, false),
        (
            r#"{"kind":"throttle","retryAfter":5,"hideRetryAfter":true}"#,
            true,
        ),
        (
            r#"{"kind":"throttle","retryAfter":5,"hideRetryAfter":false}"#,
            false,
        ),
        (
            r#"{"kind":"throttle","retryAfter":5,"exposeRetryAfter":false}"#,
            true,
        ),
        (r#"{"kind":"unavailable","retryAfter":5}"#, false),
        (
            r#"{"kind":"unavailable","retryAfter":5,"hideRetryAfter":true}"#,
            true,
        ),
        (
            r#"{"kind":"unavailable","retryAfter":5,"exposeRetryAfter":false}"#,
            true,
        ),
    ] {
        fault(s.port, json);
        let r = change(s.port, "demo-token", "Start-Here-2026", "Blue-Harbour-42");
        assert_eq!(r.header("Retry-After"), Some("5"), "{json}");
        let names = exposed(&r);
        assert_eq!(
            names.iter().any(|h| h == "Retry-After"),
            !hidden,
            "{json}: {names:?}"
        );
        // Hidden or not, the rest of Graph's list stays readable.
        assert!(names.iter().any(|h| h == "request-id"), "{json}: {names:?}");
    }
    let both =
        r#"{"kind":"throttle","retryAfter":5,"hideRetryAfter":true,"exposeRetryAfter":true}"#;
    assert!(fault_refused(s.port, both).contains("contradict"));
    // Without a token that names a user, the identifier is the app's alone.
    fault(s.port, r#"{"kind":"throttle","retryAfter":5}"#);
    let r = change(s.port, "made-up", "x", "y");
    assert_graph_error(&r, 429, "TooManyRequests");
    assert!(
        message(&r).starts_with("Too many requests from Identifier:0b7e5c1a-2f3d-4a6b-8c9d-e0f1a2b3c4d5 under category:"),
        "{}",
        r.body
    );
}
