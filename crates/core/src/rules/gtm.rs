//! Go-To-Market offers and the marketing contact (R-GTM-1..3).

use super::{enabled_user, get, nothing_to_change, Ctx};
use crate::error::{DomainError, ErrorCode};
use crate::event::Change;
use crate::ids::{next, GtmId};
use crate::model::{GtmOffer, GtmState, GtmStatus, MarketingContact};
use crate::validate;
use chrono::NaiveDate;

pub(crate) fn add(ctx: &Ctx, name: &str) -> Result<Change, DomainError> {
    let name = validate::text("offer name", name)?;
    if let Some(o) = ctx
        .ws
        .gtm_offers
        .values()
        .find(|o| validate::same_text(&o.name, &name))
    {
        return Err(DomainError::new(
            ErrorCode::InvalidValue,
            format!(
                "The Go-To-Market offer {} is already listed ({}).",
                o.name, o.id
            ),
        )
        .with("field", "offer name"));
    }
    Ok(Change::GtmOfferAdded {
        offer: GtmOffer {
            id: GtmId::from_number(next(ctx.ws.counters.gtm_offers)),
            name,
            state: GtmState::NotActivated,
        },
    })
}

/// R-GTM-2: a directory user, an email that differs from the company account email, a
/// phone number and a preferred language.
pub(crate) fn set_contact(ctx: &Ctx, c: &MarketingContact) -> Result<Change, DomainError> {
    enabled_user(ctx, &c.user)?;
    let email = validate::email("marketing contact's email", &c.email)?;
    if validate::same_email(&email, &ctx.org.company_account_email) {
        return Err(DomainError::new(
            ErrorCode::MarketingContactEmailIsCompanyEmail,
            format!(
                "The marketing contact's email must differ from the company's Partner Center account email ({}). Enter the person's own address.",
                ctx.org.company_account_email
            ),
        )
        .with("email", &email));
    }
    let after = MarketingContact {
        user: c.user.clone(),
        email,
        phone: validate::phone(&c.phone)?,
        preferred_language: validate::text("preferred language", &c.preferred_language)?,
    };
    if ctx.ws.marketing_contact.as_ref() == Some(&after) {
        return Err(nothing_to_change(
            "The marketing contact is already this.".to_string(),
        ));
    }
    Ok(Change::MarketingContactSet {
        before: ctx.ws.marketing_contact.clone(),
        after,
    })
}

/// R-GTM-2: no activation before a marketing contact; R-GTM-3: → pending.
pub(crate) fn activate(ctx: &Ctx, id: &GtmId) -> Result<Change, DomainError> {
    let offer = get(&ctx.ws.gtm_offers, "Go-To-Market offer", id)?;
    match &ctx.ws.marketing_contact {
        None => {
            return Err(DomainError::new(
                ErrorCode::GtmMarketingContactRequired,
                format!(
                    "{} cannot be activated yet: no Go-To-Market offer can be activated before a marketing contact is assigned. Set the marketing contact first (a user, their email, phone and preferred language).",
                    offer.name
                ),
            ));
        }
        Some(c) => {
            if ctx.ws.users.get(&c.user).is_none_or(|u| u.disabled) {
                return Err(DomainError::new(
                    ErrorCode::GtmMarketingContactRequired,
                    format!(
                        "{} cannot be activated: the marketing contact {} is no longer an enabled directory user. Assign another marketing contact first.",
                        offer.name,
                        ctx.ws.user_name(&c.user)
                    ),
                ));
            }
        }
    }
    match (&offer.state, offer.status(ctx.today)) {
        (GtmState::Pending { requested_on, .. }, _) => Err(DomainError::new(
            ErrorCode::GtmInvalidState,
            format!(
                "{} is already pending since {requested_on}; activation takes several days.",
                offer.name
            ),
        )),
        (GtmState::Active { expires_on, .. }, GtmStatus::Active) => Err(DomainError::new(
            ErrorCode::GtmInvalidState,
            format!("{} is already active until {expires_on}.", offer.name),
        )),
        _ => Ok(Change::GtmOfferActivationRequested {
            offer: id.clone(),
            on: ctx.today,
        }),
    }
}

/// R-GTM-3: Partner Center reports the offer active, with its expiry date.
pub(crate) fn record_activated(
    ctx: &Ctx,
    id: &GtmId,
    activated_on: NaiveDate,
    expires_on: NaiveDate,
) -> Result<Change, DomainError> {
    let offer = get(&ctx.ws.gtm_offers, "Go-To-Market offer", id)?;
    let GtmState::Pending { requested_on, .. } = &offer.state else {
        return Err(DomainError::new(
            ErrorCode::GtmInvalidState,
            format!("{} is not pending activation: activate it first, then record what Partner Center reports.", offer.name),
        ));
    };
    let activated_on = validate::past_date("activation date", activated_on, ctx.today)?;
    let expires_on = validate::membership_date("expiry date", expires_on, ctx.org)?;
    if activated_on < *requested_on {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            format!("The activation date {activated_on} is before the activation was requested ({requested_on})."),
        )
        .with("field", "activation date"));
    }
    if expires_on <= activated_on {
        return Err(DomainError::new(
            ErrorCode::InvalidDate,
            format!(
                "The expiry date {expires_on} must be after the activation date {activated_on}."
            ),
        )
        .with("field", "expiry date"));
    }
    Ok(Change::GtmOfferActivated {
        offer: id.clone(),
        activated_on,
        expires_on,
    })
}
