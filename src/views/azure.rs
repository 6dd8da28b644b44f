//! Azure credit (R-AZ-1..6) as the Azure & Cloud page shows it, the list of people a credit
//! can go to, and the reading of an amount typed in the organisation's currency. Pure:
//! natively tested, no browser.

use crate::i18n::{format_amount, notation, pick};
use benefits_core::model::{BenefitType, CreditKind, Offer, UserKind};
use benefits_core::{parse_amount, CreditId, Currency, DomainError, UserId, Workspace};
use chrono::NaiveDate;

/// One Azure credit, with what is left of the period containing today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditRow {
    pub id: CreditId,
    pub kind: CreditKind,
    /// Per period (month or year), minor units.
    pub amount_minor: i64,
    pub offer: Offer,
    pub benefit_type: BenefitType,
    pub expires_on: NaiveDate,
    /// Expired on today: nothing is left, and nobody new can get it.
    pub expired: bool,
    pub users: Vec<CreditUserRow>,
    /// The period containing today: first and last day.
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub spent_minor: i64,
    pub remaining_minor: i64,
    /// Spend recorded, latest first.
    pub spend: Vec<SpendRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditUserRow {
    pub id: UserId,
    pub name: String,
    pub guest: bool,
    pub since: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpendRow {
    pub on: NaiveDate,
    pub amount_minor: i64,
    pub note: String,
    pub by: String,
}

pub fn credit_ids(ws: &Workspace) -> Vec<CreditId> {
    ws.azure_credits().keys().cloned().collect()
}

/// The organisation's currency (USD until one is set up).
pub fn currency(ws: &Workspace) -> Currency {
    ws.organisation()
        .map(|o| o.currency.clone())
        .unwrap_or_default()
}

pub fn credit_row(ws: &Workspace, id: &CreditId, today: NaiveDate) -> Option<CreditRow> {
    let c = ws.azure_credits().get(id)?;
    let start = ws.organisation().map(|o| o.enrollment_year_start);
    let period = start
        .and_then(|s| c.period_of(today, s))
        .and_then(|(from, to)| Some((from, to.pred_opt()?)));
    let (spent, remaining) = match start {
        Some(s) => (c.spent_in_period(today, s), c.remaining_in_period(today, s)),
        None => (0, c.amount_minor),
    };
    let mut spend: Vec<SpendRow> = c
        .spend
        .iter()
        .map(|s| SpendRow {
            on: s.on,
            amount_minor: s.amount_minor,
            note: s.note.clone(),
            by: ws.user_name(&s.recorded_by),
        })
        .collect();
    spend.reverse();
    Some(CreditRow {
        id: c.id.clone(),
        kind: c.kind,
        amount_minor: c.amount_minor,
        offer: c.offer,
        benefit_type: c.benefit_type,
        expires_on: c.expires_on,
        expired: c.is_expired(today),
        users: c
            .users
            .iter()
            .map(|u| CreditUserRow {
                id: u.user.clone(),
                name: ws.user_name(&u.user),
                guest: ws.user(&u.user).is_some_and(|d| d.kind == UserKind::Guest),
                since: u.since,
            })
            .collect(),
        period,
        spent_minor: spent,
        remaining_minor: remaining,
        spend,
    })
}

/// "Monthly credit" / "Bulk (yearly) credit".
pub fn kind_label(kind: CreditKind) -> &'static str {
    match kind {
        CreditKind::Monthly => pick("Monthly credit", "Crédit mensuel"),
        CreditKind::Bulk => pick("Bulk (yearly) credit", "Crédit global (annuel)"),
    }
}

/// "per month" / "per year".
pub fn per_period(kind: CreditKind) -> &'static str {
    match kind {
        CreditKind::Monthly => pick("per month", "par mois"),
        CreditKind::Bulk => pick("per year", "par an"),
    }
}

pub fn kind_code(kind: CreditKind) -> &'static str {
    match kind {
        CreditKind::Monthly => "monthly",
        CreditKind::Bulk => "bulk",
    }
}

pub fn kind_from_code(code: &str) -> Option<CreditKind> {
    [CreditKind::Monthly, CreditKind::Bulk]
        .into_iter()
        .find(|k| kind_code(*k) == code)
}

/// One person of the directory in a select: value and label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserOption {
    pub id: String,
    pub label: String,
}

/// Everyone in the directory, members and guests (R-AZ-2), in id order: "Gus Guest
/// (gus@contoso.example) — guest". Built once per change of the workspace, not per credit.
pub fn user_options(ws: &Workspace) -> Vec<UserOption> {
    ws.users()
        .values()
        .map(|u| {
            let mut label = format!("{} ({})", u.name, u.email);
            if u.kind == UserKind::Guest {
                label.push_str(pick(" — guest", " — invité"));
            }
            if u.disabled {
                label.push_str(pick(" — disabled", " — désactivé"));
            }
            UserOption {
                id: u.id.to_string(),
                label,
            }
        })
        .collect()
}

/// What the amount field shows under itself as the partner types: the amount as it will be
/// recorded ("Will be recorded as 1.50 USD."), read by core in the language's notation;
/// nothing while the field is empty or not yet an amount (the refusal comes on "Record").
pub fn amount_preview(raw: &str, currency: &Currency) -> Option<String> {
    if raw.trim().is_empty() {
        return None;
    }
    let minor = parse_amount(raw, currency, notation()).ok()?;
    Some(format!(
        "{} {}.",
        pick("Will be recorded as", "Sera enregistré :"),
        format_amount(minor, currency)
    ))
}

/// The amount typed, read by core in the language's notation, or its refusal.
pub fn read_amount(raw: &str, currency: &Currency) -> Result<i64, DomainError> {
    parse_amount(raw, currency, notation())
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::demo;

    fn usd() -> Currency {
        Currency::usd()
    }

    fn cur(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    #[test]
    fn the_amount_is_shown_as_it_will_be_recorded_before_it_is() {
        assert_eq!(
            amount_preview("1.500", &usd()).as_deref(),
            Some("Will be recorded as 1.50 USD.")
        );
        assert_eq!(
            amount_preview("1,500", &usd()).as_deref(),
            Some("Will be recorded as 1,500.00 USD.")
        );
        assert_eq!(amount_preview("12.505", &usd()), None);
        assert_eq!(amount_preview("", &usd()), None);
        assert_eq!(
            read_amount("12.505", &usd()).unwrap_err().code,
            benefits_core::ErrorCode::AmountTooPrecise
        );
        crate::i18n::set_lang(crate::i18n::Lang::Fr);
        let fr = amount_preview("1.500", &usd());
        let jpy = amount_preview("1 300 000", &cur("JPY"));
        crate::i18n::set_lang(crate::i18n::Lang::En);
        assert_eq!(
            fr.as_deref(),
            Some("Sera enregistré : 1\u{202f}500,00\u{a0}USD.")
        );
        assert_eq!(
            jpy.as_deref(),
            Some("Sera enregistré : 1\u{202f}300\u{202f}000\u{a0}JPY.")
        );
    }

    #[test]
    fn credits_show_period_spend_and_balance() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let doc = demo::workspace(today);
        let ws = doc.workspace();
        assert_eq!(
            credit_ids(ws),
            vec![CreditId::from("credit-1"), CreditId::from("credit-2")]
        );
        let monthly = credit_row(ws, &CreditId::from("credit-1"), today).unwrap();
        assert_eq!(monthly.kind, CreditKind::Monthly);
        assert_eq!(monthly.amount_minor, 10_000);
        assert_eq!(monthly.spent_minor, 4_250);
        assert_eq!(monthly.remaining_minor, 5_750);
        assert_eq!(
            monthly.period,
            Some((
                NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
            ))
        );
        let names: Vec<(&str, bool)> = monthly
            .users
            .iter()
            .map(|u| (u.name.as_str(), u.guest))
            .collect();
        assert_eq!(
            names,
            vec![("Mario Partner-Admin", false), ("Gus Guest", true)]
        );
        assert_eq!(monthly.spend[0].by, "Mario Partner-Admin");
        let bulk = credit_row(ws, &CreditId::from("credit-2"), today).unwrap();
        assert_eq!(bulk.kind, CreditKind::Bulk);
        assert_eq!(bulk.remaining_minor, 600_000);
        assert_eq!(bulk.users[0].name, "Gloria Global-Admin");
        assert_eq!(
            bulk.period.map(|p| p.1),
            Some(NaiveDate::from_ymd_opt(2027, 8, 19).unwrap())
        );
    }

    #[test]
    fn everyone_in_the_directory_can_be_chosen_guests_marked() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let doc = demo::workspace(today);
        let options = user_options(doc.workspace());
        assert_eq!(options.len(), 6);
        assert_eq!(options[0].id, "user-1");
        assert_eq!(options[5].label, "Gus Guest (gus@contoso.example) — guest");
        assert_eq!(kind_from_code("bulk"), Some(CreditKind::Bulk));
        assert_eq!(kind_from_code("weekly"), None);
    }
}
