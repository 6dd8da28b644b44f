//! Why the workspace refused a command.
//!
//! A [`DomainError`] has a stable [`ErrorCode`] for programs (snake_case in JSON, never
//! renamed once released), a sentence for a person (what was refused, why, what to do), and
//! the values the sentence names (`params`), so the app can show it in another language.

use crate::proration::{PlanError, PlanErrorCode};
use crate::record_map::RecordMap;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A refused command. Nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainError {
    pub code: ErrorCode,
    pub message: String,
    /// The values named in the message (dates, names, roles…), by name.
    #[serde(default, skip_serializing_if = "RecordMap::is_empty")]
    pub params: RecordMap<String, String>,
}

impl DomainError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> DomainError {
        DomainError {
            code,
            message: message.into(),
            params: RecordMap::new(),
        }
    }

    /// Adds a named value.
    pub fn with(mut self, name: &str, value: impl fmt::Display) -> DomainError {
        self.params.insert(name.to_string(), value.to_string());
        self
    }
}

impl fmt::Display for DomainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DomainError {}

impl From<PlanError> for DomainError {
    fn from(e: PlanError) -> DomainError {
        let code = match e.error {
            PlanErrorCode::ExtensionOver3Years => ErrorCode::ExtensionOver3Years,
            PlanErrorCode::SubscriptionNotActive => ErrorCode::SubscriptionNotActive,
            PlanErrorCode::InvalidActiveSeats => ErrorCode::InvalidActiveSeats,
            PlanErrorCode::InvalidKeySeats => ErrorCode::InvalidKeySeats,
            PlanErrorCode::MissingEndDate => ErrorCode::MissingEndDate,
            PlanErrorCode::DateOutOfRange => ErrorCode::DateOutOfRange,
        };
        DomainError::new(code, e.message)
    }
}

/// Stable codes. Add new ones at the end of their group; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // Who is acting (R-ROLE-1).
    /// The acting user is not in the directory.
    UnknownActor,
    /// The acting user is disabled.
    ActorDisabled,
    /// The acting user has no role: they may only be told whom to ask.
    NoRole,
    /// The acting user's roles do not allow this.
    PermissionDenied,

    // The workspace itself.
    /// Nothing can be done before the organisation is set up.
    NoOrganisation,
    /// The organisation is already set up.
    OrganisationExists,

    // Values typed by a person.
    /// A required text is empty.
    MissingValue,
    /// A value is not acceptable (too long, wrong shape, out of range); `params.field` says which.
    InvalidValue,
    /// An email address is not valid.
    InvalidEmail,
    /// A date is not acceptable (in the future, end before start…).
    InvalidDate,
    /// An amount of money or a quantity is not acceptable.
    InvalidAmount,

    // Records.
    /// No directory user with this id (R-AZ-2: the user must exist in the directory).
    UserNotFound,
    /// No record of this kind with this id; `params.kind` says which kind.
    RecordNotFound,
    /// The record cannot be removed: it has history that must stay.
    RecordInUse,

    // Directory (R-DIR-1).
    /// Another directory user already has this email address (case-insensitive).
    EmailInUse,
    /// The target user is disabled.
    UserDisabled,
    /// The change would leave no enabled Global admin.
    LastGlobalAdmin,
    /// The user is already enabled / already disabled.
    NothingToChange,

    // Packages (R-MEM-2).
    /// More than 30 days since purchase.
    CancellationWindowClosed,
    /// A software benefit of the package was activated (keys revealed).
    CancellationBlockedByActivation,
    /// Cancellation was already requested.
    CancellationAlreadyRequested,

    // Software (R-SW).
    /// The same key appears twice (in a product, in a paste, or already in the inventory).
    DuplicateKey,
    /// A download link names a language or OS type the product does not list.
    DownloadLinkMismatch,

    // Azure credit (R-AZ).
    /// R-AZ-4: bulk credit cannot be removed from its user, only transferred.
    BulkCreditRemoveNotAvailable,
    /// R-AZ-4: bulk credit can be transferred only during the enrollment year.
    TransferOutsideEnrollmentYear,
    /// R-AZ-5: the user's Azure subscription carries an offer bulk credit cannot combine with.
    BulkCreditConflictingOffer,
    /// Bulk credit already has its user: transfer it instead.
    BulkCreditAlreadyAssigned,
    /// The user already has this credit.
    CreditUserAlreadyAssigned,
    /// The user does not have this credit.
    CreditUserNotAssigned,
    /// A spend larger than what is left of the credit's period.
    CreditBalanceExceeded,
    /// A spend dated after the credit's expiry date.
    CreditExpired,

    // Visual Studio (R-VS).
    /// R-VS-2: fewer than 90 days since the assignment.
    VsReassignmentTooEarly,
    /// The subscription is already assigned to this user.
    VsAlreadyAssignedToUser,
    /// The subscription is not assigned to anyone.
    VsNotAssigned,

    // Technical benefits (R-TECH).
    /// R-TECH-1: the organisation's offers do not give this benefit.
    TechNotEligible,
    /// The benefit is not in the state this step needs (e.g. already pending).
    TechInvalidState,
    /// R-TECH-3: the request needs an active benefit with Access ID and Contract ID.
    TechIdsRequired,
    /// R-TECH-3: not enough incidents or hours left.
    TechAllowanceExceeded,

    // Go-To-Market (R-GTM).
    /// R-GTM-2: an offer cannot be activated before a marketing contact is assigned.
    GtmMarketingContactRequired,
    /// R-GTM-2: the contact's email must differ from the company account email.
    MarketingContactEmailIsCompanyEmail,
    /// The offer is not in the state this step needs.
    GtmInvalidState,

    // Product keys and redemption (R-KEY, R-PRO).
    /// R-KEY-1: the text is not a product key; `params.key_error` has the key error's code.
    KeyMalformed,
    /// A pasted list of keys has problems; see `review_key_paste` for each line.
    KeyPasteHasProblems,
    /// The key is not in the workspace's inventory.
    KeyUnknown,
    /// R-KEY-3: the key was already redeemed (the message says when, by whom, into what).
    KeyAlreadyRedeemed,
    /// The key's product is not the subscription's product.
    KeyProductMismatch,
    /// R-KEY-4 step 2: the tenant was not confirmed.
    TenantNotConfirmed,
    /// "Activate new" on a subscription that is still active.
    SubscriptionStillActive,
    /// Extend / add need an existing subscription.
    ActionNeedsExistingSubscription,
    /// R-PRO-5: extend / add need an active subscription.
    SubscriptionNotActive,
    /// R-PRO-5: more than 36 months of extension.
    #[serde(rename = "extension_over_3_years")]
    ExtensionOver3Years,
    /// R-PRO-5: A must be a whole number ≥ 1.
    InvalidActiveSeats,
    /// R-PRO-5: K must be a whole number ≥ 1.
    InvalidKeySeats,
    /// Extend / add without an end date.
    MissingEndDate,
    /// A date, given or computed, outside 1900-01-01..=9999-12-31.
    DateOutOfRange,

    // Added with issue 17: values a partner can trust.
    /// An amount does not follow the interface language's way of writing numbers;
    /// `params.text`, `params.currency`, `params.notation` (`en`/`fr`) and, when the other
    /// language's way reads it, `params.meant_minor`.
    AmountUnreadable,
    /// An amount has more decimals than its currency; `params.read_as` (a plain decimal such
    /// as `12.505`), `params.digits`, and maybe `params.meant_minor`.
    AmountTooPrecise,
    /// An amount below zero; `params.text`.
    AmountNegative,
    /// An amount above any benefit; `params.max_minor`.
    AmountTooLarge,
    /// A membership record's date before 2000 or more than 10 years after the enrollment
    /// year's start (`params.field`, `value`, `earliest`, `latest`).
    DateOutsideMembership,
    /// A currency code that is not an active ISO 4217 currency (`params.value`).
    UnknownCurrency,
    /// The currency cannot change while amounts are recorded in it (`params.credits`).
    CurrencyInUse,
    /// Spend dated before the credit's period began (`params.on`, `params.from`).
    SpendBeforeCreditPeriod,
    /// An expired Azure credit cannot get new people (`params.expires_on`).
    CreditExpiredNoNewUser,
    /// A paste of keys longer than one paste may hold (`params.lines`, `params.max`).
    KeyPasteTooLong,
    /// A file larger than the planner reads (`params.bytes`, `params.max_bytes`).
    FileTooLarge,
    /// A file with more rows than the planner reads (`params.rows`, `params.max`).
    TooManyRows,

    /// A defect of this program, not of the input. Nothing changed.
    Internal,
}

impl ErrorCode {
    /// The code as it appears in JSON.
    pub fn as_str(self) -> &'static str {
        // Every variant is a unit variant, so the name is always there.
        crate::variant_name::variant_name(&self).unwrap_or_default()
    }
}

/// Something to check before going on: the command would be accepted, but its values are
/// unusual. The app shows it beside the field before the command is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandWarning {
    pub code: CommandWarningCode,
    pub message: String,
    /// The values named in the message, by name.
    #[serde(default, skip_serializing_if = "RecordMap::is_empty")]
    pub params: RecordMap<String, String>,
}

impl CommandWarning {
    pub fn new(code: CommandWarningCode, message: impl Into<String>) -> CommandWarning {
        CommandWarning {
            code,
            message: message.into(),
            params: RecordMap::new(),
        }
    }

    /// Adds a named value.
    pub fn with(mut self, name: &str, value: impl fmt::Display) -> CommandWarning {
        self.params.insert(name.to_string(), value.to_string());
        self
    }
}

/// Stable codes of [`CommandWarning`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommandWarningCode {
    /// Bulk credit comes as 6,000, 12,000 or 13,000 USD a year (R-AZ-1); another amount is
    /// probably mistyped (`params.amount_minor`, `params.usual`).
    UnusualBulkCreditAmount,
}

impl CommandWarningCode {
    /// The code as it appears in JSON.
    pub fn as_str(self) -> &'static str {
        crate::variant_name::variant_name(&self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_snake_case() {
        assert_eq!(
            ErrorCode::VsReassignmentTooEarly.as_str(),
            "vs_reassignment_too_early"
        );
        assert_eq!(
            ErrorCode::ExtensionOver3Years.as_str(),
            "extension_over_3_years"
        );
        let e = DomainError::new(ErrorCode::NoRole, "x").with("who", "Nora");
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "no_role");
        assert_eq!(v["params"]["who"], "Nora");
    }
}
