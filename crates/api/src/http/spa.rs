//! `--static DIR`: the built app, with the single-page fallback. A path that names a file
//! gets the file; a page address such as `/account/users` gets `index.html`, and the app's
//! router draws the page. A missing file with an extension (`/app-1234.wasm`) is a 404,
//! not the page: a browser given HTML for a module reports a confusing error.

use super::Shared;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

pub async fn serve(State(app): State<Shared>, request: Request) -> Response {
    let Some(dir) = app.static_dir.clone() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let path = request.uri().path().to_string();
    let last = path.rsplit('/').next().unwrap_or_default();
    let is_page = !last.contains('.');
    let (parts, _) = request.into_parts();
    let file = Request::from_parts(parts.clone(), Body::empty());
    let response = match ServeDir::new(&dir)
        .append_index_html_on_directories(true)
        .oneshot(file)
        .await
    {
        Ok(r) => r.map(Body::new),
        Err(e) => match e {},
    };
    let response = if response.status() == StatusCode::NOT_FOUND && is_page {
        let index = Request::from_parts(parts, Body::empty());
        match ServeFile::new(dir.join("index.html")).oneshot(index).await {
            Ok(r) => r.map(Body::new),
            Err(e) => match e {},
        }
    } else {
        response
    };
    no_cache_for_html(response)
}

/// The page itself is checked on every visit (it names the hashed files of the current
/// build); those files may be cached as the browser likes.
fn no_cache_for_html(mut response: Response) -> Response {
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}
