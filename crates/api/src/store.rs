//! The workspaces: the event log in the database is the truth; each process keeps every
//! workspace it served in memory (a `WorkspaceDoc`, rebuilt from the log) so that a
//! command costs one transaction, not a replay.
//!
//! A command ([`Store::apply`]) waits for the workspace's turn in this process, then:
//!
//! - **fast path** (SQLite), when this process's copy is as new as any head it has heard
//!   of: the engine decides on the copy (`Workspace::decide`, as the signed-in user, at the
//!   server's time) and one statement appends the event as seq head + 1, unless that seq or
//!   this command id is taken or the id was refused before; then nothing was written and
//!   the locked path takes over. Once written, the event is applied to the copy
//!   (`WorkspaceDoc::append`). A refusal is recorded the same way, only if no event
//!   followed the head it was decided on and the id is new. SQLite runs one writing
//!   statement at a time for every process on the file, so the statement's checks and its
//!   write are one step; PostgreSQL runs statements side by side (a check of one table and
//!   a write to another could each miss the other's), so there every command takes:
//! - **locked path**: a transaction that takes the workspace's turn in the database
//!   (PostgreSQL: its row locked; SQLite: the file's write lock), catches up with the
//!   events other processes appended, answers a retry from the stored first answer,
//!   otherwise applies the command (`WorkspaceDoc::apply`) and appends its event. If
//!   anything fails after the engine applied it in memory, the copy is dropped and rebuilt
//!   from the log on next use.
//!
//! Either way one transaction per command, and the primary key `(workspace, seq)` with the
//! unique command id make the log's order the only order: no event lost, none doubled.

use crate::auth::sha256_hex;
use crate::db::{Backend, Db, DbError, DbResult, SessionRow, StoredAnswer};
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
    /// This process's writers take turns here for a whole transaction; readers never wait
    /// on it.
    turn: Mutex<()>,
    /// `None` until first used, and after a failure left it in doubt. Held briefly: by
    /// readers, and by a writer from the moment the engine applies its command until the
    /// commit, so that nobody sees a change the log does not have.
    doc: Mutex<Option<Held>>,
    /// The newest head this process knows of; streams wait on it.
    pub head: watch::Sender<u64>,
}

/// The document, and each of its events as the JSON the log stores: an event is written
/// once and then copied into every answer that carries it (with 50 clients, each event
/// goes out about 50 times).
#[derive(Default)]
struct Held {
    doc: WorkspaceDoc,
    json: Vec<Box<str>>,
}

impl Held {
    fn head(&self) -> u64 {
        self.doc.head()
    }

    /// Appends events read from the log (those it has already are skipped).
    fn catch_up(&mut self, rows: Vec<(i64, String)>) -> DbResult<()> {
        for (seq, body) in rows {
            if seq as u64 <= self.head() {
                continue;
            }
            let event = Event::from_json(&body)
                .map_err(|e| failed(format!("stored event {seq} cannot be read: {e}")))?;
            self.doc
                .append(event)
                .map_err(|e| failed(format!("stored event {seq} does not fit: {e}")))?;
            self.json.push(body.into_boxed_str());
        }
        Ok(())
    }

    /// `[e1,e2,…]`: the events after `after`, at most [`MAX_EVENTS`].
    fn events_after(&self, after: u64) -> String {
        let from = usize::try_from(after)
            .unwrap_or(usize::MAX)
            .min(self.json.len());
        let to = from.saturating_add(MAX_EVENTS).min(self.json.len());
        let events = &self.json[from..to];
        let mut out = String::with_capacity(2 + events.iter().map(|e| e.len() + 1).sum::<usize>());
        out.push('[');
        for (i, e) in events.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(e);
        }
        out.push(']');
        out
    }

    /// The JSON of event `seq`.
    fn event(&self, seq: u64) -> Option<&str> {
        let i = usize::try_from(seq.checked_sub(1)?).ok()?;
        self.json.get(i).map(|e| &**e)
    }

    /// `benefits_protocol::CommandAccepted`.
    fn accepted(&self, event: &str, base: u64) -> String {
        format!(
            "{{\"head\":{},\"event\":{event},\"events\":{}}}",
            self.head(),
            self.events_after(base)
        )
    }

    /// `benefits_protocol::CommandRefused`.
    fn refused(&self, error: &DomainError, base: u64) -> DbResult<String> {
        Ok(format!(
            "{{\"error\":{},\"message\":{},\"params\":{},\"head\":{},\"events\":{}}}",
            json(&error.code)?,
            json(&error.message)?,
            json(&error.params)?,
            self.head(),
            self.events_after(base)
        ))
    }
}

/// A workspace, caught up with the log, held for reading.
pub struct Fresh<'a>(MutexGuard<'a, Option<Held>>);

impl std::ops::Deref for Fresh<'_> {
    type Target = WorkspaceDoc;
    fn deref(&self) -> &WorkspaceDoc {
        &self
            .0
            .as_ref()
            .expect("a Fresh guard always holds a document")
            .doc
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

fn failed(what: impl std::fmt::Display) -> DbError {
    DbError::Failed(what.to_string())
}

fn json(value: &impl Serialize) -> DbResult<String> {
    serde_json::to_string(value).map_err(failed)
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
        let head = self.db.head(&row.id).await? as u64;
        let ws = self
            .lock_loaded()
            .entry(row.id.clone())
            .or_insert_with(|| {
                Arc::new(Ws {
                    id: row.id,
                    turn: Mutex::new(()),
                    doc: Mutex::new(None),
                    head: watch::Sender::new(head),
                })
            })
            .clone();
        Ok(Some(ws))
    }

    fn lock_loaded(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Ws>>> {
        // A panic while holding this lock cannot leave the map half-changed.
        self.loaded.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The session of this token hash. Read from the database on every request (no cache),
    /// so that signing out in one process ends the session in every other at once.
    pub async fn session(&self, hash: &str) -> DbResult<Option<SessionRow>> {
        self.db.session(hash).await
    }

    pub async fn touch_session(&self, hash: &str, now_ms: i64) -> DbResult<()> {
        self.db.touch_session(hash, now_ms).await
    }

    /// Signs one session out; its open streams end.
    pub async fn delete_session(&self, hash: &str) -> DbResult<()> {
        self.db.delete_session(hash).await?;
        self.sessions_closed.send_modify(|n| *n += 1);
        Ok(())
    }

    /// The database closed a user's sessions: their open streams end.
    pub fn sessions_were_closed(&self) {
        self.sessions_closed.send_modify(|n| *n += 1);
    }

    /// The workspaces this process holds, for the head watcher.
    pub fn loaded(&self) -> Vec<Arc<Ws>> {
        self.lock_loaded().values().cloned().collect()
    }

    /// The workspace as this process knows it, without a query unless it heard of newer
    /// events (from its own writers at once, from other processes within 250 ms: see
    /// `server.rs`): for the checks before a command, which the engine makes again inside
    /// the command's transaction on the latest state.
    pub async fn known<'a>(&self, ws: &'a Ws) -> DbResult<Fresh<'a>> {
        {
            let guard = ws.doc.lock().await;
            if guard
                .as_ref()
                .is_some_and(|held| held.head() >= *ws.head.borrow())
            {
                return Ok(Fresh(guard));
            }
        }
        self.fresh(ws).await
    }

    /// The workspace caught up with the log, held until the guard is dropped.
    pub async fn fresh<'a>(&self, ws: &'a Ws) -> DbResult<Fresh<'a>> {
        let mut guard = ws.doc.lock().await;
        let head = guard.as_ref().map_or(0, Held::head);
        let rows = self.db.events_after(&ws.id, head as i64, i64::MAX).await?;
        let held = guard.get_or_insert_with(Held::default);
        if let Err(e) = held.catch_up(rows) {
            *guard = None;
            return Err(e);
        }
        let head = held.head();
        ws.head.send_if_modified(|h| {
            let newer = head > *h;
            if newer {
                *h = head;
            }
            newer
        });
        Ok(Fresh(guard))
    }

    /// `GET …/events?after=N`: `None` when N is beyond the head.
    pub async fn events_page(&self, ws: &Ws, after: u64) -> DbResult<Result<String, u64>> {
        let fresh = self.fresh(ws).await?;
        let held = fresh
            .0
            .as_ref()
            .expect("a Fresh guard always holds a document");
        if after > held.head() {
            return Ok(Err(held.head()));
        }
        Ok(Ok(format!(
            "{{\"head\":{},\"events\":{}}}",
            held.head(),
            held.events_after(after)
        )))
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
        let _turn = ws.turn.lock().await;
        if self.db.backend() == Backend::Sqlite {
            if let Some(outcome) = self.fast(ws, actor, id, &hash, base, command, now).await? {
                return Ok(outcome);
            }
        }
        self.locked(ws, actor, id, &hash, base, command, now).await
    }

    /// The fast path (see the module's text); `None` when the locked path must decide.
    #[allow(clippy::too_many_arguments)]
    async fn fast(
        &self,
        ws: &Ws,
        actor: &UserId,
        id: &str,
        hash: &str,
        base: u64,
        command: &Command,
        now: NaiveDateTime,
    ) -> DbResult<Option<Outcome>> {
        let mut guard = ws.doc.lock().await;
        let Some(held) = guard.as_mut() else {
            return Ok(None);
        };
        let head = held.head();
        if *ws.head.borrow() != head || base > head {
            return Ok(None);
        }
        match held.doc.workspace().decide(actor, now, command) {
            Ok((actor, change)) => {
                if matches!(change, Change::UserDisabled { .. }) {
                    // Two statements (the event, the user's sessions closed): locked path.
                    return Ok(None);
                }
                let event = Event {
                    seq: head + 1,
                    at: now,
                    actor,
                    change,
                };
                let body = json(&event)?;
                if !self
                    .db
                    .append_if_next(&ws.id, event.seq as i64, &body, id, hash)
                    .await?
                {
                    return Ok(None);
                }
                let seq = event.seq;
                if let Err(e) = held.doc.append(event) {
                    // The engine decided it but cannot apply it: a defect of the engine.
                    *guard = None;
                    return Err(failed(format!(
                        "event {seq} was decided but does not apply: {e}"
                    )));
                }
                held.json.push(body.into_boxed_str());
                ws.head.send_replace(seq);
                let event = held.event(seq).unwrap_or_default();
                Ok(Some(Outcome::Answered {
                    accepted: true,
                    body: held.accepted(event, base),
                }))
            }
            Err(e) if e.code == ErrorCode::Internal => Err(failed(e.message)),
            Err(error) => {
                let recorded = self
                    .db
                    .refuse_if_current(
                        &ws.id,
                        head as i64,
                        id,
                        hash,
                        &json(&error)?,
                        actor.as_str(),
                        now.and_utc().timestamp_millis(),
                    )
                    .await?;
                Ok(if recorded {
                    Some(Outcome::Answered {
                        accepted: false,
                        body: held.refused(&error, base)?,
                    })
                } else {
                    None
                })
            }
        }
    }

    /// The locked path (see the module's text).
    #[allow(clippy::too_many_arguments)]
    async fn locked(
        &self,
        ws: &Ws,
        actor: &UserId,
        id: &str,
        hash: &str,
        base: u64,
        command: &Command,
        now: NaiveDateTime,
    ) -> DbResult<Outcome> {
        let (mut tx, db_head, stored) = self.db.begin_append(&ws.id, id).await?;
        let db_head = db_head as u64;

        // Catch up with the log as of this turn (rebuild it if memory is in doubt).
        let mut guard = ws.doc.lock().await;
        let known = match guard.as_ref() {
            Some(held) if held.head() <= db_head => held.head(),
            _ => {
                *guard = None;
                0
            }
        };
        if known < db_head {
            drop(guard);
            let rows = tx.events_after(known as i64).await?;
            guard = ws.doc.lock().await;
            let held = guard.get_or_insert_with(Held::default);
            if let Err(e) = held.catch_up(rows) {
                *guard = None;
                return Err(e);
            }
        }
        let held = guard.get_or_insert_with(Held::default);
        ws.head.send_if_modified(|h| {
            let newer = db_head > *h;
            if newer {
                *h = db_head;
            }
            newer
        });
        if held.head() != db_head {
            *guard = None;
            return Err(failed(format!(
                "workspace {}: the log's head is {db_head} but its events end at a different number",
                ws.id
            )));
        }

        if base > db_head {
            return Ok(Outcome::BaseBeyondHead { head: db_head });
        }
        if let Some(stored) = stored {
            drop(tx);
            return first_answer(held, stored, hash, base);
        }

        let now_ms = now.and_utc().timestamp_millis();
        match held.doc.apply(actor, now, command) {
            Ok(event) => {
                let seq = event.seq;
                let disabled = match &event.change {
                    Change::UserDisabled { user } => Some(user.clone()),
                    _ => None,
                };
                let body = json(event)?;
                let written = async {
                    tx.append(seq as i64, &body, id, hash).await?;
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
                held.json.push(body.into_boxed_str());
                ws.head.send_replace(seq);
                if disabled.is_some() {
                    self.sessions_were_closed();
                }
                let event = held.event(seq).unwrap_or_default();
                Ok(Outcome::Answered {
                    accepted: true,
                    body: held.accepted(event, base),
                })
            }
            // A defect of the engine, not an answer to keep for retries.
            Err(e) if e.code == ErrorCode::Internal => Err(failed(e.message)),
            Err(error) => {
                let body = held.refused(&error, base)?;
                drop(guard);
                tx.refuse(id, hash, &json(&error)?, actor.as_str(), now_ms)
                    .await?;
                tx.commit().await?;
                Ok(Outcome::Answered {
                    accepted: false,
                    body,
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

/// A retry: the first answer again, with the events after this request's base.
fn first_answer(held: &Held, stored: StoredAnswer, hash: &str, base: u64) -> DbResult<Outcome> {
    if stored.hash != hash {
        return Ok(Outcome::IdReused);
    }
    match (stored.seq, stored.refusal) {
        (Some(seq), _) => {
            let event = held
                .event(seq as u64)
                .ok_or_else(|| failed(format!("the answer names event {seq}, not in the log")))?;
            Ok(Outcome::Answered {
                accepted: true,
                body: held.accepted(event, base),
            })
        }
        (None, Some(refusal)) => {
            let error: DomainError = serde_json::from_str(&refusal)
                .map_err(|e| failed(format!("a stored refusal cannot be read: {e}")))?;
            Ok(Outcome::Answered {
                accepted: false,
                body: held.refused(&error, base)?,
            })
        }
        (None, None) => Err(failed("a stored answer has neither event nor refusal")),
    }
}
