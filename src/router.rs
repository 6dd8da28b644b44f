//! Addresses and navigation, by leptos_router: `<Router base=…>` with the base path of the
//! mount (`mount.rs`), the current address as signals, links, and `navigate` for code.
//!
//! leptos_router follows plain left clicks on links to addresses of this origin under the
//! base, without reloading (anything with a modifier key, `target`, `download` or
//! `rel="external"` is left to the browser), and the browser's back and forward. What this
//! module adds:
//! - the app's addresses are written without the base (`/benefits/software`): [`href`] and
//!   [`navigate`] put the base in front, [`use_location`] takes it off again;
//! - [`Link`] marks `aria-current="page"` on exactly the current page's links: `/plan/bulk`
//!   is the bulk planner's page, not the key planner's (`is_current`);
//! - after following a link the page's content (`#main`) takes the focus, as after a page
//!   load: the next Tab starts in the new page and a screen reader reads from there;
//! - embedded in a host page, the app does not scroll the host page to its top: it brings
//!   its own top into view if it is above the window.

use crate::browser;
use crate::nav::Area;
use leptos::ev;
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::NavigateOptions;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// leptos_router's navigate, kept for `navigate`.
type Navigate = Rc<dyn Fn(&str, NavigateOptions)>;

thread_local! {
    /// The base of the mounted app (`""` when it has the whole origin).
    static BASE: RefCell<String> = const { RefCell::new(String::new()) };
    /// leptos_router's navigate, for `navigate`: it is called from event listeners and
    /// effects too, where the router's context is not always at hand.
    static NAVIGATE: RefCell<Option<Navigate>> = const { RefCell::new(None) };
}

/// The base of the mounted app (`""` when it has the whole origin).
pub fn base() -> String {
    BASE.with(|b| b.borrow().clone())
}

/// The browser address of an app address: `/plan?seats=1` under the base.
pub fn href(path: &str) -> String {
    href_under(&base(), path)
}

fn href_under(base: &str, path: &str) -> String {
    if base.is_empty() {
        path.to_string()
    } else if path == "/" {
        base.to_string()
    } else {
        format!("{base}{path}")
    }
}

/// The app address of a browser path: the path without the base; `None` outside the base.
pub fn app_path<'a>(base: &str, path: &'a str) -> Option<&'a str> {
    if base.is_empty() {
        return Some(path);
    }
    match path.strip_prefix(base)? {
        "" => Some("/"),
        rest if rest.starts_with('/') => Some(rest),
        _ => None,
    }
}

/// The current address, read reactively.
#[derive(Clone, Copy)]
pub struct Location {
    /// The app's address, without the base: `/benefits/software` (the browser's path as it
    /// is when it is outside the base).
    pub pathname: Memo<String>,
    /// The browser's path, base included, as the address bar shows it.
    pub address: Memo<String>,
    /// `seats=100&end=2027-01-31`, without the `?`
    pub search: Memo<String>,
}

/// The current address.
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// The router of the app, under `base` (`""`: the whole origin), around `children`.
#[component]
pub fn AppRouter(base: String, children: Children) -> impl IntoView {
    BASE.with(|b| *b.borrow_mut() = base.clone());
    view! {
        <Router base=base>
            {
                provide_location();
                children()
            }
        </Router>
    }
}

/// Called inside `<Router>`: the address signals, `navigate`, and what follows a link.
fn provide_location() {
    let routed = leptos_router::hooks::use_location();
    let address = routed.pathname;
    provide_context(Location {
        pathname: Memo::new(move |_| {
            address.with(|path| app_path(&base(), path).unwrap_or(path).to_string())
        }),
        address,
        search: routed.search,
    });
    let navigate = leptos_router::hooks::use_navigate();
    NAVIGATE.with(|n| *n.borrow_mut() = Some(Rc::new(navigate)));
    // Registered after the router's own click listener (the Router above), so it runs
    // after it: a click the router took has its default prevented by then.
    let followed = window_event_listener(ev::click, move |ev| {
        if ev.default_prevented() && clicked_link(&ev) {
            browser::focus_element(CONTENT);
            if browser::embedded() {
                browser::bring_app_into_view();
            }
        }
    });
    on_cleanup(move || {
        followed.remove();
        NAVIGATE.with(|n| n.borrow_mut().take());
    });
}

/// Embedded, a jump within the page (`<a href="#main">`, the skip link and the "On this page"
/// links) looks for its target in the app's shadow root, where the browser does not look:
/// the target is scrolled into view and takes the focus if it can, and the host page's
/// address is left as it is. Standalone, the browser does it.
pub fn in_page_jump(ev: web_sys::MouseEvent) {
    if !browser::embedded() || ev.default_prevented() || ev.button() != 0 {
        return;
    }
    let path = ev.composed_path();
    let target = (0..path.length())
        .filter_map(|i| path.get(i).dyn_into::<web_sys::Element>().ok())
        .find(|el| el.tag_name().eq_ignore_ascii_case("a"))
        .and_then(|a| a.get_attribute("href"))
        .and_then(|href| href.strip_prefix('#').map(str::to_string))
        .and_then(|id| browser::element_by_id(&id));
    if let Some(target) = target {
        ev.prevent_default();
        target.scroll_into_view();
        if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
            let _ = target.focus();
        }
    }
}

/// Whether a link (`a[href]`) is on the click's path, in the app or in the host page.
fn clicked_link(ev: &web_sys::MouseEvent) -> bool {
    let path = ev.composed_path();
    (0..path.length()).any(|i| {
        path.get(i)
            .dyn_into::<web_sys::HtmlAnchorElement>()
            .is_ok_and(|a| a.has_attribute("href"))
    })
}

/// The record named by the route parameter `param` (`nav::Record`), if the address has one.
pub fn use_linked(param: &'static str) -> Memo<Option<String>> {
    let params = leptos_router::hooks::use_params_map();
    Memo::new(move |_| params.with(|p| p.get(param)))
}

/// The element that holds the page (`<main id="main" tabindex="-1">`, the skip link's target).
const CONTENT: &str = "main";

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

/// Goes to the app address `to` (a path with an optional query) without reloading the page.
pub fn navigate(to: &str, how: Navigation) {
    let Some(navigate) = NAVIGATE.with(|n| n.borrow().clone()) else {
        return;
    };
    let embedded = browser::embedded();
    navigate(
        // Resolved under the base by the router.
        to,
        NavigateOptions {
            replace: how.replace,
            // Embedded, the top of the window is the host page's.
            scroll: how.scroll && !embedded,
            ..NavigateOptions::default()
        },
    );
    if how.scroll && embedded {
        browser::bring_app_into_view();
    }
}

/// Whether a link to the app address `href` is a link to the page shown at `path`: its very
/// address, or the address of the area whose page shows `path` (Account settings' link is
/// current on `/account/users/user-3`; the key planner's is not on `/plan/bulk`).
pub fn is_current(href: &str, path: &str) -> bool {
    let href = trimmed(href.split(['?', '#']).next().unwrap_or(href));
    let path = trimmed(path);
    href == path || Area::at(href).is_some_and(|area| Area::showing(path) == Some(area))
}

/// `/benefits/` and `/benefits` are one address.
pub fn trimmed(path: &str) -> &str {
    match path.trim_end_matches('/') {
        "" => "/",
        p => p,
    }
}

/// A link to an app address (`/benefits/software`), written under the base and marked
/// `aria-current="page"` while its page is shown.
#[component]
pub fn Link(
    #[prop(into)] href: String,
    #[prop(optional, into)] class: Option<String>,
    #[prop(optional, into)] aria_label: Option<String>,
    children: Children,
) -> impl IntoView {
    let pathname = use_location().pathname;
    let current = {
        let href = href.clone();
        move || {
            pathname
                .with(|path| is_current(&href, path))
                .then_some("page")
        }
    };
    view! {
        <a
            href=self::href(&href)
            class=class
            aria-label=aria_label
            aria-current=current
            // The router then leaves the scrolling to `provide_location`'s listener.
            data-noscroll=browser::embedded().then_some("")
        >
            {children()}
        </a>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_the_current_pages_link_is_current() {
        assert!(is_current("/benefits", "/benefits"));
        assert!(is_current("/benefits", "/benefits/"));
        assert!(!is_current("/benefits", "/benefits/software"));
        assert!(is_current("/plan?seats=1", "/plan"));
        assert!(is_current("/plan", "/plan"));
        // The bulk planner's address starts with the key planner's: only its own link.
        assert!(!is_current("/plan", "/plan/bulk"));
        assert!(is_current("/plan/bulk", "/plan/bulk"));
        assert!(!is_current("/plan", "/planner"));
        assert!(!is_current("/plan/bulk", "/plan"));
        // A record's page is its area's page.
        assert!(is_current("/account/users", "/account/users/user-3"));
        assert!(is_current(
            "/benefits/azure-cloud",
            "/benefits/azure-cloud/keys/FG3VT"
        ));
        assert!(!is_current("/account/users/user-3", "/account/users"));
        assert!(is_current("/account/users/user-3", "/account/users/user-3"));
        assert!(!is_current(
            "/account/users/user-3",
            "/account/users/user-4"
        ));
        assert!(!is_current("/benefits", "/benefits/azure-cloud/keys/FG3VT"));
        assert!(is_current("/", "/"));
        assert!(!is_current("/", "/benefits"));
    }

    #[test]
    fn only_one_menu_link_is_current_on_any_page() {
        let pages = Area::all().map(|a| a.path().to_string()).chain([
            "/account/users/user-3".into(),
            "/benefits/azure-cloud/subscriptions/sub-1".into(),
        ]);
        for path in pages {
            let current: Vec<Area> = Area::all()
                .filter(|a| is_current(a.path(), &path))
                .collect();
            assert_eq!(current.len(), 1, "{path}: {current:?}");
        }
    }

    #[test]
    fn app_addresses_live_under_the_base() {
        assert_eq!(href_under("", "/plan?seats=1"), "/plan?seats=1");
        assert_eq!(
            href_under("/intranet/benefits", "/plan?seats=1"),
            "/intranet/benefits/plan?seats=1"
        );
        assert_eq!(href_under("/intranet/benefits", "/"), "/intranet/benefits");
        assert_eq!(app_path("", "/plan"), Some("/plan"));
        assert_eq!(
            app_path("/intranet/benefits", "/intranet/benefits/plan"),
            Some("/plan")
        );
        assert_eq!(
            app_path("/intranet/benefits", "/intranet/benefits"),
            Some("/")
        );
        assert_eq!(
            app_path("/intranet/benefits", "/intranet/benefits/"),
            Some("/")
        );
        assert_eq!(
            app_path("/intranet/benefits", "/intranet/benefits-old/plan"),
            None
        );
        assert_eq!(app_path("/intranet/benefits", "/intranet"), None);
        for area in Area::all() {
            let base = "/intranet/benefits";
            assert_eq!(
                app_path(base, &href_under(base, area.path())),
                Some(area.path())
            );
        }
    }
}
