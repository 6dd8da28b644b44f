//! Redeeming a product key (R-KEY-2..4), with the numbers of [`crate::proration::plan`].
//!
//! One all-or-nothing command: the key is marked redeemed and the subscription changes in
//! the same event. The wizard's review step calls [`preview`] (via
//! `Workspace::preview_redemption`), which runs the very same checks and changes nothing.

use super::{get, Ctx};
use crate::command::{RedeemRequest, RedeemTarget};
use crate::error::{DomainError, ErrorCode};
use crate::event::{Change, SubscriptionTerms};
use crate::ids::{next, SubscriptionId};
use crate::key::ProductKey;
use crate::model::{KeyRecord, Subscription, SubscriptionStatus, Tenant};
use crate::proration::{plan, Action, PlanOutcome, PlanRequest};
use crate::validate::same_text;
use chrono::Timelike;
use serde::{Deserialize, Serialize};

/// What the review step shows (R-KEY-4 step 4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RedemptionPreview {
    /// The key, in five groups.
    pub key: String,
    pub product: String,
    /// Licenses on the key (K).
    pub key_seats: i64,
    /// The tenant the key goes into (cannot be moved afterwards).
    pub tenant: Tenant,
    /// The subscription before redemption (absent for a new subscription).
    pub subscription: Option<Subscription>,
    pub action: Action,
    /// The result of the chosen action.
    pub outcome: PlanOutcome,
    /// Every action for this target side by side (the chosen one included): its result,
    /// or why it is not possible.
    pub options: Vec<RedemptionOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedemptionOption {
    pub action: Action,
    pub outcome: Option<PlanOutcome>,
    pub refusal: Option<DomainError>,
}

pub(crate) struct Planned<'a> {
    pub change: Change,
    pub key: &'a KeyRecord,
    pub subscription: Option<&'a Subscription>,
    pub outcome: PlanOutcome,
}

/// "to extend the end date".
pub fn action_phrase(action: Action) -> &'static str {
    match action {
        Action::ActivateNew => "to activate a new subscription",
        Action::ExtendEndDate => "to extend the end date",
        Action::AddLicenses => "to add licenses",
    }
}

pub(crate) fn decide<'a>(ctx: &Ctx<'a>, req: &RedeemRequest) -> Result<Planned<'a>, DomainError> {
    confirm_tenant(ctx, &req.confirm_tenant)?;
    let key = known_unredeemed_key(ctx, &req.key)?;
    match &req.target {
        RedeemTarget::NewSubscription => {
            if req.action != Action::ActivateNew {
                return Err(DomainError::new(
                    ErrorCode::ActionNeedsExistingSubscription,
                    format!(
                        "Choose the existing {} subscription {}: a new subscription can only be activated.",
                        key.product,
                        action_phrase(req.action)
                    ),
                ));
            }
            let outcome = plan(&PlanRequest {
                action: Action::ActivateNew,
                active_seats: None,
                end_date: None,
                key_seats: key.seats,
                today: ctx.today,
            })?;
            let after = SubscriptionTerms {
                seats: outcome.seats,
                start: ctx.today,
                end: outcome.end_date,
                disabled: false,
            };
            Ok(Planned {
                change: redeemed(
                    key,
                    req.action,
                    SubscriptionId::from_number(next(ctx.ws.counters.subscriptions)),
                    true,
                    None,
                    after,
                    &outcome,
                ),
                key,
                subscription: None,
                outcome,
            })
        }
        RedeemTarget::Existing { subscription } => {
            let sub = get(&ctx.ws.subscriptions, "subscription", subscription)?;
            if !same_text(&sub.product, &key.product) {
                return Err(DomainError::new(
                    ErrorCode::KeyProductMismatch,
                    format!(
                        "This key is for {}, but subscription {} is {}. Choose a {} subscription, or activate a new one.",
                        key.product, sub.id, sub.product, key.product
                    ),
                )
                .with("key_product", &key.product)
                .with("subscription_product", &sub.product));
            }
            let status = sub.status(ctx.today);
            let outcome = match (req.action, status) {
                (Action::ActivateNew, SubscriptionStatus::Active) => {
                    return Err(DomainError::new(
                        ErrorCode::SubscriptionStillActive,
                        format!(
                            "Subscription {} ({}) is active until {}: extend its end date or add licenses to it, or activate a new subscription instead.",
                            sub.id, sub.product, sub.end
                        ),
                    )
                    .with("end", sub.end));
                }
                (Action::ActivateNew, _) => plan(&PlanRequest {
                    action: Action::ActivateNew,
                    active_seats: None,
                    end_date: None,
                    key_seats: key.seats,
                    today: ctx.today,
                })?,
                (_, SubscriptionStatus::Disabled) => {
                    return Err(DomainError::new(
                        ErrorCode::SubscriptionNotActive,
                        format!(
                            "Subscription {} ({}) is disabled: only \"Activate a new subscription\" is possible with it.",
                            sub.id, sub.product
                        ),
                    ));
                }
                (action, _) => plan(&PlanRequest {
                    action,
                    active_seats: Some(sub.seats),
                    end_date: Some(sub.end),
                    key_seats: key.seats,
                    today: ctx.today,
                })?,
            };
            let after = SubscriptionTerms {
                seats: outcome.seats,
                start: if req.action == Action::ActivateNew {
                    ctx.today
                } else {
                    sub.start
                },
                end: outcome.end_date,
                disabled: false,
            };
            Ok(Planned {
                change: redeemed(
                    key,
                    req.action,
                    sub.id.clone(),
                    false,
                    Some(SubscriptionTerms::of(sub)),
                    after,
                    &outcome,
                ),
                key,
                subscription: Some(sub),
                outcome,
            })
        }
    }
}

fn redeemed(
    key: &KeyRecord,
    action: Action,
    subscription: SubscriptionId,
    created: bool,
    before: Option<SubscriptionTerms>,
    after: SubscriptionTerms,
    outcome: &PlanOutcome,
) -> Change {
    Change::KeyRedeemed {
        key: key.key.clone(),
        product: key.product.clone(),
        key_seats: key.seats,
        action,
        subscription,
        created,
        before,
        after,
        months_added: outcome.months_added,
        warnings: outcome.warnings.clone(),
    }
}

/// R-KEY-4 step 2: keys redeemed into the wrong tenant cannot be moved.
fn confirm_tenant(ctx: &Ctx, confirmed: &str) -> Result<(), DomainError> {
    let tenant = &ctx.org.tenant;
    if confirmed.trim().is_empty() {
        return Err(DomainError::new(
            ErrorCode::TenantNotConfirmed,
            format!(
                "Confirm the tenant first: keys redeemed into the wrong tenant cannot be moved. This workspace's tenant is {} ({}).",
                tenant.name, tenant.domain
            ),
        )
        .with("tenant", &tenant.domain));
    }
    if !same_text(confirmed, &tenant.domain) {
        return Err(DomainError::new(
            ErrorCode::TenantNotConfirmed,
            format!(
                "The tenant confirmed ({}) is not this workspace's tenant, {} ({}). Keys redeemed into the wrong tenant cannot be moved: check you are signed in to the right one.",
                confirmed.trim(),
                tenant.name,
                tenant.domain
            ),
        )
        .with("tenant", &tenant.domain));
    }
    Ok(())
}

/// R-KEY-1 format, known to the inventory, and R-KEY-3 not yet redeemed.
fn known_unredeemed_key<'a>(ctx: &Ctx<'a>, text: &str) -> Result<&'a KeyRecord, DomainError> {
    let key = ProductKey::parse(text).map_err(|e| {
        let mut err =
            DomainError::new(ErrorCode::KeyMalformed, e.to_string()).with("key_error", e.code());
        if let crate::key::KeyError::BadCharacter { position, found } = e {
            err = err.with("position", position).with("found", found);
        }
        err
    })?;
    let Some(record) = ctx.ws.product_keys.get(&key) else {
        return Err(DomainError::new(
            ErrorCode::KeyUnknown,
            format!("The key {key} is not in this workspace's key inventory. Check it was typed correctly, or add it to the inventory first."),
        )
        .with("key", key.masked()));
    };
    if let Some(r) = &record.redemption {
        let sub = ctx
            .ws
            .subscriptions
            .get(&r.subscription)
            .map(|s| format!("{} ({})", s.id, s.product))
            .unwrap_or_else(|| r.subscription.to_string());
        return Err(DomainError::new(
            ErrorCode::KeyAlreadyRedeemed,
            format!(
                "The key {} was already redeemed on {} at {} UTC by {} into subscription {sub}, {}. A key can be redeemed only once.",
                key.masked(),
                r.at.date(),
                // Not chrono's `format`: its pattern machinery would join the browser's
                // first download for this one sentence.
                format_args!("{:02}:{:02}", r.at.hour(), r.at.minute()),
                ctx.ws.user_name(&r.by),
                action_phrase(r.action)
            ),
        )
        .with("redeemed_at", r.at)
        .with("redeemed_by", &r.by)
        .with("subscription", &r.subscription)
        .with("action", r.action.code()));
    }
    Ok(record)
}

/// The review step: the chosen action's result and every action side by side.
pub(crate) fn preview(ctx: &Ctx, req: &RedeemRequest) -> Result<RedemptionPreview, DomainError> {
    let planned = decide(ctx, req)?;
    let options = Action::ALL
        .into_iter()
        .filter(|a| {
            // A new subscription can only be activated.
            matches!(req.target, RedeemTarget::Existing { .. }) || *a == Action::ActivateNew
        })
        .map(|action| {
            let other = RedeemRequest {
                action,
                ..req.clone()
            };
            match decide(ctx, &other) {
                Ok(p) => RedemptionOption {
                    action,
                    outcome: Some(p.outcome),
                    refusal: None,
                },
                Err(e) => RedemptionOption {
                    action,
                    outcome: None,
                    refusal: Some(e),
                },
            }
        })
        .collect();
    Ok(RedemptionPreview {
        key: planned.key.key.to_string(),
        product: planned.key.product.clone(),
        key_seats: planned.key.seats,
        tenant: ctx.org.tenant.clone(),
        subscription: planned.subscription.cloned(),
        action: req.action,
        outcome: planned.outcome,
        options,
    })
}
