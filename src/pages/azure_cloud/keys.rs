//! The product-key inventory (R-KEY-1..3): every key, masked, with its product, licenses
//! and state; and "Add product keys", where many keys are pasted at once. Before anything
//! is added, core's line-by-line review names each bad line by its number and says what is
//! wrong (R-KEY-1: the position and the look-alike hint; duplicates); the good keys are
//! then added and the bad lines stay in the box for correction.

use super::licenses::{KeyState, PRODUCTS_LIST};
use crate::components::common::{run, Refusal, RemoveRecordButton, TableScroll};
use crate::i18n::{format_count, format_date, pick};
use crate::router::Link;
use crate::store::Store;
use crate::views::azure_licenses::{
    added_summary, bad_lines, inventory, more_lines, problem_line, problem_text, ready_text,
    InventoryKey, SHOWN_LINES,
};
use crate::views::software_and_azure::read_whole;
use benefits_core::{Command, DomainError, RecordRef};
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn KeySection() -> impl IntoView {
    let store = Store::get();
    let keys = Memo::new(move |_| store.doc.with(|d| inventory(d.workspace())));
    view! {
        <section class="section" id="az-keys" aria-labelledby="az-keys-title">
            <h2 id="az-keys-title">{pick("Product-key inventory", "Inventaire des clés de produit")}</h2>
            <Show
                when=move || !keys.with(Vec::is_empty)
                fallback=|| view! { <p class="muted">{pick("No product key is in the inventory yet.", "Aucune clé de produit n'est encore dans l'inventaire.")}</p> }
            >
                <TableScroll label=pick("Product-key inventory", "Inventaire des clés de produit")>
                    <table class="data-table az-inventory az-stack" role="table">
                        <thead role="rowgroup">
                            <tr role="row">
                                <th scope="col" role="columnheader">{pick("Key", "Clé")}</th>
                                <th scope="col" role="columnheader">{pick("Product", "Produit")}</th>
                                <th scope="col" role="columnheader" class="num">{pick("Licenses", "Licences")}</th>
                                <th scope="col" role="columnheader">{pick("Added", "Ajoutée le")}</th>
                                <th scope="col" role="columnheader">{pick("State", "État")}</th>
                                <th scope="col" role="columnheader"><span class="visually-hidden">{pick("Actions", "Actions")}</span></th>
                            </tr>
                        </thead>
                        <tbody role="rowgroup">
                            <For
                                each=move || keys.get()
                                key=|k| k.clone()
                                children=move |k| view! { <InventoryLine key=k /> }
                            />
                        </tbody>
                    </table>
                </TableScroll>
            </Show>
            <AddProductKeys />
        </section>
    }
}

#[component]
fn InventoryLine(key: InventoryKey) -> impl IntoView {
    let refusal = RwSignal::new(None::<DomainError>);
    let redeemed = key.redeemed.is_some();
    let text = key.key.clone();
    let masked = key.masked.clone();
    let linked = super::LinkedRecord::is_key(&key.masked);
    let ending = key
        .masked
        .rsplit('-')
        .next()
        .unwrap_or_default()
        .to_string();
    let masked_text = key.masked.clone();
    view! {
        <tr
            role="row"
            data-key-ending=ending.clone()
            class:linked-row=linked
            aria-current=move || linked.get().then_some("true")
            tabindex=move || linked.get().then_some("-1")
        >
            // The key's own address (by its last five characters): a link a partner can
            // copy and send.
            <td role="cell" class="key-text">
                <Link href=crate::nav::Record::Key(ending.clone()).path()>{masked_text}</Link>
            </td>
            <td role="cell" class="az-stack-title">{key.product.clone()}</td>
            <td role="cell" class="num" data-label=pick("Licenses", "Licences")>{format_count(key.seats)}</td>
            <td role="cell" data-label=pick("Added", "Ajoutée le")><time datetime=key.added_on.to_string()>{format_date(key.added_on)}</time></td>
            <td role="cell"><KeyState key=key.clone() /></td>
            <td role="cell">
                // A redeemed key's history stays (the engine refuses); no button for it.
                {(!redeemed).then(|| {
                    view! {
                        <RemoveRecordButton
                            record=RecordRef::ProductKey(text)
                            label=pick("Remove", "Retirer")
                            question=format!(
                                "{} {masked} {}",
                                pick("Remove the key", "Retirer la clé"),
                                pick(
                                    "from the inventory? Do this only for a key added by mistake.",
                                    "de l'inventaire ? À faire seulement pour une clé ajoutée par erreur.",
                                ),
                            )
                            refusal=refusal
                        />
                    }
                })}
                <Refusal error=refusal />
            </td>
        </tr>
    }
}

/// "Add product keys": paste many, see each bad line before adding, add the good ones.
#[component]
fn AddProductKeys() -> impl IntoView {
    let store = Store::get();
    let product = RwSignal::new(String::new());
    let seats = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let refusal = RwSignal::new(None::<DomainError>);
    // After an add: the summary and the lines not added, numbered as they were pasted.
    let outcome = RwSignal::new(None::<(String, Vec<String>)>);
    // The live review is hidden right after an add (the outcome names the lines by their
    // pasted numbers) and comes back as soon as the box is edited.
    let show_review = RwSignal::new(true);
    // The review follows the box as the partner types or pastes (nothing is added).
    let review =
        Memo::new(move |_| text.with(|t| store.doc.with(|d| d.workspace().review_key_paste(t))));
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        outcome.set(None);
        let seats_n = match read_whole(
            pick("licenses per key", "licences par clé"),
            &seats.get_untracked(),
        ) {
            Ok(n) => n,
            Err(p) => {
                refusal.set(None);
                problem.set(Some(p));
                return;
            }
        };
        problem.set(None);
        let pasted = text.get_untracked();
        let r = review.get_untracked();
        // Only the good keys are sent; with none, the whole text goes so the engine says why.
        let keys_text = if r.good.is_empty() {
            pasted.clone()
        } else {
            r.good_text()
        };
        let command = Command::AddProductKeys {
            product: product.get_untracked(),
            seats: seats_n,
            text: keys_text,
        };
        if run(command, refusal) {
            outcome.set(Some((
                added_summary(r.good.len(), r.problems.len()),
                r.problems.iter().map(problem_line).collect(),
            )));
            show_review.set(false);
            text.set(bad_lines(&pasted, &r.problems));
        }
    };
    view! {
        <details class="card az-form-card">
            <summary>
                <h3 class="summary-heading">{pick("Add product keys", "Ajouter des clés de produit")}</h3>
            </summary>
            <form on:submit=on_submit>
                <div class="form-grid">
                    <div class="az-wide">
                        <label for="keys-new-product">{pick("Product", "Produit")}</label>
                        <input id="keys-new-product" type="text" list=PRODUCTS_LIST bind:value=product />
                    </div>
                    <div>
                        <label for="keys-new-seats">{pick("Licenses per key", "Licences par clé")}</label>
                        <input id="keys-new-seats" type="text" inputmode="numeric" bind:value=seats />
                    </div>
                </div>
                <div class="form-row">
                    <label for="keys-new-text">{pick("Product keys, one per line", "Clés de produit, une par ligne")}</label>
                    <textarea
                        id="keys-new-text"
                        rows="8"
                        spellcheck="false"
                        autocomplete="off"
                        aria-describedby="keys-new-review"
                        bind:value=text
                        on:input=move |_| show_review.set(true)
                    ></textarea>
                </div>
                <div id="keys-new-review" class="az-review" aria-live="polite">
                    {move || {
                        review.with(|r| {
                            if let Some(e) = r.refused.as_ref() {
                                return view! { <p class="refusal" data-code=e.code.as_str()>{crate::i18n::refusal(e)}</p> }.into_any();
                            }
                            if !show_review.get() || (r.good.is_empty() && r.problems.is_empty()) {
                                return ().into_any();
                            }
                            let ready = ready_text(r.good.len());
                            // Thousands of lines are summed up after the first hundred.
                            let lines = r.problems.iter().take(SHOWN_LINES).map(|p| {
                                view! { <li data-line=p.line>{problem_text(p)}</li> }
                            }).collect_view();
                            let more = more_lines(r.problems.len());
                            view! {
                                <p class="az-ready">{ready}</p>
                                {(!r.problems.is_empty()).then(|| view! {
                                    <p class="az-problems-title">
                                        {pick("These lines will not be added:", "Ces lignes ne seront pas ajoutées :")}
                                    </p>
                                    <ul class="az-problems">{lines}</ul>
                                    {more.map(|m| view! { <p class="muted">{m}</p> })}
                                })}
                            }
                            .into_any()
                        })
                    }}
                </div>
                <div class="button-row">
                    <button type="submit" class="button-primary">
                        {move || match review.with(|r| r.good.len()) {
                            0 => pick("Add the keys", "Ajouter les clés").to_string(),
                            1 => pick("Add 1 key", "Ajouter 1 clé").to_string(),
                            n => format!("{} {n} {}", pick("Add", "Ajouter"), pick("keys", "clés")),
                        }}
                    </button>
                </div>
                {move || problem.get().map(|p| view! { <p class="refusal" role="alert">{p}</p> })}
                <Refusal error=refusal />
                {move || {
                    outcome
                        .get()
                        .map(|(summary, lines)| {
                            let all_added = lines.is_empty();
                            view! {
                                <div class=if all_added { "success" } else { "notice" } role="status" data-field="keys-outcome">
                                    <p class="az-outcome-head">{summary}</p>
                                    {(!all_added)
                                        .then(|| {
                                            view! {
                                                <ul class="az-outcome-lines">
                                                    {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                                                </ul>
                                                <p class="az-outcome-foot">
                                                    {pick(
                                                        "These lines are left in the box above: correct them and add them again.",
                                                        "Ces lignes restent dans la zone ci-dessus : corrigez-les et ajoutez-les à nouveau.",
                                                    )}
                                                </p>
                                            }
                                        })}
                                </div>
                            }
                        })
                }}
            </form>
        </details>
    }
}
