//! Just enough HTTP/1.1 for one request per connection: read a request, write a response, close.
//! Browsers and test clients cope with `Connection: close`, and it keeps faults (a dropped
//! connection) trivial to emulate.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;

/// Bodies larger than this are refused; a password change is a few hundred bytes.
pub const MAX_BODY: usize = 64 * 1024;
/// The longest request line or header line accepted, without its CRLF.
pub const MAX_LINE: usize = 16 * 1024;
/// The most header lines accepted.
const MAX_HEADERS: usize = 100;

pub struct Request {
    pub method: String,
    pub path: String,
    /// Header names lower-cased, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    pub fn body(mut self, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self.header("Content-Type", content_type)
    }
}

#[derive(Debug)]
pub enum ReadError {
    Io,
    Malformed,
    /// The body is over [`MAX_BODY`]: 413.
    TooLarge,
    /// A line over [`MAX_LINE`] or more than `MAX_HEADERS` headers: 431.
    HeadersTooLarge,
}

impl From<io::Error> for ReadError {
    fn from(_: io::Error) -> Self {
        ReadError::Io
    }
}

/// Reads one line into `line` (cleared first), refusing it past [`MAX_LINE`]; 0 at end of input.
fn read_line(reader: &mut impl BufRead, line: &mut String) -> Result<usize, ReadError> {
    line.clear();
    let n = reader.take(MAX_LINE as u64 + 2).read_line(line)?;
    let complete = line.ends_with('\n');
    if line.trim_end_matches(['\r', '\n']).len() > MAX_LINE || (!complete && n > MAX_LINE) {
        return Err(ReadError::HeadersTooLarge);
    }
    Ok(n)
}

pub fn read_request(stream: &TcpStream) -> Result<Request, ReadError> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    read_line(&mut reader, &mut line)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(path), Some(_version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Malformed);
    };
    let (method, path) = (method.to_owned(), path.to_owned());
    let mut headers = Vec::new();
    loop {
        if read_line(&mut reader, &mut line)? == 0 {
            return Err(ReadError::Malformed);
        }
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if trimmed.is_empty() {
            break;
        }
        let (name, value) = trimmed.split_once(':').ok_or(ReadError::Malformed)?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        if headers.len() > MAX_HEADERS {
            return Err(ReadError::HeadersTooLarge);
        }
    }
    let mut request = Request {
        method,
        path,
        headers,
        body: Vec::new(),
    };
    let length = match request.header("content-length") {
        Some(v) => v.parse::<usize>().map_err(|_| ReadError::Malformed)?,
        None => 0,
    };
    if length > MAX_BODY {
        return Err(ReadError::TooLarge);
    }
    request.body = vec![0; length];
    reader.read_exact(&mut request.body)?;
    Ok(request)
}

/// A path segment with its `%XX` escapes undone (RFC 3986 §2.1): `adele.vance%40contoso.example`
/// names the same user as `adele.vance@contoso.example`. A `%` not followed by two hex digits is
/// kept as it is; bytes that are not UTF-8 become U+FFFD.
pub fn percent_decoded(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex(h).zip(hex(l)).map(|(h, l)| (h * 16 + l) as u8),
            _ => None,
        };
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        511 => "Network Authentication Required",
        // The reason phrase is optional (RFC 9112 §4); clients ignore it.
        _ => "",
    }
}

/// Writes the response and marks the end of the connection. A 204 carries neither a body nor
/// `Content-Length` (RFC 9110 §8.6, §15.3.5); every other response states its length.
pub fn write_response(mut out: impl Write, response: &Response) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    let body: &[u8] = if response.status == 204 {
        &[]
    } else {
        head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
        &response.body
    };
    head.push_str("Connection: close\r\n\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(body)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(response: &Response) -> String {
        let mut out = Vec::new();
        write_response(&mut out, response).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn no_content_has_no_length_and_no_body() {
        let text = written(&Response::new(204).body("text/plain", "ignored"));
        assert!(
            !text.to_ascii_lowercase().contains("content-length"),
            "{text}"
        );
        assert!(text.ends_with("\r\n\r\n"), "{text}");
        let text = written(&Response::new(200).body("text/plain", "hi"));
        assert!(
            text.contains("Content-Length: 2\r\n") && text.ends_with("hi"),
            "{text}"
        );
        assert!(written(&Response::new(400)).contains("Content-Length: 0\r\n"));
    }

    #[test]
    fn percent_escapes_are_undone() {
        assert_eq!(
            percent_decoded("adele.vance%40contoso.example"),
            "adele.vance@contoso.example"
        );
        assert_eq!(percent_decoded("%41%62c"), "Abc");
        assert_eq!(percent_decoded("100%"), "100%");
        assert_eq!(percent_decoded("%zz%4"), "%zz%4");
        assert_eq!(percent_decoded("%C3%A9%FF"), "\u{e9}\u{fffd}");
    }

    #[test]
    fn lines_over_the_limit_are_refused() {
        let ok = format!("{}\r\nnext", "a".repeat(MAX_LINE));
        let mut line = String::new();
        assert!(read_line(&mut ok.as_bytes(), &mut line).is_ok());
        for long in [
            format!("{}\r\n", "a".repeat(MAX_LINE + 1)),
            "a".repeat(MAX_LINE * 3),
        ] {
            let result = read_line(&mut long.as_bytes(), &mut line);
            assert!(matches!(result, Err(ReadError::HeadersTooLarge)));
        }
    }
}
