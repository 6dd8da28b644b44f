//! Account settings: directory users and their roles (R-DIR-1), and what their Azure
//! subscription carries (R-AZ-5).

use super::{get, nothing_to_change, Ctx};
use crate::error::{DomainError, ErrorCode};
use crate::event::Change;
use crate::ids::{next, UserId};
use crate::model::{AzureOtherOffer, CreditKind, DirectoryUser, UserDetails};
use crate::roles::{acting_as, Role};
use crate::validate;
use crate::workspace::Workspace;

/// R-DIR-1: a name, a valid email no other user has (case-insensitive); `editing` is the
/// user being edited, whose own address does not count.
pub(crate) fn checked_details(
    ws: &Workspace,
    details: &UserDetails,
    editing: Option<&UserId>,
) -> Result<UserDetails, DomainError> {
    let name = validate::text("name", &details.name)?;
    let email = validate::email("email address", &details.email)?;
    if let Some(other) = ws
        .users
        .values()
        .find(|u| Some(&u.id) != editing && validate::same_email(&u.email, &email))
    {
        return Err(DomainError::new(
            ErrorCode::EmailInUse,
            format!(
                "{} already uses the email address {}; each user needs their own address. {}",
                other.name,
                other.email,
                if other.disabled {
                    "That account is disabled: enable and edit it instead of adding a new one."
                } else {
                    "Check the address, or edit that user instead."
                }
            ),
        )
        .with("email", &email)
        .with("user", &other.id));
    }
    Ok(UserDetails {
        name,
        email,
        kind: details.kind,
        roles: details.roles,
    })
}

/// Only a Global admin may grant or remove the Global admin role, or change a Global
/// admin's account (decision: a User admin cannot raise themselves to Global admin).
fn require_global_admin_for(ctx: &Ctx, what: &str) -> Result<(), DomainError> {
    if ctx.actor.has_role(Role::GlobalAdmin) {
        return Ok(());
    }
    Err(DomainError::new(
        ErrorCode::PermissionDenied,
        format!(
            "Only a Global admin can {what}; you are acting as {}. Ask {} to do it.",
            acting_as(ctx.actor.roles.iter().copied()),
            ctx.ws
                .who_can(crate::roles::Permission::AssignEmployeeBenefits)
        ),
    )
    .with("required_roles", "global_admin"))
}

/// Refuses a change that would leave no enabled Global admin.
fn keep_a_global_admin(ctx: &Ctx, user: &DirectoryUser) -> Result<(), DomainError> {
    let others = ctx
        .ws
        .users
        .values()
        .any(|u| u.id != user.id && u.is_active_global_admin());
    if user.is_active_global_admin() && !others {
        return Err(DomainError::new(
            ErrorCode::LastGlobalAdmin,
            format!(
                "{} is the only enabled Global admin; without one, nobody could assign benefits or redeem keys. Make someone else a Global admin first.",
                user.name
            ),
        )
        .with("user", &user.id));
    }
    Ok(())
}

pub(crate) fn add(ctx: &Ctx, details: &UserDetails) -> Result<Change, DomainError> {
    let details = checked_details(ctx.ws, details, None)?;
    if details.roles.contains(&Role::GlobalAdmin) {
        require_global_admin_for(ctx, "grant the Global admin role")?;
    }
    Ok(Change::UserAdded {
        user: DirectoryUser {
            id: UserId::from_number(next(ctx.ws.counters.users)),
            name: details.name,
            email: details.email,
            kind: details.kind,
            roles: details.roles,
            disabled: false,
            azure_offers: Vec::new(),
        },
    })
}

pub(crate) fn edit(ctx: &Ctx, id: &UserId, details: &UserDetails) -> Result<Change, DomainError> {
    let user = get(&ctx.ws.users, "directory user", id)?;
    let after = checked_details(ctx.ws, details, Some(id))?;
    let before = user.details();
    if after == before {
        return Err(nothing_to_change(format!(
            "{}'s details are already these; nothing to save.",
            user.name
        )));
    }
    let was_ga = user.has_role(Role::GlobalAdmin);
    let will_be_ga = after.roles.contains(&Role::GlobalAdmin);
    if was_ga != will_be_ga {
        require_global_admin_for(ctx, "grant or remove the Global admin role")?;
    } else if was_ga {
        require_global_admin_for(ctx, "edit a Global admin's account")?;
    }
    if was_ga && !will_be_ga {
        keep_a_global_admin(ctx, user)?;
    }
    Ok(Change::UserEdited {
        user: id.clone(),
        before,
        after,
    })
}

pub(crate) fn set_disabled(ctx: &Ctx, id: &UserId, disabled: bool) -> Result<Change, DomainError> {
    let user = get(&ctx.ws.users, "directory user", id)?;
    if user.disabled == disabled {
        return Err(nothing_to_change(format!(
            "{} is already {}.",
            user.name,
            if disabled { "disabled" } else { "enabled" }
        )));
    }
    if user.has_role(Role::GlobalAdmin) {
        require_global_admin_for(
            ctx,
            if disabled {
                "disable a Global admin"
            } else {
                "enable a Global admin"
            },
        )?;
    }
    if disabled {
        keep_a_global_admin(ctx, user)?;
        Ok(Change::UserDisabled { user: id.clone() })
    } else {
        Ok(Change::UserEnabled { user: id.clone() })
    }
}

pub(crate) fn set_azure_offers(
    ctx: &Ctx,
    id: &UserId,
    offers: &[AzureOtherOffer],
) -> Result<Change, DomainError> {
    let user = get(&ctx.ws.users, "directory user", id)?;
    let mut after: Vec<AzureOtherOffer> = Vec::new();
    for offer in offers {
        let offer = match offer {
            AzureOtherOffer::Other(name) => {
                AzureOtherOffer::Other(validate::text("offer name", name)?)
            }
            known => known.clone(),
        };
        if !after
            .iter()
            .any(|o| o.label().eq_ignore_ascii_case(offer.label()))
        {
            after.push(offer);
        }
    }
    // No two offers are equal (deduplicated above): the unstable sort gives one order.
    after.sort_unstable();
    if after == user.azure_offers {
        return Err(nothing_to_change(format!(
            "{}'s Azure subscription already carries these offers.",
            user.name
        )));
    }
    // R-AZ-5 stays true: a holder of bulk credit cannot take on a conflicting offer.
    if let (Some(conflict), Some(credit)) = (
        after.first(),
        ctx.ws
            .azure_credits
            .values()
            .find(|c| c.kind == CreditKind::Bulk && c.has_user(id)),
    ) {
        return Err(DomainError::new(
            ErrorCode::BulkCreditConflictingOffer,
            format!(
                "{} holds Azure bulk credit {}, which cannot be combined with {conflict}. Transfer the bulk credit to someone else first.",
                user.name, credit.id
            ),
        )
        .with("offer", conflict)
        .with("credit", &credit.id));
    }
    Ok(Change::UserAzureOffersSet {
        user: id.clone(),
        before: user.azure_offers.clone(),
        after,
    })
}
