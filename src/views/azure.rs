//! Azure credit (R-AZ-1..6) as the Azure & Cloud page shows it, the list of people a credit
//! can go to, and the reading of an amount typed in the organisation's currency. Pure:
//! natively tested, no browser.

use crate::i18n::pick;
use benefits_core::model::{BenefitType, CreditKind, Offer, UserKind};
use benefits_core::{CreditId, Currency, UserId, Workspace};
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

/// Why a typed amount could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    Negative,
    NotANumber,
    /// More digits after the decimal point than the currency has.
    TooPrecise {
        digits: u32,
    },
    TooLarge,
}

impl AmountError {
    /// The sentence for the partner, naming the currency.
    pub fn message(&self, raw: &str, currency: &Currency) -> String {
        let code = currency.code();
        match self {
            AmountError::Empty => format!(
                "{} {code}{}",
                pick("Enter an amount in", "Indiquez un montant en "),
                pick(", for example 42.50.", ", par exemple 42,50.")
            ),
            AmountError::Negative => format!(
                "“{}” {}",
                raw.trim(),
                pick(
                    "is negative: enter the amount spent as a positive number, for example 42.50.",
                    "est négatif : indiquez le montant dépensé en nombre positif, par exemple 42,50."
                )
            ),
            AmountError::NotANumber => format!(
                "“{}” {} {code}{}",
                raw.trim(),
                pick(
                    "is not an amount. Type digits, with a decimal point if needed, in",
                    "n'est pas un montant. Tapez des chiffres, avec une virgule décimale si besoin, en"
                ),
                pick(", for example 42.50.", ", par exemple 42,50.")
            ),
            AmountError::TooPrecise { digits: 0 } => format!(
                "{code} {}",
                pick(
                    "amounts have no decimals: enter a whole amount.",
                    "ne se compte pas en décimales : indiquez un montant entier."
                )
            ),
            AmountError::TooPrecise { digits } => format!(
                "{code} {} {digits} {}",
                pick("amounts have at most", "se compte avec au plus"),
                pick(
                    "digits after the decimal point.",
                    "chiffres après la virgule."
                )
            ),
            AmountError::TooLarge => format!(
                "“{}” {}",
                raw.trim(),
                pick("is far too large.", "est bien trop grand.")
            ),
        }
    }
}

/// Reads an amount typed in the organisation's currency into its minor units, exactly (no
/// floating point): "42.50", "42,50", "1,234.56", "1 234,56", "6000", "USD 12.5".
///
/// The decimal separator is a point or a comma; the other one (or a space) groups
/// thousands. A single separator followed by exactly three digits, after a first group
/// that is not zero, groups thousands ("1,234" is 1234) unless the currency itself has
/// three decimals.
pub fn parse_amount(raw: &str, currency: &Currency) -> Result<i64, AmountError> {
    let mut text: String = raw
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let code = currency.code();
    for affix in [code.to_string(), code.to_ascii_lowercase()] {
        if let Some(rest) = text.strip_suffix(affix.as_str()) {
            text = rest.to_string();
        } else if let Some(rest) = text.strip_prefix(affix.as_str()) {
            text = rest.to_string();
        }
    }
    let text = text.strip_prefix('+').unwrap_or(&text).to_string();
    if text.is_empty() {
        return Err(AmountError::Empty);
    }
    if text.starts_with('-') || text.starts_with('−') {
        return Err(AmountError::Negative);
    }
    if !text
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        || !text.chars().any(|c| c.is_ascii_digit())
    {
        return Err(AmountError::NotANumber);
    }
    let digits = currency.minor_digits();
    let (whole, frac) = split_decimal(&text, digits)?;
    if frac.len() > digits as usize {
        return Err(AmountError::TooPrecise { digits });
    }
    let whole_value: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| AmountError::TooLarge)?
    };
    let mut frac_value: i64 = 0;
    for i in 0..digits as usize {
        let d = frac
            .as_bytes()
            .get(i)
            .map(|b| i64::from(b - b'0'))
            .unwrap_or(0);
        frac_value = frac_value * 10 + d;
    }
    whole_value
        .checked_mul(10i64.pow(digits))
        .and_then(|w| w.checked_add(frac_value))
        .ok_or(AmountError::TooLarge)
}

/// The whole part (grouping removed) and the decimals of a number made of digits, points
/// and commas.
fn split_decimal(text: &str, minor_digits: u32) -> Result<(String, String), AmountError> {
    let Some(last_at) = text.rfind(['.', ',']) else {
        return Ok((text.to_string(), String::new()));
    };
    let last = text[last_at..].chars().next().unwrap_or('.');
    let other = if last == '.' { ',' } else { '.' };
    let after = &text[last_at + 1..];
    let occurrences = text.matches(last).count();
    let first_group = text.split(['.', ',']).next().unwrap_or_default();
    let grouping_only = occurrences > 1
        || (!text.contains(other)
            && after.len() == 3
            && minor_digits != 3
            && !first_group.is_empty()
            && first_group != "0");
    let (whole_text, frac) = if grouping_only {
        (text, "")
    } else {
        (&text[..last_at], after)
    };
    // Thousands groups: a first group of 1–3 digits, then groups of exactly 3.
    let groups: Vec<&str> = whole_text.split(['.', ',']).collect();
    if groups.len() > 1 {
        let grouping_char = if grouping_only { last } else { other };
        if whole_text.contains(if grouping_char == '.' { ',' } else { '.' })
            || groups[0].is_empty()
            || groups[0].len() > 3
            || groups[1..].iter().any(|g| g.len() != 3)
        {
            return Err(AmountError::NotANumber);
        }
    }
    if frac.contains(['.', ',']) {
        return Err(AmountError::NotANumber);
    }
    Ok((groups.concat(), frac.to_string()))
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
    fn amounts_read_exactly_into_minor_units() {
        for (raw, minor) in [
            ("42.50", 4_250),
            ("42,50", 4_250),
            ("42.5", 4_250),
            ("42", 4_200),
            (" 6000 ", 600_000),
            ("6,000", 600_000),
            ("6.000", 600_000),
            ("1,234.56", 123_456),
            ("1.234,56", 123_456),
            ("1 234,56", 123_456),
            ("1,234,567.8", 123_456_780),
            ("0.125", -1), // too precise, below
            (".5", 50),
            ("USD 12.5", 1_250),
            ("12.50 usd", 1_250),
            ("+3", 300),
            ("0,99", 99),
        ] {
            if minor >= 0 {
                assert_eq!(parse_amount(raw, &usd()), Ok(minor), "{raw}");
            }
        }
        assert_eq!(parse_amount("1300000", &cur("JPY")), Ok(1_300_000));
        assert_eq!(parse_amount("1.500", &cur("KWD")), Ok(1_500));
        assert_eq!(parse_amount("1,5", &cur("KWD")), Ok(1_500));
    }

    #[test]
    fn negative_and_garbage_amounts_are_refused_in_words() {
        assert_eq!(parse_amount("", &usd()), Err(AmountError::Empty));
        assert_eq!(parse_amount("USD", &usd()), Err(AmountError::Empty));
        assert_eq!(parse_amount("-5", &usd()), Err(AmountError::Negative));
        assert_eq!(parse_amount("−5", &usd()), Err(AmountError::Negative));
        for raw in [
            "abc",
            "12a",
            "1..2",
            "1,2,3.4.5",
            "4 2.5.0",
            ",",
            "1,23,456",
            "€5",
        ] {
            assert_eq!(
                parse_amount(raw, &usd()),
                Err(AmountError::NotANumber),
                "{raw}"
            );
        }
        assert_eq!(
            parse_amount("0.125", &usd()),
            Err(AmountError::TooPrecise { digits: 2 })
        );
        assert_eq!(
            parse_amount("12.5", &cur("JPY")),
            Err(AmountError::TooPrecise { digits: 0 })
        );
        assert_eq!(
            parse_amount("99999999999999999999", &usd()),
            Err(AmountError::TooLarge)
        );
        assert_eq!(
            parse_amount("92233720368547759", &usd()),
            Err(AmountError::TooLarge)
        );
        let m = AmountError::Negative.message(" -5 ", &usd());
        assert!(m.starts_with("“-5” is negative"), "{m}");
        let m = AmountError::NotANumber.message("abc", &usd());
        assert!(m.contains("USD"), "{m}");
        let m = AmountError::TooPrecise { digits: 2 }.message("0.125", &usd());
        assert!(m.contains("at most 2 digits"), "{m}");
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
