//! The demo workspace the app shows on first open, relative to `today`.
//!
//! It is built by applying real commands with back-dated times, so its activity log tells a
//! true history and its state passed every rule. The same `today` always gives the same
//! document (ids are counters, never random).

use crate::command::Command;
use crate::doc::WorkspaceDoc;
use crate::error::DomainError;
use crate::ids::*;
use crate::model::*;
use crate::money::Currency;
use crate::roles::{Role, RoleSet};
use crate::time::add_whole_months;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Gloria Global-Admin (`global_admin`): the app's default acting user.
pub const GLORIA: &str = "user-1";
/// Mario Partner-Admin (`mpn_partner_admin`).
pub const MARIO: &str = "user-2";
/// Uma User-Admin (`user_admin`).
pub const UMA: &str = "user-3";
/// Andy Admin-Agent (`admin_agent`).
pub const ANDY: &str = "user-4";
/// Nora No-Role (no role). Her Azure subscription carries an Azure Pass (R-AZ-5).
pub const NORA: &str = "user-5";
/// Gus Guest (guest, no role).
pub const GUS: &str = "user-6";

/// The tenant to confirm in the redemption wizard.
pub const TENANT_DOMAIN: &str = "contoso.example";

/// Microsoft 365 Business Premium keys: 25, 100 and 400 licenses (unredeemed).
pub const M365_KEY_25: &str = "QK7TW-M4R8C-XYBD2-H96PJ-FG3VT";
pub const M365_KEY_100: &str = "7JXRD-3WQ9M-B2HKT-P8CYF-6VG4D";
pub const M365_KEY_400: &str = "TC2W9-HD7QB-K4XMF-RJ63P-Y8VGB";
/// The Power BI Pro key (10 licenses, unredeemed).
pub const POWER_BI_KEY: &str = "MW8Q3-TJXKD-9RBHY-C6VP2-G7F4K";

pub const M365: &str = "Microsoft 365 Business Premium";
pub const POWER_BI: &str = "Power BI Pro";

/// The earliest and latest `today` the demo is built for; other days are clamped to these
/// (the demo reaches 15 months back and 12 months ahead, and membership records start in
/// 2000: `validate::EARLIEST_RECORD_DATE`).
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(2002, 1, 1) {
    Some(d) => d,
    None => panic!("valid constant"),
};
pub const LATEST: NaiveDate = match NaiveDate::from_ymd_opt(9990, 12, 31) {
    Some(d) => d,
    None => panic!("valid constant"),
};

/// The demo document for `today`. Infallible: if a step could ever be refused (a defect,
/// tested against), the document built so far is returned.
pub fn workspace(today: NaiveDate) -> WorkspaceDoc {
    let mut doc = WorkspaceDoc::new();
    let _ = build(&mut doc, today.clamp(EARLIEST, LATEST));
    doc
}

/// The demo document for `today`, or the first step that was refused.
pub fn try_workspace(today: NaiveDate) -> Result<WorkspaceDoc, DomainError> {
    let mut doc = WorkspaceDoc::new();
    build(&mut doc, today.clamp(EARLIEST, LATEST))?;
    Ok(doc)
}

struct Builder<'a> {
    doc: &'a mut WorkspaceDoc,
    today: NaiveDate,
    minute: u32,
}

impl Builder<'_> {
    fn day(&self, days_ago: i64) -> NaiveDate {
        plus_days(self.today, -days_ago)
    }

    /// Applies a command `days_ago` days before today, at 09:00 plus a minute per step so
    /// the log stays in order within a day.
    fn at(&mut self, days_ago: i64, actor: &str, command: Command) -> Result<(), DomainError> {
        self.minute = (self.minute + 1) % 600;
        let time =
            NaiveTime::from_hms_opt(9 + self.minute / 60, self.minute % 60, 0).unwrap_or_default();
        let when = NaiveDateTime::new(self.day(days_ago), time);
        self.doc
            .apply(&UserId::from(actor), when, &command)
            .map(|_| ())
    }
}

fn plus_days(d: NaiveDate, days: i64) -> NaiveDate {
    crate::model::plus_days(d, days).unwrap_or(d)
}

fn months(d: NaiveDate, n: i128) -> NaiveDate {
    add_whole_months(d, n).unwrap_or(d)
}

fn roles(list: &[Role]) -> RoleSet {
    list.into()
}

fn person(name: &str, email: &str, kind: UserKind, r: &[Role]) -> UserDetails {
    UserDetails {
        name: name.to_string(),
        email: email.to_string(),
        kind,
        roles: roles(r),
    }
}

fn organisation(enrollment_year_start: NaiveDate) -> Organisation {
    Organisation {
        name: "Contoso Partners Ltd".to_string(),
        mpn_id: "1234567".to_string(),
        company_account_email: "admin@contoso.example".to_string(),
        currency: Currency::usd(),
        enrollment_year_start,
        offers: [Offer::Silver, Offer::ActionPack].into_iter().collect(),
        competencies: vec!["Cloud Productivity".to_string()],
        tenant: Tenant {
            name: "Contoso Partners Ltd".to_string(),
            domain: TENANT_DOMAIN.to_string(),
        },
    }
}

fn links(product: &str, languages: &[&str], os: &[&str]) -> Vec<DownloadLink> {
    let mut out = Vec::new();
    for l in languages {
        for o in os {
            out.push(DownloadLink {
                language: l.to_string(),
                os_type: o.to_string(),
                url: format!(
                    "https://downloads.contoso.example/{product}/{}-{}.iso",
                    l.to_lowercase(),
                    o.to_lowercase().replace(' ', "-")
                ),
            });
        }
    }
    out
}

fn build(doc: &mut WorkspaceDoc, today: NaiveDate) -> Result<(), DomainError> {
    let mut b = Builder {
        doc,
        today,
        minute: 0,
    };
    let this_year = months(today, -3);
    let last_year = months(today, -15);
    let year_last_day = plus_days(months(this_year, 12), -1);

    // 150 days ago: the workspace is set up, during the previous enrollment year.
    b.at(
        150,
        GLORIA,
        Command::SetUpOrganisation {
            organisation: organisation(last_year),
            first_global_admin: person(
                "Gloria Global-Admin",
                "gloria@contoso.example",
                UserKind::Member,
                &[],
            ),
        },
    )?;
    for (name, email, kind, r) in [
        (
            "Mario Partner-Admin",
            "mario@contoso.example",
            UserKind::Member,
            &[Role::MpnPartnerAdmin][..],
        ),
        (
            "Uma User-Admin",
            "uma@contoso.example",
            UserKind::Member,
            &[Role::UserAdmin][..],
        ),
        (
            "Andy Admin-Agent",
            "andy@contoso.example",
            UserKind::Member,
            &[Role::AdminAgent][..],
        ),
        (
            "Nora No-Role",
            "nora@contoso.example",
            UserKind::Member,
            &[][..],
        ),
        ("Gus Guest", "gus@contoso.example", UserKind::Guest, &[][..]),
    ] {
        b.at(
            150,
            GLORIA,
            Command::AddUser {
                user: person(name, email, kind, r),
            },
        )?;
    }
    b.at(
        150,
        UMA,
        Command::SetUserAzureOffers {
            user: UserId::from(NORA),
            offers: vec![AzureOtherOffer::AzurePass],
        },
    )?;
    b.at(
        150,
        MARIO,
        Command::AddVisualStudioSubscriptions {
            level: VsLevel::Enterprise,
            quantity: 3,
            offer: Offer::Silver,
        },
    )?;
    for (kind, unit, allowance) in [
        (
            TechnicalKind::SignatureCloudSupport,
            AllowanceUnit::Incidents,
            10,
        ),
        (TechnicalKind::PresalesDeployment, AllowanceUnit::Hours, 20),
        (
            TechnicalKind::OnPremisesIncidents,
            AllowanceUnit::Incidents,
            5,
        ),
    ] {
        b.at(
            150,
            MARIO,
            Command::AddTechnicalBenefit {
                benefit: NewTechnicalBenefit {
                    kind,
                    unit,
                    allowance,
                },
            },
        )?;
    }
    for name in ["Silver Core", "ISV Co-sell ready"] {
        b.at(
            150,
            MARIO,
            Command::AddGtmOffer {
                name: name.to_string(),
            },
        )?;
    }

    // 120 days ago: a Visual Studio subscription for Uma.
    b.at(
        120,
        GLORIA,
        Command::AssignVisualStudio {
            subscription: VsId::from("vs-2"),
            user: UserId::from(UMA),
        },
    )?;

    // Three months ago: the membership is renewed; this year's benefits are recorded.
    let renewal = (today - this_year).num_days();
    b.at(
        renewal,
        MARIO,
        Command::UpdateOrganisation {
            organisation: organisation(this_year),
        },
    )?;
    for (kind, amount, offer) in [
        (CreditKind::Monthly, 10_000, Offer::ActionPack),
        (CreditKind::Bulk, 600_000, Offer::Silver),
    ] {
        b.at(
            renewal,
            MARIO,
            Command::AddAzureCredit {
                credit: NewAzureCredit {
                    kind,
                    amount_minor: amount,
                    offer,
                    benefit_type: BenefitType::Core,
                    expires_on: year_last_day,
                },
            },
        )?;
    }
    for (product, licenses, offer, benefit_type) in [
        (M365, 100, Offer::Silver, BenefitType::Core),
        (POWER_BI, 10, Offer::ActionPack, BenefitType::Incremental),
    ] {
        b.at(
            renewal,
            MARIO,
            Command::AddLicenseBenefit {
                benefit: NewLicenseBenefit {
                    product: product.to_string(),
                    licenses,
                    offer,
                    benefit_type,
                    benefit_expires_on: year_last_day,
                    instructions: format!(
                        "Redeem the keys in the admin center of the {TENANT_DOMAIN} tenant: choose to activate a new subscription, extend the end date, or add licenses. A key can be redeemed only once."
                    ),
                },
            },
        )?;
    }
    let m365_end = months(today, 2);
    let power_bi_end = plus_days(today, -20);
    for (product, seats, end) in [(M365, 100, m365_end), (POWER_BI, 10, power_bi_end)] {
        b.at(
            renewal,
            MARIO,
            Command::RecordSubscription {
                subscription: NewSubscription {
                    product: product.to_string(),
                    seats,
                    start: months(end, -12),
                    end,
                    disabled: false,
                },
            },
        )?;
    }
    for (product, seats, key) in [
        (M365, 25, M365_KEY_25),
        (M365, 100, M365_KEY_100),
        (M365, 400, M365_KEY_400),
        (POWER_BI, 10, POWER_BI_KEY),
    ] {
        b.at(
            renewal,
            MARIO,
            Command::AddProductKeys {
                product: product.to_string(),
                seats,
                text: key.to_string(),
            },
        )?;
    }

    // 80 days ago: Azure credit goes to employees (a guest included).
    for (credit, user) in [("credit-1", MARIO), ("credit-1", GUS), ("credit-2", GLORIA)] {
        b.at(
            80,
            GLORIA,
            Command::AssignAzureCredit {
                credit: CreditId::from(credit),
                user: UserId::from(user),
            },
        )?;
    }

    // 60 days ago: the Action Pack package, with Windows Server, whose keys Mario reveals.
    b.at(
        60,
        ANDY,
        Command::PurchasePackage {
            name: "Microsoft Action Pack".to_string(),
            offer: Offer::ActionPack,
            purchased_on: b.day(60),
        },
    )?;
    b.at(
        60,
        MARIO,
        Command::AddSoftwareProduct {
            product: NewSoftwareProduct {
                name: "Windows Server 2022 Datacenter".to_string(),
                offer: Offer::ActionPack,
                package: Some(PackageId::from("pkg-1")),
                keys: vec![NewSoftwareKey {
                    key: "W7XKB-QT3MD-8HJ2C-VRP6Y-3K7WQ".to_string(),
                    activations: 10,
                }],
                special_instructions:
                    "Use the key for up to 10 servers in your internal environment only."
                        .to_string(),
                languages: vec![
                    "English".to_string(),
                    "French".to_string(),
                    "German".to_string(),
                ],
                os_types: vec!["Windows x64".to_string()],
                downloads: links(
                    "windows-server-2022",
                    &["English", "French", "German"],
                    &["Windows x64"],
                ),
            },
        },
    )?;
    b.at(
        55,
        MARIO,
        Command::RevealSoftwareKeys {
            product: SoftwareId::from("sw-1"),
        },
    )?;

    // 30 days ago: Mario gets a Visual Studio subscription.
    b.at(
        30,
        GLORIA,
        Command::AssignVisualStudio {
            subscription: VsId::from("vs-1"),
            user: UserId::from(MARIO),
        },
    )?;

    // Technical benefits: one active (with IDs and, later, a support request).
    b.at(
        20,
        GLORIA,
        Command::ActivateTechnicalBenefit {
            benefit: TechId::from("tech-3"),
        },
    )?;
    b.at(
        16,
        MARIO,
        Command::RecordTechnicalBenefitProcessed {
            benefit: TechId::from("tech-3"),
            access_id: "PSA-7K2Q9X4M".to_string(),
            contract_id: "CT-5512-8841".to_string(),
        },
    )?;
    // 10 days ago: the Silver package (still cancellable), with Office, keys not revealed.
    b.at(
        10,
        MARIO,
        Command::PurchasePackage {
            name: "Silver Cloud Productivity".to_string(),
            offer: Offer::Silver,
            purchased_on: b.day(10),
        },
    )?;
    b.at(
        10,
        MARIO,
        Command::AddSoftwareProduct {
            product: NewSoftwareProduct {
                name: "Office LTSC Professional Plus 2021".to_string(),
                offer: Offer::Silver,
                package: Some(PackageId::from("pkg-2")),
                keys: vec![NewSoftwareKey {
                    key: "BF4GY-KT9DX-HM2CJ-R6PVW-Q8T3Y".to_string(),
                    activations: 5,
                }],
                special_instructions: String::new(),
                languages: vec!["English".to_string(), "French".to_string()],
                os_types: vec![
                    "Windows x64".to_string(),
                    "Windows x86".to_string(),
                    "Windows ARM64".to_string(),
                ],
                downloads: links(
                    "office-ltsc-2021",
                    &["English", "French"],
                    &["Windows x64", "Windows x86", "Windows ARM64"],
                ),
            },
        },
    )?;

    b.at(
        7,
        MARIO,
        Command::LogSupportRequest {
            benefit: TechId::from("tech-3"),
            area: ProductArea::OnPremises,
            title: "Exchange Server 2019 mail flow stops after a cumulative update".to_string(),
            consumes: 1,
        },
    )?;

    b.at(
        2,
        MARIO,
        Command::ActivateTechnicalBenefit {
            benefit: TechId::from("tech-2"),
        },
    )?;
    b.at(
        1,
        MARIO,
        Command::RecordCreditSpend {
            credit: CreditId::from("credit-1"),
            on: b.day(1),
            amount_minor: 4_250,
            note: "Test virtual machines".to_string(),
        },
    )?;
    Ok(())
}

/// The `i`-th of a run of distinct, well-formed product keys (not real ones).
pub fn sample_key(i: usize) -> String {
    let alphabet = crate::key::KEY_ALPHABET.as_bytes();
    let mut n = i;
    (0..25)
        .map(|_| {
            let c = alphabet[n % alphabet.len()] as char;
            n /= alphabet.len();
            c
        })
        .collect()
}

/// "Employee `i`", a member with no role: the bulk of a large directory.
pub fn employee(i: usize) -> Command {
    Command::AddUser {
        user: UserDetails {
            name: format!("Employee {i}"),
            email: format!("employee{i}@contoso.example"),
            kind: UserKind::Member,
            roles: Default::default(),
        },
    }
}

/// The demo workspace with `users` more people and `benefits` more benefit records of every
/// kind: for measuring the engine and the pages on a large partner (benches, e2e).
pub fn large(today: NaiveDate, users: usize, benefits: usize) -> Result<WorkspaceDoc, DomainError> {
    let mut doc = workspace(today);
    let mut now = today.and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default());
    let mut apply = |actor: &str, cmd: Command| {
        now += chrono::TimeDelta::minutes(1);
        doc.apply(&UserId::from(actor), now, &cmd).map(|_| ())
    };
    for i in 0..users {
        apply(GLORIA, employee(i))?;
    }
    for i in 0..benefits {
        let cmd = match i % 6 {
            0 => Command::AddSoftwareProduct {
                product: NewSoftwareProduct {
                    name: format!("Software {i}"),
                    offer: Offer::Silver,
                    package: None,
                    keys: vec![NewSoftwareKey {
                        key: sample_key(i + 1_000_000),
                        activations: 5,
                    }],
                    special_instructions: String::new(),
                    languages: vec!["English".into(), "French".into()],
                    os_types: vec!["Windows x64".into()],
                    downloads: vec![DownloadLink {
                        language: "English".into(),
                        os_type: "Windows x64".into(),
                        url: format!("https://d.example/{i}"),
                    }],
                },
            },
            1 => Command::AddAzureCredit {
                credit: NewAzureCredit {
                    kind: CreditKind::Monthly,
                    amount_minor: 10_000,
                    offer: Offer::ActionPack,
                    benefit_type: BenefitType::Core,
                    expires_on: "2027-08-19".parse().unwrap(),
                },
            },
            2 => Command::AddLicenseBenefit {
                benefit: NewLicenseBenefit {
                    product: format!("Product {i}"),
                    licenses: 25,
                    offer: Offer::Silver,
                    benefit_type: BenefitType::Core,
                    benefit_expires_on: "2027-08-19".parse().unwrap(),
                    instructions: String::new(),
                },
            },
            3 => Command::AddVisualStudioSubscriptions {
                level: VsLevel::Professional,
                quantity: 1,
                offer: Offer::Silver,
            },
            4 => Command::AddTechnicalBenefit {
                benefit: NewTechnicalBenefit {
                    kind: TechnicalKind::PresalesDeployment,
                    unit: AllowanceUnit::Hours,
                    allowance: 20,
                },
            },
            _ => Command::AddGtmOffer {
                name: format!("Offer {i}"),
            },
        };
        apply(MARIO, cmd)?;
    }
    Ok(doc)
}
