//! The few things the app asks of the browser itself. Kept apart so that the pure modules
//! (and their native tests) never touch web APIs.

use leptos::prelude::{document, window};
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// The element the app is mounted on, and whether it is embedded in a host page (inside
    /// the shadow root of `<partner-benefits>`) rather than being the page.
    static ROOT: RefCell<Option<(web_sys::HtmlElement, bool)>> = const { RefCell::new(None) };
}

thread_local! {
    /// Where the app's own files are served (`mount.rs`), ending with `/`.
    static FILES: RefCell<String> = RefCell::new("/".to_string());
}

pub fn set_files(files: &str) {
    FILES.with(|f| *f.borrow_mut() = files.to_string());
}

/// The address of one of the app's own files (`bulk-sample.csv`), wherever `dist/` is served.
pub fn file_url(name: &str) -> String {
    FILES.with(|f| format!("{}{name}", f.borrow()))
}

/// Remembers where the app is mounted (`main.rs`), or forgets it (`None`, when unmounted).
pub fn set_root(root: Option<(web_sys::HtmlElement, bool)>) {
    ROOT.with(|r| *r.borrow_mut() = root);
}

fn root() -> Option<web_sys::HtmlElement> {
    ROOT.with(|r| r.borrow().as_ref().map(|(el, _)| el.clone()))
}

/// Whether the app is embedded in a host page (the page, its title and its scrolling are
/// the host's then).
pub fn embedded() -> bool {
    ROOT.with(|r| r.borrow().as_ref().is_some_and(|(_, embedded)| *embedded))
}

/// The app's element with this id: looked up in the shadow root when embedded (the
/// document does not see into it).
pub fn element_by_id(id: &str) -> Option<web_sys::Element> {
    let in_shadow = root().and_then(|r| r.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok());
    match in_shadow {
        Some(shadow) => shadow.get_element_by_id(id),
        None => document().get_element_by_id(id),
    }
}

/// Brings the app's first element matching `selector` into the middle of the window and
/// gives it the focus (a linked record's row, which has `tabindex="-1"`).
pub fn reveal(selector: &str) {
    let in_shadow = root().and_then(|r| r.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok());
    let found = match in_shadow {
        Some(shadow) => shadow.query_selector(selector),
        None => document().query_selector(selector),
    };
    if let Some(el) = found
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&options);
        let focus = web_sys::FocusOptions::new();
        focus.set_prevent_scroll(true);
        let _ = el.focus_with_options(&focus);
    }
}

/// Embedded: scrolls the host page so that the app's top is in view, if it is above the
/// window (after following a link, where a page of its own would start at its top).
pub fn bring_app_into_view() {
    if let Some(root) = root() {
        if root.get_bounding_client_rect().top() < 0.0 {
            root.scroll_into_view();
        }
    }
}

/// Today in the partner's own time zone, as `YYYY-MM-DD` (the value of a date input).
pub fn today_iso() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Sets the browser tab's title (not when embedded: the title is the host page's).
pub fn set_title(title: &str) {
    if !embedded() {
        document().set_title(title);
    }
}

/// The window's width in CSS pixels (a desktop width if the browser will not say).
pub fn window_width() -> f64 {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(1280.0)
}

/// This moment in UTC, to the second: the time the engine records on an event.
pub fn now_utc() -> chrono::NaiveDateTime {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_utc_full_year() as i32,
        now.get_utc_month() + 1,
        now.get_utc_date(),
    )
    .and_then(|d| {
        d.and_hms_opt(
            now.get_utc_hours(),
            now.get_utc_minutes(),
            now.get_utc_seconds(),
        )
    })
    .unwrap_or_default()
}

/// Today's date in the partner's own time zone.
pub fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// Local storage went wrong: unavailable (private mode, blocked) or full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageError(pub String);

fn local_storage() -> Result<web_sys::Storage, StorageError> {
    window()
        .local_storage()
        .ok()
        .flatten()
        .ok_or_else(|| StorageError("this browser does not allow local storage here".into()))
}

fn js_error_text(e: wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(&e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .filter(|n| !n.is_empty())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// The text stored under `key`, if any.
pub fn storage_get(key: &str) -> Result<Option<String>, StorageError> {
    local_storage()?
        .get_item(key)
        .map_err(|e| StorageError(js_error_text(e)))
}

/// Stores `value` under `key`. A full storage gives `QuotaExceededError`, reported to the caller.
pub fn storage_set(key: &str, value: &str) -> Result<(), StorageError> {
    local_storage()?
        .set_item(key, value)
        .map_err(|e| StorageError(js_error_text(e)))
}

/// Every key in local storage that starts with `prefix`.
pub fn storage_keys(prefix: &str) -> Vec<String> {
    let Ok(storage) = local_storage() else {
        return Vec::new();
    };
    let len = storage.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// Sets the app's `lang` (and `<html lang>` when the app is the page) so that screen readers
/// and the browser read it in its language. Embedded, the host page keeps its own.
pub fn set_document_lang(tag: &str) {
    if let Some(root) = root() {
        let _ = root.set_attribute("lang", tag);
    }
    if embedded() {
        return;
    }
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", tag);
    }
}

/// The same JSON, indented for a person to read. The browser's own JSON does it, so the
/// build carries one serialiser of the workspace (compact), not a second, indented one.
pub fn indent_json(compact: &str) -> String {
    js_sys::JSON::parse(compact)
        .and_then(|value| {
            js_sys::JSON::stringify_with_replacer_and_space(
                &value,
                &wasm_bindgen::JsValue::NULL,
                &wasm_bindgen::JsValue::from_f64(2.0),
            )
        })
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| compact.to_string())
}

/// Removes `key` from local storage (a kept-aside copy the partner no longer needs).
pub fn storage_remove(key: &str) -> Result<(), StorageError> {
    local_storage()?
        .remove_item(key)
        .map_err(|e| StorageError(js_error_text(e)))
}

/// Offers `text` as a file download named `file_name` (a Blob link, clicked once).
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(js_error_text)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error_text)?;
    let anchor: web_sys::HtmlAnchorElement = document()
        .create_element("a")
        .map_err(js_error_text)?
        .dyn_into()
        .map_err(|_| "could not create a link".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_rel("noopener");
    // In the app's own element: embedded, nothing is added to the host's part of the page.
    if let Some(parent) = root().or_else(|| document().body()) {
        let _ = parent.append_child(&anchor);
        anchor.click();
        let _ = parent.remove_child(&anchor);
    } else {
        anchor.click();
    }
    // Revoked once the click has been handled: the download keeps its own copy.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1_000);
    Ok(())
}

/// The text of a file the partner picked in a file input.
pub async fn read_file_text(file: web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(js_error_text)?;
    text.as_string()
        .ok_or_else(|| "the file is not text".to_string())
}

/// Waits until the browser has drawn the page once more: a status set just before ("Planning
/// …") is on screen while the long work that follows runs.
pub async fn after_next_paint() {
    use wasm_bindgen::JsCast;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window();
        let Some(window) = window else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        // requestAnimationFrame runs before the paint; the timeout after it runs after.
        let then = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        });
        let _ = window.request_animation_frame(then.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Puts the keyboard focus on the app's element with this id, if it is there.
pub fn focus_element(id: &str) {
    if let Some(el) = element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// 128 random bits as 32 hex digits: a change's id for the server, a revision of the stored
/// workspace. `crypto.getRandomValues` (any context, unlike `randomUUID`), `Math.random`
/// where even that is missing.
pub fn random_id() -> String {
    let bytes = js_sys::Uint8Array::new_with_length(16);
    let filled = js_sys::Reflect::get(&window(), &"crypto".into())
        .ok()
        .filter(|c| !c.is_undefined())
        .and_then(|crypto| {
            let get = js_sys::Reflect::get(&crypto, &"getRandomValues".into()).ok()?;
            get.dyn_ref::<js_sys::Function>()?
                .call1(&crypto, &bytes)
                .ok()
        })
        .is_some();
    let mut out = String::with_capacity(32);
    for i in 0..16 {
        let byte = if filled {
            bytes.get_index(i)
        } else {
            (js_sys::Math::random() * 256.0) as u8
        };
        out.push_str(&format!("{byte:02x}"));
    }
    out
}
