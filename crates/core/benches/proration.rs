//! Plans per second for each action (the README quotes these figures).
use benefits_core::proration::{plan, Action, PlanRequest};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn bench_plan(c: &mut Criterion) {
    let today = "2026-11-20".parse().unwrap();
    let end = "2027-05-20".parse().unwrap();
    let mut group = c.benchmark_group("plan");
    group.throughput(Throughput::Elements(1));
    for action in [
        Action::ActivateNew,
        Action::ExtendEndDate,
        Action::AddLicenses,
    ] {
        let req = PlanRequest {
            action,
            active_seats: (action != Action::ActivateNew).then_some(100),
            end_date: (action != Action::ActivateNew).then_some(end),
            key_seats: 25,
            today,
        };
        group.bench_function(action.code(), |b| b.iter(|| plan(black_box(&req))));
    }
    group.finish();
}

criterion_group!(benches, bench_plan);
criterion_main!(benches);
