//! Visual Studio subscriptions (`/benefits/visual-studio`, R-VS-1, R-VS-2): who holds each
//! subscription, since when, and from when it can go to someone else; assign, reassign and
//! unassign; add the person to the directory first when they are missing; record the
//! subscriptions the membership gives, and remove one entered by mistake.
//!
//! Every click is a command; the engine accepts or refuses it and its refusal is shown next
//! to the button that was pressed.

use crate::browser;
use crate::components::common::{run, ConfirmButton, Refusal, RemoveRecordButton};
use crate::i18n::{self, format_date, pick};
use crate::nav::Area;
use crate::store::Store;
use crate::views::vs::{
    chosen_user, directory_choices, level_from_value, level_label, level_value, offer_from_value,
    offer_label, offer_value, read_whole, summary_text, vs_row, vs_summary, PersonChoice, VsRow,
};
use benefits_core::model::{Offer, UserDetails, UserKind, VsLevel};
use benefits_core::{Change, Command, DomainError, RecordRef, UserId, VsId};
use chrono::NaiveDate;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn VisualStudioPage() -> impl IntoView {
    browser::set_title(&i18n::page_title(Area::VisualStudio.name()));
    let store = Store::get();
    let today = browser::today();
    let people = Memo::new(move |_| store.doc.with(|d| directory_choices(d.workspace())));
    let ids = Memo::new(move |_| {
        store.doc.with(|d| {
            d.workspace()
                .visual_studio()
                .keys()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="page programs vs-page" aria-labelledby="page-title">
            <div class="page-header">
                <h1 id="page-title">{Area::VisualStudio.name()}</h1>
            </div>
                <p class="lead">
                    {pick(
                        "Assigning a subscription to a person of your directory activates it for them. A subscription can go to someone else once 90 days have passed since it was assigned.",
                        "Attribuer un abonnement à une personne de votre annuaire l'active pour elle. Un abonnement peut passer à quelqu'un d'autre une fois 90 jours écoulés depuis son attribution.",
                    )}
                </p>
                <p class="program-summary" data-field="vs-summary">
                    {move || summary_text(store.doc.with(|d| vs_summary(d.workspace())))}
                </p>
                <ul class="program-list" aria-label=pick("Visual Studio subscriptions", "Abonnements Visual Studio")>
                    <For each=move || ids.get() key=|id| id.clone() let:id>
                        <VsCard id=id today=today people=people.into() />
                    </For>
                </ul>
                <AddVsForm />
        </section>
    }
}

/// A labelled choice of a directory person. The chosen id is in `value` ("" = nobody).
#[component]
pub fn PersonSelect(
    /// The element id the label points at.
    #[prop(into)]
    id: String,
    /// The visible label.
    #[prop(into)]
    label: Signal<&'static str>,
    value: RwSignal<String>,
    people: Signal<Vec<PersonChoice>>,
) -> impl IntoView {
    let for_id = id.clone();
    view! {
        <label for=for_id>{move || label.get()}</label>
        <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
            <option value="" selected=move || value.with(String::is_empty)>
                {pick("Choose a person…", "Choisissez une personne…")}
            </option>
            {move || {
                let chosen = value.get();
                people
                    .get()
                    .into_iter()
                    .map(|p| {
                        let selected = p.id.as_str() == chosen;
                        view! {
                            <option value=p.id.to_string() selected=selected>
                                {p.label}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}

/// A sentence for a form's own problem (nothing chosen, a number that is not one), shown
/// where a refusal would be.
#[component]
pub fn FormProblem(problem: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        problem.get().map(|p| {
            view! { <p class="refusal" role="alert">{p}</p> }
        })
    }
}

/// Good news after an accepted command, announced politely. With `focus`, the message
/// takes the keyboard focus when it appears: for actions whose button goes away once done
/// (the focus would otherwise fall back to the top of the page).
#[component]
pub fn Done(message: RwSignal<Option<String>>, #[prop(optional)] focus: bool) -> impl IntoView {
    let node = NodeRef::<leptos::html::P>::new();
    if focus {
        Effect::new(move |_| {
            if message.with(Option::is_some) {
                if let Some(el) = node.get() {
                    let _ = el.focus();
                }
            }
        });
    }
    move || {
        message.get().map(|m| {
            view! { <p class="success" role="status" tabindex="-1" node_ref=node>{m}</p> }
        })
    }
}

fn date_view(d: NaiveDate) -> impl IntoView {
    view! { <time datetime=d.to_string()>{format_date(d)}</time> }
}

#[component]
fn VsCard(id: VsId, today: NaiveDate, people: Signal<Vec<PersonChoice>>) -> impl IntoView {
    let store = Store::get();
    let row = Memo::new({
        let id = id.clone();
        move |_| store.doc.with(|d| vs_row(d.workspace(), &id, today))
    });
    let assigned =
        Memo::new(move |_| row.with(|r| r.as_ref().is_some_and(|r| r.subscriber.is_some())));
    let choice = RwSignal::new(String::new());
    let assign_refusal = RwSignal::new(None::<DomainError>);
    let assign_problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let adding = RwSignal::new(false);
    let record_refusal = RwSignal::new(None::<DomainError>);
    let select_id = format!("vs-person-{id}");
    let heading_id = format!("vs-title-{id}");
    let card_id = id.to_string();
    let form_context = card_id.clone();
    let facts_heading = heading_id.clone();

    let assign = {
        let id = id.clone();
        move |user: UserId| {
            done.set(None);
            assign_problem.set(None);
            let was_assigned = assigned.get_untracked();
            if run(
                Command::AssignVisualStudio {
                    subscription: id.clone(),
                    user: user.clone(),
                },
                assign_refusal,
            ) {
                let name = store.doc.with_untracked(|d| d.workspace().user_name(&user));
                let text = if was_assigned {
                    pick("Reassigned to", "Réattribué à")
                } else {
                    pick("Assigned to", "Attribué à")
                };
                done.set(Some(format!("{text} {name}.")));
                choice.set(String::new());
            }
        }
    };
    let on_submit = {
        let assign = assign.clone();
        move |ev: SubmitEvent| {
            ev.prevent_default();
            match chosen_user(&choice.get_untracked()) {
                Ok(user) => assign(user),
                Err(p) => {
                    assign_refusal.set(None);
                    done.set(None);
                    assign_problem.set(Some(p));
                }
            }
        }
    };
    let on_added = Callback::new({
        let assign = assign.clone();
        move |user: UserId| {
            choice.set(user.to_string());
            adding.set(false);
            assign(user);
        }
    });

    let unassign_guard = Command::UnassignVisualStudio {
        subscription: id.clone(),
    };
    let unassign = {
        let id = id.clone();
        move || {
            done.set(None);
            if run(
                Command::UnassignVisualStudio {
                    subscription: id.clone(),
                },
                record_refusal,
            ) {
                done.set(Some(
                    pick(
                        "Unassigned: the subscription is free for someone else.",
                        "Attribution retirée : l'abonnement est libre pour quelqu'un d'autre.",
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
            "from the workspace? Only for a subscription recorded by mistake; this cannot be undone.",
            "de l'espace de travail ? Uniquement pour un abonnement enregistré par erreur ; c'est définitif.",
        )
    );
    let unassign_question = pick(
        "Take this subscription away from its subscriber? They lose access; it can then be assigned to someone else.",
        "Retirer cet abonnement à son titulaire ? Il en perd l'accès ; l'abonnement pourra ensuite être attribué à quelqu'un d'autre.",
    );

    view! {
        <li class="card program-card" data-vs=card_id.clone() aria-labelledby=heading_id>
            {move || row.get().map(|r| view! { <VsFacts row=r heading_id=facts_heading.clone() /> })}
            <form class="program-form" on:submit=on_submit>
                <div class="assign-row">
                <div class="form-row assign-field">
                    <PersonSelect
                        id=select_id
                        label=Signal::derive(move || {
                            if assigned.get() {
                                pick("Reassign to", "Réattribuer à")
                            } else {
                                pick("Assign to", "Attribuer à")
                            }
                        })
                        value=choice
                        people=people
                    />
                </div>
                <div class="button-row">
                    <button type="submit" class="button-primary">
                        {move || {
                            if assigned.get() {
                                pick("Reassign", "Réattribuer")
                            } else {
                                pick("Assign", "Attribuer")
                            }
                        }}
                    </button>
                    <button
                        type="button"
                        class="button-secondary"
                        aria-expanded=move || adding.get().to_string()
                        on:click=move |_| adding.update(|a| *a = !*a)
                    >
                        {pick("Add the user first", "Ajouter d'abord l'utilisateur")}
                    </button>
                </div>
                </div>
            </form>
            <FormProblem problem=assign_problem />
            <Refusal error=assign_refusal />
            <Show when=move || adding.get()>
                <AddUserForm
                    context=form_context.clone()
                    on_added=on_added
                    submit_label=Signal::derive(move || {
                        if assigned.get() {
                            pick("Add and reassign", "Ajouter et réattribuer")
                        } else {
                            pick("Add and assign", "Ajouter et attribuer")
                        }
                    })
                />
            </Show>
            <Done message=done focus=true />
            <div class="button-row program-secondary-actions">
                <Show when=move || assigned.get()>
                    <ConfirmButton
                        label=pick("Unassign", "Retirer l'attribution")
                        question=unassign_question
                        guard=unassign_guard.clone()
                        on_confirm=unassign.clone()
                    />
                </Show>
                <RemoveRecordButton
                    record=RecordRef::VisualStudio(id.clone())
                    label=pick("Remove", "Supprimer")
                    question=remove_question.clone()
                    refusal=record_refusal
                />
            </div>
            <Refusal error=record_refusal />
        </li>
    }
}

#[component]
fn VsFacts(row: VsRow, heading_id: String) -> impl IntoView {
    let badge = if row.subscriber.is_some() {
        view! { <span class="badge badge-ok">{pick("Assigned", "Attribué")}</span> }
    } else {
        view! { <span class="badge badge-off">{pick("Not assigned", "Non attribué")}</span> }
    };
    let subscriber = match &row.subscriber {
        Some(s) => {
            let reassign = match s.reassignable_from {
                Some(d) => {
                    let now = s.reassignable_now.then(|| {
                        view! { " " <span class="muted">{pick("(now)", "(dès maintenant)")}</span> }
                    });
                    view! { {date_view(d)} {now} }.into_any()
                }
                None => "—".into_any(),
            };
            view! {
                <div class="wide">
                    <dt>{pick("Subscriber", "Titulaire")}</dt>
                    <dd data-field="subscriber">
                        {s.name.clone()} " " <span class="muted">{s.email.clone()}</span>
                    </dd>
                </div>
                <div>
                    <dt>{pick("Assigned on", "Attribué le")}</dt>
                    <dd data-field="assigned-on">{date_view(s.assigned_on)}</dd>
                </div>
                <div>
                    <dt>{pick("Reassignable from", "Réattribuable à partir du")}</dt>
                    <dd data-field="reassignable-from">{reassign}</dd>
                </div>
            }
            .into_any()
        }
        None => view! {
            <div>
                <dt>{pick("Subscriber", "Titulaire")}</dt>
                <dd data-field="subscriber">{pick("Nobody yet", "Personne pour l'instant")}</dd>
            </div>
        }
        .into_any(),
    };
    view! {
        <div class="program-card-head">
            <h2 id=heading_id class="program-title">
                {level_label(row.level)} " " <span class="muted program-id">{row.id.to_string()}</span>
            </h2>
            {badge}
        </div>
        <dl class="facts">
            <div>
                <dt>{pick("Offer", "Offre")}</dt>
                <dd>{offer_label(row.offer)}</dd>
            </div>
            {subscriber}
        </dl>
    }
}

/// "Add the user first" (R-VS-1): a person missing from the directory is added (that needs
/// a User admin or Global admin: the engine decides), then `on_added` gets their new id.
#[component]
pub fn AddUserForm(
    /// Makes the field ids unique on the page.
    #[prop(into)]
    context: String,
    on_added: Callback<UserId>,
    #[prop(into)] submit_label: Signal<&'static str>,
) -> impl IntoView {
    let store = Store::get();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let kind = RwSignal::new("member".to_string());
    let refusal = RwSignal::new(None::<DomainError>);
    let name_id = format!("new-user-name-{context}");
    let email_id = format!("new-user-email-{context}");
    let kind_id = format!("new-user-kind-{context}");
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let details = UserDetails {
            name: name.get_untracked().trim().to_string(),
            email: email.get_untracked().trim().to_string(),
            kind: if kind.get_untracked() == "guest" {
                UserKind::Guest
            } else {
                UserKind::Member
            },
            roles: Default::default(),
        };
        if run(Command::AddUser { user: details }, refusal) {
            let added = store.doc.with_untracked(|d| {
                d.events().last().and_then(|e| match &e.change {
                    Change::UserAdded { user } => Some(user.id.clone()),
                    _ => None,
                })
            });
            if let Some(id) = added {
                on_added.run(id);
            }
        }
    };
    view! {
        <form class="card add-user-form" on:submit=on_submit>
            <h3>{pick("Add the user to the directory", "Ajouter l'utilisateur à l'annuaire")}</h3>
            <p class="muted">
                {pick(
                    "Adding people to the directory needs a User admin or a Global admin.",
                    "Ajouter des personnes à l'annuaire demande un administrateur des utilisateurs ou un administrateur général.",
                )}
            </p>
            <div class="form-grid">
                <div>
                    <label for=name_id.clone()>{pick("Name", "Nom")}</label>
                    <input id=name_id type="text" autocomplete="off" bind:value=name />
                </div>
                <div>
                    <label for=email_id.clone()>{pick("Email", "Adresse e-mail")}</label>
                    <input id=email_id type="email" autocomplete="off" bind:value=email />
                </div>
                <div>
                    <label for=kind_id.clone()>{pick("Member or guest", "Membre ou invité")}</label>
                    <select id=kind_id on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="member" selected=true>{pick("Member", "Membre")}</option>
                        <option value="guest">{pick("Guest", "Invité")}</option>
                    </select>
                </div>
            </div>
            <div class="button-row">
                <button type="submit" class="button-primary">{move || submit_label.get()}</button>
            </div>
            <Refusal error=refusal />
        </form>
    }
}

/// Data entry: the subscriptions the membership gives ("Enterprise × 3").
#[component]
fn AddVsForm() -> impl IntoView {
    let level = RwSignal::new(level_value(VsLevel::Enterprise).to_string());
    let quantity = RwSignal::new("1".to_string());
    let offer = RwSignal::new(offer_value(Offer::Silver).to_string());
    let refusal = RwSignal::new(None::<DomainError>);
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        done.set(None);
        let parsed = read_whole(&quantity.get_untracked(), "the quantity", "la quantité");
        let (Some(l), Some(o)) = (
            level_from_value(&level.get_untracked()),
            offer_from_value(&offer.get_untracked()),
        ) else {
            return;
        };
        match parsed {
            Err(p) => {
                refusal.set(None);
                problem.set(Some(p));
            }
            Ok(n) => {
                problem.set(None);
                if run(
                    Command::AddVisualStudioSubscriptions {
                        level: l,
                        quantity: n,
                        offer: o,
                    },
                    refusal,
                ) {
                    done.set(Some(format!(
                        "{} {n} × {}.",
                        pick("Added", "Ajouté :"),
                        level_label(l)
                    )));
                }
            }
        }
    };
    view! {
        <section class="section record-keeping" aria-labelledby="vs-add-title">
            <h2 id="vs-add-title">{pick("Add Visual Studio subscriptions", "Ajouter des abonnements Visual Studio")}</h2>
            <p class="muted">
                {pick(
                    "Record the subscriptions your membership gives, as Partner Center lists them.",
                    "Enregistrez les abonnements que donne votre adhésion, tels que Partner Center les liste.",
                )}
            </p>
            <form class="card" on:submit=on_submit>
                <div class="form-grid">
                    <div>
                        <label for="vs-add-level">{pick("Level", "Niveau")}</label>
                        <select id="vs-add-level" on:change=move |ev| level.set(event_target_value(&ev))>
                            {[VsLevel::Enterprise, VsLevel::Professional]
                                .into_iter()
                                .map(|l| {
                                    view! {
                                        <option value=level_value(l) selected=l == VsLevel::Enterprise>
                                            {level_label(l)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="vs-add-quantity">{pick("Quantity", "Quantité")}</label>
                        <input id="vs-add-quantity" type="number" min="1" step="1" inputmode="numeric" bind:value=quantity />
                    </div>
                    <div>
                        <label for="vs-add-offer">{pick("Offer", "Offre")}</label>
                        <select id="vs-add-offer" on:change=move |ev| offer.set(event_target_value(&ev))>
                            {Offer::ALL
                                .into_iter()
                                .map(|o| {
                                    view! {
                                        <option value=offer_value(o) selected=o == Offer::Silver>
                                            {offer_label(o)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                </div>
                <div class="button-row">
                    <button type="submit" class="button-primary">
                        {pick("Add subscriptions", "Ajouter les abonnements")}
                    </button>
                </div>
                <FormProblem problem=problem />
                <Refusal error=refusal />
                <Done message=done />
            </form>
        </section>
    }
}
