//! The optimiser behind [`super::plan_bulk`], one product at a time.
//!
//! A product's problem is: keys (license counts, largest first), subscriptions (licenses and
//! end date), and a per-subscription cost (see [`Rules::cost`]). A solution gives each
//! subscription a *sequence* of (key, action): the keys are redeemed in that order, each
//! through [`crate::proration::plan`] from the state the previous one left. The total cost
//! is the sum of the subscriptions' costs, compared lexicographically; a key that is in no
//! sequence is left unused and costs nothing.
//!
//! Two solvers:
//! - [`exact`]: every sequence (any order, any action) of every subset of the keys on every
//!   subscription, by a depth-first search that prunes only exact duplicates (the same
//!   state with the same keys used); then a dynamic programme that splits the keys between
//!   the subscriptions. Optimal; used while the search stays under a budget of `plan`
//!   calls.
//! - [`heuristic`]: three greedy constructions (keys largest first, smallest first, and
//!   extensions first), then local search with three moves until none lowers the cost:
//!   *relocate* one key (to any subscription and action, or out of the plan; a key that
//!   cannot leave its subscription, because a later extend needs its licenses, still tries
//!   the other actions and places on it), *enable* (put smaller keys on a subscription as
//!   "add licenses" so that a large key may extend it, R-PRO-5) and, on small products,
//!   *swap* two keys. Sequences are kept canonical
//!   (activate, adds, extends). On products with more than [`FULL_SEARCH_SUBS`]
//!   subscriptions, an integer estimate of each move picks the few evaluated through
//!   `plan`, which keeps 1,000 keys × 500 subscriptions fast.
//!
//! `docs/BULK_PLANNER.md` states what is proven and what is measured about both.

use crate::proration::{plan, Action, PlanRequest, KEY_TERM_MONTHS};
use crate::time::add_months;
use crate::time::Months;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

/// A subscription's state between two redemptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct SubState {
    pub seats: i64,
    pub end: NaiveDate,
}

/// A lexicographic cost; smaller is better. The meaning of each place depends on the goal.
pub(crate) type Cost = [i64; 4];

pub(crate) const ZERO: Cost = [0; 4];

fn add(a: Cost, b: Cost) -> Cost {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]]
}

fn sub(a: Cost, b: Cost) -> Cost {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]]
}

/// The goal, resolved to what the cost needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GoalRule {
    /// Minimise the days between each end date and the target.
    Align { target: NaiveDate },
    /// Maximise the days from today to each end date, counted up to the horizon.
    MaxMonths { horizon: NaiveDate },
    /// Maximise the subscriptions ending on or after `floor` (today + 12 months), then
    /// minimise the days the others fall short of it.
    Keep12 { floor: NaiveDate },
}

/// What every solver needs to know besides the keys and subscriptions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rules {
    pub today: NaiveDate,
    pub goal: GoalRule,
    /// Whether an expired subscription may take "activate new" as its first key.
    pub reactivate: bool,
    /// Day numbers (from the common era) of today, and days from today to the goal's date
    /// and to today + 12 months (a reactivated subscription's end), so that the innermost
    /// loops subtract integers instead of dates.
    today_ce: i64,
    goal_days: i64,
    year_days: Option<i64>,
}

/// The actions the solvers try, in the order ties are broken.
const ACTIONS: [Action; 3] = [
    Action::ExtendEndDate,
    Action::AddLicenses,
    Action::ActivateNew,
];

impl Rules {
    pub fn new(today: NaiveDate, goal: GoalRule, reactivate: bool) -> Rules {
        let today_ce = i64::from(today.num_days_from_ce());
        let goal_date = match goal {
            GoalRule::Align { target } => target,
            GoalRule::Keep12 { floor } => floor,
            GoalRule::MaxMonths { horizon } => horizon,
        };
        let year_end = add_months(today, Months::whole(KEY_TERM_MONTHS)).ok();
        Rules {
            today,
            goal,
            reactivate,
            today_ce,
            goal_days: i64::from(goal_date.num_days_from_ce()) - today_ce,
            year_days: year_end.map(|d| i64::from(d.num_days_from_ce()) - today_ce),
        }
    }

    /// Whether `action` is allowed on a subscription in state `st` with a key of `k`
    /// licenses, checked cheaply before asking `plan` (which checks again).
    fn allowed(&self, st: SubState, action: Action, k: i64) -> bool {
        let active = st.end > self.today;
        match action {
            Action::ActivateNew => !active && self.reactivate,
            Action::ExtendEndDate => active && k <= st.seats.saturating_mul(3),
            Action::AddLicenses => active,
        }
    }

    /// The subscription's state after redeeming a `k`-license key with `action`, exactly as
    /// [`plan`] computes it; `None` when `plan` refuses.
    pub fn step(&self, st: SubState, action: Action, k: i64) -> Option<SubState> {
        if !self.allowed(st, action, k) {
            return None;
        }
        let existing = action != Action::ActivateNew;
        let out = plan(&PlanRequest {
            action,
            active_seats: existing.then_some(st.seats),
            end_date: existing.then_some(st.end),
            key_seats: k,
            today: self.today,
        })
        .ok()?;
        Some(SubState {
            seats: out.seats,
            end: out.end_date,
        })
    }

    /// Days from today to `end` (negative once past).
    fn offset(&self, end: NaiveDate) -> i64 {
        i64::from(end.num_days_from_ce()) - self.today_ce
    }

    /// The cost of a subscription that ends `end_days` after today, having used keys of
    /// `seats_used` licenses in all, `keys_used` keys.
    fn cost_at(&self, end_days: i64, seats_used: i64, keys_used: usize) -> Cost {
        let (s, k) = (seats_used, keys_used as i64);
        match self.goal {
            GoalRule::Align { .. } => [(end_days - self.goal_days).abs(), s, k, 0],
            GoalRule::MaxMonths { .. } => [-end_days.clamp(0, self.goal_days.max(0)), s, k, 0],
            GoalRule::Keep12 { .. } => {
                let short = (self.goal_days - end_days.max(0)).max(0);
                [i64::from(short > 0), short, s, k]
            }
        }
    }

    /// Whether a subscription ending `end_days` after today has all the goal can give it, so
    /// that no key added to it can lower its cost (keep 12 months: it already ends on or
    /// after the floor, and adding licenses never takes it below; maximise months: it
    /// already reaches the horizon).
    fn saturated(&self, end_days: i64) -> bool {
        match self.goal {
            GoalRule::Align { .. } => false,
            GoalRule::MaxMonths { .. } | GoalRule::Keep12 { .. } => end_days >= self.goal_days,
        }
    }

    /// The cost of a subscription in state `st` after using keys of `seats_used` licenses.
    pub fn cost(&self, st: SubState, seats_used: i64, keys_used: usize) -> Cost {
        self.cost_at(self.offset(st.end), seats_used, keys_used)
    }

    /// A cheap integer estimate of the days left after a step, used only to rank moves.
    /// A month is taken as 1461/48 days (365.25 / 12).
    fn estimate(&self, seats: i64, end_days: i64, action: Action, k: i64) -> Option<(i64, i64)> {
        // Plain i64 (no 128-bit division: this runs millions of times); seats and days are
        // far below the overflow range, and saturating arithmetic keeps it panic-free.
        let a = seats.max(1);
        match action {
            Action::ActivateNew => (end_days <= 0 && self.reactivate)
                .then_some(self.year_days)
                .flatten()
                .map(|d| (k, d)),
            Action::ExtendEndDate => (end_days > 0 && k <= seats.saturating_mul(3)).then(|| {
                let added = k.saturating_mul(1461) / a.saturating_mul(4);
                (seats, end_days.saturating_add(added))
            }),
            Action::AddLicenses => (end_days > 0).then(|| {
                let num = a
                    .saturating_mul(4)
                    .saturating_mul(end_days)
                    .saturating_add(k.saturating_mul(1461));
                let den = a.saturating_add(k).saturating_mul(4).max(1);
                (seats.saturating_add(k), num / den)
            }),
        }
    }
}

/// One product's problem: key license counts (largest first; the index is the key's id in
/// the solution) and the subscriptions' starting states.
pub(crate) struct Problem<'a> {
    pub rules: &'a Rules,
    pub keys: &'a [i64],
    pub subs: &'a [SubState],
}

/// Each subscription's sequence of (key index, action), in redemption order.
pub(crate) type Sequences = Vec<Vec<(usize, Action)>>;

/// How to solve: `Auto` tries [`exact`] within its budget and falls back to [`heuristic`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Solver {
    Auto,
    /// The exact solver with this node budget (`plan` calls); heuristic beyond it.
    Exact {
        budget: usize,
    },
    /// Only the heuristic, whatever the size (for testing its bound).
    Heuristic,
}

/// The node budget of the exact solver under [`Solver::Auto`] (calls to `plan`).
pub const EXACT_BUDGET: usize = 100_000;
/// Under [`Solver::Auto`], products with more keys than this go to the heuristic at once.
pub const EXACT_MAX_KEYS: usize = 8;
/// The most combinations of key counts the exact solver tabulates per subscription.
const EXACT_MAX_STATES: usize = 1 << 14;

/// Solves one product; `true` with the sequences when the solution is proven optimal.
pub(crate) fn solve(p: &Problem, strategy: Solver) -> (Sequences, bool) {
    let budget = match strategy {
        Solver::Auto if p.keys.len() <= EXACT_MAX_KEYS => Some(EXACT_BUDGET),
        Solver::Exact { budget } => Some(budget),
        _ => None,
    };
    if let Some(budget) = budget {
        if let Some(seqs) = exact(p, budget) {
            return (seqs, true);
        }
    }
    (heuristic(p, MAX_PASSES), false)
}

// ---------------------------------------------------------------------------------------
// Exact solver
// ---------------------------------------------------------------------------------------

/// Keys of equal size are interchangeable, so the exact solver works with *counts* per
/// size. A multiset of keys is a mixed-radix number: digit t counts keys of size `sizes[t]`.
struct Radix {
    sizes: Vec<i64>,
    counts: Vec<usize>,
    place: Vec<usize>,
    states: usize,
}

impl Radix {
    fn new(keys: &[i64]) -> Option<Radix> {
        let mut sizes: Vec<i64> = Vec::new();
        let mut counts: Vec<usize> = Vec::new();
        for &k in keys {
            match sizes.last() {
                Some(&s) if s == k => *counts.last_mut()? += 1,
                _ => {
                    sizes.push(k);
                    counts.push(1);
                }
            }
        }
        let mut place = Vec::with_capacity(sizes.len());
        let mut states = 1usize;
        for &c in &counts {
            place.push(states);
            states = states.checked_mul(c + 1)?;
            if states > EXACT_MAX_STATES {
                return None;
            }
        }
        Some(Radix {
            sizes,
            counts,
            place,
            states,
        })
    }

    fn digit(&self, index: usize, t: usize) -> usize {
        index / self.place[t] % (self.counts[t] + 1)
    }

    /// Licences and keys in the multiset `index`.
    fn usage(&self, index: usize) -> (i64, usize) {
        (0..self.sizes.len()).fold((0, 0), |(s, n), t| {
            let d = self.digit(index, t);
            (s + self.sizes[t] * d as i64, n + d)
        })
    }

    /// Every multiset `v` with `v + u` within the counts, as indices (so `u + v` is the
    /// index sum).
    fn complements(&self, u: usize) -> Vec<usize> {
        let limits: Vec<usize> = (0..self.sizes.len())
            .map(|t| self.counts[t] - self.digit(u, t))
            .collect();
        let mut out = vec![0usize];
        for (t, &lim) in limits.iter().enumerate() {
            let base = out.clone();
            for d in 1..=lim {
                out.extend(base.iter().map(|v| v + d * self.place[t]));
            }
        }
        out
    }
}

/// Best (cost, sequence of (size index, action)) per multiset for one subscription.
type Table = Vec<Option<(Cost, Vec<(usize, Action)>)>>;

struct Search<'a> {
    rules: &'a Rules,
    radix: &'a Radix,
    used: Vec<usize>,
    seq: Vec<(usize, Action)>,
    seen: BTreeSet<(SubState, usize)>,
    table: Table,
    budget: usize,
}

impl Search<'_> {
    /// Records the current node and explores its children; `false` once over budget.
    fn visit(&mut self, st: SubState, index: usize) -> bool {
        let (seats, keys) = self.radix.usage(index);
        let cost = self.rules.cost(st, seats, keys);
        match &self.table[index] {
            Some((best, _)) if *best <= cost => {}
            _ => self.table[index] = Some((cost, self.seq.clone())),
        }
        for t in 0..self.radix.sizes.len() {
            if self.used[t] == self.radix.counts[t] {
                continue;
            }
            for action in ACTIONS {
                let k = self.radix.sizes[t];
                if !self.rules.allowed(st, action, k) {
                    continue;
                }
                if self.budget == 0 {
                    return false;
                }
                self.budget -= 1;
                let Some(next) = self.rules.step(st, action, k) else {
                    continue;
                };
                let child = index + self.radix.place[t];
                if !self.seen.insert((next, child)) {
                    continue;
                }
                self.used[t] += 1;
                self.seq.push((t, action));
                let within = self.visit(next, child);
                self.seq.pop();
                self.used[t] -= 1;
                if !within {
                    return false;
                }
            }
        }
        true
    }
}

/// The optimal sequences, or `None` when the search would pass `budget` calls to `plan`.
pub(crate) fn exact(p: &Problem, budget: usize) -> Option<Sequences> {
    let radix = Radix::new(p.keys)?;
    let mut left = budget;
    let mut tables = Vec::with_capacity(p.subs.len());
    for &init in p.subs {
        let mut search = Search {
            rules: p.rules,
            radix: &radix,
            used: vec![0; radix.sizes.len()],
            seq: Vec::new(),
            seen: BTreeSet::new(),
            table: vec![None; radix.states],
            budget: left,
        };
        if !search.visit(init, 0) {
            return None;
        }
        left = search.budget;
        tables.push(search.table);
    }
    // Split the keys between the subscriptions: dp[u] = best cost with multiset u used.
    let n = radix.states;
    let mut dp: Vec<Option<Cost>> = vec![None; n];
    dp[0] = Some(ZERO);
    let mut choices: Vec<Vec<usize>> = Vec::with_capacity(tables.len());
    for table in &tables {
        let mut next: Vec<Option<Cost>> = vec![None; n];
        let mut choice = vec![0usize; n];
        for (u, base) in dp.iter().enumerate() {
            let Some(base) = *base else { continue };
            for v in radix.complements(u) {
                let Some((c, _)) = &table[v] else { continue };
                let total = add(base, *c);
                let w = u + v;
                if next[w].is_none_or(|best| total < best) {
                    next[w] = Some(total);
                    choice[w] = v;
                }
            }
        }
        dp = next;
        choices.push(choice);
    }
    let mut best: Option<(Cost, usize)> = None;
    for (w, c) in dp.iter().enumerate() {
        if let Some(c) = c {
            if best.is_none_or(|(b, _)| *c < b) {
                best = Some((*c, w));
            }
        }
    }
    let (_, mut w) = best?;
    let mut picked = vec![0usize; tables.len()];
    for i in (0..tables.len()).rev() {
        picked[i] = choices[i][w];
        w -= picked[i];
    }
    // Turn sizes back into keys: within a size, keys go out in index order.
    let mut first: Vec<usize> = Vec::with_capacity(radix.sizes.len());
    let mut at = 0usize;
    for &c in &radix.counts {
        first.push(at);
        at += c;
    }
    let mut seqs = Vec::with_capacity(tables.len());
    for (table, &v) in tables.iter().zip(&picked) {
        let (_, seq) = table[v].as_ref()?;
        seqs.push(
            seq.iter()
                .map(|&(t, a)| {
                    let k = first[t];
                    first[t] += 1;
                    (k, a)
                })
                .collect(),
        );
    }
    Some(seqs)
}

// ---------------------------------------------------------------------------------------
// Heuristic
// ---------------------------------------------------------------------------------------

/// Passes of local search at most (each pass tries to move every key once).
pub const MAX_PASSES: usize = 12;
/// Places per key evaluated exactly through `plan`, the best by the integer estimate, when
/// the product has more than [`FULL_SEARCH_SUBS`] subscriptions.
pub const CANDIDATES: usize = 6;
/// Up to this many subscriptions in a product, every place is evaluated through `plan`, so
/// the heuristic's result is a true local optimum for its moves.
pub const FULL_SEARCH_SUBS: usize = 10;
/// Keys inserted as "add licenses" at most by one "enable" move.
const MAX_HELPERS: usize = 6;

/// One subscription's current sequence and what it leads to. Sequences are kept in a
/// canonical order: "activate new" first, then "add licenses", then "extend", each group in
/// the order the keys arrived. Adds before extends give every extend the most licenses, so
/// the most keys pass R-PRO-5's limit of three times the active licenses.
#[derive(Clone)]
struct Slot {
    seq: Vec<(usize, Action)>,
    /// `states[i]` is the state before `seq[i]`; the last one is the final state.
    states: Vec<SubState>,
    /// Days from today to the final end date.
    days: i64,
    seats_used: i64,
    cost: Cost,
}

impl Slot {
    fn fin(&self) -> SubState {
        self.states[self.states.len() - 1]
    }
}

/// Where `action` goes in a canonical sequence.
fn position(seq: &[(usize, Action)], action: Action) -> usize {
    match action {
        Action::ActivateNew => 0,
        Action::AddLicenses => seq
            .iter()
            .position(|&(_, a)| a == Action::ExtendEndDate)
            .unwrap_or(seq.len()),
        Action::ExtendEndDate => seq.len(),
    }
}

/// A tentative change to one subscription's sequence: keys taken out (the rest replayed in
/// order) and keys put in at their canonical places.
struct Change {
    sub: usize,
    remove: Vec<usize>,
    insert: Vec<(usize, Action)>,
}

struct Local<'a> {
    rules: &'a Rules,
    keys: &'a [i64],
    slots: Vec<Slot>,
    /// Which subscription each key is in.
    at: Vec<Option<usize>>,
    /// Every place is evaluated exactly (a small product); otherwise the integer estimate
    /// picks the few worth evaluating.
    full: bool,
    /// Unused keys, largest first, as of the start of the pass (helpers for "enable").
    free: Vec<usize>,
    /// Subscriptions changed since the start of the pass.
    touched: Vec<bool>,
}

impl Local<'_> {
    fn new<'a>(p: &Problem<'a>) -> Local<'a> {
        Local {
            rules: p.rules,
            keys: p.keys,
            slots: p
                .subs
                .iter()
                .map(|&init| Slot {
                    seq: Vec::new(),
                    states: vec![init],
                    days: p.rules.offset(init.end),
                    seats_used: 0,
                    cost: p.rules.cost(init, 0, 0),
                })
                .collect(),
            at: vec![None; p.keys.len()],
            full: p.subs.len() <= FULL_SEARCH_SUBS,
            free: Vec::new(),
            touched: vec![false; p.subs.len()],
        }
    }

    fn total(&self) -> Cost {
        self.slots.iter().fold(ZERO, |t, s| add(t, s.cost))
    }

    /// The slot a change gives, if `plan` accepts every step. Only the steps from the first
    /// one that differs are replayed.
    fn changed(&self, c: &Change) -> Option<Slot> {
        let slot = &self.slots[c.sub];
        let mut seq: Vec<(usize, Action)> = slot
            .seq
            .iter()
            .copied()
            .filter(|(k, _)| !c.remove.contains(k))
            .collect();
        for &(k, a) in &c.insert {
            seq.insert(position(&seq, a), (k, a));
        }
        let same = seq
            .iter()
            .zip(&slot.seq)
            .take_while(|(a, b)| a == b)
            .count();
        let mut states = slot.states[..=same].to_vec();
        let mut st = states[same];
        for &(k, a) in &seq[same..] {
            st = self.rules.step(st, a, self.keys[k])?;
            states.push(st);
        }
        let seats_used = seq.iter().map(|&(k, _)| self.keys[k]).sum();
        let days = self.rules.offset(st.end);
        let cost = self.rules.cost_at(days, seats_used, seq.len());
        Some(Slot {
            seq,
            states,
            days,
            seats_used,
            cost,
        })
    }

    /// The cost change of a set of changes (one per subscription) and the slots they give.
    fn trial(&self, changes: &[Change]) -> Option<(Cost, Vec<(usize, Slot)>)> {
        let mut delta = ZERO;
        let mut out = Vec::with_capacity(changes.len());
        for c in changes {
            let slot = self.changed(c)?;
            delta = add(delta, sub(slot.cost, self.slots[c.sub].cost));
            out.push((c.sub, slot));
        }
        Some((delta, out))
    }

    fn commit(&mut self, slots: Vec<(usize, Slot)>) {
        for (j, _) in &slots {
            self.touched[*j] = true;
            for &(k, _) in &self.slots[*j].seq {
                self.at[k] = None;
            }
        }
        for (j, slot) in slots {
            for &(k, _) in &slot.seq {
                self.at[k] = Some(j);
            }
            self.slots[j] = slot;
        }
    }

    /// Changes that take `moved` out of wherever they are and put `insert` into `j`.
    fn changes(
        &self,
        moved: &[usize],
        j: Option<usize>,
        insert: Vec<(usize, Action)>,
    ) -> Vec<Change> {
        let mut out: Vec<Change> = Vec::new();
        for &x in moved {
            if let Some(h) = self.at[x] {
                match out.iter_mut().find(|c| c.sub == h) {
                    Some(c) => c.remove.push(x),
                    None => out.push(Change {
                        sub: h,
                        remove: vec![x],
                        insert: Vec::new(),
                    }),
                }
            }
        }
        if let Some(j) = j {
            match out.iter_mut().find(|c| c.sub == j) {
                Some(c) => c.insert = insert,
                None => out.push(Change {
                    sub: j,
                    remove: Vec::new(),
                    insert,
                }),
            }
        }
        out
    }

    /// The most promising places for key `k` by the integer estimate, best first, with
    /// their estimated cost change.
    fn candidates(&self, k: usize, actions: &[Action]) -> Vec<(Cost, usize, Action)> {
        let size = self.keys[k];
        let limit = if self.full { usize::MAX } else { CANDIDATES };
        let mut best: Vec<(Cost, usize, Action)> = Vec::new();
        for (j, slot) in self.slots.iter().enumerate() {
            if self.rules.saturated(slot.days) {
                continue;
            }
            let seats = slot.fin().seats;
            for &action in actions {
                let Some((_, est)) = self.rules.estimate(seats, slot.days, action, size) else {
                    continue;
                };
                let c = self
                    .rules
                    .cost_at(est, slot.seats_used + size, slot.seq.len() + 1);
                let d = sub(c, slot.cost);
                if best.len() >= limit && best.last().is_some_and(|b| d >= b.0) {
                    continue;
                }
                let pos = best.partition_point(|b| b.0 <= d);
                best.insert(pos, (d, j, action));
                best.truncate(limit);
            }
        }
        best
    }

    /// The estimated cost change of taking key `k` out of its subscription (zero if unused):
    /// its own step's days are taken off the end.
    fn estimated_out(&self, k: usize) -> Cost {
        let Some(h) = self.at[k] else { return ZERO };
        let slot = &self.slots[h];
        let i = slot.seq.iter().position(|&(x, _)| x == k).unwrap_or(0);
        let gain =
            self.rules.offset(slot.states[i + 1].end) - self.rules.offset(slot.states[i].end);
        let without = self.rules.cost_at(
            slot.days - gain,
            slot.seats_used - self.keys[k],
            slot.seq.len() - 1,
        );
        sub(without, slot.cost)
    }

    /// The estimated cost change on `j` of adding `helpers` and then extending with `k`.
    fn estimated_enable(&self, k: usize, j: usize, helpers: &[usize]) -> Option<Cost> {
        let slot = &self.slots[j];
        let fin = slot.fin();
        let (mut seats, mut days) = (fin.seats, slot.days);
        for &h in helpers {
            (seats, days) = self
                .rules
                .estimate(seats, days, Action::AddLicenses, self.keys[h])?;
        }
        (_, days) = self
            .rules
            .estimate(seats, days, Action::ExtendEndDate, self.keys[k])?;
        let used: i64 = helpers.iter().map(|&h| self.keys[h]).sum::<i64>() + self.keys[k];
        let c = self.rules.cost_at(
            days,
            slot.seats_used + used,
            slot.seq.len() + helpers.len() + 1,
        );
        let mut delta = sub(c, slot.cost);
        for &x in helpers.iter().chain([&k]) {
            delta = add(delta, self.estimated_out(x));
        }
        Some(delta)
    }

    /// Moves key `k` to its best place (another subscription, another action, or out of the
    /// plan) if that lowers the cost; `true` if it moved.
    fn relocate(&mut self, k: usize, actions: &[Action]) -> bool {
        let home = self.at[k];
        let candidates = self.candidates(k, actions);
        if !self.full && home.is_some() {
            // On a large product, skip the exact evaluation when, by the estimate, neither
            // leaving the key out nor its best move gains at least the margin.
            let out = self.estimated_out(k);
            let moved = candidates
                .iter()
                .find(|c| Some(c.1) != home)
                .map_or(out, |c| add(out, c.0));
            if out[0] >= ESTIMATE_MARGIN && moved[0] >= ESTIMATE_MARGIN {
                return false;
            }
        }
        // Taking the key out, once. When `plan` refuses that (a later extend on its
        // subscription needs this key's licenses), the key cannot leave its subscription,
        // but it may still move within it: to another action, or to another place in the
        // canonical order (after the other adds, say), which can be better by a day or more.
        let out = match home {
            Some(_) => self.trial(&self.changes(&[k], None, Vec::new())),
            None => None,
        };
        let stuck = home.is_some() && out.is_none();
        let out_delta = out.as_ref().map_or(ZERO, |(d, _)| *d);
        let mut best: Option<(Cost, Vec<(usize, Slot)>)> = out.clone().filter(|(d, _)| *d < ZERO);
        for (_, j, action) in candidates {
            if stuck && home != Some(j) {
                continue;
            }
            let trial = if home == Some(j) {
                self.trial(&self.changes(&[k], Some(j), vec![(k, action)]))
            } else {
                let c = Change {
                    sub: j,
                    remove: Vec::new(),
                    insert: vec![(k, action)],
                };
                self.changed(&c).map(|slot| {
                    let delta = add(out_delta, sub(slot.cost, self.slots[j].cost));
                    let mut slots = out.as_ref().map_or(Vec::new(), |(_, s)| s.clone());
                    slots.push((j, slot));
                    (delta, slots)
                })
            };
            if let Some((delta, slots)) = trial {
                if delta < ZERO && best.as_ref().is_none_or(|(b, _)| delta < *b) {
                    best = Some((delta, slots));
                }
            }
        }
        match best {
            Some((_, slots)) => {
                self.commit(slots);
                true
            }
            None => false,
        }
    }

    /// The "enable" move: key `k` is too large to extend subscription `j` (R-PRO-5 allows
    /// at most three times the active licenses), so other keys go to `j` as "add licenses"
    /// (before its extends) until it has enough, and `k` extends it. The helpers are taken
    /// from wherever they are. `true` if that lowered the cost.
    fn enable(&mut self, k: usize) -> bool {
        let size = self.keys[k];
        let mut best: Option<(Cost, Vec<(usize, Slot)>)> = None;
        for j in self.enable_candidates(k) {
            let need = (size + 2) / 3 - self.slots[j].fin().seats;
            for helpers in self.helpers(k, j, need) {
                if !self.full
                    && self
                        .estimated_enable(k, j, &helpers)
                        .is_none_or(|d| d[0] >= ESTIMATE_MARGIN)
                {
                    continue;
                }
                let mut moved = helpers.clone();
                moved.push(k);
                let mut insert: Vec<(usize, Action)> =
                    helpers.iter().map(|&h| (h, Action::AddLicenses)).collect();
                insert.push((k, Action::ExtendEndDate));
                if let Some((delta, slots)) = self.trial(&self.changes(&moved, Some(j), insert)) {
                    if delta < ZERO && best.as_ref().is_none_or(|(b, _)| delta < *b) {
                        best = Some((delta, slots));
                    }
                }
            }
        }
        match best {
            Some((_, slots)) => {
                self.commit(slots);
                true
            }
            None => false,
        }
    }

    /// Active subscriptions that key `k` is too large to extend, best first by the estimate
    /// of extending them once they have enough licenses.
    fn enable_candidates(&self, k: usize) -> Vec<usize> {
        let size = self.keys[k];
        let limit = if self.full {
            usize::MAX
        } else {
            ENABLE_CANDIDATES
        };
        let mut best: Vec<(Cost, usize)> = Vec::new();
        for (j, slot) in self.slots.iter().enumerate() {
            let (seats, days) = (slot.fin().seats, slot.days);
            if days <= 0
                || size <= seats.saturating_mul(3)
                || self.at[k] == Some(j)
                || self.rules.saturated(days)
            {
                continue;
            }
            let Some((_, est)) =
                self.rules
                    .estimate((size + 2) / 3, days, Action::ExtendEndDate, size)
            else {
                continue;
            };
            let d = sub(
                self.rules
                    .cost_at(est, slot.seats_used + size, slot.seq.len() + 1),
                slot.cost,
            );
            if d >= ZERO || (best.len() >= limit && best.last().is_some_and(|b| d >= b.0)) {
                continue;
            }
            let pos = best.partition_point(|b| b.0 <= d);
            best.insert(pos, (d, j));
            best.truncate(limit);
        }
        best.into_iter().map(|(_, j)| j).collect()
    }

    /// Sets of other keys, not already on `j`, of `need` licenses or more in all: the
    /// smallest single unused key, the smallest single key, and unused keys largest first.
    fn helpers(&self, k: usize, j: usize, need: i64) -> Vec<Vec<usize>> {
        let usable = |h: usize| h != k && self.at[h] != Some(j) && self.keys[h] >= need;
        let mut options: Vec<Vec<usize>> = Vec::new();
        // Keys are sorted largest first, so the last usable one is the smallest.
        let smallest_free = self
            .free
            .iter()
            .rev()
            .copied()
            .find(|&h| usable(h) && self.at[h].is_none());
        let smallest_any = (0..self.keys.len()).rev().find(|&h| usable(h));
        for h in [smallest_free, smallest_any].into_iter().flatten() {
            if !options.contains(&vec![h]) {
                options.push(vec![h]);
            }
        }
        let mut set = Vec::new();
        let mut sum = 0;
        for &h in &self.free {
            if sum >= need || set.len() == MAX_HELPERS {
                break;
            }
            if h != k && self.at[h].is_none() {
                sum += self.keys[h];
                set.push(h);
            }
        }
        if sum >= need && set.len() > 1 {
            options.push(set);
        }
        options
    }

    /// The action key `k` is redeemed with, if it is in the plan.
    fn action_of(&self, k: usize) -> Option<Action> {
        let h = self.at[k]?;
        self.slots[h]
            .seq
            .iter()
            .find(|&&(x, _)| x == k)
            .map(|&(_, a)| a)
    }

    /// The "swap" move, on small products: key `k` and another key of a different size
    /// trade places (each taking the other's subscription and action, or the other's place
    /// out of the plan). `true` if the best swap lowered the cost.
    fn swap(&mut self, k: usize) -> bool {
        let mut best: Option<(Cost, Vec<(usize, Slot)>)> = None;
        for l in 0..self.keys.len() {
            if self.keys[l] == self.keys[k] || self.at[l] == self.at[k] {
                continue;
            }
            let mut changes: Vec<Change> = Vec::new();
            for (from, to) in [(k, l), (l, k)] {
                // `from` leaves its place; `to` takes it.
                if let (Some(h), Some(a)) = (self.at[from], self.action_of(from)) {
                    changes.push(Change {
                        sub: h,
                        remove: vec![from],
                        insert: vec![(to, a)],
                    });
                }
            }
            if let Some((delta, slots)) = self.trial(&changes) {
                if delta < ZERO && best.as_ref().is_none_or(|(b, _)| delta < *b) {
                    best = Some((delta, slots));
                }
            }
        }
        match best {
            Some((_, slots)) => {
                self.commit(slots);
                true
            }
            None => false,
        }
    }

    /// Local search: every key in turn is relocated, enabled or (on small products)
    /// swapped, until a whole pass changes nothing (a local optimum) or `passes` passes are
    /// done. On large products, a pass after the first only looks again at the keys that
    /// are unused or on a subscription the previous pass changed.
    fn descend(&mut self, passes: usize) {
        let swaps = self.full && self.keys.len() <= DESCEND_ALL_STARTS_KEYS;
        let mut again: Vec<bool> = vec![true; self.slots.len()];
        for _ in 0..passes {
            let mut moved = false;
            self.free = (0..self.keys.len())
                .filter(|&h| self.at[h].is_none())
                .collect();
            self.touched.iter_mut().for_each(|t| *t = false);
            for k in 0..self.keys.len() {
                if !self.full && self.at[k].is_some_and(|h| !again[h]) {
                    continue;
                }
                moved |= self.relocate(k, &ACTIONS) || self.enable(k) || (swaps && self.swap(k));
            }
            if !moved {
                break;
            }
            again.clone_from(&self.touched);
        }
    }
}

/// How much better than its current place (in the goal's first measure, days or
/// subscriptions) the estimate must find a move before it is evaluated exactly, on products
/// with more than [`FULL_SEARCH_SUBS`] subscriptions.
const ESTIMATE_MARGIN: i64 = 3;
/// Subscriptions tried per key by the "enable" move on large products.
const ENABLE_CANDIDATES: usize = 3;

/// The starting plans: the keys largest first, smallest first, and largest first placing
/// only extensions before anything else.
const STARTS: usize = 3;
/// Up to this many keys in a product, local search runs from every start; beyond, only from
/// the start whose greedy plan is best (the local search is the costly part).
pub const DESCEND_ALL_STARTS_KEYS: usize = 64;

/// Greedy constructions followed by local search; the best result.
pub(crate) fn heuristic(p: &Problem, passes: usize) -> Sequences {
    let n = p.keys.len();
    let mut starts: Vec<(Cost, Local)> = Vec::with_capacity(STARTS);
    for start in 0..STARTS {
        let mut local = Local::new(p);
        let order: Vec<usize> = match start {
            1 => (0..n).rev().collect(),
            _ => (0..n).collect(),
        };
        if start == 2 {
            for &k in &order {
                local.relocate(k, &[Action::ExtendEndDate]);
            }
        }
        for &k in &order {
            if local.at[k].is_none() {
                local.relocate(k, &ACTIONS);
            }
        }
        starts.push((local.total(), local));
    }
    if n > DESCEND_ALL_STARTS_KEYS {
        // Keep the first best greedy plan only.
        let mut best = 0;
        for i in 1..starts.len() {
            if starts[i].0 < starts[best].0 {
                best = i;
            }
        }
        starts = vec![starts.swap_remove(best)];
    }
    let mut best: Option<(Cost, Local)> = None;
    for (_, mut local) in starts {
        local.descend(passes);
        let total = local.total();
        if best.as_ref().is_none_or(|(b, _)| total < *b) {
            best = Some((total, local));
        }
    }
    best.map(|(_, l)| l.slots.into_iter().map(|s| s.seq).collect())
        .unwrap_or_default()
}
