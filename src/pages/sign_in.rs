//! Shared mode's doors (R-API-3, R-API-7): the sign-in page, shown in place of any page
//! while nobody is signed in (the page asked for opens once signed in), and the page an
//! invitation link opens, where the invited person sets a password.

use crate::browser;
use crate::i18n::{self, pick, Lang};
use crate::nav::HOME;
use crate::router::{self, Navigation};
use crate::store::Store;
use crate::sync::Link;
use crate::sync_client::{self, InvitationProblem, SignInProblem};
use benefits_protocol::{WorkspaceChoice, MIN_PASSWORD_CHARS};
use leptos::prelude::*;

/// "Too many attempts": the wait in words, in minutes when it is a minute or more.
pub fn wait_words(seconds: u64, lang: Lang) -> String {
    let minutes = seconds.div_ceil(60);
    match (lang, seconds < 60, minutes) {
        (Lang::En, true, _) => format!("{seconds} seconds"),
        (Lang::Fr, true, _) => format!("{seconds} secondes"),
        (Lang::En, false, 1) => "1 minute".to_string(),
        (Lang::Fr, false, 1) => "1 minute".to_string(),
        (Lang::En, false, m) => format!("{m} minutes"),
        (Lang::Fr, false, m) => format!("{m} minutes"),
    }
}

/// Why signing in did not work, in the partner's language.
pub fn sign_in_problem(problem: &SignInProblem, lang: Lang) -> String {
    match (problem, lang) {
        (SignInProblem::Wrong, Lang::En) => "The email address or the password is not right. Check both and try again.".to_string(),
        (SignInProblem::Wrong, Lang::Fr) => "L'adresse e-mail ou le mot de passe n'est pas correct. Vérifiez-les et réessayez.".to_string(),
        (SignInProblem::TooMany { seconds }, Lang::En) => format!(
            "Too many attempts to sign in. Wait {}, then try again.",
            wait_words(*seconds, lang)
        ),
        (SignInProblem::TooMany { seconds }, Lang::Fr) => format!(
            "Trop de tentatives de connexion. Attendez {}, puis réessayez.",
            wait_words(*seconds, lang)
        ),
        (SignInProblem::Choose(_), Lang::En) => "This email address and password open several workspaces: choose one below, then sign in again.".to_string(),
        (SignInProblem::Choose(_), Lang::Fr) => "Cette adresse e-mail et ce mot de passe ouvrent plusieurs espaces de travail : choisissez-en un ci-dessous, puis connectez-vous à nouveau.".to_string(),
        (SignInProblem::Unreachable, Lang::En) => "The server cannot be reached. Check the connection, then try again.".to_string(),
        (SignInProblem::Unreachable, Lang::Fr) => "Le serveur est injoignable. Vérifiez la connexion, puis réessayez.".to_string(),
        (SignInProblem::Other(words), Lang::En) => format!("The server did not sign you in: {words}"),
        (SignInProblem::Other(words), Lang::Fr) => format!("Le serveur ne vous a pas connecté : {words}"),
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let title = pick("Sign in", "Se connecter");
    browser::set_title(&i18n::page_title(title));
    let store = Store::get();
    let shared = store
        .shared
        .expect("the sign-in page is shown in shared mode only");
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let choices = RwSignal::new(Vec::<WorkspaceChoice>::new());
    let chosen = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (email_text, password_text) = (email.get_untracked(), password.get_untracked());
        let missing = if email_text.trim().is_empty() {
            Some((
                "sign-in-email",
                pick(
                    "Enter your email address.",
                    "Saisissez votre adresse e-mail.",
                ),
            ))
        } else if password_text.is_empty() {
            Some((
                "sign-in-password",
                pick("Enter your password.", "Saisissez votre mot de passe."),
            ))
        } else {
            None
        };
        if let Some((field, words)) = missing {
            problem.set(Some(words.to_string()));
            browser::focus_element(field);
            return;
        }
        busy.set(true);
        problem.set(None);
        let workspace = chosen.get_untracked();
        leptos::task::spawn_local(async move {
            let result = sync_client::sign_in(
                store,
                email_text.trim().to_string(),
                password_text,
                workspace,
            )
            .await;
            busy.set(false);
            match result {
                Ok(()) => {}
                Err(p) => {
                    if let SignInProblem::Choose(list) = &p {
                        if chosen.get_untracked().is_none() {
                            chosen.set(list.first().map(|w| w.id.clone()));
                        }
                        choices.set(list.clone());
                    }
                    problem.set(Some(sign_in_problem(&p, i18n::lang())));
                }
            }
        });
    };
    let offline = move || shared.link.get() == Link::Offline;
    view! {
        <section class="page sign-in-page" aria-labelledby="page-title">
            <h1 id="page-title">{title}</h1>
            <p class="lead">
                {pick(
                    "This workspace is shared by your organisation's admins on a server. Sign in with the email address of your account and your password.",
                    "Cet espace de travail est partagé sur un serveur par les administrateurs de votre organisation. Connectez-vous avec l'adresse e-mail de votre compte et votre mot de passe.",
                )}
            </p>
            {move || {
                shared
                    .expired
                    .get()
                    .then(|| {
                        view! {
                            <p class="storage-banner" role="status" data-notice="session-ended">
                                {pick(
                                    "Your session has ended. Sign in again: the changes made in this browser are kept, and sent once the same person is signed in.",
                                    "Votre session a pris fin. Connectez-vous à nouveau : les modifications faites dans ce navigateur sont conservées, et envoyées dès que la même personne est connectée.",
                                )}
                            </p>
                        }
                    })
            }}
            {move || {
                offline()
                    .then(|| {
                        view! {
                            <p class="storage-banner" role="status" data-notice="sign-in-offline">
                                {pick(
                                    "This browser is offline: signing in needs the connection.",
                                    "Ce navigateur est hors ligne : la connexion au serveur est nécessaire pour se connecter.",
                                )}
                            </p>
                        }
                    })
            }}
            <form class="card sign-in-form" on:submit=submit novalidate=true>
                <div class="field">
                    <label for="sign-in-email">{pick("Email", "Adresse e-mail")}</label>
                    <input
                        id="sign-in-email"
                        type="email"
                        name="email"
                        autocomplete="username"
                        required=true
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="sign-in-password">{pick("Password", "Mot de passe")}</label>
                    <input
                        id="sign-in-password"
                        type="password"
                        name="password"
                        autocomplete="current-password"
                        required=true
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev))
                    />
                </div>
                <Show when=move || !choices.with(Vec::is_empty)>
                    <fieldset class="field choose-workspace">
                        <legend>{pick("Which workspace?", "Quel espace de travail ?")}</legend>
                        <For each=move || choices.get() key=|w| w.id.clone() let:choice>
                            {
                                let label = choice_label(&choice, &choices.get_untracked());
                                let id = choice.id.clone();
                                let input_id = format!("workspace-{}", choice.id);
                                let checked = {
                                    let id = id.clone();
                                    move || chosen.get().as_deref() == Some(id.as_str())
                                };
                                view! {
                                    <div class="radio">
                                        <input
                                            type="radio"
                                            name="workspace"
                                            id=input_id.clone()
                                            value=id.clone()
                                            prop:checked=checked
                                            on:change=move |_| chosen.set(Some(id.clone()))
                                        />
                                        <label for=input_id>{label}</label>
                                    </div>
                                }
                            }
                        </For>
                    </fieldset>
                </Show>
                <div class="button-row">
                    <button type="submit" class="button-primary" aria-disabled=move || busy.get().to_string()>
                        {move || {
                            if busy.get() {
                                pick("Signing in…", "Connexion…")
                            } else {
                                pick("Sign in", "Se connecter")
                            }
                        }}
                    </button>
                </div>
                {move || {
                    problem
                        .get()
                        .map(|p| {
                            view! {
                                <p class="refusal" role="alert" data-notice="sign-in-problem">
                                    {p}
                                </p>
                            }
                        })
                }}
            </form>
            <p class="muted">
                {pick(
                    "No password yet, or forgotten? Ask a Global admin or a User admin of your organisation for an invitation link: it lets you choose a password.",
                    "Pas encore de mot de passe, ou oublié ? Demandez un lien d'invitation à un administrateur général ou à un administrateur des utilisateurs de votre organisation : il vous permet de choisir un mot de passe.",
                )}
            </p>
        </section>
    }
}

/// A workspace to choose, by its organisation's name; two of the same name are told apart
/// by the start of their ids.
pub fn choice_label(choice: &WorkspaceChoice, all: &[WorkspaceChoice]) -> String {
    let twins = all.iter().filter(|w| w.name == choice.name).count() > 1;
    if twins {
        format!(
            "{} ({}…)",
            choice.name,
            choice.id.get(..8).unwrap_or(&choice.id)
        )
    } else {
        choice.name.clone()
    }
}

/// The invitation's problems, in the partner's language.
pub fn invitation_problem(problem: &InvitationProblem, lang: Lang) -> String {
    let min = MIN_PASSWORD_CHARS;
    match (problem, lang) {
        (InvitationProblem::Invalid, Lang::En) => "This invitation link no longer works: it was already used, replaced by a newer one, or is more than 7 days old. Ask for a new one.".to_string(),
        (InvitationProblem::Invalid, Lang::Fr) => "Ce lien d'invitation ne fonctionne plus : il a déjà servi, a été remplacé par un plus récent, ou date de plus de 7 jours. Demandez-en un nouveau.".to_string(),
        (InvitationProblem::TooShort, Lang::En) => format!("The server wants a password of at least {min} characters."),
        (InvitationProblem::TooShort, Lang::Fr) => format!("Le serveur demande un mot de passe d'au moins {min} caractères."),
        (InvitationProblem::TooLong, Lang::En) => "This password is too long for the server (1,024 characters at most).".to_string(),
        (InvitationProblem::TooLong, Lang::Fr) => "Ce mot de passe est trop long pour le serveur (1 024 caractères au plus).".to_string(),
        (InvitationProblem::Disabled, Lang::En) => "This account is disabled. Ask a Global admin or a User admin to enable it, then for a new link.".to_string(),
        (InvitationProblem::Disabled, Lang::Fr) => "Ce compte est désactivé. Demandez à un administrateur général ou des utilisateurs de l'activer, puis un nouveau lien.".to_string(),
        (InvitationProblem::Unreachable, Lang::En) => "The server cannot be reached. Check the connection, then try again.".to_string(),
        (InvitationProblem::Unreachable, Lang::Fr) => "Le serveur est injoignable. Vérifiez la connexion, puis réessayez.".to_string(),
        (InvitationProblem::Other(words), Lang::En) => format!("The server did not set the password: {words}"),
        (InvitationProblem::Other(words), Lang::Fr) => format!("Le serveur n'a pas enregistré le mot de passe : {words}"),
    }
}

/// What is wrong with the two passwords typed, before anything is sent.
pub fn new_password_problem(password: &str, again: &str, lang: Lang) -> Option<String> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Some(match lang {
            Lang::En => format!(
                "Choose a password of at least {MIN_PASSWORD_CHARS} characters; this one has {n}."
            ),
            Lang::Fr => format!(
                "Choisissez un mot de passe d'au moins {MIN_PASSWORD_CHARS} caractères ; celui-ci en a {n}."
            ),
        });
    }
    (password != again).then(|| {
        match lang {
            Lang::En => "The two passwords differ: type the same one twice.",
            Lang::Fr => "Les deux mots de passe diffèrent : saisissez deux fois le même.",
        }
        .to_string()
    })
}

/// `/invitation#<token>`: the invited person chooses a password, and is signed in.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let title = pick("Choose your password", "Choisir votre mot de passe");
    browser::set_title(&i18n::page_title(title));
    let store = Store::get();
    let token = window()
        .location()
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string();
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let has_token = !token.is_empty();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (p, a) = (password.get_untracked(), again.get_untracked());
        if let Some(words) = new_password_problem(&p, &a, i18n::lang()) {
            problem.set(Some(words));
            browser::focus_element("new-password");
            return;
        }
        busy.set(true);
        problem.set(None);
        let token = token.clone();
        leptos::task::spawn_local(async move {
            let result = sync_client::accept_invitation(store, &token, p).await;
            busy.set(false);
            match result {
                Ok(()) => router::navigate(
                    HOME.path(),
                    Navigation {
                        replace: true,
                        ..Navigation::default()
                    },
                ),
                Err(e) => problem.set(Some(invitation_problem(&e, i18n::lang()))),
            }
        });
    };
    view! {
        <section class="page invitation-page" aria-labelledby="page-title">
            <h1 id="page-title">{title}</h1>
            <Show
                when=move || has_token
                fallback=|| {
                    view! {
                        <p class="refusal" role="alert">
                            {pick(
                                "This address holds no invitation: open the whole link you were sent, including what follows the # sign.",
                                "Cette adresse ne contient pas d'invitation : ouvrez le lien complet qui vous a été envoyé, y compris ce qui suit le signe #.",
                            )}
                        </p>
                    }
                }
            >
                <p class="lead">
                    {match i18n::lang() {
                        Lang::En => format!("You were invited to your organisation's Partner Benefits Workspace. Choose a password of at least {MIN_PASSWORD_CHARS} characters: you are signed in as soon as it is set."),
                        Lang::Fr => format!("Vous avez été invité dans l'Espace des avantages partenaire de votre organisation. Choisissez un mot de passe d'au moins {MIN_PASSWORD_CHARS} caractères : vous êtes connecté dès qu'il est enregistré."),
                    }}
                </p>
                <form class="card sign-in-form" on:submit=submit.clone() novalidate=true>
                    <div class="field">
                        <label for="new-password">{pick("New password", "Nouveau mot de passe")}</label>
                        <input
                            id="new-password"
                            type="password"
                            autocomplete="new-password"
                            required=true
                            prop:value=move || password.get()
                            on:input=move |ev| password.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="field">
                        <label for="new-password-again">{pick("The same password again", "Le même mot de passe, à nouveau")}</label>
                        <input
                            id="new-password-again"
                            type="password"
                            autocomplete="new-password"
                            required=true
                            prop:value=move || again.get()
                            on:input=move |ev| again.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="button-row">
                        <button type="submit" class="button-primary" aria-disabled=move || busy.get().to_string()>
                            {pick("Set the password and sign in", "Enregistrer le mot de passe et se connecter")}
                        </button>
                    </div>
                    {move || {
                        problem
                            .get()
                            .map(|p| view! { <p class="refusal" role="alert" data-notice="invitation-problem">{p}</p> })
                    }}
                </form>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_said_in_minutes_or_seconds() {
        assert_eq!(wait_words(45, Lang::En), "45 seconds");
        assert_eq!(wait_words(60, Lang::En), "1 minute");
        assert_eq!(wait_words(61, Lang::Fr), "2 minutes");
        assert_eq!(
            sign_in_problem(&SignInProblem::TooMany { seconds: 600 }, Lang::En),
            "Too many attempts to sign in. Wait 10 minutes, then try again."
        );
    }

    #[test]
    fn workspaces_of_one_name_are_told_apart() {
        let w = |id: &str, name: &str| WorkspaceChoice {
            id: id.into(),
            name: name.into(),
        };
        let all = [
            w("0123456789abcdef", "Contoso"),
            w("fedcba9876543210", "Contoso"),
            w("aaaa", "Fabrikam"),
        ];
        assert_eq!(choice_label(&all[0], &all), "Contoso (01234567…)");
        assert_eq!(choice_label(&all[2], &all), "Fabrikam");
    }

    #[test]
    fn a_new_password_is_checked_before_it_is_sent() {
        assert_eq!(
            new_password_problem("short", "short", Lang::En).unwrap(),
            "Choose a password of at least 12 characters; this one has 5."
        );
        assert!(
            new_password_problem("twelve chars", "twelve charz", Lang::Fr)
                .unwrap()
                .contains("diffèrent")
        );
        assert_eq!(
            new_password_problem("twelve chars", "twelve chars", Lang::En),
            None
        );
        // Characters, not bytes: the server counts them so.
        assert!(new_password_problem("ééééééééééé", "ééééééééééé", Lang::En).is_some());
        assert_eq!(
            new_password_problem("éééééééééééé", "éééééééééééé", Lang::En),
            None
        );
    }
}
