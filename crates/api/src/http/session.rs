//! Signing in and out, and setting a password from an invitation (R-API-3).

use super::{client_address, now_ms, parse, read_body, session_cookie, ApiError, App, Shared};
use crate::auth::{self, plausible_token, token_hash};
use crate::store::Ws;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use benefits_core::model::DirectoryUser;
use benefits_core::UserId;
use benefits_protocol::{
    codes, ChooseWorkspace, SessionInfo, SetPassword, SignIn, WorkspaceChoice,
};
use std::net::SocketAddr;
use std::sync::Arc;

const SIGN_IN_SHAPE: &str =
    "{\"email\": …, \"password\": …} (with \"workspace\": … when asked to choose one)";

fn info(ws: &Ws, user: &DirectoryUser) -> SessionInfo {
    SessionInfo {
        workspace: ws.id.clone(),
        user: user.id.clone(),
        name: user.name.clone(),
        roles: user.roles.iter().copied().collect(),
    }
}

fn invalid_credentials() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        codes::INVALID_CREDENTIALS,
        "The email address or password is not right, or the account is disabled. Check them and try again; if you still cannot sign in, ask a Global admin or a User admin.",
    )
}

/// Runs Argon2 off the async threads, a few at a time.
async fn hashing<T: Send + 'static>(
    app: &App,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let _permit = app
        .hashing
        .acquire()
        .await
        .map_err(|e| ApiError::internal(format!("hashing queue closed: {e}")))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(format!("hashing failed: {e}")))
}

/// A new session for `user`: stored by its hash, handed over in the cookie.
async fn open_session(app: &App, ws: &str, user: &UserId) -> Result<Response, ApiError> {
    let token = auth::new_token();
    app.store
        .db
        .insert_session(&token_hash(&token), ws, user.as_str(), now_ms())
        .await?;
    let mut response = StatusCode::OK.into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session_cookie(app, Some(&token)));
    Ok(response)
}

struct Candidate {
    ws: Arc<Ws>,
    name: String,
    user: DirectoryUser,
    hash: String,
}

/// `POST /api/session`.
pub async fn sign_in(
    State(app): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let bytes = read_body(&headers, body).await?;
    let request: SignIn = parse(&bytes, SIGN_IN_SHAPE)?;
    let db = &app.store.db;
    let email = auth::email_key(&request.email);
    let address = client_address(&app, &headers, peer);

    // Attempts are limited per email and per address, across every process (the
    // failures are in the database).
    let now = now_ms();
    let since = now - auth::FAILURE_WINDOW.as_millis() as i64;
    let limit = auth::FAILURES_PER_EMAIL.max(auth::FAILURES_PER_ADDRESS) as i64;
    let (by_email, by_address) = db.failures(&email, &address, since, limit).await?;
    let wait = [
        auth::retry_after(&by_email, auth::FAILURES_PER_EMAIL, now),
        auth::retry_after(&by_address, auth::FAILURES_PER_ADDRESS, now),
    ]
    .into_iter()
    .flatten()
    .max();
    if let Some(seconds) = wait {
        return Err(ApiError::too_many(seconds));
    }

    // Who has this email, in the named workspace or in any.
    let rows = match &request.workspace {
        Some(id) => db.workspace(id).await?.into_iter().collect(),
        None => db.workspaces().await?,
    };
    let mut candidates = Vec::new();
    for row in rows {
        let Some(ws) = app.store.workspace(&row.id).await? else {
            continue;
        };
        let found = {
            let doc = app.store.fresh(&ws).await?;
            let workspace = doc.workspace();
            workspace
                .user_by_email(&request.email)
                .cloned()
                .map(|user| {
                    let name = workspace
                        .organisation()
                        .map(|o| o.name.clone())
                        .unwrap_or(row.name.clone());
                    (user, name)
                })
        };
        if let Some((user, name)) = found {
            if let Some(hash) = db.password_hash(&ws.id, user.id.as_str()).await? {
                candidates.push(Candidate {
                    ws,
                    name,
                    user,
                    hash,
                });
            }
        }
    }

    // Check the password against each (or a decoy, so that an unknown email takes as long).
    let hashes: Vec<String> = if candidates.is_empty() {
        vec![auth::decoy_hash().to_string()]
    } else {
        candidates.iter().map(|c| c.hash.clone()).collect()
    };
    let password = request.password;
    let verified = hashing(&app, move || {
        hashes
            .iter()
            .map(|h| auth::verify_password(&password, h))
            .collect::<Vec<bool>>()
    })
    .await?;
    let matched: Vec<Candidate> = candidates
        .into_iter()
        .zip(verified)
        .filter(|(c, ok)| *ok && !c.user.disabled)
        .map(|(c, _)| c)
        .collect();

    match matched.as_slice() {
        [] => {
            db.record_failure(&email, &address, now).await?;
            Err(invalid_credentials())
        }
        [one] => {
            db.clear_failures(&email).await?;
            let mut response = open_session(&app, &one.ws.id, &one.user.id).await?;
            let body = serde_json::to_string(&info(&one.ws, &one.user))
                .map_err(ApiError::internal)?;
            *response.body_mut() = Body::from(body);
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static("application/json"),
            );
            Ok(response)
        }
        several => Err(ApiError::with_body(
            StatusCode::CONFLICT,
            serde_json::to_value(ChooseWorkspace {
                error: codes::CHOOSE_WORKSPACE.to_string(),
                message: "This email address and password open several workspaces. Choose one and sign in again.".to_string(),
                workspaces: several
                    .iter()
                    .map(|c| WorkspaceChoice {
                        id: c.ws.id.clone(),
                        name: c.name.clone(),
                    })
                    .collect(),
            })
            .map_err(ApiError::internal)?,
        )),
    }
}

/// `GET /api/session`.
pub async fn who(State(app): State<Shared>, headers: HeaderMap) -> Result<Response, ApiError> {
    let signed = app.signed_in(&headers).await?;
    let doc = app.store.fresh(&signed.ws).await?;
    let user = doc
        .workspace()
        .user(&signed.user)
        .ok_or_else(ApiError::not_signed_in)?;
    Ok(super::json_response(
        StatusCode::OK,
        &info(&signed.ws, user),
    ))
}

/// `DELETE /api/session`: always 204, and the cookie is cleared.
pub async fn sign_out(State(app): State<Shared>, headers: HeaderMap) -> Result<Response, ApiError> {
    if let Some(token) = super::cookie(&headers, benefits_protocol::SESSION_COOKIE) {
        if plausible_token(token) {
            app.store.delete_session(&token_hash(token)).await?;
        }
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&app, None));
    Ok(response)
}

fn invalid_invitation() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        codes::INVALID_INVITATION,
        "This invitation link does not work: it was already used, replaced by a newer one, or is more than 7 days old. Ask a Global admin or a User admin for a new invitation.",
    )
}

/// `POST /api/invitations/{token}` `{"password"}`: sets the password, closes the user's
/// other sessions, and signs them in.
pub async fn accept_invitation(
    State(app): State<Shared>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let bytes = read_body(&headers, body).await?;
    let request: SetPassword = parse(&bytes, "{\"password\": …}")?;
    if !plausible_token(&token) {
        return Err(invalid_invitation());
    }
    let hash = token_hash(&token);
    let now = now_ms();
    let db = &app.store.db;
    let Some((ws_id, user_id)) = db.invitation(&hash, now).await? else {
        return Err(invalid_invitation());
    };
    if let Some((code, message)) = auth::password_problem(&request.password) {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, code, message));
    }
    let ws = app
        .store
        .workspace(&ws_id)
        .await?
        .ok_or_else(invalid_invitation)?;
    let user = {
        let doc = app.store.fresh(&ws).await?;
        doc.workspace()
            .user(&UserId::new(user_id))
            .cloned()
            .ok_or_else(invalid_invitation)?
    };
    if user.disabled {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            benefits_core::ErrorCode::UserDisabled.as_str(),
            format!(
                "{}'s account is disabled, so this invitation cannot be used now. Ask a Global admin or a User admin to enable it.",
                user.name
            ),
        ));
    }
    let password = request.password;
    let password_hash = hashing(&app, move || auth::hash_password(&password))
        .await?
        .map_err(ApiError::internal)?;
    if db
        .use_invitation(&hash, now, &password_hash)
        .await?
        .is_none()
    {
        return Err(invalid_invitation());
    }
    app.store.sessions_closed.send_modify(|n| *n += 1);
    let mut response = open_session(&app, &ws.id, &user.id).await?;
    let body = serde_json::to_string(&info(&ws, &user)).map_err(ApiError::internal)?;
    *response.body_mut() = Body::from(body);
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    Ok(response)
}
