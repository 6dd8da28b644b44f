//! What the sync server needs of the engine beyond `apply`: an event read back from the
//! JSON it was stored as, a document rebuilt one stored event at a time (another process
//! appended them), a permission checked for an action that is not a command, and a user
//! found by email for signing in.

use benefits_core::demo::{self, ANDY, GLORIA, GUS, MARIO, NORA, UMA};
use benefits_core::*;
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

#[test]
fn every_demo_event_reads_back_from_its_json() {
    let doc = demo::workspace(today());
    assert!(doc.events().len() > 20);
    for event in doc.events() {
        let text = serde_json::to_string(event).unwrap();
        assert_eq!(&Event::from_json(&text).unwrap(), event, "{text}");
    }
}

#[test]
fn an_event_with_an_unknown_field_or_a_broken_change_is_refused_by_name() {
    let doc = demo::workspace(today());
    let mut value = serde_json::to_value(&doc.events()[1]).unwrap();
    value["actor_override"] = "user-9".into();
    let refused = Event::from_json(&value.to_string()).unwrap_err();
    assert!(refused.contains("actor_override"), "{refused}");

    let refused = Event::from_json(r#"{"seq": 1, "at": "2026-11-20T09:00:00", "actor": "user-1", "change": {"no_such_change": {}}}"#).unwrap_err();
    assert!(refused.contains("no_such_change"), "{refused}");
    assert!(Event::from_json("{").is_err());
}

#[test]
fn a_document_rebuilt_by_appending_stored_events_is_the_same_document() {
    let doc = demo::workspace(today());
    let mut rebuilt = WorkspaceDoc::new();
    assert_eq!(rebuilt.head(), 0);
    for event in doc.events() {
        let stored = serde_json::to_string(event).unwrap();
        let appended = rebuilt.append(Event::from_json(&stored).unwrap()).unwrap();
        assert_eq!(appended, event);
    }
    assert_eq!(rebuilt, doc);
    assert_eq!(rebuilt.head(), doc.events().len() as u64);
}

#[test]
fn an_event_out_of_order_or_that_does_not_fit_is_refused_and_changes_nothing() {
    let doc = demo::workspace(today());
    let events = doc.events();
    let mut rebuilt = WorkspaceDoc::from_events(events[..3].to_vec()).unwrap();
    let before = rebuilt.clone();

    // The fifth event where the fourth is due.
    let refused = rebuilt.append(events[4].clone()).unwrap_err();
    assert_eq!(refused.seq, 5);
    assert_eq!(rebuilt, before);

    // The right number, but about a user who does not exist yet.
    let mut stray = events[3].clone();
    stray.change = Change::UserDisabled {
        user: UserId::from("user-99"),
    };
    assert!(rebuilt.append(stray).is_err());
    assert_eq!(rebuilt, before);
}

#[test]
fn a_permission_is_checked_in_the_words_of_a_refused_command() {
    let doc = demo::workspace(today());
    let ws = doc.workspace();
    for (who, may) in [(GLORIA, true), (UMA, true), (MARIO, false), (ANDY, false)] {
        let answer = ws.check_permission(
            &UserId::from(who),
            Permission::ManageDirectory,
            "invite people to sign in",
        );
        assert_eq!(answer.is_ok(), may, "{who}");
        if let Err(e) = answer {
            assert_eq!(e.code, ErrorCode::PermissionDenied);
            assert!(
                e.message.starts_with(
                    "Only a Global admin or a User admin can invite people to sign in"
                ),
                "{}",
                e.message
            );
        }
    }
    for who in [NORA, GUS] {
        let e = ws
            .check_permission(&UserId::from(who), Permission::View, "view the workspace")
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::NoRole);
    }
    let e = ws
        .check_permission(&UserId::from("user-99"), Permission::View, "view")
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::UnknownActor);
}

#[test]
fn a_user_is_found_by_email_without_case_or_surrounding_spaces() {
    let doc = demo::workspace(today());
    let ws = doc.workspace();
    let gloria = ws.user(&UserId::from(GLORIA)).unwrap();
    let shouted = format!("  {}  ", gloria.email.to_uppercase());
    assert_eq!(ws.user_by_email(&shouted).unwrap().id, gloria.id);
    assert!(ws.user_by_email("nobody@contoso.example").is_none());
}
