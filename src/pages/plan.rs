//! The key planner (`/plan`, R-PLAN-1): what a key would do to a subscription, both ways,
//! side by side, with a timeline. The plan lives in the page address, so it can be shared.

use crate::browser;
use crate::i18n::{self, t, FieldName, Msg};
use crate::plan_query::PlanQuery;
use crate::planner::{self, OutcomeState, PlanView};
use crate::router::Link;
use crate::router::{navigate, use_location, Navigation};
use crate::timeline::{self, MarkKind, TimelineInput};
use benefits_core::proration::{Action, PlanOutcome};
use leptos::ev;
use leptos::prelude::*;

/// The plan the example link opens: the first worked example of the spec.
const EXAMPLE: &str = "/plan?seats=100&end=2027-01-31&key=25&today=2026-11-20";

/// Which of the four fields an edit is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Seats,
    End,
    Key,
    Today,
}

impl Field {
    fn of(self, q: &PlanQuery) -> String {
        match self {
            Field::Seats => q.seats.clone(),
            Field::End => q.end.clone(),
            Field::Key => q.key.clone(),
            Field::Today => q.today.clone(),
        }
    }

    fn set(self, q: &mut PlanQuery, value: String) {
        match self {
            Field::Seats => q.seats = value,
            Field::End => q.end = value,
            Field::Key => q.key = value,
            Field::Today => q.today = value,
        }
    }
}

#[component]
pub fn PlanPage() -> impl IntoView {
    browser::set_title(&i18n::page_title(t(Msg::AreaKeyPlanner)));
    let today = browser::today_iso();
    let search = use_location().search;
    let read_address = move || search.with(|raw| PlanQuery::parse(raw));

    // `loaded` is what the inputs were last filled with (from the address); `form` follows
    // every keystroke. Inputs are only rewritten when the address changes from outside
    // (a link, back/forward), never while the partner types.
    let first = read_address();
    let last_written = StoredValue::new(first.to_query_string());
    let loaded = RwSignal::new(first.clone().with_default_today(&today));
    let form = RwSignal::new(loaded.get_untracked());
    let edited = StoredValue::new(false);

    Effect::new({
        let today = today.clone();
        move |_| {
            let address = read_address();
            let written = address.to_query_string();
            if written != last_written.get_value() {
                last_written.set_value(written);
                let fields = address.with_default_today(&today);
                loaded.set(fields.clone());
                form.set(fields);
            }
        }
    });

    // Every edit replaces the address (no new history entry per keystroke).
    Effect::new(move |_| {
        let written = form.with(PlanQuery::to_query_string);
        if edited.get_value() && written != last_written.get_value() {
            last_written.set_value(written.clone());
            let address = if written.is_empty() {
                "/plan".to_string()
            } else {
                format!("/plan?{written}")
            };
            navigate(
                &address,
                Navigation {
                    replace: true,
                    scroll: false,
                },
            );
        }
    });

    let on_edit = Callback::new(move |(field, value): (Field, String)| {
        edited.set_value(true);
        form.update(|q| field.set(q, value));
    });

    let plan = Memo::new(move |_| form.with(planner::evaluate));
    let extend = Memo::new(move |_| plan.with(|p| p.extend.clone()));
    let add = Memo::new(move |_| plan.with(|p| p.add.clone()));
    let activate = Memo::new(move |_| plan.with(|p| p.activate.clone()));
    let timeline_input = Memo::new(move |_| plan.with(|p| p.timeline));
    let has_timeline = Memo::new(move |_| timeline_input.with(Option::is_some));
    let message = move |name: FieldName| {
        Signal::derive(move || plan.with(|p: &PlanView| p.field_message(name)))
    };
    let blank = Memo::new(move |_| form.with(PlanQuery::is_blank));

    let field = move |field: Field, name: FieldName, hint: Msg, kind: &'static str| {
        view! {
            <PlanField
                id=field_id(field)
                name=name
                hint=hint
                kind=kind
                value=Signal::derive(move || loaded.with(|q| field.of(q)))
                message=message(name)
                on_edit=Callback::new(move |v: String| on_edit.run((field, v)))
            />
        }
    };

    view! {
        <section class="page plan" aria-labelledby="page-title">
            <h1 id="page-title">{t(Msg::AreaKeyPlanner)}</h1>
            <p class="lead">{t(Msg::PlanIntro)}</p>
            <form class="plan-form" on:submit=|ev: ev::SubmitEvent| ev.prevent_default()>
                <fieldset>
                    <legend>{t(Msg::SubscriptionLegend)}</legend>
                    {field(Field::Seats, FieldName::ActiveLicenses, Msg::ActiveLicensesHint, "count")}
                    {field(Field::End, FieldName::CurrentEndDate, Msg::CurrentEndDateHint, "date")}
                </fieldset>
                <fieldset>
                    <legend>{t(Msg::KeyLegend)}</legend>
                    {field(Field::Key, FieldName::KeyLicenses, Msg::KeyLicensesHint, "count")}
                    {field(Field::Today, FieldName::RedemptionDate, Msg::RedemptionDateHint, "date")}
                </fieldset>
            </form>
            <p class="share-hint">
                {move || {
                    if blank.get() {
                        view! { <Link href=EXAMPLE>{t(Msg::PlanExampleLink)}</Link> }.into_any()
                    } else {
                        t(Msg::PlanShareHint).into_any()
                    }
                }}
            </p>
            <section class="outcomes" aria-labelledby="outcomes-heading">
                <h2 id="outcomes-heading">{t(Msg::OutcomesHeading)}</h2>
                <div class="outcome-grid">
                    <OutcomeCard
                        action=Action::ExtendEndDate
                        title=Msg::ExtendTitle
                        summary=Msg::ExtendSummary
                        state=extend.into()
                    />
                    <OutcomeCard
                        action=Action::AddLicenses
                        title=Msg::AddTitle
                        summary=Msg::AddSummary
                        state=add.into()
                    />
                    {move || {
                        activate
                            .get()
                            .map(|state| {
                                view! {
                                    <OutcomeCard
                                        action=Action::ActivateNew
                                        title=Msg::ActivateTitle
                                        summary=Msg::ActivateSummary
                                        state=Signal::stored(state)
                                    />
                                }
                            })
                    }}
                </div>
            </section>
            {move || {
                has_timeline
                    .get()
                    .then(|| {
                        view! {
                            <section class="timeline-section" aria-labelledby="timeline-heading">
                                <h2 id="timeline-heading">{t(Msg::TimelineHeading)}</h2>
                                <PlanTimeline input=timeline_input.into() />
                            </section>
                        }
                    })
            }}
        </section>
    }
}

fn field_id(field: Field) -> &'static str {
    match field {
        Field::Seats => "active-licenses",
        Field::End => "current-end-date",
        Field::Key => "key-licenses",
        Field::Today => "redemption-date",
    }
}

/// One labelled input, its hint, and what is wrong with it (if anything).
/// `kind` is "count" (a whole number, typed) or "date" (the browser's date picker).
#[component]
fn PlanField(
    id: &'static str,
    name: FieldName,
    hint: Msg,
    kind: &'static str,
    value: Signal<String>,
    message: Signal<Option<String>>,
    on_edit: Callback<String>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let message_id = format!("{id}-message");
    let described_by = format!("{hint_id} {message_id}");
    let is_date = kind == "date";
    view! {
        <div class="field" class:field-invalid=move || message.with(Option::is_some)>
            <label for=id>{name.label()}</label>
            <input
                id=id
                name=id
                type=if is_date { "date" } else { "text" }
                inputmode=if is_date { None } else { Some("numeric") }
                autocomplete="off"
                spellcheck="false"
                aria-describedby=described_by
                aria-invalid=move || message.with(Option::is_some).then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| on_edit.run(event_target_value(&ev))
            />
            <p class="hint" id=hint_id>
                {t(hint)}
            </p>
            <p class="field-message" id=message_id aria-live="polite">
                {move || message.get()}
            </p>
        </div>
    }
}

/// One way of redeeming the key: the engine's answer, its refusal, or what is missing.
#[component]
fn OutcomeCard(
    action: Action,
    title: Msg,
    summary: Msg,
    state: Signal<OutcomeState>,
) -> impl IntoView {
    let heading_id = format!("outcome-{}", action.code());
    let labelled_by = heading_id.clone();
    view! {
        <article class="outcome" data-outcome=action.code() aria-labelledby=labelled_by>
            <h3 id=heading_id>{t(title)}</h3>
            <p class="outcome-summary">{t(summary)}</p>
            {move || match state.get() {
                OutcomeState::Ready(outcome) => view! { <OutcomeFigures outcome=outcome /> }.into_any(),
                OutcomeState::Refused(refusal) => {
                    view! {
                        <p class="note note-refusal" role="alert" data-field="refusal">
                            <strong>{t(Msg::Refused)}</strong>
                            " "
                            {refusal.message}
                        </p>
                    }
                        .into_any()
                }
                OutcomeState::Waiting(why) => {
                    view! { <p class="note note-waiting">{why}</p> }.into_any()
                }
            }}
        </article>
    }
}

#[component]
pub fn OutcomeFigures(outcome: PlanOutcome) -> impl IntoView {
    // `NaiveDate`'s own display is the ISO form, YYYY-MM-DD.
    let iso = outcome.end_date.to_string();
    let licenses_was = outcome
        .previous_seats
        .filter(|&before| before != outcome.seats)
        .map(|before| view! { <span class="was">{i18n::was(&i18n::format_count(before))}</span> });
    let row = |label: Msg, field: &'static str, value: Option<String>| {
        value.map(|value| {
            view! {
                <div class="figure">
                    <dt>{t(label)}</dt>
                    <dd data-field=field>{value}</dd>
                </div>
            }
        })
    };
    view! {
        <dl class="figures">
            <div class="figure figure-main">
                <dt>{t(Msg::NewEndDate)}</dt>
                <dd>
                    <time data-field="new-end-date" datetime=iso>
                        {i18n::format_date(outcome.end_date)}
                    </time>
                </dd>
            </div>
            <div class="figure">
                <dt>{t(Msg::LicensesAfter)}</dt>
                <dd data-field="licenses-after">
                    {i18n::format_count(outcome.seats)} " " {licenses_was}
                </dd>
            </div>
            {row(Msg::MonthsAdded, "months-added", outcome.months_added.map(i18n::format_months_change))}
            {row(Msg::TimeLeftBefore, "time-left-before", outcome.time_left_before.map(i18n::format_months))}
            {row(Msg::TimeLeftAfter, "time-left-after", Some(i18n::format_months(outcome.time_left_after)))}
        </dl>
        {outcome
            .warnings
            .into_iter()
            .map(|warning| {
                view! {
                    <p class="note note-warning" data-field="warning">
                        <strong>{t(Msg::Warning)}</strong>
                        " "
                        {warning.message}
                    </p>
                }
            })
            .collect_view()}
    }
}

/// A coordinate in whole SVG units: exact enough at the size the picture is drawn, and
/// whole numbers keep float printing out of the WebAssembly.
fn px(value: f64) -> i32 {
    value.round() as i32
}

fn mark_label(kind: MarkKind) -> &'static str {
    t(match kind {
        MarkKind::Today => Msg::MarkToday,
        MarkKind::CurrentEnd => Msg::MarkCurrentEnd,
        MarkKind::ExtendEnd => Msg::MarkExtendEnd,
        MarkKind::AddEnd => Msg::MarkAddEnd,
        MarkKind::Limit => Msg::MarkLimit,
    })
}

/// The timeline picture, laid out for the window's width.
#[component]
pub fn PlanTimeline(input: Signal<Option<TimelineInput>>) -> impl IntoView {
    let width = RwSignal::new(timeline::width_for_window(browser::window_width()));
    let resize = window_event_listener(ev::resize, move |_| {
        let now = timeline::width_for_window(browser::window_width());
        if now != width.get_untracked() {
            width.set(now);
        }
    });
    on_cleanup(move || resize.remove());

    move || {
        let input = input.get()?;
        let g = timeline::layout(&input, width.get(), |kind, date| {
            let name = mark_label(kind).chars().count();
            name.max(i18n::format_date_short(date).chars().count())
        });
        let words: Vec<String> = g
            .marks
            .iter()
            .map(|m| i18n::timeline_mark(mark_label(m.kind), m.date))
            .collect();
        let description = i18n::timeline_description(&words);
        let label = description.clone();
        let band = |range: Option<(f64, f64)>, class: &'static str| {
            range.map(|(x1, x2)| {
                view! { <rect class=class x=px(x1) y=px(g.axis_y - 5.0) width=px(x2 - x1) height=10 /> }
            })
        };
        Some(view! {
            <svg
                class="timeline"
                viewBox=format!("0 0 {} {}", px(g.width), px(g.height))
                style:max-width=format!("{}px", px(g.width))
                role="img"
                aria-label=label
            >
                <title>{description}</title>
                {band(g.allowance, "band-allowance")}
                {band(g.term, "band-term")}
                <line class="axis" x1=px(g.left) y1=px(g.axis_y) x2=px(g.right) y2=px(g.axis_y) />
                {g
                    .years
                    .iter()
                    .map(|y| {
                        view! {
                            <g class="year">
                                <line x1=px(y.x) y1=px(g.axis_y - 8.0) x2=px(y.x) y2=px(g.axis_y + 8.0) />
                                <text x=px(y.x) y=px(g.axis_y - 13.0) text-anchor="middle">
                                    {y.year}
                                </text>
                            </g>
                        }
                    })
                    .collect_view()}
                {g
                    .marks
                    .iter()
                    .map(|m| {
                        view! {
                            <g class=format!("mark {}", m.kind.class())>
                                <line class="tick" x1=px(m.x) y1=px(g.axis_y) x2=px(m.x) y2=px(m.row_y + 4.0) />
                                <circle cx=px(m.x) cy=px(g.axis_y) r=5 />
                                <text x=px(m.label_x) y=px(m.row_y) text-anchor=m.anchor.as_str()>
                                    <tspan class="mark-name">{mark_label(m.kind)}</tspan>
                                    <tspan x=px(m.label_x) dy=px(timeline::LINE_GAP) class="mark-date">
                                        {i18n::format_date_short(m.date)}
                                    </tspan>
                                </text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
        })
    }
}
