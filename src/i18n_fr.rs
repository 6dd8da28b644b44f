//! French for what the engine says in English: refusals (`DomainError`, by its stable code
//! and `params`), the key planner's refusals and warning (by `PlanErrorCode` and the request's
//! numbers), and why a stored document could not be read (`LoadError`).
//!
//! The engine writes one English sentence per refusal and gives the values it names in
//! `params`. Where a refusal's params do not carry everything its sentence names (a person's
//! or a record's name), the names are read from the workspace on screen, by the ids the
//! params give; where even the kind of refusal is not in the params (several sentences share
//! one code), the English sentence is recognised by a few stable words. Both cases are listed
//! in `docs/UI.md` as gaps of the engine. Nothing here decides anything: every refusal was
//! already made by the engine; this module only says it in French.

use crate::i18n::{format_amount_in, format_date_in, French, Lang, Msg, FR_GROUP, NBSP};
use benefits_core::proration::{KEY_TERM_MONTHS, MAX_EXTENSION_MONTHS, MAX_SEATS};
use benefits_core::time::{MAX_DATE, MIN_DATE};
use benefits_core::{
    CommandWarning, CommandWarningCode, Currency, DomainError, ErrorCode, LoadError, Permission,
    PlanError, PlanErrorCode, PlanOutcome, PlanRequest, Role, UserId, Workspace,
};
use chrono::NaiveDate;

/// Every French table, for `crate::i18n::French`.
pub fn table() -> French {
    French {
        text,
        role,
        load_error,
        refusal,
        plan_error,
        short_term_warning,
        warning,
    }
}

/// Something to check before a command (core's `CommandWarning`), in French.
pub fn warning(w: &CommandWarning) -> String {
    let p = |name: &str| w.params.get(name).map(String::as_str);
    let currency = p("currency").and_then(Currency::parse).unwrap_or_default();
    let money = |m: &str| {
        m.parse::<i64>()
            .map(|m| format_amount_in(Lang::Fr, m, &currency))
            .unwrap_or_default()
    };
    typography(match w.code {
        CommandWarningCode::UnusualBulkCreditAmount => {
            let usual: Vec<String> = p("usual_minor")
                .unwrap_or("")
                .split(',')
                .map(money)
                .collect();
            let usual = match usual.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} ou {last}", rest.join(", ")),
                _ => usual.join(", "),
            };
            format!(
                "Le crédit global est de {usual} par an ; {} n'en fait pas partie. Vérifiez le montant dans Partner Center avant de l'ajouter.",
                money(p("amount_minor").unwrap_or(""))
            )
        }
    })
}

/// The French text of each message of the interface.
pub fn text(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        AppName => "Espace des avantages partenaire",
        SkipToContent => "Aller au contenu principal",
        MenuButton => "Menu",
        NavLabel => "Espace de travail",
        NavBenefits => "Avantages",
        AreaMembership => "Adhésion",
        AreaSoftware => "Logiciels",
        AreaAzureCloud => "Azure et cloud",
        AreaVisualStudio => "Visual Studio",
        AreaTechnical => "Avantages techniques",
        AreaGoToMarket => "Go-To-Market",
        AreaAccountSettings => "Paramètres du compte",
        AreaActivity => "Activité",
        AreaKeyPlanner => "Planificateur de clés",
        AreaRedeem => "Échanger une clé",
        AreaBulkPlanner => "Planificateur de clés en lot",
        AreaCalendar => "Calendrier des échéances",
        AreaSettings => "Paramètres",
        NotFoundTitle => "Page introuvable",
        NotFoundBody => "Il n'y a aucune page à cette adresse. Le lien est peut-être mal saisi ou périmé.",
        NotFoundAddress => "Adresse demandée :",
        NotFoundTry => "Essayez l'une de ces pages :",
        PlanIntro => "Voyez ce qu'une clé de produit ferait à un abonnement avant de l'échanger : prolonger la date de fin, ou ajouter des licences. Rien n'est échangé ici.",
        PlanShareHint => "L'adresse de cette page contient le plan : copiez-la pour le partager.",
        PlanExampleLink => "Ouvrir un exemple : 100 licences jusqu'au 31 janvier 2027, une clé de 25 licences",
        SubscriptionLegend => "L'abonnement",
        KeyLegend => "La clé",
        ActiveLicenses => "Licences actives",
        ActiveLicensesHint => "Licences de l'abonnement aujourd'hui, par exemple 100.",
        CurrentEndDate => "Date de fin actuelle",
        CurrentEndDateHint => "La date de fin de l'abonnement avant l'échange de la clé.",
        KeyLicenses => "Licences de la clé",
        KeyLicensesHint => "Licences que porte la clé de produit, par exemple 25.",
        RedemptionDate => "Date d'échange",
        RedemptionDateHint => "Le jour où la clé serait échangée. Aujourd'hui, sauf si vous le changez.",
        OutcomesHeading => "Ce que ferait la clé",
        ExtendTitle => "Prolonger la date de fin",
        ExtendSummary => "Les licences restent les mêmes ; la date de fin recule.",
        AddTitle => "Ajouter des licences",
        AddSummary => "Les licences de la clé rejoignent l'abonnement ; la date de fin est moyennée sur toutes les licences.",
        ActivateTitle => "Activer un nouvel abonnement",
        ActivateSummary => "L'abonnement a pris fin : la clé ne peut qu'en démarrer un nouveau.",
        NewEndDate => "Nouvelle date de fin",
        LicensesAfter => "Licences après",
        MonthsAdded => "Mois ajoutés",
        TimeLeftBefore => "Durée restante avant",
        TimeLeftAfter => "Durée restante après",
        Refused => "Impossible.",
        Warning => "À vérifier d'abord.",
        TimelineHeading => "Frise chronologique",
        MarkToday => "Jour de l'échange",
        MarkCurrentEnd => "Fin actuelle",
        MarkExtendEnd => "Prolonger",
        MarkAddEnd => "Ajouter des licences",
        MarkLimit => "Limite de 3 ans",
        ActingAs => "Agir en tant que",
        LanguageLabel => "Langue",
        NoRole => "aucun rôle",
        Disabled => "désactivé",
        NoUsersYet => "Personne pour l'instant",
        GateTitle => "Rien à afficher pour vous",
        GateSwitchHint => "Pour voir l'espace de travail au nom d'une autre personne, choisissez-la dans « Agir en tant que », en haut de la page.",
        EmptyWorkspaceTitle => "Cet espace de travail est vide",
        EmptyWorkspaceBody => "Configurez l'organisation et son premier administrateur général dans les Paramètres, ou rechargez la démonstration.",
        OpenSettings => "Ouvrir les Paramètres",
        Dismiss => "Masquer ce message",
        StorageNoticeTitle => "Enregistrement dans ce navigateur",
        PageWaitingForConnection => "Cette page n'a pas pu être chargée : la connexion au serveur semble coupée. Elle s'ouvrira d'elle-même dès que la connexion reviendra ; les autres pages déjà ouvertes restent utilisables.",
    }
}

/// A role's name in French, capitalised as a label ("Administrateur général").
pub fn role(role: Role) -> &'static str {
    match role {
        Role::GlobalAdmin => "Administrateur général",
        Role::MpnPartnerAdmin => "Administrateur partenaire MPN",
        Role::UserAdmin => "Administrateur d'utilisateurs",
        Role::AdminAgent => "Agent d'administration",
    }
}

/// A role in the middle of a sentence: "administrateur général", "administrateur partenaire MPN".
fn role_lower(r: Role) -> String {
    lower_first(role(r))
}

fn role_of_id(id: &str) -> Option<Role> {
    Role::ALL.into_iter().find(|r| r.id() == id.trim())
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// «  text  », with the unbreakable spaces French puts inside guillemets.
fn q(text: &str) -> String {
    format!("«{NBSP}{text}{NBSP}»")
}

/// French typography: an unbreakable space before a colon, a narrow one before ; ! ?.
fn typography(text: String) -> String {
    text.replace(" :", &format!("{NBSP}:"))
        .replace(" ;", &format!("{FR_GROUP};"))
        .replace(" ?", &format!("{FR_GROUP}?"))
        .replace(" !", &format!("{FR_GROUP}!"))
}

/// A date given as `YYYY-MM-DD` (as params carry it), written "30 avril 2027".
fn date(text: &str) -> String {
    match text.trim().parse::<NaiveDate>() {
        Ok(d) => format_date_in(Lang::Fr, d),
        Err(_) => text.to_string(),
    }
}

/// A whole number written the French way ("10 000 000"); other text as it is.
fn number(text: &str) -> String {
    match text.trim().parse::<i64>() {
        Ok(n) => {
            let digits = n.unsigned_abs().to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(FR_GROUP);
                }
                out.push(c);
            }
            if n < 0 {
                format!("-{out}")
            } else {
                out
            }
        }
        Err(_) => text.to_string(),
    }
}

/// "de " or "d'" before a noun.
fn de(noun: &str) -> String {
    if starts_with_vowel(noun) {
        format!("d'{noun}")
    } else {
        format!("de {noun}")
    }
}

fn starts_with_vowel(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| "aeiouyéèêàâîôûhAEIOUYÉÈÊÀÂÎÔÛH".contains(c))
}

/// The field a value refusal names (the engine's English field name), with its article:
/// "le nom", "l'adresse e-mail". An unknown field is quoted as the engine named it.
pub fn field(name: &str) -> String {
    let known = match name {
        "name" => "le nom",
        "email address" => "l'adresse e-mail",
        "offer name" => "le nom de l'offre",
        "package name" => "le nom du forfait",
        "product name" => "le nom du produit",
        "product" => "le produit",
        "special instructions" => "les instructions spéciales",
        "instructions" => "les instructions",
        "note" => "la note",
        "language" => "la langue",
        "OS type" => "le type de système d'exploitation",
        "download link" => "le lien de téléchargement",
        "credit amount" => "le montant du crédit",
        "amount spent" => "le montant dépensé",
        "amount" => "le montant",
        "expiry date" => "la date d'expiration",
        "benefit expiry date" => "la date d'expiration de l'avantage",
        "spending date" => "la date de la dépense",
        "purchase date" => "la date d'achat",
        "activation date" => "la date d'activation",
        "start date" => "la date de début",
        "end date" => "la date de fin",
        "enrollment year start" => "le début de l'année d'inscription",
        "license quantity" => "le nombre de licences",
        "active licenses" => "le nombre de licences actives",
        "licenses per key" => "le nombre de licences par clé",
        "quantity" => "la quantité",
        "number of incidents" => "le nombre d'incidents",
        "number of hours" => "le nombre d'heures",
        "number of incidents used" => "le nombre d'incidents utilisés",
        "number of hours used" => "le nombre d'heures utilisées",
        "request title" => "le titre de la demande",
        "Access ID" => "l'ID d'accès",
        "Contract ID" => "l'ID de contrat",
        "marketing contact's email" => "l'adresse e-mail du contact marketing",
        "preferred language" => "la langue préférée",
        "phone number" => "le numéro de téléphone",
        "MPN ID" => "l'ID MPN",
        "organisation name" => "le nom de l'organisation",
        "company account email" => "l'adresse e-mail du compte de l'entreprise",
        "competency" => "la compétence",
        "tenant name" => "le nom du locataire",
        "tenant domain" => "le domaine du locataire",
        "credit" => "le crédit",
        "activations" => "le nombre d'activations",
        "keys" => "les clés",
        _ => "",
    };
    if known.is_empty() {
        format!("le champ {}", q(name))
    } else {
        known.to_string()
    }
}

/// What a command does, to complete "Il faut être … pour …" (the engine's `Command::what`
/// and the directory's own phrases). `None` for a phrase this table does not know.
pub fn action(what: &str) -> Option<&'static str> {
    Some(match what {
        "set up the organisation" => "configurer l'organisation",
        "change the organisation's details" => "modifier les informations de l'organisation",
        "add directory users" => "ajouter des utilisateurs à l'annuaire",
        "edit directory users and their roles" => {
            "modifier les utilisateurs de l'annuaire et leurs rôles"
        }
        "disable directory users" => "désactiver des utilisateurs de l'annuaire",
        "enable directory users" => "réactiver des utilisateurs de l'annuaire",
        "record the offers on a user's Azure subscription" => {
            "enregistrer les offres de l'abonnement Azure d'un utilisateur"
        }
        "purchase a benefit package" => "acheter un forfait d'avantages",
        "request the cancellation of a package" => "demander l'annulation d'un forfait",
        "add software products" => "ajouter des produits logiciels",
        "reveal software keys" => "afficher les clés des logiciels",
        "add Azure credit" => "ajouter du crédit Azure",
        "assign Azure credit to employees" => "attribuer du crédit Azure à des employés",
        "remove employees from Azure credit" => "retirer des employés d'un crédit Azure",
        "transfer Azure bulk credit" => "transférer du crédit Azure en bloc",
        "record Azure credit spent" => "enregistrer les dépenses de crédit Azure",
        "add license-based subscriptions" => "ajouter des abonnements sous licence",
        "record tenant subscriptions" => "enregistrer des abonnements du locataire",
        "record whether a tenant subscription is disabled" => {
            "indiquer si un abonnement du locataire est désactivé"
        }
        "add product keys" => "ajouter des clés de produit",
        "redeem product keys in the tenant" => "échanger des clés de produit dans le locataire",
        "add Visual Studio subscriptions" => "ajouter des abonnements Visual Studio",
        "assign Visual Studio subscriptions to employees" => {
            "attribuer des abonnements Visual Studio à des employés"
        }
        "remove Visual Studio subscriptions from employees" => {
            "retirer des abonnements Visual Studio à des employés"
        }
        "add technical benefits" => "ajouter des avantages techniques",
        "activate technical benefits" => "activer des avantages techniques",
        "record the Access ID and Contract ID of technical benefits" => {
            "enregistrer l'ID d'accès et l'ID de contrat des avantages techniques"
        }
        "log support requests" => "consigner des demandes de support",
        "add Go-To-Market offers" => "ajouter des offres Go-To-Market",
        "set the marketing contact" => "définir le contact marketing",
        "activate Go-To-Market offers" => "activer des offres Go-To-Market",
        "record the activation of Go-To-Market offers" => {
            "enregistrer l'activation des offres Go-To-Market"
        }
        "remove records" => "supprimer des enregistrements",
        "grant the Global admin role" => "attribuer le rôle d'administrateur général",
        "grant or remove the Global admin role" => {
            "attribuer ou retirer le rôle d'administrateur général"
        }
        "edit a Global admin's account" => "modifier le compte d'un administrateur général",
        "disable a Global admin" => "désactiver un administrateur général",
        "enable a Global admin" => "réactiver un administrateur général",
        "view the workspace" => "consulter l'espace de travail",
        _ => return None,
    })
}

/// A kind of record, as `record_not_found` names it.
fn record_kind(kind: &str) -> String {
    match kind {
        "directory user" => "utilisateur de l'annuaire",
        "benefit package" => "forfait d'avantages",
        "software product" => "produit logiciel",
        "Azure credit" => "crédit Azure",
        "subscription" => "abonnement",
        "product key" => "clé de produit",
        "Visual Studio subscription" => "abonnement Visual Studio",
        "technical benefit" => "avantage technique",
        "Go-To-Market offer" => "offre Go-To-Market",
        "license-based subscription" => "abonnement sous licence",
        other => return format!("enregistrement ({other})"),
    }
    .to_string()
}

fn redeem_action(code: &str) -> &'static str {
    match code {
        "activate_new" => "activer un nouvel abonnement",
        "extend_end_date" => "prolonger la date de fin",
        "add_licenses" => "ajouter des licences",
        _ => "l'abonnement",
    }
}

fn technical_kind(id: &str) -> &'static str {
    match id {
        "signature_cloud_support" => "support produit Signature pour les produits cloud",
        "on_premises_incidents" => "incidents de support pour les produits locaux récents",
        "presales_deployment" => "services techniques d'avant-vente et de déploiement",
        _ => "avantage technique",
    }
}

/// Names of people and records, read from the workspace on screen by the ids a refusal
/// gives. Without a workspace (tests, or no store), sentences fall back to general words.
struct Names<'a> {
    ws: Option<&'a Workspace>,
    actor: Option<&'a UserId>,
}

impl Names<'_> {
    fn user(&self, id: Option<&str>) -> Option<String> {
        let id = UserId::new(id?);
        self.ws?.user(&id).map(|u| u.name.clone())
    }

    /// Enabled users holding one of `roles`, "Nom (Rôle)", up to three: whom to ask.
    fn who(&self, roles: &[Role]) -> String {
        let names: Vec<String> = self
            .ws
            .map(|ws| {
                ws.users()
                    .values()
                    .filter(|u| !u.disabled)
                    .filter_map(|u| {
                        let r = roles.iter().find(|r| u.has_role(**r))?;
                        Some(format!("{} ({})", u.name, role_lower(*r)))
                    })
                    .take(3)
                    .collect()
            })
            .unwrap_or_default();
        match names.split_last() {
            None => roles_with_article(roles),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} ou {last}", rest.join(", ")),
        }
    }

    fn currency(&self) -> Currency {
        self.ws
            .and_then(|ws| ws.organisation())
            .map(|o| o.currency.clone())
            .unwrap_or_default()
    }
}

/// "un administrateur général ou un administrateur partenaire MPN".
fn roles_with_article(roles: &[Role]) -> String {
    join_or(
        roles
            .iter()
            .map(|r| format!("un {}", role_lower(*r)))
            .collect(),
    )
}

/// "administrateur général ou administrateur partenaire MPN".
fn roles_bare(roles: &[Role]) -> String {
    join_or(roles.iter().map(|r| role_lower(*r)).collect())
}

fn join_or(items: Vec<String>) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} ou {last}", rest.join(", ")),
    }
}

/// The French sentence for an engine refusal. Total: every `ErrorCode` has one (the match
/// is exhaustive, so a new code cannot be added without its French).
pub fn refusal(error: &DomainError, ws: Option<&Workspace>, actor: Option<&UserId>) -> String {
    let names = Names { ws, actor };
    typography(sentence(error, &names))
}

fn sentence(error: &DomainError, names: &Names) -> String {
    let p = |name: &str| error.params.get(name).map(String::as_str);
    let msg = error.message.as_str();
    let field_of = || field(p("field").unwrap_or(""));
    match error.code {
        ErrorCode::UnknownActor => match p("actor") {
            Some(id) => format!("Personne n'a l'identifiant {id} dans l'annuaire : rien n'a été modifié. Choisissez la personne qui agit parmi les utilisateurs de l'annuaire."),
            None => "Cette personne n'est pas dans l'annuaire : rien n'a été modifié. Choisissez la personne qui agit parmi les utilisateurs de l'annuaire.".to_string(),
        },
        ErrorCode::ActorDisabled => {
            let who = names.who(Permission::ManageDirectory.roles());
            match names.user(p("actor")) {
                Some(name) => format!("Le compte de {name} est désactivé : il ne permet ni de consulter ni de modifier quoi que ce soit. Demandez à {who} de le réactiver."),
                None => format!("Ce compte est désactivé : il ne permet ni de consulter ni de modifier quoi que ce soit. Demandez à {who} de le réactiver."),
            }
        }
        ErrorCode::NoRole => {
            let ask = match p("ask").filter(|a| !a.trim().is_empty()) {
                Some(names) => format!("un administrateur général ({names})"),
                None => "un administrateur général".to_string(),
            };
            let who = names
                .user(p("actor"))
                .map(|n| format!("{n} n'a"))
                .unwrap_or_else(|| "Vous n'avez".to_string());
            format!("{who} aucun rôle dans cet espace de travail : il n'y a donc encore rien à voir ni à faire. Demandez à {ask} de vous attribuer un rôle.")
        }
        ErrorCode::PermissionDenied => {
            let required: Vec<Role> = p("required_roles")
                .unwrap_or("")
                .split(',')
                .filter_map(role_of_id)
                .collect();
            let acting: Vec<Role> = match p("acting_roles") {
                Some(ids) => ids.split(',').filter_map(role_of_id).collect(),
                None => names
                    .actor
                    .and_then(|a| names.ws?.user(a))
                    .map(|u| u.roles.iter().copied().collect())
                    .unwrap_or_default(),
            };
            // The engine names the action only in its sentence: "Only … can <what>; you are …".
            let what = msg
                .split_once(" can ")
                .and_then(|(_, rest)| rest.split_once("; you are acting as"))
                .and_then(|(what, _)| action(what))
                .unwrap_or("faire cela");
            let acting = if acting.is_empty() {
                "qu'utilisateur sans rôle".to_string()
            } else {
                format!(
                    "qu'{}",
                    acting
                        .iter()
                        .map(|r| role_lower(*r))
                        .collect::<Vec<_>>()
                        .join(" et ")
                )
            };
            if required.is_empty() {
                format!("Votre rôle ne permet pas de {what} ; vous agissez en tant {acting}.")
            } else {
                format!(
                    "Il faut être {} pour {what} ; vous agissez en tant {acting}. Demandez à {} de le faire.",
                    roles_bare(&required),
                    names.who(&required)
                )
            }
        }
        ErrorCode::NoOrganisation => "Cet espace de travail est vide : configurez d'abord l'organisation et son premier administrateur général.".to_string(),
        ErrorCode::OrganisationExists => match names.ws.and_then(|ws| ws.organisation()) {
            Some(org) => format!("L'organisation {} est déjà configurée ; modifiez plutôt ses informations.", org.name),
            None => "L'organisation est déjà configurée ; modifiez plutôt ses informations.".to_string(),
        },
        ErrorCode::MissingValue => {
            let f = p("field").unwrap_or("");
            if f == "competency" && msg.contains("Silver or Gold") {
                "Une adhésion Silver ou Gold comporte au moins une compétence : saisissez-la (par exemple Cloud Productivity).".to_string()
            } else if f == "keys" {
                "Collez au moins une clé de produit, une par ligne.".to_string()
            } else if f == "amount" {
                format!(
                    "Saisissez le montant en {}, par exemple {}.",
                    p("currency").unwrap_or(""),
                    format_amount_in(Lang::Fr, 4250, &currency_of(error, names))
                )
            } else if msg.starts_with("Enter at least one") {
                format!("Saisissez au moins une valeur pour {}.", field_of())
            } else if f.contains("email") {
                format!("Saisissez {}, par exemple nom@exemple.com.", field_of())
            } else {
                format!("Saisissez {}.", field_of())
            }
        }
        ErrorCode::InvalidValue => invalid_value(error, &field_of()),
        ErrorCode::InvalidEmail => {
            let value = p("value").unwrap_or("");
            let why = email_reason(msg);
            format!(
                "{} n'est pas une adresse valide pour {} : {why}. Utilisez la forme nom@exemple.com.",
                q(value),
                field_of()
            )
        }
        ErrorCode::InvalidDate => match (p("value"), p("today")) {
            (Some(v), Some(today)) => format!(
                "{} ({}) est dans le futur ; nous sommes le {}. Saisissez la date à laquelle cela a eu lieu.",
                upper_first(&field_of()),
                date(v),
                date(today)
            ),
            _ => match p("field") {
                Some("end date") => "La date de fin doit être postérieure à la date de début.".to_string(),
                Some("activation date") => "La date d'activation est antérieure à la demande d'activation : saisissez une date postérieure à la demande.".to_string(),
                Some("expiry date") => "La date d'expiration doit être postérieure à la date d'activation.".to_string(),
                _ => "Cette date n'est pas acceptée : vérifiez-la.".to_string(),
            },
        },
        ErrorCode::InvalidAmount if p("currency").is_some() => {
            let money = |name: &str| {
                p(name)
                    .and_then(|m| m.parse::<i64>().ok())
                    .map(|m| format_amount_in(Lang::Fr, m, &currency_of(error, names)))
                    .unwrap_or_default()
            };
            format!(
                "{} doit être compris entre {} et {} ; {} a été saisi.",
                upper_first(&field_of()),
                money("min_minor"),
                money("max_minor"),
                money("value_minor")
            )
        }
        ErrorCode::InvalidAmount if p("field") == Some("activations") => {
            let value = p("value").unwrap_or("");
            match p("reason") {
                Some("too_large") => format!("{value} activations, c'est au-delà de la limite de {} pour une clé.", number(p("max").unwrap_or(""))),
                Some("too_small") => "une clé permet au moins 1 activation.".to_string(),
                _ => format!("{} n'est pas un nombre d'activations (un nombre entier, par exemple 10).", q(value)),
            }
        }
        ErrorCode::InvalidAmount => match (p("min"), p("max")) {
            (Some(min), Some(max)) => format!(
                "{} doit être un nombre entier de {} à {}.",
                upper_first(&field_of()),
                number(min),
                number(max)
            ),
            _ => match p("index") {
                Some(n) => format!("Le nombre d'activations de la clé {n} n'est pas accepté : indiquez un nombre entier positif d'activations."),
                None => "Cette quantité n'est pas acceptée : indiquez un nombre entier positif.".to_string(),
            },
        },
        ErrorCode::UserNotFound => format!(
            "Il n'y a pas d'utilisateur {} dans l'annuaire. Ajoutez d'abord la personne dans les Paramètres du compte, puis réessayez.",
            p("user").unwrap_or("")
        ),
        ErrorCode::RecordNotFound => format!(
            "Il n'y a pas {} {} dans cet espace de travail. Cet élément a peut-être été supprimé : rechargez la page et choisissez à nouveau.",
            de(&record_kind(p("kind").unwrap_or(""))),
            p("id").unwrap_or("")
        ),
        ErrorCode::RecordInUse => {
            let record = p("record").unwrap_or("Cet enregistrement");
            let why = if msg.contains("belongs to it") {
                "un produit logiciel lui appartient ; supprimez-le d'abord"
            } else if msg.contains("were revealed on") {
                "ses clés ont été affichées, ce qui l'a activé"
            } else if msg.contains("assigned to users") {
                "il est attribué à des utilisateurs"
            } else if msg.contains("spending is recorded") {
                "des dépenses y sont enregistrées"
            } else if msg.contains("redeemed into it") {
                "des clés de produit y ont été échangées"
            } else if msg.contains("it was redeemed") {
                "elle a été échangée"
            } else if msg.contains("it is assigned to") {
                "il est attribué à une personne"
            } else if msg.contains("it was activated") {
                "il a été activé"
            } else {
                "son historique doit être conservé"
            };
            format!("Impossible de supprimer {record} : {why}.")
        }
        ErrorCode::EmailInUse => {
            let email = p("email").unwrap_or("");
            let user = p("user").and_then(|id| names.ws?.user(&UserId::new(id)));
            match user {
                Some(u) => format!(
                    "{} utilise déjà l'adresse e-mail {email} ; chaque utilisateur a besoin de sa propre adresse. {}",
                    u.name,
                    if u.disabled {
                        "Ce compte est désactivé : réactivez-le et modifiez-le plutôt que d'en ajouter un nouveau."
                    } else {
                        "Vérifiez l'adresse, ou modifiez plutôt cet utilisateur."
                    }
                ),
                None => format!("Un autre utilisateur utilise déjà l'adresse e-mail {email} ; chaque utilisateur a besoin de sa propre adresse. Vérifiez l'adresse, ou modifiez plutôt cet utilisateur."),
            }
        }
        ErrorCode::UserDisabled => {
            let user = p("user").and_then(|id| names.ws?.user(&UserId::new(id)));
            let who = user
                .map(|u| format!("{} ({})", u.name, u.email))
                .unwrap_or_else(|| "Cette personne".to_string());
            format!("{who} est désactivé dans l'annuaire. Réactivez d'abord le compte dans les Paramètres du compte, ou choisissez quelqu'un d'autre.")
        }
        ErrorCode::LastGlobalAdmin => {
            let who = names
                .user(p("user"))
                .unwrap_or_else(|| "Cette personne".to_string());
            format!("{who} est le seul administrateur général actif ; sans administrateur général, personne ne pourrait attribuer des avantages ni échanger des clés. Nommez d'abord quelqu'un d'autre administrateur général.")
        }
        ErrorCode::NothingToChange => if msg.ends_with("already disabled.") {
            "Ce compte est déjà désactivé : rien à modifier."
        } else if msg.ends_with("already enabled.") {
            "Ce compte est déjà actif : rien à modifier."
        } else if msg.contains("already carries these offers") {
            "L'abonnement Azure de cette personne porte déjà ces offres : rien à modifier."
        } else if msg.contains("marketing contact is already") {
            "Le contact marketing est déjà celui-ci : rien à modifier."
        } else if msg.contains("already recorded as") {
            "Cet abonnement est déjà enregistré dans cet état : rien à modifier."
        } else {
            "Ces informations sont déjà celles qui sont enregistrées : rien à modifier."
        }
        .to_string(),
        ErrorCode::CancellationWindowClosed => format!(
            "Ce forfait a été acheté le {} ; l'annulation avec remboursement ne peut être demandée que dans les {} jours suivant l'achat, soit jusqu'au {}. Ce délai est passé : le forfait est conservé.",
            date(p("purchased_on").unwrap_or("")),
            benefits_core::model::CANCELLATION_WINDOW_DAYS,
            date(p("last_day").unwrap_or(""))
        ),
        ErrorCode::CancellationBlockedByActivation => {
            let software = p("software")
                .and_then(|id| names.ws?.software().get(&benefits_core::SoftwareId::new(id)));
            let package = software
                .and_then(|s| s.package.as_ref())
                .and_then(|id| names.ws?.packages().get(id))
                .map(|p| p.name.clone())
                .unwrap_or_else(|| "Ce forfait".to_string());
            let sw_name = software.map(|s| format!(" {}", s.name)).unwrap_or_default();
            let who = software
                .and_then(|s| s.revealed.as_ref())
                .and_then(|r| names.ws.map(|ws| ws.user_name(&r.by)))
                .map(|n| format!(", quand {n} a affiché ses clés"))
                .unwrap_or_default();
            format!(
                "{package} ne peut pas être annulé : son avantage logiciel{sw_name} a été activé le {}{who}. Un forfait ne peut être annulé que tant qu'aucun de ses avantages logiciels n'est activé.",
                date(p("activated_on").unwrap_or(""))
            )
        }
        ErrorCode::CancellationAlreadyRequested => format!(
            "L'annulation de ce forfait a déjà été demandée le {} (demande de service {}).",
            date(p("requested_on").unwrap_or("")),
            p("service_request").unwrap_or("")
        ),
        ErrorCode::DuplicateKey => {
            let key = p("key").unwrap_or("");
            let owner = p("software")
                .and_then(|id| names.ws?.software().get(&benefits_core::SoftwareId::new(id)))
                .map(|s| s.name.clone());
            match (p("software"), owner) {
                (_, Some(name)) => format!("La clé {key} appartient déjà au produit logiciel {name}. Chaque clé appartient à un seul produit."),
                (Some(id), None) => format!("La clé {key} appartient déjà au produit logiciel {id}. Chaque clé appartient à un seul produit."),
                (None, None) => format!("La clé {key} figure deux fois pour ce produit : indiquez-la une seule fois."),
            }
        }
        ErrorCode::DownloadLinkMismatch => {
            let value = q(p("value").unwrap_or(""));
            match p("field") {
                Some("language") => format!("Un lien de téléchargement concerne la langue {value}, que ce produit ne liste pas. Ajoutez-la à la liste des langues ou corrigez le lien."),
                _ => format!("Un lien de téléchargement concerne le type de système d'exploitation {value}, que ce produit ne liste pas. Ajoutez-le à la liste ou corrigez le lien."),
            }
        }
        ErrorCode::BulkCreditRemoveNotAvailable => {
            let until = names
                .ws
                .and_then(|ws| ws.organisation())
                .and_then(|o| o.enrollment_year_last_day())
                .map(|d| format!(" (jusqu'au {})", format_date_in(Lang::Fr, d)))
                .unwrap_or_default();
            format!("Le crédit Azure en bloc ne peut pas être retiré à son utilisateur : il peut seulement être transféré à un autre utilisateur, pendant l'année d'inscription{until}.")
        }
        ErrorCode::TransferOutsideEnrollmentYear => format!(
            "Le crédit en bloc ne peut être transféré que pendant l'année d'inscription, du {} au {}. Une fois l'adhésion renouvelée, mettez à jour l'année d'inscription dans les informations de l'organisation.",
            date(p("start").unwrap_or("")),
            date(p("last_day").unwrap_or(""))
        ),
        ErrorCode::BulkCreditConflictingOffer => {
            let offer = p("offer").unwrap_or("");
            match (p("user"), p("credit")) {
                (Some(id), _) => {
                    let name = names.user(Some(id)).unwrap_or_else(|| id.to_string());
                    format!("Le crédit Azure en bloc ne peut pas être attribué à {name} : il ne se cumule avec aucune autre offre de licence, prépayée ou de crédit, et l'abonnement Azure de {name} porte déjà {offer}. Choisissez une personne dont l'abonnement Azure n'a pas d'offre de ce type.")
                }
                (None, Some(credit)) => format!("Cette personne détient le crédit Azure en bloc {credit}, qui ne se cumule pas avec {offer}. Transférez d'abord le crédit en bloc à quelqu'un d'autre."),
                (None, None) => format!("Le crédit Azure en bloc ne se cumule pas avec {offer}."),
            }
        }
        ErrorCode::BulkCreditAlreadyAssigned => {
            let holder = names
                .user(p("holder"))
                .unwrap_or_else(|| "quelqu'un".to_string());
            format!("Ce crédit en bloc appartient déjà à {holder} et ne peut pas être partagé. Transférez-le plutôt (c'est possible pendant l'année d'inscription).")
        }
        ErrorCode::CreditUserAlreadyAssigned => "Cette personne dispose déjà de ce crédit Azure.".to_string(),
        ErrorCode::CreditUserNotAssigned => if msg.contains("has no user yet") {
            "Ce crédit en bloc n'a encore aucun utilisateur : attribuez-le plutôt que de le transférer."
        } else {
            "Cette personne ne dispose pas de ce crédit Azure : il n'y a rien à retirer."
        }
        .to_string(),
        ErrorCode::CreditBalanceExceeded => {
            let left = p("remaining_minor")
                .and_then(|m| m.parse::<i64>().ok())
                .map(|m| format_amount_in(Lang::Fr, m, &names.currency()))
                .unwrap_or_default();
            format!("Il ne reste que {left} sur ce crédit pour cette période ; le montant saisi dépasse ce solde. Enregistrez la part couverte par le crédit.")
        }
        ErrorCode::CreditExpired => format!(
            "Ce crédit a expiré le {} : une dépense à une date postérieure n'est pas couverte.",
            date(p("expires_on").unwrap_or(""))
        ),
        ErrorCode::VsReassignmentTooEarly => {
            let doing = if msg.contains("Removing it") {
                "Le retrait de l'abonnement à son titulaire"
            } else {
                "La réattribution"
            };
            format!(
                "Cet abonnement Visual Studio a été attribué le {}. {doing} est possible à partir du {}, {} jours après l'attribution d'origine.",
                date(p("assigned_on").unwrap_or("")),
                date(p("allowed_from").unwrap_or("")),
                p("days").unwrap_or("90")
            )
        }
        ErrorCode::VsAlreadyAssignedToUser => "Cet abonnement Visual Studio est déjà attribué à cette personne.".to_string(),
        ErrorCode::VsNotAssigned => "Cet abonnement Visual Studio n'est attribué à personne.".to_string(),
        ErrorCode::TechNotEligible => {
            let kind = technical_kind(p("kind").unwrap_or(""));
            let offers = match p("offers") {
                Some("none") | None => "aucune".to_string(),
                Some(o) => o.to_string(),
            };
            let needs = if p("kind") == Some("signature_cloud_support") {
                "est réservé aux partenaires Silver et Gold, pas à Action Pack"
            } else {
                "nécessite une offre Action Pack, Silver ou Gold"
            };
            format!("Cet avantage technique ({kind}) {needs} ; offres de cette organisation : {offers}. Mettez à jour les offres de l'organisation si elles ont changé.")
        }
        ErrorCode::TechInvalidState => if msg.contains("nothing to activate") {
            "Cet avantage technique est déjà en attente ou actif : il n'y a rien à activer."
        } else if msg.contains("Activate it first") {
            "Cet avantage technique n'est pas encore activé. Activez-le d'abord ; Partner Center fournit les ID une fois l'activation traitée."
        } else if msg.contains("IDs are already recorded") {
            "Les ID de cet avantage technique sont déjà enregistrés."
        } else if msg.contains("cannot be used yet") {
            "Cet avantage technique n'est pas encore actif et ne peut donc pas encore servir : activez-le, puis enregistrez ses ID une fois l'activation traitée par Partner Center."
        } else {
            "Cet avantage technique n'est pas dans l'état requis pour cette étape."
        }
        .to_string(),
        ErrorCode::TechIdsRequired => "Une demande de support pour ce type de produit nécessite l'ID d'accès et l'ID de contrat de l'avantage, qui n'est pas encore actif : activez-le d'abord, puis enregistrez ses ID une fois l'activation traitée par Partner Center.".to_string(),
        ErrorCode::TechAllowanceExceeded => {
            let unit = if msg.contains(" hours left") {
                "heure(s)"
            } else {
                "incident(s)"
            };
            format!(
                "Il ne reste que {} {unit} sur cet avantage ; cette demande en nécessite davantage.",
                number(p("remaining").unwrap_or("0"))
            )
        }
        ErrorCode::GtmMarketingContactRequired => if msg.contains("no longer an enabled") {
            "Le contact marketing n'est plus un utilisateur actif de l'annuaire : désignez d'abord un autre contact marketing."
        } else {
            "Aucune offre Go-To-Market ne peut être activée avant la désignation d'un contact marketing. Définissez d'abord le contact marketing (un utilisateur, son adresse e-mail, son téléphone et sa langue préférée)."
        }
        .to_string(),
        ErrorCode::MarketingContactEmailIsCompanyEmail => {
            let email = p("email").unwrap_or("");
            if msg.starts_with("The company account email") {
                format!("L'adresse e-mail du compte de l'entreprise ne peut pas être {email} : c'est celle du contact marketing, et les deux doivent différer. Changez d'abord le contact marketing.")
            } else {
                let company = names
                    .ws
                    .and_then(|ws| ws.organisation())
                    .map(|o| format!(" ({})", o.company_account_email))
                    .unwrap_or_default();
                format!("L'adresse e-mail du contact marketing doit différer de celle du compte Partner Center de l'entreprise{company}. Saisissez l'adresse personnelle de la personne.")
            }
        }
        ErrorCode::GtmInvalidState => if msg.contains("already pending") {
            "Cette offre est déjà en attente ; l'activation prend plusieurs jours."
        } else if msg.contains("already active") {
            "Cette offre est déjà active."
        } else if msg.contains("not pending activation") {
            "Cette offre n'est pas en attente d'activation : activez-la d'abord, puis enregistrez ce que Partner Center indique."
        } else {
            "Cette offre n'est pas dans l'état requis pour cette étape."
        }
        .to_string(),
        ErrorCode::KeyMalformed => {
            let prefix = p("index")
                .map(|n| format!("Clé {n} : "))
                .unwrap_or_default();
            format!("{prefix}{}", key_error(p("key_error"), p("position"), p("found")))
        }
        ErrorCode::KeyPasteHasProblems => {
            let lines: Vec<&str> = p("lines")
                .unwrap_or("")
                .split(',')
                .filter(|l| !l.is_empty())
                .collect();
            let which = match lines.as_slice() {
                [one] => format!("la ligne {one} pose problème"),
                _ => format!("les lignes {} posent problème", lines.join(", ")),
            };
            format!("Aucune clé n'a été ajoutée : {which}. Corrigez ou supprimez ces lignes, puis ajoutez à nouveau les clés.")
        }
        ErrorCode::KeyUnknown => format!(
            "La clé {} ne figure pas dans l'inventaire des clés de cet espace de travail. Vérifiez sa saisie, ou ajoutez-la d'abord à l'inventaire.",
            p("key").unwrap_or("")
        ),
        ErrorCode::KeyAlreadyRedeemed => {
            let at = p("redeemed_at").unwrap_or("");
            let (day, time) = at.split_once(' ').or_else(|| at.split_once('T')).unwrap_or((at, ""));
            let time = time.get(..5).unwrap_or(time);
            let who = names
                .user(p("redeemed_by"))
                .or_else(|| p("redeemed_by").map(str::to_string))
                .unwrap_or_default();
            let sub_id = p("subscription").unwrap_or("");
            let product = names
                .ws
                .and_then(|ws| {
                    ws.subscriptions()
                        .get(&benefits_core::SubscriptionId::new(sub_id))
                })
                .map(|s| format!(" ({})", s.product))
                .unwrap_or_default();
            format!(
                "Cette clé a déjà été échangée le {} à {time} UTC par {who} dans l'abonnement {sub_id}{product}, pour {}. Une clé ne peut être échangée qu'une seule fois.",
                date(day),
                redeem_action(p("action").unwrap_or(""))
            )
        }
        ErrorCode::KeyProductMismatch => {
            let kp = p("key_product").unwrap_or("");
            format!(
                "Cette clé est pour {kp}, mais l'abonnement choisi est {}. Choisissez un abonnement {kp}, ou activez-en un nouveau.",
                p("subscription_product").unwrap_or("")
            )
        }
        ErrorCode::TenantNotConfirmed => {
            let domain = p("tenant").unwrap_or("");
            let tenant = match names.ws.and_then(|ws| ws.organisation()) {
                Some(o) => format!("{} ({domain})", o.tenant.name),
                None => domain.to_string(),
            };
            if msg.starts_with("Confirm the tenant first") {
                format!("Confirmez d'abord le locataire : les clés échangées dans le mauvais locataire ne peuvent pas être déplacées. Le locataire de cet espace de travail est {tenant}.")
            } else {
                format!("Le locataire confirmé n'est pas celui de cet espace de travail, {tenant}. Les clés échangées dans le mauvais locataire ne peuvent pas être déplacées : vérifiez que vous êtes connecté au bon.")
            }
        }
        ErrorCode::SubscriptionStillActive => format!(
            "Cet abonnement est actif jusqu'au {} : prolongez sa date de fin ou ajoutez-y des licences, ou activez plutôt un nouvel abonnement.",
            date(p("end").unwrap_or(""))
        ),
        ErrorCode::ActionNeedsExistingSubscription => "Un nouvel abonnement ne peut qu'être activé : pour prolonger une date de fin ou ajouter des licences, choisissez un abonnement existant.".to_string(),
        ErrorCode::SubscriptionNotActive => "Cet abonnement n'est pas actif (désactivé ou arrivé à échéance) : seule l'option « Activer un nouvel abonnement » est possible.".to_string(),
        ErrorCode::ExtensionOver3Years => format!(
            "La prolongation dépasserait la limite de {MAX_EXTENSION_MONTHS} mois (3 ans). Prolonger ne fonctionne qu'avec des clés d'au plus trois fois les licences actives ; utilisez plutôt « Ajouter des licences »."
        ),
        ErrorCode::InvalidActiveSeats => format!(
            "Les licences actives doivent être un nombre entier de 1 à {}.",
            number(&MAX_SEATS.to_string())
        ),
        ErrorCode::InvalidKeySeats => format!(
            "Les licences de la clé doivent être un nombre entier de 1 à {}.",
            number(&MAX_SEATS.to_string())
        ),
        ErrorCode::MissingEndDate => "Saisissez la date de fin actuelle de l'abonnement.".to_string(),
        ErrorCode::DateOutOfRange => {
            let range = format!(
                "du {} au {}",
                format_date_in(Lang::Fr, MIN_DATE),
                format_date_in(Lang::Fr, MAX_DATE)
            );
            match (p("field"), p("value")) {
                (Some(f), Some(v)) => format!(
                    "{} ({}) est en dehors des dates que gère cet espace de travail ({range}).",
                    upper_first(&field(f)),
                    date(v)
                ),
                _ if msg.starts_with("The current date") => format!("La date du jour est en dehors des dates que gère cet espace de travail ({range}) : vérifiez l'horloge de l'appareil."),
                _ => format!("Le résultat tomberait en dehors des dates que gère cet espace de travail ({range}). Vérifiez les dates saisies."),
            }
        }
        ErrorCode::AmountUnreadable => {
            let text = q(p("text").unwrap_or(""));
            let rule = if p("notation") == Some("en") {
                "en anglais, un point précède les décimales et des virgules séparent les milliers, comme dans 1,234.56"
            } else {
                "en français, une virgule précède les décimales et des espaces ou des points séparent les milliers, comme dans 1 234,56"
            };
            format!("{text} n'est pas un montant écrit ainsi : {rule}.{}", meant(error, names))
        }
        ErrorCode::AmountTooPrecise => {
            let code = p("currency").unwrap_or("");
            let places = match p("digits") {
                Some("0") => format!("les montants en {code} n'ont pas de décimales"),
                Some("1") => format!("les montants en {code} ont 1 décimale"),
                Some(n) => format!("les montants en {code} ont {n} décimales"),
                None => format!("les montants en {code} ont moins de décimales"),
            };
            format!(
                "{} se lit {}{NBSP}{code}, mais {places}.{}",
                q(p("text").unwrap_or("")),
                p("read_as").unwrap_or("").replace('.', ","),
                meant(error, names)
            )
        }
        ErrorCode::AmountNegative => format!(
            "{} est inférieur à zéro : indiquez le montant en nombre positif, par exemple {}.",
            q(p("text").unwrap_or("")),
            format_amount_in(Lang::Fr, 4250, &currency_of(error, names))
        ),
        ErrorCode::AmountTooLarge => format!(
            "{} dépasse tout avantage : les montants vont jusqu'à {}.",
            q(p("text").unwrap_or("")),
            p("max_minor")
                .and_then(|m| m.parse::<i64>().ok())
                .map(|m| format_amount_in(Lang::Fr, m, &currency_of(error, names)))
                .unwrap_or_default()
        ),
        ErrorCode::DateOutsideMembership => {
            let field_text = upper_first(&field_of());
            let value = date(p("value").unwrap_or(""));
            let latest = date(p("latest").unwrap_or(""));
            let before = p("value").zip(p("earliest")).is_some_and(|(v, e)| v < e);
            if before {
                format!("{field_text} ({value}) est antérieure au {} : aucun enregistrement d'adhésion n'est aussi ancien. Vérifiez l'année.", date(p("earliest").unwrap_or("")))
            } else if p("field") == Some("enrollment year start") {
                format!("{field_text} ({value}) est à plus d'un an d'aujourd'hui : les dates vont jusqu'au {latest}. Vérifiez l'année.")
            } else {
                format!("{field_text} ({value}) est à plus de {} ans du début de l'année d'inscription : les dates vont jusqu'au {latest}. Vérifiez l'année.", benefits_core::validate::YEARS_AHEAD)
            }
        }
        ErrorCode::UnknownCurrency => format!(
            "{} n'est pas une devise en usage (ISO 4217) : saisissez son code à trois lettres, par exemple USD, EUR ou GBP.",
            q(p("value").unwrap_or(""))
        ),
        ErrorCode::CurrencyInUse => {
            let (cur, new) = (p("currency").unwrap_or(""), p("new_currency").unwrap_or(""));
            let n = p("credits").unwrap_or("0");
            let credits = if n == "1" {
                "1 crédit Azure y est enregistré, et son montant changerait".to_string()
            } else {
                format!("{n} crédits Azure y sont enregistrés, et leurs montants changeraient")
            };
            format!("La devise reste {cur} : {credits} de sens en {new}. Retirez d'abord les crédits saisis en {cur}, ou gardez {cur}.")
        }
        ErrorCode::SpendBeforeCreditPeriod => format!(
            "Ce crédit couvre les 12 mois qui précèdent son expiration, du {} au {} ; une dépense du {} est antérieure. Enregistrez-la sur le crédit de cette période.",
            date(p("from").unwrap_or("")),
            date(p("expires_on").unwrap_or("")),
            date(p("on").unwrap_or(""))
        ),
        ErrorCode::CreditExpiredNoNewUser => format!(
            "Ce crédit a expiré le {} : il ne donne plus rien, personne ne peut donc le recevoir. Ajoutez le crédit de cette année pour donner à nouveau accès.",
            date(p("expires_on").unwrap_or(""))
        ),
        ErrorCode::KeyPasteTooLong => format!(
            "Ce collage compte {} lignes ; au plus {} clés sont ajoutées en une fois. Collez-les en plusieurs parties.",
            number(p("lines").unwrap_or("")),
            number(p("max").unwrap_or(""))
        ),
        ErrorCode::FileTooLarge => format!(
            "Ce fichier pèse {} ; le planificateur lit des fichiers d'au plus {} ({} lignes). Partagez-le en fichiers plus petits et planifiez-les l'un après l'autre.",
            size_fr(p("bytes")),
            size_fr(p("max_bytes")),
            number(p("max_rows").unwrap_or(""))
        ),
        ErrorCode::TooManyRows => format!(
            "Ce fichier compte {} lignes ; le planificateur en lit au plus {} à la fois. Partagez-le en fichiers plus petits et planifiez-les l'un après l'autre.",
            number(p("rows").unwrap_or("")),
            number(p("max").unwrap_or(""))
        ),
        ErrorCode::Internal => "Rien n'a été modifié : l'application n'a pas pu enregistrer ce changement. C'est un défaut de l'application ; merci de le signaler.".to_string(),
    }
}

/// The currency a refusal names, else the organisation's.
fn currency_of(error: &DomainError, names: &Names) -> Currency {
    error
        .params
        .get("currency")
        .and_then(|c| Currency::parse(c))
        .unwrap_or_else(|| names.currency())
}

/// " Pour 42,50 USD, tapez 42,50." when the refusal knows what was probably meant.
fn meant(error: &DomainError, names: &Names) -> String {
    let Some(minor) = error
        .params
        .get("meant_minor")
        .and_then(|m| m.parse::<i64>().ok())
    else {
        return String::new();
    };
    let currency = currency_of(error, names);
    let written = format_amount_in(Lang::Fr, minor, &currency);
    let number = written
        .rsplit_once(NBSP)
        .map(|(n, _)| n.to_string())
        .unwrap_or_else(|| written.clone());
    format!(" Si vous vouliez dire {written}, tapez {number}.")
}

/// A size in bytes as "1,9 Mo", "512 Ko".
fn size_fr(bytes: Option<&str>) -> String {
    let Some(b) = bytes.and_then(|b| b.parse::<u64>().ok()) else {
        return String::new();
    };
    if b >= 1_048_576 {
        let tenths = (b * 10 + 524_288) / 1_048_576;
        if tenths % 10 == 0 {
            format!("{}{NBSP}Mo", tenths / 10)
        } else {
            format!("{},{}{NBSP}Mo", tenths / 10, tenths % 10)
        }
    } else {
        format!("{}{NBSP}Ko", b.div_ceil(1024))
    }
}

/// `invalid_value` covers several checks; its params say which field, and sometimes the value.
fn invalid_value(error: &DomainError, field_text: &str) -> String {
    let p = |name: &str| error.params.get(name).map(String::as_str);
    let msg = error.message.as_str();
    let value = p("value");
    if let Some(max) = p("max") {
        return format!(
            "{} dépasse {} caractères : raccourcissez ce texte.",
            upper_first(field_text),
            number(max)
        );
    }
    match (p("field"), value) {
        (Some("phone number"), Some(v)) => format!("{} n'est pas un numéro de téléphone : utilisez 6 à 20 chiffres, éventuellement avec + - ( ) et des espaces, par exemple +33 1 23 45 67 89.", q(v)),
        (Some("MPN ID"), Some(v)) => format!("{} n'est pas un ID MPN : c'est un nombre de 4 à 12 chiffres, par exemple 1234567.", q(v)),
        (Some("download link"), Some(v)) => format!("{} n'est pas une adresse web : elle doit commencer par https:// et ne contenir aucune espace.", q(v)),
        (Some("tenant domain"), _) if msg.contains("not a domain name") => "Le domaine du locataire n'est pas un nom de domaine : utilisez des lettres, des chiffres, des tirets et des points, comme contoso.onmicrosoft.com.".to_string(),
        (Some("credit"), _) => "Seul le crédit en bloc se transfère : pour un crédit mensuel, ajoutez ou retirez directement ses utilisateurs.".to_string(),
        (Some("offer name"), _) if msg.contains("already listed") => "Cette offre Go-To-Market figure déjà dans la liste.".to_string(),
        (Some("competency"), None) if msg.contains("listed twice") => "Cette compétence est indiquée deux fois : indiquez-la une seule fois.".to_string(),
        (_, Some(v)) if msg.contains("listed twice") => format!("{} figure deux fois dans {field_text} : indiquez-le une seule fois.", q(v)),
        _ if msg.contains("fit on one line") => format!("{} doit tenir sur une ligne, sans tabulation ni saut de ligne.", upper_first(field_text)),
        (_, Some(v)) => format!("{} n'est pas une valeur acceptée pour {field_text}.", q(v)),
        _ => format!("La valeur de {field_text} n'est pas acceptée."),
    }
}

/// Why an email address is not valid, from the engine's English reason.
fn email_reason(message: &str) -> &'static str {
    const REASONS: [(&str, &str); 9] = [
        ("longer than 254", "elle dépasse 254 caractères"),
        ("has no @", "il manque le @"),
        ("more than one @", "elle contient plus d'un @"),
        ("must have 1 to 64", "la partie avant le @ doit compter de 1 à 64 caractères"),
        ("cannot contain", "la partie avant le @ contient un caractère interdit dans une adresse"),
        ("a dot cannot start", "un point ne peut ni commencer ni terminer la partie avant le @, ni suivre un autre point"),
        ("needs a dot", "le domaine après le @ doit contenir un point, comme dans exemple.com"),
        ("empty or over-long", "le domaine après le @ contient une partie vide ou trop longue"),
        ("may contain only", "le domaine après le @ ne peut contenir que des lettres, des chiffres, des tirets et des points"),
    ];
    REASONS
        .iter()
        .find(|(en, _)| message.contains(en))
        .map(|(_, fr)| *fr)
        .unwrap_or("elle n'a pas la forme d'une adresse e-mail")
}

/// R-KEY-1 in French, from the key error's code and, when given, the bad character.
fn key_error(code: Option<&str>, position: Option<&str>, found: Option<&str>) -> String {
    match code {
        Some("key_empty") => "Saisissez une clé de produit : 25 caractères, comme XXXXX-XXXXX-XXXXX-XXXXX-XXXXX.".to_string(),
        Some("key_bad_character") => {
            let found = found.unwrap_or("");
            let shown = if found == " " { "une espace".to_string() } else { q(found) };
            let place = match position.and_then(|p| p.parse::<usize>().ok()) {
                Some(n) => format!("Le caractère {n} (groupe {}) est {shown}", (n.saturating_sub(1)) / 5 + 1),
                None => format!("Le caractère {shown}"),
            };
            let hint = match found {
                "0" | "O" => "Dans les clés de produit, le zéro et la lettre O ne sont jamais utilisés : vérifiez ce qui est imprimé, c'est peut-être un D ou un Q.",
                "1" | "I" | "L" => "Dans les clés de produit, le chiffre 1 et les lettres I et L ne sont jamais utilisés : vérifiez ce qui est imprimé, c'est peut-être un 7 ou un T.",
                "5" | "S" => "Dans les clés de produit, le chiffre 5 et la lettre S ne sont jamais utilisés : vérifiez ce qui est imprimé, c'est peut-être un 6 ou un 8.",
                _ => "Les clés n'utilisent que les lettres et chiffres BCDFGHJKMPQRTVWXY2346789 : les lettres A E I L N O S U Z et les chiffres 0 1 5 n'y apparaissent jamais.",
            };
            format!("{place}, qui ne fait jamais partie d'une clé de produit. {hint}")
        }
        _ => "Une clé de produit compte 25 caractères (cinq groupes de cinq) : vérifiez s'il manque un groupe ou s'il y en a un de trop.".to_string(),
    }
}

/// Why a stored or imported workspace could not be read, in French.
pub fn load_error(error: &LoadError) -> String {
    typography(match error {
        LoadError::NotJson { message } => format!("Ce n'est pas un espace de travail enregistré : ce n'est pas du JSON valide ({message})."),
        LoadError::NotAWorkspace { message } => format!("Ce n'est pas un espace de travail enregistré : {message}."),
        LoadError::FutureVersion { found, supported } => format!("Cet espace de travail a été enregistré par une version plus récente de l'application (format {found}) ; cette version lit les formats jusqu'au {supported}. Mettez l'application à jour pour l'ouvrir. Les données enregistrées n'ont pas été modifiées."),
        LoadError::UnsupportedVersion { found } => format!("Cet espace de travail est au format {found}, que cette application ne sait pas lire. Les données enregistrées n'ont pas été modifiées."),
        LoadError::Invalid { message } => format!("Une partie de cet espace de travail n'a pas pu être lue ({message}). Les données enregistrées n'ont pas été modifiées."),
        LoadError::Inconsistent { message } => format!("Cet espace de travail est endommagé : son état ne correspond pas à son journal d'activité ({message}). Les données enregistrées n'ont pas été modifiées."),
    })
}

/// The key planner's refusal in French, by its code and the numbers of the request.
pub fn plan_error(error: &PlanError, request: &PlanRequest) -> String {
    let count = |n: i64| number(&n.to_string());
    typography(match error.error {
        PlanErrorCode::ExtensionOver3Years => match request.active_seats {
            Some(a) => format!(
                "Une clé de {} licences prolongerait {} licences au-delà de la limite de {MAX_EXTENSION_MONTHS} mois (3 ans). Prolonger ne fonctionne ici qu'avec des clés d'au plus trois fois les licences actives ; utilisez plutôt « Ajouter des licences ».",
                count(request.key_seats),
                count(a)
            ),
            None => format!("La prolongation dépasserait la limite de {MAX_EXTENSION_MONTHS} mois (3 ans) ; utilisez plutôt « Ajouter des licences »."),
        },
        PlanErrorCode::SubscriptionNotActive => match request.end_date {
            Some(end) => format!(
                "L'abonnement a pris fin le {}, pas après le jour de l'échange ({}) : seule l'option « Activer un nouvel abonnement » est possible.",
                format_date_in(Lang::Fr, end),
                format_date_in(Lang::Fr, request.today)
            ),
            None => "L'abonnement n'est plus actif : seule l'option « Activer un nouvel abonnement » est possible.".to_string(),
        },
        PlanErrorCode::InvalidActiveSeats => match request.active_seats {
            Some(a) => format!(
                "Les licences actives doivent être un nombre entier de 1 à {} ; {} a été saisi.",
                count(MAX_SEATS),
                count(a)
            ),
            None => "Saisissez les licences actives de l'abonnement (un nombre entier, au moins 1).".to_string(),
        },
        PlanErrorCode::InvalidKeySeats => format!(
            "Les licences de la clé doivent être un nombre entier de 1 à {} ; {} a été saisi.",
            count(MAX_SEATS),
            count(request.key_seats)
        ),
        PlanErrorCode::MissingEndDate => "Saisissez la date de fin actuelle de l'abonnement.".to_string(),
        PlanErrorCode::DateOutOfRange => format!(
            "Le résultat tomberait après le {} ou avant le {}. Vérifiez les dates saisies.",
            format_date_in(Lang::Fr, MAX_DATE),
            format_date_in(Lang::Fr, MIN_DATE)
        ),
    })
}

/// R-PRO-5's warning in French: "add licenses" leaves under the key's 12 months, and what
/// "extend" would give instead (`extend` is the engine's extend outcome, when possible).
pub fn short_term_warning(add: &PlanOutcome, extend: Option<&PlanOutcome>) -> String {
    let months =
        |m: benefits_core::Months| format!("{}{NBSP}mois", m.to_decimal_string().replace('.', ","));
    let before = add
        .time_left_before
        .map(|m| format!(", car l'abonnement n'a plus que {}", months(m)))
        .unwrap_or_default();
    let mut text = format!(
        "Ajouter des licences laisse {} de durée, moins que les {KEY_TERM_MONTHS} mois de la clé{before}.",
        months(add.time_left_after)
    );
    match extend {
        Some(e) => text.push_str(&format!(
            " Prolonger la date de fin garderait plutôt {} licences et reporterait la date de fin au {}{}.",
            number(&e.seats.to_string()),
            format_date_in(Lang::Fr, e.end_date),
            e.months_added
                .map(|m| format!(" (+{})", months(m)))
                .unwrap_or_default()
        )),
        None => text.push_str(
            " Prolonger la date de fin n'est pas possible avec cette clé (la limite de 3 ans serait dépassée).",
        ),
    }
    typography(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::{demo, Command};
    use chrono::NaiveDateTime;

    /// Every code of `crates/core/src/error.rs`, as docs/DOMAIN.md lists them.
    const ALL_CODES: [&str; 56] = [
        "unknown_actor",
        "actor_disabled",
        "no_role",
        "permission_denied",
        "no_organisation",
        "organisation_exists",
        "missing_value",
        "invalid_value",
        "invalid_email",
        "invalid_date",
        "invalid_amount",
        "user_not_found",
        "record_not_found",
        "record_in_use",
        "email_in_use",
        "user_disabled",
        "last_global_admin",
        "nothing_to_change",
        "cancellation_window_closed",
        "cancellation_blocked_by_activation",
        "cancellation_already_requested",
        "duplicate_key",
        "download_link_mismatch",
        "bulk_credit_remove_not_available",
        "transfer_outside_enrollment_year",
        "bulk_credit_conflicting_offer",
        "bulk_credit_already_assigned",
        "credit_user_already_assigned",
        "credit_user_not_assigned",
        "credit_balance_exceeded",
        "credit_expired",
        "vs_reassignment_too_early",
        "vs_already_assigned_to_user",
        "vs_not_assigned",
        "tech_not_eligible",
        "tech_invalid_state",
        "tech_ids_required",
        "tech_allowance_exceeded",
        "gtm_marketing_contact_required",
        "marketing_contact_email_is_company_email",
        "gtm_invalid_state",
        "key_malformed",
        "key_paste_has_problems",
        "key_unknown",
        "key_already_redeemed",
        "key_product_mismatch",
        "tenant_not_confirmed",
        "subscription_still_active",
        "action_needs_existing_subscription",
        "subscription_not_active",
        "extension_over_3_years",
        "invalid_active_seats",
        "invalid_key_seats",
        "missing_end_date",
        "date_out_of_range",
        "internal",
    ];

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    fn now() -> NaiveDateTime {
        today().and_hms_opt(10, 0, 0).unwrap()
    }

    /// French words that an English sentence would not have.
    fn looks_french(text: &str) -> bool {
        [
            " le ",
            " la ",
            " les ",
            " de ",
            " d'",
            " un ",
            " une ",
            " est ",
            " pas ",
            " ne ",
            " à ",
            " du ",
            "Il ",
            "Ce ",
            "Cet",
            "La ",
            "Le ",
            "Saisissez",
            "Rien",
        ]
        .iter()
        .any(|w| text.contains(w))
    }

    #[test]
    fn every_error_code_has_a_french_refusal_even_without_params() {
        for code in ALL_CODES {
            let code: ErrorCode = serde_json::from_value(serde_json::json!(code))
                .unwrap_or_else(|e| panic!("{code}: {e}"));
            let english = "An English sentence that must not be shown.";
            let error = DomainError::new(code, english);
            let french = refusal(&error, None, None);
            assert!(!french.trim().is_empty(), "{code:?}");
            assert_ne!(french, english, "{code:?}");
            assert!(looks_french(&french), "{code:?}: {french}");
        }
    }

    #[test]
    fn real_refusals_of_the_demo_read_in_french_with_names() {
        let doc = demo::workspace(today());
        let ws = doc.workspace();
        let gloria = UserId::new(demo::GLORIA);
        let nora = UserId::new(demo::NORA);
        let andy = UserId::new(demo::ANDY);
        let fr = |actor: &UserId, command: &Command| {
            let e = ws.clone().apply(actor, now(), command).unwrap_err();
            (e.code, refusal(&e, Some(ws), Some(actor)))
        };

        // No role: whom to ask, by name.
        let e = ws.check_can_view(&nora).unwrap_err();
        let text = refusal(&e, Some(ws), Some(&nora));
        assert!(text.contains("Nora No-Role n'a aucun rôle"), "{text}");
        assert!(
            text.contains("Demandez à un administrateur général (Gloria Global-Admin)"),
            "{text}"
        );

        // Permission denied: the action, the roles, whom to ask.
        let add = Command::AddUser {
            user: benefits_core::model::UserDetails {
                name: "Zoé".into(),
                email: "zoe@contoso.example".into(),
                kind: benefits_core::model::UserKind::Member,
                roles: Default::default(),
            },
        };
        let (code, text) = fr(&andy, &add);
        assert_eq!(code, ErrorCode::PermissionDenied);
        assert!(
            text.contains("Il faut être administrateur général ou administrateur d'utilisateurs pour ajouter des utilisateurs à l'annuaire"),
            "{text}"
        );
        assert!(text.contains("agent d'administration"), "{text}");
        assert!(text.contains("Gloria Global-Admin"), "{text}");

        // Cancellation: the 60-day-old package, dates in French.
        let old = ws
            .packages()
            .values()
            .find(|p| p.name.contains("Action Pack"))
            .unwrap()
            .id
            .clone();
        let (code, text) = fr(
            &gloria,
            &Command::RequestPackageCancellation { package: old },
        );
        assert_eq!(code, ErrorCode::CancellationWindowClosed);
        assert!(text.contains("21 septembre 2026"), "{text}");
        assert!(text.contains("30 jours"), "{text}");

        // Activated software blocks the recent package: names of the package, the software
        // and who revealed its keys.
        let recent = ws
            .packages()
            .values()
            .find(|p| p.name.contains("Silver"))
            .unwrap()
            .id
            .clone();
        let office = ws
            .software()
            .values()
            .find(|s| s.package.as_ref() == Some(&recent))
            .unwrap()
            .id
            .clone();
        let mut revealed = doc.clone();
        revealed
            .apply(
                &gloria,
                now(),
                &Command::RevealSoftwareKeys { product: office },
            )
            .unwrap();
        let e = revealed
            .clone()
            .apply(
                &gloria,
                now(),
                &Command::RequestPackageCancellation { package: recent },
            )
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::CancellationBlockedByActivation);
        let text = refusal(&e, Some(revealed.workspace()), Some(&gloria));
        assert!(
            text.starts_with("Silver Cloud Productivity ne peut pas être annulé"),
            "{text}"
        );
        assert!(
            text.contains("20 novembre 2026, quand Gloria Global-Admin a affiché ses clés"),
            "{text}"
        );

        // Email in use: the other user's name.
        let dup = Command::AddUser {
            user: benefits_core::model::UserDetails {
                name: "Autre".into(),
                email: ws.user(&nora).unwrap().email.to_uppercase(),
                kind: benefits_core::model::UserKind::Member,
                roles: Default::default(),
            },
        };
        let (code, text) = fr(&gloria, &dup);
        assert_eq!(code, ErrorCode::EmailInUse);
        assert!(text.starts_with("Nora No-Role utilise déjà"), "{text}");

        // Last Global admin.
        let (code, text) = fr(
            &gloria,
            &Command::DisableUser {
                user: gloria.clone(),
            },
        );
        assert_eq!(code, ErrorCode::LastGlobalAdmin);
        assert!(
            text.starts_with("Gloria Global-Admin est le seul"),
            "{text}"
        );

        // Invalid email: the reason in French.
        let bad = Command::AddUser {
            user: benefits_core::model::UserDetails {
                name: "Autre".into(),
                email: "pas-une-adresse".into(),
                kind: benefits_core::model::UserKind::Member,
                roles: Default::default(),
            },
        };
        let (code, text) = fr(&gloria, &bad);
        assert_eq!(code, ErrorCode::InvalidEmail);
        assert!(text.contains("il manque le @"), "{text}");
        assert!(text.contains("l'adresse e-mail"), "{text}");
    }

    #[test]
    fn every_engine_action_phrase_has_french() {
        for what in [
            "add directory users",
            "edit directory users and their roles",
            "request the cancellation of a package",
            "redeem product keys in the tenant",
            "grant the Global admin role",
            "view the workspace",
        ] {
            assert!(action(what).is_some(), "{what}");
        }
    }

    #[test]
    fn french_typography_keeps_colons_with_their_words() {
        let e = DomainError::new(ErrorCode::NoOrganisation, "x");
        let text = refusal(&e, None, None);
        assert!(text.contains("\u{a0}:"), "{text}");
        assert!(!text.contains(" :"), "{text}");
    }

    #[test]
    fn plan_errors_and_the_warning_read_in_french() {
        let req = PlanRequest {
            action: benefits_core::Action::ExtendEndDate,
            active_seats: Some(100),
            end_date: NaiveDate::from_ymd_opt(2027, 1, 31),
            key_seats: 400,
            today: today(),
        };
        let e = benefits_core::plan(&req).unwrap_err();
        let text = plan_error(&e, &req);
        assert!(
            text.contains("Une clé de 400 licences prolongerait 100 licences"),
            "{text}"
        );
        assert!(text.contains("3 ans"), "{text}");

        let add = benefits_core::plan(&PlanRequest {
            action: benefits_core::Action::AddLicenses,
            key_seats: 25,
            ..req.clone()
        })
        .unwrap();
        let extend = benefits_core::plan(&PlanRequest {
            key_seats: 25,
            ..req
        })
        .unwrap();
        let text = short_term_warning(&add, Some(&extend));
        assert!(text.starts_with("Ajouter des licences laisse"), "{text}");
        assert!(text.contains("30 avril 2027"), "{text}");
        assert!(text.contains("(+3\u{a0}mois)"), "{text}");
    }

    #[test]
    fn load_errors_read_in_french() {
        let e = benefits_core::WorkspaceDoc::from_json("{nope").unwrap_err();
        assert!(load_error(&e).starts_with("Ce n'est pas un espace de travail enregistré"));
        let e = LoadError::FutureVersion {
            found: 9,
            supported: 1,
        };
        assert!(load_error(&e).contains("version plus récente"));
    }
}
