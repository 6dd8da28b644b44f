//! Many product keys pasted at once: one key per line, blank lines ignored. Each line is
//! judged on its own, so the app can list bad lines by number and keep the good ones.

use crate::error::ErrorCode;
use crate::key::{KeyError, ProductKey};
use crate::workspace::Workspace;
use serde::{Deserialize, Serialize};

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
    /// `key_malformed` or `duplicate_key`.
    pub code: ErrorCode,
    pub message: String,
}

/// What adding a pasted list would do, line by line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyPasteReview {
    pub good: Vec<PastedKey>,
    pub problems: Vec<KeyLineProblem>,
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
        self.problems.is_empty()
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
    let mut out = KeyPasteReview::default();
    let lines: Vec<&str> = text.lines().collect();
    let line_text = |n: usize| shown(lines.get(n.wrapping_sub(1)).copied().unwrap_or_default());
    let (keys, errors) = parse_many(text);
    for (line, e) in errors {
        out.problems.push(KeyLineProblem {
            line,
            text: line_text(line),
            code: ErrorCode::KeyMalformed,
            message: format!("Line {line}: {e}"),
        });
    }
    for (line, key) in keys {
        if let Some(first) = out.good.iter().find(|g| g.key == key) {
            out.problems.push(KeyLineProblem {
                line,
                text: line_text(line),
                code: ErrorCode::DuplicateKey,
                message: format!(
                    "Line {line}: this key is the same as line {}; it is added once.",
                    first.line
                ),
            });
        } else if let Some(existing) = ws.product_keys.get(&key) {
            let state = match &existing.redemption {
                Some(r) => format!("redeemed on {} into {}", r.at.date(), r.subscription),
                None => "not redeemed yet".to_string(),
            };
            out.problems.push(KeyLineProblem {
                line,
                text: line_text(line),
                code: ErrorCode::DuplicateKey,
                message: format!(
                    "Line {line}: {} is already in the inventory ({}, {} licenses, {state}).",
                    key.masked(),
                    existing.product,
                    existing.seats
                ),
            });
        } else {
            out.good.push(PastedKey { line, key });
        }
    }
    out.problems.sort_by_key(|p| p.line);
    out
}
