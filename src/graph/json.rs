//! Just enough JSON for this call, written out so the wasm carries no general JSON library:
//! string escaping for the request body, and a reader that pulls string values out of Graph's
//! error envelope by path. Strict about syntax: anything malformed reads as "not JSON".

/// Appends `s` as a JSON string literal (quotes included) to `out`.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A parsed JSON value, keeping only what the error envelope needs.
#[derive(Debug, PartialEq)]
pub enum Value {
    Object(Vec<(String, Value)>),
    String(String),
    /// Numbers, booleans, null and arrays: present, but never read here.
    Other,
}

impl Value {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Parses a complete JSON document; `None` if it is not valid JSON.
pub fn parse(text: &str) -> Option<Value> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
        depth: 0,
    };
    let v = p.value()?;
    p.ws();
    (p.i == p.s.len()).then_some(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    depth: u32,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while matches!(self.s.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.ws();
        (self.s.get(self.i) == Some(&b)).then(|| self.i += 1)
    }

    fn value(&mut self) -> Option<Value> {
        self.ws();
        self.depth += 1;
        if self.depth > 64 {
            return None;
        }
        let v = match *self.s.get(self.i)? {
            b'{' => self.object(),
            b'[' => self.array(),
            b'"' => self.string().map(Value::String),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number(),
        };
        self.depth -= 1;
        v
    }

    fn literal(&mut self, word: &[u8]) -> Option<Value> {
        self.s[self.i..].starts_with(word).then(|| {
            self.i += word.len();
            Value::Other
        })
    }

    fn number(&mut self) -> Option<Value> {
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        let digits = |p: &mut Self| {
            let from = p.i;
            while p.s.get(p.i).is_some_and(u8::is_ascii_digit) {
                p.i += 1;
            }
            p.i > from
        };
        if !digits(self) {
            return None;
        }
        if self.s[int_start] == b'0' && self.i - int_start > 1 {
            return None; // leading zeros
        }
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            digits(self).then_some(())?;
        }
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            digits(self).then_some(())?;
        }
        Some(Value::Other)
    }

    fn array(&mut self) -> Option<Value> {
        self.i += 1;
        if self.eat(b']').is_some() {
            return Some(Value::Other);
        }
        loop {
            self.value()?;
            if self.eat(b']').is_some() {
                return Some(Value::Other);
            }
            self.eat(b',')?;
        }
    }

    fn object(&mut self) -> Option<Value> {
        self.i += 1;
        let mut members = Vec::new();
        if self.eat(b'}').is_some() {
            return Some(Value::Object(members));
        }
        loop {
            self.ws();
            if self.s.get(self.i) != Some(&b'"') {
                return None;
            }
            let key = self.string()?;
            self.eat(b':')?;
            members.push((key, self.value()?));
            if self.eat(b'}').is_some() {
                return Some(Value::Object(members));
            }
            self.eat(b',')?;
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = std::str::from_utf8(self.s.get(self.i..self.i + 4)?).ok()?;
        self.i += 4;
        u32::from_str_radix(h, 16)
            .ok()
            .filter(|_| h.bytes().all(|b| b.is_ascii_hexdigit()))
    }

    fn string(&mut self) -> Option<String> {
        self.i += 1; // opening quote
        let mut out = Vec::new();
        loop {
            let b = *self.s.get(self.i)?;
            self.i += 1;
            match b {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = *self.s.get(self.i)?;
                    self.i += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xd800..0xdc00).contains(&hi) {
                                (self.s.get(self.i..self.i + 2)? == b"\\u").then_some(())?;
                                self.i += 2;
                                let lo = self.hex4().filter(|lo| (0xdc00..0xe000).contains(lo))?;
                                0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00)
                            } else {
                                hi
                            };
                            char::from_u32(code)?
                        }
                        _ => return None,
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1f => return None,
                b => out.push(b),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(s: &str) -> String {
        let mut out = String::new();
        write_string(&mut out, s);
        out
    }

    #[test]
    fn escaping_matches_serde_json() {
        for s in [
            "plain",
            "quote\"back\\slash",
            "tab\tnl\ncr\r",
            "\u{1}\u{1f}",
            "é😀`~",
            "</script>",
            "",
        ] {
            assert_eq!(quoted(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn reads_graph_error_envelope() {
        let body = r#" {"error": {"code": "Request_BadRequest", "message": "Caf\u00e9 \"x\" \ud83d\ude00",
            "innerError": {"date": "2026-11-25T10:00:00", "request-id": "r-1", "n": -1.5e3, "ok": [true, null, {}]}}} "#;
        let v = parse(body).unwrap();
        let e = v.get("error").unwrap();
        assert_eq!(
            e.get("code").and_then(Value::as_str),
            Some("Request_BadRequest")
        );
        assert_eq!(
            e.get("message").and_then(Value::as_str),
            Some("Café \"x\" 😀")
        );
        assert_eq!(
            e.get("innerError")
                .and_then(|i| i.get("request-id"))
                .and_then(Value::as_str),
            Some("r-1")
        );
        assert_eq!(e.get("missing"), None);
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in [
            "",
            "<html>",
            "{",
            "{\"a\":}",
            "{\"a\" 1}",
            "{a:1}",
            "[1,]",
            "{\"a\":1,}",
            "\"unterminated",
            "\"bad \\x escape\"",
            "\"\\ud83d alone\"",
            "01",
            "-01",
            "1.",
            "-",
            "tru",
            "{} {}",
            "\"raw\ncontrol\"",
            "{\"error\":{\"code\":\"generalException\",\"mess",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn accepts_what_serde_json_accepts() {
        for good in [
            "0",
            "-0.5e+10",
            "[]",
            "{}",
            "[[[]]]",
            "\"\\/\"",
            "null",
            " true ",
            "{\"a\":{\"b\":[1,2,{\"c\":\"d\"}]}}",
        ] {
            assert!(serde_json::from_str::<serde_json::Value>(good).is_ok());
            assert!(parse(good).is_some(), "{good:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        assert_eq!(parse(&"[".repeat(10_000)), None);
    }
}
