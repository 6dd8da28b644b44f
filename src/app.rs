//! The app: the router, the workspace layout around every page, and the page addresses.

use crate::components::layout::Shell;
use crate::nav::{Area, HOME};
use crate::pages::area::AreaPlaceholder;
use crate::pages::not_found::NotFoundPage;
use crate::pages::plan::PlanPage;
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
                    <Route path=path!("/plan") view=PlanPage />
                    <Route
                        path=path!("/benefits/software")
                        view=|| view! { <AreaPlaceholder area=Area::Software /> }
                    />
                    <Route
                        path=path!("/benefits/azure-cloud")
                        view=|| view! { <AreaPlaceholder area=Area::AzureCloud /> }
                    />
                    <Route
                        path=path!("/benefits/visual-studio")
                        view=|| view! { <AreaPlaceholder area=Area::VisualStudio /> }
                    />
                    <Route
                        path=path!("/benefits/technical")
                        view=|| view! { <AreaPlaceholder area=Area::Technical /> }
                    />
                    <Route
                        path=path!("/benefits/go-to-market")
                        view=|| view! { <AreaPlaceholder area=Area::GoToMarket /> }
                    />
                    <Route
                        path=path!("/account/users")
                        view=|| view! { <AreaPlaceholder area=Area::AccountSettings /> }
                    />
                    <Route
                        path=path!("/activity")
                        view=|| view! { <AreaPlaceholder area=Area::Activity /> }
                    />
                    <Route
                        path=path!("/redeem")
                        view=|| view! { <AreaPlaceholder area=Area::Redeem /> }
                    />
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
