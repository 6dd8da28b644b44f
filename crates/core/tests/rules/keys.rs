//! R-KEY-2..4 and redemption (with R-PRO-5 through the engine), and the bulk key paste.

use crate::common::*;

fn sub(doc: &WorkspaceDoc, id: &str) -> Subscription {
    doc.workspace().subscriptions()[&SubscriptionId::from(id)].clone()
}

fn key(doc: &WorkspaceDoc, k: &str) -> KeyRecord {
    doc.workspace().product_keys()[&ProductKey::parse(k).unwrap()].clone()
}

#[test]
fn r_key_2_a_key_carries_product_and_seats_and_gives_12_months_from_redemption() {
    let mut doc = demo();
    let k = key(&doc, POWER_BI_KEY);
    assert_eq!((k.product.as_str(), k.seats), (POWER_BI, 10));
    ok(
        &mut doc,
        GLORIA,
        redeem(
            POWER_BI_KEY,
            RedeemTarget::NewSubscription,
            Action::ActivateNew,
        ),
    );
    let s = sub(&doc, "sub-3");
    assert_eq!(
        (s.product.as_str(), s.seats, s.start, s.end),
        (POWER_BI, 10, today(), d("2027-11-20"))
    );
    assert_eq!(s.status(today()), SubscriptionStatus::Active);
}

#[test]
fn r_key_3_a_second_redemption_says_when_by_whom_and_into_which_subscription() {
    let mut doc = demo();
    ok(
        &mut doc,
        GLORIA,
        redeem(M365_KEY_25, existing("sub-1"), Action::ExtendEndDate),
    );
    let r = key(&doc, M365_KEY_25).redemption.unwrap();
    assert_eq!(
        (r.at, r.by.clone(), r.subscription.clone(), r.action),
        (
            now(),
            u(GLORIA),
            SubscriptionId::from("sub-1"),
            Action::ExtendEndDate
        )
    );
    let later = noon(d("2026-12-01"));
    let err = refused_at(
        &mut doc,
        GLORIA,
        later,
        redeem(M365_KEY_25, existing("sub-1"), Action::AddLicenses),
    );
    assert_refusal(
        &err,
        ErrorCode::KeyAlreadyRedeemed,
        &[
            "already redeemed on 2026-11-20 at 12:00 UTC by Gloria Global-Admin into subscription sub-1 (Microsoft 365 Business Premium), to extend the end date",
            "only once",
        ],
    );
    assert_eq!(err.params["subscription"], "sub-1");
    assert_eq!(err.params["redeemed_by"], GLORIA);
    assert!(
        !err.message.contains(M365_KEY_25),
        "the key is masked in the message"
    );
}

#[test]
fn r_key_4_extend_the_end_date() {
    let mut doc = demo();
    let e = ok(
        &mut doc,
        GLORIA,
        redeem(M365_KEY_25, existing("sub-1"), Action::ExtendEndDate),
    );
    let s = sub(&doc, "sub-1");
    assert_eq!((s.seats, s.end), (100, d("2027-04-20")), "+3 months");
    match &e.change {
        Change::KeyRedeemed {
            before,
            after,
            months_added,
            created,
            ..
        } => {
            assert!(!created);
            assert_eq!(before.as_ref().unwrap().end, d("2027-01-20"));
            assert_eq!(after.end, d("2027-04-20"));
            assert_eq!(*months_added, Some(Months::whole(3)));
        }
        other => panic!("{other:?}"),
    }
    let line = doc.workspace().describe(&e);
    assert!(line.contains("redeemed key •••••-•••••-•••••-•••••-FG3VT (25 licenses of Microsoft 365 Business Premium) into subscription sub-1 to extend its end date: 100 → 100 licenses, end 2027-01-20 → 2027-04-20"), "{line}");
    ok(
        &mut doc,
        GLORIA,
        redeem(M365_KEY_100, existing("sub-1"), Action::ExtendEndDate),
    );
    assert_eq!(sub(&doc, "sub-1").end, d("2028-04-20"), "+12 months");
}

#[test]
fn r_key_4_add_licenses_averages_the_end_date_and_warns_under_12_months() {
    let mut doc = demo();
    let e = ok(
        &mut doc,
        GLORIA,
        redeem(M365_KEY_25, existing("sub-1"), Action::AddLicenses),
    );
    let s = sub(&doc, "sub-1");
    // (100 × 2 + 25 × 12) ÷ 125 = 4 months from 2026-11-20.
    assert_eq!(
        (s.seats, s.end, s.start),
        (125, d("2027-03-20"), d("2026-01-20"))
    );
    match &e.change {
        Change::KeyRedeemed { warnings, .. } => assert_eq!(
            warnings[0].code,
            benefits_core::proration::WarningCode::ShortTerm
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn r_key_4_extend_over_3_years_is_refused_and_add_remains_possible() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        GLORIA,
        redeem(M365_KEY_400, existing("sub-1"), Action::ExtendEndDate),
    );
    assert_refusal(
        &err,
        ErrorCode::ExtensionOver3Years,
        &["over the 36-month (3-year) limit", "Add licenses"],
    );
    ok(
        &mut doc,
        GLORIA,
        redeem(M365_KEY_400, existing("sub-1"), Action::AddLicenses),
    );
    let s = sub(&doc, "sub-1");
    assert_eq!((s.seats, s.end), (500, d("2027-09-20")));
}

#[test]
fn r_key_4_activate_new_is_for_new_disabled_or_expired_subscriptions() {
    let mut doc = demo();
    // sub-2 (Power BI Pro) expired on 2026-10-31: only activate new.
    let err = refused(
        &mut doc,
        GLORIA,
        redeem(POWER_BI_KEY, existing("sub-2"), Action::ExtendEndDate),
    );
    assert_refusal(
        &err,
        ErrorCode::SubscriptionNotActive,
        &["only \"Activate a new subscription\" is possible"],
    );
    let err = refused(
        &mut doc,
        GLORIA,
        redeem(POWER_BI_KEY, existing("sub-2"), Action::AddLicenses),
    );
    assert_eq!(err.code, ErrorCode::SubscriptionNotActive);
    ok(
        &mut doc,
        GLORIA,
        redeem(POWER_BI_KEY, existing("sub-2"), Action::ActivateNew),
    );
    let s = sub(&doc, "sub-2");
    assert_eq!(
        (s.seats, s.start, s.end, s.disabled),
        (10, today(), d("2027-11-20"), false)
    );
    // An active subscription is extended or added to, not activated anew.
    let err = refused(
        &mut doc,
        GLORIA,
        redeem(M365_KEY_25, existing("sub-1"), Action::ActivateNew),
    );
    assert_refusal(
        &err,
        ErrorCode::SubscriptionStillActive,
        &["active until 2027-01-20"],
    );
    let err = refused(
        &mut doc,
        GLORIA,
        redeem(
            M365_KEY_25,
            RedeemTarget::NewSubscription,
            Action::ExtendEndDate,
        ),
    );
    assert_eq!(err.code, ErrorCode::ActionNeedsExistingSubscription);
}

#[test]
fn r_key_4_a_disabled_subscription_can_only_be_activated_anew() {
    let mut doc = demo();
    ok(
        &mut doc,
        MARIO,
        Command::SetSubscriptionDisabled {
            subscription: SubscriptionId::from("sub-1"),
            disabled: true,
        },
    );
    assert_eq!(
        sub(&doc, "sub-1").status(today()),
        SubscriptionStatus::Disabled
    );
    let err = refused(
        &mut doc,
        GLORIA,
        redeem(M365_KEY_25, existing("sub-1"), Action::ExtendEndDate),
    );
    assert_refusal(&err, ErrorCode::SubscriptionNotActive, &["is disabled"]);
    ok(
        &mut doc,
        GLORIA,
        redeem(M365_KEY_25, existing("sub-1"), Action::ActivateNew),
    );
    let s = sub(&doc, "sub-1");
    assert_eq!((s.seats, s.end, s.disabled), (25, d("2027-11-20"), false));
}

#[test]
fn r_key_4_the_key_product_must_match_the_subscription() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        GLORIA,
        redeem(POWER_BI_KEY, existing("sub-1"), Action::AddLicenses),
    );
    assert_refusal(&err, ErrorCode::KeyProductMismatch, &["This key is for Power BI Pro, but subscription sub-1 is Microsoft 365 Business Premium"]);
}

#[test]
fn r_key_4_validate_refuses_malformed_and_unknown_keys() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        GLORIA,
        redeem(
            "QK7TW-M4R8C-XYBD2-H96PJ-FG3V0",
            existing("sub-1"),
            Action::ExtendEndDate,
        ),
    );
    assert_refusal(&err, ErrorCode::KeyMalformed, &["Character 25"]);
    assert_eq!(err.params["key_error"], "key_bad_character");
    assert_eq!(err.params["position"], "25");
    let err = refused(
        &mut doc,
        GLORIA,
        redeem("QK7TW-M4R8C", existing("sub-1"), Action::ExtendEndDate),
    );
    assert_eq!(err.params["key_error"], "key_wrong_length");
    let err = refused(
        &mut doc,
        GLORIA,
        redeem(
            "BBBBB-BBBBB-BBBBB-BBBBB-BBBBB",
            existing("sub-1"),
            Action::ExtendEndDate,
        ),
    );
    assert_refusal(
        &err,
        ErrorCode::KeyUnknown,
        &["not in this workspace's key inventory"],
    );
    let err = refused(
        &mut doc,
        GLORIA,
        redeem(M365_KEY_25, existing("sub-9"), Action::ExtendEndDate),
    );
    assert_refusal(&err, ErrorCode::RecordNotFound, &["subscription sub-9"]);
    // Typed in lower case with spaces: the same key.
    ok(
        &mut doc,
        GLORIA,
        redeem(
            " qk7tw m4r8c xybd2 h96pj fg3vt ",
            existing("sub-1"),
            Action::ExtendEndDate,
        ),
    );
}

#[test]
fn r_key_4_the_tenant_must_be_confirmed() {
    let mut doc = demo();
    let cmd = |tenant: &str| {
        Command::RedeemKey(RedeemRequest {
            key: M365_KEY_25.into(),
            target: existing("sub-1"),
            action: Action::ExtendEndDate,
            confirm_tenant: tenant.into(),
        })
    };
    let err = refused(&mut doc, GLORIA, cmd(""));
    assert_refusal(
        &err,
        ErrorCode::TenantNotConfirmed,
        &[
            "Confirm the tenant first",
            "Contoso Partners Ltd (contoso.example)",
            "cannot be moved",
        ],
    );
    let err = refused(&mut doc, GLORIA, cmd("fabrikam.example"));
    assert_refusal(&err, ErrorCode::TenantNotConfirmed, &["fabrikam.example"]);
    ok(&mut doc, GLORIA, cmd("Contoso.Example"));
}

#[test]
fn r_key_4_review_shows_both_options_and_changes_nothing() {
    let doc = demo();
    let before = doc.clone();
    let req = RedeemRequest {
        key: M365_KEY_25.into(),
        target: existing("sub-1"),
        action: Action::ExtendEndDate,
        confirm_tenant: TENANT_DOMAIN.into(),
    };
    let p = doc
        .workspace()
        .preview_redemption(&u(GLORIA), now(), &req)
        .unwrap();
    assert_eq!(doc, before);
    assert_eq!(
        (p.product.as_str(), p.key_seats, p.outcome.end_date),
        (M365, 25, d("2027-04-20"))
    );
    assert_eq!(p.subscription.unwrap().seats, 100);
    assert_eq!(p.tenant.domain, TENANT_DOMAIN);
    let by_action = |a: Action| p.options.iter().find(|o| o.action == a).unwrap();
    assert_eq!(
        by_action(Action::ExtendEndDate)
            .outcome
            .as_ref()
            .unwrap()
            .end_date,
        d("2027-04-20")
    );
    let add = by_action(Action::AddLicenses).outcome.as_ref().unwrap();
    assert_eq!((add.seats, add.end_date), (125, d("2027-03-20")));
    assert!(add.warnings[0]
        .message
        .contains("Extending the end date instead"));
    assert_eq!(
        by_action(Action::ActivateNew)
            .refusal
            .as_ref()
            .unwrap()
            .code,
        ErrorCode::SubscriptionStillActive
    );
    // The 400-license key: extend refused, add possible, side by side.
    let req400 = RedeemRequest {
        key: M365_KEY_400.into(),
        action: Action::AddLicenses,
        ..req.clone()
    };
    let p = doc
        .workspace()
        .preview_redemption(&u(GLORIA), now(), &req400)
        .unwrap();
    let ext = p
        .options
        .iter()
        .find(|o| o.action == Action::ExtendEndDate)
        .unwrap();
    assert_eq!(
        ext.refusal.as_ref().unwrap().code,
        ErrorCode::ExtensionOver3Years
    );
    // The same checks as redeeming, roles included.
    let err = doc
        .workspace()
        .preview_redemption(&u(MARIO), now(), &req)
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::PermissionDenied);
}

#[test]
fn r_key_4_redemption_is_all_or_nothing() {
    // A refused redemption leaves both the key and the subscription as they were (checked
    // by `refused`); an accepted one changes both in one event.
    let mut doc = demo();
    let n = doc.events().len();
    ok(
        &mut doc,
        GLORIA,
        redeem(M365_KEY_100, existing("sub-1"), Action::AddLicenses),
    );
    assert_eq!(doc.events().len(), n + 1);
    assert!(key(&doc, M365_KEY_100).is_redeemed());
    assert_eq!(sub(&doc, "sub-1").seats, 200);
}

#[test]
fn r_key_2_seats_are_whole_numbers_of_at_least_one() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        MARIO,
        Command::AddProductKeys {
            product: M365.into(),
            seats: 0,
            text: "BBBBB-BBBBB-BBBBB-BBBBB-BBBBB".into(),
        },
    );
    assert_refusal(&err, ErrorCode::InvalidAmount, &["from 1 to"]);
    let err = refused(
        &mut doc,
        MARIO,
        Command::RecordSubscription {
            subscription: NewSubscription {
                product: M365.into(),
                seats: -3,
                start: d("2026-01-01"),
                end: d("2027-01-01"),
                disabled: false,
            },
        },
    );
    assert_eq!(err.code, ErrorCode::InvalidAmount);
    let err = refused(
        &mut doc,
        MARIO,
        Command::RecordSubscription {
            subscription: NewSubscription {
                product: M365.into(),
                seats: 3,
                start: d("2027-01-01"),
                end: d("2027-01-01"),
                disabled: false,
            },
        },
    );
    assert_eq!(err.code, ErrorCode::InvalidDate);
}

const PASTE: &str = "BBBBB-BBBBB-BBBBB-BBBBB-BBBBC\n\n  cccccdddddfffffggggghhhhh \nQK7TW-M4R8C-XYBD2-H96PJ-FG3VT\nBBBBB-BBBBB-BBBBB-BBBBB-BBBBO\nBBBBBBBBBBBBBBBBBBBBBBBBC\nJJJJJ-KKKKK\n";

#[test]
fn r_key_1_paste_reports_bad_lines_by_number_and_keeps_the_good_ones() {
    let (good, bad) = benefits_core::key_paste::parse_many(PASTE);
    assert_eq!(
        good.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
        vec![1, 3, 4, 6]
    );
    assert_eq!(bad.iter().map(|(l, _)| *l).collect::<Vec<_>>(), vec![5, 7]);
    let doc = demo();
    let review = doc.workspace().review_key_paste(PASTE);
    let lines: Vec<(usize, ErrorCode)> = review.problems.iter().map(|p| (p.line, p.code)).collect();
    assert_eq!(
        lines,
        vec![
            (4, ErrorCode::DuplicateKey),
            (5, ErrorCode::KeyMalformed),
            (6, ErrorCode::DuplicateKey),
            (7, ErrorCode::KeyMalformed)
        ]
    );
    assert!(review.problems[0].message.contains(
        "already in the inventory (Microsoft 365 Business Premium, 25 licenses, not redeemed yet)"
    ));
    assert!(review.problems[2].message.contains("same as line 1"));
    assert!(review.problems[1]
        .message
        .starts_with("Line 5: Character 25"));
    assert_eq!(
        review.good_text(),
        "BBBBB-BBBBB-BBBBB-BBBBB-BBBBC\nCCCCC-DDDDD-FFFFF-GGGGG-HHHHH"
    );
}

#[test]
fn r_key_2_adding_pasted_keys_is_all_or_nothing_naming_the_lines() {
    let mut doc = demo();
    let cmd = |text: &str| Command::AddProductKeys {
        product: "Dynamics 365 Sales".into(),
        seats: 5,
        text: text.into(),
    };
    let err = refused(&mut doc, MARIO, cmd(PASTE));
    assert_refusal(
        &err,
        ErrorCode::KeyPasteHasProblems,
        &[
            "No key was added: 4 lines have problems",
            "Line 4:",
            "Line 7:",
        ],
    );
    assert_eq!(err.params["lines"], "4,5,6,7");
    assert_eq!(err.params["good"], "2");
    let good = doc.workspace().review_key_paste(PASTE).good_text();
    let e = ok(&mut doc, MARIO, cmd(&good));
    assert!(doc
        .workspace()
        .describe(&e)
        .contains("added 2 product keys for Dynamics 365 Sales (5 licenses each)"));
    let k = key(&doc, "CCCCC-DDDDD-FFFFF-GGGGG-HHHHH");
    assert_eq!((k.seats, k.added_on, k.added_by), (5, today(), u(MARIO)));
    assert_eq!(
        refused(&mut doc, MARIO, cmd(" \n ")).code,
        ErrorCode::MissingValue
    );
}
