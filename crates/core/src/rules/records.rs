//! Removing a record entered by mistake. Records whose history matters stay: a redeemed
//! key, a subscription that received keys, revealed software (it blocks cancellation),
//! assigned benefits, credit with users or spend, benefits past "not activated".

use super::{get, not_found, Ctx};
use crate::command::RecordRef;
use crate::error::{DomainError, ErrorCode};
use crate::event::Change;
use crate::key::ProductKey;
use crate::model::{GtmState, TechnicalState};

fn in_use(label: &str, why: &str) -> DomainError {
    DomainError::new(
        ErrorCode::RecordInUse,
        format!("{label} cannot be removed: {why}."),
    )
    .with("record", label)
}

pub(crate) fn remove(ctx: &Ctx, record: &RecordRef) -> Result<Change, DomainError> {
    let ws = ctx.ws;
    let label = match record {
        RecordRef::Package(id) => {
            let p = get(&ws.packages, "benefit package", id)?;
            let label = format!("Benefit package {} ({})", p.name, p.id);
            if let Some(s) = ws
                .software
                .values()
                .find(|s| s.package.as_ref() == Some(id))
            {
                return Err(in_use(
                    &label,
                    &format!(
                        "the software product {} belongs to it; remove that first",
                        s.name
                    ),
                ));
            }
            label
        }
        RecordRef::Software(id) => {
            let s = get(&ws.software, "software product", id)?;
            let label = format!("Software product {} ({})", s.name, s.id);
            if let Some(r) = &s.revealed {
                return Err(in_use(
                    &label,
                    &format!(
                        "its keys were revealed on {}, which activated it",
                        r.at.date()
                    ),
                ));
            }
            label
        }
        RecordRef::AzureCredit(id) => {
            let c = get(&ws.azure_credits, "Azure credit", id)?;
            let label = format!("Azure credit {}", c.id);
            if !c.users.is_empty() {
                return Err(in_use(&label, "it is assigned to users"));
            }
            if !c.spend.is_empty() {
                return Err(in_use(&label, "spending is recorded against it"));
            }
            label
        }
        RecordRef::LicenseBenefit(id) => {
            let b = get(&ws.license_benefits, "license-based subscription", id)?;
            format!("License-based subscription {} ({})", b.product, b.id)
        }
        RecordRef::Subscription(id) => {
            let s = get(&ws.subscriptions, "subscription", id)?;
            let label = format!("Subscription {} ({})", s.id, s.product);
            if ws
                .product_keys
                .values()
                .any(|k| k.redemption.as_ref().is_some_and(|r| &r.subscription == id))
            {
                return Err(in_use(&label, "product keys were redeemed into it"));
            }
            label
        }
        RecordRef::ProductKey(text) => {
            let key = ProductKey::parse(text).map_err(|_| not_found("product key", text.trim()))?;
            let k = get(&ws.product_keys, "product key", &key)?;
            let label = format!("Product key {} ({})", key.masked(), k.product);
            if k.redemption.is_some() {
                return Err(in_use(&label, "it was redeemed"));
            }
            label
        }
        RecordRef::VisualStudio(id) => {
            let v = get(&ws.visual_studio, "Visual Studio subscription", id)?;
            let label = format!("{} {}", v.level, v.id);
            if let Some(a) = &v.assignment {
                return Err(in_use(
                    &label,
                    &format!("it is assigned to {}", ws.user_name(&a.user)),
                ));
            }
            label
        }
        RecordRef::Technical(id) => {
            let t = get(&ws.technical_benefits, "technical benefit", id)?;
            let label = format!("{} ({})", t.kind.label(), t.id);
            if t.state != TechnicalState::NotActivated {
                return Err(in_use(&label, "it was activated"));
            }
            label
        }
        RecordRef::GtmOffer(id) => {
            let o = get(&ws.gtm_offers, "Go-To-Market offer", id)?;
            let label = format!("Go-To-Market offer {} ({})", o.name, o.id);
            if o.state != GtmState::NotActivated {
                return Err(in_use(&label, "it was activated"));
            }
            label
        }
    };
    let record = match record {
        // Store the key in its canonical form.
        RecordRef::ProductKey(text) => RecordRef::ProductKey(
            ProductKey::parse(text)
                .map(|k| k.to_string())
                .unwrap_or_else(|_| text.clone()),
        ),
        other => other.clone(),
    };
    Ok(Change::RecordRemoved { record, label })
}
