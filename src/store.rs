//! The app's state: the workspace document, the acting user and the language, held in
//! signals and given to every page through the context.
//!
//! One path changes the workspace: [`Store::dispatch`]. It hands the command to
//! `benefits_core` under the acting user and the current time; a refusal comes back as the
//! engine's `DomainError` and changes nothing (not even a re-render); an accepted command is
//! saved to local storage at once, and a storage failure is reported, never swallowed.
//!
//! Two tabs (R-STATE-5): before saving, a tab reads the stored revision; when another tab
//! saved since, it takes that newer document and applies its change on it, so neither
//! overwrites the other; a `storage` event shows the other tab's change without a reload.
//!
//! Shared mode (R-API-7): the document shown is the server's confirmed document with this
//! user's queued changes on top (`sync.rs`); a change goes to the queue through
//! `sync_client.rs`, which sends it.

use crate::browser::{self, StorageError};
use crate::i18n::{self, Lang};
use crate::storage::{self, Keys, Loaded, SharedMark};
use crate::sync::{Link, NotApplied};
use benefits_core::{demo, Command, DomainError, LoadError, UserId, WorkspaceDoc};
use leptos::prelude::*;

/// Where the workspace lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// In this browser's local storage only (static hosting, or embedded without `api`).
    Local,
    /// On a `benefits-api` server: `api` is the address its endpoints start with (`""` on
    /// the app's own origin, `/benefits-api`…), followed by `/api/…`.
    Shared { api: String },
}

/// Who is signed in (shared mode).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub workspace: String,
    pub user: UserId,
    pub name: String,
}

/// Shared mode's state, for the header and the pages.
#[derive(Clone, Copy)]
pub struct Shared {
    /// The server's address (`Mode::Shared`).
    pub api: StoredValue<String>,
    /// `None`: the sign-in page is shown.
    pub session: RwSignal<Option<Session>>,
    pub link: RwSignal<Link>,
    /// How many changes wait for the server (the header's `data-pending`).
    pub waiting: RwSignal<usize>,
    pub not_applied: RwSignal<Vec<NotApplied>>,
    /// The confirmed document is in this browser (false on a first sign-in until it
    /// arrives).
    pub ready: RwSignal<bool>,
    /// The server will not show this user the workspace (403: no role, disabled): its
    /// words, in place of every page.
    pub refused: RwSignal<Option<DomainError>>,
    /// The session ended while signed in (401): the sign-in page says so.
    pub expired: RwSignal<bool>,
}

/// Something about storage the partner must know (shown in a banner until dismissed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageNotice {
    /// The stored workspace could not be read (`error` says why, in any language); it was
    /// kept under `backup_key`.
    Unreadable {
        error: LoadError,
        backup_key: String,
    },
    /// The stored workspace could not be read and could not even be kept aside; it is
    /// still in place under the main key, which the app will not overwrite this session.
    UnreadableNotKept { error: LoadError },
    /// Saving failed (full or blocked storage): the change is in this tab only.
    SaveFailed { reason: String },
}

#[derive(Clone, Copy)]
pub struct Store {
    pub doc: RwSignal<WorkspaceDoc>,
    pub actor: RwSignal<UserId>,
    pub lang: RwSignal<Lang>,
    pub notice: RwSignal<Option<StorageNotice>>,
    keys: StoredValue<Keys>,
    /// False while an unreadable document sits under the main key and could not be copied
    /// aside: then nothing may be written over it.
    may_save: RwSignal<bool>,
    /// The language last chosen; `lang` follows once its texts are loaded.
    chosen_lang: StoredValue<Lang>,
    /// Local mode: the stored workspace's revision this tab last read or wrote.
    revision: StoredValue<Option<String>>,
    /// Shared mode's state; `None` in local mode.
    pub shared: Option<Shared>,
}

impl Store {
    /// Reads storage and builds the store: in local mode the stored workspace (the first
    /// open shows the demo workspace); in shared mode what this browser keeps of the
    /// server's (`sync_client::start` then talks to the server).
    pub fn load(namespace: &str, mode: &Mode) -> Store {
        match mode {
            Mode::Local => Store::load_local(namespace),
            Mode::Shared { api } => Store::load_shared(namespace, api),
        }
    }

    fn load_local(namespace: &str) -> Store {
        let keys = Keys::new(namespace);
        let today = browser::today();
        let mut notice = None;
        let mut may_save = true;
        let stored = browser::storage_get(&keys.workspace()).unwrap_or_else(|e| {
            notice = Some(StorageNotice::SaveFailed { reason: e.0 });
            None
        });
        let doc = match storage::load(stored, today) {
            Loaded::FirstOpen(doc) | Loaded::Stored(doc) => doc,
            Loaded::Unreadable { demo, raw, error } => {
                let backup_key = keys.unreadable_backup(&browser::now_utc().to_string());
                notice = Some(match browser::storage_set(&backup_key, &raw) {
                    Ok(()) => StorageNotice::Unreadable { error, backup_key },
                    Err(_) => {
                        may_save = false;
                        StorageNotice::UnreadableNotKept { error }
                    }
                });
                demo
            }
        };
        let lang = stored_lang(&keys);
        let actor = browser::storage_get(&keys.acting_user())
            .ok()
            .flatten()
            .map(UserId::new)
            .filter(|id| doc.workspace().user(id).is_some())
            .or_else(|| first_user_who_can_view(&doc))
            .unwrap_or_else(|| UserId::new(demo::GLORIA));
        let revision = browser::storage_get(&keys.workspace_revision())
            .ok()
            .flatten();
        Store::new(doc, actor, notice, keys, may_save, lang, revision, None)
    }

    /// Shared mode: nothing of the local workspace is read or written; the document is
    /// what this browser keeps of the server's, with this user's queue on top, or empty
    /// until someone signs in.
    fn load_shared(namespace: &str, api: &str) -> Store {
        let keys = Keys::new(namespace);
        let lang = stored_lang(&keys);
        let mark = browser::storage_get(&keys.shared())
            .ok()
            .flatten()
            .map(|t| SharedMark::from_json(&t))
            .unwrap_or_default();
        let shared = Shared {
            api: StoredValue::new(api.to_string()),
            session: RwSignal::new(None),
            link: RwSignal::new(Link::Online),
            waiting: RwSignal::new(0),
            not_applied: RwSignal::new(Vec::new()),
            ready: RwSignal::new(false),
            refused: RwSignal::new(None),
            expired: RwSignal::new(false),
        };
        let actor = UserId::new(mark.user.clone().unwrap_or_default());
        Store::new(
            WorkspaceDoc::new(),
            actor,
            None,
            keys,
            true,
            lang,
            None,
            Some(shared),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn new(
        doc: WorkspaceDoc,
        actor: UserId,
        notice: Option<StorageNotice>,
        keys: Keys,
        may_save: bool,
        lang: Lang,
        revision: Option<String>,
        shared: Option<Shared>,
    ) -> Store {
        // English until French is loaded: main.rs fetches it before drawing when it is the
        // stored choice; if it is not here yet, `set_lang` below asks for it.
        i18n::set_lang(Lang::En);
        browser::set_document_lang(Lang::En.tag());
        let store = Store {
            doc: RwSignal::new(doc),
            actor: RwSignal::new(actor),
            lang: RwSignal::new(Lang::En),
            notice: RwSignal::new(notice),
            keys: StoredValue::new(keys),
            may_save: RwSignal::new(may_save),
            chosen_lang: StoredValue::new(lang),
            revision: StoredValue::new(revision),
            shared,
        };
        if lang == Lang::Fr {
            store.set_lang(Lang::Fr);
        }
        store
    }

    /// The store of this app (given by `App`).
    pub fn get() -> Store {
        expect_context::<Store>()
    }

    /// Applies `command` as the acting user, now. Refused: nothing changes and the engine's
    /// error comes back for the page to show beside the control that caused it. In shared
    /// mode it is applied to what the partner sees and queued for the server.
    pub fn dispatch(&self, command: Command) -> Result<(), DomainError> {
        if self.shared.is_some() {
            return match crate::sync_client::installed() {
                Some(sync) => (sync.propose)(self, command),
                None => Err(DomainError::new(
                    benefits_core::ErrorCode::Internal,
                    "Nothing was changed: the part of the app that talks to the server is not loaded yet. Reload the page.",
                )),
            };
        }
        // Another tab may have saved since this one last read: its change is kept, and
        // this one is applied on top of it (R-STATE-5).
        self.catch_up();
        let actor = self.actor.get_untracked();
        let now = browser::now_utc();
        let result = self
            .doc
            .try_maybe_update(|doc| match doc.apply(&actor, now, &command) {
                Ok(_) => (true, Ok(())),
                Err(e) => (false, Err(e)),
            })
            .unwrap_or(Ok(()));
        if result.is_ok() {
            self.save();
        }
        result
    }

    /// Why the acting user may not give `command` at all (core's `may_give`: the role check
    /// alone, before any value is looked at), or `None` when they may. Tracks the acting
    /// user and the workspace, so a page can say "not as you" up front instead of asking to
    /// confirm an action and then refusing it.
    pub fn may_give(&self, command: &Command) -> Option<DomainError> {
        let actor = self.actor.get();
        self.doc
            .with(|d| d.workspace().may_give(&actor, command).err())
    }

    /// Local mode: when another tab saved the workspace since this tab last read or wrote
    /// it, shows that newer document (R-STATE-5). Called before every change and on the
    /// browser's `storage` event. Whether the document changed.
    pub fn catch_up(&self) -> bool {
        if self.shared.is_some() || !self.may_save.get_untracked() {
            return false;
        }
        let keys = self.keys.get_value();
        let stored = browser::storage_get(&keys.workspace_revision())
            .ok()
            .flatten();
        if stored == self.revision.get_value() {
            return false;
        }
        let newer = browser::storage_get(&keys.workspace())
            .ok()
            .flatten()
            .and_then(|text| WorkspaceDoc::from_json(&text).ok());
        // An unreadable document from another tab is left to that tab's notice; this tab
        // keeps its own and will write over it only with a change of its own.
        self.revision.set_value(stored);
        match newer {
            Some(doc) => {
                self.doc.set(doc);
                true
            }
            None => false,
        }
    }

    /// Whether the workspace is shared through a server (shared mode).
    pub fn is_shared(&self) -> bool {
        self.shared.is_some()
    }

    /// Replaces the whole document (reset to demo, start empty, import), then saves it.
    /// Local mode only: in shared mode the server's log is the truth.
    pub fn replace(&self, doc: WorkspaceDoc) {
        if self.shared.is_some() {
            return;
        }
        if let Some(id) = first_user_who_can_view(&doc) {
            if doc.workspace().user(&self.actor.get_untracked()).is_none() {
                self.set_actor(id);
            }
        }
        self.doc.set(doc);
        self.save();
    }

    /// Writes the document to local storage; a failure becomes a visible notice.
    pub fn save(&self) {
        if self.shared.is_some() || !self.may_save.get_untracked() {
            return;
        }
        let keys = self.keys.get_value();
        let written = self
            .doc
            .with_untracked(|doc| doc.to_json())
            .map_err(|e| StorageError(e.to_string()))
            .and_then(|json| browser::storage_set(&keys.workspace(), &json));
        match written {
            Ok(()) => {
                // The other tabs see it (their `storage` event) and build on it.
                let revision = browser::random_id();
                let _ = browser::storage_set(&keys.workspace_revision(), &revision);
                self.revision.set_value(Some(revision));
                if matches!(
                    self.notice.get_untracked(),
                    Some(StorageNotice::SaveFailed { .. })
                ) {
                    self.notice.set(None);
                }
            }
            Err(e) => self
                .notice
                .set(Some(StorageNotice::SaveFailed { reason: e.0 })),
        }
    }

    /// Acts as another user from now on (remembered across reloads).
    pub fn set_actor(&self, id: UserId) {
        let keys = self.keys.get_value();
        let _ = browser::storage_set(&keys.acting_user(), id.as_str());
        self.actor.set(id);
    }

    /// Switches the interface language (remembered across reloads, sets `<html lang>`).
    /// French is fetched the first time (its own module): the page stays in English until
    /// it arrives, and switches only if French is still the choice then.
    pub fn set_lang(&self, lang: Lang) {
        let keys = self.keys.get_value();
        let _ = browser::storage_set(&keys.language(), lang.tag());
        self.chosen_lang.set_value(lang);
        if lang == Lang::Fr && i18n::french().is_none() {
            let store = *self;
            leptos::task::spawn_local(async move {
                i18n::install_french(i18n::load_french().await);
                if store.chosen_lang.get_value() == Lang::Fr {
                    store.show_lang(Lang::Fr);
                }
            });
        } else {
            self.show_lang(lang);
        }
    }

    fn show_lang(&self, lang: Lang) {
        i18n::set_lang(lang);
        browser::set_document_lang(lang.tag());
        self.lang.set(lang);
    }

    /// The storage keys of this app's namespace.
    pub fn keys(&self) -> Keys {
        self.keys.get_value()
    }
}

/// The language remembered in this namespace.
fn stored_lang(keys: &Keys) -> Lang {
    browser::storage_get(&keys.language())
        .ok()
        .flatten()
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

/// The first enabled user with a role: whom a fresh or imported workspace is opened as.
fn first_user_who_can_view(doc: &WorkspaceDoc) -> Option<UserId> {
    let ws = doc.workspace();
    ws.users()
        .keys()
        .find(|id| ws.check_can_view(id).is_ok())
        .cloned()
}
