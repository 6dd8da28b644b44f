//! The workspace frame around every page: a header with the product name, who is acting and
//! the language; a left menu of the areas (a "Menu" button on narrow screens); a banner when
//! saving in the browser went wrong; and the main region, behind the access gate of R-ROLE-1.
//!
//! Shared mode (R-API-7): the header names the person signed in (instead of "Acting as"),
//! with "Sign out", the connection's state and the changes waiting, and "Changes not
//! applied" while there are any; nobody signed in, the sign-in page stands in place of
//! every page (the page asked for opens once signed in).

use crate::browser;
use crate::i18n::{self, pick, t, Lang, Msg};
use crate::lazy_pages::{Lazily, SharedPage};
use crate::nav::{Area, HOME, INVITATION_PATH, NOT_APPLIED_PATH};
use crate::router::use_location;
use crate::router::Link;
use crate::store::{Shared, StorageNotice, Store};
use benefits_core::{DomainError, UserId, Workspace};
use leptos::prelude::*;

/// What the acting user may see (R-ROLE-1: a user with no role sees only whom to ask).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Anyone with a role may view the workspace.
    Open,
    /// The workspace has no organisation yet: only Settings (to set it up or bring back the
    /// demo) has something to show.
    Empty,
    /// Unknown, disabled or without a role: the engine's refusal says whom to ask.
    Refused(DomainError),
}

/// The engine's "view" row for `actor` (`Workspace::check_can_view`), read for the frame.
pub fn access(ws: &Workspace, actor: &UserId) -> Access {
    if ws.organisation().is_none() {
        return Access::Empty;
    }
    match ws.check_can_view(actor) {
        Ok(_) => Access::Open,
        Err(e) => Access::Refused(e),
    }
}

#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    let store = Store::get();
    let menu_open = RwSignal::new(false);
    // Following a menu link closes the menu on narrow screens.
    let pathname = use_location().pathname;
    Effect::new(move |_| {
        pathname.track();
        menu_open.set(false);
    });
    let access = Memo::new(move |_| {
        let actor = store.actor.get();
        store.doc.with(|doc| access(doc.workspace(), &actor))
    });
    // Shared mode: who is signed in, and whether the workspace is here yet.
    let door = Memo::new(move |_| {
        let shared = store.shared?;
        if pathname.with(|p| p == INVITATION_PATH) {
            return Some(Door::Invitation);
        }
        if shared.session.with(Option::is_none) {
            return Some(Door::SignIn);
        }
        if let Some(error) = shared.refused.get() {
            return Some(Door::Refused(error));
        }
        (!shared.ready.get()).then_some(Door::Loading)
    });
    let refused = Memo::new(move |_| {
        door.with(Option::is_some) || access.with(|a| matches!(a, Access::Refused(_)))
    });
    // What stands in place of the page, if anything. The address is read only while the
    // workspace is empty, so the pages are not drawn again on every navigation, nor when
    // Settings fills an empty workspace.
    let gate = Memo::new(move |_| match access.get() {
        Access::Open => None,
        Access::Empty if pathname.get() == Area::Settings.path() => None,
        other => Some(other),
    });
    view! {
        // Embedded, the in-page jumps (the skip link) are the app's own (router::in_page_jump).
        <div class="app" on:click=crate::router::in_page_jump>
            <Header menu_open=menu_open gated=refused />
            <div class="app-body" class:app-body-gated=move || refused.get()>
                <Show when=move || !refused.get()>
                    <SideNav menu_open=menu_open />
                </Show>
                <main id="main" class="app-main" tabindex="-1">
                    <StorageBanner />
                    <PageWaitingBanner />
                    <UpdateBanner />
                    {move || match door.get() {
                        Some(Door::Invitation) => {
                            view! { <Lazily page=SharedPage::Invitation /> }.into_any()
                        }
                        Some(Door::SignIn) => view! { <Lazily page=SharedPage::SignIn /> }.into_any(),
                        Some(Door::Refused(error)) => view! { <Gate error=error /> }.into_any(),
                        Some(Door::Loading) => view! { <Loading /> }.into_any(),
                        None => {
                            match gate.get() {
                                None => children().into_any(),
                                Some(Access::Refused(error)) => {
                                    view! { <Gate error=error /> }.into_any()
                                }
                                Some(_) => view! { <EmptyWorkspace /> }.into_any(),
                            }
                        }
                    }}
                </main>
            </div>
        </div>
    }
}

/// Shared mode: what stands in place of every page before the workspace can be shown.
#[derive(Debug, Clone, PartialEq)]
enum Door {
    /// `/invitation#…`: the invited person sets a password.
    Invitation,
    /// Nobody is signed in.
    SignIn,
    /// The server will not show this person the workspace (403: no role…).
    Refused(DomainError),
    /// Signed in on this browser for the first time: the workspace is on its way.
    Loading,
}

#[component]
fn Loading() -> impl IntoView {
    view! {
        <section class="page gate" aria-labelledby="loading-title" data-gate="loading">
            <h1 id="loading-title">{pick("Opening the workspace…", "Ouverture de l'espace de travail…")}</h1>
            <p class="gate-message" role="status">
                {pick(
                    "The workspace is on its way from the server; this browser keeps a copy from now on, to work offline too.",
                    "L'espace de travail arrive du serveur ; ce navigateur en garde désormais une copie, pour travailler aussi hors ligne.",
                )}
            </p>
        </section>
    }
}

#[component]
fn Header(menu_open: RwSignal<bool>, gated: Memo<bool>) -> impl IntoView {
    let store = Store::get();
    view! {
        <header class="app-header">
            // The router leaves links marked external to the browser: a plain jump to #main.
            <a class="skip-link" href="#main" rel="external">
                {t(Msg::SkipToContent)}
            </a>
            <div class="header-bar">
                <button
                    type="button"
                    class="menu-button"
                    hidden=move || gated.get()
                    aria-controls="side-nav"
                    aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| menu_open.update(|open| *open = !*open)
                >
                    <span class="menu-icon" aria-hidden="true"></span>
                    {t(Msg::MenuButton)}
                </button>
                <Link href=HOME.path() class="brand">
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-name">{t(Msg::AppName)}</span>
                </Link>
            </div>
            <div class="header-controls">
                {match store.shared {
                    None => view! { <ActingAs /> }.into_any(),
                    Some(shared) => view! { <SignedIn shared=shared /> }.into_any(),
                }}
                <LanguageChoice />
            </div>
        </header>
    }
}

/// "Acting as": every directory user with their roles; choosing one acts as them from now
/// on (remembered across reloads). Disabled users and users without a role are listed too,
/// marked, so that a tester can see what they see.
#[component]
fn ActingAs() -> impl IntoView {
    let store = Store::get();
    // Only the names and roles: the menu is not redrawn for changes elsewhere.
    let people = Memo::new(move |_| {
        store.doc.with(|doc| {
            doc.workspace()
                .users()
                .values()
                .map(|u| (u.id.to_string(), i18n::user_with_roles(u)))
                .collect::<Vec<_>>()
        })
    });
    let on_change = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if !id.is_empty() {
            store.set_actor(UserId::new(id));
        }
    };
    // Drawn once per person (keyed): adding a user inserts one option, not thousands.
    // The initial choice is the `selected` attribute; later ones set the select's value.
    let initial = store.actor.get_untracked().to_string();
    let known = Memo::new(move |_| {
        let actor = store.actor.get();
        people.with(|p| p.iter().any(|(id, _)| *id == actor.as_str()))
    });
    let select = NodeRef::<leptos::html::Select>::new();
    // Runs after the options are drawn, so the value always finds its option.
    Effect::new(move |_| {
        let actor = store.actor.get();
        people.track();
        if let Some(select) = select.get() {
            select.set_value(if known.get() { actor.as_str() } else { "" });
        }
    });
    view! {
        <div class="header-field header-field-actor">
            <label for="acting-as">{t(Msg::ActingAs)}</label>
            <select id="acting-as" node_ref=select on:change=on_change>
                <Show when=move || !known.get()>
                    <option value="" selected=true disabled=true>
                        {move || {
                            if people.with(Vec::is_empty) {
                                t(Msg::NoUsersYet).to_string()
                            } else {
                                store.actor.get().to_string()
                            }
                        }}
                    </option>
                </Show>
                <For each=move || people.get() key=|p| p.clone() let:person>
                    <option value=person.0.clone() selected=person.0 == initial>
                        {person.1.clone()}
                    </option>
                </For>
            </select>
        </div>
    }
}

/// Shared mode: the connection's state and the changes waiting (`data-sync-status`,
/// `data-pending`), "Changes not applied" while there are any, the person signed in and
/// "Sign out".
#[component]
fn SignedIn(shared: Shared) -> impl IntoView {
    let store = Store::get();
    let asking = RwSignal::new(false);
    let sign_out = move |_| {
        // Changes not yet sent stay in this browser: say so before signing out.
        if shared.waiting.get_untracked() > 0 && !asking.get_untracked() {
            asking.set(true);
            return;
        }
        asking.set(false);
        if let Some(sync) = crate::sync_client::installed() {
            (sync.sign_out)(store);
        }
    };
    let status = move || {
        let (link, waiting) = (shared.link.get(), shared.waiting.get());
        crate::sync::status_words(link, waiting, i18n::lang() == Lang::Fr)
    };
    let not_applied = move || shared.not_applied.with(Vec::len);
    move || {
        shared.session.get().map(|session| {
            view! {
                <p
                    class="sync-status"
                    role="status"
                    data-sync-status=move || shared.link.get().name()
                    data-pending=move || shared.waiting.get().to_string()
                >
                    <span class="sync-dot" aria-hidden="true"></span>
                    {status}
                </p>
                {move || {
                    (not_applied() > 0)
                        .then(|| {
                            view! {
                                <Link href=NOT_APPLIED_PATH class="header-alert">
                                    {move || {
                                        format!(
                                            "{} ({})",
                                            pick("Changes not applied", "Modifications non appliquées"),
                                            not_applied(),
                                        )
                                    }}
                                </Link>
                            }
                        })
                }}
                <div class="header-field header-user">
                    <span class="header-user-label">{pick("Signed in as", "Connecté en tant que")}</span>
                    <span class="header-user-name">{session.name.clone()}</span>
                    <button type="button" class="button-secondary sign-out" on:click=sign_out>
                        {pick("Sign out", "Se déconnecter")}
                    </button>
                </div>
                {move || {
                    asking
                        .get()
                        .then(|| {
                            let waiting = shared.waiting.get();
                            view! {
                                <div class="sign-out-question" role="alert">
                                    <p>
                                        {match i18n::lang() {
                                            Lang::En => format!("{waiting} of your changes have not reached the server yet. They stay in this browser and are sent when you sign in here again."),
                                            Lang::Fr => format!("{waiting} de vos modifications ne sont pas encore parvenues au serveur. Elles restent dans ce navigateur et seront envoyées quand vous vous reconnecterez ici."),
                                        }}
                                    </p>
                                    <div class="button-row">
                                        <button type="button" class="button-primary" on:click=sign_out>
                                            {pick("Sign out anyway", "Se déconnecter quand même")}
                                        </button>
                                        <button type="button" class="button-secondary" on:click=move |_| asking.set(false)>
                                            {pick("Stay signed in", "Rester connecté")}
                                        </button>
                                    </div>
                                </div>
                            }
                        })
                }}
            }
        })
    }
}

/// The interface language, each named in its own language.
#[component]
fn LanguageChoice() -> impl IntoView {
    let store = Store::get();
    let current = store.lang.get_untracked();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
            store.set_lang(lang);
            // The page is drawn again in the new language; keep the keyboard where it was.
            request_animation_frame(|| browser::focus_element("language"));
        }
    };
    view! {
        <div class="header-field header-field-lang">
            <label for="language">{t(Msg::LanguageLabel)}</label>
            <select id="language" on:change=on_change>
                <option value="en" lang="en" selected=current == Lang::En>
                    "English"
                </option>
                <option value="fr" lang="fr" selected=current == Lang::Fr>
                    "Français"
                </option>
            </select>
        </div>
    }
}

#[component]
fn SideNav(menu_open: RwSignal<bool>) -> impl IntoView {
    view! {
        <nav
            id="side-nav"
            class="side-nav"
            class:open=move || menu_open.get()
            aria-label=t(Msg::NavLabel)
        >
            <p class="nav-group" id="nav-benefits">
                {t(Msg::NavBenefits)}
            </p>
            <ul aria-labelledby="nav-benefits">
                {Area::BENEFITS.into_iter().map(|area| view! { <NavItem area=area /> }).collect_view()}
            </ul>
            <ul class="nav-tools">
                {Area::TOOLS.into_iter().map(|area| view! { <NavItem area=area /> }).collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn NavItem(area: Area) -> impl IntoView {
    view! {
        <li>
            // Marked as current on its page only (router::is_current).
            <Link href=area.path()>{area.name()}</Link>
        </li>
    }
}

/// What a user without access sees instead of any page: the engine's words on whom to ask.
#[component]
fn Gate(error: DomainError) -> impl IntoView {
    browser::set_title(&i18n::page_title(t(Msg::GateTitle)));
    view! {
        <section class="page gate" aria-labelledby="gate-title" data-gate=error.code.as_str()>
            <h1 id="gate-title">{t(Msg::GateTitle)}</h1>
            <p class="gate-message" role="status">
                {i18n::refusal(&error)}
            </p>
            <p class="muted">{t(Msg::GateSwitchHint)}</p>
        </section>
    }
}

/// An empty workspace (after "Start empty"): the way to Settings.
#[component]
fn EmptyWorkspace() -> impl IntoView {
    browser::set_title(&i18n::page_title(t(Msg::EmptyWorkspaceTitle)));
    view! {
        <section class="page gate" aria-labelledby="empty-title" data-gate="empty">
            <h1 id="empty-title">{t(Msg::EmptyWorkspaceTitle)}</h1>
            <p class="gate-message">{t(Msg::EmptyWorkspaceBody)}</p>
            <p>
                <Link href=Area::Settings.path() class="button-primary">
                    {t(Msg::OpenSettings)}
                </Link>
            </p>
        </section>
    }
}

/// R-STATE-2: what went wrong with saving in this browser, until dismissed.
#[component]
fn StorageBanner() -> impl IntoView {
    let store = Store::get();
    move || {
        store.notice.get().map(|notice| {
            let (kind, text) = match &notice {
                StorageNotice::Unreadable { error, .. } => (
                    "unreadable",
                    i18n::storage_unreadable(&i18n::load_error(error), true),
                ),
                StorageNotice::UnreadableNotKept { error } => (
                    "unreadable-not-kept",
                    i18n::storage_unreadable(&i18n::load_error(error), false),
                ),
                StorageNotice::SaveFailed { reason } => (
                    "save-failed",
                    i18n::storage_save_failed(&i18n::storage_problem(reason)),
                ),
            };
            view! {
                <div class="storage-banner" role="alert" data-notice=kind>
                    <p class="storage-banner-title">{t(Msg::StorageNoticeTitle)}</p>
                    <p>{text}</p>
                    <div class="button-row">
                        <Link href=Area::Settings.path() class="button-secondary">
                            {t(Msg::OpenSettings)}
                        </Link>
                        <button
                            type="button"
                            class="button-secondary"
                            on:click=move |_| store.notice.set(None)
                        >
                            {t(Msg::Dismiss)}
                        </button>
                    </div>
                </div>
            }
        })
    }
}

/// Says so while a page's code cannot be fetched (offline, server down). Each page's code
/// is a separate WebAssembly module (scripts/build-app.sh); its loader retries until it
/// succeeds and tells the app through two window events.
#[component]
fn PageWaitingBanner() -> impl IntoView {
    let waiting = RwSignal::new(false);
    let failed =
        window_event_listener_untyped("benefits:page-load-failed", move |_| waiting.set(true));
    let loaded = window_event_listener_untyped("benefits:page-loaded", move |_| waiting.set(false));
    on_cleanup(move || {
        failed.remove();
        loaded.remove();
    });
    move || {
        waiting.get().then(|| {
            view! {
                <p class="storage-banner" role="status" data-notice="page-waiting">
                    {t(Msg::PageWaitingForConnection)}
                </p>
            }
        })
    }
}

/// A new version of the app has been installed in the background (by the service worker,
/// `sw.js`): offered, never swapped under the partner's feet. "Reload" asks the page's
/// start script to let the new version take over, which then reloads the page.
#[component]
fn UpdateBanner() -> impl IntoView {
    // Perhaps ready before the app was drawn (the start script keeps the flag).
    let ready = RwSignal::new(
        js_sys::Reflect::get(&window(), &"__benefitsUpdateReady".into())
            .is_ok_and(|v| v.is_truthy()),
    );
    let listener = window_event_listener_untyped("benefits:update-ready", move |_| ready.set(true));
    on_cleanup(move || listener.remove());
    let reload = move |_| {
        if let Ok(event) = web_sys::Event::new("benefits:update-accept") {
            let _ = window().dispatch_event(&event);
        }
    };
    move || {
        ready.get().then(|| {
            view! {
                <div class="update-banner" role="status" data-notice="update-ready">
                    <span>{i18n::pick("A new version is ready", "Une nouvelle version est prête")}</span>
                    " — "
                    <button type="button" class="button-primary" on:click=reload>
                        {i18n::pick("Reload", "Recharger")}
                    </button>
                </div>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::{demo, ErrorCode, WorkspaceDoc};

    #[test]
    fn only_people_with_a_role_get_in() {
        let doc = demo::workspace(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
        let ws = doc.workspace();
        for id in [demo::GLORIA, demo::MARIO, demo::UMA, demo::ANDY] {
            assert_eq!(access(ws, &UserId::new(id)), Access::Open, "{id}");
        }
        for (id, code) in [
            (demo::NORA, ErrorCode::NoRole),
            (demo::GUS, ErrorCode::NoRole),
            ("user-99", ErrorCode::UnknownActor),
        ] {
            match access(ws, &UserId::new(id)) {
                Access::Refused(e) => assert_eq!(e.code, code, "{id}"),
                other => panic!("{id}: {other:?}"),
            }
        }
        match access(ws, &UserId::new(demo::NORA)) {
            Access::Refused(e) => assert!(e
                .message
                .contains("Ask a Global admin (Gloria Global-Admin)")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_empty_workspace_leads_to_settings() {
        let doc = WorkspaceDoc::new();
        assert_eq!(
            access(doc.workspace(), &UserId::new("user-1")),
            Access::Empty
        );
    }
}
