//! The evolve half of `apply`: one fact applied to the state. Shared by `apply` and
//! `replay`, so both always agree. Every arm looks up what it touches before changing
//! anything: an event that does not fit leaves the workspace as it was.

use crate::command::RecordRef;
use crate::event::{Change, Event};
use crate::ids::bump;
use crate::key::ProductKey;
use crate::model::*;
use crate::record_map::{RecordMap, Slot};
use crate::workspace::{ReplayError, Workspace};
use std::fmt::Display;

fn missing(seq: u64, kind: &str, id: impl Display) -> ReplayError {
    ReplayError {
        seq,
        message: format!("it refers to {kind} {id}, which does not exist"),
    }
}

fn entry<'a, K: Ord + Display, V, S: Slot<V>>(
    map: &'a mut RecordMap<K, V, S>,
    seq: u64,
    kind: &str,
    id: &K,
) -> Result<&'a mut V, ReplayError> {
    map.get_mut(id).ok_or_else(|| missing(seq, kind, id))
}

fn fresh<K: Ord + Display, V, S: Slot<V>>(
    map: &RecordMap<K, V, S>,
    seq: u64,
    kind: &str,
    id: &K,
) -> Result<(), ReplayError> {
    if map.contains_key(id) {
        Err(ReplayError {
            seq,
            message: format!("it creates {kind} {id}, which already exists"),
        })
    } else {
        Ok(())
    }
}

pub(crate) fn evolve(ws: &mut Workspace, event: &Event) -> Result<(), ReplayError> {
    let seq = event.seq;
    if Some(seq) != ws.last_seq.checked_add(1) {
        return Err(ReplayError {
            seq,
            message: format!("expected event number {}", ws.last_seq.saturating_add(1)),
        });
    }
    let fail = |message: &str| ReplayError {
        seq,
        message: message.to_string(),
    };
    if ws.organisation.is_none() && !matches!(event.change, Change::OrganisationSetUp { .. }) {
        return Err(fail("the organisation is not set up yet"));
    }
    let today = event.at.date();
    let actor = &event.actor;
    match &event.change {
        Change::OrganisationSetUp {
            organisation,
            first_admin,
        } => {
            if ws.organisation.is_some() {
                return Err(fail("the organisation is already set up"));
            }
            fresh(&ws.users, seq, "user", &first_admin.id)?;
            ws.organisation = Some(organisation.clone());
            bump(&mut ws.counters.users, first_admin.id.number());
            ws.users.insert(first_admin.id.clone(), first_admin.clone());
        }
        Change::OrganisationUpdated { after, .. } => {
            ws.organisation = Some(after.clone());
        }
        Change::UserAdded { user } => {
            fresh(&ws.users, seq, "user", &user.id)?;
            bump(&mut ws.counters.users, user.id.number());
            ws.users.insert(user.id.clone(), user.clone());
        }
        Change::UserEdited { user, after, .. } => {
            let u = entry(&mut ws.users, seq, "user", user)?;
            u.name = after.name.clone();
            u.email = after.email.clone();
            u.kind = after.kind;
            u.roles = after.roles;
        }
        Change::UserDisabled { user } => entry(&mut ws.users, seq, "user", user)?.disabled = true,
        Change::UserEnabled { user } => entry(&mut ws.users, seq, "user", user)?.disabled = false,
        Change::UserAzureOffersSet { user, after, .. } => {
            entry(&mut ws.users, seq, "user", user)?.azure_offers = after.clone();
        }
        Change::PackagePurchased { package } => {
            fresh(&ws.packages, seq, "package", &package.id)?;
            bump(&mut ws.counters.packages, package.id.number());
            ws.packages.insert(package.id.clone(), package.clone());
        }
        Change::PackageCancellationRequested { package, request } => {
            let p = entry(&mut ws.packages, seq, "package", package)?;
            p.cancellation = Some(request.clone());
            bump(
                &mut ws.counters.service_requests,
                request.service_request.number(),
            );
        }
        Change::SoftwareProductAdded { product } => {
            fresh(&ws.software, seq, "software product", &product.id)?;
            bump(&mut ws.counters.software, product.id.number());
            ws.software.insert(product.id.clone(), product.clone());
        }
        Change::SoftwareKeysRevealed { product, .. } => {
            let p = entry(&mut ws.software, seq, "software product", product)?;
            if p.revealed.is_none() {
                p.revealed = Some(Revealed {
                    at: event.at,
                    by: actor.clone(),
                });
            }
        }
        Change::AzureCreditAdded { credit } => {
            fresh(&ws.azure_credits, seq, "Azure credit", &credit.id)?;
            bump(&mut ws.counters.credits, credit.id.number());
            ws.azure_credits.insert(credit.id.clone(), credit.clone());
        }
        Change::AzureCreditUserAssigned { credit, user, on } => {
            let c = entry(&mut ws.azure_credits, seq, "Azure credit", credit)?;
            c.users.push(CreditUser {
                user: user.clone(),
                since: *on,
            });
        }
        Change::AzureCreditUserRemoved { credit, user } => {
            let c = entry(&mut ws.azure_credits, seq, "Azure credit", credit)?;
            c.users.retain(|u| &u.user != user);
        }
        Change::BulkCreditTransferred {
            credit,
            from,
            to,
            on,
        } => {
            let c = entry(&mut ws.azure_credits, seq, "Azure credit", credit)?;
            c.users.retain(|u| &u.user != from);
            c.users.push(CreditUser {
                user: to.clone(),
                since: *on,
            });
        }
        Change::CreditSpendRecorded { credit, spend } => {
            entry(&mut ws.azure_credits, seq, "Azure credit", credit)?
                .spend
                .push(spend.clone());
        }
        Change::LicenseBenefitAdded { benefit } => {
            fresh(&ws.license_benefits, seq, "license benefit", &benefit.id)?;
            bump(&mut ws.counters.license_benefits, benefit.id.number());
            ws.license_benefits
                .insert(benefit.id.clone(), benefit.clone());
        }
        Change::SubscriptionRecorded { subscription } => {
            fresh(&ws.subscriptions, seq, "subscription", &subscription.id)?;
            bump(&mut ws.counters.subscriptions, subscription.id.number());
            ws.subscriptions
                .insert(subscription.id.clone(), subscription.clone());
        }
        Change::SubscriptionDisabledSet {
            subscription,
            disabled,
        } => {
            entry(&mut ws.subscriptions, seq, "subscription", subscription)?.disabled = *disabled;
        }
        Change::ProductKeysAdded {
            product,
            seats,
            keys,
        } => {
            for (i, k) in keys.iter().enumerate() {
                fresh(&ws.product_keys, seq, "product key", k)?;
                if keys.iter().take(i).any(|o| o == k) {
                    return Err(fail("it adds the same key twice"));
                }
            }
            for k in keys {
                ws.product_keys.insert(
                    k.clone(),
                    KeyRecord {
                        key: k.clone(),
                        product: product.clone(),
                        seats: *seats,
                        added_on: today,
                        added_by: actor.clone(),
                        added_seq: seq,
                        redemption: None,
                    },
                );
            }
        }
        Change::KeyRedeemed {
            key,
            product,
            action,
            subscription,
            created,
            after,
            ..
        } => {
            match ws.product_keys.get(key) {
                None => return Err(missing(seq, "product key", key.masked())),
                Some(k) if k.redemption.is_some() => {
                    return Err(fail("the key is already redeemed"))
                }
                Some(_) => {}
            }
            if *created {
                fresh(&ws.subscriptions, seq, "subscription", subscription)?;
            } else if !ws.subscriptions.contains_key(subscription) {
                return Err(missing(seq, "subscription", subscription));
            }
            // Both exist: change them together.
            if let Some(k) = ws.product_keys.get_mut(key) {
                k.redemption = Some(Redemption {
                    at: event.at,
                    by: actor.clone(),
                    subscription: subscription.clone(),
                    action: *action,
                });
            }
            let terms = |s: &mut Subscription| {
                s.seats = after.seats;
                s.start = after.start;
                s.end = after.end;
                s.disabled = after.disabled;
            };
            if *created {
                bump(&mut ws.counters.subscriptions, subscription.number());
                let mut s = Subscription {
                    id: subscription.clone(),
                    product: product.clone(),
                    seats: 0,
                    start: today,
                    end: today,
                    disabled: false,
                };
                terms(&mut s);
                ws.subscriptions.insert(subscription.clone(), s);
            } else if let Some(s) = ws.subscriptions.get_mut(subscription) {
                terms(s);
            }
        }
        Change::VisualStudioSubscriptionsAdded { subscriptions } => {
            for (i, v) in subscriptions.iter().enumerate() {
                fresh(&ws.visual_studio, seq, "Visual Studio subscription", &v.id)?;
                if subscriptions.iter().take(i).any(|o| o.id == v.id) {
                    return Err(fail("it adds the same Visual Studio subscription twice"));
                }
            }
            for v in subscriptions {
                bump(&mut ws.counters.visual_studio, v.id.number());
                ws.visual_studio.insert(v.id.clone(), v.clone());
            }
        }
        Change::VisualStudioAssigned {
            subscription,
            user,
            on,
            ..
        } => {
            entry(
                &mut ws.visual_studio,
                seq,
                "Visual Studio subscription",
                subscription,
            )?
            .assignment = Some(VsAssignment {
                user: user.clone(),
                assigned_on: *on,
            });
        }
        Change::VisualStudioUnassigned { subscription, .. } => {
            entry(
                &mut ws.visual_studio,
                seq,
                "Visual Studio subscription",
                subscription,
            )?
            .assignment = None;
        }
        Change::TechnicalBenefitAdded { benefit } => {
            fresh(
                &ws.technical_benefits,
                seq,
                "technical benefit",
                &benefit.id,
            )?;
            bump(&mut ws.counters.technical, benefit.id.number());
            ws.technical_benefits
                .insert(benefit.id.clone(), benefit.clone());
        }
        Change::TechnicalBenefitActivationRequested { benefit, on } => {
            entry(
                &mut ws.technical_benefits,
                seq,
                "technical benefit",
                benefit,
            )?
            .state = TechnicalState::Pending {
                requested_on: *on,
                requested_by: actor.clone(),
            };
        }
        Change::TechnicalBenefitProcessed {
            benefit,
            activated_on,
            access_id,
            contract_id,
        } => {
            let b = entry(
                &mut ws.technical_benefits,
                seq,
                "technical benefit",
                benefit,
            )?;
            let requested_on = match &b.state {
                TechnicalState::Pending { requested_on, .. } => *requested_on,
                _ => *activated_on,
            };
            b.state = TechnicalState::Active {
                requested_on,
                activated_on: *activated_on,
                access_id: access_id.clone(),
                contract_id: contract_id.clone(),
            };
        }
        Change::SupportRequestLogged { benefit, request } => {
            let b = entry(
                &mut ws.technical_benefits,
                seq,
                "technical benefit",
                benefit,
            )?;
            b.requests.push(request.clone());
            bump(&mut ws.counters.support_requests, request.id.number());
        }
        Change::GtmOfferAdded { offer } => {
            fresh(&ws.gtm_offers, seq, "Go-To-Market offer", &offer.id)?;
            bump(&mut ws.counters.gtm_offers, offer.id.number());
            ws.gtm_offers.insert(offer.id.clone(), offer.clone());
        }
        Change::MarketingContactSet { after, .. } => {
            ws.marketing_contact = Some(after.clone());
        }
        Change::GtmOfferActivationRequested { offer, on } => {
            entry(&mut ws.gtm_offers, seq, "Go-To-Market offer", offer)?.state =
                GtmState::Pending {
                    requested_on: *on,
                    requested_by: actor.clone(),
                };
        }
        Change::GtmOfferActivated {
            offer,
            activated_on,
            expires_on,
        } => {
            entry(&mut ws.gtm_offers, seq, "Go-To-Market offer", offer)?.state = GtmState::Active {
                activated_on: *activated_on,
                expires_on: *expires_on,
            };
        }
        Change::RecordRemoved { record, .. } => {
            let removed = match record {
                RecordRef::Package(id) => ws.packages.remove(id).is_some(),
                RecordRef::Software(id) => ws.software.remove(id).is_some(),
                RecordRef::AzureCredit(id) => ws.azure_credits.remove(id).is_some(),
                RecordRef::LicenseBenefit(id) => ws.license_benefits.remove(id).is_some(),
                RecordRef::Subscription(id) => ws.subscriptions.remove(id).is_some(),
                RecordRef::ProductKey(text) => match ProductKey::parse(text) {
                    Ok(k) => ws.product_keys.remove(&k).is_some(),
                    Err(_) => false,
                },
                RecordRef::VisualStudio(id) => ws.visual_studio.remove(id).is_some(),
                RecordRef::Technical(id) => ws.technical_benefits.remove(id).is_some(),
                RecordRef::GtmOffer(id) => ws.gtm_offers.remove(id).is_some(),
            };
            if !removed {
                return Err(fail("it removes a record that does not exist"));
            }
        }
    }
    ws.last_seq = seq;
    Ok(())
}
