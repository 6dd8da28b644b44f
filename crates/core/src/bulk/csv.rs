//! The bulk planner's CSV: one file with both keys and subscriptions in, the plan out.
//!
//! Input (see `docs/BULK_PLANNER.md` and `public/bulk-sample.csv`): a header row naming the
//! columns `kind,id,product,seats,end_date` (any order, any case; extra columns such as
//! notes are ignored), then one row per key (`kind` = `key`, `end_date` empty) or per
//! subscription (`kind` = `subscription`). Commas or semicolons (what Excel writes where the
//! decimal separator is a comma) are both read; quotes follow RFC 4180; a UTF-8 byte-order
//! mark is skipped. Good rows are kept; each bad row is reported with its line number and
//! what to fix.

use super::{BulkKey, BulkPlan, BulkSubscription};
use crate::error::{DomainError, ErrorCode};
use crate::proration::MAX_SEATS;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The header of the input format, as the sample file writes it.
pub const CSV_HEADER: &str = "kind,id,product,seats,end_date";

/// The most rows (keys and subscriptions) one file may hold: far more than a partner's
/// keys and subscriptions, few enough that the plan is made in about a second in the
/// browser (`docs/BULK_PLANNER.md`, "Scale").
pub const MAX_CSV_ROWS: usize = 5_000;

/// The largest file read: 5,000 rows of 200 characters.
pub const MAX_CSV_BYTES: u64 = 1_048_576;

/// "2.0 MB", "1 MB", "512 KB": a size as a person reads it.
fn size_text(bytes: u64) -> String {
    if bytes >= 1_048_576 {
        let tenths = (bytes * 10 + 524_288) / 1_048_576;
        if tenths % 10 == 0 {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Why a file of `bytes` bytes is not read at all, before its text is: more than
/// [`MAX_CSV_BYTES`].
pub fn csv_file_refusal(bytes: u64) -> Option<DomainError> {
    file_refusal(bytes, MAX_CSV_BYTES)
}

fn file_refusal(bytes: u64, max_bytes: u64) -> Option<DomainError> {
    (bytes > max_bytes).then(|| {
        DomainError::new(
            ErrorCode::FileTooLarge,
            format!(
                "This file is {}; the planner reads files of up to {} ({} rows). Split it into smaller files and plan them one at a time.",
                size_text(bytes),
                size_text(max_bytes),
                group(MAX_CSV_ROWS)
            ),
        )
        .with("bytes", bytes)
        .with("max_bytes", max_bytes)
        .with("max_rows", MAX_CSV_ROWS)
    })
}

/// A row that could not be read, by its 1-based line number in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for CsvError {}

/// What a CSV file gave: the good rows, and an error per bad row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsvImport {
    pub keys: Vec<BulkKey>,
    pub subscriptions: Vec<BulkSubscription>,
    pub errors: Vec<CsvError>,
    /// The whole file refused (`too_many_rows`, `file_too_large`): no row was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<DomainError>,
}

/// A record: its first line and its fields (or why it cannot be read).
struct Record {
    line: usize,
    fields: Result<Vec<String>, String>,
}

/// Splits `text` into records (RFC 4180: quoted fields may hold the delimiter, `""` and
/// line breaks). Unquoted fields are trimmed.
fn records(text: &str, delim: char) -> Vec<Record> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false; // inside quotes
        let mut was_quoted = false; // this field had quotes
        let mut error: Option<String> = None;
        loop {
            let Some(c) = chars.next() else {
                if quoted {
                    error = Some(
                        "a quoted field is not closed: add the missing \" (quote).".to_string(),
                    );
                }
                break;
            };
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    '\r' => {
                        if chars.peek() == Some(&'\n') {
                            chars.next();
                        }
                        line += 1;
                        field.push('\n');
                    }
                    '\n' => {
                        line += 1;
                        field.push('\n');
                    }
                    c => field.push(c),
                }
                continue;
            }
            match c {
                '"' if field.trim().is_empty() && !was_quoted => {
                    field.clear();
                    quoted = true;
                    was_quoted = true;
                }
                c if c == delim => {
                    fields.push(finish(&mut field, &mut was_quoted));
                }
                '\r' | '\n' => {
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    line += 1;
                    break;
                }
                c => {
                    if was_quoted && !c.is_whitespace() && error.is_none() {
                        error = Some(format!(
                            "there is text after a closing quote (“{c}”): put the whole field in quotes, writing a quote inside it as \"\"."
                        ));
                    }
                    field.push(c);
                }
            }
        }
        fields.push(finish(&mut field, &mut was_quoted));
        out.push(Record {
            line: start,
            fields: match error {
                Some(e) => Err(e),
                None => Ok(fields),
            },
        });
    }
    out
}

fn finish(field: &mut String, was_quoted: &mut bool) -> String {
    let f = std::mem::take(field);
    let f = if *was_quoted {
        f.trim_end_matches([' ', '\t']).to_string()
    } else {
        f.trim().to_string()
    };
    *was_quoted = false;
    f
}

/// The delimiter of the header line: the most frequent of `,` `;` and tab (`,` on a tie).
fn delimiter(text: &str) -> char {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |d: char| header.chars().filter(|&c| c == d).count();
    let mut best = (',', count(','));
    for d in [';', '\t'] {
        if count(d) > best.1 {
            best = (d, count(d));
        }
    }
    best.0
}

/// The column a header cell names, if any: spaces, `_` and `-` are ignored, as is case.
fn column(name: &str) -> Option<Col> {
    let n: String = name
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect();
    Some(match n.as_str() {
        "kind" | "type" => Col::Kind,
        "id" | "name" => Col::Id,
        "product" => Col::Product,
        "seats" | "licenses" | "licences" | "quantity" => Col::Seats,
        "enddate" | "end" => Col::EndDate,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    Kind,
    Id,
    Product,
    Seats,
    EndDate,
}

impl Col {
    const ALL: [Col; 5] = [Col::Kind, Col::Id, Col::Product, Col::Seats, Col::EndDate];

    fn name(self) -> &'static str {
        match self {
            Col::Kind => "kind",
            Col::Id => "id",
            Col::Product => "product",
            Col::Seats => "seats",
            Col::EndDate => "end_date",
        }
    }
}

fn parse_seats(s: &str, what: &str) -> Result<i64, String> {
    let compact: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    match compact.parse::<i64>() {
        Ok(n) if (1..=MAX_SEATS).contains(&n) => Ok(n),
        _ if compact.is_empty() => Err(format!("seats is empty: enter the {what}.")),
        _ => Err(format!(
            "seats must be a whole number from 1 to {MAX_SEATS} (the {what}), not “{s}”."
        )),
    }
}

/// Reads `YYYY-MM-DD` (also with `/` or `.`), the only unambiguous way to write a date.
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let help = "write dates as YYYY-MM-DD, for example 2027-04-30";
    if s.is_empty() {
        return Err(format!(
            "end_date is empty: a subscription needs its end date ({help})."
        ));
    }
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let bad = || format!("end_date “{s}” is not a date: {help}.");
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => {
            let (y, m, d) = (
                y.parse::<i32>().map_err(|_| bad())?,
                m.parse::<u32>().map_err(|_| bad())?,
                d.parse::<u32>().map_err(|_| bad())?,
            );
            NaiveDate::from_ymd_opt(y, m, d)
                .ok_or_else(|| format!("end_date “{s}” is not a day of the calendar."))
        }
        [_, _, y] if y.len() == 4 => Err(format!(
            "end_date “{s}” could be read day-first or month-first: {help}."
        )),
        _ => Err(bad()),
    }
}

/// Reads the bulk planner's CSV (see the module documentation). Never fails as a whole:
/// rows that cannot be read are reported in [`CsvImport::errors`] and left out.
pub fn parse_csv(text: &str) -> CsvImport {
    parse_csv_within(text, MAX_CSV_BYTES, MAX_CSV_ROWS)
}

/// [`parse_csv`] with other limits: for the benchmark, which reads files far beyond them
/// to show that reading grows with the file.
pub fn parse_csv_within(text: &str, max_bytes: u64, max_rows: usize) -> CsvImport {
    if let Some(refused) = file_refusal(text.len() as u64, max_bytes) {
        return CsvImport {
            refused: Some(refused),
            ..CsvImport::default()
        };
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Rows after the header, counted before any is read.
    let rows = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count()
        .saturating_sub(1);
    if rows > max_rows {
        return CsvImport {
            refused: Some(
                DomainError::new(
                    ErrorCode::TooManyRows,
                    format!(
                        "This file has {} rows; the planner reads at most {} at once. Split it into smaller files and plan them one at a time.",
                        group(rows),
                        group(max_rows)
                    ),
                )
                .with("rows", rows)
                .with("max", max_rows),
            ),
            ..CsvImport::default()
        };
    }
    let delim = delimiter(text);
    let mut rows = records(text, delim)
        .into_iter()
        .filter(|r| !matches!(&r.fields, Ok(f) if f.iter().all(|x| x.is_empty())));
    let mut out = CsvImport::default();
    let Some(header) = rows.next() else {
        out.errors.push(CsvError {
            line: 1,
            message: format!("The file is empty. The first row names the columns: {CSV_HEADER}."),
        });
        return out;
    };
    let names = match header.fields {
        Ok(f) => f,
        Err(message) => {
            out.errors.push(CsvError {
                line: header.line,
                message,
            });
            return out;
        }
    };
    let mut at: BTreeMap<Col, usize> = BTreeMap::new();
    for (i, n) in names.iter().enumerate() {
        if let Some(c) = column(n) {
            at.entry(c).or_insert(i);
        }
    }
    let missing: Vec<&str> = Col::ALL
        .iter()
        .filter(|c| !at.contains_key(c))
        .map(|c| c.name())
        .collect();
    if !missing.is_empty() {
        out.errors.push(CsvError {
            line: header.line,
            message: format!(
                "The first row must name the columns {CSV_HEADER}; missing: {}.",
                missing.join(", ")
            ),
        });
        return out;
    }
    let mut key_ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut sub_ids: BTreeMap<String, usize> = BTreeMap::new();
    for row in rows {
        let line = row.line;
        let fields = match row.fields {
            Ok(f) => f,
            Err(message) => {
                out.errors.push(CsvError { line, message });
                continue;
            }
        };
        let get = |c: Col| {
            at.get(&c)
                .and_then(|&i| fields.get(i))
                .map_or("", |s| s.as_str())
        };
        let mut problems: Vec<String> = Vec::new();
        let kind = get(Col::Kind).to_lowercase();
        let is_key = match kind.as_str() {
            "key" | "keys" => true,
            "subscription" | "subscriptions" | "sub" => false,
            "" => {
                out.errors.push(CsvError {
                    line,
                    message: "kind is empty: write “key” or “subscription”.".into(),
                });
                continue;
            }
            other => {
                out.errors.push(CsvError {
                    line,
                    message: format!("kind must be “key” or “subscription”, not “{other}”."),
                });
                continue;
            }
        };
        let id = get(Col::Id).to_string();
        if id.is_empty() {
            problems.push(format!(
                "id is empty: name the {} so that the plan can refer to it.",
                if is_key { "key" } else { "subscription" }
            ));
        }
        let product = get(Col::Product).to_string();
        if product.is_empty() {
            problems.push("product is empty: write the product's name, the same for the keys and the subscriptions.".into());
        }
        let what = if is_key {
            "licenses on the key"
        } else {
            "active licenses of the subscription"
        };
        let seats = parse_seats(get(Col::Seats), what)
            .map_err(|e| problems.push(e))
            .ok();
        let end = if is_key {
            None
        } else {
            parse_date(get(Col::EndDate))
                .map_err(|e| problems.push(e))
                .ok()
        };
        let ids = if is_key { &mut key_ids } else { &mut sub_ids };
        if !id.is_empty() {
            if let Some(first) = ids.get(&id) {
                problems.push(format!(
                    "the id “{id}” is already used by the {} on line {first}: each needs its own.",
                    if is_key { "key" } else { "subscription" }
                ));
            }
        }
        if !problems.is_empty() {
            out.errors.push(CsvError {
                line,
                message: problems
                    .iter()
                    .map(|p| capitalise(p))
                    .collect::<Vec<_>>()
                    .join(" "),
            });
            continue;
        }
        ids.insert(id.clone(), line);
        match (is_key, seats, end) {
            (true, Some(seats), _) => out.keys.push(BulkKey { id, product, seats }),
            (false, Some(seats), Some(end_date)) => out.subscriptions.push(BulkSubscription {
                id,
                product,
                seats,
                end_date,
            }),
            _ => {}
        }
    }
    out
}

/// 36000 → "36,000".
fn group(n: usize) -> String {
    let d = n.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The header of [`to_csv`].
const PLAN_HEADER: [&str; 13] = [
    "step",
    "key_id",
    "key_seats",
    "product",
    "action",
    "subscription_id",
    "seats_before",
    "end_before",
    "seats_after",
    "end_after",
    "months_added",
    "months_left_after",
    "explanation",
];

/// A field as RFC 4180 wants it; text that a spreadsheet would run as a formula (starting
/// with = + - @) gets a leading apostrophe.
fn cell(s: &str, text: bool) -> String {
    let s = if text && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The plan as CSV for a spreadsheet: a byte-order mark (so that Excel reads UTF-8), CRLF
/// line ends, one row per line of the plan in redemption order, then one row per unused key
/// (action `unused`, the reason in `explanation`). Months are decimals to a tenth.
pub fn to_csv(plan: &BulkPlan) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&PLAN_HEADER.join(","));
    out.push_str("\r\n");
    let mut row = |cells: Vec<String>| {
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    for l in &plan.lines {
        let o = &l.outcome;
        let opt = |v: Option<String>| v.unwrap_or_default();
        row(vec![
            l.step.to_string(),
            cell(&l.key_id, true),
            l.key_seats.to_string(),
            cell(&l.product, true),
            l.action.code().to_string(),
            cell(&l.subscription_id, true),
            opt(o.previous_seats.map(|s| s.to_string())),
            opt(o.previous_end_date.map(|d| d.to_string())),
            o.seats.to_string(),
            o.end_date.to_string(),
            opt(o.months_added.map(|m| m.to_decimal_string())),
            o.time_left_after.to_decimal_string(),
            cell(&l.explanation, true),
        ]);
    }
    for k in &plan.unused_keys {
        row(vec![
            String::new(),
            cell(&k.key_id, true),
            k.seats.to_string(),
            cell(&k.product, true),
            "unused".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            cell(&k.explanation, true),
        ]);
    }
    out
}
