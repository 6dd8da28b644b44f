//! `benefits-protocol`: the requests and answers of the sync API (SPEC §8, R-API-3..6), in
//! one place for the server (`benefits-api`) and the app's sync client.
//!
//! Every type writes itself with serde's `Serialize`. Reading is split by cost in the
//! browser's build: the small answers derive `Deserialize`; the ones that carry events
//! ([`CommandAccepted`], [`CommandRefused`], [`EventsPage`]) are read with
//! benefits-core's own JSON reader (`from_json`), as the stored document is, because serde's
//! derived visitors for every kind of change would weigh on the app's first download.
//! [`CommandRequest`] derives `Deserialize` for the server, which must refuse an unknown
//! field; the app only writes it.
//!
//! The JSON shapes are the contract of SPEC §8; `docs/API.md` lists every endpoint.

use benefits_core::json::{Json, Object};
use benefits_core::{Command, Event, RecordMap, Role, UserId};
use serde::{Deserialize, Serialize};

/// A request body larger than this is refused with 413 (R-API-5).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// At most this many events in one answer; ask again from the last one (R-API-4/5).
pub const MAX_EVENTS: usize = 1000;
/// A password set through an invitation (or given to `demo` / `init`) has at least this many
/// characters (R-API-3).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longer passwords are refused: hashing is costly enough without unbounded input.
pub const MAX_PASSWORD_CHARS: usize = 1024;
/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "benefits_session";

/// The `error` codes the API gives of its own (a refused command carries the engine's
/// `ErrorCode` instead). Stable: programs branch on them.
pub mod codes {
    /// 401: no session, or it expired, was signed out, or its user was disabled.
    pub const NOT_SIGNED_IN: &str = "not_signed_in";
    /// 401 from `POST /api/session`: the same words for a wrong email, a wrong password and
    /// a disabled user.
    pub const INVALID_CREDENTIALS: &str = "invalid_credentials";
    /// 409 from `POST /api/session`: the email and password match in several workspaces.
    pub const CHOOSE_WORKSPACE: &str = "choose_workspace";
    /// 429: too many failed sign-ins; `Retry-After` says for how long.
    pub const TOO_MANY_ATTEMPTS: &str = "too_many_attempts";
    /// 403: signed in to another workspace (or the workspace does not exist).
    pub const OTHER_WORKSPACE: &str = "other_workspace";
    /// 409: a command id already used for another command.
    pub const ID_REUSED: &str = "id_reused";
    /// 400: the body is not what the endpoint takes (malformed JSON, an unknown command or
    /// field, a body naming an actor, a `base` beyond the head…); the message names it.
    pub const BAD_REQUEST: &str = "bad_request";
    /// 413.
    pub const BODY_TOO_LARGE: &str = "body_too_large";
    /// 415.
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
    /// 400 from `POST /api/invitations/{token}`.
    pub const PASSWORD_TOO_SHORT: &str = "password_too_short";
    /// 400 from `POST /api/invitations/{token}`.
    pub const PASSWORD_TOO_LONG: &str = "password_too_long";
    /// 404 from `POST /api/invitations/{token}`: unknown, already used, expired or revoked.
    pub const INVALID_INVITATION: &str = "invalid_invitation";
    /// 404: no such endpoint.
    pub const NOT_FOUND: &str = "not_found";
    /// 405.
    pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
    /// 503: the database cannot be reached; nothing was changed.
    pub const DATABASE_UNAVAILABLE: &str = "database_unavailable";
    /// 500: a defect of the server; nothing was changed.
    pub const INTERNAL: &str = "internal";
    /// 408: the body did not arrive in time.
    pub const REQUEST_TIMEOUT: &str = "request_timeout";
}

/// Any refusal of the API's own: `{"error": code, "message": words for a person}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub error: String,
    pub message: String,
}

/// `POST /api/session`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    /// Left out when the email and password match in one workspace only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<String>,
    pub email: String,
    pub password: String,
}

/// Who is signed in: the answer of `POST /api/session`, `GET /api/session` and
/// `POST /api/invitations/{token}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub workspace: String,
    pub user: UserId,
    pub name: String,
    pub roles: Vec<Role>,
}

/// One workspace the signing-in person may choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceChoice {
    pub id: String,
    pub name: String,
}

/// 409 from `POST /api/session`: sign in again naming one of these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChooseWorkspace {
    /// Always [`codes::CHOOSE_WORKSPACE`].
    pub error: String,
    pub message: String,
    pub workspaces: Vec<WorkspaceChoice>,
}

/// `POST /api/workspaces/{ws}/commands`. The actor is the signed-in user: a body naming one
/// is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandRequest {
    /// Made by the client, unique in the workspace; the same id again is a retry.
    pub id: String,
    /// The head the client had seen: the answer carries the events after it.
    pub base: u64,
    pub command: Command,
}

/// 200 from `POST …/commands`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandAccepted {
    pub head: u64,
    /// The command's event (on a retry, the one it got the first time).
    pub event: Event,
    /// The events after the request's `base` (at most [`MAX_EVENTS`]).
    pub events: Vec<Event>,
}

/// 422 from `POST …/commands`: refused by a rule of the engine; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandRefused {
    /// The engine's `ErrorCode`, as in `DomainError`.
    pub error: benefits_core::ErrorCode,
    pub message: String,
    pub params: RecordMap<String, String>,
    pub head: u64,
    pub events: Vec<Event>,
}

/// 200 from `GET …/events?after=N`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventsPage {
    pub head: u64,
    /// The events with `seq > N`, in order, at most [`MAX_EVENTS`].
    pub events: Vec<Event>,
}

/// `POST /api/workspaces/{ws}/invitations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewInvitation {
    pub user: UserId,
}

/// 200 from `POST …/invitations`: the token, to hand over in a link; it is shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub token: String,
    /// RFC 3339, UTC: `2026-11-27T09:30:00Z`.
    pub expires_at: String,
}

/// `POST /api/invitations/{token}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetPassword {
    pub password: String,
}

/// `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// `ok`, or `unavailable` (503) when the database cannot be reached.
    pub status: String,
    /// `sqlite` or `postgres`.
    pub database: String,
}

/// The data of the stream's `head` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadUpdate {
    pub head: u64,
}

// ------------------------------------------------------------------ reading with core's reader

/// The fields of one answer, taken one by one.
struct Fields(Object);

impl Fields {
    fn of(text: &str) -> Result<Fields, String> {
        match Json::parse(text).map_err(|e| e.to_string())? {
            Json::Object(object) => Ok(Fields(object)),
            _ => Err("expected a JSON object".to_string()),
        }
    }

    fn take(&mut self, name: &str) -> Result<Json, String> {
        self.0
            .remove(name)
            .ok_or_else(|| format!("the field \"{name}\" is missing"))
    }

    fn u64(&mut self, name: &str) -> Result<u64, String> {
        self.take(name)?
            .as_u64()
            .ok_or_else(|| format!("{name}: expected a whole number"))
    }

    fn string(&mut self, name: &str) -> Result<String, String> {
        match self.take(name)? {
            Json::String(text) => Ok(text),
            _ => Err(format!("{name}: expected text")),
        }
    }

    fn event(&mut self, name: &str) -> Result<Event, String> {
        Event::from_json_value(self.take(name)?).map_err(|e| format!("{name}: {e}"))
    }

    fn events(&mut self, name: &str) -> Result<Vec<Event>, String> {
        match self.take(name)? {
            Json::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    Event::from_json_value(item).map_err(|e| format!("{name}[{i}]: {e}"))
                })
                .collect(),
            _ => Err(format!("{name}: expected a list")),
        }
    }
}

impl CommandAccepted {
    /// Reads the answer's text (fields the client does not know are left aside).
    pub fn from_json(text: &str) -> Result<CommandAccepted, String> {
        let mut fields = Fields::of(text)?;
        Ok(CommandAccepted {
            head: fields.u64("head")?,
            event: fields.event("event")?,
            events: fields.events("events")?,
        })
    }
}

impl EventsPage {
    /// Reads the answer's text (fields the client does not know are left aside).
    pub fn from_json(text: &str) -> Result<EventsPage, String> {
        let mut fields = Fields::of(text)?;
        Ok(EventsPage {
            head: fields.u64("head")?,
            events: fields.events("events")?,
        })
    }
}

impl CommandRefused {
    /// Reads the answer's text (fields the client does not know are left aside).
    pub fn from_json(text: &str) -> Result<CommandRefused, String> {
        use serde::de::value::{Error, StrDeserializer};
        let mut fields = Fields::of(text)?;
        let code = fields.string("error")?;
        let error = benefits_core::ErrorCode::deserialize(StrDeserializer::<Error>::new(&code))
            .map_err(|_| format!("error: \"{code}\" is not a code this app knows"))?;
        let mut params = RecordMap::new();
        match fields.take("params")? {
            Json::Object(object) => {
                for (name, value) in object.iter() {
                    let value = value
                        .as_str()
                        .ok_or_else(|| format!("params.{name}: expected text"))?;
                    params.insert(name.to_string(), value.to_string());
                }
            }
            _ => return Err("params: expected an object".to_string()),
        }
        Ok(CommandRefused {
            error,
            message: fields.string("message")?,
            params,
            head: fields.u64("head")?,
            events: fields.events("events")?,
        })
    }

    /// The refusal as the engine gave it.
    pub fn domain_error(&self) -> benefits_core::DomainError {
        benefits_core::DomainError {
            code: self.error,
            message: self.message.clone(),
            params: self.params.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::demo;
    use chrono::NaiveDate;

    fn doc() -> benefits_core::WorkspaceDoc {
        demo::workspace(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
    }

    #[test]
    fn answers_with_events_read_back_what_the_server_wrote() {
        let doc = doc();
        let events = doc.events();
        let accepted = CommandAccepted {
            head: events.len() as u64,
            event: events[events.len() - 1].clone(),
            events: events[events.len() - 3..].to_vec(),
        };
        let text = serde_json::to_string(&accepted).unwrap();
        assert_eq!(CommandAccepted::from_json(&text).unwrap(), accepted);

        let page = EventsPage {
            head: events.len() as u64,
            events: events.to_vec(),
        };
        let text = serde_json::to_string(&page).unwrap();
        assert_eq!(EventsPage::from_json(&text).unwrap(), page);
    }

    #[test]
    fn a_refusal_reads_back_with_its_code_and_params() {
        let error = doc()
            .workspace()
            .check_permission(
                &UserId::from(demo::ANDY),
                benefits_core::Permission::RedeemKey,
                "redeem product keys in the tenant",
            )
            .unwrap_err();
        let refused = CommandRefused {
            error: error.code,
            message: error.message.clone(),
            params: error.params.clone(),
            head: 7,
            events: vec![],
        };
        let text = serde_json::to_string(&refused).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["error"], "permission_denied");
        assert_eq!(value["params"]["required_roles"], "global_admin");
        let read = CommandRefused::from_json(&text).unwrap();
        assert_eq!(read, refused);
        assert_eq!(read.domain_error(), error);
    }

    #[test]
    fn a_damaged_answer_is_refused_with_the_place_named() {
        assert!(EventsPage::from_json("[]").is_err());
        let e = EventsPage::from_json(r#"{"head": 1, "events": [{"seq": 1}]}"#).unwrap_err();
        assert!(e.starts_with("events[0]: "), "{e}");
        let e = CommandRefused::from_json(
            r#"{"error": "no_such_code", "message": "", "params": {}, "head": 0, "events": []}"#,
        )
        .unwrap_err();
        assert!(e.contains("no_such_code"), "{e}");
    }

    #[test]
    fn a_command_request_refuses_an_actor_or_any_unknown_field() {
        let ok: CommandRequest = serde_json::from_str(
            r#"{"id": "c1", "base": 3, "command": {"command": "add_gtm_offer", "name": "Co-sell"}}"#,
        )
        .unwrap();
        assert_eq!(ok.base, 3);
        for body in [
            r#"{"id": "c1", "base": 3, "actor": "user-1", "command": {"command": "add_gtm_offer", "name": "x"}}"#,
            r#"{"id": "c1", "base": 3, "command": {"command": "add_gtm_offer", "name": "x", "actor": "user-1"}}"#,
            r#"{"id": "c1", "base": 3, "command": {"command": "launch_rockets"}}"#,
        ] {
            assert!(
                serde_json::from_str::<CommandRequest>(body).is_err(),
                "{body}"
            );
        }
    }
}
