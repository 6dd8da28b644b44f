//! The HTTP API of SPEC §8 and the built app, on one router.
//!
//! Every request is hostile until proven otherwise: who is signed in is checked first
//! (401), then that they belong to the workspace and may view it (403), then the body's size
//! (413), type (415) and shape (400), in that order (R-API-5); only then does the engine
//! see the command.

mod session;
mod spa;
mod workspace;

use crate::auth::{self, plausible_token, token_hash};
use crate::db::DbError;
use crate::store::{Store, Ws};
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use benefits_core::UserId;
use benefits_protocol::{codes, MAX_BODY_BYTES, SESSION_COOKIE};
use futures_util::StreamExt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Semaphore};

/// A body must arrive within this time (a slow sender holds a connection, nothing more).
const BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// Everything a request may use.
pub struct App {
    pub store: Store,
    /// `Secure` on the cookie: `--public-url https://…`.
    pub secure_cookies: bool,
    /// Take the client's address from the last `X-Forwarded-For` entry (behind a proxy).
    pub trust_forwarded_for: bool,
    /// Argon2 is slow by design: at most this many hashes at once, so that a burst of
    /// sign-ins cannot take every thread.
    pub hashing: Semaphore,
    /// The built app to serve, with the single-page fallback.
    pub static_dir: Option<PathBuf>,
    /// Becomes `true` when the server stops: open streams end.
    pub stopping: watch::Receiver<bool>,
}

pub type Shared = Arc<App>;

pub fn router(app: Shared) -> Router {
    let api = Router::new()
        .route("/api/health", get(health))
        .route(
            "/api/session",
            post(session::sign_in)
                .get(session::who)
                .delete(session::sign_out),
        )
        .route("/api/invitations/{token}", post(session::accept_invitation))
        .route("/api/workspaces/{ws}/events", get(workspace::events))
        .route("/api/workspaces/{ws}/document", get(workspace::document))
        .route("/api/workspaces/{ws}/commands", post(workspace::command))
        .route("/api/workspaces/{ws}/stream", get(workspace::stream))
        .route("/api/workspaces/{ws}/invitations", post(workspace::invite))
        .route("/api", axum::routing::any(no_such_endpoint))
        .route("/api/", axum::routing::any(no_such_endpoint))
        .route("/api/{*rest}", axum::routing::any(no_such_endpoint))
        .method_not_allowed_fallback(method_not_allowed);
    let router = if app.static_dir.is_some() {
        api.fallback(spa::serve)
    } else {
        api.fallback(nothing_here)
    };
    router
        .layer(axum::middleware::from_fn(headers))
        .with_state(app)
}

/// Headers every answer carries: API answers are never cached or sniffed.
pub async fn headers(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let api = request.uri().path().starts_with("/api");
    let started = std::time::Instant::now();
    let method = request.method().clone();
    let path = loggable_path(request.uri().path());
    let sent_body = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .is_some_and(|v| v.as_bytes() != b"0")
        || request.headers().contains_key(header::TRANSFER_ENCODING);
    let mut response = next.run(request).await;
    let refused = response.status().as_u16() >= 400;
    let h = response.headers_mut();
    // A refused request's body may be left unread (401, 403, 413 come before reading it):
    // the connection cannot carry another request, so say so rather than let the client
    // reuse it and fail.
    if sent_body && refused {
        h.insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if api {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    tracing::debug!(
        "{method} {path} {} {} ms",
        response.status().as_u16(),
        started.elapsed().as_millis()
    );
    response
}

/// The path as it may be logged: an invitation's token is a secret.
fn loggable_path(path: &str) -> String {
    match path.strip_prefix("/api/invitations/") {
        Some(_) => "/api/invitations/…".to_string(),
        None => path.to_string(),
    }
}

async fn health(axum::extract::State(app): axum::extract::State<Shared>) -> Response {
    let database = app.store.db.backend().name().to_string();
    match app.store.db.ping().await {
        Ok(()) => json_response(
            StatusCode::OK,
            &benefits_protocol::Health {
                status: "ok".to_string(),
                database,
            },
        ),
        Err(e) => {
            tracing::warn!("health: {e}");
            json_response(
                StatusCode::SERVICE_UNAVAILABLE,
                &benefits_protocol::Health {
                    status: "unavailable".to_string(),
                    database,
                },
            )
        }
    }
}

async fn no_such_endpoint(uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        codes::NOT_FOUND,
        format!(
            "There is no API endpoint at {}. The endpoints are listed in docs/API.md.",
            loggable_path(uri.path())
        ),
    )
}

async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        codes::METHOD_NOT_ALLOWED,
        format!(
            "{method} is not an action of {}. The endpoints are listed in docs/API.md.",
            loggable_path(uri.path())
        ),
    )
}

async fn nothing_here() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Not found. This benefits-api serves the API under /api/ only (start it with --static DIR to serve the app too).\n",
    )
        .into_response()
}

// ------------------------------------------------------------------ answers

/// A JSON answer.
pub fn json_response(status: StatusCode, value: &impl serde::Serialize) -> Response {
    match serde_json::to_string(value) {
        Ok(body) => raw_json(status, body),
        Err(e) => ApiError::internal(format!("cannot write an answer: {e}")).into_response(),
    }
}

/// An answer whose JSON is already written.
pub fn raw_json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// A refusal of the API's own: `{"error", "message"}` (and what a 409 or 422 adds).
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: serde_json::Value,
    retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: serde_json::json!({ "error": code, "message": message.into() }),
            retry_after: None,
        }
    }

    pub fn with_body(status: StatusCode, body: serde_json::Value) -> ApiError {
        ApiError {
            status,
            body,
            retry_after: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, codes::BAD_REQUEST, message)
    }

    pub fn not_signed_in() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            codes::NOT_SIGNED_IN,
            "You are not signed in, or your session has ended. Sign in again.",
        )
    }

    /// A refusal by the engine (who is acting, the role matrix) as 403 or 422.
    pub fn domain(status: StatusCode, error: &benefits_core::DomainError) -> ApiError {
        ApiError::with_body(
            status,
            serde_json::json!({
                "error": error.code.as_str(),
                "message": error.message,
                "params": error.params,
            }),
        )
    }

    pub fn internal(detail: impl std::fmt::Display) -> ApiError {
        tracing::error!("{detail}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::INTERNAL,
            "Something went wrong on the server, so nothing was changed. Try again; if it happens again, tell whoever runs this server.",
        )
    }

    pub fn too_many(seconds: u64) -> ApiError {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            codes::TOO_MANY_ATTEMPTS,
            format!(
                "Too many failed sign-ins. For your account's safety, signing in is paused; try again in {} minute{}.",
                seconds.div_ceil(60),
                if seconds.div_ceil(60) == 1 { "" } else { "s" }
            ),
        );
        e.retry_after = Some(seconds);
        e
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> ApiError {
        match e {
            DbError::Unavailable(detail) => {
                tracing::warn!("database unavailable: {detail}");
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    codes::DATABASE_UNAVAILABLE,
                    "The server cannot reach its database right now, so nothing was changed. Try again in a moment.",
                )
            }
            DbError::Failed(detail) => ApiError::internal(detail),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = json_response(self.status, &self.body);
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

// ------------------------------------------------------------------ bodies

/// Reads a JSON body: 413 over 1 MiB (by its declared length, or as it arrives), 415 when
/// there is a body without `Content-Type: application/json`.
pub async fn read_body(headers: &HeaderMap, body: Body) -> Result<Bytes, ApiError> {
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            codes::BODY_TOO_LARGE,
            format!(
                "The body is larger than {} MiB; nothing was read. Send a smaller request (for many product keys, several commands).",
                MAX_BODY_BYTES / (1024 * 1024)
            ),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Err(too_large());
    }
    let read = async {
        let mut stream = body.into_data_stream();
        let mut bytes = Vec::new();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk
                .map_err(|_| ApiError::bad_request("The body could not be read to its end."))?;
            if bytes.len() + chunk.len() > MAX_BODY_BYTES {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Bytes::from(bytes))
    };
    let bytes = tokio::time::timeout(BODY_TIMEOUT, read)
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                codes::REQUEST_TIMEOUT,
                "The body did not arrive in time.",
            )
        })??;
    let has_body = !bytes.is_empty() || declared.is_some_and(|n| n > 0);
    if has_body && !is_json(headers) {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            codes::UNSUPPORTED_MEDIA_TYPE,
            "The body must be JSON, sent with the header Content-Type: application/json.",
        ));
    }
    Ok(bytes)
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// Parses a small body into a type of the protocol; 400 names what is wrong.
pub fn parse<T: serde::de::DeserializeOwned>(bytes: &[u8], shape: &str) -> Result<T, ApiError> {
    if bytes.is_empty() {
        return Err(ApiError::bad_request(format!(
            "The body is empty; send a JSON object {shape}."
        )));
    }
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("The body is not a JSON object {shape}: {e}.")))
}

// ------------------------------------------------------------------ who is asking

/// The value of a cookie in the request.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// The `Set-Cookie` of a new session, or of signing out (`None`).
pub fn session_cookie(app: &App, token: Option<&str>) -> HeaderValue {
    let secure = if app.secure_cookies { "; Secure" } else { "" };
    let value = match token {
        Some(token) => format!(
            "{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{secure}",
            auth::SESSION_MAX.as_secs()
        ),
        None => format!("{SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The address sign-in failures are counted for.
pub fn client_address(app: &App, headers: &HeaderMap, peer: SocketAddr) -> String {
    if app.trust_forwarded_for {
        let last = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|v| !v.is_empty());
        if let Some(address) = last {
            return address.chars().take(64).collect();
        }
    }
    peer.ip().to_string()
}

/// Whoever holds a valid session.
pub struct Signed {
    pub ws: Arc<Ws>,
    pub user: UserId,
    pub token_hash: String,
}

pub fn now() -> chrono::NaiveDateTime {
    use chrono::Timelike;
    let now = chrono::Utc::now().naive_utc();
    // To the second, like the app's clock (`src/browser.rs`).
    now.with_nanosecond(0).unwrap_or(now)
}

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl App {
    /// The session of this request: valid (not expired) and of a user who is still in the
    /// directory and enabled (else 401). With `member_of`, also of that workspace (else
    /// 403 `other_workspace`) and holding a role there (else 403 with the engine's reason,
    /// R-ROLE-1's "view" row).
    async fn session(
        &self,
        token_hash: &str,
        member_of: Option<&str>,
        exact: bool,
    ) -> Result<Signed, ApiError> {
        let store = &self.store;
        let row = store
            .session(token_hash)
            .await?
            .ok_or_else(ApiError::not_signed_in)?;
        let now = now_ms();
        let idle = auth::SESSION_IDLE.as_millis() as i64;
        let max = auth::SESSION_MAX.as_millis() as i64;
        if row.last_seen + idle <= now || row.created_at + max <= now {
            store.delete_session(token_hash).await?;
            return Err(ApiError::not_signed_in());
        }
        let ws = self
            .store
            .workspace(&row.workspace)
            .await?
            .ok_or_else(ApiError::not_signed_in)?;
        let user = UserId::new(row.user);
        {
            let doc = if exact {
                self.store.fresh(&ws).await?
            } else {
                self.store.known(&ws).await?
            };
            let workspace = doc.workspace();
            match workspace.user(&user) {
                Some(u) if !u.disabled => {}
                _ => {
                    drop(doc);
                    store.delete_session(token_hash).await?;
                    return Err(ApiError::not_signed_in());
                }
            }
            if let Some(wanted) = member_of {
                if wanted != ws.id {
                    return Err(ApiError::new(
                        StatusCode::FORBIDDEN,
                        codes::OTHER_WORKSPACE,
                        "You are signed in to another workspace. Sign out and sign in to this one to see it.",
                    ));
                }
                if let Err(e) = workspace.check_can_view(&user) {
                    return Err(ApiError::domain(StatusCode::FORBIDDEN, &e));
                }
            }
        }
        if now - row.last_seen >= auth::SESSION_TOUCH.as_millis() as i64 {
            store.touch_session(token_hash, now).await?;
        }
        Ok(Signed {
            ws,
            user,
            token_hash: token_hash.to_string(),
        })
    }

    fn token_hash(headers: &HeaderMap) -> Result<String, ApiError> {
        cookie(headers, SESSION_COOKIE)
            .filter(|t| plausible_token(t))
            .map(token_hash)
            .ok_or_else(ApiError::not_signed_in)
    }

    /// 401 unless signed in.
    pub async fn signed_in(&self, headers: &HeaderMap) -> Result<Signed, ApiError> {
        self.session(&App::token_hash(headers)?, None, true).await
    }

    /// 401 unless signed in, 403 unless to workspace `ws` and with a role, by the
    /// workspace caught up with the log.
    pub async fn member(&self, headers: &HeaderMap, ws: &str) -> Result<Signed, ApiError> {
        self.session(&App::token_hash(headers)?, Some(ws), true)
            .await
    }

    /// [`App::member`] by the workspace as this process knows it, for a command: its
    /// transaction catches up with the log and the engine checks the user again there (a
    /// role removed by another process a moment ago is then refused by the engine, 422).
    pub async fn member_for_command(
        &self,
        headers: &HeaderMap,
        ws: &str,
    ) -> Result<Signed, ApiError> {
        self.session(&App::token_hash(headers)?, Some(ws), false)
            .await
    }

    /// Whether an open stream's session still may view its workspace.
    /// Reads the session; the workspace is caught up only if this process heard of newer
    /// events (a user disabled or left without a role through another process).
    pub async fn still_member(&self, signed: &Signed) -> bool {
        self.session(&signed.token_hash, Some(&signed.ws.id), false)
            .await
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_is_found_among_others() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; benefits_session=tok; b=2"),
        );
        assert_eq!(cookie(&h, "benefits_session"), Some("tok"));
        assert_eq!(cookie(&h, "c"), None);
    }

    #[test]
    fn json_is_recognised_with_or_without_parameters() {
        let mut h = HeaderMap::new();
        assert!(!is_json(&h));
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("Application/JSON; charset=utf-8"),
        );
        assert!(is_json(&h));
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        assert!(!is_json(&h));
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/jsonx"),
        );
        assert!(!is_json(&h));
    }

    #[test]
    fn an_invitation_token_is_never_logged() {
        assert_eq!(
            loggable_path("/api/invitations/abcdef"),
            "/api/invitations/…"
        );
        assert_eq!(loggable_path("/api/session"), "/api/session");
    }
}
