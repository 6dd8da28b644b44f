//! The bulk key planner (`/plan/bulk`, R-PLAN-2): keys and subscriptions (the workspace's,
//! or a CSV file's) and a goal → the engine's recommended redemptions, in order, each with
//! its reason and a link that opens the wizard pre-filled; the plan can be exported as CSV.
//!
//! The planning runs here, in the browser, in one call to `bulk::plan_bulk`; the time it
//! takes is written on the result (`data-plan-ms`) so that the end-to-end test can read it.
//! The view model (the workspace's pool, the rows, the links, the file) is
//! `crate::views::bulk`, tested natively.

use crate::browser;
use crate::components::common::TableScroll;
use crate::i18n::{self, format_count, format_date, format_months, lang, pick, t, Lang, Msg};
use crate::router::Link;
use crate::store::Store;
use crate::views::bulk::{
    csv_pool, export_csv, export_file_name, keys_count, metric_label, plan_rows, pool_key_rows,
    pool_subscription_rows, read_date, request, skip_label, subscriptions_count, unused_code,
    unused_label, workspace_pool, GoalChoice, PlanRow, Pool, Source, UnusedRow,
};
use crate::wizard::action_label;
use benefits_core::bulk::{csv_file_refusal, parse_csv, plan_bulk, BulkPlan, CsvImport};
use chrono::NaiveDate;
use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::Arc;

/// The sample file (copied from `public/` into the site by Trunk).
const SAMPLE_FILE: &str = "bulk-sample.csv";
/// The pool is shown open when it is this small; a longer one starts folded.
const POOL_OPEN_ROWS: usize = 40;

/// A CSV file the partner picked, read.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CsvFile {
    name: String,
    import: CsvImport,
}

/// What the partner chose, kept for the session: it survives a language switch (which draws
/// the page again) and a visit to the wizard and back.
#[derive(Debug, Clone, Default)]
struct Kept {
    source: Source,
    csv: Option<Arc<CsvFile>>,
    goal: GoalChoice,
    target: String,
    horizon: String,
    date: Option<String>,
    reactivate: bool,
}

thread_local! {
    static KEPT: RefCell<Kept> = RefCell::new(Kept::default());
}

/// What the inputs ask for: a plan of this request, or nothing yet (and why).
#[derive(Debug, Clone, PartialEq)]
enum Wanted {
    Nothing(String),
    Plan(Arc<benefits_core::bulk::BulkRequest>),
}

/// "Planning 2,500 keys for 2,500 subscriptions…"
fn planning_text(keys: usize, subscriptions: usize) -> String {
    match lang() {
        Lang::En => format!(
            "Planning {} for {}…",
            keys_count(keys),
            subscriptions_count(subscriptions)
        ),
        Lang::Fr => format!(
            "Planification de {} pour {}…",
            keys_count(keys),
            subscriptions_count(subscriptions)
        ),
    }
}

/// The engine's plan and the milliseconds `plan_bulk` took, or why there is none yet.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Waiting(String),
    Planned { plan: Arc<BulkPlan>, ms: f64 },
}

/// A clock for measuring: `performance.now()` (sub-millisecond, not moved by clock changes),
/// else `Date.now()`.
fn now_ms() -> f64 {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).ok();
    performance
        .and_then(|p| {
            let now = js_sys::Reflect::get(&p, &"now".into()).ok()?;
            let now: js_sys::Function = wasm_bindgen::JsCast::dyn_into(now).ok()?;
            now.call0(&p).ok()?.as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

/// The engine writes its sentences in English: mark them so when the page is in French.
fn engine_lang() -> Option<&'static str> {
    (lang() != Lang::En).then_some("en")
}

#[component]
pub fn BulkPlanPage() -> impl IntoView {
    let title = t(Msg::AreaBulkPlanner);
    browser::set_title(&i18n::page_title(title));
    let store = Store::get();
    let kept = KEPT.with(|k| k.borrow().clone());
    let today = browser::today();
    let source = RwSignal::new(kept.source);
    let csv = RwSignal::new(kept.csv);
    let goal = RwSignal::new(kept.goal);
    let target = RwSignal::new(kept.target);
    let horizon = RwSignal::new(kept.horizon);
    let date = RwSignal::new(kept.date.unwrap_or_else(|| today.to_string()));
    let reactivate = RwSignal::new(kept.reactivate);

    Effect::new(move |_| {
        let now = Kept {
            source: source.get(),
            csv: csv.get(),
            goal: goal.get(),
            target: target.get(),
            horizon: horizon.get(),
            date: Some(date.get()),
            reactivate: reactivate.get(),
        };
        KEPT.with(|k| *k.borrow_mut() = now);
    });

    let pool = Memo::new(move |_| match source.get() {
        Source::Workspace => store.doc.with(|d| workspace_pool(d.workspace())),
        Source::Csv => csv.with(|c| {
            c.as_ref().map_or_else(
                || Pool {
                    source: Source::Csv,
                    ..Pool::default()
                },
                |c| csv_pool(&c.import),
            )
        }),
    });
    let on_date = Memo::new(move |_| date.with(|d| read_date(d).ok().flatten()));

    // What to plan, or why there is nothing to plan yet: cheap, followed as inputs change.
    let wanted = Memo::new(move |_| {
        let Some(day) = on_date.get() else {
            return Wanted::Nothing(
                pick(
                    "Enter the redemption date (for example 2026-11-20) to see the plan.",
                    "Saisissez la date d'échange (par exemple 2026-11-20) pour voir le plan.",
                )
                .to_string(),
            );
        };
        let choice = goal.get();
        let field = |value: RwSignal<String>, applies: bool| -> Result<Option<NaiveDate>, ()> {
            if applies {
                value.with(|v| read_date(v)).map_err(|_| ())
            } else {
                Ok(None)
            }
        };
        let Ok(target) = field(target, choice == GoalChoice::AlignEndDates) else {
            return Wanted::Nothing(
                pick(
                    "The target date is not a date: enter one, or leave it empty to let the planner suggest one.",
                    "La date cible n'est pas une date : saisissez-en une, ou laissez le champ vide pour que le planificateur en propose une.",
                )
                .to_string(),
            );
        };
        let Ok(horizon) = field(horizon, choice == GoalChoice::MaximiseMonths) else {
            return Wanted::Nothing(
                pick(
                    "The horizon is not a date: enter one, or leave it empty for 36 months from the redemption date.",
                    "L'horizon n'est pas une date : saisissez-en une, ou laissez le champ vide pour 36 mois après la date d'échange.",
                )
                .to_string(),
            );
        };
        let reactivate = reactivate.get();
        pool.with(|pool| {
            if pool.keys.is_empty() && pool.subscriptions.is_empty() {
                return Wanted::Nothing(match pool.source {
                    Source::Csv => pick(
                        "Choose a CSV file with keys and subscriptions to see the plan.",
                        "Choisissez un fichier CSV de clés et d'abonnements pour voir le plan.",
                    )
                    .to_string(),
                    Source::Workspace => pick(
                        "This workspace has no unredeemed product key and no subscription to plan for.",
                        "Cet espace de travail n'a ni clé de produit non échangée ni abonnement à planifier.",
                    )
                    .to_string(),
                });
            }
            Wanted::Plan(Arc::new(request(
                pool,
                choice.goal(target, horizon),
                day,
                reactivate,
            )))
        })
    });
    // The plan itself can take a second or more on thousands of rows: the page says so
    // first ("Planning 2,500 keys…"), lets the browser draw that, then plans. A newer input
    // makes an older plan's result stale: only the latest is shown.
    let outcome = RwSignal::new(Outcome::Waiting(String::new()));
    let planning = RwSignal::new(None::<String>);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| match wanted.get() {
        Wanted::Nothing(why) => {
            generation.update_value(|g| *g += 1);
            planning.set(None);
            outcome.set(Outcome::Waiting(why));
        }
        Wanted::Plan(req) => {
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            planning.set(Some(planning_text(req.keys.len(), req.subscriptions.len())));
            leptos::task::spawn_local(async move {
                browser::after_next_paint().await;
                if generation.get_value() != mine {
                    return;
                }
                let start = now_ms();
                let plan = plan_bulk(&req);
                let ms = now_ms() - start;
                if generation.get_value() == mine {
                    planning.set(None);
                    outcome.set(Outcome::Planned {
                        plan: Arc::new(plan),
                        ms,
                    });
                }
            });
        }
    });

    view! {
        <section class="page bulk-page" aria-labelledby="page-title">
            <h1 id="page-title">{title}</h1>
            <p class="lead">
                {pick(
                    "Plan many product keys at once: pick the keys and subscriptions and a goal, and the planner recommends which key to redeem into which subscription, and how. It never breaks the redemption limits, and each line opens the redemption wizard.",
                    "Planifiez de nombreuses clés de produit à la fois : choisissez les clés, les abonnements et un objectif, et le planificateur recommande quelle clé échanger sur quel abonnement, et comment. Il respecte toujours les limites d'échange, et chaque ligne ouvre l'assistant d'échange.",
                )}
            </p>
            <SourceSection source=source csv=csv />
            <PoolSection pool=pool on=on_date today=today />
            <GoalSection goal=goal target=target horizon=horizon date=date reactivate=reactivate />
            <p class="notice bulk-planning" role="status" aria-live="polite" hidden=move || planning.with(Option::is_none)>
                {move || planning.get()}
            </p>
            <ResultSection outcome=outcome source=source today=today />
        </section>
    }
}

/// Step 1: where the keys and subscriptions come from.
#[component]
fn SourceSection(source: RwSignal<Source>, csv: RwSignal<Option<Arc<CsvFile>>>) -> impl IntoView {
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let reading = RwSignal::new(None::<String>);
    let loading = RwSignal::new(None::<String>);
    let on_file = move |_| {
        let Some(file) = input_ref
            .get_untracked()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        let name = file.name();
        reading.set(None);
        // A file beyond the limit is refused before it is read (core's limit).
        if let Some(refused) = csv_file_refusal(file.size() as u64) {
            csv.set(Some(Arc::new(CsvFile {
                name,
                import: CsvImport {
                    refused: Some(refused),
                    ..CsvImport::default()
                },
            })));
            return;
        }
        loading.set(Some(match lang() {
            Lang::En => format!("Reading “{name}”…"),
            Lang::Fr => format!("Lecture de « {name} »…"),
        }));
        leptos::task::spawn_local(async move {
            let text = browser::read_file_text(file).await;
            browser::after_next_paint().await;
            loading.set(None);
            match text {
                Ok(text) => {
                    let import = parse_csv(&text);
                    csv.set(Some(Arc::new(CsvFile { name, import })));
                }
                Err(e) => reading.set(Some(match lang() {
                    Lang::En => format!("The file could not be read ({e}). Choose it again."),
                    Lang::Fr => {
                        format!("Le fichier n'a pas pu être lu ({e}). Choisissez-le de nouveau.")
                    }
                })),
            }
        });
    };
    view! {
        <section class="section card bulk-source" aria-labelledby="bulk-source-title">
            <h2 id="bulk-source-title">{pick("1. Keys and subscriptions", "1. Clés et abonnements")}</h2>
            <fieldset class="plain bulk-radios">
                <legend class="visually-hidden">{pick("Where the keys and subscriptions come from", "Provenance des clés et des abonnements")}</legend>
                {Source::ALL
                    .into_iter()
                    .map(|s| {
                        let id = format!("bulk-source-{}", s.code());
                        view! {
                            <div class="bulk-radio">
                                <input
                                    type="radio"
                                    name="bulk-source"
                                    id=id.clone()
                                    value=s.code()
                                    prop:checked=move || source.get() == s
                                    on:change=move |_| source.set(s)
                                />
                                <label for=id>{s.label()}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <Show
                when=move || source.get() == Source::Csv
                fallback=|| {
                    view! {
                        <p class="muted bulk-source-note">
                            {pick(
                                "The workspace's product keys not yet redeemed, and its tenant subscriptions (a disabled one is left out: only the wizard's “Activate a new subscription” applies to it).",
                                "Les clés de produit de l'espace de travail pas encore échangées, et les abonnements de son locataire (un abonnement désactivé est laissé de côté : seule l'action « Activer un nouvel abonnement » de l'assistant s'y applique).",
                            )}
                        </p>
                    }
                }
            >
                <div class="form-row">
                    <label for="bulk-csv-file">{pick("CSV file of keys and subscriptions", "Fichier CSV de clés et d'abonnements")}</label>
                    <input
                        id="bulk-csv-file"
                        type="file"
                        accept=".csv,text/csv"
                        aria-describedby="bulk-csv-columns"
                        node_ref=input_ref
                        on:change=on_file
                    />
                </div>
                <div id="bulk-csv-columns" class="bulk-columns">
                    <p>
                        {pick(
                            "One row per key or subscription, after a first row naming the columns (in any order; other columns are ignored; commas or semicolons):",
                            "Une ligne par clé ou par abonnement, après une première ligne qui nomme les colonnes (dans n'importe quel ordre ; les autres colonnes sont ignorées ; virgules ou points-virgules) :",
                        )}
                    </p>
                    <ul>
                        <li><code>"kind"</code> " — " {pick("“key” or “subscription”", "« key » (clé) ou « subscription » (abonnement)")}</li>
                        <li><code>"id"</code> " — " {pick("a name of your choice, different for each row", "un nom de votre choix, différent pour chaque ligne")}</li>
                        <li><code>"product"</code> " — " {pick("the product, written the same for its keys and subscriptions", "le produit, écrit de la même façon pour ses clés et ses abonnements")}</li>
                        <li><code>"seats"</code> " — " {pick("the licenses on the key, or the subscription's active licenses", "les licences de la clé, ou les licences actives de l'abonnement")}</li>
                        <li><code>"end_date"</code> " — " {pick("the subscription's end date, as YYYY-MM-DD (empty for a key)", "la date de fin de l'abonnement, au format AAAA-MM-JJ (vide pour une clé)")}</li>
                    </ul>
                    <p>
                        <a href=browser::file_url(SAMPLE_FILE) download=SAMPLE_FILE>{pick("Download the sample file (CSV)", "Télécharger le fichier d'exemple (CSV)")}</a>
                    </p>
                </div>
                {move || loading.get().map(|what| view! { <p class="notice bulk-reading" role="status">{what}</p> })}
                {move || reading.get().map(|why| view! { <p class="refusal" role="alert">{why}</p> })}
                {move || csv.get().map(|file| view! { <CsvReport file=file /> })}
            </Show>
        </section>
    }
}

/// What a CSV file gave: its name, the rows kept, and each bad row by its line number.
#[component]
fn CsvReport(file: Arc<CsvFile>) -> impl IntoView {
    let import = &file.import;
    if let Some(e) = import.refused.as_ref() {
        return view! {
            <p class="refusal bulk-csv-refused" role="alert" data-code=e.code.as_str()>
                {format!("“{}”: ", file.name)}
                {i18n::refusal(e)}
            </p>
        }
        .into_any();
    }
    let kept = match lang() {
        Lang::En => format!(
            "“{}”: {} and {} read.",
            file.name,
            keys_count(import.keys.len()),
            subscriptions_count(import.subscriptions.len())
        ),
        Lang::Fr => format!(
            "« {} » : {} et {} lus.",
            file.name,
            keys_count(import.keys.len()),
            subscriptions_count(import.subscriptions.len())
        ),
    };
    let errors = import.errors.clone();
    let bad = (!errors.is_empty()).then(|| {
        let count = errors.len();
        let head = match (lang(), count) {
            (Lang::En, 1) => "1 row could not be read and was left out; the other rows are used:".to_string(),
            (Lang::En, n) => format!("{n} rows could not be read and were left out; the other rows are used:"),
            (Lang::Fr, 1) => "1 ligne n'a pas pu être lue et a été laissée de côté ; les autres lignes sont utilisées :".to_string(),
            (Lang::Fr, n) => format!("{n} lignes n'ont pas pu être lues et ont été laissées de côté ; les autres lignes sont utilisées :"),
        };
        view! {
            <div class="bulk-csv-errors" role="alert">
                <p>{head}</p>
                <ul>
                    {errors
                        .into_iter()
                        .map(|e| {
                            view! {
                                <li data-line=e.line>
                                    <strong>{pick("Line ", "Ligne ")} {e.line} {pick(": ", " : ")}</strong>
                                    <span lang=engine_lang()>{e.message}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    });
    view! {
        <p class="success bulk-csv-read" role="status">{kept}</p>
        {bad}
    }
    .into_any()
}

/// The keys and subscriptions the plan is made from.
#[component]
fn PoolSection(pool: Memo<Pool>, on: Memo<Option<NaiveDate>>, today: NaiveDate) -> impl IntoView {
    move || {
        let day = on.get().unwrap_or(today);
        pool.with(|pool| {
            let keys = pool_key_rows(pool);
            let subs = pool_subscription_rows(pool, day);
            let open = keys.len() + subs.len() <= POOL_OPEN_ROWS;
            let summary = format!(
                "{}{}, {}",
                pick("Input: ", "Données : "),
                keys_count(keys.len()),
                subscriptions_count(subs.len())
            );
            let left_out = pool.left_out.clone();
            view! {
                <section class="section bulk-pool" aria-labelledby="bulk-pool-title">
                    <h2 id="bulk-pool-title" class="visually-hidden">{pick("Input", "Données")}</h2>
                    <details open=open>
                        <summary data-keys=keys.len() data-subscriptions=subs.len()>{summary}</summary>
                        <div class="bulk-pool-tables">
                            <div class="table-wrap bulk-scroll" tabindex="0" role="region" aria-label=pick("Keys", "Clés")>
                                <table class="data-table bulk-pool-keys bulk-stack" role="table">
                                    <caption>{pick("Keys", "Clés")}</caption>
                                    <thead role="rowgroup">
                                        <tr role="row">
                                            <th role="columnheader" scope="col">{pick("Key", "Clé")}</th>
                                            <th role="columnheader" scope="col">{pick("Product", "Produit")}</th>
                                            <th role="columnheader" scope="col" class="num">{pick("Licenses", "Licences")}</th>
                                        </tr>
                                    </thead>
                                    <tbody role="rowgroup">
                                        {keys
                                            .into_iter()
                                            .map(|k| {
                                                view! {
                                                    <tr role="row">
                                                        <td role="cell" class="key-text" data-label=pick("Key", "Clé")>{k.shown}</td>
                                                        <td role="cell" data-label=pick("Product", "Produit")>{k.product}</td>
                                                        <td role="cell" class="num" data-label=pick("Licenses", "Licences")>{format_count(k.seats)}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <div class="table-wrap bulk-scroll" tabindex="0" role="region" aria-label=pick("Subscriptions", "Abonnements")>
                                <table class="data-table bulk-pool-subscriptions bulk-stack" role="table">
                                    <caption>{pick("Subscriptions", "Abonnements")}</caption>
                                    <thead role="rowgroup">
                                        <tr role="row">
                                            <th role="columnheader" scope="col">{pick("Subscription", "Abonnement")}</th>
                                            <th role="columnheader" scope="col">{pick("Product", "Produit")}</th>
                                            <th role="columnheader" scope="col" class="num">{pick("Licenses", "Licences")}</th>
                                            <th role="columnheader" scope="col">{pick("End date", "Date de fin")}</th>
                                            <th role="columnheader" scope="col">{pick("Time left", "Temps restant")}</th>
                                        </tr>
                                    </thead>
                                    <tbody role="rowgroup">
                                        {subs
                                            .into_iter()
                                            .map(|s| {
                                                view! {
                                                    <tr role="row">
                                                        <td role="cell" class="bulk-pool-title">{s.id}</td>
                                                        <td role="cell" data-label=pick("Product", "Produit")>{s.product}</td>
                                                        <td role="cell" class="num" data-label=pick("Licenses", "Licences")>{format_count(s.seats)}</td>
                                                        <td role="cell" class="bulk-nowrap" data-label=pick("End date", "Date de fin")>
                                                            <time datetime=s.end.to_string()>{format_date(s.end)}</time>
                                                        </td>
                                                        <td role="cell" class="bulk-nowrap" data-label=pick("Time left", "Temps restant")>
                                                            {s.left.map_or_else(|| pick("Ended", "Terminé").to_string(), format_months)}
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        </div>
                        {(!left_out.is_empty()).then(|| view! {
                            <ul class="bulk-left-out">
                                {left_out.into_iter().map(|l| view! {
                                    <li data-subscription=l.subscription_id.clone()>
                                        <strong>{l.subscription_id.clone()}" ("{l.product}")"</strong>" — "{l.reason.text()}
                                    </li>
                                }).collect_view()}
                            </ul>
                        })}
                    </details>
                </section>
            }
        })
    }
}

/// Step 2: the goal, its date, the redemption date.
#[component]
fn GoalSection(
    goal: RwSignal<GoalChoice>,
    target: RwSignal<String>,
    horizon: RwSignal<String>,
    date: RwSignal<String>,
    reactivate: RwSignal<bool>,
) -> impl IntoView {
    let date_field = move |id: &'static str,
                           label: &'static str,
                           hint: &'static str,
                           value: RwSignal<String>| {
        let hint_id = format!("{id}-hint");
        view! {
            <div class="form-row bulk-date">
                <label for=id>{label}</label>
                <input
                    id=id
                    type="date"
                    aria-describedby=hint_id.clone()
                    prop:value=move || value.get()
                    on:change=move |ev| value.set(event_target_value(&ev))
                />
                <p class="muted bulk-hint" id=hint_id>{hint}</p>
            </div>
        }
    };
    view! {
        <section class="section card bulk-goal" aria-labelledby="bulk-goal-title">
            <h2 id="bulk-goal-title">{pick("2. Goal", "2. Objectif")}</h2>
            <fieldset class="plain bulk-radios">
                <legend class="visually-hidden">{pick("Goal of the plan", "Objectif du plan")}</legend>
                {GoalChoice::ALL
                    .into_iter()
                    .map(|g| {
                        let id = format!("bulk-goal-{}", g.code());
                        let hint = format!("{id}-hint");
                        view! {
                            <div class="bulk-radio">
                                <input
                                    type="radio"
                                    name="bulk-goal"
                                    id=id.clone()
                                    value=g.code()
                                    aria-describedby=hint.clone()
                                    prop:checked=move || goal.get() == g
                                    on:change=move |_| goal.set(g)
                                />
                                <label for=id>{g.label()}</label>
                                <p class="muted bulk-hint" id=hint>{g.description()}</p>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="bulk-dates">
                {move || match goal.get() {
                    GoalChoice::AlignEndDates => Some(date_field(
                        "bulk-target",
                        pick("Target date", "Date cible"),
                        pick(
                            "Optional: leave it empty and the planner suggests one.",
                            "Facultatif : laissez vide et le planificateur en propose une.",
                        ),
                        target,
                    )),
                    GoalChoice::MaximiseMonths => Some(date_field(
                        "bulk-horizon",
                        pick("Horizon", "Horizon"),
                        pick(
                            "Optional: months are counted until this date; empty means 36 months after the redemption date.",
                            "Facultatif : les mois sont comptés jusqu'à cette date ; vide, 36 mois après la date d'échange.",
                        ),
                        horizon,
                    )),
                    GoalChoice::KeepTwelveMonths => None,
                }}
                {date_field(
                    "bulk-date",
                    pick("Redemption date", "Date d'échange"),
                    pick(
                        "The day every key of the plan is redeemed (today unless you plan ahead).",
                        "Le jour où chaque clé du plan est échangée (aujourd'hui, sauf si vous planifiez à l'avance).",
                    ),
                    date,
                )}
            </div>
            <div class="bulk-check">
                <input
                    type="checkbox"
                    id="bulk-reactivate"
                    aria-describedby="bulk-reactivate-hint"
                    prop:checked=move || reactivate.get()
                    on:change=move |ev| reactivate.set(event_target_checked(&ev))
                />
                <label for="bulk-reactivate">{pick("Reactivate expired subscriptions", "Réactiver les abonnements expirés")}</label>
                <p class="muted bulk-hint" id="bulk-reactivate-hint">
                    {pick(
                        "A subscription that has ended can only take “Activate a new subscription”: 12 months from the redemption date, with the key's licenses.",
                        "Un abonnement terminé ne peut recevoir que « Activer un nouvel abonnement » : 12 mois à partir de la date d'échange, avec les licences de la clé.",
                    )}
                </p>
            </div>
        </section>
    }
}

/// Step 3: the plan.
#[component]
fn ResultSection(
    outcome: RwSignal<Outcome>,
    source: RwSignal<Source>,
    today: NaiveDate,
) -> impl IntoView {
    move || {
        match outcome.get() {
        Outcome::Waiting(why) => view! {
            <section class="section bulk-result" aria-labelledby="bulk-result-title" data-plan="waiting">
                <h2 id="bulk-result-title">{pick("3. Recommended plan", "3. Plan recommandé")}</h2>
                <p class="notice" role="status">{why}</p>
            </section>
        }
        .into_any(),
        Outcome::Planned { plan, ms } => {
            view! { <PlanView plan=plan ms=ms source=source.get_untracked() today=today /> }.into_any()
        }
    }
    }
}

#[component]
fn PlanView(plan: Arc<BulkPlan>, ms: f64, source: Source, today: NaiveDate) -> impl IntoView {
    let rows = plan_rows(&plan, source);
    let unused = crate::views::bulk::unused_rows(&plan, source);
    let skipped = plan.skipped_subscriptions.clone();
    let export_problem = RwSignal::new(None::<String>);
    let export = {
        let plan = plan.clone();
        move |_| {
            let text = export_csv(&plan, source);
            export_problem.set(
                browser::download_text(&export_file_name(&plan), "text/csv;charset=utf-8", &text)
                    .err()
                    .map(|e| match lang() {
                        Lang::En => format!("The file could not be made ({e})."),
                        Lang::Fr => format!("Le fichier n'a pas pu être créé ({e})."),
                    }),
            );
        }
    };
    let order_note = (rows.len() > 1).then(|| {
        pick(
            "Redeem the lines in this order: a line counts on the lines before it on the same subscription.",
            "Échangez les lignes dans cet ordre : une ligne tient compte des lignes qui la précèdent sur le même abonnement.",
        )
    });
    let other_day = (plan.today != today && source == Source::Workspace && !rows.is_empty()).then(|| {
        pick(
            "This plan is for another day than today; the wizard redeems today, so its figures may differ. Plan with today's date before redeeming.",
            "Ce plan porte sur un autre jour qu'aujourd'hui ; l'assistant échange aujourd'hui, ses chiffres peuvent donc différer. Planifiez à la date du jour avant d'échanger.",
        )
    });
    let csv_note = (source == Source::Csv && !rows.is_empty()).then(|| {
        pick(
            "These subscriptions come from your file, not from this workspace, so the lines have no wizard link: redeem them in the Microsoft 365 admin center, or record the subscriptions in this workspace and plan from it.",
            "Ces abonnements viennent de votre fichier, pas de cet espace de travail : les lignes n'ont donc pas de lien vers l'assistant. Échangez-les dans le centre d'administration Microsoft 365, ou enregistrez les abonnements dans cet espace de travail et planifiez à partir de lui.",
        )
    });
    let ms_attr = format!("{ms:.1}");
    let lines = rows.len();
    view! {
        <section
            class="section bulk-result"
            aria-labelledby="bulk-result-title"
            data-plan="ready"
            data-plan-ms=ms_attr
            data-lines=lines
            data-goal=plan.goal.code()
        >
            <h2 id="bulk-result-title">{pick("3. Recommended plan", "3. Plan recommandé")}</h2>
            <Summary plan=plan.clone() />
            <div class="button-row">
                <button type="button" class="button-primary" on:click=export>
                    {pick("Export the plan (CSV)", "Exporter le plan (CSV)")}
                </button>
                {move || export_problem.get().map(|p| view! { <p class="refusal" role="alert">{p}</p> })}
            </div>
            {order_note.map(|n| view! { <p class="muted">{n}</p> })}
            {other_day.map(|n| view! { <p class="notice">{n}</p> })}
            {csv_note.map(|n| view! { <p class="notice bulk-csv-note">{n}</p> })}
            {if rows.is_empty() {
                view! {
                    <p class="notice bulk-no-lines">
                        {pick(
                            "No redemption is recommended: no key brings the subscriptions closer to the goal. The reasons are below.",
                            "Aucun échange n'est recommandé : aucune clé ne rapproche les abonnements de l'objectif. Les raisons sont ci-dessous.",
                        )}
                    </p>
                }
                    .into_any()
            } else {
                view! { <LinesTable rows=rows source=source /> }.into_any()
            }}
            <UnusedKeys rows=unused />
            {(!skipped.is_empty()).then(|| view! {
                <section class="bulk-skipped" aria-labelledby="bulk-skipped-title">
                    <h3 id="bulk-skipped-title">{pick("Subscriptions left out", "Abonnements laissés de côté")}</h3>
                    <ul>
                        {skipped.into_iter().map(|s| view! {
                            <li data-subscription=s.subscription_id.clone()>
                                <strong>{s.subscription_id.clone()}" ("{s.product}")"</strong>
                                " — " {skip_label(s.reason)} {pick(": ", " : ")}
                                <span lang=engine_lang()>{s.explanation}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </section>
    }
}

/// The goal's score, its number before and after, and the engine's sentence.
#[component]
fn Summary(plan: Arc<BulkPlan>) -> impl IntoView {
    let s = &plan.summary;
    let (metric, lower_is_better) = metric_label(s.metric);
    let direction = if lower_is_better {
        pick("lower is better", "le plus bas est le mieux")
    } else {
        pick("higher is better", "le plus haut est le mieux")
    };
    let date_line = match (plan.target, plan.horizon) {
        (Some(d), _) => Some((
            pick("Target date", "Date cible"),
            d,
            matches!(
                plan.goal,
                benefits_core::bulk::Goal::AlignEndDates { target: None }
            ),
        )),
        (_, Some(d)) => Some((
            pick("Horizon", "Horizon"),
            d,
            matches!(
                plan.goal,
                benefits_core::bulk::Goal::MaximiseMonths { horizon: None }
            ),
        )),
        _ => None,
    };
    // "Best possible" is said with its reason when the score stays low: no other plan of
    // these keys does better, because of what they carry.
    let optimal = if s.optimal && s.score >= 100 {
        (
            "badge badge-ok",
            pick(
                "Best possible plan for this goal",
                "Meilleur plan possible pour cet objectif",
            ),
        )
    } else if s.optimal {
        (
            "badge badge-ok",
            pick(
                "Best possible with these keys",
                "Meilleur plan possible avec ces clés",
            ),
        )
    } else {
        (
            "badge badge-pending",
            pick(
                "Good plan found by search: a better one may exist",
                "Bon plan trouvé par recherche : il peut en exister un meilleur",
            ),
        )
    };
    let counts = match lang() {
        Lang::En => format!(
            "Subscriptions planned for: {}. Keys used: {} ({}). Keys unused: {}.",
            format_count(s.subscriptions as i64),
            format_count(s.keys_used as i64),
            i18n::licenses(s.key_seats_used),
            format_count(s.keys_unused as i64)
        ),
        Lang::Fr => format!(
            "Abonnements planifiés : {}. Clés utilisées : {} ({}). Clés non utilisées : {}.",
            format_count(s.subscriptions as i64),
            format_count(s.keys_used as i64),
            i18n::licenses(s.key_seats_used),
            format_count(s.keys_unused as i64)
        ),
    };
    view! {
        <div class="card bulk-summary" data-score=s.score data-optimal=s.optimal.to_string()>
            <p class="bulk-score">
                <span class="bulk-score-figure">{s.score}<span class="bulk-score-of">" / 100"</span></span>
                <span class="bulk-score-label">{pick("Goal score", "Score de l'objectif")}</span>
            </p>
            <div class="bulk-summary-text">
                <p class="bulk-headline" lang=engine_lang()>{s.headline.clone()}</p>
                <p>
                    {metric} " (" {direction} ")" {pick(": ", " : ")}
                    <strong>{format_count(s.before)} " → " {format_count(s.after)}</strong>
                </p>
                {date_line.map(|(label, d, suggested)| view! {
                    <p data-field="target">
                        {label} {pick(": ", " : ")}
                        <time datetime=d.to_string()>{format_date(d)}</time>
                        {suggested.then(|| match plan.target_choice.as_ref() {
                            Some(why) => format!(
                                " ({} {})",
                                pick("suggested by the planner:", "proposée par le planificateur :"),
                                target_reason(why)
                            ),
                            None => pick(" (suggested by the planner)", " (proposée par le planificateur)").to_string(),
                        })}
                    </p>
                })}
                <p>{counts}</p>
                <p><span class=optimal.0>{optimal.1}</span></p>
                {(s.optimal && s.score < 100).then(|| view! {
                    <p class="muted bulk-why-low">
                        {pick(
                            "No other plan scores higher. The score stays below 100 because the keys do not carry enough licenses, or not in sizes that fit (a key extends only a subscription with at least a third of its licenses), to reach the goal everywhere.",
                            "Aucun autre plan n'obtient un meilleur score. Le score reste sous 100 parce que les clés ne portent pas assez de licences, ou pas dans des tailles qui conviennent (une clé ne prolonge qu'un abonnement d'au moins un tiers de ses licences), pour atteindre l'objectif partout.",
                        )}
                    </p>
                })}
            </div>
        </div>
    }
}

/// Why the planner chose the target, in the partner's language.
fn target_reason(why: &benefits_core::bulk::TargetChoice) -> String {
    use benefits_core::bulk::TargetChoice as T;
    match (lang(), why) {
        (Lang::En, _) => why.explanation(),
        (Lang::Fr, T::LatestEnd { product, subscription }) => format!(
            "la date de fin de {product} « {subscription} », l'abonnement qui se termine en dernier : les clés y amènent les autres, et il n'a pas besoin de bouger"
        ),
        (Lang::Fr, T::YearAhead { product }) => format!(
            "12 mois après la date d'échange, la durée que donne une clé : chaque abonnement {product} se termine plus tôt, et les clés peuvent tous les y amener"
        ),
        (Lang::Fr, T::FurthestReach { product }) => format!(
            "la date la plus lointaine à laquelle les clés peuvent amener chaque abonnement {product} : elles ne portent pas assez de licences pour aller plus loin"
        ),
        (Lang::Fr, T::LatestActiveEnd) => "la dernière date de fin des abonnements, aucun produit n'ayant à la fois des clés et des abonnements actifs".to_string(),
        (Lang::Fr, T::TwelveMonths) => "12 mois après la date d'échange, faute d'abonnement actif".to_string(),
    }
}

/// The recommended redemptions, in order.
#[component]
fn LinesTable(rows: Vec<PlanRow>, source: Source) -> impl IntoView {
    view! {
        <TableScroll label=pick("Recommended redemptions", "Échanges recommandés")>
            <table class="data-table bulk-lines bulk-stack" role="table">
                <caption class="visually-hidden">{pick("Recommended redemptions, in order", "Échanges recommandés, dans l'ordre")}</caption>
                <thead role="rowgroup">
                    <tr role="row">
                        <th role="columnheader" scope="col" class="num">{pick("Step", "Étape")}</th>
                        <th role="columnheader" scope="col">{pick("Key", "Clé")}</th>
                        <th role="columnheader" scope="col">{pick("Subscription", "Abonnement")}</th>
                        <th role="columnheader" scope="col">{pick("Action", "Action")}</th>
                        <th role="columnheader" scope="col" class="num">{pick("Licenses after", "Licences après")}</th>
                        <th role="columnheader" scope="col">{pick("New end date", "Nouvelle date de fin")}</th>
                        <th role="columnheader" scope="col">{pick("Redeem", "Échanger")}</th>
                    </tr>
                </thead>
                // One group per line: its figures, then the engine's reason across the table.
                {rows.into_iter().map(|r| view! { <LineRow row=r source=source /> }).collect_view()}
            </table>
        </TableScroll>
    }
}

#[component]
fn LineRow(row: PlanRow, source: Source) -> impl IntoView {
    let was_seats = row
        .seats_before
        .filter(|&b| b != row.seats_after)
        .map(|b| i18n::was(&format_count(b)));
    let was_end = row.end_before.map(|b| i18n::was(&format_date(b)));
    let months = row.months_added.map(i18n::format_months_change);
    let key_seats = i18n::licenses(row.key_seats);
    let wizard = match row.wizard.clone() {
        Some(href) => {
            let name = match lang() {
                Lang::En => format!(
                    "Open in the wizard: step {}, key {} into {}",
                    row.step, row.key_shown, row.subscription_id
                ),
                Lang::Fr => format!(
                    "Ouvrir dans l'assistant : étape {}, clé {} sur {}",
                    row.step, row.key_shown, row.subscription_id
                ),
            };
            view! {
                <Link href=href class="bulk-wizard-link" aria_label=name>
                    {pick("Open in the wizard", "Ouvrir dans l'assistant")}
                </Link>
            }
            .into_any()
        }
        None => view! {
            <span class="muted bulk-no-wizard">
                {match source {
                    Source::Csv => pick("Not a workspace subscription", "Pas un abonnement de l'espace de travail"),
                    Source::Workspace => "",
                }}
            </span>
        }
        .into_any(),
    };
    view! {
        <tbody
            role="rowgroup"
            class="bulk-line"
            data-step=row.step
            data-action=row.action.code()
            data-subscription=row.subscription_id.clone()
            data-key-seats=row.key_seats
            data-seats-before=row.seats_before.map(|s| s.to_string()).unwrap_or_default()
            data-seats-after=row.seats_after
            data-end-before=row.end_before.map(|d| d.to_string()).unwrap_or_default()
            data-end-after=row.end_after.to_string()
        >
          <tr role="row" class="bulk-line-figures">
            <td role="cell" class="num bulk-step" data-label=pick("Step", "Étape")>{row.step}</td>
            <td role="cell" data-label=pick("Key", "Clé")>
                <span class="key-text bulk-key">{row.key_shown.clone()}</span>
                <span class="muted bulk-sub-line">{row.product.clone()} " · " {key_seats}</span>
            </td>
            <td role="cell" data-label=pick("Subscription", "Abonnement")>{row.subscription_id.clone()}</td>
            <td role="cell" data-label=pick("Action", "Action")>
                <span class=format!("bulk-action bulk-action-{}", row.action.code())>{action_label(row.action)}</span>
                {months.map(|m| view! { <span class="muted bulk-sub-line">{m}</span> })}
            </td>
            <td role="cell" class="num" data-label=pick("Licenses after", "Licences après")>
                {format_count(row.seats_after)}
                {was_seats.map(|w| view! { <span class="muted bulk-sub-line">{w}</span> })}
            </td>
            <td role="cell" class="bulk-nowrap" data-label=pick("New end date", "Nouvelle date de fin")>
                <time datetime=row.end_after.to_string()>{format_date(row.end_after)}</time>
                {was_end.map(|w| view! { <span class="muted bulk-sub-line">{w}</span> })}
            </td>
            <td role="cell" class="bulk-redeem">{wizard}</td>
          </tr>
          <tr role="row" class="bulk-line-why">
            <td role="cell" colspan="7" class="bulk-why">
                <span class="bulk-why-label">{pick("Why: ", "Pourquoi : ")}</span>
                <span lang=engine_lang()>{row.explanation.clone()}</span>
            </td>
          </tr>
        </tbody>
    }
}

/// Keys the plan leaves unused, with the engine's reason.
#[component]
fn UnusedKeys(rows: Vec<UnusedRow>) -> impl IntoView {
    (!rows.is_empty()).then(|| {
        view! {
            <section class="bulk-unused" aria-labelledby="bulk-unused-title">
                <h3 id="bulk-unused-title">{pick("Keys left unused", "Clés non utilisées")}</h3>
                <TableScroll label=pick("Keys left unused", "Clés non utilisées")>
                    <table class="data-table bulk-stack" role="table">
                        <thead role="rowgroup">
                            <tr role="row">
                                <th role="columnheader" scope="col">{pick("Key", "Clé")}</th>
                                <th role="columnheader" scope="col">{pick("Product", "Produit")}</th>
                                <th role="columnheader" scope="col" class="num">{pick("Licenses", "Licences")}</th>
                                <th role="columnheader" scope="col">{pick("Why", "Pourquoi")}</th>
                            </tr>
                        </thead>
                        <tbody role="rowgroup">
                            {rows
                                .into_iter()
                                .map(|u| {
                                    view! {
                                        <tr role="row" data-reason=unused_code(u.reason)>
                                            <td role="cell" class="key-text bulk-key" data-label=pick("Key", "Clé")>{u.key_shown}</td>
                                            <td role="cell" data-label=pick("Product", "Produit")>{u.product}</td>
                                            <td role="cell" class="num" data-label=pick("Licenses", "Licences")>{format_count(u.seats)}</td>
                                            <td role="cell" class="bulk-why" data-label=pick("Why", "Pourquoi")>
                                                <strong>{unused_label(u.reason)}</strong>
                                                {pick(": ", " : ")}
                                                <span lang=engine_lang()>{u.explanation}</span>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </TableScroll>
            </section>
        }
    })
}
