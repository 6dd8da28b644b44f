//! Every word the app shows, in one place.
//!
//! Two languages, English and French, side by side: [`en`] and [`fr`] hold every [`Msg`]
//! (both matches are exhaustive, so a new message cannot be added in one language only),
//! and every formatting function below writes dates, counts, amounts and months the way
//! the partner's language does ("30 April 2027" / "30 avril 2027", "6,000.00 USD" /
//! "6 000,00 USD"). Area pages put their own strings side by side with [`pick`].
//!
//! The one text outside this table is the `<noscript>` sentence of `index.html`, which is
//! shown before any Rust runs.
//!
//! Messages that come from the engine are English sentences; in French they are written
//! again from their stable codes and parameters (`crate::i18n_fr`): refusals, plan errors,
//! the short-term warning, stored-document errors.

use benefits_core::Months;
use chrono::{Datelike, NaiveDate};

/// A fixed piece of text in the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    AppName,
    SkipToContent,
    MenuButton,
    NavLabel,
    NavBenefits,
    AreaMembership,
    AreaSoftware,
    AreaAzureCloud,
    AreaVisualStudio,
    AreaTechnical,
    AreaGoToMarket,
    AreaAccountSettings,
    AreaActivity,
    AreaKeyPlanner,
    AreaRedeem,
    AreaBulkPlanner,
    AreaCalendar,
    AreaSettings,
    NotFoundTitle,
    NotFoundBody,
    NotFoundAddress,
    NotFoundTry,
    PlanIntro,
    PlanShareHint,
    PlanExampleLink,
    SubscriptionLegend,
    KeyLegend,
    ActiveLicenses,
    ActiveLicensesHint,
    CurrentEndDate,
    CurrentEndDateHint,
    KeyLicenses,
    KeyLicensesHint,
    RedemptionDate,
    RedemptionDateHint,
    OutcomesHeading,
    ExtendTitle,
    ExtendSummary,
    AddTitle,
    AddSummary,
    ActivateTitle,
    ActivateSummary,
    NewEndDate,
    LicensesAfter,
    MonthsAdded,
    TimeLeftBefore,
    TimeLeftAfter,
    Refused,
    Warning,
    TimelineHeading,
    MarkToday,
    MarkCurrentEnd,
    MarkExtendEnd,
    MarkAddEnd,
    MarkLimit,
    ActingAs,
    LanguageLabel,
    NoRole,
    Disabled,
    NoUsersYet,
    GateTitle,
    GateSwitchHint,
    EmptyWorkspaceTitle,
    EmptyWorkspaceBody,
    OpenSettings,
    Dismiss,
    StorageNoticeTitle,
    PageWaitingForConnection,
}

impl Msg {
    /// Every message, for the tests that check both languages.
    #[cfg(test)]
    pub const ALL: &[Msg] = &{
        use Msg::*;
        [
            AppName,
            SkipToContent,
            MenuButton,
            NavLabel,
            NavBenefits,
            AreaMembership,
            AreaSoftware,
            AreaAzureCloud,
            AreaVisualStudio,
            AreaTechnical,
            AreaGoToMarket,
            AreaAccountSettings,
            AreaActivity,
            AreaKeyPlanner,
            AreaRedeem,
            AreaBulkPlanner,
            AreaCalendar,
            AreaSettings,
            NotFoundTitle,
            NotFoundBody,
            NotFoundAddress,
            NotFoundTry,
            PlanIntro,
            PlanShareHint,
            PlanExampleLink,
            SubscriptionLegend,
            KeyLegend,
            ActiveLicenses,
            ActiveLicensesHint,
            CurrentEndDate,
            CurrentEndDateHint,
            KeyLicenses,
            KeyLicensesHint,
            RedemptionDate,
            RedemptionDateHint,
            OutcomesHeading,
            ExtendTitle,
            ExtendSummary,
            AddTitle,
            AddSummary,
            ActivateTitle,
            ActivateSummary,
            NewEndDate,
            LicensesAfter,
            MonthsAdded,
            TimeLeftBefore,
            TimeLeftAfter,
            Refused,
            Warning,
            TimelineHeading,
            MarkToday,
            MarkCurrentEnd,
            MarkExtendEnd,
            MarkAddEnd,
            MarkLimit,
            ActingAs,
            LanguageLabel,
            NoRole,
            Disabled,
            NoUsersYet,
            GateTitle,
            GateSwitchHint,
            EmptyWorkspaceTitle,
            EmptyWorkspaceBody,
            OpenSettings,
            Dismiss,
            StorageNoticeTitle,
            PageWaitingForConnection,
        ]
    };
}

/// The languages of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and for storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Reads a stored or requested tag ("fr", "fr-CA", "EN"); `None` for other languages.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }
}

thread_local! {
    // The app is single-threaded (WebAssembly); the store keeps this in step with its
    // language signal and re-renders the page when it changes.
    static CURRENT: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::En) };
}

/// The language the interface is drawn in now.
pub fn lang() -> Lang {
    CURRENT.with(|c| c.get())
}

/// Sets the language for the texts drawn from now on (the store calls it).
pub fn set_lang(lang: Lang) {
    // Native tests have no split modules to fetch: French is simply there.
    #[cfg(test)]
    install_french(crate::i18n_fr::table());
    CURRENT.with(|c| c.set(lang));
}

/// The French sentences and tables (`crate::i18n_fr`), as function pointers. They live in
/// their own WebAssembly module, fetched when French is chosen ([`load_french`]), so that a
/// partner reading English never downloads them; `Store` switches to French only once they
/// are here. `pick("…", "…")` strings stay inline: each page carries its own.
#[derive(Clone, Copy)]
pub struct French {
    pub text: fn(Msg) -> &'static str,
    pub role: fn(benefits_core::Role) -> &'static str,
    pub load_error: fn(&benefits_core::LoadError) -> String,
    pub refusal: fn(
        &benefits_core::DomainError,
        Option<&benefits_core::Workspace>,
        Option<&benefits_core::UserId>,
    ) -> String,
    pub plan_error: fn(&benefits_core::PlanError, &benefits_core::PlanRequest) -> String,
    pub short_term_warning:
        fn(&benefits_core::PlanOutcome, Option<&benefits_core::PlanOutcome>) -> String,
    pub warning: fn(&benefits_core::CommandWarning) -> String,
}

thread_local! {
    static FRENCH: std::cell::Cell<Option<French>> = const { std::cell::Cell::new(None) };
}

/// The French tables, once loaded.
pub fn french() -> Option<French> {
    FRENCH.with(|f| f.get())
}

/// The French tables when the interface is in French (English otherwise, and until they
/// are loaded: `Store` switches to French only then).
fn in_french_now() -> Option<French> {
    french().filter(|_| lang() == Lang::Fr)
}

/// Makes French available (from [`load_french`]; tests install it directly).
pub fn install_french(french: French) {
    FRENCH.with(|f| f.set(Some(french)));
}

/// Fetches the French module (the release build splits it out: scripts/build-app.sh) and
/// returns its tables. A module that cannot be fetched is retried by the loader until the
/// connection is back; the interface stays in English meanwhile.
#[leptos::lazy]
pub fn load_french() -> French {
    crate::i18n_fr::table()
}

/// Picks the text for the current language: `pick("Save", "Enregistrer")`. Area modules use
/// it for their own strings so that both languages sit side by side.
pub fn pick(en: &'static str, fr: &'static str) -> &'static str {
    match lang() {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

/// The text of `msg` in the partner's language.
pub fn t(msg: Msg) -> &'static str {
    match in_french_now() {
        Some(fr) => (fr.text)(msg),
        None => en(msg),
    }
}

/// The text of `msg` in a given language.
#[cfg(test)]
pub fn t_in(lang: Lang, msg: Msg) -> &'static str {
    match lang {
        Lang::En => en(msg),
        Lang::Fr => crate::i18n_fr::text(msg),
    }
}

fn en(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        AppName => "Partner Benefits Workspace",
        SkipToContent => "Skip to main content",
        MenuButton => "Menu",
        NavLabel => "Workspace",
        NavBenefits => "Benefits",
        AreaMembership => "Membership",
        AreaSoftware => "Software",
        AreaAzureCloud => "Azure & Cloud",
        AreaVisualStudio => "Visual Studio",
        AreaTechnical => "Technical",
        AreaGoToMarket => "Go-To-Market",
        AreaAccountSettings => "Account settings",
        AreaActivity => "Activity",
        AreaKeyPlanner => "Key planner",
        AreaRedeem => "Redeem a key",
        AreaBulkPlanner => "Bulk key planner",
        AreaCalendar => "Expiry calendar",
        AreaSettings => "Settings",
        NotFoundTitle => "Page not found",
        NotFoundBody => "There is no page at this address. The link may be mistyped or out of date.",
        NotFoundAddress => "Address asked for:",
        NotFoundTry => "Try one of these pages:",
        PlanIntro => "See what a product key would do to a subscription before you redeem it: extend the end date, or add licenses. Nothing is redeemed here.",
        PlanShareHint => "The address of this page holds the plan: copy it to share the plan.",
        PlanExampleLink => "Open an example: 100 licenses ending 31 January 2027, a 25-license key",
        SubscriptionLegend => "The subscription",
        KeyLegend => "The key",
        ActiveLicenses => "Active licenses",
        ActiveLicensesHint => "Licenses on the subscription now, for example 100.",
        CurrentEndDate => "Current end date",
        CurrentEndDateHint => "The subscription's end date before the key is redeemed.",
        KeyLicenses => "Key licenses",
        KeyLicensesHint => "Licenses the product key carries, for example 25.",
        RedemptionDate => "Redemption date",
        RedemptionDateHint => "The day the key would be redeemed. Today unless you change it.",
        OutcomesHeading => "What the key would do",
        ExtendTitle => "Extend the end date",
        ExtendSummary => "The licenses stay as they are; the end date moves later.",
        AddTitle => "Add licenses",
        AddSummary => "The key's licenses join the subscription; the end date is averaged over all licenses.",
        ActivateTitle => "Activate a new subscription",
        ActivateSummary => "The subscription has ended, so the key can only start a new one.",
        NewEndDate => "New end date",
        LicensesAfter => "Licenses after",
        MonthsAdded => "Months added",
        TimeLeftBefore => "Time left before",
        TimeLeftAfter => "Time left after",
        Refused => "Not possible.",
        Warning => "Check first.",
        TimelineHeading => "Timeline",
        MarkToday => "Redemption day",
        MarkCurrentEnd => "Current end",
        MarkExtendEnd => "Extend",
        MarkAddEnd => "Add licenses",
        MarkLimit => "3-year limit",
        ActingAs => "Acting as",
        LanguageLabel => "Language",
        NoRole => "no role",
        Disabled => "disabled",
        NoUsersYet => "No one yet",
        GateTitle => "Nothing to show for you yet",
        GateSwitchHint => "To see the workspace as someone else, choose them in “Acting as” at the top of the page.",
        EmptyWorkspaceTitle => "This workspace is empty",
        EmptyWorkspaceBody => "Set up the organisation and its first Global admin in Settings, or bring back the demo.",
        OpenSettings => "Open Settings",
        Dismiss => "Dismiss this message",
        StorageNoticeTitle => "Saving in this browser",
        PageWaitingForConnection => "This page could not be loaded: the connection to the server seems to be down. It opens by itself as soon as the connection is back; the pages already opened still work.",
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// French abbreviations of the months, as the French press and CLDR write them.
const MONTHS_FR_SHORT: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

/// The space that groups thousands in French ("6 000"): narrow and unbreakable.
pub const FR_GROUP: char = '\u{202f}';
/// The unbreakable space French puts before a unit, a colon or a currency code.
pub const NBSP: char = '\u{a0}';

/// A date as a person reads it: "30 April 2027", "30 avril 2027", "1er mai 2027".
pub fn format_date(date: NaiveDate) -> String {
    format_date_in(lang(), date)
}

/// [`format_date`] in a given language.
pub fn format_date_in(lang: Lang, date: NaiveDate) -> String {
    let m = date.month0() as usize;
    match lang {
        Lang::En => format!("{} {} {}", date.day(), MONTHS_EN[m], date.year()),
        Lang::Fr => {
            let day = if date.day() == 1 {
                "1er".to_string()
            } else {
                date.day().to_string()
            };
            format!("{day} {} {}", MONTHS_FR[m], date.year())
        }
    }
}

/// A short date for tight places such as the timeline: "30 Apr 2027", "30 avr. 2027".
pub fn format_date_short(date: NaiveDate) -> String {
    let m = date.month0() as usize;
    match lang() {
        Lang::En => format!("{} {} {}", date.day(), &MONTHS_EN[m][..3], date.year()),
        Lang::Fr => format!("{} {} {}", date.day(), MONTHS_FR_SHORT[m], date.year()),
    }
}

/// A moment of the activity log, in UTC: "20 November 2026, 10:05 UTC",
/// "20 novembre 2026 à 10:05 UTC".
pub fn format_date_time(at: chrono::NaiveDateTime) -> String {
    use chrono::Timelike;
    let time = format!("{:02}:{:02}", at.hour(), at.minute());
    match lang() {
        Lang::En => format!("{}, {time} UTC", format_date_in(Lang::En, at.date())),
        Lang::Fr => format!("{} à {time} UTC", format_date_in(Lang::Fr, at.date())),
    }
}

/// Digits grouped by three with `sep`.
fn group_digits(digits: &str, sep: char) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A count with thousands separators: "1,250" in English, "1 250" in French.
pub fn format_count(n: i64) -> String {
    let sep = match lang() {
        Lang::En => ',',
        Lang::Fr => FR_GROUP,
    };
    let out = group_digits(&n.unsigned_abs().to_string(), sep);
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A number of licenses with its noun: "1 license", "25 licenses"; "1 licence",
/// "0 licence", "1 250 licences".
pub fn licenses(n: i64) -> String {
    let count = format_count(n);
    match (lang(), n) {
        (Lang::En, 1) => "1 license".to_string(),
        (Lang::En, _) => format!("{count} licenses"),
        (Lang::Fr, -1..=1) => format!("{count} licence"),
        (Lang::Fr, _) => format!("{count} licences"),
    }
}

/// A decimal written by the engine ("7.2", "-0.4") with the language's decimal mark.
fn decimal_mark(n: &str) -> String {
    match lang() {
        Lang::En => n.to_string(),
        Lang::Fr => n.replace('.', ","),
    }
}

/// A span of months to a tenth: "3 months", "1 month", "7.2 months"; "7,2 mois".
pub fn format_months(m: Months) -> String {
    let n = m.to_decimal_string();
    match lang() {
        Lang::En if n == "1" => "1 month".to_string(),
        Lang::En => format!("{n} months"),
        Lang::Fr => format!("{}{NBSP}mois", decimal_mark(&n)),
    }
}

/// A change in months with its sign: "+3 months", "-0.4 months", "0 months".
pub fn format_months_change(m: Months) -> String {
    let text = format_months(m);
    if m > Months::ZERO && !text.starts_with('0') {
        format!("+{text}")
    } else {
        text
    }
}

/// An amount of the organisation's currency, in minor units, as the partner reads it:
/// "6,000.00 USD" in English, "6 000,00 USD" in French; "1,300,000 JPY" (no minor unit),
/// "1.500 KWD" (three digits). Exact: written from the integer, never through a float.
pub fn format_amount(minor: i64, currency: &benefits_core::Currency) -> String {
    format_amount_in(lang(), minor, currency)
}

/// [`format_amount`] in a given language (core writes it: `Currency::format_in`).
pub fn format_amount_in(lang: Lang, minor: i64, currency: &benefits_core::Currency) -> String {
    currency.format_in(notation_of(lang), minor)
}

/// How the partner's language writes numbers, for core's reading of amounts.
pub fn notation() -> benefits_core::Notation {
    notation_of(lang())
}

fn notation_of(lang: Lang) -> benefits_core::Notation {
    match lang {
        Lang::En => benefits_core::Notation::English,
        Lang::Fr => benefits_core::Notation::French,
    }
}

/// "was 100" beside a number that changed.
pub fn was(previous: &str) -> String {
    match lang() {
        Lang::En => format!("was {previous}"),
        Lang::Fr => format!("avant{NBSP}: {previous}"),
    }
}

/// The label of a field, as the field-problem sentences name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldName {
    ActiveLicenses,
    CurrentEndDate,
    KeyLicenses,
    RedemptionDate,
}

impl FieldName {
    pub fn label(self) -> &'static str {
        t(match self {
            FieldName::ActiveLicenses => Msg::ActiveLicenses,
            FieldName::CurrentEndDate => Msg::CurrentEndDate,
            FieldName::KeyLicenses => Msg::KeyLicenses,
            FieldName::RedemptionDate => Msg::RedemptionDate,
        })
    }
}

/// "“12a” is not a whole number. Enter digits only, for example 25."
pub fn not_a_whole_number(raw: &str) -> String {
    match lang() {
        Lang::En => format!("“{raw}” is not a whole number. Enter digits only, for example 25."),
        Lang::Fr => format!(
            "«{NBSP}{raw}{NBSP}» n'est pas un nombre entier. Saisissez seulement des chiffres, par exemple 25."
        ),
    }
}

/// A number too large to be a count of licenses at all.
pub fn number_too_large(raw: &str) -> String {
    match lang() {
        Lang::En => format!("“{raw}” is far too large for a number of licenses."),
        Lang::Fr => format!("«{NBSP}{raw}{NBSP}» est bien trop grand pour un nombre de licences."),
    }
}

/// A date field holding something that is not a date.
pub fn not_a_date(raw: &str) -> String {
    match lang() {
        Lang::En => format!(
            "“{raw}” is not a date. Pick one, or type it as year-month-day, for example 2027-01-31."
        ),
        Lang::Fr => format!(
            "«{NBSP}{raw}{NBSP}» n'est pas une date. Choisissez-en une, ou saisissez-la sous la forme année-mois-jour, par exemple 2027-01-31."
        ),
    }
}

/// Why an outcome cannot be shown yet: which fields are still empty or wrong.
pub fn outcome_waiting(missing: &[FieldName], wrong: &[FieldName]) -> String {
    let (enter, correct, and, start) = match lang() {
        Lang::En => ("enter", "correct", "and", "To see this outcome,"),
        Lang::Fr => ("saisissez", "corrigez", "et", "Pour voir ce résultat,"),
    };
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("{enter} {}", join_fields(missing)));
    }
    if !wrong.is_empty() {
        parts.push(format!("{correct} {}", join_fields(wrong)));
    }
    format!("{start} {}.", parts.join(&format!(" {and} ")))
}

fn join_fields(fields: &[FieldName]) -> String {
    let names: Vec<String> = fields
        .iter()
        .map(|f| match lang() {
            Lang::En => format!("“{}”", f.label()),
            Lang::Fr => format!("«{NBSP}{}{NBSP}»", f.label()),
        })
        .collect();
    let and = match lang() {
        Lang::En => "and",
        Lang::Fr => "et",
    };
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// One mark of the timeline in words: "Current end: 31 January 2027".
pub fn timeline_mark(label: &str, date: NaiveDate) -> String {
    match lang() {
        Lang::En => format!("{label}: {}", format_date(date)),
        Lang::Fr => format!("{label}{NBSP}: {}", format_date(date)),
    }
}

/// The timeline picture in words, for screen readers and as its tooltip.
pub fn timeline_description(marks: &[String]) -> String {
    format!("{}. {}.", t(Msg::TimelineHeading), marks.join("; "))
}

/// The browser tab's title for a page.
pub fn page_title(page: &str) -> String {
    format!("{page} · {}", t(Msg::AppName))
}

/// The name a person reads for a role, in the partner's language.
pub fn role_label(role: benefits_core::Role) -> &'static str {
    match in_french_now() {
        Some(fr) => (fr.role)(role),
        None => role.label(),
    }
}

/// "Gloria Global-Admin — Global admin", "Nora No-Role — no role (disabled)": how the
/// "Acting as" menu names a directory user.
pub fn user_with_roles(user: &benefits_core::model::DirectoryUser) -> String {
    let roles = if user.roles.is_empty() {
        t(Msg::NoRole).to_string()
    } else {
        user.roles
            .iter()
            .map(|r| role_label(*r))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if user.disabled {
        format!("{} — {roles} ({})", user.name, t(Msg::Disabled))
    } else {
        format!("{} — {roles}", user.name)
    }
}

/// What went wrong with local storage, in plain words (the browser names the error).
pub fn storage_problem(reason: &str) -> String {
    let quota = reason.contains("Quota");
    match (lang(), quota) {
        (Lang::En, true) => "this browser's storage for the workspace is full".to_string(),
        (Lang::Fr, true) => {
            "l'espace de stockage de ce navigateur pour l'espace de travail est plein".to_string()
        }
        (Lang::En, false) if reason.contains("does not allow") => {
            "this browser does not allow local storage here".to_string()
        }
        (Lang::Fr, false) if reason.contains("does not allow") => {
            "ce navigateur n'autorise pas le stockage local ici".to_string()
        }
        (Lang::En, false) => format!("the browser refused to store it ({reason})"),
        (Lang::Fr, false) => format!("le navigateur a refusé de l'enregistrer ({reason})"),
    }
}

/// The banner when the stored workspace could not be read (`reason` already in the
/// partner's language); `kept` says whether it was copied aside.
pub fn storage_unreadable(reason: &str, kept: bool) -> String {
    match (lang(), kept) {
        (Lang::En, true) => format!("Your saved workspace could not be read. {reason} It was kept aside, untouched, and the demo workspace is shown instead; download the kept copy from Settings to keep it."),
        (Lang::En, false) => format!("Your saved workspace could not be read. {reason} It could not be copied aside, so it stays where it was and nothing will be saved over it in this tab: download it from Settings before you make changes you want to keep."),
        (Lang::Fr, true) => format!("Votre espace de travail enregistré n'a pas pu être lu. {reason} Il a été mis de côté, intact, et l'espace de démonstration s'affiche à la place{NBSP}; téléchargez la copie mise de côté depuis les Paramètres pour la conserver."),
        (Lang::Fr, false) => format!("Votre espace de travail enregistré n'a pas pu être lu. {reason} Il n'a pas pu être mis de côté{NBSP}: il reste donc à sa place et rien ne sera enregistré par-dessus dans cet onglet. Téléchargez-le depuis les Paramètres avant de faire des modifications à conserver."),
    }
}

/// The banner when saving failed (`problem` from [`storage_problem`]).
pub fn storage_save_failed(problem: &str) -> String {
    match lang() {
        Lang::En => format!("Your last change could not be saved in this browser: {problem}. It stays in this tab until you close it; export the workspace from Settings to keep it."),
        Lang::Fr => format!("Votre dernière modification n'a pas pu être enregistrée dans ce navigateur{NBSP}: {problem}. Elle reste dans cet onglet jusqu'à sa fermeture{NBSP}; exportez l'espace de travail depuis les Paramètres pour la conserver."),
    }
}

/// Why a stored or imported document could not be read, in the partner's language.
pub fn load_error(error: &benefits_core::LoadError) -> String {
    match in_french_now() {
        Some(fr) => (fr.load_error)(error),
        None => error.to_string(),
    }
}

/// A refusal of the engine in the partner's language: what was refused, why, and what to do.
/// English is the engine's own sentence; French is written from the error's code and
/// parameters (`crate::i18n_fr::refusal`), with the names of the people and records it
/// points at read from the workspace on screen.
pub fn refusal(error: &benefits_core::DomainError) -> String {
    let Some(fr) = in_french_now() else {
        return error.message.clone();
    };
    match leptos::prelude::use_context::<crate::store::Store>() {
        Some(store) => {
            use leptos::prelude::{GetUntracked, WithUntracked};
            let actor = store.actor.get_untracked();
            store
                .doc
                .with_untracked(|doc| (fr.refusal)(error, Some(doc.workspace()), Some(&actor)))
        }
        None => (fr.refusal)(error, None, None),
    }
}

/// Something to check before a command, in the partner's language (core's
/// `CommandWarning`: English is its own sentence, French written from its code and params).
pub fn warning(w: &benefits_core::CommandWarning) -> String {
    match in_french_now() {
        Some(fr) => (fr.warning)(w),
        None => w.message.clone(),
    }
}

/// The key planner's refusal in the partner's language (the engine writes English).
pub fn localise_plan_error(
    error: benefits_core::PlanError,
    request: &benefits_core::PlanRequest,
) -> benefits_core::PlanError {
    match in_french_now() {
        Some(fr) => benefits_core::PlanError {
            message: (fr.plan_error)(&error, request),
            ..error
        },
        None => error,
    }
}

/// The warnings of an "add licenses" outcome in the partner's language; `extend` is the
/// engine's extend outcome for the same key, when possible (the warning names it).
pub fn localise_warnings(
    add: &mut benefits_core::PlanOutcome,
    extend: Option<&benefits_core::PlanOutcome>,
) {
    let Some(fr) = in_french_now() else {
        return;
    };
    let text = (fr.short_term_warning)(add, extend);
    for warning in &mut add.warnings {
        match warning.code {
            benefits_core::proration::WarningCode::ShortTerm => warning.message = text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates_read_like_a_person_writes_them() {
        assert_eq!(format_date(d("2027-04-30")), "30 April 2027");
        assert_eq!(format_date(d("2026-01-05")), "5 January 2026");
        assert_eq!(format_date_short(d("2027-09-01")), "1 Sep 2027");
    }

    #[test]
    fn licenses_agree_with_their_number() {
        assert_eq!(licenses(1), "1 license");
        assert_eq!(licenses(25), "25 licenses");
        assert_eq!(licenses(1250), "1,250 licenses");
        set_lang(Lang::Fr);
        let fr = (licenses(1), licenses(0), licenses(25));
        set_lang(Lang::En);
        assert_eq!(
            fr,
            ("1 licence".into(), "0 licence".into(), "25 licences".into())
        );
    }

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(125), "125");
        assert_eq!(format_count(1250), "1,250");
        assert_eq!(format_count(10_000_000), "10,000,000");
        assert_eq!(format_count(-4200), "-4,200");
    }

    #[test]
    fn months_read_with_their_unit_and_sign() {
        assert_eq!(format_months(Months::whole(3)), "3 months");
        assert_eq!(format_months(Months::whole(1)), "1 month");
        assert_eq!(format_months(Months::ratio(36, 5).unwrap()), "7.2 months");
        assert_eq!(format_months_change(Months::whole(3)), "+3 months");
        assert_eq!(
            format_months_change(Months::ratio(-2, 5).unwrap()),
            "-0.4 months"
        );
        assert_eq!(format_months_change(Months::ZERO), "0 months");
        // Rounds to zero: no misleading plus sign.
        assert_eq!(
            format_months_change(Months::ratio(1, 100).unwrap()),
            "0 months"
        );
    }

    #[test]
    fn waiting_sentences_name_the_fields() {
        assert_eq!(
            outcome_waiting(&[FieldName::ActiveLicenses], &[]),
            "To see this outcome, enter “Active licenses”."
        );
        assert_eq!(
            outcome_waiting(
                &[FieldName::ActiveLicenses, FieldName::CurrentEndDate, FieldName::KeyLicenses],
                &[FieldName::RedemptionDate]
            ),
            "To see this outcome, enter “Active licenses”, “Current end date” and “Key licenses” and correct “Redemption date”."
        );
    }

    #[test]
    fn every_message_has_english_text() {
        for msg in [
            Msg::AppName,
            Msg::ActiveLicenses,
            Msg::MarkLimit,
            Msg::NotFoundTry,
        ] {
            assert!(!t(msg).is_empty());
        }
        assert_eq!(t(Msg::ActiveLicenses), "Active licenses");
        assert_eq!(t(Msg::CurrentEndDate), "Current end date");
        assert_eq!(t(Msg::KeyLicenses), "Key licenses");
        assert_eq!(t(Msg::RedemptionDate), "Redemption date");
    }

    #[test]
    fn the_timeline_words_never_repeat_a_field_label() {
        // The picture's description must not read as a second "Redemption date" field to
        // assistive technology (or to a test that finds fields by their label).
        let fields = [
            FieldName::ActiveLicenses,
            FieldName::CurrentEndDate,
            FieldName::KeyLicenses,
            FieldName::RedemptionDate,
        ];
        for mark in [
            Msg::MarkToday,
            Msg::MarkCurrentEnd,
            Msg::MarkExtendEnd,
            Msg::MarkAddEnd,
            Msg::MarkLimit,
        ] {
            let words =
                timeline_description(&[timeline_mark(t(mark), d("2027-01-31"))]).to_lowercase();
            for field in fields {
                assert!(!words.contains(&field.label().to_lowercase()), "{words}");
            }
        }
    }

    /// Runs `f` with the interface in French, then back in English.
    fn in_french<T>(f: impl FnOnce() -> T) -> T {
        set_lang(Lang::Fr);
        let out = f();
        set_lang(Lang::En);
        out
    }

    #[test]
    fn every_message_has_french_text_of_its_own() {
        // Names that are the same in both languages (product names, "Menu").
        let same = [Msg::MenuButton, Msg::AreaVisualStudio, Msg::AreaGoToMarket];
        let mut seen = std::collections::HashSet::new();
        for &msg in Msg::ALL {
            assert!(seen.insert(msg), "{msg:?} listed twice in Msg::ALL");
            let fr = t_in(Lang::Fr, msg);
            assert!(!fr.trim().is_empty(), "{msg:?}");
            assert!(!t_in(Lang::En, msg).trim().is_empty(), "{msg:?}");
            if !same.contains(&msg) {
                assert_ne!(fr, t_in(Lang::En, msg), "{msg:?} is not translated");
            }
        }
        assert_eq!(in_french(|| t(Msg::AreaSettings)), "Paramètres");
        assert_eq!(t(Msg::AreaSettings), "Settings");
    }

    #[test]
    fn french_dates_read_like_a_french_person_writes_them() {
        assert_eq!(format_date_in(Lang::Fr, d("2027-04-30")), "30 avril 2027");
        assert_eq!(format_date_in(Lang::Fr, d("2027-05-01")), "1er mai 2027");
        assert_eq!(format_date_in(Lang::En, d("2027-05-01")), "1 May 2027");
        in_french(|| {
            assert_eq!(format_date(d("2026-08-15")), "15 août 2026");
            assert_eq!(format_date_short(d("2027-02-01")), "1 févr. 2027");
            let at = d("2026-11-20").and_hms_opt(10, 5, 0).unwrap();
            assert_eq!(format_date_time(at), "20 novembre 2026 à 10:05 UTC");
        });
        let at = d("2026-11-20").and_hms_opt(10, 5, 0).unwrap();
        assert_eq!(format_date_time(at), "20 November 2026, 10:05 UTC");
    }

    #[test]
    fn amounts_are_written_exactly_in_both_languages() {
        let usd = benefits_core::Currency::usd();
        let jpy = benefits_core::Currency::parse("JPY").unwrap();
        let kwd = benefits_core::Currency::parse("KWD").unwrap();
        assert_eq!(format_amount_in(Lang::En, 600_000, &usd), "6,000.00 USD");
        assert_eq!(
            format_amount_in(Lang::Fr, 600_000, &usd),
            "6\u{202f}000,00\u{a0}USD"
        );
        assert_eq!(format_amount_in(Lang::Fr, 4_250, &usd), "42,50\u{a0}USD");
        assert_eq!(format_amount_in(Lang::Fr, -5, &usd), "-0,05\u{a0}USD");
        assert_eq!(
            format_amount_in(Lang::Fr, 1_300_000, &jpy),
            "1\u{202f}300\u{202f}000\u{a0}JPY"
        );
        assert_eq!(format_amount_in(Lang::Fr, 1_500, &kwd), "1,500\u{a0}KWD");
        // English is the engine's own writing, to the last digit.
        for minor in [0, 5, 10_000, 600_000, 1_234_567, -42, i64::MIN, i64::MAX] {
            for c in [&usd, &jpy, &kwd] {
                assert_eq!(format_amount_in(Lang::En, minor, c), c.format(minor));
            }
        }
        assert_eq!(format_amount(600_000, &usd), "6,000.00 USD");
        assert_eq!(
            in_french(|| format_amount(600_000, &usd)),
            "6\u{202f}000,00\u{a0}USD"
        );
    }

    #[test]
    fn french_counts_and_months() {
        in_french(|| {
            assert_eq!(format_count(1250), "1\u{202f}250");
            assert_eq!(format_count(-4200), "-4\u{202f}200");
            assert_eq!(
                format_months(Months::ratio(36, 5).unwrap()),
                "7,2\u{a0}mois"
            );
            assert_eq!(format_months(Months::whole(1)), "1\u{a0}mois");
            assert_eq!(format_months_change(Months::whole(3)), "+3\u{a0}mois");
            assert_eq!(was("100"), "avant\u{a0}: 100");
            assert_eq!(
                outcome_waiting(&[FieldName::ActiveLicenses, FieldName::KeyLicenses], &[]),
                "Pour voir ce résultat, saisissez «\u{a0}Licences actives\u{a0}» et «\u{a0}Licences de la clé\u{a0}»."
            );
            assert!(not_a_whole_number("12a").contains("n'est pas un nombre entier"));
        });
    }

    #[test]
    fn the_french_timeline_words_never_repeat_a_field_label() {
        in_french(|| {
            let fields = [
                FieldName::ActiveLicenses,
                FieldName::CurrentEndDate,
                FieldName::KeyLicenses,
                FieldName::RedemptionDate,
            ];
            for mark in [
                Msg::MarkToday,
                Msg::MarkCurrentEnd,
                Msg::MarkExtendEnd,
                Msg::MarkAddEnd,
                Msg::MarkLimit,
            ] {
                let words =
                    timeline_description(&[timeline_mark(t(mark), d("2027-01-31"))]).to_lowercase();
                for field in fields {
                    assert!(!words.contains(&field.label().to_lowercase()), "{words}");
                }
            }
        });
    }

    #[test]
    fn users_are_named_with_their_roles_in_both_languages() {
        let doc = benefits_core::demo::workspace(d("2026-11-20"));
        let ws = doc.workspace();
        let gloria = ws.user(&benefits_core::UserId::new("user-1")).unwrap();
        let nora = ws.user(&benefits_core::UserId::new("user-5")).unwrap();
        assert_eq!(
            user_with_roles(gloria),
            "Gloria Global-Admin — Global admin"
        );
        assert_eq!(user_with_roles(nora), "Nora No-Role — no role");
        in_french(|| {
            assert_eq!(
                user_with_roles(gloria),
                "Gloria Global-Admin — Administrateur général"
            );
            assert_eq!(user_with_roles(nora), "Nora No-Role — aucun rôle");
        });
        let mut off = nora.clone();
        off.disabled = true;
        assert_eq!(user_with_roles(&off), "Nora No-Role — no role (disabled)");
    }

    #[test]
    fn refusals_follow_the_language() {
        let e = benefits_core::DomainError::new(
            benefits_core::ErrorCode::NoOrganisation,
            "This workspace is empty.",
        );
        assert_eq!(refusal(&e), "This workspace is empty.");
        assert!(in_french(|| refusal(&e)).starts_with("Cet espace de travail est vide"));
    }

    #[test]
    fn storage_problems_in_plain_words() {
        assert_eq!(
            storage_problem("QuotaExceededError"),
            "this browser's storage for the workspace is full"
        );
        assert!(in_french(|| storage_problem("QuotaExceededError")).contains("est plein"));
    }
}
