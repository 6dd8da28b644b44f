//! The organisation (R-MEM-1) and the bootstrap command.

use super::{nothing_to_change, Ctx};
use crate::error::{DomainError, ErrorCode};
use crate::event::Change;
use crate::ids::{next, UserId};
use crate::model::{DirectoryUser, Offer, Organisation, Tenant, UserDetails};
use crate::roles::Role;
use crate::time::add_whole_months;
use crate::validate;
use crate::workspace::Workspace;
use chrono::NaiveDate;

/// The first command of an empty workspace: the organisation and its first Global admin,
/// who is the event's actor.
pub(crate) fn set_up(
    ws: &Workspace,
    organisation: &Organisation,
    first_admin: &UserDetails,
    today: NaiveDate,
) -> Result<(UserId, Change), DomainError> {
    if let Some(org) = &ws.organisation {
        return Err(DomainError::new(
            ErrorCode::OrganisationExists,
            format!(
                "The organisation {} is already set up; change its details instead.",
                org.name
            ),
        ));
    }
    let organisation = checked(organisation, today)?;
    let details = super::directory::checked_details(ws, first_admin, None)?;
    let mut roles = details.roles;
    roles.insert(Role::GlobalAdmin);
    let id = UserId::from_number(next(ws.counters.users));
    let user = DirectoryUser {
        id: id.clone(),
        name: details.name,
        email: details.email,
        kind: details.kind,
        roles,
        disabled: false,
        azure_offers: Vec::new(),
    };
    Ok((
        id,
        Change::OrganisationSetUp {
            organisation,
            first_admin: user,
        },
    ))
}

pub(crate) fn update(ctx: &Ctx, organisation: &Organisation) -> Result<Change, DomainError> {
    let after = checked(organisation, ctx.today)?;
    if after == *ctx.org {
        return Err(nothing_to_change(
            "The organisation's details are already these; nothing to save.".to_string(),
        ));
    }
    // Amounts are kept in minor units of the currency: under another currency they would
    // silently mean other sums.
    let credits = ctx.ws.azure_credits.len();
    if after.currency != ctx.org.currency && credits > 0 {
        return Err(DomainError::new(
            ErrorCode::CurrencyInUse,
            format!(
                "The currency stays {}: {credits} Azure credit{} {} recorded in it, and {} amounts would mean other sums in {}. Remove the credits entered in {} first, or keep {}.",
                ctx.org.currency,
                if credits == 1 { "" } else { "s" },
                if credits == 1 { "is" } else { "are" },
                if credits == 1 { "its" } else { "their" },
                after.currency,
                ctx.org.currency,
                ctx.org.currency
            ),
        )
        .with("currency", &ctx.org.currency)
        .with("new_currency", &after.currency)
        .with("credits", credits));
    }
    if let Some(contact) = &ctx.ws.marketing_contact {
        if validate::same_email(&contact.email, &after.company_account_email) {
            return Err(DomainError::new(
                ErrorCode::MarketingContactEmailIsCompanyEmail,
                format!(
                    "The company account email cannot be {}: it is the marketing contact's email, and the two must differ. Change the marketing contact first.",
                    after.company_account_email
                ),
            )
            .with("email", &after.company_account_email));
        }
    }
    Ok(Change::OrganisationUpdated {
        before: ctx.org.clone(),
        after,
    })
}

/// R-MEM-1: every field checked and tidied.
pub(crate) fn checked(org: &Organisation, today: NaiveDate) -> Result<Organisation, DomainError> {
    let name = validate::text("organisation name", &org.name)?;
    let mpn_id = validate::mpn_id(&org.mpn_id)?;
    let company_account_email =
        validate::email("company account email", &org.company_account_email)?;
    if !org.currency.is_iso_4217() {
        return Err(DomainError::new(
            ErrorCode::UnknownCurrency,
            format!(
                "\"{}\" is not a currency in use (ISO 4217): enter its three-letter code, such as USD, EUR or GBP.",
                org.currency
            ),
        )
        .with("value", &org.currency));
    }
    let start = validate::enrollment_start(org.enrollment_year_start, today)?;
    if add_whole_months(start, 12).is_err() {
        return Err(DomainError::new(
            ErrorCode::DateOutOfRange,
            format!("The enrollment year starting {start} would end after 9999-12-31."),
        ));
    }
    let mut competencies = Vec::new();
    for c in &org.competencies {
        let c = validate::text("competency", c)?;
        if competencies
            .iter()
            .any(|o: &String| validate::same_text(o, &c))
        {
            return Err(DomainError::new(
                ErrorCode::InvalidValue,
                format!("The competency \"{c}\" is listed twice; list it once."),
            )
            .with("field", "competency"));
        }
        competencies.push(c);
    }
    let silver_or_gold = org.offers.contains(&Offer::Silver) || org.offers.contains(&Offer::Gold);
    if silver_or_gold && competencies.is_empty() {
        return Err(DomainError::new(
            ErrorCode::MissingValue,
            "A Silver or Gold membership carries at least one competency: enter it (for example Cloud Productivity).",
        )
        .with("field", "competency"));
    }
    let tenant = Tenant {
        name: validate::text("tenant name", &org.tenant.name)?,
        domain: tenant_domain(&org.tenant.domain)?,
    };
    Ok(Organisation {
        name,
        mpn_id,
        company_account_email,
        currency: org.currency.clone(),
        enrollment_year_start: start,
        offers: org.offers,
        competencies,
        tenant,
    })
}

/// A domain such as `contoso.onmicrosoft.com`, kept in lower case.
fn tenant_domain(value: &str) -> Result<String, DomainError> {
    let v = validate::text("tenant domain", value)?.to_ascii_lowercase();
    // Reuse the email check's domain rules.
    if validate::email("tenant domain", &format!("x@{v}")).is_err() {
        return Err(DomainError::new(
            ErrorCode::InvalidValue,
            format!("\"{v}\" is not a domain name: use letters, digits, hyphens and dots, such as contoso.onmicrosoft.com."),
        )
        .with("field", "tenant domain"));
    }
    Ok(v)
}
