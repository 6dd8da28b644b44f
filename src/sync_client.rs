//! Shared mode in the browser (R-API-7, R-STATE-5, `docs/SYNC.md`): signing in and out, the
//! queue kept in local storage, the requests to `benefits-api` (gloo-net), its stream of
//! heads (the browser's `EventSource`), and the tabs of one profile working together. The
//! decisions on answers are `sync.rs`'s, tested natively.
//!
//! **One tab talks to the server.** Every tab of the app on this profile shares the stored
//! copy (the confirmed document, the queue, the changes not applied). The tab holding the
//! Web Lock `<namespace>:sync` sends the queue, pulls and listens to the stream; it is
//! released when that tab closes (or signs out), and the next tab waiting gets it, so a
//! queue left by a closed tab is sent by the next one open. Every tab applies its own
//! changes at once and appends them to the stored queue; the other tabs follow through the
//! browser's `storage` event (the queue, the confirmed document, the connection's state).
//! A browser without Web Locks lets every tab send: a change sent twice by two tabs has one
//! id, which the server applies once.

use crate::browser;
use crate::i18n;
use crate::storage::{Keys, SharedMark};
use crate::store::{Session, Shared, Store};
use crate::sync::{self, Link, Reason, Replica, Then};
use benefits_core::json::Json;
use benefits_core::{Command, DomainError, UserId, WorkspaceDoc};
use benefits_protocol::{
    codes, CommandAccepted, CommandRefused, CommandRequest, EventsPage, Invitation, NewInvitation,
    SessionInfo, SetPassword, SignIn, WorkspaceChoice,
};
use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// What the rest of the app calls of this module, once it has arrived (`load`).
#[derive(Clone, Copy)]
pub struct SyncFns {
    pub start: fn(Store),
    pub stop: fn(),
    pub propose: fn(&Store, Command) -> Result<(), DomainError>,
    pub sign_out: fn(Store),
    /// Through here rather than called, so that Account settings' module (local mode's
    /// too) does not carry this module's code.
    pub invite: fn(Store, UserId) -> InviteFuture,
}

/// What [`invite`] returns, boxed.
pub type InviteFuture =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Invitation, InviteProblem>>>>;

/// Fetches this module (the release build splits it out, like a page: local mode never
/// downloads it) and returns its entry points. `main.rs` awaits it before drawing the app in
/// shared mode; the service worker keeps it for offline reloads.
#[leptos::lazy]
pub fn load() -> SyncFns {
    SyncFns {
        start,
        stop,
        propose,
        sign_out: |store| leptos::task::spawn_local(sign_out(store)),
        invite: |store, user| Box::pin(invite(store, user)),
    }
}

thread_local! {
    static INSTALLED: Cell<Option<SyncFns>> = const { Cell::new(None) };
}

/// Makes the module's entry points available (after [`load`]).
pub fn install(fns: SyncFns) {
    INSTALLED.with(|i| i.set(Some(fns)));
}

/// The module's entry points, once loaded (shared mode only).
pub fn installed() -> Option<SyncFns> {
    INSTALLED.with(Cell::get)
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    /// Bumped whenever the signed-in user changes or the app is taken down: a request
    /// answered after that is ignored.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
    /// The listeners of the window (storage, online, offline, focus), removed at unmount.
    static LISTENERS: RefCell<Vec<WindowListenerHandle>> = const { RefCell::new(Vec::new()) };
}

/// The signed-in user's copy and what this tab does with it.
struct Client {
    store: Store,
    shared: Shared,
    keys: Keys,
    api: String,
    workspace: String,
    user: UserId,
    replica: Replica,
    /// The confirmed document's head as last written to storage.
    stored_head: Option<u64>,
    /// This tab holds the lock: it sends, pulls and listens.
    leader: bool,
    /// The loop of requests is running.
    running: bool,
    want_pull: bool,
    /// The whole document must be fetched (first sign-in here, or the log did not fit).
    want_document: bool,
    /// The server's session has been checked to be this user's since the loop started.
    session_checked: bool,
    failures: u32,
    retry: Option<TimeoutHandle>,
    stream: Option<Stream>,
    stream_failures: u32,
    /// Resolves the lock's promise: the lock goes to the next tab.
    release: Option<js_sys::Function>,
    link: Link,
}

struct Stream {
    source: web_sys::EventSource,
    _head: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.source.close();
    }
}

fn generation() -> u64 {
    GENERATION.with(Cell::get)
}

/// Runs `f` on the client, if there is one for this generation. Never called with the
/// borrow held across a signal's update or an `await`.
fn with_client<T>(f: impl FnOnce(&mut Client) -> T) -> Option<T> {
    CLIENT.with(|c| c.borrow_mut().as_mut().map(f))
}

// ------------------------------------------------------------------ finding the server

/// Whether the server of shared mode answers at `api` (`GET /api/health` gives its JSON; a
/// static host gives its page or a 404, an absent network an error). At most 5 seconds.
pub async fn probe(api: &str) -> bool {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let abort = controller.clone();
    let timer = set_timeout_with_handle(
        move || {
            if let Some(c) = abort {
                c.abort();
            }
        },
        Duration::from_secs(5),
    )
    .ok();
    let answer = Request::get(&format!("{api}/api/health"))
        .abort_signal(signal.as_ref())
        .send()
        .await;
    if let Some(t) = timer {
        t.clear();
    }
    let Ok(response) = answer else {
        return false;
    };
    let text = response.text().await.unwrap_or_default();
    Json::parse(&text).is_ok_and(|v| v.get("status").is_some() && v.get("database").is_some())
}

// ------------------------------------------------------------------ requests

/// An answer's status and text, or `None` when no answer came (the network, the server
/// down, the request refused by the browser).
struct Answer {
    status: u16,
    text: String,
    retry_after: Option<u64>,
}

async fn send(request: Result<gloo_net::http::Request, gloo_net::Error>) -> Option<Answer> {
    let response = request.ok()?.send().await.ok()?;
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|s| s.trim().parse().ok());
    Some(Answer {
        status: response.status(),
        text: response.text().await.ok()?,
        retry_after,
    })
}

fn json_body<T: serde::Serialize>(
    builder: RequestBuilder,
    body: &T,
) -> Result<gloo_net::http::Request, gloo_net::Error> {
    let text =
        serde_json::to_string(body).map_err(|e| gloo_net::Error::GlooError(e.to_string()))?;
    builder
        .header("content-type", "application/json")
        .body(text)
}

/// The API's `{"error": code, "message": …}`: the code, and the words.
fn problem(text: &str) -> (String, String) {
    let value = Json::parse(text).ok();
    let field = |name: &str| {
        value
            .as_ref()
            .and_then(|v| v.get(name))
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string()
    };
    (field("error"), field("message"))
}

/// A refusal with the engine's code (422, or 403 `no_role`), as a `DomainError`.
fn engine_refusal(text: &str) -> Option<DomainError> {
    let mut value = Json::parse(text).ok()?;
    let object = value.as_object_mut()?;
    let code = object.remove("error")?;
    object.insert("code".to_string(), code);
    sync::domain_error(value).ok()
}

fn session_of(info: SessionInfo) -> Session {
    Session {
        workspace: info.workspace,
        user: info.user,
        name: info.name,
    }
}

fn read_session(text: &str) -> Option<Session> {
    serde_json::from_str::<SessionInfo>(text)
        .ok()
        .map(session_of)
}

// ------------------------------------------------------------------ starting and stopping

/// Called once when the app is drawn in shared mode: listens to the browser, and picks up
/// where this browser left off (signed in: the stored copy at once, then the server).
pub fn start(store: Store) {
    let Some(shared) = store.shared else {
        return;
    };
    let listeners = vec![
        window_event_listener(leptos::ev::storage, move |ev| on_storage(store, &ev)),
        window_event_listener(leptos::ev::online, move |_| {
            with_client(|c| c.failures = 0);
            kick();
        }),
        window_event_listener(leptos::ev::offline, move |_| set_link(Link::Offline)),
        window_event_listener(leptos::ev::focus, move |_| pull_soon()),
        window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                pull_soon();
            }
        }),
    ];
    LISTENERS.with(|l| *l.borrow_mut() = listeners);
    let mark = read_mark(&store.keys());
    match mark.signed_in() {
        Some((workspace, user, name)) => begin(
            store,
            Session {
                workspace: workspace.to_string(),
                user: UserId::new(user),
                name: name.to_string(),
            },
        ),
        None => shared.session.set(None),
    }
}

/// The app is taken down (unmount): no more requests, listeners or lock.
pub fn stop() {
    end();
    LISTENERS.with(|l| {
        for listener in l.borrow_mut().drain(..) {
            listener.remove();
        }
    });
}

fn read_mark(keys: &Keys) -> SharedMark {
    browser::storage_get(&keys.shared())
        .ok()
        .flatten()
        .map(|t| SharedMark::from_json(&t))
        .unwrap_or_default()
}

fn write_mark(keys: &Keys, mark: &SharedMark) {
    let _ = browser::storage_set(&keys.shared(), &mark.to_json());
}

/// Remembers that this namespace is shared (`main.rs`, after the first probe), so that a
/// reload without a connection stays in shared mode.
pub fn remember_shared(keys: &Keys) {
    if browser::storage_get(&keys.shared())
        .ok()
        .flatten()
        .is_none()
    {
        write_mark(keys, &SharedMark::default());
    }
}

/// Reads what this browser keeps for `session` and starts working on it.
fn begin(store: Store, session: Session) {
    end();
    let Some(shared) = store.shared else {
        return;
    };
    let keys = store.keys();
    let (workspace, user) = (session.workspace.clone(), session.user.clone());
    let confirmed = browser::storage_get(&keys.confirmed(&workspace))
        .ok()
        .flatten()
        .and_then(|text| WorkspaceDoc::from_json(&text).ok());
    let ready = confirmed.is_some();
    let mut replica = Replica::new(confirmed.unwrap_or_default());
    replica.queue = read_list(
        &keys.queue(&workspace, user.as_str()),
        sync::queue_from_json,
    );
    replica.not_applied = read_list(
        &keys.not_applied(&workspace, user.as_str()),
        sync::not_applied_from_json,
    );
    let online = window().navigator().on_line();
    let link = if online {
        browser::storage_get(&keys.link(&workspace))
            .ok()
            .flatten()
            .and_then(|l| Link::from_name(&l))
            .unwrap_or_default()
    } else {
        Link::Offline
    };
    let view = replica.view();
    let waiting = replica.waiting();
    let not_applied = replica.not_applied.clone();
    let stored_head = ready.then(|| replica.confirmed.head());
    CLIENT.with(|c| {
        *c.borrow_mut() = Some(Client {
            store,
            shared,
            keys: keys.clone(),
            api: shared.api.get_value(),
            workspace: workspace.clone(),
            user: user.clone(),
            replica,
            stored_head,
            leader: false,
            running: false,
            want_pull: true,
            want_document: !ready,
            session_checked: false,
            failures: 0,
            retry: None,
            stream: None,
            stream_failures: 0,
            release: None,
            link,
        })
    });
    store.actor.set(user);
    store.doc.set(view);
    shared.waiting.set(waiting);
    shared.not_applied.set(not_applied);
    shared.ready.set(ready);
    shared.refused.set(None);
    shared.link.set(link);
    shared.session.set(Some(session));
    lead(&keys, &workspace);
}

/// A list kept in storage; one that cannot be read is kept aside (never written over) and
/// the list starts empty.
fn read_list<T>(key: &str, read: fn(&str) -> Result<Vec<T>, String>) -> Vec<T> {
    let Some(text) = browser::storage_get(key).ok().flatten() else {
        return Vec::new();
    };
    match read(&text) {
        Ok(list) => list,
        Err(e) => {
            let aside = format!("{key}:unreadable:{}", browser::now_utc());
            let _ = browser::storage_set(&aside, &text);
            leptos::logging::error!("{key} could not be read ({e}); kept as {aside}");
            Vec::new()
        }
    }
}

/// Stops working on the current user's copy (what is stored stays).
fn end() {
    GENERATION.with(|g| g.set(g.get() + 1));
    let old = CLIENT.with(|c| c.borrow_mut().take());
    if let Some(mut client) = old {
        if let Some(retry) = client.retry.take() {
            retry.clear();
        }
        client.stream = None;
        if let Some(release) = client.release.take() {
            let _ = release.call0(&JsValue::NULL);
        }
    }
}

/// Asks for the lock that makes this tab the one that talks to the server.
fn lead(keys: &Keys, workspace: &str) {
    let generation = generation();
    let locks = js_sys::Reflect::get(&window().navigator(), &"locks".into())
        .ok()
        .filter(|l| !l.is_undefined() && !l.is_null());
    let request = locks.as_ref().and_then(|locks| {
        js_sys::Reflect::get(locks, &"request".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    let (Some(locks), Some(request)) = (locks, request) else {
        become_leader(generation, None);
        return;
    };
    let granted = Closure::once_into_js(move |_lock: JsValue| -> js_sys::Promise {
        // Held until this promise settles: when this tab stops or closes.
        js_sys::Promise::new(&mut |resolve, _| {
            if generation == self::generation() {
                become_leader(generation, Some(resolve));
            } else {
                let _ = resolve.call0(&JsValue::NULL);
            }
        })
    });
    let name = format!("{}:{workspace}:sync", keys.shared());
    let _ = request.call2(&locks, &name.into(), &granted);
}

fn become_leader(generation: u64, release: Option<js_sys::Function>) {
    let taken = with_client(|c| {
        c.leader = true;
        c.release = release.clone();
        c.want_pull = true;
    });
    if taken.is_none() || generation != self::generation() {
        if let Some(r) = release {
            let _ = r.call0(&JsValue::NULL);
        }
        return;
    }
    open_stream();
    kick();
}

// ------------------------------------------------------------------ the stream

fn open_stream() {
    let generation = generation();
    let Some(url) = with_client(|c| {
        (c.leader && c.stream.is_none())
            .then(|| format!("{}/api/workspaces/{}/stream", c.api, c.workspace))
    })
    .flatten() else {
        return;
    };
    let Ok(source) = web_sys::EventSource::new(&url) else {
        return;
    };
    let head =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            if generation != self::generation() {
                return;
            }
            let head = ev
                .data()
                .as_string()
                .and_then(|d| Json::parse(&d).ok())
                .and_then(|v| v.get("head").and_then(Json::as_u64));
            let behind = with_client(|c| {
                c.stream_failures = 0;
                head.is_some_and(|h| h > c.replica.confirmed.head())
            });
            if behind == Some(true) {
                pull_soon();
            }
        });
    let error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if generation != self::generation() {
            return;
        }
        // While CONNECTING the browser tries again by itself; CLOSED means the server
        // refused the stream (signed out, no role): a request says which, and the stream
        // is opened again after a pause.
        let closed = with_client(|c| {
            let closed = c
                .stream
                .as_ref()
                .is_some_and(|s| s.source.ready_state() == web_sys::EventSource::CLOSED);
            if closed {
                c.stream = None;
                c.stream_failures += 1;
            }
            closed.then_some(c.stream_failures)
        })
        .flatten();
        // Either way a pull says whether the server is there (the header goes offline if
        // not, and back online with the events missed meanwhile once it is).
        pull_soon();
        if let Some(failures) = closed {
            set_timeout(
                move || {
                    if generation == self::generation() {
                        open_stream();
                    }
                },
                Duration::from_millis(u64::from(sync::retry_after_ms(failures))),
            );
        }
    });
    let _ = source.add_event_listener_with_callback("head", head.as_ref().unchecked_ref());
    let _ = source.add_event_listener_with_callback("error", error.as_ref().unchecked_ref());
    with_client(|c| {
        c.stream = Some(Stream {
            source,
            _head: head,
            _error: error,
        })
    });
}

// ------------------------------------------------------------------ the loop of requests

fn pull_soon() {
    with_client(|c| c.want_pull = true);
    kick();
}

/// Starts the loop of requests if this tab leads and it is not running.
fn kick() {
    let start = with_client(|c| {
        if let Some(retry) = c.retry.take() {
            retry.clear();
        }
        if c.leader && !c.running {
            c.running = true;
            c.session_checked = false;
            true
        } else {
            false
        }
    });
    if start == Some(true) {
        let generation = generation();
        leptos::task::spawn_local(run(generation));
    }
}

/// What the loop does next.
enum Step {
    Session(String),
    Document(String),
    Send {
        url: String,
        id: String,
        body: Result<String, String>,
    },
    Pull(String),
    Idle,
}

impl Client {
    fn next_step(&mut self) -> Step {
        let base = format!("{}/api/workspaces/{}", self.api, self.workspace);
        if !self.session_checked {
            // The session cookie is the origin's: another app on this origin (another
            // namespace) may have signed in someone else since. Changes are only ever sent
            // under the session of the person who made them.
            return Step::Session(format!("{}/api/session", self.api));
        }
        if self.want_document {
            return Step::Document(format!("{base}/document"));
        }
        self.refresh_lists();
        if let Some((pending, head)) = self.replica.next() {
            let request = CommandRequest {
                id: pending.id.clone(),
                base: head,
                command: pending.command.clone(),
            };
            return Step::Send {
                url: format!("{base}/commands"),
                id: pending.id.clone(),
                body: serde_json::to_string(&request).map_err(|e| e.to_string()),
            };
        }
        if self.want_pull {
            self.want_pull = false;
            return Step::Pull(format!(
                "{base}/events?after={}",
                self.replica.confirmed.head()
            ));
        }
        Step::Idle
    }

    /// The queue and the changes not applied as stored now: another tab may have added
    /// a change, or dismissed one, since this tab last read them.
    fn refresh_lists(&mut self) {
        self.replica.queue = read_list(
            &self.keys.queue(&self.workspace, self.user.as_str()),
            sync::queue_from_json,
        );
        self.replica.not_applied = read_list(
            &self.keys.not_applied(&self.workspace, self.user.as_str()),
            sync::not_applied_from_json,
        );
    }

    /// Writes the copy (the document only when its head moved), and returns what the
    /// signals show.
    fn save(&mut self) -> (WorkspaceDoc, usize, Vec<sync::NotApplied>) {
        let head = self.replica.confirmed.head();
        if self.stored_head != Some(head) {
            if let Ok(json) = self.replica.confirmed.to_json() {
                if browser::storage_set(&self.keys.confirmed(&self.workspace), &json).is_ok() {
                    self.stored_head = Some(head);
                }
            }
        }
        let user = self.user.as_str();
        let _ = browser::storage_set(
            &self.keys.queue(&self.workspace, user),
            &sync::queue_to_json(&self.replica.queue),
        );
        let _ = browser::storage_set(
            &self.keys.not_applied(&self.workspace, user),
            &sync::not_applied_to_json(&self.replica.not_applied),
        );
        (
            self.replica.view(),
            self.replica.waiting(),
            self.replica.not_applied.clone(),
        )
    }

    fn follow(&mut self, then: Then) {
        match then {
            Then::UpToDate => {}
            Then::Pull => self.want_pull = true,
            Then::Refetch => self.want_document = true,
        }
    }
}

/// Shows the copy after a change to it (the borrow is released first).
fn show(
    store: Store,
    shared: Shared,
    (view, waiting, not_applied): (WorkspaceDoc, usize, Vec<sync::NotApplied>),
) {
    store.doc.set(view);
    shared.waiting.set(waiting);
    shared.not_applied.set(not_applied);
}

fn set_link(link: Link) {
    let changed = with_client(|c| {
        if c.link == link {
            return None;
        }
        c.link = link;
        if c.leader {
            let _ = browser::storage_set(&c.keys.link(&c.workspace), link.name());
        }
        Some(c.shared)
    })
    .flatten();
    if let Some(shared) = changed {
        shared.link.set(link);
    }
}

/// What one request came to, for the loop.
enum Next {
    Continue,
    /// No answer, or the server in trouble: try again after a pause.
    Wait,
    /// Signed out (401): ask to sign in again; everything stays.
    SignedOut,
    /// The server will not show this user the workspace (403).
    Refused(DomainError),
}

async fn run(generation: u64) {
    loop {
        if generation != self::generation() {
            return;
        }
        let Some(step) = with_client(|c| c.next_step()) else {
            return;
        };
        if matches!(step, Step::Idle) {
            with_client(|c| {
                c.running = false;
                c.failures = 0;
            });
            set_link(Link::Online);
            return;
        }
        set_link(Link::Syncing);
        let next = match step {
            Step::Session(url) => check_session(generation, &url).await,
            Step::Document(url) => fetch_document(generation, &url).await,
            Step::Send { url, id, body } => command(generation, &url, &id, body).await,
            Step::Pull(url) => pull(generation, &url).await,
            Step::Idle => Next::Continue,
        };
        if generation != self::generation() {
            return;
        }
        match next {
            Next::Continue => {}
            Next::Wait => {
                let failures = with_client(|c| {
                    c.failures += 1;
                    c.running = false;
                    c.failures
                })
                .unwrap_or(1);
                set_link(Link::Offline);
                let retry = set_timeout_with_handle(
                    move || {
                        if generation == self::generation() {
                            kick();
                        }
                    },
                    Duration::from_millis(u64::from(sync::retry_after_ms(failures))),
                )
                .ok();
                with_client(|c| c.retry = retry);
                return;
            }
            Next::SignedOut => {
                signed_out();
                return;
            }
            Next::Refused(error) => {
                let shared = with_client(|c| {
                    c.running = false;
                    c.shared
                });
                if let Some(shared) = shared {
                    shared.refused.set(Some(error));
                }
                set_link(Link::Online);
                return;
            }
        }
    }
}

/// What the statuses every request may get mean for the loop; `None` for the statuses the
/// request handles itself.
fn common(answer: &Option<Answer>) -> Option<Next> {
    let Some(answer) = answer else {
        return Some(Next::Wait);
    };
    match answer.status {
        401 => Some(Next::SignedOut),
        403 => Some(match engine_refusal(&answer.text) {
            // Another workspace's session (signed in elsewhere meanwhile): sign in again.
            None => Next::SignedOut,
            Some(e) => Next::Refused(e),
        }),
        // The server or a proxy in trouble, or something this app does not expect: wait
        // and try again, keeping everything.
        s if s >= 500 || s == 404 || s == 405 || s == 408 || s == 429 => Some(Next::Wait),
        _ => None,
    }
}

async fn check_session(generation: u64, url: &str) -> Next {
    let answer = send(Request::get(url).build()).await;
    if let Some(next) = common(&answer) {
        return next;
    }
    let answer = answer.expect("handled by common");
    if generation != self::generation() {
        return Next::Continue;
    }
    let same = read_session(&answer.text).and_then(|session| {
        with_client(|c| session.workspace == c.workspace && session.user == c.user)
    });
    match (answer.status, same) {
        (200, Some(true)) => {
            with_client(|c| c.session_checked = true);
            Next::Continue
        }
        // Someone else is signed in on this origin now: this user signs in again.
        (200, _) => Next::SignedOut,
        _ => Next::Wait,
    }
}

async fn fetch_document(generation: u64, url: &str) -> Next {
    let answer = send(Request::get(url).build()).await;
    if let Some(next) = common(&answer) {
        return next;
    }
    let answer = answer.expect("handled by common");
    let doc = match (answer.status, WorkspaceDoc::from_json(&answer.text)) {
        (200, Ok(doc)) => doc,
        _ => return Next::Wait,
    };
    if generation != self::generation() {
        return Next::Continue;
    }
    let shown = with_client(|c| {
        c.replica.replace_confirmed(doc);
        c.want_document = false;
        c.want_pull = true;
        let shown = c.save();
        (c.store, c.shared, shown)
    });
    if let Some((store, shared, shown)) = shown {
        show(store, shared, shown);
        shared.ready.set(true);
    }
    Next::Continue
}

async fn pull(generation: u64, url: &str) -> Next {
    let answer = send(Request::get(url).build()).await;
    if let Some(next) = common(&answer) {
        return next;
    }
    let answer = answer.expect("handled by common");
    let page = match (answer.status, EventsPage::from_json(&answer.text)) {
        (200, Ok(page)) => page,
        // A base beyond the head (the server's database was replaced): fetch it all again.
        (400, _) => {
            with_client(|c| c.want_document = true);
            return Next::Continue;
        }
        _ => return Next::Wait,
    };
    if generation != self::generation() {
        return Next::Continue;
    }
    let shown = with_client(|c| {
        c.refresh_lists();
        let then = c.replica.pulled(page);
        c.follow(then);
        (c.store, c.shared, c.save())
    });
    if let Some((store, shared, shown)) = shown {
        show(store, shared, shown);
    }
    Next::Continue
}

async fn command(generation: u64, url: &str, id: &str, body: Result<String, String>) -> Next {
    let body = match body {
        Ok(body) => body,
        Err(message) => {
            // Cannot even be written: a defect, said in "Changes not applied".
            settle(id, |r| {
                r.not_applied_because(
                    id,
                    Reason::Rejected {
                        status: 0,
                        code: "unwritable".to_string(),
                        message,
                    },
                );
                Then::UpToDate
            });
            return Next::Continue;
        }
    };
    let request = Request::post(url)
        .header("content-type", "application/json")
        .body(body);
    let answer = send(request).await;
    if generation != self::generation() {
        return Next::Continue;
    }
    if let Some(answer) = &answer {
        if answer.status == 403 {
            if let Some(error) = engine_refusal(&answer.text) {
                // Not this user's to do any more (their role was taken away, say).
                settle(id, |r| {
                    r.not_applied_because(id, Reason::Refused(error));
                    Then::Pull
                });
                return Next::Continue;
            }
        }
    }
    if let Some(next) = common(&answer) {
        return next;
    }
    let answer = answer.expect("handled by common");
    match answer.status {
        200 => match CommandAccepted::from_json(&answer.text) {
            Ok(accepted) => settle(id, |r| r.accepted(id, accepted)),
            Err(_) => return Next::Wait,
        },
        422 => match CommandRefused::from_json(&answer.text) {
            Ok(refused) => settle(id, |r| r.refused(id, refused)),
            Err(_) => return Next::Wait,
        },
        400 | 409 | 413 | 415 => {
            let (code, message) = problem(&answer.text);
            settle(id, |r| {
                r.not_applied_because(
                    id,
                    Reason::Rejected {
                        status: answer.status,
                        code,
                        message,
                    },
                );
                Then::UpToDate
            });
        }
        _ => return Next::Wait,
    }
    Next::Continue
}

/// Applies an answer to the copy (the lists read fresh first), stores it and shows it.
fn settle(_id: &str, answer: impl FnOnce(&mut Replica) -> Then) {
    let shown = with_client(|c| {
        c.refresh_lists();
        let then = answer(&mut c.replica);
        c.follow(then);
        c.failures = 0;
        (c.store, c.shared, c.save())
    });
    if let Some((store, shared, shown)) = shown {
        show(store, shared, shown);
    }
}

/// 401: the session ended (signed out elsewhere, expired, the user disabled). The copy
/// and the queue stay; the sign-in page is shown in every tab, and once the same person
/// signs in again the queue is sent.
fn signed_out() {
    let found = with_client(|c| (c.store, c.keys.clone()));
    end();
    if let Some((store, keys)) = found {
        let mut mark = read_mark(&keys);
        mark.user = None;
        mark.name = None;
        write_mark(&keys, &mark);
        if let Some(shared) = store.shared {
            shared.session.set(None);
            shared.expired.set(true);
        }
    }
}

// ------------------------------------------------------------------ the partner's changes

/// A change made in shared mode: applied at once to what the partner sees, added to the
/// stored queue, and sent by the tab that talks to the server.
pub fn propose(store: &Store, command: Command) -> Result<(), DomainError> {
    let now = browser::now_utc();
    let id = browser::random_id();
    let result = with_client(|c| {
        c.refresh_lists();
        let user = c.user.clone();
        let mut view = store.doc.get_untracked();
        c.replica
            .propose(&mut view, id, &user, now, command)
            .map(|()| {
                let _ = browser::storage_set(
                    &c.keys.queue(&c.workspace, user.as_str()),
                    &sync::queue_to_json(&c.replica.queue),
                );
                (view, c.replica.waiting(), c.shared)
            })
    });
    match result {
        None => Err(DomainError::new(
            benefits_core::ErrorCode::UnknownActor,
            i18n::pick(
                "Sign in first: changes are made as the person signed in.",
                "Connectez-vous d'abord : les modifications sont faites au nom de la personne connectée.",
            ),
        )),
        Some(Err(e)) => Err(e),
        Some(Ok((view, waiting, shared))) => {
            store.doc.set(view);
            shared.waiting.set(waiting);
            kick();
            Ok(())
        }
    }
}

/// The partner dismissed a change not applied.
pub fn dismiss(id: &str) {
    let shown = with_client(|c| {
        c.refresh_lists();
        c.replica.dismiss(id);
        let _ = browser::storage_set(
            &c.keys.not_applied(&c.workspace, c.user.as_str()),
            &sync::not_applied_to_json(&c.replica.not_applied),
        );
        (c.shared, c.replica.not_applied.clone())
    });
    if let Some((shared, list)) = shown {
        shared.not_applied.set(list);
    }
}

// ------------------------------------------------------------------ other tabs

/// Another tab wrote something this tab shows.
fn on_storage(store: Store, ev: &web_sys::StorageEvent) {
    let Some(key) = ev.key() else {
        return;
    };
    let keys = store.keys();
    if key == keys.shared() {
        // Signed in or out in another tab (the session cookie is the profile's).
        let mark = read_mark(&keys);
        let now = store.shared.and_then(|s| s.session.get_untracked());
        match (mark.signed_in(), now) {
            (Some((w, u, _)), Some(s)) if s.workspace == w && s.user.as_str() == u => {}
            (Some((w, u, name)), _) => begin(
                store,
                Session {
                    workspace: w.to_string(),
                    user: UserId::new(u),
                    name: name.to_string(),
                },
            ),
            (None, Some(_)) => {
                end();
                if let Some(shared) = store.shared {
                    shared.session.set(None);
                }
            }
            (None, None) => {}
        }
        return;
    }
    let shown = with_client(|c| {
        let user = c.user.as_str();
        if key == c.keys.confirmed(&c.workspace) && !c.leader {
            let doc = ev
                .new_value()
                .and_then(|text| WorkspaceDoc::from_json(&text).ok());
            let doc = doc?;
            c.stored_head = Some(doc.head());
            c.replica.replace_confirmed(doc);
            c.want_document = false;
        } else if key == c.keys.queue(&c.workspace, user)
            || key == c.keys.not_applied(&c.workspace, user)
        {
            c.refresh_lists();
        } else if key == c.keys.link(&c.workspace) && !c.leader {
            let link = ev.new_value().and_then(|l| Link::from_name(&l))?;
            c.link = link;
            c.shared.link.set(link);
            return None;
        } else {
            return None;
        }
        Some((
            c.store,
            c.shared,
            (
                c.replica.view(),
                c.replica.waiting(),
                c.replica.not_applied.clone(),
            ),
            c.replica.confirmed.head() > 0,
        ))
    })
    .flatten();
    if let Some((store, shared, shown, ready)) = shown {
        show(store, shared, shown);
        if ready {
            shared.ready.set(true);
        }
        // A change another tab queued: this one sends it if it leads.
        kick();
    }
}

// ------------------------------------------------------------------ signing in

/// Why signing in did not work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInProblem {
    /// 401: the same words for a wrong email, a wrong password and a disabled user.
    Wrong,
    /// 429: try again after this many seconds.
    TooMany { seconds: u64 },
    /// 409: the person has an account in several workspaces.
    Choose(Vec<WorkspaceChoice>),
    /// No answer: the server or the network.
    Unreachable,
    /// Anything else, in the server's words.
    Other(String),
}

fn url(store: &Store, path: &str) -> String {
    let api = store.shared.map(|s| s.api.get_value()).unwrap_or_default();
    format!("{api}{path}")
}

/// Signs in (`POST /api/session`); on success every tab of this profile opens the
/// workspace as that person.
pub async fn sign_in(
    store: Store,
    email: String,
    password: String,
    workspace: Option<String>,
) -> Result<(), SignInProblem> {
    let body = SignIn {
        workspace,
        email,
        password,
    };
    let answer = send(json_body(
        Request::post(&url(&store, "/api/session")),
        &body,
    ))
    .await;
    let answer = answer.ok_or(SignInProblem::Unreachable)?;
    match answer.status {
        200 => {
            let session = read_session(&answer.text)
                .ok_or_else(|| SignInProblem::Other(answer.text.clone()))?;
            signed_in(store, session);
            Ok(())
        }
        401 => Err(SignInProblem::Wrong),
        429 => Err(SignInProblem::TooMany {
            seconds: answer.retry_after.unwrap_or(900),
        }),
        409 => {
            let choices = serde_json::from_str::<benefits_protocol::ChooseWorkspace>(&answer.text)
                .map_err(|e| SignInProblem::Other(e.to_string()))?;
            Err(SignInProblem::Choose(choices.workspaces))
        }
        s if s >= 500 => Err(SignInProblem::Unreachable),
        _ => Err(SignInProblem::Other(problem(&answer.text).1)),
    }
}

fn signed_in(store: Store, session: Session) {
    let keys = store.keys();
    write_mark(
        &keys,
        &SharedMark {
            workspace: Some(session.workspace.clone()),
            user: Some(session.user.as_str().to_string()),
            name: Some(session.name.clone()),
        },
    );
    if let Some(shared) = store.shared {
        shared.expired.set(false);
    }
    begin(store, session);
}

/// Signs out here and on the server (`DELETE /api/session`). The queue stays in this
/// browser, sent when the same person signs in again.
pub async fn sign_out(store: Store) {
    let keys = store.keys();
    // The workspace's copy goes (a shared computer keeps nothing of it); the queue stays,
    // for the same person's next sign-in here.
    if let Some(session) = store.shared.and_then(|s| s.session.get_untracked()) {
        let _ = browser::storage_remove(&keys.confirmed(&session.workspace));
        let _ = browser::storage_remove(&keys.link(&session.workspace));
    }
    let mut mark = read_mark(&keys);
    mark.user = None;
    mark.name = None;
    write_mark(&keys, &mark);
    end();
    if let Some(shared) = store.shared {
        shared.session.set(None);
        shared.expired.set(false);
    }
    store.doc.set(WorkspaceDoc::new());
    // Without a connection the server's session ends by itself (12 hours unused); the next
    // sign-in replaces it.
    let _ = send(Request::delete(&url(&store, "/api/session")).build()).await;
}

/// Why an invitation's password was not set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvitationProblem {
    /// 404: unknown, used, replaced or expired.
    Invalid,
    TooShort,
    TooLong,
    Disabled,
    Unreachable,
    Other(String),
}

/// Sets the invited person's password (`POST /api/invitations/{token}`), which signs them in.
pub async fn accept_invitation(
    store: Store,
    token: &str,
    password: String,
) -> Result<(), InvitationProblem> {
    let token: String = token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let answer = send(json_body(
        Request::post(&url(&store, &format!("/api/invitations/{token}"))),
        &SetPassword { password },
    ))
    .await
    .ok_or(InvitationProblem::Unreachable)?;
    match answer.status {
        200 => {
            let session = read_session(&answer.text)
                .ok_or_else(|| InvitationProblem::Other(answer.text.clone()))?;
            signed_in(store, session);
            Ok(())
        }
        404 => Err(InvitationProblem::Invalid),
        400 => Err(match problem(&answer.text).0.as_str() {
            codes::PASSWORD_TOO_SHORT => InvitationProblem::TooShort,
            codes::PASSWORD_TOO_LONG => InvitationProblem::TooLong,
            _ => InvitationProblem::Other(problem(&answer.text).1),
        }),
        422 => Err(InvitationProblem::Disabled),
        s if s >= 500 => Err(InvitationProblem::Unreachable),
        _ => Err(InvitationProblem::Other(problem(&answer.text).1)),
    }
}

/// Why an invitation was not made.
#[derive(Debug, Clone, PartialEq)]
pub enum InviteProblem {
    /// The engine's refusal (not a Global admin or User admin, the user disabled…).
    Refused(DomainError),
    Unreachable,
    SignedOut,
    Other(String),
}

/// Creates an invitation for `user` (`POST …/invitations`): the token, shown once.
pub async fn invite(store: Store, user: UserId) -> Result<Invitation, InviteProblem> {
    let workspace = store
        .shared
        .and_then(|s| s.session.get_untracked())
        .map(|s| s.workspace)
        .ok_or(InviteProblem::SignedOut)?;
    let answer = send(json_body(
        Request::post(&url(
            &store,
            &format!("/api/workspaces/{workspace}/invitations"),
        )),
        &NewInvitation { user },
    ))
    .await
    .ok_or(InviteProblem::Unreachable)?;
    match answer.status {
        200 => serde_json::from_str::<Invitation>(&answer.text)
            .map_err(|e| InviteProblem::Other(e.to_string())),
        401 => {
            signed_out();
            Err(InviteProblem::SignedOut)
        }
        403 | 422 => Err(match engine_refusal(&answer.text) {
            Some(e) => InviteProblem::Refused(e),
            None => InviteProblem::Other(problem(&answer.text).1),
        }),
        s if s >= 500 => Err(InviteProblem::Unreachable),
        _ => Err(InviteProblem::Other(problem(&answer.text).1)),
    }
}
