//! Partner Benefits Workspace: the Leptos front end, compiled to WebAssembly by Trunk.
//!
//! The app holds no business rule: every number and every refusal comes from
//! `benefits_core`. Pure modules (`plan_query`, `planner`, `timeline`, `nav`, `i18n`) do the
//! reading, routing and geometry and are tested natively; components only draw them.

mod app;
mod browser;
mod components;
mod i18n;
mod i18n_fr;
mod lazy_pages;
mod nav;
mod pages;
mod plan_query;
mod planner;
mod storage;
mod store;
mod timeline;
mod views;
mod wizard;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
