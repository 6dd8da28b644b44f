//! The product-key inventory (R-KEY-2..3): keys of license-based products, each with its
//! product and seats, and once redeemed, when, by whom, into which subscription, how.

use crate::ids::{SubscriptionId, UserId};
use crate::key::ProductKey;
use crate::proration::Action;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KeyRecord {
    pub key: ProductKey,
    pub product: String,
    /// Licenses on the key (K).
    pub seats: i64,
    pub added_on: NaiveDate,
    pub added_by: UserId,
    /// The order in which keys were added (the event's sequence number).
    pub added_seq: u64,
    pub redemption: Option<Redemption>,
}

/// A key can be redeemed once (R-KEY-3); this says when, by whom, into what, how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Redemption {
    pub at: NaiveDateTime,
    pub by: UserId,
    pub subscription: SubscriptionId,
    pub action: Action,
}

impl KeyRecord {
    pub fn is_redeemed(&self) -> bool {
        self.redemption.is_some()
    }
}
