//! The expiry calendar (`/calendar`, R-PLAN-3): every date that matters on one timeline —
//! the next 90 days first, then later, then what recently passed — a picture of the next 12
//! months, a filter by kind, and an `.ics` file for calendar applications.
//!
//! The dates are the engine's (`benefits_core::calendar`); `views::calendar` translates,
//! groups and places them; this file only draws.

use crate::browser;
use crate::i18n::{self, format_date, pick, t, Lang, Msg};
use crate::router::Link;
use crate::store::Store;
use crate::timeline::width_for_window;
use crate::views::calendar::{
    count_of, filtered, ics, kind_class, kind_label, read_filter, relative_days, rows, timeline,
    timeline_description, Row, Section, ALL_KINDS, ICS_FILE_NAME, ICS_MIME,
};
use benefits_core::calendar::DateKind;
use benefits_core::ics::REMINDER_DAYS;
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn CalendarPage() -> impl IntoView {
    browser::set_title(&i18n::page_title(t(Msg::AreaCalendar)));
    let store = Store::get();
    let today = browser::today();
    let all = Memo::new(move |_| store.doc.with(|d| rows(d.workspace(), today)));
    let kind = RwSignal::new(None::<DateKind>);
    let shown = Memo::new(move |_| all.with(|rows| filtered(rows, kind.get())));

    view! {
        <section class="page calendar-page" aria-labelledby="page-title">
            <h1 id="page-title">{t(Msg::AreaCalendar)}</h1>
            <p class="lead">
                {pick(
                    "Every date that matters for your benefits on one timeline: benefit expiry, subscription ends, Visual Studio reassignment, Go-To-Market offer expiry, the last day to cancel a package and the end of the enrollment year.",
                    "Toutes les dates qui comptent pour vos avantages sur une même frise\u{a0}: fin des avantages, fin des abonnements, réaffectation Visual Studio, fin des offres Go-To-Market, dernier jour pour annuler un forfait et fin de l'année d'adhésion.",
                )}
            </p>
            <Toolbar all=all kind=kind shown=shown />
            <TimelinePicture shown=shown today=today />
            {Section::ORDER
                .into_iter()
                .map(|section| view! { <DateSection section=section shown=shown /> })
                .collect_view()}
        </section>
    }
}

/// The kind filter and the download.
#[component]
fn Toolbar(
    all: Memo<Vec<Row>>,
    kind: RwSignal<Option<DateKind>>,
    shown: Memo<Vec<Row>>,
) -> impl IntoView {
    let store = Store::get();
    let problem = RwSignal::new(None::<String>);
    let download = move |_| {
        let org = store
            .doc
            .with_untracked(|d| d.workspace().organisation().map(|o| o.name.clone()));
        let text = shown.with_untracked(|rows| ics(rows, org.as_deref(), browser::now_utc()));
        problem.set(browser::download_text(ICS_FILE_NAME, ICS_MIME, &text).err());
    };
    let on_change = move |ev: ev::Event| kind.set(read_filter(&event_target_value(&ev)));
    let summary = move || {
        let n = shown.with(|r| r.len());
        match i18n::lang() {
            Lang::En => format!(
                "{n} {} in the file: one all-day event per date, with a reminder {REMINDER_DAYS} days before. Outlook, Google Calendar and Apple Calendar can import it.",
                if n == 1 { "date" } else { "dates" }
            ),
            Lang::Fr => format!(
                "{n}\u{a0}{} dans le fichier\u{a0}: un événement sur la journée par date, avec un rappel {REMINDER_DAYS}\u{a0}jours avant. Outlook, Google Agenda et Apple Calendrier peuvent l'importer.",
                if n <= 1 { "date" } else { "dates" }
            ),
        }
    };
    view! {
        <div class="card calendar-toolbar">
            <div class="form-row calendar-filter">
                <label for="calendar-kind">{pick("Show", "Afficher")}</label>
                <select id="calendar-kind" on:change=on_change>
                    <option value=ALL_KINDS selected=move || kind.get().is_none()>
                        {move || {
                            let n = all.with(|r| r.len());
                            format!("{} ({n})", pick("All dates", "Toutes les dates"))
                        }}
                    </option>
                    {DateKind::ALL
                        .into_iter()
                        .map(|k| {
                            view! {
                                <option value=k.as_str() selected=move || kind.get() == Some(k)>
                                    {move || format!("{} ({})", kind_label(k), all.with(|r| count_of(r, k)))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="calendar-download">
                <button
                    type="button"
                    class="button-primary"
                    on:click=download
                    disabled=move || shown.with(|r| r.is_empty())
                >
                    {pick("Download calendar (.ics)", "Télécharger le calendrier (.ics)")}
                </button>
                <p class="muted calendar-download-note">{summary}</p>
                <Show when=move || problem.with(|p| p.is_some())>
                    <p class="refusal" role="alert">
                        {move || {
                            format!(
                                "{} {}",
                                pick(
                                    "The file could not be downloaded:",
                                    "Le fichier n'a pas pu être téléchargé\u{a0}:",
                                ),
                                problem.get().unwrap_or_default(),
                            )
                        }}
                    </p>
                </Show>
            </div>
        </div>
    }
}

/// The next 12 months as a line, one mark per date, with its text alternative.
#[component]
fn TimelinePicture(shown: Memo<Vec<Row>>, today: chrono::NaiveDate) -> impl IntoView {
    let width = RwSignal::new(width_for_window(browser::window_width()));
    let resize = window_event_listener(ev::resize, move |_| {
        let now = width_for_window(browser::window_width());
        if now != width.get_untracked() {
            width.set(now);
        }
    });
    on_cleanup(move || resize.remove());
    let px = |v: f64| format!("{v:.1}");

    let picture = move || {
        let g = shown.with(|rows| timeline(rows, today, width.get()));
        let description = timeline_description(&g);
        let months = g
            .months
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let label = (g.every_month_labelled || i % 2 == 0).then(|| {
                    view! {
                        <text x=px(m.x) y=px(g.axis_y + 19.0) text-anchor="middle">{m.label}</text>
                    }
                });
                let year = m.year.map(|y| {
                    view! {
                        <text class="calendar-year" x=px(m.x) y=px(g.axis_y + 33.0) text-anchor="middle">{y}</text>
                    }
                });
                view! {
                    <g class="calendar-month">
                        <line x1=px(m.x) y1=px(g.axis_y) x2=px(m.x) y2=px(g.axis_y + 6.0) />
                        {label}
                        {year}
                    </g>
                }
            })
            .collect_view();
        let marks = g
            .marks
            .iter()
            .map(|m| {
                view! {
                    <g class=format!("calendar-mark {}", kind_class(m.kind)) data-date=m.date.to_string()>
                        <line x1=px(m.x) y1=px(m.y) x2=px(m.x) y2=px(g.axis_y) />
                        <circle cx=px(m.x) cy=px(m.y) r="6">
                            <title>{m.title.clone()}</title>
                        </circle>
                    </g>
                }
            })
            .collect_view();
        view! {
            <svg
                class="calendar-timeline"
                viewBox=format!("0 0 {} {}", px(g.width), px(g.height))
                style:max-width=format!("{}px", px(g.width))
                role="img"
                aria-labelledby="calendar-timeline-title calendar-timeline-desc"
            >
                <title id="calendar-timeline-title">
                    {pick("The next 12 months", "Les 12 prochains mois")}
                </title>
                <desc id="calendar-timeline-desc">{description}</desc>
                <line class="calendar-axis" x1=px(g.left) y1=px(g.axis_y) x2=px(g.right) y2=px(g.axis_y) />
                <line class="calendar-today" x1=px(g.left) y1=px(g.axis_y - 10.0) x2=px(g.left) y2=px(g.axis_y + 10.0) />
                {g.today_labelled.then(|| view! {
                    <text class="calendar-today-label" x=px(g.left) y=px(g.axis_y + 33.0) text-anchor="start">
                        {pick("Today", "Aujourd'hui")}
                    </text>
                })}
                {months}
                {marks}
            </svg>
            <p class="muted calendar-span">
                {match i18n::lang() {
                    Lang::En => format!("From today, {}, to {}.", format_date(g.start), format_date(g.end)),
                    Lang::Fr => format!("D'aujourd'hui, {}, au {}.", format_date(g.start), format_date(g.end)),
                }}
            </p>
        }
    };
    let legend = move || {
        let kinds: Vec<DateKind> = DateKind::ALL
            .into_iter()
            .filter(|k| shown.with(|rows| rows.iter().any(|r| r.item.kind == *k && r.days >= 0)))
            .collect();
        kinds
            .into_iter()
            .map(|k| {
                view! {
                    <li>
                        <span class=format!("calendar-swatch {}", kind_class(k)) aria-hidden="true"></span>
                        {kind_label(k)}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="section calendar-picture" aria-labelledby="calendar-picture-title">
            <h2 id="calendar-picture-title">{pick("Timeline", "Frise")}</h2>
            {picture}
            <ul class="calendar-legend" aria-label=pick("Key to the marks", "Légende des repères")>
                {legend}
            </ul>
        </section>
    }
}

/// One of the three lists: next 90 days, later, recently passed.
#[component]
fn DateSection(section: Section, shown: Memo<Vec<Row>>) -> impl IntoView {
    let title_id = format!("calendar-{}-title", section.key());
    let labelled_by = title_id.clone();
    let rows = Memo::new(move |_| {
        shown.with(|rows| {
            rows.iter()
                .filter(|r| r.section == section)
                .cloned()
                .collect::<Vec<Row>>()
        })
    });
    let count = move || {
        let n = rows.with(|r| r.len());
        match (i18n::lang(), n) {
            (Lang::En, 1) => "1 date".to_string(),
            (Lang::En, n) => format!("{n} dates"),
            (Lang::Fr, n) if n <= 1 => format!("{n}\u{a0}date"),
            (Lang::Fr, n) => format!("{n}\u{a0}dates"),
        }
    };
    view! {
        <section class="section calendar-section" data-section=section.key() aria-labelledby=labelled_by>
            <h2 id=title_id>
                {section.heading()}
                " "
                <span class="muted calendar-count">{count}</span>
            </h2>
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=move || view! { <p class="muted">{section.empty()}</p> }
            >
                <ol class="calendar-list">
                    <For each=move || rows.get() key=|r| r.item.id.clone() let:row>
                        <Entry row=row />
                    </For>
                </ol>
            </Show>
        </section>
    }
}

#[component]
fn Entry(row: Row) -> impl IntoView {
    let kind = row.item.kind;
    view! {
        <li class="calendar-entry" data-kind=kind.as_str() data-id=row.item.id.clone()>
            <div class="calendar-when">
                <time datetime=row.item.date.to_string()>{format_date(row.item.date)}</time>
                <span class="calendar-relative">{relative_days(row.days)}</span>
            </div>
            <div class="calendar-what">
                <span class=format!("badge calendar-badge {}", kind_class(kind))>{kind_label(kind)}</span>
                <Link href=row.href class="calendar-subject">{row.subject.clone()}</Link>
                <p class="muted calendar-description">{row.item.description.clone()}</p>
            </div>
        </li>
    }
}
