//! The app: the router, the workspace layout around every page, and which page each
//! address shows (leptos_router's flat routes; the pages other than Membership arrive as
//! modules of their own, `lazy_pages.rs`).

use crate::components::layout::Shell;
use crate::i18n::{self, Lang};
use crate::lazy_pages::{self, DrawPage};
use crate::mount::MountOptions;
use crate::nav::{Area, HOME, KEY_PARAM, SUBSCRIPTION_PARAM, USER_PARAM};
use crate::pages::{membership::MembershipPage, not_found::NotFoundPage};
use crate::router::{self, use_location, AppRouter, Navigation};
use crate::store::{Mode, Store};
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route};
use leptos_router::{path, ChooseView};
use std::cell::RefCell;

#[component]
pub fn App(options: MountOptions, mode: Mode) -> impl IntoView {
    let store = Store::load(&options.namespace, &mode);
    provide_context(store);
    if store.is_shared() {
        // Loaded before the app was drawn (main.rs).
        if let Some(sync) = crate::sync_client::installed() {
            (sync.start)(store);
        }
    } else {
        // Another tab saved the workspace: show it here without a reload (R-STATE-5).
        let revision = store.keys().workspace_revision();
        let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
            if ev.key().as_deref() == Some(revision.as_str()) {
                store.catch_up();
            }
        });
        on_cleanup(move || other_tab.remove());
    }
    let base = options.base.clone();
    // The options stay at hand for what depends on them (shared mode reads `api`).
    provide_context(options);
    view! {
        <AppRouter base=base>
            // Every text is drawn again in the new language when the partner switches.
            {move || {
                store.lang.track();
                view! { <Routed /> }
            }}
        </AppRouter>
    }
}

thread_local! {
    /// The pages whose modules have arrived, and how to draw them.
    static ARRIVED: RefCell<Vec<(Area, DrawPage)>> = const { RefCell::new(Vec::new()) };
}

fn arrived(area: Area) -> Option<DrawPage> {
    ARRIVED.with(|a| {
        a.borrow()
            .iter()
            .find(|(at, _)| *at == area)
            .map(|(_, draw)| *draw)
    })
}

/// Fetches `area`'s module (at once if it is here) and keeps its drawing function.
/// Whether it arrived (Membership has no module).
async fn arrive(area: Area) -> bool {
    if arrived(area).is_some() {
        return true;
    }
    let Some(draw) = lazy_pages::load(area).await else {
        return false;
    };
    if arrived(area).is_none() {
        ARRIVED.with(|a| a.borrow_mut().push((area, draw)));
    }
    true
}

/// Starts fetching the module of the page at the browser's address before the app is
/// drawn (main.rs): on a reload or a link to a page other than Membership, the module then
/// travels while the stored workspace is read, not after the app is drawn.
pub fn fetch_page_at_start(base: &str) {
    let path = window().location().pathname().unwrap_or_default();
    if let Some(area) = router::app_path(base, &path).and_then(Area::showing) {
        // wasm-bindgen's executor: Leptos sets up its own only when the app is mounted.
        wasm_bindgen_futures::spawn_local(async move {
            arrive(area).await;
        });
    }
}

/// A page drawn from its own module: the router keeps the page shown until the module is
/// here (at once if it already is), then draws this one.
#[derive(Debug, Clone, Copy)]
struct LazyPage(Area);

impl ChooseView for LazyPage {
    async fn choose(self) -> AnyView {
        arrive(self.0).await;
        arrived(self.0).map_or_else(|| ().into_any(), |draw| draw())
    }

    async fn preload(&self) {
        arrive(self.0).await;
    }
}

/// `/` leads to the membership overview, without staying in the history.
#[component]
fn Home() -> impl IntoView {
    let how = Navigation {
        replace: true,
        ..Navigation::default()
    };
    router::navigate(HOME.path(), how);
}

/// The layout and the page of the current address. A page whose module is still on its way
/// leaves the previous page on screen until it arrives (the router waits for it), with a
/// line above it saying which page is opening (and the layout says if the connection is
/// down).
#[component]
fn Routed() -> impl IntoView {
    let pathname = use_location().pathname;
    let opening = RwSignal::new(None::<Area>);
    Effect::new(move |_| {
        let area = pathname.with(|p| Area::showing(p));
        let Some(area) = area.filter(|a| *a != Area::Membership && arrived(*a).is_none()) else {
            opening.set(None);
            return;
        };
        opening.set(Some(area));
        leptos::task::spawn_local(async move {
            // Only if the partner has not gone elsewhere meanwhile.
            if arrive(area).await && pathname.with_untracked(|p| Area::showing(p)) == Some(area) {
                opening.set(None);
            }
        });
    });
    let page = |area| LazyPage(area);
    view! {
        <Shell>
            {move || {
                opening
                    .get()
                    .map(|area| {
                        view! {
                            <p class="page-opening" role="status" data-notice="page-opening">
                                {match i18n::lang() {
                                    Lang::En => format!("Opening “{}”…", area.name()),
                                    Lang::Fr => format!("Ouverture de «\u{a0}{}\u{a0}»…", area.name()),
                                }}
                            </p>
                        }
                    })
            }}
            <FlatRoutes fallback=NotFoundPage>
                <Route path=path!("/") view=Home />
                <Route path=path!("/benefits") view=MembershipPage />
                <Route path=path!("/benefits/software") view=page(Area::Software) />
                <Route path=path!("/benefits/azure-cloud") view=page(Area::AzureCloud) />
                // One tenant subscription, one product key: records a partner can link to
                // (nav::Record, whose addresses these are).
                <Route
                    path=(path!("/benefits/azure-cloud/subscriptions"), leptos_router::ParamSegment(SUBSCRIPTION_PARAM))
                    view=page(Area::AzureCloud)
                />
                <Route
                    path=(path!("/benefits/azure-cloud/keys"), leptos_router::ParamSegment(KEY_PARAM))
                    view=page(Area::AzureCloud)
                />
                <Route path=path!("/benefits/visual-studio") view=page(Area::VisualStudio) />
                <Route path=path!("/benefits/technical") view=page(Area::Technical) />
                <Route path=path!("/benefits/go-to-market") view=page(Area::GoToMarket) />
                // One user: the directory with the user's details open. One route with an
                // optional parameter, so that opening and closing a user keeps the page.
                <Route
                    path=(path!("/account/users"), leptos_router::OptionalParamSegment(USER_PARAM))
                    view=page(Area::AccountSettings)
                />
                <Route path=path!("/activity") view=page(Area::Activity) />
                <Route path=path!("/plan") view=page(Area::KeyPlanner) />
                <Route path=path!("/plan/bulk") view=page(Area::BulkPlanner) />
                <Route path=path!("/redeem") view=page(Area::Redeem) />
                <Route path=path!("/calendar") view=page(Area::Calendar) />
                <Route path=path!("/settings") view=page(Area::Settings) />
                // Shared mode: what the server did not apply (reachable from the header).
                <Route path=path!("/changes-not-applied") view=NotApplied />
            </FlatRoutes>
        </Shell>
    }
}

/// Shared mode's "Changes not applied" (its own module, `lazy_pages.rs`).
#[component]
fn NotApplied() -> impl IntoView {
    view! { <lazy_pages::Lazily page=lazy_pages::SharedPage::NotApplied /> }
}
