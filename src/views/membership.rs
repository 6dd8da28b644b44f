//! What the Membership overview shows (R-MEM-1, R-MEM-2): the organisation in a few lines,
//! its benefit packages with their state, and the reading of the purchase form. The
//! cancellation window's last day is the engine's (`cancellation_window_last_day`); whether
//! a cancellation is granted is the engine's answer to the command.

use crate::i18n::{format_date, pick};
use crate::planner::{read_date, InputProblem};
use benefits_core::model::Offer;
use benefits_core::{Command, PackageId, ServiceRequestId, Workspace};
use chrono::NaiveDate;

/// One line of the organisation's summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
    /// A stable name for tests and styles.
    pub key: &'static str,
}

/// An offer's name (the programme's own names, the same in both languages but Action Pack).
pub fn offer_label(offer: Offer) -> &'static str {
    match offer {
        Offer::ActionPack => "Action Pack",
        Offer::Silver => "Silver",
        Offer::Gold => "Gold",
    }
}

/// The organisation in a few lines (R-MEM-1); empty before it is set up.
pub fn facts(ws: &Workspace) -> Vec<Fact> {
    let Some(org) = ws.organisation() else {
        return Vec::new();
    };
    let offers = if org.offers.is_empty() {
        pick("None", "Aucune").to_string()
    } else {
        org.offers
            .iter()
            .map(|o| offer_label(*o))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let year = match org.enrollment_year_last_day() {
        Some(last) => format!(
            "{} – {}",
            format_date(org.enrollment_year_start),
            format_date(last)
        ),
        None => format_date(org.enrollment_year_start),
    };
    let mut facts = vec![
        Fact {
            label: pick("Organisation", "Organisation"),
            value: org.name.clone(),
            key: "name",
        },
        Fact {
            label: pick("MPN ID", "ID MPN"),
            value: org.mpn_id.clone(),
            key: "mpn-id",
        },
        Fact {
            label: pick("Offers", "Offres"),
            value: offers,
            key: "offers",
        },
    ];
    if !org.competencies.is_empty() {
        facts.push(Fact {
            label: pick("Competencies", "Compétences"),
            value: org.competencies.join(", "),
            key: "competencies",
        });
    }
    facts.extend([
        Fact {
            label: pick("Currency", "Devise"),
            value: org.currency.code().to_string(),
            key: "currency",
        },
        Fact {
            label: pick("Enrollment year", "Année d'inscription"),
            value: year,
            key: "enrollment-year",
        },
        Fact {
            label: pick("Company account email", "E-mail du compte de l'entreprise"),
            value: org.company_account_email.clone(),
            key: "company-email",
        },
        Fact {
            label: pick("Tenant", "Locataire"),
            value: format!("{} ({})", org.tenant.name, org.tenant.domain),
            key: "tenant",
        },
    ]);
    facts
}

/// Where a package stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PackageState {
    Active,
    CancellationRequested {
        service_request: ServiceRequestId,
        on: NaiveDate,
        by: String,
    },
}

/// One line of the packages table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PackageRow {
    pub id: PackageId,
    pub name: String,
    pub offer: Offer,
    pub purchased_on: NaiveDate,
    pub purchased_by: String,
    pub state: PackageState,
    /// The last day cancellation may be requested (the engine's date).
    pub window_last_day: Option<NaiveDate>,
    /// Whether today is within that window (the engine's `in_cancellation_window`).
    pub window_open: bool,
    /// The package's software, each with whether it was activated (keys revealed).
    pub software: Vec<(String, bool)>,
}

/// Every package, newest purchase first, as seen on `today`.
pub fn packages(ws: &Workspace, today: NaiveDate) -> Vec<PackageRow> {
    let mut rows: Vec<PackageRow> = ws
        .packages()
        .values()
        .map(|p| PackageRow {
            id: p.id.clone(),
            name: p.name.clone(),
            offer: p.offer,
            purchased_on: p.purchased_on,
            purchased_by: ws.user_name(&p.purchased_by),
            state: match &p.cancellation {
                None => PackageState::Active,
                Some(c) => PackageState::CancellationRequested {
                    service_request: c.service_request.clone(),
                    on: c.requested_on,
                    by: ws.user_name(&c.requested_by),
                },
            },
            window_last_day: p.cancellation_window_last_day(),
            window_open: p.in_cancellation_window(today),
            software: ws
                .software()
                .values()
                .filter(|s| s.package.as_ref() == Some(&p.id))
                .map(|s| (s.name.clone(), s.activated()))
                .collect(),
        })
        .collect();
    // Ids are unique, so no two rows tie: the unstable sort (smaller code) gives one order.
    rows.sort_unstable_by(|a, b| b.purchased_on.cmp(&a.purchased_on).then(b.id.cmp(&a.id)));
    rows
}

/// What the purchase form holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurchaseForm {
    pub name: String,
    pub offer: Offer,
    /// As the date input gives it: `2026-11-20`.
    pub purchased_on: String,
}

impl PurchaseForm {
    /// The command, or what to fix in the date first (the engine checks the rest).
    pub fn command(&self) -> Result<Command, String> {
        let purchased_on = match read_date(&self.purchased_on) {
            Ok(d) => d,
            Err(InputProblem::Missing) => {
                return Err(
                    pick("Enter the purchase date.", "Saisissez la date d'achat.").to_string(),
                )
            }
            Err(InputProblem::Unreadable(why)) => return Err(why),
        };
        Ok(Command::PurchasePackage {
            name: self.name.clone(),
            offer: self.offer,
            purchased_on,
        })
    }
}

/// A stable id for an offer (the form's values).
pub fn offer_id(offer: Offer) -> &'static str {
    match offer {
        Offer::ActionPack => "action_pack",
        Offer::Silver => "silver",
        Offer::Gold => "gold",
    }
}

pub fn offer_from_id(id: &str) -> Option<Offer> {
    Offer::ALL.into_iter().find(|o| offer_id(*o) == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::demo;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_summary_names_the_organisation() {
        let doc = demo::workspace(d("2026-11-20"));
        let facts = facts(doc.workspace());
        let get = |k: &str| facts.iter().find(|f| f.key == k).unwrap().value.clone();
        assert_eq!(get("name"), "Contoso Partners Ltd");
        assert_eq!(get("mpn-id"), "1234567");
        assert_eq!(get("currency"), "USD");
        assert_eq!(get("offers"), "Action Pack, Silver");
        assert!(get("tenant").contains("contoso.example"));
        assert_eq!(get("enrollment-year"), "20 August 2026 – 19 August 2027");
        assert!(super::facts(benefits_core::WorkspaceDoc::new().workspace()).is_empty());
    }

    #[test]
    fn packages_newest_first_with_their_window_and_software() {
        let doc = demo::workspace(d("2026-11-20"));
        let rows = packages(doc.workspace(), d("2026-11-20"));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].purchased_on, d("2026-11-10"));
        assert_eq!(rows[0].window_last_day, Some(d("2026-12-10")));
        assert!(rows[0].window_open);
        assert_eq!(rows[1].purchased_on, d("2026-09-21"));
        assert!(!rows[1].window_open);
        assert!(rows[1].software.iter().any(|(_, activated)| *activated));
        assert!(rows[0].software.iter().all(|(_, activated)| !*activated));
        assert!(rows.iter().all(|r| r.state == PackageState::Active));
    }

    #[test]
    fn the_purchase_form_reads_its_date() {
        let form = PurchaseForm {
            name: "Gold package".into(),
            offer: Offer::Gold,
            purchased_on: "2026-11-20".into(),
        };
        assert_eq!(
            form.command(),
            Ok(Command::PurchasePackage {
                name: "Gold package".into(),
                offer: Offer::Gold,
                purchased_on: d("2026-11-20"),
            })
        );
        let empty = PurchaseForm {
            purchased_on: " ".into(),
            ..form.clone()
        };
        assert_eq!(empty.command(), Err("Enter the purchase date.".to_string()));
        let bad = PurchaseForm {
            purchased_on: "20/11/2026".into(),
            ..form
        };
        assert!(bad.command().unwrap_err().contains("is not a date"));
        for o in Offer::ALL {
            assert_eq!(offer_from_id(offer_id(o)), Some(o));
        }
    }
}
