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
