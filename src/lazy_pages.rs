//! The pages loaded on first visit, each from its own WebAssembly module.
//!
//! Each route below gets a marker type whose `view` is a split point (`#[lazy_route]`, built
//! on `wasm_split_helpers`): the release build (scripts/build-app.sh, run by Trunk) moves
//! the page's code into its own module, fetched the first time the route is visited, so the
//! first load carries only the shell and Membership. The split points import from the
//! placeholder module `__wasm_split_placeholder__`, which only `wasm-split-cli` resolves: a
//! WASM built without that script does not start.
//!
//! Membership (`/benefits`, where the app opens), Home and NotFound stay in the main module.

use crate::pages::{
    activity::ActivityPage, azure_cloud::AzureCloudPage, bulk_plan::BulkPlanPage,
    calendar::CalendarPage, go_to_market::GoToMarketPage, plan::PlanPage, redeem::RedeemPage,
    settings::SettingsPage, software::SoftwarePage, technical::TechnicalPage, users::UsersPage,
    visual_studio::VisualStudioPage,
};
use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

macro_rules! lazy_page {
    ($route:ident, $page:ident) => {
        #[derive(Debug, Clone, Copy)]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page /> }.into_any()
            }
        }
    };
}

lazy_page!(SoftwareRoute, SoftwarePage);
lazy_page!(AzureCloudRoute, AzureCloudPage);
lazy_page!(VisualStudioRoute, VisualStudioPage);
lazy_page!(TechnicalRoute, TechnicalPage);
lazy_page!(GoToMarketRoute, GoToMarketPage);
lazy_page!(UsersRoute, UsersPage);
lazy_page!(ActivityRoute, ActivityPage);
lazy_page!(PlanRoute, PlanPage);
lazy_page!(BulkPlanRoute, BulkPlanPage);
lazy_page!(RedeemRoute, RedeemPage);
lazy_page!(CalendarRoute, CalendarPage);
lazy_page!(SettingsRoute, SettingsPage);
