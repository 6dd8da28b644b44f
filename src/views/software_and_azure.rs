//! Words and form readings shared by the Software and the Azure & Cloud pages: the names of
//! offers and benefit types in the partner's language, and the reading of what was typed
//! into a field (a whole number, a date, a list). No rule lives here: a value that reads
//! well is still checked by the engine when the command is sent.

use crate::i18n::pick;
use benefits_core::model::{BenefitType, Offer};
use chrono::NaiveDate;

/// The offer as the partner reads it.
pub fn offer_label(offer: Offer) -> &'static str {
    match offer {
        Offer::ActionPack => pick("Action Pack", "Action Pack"),
        Offer::Silver => pick("Silver", "Silver"),
        Offer::Gold => pick("Gold", "Gold"),
    }
}

/// The value of an offer in a `<select>`.
pub fn offer_code(offer: Offer) -> &'static str {
    match offer {
        Offer::ActionPack => "action_pack",
        Offer::Silver => "silver",
        Offer::Gold => "gold",
    }
}

pub fn offer_from_code(code: &str) -> Option<Offer> {
    Offer::ALL.into_iter().find(|o| offer_code(*o) == code)
}

pub fn benefit_type_label(kind: BenefitType) -> &'static str {
    match kind {
        BenefitType::Core => pick("Core", "De base"),
        BenefitType::Incremental => pick("Incremental", "Incrémentiel"),
    }
}

pub const BENEFIT_TYPES: [BenefitType; 2] = [BenefitType::Core, BenefitType::Incremental];

pub fn benefit_type_code(kind: BenefitType) -> &'static str {
    match kind {
        BenefitType::Core => "core",
        BenefitType::Incremental => "incremental",
    }
}

pub fn benefit_type_from_code(code: &str) -> Option<BenefitType> {
    BENEFIT_TYPES
        .into_iter()
        .find(|k| benefit_type_code(*k) == code)
}

/// A whole number as typed ("1,000", " 25 "). Its range is the engine's to judge.
pub fn read_whole(field: &str, raw: &str) -> Result<i64, String> {
    let compact: String = raw
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}' | '_'))
        .collect();
    if compact.is_empty() {
        return Err(format!("{} {field}.", pick("Enter the", "Indiquez :")));
    }
    let digits = compact.strip_prefix('-').unwrap_or(&compact);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "{} “{}” {}",
            pick("The", "Le champ"),
            field,
            pick(
                "takes a whole number, such as 25.",
                "attend un nombre entier, par exemple 25."
            )
        ));
    }
    compact.parse::<i64>().map_err(|_| {
        format!(
            "{} “{}” {}",
            pick("The", "Le nombre du champ"),
            field,
            pick("is far too large.", "est bien trop grand.")
        )
    })
}

/// A date as a date input gives it (`2027-08-19`).
pub fn read_date(field: &str, raw: &str) -> Result<NaiveDate, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(format!("{} {field}.", pick("Choose the", "Choisissez :")));
    }
    t.parse::<NaiveDate>().map_err(|_| {
        format!(
            "“{t}” {} ({field}) {}",
            pick("is not a date", "n'est pas une date"),
            pick(
                "— pick one, or type it as year-month-day, for example 2027-08-19.",
                "— choisissez-en une, ou tapez-la sous la forme année-mois-jour, par exemple 2027-08-19."
            )
        )
    })
}

/// The items of a list typed one per line or separated by commas, trimmed, blanks dropped.
pub fn split_list(raw: &str) -> Vec<String> {
    raw.split(['\n', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_and_benefit_types_round_trip_through_their_codes() {
        for o in Offer::ALL {
            assert_eq!(offer_from_code(offer_code(o)), Some(o));
        }
        for k in BENEFIT_TYPES {
            assert_eq!(benefit_type_from_code(benefit_type_code(k)), Some(k));
        }
        assert_eq!(offer_from_code("platinum"), None);
        assert_eq!(offer_label(Offer::ActionPack), "Action Pack");
        assert_eq!(benefit_type_label(BenefitType::Incremental), "Incremental");
    }

    #[test]
    fn whole_numbers_read_as_typed() {
        assert_eq!(read_whole("licenses", " 25 "), Ok(25));
        assert_eq!(read_whole("licenses", "1,000"), Ok(1000));
        // Negative numbers read; the engine says why they are refused.
        assert_eq!(read_whole("licenses", "-3"), Ok(-3));
        let e = read_whole("licenses", "").unwrap_err();
        assert!(e.contains("licenses"), "{e}");
        let e = read_whole("licenses", "12a").unwrap_err();
        assert!(e.contains("whole number"), "{e}");
        assert!(read_whole("licenses", "-").is_err());
        assert!(read_whole("licenses", "99999999999999999999")
            .unwrap_err()
            .contains("too large"));
    }

    #[test]
    fn dates_read_from_date_inputs() {
        assert_eq!(
            read_date("expiry date", "2027-08-19"),
            Ok(NaiveDate::from_ymd_opt(2027, 8, 19).unwrap())
        );
        assert!(read_date("expiry date", "")
            .unwrap_err()
            .contains("expiry date"));
        assert!(read_date("expiry date", "31/12/2027")
            .unwrap_err()
            .contains("not a date"));
    }

    #[test]
    fn lists_split_on_lines_and_commas() {
        assert_eq!(
            split_list("English, French\n German \n\n,"),
            vec!["English", "French", "German"]
        );
        assert!(split_list("  ").is_empty());
    }
}
