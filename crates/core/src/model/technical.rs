//! Technical benefits (R-TECH-1..3).

use super::organisation::Offer;
use crate::ids::{SupportRequestId, TechId, UserId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The three kinds of technical benefit and who is eligible (R-TECH-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TechnicalKind {
    /// Signature Product Support for cloud products (break-fix): Gold/Silver only.
    SignatureCloudSupport,
    /// Product support incidents for recent on-premises products: Action Pack, Gold/Silver.
    OnPremisesIncidents,
    /// Technical presales and deployment services: Action Pack, Gold/Silver.
    PresalesDeployment,
}

impl TechnicalKind {
    pub fn label(self) -> &'static str {
        match self {
            TechnicalKind::SignatureCloudSupport => "Signature Product Support for cloud products",
            TechnicalKind::OnPremisesIncidents => {
                "Product support incidents for recent on-premises products"
            }
            TechnicalKind::PresalesDeployment => "Technical presales and deployment services",
        }
    }

    /// The offers that give this benefit (R-TECH-1).
    pub fn eligible_offers(self) -> &'static [Offer] {
        match self {
            TechnicalKind::SignatureCloudSupport => &[Offer::Silver, Offer::Gold],
            TechnicalKind::OnPremisesIncidents | TechnicalKind::PresalesDeployment => {
                &[Offer::ActionPack, Offer::Silver, Offer::Gold]
            }
        }
    }
}

/// What the allowance counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AllowanceUnit {
    Incidents,
    Hours,
}

impl AllowanceUnit {
    pub fn label(self) -> &'static str {
        match self {
            AllowanceUnit::Incidents => "incidents",
            AllowanceUnit::Hours => "hours",
        }
    }
}

/// Not activated → pending (a few days) → active with Access ID and Contract ID (R-TECH-2).
///
/// JSON (schema version 2): `"not_activated"`, `{"pending": {...}}`, `{"active": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum TechnicalState {
    NotActivated,
    Pending {
        requested_on: NaiveDate,
        requested_by: UserId,
    },
    Active {
        requested_on: NaiveDate,
        activated_on: NaiveDate,
        access_id: String,
        contract_id: String,
    },
}

/// What product a support request is about (R-TECH-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductArea {
    OnPremises,
    /// Azure bought other than through a Cloud Solution Provider.
    AzureNonCsp,
    Dynamics,
    /// Other cloud products (Microsoft 365, Azure through CSP…).
    Cloud,
}

impl ProductArea {
    pub fn label(self) -> &'static str {
        match self {
            ProductArea::OnPremises => "on-premises products",
            ProductArea::AzureNonCsp => "Azure (non-CSP)",
            ProductArea::Dynamics => "Dynamics",
            ProductArea::Cloud => "cloud products",
        }
    }

    /// R-TECH-3: requests about these need the Access ID and Contract ID.
    pub fn needs_access_and_contract_id(self) -> bool {
        matches!(
            self,
            ProductArea::OnPremises | ProductArea::AzureNonCsp | ProductArea::Dynamics
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SupportRequest {
    pub id: SupportRequestId,
    pub opened_on: NaiveDate,
    pub opened_by: UserId,
    pub area: ProductArea,
    pub title: String,
    /// Incidents or hours consumed, in the benefit's unit.
    pub consumed: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TechnicalBenefit {
    pub id: TechId,
    pub kind: TechnicalKind,
    pub unit: AllowanceUnit,
    /// Incidents or hours the benefit gives.
    pub allowance: i64,
    pub state: TechnicalState,
    pub requests: Vec<SupportRequest>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewTechnicalBenefit {
    pub kind: TechnicalKind,
    pub unit: AllowanceUnit,
    pub allowance: i64,
}

impl TechnicalBenefit {
    pub fn used(&self) -> i64 {
        self.requests
            .iter()
            .fold(0i64, |acc, r| acc.saturating_add(r.consumed))
    }

    /// Incidents or hours left (R-TECH-3).
    pub fn remaining(&self) -> i64 {
        self.allowance.saturating_sub(self.used())
    }

    /// The Access ID and Contract ID, once active.
    pub fn ids(&self) -> Option<(&str, &str)> {
        match &self.state {
            TechnicalState::Active {
                access_id,
                contract_id,
                ..
            } => Some((access_id, contract_id)),
            _ => None,
        }
    }
}
