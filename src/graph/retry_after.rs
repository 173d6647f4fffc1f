//! `Retry-After` as Graph and gateways send it: delay-seconds or an HTTP date, read to the wait
//! it means (pure; the time of the answer is passed in).

use super::outcome::RetryAfter;

/// `Retry-After`: delay-seconds, or an HTTP date (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`)
/// as the wait from `now` (seconds since 1970); anything else is no hint.
pub(super) fn parse_retry_after(value: Option<&str>, now: u64) -> Option<RetryAfter> {
    let value = value?.trim();
    if let Ok(seconds) = value.parse::<u32>() {
        return Some(RetryAfter::Seconds(seconds));
    }
    let at = http_date(value)?;
    let wait = at.saturating_sub(now).min(u64::from(u32::MAX));
    Some(RetryAfter::About(wait as u32))
}

/// Seconds since 1970 of an IMF-fixdate (RFC 9110 §5.6.7), the form every current server sends.
pub fn http_date(text: &str) -> Option<u64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut words = text.strip_suffix(" GMT")?.split(' ');
    let (_day_name, day, month, year, time) = (
        words.next()?,
        words.next()?,
        words.next()?,
        words.next()?,
        words.next()?,
    );
    let number = |s: &str, len: usize| (s.len() == len).then(|| s.parse::<u64>().ok()).flatten();
    let month = MONTHS.iter().position(|m| *m == month)? as u64 + 1;
    let (day, year) = (number(day, 2)?, number(year, 4)?);
    let mut hms = time.split(':').map(|p| number(p, 2));
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    // Before 1970 is no time a server means (and year 0 would underflow below).
    if words.next().is_some()
        || !(1..=31).contains(&day)
        || year < 1970
        || h > 23
        || m > 59
        || s > 60
    {
        return None;
    }
    // Howard Hinnant's days from civil.
    let (y, mo) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_http_date_is_read_to_the_second_and_becomes_a_wait() {
        assert_eq!(
            http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            http_date("Wed, 25 Nov 2026 10:00:00 GMT"),
            Some(1_795_600_800)
        );
        for bad in [
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sat, 01 Jan 0000 00:00:00 GMT",
            "Sun, 31 Dec 1969 23:59:59 GMT",
            "",
        ] {
            assert_eq!(http_date(bad), None, "{bad}");
        }
        let at = 1_795_600_800;
        let wait = |now| parse_retry_after(Some("Wed, 25 Nov 2026 10:00:00 GMT"), now);
        assert_eq!(wait(at - 125), Some(RetryAfter::About(125)));
        assert_eq!(wait(at + 50), Some(RetryAfter::About(0)), "already past");
        assert_eq!(
            parse_retry_after(Some(" 30 "), at),
            Some(RetryAfter::Seconds(30))
        );
        assert_eq!(parse_retry_after(Some("soon"), at), None);
    }
}
