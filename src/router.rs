//! Addresses and navigation: the current address as signals, links that change it without
//! reloading the page, the browser's back and forward, and `navigate` for code.
//!
//! The app's pages are one flat list of addresses without parameters (`nav.rs`), so this is
//! all the routing it needs; `app.rs` picks the page for an address. It replaced
//! leptos_router, whose nested and parameterised routes, route data and forms the app never
//! used but carried in the first download (about 90 KB of WebAssembly before compression:
//! README, "Performance and size"). The link rules are the ones leptos_router follows.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The address of the page shown: its path and its query (without the `?`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Address {
    path: String,
    search: String,
}

impl Address {
    fn current() -> Address {
        let location = window().location();
        Address {
            path: location.pathname().unwrap_or_default(),
            search: query_of(&location.search().unwrap_or_default()),
        }
    }
}

fn query_of(search: &str) -> String {
    search.strip_prefix('?').unwrap_or(search).to_string()
}

thread_local! {
    /// The address signal, for `navigate`: it is called from event listeners too, where no
    /// reactive owner (and so no context) is at hand.
    static ADDRESS: std::cell::Cell<Option<RwSignal<Address>>> = const { std::cell::Cell::new(None) };
}

/// The current address, read reactively.
#[derive(Clone, Copy)]
pub struct Location {
    /// `/benefits/software`
    pub pathname: Memo<String>,
    /// `seats=100&end=2027-01-31`, without the `?`
    pub search: Memo<String>,
}

/// Starts following the address: the browser's back and forward, and clicks on the app's
/// links (which then change the address without reloading the page).
pub fn provide_router() {
    let address = RwSignal::new(Address::current());
    ADDRESS.with(|a| a.set(Some(address)));
    provide_context(Location {
        pathname: Memo::new(move |_| address.with(|a| a.path.clone())),
        search: Memo::new(move |_| address.with(|a| a.search.clone())),
    });
    let on_history = window_event_listener(ev::popstate, move |_| {
        address.set(Address::current());
    });
    let on_click = window_event_listener(ev::click, move |ev| {
        if let Some(to) = followed_link(&ev) {
            ev.prevent_default();
            navigate(&to, Navigation::default());
            // As after a page load, the page's content takes the focus: the next Tab starts
            // in the new page, and a screen reader reads from there. (Not after `navigate`
            // from code: the key planner rewrites the address as the partner types.)
            crate::browser::focus_element(CONTENT);
        }
    });
    // Both listeners live as long as the page.
    std::mem::forget((on_history, on_click));
}

/// The element that holds the page (`<main id="main" tabindex="-1">`, the skip link's target).
const CONTENT: &str = "main";

/// The current address.
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// How [`navigate`] changes the address.
#[derive(Debug, Clone, Copy)]
pub struct Navigation {
    /// Replace the current history entry instead of adding one.
    pub replace: bool,
    /// Scroll to the top of the new page.
    pub scroll: bool,
}

impl Default for Navigation {
    fn default() -> Self {
        Navigation {
            replace: false,
            scroll: true,
        }
    }
}

/// Goes to `to` (a path with an optional query) without reloading the page.
pub fn navigate(to: &str, how: Navigation) {
    let window = window();
    if let Ok(history) = window.history() {
        let written = if how.replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
        };
        if written.is_err() {
            // Not an address of this origin: let the browser go there.
            let _ = window.location().set_href(to);
            return;
        }
    }
    if let Some(address) = ADDRESS.with(|a| a.get()) {
        address.set(Address::current());
    }
    if how.scroll {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Where a click on a link should take the app, when the app should follow it itself: a
/// plain left click on a link to a page of this origin. Anything else — a modifier key (new
/// tab), `target`, `download`, `rel="external"` (the in-page jumps), another origin, a
/// jump within the same page — is left to the browser.
fn followed_link(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return None;
    }
    let link: web_sys::HtmlAnchorElement = ev
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into()
        .ok()?;
    let external = link
        .get_attribute("rel")
        .is_some_and(|rel| rel.split_ascii_whitespace().any(|p| p == "external"));
    if !link.target().is_empty() || link.has_attribute("download") || external {
        return None;
    }
    let url = web_sys::Url::new(&link.href()).ok()?;
    if url.origin() != window().location().origin().ok()? {
        return None;
    }
    let here = Address::current();
    let there = Address {
        path: url.pathname(),
        search: query_of(&url.search()),
    };
    if there == here && !url.hash().is_empty() {
        return None;
    }
    Some(format!("{}{}{}", url.pathname(), url.search(), url.hash()))
}

/// Whether a link to `href` is the current page (or, unless `exact`, a page under it).
pub fn is_current(href: &str, path: &str, exact: bool) -> bool {
    let href = href.split(['?', '#']).next().unwrap_or(href);
    let href = trimmed(href);
    let path = trimmed(path);
    path == href
        || (!exact
            && path
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/') && href != "/"))
}

/// `/benefits/` and `/benefits` are one address.
pub fn trimmed(path: &str) -> &str {
    match path.trim_end_matches('/') {
        "" => "/",
        p => p,
    }
}

/// A link to a page of the app, marked `aria-current="page"` while that page is shown.
#[component]
pub fn Link(
    #[prop(into)] href: String,
    /// Also current for the pages under `href`.
    #[prop(optional)]
    exact: bool,
    #[prop(optional, into)] class: Option<String>,
    #[prop(optional, into)] aria_label: Option<String>,
    children: Children,
) -> impl IntoView {
    let pathname = use_location().pathname;
    let current = {
        let href = href.clone();
        move || {
            pathname
                .with(|path| is_current(&href, path, exact))
                .then_some("page")
        }
    };
    view! {
        <a href=href class=class aria-label=aria_label aria-current=current>
            {children()}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_current_on_its_page_and_below_it_unless_exact() {
        assert!(is_current("/benefits", "/benefits", true));
        assert!(is_current("/benefits", "/benefits/", true));
        assert!(!is_current("/benefits", "/benefits/software", true));
        assert!(is_current("/plan", "/plan/bulk", false));
        assert!(is_current("/plan?seats=1", "/plan", false));
        assert!(!is_current("/plan", "/planner", false));
        assert!(!is_current("/plan/bulk", "/plan", false));
        assert!(is_current("/", "/", true));
        assert!(!is_current("/", "/benefits", true));
        assert!(!is_current("/", "/benefits", false));
    }
}
