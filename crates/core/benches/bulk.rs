//! The bulk planner on 1,000 keys × 500 subscriptions, per goal (docs/BULK_PLANNER.md
//! quotes these figures). The instance is generated from a fixed seed: three products
//! (half Microsoft 365, 30 % Power BI, 20 % Dynamics 365), key sizes of 1 to 100 licenses,
//! subscriptions of 1 to 300 licenses ending in the next two years; plus the same size as
//! one single product, the hardest case for the heuristic.
use benefits_core::bulk::{plan_bulk, BulkKey, BulkRequest, BulkSubscription, Goal};
use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
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

pub fn instance(keys: usize, subs: usize, products: &[&str], goal: Goal) -> BulkRequest {
    let mut rng = Lcg(42);
    let today: NaiveDate = "2026-11-20".parse().unwrap();
    let product = |rng: &mut Lcg| {
        let r = rng.next(10) as usize;
        products[[0, 0, 0, 0, 0, 1, 1, 1, 2, 2][r] % products.len()].to_string()
    };
    let key_sizes = [1, 5, 5, 10, 10, 10, 25, 25, 50, 100];
    let sub_sizes = [1, 3, 5, 10, 10, 15, 25, 40, 100, 300];
    BulkRequest {
        keys: (0..keys)
            .map(|i| BulkKey {
                id: format!("K{i:04}"),
                product: product(&mut rng),
                seats: key_sizes[rng.next(10) as usize],
            })
            .collect(),
        subscriptions: (0..subs)
            .map(|i| BulkSubscription {
                id: format!("S{i:03}"),
                product: product(&mut rng),
                seats: sub_sizes[rng.next(10) as usize],
                end_date: today + Days::new(1 + rng.next(730)),
            })
            .collect(),
        today,
        goal,
        reactivate_expired: false,
    }
}

const PRODUCTS: [&str; 3] = [
    "Microsoft 365 Business Premium",
    "Power BI Pro",
    "Dynamics 365 Sales Enterprise",
];

/// `cargo test --all-targets` runs each benchmark once, unoptimised: there a tenth of the
/// size is enough to show it still runs.
const SCALE: usize = if cfg!(debug_assertions) { 10 } else { 1 };

fn bench_bulk(c: &mut Criterion) {
    let (keys, subs) = (1000 / SCALE, 500 / SCALE);
    let goals = [
        ("align", Goal::AlignEndDates { target: None }),
        ("maximise_months", Goal::MaximiseMonths { horizon: None }),
        ("keep_12_months", Goal::KeepTwelveMonths),
    ];
    let mut group = c.benchmark_group(format!("bulk_{keys}_keys_{subs}_subscriptions"));
    group.sample_size(10);
    for (name, goal) in goals {
        let req = instance(keys, subs, &PRODUCTS, goal);
        group.bench_function(name, |b| b.iter(|| plan_bulk(black_box(&req))));
    }
    for (name, goal) in goals {
        let req = instance(keys, subs, &PRODUCTS[..1], goal);
        group.bench_function(format!("one_product_{name}"), |b| {
            b.iter(|| plan_bulk(black_box(&req)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_bulk);
criterion_main!(benches);
