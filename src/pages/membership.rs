//! Membership (`/benefits`, R-MEM-1, R-MEM-2): the organisation in a few lines, its benefit
//! packages with purchase date and state, buying a package, requesting a cancellation (the
//! engine grants it within the window and before any software is activated, or says why
//! not), and the way to each area.

use crate::browser;
use crate::components::common::{run, ConfirmButton, Refusal};
use crate::i18n::{self, format_date, pick, t, Msg};
use crate::nav::Area;
use crate::router::Link;
use crate::store::Store;
use crate::views::membership::{
    facts, offer_from_id, offer_id, offer_label, packages, PackageRow, PackageState, PurchaseForm,
};
use benefits_core::model::{Offer, CANCELLATION_WINDOW_DAYS};
use benefits_core::{Command, DomainError};
use leptos::prelude::*;

#[component]
pub fn MembershipPage() -> impl IntoView {
    browser::set_title(&i18n::page_title(t(Msg::AreaMembership)));
    let store = Store::get();
    let summary = Memo::new(move |_| store.doc.with(|d| facts(d.workspace())));
    let today = browser::today();
    let rows = Memo::new(move |_| store.doc.with(|d| packages(d.workspace(), today)));
    view! {
        <section class="page membership-page" aria-labelledby="page-title">
            <h1 id="page-title">{t(Msg::AreaMembership)}</h1>
            <p class="lead">
                {pick(
                    "Your organisation's membership of the Microsoft Partner Network, its benefit packages, and the way to each area of benefits.",
                    "L'adhésion de votre organisation au Microsoft Partner Network, ses forfaits d'avantages, et l'accès à chaque espace d'avantages.",
                )}
            </p>
            <section class="section card" aria-labelledby="org-title">
                <h2 id="org-title">{pick("Organisation", "Organisation")}</h2>
                <dl class="facts">
                    {move || {
                        summary
                            .get()
                            .into_iter()
                            .map(|f| {
                                view! {
                                    <div class="fact" data-fact=f.key>
                                        <dt>{f.label}</dt>
                                        <dd>{f.value}</dd>
                                    </div>
                                }
                            })
                            .collect_view()
                    }}
                </dl>
                <p class="org-edit-link">
                    <Link href="/settings#organisation">
                        {pick("Change the organisation's details", "Modifier les informations de l'organisation")}
                    </Link>
                </p>
            </section>
            <section class="section" aria-labelledby="packages-title">
                <h2 id="packages-title">{pick("Benefit packages", "Forfaits d'avantages")}</h2>
                <p class="muted">
                    {match i18n::lang() {
                        i18n::Lang::En => format!("A package can be cancelled with a refund within {CANCELLATION_WINDOW_DAYS} days of its purchase, as long as none of its software benefits has been activated (revealing keys activates them)."),
                        i18n::Lang::Fr => format!("Un forfait peut être annulé avec remboursement dans les {CANCELLATION_WINDOW_DAYS} jours suivant son achat, tant qu'aucun de ses avantages logiciels n'a été activé (afficher les clés les active)."),
                    }}
                </p>
                <Show
                    when=move || rows.with(|r| !r.is_empty())
                    fallback=|| view! { <p>{pick("No package has been purchased yet.", "Aucun forfait n'a encore été acheté.")}</p> }
                >
                    <ul class="package-list">
                        <For each=move || rows.get() key=|r| r.clone() let:row>
                            <PackageItem row=row />
                        </For>
                    </ul>
                </Show>
                <Purchase />
            </section>
            <AreaLinks />
        </section>
    }
}

#[component]
fn PackageItem(row: PackageRow) -> impl IntoView {
    let refusal = RwSignal::new(None::<DomainError>);
    let id = row.id.clone();
    let title_id = format!("package-{}", row.id);
    let labelled_by = title_id.clone();
    let purchased = match i18n::lang() {
        i18n::Lang::En => format!(
            "Purchased on {} by {}",
            format_date(row.purchased_on),
            row.purchased_by
        ),
        i18n::Lang::Fr => format!(
            "Acheté le {} par {}",
            format_date(row.purchased_on),
            row.purchased_by
        ),
    };
    let state = match &row.state {
        PackageState::Active => view! {
            <span class="badge badge-ok">{pick("Active", "Actif")}</span>
        }
        .into_any(),
        PackageState::CancellationRequested { .. } => view! {
            <span class="badge badge-pending">
                {pick("Cancellation requested", "Annulation demandée")}
            </span>
        }
        .into_any(),
    };
    let detail = match &row.state {
        PackageState::CancellationRequested {
            service_request,
            on,
            by,
        } => match i18n::lang() {
            i18n::Lang::En => format!(
                "Cancellation requested on {} by {by} (service request {service_request}).",
                format_date(*on)
            ),
            i18n::Lang::Fr => format!(
                "Annulation demandée le {} par {by} (demande de service {service_request}).",
                format_date(*on)
            ),
        },
        PackageState::Active => match (row.window_last_day, row.window_open, i18n::lang()) {
            (Some(last), true, i18n::Lang::En) => format!(
                "Cancellation with a refund can be requested until {}.",
                format_date(last)
            ),
            (Some(last), true, i18n::Lang::Fr) => format!(
                "L'annulation avec remboursement peut être demandée jusqu'au {}.",
                format_date(last)
            ),
            (Some(last), false, i18n::Lang::En) => format!(
                "The window for a cancellation with a refund ended on {}.",
                format_date(last)
            ),
            (Some(last), false, i18n::Lang::Fr) => format!(
                "Le délai d'annulation avec remboursement a pris fin le {}.",
                format_date(last)
            ),
            (None, _, _) => String::new(),
        },
    };
    let software = (!row.software.is_empty()).then(|| {
        let items = row
            .software
            .iter()
            .map(|(name, activated)| {
                let what = if *activated {
                    pick("activated (keys revealed)", "activé (clés affichées)")
                } else {
                    pick("not activated", "non activé")
                };
                format!("{name}: {what}")
            })
            .collect::<Vec<_>>()
            .join("; ");
        view! {
            <p class="muted">
                {pick("Software: ", "Logiciels : ")} {items}
            </p>
        }
    });
    let cancellable = row.state == PackageState::Active;
    let question = match i18n::lang() {
        i18n::Lang::En => format!(
            "Request the cancellation of {} with a refund? This cannot be undone.",
            row.name
        ),
        i18n::Lang::Fr => format!(
            "Demander l'annulation de {} avec remboursement ? C'est irréversible.",
            row.name
        ),
    };
    view! {
        <li class="card package" data-package=row.id.to_string() aria-labelledby=labelled_by>
            <div class="package-head">
                <h3 id=title_id>{row.name.clone()}</h3>
                {state}
            </div>
            <p>
                {offer_label(row.offer)} " · " {purchased}
            </p>
            {software}
            <p class="package-window">{detail}</p>
            {cancellable
                .then(|| {
                    view! {
                        <ConfirmButton
                            label=pick("Request cancellation", "Demander l'annulation")
                            question=question
                            guard=Command::RequestPackageCancellation { package: id.clone() }
                            upfront=true
                            on_confirm=move || {
                                run(Command::RequestPackageCancellation { package: id.clone() }, refusal);
                            }
                        />
                    }
                })}
            <Refusal error=refusal />
        </li>
    }
}

#[component]
fn Purchase() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let offer = RwSignal::new(Offer::ActionPack);
    let date = RwSignal::new(browser::today_iso());
    let refusal = RwSignal::new(None::<DomainError>);
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = PurchaseForm {
            name: name.get_untracked(),
            offer: offer.get_untracked(),
            purchased_on: date.get_untracked(),
        };
        done.set(None);
        match form.command() {
            Err(why) => {
                problem.set(Some(why));
                refusal.set(None);
            }
            Ok(command) => {
                problem.set(None);
                if run(command, refusal) {
                    done.set(Some(match i18n::lang() {
                        i18n::Lang::En => format!("{} was recorded.", form.name.trim()),
                        i18n::Lang::Fr => format!("{} a été enregistré.", form.name.trim()),
                    }));
                    name.set(String::new());
                }
            }
        }
    };
    view! {
        <form class="card purchase" on:submit=on_submit novalidate aria-labelledby="purchase-title">
            <h3 id="purchase-title">{pick("Purchase a package", "Acheter un forfait")}</h3>
            <p class="muted">
                {pick(
                    "Record a package bought in Partner Center. Any role can do it; a Global admin is not required.",
                    "Enregistrez un forfait acheté dans Partner Center. Tout rôle peut le faire ; il n'est pas nécessaire d'être administrateur général.",
                )}
            </p>
            <div class="form-grid">
                <div>
                    <label for="package-name">{pick("Package name", "Nom du forfait")}</label>
                    <input
                        id="package-name"
                        type="text"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </div>
                <div>
                    <label for="package-offer">{pick("Offer", "Offre")}</label>
                    <select
                        id="package-offer"
                        on:change=move |ev| {
                            if let Some(o) = offer_from_id(&event_target_value(&ev)) {
                                offer.set(o);
                            }
                        }
                    >
                        {Offer::ALL
                            .into_iter()
                            .map(|o| {
                                view! {
                                    <option value=offer_id(o) selected=move || offer.get() == o>
                                        {offer_label(o)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div>
                    <label for="package-date">{pick("Purchase date", "Date d'achat")}</label>
                    <input
                        id="package-date"
                        type="date"
                        prop:value=move || date.get()
                        on:input=move |ev| date.set(event_target_value(&ev))
                    />
                </div>
            </div>
            <div class="button-row">
                <button type="submit" class="button-primary">
                    {pick("Record the purchase", "Enregistrer l'achat")}
                </button>
            </div>
            {move || problem.get().map(|p| view! { <p class="refusal" role="alert">{p}</p> })}
            <Refusal error=refusal />
            {move || done.get().map(|m| view! { <p class="success" role="status">{m}</p> })}
        </form>
    }
}

/// One card per area, with what it holds.
#[component]
fn AreaLinks() -> impl IntoView {
    let areas: [(Area, &str, &str); 8] = [
        (
            Area::Software,
            "Product keys, downloads, “Get keys”.",
            "Clés de produit, téléchargements, « Obtenir les clés ».",
        ),
        (
            Area::AzureCloud,
            "Azure credit and license-based subscriptions.",
            "Crédit Azure et abonnements sous licence.",
        ),
        (
            Area::VisualStudio,
            "Subscriptions and who holds them.",
            "Abonnements et leurs titulaires.",
        ),
        (
            Area::Technical,
            "Support and presales benefits, Access and Contract IDs.",
            "Avantages de support et d'avant-vente, ID d'accès et de contrat.",
        ),
        (
            Area::GoToMarket,
            "Marketing contact and Go-To-Market offers.",
            "Contact marketing et offres Go-To-Market.",
        ),
        (
            Area::AccountSettings,
            "Directory users and their roles.",
            "Utilisateurs de l'annuaire et leurs rôles.",
        ),
        (
            Area::Redeem,
            "Redeem a product key in the tenant.",
            "Échanger une clé de produit dans le locataire.",
        ),
        (
            Area::Activity,
            "Who changed what, and when.",
            "Qui a modifié quoi, et quand.",
        ),
    ];
    view! {
        <section class="section" aria-labelledby="areas-title">
            <h2 id="areas-title">{pick("Areas", "Espaces")}</h2>
            <ul class="area-links">
                {areas
                    .into_iter()
                    .map(|(area, en, fr)| {
                        view! {
                            <li>
                                <Link href=area.path()>{area.name()}</Link>
                                <span class="muted">{pick(en, fr)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
