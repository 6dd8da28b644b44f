//! Identifiers of the workspace's records.
//!
//! Every id is a short text made of a prefix and a number (`user-3`, `sub-1`), handed out by
//! counters kept in the workspace, never at random: the same commands always give the same
//! ids. Ids order by number within a prefix (`user-9` before `user-10`).

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $prefix:literal) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The text before the number.
            pub const PREFIX: &'static str = $prefix;

            /// An id as stored or typed (it is not checked: an unknown id is simply not found).
            pub fn new(text: impl Into<String>) -> Self {
                $name(text.into())
            }

            /// The `n`-th id of this kind.
            pub fn from_number(n: u64) -> Self {
                $name(format!("{}-{}", $prefix, n))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The number after the prefix, when the id has the usual shape.
            pub fn number(&self) -> Option<u64> {
                self.0.strip_prefix($prefix)?.strip_prefix('-')?.parse().ok()
            }
        }

        /// Shorter ids first, then by text: numeric order for ids of the same prefix.
        impl Ord for $name {
            fn cmp(&self, other: &Self) -> Ordering {
                (self.0.len(), &self.0).cmp(&(other.0.len(), &other.0))
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.to_string())
            }
        }
    };
}

id_type!(
    /// A directory user (`user-1`).
    UserId,
    "user"
);
id_type!(
    /// A benefit package (`pkg-1`).
    PackageId,
    "pkg"
);
id_type!(
    /// A software product (`sw-1`).
    SoftwareId,
    "sw"
);
id_type!(
    /// An Azure credit, monthly or bulk (`credit-1`).
    CreditId,
    "credit"
);
id_type!(
    /// A license-based subscription benefit (`lic-1`).
    LicenseBenefitId,
    "lic"
);
id_type!(
    /// A tenant subscription (`sub-1`).
    SubscriptionId,
    "sub"
);
id_type!(
    /// One Visual Studio subscription (`vs-1`).
    VsId,
    "vs"
);
id_type!(
    /// A technical benefit (`tech-1`).
    TechId,
    "tech"
);
id_type!(
    /// A support request logged against a technical benefit (`req-1`).
    SupportRequestId,
    "req"
);
id_type!(
    /// A Go-To-Market offer (`gtm-1`).
    GtmId,
    "gtm"
);
id_type!(
    /// The service request that records a package cancellation (`sr-1`).
    ServiceRequestId,
    "sr"
);

/// The counters that hand out ids: the number of the last id given for each kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Counters {
    pub users: u64,
    pub packages: u64,
    pub software: u64,
    pub credits: u64,
    pub license_benefits: u64,
    pub subscriptions: u64,
    pub visual_studio: u64,
    pub technical: u64,
    pub support_requests: u64,
    pub gtm_offers: u64,
    pub service_requests: u64,
}

/// Raises a counter to an id's number (used when an event creates a record), so replaying
/// events always leaves the counters where applying the commands did.
pub(crate) fn bump(counter: &mut u64, number: Option<u64>) {
    if let Some(n) = number {
        if n > *counter {
            *counter = n;
        }
    }
}

/// The id after `counter` (saturating: 2^64 records will not happen).
pub(crate) fn next(counter: u64) -> u64 {
    counter.saturating_add(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_order_by_number_and_parse_back() {
        let nine = UserId::from_number(9);
        let ten = UserId::from_number(10);
        assert!(nine < ten);
        assert_eq!(ten.as_str(), "user-10");
        assert_eq!(ten.number(), Some(10));
        assert_eq!(UserId::new("someone").number(), None);
        assert_eq!(serde_json::to_string(&ten).unwrap(), "\"user-10\"");
    }
}
