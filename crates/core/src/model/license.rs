//! License-based subscriptions (R-LIC-1..2): cloud products activated with product keys.

use super::organisation::{BenefitType, Offer};
use crate::ids::LicenseBenefitId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A license-based benefit. Its keys are the inventory's keys of the same product, and its
/// tenant subscriptions are those of the same product (names compare without case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LicenseBenefit {
    pub id: LicenseBenefitId,
    pub product: String,
    pub licenses: i64,
    pub offer: Offer,
    pub benefit_type: BenefitType,
    /// The last day of the right to use the benefit (not the subscription's end, R-LIC-2).
    pub benefit_expires_on: NaiveDate,
    /// Redemption instructions shown by "View details" (R-LIC-3).
    pub instructions: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewLicenseBenefit {
    pub product: String,
    pub licenses: i64,
    pub offer: Offer,
    pub benefit_type: BenefitType,
    pub benefit_expires_on: NaiveDate,
    #[serde(default)]
    pub instructions: String,
}

impl LicenseBenefit {
    /// R-LIC-2: the one-line explanation shown beside the two dates when the benefit's
    /// expiry and the tenant subscription's end date differ; `None` when they agree.
    pub fn expiry_explanation(&self, subscription_end: NaiveDate) -> Option<String> {
        let exp = self.benefit_expires_on;
        if exp == subscription_end {
            None
        } else if exp < subscription_end {
            Some(format!(
                "The tenant subscription runs until {subscription_end}, but the right to use this benefit ends on {exp}: after that day the licenses are no longer covered by your membership."
            ))
        } else {
            Some(format!(
                "The tenant subscription ends on {subscription_end}, before the benefit expires on {exp}: redeem a product key to keep the subscription running until then."
            ))
        }
    }
}
