//! SPEC §8, endpoint by endpoint, status codes and JSON included (R-API-3..6), against the
//! database the run chose (SQLite, or PostgreSQL inside pg_virtualenv).

use crate::common::*;
use benefits_core::WorkspaceDoc;
use benefits_protocol::{CommandAccepted, CommandRefused, EventsPage};
use futures_util::StreamExt;
use serde_json::{json, Value};
use std::time::Duration;

#[tokio::test]
async fn health_says_ok_and_which_database() {
    let db = Database::fresh().await;
    let server = Server::start(&db);
    let resp = server.client().get("/api/health").await;
    assert_eq!(resp.status, 200);
    let expected = match db.kind {
        Kind::Sqlite => "sqlite",
        Kind::Postgres => "postgres",
    };
    assert_eq!(resp.json(), json!({"status": "ok", "database": expected}));
    assert_eq!(
        resp.header("content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(resp.header("cache-control").as_deref(), Some("no-store"));
}

#[tokio::test]
async fn signing_in_says_who_and_sets_a_strict_http_only_cookie() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    let mut client = server.client();

    let resp = client.sign_in_to(MARIO, PASSWORD, None).await;
    assert_eq!(resp.status, 200, "{}", resp.text);
    assert_eq!(
        resp.json(),
        json!({"workspace": ws, "user": "user-2", "name": "Mario Partner-Admin", "roles": ["mpn_partner_admin"]})
    );
    let cookie = resp.header("set-cookie").unwrap();
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(
            cookie.split("; ").any(|f| f == flag),
            "{flag} missing: {cookie}"
        );
    }
    assert!(
        !cookie.contains("Secure"),
        "no Secure without an https public URL: {cookie}"
    );
    assert!(!resp.text.contains(PASSWORD));

    // The email is found without case; the session says the same.
    let who = client.get("/api/session").await;
    assert_eq!(who.status, 200);
    assert_eq!(who.json(), resp.json());
    let mut shouting = server.client();
    assert_eq!(
        shouting
            .sign_in_to("  MARIO@Contoso.Example ", PASSWORD, None)
            .await
            .status,
        200
    );

    // Nobody signed in.
    let anonymous = server.client().get("/api/session").await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(anonymous.error(), "not_signed_in");
}

#[tokio::test]
async fn the_cookie_is_secure_when_the_public_url_is_https() {
    let db = Database::fresh().await;
    db.demo();
    let server = Server::start_with(
        &db.url,
        &["--public-url", "https://benefits.contoso.example"],
    );
    let resp = server
        .client()
        .post(
            "/api/session",
            &json!({"email": GLORIA, "password": PASSWORD}),
        )
        .await;
    assert_eq!(resp.status, 200);
    let cookie = resp.header("set-cookie").unwrap();
    assert!(cookie.split("; ").any(|f| f == "Secure"), "{cookie}");
}

#[tokio::test]
async fn a_wrong_email_a_wrong_password_and_a_disabled_user_get_the_same_401() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    let (gloria, _) = signed_in(&server, GLORIA).await;
    let head = gloria.head(&ws).await;
    let disabled = gloria
        .command(
            &ws,
            "disable-uma",
            head,
            json!({"command": "disable_user", "user": "user-3"}),
        )
        .await;
    assert_eq!(disabled.status, 200, "{}", disabled.text);

    let mut answers = Vec::new();
    for (email, password) in [
        ("nobody@contoso.example", PASSWORD),
        (MARIO, "not the password at all"),
        (UMA, PASSWORD),
    ] {
        let resp = server
            .client()
            .post(
                "/api/session",
                &json!({"email": email, "password": password}),
            )
            .await;
        assert_eq!(resp.status, 401, "{email}");
        assert!(resp.header("set-cookie").is_none());
        answers.push(resp.json());
    }
    assert_eq!(answers[0]["error"], "invalid_credentials");
    assert!(answers[0]["message"].as_str().unwrap().len() > 20);
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[1], answers[2]);
}

#[tokio::test]
async fn one_email_in_several_workspaces_is_asked_to_choose() {
    let db = Database::fresh().await;
    let first = db.demo();
    let second = db.demo();
    let server = Server::start(&db);
    let mut client = server.client();

    let resp = client.sign_in_to(GLORIA, PASSWORD, None).await;
    assert_eq!(resp.status, 409, "{}", resp.text);
    let body = resp.json();
    assert_eq!(body["error"], "choose_workspace");
    let mut ids: Vec<&str> = body["workspaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            assert_eq!(w["name"], "Contoso Partners Ltd");
            w["id"].as_str().unwrap()
        })
        .collect();
    ids.sort();
    let mut expected = vec![first.as_str(), second.as_str()];
    expected.sort();
    assert_eq!(ids, expected);
    assert!(resp.header("set-cookie").is_none());

    let resp = client.sign_in_to(GLORIA, PASSWORD, Some(&second)).await;
    assert_eq!(resp.status, 200);
    assert_eq!(resp.json()["workspace"], second.as_str());
    // Named, but not a workspace with that person: the same 401 as any wrong sign-in.
    let resp = server
        .client()
        .sign_in_to(GLORIA, PASSWORD, Some("no-such-workspace"))
        .await;
    assert_eq!(resp.status, 401);
    assert_eq!(resp.error(), "invalid_credentials");
}

#[tokio::test]
async fn signing_out_ends_the_session_everywhere_it_was_used() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    let other = Server::start(&db);
    let (client, _) = signed_in(&server, GLORIA).await;
    let elsewhere = client.via(&other);
    assert_eq!(
        elsewhere
            .get(&format!("/api/workspaces/{ws}/events"))
            .await
            .status,
        200
    );

    let resp = client.delete("/api/session").await;
    assert_eq!(resp.status, 204);
    assert!(resp.text.is_empty());
    let cleared = resp.header("set-cookie").unwrap();
    assert!(
        cleared.starts_with("benefits_session=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );

    for c in [&client, &elsewhere] {
        assert_eq!(c.get("/api/session").await.status, 401);
        let resp = c.get(&format!("/api/workspaces/{ws}/events")).await;
        assert_eq!(resp.status, 401);
        assert_eq!(resp.error(), "not_signed_in");
    }
    // Signing out twice is not an error.
    assert_eq!(client.delete("/api/session").await.status, 204);
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_email_across_processes() {
    let db = Database::fresh().await;
    db.demo();
    let a = Server::start(&db);
    let b = Server::start(&db);
    for i in 0..10 {
        let server = if i % 2 == 0 { &a } else { &b };
        let resp = server
            .client()
            .post(
                "/api/session",
                &json!({"email": MARIO, "password": format!("wrong password {i}")}),
            )
            .await;
        assert_eq!(resp.status, 401, "attempt {i}");
    }
    for server in [&a, &b] {
        // Even the right password waits now.
        let resp = server
            .client()
            .post(
                "/api/session",
                &json!({"email": MARIO, "password": PASSWORD}),
            )
            .await;
        assert_eq!(resp.status, 429, "{}", resp.text);
        assert_eq!(resp.error(), "too_many_attempts");
        let wait: u64 = resp.header("retry-after").unwrap().parse().unwrap();
        assert!((800..=900).contains(&wait), "Retry-After {wait}");
    }
    // Another person is not held up.
    let mut gloria = a.client();
    assert_eq!(gloria.sign_in_to(GLORIA, PASSWORD, None).await.status, 200);
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_address() {
    let db = Database::fresh().await;
    db.demo();
    let server = Server::start(&db);
    for i in 0..30 {
        let resp = server
            .client()
            .post(
                "/api/session",
                &json!({"email": format!("guess{i}@contoso.example"), "password": "wrong password"}),
            )
            .await;
        assert_eq!(resp.status, 401, "attempt {i}");
    }
    let resp = server
        .client()
        .post(
            "/api/session",
            &json!({"email": GLORIA, "password": PASSWORD}),
        )
        .await;
    assert_eq!(resp.status, 429);
    assert!(resp.header("retry-after").unwrap().parse::<u64>().unwrap() > 0);
}

#[tokio::test]
async fn an_invitation_sets_a_password_once_and_signs_the_person_in() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    let (gloria, _) = signed_in(&server, GLORIA).await;
    let invitations = format!("/api/workspaces/{ws}/invitations");

    let resp = gloria.post(&invitations, &json!({"user": "user-4"})).await;
    assert_eq!(resp.status, 200, "{}", resp.text);
    let body = resp.json();
    let token = body["token"].as_str().unwrap().to_string();
    assert!(token.len() >= 32);
    let expires =
        chrono::DateTime::parse_from_rfc3339(body["expires_at"].as_str().unwrap()).unwrap();
    let in_days =
        (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_minutes() as f64 / 1440.0;
    assert!((6.99..=7.01).contains(&in_days), "{in_days} days");

    let accept = format!("/api/invitations/{token}");
    let short = server
        .client()
        .post(&accept, &json!({"password": "elevenchars"}))
        .await;
    assert_eq!(short.status, 400);
    assert_eq!(short.error(), "password_too_short");

    let new_password = "a fresh password for Andy";
    let resp = server
        .client()
        .post(&accept, &json!({"password": new_password}))
        .await;
    assert_eq!(resp.status, 200, "{}", resp.text);
    assert_eq!(resp.json()["user"], "user-4");
    let mut andy = server.client();
    andy.cookie = session_cookie(&resp);
    assert_eq!(
        andy.get(&format!("/api/workspaces/{ws}/events"))
            .await
            .status,
        200
    );

    // Once only.
    let again = server
        .client()
        .post(&accept, &json!({"password": new_password}))
        .await;
    assert_eq!(again.status, 404);
    assert_eq!(again.error(), "invalid_invitation");
    // The new password works, the old one no longer.
    assert_eq!(
        server
            .client()
            .sign_in_to(ANDY, new_password, None)
            .await
            .status,
        200
    );
    assert_eq!(
        server
            .client()
            .sign_in_to(ANDY, PASSWORD, None)
            .await
            .status,
        401
    );

    // A User admin may invite too; an Admin agent or an MPN partner admin may not (R-ROLE-1).
    let (uma, _) = signed_in(&server, UMA).await;
    assert_eq!(
        uma.post(&invitations, &json!({"user": "user-5"}))
            .await
            .status,
        200
    );
    for who in [MARIO] {
        let (c, _) = signed_in(&server, who).await;
        let resp = c.post(&invitations, &json!({"user": "user-5"})).await;
        assert_eq!(resp.status, 422, "{}", resp.text);
        assert_eq!(resp.error(), "permission_denied");
        assert_eq!(
            resp.json()["params"]["required_roles"],
            "global_admin,user_admin"
        );
    }
    let mut andy = server.client();
    assert_eq!(andy.sign_in_to(ANDY, new_password, None).await.status, 200);
    assert_eq!(
        andy.post(&invitations, &json!({"user": "user-5"}))
            .await
            .error(),
        "permission_denied"
    );

    // Someone not in the directory.
    let resp = gloria.post(&invitations, &json!({"user": "user-99"})).await;
    assert_eq!(resp.status, 422);
    assert_eq!(resp.error(), "user_not_found");
}

#[tokio::test]
async fn a_newer_invitation_replaces_the_older_and_an_expired_one_is_refused() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    let (gloria, _) = signed_in(&server, GLORIA).await;
    let invitations = format!("/api/workspaces/{ws}/invitations");
    let token = |r: Resp| r.json()["token"].as_str().unwrap().to_string();
    let old = token(gloria.post(&invitations, &json!({"user": "user-5"})).await);
    let new = token(gloria.post(&invitations, &json!({"user": "user-5"})).await);
    let password = json!({"password": "Nora's long password"});
    assert_eq!(
        server
            .client()
            .post(&format!("/api/invitations/{old}"), &password)
            .await
            .status,
        404
    );

    // Seven days pass (the database is moved, not the clock).
    use sqlx::Executor;
    let mut conn = db.connect().await;
    conn.execute("UPDATE invitations SET expires_at = expires_at - 604800001")
        .await
        .unwrap();
    let resp = server
        .client()
        .post(&format!("/api/invitations/{new}"), &password)
        .await;
    assert_eq!(resp.status, 404);
    assert_eq!(resp.error(), "invalid_invitation");
}

#[tokio::test]
async fn events_are_read_after_a_seq_in_order() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    let (client, _) = signed_in(&server, ANDY).await;
    let path = format!("/api/workspaces/{ws}/events");

    let all = client.get(&format!("{path}?after=0")).await;
    assert_eq!(all.status, 200);
    let page = EventsPage::from_json(&all.text).unwrap();
    assert!(page.head > 30);
    assert_eq!(page.events.len() as u64, page.head);
    let seqs: Vec<u64> = page.events.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=page.head).collect::<Vec<_>>());
    // "after" left out is after=0.
    assert_eq!(client.get(&path).await.text, all.text);

    let tail = client
        .get(&format!("{path}?after={}", page.head - 2))
        .await
        .json();
    assert_eq!(tail["head"], page.head);
    assert_eq!(tail["events"].as_array().unwrap().len(), 2);
    assert_eq!(tail["events"][0]["seq"], page.head - 1);
    let none = client
        .get(&format!("{path}?after={}", page.head))
        .await
        .json();
    assert_eq!(none, json!({"head": page.head, "events": []}));

    for bad in ["abc", "-1", "1.5", &(page.head + 1).to_string()] {
        let resp = client.get(&format!("{path}?after={bad}")).await;
        assert_eq!(resp.status, 400, "after={bad}");
        assert_eq!(resp.error(), "bad_request");
    }
}

/// A workspace of more than 1,000 events, imported from a document.
async fn large_workspace(db: &Database) -> String {
    let today = chrono::Utc::now().date_naive();
    let doc = benefits_core::demo::large(today, 1_100, 10).unwrap();
    assert!(doc.events().len() > 1_100);
    let dir = TempDir::new();
    let file = dir.0.join("large.json");
    std::fs::write(&file, doc.to_json().unwrap()).unwrap();
    let out = run(
        &[
            "init",
            "--database",
            &db.url,
            "--import",
            file.to_str().unwrap(),
            "--admin-email",
            GLORIA,
            "--password-stdin",
        ],
        Some(PASSWORD),
    );
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    out.stdout.lines().last().unwrap().to_string()
}

#[tokio::test]
async fn at_most_a_thousand_events_come_at_once_and_the_rest_is_pulled() {
    let db = Database::fresh().await;
    let ws = large_workspace(&db).await;
    let server = Server::start(&db);
    let (client, _) = signed_in(&server, GLORIA).await;

    let first = client
        .get(&format!("/api/workspaces/{ws}/events?after=0"))
        .await
        .json();
    let head = first["head"].as_u64().unwrap();
    let events = first["events"].as_array().unwrap();
    assert_eq!(events.len(), 1000);
    assert_eq!(events[999]["seq"], 1000);
    let (h, all) = client.all_events(&ws).await;
    assert_eq!(h, head);
    assert_contiguous(&all, head);

    // A command's answer carries at most 1,000 too, from base + 1 on.
    let resp = client.command(&ws, "far-behind", 0, offer("Late")).await;
    assert_eq!(resp.status, 200, "{}", resp.text);
    let accepted = CommandAccepted::from_json(&resp.text).unwrap();
    assert_eq!(accepted.head, head + 1);
    assert_eq!(accepted.events.len(), 1000);
    assert_eq!(accepted.events[0].seq, 1);
}

#[tokio::test]
async fn the_document_is_the_apps_export_of_the_log() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    let (client, _) = signed_in(&server, ANDY).await;
    let resp = client.get(&format!("/api/workspaces/{ws}/document")).await;
    assert_eq!(resp.status, 200);
    assert_eq!(
        resp.header("content-type").as_deref(),
        Some("application/json")
    );
    let doc = WorkspaceDoc::from_json(&resp.text).unwrap();
    let (head, events) = client.all_events(&ws).await;
    assert_eq!(doc.events().len() as u64, head);
    assert_eq!(
        serde_json::to_value(doc.events()).unwrap(),
        Value::Array(events)
    );
    assert_eq!(
        doc.workspace().organisation().unwrap().name,
        "Contoso Partners Ltd"
    );
}

#[tokio::test]
async fn an_accepted_command_answers_its_event_and_the_events_since_base() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    let (mario, _) = signed_in(&server, MARIO).await;
    let (gloria, _) = signed_in(&server, GLORIA).await;
    let base = mario.head(&ws).await;

    // Gloria changes something Mario has not seen; Mario's command on his older base is
    // rebased: checked again on the latest state, answered with both events.
    let g = gloria
        .command(&ws, "g-1", base, offer("Gloria's offer"))
        .await;
    assert_eq!(g.status, 200);
    let resp = mario
        .command(&ws, "m-1", base, offer("Mario's offer"))
        .await;
    assert_eq!(resp.status, 200, "{}", resp.text);
    let body = resp.json();
    assert_eq!(body["head"], base + 2);
    assert_eq!(body["event"]["seq"], base + 2);
    assert_eq!(body["event"]["actor"], "user-2");
    assert_eq!(
        body["event"]["change"]["gtm_offer_added"]["offer"]["name"],
        "Mario's offer"
    );
    let events = body["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["actor"], "user-1");
    assert_eq!(events[1], body["event"]);
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 3, "{keys:?}");
    // The event's time is the server's, to the second.
    let at = chrono::NaiveDateTime::parse_from_str(
        body["event"]["at"].as_str().unwrap(),
        "%Y-%m-%dT%H:%M:%S",
    )
    .unwrap();
    assert!((chrono::Utc::now().naive_utc() - at).num_seconds().abs() < 60);

    // The same id again, however late: the first answer (current head), applied once.
    let more = gloria.command(&ws, "g-2", base + 2, offer("Another")).await;
    assert_eq!(more.status, 200);
    let retry = mario
        .command(&ws, "m-1", base + 1, offer("Mario's offer"))
        .await;
    assert_eq!(retry.status, 200);
    let retried = retry.json();
    assert_eq!(retried["event"], body["event"]);
    assert_eq!(retried["head"], base + 3);
    assert_eq!(retried["events"].as_array().unwrap().len(), 2);
    let (head, all) = mario.all_events(&ws).await;
    assert_eq!(head, base + 3);
    assert_eq!(
        offers_added(&all)
            .iter()
            .filter(|n| *n == "Mario's offer")
            .count(),
        1
    );

    // The same id with another command.
    let reused = mario
        .command(&ws, "m-1", head, offer("Something else"))
        .await;
    assert_eq!(reused.status, 409);
    assert_eq!(reused.error(), "id_reused");
    assert_eq!(mario.head(&ws).await, head);
    // Ids are per workspace and per command, not per user: Gloria's "m-1" is a reuse too.
    assert_eq!(
        gloria.command(&ws, "m-1", head, offer("x")).await.status,
        409
    );
}

#[tokio::test]
async fn a_refused_command_answers_the_engines_reason_and_changes_nothing() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    let (gloria, _) = signed_in(&server, GLORIA).await;
    let base = gloria.head(&ws).await;
    // Reassigning Mario's Visual Studio subscription 30 days after it was assigned (R-VS-2).
    let command =
        json!({"command": "assign_visual_studio", "subscription": "vs-1", "user": "user-3"});
    let resp = gloria
        .command(&ws, "vs-early", base - 1, command.clone())
        .await;
    assert_eq!(resp.status, 422, "{}", resp.text);
    let body = resp.json();
    assert_eq!(body["error"], "vs_reassignment_too_early");
    assert!(
        body["message"].as_str().unwrap().contains("90 days"),
        "{}",
        body["message"]
    );
    assert!(body["params"].is_object());
    assert_eq!(body["head"], base);
    assert_eq!(body["events"].as_array().unwrap().len(), 1);
    let refused = CommandRefused::from_json(&resp.text).unwrap();
    assert_eq!(
        refused.error,
        benefits_core::ErrorCode::VsReassignmentTooEarly
    );
    assert_eq!(gloria.head(&ws).await, base);

    // A retry gets the same refusal, even once the state would allow it (it never will
    // here, but the answer is the stored one, not a new decision).
    let retry = gloria.command(&ws, "vs-early", base, command).await;
    assert_eq!(retry.status, 422);
    assert_eq!(retry.json()["message"], body["message"]);
    assert_eq!(retry.json()["params"], body["params"]);
    assert_eq!(retry.json()["events"], json!([]));
    assert_eq!(gloria.head(&ws).await, base);
}

/// Reads `event: head` / `data: {"head": H}` lines off a stream.
struct Stream {
    inner:
        std::pin::Pin<Box<dyn futures_util::Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
    buffer: String,
}

impl Stream {
    async fn open(client: &Client, ws: &str) -> (u16, Option<String>, Stream) {
        let mut request = client
            .http
            .get(format!("{}/api/workspaces/{ws}/stream", client.base));
        if let Some(cookie) = &client.cookie {
            request = request.header("cookie", cookie);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let kind = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string());
        (
            status,
            kind,
            Stream {
                inner: Box::pin(response.bytes_stream()),
                buffer: String::new(),
            },
        )
    }

    /// The next head announced, or `None` when the stream ended.
    async fn next_head(&mut self) -> Option<u64> {
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                if block.lines().any(|l| l == "event: head") {
                    let data = block
                        .lines()
                        .find_map(|l| l.strip_prefix("data: "))
                        .unwrap();
                    let value: Value = serde_json::from_str(data).unwrap();
                    return Some(value["head"].as_u64().unwrap());
                }
            }
            let chunk = tokio::time::timeout(Duration::from_secs(20), self.inner.next())
                .await
                .expect("the stream said nothing for 20 s");
            match chunk {
                Some(Ok(bytes)) => self.buffer.push_str(&String::from_utf8_lossy(&bytes)),
                _ => return None,
            }
        }
    }
}

#[tokio::test]
async fn the_stream_announces_the_head_at_once_and_as_the_log_grows() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    let other = Server::start(&db);
    let (mario, _) = signed_in(&server, MARIO).await;
    let head = mario.head(&ws).await;

    let (status, kind, mut stream) = Stream::open(&mario, &ws).await;
    assert_eq!(status, 200);
    assert!(kind.unwrap().starts_with("text/event-stream"));
    assert_eq!(stream.next_head().await, Some(head));

    assert_eq!(
        mario.command(&ws, "s-1", head, offer("One")).await.status,
        200
    );
    assert_eq!(stream.next_head().await, Some(head + 1));
    // Written through another process on the same database: heard too.
    let through_other = mario.via(&other);
    assert_eq!(
        through_other
            .command(&ws, "s-2", head + 1, offer("Two"))
            .await
            .status,
        200
    );
    assert_eq!(stream.next_head().await, Some(head + 2));

    // Signing out closes it.
    assert_eq!(mario.delete("/api/session").await.status, 204);
    assert_eq!(stream.next_head().await, None);
}

#[tokio::test]
async fn a_disabled_user_is_signed_out_everywhere_at_once_stream_included() {
    let db = Database::fresh().await;
    let ws = db.demo();
    let a = Server::start(&db);
    let b = Server::start(&db);
    let (andy, _) = signed_in(&a, ANDY).await;
    let andy_on_b = andy.via(&b);
    let (_, _, mut on_a) = Stream::open(&andy, &ws).await;
    let (_, _, mut on_b) = Stream::open(&andy_on_b, &ws).await;
    let head = on_a.next_head().await.unwrap();
    assert_eq!(on_b.next_head().await, Some(head));

    let (uma, _) = signed_in(&b, UMA).await;
    let resp = uma
        .command(
            &ws,
            "disable-andy",
            head,
            json!({"command": "disable_user", "user": "user-4"}),
        )
        .await;
    assert_eq!(resp.status, 200, "{}", resp.text);

    // Both streams end (the one on the other process as soon as it hears of the event).
    assert_eq!(on_b.next_head().await, None);
    assert_eq!(on_a.next_head().await, None);
    for c in [&andy, &andy_on_b] {
        assert_eq!(
            c.get(&format!("/api/workspaces/{ws}/events")).await.status,
            401
        );
        assert_eq!(c.get("/api/session").await.status, 401);
    }
    // Enabled again, the old session stays closed: Andy signs in anew.
    let resp = uma
        .command(
            &ws,
            "enable-andy",
            head + 1,
            json!({"command": "enable_user", "user": "user-4"}),
        )
        .await;
    assert_eq!(resp.status, 200);
    assert_eq!(andy.get("/api/session").await.status, 401);
    let mut again = a.client();
    assert_eq!(again.sign_in_to(ANDY, PASSWORD, None).await.status, 200);
}

#[tokio::test]
async fn the_built_app_is_served_with_a_single_page_fallback() {
    let db = Database::fresh().await;
    let dist = TempDir::new();
    std::fs::write(
        dist.0.join("index.html"),
        "<!doctype html><title>Benefits</title>",
    )
    .unwrap();
    std::fs::write(dist.0.join("app-1234.js"), "console.log(1)").unwrap();
    std::fs::create_dir_all(dist.0.join("assets")).unwrap();
    std::fs::write(dist.0.join("assets/bulk-sample.csv"), "key,seats\n").unwrap();
    let server = Server::start_with(&db.url, &["--static", dist.0.to_str().unwrap()]);
    let client = server.client();

    for page in ["/", "/account/users", "/plan", "/benefits/software"] {
        let resp = client.get(page).await;
        assert_eq!(resp.status, 200, "{page}");
        assert!(resp.text.contains("<title>Benefits</title>"), "{page}");
        assert!(resp
            .header("content-type")
            .unwrap()
            .starts_with("text/html"));
        assert_eq!(resp.header("cache-control").as_deref(), Some("no-cache"));
    }
    let js = client.get("/app-1234.js").await;
    assert_eq!(js.status, 200);
    assert_eq!(js.text, "console.log(1)");
    assert!(js.header("content-type").unwrap().contains("javascript"));
    assert_eq!(client.get("/assets/bulk-sample.csv").await.status, 200);
    // A missing file is a 404, not the page; so is anything outside the folder.
    assert_eq!(client.get("/app-9999.wasm").await.status, 404);
    assert_eq!(client.get("/%2e%2e/Cargo.toml").await.status, 404);
    // The API keeps its own answers.
    let api = client.get("/api/no-such-thing").await;
    assert_eq!(api.status, 404);
    assert_eq!(api.error(), "not_found");
    assert_eq!(client.get("/api/health").await.status, 200);
}

#[tokio::test]
async fn unknown_endpoints_and_methods_answer_json() {
    let db = Database::fresh().await;
    let server = Server::start(&db);
    let client = server.client();
    let resp = client.get("/api/workspaces").await;
    assert_eq!(resp.status, 404);
    assert_eq!(resp.error(), "not_found");
    let resp = client.delete("/api/health").await;
    assert_eq!(resp.status, 405);
    assert_eq!(resp.error(), "method_not_allowed");
    // Without --static, no app is served.
    assert_eq!(client.get("/").await.status, 404);
}
