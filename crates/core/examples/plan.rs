//! The proration engine from the command line: a `PlanRequest` as JSON in (first argument or
//! standard input), the `PlanOutcome` or `PlanError` as JSON out. The end-to-end tests use it
//! to learn what the engine answers, so the browser is checked against the engine itself.
//!
//!     cargo run -q -p benefits-core --example plan -- \
//!       '{"action":"add_licenses","active_seats":100,"end_date":"2027-01-31","key_seats":25,"today":"2026-11-20"}'
use benefits_core::proration::{plan, PlanRequest};
use std::io::Read;

fn main() {
    let input = match std::env::args().nth(1) {
        Some(arg) => arg,
        None => {
            let mut s = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut s) {
                eprintln!("could not read standard input: {e}");
                std::process::exit(2);
            }
            s
        }
    };
    let request: PlanRequest = match serde_json::from_str(&input) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("not a plan request: {e}");
            std::process::exit(2);
        }
    };
    let json = match plan(&request) {
        Ok(outcome) => serde_json::to_string(&outcome),
        Err(error) => serde_json::to_string(&error),
    };
    match json {
        Ok(text) => println!("{text}"),
        Err(e) => {
            eprintln!("could not write the answer: {e}");
            std::process::exit(1);
        }
    }
}
