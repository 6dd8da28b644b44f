//! Reading what a partner brings in bulk (docs/BULK_PLANNER.md and README quote these
//! figures): the bulk planner's CSV of 1,000, 10,000 and 100,000 rows, read and checked row
//! by row (`parse_csv_within`, without the file limits, to show the reader grows with the
//! file), and a 2 MB file as `parse_csv` refuses it; product keys pasted at once, reviewed
//! line by line against the demo's inventory (`review_key_paste`): 1,000 and 10,000 keys,
//! and 2 MB of them (refused as a whole, above `MAX_PASTE_LINES`).
use benefits_core::bulk::{parse_csv, parse_csv_within};
use benefits_core::demo;
use benefits_core::key::ProductKey;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

/// A fixed pseudo-random sequence (no dependency needed for a benchmark's data).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

const PRODUCTS: [&str; 3] = [
    "Microsoft 365 Business Premium",
    "Power BI Pro",
    "Dynamics 365 Sales Enterprise",
];

/// A CSV of `rows` rows after the header: half keys, half subscriptions, a few bad rows.
pub fn csv(rows: usize) -> String {
    let mut rng = Lcg(7);
    let mut out = String::from("kind,id,product,seats,end_date\n");
    for i in 0..rows {
        let product = PRODUCTS[rng.next(3) as usize];
        let seats = 1 + rng.next(300);
        if i % 500 == 499 {
            out.push_str(&format!("key,K{i},{product},lots,\n"));
        } else if i % 2 == 0 {
            out.push_str(&format!("key,K{i},{product},{seats},\n"));
        } else {
            let day = 1 + rng.next(28);
            let month = 1 + rng.next(12);
            out.push_str(&format!(
                "subscription,S{i},{product},{seats},2027-{month:02}-{day:02}\n"
            ));
        }
    }
    out
}

/// `n` distinct well-formed keys, one per line.
pub fn keys(n: usize) -> String {
    const ALPHABET: &[u8] = b"BCDFGHJKMPQRTVWXY2346789";
    let mut rng = Lcg(11);
    let mut out = String::with_capacity(n * 30);
    for _ in 0..n {
        let raw: String = (0..25)
            .map(|_| ALPHABET[rng.next(ALPHABET.len() as u64) as usize] as char)
            .collect();
        let key = ProductKey::parse(&raw).expect("the alphabet makes keys");
        out.push_str(&key.to_string());
        out.push('\n');
    }
    out
}

/// `cargo test --all-targets` runs each benchmark once, unoptimised: there a tenth of the
/// size is enough to show it still runs.
const SCALE: usize = if cfg!(debug_assertions) { 100 } else { 1 };

fn bench_csv(c: &mut Criterion) {
    let mut group = c.benchmark_group("bulk_csv_read_and_check");
    group.sample_size(10);
    for rows in [1_000, 10_000, 100_000] {
        let rows = rows / SCALE;
        let text = csv(rows);
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_with_input(BenchmarkId::from_parameter(rows), &text, |b, text| {
            b.iter(|| parse_csv_within(black_box(text), u64::MAX, usize::MAX))
        });
    }
    // The 2 MB file (36,000 rows), as the app reads it: refused at once.
    let text = csv(36_000 / SCALE);
    group.bench_function("refused_2_MB", |b| b.iter(|| parse_csv(black_box(&text))));
    group.finish();
}

fn bench_paste(c: &mut Criterion) {
    let doc = demo::workspace("2026-11-20".parse().unwrap());
    let ws = doc.workspace();
    let mut group = c.benchmark_group("key_paste_review");
    group.sample_size(10);
    // 2 MB of keys: 29 characters and a line break each.
    for n in [1_000, 10_000, 2_000_000 / 30] {
        let n = n / SCALE;
        let text = keys(n);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| ws.review_key_paste(black_box(text)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_csv, bench_paste);
criterion_main!(benches);
