//! R-API-1 and R-API-5 under stress: many clients writing through two server processes on
//! one database; one process killed with SIGKILL mid-load while its clients retry through
//! the other with the same ids; the database made unreachable mid-load. Afterwards every
//! acknowledged command is in the log exactly once, the seqs are contiguous, and a process
//! started afresh rebuilds exactly what the survivors hold.

use crate::common::*;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// One client's run: `count` commands with ids `{name}-0…`, each retried (same id) until
/// acknowledged, through `targets[0]` until it fails, then the next. Returns each id's
/// acknowledged event.
async fn client_run(
    session: Client,
    targets: Vec<String>,
    ws: String,
    name: String,
    count: usize,
    acked: Arc<AtomicUsize>,
) -> Vec<(String, Value)> {
    let mut target = 0;
    let mut base = 0;
    let mut out = Vec::new();
    for n in 0..count {
        let id = format!("{name}-{n}");
        let mut tries = 0;
        loop {
            tries += 1;
            assert!(tries < 400, "{id} was never acknowledged");
            let c = Client {
                base: targets[target].clone(),
                ..session.clone()
            };
            let body = serde_json::json!({"id": id, "base": base, "command": offer(&id)});
            let request = c
                .http
                .post(format!("{}/api/workspaces/{ws}/commands", c.base))
                .header("content-type", "application/json")
                .body(body.to_string());
            match c.send(request).await {
                Ok(resp) if resp.status == 200 => {
                    let answer = resp.json();
                    base = answer["head"].as_u64().unwrap();
                    out.push((id.clone(), answer["event"].clone()));
                    acked.fetch_add(1, Ordering::SeqCst);
                    break;
                }
                // The database unreachable for a moment: try again, same id.
                Ok(resp) if resp.status == 503 => {
                    assert_eq!(resp.error(), "database_unavailable");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Ok(resp) => panic!("{id}: {} {}", resp.status, resp.text),
                // The process is gone: the same id through the next one.
                Err(_) => {
                    target = (target + 1).min(targets.len() - 1);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        }
    }
    out
}

/// Every acknowledged command is in the log exactly once, as the event it was answered
/// with; the log is 1..=head; and a new process on the database rebuilds the same document.
async fn check_log(
    db: &Database,
    session: &Client,
    ws: &str,
    start_head: u64,
    acked: &[(String, Value)],
) {
    let fresh = Server::start(db);
    let reader = session.via(&fresh);
    let (head, events) = reader.all_events(ws).await;
    assert_contiguous(&events, head);
    assert_eq!(
        head,
        start_head + acked.len() as u64,
        "no lost and no extra event"
    );
    let mut seen: HashMap<String, usize> = HashMap::new();
    for name in offers_added(&events) {
        *seen.entry(name).or_default() += 1;
    }
    for (id, event) in acked {
        assert_eq!(
            seen.get(id),
            Some(&1),
            "{id} is in the log {:?} times",
            seen.get(id)
        );
        let seq = event["seq"].as_u64().unwrap();
        assert_eq!(
            &events[(seq - 1) as usize],
            event,
            "{id}'s acknowledged event is the logged one"
        );
    }
    // The survivors' memory agrees with the log.
    let logged = reader
        .get(&format!("/api/workspaces/{ws}/document"))
        .await
        .text;
    assert_eq!(
        session
            .get(&format!("/api/workspaces/{ws}/document"))
            .await
            .text,
        logged
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_on_one_database_never_lose_or_double_an_event() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let a = Server::start(&db);
    let b = Server::start(&db);
    let (session, _) = signed_in(&a, GLORIA).await;
    let start_head = session.head(&ws).await;
    let acked = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for i in 0..12 {
        let server = if i % 2 == 0 { &a } else { &b };
        tasks.push(tokio::spawn(client_run(
            session.clone(),
            vec![server.base.clone()],
            ws.clone(),
            format!("c{i}"),
            25,
            acked.clone(),
        )));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    assert_eq!(all.len(), 300);
    check_log(&db, &session, &ws, start_head, &all).await;
    let on_b = session.via(&b);
    assert_eq!(
        on_b.get(&format!("/api/workspaces/{ws}/document"))
            .await
            .text,
        session
            .get(&format!("/api/workspaces/{ws}/document"))
            .await
            .text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_process_killed_mid_load_loses_nothing_its_clients_retry_elsewhere() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let mut a = Server::start(&db);
    let b = Server::start(&db);
    let (session, _) = signed_in(&a, GLORIA).await;
    let start_head = session.head(&ws).await;
    let acked = Arc::new(AtomicUsize::new(0));
    let (clients, each) = (10, 30);
    let mut tasks = Vec::new();
    for i in 0..clients {
        // Most clients start on A; when A dies they go on through B.
        let targets = if i < 7 {
            vec![a.base.clone(), b.base.clone()]
        } else {
            vec![b.base.clone()]
        };
        tasks.push(tokio::spawn(client_run(
            session.clone(),
            targets,
            ws.clone(),
            format!("k{i}"),
            each,
            acked.clone(),
        )));
    }
    // kill -9 once a third is acknowledged, requests in flight.
    eventually("a third of the commands acknowledged", || {
        let acked = acked.clone();
        async move { acked.load(Ordering::SeqCst) >= clients * each / 3 }
    })
    .await;
    a.kill();
    let at_kill = acked.load(Ordering::SeqCst);
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    assert_eq!(all.len(), clients * each);
    assert!(at_kill < clients * each, "the kill came mid-load");
    check_log(&db, &session.via(&b), &ws, start_head, &all).await;
}

/// Makes the database unreachable for the server, then reachable again.
struct Outage<'a> {
    db: &'a Database,
    lock: Option<sqlx::AnyConnection>,
}

impl<'a> Outage<'a> {
    async fn begin(db: &'a Database) -> Outage<'a> {
        match db.kind {
            // PostgreSQL: no new connection is accepted and the open ones are cut.
            Kind::Postgres => {
                let name = db.pg_name();
                pg_admin(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false")).await;
                pg_admin(&format!(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
                ))
                .await;
                Outage { db, lock: None }
            }
            // SQLite: another process holds the file's write lock beyond the busy timeout.
            Kind::Sqlite => {
                use sqlx::Executor;
                let mut conn = db.connect().await;
                conn.execute("BEGIN EXCLUSIVE").await.unwrap();
                Outage {
                    db,
                    lock: Some(conn),
                }
            }
        }
    }

    async fn end(self) {
        match self.lock {
            Some(mut conn) => {
                use sqlx::Executor;
                conn.execute("ROLLBACK").await.unwrap();
            }
            None => {
                pg_admin(&format!(
                    "ALTER DATABASE {} ALLOW_CONNECTIONS true",
                    self.db.pg_name()
                ))
                .await;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_that_disappears_mid_run_gets_a_clear_503_and_nothing_half_written() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    let (session, _) = signed_in(&server, GLORIA).await;
    let start_head = session.head(&ws).await;
    let acked = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for i in 0..4 {
        tasks.push(tokio::spawn(client_run(
            session.clone(),
            vec![server.base.clone()],
            ws.clone(),
            format!("d{i}"),
            20,
            acked.clone(),
        )));
    }
    eventually("some commands acknowledged", || {
        let acked = acked.clone();
        async move { acked.load(Ordering::SeqCst) >= 15 }
    })
    .await;

    let outage = Outage::begin(&db).await;
    // While it lasts: a clear answer, and health says so.
    let resp = session
        .command(&ws, "during-outage", 0, offer("during-outage"))
        .await;
    assert_eq!(resp.status, 503, "{}", resp.text);
    assert_eq!(resp.error(), "database_unavailable");
    assert!(resp.json()["message"]
        .as_str()
        .unwrap()
        .contains("nothing was changed"));
    if db.kind == Kind::Postgres {
        let health = session.get("/api/health").await;
        assert_eq!(health.status, 503);
        assert_eq!(health.json()["status"], "unavailable");
    }
    outage.end().await;

    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    // The refused one, retried as a client does (a connection the outage cut may fail
    // once more): applied once now.
    let mut resp = session
        .command(&ws, "during-outage", 0, offer("during-outage"))
        .await;
    for _ in 0..50 {
        if resp.status != 503 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        resp = session
            .command(&ws, "during-outage", 0, offer("during-outage"))
            .await;
    }
    assert_eq!(resp.status, 200, "{}", resp.text);
    all.push(("during-outage".to_string(), resp.json()["event"].clone()));
    assert_eq!(session.get("/api/health").await.status, 200);
    check_log(&db, &session, &ws, start_head, &all).await;
    assert!(
        server.log().contains("database unavailable"),
        "the server says what happened: {}",
        server.log()
    );
}
