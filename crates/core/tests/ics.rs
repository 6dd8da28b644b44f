//! R-PLAN-3, the `.ics` export: what `ics::write_ics` writes is read back by an independent
//! iCalendar parser (the `ical` crate), every event, date, summary (accents, commas,
//! semicolons) and alarm round-trips; lines are CRLF-ended and folded to 75 octets.

use benefits_core::ics::{escape_text, write_ics, CalendarItem, MAX_LINE_OCTETS, PRODID};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use ical::property::Property;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn stamp() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 30, 5).unwrap()
}

fn parse(text: &str) -> IcalCalendar {
    let mut reader = ical::IcalParser::new(text.as_bytes());
    let cal = reader
        .next()
        .expect("one calendar")
        .expect("a valid calendar");
    assert!(reader.next().is_none(), "exactly one calendar");
    cal
}

fn prop<'a>(props: &'a [Property], name: &str) -> &'a Property {
    props
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name} in {props:?}"))
}

fn value(props: &[Property], name: &str) -> String {
    prop(props, name).value.clone().unwrap_or_default()
}

/// RFC 5545 §3.3.11, read side: what the `ical` crate leaves escaped.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// RFC 5545 §3.1, read side: CRLF followed by one space or tab is removed.
fn unfold(text: &str) -> String {
    text.replace("\r\n ", "").replace("\r\n\t", "")
}

fn check_lines(text: &str) {
    assert!(text.ends_with("\r\n"));
    for line in text.split_terminator("\r\n") {
        assert!(
            line.len() <= MAX_LINE_OCTETS,
            "{} octets: {line:?}",
            line.len()
        );
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
    }
}

fn items() -> Vec<CalendarItem> {
    vec![
        CalendarItem::new(
            "sub-42-end",
            d("2027-04-30"),
            "Échéance : Microsoft 365 Business Premium, Contoso; HQ",
            "Subscription end date.\nRenew or redeem a key before then: see the key planner, \\bulk\\ view.",
        ),
        CalendarItem::new(
            "benefit-7-expiry",
            d("2027-06-30"),
            "Benefit expiry — Power BI Pro (Gold, core)",
            "",
        ),
        CalendarItem {
            reminder_days: None,
            ..CalendarItem::new("vs-3-reassign", d("2028-02-29"), "Visual Studio Enterprise: reassignment allowed", "From this day the subscription can be reassigned (R-VS-2).")
        },
    ]
}

#[test]
fn the_calendar_has_its_header_and_one_all_day_event_per_item() {
    let text = write_ics("Partner benefits — Contoso", &items(), stamp());
    check_lines(&text);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let cal = parse(&text);
    assert_eq!(value(&cal.properties, "VERSION"), "2.0");
    assert_eq!(value(&cal.properties, "PRODID"), PRODID);
    assert_eq!(value(&cal.properties, "CALSCALE"), "GREGORIAN");
    assert_eq!(
        unescape(&value(&cal.properties, "X-WR-CALNAME")),
        "Partner benefits — Contoso"
    );
    assert_eq!(cal.events.len(), 3);
    let expected = items();
    for (event, item) in cal.events.iter().zip(&expected) {
        check_event(event, item);
    }
    // The alarms: 30 days before, a display with the title; none when asked for none.
    for (event, item) in cal.events.iter().zip(&expected) {
        match item.reminder_days {
            Some(days) => {
                assert_eq!(event.alarms.len(), 1);
                let alarm = &event.alarms[0].properties;
                assert_eq!(value(alarm, "ACTION"), "DISPLAY");
                assert_eq!(value(alarm, "TRIGGER"), format!("-P{days}D"));
                assert_eq!(unescape(&value(alarm, "DESCRIPTION")), item.title);
            }
            None => assert!(event.alarms.is_empty()),
        }
    }
    assert_eq!(
        value(&cal.events[0].alarms[0].properties, "TRIGGER"),
        "-P30D"
    );
}

fn check_event(event: &IcalEvent, item: &CalendarItem) {
    let p = &event.properties;
    let start = prop(p, "DTSTART");
    assert_eq!(
        start.params,
        Some(vec![("VALUE".to_string(), vec!["DATE".to_string()])])
    );
    assert_eq!(
        start.value.as_deref(),
        Some(item.date.format("%Y%m%d").to_string().as_str())
    );
    let end = prop(p, "DTEND");
    assert_eq!(end.params, start.params);
    assert_eq!(
        end.value.as_deref(),
        Some(
            item.date
                .succ_opt()
                .unwrap()
                .format("%Y%m%d")
                .to_string()
                .as_str()
        )
    );
    assert_eq!(value(p, "DTSTAMP"), "20261121T093005Z");
    assert_eq!(
        value(p, "UID"),
        format!("{}@partner-benefits-workspace", item.id)
    );
    assert_eq!(unescape(&value(p, "SUMMARY")), item.title);
    if item.description.is_empty() {
        assert!(p.iter().all(|x| x.name != "DESCRIPTION"));
    } else {
        assert_eq!(unescape(&value(p, "DESCRIPTION")), item.description);
    }
}

#[test]
fn text_is_escaped_on_the_wire() {
    let text = write_ics("", &items(), stamp());
    let unfolded = unfold(&text);
    assert!(
        unfolded.contains("SUMMARY:Échéance : Microsoft 365 Business Premium\\, Contoso\\; HQ\r\n"),
        "{unfolded}"
    );
    assert!(unfolded.contains("DESCRIPTION:Subscription end date.\\nRenew or redeem a key before then: see the key planner\\, \\\\bulk\\\\ view.\r\n"), "{unfolded}");
    assert!(!text.contains("X-WR-CALNAME"), "no name, no X-WR-CALNAME");
}

#[test]
fn uids_are_stable_and_unique() {
    let a = CalendarItem::new("sub 1/end", d("2027-01-01"), "A", "");
    let list = vec![
        a.clone(),
        a.clone(),
        CalendarItem::new("", d("2027-01-02"), "B", ""),
    ];
    let text = write_ics("x", &list, stamp());
    let cal = parse(&text);
    let uids: Vec<String> = cal
        .events
        .iter()
        .map(|e| value(&e.properties, "UID"))
        .collect();
    assert_eq!(
        uids,
        vec![
            "sub%201%2Fend@partner-benefits-workspace",
            "sub%201%2Fend-2@partner-benefits-workspace",
            "item-20270102@partner-benefits-workspace",
        ]
    );
    assert_eq!(
        write_ics("x", &list, stamp()),
        text,
        "same items, same file"
    );
}

#[test]
fn dates_at_the_edges() {
    let list = vec![
        CalendarItem::new("last", d("9999-12-31"), "Last day", ""),
        CalendarItem::new(
            "ancient",
            NaiveDate::from_ymd_opt(0, 6, 1).unwrap(),
            "Year 0",
            "",
        ),
        CalendarItem::new("leap", d("2028-02-29"), "Leap", ""),
    ];
    let cal = parse(&write_ics("x", &list, stamp()));
    assert_eq!(
        cal.events.len(),
        2,
        "year 0 cannot be written as an iCalendar date"
    );
    assert!(
        cal.events[0].properties.iter().all(|p| p.name != "DTEND"),
        "no year 10000"
    );
    assert_eq!(value(&cal.events[1].properties, "DTEND"), "20280301");
}

#[test]
fn an_empty_list_is_still_a_calendar() {
    let text = write_ics("Empty", &[], stamp());
    let cal = parse(&text);
    assert!(cal.events.is_empty());
}

#[test]
fn items_deserialise_with_the_default_reminder() {
    let item: CalendarItem =
        serde_json::from_str(r#"{"id": "a", "date": "2027-01-01", "title": "T"}"#).unwrap();
    assert_eq!(item.reminder_days, Some(30));
    assert_eq!(item.description, "");
    let item: CalendarItem = serde_json::from_str(
        r#"{"id": "a", "date": "2027-01-01", "title": "T", "reminder_days": null}"#,
    )
    .unwrap();
    assert_eq!(item.reminder_days, None);
}

/// What a reader gets back for a title: trimmed, line breaks as `\n`, control characters
/// other than tab dropped.
fn normalised(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.trim()
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Any title survives escaping and folding (read back by RFC 5545's own rules), and no
    /// line passes 75 octets.
    #[test]
    fn any_title_round_trips(title in "\\PC{0,200}", description in "(\\PC|\n|\r|;|,|\\\\){0,300}") {
        let item = CalendarItem::new("x", d("2027-01-01"), title.clone(), description.clone());
        let text = write_ics("n", &[item], stamp());
        check_lines(&text);
        let unfolded = unfold(&text);
        let summary = unfolded.lines().find_map(|l| l.strip_prefix("SUMMARY:")).unwrap();
        prop_assert_eq!(unescape(summary.trim_end_matches('\r')), normalised(&title));
        let expected = normalised(&description);
        let got = unfolded.lines().find_map(|l| l.strip_prefix("DESCRIPTION:")).map(|v| unescape(v.trim_end_matches('\r')));
        if expected.is_empty() {
            prop_assert!(got.is_none() || got.as_deref() == Some(normalised(&title).as_str()), "only the alarm's");
        } else {
            prop_assert_eq!(got.unwrap(), expected);
        }
    }

    /// The same through the `ical` parser, for titles that avoid two quirks of that crate
    /// (RFC 5545 has neither): it trims white space at the end of every physical line, and
    /// drops the colons that start a value.
    #[test]
    fn any_title_reads_back_with_the_ical_crate(title in "[\\PC&&[^\\s:]]( ?[\\PC&&[^\\s]]){0,120}") {
        let item = CalendarItem::new("x", d("2027-01-01"), title.clone(), title.clone());
        let cal = parse(&write_ics("n", &[item], stamp()));
        prop_assert_eq!(unescape(&value(&cal.events[0].properties, "SUMMARY")), normalised(&title));
        prop_assert_eq!(unescape(&value(&cal.events[0].properties, "DESCRIPTION")), normalised(&title));
    }

    #[test]
    fn escape_never_leaves_a_bare_special(s in "\\PC{0,100}") {
        let e = escape_text(&s);
        prop_assert!(!e.contains('\n') && !e.contains('\r'));
        let mut chars = e.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                prop_assert!(matches!(chars.next(), Some('\\' | ';' | ',' | 'n')));
            } else {
                prop_assert!(c != ';' && c != ',');
            }
        }
    }
}
