//! The partner organisation and its membership (R-MEM-1).

use crate::enum_set::EnumSet;
use crate::money::Currency;
use crate::time::add_whole_months;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A membership offer of the Microsoft Partner Network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Offer {
    /// Microsoft Action Pack (MAPS).
    ActionPack,
    Silver,
    Gold,
}

impl Offer {
    /// In order (the order of an [`OfferSet`]).
    pub const ALL: [Offer; 3] = [Offer::ActionPack, Offer::Silver, Offer::Gold];

    pub fn label(self) -> &'static str {
        match self {
            Offer::ActionPack => "Action Pack",
            Offer::Silver => "Silver",
            Offer::Gold => "Gold",
        }
    }
}

impl fmt::Display for Offer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The offers an organisation holds, listed in [`Offer::ALL`]'s order.
pub type OfferSet = EnumSet<Offer>;

crate::enum_set::set_member!(Offer);

/// Whether a benefit comes with the offer's core set or as an incremental one (R-AZ-6,
/// R-LIC-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitType {
    Core,
    Incremental,
}

impl BenefitType {
    pub fn label(self) -> &'static str {
        match self {
            BenefitType::Core => "Core",
            BenefitType::Incremental => "Incremental",
        }
    }
}

/// The organisation's tenant, shown for confirmation before a key is redeemed (R-KEY-4
/// step 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tenant {
    pub name: String,
    /// The tenant's domain, e.g. `contoso.onmicrosoft.com`.
    pub domain: String,
}

/// The partner organisation (R-MEM-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    pub mpn_id: String,
    /// The email of the company's Partner Center account.
    pub company_account_email: String,
    pub currency: Currency,
    /// First day of the enrollment year; the year lasts 12 calendar months.
    pub enrollment_year_start: NaiveDate,
    pub offers: OfferSet,
    /// Competencies carried by a Silver or Gold offer (at least one when either is held).
    #[serde(default)]
    pub competencies: Vec<String>,
    pub tenant: Tenant,
}

impl Organisation {
    /// The first day after the enrollment year (start + 12 months).
    pub fn enrollment_year_end_exclusive(&self) -> Option<NaiveDate> {
        add_whole_months(self.enrollment_year_start, 12).ok()
    }

    /// The last day of the enrollment year.
    pub fn enrollment_year_last_day(&self) -> Option<NaiveDate> {
        self.enrollment_year_end_exclusive()?.pred_opt()
    }

    /// Whether `day` falls in the enrollment year.
    pub fn in_enrollment_year(&self, day: NaiveDate) -> bool {
        match self.enrollment_year_end_exclusive() {
            Some(end) => day >= self.enrollment_year_start && day < end,
            None => false,
        }
    }

    pub fn has_offer(&self, offer: Offer) -> bool {
        self.offers.contains(&offer)
    }
}

/// A detail of the organisation, as the activity log names a change of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrganisationField {
    Name,
    MpnId,
    CompanyAccountEmail,
    Currency,
    EnrollmentYearStart,
    Offers,
    Competencies,
    Tenant,
}

impl OrganisationField {
    /// The English name, in the middle of a sentence.
    pub fn label(self) -> &'static str {
        match self {
            OrganisationField::Name => "name",
            OrganisationField::MpnId => "MPN ID",
            OrganisationField::CompanyAccountEmail => "company account email",
            OrganisationField::Currency => "currency",
            OrganisationField::EnrollmentYearStart => "enrollment year start",
            OrganisationField::Offers => "offers",
            OrganisationField::Competencies => "competencies",
            OrganisationField::Tenant => "tenant",
        }
    }
}

/// One detail that differs between two versions of the organisation: its values before
/// and after, as plain text (a date as `YYYY-MM-DD`, offers and competencies joined by
/// ", ", "none" for an empty list, the tenant as "name (domain)").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationChange {
    pub field: OrganisationField,
    pub before: String,
    pub after: String,
}

/// What changed from `before` to `after`, in the order of the set-up form.
pub fn organisation_changes(
    before: &Organisation,
    after: &Organisation,
) -> Vec<OrganisationChange> {
    fn list(items: impl Iterator<Item = String>) -> String {
        let v: Vec<String> = items.collect();
        if v.is_empty() {
            "none".to_string()
        } else {
            v.join(", ")
        }
    }
    let values = |o: &Organisation| {
        [
            (OrganisationField::Name, o.name.clone()),
            (OrganisationField::MpnId, o.mpn_id.clone()),
            (
                OrganisationField::CompanyAccountEmail,
                o.company_account_email.clone(),
            ),
            (OrganisationField::Currency, o.currency.to_string()),
            (
                OrganisationField::EnrollmentYearStart,
                o.enrollment_year_start.to_string(),
            ),
            (
                OrganisationField::Offers,
                list(o.offers.iter().map(|x| x.label().to_string())),
            ),
            (
                OrganisationField::Competencies,
                list(o.competencies.iter().cloned()),
            ),
            (
                OrganisationField::Tenant,
                format!("{} ({})", o.tenant.name, o.tenant.domain),
            ),
        ]
    };
    values(before)
        .into_iter()
        .zip(values(after))
        .filter(|((_, b), (_, a))| a != b)
        .map(|((field, before), (_, after))| OrganisationChange {
            field,
            before,
            after,
        })
        .collect()
}
