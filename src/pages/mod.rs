//! One page per file.

pub mod area;
pub mod not_found;
pub mod plan;
