//! R-ROLE-1: the whole matrix, one test per cell, and the acting-user checks.

use crate::common::*;

#[derive(Clone, Copy)]
enum Row {
    View,
    Purchase,
    RevealActivate,
    AssignEmployees,
    GoToMarket,
    Directory,
    Redeem,
    Cancel,
}

/// Commands of each row that the demo accepts from a Global admin.
fn commands(row: Row) -> Vec<Command> {
    match row {
        Row::View => vec![],
        Row::Purchase => vec![Command::PurchasePackage {
            name: "Gold Cloud Platform".into(),
            offer: Offer::Gold,
            purchased_on: today(),
        }],
        Row::RevealActivate => vec![
            Command::RevealSoftwareKeys {
                product: SoftwareId::from("sw-2"),
            },
            Command::ActivateTechnicalBenefit {
                benefit: TechId::from("tech-1"),
            },
        ],
        Row::AssignEmployees => vec![
            Command::AssignVisualStudio {
                subscription: VsId::from("vs-3"),
                user: u(NORA),
            },
            Command::AssignAzureCredit {
                credit: CreditId::from("credit-1"),
                user: u(ANDY),
            },
            Command::RemoveAzureCreditUser {
                credit: CreditId::from("credit-1"),
                user: u(GUS),
            },
        ],
        Row::GoToMarket => vec![
            Command::SetMarketingContact {
                contact: MarketingContact {
                    user: u(MARIO),
                    email: "mario.marketing@contoso.example".into(),
                    phone: "+1 425 555 0100".into(),
                    preferred_language: "English".into(),
                },
            },
            Command::ActivateGtmOffer {
                offer: GtmId::from("gtm-1"),
            },
        ],
        Row::Directory => vec![
            Command::AddUser {
                user: person("Pat Newcomer", "pat@contoso.example", &[]),
            },
            Command::EditUser {
                user: u(NORA),
                details: person("Nora No-Role", "nora@contoso.example", &[Role::AdminAgent]),
            },
            Command::DisableUser { user: u(GUS) },
        ],
        Row::Redeem => vec![redeem(
            M365_KEY_25,
            existing("sub-1"),
            Action::ExtendEndDate,
        )],
        Row::Cancel => vec![Command::RequestPackageCancellation {
            package: PackageId::from("pkg-2"),
        }],
    }
}

fn role_of(actor: &str) -> Role {
    match actor {
        GLORIA => Role::GlobalAdmin,
        MARIO => Role::MpnPartnerAdmin,
        UMA => Role::UserAdmin,
        _ => Role::AdminAgent,
    }
}

fn check_cell(row: Row, actor: &str, expect_allowed: bool) {
    let mut doc = demo();
    if let Row::View = row {
        let r = doc.workspace().check_can_view(&u(actor));
        assert_eq!(r.is_ok(), expect_allowed, "{r:?}");
        return;
    }
    for cmd in commands(row) {
        if expect_allowed {
            ok(&mut doc, actor, cmd);
        } else {
            let err = refused(&mut doc, actor, cmd.clone());
            let needed = cmd.permission().unwrap().roles();
            assert_refusal(
                &err,
                ErrorCode::PermissionDenied,
                &[
                    &format!("Only {} can", benefits_core::roles::roles_phrase(needed)),
                    &format!("you are acting as {}", role_of(actor).label()),
                ],
            );
        }
    }
}

macro_rules! cells {
    ($($name:ident: $row:ident, $actor:ident, $allowed:expr;)*) => {
        $(
            #[test]
            fn $name() {
                check_cell(Row::$row, $actor, $allowed);
            }
        )*
    };
}

cells! {
    r_role_1_view_global_admin_allowed: View, GLORIA, true;
    r_role_1_view_mpn_partner_admin_allowed: View, MARIO, true;
    r_role_1_view_user_admin_allowed: View, UMA, true;
    r_role_1_view_admin_agent_allowed: View, ANDY, true;
    r_role_1_purchase_package_global_admin_allowed: Purchase, GLORIA, true;
    r_role_1_purchase_package_mpn_partner_admin_allowed: Purchase, MARIO, true;
    r_role_1_purchase_package_user_admin_allowed: Purchase, UMA, true;
    r_role_1_purchase_package_admin_agent_allowed: Purchase, ANDY, true;
    r_role_1_reveal_and_activate_global_admin_allowed: RevealActivate, GLORIA, true;
    r_role_1_reveal_and_activate_mpn_partner_admin_allowed: RevealActivate, MARIO, true;
    r_role_1_reveal_and_activate_user_admin_refused: RevealActivate, UMA, false;
    r_role_1_reveal_and_activate_admin_agent_refused: RevealActivate, ANDY, false;
    r_role_1_assign_employee_benefits_global_admin_allowed: AssignEmployees, GLORIA, true;
    r_role_1_assign_employee_benefits_mpn_partner_admin_refused: AssignEmployees, MARIO, false;
    r_role_1_assign_employee_benefits_user_admin_refused: AssignEmployees, UMA, false;
    r_role_1_assign_employee_benefits_admin_agent_refused: AssignEmployees, ANDY, false;
    r_role_1_go_to_market_global_admin_allowed: GoToMarket, GLORIA, true;
    r_role_1_go_to_market_mpn_partner_admin_allowed: GoToMarket, MARIO, true;
    r_role_1_go_to_market_user_admin_refused: GoToMarket, UMA, false;
    r_role_1_go_to_market_admin_agent_refused: GoToMarket, ANDY, false;
    r_role_1_directory_global_admin_allowed: Directory, GLORIA, true;
    r_role_1_directory_mpn_partner_admin_refused: Directory, MARIO, false;
    r_role_1_directory_user_admin_allowed: Directory, UMA, true;
    r_role_1_directory_admin_agent_refused: Directory, ANDY, false;
    r_role_1_redeem_key_global_admin_allowed: Redeem, GLORIA, true;
    r_role_1_redeem_key_mpn_partner_admin_refused: Redeem, MARIO, false;
    r_role_1_redeem_key_user_admin_refused: Redeem, UMA, false;
    r_role_1_redeem_key_admin_agent_refused: Redeem, ANDY, false;
    r_role_1_request_cancellation_global_admin_allowed: Cancel, GLORIA, true;
    r_role_1_request_cancellation_mpn_partner_admin_allowed: Cancel, MARIO, true;
    r_role_1_request_cancellation_user_admin_refused: Cancel, UMA, false;
    r_role_1_request_cancellation_admin_agent_refused: Cancel, ANDY, false;
}

#[test]
fn r_role_1_matrix_table_is_the_spec() {
    use Permission::*;
    // Rows of SPEC §1 in order; columns GA, MPN PA, UA, AA.
    let spec = [
        (View, [true, true, true, true]),
        (PurchasePackage, [true, true, true, true]),
        (ActivateBenefits, [true, true, false, false]),
        (AssignEmployeeBenefits, [true, false, false, false]),
        (GoToMarket, [true, true, false, false]),
        (ManageDirectory, [true, false, true, false]),
        (RedeemKey, [true, false, false, false]),
        (RequestCancellation, [true, true, false, false]),
    ];
    for (permission, row) in spec {
        for (role, expected) in Role::ALL.into_iter().zip(row) {
            assert_eq!(
                allowed(&[role], permission),
                expected,
                "{permission:?} {role:?}"
            );
        }
    }
    // Several roles: any of them suffices.
    assert!(allowed(
        &[Role::UserAdmin, Role::MpnPartnerAdmin],
        Permission::GoToMarket
    ));
    assert!(!allowed(&[], Permission::View));
}

#[test]
fn r_role_1_refusal_names_the_role_needed_and_the_role_acted_as() {
    let mut doc = demo();
    let err = refused(
        &mut doc,
        UMA,
        Command::AssignVisualStudio {
            subscription: VsId::from("vs-3"),
            user: u(NORA),
        },
    );
    assert_eq!(
        err.message,
        "Only a Global admin can assign Visual Studio subscriptions to employees; you are acting as User admin. Ask Gloria Global-Admin (Global admin) to do it."
    );
    assert_eq!(err.params["required_roles"], "global_admin");
    assert_eq!(err.params["acting_roles"], "user_admin");
}

#[test]
fn r_role_1_beyond_the_matrix_record_keeping_is_for_global_and_mpn_partner_admins() {
    let cmd = Command::AddGtmOffer {
        name: "Gold Core".into(),
    };
    for (actor, allowed) in [(GLORIA, true), (MARIO, true), (UMA, false), (ANDY, false)] {
        let mut doc = demo();
        if allowed {
            ok(&mut doc, actor, cmd.clone());
        } else {
            let err = refused(&mut doc, actor, cmd.clone());
            assert_refusal(
                &err,
                ErrorCode::PermissionDenied,
                &["Only a Global admin or an MPN partner admin can add Go-To-Market offers"],
            );
        }
    }
}

#[test]
fn r_role_1_a_user_with_no_role_sees_only_whom_to_ask() {
    let mut doc = demo();
    for actor in [NORA, GUS] {
        let err = doc.workspace().check_can_view(&u(actor)).unwrap_err();
        assert_refusal(
            &err,
            ErrorCode::NoRole,
            &["has no role", "Ask a Global admin (Gloria Global-Admin)"],
        );
        assert!(doc.workspace().permissions_of(&u(actor)).is_empty());
        // Not even purchasing, which every role may do.
        let err = refused(
            &mut doc,
            actor,
            Command::PurchasePackage {
                name: "x".into(),
                offer: Offer::Gold,
                purchased_on: today(),
            },
        );
        assert_eq!(err.code, ErrorCode::NoRole);
    }
}

#[test]
fn r_role_1_disabled_and_unknown_actors_are_refused() {
    let mut doc = demo();
    ok(&mut doc, GLORIA, Command::DisableUser { user: u(MARIO) });
    let err = refused(
        &mut doc,
        MARIO,
        Command::RevealSoftwareKeys {
            product: SoftwareId::from("sw-2"),
        },
    );
    assert_refusal(
        &err,
        ErrorCode::ActorDisabled,
        &["Mario Partner-Admin's account is disabled"],
    );
    let err = refused(
        &mut doc,
        "user-99",
        Command::RevealSoftwareKeys {
            product: SoftwareId::from("sw-2"),
        },
    );
    assert_refusal(&err, ErrorCode::UnknownActor, &["user-99"]);
}

#[test]
fn r_role_1_permissions_of_lists_what_the_ui_may_offer() {
    let doc = demo();
    let ws = doc.workspace();
    assert_eq!(ws.permissions_of(&u(GLORIA)).len(), Permission::ALL.len());
    let uma: Vec<Permission> = ws.permissions_of(&u(UMA)).into_iter().collect();
    assert_eq!(
        uma,
        vec![
            Permission::View,
            Permission::PurchasePackage,
            Permission::ManageDirectory
        ]
    );
    assert!(ws.can(&u(MARIO), Permission::RequestCancellation));
    assert!(!ws.can(&u(ANDY), Permission::RedeemKey));
}

#[test]
fn bootstrap_an_empty_workspace_accepts_only_the_organisation_set_up() {
    let mut doc = WorkspaceDoc::new();
    let err = refused(
        &mut doc,
        "anyone",
        Command::AddGtmOffer { name: "x".into() },
    );
    assert_eq!(err.code, ErrorCode::NoOrganisation);
    let org = demo().workspace().organisation().unwrap().clone();
    let e = ok(
        &mut doc,
        "whoever",
        Command::SetUpOrganisation {
            organisation: org.clone(),
            first_global_admin: person("Gloria Global-Admin", "gloria@contoso.example", &[]),
        },
    );
    assert_eq!(
        e.actor,
        u("user-1"),
        "the first admin is recorded as the actor"
    );
    assert!(user(&doc, "user-1").has_role(Role::GlobalAdmin));
    let err = refused(
        &mut doc,
        "user-1",
        Command::SetUpOrganisation {
            organisation: org,
            first_global_admin: person("X", "x@contoso.example", &[]),
        },
    );
    assert_eq!(err.code, ErrorCode::OrganisationExists);
}
