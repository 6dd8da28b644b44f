//! Azure & Cloud (`/benefits/azure-cloud`): usage-based Azure credit (R-AZ-1..6),
//! license-based subscriptions (R-LIC-1..3), the tenant's subscriptions and the product-key
//! inventory (R-KEY-1..2), each with the forms that record them. One file per part:
//! `credits`, `licenses` (benefits and tenant subscriptions) and `keys`.

mod credits;
mod keys;
mod licenses;

use crate::browser;
use crate::i18n::{self, pick};
use crate::nav::{Area, KEY_PARAM, SUBSCRIPTION_PARAM};
use crate::router::use_linked;
use crate::store::Store;
use leptos::prelude::*;

/// The record the address names (`/benefits/azure-cloud/subscriptions/sub-1`, `…/keys/FG3VT`,
/// links a partner can send): its row is marked and brought into view.
#[derive(Clone, Copy)]
pub struct LinkedRecord {
    pub subscription: Memo<Option<String>>,
    /// The key's last five characters, as its masked form shows them.
    pub key: Memo<Option<String>>,
}

impl LinkedRecord {
    pub fn get() -> Option<LinkedRecord> {
        use_context::<LinkedRecord>()
    }

    /// Reads the address for the rows; once drawn, the linked row is brought into view and
    /// takes the focus. What is returned says when the workspace holds no such record.
    fn reveal() -> Memo<Option<String>> {
        let linked = LinkedRecord {
            subscription: use_linked(SUBSCRIPTION_PARAM),
            key: use_linked(KEY_PARAM),
        };
        provide_context(linked);
        let store = Store::get();
        Effect::new(move |_| {
            let selector = match (linked.subscription.get(), linked.key.get()) {
                (Some(id), _) => {
                    format!("tr[data-subscription=\"{}\"]", id.replace(['"', '\\'], ""))
                }
                (_, Some(end)) => {
                    format!("tr[data-key-ending=\"{}\"]", end.replace(['"', '\\'], ""))
                }
                _ => return,
            };
            request_animation_frame(move || browser::reveal(&selector));
        });
        Memo::new(move |_| {
            if let Some(id) = linked.subscription.get() {
                let known = store.doc.with(|d| {
                    d.workspace()
                        .subscriptions()
                        .values()
                        .any(|s| s.id.as_str() == id)
                });
                return (!known).then(|| match i18n::lang() {
                    i18n::Lang::En => format!("There is no tenant subscription “{id}” in this workspace: the link may be old, or it was recorded in another browser."),
                    i18n::Lang::Fr => format!("Il n'y a pas d'abonnement du locataire «\u{a0}{id}\u{a0}» dans cet espace de travail\u{a0}: le lien est peut-être ancien, ou il a été enregistré dans un autre navigateur."),
                });
            }
            let end = linked.key.get()?;
            let known = store.doc.with(|d| {
                d.workspace()
                    .product_keys()
                    .values()
                    .any(|k| k.key.masked().ends_with(&format!("-{end}")))
            });
            (!known).then(|| match i18n::lang() {
                i18n::Lang::En => format!("No product key ending in “{end}” is in the inventory: the link may be old, or the key was added in another browser."),
                i18n::Lang::Fr => format!("Aucune clé de produit se terminant par «\u{a0}{end}\u{a0}» n'est dans l'inventaire\u{a0}: le lien est peut-être ancien, ou la clé a été ajoutée dans un autre navigateur."),
            })
        })
    }

    /// Whether the row of this subscription is the linked one.
    pub fn is_subscription(id: &str) -> Signal<bool> {
        let id = id.to_string();
        let linked = LinkedRecord::get();
        Signal::derive(move || {
            linked.is_some_and(|l| l.subscription.with(|s| s.as_deref() == Some(id.as_str())))
        })
    }

    /// Whether the row of the key with this masked form is (one of) the linked one(s).
    pub fn is_key(masked: &str) -> Signal<bool> {
        let ending = masked.rsplit('-').next().unwrap_or_default().to_string();
        let linked = LinkedRecord::get();
        Signal::derive(move || {
            linked.is_some_and(|l| l.key.with(|k| k.as_deref() == Some(ending.as_str())))
        })
    }
}

#[component]
pub fn AzureCloudPage() -> impl IntoView {
    browser::set_title(&i18n::page_title(Area::AzureCloud.name()));
    view! {
        <section class="page azure-page" aria-labelledby="page-title">
            <div class="page-header">
                <h1 id="page-title">{Area::AzureCloud.name()}</h1>
            </div>
            <AzureContent />
        </section>
    }
}

#[component]
fn AzureContent() -> impl IntoView {
    // One "today" for the whole page: periods, balances and statuses agree with each other.
    let today = browser::today();
    let unknown = LinkedRecord::reveal();
    view! {
        {move || unknown.get().map(|text| view! {
            <p class="storage-banner" role="status" data-notice="unknown-record">{text}</p>
        })}
        <nav class="az-jump" aria-label=pick("On this page", "Sur cette page")>
            <ul>
                <li><a href="#az-credit" rel="external">{pick("Azure credit", "Crédit Azure")}</a></li>
                <li><a href="#az-licenses" rel="external">{pick("License-based subscriptions", "Abonnements basés sur des licences")}</a></li>
                <li><a href="#az-subscriptions" rel="external">{pick("Tenant subscriptions", "Abonnements du locataire")}</a></li>
                <li><a href="#az-keys" rel="external">{pick("Product keys", "Clés de produit")}</a></li>
            </ul>
        </nav>
        <licenses::ProductSuggestions />
        <credits::CreditSection today=today />
        <licenses::LicenseSection today=today />
        <licenses::SubscriptionSection today=today />
        <keys::KeySection />
    }
}
