//! Go-To-Market offers (`/benefits/go-to-market`, R-GTM-1..3): the company's marketing
//! contact, the offers with their status of the day (not activated, pending, active until
//! their expiry, expired after), activation and the recording of what Partner Center
//! reports; record the offers the membership gives and remove one entered by mistake.
//!
//! No offer can be activated before a marketing contact is assigned (R-GTM-2): the engine
//! refuses it; the page says so before the click, from the state (no contact set yet).

use crate::browser;
use crate::components::common::{run, Refusal, RemoveRecordButton};
use crate::i18n::{self, format_date, pick};
use crate::nav::Area;
use crate::pages::visual_studio::{Done, FormProblem, PersonSelect};
use crate::store::Store;
use crate::views::gtm::{
    contact_view, email_after_choosing, gtm_row, language_label, offers_activation,
    read_activation, status_badge, ContactForm, ContactView, GtmRow, LANGUAGES,
};
use crate::views::vs::directory_choices;
use benefits_core::model::GtmStatus;
use benefits_core::{Command, DomainError, GtmId, RecordRef, UserId};
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn GoToMarketPage() -> impl IntoView {
    browser::set_title(&i18n::page_title(Area::GoToMarket.name()));
    let store = Store::get();
    let today = browser::today();
    let contact = Memo::new(move |_| store.doc.with(|d| contact_view(d.workspace())));
    let ids = Memo::new(move |_| {
        store.doc.with(|d| {
            d.workspace()
                .gtm_offers()
                .keys()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="page programs gtm-page" aria-labelledby="page-title">
            <div class="page-header">
                <h1 id="page-title">{Area::GoToMarket.name()}</h1>
            </div>
                <p class="lead">
                    {pick(
                        "Go-To-Market offers help you market and sell with Microsoft. Assign a marketing contact first: no offer can be activated before one is set.",
                        "Les offres Go-To-Market vous aident à commercialiser et vendre avec Microsoft. Désignez d'abord un contact marketing : aucune offre ne peut être activée avant.",
                    )}
                </p>
                <MarketingContactSection contact=contact />
                <section class="section" aria-labelledby="gtm-offers-title">
                    <h2 id="gtm-offers-title">{pick("Offers", "Offres")}</h2>
                    <Show when=move || contact.with(Option::is_none)>
                        <p class="notice" data-field="no-contact-note">
                            {pick(
                                "No marketing contact is set yet, so activating an offer will be refused. Set the marketing contact above first.",
                                "Aucun contact marketing n'est encore désigné : l'activation d'une offre sera donc refusée. Désignez d'abord le contact marketing ci-dessus.",
                            )}
                        </p>
                    </Show>
                    <Show when=move || contact.with(|c| c.as_ref().is_some_and(|c| c.user_disabled))>
                        <p class="notice" data-field="disabled-contact-note">
                            {pick(
                                "The marketing contact is no longer an enabled directory user, so activating an offer will be refused. Choose another marketing contact above.",
                                "Le contact marketing n'est plus un utilisateur actif de l'annuaire : l'activation d'une offre sera donc refusée. Choisissez un autre contact marketing ci-dessus.",
                            )}
                        </p>
                    </Show>
                    <Show when=move || ids.with(Vec::is_empty)>
                        <p class="muted">
                            {pick(
                                "No Go-To-Market offers are recorded yet.",
                                "Aucune offre Go-To-Market n'est encore enregistrée.",
                            )}
                        </p>
                    </Show>
                    <ul class="program-list" aria-label=pick("Go-To-Market offers", "Offres Go-To-Market")>
                        <For each=move || ids.get() key=|id| id.clone() let:id>
                            <GtmCard id=id today=today />
                        </For>
                    </ul>
                </section>
                <AddGtmForm />
        </section>
    }
}

#[component]
fn MarketingContactSection(contact: Memo<Option<ContactView>>) -> impl IntoView {
    let store = Store::get();
    let people = Memo::new(move |_| store.doc.with(|d| directory_choices(d.workspace())));
    let first = ContactForm::from_contact(contact.get_untracked().as_ref());
    let user = RwSignal::new(first.user);
    let email = RwSignal::new(first.email);
    let phone = RwSignal::new(first.phone);
    let language = RwSignal::new(first.language);
    let refusal = RwSignal::new(None::<DomainError>);
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);

    // Choosing a person fills in their directory email, unless another one was typed.
    let email_of = move |id: &str| {
        store.doc.with_untracked(|d| {
            d.workspace()
                .user(&UserId::new(id))
                .map(|u| u.email.clone())
        })
    };
    let previous_user = StoredValue::new(user.get_untracked());
    Effect::new(move |_| {
        let now = user.get();
        let before = previous_user.get_value();
        if now != before {
            let next = email_after_choosing(
                &email.get_untracked(),
                email_of(&before).as_deref(),
                email_of(&now).as_deref(),
            );
            email.set(next);
            previous_user.set_value(now);
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let form = ContactForm {
            user: user.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            language: language.get_untracked(),
        };
        match form.read() {
            Err(p) => {
                refusal.set(None);
                problem.set(Some(p));
            }
            Ok(c) => {
                problem.set(None);
                if run(Command::SetMarketingContact { contact: c }, refusal) {
                    done.set(Some(
                        pick(
                            "The marketing contact is saved.",
                            "Le contact marketing est enregistré.",
                        )
                        .to_string(),
                    ));
                }
            }
        }
    };

    view! {
        <section class="section" aria-labelledby="gtm-contact-title">
            <h2 id="gtm-contact-title">{pick("Marketing contact", "Contact marketing")}</h2>
            <div class="card" data-field="current-contact">
                {move || match contact.get() {
                    None => view! {
                        <p class="muted">{pick("No marketing contact is set yet.", "Aucun contact marketing n'est encore désigné.")}</p>
                    }
                        .into_any(),
                    Some(c) => view! {
                        <dl class="facts facts-flow">
                            <div>
                                <dt>{pick("Person", "Personne")}</dt>
                                <dd data-field="contact-name">
                                    {c.name.clone()}
                                    {c.user_disabled.then(|| view! {
                                        " " <span class="badge badge-danger">{pick("disabled", "désactivé")}</span>
                                    })}
                                </dd>
                            </div>
                            <div class="wide">
                                <dt>{pick("Email", "Adresse e-mail")}</dt>
                                <dd data-field="contact-email">{c.email.clone()}</dd>
                            </div>
                            <div>
                                <dt>{pick("Phone", "Téléphone")}</dt>
                                <dd data-field="contact-phone">{c.phone.clone()}</dd>
                            </div>
                            <div>
                                <dt>{pick("Preferred language", "Langue préférée")}</dt>
                                <dd data-field="contact-language">{language_label(&c.language)}</dd>
                            </div>
                        </dl>
                    }
                        .into_any(),
                }}
            </div>
            <form class="card program-form" on:submit=on_submit aria-labelledby="gtm-contact-form-title">
                <h3 id="gtm-contact-form-title">
                    {move || {
                        if contact.with(Option::is_some) {
                            pick("Change the marketing contact", "Changer le contact marketing")
                        } else {
                            pick("Set the marketing contact", "Désigner le contact marketing")
                        }
                    }}
                </h3>
                <div class="form-grid">
                    <div class="form-wide">
                        <PersonSelect
                            id="gtm-contact-user"
                            label=pick("Person", "Personne")
                            value=user
                            people=people.into()
                        />
                    </div>
                    <div class="form-wide">
                        <label for="gtm-contact-email">{pick("Email", "Adresse e-mail")}</label>
                        <input id="gtm-contact-email" type="email" autocomplete="off" aria-describedby="gtm-contact-email-hint" bind:value=email />
                        <p id="gtm-contact-email-hint" class="field-hint">
                            {pick(
                                "The person's own address, not the company's Partner Center account email.",
                                "L'adresse de la personne, pas celle du compte Partner Center de l'entreprise.",
                            )}
                        </p>
                    </div>
                    <div>
                        <label for="gtm-contact-phone">{pick("Phone", "Téléphone")}</label>
                        <input id="gtm-contact-phone" type="tel" autocomplete="off" bind:value=phone />
                    </div>
                    <div>
                        <label for="gtm-contact-language">{pick("Preferred language", "Langue préférée")}</label>
                        <select id="gtm-contact-language" on:change=move |ev| language.set(event_target_value(&ev))>
                            {move || {
                                let chosen = language.get();
                                let known = LANGUAGES.iter().any(|(en, _)| *en == chosen);
                                let extra = (!known && !chosen.is_empty()).then(|| {
                                    view! { <option value=chosen.clone() selected=true>{chosen.clone()}</option> }
                                });
                                view! {
                                    {extra}
                                    {LANGUAGES
                                        .iter()
                                        .map(|(en, fr)| {
                                            view! {
                                                <option value=*en selected=*en == chosen>{pick(en, fr)}</option>
                                            }
                                        })
                                        .collect_view()}
                                }
                            }}
                        </select>
                    </div>
                </div>
                <div class="button-row">
                    <button type="submit" class="button-primary">
                        {pick("Save the marketing contact", "Enregistrer le contact marketing")}
                    </button>
                </div>
                <FormProblem problem=problem />
                <Refusal error=refusal />
                <Done message=done />
            </form>
        </section>
    }
}

fn date_view(d: NaiveDate) -> impl IntoView {
    view! { <time datetime=d.to_string()>{format_date(d)}</time> }
}

#[component]
fn GtmCard(id: GtmId, today: NaiveDate) -> impl IntoView {
    let store = Store::get();
    let row = Memo::new({
        let id = id.clone();
        move |_| store.doc.with(|d| gtm_row(d.workspace(), &id, today))
    });
    let status = Memo::new(move |_| row.with(|r| r.as_ref().map(|r| r.status)));
    let action_refusal = RwSignal::new(None::<DomainError>);
    let record_refusal = RwSignal::new(None::<DomainError>);
    let done = RwSignal::new(None::<String>);
    let card_id = id.to_string();
    let heading_id = format!("gtm-title-{id}");
    let facts_heading = heading_id.clone();

    let activate = {
        let id = id.clone();
        move |_| {
            done.set(None);
            if run(
                Command::ActivateGtmOffer { offer: id.clone() },
                action_refusal,
            ) {
                done.set(Some(
                    pick(
                        "Activation requested: it takes several days. Record the activation once Partner Center shows it.",
                        "Activation demandée : elle prend plusieurs jours. Enregistrez l'activation dès que Partner Center l'affiche.",
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
            "from the workspace? Only for an offer recorded by mistake; this cannot be undone.",
            "de l'espace de travail ? Uniquement pour une offre enregistrée par erreur ; c'est définitif.",
        )
    );

    view! {
        <li class="card program-card" data-gtm=card_id.clone() aria-labelledby=heading_id>
            {move || row.get().map(|r| view! { <GtmFacts row=r heading_id=facts_heading.clone() /> })}
            <Done message=done focus=true />
            {
                let id = id.clone();
                let card_id = card_id.clone();
                move || match status.get() {
                    Some(s) if offers_activation(s) => view! {
                        <div class="button-row">
                            <button type="button" class="button-primary" on:click=activate.clone()>
                                {if s == GtmStatus::Expired {
                                    pick("Activate again", "Activer de nouveau")
                                } else {
                                    pick("Activate", "Activer")
                                }}
                            </button>
                        </div>
                        <Refusal error=action_refusal />
                    }
                        .into_any(),
                    Some(GtmStatus::Pending) => view! {
                        <RecordActivationForm id=id.clone() card_id=card_id.clone() today=today done=done />
                    }
                        .into_any(),
                    _ => ().into_any(),
                }
            }
            <div class="button-row program-secondary-actions">
                <RemoveRecordButton
                    record=RecordRef::GtmOffer(id.clone())
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
fn GtmFacts(row: GtmRow, heading_id: String) -> impl IntoView {
    let (badge, class) = status_badge(&row);
    let requested = row.requested.clone().map(|(on, by)| {
        view! {
            <div>
                <dt>{pick("Requested", "Demandée")}</dt>
                <dd>{date_view(on)} " " {pick("by", "par")} " " {by}</dd>
            </div>
        }
    });
    let active = row.active.map(|(on, until)| {
        view! {
            <div>
                <dt>{pick("Activated on", "Activée le")}</dt>
                <dd>{date_view(on)}</dd>
            </div>
            <div>
                <dt>{pick("Usable until", "Utilisable jusqu'au")}</dt>
                <dd data-field="expires-on">{date_view(until)}</dd>
            </div>
        }
    });
    view! {
        <div class="program-card-head">
            <h2 id=heading_id class="program-title">
                {row.name.clone()} " " <span class="muted program-id">{row.id.to_string()}</span>
            </h2>
            <span class=class data-field="status">{badge}</span>
        </div>
        {(requested.is_some() || active.is_some()).then(|| view! { <dl class="facts">{requested}{active}</dl> })}
    }
}

/// What Partner Center reports once the offer is active (R-GTM-3).
#[component]
fn RecordActivationForm(
    id: GtmId,
    card_id: String,
    today: NaiveDate,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let activated = RwSignal::new(today.to_string());
    let expires = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<DomainError>);
    let problem = RwSignal::new(None::<String>);
    let activated_id = format!("gtm-activated-{card_id}");
    let expires_id = format!("gtm-expires-{card_id}");
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        match read_activation(&activated.get_untracked(), &expires.get_untracked()) {
            Err(p) => {
                refusal.set(None);
                problem.set(Some(p));
            }
            Ok((on, until)) => {
                problem.set(None);
                if run(
                    Command::RecordGtmOfferActivated {
                        offer: id.clone(),
                        activated_on: on,
                        expires_on: until,
                    },
                    refusal,
                ) {
                    done.set(Some(format!(
                        "{} {}.",
                        pick("Recorded: active until", "Enregistré : active jusqu'au"),
                        format_date(until)
                    )));
                }
            }
        }
    };
    view! {
        <form class="program-form" on:submit=on_submit>
            <h3>{pick("Record activation", "Enregistrer l'activation")}</h3>
            <p class="muted">
                {pick(
                    "When Partner Center shows the offer as active, record the day it was activated and its expiry date (the last day it can be used).",
                    "Quand Partner Center affiche l'offre comme active, enregistrez le jour de son activation et sa date d'expiration (le dernier jour d'utilisation).",
                )}
            </p>
            <div class="form-grid">
                <div>
                    <label for=activated_id.clone()>{pick("Activated on", "Activée le")}</label>
                    <input id=activated_id type="date" bind:value=activated />
                </div>
                <div>
                    <label for=expires_id.clone()>{pick("Expires on", "Expire le")}</label>
                    <input id=expires_id type="date" bind:value=expires />
                </div>
            </div>
            <div class="button-row">
                <button type="submit" class="button-primary">{pick("Record activation", "Enregistrer l'activation")}</button>
            </div>
            <FormProblem problem=problem />
            <Refusal error=refusal />
        </form>
    }
}

/// Data entry: a Go-To-Market offer the membership gives.
#[component]
fn AddGtmForm() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<DomainError>);
    let done = RwSignal::new(None::<String>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let typed = name.get_untracked().trim().to_string();
        if run(
            Command::AddGtmOffer {
                name: typed.clone(),
            },
            refusal,
        ) {
            name.set(String::new());
            done.set(Some(format!("{} {typed}.", pick("Added:", "Ajoutée :"))));
        }
    };
    view! {
        <section class="section record-keeping" aria-labelledby="gtm-add-title">
            <h2 id="gtm-add-title">{pick("Add a Go-To-Market offer", "Ajouter une offre Go-To-Market")}</h2>
            <form class="card" on:submit=on_submit>
                <div class="form-row">
                    <label for="gtm-add-name">{pick("Offer name", "Nom de l'offre")}</label>
                    <input id="gtm-add-name" type="text" autocomplete="off" placeholder="Gold Core" bind:value=name />
                </div>
                <div class="button-row">
                    <button type="submit" class="button-primary">{pick("Add the offer", "Ajouter l'offre")}</button>
                </div>
                <Refusal error=refusal />
                <Done message=done />
            </form>
        </section>
    }
}
