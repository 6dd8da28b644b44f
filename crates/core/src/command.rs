//! Every change a person can make, as data (R-STATE-1). Apply one with
//! [`crate::Workspace::apply`] or [`crate::WorkspaceDoc::apply`].
//!
//! JSON: `{"command": "assign_visual_studio", "subscription": "vs-1", "user": "user-2"}`.

use crate::ids::*;
use crate::model::*;
use crate::proration::Action;
use crate::roles::Permission;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum Command {
    // ---- The workspace and the organisation (R-MEM-1)
    /// The first command of an empty workspace: creates the organisation and its first
    /// Global admin (who is recorded as the actor, whatever actor id was given).
    SetUpOrganisation {
        organisation: Organisation,
        first_global_admin: UserDetails,
    },
    UpdateOrganisation {
        organisation: Organisation,
    },

    // ---- Directory (R-DIR-1)
    AddUser {
        user: UserDetails,
    },
    EditUser {
        user: UserId,
        details: UserDetails,
    },
    DisableUser {
        user: UserId,
    },
    EnableUser {
        user: UserId,
    },
    /// Records the offers already on the user's Azure subscription (R-AZ-5).
    SetUserAzureOffers {
        user: UserId,
        offers: Vec<AzureOtherOffer>,
    },

    // ---- Packages (R-MEM-2)
    PurchasePackage {
        name: String,
        offer: Offer,
        purchased_on: NaiveDate,
    },
    RequestPackageCancellation {
        package: PackageId,
    },

    // ---- Software (R-SW)
    AddSoftwareProduct {
        product: NewSoftwareProduct,
    },
    /// "Get keys" (R-SW-2).
    RevealSoftwareKeys {
        product: SoftwareId,
    },

    // ---- Azure credit (R-AZ)
    AddAzureCredit {
        credit: NewAzureCredit,
    },
    AssignAzureCredit {
        credit: CreditId,
        user: UserId,
    },
    RemoveAzureCreditUser {
        credit: CreditId,
        user: UserId,
    },
    TransferBulkCredit {
        credit: CreditId,
        to: UserId,
    },
    RecordCreditSpend {
        credit: CreditId,
        on: NaiveDate,
        amount_minor: i64,
        #[serde(default)]
        note: String,
    },

    // ---- License-based subscriptions, tenant subscriptions, keys (R-LIC, R-KEY)
    AddLicenseBenefit {
        benefit: NewLicenseBenefit,
    },
    /// Records a subscription that already exists in the tenant.
    RecordSubscription {
        subscription: NewSubscription,
    },
    SetSubscriptionDisabled {
        subscription: SubscriptionId,
        disabled: bool,
    },
    /// Adds keys to the inventory, one per line of `text` (blank lines ignored). All or
    /// nothing: see [`crate::Workspace::review_key_paste`] for a line-by-line report.
    AddProductKeys {
        product: String,
        seats: i64,
        text: String,
    },
    /// The wizard's last step (R-KEY-4 step 5).
    RedeemKey(RedeemRequest),

    // ---- Visual Studio (R-VS)
    AddVisualStudioSubscriptions {
        level: VsLevel,
        quantity: i64,
        offer: Offer,
    },
    /// Assigns, or reassigns after 90 days (R-VS-2).
    AssignVisualStudio {
        subscription: VsId,
        user: UserId,
    },
    UnassignVisualStudio {
        subscription: VsId,
    },

    // ---- Technical benefits (R-TECH)
    AddTechnicalBenefit {
        benefit: NewTechnicalBenefit,
    },
    /// "Activate" → pending.
    ActivateTechnicalBenefit {
        benefit: TechId,
    },
    /// Records what Partner Center reports once processed → active.
    RecordTechnicalBenefitProcessed {
        benefit: TechId,
        access_id: String,
        contract_id: String,
    },
    LogSupportRequest {
        benefit: TechId,
        area: ProductArea,
        title: String,
        consumes: i64,
    },

    // ---- Go-To-Market (R-GTM)
    AddGtmOffer {
        name: String,
    },
    SetMarketingContact {
        contact: MarketingContact,
    },
    /// "Activate" → pending.
    ActivateGtmOffer {
        offer: GtmId,
    },
    /// Records what Partner Center reports → active until `expires_on`.
    RecordGtmOfferActivated {
        offer: GtmId,
        activated_on: NaiveDate,
        expires_on: NaiveDate,
    },

    // ---- Corrections
    /// Removes a record entered by mistake, when it has no history that must stay.
    RemoveRecord {
        record: RecordRef,
    },
}

/// Redeem a key (R-KEY-4): also the question asked by
/// [`crate::Workspace::preview_redemption`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedeemRequest {
    /// The key as typed; parsed with [`crate::ProductKey::parse`].
    pub key: String,
    pub target: RedeemTarget,
    pub action: Action,
    /// The tenant domain the person confirmed (step 2); must be the workspace's tenant.
    pub confirm_tenant: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RedeemTarget {
    /// A brand-new subscription of the key's product (only with "activate new").
    NewSubscription,
    /// A subscription in the tenant; "activate new" reactivates it when disabled/expired.
    Existing { subscription: SubscriptionId },
}

/// A record that [`Command::RemoveRecord`] can remove. JSON: `{"package": "pkg-1"}`
/// (externally tagged since schema version 2; version 1 stored `{"kind": "package", "id":
/// "pkg-1"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordRef {
    Package(PackageId),
    Software(SoftwareId),
    AzureCredit(CreditId),
    LicenseBenefit(LicenseBenefitId),
    Subscription(SubscriptionId),
    ProductKey(String),
    VisualStudio(VsId),
    Technical(TechId),
    GtmOffer(GtmId),
}

impl Command {
    /// Reads a command from the JSON that `Serialize` writes (what the app keeps in its queue
    /// of changes not yet sent), with the project's own reader rather than serde's derive,
    /// which would weigh on the browser's first download (`read.rs`). Same verdict and same
    /// value as the derive (`tests/command_json.rs`), except for the looser forms serde also
    /// takes and nothing writes: a structure written as a list, a date not written as
    /// `YYYY-MM-DD`. The refusal names the place: `user.email: expected text, found a number`.
    pub fn from_json(text: &str) -> Result<Command, String> {
        let value = crate::json::Json::parse(text).map_err(|e| e.to_string())?;
        Command::from_json_value(value)
    }

    /// [`Command::from_json`] of an already parsed value.
    pub fn from_json_value(value: crate::json::Json) -> Result<Command, String> {
        crate::read::command(value)
    }

    /// The row of the R-ROLE-1 matrix this command needs (`None` for the bootstrap command).
    pub fn permission(&self) -> Option<Permission> {
        use Command::*;
        Some(match self {
            SetUpOrganisation { .. } => return None,
            AddUser { .. }
            | EditUser { .. }
            | DisableUser { .. }
            | EnableUser { .. }
            | SetUserAzureOffers { .. } => Permission::ManageDirectory,
            PurchasePackage { .. } => Permission::PurchasePackage,
            RequestPackageCancellation { .. } => Permission::RequestCancellation,
            RevealSoftwareKeys { .. }
            | ActivateTechnicalBenefit { .. }
            | RecordTechnicalBenefitProcessed { .. }
            | LogSupportRequest { .. } => Permission::ActivateBenefits,
            AssignAzureCredit { .. }
            | RemoveAzureCreditUser { .. }
            | TransferBulkCredit { .. }
            | AssignVisualStudio { .. }
            | UnassignVisualStudio { .. } => Permission::AssignEmployeeBenefits,
            SetMarketingContact { .. }
            | ActivateGtmOffer { .. }
            | RecordGtmOfferActivated { .. } => Permission::GoToMarket,
            RedeemKey(_) => Permission::RedeemKey,
            UpdateOrganisation { .. }
            | AddSoftwareProduct { .. }
            | AddAzureCredit { .. }
            | RecordCreditSpend { .. }
            | AddLicenseBenefit { .. }
            | RecordSubscription { .. }
            | SetSubscriptionDisabled { .. }
            | AddProductKeys { .. }
            | AddVisualStudioSubscriptions { .. }
            | AddTechnicalBenefit { .. }
            | AddGtmOffer { .. }
            | RemoveRecord { .. } => Permission::RecordMembership,
        })
    }

    /// What the command does, to complete "Only a Global admin can …".
    pub fn what(&self) -> &'static str {
        use Command::*;
        match self {
            SetUpOrganisation { .. } => "set up the organisation",
            UpdateOrganisation { .. } => "change the organisation's details",
            AddUser { .. } => "add directory users",
            EditUser { .. } => "edit directory users and their roles",
            DisableUser { .. } => "disable directory users",
            EnableUser { .. } => "enable directory users",
            SetUserAzureOffers { .. } => "record the offers on a user's Azure subscription",
            PurchasePackage { .. } => "purchase a benefit package",
            RequestPackageCancellation { .. } => "request the cancellation of a package",
            AddSoftwareProduct { .. } => "add software products",
            RevealSoftwareKeys { .. } => "reveal software keys",
            AddAzureCredit { .. } => "add Azure credit",
            AssignAzureCredit { .. } => "assign Azure credit to employees",
            RemoveAzureCreditUser { .. } => "remove employees from Azure credit",
            TransferBulkCredit { .. } => "transfer Azure bulk credit",
            RecordCreditSpend { .. } => "record Azure credit spent",
            AddLicenseBenefit { .. } => "add license-based subscriptions",
            RecordSubscription { .. } => "record tenant subscriptions",
            SetSubscriptionDisabled { .. } => "record whether a tenant subscription is disabled",
            AddProductKeys { .. } => "add product keys",
            RedeemKey(_) => "redeem product keys in the tenant",
            AddVisualStudioSubscriptions { .. } => "add Visual Studio subscriptions",
            AssignVisualStudio { .. } => "assign Visual Studio subscriptions to employees",
            UnassignVisualStudio { .. } => "remove Visual Studio subscriptions from employees",
            AddTechnicalBenefit { .. } => "add technical benefits",
            ActivateTechnicalBenefit { .. } => "activate technical benefits",
            RecordTechnicalBenefitProcessed { .. } => {
                "record the Access ID and Contract ID of technical benefits"
            }
            LogSupportRequest { .. } => "log support requests",
            AddGtmOffer { .. } => "add Go-To-Market offers",
            SetMarketingContact { .. } => "set the marketing contact",
            ActivateGtmOffer { .. } => "activate Go-To-Market offers",
            RecordGtmOfferActivated { .. } => "record the activation of Go-To-Market offers",
            RemoveRecord { .. } => "remove records",
        }
    }
}
