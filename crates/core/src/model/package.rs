//! Benefit packages and their cancellation (R-MEM-2).

use super::organisation::Offer;
use crate::ids::{PackageId, ServiceRequestId, UserId};
use chrono::NaiveDate;
use serde::Serialize;

/// Cancellation with refund may be requested up to this many days after purchase.
pub const CANCELLATION_WINDOW_DAYS: i64 = 30;

/// A purchased benefit package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitPackage {
    pub id: PackageId,
    pub name: String,
    pub offer: Offer,
    pub purchased_on: NaiveDate,
    pub purchased_by: UserId,
    /// Set once cancellation was requested ("cancellation requested").
    pub cancellation: Option<CancellationRequest>,
}

/// The service request that records a granted cancellation request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CancellationRequest {
    pub service_request: ServiceRequestId,
    pub requested_on: NaiveDate,
    pub requested_by: UserId,
}

impl BenefitPackage {
    /// The last day on which cancellation may be requested (purchase + 30 days).
    pub fn cancellation_window_last_day(&self) -> Option<NaiveDate> {
        super::plus_days(self.purchased_on, CANCELLATION_WINDOW_DAYS)
    }

    /// Whether `day` is within 30 days of purchase.
    pub fn in_cancellation_window(&self, day: NaiveDate) -> bool {
        let since = (day - self.purchased_on).num_days();
        (0..=CANCELLATION_WINDOW_DAYS).contains(&since)
    }
}
