//! R-GTM-2..3: the marketing contact and Go-To-Market offers.

use crate::common::*;

fn contact(email: &str) -> Command {
    Command::SetMarketingContact {
        contact: MarketingContact {
            user: u(MARIO),
            email: email.into(),
            phone: "+1 (425) 555-0100".into(),
            preferred_language: "English".into(),
        },
    }
}

fn activate(id: &str) -> Command {
    Command::ActivateGtmOffer {
        offer: GtmId::from(id),
    }
}

#[test]
fn r_gtm_2_no_offer_is_activated_before_a_marketing_contact() {
    let mut doc = demo();
    let err = refused(&mut doc, GLORIA, activate("gtm-1"));
    assert_refusal(
        &err,
        ErrorCode::GtmMarketingContactRequired,
        &["Silver Core cannot be activated yet", "marketing contact"],
    );
    ok(&mut doc, MARIO, contact("mario.marketing@contoso.example"));
    ok(&mut doc, MARIO, activate("gtm-1"));
}

#[test]
fn r_gtm_2_the_contact_email_differs_from_the_company_account_email() {
    let mut doc = demo();
    let err = refused(&mut doc, MARIO, contact("ADMIN@contoso.example"));
    assert_refusal(
        &err,
        ErrorCode::MarketingContactEmailIsCompanyEmail,
        &["must differ", "admin@contoso.example"],
    );
    ok(&mut doc, MARIO, contact("mario.marketing@contoso.example"));
    // And the company email cannot later become the contact's.
    let mut org = doc.workspace().organisation().unwrap().clone();
    org.company_account_email = "mario.marketing@contoso.example".into();
    let err = refused(
        &mut doc,
        MARIO,
        Command::UpdateOrganisation { organisation: org },
    );
    assert_eq!(err.code, ErrorCode::MarketingContactEmailIsCompanyEmail);
}

#[test]
fn r_gtm_2_the_contact_is_a_directory_user_with_phone_and_language() {
    let mut doc = demo();
    let mut c = MarketingContact {
        user: u("user-40"),
        email: "m@contoso.example".into(),
        phone: "+1 425 555 0100".into(),
        preferred_language: "French".into(),
    };
    let err = refused(
        &mut doc,
        MARIO,
        Command::SetMarketingContact { contact: c.clone() },
    );
    assert_eq!(err.code, ErrorCode::UserNotFound);
    c.user = u(NORA);
    c.phone = "ask at reception".into();
    let err = refused(
        &mut doc,
        MARIO,
        Command::SetMarketingContact { contact: c.clone() },
    );
    assert_refusal(&err, ErrorCode::InvalidValue, &["not a phone number"]);
    c.phone = "+33 1 23 45 67 89".into();
    c.preferred_language = "".into();
    assert_eq!(
        refused(
            &mut doc,
            MARIO,
            Command::SetMarketingContact { contact: c.clone() }
        )
        .code,
        ErrorCode::MissingValue
    );
    c.preferred_language = "French".into();
    ok(
        &mut doc,
        MARIO,
        Command::SetMarketingContact { contact: c.clone() },
    );
    assert_eq!(doc.workspace().marketing_contact(), Some(&c));
    // A disabled contact no longer allows activation.
    ok(&mut doc, UMA, Command::DisableUser { user: u(NORA) });
    let err = refused(&mut doc, MARIO, activate("gtm-2"));
    assert_refusal(
        &err,
        ErrorCode::GtmMarketingContactRequired,
        &["no longer an enabled directory user"],
    );
}

#[test]
fn r_gtm_3_activate_pending_active_with_expiry_then_expired() {
    let mut doc = demo();
    ok(&mut doc, MARIO, contact("mario.marketing@contoso.example"));
    ok(&mut doc, MARIO, activate("gtm-2"));
    let offer = |doc: &WorkspaceDoc| doc.workspace().gtm_offers()[&GtmId::from("gtm-2")].clone();
    assert_eq!(offer(&doc).status(today()), GtmStatus::Pending);
    let err = refused(&mut doc, MARIO, activate("gtm-2"));
    assert_refusal(
        &err,
        ErrorCode::GtmInvalidState,
        &["already pending since 2026-11-20"],
    );
    let record = |on: &str, exp: &str| Command::RecordGtmOfferActivated {
        offer: GtmId::from("gtm-2"),
        activated_on: d(on),
        expires_on: d(exp),
    };
    let later = noon(d("2026-11-26"));
    assert_eq!(
        refused_at(&mut doc, MARIO, later, record("2026-11-19", "2027-11-25")).code,
        ErrorCode::InvalidDate
    );
    assert_eq!(
        refused_at(&mut doc, MARIO, later, record("2026-11-25", "2026-11-25")).code,
        ErrorCode::InvalidDate
    );
    assert_eq!(
        refused_at(&mut doc, MARIO, later, record("2026-11-27", "2027-11-25")).code,
        ErrorCode::InvalidDate
    );
    ok_at(&mut doc, MARIO, later, record("2026-11-25", "2027-11-24"));
    let o = offer(&doc);
    assert_eq!(
        o.status(d("2027-11-24")),
        GtmStatus::Active,
        "usable until its expiry date"
    );
    assert_eq!(
        o.status(d("2027-11-25")),
        GtmStatus::Expired,
        "shown as expired after"
    );
    let err = refused_at(&mut doc, MARIO, later, activate("gtm-2"));
    assert_refusal(
        &err,
        ErrorCode::GtmInvalidState,
        &["already active until 2027-11-24"],
    );
    // Once expired it can be activated again.
    ok_at(&mut doc, MARIO, noon(d("2027-12-01")), activate("gtm-2"));
}

#[test]
fn r_gtm_3_activation_is_recorded_only_when_pending() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        MARIO,
        Command::RecordGtmOfferActivated {
            offer: GtmId::from("gtm-1"),
            activated_on: today(),
            expires_on: d("2027-11-20"),
        },
    );
    assert_refusal(&err, ErrorCode::GtmInvalidState, &["activate it first"]);
    let err = refused(
        &mut doc,
        MARIO,
        Command::AddGtmOffer {
            name: "silver core".into(),
        },
    );
    assert_refusal(&err, ErrorCode::InvalidValue, &["already listed"]);
}
