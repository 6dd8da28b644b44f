//! The load benchmark of the sync API (docs/API.md, "Load"): accepted commands per second
//! and latency (p50, p99) for 1, 10 and 50 concurrent clients, next to a baseline measured
//! in the same run on the same HTTP stack and database: one bare `INSERT` per request,
//! the floor this design can reach. Not a test: it reports, it does not judge.
//!
//! ```sh
//! cargo run --profile server -p benefits-api --example load -- \
//!     [--database sqlite | --database postgres://USER:PASSWORD@HOST/DB]... \
//!     [--clients 1,10,50] [--seconds 5] [--workspaces 1]
//! ```
//! (`scripts/load.sh` runs it on SQLite and, inside `pg_virtualenv`, on PostgreSQL.)
//!
//! The server runs in this process on its own Tokio runtime (the same code as `serve`:
//! `server::prepare` + `run`), the clients on another; on a 2-core machine both share the
//! cores, as they would if they were separate processes. Each client sends
//! `purchase_package` commands (any role may: R-ROLE-1) with a fresh id and the head of its
//! last answer as `base`, one after the other, as the app's queue does. Every answer
//! carries the events since that base, so with 50 clients each answer holds about 50
//! events: the real cost of keeping 50 apps in step. With `--workspaces N` the clients are
//! spread over N demo workspaces (client i writes to workspace i mod N): the commands of
//! one workspace take turns, those of different workspaces need not.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use benefits_api::db::{self, Db};
use benefits_api::http::{self, ApiError};
use benefits_api::server::{self, ServeOptions};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PASSWORD: &str = "load benchmark password";

struct Args {
    databases: Vec<String>,
    clients: Vec<usize>,
    seconds: u64,
    workspaces: usize,
}

fn args() -> Result<Args, String> {
    let mut out = Args {
        databases: Vec::new(),
        clients: vec![1, 10, 50],
        seconds: 5,
        workspaces: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--database" => out.databases.push(value()?),
            "--clients" => {
                out.clients = value()?
                    .split(',')
                    .map(|n| n.trim().parse().map_err(|_| format!("--clients: {n}")))
                    .collect::<Result<_, _>>()?
            }
            "--seconds" => out.seconds = value()?.parse().map_err(|_| "--seconds".to_string())?,
            "--workspaces" => {
                out.workspaces = value()?
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| "--workspaces".to_string())?
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if out.databases.is_empty() {
        out.databases.push("sqlite".to_string());
    }
    Ok(out)
}

#[derive(Default, Clone)]
struct Stats {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

/// `clients` tasks posting `body(id, base)` one after the other for `seconds` (after a
/// one-second warm-up that is not counted), client i to `targets[i % len]` (URL, cookie).
async fn level(
    http: reqwest::Client,
    targets: Vec<(String, String)>,
    clients: usize,
    seconds: u64,
    run: &str,
    body: fn(&str, u64) -> String,
) -> Stats {
    let start = Instant::now();
    let measure_from = start + Duration::from_secs(1);
    let end = measure_from + Duration::from_secs(seconds);
    let errors = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (url, cookie) = targets[c % targets.len()].clone();
        let (http, errors) = (http.clone(), errors.clone());
        let run = run.to_string();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut base = 0u64;
            let mut n = 0u64;
            while Instant::now() < end {
                n += 1;
                let id = format!("{run}-{c}-{n}");
                let sent = Instant::now();
                let answer = http
                    .post(&url)
                    .header("content-type", "application/json")
                    .header("cookie", &cookie)
                    .body(body(&id, base))
                    .send()
                    .await;
                let ok = match answer {
                    Ok(r) if r.status() == StatusCode::OK => match r.text().await {
                        Ok(text) => {
                            // `{"head":H,…`: the head, without parsing the events.
                            if let Some(h) = text
                                .strip_prefix("{\"head\":")
                                .and_then(|t| t.split(|c: char| !c.is_ascii_digit()).next())
                                .and_then(|t| t.parse().ok())
                            {
                                base = h;
                            }
                            true
                        }
                        Err(_) => false,
                    },
                    _ => false,
                };
                let done = Instant::now();
                if sent >= measure_from && done <= end {
                    if ok {
                        latencies.push((done - sent).as_micros() as u64);
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap_or_default());
    }
    all.sort_unstable();
    Stats {
        per_second: all.len() as f64 / seconds as f64,
        p50_ms: percentile(&all, 0.50),
        p99_ms: percentile(&all, 0.99),
        errors: errors.load(Ordering::Relaxed),
    }
}

fn command_body(id: &str, base: u64) -> String {
    let today = chrono::Utc::now().date_naive();
    format!(
        r#"{{"id":"{id}","base":{base},"command":{{"command":"purchase_package","name":"Load {id}","offer":"action_pack","purchased_on":"{today}"}}}}"#
    )
}

/// The baseline: the same body, read by the same code, then one INSERT.
async fn bare_insert(
    State(db): State<Arc<Db>>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Result<Response, ApiError> {
    let bytes = http::read_body(&headers, body).await?;
    let value: serde_json::Value = http::parse(&bytes, "")?;
    let id = value["id"].as_str().unwrap_or_default().to_string();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let _turn = db.turn().await;
    sqlx::query("INSERT INTO load_baseline (id, body) VALUES ($1, $2)")
        .bind(id)
        .bind(text)
        .execute(db.pool())
        .await
        .map_err(|e| ApiError::from(db::DbError::from(e)))?;
    Ok(http::raw_json(StatusCode::OK, "{\"ok\":true}".to_string()))
}

struct Row {
    database: String,
    workspaces: usize,
    clients: usize,
    commands: Stats,
    baseline: Stats,
}

fn run_database(
    spec: &str,
    args: &Args,
    server_rt: &tokio::runtime::Runtime,
    client_rt: &tokio::runtime::Runtime,
) -> Result<Vec<Row>, String> {
    let _dir;
    let url = if spec == "sqlite" {
        let dir = std::env::temp_dir().join(format!("benefits-load-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let url = format!("sqlite://{}/benefits.db", dir.display());
        _dir = Some(dir);
        url
    } else {
        _dir = None;
        spec.to_string()
    };
    let name = if url.starts_with("sqlite") {
        "SQLite"
    } else {
        "PostgreSQL"
    };
    eprintln!("== {name}: {}", db::redact(&url));

    // The server, exactly as `serve` runs it.
    let mut workspaces = Vec::new();
    for _ in 0..args.workspaces {
        workspaces.push(
            server_rt
                .block_on(benefits_api::cli::create_demo(&url, PASSWORD))?
                .0,
        );
    }
    let ready = server_rt.block_on(server::prepare(ServeOptions {
        database: url.clone(),
        listen: "127.0.0.1:0".to_string(),
        static_dir: None,
        public_url: None,
        trust_forwarded_for: false,
    }))?;
    let api = ready.address;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = server_rt.spawn(ready.run(async move {
        let _ = stopped.await;
    }));

    // The baseline, on the same stack (the same middleware and body reading, its own pool
    // opened the same way) and database.
    let baseline_db = Arc::new(server_rt.block_on(db::open(&url))?);
    server_rt
        .block_on(async {
            sqlx::query("CREATE TABLE IF NOT EXISTS load_baseline (id TEXT PRIMARY KEY, body TEXT NOT NULL)")
                .execute(baseline_db.pool())
                .await
        })
        .map_err(|e| e.to_string())?;
    let listener = server_rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .map_err(|e| e.to_string())?;
    let bare = listener.local_addr().map_err(|e| e.to_string())?;
    let router = Router::new()
        .route("/baseline", post(bare_insert))
        .layer(axum::middleware::from_fn(http::headers))
        .with_state(baseline_db.clone());
    server_rt.spawn(async move { axum::serve(listener, router).await });

    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()
        .map_err(|e| e.to_string())?;
    let mut targets = Vec::new();
    for ws in &workspaces {
        let cookie = client_rt.block_on(async {
            let r = http
                .post(format!("http://{api}/api/session"))
                .json(&serde_json::json!({"workspace": ws, "email": "gloria@contoso.example", "password": PASSWORD}))
                .send()
                .await
                .map_err(|e| e.to_string())?;
            r.headers()
                .get("set-cookie")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(';').next())
                .map(str::to_string)
                .ok_or_else(|| format!("sign-in failed: {}", r.status()))
        })?;
        targets.push((format!("http://{api}/api/workspaces/{ws}/commands"), cookie));
    }
    let mut rows = Vec::new();
    for &clients in &args.clients {
        let commands = client_rt.block_on(level(
            http.clone(),
            targets.clone(),
            clients,
            args.seconds,
            &format!("c{clients}"),
            command_body,
        ));
        let baseline = client_rt.block_on(level(
            http.clone(),
            vec![(format!("http://{bare}/baseline"), String::new())],
            clients,
            args.seconds,
            &format!("b{clients}"),
            command_body,
        ));
        eprintln!(
            "{name} {clients:>3} clients: {:>7.0} commands/s p50 {:.2} ms p99 {:.2} ms ({} errors) | bare INSERT {:>7.0}/s p50 {:.2} ms p99 {:.2} ms ({} errors)",
            commands.per_second, commands.p50_ms, commands.p99_ms, commands.errors,
            baseline.per_second, baseline.p50_ms, baseline.p99_ms, baseline.errors
        );
        rows.push(Row {
            database: name.to_string(),
            workspaces: args.workspaces,
            clients,
            commands,
            baseline,
        });
    }
    let _ = stop.send(());
    let _ = server_rt.block_on(serving);
    server_rt.block_on(baseline_db.close());
    if let Some(dir) = &_dir {
        let _ = std::fs::remove_dir_all(dir);
    }
    Ok(rows)
}

fn main() {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(2);
        }
    };
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .thread_name("server")
        .enable_all()
        .build()
        .expect("server runtime");
    let client_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores)
        .thread_name("client")
        .enable_all()
        .build()
        .expect("client runtime");
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    eprintln!(
        "{cores} cores, load average {} before the run; {} s per measure after 1 s of warm-up",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
        args.seconds
    );
    let mut rows = Vec::new();
    for spec in &args.databases {
        match run_database(spec, &args, &server_rt, &client_rt) {
            Ok(r) => rows.extend(r),
            Err(e) => {
                eprintln!("load: {e}");
                std::process::exit(1);
            }
        }
    }
    println!("| database | workspaces | clients | commands/s | p50 ms | p99 ms | bare INSERT/s | p50 ms | p99 ms | commands / bare |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        println!(
            "| {} | {} | {} | {:.0} | {:.2} | {:.2} | {:.0} | {:.2} | {:.2} | {:.0} % |",
            r.database,
            r.workspaces,
            r.clients,
            r.commands.per_second,
            r.commands.p50_ms,
            r.commands.p99_ms,
            r.baseline.per_second,
            r.baseline.p50_ms,
            r.baseline.p99_ms,
            100.0 * r.commands.per_second / r.baseline.per_second
        );
    }
}
