//! R-VS-1..2: Visual Studio subscriptions.

use crate::common::*;

fn assign(vs: &str, user: &str) -> Command {
    Command::AssignVisualStudio {
        subscription: VsId::from(vs),
        user: u(user),
    }
}

#[test]
fn r_vs_1_assigning_activates_a_subscription() {
    let mut doc = demo();
    ok(&mut doc, GLORIA, assign("vs-3", GUS));
    let vs = &doc.workspace().visual_studio()[&VsId::from("vs-3")];
    assert_eq!(vs.assignment.as_ref().unwrap().user, u(GUS));
    assert_eq!(vs.assignment.as_ref().unwrap().assigned_on, today());
    assert_eq!(doc.workspace().visual_studio_of(&u(GUS)).len(), 1);
    let err = refused(&mut doc, GLORIA, assign("vs-3", "user-50"));
    assert_refusal(
        &err,
        ErrorCode::UserNotFound,
        &["Add the person in Account settings first"],
    );
}

#[test]
fn r_vs_2_reassignment_refused_before_90_days_names_the_date() {
    // vs-1 was assigned to Mario on 2026-10-21.
    let mut doc = demo();
    let err = refused(&mut doc, GLORIA, assign("vs-1", NORA));
    assert_refusal(
        &err,
        ErrorCode::VsReassignmentTooEarly,
        &[
            "assigned to Mario Partner-Admin on 2026-10-21",
            "Reassignment is possible from 2027-01-19, 90 days after the original assignment",
        ],
    );
    assert_eq!(err.params["allowed_from"], "2027-01-19");
    let err = refused_at(
        &mut doc,
        GLORIA,
        noon(d("2027-01-18")),
        assign("vs-1", NORA),
    );
    assert_eq!(err.code, ErrorCode::VsReassignmentTooEarly);
}

#[test]
fn r_vs_2_reassignment_allowed_from_day_90() {
    let mut doc = demo();
    let e = ok_at(
        &mut doc,
        GLORIA,
        noon(d("2027-01-19")),
        assign("vs-1", NORA),
    );
    assert!(doc.workspace().describe(&e).contains(
        "reassigned Visual Studio subscription vs-1 from Mario Partner-Admin to Nora No-Role"
    ));
    // The new assignment starts a new 90 days.
    let err = refused_at(
        &mut doc,
        GLORIA,
        noon(d("2027-02-01")),
        assign("vs-1", MARIO),
    );
    assert_refusal(
        &err,
        ErrorCode::VsReassignmentTooEarly,
        &["possible from 2027-04-19"],
    );
    // vs-2 was assigned 120 days ago: reassignable today.
    ok(&mut doc, GLORIA, assign("vs-2", GUS));
}

#[test]
fn r_vs_2_removal_follows_the_same_90_days() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        GLORIA,
        Command::UnassignVisualStudio {
            subscription: VsId::from("vs-1"),
        },
    );
    assert_refusal(
        &err,
        ErrorCode::VsReassignmentTooEarly,
        &["Removing it from its subscriber is possible from 2027-01-19"],
    );
    ok(
        &mut doc,
        GLORIA,
        Command::UnassignVisualStudio {
            subscription: VsId::from("vs-2"),
        },
    );
    let err = refused(
        &mut doc,
        GLORIA,
        Command::UnassignVisualStudio {
            subscription: VsId::from("vs-2"),
        },
    );
    assert_eq!(err.code, ErrorCode::VsNotAssigned);
    // A freed subscription can be assigned at once.
    ok(&mut doc, GLORIA, assign("vs-2", NORA));
}

#[test]
fn r_vs_2_assigning_to_the_same_user_again_is_refused() {
    let mut doc = demo();
    let err = refused(&mut doc, GLORIA, assign("vs-2", UMA));
    assert_refusal(
        &err,
        ErrorCode::VsAlreadyAssignedToUser,
        &["already assigned to Uma User-Admin (since 2026-07-23)"],
    );
}

#[test]
fn r_vs_1_subscriptions_are_added_by_quantity() {
    let mut doc = demo();
    ok(
        &mut doc,
        MARIO,
        Command::AddVisualStudioSubscriptions {
            level: VsLevel::Professional,
            quantity: 2,
            offer: Offer::ActionPack,
        },
    );
    let ws = doc.workspace();
    assert_eq!(ws.visual_studio().len(), 5);
    assert_eq!(
        ws.visual_studio()[&VsId::from("vs-5")].level,
        VsLevel::Professional
    );
    let err = refused(
        &mut doc,
        MARIO,
        Command::AddVisualStudioSubscriptions {
            level: VsLevel::Professional,
            quantity: 0,
            offer: Offer::ActionPack,
        },
    );
    assert_eq!(err.code, ErrorCode::InvalidAmount);
}
