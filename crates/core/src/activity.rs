//! The activity log as a person reads it: one line per event.

use crate::event::{Change, Event};
use crate::proration::Action;
use crate::roles::{acting_as, RoleSet};
use crate::workspace::Workspace;

impl Workspace {
    /// "Gloria Global-Admin assigned Visual Studio Enterprise vs-1 to Mario Partner-Admin."
    /// Names are today's names of the people and records involved; product keys are masked.
    pub fn describe(&self, event: &Event) -> String {
        let who = self.user_name(&event.actor);
        let name = |id: &crate::ids::UserId| self.user_name(id);
        let money = |minor: i64| {
            self.organisation
                .as_ref()
                .map(|o| o.currency.format(minor))
                .unwrap_or_else(|| minor.to_string())
        };
        let what = match &event.change {
            Change::OrganisationSetUp {
                organisation,
                first_admin,
            } => format!(
                "set up {} (MPN ID {}) with {} as its first Global admin",
                organisation.name, organisation.mpn_id, first_admin.name
            ),
            Change::OrganisationUpdated { before, after } => {
                let changes: Vec<String> = crate::model::organisation_changes(before, after)
                    .iter()
                    .map(|c| format!("{} from {} to {}", c.field.label(), c.before, c.after))
                    .collect();
                if changes.is_empty() {
                    format!("updated the details of {}", after.name)
                } else {
                    format!("changed the organisation's details: {}", changes.join("; "))
                }
            }
            Change::UserAdded { user } => format!(
                "added the directory user {} ({}, {})",
                user.name,
                user.email,
                roles_text(&user.roles)
            ),
            Change::UserEdited {
                user,
                before,
                after,
            } => {
                let mut parts = Vec::new();
                if before.name != after.name {
                    parts.push(format!("name {} → {}", before.name, after.name));
                }
                if before.email != after.email {
                    parts.push(format!("email {} → {}", before.email, after.email));
                }
                if before.kind != after.kind {
                    parts.push("member/guest".to_string());
                }
                if before.roles != after.roles {
                    parts.push(format!(
                        "roles {} → {}",
                        roles_text(&before.roles),
                        roles_text(&after.roles)
                    ));
                }
                format!("edited {} ({})", name(user), parts.join("; "))
            }
            Change::UserDisabled { user } => format!("disabled {}", name(user)),
            Change::UserEnabled { user } => format!("enabled {}", name(user)),
            Change::UserAzureOffersSet { user, after, .. } => format!(
                "recorded the offers on {}'s Azure subscription: {}",
                name(user),
                if after.is_empty() {
                    "none".to_string()
                } else {
                    after
                        .iter()
                        .map(|o| o.label().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ),
            Change::PackagePurchased { package } => format!(
                "recorded the purchase of {} ({}) on {}",
                package.name, package.offer, package.purchased_on
            ),
            Change::PackageCancellationRequested { package, request } => format!(
                "requested the cancellation of {} (service request {})",
                self.packages
                    .get(package)
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| package.to_string()),
                request.service_request
            ),
            Change::SoftwareProductAdded { product } => format!(
                "added the software product {} with {} key(s)",
                product.name,
                product.keys.len()
            ),
            Change::SoftwareKeysRevealed {
                product,
                first_time,
            } => format!(
                "revealed the keys of {}{}",
                self.software
                    .get(product)
                    .map(|p| p.name.clone())
                    .unwrap_or_else(|| product.to_string()),
                if *first_time {
                    ", activating it"
                } else {
                    " again"
                }
            ),
            Change::AzureCreditAdded { credit } => format!(
                "added Azure {} {} of {}",
                credit.kind.label(),
                credit.id,
                money(credit.amount_minor)
            ),
            Change::AzureCreditUserAssigned { credit, user, .. } => {
                format!("gave {} access to Azure credit {credit}", name(user))
            }
            Change::AzureCreditUserRemoved { credit, user } => {
                format!("removed {} from Azure credit {credit}", name(user))
            }
            Change::BulkCreditTransferred {
                credit, from, to, ..
            } => format!(
                "transferred Azure bulk credit {credit} from {} to {}",
                name(from),
                name(to)
            ),
            Change::CreditSpendRecorded { credit, spend } => format!(
                "recorded {} spent on {} from Azure credit {credit}",
                money(spend.amount_minor),
                spend.on
            ),
            Change::LicenseBenefitAdded { benefit } => format!(
                "added the license-based subscription {} ({}, benefit expires {})",
                benefit.product,
                count(benefit.licenses, "license"),
                benefit.benefit_expires_on
            ),
            Change::SubscriptionRecorded { subscription } => format!(
                "recorded the tenant subscription {} ({}, {}, {} to {})",
                subscription.id,
                subscription.product,
                count(subscription.seats, "license"),
                subscription.start,
                subscription.end
            ),
            Change::SubscriptionDisabledSet {
                subscription,
                disabled,
            } => format!(
                "recorded subscription {subscription} as {}",
                if *disabled { "disabled" } else { "enabled" }
            ),
            Change::ProductKeysAdded {
                product,
                seats,
                keys,
            } => format!(
                "added {} for {product} ({} each)",
                count(keys.len() as i64, "product key"),
                count(*seats, "license")
            ),
            Change::KeyRedeemed {
                key,
                product,
                key_seats,
                action,
                subscription,
                before,
                after,
                ..
            } => {
                let how = match action {
                    Action::ActivateNew => "to activate it".to_string(),
                    Action::ExtendEndDate => "to extend its end date".to_string(),
                    Action::AddLicenses => "to add licenses".to_string(),
                };
                let change = match before {
                    Some(b) => format!(
                        "{} → {} licenses, end {} → {}",
                        b.seats, after.seats, b.end, after.end
                    ),
                    None => format!("{} until {}", count(after.seats, "license"), after.end),
                };
                format!(
                    "redeemed key {} ({} of {product}) into subscription {subscription} {how}: {change}",
                    key.masked(),
                    count(*key_seats, "license")
                )
            }
            Change::VisualStudioSubscriptionsAdded { subscriptions } => format!(
                "added {}{}",
                count(subscriptions.len() as i64, "Visual Studio subscription"),
                subscriptions
                    .first()
                    .map(|s| format!(" ({})", s.level))
                    .unwrap_or_default()
            ),
            Change::VisualStudioAssigned {
                subscription,
                user,
                previous,
                ..
            } => match previous {
                Some(p) => format!(
                    "reassigned Visual Studio subscription {subscription} from {} to {}",
                    name(&p.user),
                    name(user)
                ),
                None => format!(
                    "assigned Visual Studio subscription {subscription} to {}",
                    name(user)
                ),
            },
            Change::VisualStudioUnassigned {
                subscription,
                previous,
            } => format!(
                "removed Visual Studio subscription {subscription} from {}",
                name(&previous.user)
            ),
            Change::TechnicalBenefitAdded { benefit } => format!(
                "added the technical benefit {} ({} {})",
                benefit.kind.label(),
                benefit.allowance,
                benefit.unit.label()
            ),
            Change::TechnicalBenefitActivationRequested { benefit, .. } => {
                format!("activated technical benefit {benefit} (pending)")
            }
            Change::TechnicalBenefitProcessed { benefit, .. } => format!(
                "recorded technical benefit {benefit} as active, with its Access ID and Contract ID"
            ),
            Change::SupportRequestLogged { benefit, request } => format!(
                "logged support request {} \"{}\" on {benefit}, using {}",
                request.id, request.title, request.consumed
            ),
            Change::GtmOfferAdded { offer } => {
                format!("added the Go-To-Market offer {}", offer.name)
            }
            Change::MarketingContactSet { after, .. } => format!(
                "set {} as marketing contact ({})",
                name(&after.user),
                after.email
            ),
            Change::GtmOfferActivationRequested { offer, .. } => format!(
                "activated the Go-To-Market offer {} (pending)",
                self.gtm_offers
                    .get(offer)
                    .map(|o| o.name.clone())
                    .unwrap_or_else(|| offer.to_string())
            ),
            Change::GtmOfferActivated {
                offer, expires_on, ..
            } => format!(
                "recorded the Go-To-Market offer {} as active until {expires_on}",
                self.gtm_offers
                    .get(offer)
                    .map(|o| o.name.clone())
                    .unwrap_or_else(|| offer.to_string())
            ),
            Change::RecordRemoved { label, .. } => format!("removed {label}"),
        };
        format!("{who} {what}.")
    }
}

fn roles_text(roles: &RoleSet) -> String {
    if roles.is_empty() {
        "no role".to_string()
    } else {
        acting_as(roles.iter().copied())
    }
}

/// "1 license", "25 licenses": a count with its noun.
fn count(n: i64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
