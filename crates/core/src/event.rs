//! What happened: one [`Event`] per accepted command, appended to the activity log.
//!
//! A [`Change`] is a fact, with the data needed to apply it ([`crate::Workspace::evolve`])
//! and to write an activity-log line ([`crate::Workspace::describe`]). Events are never
//! edited or removed.

use crate::command::RecordRef;
use crate::ids::*;
use crate::key::ProductKey;
use crate::model::*;
use crate::proration::{Action, Warning};
use crate::time::Months;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// 1, 2, 3… in the order applied.
    pub seq: u64,
    /// When (UTC), as passed to `apply`.
    pub at: NaiveDateTime,
    /// Who: the acting directory user.
    pub actor: UserId,
    pub change: Change,
}

/// A subscription's terms before or after a redemption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubscriptionTerms {
    pub seats: i64,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub disabled: bool,
}

impl SubscriptionTerms {
    pub fn of(s: &Subscription) -> SubscriptionTerms {
        SubscriptionTerms {
            seats: s.seats,
            start: s.start,
            end: s.end,
            disabled: s.disabled,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    OrganisationSetUp {
        organisation: Organisation,
        first_admin: DirectoryUser,
    },
    OrganisationUpdated {
        before: Organisation,
        after: Organisation,
    },
    UserAdded {
        user: DirectoryUser,
    },
    UserEdited {
        user: UserId,
        before: UserDetails,
        after: UserDetails,
    },
    UserDisabled {
        user: UserId,
    },
    UserEnabled {
        user: UserId,
    },
    UserAzureOffersSet {
        user: UserId,
        before: Vec<AzureOtherOffer>,
        after: Vec<AzureOtherOffer>,
    },
    PackagePurchased {
        package: BenefitPackage,
    },
    PackageCancellationRequested {
        package: PackageId,
        request: CancellationRequest,
    },
    SoftwareProductAdded {
        product: SoftwareProduct,
    },
    /// "Get keys"; the first reveal activates the benefit.
    SoftwareKeysRevealed {
        product: SoftwareId,
        first_time: bool,
    },
    AzureCreditAdded {
        credit: AzureCredit,
    },
    AzureCreditUserAssigned {
        credit: CreditId,
        user: UserId,
        on: NaiveDate,
    },
    AzureCreditUserRemoved {
        credit: CreditId,
        user: UserId,
    },
    BulkCreditTransferred {
        credit: CreditId,
        from: UserId,
        to: UserId,
        on: NaiveDate,
    },
    CreditSpendRecorded {
        credit: CreditId,
        spend: CreditSpend,
    },
    LicenseBenefitAdded {
        benefit: LicenseBenefit,
    },
    SubscriptionRecorded {
        subscription: Subscription,
    },
    SubscriptionDisabledSet {
        subscription: SubscriptionId,
        disabled: bool,
    },
    /// Keys added to the inventory; each record takes the event's date, actor and seq.
    ProductKeysAdded {
        product: String,
        seats: i64,
        keys: Vec<ProductKey>,
    },
    KeyRedeemed {
        key: ProductKey,
        product: String,
        key_seats: i64,
        action: Action,
        subscription: SubscriptionId,
        /// A new subscription was created (target "new subscription").
        created: bool,
        before: Option<SubscriptionTerms>,
        after: SubscriptionTerms,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        months_added: Option<Months>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        warnings: Vec<Warning>,
    },
    VisualStudioSubscriptionsAdded {
        subscriptions: Vec<VsSubscription>,
    },
    VisualStudioAssigned {
        subscription: VsId,
        user: UserId,
        on: NaiveDate,
        previous: Option<VsAssignment>,
    },
    VisualStudioUnassigned {
        subscription: VsId,
        previous: VsAssignment,
    },
    TechnicalBenefitAdded {
        benefit: TechnicalBenefit,
    },
    TechnicalBenefitActivationRequested {
        benefit: TechId,
        on: NaiveDate,
    },
    TechnicalBenefitProcessed {
        benefit: TechId,
        activated_on: NaiveDate,
        access_id: String,
        contract_id: String,
    },
    SupportRequestLogged {
        benefit: TechId,
        request: SupportRequest,
    },
    GtmOfferAdded {
        offer: GtmOffer,
    },
    MarketingContactSet {
        before: Option<MarketingContact>,
        after: MarketingContact,
    },
    GtmOfferActivationRequested {
        offer: GtmId,
        on: NaiveDate,
    },
    GtmOfferActivated {
        offer: GtmId,
        activated_on: NaiveDate,
        expires_on: NaiveDate,
    },
    RecordRemoved {
        record: RecordRef,
        /// What it was, for the activity log.
        label: String,
    },
}

impl Change {
    /// A stable name of the kind of change (the JSON `type`).
    pub fn kind(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("type").and_then(|t| t.as_str().map(str::to_string)))
            .unwrap_or_default()
    }
}
