//! The workspace frame around every page: a header with the product name, a left menu of
//! the areas (a "Menu" button on narrow screens), and the main region.

use crate::i18n::{t, Msg};
use crate::nav::{Area, HOME};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let menu_open = RwSignal::new(false);
    // Following a menu link closes the menu on narrow screens.
    let pathname = use_location().pathname;
    Effect::new(move |_| {
        pathname.track();
        menu_open.set(false);
    });
    view! {
        <div class="app">
            <Header menu_open=menu_open />
            <div class="app-body">
                <SideNav menu_open=menu_open />
                <main id="main" class="app-main" tabindex="-1">
                    {children()}
                </main>
            </div>
        </div>
    }
}

#[component]
fn Header(menu_open: RwSignal<bool>) -> impl IntoView {
    view! {
        <header class="app-header">
            // The router leaves links marked external to the browser: a plain jump to #main.
            <a class="skip-link" href="#main" rel="external">
                {t(Msg::SkipToContent)}
            </a>
            <button
                type="button"
                class="menu-button"
                aria-controls="side-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|open| *open = !*open)
            >
                <span class="menu-icon" aria-hidden="true"></span>
                {t(Msg::MenuButton)}
            </button>
            <A href=HOME.path() attr:class="brand">
                <span class="brand-mark" aria-hidden="true"></span>
                {t(Msg::AppName)}
            </A>
        </header>
    }
}

#[component]
fn SideNav(menu_open: RwSignal<bool>) -> impl IntoView {
    view! {
        <nav
            id="side-nav"
            class="side-nav"
            class:open=move || menu_open.get()
            aria-label=t(Msg::NavLabel)
        >
            <p class="nav-group" id="nav-benefits">
                {t(Msg::NavBenefits)}
            </p>
            <ul aria-labelledby="nav-benefits">
                {Area::BENEFITS.into_iter().map(|area| view! { <NavItem area=area /> }).collect_view()}
            </ul>
            <ul class="nav-tools">
                {Area::TOOLS.into_iter().map(|area| view! { <NavItem area=area /> }).collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn NavItem(area: Area) -> impl IntoView {
    view! {
        <li>
            <A href=area.path()>{area.name()}</A>
        </li>
    }
}
