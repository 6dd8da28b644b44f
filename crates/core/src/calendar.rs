//! The expiry calendar (R-PLAN-3): every date that matters, on one timeline, and its `.ics`.
//!
//! [`important_dates`] reads the workspace on a given day and lists, sorted by date:
//!
//! | kind | from | date |
//! |---|---|---|
//! | [`DateKind::BenefitExpiry`] | each license-based benefit and each Azure credit | its expiry date (the last day of the right to use it) |
//! | [`DateKind::SubscriptionEnd`] | each tenant subscription that is not disabled | its end date |
//! | [`DateKind::VsReassignmentAllowed`] | each assigned Visual Studio subscription | [`VsAssignment::reassignable_from`](crate::model::VsAssignment::reassignable_from) (R-VS-2) |
//! | [`DateKind::GtmOfferExpiry`] | each active Go-To-Market offer | its `expires_on`, the last usable day (R-GTM-3) |
//! | [`DateKind::CancellationWindowEnd`] | each package still cancellable: no cancellation requested, no software activated ([`rules::packages::activated_software`]) | [`BenefitPackage::cancellation_window_last_day`] (R-MEM-2) |
//! | [`DateKind::EnrollmentYearEnd`] | the organisation | the enrollment year's last day: this year's benefits renew or expire with it |
//!
//! Technical benefits (R-TECH) carry no expiry date of their own in the model: they belong
//! to the enrollment year, so the enrollment year's end is their date (its description says
//! so).
//!
//! Dates more than [`RECENTLY_PASSED_DAYS`] days before `today` are left out; the ones
//! since then stay, so a date that just passed ("the subscription ended last week") is
//! still in view. There is no upper bound.
//!
//! Titles and descriptions are in English; a front end may translate them from the kind,
//! the name and the other fields, and pass its own to [`to_ics`].

use crate::command::RecordRef;
use crate::ics::{self, CalendarItem};
use crate::model::{
    plus_days, BenefitPackage, CreditKind, GtmState, CANCELLATION_WINDOW_DAYS, VS_REASSIGNMENT_DAYS,
};
use crate::rules;
use crate::workspace::Workspace;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// How many days back a date that has passed stays in the calendar.
pub const RECENTLY_PASSED_DAYS: i64 = 30;

/// What a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// The last day of the right to use a license-based benefit or an Azure credit.
    BenefitExpiry,
    /// A tenant subscription's end date.
    SubscriptionEnd,
    /// The first day a Visual Studio subscription may go to someone else (R-VS-2).
    VsReassignmentAllowed,
    /// The last day an active Go-To-Market offer can be used (R-GTM-3).
    GtmOfferExpiry,
    /// The last day a package's cancellation with a refund can be requested (R-MEM-2).
    CancellationWindowEnd,
    /// The enrollment year's last day: the membership's benefits (technical benefits
    /// included, which have no date of their own) renew or expire with it.
    EnrollmentYearEnd,
}

impl DateKind {
    /// Every kind, in the order used when two dates fall on the same day.
    pub const ALL: [DateKind; 6] = [
        DateKind::CancellationWindowEnd,
        DateKind::VsReassignmentAllowed,
        DateKind::SubscriptionEnd,
        DateKind::BenefitExpiry,
        DateKind::GtmOfferExpiry,
        DateKind::EnrollmentYearEnd,
    ];

    /// The name used in JSON and in ids: `benefit_expiry`, `subscription_end`, …
    pub fn as_str(self) -> &'static str {
        match self {
            DateKind::BenefitExpiry => "benefit_expiry",
            DateKind::SubscriptionEnd => "subscription_end",
            DateKind::VsReassignmentAllowed => "vs_reassignment_allowed",
            DateKind::GtmOfferExpiry => "gtm_offer_expiry",
            DateKind::CancellationWindowEnd => "cancellation_window_end",
            DateKind::EnrollmentYearEnd => "enrollment_year_end",
        }
    }

    /// The kind named by [`DateKind::as_str`].
    pub fn from_str_opt(s: &str) -> Option<DateKind> {
        DateKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A short English label: "Benefit expires", "Subscription ends", …
    pub fn label(self) -> &'static str {
        match self {
            DateKind::BenefitExpiry => "Benefit expires",
            DateKind::SubscriptionEnd => "Subscription ends",
            DateKind::VsReassignmentAllowed => "Reassignment allowed",
            DateKind::GtmOfferExpiry => "Go-To-Market offer expires",
            DateKind::CancellationWindowEnd => "Last day to cancel",
            DateKind::EnrollmentYearEnd => "Enrollment year ends",
        }
    }

    fn rank(self) -> usize {
        DateKind::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or(DateKind::ALL.len())
    }

    /// The id prefix: `subscription-end`, `vs-reassignment-allowed`, …
    fn id_prefix(self) -> String {
        self.as_str().replace('_', "-")
    }
}

/// One date that matters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportantDate {
    /// Stable across exports (kind and record id, e.g. `subscription-end-sub-1`): the
    /// `.ics` UID, so importing again updates an event instead of adding a copy.
    pub id: String,
    pub kind: DateKind,
    pub date: NaiveDate,
    /// The record the date belongs to (`None` for the enrollment year).
    pub record: Option<RecordRef>,
    /// The record's name: the product, the package, the offer, "Azure monthly credit",
    /// "Visual Studio Enterprise", or the organisation.
    pub name: String,
    /// The day the date counts from, when there is one: the package's purchase, the Visual
    /// Studio assignment, the Go-To-Market offer's activation, the enrollment year's start.
    pub counted_from: Option<NaiveDate>,
    /// The person concerned, when there is one (the Visual Studio subscriber).
    pub person: Option<String>,
    /// English: "Subscription ends: Microsoft 365 Business Premium".
    pub title: String,
    /// English: one or two sentences on what the date means and what to do.
    pub description: String,
}

impl ImportantDate {
    /// The `.ics` item: an all-day event on the date, reminder [`ics::REMINDER_DAYS`]
    /// days before.
    pub fn calendar_item(&self) -> CalendarItem {
        CalendarItem::new(
            self.id.clone(),
            self.date,
            self.title.clone(),
            self.description.clone(),
        )
    }
}

/// R-PLAN-3: every date that matters on `today`, from [`RECENTLY_PASSED_DAYS`] days ago
/// on, sorted by date (then kind, then id): the same workspace and day always give the same
/// list.
pub fn important_dates(ws: &Workspace, today: NaiveDate) -> Vec<ImportantDate> {
    let mut out = Vec::new();
    let currency = ws.organisation().map(|o| o.currency.clone());

    for b in ws.license_benefits().values() {
        out.push(ImportantDate {
            id: format!("{}-{}", DateKind::BenefitExpiry.id_prefix(), b.id),
            kind: DateKind::BenefitExpiry,
            date: b.benefit_expires_on,
            record: Some(RecordRef::LicenseBenefit(b.id.clone())),
            name: b.product.clone(),
            counted_from: None,
            person: None,
            title: title(DateKind::BenefitExpiry, &format!("{} ({})", b.product, b.id)),
            description: format!(
                "Last day of the right to use the {} benefit ({} licenses, {}, {}). The tenant subscription has its own end date, which may differ.",
                b.product,
                b.licenses,
                b.offer.label(),
                b.benefit_type.label().to_lowercase()
            ),
        });
    }
    for c in ws.azure_credits().values() {
        let name = credit_name(c.kind).to_string();
        let amount = currency
            .as_ref()
            .map(|cur| cur.format(c.amount_minor))
            .unwrap_or_else(|| c.amount_minor.to_string());
        let per = match c.kind {
            CreditKind::Monthly => "month",
            CreditKind::Bulk => "year",
        };
        out.push(ImportantDate {
            id: format!("{}-{}", DateKind::BenefitExpiry.id_prefix(), c.id),
            kind: DateKind::BenefitExpiry,
            date: c.expires_on,
            record: Some(RecordRef::AzureCredit(c.id.clone())),
            title: title(DateKind::BenefitExpiry, &format!("{name} ({})", c.id)),
            description: format!(
                "Last day of the {name} ({amount} per {per}, {}): credit not spent by then is lost.",
                c.offer.label()
            ),
            name,
            counted_from: None,
            person: None,
        });
    }
    for s in ws.subscriptions().values().filter(|s| !s.disabled) {
        out.push(ImportantDate {
            id: format!("{}-{}", DateKind::SubscriptionEnd.id_prefix(), s.id),
            kind: DateKind::SubscriptionEnd,
            date: s.end,
            record: Some(RecordRef::Subscription(s.id.clone())),
            name: s.product.clone(),
            counted_from: None,
            person: None,
            // Two subscriptions of one product end apart: the id tells them apart.
            title: title(DateKind::SubscriptionEnd, &format!("{} ({})", s.product, s.id)),
            description: format!(
                "The tenant subscription {} ({} seats) ends on this day. Redeem a product key before then to extend its end date; the key planner shows what a key would give.",
                s.id, s.seats
            ),
        });
    }
    for v in ws.visual_studio().values() {
        let Some(a) = &v.assignment else { continue };
        let Some(date) = a.reassignable_from() else {
            continue;
        };
        let name = v.level.label().to_string();
        let person = ws.user_name(&a.user);
        out.push(ImportantDate {
            id: format!("{}-{}", DateKind::VsReassignmentAllowed.id_prefix(), v.id),
            kind: DateKind::VsReassignmentAllowed,
            date,
            record: Some(RecordRef::VisualStudio(v.id.clone())),
            title: title(
                DateKind::VsReassignmentAllowed,
                &format!("{name} ({}, {person})", v.id),
            ),
            description: format!(
                "{name} subscription {}, assigned to {person} on {}, can go to another subscriber from this day ({VS_REASSIGNMENT_DAYS} days after the assignment).",
                v.id, a.assigned_on
            ),
            name,
            counted_from: Some(a.assigned_on),
            person: Some(person),
        });
    }
    for g in ws.gtm_offers().values() {
        let GtmState::Active {
            activated_on,
            expires_on,
        } = &g.state
        else {
            continue;
        };
        out.push(ImportantDate {
            id: format!("{}-{}", DateKind::GtmOfferExpiry.id_prefix(), g.id),
            kind: DateKind::GtmOfferExpiry,
            date: *expires_on,
            record: Some(RecordRef::GtmOffer(g.id.clone())),
            name: g.name.clone(),
            counted_from: Some(*activated_on),
            person: None,
            title: title(DateKind::GtmOfferExpiry, &g.name),
            description: format!(
                "Last day the Go-To-Market offer {} (active since {activated_on}) can be used; it shows as expired from the next day and can then be activated again.",
                g.name
            ),
        });
    }
    for p in ws.packages().values().filter(|p| still_cancellable(ws, p)) {
        let Some(date) = p.cancellation_window_last_day() else {
            continue;
        };
        out.push(ImportantDate {
            id: format!("{}-{}", DateKind::CancellationWindowEnd.id_prefix(), p.id),
            kind: DateKind::CancellationWindowEnd,
            date,
            record: Some(RecordRef::Package(p.id.clone())),
            name: p.name.clone(),
            counted_from: Some(p.purchased_on),
            person: None,
            title: title(DateKind::CancellationWindowEnd, &p.name),
            description: format!(
                "Last day to request cancellation of {} with a refund ({CANCELLATION_WINDOW_DAYS} days after its purchase on {}), as long as none of its software benefits is activated: revealing its keys activates them.",
                p.name, p.purchased_on
            ),
        });
    }
    if let Some(org) = ws.organisation() {
        if let Some(date) = org.enrollment_year_last_day() {
            out.push(ImportantDate {
                id: format!(
                    "{}-{}",
                    DateKind::EnrollmentYearEnd.id_prefix(),
                    org.enrollment_year_start
                ),
                kind: DateKind::EnrollmentYearEnd,
                date,
                record: None,
                name: org.name.clone(),
                counted_from: Some(org.enrollment_year_start),
                person: None,
                title: title(DateKind::EnrollmentYearEnd, &org.name),
                description: format!(
                    "Last day of the enrollment year that started on {}: this year's membership benefits, technical benefits (support incidents and hours) included, expire or renew with the membership.",
                    org.enrollment_year_start
                ),
            });
        }
    }

    let from = plus_days(today, -RECENTLY_PASSED_DAYS);
    out.retain(|d| from.is_none_or(|from| d.date >= from));
    out.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.kind.rank().cmp(&b.kind.rank()))
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// The `.ics` of `dates` (RFC 5545, through [`ics::write_ics`]): one all-day event per
/// date, in the given order, each with a reminder 30 days before. `stamp` is the export
/// time (UTC); `calendar_name` is shown by calendar applications that read it.
pub fn to_ics(calendar_name: &str, dates: &[ImportantDate], stamp: NaiveDateTime) -> String {
    let items: Vec<CalendarItem> = dates.iter().map(ImportantDate::calendar_item).collect();
    ics::write_ics(calendar_name, &items, stamp.and_utc())
}

/// R-MEM-2 apart from the date: no cancellation requested yet and no software benefit of
/// the package activated. (The window itself is the date shown.)
fn still_cancellable(ws: &Workspace, p: &BenefitPackage) -> bool {
    p.cancellation.is_none() && rules::packages::activated_software(ws, &p.id).is_none()
}

fn credit_name(kind: CreditKind) -> &'static str {
    match kind {
        CreditKind::Monthly => "Azure monthly credit",
        CreditKind::Bulk => "Azure bulk (yearly) credit",
    }
}

fn title(kind: DateKind, name: &str) -> String {
    format!("{}: {name}", kind.label())
}
