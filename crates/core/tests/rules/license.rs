//! R-LIC-2: the benefit's expiry and the tenant subscription's end are different dates.

use crate::common::*;

#[test]
fn r_lic_2_expiry_and_subscription_end_are_explained_when_they_differ() {
    let doc = demo();
    let ws = doc.workspace();
    let m365 = ws
        .license_benefits()
        .values()
        .find(|b| b.product == M365)
        .unwrap();
    assert_eq!(m365.benefit_expires_on, d("2027-08-19"));
    let sub = ws.subscriptions_for_product(M365)[0];
    assert_eq!(sub.end, d("2027-01-20"));
    let text = m365.expiry_explanation(sub.end).unwrap();
    assert!(
        text.contains("ends on 2027-01-20, before the benefit expires on 2027-08-19"),
        "{text}"
    );
    assert!(m365.expiry_explanation(m365.benefit_expires_on).is_none());
    let text = m365.expiry_explanation(d("2028-01-01")).unwrap();
    assert!(
        text.contains("the right to use this benefit ends on 2027-08-19"),
        "{text}"
    );
}

#[test]
fn r_lic_1_a_benefit_lists_its_product_keys_and_subscriptions() {
    let doc = demo();
    let ws = doc.workspace();
    let keys: Vec<(String, i64)> = ws
        .keys_for_product("microsoft 365 business premium")
        .into_iter()
        .map(|k| (k.key.to_string(), k.seats))
        .collect();
    assert_eq!(
        keys,
        vec![
            (M365_KEY_25.to_string(), 25),
            (M365_KEY_100.to_string(), 100),
            (M365_KEY_400.to_string(), 400)
        ]
    );
    assert_eq!(
        ws.subscriptions_for_product(POWER_BI)[0].status(today()),
        SubscriptionStatus::Expired
    );
}

#[test]
fn r_lic_1_benefit_data_entry_is_checked() {
    let mut doc = demo();
    let mut b = NewLicenseBenefit {
        product: "Dynamics 365 Sales".into(),
        licenses: 0,
        offer: Offer::Gold,
        benefit_type: BenefitType::Incremental,
        benefit_expires_on: d("2027-08-19"),
        instructions: String::new(),
    };
    let err = refused(
        &mut doc,
        MARIO,
        Command::AddLicenseBenefit { benefit: b.clone() },
    );
    assert_refusal(&err, ErrorCode::InvalidAmount, &["license quantity"]);
    b.licenses = 5;
    ok(&mut doc, MARIO, Command::AddLicenseBenefit { benefit: b });
}
