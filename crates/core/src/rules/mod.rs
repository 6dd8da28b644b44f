//! The decide half of `apply`: every rule of SPEC §1–§4, read-only. Each function checks a
//! command and returns the [`Change`] it makes, or the refusal.

pub mod azure;
pub mod directory;
pub mod gtm;
pub mod organisation;
pub mod packages;
pub mod records;
pub mod redeem;
pub mod software;
pub mod subscriptions;
pub mod technical;
pub mod visual_studio;

use crate::command::Command;
use crate::error::{DomainError, ErrorCode};
use crate::event::Change;
use crate::ids::UserId;
use crate::model::{DirectoryUser, Organisation};
use crate::record_map::{RecordMap, Slot};
use crate::workspace::Workspace;
use chrono::NaiveDate;
use std::fmt::Display;

/// What every rule may look at.
pub(crate) struct Ctx<'a> {
    pub ws: &'a Workspace,
    pub org: &'a Organisation,
    pub actor: &'a DirectoryUser,
    pub today: NaiveDate,
}

pub(crate) fn decide(ctx: &Ctx, command: &Command) -> Result<Change, DomainError> {
    use Command::*;
    match command {
        SetUpOrganisation { .. } => Err(DomainError::new(
            ErrorCode::OrganisationExists,
            format!(
                "The organisation {} is already set up; change its details instead.",
                ctx.org.name
            ),
        )),
        UpdateOrganisation { organisation } => organisation::update(ctx, organisation),
        AddUser { user } => directory::add(ctx, user),
        EditUser { user, details } => directory::edit(ctx, user, details),
        DisableUser { user } => directory::set_disabled(ctx, user, true),
        EnableUser { user } => directory::set_disabled(ctx, user, false),
        SetUserAzureOffers { user, offers } => directory::set_azure_offers(ctx, user, offers),
        PurchasePackage {
            name,
            offer,
            purchased_on,
        } => packages::purchase(ctx, name, *offer, *purchased_on),
        RequestPackageCancellation { package } => packages::request_cancellation(ctx, package),
        AddSoftwareProduct { product } => software::add(ctx, product),
        RevealSoftwareKeys { product } => software::reveal(ctx, product),
        AddAzureCredit { credit } => azure::add(ctx, credit),
        AssignAzureCredit { credit, user } => azure::assign(ctx, credit, user),
        RemoveAzureCreditUser { credit, user } => azure::remove_user(ctx, credit, user),
        TransferBulkCredit { credit, to } => azure::transfer(ctx, credit, to),
        RecordCreditSpend {
            credit,
            on,
            amount_minor,
            note,
        } => azure::record_spend(ctx, credit, *on, *amount_minor, note),
        AddLicenseBenefit { benefit } => subscriptions::add_license_benefit(ctx, benefit),
        RecordSubscription { subscription } => subscriptions::record(ctx, subscription),
        SetSubscriptionDisabled {
            subscription,
            disabled,
        } => subscriptions::set_disabled(ctx, subscription, *disabled),
        AddProductKeys {
            product,
            seats,
            text,
        } => subscriptions::add_keys(ctx, product, *seats, text),
        RedeemKey(request) => redeem::decide(ctx, request).map(|p| p.change),
        AddVisualStudioSubscriptions {
            level,
            quantity,
            offer,
        } => visual_studio::add(ctx, *level, *quantity, *offer),
        AssignVisualStudio { subscription, user } => visual_studio::assign(ctx, subscription, user),
        UnassignVisualStudio { subscription } => visual_studio::unassign(ctx, subscription),
        AddTechnicalBenefit { benefit } => technical::add(ctx, benefit),
        ActivateTechnicalBenefit { benefit } => technical::activate(ctx, benefit),
        RecordTechnicalBenefitProcessed {
            benefit,
            access_id,
            contract_id,
        } => technical::record_processed(ctx, benefit, access_id, contract_id),
        LogSupportRequest {
            benefit,
            area,
            title,
            consumes,
        } => technical::log_support_request(ctx, benefit, *area, title, *consumes),
        AddGtmOffer { name } => gtm::add(ctx, name),
        SetMarketingContact { contact } => gtm::set_contact(ctx, contact),
        ActivateGtmOffer { offer } => gtm::activate(ctx, offer),
        RecordGtmOfferActivated {
            offer,
            activated_on,
            expires_on,
        } => gtm::record_activated(ctx, offer, *activated_on, *expires_on),
        RemoveRecord { record } => records::remove(ctx, record),
    }
}

/// A record of `kind` that is not there.
pub(crate) fn not_found(kind: &str, id: impl Display) -> DomainError {
    DomainError::new(
        ErrorCode::RecordNotFound,
        format!("There is no {kind} {id} in this workspace. It may have been removed; reload and choose again."),
    )
    .with("kind", kind)
    .with("id", id)
}

pub(crate) fn get<'a, K: Ord + Display, V, S: Slot<V>>(
    map: &'a RecordMap<K, V, S>,
    kind: &str,
    id: &K,
) -> Result<&'a V, DomainError> {
    map.get(id).ok_or_else(|| not_found(kind, id))
}

/// A directory user who can receive a benefit: exists (R-AZ-2) and is enabled.
pub(crate) fn enabled_user<'a>(
    ctx: &Ctx<'a>,
    id: &UserId,
) -> Result<&'a DirectoryUser, DomainError> {
    let Some(user) = ctx.ws.users.get(id) else {
        return Err(DomainError::new(
            ErrorCode::UserNotFound,
            format!("There is no directory user {id}. Add the person in Account settings first, then try again."),
        )
        .with("user", id));
    };
    if user.disabled {
        return Err(DomainError::new(
            ErrorCode::UserDisabled,
            format!(
                "{} ({}) is disabled in the directory. Enable the account in Account settings first, or choose someone else.",
                user.name, user.email
            ),
        )
        .with("user", id));
    }
    Ok(user)
}

pub(crate) fn nothing_to_change(what: String) -> DomainError {
    DomainError::new(ErrorCode::NothingToChange, what)
}
