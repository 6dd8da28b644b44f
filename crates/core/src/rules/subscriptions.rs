//! License-based benefits (R-LIC), tenant subscriptions, and the key inventory (R-KEY-2).

use super::{get, nothing_to_change, Ctx};
use crate::error::{DomainError, ErrorCode};
use crate::event::Change;
use crate::ids::{next, LicenseBenefitId, SubscriptionId};
use crate::model::{LicenseBenefit, NewLicenseBenefit, NewSubscription, Subscription};
use crate::proration::MAX_SEATS;
use crate::validate;

pub(crate) fn add_license_benefit(
    ctx: &Ctx,
    new: &NewLicenseBenefit,
) -> Result<Change, DomainError> {
    Ok(Change::LicenseBenefitAdded {
        benefit: LicenseBenefit {
            id: LicenseBenefitId::from_number(next(ctx.ws.counters.license_benefits)),
            product: validate::text("product", &new.product)?,
            licenses: validate::quantity("license quantity", new.licenses, 1, MAX_SEATS)?,
            offer: new.offer,
            benefit_type: new.benefit_type,
            benefit_expires_on: validate::membership_date(
                "benefit expiry date",
                new.benefit_expires_on,
                ctx.org,
            )?,
            instructions: validate::long_text("instructions", &new.instructions)?,
        },
    })
}

/// Records a subscription that already exists in the tenant.
pub(crate) fn record(ctx: &Ctx, new: &NewSubscription) -> Result<Change, DomainError> {
    let product = validate::text("product", &new.product)?;
    let seats = validate::quantity("active licenses", new.seats, 1, MAX_SEATS)?;
    let start = validate::membership_date("start date", new.start, ctx.org)?;
    let end = validate::membership_date("end date", new.end, ctx.org)?;
    if end <= start {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            format!("The end date {end} must be after the start date {start}."),
        )
        .with("field", "end date"));
    }
    Ok(Change::SubscriptionRecorded {
        subscription: Subscription {
            id: SubscriptionId::from_number(next(ctx.ws.counters.subscriptions)),
            product,
            seats,
            start,
            end,
            disabled: new.disabled,
        },
    })
}

pub(crate) fn set_disabled(
    ctx: &Ctx,
    id: &SubscriptionId,
    disabled: bool,
) -> Result<Change, DomainError> {
    let sub = get(&ctx.ws.subscriptions, "subscription", id)?;
    if sub.disabled == disabled {
        return Err(nothing_to_change(format!(
            "Subscription {} ({}) is already recorded as {}.",
            sub.id,
            sub.product,
            if disabled { "disabled" } else { "not disabled" }
        )));
    }
    Ok(Change::SubscriptionDisabledSet {
        subscription: id.clone(),
        disabled,
    })
}

/// Adds pasted keys of one product and seat count. All or nothing: any bad line refuses
/// the whole paste, naming the lines (the app uses `review_key_paste` to keep the good ones).
pub(crate) fn add_keys(
    ctx: &Ctx,
    product: &str,
    seats: i64,
    text: &str,
) -> Result<Change, DomainError> {
    let product = validate::text("product", product)?;
    let seats = validate::quantity("licenses per key", seats, 1, MAX_SEATS)?;
    let review = ctx.ws.review_key_paste(text);
    if let Some(refused) = review.refused {
        return Err(refused);
    }
    if !review.problems.is_empty() {
        let lines: Vec<String> = review.problems.iter().map(|p| p.line.to_string()).collect();
        let mut message = String::from("No key was added: ");
        if review.problems.len() == 1 {
            message.push_str("one line has a problem. ");
        } else {
            message.push_str(&format!("{} lines have problems. ", review.problems.len()));
        }
        for p in review.problems.iter().take(5) {
            message.push_str(&p.message);
            message.push(' ');
        }
        if review.problems.len() > 5 {
            message.push_str(&format!("… and {} more. ", review.problems.len() - 5));
        }
        message.push_str("Fix or remove these lines, then add the keys again.");
        return Err(DomainError::new(ErrorCode::KeyPasteHasProblems, message)
            .with("lines", lines.join(","))
            .with("good", review.good.len()));
    }
    if review.good.is_empty() {
        return Err(DomainError::new(
            ErrorCode::MissingValue,
            "Paste at least one product key, one per line.",
        )
        .with("field", "keys"));
    }
    Ok(Change::ProductKeysAdded {
        product,
        seats,
        keys: review.good.into_iter().map(|k| k.key).collect(),
    })
}
