//! Usage-based subscriptions: Azure credit (R-AZ-1..6). Each credit shows its amount per
//! period, kind, people, offer, benefit type, expiry, the spend recorded and what is left
//! of the period; people are assigned (members and guests), removed from monthly credit,
//! and bulk credit is transferred — never removed. Spend is recorded in the organisation's
//! currency, and credits are added and removed (entered by mistake) here.

use crate::components::common::{run, Refusal, RemoveRecordButton, TableScroll};
use crate::i18n::{self, format_date, pick};
use crate::pages::software::focus_soon;
use crate::store::Store;
use crate::views::azure::{
    amount_preview, credit_ids, credit_row, currency, kind_code, kind_from_code, kind_label,
    per_period, read_amount, CreditRow, UserOption,
};
use crate::views::software_and_azure::{
    benefit_type_code, benefit_type_from_code, benefit_type_label, offer_code, offer_from_code,
    offer_label, read_date, BENEFIT_TYPES,
};
use benefits_core::model::{BenefitType, CreditKind, NewAzureCredit, Offer};
use benefits_core::{Command, CreditId, Currency, DomainError, RecordRef, UserId};
use chrono::NaiveDate;
use leptos::ev;
use leptos::prelude::*;
use std::sync::Arc;

/// The people a credit can go to: built once per change of the workspace and shared by
/// every credit (a directory of thousands is not rebuilt per credit).
pub type People = Memo<Arc<Vec<UserOption>>>;

#[component]
pub fn CreditSection(today: NaiveDate) -> impl IntoView {
    let store = Store::get();
    let ids = Memo::new(move |_| store.doc.with(|d| credit_ids(d.workspace())));
    let people: People = Memo::new(move |_| {
        store
            .doc
            .with(|d| Arc::new(crate::views::azure::user_options(d.workspace())))
    });
    let money = Memo::new(move |_| store.doc.with(|d| currency(d.workspace())));
    view! {
        <section class="section" id="az-credit" aria-labelledby="az-credit-title">
            <h2 id="az-credit-title">{pick("Usage-based: Azure credit", "À l'usage : crédit Azure")}</h2>
            <p class="muted">
                {pick(
                    "Monthly credit can be given to and taken from people at any time. Bulk (yearly) credit goes to one person; it is never removed, but it can be transferred to someone else during the enrollment year.",
                    "Le crédit mensuel peut être donné et retiré à tout moment. Le crédit global (annuel) va à une seule personne : il n'est jamais retiré, mais peut être transféré à quelqu'un d'autre pendant l'année d'adhésion.",
                )}
            </p>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="muted">{pick("No Azure credit is recorded yet.", "Aucun crédit Azure n'est encore enregistré.")}</p>
            </Show>
            <ul class="az-list">
                <For
                    each=move || ids.get()
                    key=|id| id.clone()
                    children=move |id| view! { <CreditCard id=id today=today people=people money=money /> }
                />
            </ul>
            <AddCredit money=money />
        </section>
    }
}

/// Which panel of a credit card is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Panel {
    None,
    Assign,
    Transfer,
    Spend,
}

#[component]
fn CreditCard(
    id: CreditId,
    today: NaiveDate,
    people: People,
    money: Memo<Currency>,
) -> impl IntoView {
    let store = Store::get();
    let row = Memo::new({
        let id = id.clone();
        move |_| store.doc.with(|d| credit_row(d.workspace(), &id, today))
    });
    let panel = RwSignal::new(Panel::None);
    let done = RwSignal::new(None::<String>);
    let users_refusal = RwSignal::new(None::<DomainError>);
    let remove_refusal = RwSignal::new(None::<DomainError>);
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let data_id = id.to_string();
    view! {
        <li class="card az-card" data-credit=data_id aria-labelledby=labelled_by>
            {move || {
                let currency = money.get();
                row.get()
                    .map(|r| {
                        view! {
                            <h3 id=title_id.clone() class="az-card-title">
                                {format!(
                                    "{} · {} {}",
                                    kind_label(r.kind),
                                    i18n::format_amount(r.amount_minor, &currency),
                                    per_period(r.kind),
                                )}
                            </h3>
                            <CreditFacts row=r.clone() currency=currency.clone() />
                        }
                    })
            }}
            <h4>{pick("People with access", "Personnes ayant accès")}</h4>
            {move || {
                row.get()
                    .map(|r| {
                        view! { <CreditUsers row=r refusal=users_refusal done=done /> }
                    })
            }}
            <Refusal error=users_refusal />
            <div class="button-row az-actions">
                {move || {
                    let (kind, has_user) = row
                        .with(|r| r.as_ref().map(|r| (r.kind, !r.users.is_empty())))
                        .unwrap_or((CreditKind::Monthly, false));
                    let (which, label) = if kind == CreditKind::Bulk && has_user {
                        (Panel::Transfer, pick("Transfer to…", "Transférer à…"))
                    } else {
                        (Panel::Assign, pick("Assign a person…", "Attribuer à une personne…"))
                    };
                    view! { <PanelToggle panel=panel which=which label=label /> }
                }}
                <PanelToggle panel=panel which=Panel::Spend label=pick("Record spend…", "Enregistrer une dépense…") />
            </div>
            {
                let id = id.clone();
                move || match panel.get() {
                    Panel::None => ().into_any(),
                    Panel::Assign | Panel::Transfer => {
                        view! { <AssignPanel id=id.clone() transfer=panel.get() == Panel::Transfer people=people panel=panel done=done /> }
                            .into_any()
                    }
                    Panel::Spend => {
                        view! { <SpendPanel id=id.clone() today=today money=money panel=panel done=done /> }.into_any()
                    }
                }
            }
            {
                let done_id = format!("{id}-done");
                move || done.get().map(|m| view! { <p id=done_id.clone() class="success" role="status" tabindex="-1">{m}</p> })
            }
            <details class="az-more">
                <summary>{pick("Spend recorded and corrections", "Dépenses enregistrées et corrections")}</summary>
                {move || {
                    let currency = money.get();
                    row.get().map(|r| view! { <SpendTable row=r currency=currency /> })
                }}
                <div class="az-remove">
                    {
                        let id = id.clone();
                        view! {
                            <RemoveRecordButton
                                record=RecordRef::AzureCredit(id)
                                label=pick("Remove this credit", "Retirer ce crédit")
                                question=pick(
                                    "Remove this credit from the workspace? Do this only for a credit entered by mistake.",
                                    "Retirer ce crédit de l'espace de travail ? À faire seulement pour un crédit saisi par erreur.",
                                )
                                refusal=remove_refusal
                            />
                        }
                    }
                    <Refusal error=remove_refusal />
                </div>
            </details>
        </li>
    }
}

/// A button that opens (or closes) one panel of a card.
#[component]
fn PanelToggle(panel: RwSignal<Panel>, which: Panel, label: &'static str) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button-secondary"
            aria-expanded=move || (panel.get() == which).to_string()
            on:click=move |_| panel.update(|p| *p = if *p == which { Panel::None } else { which })
        >
            {label}
        </button>
    }
}

#[component]
fn CreditFacts(row: CreditRow, currency: Currency) -> impl IntoView {
    let amount = |minor: i64| i18n::format_amount(minor, &currency);
    let period = row
        .period
        .map(|(from, to)| format!("{} – {}", format_date(from), format_date(to)));
    view! {
        <dl class="az-facts">
            <div><dt>{pick("Kind", "Type")}</dt><dd>{kind_label(row.kind)}</dd></div>
            <div><dt>{pick("Offer", "Offre")}</dt><dd>{offer_label(row.offer)}</dd></div>
            <div><dt>{pick("Benefit type", "Type d'avantage")}</dt><dd>{benefit_type_label(row.benefit_type)}</dd></div>
            <div>
                <dt>{pick("Expires", "Expire le")}</dt>
                <dd><time datetime=row.expires_on.to_string()>{format_date(row.expires_on)}</time></dd>
            </div>
            {if row.expired {
                view! {
                    <div class="az-remaining az-expired">
                        <dt>{pick("State", "État")}</dt>
                        <dd data-field="expired">
                            <span class="badge badge-muted">{pick("Expired", "Expiré")}</span>
                            " "
                            {pick("Nothing is left, and nobody new can get it.", "Il ne reste rien, et personne ne peut plus le recevoir.")}
                        </dd>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <div><dt>{pick("This period", "Période en cours")}</dt><dd>{period.unwrap_or_default()}</dd></div>
                    <div><dt>{pick("Spent this period", "Dépensé sur la période")}</dt><dd data-field="spent">{amount(row.spent_minor)}</dd></div>
                    <div class="az-remaining">
                        <dt>{pick("Remaining this period", "Reste sur la période")}</dt>
                        <dd data-field="remaining">{amount(row.remaining_minor)}</dd>
                    </div>
                }
                .into_any()
            }}
        </dl>
    }
}

#[component]
fn CreditUsers(
    row: CreditRow,
    refusal: RwSignal<Option<DomainError>>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    if row.users.is_empty() {
        return view! { <p class="muted">{pick("Nobody yet.", "Personne pour l'instant.")}</p> }
            .into_any();
    }
    let monthly = row.kind == CreditKind::Monthly;
    let credit = row.id.clone();
    view! {
        <TableScroll label=pick("People with access", "Personnes ayant accès")>
            <table class="data-table az-users">
                <thead>
                    <tr>
                        <th scope="col">{pick("Person", "Personne")}</th>
                        <th scope="col">{pick("Since", "Depuis le")}</th>
                        {monthly.then(|| view! { <th scope="col"><span class="visually-hidden">{pick("Actions", "Actions")}</span></th> })}
                    </tr>
                </thead>
                <tbody>
                    {row
                        .users
                        .into_iter()
                        .map(|u| {
                            let name = if u.guest {
                                format!("{} ({})", u.name, pick("guest", "invité"))
                            } else {
                                u.name.clone()
                            };
                            // R-AZ-4: bulk credit has no remove button at all.
                            let remove = monthly.then(|| {
                                let credit = credit.clone();
                                let user = u.id.clone();
                                let who = u.name.clone();
                                view! {
                                    <td>
                                        <button
                                            type="button"
                                            class="button-secondary"
                                            aria-label=format!("{} {}", pick("Remove", "Retirer"), u.name)
                                            on:click=move |_| {
                                                done.set(None);
                                                if run(
                                                    Command::RemoveAzureCreditUser { credit: credit.clone(), user: user.clone() },
                                                    refusal,
                                                ) {
                                                    done.set(Some(format!("{} {who}.", pick("Credit removed from", "Crédit retiré à"))));
                                                    focus_soon(format!("{credit}-done"));
                                                }
                                            }
                                        >
                                            {pick("Remove", "Retirer")}
                                        </button>
                                    </td>
                                }
                            });
                            view! {
                                <tr data-user=u.id.to_string()>
                                    <td>{name}</td>
                                    <td><time datetime=u.since.to_string()>{format_date(u.since)}</time></td>
                                    {remove}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}

/// Choose a person and assign the credit, or transfer bulk credit to them.
#[component]
fn AssignPanel(
    id: CreditId,
    transfer: bool,
    people: People,
    panel: RwSignal<Panel>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let chosen = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<DomainError>);
    let select_id = format!("{id}-person");
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let user = UserId::new(chosen.get_untracked());
        let name = Store::get()
            .doc
            .with_untracked(|d| d.workspace().user_name(&user));
        let command = if transfer {
            Command::TransferBulkCredit {
                credit: id.clone(),
                to: user,
            }
        } else {
            Command::AssignAzureCredit {
                credit: id.clone(),
                user,
            }
        };
        if run(command, refusal) {
            panel.set(Panel::None);
            focus_soon(format!("{id}-done"));
            done.set(Some(if transfer {
                format!(
                    "{} {name}.",
                    pick("Credit transferred to", "Crédit transféré à")
                )
            } else {
                format!(
                    "{name} {}",
                    pick("now has this credit.", "dispose maintenant de ce crédit.")
                )
            }));
        }
    };
    view! {
        <form class="az-panel" on:submit=on_submit>
            <div class="form-row">
                <label for=select_id.clone()>
                    {if transfer { pick("Transfer to", "Transférer à") } else { pick("Person", "Personne") }}
                </label>
                <select id=select_id on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">{pick("Choose a person…", "Choisissez une personne…")}</option>
                    // Built from the shared list when the panel opens, and again only if
                    // the directory itself changes.
                    {move || {
                        people
                            .with(|list| {
                                list.iter()
                                    .map(|p| view! { <option value=p.id.clone()>{p.label.clone()}</option> })
                                    .collect_view()
                            })
                    }}
                </select>
            </div>
            <div class="button-row">
                <button type="submit" class="button-primary">
                    {if transfer { pick("Transfer", "Transférer") } else { pick("Assign", "Attribuer") }}
                </button>
                <button type="button" class="button-secondary" on:click=move |_| panel.set(Panel::None)>
                    {pick("Cancel", "Annuler")}
                </button>
            </div>
            <Refusal error=refusal />
        </form>
    }
}

/// Record credit spent (beyond the source, R-AZ-6).
#[component]
fn SpendPanel(
    id: CreditId,
    today: NaiveDate,
    money: Memo<Currency>,
    panel: RwSignal<Panel>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let on = RwSignal::new(today.to_string());
    let amount = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let refusal = RwSignal::new(None::<DomainError>);
    let (date_id, amount_id, note_id) = (
        format!("{id}-spend-on"),
        format!("{id}-spend-amount"),
        format!("{id}-spend-note"),
    );
    let preview_id = format!("{id}-spend-preview");
    // A problem beside the fields goes as soon as a field changes.
    let edited = move || {
        problem.set(None);
        refusal.set(None);
    };
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let currency = money.get_untracked();
        let raw = amount.get_untracked();
        let on_day = match read_date(pick("date", "date"), &on.get_untracked()) {
            Ok(d) => d,
            Err(p) => {
                refusal.set(None);
                problem.set(Some(p));
                return;
            }
        };
        let read = read_amount(&raw, &currency).map(|minor| (on_day, minor));
        match read {
            Err(e) => {
                problem.set(None);
                refusal.set(Some(e));
            }
            Ok((on, amount_minor)) => {
                problem.set(None);
                if run(
                    Command::RecordCreditSpend {
                        credit: id.clone(),
                        on,
                        amount_minor,
                        note: note.get_untracked(),
                    },
                    refusal,
                ) {
                    panel.set(Panel::None);
                    focus_soon(format!("{id}-done"));
                    done.set(Some(format!(
                        "{} {}.",
                        pick("Spend recorded:", "Dépense enregistrée :"),
                        i18n::format_amount(amount_minor, &currency)
                    )));
                }
            }
        }
    };
    view! {
        <form class="az-panel" on:submit=on_submit>
            <div class="form-grid">
                <div>
                    <label for=date_id.clone()>{pick("Spent on", "Dépensé le")}</label>
                    <input id=date_id type="date" bind:value=on on:input=move |_| edited() />
                </div>
                <div>
                    <label for=amount_id.clone()>
                        {move || format!("{} ({})", pick("Amount", "Montant"), money.with(|c| c.code().to_string()))}
                    </label>
                    <input
                        id=amount_id
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        aria-describedby=preview_id.clone()
                        bind:value=amount
                        on:input=move |_| edited()
                    />
                    <p id=preview_id class="hint muted amount-preview" aria-live="polite">
                        {move || amount.with(|raw| money.with(|c| amount_preview(raw, c)))}
                    </p>
                </div>
                <div>
                    <label for=note_id.clone()>{pick("Note (optional)", "Note (facultative)")}</label>
                    <input id=note_id type="text" bind:value=note />
                </div>
            </div>
            <div class="button-row">
                <button type="submit" class="button-primary">{pick("Record", "Enregistrer")}</button>
                <button type="button" class="button-secondary" on:click=move |_| panel.set(Panel::None)>
                    {pick("Cancel", "Annuler")}
                </button>
            </div>
            {move || problem.get().map(|p| view! { <p class="refusal" role="alert">{p}</p> })}
            <Refusal error=refusal />
        </form>
    }
}

#[component]
fn SpendTable(row: CreditRow, currency: Currency) -> impl IntoView {
    let amount = move |minor: i64| i18n::format_amount(minor, &currency);
    if row.spend.is_empty() {
        return view! { <p class="muted">{pick("No spend recorded.", "Aucune dépense enregistrée.")}</p> }.into_any();
    }
    view! {
        <TableScroll label=pick("Spend recorded", "Dépenses enregistrées")>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{pick("Date", "Date")}</th>
                        <th scope="col" class="num">{pick("Amount", "Montant")}</th>
                        <th scope="col">{pick("Note", "Note")}</th>
                        <th scope="col">{pick("Recorded by", "Enregistré par")}</th>
                    </tr>
                </thead>
                <tbody>
                    {row
                        .spend
                        .into_iter()
                        .map(|s| {
                            view! {
                                <tr>
                                    <td>{format_date(s.on)}</td>
                                    <td class="num">{amount(s.amount_minor)}</td>
                                    <td>{s.note}</td>
                                    <td>{s.by}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableScroll>
    }
    .into_any()
}

/// "Add a credit": a credit Partner Center lists for the membership.
#[component]
fn AddCredit(money: Memo<Currency>) -> impl IntoView {
    let kind = RwSignal::new(kind_code(CreditKind::Monthly).to_string());
    let amount = RwSignal::new(String::new());
    let offer = RwSignal::new(offer_code(Offer::ActionPack).to_string());
    let benefit_type = RwSignal::new(benefit_type_code(BenefitType::Core).to_string());
    let expires = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let refusal = RwSignal::new(None::<DomainError>);
    let added = RwSignal::new(None::<String>);
    let edited = move || {
        problem.set(None);
        refusal.set(None);
    };
    // Core's warning about the amount (R-AZ-1's bulk amounts), before anything is added.
    let warning = Memo::new(move |_| {
        let currency = money.get();
        let minor = amount.with(|raw| read_amount(raw, &currency).ok())?;
        let credit = NewAzureCredit {
            kind: kind_from_code(&kind.get())?,
            amount_minor: minor,
            offer: Offer::ActionPack,
            benefit_type: BenefitType::Core,
            expires_on: chrono::NaiveDate::MIN,
        };
        let warnings = Store::get().doc.with(|d| {
            d.workspace()
                .warnings_for(&Command::AddAzureCredit { credit })
        });
        warnings.first().map(i18n::warning)
    });
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        added.set(None);
        let currency = money.get_untracked();
        let raw = amount.get_untracked();
        let minor = match read_amount(&raw, &currency) {
            Ok(m) => m,
            Err(e) => {
                problem.set(None);
                refusal.set(Some(e));
                return;
            }
        };
        let read = read_date(
            pick("expiry date", "date d'expiration"),
            &expires.get_untracked(),
        )
        .map(|d| (minor, d));
        let (Some(kind), Some(offer), Some(benefit_type)) = (
            kind_from_code(&kind.get_untracked()),
            offer_from_code(&offer.get_untracked()),
            benefit_type_from_code(&benefit_type.get_untracked()),
        ) else {
            problem.set(Some(
                pick(
                    "Choose the kind, the offer and the benefit type.",
                    "Choisissez le type, l'offre et le type d'avantage.",
                )
                .to_string(),
            ));
            return;
        };
        match read {
            Err(p) => {
                refusal.set(None);
                problem.set(Some(p));
            }
            Ok((amount_minor, expires_on)) => {
                problem.set(None);
                let credit = NewAzureCredit {
                    kind,
                    amount_minor,
                    offer,
                    benefit_type,
                    expires_on,
                };
                if run(Command::AddAzureCredit { credit }, refusal) {
                    added.set(Some(format!(
                        "{} {} · {}.",
                        pick("Added:", "Ajouté :"),
                        kind_label(kind),
                        i18n::format_amount(amount_minor, &currency)
                    )));
                    amount.set(String::new());
                    expires.set(String::new());
                }
            }
        }
    };
    view! {
        <details class="card az-form-card">
            <summary>
                <h3 class="summary-heading">{pick("Add a credit", "Ajouter un crédit")}</h3>
            </summary>
            <form on:submit=on_submit>
                <div class="form-grid">
                    <div>
                        <label for="az-new-kind">{pick("Kind", "Type")}</label>
                        <select id="az-new-kind" bind:value=kind on:change=move |_| edited()>
                            {[CreditKind::Monthly, CreditKind::Bulk]
                                .into_iter()
                                .map(|k| view! { <option value=kind_code(k)>{kind_label(k)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="az-new-amount">
                            {move || format!("{} ({})", pick("Amount per period", "Montant par période"), money.with(|c| c.code().to_string()))}
                        </label>
                        <input
                            id="az-new-amount"
                            type="text"
                            inputmode="decimal"
                            autocomplete="off"
                            aria-describedby="az-new-amount-preview az-new-amount-warning"
                            bind:value=amount
                            on:input=move |_| edited()
                        />
                        <p id="az-new-amount-preview" class="hint muted amount-preview" aria-live="polite">
                            {move || amount.with(|raw| money.with(|c| amount_preview(raw, c)))}
                        </p>
                        <p id="az-new-amount-warning" class="notice amount-warning" aria-live="polite" hidden=move || warning.with(Option::is_none)>
                            {move || warning.get()}
                        </p>
                    </div>
                    <div>
                        <label for="az-new-offer">{pick("Offer", "Offre")}</label>
                        <select id="az-new-offer" bind:value=offer>
                            {Offer::ALL
                                .into_iter()
                                .map(|o| view! { <option value=offer_code(o)>{offer_label(o)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="az-new-type">{pick("Benefit type", "Type d'avantage")}</label>
                        <select id="az-new-type" bind:value=benefit_type>
                            {BENEFIT_TYPES
                                .into_iter()
                                .map(|k| view! { <option value=benefit_type_code(k)>{benefit_type_label(k)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="az-new-expires">{pick("Expires on", "Expire le")}</label>
                        <input id="az-new-expires" type="date" bind:value=expires on:input=move |_| edited() />
                    </div>
                </div>
                <div class="button-row">
                    <button type="submit" class="button-primary">{pick("Add the credit", "Ajouter le crédit")}</button>
                </div>
                {move || problem.get().map(|p| view! { <p class="refusal" role="alert">{p}</p> })}
                <Refusal error=refusal />
                {move || added.get().map(|m| view! { <p class="success" role="status">{m}</p> })}
            </form>
        </details>
    }
}
