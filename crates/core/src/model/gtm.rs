//! Go-To-Market offers and the marketing contact (R-GTM-1..3).

use crate::ids::{GtmId, UserId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Not activated → pending (several days) → active until its expiry date (R-GTM-3).
///
/// JSON (schema version 2): `"not_activated"`, `{"pending": {...}}`, `{"active": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum GtmState {
    NotActivated,
    Pending {
        requested_on: NaiveDate,
        requested_by: UserId,
    },
    Active {
        activated_on: NaiveDate,
        /// The last day the offer can be used.
        expires_on: NaiveDate,
    },
}

/// What the "Status" column shows on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GtmStatus {
    NotActivated,
    Pending,
    Active,
    Expired,
}

/// A Go-To-Market offer such as Silver Core, Gold Core, ISV Co-sell ready.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GtmOffer {
    pub id: GtmId,
    pub name: String,
    pub state: GtmState,
}

impl GtmOffer {
    /// R-GTM-3: usable until its expiry date, shown as expired after.
    pub fn status(&self, today: NaiveDate) -> GtmStatus {
        match &self.state {
            GtmState::NotActivated => GtmStatus::NotActivated,
            GtmState::Pending { .. } => GtmStatus::Pending,
            GtmState::Active { expires_on, .. } if today > *expires_on => GtmStatus::Expired,
            GtmState::Active { .. } => GtmStatus::Active,
        }
    }
}

/// The company's marketing contact (R-GTM-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketingContact {
    pub user: UserId,
    /// Must differ from the company's account email.
    pub email: String,
    pub phone: String,
    pub preferred_language: String,
}
