//! What the Visual Studio page shows (R-VS-1, R-VS-2), read from the workspace: one row per
//! subscription, the people who can be chosen, and the reading of the data-entry form.
//! No rule lives here: the first day a subscription can be reassigned comes from
//! `VsAssignment::reassignable_from`, and every refusal comes from the engine.

use crate::i18n::pick;
use crate::planner::{read_count, InputProblem};
use benefits_core::model::{Offer, UserKind, VsLevel};
use benefits_core::{UserId, VsId, Workspace};
use chrono::NaiveDate;

/// One Visual Studio subscription as its card shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VsRow {
    pub id: VsId,
    pub level: VsLevel,
    pub offer: Offer,
    pub subscriber: Option<Subscriber>,
}

/// Who holds a subscription, since when, and from when it may go to someone else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    pub user: UserId,
    pub name: String,
    pub email: String,
    pub assigned_on: NaiveDate,
    /// The engine's date (`None` only next to the end of the calendar).
    pub reassignable_from: Option<NaiveDate>,
    /// True once that date has come: shown as "reassignable now".
    pub reassignable_now: bool,
}

/// The row of subscription `id`, or `None` if it was removed.
pub fn vs_row(ws: &Workspace, id: &VsId, today: NaiveDate) -> Option<VsRow> {
    let sub = ws.visual_studio().get(id)?;
    let subscriber = sub.assignment.as_ref().map(|a| {
        let user = ws.user(&a.user);
        let reassignable_from = a.reassignable_from();
        Subscriber {
            user: a.user.clone(),
            name: ws.user_name(&a.user),
            email: user.map(|u| u.email.clone()).unwrap_or_default(),
            assigned_on: a.assigned_on,
            reassignable_from,
            reassignable_now: reassignable_from.is_some_and(|d| today >= d),
        }
    });
    Some(VsRow {
        id: sub.id.clone(),
        level: sub.level,
        offer: sub.offer,
        subscriber,
    })
}

/// "3 subscriptions: 2 assigned, 1 not assigned yet" — the counts behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VsSummary {
    pub total: usize,
    pub assigned: usize,
}

pub fn vs_summary(ws: &Workspace) -> VsSummary {
    let total = ws.visual_studio().len();
    let assigned = ws
        .visual_studio()
        .values()
        .filter(|s| s.assignment.is_some())
        .count();
    VsSummary { total, assigned }
}

pub fn summary_text(s: VsSummary) -> String {
    let free = s.total - s.assigned.min(s.total);
    match s.total {
        0 => pick(
            "No Visual Studio subscriptions are recorded yet.",
            "Aucun abonnement Visual Studio n'est encore enregistré.",
        )
        .to_string(),
        1 => format!(
            "{} {}",
            pick("1 subscription:", "1 abonnement :"),
            assigned_text(s.assigned, free)
        ),
        n => format!(
            "{n} {} {}",
            pick("subscriptions:", "abonnements :"),
            assigned_text(s.assigned, free)
        ),
    }
}

fn assigned_text(assigned: usize, free: usize) -> String {
    format!(
        "{assigned} {}, {free} {}.",
        pick("assigned", "attribué(s)"),
        pick("not assigned yet", "pas encore attribué(s)")
    )
}

/// A person of the directory, as a select lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonChoice {
    pub id: UserId,
    /// "Nora No-Role (nora@contoso.example)", with "guest" or "disabled" when so.
    pub label: String,
}

/// Everyone in the directory, by name. Disabled people are listed (marked) rather than
/// hidden: whether they may receive something is the engine's answer, not the list's.
pub fn directory_choices(ws: &Workspace) -> Vec<PersonChoice> {
    let mut people: Vec<PersonChoice> = ws
        .users()
        .values()
        .map(|u| {
            let mut notes = Vec::new();
            if u.kind == UserKind::Guest {
                notes.push(pick("guest", "invité"));
            }
            if u.disabled {
                notes.push(pick("disabled", "désactivé"));
            }
            let notes = if notes.is_empty() {
                String::new()
            } else {
                format!(" — {}", notes.join(", "))
            };
            PersonChoice {
                id: u.id.clone(),
                label: format!("{} ({}){notes}", u.name, u.email),
            }
        })
        .collect();
    people.sort_by_cached_key(|p| p.label.to_lowercase());
    people
}

pub fn level_label(level: VsLevel) -> &'static str {
    match level {
        VsLevel::Enterprise => pick("Visual Studio Enterprise", "Visual Studio Enterprise"),
        VsLevel::Professional => pick("Visual Studio Professional", "Visual Studio Professional"),
    }
}

pub fn offer_label(offer: Offer) -> &'static str {
    match offer {
        Offer::ActionPack => pick("Action Pack", "Action Pack"),
        Offer::Silver => pick("Silver", "Silver"),
        Offer::Gold => pick("Gold", "Gold"),
    }
}

/// The value a select carries for a level, and back.
pub fn level_value(level: VsLevel) -> &'static str {
    match level {
        VsLevel::Enterprise => "enterprise",
        VsLevel::Professional => "professional",
    }
}

pub fn level_from_value(value: &str) -> Option<VsLevel> {
    [VsLevel::Enterprise, VsLevel::Professional]
        .into_iter()
        .find(|l| level_value(*l) == value)
}

pub fn offer_value(offer: Offer) -> &'static str {
    match offer {
        Offer::ActionPack => "action_pack",
        Offer::Silver => "silver",
        Offer::Gold => "gold",
    }
}

pub fn offer_from_value(value: &str) -> Option<Offer> {
    Offer::ALL.into_iter().find(|o| offer_value(*o) == value)
}

/// Reads a typed whole number for a form; `what` names the field in the message
/// ("the quantity"). Range checks are the engine's.
pub fn read_whole(raw: &str, what_en: &str, what_fr: &str) -> Result<i64, String> {
    read_count(raw).map_err(|p| match p {
        InputProblem::Missing => match crate::i18n::lang() {
            crate::i18n::Lang::En => format!("Enter {what_en}."),
            crate::i18n::Lang::Fr => format!("Saisissez {what_fr}."),
        },
        InputProblem::Unreadable(why) => why,
    })
}

/// The user chosen in a select ("" = nobody chosen yet).
pub fn chosen_user(value: &str) -> Result<UserId, String> {
    let v = value.trim();
    if v.is_empty() {
        Err(pick("Choose a person first.", "Choisissez d'abord une personne.").to_string())
    } else {
        Ok(UserId::new(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::demo;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn demo_ws() -> benefits_core::WorkspaceDoc {
        demo::try_workspace(d("2026-11-20")).unwrap()
    }

    #[test]
    fn rows_show_the_subscriber_and_the_engine_date_for_reassignment() {
        let doc = demo_ws();
        let ws = doc.workspace();
        let today = d("2026-11-20");
        let mario = vs_row(ws, &VsId::from("vs-1"), today).unwrap();
        let s = mario.subscriber.unwrap();
        assert_eq!(s.name, "Mario Partner-Admin");
        assert_eq!(s.email, "mario@contoso.example");
        assert_eq!(s.assigned_on, d("2026-10-21"));
        assert_eq!(s.reassignable_from, Some(d("2027-01-19")));
        assert!(!s.reassignable_now);

        let uma = vs_row(ws, &VsId::from("vs-2"), today).unwrap();
        assert!(uma.subscriber.unwrap().reassignable_now);

        let free = vs_row(ws, &VsId::from("vs-3"), today).unwrap();
        assert_eq!(free.level, VsLevel::Enterprise);
        assert_eq!(free.offer, Offer::Silver);
        assert!(free.subscriber.is_none());
        assert!(vs_row(ws, &VsId::from("vs-99"), today).is_none());
    }

    #[test]
    fn the_summary_counts_assigned_and_free_subscriptions() {
        let doc = demo_ws();
        let s = vs_summary(doc.workspace());
        assert_eq!(
            s,
            VsSummary {
                total: 3,
                assigned: 2
            }
        );
        assert_eq!(
            summary_text(s),
            "3 subscriptions: 2 assigned, 1 not assigned yet."
        );
        assert_eq!(
            summary_text(VsSummary::default()),
            "No Visual Studio subscriptions are recorded yet."
        );
    }

    #[test]
    fn everyone_in_the_directory_can_be_chosen_by_name() {
        let doc = demo_ws();
        let people = directory_choices(doc.workspace());
        assert_eq!(people.len(), 6);
        assert_eq!(people[0].label, "Andy Admin-Agent (andy@contoso.example)");
        assert!(people
            .iter()
            .any(|p| p.label == "Gus Guest (gus@contoso.example) — guest"));
    }

    #[test]
    fn select_values_read_back_and_bad_input_is_a_message_not_a_panic() {
        for l in [VsLevel::Enterprise, VsLevel::Professional] {
            assert_eq!(level_from_value(level_value(l)), Some(l));
        }
        for o in Offer::ALL {
            assert_eq!(offer_from_value(offer_value(o)), Some(o));
        }
        assert_eq!(level_from_value("ultimate"), None);
        assert_eq!(read_whole(" 3 ", "the quantity", "la quantité"), Ok(3));
        assert_eq!(
            read_whole("", "the quantity", "la quantité"),
            Err("Enter the quantity.".to_string())
        );
        assert!(read_whole("3x", "the quantity", "la quantité").is_err());
        assert!(read_whole("99999999999999999999999", "the quantity", "la quantité").is_err());
        assert_eq!(chosen_user("user-5"), Ok(UserId::from("user-5")));
        assert!(chosen_user("  ").is_err());
    }
}
