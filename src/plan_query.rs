//! The key planner's state in the page address, so that a plan can be shared as a link:
//! `/plan?seats=100&end=2027-01-31&key=25&today=2026-11-20`.
//!
//! The fields hold exactly what the partner typed, right or wrong, so that a shared link
//! shows the same screen (including the same message about a mistyped value). Reading them
//! into numbers and dates is [`crate::planner`]'s job.

/// The key planner's four fields, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanQuery {
    /// "Active licenses" (`seats`).
    pub seats: String,
    /// "Current end date" (`end`), `YYYY-MM-DD`.
    pub end: String,
    /// "Key licenses" (`key`).
    pub key: String,
    /// "Redemption date" (`today`), `YYYY-MM-DD`; empty means "today".
    pub today: String,
}

/// The address parameter of each field, in the order they are written.
pub const SEATS: &str = "seats";
pub const END: &str = "end";
pub const KEY: &str = "key";
pub const TODAY: &str = "today";

/// Longest value kept from the address: nothing real comes close, and it keeps a pasted
/// novel out of the page.
const MAX_VALUE_CHARS: usize = 64;

impl PlanQuery {
    /// Reads the fields through a lookup of already-decoded parameters (the router's map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> PlanQuery {
        let field = |name: &str| get(name).map(|v| clip(&v)).unwrap_or_default();
        PlanQuery {
            seats: field(SEATS),
            end: field(END),
            key: field(KEY),
            today: field(TODAY),
        }
    }

    /// Reads the fields from a raw query string, with or without its leading `?`.
    /// Unknown parameters are ignored; of a repeated one, the first counts.
    pub fn parse(query: &str) -> PlanQuery {
        let pairs: Vec<(String, String)> = query
            .trim_start_matches('?')
            .split('&')
            .filter(|part| !part.is_empty())
            .map(|part| match part.split_once('=') {
                Some((k, v)) => (percent_decode(k), percent_decode(v)),
                None => (percent_decode(part), String::new()),
            })
            .collect();
        PlanQuery::from_lookup(|name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
    }

    /// The query string for these fields, without the leading `?`; empty fields are left
    /// out. `PlanQuery::parse(&q.to_query_string()) == q` for any fields.
    pub fn to_query_string(&self) -> String {
        [
            (SEATS, &self.seats),
            (END, &self.end),
            (KEY, &self.key),
            (TODAY, &self.today),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
    }

    /// These fields with the redemption date set to `today` when it was not given.
    pub fn with_default_today(mut self, today: &str) -> PlanQuery {
        if self.today.trim().is_empty() {
            self.today = today.to_string();
        }
        self
    }

    /// True when nothing at all has been entered (the redemption date aside).
    pub fn is_blank(&self) -> bool {
        self.seats.trim().is_empty() && self.end.trim().is_empty() && self.key.trim().is_empty()
    }
}

fn clip(value: &str) -> String {
    value.chars().take(MAX_VALUE_CHARS).collect()
}

/// Percent-encodes everything but the unreserved characters of RFC 3986.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (a space in a form-encoded query). A malformed escape is
/// kept as written; bytes that are not UTF-8 become U+FFFD. Never fails.
pub fn percent_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => match (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            ) {
                (Some(hi), Some(lo)) => {
                    out.push(hi * 16 + lo);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(seats: &str, end: &str, key: &str, today: &str) -> PlanQuery {
        PlanQuery {
            seats: seats.into(),
            end: end.into(),
            key: key.into(),
            today: today.into(),
        }
    }

    #[test]
    fn reads_the_shared_link_of_the_spec() {
        let parsed = PlanQuery::parse("?seats=100&end=2027-01-31&key=25&today=2026-11-20");
        assert_eq!(parsed, q("100", "2027-01-31", "25", "2026-11-20"));
        // Without the question mark, in another order, with strangers: the same.
        let parsed = PlanQuery::parse("utm=x&today=2026-11-20&key=25&end=2027-01-31&seats=100");
        assert_eq!(parsed, q("100", "2027-01-31", "25", "2026-11-20"));
    }

    #[test]
    fn writes_the_fields_in_a_fixed_order_and_skips_empty_ones() {
        let query = q("100", "2027-01-31", "25", "2026-11-20");
        assert_eq!(
            query.to_query_string(),
            "seats=100&end=2027-01-31&key=25&today=2026-11-20"
        );
        assert_eq!(q("", "", "25", "").to_query_string(), "key=25");
        assert_eq!(PlanQuery::default().to_query_string(), "");
    }

    #[test]
    fn missing_and_empty_parameters_are_empty_fields() {
        assert_eq!(PlanQuery::parse(""), PlanQuery::default());
        assert_eq!(PlanQuery::parse("?"), PlanQuery::default());
        assert_eq!(PlanQuery::parse("seats&key="), PlanQuery::default());
        assert_eq!(PlanQuery::parse("&&seats=7&&"), q("7", "", "", ""));
    }

    #[test]
    fn the_first_of_a_repeated_parameter_counts() {
        assert_eq!(PlanQuery::parse("seats=1&seats=2"), q("1", "", "", ""));
    }

    #[test]
    fn anything_typed_survives_the_round_trip() {
        for typed in [
            q("12a", "31/01/2027", "-5", ""),
            q(" 100 ", "2027-01-31", "2.5", "today"),
            q("a&b=c", "50%", "+7", "é ü 😀"),
            q("%zz", "%", "1+1", "?#"),
        ] {
            let written = typed.to_query_string();
            assert!(!written.contains(' '), "{written}");
            assert_eq!(PlanQuery::parse(&written), typed, "{written}");
        }
    }

    #[test]
    fn decoding_never_fails() {
        assert_eq!(percent_decode("a%20b+c"), "a b c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%C3%A9"), "é");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }

    #[test]
    fn overlong_values_are_clipped() {
        let long = "9".repeat(500);
        let parsed = PlanQuery::parse(&format!("seats={long}"));
        assert_eq!(parsed.seats.len(), MAX_VALUE_CHARS);
    }

    #[test]
    fn the_redemption_date_defaults_to_today_only_when_absent() {
        assert_eq!(
            q("1", "", "", "").with_default_today("2026-11-20").today,
            "2026-11-20"
        );
        assert_eq!(
            q("1", "", "", "2025-01-01")
                .with_default_today("2026-11-20")
                .today,
            "2025-01-01"
        );
        assert!(q("", " ", "", "2026-11-20").is_blank());
        assert!(!q("", "", "3", "").is_blank());
    }
}
