//! `benefits-api serve`: the database opened, the port taken, then requests until a signal
//! (Ctrl+C or SIGTERM) stops it gracefully.

use crate::db;
use crate::http::{self, App};
use crate::store::Store;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Semaphore};

/// How often each process looks for events other processes appended, so that its open
/// streams hear of them (a process's own events are announced at once).
const WATCH_EVERY: Duration = Duration::from_millis(250);
/// How often expired sessions, invitations and old sign-in failures are deleted.
const FORGET_EVERY: Duration = Duration::from_secs(600);

pub struct ServeOptions {
    pub database: String,
    pub listen: String,
    pub static_dir: Option<PathBuf>,
    pub public_url: Option<String>,
    pub trust_forwarded_for: bool,
}

/// A server ready to run: its port is taken and its database open.
pub struct Ready {
    listener: tokio::net::TcpListener,
    app: Arc<App>,
    stop: watch::Sender<bool>,
    pub address: SocketAddr,
}

/// Checks the options, opens the database and takes the port. The error is one line.
pub async fn prepare(options: ServeOptions) -> Result<Ready, String> {
    let listen: SocketAddr = options.listen.parse().map_err(|_| {
        format!(
            "invalid --listen address \"{}\": give an IP address and a port, e.g. 127.0.0.1:8080",
            options.listen
        )
    })?;
    let secure_cookies = match options.public_url.as_deref() {
        None => false,
        Some(url) if url.starts_with("https://") => true,
        Some(url) if url.starts_with("http://") => false,
        Some(url) => {
            return Err(format!(
                "invalid --public-url \"{url}\": give the address people open, starting with https:// (or http://)"
            ))
        }
    };
    if let Some(dir) = &options.static_dir {
        if !dir.join("index.html").is_file() {
            return Err(format!(
                "--static {}: no index.html there (build the app first: trunk build --release)",
                dir.display()
            ));
        }
    }
    let db = db::open(&options.database).await?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let (stop, stopping) = watch::channel(false);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let app = Arc::new(App {
        store: Store::new(db),
        secure_cookies,
        trust_forwarded_for: options.trust_forwarded_for,
        hashing: Semaphore::new(threads),
        static_dir: options.static_dir,
        stopping,
    });
    Ok(Ready {
        listener,
        app,
        stop,
        address,
    })
}

impl Ready {
    pub fn backend(&self) -> &'static str {
        self.app.store.db.backend().name()
    }

    /// Serves until `shutdown` completes.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), String> {
        let watcher = tokio::spawn(watch_heads(self.app.clone()));
        let stop = self.stop;
        let router = http::router(self.app.clone());
        let result = axum::serve(
            self.listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            shutdown.await;
            // Open streams end, so that the graceful shutdown does not wait for them.
            let _ = stop.send(true);
        })
        .await;
        watcher.abort();
        self.app.store.db.close().await;
        result.map_err(|e| format!("the server stopped: {e}"))
    }
}

/// Announces heads other processes reached, and forgets what expired.
async fn watch_heads(app: Arc<App>) {
    let mut last_forget = tokio::time::Instant::now() - FORGET_EVERY;
    let mut interval = tokio::time::interval(WATCH_EVERY);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        for ws in app.store.loaded() {
            match app.store.db.head(&ws.id).await {
                Ok(head) => {
                    let head = head as u64;
                    ws.head.send_if_modified(|h| {
                        let newer = head > *h;
                        if newer {
                            *h = head;
                        }
                        newer
                    });
                }
                Err(e) => tracing::debug!("watching heads: {e}"),
            }
        }
        if last_forget.elapsed() >= FORGET_EVERY {
            last_forget = tokio::time::Instant::now();
            let now = http::now_ms();
            let result = app
                .store
                .db
                .forget_expired(
                    now - crate::auth::SESSION_IDLE.as_millis() as i64,
                    now - crate::auth::SESSION_MAX.as_millis() as i64,
                    now,
                    now - crate::auth::FAILURE_WINDOW.as_millis() as i64,
                )
                .await;
            if let Err(e) = result {
                tracing::debug!("forgetting expired sessions: {e}");
            }
        }
    }
}

/// Ctrl+C or SIGTERM.
pub async fn signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
