//! `benefits-core`: the whole domain of the Partner Benefits Workspace.
//!
//! Pure Rust, run by both the browser (compiled to WebAssembly) and the API server: no I/O,
//! no clock (today is always passed in), no floating point in date math. Every rule of
//! `SPEC.md` lives here, once; the app only turns clicks into calls and shows the answers.

pub mod key;
pub mod proration;
pub mod time;

pub use key::{KeyError, ProductKey};
pub use proration::{plan, Action, PlanError, PlanErrorCode, PlanOutcome, PlanRequest};
pub use time::{add_months, months_between, Months};
