//! Azure credit (R-AZ-1..6).

use super::{enabled_user, get, Ctx};
use crate::error::{DomainError, ErrorCode};
use crate::event::Change;
use crate::ids::{next, CreditId, UserId};
use crate::model::{AzureCredit, CreditKind, CreditSpend, DirectoryUser, NewAzureCredit};
use crate::validate;
use chrono::NaiveDate;

/// The largest credit amount accepted, in minor units (ten billion in major units).
pub const MAX_CREDIT_MINOR: i64 = 1_000_000_000_000;

pub(crate) fn add(ctx: &Ctx, new: &NewAzureCredit) -> Result<Change, DomainError> {
    let amount = validate::quantity(
        "credit amount (in cents)",
        new.amount_minor,
        1,
        MAX_CREDIT_MINOR,
    )?;
    let expires_on = validate::date("expiry date", new.expires_on)?;
    Ok(Change::AzureCreditAdded {
        credit: AzureCredit {
            id: CreditId::from_number(next(ctx.ws.counters.credits)),
            kind: new.kind,
            amount_minor: amount,
            offer: new.offer,
            benefit_type: new.benefit_type,
            expires_on,
            users: Vec::new(),
            spend: Vec::new(),
        },
    })
}

fn money(ctx: &Ctx, minor: i64) -> String {
    ctx.org.currency.format(minor)
}

/// "Azure bulk credit credit-2 (6,000.00 USD / year)".
fn title(ctx: &Ctx, c: &AzureCredit) -> String {
    let per = match c.kind {
        CreditKind::Monthly => "month",
        CreditKind::Bulk => "year",
    };
    let kind = match c.kind {
        CreditKind::Monthly => "monthly",
        CreditKind::Bulk => "bulk",
    };
    format!(
        "Azure {kind} credit {} ({} / {per})",
        c.id,
        money(ctx, c.amount_minor)
    )
}

/// R-AZ-5: bulk credit cannot be combined with another licensing, prepaid or credit offer.
fn no_conflicting_offer(
    ctx: &Ctx,
    c: &AzureCredit,
    user: &DirectoryUser,
) -> Result<(), DomainError> {
    let Some(conflict) = user.azure_offers.first() else {
        return Ok(());
    };
    Err(DomainError::new(
        ErrorCode::BulkCreditConflictingOffer,
        format!(
            "{} cannot go to {}: bulk credit cannot be combined with other licensing, prepaid or credit offers, and {}'s Azure subscription already carries {conflict}. Choose someone whose Azure subscription has no such offer.",
            title(ctx, c),
            user.name,
            user.name
        ),
    )
    .with("offer", conflict)
    .with("user", &user.id))
}

/// R-AZ-2: activating = giving a directory user (member or guest) access.
pub(crate) fn assign(ctx: &Ctx, id: &CreditId, user_id: &UserId) -> Result<Change, DomainError> {
    let credit = get(&ctx.ws.azure_credits, "Azure credit", id)?;
    let user = enabled_user(ctx, user_id)?;
    if credit.has_user(user_id) {
        return Err(DomainError::new(
            ErrorCode::CreditUserAlreadyAssigned,
            format!("{} already has {}.", user.name, title(ctx, credit)),
        ));
    }
    if credit.kind == CreditKind::Bulk {
        if let Some(holder) = credit.users.first() {
            return Err(DomainError::new(
                ErrorCode::BulkCreditAlreadyAssigned,
                format!(
                    "{} already belongs to {} and cannot be shared. Transfer it to {} instead (possible during the enrollment year).",
                    title(ctx, credit),
                    ctx.ws.user_name(&holder.user),
                    user.name
                ),
            )
            .with("holder", &holder.user));
        }
        no_conflicting_offer(ctx, credit, user)?;
    }
    Ok(Change::AzureCreditUserAssigned {
        credit: id.clone(),
        user: user_id.clone(),
        on: ctx.today,
    })
}

/// R-AZ-3: monthly credit users can be removed at any time; R-AZ-4: bulk credit cannot.
pub(crate) fn remove_user(
    ctx: &Ctx,
    id: &CreditId,
    user_id: &UserId,
) -> Result<Change, DomainError> {
    let credit = get(&ctx.ws.azure_credits, "Azure credit", id)?;
    if credit.kind == CreditKind::Bulk {
        return Err(DomainError::new(
            ErrorCode::BulkCreditRemoveNotAvailable,
            format!(
                "{} cannot be removed from its user: bulk credit can only be transferred to another user, during the enrollment year{}.",
                title(ctx, credit),
                ctx.org
                    .enrollment_year_last_day()
                    .map(|d| format!(" (until {d})"))
                    .unwrap_or_default()
            ),
        ));
    }
    if !credit.has_user(user_id) {
        return Err(DomainError::new(
            ErrorCode::CreditUserNotAssigned,
            format!(
                "{} does not have {}, so there is nothing to remove.",
                ctx.ws.user_name(user_id),
                title(ctx, credit)
            ),
        ));
    }
    Ok(Change::AzureCreditUserRemoved {
        credit: id.clone(),
        user: user_id.clone(),
    })
}

/// R-AZ-4: bulk credit is transferred to another user, only during the enrollment year;
/// R-AZ-5 applies to the new user.
pub(crate) fn transfer(ctx: &Ctx, id: &CreditId, to: &UserId) -> Result<Change, DomainError> {
    let credit = get(&ctx.ws.azure_credits, "Azure credit", id)?;
    if credit.kind != CreditKind::Bulk {
        return Err(DomainError::new(
            ErrorCode::InvalidValue,
            format!("{} is monthly credit: add or remove its users directly; only bulk credit is transferred.", title(ctx, credit)),
        )
        .with("field", "credit"));
    }
    let Some(holder) = credit.users.first() else {
        return Err(DomainError::new(
            ErrorCode::CreditUserNotAssigned,
            format!(
                "{} has no user yet: assign it instead of transferring it.",
                title(ctx, credit)
            ),
        ));
    };
    let user = enabled_user(ctx, to)?;
    if &holder.user == to {
        return Err(DomainError::new(
            ErrorCode::CreditUserAlreadyAssigned,
            format!("{} already belongs to {}.", title(ctx, credit), user.name),
        ));
    }
    if !ctx.org.in_enrollment_year(ctx.today) {
        let start = ctx.org.enrollment_year_start;
        let last = ctx
            .org
            .enrollment_year_last_day()
            .map(|d| d.to_string())
            .unwrap_or_default();
        return Err(DomainError::new(
            ErrorCode::TransferOutsideEnrollmentYear,
            format!(
                "Bulk credit can be transferred only during the enrollment year, from {start} to {last}; today is {}. Once the membership is renewed, update the enrollment year in the organisation's details.",
                ctx.today
            ),
        )
        .with("start", start)
        .with("last_day", last));
    }
    no_conflicting_offer(ctx, credit, user)?;
    Ok(Change::BulkCreditTransferred {
        credit: id.clone(),
        from: holder.user.clone(),
        to: to.clone(),
        on: ctx.today,
    })
}

/// Beyond the source (R-AZ-6): record credit spent, never more than is left of the period.
pub(crate) fn record_spend(
    ctx: &Ctx,
    id: &CreditId,
    on: NaiveDate,
    amount_minor: i64,
    note: &str,
) -> Result<Change, DomainError> {
    let credit = get(&ctx.ws.azure_credits, "Azure credit", id)?;
    let on = validate::past_date("spending date", on, ctx.today)?;
    let amount = validate::quantity("amount spent (in cents)", amount_minor, 1, MAX_CREDIT_MINOR)?;
    let note = validate::long_text("note", note)?;
    if on > credit.expires_on {
        return Err(DomainError::new(
            ErrorCode::CreditExpired,
            format!(
                "{} expired on {}; spending on {on} is not covered by it.",
                title(ctx, credit),
                credit.expires_on
            ),
        )
        .with("expires_on", credit.expires_on));
    }
    let remaining = credit.remaining_in_period(on, ctx.org.enrollment_year_start);
    if amount > remaining {
        let (from, to) = credit
            .period_of(on, ctx.org.enrollment_year_start)
            .map(|(f, t)| {
                (
                    f.to_string(),
                    t.pred_opt().map(|d| d.to_string()).unwrap_or_default(),
                )
            })
            .unwrap_or_default();
        return Err(DomainError::new(
            ErrorCode::CreditBalanceExceeded,
            format!(
                "Only {} is left of {} for {from} to {to}; {} is more than that. Record the part covered by the credit.",
                money(ctx, remaining),
                title(ctx, credit),
                money(ctx, amount)
            ),
        )
        .with("remaining_minor", remaining));
    }
    Ok(Change::CreditSpendRecorded {
        credit: id.clone(),
        spend: CreditSpend {
            on,
            amount_minor: amount,
            note,
            recorded_by: ctx.actor.id.clone(),
        },
    })
}
