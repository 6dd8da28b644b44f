//! The database: one code base for SQLite (embedded, the default) and PostgreSQL, through
//! sqlx's `Any` driver. Every query is written once with `$1` placeholders and bound
//! parameters; the two dialects differ in one place only, how a writer takes its turn
//! ([`Db::begin_append`]).
//!
//! SQLite runs in WAL mode with `synchronous = NORMAL`: readers never wait for the writer,
//! and a commit survives the process being killed (not a power cut: `docs/API.md`).

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, ConnectOptions, Connection, Executor, Row, Transaction};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;
use tokio::sync::{Mutex, MutexGuard};

/// The migrations, embedded in the binary and run at every start (each once).
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How long a request waits for a database connection before it is told the database is
/// unavailable (503).
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);
/// A pooled connection idle longer than this is checked before it is lent (under load
/// none is, and no request pays for the check).
const PING_AFTER_IDLE: Duration = Duration::from_secs(1);
/// How long `serve`, `demo` and `init` wait for the database at start.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// As `/api/health` says it.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A database operation that failed. Either way nothing was half-written: every change is
/// one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbError {
    /// The database cannot be reached (down, refusing connections, locked too long, out of
    /// space): worth retrying later. 503.
    Unavailable(String),
    /// Anything else: a defect or damaged data. 500.
    Failed(String),
}

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DbError::Unavailable(e) => write!(f, "database unavailable: {e}"),
            DbError::Failed(e) => write!(f, "database error: {e}"),
        }
    }
}

impl From<sqlx::Error> for DbError {
    fn from(e: sqlx::Error) -> DbError {
        if is_unavailable(&e) {
            DbError::Unavailable(e.to_string())
        } else {
            DbError::Failed(e.to_string())
        }
    }
}

fn is_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(d) => {
            let code = d.code().unwrap_or_default();
            // PostgreSQL: connection exceptions (08), operator intervention such as a
            // terminated backend or a shutdown (57), insufficient resources (53).
            if code.starts_with("08") || code.starts_with("57") || code.starts_with("53") {
                return true;
            }
            // SQLite: result codes, primary code in the low byte. BUSY, LOCKED, READONLY,
            // IOERR, FULL, CANTOPEN.
            match code.parse::<u32>() {
                Ok(n) => matches!(n & 0xff, 5 | 6 | 8 | 10 | 13 | 14),
                Err(_) => false,
            }
        }
        _ => false,
    }
}

pub type DbResult<T> = Result<T, DbError>;

/// A row with this key exists already (an event's seq or command id, a refusal's id).
fn is_conflict(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .is_some_and(|d| d.is_unique_violation())
}

/// A session as stored.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub workspace: String,
    pub user: String,
    pub created_at: i64,
    pub last_seen: i64,
}

/// The first answer to a command id.
#[derive(Debug, Clone)]
pub struct StoredAnswer {
    pub hash: String,
    /// Accepted: its event.
    pub seq: Option<i64>,
    /// Refused: the engine's `DomainError` as JSON.
    pub refusal: Option<String>,
}

/// A workspace as listed.
#[derive(Debug, Clone)]
pub struct WorkspaceRow {
    pub id: String,
    pub name: String,
}

pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer at a time per file; within one process, writers queue here
    /// instead of sleeping in SQLite's busy handler.
    write_turn: Option<Mutex<()>>,
}

/// Opens the database named by `url` (creating a SQLite file and its folder when missing)
/// and brings its schema up to date. The error is one line, for the command line.
pub async fn open(url: &str) -> Result<Db, String> {
    sqlx::any::install_default_drivers();
    let (backend, url, max) = if let Some(rest) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    {
        let (url, max) = sqlite_url(rest)?;
        (Backend::Sqlite, url, max)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        (Backend::Postgres, url.to_string(), 16)
    } else {
        return Err(format!(
            "unsupported database URL \"{}\": use sqlite://PATH or postgres://USER@HOST/DATABASE",
            redact(url)
        ));
    };
    let shown = redact(&url);
    let options = AnyConnectOptions::from_str(&url)
        .map_err(|e| format!("invalid database URL {shown}: {e}"))?
        .disable_statement_logging();

    if backend == Backend::Sqlite {
        // WAL is a property of the file: set once, before the pool's connections open.
        let mut conn = tokio::time::timeout(CONNECT_TIMEOUT, options.connect())
            .await
            .map_err(|_| format!("cannot open the database {shown}: no answer"))?
            .map_err(|e| format!("cannot open the database {shown}: {e}"))?;
        conn.execute("PRAGMA journal_mode = WAL")
            .await
            .map_err(|e| format!("cannot open the database {shown}: {e}"))?;
        let _ = conn.close().await;
    }

    let pool = AnyPoolOptions::new()
        .max_connections(max)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        // sqlx pings every connection before lending it by default: a round trip per query
        // (on SQLite, to the connection's thread and back), which was a third of a command's
        // cost. A connection idle for a while is still checked (the server may have
        // restarted meanwhile); a lost one otherwise fails its query, which answers 503 and
        // is closed by the pool.
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for > PING_AFTER_IDLE {
                    conn.ping().await?;
                }
                Ok(true)
            })
        })
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    conn.execute(
                        "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000",
                    )
                    .await?;
                }
                Ok(())
            })
        });
    let pool = tokio::time::timeout(CONNECT_TIMEOUT, pool.connect_with(options))
        .await
        .map_err(|_| format!("cannot reach the database {shown}: no answer"))?
        .map_err(|e| format!("cannot reach the database {shown}: {e}"))?;
    MIGRATOR
        .run(&pool)
        .await
        .map_err(|e| format!("cannot update the database schema of {shown}: {e}"))?;
    Ok(Db {
        pool,
        backend,
        write_turn: (backend == Backend::Sqlite).then(|| Mutex::new(())),
    })
}

/// `sqlite://` + `rest` with `mode=rwc` (create when missing) unless a mode is given; the
/// folder is created. An in-memory database gets one connection (each would have its own).
fn sqlite_url(rest: &str) -> Result<(String, u32), String> {
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() {
        return Err(
            "the SQLite URL names no file: use sqlite://PATH, e.g. sqlite://data/benefits.db"
                .to_string(),
        );
    }
    if path == ":memory:" || query.contains("mode=memory") {
        return Ok((format!("sqlite://{rest}"), 1));
    }
    if let Some(folder) = Path::new(path).parent() {
        if !folder.as_os_str().is_empty() && !folder.exists() {
            std::fs::create_dir_all(folder).map_err(|e| {
                format!(
                    "cannot create the folder {} for the database: {e}",
                    folder.display()
                )
            })?;
        }
    }
    // It will hold password and session hashes: readable by its owner only (SQLite gives its
    // -wal and -shm files the same permissions). An empty file is an empty database.
    #[cfg(unix)]
    if !Path::new(path).exists() {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| format!("cannot create the database file {path}: {e}"))?;
    }
    let query = if query.split('&').any(|p| p.starts_with("mode=")) {
        query.to_string()
    } else if query.is_empty() {
        "mode=rwc".to_string()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok((format!("sqlite://{path}?{query}"), 8))
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((user, host)) if user.contains(':') => {
            let name = user.split(':').next().unwrap_or_default();
            format!("{scheme}://{name}:***@{host}")
        }
        _ => url.to_string(),
    }
}

/// The rows of one query, as a list of tuples.
macro_rules! rows {
    ($rows:expr, |$row:ident| $make:expr) => {
        $rows
            .iter()
            .map(|$row| Ok::<_, sqlx::Error>($make))
            .collect::<Result<Vec<_>, _>>()?
    };
}

impl Db {
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Waits for this process's turn to write (SQLite only; `None` on PostgreSQL).
    pub async fn turn(&self) -> Option<MutexGuard<'_, ()>> {
        match &self.write_turn {
            Some(m) => Some(m.lock().await),
            None => None,
        }
    }

    /// A connection from the pool. Failing to get one means the database cannot be reached
    /// (down, refusing connections, every connection busy): unavailable, whatever the cause.
    async fn conn(&self) -> DbResult<sqlx::pool::PoolConnection<Any>> {
        self.pool
            .acquire()
            .await
            .map_err(|e| DbError::Unavailable(e.to_string()))
    }

    /// A write transaction. Failing to start one (no connection; SQLite: the file locked
    /// by another process beyond the busy timeout) is unavailability too.
    async fn begin(&self) -> DbResult<Transaction<'static, Any>> {
        let begun = match self.backend {
            // Take the write lock at once: a deferred transaction that reads first and then
            // writes can deadlock with another writer.
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        };
        begun.map_err(|e| DbError::Unavailable(e.to_string()))
    }

    pub async fn ping(&self) -> DbResult<()> {
        sqlx::query("SELECT 1")
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    /// Creates a workspace with its events (already applied by the engine) and the
    /// password hashes of the users who may sign in, in one transaction.
    pub async fn create_workspace(
        &self,
        id: &str,
        name: &str,
        events: &[String],
        credentials: &[(String, String)],
        now: i64,
    ) -> DbResult<()> {
        let _turn = self.turn().await;
        let mut tx = self.begin().await?;
        sqlx::query("INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        for (i, body) in events.iter().enumerate() {
            sqlx::query("INSERT INTO events (workspace, seq, body) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(i as i64 + 1)
                .bind(body.as_str())
                .execute(&mut *tx)
                .await?;
        }
        for (user, hash) in credentials {
            sqlx::query("INSERT INTO credentials (workspace, user_id, password_hash, updated_at) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(user.as_str())
                .bind(hash.as_str())
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn workspace(&self, id: &str) -> DbResult<Option<WorkspaceRow>> {
        let row = sqlx::query("SELECT id, name FROM workspaces WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await?;
        Ok(match row {
            Some(r) => Some(WorkspaceRow {
                id: r.try_get(0)?,
                name: r.try_get(1)?,
            }),
            None => None,
        })
    }

    /// The seq of the workspace's last event (0 when it has none).
    pub async fn head(&self, ws: &str) -> DbResult<i64> {
        let row = sqlx::query("SELECT COALESCE(MAX(seq), 0) FROM events WHERE workspace = $1")
            .bind(ws)
            .fetch_one(&mut *self.conn().await?)
            .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn workspaces(&self) -> DbResult<Vec<WorkspaceRow>> {
        let rows = sqlx::query("SELECT id, name FROM workspaces ORDER BY created_at, id")
            .fetch_all(&mut *self.conn().await?)
            .await?;
        Ok(rows!(rows, |r| WorkspaceRow {
            id: r.try_get(0)?,
            name: r.try_get(1)?,
        }))
    }

    /// The events with `seq > after`, in order, at most `limit`.
    pub async fn events_after(
        &self,
        ws: &str,
        after: i64,
        limit: i64,
    ) -> DbResult<Vec<(i64, String)>> {
        let rows = sqlx::query(
            "SELECT seq, body FROM events WHERE workspace = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        )
        .bind(ws)
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        Ok(rows!(rows, |r| (r.try_get(0)?, r.try_get(1)?)))
    }

    /// Starts the transaction of one command: waits for this workspace's turn across every
    /// process sharing the database, then reads the head and the first answer to `id` (if
    /// the command was seen before) as of that moment.
    pub async fn begin_append(
        &self,
        ws: &str,
        id: &str,
    ) -> DbResult<(Append<'_>, i64, Option<StoredAnswer>)> {
        let turn = self.turn().await;
        let mut tx = self.begin().await?;
        if self.backend == Backend::Postgres {
            // Row lock: another process's writer to this workspace waits until we commit.
            // (SQLite: BEGIN IMMEDIATE already holds the file's write lock.) The head is
            // read by the next statement, whose snapshot includes what the previous
            // holder committed.
            sqlx::query("SELECT id FROM workspaces WHERE id = $1 FOR UPDATE")
                .bind(ws)
                .fetch_one(&mut *tx)
                .await?;
        }
        // The head, and the first answer to this id: its event, or its refusal.
        let row = sqlx::query(
            "SELECT COALESCE((SELECT MAX(seq) FROM events WHERE workspace = $1), 0), \
                    e.command_hash, e.seq, r.command_hash, r.refusal \
             FROM workspaces w \
             LEFT JOIN events e ON e.workspace = w.id AND e.command_id = $2 \
             LEFT JOIN refusals r ON r.workspace = w.id AND r.command_id = $2 \
             WHERE w.id = $1",
        )
        .bind(ws)
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let head: i64 = row.try_get(0)?;
        let accepted: Option<String> = row.try_get(1)?;
        let refused: Option<String> = row.try_get(3)?;
        let answer = match (accepted, refused) {
            (Some(hash), _) => Some(StoredAnswer {
                hash,
                seq: row.try_get(2)?,
                refusal: None,
            }),
            (None, Some(hash)) => Some(StoredAnswer {
                hash,
                seq: None,
                refusal: row.try_get(4)?,
            }),
            (None, None) => None,
        };
        Ok((
            Append {
                tx,
                ws: ws.to_string(),
                _turn: turn,
            },
            head,
            answer,
        ))
    }

    /// The fast path of a command on SQLite (see `store.rs`): appends event `seq` in one statement,
    /// unless the log already has an event `seq` or one of this command id (`Ok(false)`:
    /// the caller's copy was behind, or this is a retry), or the id was refused before.
    pub async fn append_if_next(
        &self,
        ws: &str,
        seq: i64,
        body: &str,
        id: &str,
        hash: &str,
    ) -> DbResult<bool> {
        let _turn = self.turn().await;
        let result = sqlx::query(
            "INSERT INTO events (workspace, seq, body, command_id, command_hash) \
             SELECT $1, $2, $3, $4, $5 \
             WHERE NOT EXISTS (SELECT 1 FROM refusals WHERE workspace = $1 AND command_id = $4)",
        )
        .bind(ws)
        .bind(seq)
        .bind(body)
        .bind(id)
        .bind(hash)
        .execute(&mut *self.conn().await?)
        .await;
        match result {
            Ok(done) => Ok(done.rows_affected() == 1),
            Err(e) if is_conflict(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// The fast path of a refused command on SQLite: records the refusal in one statement, unless
    /// the log has moved past `head` (the refusal was decided on an old state) or the id
    /// was seen before (`Ok(false)`).
    #[allow(clippy::too_many_arguments)]
    pub async fn refuse_if_current(
        &self,
        ws: &str,
        head: i64,
        id: &str,
        hash: &str,
        refusal: &str,
        user: &str,
        now: i64,
    ) -> DbResult<bool> {
        let _turn = self.turn().await;
        let result = sqlx::query(
            "INSERT INTO refusals (workspace, command_id, command_hash, refusal, user_id, at) \
             SELECT $1, $2, $3, $4, $5, $6 \
             WHERE NOT EXISTS (SELECT 1 FROM events WHERE workspace = $1 AND (seq = $7 OR command_id = $2))",
        )
        .bind(ws)
        .bind(id)
        .bind(hash)
        .bind(refusal)
        .bind(user)
        .bind(now)
        .bind(head + 1)
        .execute(&mut *self.conn().await?)
        .await;
        match result {
            Ok(done) => Ok(done.rows_affected() == 1),
            Err(e) if is_conflict(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    // -------------------------------------------------------------- sessions

    pub async fn insert_session(&self, hash: &str, ws: &str, user: &str, now: i64) -> DbResult<()> {
        let _turn = self.turn().await;
        sqlx::query("INSERT INTO sessions (token_hash, workspace, user_id, created_at, last_seen) VALUES ($1, $2, $3, $4, $4)")
            .bind(hash)
            .bind(ws)
            .bind(user)
            .bind(now)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    pub async fn session(&self, hash: &str) -> DbResult<Option<SessionRow>> {
        let row = sqlx::query(
            "SELECT workspace, user_id, created_at, last_seen FROM sessions WHERE token_hash = $1",
        )
        .bind(hash)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(match row {
            Some(r) => Some(SessionRow {
                workspace: r.try_get(0)?,
                user: r.try_get(1)?,
                created_at: r.try_get(2)?,
                last_seen: r.try_get(3)?,
            }),
            None => None,
        })
    }

    pub async fn touch_session(&self, hash: &str, now: i64) -> DbResult<()> {
        let _turn = self.turn().await;
        sqlx::query("UPDATE sessions SET last_seen = $2 WHERE token_hash = $1")
            .bind(hash)
            .bind(now)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    pub async fn delete_session(&self, hash: &str) -> DbResult<()> {
        let _turn = self.turn().await;
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(hash)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    /// Forgets what has expired: sessions idle since `idle_before` or opened before
    /// `opened_before`, invitations past their date, failures older than `failures_before`.
    pub async fn forget_expired(
        &self,
        idle_before: i64,
        opened_before: i64,
        now: i64,
        failures_before: i64,
    ) -> DbResult<()> {
        let _turn = self.turn().await;
        sqlx::query("DELETE FROM sessions WHERE last_seen < $1 OR created_at < $2")
            .bind(idle_before)
            .bind(opened_before)
            .execute(&mut *self.conn().await?)
            .await?;
        sqlx::query("DELETE FROM invitations WHERE expires_at < $1")
            .bind(now)
            .execute(&mut *self.conn().await?)
            .await?;
        sqlx::query("DELETE FROM sign_in_failures WHERE at < $1")
            .bind(failures_before)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    // -------------------------------------------------------------- passwords

    pub async fn password_hash(&self, ws: &str, user: &str) -> DbResult<Option<String>> {
        let row = sqlx::query(
            "SELECT password_hash FROM credentials WHERE workspace = $1 AND user_id = $2",
        )
        .bind(ws)
        .bind(user)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(match row {
            Some(r) => Some(r.try_get(0)?),
            None => None,
        })
    }

    /// Records an invitation, revoking the user's earlier ones (the newest link is the one
    /// that works).
    pub async fn create_invitation(
        &self,
        hash: &str,
        ws: &str,
        user: &str,
        by: &str,
        now: i64,
        expires_at: i64,
    ) -> DbResult<()> {
        let _turn = self.turn().await;
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM invitations WHERE workspace = $1 AND user_id = $2")
            .bind(ws)
            .bind(user)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO invitations (token_hash, workspace, user_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(hash)
            .bind(ws)
            .bind(user)
            .bind(by)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The invitation of this token, if it is still valid at `now`: (workspace, user).
    pub async fn invitation(&self, hash: &str, now: i64) -> DbResult<Option<(String, String)>> {
        let row = sqlx::query(
            "SELECT workspace, user_id FROM invitations WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(hash)
        .bind(now)
        .fetch_optional(&mut *self.conn().await?)
        .await?;
        Ok(match row {
            Some(r) => Some((r.try_get(0)?, r.try_get(1)?)),
            None => None,
        })
    }

    /// Uses an invitation once: in one transaction it is deleted, the password set, and the
    /// user's open sessions closed (a new password signs out the old ones). `None` when the
    /// invitation was used (or revoked) meanwhile.
    pub async fn use_invitation(
        &self,
        hash: &str,
        now: i64,
        password_hash: &str,
    ) -> DbResult<Option<(String, String)>> {
        let _turn = self.turn().await;
        let mut tx = self.begin().await?;
        let row = sqlx::query(
            "DELETE FROM invitations WHERE token_hash = $1 AND expires_at > $2 RETURNING workspace, user_id",
        )
        .bind(hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let (ws, user): (String, String) = (row.try_get(0)?, row.try_get(1)?);
        sqlx::query("INSERT INTO credentials (workspace, user_id, password_hash, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (workspace, user_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at")
            .bind(ws.as_str())
            .bind(user.as_str())
            .bind(password_hash)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE workspace = $1 AND user_id = $2")
            .bind(ws.as_str())
            .bind(user.as_str())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some((ws, user)))
    }

    // -------------------------------------------------------------- sign-in attempts

    pub async fn record_failure(&self, email: &str, address: &str, now: i64) -> DbResult<()> {
        let _turn = self.turn().await;
        sqlx::query("INSERT INTO sign_in_failures (email, address, at) VALUES ($1, $2, $3)")
            .bind(email)
            .bind(address)
            .bind(now)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    /// The times of the failures since `since` for this email and from this address,
    /// oldest first, at most `limit` of each.
    pub async fn failures(
        &self,
        email: &str,
        address: &str,
        since: i64,
        limit: i64,
    ) -> DbResult<(Vec<i64>, Vec<i64>)> {
        let by_email = sqlx::query(
            "SELECT at FROM sign_in_failures WHERE email = $1 AND at >= $2 ORDER BY at DESC LIMIT $3",
        )
        .bind(email)
        .bind(since)
        .bind(limit)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let by_address = sqlx::query(
            "SELECT at FROM sign_in_failures WHERE address = $1 AND at >= $2 ORDER BY at DESC LIMIT $3",
        )
        .bind(address)
        .bind(since)
        .bind(limit)
        .fetch_all(&mut *self.conn().await?)
        .await?;
        let mut by_email: Vec<i64> = rows!(by_email, |r| r.try_get(0)?);
        let mut by_address: Vec<i64> = rows!(by_address, |r| r.try_get(0)?);
        by_email.reverse();
        by_address.reverse();
        Ok((by_email, by_address))
    }

    pub async fn clear_failures(&self, email: &str) -> DbResult<()> {
        let _turn = self.turn().await;
        sqlx::query("DELETE FROM sign_in_failures WHERE email = $1")
            .bind(email)
            .execute(&mut *self.conn().await?)
            .await?;
        Ok(())
    }

    /// The pool, for the load benchmark's bare-insert baseline.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The transaction of one command: its turn is held until [`Append::commit`] (or drop,
/// which rolls back).
pub struct Append<'a> {
    tx: Transaction<'static, Any>,
    ws: String,
    _turn: Option<MutexGuard<'a, ()>>,
}

impl Append<'_> {
    /// Events written by another process since `after` (up to the head).
    pub async fn events_after(&mut self, after: i64) -> DbResult<Vec<(i64, String)>> {
        let rows = sqlx::query(
            "SELECT seq, body FROM events WHERE workspace = $1 AND seq > $2 ORDER BY seq",
        )
        .bind(self.ws.as_str())
        .bind(after)
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows!(rows, |r| (r.try_get(0)?, r.try_get(1)?)))
    }

    /// Appends the accepted command's event, with the command's id and hash.
    pub async fn append(&mut self, seq: i64, body: &str, id: &str, hash: &str) -> DbResult<()> {
        sqlx::query("INSERT INTO events (workspace, seq, body, command_id, command_hash) VALUES ($1, $2, $3, $4, $5)")
            .bind(self.ws.as_str())
            .bind(seq)
            .bind(body)
            .bind(id)
            .bind(hash)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Remembers a refused command's answer (nothing else changes).
    pub async fn refuse(
        &mut self,
        id: &str,
        hash: &str,
        refusal: &str,
        user: &str,
        now: i64,
    ) -> DbResult<()> {
        sqlx::query("INSERT INTO refusals (workspace, command_id, command_hash, refusal, user_id, at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(self.ws.as_str())
            .bind(id)
            .bind(hash)
            .bind(refusal)
            .bind(user)
            .bind(now)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Closes every session of a user the command disabled, in the same transaction.
    pub async fn sign_out(&mut self, user: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM sessions WHERE workspace = $1 AND user_id = $2")
            .bind(self.ws.as_str())
            .bind(user)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    pub async fn commit(self) -> DbResult<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_a_url_is_never_shown() {
        assert_eq!(
            redact("postgres://app:s3cret@db.example/benefits"),
            "postgres://app:***@db.example/benefits"
        );
        assert_eq!(redact("postgres://app@db/b"), "postgres://app@db/b");
        assert_eq!(
            redact("sqlite://data/benefits.db"),
            "sqlite://data/benefits.db"
        );
    }

    #[test]
    fn a_sqlite_url_creates_its_file_unless_told_otherwise() {
        let dir = std::env::temp_dir().join(format!("benefits-db-test-{}", std::process::id()));
        let file = dir.join("sub/b.db");
        let (url, max) = sqlite_url(file.to_str().unwrap()).unwrap();
        assert!(url.ends_with("b.db?mode=rwc"), "{url}");
        assert_eq!(max, 8);
        assert!(dir.join("sub").is_dir());
        let (url, _) = sqlite_url(&format!("{}?mode=ro", file.display())).unwrap();
        assert!(url.ends_with("?mode=ro"), "{url}");
        assert_eq!(sqlite_url(":memory:").unwrap().1, 1);
        assert!(sqlite_url("").is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn lost_connections_and_locks_are_unavailable_not_defects() {
        assert!(is_unavailable(&sqlx::Error::PoolTimedOut));
        assert!(is_unavailable(&sqlx::Error::Io(std::io::Error::other(
            "reset"
        ))));
        assert!(!is_unavailable(&sqlx::Error::RowNotFound));
    }
}
