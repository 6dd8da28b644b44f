//! Visual Studio subscriptions (R-VS-1..2).

use super::organisation::Offer;
use crate::ids::{UserId, VsId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Reassignment needs at least this many days since the assignment (R-VS-2).
pub const VS_REASSIGNMENT_DAYS: i64 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VsLevel {
    Enterprise,
    Professional,
}

impl VsLevel {
    pub fn label(self) -> &'static str {
        match self {
            VsLevel::Enterprise => "Visual Studio Enterprise",
            VsLevel::Professional => "Visual Studio Professional",
        }
    }
}

impl fmt::Display for VsLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One Visual Studio subscription ("Enterprise × 3" is three of these).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VsSubscription {
    pub id: VsId,
    pub level: VsLevel,
    pub offer: Offer,
    /// Assigned = activated (R-VS-1).
    pub assignment: Option<VsAssignment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VsAssignment {
    pub user: UserId,
    pub assigned_on: NaiveDate,
}

impl VsAssignment {
    /// The first day on which the subscription may go to someone else (R-VS-2).
    pub fn reassignable_from(&self) -> Option<NaiveDate> {
        super::plus_days(self.assigned_on, VS_REASSIGNMENT_DAYS)
    }
}
