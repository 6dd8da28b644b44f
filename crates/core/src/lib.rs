//! `benefits-core`: the whole domain of the Partner Benefits Workspace.
//!
//! Pure Rust, run by both the browser (compiled to WebAssembly) and the API server: no I/O,
//! no clock (today is always passed in), no floating point in date or money math. Every
//! rule of `SPEC.md` lives here, once; the app only turns clicks into calls and shows the
//! answers.
//!
//! The one way to change a workspace is [`WorkspaceDoc::apply`] (or
//! [`Workspace::apply`]): a [`Command`] checked against every rule, giving an [`Event`]
//! for the activity log or a [`DomainError`] that changed nothing. See `docs/DOMAIN.md`.

mod activity;
pub mod bulk;
pub mod calendar;
pub mod command;
pub mod demo;
pub mod doc;
pub mod enum_set;
pub mod error;
pub mod event;
mod evolve;
pub mod ics;
pub mod ids;
pub mod invariants;
pub mod json;
pub mod key;
pub mod key_paste;
pub mod model;
pub mod money;
pub mod proration;
mod read;
pub mod record_map;
pub mod roles;
pub mod rules;
pub mod time;
pub mod validate;
mod variant_name;
pub mod workspace;

pub use command::{Command, RecordRef, RedeemRequest, RedeemTarget};
pub use doc::{LoadError, WorkspaceDoc, SCHEMA_VERSION};
pub use error::{CommandWarning, CommandWarningCode, DomainError, ErrorCode};
pub use event::{Change, Event, SubscriptionTerms};
pub use ids::*;
pub use key::{KeyError, ProductKey};
pub use key_paste::{
    review_software_keys, KeyLineProblem, KeyPasteReview, PastedKey, SoftwareKeyReview,
};
pub use money::{parse_amount, Currency, Notation};
pub use proration::{plan, Action, PlanError, PlanErrorCode, PlanOutcome, PlanRequest};
pub use record_map::RecordMap;
pub use roles::{allowed, Permission, Role, RoleSet};
pub use rules::redeem::{RedemptionOption, RedemptionPreview};
pub use time::{add_months, months_between, Months};
pub use workspace::{ReplayError, Workspace};
