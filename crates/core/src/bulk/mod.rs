//! The bulk key planner (R-PLAN-2): a pool of unredeemed keys and a set of subscriptions →
//! a recommended list of redemptions that reaches a goal the user picks, never breaking
//! R-PRO-5. Every line is computed by [`crate::proration::plan`] from the state the lines
//! before it leave, so the plan can be applied key by key through the redemption wizard.
//!
//! The goals, their exact objectives, the algorithm and its tested optimality are described
//! in `docs/BULK_PLANNER.md`. In short: keys only go to subscriptions of the same product
//! (compared without regard to case or repeated spaces), so each product is planned on its
//! own; a product with few keys is solved exactly, a larger one by greedy construction and
//! local search.
//!
//! The input is plain data (from the workspace, or from a CSV file through [`parse_csv`]);
//! bad input never stops the planner: each bad key or subscription is listed with the reason
//! and the rest is planned.

mod csv;
mod solve;

pub use csv::{
    csv_file_refusal, parse_csv, parse_csv_within, to_csv, CsvError, CsvImport, CSV_HEADER,
    MAX_CSV_BYTES, MAX_CSV_ROWS,
};
#[doc(hidden)]
pub use solve::Solver;

use crate::proration::{
    plan, Action, PlanOutcome, PlanRequest, KEY_TERM_MONTHS, MAX_EXTENSION_MONTHS, MAX_SEATS,
};
use crate::time::{add_months, months_between, LongDate, Months, MAX_DATE, MIN_DATE};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use solve::{GoalRule, Problem, Rules, SubState};
use std::collections::{BTreeMap, BTreeSet};

/// An unredeemed product key in the pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkKey {
    /// How the partner names the key: a label, an order number or a masked key. Unique.
    pub id: String,
    pub product: String,
    /// Licenses on the key (K).
    pub seats: i64,
}

/// A subscription in the tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkSubscription {
    /// How the partner names the subscription. Unique.
    pub id: String,
    pub product: String,
    /// Active licenses (A).
    pub seats: i64,
    pub end_date: NaiveDate,
}

/// What the plan should achieve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Goal {
    /// Bring every end date as close as possible to one date: minimise the sum, over the
    /// subscriptions, of the days between the end date and the target. Without a target,
    /// [`suggested_target`] is used.
    AlignEndDates {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<NaiveDate>,
    },
    /// Maximise the months of service within a horizon: the sum, over the subscriptions, of
    /// the days from today to the end date, each counted up to the horizon. Without a
    /// horizon, today + 36 months (the longest one key can extend, R-PRO-5) is used.
    MaximiseMonths {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        horizon: Option<NaiveDate>,
    },
    /// Maximise the number of subscriptions with 12 months or more left, then minimise the
    /// days the others fall short.
    KeepTwelveMonths,
}

impl Goal {
    pub fn code(self) -> &'static str {
        match self {
            Goal::AlignEndDates { .. } => "align_end_dates",
            Goal::MaximiseMonths { .. } => "maximise_months",
            Goal::KeepTwelveMonths => "keep_twelve_months",
        }
    }
}

/// A question to the bulk planner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkRequest {
    pub keys: Vec<BulkKey>,
    pub subscriptions: Vec<BulkSubscription>,
    /// The redemption day of every line.
    pub today: NaiveDate,
    pub goal: Goal,
    /// Plan expired subscriptions too: the first key of one is redeemed with "activate a
    /// new subscription" (R-PRO-2); without this they are listed as skipped.
    #[serde(default)]
    pub reactivate_expired: bool,
}

/// One redemption of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanLine {
    /// 1-based redemption order. Lines of one subscription must be redeemed in this order;
    /// lines of different subscriptions do not affect each other.
    pub step: usize,
    pub key_id: String,
    pub key_seats: i64,
    pub product: String,
    pub subscription_id: String,
    pub action: Action,
    /// What `proration::plan` gives for this key on the subscription as the earlier lines
    /// leave it.
    pub outcome: PlanOutcome,
    /// What the line does and why, in plain words.
    pub explanation: String,
}

/// Why a key is not in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnusedReason {
    /// Its license count is not a whole number from 1 to `MAX_SEATS`.
    InvalidSeats,
    /// An earlier key has the same id.
    DuplicateId,
    /// No subscription of its product can take it.
    NoSubscription,
    /// Redeeming it would not bring the plan closer to the goal.
    NotNeeded,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnusedKey {
    pub key_id: String,
    pub product: String,
    pub seats: i64,
    pub reason: UnusedReason,
    pub explanation: String,
}

/// Why a subscription is left out of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// It ended on or before today and `reactivate_expired` is off.
    Expired,
    InvalidSeats,
    DuplicateId,
    /// Its end date is outside 1900-01-01..=9999-12-31.
    DateOutOfRange,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedSubscription {
    pub subscription_id: String,
    pub product: String,
    pub reason: SkipReason,
    pub explanation: String,
}

/// A planned subscription before and after the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionResult {
    pub subscription_id: String,
    pub product: String,
    pub seats_before: i64,
    pub end_before: NaiveDate,
    pub seats_after: i64,
    pub end_after: NaiveDate,
    /// Exact months from today to the end date (zero once ended).
    pub months_left_before: Months,
    pub months_left_after: Months,
    /// Plan lines on this subscription.
    pub keys: usize,
}

/// The number the goal is about, counted before and after the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Sum over subscriptions of the days between the end date and the target (lower is
    /// better).
    DaysFromTarget,
    /// Sum over subscriptions of the days from today to the end date, each counted up to the
    /// horizon (higher is better).
    DaysCovered,
    /// Subscriptions with 12 months or more left (higher is better).
    SubscriptionsWithTwelveMonths,
}

/// How well the plan meets the goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalSummary {
    pub metric: Metric,
    pub before: i64,
    pub after: i64,
    /// 0–100. Align: the share of the initial total distance to the target that the plan
    /// removes. Maximise months: the share of the time until the horizon that the
    /// subscriptions are covered. Keep 12 months: the share of subscriptions with 12 months
    /// or more left.
    pub score: u8,
    /// Every product was solved exactly, so no plan does better on this goal.
    pub optimal: bool,
    /// One sentence for a person.
    pub headline: String,
    /// Subscriptions planned for (the ones the metric counts).
    pub subscriptions: usize,
    pub keys_used: usize,
    pub keys_unused: usize,
    pub key_seats_used: i64,
}

/// The recommended plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkPlan {
    pub today: NaiveDate,
    pub goal: Goal,
    /// The date aligned to (align goal only): the one given, or [`suggested_target`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<NaiveDate>,
    /// Why the planner chose `target`, when the partner gave none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_choice: Option<TargetChoice>,
    /// The horizon of "maximise months" (that goal only): the one given, or today + 36
    /// months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<NaiveDate>,
    pub lines: Vec<PlanLine>,
    pub unused_keys: Vec<UnusedKey>,
    pub skipped_subscriptions: Vec<SkippedSubscription>,
    pub subscriptions: Vec<SubscriptionResult>,
    pub summary: GoalSummary,
}

/// Product names are matched without regard to case or repeated spaces.
fn product_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn valid_seats(n: i64) -> bool {
    (1..=MAX_SEATS).contains(&n)
}

/// One product's valid keys and subscriptions, sorted.
#[derive(Default)]
struct ProductGroup {
    /// The name as first written.
    name: String,
    /// Indices into the request's keys, largest first, then by id.
    keys: Vec<usize>,
    /// Indices into the request's subscriptions, soonest end first, then by id.
    subs: Vec<usize>,
}

/// The input sorted into products, with what was left out and why.
struct Sorted {
    products: BTreeMap<String, ProductGroup>,
    unused: Vec<UnusedKey>,
    skipped: Vec<SkippedSubscription>,
}

fn sort_input(req: &BulkRequest) -> Sorted {
    let mut products: BTreeMap<String, ProductGroup> = BTreeMap::new();
    let mut unused = Vec::new();
    let mut skipped = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for (i, s) in req.subscriptions.iter().enumerate() {
        let skip = |reason, explanation: String| SkippedSubscription {
            subscription_id: s.id.clone(),
            product: s.product.clone(),
            reason,
            explanation,
        };
        if !seen.insert(s.id.trim()) {
            skipped.push(skip(
                SkipReason::DuplicateId,
                format!(
                    "Another subscription has the same id “{}”; only the first one is planned.",
                    s.id
                ),
            ));
        } else if !valid_seats(s.seats) {
            skipped.push(skip(
                SkipReason::InvalidSeats,
                format!("Its active licenses must be a whole number from 1 to {MAX_SEATS}; {} was given.", s.seats),
            ));
        } else if !(MIN_DATE..=MAX_DATE).contains(&s.end_date) {
            skipped.push(skip(
                SkipReason::DateOutOfRange,
                format!(
                    "Its end date {} is outside {MIN_DATE} to {MAX_DATE}.",
                    s.end_date
                ),
            ));
        } else if s.end_date <= req.today && !req.reactivate_expired {
            skipped.push(skip(
                SkipReason::Expired,
                format!(
                    "It ended on {}, not after today ({}): extending it or adding licenses needs an active subscription. Turn on “reactivate expired subscriptions” to plan an “activate a new subscription” for it.",
                    LongDate(s.end_date),
                    LongDate(req.today)
                ),
            ));
        } else {
            let g = products.entry(product_key(&s.product)).or_default();
            if g.name.is_empty() {
                g.name = s.product.trim().to_string();
            }
            g.subs.push(i);
        }
    }
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for (i, k) in req.keys.iter().enumerate() {
        let unused_key = |reason, explanation: String| UnusedKey {
            key_id: k.id.clone(),
            product: k.product.clone(),
            seats: k.seats,
            reason,
            explanation,
        };
        if !seen.insert(k.id.trim()) {
            unused.push(unused_key(
                UnusedReason::DuplicateId,
                format!("Another key has the same id “{}”; a key is redeemed once, so only the first one is planned.", k.id),
            ));
        } else if !valid_seats(k.seats) {
            unused.push(unused_key(
                UnusedReason::InvalidSeats,
                format!(
                    "Its licenses must be a whole number from 1 to {MAX_SEATS}; {} was given.",
                    k.seats
                ),
            ));
        } else {
            let g = products.entry(product_key(&k.product)).or_default();
            if g.name.is_empty() {
                g.name = k.product.trim().to_string();
            }
            g.keys.push(i);
        }
    }
    for g in products.values_mut() {
        g.keys.sort_by(|&a, &b| {
            let (a, b) = (&req.keys[a], &req.keys[b]);
            b.seats.cmp(&a.seats).then_with(|| a.id.cmp(&b.id))
        });
        g.subs.sort_by(|&a, &b| {
            let (a, b) = (&req.subscriptions[a], &req.subscriptions[b]);
            a.end_date.cmp(&b.end_date).then_with(|| a.id.cmp(&b.id))
        });
    }
    Sorted {
        products,
        unused,
        skipped,
    }
}

/// Why the planner suggested the target it aligns to (when the partner gave none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetChoice {
    /// The end date of `subscription`, the one of `product` (the product with the most
    /// licenses among those with keys) that ends last: the keys bring the others to it and
    /// nothing needs to move it.
    LatestEnd {
        product: String,
        subscription: String,
    },
    /// Every subscription of `product` ends within 12 months: 12 months from the
    /// redemption date, the term a key gives, which its keys can bring them all to.
    YearAhead { product: String },
    /// The latest date the keys of `product` could bring all its subscriptions to (their
    /// licenses are not enough to reach the last end date, or 12 months ahead).
    FurthestReach { product: String },
    /// No product has both keys and active subscriptions: the last active end date.
    LatestActiveEnd,
    /// Nothing to count from: today + 12 months.
    TwelveMonths,
}

impl TargetChoice {
    /// The reason in English, for the plan's reader.
    pub fn explanation(&self) -> String {
        match self {
            TargetChoice::LatestEnd { product, subscription } => format!(
                "the end date of {product} “{subscription}”, the subscription that ends last: the keys bring the others to it, and it does not need to move"
            ),
            TargetChoice::YearAhead { product } => format!(
                "12 months from the redemption date, the term a key gives: every {product} subscription ends sooner, and the keys can bring them all there"
            ),
            TargetChoice::FurthestReach { product } => format!(
                "the latest date the keys can bring every {product} subscription to: they do not carry enough licenses to go further"
            ),
            TargetChoice::LatestActiveEnd => {
                "the last end date of the subscriptions, as no product has both keys and active subscriptions".to_string()
            }
            TargetChoice::TwelveMonths => "12 months from the redemption date, as there is no active subscription".to_string(),
        }
    }
}

/// The default target of [`Goal::AlignEndDates`]. A partner aligning end dates wants one
/// renewal date; the natural one is the end date of the subscription that ends last (it
/// needs no key, and the keys bring the others to it) — or, when every subscription ends
/// within 12 months, 12 months from the redemption date (the term a key gives) — taken in
/// the product with the most active licenses among those that have keys (one date serves
/// every product; the largest decides). If the keys cannot carry every subscription that
/// far even when split freely — the "water level" of their seat-time (a key adds 12 × K
/// license-months wherever it goes) is earlier — the water level is the target instead:
/// the latest date all can reach. Falls back to the latest active end date, then to today
/// + 12 months. See `docs/BULK_PLANNER.md`.
pub fn suggested_target(req: &BulkRequest) -> NaiveDate {
    suggested_target_and_why(req).0
}

/// [`suggested_target`] and why it was chosen.
pub fn suggested_target_and_why(req: &BulkRequest) -> (NaiveDate, TargetChoice) {
    let sorted = sort_input(req);
    let mut best: Option<(i64, NaiveDate, TargetChoice)> = None;
    let mut latest: Option<NaiveDate> = None;
    for g in sorted.products.values() {
        let active: Vec<&BulkSubscription> = g
            .subs
            .iter()
            .map(|&i| &req.subscriptions[i])
            .filter(|s| s.end_date > req.today)
            .collect();
        latest = active.iter().map(|s| s.end_date).chain(latest).max();
        if g.keys.is_empty() || active.is_empty() {
            continue;
        }
        let seats: i64 = active.iter().map(|s| s.seats).sum();
        let key_seats: i64 = g.keys.iter().map(|&k| req.keys[k].seats).sum();
        let Some(level) = water_level(req.today, &active, key_seats) else {
            continue;
        };
        // `g.subs` is sorted by end date, then id: the last active one ends last.
        let Some(last) = active.last() else {
            continue;
        };
        let year_ahead = add_months(req.today, Months::whole(KEY_TERM_MONTHS)).unwrap_or(MAX_DATE);
        let (date, why) = if level >= last.end_date && last.end_date >= year_ahead {
            (
                last.end_date,
                TargetChoice::LatestEnd {
                    product: g.name.clone(),
                    subscription: last.id.clone(),
                },
            )
        } else if level >= year_ahead && last.end_date < year_ahead {
            (
                year_ahead,
                TargetChoice::YearAhead {
                    product: g.name.clone(),
                },
            )
        } else {
            (
                level,
                TargetChoice::FurthestReach {
                    product: g.name.clone(),
                },
            )
        };
        // The largest product wins; on a tie, the earlier date.
        if best
            .as_ref()
            .is_none_or(|(s, d, _)| seats > *s || (seats == *s && date < *d))
        {
            best = Some((seats, date, why));
        }
    }
    if let Some((_, d, why)) = best {
        return (d, why);
    }
    if let Some(d) = latest {
        return (d, TargetChoice::LatestActiveEnd);
    }
    (
        add_months(req.today, Months::whole(KEY_TERM_MONTHS)).unwrap_or(req.today),
        TargetChoice::TwelveMonths,
    )
}

/// The level L (months from today) with Σ A·max(0, L − B) = 12 × key licenses, as a date.
fn water_level(today: NaiveDate, subs: &[&BulkSubscription], key_seats: i64) -> Option<NaiveDate> {
    let mut left: Vec<(Months, i64)> = subs
        .iter()
        .map(|s| Some((months_between(today, s.end_date).ok()?, s.seats)))
        .collect::<Option<_>>()?;
    left.sort();
    let budget = Months::whole(KEY_TERM_MONTHS).checked_mul_int(key_seats.into())?;
    let (mut seats, mut seat_months) = (0i128, budget);
    let mut level = Months::ZERO;
    for (i, &(b, a)) in left.iter().enumerate() {
        seats += i128::from(a);
        seat_months = seat_months.checked_add(b.checked_mul_int(a.into())?)?;
        level = seat_months.checked_div_int(seats)?;
        if left.get(i + 1).is_none_or(|&(next, _)| level <= next) {
            break;
        }
    }
    add_months(today, level).ok()
}

/// Plans the redemptions (see the module documentation).
pub fn plan_bulk(req: &BulkRequest) -> BulkPlan {
    plan_bulk_with(req, Solver::Auto)
}

/// [`plan_bulk`] with a chosen solver, for tests of the heuristic's bound.
#[doc(hidden)]
pub fn plan_bulk_with(req: &BulkRequest, strategy: Solver) -> BulkPlan {
    let today = req.today;
    let Sorted {
        products,
        mut unused,
        skipped,
    } = sort_input(req);
    let (target, target_choice) = match req.goal {
        Goal::AlignEndDates { target: Some(t) } => (Some(t), None),
        Goal::AlignEndDates { target: None } => {
            let (t, why) = suggested_target_and_why(req);
            (Some(t), Some(why))
        }
        _ => (None, None),
    };
    let horizon = match req.goal {
        Goal::MaximiseMonths { horizon } => Some(horizon.unwrap_or_else(|| {
            add_months(today, Months::whole(MAX_EXTENSION_MONTHS)).unwrap_or(MAX_DATE)
        })),
        _ => None,
    };
    let floor = add_months(today, Months::whole(KEY_TERM_MONTHS)).unwrap_or(MAX_DATE);
    let rule = match (target, horizon) {
        (Some(target), _) => GoalRule::Align { target },
        (_, Some(horizon)) => GoalRule::MaxMonths { horizon },
        _ => GoalRule::Keep12 { floor },
    };
    let rules = Rules::new(today, rule, req.reactivate_expired);
    let text = Text { rule, today };

    let mut lines = Vec::new();
    let mut results = Vec::new();
    let mut optimal = true;
    for g in products.values() {
        let key_seats: Vec<i64> = g.keys.iter().map(|&k| req.keys[k].seats).collect();
        let inits: Vec<SubState> = g
            .subs
            .iter()
            .map(|&s| SubState {
                seats: req.subscriptions[s].seats,
                end: req.subscriptions[s].end_date,
            })
            .collect();
        let mut used = vec![false; g.keys.len()];
        let mut applied = vec![0usize; g.subs.len()];
        let mut finals = inits.clone();
        if !g.subs.is_empty() && !g.keys.is_empty() {
            let problem = Problem {
                rules: &rules,
                keys: &key_seats,
                subs: &inits,
            };
            let (seqs, exact) = solve::solve(&problem, strategy);
            optimal &= exact;
            for (j, seq) in seqs.iter().enumerate() {
                let sub = &req.subscriptions[g.subs[j]];
                let mut st = inits[j];
                for (i, &(k, action)) in seq.iter().enumerate() {
                    let key = &req.keys[g.keys[k]];
                    let existing = action != Action::ActivateNew;
                    let Ok(outcome) = plan(&PlanRequest {
                        action,
                        active_seats: existing.then_some(st.seats),
                        end_date: existing.then_some(st.end),
                        key_seats: key.seats,
                        today,
                    }) else {
                        break; // cannot happen: the solvers only keep steps `plan` accepts
                    };
                    let before = st;
                    st = SubState {
                        seats: outcome.seats,
                        end: outcome.end_date,
                    };
                    used[k] = true;
                    applied[j] += 1;
                    // An add that a later, larger key needs in order to extend (K ≤ 3A).
                    let makes_room = action == Action::AddLicenses
                        && seq[i + 1..].iter().any(|&(later, a)| {
                            a == Action::ExtendEndDate
                                && req.keys[g.keys[later]].seats > before.seats.saturating_mul(3)
                        });
                    lines.push(PlanLine {
                        step: 0,
                        key_id: key.id.clone(),
                        key_seats: key.seats,
                        product: g.name.clone(),
                        subscription_id: sub.id.clone(),
                        action,
                        explanation: text
                            .line(&g.name, &sub.id, before, key.seats, &outcome, makes_room),
                        outcome,
                    });
                }
                finals[j] = st;
            }
        }
        for (k, &was_used) in used.iter().enumerate() {
            if was_used {
                continue;
            }
            let key = &req.keys[g.keys[k]];
            let (reason, explanation) = if g.subs.is_empty() {
                (
                    UnusedReason::NoSubscription,
                    text.no_subscription(&g.name, req.reactivate_expired),
                )
            } else {
                (
                    UnusedReason::NotNeeded,
                    text.not_needed(&g.name, key.seats, &finals),
                )
            };
            unused.push(UnusedKey {
                key_id: key.id.clone(),
                product: key.product.clone(),
                seats: key.seats,
                reason,
                explanation,
            });
        }
        for (j, &s) in g.subs.iter().enumerate() {
            let sub = &req.subscriptions[s];
            let left = |end| months_left(today, end);
            results.push(SubscriptionResult {
                subscription_id: sub.id.clone(),
                product: g.name.clone(),
                seats_before: inits[j].seats,
                end_before: inits[j].end,
                seats_after: finals[j].seats,
                end_after: finals[j].end,
                months_left_before: left(inits[j].end),
                months_left_after: left(finals[j].end),
                keys: applied[j],
            });
        }
    }
    for (i, line) in lines.iter_mut().enumerate() {
        line.step = i + 1;
    }
    let summary = text.summary(&results, &lines, unused.len(), optimal);
    BulkPlan {
        today,
        goal: req.goal,
        target,
        target_choice,
        horizon,
        lines,
        unused_keys: unused,
        skipped_subscriptions: skipped,
        subscriptions: results,
        summary,
    }
}

/// Exact months from `today` to `end`, zero once ended.
fn months_left(today: NaiveDate, end: NaiveDate) -> Months {
    months_between(today, end)
        .unwrap_or(Months::ZERO)
        .max(Months::ZERO)
}

/// "1 month", "3 months", "7.2 months".
fn months_text(m: Months) -> String {
    let s = m.to_decimal_string();
    if s == "1" {
        "1 month".into()
    } else {
        format!("{s} months")
    }
}

fn days_text(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// "1 subscription ends", "3 subscriptions end": after "N of".
fn of_subscriptions(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 subscription {one}")
    } else {
        format!("{n} subscriptions {many}")
    }
}

/// The sentences of the plan.
struct Text {
    rule: GoalRule,
    today: NaiveDate,
}

impl Text {
    /// Where `date` stands relative to the target.
    fn relative(date: NaiveDate, target: NaiveDate) -> String {
        let d = (date - target).num_days();
        match d {
            0 => format!("on the target date {}", LongDate(target)),
            d if d < 0 => format!("{} before the target {}", days_text(-d), LongDate(target)),
            d => format!("{} after the target {}", days_text(d), LongDate(target)),
        }
    }

    fn line(
        &self,
        product: &str,
        sub: &str,
        before: SubState,
        key_seats: i64,
        out: &PlanOutcome,
        makes_room: bool,
    ) -> String {
        if makes_room {
            return format!(
                "Adds {key_seats} licenses to {product} “{sub}” ({} → {}); its end date moves from {} to {}{}",
                before.seats,
                out.seats,
                LongDate(before.end),
                LongDate(out.end_date),
                Self::enables_extend(out.seats)
            );
        }
        let left_before = months_left(self.today, before.end);
        let left_after = out.time_left_after;
        let what = match out.action {
            Action::ExtendEndDate => format!(
                "Extends {product} “{sub}” by {} to {}, keeping its {} licenses",
                months_text(out.months_added.unwrap_or(Months::ZERO)),
                LongDate(out.end_date),
                out.seats
            ),
            Action::AddLicenses => format!(
                "Adds {key_seats} licenses to {product} “{sub}” ({} → {}); its end date moves from {} to {} ({} left)",
                before.seats,
                out.seats,
                LongDate(before.end),
                LongDate(out.end_date),
                months_text(left_after)
            ),
            Action::ActivateNew => format!(
                "Reactivates {product} “{sub}”, which ended on {}, as a new subscription of {} licenses until {}",
                LongDate(before.end),
                out.seats,
                LongDate(out.end_date)
            ),
        };
        let why = match self.rule {
            GoalRule::Align { target } => format!(
                ", because it ended {}; it now ends {}.",
                Self::relative(before.end, target),
                Self::relative(out.end_date, target)
            ),
            GoalRule::MaxMonths { .. } => match out.action {
                Action::ExtendEndDate => format!(
                    ", because a key adds 12 × K ÷ A months, the most on subscriptions with few licenses: here 12 × {key_seats} ÷ {} = {}.",
                    before.seats,
                    months_text(out.months_added.unwrap_or(Months::ZERO))
                ),
                Action::AddLicenses if left_after > left_before => format!(
                    ", because with under 12 months left, adding licenses lengthens it (its time left is averaged with the key's 12 months): {} → {}.",
                    months_text(left_before),
                    months_text(left_after)
                ),
                Action::AddLicenses => Self::enables_extend(out.seats),
                Action::ActivateNew => ", because it had ended: the key gives it 12 months from today.".into(),
            },
            GoalRule::Keep12 { floor } => {
                let short = (floor - out.end_date).num_days();
                let status = if short <= 0 {
                    format!("{} left, at least 12 months ({} or later).", months_text(left_after), LongDate(floor))
                } else {
                    format!("{} left, {} short of 12 months ({}).", months_text(left_after), days_text(short), LongDate(floor))
                };
                match out.action {
                    Action::AddLicenses if left_after <= left_before => Self::enables_extend(out.seats),
                    Action::ActivateNew => format!(", because it had ended; it now has {status}"),
                    _ => format!(
                        ", because it had only {} left; it now has {status}",
                        months_text(left_before)
                    ),
                }
            }
        };
        what + &why
    }

    fn enables_extend(seats: i64) -> String {
        format!(
            ", so that it has {seats} licenses: a following key of up to {} licenses can then extend it (extending takes keys of at most three times the active licenses).",
            seats.saturating_mul(3)
        )
    }

    fn no_subscription(&self, product: &str, reactivate: bool) -> String {
        let which = if reactivate { "" } else { "active " };
        format!(
            "There is no {which}{product} subscription in the list to extend or add licenses to. Keep the key, or redeem it in the wizard with “Activate a new subscription”."
        )
    }

    fn not_needed(&self, product: &str, k: i64, finals: &[SubState]) -> String {
        let active: Vec<&SubState> = finals.iter().filter(|s| s.end > self.today).collect();
        let too_big = active.iter().all(|s| k > s.seats.saturating_mul(3));
        let big = if too_big && !active.is_empty() {
            " It has more than three times the licenses of every one of them, so it cannot extend any (the 3-year limit)."
        } else {
            ""
        };
        let why = match self.rule {
            GoalRule::Align { target } => format!(
                "Redeeming it on any {product} subscription would move that end date further from the target {}, or leave it as close.{big}", LongDate(target)
            ),
            GoalRule::MaxMonths { horizon } => {
                if finals.iter().all(|s| s.end >= horizon) {
                    format!("Every {product} subscription is already covered until the horizon {} with this plan.", LongDate(horizon))
                } else {
                    format!(
                        "Redeeming it would not lengthen any {product} subscription that ends before the horizon {} by a day.{big} Adding licenses shortens a subscription with more than 12 months left.", LongDate(horizon)
                    )
                }
            }
            GoalRule::Keep12 { floor } => {
                if finals.iter().all(|s| s.end >= floor) {
                    format!("Every {product} subscription already has 12 months or more left with this plan.")
                } else {
                    format!(
                        "It brings no {product} subscription that is still under 12 months closer to 12 months.{big} Adding licenses keeps a subscription under 12 months when it has less."
                    )
                }
            }
        };
        format!("{why} Keep it for later.")
    }

    fn summary(
        &self,
        results: &[SubscriptionResult],
        lines: &[PlanLine],
        keys_unused: usize,
        optimal: bool,
    ) -> GoalSummary {
        let n = results.len();
        let key_seats_used: i64 = lines.iter().map(|l| l.key_seats).sum();
        let pct = |num: i64, den: i64| -> u8 {
            if den <= 0 {
                100
            } else {
                u8::try_from((i128::from(num.max(0)) * 100 / i128::from(den)).clamp(0, 100))
                    .unwrap_or(100)
            }
        };
        let (metric, before, after, score, headline) = match self.rule {
            GoalRule::Align { target } => {
                let dist = |d: NaiveDate| (d - target).num_days().abs();
                let before: i64 = results.iter().map(|r| dist(r.end_before)).sum();
                let after: i64 = results.iter().map(|r| dist(r.end_after)).sum();
                let near = results.iter().filter(|r| dist(r.end_after) <= 7).count();
                (
                    Metric::DaysFromTarget,
                    before,
                    after,
                    if before == 0 { 100 } else { pct(before - after, before) },
                    format!(
                        "{near} of {} within 7 days of {}; all end dates together are {} from it, down from {}.",
                        of_subscriptions(n, "ends", "end"),
                        LongDate(target),
                        days_text(after),
                        days_text(before)
                    ),
                )
            }
            GoalRule::MaxMonths { horizon } => {
                let cap = (horizon - self.today).num_days().max(0);
                let covered = |d: NaiveDate| (d - self.today).num_days().clamp(0, cap);
                let before: i64 = results.iter().map(|r| covered(r.end_before)).sum();
                let after: i64 = results.iter().map(|r| covered(r.end_after)).sum();
                let months = |f: fn(&SubscriptionResult) -> NaiveDate| {
                    results
                        .iter()
                        .try_fold(Months::ZERO, |acc, r| {
                            acc.checked_add(months_left(self.today, f(r).min(horizon)))
                        })
                        .unwrap_or(Months::ZERO)
                };
                let (mb, ma) = (months(|r| r.end_before), months(|r| r.end_after));
                let full = results.iter().filter(|r| r.end_after >= horizon).count();
                (
                    Metric::DaysCovered,
                    before,
                    after,
                    pct(after, cap.saturating_mul(n as i64)),
                    format!(
                        "Until the horizon {}, the subscriptions are covered for {} in total (added up over the subscriptions), up from {}; {full} of {n} are covered all the way.",
                        LongDate(horizon),
                        months_text(ma),
                        months_text(mb),
                    ),
                )
            }
            GoalRule::Keep12 { floor } => {
                let ok = |d: NaiveDate| d >= floor;
                let before = results.iter().filter(|r| ok(r.end_before)).count() as i64;
                let after = results.iter().filter(|r| ok(r.end_after)).count() as i64;
                let short: i64 = results
                    .iter()
                    .map(|r| (floor - r.end_after.max(self.today)).num_days().max(0))
                    .sum();
                let rest = if short > 0 {
                    format!("; the others fall short by {} in total", days_text(short))
                } else {
                    String::new()
                };
                (
                    Metric::SubscriptionsWithTwelveMonths,
                    before,
                    after,
                    if n == 0 { 100 } else { pct(after, n as i64) },
                    format!(
                        "{after} of {} 12 months or more left (until {} or later), up from {before}{rest}.",
                        of_subscriptions(n, "has", "have"),
                        LongDate(floor)
                    ),
                )
            }
        };
        let (score, headline) = if n == 0 {
            (0, "There is no subscription to plan for: add active subscriptions (or turn on reactivation of expired ones).".into())
        } else {
            (score, headline)
        };
        GoalSummary {
            metric,
            before,
            after,
            score,
            optimal,
            headline,
            subscriptions: n,
            keys_used: lines.len(),
            keys_unused,
            key_seats_used,
        }
    }
}
