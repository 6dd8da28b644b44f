//! Azure credit (R-AZ-1..6).

use super::{enabled_user, get, Ctx};
use crate::error::{CommandWarning, CommandWarningCode, DomainError, ErrorCode};
use crate::event::Change;
use crate::ids::{next, CreditId, UserId};
use crate::model::{AzureCredit, CreditKind, CreditSpend, DirectoryUser, NewAzureCredit};
use crate::money::Currency;
use crate::validate;
use chrono::NaiveDate;

/// R-AZ-1: bulk credit comes as 6,000, 12,000 or 13,000 USD a year, in minor units.
pub const USUAL_BULK_CREDIT_USD_MINOR: [i64; 3] = [600_000, 1_200_000, 1_300_000];

pub(crate) fn add(ctx: &Ctx, new: &NewAzureCredit) -> Result<Change, DomainError> {
    let amount = validate::amount("credit amount", new.amount_minor, &ctx.org.currency)?;
    let expires_on = validate::membership_date("expiry date", new.expires_on, ctx.org)?;
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

/// What to check before adding a credit: a bulk credit of another amount than R-AZ-1's
/// 6,000, 12,000 or 13,000 USD a year is probably mistyped. In another currency the amount
/// cannot be compared (the equivalent changes with the rate): no warning.
pub fn credit_warnings(new: &NewAzureCredit, currency: &Currency) -> Vec<CommandWarning> {
    if new.kind != CreditKind::Bulk
        || currency.code() != "USD"
        || USUAL_BULK_CREDIT_USD_MINOR.contains(&new.amount_minor)
    {
        return Vec::new();
    }
    let [a, b, c] = USUAL_BULK_CREDIT_USD_MINOR.map(|m| currency.format(m));
    vec![CommandWarning::new(
        CommandWarningCode::UnusualBulkCreditAmount,
        format!(
            "Bulk credit comes as {a}, {b} or {c} a year; {} is none of these. Check the amount in Partner Center before adding it.",
            currency.format(new.amount_minor)
        ),
    )
    .with("amount_minor", new.amount_minor)
    .with("currency", currency)
    .with(
        "usual_minor",
        USUAL_BULK_CREDIT_USD_MINOR
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(","),
    )]
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

/// An expired credit gives nothing any more: nobody new gets it.
fn not_expired(ctx: &Ctx, c: &AzureCredit) -> Result<(), DomainError> {
    if !c.is_expired(ctx.today) {
        return Ok(());
    }
    Err(DomainError::new(
        ErrorCode::CreditExpiredNoNewUser,
        format!(
            "{} expired on {}: it gives nothing any more, so nobody new can get it. Add this year's credit to give access again.",
            title(ctx, c),
            c.expires_on
        ),
    )
    .with("credit", &c.id)
    .with("expires_on", c.expires_on))
}

/// R-AZ-2: activating = giving a directory user (member or guest) access.
pub(crate) fn assign(ctx: &Ctx, id: &CreditId, user_id: &UserId) -> Result<Change, DomainError> {
    let credit = get(&ctx.ws.azure_credits, "Azure credit", id)?;
    not_expired(ctx, credit)?;
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
    not_expired(ctx, credit)?;
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
    let amount = validate::amount("amount spent", amount_minor, &ctx.org.currency)?;
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
    if let Some(from) = credit.valid_from().filter(|from| on < *from) {
        return Err(DomainError::new(
            ErrorCode::SpendBeforeCreditPeriod,
            format!(
                "{} covers the 12 months up to its expiry, from {from} to {}; spending on {on} is before it. Record it against the credit of that time.",
                title(ctx, credit),
                credit.expires_on
            ),
        )
        .with("on", on)
        .with("from", from)
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
