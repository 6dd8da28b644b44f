//! R-ROLE-1 through HTTP: whatever the client sends, the server applies the matrix under
//! the signed-in user. The expected answers are the spec's table, written out here, not
//! asked of the engine.

use crate::common::*;
use serde_json::{json, Value};

/// The demo's role holders: Global admin, MPN partner admin, User admin, Admin agent.
const HOLDERS: [&str; 4] = [GLORIA, MARIO, UMA, ANDY];

/// One row of the matrix: whether GA, MPN PA, UA, AA may, and a command of that row.
struct Row {
    what: &'static str,
    may: [bool; 4],
    command: fn(who: usize, package: &str) -> Value,
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            what: "purchase a benefit package",
            may: [true, true, true, true],
            command: |who, _| json!({"command": "purchase_package", "name": format!("Package {who}"), "offer": "action_pack", "purchased_on": today()}),
        },
        Row {
            what: "reveal software keys",
            may: [true, true, false, false],
            command: |_, _| json!({"command": "reveal_software_keys", "product": "sw-1"}),
        },
        Row {
            what: "assign benefits to employees",
            may: [true, false, false, false],
            command: |_, _| json!({"command": "assign_azure_credit", "credit": "credit-1", "user": "user-3"}),
        },
        Row {
            what: "Go-To-Market: set the marketing contact",
            may: [true, true, false, false],
            command: |who, _| json!({"command": "set_marketing_contact", "contact": {"user": "user-2", "email": format!("marketing{who}@contoso.example"), "phone": "+1 425 555 0100", "preferred_language": "English"}}),
        },
        Row {
            what: "add directory users",
            may: [true, false, true, false],
            command: |who, _| json!({"command": "add_user", "user": {"name": format!("New Person {who}"), "email": format!("new{who}@contoso.example"), "kind": "member", "roles": []}}),
        },
        Row {
            what: "redeem a product key",
            may: [true, false, false, false],
            command: |_, _| json!({"command": "redeem_key", "key": benefits_core::demo::M365_KEY_25, "target": {"kind": "new_subscription"}, "action": "activate_new", "confirm_tenant": benefits_core::demo::TENANT_DOMAIN}),
        },
        Row {
            what: "request the cancellation of a package",
            may: [true, true, false, false],
            command: |_, package| json!({"command": "request_package_cancellation", "package": package}),
        },
    ]
}

#[tokio::test]
async fn every_row_of_the_matrix_is_enforced_under_the_signed_in_user() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    let mut clients = Vec::new();
    for email in HOLDERS {
        clients.push(signed_in(&server, email).await.0);
    }
    // Viewing: everyone with a role.
    for c in &clients {
        assert_eq!(
            c.get(&format!("/api/workspaces/{ws}/events")).await.status,
            200
        );
        assert_eq!(
            c.get(&format!("/api/workspaces/{ws}/document"))
                .await
                .status,
            200
        );
    }
    // Each holder buys a package of their own first (everyone may), for the cancellation row.
    let mut packages = Vec::new();
    let rows = rows();
    for (who, c) in clients.iter().enumerate() {
        let head = c.head(&ws).await;
        let resp = c
            .command(&ws, &format!("buy-{who}"), head, (rows[0].command)(who, ""))
            .await;
        assert_eq!(resp.status, 200, "{}", resp.text);
        packages.push(
            resp.json()["event"]["change"]["package_purchased"]["package"]["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    for row in &rows[1..] {
        for (who, c) in clients.iter().enumerate() {
            let head = c.head(&ws).await;
            let id = format!("{}-{who}", row.what);
            let resp = c
                .command(&ws, &id, head, (row.command)(who, &packages[who]))
                .await;
            if row.may[who] {
                assert_eq!(
                    resp.status, 200,
                    "{} may {}: {}",
                    HOLDERS[who], row.what, resp.text
                );
                assert_eq!(resp.json()["event"]["actor"], format!("user-{}", who + 1));
            } else {
                assert_eq!(
                    resp.status, 422,
                    "{} may not {}: {}",
                    HOLDERS[who], row.what, resp.text
                );
                assert_eq!(resp.error(), "permission_denied", "{}", resp.text);
                assert!(resp.json()["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("Only "));
                assert_eq!(c.head(&ws).await, head, "a refused command changed nothing");
            }
        }
    }
}

#[tokio::test]
async fn a_user_with_no_role_gets_403_on_every_endpoint_of_the_workspace() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    for email in [NORA, GUS] {
        let (c, _) = signed_in(&server, email).await;
        // Signed in, and told so.
        let who = c.get("/api/session").await;
        assert_eq!(who.status, 200);
        assert_eq!(who.json()["roles"], json!([]));
        let answers = [
            c.get(&format!("/api/workspaces/{ws}/events")).await,
            c.get(&format!("/api/workspaces/{ws}/document")).await,
            c.get(&format!("/api/workspaces/{ws}/stream")).await,
            c.command(&ws, "x", 0, offer("x")).await,
            c.post(
                &format!("/api/workspaces/{ws}/invitations"),
                &json!({"user": "user-5"}),
            )
            .await,
        ];
        for resp in answers {
            assert_eq!(resp.status, 403, "{email}: {}", resp.text);
            assert_eq!(resp.error(), "no_role");
            // Whom to ask (R-ROLE-1).
            assert!(resp.json()["message"]
                .as_str()
                .unwrap()
                .contains("Gloria Global-Admin"));
        }
    }
}

#[tokio::test]
async fn a_body_that_names_an_actor_is_refused_and_the_actor_is_always_the_signed_in_user() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    let (andy, _) = signed_in(&server, ANDY).await;
    let head = andy.head(&ws).await;
    let path = format!("/api/workspaces/{ws}/commands");
    // Andy (Admin agent) pretends to be Gloria to redeem a key.
    let redeem = json!({"command": "redeem_key", "key": benefits_core::demo::M365_KEY_25, "target": {"kind": "new_subscription"}, "action": "activate_new", "confirm_tenant": benefits_core::demo::TENANT_DOMAIN});
    let mut inside = redeem.clone();
    inside["actor"] = json!("user-1");
    for body in [
        json!({"id": "forged-1", "base": head, "actor": "user-1", "command": redeem}),
        json!({"id": "forged-2", "base": head, "command": inside}),
    ] {
        let resp = andy.post(&path, &body).await;
        assert_eq!(resp.status, 400, "{}", resp.text);
        assert!(resp.json()["message"].as_str().unwrap().contains("actor"));
    }
    // Without the forgery: refused by the matrix, as Andy.
    let resp = andy.command(&ws, "plain", head, redeem).await;
    assert_eq!(resp.status, 422);
    assert_eq!(resp.error(), "permission_denied");
    assert_eq!(resp.json()["params"]["acting_roles"], "admin_agent");
    assert_eq!(andy.head(&ws).await, head);
    // What Andy may do is recorded as Andy's.
    let resp = andy
        .command(&ws, "buy", head, json!({"command": "purchase_package", "name": "Andy's", "offer": "silver", "purchased_on": today()}))
        .await;
    assert_eq!(resp.status, 200, "{}", resp.text);
    assert_eq!(resp.json()["event"]["actor"], "user-4");
}

#[tokio::test]
async fn another_workspace_is_403_whatever_the_endpoint() {
    let db = Database::fresh().await;
    let mine = db.demo();
    let theirs = db.demo();
    let server = Server::start(&db);
    let mut gloria = server.client();
    assert_eq!(
        gloria
            .sign_in_to(GLORIA, PASSWORD, Some(&mine))
            .await
            .status,
        200
    );
    let head = gloria.head(&mine).await;
    for ws in [theirs.as_str(), "no-such-workspace"] {
        let answers = [
            gloria.get(&format!("/api/workspaces/{ws}/events")).await,
            gloria.get(&format!("/api/workspaces/{ws}/document")).await,
            gloria.get(&format!("/api/workspaces/{ws}/stream")).await,
            gloria.command(ws, "x", 0, offer("x")).await,
            gloria
                .post(
                    &format!("/api/workspaces/{ws}/invitations"),
                    &json!({"user": "user-2"}),
                )
                .await,
        ];
        for resp in answers {
            assert_eq!(resp.status, 403, "{ws}: {}", resp.text);
            assert_eq!(resp.error(), "other_workspace");
        }
    }
    // Nothing was written anywhere.
    assert_eq!(gloria.head(&mine).await, head);
    let mut other = server.client();
    assert_eq!(
        other
            .sign_in_to(GLORIA, PASSWORD, Some(&theirs))
            .await
            .status,
        200
    );
    assert_eq!(other.head(&theirs).await, head);
}

#[tokio::test]
async fn a_role_granted_through_one_process_is_honoured_by_the_other() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let a = Server::start(&db);
    let b = Server::start(&db);
    let mut nora = b.client();
    assert_eq!(nora.sign_in_to(NORA, PASSWORD, Some(&ws)).await.status, 200);
    let buy = json!({"command": "purchase_package", "name": "Nora's", "offer": "gold", "purchased_on": today()});
    // B knows her without a role.
    assert_eq!(
        nora.command(&ws, "nora-1", 0, buy.clone()).await.status,
        403
    );

    let (uma, _) = signed_in(&a, UMA).await;
    let doc = uma
        .get(&format!("/api/workspaces/{ws}/document"))
        .await
        .json();
    let mut details = doc["workspace"]["users"]["user-5"].clone();
    let details = json!({"name": details["name"].take(), "email": details["email"].take(), "kind": details["kind"].take(), "roles": ["admin_agent"]});
    let head = uma.head(&ws).await;
    let resp = uma
        .command(
            &ws,
            "grant",
            head,
            json!({"command": "edit_user", "user": "user-5", "details": details}),
        )
        .await;
    assert_eq!(resp.status, 200, "{}", resp.text);

    // B hears of it (within its 250 ms watch) and lets her act, as her.
    eventually("Nora may act through B", || {
        let (nora, buy, ws) = (nora.clone(), buy.clone(), ws.clone());
        async move { nora.command(&ws, "nora-2", head + 1, buy).await.status == 200 }
    })
    .await;
    // (A retry of the accepted id: its first answer.)
    let answer = nora.command(&ws, "nora-2", head + 1, buy).await.json();
    assert_eq!(answer["event"]["actor"], "user-5");
}
