//! The workspace engine's costs (docs/DOMAIN.md quotes these figures): applying one
//! command, replaying 10,000 events, and saving / loading a large workspace.

use benefits_core::demo::{self, GLORIA, MARIO, TENANT_DOMAIN};
use benefits_core::model::*;
use benefits_core::*;
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::hint::black_box;

fn today() -> NaiveDate {
    "2026-11-20".parse().unwrap()
}

/// Applies commands one minute apart from `today`; panics on a refusal (a bench bug).
struct Feed {
    doc: WorkspaceDoc,
    now: NaiveDateTime,
}

impl Feed {
    fn new() -> Feed {
        Feed {
            doc: demo::workspace(today()),
            now: today().and_hms_opt(10, 0, 0).unwrap(),
        }
    }

    fn apply(&mut self, actor: &str, cmd: Command) {
        self.now += TimeDelta::minutes(1);
        if let Err(e) = self.doc.apply(&UserId::from(actor), self.now, &cmd) {
            panic!("{e}: {cmd:?}");
        }
    }
}

/// `n` events of a realistic mix: users, subscriptions, keys, redemptions, assignments.
fn events(n: usize) -> WorkspaceDoc {
    let mut f = Feed::new();
    let mut i = 0;
    while f.doc.events().len() < n {
        f.apply(GLORIA, demo::employee(i));
        f.apply(
            MARIO,
            Command::RecordSubscription {
                subscription: NewSubscription {
                    product: format!("Product {}", i % 50),
                    seats: 10,
                    start: "2026-01-01".parse().unwrap(),
                    end: "2027-06-30".parse().unwrap(),
                    disabled: false,
                },
            },
        );
        f.apply(
            MARIO,
            Command::AddProductKeys {
                product: format!("Product {}", i % 50),
                seats: 5,
                text: format!(
                    "{}\n{}",
                    demo::sample_key(2 * i),
                    demo::sample_key(2 * i + 1)
                ),
            },
        );
        let sub = f.doc.workspace().counters().subscriptions;
        f.apply(
            GLORIA,
            Command::RedeemKey(RedeemRequest {
                key: demo::sample_key(2 * i),
                target: RedeemTarget::Existing {
                    subscription: SubscriptionId::from_number(sub),
                },
                action: if i % 2 == 0 {
                    Action::ExtendEndDate
                } else {
                    Action::AddLicenses
                },
                confirm_tenant: TENANT_DOMAIN.into(),
            }),
        );
        f.apply(
            MARIO,
            Command::AddVisualStudioSubscriptions {
                level: VsLevel::Enterprise,
                quantity: 1,
                offer: Offer::Silver,
            },
        );
        let vs = f.doc.workspace().counters().visual_studio;
        let user = f.doc.workspace().counters().users;
        f.apply(
            GLORIA,
            Command::AssignVisualStudio {
                subscription: VsId::from_number(vs),
                user: UserId::from_number(user),
            },
        );
        i += 1;
    }
    f.doc
}

fn bench(c: &mut Criterion) {
    // `cargo bench` passes --bench; `cargo test --all-targets` runs each bench once, in a
    // debug build, where the full sizes would only slow the test suite down.
    let full = std::env::args().any(|a| a == "--bench");
    let (users, benefits, log_size) = if full {
        (5_000, 1_000, 10_000)
    } else {
        (200, 60, 600)
    };
    let mut group = c.benchmark_group("workspace");

    // One command on the demo, and on a workspace of 5,000 users (the email check scans them).
    let small = demo::workspace(today());
    let big = demo::large(today(), users, benefits).expect("the large workspace builds");
    let at = today().and_hms_opt(18, 0, 0).unwrap();
    for (name, doc) in [
        ("apply_add_user_demo", &small),
        ("apply_add_user_5000_users", &big),
    ] {
        let cmd = demo::employee(999_999);
        group.bench_function(name, |b| {
            b.iter_batched(
                || doc.workspace().clone(),
                |mut ws| {
                    ws.apply(&UserId::from(GLORIA), at, black_box(&cmd))
                        .map(|_| ws)
                },
                BatchSize::LargeInput,
            )
        });
    }
    let redeem = Command::RedeemKey(RedeemRequest {
        key: demo::M365_KEY_25.into(),
        target: RedeemTarget::Existing {
            subscription: SubscriptionId::from("sub-1"),
        },
        action: Action::ExtendEndDate,
        confirm_tenant: TENANT_DOMAIN.into(),
    });
    group.bench_function("apply_redeem_key_demo", |b| {
        b.iter_batched(
            || small.workspace().clone(),
            |mut ws| {
                ws.apply(&UserId::from(GLORIA), at, black_box(&redeem))
                    .map(|_| ws)
            },
            BatchSize::SmallInput,
        )
    });

    // Product keys are random text: each new one goes somewhere in the middle of the key
    // inventory (`RecordMap`), so adding many must stay cheap. One paste of 5,000 keys, and
    // 50 pastes of 100 into a growing inventory.
    let keys = if full { 5_000 } else { 200 };
    let pasted: Vec<String> = (0..keys)
        .map(|i| demo::sample_key(1_000_003 * i + 7))
        .collect();
    let paste = |keys: &[String]| Command::AddProductKeys {
        product: "Power BI Pro".into(),
        seats: 1,
        text: keys.join("\n"),
    };
    let one_paste = paste(&pasted);
    group.bench_function("apply_paste_5000_keys_demo", |b| {
        b.iter_batched(
            || small.workspace().clone(),
            |mut ws| {
                ws.apply(&UserId::from(MARIO), at, black_box(&one_paste))
                    .map(|_| ws)
            },
            BatchSize::LargeInput,
        )
    });
    let pastes: Vec<Command> = pasted.chunks(100).map(paste).collect();
    group.bench_function("apply_50_pastes_of_100_keys_demo", |b| {
        b.iter_batched(
            || small.workspace().clone(),
            |mut ws| {
                for p in &pastes {
                    ws.apply(&UserId::from(MARIO), at, black_box(p)).unwrap();
                }
                ws
            },
            BatchSize::LargeInput,
        )
    });

    let log = events(log_size);
    assert!(log.events().len() >= log_size);
    group.bench_function("replay_10000_events", |b| {
        b.iter(|| Workspace::replay(black_box(log.events())).map(|w| w.last_seq()))
    });

    let json = big.to_json().unwrap();
    eprintln!(
        "5,000 users + 1,000 benefits: {} events, {} bytes of JSON",
        big.events().len(),
        json.len()
    );
    group.bench_function("serialise_5000_users_1000_benefits", |b| {
        b.iter(|| black_box(&big).to_json().map(|s| s.len()))
    });
    group.bench_function("load_5000_users_1000_benefits", |b| {
        b.iter(|| WorkspaceDoc::from_json(black_box(&json)).map(|d| d.events().len()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
