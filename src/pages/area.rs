//! The page of an area that is not built yet: its name, and a word on when it comes.

use crate::browser;
use crate::i18n::{self, t, Msg};
use crate::nav::{Area, HOME};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn AreaPlaceholder(area: Area) -> impl IntoView {
    browser::set_title(&i18n::page_title(area.name()));
    view! {
        <section class="page placeholder" aria-labelledby="page-title">
            <h1 id="page-title">{area.name()}</h1>
            <p class="placeholder-note" data-placeholder=area.path()>
                {t(Msg::PlaceholderBody)}
            </p>
            <p>
                {t(Msg::PlaceholderMeanwhile)} " "
                <A href=HOME.path()>{t(Msg::OpenKeyPlanner)}</A>
            </p>
        </section>
    }
}
