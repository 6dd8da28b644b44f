//! One page per file.

pub mod activity;
pub mod azure_cloud;
pub mod bulk_plan;
pub mod calendar;
pub mod go_to_market;
pub mod membership;
pub mod not_applied;
pub mod not_found;
pub mod plan;
pub mod redeem;
pub mod settings;
pub mod sign_in;
pub mod software;
pub mod technical;
pub mod users;
pub mod visual_studio;
