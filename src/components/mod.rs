//! Pieces shared by the pages.

pub mod common;
pub mod layout;
