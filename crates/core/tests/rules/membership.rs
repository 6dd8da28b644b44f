//! R-MEM-1 (the organisation) and R-MEM-2 (package cancellation).

use crate::common::*;

fn cancel(pkg: &str) -> Command {
    Command::RequestPackageCancellation {
        package: PackageId::from(pkg),
    }
}

#[test]
fn r_mem_2_cancellation_within_30_days_without_activation_records_a_service_request() {
    let mut doc = demo();
    let e = ok(&mut doc, MARIO, cancel("pkg-2"));
    assert_eq!(e.change.kind(), "package_cancellation_requested");
    let p = &doc.workspace().packages()[&PackageId::from("pkg-2")];
    let c = p.cancellation.as_ref().unwrap();
    assert_eq!(c.service_request, ServiceRequestId::from("sr-1"));
    assert_eq!(c.requested_on, today());
    assert_eq!(c.requested_by, u(MARIO));
    assert!(doc
        .workspace()
        .describe(&e)
        .contains("service request sr-1"));
}

#[test]
fn r_mem_2_day_30_is_the_last_day_and_day_31_is_refused_with_the_dates() {
    // pkg-2 was purchased on 2026-11-10.
    let mut doc = demo();
    ok_at(&mut doc, GLORIA, noon(d("2026-12-10")), cancel("pkg-2"));
    let mut doc = demo();
    let err = refused_at(&mut doc, GLORIA, noon(d("2026-12-11")), cancel("pkg-2"));
    assert_refusal(
        &err,
        ErrorCode::CancellationWindowClosed,
        &[
            "purchased on 2026-11-10",
            "within 30 days of purchase, that is until 2026-12-10",
            "Today is 2026-12-11",
        ],
    );
    assert_eq!(err.params["last_day"], "2026-12-10");
}

#[test]
fn r_mem_2_package_older_than_30_days_is_refused() {
    let mut doc = demo();
    let err = refused(&mut doc, GLORIA, cancel("pkg-1"));
    assert_refusal(
        &err,
        ErrorCode::CancellationWindowClosed,
        &["purchased on 2026-09-21"],
    );
}

#[test]
fn r_mem_2_revealed_keys_block_cancellation_naming_the_software_and_date() {
    let mut doc = demo();
    ok(
        &mut doc,
        MARIO,
        Command::RevealSoftwareKeys {
            product: SoftwareId::from("sw-2"),
        },
    );
    let err = refused(&mut doc, GLORIA, cancel("pkg-2"));
    assert_refusal(
        &err,
        ErrorCode::CancellationBlockedByActivation,
        &[
            "Office LTSC Professional Plus 2021 was activated on 2026-11-20",
            "Mario Partner-Admin revealed its keys",
        ],
    );
}

#[test]
fn r_mem_2_cancellation_is_requested_once() {
    let mut doc = demo();
    ok(&mut doc, GLORIA, cancel("pkg-2"));
    let err = refused(&mut doc, MARIO, cancel("pkg-2"));
    assert_refusal(
        &err,
        ErrorCode::CancellationAlreadyRequested,
        &["already requested on 2026-11-20", "sr-1"],
    );
}

#[test]
fn r_mem_2_purchase_date_cannot_be_in_the_future() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        ANDY,
        Command::PurchasePackage {
            name: "Gold".into(),
            offer: Offer::Gold,
            purchased_on: d("2026-11-21"),
        },
    );
    assert_refusal(&err, ErrorCode::InvalidDate, &["in the future"]);
    let err = refused(&mut doc, GLORIA, cancel("pkg-9"));
    assert_refusal(&err, ErrorCode::RecordNotFound, &["pkg-9"]);
}

#[test]
fn r_mem_1_organisation_details_are_checked() {
    let mut doc = demo();
    let org = doc.workspace().organisation().unwrap().clone();
    let with = |f: &dyn Fn(&mut Organisation)| {
        let mut o = org.clone();
        f(&mut o);
        Command::UpdateOrganisation { organisation: o }
    };
    let err = refused(&mut doc, MARIO, with(&|o| o.mpn_id = "12x".into()));
    assert_refusal(&err, ErrorCode::InvalidValue, &["MPN ID"]);
    let err = refused(
        &mut doc,
        MARIO,
        with(&|o| o.company_account_email = "admin".into()),
    );
    assert_eq!(err.code, ErrorCode::InvalidEmail);
    let err = refused(&mut doc, MARIO, with(&|o| o.competencies.clear()));
    assert_refusal(
        &err,
        ErrorCode::MissingValue,
        &["Silver or Gold membership carries at least one competency"],
    );
    let err = refused(&mut doc, MARIO, with(&|_| {}));
    assert_eq!(err.code, ErrorCode::NothingToChange);
    // Currency: ISO 4217 only, and USD by default.
    assert!(serde_json::from_str::<Currency>("\"usd\"").is_ok());
    assert!(serde_json::from_str::<Currency>("\"DOLLARS\"").is_err());
    assert_eq!(Currency::default().code(), "USD");
    // Amounts are recorded in USD: the currency stays while they are there.
    let err = refused(
        &mut doc,
        MARIO,
        with(&|o| o.currency = Currency::parse("EUR").unwrap()),
    );
    assert_refusal(
        &err,
        ErrorCode::CurrencyInUse,
        &["The currency stays USD: 2 Azure credits are recorded in it"],
    );
    ok(
        &mut doc,
        MARIO,
        with(&|o| {
            o.offers.insert(Offer::Gold);
        }),
    );
    let o = doc.workspace().organisation().unwrap();
    assert!(o.in_enrollment_year(d("2027-08-19")));
    assert!(!o.in_enrollment_year(d("2027-08-20")));
}
