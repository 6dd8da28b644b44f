//! The key planner's view model: read the typed fields, ask the engine for both outcomes,
//! and say what to show. No rule lives here: every number and every refusal comes from
//! `benefits_core::proration::plan`; this module only reads input and routes answers.

use crate::i18n::{self, FieldName};
use crate::plan_query::PlanQuery;
use crate::timeline::TimelineInput;
use benefits_core::proration::extension_limit;
use benefits_core::proration::{plan, Action, PlanError, PlanErrorCode, PlanOutcome, PlanRequest};
use chrono::NaiveDate;

/// What was wrong with a typed value before the engine could even be asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputProblem {
    /// Nothing typed.
    Missing,
    /// Something typed that cannot be read; the sentence says what.
    Unreadable(String),
}

/// One field, read.
pub type Reading<T> = Result<T, InputProblem>;

/// The four fields, read into numbers and dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanInputs {
    pub seats: Reading<i64>,
    pub end: Reading<NaiveDate>,
    pub key: Reading<i64>,
    pub today: Reading<NaiveDate>,
}

/// What an outcome panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutcomeState {
    /// Not enough input yet: the sentence names the fields to enter or correct.
    Waiting(String),
    /// The engine refused; its message says why.
    Refused(PlanError),
    /// The engine's answer.
    Ready(PlanOutcome),
}

impl OutcomeState {
    pub fn outcome(&self) -> Option<&PlanOutcome> {
        match self {
            OutcomeState::Ready(o) => Some(o),
            _ => None,
        }
    }
}

/// Everything the key planner page shows, computed from the typed fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanView {
    pub inputs: PlanInputs,
    pub extend: OutcomeState,
    pub add: OutcomeState,
    /// Shown only when the subscription has already ended (then neither extend nor add is
    /// possible, and activating a new subscription is what the key can do).
    pub activate: Option<OutcomeState>,
    pub timeline: Option<TimelineInput>,
}

impl PlanView {
    /// The message to show under a field: what could not be read, or the engine's refusal
    /// of that very value (e.g. zero or negative licenses).
    pub fn field_message(&self, field: FieldName) -> Option<String> {
        let reading_problem = |r: Option<&InputProblem>| match r {
            Some(InputProblem::Unreadable(why)) => Some(why.clone()),
            _ => None,
        };
        let engine_code = match field {
            FieldName::ActiveLicenses => {
                if let Some(why) = reading_problem(self.inputs.seats.as_ref().err()) {
                    return Some(why);
                }
                PlanErrorCode::InvalidActiveSeats
            }
            FieldName::KeyLicenses => {
                if let Some(why) = reading_problem(self.inputs.key.as_ref().err()) {
                    return Some(why);
                }
                PlanErrorCode::InvalidKeySeats
            }
            FieldName::CurrentEndDate => return reading_problem(self.inputs.end.as_ref().err()),
            FieldName::RedemptionDate => return reading_problem(self.inputs.today.as_ref().err()),
        };
        [&self.extend, &self.add]
            .into_iter()
            .find_map(|state| match state {
                OutcomeState::Refused(e) if e.error == engine_code => Some(e.message.clone()),
                _ => None,
            })
    }
}

/// Reads a count of licenses: digits, with an optional sign so that the engine can refuse a
/// negative count in its own words.
pub fn read_count(raw: &str) -> Reading<i64> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(InputProblem::Missing);
    }
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(InputProblem::Unreadable(i18n::not_a_whole_number(s)));
    }
    s.parse::<i64>()
        .map_err(|_| InputProblem::Unreadable(i18n::number_too_large(s)))
}

/// Reads a date written year-month-day, as date inputs give it (`2027-01-31`). Read by
/// hand: chrono's general-purpose date parser costs more in the WebAssembly than the page.
pub fn read_date(raw: &str) -> Reading<NaiveDate> {
    let s = raw.trim();
    if s.is_empty() {
        return Err(InputProblem::Missing);
    }
    let number = |part: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let mut parts = s.split('-');
    let date = match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d), None) => {
            match (number(y, 4..=6), number(m, 1..=2), number(d, 1..=2)) {
                (Some(y), Some(m), Some(d)) => i32::try_from(y)
                    .ok()
                    .and_then(|y| NaiveDate::from_ymd_opt(y, m, d)),
                _ => None,
            }
        }
        _ => None,
    };
    date.ok_or_else(|| InputProblem::Unreadable(i18n::not_a_date(s)))
}

pub fn read_inputs(query: &PlanQuery) -> PlanInputs {
    PlanInputs {
        seats: read_count(&query.seats),
        end: read_date(&query.end),
        key: read_count(&query.key),
        today: read_date(&query.today),
    }
}

/// Sorts the fields an outcome needs into "still empty" and "cannot be read".
fn waiting(needed: &[(FieldName, bool, bool)]) -> OutcomeState {
    let missing: Vec<FieldName> = needed.iter().filter(|n| n.1).map(|n| n.0).collect();
    let wrong: Vec<FieldName> = needed.iter().filter(|n| n.2).map(|n| n.0).collect();
    OutcomeState::Waiting(i18n::outcome_waiting(&missing, &wrong))
}

fn status<T>(field: FieldName, r: &Reading<T>) -> (FieldName, bool, bool) {
    (
        field,
        matches!(r, Err(InputProblem::Missing)),
        matches!(r, Err(InputProblem::Unreadable(_))),
    )
}

fn ask(request: &PlanRequest) -> OutcomeState {
    match plan(request) {
        Ok(outcome) => OutcomeState::Ready(outcome),
        // The engine's sentence is English; its code and the request's numbers give it in
        // the partner's language.
        Err(refusal) => OutcomeState::Refused(i18n::localise_plan_error(refusal, request)),
    }
}

/// The whole page's answer for what was typed.
pub fn evaluate(query: &PlanQuery) -> PlanView {
    let inputs = read_inputs(query);
    let (extend, add) = match (&inputs.seats, &inputs.end, &inputs.key, &inputs.today) {
        (Ok(seats), Ok(end), Ok(key), Ok(today)) => {
            let request = |action| PlanRequest {
                action,
                active_seats: Some(*seats),
                end_date: Some(*end),
                key_seats: *key,
                today: *today,
            };
            (
                ask(&request(Action::ExtendEndDate)),
                ask(&request(Action::AddLicenses)),
            )
        }
        _ => {
            let state = waiting(&[
                status(FieldName::ActiveLicenses, &inputs.seats),
                status(FieldName::CurrentEndDate, &inputs.end),
                status(FieldName::KeyLicenses, &inputs.key),
                status(FieldName::RedemptionDate, &inputs.today),
            ]);
            (state.clone(), state)
        }
    };
    let mut add = add;
    if let OutcomeState::Ready(outcome) = &mut add {
        i18n::localise_warnings(outcome, extend.outcome());
    }
    let ended = matches!(&extend, OutcomeState::Refused(e) if e.error == PlanErrorCode::SubscriptionNotActive);
    let activate = match (ended, &inputs.key, &inputs.today) {
        (true, Ok(key), Ok(today)) => Some(ask(&PlanRequest {
            action: Action::ActivateNew,
            active_seats: None,
            end_date: None,
            key_seats: *key,
            today: *today,
        })),
        _ => None,
    };
    let timeline = match (&inputs.today, &inputs.end) {
        (Ok(today), Ok(end)) => Some(TimelineInput {
            today: *today,
            current_end: *end,
            extend_end: extend.outcome().map(|o| o.end_date),
            add_end: add.outcome().map(|o| o.end_date),
            // The 3-year limit only matters while the end date can still be extended.
            limit: (!ended).then(|| extension_limit(*end)).flatten(),
        }),
        _ => None,
    };
    PlanView {
        inputs,
        extend,
        add,
        activate,
        timeline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use benefits_core::Months;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn query(seats: &str, end: &str, key: &str, today: &str) -> PlanQuery {
        PlanQuery {
            seats: seats.into(),
            end: end.into(),
            key: key.into(),
            today: today.into(),
        }
    }

    #[test]
    fn the_spec_link_gives_both_outcomes_from_the_engine() {
        let view = evaluate(&query("100", "2027-01-31", "25", "2026-11-20"));
        let extend = view.extend.outcome().expect("extend is possible");
        assert_eq!(extend.end_date, d("2027-04-30"));
        assert_eq!(extend.seats, 100);
        assert_eq!(extend.months_added, Some(Months::whole(3)));
        let add = view.add.outcome().expect("add is possible");
        assert_eq!(add.seats, 125);
        assert_eq!(view.activate, None);
        let timeline = view.timeline.expect("a timeline");
        assert_eq!(timeline.today, d("2026-11-20"));
        assert_eq!(timeline.current_end, d("2027-01-31"));
        assert_eq!(timeline.extend_end, Some(d("2027-04-30")));
        assert_eq!(timeline.add_end, Some(add.end_date));
        assert_eq!(timeline.limit, Some(d("2030-01-31")));
    }

    #[test]
    fn counts_are_read_strictly_but_signs_reach_the_engine() {
        assert_eq!(read_count(" 100 "), Ok(100));
        assert_eq!(read_count("+7"), Ok(7));
        assert_eq!(read_count("-5"), Ok(-5));
        assert_eq!(read_count(""), Err(InputProblem::Missing));
        assert_eq!(read_count("   "), Err(InputProblem::Missing));
        for bad in ["abc", "12a", "2.5", "1e3", "1,000", "-", "+", "--1", "½"] {
            assert!(
                matches!(read_count(bad), Err(InputProblem::Unreadable(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            read_count("99999999999999999999999"),
            Err(InputProblem::Unreadable(m)) if m.contains("too large")
        ));
    }

    #[test]
    fn dates_are_read_year_month_day() {
        assert_eq!(read_date("2027-01-31"), Ok(d("2027-01-31")));
        assert_eq!(read_date(""), Err(InputProblem::Missing));
        assert_eq!(read_date(" 2027-1-5 "), Ok(d("2027-01-05")));
        assert_eq!(read_date("2028-02-29"), Ok(d("2028-02-29")));
        for bad in [
            "31/01/2027",
            "2027-02-30",
            "2027-02-29",
            "tomorrow",
            "2027-13-01",
            "2027-00-10",
            "27-01-31",
            "2027-01-31-1",
            "2027--31",
            "-2027-01-31",
            "+2027-01-31",
            "2027-01-3x",
            "2027-001-31",
        ] {
            assert!(
                matches!(read_date(bad), Err(InputProblem::Unreadable(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn an_empty_form_waits_and_names_the_missing_fields() {
        let view = evaluate(&query("", "", "", "2026-11-20"));
        let OutcomeState::Waiting(why) = &view.extend else {
            panic!("waiting expected, got {:?}", view.extend);
        };
        assert!(why.contains("Active licenses"), "{why}");
        assert!(why.contains("Key licenses"), "{why}");
        assert!(!why.contains("Redemption date"), "{why}");
        assert_eq!(view.extend, view.add);
        assert_eq!(view.timeline, None);
        assert_eq!(view.field_message(FieldName::ActiveLicenses), None);
    }

    #[test]
    fn letters_are_explained_at_the_field_and_the_outcomes_wait() {
        let view = evaluate(&query("abc", "2027-01-31", "25", "2026-11-20"));
        let message = view.field_message(FieldName::ActiveLicenses).unwrap();
        assert!(message.contains("“abc” is not a whole number"), "{message}");
        assert!(
            matches!(&view.add, OutcomeState::Waiting(w) if w.contains("correct “Active licenses”"))
        );
        assert_eq!(view.field_message(FieldName::KeyLicenses), None);
        // The timeline still shows what is known.
        assert!(view.timeline.is_some());
    }

    #[test]
    fn negative_and_zero_counts_are_refused_by_the_engine_in_its_words() {
        let view = evaluate(&query("-5", "2027-01-31", "25", "2026-11-20"));
        let OutcomeState::Refused(e) = &view.extend else {
            panic!("refusal expected");
        };
        assert_eq!(e.error, PlanErrorCode::InvalidActiveSeats);
        assert_eq!(
            view.field_message(FieldName::ActiveLicenses),
            Some(e.message.clone())
        );
        let view = evaluate(&query("100", "2027-01-31", "0", "2026-11-20"));
        assert!(
            matches!(&view.add, OutcomeState::Refused(e) if e.error == PlanErrorCode::InvalidKeySeats)
        );
        assert!(view.field_message(FieldName::KeyLicenses).is_some());
        assert_eq!(view.field_message(FieldName::ActiveLicenses), None);
    }

    #[test]
    fn over_three_years_refuses_extend_only() {
        let view = evaluate(&query("5", "2027-03-15", "16", "2026-11-20"));
        assert!(
            matches!(&view.extend, OutcomeState::Refused(e) if e.error == PlanErrorCode::ExtensionOver3Years)
        );
        assert!(view.add.outcome().is_some());
        let timeline = view.timeline.unwrap();
        assert_eq!(timeline.extend_end, None);
        assert!(timeline.add_end.is_some());
    }

    #[test]
    fn a_short_add_carries_the_engine_warning() {
        let view = evaluate(&query("100", "2027-05-20", "25", "2026-11-20"));
        let add = view.add.outcome().unwrap();
        assert_eq!(add.end_date, d("2027-06-26"));
        assert_eq!(add.warnings.len(), 1);
    }

    #[test]
    fn an_ended_subscription_offers_a_new_one() {
        let view = evaluate(&query("100", "2026-10-01", "25", "2026-11-20"));
        assert!(
            matches!(&view.extend, OutcomeState::Refused(e) if e.error == PlanErrorCode::SubscriptionNotActive)
        );
        assert!(matches!(&view.add, OutcomeState::Refused(_)));
        assert_eq!(view.timeline.unwrap().limit, None);
        let activate = view.activate.expect("activate offered");
        let outcome = activate.outcome().unwrap();
        assert_eq!(outcome.seats, 25);
        assert_eq!(outcome.end_date, d("2027-11-20"));
    }
}
