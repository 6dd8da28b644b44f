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
mod sync_client;
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
    let options_for_mode = options.clone();
    let french = browser::storage_get(&keys.language())
        .ok()
        .flatten()
        .and_then(|tag| i18n::Lang::from_tag(&tag))
        == Some(i18n::Lang::Fr);
    // Taken at once (a second mount is refused), replaced by the app once it is drawn.
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(())));
    let mount_once = move |mode: store::Mode| {
        // Not twice (French arrived and the 3 s passed), nor after `unmount` meanwhile.
        let waiting = MOUNTED.with(|m| m.borrow().as_ref().is_some_and(|b| b.is::<()>()));
        if waiting {
            let options = options.clone();
            let handle = leptos::mount::mount_to(root.clone(), move || {
                leptos::prelude::view! { <app::App options=options mode=mode /> }
            });
            MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle)));
        }
    };
    // wasm-bindgen's executor: Leptos sets up its own only when the app is mounted.
    wasm_bindgen_futures::spawn_local(async move {
        let mode = mode_of(&options_for_mode, &keys).await;
        if mode != store::Mode::Local {
            // Shared mode's client is a module of its own (local mode never fetches it).
            sync_client::install(sync_client::load().await);
        }
        if !french {
            mount_once(mode);
            return;
        }
        let mount_later = mount_once.clone();
        let later_mode = mode.clone();
        leptos::prelude::set_timeout(
            move || mount_later(later_mode),
            std::time::Duration::from_secs(3),
        );
        i18n::install_french(i18n::load_french().await);
        mount_once(mode);
    });
    Ok(())
}

/// Local or shared mode (R-API-7). Shared when this namespace already knows it is (a reload
/// without a connection stays shared, with its queue), or when `benefits-api` answers
/// `/api/health` at the mount's `api` (standalone: the app's own origin). Embedded without
/// `api`, and served as plain files, the app is in local mode as it always was.
async fn mode_of(options: &mount::MountOptions, keys: &storage::Keys) -> store::Mode {
    let api = match (&options.api, options.embedded) {
        (Some(api), _) => api.clone(),
        (None, true) => return store::Mode::Local,
        (None, false) => String::new(),
    };
    let known = browser::storage_get(&keys.shared())
        .ok()
        .flatten()
        .is_some();
    if known || sync_client::probe(&api).await {
        sync_client::remember_shared(keys);
        store::Mode::Shared { api }
    } else {
        store::Mode::Local
    }
}

/// Takes the app off its element (the host page removed `<partner-benefits>`): its
/// listeners go, and a later `mount` draws it again.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn unmount() {
    if let Some(handle) = MOUNTED.with(|m| m.borrow_mut().take()) {
        if let Some(sync) = sync_client::installed() {
            (sync.stop)();
        }
        drop(handle);
        browser::set_root(None);
    }
}
