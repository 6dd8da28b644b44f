//! The bulk key planner's view model (R-PLAN-2): the pool of keys and subscriptions (from the
//! workspace or a CSV file) turned into the engine's input, the goal the partner picks, and
//! the engine's plan turned into the rows, links and file the page shows. Every number and
//! every sentence of the plan comes from `benefits_core::bulk`; this module only maps and
//! words. Pure: natively tested, no browser.

use crate::i18n::pick;
use crate::plan_query::percent_encode;
use benefits_core::bulk::{
    to_csv, BulkKey, BulkPlan, BulkRequest, BulkSubscription, CsvImport, Goal, Metric, PlanLine,
    SkipReason, UnusedReason,
};
use benefits_core::proration::Action;
use benefits_core::{months_between, Months, ProductKey, Workspace};
use chrono::NaiveDate;

/// Where the keys and subscriptions come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Source {
    /// The workspace's unredeemed product keys and its tenant subscriptions.
    #[default]
    Workspace,
    /// A CSV file the partner picked (the columns of `docs/BULK_PLANNER.md`).
    Csv,
}

impl Source {
    pub const ALL: [Source; 2] = [Source::Workspace, Source::Csv];

    pub fn code(self) -> &'static str {
        match self {
            Source::Workspace => "workspace",
            Source::Csv => "csv",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Source::Workspace => pick("From this workspace", "Depuis cet espace de travail"),
            Source::Csv => pick("From a CSV file", "Depuis un fichier CSV"),
        }
    }
}

/// A workspace subscription the planner cannot be given, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub subscription_id: String,
    pub product: String,
    pub reason: LeftOutReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOutReason {
    /// Disabled in the tenant: the planner's subscriptions have no "disabled" state (it would
    /// plan an extend on one), while the wizard offers only "activate a new subscription".
    Disabled,
}

impl LeftOutReason {
    pub fn text(self) -> &'static str {
        match self {
            LeftOutReason::Disabled => pick(
                "Disabled in the tenant: only “Activate a new subscription” applies to it, one key at a time in the wizard.",
                "Désactivé dans le locataire : seule l'action « Activer un nouvel abonnement » s'y applique, clé par clé dans l'assistant.",
            ),
        }
    }
}

/// The planner's input, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pool {
    pub source: Source,
    pub keys: Vec<BulkKey>,
    pub subscriptions: Vec<BulkSubscription>,
    /// Workspace subscriptions not given to the planner.
    pub left_out: Vec<LeftOut>,
}

/// The workspace's unredeemed keys (in the order they were added, the key itself as id) and
/// its subscriptions (their id, e.g. `sub-1`); disabled ones are left out, with the reason.
pub fn workspace_pool(ws: &Workspace) -> Pool {
    let mut records: Vec<_> = ws
        .product_keys()
        .values()
        .filter(|k| !k.is_redeemed())
        .collect();
    records.sort_by_key(|k| k.added_seq);
    let keys = records
        .into_iter()
        .map(|k| BulkKey {
            id: k.key.to_string(),
            product: k.product.clone(),
            seats: k.seats,
        })
        .collect();
    let mut subscriptions = Vec::new();
    let mut left_out = Vec::new();
    for s in ws.subscriptions().values() {
        if s.disabled {
            left_out.push(LeftOut {
                subscription_id: s.id.as_str().to_string(),
                product: s.product.clone(),
                reason: LeftOutReason::Disabled,
            });
        } else {
            subscriptions.push(BulkSubscription {
                id: s.id.as_str().to_string(),
                product: s.product.clone(),
                seats: s.seats,
                end_date: s.end,
            });
        }
    }
    Pool {
        source: Source::Workspace,
        keys,
        subscriptions,
        left_out,
    }
}

/// The good rows of a CSV file (its bad rows are reported apart, by line number).
pub fn csv_pool(import: &CsvImport) -> Pool {
    Pool {
        source: Source::Csv,
        keys: import.keys.clone(),
        subscriptions: import.subscriptions.clone(),
        left_out: Vec::new(),
    }
}

/// A key as the page shows it: a workspace key masked but for its last group, a key of a
/// CSV file as the file names it.
pub fn key_shown(source: Source, id: &str) -> String {
    match source {
        Source::Workspace => ProductKey::parse(id).map_or_else(|_| id.to_string(), |k| k.masked()),
        Source::Csv => id.to_string(),
    }
}

/// One key of the pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolKeyRow {
    pub shown: String,
    pub product: String,
    pub seats: i64,
}

/// One subscription of the pool, with its time left on the redemption day (`None` once
/// ended).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolSubscriptionRow {
    pub id: String,
    pub product: String,
    pub seats: i64,
    pub end: NaiveDate,
    pub left: Option<Months>,
}

pub fn pool_key_rows(pool: &Pool) -> Vec<PoolKeyRow> {
    pool.keys
        .iter()
        .map(|k| PoolKeyRow {
            shown: key_shown(pool.source, &k.id),
            product: k.product.clone(),
            seats: k.seats,
        })
        .collect()
}

pub fn pool_subscription_rows(pool: &Pool, on: NaiveDate) -> Vec<PoolSubscriptionRow> {
    pool.subscriptions
        .iter()
        .map(|s| PoolSubscriptionRow {
            id: s.id.clone(),
            product: s.product.clone(),
            seats: s.seats,
            end: s.end_date,
            left: (s.end_date > on)
                .then(|| months_between(on, s.end_date).ok())
                .flatten(),
        })
        .collect()
}

/// The three goals the partner can pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum GoalChoice {
    #[default]
    AlignEndDates,
    MaximiseMonths,
    KeepTwelveMonths,
}

impl GoalChoice {
    pub const ALL: [GoalChoice; 3] = [
        GoalChoice::AlignEndDates,
        GoalChoice::MaximiseMonths,
        GoalChoice::KeepTwelveMonths,
    ];

    /// The engine's code of the goal (`Goal::code`).
    pub fn code(self) -> &'static str {
        self.goal(None, None).code()
    }

    pub fn label(self) -> &'static str {
        match self {
            GoalChoice::AlignEndDates => pick(
                "Align all end dates to one date",
                "Aligner toutes les dates de fin sur une même date",
            ),
            GoalChoice::MaximiseMonths => {
                pick("Maximise the months covered", "Maximiser les mois couverts")
            }
            GoalChoice::KeepTwelveMonths => pick(
                "Keep every subscription at 12 months or more",
                "Garder au moins 12 mois sur chaque abonnement",
            ),
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            GoalChoice::AlignEndDates => pick(
                "Bring every end date as close as possible to the target date, so that the subscriptions renew together.",
                "Rapprocher chaque date de fin le plus possible de la date cible, pour que les abonnements se renouvellent ensemble.",
            ),
            GoalChoice::MaximiseMonths => pick(
                "Get the most months of service out of the keys, added up over the subscriptions, until the horizon.",
                "Tirer des clés le plus de mois de service, additionnés sur les abonnements, jusqu'à l'horizon.",
            ),
            GoalChoice::KeepTwelveMonths => pick(
                "Bring as many subscriptions as possible to 12 months or more left, then the others as close as possible.",
                "Amener le plus d'abonnements possible à 12 mois restants ou plus, puis les autres le plus près possible.",
            ),
        }
    }

    /// The engine's goal; the date applies to the goal that takes one (`None`: the engine's
    /// own default, which the plan reports).
    pub fn goal(self, target: Option<NaiveDate>, horizon: Option<NaiveDate>) -> Goal {
        match self {
            GoalChoice::AlignEndDates => Goal::AlignEndDates { target },
            GoalChoice::MaximiseMonths => Goal::MaximiseMonths { horizon },
            GoalChoice::KeepTwelveMonths => Goal::KeepTwelveMonths,
        }
    }
}

/// A date field: empty is `Ok(None)`; anything but `YYYY-MM-DD` (what a date input gives)
/// is `Err` with the text as typed.
pub fn read_date(raw: &str) -> Result<Option<NaiveDate>, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<NaiveDate>().map(Some).map_err(|_| s.to_string())
}

/// The question to the engine.
pub fn request(pool: &Pool, goal: Goal, today: NaiveDate, reactivate_expired: bool) -> BulkRequest {
    BulkRequest {
        keys: pool.keys.clone(),
        subscriptions: pool.subscriptions.clone(),
        today,
        goal,
        reactivate_expired,
    }
}

/// The wizard, pre-filled for one line of the plan (`WizardQuery` reads it).
pub fn wizard_link(line: &PlanLine) -> String {
    format!(
        "/redeem?subscription={}&key={}&action={}",
        percent_encode(&line.subscription_id),
        percent_encode(&line.key_id),
        line.action.code()
    )
}

/// One recommended redemption as the table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    pub step: usize,
    pub key_shown: String,
    pub key_seats: i64,
    pub product: String,
    pub subscription_id: String,
    pub action: Action,
    /// Licenses and end date before this line (absent for "activate a new subscription").
    pub seats_before: Option<i64>,
    pub end_before: Option<NaiveDate>,
    pub seats_after: i64,
    pub end_after: NaiveDate,
    pub months_added: Option<Months>,
    pub time_left_after: Months,
    /// The engine's sentence (English).
    pub explanation: String,
    /// The pre-filled wizard, for a line of the workspace (a CSV line names no workspace
    /// subscription).
    pub wizard: Option<String>,
}

pub fn plan_rows(plan: &BulkPlan, source: Source) -> Vec<PlanRow> {
    plan.lines
        .iter()
        .map(|l| PlanRow {
            step: l.step,
            key_shown: key_shown(source, &l.key_id),
            key_seats: l.key_seats,
            product: l.product.clone(),
            subscription_id: l.subscription_id.clone(),
            action: l.action,
            seats_before: l.outcome.previous_seats,
            end_before: l.outcome.previous_end_date,
            seats_after: l.outcome.seats,
            end_after: l.outcome.end_date,
            months_added: l.outcome.months_added,
            time_left_after: l.outcome.time_left_after,
            explanation: l.explanation.clone(),
            wizard: (source == Source::Workspace).then(|| wizard_link(l)),
        })
        .collect()
}

/// A key left out of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnusedRow {
    pub key_shown: String,
    pub product: String,
    pub seats: i64,
    pub reason: UnusedReason,
    pub explanation: String,
}

pub fn unused_rows(plan: &BulkPlan, source: Source) -> Vec<UnusedRow> {
    plan.unused_keys
        .iter()
        .map(|k| UnusedRow {
            key_shown: key_shown(source, &k.key_id),
            product: k.product.clone(),
            seats: k.seats,
            reason: k.reason,
            explanation: k.explanation.clone(),
        })
        .collect()
}

/// The engine's code of a reason, for the page's `data-` attributes.
pub fn unused_code(reason: UnusedReason) -> &'static str {
    match reason {
        UnusedReason::InvalidSeats => "invalid_seats",
        UnusedReason::DuplicateId => "duplicate_id",
        UnusedReason::NoSubscription => "no_subscription",
        UnusedReason::NotNeeded => "not_needed",
    }
}

/// Why a key is unused, in a few words of the partner's language.
pub fn unused_label(reason: UnusedReason) -> &'static str {
    match reason {
        UnusedReason::InvalidSeats => pick("Licenses not valid", "Licences non valides"),
        UnusedReason::DuplicateId => pick("Listed twice", "Indiquée deux fois"),
        UnusedReason::NoSubscription => pick(
            "No subscription of its product",
            "Aucun abonnement de son produit",
        ),
        UnusedReason::NotNeeded => pick("Not needed for the goal", "Pas utile pour l'objectif"),
    }
}

/// Why a subscription is left out of the plan, in a few words.
pub fn skip_label(reason: SkipReason) -> &'static str {
    match reason {
        SkipReason::Expired => pick("Ended", "Terminé"),
        SkipReason::InvalidSeats => pick("Licenses not valid", "Licences non valides"),
        SkipReason::DuplicateId => pick("Listed twice", "Indiqué deux fois"),
        SkipReason::DateOutOfRange => pick("End date out of range", "Date de fin hors limites"),
    }
}

/// What the goal's number counts, and whether lower is better.
pub fn metric_label(metric: Metric) -> (&'static str, bool) {
    match metric {
        Metric::DaysFromTarget => (
            pick(
                "Days between the end dates and the target, added up",
                "Jours entre les dates de fin et la cible, additionnés",
            ),
            true,
        ),
        Metric::DaysCovered => (
            pick(
                "Days of service until the horizon, added up",
                "Jours de service jusqu'à l'horizon, additionnés",
            ),
            false,
        ),
        Metric::SubscriptionsWithTwelveMonths => (
            pick(
                "Subscriptions with 12 months or more left",
                "Abonnements avec 12 mois restants ou plus",
            ),
            false,
        ),
    }
}

/// A count with its noun, singular or plural by the language's rule: "1 key", "2 keys";
/// "0 clé", "1 clé", "2 clés" (French takes the singular below 2).
pub fn counted(n: usize, en: (&str, &str), fr: (&str, &str)) -> String {
    let count = crate::i18n::format_count(i64::try_from(n).unwrap_or(i64::MAX));
    let noun = match crate::i18n::lang() {
        crate::i18n::Lang::En if n == 1 => en.0,
        crate::i18n::Lang::En => en.1,
        crate::i18n::Lang::Fr if n < 2 => fr.0,
        crate::i18n::Lang::Fr => fr.1,
    };
    format!("{count} {noun}")
}

/// "3 keys" / "3 clés".
pub fn keys_count(n: usize) -> String {
    counted(n, ("key", "keys"), ("clé", "clés"))
}

/// "1 subscription" / "1 abonnement".
pub fn subscriptions_count(n: usize) -> String {
    counted(
        n,
        ("subscription", "subscriptions"),
        ("abonnement", "abonnements"),
    )
}

/// The plan with the keys as the page shows them: a workspace key is masked in the file as on
/// screen (the file may travel by e-mail; the wizard links carry the key to redeem).
fn shown_plan(plan: &BulkPlan, source: Source) -> BulkPlan {
    let mut shown = plan.clone();
    for l in &mut shown.lines {
        l.key_id = key_shown(source, &l.key_id);
    }
    for k in &mut shown.unused_keys {
        k.key_id = key_shown(source, &k.key_id);
    }
    shown
}

/// The plan as a CSV file (`bulk::to_csv`): a header, one row per line of the plan in
/// redemption order, then one row per unused key.
pub fn export_csv(plan: &BulkPlan, source: Source) -> String {
    to_csv(&shown_plan(plan, source))
}

/// `bulk-key-plan-align_end_dates-2026-11-20.csv`.
pub fn export_file_name(plan: &BulkPlan) -> String {
    format!("bulk-key-plan-{}-{}.csv", plan.goal.code(), plan.today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::bulk::{parse_csv, plan_bulk};
    use benefits_core::demo;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn today() -> NaiveDate {
        day("2026-11-20")
    }

    fn demo_pool() -> Pool {
        workspace_pool(demo::workspace(today()).workspace())
    }

    const SAMPLE: &str = include_str!("../../public/bulk-sample.csv");

    #[test]
    fn the_workspace_gives_its_unredeemed_keys_and_its_subscriptions() {
        let pool = demo_pool();
        assert_eq!(pool.source, Source::Workspace);
        let keys: Vec<(&str, i64)> = pool
            .keys
            .iter()
            .map(|k| (k.product.as_str(), k.seats))
            .collect();
        assert_eq!(
            keys,
            [
                (demo::M365, 25),
                (demo::M365, 100),
                (demo::M365, 400),
                (demo::POWER_BI, 10)
            ]
        );
        // The key itself is the id, in five groups: the wizard link needs it.
        assert!(pool.keys.iter().all(|k| ProductKey::parse(&k.id).is_ok()));
        assert!(pool.keys.iter().all(|k| k.id.len() == 29));
        let subs: Vec<(&str, &str, i64, NaiveDate)> = pool
            .subscriptions
            .iter()
            .map(|s| (s.id.as_str(), s.product.as_str(), s.seats, s.end_date))
            .collect();
        assert_eq!(
            subs,
            [
                ("sub-1", demo::M365, 100, day("2027-01-20")),
                ("sub-2", demo::POWER_BI, 10, day("2026-10-31")),
            ]
        );
        assert!(pool.left_out.is_empty());
    }

    #[test]
    fn redeemed_keys_and_disabled_subscriptions_stay_out() {
        use benefits_core::model::NewSubscription;
        use benefits_core::{Command, RedeemRequest, RedeemTarget, UserId};
        let mut doc = demo::workspace(today());
        let at = today().and_hms_opt(10, 0, 0).unwrap();
        let gloria = UserId::new(demo::GLORIA);
        let first = demo_pool().keys[0].id.clone();
        doc.apply(
            &gloria,
            at,
            &Command::RedeemKey(RedeemRequest {
                key: first.clone(),
                target: RedeemTarget::Existing {
                    subscription: benefits_core::SubscriptionId::from("sub-1"),
                },
                action: Action::ExtendEndDate,
                confirm_tenant: doc
                    .workspace()
                    .organisation()
                    .unwrap()
                    .tenant
                    .domain
                    .clone(),
            }),
        )
        .unwrap();
        doc.apply(
            &UserId::new(demo::MARIO),
            at,
            &Command::RecordSubscription {
                subscription: NewSubscription {
                    product: demo::M365.into(),
                    seats: 5,
                    start: day("2026-01-01"),
                    end: day("2027-06-30"),
                    disabled: true,
                },
            },
        )
        .unwrap();
        let pool = workspace_pool(doc.workspace());
        assert_eq!(pool.keys.len(), 3);
        assert!(pool.keys.iter().all(|k| k.id != first));
        assert_eq!(pool.subscriptions.len(), 2);
        assert_eq!(
            pool.left_out,
            [LeftOut {
                subscription_id: "sub-3".into(),
                product: demo::M365.into(),
                reason: LeftOutReason::Disabled
            }]
        );
    }

    #[test]
    fn workspace_keys_are_masked_csv_keys_shown_as_given() {
        let pool = demo_pool();
        let rows = pool_key_rows(&pool);
        assert_eq!(rows.len(), 4);
        for (row, key) in rows.iter().zip(&pool.keys) {
            assert!(row.shown.starts_with("•••••-•••••-•••••-•••••-"));
            assert!(key.id.ends_with(&row.shown[row.shown.len() - 5..]));
        }
        assert_eq!(
            key_shown(Source::Csv, "MAPS-2026-M365-A"),
            "MAPS-2026-M365-A"
        );
        // Not a key: shown as it is rather than hidden wrongly.
        assert_eq!(key_shown(Source::Workspace, "label"), "label");
    }

    #[test]
    fn subscriptions_show_their_time_left_on_the_redemption_day() {
        let rows = pool_subscription_rows(&demo_pool(), today());
        assert_eq!(rows[0].left, Some(Months::whole(2)));
        assert_eq!(rows[1].left, None, "sub-2 ended on 2026-10-31");
        let later = pool_subscription_rows(&demo_pool(), day("2026-12-20"));
        assert_eq!(later[0].left, Some(Months::whole(1)));
    }

    #[test]
    fn the_sample_file_reads_in_full() {
        let import = parse_csv(SAMPLE);
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        let pool = csv_pool(&import);
        assert_eq!(pool.source, Source::Csv);
        assert_eq!(pool.keys.len(), 10);
        assert_eq!(pool.subscriptions.len(), 8);
        assert_eq!(pool_key_rows(&pool)[0].shown, "MAPS-2026-M365-A");
    }

    #[test]
    fn goals_map_to_the_engine_with_their_dates() {
        let codes: Vec<&str> = GoalChoice::ALL.iter().map(|g| g.code()).collect();
        assert_eq!(
            codes,
            ["align_end_dates", "maximise_months", "keep_twelve_months"]
        );
        let d = Some(day("2027-12-31"));
        assert_eq!(
            GoalChoice::AlignEndDates.goal(d, None),
            Goal::AlignEndDates { target: d }
        );
        assert_eq!(
            GoalChoice::MaximiseMonths.goal(Some(day("2028-01-01")), d),
            Goal::MaximiseMonths { horizon: d }
        );
        assert_eq!(
            GoalChoice::KeepTwelveMonths.goal(d, d),
            Goal::KeepTwelveMonths
        );
    }

    #[test]
    fn date_fields_read_iso_dates_and_refuse_the_rest() {
        assert_eq!(read_date(""), Ok(None));
        assert_eq!(read_date("  "), Ok(None));
        assert_eq!(read_date("2027-04-30"), Ok(Some(day("2027-04-30"))));
        assert_eq!(read_date("30/04/2027"), Err("30/04/2027".into()));
        assert_eq!(read_date("2027-02-30"), Err("2027-02-30".into()));
    }

    fn demo_plan(goal: Goal) -> BulkPlan {
        plan_bulk(&request(&demo_pool(), goal, today(), false))
    }

    #[test]
    fn every_line_opens_the_wizard_with_its_subscription_key_and_action() {
        for choice in GoalChoice::ALL {
            let plan = demo_plan(choice.goal(None, None));
            let rows = plan_rows(&plan, Source::Workspace);
            assert!(!rows.is_empty(), "{choice:?}");
            for (row, line) in rows.iter().zip(&plan.lines) {
                let link = row.wizard.clone().unwrap();
                let q = crate::wizard::WizardQuery::parse(link.strip_prefix("/redeem").unwrap());
                assert_eq!(
                    q.subscription.as_deref(),
                    Some(line.subscription_id.as_str())
                );
                assert_eq!(q.key.as_deref(), Some(line.key_id.as_str()));
                assert_eq!(q.action, Some(line.action));
                assert!(row.key_shown.starts_with("•••••"));
                // R-PRO-5: never an extend with more than three times the licenses.
                if row.action == Action::ExtendEndDate {
                    assert!(row.key_seats <= 3 * row.seats_before.unwrap());
                }
            }
        }
    }

    #[test]
    fn the_link_is_encoded_and_csv_lines_have_none() {
        let plan = plan_bulk(&request(
            &csv_pool(&parse_csv(SAMPLE)),
            Goal::KeepTwelveMonths,
            today(),
            false,
        ));
        assert!(plan_rows(&plan, Source::Csv)
            .iter()
            .all(|r| r.wizard.is_none()));
        let mut line = plan.lines[0].clone();
        line.subscription_id = "Contoso Dev & Test".into();
        line.key_id = "A B".into();
        line.action = Action::AddLicenses;
        assert_eq!(
            wizard_link(&line),
            "/redeem?subscription=Contoso%20Dev%20%26%20Test&key=A%20B&action=add_licenses"
        );
    }

    #[test]
    fn the_export_masks_workspace_keys_and_has_a_row_per_line_and_unused_key() {
        let plan = demo_plan(Goal::KeepTwelveMonths);
        let csv = export_csv(&plan, Source::Workspace);
        let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert!(rows[0].starts_with("\u{feff}step,key_id,"));
        assert_eq!(rows.len(), 1 + plan.lines.len() + plan.unused_keys.len());
        for key in demo_pool().keys {
            assert!(
                !csv.contains(&key.id),
                "the full key {} is in the file",
                key.id
            );
        }
        assert!(csv.contains("•••••-•••••-•••••-•••••-"));
        assert_eq!(
            export_file_name(&plan),
            "bulk-key-plan-keep_twelve_months-2026-11-20.csv"
        );
    }

    #[test]
    fn unused_keys_and_skipped_subscriptions_keep_the_engines_reason() {
        let plan = demo_plan(Goal::KeepTwelveMonths);
        // The Power BI subscription ended: skipped, so its key has no subscription.
        assert_eq!(plan.skipped_subscriptions.len(), 1);
        assert_eq!(skip_label(plan.skipped_subscriptions[0].reason), "Ended");
        let unused = unused_rows(&plan, Source::Workspace);
        let pbi = unused.iter().find(|u| u.product == demo::POWER_BI).unwrap();
        assert_eq!(pbi.reason, UnusedReason::NoSubscription);
        assert_eq!(unused_code(pbi.reason), "no_subscription");
        assert!(!pbi.explanation.is_empty());
        // With reactivation, the Power BI key activates sub-2 anew.
        let plan = plan_bulk(&request(
            &demo_pool(),
            Goal::KeepTwelveMonths,
            today(),
            true,
        ));
        let rows = plan_rows(&plan, Source::Workspace);
        let activate = rows.iter().find(|r| r.subscription_id == "sub-2").unwrap();
        assert_eq!(activate.action, Action::ActivateNew);
        assert!(activate
            .wizard
            .as_deref()
            .unwrap()
            .ends_with("&action=activate_new"));
    }

    #[test]
    fn counts_take_the_right_number() {
        assert_eq!(keys_count(1), "1 key");
        assert_eq!(keys_count(0), "0 keys");
        assert_eq!(subscriptions_count(1500), "1,500 subscriptions");
        crate::i18n::set_lang(crate::i18n::Lang::Fr);
        let fr = (keys_count(0), keys_count(1), subscriptions_count(2));
        crate::i18n::set_lang(crate::i18n::Lang::En);
        assert_eq!(fr, ("0 clé".into(), "1 clé".into(), "2 abonnements".into()));
    }

    #[test]
    fn every_label_exists() {
        for m in [
            Metric::DaysFromTarget,
            Metric::DaysCovered,
            Metric::SubscriptionsWithTwelveMonths,
        ] {
            assert!(!metric_label(m).0.is_empty());
        }
        assert!(metric_label(Metric::DaysFromTarget).1);
        for s in Source::ALL {
            assert!(!s.label().is_empty() && !s.code().is_empty());
        }
        for g in GoalChoice::ALL {
            assert!(!g.label().is_empty() && !g.description().is_empty());
        }
    }
}
