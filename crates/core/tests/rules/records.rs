//! Corrections: records entered by mistake can be removed unless their history matters.

use crate::common::*;

fn remove(record: RecordRef) -> Command {
    Command::RemoveRecord { record }
}

#[test]
fn records_without_history_can_be_removed() {
    let mut doc = demo();
    for r in [
        RecordRef::ProductKey(M365_KEY_400.to_lowercase()),
        RecordRef::VisualStudio(VsId::from("vs-3")),
        RecordRef::Technical(TechId::from("tech-1")),
        RecordRef::GtmOffer(GtmId::from("gtm-2")),
        RecordRef::LicenseBenefit(LicenseBenefitId::from("lic-2")),
        RecordRef::Software(SoftwareId::from("sw-2")),
        RecordRef::Package(PackageId::from("pkg-2")),
    ] {
        let e = ok(&mut doc, MARIO, remove(r));
        assert!(doc
            .workspace()
            .describe(&e)
            .starts_with("Mario Partner-Admin removed "));
    }
    let ws = doc.workspace();
    assert_eq!(ws.product_keys().len(), 3);
    assert!(!ws.visual_studio().contains_key(&VsId::from("vs-3")));
    assert!(!ws.packages().contains_key(&PackageId::from("pkg-2")));
    // Ids are never reused.
    ok(
        &mut doc,
        MARIO,
        Command::AddGtmOffer {
            name: "Gold Core".into(),
        },
    );
    assert!(doc
        .workspace()
        .gtm_offers()
        .contains_key(&GtmId::from("gtm-3")));
}

#[test]
fn records_with_history_stay() {
    let mut doc = demo();
    ok(
        &mut doc,
        GLORIA,
        redeem(M365_KEY_25, existing("sub-1"), Action::ExtendEndDate),
    );
    for (r, why) in [
        (RecordRef::ProductKey(M365_KEY_25.into()), "it was redeemed"),
        (
            RecordRef::Subscription(SubscriptionId::from("sub-1")),
            "product keys were redeemed into it",
        ),
        (
            RecordRef::Software(SoftwareId::from("sw-1")),
            "its keys were revealed on 2026-09-26",
        ),
        (
            RecordRef::Package(PackageId::from("pkg-1")),
            "Windows Server 2022 Datacenter belongs to it",
        ),
        (
            RecordRef::VisualStudio(VsId::from("vs-1")),
            "assigned to Mario Partner-Admin",
        ),
        (
            RecordRef::AzureCredit(CreditId::from("credit-2")),
            "assigned to users",
        ),
        (
            RecordRef::Technical(TechId::from("tech-2")),
            "it was activated",
        ),
    ] {
        let err = refused(&mut doc, MARIO, remove(r));
        assert_refusal(&err, ErrorCode::RecordInUse, &[why]);
    }
    let err = refused(
        &mut doc,
        MARIO,
        remove(RecordRef::GtmOffer(GtmId::from("gtm-9"))),
    );
    assert_eq!(err.code, ErrorCode::RecordNotFound);
    let err = refused(
        &mut doc,
        MARIO,
        remove(RecordRef::ProductKey("nonsense".into())),
    );
    assert_eq!(err.code, ErrorCode::RecordNotFound);
}
