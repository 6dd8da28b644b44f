//! What the Activity page shows (R-STATE-1: every change is an event, who, when, what):
//! the area of each change, the filters, the line in English (the engine's
//! `Workspace::describe`) or in French (written here from the change's data), and the CSV
//! export. Pure: tested natively.

use crate::i18n::{format_amount_in, format_date_in, format_date_time, lang, pick, Lang};
use crate::nav::Area;
use benefits_core::model::{AllowanceUnit, CreditKind, TechnicalKind, UserKind};
use benefits_core::{Action, Change, Event, RecordRef, Role, RoleSet, UserId, Workspace};
use chrono::Timelike;
use std::collections::{BTreeMap, BTreeSet};

/// The part of the workspace a change belongs to (the "Area" filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActivityArea {
    Membership,
    Software,
    AzureCloud,
    ProductKeys,
    VisualStudio,
    Technical,
    GoToMarket,
    Directory,
}

impl ActivityArea {
    /// In the order of the menu.
    pub const ALL: [ActivityArea; 8] = [
        ActivityArea::Membership,
        ActivityArea::Software,
        ActivityArea::AzureCloud,
        ActivityArea::ProductKeys,
        ActivityArea::VisualStudio,
        ActivityArea::Technical,
        ActivityArea::GoToMarket,
        ActivityArea::Directory,
    ];

    /// A stable id, for the filter's value and the CSV.
    pub fn id(self) -> &'static str {
        match self {
            ActivityArea::Membership => "membership",
            ActivityArea::Software => "software",
            ActivityArea::AzureCloud => "azure_cloud",
            ActivityArea::ProductKeys => "product_keys",
            ActivityArea::VisualStudio => "visual_studio",
            ActivityArea::Technical => "technical",
            ActivityArea::GoToMarket => "go_to_market",
            ActivityArea::Directory => "directory",
        }
    }

    pub fn from_id(id: &str) -> Option<ActivityArea> {
        ActivityArea::ALL.into_iter().find(|a| a.id() == id)
    }

    /// The area's name, as the menu says it where it has a page.
    pub fn label(self) -> &'static str {
        match self {
            ActivityArea::Membership => Area::Membership.name(),
            ActivityArea::Software => Area::Software.name(),
            ActivityArea::AzureCloud => Area::AzureCloud.name(),
            ActivityArea::ProductKeys => pick("Product keys", "Clés de produit"),
            ActivityArea::VisualStudio => Area::VisualStudio.name(),
            ActivityArea::Technical => Area::Technical.name(),
            ActivityArea::GoToMarket => Area::GoToMarket.name(),
            ActivityArea::Directory => Area::AccountSettings.name(),
        }
    }
}

/// The area of a change, from its type (and, for a removal, the kind of record removed).
pub fn area_of(change: &Change) -> ActivityArea {
    use ActivityArea as A;
    match change {
        Change::OrganisationSetUp { .. }
        | Change::OrganisationUpdated { .. }
        | Change::PackagePurchased { .. }
        | Change::PackageCancellationRequested { .. } => A::Membership,
        Change::UserAdded { .. }
        | Change::UserEdited { .. }
        | Change::UserDisabled { .. }
        | Change::UserEnabled { .. }
        | Change::UserAzureOffersSet { .. } => A::Directory,
        Change::SoftwareProductAdded { .. } | Change::SoftwareKeysRevealed { .. } => A::Software,
        Change::AzureCreditAdded { .. }
        | Change::AzureCreditUserAssigned { .. }
        | Change::AzureCreditUserRemoved { .. }
        | Change::BulkCreditTransferred { .. }
        | Change::CreditSpendRecorded { .. }
        | Change::LicenseBenefitAdded { .. }
        | Change::SubscriptionRecorded { .. }
        | Change::SubscriptionDisabledSet { .. } => A::AzureCloud,
        Change::ProductKeysAdded { .. } | Change::KeyRedeemed { .. } => A::ProductKeys,
        Change::VisualStudioSubscriptionsAdded { .. }
        | Change::VisualStudioAssigned { .. }
        | Change::VisualStudioUnassigned { .. } => A::VisualStudio,
        Change::TechnicalBenefitAdded { .. }
        | Change::TechnicalBenefitActivationRequested { .. }
        | Change::TechnicalBenefitProcessed { .. }
        | Change::SupportRequestLogged { .. } => A::Technical,
        Change::GtmOfferAdded { .. }
        | Change::MarketingContactSet { .. }
        | Change::GtmOfferActivationRequested { .. }
        | Change::GtmOfferActivated { .. } => A::GoToMarket,
        Change::RecordRemoved { record, .. } => match record {
            RecordRef::Package(_) => A::Membership,
            RecordRef::Software(_) => A::Software,
            RecordRef::AzureCredit(_)
            | RecordRef::LicenseBenefit(_)
            | RecordRef::Subscription(_) => A::AzureCloud,
            RecordRef::ProductKey(_) => A::ProductKeys,
            RecordRef::VisualStudio(_) => A::VisualStudio,
            RecordRef::Technical(_) => A::Technical,
            RecordRef::GtmOffer(_) => A::GoToMarket,
        },
    }
}

/// The filters of the page; `None` is "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub area: Option<ActivityArea>,
    pub actor: Option<UserId>,
}

impl Filter {
    pub fn keeps(&self, event: &Event) -> bool {
        self.area.is_none_or(|a| area_of(&event.change) == a)
            && self.actor.as_ref().is_none_or(|u| &event.actor == u)
    }
}

/// The positions (in the log) of the events the filter keeps, newest first. Positions, not
/// copies: the page renders only the rows it shows.
pub fn matching(events: &[Event], filter: &Filter) -> Vec<usize> {
    (0..events.len())
        .rev()
        .filter(|&i| filter.keeps(&events[i]))
        .collect()
}

/// The people who appear as actors in the log, by name: the "User" filter's choices (a
/// directory of thousands would make a useless list; only people who did something count).
pub fn actors(ws: &Workspace, events: &[Event]) -> Vec<(UserId, String)> {
    let ids: BTreeSet<&UserId> = events.iter().map(|e| &e.actor).collect();
    let mut out: Vec<(UserId, String)> = ids
        .into_iter()
        .map(|id| (id.clone(), ws.user_name(id)))
        .collect();
    out.sort_by(|a, b| {
        a.1.to_lowercase()
            .cmp(&b.1.to_lowercase())
            .then(a.0.cmp(&b.0))
    });
    out
}

/// One row of the list (and of the CSV).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityRow {
    pub seq: u64,
    /// ISO, UTC: `2026-11-20T10:05:00`.
    pub at_iso: String,
    /// As a person reads it, in the partner's language.
    pub at: String,
    pub actor: UserId,
    pub actor_name: String,
    pub area: ActivityArea,
    /// The change's type, e.g. `user_added`.
    pub kind: &'static str,
    /// The line, in the partner's language.
    pub text: String,
}

/// The row of one event, in the partner's language.
pub fn row(ws: &Workspace, event: &Event) -> ActivityRow {
    ActivityRow {
        seq: event.seq,
        // `Debug` is ISO 8601 (chrono's `format` would add its pattern machinery).
        at_iso: format!("{:?}", event.at.with_nanosecond(0).unwrap_or(event.at)),
        at: format_date_time(event.at),
        actor: event.actor.clone(),
        actor_name: ws.user_name(&event.actor),
        area: area_of(&event.change),
        kind: event.change.kind(),
        text: describe(ws, event),
    }
}

/// The activity line: the engine's English sentence, or the French one written here.
pub fn describe(ws: &Workspace, event: &Event) -> String {
    match lang() {
        Lang::En => ws.describe(event),
        Lang::Fr => describe_fr(ws, event),
    }
}

fn role_fr(r: Role) -> String {
    // Called only while the interface is in French, so this is the French name.
    crate::i18n::role_label(r)
        .to_lowercase()
        .replace("mpn", "MPN")
}

fn roles_fr(roles: &RoleSet) -> String {
    if roles.is_empty() {
        "aucun rôle".to_string()
    } else {
        roles
            .iter()
            .map(|r| role_fr(*r))
            .collect::<Vec<_>>()
            .join(" et ")
    }
}

fn technical_kind_fr(kind: TechnicalKind) -> &'static str {
    match kind {
        TechnicalKind::SignatureCloudSupport => "support produit Signature pour les produits cloud",
        TechnicalKind::OnPremisesIncidents => {
            "incidents de support pour les produits locaux récents"
        }
        TechnicalKind::PresalesDeployment => "services techniques d'avant-vente et de déploiement",
    }
}

fn unit_fr(unit: AllowanceUnit) -> &'static str {
    match unit {
        AllowanceUnit::Incidents => "incident(s)",
        AllowanceUnit::Hours => "heure(s)",
    }
}

/// The French activity line, from the change's own data and today's names (as the engine
/// does in English). Keys stay masked.
pub fn describe_fr(ws: &Workspace, event: &Event) -> String {
    let who = ws.user_name(&event.actor);
    let name = |id: &UserId| ws.user_name(id);
    let day = |d: chrono::NaiveDate| format_date_in(Lang::Fr, d);
    let money = |minor: i64| match ws.organisation() {
        Some(o) => format_amount_in(Lang::Fr, minor, &o.currency),
        None => minor.to_string(),
    };
    let what = match &event.change {
        Change::OrganisationSetUp {
            organisation,
            first_admin,
        } => format!(
            "a configuré {} (ID MPN {}) avec {} comme premier administrateur général",
            organisation.name, organisation.mpn_id, first_admin.name
        ),
        Change::OrganisationUpdated { before, after } => {
            use benefits_core::model::OrganisationField as F;
            let value = |field: F, v: &str| match field {
                F::EnrollmentYearStart => v
                    .parse::<chrono::NaiveDate>()
                    .map(|d| format_date_in(Lang::Fr, d))
                    .unwrap_or_else(|_| v.to_string()),
                F::Offers | F::Competencies if v == "none" => "aucune".to_string(),
                _ => v.to_string(),
            };
            let changes: Vec<String> = benefits_core::model::organisation_changes(before, after)
                .iter()
                .map(|c| {
                    let name = match c.field {
                        F::Name => "nom",
                        F::MpnId => "ID MPN",
                        F::CompanyAccountEmail => "e-mail du compte de l'entreprise",
                        F::Currency => "devise",
                        F::EnrollmentYearStart => "début de l'année d'inscription",
                        F::Offers => "offres",
                        F::Competencies => "compétences",
                        F::Tenant => "locataire",
                    };
                    format!(
                        "{name} de {} à {}",
                        value(c.field, &c.before),
                        value(c.field, &c.after)
                    )
                })
                .collect();
            if changes.is_empty() {
                format!("a mis à jour les informations de {}", after.name)
            } else {
                format!(
                    "a modifié les informations de l'organisation : {}",
                    changes.join(" ; ")
                )
            }
        }
        Change::UserAdded { user } => format!(
            "a ajouté l'utilisateur {} ({}, {}) à l'annuaire",
            user.name,
            user.email,
            roles_fr(&user.roles)
        ),
        Change::UserEdited {
            user,
            before,
            after,
        } => {
            let mut parts = Vec::new();
            if before.name != after.name {
                parts.push(format!("nom {} → {}", before.name, after.name));
            }
            if before.email != after.email {
                parts.push(format!("e-mail {} → {}", before.email, after.email));
            }
            if before.kind != after.kind {
                parts.push("membre/invité".to_string());
            }
            if before.roles != after.roles {
                parts.push(format!(
                    "rôles {} → {}",
                    roles_fr(&before.roles),
                    roles_fr(&after.roles)
                ));
            }
            format!("a modifié {} ({})", name(user), parts.join(" ; "))
        }
        Change::UserDisabled { user } => format!("a désactivé {}", name(user)),
        Change::UserEnabled { user } => format!("a réactivé {}", name(user)),
        Change::UserAzureOffersSet { user, after, .. } => format!(
            "a enregistré les offres de l'abonnement Azure de {} : {}",
            name(user),
            if after.is_empty() {
                "aucune".to_string()
            } else {
                after
                    .iter()
                    .map(|o| o.label().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ),
        Change::PackagePurchased { package } => format!(
            "a enregistré l'achat de {} ({}) le {}",
            package.name,
            package.offer,
            day(package.purchased_on)
        ),
        Change::PackageCancellationRequested { package, request } => format!(
            "a demandé l'annulation de {} (demande de service {})",
            ws.packages()
                .get(package)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| package.to_string()),
            request.service_request
        ),
        Change::SoftwareProductAdded { product } => format!(
            "a ajouté le produit logiciel {} avec {} clé(s)",
            product.name,
            product.keys.len()
        ),
        Change::SoftwareKeysRevealed {
            product,
            first_time,
        } => format!(
            "a affiché les clés de {}{}",
            ws.software()
                .get(product)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| product.to_string()),
            if *first_time {
                ", ce qui l'a activé"
            } else {
                " à nouveau"
            }
        ),
        Change::AzureCreditAdded { credit } => format!(
            "a ajouté le {} {} de {}",
            match credit.kind {
                CreditKind::Monthly => "crédit Azure mensuel",
                CreditKind::Bulk => "crédit Azure en bloc (annuel)",
            },
            credit.id,
            money(credit.amount_minor)
        ),
        Change::AzureCreditUserAssigned { credit, user, .. } => {
            format!("a donné à {} l'accès au crédit Azure {credit}", name(user))
        }
        Change::AzureCreditUserRemoved { credit, user } => {
            format!("a retiré {} du crédit Azure {credit}", name(user))
        }
        Change::BulkCreditTransferred {
            credit, from, to, ..
        } => format!(
            "a transféré le crédit Azure en bloc {credit} de {} à {}",
            name(from),
            name(to)
        ),
        Change::CreditSpendRecorded { credit, spend } => format!(
            "a enregistré {} dépensés le {} sur le crédit Azure {credit}",
            money(spend.amount_minor),
            day(spend.on)
        ),
        Change::LicenseBenefitAdded { benefit } => format!(
            "a ajouté l'abonnement sous licence {} ({} licences, l'avantage expire le {})",
            benefit.product,
            benefit.licenses,
            day(benefit.benefit_expires_on)
        ),
        Change::SubscriptionRecorded { subscription } => format!(
            "a enregistré l'abonnement du locataire {} ({}, {} licences, du {} au {})",
            subscription.id,
            subscription.product,
            subscription.seats,
            day(subscription.start),
            day(subscription.end)
        ),
        Change::SubscriptionDisabledSet {
            subscription,
            disabled,
        } => format!(
            "a enregistré l'abonnement {subscription} comme {}",
            if *disabled { "désactivé" } else { "actif" }
        ),
        Change::ProductKeysAdded {
            product,
            seats,
            keys,
        } => format!(
            "a ajouté {} clé(s) de produit pour {product} ({seats} licences chacune)",
            keys.len()
        ),
        Change::KeyRedeemed {
            key,
            product,
            key_seats,
            action,
            subscription,
            before,
            after,
            ..
        } => {
            let how = match action {
                Action::ActivateNew => "pour l'activer",
                Action::ExtendEndDate => "pour prolonger sa date de fin",
                Action::AddLicenses => "pour ajouter des licences",
            };
            let change = match before {
                Some(b) => format!(
                    "{} → {} licences, fin {} → {}",
                    b.seats,
                    after.seats,
                    day(b.end),
                    day(after.end)
                ),
                None => format!("{} licences jusqu'au {}", after.seats, day(after.end)),
            };
            format!(
                "a échangé la clé {} ({key_seats} licences de {product}) dans l'abonnement {subscription} {how} : {change}",
                key.masked()
            )
        }
        Change::VisualStudioSubscriptionsAdded { subscriptions } => format!(
            "a ajouté {} abonnement(s) Visual Studio{}",
            subscriptions.len(),
            subscriptions
                .first()
                .map(|s| format!(" ({})", s.level))
                .unwrap_or_default()
        ),
        Change::VisualStudioAssigned {
            subscription,
            user,
            previous,
            ..
        } => match previous {
            Some(p) => format!(
                "a réattribué l'abonnement Visual Studio {subscription} de {} à {}",
                name(&p.user),
                name(user)
            ),
            None => format!(
                "a attribué l'abonnement Visual Studio {subscription} à {}",
                name(user)
            ),
        },
        Change::VisualStudioUnassigned {
            subscription,
            previous,
        } => format!(
            "a retiré l'abonnement Visual Studio {subscription} à {}",
            name(&previous.user)
        ),
        Change::TechnicalBenefitAdded { benefit } => format!(
            "a ajouté l'avantage technique {} ({} {})",
            technical_kind_fr(benefit.kind),
            benefit.allowance,
            unit_fr(benefit.unit)
        ),
        Change::TechnicalBenefitActivationRequested { benefit, .. } => {
            format!("a activé l'avantage technique {benefit} (en attente)")
        }
        Change::TechnicalBenefitProcessed { benefit, .. } => format!(
            "a enregistré l'avantage technique {benefit} comme actif, avec son ID d'accès et son ID de contrat"
        ),
        Change::SupportRequestLogged { benefit, request } => format!(
            "a consigné la demande de support {} « {} » sur {benefit}, qui en utilise {}",
            request.id, request.title, request.consumed
        ),
        Change::GtmOfferAdded { offer } => {
            format!("a ajouté l'offre Go-To-Market {}", offer.name)
        }
        Change::MarketingContactSet { after, .. } => format!(
            "a désigné {} comme contact marketing ({})",
            name(&after.user),
            after.email
        ),
        Change::GtmOfferActivationRequested { offer, .. } => format!(
            "a activé l'offre Go-To-Market {} (en attente)",
            ws.gtm_offers()
                .get(offer)
                .map(|o| o.name.clone())
                .unwrap_or_else(|| offer.to_string())
        ),
        Change::GtmOfferActivated {
            offer, expires_on, ..
        } => format!(
            "a enregistré l'offre Go-To-Market {} comme active jusqu'au {}",
            ws.gtm_offers()
                .get(offer)
                .map(|o| o.name.clone())
                .unwrap_or_else(|| offer.to_string()),
            day(*expires_on)
        ),
        Change::RecordRemoved { label, .. } => format!("a supprimé l'enregistrement « {label} »"),
    };
    format!("{who} {what}.")
        .replace(" :", "\u{a0}:")
        .replace(" ;", "\u{202f};")
        .replace("« ", "«\u{a0}")
        .replace(" »", "\u{a0}»")
}

/// How a user is described in a table: "Member" / "Guest".
pub fn kind_label(kind: UserKind) -> &'static str {
    match kind {
        UserKind::Member => pick("Member", "Membre"),
        UserKind::Guest => pick("Guest", "Invité"),
    }
}

/// One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or
/// surrounding space, quotes doubled. A field that a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@`, tab, carriage return first) is prefixed with `'` so that opening the
/// export never runs anything typed into the workspace.
pub fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    let needs_quotes =
        value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The rows as CSV, with a header, lines ended by CRLF (RFC 4180).
pub fn to_csv(rows: &[ActivityRow]) -> String {
    let header = [
        pick("Sequence", "Séquence"),
        pick("Time (UTC)", "Heure (UTC)"),
        pick("User ID", "ID utilisateur"),
        pick("User", "Utilisateur"),
        pick("Area", "Espace"),
        pick("Change", "Changement"),
        pick("Description", "Description"),
    ];
    let mut out = String::new();
    out.push_str(
        &header
            .iter()
            .map(|h| csv_field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for r in rows {
        let fields = [
            r.seq.to_string(),
            r.at_iso.clone(),
            r.actor.to_string(),
            r.actor_name.clone(),
            r.area.label().to_string(),
            r.kind.to_string(),
            r.text.clone(),
        ];
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}

/// How many events of each area the log holds (shown in the area filter).
pub fn counts_by_area(events: &[Event]) -> BTreeMap<ActivityArea, usize> {
    let mut counts = BTreeMap::new();
    for e in events {
        *counts.entry(area_of(&e.change)).or_insert(0) += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::set_lang;
    use benefits_core::{demo, Command, WorkspaceDoc};
    use chrono::NaiveDate;

    fn doc() -> WorkspaceDoc {
        demo::workspace(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
    }

    #[test]
    fn a_change_of_the_organisation_names_each_detail_in_both_languages() {
        let mut doc = doc();
        let mut org = doc.workspace().organisation().unwrap().clone();
        org.name = "Contoso Group".into();
        org.enrollment_year_start = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let at = NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        let event = doc
            .apply(
                &benefits_core::UserId::from(demo::GLORIA),
                at,
                &Command::UpdateOrganisation { organisation: org },
            )
            .unwrap()
            .clone();
        let ws = doc.workspace();
        assert!(describe(ws, &event).ends_with("changed the organisation's details: name from Contoso Partners Ltd to Contoso Group; enrollment year start from 2026-08-20 to 2026-09-01."), "{}", describe(ws, &event));
        set_lang(crate::i18n::Lang::Fr);
        let fr = describe(ws, &event).replace(['\u{a0}', '\u{202f}'], " ");
        set_lang(crate::i18n::Lang::En);
        assert!(fr.contains("a modifié les informations de l'organisation : nom de Contoso Partners Ltd à Contoso Group ; début de l'année d'inscription de 20 août 2026 à 1er septembre 2026"), "{fr}");
    }

    #[test]
    fn every_change_of_the_demo_has_an_area() {
        let doc = doc();
        let counts = counts_by_area(doc.events());
        assert_eq!(counts.values().sum::<usize>(), doc.events().len());
        for area in [
            ActivityArea::Membership,
            ActivityArea::Directory,
            ActivityArea::Software,
            ActivityArea::AzureCloud,
            ActivityArea::ProductKeys,
            ActivityArea::VisualStudio,
            ActivityArea::Technical,
            ActivityArea::GoToMarket,
        ] {
            assert!(counts.get(&area).copied().unwrap_or(0) > 0, "{area:?}");
            assert_eq!(ActivityArea::from_id(area.id()), Some(area));
        }
        let first = &doc.events()[0];
        assert_eq!(area_of(&first.change), ActivityArea::Membership);
        assert_eq!(first.change.kind(), "organisation_set_up");
    }

    #[test]
    fn filters_keep_the_newest_first() {
        let doc = doc();
        let events = doc.events();
        let all = matching(events, &Filter::default());
        assert_eq!(all.len(), events.len());
        assert_eq!(all[0], events.len() - 1);
        assert!(all.windows(2).all(|w| events[w[0]].seq > events[w[1]].seq));

        let uma = UserId::new(demo::UMA);
        let directory_by_uma = Filter {
            area: Some(ActivityArea::Directory),
            actor: Some(uma.clone()),
        };
        let kept = matching(events, &directory_by_uma);
        assert!(!kept.is_empty());
        for i in &kept {
            assert_eq!(events[*i].actor, uma);
            assert_eq!(area_of(&events[*i].change), ActivityArea::Directory);
        }
        // Nora never acted: nothing.
        let nora = Filter {
            area: None,
            actor: Some(UserId::new(demo::NORA)),
        };
        assert!(matching(events, &nora).is_empty());
    }

    #[test]
    fn the_user_filter_lists_only_people_who_acted() {
        let doc = doc();
        let names: Vec<String> = actors(doc.workspace(), doc.events())
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert!(names.contains(&"Gloria Global-Admin".to_string()));
        assert!(!names.contains(&"Nora No-Role".to_string()));
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        assert_eq!(names, sorted);
    }

    #[test]
    fn lines_in_english_are_the_engines_and_in_french_are_french() {
        let doc = doc();
        let ws = doc.workspace();
        for e in doc.events() {
            assert_eq!(row(ws, e).text, ws.describe(e));
        }
        set_lang(Lang::Fr);
        for e in doc.events() {
            let fr = row(ws, e).text;
            assert_ne!(fr, ws.describe(e));
            assert!(fr.starts_with(&ws.user_name(&e.actor)), "{fr}");
            assert!(fr.contains(" a "), "{fr}");
        }
        let first = row(ws, &doc.events()[0]);
        assert!(
            first
                .text
                .contains("a configuré Contoso Partners Ltd (ID MPN 1234567)"),
            "{}",
            first.text
        );
        set_lang(Lang::En);
    }

    #[test]
    fn every_kind_of_change_reads_in_french() {
        // A few changes the demo does not make, applied to it.
        let mut doc = doc();
        let gloria = UserId::new(demo::GLORIA);
        let now = NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let sw = doc.workspace().software().keys().next().cloned();
        doc.apply(
            &gloria,
            now,
            &Command::DisableUser {
                user: UserId::new(demo::NORA),
            },
        )
        .unwrap();
        if let Some(sw) = sw {
            doc.apply(&gloria, now, &Command::RevealSoftwareKeys { product: sw })
                .unwrap();
        }
        set_lang(Lang::Fr);
        let ws = doc.workspace();
        let texts: Vec<String> = doc.events().iter().map(|e| describe(ws, e)).collect();
        assert!(texts.iter().any(|t| t.contains("a désactivé Nora No-Role")));
        assert!(texts.iter().any(|t| t.contains("à nouveau")));
        set_lang(Lang::En);
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field(" padded "), "\" padded \"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("-1,5"), "\"'-1,5\"");
        assert_eq!(csv_field(""), "");
    }

    #[test]
    fn csv_has_a_header_and_one_line_per_row() {
        let doc = doc();
        let ws = doc.workspace();
        let rows: Vec<ActivityRow> = matching(doc.events(), &Filter::default())
            .into_iter()
            .map(|i| row(ws, &doc.events()[i]))
            .collect();
        let csv = to_csv(&rows);
        assert!(csv.starts_with("Sequence,Time (UTC),User ID,User,Area,Change,Description\r\n"));
        // Every line ends with CRLF; descriptions hold no line breaks in the demo.
        assert_eq!(csv.matches("\r\n").count(), rows.len() + 1);
        let last = csv.lines().nth(1).unwrap();
        assert!(
            last.starts_with(&format!("{},", doc.events().len())),
            "{last}"
        );
    }
}
