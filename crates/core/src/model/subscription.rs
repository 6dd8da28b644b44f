//! Tenant subscriptions: what redeeming keys creates and changes (R-KEY, R-PRO).

use crate::ids::SubscriptionId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Active, disabled or expired: derived from the end date and the disabled flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    Active,
    Disabled,
    Expired,
}

impl SubscriptionStatus {
    pub fn label(self) -> &'static str {
        match self {
            SubscriptionStatus::Active => "active",
            SubscriptionStatus::Disabled => "disabled",
            SubscriptionStatus::Expired => "expired",
        }
    }
}

/// A subscription in the organisation's tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    pub id: SubscriptionId,
    pub product: String,
    /// Active licenses (A).
    pub seats: i64,
    pub start: NaiveDate,
    /// The end date: the subscription is active while the end date is after today.
    pub end: NaiveDate,
    /// Disabled in the tenant (recorded by an admin); shown as disabled even before its end.
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSubscription {
    pub product: String,
    pub seats: i64,
    pub start: NaiveDate,
    pub end: NaiveDate,
    #[serde(default)]
    pub disabled: bool,
}

impl Subscription {
    /// Disabled if so flagged; expired once `today` reaches the end date (the same test
    /// proration uses, R-PRO-5); active otherwise.
    pub fn status(&self, today: NaiveDate) -> SubscriptionStatus {
        if self.disabled {
            SubscriptionStatus::Disabled
        } else if self.end <= today {
            SubscriptionStatus::Expired
        } else {
            SubscriptionStatus::Active
        }
    }
}
