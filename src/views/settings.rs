//! What Settings shows and reads (R-STATE-2): the set-up form of an empty workspace, the
//! summary of a file about to be imported, the names of downloaded files, and the copies
//! of unreadable documents kept aside. Pure: tested natively.

use crate::i18n::{format_date_time, lang, pick, Lang, NBSP};
use crate::planner::{read_date, InputProblem};
use benefits_core::model::{OfferSet, Organisation, Tenant, UserDetails, UserKind};
use benefits_core::{Command, Currency, Role, WorkspaceDoc};

/// What the set-up form of an empty workspace holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetUpForm {
    pub organisation: String,
    pub mpn_id: String,
    pub company_email: String,
    pub currency: String,
    /// As the date input gives it.
    pub enrollment_start: String,
    pub offers: OfferSet,
    /// Separated by commas.
    pub competencies: String,
    pub tenant_name: String,
    pub tenant_domain: String,
    pub admin_name: String,
    pub admin_email: String,
}

impl SetUpForm {
    /// An empty form: USD, enrollment year starting today.
    pub fn new(today_iso: &str) -> SetUpForm {
        SetUpForm {
            organisation: String::new(),
            mpn_id: String::new(),
            company_email: String::new(),
            currency: "USD".into(),
            enrollment_start: today_iso.into(),
            offers: OfferSet::new(),
            competencies: String::new(),
            tenant_name: String::new(),
            tenant_domain: String::new(),
            admin_name: String::new(),
            admin_email: String::new(),
        }
    }

    /// The form filled with the organisation's details as they are (the first Global
    /// admin's fields stay empty: only the set-up uses them).
    pub fn from_organisation(org: &Organisation) -> SetUpForm {
        SetUpForm {
            organisation: org.name.clone(),
            mpn_id: org.mpn_id.clone(),
            company_email: org.company_account_email.clone(),
            currency: org.currency.to_string(),
            enrollment_start: org.enrollment_year_start.to_string(),
            offers: org.offers,
            competencies: org.competencies.join(", "),
            tenant_name: org.tenant.name.clone(),
            tenant_domain: org.tenant.domain.clone(),
            admin_name: String::new(),
            admin_email: String::new(),
        }
    }

    /// `UpdateOrganisation` with the details as typed, or what to fix first (as
    /// [`SetUpForm::command`]).
    pub fn update_command(&self) -> Result<Command, String> {
        match self.command()? {
            Command::SetUpOrganisation { organisation, .. } => {
                Ok(Command::UpdateOrganisation { organisation })
            }
            other => Ok(other),
        }
    }

    /// The set-up command, or what to fix first in the two fields the engine cannot receive
    /// as typed (a currency code, a date). Everything else is checked by the engine.
    pub fn command(&self) -> Result<Command, String> {
        let currency = Currency::parse(&self.currency).ok_or_else(|| match lang() {
            Lang::En => format!(
                "“{}” is not a currency code: enter three letters, such as USD or EUR.",
                self.currency.trim()
            ),
            Lang::Fr => format!(
                "«{NBSP}{}{NBSP}» n'est pas un code de devise{NBSP}: saisissez trois lettres, comme USD ou EUR.",
                self.currency.trim()
            ),
        })?;
        let start = match read_date(&self.enrollment_start) {
            Ok(d) => d,
            Err(InputProblem::Missing) => {
                return Err(pick(
                    "Enter the first day of the enrollment year.",
                    "Saisissez le premier jour de l'année d'inscription.",
                )
                .to_string())
            }
            Err(InputProblem::Unreadable(why)) => return Err(why),
        };
        let competencies = self
            .competencies
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
        Ok(Command::SetUpOrganisation {
            organisation: Organisation {
                name: self.organisation.clone(),
                mpn_id: self.mpn_id.clone(),
                company_account_email: self.company_email.clone(),
                currency,
                enrollment_year_start: start,
                offers: self.offers,
                competencies,
                tenant: Tenant {
                    name: self.tenant_name.clone(),
                    domain: self.tenant_domain.clone(),
                },
            },
            first_global_admin: UserDetails {
                name: self.admin_name.clone(),
                email: self.admin_email.clone(),
                kind: UserKind::Member,
                roles: [Role::GlobalAdmin].into(),
            },
        })
    }
}

/// What a file about to be imported holds, said before anything is replaced.
pub fn import_summary(doc: &WorkspaceDoc) -> String {
    let ws = doc.workspace();
    let users = ws.users().len();
    let events = doc.events().len();
    let last = doc.events().last().map(|e| format_date_time(e.at));
    match (lang(), ws.organisation()) {
        (Lang::En, Some(org)) => format!(
            "{} (MPN ID {}): {users} directory users, {events} changes in its activity log{}.",
            org.name,
            org.mpn_id,
            last.map(|l| format!(", the last on {l}")).unwrap_or_default()
        ),
        (Lang::Fr, Some(org)) => format!(
            "{} (ID MPN {}){NBSP}: {users} utilisateurs dans l'annuaire, {events} modifications dans son journal d'activité{}.",
            org.name,
            org.mpn_id,
            last.map(|l| format!(", la dernière le {l}")).unwrap_or_default()
        ),
        (Lang::En, None) => "An empty workspace (no organisation set up yet).".to_string(),
        (Lang::Fr, None) => {
            "Un espace de travail vide (aucune organisation configurée).".to_string()
        }
    }
}

/// The export's file name: `partner-benefits-workspace-2026-11-20.json`.
pub fn export_file_name(today_iso: &str) -> String {
    format!("partner-benefits-workspace-{today_iso}.json")
}

/// A copy of an unreadable document, kept aside under `key`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct KeptCopy {
    pub key: String,
    /// When it was found (UTC), as stored in the key.
    pub stamp: String,
}

impl KeptCopy {
    /// When it was kept, as a person reads it (the stamp itself if it is not a time).
    pub fn when(&self) -> String {
        chrono::NaiveDateTime::parse_from_str(&self.stamp, "%Y-%m-%d %H:%M:%S")
            .map(format_date_time)
            .unwrap_or_else(|_| self.stamp.clone())
    }

    /// A file name made of the stamp's digits: `unreadable-workspace-20261120-100000.json`.
    pub fn file_name(&self) -> String {
        let digits: String = self
            .stamp
            .chars()
            .map(|c| if c.is_ascii_digit() { c } else { '-' })
            .collect();
        let compact = digits
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>();
        let name = match compact.as_slice() {
            [y, m, d, rest @ ..] => format!("{y}{m}{d}-{}", rest.concat()),
            other => other.concat(),
        };
        format!("unreadable-workspace-{}.json", name.trim_end_matches('-'))
    }
}

/// The kept copies among `keys` (those under `prefix`), newest first.
pub fn kept_copies(keys: &[String], prefix: &str) -> Vec<KeptCopy> {
    let mut out: Vec<KeptCopy> = keys
        .iter()
        .filter_map(|k| {
            k.strip_prefix(prefix).map(|stamp| KeptCopy {
                key: k.clone(),
                stamp: stamp.to_string(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.stamp.cmp(&a.stamp));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::model::Offer;
    use benefits_core::{demo, UserId};
    use chrono::NaiveDate;

    fn filled() -> SetUpForm {
        SetUpForm {
            organisation: "Fabrikam Conseil".into(),
            mpn_id: "7654321".into(),
            company_email: "partner@fabrikam.example".into(),
            currency: " eur ".into(),
            enrollment_start: "2026-07-01".into(),
            offers: [Offer::ActionPack].into(),
            competencies: " ".into(),
            tenant_name: "Fabrikam".into(),
            tenant_domain: "fabrikam.example".into(),
            admin_name: "Françoise Admin".into(),
            admin_email: "francoise@fabrikam.example".into(),
        }
    }

    #[test]
    fn the_set_up_form_sets_up_an_empty_workspace() {
        let command = filled().command().unwrap();
        let mut doc = WorkspaceDoc::new();
        let now = NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        doc.apply(&UserId::new("user-1"), now, &command).unwrap();
        let ws = doc.workspace();
        assert_eq!(ws.organisation().unwrap().currency.code(), "EUR");
        assert!(ws.check_can_view(&UserId::new("user-1")).is_ok());
    }

    #[test]
    fn the_set_up_form_says_what_to_fix_before_the_engine() {
        let mut f = filled();
        f.currency = "euro".into();
        assert!(f.command().unwrap_err().contains("is not a currency code"));
        let mut f = filled();
        f.enrollment_start = String::new();
        assert_eq!(
            f.command().unwrap_err(),
            "Enter the first day of the enrollment year."
        );
        let mut f = filled();
        f.competencies = "Cloud Productivity, , Security ".into();
        match f.command().unwrap() {
            Command::SetUpOrganisation { organisation, .. } => assert_eq!(
                organisation.competencies,
                vec!["Cloud Productivity".to_string(), "Security".to_string()]
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_import_is_summed_up_before_it_replaces_anything() {
        let doc = demo::workspace(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
        let text = import_summary(&doc);
        assert!(
            text.starts_with("Contoso Partners Ltd (MPN ID 1234567): 6 directory users"),
            "{text}"
        );
        assert_eq!(
            import_summary(&WorkspaceDoc::new()),
            "An empty workspace (no organisation set up yet)."
        );
    }

    #[test]
    fn kept_copies_are_listed_newest_first_with_file_names() {
        let prefix = "partner-benefits:workspace:unreadable:";
        let keys = vec![
            "partner-benefits:workspace".to_string(),
            format!("{prefix}2026-11-19 08:00:00"),
            format!("{prefix}2026-11-20 10:00:00"),
            "partner-benefits:language".to_string(),
        ];
        let copies = kept_copies(&keys, prefix);
        assert_eq!(copies.len(), 2);
        assert_eq!(copies[0].stamp, "2026-11-20 10:00:00");
        assert_eq!(copies[0].when(), "20 November 2026, 10:00 UTC");
        assert_eq!(
            copies[0].file_name(),
            "unreadable-workspace-20261120-100000.json"
        );
        let odd = KeptCopy {
            key: "k".into(),
            stamp: "x".into(),
        };
        assert_eq!(odd.when(), "x");
        assert_eq!(odd.file_name(), "unreadable-workspace-.json");
        assert_eq!(
            export_file_name("2026-11-20"),
            "partner-benefits-workspace-2026-11-20.json"
        );
    }
}
