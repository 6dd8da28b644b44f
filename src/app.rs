//! The app: the workspace layout around every page, and which page an address shows.

use crate::components::layout::Shell;
use crate::i18n::{self, Lang};
use crate::lazy_pages::{self, DrawPage};
use crate::nav::{Area, HOME};
use crate::pages::{membership::MembershipPage, not_found::NotFoundPage};
use crate::router::{self, use_location, Navigation};
use crate::storage::DEFAULT_NAMESPACE;
use crate::store::Store;
use leptos::prelude::*;
use std::cell::RefCell;

#[component]
pub fn App() -> impl IntoView {
    let store = Store::load(DEFAULT_NAMESPACE);
    provide_context(store);
    router::provide_router();
    // Every text is drawn again in the new language when the partner switches.
    move || {
        store.lang.track();
        view! { <Routed /> }
    }
}

/// What the main region shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// Nothing yet: the first page's module is on its way.
    Nothing,
    Page(Area),
    NotFound,
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
pub fn fetch_page_at_start() {
    let path = window().location().pathname().unwrap_or_default();
    if let Some(area) = Area::at(&path) {
        // wasm-bindgen's executor: Leptos sets up its own only when the app is mounted.
        wasm_bindgen_futures::spawn_local(async move {
            arrive(area).await;
        });
    }
}

/// What can be shown for `path` right now, without waiting for a module.
fn shown_now(path: &str) -> Option<Shown> {
    match Area::at(path) {
        None => Some(Shown::NotFound),
        Some(Area::Membership) => Some(Shown::Page(Area::Membership)),
        Some(area) => arrived(area).map(|_| Shown::Page(area)),
    }
}

/// The layout and the page of the current address. A page whose module is still on its way
/// leaves the previous page on screen until it arrives, with a line above it saying which
/// page is opening (and the layout says if the connection is down).
#[component]
fn Routed() -> impl IntoView {
    let pathname = use_location().pathname;
    let shown = RwSignal::new(
        pathname
            .with_untracked(|p| shown_now(p))
            .unwrap_or(Shown::Nothing),
    );
    let opening = RwSignal::new(None::<Area>);
    Effect::new(move |_| {
        let path = pathname.get();
        if path == "/" {
            // `/` leads to the membership overview, without staying in the history.
            let how = Navigation {
                replace: true,
                ..Navigation::default()
            };
            router::navigate(HOME.path(), how);
            return;
        }
        if let Some(now) = shown_now(&path) {
            if shown.get_untracked() != now {
                shown.set(now);
            }
            opening.set(None);
            return;
        }
        let Some(area) = Area::at(&path) else { return };
        opening.set(Some(area));
        leptos::task::spawn_local(async move {
            if !arrive(area).await {
                return;
            }
            // Only if the partner has not gone elsewhere meanwhile.
            if pathname.with_untracked(|p| Area::at(p)) == Some(area) {
                shown.set(Shown::Page(area));
                opening.set(None);
            }
        });
    });
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
            {move || match shown.get() {
                Shown::Nothing => ().into_any(),
                Shown::NotFound => view! { <NotFoundPage /> }.into_any(),
                Shown::Page(Area::Membership) => view! { <MembershipPage /> }.into_any(),
                Shown::Page(area) => arrived(area).map_or_else(|| ().into_any(), |draw| draw()),
            }}
        </Shell>
    }
}
