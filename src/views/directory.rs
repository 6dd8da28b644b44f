//! What Account settings shows (R-DIR-1, R-AZ-5): the directory's rows, found by name or
//! email, and the reading of the user and Azure-offer forms into the engine's values. No
//! rule here: whether an email is valid or unique, who may grant a role, and whether the
//! last Global admin may go are the engine's answers.

use crate::i18n::{pick, role_label};
use benefits_core::model::{AzureOtherOffer, DirectoryUser, UserDetails, UserKind};
use benefits_core::{Role, RoleSet, UserId, Workspace};
use std::collections::BTreeSet;

/// One line of the directory table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UserRow {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub kind: UserKind,
    pub roles: Vec<Role>,
    pub disabled: bool,
    /// Offers on the user's Azure subscription, by name.
    pub offers: Vec<String>,
}

impl UserRow {
    pub fn of(u: &DirectoryUser) -> UserRow {
        UserRow {
            id: u.id.clone(),
            name: u.name.clone(),
            email: u.email.clone(),
            kind: u.kind,
            roles: u.roles.iter().copied().collect(),
            disabled: u.disabled,
            offers: u
                .azure_offers
                .iter()
                .map(|o| o.label().to_string())
                .collect(),
        }
    }

    /// "Global admin, User admin", or "No role".
    pub fn roles_text(&self) -> String {
        if self.roles.is_empty() {
            pick("No role", "Aucun rôle").to_string()
        } else {
            self.roles
                .iter()
                .map(|r| role_label(*r))
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

/// Whether the (already lower-cased, trimmed) query `q` finds the user: in the name or the
/// email, ignoring case; an empty query finds everyone.
fn finds(user: &DirectoryUser, q: &str) -> bool {
    q.is_empty() || user.name.to_lowercase().contains(q) || user.email.to_lowercase().contains(q)
}

/// The ids of the users `query` finds, in directory order (ids by number).
pub fn found(ws: &Workspace, query: &str) -> Vec<UserId> {
    let q = query.trim().to_lowercase();
    ws.users()
        .values()
        .filter(|u| finds(u, &q))
        .map(|u| u.id.clone())
        .collect()
}

/// What the user form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserForm {
    pub name: String,
    pub email: String,
    pub guest: bool,
    pub roles: RoleSet,
}

impl UserForm {
    /// The form filled with a user's details, for editing.
    pub fn of(user: &DirectoryUser) -> UserForm {
        UserForm {
            name: user.name.clone(),
            email: user.email.clone(),
            guest: user.kind == UserKind::Guest,
            roles: user.roles,
        }
    }

    /// The details as the engine takes them (it trims and checks them).
    pub fn details(&self) -> UserDetails {
        UserDetails {
            name: self.name.clone(),
            email: self.email.clone(),
            kind: if self.guest {
                UserKind::Guest
            } else {
                UserKind::Member
            },
            roles: self.roles,
        }
    }
}

/// The offers a person can tick (R-AZ-5's list); others are typed by name.
pub const KNOWN_OFFERS: [AzureOtherOffer; 5] = [
    AzureOtherOffer::EnterpriseAgreement,
    AzureOtherOffer::CloudSolutionProvider,
    AzureOtherOffer::AzureInOpen,
    AzureOtherOffer::AzurePass,
    AzureOtherOffer::ActionPack,
];

/// A stable id for a known offer's checkbox.
pub fn offer_id(offer: &AzureOtherOffer) -> &'static str {
    match offer {
        AzureOtherOffer::EnterpriseAgreement => "enterprise_agreement",
        AzureOtherOffer::CloudSolutionProvider => "cloud_solution_provider",
        AzureOtherOffer::AzureInOpen => "azure_in_open",
        AzureOtherOffer::AzurePass => "azure_pass",
        AzureOtherOffer::ActionPack => "action_pack",
        AzureOtherOffer::Other(_) => "other",
    }
}

/// The offers to record: the ticked ones, then each name typed in "Other offers" (separated
/// by commas or line breaks; blanks ignored).
pub fn offers_from(ticked: &BTreeSet<&'static str>, other: &str) -> Vec<AzureOtherOffer> {
    let mut out: Vec<AzureOtherOffer> = KNOWN_OFFERS
        .iter()
        .filter(|o| ticked.contains(offer_id(o)))
        .cloned()
        .collect();
    out.extend(
        other
            .split([',', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| AzureOtherOffer::Other(s.to_string())),
    );
    out
}

/// The ticked boxes and the "Other offers" text of a user's recorded offers.
pub fn offers_form_of(user: &DirectoryUser) -> (BTreeSet<&'static str>, String) {
    let ticked = user
        .azure_offers
        .iter()
        .filter(|o| !matches!(o, AzureOtherOffer::Other(_)))
        .map(offer_id)
        .collect();
    let other = user
        .azure_offers
        .iter()
        .filter_map(|o| match o {
            AzureOtherOffer::Other(name) => Some(name.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(", ");
    (ticked, other)
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::{demo, Command};
    use chrono::NaiveDate;

    fn ws() -> benefits_core::WorkspaceDoc {
        demo::workspace(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
    }

    #[test]
    fn finding_people_by_name_or_email_ignores_case() {
        let doc = ws();
        let ws = doc.workspace();
        assert_eq!(found(ws, "").len(), ws.users().len());
        assert_eq!(found(ws, "  GLORIA ").len(), 1);
        let by_email = found(
            ws,
            &ws.user(&UserId::new(demo::UMA))
                .unwrap()
                .email
                .to_uppercase(),
        );
        assert_eq!(by_email, vec![UserId::new(demo::UMA)]);
        assert!(found(ws, "nobody-like-this").is_empty());
    }

    #[test]
    fn rows_say_roles_in_words() {
        let doc = ws();
        let ws = doc.workspace();
        let gloria = UserRow::of(ws.user(&UserId::new(demo::GLORIA)).unwrap());
        assert_eq!(gloria.roles_text(), "Global admin");
        let nora = UserRow::of(ws.user(&UserId::new(demo::NORA)).unwrap());
        assert_eq!(nora.roles_text(), "No role");
        assert_eq!(nora.offers, vec!["Azure Pass".to_string()]);
    }

    #[test]
    fn the_user_form_gives_the_engine_its_details() {
        let doc = ws();
        let ws = doc.workspace();
        let gus = ws.user(&UserId::new(demo::GUS)).unwrap();
        let form = UserForm::of(gus);
        assert!(form.guest);
        assert_eq!(form.details(), gus.details());

        // A new user made by the form is accepted by the engine as a User admin's act.
        let form = UserForm {
            name: "Zoé Nouvelle".into(),
            email: "zoe@contoso.example".into(),
            guest: false,
            roles: [Role::AdminAgent].into(),
        };
        let mut doc2 = doc.clone();
        let now = NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        doc2.apply(
            &UserId::new(demo::UMA),
            now,
            &Command::AddUser {
                user: form.details(),
            },
        )
        .unwrap();
    }

    #[test]
    fn offers_are_read_from_the_boxes_and_the_other_names() {
        let ticked: BTreeSet<&'static str> = ["azure_pass", "enterprise_agreement"].into();
        assert_eq!(
            offers_from(&ticked, " Visual Studio credit ,\n, Other prepaid "),
            vec![
                AzureOtherOffer::EnterpriseAgreement,
                AzureOtherOffer::AzurePass,
                AzureOtherOffer::Other("Visual Studio credit".into()),
                AzureOtherOffer::Other("Other prepaid".into()),
            ]
        );
        assert!(offers_from(&BTreeSet::new(), "  ").is_empty());

        let doc = ws();
        let nora = doc.workspace().user(&UserId::new(demo::NORA)).unwrap();
        let (ticked, other) = offers_form_of(nora);
        assert_eq!(ticked, ["azure_pass"].into());
        assert_eq!(other, "");
        assert_eq!(offers_from(&ticked, &other), nora.azure_offers);
    }
}
