//! The few things the app asks of the browser itself. Kept apart so that the pure modules
//! (and their native tests) never touch web APIs.

use leptos::prelude::{document, window};

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

/// Sets the browser tab's title.
pub fn set_title(title: &str) {
    document().set_title(title);
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

/// Sets `<html lang>` so that screen readers and the browser read the page in its language.
pub fn set_document_lang(tag: &str) {
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
    use wasm_bindgen::JsCast;
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
    if let Some(body) = document().body() {
        let _ = body.append_child(&anchor);
        anchor.click();
        let _ = body.remove_child(&anchor);
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

/// Puts the keyboard focus on the element with this id, if it is there.
pub fn focus_element(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
