//! Nothing panics on any input: extreme dates, amounts and texts, at extreme times.
//! Every command is either accepted (and the invariants hold) or refused (and nothing
//! changed).

use crate::common::*;

fn commands() -> Vec<Command> {
    let dates = [
        NaiveDate::MIN,
        d("1900-01-01"),
        d("9999-12-31"),
        NaiveDate::MAX,
    ];
    let numbers = [i64::MIN, -1, 0, 1, i64::MAX];
    let long = "x".repeat(100_000);
    let texts = ["", " ", "\u{0}\n\t", "ÉÀ—中文🙂", long.as_str()];
    let mut out = Vec::new();
    for date in dates {
        let mut org = demo().workspace().organisation().unwrap().clone();
        org.enrollment_year_start = date;
        out.push(Command::UpdateOrganisation { organisation: org });
        out.push(Command::PurchasePackage {
            name: "P".into(),
            offer: Offer::Gold,
            purchased_on: date,
        });
        out.push(Command::RecordCreditSpend {
            credit: CreditId::from("credit-1"),
            on: date,
            amount_minor: 1,
            note: String::new(),
        });
        out.push(Command::AddLicenseBenefit {
            benefit: NewLicenseBenefit {
                product: "P".into(),
                licenses: 1,
                offer: Offer::Gold,
                benefit_type: BenefitType::Core,
                benefit_expires_on: date,
                instructions: String::new(),
            },
        });
        out.push(Command::AddAzureCredit {
            credit: NewAzureCredit {
                kind: CreditKind::Bulk,
                amount_minor: 1,
                offer: Offer::Gold,
                benefit_type: BenefitType::Core,
                expires_on: date,
            },
        });
        for other in dates {
            out.push(Command::RecordSubscription {
                subscription: NewSubscription {
                    product: M365.into(),
                    seats: 1,
                    start: date,
                    end: other,
                    disabled: false,
                },
            });
            out.push(Command::RecordGtmOfferActivated {
                offer: GtmId::from("gtm-1"),
                activated_on: date,
                expires_on: other,
            });
        }
    }
    for n in numbers {
        out.push(Command::RecordCreditSpend {
            credit: CreditId::from("credit-1"),
            on: today(),
            amount_minor: n,
            note: String::new(),
        });
        out.push(Command::AddProductKeys {
            product: M365.into(),
            seats: n,
            text: "BBBBB-BBBBB-BBBBB-BBBBB-BBBBB".into(),
        });
        out.push(Command::AddVisualStudioSubscriptions {
            level: VsLevel::Enterprise,
            quantity: n,
            offer: Offer::Gold,
        });
        out.push(Command::AddTechnicalBenefit {
            benefit: NewTechnicalBenefit {
                kind: TechnicalKind::PresalesDeployment,
                unit: AllowanceUnit::Hours,
                allowance: n,
            },
        });
        out.push(Command::LogSupportRequest {
            benefit: TechId::from("tech-3"),
            area: ProductArea::Cloud,
            title: "t".into(),
            consumes: n,
        });
        out.push(Command::AddAzureCredit {
            credit: NewAzureCredit {
                kind: CreditKind::Monthly,
                amount_minor: n,
                offer: Offer::Gold,
                benefit_type: BenefitType::Core,
                expires_on: today(),
            },
        });
        out.push(Command::RecordSubscription {
            subscription: NewSubscription {
                product: M365.into(),
                seats: n,
                start: today(),
                end: d("2027-01-01"),
                disabled: false,
            },
        });
    }
    for t in texts {
        out.push(Command::AddUser {
            user: person(t, t, &[]),
        });
        out.push(Command::AddGtmOffer { name: t.into() });
        out.push(Command::AddProductKeys {
            product: t.into(),
            seats: 5,
            text: t.into(),
        });
        out.push(Command::RedeemKey(RedeemRequest {
            key: t.into(),
            target: existing(t),
            action: Action::AddLicenses,
            confirm_tenant: t.into(),
        }));
        out.push(Command::RemoveRecord {
            record: RecordRef::ProductKey(t.into()),
        });
        out.push(Command::SetMarketingContact {
            contact: MarketingContact {
                user: u(t),
                email: t.into(),
                phone: t.into(),
                preferred_language: t.into(),
            },
        });
        out.push(Command::LogSupportRequest {
            benefit: TechId::from(t),
            area: ProductArea::Dynamics,
            title: t.into(),
            consumes: 1,
        });
        out.push(Command::SetUserAzureOffers {
            user: u(NORA),
            offers: vec![AzureOtherOffer::Other(t.into())],
        });
        out.push(Command::RecordTechnicalBenefitProcessed {
            benefit: TechId::from("tech-2"),
            access_id: t.into(),
            contract_id: t.into(),
        });
    }
    out
}

#[test]
fn no_command_panics_on_extreme_values() {
    let times = [
        NaiveDateTime::MIN,
        noon(d("1899-12-31")),
        noon(d("1900-01-01")),
        now(),
        noon(d("9999-12-31")),
        NaiveDateTime::MAX,
    ];
    let base = demo();
    for when in times {
        for cmd in commands() {
            for actor in [GLORIA, MARIO, "", "user-999999999999999999999"] {
                let mut doc = base.clone();
                let before = doc.workspace().clone();
                match doc.apply(&u(actor), when, &cmd) {
                    Ok(_) => assert_eq!(
                        doc.workspace().check_invariants(),
                        Vec::<String>::new(),
                        "{cmd:?} at {when}"
                    ),
                    Err(e) => {
                        assert_eq!(*doc.workspace(), before);
                        assert!(!e.message.is_empty());
                    }
                }
                let _ = doc.workspace().preview_redemption(
                    &u(actor),
                    when,
                    &RedeemRequest {
                        key: M365_KEY_25.into(),
                        target: existing("sub-1"),
                        action: Action::ExtendEndDate,
                        confirm_tenant: TENANT_DOMAIN.into(),
                    },
                );
            }
        }
    }
}

#[test]
fn out_of_range_dates_are_refused_with_a_reason() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        MARIO,
        Command::AddLicenseBenefit {
            benefit: NewLicenseBenefit {
                product: "P".into(),
                licenses: 1,
                offer: Offer::Gold,
                benefit_type: BenefitType::Core,
                benefit_expires_on: NaiveDate::MAX,
                instructions: String::new(),
            },
        },
    );
    assert_refusal(
        &err,
        ErrorCode::DateOutOfRange,
        &["outside the dates this workspace handles"],
    );
    let err = refused_at(
        &mut doc,
        GLORIA,
        NaiveDateTime::MAX,
        Command::AddGtmOffer { name: "x".into() },
    );
    assert_refusal(
        &err,
        ErrorCode::DateOutOfRange,
        &["Check the device's clock"],
    );
}
