//! R-PLAN-3, the expiry calendar: every date that matters, from the demo of 2026-11-20, each
//! kind with its date, sorted and deterministic; and its `.ics`, read back by an independent
//! iCalendar parser (the `ical` crate): one VEVENT per date, each with a reminder 30 days
//! before.

use benefits_core::calendar::{
    important_dates, to_ics, DateKind, ImportantDate, RECENTLY_PASSED_DAYS,
};
use benefits_core::demo::{self, GLORIA, MARIO};
use benefits_core::model::{MarketingContact, VsAssignment};
use benefits_core::{
    Command, GtmId, PackageId, RecordRef, SoftwareId, SubscriptionId, UserId, WorkspaceDoc,
};
use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    d("2026-11-20")
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 0, 0).unwrap()
}

fn demo_doc() -> WorkspaceDoc {
    demo::try_workspace(today()).expect("the demo builds")
}

fn dates() -> Vec<ImportantDate> {
    important_dates(demo_doc().workspace(), today())
}

fn find<'a>(list: &'a [ImportantDate], id: &str) -> &'a ImportantDate {
    list.iter().find(|x| x.id == id).unwrap_or_else(|| {
        panic!(
            "no {id} in {:#?}",
            list.iter().map(|x| &x.id).collect::<Vec<_>>()
        )
    })
}

fn apply(doc: &mut WorkspaceDoc, actor: &str, command: Command) {
    doc.apply(&UserId::from(actor), now(), &command)
        .unwrap_or_else(|e| panic!("{command:?} refused: {}", e.message));
}

/// The demo with Silver Core active until 2027-02-28 (marketing contact set, activated,
/// recorded as processed).
fn demo_with_gtm_active() -> WorkspaceDoc {
    let mut doc = demo_doc();
    apply(
        &mut doc,
        GLORIA,
        Command::SetMarketingContact {
            contact: MarketingContact {
                user: UserId::from(MARIO),
                email: "marketing@contoso.example".into(),
                phone: "+1 (425) 555-0100".into(),
                preferred_language: "English".into(),
            },
        },
    );
    apply(
        &mut doc,
        GLORIA,
        Command::ActivateGtmOffer {
            offer: GtmId::from("gtm-1"),
        },
    );
    apply(
        &mut doc,
        GLORIA,
        Command::RecordGtmOfferActivated {
            offer: GtmId::from("gtm-1"),
            activated_on: today(),
            expires_on: d("2027-02-28"),
        },
    );
    doc
}

#[test]
fn r_plan_3_subscription_end_is_the_tenant_subscriptions_end_date() {
    let list = dates();
    let m365 = find(&list, "subscription-end-sub-1");
    assert_eq!(m365.kind, DateKind::SubscriptionEnd);
    assert_eq!(
        m365.date,
        d("2027-01-20"),
        "M365 ends today + 2 calendar months"
    );
    assert_eq!(m365.name, demo::M365);
    assert_eq!(
        m365.record,
        Some(RecordRef::Subscription(SubscriptionId::from("sub-1")))
    );
    assert_eq!(
        m365.title,
        "Subscription ends: Microsoft 365 Business Premium (sub-1)"
    );
    // Power BI ended 20 days ago: recently passed, still listed.
    assert_eq!(find(&list, "subscription-end-sub-2").date, d("2026-10-31"));
}

#[test]
fn r_plan_3_vs_reassignment_allowed_is_assignment_plus_90_days() {
    let doc = demo_doc();
    let ws = doc.workspace();
    let list = important_dates(ws, today());
    let vs1 = find(&list, "vs-reassignment-allowed-vs-1");
    let assignment: &VsAssignment = ws.visual_studio()[&"vs-1".into()]
        .assignment
        .as_ref()
        .unwrap();
    assert_eq!(vs1.date, assignment.reassignable_from().unwrap());
    assert_eq!(vs1.date, d("2027-01-19"), "assigned 2026-10-21 + 90 days");
    assert_eq!(vs1.counted_from, Some(d("2026-10-21")));
    assert_eq!(vs1.person.as_deref(), Some("Mario Partner-Admin"));
    assert_eq!(vs1.kind, DateKind::VsReassignmentAllowed);
    // vs-2 (Uma, 120 days ago) became reassignable exactly 30 days ago: still in view.
    assert_eq!(
        find(&list, "vs-reassignment-allowed-vs-2").date,
        d("2026-10-21")
    );
    // vs-3 is not assigned: no date.
    assert!(list.iter().all(|x| x.id != "vs-reassignment-allowed-vs-3"));
}

#[test]
fn r_plan_3_cancellation_window_end_only_for_packages_still_cancellable() {
    let list = dates();
    // The Silver package, bought 10 days ago, keys not revealed: purchase + 30 days.
    let silver = find(&list, "cancellation-window-end-pkg-2");
    assert_eq!(silver.date, d("2026-12-10"));
    assert_eq!(silver.counted_from, Some(d("2026-11-10")));
    assert_eq!(silver.name, "Silver Cloud Productivity");
    assert_eq!(
        silver.record,
        Some(RecordRef::Package(PackageId::from("pkg-2")))
    );
    // The Action Pack's software was activated (keys revealed): no window to watch.
    assert!(list.iter().all(|x| x.id != "cancellation-window-end-pkg-1"));

    // Revealing the Silver package's keys makes it not cancellable any more.
    let mut doc = demo_doc();
    apply(
        &mut doc,
        GLORIA,
        Command::RevealSoftwareKeys {
            product: SoftwareId::from("sw-2"),
        },
    );
    let after = important_dates(doc.workspace(), today());
    assert!(
        after
            .iter()
            .all(|x| x.kind != DateKind::CancellationWindowEnd),
        "{after:#?}"
    );

    // So does a granted cancellation request.
    let mut doc = demo_doc();
    apply(
        &mut doc,
        GLORIA,
        Command::RequestPackageCancellation {
            package: PackageId::from("pkg-2"),
        },
    );
    let after = important_dates(doc.workspace(), today());
    assert!(after
        .iter()
        .all(|x| x.kind != DateKind::CancellationWindowEnd));
}

#[test]
fn r_plan_3_benefit_expiry_for_license_benefits_and_azure_credits() {
    let list = dates();
    for id in [
        "benefit-expiry-lic-1",
        "benefit-expiry-lic-2",
        "benefit-expiry-credit-1",
        "benefit-expiry-credit-2",
    ] {
        let x = find(&list, id);
        assert_eq!(x.kind, DateKind::BenefitExpiry);
        assert_eq!(
            x.date,
            d("2027-08-19"),
            "{id}: the enrollment year's last day"
        );
    }
    assert_eq!(find(&list, "benefit-expiry-lic-1").name, demo::M365);
    assert_eq!(
        find(&list, "benefit-expiry-credit-1").name,
        "Azure monthly credit"
    );
    assert_eq!(
        find(&list, "benefit-expiry-credit-2").description,
        "Last day of the Azure bulk (yearly) credit (6,000.00 USD per year, Silver): credit not spent by then is lost."
    );
}

#[test]
fn r_plan_3_gtm_offer_expiry_is_the_last_usable_day() {
    assert!(
        dates().iter().all(|x| x.kind != DateKind::GtmOfferExpiry),
        "no active offer in the demo"
    );
    let doc = demo_with_gtm_active();
    let list = important_dates(doc.workspace(), today());
    let gtm = find(&list, "gtm-offer-expiry-gtm-1");
    assert_eq!(gtm.date, d("2027-02-28"));
    assert_eq!(gtm.name, "Silver Core");
    assert_eq!(gtm.counted_from, Some(today()));
    assert_eq!(gtm.title, "Go-To-Market offer expires: Silver Core");
    // Still listed the day after it expired (shown as expired then), gone 31 days later.
    assert!(important_dates(doc.workspace(), d("2027-03-01"))
        .iter()
        .any(|x| x.id == gtm.id));
    assert!(important_dates(doc.workspace(), d("2027-03-31"))
        .iter()
        .all(|x| x.id != gtm.id));
}

#[test]
fn r_plan_3_enrollment_year_end_stands_for_technical_benefits_too() {
    let list = dates();
    let year: Vec<&ImportantDate> = list
        .iter()
        .filter(|x| x.kind == DateKind::EnrollmentYearEnd)
        .collect();
    assert_eq!(year.len(), 1);
    assert_eq!(year[0].date, d("2027-08-19"));
    assert_eq!(year[0].counted_from, Some(d("2026-08-20")));
    assert_eq!(year[0].record, None);
    assert_eq!(year[0].id, "enrollment-year-end-2026-08-20");
    assert!(year[0].description.contains("technical benefits"));
}

#[test]
fn r_plan_3_every_kind_is_present_and_the_list_is_sorted() {
    let doc = demo_with_gtm_active();
    let list = important_dates(doc.workspace(), today());
    for kind in DateKind::ALL {
        assert!(list.iter().any(|x| x.kind == kind), "{kind:?} missing");
    }
    assert!(
        list.windows(2).all(|w| w[0].date <= w[1].date),
        "sorted by date"
    );
    let ids: Vec<&str> = list.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "vs-reassignment-allowed-vs-2",
            "subscription-end-sub-2",
            "cancellation-window-end-pkg-2",
            "vs-reassignment-allowed-vs-1",
            "subscription-end-sub-1",
            "gtm-offer-expiry-gtm-1",
            "benefit-expiry-credit-1",
            "benefit-expiry-credit-2",
            "benefit-expiry-lic-1",
            "benefit-expiry-lic-2",
            "enrollment-year-end-2026-08-20",
        ]
    );
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
}

#[test]
fn r_plan_3_dates_older_than_30_days_are_left_out() {
    assert_eq!(RECENTLY_PASSED_DAYS, 30);
    let doc = demo_doc();
    // A day later, vs-2's date (2026-10-21) is 31 days old.
    let list = important_dates(doc.workspace(), d("2026-11-21"));
    assert!(list.iter().all(|x| x.id != "vs-reassignment-allowed-vs-2"));
    assert!(list.iter().all(|x| x.date >= d("2026-10-22")));
}

#[test]
fn r_plan_3_disabled_subscriptions_have_no_end_to_watch() {
    let mut doc = demo_doc();
    apply(
        &mut doc,
        GLORIA,
        Command::SetSubscriptionDisabled {
            subscription: SubscriptionId::from("sub-1"),
            disabled: true,
        },
    );
    let list = important_dates(doc.workspace(), today());
    assert!(list.iter().all(|x| x.id != "subscription-end-sub-1"));
}

#[test]
fn r_plan_3_deterministic_and_empty_for_an_empty_workspace() {
    assert_eq!(dates(), dates());
    assert!(important_dates(WorkspaceDoc::new().workspace(), today()).is_empty());
}

// ------------------------------------------------------------------ the .ics

fn parse(text: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut reader = ical::IcalParser::new(text.as_bytes());
    let cal = reader
        .next()
        .expect("one calendar")
        .expect("a valid calendar");
    assert!(reader.next().is_none(), "exactly one calendar");
    cal
}

fn value(props: &[ical::property::Property], name: &str) -> String {
    props
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.clone())
        .unwrap_or_else(|| panic!("no {name} in {props:?}"))
}

#[test]
fn r_plan_3_the_demo_calendar_ics_parses_back_one_event_per_date_with_a_30_day_reminder() {
    let doc = demo_with_gtm_active();
    let list = important_dates(doc.workspace(), today());
    let stamp = d("2026-11-20").and_hms_opt(10, 0, 0).unwrap();
    let text = to_ics("Partner benefits — Contoso Partners Ltd", &list, stamp);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );

    let cal = parse(&text);
    assert_eq!(cal.events.len(), list.len(), "one VEVENT per date");
    for (event, date) in cal.events.iter().zip(&list) {
        let p = &event.properties;
        assert_eq!(
            value(p, "UID"),
            format!("{}@partner-benefits-workspace", date.id)
        );
        assert_eq!(value(p, "DTSTART"), date.date.format("%Y%m%d").to_string());
        assert_eq!(value(p, "DTSTAMP"), "20261120T100000Z");
        assert_eq!(
            value(p, "SUMMARY").replace("\\,", ",").replace("\\;", ";"),
            date.title
        );
        assert_eq!(event.alarms.len(), 1, "{}", date.id);
        let alarm = &event.alarms[0].properties;
        assert_eq!(value(alarm, "ACTION"), "DISPLAY");
        assert_eq!(value(alarm, "TRIGGER"), "-P30D");
    }
    let m365 = cal
        .events
        .iter()
        .find(|e| value(&e.properties, "UID").starts_with("subscription-end-sub-1@"))
        .unwrap();
    assert_eq!(value(&m365.properties, "DTSTART"), "20270120");
    assert_eq!(value(&m365.properties, "DTEND"), "20270121");
    // The same workspace, day and stamp: the same file.
    assert_eq!(
        to_ics("Partner benefits — Contoso Partners Ltd", &list, stamp),
        text
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// On any day (the calendar's ends included) the demo's calendar never panics, is
    /// sorted, holds nothing older than 30 days, and its .ics reads back whole.
    #[test]
    fn r_plan_3_any_day_sorted_and_readable(days in -700_000i64..=2_900_000) {
        let day = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::TimeDelta::days(days);
        let doc = demo::workspace(day);
        let list = important_dates(doc.workspace(), day);
        prop_assert!(list.windows(2).all(|w| w[0].date <= w[1].date));
        prop_assert!(list.iter().all(|x| (day - x.date).num_days() <= RECENTLY_PASSED_DAYS));
        let text = to_ics("x", &list, day.and_hms_opt(0, 0, 0).unwrap());
        let cal = parse(&text);
        prop_assert!(cal.events.len() <= list.len());
    }
}
