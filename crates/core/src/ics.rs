//! An iCalendar (RFC 5545) writer for the expiry calendar (R-PLAN-3).
//!
//! Generic: it takes plain dated items and writes one all-day event per item, each with a
//! reminder before the date. What the dates are (benefit expiry, subscription end, …) is
//! decided by whoever builds the list.
//!
//! The output follows RFC 5545: CRLF line ends; content lines folded at 75 octets, never
//! inside a UTF-8 character (a folded line is preferably broken before a space rather than
//! after one, since some readers trim the end of a line); TEXT values escaped (`\\`, `\;`,
//! `\,`, `\n`). Core has no clock, so the DTSTAMP is passed in.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Identifies the program that wrote the calendar.
pub const PRODID: &str = "-//Partner Benefits Workspace//Expiry calendar//EN";
/// The domain part of every event's UID.
pub const UID_DOMAIN: &str = "partner-benefits-workspace";
/// Days before the date that the reminder goes off, unless an item says otherwise.
pub const REMINDER_DAYS: u32 = 30;
/// The longest content line, in octets, without its CRLF (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// A date that matters, as one all-day event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarItem {
    /// A stable id for what the date is about (for example `sub-42-end`): the same item
    /// gets the same UID in every export, so importing again updates the event instead of
    /// adding a copy.
    pub id: String,
    pub date: NaiveDate,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Days before `date` for the reminder; `None` for no reminder.
    #[serde(default = "default_reminder")]
    pub reminder_days: Option<u32>,
}

fn default_reminder() -> Option<u32> {
    Some(REMINDER_DAYS)
}

impl CalendarItem {
    /// An item with the usual reminder, [`REMINDER_DAYS`] before.
    pub fn new(
        id: impl Into<String>,
        date: NaiveDate,
        title: impl Into<String>,
        description: impl Into<String>,
    ) -> CalendarItem {
        CalendarItem {
            id: id.into(),
            date,
            title: title.into(),
            description: description.into(),
            reminder_days: default_reminder(),
        }
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11). Surrounding white space is trimmed, line breaks
/// of any kind become `\n`, and control characters other than tab (which TEXT cannot hold)
/// are dropped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded to [`MAX_LINE_OCTETS`] octets per line, each line ending in CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = MAX_LINE_OCTETS;
    while rest.len() > limit {
        let mut hard = limit;
        while !rest.is_char_boundary(hard) {
            hard -= 1;
        }
        // Break before a run of spaces rather than after it, unless that wastes half a line.
        let mut cut = hard;
        while let Some(c) = rest[..cut]
            .chars()
            .next_back()
            .filter(|c| c.is_whitespace())
        {
            cut -= c.len_utf8();
        }
        if cut < hard / 2 {
            cut = hard;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = MAX_LINE_OCTETS - 1; // the leading space takes one octet
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// A DATE value, `YYYYMMDD`; `None` outside years 1–9999 (four digits).
fn date_value(d: NaiveDate) -> Option<String> {
    (1..=9999)
        .contains(&d.year())
        .then(|| format!("{:04}{:02}{:02}", d.year(), d.month(), d.day()))
}

fn stamp_value(t: DateTime<Utc>) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The UID's local part: the id with every byte outside `A–Z a–z 0–9 . _ ~ -`
/// percent-encoded, so that every reader takes it as it is.
fn uid_part(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.trim().bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'-') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Writes the calendar: `name` (shown by calendar apps that read X-WR-CALNAME), one
/// all-day VEVENT per item in the given order, each with a display VALARM `reminder_days`
/// before. `stamp` is the DTSTAMP of every event (the export time, in UTC). Items dated
/// outside the years 1–9999 cannot be written as iCalendar dates and are left out; items
/// with the same id get `-2`, `-3`, … on their UIDs.
pub fn write_ics(name: &str, items: &[CalendarItem], stamp: DateTime<Utc>) -> String {
    let mut out = String::with_capacity(256 + items.len() * 400);
    let mut line = |s: &str| fold_into(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:{PRODID}"));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    let name = escape_text(name);
    if !name.is_empty() {
        line(&format!("X-WR-CALNAME:{name}"));
    }
    let stamp = stamp_value(stamp);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for item in items {
        let Some(start) = date_value(item.date) else {
            continue;
        };
        let mut uid = uid_part(&item.id);
        if uid.is_empty() {
            uid = format!("item-{start}");
        }
        let n = seen.entry(uid.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            uid = format!("{uid}-{n}");
        }
        let title = escape_text(&item.title);
        line("BEGIN:VEVENT");
        line(&format!("UID:{uid}@{UID_DOMAIN}"));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{start}"));
        if let Some(end) = item.date.succ_opt().and_then(date_value) {
            line(&format!("DTEND;VALUE=DATE:{end}"));
        }
        line(&format!("SUMMARY:{title}"));
        let description = escape_text(&item.description);
        if !description.is_empty() {
            line(&format!("DESCRIPTION:{description}"));
        }
        line("TRANSP:TRANSPARENT");
        if let Some(days) = item.reminder_days {
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            line(&format!("DESCRIPTION:{title}"));
            line(&format!("TRIGGER:-P{days}D"));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}", "é".repeat(60));
        fold_into(&mut out, &text);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= MAX_LINE_OCTETS, "{l:?}");
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, text);
    }

    #[test]
    fn breaks_before_spaces_not_after() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}  {}", "a".repeat(64), "b".repeat(20));
        fold_into(&mut out, &text);
        assert!(out.split("\r\n").all(|l| !l.ends_with(' ')), "{out:?}");
        assert_eq!(out.trim_end_matches("\r\n").replace("\r\n ", ""), text);
    }

    #[test]
    fn escapes_text() {
        assert_eq!(
            escape_text(" a\\b;c,d\r\ne\rf\ng\u{7}h\t "),
            "a\\\\b\\;c\\,d\\ne\\nf\\ngh"
        );
        assert_eq!(uid_part("sub 42/end"), "sub%2042%2Fend");
    }
}
