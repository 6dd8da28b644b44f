//! The pages loaded on first visit, each from its own WebAssembly module.
//!
//! Each function below is a split point (`#[leptos::lazy]`, built on `wasm_split_helpers`):
//! the release build (scripts/build-app.sh, run by Trunk) moves the page's code into its own
//! module, fetched the first time the page is visited. What comes back is a plain function
//! that draws the page, kept by `app.rs` so that later visits draw it at once. The split
//! points import from the placeholder module `__wasm_split_placeholder__`, which only
//! `wasm-split-cli` resolves: a WASM built without that script does not start.
//!
//! Membership (`/benefits`, where the app opens) and the not-found page stay in the main
//! module.

use crate::nav::Area;
use crate::pages::{
    activity::ActivityPage, azure_cloud::AzureCloudPage, bulk_plan::BulkPlanPage,
    calendar::CalendarPage, go_to_market::GoToMarketPage, plan::PlanPage, redeem::RedeemPage,
    settings::SettingsPage, software::SoftwarePage, technical::TechnicalPage, users::UsersPage,
    visual_studio::VisualStudioPage,
};
use crate::pages::{
    not_applied::NotAppliedPage,
    sign_in::{InvitationPage, SignInPage},
};
use leptos::prelude::*;

/// Draws a page (its code lives in the page's module).
pub type DrawPage = fn() -> AnyView;

macro_rules! lazy_page {
    ($load:ident, $page:ident) => {
        #[leptos::lazy]
        fn $load() -> DrawPage {
            || view! { <$page /> }.into_any()
        }
    };
}

lazy_page!(software, SoftwarePage);
lazy_page!(azure_cloud, AzureCloudPage);
lazy_page!(visual_studio, VisualStudioPage);
lazy_page!(technical, TechnicalPage);
lazy_page!(go_to_market, GoToMarketPage);
lazy_page!(users, UsersPage);
lazy_page!(activity, ActivityPage);
lazy_page!(plan, PlanPage);
lazy_page!(bulk_plan, BulkPlanPage);
lazy_page!(redeem, RedeemPage);
lazy_page!(calendar, CalendarPage);
lazy_page!(settings, SettingsPage);
lazy_page!(sign_in, SignInPage);
lazy_page!(invitation, InvitationPage);
lazy_page!(not_applied, NotAppliedPage);

/// Shared mode's pages (issue 14): modules of their own too, so that local mode never
/// downloads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedPage {
    SignIn,
    Invitation,
    NotApplied,
}

thread_local! {
    static SHARED_ARRIVED: std::cell::RefCell<Vec<(SharedPage, DrawPage)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Draws one of shared mode's pages, once its module is here (at once on later visits).
#[component]
pub fn Lazily(page: SharedPage) -> impl IntoView {
    let here =
        SHARED_ARRIVED.with(|a| a.borrow().iter().find(|(p, _)| *p == page).map(|(_, d)| *d));
    let drawn = RwSignal::new(here);
    if here.is_none() {
        leptos::task::spawn_local(async move {
            let draw = match page {
                SharedPage::SignIn => sign_in().await,
                SharedPage::Invitation => invitation().await,
                SharedPage::NotApplied => not_applied().await,
            };
            SHARED_ARRIVED.with(|a| a.borrow_mut().push((page, draw)));
            drawn.set(Some(draw));
        });
    }
    move || drawn.get().map(|draw| draw())
}

/// Fetches the module of `area`'s page (at once if it is already here). `None` for
/// Membership, which is in the main module.
pub async fn load(area: Area) -> Option<DrawPage> {
    Some(match area {
        Area::Membership => return None,
        Area::Software => software().await,
        Area::AzureCloud => azure_cloud().await,
        Area::VisualStudio => visual_studio().await,
        Area::Technical => technical().await,
        Area::GoToMarket => go_to_market().await,
        Area::AccountSettings => users().await,
        Area::Activity => activity().await,
        Area::KeyPlanner => plan().await,
        Area::BulkPlanner => bulk_plan().await,
        Area::Redeem => redeem().await,
        Area::Calendar => calendar().await,
        Area::Settings => settings().await,
    })
}
