//! Graph's claims challenge: when Conditional Access or continuous access evaluation wants a
//! token with more claims, the 401 carries `WWW-Authenticate: Bearer …, error="insufficient_claims",
//! claims="<base64>"`. The decoded claims go to the host's `getToken` so MSAL can ask for them.

/// The decoded `claims` of an `insufficient_claims` challenge, or `None` for any other header.
pub fn claims(www_authenticate: &str) -> Option<String> {
    let mut error = None;
    let mut claims = None;
    for (name, value) in params(www_authenticate) {
        if name.eq_ignore_ascii_case("error") {
            error = Some(value);
        } else if name.eq_ignore_ascii_case("claims") {
            claims = Some(value);
        }
    }
    if error.as_deref() != Some("insufficient_claims") {
        return None;
    }
    let bytes = base64_decode(claims?.trim())?;
    String::from_utf8(bytes).ok().filter(|s| !s.is_empty())
}

/// `name=value` and `name="quoted value"` pairs of a challenge, schemes and commas skipped.
fn params(header: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = header.chars().peekable();
    let mut word = String::new();
    while let Some(c) = chars.next() {
        match c {
            '=' if !word.is_empty() => {
                let mut value = String::new();
                if chars.peek() == Some(&'"') {
                    chars.next();
                    while let Some(v) = chars.next() {
                        match v {
                            '\\' => value.extend(chars.next()),
                            '"' => break,
                            v => value.push(v),
                        }
                    }
                } else {
                    while let Some(&v) = chars.peek() {
                        if v == ',' || v.is_whitespace() {
                            break;
                        }
                        value.push(v);
                        chars.next();
                    }
                }
                out.push((std::mem::take(&mut word), value));
            }
            c if c == ',' || c.is_whitespace() => word.clear(),
            c => word.push(c),
        }
    }
    out
}

/// Standard or URL-safe base64, padding optional; `None` for anything else.
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape Microsoft's continuous access evaluation documentation shows.
    const CAE: &str = r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=""#;

    #[test]
    fn decodes_the_claims_of_an_insufficient_claims_challenge() {
        assert_eq!(
            claims(CAE).as_deref(),
            Some(r#"{"access_token":{"nbf":{"essential":true, "value":"1604106651"}}}"#)
        );
    }

    #[test]
    fn other_challenges_carry_no_claims() {
        assert_eq!(claims(r#"Bearer realm="", error="invalid_token""#), None);
        assert_eq!(claims("Bearer"), None);
        assert_eq!(claims(""), None);
        assert_eq!(claims(r#"Bearer error="insufficient_claims""#), None);
        assert_eq!(
            claims(r#"Bearer error="insufficient_claims", claims="not base64!""#),
            None
        );
    }

    #[test]
    fn base64_variants() {
        assert_eq!(base64_decode("aGk=").unwrap(), b"hi");
        assert_eq!(base64_decode("aGk").unwrap(), b"hi");
        assert_eq!(base64_decode("-_8").unwrap(), vec![0xfb, 0xff]);
        assert_eq!(base64_decode("").unwrap(), b"");
    }

    #[test]
    fn quoted_values_may_hold_commas_and_escapes() {
        let p = params(r#"Bearer a="x, y", b=tok, c="q\"q""#);
        assert_eq!(
            p,
            vec![
                ("a".into(), "x, y".into()),
                ("b".into(), "tok".into()),
                ("c".into(), "q\"q".into())
            ]
        );
    }
}
