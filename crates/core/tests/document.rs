//! R-STATE-1/2: the stored document. Each golden file `fixtures/workspace-vN.json` was
//! written once, when version N was the current one, and is never regenerated: it must
//! load with every later version of the code (through the migrations).
//!
//! - `workspace-v1.json`: the demo of 2026-11-20 as version 1 wrote it (changes tagged
//!   `{"type": "user_added", ...}`).
//! - `workspace-v2.json`: the same document in version 2 (changes, states and removed
//!   records externally tagged, `{"user_added": {...}}`, `"not_activated"`,
//!   `{"pending": {...}}`, `{"package": "pkg-1"}`): what the migration of
//!   `workspace-v1.json` must give.
//! - `workspace-v1-every-change.json`: a version-1 document holding every kind of change
//!   (and every state of a technical benefit and a GTM offer), written by the version-1
//!   code (commit 4ef6d1f) from the deterministic random sequences of `tests/replay.rs`
//!   (400 steps, the 21st sequence, the first one to reach every kind): the migration must
//!   carry all of them.

use benefits_core::model::{GtmState, TechnicalState};
use benefits_core::*;
use serde_json::{json, Value};

const GOLDEN_V1: &str = include_str!("fixtures/workspace-v1.json");
const GOLDEN_V2: &str = include_str!("fixtures/workspace-v2.json");
const EVERY_CHANGE_V1: &str = include_str!("fixtures/workspace-v1-every-change.json");

fn golden_value() -> Value {
    serde_json::from_str(GOLDEN_V2).unwrap()
}

/// `doc::migrate` from version 1, on serde_json values (it works on the project's own JSON
/// tree, `benefits_core::json`, whose `Display` writes JSON text).
fn migrated_v1(v1: Value) -> Value {
    let tree = benefits_core::json::Json::parse(&v1.to_string()).unwrap();
    serde_json::from_str(&doc::migrate(tree, 1).unwrap().to_string()).unwrap()
}

fn golden_v1_value() -> Value {
    serde_json::from_str(GOLDEN_V1).unwrap()
}

/// Where the first event of a version-1 change `kind` ("type" in version 1) sits.
fn v1_event_of_kind(v: &Value, kind: &str) -> usize {
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["change"]["type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} event in the fixture"))
}

fn load(v: &Value) -> Result<WorkspaceDoc, LoadError> {
    WorkspaceDoc::from_json(&v.to_string())
}

/// Loads `v`, which must be refused as `invalid` with a message naming `naming`.
fn refused_as_invalid(v: &Value, naming: &str) -> LoadError {
    let err = load(v).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().contains(naming), "{err}");
    err
}

fn check_golden_contents(doc: &WorkspaceDoc) {
    assert_eq!(doc.schema_version(), SCHEMA_VERSION);
    let ws = doc.workspace();
    assert_eq!(ws.organisation().unwrap().name, "Contoso Partners Ltd");
    assert_eq!(ws.users().len(), 6);
    assert_eq!(ws.product_keys().len(), 4);
    assert_eq!(ws.visual_studio().len(), 3);
    assert_eq!(doc.events().len() as u64, ws.last_seq());
    assert_eq!(ws.check_invariants(), Vec::<String>::new());
}

fn redeem_a_key(doc: &mut WorkspaceDoc) {
    let now = "2026-11-21T10:00:00".parse().unwrap();
    doc.apply(
        &UserId::from("user-1"),
        now,
        &Command::RedeemKey(RedeemRequest {
            key: "QK7TW-M4R8C-XYBD2-H96PJ-FG3VT".into(),
            target: RedeemTarget::Existing {
                subscription: SubscriptionId::from("sub-1"),
            },
            action: Action::ExtendEndDate,
            confirm_tenant: "contoso.example".into(),
        }),
    )
    .unwrap();
    let again = WorkspaceDoc::from_json(&doc.to_json().unwrap()).unwrap();
    assert_eq!(&again, doc);
}

#[test]
fn golden_v2_document_loads() {
    check_golden_contents(&WorkspaceDoc::from_json(GOLDEN_V2).unwrap());
}

#[test]
fn golden_v2_document_round_trips_byte_for_byte() {
    // Any change to the stored shape breaks this test: raise SCHEMA_VERSION and add the
    // migration from version 2 instead of editing the fixture.
    let doc = WorkspaceDoc::from_json(GOLDEN_V2).unwrap();
    assert_eq!(
        doc.to_json_pretty().unwrap().trim_end(),
        GOLDEN_V2.trim_end()
    );
}

#[test]
fn golden_v2_document_accepts_new_commands() {
    let mut doc = WorkspaceDoc::from_json(GOLDEN_V2).unwrap();
    redeem_a_key(&mut doc);
}

#[test]
fn golden_v1_document_still_loads_through_the_migration() {
    let doc = WorkspaceDoc::from_json(GOLDEN_V1).unwrap();
    check_golden_contents(&doc);
    // Nothing lost, nothing added: the migrated document is the version-2 golden file,
    // byte for byte once written again.
    assert_eq!(doc, WorkspaceDoc::from_json(GOLDEN_V2).unwrap());
    assert_eq!(
        doc.to_json_pretty().unwrap().trim_end(),
        GOLDEN_V2.trim_end()
    );
}

#[test]
fn golden_v1_document_accepts_new_commands() {
    let mut doc = WorkspaceDoc::from_json(GOLDEN_V1).unwrap();
    redeem_a_key(&mut doc);
    assert_eq!(doc.schema_version(), SCHEMA_VERSION);
}

#[test]
fn migrating_version_1_rewrites_each_change_under_its_own_name() {
    let v2 = migrated_v1(golden_v1_value());
    assert_eq!(v2, golden_value());
    assert_eq!(v2["schema_version"], 2);
    let change = &v2["events"][0]["change"];
    assert_eq!(change.as_object().unwrap().len(), 1);
    assert_eq!(
        change["organisation_set_up"]["organisation"]["name"],
        "Contoso Partners Ltd"
    );
    assert_eq!(change["organisation_set_up"].get("type"), None);
    // States: a unit variant becomes its name, one with data an object under its name.
    let tech = &v2["workspace"]["technical_benefits"];
    assert_eq!(tech["tech-1"]["state"], "not_activated");
    assert_eq!(
        tech["tech-2"]["state"],
        json!({"pending": {"requested_on": "2026-11-18", "requested_by": "user-2"}})
    );
    assert_eq!(
        tech["tech-3"]["state"]["active"]["access_id"],
        "PSA-7K2Q9X4M"
    );
    assert_eq!(
        v2["workspace"]["gtm_offers"]["gtm-1"]["state"],
        "not_activated"
    );
    let added = v2["events"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|e| e["change"].get("gtm_offer_added"))
        .unwrap();
    assert_eq!(added["offer"]["state"], "not_activated");
}

#[test]
fn a_version_1_document_with_every_kind_of_change_migrates() {
    // `from_json` replays the migrated log and compares it with the migrated state.
    let doc = WorkspaceDoc::from_json(EVERY_CHANGE_V1).unwrap();
    assert_eq!(doc.schema_version(), SCHEMA_VERSION);
    assert_eq!(doc.workspace().check_invariants(), Vec::<String>::new());
    let kinds: std::collections::BTreeSet<&str> =
        doc.events().iter().map(|e| e.change.kind()).collect();
    assert_eq!(kinds.len(), 33, "{kinds:?}");
    let ws = doc.workspace();
    let gtm: std::collections::BTreeSet<&str> = ws
        .gtm_offers()
        .values()
        .map(|o| match o.state {
            GtmState::NotActivated => "not_activated",
            GtmState::Pending { .. } => "pending",
            GtmState::Active { .. } => "active",
        })
        .collect();
    assert_eq!(gtm.len(), 3, "{gtm:?}");
    let tech: std::collections::BTreeSet<&str> = ws
        .technical_benefits()
        .values()
        .map(|b| match b.state {
            TechnicalState::NotActivated => "not_activated",
            TechnicalState::Pending { .. } => "pending",
            TechnicalState::Active { .. } => "active",
        })
        .collect();
    assert_eq!(tech.len(), 3, "{tech:?}");
    let removed: Vec<&RecordRef> = doc
        .events()
        .iter()
        .filter_map(|e| match &e.change {
            Change::RecordRemoved { record, .. } => Some(record),
            _ => None,
        })
        .collect();
    assert_eq!(
        removed,
        [
            &RecordRef::AzureCredit(CreditId::from("credit-4")),
            &RecordRef::Software(SoftwareId::from("sw-5"))
        ]
    );

    // Nothing lost: each event and record holds what version 1 wrote, under new tags.
    let v1: Value = serde_json::from_str(EVERY_CHANGE_V1).unwrap();
    let v2: Value = serde_json::from_str(&doc.to_json().unwrap()).unwrap();
    assert_eq!(v2, migrated_v1(v1.clone()));
    let events_v1 = v1["events"].as_array().unwrap();
    let events_v2 = v2["events"].as_array().unwrap();
    assert_eq!(events_v1.len(), events_v2.len());
    for (old, new) in events_v1.iter().zip(events_v2) {
        assert_eq!(old["seq"], new["seq"]);
        assert_eq!(old["at"], new["at"]);
        assert_eq!(old["actor"], new["actor"]);
        let kind = old["change"]["type"].as_str().unwrap();
        let fields = new["change"][kind].as_object().unwrap();
        assert_eq!(fields.len() + 1, old["change"].as_object().unwrap().len());
    }
    assert_eq!(
        v1["workspace"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        v2["workspace"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>()
    );

    // Written again in version 2, it reads back identical.
    let again = WorkspaceDoc::from_json(&doc.to_json_pretty().unwrap()).unwrap();
    assert_eq!(again, doc);
}

#[test]
fn a_version_1_change_without_its_type_is_refused_not_guessed() {
    // Version 1 refused it; the migration must not make it readable.
    let mut v = golden_v1_value();
    let change = v["events"][1]["change"].as_object_mut().unwrap();
    let kind = change.remove("type").unwrap();
    let fields = Value::Object(std::mem::take(change));
    v["events"][1]["change"] = json!({ kind.as_str().unwrap(): fields });
    refused_as_invalid(&v, "events[1].change");

    let mut v = golden_v1_value();
    v["events"][1]["change"]["type"] = json!(7);
    assert_eq!(load(&v).unwrap_err().code(), "invalid");

    let mut v = golden_v1_value();
    v["events"][1]["change"]["type"] = json!("something_new");
    assert_eq!(load(&v).unwrap_err().code(), "invalid");

    // A state without its tag, in the workspace or in a change.
    let mut v = golden_v1_value();
    v["workspace"]["technical_benefits"]["tech-2"]["state"]
        .as_object_mut()
        .unwrap()
        .remove("state");
    refused_as_invalid(&v, "benefit tech-2.state");
    let mut v = golden_v1_value();
    let i = v1_event_of_kind(&v, "gtm_offer_added");
    v["events"][i]["change"]["offer"]["state"] = json!({});
    refused_as_invalid(&v, &format!("events[{i}].change.offer.state"));
}

#[test]
fn what_version_1_ignored_is_still_ignored() {
    // serde ignored any field beside the tag of a unit variant (even with
    // deny_unknown_fields), and beside "kind" and "id" of a removed record: version 1
    // read such a document, so version 2 must too.
    let mut v = golden_v1_value();
    v["workspace"]["gtm_offers"]["gtm-1"]["state"]["expires_on"] = json!("2027-01-01");
    let doc = load(&v).unwrap();
    assert_eq!(doc, WorkspaceDoc::from_json(GOLDEN_V2).unwrap());

    let mut v: Value = serde_json::from_str(EVERY_CHANGE_V1).unwrap();
    let i = v1_event_of_kind(&v, "record_removed");
    v["events"][i]["change"]["record"]["note"] = json!("x");
    let doc = load(&v).unwrap();
    assert_eq!(doc, WorkspaceDoc::from_json(EVERY_CHANGE_V1).unwrap());
    // But a reference without its kind or id was refused, and still is.
    v["events"][i]["change"]["record"]
        .as_object_mut()
        .unwrap()
        .remove("id");
    refused_as_invalid(&v, &format!("events[{i}].change.record"));
}

#[test]
fn a_damaged_version_1_document_is_refused_without_a_misleading_position() {
    // The position would point into the migrated text, not the file the person has.
    let mut v = golden_v1_value();
    v["workspace"]["users"]["user-2"]
        .as_object_mut()
        .unwrap()
        .remove("email");
    let err = refused_as_invalid(
        &v,
        r#"workspace.users.user-2: the field "email" is missing"#,
    );
    assert!(!err.to_string().contains(" line "), "{err}");
}

#[test]
fn a_future_version_is_refused_and_says_so() {
    let mut v = golden_value();
    v["schema_version"] = json!(SCHEMA_VERSION + 1);
    let err = load(&v).unwrap_err();
    assert_eq!(
        err,
        LoadError::FutureVersion {
            found: u64::from(SCHEMA_VERSION) + 1,
            supported: SCHEMA_VERSION
        }
    );
    assert_eq!(err.code(), "future_version");
    assert!(err.to_string().contains("newer version of the app"));
    assert!(err.to_string().contains("left untouched"));
}

#[test]
fn a_version_without_migration_is_refused() {
    let mut v = golden_value();
    v["schema_version"] = json!(0);
    assert_eq!(
        load(&v).unwrap_err(),
        LoadError::UnsupportedVersion { found: 0 }
    );
}

#[test]
fn text_that_is_not_a_workspace_is_refused() {
    assert_eq!(
        WorkspaceDoc::from_json("{not json").unwrap_err().code(),
        "not_json"
    );
    assert_eq!(
        WorkspaceDoc::from_json("[1, 2]").unwrap_err().code(),
        "not_a_workspace"
    );
    assert_eq!(
        WorkspaceDoc::from_json("{}").unwrap_err().code(),
        "not_a_workspace"
    );
    let err = WorkspaceDoc::from_json(r#"{"schema_version": "1"}"#).unwrap_err();
    assert_eq!(err.code(), "not_a_workspace");
    assert_eq!(
        err.to_string(),
        r#"This is not a saved workspace: its schema_version "1" is not a whole number."#
    );
    assert_eq!(
        WorkspaceDoc::from_json(r#"{"schema_version": 1}"#)
            .unwrap_err()
            .code(),
        "invalid"
    );
    assert_eq!(
        WorkspaceDoc::from_json(r#"{"schema_version": 2}"#)
            .unwrap_err()
            .code(),
        "invalid"
    );
}

#[test]
fn missing_or_unknown_data_is_refused_never_defaulted() {
    let mut v = golden_value();
    v["workspace"]["users"]["user-2"]
        .as_object_mut()
        .unwrap()
        .remove("email");
    refused_as_invalid(
        &v,
        r#"workspace.users.user-2: the field "email" is missing"#,
    );

    let mut v = golden_value();
    v["workspace"]["users"]["user-2"]["nickname"] = json!("Mario");
    assert_eq!(load(&v).unwrap_err().code(), "invalid");

    let mut v = golden_value();
    let fields = v["events"][0]["change"]["organisation_set_up"].clone();
    v["events"][0]["change"] = json!({ "something_new": fields });
    assert_eq!(load(&v).unwrap_err().code(), "invalid");

    // A field a change does not have, or a change under two names.
    let mut v = golden_value();
    v["events"][1]["change"]["user_added"]["note"] = json!("x");
    assert_eq!(load(&v).unwrap_err().code(), "invalid");
    let mut v = golden_value();
    let fields = v["events"][1]["change"]["user_added"].clone();
    v["events"][1]["change"]["user_enabled"] = fields;
    assert_eq!(load(&v).unwrap_err().code(), "invalid");
    let mut v = golden_value();
    v["workspace"]["technical_benefits"]["tech-2"]["state"]["pending"]["note"] = json!("x");
    assert_eq!(load(&v).unwrap_err().code(), "invalid");
    let mut v = golden_value();
    v["workspace"]["gtm_offers"]["gtm-1"]["state"] = json!("someday");
    assert_eq!(load(&v).unwrap_err().code(), "invalid");
    // Version 1's tag is not read by version 2.
    let mut v = golden_value();
    v["events"][1]["change"]["type"] = json!("user_added");
    assert_eq!(load(&v).unwrap_err().code(), "invalid");

    let mut v = golden_value();
    v["workspace"]["product_keys"]
        .as_object_mut()
        .unwrap()
        .values_mut()
        .next()
        .unwrap()["key"] = json!("OOOOO-OOOOO-OOOOO-OOOOO-OOOOO");
    assert_eq!(load(&v).unwrap_err().code(), "invalid");
}

#[test]
fn a_state_that_differs_from_its_log_is_refused() {
    let mut v = golden_value();
    v["workspace"]["organisation"]["name"] = json!("Someone Else Ltd");
    let err = load(&v).unwrap_err();
    assert_eq!(err.code(), "inconsistent");
    assert!(err.to_string().contains("does not match its activity log"));

    let mut v = golden_value();
    v["events"].as_array_mut().unwrap().remove(3);
    assert_eq!(load(&v).unwrap_err().code(), "inconsistent");

    let mut v = golden_value();
    v["events"][2]["seq"] = json!(7);
    assert_eq!(load(&v).unwrap_err().code(), "inconsistent");
}

#[test]
fn an_empty_document_round_trips_and_a_log_rebuilds_a_document() {
    let empty = WorkspaceDoc::new();
    assert_eq!(
        WorkspaceDoc::from_json(&empty.to_json().unwrap()).unwrap(),
        empty
    );
    let golden = WorkspaceDoc::from_json(GOLDEN_V2).unwrap();
    let rebuilt = WorkspaceDoc::from_events(golden.events().to_vec()).unwrap();
    assert_eq!(rebuilt, golden);
}

#[test]
fn the_document_shape_is_documented() {
    let v = golden_value();
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["schema_version"], SCHEMA_VERSION);
    assert!(v["events"][0]["change"]["organisation_set_up"].is_object());
    assert_eq!(v["events"][0]["actor"], "user-1");
    assert!(v["workspace"]["users"]["user-1"]["roles"]
        .as_array()
        .unwrap()
        .contains(&json!("global_admin")));
    let v1 = golden_v1_value();
    assert_eq!(v1["schema_version"], 1);
    assert_eq!(v1["events"][0]["change"]["type"], "organisation_set_up");
}
