//! What the Go-To-Market page shows (R-GTM-1..3), read from the workspace: the marketing
//! contact, each offer with its status of the day (`GtmOffer::status`), and the reading of
//! the two forms. Whether an offer may be activated is the engine's answer; the page only
//! says, from the state, that no marketing contact is set yet.

use crate::i18n::pick;
use crate::planner::{read_date, InputProblem};
use benefits_core::model::{GtmState, GtmStatus, MarketingContact};
use benefits_core::{GtmId, UserId, Workspace};
use chrono::NaiveDate;

/// The marketing contact as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactView {
    pub user: UserId,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub language: String,
    /// The person was disabled in the directory since.
    pub user_disabled: bool,
}

pub fn contact_view(ws: &Workspace) -> Option<ContactView> {
    let c = ws.marketing_contact()?;
    Some(ContactView {
        user: c.user.clone(),
        name: ws.user_name(&c.user),
        email: c.email.clone(),
        phone: c.phone.clone(),
        language: c.preferred_language.clone(),
        user_disabled: ws.user(&c.user).is_none_or(|u| u.disabled),
    })
}

/// One offer as its row shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GtmRow {
    pub id: GtmId,
    pub name: String,
    pub status: GtmStatus,
    /// Pending: asked on / by.
    pub requested: Option<(NaiveDate, String)>,
    /// Active or expired: activated on, last usable day.
    pub active: Option<(NaiveDate, NaiveDate)>,
}

pub fn gtm_row(ws: &Workspace, id: &GtmId, today: NaiveDate) -> Option<GtmRow> {
    let o = ws.gtm_offers().get(id)?;
    let (requested, active) = match &o.state {
        GtmState::NotActivated => (None, None),
        GtmState::Pending {
            requested_on,
            requested_by,
        } => (Some((*requested_on, ws.user_name(requested_by))), None),
        GtmState::Active {
            activated_on,
            expires_on,
        } => (None, Some((*activated_on, *expires_on))),
    };
    Some(GtmRow {
        id: o.id.clone(),
        name: o.name.clone(),
        status: o.status(today),
        requested,
        active,
    })
}

/// The status badge's words and its class.
pub fn status_badge(row: &GtmRow) -> (String, &'static str) {
    use crate::i18n::format_date;
    match (row.status, row.requested.as_ref(), row.active) {
        (GtmStatus::NotActivated, _, _) => (
            pick("Not activated", "Non activée").to_string(),
            "badge badge-off",
        ),
        (GtmStatus::Pending, Some((on, _)), _) => (
            format!(
                "{} {}",
                pick("Pending since", "En attente depuis le"),
                format_date(*on)
            ),
            "badge badge-pending",
        ),
        (GtmStatus::Pending, None, _) => (
            pick("Pending", "En attente").to_string(),
            "badge badge-pending",
        ),
        (GtmStatus::Active, _, Some((_, until))) => (
            format!(
                "{} {}",
                pick("Active until", "Active jusqu'au"),
                format_date(until)
            ),
            "badge badge-ok",
        ),
        (GtmStatus::Active, _, None) => (pick("Active", "Active").to_string(), "badge badge-ok"),
        (GtmStatus::Expired, _, Some((_, until))) => (
            format!(
                "{} {}",
                pick("Expired after", "Expirée après le"),
                format_date(until)
            ),
            "badge badge-danger",
        ),
        (GtmStatus::Expired, _, None) => {
            (pick("Expired", "Expirée").to_string(), "badge badge-danger")
        }
    }
}

/// What the "Activate" button is offered on: an offer not yet activated, or one that has
/// expired (the engine then accepts a new activation). Pending and active offers show their
/// next step instead.
pub fn offers_activation(status: GtmStatus) -> bool {
    matches!(status, GtmStatus::NotActivated | GtmStatus::Expired)
}

/// The languages offered for the marketing contact (the value stored is the English name).
pub const LANGUAGES: [(&str, &str); 10] = [
    ("English", "Anglais"),
    ("French", "Français"),
    ("German", "Allemand"),
    ("Spanish", "Espagnol"),
    ("Italian", "Italien"),
    ("Portuguese", "Portugais"),
    ("Dutch", "Néerlandais"),
    ("Japanese", "Japonais"),
    ("Chinese (Simplified)", "Chinois (simplifié)"),
    ("Arabic", "Arabe"),
];

/// A stored language in the partner's language (unknown names are shown as stored).
pub fn language_label(stored: &str) -> String {
    LANGUAGES
        .iter()
        .find(|(en, _)| en.eq_ignore_ascii_case(stored))
        .map(|(en, fr)| pick(en, fr).to_string())
        .unwrap_or_else(|| stored.to_string())
}

/// The typed marketing contact form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContactForm {
    pub user: String,
    pub email: String,
    pub phone: String,
    pub language: String,
}

impl ContactForm {
    /// The form as the current contact fills it, or empty with English chosen.
    pub fn from_contact(c: Option<&ContactView>) -> ContactForm {
        match c {
            Some(c) => ContactForm {
                user: c.user.to_string(),
                email: c.email.clone(),
                phone: c.phone.clone(),
                language: c.language.clone(),
            },
            None => ContactForm {
                language: "English".to_string(),
                ..ContactForm::default()
            },
        }
    }

    /// The command's contact. Only "nobody chosen" is caught here; the email, the phone
    /// and the language are the engine's to check (R-GTM-2).
    pub fn read(&self) -> Result<MarketingContact, String> {
        let user = crate::views::vs::chosen_user(&self.user)?;
        Ok(MarketingContact {
            user,
            email: self.email.trim().to_string(),
            phone: self.phone.trim().to_string(),
            preferred_language: self.language.trim().to_string(),
        })
    }
}

/// When the chosen person changes, the email follows their directory address unless the
/// partner typed another one.
pub fn email_after_choosing(
    current_email: &str,
    previous_user_email: Option<&str>,
    new_user_email: Option<&str>,
) -> String {
    let untouched = current_email.trim().is_empty()
        || previous_user_email.is_some_and(|p| p.eq_ignore_ascii_case(current_email.trim()));
    match (untouched, new_user_email) {
        (true, Some(e)) => e.to_string(),
        _ => current_email.to_string(),
    }
}

/// Reads the "Record activation" form's two dates.
pub fn read_activation(activated: &str, expires: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let read = |raw: &str, en: &str, fr: &str| {
        read_date(raw).map_err(|p| match p {
            InputProblem::Missing => match crate::i18n::lang() {
                crate::i18n::Lang::En => format!("Enter {en}."),
                crate::i18n::Lang::Fr => format!("Saisissez {fr}."),
            },
            InputProblem::Unreadable(why) => why,
        })
    };
    Ok((
        read(activated, "the activation date", "la date d'activation")?,
        read(expires, "the expiry date", "la date d'expiration")?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::{demo, Command};
    use chrono::NaiveDateTime;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(s: &str) -> NaiveDateTime {
        d(s).and_hms_opt(10, 0, 0).unwrap()
    }

    #[test]
    fn the_demo_has_two_offers_not_activated_and_no_contact() {
        let doc = demo::try_workspace(d("2026-11-20")).unwrap();
        let ws = doc.workspace();
        assert!(contact_view(ws).is_none());
        let silver = gtm_row(ws, &GtmId::from("gtm-1"), d("2026-11-20")).unwrap();
        assert_eq!(silver.name, "Silver Core");
        assert_eq!(silver.status, GtmStatus::NotActivated);
        assert_eq!(status_badge(&silver).0, "Not activated");
        assert!(offers_activation(silver.status));
    }

    #[test]
    fn an_offer_reads_pending_then_active_until_then_expired_after() {
        let mut doc = demo::try_workspace(d("2026-11-20")).unwrap();
        let gloria = UserId::from(demo::GLORIA);
        let contact = MarketingContact {
            user: UserId::from(demo::GLORIA),
            email: "gloria.marketing@contoso.example".into(),
            phone: "+1 425 555 0100".into(),
            preferred_language: "French".into(),
        };
        doc.apply(
            &gloria,
            at("2026-11-20"),
            &Command::SetMarketingContact { contact },
        )
        .unwrap();
        let c = contact_view(doc.workspace()).unwrap();
        assert_eq!(c.name, "Gloria Global-Admin");
        assert_eq!(language_label(&c.language), "French");

        let id = GtmId::from("gtm-1");
        doc.apply(
            &gloria,
            at("2026-11-20"),
            &Command::ActivateGtmOffer { offer: id.clone() },
        )
        .unwrap();
        let pending = gtm_row(doc.workspace(), &id, d("2026-11-20")).unwrap();
        assert_eq!(status_badge(&pending).0, "Pending since 20 November 2026");
        assert!(!offers_activation(pending.status));

        doc.apply(
            &gloria,
            at("2026-11-20"),
            &Command::RecordGtmOfferActivated {
                offer: id.clone(),
                activated_on: d("2026-11-20"),
                expires_on: d("2027-11-19"),
            },
        )
        .unwrap();
        let active = gtm_row(doc.workspace(), &id, d("2027-11-19")).unwrap();
        assert_eq!(status_badge(&active).0, "Active until 19 November 2027");
        let expired = gtm_row(doc.workspace(), &id, d("2027-11-20")).unwrap();
        assert_eq!(
            status_badge(&expired),
            (
                "Expired after 19 November 2027".to_string(),
                "badge badge-danger"
            )
        );
        assert!(offers_activation(expired.status));
    }

    #[test]
    fn the_contact_form_reads_without_judging_the_values() {
        let form = ContactForm {
            user: "user-1".into(),
            email: " admin@contoso.example ".into(),
            phone: "123".into(),
            language: "English".into(),
        };
        // The company email and a short phone are the engine's to refuse.
        let c = form.read().unwrap();
        assert_eq!(c.email, "admin@contoso.example");
        assert_eq!(c.phone, "123");
        assert!(ContactForm::default().read().is_err());
        assert_eq!(ContactForm::from_contact(None).language, "English");
    }

    #[test]
    fn the_email_follows_the_chosen_person_until_typed_over() {
        assert_eq!(
            email_after_choosing("", None, Some("nora@contoso.example")),
            "nora@contoso.example"
        );
        assert_eq!(
            email_after_choosing(
                "nora@contoso.example",
                Some("nora@contoso.example"),
                Some("gus@contoso.example")
            ),
            "gus@contoso.example"
        );
        assert_eq!(
            email_after_choosing(
                "press@contoso.example",
                Some("nora@contoso.example"),
                Some("gus@contoso.example")
            ),
            "press@contoso.example"
        );
    }

    #[test]
    fn activation_dates_are_read_or_explained() {
        assert_eq!(
            read_activation("2026-11-20", "2027-11-19"),
            Ok((d("2026-11-20"), d("2027-11-19")))
        );
        assert_eq!(
            read_activation("2026-11-20", ""),
            Err("Enter the expiry date.".to_string())
        );
        assert!(read_activation("20/11/2026", "2027-11-19").is_err());
    }
}
