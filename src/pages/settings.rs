//! Settings (`/settings`, R-STATE-2): the workspace kept in this browser — export it as
//! JSON, import a file (checked in full before anything is replaced; a refused file
//! changes nothing), reset to the demo, start empty and set up the organisation, and the
//! copies of unreadable documents kept aside, each downloadable.

use crate::browser;
use crate::components::common::{run, ConfirmButton, Refusal};
use crate::i18n::{self, pick, t, Msg};
use crate::store::{StorageNotice, Store};
use crate::views::membership::{offer_id, offer_label};
use crate::views::settings::{export_file_name, import_summary, kept_copies, SetUpForm};
use benefits_core::model::Offer;
use benefits_core::{demo, Command, DomainError, Role, WorkspaceDoc};
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    browser::set_title(&i18n::page_title(t(Msg::AreaSettings)));
    let store = Store::get();
    let empty = Memo::new(move |_| store.doc.with(|d| d.workspace().organisation().is_none()));
    view! {
        <section class="page settings-page" aria-labelledby="page-title">
            <h1 id="page-title">{t(Msg::AreaSettings)}</h1>
            {if store.is_shared() {
                view! {
                    <p class="lead">
                        {pick(
                            "The workspace is kept on the server and shared by your organisation's admins; this browser keeps a copy to work offline. Export it to keep a copy of your own. To start a server workspace from an exported file, the server's operator runs benefits-api init --import.",
                            "L'espace de travail est conservé sur le serveur et partagé par les administrateurs de votre organisation ; ce navigateur en garde une copie pour travailler hors ligne. Exportez-le pour en garder votre propre copie. Pour créer un espace de travail sur le serveur à partir d'un fichier exporté, l'exploitant du serveur lance benefits-api init --import.",
                        )}
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <p class="lead">
                        {pick(
                            "The workspace is kept in this browser only, saved after every change. Export it to keep a copy or to move it to another browser.",
                            "L'espace de travail est conservé uniquement dans ce navigateur, enregistré après chaque modification. Exportez-le pour en garder une copie ou le déplacer vers un autre navigateur.",
                        )}
                    </p>
                }
                    .into_any()
            }}
            <Show when=move || empty.get() fallback=|| view! { <EditOrganisation /> }>
                <SetUp />
            </Show>
            <Export />
            // Replacing the whole workspace is for the local copy only: in shared mode the
            // server's log is the truth, changed one command at a time.
            {(!store.is_shared()).then(|| view! {
                <Import />
                <Replace />
                <KeptAside />
            })}
        </section>
    }
}

/// Downloads `text`, or says why the browser would not.
fn offer_download(name: &str, mime: &str, text: &str, problem: RwSignal<Option<String>>) {
    problem.set(browser::download_text(name, mime, text).err().map(|e| {
        format!(
            "{} ({e})",
            pick(
                "The file could not be prepared",
                "Le fichier n'a pas pu être préparé"
            )
        )
    }));
}

#[component]
fn Export() -> impl IntoView {
    let store = Store::get();
    let problem = RwSignal::new(None::<String>);
    let export = move |_| match store.doc.with_untracked(|d| d.to_json()) {
        Ok(json) => offer_download(
            &export_file_name(&browser::today_iso()),
            "application/json",
            &browser::indent_json(&json),
            problem,
        ),
        Err(e) => problem.set(Some(e.to_string())),
    };
    view! {
        <section class="section card" aria-labelledby="export-title">
            <h2 id="export-title">{pick("Export", "Exporter")}</h2>
            <p>
                {pick(
                    "The whole workspace in one JSON file: the organisation, the directory, every benefit and key, and the activity log.",
                    "Tout l'espace de travail dans un fichier JSON : l'organisation, l'annuaire, chaque avantage et chaque clé, et le journal d'activité.",
                )}
            </p>
            <div class="button-row">
                <button type="button" class="button-primary" on:click=export>
                    {pick("Export the workspace (JSON)", "Exporter l'espace de travail (JSON)")}
                </button>
            </div>
            {move || problem.get().map(|p| view! { <p class="refusal" role="alert">{p}</p> })}
        </section>
    }
}

/// What happened to the chosen file.
#[derive(Clone)]
enum Picked {
    Reading,
    Refused(String),
    Ready(Box<WorkspaceDoc>),
    Imported(String),
}

#[component]
fn Import() -> impl IntoView {
    let store = Store::get();
    let picked = RwSignal::new(None::<Picked>);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let on_change = move |_| {
        let Some(file) = input_ref
            .get_untracked()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            picked.set(None);
            return;
        };
        picked.set(Some(Picked::Reading));
        leptos::task::spawn_local(async move {
            let outcome = match browser::read_file_text(file).await {
                Err(e) => Picked::Refused(match i18n::lang() {
                    i18n::Lang::En => format!("The file could not be read ({e})."),
                    i18n::Lang::Fr => format!("Le fichier n'a pas pu être lu ({e})."),
                }),
                Ok(text) => match WorkspaceDoc::from_json(&text) {
                    Ok(doc) => Picked::Ready(Box::new(doc)),
                    Err(e) => Picked::Refused(i18n::load_error(&e)),
                },
            };
            picked.set(Some(outcome));
        });
    };
    let replace = move || {
        if let Some(Picked::Ready(doc)) = picked.get_untracked() {
            let summary = import_summary(&doc);
            store.replace(*doc);
            picked.set(Some(Picked::Imported(summary)));
            if let Some(input) = input_ref.get_untracked() {
                input.set_value("");
            }
        }
    };
    view! {
        <section class="section card" aria-labelledby="import-title">
            <h2 id="import-title">{pick("Import", "Importer")}</h2>
            <p>
                {pick(
                    "Open a file exported from this app. It is checked in full first; only then can it replace the workspace.",
                    "Ouvrez un fichier exporté depuis cette application. Il est d'abord vérifié en entier ; c'est seulement ensuite qu'il peut remplacer l'espace de travail.",
                )}
            </p>
            <div class="form-row">
                <label for="import-file">
                    {pick("Workspace file to import (JSON)", "Fichier d'espace de travail à importer (JSON)")}
                </label>
                <input
                    id="import-file"
                    type="file"
                    accept=".json,application/json"
                    node_ref=input_ref
                    on:change=on_change
                />
            </div>
            {move || {
                picked
                    .get()
                    .map(|p| match p {
                        Picked::Reading => {
                            view! { <p class="muted" role="status">{pick("Reading the file…", "Lecture du fichier…")}</p> }
                                .into_any()
                        }
                        Picked::Refused(why) => {
                            view! {
                                <div class="refusal" role="alert" data-import="refused">
                                    <p>
                                        {pick(
                                            "This file was not imported, and your workspace is unchanged.",
                                            "Ce fichier n'a pas été importé, et votre espace de travail est inchangé.",
                                        )}
                                    </p>
                                    <p>{why}</p>
                                </div>
                            }
                                .into_any()
                        }
                        Picked::Ready(doc) => {
                            view! {
                                <div class="import-ready" data-import="ready">
                                    <p class="notice">{import_summary(&doc)}</p>
                                    <ConfirmButton
                                        label=pick("Replace the workspace with this file", "Remplacer l'espace de travail par ce fichier")
                                        question=pick(
                                            "Replace everything in this browser's workspace with this file? What is there now is lost unless you exported it.",
                                            "Remplacer tout l'espace de travail de ce navigateur par ce fichier ? Son contenu actuel sera perdu si vous ne l'avez pas exporté.",
                                        )
                                        on_confirm=replace
                                    />
                                </div>
                            }
                                .into_any()
                        }
                        Picked::Imported(summary) => {
                            view! {
                                <p class="success" role="status" data-import="done">
                                    {pick("Imported: ", "Importé : ")}
                                    {summary}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </section>
    }
}

/// Reset to the demo, or start empty.
#[component]
fn Replace() -> impl IntoView {
    let store = Store::get();
    let done = RwSignal::new(None::<&'static str>);
    view! {
        <section class="section card" aria-labelledby="replace-title">
            <h2 id="replace-title">{pick("Start again", "Recommencer")}</h2>
            <p>
                {pick(
                    "Both replace the whole workspace in this browser, activity log included. Export it first if you may want it back.",
                    "Les deux remplacent tout l'espace de travail de ce navigateur, journal d'activité compris. Exportez-le d'abord si vous pourriez en avoir besoin.",
                )}
            </p>
            <div class="replace-actions">
                <ConfirmButton
                    label=pick("Reset to the demo", "Revenir à la démonstration")
                    question=pick(
                        "Replace the whole workspace with the demo (Contoso Partners Ltd)? What is there now is lost unless you exported it.",
                        "Remplacer tout l'espace de travail par la démonstration (Contoso Partners Ltd) ? Son contenu actuel sera perdu si vous ne l'avez pas exporté.",
                    )
                    on_confirm=move || {
                        store.replace(demo::workspace(browser::today()));
                        done.set(Some(pick("The demo workspace is back.", "L'espace de démonstration est rétabli.")));
                    }
                />
                <ConfirmButton
                    label=pick("Start empty", "Partir de zéro")
                    question=pick(
                        "Empty the whole workspace and set up your own organisation? What is there now is lost unless you exported it.",
                        "Vider tout l'espace de travail et configurer votre propre organisation ? Son contenu actuel sera perdu si vous ne l'avez pas exporté.",
                    )
                    on_confirm=move || {
                        store.replace(WorkspaceDoc::new());
                        done.set(Some(pick("The workspace is empty: set up your organisation above.", "L'espace de travail est vide : configurez votre organisation ci-dessus.")));
                        request_animation_frame(|| browser::focus_element("setup-title"));
                    }
                />
            </div>
            {move || done.get().map(|m| view! { <p class="success" role="status">{m}</p> })}
        </section>
    }
}

/// The set-up of an empty workspace: the organisation and its first Global admin.
#[component]
fn SetUp() -> impl IntoView {
    let store = Store::get();
    let form = RwSignal::new(SetUpForm::new(&browser::today_iso()));
    let problem = RwSignal::new(None::<String>);
    let refusal = RwSignal::new(None::<DomainError>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.with_untracked(SetUpForm::command) {
            Err(why) => {
                problem.set(Some(why));
                refusal.set(None);
            }
            Ok(command) => {
                problem.set(None);
                if run(command, refusal) {
                    // Act as the first Global admin, whom the set-up just created.
                    let admin = store.doc.with_untracked(|d| {
                        d.workspace()
                            .users()
                            .values()
                            .find(|u| u.has_role(Role::GlobalAdmin))
                            .map(|u| u.id.clone())
                    });
                    if let Some(id) = admin {
                        store.set_actor(id);
                    }
                }
            }
        }
    };
    let text = move |id: &'static str,
                     label: &'static str,
                     kind: &'static str,
                     get: fn(&SetUpForm) -> String,
                     set: fn(&mut SetUpForm, String)| {
        view! {
            <div>
                <label for=id>{label}</label>
                <input
                    id=id
                    type=kind
                    prop:value=move || form.with(get)
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                />
            </div>
        }
    };
    view! {
        <section class="section card setup" aria-labelledby="setup-title">
            <h2 id="setup-title" tabindex="-1">
                {pick("Set up your organisation", "Configurer votre organisation")}
            </h2>
            <p>
                {pick(
                    "This workspace is empty. Enter your membership as Partner Center shows it, and the first Global admin (you, most likely).",
                    "Cet espace de travail est vide. Saisissez votre adhésion telle que Partner Center l'affiche, et le premier administrateur général (vous, le plus souvent).",
                )}
            </p>
            <form on:submit=on_submit novalidate>
                <fieldset class="plain">
                    <legend class="setup-legend">{pick("The organisation", "L'organisation")}</legend>
                    <div class="form-grid">
                        {text("setup-org", pick("Organisation name", "Nom de l'organisation"), "text", |f| f.organisation.clone(), |f, v| f.organisation = v)}
                        {text("setup-mpn", pick("MPN ID", "ID MPN"), "text", |f| f.mpn_id.clone(), |f, v| f.mpn_id = v)}
                        {text("setup-company-email", pick("Company account email", "E-mail du compte de l'entreprise"), "email", |f| f.company_email.clone(), |f, v| f.company_email = v)}
                        {text("setup-currency", pick("Currency (ISO code)", "Devise (code ISO)"), "text", |f| f.currency.clone(), |f, v| f.currency = v)}
                        {text("setup-start", pick("Enrollment year start", "Début de l'année d'inscription"), "date", |f| f.enrollment_start.clone(), |f, v| f.enrollment_start = v)}
                        {text("setup-competencies", pick("Competencies (separate with commas)", "Compétences (séparées par des virgules)"), "text", |f| f.competencies.clone(), |f, v| f.competencies = v)}
                        {text("setup-tenant-name", pick("Tenant name", "Nom du locataire"), "text", |f| f.tenant_name.clone(), |f, v| f.tenant_name = v)}
                        {text("setup-tenant-domain", pick("Tenant domain", "Domaine du locataire"), "text", |f| f.tenant_domain.clone(), |f, v| f.tenant_domain = v)}
                    </div>
                    <fieldset class="role-choices">
                        <legend>{pick("Offers", "Offres")}</legend>
                        {Offer::ALL
                            .into_iter()
                            .map(|o| {
                                let id = format!("setup-offer-{}", offer_id(o));
                                view! {
                                    <div class="check">
                                        <input
                                            type="checkbox"
                                            id=id.clone()
                                            prop:checked=move || form.with(|f| f.offers.contains(&o))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                form.update(|f| {
                                                    if on {
                                                        f.offers.insert(o);
                                                    } else {
                                                        f.offers.remove(&o);
                                                    }
                                                });
                                            }
                                        />
                                        <label for=id>{offer_label(o)}</label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                </fieldset>
                <fieldset class="plain">
                    <legend class="setup-legend">{pick("The first Global admin", "Le premier administrateur général")}</legend>
                    <div class="form-grid">
                        {text("setup-admin-name", pick("Name", "Nom"), "text", |f| f.admin_name.clone(), |f, v| f.admin_name = v)}
                        {text("setup-admin-email", pick("Email", "Adresse e-mail"), "email", |f| f.admin_email.clone(), |f, v| f.admin_email = v)}
                    </div>
                </fieldset>
                <div class="button-row">
                    <button type="submit" class="button-primary">
                        {pick("Set up the organisation", "Configurer l'organisation")}
                    </button>
                </div>
                {move || problem.get().map(|p| view! { <p class="refusal" role="alert">{p}</p> })}
                <Refusal error=refusal />
            </form>
        </section>
    }
}

/// The organisation's details after set-up (R-MEM-1), changed through `UpdateOrganisation`;
/// the activity log records what changed. Who may do it is core's answer (`may_give`), said
/// before anything is typed.
#[component]
fn EditOrganisation() -> impl IntoView {
    let store = Store::get();
    let current = move || {
        store.doc.with(|d| {
            d.workspace()
                .organisation()
                .map(SetUpForm::from_organisation)
        })
    };
    let form = RwSignal::new(current().unwrap_or_else(|| SetUpForm::new(&browser::today_iso())));
    let problem = RwSignal::new(None::<String>);
    let refusal = RwSignal::new(None::<DomainError>);
    let saved = RwSignal::new(false);
    let not_you = Memo::new(move |_| {
        let organisation = store.doc.with(|d| d.workspace().organisation().cloned())?;
        store.may_give(&Command::UpdateOrganisation { organisation })
    });
    let edited = move || {
        problem.set(None);
        refusal.set(None);
        saved.set(false);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        match form.with_untracked(SetUpForm::update_command) {
            Err(why) => {
                problem.set(Some(why));
                refusal.set(None);
            }
            Ok(command) => {
                problem.set(None);
                if run(command, refusal) {
                    saved.set(true);
                    if let Some(f) = current() {
                        form.set(f);
                    }
                }
            }
        }
    };
    let text = move |id: &'static str,
                     label: &'static str,
                     kind: &'static str,
                     get: fn(&SetUpForm) -> String,
                     set: fn(&mut SetUpForm, String)| {
        view! {
            <div>
                <label for=id>{label}</label>
                <input
                    id=id
                    type=kind
                    prop:value=move || form.with(get)
                    on:input=move |ev| {
                        edited();
                        form.update(|f| set(f, event_target_value(&ev)));
                    }
                />
            </div>
        }
    };
    view! {
        <section class="section card org-edit" id="organisation" aria-labelledby="org-edit-title">
            <h2 id="org-edit-title">{pick("The organisation's details", "Les informations de l'organisation")}</h2>
            {move || match not_you.get() {
                Some(e) => view! {
                    <p class="muted not-as-you" data-code=e.code.as_str()>{i18n::refusal(&e)}</p>
                }
                .into_any(),
                None => view! {
                    <p class="muted">
                        {pick(
                            "Correct them as Partner Center shows them; the activity log records what changed. The currency changes only while no amount is recorded in it.",
                            "Corrigez-les telles que Partner Center les affiche ; le journal d'activité garde la trace de chaque changement. La devise ne change que tant qu'aucun montant n'y est enregistré.",
                        )}
                    </p>
                    <form on:submit=on_submit novalidate>
                        <div class="form-grid">
                            {text("org-name", pick("Organisation name", "Nom de l'organisation"), "text", |f| f.organisation.clone(), |f, v| f.organisation = v)}
                            {text("org-mpn", pick("MPN ID", "ID MPN"), "text", |f| f.mpn_id.clone(), |f, v| f.mpn_id = v)}
                            {text("org-company-email", pick("Company account email", "E-mail du compte de l'entreprise"), "email", |f| f.company_email.clone(), |f, v| f.company_email = v)}
                            {text("org-currency", pick("Currency (ISO code)", "Devise (code ISO)"), "text", |f| f.currency.clone(), |f, v| f.currency = v)}
                            {text("org-start", pick("Enrollment year start", "Début de l'année d'inscription"), "date", |f| f.enrollment_start.clone(), |f, v| f.enrollment_start = v)}
                            {text("org-competencies", pick("Competencies (separate with commas)", "Compétences (séparées par des virgules)"), "text", |f| f.competencies.clone(), |f, v| f.competencies = v)}
                            {text("org-tenant-name", pick("Tenant name", "Nom du locataire"), "text", |f| f.tenant_name.clone(), |f, v| f.tenant_name = v)}
                            {text("org-tenant-domain", pick("Tenant domain", "Domaine du locataire"), "text", |f| f.tenant_domain.clone(), |f, v| f.tenant_domain = v)}
                        </div>
                        <fieldset class="role-choices">
                            <legend>{pick("Offers", "Offres")}</legend>
                            {Offer::ALL
                                .into_iter()
                                .map(|o| {
                                    let id = format!("org-offer-{}", offer_id(o));
                                    view! {
                                        <div class="check">
                                            <input
                                                type="checkbox"
                                                id=id.clone()
                                                prop:checked=move || form.with(|f| f.offers.contains(&o))
                                                on:change=move |ev| {
                                                    edited();
                                                    let on = event_target_checked(&ev);
                                                    form.update(|f| {
                                                        if on {
                                                            f.offers.insert(o);
                                                        } else {
                                                            f.offers.remove(&o);
                                                        }
                                                    });
                                                }
                                            />
                                            <label for=id>{offer_label(o)}</label>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                        <div class="button-row">
                            <button type="submit" class="button-primary">
                                {pick("Save the details", "Enregistrer les informations")}
                            </button>
                        </div>
                        {move || problem.get().map(|p| view! { <p class="refusal" role="alert">{p}</p> })}
                        <Refusal error=refusal />
                        {move || saved.get().then(|| view! {
                            <p class="success" role="status">
                                {pick("Saved. The activity log records what changed.", "Enregistré. Le journal d'activité garde la trace de ce qui a changé.")}
                            </p>
                        })}
                    </form>
                }
                .into_any(),
            }}
        </section>
    }
}

/// The copies of unreadable documents kept aside (never overwritten), each downloadable.
#[component]
fn KeptAside() -> impl IntoView {
    let store = Store::get();
    let keys = store.keys();
    let prefix = keys.unreadable_prefix();
    let main_key = keys.workspace();
    let version = RwSignal::new(0u32);
    let problem = RwSignal::new(None::<String>);
    let copies = Memo::new(move |_| {
        version.track();
        kept_copies(&browser::storage_keys(&prefix), &prefix)
    });
    let not_kept = move || {
        matches!(
            store.notice.get(),
            Some(StorageNotice::UnreadableNotKept { .. })
        )
    };
    view! {
        <section class="section card" aria-labelledby="kept-title">
            <h2 id="kept-title">{pick("Unreadable copies kept aside", "Copies illisibles mises de côté")}</h2>
            <p>
                {pick(
                    "When a saved workspace cannot be read, it is kept here untouched instead of being overwritten. Download a copy to keep it or to send it for help.",
                    "Quand un espace de travail enregistré ne peut pas être lu, il est conservé ici intact au lieu d'être écrasé. Téléchargez-en une copie pour la garder ou l'envoyer pour obtenir de l'aide.",
                )}
            </p>
            <Show when=not_kept>
                {
                    let main_key = main_key.clone();
                    view! {
                        <div class="button-row">
                            <button
                                type="button"
                                class="button-secondary"
                                on:click=move |_| {
                                    match browser::storage_get(&main_key) {
                                        Ok(Some(text)) => offer_download("unreadable-workspace.json", "application/json", &text, problem),
                                        _ => problem.set(Some(pick("Nothing is stored any more.", "Plus rien n'est enregistré.").to_string())),
                                    }
                                }
                            >
                                {pick("Download the unreadable saved workspace", "Télécharger l'espace de travail illisible")}
                            </button>
                        </div>
                    }
                }
            </Show>
            <Show
                when=move || copies.with(|c| !c.is_empty())
                fallback=|| view! { <p class="muted">{pick("None: every saved workspace so far could be read.", "Aucune : chaque espace de travail enregistré a pu être lu jusqu'ici.")}</p> }
            >
                <ul class="kept-list">
                    <For each=move || copies.get() key=|c| c.key.clone() let:copy>
                        {
                            let key = copy.key.clone();
                            let key_remove = copy.key.clone();
                            let file = copy.file_name();
                            let size = browser::storage_get(&copy.key)
                                .ok()
                                .flatten()
                                .map(|t| t.chars().count())
                                .unwrap_or(0);
                            let label = match i18n::lang() {
                                i18n::Lang::En => format!("Kept on {} ({} characters)", copy.when(), i18n::format_count(size as i64)),
                                i18n::Lang::Fr => format!("Mise de côté le {} ({} caractères)", copy.when(), i18n::format_count(size as i64)),
                            };
                            view! {
                                <li class="kept-copy" data-key=copy.key.clone()>
                                    <span>{label}</span>
                                    <div class="button-row">
                                        <button
                                            type="button"
                                            class="button-secondary"
                                            on:click=move |_| {
                                                match browser::storage_get(&key) {
                                                    Ok(Some(text)) => offer_download(&file, "application/json", &text, problem),
                                                    _ => problem.set(Some(pick("This copy is no longer stored.", "Cette copie n'est plus enregistrée.").to_string())),
                                                }
                                            }
                                        >
                                            {pick("Download", "Télécharger")}
                                        </button>
                                        <ConfirmButton
                                            label=pick("Delete this copy", "Supprimer cette copie")
                                            question=pick(
                                                "Delete this copy from the browser? Download it first if you may need it.",
                                                "Supprimer cette copie du navigateur ? Téléchargez-la d'abord si vous pourriez en avoir besoin.",
                                            )
                                            on_confirm=move || {
                                                if let Err(e) = browser::storage_remove(&key_remove) {
                                                    problem.set(Some(e.0));
                                                }
                                                version.update(|v| *v += 1);
                                            }
                                        />
                                    </div>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
            {move || problem.get().map(|p| view! { <p class="refusal" role="alert">{p}</p> })}
        </section>
    }
}
