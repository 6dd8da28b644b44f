//! The app's state: the workspace document, the acting user and the language, held in
//! signals and given to every page through the context.
//!
//! One path changes the workspace: [`Store::dispatch`]. It hands the command to
//! `benefits_core` under the acting user and the current time; a refusal comes back as the
//! engine's `DomainError` and changes nothing (not even a re-render); an accepted command is
//! saved to local storage at once, and a storage failure is reported, never swallowed.

use crate::browser::{self, StorageError};
use crate::i18n::{self, Lang};
use crate::storage::{self, Keys, Loaded};
use benefits_core::{demo, Command, DomainError, LoadError, UserId, WorkspaceDoc};
use leptos::prelude::*;

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
}

impl Store {
    /// Reads storage and builds the store (the first open shows the demo workspace).
    pub fn load(namespace: &str) -> Store {
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
        let lang = browser::storage_get(&keys.language())
            .ok()
            .flatten()
            .and_then(|tag| Lang::from_tag(&tag))
            .unwrap_or_default();
        // English until French is loaded: main.rs fetches it before drawing when it is the
        // stored choice; if it is not here yet, `set_lang` below asks for it.
        i18n::set_lang(Lang::En);
        browser::set_document_lang(Lang::En.tag());
        let actor = browser::storage_get(&keys.acting_user())
            .ok()
            .flatten()
            .map(UserId::new)
            .filter(|id| doc.workspace().user(id).is_some())
            .or_else(|| first_user_who_can_view(&doc))
            .unwrap_or_else(|| UserId::new(demo::GLORIA));
        let store = Store {
            doc: RwSignal::new(doc),
            actor: RwSignal::new(actor),
            lang: RwSignal::new(Lang::En),
            notice: RwSignal::new(notice),
            keys: StoredValue::new(keys),
            may_save: RwSignal::new(may_save),
            chosen_lang: StoredValue::new(lang),
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
    /// error comes back for the page to show beside the control that caused it.
    pub fn dispatch(&self, command: Command) -> Result<(), DomainError> {
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

    /// Replaces the whole document (reset to demo, start empty, import), then saves it.
    pub fn replace(&self, doc: WorkspaceDoc) {
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
        if !self.may_save.get_untracked() {
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

/// The first enabled user with a role: whom a fresh or imported workspace is opened as.
fn first_user_who_can_view(doc: &WorkspaceDoc) -> Option<UserId> {
    let ws = doc.workspace();
    ws.users()
        .keys()
        .find(|id| ws.check_can_view(id).is_ok())
        .cloned()
}
