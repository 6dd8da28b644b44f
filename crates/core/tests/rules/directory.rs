//! R-DIR-1: add, edit and disable directory users; emails unique (case-insensitive) and
//! valid; plus the guards on the Global admin role.

use crate::common::*;

#[test]
fn r_dir_1_add_a_member_or_guest_with_roles() {
    let mut doc = demo();
    let mut guest = person("Pat Guest", "pat@partner.example", &[Role::AdminAgent]);
    guest.kind = UserKind::Guest;
    ok(&mut doc, UMA, Command::AddUser { user: guest });
    let pat = user(&doc, "user-7");
    assert_eq!(pat.kind, UserKind::Guest);
    assert!(pat.has_role(Role::AdminAgent));
    assert!(!pat.disabled);
}

#[test]
fn r_dir_1_email_unique_ignoring_case() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        UMA,
        Command::AddUser {
            user: person("Other Mario", " MARIO@Contoso.Example ", &[]),
        },
    );
    assert_refusal(
        &err,
        ErrorCode::EmailInUse,
        &["Mario Partner-Admin already uses the email address mario@contoso.example"],
    );
    // Editing a user may keep their own address, in another case.
    ok(
        &mut doc,
        UMA,
        Command::EditUser {
            user: u(NORA),
            details: person("Nora No-Role", "Nora@Contoso.example", &[]),
        },
    );
    let err = refused(
        &mut doc,
        UMA,
        Command::EditUser {
            user: u(NORA),
            details: person("Nora No-Role", "gus@contoso.example", &[]),
        },
    );
    assert_eq!(err.code, ErrorCode::EmailInUse);
}

#[test]
fn r_dir_1_email_must_be_valid() {
    let mut doc = demo();
    for bad in [
        "",
        "pat",
        "pat@",
        "pat@contoso",
        "pat @contoso.example",
        "pat@@contoso.example",
    ] {
        let err = refused(
            &mut doc,
            UMA,
            Command::AddUser {
                user: person("Pat", bad, &[]),
            },
        );
        assert!(
            matches!(err.code, ErrorCode::InvalidEmail | ErrorCode::MissingValue),
            "{bad}: {err:?}"
        );
    }
    let err = refused(
        &mut doc,
        UMA,
        Command::AddUser {
            user: person("  ", "pat@contoso.example", &[]),
        },
    );
    assert_refusal(&err, ErrorCode::MissingValue, &["Enter the name"]);
}

#[test]
fn r_dir_1_disable_and_enable_a_user() {
    let mut doc = demo();
    ok(&mut doc, UMA, Command::DisableUser { user: u(ANDY) });
    assert!(user(&doc, ANDY).disabled);
    let err = refused(&mut doc, UMA, Command::DisableUser { user: u(ANDY) });
    assert_eq!(err.code, ErrorCode::NothingToChange);
    // A disabled user cannot receive benefits.
    let err = refused(
        &mut doc,
        GLORIA,
        Command::AssignVisualStudio {
            subscription: VsId::from("vs-3"),
            user: u(ANDY),
        },
    );
    assert_refusal(
        &err,
        ErrorCode::UserDisabled,
        &["Andy Admin-Agent", "disabled"],
    );
    ok(&mut doc, UMA, Command::EnableUser { user: u(ANDY) });
    assert!(!user(&doc, ANDY).disabled);
}

#[test]
fn r_dir_1_only_a_global_admin_grants_or_removes_global_admin() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        UMA,
        Command::AddUser {
            user: person("Pat", "pat@contoso.example", &[Role::GlobalAdmin]),
        },
    );
    assert_refusal(
        &err,
        ErrorCode::PermissionDenied,
        &["Only a Global admin can grant the Global admin role; you are acting as User admin"],
    );
    let err = refused(
        &mut doc,
        UMA,
        Command::EditUser {
            user: u(UMA),
            details: person(
                "Uma User-Admin",
                "uma@contoso.example",
                &[Role::UserAdmin, Role::GlobalAdmin],
            ),
        },
    );
    assert_eq!(err.code, ErrorCode::PermissionDenied);
    let err = refused(&mut doc, UMA, Command::DisableUser { user: u(GLORIA) });
    assert_refusal(
        &err,
        ErrorCode::PermissionDenied,
        &["disable a Global admin"],
    );
    ok(
        &mut doc,
        GLORIA,
        Command::EditUser {
            user: u(UMA),
            details: person(
                "Uma User-Admin",
                "uma@contoso.example",
                &[Role::UserAdmin, Role::GlobalAdmin],
            ),
        },
    );
}

#[test]
fn r_dir_1_the_last_enabled_global_admin_stays() {
    let mut doc = demo();
    let err = refused(&mut doc, GLORIA, Command::DisableUser { user: u(GLORIA) });
    assert_refusal(
        &err,
        ErrorCode::LastGlobalAdmin,
        &["only enabled Global admin"],
    );
    let err = refused(
        &mut doc,
        GLORIA,
        Command::EditUser {
            user: u(GLORIA),
            details: person(
                "Gloria Global-Admin",
                "gloria@contoso.example",
                &[Role::UserAdmin],
            ),
        },
    );
    assert_eq!(err.code, ErrorCode::LastGlobalAdmin);
    ok(
        &mut doc,
        GLORIA,
        Command::EditUser {
            user: u(MARIO),
            details: person(
                "Mario Partner-Admin",
                "mario@contoso.example",
                &[Role::MpnPartnerAdmin, Role::GlobalAdmin],
            ),
        },
    );
    ok(&mut doc, GLORIA, Command::DisableUser { user: u(GLORIA) });
}

#[test]
fn r_dir_1_unchanged_edit_and_unknown_user_are_refused() {
    let mut doc = demo();
    let same = user(&doc, NORA).details();
    let err = refused(
        &mut doc,
        UMA,
        Command::EditUser {
            user: u(NORA),
            details: same.clone(),
        },
    );
    assert_eq!(err.code, ErrorCode::NothingToChange);
    let err = refused(
        &mut doc,
        UMA,
        Command::EditUser {
            user: u("user-42"),
            details: same,
        },
    );
    assert_refusal(&err, ErrorCode::RecordNotFound, &["user-42"]);
}
