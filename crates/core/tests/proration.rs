//! SPEC §5: every worked example, the R-PRO-5 refusals, and the properties of the engine
//! (round trip of the time model, seat-time conservation, monotonicity, no panic).

use benefits_core::proration::{
    plan, Action, PlanErrorCode, PlanOutcome, PlanRequest, WarningCode, MAX_EXTENSION_MONTHS,
    MAX_SEATS,
};
use benefits_core::time::{add_months, months_between, Months, MAX_DATE, MIN_DATE};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn extend(a: i64, end: &str, k: i64, today: &str) -> PlanRequest {
    PlanRequest {
        action: Action::ExtendEndDate,
        active_seats: Some(a),
        end_date: Some(d(end)),
        key_seats: k,
        today: d(today),
    }
}

fn add(a: i64, end: &str, k: i64, today: &str) -> PlanRequest {
    PlanRequest {
        action: Action::AddLicenses,
        ..extend(a, end, k, today)
    }
}

fn activate(k: i64, today: &str) -> PlanRequest {
    PlanRequest {
        action: Action::ActivateNew,
        active_seats: None,
        end_date: None,
        key_seats: k,
        today: d(today),
    }
}

fn ok(req: PlanRequest) -> PlanOutcome {
    plan(&req).unwrap_or_else(|e| panic!("{req:?} refused: {e}"))
}

// --- SPEC §5 worked examples (redemption day 2026-11-20) ---

#[test]
fn r_pro_3_extend_100_seats_with_25_adds_3_months_clamped_to_month_end() {
    let out = ok(extend(100, "2027-01-31", 25, "2026-11-20"));
    assert_eq!(out.seats, 100);
    assert_eq!(out.end_date, d("2027-04-30"));
    assert_eq!(out.months_added, Some(Months::whole(3)));
}

#[test]
fn r_pro_3_extend_5_seats_with_10_adds_24_months() {
    let out = ok(extend(5, "2027-03-15", 10, "2026-11-20"));
    assert_eq!((out.seats, out.end_date), (5, d("2029-03-15")));
    assert_eq!(out.months_added, Some(Months::whole(24)));
}

#[test]
fn r_pro_3_extend_3_seats_with_7_adds_28_months() {
    let out = ok(extend(3, "2027-03-15", 7, "2026-11-20"));
    assert_eq!((out.seats, out.end_date), (3, d("2029-07-15")));
    assert_eq!(out.months_added, Some(Months::whole(28)));
}

#[test]
fn r_pro_3_source_scenario_100_plus_100_adds_12_months() {
    let out = ok(extend(100, "2027-01-31", 100, "2026-11-20"));
    assert_eq!(out.end_date, d("2028-01-31"));
}

#[test]
fn r_pro_5_extend_5_seats_with_16_is_refused_over_3_years() {
    let err = plan(&extend(5, "2027-03-15", 16, "2026-11-20")).unwrap_err();
    assert_eq!(err.error, PlanErrorCode::ExtensionOver3Years);
    assert!(err.message.contains("3-year"), "{}", err.message);
    assert!(err.message.contains("Add licenses"), "{}", err.message);
}

#[test]
fn r_pro_5_extend_at_exactly_three_times_is_allowed() {
    let out = ok(extend(5, "2027-03-15", 15, "2026-11-20"));
    assert_eq!(out.months_added, Some(Months::whole(MAX_EXTENSION_MONTHS)));
    assert_eq!(out.end_date, d("2030-03-15"));
}

#[test]
fn r_pro_4_add_25_to_100_with_6_months_left_gives_7_2_months() {
    let out = ok(add(100, "2027-05-20", 25, "2026-11-20"));
    assert_eq!(out.seats, 125);
    assert_eq!(out.end_date, d("2027-06-26"));
    assert_eq!(out.time_left_before, Some(Months::whole(6)));
    assert_eq!(out.time_left_after, Months::ratio(36, 5).unwrap());
    assert_eq!(out.time_left_after.to_decimal_string(), "7.2");
}

#[test]
fn r_pro_5_add_with_under_12_months_left_warns_and_names_the_extend_result() {
    let out = ok(add(100, "2027-05-20", 25, "2026-11-20"));
    assert_eq!(out.warnings.len(), 1);
    assert_eq!(out.warnings[0].code, WarningCode::ShortTerm);
    let text = &out.warnings[0].message;
    assert!(text.contains("7.2 months"), "{text}");
    // Extending instead: 2027-05-20 + 3 months.
    assert!(text.contains("2027-08-20"), "{text}");
}

#[test]
fn r_pro_5_add_with_12_months_or_more_left_does_not_warn() {
    let out = ok(add(10, "2028-01-20", 10, "2026-11-20"));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn r_pro_2_activate_new_on_leap_day_ends_on_feb_28() {
    let out = ok(activate(25, "2028-02-29"));
    assert_eq!((out.seats, out.end_date), (25, d("2029-02-28")));
    assert_eq!(out.time_left_after, Months::whole(12));
}

#[test]
fn r_pro_5_extend_and_add_need_an_active_subscription() {
    for req in [
        extend(10, "2026-11-20", 5, "2026-11-20"),
        add(10, "2026-01-01", 5, "2026-11-20"),
    ] {
        let err = plan(&req).unwrap_err();
        assert_eq!(err.error, PlanErrorCode::SubscriptionNotActive);
        assert!(err.message.contains("Activate a new subscription"));
    }
}

#[test]
fn r_pro_5_seats_must_be_whole_numbers_of_at_least_one() {
    for (a, k, code) in [
        (0, 5, PlanErrorCode::InvalidActiveSeats),
        (-3, 5, PlanErrorCode::InvalidActiveSeats),
        (10, 0, PlanErrorCode::InvalidKeySeats),
        (10, -1, PlanErrorCode::InvalidKeySeats),
        (MAX_SEATS + 1, 1, PlanErrorCode::InvalidActiveSeats),
        (10, i64::MAX, PlanErrorCode::InvalidKeySeats),
    ] {
        let err = plan(&add(a, "2027-05-20", k, "2026-11-20")).unwrap_err();
        assert_eq!(err.error, code, "A={a} K={k}");
    }
    let missing = PlanRequest {
        active_seats: None,
        ..extend(1, "2027-01-01", 1, "2026-11-20")
    };
    assert_eq!(
        plan(&missing).unwrap_err().error,
        PlanErrorCode::InvalidActiveSeats
    );
    let no_end = PlanRequest {
        end_date: None,
        ..extend(1, "2027-01-01", 1, "2026-11-20")
    };
    assert_eq!(
        plan(&no_end).unwrap_err().error,
        PlanErrorCode::MissingEndDate
    );
}

#[test]
fn dates_near_the_end_of_the_calendar_are_refused_not_panicked() {
    let err = plan(&activate(1, "9999-12-31")).unwrap_err();
    assert_eq!(err.error, PlanErrorCode::DateOutOfRange);
    let err = plan(&extend(1, "9999-12-31", 3, "9999-12-30")).unwrap_err();
    assert_eq!(err.error, PlanErrorCode::DateOutOfRange);
}

// --- Properties ---

fn any_date() -> impl Strategy<Value = NaiveDate> {
    let span = (MAX_DATE - MIN_DATE).num_days() as u64;
    (0..=span).prop_map(|n| MIN_DATE + Days::new(n))
}

/// Dates where a few years of planning stay well inside the supported range.
fn planning_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..40_000).prop_map(|n| d("1990-01-01") + Days::new(n))
}

fn seats() -> impl Strategy<Value = i64> {
    prop_oneof![1i64..=50, 1i64..=100_000, 1i64..=MAX_SEATS]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// R-PRO-1: add_months(a, months_between(a, b)) == b, for any two dates.
    #[test]
    fn prop_months_between_round_trips(a in any_date(), b in any_date()) {
        let m = months_between(a, b).unwrap();
        prop_assert_eq!(add_months(a, m), Ok(b));
    }

    /// R-PRO-6 (extend): A × months added = 12 × K exactly, and the new end date is the
    /// current end date moved by exactly that span (rounded to a day).
    #[test]
    fn prop_extend_conserves_seat_time(
        today in planning_date(), left_days in 1u64..1500, a in seats(), k in seats()
    ) {
        let end = today + Days::new(left_days);
        let req = PlanRequest { action: Action::ExtendEndDate, active_seats: Some(a),
            end_date: Some(end), key_seats: k, today };
        match plan(&req) {
            Ok(out) => {
                let added = out.months_added.unwrap();
                prop_assert_eq!(added.checked_mul_int(a.into()), Some(Months::whole(12 * k)));
                prop_assert_eq!(out.seats, a);
                assert_within_a_day(end, added, out.end_date)?;
            }
            Err(e) => {
                prop_assert_eq!(e.error, PlanErrorCode::ExtensionOver3Years);
                prop_assert!(k > 3 * a);
            }
        }
    }

    /// R-PRO-6 (add): (A + K) × new time left = A × B + 12 × K exactly; the date is within
    /// the rounding of one day.
    #[test]
    fn prop_add_conserves_seat_time(
        today in planning_date(), left_days in 1u64..1500, a in seats(), k in seats()
    ) {
        let end = today + Days::new(left_days);
        let req = PlanRequest { action: Action::AddLicenses, active_seats: Some(a),
            end_date: Some(end), key_seats: k, today };
        let out = plan(&req).unwrap();
        let b = months_between(today, end).unwrap();
        let lhs = out.time_left_after.checked_mul_int((a + k).into()).unwrap();
        let rhs = b.checked_mul_int(a.into()).unwrap()
            .checked_add(Months::whole(12 * k)).unwrap();
        prop_assert_eq!(lhs, rhs);
        prop_assert_eq!(out.seats, a + k);
        assert_within_a_day(today, out.time_left_after, out.end_date)?;
        prop_assert_eq!(out.warnings.is_empty(), out.time_left_after >= Months::whole(12));
    }

    /// Extend: more key licenses never give an earlier end date.
    #[test]
    fn prop_extend_more_key_seats_never_end_earlier(
        today in planning_date(), left_days in 1u64..1500, a in 1i64..500,
        k in 1i64..1500, more in 1i64..500
    ) {
        let end = today + Days::new(left_days);
        let req = |k| PlanRequest { action: Action::ExtendEndDate, active_seats: Some(a),
            end_date: Some(end), key_seats: k, today };
        if let (Ok(small), Ok(big)) = (plan(&req(k)), plan(&req(k + more))) {
            prop_assert!(big.end_date >= small.end_date);
        }
    }

    /// Add: the new term is an average of B and 12 months (R-PRO-4), so more key licenses
    /// move the end date monotonically towards today + 12 months: never earlier when under
    /// 12 months are left, never later when over 12 are left, and never past that point.
    #[test]
    fn prop_add_more_key_seats_move_monotonically_towards_the_key_term(
        today in planning_date(), left_days in 1u64..1500, a in 1i64..500,
        k in 1i64..1500, more in 1i64..500
    ) {
        let end = today + Days::new(left_days);
        let year = add_months(today, Months::whole(12)).unwrap();
        let req = |k| PlanRequest { action: Action::AddLicenses, active_seats: Some(a),
            end_date: Some(end), key_seats: k, today };
        let (small, big) = (plan(&req(k)).unwrap(), plan(&req(k + more)).unwrap());
        if end <= year {
            prop_assert!(small.end_date <= big.end_date && big.end_date <= year);
        } else {
            prop_assert!(small.end_date >= big.end_date && big.end_date >= year);
        }
    }

    /// No input makes the engine panic: it answers or refuses.
    #[test]
    fn prop_plan_never_panics(
        action in prop_oneof![Just(Action::ActivateNew), Just(Action::ExtendEndDate), Just(Action::AddLicenses)],
        a in proptest::option::of(any::<i64>()),
        end in proptest::option::of(any_date()),
        k in any::<i64>(),
        today in any_date(),
    ) {
        let _ = plan(&PlanRequest { action, active_seats: a, end_date: end, key_seats: k, today });
    }
}

/// `got` is `from + span` rounded: the exact point lies within half a day of it, so the
/// span from `from` to the day before is below it and the span to the day after is above.
fn assert_within_a_day(from: NaiveDate, span: Months, got: NaiveDate) -> Result<(), TestCaseError> {
    prop_assert_eq!(add_months(from, span), Ok(got));
    let before = months_between(from, got - Days::new(1)).unwrap();
    let after = months_between(from, got + Days::new(1)).unwrap();
    prop_assert!(
        before < span && span < after,
        "{} + {} → {}",
        from,
        span,
        got
    );
    Ok(())
}

#[test]
fn r_pro_5_the_extension_limit_is_three_years_after_the_current_end() {
    use benefits_core::proration::extension_limit;
    let end: chrono::NaiveDate = "2027-01-31".parse().unwrap();
    assert_eq!(extension_limit(end), "2030-01-31".parse().ok());
    // Month-end clamping, as every whole-month step (R-PRO-1).
    assert_eq!(
        extension_limit("2028-02-29".parse().unwrap()),
        "2031-02-28".parse().ok()
    );
    // Near the calendar's end there is no limit date, not a panic.
    assert_eq!(extension_limit("9998-06-30".parse().unwrap()), None);
}
