//! Every rule of SPEC §1–§4, each test named after its rule, refusals included. They run
//! against the demo workspace of 2026-11-20 (see `common`).

mod common;

mod azure;
mod directory;
mod extremes;
mod gtm;
mod keys;
mod license;
mod membership;
mod pastes;
mod records;
mod roles;
mod software;
mod technical;
mod trusted_values;
mod visual_studio;
