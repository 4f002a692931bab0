//! Timestamps as Sinch sends them. Real payloads hold `2023-01-19t13:11:08.204Z` (lower-case
//! `t`) and times without a zone, which strict RFC 3339 parsers reject; so the text is kept
//! exactly as received and parsed leniently on demand.

use std::fmt;

/// A date-time field: the text as received, with lenient parsing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(String);

impl Timestamp {
    /// Wraps a timestamp text.
    pub fn new(text: impl Into<String>) -> Self {
        Timestamp(text.into())
    }

    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Seconds and nanoseconds since the Unix epoch, in UTC. A time without a zone is taken
    /// as UTC (Sinch's servers run in UTC). `None` when the text is not a date-time.
    pub fn to_unix(&self) -> Option<(i64, u32)> {
        parse(&self.0)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Timestamp {
    fn from(value: &str) -> Self {
        Timestamp::new(value)
    }
}

impl From<String> for Timestamp {
    fn from(value: String) -> Self {
        Timestamp(value)
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Timestamp)
    }
}

fn digits(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn parse(text: &str) -> Option<(i64, u32)> {
    let text = text.trim();
    let (date, time) = match text.find(['T', 't', ' ']) {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, "00:00:00"),
    };
    let mut d = date.split('-');
    let (y, mo, da) = (digits(d.next()?)?, digits(d.next()?)?, digits(d.next()?)?);
    if d.next().is_some() || !(1..=12).contains(&mo) || !(1..=31).contains(&da) {
        return None;
    }
    // Split off the zone: `Z`, `+hh:mm`, `-hhmm`, or nothing.
    let (clock, offset) = if let Some(c) = time.strip_suffix(['Z', 'z']) {
        (c, 0)
    } else if let Some(i) = time.rfind(['+', '-']) {
        let zone = time[i + 1..].replace(':', "");
        if zone.len() != 4 {
            return None;
        }
        let minutes = digits(&zone[..2])? * 60 + digits(&zone[2..])?;
        (&time[..i], if &time[i..i + 1] == "-" { -minutes } else { minutes })
    } else {
        (time, 0)
    };
    let (hms, frac) = match clock.split_once('.') {
        Some((h, f)) => (h, f),
        None => (clock, ""),
    };
    let mut t = hms.split(':');
    let (h, mi) = (digits(t.next()?)?, digits(t.next()?)?);
    let s = match t.next() {
        Some(s) => digits(s)?,
        None => 0,
    };
    if h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let nanos = if frac.is_empty() {
        0
    } else {
        let f: String = frac.chars().chain(std::iter::repeat('0')).take(9).collect();
        u32::try_from(digits(&f)?).ok()?
    };
    let secs = days_from_civil(y, mo, da) * 86_400 + h * 3_600 + mi * 60 + s - offset * 60;
    Some((secs, nanos))
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[test]
    fn lenient_forms_parse_and_round_trip() {
        let t: Timestamp = serde_json::from_str("\"2023-01-19t13:11:08.204Z\"").unwrap();
        assert_eq!(t.to_unix(), Some((1_674_133_868, 204_000_000)));
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"2023-01-19t13:11:08.204Z\"");
        assert_eq!(
            Timestamp::new("2023-01-19T13:11:08").to_unix(),
            Some((1_674_133_868, 0))
        );
        assert_eq!(
            Timestamp::new("2023-01-19T15:11:08+02:00").to_unix(),
            Some((1_674_133_868, 0))
        );
        assert_eq!(Timestamp::new("1970-01-01").to_unix(), Some((0, 0)));
        assert_eq!(Timestamp::new("yesterday").to_unix(), None);
    }
}
