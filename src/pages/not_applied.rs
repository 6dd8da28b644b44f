//! "Changes not applied" (R-API-7): the changes of the signed-in person that the server did
//! not apply, each named as it was made, with the server's reason in the partner's
//! language, kept until dismissed one by one. Linked from the header while not empty.

use crate::browser;
use crate::i18n::{self, pick};
use crate::nav::HOME;
use crate::router::Link;
use crate::store::Store;
use crate::sync::{NotApplied, Reason};
use crate::views::activity_log;
use leptos::prelude::*;

#[component]
pub fn NotAppliedPage() -> impl IntoView {
    let title = pick("Changes not applied", "Modifications non appliquées");
    browser::set_title(&i18n::page_title(title));
    let store = Store::get();
    let list = Memo::new(move |_| {
        store
            .shared
            .map(|s| s.not_applied.get())
            .unwrap_or_default()
    });
    view! {
        <section class="page not-applied-page" aria-labelledby="page-title">
            <h1 id="page-title">{title}</h1>
            <Show
                when=move || !list.with(Vec::is_empty)
                fallback=|| {
                    view! {
                        <p class="lead" data-notice="all-applied">
                            {pick(
                                "Every change you made was applied by the server.",
                                "Le serveur a appliqué toutes vos modifications.",
                            )}
                        </p>
                        <p>
                            <Link href=HOME.path()>{pick("Back to the membership", "Retour à l'adhésion")}</Link>
                        </p>
                    }
                }
            >
                <p class="lead">
                    {pick(
                        "The server did not apply these changes you made, usually because another admin changed the workspace first. Nothing else of yours was changed. Read why, make the change again if it still makes sense, then dismiss it.",
                        "Le serveur n'a pas appliqué ces modifications, le plus souvent parce qu'un autre administrateur a modifié l'espace de travail avant. Rien d'autre n'a été modifié. Lisez pourquoi, refaites la modification si elle a encore un sens, puis retirez-la de la liste.",
                    )}
                </p>
                <ul class="not-applied-list">
                    <For each=move || list.get() key=|n| n.id.clone() let:entry>
                        <Entry entry=entry />
                    </For>
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn Entry(entry: NotApplied) -> impl IntoView {
    let store = Store::get();
    let change = store
        .doc
        .with_untracked(|doc| activity_log::describe(doc.workspace(), &entry.preview));
    let reason = match &entry.reason {
        Reason::Refused(error) => i18n::refusal(error),
        Reason::Rejected { code, message, .. } => match i18n::lang() {
            i18n::Lang::En => {
                format!("The server could not take this change as it was sent ({code}): {message}")
            }
            i18n::Lang::Fr => format!(
                "Le serveur n'a pas pu accepter cette modification telle qu'elle a été envoyée ({code}) : {message}"
            ),
        },
    };
    let code = match &entry.reason {
        Reason::Refused(error) => error.code.as_str().to_string(),
        Reason::Rejected { code, .. } => code.clone(),
    };
    let made = i18n::format_date_time(entry.preview.at);
    let id = entry.id.clone();
    let heading = format!("not-applied-{}", entry.id);
    view! {
        <li class="card not-applied" data-id=entry.id.clone()>
            <p class="not-applied-change" id=heading.clone()>
                {change}
            </p>
            <p class="muted not-applied-when">
                {match i18n::lang() {
                    i18n::Lang::En => format!("Made on {made} in this browser."),
                    i18n::Lang::Fr => format!("Faite le {made} dans ce navigateur."),
                }}
            </p>
            <p class="refusal not-applied-reason" data-code=code>
                <span class="not-applied-why">{pick("Why: ", "Pourquoi : ")}</span>
                {reason}
            </p>
            <button
                type="button"
                class="button-secondary"
                // The change it dismisses, for a screen reader.
                aria-describedby=heading
                on:click=move |_| crate::sync_client::dismiss(&id)
            >
                {pick("Dismiss", "Retirer")}
            </button>
        </li>
    }
}
