//! The Pwned Passwords range stand-in over real HTTP: the corpus's suffixes under a prefix,
//! padding only when asked, the real API's refusal of a bad prefix, and its CORS.

mod support;

use support::{send, start};

/// SHA-1 of "Summer2024!", a corpus password: prefix and suffix as the range API splits it.
const PREFIX: &str = "7E8B0";

fn get(port: u16, path: &str, headers: &[(&str, &str)]) -> support::Reply {
    send(port, "GET", path, headers, "").expect("an answer")
}

#[test]
fn a_prefix_lists_the_corpus_suffixes_under_it_padded_when_asked() {
    let s = start();
    let hash = sha1_hex("Summer2024!");
    assert!(hash.starts_with(PREFIX), "{hash}");
    let plain = get(s.port, &format!("/pwned/range/{PREFIX}"), &[]);
    assert_eq!(plain.status, 200);
    assert!(
        plain.body.contains(&format!("{}:48213", &hash[5..])),
        "{}",
        plain.body
    );
    assert!(plain.body.lines().count() < 10, "no padding unless asked");
    let padded = get(
        s.port,
        &format!("/pwned/range/{}", PREFIX.to_lowercase()),
        &[("Add-Padding", "true")],
    );
    let lines: Vec<&str> = padded.body.split("\r\n").collect();
    assert!(lines.len() >= 800, "{}", lines.len());
    assert!(
        lines
            .iter()
            .all(|l| l.len() > 36 && l.as_bytes()[35] == b':'),
        "SUFFIX:COUNT lines"
    );
    assert_eq!(
        lines.iter().filter(|l| !l.ends_with(":0")).count(),
        1,
        "only the corpus line counts"
    );
    assert_eq!(padded.header("Access-Control-Allow-Origin"), Some("*"));
}

#[test]
fn a_bad_prefix_is_refused_as_the_real_api_refuses_it_and_the_preflight_allows_add_padding() {
    let s = start();
    for bad in ["7E8B", "7E8B0A", "GGGGG"] {
        let r = get(s.port, &format!("/pwned/range/{bad}"), &[]);
        assert_eq!(
            (r.status, r.body.as_str()),
            (400, "The hash prefix was not in a valid format")
        );
    }
    let pre = send(
        s.port,
        "OPTIONS",
        "/pwned/range/7E8B0",
        &[("Access-Control-Request-Headers", "add-padding")],
        "",
    )
    .unwrap();
    assert_eq!(
        pre.header("Access-Control-Allow-Headers"),
        Some("Add-Padding")
    );
    assert_eq!(pre.header("Access-Control-Allow-Origin"), Some("*"));
}

fn sha1_hex(text: &str) -> String {
    sha1_smol::Sha1::from(text)
        .digest()
        .to_string()
        .to_ascii_uppercase()
}
