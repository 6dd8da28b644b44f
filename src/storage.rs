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

    /// Changes whenever a tab saves the local workspace (R-STATE-5): a tab about to save
    /// reads it first, and when another tab saved since, applies its change on that newer
    /// document instead of writing over it.
    pub fn workspace_revision(&self) -> String {
        format!("{}:workspace:revision", self.namespace)
    }

    /// Shared mode (issue 14): this namespace is served by a `benefits-api` server. Its
    /// workspace and who is signed in (`SharedMark`), remembered so that a reload without a
    /// connection (the service worker serves the app) stays in shared mode with its queue.
    pub fn shared(&self) -> String {
        format!("{}:shared", self.namespace)
    }

    /// Shared mode: the workspace as the server confirmed it (its events, applied in order).
    pub fn confirmed(&self, workspace: &str) -> String {
        format!("{}:shared:{workspace}:document", self.namespace)
    }

    /// Shared mode: the changes of `user` not yet answered by the server, in order.
    pub fn queue(&self, workspace: &str, user: &str) -> String {
        format!("{}:shared:{workspace}:{user}:queue", self.namespace)
    }

    /// Shared mode: the changes of `user` the server did not apply, until dismissed.
    pub fn not_applied(&self, workspace: &str, user: &str) -> String {
        format!("{}:shared:{workspace}:{user}:not-applied", self.namespace)
    }

    /// Shared mode: the connection as the tab that talks to the server last saw it, for the
    /// other tabs' headers.
    pub fn link(&self, workspace: &str) -> String {
        format!("{}:shared:{workspace}:link", self.namespace)
    }
}

/// What shared mode remembers of the server in this namespace (`Keys::shared`), as JSON
/// `{"workspace": "…", "user": "user-1", "name": "Gloria …"}`; the last two are absent when
/// nobody is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SharedMark {
    pub workspace: Option<String>,
    pub user: Option<String>,
    pub name: Option<String>,
}

impl SharedMark {
    pub fn to_json(&self) -> String {
        // By hand: serde_json's `Value` would bring its machinery into the first download.
        let fields: Vec<String> = [
            ("workspace", &self.workspace),
            ("user", &self.user),
            ("name", &self.name),
        ]
        .into_iter()
        .filter_map(|(name, value)| {
            let text = serde_json::to_string(value.as_deref()?).ok()?;
            Some(format!("\"{name}\":{text}"))
        })
        .collect();
        format!("{{{}}}", fields.join(","))
    }

    /// Anything unreadable reads as "shared, nobody signed in": the sign-in page asks again.
    pub fn from_json(text: &str) -> SharedMark {
        let value = benefits_core::json::Json::parse(text).ok();
        let field = |name: &str| {
            value
                .as_ref()
                .and_then(|v| v.get(name))
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        SharedMark {
            workspace: field("workspace"),
            user: field("user"),
            name: field("name"),
        }
    }

    /// Signed in: the workspace, the user and their name.
    pub fn signed_in(&self) -> Option<(&str, &str, &str)> {
        Some((
            self.workspace.as_deref()?,
            self.user.as_deref()?,
            self.name.as_deref().unwrap_or_default(),
        ))
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
    fn the_shared_mark_reads_back_and_forgives_damage() {
        let mark = SharedMark {
            workspace: Some("0123abcd".into()),
            user: Some("user-1".into()),
            name: Some("Gloria \"G\" Global-Admin".into()),
        };
        assert_eq!(SharedMark::from_json(&mark.to_json()), mark);
        assert_eq!(
            mark.signed_in(),
            Some(("0123abcd", "user-1", "Gloria \"G\" Global-Admin"))
        );
        let out = SharedMark {
            workspace: Some("0123abcd".into()),
            ..SharedMark::default()
        };
        assert_eq!(SharedMark::from_json(&out.to_json()), out);
        assert_eq!(out.signed_in(), None);
        assert_eq!(SharedMark::from_json("{oops"), SharedMark::default());
        let keys = Keys::new("ns");
        assert_eq!(keys.queue("w", "user-1"), "ns:shared:w:user-1:queue");
        assert_ne!(keys.queue("w", "user-1"), keys.queue("w", "user-2"));
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
