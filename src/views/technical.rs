//! What the Technical benefits page shows (R-TECH-1..3), read from the workspace: each
//! benefit in plain words with its eligibility, its state, what it gives, what was used and
//! what is left, and the support requests logged against it. Every number comes from the
//! engine's records (`used()`, `remaining()`); every refusal from the engine.

use crate::i18n::pick;
use crate::views::vs::offer_label;
use benefits_core::model::{AllowanceUnit, ProductArea, TechnicalKind, TechnicalState};
use benefits_core::{TechId, Workspace};
use chrono::NaiveDate;

/// Where a benefit is in its life (R-TECH-2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TechState {
    NotActivated,
    Pending {
        since: NaiveDate,
        by: String,
    },
    Active {
        since: NaiveDate,
        access_id: String,
        contract_id: String,
    },
}

/// One support request as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRow {
    pub id: String,
    pub opened_on: NaiveDate,
    pub by: String,
    pub area: ProductArea,
    pub title: String,
    pub consumed: i64,
}

/// One technical benefit as its card shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TechRow {
    pub id: TechId,
    pub kind: TechnicalKind,
    pub unit: AllowanceUnit,
    pub allowance: i64,
    pub used: i64,
    pub remaining: i64,
    pub state: TechState,
    pub requests: Vec<RequestRow>,
}

pub fn tech_row(ws: &Workspace, id: &TechId) -> Option<TechRow> {
    let b = ws.technical_benefits().get(id)?;
    let state = match &b.state {
        TechnicalState::NotActivated => TechState::NotActivated,
        TechnicalState::Pending {
            requested_on,
            requested_by,
        } => TechState::Pending {
            since: *requested_on,
            by: ws.user_name(requested_by),
        },
        TechnicalState::Active {
            activated_on,
            access_id,
            contract_id,
            ..
        } => TechState::Active {
            since: *activated_on,
            access_id: access_id.clone(),
            contract_id: contract_id.clone(),
        },
    };
    // Newest first: the request just logged is at the top.
    let requests = b
        .requests
        .iter()
        .rev()
        .map(|r| RequestRow {
            id: r.id.to_string(),
            opened_on: r.opened_on,
            by: ws.user_name(&r.opened_by),
            area: r.area,
            title: r.title.clone(),
            consumed: r.consumed,
        })
        .collect();
    Some(TechRow {
        id: b.id.clone(),
        kind: b.kind,
        unit: b.unit,
        allowance: b.allowance,
        used: b.used(),
        remaining: b.remaining(),
        state,
        requests,
    })
}

/// The kind's name, in the partner's words.
pub fn kind_name(kind: TechnicalKind) -> &'static str {
    match kind {
        TechnicalKind::SignatureCloudSupport => pick(
            "Signature Product Support for cloud products",
            "Support produit Signature pour les produits cloud",
        ),
        TechnicalKind::OnPremisesIncidents => pick(
            "Product support incidents for on-premises products",
            "Incidents de support produit pour les produits locaux",
        ),
        TechnicalKind::PresalesDeployment => pick(
            "Technical presales and deployment services",
            "Services techniques d'avant-vente et de déploiement",
        ),
    }
}

/// What the kind is for, in one plain sentence (R-TECH-1).
pub fn kind_description(kind: TechnicalKind) -> &'static str {
    match kind {
        TechnicalKind::SignatureCloudSupport => pick(
            "Break-fix help from Microsoft when a cloud product you use or sell stops working.",
            "L'aide de Microsoft pour réparer un produit cloud que vous utilisez ou vendez quand il ne fonctionne plus.",
        ),
        TechnicalKind::OnPremisesIncidents => pick(
            "Support incidents for on-premises products of the current and the previous version only.",
            "Des incidents de support pour les produits locaux, version actuelle et précédente uniquement.",
        ),
        TechnicalKind::PresalesDeployment => pick(
            "Hours with Microsoft consultants to plan, sell and deploy cloud and hybrid solutions.",
            "Des heures avec des consultants Microsoft pour concevoir, vendre et déployer des solutions cloud et hybrides.",
        ),
    }
}

/// Who is eligible, from the engine's list of offers: "For Silver and Gold partners, not
/// Action Pack." / "For Action Pack, Silver and Gold partners."
pub fn eligibility(kind: TechnicalKind) -> String {
    let offers: Vec<&str> = kind
        .eligible_offers()
        .iter()
        .map(|o| offer_label(*o))
        .collect();
    let and = pick(" and ", " et ");
    let list = match offers.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{}{and}{last}", init.join(", ")),
    };
    let excluded: Vec<&str> = benefits_core::model::Offer::ALL
        .into_iter()
        .filter(|o| !kind.eligible_offers().contains(o))
        .map(offer_label)
        .collect();
    let mut text = format!(
        "{} {list} {}",
        pick("For", "Pour les partenaires"),
        pick("partners", "")
    )
    .trim_end()
    .to_string();
    if !excluded.is_empty() {
        text.push_str(&format!(", {} {}", pick("not", "pas"), excluded.join(and)));
    }
    text.push('.');
    text
}

/// "5 incidents", "1 incident", "20 hours".
pub fn amount(n: i64, unit: AllowanceUnit) -> String {
    let word = match (unit, n == 1 || n == -1) {
        (AllowanceUnit::Incidents, true) => pick("incident", "incident"),
        (AllowanceUnit::Incidents, false) => pick("incidents", "incidents"),
        (AllowanceUnit::Hours, true) => pick("hour", "heure"),
        (AllowanceUnit::Hours, false) => pick("hours", "heures"),
    };
    format!("{} {word}", crate::i18n::format_count(n))
}

pub fn unit_label(unit: AllowanceUnit) -> &'static str {
    match unit {
        AllowanceUnit::Incidents => pick("Incidents", "Incidents"),
        AllowanceUnit::Hours => pick("Hours", "Heures"),
    }
}

pub const AREAS: [ProductArea; 4] = [
    ProductArea::OnPremises,
    ProductArea::AzureNonCsp,
    ProductArea::Dynamics,
    ProductArea::Cloud,
];

pub fn area_label(area: ProductArea) -> &'static str {
    match area {
        ProductArea::OnPremises => pick("On-premises products", "Produits locaux"),
        ProductArea::AzureNonCsp => pick(
            "Azure (not through a Cloud Solution Provider)",
            "Azure (hors fournisseur de solutions cloud)",
        ),
        ProductArea::Dynamics => pick("Dynamics", "Dynamics"),
        ProductArea::Cloud => pick(
            "Other cloud products (Microsoft 365, Azure through CSP…)",
            "Autres produits cloud (Microsoft 365, Azure via CSP…)",
        ),
    }
}

pub fn area_value(area: ProductArea) -> &'static str {
    match area {
        ProductArea::OnPremises => "on_premises",
        ProductArea::AzureNonCsp => "azure_non_csp",
        ProductArea::Dynamics => "dynamics",
        ProductArea::Cloud => "cloud",
    }
}

pub fn area_from_value(value: &str) -> Option<ProductArea> {
    AREAS.into_iter().find(|a| area_value(*a) == value)
}

pub const KINDS: [TechnicalKind; 3] = [
    TechnicalKind::SignatureCloudSupport,
    TechnicalKind::OnPremisesIncidents,
    TechnicalKind::PresalesDeployment,
];

pub fn kind_value(kind: TechnicalKind) -> &'static str {
    match kind {
        TechnicalKind::SignatureCloudSupport => "signature_cloud_support",
        TechnicalKind::OnPremisesIncidents => "on_premises_incidents",
        TechnicalKind::PresalesDeployment => "presales_deployment",
    }
}

pub fn kind_from_value(value: &str) -> Option<TechnicalKind> {
    KINDS.into_iter().find(|k| kind_value(*k) == value)
}

pub fn unit_value(unit: AllowanceUnit) -> &'static str {
    match unit {
        AllowanceUnit::Incidents => "incidents",
        AllowanceUnit::Hours => "hours",
    }
}

pub fn unit_from_value(value: &str) -> Option<AllowanceUnit> {
    [AllowanceUnit::Incidents, AllowanceUnit::Hours]
        .into_iter()
        .find(|u| unit_value(*u) == value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::demo;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_demo_benefits_read_as_not_activated_pending_and_active() {
        let doc = demo::try_workspace(d("2026-11-20")).unwrap();
        let ws = doc.workspace();
        let signature = tech_row(ws, &TechId::from("tech-1")).unwrap();
        assert_eq!(signature.state, TechState::NotActivated);
        assert_eq!(
            (signature.allowance, signature.used, signature.remaining),
            (10, 0, 10)
        );

        let presales = tech_row(ws, &TechId::from("tech-2")).unwrap();
        assert_eq!(
            presales.state,
            TechState::Pending {
                since: d("2026-11-18"),
                by: "Mario Partner-Admin".to_string()
            }
        );
        assert_eq!(presales.unit, AllowanceUnit::Hours);

        let on_prem = tech_row(ws, &TechId::from("tech-3")).unwrap();
        assert_eq!(
            on_prem.state,
            TechState::Active {
                since: d("2026-11-04"),
                access_id: "PSA-7K2Q9X4M".to_string(),
                contract_id: "CT-5512-8841".to_string()
            }
        );
        assert_eq!(
            (on_prem.allowance, on_prem.used, on_prem.remaining),
            (5, 1, 4)
        );
        assert_eq!(on_prem.requests.len(), 1);
        assert_eq!(on_prem.requests[0].by, "Mario Partner-Admin");
        assert_eq!(on_prem.requests[0].opened_on, d("2026-11-13"));
        assert!(tech_row(ws, &TechId::from("tech-9")).is_none());
    }

    #[test]
    fn eligibility_is_said_from_the_engine_list_of_offers() {
        assert_eq!(
            eligibility(TechnicalKind::SignatureCloudSupport),
            "For Silver and Gold partners, not Action Pack."
        );
        assert_eq!(
            eligibility(TechnicalKind::OnPremisesIncidents),
            "For Action Pack, Silver and Gold partners."
        );
    }

    #[test]
    fn amounts_are_counted_in_the_benefit_unit() {
        assert_eq!(amount(1, AllowanceUnit::Incidents), "1 incident");
        assert_eq!(amount(4, AllowanceUnit::Incidents), "4 incidents");
        assert_eq!(amount(1250, AllowanceUnit::Hours), "1,250 hours");
    }

    #[test]
    fn select_values_read_back() {
        for a in AREAS {
            assert_eq!(area_from_value(area_value(a)), Some(a));
        }
        for k in KINDS {
            assert_eq!(kind_from_value(kind_value(k)), Some(k));
        }
        for u in [AllowanceUnit::Incidents, AllowanceUnit::Hours] {
            assert_eq!(unit_from_value(unit_value(u)), Some(u));
        }
        assert_eq!(area_from_value(""), None);
        assert_eq!(kind_from_value("gold_support"), None);
    }
}
