//! Visual Studio subscriptions (R-VS-1..2).

use super::{enabled_user, get, Ctx};
use crate::error::{DomainError, ErrorCode};
use crate::event::Change;
use crate::ids::{next, UserId, VsId};
use crate::model::{Offer, VsAssignment, VsLevel, VsSubscription, VS_REASSIGNMENT_DAYS};
use crate::validate;

/// The most subscriptions added at once.
const MAX_QUANTITY: i64 = 1000;

pub(crate) fn add(
    ctx: &Ctx,
    level: VsLevel,
    quantity: i64,
    offer: Offer,
) -> Result<Change, DomainError> {
    let quantity = validate::quantity("quantity", quantity, 1, MAX_QUANTITY)?;
    let first = next(ctx.ws.counters.visual_studio);
    let subscriptions = (0..quantity as u64)
        .map(|i| VsSubscription {
            id: VsId::from_number(first.saturating_add(i)),
            level,
            offer,
            assignment: None,
        })
        .collect();
    Ok(Change::VisualStudioSubscriptionsAdded { subscriptions })
}

/// R-VS-2: the subscription may go to someone else once 90 days have passed since it was
/// assigned; the refusal names the first day that is possible.
fn ninety_days_passed(
    ctx: &Ctx,
    sub: &VsSubscription,
    a: &VsAssignment,
    doing: &str,
) -> Result<(), DomainError> {
    let Some(from) = a.reassignable_from() else {
        return Err(DomainError::new(
            ErrorCode::DateOutOfRange,
            "The assignment date is too close to 9999-12-31 to count 90 days from it.",
        ));
    };
    if ctx.today >= from {
        return Ok(());
    }
    Err(DomainError::new(
        ErrorCode::VsReassignmentTooEarly,
        format!(
            "{} {} was assigned to {} on {}. {doing} is possible from {from}, 90 days after the original assignment.",
            sub.level,
            sub.id,
            ctx.ws.user_name(&a.user),
            a.assigned_on
        ),
    )
    .with("assigned_on", a.assigned_on)
    .with("allowed_from", from)
    .with("days", VS_REASSIGNMENT_DAYS))
}

/// R-VS-1: assigning activates; R-VS-2: reassigning needs 90 days.
pub(crate) fn assign(ctx: &Ctx, id: &VsId, user_id: &UserId) -> Result<Change, DomainError> {
    let sub = get(&ctx.ws.visual_studio, "Visual Studio subscription", id)?;
    let user = enabled_user(ctx, user_id)?;
    if let Some(a) = &sub.assignment {
        if &a.user == user_id {
            return Err(DomainError::new(
                ErrorCode::VsAlreadyAssignedToUser,
                format!(
                    "{} {} is already assigned to {} (since {}).",
                    sub.level, sub.id, user.name, a.assigned_on
                ),
            ));
        }
        ninety_days_passed(ctx, sub, a, "Reassignment")?;
    }
    Ok(Change::VisualStudioAssigned {
        subscription: id.clone(),
        user: user_id.clone(),
        on: ctx.today,
        previous: sub.assignment.clone(),
    })
}

/// Removing a subscription from its subscriber frees it for someone else, so the same
/// 90 days apply (decision, see docs/DOMAIN.md).
pub(crate) fn unassign(ctx: &Ctx, id: &VsId) -> Result<Change, DomainError> {
    let sub = get(&ctx.ws.visual_studio, "Visual Studio subscription", id)?;
    let Some(a) = &sub.assignment else {
        return Err(DomainError::new(
            ErrorCode::VsNotAssigned,
            format!("{} {} is not assigned to anyone.", sub.level, sub.id),
        ));
    };
    ninety_days_passed(ctx, sub, a, "Removing it from its subscriber")?;
    Ok(Change::VisualStudioUnassigned {
        subscription: id.clone(),
        previous: a.clone(),
    })
}
