//! The app: the router, the workspace layout around every page, and the page addresses.

use crate::components::layout::Shell;
use crate::lazy_pages::{
    ActivityRoute, AzureCloudRoute, BulkPlanRoute, CalendarRoute, GoToMarketRoute, PlanRoute,
    RedeemRoute, SettingsRoute, SoftwareRoute, TechnicalRoute, UsersRoute, VisualStudioRoute,
};
use crate::nav::HOME;
use crate::pages::{membership::MembershipPage, not_found::NotFoundPage};
use crate::storage::DEFAULT_NAMESPACE;
use crate::store::Store;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::{path, Lazy, NavigateOptions};

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
                    <Route path=path!("/benefits/software") view={Lazy::<SoftwareRoute>::new()} />
                    <Route path=path!("/benefits/azure-cloud") view={Lazy::<AzureCloudRoute>::new()} />
                    <Route path=path!("/benefits/visual-studio") view={Lazy::<VisualStudioRoute>::new()} />
                    <Route path=path!("/benefits/technical") view={Lazy::<TechnicalRoute>::new()} />
                    <Route path=path!("/benefits/go-to-market") view={Lazy::<GoToMarketRoute>::new()} />
                    <Route path=path!("/account/users") view={Lazy::<UsersRoute>::new()} />
                    <Route path=path!("/activity") view={Lazy::<ActivityRoute>::new()} />
                    <Route path=path!("/plan") view={Lazy::<PlanRoute>::new()} />
                    <Route path=path!("/plan/bulk") view={Lazy::<BulkPlanRoute>::new()} />
                    <Route path=path!("/redeem") view={Lazy::<RedeemRoute>::new()} />
                    <Route path=path!("/calendar") view={Lazy::<CalendarRoute>::new()} />
                    <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()} />
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
