//! The workspace: the state of one partner organisation's benefits, changed only by
//! [`Workspace::apply`].
//!
//! `apply` = **decide** (check the command against every rule, read-only, and say what
//! changes as a [`Change`]) then **evolve** (apply that fact). [`Workspace::replay`] folds
//! the same `evolve` over a list of events from an empty workspace, so a workspace rebuilt
//! from its activity log is identical by construction.

use crate::command::{Command, RedeemRequest};
use crate::error::{CommandWarning, DomainError, ErrorCode};
use crate::event::{Change, Event};
use crate::ids::*;
use crate::key::ProductKey;
use crate::model::*;
use crate::record_map::RecordMap;
use crate::roles::{acting_as, allowed, roles_phrase, Permission, Role};
use crate::rules::{self, Ctx};
use crate::time::{MAX_DATE, MIN_DATE};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// Everything the workspace knows. Read it through the accessors; change it only with
/// [`Workspace::apply`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    pub(crate) organisation: Option<Organisation>,
    pub(crate) users: RecordMap<UserId, DirectoryUser>,
    pub(crate) packages: RecordMap<PackageId, BenefitPackage>,
    pub(crate) software: RecordMap<SoftwareId, SoftwareProduct>,
    pub(crate) azure_credits: RecordMap<CreditId, AzureCredit>,
    pub(crate) license_benefits: RecordMap<LicenseBenefitId, LicenseBenefit>,
    pub(crate) subscriptions: RecordMap<SubscriptionId, Subscription>,
    /// Boxed: keys are random text, each new one goes in the middle (see [`RecordMap`]).
    pub(crate) product_keys: RecordMap<ProductKey, KeyRecord, Box<KeyRecord>>,
    pub(crate) visual_studio: RecordMap<VsId, VsSubscription>,
    pub(crate) technical_benefits: RecordMap<TechId, TechnicalBenefit>,
    pub(crate) gtm_offers: RecordMap<GtmId, GtmOffer>,
    pub(crate) marketing_contact: Option<MarketingContact>,
    pub(crate) counters: Counters,
    /// The sequence number of the last event applied (0 for an empty workspace).
    pub(crate) last_seq: u64,
}

/// An event that does not fit the workspace it is applied to (a damaged log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplayError {
    pub seq: u64,
    pub message: String,
}

impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "event {}: {}", self.seq, self.message)
    }
}

impl std::error::Error for ReplayError {}

impl Workspace {
    /// An empty workspace: it accepts only [`Command::SetUpOrganisation`].
    pub fn new() -> Workspace {
        Workspace::default()
    }

    // ------------------------------------------------------------------ the mutation path

    /// Checks `command` as done by `actor` at `now` (UTC) and, if every rule allows it,
    /// applies it and returns the event to append to the activity log. A refused command
    /// changes nothing.
    pub fn apply(
        &mut self,
        actor: &UserId,
        now: NaiveDateTime,
        command: &Command,
    ) -> Result<Event, DomainError> {
        let (actor, change) = self.decide(actor, now, command)?;
        let event = Event {
            seq: self.last_seq.saturating_add(1),
            at: now,
            actor,
            change,
        };
        self.evolve(&event).map_err(|e| {
            DomainError::new(
                ErrorCode::Internal,
                format!("Nothing was changed: the workspace could not record this change ({e}). This is a defect of the app; please report it."),
            )
        })?;
        Ok(event)
    }

    /// The read-only half of `apply`: who the event will name as actor, and what changes.
    pub fn decide(
        &self,
        actor: &UserId,
        now: NaiveDateTime,
        command: &Command,
    ) -> Result<(UserId, Change), DomainError> {
        let today = now.date();
        if !(MIN_DATE..=MAX_DATE).contains(&today) {
            return Err(DomainError::new(
                ErrorCode::DateOutOfRange,
                format!("The current date {today} is outside the dates this workspace handles ({MIN_DATE} to {MAX_DATE}). Check the device's clock."),
            ));
        }
        if let Command::SetUpOrganisation {
            organisation,
            first_global_admin,
        } = command
        {
            return rules::organisation::set_up(self, organisation, first_global_admin, today);
        }
        let Some(org) = self.organisation.as_ref() else {
            return Err(DomainError::new(
                ErrorCode::NoOrganisation,
                "This workspace is empty: set up the organisation and its first Global admin first.",
            ));
        };
        self.may_give(actor, command)?;
        let user = self.acting_user(actor)?;
        let ctx = Ctx {
            ws: self,
            org,
            actor: user,
            today,
        };
        let change = rules::decide(&ctx, command)?;
        Ok((user.id.clone(), change))
    }

    /// Rebuilds a workspace from its activity log.
    pub fn replay<'a>(
        events: impl IntoIterator<Item = &'a Event>,
    ) -> Result<Workspace, ReplayError> {
        let mut ws = Workspace::new();
        for e in events {
            ws.evolve(e)?;
        }
        Ok(ws)
    }

    /// Applies one event. Checks that it fits before changing anything, so an error leaves
    /// the workspace as it was.
    pub fn evolve(&mut self, event: &Event) -> Result<(), ReplayError> {
        crate::evolve::evolve(self, event)
    }

    // ------------------------------------------------------------------ software keys

    /// Whether `viewer` sees `product`'s keys in full (R-SW-2, R-ROLE-1): only once "Get
    /// keys" revealed them, and only someone who may reveal keys (a Global admin or an MPN
    /// partner admin). Everyone else may view the keys masked, revealed or not.
    pub fn sees_full_keys(&self, viewer: &UserId, product: &SoftwareProduct) -> bool {
        product.activated()
            && self
                .acting_user(viewer)
                .is_ok_and(|u| allowed(&u.roles, Permission::ActivateBenefits))
    }

    /// A software key as `viewer` may see it: in full (see [`Workspace::sees_full_keys`])
    /// or masked, `•••••-•••••-•••••-•••••-3K7WQ`.
    pub fn software_key_text(
        &self,
        viewer: &UserId,
        product: &SoftwareProduct,
        key: &SoftwareKey,
    ) -> String {
        if self.sees_full_keys(viewer, product) {
            key.key.to_string()
        } else {
            key.key.masked()
        }
    }

    // ------------------------------------------------------------------ who is acting

    /// The acting user, if they may act at all: known, enabled, holding a role. A user with
    /// no role is told whom to ask (R-ROLE-1).
    pub fn acting_user(&self, actor: &UserId) -> Result<&DirectoryUser, DomainError> {
        let Some(user) = self.users.get(actor) else {
            return Err(DomainError::new(
                ErrorCode::UnknownActor,
                format!("No one with the id {actor} is in the directory, so nothing was changed. Choose who is acting from the directory's users."),
            )
            .with("actor", actor));
        };
        if user.disabled {
            return Err(DomainError::new(
                ErrorCode::ActorDisabled,
                format!(
                    "{}'s account is disabled, so they can't view or change anything. Ask {} to enable it.",
                    user.name,
                    self.who_can(Permission::ManageDirectory)
                ),
            )
            .with("actor", &user.id));
        }
        if user.roles.is_empty() {
            return Err(DomainError::new(
                ErrorCode::NoRole,
                {
                    let admins = self.names_with_role(Role::GlobalAdmin);
                    let ask = if admins.is_empty() {
                        "a Global admin".to_string()
                    } else {
                        format!("a Global admin ({})", admins.join(", "))
                    };
                    format!(
                        "{} has no role in this workspace, so there is nothing to see or do yet. Ask {ask} to give you a role.",
                        user.name
                    )
                },
            )
            .with("actor", &user.id)
            .with("ask", self.names_with_role(Role::GlobalAdmin).join(", ")));
        }
        Ok(user)
    }

    /// The "view" row of R-ROLE-1: anyone with a role may view; others get the message
    /// saying whom to ask.
    pub fn check_can_view(&self, actor: &UserId) -> Result<&DirectoryUser, DomainError> {
        let user = self.acting_user(actor)?;
        self.require(user, Permission::View, "view the workspace")?;
        Ok(user)
    }

    /// Whether `actor` may do what `permission` covers, as a refusal in the words of
    /// [`Workspace::may_give`] ("Only a Global admin or a User admin can {what}; …") when
    /// not: for actions that are not commands, such as the sync server's invitations.
    pub fn check_permission(
        &self,
        actor: &UserId,
        permission: Permission,
        what: &str,
    ) -> Result<&DirectoryUser, DomainError> {
        let user = self.acting_user(actor)?;
        self.require(user, permission, what)?;
        Ok(user)
    }

    /// The directory user with this email address (compared as R-DIR-1 does: without case,
    /// around spaces), enabled or not.
    pub fn user_by_email(&self, email: &str) -> Option<&DirectoryUser> {
        self.users
            .values()
            .find(|u| crate::validate::same_email(&u.email, email))
    }

    /// Whether `actor` may do what `permission` covers (for greying out buttons).
    pub fn can(&self, actor: &UserId, permission: Permission) -> bool {
        match self.acting_user(actor) {
            Ok(user) => allowed(&user.roles, permission),
            Err(_) => false,
        }
    }

    /// Whether `actor` may give `command` at all — known, enabled, holding a role that grants
    /// the command's permission (R-ROLE-1) — before any of its values are looked at: the
    /// refusal `decide` gives first, in the same words. For a page that says "not as you"
    /// before anything is typed. Reads only.
    pub fn may_give(&self, actor: &UserId, command: &Command) -> Result<(), DomainError> {
        let user = self.acting_user(actor)?;
        match command.permission() {
            Some(permission) => self.require(user, permission, command.what()),
            None => Ok(()),
        }
    }

    /// What to check before sending `command`: values the rules accept but that are probably
    /// mistyped (R-AZ-1's bulk credit amounts). Empty when there is nothing to say. Reads
    /// only; the app shows these beside the form before the command is sent.
    pub fn warnings_for(&self, command: &Command) -> Vec<CommandWarning> {
        let currency = self
            .organisation
            .as_ref()
            .map(|o| o.currency.clone())
            .unwrap_or_default();
        match command {
            Command::AddAzureCredit { credit } => rules::azure::credit_warnings(credit, &currency),
            _ => Vec::new(),
        }
    }

    /// Everything `actor` may do.
    pub fn permissions_of(&self, actor: &UserId) -> BTreeSet<Permission> {
        Permission::ALL
            .into_iter()
            .filter(|p| self.can(actor, *p))
            .collect()
    }

    pub(crate) fn require(
        &self,
        user: &DirectoryUser,
        permission: Permission,
        what: &str,
    ) -> Result<(), DomainError> {
        if allowed(&user.roles, permission) {
            return Ok(());
        }
        let needed = permission.roles();
        Err(DomainError::new(
            ErrorCode::PermissionDenied,
            format!(
                "Only {} can {what}; you are acting as {}. Ask {} to do it.",
                roles_phrase(needed),
                acting_as(user.roles.iter().copied()),
                self.who_can(permission)
            ),
        )
        .with(
            "required_roles",
            needed.iter().map(|r| r.id()).collect::<Vec<_>>().join(","),
        )
        .with(
            "acting_roles",
            user.roles
                .iter()
                .map(|r| r.id())
                .collect::<Vec<_>>()
                .join(","),
        ))
    }

    /// "Gloria Global-Admin (Global admin) or Mario Partner-Admin (MPN partner admin)":
    /// enabled users holding a role that grants `permission` (up to three), or the roles'
    /// names when there are none.
    pub(crate) fn who_can(&self, permission: Permission) -> String {
        let names: Vec<String> = self
            .users
            .values()
            .filter(|u| !u.disabled)
            .filter_map(|u| {
                let role = permission.roles().iter().find(|r| u.has_role(**r))?;
                Some(format!("{} ({})", u.name, role.label()))
            })
            .take(3)
            .collect();
        match names.split_last() {
            None => roles_phrase(permission.roles()),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        }
    }

    fn names_with_role(&self, role: Role) -> Vec<String> {
        self.users
            .values()
            .filter(|u| !u.disabled && u.has_role(role))
            .map(|u| u.name.clone())
            .collect()
    }

    // ------------------------------------------------------------------ reading

    pub fn organisation(&self) -> Option<&Organisation> {
        self.organisation.as_ref()
    }
    pub fn users(&self) -> &RecordMap<UserId, DirectoryUser> {
        &self.users
    }
    pub fn user(&self, id: &UserId) -> Option<&DirectoryUser> {
        self.users.get(id)
    }
    /// The user's name, or the id when there is no such user.
    pub fn user_name(&self, id: &UserId) -> String {
        self.users
            .get(id)
            .map(|u| u.name.clone())
            .unwrap_or_else(|| id.to_string())
    }
    pub fn packages(&self) -> &RecordMap<PackageId, BenefitPackage> {
        &self.packages
    }
    pub fn software(&self) -> &RecordMap<SoftwareId, SoftwareProduct> {
        &self.software
    }
    pub fn azure_credits(&self) -> &RecordMap<CreditId, AzureCredit> {
        &self.azure_credits
    }
    pub fn license_benefits(&self) -> &RecordMap<LicenseBenefitId, LicenseBenefit> {
        &self.license_benefits
    }
    pub fn subscriptions(&self) -> &RecordMap<SubscriptionId, Subscription> {
        &self.subscriptions
    }
    /// The key inventory, by key. Show keys masked (`ProductKey::masked`) to viewers.
    pub fn product_keys(&self) -> &RecordMap<ProductKey, KeyRecord, Box<KeyRecord>> {
        &self.product_keys
    }
    pub fn visual_studio(&self) -> &RecordMap<VsId, VsSubscription> {
        &self.visual_studio
    }
    pub fn technical_benefits(&self) -> &RecordMap<TechId, TechnicalBenefit> {
        &self.technical_benefits
    }
    pub fn gtm_offers(&self) -> &RecordMap<GtmId, GtmOffer> {
        &self.gtm_offers
    }
    pub fn marketing_contact(&self) -> Option<&MarketingContact> {
        self.marketing_contact.as_ref()
    }
    pub fn counters(&self) -> &Counters {
        &self.counters
    }
    /// The sequence number of the last event applied.
    pub fn last_seq(&self) -> u64 {
        self.last_seq
    }

    /// Keys of a product, in the order they were added (R-LIC-1).
    pub fn keys_for_product(&self, product: &str) -> Vec<&KeyRecord> {
        let mut keys: Vec<&KeyRecord> = self
            .product_keys
            .values()
            .filter(|k| crate::validate::same_text(&k.product, product))
            .collect();
        keys.sort_by_key(|k| k.added_seq);
        keys
    }

    /// Tenant subscriptions of a product (R-LIC-2 pairs them with the benefit).
    pub fn subscriptions_for_product(&self, product: &str) -> Vec<&Subscription> {
        self.subscriptions
            .values()
            .filter(|s| crate::validate::same_text(&s.product, product))
            .collect()
    }

    /// Every Visual Studio subscription a user holds.
    pub fn visual_studio_of(&self, user: &UserId) -> Vec<&VsSubscription> {
        self.visual_studio
            .values()
            .filter(|v| v.assignment.as_ref().is_some_and(|a| &a.user == user))
            .collect()
    }

    /// The line-by-line report of a pasted list of keys (see [`crate::key_paste`]).
    pub fn review_key_paste(&self, text: &str) -> crate::key_paste::KeyPasteReview {
        crate::key_paste::review(self, text)
    }

    /// The wizard's validate and review steps (R-KEY-4 steps 3–4): every check of
    /// [`Command::RedeemKey`], including the actor's role, and the computed result, with
    /// the other actions side by side for an existing subscription. Changes nothing.
    pub fn preview_redemption(
        &self,
        actor: &UserId,
        now: NaiveDateTime,
        request: &RedeemRequest,
    ) -> Result<crate::rules::redeem::RedemptionPreview, DomainError> {
        let command = Command::RedeemKey(request.clone());
        // All the checks of `apply`, without the change.
        self.decide(actor, now, &command)?;
        let Some(org) = self.organisation.as_ref() else {
            return Err(DomainError::new(
                ErrorCode::NoOrganisation,
                "Set up the organisation first.",
            ));
        };
        let user = self.acting_user(actor)?;
        let ctx = Ctx {
            ws: self,
            org,
            actor: user,
            today: now.date(),
        };
        crate::rules::redeem::preview(&ctx, request)
    }
}
