//! R-STATE-1/2: the stored document. The golden file `fixtures/workspace-v1.json` was
//! written once from the demo of 2026-11-20 and is never regenerated: it must load with
//! every later version of the code (through a migration once the schema changes).

use benefits_core::*;
use serde_json::{json, Value};

const GOLDEN: &str = include_str!("fixtures/workspace-v1.json");

fn golden_value() -> Value {
    serde_json::from_str(GOLDEN).unwrap()
}

fn load(v: &Value) -> Result<WorkspaceDoc, LoadError> {
    WorkspaceDoc::from_json(&v.to_string())
}

#[test]
fn golden_v1_document_still_loads() {
    let doc = WorkspaceDoc::from_json(GOLDEN).unwrap();
    assert_eq!(doc.schema_version(), SCHEMA_VERSION);
    let ws = doc.workspace();
    assert_eq!(ws.organisation().unwrap().name, "Contoso Partners Ltd");
    assert_eq!(ws.users().len(), 6);
    assert_eq!(ws.product_keys().len(), 4);
    assert_eq!(ws.visual_studio().len(), 3);
    assert_eq!(doc.events().len() as u64, ws.last_seq());
    assert_eq!(ws.check_invariants(), Vec::<String>::new());
}

#[test]
fn golden_v1_document_round_trips_byte_for_byte() {
    // Any change to the stored shape breaks this test: raise SCHEMA_VERSION and add the
    // migration from version 1 instead of editing the fixture.
    let doc = WorkspaceDoc::from_json(GOLDEN).unwrap();
    assert_eq!(doc.to_json_pretty().unwrap().trim_end(), GOLDEN.trim_end());
}

#[test]
fn golden_v1_document_accepts_new_commands() {
    let mut doc = WorkspaceDoc::from_json(GOLDEN).unwrap();
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
    assert_eq!(again, doc);
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
    assert_eq!(
        WorkspaceDoc::from_json(r#"{"schema_version": "1"}"#)
            .unwrap_err()
            .code(),
        "not_a_workspace"
    );
    assert_eq!(
        WorkspaceDoc::from_json(r#"{"schema_version": 1}"#)
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
    let err = load(&v).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(err.to_string().contains("email"), "{err}");

    let mut v = golden_value();
    v["workspace"]["users"]["user-2"]["nickname"] = json!("Mario");
    assert_eq!(load(&v).unwrap_err().code(), "invalid");

    let mut v = golden_value();
    v["events"][0]["change"]["type"] = json!("something_new");
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
    let golden = WorkspaceDoc::from_json(GOLDEN).unwrap();
    let rebuilt = WorkspaceDoc::from_events(golden.events().to_vec()).unwrap();
    assert_eq!(rebuilt, golden);
}

#[test]
fn the_document_shape_is_documented() {
    let v = golden_value();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["events"][0]["change"]["type"], "organisation_set_up");
    assert_eq!(v["events"][0]["actor"], "user-1");
    assert!(v["workspace"]["users"]["user-1"]["roles"]
        .as_array()
        .unwrap()
        .contains(&json!("global_admin")));
}
