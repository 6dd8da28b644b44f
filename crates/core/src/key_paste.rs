//! Many product keys pasted at once: one key per line, blank lines ignored (but counted, so
//! that a line's number is the one the partner sees). Each line is judged on its own, so
//! the app can list bad lines by number and keep the good ones. The same review serves the
//! inventory's "Add product keys" and the software form's keys with their activations.
//!
//! The cost grows with the paste, not faster: repeats are found through a sorted map, and a
//! paste of more than [`MAX_PASTE_LINES`] lines is refused as a whole before any line is
//! read (`crates/core/benches/import.rs`).

use crate::error::{DomainError, ErrorCode};
use crate::key::{KeyError, ProductKey};
use crate::model::NewSoftwareKey;
use crate::record_map::RecordMap;
use crate::workspace::Workspace;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most keys one paste may hold (its non-blank lines): far more than a membership's
/// keys, small enough that the review follows typing.
pub const MAX_PASTE_LINES: usize = 10_000;

/// The most activations one software key may carry.
pub const MAX_ACTIVATIONS: u32 = 1_000_000;

/// The whole paste refused before its lines are read: it holds more than
/// [`MAX_PASTE_LINES`] keys.
fn too_long(text: &str) -> Option<DomainError> {
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    (lines > MAX_PASTE_LINES).then(|| {
        DomainError::new(
            ErrorCode::KeyPasteTooLong,
            format!(
                "This paste holds {} lines; at most {} keys are added at once. Paste them in parts.",
                group(lines),
                group(MAX_PASTE_LINES)
            ),
        )
        .with("lines", lines)
        .with("max", MAX_PASTE_LINES)
    })
}

/// 10000 → "10,000".
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

/// Keys found, by 1-based line number.
pub type LineKeys = Vec<(usize, ProductKey)>;
/// Lines that are not keys, by 1-based line number.
pub type LineErrors = Vec<(usize, KeyError)>;

/// Splits pasted text into keys and malformed lines (1-based line numbers). Blank lines are
/// skipped. Pure: no look at the inventory.
pub fn parse_many(text: &str) -> (LineKeys, LineErrors) {
    let mut keys = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match ProductKey::parse(line) {
            Ok(k) => keys.push((i + 1, k)),
            Err(e) => errors.push((i + 1, e)),
        }
    }
    (keys, errors)
}

/// A good line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastedKey {
    pub line: usize,
    pub key: ProductKey,
}

/// A line that cannot be added, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyLineProblem {
    pub line: usize,
    /// The line as pasted (trimmed, cut at 60 characters).
    pub text: String,
    /// `key_malformed` or `duplicate_key`; for a software key's activations
    /// `missing_value` or `invalid_amount`.
    pub code: ErrorCode,
    pub message: String,
    /// The values the message names: `first_line` of a repeat; `key_error`, `position`,
    /// `found` of a malformed key; `value`, `reason`, `max` of an activation count.
    #[serde(default, skip_serializing_if = "RecordMap::is_empty")]
    pub params: RecordMap<String, String>,
}

impl KeyLineProblem {
    fn new(line: usize, text: &str, code: ErrorCode, message: String) -> KeyLineProblem {
        KeyLineProblem {
            line,
            text: shown(text),
            code,
            message,
            params: RecordMap::new(),
        }
    }

    fn with(mut self, name: &str, value: impl std::fmt::Display) -> KeyLineProblem {
        self.params.insert(name.to_string(), value.to_string());
        self
    }

    fn malformed(line: usize, text: &str, e: &KeyError) -> KeyLineProblem {
        let p = KeyLineProblem::new(
            line,
            text,
            ErrorCode::KeyMalformed,
            format!("Line {line}: {e}"),
        )
        .with("key_error", e.code());
        match e {
            KeyError::BadCharacter { position, found } => {
                p.with("position", position).with("found", found)
            }
            KeyError::WrongLength { found } => p.with("length", found),
            KeyError::Empty => p,
        }
    }
}

/// What adding a pasted list would do, line by line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyPasteReview {
    pub good: Vec<PastedKey>,
    pub problems: Vec<KeyLineProblem>,
    /// The whole paste refused (`key_paste_too_long`): no line was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<DomainError>,
}

impl KeyPasteReview {
    /// The good keys, one per line: the text to send again without the bad lines.
    pub fn good_text(&self) -> String {
        self.good
            .iter()
            .map(|k| k.key.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && self.refused.is_none()
    }
}

fn shown(line: &str) -> String {
    let t = line.trim();
    if t.chars().count() > 60 {
        let mut s: String = t.chars().take(60).collect();
        s.push('…');
        s
    } else {
        t.to_string()
    }
}

/// Judges every line: malformed (R-KEY-1), repeated in the paste, or already in the
/// inventory (a key exists once).
pub(crate) fn review(ws: &Workspace, text: &str) -> KeyPasteReview {
    if let Some(refused) = too_long(text) {
        return KeyPasteReview {
            refused: Some(refused),
            ..KeyPasteReview::default()
        };
    }
    let mut out = KeyPasteReview::default();
    let mut first_line: BTreeMap<ProductKey, usize> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        match ProductKey::parse(line) {
            Err(e) => out.problems.push(KeyLineProblem::malformed(n, line, &e)),
            Ok(key) => match repeat(ws, &mut first_line, n, line, &key) {
                Some(p) => out.problems.push(p),
                None => out.good.push(PastedKey { line: n, key }),
            },
        }
    }
    out
}

/// Why `key` on line `n` cannot be added again: it is on an earlier line (remembered in
/// `first_line`), or already in the inventory, or in a software product.
fn repeat(
    ws: &Workspace,
    first_line: &mut BTreeMap<ProductKey, usize>,
    n: usize,
    line: &str,
    key: &ProductKey,
) -> Option<KeyLineProblem> {
    if let Some(&first) = first_line.get(key) {
        return Some(
            KeyLineProblem::new(
                n,
                line,
                ErrorCode::DuplicateKey,
                format!("Line {n}: this key is the same as line {first}; it is added once."),
            )
            .with("first_line", first),
        );
    }
    first_line.insert(key.clone(), n);
    let existing = ws.product_keys.get(key)?;
    let state = match &existing.redemption {
        Some(r) => format!("redeemed on {} into {}", r.at.date(), r.subscription),
        None => "not redeemed yet".to_string(),
    };
    Some(
        KeyLineProblem::new(
            n,
            line,
            ErrorCode::DuplicateKey,
            format!(
                "Line {n}: {} is already in the inventory ({}, {} licenses, {state}).",
                key.masked(),
                existing.product,
                existing.seats
            ),
        )
        .with("inventory", existing.product.as_str()),
    )
}

/// The software form's keys, line by line: each key with its number of activations, and
/// every line that cannot be used, by its number in the box (blank lines counted).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoftwareKeyReview {
    pub keys: Vec<(usize, NewSoftwareKey)>,
    pub problems: Vec<KeyLineProblem>,
    /// "Activations per key" (the count of lines that give none) could not be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_problem: Option<DomainError>,
    /// The whole paste refused (`key_paste_too_long`): no line was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused: Option<DomainError>,
}

impl SoftwareKeyReview {
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && self.default_problem.is_none() && self.refused.is_none()
    }

    /// The keys for `NewSoftwareProduct::keys`, in the order pasted.
    pub fn new_keys(&self) -> Vec<NewSoftwareKey> {
        self.keys.iter().map(|(_, k)| k.clone()).collect()
    }
}

/// Why a count of activations cannot be used, or the count (1 to [`MAX_ACTIVATIONS`]).
fn activations(text: &str) -> Result<u32, (&'static str, String)> {
    let t = text.trim();
    let digits: String = t
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}' | '.'))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err((
            "not_a_number",
            format!("“{t}” is not a number of activations (a whole number, such as 10)."),
        ));
    }
    let n = digits.trim_start_matches('0');
    let too_large = n.len() > 7 || n.parse::<u32>().map_or(true, |v| v > MAX_ACTIVATIONS);
    if too_large {
        return Err((
            "too_large",
            format!(
                "{t} activations is above the limit of {} for a key.",
                group(MAX_ACTIVATIONS as usize)
            ),
        ));
    }
    match n.parse::<u32>() {
        Ok(v) if v >= 1 => Ok(v),
        _ => Err((
            "too_small",
            "a key allows at least 1 activation.".to_string(),
        )),
    }
}

/// Splits a key line into the key and, when given, its activation count: after the last
/// comma, semicolon or tab; or after the last space when what is before it is a whole key.
fn split_key_line(line: &str) -> (&str, Option<&str>) {
    if let Some(at) = line.rfind([',', ';', '\t']) {
        return (line[..at].trim(), Some(line[at + 1..].trim()));
    }
    if let Some(at) = line.rfind(' ') {
        let (key, count) = (line[..at].trim(), line[at + 1..].trim());
        let compact = key.chars().filter(|c| !matches!(c, '-' | ' ')).count();
        if compact == 25 && !count.is_empty() && count.chars().all(|c| c.is_ascii_digit()) {
            return (key, Some(count));
        }
    }
    (line, None)
}

/// Reviews the software form's key box: one key per line, each optionally followed by its
/// number of activations (`W7XKB-QT3MD-8HJ2C-VRP6Y-3K7WQ, 10` or `… 10`); a line without one
/// takes `default_activations` ("Activations per key"). Every line is judged: the key
/// (R-KEY-1), a repeat (on an earlier line, or in another software product), and the count
/// (missing, not a number, above [`MAX_ACTIVATIONS`]).
pub fn review_software_keys(
    ws: &Workspace,
    text: &str,
    default_activations: &str,
) -> SoftwareKeyReview {
    let mut out = SoftwareKeyReview::default();
    if let Some(refused) = too_long(text) {
        out.refused = Some(refused);
        return out;
    }
    let default = match default_activations.trim() {
        "" => None,
        d => match activations(d) {
            Ok(n) => Some(n),
            Err((reason, why)) => {
                out.default_problem = Some(
                    DomainError::new(
                        ErrorCode::InvalidAmount,
                        format!("Activations per key: {why}"),
                    )
                    .with("field", "activations")
                    .with("value", d)
                    .with("reason", reason)
                    .with("max", MAX_ACTIVATIONS),
                );
                None
            }
        },
    };
    let mut first_line: BTreeMap<ProductKey, usize> = BTreeMap::new();
    let owner: BTreeMap<&ProductKey, &str> = ws
        .software
        .values()
        .flat_map(|s| s.keys.iter().map(move |k| (&k.key, s.name.as_str())))
        .collect();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let (key_text, count) = split_key_line(line);
        let key = match ProductKey::parse(key_text) {
            Ok(k) => k,
            Err(e) => {
                out.problems.push(KeyLineProblem::malformed(n, line, &e));
                continue;
            }
        };
        if let Some(&first) = first_line.get(&key) {
            out.problems.push(
                KeyLineProblem::new(
                    n,
                    line,
                    ErrorCode::DuplicateKey,
                    format!("Line {n}: this key is the same as line {first}; list it once."),
                )
                .with("first_line", first),
            );
            continue;
        }
        first_line.insert(key.clone(), n);
        if let Some(product) = owner.get(&key) {
            out.problems.push(
                KeyLineProblem::new(
                    n,
                    line,
                    ErrorCode::DuplicateKey,
                    format!(
                        "Line {n}: {} already belongs to the software product {product}. Each key belongs to one product.",
                        key.masked()
                    ),
                )
                .with("software", *product),
            );
            continue;
        }
        let count = match count {
            Some(c) => activations(c).map_err(|(reason, why)| (reason, why, c)),
            None => match (default, default_activations.trim().is_empty()) {
                (Some(d), _) => Ok(d),
                // The default itself is wrong: said once, beside its field.
                (None, false) => continue,
                (None, true) => {
                    out.problems.push(KeyLineProblem::new(
                        n,
                        line,
                        ErrorCode::MissingValue,
                        format!("Line {n}: add the number of activations after the key (for example “, 10”), or fill in “Activations per key”."),
                    ).with("field", "activations"));
                    continue;
                }
            },
        };
        match count {
            Ok(activations) => out.keys.push((
                n,
                NewSoftwareKey {
                    key: key.to_string(),
                    activations,
                },
            )),
            Err((reason, why, c)) => out.problems.push(
                KeyLineProblem::new(
                    n,
                    line,
                    ErrorCode::InvalidAmount,
                    format!("Line {n}: {why}"),
                )
                .with("field", "activations")
                .with("value", c)
                .with("reason", reason)
                .with("max", MAX_ACTIVATIONS),
            ),
        }
    }
    out
}
