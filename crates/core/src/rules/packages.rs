//! Benefit packages: purchase, and cancellation with refund (R-MEM-2).

use super::{get, Ctx};
use crate::error::{DomainError, ErrorCode};
use crate::event::Change;
use crate::ids::{next, PackageId, ServiceRequestId};
use crate::model::{
    BenefitPackage, CancellationRequest, Offer, SoftwareProduct, CANCELLATION_WINDOW_DAYS,
};
use crate::validate;
use crate::workspace::Workspace;
use chrono::NaiveDate;

pub(crate) fn purchase(
    ctx: &Ctx,
    name: &str,
    offer: Offer,
    purchased_on: NaiveDate,
) -> Result<Change, DomainError> {
    let name = validate::text("package name", name)?;
    let purchased_on = validate::past_date("purchase date", purchased_on, ctx.today)?;
    let purchased_on = validate::membership_date("purchase date", purchased_on, ctx.org)?;
    Ok(Change::PackagePurchased {
        package: BenefitPackage {
            id: PackageId::from_number(next(ctx.ws.counters.packages)),
            name,
            offer,
            purchased_on,
            purchased_by: ctx.actor.id.clone(),
            cancellation: None,
        },
    })
}

/// The first of the package's software benefits that was activated (keys revealed): it
/// blocks the package's cancellation (R-MEM-2). `None` while the package may still be
/// cancelled as far as activation goes.
pub fn activated_software<'a>(
    ws: &'a Workspace,
    package: &PackageId,
) -> Option<&'a SoftwareProduct> {
    ws.software
        .values()
        .find(|s| s.package.as_ref() == Some(package) && s.activated())
}

/// R-MEM-2: within 30 days of purchase, and only if none of the package's software
/// benefits has been activated (keys revealed).
pub(crate) fn request_cancellation(ctx: &Ctx, id: &PackageId) -> Result<Change, DomainError> {
    let package = get(&ctx.ws.packages, "benefit package", id)?;
    if let Some(c) = &package.cancellation {
        return Err(DomainError::new(
            ErrorCode::CancellationAlreadyRequested,
            format!(
                "Cancellation of {} was already requested on {} by {} (service request {}).",
                package.name,
                c.requested_on,
                ctx.ws.user_name(&c.requested_by),
                c.service_request
            ),
        )
        .with("service_request", &c.service_request)
        .with("requested_on", c.requested_on));
    }
    if !package.in_cancellation_window(ctx.today) {
        let last = package
            .cancellation_window_last_day()
            .map(|d| d.to_string())
            .unwrap_or_default();
        return Err(DomainError::new(
            ErrorCode::CancellationWindowClosed,
            format!(
                "{} was purchased on {}; cancellation with a refund can be requested only within {CANCELLATION_WINDOW_DAYS} days of purchase, that is until {last}. Today is {}, so the package stays.",
                package.name, package.purchased_on, ctx.today
            ),
        )
        .with("purchased_on", package.purchased_on)
        .with("last_day", last));
    }
    if let Some(sw) = activated_software(ctx.ws, id) {
        let (when, who) = sw
            .revealed
            .as_ref()
            .map(|r| (r.at.date().to_string(), ctx.ws.user_name(&r.by)))
            .unwrap_or_default();
        return Err(DomainError::new(
            ErrorCode::CancellationBlockedByActivation,
            format!(
                "{} cannot be cancelled: its software benefit {} was activated on {when}, when {who} revealed its keys. A package can be cancelled only while none of its software benefits is activated.",
                package.name, sw.name
            ),
        )
        .with("software", &sw.id)
        .with("activated_on", when));
    }
    Ok(Change::PackageCancellationRequested {
        package: id.clone(),
        request: CancellationRequest {
            service_request: ServiceRequestId::from_number(next(ctx.ws.counters.service_requests)),
            requested_on: ctx.today,
            requested_by: ctx.actor.id.clone(),
        },
    })
}
