//! Technical benefits (R-TECH-1..3).

use super::{get, Ctx};
use crate::error::{DomainError, ErrorCode};
use crate::event::Change;
use crate::ids::{next, SupportRequestId, TechId};
use crate::model::{
    NewTechnicalBenefit, ProductArea, SupportRequest, TechnicalBenefit, TechnicalKind,
    TechnicalState,
};
use crate::validate;

/// The largest allowance accepted (incidents or hours).
const MAX_ALLOWANCE: i64 = 100_000;

/// R-TECH-1: which offers give which kind.
fn eligible(ctx: &Ctx, kind: TechnicalKind) -> Result<(), DomainError> {
    let offers = kind.eligible_offers();
    if offers.iter().any(|o| ctx.org.has_offer(*o)) {
        return Ok(());
    }
    let held: Vec<&str> = ctx.org.offers.iter().map(|o| o.label()).collect();
    let held = if held.is_empty() {
        "none".to_string()
    } else {
        held.join(", ")
    };
    let message = match kind {
        TechnicalKind::SignatureCloudSupport => format!(
            "{} is for Silver and Gold partners only, not Action Pack; this organisation's offers: {held}.",
            kind.label()
        ),
        _ => format!(
            "{} needs an Action Pack, Silver or Gold offer; this organisation's offers: {held}.",
            kind.label()
        ),
    };
    Err(DomainError::new(
        ErrorCode::TechNotEligible,
        format!("{message} Update the organisation's offers if they changed."),
    )
    .with(
        "kind",
        crate::variant_name::variant_name(&kind).unwrap_or_default(),
    )
    .with("offers", held))
}

pub(crate) fn add(ctx: &Ctx, new: &NewTechnicalBenefit) -> Result<Change, DomainError> {
    eligible(ctx, new.kind)?;
    let allowance = validate::quantity(
        &format!("number of {}", new.unit.label()),
        new.allowance,
        1,
        MAX_ALLOWANCE,
    )?;
    Ok(Change::TechnicalBenefitAdded {
        benefit: TechnicalBenefit {
            id: TechId::from_number(next(ctx.ws.counters.technical)),
            kind: new.kind,
            unit: new.unit,
            allowance,
            state: TechnicalState::NotActivated,
            requests: Vec::new(),
        },
    })
}

fn state_text(b: &TechnicalBenefit) -> String {
    match &b.state {
        TechnicalState::NotActivated => "not activated".to_string(),
        TechnicalState::Pending { requested_on, .. } => format!("pending since {requested_on}"),
        TechnicalState::Active { activated_on, .. } => format!("active since {activated_on}"),
    }
}

/// R-TECH-2: "Activate" → pending.
pub(crate) fn activate(ctx: &Ctx, id: &TechId) -> Result<Change, DomainError> {
    let b = get(&ctx.ws.technical_benefits, "technical benefit", id)?;
    if b.state != TechnicalState::NotActivated {
        return Err(DomainError::new(
            ErrorCode::TechInvalidState,
            format!(
                "{} is already {}; there is nothing to activate.",
                b.kind.label(),
                state_text(b)
            ),
        ));
    }
    eligible(ctx, b.kind)?;
    Ok(Change::TechnicalBenefitActivationRequested {
        benefit: id.clone(),
        on: ctx.today,
    })
}

/// R-TECH-2: once processed, Partner Center shows an Access ID and a Contract ID → active.
pub(crate) fn record_processed(
    ctx: &Ctx,
    id: &TechId,
    access_id: &str,
    contract_id: &str,
) -> Result<Change, DomainError> {
    let b = get(&ctx.ws.technical_benefits, "technical benefit", id)?;
    if !matches!(b.state, TechnicalState::Pending { .. }) {
        let what = match b.state {
            TechnicalState::NotActivated => {
                "Activate it first; Partner Center gives the IDs once the activation is processed."
            }
            _ => "Its IDs are already recorded.",
        };
        return Err(DomainError::new(
            ErrorCode::TechInvalidState,
            format!("{} is {}. {what}", b.kind.label(), state_text(b)),
        ));
    }
    Ok(Change::TechnicalBenefitProcessed {
        benefit: id.clone(),
        activated_on: ctx.today,
        access_id: validate::text("Access ID", access_id)?,
        contract_id: validate::text("Contract ID", contract_id)?,
    })
}

/// R-TECH-3: a support request uses an active benefit (for on-premises, Azure non-CSP and
/// Dynamics products, its Access ID and Contract ID) and consumes incidents or hours.
pub(crate) fn log_support_request(
    ctx: &Ctx,
    id: &TechId,
    area: ProductArea,
    title: &str,
    consumes: i64,
) -> Result<Change, DomainError> {
    let b = get(&ctx.ws.technical_benefits, "technical benefit", id)?;
    let title = validate::text("request title", title)?;
    let consumes = validate::quantity(
        &format!("number of {} used", b.unit.label()),
        consumes,
        1,
        MAX_ALLOWANCE,
    )?;
    if b.ids().is_none() {
        let next_step = match b.state {
            TechnicalState::NotActivated => "activate it first",
            _ => "record them once Partner Center has processed the activation",
        };
        return Err(if area.needs_access_and_contract_id() {
            DomainError::new(
                ErrorCode::TechIdsRequired,
                format!(
                    "A support request for {} needs the Access ID and Contract ID of {}, which is {}: {next_step}.",
                    area.label(),
                    b.kind.label(),
                    state_text(b)
                ),
            )
        } else {
            DomainError::new(
                ErrorCode::TechInvalidState,
                format!(
                    "{} is {}, so it cannot be used yet: {next_step}.",
                    b.kind.label(),
                    state_text(b)
                ),
            )
        });
    }
    let left = b.remaining();
    if consumes > left {
        return Err(DomainError::new(
            ErrorCode::TechAllowanceExceeded,
            format!(
                "Only {left} {unit} left on {} ({} given, {} used); this request needs {consumes}.",
                b.kind.label(),
                b.allowance,
                b.used(),
                unit = b.unit.label()
            ),
        )
        .with("remaining", left));
    }
    Ok(Change::SupportRequestLogged {
        benefit: id.clone(),
        request: SupportRequest {
            id: SupportRequestId::from_number(next(ctx.ws.counters.support_requests)),
            opened_on: ctx.today,
            opened_by: ctx.actor.id.clone(),
            area,
            title,
            consumed: consumes,
        },
    })
}
