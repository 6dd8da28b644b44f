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
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

impl Event {
    /// Reads one event from the JSON that `Serialize` writes (an event of a stored log, or
    /// one the sync API sends), with the same rules as the stored document's reader
    /// ([`crate::WorkspaceDoc::from_json`]). The refusal names the place: `change.user_added.user: …`.
    pub fn from_json(text: &str) -> Result<Event, String> {
        let value = crate::json::Json::parse(text).map_err(|e| e.to_string())?;
        Event::from_json_value(value)
    }

    /// [`Event::from_json`] of an already parsed value (an element of a list of events).
    pub fn from_json_value(value: crate::json::Json) -> Result<Event, String> {
        crate::read::event(value)
    }
}

/// A subscription's terms before or after a redemption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

/// JSON (schema version 2): externally tagged, `{"user_added": {"user": {…}}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
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
    /// A stable name of the kind of change: its JSON tag, the one key of the change's
    /// object (the replay tests check that the two agree). A plain match, not a trip through serde: it is called per activity
    /// line, and a serialisation per call is both slow and heavy in the browser's build.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::OrganisationSetUp { .. } => "organisation_set_up",
            Change::OrganisationUpdated { .. } => "organisation_updated",
            Change::UserAdded { .. } => "user_added",
            Change::UserEdited { .. } => "user_edited",
            Change::UserDisabled { .. } => "user_disabled",
            Change::UserEnabled { .. } => "user_enabled",
            Change::UserAzureOffersSet { .. } => "user_azure_offers_set",
            Change::PackagePurchased { .. } => "package_purchased",
            Change::PackageCancellationRequested { .. } => "package_cancellation_requested",
            Change::SoftwareProductAdded { .. } => "software_product_added",
            Change::SoftwareKeysRevealed { .. } => "software_keys_revealed",
            Change::AzureCreditAdded { .. } => "azure_credit_added",
            Change::AzureCreditUserAssigned { .. } => "azure_credit_user_assigned",
            Change::AzureCreditUserRemoved { .. } => "azure_credit_user_removed",
            Change::BulkCreditTransferred { .. } => "bulk_credit_transferred",
            Change::CreditSpendRecorded { .. } => "credit_spend_recorded",
            Change::LicenseBenefitAdded { .. } => "license_benefit_added",
            Change::SubscriptionRecorded { .. } => "subscription_recorded",
            Change::SubscriptionDisabledSet { .. } => "subscription_disabled_set",
            Change::ProductKeysAdded { .. } => "product_keys_added",
            Change::KeyRedeemed { .. } => "key_redeemed",
            Change::VisualStudioSubscriptionsAdded { .. } => "visual_studio_subscriptions_added",
            Change::VisualStudioAssigned { .. } => "visual_studio_assigned",
            Change::VisualStudioUnassigned { .. } => "visual_studio_unassigned",
            Change::TechnicalBenefitAdded { .. } => "technical_benefit_added",
            Change::TechnicalBenefitActivationRequested { .. } => {
                "technical_benefit_activation_requested"
            }
            Change::TechnicalBenefitProcessed { .. } => "technical_benefit_processed",
            Change::SupportRequestLogged { .. } => "support_request_logged",
            Change::GtmOfferAdded { .. } => "gtm_offer_added",
            Change::MarketingContactSet { .. } => "marketing_contact_set",
            Change::GtmOfferActivationRequested { .. } => "gtm_offer_activation_requested",
            Change::GtmOfferActivated { .. } => "gtm_offer_activated",
            Change::RecordRemoved { .. } => "record_removed",
        }
    }
}
