//! `Command::from_json` (the project's own reader, used by the app's queue of shared mode)
//! against serde's derived `Deserialize` (what the server reads): every command reads back
//! as it was written, and every mutation of its JSON gets the same verdict from both, with
//! the same value when accepted.
//!
//! The mutations: a field left out, a field added, a value replaced by one of another kind
//! (null, true, numbers whole, negative and fractional, text, a date, an empty list, an
//! empty object), the command's name replaced by another command's or an unknown one, an
//! enum's name replaced by an unknown one. Left out on purpose, and refused by the reader
//! while serde takes them (nothing writes them): a structure written as a list of its
//! values, and dates written other than `YYYY-MM-DD` (chrono's parser takes `2026-1-1`
//! and ` 2026-01-01`).

use benefits_core::model::*;
use benefits_core::*;
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::{json, Value};

fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 @.é-]{0,10}"
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (-40_000i64..3_000_000)
        .prop_map(|d| NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::TimeDelta::days(d))
}

fn offer() -> impl Strategy<Value = Offer> {
    select(Offer::ALL.to_vec())
}

fn roles() -> impl Strategy<Value = RoleSet> {
    proptest::collection::vec(select(Role::ALL.to_vec()), 0..4)
        .prop_map(|r| r.into_iter().collect())
}

fn user_id() -> impl Strategy<Value = UserId> {
    "user-[0-9]{1,3}".prop_map(UserId::new)
}

fn details() -> impl Strategy<Value = UserDetails> {
    (text(), text(), any::<bool>(), roles()).prop_map(|(name, email, guest, roles)| UserDetails {
        name,
        email,
        kind: if guest {
            UserKind::Guest
        } else {
            UserKind::Member
        },
        roles,
    })
}

fn organisation() -> impl Strategy<Value = Organisation> {
    (
        (text(), text(), text()),
        select(vec!["USD", "EUR", "JPY", "GBP"]),
        date(),
        proptest::collection::vec(offer(), 0..3),
        proptest::collection::vec(text(), 0..3),
        (text(), text()),
    )
        .prop_map(
            |((name, mpn_id, email), currency, start, offers, competencies, (tn, td))| {
                Organisation {
                    name,
                    mpn_id,
                    company_account_email: email,
                    currency: Currency::parse(currency).unwrap(),
                    enrollment_year_start: start,
                    offers: offers.into_iter().collect(),
                    competencies,
                    tenant: Tenant {
                        name: tn,
                        domain: td,
                    },
                }
            },
        )
}

fn azure_offer() -> impl Strategy<Value = AzureOtherOffer> {
    prop_oneof![
        Just(AzureOtherOffer::EnterpriseAgreement),
        Just(AzureOtherOffer::CloudSolutionProvider),
        Just(AzureOtherOffer::AzureInOpen),
        Just(AzureOtherOffer::AzurePass),
        Just(AzureOtherOffer::ActionPack),
        text().prop_map(AzureOtherOffer::Other),
    ]
}

fn software() -> impl Strategy<Value = NewSoftwareProduct> {
    (
        text(),
        offer(),
        proptest::option::of("pkg-[0-9]"),
        proptest::collection::vec((text(), any::<u32>()), 0..3),
        text(),
        proptest::collection::vec(text(), 0..2),
        proptest::collection::vec(text(), 0..2),
        proptest::collection::vec((text(), text(), text()), 0..2),
    )
        .prop_map(
            |(name, offer, package, keys, special, languages, os_types, downloads)| {
                NewSoftwareProduct {
                    name,
                    offer,
                    package: package.map(PackageId::new),
                    keys: keys
                        .into_iter()
                        .map(|(key, activations)| NewSoftwareKey { key, activations })
                        .collect(),
                    special_instructions: special,
                    languages,
                    os_types,
                    downloads: downloads
                        .into_iter()
                        .map(|(language, os_type, url)| DownloadLink {
                            language,
                            os_type,
                            url,
                        })
                        .collect(),
                }
            },
        )
}

fn record_ref() -> impl Strategy<Value = RecordRef> {
    (0u8..9, "[a-z]{1,4}-[0-9]").prop_map(|(kind, id)| match kind {
        0 => RecordRef::Package(PackageId::new(id)),
        1 => RecordRef::Software(SoftwareId::new(id)),
        2 => RecordRef::AzureCredit(CreditId::new(id)),
        3 => RecordRef::LicenseBenefit(LicenseBenefitId::new(id)),
        4 => RecordRef::Subscription(SubscriptionId::new(id)),
        5 => RecordRef::ProductKey(id),
        6 => RecordRef::VisualStudio(VsId::new(id)),
        7 => RecordRef::Technical(TechId::new(id)),
        _ => RecordRef::GtmOffer(GtmId::new(id)),
    })
}

/// Any command, with any values of the right types (the reader reads; the rules judge).
fn command() -> impl Strategy<Value = Command> {
    let benefit_type = || select(vec![BenefitType::Core, BenefitType::Incremental]);
    let tech_kind = select(vec![
        TechnicalKind::SignatureCloudSupport,
        TechnicalKind::OnPremisesIncidents,
        TechnicalKind::PresalesDeployment,
    ]);
    let area = select(vec![
        ProductArea::OnPremises,
        ProductArea::AzureNonCsp,
        ProductArea::Dynamics,
        ProductArea::Cloud,
    ]);
    prop_oneof![
        (organisation(), details()).prop_map(|(organisation, first_global_admin)| {
            Command::SetUpOrganisation {
                organisation,
                first_global_admin,
            }
        }),
        organisation().prop_map(|organisation| Command::UpdateOrganisation { organisation }),
        details().prop_map(|user| Command::AddUser { user }),
        (user_id(), details()).prop_map(|(user, details)| Command::EditUser { user, details }),
        user_id().prop_map(|user| Command::DisableUser { user }),
        user_id().prop_map(|user| Command::EnableUser { user }),
        (user_id(), proptest::collection::vec(azure_offer(), 0..4))
            .prop_map(|(user, offers)| Command::SetUserAzureOffers { user, offers }),
        (text(), offer(), date()).prop_map(|(name, offer, purchased_on)| {
            Command::PurchasePackage {
                name,
                offer,
                purchased_on,
            }
        }),
        "pkg-[0-9]".prop_map(|p| Command::RequestPackageCancellation {
            package: PackageId::new(p)
        }),
        software().prop_map(|product| Command::AddSoftwareProduct { product }),
        "sw-[0-9]".prop_map(|p| Command::RevealSoftwareKeys {
            product: SoftwareId::new(p)
        }),
        (any::<bool>(), any::<i64>(), offer(), benefit_type(), date()).prop_map(
            |(bulk, amount_minor, offer, benefit_type, expires_on)| Command::AddAzureCredit {
                credit: NewAzureCredit {
                    kind: if bulk {
                        CreditKind::Bulk
                    } else {
                        CreditKind::Monthly
                    },
                    amount_minor,
                    offer,
                    benefit_type,
                    expires_on,
                },
            }
        ),
        ("credit-[0-9]", user_id()).prop_map(|(c, user)| Command::AssignAzureCredit {
            credit: CreditId::new(c),
            user
        }),
        ("credit-[0-9]", user_id()).prop_map(|(c, user)| Command::RemoveAzureCreditUser {
            credit: CreditId::new(c),
            user
        }),
        ("credit-[0-9]", user_id()).prop_map(|(c, to)| Command::TransferBulkCredit {
            credit: CreditId::new(c),
            to
        }),
        ("credit-[0-9]", date(), any::<i64>(), text()).prop_map(|(c, on, amount_minor, note)| {
            Command::RecordCreditSpend {
                credit: CreditId::new(c),
                on,
                amount_minor,
                note,
            }
        }),
        (
            text(),
            any::<i64>(),
            offer(),
            benefit_type(),
            date(),
            text()
        )
            .prop_map(
                |(product, licenses, offer, benefit_type, benefit_expires_on, instructions)| {
                    Command::AddLicenseBenefit {
                        benefit: NewLicenseBenefit {
                            product,
                            licenses,
                            offer,
                            benefit_type,
                            benefit_expires_on,
                            instructions,
                        },
                    }
                }
            ),
        (text(), any::<i64>(), date(), date(), any::<bool>()).prop_map(
            |(product, seats, start, end, disabled)| Command::RecordSubscription {
                subscription: NewSubscription {
                    product,
                    seats,
                    start,
                    end,
                    disabled,
                },
            }
        ),
        ("sub-[0-9]", any::<bool>()).prop_map(|(s, disabled)| {
            Command::SetSubscriptionDisabled {
                subscription: SubscriptionId::new(s),
                disabled,
            }
        }),
        (text(), any::<i64>(), "[A-Z0-9\n-]{0,30}").prop_map(|(product, seats, text)| {
            Command::AddProductKeys {
                product,
                seats,
                text,
            }
        }),
        (
            text(),
            proptest::option::of("sub-[0-9]"),
            select(Action::ALL.to_vec()),
            text()
        )
            .prop_map(|(key, sub, action, confirm_tenant)| {
                Command::RedeemKey(RedeemRequest {
                    key,
                    target: match sub {
                        None => RedeemTarget::NewSubscription,
                        Some(s) => RedeemTarget::Existing {
                            subscription: SubscriptionId::new(s),
                        },
                    },
                    action,
                    confirm_tenant,
                })
            }),
        (any::<bool>(), any::<i64>(), offer()).prop_map(|(ent, quantity, offer)| {
            Command::AddVisualStudioSubscriptions {
                level: if ent {
                    VsLevel::Enterprise
                } else {
                    VsLevel::Professional
                },
                quantity,
                offer,
            }
        }),
        ("vs-[0-9]", user_id()).prop_map(|(v, user)| Command::AssignVisualStudio {
            subscription: VsId::new(v),
            user
        }),
        "vs-[0-9]".prop_map(|v| Command::UnassignVisualStudio {
            subscription: VsId::new(v)
        }),
        (tech_kind, any::<bool>(), any::<i64>()).prop_map(|(kind, hours, allowance)| {
            Command::AddTechnicalBenefit {
                benefit: NewTechnicalBenefit {
                    kind,
                    unit: if hours {
                        AllowanceUnit::Hours
                    } else {
                        AllowanceUnit::Incidents
                    },
                    allowance,
                },
            }
        }),
        "tech-[0-9]".prop_map(|b| Command::ActivateTechnicalBenefit {
            benefit: TechId::new(b)
        }),
        ("tech-[0-9]", text(), text()).prop_map(|(b, access_id, contract_id)| {
            Command::RecordTechnicalBenefitProcessed {
                benefit: TechId::new(b),
                access_id,
                contract_id,
            }
        }),
        ("tech-[0-9]", area, text(), any::<i64>()).prop_map(|(b, area, title, consumes)| {
            Command::LogSupportRequest {
                benefit: TechId::new(b),
                area,
                title,
                consumes,
            }
        }),
        text().prop_map(|name| Command::AddGtmOffer { name }),
        (user_id(), text(), text(), text()).prop_map(|(user, email, phone, lang)| {
            Command::SetMarketingContact {
                contact: MarketingContact {
                    user,
                    email,
                    phone,
                    preferred_language: lang,
                },
            }
        }),
        "gtm-[0-9]".prop_map(|o| Command::ActivateGtmOffer {
            offer: GtmId::new(o)
        }),
        ("gtm-[0-9]", date(), date()).prop_map(|(o, activated_on, expires_on)| {
            Command::RecordGtmOfferActivated {
                offer: GtmId::new(o),
                activated_on,
                expires_on,
            }
        }),
        record_ref().prop_map(|record| Command::RemoveRecord { record }),
    ]
}

/// Every place in a JSON value: the path to each object and list, and to each value.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn places(value: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                at.push(Step::Key(k.clone()));
                places(v, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                at.push(Step::Index(i));
                places(v, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn at_mut<'a>(value: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(value, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

const COMMAND_NAMES: [&str; 34] = [
    "set_up_organisation",
    "update_organisation",
    "add_user",
    "edit_user",
    "disable_user",
    "enable_user",
    "set_user_azure_offers",
    "purchase_package",
    "request_package_cancellation",
    "add_software_product",
    "reveal_software_keys",
    "add_azure_credit",
    "assign_azure_credit",
    "remove_azure_credit_user",
    "transfer_bulk_credit",
    "record_credit_spend",
    "add_license_benefit",
    "record_subscription",
    "set_subscription_disabled",
    "add_product_keys",
    "redeem_key",
    "add_visual_studio_subscriptions",
    "assign_visual_studio",
    "unassign_visual_studio",
    "add_technical_benefit",
    "activate_technical_benefit",
    "record_technical_benefit_processed",
    "log_support_request",
    "add_gtm_offer",
    "set_marketing_contact",
    "activate_gtm_offer",
    "record_gtm_offer_activated",
    "remove_record",
    "launch_rockets",
];

/// One edit of a command's JSON.
fn mutate(mut value: Value, place: Index, kind: u8, pick: Index) -> Value {
    let mut all = Vec::new();
    places(&value, &mut Vec::new(), &mut all);
    let path = place.get(&all).clone();
    let replacements = [
        json!(null),
        json!(true),
        json!(7),
        json!(-7),
        json!(1.5),
        json!("text"),
        json!("2026-11-20"),
        json!([]),
        json!({}),
        json!("gold"),
        json!("member"),
        json!(4_294_967_296u64),
    ];
    match kind % 5 {
        // The command's name: another command's, or one that does not exist.
        0 => value["command"] = json!(pick.get(&COMMAND_NAMES)),
        // A field left out.
        1 => {
            if let (Some(Step::Key(k)), parent) =
                (path.last(), &path[..path.len().saturating_sub(1)])
            {
                if let Some(map) = at_mut(&mut value, parent).as_object_mut() {
                    map.remove(k);
                }
            }
        }
        // A field added, to whatever object is here.
        2 => {
            if let Some(map) = at_mut(&mut value, &path).as_object_mut() {
                map.insert(
                    pick.get(&["extra", "actor", "kind", "id", "name"])
                        .to_string(),
                    json!("x"),
                );
            }
        }
        // A value replaced by one of another kind (not the root: that is the whole command).
        3 if !path.is_empty() => *at_mut(&mut value, &path) = pick.get(&replacements).clone(),
        // An enum's name replaced by one that does not exist.
        _ => {
            if let Value::String(_) = at_mut(&mut value, &path) {
                *at_mut(&mut value, &path) = json!("platinum");
            }
        }
    }
    value
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// What serde writes, the reader reads back as the same command.
    #[test]
    fn every_command_reads_back(command in command()) {
        let text = serde_json::to_string(&command).unwrap();
        prop_assert_eq!(Command::from_json(&text), Ok(command));
    }

    /// Any one edit: the same verdict as serde's derive, and the same command when accepted.
    #[test]
    fn the_same_verdict_as_serde(
        command in command(),
        edits in proptest::collection::vec((any::<Index>(), any::<u8>(), any::<Index>()), 1..3),
    ) {
        let mut value = serde_json::to_value(&command).unwrap();
        for (place, kind, pick) in edits {
            value = mutate(value, place, kind, pick);
        }
        let text = value.to_string();
        let ours = Command::from_json(&text);
        let serde = serde_json::from_str::<Command>(&text);
        match (&ours, &serde) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "{text}\n ours: {ours:?}\n serde: {serde:?}"),
        }
    }
}

#[test]
fn a_name_written_twice_is_refused_as_serde_refuses_it() {
    for text in [
        r#"{"command": "add_gtm_offer", "name": "a", "command": "add_gtm_offer"}"#,
        r#"{"command": "add_gtm_offer", "name": "a", "name": "b"}"#,
        r#"{"command": "add_user", "user": {"name": "a", "name": "b", "email": "e", "kind": "member"}}"#,
        r#"{"command": "remove_record", "record": {"package": "p", "package": "q"}}"#,
        r#"{"command": "redeem_key", "key": "k", "target": {"kind": "new_subscription", "kind": "new_subscription"}, "action": "add_licenses", "confirm_tenant": "t"}"#,
    ] {
        assert!(serde_json::from_str::<Command>(text).is_err(), "{text}");
        let error = Command::from_json(text).unwrap_err();
        assert!(error.contains("is written twice"), "{text}: {error}");
    }
}

#[test]
fn refusals_say_where() {
    let error = Command::from_json(
        r#"{"command": "add_user", "user": {"name": "Ana", "email": 5, "kind": "member"}}"#,
    )
    .unwrap_err();
    assert_eq!(error, "user.email: expected text, found a number");
    let error = Command::from_json(r#"{"command": "launch_rockets"}"#).unwrap_err();
    assert_eq!(
        error,
        "command: \"launch_rockets\" is not a kind this version knows"
    );
    let error = Command::from_json(r#"{"name": "x"}"#).unwrap_err();
    assert_eq!(error, "the field \"command\" is missing");
    // serde's own quirk, kept: a target without data ignores what else it holds.
    let text = r#"{"command": "redeem_key", "key": "k", "target": {"kind": "new_subscription", "x": 1}, "action": "add_licenses", "confirm_tenant": "t"}"#;
    assert_eq!(
        Command::from_json(text).unwrap(),
        serde_json::from_str::<Command>(text).unwrap()
    );
}
