//! The time model (R-PRO-1): spans of time are exact rational numbers of months.
//!
//! Whole months are calendar months counted from an anchor date, clamped to the last day of
//! the month (Jan 31 + 1 month = Feb 28 or 29). A fraction of a month is spread linearly over
//! the days of the calendar month that follows the whole months. A computed date is rounded
//! to the nearest day, a tie going to the later day. [`months_between`] is the exact inverse
//! of [`add_months`]: `add_months(a, months_between(a, b)) == Ok(b)`.
//!
//! There is no floating point anywhere here: fractions are `i128` numerators and
//! denominators, always reduced, denominator positive.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;

/// The earliest date the engine works with.
pub const MIN_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => panic!("valid constant"),
};
/// The latest date the engine works with: dates are written with four-digit years.
pub const MAX_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => panic!("valid constant"),
};

/// A date computation left the supported range ([`MIN_DATE`]..=[`MAX_DATE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateOutOfRange;

impl fmt::Display for DateOutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the date falls outside {MIN_DATE} to {MAX_DATE}")
    }
}

/// An exact, signed, rational number of months.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Months {
    num: i128,
    den: i128,
}

/// `v` as 64 bits when it fits with room to negate (never `i64::MIN`).
fn small(v: i128) -> Option<i64> {
    i64::try_from(v).ok().filter(|&v| v != i64::MIN)
}

fn gcd64(mut x: u64, mut y: u64) -> u64 {
    while y != 0 {
        (x, y) = (y, x % y);
    }
    x
}

/// Greatest common divisor. The engine's fractions almost always fit in 64 bits, where the
/// hardware divides; 128-bit division is a slow software routine. `unsigned_abs` keeps
/// `i128::MIN` (reachable from a parsed months string) from overflowing.
fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
        return i128::from(gcd64(x, y));
    }
    while b != 0 {
        (a, b) = (b, a % b);
    }
    i128::try_from(a).unwrap_or(i128::MAX)
}

impl Months {
    pub const ZERO: Months = Months { num: 0, den: 1 };

    /// A whole number of months.
    pub const fn whole(n: i64) -> Months {
        Months {
            num: n as i128,
            den: 1,
        }
    }

    /// `num / den` months, reduced. `None` when `den` is zero.
    pub fn ratio(num: i128, den: i128) -> Option<Months> {
        if den == 0 {
            return None;
        }
        // The engine's spans fit in 64 bits (months × seats); 64-bit division is one
        // instruction where 128-bit division is a software routine.
        if let (Some(n), Some(d)) = (small(num), small(den)) {
            let g = gcd64(n.unsigned_abs(), d.unsigned_abs()).max(1) as i64;
            let (n, d) = (n / g, d / g);
            let (n, d) = if d < 0 { (-n, -d) } else { (n, d) };
            return Some(Months {
                num: n.into(),
                den: d.into(),
            });
        }
        let g = gcd(num, den).max(1);
        let sign = if den < 0 { -1 } else { 1 };
        Some(Months {
            num: (num / g).checked_mul(sign)?,
            den: (den / g).checked_mul(sign)?,
        })
    }

    pub fn numerator(self) -> i128 {
        self.num
    }

    pub fn denominator(self) -> i128 {
        self.den
    }

    /// The largest whole number of months not above this span.
    pub fn floor(self) -> i128 {
        match (small(self.num), small(self.den)) {
            (Some(n), Some(d)) => n.div_euclid(d).into(),
            _ => self.num.div_euclid(self.den),
        }
    }

    pub fn is_whole(self) -> bool {
        self.den == 1
    }

    pub fn checked_add(self, other: Months) -> Option<Months> {
        if let (Some(a), Some(b), Some(c), Some(d)) = (
            small(self.num),
            small(self.den),
            small(other.num),
            small(other.den),
        ) {
            // Products of 64-bit values cannot overflow 128 bits, nor can their sum.
            let (a, b, c, d) = (i128::from(a), i128::from(b), i128::from(c), i128::from(d));
            return Months::ratio(a * d + c * b, b * d);
        }
        let num = self
            .num
            .checked_mul(other.den)?
            .checked_add(other.num.checked_mul(self.den)?)?;
        Months::ratio(num, self.den.checked_mul(other.den)?)
    }

    pub fn checked_sub(self, other: Months) -> Option<Months> {
        self.checked_add(Months {
            num: other.num.checked_neg()?,
            den: other.den,
        })
    }

    /// This span multiplied by a whole number.
    pub fn checked_mul_int(self, k: i128) -> Option<Months> {
        Months::ratio(self.num.checked_mul(k)?, self.den)
    }

    /// This span divided by a whole number (`None` for zero).
    pub fn checked_div_int(self, k: i128) -> Option<Months> {
        Months::ratio(self.num, self.den.checked_mul(k)?)
    }

    /// Tenths of a month, rounded half away from zero: for display only ("7.2 months").
    pub fn tenths(self) -> i128 {
        if let (Some(scaled), Some(den)) = (
            small(self.num).and_then(|n| n.checked_mul(10)),
            small(self.den),
        ) {
            let (q, r) = (scaled.div_euclid(den), scaled.rem_euclid(den));
            return i128::from(if r * 2 >= den { q + 1 } else { q });
        }
        let scaled = self.num * 10;
        let q = scaled.div_euclid(self.den);
        let r = scaled.rem_euclid(self.den);
        if r * 2 >= self.den {
            q + 1
        } else {
            q
        }
    }

    /// A person's reading of the span: "3", "7.2", "-1.5" (months, to a tenth).
    pub fn to_decimal_string(self) -> String {
        let t = self.tenths();
        let sign = if t < 0 { "-" } else { "" };
        let t = t.unsigned_abs();
        // Printing a 128-bit number is slow; every span a person reads fits in 64 bits.
        if let Ok(t) = u64::try_from(t) {
            return if t % 10 == 0 {
                format!("{sign}{}", t / 10)
            } else {
                format!("{sign}{}.{}", t / 10, t % 10)
            };
        }
        if t % 10 == 0 {
            format!("{sign}{}", t / 10)
        } else {
            format!("{sign}{}.{}", t / 10, t % 10)
        }
    }
}

impl Ord for Months {
    fn cmp(&self, other: &Self) -> Ordering {
        // Denominators are positive, so cross-multiplication keeps the order. Values the
        // engine makes are far below the overflow range; saturate to stay total anyway.
        let l = self.num.saturating_mul(other.den);
        let r = other.num.saturating_mul(self.den);
        l.cmp(&r)
    }
}

impl PartialOrd for Months {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Exact form: "3", "36/5", "-1/2". This is also the serialised form.
impl fmt::Display for Months {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            write!(f, "{}/{}", self.num, self.den)
        }
    }
}

impl fmt::Debug for Months {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Months({self})")
    }
}

impl std::str::FromStr for Months {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("\"{s}\" is not a number of months such as \"3\" or \"36/5\"");
        let (n, d) = match s.split_once('/') {
            Some((n, d)) => (n.trim(), d.trim()),
            None => (s.trim(), "1"),
        };
        let n: i128 = n.parse().map_err(|_| bad())?;
        let d: i128 = d.parse().map_err(|_| bad())?;
        Months::ratio(n, d).ok_or_else(bad)
    }
}

impl Serialize for Months {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Months {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

fn in_range(d: NaiveDate) -> Result<NaiveDate, DateOutOfRange> {
    if (MIN_DATE..=MAX_DATE).contains(&d) {
        Ok(d)
    } else {
        Err(DateOutOfRange)
    }
}

/// Days in a month of the proleptic Gregorian calendar (chrono's).
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// `anchor` moved by `n` whole calendar months, clamped to the end of the target month.
pub fn add_whole_months(anchor: NaiveDate, n: i128) -> Result<NaiveDate, DateOutOfRange> {
    let index = i128::from(anchor.year()) * 12 + i128::from(anchor.month0());
    let target = index.checked_add(n).ok_or(DateOutOfRange)?;
    let year = i32::try_from(target.div_euclid(12)).map_err(|_| DateOutOfRange)?;
    if !(MIN_DATE.year()..=MAX_DATE.year()).contains(&year) {
        return Err(DateOutOfRange);
    }
    let month = target.rem_euclid(12) as u32 + 1;
    let day = anchor.day().min(days_in_month(year, month));
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateOutOfRange)
}

/// `anchor` moved by an exact rational number of months (R-PRO-1), rounded to the nearest
/// day with a tie going to the later day.
pub fn add_months(anchor: NaiveDate, months: Months) -> Result<NaiveDate, DateOutOfRange> {
    in_range(anchor)?;
    let whole = months.floor();
    // The whole months may land one month outside the supported range when the fraction
    // brings the date back in (from 2024-12-07, 25/31 of a month after 1899-12-07 is
    // 1900-01-01): only the result is checked.
    let start = add_whole_months_unbounded(anchor, whole).ok_or(DateOutOfRange)?;
    if months.is_whole() {
        return in_range(start);
    }
    // The fraction is spread over the days of the next calendar month after the whole ones.
    // The month after the last supported one is still a valid chrono date, so use it.
    let next = add_whole_months_unbounded(anchor, whole + 1).ok_or(DateOutOfRange)?;
    let span_days = i128::from((next - start).num_days());
    let frac_num = months.num - whole * months.den; // 0 < frac_num < den
                                                    // round(frac * span) with ties up: floor((2·frac_num·span + den) / (2·den)).
    let days = match (small(frac_num), small(months.den)) {
        // 0 < f < d < 2^56 and span_days ≤ 31: everything fits in 64 bits.
        (Some(f), Some(d)) if d < (1 << 56) => {
            let span = span_days as i64;
            (2 * f * span + d) / (2 * d)
        }
        _ => i64::try_from((2 * frac_num * span_days + months.den).div_euclid(2 * months.den))
            .map_err(|_| DateOutOfRange)?,
    };
    in_range(
        start
            .checked_add_signed(chrono::TimeDelta::days(days))
            .ok_or(DateOutOfRange)?,
    )
}

/// Like [`add_whole_months`] but allowed one month beyond the supported range, so that the
/// length of the last supported month can still be measured.
fn add_whole_months_unbounded(anchor: NaiveDate, n: i128) -> Option<NaiveDate> {
    let index = i128::from(anchor.year()) * 12 + i128::from(anchor.month0());
    let target = index.checked_add(n)?;
    let year = i32::try_from(target.div_euclid(12)).ok()?;
    let month = target.rem_euclid(12) as u32 + 1;
    let day = anchor.day().min(days_in_month(year, month));
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The exact number of months from `a` to `b` (negative when `b` is before `a`): the
/// inverse of [`add_months`].
pub fn months_between(a: NaiveDate, b: NaiveDate) -> Result<Months, DateOutOfRange> {
    in_range(a)?;
    in_range(b)?;
    // A first guess from the calendar, then step until add_whole(a, w) <= b < add_whole(a, w+1).
    let mut w = (i128::from(b.year()) - i128::from(a.year())) * 12 + i128::from(b.month0())
        - i128::from(a.month0());
    let start_of = |w: i128| add_whole_months_unbounded(a, w).ok_or(DateOutOfRange);
    while start_of(w)? > b {
        w -= 1;
    }
    while start_of(w + 1)? <= b {
        w += 1;
    }
    let start = start_of(w)?;
    let span = i128::from((start_of(w + 1)? - start).num_days());
    let into = i128::from((b - start).num_days());
    Months::ratio(w * span + into, span).ok_or(DateOutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The 64-bit fast paths against plain 128-bit arithmetic.
    fn reference_ratio(num: i128, den: i128) -> (i128, i128) {
        let mut g = gcd(num, den).max(1);
        if den < 0 {
            g = -g;
        }
        (num / g, den / g)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn fast_paths_agree_with_128_bit_arithmetic(
            a in -(1i64 << 40)..(1i64 << 40),
            b in 1i64..(1i64 << 40),
            c in -(1i64 << 40)..(1i64 << 40),
            e in 1i64..(1i64 << 40),
        ) {
            let x = Months::ratio(a.into(), b.into()).unwrap();
            prop_assert_eq!((x.num, x.den), reference_ratio(a.into(), b.into()));
            let y = Months::ratio(c.into(), e.into()).unwrap();
            let sum = x.checked_add(y).unwrap();
            let wide = reference_ratio(x.num * y.den + y.num * x.den, x.den * y.den);
            prop_assert_eq!((sum.num, sum.den), wide);
            prop_assert_eq!(x.floor(), x.num.div_euclid(x.den));
            let (q, r) = ((x.num * 10).div_euclid(x.den), (x.num * 10).rem_euclid(x.den));
            prop_assert_eq!(x.tenths(), if r * 2 >= x.den { q + 1 } else { q });
        }
    }

    #[test]
    fn days_in_month_agrees_with_chrono() {
        for year in [1, 4, 100, 400, 1900, 2000, 2023, 2024, 2100, 9996, 9999] {
            for month in 1..=12 {
                let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap();
                let next = first.checked_add_months(chrono::Months::new(1)).unwrap();
                assert_eq!(
                    i64::from(days_in_month(year, month)),
                    (next - first).num_days(),
                    "{year}-{month}"
                );
            }
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn whole_months_clamp_to_month_end() {
        assert_eq!(
            add_months(d("2027-01-31"), Months::whole(1)),
            Ok(d("2027-02-28"))
        );
        assert_eq!(
            add_months(d("2028-01-31"), Months::whole(1)),
            Ok(d("2028-02-29"))
        );
        assert_eq!(
            add_months(d("2027-01-31"), Months::whole(3)),
            Ok(d("2027-04-30"))
        );
        assert_eq!(
            add_months(d("2028-02-29"), Months::whole(12)),
            Ok(d("2029-02-28"))
        );
        assert_eq!(
            add_months(d("2027-03-31"), Months::whole(-1)),
            Ok(d("2027-02-28"))
        );
    }

    #[test]
    fn fraction_is_spread_over_the_next_month() {
        // 2027-06-20 → 2027-07-20 is 30 days; 0.2 × 30 = 6 days.
        let m = Months::ratio(36, 5).unwrap();
        assert_eq!(add_months(d("2026-11-20"), m), Ok(d("2027-06-26")));
        // February 2027 has 28 days from 01-31→02-28... half of 28 days is 14.
        let half = Months::ratio(1, 2).unwrap();
        assert_eq!(add_months(d("2027-02-01"), half), Ok(d("2027-02-15")));
    }

    #[test]
    fn rounding_tie_goes_to_the_later_day() {
        // 2027-01-01 → 2027-02-01 is 31 days; half of 31 = 15.5 → 16.
        let half = Months::ratio(1, 2).unwrap();
        assert_eq!(add_months(d("2027-01-01"), half), Ok(d("2027-01-17")));
        // A third of 31 days = 10.33 → 10.
        let third = Months::ratio(1, 3).unwrap();
        assert_eq!(add_months(d("2027-01-01"), third), Ok(d("2027-01-11")));
    }

    #[test]
    fn months_between_inverts_add_months() {
        let a = d("2026-11-20");
        for b in [
            "2027-05-20",
            "2027-06-26",
            "2026-11-20",
            "2025-02-28",
            "2030-12-31",
        ] {
            let m = months_between(a, d(b)).unwrap();
            assert_eq!(add_months(a, m), Ok(d(b)), "{b}: {m}");
        }
        assert_eq!(months_between(a, d("2027-05-20")), Ok(Months::whole(6)));
        // Found by the property test: the whole months fall in December 1899, the fraction
        // brings the date back to the first supported day.
        let a = d("2024-12-07");
        let m = months_between(a, MIN_DATE).unwrap();
        assert_eq!(add_months(a, m), Ok(MIN_DATE));
        let a_day_less = m.checked_sub(Months::ratio(1, 31).unwrap()).unwrap();
        assert_eq!(add_months(a, a_day_less), Err(DateOutOfRange));
    }

    #[test]
    fn out_of_range_is_an_error_not_a_panic() {
        assert_eq!(
            add_months(d("9999-12-31"), Months::whole(1)),
            Err(DateOutOfRange)
        );
        assert_eq!(
            add_months(d("9999-12-01"), Months::ratio(1, 2).unwrap()),
            Ok(d("9999-12-17"))
        );
        assert_eq!(
            add_months(d("9999-12-31"), Months::ratio(1, 2).unwrap()),
            Err(DateOutOfRange)
        );
        assert_eq!(
            add_months(d("2000-01-01"), Months::whole(i64::MAX)),
            Err(DateOutOfRange)
        );
        assert!(months_between(d("1900-01-01"), d("9999-12-31")).is_ok());
    }

    #[test]
    fn months_parse_and_print_exactly() {
        let m: Months = "36/5".parse().unwrap();
        assert_eq!(m, Months::ratio(72, 10).unwrap());
        assert_eq!(m.to_string(), "36/5");
        assert_eq!(m.to_decimal_string(), "7.2");
        assert_eq!(Months::whole(3).to_string(), "3");
        assert!("1/0".parse::<Months>().is_err());
        assert!("abc".parse::<Months>().is_err());
        // The most negative number cannot be negated: refused, never a panic.
        assert!(format!("{}", i128::MIN).parse::<Months>().is_ok());
        assert!(format!("1/{}", i128::MIN).parse::<Months>().is_err());
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"36/5\"");
    }
}

/// A date as a person reads it in English: "30 April 2027" (the engine's sentences that the
/// app shows as they are, such as the bulk planner's explanations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LongDate(pub NaiveDate);

impl std::fmt::Display for LongDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let d = self.0;
        write!(
            f,
            "{} {} {}",
            d.day(),
            MONTHS[d.month0() as usize],
            d.year()
        )
    }
}
