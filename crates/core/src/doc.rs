//! The stored document (R-STATE-1/2): the workspace, its activity log, and the schema
//! version they are written in.
//!
//! ```json
//! {"schema_version": 2, "workspace": {...}, "events": [{"seq": 1, ..., "change": {"user_added": {...}}}, ...]}
//! ```
//!
//! Loading ([`WorkspaceDoc::from_json`]) reads the version first: a newer one is refused
//! (the app must not overwrite what it cannot read), an older one is migrated step by step
//! ([`migrate`]), and the result is checked: the stored state must be exactly what its
//! activity log rebuilds. Nothing is ever replaced by a default.

use crate::command::Command;
use crate::error::DomainError;
use crate::event::Event;
use crate::ids::UserId;
use crate::json::{Json, Number, Object};
use crate::read::{At, Fields};
use crate::workspace::{ReplayError, Workspace};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The schema this code writes. Raise it with every change to the stored shape, and add
/// the step from the previous version to [`migrate`]. Each version is pinned by its
/// `tests/fixtures/workspace-vN.json`.
pub const SCHEMA_VERSION: u32 = 2;

/// A workspace and its activity log, as saved and exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkspaceDoc {
    schema_version: u32,
    workspace: Workspace,
    events: Vec<Event>,
}

/// The shape read from storage; becomes a [`WorkspaceDoc`] only after the checks.
struct Stored {
    schema_version: u32,
    workspace: Workspace,
    events: Vec<Event>,
}

impl Stored {
    fn read(value: Json) -> Result<Stored, String> {
        let mut fields = Fields::of(value, At::Root)?;
        let stored = Stored {
            schema_version: fields.get("schema_version")?,
            workspace: fields.get("workspace")?,
            events: fields.get("events")?,
        };
        fields.end()?;
        Ok(stored)
    }
}

/// Why a stored document was not loaded. The text was not changed: keep it aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum LoadError {
    /// The text is not JSON.
    NotJson { message: String },
    /// JSON, but not a workspace document (no schema version).
    NotAWorkspace { message: String },
    /// Written by a newer version of the app.
    FutureVersion { found: u64, supported: u32 },
    /// A version this app has no migration for.
    UnsupportedVersion { found: u64 },
    /// Of a known version, but a part of it could not be read.
    Invalid { message: String },
    /// The stored state is not what its activity log rebuilds.
    Inconsistent { message: String },
}

impl LoadError {
    /// A stable code for programs.
    pub fn code(&self) -> &'static str {
        match self {
            LoadError::NotJson { .. } => "not_json",
            LoadError::NotAWorkspace { .. } => "not_a_workspace",
            LoadError::FutureVersion { .. } => "future_version",
            LoadError::UnsupportedVersion { .. } => "unsupported_version",
            LoadError::Invalid { .. } => "invalid",
            LoadError::Inconsistent { .. } => "inconsistent",
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotJson { message } => write!(f, "This is not a saved workspace: it is not valid JSON ({message})."),
            LoadError::NotAWorkspace { message } => write!(f, "This is not a saved workspace: {message}."),
            LoadError::FutureVersion { found, supported } => write!(
                f,
                "This workspace was saved by a newer version of the app (format {found}); this version reads formats up to {supported}. Update the app to open it. The saved data was left untouched."
            ),
            LoadError::UnsupportedVersion { found } => write!(
                f,
                "This workspace is in format {found}, which this app cannot read. The saved data was left untouched."
            ),
            LoadError::Invalid { message } => write!(
                f,
                "Part of this workspace could not be read ({message}). The saved data was left untouched."
            ),
            LoadError::Inconsistent { message } => write!(
                f,
                "This workspace is damaged: its state does not match its activity log ({message}). The saved data was left untouched."
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Brings a stored document of version `from` to the next version. Each schema change adds
/// one arm here (`1 => …` turns a version-1 value into version 2), and never removes one.
pub fn migrate(value: Json, from: u64) -> Result<Json, LoadError> {
    match from {
        1 => v1_to_v2(value),
        // No version before 1 was ever written.
        _ => Err(LoadError::UnsupportedVersion { found: from }),
    }
}

/// Version 2 writes the enums with data externally tagged, serde's default: a change
/// `{"user_added": {"user": …}}` instead of version 1's `{"type": "user_added", "user": …}`,
/// the state of a technical benefit or GTM offer `{"pending": {…}}` or `"not_activated"`
/// instead of `{"state": "pending", …}` or `{"state": "not_activated"}`, a removed record
/// `{"package": "pkg-1"}` instead of `{"kind": "package", "id": "pkg-1"}`. serde reads an
/// internally (or adjacently) tagged enum by buffering it first (its private `Content`
/// type), which compiled every one's fields a second time into the browser's build.
///
/// Only the places version 1 tagged are rewritten, found by their path (a map keyed by a
/// person's text could hold a key named `type`). Where version 1 required a tag and there
/// is none, the document is refused here, so that nothing version 1 refused becomes
/// readable by the migration. Anything else is left as it is for the typed read to judge.
fn v1_to_v2(mut value: Json) -> Result<Json, LoadError> {
    let Some(doc) = value.as_object_mut() else {
        return Ok(value);
    };
    doc.insert("schema_version".to_string(), Json::Number(Number::Whole(2)));
    if let Some(Json::Object(workspace)) = doc.get_mut("workspace") {
        for (records, what) in [
            ("gtm_offers", "gtm_offer"),
            ("technical_benefits", "benefit"),
        ] {
            if let Some(Json::Object(records)) = workspace.get_mut(records) {
                for (id, record) in records.iter_mut() {
                    v1_state_to_v2(record, &format!("{what} {id}"))?;
                }
            }
        }
    }
    if let Some(Json::Array(events)) = doc.get_mut("events") {
        for (i, event) in events.iter_mut().enumerate() {
            let Some(change) = event.as_object_mut().and_then(|e| e.get_mut("change")) else {
                continue;
            };
            let at = format!("events[{i}].change");
            match change.get("type").and_then(Json::as_str) {
                // The records a change carries, in the same form as in the workspace.
                Some("gtm_offer_added") => {
                    if let Some(offer) = change.get_mut("offer") {
                        v1_state_to_v2(offer, &format!("{at}.offer"))?;
                    }
                }
                Some("technical_benefit_added") => {
                    if let Some(benefit) = change.get_mut("benefit") {
                        v1_state_to_v2(benefit, &format!("{at}.benefit"))?;
                    }
                }
                Some("record_removed") => {
                    if let Some(record) = change.get_mut("record") {
                        v1_record_ref_to_v2(record, &format!("{at}.record"))?;
                    }
                }
                _ => {}
            }
            external_tag(change, "type", &[], &at)?;
        }
    }
    Ok(value)
}

/// A removed record's reference: version 1's adjacently tagged `{"kind": "package", "id":
/// "pkg-1"}` becomes `{"package": "pkg-1"}`. Version 1 ignored any other field (the enum
/// had no `deny_unknown_fields`), so they are dropped, as reading and saving in version 1
/// did; a missing `kind` or `id` was refused, and still is.
fn v1_record_ref_to_v2(record: &mut Json, at: &str) -> Result<(), LoadError> {
    let Json::Object(fields) = record else {
        return Ok(());
    };
    let (Some(Json::String(kind)), Some(id)) = (fields.remove("kind"), fields.remove("id")) else {
        return Err(LoadError::Invalid {
            message: format!("{at} has no \"kind\" and \"id\" naming the record"),
        });
    };
    let mut tagged = Object::new();
    tagged.insert(kind, id);
    *record = Json::Object(tagged);
    Ok(())
}

/// A technical benefit's or GTM offer's `state`: `{"state": "pending", ...}` becomes
/// `{"pending": {...}}`, and `{"state": "not_activated"}` the string `"not_activated"`.
fn v1_state_to_v2(record: &mut Json, at: &str) -> Result<(), LoadError> {
    if let Some(state) = record.get_mut("state") {
        external_tag(state, "state", &["not_activated"], &format!("{at}.state"))?;
    }
    Ok(())
}

/// `{"<tag>": "name", …fields}` becomes `{"name": {…fields}}`, or `"name"` for a variant of
/// `unit_variants` (serde's externally tagged form of a unit variant). Version 1 ignored any
/// other field beside the tag of a unit variant (serde does, even with
/// `deny_unknown_fields`), so they are dropped, as reading and saving in version 1 did.
/// Returns the variant's name. `at` names the place for the refusal.
fn external_tag(
    value: &mut Json,
    tag: &str,
    unit_variants: &[&str],
    at: &str,
) -> Result<String, LoadError> {
    let Json::Object(fields) = value else {
        // Not an object: version 1 refused it, and so does version 2.
        return Ok(String::new());
    };
    let name = match fields.remove(tag) {
        Some(Json::String(name)) => name,
        _ => {
            return Err(LoadError::Invalid {
                message: format!("{at} has no \"{tag}\" naming what it is"),
            })
        }
    };
    *value = if unit_variants.contains(&name.as_str()) {
        Json::String(name.clone())
    } else {
        let mut tagged = Object::new();
        tagged.insert(name.clone(), Json::Object(std::mem::take(fields)));
        Json::Object(tagged)
    };
    Ok(name)
}

impl Default for WorkspaceDoc {
    fn default() -> Self {
        WorkspaceDoc::new()
    }
}

impl WorkspaceDoc {
    /// An empty document: apply [`Command::SetUpOrganisation`] first.
    pub fn new() -> WorkspaceDoc {
        WorkspaceDoc {
            schema_version: SCHEMA_VERSION,
            workspace: Workspace::new(),
            events: Vec::new(),
        }
    }

    pub fn schema_version(&self) -> u32 {
        self.schema_version
    }

    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// The activity log, oldest first.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Applies a command (see [`Workspace::apply`]) and appends its event to the log.
    pub fn apply(
        &mut self,
        actor: &UserId,
        now: NaiveDateTime,
        command: &Command,
    ) -> Result<&Event, DomainError> {
        let event = self.workspace.apply(actor, now, command)?;
        self.events.push(event);
        self.events.last().ok_or_else(|| {
            DomainError::new(
                crate::error::ErrorCode::Internal,
                "The event was not recorded.",
            )
        })
    }

    /// Appends an event recorded elsewhere (by another copy of the same log: the sync
    /// server's database, another server process): it must be the next one (`seq` = the
    /// log's length + 1) and fit the workspace ([`Workspace::evolve`]). Refused, nothing
    /// changes.
    pub fn append(&mut self, event: Event) -> Result<&Event, ReplayError> {
        self.workspace.evolve(&event)?;
        self.events.push(event);
        Ok(self.events.last().expect("just pushed"))
    }

    /// The sequence number of the last event (0 for an empty log).
    pub fn head(&self) -> u64 {
        self.workspace.last_seq()
    }

    /// Rebuilds a document from an activity log alone.
    pub fn from_events(events: Vec<Event>) -> Result<WorkspaceDoc, ReplayError> {
        let workspace = Workspace::replay(&events)?;
        Ok(WorkspaceDoc {
            schema_version: SCHEMA_VERSION,
            workspace,
            events,
        })
    }

    /// Compact JSON, for storage.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// Indented JSON, for export.
    pub fn to_json_pretty(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }

    /// Reads a stored or exported document: version check, migration, full read, and the
    /// check that the state is what the activity log rebuilds.
    pub fn from_json(text: &str) -> Result<WorkspaceDoc, LoadError> {
        // One parse (the project's own parser: json.rs); the version is read from it, a
        // migration rewrites it, and `read` (not serde's derives: see there) turns it into
        // the workspace's types.
        let mut value = Json::parse(text).map_err(|e| LoadError::NotJson {
            message: e.to_string(),
        })?;
        let version = match &value {
            Json::Object(doc) => match doc.get("schema_version") {
                None | Some(Json::Null) => {
                    return Err(LoadError::NotAWorkspace {
                        message: "it has no schema_version".to_string(),
                    })
                }
                Some(v) => v.as_u64().ok_or_else(|| LoadError::NotAWorkspace {
                    message: format!("its schema_version {v} is not a whole number"),
                })?,
            },
            _ => {
                return Err(LoadError::NotAWorkspace {
                    message: "it is not a JSON object".to_string(),
                })
            }
        };
        if version > u64::from(SCHEMA_VERSION) {
            return Err(LoadError::FutureVersion {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        let mut at = version;
        while at < u64::from(SCHEMA_VERSION) {
            value = migrate(value, at)?;
            at += 1;
        }
        let stored = Stored::read(value).map_err(|message| LoadError::Invalid { message })?;
        if stored.schema_version != SCHEMA_VERSION {
            return Err(LoadError::Invalid {
                message: format!(
                    "after migration the schema_version is {}, not {SCHEMA_VERSION}",
                    stored.schema_version
                ),
            });
        }
        let rebuilt = Workspace::replay(&stored.events).map_err(|e| LoadError::Inconsistent {
            message: e.to_string(),
        })?;
        if rebuilt != stored.workspace {
            return Err(LoadError::Inconsistent {
                message: "the saved state differs from the state its activity log rebuilds"
                    .to_string(),
            });
        }
        Ok(WorkspaceDoc {
            schema_version: SCHEMA_VERSION,
            workspace: stored.workspace,
            events: stored.events,
        })
    }
}
