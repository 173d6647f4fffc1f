//! Refusing passwords already known to attackers (NIST SP 800-63B), by k-anonymity: only the
//! first five hex characters of the new password's SHA-1 go to a Pwned Passwords range API; its
//! answer (every known suffix under that prefix, with counts, padded) is compared here. The
//! password, its full hash and its suffix never leave the browser. Pure; the request and the
//! digest are in `check.rs` (the browser's `crypto.subtle`: no hashing crate in the wasm).

#[cfg(target_arch = "wasm32")]
pub mod check;

/// Have I Been Pwned's public range API.
pub const PUBLIC_RANGE_API: &str = "https://api.pwnedpasswords.com/range/";

/// What the check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Seen this many times in breaches: refused.
    Found(u64),
    NotFound,
    /// The check could not answer (offline, timeout, refused, no `crypto.subtle`): the change
    /// goes ahead, and the page's developer is told why.
    Unknown,
}

/// A SHA-1 digest as the range API writes it: 40 upper-case hex digits.
pub fn hex(digest: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    digest
        .iter()
        .flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

/// The range request's address: the mirror's base and the hash's first five characters only.
pub fn range_url(base: &str, hash: &str) -> String {
    [base, hash.get(..5).unwrap_or("")].concat()
}

/// How many times `suffix` (the hash past its first five characters) is listed in a range
/// answer (`SUFFIX:COUNT` lines, any case, CRLF or LF). Padding lines (count 0) and lines that
/// are not of that shape count as not listed. `None` when no line has that shape: not a range
/// answer at all (a portal's page, a mirror's index), since every real one lists hundreds.
pub fn count(answer: &str, suffix: &str) -> Option<u64> {
    let lines: Vec<(&str, u64)> = answer
        .lines()
        .filter_map(|line| line.trim().split_once(':'))
        .filter(|(listed, _)| listed.len() == 35 && listed.bytes().all(|b| b.is_ascii_hexdigit()))
        .filter_map(|(listed, n)| Some((listed, n.trim().parse::<u64>().ok()?)))
        .collect();
    if lines.is_empty() {
        return None;
    }
    let listed = lines
        .iter()
        .filter(|(listed, _)| listed.eq_ignore_ascii_case(suffix));
    Some(listed.map(|(_, n)| *n).find(|n| *n > 0).unwrap_or(0))
}

/// The verdict for `hash` (40 hex digits) from a range answer's text; `None` when the text is
/// not a range answer.
pub fn verdict(answer: &str, hash: &str) -> Option<Verdict> {
    Some(match count(answer, hash.get(5..).unwrap_or(""))? {
        0 => Verdict::NotFound,
        n => Verdict::Found(n),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SHA-1 of "password", as every description of the range API shows it.
    const PASSWORD: &str = "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8";

    #[test]
    fn only_five_characters_go_out() {
        assert_eq!(
            range_url(PUBLIC_RANGE_API, PASSWORD),
            "https://api.pwnedpasswords.com/range/5BAA6"
        );
        assert_eq!(hex(&[0x5b, 0xaa, 0x00, 0xff]), "5BAA00FF");
    }

    #[test]
    fn a_listed_suffix_in_any_case_is_found_with_its_count() {
        let answer = "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n1E4C9B93F3F0682250B6CF8331B7EE68FD8:52256179\r\n";
        assert_eq!(verdict(answer, PASSWORD), Some(Verdict::Found(52_256_179)));
        let lower = "1e4c9b93f3f0682250b6cf8331b7ee68fd8:3\n";
        assert_eq!(verdict(lower, PASSWORD), Some(Verdict::Found(3)));
    }

    #[test]
    fn padding_lines_and_malformed_lines_are_not_found() {
        // Each after one well-formed line for another suffix, so the answer is a range.
        for line in [
            "1E4C9B93F3F0682250B6CF8331B7EE68FD8:0",
            "1E4C9B93F3F0682250B6CF8331B7EE68FD8",
            "1E4C9B93F3F0682250B6CF8331B7EE68FD:5",
            "1E4C9B93F3F0682250B6CF8331B7EE68FD8:many",
            "5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8:5",
            "<html><body>1E4C9B93F3F0682250B6CF8331B7EE68FD8:5</body></html>",
        ] {
            let answer = format!("0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n{line}\r\n");
            assert_eq!(
                verdict(&answer, PASSWORD),
                Some(Verdict::NotFound),
                "{line:?}"
            );
        }
        let padded =
            "1E4C9B93F3F0682250B6CF8331B7EE68FD8:0\r\n1E4C9B93F3F0682250B6CF8331B7EE68FD8:7";
        assert_eq!(
            verdict(padded, PASSWORD),
            Some(Verdict::Found(7)),
            "a real line after padding"
        );
    }

    #[test]
    fn an_answer_with_no_range_line_is_no_answer() {
        for answer in [
            "<html><body>Service unavailable</body></html>",
            "",
            "\r\n",
            "ZZZZ61E4C9B93F3F0682250B6CF8331B7EE68FD8:5",
            "1E4C9B93F3F0682250B6CF8331B7EE68FD8:many",
        ] {
            assert_eq!(verdict(answer, PASSWORD), None, "{answer:?}");
        }
    }
}
