//! Technical benefits (`/benefits/technical`, R-TECH-1..3): each benefit in plain words with
//! who is eligible, its state (not activated → pending → active), what it gives, what was
//! used and what is left; activate it, record the Access ID and Contract ID Partner Center
//! gives once processed, log support requests against it; record the benefits the
//! membership gives and remove one entered by mistake.
//!
//! Every click is a command; the engine accepts or refuses it and its refusal is shown next
//! to the form or button that was used.

use crate::browser;
use crate::components::common::{run, CopyButton, Refusal, RemoveRecordButton, TableScroll};
use crate::i18n::{self, format_date, pick};
use crate::nav::Area;
use crate::pages::visual_studio::{Done, FormProblem};
use crate::store::Store;
use crate::views::technical::{
    amount, area_from_value, area_label, area_value, eligibility, kind_description,
    kind_from_value, kind_name, kind_value, tech_row, unit_from_value, unit_label, unit_value,
    RequestRow, TechRow, TechState, AREAS, KINDS,
};
use crate::views::vs::read_whole;
use benefits_core::model::{AllowanceUnit, NewTechnicalBenefit, ProductArea, TechnicalKind};
use benefits_core::{Command, DomainError, RecordRef, TechId};
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn TechnicalPage() -> impl IntoView {
    browser::set_title(&i18n::page_title(Area::Technical.name()));
    let store = Store::get();
    let ids = Memo::new(move |_| {
        store.doc.with(|d| {
            d.workspace()
                .technical_benefits()
                .keys()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="page programs tech-page" aria-labelledby="page-title">
            <div class="page-header">
                <h1 id="page-title">{Area::Technical.name()}</h1>
            </div>
                <p class="lead">
                    {pick(
                        "Activate a benefit, wait a few days for Partner Center to process it, then record the Access ID and Contract ID it gives: support requests for on-premises, Azure (non-CSP) and Dynamics products need them.",
                        "Activez un avantage, attendez quelques jours que Partner Center le traite, puis enregistrez l'ID d'accès et l'ID de contrat qu'il donne : les demandes de support pour les produits locaux, Azure (hors CSP) et Dynamics en ont besoin.",
                    )}
                </p>
                <Show when=move || ids.with(Vec::is_empty)>
                    <p class="muted">
                        {pick(
                            "No technical benefits are recorded yet.",
                            "Aucun avantage technique n'est encore enregistré.",
                        )}
                    </p>
                </Show>
                <ul class="program-list" aria-label=pick("Technical benefits", "Avantages techniques")>
                    <For each=move || ids.get() key=|id| id.clone() let:id>
                        <TechCard id=id />
                    </For>
                </ul>
                <AddTechForm />
        </section>
    }
}

fn date_view(d: NaiveDate) -> impl IntoView {
    view! { <time datetime=d.to_string()>{format_date(d)}</time> }
}

fn state_badge(state: &TechState) -> impl IntoView {
    let (text, class) = match state {
        TechState::NotActivated => (
            pick("Not activated", "Non activé").to_string(),
            "badge badge-off",
        ),
        TechState::Pending { since, .. } => (
            format!(
                "{} {}",
                pick("Pending since", "En attente depuis le"),
                format_date(*since)
            ),
            "badge badge-pending",
        ),
        TechState::Active { since, .. } => (
            format!(
                "{} {}",
                pick("Active since", "Actif depuis le"),
                format_date(*since)
            ),
            "badge badge-ok",
        ),
    };
    view! { <span class=class data-field="state">{text}</span> }
}

#[component]
fn TechCard(id: TechId) -> impl IntoView {
    let store = Store::get();
    let row = Memo::new({
        let id = id.clone();
        move |_| store.doc.with(|d| tech_row(d.workspace(), &id))
    });
    // Which step the card is at: the forms below are drawn again only when it changes.
    let step = Memo::new(move |_| {
        row.with(|r| match r.as_ref().map(|r| &r.state) {
            Some(TechState::NotActivated) | None => 0u8,
            Some(TechState::Pending { .. }) => 1,
            Some(TechState::Active { .. }) => 2,
        })
    });
    let unit =
        Memo::new(move |_| row.with(|r| r.as_ref().map_or(AllowanceUnit::Incidents, |r| r.unit)));
    let action_refusal = RwSignal::new(None::<DomainError>);
    let record_refusal = RwSignal::new(None::<DomainError>);
    let done = RwSignal::new(None::<String>);
    let card_id = id.to_string();
    let heading_id = format!("tech-title-{id}");
    let facts_heading = heading_id.clone();

    let activate = {
        let id = id.clone();
        move |_| {
            done.set(None);
            if run(
                Command::ActivateTechnicalBenefit {
                    benefit: id.clone(),
                },
                action_refusal,
            ) {
                done.set(Some(
                    pick(
                        "Activation requested: Partner Center processes it in a few days. Then record the IDs it gives.",
                        "Activation demandée : Partner Center la traite en quelques jours. Enregistrez ensuite les ID qu'il donne.",
                    )
                    .to_string(),
                ));
            }
        }
    };
    let remove_question = format!(
        "{} {id} {}",
        pick("Remove", "Supprimer"),
        pick(
            "from the workspace? Only for a benefit recorded by mistake; this cannot be undone.",
            "de l'espace de travail ? Uniquement pour un avantage enregistré par erreur ; c'est définitif.",
        )
    );

    view! {
        <li class="card program-card" data-tech=card_id.clone() aria-labelledby=heading_id>
            {move || row.get().map(|r| view! { <TechFacts row=r heading_id=facts_heading.clone() /> })}
            <Done message=done focus=true />
            {
                let id = id.clone();
                let card_id = card_id.clone();
                move || {
                    match step.get() {
                        0 => {
                            view! {
                                <div class="button-row">
                                    <button type="button" class="button-primary" on:click=activate.clone()>
                                        {pick("Activate", "Activer")}
                                    </button>
                                </div>
                                <Refusal error=action_refusal />
                            }
                                .into_any()
                        }
                        1 => view! { <RecordProcessingForm id=id.clone() card_id=card_id.clone() done=done /> }.into_any(),
                        _ => ().into_any(),
                    }
                }
            }
            <LogRequestForm id=id.clone() card_id=card_id.clone() unit=unit.into() open=Signal::derive(move || step.get() == 2) />
            {move || {
                row.with(|r| {
                    r.as_ref()
                        .filter(|r| !r.requests.is_empty())
                        .map(|r| view! { <RequestList requests=r.requests.clone() unit=r.unit /> })
                })
            }}
            <div class="button-row program-secondary-actions">
                <RemoveRecordButton
                    record=RecordRef::Technical(id.clone())
                    label=pick("Remove", "Supprimer")
                    question=remove_question
                    refusal=record_refusal
                />
            </div>
            <Refusal error=record_refusal />
        </li>
    }
}

#[component]
fn TechFacts(row: TechRow, heading_id: String) -> impl IntoView {
    let ids = match &row.state {
        TechState::Active {
            access_id,
            contract_id,
            ..
        } => Some(view! {
            <IdLine
                label=pick("Access ID", "ID d'accès")
                value=access_id.clone()
                field="access-id"
                copy_label=pick("Copy the Access ID", "Copier l'ID d'accès")
            />
            <IdLine
                label=pick("Contract ID", "ID de contrat")
                value=contract_id.clone()
                field="contract-id"
                copy_label=pick("Copy the Contract ID", "Copier l'ID de contrat")
            />
        }),
        _ => None,
    };
    let pending_by = match &row.state {
        TechState::Pending { by, .. } => Some(view! {
            <div>
                <dt>{pick("Requested by", "Demandé par")}</dt>
                <dd>{by.clone()}</dd>
            </div>
        }),
        _ => None,
    };
    view! {
        <div class="program-card-head">
            <h2 id=heading_id class="program-title">
                {kind_name(row.kind)} " " <span class="muted program-id">{row.id.to_string()}</span>
            </h2>
            {state_badge(&row.state)}
        </div>
        <p class="program-description">
            {kind_description(row.kind)} " " <span class="muted">{eligibility(row.kind)}</span>
        </p>
        <dl class="facts">
            <div>
                <dt>{pick("Allowance", "Droit")}</dt>
                <dd data-field="allowance">{amount(row.allowance, row.unit)}</dd>
            </div>
            <div>
                <dt>{pick("Used", "Utilisé")}</dt>
                <dd data-field="used">{amount(row.used, row.unit)}</dd>
            </div>
            <div>
                <dt>{pick("Remaining", "Restant")}</dt>
                <dd data-field="remaining" class="facts-strong">{amount(row.remaining, row.unit)}</dd>
            </div>
            {pending_by}
            {ids}
        </dl>
    }
}

#[component]
fn IdLine(
    label: &'static str,
    value: String,
    field: &'static str,
    copy_label: &'static str,
) -> impl IntoView {
    view! {
        <div class="id-line">
            <dt>{label}</dt>
            <dd>
                <span class="key-text" data-field=field>{value.clone()}</span>
                " "
                <CopyButton text=value label=copy_label />
            </dd>
        </div>
    }
}

/// What Partner Center reports once the activation is processed (R-TECH-2).
#[component]
fn RecordProcessingForm(
    id: TechId,
    card_id: String,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let access = RwSignal::new(String::new());
    let contract = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<DomainError>);
    let access_id = format!("tech-access-{card_id}");
    let contract_id = format!("tech-contract-{card_id}");
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        if run(
            Command::RecordTechnicalBenefitProcessed {
                benefit: id.clone(),
                access_id: access.get_untracked().trim().to_string(),
                contract_id: contract.get_untracked().trim().to_string(),
            },
            refusal,
        ) {
            done.set(Some(
                pick(
                    "Recorded: the benefit is active and its IDs are shown above.",
                    "Enregistré : l'avantage est actif et ses ID sont affichés ci-dessus.",
                )
                .to_string(),
            ));
        }
    };
    view! {
        <form class="program-form" on:submit=on_submit>
            <h3>{pick("Record processing", "Enregistrer le traitement")}</h3>
            <p class="muted">
                {pick(
                    "Once Partner Center has processed the activation, it shows an Access ID and a Contract ID. Copy them here.",
                    "Une fois l'activation traitée, Partner Center affiche un ID d'accès et un ID de contrat. Recopiez-les ici.",
                )}
            </p>
            <div class="form-grid">
                <div>
                    <label for=access_id.clone()>{pick("Access ID", "ID d'accès")}</label>
                    <input id=access_id type="text" autocomplete="off" spellcheck="false" bind:value=access />
                </div>
                <div>
                    <label for=contract_id.clone()>{pick("Contract ID", "ID de contrat")}</label>
                    <input id=contract_id type="text" autocomplete="off" spellcheck="false" bind:value=contract />
                </div>
            </div>
            <div class="button-row">
                <button type="submit" class="button-primary">{pick("Record", "Enregistrer")}</button>
            </div>
            <Refusal error=refusal />
        </form>
    }
}

/// "Log a support request" (R-TECH-3): open on an active benefit, folded on the others
/// (where the engine says what is missing).
#[component]
fn LogRequestForm(
    id: TechId,
    card_id: String,
    unit: Signal<AllowanceUnit>,
    open: Signal<bool>,
) -> impl IntoView {
    let area = RwSignal::new(area_value(ProductArea::OnPremises).to_string());
    let title = RwSignal::new(String::new());
    let consumes = RwSignal::new("1".to_string());
    let refusal = RwSignal::new(None::<DomainError>);
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let area_id = format!("tech-area-{card_id}");
    let title_id = format!("tech-request-title-{card_id}");
    let consumes_id = format!("tech-consumes-{card_id}");
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let Some(a) = area_from_value(&area.get_untracked()) else {
            return;
        };
        let (what_en, what_fr) = match unit.get_untracked() {
            AllowanceUnit::Incidents => ("the incidents used", "les incidents utilisés"),
            AllowanceUnit::Hours => ("the hours used", "les heures utilisées"),
        };
        match read_whole(&consumes.get_untracked(), what_en, what_fr) {
            Err(p) => {
                refusal.set(None);
                problem.set(Some(p));
            }
            Ok(n) => {
                problem.set(None);
                if run(
                    Command::LogSupportRequest {
                        benefit: id.clone(),
                        area: a,
                        title: title.get_untracked().trim().to_string(),
                        consumes: n,
                    },
                    refusal,
                ) {
                    title.set(String::new());
                    consumes.set("1".to_string());
                    done.set(Some(
                        pick("Support request logged.", "Demande de support enregistrée.")
                            .to_string(),
                    ));
                }
            }
        }
    };
    view! {
        <details class="program-details" open=move || open.get()>
            <summary>{pick("Log a support request", "Enregistrer une demande de support")}</summary>
            <form class="program-form" on:submit=on_submit>
                <div class="form-grid">
                    <div>
                        <label for=area_id.clone()>{pick("Product area", "Domaine de produits")}</label>
                        <select id=area_id on:change=move |ev| area.set(event_target_value(&ev))>
                            {AREAS
                                .into_iter()
                                .map(|a| {
                                    view! {
                                        <option value=area_value(a) selected=a == ProductArea::OnPremises>
                                            {area_label(a)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class="form-wide">
                        <label for=title_id.clone()>{pick("Title", "Titre")}</label>
                        <input id=title_id type="text" autocomplete="off" bind:value=title />
                    </div>
                    <div>
                        <label for=consumes_id.clone()>
                            {move || match unit.get() {
                                AllowanceUnit::Incidents => pick("Incidents used", "Incidents utilisés"),
                                AllowanceUnit::Hours => pick("Hours used", "Heures utilisées"),
                            }}
                        </label>
                        <input id=consumes_id type="number" min="1" step="1" inputmode="numeric" bind:value=consumes />
                    </div>
                </div>
                <div class="button-row">
                    <button type="submit" class="button-primary">{pick("Log the request", "Enregistrer la demande")}</button>
                </div>
                <FormProblem problem=problem />
                <Refusal error=refusal />
                <Done message=done />
            </form>
        </details>
    }
}

#[component]
fn RequestList(requests: Vec<RequestRow>, unit: AllowanceUnit) -> impl IntoView {
    view! {
        <h3 class="requests-title">{pick("Support requests", "Demandes de support")}</h3>
        <TableScroll label=pick("Support requests", "Demandes de support")>
            <table class="data-table requests-table">
                <thead>
                    <tr>
                        <th scope="col">{pick("Date", "Date")}</th>
                        <th scope="col">{pick("Logged by", "Enregistrée par")}</th>
                        <th scope="col">{pick("Area", "Domaine")}</th>
                        <th scope="col">{pick("Title", "Titre")}</th>
                        <th scope="col" class="num">{unit_label(unit)}</th>
                    </tr>
                </thead>
                <tbody>
                    {requests
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr data-request=r.id>
                                    <td data-label=pick("Date", "Date")>{date_view(r.opened_on)}</td>
                                    <td data-label=pick("Logged by", "Enregistrée par")>{r.by}</td>
                                    <td data-label=pick("Area", "Domaine")>{area_label(r.area)}</td>
                                    <td data-label=pick("Title", "Titre")>{r.title}</td>
                                    <td class="num" data-label=unit_label(unit)>{r.consumed}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
}

/// Data entry: a technical benefit the membership gives.
#[component]
fn AddTechForm() -> impl IntoView {
    let kind = RwSignal::new(kind_value(TechnicalKind::OnPremisesIncidents).to_string());
    let unit = RwSignal::new(unit_value(AllowanceUnit::Incidents).to_string());
    let allowance = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<DomainError>);
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let (Some(k), Some(u)) = (
            kind_from_value(&kind.get_untracked()),
            unit_from_value(&unit.get_untracked()),
        ) else {
            return;
        };
        match read_whole(&allowance.get_untracked(), "the allowance", "le droit") {
            Err(p) => {
                refusal.set(None);
                problem.set(Some(p));
            }
            Ok(n) => {
                problem.set(None);
                if run(
                    Command::AddTechnicalBenefit {
                        benefit: NewTechnicalBenefit {
                            kind: k,
                            unit: u,
                            allowance: n,
                        },
                    },
                    refusal,
                ) {
                    allowance.set(String::new());
                    done.set(Some(format!(
                        "{} {}.",
                        pick("Added:", "Ajouté :"),
                        kind_name(k)
                    )));
                }
            }
        }
    };
    view! {
        <section class="section record-keeping" aria-labelledby="tech-add-title">
            <h2 id="tech-add-title">{pick("Add a technical benefit", "Ajouter un avantage technique")}</h2>
            <p class="muted">
                {pick(
                    "Record a technical benefit your membership gives, as Partner Center lists it.",
                    "Enregistrez un avantage technique que donne votre adhésion, tel que Partner Center le liste.",
                )}
            </p>
            <form class="card" on:submit=on_submit>
                <div class="form-grid">
                    <div class="form-wide">
                        <label for="tech-add-kind">{pick("Kind", "Type")}</label>
                        <select id="tech-add-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                            {KINDS
                                .into_iter()
                                .map(|k| {
                                    view! {
                                        <option value=kind_value(k) selected=k == TechnicalKind::OnPremisesIncidents>
                                            {kind_name(k)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="tech-add-unit">{pick("Counted in", "Compté en")}</label>
                        <select id="tech-add-unit" on:change=move |ev| unit.set(event_target_value(&ev))>
                            {[AllowanceUnit::Incidents, AllowanceUnit::Hours]
                                .into_iter()
                                .map(|u| {
                                    view! {
                                        <option value=unit_value(u) selected=u == AllowanceUnit::Incidents>
                                            {unit_label(u)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="tech-add-allowance">{pick("Allowance", "Droit")}</label>
                        <input id="tech-add-allowance" type="number" min="1" step="1" inputmode="numeric" bind:value=allowance />
                    </div>
                </div>
                <div class="button-row">
                    <button type="submit" class="button-primary">{pick("Add the benefit", "Ajouter l'avantage")}</button>
                </div>
                <FormProblem problem=problem />
                <Refusal error=refusal />
                <Done message=done />
            </form>
        </section>
    }
}
