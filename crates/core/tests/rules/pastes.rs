//! Keys pasted at once (issue 17): every bad line at once, by the number the partner sees
//! (blank lines counted), in the inventory's review and in the software form's; counts of
//! activations above the limit said so; a paste too long refused as a whole.

use crate::common::*;
use benefits_core::key_paste::{MAX_ACTIVATIONS, MAX_PASTE_LINES};
use benefits_core::{review_software_keys, Command, ErrorCode};

const GOOD: &str = "HJKMP-BCDFG-QRTVW-XY234-6789F";
const OTHER: &str = "MW8Q3-TJXKD-9RBHY-C6VP2-G7F4Q";

#[test]
fn the_software_review_lists_every_bad_line_with_its_real_number() {
    let doc = demo();
    let ws = doc.workspace();
    // Line 2 is blank; line 3 is malformed; line 5 repeats line 1; line 6 has a bad count;
    // line 7 a count above the limit; line 8 no count while "Activations per key" is empty.
    let text = format!(
        "{GOOD}, 10\n\nW7XKB-QT3MD-8HJ2C-VRP6Y-3K7W0, 4\n{OTHER} 5\n{GOOD}, 2\nBCDFG-HJKMP-QRTVW-XY234-6789B, ten\nBCDFG-HJKMP-QRTVW-XY234-6789C, 99999999999\nBCDFG-HJKMP-QRTVW-XY234-6789D"
    );
    let r = review_software_keys(ws, &text, "");
    let lines: Vec<(usize, ErrorCode)> = r.problems.iter().map(|p| (p.line, p.code)).collect();
    assert_eq!(
        lines,
        vec![
            (3, ErrorCode::KeyMalformed),
            (5, ErrorCode::DuplicateKey),
            (6, ErrorCode::InvalidAmount),
            (7, ErrorCode::InvalidAmount),
            (8, ErrorCode::MissingValue),
        ]
    );
    assert!(
        r.problems[0]
            .message
            .starts_with("Line 3: Character 25 (group 5) is \"0\""),
        "{}",
        r.problems[0].message
    );
    assert_eq!(
        r.problems[1].message,
        "Line 5: this key is the same as line 1; list it once."
    );
    assert_eq!(
        r.problems[2].message,
        "Line 6: “ten” is not a number of activations (a whole number, such as 10)."
    );
    // Above the limit, not "not a number".
    assert_eq!(
        r.problems[3].message,
        "Line 7: 99999999999 activations is above the limit of 1,000,000 for a key."
    );
    assert_eq!(
        r.problems[3].params.get("reason").map(String::as_str),
        Some("too_large")
    );
    assert_eq!(
        r.problems[3].params.get("max").map(String::as_str),
        Some("1000000")
    );
    assert_eq!(
        r.keys
            .iter()
            .map(|(l, k)| (*l, k.activations))
            .collect::<Vec<_>>(),
        vec![(1, 10), (4, 5)]
    );
    // "Activations per key" fills in the lines without a count.
    let r = review_software_keys(ws, &format!("{GOOD}\n\n{OTHER}, 3"), "2");
    assert!(r.is_clean());
    assert_eq!(
        r.keys
            .iter()
            .map(|(l, k)| (*l, k.activations))
            .collect::<Vec<_>>(),
        vec![(1, 2), (3, 3)]
    );
    // A wrong default is said once, beside its field.
    let r = review_software_keys(ws, GOOD, "2000000");
    assert!(r.problems.is_empty());
    let e = r.default_problem.unwrap();
    assert_eq!(
        e.message,
        "Activations per key: 2000000 activations is above the limit of 1,000,000 for a key."
    );
    assert_eq!(MAX_ACTIVATIONS, 1_000_000);
}

#[test]
fn a_software_key_already_in_another_product_is_named_by_line() {
    let doc = demo();
    // The demo's Windows Server key.
    let r = review_software_keys(doc.workspace(), "\n\nW7XKB-QT3MD-8HJ2C-VRP6Y-3K7WQ, 1", "");
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].line, 3);
    assert!(
        r.problems[0]
            .message
            .contains("already belongs to the software product Windows Server 2022"),
        "{}",
        r.problems[0].message
    );
}

#[test]
fn the_inventory_review_counts_blank_lines_and_finds_repeats_once() {
    let doc = demo();
    let text = format!(
        "{GOOD}\n\n\n{GOOD}\nnot a key\n{}",
        benefits_core::demo::M365_KEY_25
    );
    let r = doc.workspace().review_key_paste(&text);
    let lines: Vec<(usize, ErrorCode)> = r.problems.iter().map(|p| (p.line, p.code)).collect();
    assert_eq!(
        lines,
        vec![
            (4, ErrorCode::DuplicateKey),
            (5, ErrorCode::KeyMalformed),
            (6, ErrorCode::DuplicateKey),
        ]
    );
    assert_eq!(
        r.problems[0].params.get("first_line").map(String::as_str),
        Some("1")
    );
    assert_eq!(r.good.len(), 1);
}

#[test]
fn a_paste_longer_than_the_limit_is_refused_as_a_whole() {
    let mut doc = demo();
    let line = format!("{GOOD}\n");
    let text = line.repeat(MAX_PASTE_LINES + 1);
    let r = doc.workspace().review_key_paste(&text);
    let e = r.refused.clone().unwrap();
    assert_eq!(e.code, ErrorCode::KeyPasteTooLong);
    assert_eq!(
        e.message,
        "This paste holds 10,001 lines; at most 10,000 keys are added at once. Paste them in parts."
    );
    assert!(r.good.is_empty() && r.problems.is_empty());
    assert!(!r.is_clean());
    let err = refused(
        &mut doc,
        MARIO,
        Command::AddProductKeys {
            product: "Microsoft 365 Business Premium".into(),
            seats: 5,
            text,
        },
    );
    assert_eq!(err.code, ErrorCode::KeyPasteTooLong);
    assert_eq!(err.params.get("lines").map(String::as_str), Some("10001"));
    let sw = review_software_keys(doc.workspace(), &line.repeat(MAX_PASTE_LINES + 1), "1");
    assert_eq!(sw.refused.map(|e| e.code), Some(ErrorCode::KeyPasteTooLong));
    // Exactly the limit is read line by line (the same key: all but the first repeat).
    let r = doc
        .workspace()
        .review_key_paste(&line.repeat(MAX_PASTE_LINES));
    assert!(r.refused.is_none());
    assert_eq!(r.problems.len(), MAX_PASTE_LINES - 1);
}
