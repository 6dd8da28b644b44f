//! Usage-based subscriptions: Azure credit (R-AZ-1..6).

use super::organisation::{BenefitType, Offer};
use crate::ids::{CreditId, UserId};
use crate::time::add_whole_months;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Monthly credit (e.g. 100 USD / month) or bulk, yearly credit (6000, 12000 or 13000 USD /
/// year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditKind {
    Monthly,
    Bulk,
}

impl CreditKind {
    pub fn label(self) -> &'static str {
        match self {
            CreditKind::Monthly => "monthly credit",
            CreditKind::Bulk => "bulk (yearly) credit",
        }
    }
}

/// An Azure credit benefit (R-AZ-6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AzureCredit {
    pub id: CreditId,
    pub kind: CreditKind,
    /// Per period (month or year), in minor units of the organisation's currency.
    pub amount_minor: i64,
    pub offer: Offer,
    pub benefit_type: BenefitType,
    pub expires_on: NaiveDate,
    /// Who has access. Monthly credit: any number; bulk credit: at most one.
    pub users: Vec<CreditUser>,
    /// Credit spent, as recorded (beyond the source, R-AZ-6).
    pub spend: Vec<CreditSpend>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CreditUser {
    pub user: UserId,
    pub since: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CreditSpend {
    pub on: NaiveDate,
    pub amount_minor: i64,
    pub note: String,
    pub recorded_by: UserId,
}

/// What a person enters for a credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAzureCredit {
    pub kind: CreditKind,
    pub amount_minor: i64,
    pub offer: Offer,
    pub benefit_type: BenefitType,
    pub expires_on: NaiveDate,
}

impl AzureCredit {
    /// The period containing `day`: the calendar month for monthly credit; for bulk credit
    /// the yearly period counted from the enrollment year's start (its anniversaries).
    /// Returned as `[first day, first day after)`.
    pub fn period_of(
        &self,
        day: NaiveDate,
        enrollment_start: NaiveDate,
    ) -> Option<(NaiveDate, NaiveDate)> {
        match self.kind {
            CreditKind::Monthly => {
                let first = NaiveDate::from_ymd_opt(day.year(), day.month(), 1)?;
                Some((first, add_whole_months(first, 1).ok()?))
            }
            CreditKind::Bulk => {
                let mut years = i128::from(day.year() - enrollment_start.year());
                let mut start = add_whole_months(enrollment_start, 12 * years).ok()?;
                if start > day {
                    years -= 1;
                    start = add_whole_months(enrollment_start, 12 * years).ok()?;
                }
                let end = add_whole_months(enrollment_start, 12 * (years + 1)).ok()?;
                Some((start, end))
            }
        }
    }

    /// Credit spent in the period containing `day`.
    pub fn spent_in_period(&self, day: NaiveDate, enrollment_start: NaiveDate) -> i64 {
        match self.period_of(day, enrollment_start) {
            Some((from, to)) => self
                .spend
                .iter()
                .filter(|s| s.on >= from && s.on < to)
                .fold(0i64, |acc, s| acc.saturating_add(s.amount_minor)),
            None => 0,
        }
    }

    /// What is left of the period containing `day` (R-AZ-6).
    pub fn remaining_in_period(&self, day: NaiveDate, enrollment_start: NaiveDate) -> i64 {
        self.amount_minor
            .saturating_sub(self.spent_in_period(day, enrollment_start))
    }

    /// The first day the credit covers: a credit is a benefit of one membership year, so it
    /// covers the 12 months that end on its expiry date.
    pub fn valid_from(&self) -> Option<NaiveDate> {
        add_whole_months(self.expires_on.succ_opt()?, -12).ok()
    }

    /// Whether the credit has expired on `today` (its expiry date is its last day).
    pub fn is_expired(&self, today: NaiveDate) -> bool {
        today > self.expires_on
    }

    pub fn has_user(&self, user: &UserId) -> bool {
        self.users.iter().any(|u| &u.user == user)
    }
}
