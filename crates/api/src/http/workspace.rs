//! A workspace's endpoints: reading (R-API-4), changing (R-API-5), live (R-API-6) and
//! invitations (R-API-3). Each starts with `App::member`: 401, then 403.

use super::{now, now_ms, parse, raw_json, read_body, ApiError, Shared, Signed};
use crate::auth;
use crate::store::Outcome;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use benefits_core::{ErrorCode, Permission};
use benefits_protocol::{codes, CommandRequest, HeadUpdate, Invitation, NewInvitation};
use std::convert::Infallible;
use std::time::Duration;

/// `GET …/events?after=N` (N = 0 when left out).
pub async fn events(
    State(app): State<Shared>,
    Path(ws): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, ApiError> {
    let signed = app.member(&headers, &ws).await?;
    let after = match query_value(&uri, "after") {
        None => 0,
        Some(text) => text.parse::<u64>().map_err(|_| {
            ApiError::bad_request(format!(
                "\"after\" must be a whole number of 0 or more (the last seq you have), not \"{}\".",
                text.chars().take(40).collect::<String>()
            ))
        })?,
    };
    match app.store.events_page(&signed.ws, after).await? {
        Ok(body) => Ok(raw_json(StatusCode::OK, body)),
        Err(head) => Err(ApiError::bad_request(format!(
            "\"after\" is {after}, beyond the workspace's last event ({head}). Pull from {head} or less."
        ))),
    }
}

fn query_value(uri: &Uri, name: &str) -> Option<String> {
    uri.query()?
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// `GET …/document`.
pub async fn document(
    State(app): State<Shared>,
    Path(ws): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let signed = app.member(&headers, &ws).await?;
    Ok(raw_json(
        StatusCode::OK,
        app.store.document(&signed.ws).await?,
    ))
}

/// The checks of the body that serde's own message would name less clearly.
fn command_request(bytes: &[u8]) -> Result<CommandRequest, ApiError> {
    const SHAPE: &str = "{\"id\": …, \"base\": …, \"command\": {\"command\": …}}";
    if bytes.is_empty() {
        return Err(ApiError::bad_request(format!(
            "The body is empty; send a JSON object {SHAPE}."
        )));
    }
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("The body is not valid JSON: {e}.")))?;
    let Some(fields) = value.as_object() else {
        return Err(ApiError::bad_request(format!(
            "The body must be a JSON object {SHAPE}."
        )));
    };
    let names_actor = fields.contains_key("actor")
        || fields
            .get("command")
            .and_then(|c| c.as_object())
            .is_some_and(|c| c.contains_key("actor"));
    if names_actor {
        return Err(ApiError::bad_request(
            "The body names an actor. The server applies every command as the signed-in user: leave \"actor\" out.",
        ));
    }
    if let Some(unknown) = fields
        .keys()
        .find(|k| !["id", "base", "command"].contains(&k.as_str()))
    {
        return Err(ApiError::bad_request(format!(
            "Unknown field \"{unknown}\": the body has only \"id\", \"base\" and \"command\"."
        )));
    }
    match fields.get("id") {
        Some(serde_json::Value::String(id))
            if !id.is_empty() && id.chars().count() <= 128 && !id.chars().any(char::is_control) => {}
        _ => {
            return Err(ApiError::bad_request(
                "\"id\" must be a text of 1 to 128 characters that the client made for this command (the same id again is a retry).",
            ))
        }
    }
    if fields.get("base").and_then(|b| b.as_u64()).is_none() {
        return Err(ApiError::bad_request(
            "\"base\" must be a whole number of 0 or more: the seq of the last event the client has.",
        ));
    }
    let Some(command) = fields.get("command") else {
        return Err(ApiError::bad_request(
            "\"command\" is missing: the command to apply, in benefits-core's JSON.",
        ));
    };
    if !command.is_object() {
        return Err(ApiError::bad_request(
            "\"command\" must be an object: {\"command\": \"<name>\", …its fields}.",
        ));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        // Only on this path: the value again, to say where.
        let value: serde_json::Value = serde_json::from_slice(bytes).unwrap_or_default();
        let command = &value["command"];
        let name = command
            .get("command")
            .and_then(|n| n.as_str())
            .unwrap_or_default();
        let at = match e.path().to_string().as_str() {
            "command" => match bad_field(command) {
                Some(field) => format!("command.{field}"),
                None => "command".to_string(),
            },
            path => path.to_string(),
        };
        ApiError::bad_request(format!(
            "The command \"{name}\" is not one the workspace takes, at {at}: {}.",
            e.inner()
        ))
    })
}

/// Which field of a command holds a value of the wrong shape. serde reads a command (an
/// internally tagged enum) through a buffer, so its error ("input contains invalid
/// characters") does not say where: each field is left out in turn, and the one whose
/// absence changes the complaint to "missing field" (or ends it) is the culprit.
fn bad_field(command: &serde_json::Value) -> Option<String> {
    let fields = command.as_object()?;
    let first = serde_json::from_value::<benefits_core::Command>(command.clone()).err()?;
    if first.to_string().contains('`') {
        // serde already named it: "unknown field `colour`", "missing field `name`".
        return None;
    }
    fields
        .keys()
        .filter(|k| k.as_str() != "command")
        .find(|k| {
            let mut without = fields.clone();
            without.remove(k.as_str());
            match serde_json::from_value::<benefits_core::Command>(serde_json::Value::Object(
                without,
            )) {
                Ok(_) => true,
                Err(e) => e.to_string().contains(&format!("missing field `{k}`")),
            }
        })
        .cloned()
}

/// `POST …/commands`.
pub async fn command(
    State(app): State<Shared>,
    Path(ws): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let signed = app.member_for_command(&headers, &ws).await?;
    let bytes = read_body(&headers, body).await?;
    let request = command_request(&bytes)?;
    let outcome = app
        .store
        .apply(
            &signed.ws,
            &signed.user,
            &request.id,
            request.base,
            &request.command,
            now(),
        )
        .await?;
    Ok(match outcome {
        Outcome::Answered { accepted: true, body } => raw_json(StatusCode::OK, body),
        Outcome::Answered { accepted: false, body } => {
            raw_json(StatusCode::UNPROCESSABLE_ENTITY, body)
        }
        Outcome::IdReused => ApiError::new(
            StatusCode::CONFLICT,
            codes::ID_REUSED,
            format!(
                "The id \"{}\" was already used for another command. Give each command its own id (reuse an id only to retry the same command).",
                request.id
            ),
        )
        .into_response(),
        Outcome::BaseBeyondHead { head } => ApiError::bad_request(format!(
            "\"base\" is {}, beyond the workspace's last event ({head}). Pull the events first.",
            request.base
        ))
        .into_response(),
    })
}

/// How often an open stream checks its session even when nothing happens (a sign-out in
/// another process is seen within this time; a disabled user at once).
const STREAM_RECHECK: Duration = Duration::from_secs(10);
/// At most one `head` event per this time on a stream: a burst of commands is announced as
/// its last head (the app pulls everything after its own anyway), and a stream's session
/// is not read more often than this while the log grows fast.
const STREAM_PACE: Duration = Duration::from_millis(100);

/// `GET …/stream`: `event: head` with `{"head": H}` at once and whenever the log grows;
/// it ends when the session stops being valid (signed out, expired, user disabled or left
/// without a role) or the server stops.
pub async fn stream(
    State(app): State<Shared>,
    Path(ws): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let signed = app.member(&headers, &ws).await?;
    let mut heads = signed.ws.head.subscribe();
    let first = *heads.borrow_and_update();
    struct Open {
        app: Shared,
        signed: Signed,
        heads: tokio::sync::watch::Receiver<u64>,
        closed: tokio::sync::watch::Receiver<u64>,
        stopping: tokio::sync::watch::Receiver<bool>,
        sent: Option<u64>,
        pending: Option<u64>,
        last: Option<tokio::time::Instant>,
    }
    let open = Open {
        closed: app.store.sessions_closed.subscribe(),
        stopping: app.stopping.clone(),
        app,
        signed,
        heads,
        sent: None,
        pending: Some(first),
        last: None,
    };
    let events = futures_util::stream::unfold(open, |mut s| async move {
        loop {
            if *s.stopping.borrow() {
                return None;
            }
            if let Some(head) = s.pending.take() {
                if s.sent != Some(head) {
                    s.sent = Some(head);
                    s.last = Some(tokio::time::Instant::now());
                    let data = serde_json::to_string(&HeadUpdate { head }).unwrap_or_default();
                    let event = SseEvent::default().event("head").data(data);
                    return Some((Ok::<_, Infallible>(event), s));
                }
            }
            if let Some(last) = s.last {
                tokio::time::sleep_until(last + STREAM_PACE).await;
            }
            tokio::select! {
                changed = s.heads.changed() => {
                    if changed.is_err() {
                        return None;
                    }
                    s.pending = Some(*s.heads.borrow_and_update());
                }
                _ = s.closed.changed() => {}
                _ = s.stopping.changed() => {}
                _ = tokio::time::sleep(STREAM_RECHECK) => {}
            }
            if !s.app.still_member(&s.signed).await {
                return None;
            }
        }
    });
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    // Proxies must pass each event on at once.
    response.headers_mut().insert(
        "x-accel-buffering",
        axum::http::HeaderValue::from_static("no"),
    );
    Ok(response)
}

/// `POST …/invitations` `{"user"}`: a Global admin or a User admin (the matrix's "add / edit
/// directory users" row) invites a user to set a password.
pub async fn invite(
    State(app): State<Shared>,
    Path(ws): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let signed = app.member(&headers, &ws).await?;
    let bytes = read_body(&headers, body).await?;
    let request: NewInvitation = parse(&bytes, "{\"user\": …}")?;
    {
        let doc = app.store.fresh(&signed.ws).await?;
        let workspace = doc.workspace();
        workspace
            .check_permission(
                &signed.user,
                Permission::ManageDirectory,
                "invite people to sign in",
            )
            .map_err(|e| ApiError::domain(StatusCode::UNPROCESSABLE_ENTITY, &e))?;
        match workspace.user(&request.user) {
            None => {
                return Err(ApiError::with_body(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    serde_json::json!({
                        "error": ErrorCode::UserNotFound.as_str(),
                        "message": format!("No one with the id {} is in the directory. Add them in Account settings first.", request.user),
                        "params": {"user": request.user.as_str()},
                    }),
                ))
            }
            Some(u) if u.disabled => {
                return Err(ApiError::with_body(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    serde_json::json!({
                        "error": ErrorCode::UserDisabled.as_str(),
                        "message": format!("{}'s account is disabled; enable it before inviting them.", u.name),
                        "params": {"user": request.user.as_str()},
                    }),
                ))
            }
            Some(_) => {}
        }
    }
    let token = auth::new_token();
    let now = now_ms();
    let expires = now + auth::INVITATION_VALID.as_millis() as i64;
    app.store
        .db
        .create_invitation(
            &auth::token_hash(&token),
            &signed.ws.id,
            request.user.as_str(),
            signed.user.as_str(),
            now,
            expires,
        )
        .await?;
    let expires_at = chrono::DateTime::from_timestamp_millis(expires)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default();
    Ok(super::json_response(
        StatusCode::OK,
        &Invitation { token, expires_at },
    ))
}
