//! R-STATE-1: `replay(events)` rebuilds exactly the state `apply` built, on long random
//! command sequences; a refused command changes nothing; every invariant holds after every
//! command; the document survives a JSON round trip.

use benefits_core::demo::{self, ANDY, GLORIA, GUS, MARIO, NORA, TENANT_DOMAIN, UMA};
use benefits_core::model::*;
use benefits_core::*;
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::collections::BTreeMap;

const PRODUCTS: [&str; 3] = [
    "Microsoft 365 Business Premium",
    "Power BI Pro",
    "Dynamics 365 Sales",
];

/// An abstract step: small numbers that pick among whatever exists when it runs.
#[derive(Debug, Clone)]
enum Op {
    AddUser(u8, u8, bool),
    EditRoles(u8, u8),
    Disable(u8),
    Enable(u8),
    AzureOffers(u8, u8),
    UpdateOrg(u8, u8),
    Purchase(u8),
    Cancel(u8),
    AddSoftware(u8, u32),
    Reveal(u8),
    AddCredit(bool, u16),
    AssignCredit(u8, u8),
    RemoveCreditUser(u8, u8),
    Transfer(u8, u8),
    Spend(u8, u16, u8),
    AddLicense(u8, u8),
    RecordSub(u8, u16, u8, bool),
    SubDisabled(u8, bool),
    AddKeys(u8, u16, u8, u32),
    Redeem(u8, u8, u8),
    AddVs(u8),
    AssignVs(u8, u8),
    UnassignVs(u8),
    AddTech(u8, u8),
    ActivateTech(u8),
    ProcessTech(u8),
    Support(u8, u8, u8),
    AddGtm(u8),
    Contact(u8, bool),
    ActivateGtm(u8),
    RecordGtm(u8, u8, u16),
    Remove(u8, u8),
}

/// Decodes raw numbers into a step (a flat tuple of primitives generates much faster than
/// a `prop_oneof!` of 30 arms, which matters in debug builds).
fn decode((kind, a, b, c, w, seed): (u8, u8, u8, u8, u16, u32)) -> Op {
    use Op::*;
    let flag = c % 2 == 0;
    match kind % 33 {
        0 => AddUser(a, b, flag),
        1 => EditRoles(a, b),
        2 => Disable(a),
        3 => Enable(a),
        4 => AzureOffers(a, b),
        5 => UpdateOrg(a, b),
        6 => Purchase(a),
        7 => Cancel(a),
        8 => AddSoftware(a, seed),
        9 => Reveal(a),
        10 => AddCredit(flag, w),
        11 => AssignCredit(a, b),
        12 => RemoveCreditUser(a, b),
        13 => Transfer(a, b),
        14 => Spend(a, w, b),
        15 => AddLicense(a, b),
        16 => RecordSub(a, w, b, flag),
        17 => SubDisabled(a, flag),
        18 => AddKeys(a, w, b, seed),
        19 | 20 => Redeem(a, b, c),
        21 => AddVs(a),
        22 => AssignVs(a, b),
        23 => UnassignVs(a),
        24 => AddTech(a, b),
        25 => ActivateTech(a),
        26 => ProcessTech(a),
        27 => Support(a, b, c),
        28 => AddGtm(a),
        29 => Contact(a, flag),
        30 => ActivateGtm(a),
        31 => RecordGtm(a, b, w),
        _ => Remove(a, b),
    }
}

/// A step: who acts, how many hours pass first, and what.
fn step() -> impl Strategy<Value = (u8, u16, Op)> {
    (
        any::<u8>(),
        prop_oneof![3 => 0u16..30, 1 => 30u16..400],
        (
            any::<u8>(),
            any::<u8>(),
            any::<u8>(),
            any::<u8>(),
            any::<u16>(),
            any::<u32>(),
        ),
    )
        .prop_map(|(who, hours, raw)| (who, hours, decode(raw)))
}

fn pick<T: Clone>(items: &[T], i: u8) -> Option<T> {
    if items.is_empty() {
        None
    } else {
        Some(items[i as usize % items.len()].clone())
    }
}

fn ids<K: Clone, V>(m: &RecordMap<K, V>) -> Vec<K> {
    m.keys().cloned().collect()
}

fn key_text(seed: u32, n: u32) -> String {
    let alphabet = benefits_core::key::KEY_ALPHABET.as_bytes();
    let mut x = u64::from(seed)
        .wrapping_mul(6364136223846793005)
        .wrapping_add(u64::from(n).wrapping_mul(1442695040888963407))
        .wrapping_add(1);
    (0..25)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            alphabet[((x >> 33) % alphabet.len() as u64) as usize] as char
        })
        .collect()
}

fn roles(mask: u8) -> RoleSet {
    Role::ALL
        .into_iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, r)| r)
        .collect()
}

fn actor(ws: &Workspace, a: u8) -> UserId {
    let fixed = match a % 12 {
        0..=3 => GLORIA,
        4 | 5 => MARIO,
        6 => UMA,
        7 => ANDY,
        8 => NORA,
        9 => GUS,
        10 => "user-404",
        _ => return pick(&ids(ws.users()), a / 12).unwrap_or_else(|| UserId::from(GLORIA)),
    };
    UserId::from(fixed)
}

/// Turns an abstract step into a concrete command on the current state.
fn command(ws: &Workspace, today: NaiveDate, op: &Op) -> Option<Command> {
    use Op::*;
    let users = ids(ws.users());
    let day = |back: i64| today - TimeDelta::days(back);
    Some(match op {
        AddUser(n, mask, guest) => Command::AddUser {
            user: UserDetails {
                name: format!("Person {n}"),
                email: format!("p{n}@contoso.example"),
                kind: if *guest {
                    UserKind::Guest
                } else {
                    UserKind::Member
                },
                roles: roles(*mask),
            },
        },
        EditRoles(i, mask) => {
            let u = ws.user(&pick(&users, *i)?)?.clone();
            let mut details = u.details();
            details.roles = roles(*mask);
            Command::EditUser {
                user: u.id,
                details,
            }
        }
        Disable(i) => Command::DisableUser {
            user: pick(&users, *i)?,
        },
        Enable(i) => Command::EnableUser {
            user: pick(&users, *i)?,
        },
        AzureOffers(i, mask) => Command::SetUserAzureOffers {
            user: pick(&users, *i)?,
            offers: [
                AzureOtherOffer::AzurePass,
                AzureOtherOffer::EnterpriseAgreement,
                AzureOtherOffer::Other("Sponsorship".into()),
            ]
            .into_iter()
            .enumerate()
            .filter(|(k, _)| mask & (1 << k) != 0)
            .map(|(_, o)| o)
            .collect(),
        },
        UpdateOrg(mask, shift) => {
            let mut org = ws.organisation()?.clone();
            org.offers = Offer::ALL
                .into_iter()
                .enumerate()
                .filter(|(k, _)| mask & (1 << k) != 0)
                .map(|(_, o)| o)
                .collect();
            if shift % 4 == 0 {
                org.enrollment_year_start =
                    benefits_core::time::add_whole_months(org.enrollment_year_start, 12).ok()?;
            }
            Command::UpdateOrganisation { organisation: org }
        }
        Purchase(back) => Command::PurchasePackage {
            name: format!("Package {back}"),
            offer: Offer::ALL[*back as usize % 3],
            purchased_on: day(i64::from(*back % 40)),
        },
        Cancel(i) => Command::RequestPackageCancellation {
            package: pick(&ids(ws.packages()), *i)?,
        },
        AddSoftware(i, seed) => Command::AddSoftwareProduct {
            product: NewSoftwareProduct {
                name: format!("Product {seed}"),
                offer: Offer::Silver,
                package: pick(&ids(ws.packages()), *i),
                keys: vec![NewSoftwareKey {
                    key: key_text(*seed, 0),
                    activations: 1 + seed % 9,
                }],
                special_instructions: String::new(),
                languages: vec!["English".into()],
                os_types: vec!["Windows x64".into()],
                downloads: vec![DownloadLink {
                    language: "English".into(),
                    os_type: "Windows x64".into(),
                    url: format!("https://d.example/{seed}"),
                }],
            },
        },
        Reveal(i) => Command::RevealSoftwareKeys {
            product: pick(&ids(ws.software()), *i)?,
        },
        AddCredit(bulk, amount) => Command::AddAzureCredit {
            credit: NewAzureCredit {
                kind: if *bulk {
                    CreditKind::Bulk
                } else {
                    CreditKind::Monthly
                },
                amount_minor: i64::from(*amount),
                offer: Offer::Silver,
                benefit_type: BenefitType::Core,
                expires_on: day(-200),
            },
        },
        AssignCredit(c, i) => Command::AssignAzureCredit {
            credit: pick(&ids(ws.azure_credits()), *c)?,
            user: pick(&users, *i)?,
        },
        RemoveCreditUser(c, i) => Command::RemoveAzureCreditUser {
            credit: pick(&ids(ws.azure_credits()), *c)?,
            user: pick(&users, *i)?,
        },
        Transfer(c, i) => Command::TransferBulkCredit {
            credit: pick(&ids(ws.azure_credits()), *c)?,
            to: pick(&users, *i)?,
        },
        Spend(c, amount, back) => Command::RecordCreditSpend {
            credit: pick(&ids(ws.azure_credits()), *c)?,
            on: day(i64::from(*back % 60)),
            amount_minor: i64::from(*amount),
            note: String::new(),
        },
        AddLicense(p, n) => Command::AddLicenseBenefit {
            benefit: NewLicenseBenefit {
                product: PRODUCTS[*p as usize % 3].into(),
                licenses: i64::from(*n),
                offer: Offer::Gold,
                benefit_type: BenefitType::Incremental,
                benefit_expires_on: day(-300),
                instructions: String::new(),
            },
        },
        RecordSub(p, seats, len, disabled) => Command::RecordSubscription {
            subscription: NewSubscription {
                product: PRODUCTS[*p as usize % 3].into(),
                seats: i64::from(*seats % 600),
                start: day(300),
                end: day(300 - i64::from(*len) * 3),
                disabled: *disabled,
            },
        },
        SubDisabled(i, d) => Command::SetSubscriptionDisabled {
            subscription: pick(&ids(ws.subscriptions()), *i)?,
            disabled: *d,
        },
        AddKeys(p, seats, n, seed) => Command::AddProductKeys {
            product: PRODUCTS[*p as usize % 3].into(),
            seats: i64::from(*seats % 500),
            text: (0..u32::from(*n % 4))
                .map(|k| key_text(*seed, k))
                .collect::<Vec<_>>()
                .join("\n"),
        },
        Redeem(k, t, a) => {
            let keys: Vec<String> = ws.product_keys().keys().map(|k| k.to_string()).collect();
            let subs = ids(ws.subscriptions());
            let target = match t % 4 {
                0 => RedeemTarget::NewSubscription,
                _ => RedeemTarget::Existing {
                    subscription: pick(&subs, *t)?,
                },
            };
            Command::RedeemKey(RedeemRequest {
                key: pick(&keys, *k)?,
                target,
                action: Action::ALL[*a as usize % 3],
                confirm_tenant: if *a % 17 == 0 {
                    "wrong.example".into()
                } else {
                    TENANT_DOMAIN.into()
                },
            })
        }
        AddVs(q) => Command::AddVisualStudioSubscriptions {
            level: VsLevel::Professional,
            quantity: i64::from(*q % 4),
            offer: Offer::Silver,
        },
        AssignVs(v, i) => Command::AssignVisualStudio {
            subscription: pick(&ids(ws.visual_studio()), *v)?,
            user: pick(&users, *i)?,
        },
        UnassignVs(v) => Command::UnassignVisualStudio {
            subscription: pick(&ids(ws.visual_studio()), *v)?,
        },
        AddTech(k, n) => Command::AddTechnicalBenefit {
            benefit: NewTechnicalBenefit {
                kind: [
                    TechnicalKind::SignatureCloudSupport,
                    TechnicalKind::OnPremisesIncidents,
                    TechnicalKind::PresalesDeployment,
                ][*k as usize % 3],
                unit: if k % 2 == 0 {
                    AllowanceUnit::Hours
                } else {
                    AllowanceUnit::Incidents
                },
                allowance: i64::from(*n % 20),
            },
        },
        ActivateTech(i) => Command::ActivateTechnicalBenefit {
            benefit: pick(&ids(ws.technical_benefits()), *i)?,
        },
        ProcessTech(i) => Command::RecordTechnicalBenefitProcessed {
            benefit: pick(&ids(ws.technical_benefits()), *i)?,
            access_id: format!("A-{i}"),
            contract_id: format!("C-{i}"),
        },
        Support(i, area, n) => Command::LogSupportRequest {
            benefit: pick(&ids(ws.technical_benefits()), *i)?,
            area: [
                ProductArea::OnPremises,
                ProductArea::AzureNonCsp,
                ProductArea::Dynamics,
                ProductArea::Cloud,
            ][*area as usize % 4],
            title: "Help".into(),
            consumes: i64::from(*n % 4),
        },
        AddGtm(n) => Command::AddGtmOffer {
            name: format!("Offer {}", n % 5),
        },
        Contact(i, company) => Command::SetMarketingContact {
            contact: MarketingContact {
                user: pick(&users, *i)?,
                email: if *company {
                    "admin@contoso.example".into()
                } else {
                    format!("marketing{i}@contoso.example")
                },
                phone: "+1 425 555 0100".into(),
                preferred_language: "English".into(),
            },
        },
        ActivateGtm(i) => Command::ActivateGtmOffer {
            offer: pick(&ids(ws.gtm_offers()), *i)?,
        },
        RecordGtm(i, back, len) => Command::RecordGtmOfferActivated {
            offer: pick(&ids(ws.gtm_offers()), *i)?,
            activated_on: day(i64::from(*back % 5)),
            expires_on: day(i64::from(*back % 5) - i64::from(*len % 500)),
        },
        Remove(kind, i) => Command::RemoveRecord {
            record: match kind % 9 {
                0 => RecordRef::Package(pick(&ids(ws.packages()), *i)?),
                1 => RecordRef::Software(pick(&ids(ws.software()), *i)?),
                2 => RecordRef::AzureCredit(pick(&ids(ws.azure_credits()), *i)?),
                3 => RecordRef::LicenseBenefit(pick(&ids(ws.license_benefits()), *i)?),
                4 => RecordRef::Subscription(pick(&ids(ws.subscriptions()), *i)?),
                5 => RecordRef::ProductKey(pick(
                    &ws.product_keys()
                        .keys()
                        .map(|k| k.to_string())
                        .collect::<Vec<_>>(),
                    *i,
                )?),
                6 => RecordRef::VisualStudio(pick(&ids(ws.visual_studio()), *i)?),
                7 => RecordRef::Technical(pick(&ids(ws.technical_benefits()), *i)?),
                _ => RecordRef::GtmOffer(pick(&ids(ws.gtm_offers()), *i)?),
            },
        },
    })
}

fn start() -> (WorkspaceDoc, NaiveDateTime) {
    let today: NaiveDate = "2026-11-20".parse().unwrap();
    (
        demo::try_workspace(today).unwrap(),
        today.and_hms_opt(13, 0, 0).unwrap(),
    )
}

/// Runs the steps, checking after each one; returns the change kinds accepted.
fn run(steps: &[(u8, u16, Op)]) -> Result<Vec<String>, TestCaseError> {
    let (mut doc, mut now) = start();
    let mut accepted = Vec::new();
    for (who, hours, op) in steps {
        now += TimeDelta::hours(i64::from(*hours));
        let Some(cmd) = command(doc.workspace(), now.date(), op) else {
            continue;
        };
        let actor = actor(doc.workspace(), *who);
        // Events are append-only (no API removes or edits one): the state and the log's
        // length say everything about "nothing changed".
        let before = doc.workspace().clone();
        let logged = doc.events().len();
        // The role check alone says what decide says first: a refusal of may_give is
        // exactly decide's refusal, and a command decide accepts passes may_give.
        let gate = doc.workspace().may_give(&actor, &cmd);
        match (&gate, doc.workspace().decide(&actor, now, &cmd)) {
            (Err(g), Err(d)) => prop_assert_eq!(g, &d),
            (Err(g), Ok(_)) => prop_assert!(false, "may_give refused {:?}: {}", cmd, g),
            (Ok(()), _) => {}
        }
        match doc.apply(&actor, now, &cmd) {
            Ok(e) => {
                prop_assert_eq!(e.seq, logged as u64 + 1);
                // Externally tagged: the change is an object with one key, its kind.
                let json = serde_json::to_value(&e.change).unwrap();
                let tags: Vec<&String> = json.as_object().unwrap().keys().collect();
                prop_assert_eq!(tags, vec![e.change.kind()]);
                accepted.push(e.change.kind().to_string());
                let broken = doc.workspace().check_invariants();
                prop_assert!(broken.is_empty(), "after {:?}: {:?}", cmd, broken);
            }
            Err(err) => {
                prop_assert!(
                    *doc.workspace() == before && doc.events().len() == logged,
                    "refused {:?} but changed the document",
                    cmd
                );
                prop_assert!(!err.message.is_empty());
            }
        }
    }
    // Replay is identical, compared as data and as JSON.
    let replayed =
        Workspace::replay(doc.events()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(
        serde_json::to_string(&replayed).unwrap(),
        serde_json::to_string(doc.workspace()).unwrap()
    );
    prop_assert!(replayed == *doc.workspace());
    // The stored document reads back identical (version, replay check included).
    let loaded = WorkspaceDoc::from_json(&doc.to_json().unwrap())
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert!(loaded == doc);
    Ok(accepted)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, max_shrink_iters: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn replay_rebuilds_the_identical_state(steps in proptest::collection::vec(step(), 40..100)) {
        run(&steps)?;
    }
}

#[test]
fn random_sequences_reach_every_kind_of_change() {
    let mut runner = TestRunner::deterministic();
    let strategy = proptest::collection::vec(step(), 150);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for _ in 0..30 {
        let steps = strategy.new_tree(&mut runner).unwrap().current();
        for kind in run(&steps).unwrap() {
            *seen.entry(kind).or_default() += 1;
        }
    }
    let expected = [
        "organisation_updated",
        "user_added",
        "user_edited",
        "user_disabled",
        "user_enabled",
        "user_azure_offers_set",
        "package_purchased",
        "package_cancellation_requested",
        "software_product_added",
        "software_keys_revealed",
        "azure_credit_added",
        "azure_credit_user_assigned",
        "azure_credit_user_removed",
        "bulk_credit_transferred",
        "credit_spend_recorded",
        "license_benefit_added",
        "subscription_recorded",
        "subscription_disabled_set",
        "product_keys_added",
        "key_redeemed",
        "visual_studio_subscriptions_added",
        "visual_studio_assigned",
        "visual_studio_unassigned",
        "technical_benefit_added",
        "technical_benefit_activation_requested",
        "technical_benefit_processed",
        "support_request_logged",
        "gtm_offer_added",
        "marketing_contact_set",
        "gtm_offer_activation_requested",
        "gtm_offer_activated",
        "record_removed",
    ];
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|k| !seen.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty(),
        "never accepted: {missing:?}; seen {seen:?}"
    );
}
