//! Dates and values a real partner can have (issue 17): the window of a membership record's
//! dates, active ISO 4217 currencies, spend within its credit's period, expired credit, the
//! bulk credit amounts of R-AZ-1, and the organisation's details changed after set-up.

use crate::common::*;
use benefits_core::model::{
    BenefitType, CreditKind, NewAzureCredit, NewLicenseBenefit, NewSubscription, Offer,
};
use benefits_core::{Change, Command, CommandWarningCode, CreditId, Currency, ErrorCode};

fn subscription(start: &str, end: &str) -> Command {
    Command::RecordSubscription {
        subscription: NewSubscription {
            product: "Microsoft 365 Business Premium".into(),
            seats: 10,
            start: d(start),
            end: d(end),
            disabled: false,
        },
    }
}

fn credit(kind: CreditKind, amount_minor: i64, expires_on: &str) -> Command {
    Command::AddAzureCredit {
        credit: NewAzureCredit {
            kind,
            amount_minor,
            offer: Offer::ActionPack,
            benefit_type: BenefitType::Core,
            expires_on: d(expires_on),
        },
    }
}

#[test]
fn a_subscription_dated_before_2000_or_ten_years_past_the_enrollment_is_refused() {
    // The demo's enrollment year starts on 2026-08-20: dates go up to 2036-08-20.
    let mut doc = demo();
    let err = refused(&mut doc, MARIO, subscription("1926-01-01", "2027-01-01"));
    assert_refusal(
        &err,
        ErrorCode::DateOutsideMembership,
        &[
            "The start date 1926-01-01 is before 2000-01-01",
            "check the year",
        ],
    );
    assert_eq!(
        err.params.get("earliest").map(String::as_str),
        Some("2000-01-01")
    );
    let err = refused(&mut doc, MARIO, subscription("2026-01-01", "2206-01-01"));
    assert_refusal(
        &err,
        ErrorCode::DateOutsideMembership,
        &["The end date 2206-01-01 is more than 10 years after the enrollment year's start (2026-08-20): dates go up to 2036-08-20"],
    );
    assert_eq!(
        err.params.get("latest").map(String::as_str),
        Some("2036-08-20")
    );
    // The window's own ends are accepted.
    ok(&mut doc, MARIO, subscription("2000-01-01", "2036-08-20"));
}

#[test]
fn benefits_and_purchases_keep_to_the_same_window() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        MARIO,
        Command::AddLicenseBenefit {
            benefit: NewLicenseBenefit {
                product: "Intune".into(),
                licenses: 5,
                offer: Offer::Silver,
                benefit_type: BenefitType::Core,
                benefit_expires_on: d("2207-08-19"),
                instructions: String::new(),
            },
        },
    );
    assert_eq!(err.code, ErrorCode::DateOutsideMembership);
    assert_eq!(
        err.params.get("field").map(String::as_str),
        Some("benefit expiry date")
    );
    let err = refused(
        &mut doc,
        MARIO,
        credit(CreditKind::Monthly, 10_000, "2099-12-31"),
    );
    assert_eq!(err.code, ErrorCode::DateOutsideMembership);
    let err = refused(
        &mut doc,
        UMA,
        Command::PurchasePackage {
            name: "Action Pack".into(),
            offer: Offer::ActionPack,
            purchased_on: d("1999-12-31"),
        },
    );
    assert_eq!(err.code, ErrorCode::DateOutsideMembership);
}

#[test]
fn the_enrollment_year_starts_from_2000_to_a_year_ahead() {
    let mut doc = demo();
    let org = doc.workspace().organisation().unwrap().clone();
    let with_start = |s: &str| {
        let mut o = org.clone();
        o.enrollment_year_start = d(s);
        Command::UpdateOrganisation { organisation: o }
    };
    let err = refused(&mut doc, GLORIA, with_start("2062-08-20"));
    assert_refusal(
        &err,
        ErrorCode::DateOutsideMembership,
        &["more than a year from today (2026-11-20): dates go up to 2027-11-20"],
    );
    let err = refused(&mut doc, GLORIA, with_start("1926-08-20"));
    assert_eq!(err.code, ErrorCode::DateOutsideMembership);
    ok(&mut doc, GLORIA, with_start("2027-08-20"));
}

#[test]
fn a_currency_must_be_an_active_iso_4217_code() {
    let mut doc = demo();
    let mut org = doc.workspace().organisation().unwrap().clone();
    for code in ["ABC", "XXX", "HRK"] {
        org.currency = Currency::parse(code).unwrap();
        let err = refused(
            &mut doc,
            GLORIA,
            Command::UpdateOrganisation {
                organisation: org.clone(),
            },
        );
        assert_refusal(
            &err,
            ErrorCode::UnknownCurrency,
            &[&format!("\"{code}\" is not a currency in use (ISO 4217)")],
        );
        assert_eq!(err.params.get("value").map(String::as_str), Some(code));
    }
}

#[test]
fn the_organisation_is_editable_and_the_log_says_what_changed() {
    let mut doc = demo();
    let mut org = doc.workspace().organisation().unwrap().clone();
    org.name = "Contoso Partners Group".into();
    org.mpn_id = "7654321".into();
    org.tenant.name = "Contoso Group".into();
    org.tenant.domain = "contoso-group.example".into();
    org.offers.insert(Offer::Gold);
    let event = ok(
        &mut doc,
        GLORIA,
        Command::UpdateOrganisation {
            organisation: org.clone(),
        },
    );
    assert!(matches!(event.change, Change::OrganisationUpdated { .. }));
    let line = doc.workspace().describe(&event);
    assert_eq!(
        line,
        "Gloria Global-Admin changed the organisation's details: name from Contoso Partners Ltd to Contoso Partners Group; MPN ID from 1234567 to 7654321; offers from Action Pack, Silver to Action Pack, Silver, Gold; tenant from Contoso Partners Ltd (contoso.example) to Contoso Group (contoso-group.example)."
    );
    let o = doc.workspace().organisation().unwrap();
    assert_eq!(o.tenant.domain, "contoso-group.example");
    assert_eq!(o.mpn_id, "7654321");
}

#[test]
fn the_currency_changes_once_no_amount_is_recorded_in_it() {
    // A workspace with no credit yet: the partner corrects the currency set up by mistake.
    let mut doc = demo();
    for id in ["credit-1", "credit-2"] {
        let c = doc
            .workspace()
            .azure_credits()
            .get(&CreditId::from(id))
            .unwrap()
            .clone();
        for u in &c.users {
            if c.kind == CreditKind::Monthly {
                ok(
                    &mut doc,
                    GLORIA,
                    Command::RemoveAzureCreditUser {
                        credit: c.id.clone(),
                        user: u.user.clone(),
                    },
                );
            }
        }
    }
    // credit-1 has spend and credit-2 a user: the currency stays.
    let mut org = doc.workspace().organisation().unwrap().clone();
    org.currency = Currency::parse("EUR").unwrap();
    let err = refused(
        &mut doc,
        GLORIA,
        Command::UpdateOrganisation {
            organisation: org.clone(),
        },
    );
    assert_eq!(err.code, ErrorCode::CurrencyInUse);
    assert_eq!(err.params.get("credits").map(String::as_str), Some("2"));
    let mut fresh = benefits_core::WorkspaceDoc::new();
    let mut start = doc.workspace().organisation().unwrap().clone();
    start.currency = Currency::parse("USD").unwrap();
    fresh
        .apply(
            &u("anyone"),
            now(),
            &Command::SetUpOrganisation {
                organisation: start,
                first_global_admin: person("Gloria Global-Admin", "gloria@contoso.example", &[]),
            },
        )
        .unwrap();
    let event = ok(
        &mut fresh,
        "user-1",
        Command::UpdateOrganisation { organisation: org },
    );
    assert_eq!(
        fresh.workspace().describe(&event),
        "Gloria Global-Admin changed the organisation's details: currency from USD to EUR."
    );
}

#[test]
fn spend_is_dated_within_its_credits_period() {
    // Monthly credit credit-1 expires on 2027-08-19: it covers 2026-08-20 to 2027-08-19.
    let mut doc = demo();
    let spend = |on: &str| Command::RecordCreditSpend {
        credit: CreditId::from("credit-1"),
        on: d(on),
        amount_minor: 100,
        note: String::new(),
    };
    let err = refused(&mut doc, MARIO, spend("2026-08-19"));
    assert_refusal(
        &err,
        ErrorCode::SpendBeforeCreditPeriod,
        &["covers the 12 months up to its expiry, from 2026-08-20 to 2027-08-19; spending on 2026-08-19 is before it"],
    );
    assert_eq!(
        err.params.get("from").map(String::as_str),
        Some("2026-08-20")
    );
    let err = refused(&mut doc, MARIO, spend("1990-01-01"));
    assert_eq!(err.code, ErrorCode::SpendBeforeCreditPeriod);
    ok(&mut doc, MARIO, spend("2026-08-20"));
}

#[test]
fn an_expired_credit_refuses_new_people() {
    let mut doc = demo();
    // credit-1 (monthly) expires on 2027-08-19; the day after, nobody new gets it.
    let err = refused_at(
        &mut doc,
        GLORIA,
        noon(d("2027-08-20")),
        Command::AssignAzureCredit {
            credit: CreditId::from("credit-1"),
            user: u(UMA),
        },
    );
    assert_refusal(
        &err,
        ErrorCode::CreditExpiredNoNewUser,
        &[
            "Azure monthly credit credit-1 (100.00 USD / month) expired on 2027-08-19",
            "nobody new can get it",
        ],
    );
    // On its last day it still can.
    ok_at(
        &mut doc,
        GLORIA,
        noon(d("2027-08-19")),
        Command::AssignAzureCredit {
            credit: CreditId::from("credit-1"),
            user: u(UMA),
        },
    );
    let c = doc
        .workspace()
        .azure_credits()
        .get(&CreditId::from("credit-1"))
        .unwrap();
    assert!(c.is_expired(d("2027-08-20")));
    assert!(!c.is_expired(d("2027-08-19")));
}

#[test]
fn bulk_credit_amounts_other_than_6000_12000_or_13000_usd_get_a_warning() {
    let doc = demo();
    let ws = doc.workspace();
    for usual in [600_000, 1_200_000, 1_300_000] {
        assert!(ws
            .warnings_for(&credit(CreditKind::Bulk, usual, "2027-08-19"))
            .is_empty());
    }
    let warnings = ws.warnings_for(&credit(CreditKind::Bulk, 700_000, "2027-08-19"));
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].code,
        CommandWarningCode::UnusualBulkCreditAmount
    );
    assert_eq!(
        warnings[0].message,
        "Bulk credit comes as 6,000.00 USD, 12,000.00 USD or 13,000.00 USD a year; 7,000.00 USD is none of these. Check the amount in Partner Center before adding it."
    );
    assert_eq!(
        warnings[0].params.get("amount_minor").map(String::as_str),
        Some("700000")
    );
    // Monthly credit has no usual amounts; the warning does not refuse.
    assert!(ws
        .warnings_for(&credit(CreditKind::Monthly, 700_000, "2027-08-19"))
        .is_empty());
    let mut doc = demo();
    ok(
        &mut doc,
        MARIO,
        credit(CreditKind::Bulk, 700_000, "2027-08-19"),
    );
}

#[test]
fn amounts_are_refused_in_the_currency_never_in_cents() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        MARIO,
        credit(CreditKind::Monthly, 0, "2027-08-19"),
    );
    assert_refusal(
        &err,
        ErrorCode::InvalidAmount,
        &["The credit amount must be from 0.01 USD to 10,000,000,000.00 USD; 0.00 USD was given."],
    );
    assert!(!err.message.contains("cent"));
    assert_eq!(err.params.get("currency").map(String::as_str), Some("USD"));
}
