//! Writes a large workspace document (the demo plus N people and M benefits) as JSON on
//! standard output, for the end-to-end test that measures the pages on a large partner.
//!
//!     cargo run -q -p benefits-core --example large_workspace -- 5000 1000 2026-11-20
use benefits_core::demo;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut number = |default: usize| {
        args.next()
            .map(|a| a.parse().unwrap_or(default))
            .unwrap_or(default)
    };
    let (users, benefits) = (number(5_000), number(1_000));
    let today = std::env::args()
        .nth(3)
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default());
    match demo::large(today, users, benefits).map(|doc| doc.to_json()) {
        Ok(Ok(json)) => println!("{json}"),
        Ok(Err(e)) => {
            eprintln!("could not write the document: {e}");
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("a command was refused: {e}");
            std::process::exit(1);
        }
    }
}
