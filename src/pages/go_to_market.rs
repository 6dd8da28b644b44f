//! GoToMarket: to be built by its issue (placeholder until then).

use crate::nav::Area;
use crate::pages::area::AreaPlaceholder;
use leptos::prelude::*;

#[component]
pub fn GoToMarketPage() -> impl IntoView {
    view! { <AreaPlaceholder area=Area::GoToMarket /> }
}
