//! Checks of the values people type, each giving a refusal a person can act on.

use crate::error::{DomainError, ErrorCode};
use crate::model::Organisation;
use crate::money::{max_minor, Currency};
use crate::time::{add_whole_months, MAX_DATE, MIN_DATE};
use chrono::NaiveDate;

/// The longest name, title or other one-line text kept.
pub const MAX_TEXT: usize = 200;
/// The longest free text kept (instructions, notes).
pub const MAX_LONG_TEXT: usize = 4000;

/// A one-line text: trimmed, not empty, at most `MAX_TEXT` characters, no control characters.
pub fn text(field: &str, value: &str) -> Result<String, DomainError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(
            DomainError::new(ErrorCode::MissingValue, format!("Enter the {field}."))
                .with("field", field),
        );
    }
    bounded(field, v, MAX_TEXT)?;
    if v.chars().any(char::is_control) {
        return Err(DomainError::new(
            ErrorCode::InvalidValue,
            format!("The {field} must fit on one line, without tabs or line breaks."),
        )
        .with("field", field));
    }
    Ok(v.to_string())
}

/// A free text that may be empty and span lines: trimmed, at most `MAX_LONG_TEXT` characters.
pub fn long_text(field: &str, value: &str) -> Result<String, DomainError> {
    let v = value.trim();
    bounded(field, v, MAX_LONG_TEXT)?;
    Ok(v.to_string())
}

fn bounded(field: &str, v: &str, max: usize) -> Result<(), DomainError> {
    let n = v.chars().count();
    if n > max {
        return Err(DomainError::new(
            ErrorCode::InvalidValue,
            format!("The {field} is {n} characters long; at most {max} are kept. Shorten it."),
        )
        .with("field", field)
        .with("max", max));
    }
    Ok(())
}

/// A list of one-line texts (languages, OS types…): each checked, none repeated
/// (case-insensitive), at least one.
pub fn text_list(field: &str, values: &[String]) -> Result<Vec<String>, DomainError> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let v = text(field, v)?;
        if out.iter().any(|o| same_text(o, &v)) {
            return Err(DomainError::new(
                ErrorCode::InvalidValue,
                format!("\"{v}\" is listed twice as a {field}; list it once."),
            )
            .with("field", field)
            .with("value", v));
        }
        out.push(v);
    }
    if out.is_empty() {
        return Err(DomainError::new(
            ErrorCode::MissingValue,
            format!("Enter at least one {field}."),
        )
        .with("field", field));
    }
    Ok(out)
}

/// Two names are the same when they differ only in case and surrounding space.
pub fn same_text(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// An email address: one `@`, a local part of allowed characters, a domain of at least two
/// labels. Returned trimmed, case kept. (R-DIR-1: valid.)
pub fn email(field: &str, value: &str) -> Result<String, DomainError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(DomainError::new(
            ErrorCode::MissingValue,
            format!("Enter the {field}, such as name@example.com."),
        )
        .with("field", field));
    }
    match email_problem(v) {
        None => Ok(v.to_string()),
        Some(why) => Err(DomainError::new(
            ErrorCode::InvalidEmail,
            format!("\"{v}\" is not a valid {field}: {why}. Use the form name@example.com."),
        )
        .with("field", field)
        .with("value", v)),
    }
}

fn email_problem(v: &str) -> Option<&'static str> {
    if v.len() > 254 {
        return Some("it is longer than 254 characters");
    }
    let mut parts = v.split('@');
    let (local, domain) = match (parts.next(), parts.next(), parts.next()) {
        (Some(l), Some(d), None) => (l, d),
        (_, None, _) => return Some("it has no @"),
        _ => return Some("it has more than one @"),
    };
    if local.is_empty() || local.len() > 64 {
        return Some("the part before the @ must have 1 to 64 characters");
    }
    let local_ok = local
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    if !local_ok {
        return Some("the part before the @ has a character addresses cannot contain");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Some("a dot cannot start or end the part before the @, nor follow another dot");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Some("the domain after the @ needs a dot, as in example.com");
    }
    for label in &labels {
        if label.is_empty() || label.len() > 63 {
            return Some("the domain after the @ has an empty or over-long part");
        }
        if !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            || label.starts_with('-')
            || label.ends_with('-')
        {
            return Some(
                "the domain after the @ may contain only letters, digits, hyphens and dots",
            );
        }
    }
    None
}

/// Emails compare without case (R-DIR-1).
pub fn same_email(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// A web address for a download: `https://` or `http://` followed by a host.
pub fn url(field: &str, value: &str) -> Result<String, DomainError> {
    let v = text(field, value)?;
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace) => {
            Ok(v)
        }
        _ => Err(DomainError::new(
            ErrorCode::InvalidValue,
            format!(
                "\"{v}\" is not a web address: it must start with https:// and contain no spaces."
            ),
        )
        .with("field", field)
        .with("value", v)),
    }
}

/// A phone number: digits with optional `+ - ( ) .` and spaces, at least 6 digits.
pub fn phone(value: &str) -> Result<String, DomainError> {
    let v = text("phone number", value)?;
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let ok_chars = v
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if !ok_chars || !(6..=20).contains(&digits) {
        return Err(DomainError::new(
            ErrorCode::InvalidValue,
            format!("\"{v}\" is not a phone number: use 6 to 20 digits, optionally with + - ( ) and spaces, such as +1 425 555 0100."),
        )
        .with("field", "phone number")
        .with("value", v));
    }
    Ok(v)
}

/// An MPN ID: 4 to 12 digits.
pub fn mpn_id(value: &str) -> Result<String, DomainError> {
    let v = text("MPN ID", value)?;
    if !(4..=12).contains(&v.len()) || !v.chars().all(|c| c.is_ascii_digit()) {
        return Err(DomainError::new(
            ErrorCode::InvalidValue,
            format!("\"{v}\" is not an MPN ID: it is a number of 4 to 12 digits, such as 1234567."),
        )
        .with("field", "MPN ID")
        .with("value", v));
    }
    Ok(v)
}

/// A whole quantity from `min` to `max`.
pub fn quantity(field: &str, value: i64, min: i64, max: i64) -> Result<i64, DomainError> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(DomainError::new(
            ErrorCode::InvalidAmount,
            format!("The {field} must be a whole number from {min} to {max}; {value} was given."),
        )
        .with("field", field)
        .with("min", min)
        .with("max", max))
    }
}

/// A date the engine can count from: 1900-01-01 to 9999-12-31.
pub fn date(field: &str, value: NaiveDate) -> Result<NaiveDate, DomainError> {
    if (MIN_DATE..=MAX_DATE).contains(&value) {
        Ok(value)
    } else {
        Err(DomainError::new(
            ErrorCode::DateOutOfRange,
            format!("The {field} {value} is outside the dates this workspace handles ({MIN_DATE} to {MAX_DATE})."),
        )
        .with("field", field)
        .with("value", value))
    }
}

/// A date that must not be after `today` (something that already happened).
pub fn past_date(
    field: &str,
    value: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, DomainError> {
    let v = date(field, value)?;
    if v > today {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            format!(
                "The {field} {v} is in the future; today is {today}. Enter the date it happened."
            ),
        )
        .with("field", field)
        .with("value", v)
        .with("today", today));
    }
    Ok(v)
}

/// An amount of money in minor units of `currency`: from its smallest unit to
/// [`max_minor`]. The refusal speaks in the currency, never in minor units.
pub fn amount(field: &str, minor: i64, currency: &Currency) -> Result<i64, DomainError> {
    let max = max_minor(currency);
    if (1..=max).contains(&minor) {
        return Ok(minor);
    }
    Err(DomainError::new(
        ErrorCode::InvalidAmount,
        format!(
            "The {field} must be from {} to {}; {} was given.",
            currency.format(1),
            currency.format(max),
            currency.format(minor)
        ),
    )
    .with("field", field)
    .with("currency", currency)
    .with("min_minor", 1)
    .with("max_minor", max)
    .with("value_minor", minor))
}

/// The earliest date a membership record may carry: no partner benefit, subscription or
/// purchase of this kind predates 2000, so an earlier date is a typing slip ("0226"
/// for 2026). `docs/DOMAIN.md`, decision 15.
pub const EARLIEST_RECORD_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// How many years after the enrollment year's start a record's date may lie.
pub const YEARS_AHEAD: i128 = 10;

/// The dates a membership record may carry: from [`EARLIEST_RECORD_DATE`] to
/// [`YEARS_AHEAD`] years after the enrollment year's start.
pub fn membership_window(org: &Organisation) -> (NaiveDate, NaiveDate) {
    let latest = add_whole_months(org.enrollment_year_start, YEARS_AHEAD * 12).unwrap_or(MAX_DATE);
    (EARLIEST_RECORD_DATE, latest.min(MAX_DATE))
}

/// A date of a subscription, a benefit or a purchase: within [`membership_window`].
pub fn membership_date(
    field: &str,
    value: NaiveDate,
    org: &Organisation,
) -> Result<NaiveDate, DomainError> {
    let value = date(field, value)?;
    let (earliest, latest) = membership_window(org);
    window(field, value, earliest, latest, || {
        if value < earliest {
            format!("The {field} {value} is before {earliest}, earlier than any membership record: check the year.")
        } else {
            format!(
                "The {field} {value} is more than {YEARS_AHEAD} years after the enrollment year's start ({}): dates go up to {latest}. Check the year.",
                org.enrollment_year_start
            )
        }
    })
}

/// The start of the enrollment year: from [`EARLIEST_RECORD_DATE`] to a year after today
/// (a renewal may be recorded a little ahead, never years ahead).
pub fn enrollment_start(value: NaiveDate, today: NaiveDate) -> Result<NaiveDate, DomainError> {
    let field = "enrollment year start";
    let value = date(field, value)?;
    let latest = add_whole_months(today, 12).unwrap_or(MAX_DATE);
    window(field, value, EARLIEST_RECORD_DATE, latest, || {
        if value < EARLIEST_RECORD_DATE {
            format!("The {field} {value} is before {EARLIEST_RECORD_DATE}, earlier than any membership: check the year.")
        } else {
            format!("The {field} {value} is more than a year from today ({today}): dates go up to {latest}. Check the year.")
        }
    })
}

fn window(
    field: &str,
    value: NaiveDate,
    earliest: NaiveDate,
    latest: NaiveDate,
    message: impl FnOnce() -> String,
) -> Result<NaiveDate, DomainError> {
    if (earliest..=latest).contains(&value) {
        return Ok(value);
    }
    Err(
        DomainError::new(ErrorCode::DateOutsideMembership, message())
            .with("field", field)
            .with("value", value)
            .with("earliest", earliest)
            .with("latest", latest),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(email("email", " Gloria@Contoso.example ").is_ok());
        assert_eq!(email("email", " a@b.co ").unwrap(), "a@b.co");
        for bad in [
            "", "a", "a@b", "a@@b.c", "a b@c.d", ".a@b.c", "a@-b.c", "a@b..c", "a@b.c@d",
        ] {
            assert!(email("email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn texts_urls_phones() {
        assert_eq!(text("name", "  x ").unwrap(), "x");
        assert_eq!(text("name", " ").unwrap_err().code, ErrorCode::MissingValue);
        assert_eq!(
            text("name", "a\nb").unwrap_err().code,
            ErrorCode::InvalidValue
        );
        assert!(text("name", &"x".repeat(201)).is_err());
        assert!(url("link", "https://download.example/x.iso").is_ok());
        assert!(url("link", "ftp://x").is_err());
        assert!(url("link", "https://").is_err());
        assert!(phone("+1 (425) 555-0100").is_ok());
        assert!(phone("call me").is_err());
        assert!(mpn_id("1234567").is_ok());
        assert!(mpn_id("12a4567").is_err());
    }
}
