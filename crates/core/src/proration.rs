//! Proration (R-PRO-2..6): what redeeming a key of K licenses does to a subscription of A
//! active licenses with B months left.
//!
//! One entry point, [`plan`]. Every quantity is exact (rational months, see [`crate::time`]);
//! only the final dates are rounded, to the nearest day.

use crate::time::{add_months, months_between, Months};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A key gives 12 months of service from the day it is redeemed (R-KEY-2).
pub const KEY_TERM_MONTHS: i64 = 12;
/// An end date can be extended by at most 3 years (R-PRO-5).
pub const MAX_EXTENSION_MONTHS: i64 = 36;
/// The most licenses the engine accepts on a subscription or a key. Far above any real
/// subscription; it keeps every product of seats and months exact and small.
pub const MAX_SEATS: i64 = 10_000_000;

/// What to do with a key (R-KEY-4 step 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    ActivateNew,
    ExtendEndDate,
    AddLicenses,
}

impl Action {
    pub const ALL: [Action; 3] = [
        Action::ActivateNew,
        Action::ExtendEndDate,
        Action::AddLicenses,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Action::ActivateNew => "activate_new",
            Action::ExtendEndDate => "extend_end_date",
            Action::AddLicenses => "add_licenses",
        }
    }
}

/// A question to the engine. `active_seats` and `end_date` describe the existing
/// subscription and are absent for `activate_new`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRequest {
    pub action: Action,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_seats: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<NaiveDate>,
    pub key_seats: i64,
    /// The redemption day.
    pub today: NaiveDate,
}

/// A warning that does not block the action but that a person must read first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub code: WarningCode,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// "Add licenses" leaves under 12 months of term (R-PRO-5).
    ShortTerm,
}

/// The result of a redemption, before it happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanOutcome {
    pub action: Action,
    /// Licenses on the subscription after redemption.
    pub seats: i64,
    /// The subscription's end date after redemption.
    pub end_date: NaiveDate,
    /// Licenses before redemption (absent for a new subscription).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_seats: Option<i64>,
    /// End date before redemption (absent for a new subscription).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_end_date: Option<NaiveDate>,
    /// How far the end date moves, exactly (extend: 12 × K ÷ A; add: can be negative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months_added: Option<Months>,
    /// Time left on the redemption day before redeeming (absent for a new subscription).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_left_before: Option<Months>,
    /// Time left on the redemption day after redeeming, exactly.
    pub time_left_after: Months,
    /// Days from the redemption day to the new end date.
    pub days_left_after: i64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// Why the engine refuses a plan. Serialises as `{"error": "<code>", "message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanError {
    pub error: PlanErrorCode,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanErrorCode {
    #[serde(rename = "extension_over_3_years")]
    ExtensionOver3Years,
    SubscriptionNotActive,
    InvalidActiveSeats,
    InvalidKeySeats,
    /// Extend / add without the subscription's current end date.
    MissingEndDate,
    /// A date, given or computed, outside 1900-01-01..=9999-12-31.
    DateOutOfRange,
}

impl PlanErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanErrorCode::ExtensionOver3Years => "extension_over_3_years",
            PlanErrorCode::SubscriptionNotActive => "subscription_not_active",
            PlanErrorCode::InvalidActiveSeats => "invalid_active_seats",
            PlanErrorCode::InvalidKeySeats => "invalid_key_seats",
            PlanErrorCode::MissingEndDate => "missing_end_date",
            PlanErrorCode::DateOutOfRange => "date_out_of_range",
        }
    }
}

impl PlanError {
    fn new(error: PlanErrorCode, message: impl Into<String>) -> PlanError {
        PlanError {
            error,
            message: message.into(),
        }
    }

    fn out_of_range() -> PlanError {
        PlanError::new(
            PlanErrorCode::DateOutOfRange,
            "The result would fall after 9999-12-31 or before 1900-01-01. Check the dates entered.",
        )
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PlanError {}

fn check_seats(value: i64, code: PlanErrorCode, what: &str) -> Result<i64, PlanError> {
    if (1..=MAX_SEATS).contains(&value) {
        Ok(value)
    } else {
        Err(PlanError::new(
            code,
            format!("{what} must be a whole number from 1 to {MAX_SEATS}; {value} was given.",),
        ))
    }
}

fn date(result: Result<NaiveDate, crate::time::DateOutOfRange>) -> Result<NaiveDate, PlanError> {
    result.map_err(|_| PlanError::out_of_range())
}

fn span(result: Result<Months, crate::time::DateOutOfRange>) -> Result<Months, PlanError> {
    result.map_err(|_| PlanError::out_of_range())
}

fn exact(value: Option<Months>) -> Result<Months, PlanError> {
    value.ok_or_else(PlanError::out_of_range)
}

/// The existing subscription's licenses, end date and time left, checked (R-PRO-5).
struct Existing {
    seats: i64,
    end: NaiveDate,
    left: Months,
}

fn existing(req: &PlanRequest) -> Result<Existing, PlanError> {
    let seats = match req.active_seats {
        Some(a) => check_seats(a, PlanErrorCode::InvalidActiveSeats, "Active licenses")?,
        None => {
            return Err(PlanError::new(
                PlanErrorCode::InvalidActiveSeats,
                "Enter the subscription's active licenses (a whole number, at least 1).",
            ))
        }
    };
    let end = req.end_date.ok_or_else(|| {
        PlanError::new(
            PlanErrorCode::MissingEndDate,
            "Enter the subscription's current end date.",
        )
    })?;
    if end <= req.today {
        return Err(PlanError::new(
            PlanErrorCode::SubscriptionNotActive,
            format!(
                "The subscription ended on {end}, not after the redemption day {}: only \"Activate a new subscription\" is possible.",
                req.today
            ),
        ));
    }
    let left = span(months_between(req.today, end))?;
    Ok(Existing { seats, end, left })
}

/// Computes what redeeming the key would do, or says plainly why it cannot be done.
pub fn plan(req: &PlanRequest) -> Result<PlanOutcome, PlanError> {
    let key_seats = check_seats(
        req.key_seats,
        PlanErrorCode::InvalidKeySeats,
        "Key licenses",
    )?;
    let term = Months::whole(KEY_TERM_MONTHS);
    // The redemption day itself must be a date the engine can count from.
    date(add_months(req.today, Months::ZERO))?;
    match req.action {
        // R-PRO-2: seats = K, end = redemption day + 12 months.
        Action::ActivateNew => {
            let end_date = date(add_months(req.today, term))?;
            Ok(PlanOutcome {
                action: req.action,
                seats: key_seats,
                end_date,
                previous_seats: None,
                previous_end_date: None,
                months_added: None,
                time_left_before: None,
                time_left_after: term,
                days_left_after: (end_date - req.today).num_days(),
                warnings: Vec::new(),
            })
        }
        // R-PRO-3: the end date moves by 12 × K ÷ A months from the current end date.
        Action::ExtendEndDate => {
            let sub = existing(req)?;
            let added = exact(extension(sub.seats, key_seats))?;
            if added > Months::whole(MAX_EXTENSION_MONTHS) {
                return Err(PlanError::new(
                    PlanErrorCode::ExtensionOver3Years,
                    format!(
                        "A {key_seats}-license key would extend {} licenses by {} months, over the {MAX_EXTENSION_MONTHS}-month (3-year) limit. Extend works only with keys of up to {} licenses here (three times the active licenses); use \"Add licenses\" instead.",
                        sub.seats,
                        added.to_decimal_string(),
                        sub.seats.saturating_mul(3),
                    ),
                ));
            }
            let end_date = date(add_months(sub.end, added))?;
            let left_after = exact(sub.left.checked_add(added))?;
            Ok(PlanOutcome {
                action: req.action,
                seats: sub.seats,
                end_date,
                previous_seats: Some(sub.seats),
                previous_end_date: Some(sub.end),
                months_added: Some(added),
                time_left_before: Some(sub.left),
                time_left_after: left_after,
                days_left_after: (end_date - req.today).num_days(),
                warnings: Vec::new(),
            })
        }
        // R-PRO-4: new time left = (A × B + K × 12) ÷ (A + K), from the redemption day.
        Action::AddLicenses => {
            let sub = existing(req)?;
            let seats = sub.seats + key_seats;
            let left_after = exact(
                sub.left
                    .checked_mul_int(sub.seats.into())
                    .and_then(|ab| ab.checked_add(term.checked_mul_int(key_seats.into())?))
                    .and_then(|total| total.checked_div_int(seats.into())),
            )?;
            let end_date = date(add_months(req.today, left_after))?;
            let mut warnings = Vec::new();
            if left_after < term {
                warnings.push(Warning {
                    code: WarningCode::ShortTerm,
                    message: short_term_message(&sub, key_seats, left_after),
                });
            }
            Ok(PlanOutcome {
                action: req.action,
                seats,
                end_date,
                previous_seats: Some(sub.seats),
                previous_end_date: Some(sub.end),
                months_added: Some(exact(left_after.checked_sub(sub.left))?),
                time_left_before: Some(sub.left),
                time_left_after: left_after,
                days_left_after: (end_date - req.today).num_days(),
                warnings,
            })
        }
    }
}

/// The latest end date "extend the end date" can reach from a subscription ending on `end`:
/// `end` + [`MAX_EXTENSION_MONTHS`] (R-PRO-5's 3-year limit). `None` past the calendar.
pub fn extension_limit(end: NaiveDate) -> Option<NaiveDate> {
    add_months(end, Months::whole(MAX_EXTENSION_MONTHS)).ok()
}

/// 12 × K ÷ A months.
fn extension(active: i64, key: i64) -> Option<Months> {
    Months::ratio(i128::from(KEY_TERM_MONTHS) * i128::from(key), active.into())
}

/// R-PRO-5: say that "add" gives under 12 months, and what "extend" would give instead.
fn short_term_message(sub: &Existing, key_seats: i64, left_after: Months) -> String {
    let mut text = format!(
        "Adding licenses leaves {} months of term, less than the key's 12 months, because the subscription has only {} months left.",
        left_after.to_decimal_string(),
        sub.left.to_decimal_string()
    );
    match extension(sub.seats, key_seats) {
        Some(added) if added <= Months::whole(MAX_EXTENSION_MONTHS) => {
            if let Ok(end) = add_months(sub.end, added) {
                text.push_str(&format!(
                    " Extending the end date instead would keep {} licenses and move the end date to {end} (+{} months).",
                    sub.seats,
                    added.to_decimal_string()
                ));
            }
        }
        _ => text.push_str(
            " Extending the end date is not possible with this key (it would pass the 3-year limit).",
        ),
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn req(action: Action, a: Option<i64>, end: Option<&str>, k: i64, today: &str) -> PlanRequest {
        PlanRequest {
            action,
            active_seats: a,
            end_date: end.map(d),
            key_seats: k,
            today: d(today),
        }
    }

    #[test]
    fn json_shapes_are_exact() {
        let r: PlanRequest = serde_json::from_str(
            r#"{"action": "extend_end_date", "active_seats": 100, "end_date": "2027-01-31", "key_seats": 25, "today": "2026-11-20"}"#,
        )
        .unwrap();
        let out = plan(&r).unwrap();
        let v = serde_json::to_value(&out).unwrap();
        assert_eq!(v["seats"], 100);
        assert_eq!(v["end_date"], "2027-04-30");
        assert_eq!(v["months_added"], "3");
        let r: PlanRequest = serde_json::from_str(
            r#"{"action": "activate_new", "key_seats": 25, "today": "2028-02-29"}"#,
        )
        .unwrap();
        assert_eq!(r.active_seats, None);
        let err = plan(&req(
            Action::ExtendEndDate,
            Some(5),
            Some("2027-03-15"),
            16,
            "2026-11-20",
        ))
        .unwrap_err();
        let v = serde_json::to_value(&err).unwrap();
        assert_eq!(v["error"], "extension_over_3_years");
        assert!(v["message"].as_str().unwrap().contains("3-year"));
    }

    #[test]
    fn error_codes_serialise_as_documented() {
        for code in [
            PlanErrorCode::ExtensionOver3Years,
            PlanErrorCode::SubscriptionNotActive,
            PlanErrorCode::InvalidActiveSeats,
            PlanErrorCode::InvalidKeySeats,
            PlanErrorCode::MissingEndDate,
            PlanErrorCode::DateOutOfRange,
        ] {
            assert_eq!(serde_json::to_value(code).unwrap(), code.as_str());
        }
    }
}
