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
mod router;
mod storage;
mod store;
mod timeline;
mod views;
mod wizard;

fn main() {
    // The module of the page at the address starts travelling now (its task is polled
    // first), and the app, whose start reads the stored workspace, is drawn in the task
    // after it.
    app::fetch_page_at_start();
    // A partner who chose French should not see the first page in English: when French is
    // the stored choice, its module (i18n::load_french) is fetched before the app is drawn.
    // Not for long, though: offline, with the module not cached, the loader retries until
    // the connection is back, so after a few seconds the app is drawn in English anyway and
    // switches when French arrives (`Store::load` asks for it too).
    let keys = storage::Keys::new(storage::DEFAULT_NAMESPACE);
    let french = browser::storage_get(&keys.language())
        .ok()
        .flatten()
        .and_then(|tag| i18n::Lang::from_tag(&tag))
        == Some(i18n::Lang::Fr);
    if !french {
        wasm_bindgen_futures::spawn_local(async { leptos::mount::mount_to_body(app::App) });
        return;
    }
    let mounted = std::rc::Rc::new(std::cell::Cell::new(false));
    let mount_once = move || {
        if !mounted.replace(true) {
            leptos::mount::mount_to_body(app::App);
        }
    };
    let mount_later = mount_once.clone();
    // wasm-bindgen's executor: Leptos sets up its own only when the app is mounted.
    wasm_bindgen_futures::spawn_local(async move {
        i18n::install_french(i18n::load_french().await);
        mount_once();
    });
    leptos::prelude::set_timeout(mount_later, std::time::Duration::from_secs(3));
}
