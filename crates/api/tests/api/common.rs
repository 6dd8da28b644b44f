//! The harness: a fresh database (SQLite by default; PostgreSQL with
//! `BENEFITS_TEST_DATABASE=postgres` inside `pg_virtualenv`, which must then be reachable:
//! the suite fails, never skips), the real `benefits-api` binary started on a free port,
//! and a small HTTP client that keeps the session cookie.

#![allow(dead_code)]

use reqwest::header::{HeaderMap, CONTENT_TYPE, COOKIE, SET_COOKIE};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_benefits-api");
/// The demo users' password in every test.
pub const PASSWORD: &str = "correct horse battery staple";

pub const GLORIA: &str = "gloria@contoso.example";
pub const MARIO: &str = "mario@contoso.example";
pub const UMA: &str = "uma@contoso.example";
pub const ANDY: &str = "andy@contoso.example";
pub const NORA: &str = "nora@contoso.example";
pub const GUS: &str = "gus@contoso.example";

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

/// A folder removed at the end of the test.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        let dir = std::env::temp_dir().join(unique("benefits-api-test"));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

pub fn kind() -> Kind {
    match std::env::var("BENEFITS_TEST_DATABASE").as_deref() {
        Err(_) | Ok("") | Ok("sqlite") => Kind::Sqlite,
        Ok("postgres") => Kind::Postgres,
        Ok(other) => panic!("BENEFITS_TEST_DATABASE={other}: use sqlite or postgres"),
    }
}

/// A fresh, empty database for one test.
pub struct Database {
    pub url: String,
    pub kind: Kind,
    pub file: Option<PathBuf>,
    _dir: Option<TempDir>,
}

fn pg_env(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

/// The throw-away cluster's address (from `pg_virtualenv`'s variables).
fn pg_url(database: &str) -> String {
    let user = pg_env("PGUSER", "postgres");
    let password = pg_env("PGPASSWORD", "");
    let host = pg_env("PGHOST", "localhost");
    let port = pg_env("PGPORT", "5432");
    format!("postgres://{user}:{password}@{host}:{port}/{database}")
}

/// Runs SQL on the PostgreSQL cluster's maintenance database (as its superuser).
pub async fn pg_admin(sql: &str) {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let admin = pg_url(&pg_env("PGDATABASE", "postgres"));
    let mut conn = sqlx::AnyConnection::connect(&admin).await.unwrap_or_else(|e| {
        panic!("PostgreSQL must be reachable for BENEFITS_TEST_DATABASE=postgres (run inside pg_virtualenv): {e}")
    });
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let _ = conn.close().await;
}

impl Database {
    pub async fn fresh() -> Database {
        match kind() {
            Kind::Sqlite => {
                let dir = TempDir::new();
                let file = dir.0.join("benefits.db");
                Database {
                    url: format!("sqlite://{}", file.display()),
                    kind: Kind::Sqlite,
                    file: Some(file),
                    _dir: Some(dir),
                }
            }
            Kind::Postgres => {
                let name = unique("bt").to_lowercase();
                pg_admin(&format!("CREATE DATABASE {name}")).await;
                Database {
                    url: pg_url(&name),
                    kind: Kind::Postgres,
                    file: None,
                    _dir: None,
                }
            }
        }
    }

    /// The database's name (PostgreSQL).
    pub fn pg_name(&self) -> String {
        self.url.rsplit('/').next().unwrap().to_string()
    }

    /// A direct connection, for what a test must arrange behind the server's back.
    pub async fn connect(&self) -> sqlx::AnyConnection {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        sqlx::AnyConnection::connect(&self.url).await.unwrap()
    }

    /// Creates the demo workspace (every demo user's password is [`PASSWORD`]); its id.
    pub fn demo(&self) -> String {
        let out = run(
            &["demo", "--database", &self.url, "--password-stdin"],
            Some(PASSWORD),
        );
        assert_eq!(out.status, Some(0), "demo failed: {}", out.stderr);
        out.stdout.lines().last().unwrap().trim().to_string()
    }
}

/// What a run of the binary printed.
pub struct Output {
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `benefits-api ARGS`, with `stdin` as its standard input.
pub fn run(args: &[&str], stdin: Option<&str>) -> Output {
    run_in(args, stdin, None)
}

pub fn run_in(args: &[&str], stdin: Option<&str>, dir: Option<&std::path::Path>) -> Output {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("RUST_LOG");
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let mut child = command.spawn().unwrap();
    {
        let mut input = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            let _ = input.write_all(text.as_bytes());
        }
    }
    let out = child.wait_with_output().unwrap();
    Output {
        status: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A running `benefits-api serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    pub fn start(db: &Database) -> Server {
        Server::start_with(&db.url, &[])
    }

    pub fn start_with(database: &str, extra: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--database", database, "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env_remove("RUST_LOG")
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            if let Some(Ok(line)) = lines.next() {
                let _ = tx.send(line);
            }
            // Keep reading so the server never blocks on a full pipe.
            for _ in lines {}
        });
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| {
                let _ = child.kill();
                panic!("the server did not start: {}", log.lock().unwrap())
            });
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("unexpected first line: {line}"));
        Server {
            child,
            base: format!("http://{address}"),
            log,
        }
    }

    /// `kill -9`.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// What the server wrote on standard error so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    pub fn client(&self) -> Client {
        Client::new(&self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
        // While a test fails, what the server said is worth seeing.
        if std::thread::panicking() || std::env::var_os("BENEFITS_TEST_SERVER_LOG").is_some() {
            eprintln!("--- {} said:\n{}", self.base, self.log());
        }
    }
}

/// An answer.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.text))
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
    }

    /// The `error` code of a refusal.
    pub fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

/// A browser, as far as the API is concerned: it keeps the session cookie.
#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub cookie: Option<String>,
}

impl Client {
    pub fn new(base: &str) -> Client {
        Client {
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .build()
                .unwrap(),
            base: base.to_string(),
            cookie: None,
        }
    }

    /// The same session, through another server.
    pub fn via(&self, server: &Server) -> Client {
        Client {
            base: server.base.clone(),
            ..self.clone()
        }
    }

    pub async fn send(&self, request: reqwest::RequestBuilder) -> Result<Resp, reqwest::Error> {
        let request = match &self.cookie {
            Some(cookie) => request.header(COOKIE, cookie),
            None => request,
        };
        let response = request.send().await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await?;
        Ok(Resp {
            status,
            headers,
            text,
        })
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(self.http.get(format!("{}{path}", self.base)))
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str) -> Resp {
        self.send(self.http.delete(format!("{}{path}", self.base)))
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, body: &Value) -> Resp {
        self.post_raw(
            path,
            body.to_string().into_bytes(),
            Some("application/json"),
        )
        .await
    }

    pub async fn post_raw(&self, path: &str, body: Vec<u8>, content_type: Option<&str>) -> Resp {
        let mut request = self.http.post(format!("{}{path}", self.base)).body(body);
        if let Some(t) = content_type {
            request = request.header(CONTENT_TYPE, t);
        }
        self.send(request).await.unwrap()
    }

    /// Signs in (keeping the cookie when it works).
    pub async fn sign_in_to(
        &mut self,
        email: &str,
        password: &str,
        workspace: Option<&str>,
    ) -> Resp {
        let mut body = json!({"email": email, "password": password});
        if let Some(ws) = workspace {
            body["workspace"] = json!(ws);
        }
        let resp = self.post("/api/session", &body).await;
        if resp.status == 200 {
            self.cookie = Some(session_cookie(&resp).expect("a session cookie"));
        }
        resp
    }

    /// Signs in with the demo password; panics unless it works.
    pub async fn sign_in(&mut self, email: &str) -> Value {
        let resp = self.sign_in_to(email, PASSWORD, None).await;
        assert_eq!(resp.status, 200, "{email}: {}", resp.text);
        resp.json()
    }

    pub async fn command(&self, ws: &str, id: &str, base: u64, command: Value) -> Resp {
        self.post(
            &format!("/api/workspaces/{ws}/commands"),
            &json!({"id": id, "base": base, "command": command}),
        )
        .await
    }

    pub async fn head(&self, ws: &str) -> u64 {
        let resp = self
            .get(&format!("/api/workspaces/{ws}/events?after=0"))
            .await;
        assert_eq!(resp.status, 200, "{}", resp.text);
        resp.json()["head"].as_u64().unwrap()
    }

    /// Every event of the workspace, paging by 1,000.
    pub async fn all_events(&self, ws: &str) -> (u64, Vec<Value>) {
        let mut events = Vec::new();
        let mut after = 0;
        loop {
            let resp = self
                .get(&format!("/api/workspaces/{ws}/events?after={after}"))
                .await;
            assert_eq!(resp.status, 200, "{}", resp.text);
            let page = resp.json();
            let head = page["head"].as_u64().unwrap();
            let got = page["events"].as_array().unwrap().clone();
            after += got.len() as u64;
            events.extend(got);
            if after >= head {
                return (head, events);
            }
        }
    }
}

/// `name=value` of the session cookie set by an answer.
pub fn session_cookie(resp: &Resp) -> Option<String> {
    resp.headers
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with("benefits_session=") && !v.starts_with("benefits_session=;"))
        .map(|v| v.split(';').next().unwrap().to_string())
}

/// A signed-in demo user and their workspace's id.
pub async fn signed_in(server: &Server, email: &str) -> (Client, String) {
    let mut client = server.client();
    let who = client.sign_in(email).await;
    let ws = who["workspace"].as_str().unwrap().to_string();
    (client, ws)
}

/// Today, by the server's clock (UTC).
pub fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

/// Waits until `check` holds (for what another process or task does), or panics.
pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for: {what}");
}

/// A command that any Global admin or MPN partner admin may give, as often as wanted, whose
/// event names it: `gtm_offer_added` with `name`.
pub fn offer(name: &str) -> Value {
    json!({"command": "add_gtm_offer", "name": name})
}

/// The names of the GTM offers the events added.
pub fn offers_added(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| e["change"]["gtm_offer_added"]["offer"]["name"].as_str())
        .map(str::to_string)
        .collect()
}

/// The seqs are 1, 2, 3… with no gap and no repeat.
pub fn assert_contiguous(events: &[Value], head: u64) {
    let seqs: Vec<u64> = events.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    let expected: Vec<u64> = (1..=head).collect();
    assert_eq!(seqs, expected, "the log's seqs are not 1..={head}");
}
