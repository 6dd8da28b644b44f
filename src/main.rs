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
mod mount;
mod nav;
mod pages;
mod plan_query;
mod planner;
mod router;
mod storage;
mod store;
mod sync;
mod timeline;
mod views;
mod wizard;

/// Nothing happens when the WebAssembly starts: the page (the standalone `index.html` or
/// `embed.js` in a host page) then calls `mount` with its element and options.
fn main() {}

thread_local! {
    /// The mounted app, unmounted when dropped (`unmount`). One per page: the router
    /// follows the page's one address.
    static MOUNTED: std::cell::RefCell<Option<Box<dyn std::any::Any>>> = const { std::cell::RefCell::new(None) };
}

/// Draws the app on `root` (R-STATE-4). `options` is an object with the optional strings
/// `base`, `namespace`, `api` and `files` and the flag `embedded` (`mount.rs`). Refused with a
/// message when an option is wrong or an app is already mounted on this page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount(
    root: web_sys::HtmlElement,
    options: wasm_bindgen::JsValue,
) -> Result<(), wasm_bindgen::JsValue> {
    let text = |name: &str| {
        js_sys::Reflect::get(&options, &name.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let embedded = js_sys::Reflect::get(&options, &"embedded".into()).is_ok_and(|v| v.is_truthy());
    let options = mount::MountOptions::read(
        text("base").as_deref(),
        text("namespace").as_deref(),
        text("api").as_deref(),
        embedded,
        text("files").as_deref(),
    )?;
    if MOUNTED.with(|m| m.borrow().is_some()) {
        return Err(
            "the Partner Benefits Workspace is already on this page: one app per page".into(),
        );
    }
    let _ = root.class_list().add_1("app-root");
    browser::set_root(Some((root.clone(), embedded)));
    browser::set_files(&options.files);
    // The module of the page at the address starts travelling now (its task is polled
    // first), and the app, whose start reads the stored workspace, is drawn in the task
    // after it.
    app::fetch_page_at_start(&options.base);
    // A partner who chose French should not see the first page in English: when French is
    // the stored choice, its module (i18n::load_french) is fetched before the app is drawn.
    // Not for long, though: offline, with the module not cached, the loader retries until
    // the connection is back, so after a few seconds the app is drawn in English anyway and
    // switches when French arrives (`Store::load` asks for it too).
    let keys = storage::Keys::new(&options.namespace);
    let french = browser::storage_get(&keys.language())
        .ok()
        .flatten()
        .and_then(|tag| i18n::Lang::from_tag(&tag))
        == Some(i18n::Lang::Fr);
    // Taken at once (a second mount is refused), replaced by the app once it is drawn.
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(())));
    let mount_once = move || {
        // Not twice (French arrived and the 3 s passed), nor after `unmount` meanwhile.
        let waiting = MOUNTED.with(|m| m.borrow().as_ref().is_some_and(|b| b.is::<()>()));
        if waiting {
            let options = options.clone();
            let handle = leptos::mount::mount_to(root.clone(), move || {
                leptos::prelude::view! { <app::App options=options /> }
            });
            MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle)));
        }
    };
    if !french {
        wasm_bindgen_futures::spawn_local(async move { mount_once() });
        return Ok(());
    }
    let mount_later = mount_once.clone();
    // wasm-bindgen's executor: Leptos sets up its own only when the app is mounted.
    wasm_bindgen_futures::spawn_local(async move {
        i18n::install_french(i18n::load_french().await);
        mount_once();
    });
    leptos::prelude::set_timeout(mount_later, std::time::Duration::from_secs(3));
    Ok(())
}

/// Takes the app off its element (the host page removed `<partner-benefits>`): its
/// listeners go, and a later `mount` draws it again.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn unmount() {
    if let Some(handle) = MOUNTED.with(|m| m.borrow_mut().take()) {
        drop(handle);
        browser::set_root(None);
    }
}
