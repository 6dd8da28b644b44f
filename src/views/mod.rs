//! View models of the pages: plain functions from the workspace to what a page shows, and
//! the reading of its forms, tested natively.

pub mod activity_log;
pub mod azure;
pub mod azure_licenses;
pub mod bulk;
pub mod calendar;
pub mod directory;
pub mod gtm;
pub mod membership;
pub mod settings;
pub mod software;
pub mod software_and_azure;
pub mod technical;
pub mod vs;
