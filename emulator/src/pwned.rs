//! A local stand-in for Have I Been Pwned's Pwned Passwords range API, beside the Graph routes:
//! `GET /pwned/range/{first five hex digits of a SHA-1}` answers every known suffix under that
//! prefix as `SUFFIX:COUNT` lines (CRLF), from a small corpus shipped in the repo
//! (`pwned-corpus.txt`: passwords that pass every rule of the form and of this local Graph,
//! yet are "breached"); with `Add-Padding: true`, padded with made-up suffixes of count 0 to 800
//! lines or more, as the real API pads. CORS as the real API: any origin, and the `Add-Padding`
//! header allowed in the preflight. Faults with `"call": "range"` apply here.

use crate::http::{Request, Response};
use sha1_smol::Sha1;

/// The corpus: one `password count` per line.
const CORPUS: &str = include_str!("../pwned-corpus.txt");

/// What a padded answer reaches at least, as the real API's padding does (800 to 1,000 lines).
const PADDED_TO: usize = 800;

/// The SHA-1 of `text`, as the API writes it: 40 upper-case hex digits.
pub fn sha1_hex(text: &str) -> String {
    Sha1::from(text).digest().to_string().to_ascii_uppercase()
}

/// The corpus's passwords and counts.
pub fn corpus() -> impl Iterator<Item = (&'static str, u64)> {
    CORPUS
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|line| {
            let (password, count) = line.rsplit_once(' ')?;
            Some((password, count.parse().ok()?))
        })
}

/// The answer to a range request for `prefix` (already taken from the path).
pub fn range(prefix: &str, req: &Request) -> Response {
    let valid = prefix.len() == 5 && prefix.bytes().all(|b| b.is_ascii_hexdigit());
    if !valid {
        // The real API's wording for a prefix that is not five hex digits.
        return cors(Response::new(400))
            .body("text/plain", "The hash prefix was not in a valid format");
    }
    let prefix = prefix.to_ascii_uppercase();
    let mut lines: Vec<String> = corpus()
        .map(|(password, count)| (sha1_hex(password), count))
        .filter(|(hash, _)| hash.starts_with(&prefix))
        .map(|(hash, count)| format!("{}:{count}", &hash[5..]))
        .collect();
    let padded = req
        .header("add-padding")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    if padded {
        let mut n = 0u32;
        while lines.len() < PADDED_TO {
            // Made-up suffixes, the same for the same prefix: count 0 marks them as padding.
            let made_up = sha1_hex(&format!("padding {prefix} {n}"));
            lines.push(format!("{}:0", &made_up[5..]));
            n += 1;
        }
        lines.sort();
    }
    cors(Response::new(200)).body("text/plain", lines.join("\r\n"))
}

/// The preflight the `Add-Padding` header causes.
pub fn preflight() -> Response {
    cors(Response::new(204))
        .header("Access-Control-Allow-Methods", "GET")
        .header("Access-Control-Allow-Headers", "Add-Padding")
        .header("Access-Control-Max-Age", "86400")
}

/// The real API's CORS: any origin (added once, to a fault's answer too).
pub(crate) fn cors(response: Response) -> Response {
    let has = response
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("Access-Control-Allow-Origin"));
    if has {
        response
    } else {
        response.header("Access-Control-Allow-Origin", "*")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha1_is_the_apis_hash() {
        assert_eq!(
            sha1_hex("password"),
            "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8"
        );
    }

    #[test]
    fn the_corpus_passes_every_rule_of_the_form_and_of_this_graph() {
        let adele = crate::directory::demo_users().remove(0);
        let mut n = 0;
        for (password, count) in corpus() {
            assert!(crate::directory::complexity_ok(password), "{password}");
            assert_eq!(adele.refuses(password), None, "{password}");
            assert!(count > 0);
            n += 1;
        }
        assert!(n >= 24, "a few dozen passwords ({n})");
    }
}
