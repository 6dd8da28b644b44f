//! Software (`/benefits/software`, R-SW-1..3): the software products of the membership,
//! each opening to its instructions, languages, OS types, download links for the language
//! and OS type picked, and its keys — masked until "Get keys" reveals them (which activates
//! the benefit and blocks the cancellation of its package, R-MEM-2). Below, the form to
//! record a software product. The rows come from `views::software`; every change is a
//! command checked by the engine.

use crate::browser;
use crate::components::common::{
    run, ConfirmButton, CopyButton, Refusal, RemoveRecordButton, TableScroll,
};
use crate::i18n::{self, pick};
use crate::nav::Area;
use crate::store::Store;
use crate::views::azure_licenses::{more_lines, SHOWN_LINES};
use crate::views::software::{
    downloads_for, key_problem_text, reveal_question, software_ids, software_row, KeyLine,
    SoftwareForm, SoftwareRow,
};
use crate::views::software_and_azure::{offer_code, offer_label, split_list};
use benefits_core::model::Offer;
use benefits_core::{Command, DomainError, RecordRef, SoftwareId};
use leptos::ev;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
pub fn SoftwarePage() -> impl IntoView {
    browser::set_title(&i18n::page_title(Area::Software.name()));
    view! {
        <section class="page software-page" aria-labelledby="page-title">
            <div class="page-header">
                <h1 id="page-title">{Area::Software.name()}</h1>
            </div>
            <p class="lead">
                {pick(
                    "Software that comes with your membership. Open a product to see its instructions and download links; “Get keys” shows its product keys.",
                    "Les logiciels inclus dans votre adhésion. Ouvrez un produit pour voir ses instructions et ses liens de téléchargement ; « Obtenir les clés » affiche ses clés de produit.",
                )}
            </p>
            <SoftwareContent />
        </section>
    }
}

#[component]
fn SoftwareContent() -> impl IntoView {
    let store = Store::get();
    let ids = Memo::new(move |_| store.doc.with(|d| software_ids(d.workspace())));
    view! {
        <section class="section" aria-labelledby="sw-products">
            <h2 id="sw-products">{pick("Software products", "Produits logiciels")}</h2>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="muted">
                    {pick(
                        "No software product is recorded yet. Add one below.",
                        "Aucun produit logiciel n'est encore enregistré. Ajoutez-en un ci-dessous.",
                    )}
                </p>
            </Show>
            <ul class="sw-list">
                <For
                    each=move || ids.get()
                    key=|id| id.clone()
                    children=move |id| view! { <SoftwareItem id=id /> }
                />
            </ul>
        </section>
        <AddSoftwareProduct />
    }
}

/// One product: a summary line that opens to its details.
#[component]
fn SoftwareItem(id: SoftwareId) -> impl IntoView {
    let store = Store::get();
    let row = Memo::new({
        let id = id.clone();
        move |_| {
            let viewer = store.actor.get();
            store
                .doc
                .with(|d| software_row(d.workspace(), &id, &viewer))
        }
    });
    let expanded = RwSignal::new(false);
    let details_id = format!("{id}-details");
    let heading_id = format!("{id}-name");
    let field = move |f: fn(&SoftwareRow) -> String| {
        move || row.with(|r| r.as_ref().map(f).unwrap_or_default())
    };
    let data_id = id.to_string();
    view! {
        <li class="card sw-item" data-software=data_id>
            <div class="sw-summary">
                <h3 id=heading_id.clone() class="sw-name">{field(|r| r.name.clone())}</h3>
                <dl class="sw-facts">
                    <div>
                        <dt>{pick("Offer", "Offre")}</dt>
                        <dd>{field(|r| offer_label(r.offer).to_string())}</dd>
                    </div>
                    <div>
                        <dt>{pick("Package", "Package")}</dt>
                        <dd>
                            {field(|r| {
                                r.package.clone().unwrap_or_else(|| pick("None", "Aucun").to_string())
                            })}
                        </dd>
                    </div>
                    <div>
                        <dt>{pick("Status", "État")}</dt>
                        <dd>
                            {move || {
                                if row.with(|r| r.as_ref().is_some_and(|r| r.activated)) {
                                    view! { <span class="badge badge-ok">{pick("Activated", "Activé")}</span> }
                                } else {
                                    view! { <span class="badge badge-off">{pick("Not activated", "Non activé")}</span> }
                                }
                            }}
                        </dd>
                    </div>
                </dl>
                <button
                    type="button"
                    class="button-secondary sw-toggle"
                    aria-expanded=move || expanded.get().to_string()
                    aria-controls=details_id.clone()
                    aria-describedby=heading_id
                    on:click=move |_| expanded.update(|e| *e = !*e)
                >
                    {move || {
                        if expanded.get() {
                            pick("Hide details", "Masquer les détails")
                        } else {
                            pick("Show details", "Afficher les détails")
                        }
                    }}
                </button>
            </div>
            <div id=details_id class="sw-details" hidden=move || !expanded.get()>
                <Show when=move || expanded.get()>
                    <SoftwareDetails id=id.clone() row=row />
                </Show>
            </div>
        </li>
    }
}

#[component]
fn SoftwareDetails(id: SoftwareId, row: Memo<Option<SoftwareRow>>) -> impl IntoView {
    let store = Store::get();
    let first = |f: fn(&SoftwareRow) -> &Vec<String>| {
        row.with_untracked(|r| r.as_ref().and_then(|r| f(r).first().cloned()))
            .unwrap_or_default()
    };
    let language = RwSignal::new(first(|r| &r.languages));
    let os_type = RwSignal::new(first(|r| &r.os_types));
    let links = Memo::new({
        let id = id.clone();
        move |_| {
            let (l, o) = (language.get(), os_type.get());
            store
                .doc
                .with(|d| downloads_for(d.workspace(), &id, &l, &o))
        }
    });
    let reveal_refusal = RwSignal::new(None::<DomainError>);
    let remove_refusal = RwSignal::new(None::<DomainError>);
    let lang_id = format!("{id}-language");
    let os_id = format!("{id}-os");
    // A product's languages and OS types never change (products are not edited).
    let options = move |f: fn(&SoftwareRow) -> Vec<String>| {
        row.with_untracked(|r| r.as_ref().map(f).unwrap_or_default())
            .into_iter()
            .map(|v| view! { <option value=v.clone()>{v.clone()}</option> })
            .collect_view()
    };
    let reveal_id = id.clone();
    let remove_id = id.clone();
    view! {
        <div class="sw-detail-grid">
            <section class="sw-block">
                <h4>{pick("Special instructions", "Instructions particulières")}</h4>
                {move || {
                    let text = row.with(|r| r.as_ref().map(|r| r.instructions.clone()).unwrap_or_default());
                    if text.is_empty() {
                        view! { <p class="muted">{pick("None.", "Aucune.")}</p> }.into_any()
                    } else {
                        view! { <p class="sw-instructions">{text}</p> }.into_any()
                    }
                }}
                <h4>{pick("Languages", "Langues")}</h4>
                <p>{move || row.with(|r| r.as_ref().map(|r| r.languages.join(", ")).unwrap_or_default())}</p>
                <h4>{pick("OS types", "Types de système")}</h4>
                <p>{move || row.with(|r| r.as_ref().map(|r| r.os_types.join(", ")).unwrap_or_default())}</p>
            </section>
            <section class="sw-block" aria-label=pick("Downloads", "Téléchargements")>
                <h4>{pick("Downloads", "Téléchargements")}</h4>
                <div class="form-grid sw-pickers">
                    <div>
                        <label for=lang_id.clone()>{pick("Language", "Langue")}</label>
                        <select id=lang_id bind:value=language>
                            {options(|r| r.languages.clone())}
                        </select>
                    </div>
                    <div>
                        <label for=os_id.clone()>{pick("OS type", "Type de système")}</label>
                        <select id=os_id bind:value=os_type>
                            {options(|r| r.os_types.clone())}
                        </select>
                    </div>
                </div>
                <div class="sw-downloads" aria-live="polite">
                    {move || {
                        let found = links.get();
                        if found.is_empty() {
                            view! {
                                <p class="muted">
                                    {pick(
                                        "No download link is recorded for this language and OS type.",
                                        "Aucun lien de téléchargement n'est enregistré pour cette langue et ce type de système.",
                                    )}
                                </p>
                            }
                                .into_any()
                        } else {
                            view! {
                                <ul class="sw-link-list">
                                    {found
                                        .into_iter()
                                        .map(|l| {
                                            let text = format!(
                                                "{} ({}, {})",
                                                pick("Download", "Télécharger"),
                                                l.language,
                                                l.os_type,
                                            );
                                            view! {
                                                <li>
                                                    <a href=l.url.clone() rel="external noopener" data-download=l.url.clone()>
                                                        {text}
                                                    </a>
                                                    <span class="sw-url muted">{l.url.clone()}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    }}
                </div>
            </section>
            <section class="sw-block sw-keys-block">
                <h4>{pick("Product keys", "Clés de produit")}</h4>
                {move || {
                    row.get()
                        .map(|r| {
                            view! { <KeyTable keys=r.keys.clone() /> }
                        })
                }}
                {move || {
                    row.get()
                        .map(|r| {
                            if let Some(line) = r.revealed.clone() {
                                // R-ROLE-1: the other roles view keys masked, even once revealed.
                                let masked_for_viewer = r.keys.iter().any(|k| !k.full);
                                view! {
                                    <p id=format!("{}-revealed", r.id) class="muted sw-revealed" tabindex="-1">
                                        {line}
                                    </p>
                                    {masked_for_viewer
                                        .then(|| {
                                            view! {
                                                <p class="muted sw-masked-note">
                                                    {pick(
                                                        "Only a Global admin or an MPN partner admin sees these keys in full.",
                                                        "Seuls un administrateur général ou un administrateur partenaire MPN voient ces clés en entier.",
                                                    )}
                                                </p>
                                            }
                                        })}
                                }
                                    .into_any()
                            } else {
                                let id = reveal_id.clone();
                                view! {
                                    <ConfirmButton
                                        label=pick("Get keys", "Obtenir les clés")
                                        question=reveal_question(&r)
                                        guard=Command::RevealSoftwareKeys { product: id.clone() }
                                        upfront=true
                                        on_confirm=move || {
                                            if run(Command::RevealSoftwareKeys { product: id.clone() }, reveal_refusal) {
                                                focus_soon(format!("{id}-revealed"));
                                            }
                                        }
                                    />
                                }
                                    .into_any()
                            }
                        })
                }}
                <Refusal error=reveal_refusal />
            </section>
        </div>
        <div class="sw-remove">
            <p class="muted">{pick("Entered by mistake?", "Saisi par erreur ?")}</p>
            {move || {
                let id = remove_id.clone();
                let name = row.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default());
                let question = format!(
                    "{} {name} {}",
                    pick("Remove", "Retirer"),
                    pick(
                        "from the workspace? Do this only for a product entered by mistake.",
                        "de l'espace de travail ? À faire seulement pour un produit saisi par erreur.",
                    ),
                );
                view! {
                    <RemoveRecordButton
                        record=RecordRef::Software(id)
                        label=pick("Remove this product", "Retirer ce produit")
                        question=question
                        refusal=remove_refusal
                    />
                }
            }}
            <Refusal error=remove_refusal />
        </div>
    }
}

#[component]
fn KeyTable(keys: Vec<KeyLine>) -> impl IntoView {
    if keys.is_empty() {
        return view! {
            <p class="muted">{pick("No key is recorded for this product.", "Aucune clé n'est enregistrée pour ce produit.")}</p>
        }
            .into_any();
    }
    view! {
        <TableScroll label=pick("Product keys", "Clés de produit")>
            <table class="data-table sw-key-table">
                <thead>
                    <tr>
                        <th scope="col">{pick("Key", "Clé")}</th>
                        <th scope="col" class="num">{pick("Activations", "Activations")}</th>
                    </tr>
                </thead>
                <tbody>
                    {keys
                        .into_iter()
                        .map(|k| {
                            let copy = k.full.then(|| {
                                let label = format!(
                                    "{} {}",
                                    pick("Copy the key ending", "Copier la clé se terminant par"),
                                    k.text.rsplit('-').next().unwrap_or_default(),
                                );
                                view! { <CopyButton text=Signal::stored(k.text.clone()) label=label /> }
                            });
                            view! {
                                <tr data-key-state=if k.full { "full" } else { "masked" }>
                                    <td>
                                        <span class="key-text">{k.text.clone()}</span>
                                        " "
                                        {copy}
                                    </td>
                                    <td class="num">{k.activations}</td>
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

/// "Add a software product": the record of a product Partner Center lists.
#[component]
fn AddSoftwareProduct() -> impl IntoView {
    let store = Store::get();
    let name = RwSignal::new(String::new());
    let offer = RwSignal::new(offer_code(Offer::ActionPack).to_string());
    let package = RwSignal::new(String::new());
    let languages = RwSignal::new(String::new());
    let os_types = RwSignal::new(String::new());
    let downloads = RwSignal::new(BTreeMap::<(String, String), String>::new());
    let keys = RwSignal::new(String::new());
    let default_activations = RwSignal::new(String::new());
    let instructions = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<String>::new());
    let refusal = RwSignal::new(None::<DomainError>);
    let added = RwSignal::new(None::<String>);
    let packages = Memo::new(move |_| {
        store.doc.with(|d| {
            d.workspace()
                .packages()
                .values()
                .map(|p| (p.id.to_string(), p.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let grid = Memo::new(move |_| {
        let ls = split_list(&languages.get());
        let os = split_list(&os_types.get());
        ls.iter()
            .flat_map(|l| os.iter().map(move |o| (l.clone(), o.clone())))
            .collect::<Vec<_>>()
    });
    // Core's review of the key box, as the partner types (nothing is added).
    let review = Memo::new(move |_| {
        keys.with(|k| {
            default_activations.with(|d| {
                store
                    .doc
                    .with(|doc| benefits_core::review_software_keys(doc.workspace(), k, d))
            })
        })
    });
    // Problems beside the form go as soon as a field changes.
    let edited = move || {
        problems.set(Vec::new());
        refusal.set(None);
    };
    let on_submit = move |ev: ev::SubmitEvent| {
        ev.prevent_default();
        added.set(None);
        let form = SoftwareForm {
            name: name.get_untracked(),
            offer: offer.get_untracked(),
            package: package.get_untracked(),
            languages: languages.get_untracked(),
            os_types: os_types.get_untracked(),
            downloads: downloads.get_untracked(),
            keys: keys.get_untracked(),
            default_activations: default_activations.get_untracked(),
            instructions: instructions.get_untracked(),
        };
        match store.doc.with_untracked(|d| form.read(d.workspace())) {
            Err(p) => {
                refusal.set(None);
                problems.set(p);
            }
            Ok(product) => {
                problems.set(Vec::new());
                let title = product.name.trim().to_string();
                if run(Command::AddSoftwareProduct { product }, refusal) {
                    added.set(Some(format!("{} {title}.", pick("Added", "Ajouté :"))));
                    for s in [
                        name,
                        package,
                        languages,
                        os_types,
                        keys,
                        default_activations,
                        instructions,
                    ] {
                        s.set(String::new());
                    }
                    downloads.set(BTreeMap::new());
                }
            }
        }
    };
    view! {
        <section class="section" aria-labelledby="sw-add">
            <details class="card sw-form-card">
                <summary>
                    <h2 id="sw-add" class="summary-heading">{pick("Add a software product", "Ajouter un produit logiciel")}</h2>
                </summary>
                <form class="sw-form" on:submit=on_submit>
                    <div class="form-grid">
                        <div>
                            <label for="sw-new-name">{pick("Product name", "Nom du produit")}</label>
                            <input id="sw-new-name" type="text" bind:value=name on:input=move |_| edited() />
                        </div>
                        <div>
                            <label for="sw-new-offer">{pick("Offer", "Offre")}</label>
                            <select id="sw-new-offer" bind:value=offer>
                                {Offer::ALL
                                    .into_iter()
                                    .map(|o| view! { <option value=offer_code(o)>{offer_label(o)}</option> })
                                    .collect_view()}
                            </select>
                        </div>
                        <div>
                            <label for="sw-new-package">{pick("Package", "Package")}</label>
                            <select id="sw-new-package" bind:value=package>
                                <option value="">{pick("None", "Aucun")}</option>
                                {move || {
                                    packages
                                        .get()
                                        .into_iter()
                                        .map(|(id, name)| view! { <option value=id.clone()>{format!("{name} ({id})")}</option> })
                                        .collect_view()
                                }}
                            </select>
                        </div>
                    </div>
                    <div class="form-grid">
                        <div>
                            <label for="sw-new-languages">{pick("Languages", "Langues")}</label>
                            <input id="sw-new-languages" type="text" aria-describedby="sw-new-languages-hint" bind:value=languages />
                            <p id="sw-new-languages-hint" class="hint muted">
                                {pick("Separated by commas: English, French", "Séparées par des virgules : English, French")}
                            </p>
                        </div>
                        <div>
                            <label for="sw-new-os">{pick("OS types", "Types de système")}</label>
                            <input id="sw-new-os" type="text" aria-describedby="sw-new-os-hint" bind:value=os_types />
                            <p id="sw-new-os-hint" class="hint muted">
                                {pick("Separated by commas: Windows x64, Windows ARM64", "Séparés par des virgules : Windows x64, Windows ARM64")}
                            </p>
                        </div>
                    </div>
                    <fieldset class="sw-grid-fieldset">
                        <legend>{pick("Download links", "Liens de téléchargement")}</legend>
                        <Show
                            when=move || !grid.with(Vec::is_empty)
                            fallback=|| view! {
                                <p class="muted">
                                    {pick(
                                        "Enter the languages and OS types first: one link per language and OS type can then be given.",
                                        "Indiquez d'abord les langues et les types de système : un lien par langue et type de système pourra alors être saisi.",
                                    )}
                                </p>
                            }
                        >
                            <div class="form-grid">
                                <For
                                    each=move || grid.get()
                                    key=|pair| pair.clone()
                                    children=move |(l, o)| {
                                        let input_id = format!("sw-new-link-{}-{}", slug(&l), slug(&o));
                                        let pair = (l.clone(), o.clone());
                                        let initial = downloads.with_untracked(|m| m.get(&pair).cloned().unwrap_or_default());
                                        view! {
                                            <div>
                                                <label for=input_id.clone()>{format!("{l} · {o}")}</label>
                                                <input
                                                    id=input_id
                                                    type="url"
                                                    placeholder="https://"
                                                    prop:value=initial
                                                    on:input=move |ev| {
                                                        let v = event_target_value(&ev);
                                                        downloads.update(|m| {
                                                            m.insert(pair.clone(), v);
                                                        });
                                                    }
                                                />
                                            </div>
                                        }
                                    }
                                />
                            </div>
                        </Show>
                    </fieldset>
                    <div class="form-row">
                        <label for="sw-new-keys">{pick("Product keys", "Clés de produit")}</label>
                        <textarea
                            id="sw-new-keys"
                            rows="4"
                            spellcheck="false"
                            autocomplete="off"
                            aria-describedby="sw-new-keys-hint sw-new-keys-review"
                            bind:value=keys
                            on:input=move |_| edited()
                        ></textarea>
                        <p id="sw-new-keys-hint" class="hint muted">
                            {pick(
                                "One key per line, followed by its number of activations: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX, 10",
                                "Une clé par ligne, suivie de son nombre d'activations : XXXXX-XXXXX-XXXXX-XXXXX-XXXXX, 10",
                            )}
                        </p>
                        // The same review as "Add product keys": every line that cannot be
                        // used, by its number in the box, as the partner types.
                        <div id="sw-new-keys-review" class="az-review" aria-live="polite">
                            {move || review.with(|r| {
                                if let Some(e) = r.refused.as_ref() {
                                    return view! { <p class="refusal" data-code=e.code.as_str()>{i18n::refusal(e)}</p> }.into_any();
                                }
                                if r.problems.is_empty() {
                                    return ().into_any();
                                }
                                let lines = r.problems.iter().take(SHOWN_LINES).map(|p| {
                                    view! { <li data-line=p.line>{key_problem_text(p)}</li> }
                                }).collect_view();
                                let more = more_lines(r.problems.len());
                                view! {
                                    <p class="az-problems-title">
                                        {pick("These lines cannot be used yet:", "Ces lignes ne peuvent pas encore être utilisées :")}
                                    </p>
                                    <ul class="az-problems">{lines}</ul>
                                    {more.map(|m| view! { <p class="muted">{m}</p> })}
                                }
                                .into_any()
                            })}
                        </div>
                    </div>
                    <div class="form-grid">
                        <div>
                            <label for="sw-new-activations">{pick("Activations per key", "Activations par clé")}</label>
                            <input
                                id="sw-new-activations"
                                type="text"
                                inputmode="numeric"
                                aria-describedby="sw-new-activations-hint sw-new-activations-problem"
                                bind:value=default_activations
                                on:input=move |_| edited()
                            />
                            <p id="sw-new-activations-hint" class="hint muted">
                                {pick("For the lines that give none.", "Pour les lignes qui n'en donnent pas.")}
                            </p>
                            <div aria-live="polite">
                                {move || review.with(|r| r.default_problem.as_ref().map(|e| view! {
                                    <p id="sw-new-activations-problem" class="refusal" data-code=e.code.as_str()>{i18n::refusal(e)}</p>
                                }))}
                            </div>
                        </div>
                    </div>
                    <div class="form-row">
                        <label for="sw-new-instructions">{pick("Special instructions", "Instructions particulières")}</label>
                        <textarea id="sw-new-instructions" rows="3" bind:value=instructions></textarea>
                    </div>
                    <div class="button-row">
                        <button type="submit" class="button-primary">{pick("Add the product", "Ajouter le produit")}</button>
                    </div>
                    <Show when=move || !problems.with(Vec::is_empty)>
                        <ul class="refusal" role="alert">
                            {move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                        </ul>
                    </Show>
                    <Refusal error=refusal />
                    {move || added.get().map(|m| view! { <p class="success" role="status">{m}</p> })}
                </form>
            </details>
        </section>
    }
}

/// A piece of an element id made from a typed name.
fn slug(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Moves the keyboard focus to the element `id` once the page has been drawn again: after
/// an action whose button goes away (the focus would otherwise fall to the top of the page).
pub(crate) fn focus_soon(id: String) {
    request_animation_frame(move || browser::focus_element(&id));
}
