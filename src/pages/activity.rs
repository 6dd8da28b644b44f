//! Activity (`/activity`, R-STATE-1): every change to the workspace, newest first, with who
//! and when; filtered by area and by user; exported as CSV. Drawn 200 lines at a time so a
//! log of thousands of events stays fast.

use crate::browser;
use crate::i18n::{self, pick, t, Msg};
use crate::store::Store;
use crate::views::activity_log::{
    actors, counts_by_area, matching, row, to_csv, ActivityArea, ActivityRow, Filter,
};
use benefits_core::UserId;
use leptos::prelude::*;

/// Lines drawn at first, and added by each "Show more".
const PAGE: usize = 200;

#[component]
pub fn ActivityPage() -> impl IntoView {
    browser::set_title(&i18n::page_title(t(Msg::AreaActivity)));
    let store = Store::get();
    let area = RwSignal::new(None::<ActivityArea>);
    let actor = RwSignal::new(None::<UserId>);
    let limit = RwSignal::new(PAGE);
    let export_problem = RwSignal::new(None::<String>);

    let filter = Memo::new(move |_| Filter {
        area: area.get(),
        actor: actor.get(),
    });
    let matches = Memo::new(move |_| {
        let f = filter.get();
        store.doc.with(|d| matching(d.events(), &f))
    });
    let total = Memo::new(move |_| store.doc.with(|d| d.events().len()));
    let rows = Memo::new(move |_| {
        let n = limit.get();
        matches.with(|m| {
            store.doc.with(|d| {
                m.iter()
                    .take(n)
                    .map(|&i| row(d.workspace(), &d.events()[i]))
                    .collect::<Vec<ActivityRow>>()
            })
        })
    });
    let counts = Memo::new(move |_| store.doc.with(|d| counts_by_area(d.events())));
    let people = Memo::new(move |_| store.doc.with(|d| actors(d.workspace(), d.events())));

    let on_area = move |ev: leptos::ev::Event| {
        area.set(ActivityArea::from_id(&event_target_value(&ev)));
        limit.set(PAGE);
    };
    let on_actor = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        actor.set((!v.is_empty()).then(|| UserId::new(v)));
        limit.set(PAGE);
    };
    let download = move |_| {
        let csv = matches.with_untracked(|m| {
            store.doc.with_untracked(|d| {
                let rows: Vec<ActivityRow> = m
                    .iter()
                    .map(|&i| row(d.workspace(), &d.events()[i]))
                    .collect();
                to_csv(&rows)
            })
        });
        let name = format!("activity-{}.csv", browser::today_iso());
        export_problem.set(
            browser::download_text(&name, "text/csv;charset=utf-8", &csv)
                .err()
                .map(|e| {
                    format!(
                        "{} ({e})",
                        pick(
                            "The file could not be prepared",
                            "Le fichier n'a pas pu être préparé"
                        )
                    )
                }),
        );
    };

    view! {
        <section class="page activity-page" aria-labelledby="page-title">
            <h1 id="page-title">{t(Msg::AreaActivity)}</h1>
            <p class="lead">
                {pick(
                    "Every change made in this workspace, newest first: who made it, when (in UTC) and what changed. Nothing here can be edited or removed.",
                    "Chaque modification faite dans cet espace de travail, de la plus récente à la plus ancienne : qui l'a faite, quand (en UTC) et ce qui a changé. Rien ici ne peut être modifié ni supprimé.",
                )}
            </p>
            <div class="activity-filters" role="search" aria-label=pick("Filter the activity", "Filtrer l'activité")>
                <div class="form-row">
                    <label for="activity-area">{pick("Area", "Espace")}</label>
                    <select id="activity-area" on:change=on_area>
                        <option value="" selected=move || area.get().is_none()>
                            {pick("All areas", "Tous les espaces")}
                        </option>
                        {move || {
                            counts
                                .with(|counts| {
                                    ActivityArea::ALL
                                        .into_iter()
                                        .map(|a| {
                                            let n = counts.get(&a).copied().unwrap_or(0);
                                            view! {
                                                <option value=a.id() selected=area.get_untracked() == Some(a)>
                                                    {format!("{} ({})", a.label(), i18n::format_count(n as i64))}
                                                </option>
                                            }
                                        })
                                        .collect_view()
                                })
                        }}
                    </select>
                </div>
                <div class="form-row">
                    <label for="activity-user">{pick("User", "Utilisateur")}</label>
                    <select id="activity-user" on:change=on_actor>
                        <option value="" selected=move || actor.get().is_none()>
                            {pick("Everyone", "Tout le monde")}
                        </option>
                        {move || {
                            let current = actor.get_untracked();
                            people
                                .with(|people| {
                                    people
                                        .iter()
                                        .map(|(id, name)| {
                                            let selected = current.as_ref() == Some(id);
                                            view! {
                                                <option value=id.to_string() selected=selected>
                                                    {name.clone()}
                                                </option>
                                            }
                                        })
                                        .collect_view()
                                })
                        }}
                    </select>
                </div>
                <div class="activity-export">
                    <button type="button" class="button-secondary" on:click=download>
                        {pick("Download these changes (CSV)", "Télécharger ces modifications (CSV)")}
                    </button>
                </div>
            </div>
            {move || export_problem.get().map(|p| view! { <p class="refusal" role="alert">{p}</p> })}
            <p class="activity-count" aria-live="polite" data-count=move || matches.with(Vec::len)>
                {move || {
                    let found = matches.with(Vec::len);
                    let shown = found.min(limit.get());
                    let (found_t, shown_t, total_t) = (
                        i18n::format_count(found as i64),
                        i18n::format_count(shown as i64),
                        i18n::format_count(total.get() as i64),
                    );
                    if found == 0 {
                        pick("No change matches these filters.", "Aucune modification ne correspond à ces filtres.").to_string()
                    } else if shown < found {
                        match i18n::lang() {
                            i18n::Lang::En => format!("Showing the newest {shown_t} of {found_t} matching changes ({total_t} in all)."),
                            i18n::Lang::Fr => format!("Affichage des {shown_t} plus récentes sur {found_t} modifications correspondantes ({total_t} en tout)."),
                        }
                    } else {
                        match i18n::lang() {
                            i18n::Lang::En => format!("{found_t} matching changes ({total_t} in all)."),
                            i18n::Lang::Fr => format!("{found_t} modifications correspondantes ({total_t} en tout)."),
                        }
                    }
                }}
            </p>
            <ol class="activity-list">
                <For each=move || rows.get() key=|r| r.seq let:r>
                    <li class="activity-item" data-seq=r.seq data-area=r.area.id() data-kind=r.kind>
                        <p class="activity-meta">
                            <time datetime=format!("{}Z", r.at_iso)>{r.at.clone()}</time>
                            <span class="badge badge-off">{r.area.label()}</span>
                        </p>
                        <p class="activity-text">{r.text.clone()}</p>
                    </li>
                </For>
            </ol>
            <Show when=move || { matches.with(Vec::len) > limit.get() }>
                <div class="button-row">
                    <button
                        type="button"
                        class="button-secondary"
                        on:click=move |_| limit.update(|n| *n += PAGE)
                    >
                        {pick("Show more", "Afficher plus")}
                    </button>
                </div>
            </Show>
        </section>
    }
}
