//! AzureCloud: to be built by its issue (placeholder until then).

use crate::nav::Area;
use crate::pages::area::AreaPlaceholder;
use leptos::prelude::*;

#[component]
pub fn AzureCloudPage() -> impl IntoView {
    view! { <AreaPlaceholder area=Area::AzureCloud /> }
}
