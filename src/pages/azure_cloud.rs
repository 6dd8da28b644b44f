//! Azure & Cloud (`/benefits/azure-cloud`): usage-based Azure credit (R-AZ-1..6),
//! license-based subscriptions (R-LIC-1..3), the tenant's subscriptions and the product-key
//! inventory (R-KEY-1..2), each with the forms that record them. One file per part:
//! `credits`, `licenses` (benefits and tenant subscriptions) and `keys`.

mod credits;
mod keys;
mod licenses;

use crate::browser;
use crate::i18n::{self, pick};
use crate::nav::Area;
use leptos::prelude::*;

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
    view! {
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
