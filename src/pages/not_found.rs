//! What an unknown address shows: say so, and offer the way back.

use crate::browser;
use crate::i18n::{self, t, Msg};
use crate::nav::Area;
use crate::router::use_location;
use crate::router::Link;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    browser::set_title(&i18n::page_title(t(Msg::NotFoundTitle)));
    // As the address bar shows it (under the base, when embedded).
    let address = use_location().address;
    view! {
        <section class="page not-found" aria-labelledby="page-title">
            <h1 id="page-title">{t(Msg::NotFoundTitle)}</h1>
            <p>{t(Msg::NotFoundBody)}</p>
            <p>
                {t(Msg::NotFoundAddress)} " " <code class="address">{move || address.get()}</code>
            </p>
            <p>{t(Msg::NotFoundTry)}</p>
            <ul class="link-list">
                {Area::all()
                    .map(|area| {
                        view! {
                            <li>
                                <Link href=area.path()>{area.name()}</Link>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
