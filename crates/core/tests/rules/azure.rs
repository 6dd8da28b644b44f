//! R-AZ-2..6: Azure monthly and bulk credit.

use crate::common::*;

fn credit(id: &str) -> CreditId {
    CreditId::from(id)
}

fn assign(c: &str, user: &str) -> Command {
    Command::AssignAzureCredit {
        credit: credit(c),
        user: u(user),
    }
}

#[test]
fn r_az_2_members_and_guests_of_the_directory_can_be_assigned() {
    let mut doc = demo();
    ok(&mut doc, GLORIA, assign("credit-1", ANDY));
    let c = &doc.workspace().azure_credits()[&credit("credit-1")];
    // Gus is a guest and already has it (demo).
    assert!(c.has_user(&u(GUS)) && c.has_user(&u(ANDY)));
    assert_eq!(c.users.last().unwrap().since, today());
}

#[test]
fn r_az_2_the_user_must_exist_in_the_directory() {
    let mut doc = demo();
    let err = refused(&mut doc, GLORIA, assign("credit-1", "user-77"));
    assert_refusal(
        &err,
        ErrorCode::UserNotFound,
        &["no directory user user-77", "Account settings"],
    );
    let err = refused(&mut doc, GLORIA, assign("credit-1", MARIO));
    assert_refusal(
        &err,
        ErrorCode::CreditUserAlreadyAssigned,
        &["Mario Partner-Admin already has"],
    );
}

#[test]
fn r_az_3_monthly_credit_users_can_be_removed_at_any_time() {
    let mut doc = demo();
    ok(
        &mut doc,
        GLORIA,
        Command::RemoveAzureCreditUser {
            credit: credit("credit-1"),
            user: u(GUS),
        },
    );
    assert!(!doc.workspace().azure_credits()[&credit("credit-1")].has_user(&u(GUS)));
    // Long after the enrollment year, too.
    ok_at(
        &mut doc,
        GLORIA,
        noon(d("2028-01-01")),
        Command::RemoveAzureCreditUser {
            credit: credit("credit-1"),
            user: u(MARIO),
        },
    );
    let err = refused(
        &mut doc,
        GLORIA,
        Command::RemoveAzureCreditUser {
            credit: credit("credit-1"),
            user: u(MARIO),
        },
    );
    assert_eq!(err.code, ErrorCode::CreditUserNotAssigned);
}

#[test]
fn r_az_4_bulk_credit_cannot_be_removed() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        GLORIA,
        Command::RemoveAzureCreditUser {
            credit: credit("credit-2"),
            user: u(GLORIA),
        },
    );
    assert_refusal(
        &err,
        ErrorCode::BulkCreditRemoveNotAvailable,
        &["cannot be removed", "transferred", "until 2027-08-19"],
    );
}

#[test]
fn r_az_4_bulk_credit_is_transferred_during_the_enrollment_year() {
    let mut doc = demo();
    let e = ok(
        &mut doc,
        GLORIA,
        Command::TransferBulkCredit {
            credit: credit("credit-2"),
            to: u(MARIO),
        },
    );
    assert!(doc
        .workspace()
        .describe(&e)
        .contains("from Gloria Global-Admin to Mario Partner-Admin"));
    let c = &doc.workspace().azure_credits()[&credit("credit-2")];
    assert_eq!(c.users.len(), 1);
    assert_eq!(c.users[0].user, u(MARIO));
    // On the year's last day, still possible.
    ok_at(
        &mut doc,
        GLORIA,
        noon(d("2027-08-19")),
        Command::TransferBulkCredit {
            credit: credit("credit-2"),
            to: u(UMA),
        },
    );
}

#[test]
fn r_az_4_transfer_outside_the_enrollment_year_is_refused_with_its_dates() {
    let mut doc = demo();
    let err = refused_at(
        &mut doc,
        GLORIA,
        noon(d("2027-08-20")),
        Command::TransferBulkCredit {
            credit: credit("credit-2"),
            to: u(MARIO),
        },
    );
    assert_refusal(
        &err,
        ErrorCode::TransferOutsideEnrollmentYear,
        &["only during the enrollment year, from 2026-08-20 to 2027-08-19; today is 2027-08-20"],
    );
}

#[test]
fn r_az_4_bulk_credit_has_one_user_and_transfer_needs_one() {
    let mut doc = demo();
    let err = refused(&mut doc, GLORIA, assign("credit-2", MARIO));
    assert_refusal(
        &err,
        ErrorCode::BulkCreditAlreadyAssigned,
        &[
            "already belongs to Gloria Global-Admin",
            "Transfer it to Mario",
        ],
    );
    ok(
        &mut doc,
        MARIO,
        Command::AddAzureCredit {
            credit: NewAzureCredit {
                kind: CreditKind::Bulk,
                amount_minor: 1_200_000,
                offer: Offer::Silver,
                benefit_type: BenefitType::Incremental,
                expires_on: d("2027-08-19"),
            },
        },
    );
    let err = refused(
        &mut doc,
        GLORIA,
        Command::TransferBulkCredit {
            credit: credit("credit-3"),
            to: u(MARIO),
        },
    );
    assert_refusal(
        &err,
        ErrorCode::CreditUserNotAssigned,
        &["assign it instead"],
    );
    let err = refused(
        &mut doc,
        GLORIA,
        Command::TransferBulkCredit {
            credit: credit("credit-1"),
            to: u(MARIO),
        },
    );
    assert_refusal(&err, ErrorCode::InvalidValue, &["monthly credit"]);
    let err = refused(
        &mut doc,
        GLORIA,
        Command::TransferBulkCredit {
            credit: credit("credit-2"),
            to: u(GLORIA),
        },
    );
    assert_eq!(err.code, ErrorCode::CreditUserAlreadyAssigned);
}

#[test]
fn r_az_5_bulk_credit_is_refused_to_a_user_with_another_offer_naming_it() {
    let mut doc = demo();
    ok(
        &mut doc,
        MARIO,
        Command::AddAzureCredit {
            credit: NewAzureCredit {
                kind: CreditKind::Bulk,
                amount_minor: 1_300_000,
                offer: Offer::Silver,
                benefit_type: BenefitType::Incremental,
                expires_on: d("2027-08-19"),
            },
        },
    );
    let err = refused(&mut doc, GLORIA, assign("credit-3", NORA));
    assert_refusal(
        &err,
        ErrorCode::BulkCreditConflictingOffer,
        &["Nora No-Role's Azure subscription already carries Azure Pass"],
    );
    assert_eq!(err.params["offer"], "Azure Pass");
    let err = refused(
        &mut doc,
        GLORIA,
        Command::TransferBulkCredit {
            credit: credit("credit-2"),
            to: u(NORA),
        },
    );
    assert_eq!(err.code, ErrorCode::BulkCreditConflictingOffer);
    // Monthly credit is not concerned.
    ok(&mut doc, GLORIA, assign("credit-1", NORA));
    // Each offer of the source is named.
    for (offer, label) in [
        (AzureOtherOffer::EnterpriseAgreement, "Enterprise Agreement"),
        (
            AzureOtherOffer::CloudSolutionProvider,
            "Cloud Solution Provider",
        ),
        (AzureOtherOffer::AzureInOpen, "Azure in Open"),
        (AzureOtherOffer::ActionPack, "Action Pack"),
        (
            AzureOtherOffer::Other("Visual Studio subscriber credit".into()),
            "Visual Studio subscriber credit",
        ),
    ] {
        let mut doc = demo();
        ok(
            &mut doc,
            UMA,
            Command::SetUserAzureOffers {
                user: u(ANDY),
                offers: vec![offer],
            },
        );
        ok(
            &mut doc,
            MARIO,
            Command::AddAzureCredit {
                credit: NewAzureCredit {
                    kind: CreditKind::Bulk,
                    amount_minor: 600_000,
                    offer: Offer::Silver,
                    benefit_type: BenefitType::Core,
                    expires_on: d("2027-08-19"),
                },
            },
        );
        let err = refused(&mut doc, GLORIA, assign("credit-3", ANDY));
        assert_refusal(&err, ErrorCode::BulkCreditConflictingOffer, &[label]);
    }
}

#[test]
fn r_az_5_a_bulk_credit_holder_cannot_take_on_another_offer() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        UMA,
        Command::SetUserAzureOffers {
            user: u(GLORIA),
            offers: vec![AzureOtherOffer::EnterpriseAgreement],
        },
    );
    assert_refusal(
        &err,
        ErrorCode::BulkCreditConflictingOffer,
        &[
            "Gloria Global-Admin holds Azure bulk credit credit-2",
            "Enterprise Agreement",
        ],
    );
}

#[test]
fn r_az_6_spend_is_recorded_and_the_remaining_balance_of_the_period_shown() {
    let mut doc = demo();
    let c1 = credit("credit-1");
    let spend = |on: &str, cents: i64| Command::RecordCreditSpend {
        credit: c1.clone(),
        on: d(on),
        amount_minor: cents,
        note: String::new(),
    };
    // Demo: 42.50 spent on 2026-11-19 of 100.00 for November.
    assert_eq!(
        doc.workspace().azure_credits()[&c1].remaining_in_period(today(), d("2026-08-20")),
        5_750
    );
    let err = refused(&mut doc, MARIO, spend("2026-11-20", 5_751));
    assert_refusal(
        &err,
        ErrorCode::CreditBalanceExceeded,
        &[
            "Only 57.50 USD is left",
            "2026-11-01 to 2026-11-30",
            "57.51 USD",
        ],
    );
    ok(&mut doc, MARIO, spend("2026-11-20", 5_750));
    ok(&mut doc, MARIO, spend("2026-10-31", 10_000));
    let err = refused(&mut doc, MARIO, spend("2026-11-21", 1));
    assert_eq!(err.code, ErrorCode::InvalidDate);
    let err = refused(&mut doc, MARIO, spend("2026-11-20", 0));
    assert_eq!(err.code, ErrorCode::InvalidAmount);
    // Bulk credit: the period is the enrollment year.
    let c2 = &doc.workspace().azure_credits()[&credit("credit-2")];
    assert_eq!(
        c2.period_of(today(), d("2026-08-20")),
        Some((d("2026-08-20"), d("2027-08-20")))
    );
    assert_eq!(
        c2.period_of(d("2028-01-05"), d("2026-08-20")),
        Some((d("2027-08-20"), d("2028-08-20")))
    );
    assert_eq!(
        c2.period_of(d("2026-08-19"), d("2026-08-20")),
        Some((d("2025-08-20"), d("2026-08-20")))
    );
}
