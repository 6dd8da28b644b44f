//! The demo workspace (issue 3 §6): what the app shows on first open. Built from real
//! commands, deterministic, passing every invariant, for any day.

use benefits_core::demo::{self, ANDY, GLORIA, GUS, M365, MARIO, NORA, POWER_BI, UMA};
use benefits_core::model::*;
use benefits_core::*;
use chrono::{Datelike, NaiveDate, TimeDelta};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn check(today: NaiveDate) {
    let doc = demo::try_workspace(today).unwrap_or_else(|e| panic!("{today}: {e:?}"));
    let ws = doc.workspace();
    assert_eq!(ws.check_invariants(), Vec::<String>::new(), "{today}");
    assert_eq!(Workspace::replay(doc.events()).unwrap(), *ws, "{today}");
    // The log tells a history in order, ending by today.
    let times: Vec<_> = doc.events().iter().map(|e| e.at).collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "{today}: log out of order"
    );
    assert!(times.last().unwrap().date() < today);
}

#[test]
fn demo_builds_every_step_and_passes_its_invariants() {
    check(d("2026-11-20"));
}

#[test]
fn demo_is_deterministic() {
    let a = demo::workspace(d("2026-11-20")).to_json().unwrap();
    let b = demo::workspace(d("2026-11-20")).to_json().unwrap();
    assert_eq!(a, b);
    assert_ne!(a, demo::workspace(d("2026-11-21")).to_json().unwrap());
}

#[test]
fn demo_holds_on_awkward_days() {
    for day in [
        "2028-02-29",
        "2027-02-28",
        "2027-03-31",
        "2026-12-31",
        "2027-01-01",
        "2026-05-31",
        "2026-03-01",
    ] {
        check(d(day));
    }
}

#[test]
fn demo_never_panics_at_the_ends_of_the_calendar() {
    for day in [
        NaiveDate::MIN,
        d("1900-01-01"),
        d("9999-12-31"),
        NaiveDate::MAX,
    ] {
        let doc = demo::workspace(day);
        assert!(doc.workspace().organisation().is_some(), "{day}");
        assert!(doc.workspace().check_invariants().is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn demo_holds_on_any_day(days in 0i64..36_500) {
        check(d("2002-01-01") + TimeDelta::days(days));
    }
}

#[test]
fn demo_matches_the_issue() {
    let today = d("2026-11-20");
    let doc = demo::workspace(today);
    let ws = doc.workspace();

    let org = ws.organisation().unwrap();
    assert_eq!(org.name, "Contoso Partners Ltd");
    assert_eq!(org.mpn_id, "1234567");
    assert_eq!(org.currency.code(), "USD");
    assert_eq!(org.company_account_email, "admin@contoso.example");
    assert_eq!(
        org.enrollment_year_start,
        d("2026-08-20"),
        "today − 3 months"
    );
    assert_eq!(
        org.offers,
        [Offer::Silver, Offer::ActionPack].into_iter().collect()
    );

    let who = |id: &str| ws.user(&UserId::from(id)).unwrap();
    let expect = [
        (
            GLORIA,
            "Gloria Global-Admin",
            Some(Role::GlobalAdmin),
            UserKind::Member,
        ),
        (
            MARIO,
            "Mario Partner-Admin",
            Some(Role::MpnPartnerAdmin),
            UserKind::Member,
        ),
        (
            UMA,
            "Uma User-Admin",
            Some(Role::UserAdmin),
            UserKind::Member,
        ),
        (
            ANDY,
            "Andy Admin-Agent",
            Some(Role::AdminAgent),
            UserKind::Member,
        ),
        (NORA, "Nora No-Role", None, UserKind::Member),
        (GUS, "Gus Guest", None, UserKind::Guest),
    ];
    for (id, name, role, kind) in expect {
        let u = who(id);
        assert_eq!((u.name.as_str(), u.kind), (name, kind));
        assert_eq!(
            u.roles.iter().copied().collect::<Vec<_>>(),
            role.into_iter().collect::<Vec<_>>()
        );
        assert!(u.email.ends_with("@contoso.example"));
    }

    let mut purchased: Vec<NaiveDate> = ws.packages().values().map(|p| p.purchased_on).collect();
    purchased.sort();
    assert_eq!(
        purchased,
        vec![d("2026-09-21"), d("2026-11-10")],
        "60 and 10 days ago"
    );
    let recent = ws
        .packages()
        .values()
        .find(|p| p.purchased_on == d("2026-11-10"))
        .unwrap();
    assert!(recent.in_cancellation_window(today));
    assert!(
        !ws.software()
            .values()
            .any(|s| s.package.as_ref() == Some(&recent.id) && s.activated()),
        "cancellable"
    );

    assert_eq!(ws.software().len(), 2);
    for s in ws.software().values() {
        assert!(
            !s.keys.is_empty()
                && !s.languages.is_empty()
                && !s.os_types.is_empty()
                && !s.downloads.is_empty()
        );
    }

    let credit = |kind: CreditKind| {
        ws.azure_credits()
            .values()
            .find(|c| c.kind == kind)
            .unwrap()
    };
    assert_eq!(credit(CreditKind::Monthly).amount_minor, 10_000);
    assert_eq!(credit(CreditKind::Bulk).amount_minor, 600_000);

    let m365 = ws.subscriptions_for_product(M365);
    assert_eq!(m365.len(), 1);
    assert_eq!(
        (m365[0].seats, m365[0].end),
        (100, d("2027-01-20")),
        "today + 2 calendar months"
    );
    let keys: Vec<(String, i64, bool)> = ws
        .keys_for_product(M365)
        .iter()
        .map(|k| (k.key.to_string(), k.seats, k.is_redeemed()))
        .collect();
    assert_eq!(
        keys,
        vec![
            ("QK7TW-M4R8C-XYBD2-H96PJ-FG3VT".into(), 25, false),
            ("7JXRD-3WQ9M-B2HKT-P8CYF-6VG4D".into(), 100, false),
            ("TC2W9-HD7QB-K4XMF-RJ63P-Y8VGB".into(), 400, false),
        ]
    );
    let pbi = ws.subscriptions_for_product(POWER_BI);
    assert_eq!(pbi[0].status(today), SubscriptionStatus::Expired);
    assert_eq!(ws.keys_for_product(POWER_BI).len(), 1);
    assert_eq!(ws.license_benefits().len(), 2);

    let vs: Vec<_> = ws.visual_studio().values().collect();
    assert_eq!(vs.len(), 3);
    assert!(vs.iter().all(|v| v.level == VsLevel::Enterprise));
    let mario_vs = ws.visual_studio_of(&UserId::from(MARIO));
    assert_eq!(
        mario_vs[0].assignment.as_ref().unwrap().assigned_on,
        today - TimeDelta::days(30)
    );
    assert!(vs.iter().any(|v| v
        .assignment
        .as_ref()
        .is_some_and(|a| a.assigned_on == today - TimeDelta::days(120))));
    assert_eq!(vs.iter().filter(|v| v.assignment.is_none()).count(), 1);

    let states: Vec<&str> = ws
        .technical_benefits()
        .values()
        .map(|t| match t.state {
            TechnicalState::NotActivated => "not_activated",
            TechnicalState::Pending { .. } => "pending",
            TechnicalState::Active { .. } => "active",
        })
        .collect();
    assert_eq!(states, vec!["not_activated", "pending", "active"]);
    assert!(ws
        .technical_benefits()
        .values()
        .any(|t| t.ids().is_some_and(|(a, c)| !a.is_empty() && !c.is_empty())));

    let gtm: Vec<&str> = ws.gtm_offers().values().map(|o| o.name.as_str()).collect();
    assert_eq!(gtm, vec!["Silver Core", "ISV Co-sell ready"]);
    assert!(ws.marketing_contact().is_none());
    assert!(ws
        .gtm_offers()
        .values()
        .all(|o| o.status(today) == GtmStatus::NotActivated));
}

#[test]
fn demo_activity_log_reads_as_a_history() {
    let doc = demo::workspace(d("2026-11-20"));
    let lines: Vec<String> = doc
        .events()
        .iter()
        .map(|e| doc.workspace().describe(e))
        .collect();
    assert!(lines[0].starts_with("Gloria Global-Admin set up Contoso Partners Ltd"));
    assert!(lines.iter().any(|l| l == "Mario Partner-Admin revealed the keys of Windows Server 2022 Datacenter, activating it."));
    assert!(lines
        .iter()
        .any(|l| l.contains("Andy Admin-Agent recorded the purchase of Microsoft Action Pack")));
    assert_eq!(doc.events().first().unwrap().at.date().year(), 2026);
}
