//! The app: the router, the workspace layout around every page, and the page addresses.

use crate::components::layout::Shell;
use crate::nav::HOME;
use crate::pages::{
    activity::ActivityPage, azure_cloud::AzureCloudPage, bulk_plan::BulkPlanPage,
    calendar::CalendarPage, go_to_market::GoToMarketPage, membership::MembershipPage,
    not_found::NotFoundPage, plan::PlanPage, redeem::RedeemPage, settings::SettingsPage,
    software::SoftwarePage, technical::TechnicalPage, users::UsersPage,
    visual_studio::VisualStudioPage,
};
use crate::storage::DEFAULT_NAMESPACE;
use crate::store::Store;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{path, NavigateOptions};

#[component]
pub fn App() -> impl IntoView {
    let store = Store::load(DEFAULT_NAMESPACE);
    provide_context(store);
    view! {
        <Router>
            // Every text is drawn again in the new language when the partner switches.
            {move || {
                store.lang.track();
                view! { <Routed /> }
            }}
        </Router>
    }
}

/// The layout and the pages, by address.
#[component]
fn Routed() -> impl IntoView {
    view! {
            <Shell>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/benefits") view=MembershipPage />
                    <Route path=path!("/benefits/software") view=SoftwarePage />
                    <Route path=path!("/benefits/azure-cloud") view=AzureCloudPage />
                    <Route path=path!("/benefits/visual-studio") view=VisualStudioPage />
                    <Route path=path!("/benefits/technical") view=TechnicalPage />
                    <Route path=path!("/benefits/go-to-market") view=GoToMarketPage />
                    <Route path=path!("/account/users") view=UsersPage />
                    <Route path=path!("/activity") view=ActivityPage />
                    <Route path=path!("/plan") view=PlanPage />
                    <Route path=path!("/plan/bulk") view=BulkPlanPage />
                    <Route path=path!("/redeem") view=RedeemPage />
                    <Route path=path!("/calendar") view=CalendarPage />
                    <Route path=path!("/settings") view=SettingsPage />
                </Routes>
            </Shell>
    }
}

/// `/` leads to the one working area for now, without leaving `/` in the history.
#[component]
fn Home() -> impl IntoView {
    let options = NavigateOptions {
        replace: true,
        ..Default::default()
    };
    view! { <Redirect path=HOME.path() options=options /> }
}
