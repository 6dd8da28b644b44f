//! The sync API's integration tests: the real `benefits-api` binary, started on a free port
//! against a fresh database, driven over HTTP. One test binary (one link) for all of them.
//!
//! `cargo test -p benefits-api --test api` runs them on SQLite; inside `pg_virtualenv`
//! with `BENEFITS_TEST_DATABASE=postgres` on PostgreSQL (scripts/test.sh runs both).

mod bad_input;
mod cli;
mod common;
mod concurrency;
mod contract;
mod roles;
