//! The workspace's records (SPEC §1–§4): plain data, serialised as they are stored.
//!
//! Nothing here changes itself: every change goes through [`crate::Workspace::apply`].
//! Methods here only answer questions (status on a day, what is left, what to show).

pub mod azure;
pub mod directory;
pub mod gtm;
pub mod inventory;
pub mod license;
pub mod organisation;
pub mod package;
pub mod software;
pub mod subscription;
pub mod technical;
pub mod visual_studio;

pub use azure::{AzureCredit, CreditKind, CreditSpend, CreditUser, NewAzureCredit};
pub use directory::{AzureOtherOffer, DirectoryUser, UserDetails, UserKind};
pub use gtm::{GtmOffer, GtmState, GtmStatus, MarketingContact};
pub use inventory::{KeyRecord, Redemption};
pub use license::{LicenseBenefit, NewLicenseBenefit};
pub use organisation::{
    organisation_changes, BenefitType, Offer, OfferSet, Organisation, OrganisationChange,
    OrganisationField, Tenant,
};
pub use package::{BenefitPackage, CancellationRequest, CANCELLATION_WINDOW_DAYS};
pub use software::{
    DownloadLink, NewSoftwareKey, NewSoftwareProduct, Revealed, SoftwareKey, SoftwareProduct,
};
pub use subscription::{NewSubscription, Subscription, SubscriptionStatus};
pub use technical::{
    AllowanceUnit, NewTechnicalBenefit, ProductArea, SupportRequest, TechnicalBenefit,
    TechnicalKind, TechnicalState,
};
pub use visual_studio::{VsAssignment, VsLevel, VsSubscription, VS_REASSIGNMENT_DAYS};

use chrono::NaiveDate;

/// `date` + `days`, or `None` past the calendar's end.
pub(crate) fn plus_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(chrono::TimeDelta::try_days(days)?)
}
