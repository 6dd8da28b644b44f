//! Every word the app shows, in one place.
//!
//! English is the only language today. French comes with its own issue: add a `fr` table
//! beside [`en`] (and French forms of the formatting functions below), then pick the table
//! from the partner's chosen language in [`t`]. Pages never hold a user-visible string of
//! their own; they ask for a [`Msg`] or call one of the formatting functions here.
//!
//! The one text outside this table is the `<noscript>` sentence of `index.html`, which is
//! shown before any Rust runs.
//!
//! Messages that come from the engine (`PlanError::message`, warning messages) are shown as
//! the engine wrote them; their stable codes let a translation replace them later.

use benefits_core::Months;
use chrono::{Datelike, NaiveDate};

/// A fixed piece of text in the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    AppName,
    SkipToContent,
    MenuButton,
    NavLabel,
    NavBenefits,
    AreaMembership,
    AreaSoftware,
    AreaAzureCloud,
    AreaVisualStudio,
    AreaTechnical,
    AreaGoToMarket,
    AreaAccountSettings,
    AreaActivity,
    AreaKeyPlanner,
    AreaRedeem,
    AreaBulkPlanner,
    AreaCalendar,
    AreaSettings,
    PlaceholderBody,
    PlaceholderMeanwhile,
    OpenKeyPlanner,
    NotFoundTitle,
    NotFoundBody,
    NotFoundAddress,
    NotFoundTry,
    PlanIntro,
    PlanShareHint,
    PlanExampleLink,
    SubscriptionLegend,
    KeyLegend,
    ActiveLicenses,
    ActiveLicensesHint,
    CurrentEndDate,
    CurrentEndDateHint,
    KeyLicenses,
    KeyLicensesHint,
    RedemptionDate,
    RedemptionDateHint,
    OutcomesHeading,
    ExtendTitle,
    ExtendSummary,
    AddTitle,
    AddSummary,
    ActivateTitle,
    ActivateSummary,
    NewEndDate,
    LicensesAfter,
    MonthsAdded,
    TimeLeftBefore,
    TimeLeftAfter,
    Refused,
    Warning,
    TimelineHeading,
    MarkToday,
    MarkCurrentEnd,
    MarkExtendEnd,
    MarkAddEnd,
    MarkLimit,
}

/// The languages of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and for storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Reads a stored or requested tag ("fr", "fr-CA", "EN"); `None` for other languages.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }
}

thread_local! {
    // The app is single-threaded (WebAssembly); the store keeps this in step with its
    // language signal and re-renders the page when it changes.
    static CURRENT: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::En) };
}

/// The language the interface is drawn in now.
pub fn lang() -> Lang {
    CURRENT.with(|c| c.get())
}

/// Sets the language for the texts drawn from now on (the store calls it).
pub fn set_lang(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// Picks the text for the current language: `pick("Save", "Enregistrer")`. Area modules use
/// it for their own strings so that both languages sit side by side.
pub fn pick(en: &'static str, fr: &'static str) -> &'static str {
    match lang() {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

/// The text of `msg` in the partner's language.
pub fn t(msg: Msg) -> &'static str {
    match lang() {
        Lang::En => en(msg),
        Lang::Fr => fr(msg).unwrap_or_else(|| en(msg)),
    }
}

/// French texts. `None` falls back to English (to be completed: every text in both).
fn fr(msg: Msg) -> Option<&'static str> {
    let _ = msg;
    None
}

fn en(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        AppName => "Partner Benefits Workspace",
        SkipToContent => "Skip to main content",
        MenuButton => "Menu",
        NavLabel => "Workspace",
        NavBenefits => "Benefits",
        AreaMembership => "Membership",
        AreaSoftware => "Software",
        AreaAzureCloud => "Azure & Cloud",
        AreaVisualStudio => "Visual Studio",
        AreaTechnical => "Technical",
        AreaGoToMarket => "Go-To-Market",
        AreaAccountSettings => "Account settings",
        AreaActivity => "Activity",
        AreaKeyPlanner => "Key planner",
        AreaRedeem => "Redeem a key",
        AreaBulkPlanner => "Bulk key planner",
        AreaCalendar => "Expiry calendar",
        AreaSettings => "Settings",
        PlaceholderBody => "This area arrives with its own issue: it is being built next.",
        PlaceholderMeanwhile => "Meanwhile, the key planner already works, offline.",
        OpenKeyPlanner => "Open the key planner",
        NotFoundTitle => "Page not found",
        NotFoundBody => "There is no page at this address. The link may be mistyped or out of date.",
        NotFoundAddress => "Address asked for:",
        NotFoundTry => "Try one of these pages:",
        PlanIntro => "See what a product key would do to a subscription before you redeem it: extend the end date, or add licenses. Nothing is redeemed here.",
        PlanShareHint => "The address of this page holds the plan: copy it to share the plan.",
        PlanExampleLink => "Open an example: 100 licenses ending 31 January 2027, a 25-license key",
        SubscriptionLegend => "The subscription",
        KeyLegend => "The key",
        ActiveLicenses => "Active licenses",
        ActiveLicensesHint => "Licenses on the subscription now, for example 100.",
        CurrentEndDate => "Current end date",
        CurrentEndDateHint => "The subscription's end date before the key is redeemed.",
        KeyLicenses => "Key licenses",
        KeyLicensesHint => "Licenses the product key carries, for example 25.",
        RedemptionDate => "Redemption date",
        RedemptionDateHint => "The day the key would be redeemed. Today unless you change it.",
        OutcomesHeading => "What the key would do",
        ExtendTitle => "Extend the end date",
        ExtendSummary => "The licenses stay as they are; the end date moves later.",
        AddTitle => "Add licenses",
        AddSummary => "The key's licenses join the subscription; the end date is averaged over all licenses.",
        ActivateTitle => "Activate a new subscription",
        ActivateSummary => "The subscription has ended, so the key can only start a new one.",
        NewEndDate => "New end date",
        LicensesAfter => "Licenses after",
        MonthsAdded => "Months added",
        TimeLeftBefore => "Time left before",
        TimeLeftAfter => "Time left after",
        Refused => "Not possible.",
        Warning => "Check first.",
        TimelineHeading => "Timeline",
        MarkToday => "Redemption day",
        MarkCurrentEnd => "Current end",
        MarkExtendEnd => "Extend",
        MarkAddEnd => "Add licenses",
        MarkLimit => "3-year limit",
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as a person reads it: "30 April 2027".
pub fn format_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS_EN[date.month0() as usize],
        date.year()
    )
}

/// A short date for tight places such as the timeline: "30 Apr 2027".
pub fn format_date_short(date: NaiveDate) -> String {
    let month = MONTHS_EN[date.month0() as usize];
    format!("{} {} {}", date.day(), &month[..3], date.year())
}

/// A count with thousands separators: "1,250".
pub fn format_count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A span of months to a tenth: "3 months", "1 month", "7.2 months".
pub fn format_months(m: Months) -> String {
    let n = m.to_decimal_string();
    if n == "1" {
        "1 month".to_string()
    } else {
        format!("{n} months")
    }
}

/// A change in months with its sign: "+3 months", "-0.4 months", "0 months".
pub fn format_months_change(m: Months) -> String {
    let text = format_months(m);
    if m > Months::ZERO && !text.starts_with('0') {
        format!("+{text}")
    } else {
        text
    }
}

/// "was 100" beside a number that changed.
pub fn was(previous: &str) -> String {
    format!("was {previous}")
}

/// The label of a field, as the field-problem sentences name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldName {
    ActiveLicenses,
    CurrentEndDate,
    KeyLicenses,
    RedemptionDate,
}

impl FieldName {
    pub fn label(self) -> &'static str {
        t(match self {
            FieldName::ActiveLicenses => Msg::ActiveLicenses,
            FieldName::CurrentEndDate => Msg::CurrentEndDate,
            FieldName::KeyLicenses => Msg::KeyLicenses,
            FieldName::RedemptionDate => Msg::RedemptionDate,
        })
    }
}

/// "“12a” is not a whole number. Enter digits only, for example 25."
pub fn not_a_whole_number(raw: &str) -> String {
    format!("“{raw}” is not a whole number. Enter digits only, for example 25.")
}

/// A number too large to be a count of licenses at all.
pub fn number_too_large(raw: &str) -> String {
    format!("“{raw}” is far too large for a number of licenses.")
}

/// A date field holding something that is not a date.
pub fn not_a_date(raw: &str) -> String {
    format!(
        "“{raw}” is not a date. Pick one, or type it as year-month-day, for example 2027-01-31."
    )
}

/// Why an outcome cannot be shown yet: which fields are still empty or wrong.
pub fn outcome_waiting(missing: &[FieldName], wrong: &[FieldName]) -> String {
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("enter {}", join_fields(missing)));
    }
    if !wrong.is_empty() {
        parts.push(format!("correct {}", join_fields(wrong)));
    }
    format!("To see this outcome, {}.", parts.join(" and "))
}

fn join_fields(fields: &[FieldName]) -> String {
    let names: Vec<String> = fields.iter().map(|f| format!("“{}”", f.label())).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// One mark of the timeline in words: "Current end: 31 January 2027".
pub fn timeline_mark(label: &str, date: NaiveDate) -> String {
    format!("{label}: {}", format_date(date))
}

/// The timeline picture in words, for screen readers and as its tooltip.
pub fn timeline_description(marks: &[String]) -> String {
    format!("Timeline. {}.", marks.join("; "))
}

/// The browser tab's title for a page.
pub fn page_title(page: &str) -> String {
    format!("{page} · {}", t(Msg::AppName))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_read_like_a_person_writes_them() {
        assert_eq!(format_date(d("2027-04-30")), "30 April 2027");
        assert_eq!(format_date(d("2026-01-05")), "5 January 2026");
        assert_eq!(format_date_short(d("2027-09-01")), "1 Sep 2027");
    }

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(125), "125");
        assert_eq!(format_count(1250), "1,250");
        assert_eq!(format_count(10_000_000), "10,000,000");
        assert_eq!(format_count(-4200), "-4,200");
    }

    #[test]
    fn months_read_with_their_unit_and_sign() {
        assert_eq!(format_months(Months::whole(3)), "3 months");
        assert_eq!(format_months(Months::whole(1)), "1 month");
        assert_eq!(format_months(Months::ratio(36, 5).unwrap()), "7.2 months");
        assert_eq!(format_months_change(Months::whole(3)), "+3 months");
        assert_eq!(
            format_months_change(Months::ratio(-2, 5).unwrap()),
            "-0.4 months"
        );
        assert_eq!(format_months_change(Months::ZERO), "0 months");
        // Rounds to zero: no misleading plus sign.
        assert_eq!(
            format_months_change(Months::ratio(1, 100).unwrap()),
            "0 months"
        );
    }

    #[test]
    fn waiting_sentences_name_the_fields() {
        assert_eq!(
            outcome_waiting(&[FieldName::ActiveLicenses], &[]),
            "To see this outcome, enter “Active licenses”."
        );
        assert_eq!(
            outcome_waiting(
                &[FieldName::ActiveLicenses, FieldName::CurrentEndDate, FieldName::KeyLicenses],
                &[FieldName::RedemptionDate]
            ),
            "To see this outcome, enter “Active licenses”, “Current end date” and “Key licenses” and correct “Redemption date”."
        );
    }

    #[test]
    fn every_message_has_english_text() {
        for msg in [
            Msg::AppName,
            Msg::ActiveLicenses,
            Msg::MarkLimit,
            Msg::NotFoundTry,
        ] {
            assert!(!t(msg).is_empty());
        }
        assert_eq!(t(Msg::ActiveLicenses), "Active licenses");
        assert_eq!(t(Msg::CurrentEndDate), "Current end date");
        assert_eq!(t(Msg::KeyLicenses), "Key licenses");
        assert_eq!(t(Msg::RedemptionDate), "Redemption date");
    }

    #[test]
    fn the_timeline_words_never_repeat_a_field_label() {
        // The picture's description must not read as a second "Redemption date" field to
        // assistive technology (or to a test that finds fields by their label).
        let fields = [
            FieldName::ActiveLicenses,
            FieldName::CurrentEndDate,
            FieldName::KeyLicenses,
            FieldName::RedemptionDate,
        ];
        for mark in [
            Msg::MarkToday,
            Msg::MarkCurrentEnd,
            Msg::MarkExtendEnd,
            Msg::MarkAddEnd,
            Msg::MarkLimit,
        ] {
            let words =
                timeline_description(&[timeline_mark(t(mark), d("2027-01-31"))]).to_lowercase();
            for field in fields {
                assert!(!words.contains(&field.label().to_lowercase()), "{words}");
            }
        }
    }
}

/// A refusal of the engine in the partner's language: what was refused, why, and what to do.
/// English is the engine's own sentence; other languages are written from the error's code
/// and parameters (see `refusal_fr`), falling back to the English sentence for a code not
/// yet translated.
pub fn refusal(error: &benefits_core::DomainError) -> String {
    match lang() {
        Lang::En => error.message.clone(),
        Lang::Fr => refusal_fr(error).unwrap_or_else(|| error.message.clone()),
    }
}

/// French refusals, by code (to be completed for every code).
fn refusal_fr(error: &benefits_core::DomainError) -> Option<String> {
    let _ = error;
    None
}

/// An amount of the organisation's currency, in minor units, as the partner reads it:
/// "6,000.00 USD" in English.
pub fn format_amount(minor: i64, currency: &benefits_core::Currency) -> String {
    currency.format(minor)
}
