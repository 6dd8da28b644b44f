//! Bad input (R-API-5): malformed and oversized bodies, unknown commands and fields, a
//! wrong content type, invalid invitation tokens; the checks' order 401, 403, 413, 415,
//! 400; and after all of it, nothing changed.

use crate::common::*;
use benefits_protocol::MAX_BODY_BYTES;
use serde_json::json;

async fn setup() -> (Database, Server, String, Client, u64) {
    let db = Database::fresh().await;
    let ws = db.demo();
    let server = Server::start(&db);
    let (client, _) = signed_in(&server, GLORIA).await;
    let head = client.head(&ws).await;
    (db, server, ws, client, head)
}

#[tokio::test]
async fn each_malformed_command_is_a_400_naming_the_problem() {
    let (_db, _server, ws, client, head) = setup().await;
    let path = format!("/api/workspaces/{ws}/commands");
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"".to_vec(), "empty"),
        (b"{\"id\": \"a\", \"base\": ".to_vec(), "not valid JSON"),
        (b"[1, 2]".to_vec(), "JSON object"),
        (b"\"text\"".to_vec(), "JSON object"),
        (json!({"id": "a", "base": head, "command": {"command": "launch_rockets"}}).to_string().into_bytes(), "launch_rockets"),
        (json!({"id": "a", "base": head, "command": {"command": "add_gtm_offer", "name": "x", "colour": "red"}}).to_string().into_bytes(), "colour"),
        (json!({"id": "a", "base": head, "command": {"command": "add_gtm_offer"}}).to_string().into_bytes(), "name"),
        (json!({"id": "a", "base": head, "command": {"name": "x"}}).to_string().into_bytes(), "command"),
        (json!({"id": "a", "base": head, "command": offer("x"), "priority": 1}).to_string().into_bytes(), "priority"),
        (json!({"base": head, "command": offer("x")}).to_string().into_bytes(), "\"id\""),
        (json!({"id": "", "base": head, "command": offer("x")}).to_string().into_bytes(), "\"id\""),
        (json!({"id": 7, "base": head, "command": offer("x")}).to_string().into_bytes(), "\"id\""),
        (json!({"id": "x".repeat(129), "base": head, "command": offer("x")}).to_string().into_bytes(), "\"id\""),
        (json!({"id": "a", "command": offer("x")}).to_string().into_bytes(), "\"base\""),
        (json!({"id": "a", "base": -1, "command": offer("x")}).to_string().into_bytes(), "\"base\""),
        (json!({"id": "a", "base": "3", "command": offer("x")}).to_string().into_bytes(), "\"base\""),
        (json!({"id": "a", "base": head + 1, "command": offer("x")}).to_string().into_bytes(), "beyond"),
        (json!({"id": "a", "base": head}).to_string().into_bytes(), "\"command\""),
        (json!({"id": "a", "base": head, "command": {"command": "record_credit_spend", "credit": "credit-1", "on": "yesterday", "amount_minor": 1}}).to_string().into_bytes(), "command.on"),
    ];
    for (body, names) in cases {
        let shown = String::from_utf8_lossy(&body)
            .chars()
            .take(120)
            .collect::<String>();
        let resp = client.post_raw(&path, body, Some("application/json")).await;
        assert_eq!(resp.status, 400, "{shown}: {}", resp.text);
        assert_eq!(resp.error(), "bad_request");
        let message = resp.json()["message"].as_str().unwrap().to_string();
        assert!(
            message.contains(names),
            "{shown}: the message should name {names}: {message}"
        );
    }
    assert_eq!(client.head(&ws).await, head);
}

#[tokio::test]
async fn a_body_over_a_mebibyte_is_413_whether_declared_or_streamed() {
    let (_db, _server, ws, client, head) = setup().await;
    let path = format!("/api/workspaces/{ws}/commands");
    let text = "K".repeat(MAX_BODY_BYTES);
    let big = json!({"id": "big", "base": head, "command": {"command": "add_product_keys", "product": "x", "seats": 1, "text": text}})
        .to_string()
        .into_bytes();
    let resp = client
        .post_raw(&path, big.clone(), Some("application/json"))
        .await;
    assert_eq!(resp.status, 413);
    assert_eq!(resp.error(), "body_too_large");

    // Without a Content-Length (chunked): cut off as it arrives.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        big.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    let request = client
        .http
        .post(format!("{}{path}", client.base))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )));
    let resp = client.send(request).await.unwrap();
    assert_eq!(resp.status, 413);

    // Just under the limit is read (and refused for what it says, not for its size).
    let fits = json!({"id": "fits", "base": head, "command": {"command": "add_gtm_offer", "name": "y".repeat(MAX_BODY_BYTES - 200)}})
        .to_string()
        .into_bytes();
    assert!(fits.len() <= MAX_BODY_BYTES);
    let resp = client.post_raw(&path, fits, Some("application/json")).await;
    assert_eq!(
        resp.status,
        422,
        "{}",
        &resp.text[..200.min(resp.text.len())]
    );
    assert_eq!(client.head(&ws).await, head);
}

#[tokio::test]
async fn a_body_without_the_json_content_type_is_415() {
    let (_db, server, ws, client, head) = setup().await;
    let path = format!("/api/workspaces/{ws}/commands");
    let body = json!({"id": "t", "base": head, "command": offer("x")})
        .to_string()
        .into_bytes();
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("application/jsonp"),
    ] {
        let resp = client.post_raw(&path, body.clone(), content_type).await;
        assert_eq!(resp.status, 415, "{content_type:?}");
        assert_eq!(resp.error(), "unsupported_media_type");
    }
    // With parameters it is still JSON.
    let resp = client
        .post_raw(&path, body, Some("application/json; charset=utf-8"))
        .await;
    assert_eq!(resp.status, 200, "{}", resp.text);
    // Sign-in and invitations check it too.
    let sign_in = json!({"email": GLORIA, "password": PASSWORD})
        .to_string()
        .into_bytes();
    assert_eq!(
        server
            .client()
            .post_raw("/api/session", sign_in, Some("text/plain"))
            .await
            .status,
        415
    );
}

#[tokio::test]
async fn the_checks_run_in_the_order_401_403_413_415_400() {
    let (db, server, ws, gloria, head) = setup().await;
    let other_ws = db.demo();
    let path = format!("/api/workspaces/{ws}/commands");
    let big = vec![b'{'; MAX_BODY_BYTES + 1];
    let anonymous = server.client();
    let mut stranger = server.client();
    assert_eq!(
        stranger
            .sign_in_to(GLORIA, PASSWORD, Some(&other_ws))
            .await
            .status,
        200
    );
    // Nora (no role) is in both demos: this session is in `ws`.
    let mut nora = server.client();
    assert_eq!(nora.sign_in_to(NORA, PASSWORD, Some(&ws)).await.status, 200);

    // Every fault at once: the first in the order wins.
    assert_eq!(
        anonymous
            .post_raw(&path, big.clone(), Some("text/plain"))
            .await
            .status,
        401
    );
    assert_eq!(
        stranger
            .post_raw(&path, big.clone(), Some("text/plain"))
            .await
            .status,
        403
    );
    assert_eq!(
        nora.post_raw(&path, big.clone(), Some("text/plain"))
            .await
            .status,
        403
    );
    assert_eq!(
        gloria
            .post_raw(&path, big.clone(), Some("text/plain"))
            .await
            .status,
        413
    );
    assert_eq!(
        gloria
            .post_raw(&path, b"{oops".to_vec(), Some("text/plain"))
            .await
            .status,
        415
    );
    assert_eq!(
        gloria
            .post_raw(&path, b"{oops".to_vec(), Some("application/json"))
            .await
            .status,
        400
    );
    // A session cookie that is not one: 401 like none.
    let mut forged = server.client();
    forged.cookie =
        Some("benefits_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".to_string());
    assert_eq!(
        forged.post_raw(&path, big, Some("text/plain")).await.status,
        401
    );
    // (A fresh connection: the server closes one whose large body it did not read.)
    let mut forged = server.client();
    forged.cookie = Some("benefits_session=' OR 1=1 --".to_string());
    assert_eq!(
        forged
            .get(&format!("/api/workspaces/{ws}/events"))
            .await
            .status,
        401
    );
    assert_eq!(gloria.head(&ws).await, head);
}

#[tokio::test]
async fn sign_in_bodies_are_checked_like_any_other() {
    let (_db, server, _ws, _client, _head) = setup().await;
    let c = server.client();
    for (body, names) in [
        (json!({"email": GLORIA}).to_string(), "password"),
        (
            json!({"email": GLORIA, "password": PASSWORD, "remember": true}).to_string(),
            "remember",
        ),
        ("not json".to_string(), "JSON"),
    ] {
        let resp = c
            .post_raw("/api/session", body.into_bytes(), Some("application/json"))
            .await;
        assert_eq!(resp.status, 400);
        assert!(
            resp.json()["message"].as_str().unwrap().contains(names),
            "{}",
            resp.text
        );
    }
}

#[tokio::test]
async fn invalid_invitation_tokens_are_404_whatever_they_look_like() {
    let (_db, server, ws, gloria, _head) = setup().await;
    let good = gloria
        .post(
            &format!("/api/workspaces/{ws}/invitations"),
            &json!({"user": "user-5"}),
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let c = server.client();
    let password = json!({"password": "a long enough password"});
    let mut almost = good.clone();
    almost.replace_range(..1, if good.starts_with('A') { "B" } else { "A" });
    for token in [
        "x".to_string(),
        "%27%20OR%201%3D1%20--".to_string(),
        "A".repeat(43),
        "A".repeat(500),
        almost,
    ] {
        let resp = c
            .post(&format!("/api/invitations/{token}"), &password)
            .await;
        assert_eq!(resp.status, 404, "{token}: {}", resp.text);
        assert_eq!(resp.error(), "invalid_invitation");
    }
    // Malformed bodies on a good token are still 400 / 415, and leave it usable.
    let accept = format!("/api/invitations/{good}");
    assert_eq!(c.post(&accept, &json!({"pass": "x"})).await.status, 400);
    assert_eq!(
        c.post_raw(&accept, b"{}".to_vec(), Some("text/plain"))
            .await
            .status,
        415
    );
    let long = json!({"password": "x".repeat(1025)});
    assert_eq!(c.post(&accept, &long).await.error(), "password_too_long");
    assert_eq!(c.post(&accept, &password).await.status, 200);
}
