//! `benefits-api`: the sync API server of the Partner Benefits Workspace (SPEC §8).
//!
//! It holds no rule of its own: every command goes through `benefits-core` under the
//! signed-in user and the server's clock; this crate adds who is signed in, the event log
//! in a database (SQLite or PostgreSQL), and HTTP. `docs/API.md` describes it.

pub mod auth;
pub mod cli;
pub mod db;
pub mod http;
pub mod server;
pub mod store;
