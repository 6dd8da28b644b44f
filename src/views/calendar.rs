//! What the expiry calendar (`/calendar`, R-PLAN-3) shows: the engine's important dates
//! (`benefits_core::calendar::important_dates`) in the partner's language, grouped into the
//! next 90 days, later and recently passed, filtered by kind, drawn on a 12-month timeline,
//! and written as an `.ics` file by the engine's writer.
//!
//! No rule lives here: which dates exist and what they are (the 30-day cancellation window,
//! the 90 days of Visual Studio, what counts as still cancellable) is the engine's answer.
//! This module only translates, groups and places them.

use crate::i18n::{format_date, lang, pick, Lang, NBSP};
use crate::nav::{Area, Record};
use benefits_core::calendar::{important_dates, to_ics, DateKind, ImportantDate};
use benefits_core::model::{CreditKind, CANCELLATION_WINDOW_DAYS, VS_REASSIGNMENT_DAYS};
use benefits_core::{add_months, Months, RecordRef, Workspace};
use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// The first section holds the dates from today to this many days ahead.
pub const NEXT_DAYS: i64 = 90;
/// The name of the downloaded file.
pub const ICS_FILE_NAME: &str = "partner-benefits.ics";
/// Its type.
pub const ICS_MIME: &str = "text/calendar;charset=utf-8";

/// Where a date falls, seen from today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// Today up to [`NEXT_DAYS`] days ahead.
    Next,
    /// After that.
    Later,
    /// Before today (the engine keeps 30 days of those).
    RecentlyPassed,
}

impl Section {
    /// The order the page shows them in: what comes next first.
    pub const ORDER: [Section; 3] = [Section::Next, Section::Later, Section::RecentlyPassed];

    pub fn of(date: NaiveDate, today: NaiveDate) -> Section {
        let days = (date - today).num_days();
        if days < 0 {
            Section::RecentlyPassed
        } else if days <= NEXT_DAYS {
            Section::Next
        } else {
            Section::Later
        }
    }

    /// For ids and test hooks: `next-90-days`, `later`, `recently-passed`.
    pub fn key(self) -> &'static str {
        match self {
            Section::Next => "next-90-days",
            Section::Later => "later",
            Section::RecentlyPassed => "recently-passed",
        }
    }

    pub fn heading(self) -> &'static str {
        match self {
            Section::Next => pick("Next 90 days", "Dans les 90 prochains jours"),
            Section::Later => pick("Later", "Plus tard"),
            Section::RecentlyPassed => pick("Recently passed", "Récemment passées"),
        }
    }

    /// What the section says when it has nothing to show.
    pub fn empty(self) -> &'static str {
        match self {
            Section::Next => pick(
                "Nothing in the next 90 days.",
                "Rien dans les 90 prochains jours.",
            ),
            Section::Later => pick("Nothing later.", "Rien de plus tard."),
            Section::RecentlyPassed => pick(
                "Nothing in the last 30 days.",
                "Rien au cours des 30 derniers jours.",
            ),
        }
    }
}

/// The kind's name on its badge and in the filter, in the partner's language.
pub fn kind_label(kind: DateKind) -> &'static str {
    match kind {
        DateKind::BenefitExpiry => pick("Benefit expires", "Fin d'avantage"),
        DateKind::SubscriptionEnd => pick("Subscription ends", "Fin d'abonnement"),
        DateKind::VsReassignmentAllowed => pick("Reassignment allowed", "Réaffectation possible"),
        DateKind::GtmOfferExpiry => pick("Go-To-Market offer expires", "Fin d'offre Go-To-Market"),
        DateKind::CancellationWindowEnd => pick("Last day to cancel", "Dernier jour pour annuler"),
        DateKind::EnrollmentYearEnd => pick("Enrollment year ends", "Fin de l'année d'adhésion"),
    }
}

/// The style class that colours the kind's badge and timeline mark.
pub fn kind_class(kind: DateKind) -> String {
    format!("calendar-kind-{}", kind.as_str().replace('_', "-"))
}

/// The page each date belongs to.
pub fn area_of(kind: DateKind) -> Area {
    match kind {
        DateKind::BenefitExpiry | DateKind::SubscriptionEnd => Area::AzureCloud,
        DateKind::VsReassignmentAllowed => Area::VisualStudio,
        DateKind::GtmOfferExpiry => Area::GoToMarket,
        DateKind::CancellationWindowEnd | DateKind::EnrollmentYearEnd => Area::Membership,
    }
}

/// "today", "tomorrow", "in 20 days", "yesterday", "12 days ago" (and in French).
pub fn relative_days(days: i64) -> String {
    match (lang(), days) {
        (Lang::En, 0) => "today".into(),
        (Lang::En, 1) => "tomorrow".into(),
        (Lang::En, -1) => "yesterday".into(),
        (Lang::En, n) if n > 0 => format!("in {n} days"),
        (Lang::En, n) => format!("{} days ago", n.unsigned_abs()),
        (Lang::Fr, 0) => "aujourd'hui".into(),
        (Lang::Fr, 1) => "demain".into(),
        (Lang::Fr, -1) => "hier".into(),
        (Lang::Fr, n) if n > 0 => format!("dans {n}{NBSP}jours"),
        (Lang::Fr, n) => format!("il y a {}{NBSP}jours", n.unsigned_abs()),
    }
}

/// One date as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The engine's date, with the title and description in the partner's language (the
    /// `.ics` is written from these).
    pub item: ImportantDate,
    /// Days from today (negative: passed).
    pub days: i64,
    pub section: Section,
    /// What the date is about, in the partner's language: "Microsoft 365 Business Premium",
    /// "Visual Studio Enterprise (vs-1, Mario Partner-Admin)", "Azure monthly credit".
    pub subject: String,
    /// The record the date belongs to: a tenant subscription's own address, else its page.
    pub href: String,
}

/// Every important date on `today`, in the engine's order (by date), in the partner's
/// language.
pub fn rows(ws: &Workspace, today: NaiveDate) -> Vec<Row> {
    important_dates(ws, today)
        .into_iter()
        .map(|d| {
            let subject = subject(&display_name(ws, &d), &d);
            let title = title(d.kind, &subject);
            let description = description(&d, d.date < today);
            let days = (d.date - today).num_days();
            Row {
                days,
                section: Section::of(d.date, today),
                subject,
                href: match &d.record {
                    Some(RecordRef::Subscription(id)) => {
                        Record::Subscription(id.to_string()).path()
                    }
                    _ => area_of(d.kind).path().to_string(),
                },
                item: ImportantDate {
                    title,
                    description,
                    ..d
                },
            }
        })
        .collect()
}

/// The record's name in the partner's language: only Azure credits have an English name
/// made by the engine ("Azure monthly credit"); product, package, offer and organisation
/// names are the partner's own data.
fn display_name(ws: &Workspace, d: &ImportantDate) -> String {
    if let Some(RecordRef::AzureCredit(id)) = &d.record {
        if let Some(c) = ws.azure_credits().get(id) {
            return match c.kind {
                CreditKind::Monthly => pick("Azure monthly credit", "Crédit Azure mensuel"),
                CreditKind::Bulk => {
                    pick("Azure bulk (yearly) credit", "Crédit Azure annuel (bulk)")
                }
            }
            .to_string();
        }
    }
    d.name.clone()
}

/// The name, with the record's id where two dates of one kind could share it (two
/// subscriptions or two benefits of the same product): "Microsoft 365 Business Premium
/// (sub-1)". Calendar applications show only the title.
fn subject(name: &str, d: &ImportantDate) -> String {
    match (d.kind, &d.record, &d.person) {
        (DateKind::VsReassignmentAllowed, Some(RecordRef::VisualStudio(id)), Some(person)) => {
            format!("{name} ({id}, {person})")
        }
        (_, Some(RecordRef::Subscription(id)), _) => format!("{name} ({id})"),
        (_, Some(RecordRef::LicenseBenefit(id)), _) => format!("{name} ({id})"),
        (_, Some(RecordRef::AzureCredit(id)), _) => format!("{name} ({id})"),
        _ => name.to_string(),
    }
}

fn title(kind: DateKind, subject: &str) -> String {
    match lang() {
        Lang::En => format!("{}: {subject}", kind_label(kind)),
        Lang::Fr => format!("{}{NBSP}: {subject}", kind_label(kind)),
    }
}

/// What the date means and what to do; `passed` when it is before today.
fn description(d: &ImportantDate, passed: bool) -> String {
    let from = d.counted_from.map(format_date).unwrap_or_default();
    let person = d.person.clone().unwrap_or_default();
    let record_id = match &d.record {
        Some(RecordRef::Subscription(id)) => id.to_string(),
        _ => String::new(),
    };
    let fr = lang() == Lang::Fr;
    match d.kind {
        DateKind::BenefitExpiry => match &d.record {
            Some(RecordRef::AzureCredit(_)) => pick(
                "Last day of this Azure credit: credit not spent by then is lost.",
                "Dernier jour de ce crédit Azure\u{a0}: le crédit non dépensé d'ici là est perdu.",
            )
            .to_string(),
            _ => pick(
                "Last day of the right to use this benefit. The tenant subscription has its own end date, which may differ.",
                "Dernier jour du droit d'utiliser cet avantage. L'abonnement du locataire a sa propre date de fin, qui peut être différente.",
            )
            .to_string(),
        },
        DateKind::SubscriptionEnd if passed && fr => format!(
            "L'abonnement {record_id} du locataire a pris fin. Une clé de produit peut le réactiver («\u{a0}activer un nouvel abonnement\u{a0}»)."
        ),
        DateKind::SubscriptionEnd if passed => format!(
            "Tenant subscription {record_id} has ended. A product key can activate it again (\"activate a new subscription\")."
        ),
        DateKind::SubscriptionEnd if fr => format!(
            "L'abonnement {record_id} du locataire prend fin. Échangez une clé de produit avant cette date pour le prolonger\u{a0}; le planificateur de clés montre ce qu'une clé donnerait."
        ),
        DateKind::SubscriptionEnd => format!(
            "Tenant subscription {record_id} ends. Redeem a product key before then to extend it; the key planner shows what a key would give."
        ),
        DateKind::VsReassignmentAllowed if fr => format!(
            "Affecté à {person} le {from}\u{a0}: à partir de ce jour, l'abonnement peut passer à un autre abonné ({VS_REASSIGNMENT_DAYS}\u{a0}jours après l'affectation)."
        ),
        DateKind::VsReassignmentAllowed => format!(
            "Assigned to {person} on {from}: from this day the subscription can go to another subscriber ({VS_REASSIGNMENT_DAYS} days after the assignment)."
        ),
        DateKind::GtmOfferExpiry if fr => format!(
            "Dernier jour d'utilisation de l'offre (active depuis le {from})\u{a0}; elle apparaît comme expirée dès le lendemain."
        ),
        DateKind::GtmOfferExpiry => format!(
            "Last day the offer can be used (active since {from}); it shows as expired from the next day."
        ),
        DateKind::CancellationWindowEnd if fr => format!(
            "Acheté le {from}\u{a0}: dernier jour pour demander l'annulation avec remboursement ({CANCELLATION_WINDOW_DAYS}\u{a0}jours), tant qu'aucun de ses avantages logiciels n'est activé (afficher les clés les active)."
        ),
        DateKind::CancellationWindowEnd => format!(
            "Purchased on {from}: last day to request cancellation with a refund ({CANCELLATION_WINDOW_DAYS} days), as long as none of its software benefits is activated (revealing keys activates them)."
        ),
        DateKind::EnrollmentYearEnd if fr => format!(
            "L'année d'adhésion commencée le {from} prend fin\u{a0}: les avantages de l'année, y compris les avantages techniques (incidents et heures de support), expirent ou se renouvellent avec l'adhésion."
        ),
        DateKind::EnrollmentYearEnd => format!(
            "The enrollment year that started on {from} ends: this year's benefits, technical benefits (support incidents and hours) included, expire or renew with the membership."
        ),
    }
}

/// The value of the kind filter's "all dates" option.
pub const ALL_KINDS: &str = "all";

/// Reads the filter's value: `None` for every kind (or anything unknown).
pub fn read_filter(value: &str) -> Option<DateKind> {
    DateKind::from_str_opt(value)
}

/// The rows of one kind, or all of them.
pub fn filtered(rows: &[Row], kind: Option<DateKind>) -> Vec<Row> {
    rows.iter()
        .filter(|r| kind.is_none_or(|k| r.item.kind == k))
        .cloned()
        .collect()
}

/// The kinds present, in the filter's order (every kind is offered; this says which have
/// dates).
pub fn count_of(rows: &[Row], kind: DateKind) -> usize {
    rows.iter().filter(|r| r.item.kind == kind).count()
}

/// The calendar's name in calendar applications.
pub fn calendar_name(organisation: Option<&str>) -> String {
    let base = pick("Partner benefits", "Avantages partenaire");
    match organisation {
        Some(org) if !org.trim().is_empty() => format!("{base} — {org}"),
        _ => base.to_string(),
    }
}

/// The `.ics` of the rows listed, in the partner's language (the engine writes it).
pub fn ics(rows: &[Row], organisation: Option<&str>, stamp: NaiveDateTime) -> String {
    let items: Vec<ImportantDate> = rows.iter().map(|r| r.item.clone()).collect();
    to_ics(&calendar_name(organisation), &items, stamp)
}

// ------------------------------------------------------------------ the timeline picture

/// The timeline covers this many months from today.
pub const TIMELINE_MONTHS: i64 = 12;
const MARGIN: f64 = 14.0;
const MARK_R: f64 = 6.0;
const LEVEL_GAP: f64 = 15.0;
const TOP: f64 = 12.0;

#[derive(Debug, Clone, PartialEq)]
pub struct MonthTick {
    pub x: f64,
    /// "Dec", "janv." …
    pub label: &'static str,
    /// The year under January's label.
    pub year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub x: f64,
    pub y: f64,
    pub kind: DateKind,
    pub date: NaiveDate,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub width: f64,
    pub height: f64,
    pub axis_y: f64,
    pub left: f64,
    pub right: f64,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub months: Vec<MonthTick>,
    pub marks: Vec<Mark>,
    /// Every month's label fits (else every other month is labelled).
    pub every_month_labelled: bool,
    /// "Today" fits under the axis at the start (not on a narrow picture, nor beside a
    /// year's label).
    pub today_labelled: bool,
}

const MONTHS: [(&str, &str); 12] = [
    ("Jan", "janv."),
    ("Feb", "févr."),
    ("Mar", "mars"),
    ("Apr", "avr."),
    ("May", "mai"),
    ("Jun", "juin"),
    ("Jul", "juil."),
    ("Aug", "août"),
    ("Sep", "sept."),
    ("Oct", "oct."),
    ("Nov", "nov."),
    ("Dec", "déc."),
];

fn month_label(month0: usize) -> &'static str {
    let (en, fr) = MONTHS[month0.min(11)];
    pick(en, fr)
}

/// Places the rows dated from today to 12 months ahead on an axis `width` wide: one mark
/// per date, marks that would touch stacked above one another; a tick per month.
pub fn timeline(rows: &[Row], today: NaiveDate, width: f64) -> Timeline {
    let width = width.max(200.0);
    let end = add_months(today, Months::whole(TIMELINE_MONTHS)).unwrap_or(today);
    let left = MARGIN;
    let right = width - MARGIN;
    let span = (end - today).num_days().max(1) as f64;
    let x_of = |d: NaiveDate| left + (right - left) * ((d - today).num_days() as f64 / span);

    // Stack marks: each goes on the lowest level where it touches no other.
    let mut levels: Vec<Vec<f64>> = Vec::new();
    let mut placed: Vec<(f64, usize, &Row)> = Vec::new();
    for r in rows
        .iter()
        .filter(|r| r.item.date >= today && r.item.date <= end)
    {
        let x = x_of(r.item.date);
        let level = levels
            .iter()
            .position(|xs| xs.iter().all(|o| (o - x).abs() >= 2.0 * MARK_R + 2.0))
            .unwrap_or(levels.len());
        if level == levels.len() {
            levels.push(Vec::new());
        }
        if let Some(xs) = levels.get_mut(level) {
            xs.push(x);
        }
        placed.push((x, level, r));
    }
    let stack = levels.len().max(1) as f64;
    let axis_y = TOP + MARK_R + (stack - 1.0) * LEVEL_GAP + MARK_R + 6.0;
    let marks = placed
        .into_iter()
        .map(|(x, level, r)| Mark {
            x,
            y: axis_y - MARK_R - 4.0 - level as f64 * LEVEL_GAP,
            kind: r.item.kind,
            date: r.item.date,
            title: format!("{} — {}", format_date(r.item.date), r.item.title),
        })
        .collect();

    // A tick on the first of every month after today.
    let mut months = Vec::new();
    let mut first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    loop {
        first = match add_months(first, Months::whole(1)) {
            Ok(d) => d,
            Err(_) => break,
        };
        if first > end {
            break;
        }
        months.push(MonthTick {
            x: x_of(first),
            label: month_label(first.month0() as usize),
            year: (first.month() == 1).then_some(first.year()),
        });
    }
    // A label is about 30 px wide at the picture's font size.
    let every_month_labelled = (right - left) / 12.0 >= 34.0;
    let today_labelled = width >= 600.0
        && months
            .iter()
            .filter(|m| m.year.is_some())
            .all(|m| m.x - left > 85.0);
    Timeline {
        width,
        height: axis_y + 44.0,
        axis_y,
        left,
        right,
        start: today,
        end,
        months,
        marks,
        every_month_labelled,
        today_labelled,
    }
}

/// The picture's text alternative: the span, then every date on it.
pub fn timeline_description(t: &Timeline) -> String {
    let count = t.marks.len();
    let head = match lang() {
        Lang::En => format!(
            "Timeline from {} to {}: {count} {}.",
            format_date(t.start),
            format_date(t.end),
            if count == 1 { "date" } else { "dates" }
        ),
        Lang::Fr => format!(
            "Frise du {} au {}{NBSP}: {count}{NBSP}{}.",
            format_date(t.start),
            format_date(t.end),
            if count <= 1 { "date" } else { "dates" }
        ),
    };
    let marks: Vec<String> = t.marks.iter().map(|m| m.title.clone()).collect();
    if marks.is_empty() {
        head
    } else {
        format!("{head} {}.", marks.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::set_lang;
    use benefits_core::demo;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn today() -> NaiveDate {
        d("2026-11-20")
    }

    fn demo_rows() -> Vec<Row> {
        let doc = demo::workspace(today());
        rows(doc.workspace(), today())
    }

    fn row<'a>(rows: &'a [Row], id: &str) -> &'a Row {
        rows.iter().find(|r| r.item.id == id).unwrap()
    }

    #[test]
    fn sections_split_at_today_and_90_days() {
        assert_eq!(Section::of(today(), today()), Section::Next);
        assert_eq!(Section::of(d("2027-02-18"), today()), Section::Next, "+90");
        assert_eq!(Section::of(d("2027-02-19"), today()), Section::Later, "+91");
        assert_eq!(
            Section::of(d("2026-11-19"), today()),
            Section::RecentlyPassed
        );
    }

    #[test]
    fn demo_rows_are_grouped_titled_and_linked() {
        let rows = demo_rows();
        let m365 = row(&rows, "subscription-end-sub-1");
        assert_eq!(m365.item.date, d("2027-01-20"));
        assert_eq!(m365.days, 61);
        assert_eq!(m365.section, Section::Next);
        assert_eq!(m365.href, "/benefits/azure-cloud/subscriptions/sub-1");
        assert_eq!(
            m365.item.title,
            "Subscription ends: Microsoft 365 Business Premium (sub-1)"
        );
        let silver = row(&rows, "cancellation-window-end-pkg-2");
        assert_eq!((silver.days, silver.section), (20, Section::Next));
        assert_eq!(silver.href, "/benefits");
        assert!(silver.item.description.contains("10 November 2026"));
        let vs1 = row(&rows, "vs-reassignment-allowed-vs-1");
        assert_eq!(vs1.href, "/benefits/visual-studio");
        assert_eq!(
            vs1.item.title,
            "Reassignment allowed: Visual Studio Enterprise (vs-1, Mario Partner-Admin)"
        );
        let power_bi = row(&rows, "subscription-end-sub-2");
        assert_eq!(power_bi.section, Section::RecentlyPassed);
        assert_eq!(power_bi.days, -20);
        assert!(power_bi.item.description.contains("has ended"));
        assert_eq!(
            row(&rows, "benefit-expiry-credit-1").section,
            Section::Later
        );
        assert!(rows.windows(2).all(|w| w[0].item.date <= w[1].item.date));
    }

    #[test]
    fn two_subscriptions_of_one_product_have_titles_apart() {
        let mut doc = benefits_core::demo::workspace(today());
        doc.apply(
            &benefits_core::UserId::from(benefits_core::demo::GLORIA),
            today().and_hms_opt(12, 0, 0).unwrap(),
            &benefits_core::Command::RecordSubscription {
                subscription: benefits_core::model::NewSubscription {
                    product: benefits_core::demo::M365.into(),
                    seats: 5,
                    start: d("2026-01-01"),
                    end: d("2027-03-31"),
                    disabled: false,
                },
            },
        )
        .unwrap();
        let rows = rows(doc.workspace(), today());
        let titles: Vec<&str> = rows
            .iter()
            .filter(|r| {
                r.item.kind == DateKind::SubscriptionEnd && r.item.name == benefits_core::demo::M365
            })
            .map(|r| r.item.title.as_str())
            .collect();
        assert_eq!(
            titles,
            vec![
                "Subscription ends: Microsoft 365 Business Premium (sub-1)",
                "Subscription ends: Microsoft 365 Business Premium (sub-3)"
            ]
        );
    }

    #[test]
    fn french_titles_and_relative_days() {
        set_lang(Lang::Fr);
        let rows = demo_rows();
        assert_eq!(
            row(&rows, "subscription-end-sub-1").item.title,
            "Fin d'abonnement\u{a0}: Microsoft 365 Business Premium (sub-1)"
        );
        assert_eq!(
            row(&rows, "benefit-expiry-credit-1").item.title,
            "Fin d'avantage\u{a0}: Crédit Azure mensuel (credit-1)"
        );
        assert!(row(&rows, "cancellation-window-end-pkg-2")
            .item
            .description
            .contains("10 novembre 2026"));
        assert_eq!(relative_days(61), "dans 61\u{a0}jours");
        assert_eq!(relative_days(-20), "il y a 20\u{a0}jours");
        assert_eq!(relative_days(0), "aujourd'hui");
        set_lang(Lang::En);
        assert_eq!(relative_days(61), "in 61 days");
        assert_eq!(relative_days(-1), "yesterday");
        assert_eq!(relative_days(1), "tomorrow");
        assert_eq!(relative_days(-20), "20 days ago");
    }

    #[test]
    fn the_filter_keeps_one_kind_or_all() {
        let rows = demo_rows();
        assert_eq!(read_filter(ALL_KINDS), None);
        assert_eq!(read_filter("nonsense"), None);
        let kind = read_filter("vs_reassignment_allowed");
        assert_eq!(kind, Some(DateKind::VsReassignmentAllowed));
        let vs = filtered(&rows, kind);
        assert_eq!(vs.len(), 2);
        assert!(vs
            .iter()
            .all(|r| r.item.kind == DateKind::VsReassignmentAllowed));
        assert_eq!(filtered(&rows, None), rows);
        assert_eq!(count_of(&rows, DateKind::GtmOfferExpiry), 0);
    }

    #[test]
    fn the_ics_has_one_event_per_row_in_the_partners_language() {
        set_lang(Lang::Fr);
        let rows = demo_rows();
        let stamp = today().and_hms_opt(10, 0, 0).unwrap();
        let text = ics(&rows, Some("Contoso Partners Ltd"), stamp);
        set_lang(Lang::En);
        assert_eq!(text.matches("BEGIN:VEVENT\r\n").count(), rows.len());
        assert_eq!(text.matches("TRIGGER:-P30D\r\n").count(), rows.len());
        assert!(text.contains("X-WR-CALNAME:Avantages partenaire — Contoso Partners Ltd\r\n"));
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(
            "SUMMARY:Fin d'abonnement\u{a0}: Microsoft 365 Business Premium (sub-1)\r\n"
        ));
        assert!(unfolded
            .contains("UID:subscription-end-sub-1@partner-benefits-workspace\r\nDTSTAMP:20261120T100000Z\r\nDTSTART;VALUE=DATE:20270120\r\n"));
        // Filtered: only that kind's events.
        let vs = filtered(&rows, Some(DateKind::VsReassignmentAllowed));
        assert_eq!(ics(&vs, None, stamp).matches("BEGIN:VEVENT").count(), 2);
    }

    #[test]
    fn the_timeline_places_the_next_12_months() {
        let rows = demo_rows();
        let t = timeline(&rows, today(), 640.0);
        assert_eq!(t.end, d("2027-11-20"));
        assert_eq!(t.months.len(), 12, "1 Dec 2026 … 1 Nov 2027");
        assert_eq!(t.months[0].label, "Dec");
        assert_eq!(t.months[1].year, Some(2027));
        // Only the dates from today on: the recently passed ones are not drawn.
        let upcoming = rows.iter().filter(|r| r.days >= 0).count();
        assert_eq!(t.marks.len(), upcoming);
        assert!(t
            .marks
            .iter()
            .all(|m| m.x >= t.left && m.x <= t.right && m.y > 0.0 && m.y < t.axis_y));
        // Four benefits and the year end share 19 August 2027: stacked, not on top of one
        // another.
        let same: Vec<&Mark> = t
            .marks
            .iter()
            .filter(|m| m.date == d("2027-08-19"))
            .collect();
        assert_eq!(same.len(), 5);
        let mut ys: Vec<i64> = same.iter().map(|m| m.y as i64).collect();
        ys.dedup();
        assert_eq!(ys.len(), 5);
        assert!(t.every_month_labelled);
        assert!(timeline(&rows, today(), 860.0).today_labelled);
        let narrow = timeline(&rows, today(), 320.0);
        assert!(!narrow.every_month_labelled && !narrow.today_labelled);
        // Late December: the year's label would sit beside "Today".
        assert!(!timeline(&rows, d("2026-12-28"), 860.0).today_labelled);
        let text = timeline_description(&t);
        assert!(text.starts_with("Timeline from 20 November 2026 to 20 November 2027: 8 dates."));
        assert!(
            text.contains("20 January 2027 — Subscription ends: Microsoft 365 Business Premium")
        );
    }

    #[test]
    fn an_empty_workspace_has_no_rows_and_an_empty_timeline() {
        let ws = Workspace::new();
        let rows = rows(&ws, today());
        assert!(rows.is_empty());
        let t = timeline(&rows, today(), 320.0);
        assert!(t.marks.is_empty());
        assert_eq!(
            ics(&rows, None, today().and_hms_opt(0, 0, 0).unwrap())
                .matches("VEVENT")
                .count(),
            0
        );
    }
}
