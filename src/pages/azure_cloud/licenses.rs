//! License-based subscriptions (R-LIC-1..3) and the tenant's subscriptions. A benefit shows
//! its product, licenses, offer, benefit type and expiry beside each tenant subscription's
//! end date (with core's one-line explanation when they differ), its keys (masked, with
//! their state), its redemption instructions and "View details", which opens the
//! redemption wizard with the subscription chosen. Tenant subscriptions are recorded,
//! disabled and enabled here.

use crate::components::common::{run, Refusal, RemoveRecordButton, TableScroll};
use crate::i18n::{format_count, format_date, pick};
use crate::pages::software::focus_soon;
use crate::router::Link;
use crate::store::Store;
use crate::views::azure_licenses::{
    known_products, license_ids, license_row, redeem_link, redeemed_text, status_badge,
    status_label, subscription_rows, InventoryKey, LicenseRow, PairedSubscription, SubscriptionRow,
};
use crate::views::software_and_azure::{
    benefit_type_code, benefit_type_from_code, benefit_type_label, offer_code, offer_from_code,
    offer_label, read_date, read_whole, BENEFIT_TYPES,
};
use benefits_core::model::{BenefitType, NewLicenseBenefit, NewSubscription, Offer};
use benefits_core::{Command, DomainError, LicenseBenefitId, RecordRef};
use chrono::NaiveDate;
use leptos::ev;
use leptos::prelude::*;

/// The `<datalist>` of product names the product inputs suggest.
pub const PRODUCTS_LIST: &str = "az-known-products";

#[component]
pub fn ProductSuggestions() -> impl IntoView {
    let store = Store::get();
    let products = Memo::new(move |_| store.doc.with(|d| known_products(d.workspace())));
    view! {
        <datalist id=PRODUCTS_LIST>
            {move || products.get().into_iter().map(|p| view! { <option value=p></option> }).collect_view()}
        </datalist>
    }
}

#[component]
pub fn LicenseSection(today: NaiveDate) -> impl IntoView {
    let store = Store::get();
    let ids = Memo::new(move |_| store.doc.with(|d| license_ids(d.workspace())));
    view! {
        <section class="section" id="az-licenses" aria-labelledby="az-licenses-title">
            <h2 id="az-licenses-title">{pick("License-based subscriptions", "Abonnements basés sur des licences")}</h2>
            <p class="muted">
                {pick(
                    "Cloud products activated with product keys. The benefit's expiry (the last day you may use it) and the tenant subscription's end date are different dates.",
                    "Produits cloud activés par des clés de produit. L'expiration de l'avantage (le dernier jour où vous pouvez l'utiliser) et la date de fin de l'abonnement du locataire sont deux dates différentes.",
                )}
            </p>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="muted">{pick("No license-based subscription is recorded yet.", "Aucun abonnement basé sur des licences n'est encore enregistré.")}</p>
            </Show>
            <ul class="az-list">
                <For
                    each=move || ids.get()
                    key=|id| id.clone()
                    children=move |id| view! { <LicenseCard id=id today=today /> }
                />
            </ul>
            <AddLicenseBenefit />
        </section>
    }
}

#[component]
fn LicenseCard(id: LicenseBenefitId, today: NaiveDate) -> impl IntoView {
    let store = Store::get();
    let row = Memo::new({
        let id = id.clone();
        move |_| store.doc.with(|d| license_row(d.workspace(), &id, today))
    });
    let remove_refusal = RwSignal::new(None::<DomainError>);
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let data_id = id.to_string();
    view! {
        <li class="card az-card" data-license=data_id aria-labelledby=labelled_by>
            {move || row.get().map(|r| view! { <LicenseBody row=r title_id=title_id.clone() /> })}
            <details class="az-more">
                <summary>{pick("Corrections", "Corrections")}</summary>
                <div class="az-remove">
                    {
                        let id = id.clone();
                        view! {
                            <RemoveRecordButton
                                record=RecordRef::LicenseBenefit(id)
                                label=pick("Remove this benefit", "Retirer cet avantage")
                                question=pick(
                                    "Remove this license-based subscription from the workspace? Do this only for a record entered by mistake; its keys and tenant subscriptions stay.",
                                    "Retirer cet abonnement basé sur des licences de l'espace de travail ? À faire seulement pour une saisie erronée ; ses clés et abonnements du locataire restent.",
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

#[component]
fn LicenseBody(row: LicenseRow, title_id: String) -> impl IntoView {
    let expiry = row.benefit_expires_on;
    let product = row.product.clone();
    view! {
        <h3 id=title_id class="az-card-title">{row.product.clone()}</h3>
        <dl class="az-facts">
            <div><dt>{pick("License quantity", "Nombre de licences")}</dt><dd>{format_count(row.licenses)}</dd></div>
            <div><dt>{pick("Offer", "Offre")}</dt><dd>{offer_label(row.offer)}</dd></div>
            <div><dt>{pick("Benefit type", "Type d'avantage")}</dt><dd>{benefit_type_label(row.benefit_type)}</dd></div>
            <div>
                <dt>{pick("Benefit expires", "Expiration de l'avantage")}</dt>
                <dd><time datetime=expiry.to_string() data-field="benefit-expiry">{format_date(expiry)}</time></dd>
            </div>
        </dl>
        <h4>{pick("Tenant subscriptions", "Abonnements du locataire")}</h4>
        {if row.subscriptions.is_empty() {
            view! {
                <p class="muted">
                    {pick(
                        "No tenant subscription of this product is recorded. Redeem a key to activate one, or record it below.",
                        "Aucun abonnement de ce produit n'est enregistré dans le locataire. Utilisez une clé pour en activer un, ou enregistrez-le ci-dessous.",
                    )}
                </p>
                <p>
                    <Link href=redeem_link(None) class="az-view-details">{pick("View details", "Afficher les détails")}</Link>
                </p>
            }
                .into_any()
        } else {
            view! {
                <ul class="az-pairs">
                    {row
                        .subscriptions
                        .into_iter()
                        .map(|s| view! { <SubscriptionPair sub=s benefit_expiry=expiry product=product.clone() /> })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <h4>{pick("How to redeem", "Comment utiliser les clés")}</h4>
        <p class="az-instructions">
            {if row.instructions.is_empty() {
                pick(
                    "Open “View details” to redeem a product key in the tenant, step by step.",
                    "Ouvrez « Afficher les détails » pour utiliser une clé de produit dans le locataire, étape par étape.",
                )
                    .to_string()
            } else {
                row.instructions.clone()
            }}
        </p>
        <h4>{pick("Product keys", "Clés de produit")}</h4>
        <KeyList keys=row.keys />
    }
}

#[component]
fn SubscriptionPair(
    sub: PairedSubscription,
    benefit_expiry: NaiveDate,
    product: String,
) -> impl IntoView {
    let label = format!(
        "{} {} ({product})",
        pick(
            "View details and redeem a key for",
            "Afficher les détails et utiliser une clé pour"
        ),
        sub.id
    );
    view! {
        <li class="az-pair" data-subscription=sub.id.to_string()>
            <div class="az-dates">
                <div>
                    <span class="az-date-label">{pick("Benefit expires", "Expiration de l'avantage")}</span>
                    <time datetime=benefit_expiry.to_string()>{format_date(benefit_expiry)}</time>
                </div>
                <div>
                    <span class="az-date-label">
                        {format!(
                            "{} {} {}",
                            pick("Subscription", "L'abonnement"),
                            sub.id,
                            pick("ends", "prend fin le"),
                        )}
                    </span>
                    <time datetime=sub.end.to_string() data-field="subscription-end">{format_date(sub.end)}</time>
                    " "
                    <span class=status_badge(sub.status)>{status_label(sub.status)}</span>
                </div>
                <div>
                    <span class="az-date-label">{pick("Licenses", "Licences")}</span>
                    <span>{format_count(sub.seats)}</span>
                </div>
            </div>
            {sub.explanation.map(|e| view! { <p class="az-explanation" data-field="expiry-explanation">{e}</p> })}
            <Link href=redeem_link(Some(&sub.id)) class="az-view-details" aria_label=label>
                {pick("View details", "Afficher les détails")}
            </Link>
        </li>
    }
}

/// Keys of a product, masked, with their licenses and state.
#[component]
pub fn KeyList(keys: Vec<InventoryKey>) -> impl IntoView {
    if keys.is_empty() {
        return view! { <p class="muted">{pick("No key of this product is in the inventory.", "Aucune clé de ce produit n'est dans l'inventaire.")}</p> }
            .into_any();
    }
    view! {
        <TableScroll label=pick("Product keys", "Clés de produit")>
            // Stacked into cards on a phone; the roles keep it a table for screen readers.
            <table class="data-table az-keys az-stack" role="table">
                <thead role="rowgroup">
                    <tr role="row">
                        <th scope="col" role="columnheader">{pick("Key", "Clé")}</th>
                        <th scope="col" role="columnheader" class="num">{pick("Licenses", "Licences")}</th>
                        <th scope="col" role="columnheader">{pick("State", "État")}</th>
                    </tr>
                </thead>
                <tbody role="rowgroup">
                    {keys
                        .into_iter()
                        .map(|k| {
                            view! {
                                <tr role="row">
                                    <td role="cell" class="key-text">{k.masked.clone()}</td>
                                    <td role="cell" class="num" data-label=pick("Licenses", "Licences")>{format_count(k.seats)}</td>
                                    <td role="cell"><KeyState key=k /></td>
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

#[component]
pub fn KeyState(key: InventoryKey) -> impl IntoView {
    match key.redeemed {
        Some(r) => view! {
            <span class="badge badge-off">{pick("Redeemed", "Utilisée")}</span>
            " "
            <span class="az-redeemed">{redeemed_text(&r)}</span>
        }
        .into_any(),
        None => {
            view! { <span class="badge badge-ok">{pick("Not redeemed", "Non utilisée")}</span> }
                .into_any()
        }
    }
}

/// "Add a license-based benefit".
#[component]
fn AddLicenseBenefit() -> impl IntoView {
    let product = RwSignal::new(String::new());
    let licenses = RwSignal::new(String::new());
    let offer = RwSignal::new(offer_code(Offer::Silver).to_string());
    let benefit_type = RwSignal::new(benefit_type_code(BenefitType::Core).to_string());
    let expires = RwSignal::new(String::new());
    let instructions = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let refusal = RwSignal::new(None::<DomainError>);
    let added = RwSignal::new(None::<String>);
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        added.set(None);
        let read = read_whole(
            pick("license quantity", "nombre de licences"),
            &licenses.get_untracked(),
        )
        .and_then(|n| {
            read_date(
                pick("benefit expiry date", "date d'expiration de l'avantage"),
                &expires.get_untracked(),
            )
            .map(|d| (n, d))
        });
        let (Some(offer), Some(benefit_type)) = (
            offer_from_code(&offer.get_untracked()),
            benefit_type_from_code(&benefit_type.get_untracked()),
        ) else {
            return;
        };
        match read {
            Err(p) => {
                refusal.set(None);
                problem.set(Some(p));
            }
            Ok((n, benefit_expires_on)) => {
                problem.set(None);
                let name = product.get_untracked().trim().to_string();
                let benefit = NewLicenseBenefit {
                    product: product.get_untracked(),
                    licenses: n,
                    offer,
                    benefit_type,
                    benefit_expires_on,
                    instructions: instructions.get_untracked(),
                };
                if run(Command::AddLicenseBenefit { benefit }, refusal) {
                    added.set(Some(format!("{} {name}.", pick("Added:", "Ajouté :"))));
                    for s in [product, licenses, expires, instructions] {
                        s.set(String::new());
                    }
                }
            }
        }
    };
    view! {
        <details class="card az-form-card">
            <summary>
                <h3 class="summary-heading">{pick("Add a license-based benefit", "Ajouter un avantage basé sur des licences")}</h3>
            </summary>
            <form on:submit=on_submit>
                <div class="form-grid">
                    <div>
                        <label for="lic-new-product">{pick("Product", "Produit")}</label>
                        <input id="lic-new-product" type="text" list=PRODUCTS_LIST bind:value=product />
                    </div>
                    <div>
                        <label for="lic-new-licenses">{pick("License quantity", "Nombre de licences")}</label>
                        <input id="lic-new-licenses" type="text" inputmode="numeric" bind:value=licenses />
                    </div>
                    <div>
                        <label for="lic-new-offer">{pick("Offer", "Offre")}</label>
                        <select id="lic-new-offer" bind:value=offer>
                            {Offer::ALL
                                .into_iter()
                                .map(|o| view! { <option value=offer_code(o)>{offer_label(o)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="lic-new-type">{pick("Benefit type", "Type d'avantage")}</label>
                        <select id="lic-new-type" bind:value=benefit_type>
                            {BENEFIT_TYPES
                                .into_iter()
                                .map(|k| view! { <option value=benefit_type_code(k)>{benefit_type_label(k)}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="lic-new-expires">{pick("Benefit expires on", "L'avantage expire le")}</label>
                        <input id="lic-new-expires" type="date" bind:value=expires />
                    </div>
                </div>
                <div class="form-row">
                    <label for="lic-new-instructions">{pick("Redemption instructions", "Instructions d'utilisation des clés")}</label>
                    <textarea id="lic-new-instructions" rows="3" bind:value=instructions></textarea>
                </div>
                <div class="button-row">
                    <button type="submit" class="button-primary">{pick("Add the benefit", "Ajouter l'avantage")}</button>
                </div>
                {move || problem.get().map(|p| view! { <p class="refusal" role="alert">{p}</p> })}
                <Refusal error=refusal />
                {move || added.get().map(|m| view! { <p class="success" role="status">{m}</p> })}
            </form>
        </details>
    }
}

/// The tenant's subscriptions, and the form to record one.
#[component]
pub fn SubscriptionSection(today: NaiveDate) -> impl IntoView {
    let store = Store::get();
    let rows = Memo::new(move |_| store.doc.with(|d| subscription_rows(d.workspace(), today)));
    view! {
        <section class="section" id="az-subscriptions" aria-labelledby="az-subscriptions-title">
            <h2 id="az-subscriptions-title">{pick("Tenant subscriptions", "Abonnements du locataire")}</h2>
            <Show
                when=move || !rows.with(Vec::is_empty)
                fallback=|| view! { <p class="muted">{pick("No tenant subscription is recorded yet.", "Aucun abonnement du locataire n'est encore enregistré.")}</p> }
            >
                <TableScroll label=pick("Tenant subscriptions", "Abonnements du locataire")>
                    <table class="data-table az-subscriptions az-stack" role="table">
                        <thead role="rowgroup">
                            <tr role="row">
                                <th scope="col" role="columnheader">{pick("Subscription", "Abonnement")}</th>
                                <th scope="col" role="columnheader">{pick("Product", "Produit")}</th>
                                <th scope="col" role="columnheader" class="num">{pick("Licenses", "Licences")}</th>
                                <th scope="col" role="columnheader">{pick("Start", "Début")}</th>
                                <th scope="col" role="columnheader">{pick("End", "Fin")}</th>
                                <th scope="col" role="columnheader">{pick("Status", "État")}</th>
                                <th scope="col" role="columnheader"><span class="visually-hidden">{pick("Actions", "Actions")}</span></th>
                            </tr>
                        </thead>
                        <tbody role="rowgroup">
                            <For
                                each=move || rows.get()
                                key=|r| r.clone()
                                children=move |r| view! { <SubscriptionLine row=r /> }
                            />
                        </tbody>
                    </table>
                </TableScroll>
            </Show>
            <RecordSubscription />
        </section>
    }
}

#[component]
fn SubscriptionLine(row: SubscriptionRow) -> impl IntoView {
    let refusal = RwSignal::new(None::<DomainError>);
    let id = row.id.clone();
    let disabled = row.disabled;
    let toggle_label = if disabled {
        pick("Record as enabled", "Marquer comme activé")
    } else {
        pick("Record as disabled", "Marquer comme désactivé")
    };
    let toggle_name = format!("{toggle_label}: {}", row.id);
    let toggle_id = id.clone();
    let remove_id = id.clone();
    let linked = super::LinkedRecord::is_subscription(row.id.as_str());
    let shown_id = row.id.to_string();
    view! {
        <tr
            role="row"
            data-subscription=row.id.to_string()
            class:linked-row=linked
            aria-current=move || linked.get().then_some("true")
            tabindex=move || linked.get().then_some("-1")
        >
            // The subscription's own address: a link a partner can copy and send.
            <td role="cell" class="az-stack-title">
                <Link href=crate::nav::Record::Subscription(row.id.to_string()).path()>{shown_id}</Link>
            </td>
            <td role="cell" class="az-stack-title">{row.product.clone()}</td>
            <td role="cell" class="num" data-label=pick("Licenses", "Licences")>{format_count(row.seats)}</td>
            <td role="cell" data-label=pick("Start", "Début")><time datetime=row.start.to_string()>{format_date(row.start)}</time></td>
            <td role="cell" data-label=pick("End", "Fin")><time datetime=row.end.to_string()>{format_date(row.end)}</time></td>
            <td role="cell"><span class=status_badge(row.status)>{status_label(row.status)}</span></td>
            <td role="cell">
                <div class="az-row-actions">
                // The row is drawn again once changed: the focus follows to its new button.
                <button
                    type="button"
                    class="button-secondary"
                    id=format!("{}-toggle", row.id)
                    aria-label=toggle_name
                    on:click=move |_| {
                        if run(
                            Command::SetSubscriptionDisabled { subscription: toggle_id.clone(), disabled: !disabled },
                            refusal,
                        ) {
                            focus_soon(format!("{toggle_id}-toggle"));
                        }
                    }
                >
                    {toggle_label}
                </button>
                <RemoveRecordButton
                    record=RecordRef::Subscription(remove_id)
                    label=pick("Remove", "Retirer")
                    question=format!(
                        "{} {} {}",
                        pick("Remove", "Retirer"),
                        row.id,
                        pick(
                            "from the workspace? Do this only for a subscription recorded by mistake.",
                            "de l'espace de travail ? À faire seulement pour un abonnement enregistré par erreur.",
                        ),
                    )
                    refusal=refusal
                />
                </div>
                <Refusal error=refusal />
            </td>
        </tr>
    }
}

/// "Record a subscription" that already exists in the tenant.
#[component]
fn RecordSubscription() -> impl IntoView {
    let product = RwSignal::new(String::new());
    let seats = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let refusal = RwSignal::new(None::<DomainError>);
    let added = RwSignal::new(None::<String>);
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        added.set(None);
        let read = read_whole(pick("licenses", "licences"), &seats.get_untracked()).and_then(|n| {
            let s = read_date(pick("start date", "date de début"), &start.get_untracked())?;
            let e = read_date(pick("end date", "date de fin"), &end.get_untracked())?;
            Ok((n, s, e))
        });
        match read {
            Err(p) => {
                refusal.set(None);
                problem.set(Some(p));
            }
            Ok((seats_n, start_d, end_d)) => {
                problem.set(None);
                let subscription = NewSubscription {
                    product: product.get_untracked(),
                    seats: seats_n,
                    start: start_d,
                    end: end_d,
                    disabled: false,
                };
                if run(Command::RecordSubscription { subscription }, refusal) {
                    added.set(Some(format!(
                        "{} {}.",
                        pick("Recorded:", "Enregistré :"),
                        product.get_untracked().trim()
                    )));
                    for s in [product, seats, start, end] {
                        s.set(String::new());
                    }
                }
            }
        }
    };
    view! {
        <details class="card az-form-card">
            <summary>
                <h3 class="summary-heading">{pick("Record a subscription", "Enregistrer un abonnement")}</h3>
            </summary>
            <form on:submit=on_submit>
                <div class="form-grid">
                    <div>
                        <label for="sub-new-product">{pick("Product", "Produit")}</label>
                        <input id="sub-new-product" type="text" list=PRODUCTS_LIST bind:value=product />
                    </div>
                    <div>
                        <label for="sub-new-seats">{pick("Licenses", "Licences")}</label>
                        <input id="sub-new-seats" type="text" inputmode="numeric" bind:value=seats />
                    </div>
                    <div>
                        <label for="sub-new-start">{pick("Start date", "Date de début")}</label>
                        <input id="sub-new-start" type="date" bind:value=start />
                    </div>
                    <div>
                        <label for="sub-new-end">{pick("End date", "Date de fin")}</label>
                        <input id="sub-new-end" type="date" bind:value=end />
                    </div>
                </div>
                <div class="button-row">
                    <button type="submit" class="button-primary">{pick("Record the subscription", "Enregistrer l'abonnement")}</button>
                </div>
                {move || problem.get().map(|p| view! { <p class="refusal" role="alert">{p}</p> })}
                <Refusal error=refusal />
                {move || added.get().map(|m| view! { <p class="success" role="status">{m}</p> })}
            </form>
        </details>
    }
}
