//! What the app does with the text it finds in local storage (R-STATE-2), as pure functions
//! tested natively; `store.rs` does the reading and writing.
//!
//! Nothing is lost: a document that cannot be read is never overwritten. It is copied under a
//! backup key first, and the partner is told why and how to export it.

use benefits_core::{demo, LoadError, WorkspaceDoc};
use chrono::NaiveDate;

/// Every key the app writes starts with this namespace, so two apps (or an embedding host
/// page) on one origin never share data by accident.
pub const DEFAULT_NAMESPACE: &str = "partner-benefits";

/// The storage keys of one namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    namespace: String,
}

impl Keys {
    pub fn new(namespace: &str) -> Keys {
        Keys {
            namespace: namespace.to_string(),
        }
    }

    /// The workspace document.
    pub fn workspace(&self) -> String {
        format!("{}:workspace", self.namespace)
    }

    /// Where an unreadable document is kept aside, stamped with when it was found.
    pub fn unreadable_backup(&self, stamp: &str) -> String {
        format!("{}:workspace:unreadable:{stamp}", self.namespace)
    }

    /// The prefix of every kept-aside copy (to list them).
    pub fn unreadable_prefix(&self) -> String {
        format!("{}:workspace:unreadable:", self.namespace)
    }

    pub fn language(&self) -> String {
        format!("{}:language", self.namespace)
    }

    pub fn acting_user(&self) -> String {
        format!("{}:acting-user", self.namespace)
    }
}

/// What start-up found in storage.
#[derive(Debug)]
pub enum Loaded {
    /// Nothing stored yet: the first open shows the demo workspace.
    FirstOpen(WorkspaceDoc),
    /// The stored document, read (and migrated if it was older).
    Stored(WorkspaceDoc),
    /// Something is stored but cannot be read. The app shows the demo, keeps `raw` aside
    /// under a backup key before anything else is written, and tells the partner `error`.
    Unreadable {
        demo: WorkspaceDoc,
        raw: String,
        error: LoadError,
    },
}

/// Reads the stored text, if any.
pub fn load(stored: Option<String>, today: NaiveDate) -> Loaded {
    match stored {
        None => Loaded::FirstOpen(demo::workspace(today)),
        Some(raw) => match WorkspaceDoc::from_json(&raw) {
            Ok(doc) => Loaded::Stored(doc),
            Err(error) => Loaded::Unreadable {
                demo: demo::workspace(today),
                raw,
                error,
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    #[test]
    fn first_open_shows_the_demo() {
        match load(None, today()) {
            Loaded::FirstOpen(doc) => assert!(doc.workspace().organisation().is_some()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_saved_document_loads_back_identically() {
        let doc = demo::workspace(today());
        let json = doc.to_json().unwrap();
        match load(Some(json.clone()), today()) {
            Loaded::Stored(back) => assert_eq!(back.to_json().unwrap(), json),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unreadable_text_is_kept_with_its_reason() {
        for raw in ["{not json", "{\"schema_version\": 99}", "[]", ""] {
            match load(Some(raw.to_string()), today()) {
                Loaded::Unreadable {
                    raw: kept, error, ..
                } => {
                    assert_eq!(kept, raw);
                    assert!(!error.to_string().is_empty());
                }
                other => panic!("{raw}: {other:?}"),
            }
        }
    }

    #[test]
    fn keys_are_namespaced() {
        let keys = Keys::new("intranet-a");
        assert_eq!(keys.workspace(), "intranet-a:workspace");
        assert!(keys
            .unreadable_backup("2026-11-20T10:00:00")
            .starts_with(&keys.unreadable_prefix()));
        assert_ne!(Keys::new("b").workspace(), keys.workspace());
    }
}
