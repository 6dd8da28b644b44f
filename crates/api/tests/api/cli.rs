//! R-API-2: the command line. Bad arguments, an unreachable database or a taken port: one
//! line on standard error and exit status 2; `demo` and `init` print the id last.

use crate::common::*;
use serde_json::json;

/// Exit 2 with exactly one line, naming `names`.
fn assert_one_line_error(out: &Output, names: &str) {
    assert_eq!(
        out.status,
        Some(2),
        "stdout {} stderr {}",
        out.stdout,
        out.stderr
    );
    let lines: Vec<&str> = out.stderr.trim_end().lines().collect();
    assert_eq!(lines.len(), 1, "one line: {:?}", out.stderr);
    assert!(lines[0].starts_with("benefits-api: "), "{}", lines[0]);
    assert!(lines[0].contains(names), "{} should name {names}", lines[0]);
}

#[test]
fn bad_arguments_are_one_line_and_exit_2() {
    let dir = TempDir::new();
    let db = format!("sqlite://{}/b.db", dir.0.display());
    let empty = dir.0.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec![], "Usage"),
        (vec!["launch"], "launch"),
        (vec!["serve", "--colour", "red"], "--colour"),
        (
            vec!["serve", "--database", &db, "--listen", "localhost"],
            "--listen",
        ),
        (
            vec!["serve", "--database", &db, "--listen", "127.0.0.1:99999"],
            "--listen",
        ),
        (vec!["serve", "--database", "mysql://x/y"], "mysql://x/y"),
        (
            vec![
                "serve",
                "--database",
                &db,
                "--listen",
                "127.0.0.1:0",
                "--static",
                empty.to_str().unwrap(),
            ],
            "index.html",
        ),
        (
            vec![
                "serve",
                "--database",
                &db,
                "--listen",
                "127.0.0.1:0",
                "--public-url",
                "benefits.example",
            ],
            "--public-url",
        ),
        (
            vec!["init", "--database", &db, "--password-stdin"],
            "--import",
        ),
    ];
    for (args, names) in cases {
        let out = run(&args, None);
        if args.is_empty() {
            // No command at all: the usage, and the same status.
            assert_eq!(out.status, Some(2), "{args:?}");
            continue;
        }
        assert_one_line_error(&out, names);
    }
    let help = run(&["--help"], None);
    assert_eq!(help.status, Some(0));
    assert!(
        help.stdout.contains("serve")
            && help.stdout.contains("demo")
            && help.stdout.contains("init")
    );
}

#[test]
fn an_unreachable_database_is_one_line_and_exit_2() {
    // Nothing listens on port 1; a password in the URL is never printed.
    let out = run(
        &[
            "serve",
            "--database",
            "postgres://app:s3cret@127.0.0.1:1/benefits",
            "--listen",
            "127.0.0.1:0",
        ],
        None,
    );
    assert_one_line_error(&out, "database");
    assert!(!out.stderr.contains("s3cret"), "{}", out.stderr);
    // A SQLite file that cannot be created.
    let out = run(
        &[
            "demo",
            "--database",
            "sqlite:///proc/no-such-place/b.db",
            "--password-stdin",
        ],
        Some(PASSWORD),
    );
    assert_one_line_error(&out, "/proc/no-such-place");
}

#[test]
fn a_taken_port_is_one_line_and_exit_2() {
    let dir = TempDir::new();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let db = format!("sqlite://{}/b.db", dir.0.display());
    let out = run(&["serve", "--database", &db, "--listen", &address], None);
    assert_one_line_error(&out, &address);
}

#[test]
fn demo_needs_a_password_on_standard_input_and_ships_none() {
    let dir = TempDir::new();
    let db = format!("sqlite://{}/b.db", dir.0.display());
    let out = run(&["demo", "--database", &db], Some(PASSWORD));
    assert_one_line_error(&out, "--password-stdin");
    let out = run(
        &["demo", "--database", &db, "--password-stdin"],
        Some("short\n"),
    );
    assert_one_line_error(&out, "12");
    let out = run(&["demo", "--database", &db, "--password-stdin"], Some(""));
    assert_one_line_error(&out, "12");
}

#[tokio::test]
async fn demo_creates_the_database_and_its_folder_and_prints_the_id_last() {
    let dir = TempDir::new();
    // The default database, relative to where it runs.
    let out = run_in(
        &["demo", "--password-stdin"],
        Some(&format!("{PASSWORD}\n")),
        Some(&dir.0),
    );
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    let id = out.stdout.lines().last().unwrap();
    assert_eq!(id.len(), 32);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    assert!(out.stdout.contains(GLORIA) && out.stdout.contains(NORA));
    let file = dir.0.join("data/benefits.db");
    assert!(file.is_file());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the database holds password hashes");
    }
    // The password (without its line break) opens every demo user's account.
    let url = format!("sqlite://{}", file.display());
    let server = Server::start_with(&url, &[]);
    for email in [GLORIA, MARIO, UMA, ANDY, NORA, GUS] {
        let mut c = server.client();
        let resp = c.sign_in_to(email, PASSWORD, None).await;
        assert_eq!(resp.status, 200, "{email}");
        assert_eq!(resp.json()["workspace"], id);
    }
}

#[tokio::test]
async fn init_imports_an_exported_document_for_its_global_admin() {
    let db = Database::fresh().await;
    let dir = TempDir::new();
    // What the app's "Export JSON" writes.
    let doc = benefits_core::demo::workspace(chrono::Utc::now().date_naive());
    let file = dir.0.join("export.json");
    std::fs::write(&file, doc.to_json_pretty().unwrap()).unwrap();
    let file = file.to_str().unwrap();
    let init = |email: &str, password: &str| {
        run(
            &[
                "init",
                "--database",
                &db.url,
                "--import",
                file,
                "--admin-email",
                email,
                "--password-stdin",
            ],
            Some(password),
        )
    };

    // Not a Global admin, not in the document, not a document.
    assert_one_line_error(&init(MARIO, PASSWORD), "Global admin");
    assert_one_line_error(
        &init("nobody@contoso.example", PASSWORD),
        "nobody@contoso.example",
    );
    let broken = dir.0.join("broken.json");
    std::fs::write(&broken, "{\"schema_version\": 2, \"workspace\": {}").unwrap();
    let out = run(
        &[
            "init",
            "--database",
            &db.url,
            "--import",
            broken.to_str().unwrap(),
            "--admin-email",
            GLORIA,
            "--password-stdin",
        ],
        Some(PASSWORD),
    );
    assert_one_line_error(&out, "broken.json");
    let out = run(
        &[
            "init",
            "--database",
            &db.url,
            "--import",
            "/no/such/file.json",
            "--admin-email",
            GLORIA,
            "--password-stdin",
        ],
        Some(PASSWORD),
    );
    assert_one_line_error(&out, "/no/such/file.json");

    let out = init(GLORIA, "Gloria's own password");
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    let id = out.stdout.lines().last().unwrap().to_string();

    let server = Server::start(&db);
    let mut gloria = server.client();
    let resp = gloria
        .sign_in_to(GLORIA, "Gloria's own password", None)
        .await;
    assert_eq!(resp.status, 200);
    assert_eq!(resp.json()["workspace"], id.as_str());
    // The others have no password until invited.
    assert_eq!(
        server
            .client()
            .sign_in_to(MARIO, "Gloria's own password", None)
            .await
            .status,
        401
    );
    // The log is the document's, event for event.
    let (head, events) = gloria.all_events(&id).await;
    assert_eq!(head, doc.events().len() as u64);
    assert_eq!(json!(events), serde_json::to_value(doc.events()).unwrap());
}
