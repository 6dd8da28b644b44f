//! The command line (R-API-2): `serve`, `demo`, `init`. A problem before the server runs is
//! one line on standard error and exit status 2.

use crate::auth;
use crate::db;
use crate::server::{self, ServeOptions};
use crate::store::Store;
use benefits_core::{Role, WorkspaceDoc};
use clap::{Args, Parser, Subcommand};
use std::io::Read;
use std::path::PathBuf;

pub const DEFAULT_DATABASE: &str = "sqlite://data/benefits.db";

#[derive(Parser, Debug)]
#[command(
    name = "benefits-api",
    version,
    about = "The Partner Benefits Workspace's sync API server (docs/API.md)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the API (and the built app with --static).
    Serve(Serve),
    /// Create the demo workspace, as of today; every demo user gets the password read
    /// from standard input. Prints the workspace's id on its last line.
    Demo(Demo),
    /// Create a workspace from an exported document (the app's "Export JSON"); the user
    /// with --admin-email, an enabled Global admin of it, gets the password read from
    /// standard input. Prints the workspace's id on its last line.
    Init(Init),
}

#[derive(Args, Debug)]
pub struct Database {
    /// sqlite://PATH (created with its folder when missing) or postgres://USER:PASSWORD@HOST/DATABASE.
    #[arg(long, value_name = "URL", default_value = DEFAULT_DATABASE)]
    pub database: String,
}

#[derive(Args, Debug)]
pub struct Serve {
    #[command(flatten)]
    pub database: Database,
    /// The address and port to listen on (port 0: any free port, printed at start).
    #[arg(long, value_name = "ADDRESS:PORT", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Also serve the built app from this folder (dist/), any other path getting index.html.
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
    /// The address people open; with https:// the session cookie is marked Secure.
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// Behind a reverse proxy: count sign-in attempts per the address the proxy puts last
    /// in X-Forwarded-For, not per the proxy's own address.
    #[arg(long)]
    pub trust_forwarded_for: bool,
}

#[derive(Args, Debug)]
pub struct Demo {
    #[command(flatten)]
    pub database: Database,
    /// Read the demo users' password from standard input (required: no password is built in).
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Args, Debug)]
pub struct Init {
    #[command(flatten)]
    pub database: Database,
    /// The exported document (JSON) to create the workspace from.
    #[arg(long, value_name = "FILE.json")]
    pub import: PathBuf,
    /// The email address of the Global admin who gets the password.
    #[arg(long, value_name = "EMAIL")]
    pub admin_email: String,
    /// Read the admin's password from standard input (required).
    #[arg(long)]
    pub password_stdin: bool,
}

/// Runs a parsed command line. `Err` is the one-line reason to exit with status 2.
pub async fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Serve(args) => serve(args).await,
        Command::Demo(args) => demo(args).await,
        Command::Init(args) => init(args).await,
    }
}

async fn serve(args: Serve) -> Result<(), String> {
    let shown = db::redact(&args.database.database);
    let ready = server::prepare(ServeOptions {
        database: args.database.database,
        listen: args.listen,
        static_dir: args.static_dir.clone(),
        public_url: args.public_url,
        trust_forwarded_for: args.trust_forwarded_for,
    })
    .await?;
    // Scripts and tests wait for this line (with --listen …:0 it names the port taken).
    println!(
        "benefits-api listening on http://{} ({} {shown}{})",
        ready.address,
        ready.backend(),
        match &args.static_dir {
            Some(dir) => format!(", serving {}", dir.display()),
            None => String::new(),
        }
    );
    ready.run(server::signal()).await
}

/// The password from standard input: everything read, without one final line break.
fn password_from_stdin(flag: bool, command: &str) -> Result<String, String> {
    if !flag {
        return Err(format!(
            "{command} needs --password-stdin: the password is read from standard input (none is built in)"
        ));
    }
    let mut text = String::new();
    std::io::stdin()
        .take(64 * 1024)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    let password = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(&text)
        .to_string();
    if let Some((_, message)) = auth::password_problem(&password) {
        return Err(format!(
            "the password from standard input is not accepted: {message}"
        ));
    }
    Ok(password)
}

/// Hashes the password once per user (each hash with its own salt), on every core.
async fn hash_for(users: Vec<String>, password: &str) -> Result<Vec<(String, String)>, String> {
    let mut tasks = Vec::new();
    for user in users {
        let password = password.to_string();
        tasks.push(tokio::task::spawn_blocking(move || {
            auth::hash_password(&password).map(|hash| (user, hash))
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.map_err(|e| format!("hashing failed: {e}"))??);
    }
    Ok(out)
}

fn roles_text(roles: impl Iterator<Item = Role>) -> String {
    let labels: Vec<&str> = roles.map(Role::label).collect();
    if labels.is_empty() {
        "no role".to_string()
    } else {
        labels.join(", ")
    }
}

async fn create(
    database: &str,
    doc: &WorkspaceDoc,
    credentials: &[(String, String)],
) -> Result<String, String> {
    let store = Store::new(db::open(database).await?);
    let id = store
        .create(doc, credentials, chrono::Utc::now().timestamp_millis())
        .await
        .map_err(|e| format!("cannot create the workspace: {e}"))?;
    store.db.close().await;
    Ok(id)
}

async fn demo(args: Demo) -> Result<(), String> {
    let password = password_from_stdin(args.password_stdin, "demo")?;
    let (id, doc) = create_demo(&args.database.database, &password).await?;
    let name = doc
        .workspace()
        .organisation()
        .map(|o| o.name.as_str())
        .unwrap_or_default();
    println!(
        "Created the demo workspace \"{name}\" ({} events). Each of its users signs in with the password given:",
        doc.events().len()
    );
    for u in doc.workspace().users().values() {
        println!(
            "  {:<28} {:<22} {}",
            u.email,
            u.name,
            roles_text(u.roles.iter().copied())
        );
    }
    println!("{id}");
    Ok(())
}

/// Creates the demo workspace as of today (UTC), every demo user with `password`: its id
/// and document.
pub async fn create_demo(database: &str, password: &str) -> Result<(String, WorkspaceDoc), String> {
    let today = chrono::Utc::now().date_naive();
    let doc = benefits_core::demo::try_workspace(today)
        .map_err(|e| format!("cannot build the demo workspace: {e}"))?;
    let users = doc
        .workspace()
        .users()
        .keys()
        .map(|u| u.to_string())
        .collect();
    let credentials = hash_for(users, password).await?;
    let id = create(database, &doc, &credentials).await?;
    Ok((id, doc))
}

async fn init(args: Init) -> Result<(), String> {
    let password = password_from_stdin(args.password_stdin, "init")?;
    let shown = args.import.display().to_string();
    let text =
        std::fs::read_to_string(&args.import).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let doc = WorkspaceDoc::from_json(&text).map_err(|e| format!("cannot import {shown}: {e}"))?;
    let workspace = doc.workspace();
    if workspace.organisation().is_none() {
        return Err(format!(
            "cannot import {shown}: the workspace is empty (no organisation set up)"
        ));
    }
    let admin = workspace.user_by_email(&args.admin_email).ok_or_else(|| {
        format!(
            "no user of {shown} has the email address \"{}\"",
            args.admin_email
        )
    })?;
    if !admin.is_active_global_admin() {
        return Err(format!(
            "{} ({}) is not an enabled Global admin of {shown}: give the email of one",
            admin.name, admin.email
        ));
    }
    let credentials = hash_for(vec![admin.id.to_string()], &password).await?;
    let id = create(&args.database.database, &doc, &credentials).await?;
    println!(
        "Created the workspace \"{}\" from {shown} ({} events). {} ({}) signs in with the password given and invites the others.",
        workspace.organisation().map(|o| o.name.as_str()).unwrap_or_default(),
        doc.events().len(),
        admin.name,
        admin.email
    );
    println!("{id}");
    Ok(())
}
