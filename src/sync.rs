//! Shared mode's copy of the workspace (R-API-7, R-STATE-3), as pure logic tested natively;
//! `sync_client.rs` does the requests, the storage and the browser's events.
//!
//! The partner sees **the confirmed document** (the server's events, applied in order) with
//! **the queue** of their own changes not yet answered re-applied on top by the same engine.
//! A change is applied at once to what the partner sees and appended to the queue; the queue
//! is sent in order, one change at a time, each with its id (a retry of the same id is never
//! applied twice by the server). The answers:
//!
//! - **200**: the answer's events are applied to the confirmed document and the change leaves
//!   the queue (it is now one of those events);
//! - **422** (a rule refused it, on the server's newer state): the events are applied, and the
//!   change moves to **"Changes not applied"** with the server's code and values, until the
//!   partner dismisses it;
//! - **400, 409, 413, 415** (the server could not take it as sent: a defect, not something a
//!   retry mends): moved to "Changes not applied" too, with the server's words;
//! - **a network error or 5xx**: nothing changes, the change is sent again later (back-off);
//! - **401**: nothing changes; the partner is asked to sign in again, then it is sent.
//!
//! Nothing leaves the queue except into the confirmed document or into "Changes not
//! applied": the property test at the end drives random interleavings of changes, another
//! admin's changes, lost requests, lost answers, server errors, reloads and pulls against a
//! server model and checks exactly that.

use benefits_core::json::Json;
use benefits_core::{Command, DomainError, ErrorCode, Event, RecordMap, UserId, WorkspaceDoc};
use benefits_protocol::{CommandAccepted, CommandRefused, EventsPage};
use serde::Serialize;

/// One change of the partner's, not yet answered by the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pending {
    /// Made by this browser, unique: the server answers a retry with the first answer.
    pub id: String,
    /// The head of the confirmed document when the change was made (what the partner saw).
    /// It is sent with the head of the moment instead, so that the answer carries exactly
    /// the events this copy lacks.
    pub base: u64,
    pub command: Command,
    /// The change as this browser applied it (who, when, what): the time it is re-applied
    /// with, and the words that name it in "Changes not applied".
    pub preview: Event,
    /// Accepted by the server as the event with this seq, which the confirmed document has
    /// not reached yet (an answer carries at most 1,000 events): it is not sent again, and
    /// stays on what the partner sees until the document has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted_as: Option<u64>,
}

/// Why the server did not apply a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// A rule of the engine refused it (422), or the role check (403 with the engine's code):
    /// the app says it in the partner's language from the code and values.
    Refused(DomainError),
    /// The server could not take the change as it was sent (400, 409 `id_reused`, 413,
    /// 415): its code and its (English) words.
    Rejected {
        status: u16,
        code: String,
        message: String,
    },
}

/// A change the server did not apply, kept until the partner dismisses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotApplied {
    pub id: String,
    pub command: Command,
    pub preview: Event,
    pub reason: Reason,
}

/// The events of an answer did not fit the confirmed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// An event is missing before this one: pull the events after the head.
    Gap,
    /// The server's log does not fit this copy (it was reset, or this copy is damaged): the
    /// whole document must be fetched again. The queue is kept.
    Diverged(String),
}

/// What an answer or a pull leaves to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// The confirmed document is at the server's head.
    UpToDate,
    /// The server has more events: pull them.
    Pull,
    /// Fetch the whole document again.
    Refetch,
}

/// The confirmed document, the queue and the changes not applied, of one user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replica {
    pub confirmed: WorkspaceDoc,
    pub queue: Vec<Pending>,
    pub not_applied: Vec<NotApplied>,
}

impl Replica {
    pub fn new(confirmed: WorkspaceDoc) -> Replica {
        Replica {
            confirmed,
            queue: Vec::new(),
            not_applied: Vec::new(),
        }
    }

    /// What the partner sees: the confirmed document and the queue re-applied on top, each
    /// change as its author at its own time. A change the newer state refuses is left out
    /// here; the server will say so, and it lands in "Changes not applied" then.
    pub fn view(&self) -> WorkspaceDoc {
        let mut doc = self.confirmed.clone();
        let head = self.confirmed.head();
        for p in &self.queue {
            if p.accepted_as.is_some_and(|seq| seq <= head) {
                continue;
            }
            let _ = doc.apply(&p.preview.actor, p.preview.at, &p.command);
        }
        doc
    }

    /// A change the partner made: applied to `view` (what they see, kept by the caller) and
    /// queued. Refused by the engine, nothing changes and the refusal comes back.
    pub fn propose(
        &mut self,
        view: &mut WorkspaceDoc,
        id: String,
        actor: &UserId,
        now: chrono::NaiveDateTime,
        command: Command,
    ) -> Result<(), DomainError> {
        let preview = view.apply(actor, now, &command)?.clone();
        self.queue.push(Pending {
            id,
            base: self.confirmed.head(),
            command,
            preview,
            accepted_as: None,
        });
        Ok(())
    }

    /// The change to send next (the oldest not yet answered), with the base to send.
    pub fn next(&self) -> Option<(&Pending, u64)> {
        self.queue
            .iter()
            .find(|p| p.accepted_as.is_none())
            .map(|p| (p, self.confirmed.head()))
    }

    /// How many changes wait for the server (the header's count).
    pub fn waiting(&self) -> usize {
        self.queue.len()
    }

    /// Applies events from the server, in order: those the document has are skipped.
    pub fn apply_events(&mut self, events: Vec<Event>) -> Result<(), Mismatch> {
        let mut result = Ok(());
        for event in events {
            let head = self.confirmed.head();
            if event.seq <= head {
                continue;
            }
            if event.seq > head + 1 {
                result = Err(Mismatch::Gap);
                break;
            }
            if let Err(e) = self.confirmed.append(event) {
                result = Err(Mismatch::Diverged(e.to_string()));
                break;
            }
        }
        self.forget_confirmed();
        result
    }

    /// Accepted changes the confirmed document now holds leave the queue.
    fn forget_confirmed(&mut self) {
        let head = self.confirmed.head();
        self.queue
            .retain(|p| p.accepted_as.is_none_or(|seq| seq > head));
    }

    fn then(&self, head: u64, applied: Result<(), Mismatch>) -> Then {
        match applied {
            Err(Mismatch::Diverged(_)) => Then::Refetch,
            Err(Mismatch::Gap) => Then::Pull,
            Ok(()) if self.confirmed.head() < head => Then::Pull,
            Ok(()) => Then::UpToDate,
        }
    }

    /// 200 to the change `id`.
    pub fn accepted(&mut self, id: &str, answer: CommandAccepted) -> Then {
        let seq = answer.event.seq;
        if let Some(p) = self.queue.iter_mut().find(|p| p.id == id) {
            p.accepted_as = Some(seq);
        }
        let applied = self.apply_events(answer.events);
        self.then(answer.head, applied)
    }

    /// 422 to the change `id`: a rule refused it on the server's state.
    pub fn refused(&mut self, id: &str, answer: CommandRefused) -> Then {
        let reason = Reason::Refused(answer.domain_error());
        self.not_applied_because(id, reason);
        let applied = self.apply_events(answer.events);
        self.then(answer.head, applied)
    }

    /// The change `id` cannot be applied as sent (400, 403 with an engine code, 409, 413,
    /// 415): it moves to "Changes not applied" with `reason`.
    pub fn not_applied_because(&mut self, id: &str, reason: Reason) {
        if let Some(i) = self.queue.iter().position(|p| p.id == id) {
            let p = self.queue.remove(i);
            self.not_applied.push(NotApplied {
                id: p.id,
                command: p.command,
                preview: p.preview,
                reason,
            });
        }
    }

    /// 200 to `GET …/events`.
    pub fn pulled(&mut self, page: EventsPage) -> Then {
        let applied = self.apply_events(page.events);
        self.then(page.head, applied)
    }

    /// The whole document fetched again (`GET …/document`): the queue stays on top. Changes
    /// accepted as an event the new document holds leave the queue.
    pub fn replace_confirmed(&mut self, doc: WorkspaceDoc) {
        self.confirmed = doc;
        self.forget_confirmed();
    }

    /// The partner dismissed a change not applied.
    pub fn dismiss(&mut self, id: &str) {
        self.not_applied.retain(|n| n.id != id);
    }
}

// ------------------------------------------------------------------ stored form

/// The queue as stored (JSON list), written by serde's `Serialize`.
pub fn queue_to_json(queue: &[Pending]) -> String {
    serde_json::to_string(queue).unwrap_or_else(|_| "[]".to_string())
}

/// The changes not applied as stored (JSON list).
pub fn not_applied_to_json(list: &[NotApplied]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".to_string())
}

struct Fields(benefits_core::json::Object);

impl Fields {
    fn of(value: Json) -> Result<Fields, String> {
        match value {
            Json::Object(o) => Ok(Fields(o)),
            _ => Err("expected an object".to_string()),
        }
    }

    fn take(&mut self, name: &str) -> Result<Json, String> {
        self.0
            .remove(name)
            .ok_or_else(|| format!("\"{name}\" is missing"))
    }

    fn text(&mut self, name: &str) -> Result<String, String> {
        match self.take(name)? {
            Json::String(s) => Ok(s),
            _ => Err(format!("{name}: expected text")),
        }
    }

    fn number(&mut self, name: &str) -> Result<u64, String> {
        self.take(name)?
            .as_u64()
            .ok_or_else(|| format!("{name}: expected a whole number"))
    }

    fn command(&mut self) -> Result<Command, String> {
        Command::from_json_value(self.take("command")?).map_err(|e| format!("command: {e}"))
    }

    fn preview(&mut self) -> Result<Event, String> {
        Event::from_json_value(self.take("preview")?).map_err(|e| format!("preview: {e}"))
    }
}

fn list<T>(text: &str, item: impl Fn(Json) -> Result<T, String>) -> Result<Vec<T>, String> {
    match Json::parse(text).map_err(|e| e.to_string())? {
        Json::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| item(v).map_err(|e| format!("[{i}] {e}")))
            .collect(),
        _ => Err("expected a list".to_string()),
    }
}

/// Reads a stored queue (what [`queue_to_json`] wrote).
pub fn queue_from_json(text: &str) -> Result<Vec<Pending>, String> {
    list(text, |value| {
        let mut f = Fields::of(value)?;
        Ok(Pending {
            id: f.text("id")?,
            base: f.number("base")?,
            command: f.command()?,
            preview: f.preview()?,
            accepted_as: match f.0.remove("accepted_as") {
                None | Some(Json::Null) => None,
                Some(v) => Some(v.as_u64().ok_or("accepted_as: expected a whole number")?),
            },
        })
    })
}

/// Reads stored changes not applied (what [`not_applied_to_json`] wrote).
pub fn not_applied_from_json(text: &str) -> Result<Vec<NotApplied>, String> {
    list(text, |value| {
        let mut f = Fields::of(value)?;
        let id = f.text("id")?;
        let command = f.command()?;
        let preview = f.preview()?;
        let mut reason = Fields::of(f.take("reason")?)?;
        let reason = if let Some(refused) = reason.0.remove("refused") {
            Reason::Refused(domain_error(refused)?)
        } else {
            let mut r = Fields::of(reason.take("rejected")?)?;
            Reason::Rejected {
                status: u16::try_from(r.number("status")?).map_err(|e| e.to_string())?,
                code: r.text("code")?,
                message: r.text("message")?,
            }
        };
        Ok(NotApplied {
            id,
            command,
            preview,
            reason,
        })
    })
}

/// A `DomainError` as serde writes it (`{"code", "message", "params"?}`).
pub fn domain_error(value: Json) -> Result<DomainError, String> {
    let mut f = Fields::of(value)?;
    let code = error_code(&f.text("code")?)?;
    let message = f.text("message")?;
    let mut params = RecordMap::new();
    if let Some(Json::Object(o)) = f.0.remove("params") {
        for (name, value) in o {
            if let Json::String(v) = value {
                params.insert(name, v);
            }
        }
    }
    Ok(DomainError {
        code,
        message,
        params,
    })
}

/// An engine error code from its JSON name.
pub fn error_code(name: &str) -> Result<ErrorCode, String> {
    use serde::de::value::{Error, StrDeserializer};
    use serde::Deserialize;
    ErrorCode::deserialize(StrDeserializer::<Error>::new(name))
        .map_err(|_| format!("\"{name}\" is not an error code this app knows"))
}

// ------------------------------------------------------------------ the link's state

/// What the header says about the connection (`data-sync-status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Link {
    /// The last request got an answer, nothing is on its way.
    #[default]
    Online,
    /// A change or a pull is on its way.
    Syncing,
    /// The server cannot be reached (the browser is offline, the request failed, or the
    /// server answered 5xx); changes wait and are sent when it can.
    Offline,
}

impl Link {
    pub fn name(self) -> &'static str {
        match self {
            Link::Online => "online",
            Link::Syncing => "syncing",
            Link::Offline => "offline",
        }
    }

    pub fn from_name(name: &str) -> Option<Link> {
        match name {
            "online" => Some(Link::Online),
            "syncing" => Some(Link::Syncing),
            "offline" => Some(Link::Offline),
            _ => None,
        }
    }
}

/// How long to wait before trying again after `failures` failures in a row: 1, 2, 4, 8, 16,
/// then 30 seconds. The browser's "online" event, a focus or a head on the stream try at
/// once.
pub fn retry_after_ms(failures: u32) -> u32 {
    1000u32.saturating_mul(1 << failures.min(5)).min(30_000)
}

/// The header's words for the link and the number of changes waiting.
pub fn status_words(link: Link, waiting: usize, fr: bool) -> String {
    let changes = |n: usize| match (fr, n) {
        (false, 1) => "1 change".to_string(),
        (false, n) => format!("{n} changes"),
        (true, 1) => "1 modification".to_string(),
        (true, n) => format!("{n} modifications"),
    };
    match (link, waiting, fr) {
        (Link::Offline, 0, false) => "Offline — no changes waiting".to_string(),
        (Link::Offline, 0, true) => "Hors ligne — aucune modification en attente".to_string(),
        (Link::Offline, n, false) => format!("Offline — {} waiting", changes(n)),
        (Link::Offline, n, true) => format!("Hors ligne — {} en attente", changes(n)),
        (_, 0, false) => "Online — all changes saved".to_string(),
        (_, 0, true) => "En ligne — tout est enregistré".to_string(),
        (_, n, false) => format!("Saving {}…", changes(n)),
        (_, n, true) => format!("Envoi de {}…", changes(n)),
    }
}

#[cfg(test)]
mod tests;
