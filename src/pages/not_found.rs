//! What an unknown address shows: say so, and offer the way back.

use crate::browser;
use crate::i18n::{self, t, Msg};
use crate::nav::Area;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    browser::set_title(&i18n::page_title(t(Msg::NotFoundTitle)));
    let pathname = use_location().pathname;
    view! {
        <section class="page not-found" aria-labelledby="page-title">
            <h1 id="page-title">{t(Msg::NotFoundTitle)}</h1>
            <p>{t(Msg::NotFoundBody)}</p>
            <p>
                {t(Msg::NotFoundAddress)} " " <code class="address">{move || pathname.get()}</code>
            </p>
            <p>{t(Msg::NotFoundTry)}</p>
            <ul class="link-list">
                {Area::all()
                    .map(|area| {
                        view! {
                            <li>
                                <A href=area.path()>{area.name()}</A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
