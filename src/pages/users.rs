//! Account settings (`/account/users`, R-DIR-1, R-AZ-5): the directory, adding and editing
//! users and their roles, disabling and enabling them, and recording the offers on their
//! Azure subscription. Every change is a command; every refusal (duplicate or invalid email,
//! the Global admin role's guard, the last Global admin) is the engine's, shown beside the
//! action.

use crate::browser;
use crate::components::common::{run, CopyButton, Refusal, TableScroll};
use crate::i18n::{self, pick, role_label, t, Msg};
use crate::nav::{Area, Record, USER_PARAM};
use crate::router::{navigate, Navigation};
use crate::store::Store;
use crate::views::activity_log::kind_label;
use crate::views::directory::{
    found, offer_id, offers_form_of, offers_from, UserForm, UserRow, KNOWN_OFFERS,
};
use benefits_core::model::DirectoryUser;
use benefits_core::{Command, DomainError, Permission, Role, UserId};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Rows drawn at first, and added by each "Show more".
const PAGE: usize = 200;

#[component]
pub fn UsersPage() -> impl IntoView {
    browser::set_title(&i18n::page_title(t(Msg::AreaAccountSettings)));
    let editing = RwSignal::new(None::<UserId>);
    let unknown = linked_user(editing);
    view! {
        <section class="page users-page" aria-labelledby="page-title">
            <h1 id="page-title">{t(Msg::AreaAccountSettings)}</h1>
            <p class="lead">
                {pick(
                    "The people of your organisation's directory, members and guests, and their roles. Global admins and User admins can add and edit users; only a Global admin can grant the Global admin role.",
                    "Les personnes de l'annuaire de votre organisation, membres et invités, et leurs rôles. Les administrateurs généraux et les administrateurs d'utilisateurs peuvent ajouter et modifier des utilisateurs ; seul un administrateur général peut attribuer le rôle d'administrateur général.",
                )}
            </p>
            {move || unknown.get().map(|id| view! {
                <p class="storage-banner" role="status" data-notice="unknown-record">
                    {match i18n::lang() {
                        i18n::Lang::En => format!("There is no user “{id}” in this directory: the link may be old, or the user was added in another browser."),
                        i18n::Lang::Fr => format!("Il n'y a pas d'utilisateur «\u{a0}{id}\u{a0}» dans cet annuaire\u{a0}: le lien est peut-être ancien, ou l'utilisateur a été ajouté dans un autre navigateur."),
                    }}
                </p>
            })}
            <AddUser />
            <Directory editing=editing />
        </section>
    }
}

/// The user whose details are open follows the address (`/account/users/user-3`, a link a
/// partner can send), and the address follows the user opened or closed here. Returns the
/// id of a linked user this directory does not hold, to say so.
fn linked_user(editing: RwSignal<Option<UserId>>) -> Memo<Option<String>> {
    let store = Store::get();
    let params = leptos_router::hooks::use_params_map();
    let linked = Memo::new(move |_| params.with(|p| p.get(USER_PARAM)));
    Effect::new(move |_| {
        let id = linked.get().map(UserId::new);
        let known = id.filter(|id| {
            store
                .doc
                .with_untracked(|d| d.workspace().user(id).is_some())
        });
        if editing.get_untracked() != known {
            editing.set(known);
        }
    });
    // Not on the first run: the address is what opened the page.
    Effect::new(move |first: Option<()>| {
        let open = editing.get();
        if first.is_none() {
            return;
        }
        let there = linked.get_untracked();
        if open.as_ref().map(UserId::as_str) != there.as_deref()
            && (open.is_some() || there.is_some())
        {
            let to = open.map_or_else(
                || Area::AccountSettings.path().to_string(),
                |id| Record::User(id.to_string()).path(),
            );
            navigate(
                &to,
                Navigation {
                    replace: false,
                    scroll: false,
                },
            );
        }
    });
    Memo::new(move |_| {
        linked.get().filter(|id| {
            store
                .doc
                .with(|d| d.workspace().user(&UserId::new(id.clone())).is_none())
        })
    })
}

/// The name, email, member/guest and roles fields, shared by "Add" and "Edit".
#[component]
fn UserFields(prefix: &'static str, form: RwSignal<UserForm>) -> impl IntoView {
    let id = move |field: &str| format!("{prefix}-{field}");
    view! {
        <div class="form-grid">
            <div>
                <label for=id("name")>{pick("Name", "Nom")}</label>
                <input
                    id=id("name")
                    type="text"
                    autocomplete="off"
                    prop:value=move || form.with(|f| f.name.clone())
                    on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))
                />
            </div>
            <div>
                <label for=id("email")>{pick("Email", "Adresse e-mail")}</label>
                <input
                    id=id("email")
                    type="email"
                    autocomplete="off"
                    prop:value=move || form.with(|f| f.email.clone())
                    on:input=move |ev| form.update(|f| f.email = event_target_value(&ev))
                />
            </div>
            <div>
                <label for=id("kind")>{pick("Member or guest", "Membre ou invité")}</label>
                <select
                    id=id("kind")
                    on:change=move |ev| form.update(|f| f.guest = event_target_value(&ev) == "guest")
                >
                    <option value="member" selected=move || !form.with(|f| f.guest)>
                        {pick("Member", "Membre")}
                    </option>
                    <option value="guest" selected=move || form.with(|f| f.guest)>
                        {pick("Guest", "Invité")}
                    </option>
                </select>
            </div>
        </div>
        <fieldset class="role-choices">
            <legend>{pick("Roles", "Rôles")}</legend>
            {Role::ALL
                .into_iter()
                .map(|role| {
                    let box_id = format!("{prefix}-role-{}", role.id());
                    view! {
                        <div class="check">
                            <input
                                type="checkbox"
                                id=box_id.clone()
                                prop:checked=move || form.with(|f| f.roles.contains(&role))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    form.update(|f| {
                                        if on {
                                            f.roles.insert(role);
                                        } else {
                                            f.roles.remove(&role);
                                        }
                                    });
                                }
                            />
                            <label for=box_id>{role_label(role)}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

#[component]
fn AddUser() -> impl IntoView {
    let form = RwSignal::new(UserForm::default());
    let refusal = RwSignal::new(None::<DomainError>);
    let added = RwSignal::new(None::<String>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let details = form.with_untracked(UserForm::details);
        let name = details.name.trim().to_string();
        if run(Command::AddUser { user: details }, refusal) {
            form.set(UserForm::default());
            added.set(Some(match i18n::lang() {
                i18n::Lang::En => format!("{name} was added to the directory."),
                i18n::Lang::Fr => format!("{name} a été ajouté à l'annuaire."),
            }));
        } else {
            added.set(None);
        }
    };
    view! {
        <section class="section card" aria-labelledby="add-user-title">
            <h2 id="add-user-title">{pick("Add a user", "Ajouter un utilisateur")}</h2>
            <form on:submit=on_submit novalidate>
                <UserFields prefix="add-user" form=form />
                <div class="button-row">
                    <button type="submit" class="button-primary">
                        {pick("Add user", "Ajouter l'utilisateur")}
                    </button>
                </div>
                <Refusal error=refusal />
                {move || added.get().map(|m| view! { <p class="success" role="status">{m}</p> })}
            </form>
        </section>
    }
}

#[component]
fn Directory(editing: RwSignal<Option<UserId>>) -> impl IntoView {
    let store = Store::get();
    let query = RwSignal::new(String::new());
    let limit = RwSignal::new(PAGE);
    let ids = Memo::new(move |_| {
        let q = query.get();
        store.doc.with(|d| found(d.workspace(), &q))
    });
    let rows = Memo::new(move |_| {
        let n = limit.get();
        ids.with(|ids| {
            store.doc.with(|d| {
                ids.iter()
                    .take(n)
                    .filter_map(|id| d.workspace().user(id).map(UserRow::of))
                    .collect::<Vec<_>>()
            })
        })
    });
    let total = Memo::new(move |_| store.doc.with(|d| d.workspace().users().len()));
    view! {
        <section class="section" aria-labelledby="directory-title">
            <h2 id="directory-title">{pick("Directory", "Annuaire")}</h2>
            <Show when=move || editing.with(Option::is_some)>
                <EditUser editing=editing />
            </Show>
            <div class="form-row">
                <label for="find-user">{pick("Find a user by name or email", "Trouver un utilisateur par nom ou adresse e-mail")}</label>
                <input
                    id="find-user"
                    type="search"
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        limit.set(PAGE);
                    }
                />
            </div>
            <p class="muted" aria-live="polite" data-count=move || ids.with(Vec::len)>
                {move || {
                    let found = ids.with(Vec::len);
                    let shown = found.min(limit.get());
                    let (f, s, all) = (
                        i18n::format_count(found as i64),
                        i18n::format_count(shown as i64),
                        i18n::format_count(total.get() as i64),
                    );
                    match i18n::lang() {
                        i18n::Lang::En if shown < found => format!("Showing {s} of {f} users found ({all} in the directory)."),
                        i18n::Lang::En => format!("{f} users found ({all} in the directory)."),
                        i18n::Lang::Fr if shown < found => format!("Affichage de {s} sur {f} utilisateurs trouvés ({all} dans l'annuaire)."),
                        i18n::Lang::Fr => format!("{f} utilisateurs trouvés ({all} dans l'annuaire)."),
                    }
                }}
            </p>
            <TableScroll label=pick("Directory", "Annuaire")>
                <table class="data-table directory-table">
                    <thead>
                        <tr>
                            <th scope="col">{pick("Name", "Nom")}</th>
                            <th scope="col">{pick("Email", "Adresse e-mail")}</th>
                            <th scope="col">{pick("Member or guest", "Membre ou invité")}</th>
                            <th scope="col">{pick("Roles", "Rôles")}</th>
                            <th scope="col">{pick("Status", "État")}</th>
                            <th scope="col">{pick("Azure offers", "Offres Azure")}</th>
                            <th scope="col">
                                <span class="visually-hidden">{pick("Actions", "Actions")}</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| r.clone() let:r>
                            <UserLine row=r editing=editing />
                        </For>
                    </tbody>
                </table>
            </TableScroll>
            <Show when=move || { ids.with(Vec::len) > limit.get() }>
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

#[component]
fn UserLine(row: UserRow, editing: RwSignal<Option<UserId>>) -> impl IntoView {
    let id = row.id.clone();
    let roles = row.roles_text();
    let status = if row.disabled {
        view! { <span class="badge badge-off">{pick("Disabled", "Désactivé")}</span> }
    } else {
        view! { <span class="badge badge-ok">{pick("Enabled", "Actif")}</span> }
    };
    let offers = if row.offers.is_empty() {
        pick("None recorded", "Aucune enregistrée").to_string()
    } else {
        row.offers.join(", ")
    };
    let edit_label = match i18n::lang() {
        i18n::Lang::En => format!("Edit {}", row.name),
        i18n::Lang::Fr => format!("Modifier {}", row.name),
    };
    view! {
        <tr data-user=row.id.to_string() class:row-disabled=row.disabled>
            <th scope="row">{row.name.clone()}</th>
            <td class="email" data-label=pick("Email", "Adresse e-mail")>{row.email.clone()}</td>
            <td data-label=pick("Member or guest", "Membre ou invité")>{kind_label(row.kind)}</td>
            <td data-label=pick("Roles", "Rôles")>{roles}</td>
            <td data-label=pick("Status", "État")>{status}</td>
            <td data-label=pick("Azure offers", "Offres Azure")>{offers}</td>
            <td class="actions">
                <button
                    type="button"
                    class="button-secondary"
                    aria-label=edit_label
                    on:click=move |_| {
                        editing.set(Some(id.clone()));
                        request_animation_frame(|| browser::focus_element("edit-user-title"));
                    }
                >
                    {pick("Edit", "Modifier")}
                </button>
            </td>
        </tr>
    }
}

/// The panel of one user: details and roles, enable/disable, Azure offers.
#[component]
fn EditUser(editing: RwSignal<Option<UserId>>) -> impl IntoView {
    let store = Store::get();
    let user = Memo::new(move |_| {
        editing
            .get()
            .and_then(|id| store.doc.with(|d| d.workspace().user(&id).cloned()))
    });
    let form = RwSignal::new(UserForm::default());
    let ticked = RwSignal::new(BTreeSet::<&'static str>::new());
    let other = RwSignal::new(String::new());
    let details_refusal = RwSignal::new(None::<DomainError>);
    let status_refusal = RwSignal::new(None::<DomainError>);
    let offers_refusal = RwSignal::new(None::<DomainError>);
    let saved = RwSignal::new(None::<String>);
    // The forms follow the chosen user (not every change to the workspace).
    Effect::new(move |previous: Option<Option<UserId>>| {
        let id = editing.get();
        if previous.as_ref() != Some(&id) {
            if let Some(u) = user.get_untracked() {
                form.set(UserForm::of(&u));
                let (t, o) = offers_form_of(&u);
                ticked.set(t);
                other.set(o);
            }
            details_refusal.set(None);
            status_refusal.set(None);
            offers_refusal.set(None);
            saved.set(None);
        }
        id
    });
    let said = move |en: &str, fr: &str| {
        saved.set(Some(
            match i18n::lang() {
                i18n::Lang::En => en,
                i18n::Lang::Fr => fr,
            }
            .to_string(),
        ))
    };
    let save_details = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = editing.get_untracked() else {
            return;
        };
        let details = form.with_untracked(UserForm::details);
        if run(Command::EditUser { user: id, details }, details_refusal) {
            said(
                "The details were saved.",
                "Les informations ont été enregistrées.",
            );
        } else {
            saved.set(None);
        }
    };
    let toggle = move |_| {
        let Some(u) = user.get_untracked() else {
            return;
        };
        let command = if u.disabled {
            Command::EnableUser { user: u.id.clone() }
        } else {
            Command::DisableUser { user: u.id.clone() }
        };
        if run(command, status_refusal) {
            if u.disabled {
                said("The account was enabled.", "Le compte a été réactivé.");
            } else {
                said("The account was disabled.", "Le compte a été désactivé.");
            }
        } else {
            saved.set(None);
        }
    };
    let save_offers = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = editing.get_untracked() else {
            return;
        };
        let offers = ticked.with_untracked(|t| other.with_untracked(|o| offers_from(t, o)));
        if run(
            Command::SetUserAzureOffers { user: id, offers },
            offers_refusal,
        ) {
            said(
                "The Azure offers were recorded.",
                "Les offres Azure ont été enregistrées.",
            );
        } else {
            saved.set(None);
        }
    };
    view! {
        <div class="card edit-user" role="region" aria-labelledby="edit-user-title">
            {move || {
                user.get()
                    .map(|u| {
                        let title = match i18n::lang() {
                            i18n::Lang::En => format!("Edit {}", u.name),
                            i18n::Lang::Fr => format!("Modifier {}", u.name),
                        };
                        view! { <h3 id="edit-user-title" tabindex="-1">{title}</h3> }
                    })
            }}
            <form on:submit=save_details novalidate>
                <UserFields prefix="edit-user" form=form />
                <div class="button-row">
                    <button type="submit" class="button-primary">
                        {pick("Save details", "Enregistrer les informations")}
                    </button>
                </div>
                <Refusal error=details_refusal />
            </form>
            <div class="edit-user-status">
                <h4>{pick("Account", "Compte")}</h4>
                <div class="button-row">
                    <button type="button" class="button-secondary" on:click=toggle>
                        {move || {
                            if user.with(|u| u.as_ref().is_some_and(|u| u.disabled)) {
                                pick("Enable this account", "Réactiver ce compte")
                            } else {
                                pick("Disable this account", "Désactiver ce compte")
                            }
                        }}
                    </button>
                </div>
                <Refusal error=status_refusal />
            </div>
            {store.is_shared().then(|| view! { <Invite user=user /> })}
            <form class="edit-user-offers" on:submit=save_offers novalidate>
                <fieldset>
                    <legend>
                        {pick(
                            "Offers already on this user's Azure subscription",
                            "Offres déjà présentes sur l'abonnement Azure de cet utilisateur",
                        )}
                    </legend>
                    <p class="muted">
                        {pick(
                            "Azure bulk credit cannot be combined with any of these.",
                            "Le crédit Azure en bloc ne se cumule avec aucune de ces offres.",
                        )}
                    </p>
                    <div class="offer-choices">
                    {KNOWN_OFFERS
                        .iter()
                        .map(|offer| {
                            let key = offer_id(offer);
                            let box_id = format!("offer-{key}");
                            view! {
                                <div class="check">
                                    <input
                                        type="checkbox"
                                        id=box_id.clone()
                                        prop:checked=move || ticked.with(|t| t.contains(key))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            ticked.update(|t| {
                                                if on {
                                                    t.insert(key);
                                                } else {
                                                    t.remove(key);
                                                }
                                            });
                                        }
                                    />
                                    <label for=box_id>{offer.label().to_string()}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                    </div>
                    <div class="form-row">
                        <label for="offer-other">
                            {pick(
                                "Other licensing, prepaid or credit offers (separate with commas)",
                                "Autres offres de licence, prépayées ou de crédit (séparées par des virgules)",
                            )}
                        </label>
                        <input
                            id="offer-other"
                            type="text"
                            prop:value=move || other.get()
                            on:input=move |ev| other.set(event_target_value(&ev))
                        />
                    </div>
                </fieldset>
                <div class="button-row">
                    <button type="submit" class="button-secondary">
                        {pick("Record these offers", "Enregistrer ces offres")}
                    </button>
                </div>
                <Refusal error=offers_refusal />
            </form>
            {move || saved.get().map(|m| view! { <p class="success" role="status">{m}</p> })}
            <div class="button-row">
                <button type="button" class="button-secondary" on:click=move |_| editing.set(None)>
                    {pick("Close", "Fermer")}
                </button>
            </div>
        </div>
    }
}

/// Shared mode: "Invite" makes a link with which the person chooses a password and signs
/// in (R-API-3). Only a Global admin or a User admin may (core's `check_permission`, the
/// row the server applies too): for anyone else the refusal stands in place of the button.
#[component]
fn Invite(user: Memo<Option<DirectoryUser>>) -> impl IntoView {
    let store = Store::get();
    let link = RwSignal::new(None::<(String, String)>);
    let refusal = RwSignal::new(None::<DomainError>);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // A new person's panel starts without the previous person's link.
    Effect::new(move |previous: Option<Option<UserId>>| {
        let id = user.with(|u| u.as_ref().map(|u| u.id.clone()));
        if previous.is_some_and(|p| p != id) {
            link.set(None);
            refusal.set(None);
            problem.set(None);
        }
        id
    });
    let not_allowed = Memo::new(move |_| {
        let actor = store.actor.get();
        store.doc.with(|d| {
            d.workspace()
                .check_permission(
                    &actor,
                    Permission::ManageDirectory,
                    "invite people to sign in",
                )
                .err()
        })
    });
    let invite = move |_| {
        let Some(u) = user.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        refusal.set(None);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let Some(sync) = crate::sync_client::installed() else {
                busy.set(false);
                return;
            };
            let result = (sync.invite)(store, u.id.clone()).await;
            busy.set(false);
            match result {
                Ok(invitation) => {
                    let origin = window().location().origin().unwrap_or_default();
                    let address = format!(
                        "{origin}{}#{}",
                        crate::router::href(crate::nav::INVITATION_PATH),
                        invitation.token
                    );
                    let until = invitation
                        .expires_at
                        .get(..10)
                        .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
                        .map(i18n::format_date)
                        .unwrap_or(invitation.expires_at);
                    link.set(Some((address, until)));
                }
                Err(crate::sync_client::InviteProblem::Refused(e)) => refusal.set(Some(e)),
                Err(crate::sync_client::InviteProblem::Unreachable) => problem.set(Some(
                    pick(
                        "The server cannot be reached: an invitation needs the connection. Try again once online.",
                        "Le serveur est injoignable : une invitation nécessite la connexion. Réessayez une fois en ligne.",
                    )
                    .to_string(),
                )),
                Err(crate::sync_client::InviteProblem::SignedOut) => {}
                Err(crate::sync_client::InviteProblem::Other(words)) => problem.set(Some(words)),
            }
        });
    };
    view! {
        <div class="edit-user-invite">
            <h4>{pick("Invitation to sign in", "Invitation à se connecter")}</h4>
            <p class="muted">
                {pick(
                    "An invitation link lets this person choose a password and sign in. It works once, within 7 days; a new link replaces the previous one.",
                    "Un lien d'invitation permet à cette personne de choisir un mot de passe et de se connecter. Il sert une fois, dans les 7 jours ; un nouveau lien remplace le précédent.",
                )}
            </p>
            {move || match not_allowed.get() {
                Some(e) => {
                    view! {
                        <p class="refusal" data-code=e.code.as_str()>
                            {i18n::refusal(&e)}
                        </p>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <div class="button-row">
                            <button
                                type="button"
                                class="button-secondary"
                                aria-disabled=move || busy.get().to_string()
                                on:click=invite
                            >
                                {pick("Invite", "Inviter")}
                            </button>
                        </div>
                    }
                        .into_any()
                }
            }}
            <Refusal error=refusal />
            {move || problem.get().map(|p| view! { <p class="refusal" role="alert">{p}</p> })}
            {move || {
                link.get()
                    .map(|(address, until)| {
                        let name = user.with_untracked(|u| u.as_ref().map(|u| u.name.clone()).unwrap_or_default());
                        let label = match i18n::lang() {
                            i18n::Lang::En => format!("Invitation link for {name}, to send them; it works until {until}"),
                            i18n::Lang::Fr => format!("Lien d'invitation pour {name}, à lui envoyer ; il fonctionne jusqu'au {until}"),
                        };
                        let text = address.clone();
                        view! {
                            <div class="invitation-link" role="status">
                                <label for="invitation-link">{label}</label>
                                <div class="copy-row">
                                    <input id="invitation-link" type="text" readonly=true prop:value=address />
                                    <CopyButton
                                        text=Signal::derive(move || text.clone())
                                        label=pick("Copy the invitation link", "Copier le lien d'invitation")
                                    />
                                </div>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
