//! The workspaces: the event log in the database is the truth; each process keeps every
//! workspace it served in memory (a `WorkspaceDoc`, rebuilt from the log) so that a
//! command costs one transaction, not a replay.
//!
//! A command ([`Store::apply`]): wait for the workspace's turn in this process, then for
//! its turn in the database (the head row locked), catch up with events another process
//! appended meanwhile, answer a retry from the stored first answer, otherwise apply the
//! command through benefits-core as the signed-in user at the server's time, and append
//! its event with its answer in the same transaction. If anything fails after the engine
//! applied it in memory, the memory copy is dropped and rebuilt from the log on next use.

use crate::auth::sha256_hex;
use crate::db::{Db, DbError, DbResult, StoredAnswer};
use benefits_core::{Change, Command, DomainError, ErrorCode, Event, UserId, WorkspaceDoc};
use benefits_protocol::MAX_EVENTS;
use chrono::NaiveDateTime;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex as SyncMutex};
use tokio::sync::{watch, Mutex, MutexGuard};

pub struct Store {
    pub db: Db,
    loaded: SyncMutex<HashMap<String, Arc<Ws>>>,
    /// Bumped whenever sessions were closed in this process (sign-out, a user disabled, a
    /// new password): open streams check that theirs is still valid.
    pub sessions_closed: watch::Sender<u64>,
}

/// One workspace in memory.
pub struct Ws {
    pub id: String,
    /// `None` until first used, and after a failure left it in doubt.
    doc: Mutex<Option<WorkspaceDoc>>,
    /// The newest head this process knows of; streams wait on it.
    pub head: watch::Sender<u64>,
}

/// A workspace, caught up with the log, held for reading.
pub struct Fresh<'a>(MutexGuard<'a, Option<WorkspaceDoc>>);

impl std::ops::Deref for Fresh<'_> {
    type Target = WorkspaceDoc;
    fn deref(&self) -> &WorkspaceDoc {
        self.0
            .as_ref()
            .expect("a Fresh guard always holds a document")
    }
}

/// What a command got, ready to send.
pub enum Outcome {
    /// 200 (accepted) or 422 (refused by a rule): the answer's JSON.
    Answered { accepted: bool, body: String },
    /// 409: the id was used for another command.
    IdReused,
    /// 400: the request's base is beyond the head.
    BaseBeyondHead { head: u64 },
}

/// The shape of `benefits_protocol::CommandAccepted`, written from borrowed events.
#[derive(Serialize)]
struct Accepted<'a> {
    head: u64,
    event: &'a Event,
    events: &'a [Event],
}

/// The shape of `benefits_protocol::CommandRefused`.
#[derive(Serialize)]
struct Refused<'a> {
    error: ErrorCode,
    message: &'a str,
    params: &'a benefits_core::RecordMap<String, String>,
    head: u64,
    events: &'a [Event],
}

/// The shape of `benefits_protocol::EventsPage`.
#[derive(Serialize)]
struct Page<'a> {
    head: u64,
    events: &'a [Event],
}

fn failed(what: impl std::fmt::Display) -> DbError {
    DbError::Failed(what.to_string())
}

fn json(value: &impl Serialize) -> DbResult<String> {
    serde_json::to_string(value).map_err(failed)
}

/// The events after `after`, at most [`MAX_EVENTS`].
fn events_after(doc: &WorkspaceDoc, after: u64) -> &[Event] {
    let events = doc.events();
    let from = usize::try_from(after)
        .unwrap_or(usize::MAX)
        .min(events.len());
    let to = from.saturating_add(MAX_EVENTS).min(events.len());
    &events[from..to]
}

/// Appends events read from the log to the document.
fn catch_up(doc: &mut WorkspaceDoc, rows: Vec<(i64, String)>) -> DbResult<()> {
    for (seq, body) in rows {
        let event = Event::from_json(&body)
            .map_err(|e| failed(format!("stored event {seq} cannot be read: {e}")))?;
        doc.append(event)
            .map_err(|e| failed(format!("stored event {seq} does not fit: {e}")))?;
    }
    Ok(())
}

impl Store {
    pub fn new(db: Db) -> Store {
        Store {
            db,
            loaded: SyncMutex::new(HashMap::new()),
            sessions_closed: watch::Sender::new(0),
        }
    }

    /// The workspace with this id, if it exists.
    pub async fn workspace(&self, id: &str) -> DbResult<Option<Arc<Ws>>> {
        if let Some(ws) = self.lock_loaded().get(id) {
            return Ok(Some(ws.clone()));
        }
        let Some(row) = self.db.workspace(id).await? else {
            return Ok(None);
        };
        let ws = self
            .lock_loaded()
            .entry(row.id.clone())
            .or_insert_with(|| {
                Arc::new(Ws {
                    id: row.id,
                    doc: Mutex::new(None),
                    head: watch::Sender::new(row.head as u64),
                })
            })
            .clone();
        Ok(Some(ws))
    }

    fn lock_loaded(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Ws>>> {
        // A panic while holding this lock cannot leave the map half-changed.
        self.loaded.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The workspaces this process holds, for the head watcher.
    pub fn loaded(&self) -> Vec<Arc<Ws>> {
        self.lock_loaded().values().cloned().collect()
    }

    /// The workspace caught up with the log, held until the guard is dropped.
    pub async fn fresh<'a>(&self, ws: &'a Ws) -> DbResult<Fresh<'a>> {
        let mut guard = ws.doc.lock().await;
        let head = match guard.as_ref() {
            Some(doc) => doc.head(),
            None => 0,
        };
        let rows = self.db.events_after(&ws.id, head as i64, i64::MAX).await?;
        if guard.is_none() {
            *guard = Some(WorkspaceDoc::new());
        }
        let doc = guard.as_mut().expect("set above");
        if let Err(e) = catch_up(doc, rows) {
            *guard = None;
            return Err(e);
        }
        ws.head.send_if_modified(|h| {
            let newer = doc.head() > *h;
            if newer {
                *h = doc.head();
            }
            newer
        });
        Ok(Fresh(guard))
    }

    /// `GET …/events?after=N`: `None` when N is beyond the head.
    pub async fn events_page(&self, ws: &Ws, after: u64) -> DbResult<Result<String, u64>> {
        let doc = self.fresh(ws).await?;
        if after > doc.head() {
            return Ok(Err(doc.head()));
        }
        Ok(Ok(json(&Page {
            head: doc.head(),
            events: events_after(&doc, after),
        })?))
    }

    /// `GET …/document`: the whole document, as the app exports it.
    pub async fn document(&self, ws: &Ws) -> DbResult<String> {
        let doc = self.fresh(ws).await?;
        doc.to_json().map_err(failed)
    }

    /// `POST …/commands`, after the sign-in and body checks (see the module's text).
    pub async fn apply(
        &self,
        ws: &Ws,
        actor: &UserId,
        id: &str,
        base: u64,
        command: &Command,
        now: NaiveDateTime,
    ) -> DbResult<Outcome> {
        let hash = sha256_hex(&json(command)?);
        let mut guard = ws.doc.lock().await;
        let mut tx = self.db.begin_append(&ws.id).await?;
        let db_head = tx.head as u64;

        // Catch up with the log as of this turn (rebuild it if memory is in doubt).
        let known = match guard.as_ref() {
            Some(doc) if doc.head() <= db_head => doc.head(),
            _ => {
                *guard = Some(WorkspaceDoc::new());
                0
            }
        };
        let doc = guard.as_mut().expect("set above");
        if known < db_head {
            let rows = tx.events_after(known as i64).await?;
            if let Err(e) = catch_up(doc, rows) {
                *guard = None;
                return Err(e);
            }
        }
        if doc.head() != db_head {
            *guard = None;
            return Err(failed(format!(
                "workspace {}: the log's head is {db_head} but its events end at a different number",
                ws.id
            )));
        }

        if base > db_head {
            return Ok(Outcome::BaseBeyondHead { head: db_head });
        }
        if let Some(stored) = tx.answer(id).await? {
            drop(tx);
            return first_answer(doc, stored, &hash, base);
        }

        let now_ms = now.and_utc().timestamp_millis();
        match doc.apply(actor, now, command) {
            Ok(event) => {
                let seq = event.seq;
                let disabled = match &event.change {
                    Change::UserDisabled { user } => Some(user.clone()),
                    _ => None,
                };
                let body = json(event)?;
                let written = async {
                    tx.append(seq as i64, &body, id, &hash, actor.as_str(), now_ms)
                        .await?;
                    if let Some(user) = &disabled {
                        // Signed out everywhere, in the same transaction as the event.
                        tx.sign_out(user.as_str()).await?;
                    }
                    tx.commit().await
                }
                .await;
                if let Err(e) = written {
                    // The engine changed the memory copy; the log may or may not have the
                    // event (a lost commit answer). Rebuild from the log on next use.
                    *guard = None;
                    return Err(e);
                }
                ws.head.send_replace(seq);
                if disabled.is_some() {
                    self.sessions_closed.send_modify(|n| *n += 1);
                }
                let events = events_after(doc, base);
                let event = doc.events().last().expect("just applied");
                Ok(Outcome::Answered {
                    accepted: true,
                    body: json(&Accepted {
                        head: seq,
                        event,
                        events,
                    })?,
                })
            }
            // A defect of the engine, not an answer to keep for retries.
            Err(e) if e.code == ErrorCode::Internal => Err(failed(e.message)),
            Err(error) => {
                tx.refuse(id, &hash, &json(&error)?, actor.as_str(), now_ms)
                    .await?;
                tx.commit().await?;
                Ok(Outcome::Answered {
                    accepted: false,
                    body: refused(doc, &error, base)?,
                })
            }
        }
    }

    /// Creates a workspace from a document (the demo, or an import) with the password
    /// hashes of the users who may sign in.
    pub async fn create(
        &self,
        doc: &WorkspaceDoc,
        credentials: &[(String, String)],
        now_ms: i64,
    ) -> DbResult<String> {
        let id = crate::auth::new_workspace_id();
        let name = doc
            .workspace()
            .organisation()
            .map(|o| o.name.clone())
            .unwrap_or_default();
        let events = doc
            .events()
            .iter()
            .map(json)
            .collect::<DbResult<Vec<String>>>()?;
        self.db
            .create_workspace(&id, &name, &events, credentials, now_ms)
            .await?;
        Ok(id)
    }
}

fn refused(doc: &WorkspaceDoc, error: &DomainError, base: u64) -> DbResult<String> {
    json(&Refused {
        error: error.code,
        message: &error.message,
        params: &error.params,
        head: doc.head(),
        events: events_after(doc, base),
    })
}

/// A retry: the first answer again, with the events after this request's base.
fn first_answer(
    doc: &WorkspaceDoc,
    stored: StoredAnswer,
    hash: &str,
    base: u64,
) -> DbResult<Outcome> {
    if stored.hash != hash {
        return Ok(Outcome::IdReused);
    }
    match (stored.seq, stored.refusal) {
        (Some(seq), _) => {
            let event = usize::try_from(seq - 1)
                .ok()
                .and_then(|i| doc.events().get(i))
                .ok_or_else(|| failed(format!("the answer names event {seq}, not in the log")))?;
            Ok(Outcome::Answered {
                accepted: true,
                body: json(&Accepted {
                    head: doc.head(),
                    event,
                    events: events_after(doc, base),
                })?,
            })
        }
        (None, Some(refusal)) => {
            let error: DomainError = serde_json::from_str(&refusal)
                .map_err(|e| failed(format!("a stored refusal cannot be read: {e}")))?;
            Ok(Outcome::Answered {
                accepted: false,
                body: refused(doc, &error, base)?,
            })
        }
        (None, None) => Err(failed("a stored answer has neither event nor refusal")),
    }
}
