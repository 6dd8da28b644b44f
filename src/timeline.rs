//! Geometry of the key planner's timeline picture: where each date sits on a horizontal axis.
//!
//! Pure arithmetic on dates the engine already computed; the component only draws what this
//! returns. Each mark gets its own row under the axis (in date order, so the rows read as a
//! staircase from left to right), which keeps labels from ever overlapping, and its label is
//! anchored on the side of the mark that has room.

use chrono::{Datelike, NaiveDate};

/// What the timeline shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineInput {
    /// The redemption day.
    pub today: NaiveDate,
    pub current_end: NaiveDate,
    /// New end date if the key extends the end date (absent when refused).
    pub extend_end: Option<NaiveDate>,
    /// New end date if the key adds licenses (absent when refused).
    pub add_end: Option<NaiveDate>,
    /// The furthest an end date may be extended: current end + 36 months.
    pub limit: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkKind {
    Today,
    CurrentEnd,
    ExtendEnd,
    AddEnd,
    Limit,
}

impl MarkKind {
    /// The style class of the mark (its colour).
    pub fn class(self) -> &'static str {
        match self {
            MarkKind::Today => "mark-today",
            MarkKind::CurrentEnd => "mark-current",
            MarkKind::ExtendEnd => "mark-extend",
            MarkKind::AddEnd => "mark-add",
            MarkKind::Limit => "mark-limit",
        }
    }
}

/// Which side of its mark a label sits on (SVG `text-anchor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Text starts at the label point and runs right.
    Start,
    /// Text ends at the label point (runs left).
    End,
}

impl Anchor {
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::End => "end",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    pub kind: MarkKind,
    pub date: NaiveDate,
    /// Horizontal position of the date on the axis.
    pub x: f64,
    /// Baseline of the label's first line; the tick runs from the axis down to here.
    pub row_y: f64,
    pub label_x: f64,
    pub anchor: Anchor,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearTick {
    pub year: i32,
    pub x: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineGeometry {
    pub width: f64,
    pub height: f64,
    pub axis_y: f64,
    /// Left and right ends of the axis.
    pub left: f64,
    pub right: f64,
    /// Marks in date order.
    pub marks: Vec<Mark>,
    /// 1 January of the years inside the range (thinned out when there are many).
    pub years: Vec<YearTick>,
    /// The current term, redemption day to current end (when the end is later).
    pub term: Option<(f64, f64)>,
    /// Where an extended end date may fall: current end to the 3-year limit.
    pub allowance: Option<(f64, f64)>,
}

/// Space kept at each side of the axis.
pub const SIDE: f64 = 16.0;
/// Vertical position of the axis.
pub const AXIS_Y: f64 = 34.0;
/// Baseline of the first mark's label.
pub const FIRST_ROW_Y: f64 = 62.0;
/// Height of one mark's row: a name line and a date line.
pub const ROW_HEIGHT: f64 = 36.0;
/// Offset of the second label line (the date) below the first.
pub const LINE_GAP: f64 = 15.0;
/// Gap between a mark's tick and its label.
const LABEL_GAP: f64 = 6.0;
/// Least horizontal room per year label.
const YEAR_ROOM: f64 = 44.0;

/// Places every date of `input` on an axis `width` units wide.
pub fn layout(input: &TimelineInput, width: f64) -> TimelineGeometry {
    let mut dated: Vec<(MarkKind, NaiveDate)> = [
        Some((MarkKind::Today, input.today)),
        Some((MarkKind::CurrentEnd, input.current_end)),
        input.extend_end.map(|d| (MarkKind::ExtendEnd, d)),
        input.add_end.map(|d| (MarkKind::AddEnd, d)),
        input.limit.map(|d| (MarkKind::Limit, d)),
    ]
    .into_iter()
    .flatten()
    .collect();
    // Stable: marks on the same day keep the order above.
    dated.sort_by_key(|&(_, date)| date);

    let first = dated.iter().map(|m| m.1).min().unwrap_or(input.today);
    let last = dated.iter().map(|m| m.1).max().unwrap_or(input.today);
    let span_days = (last - first).num_days().max(1) as f64;
    let left = SIDE;
    let right = (width - SIDE).max(left + 1.0);
    let x_of =
        |date: NaiveDate| left + (date - first).num_days() as f64 / span_days * (right - left);
    let middle = (left + right) / 2.0;

    let marks: Vec<Mark> = dated
        .iter()
        .enumerate()
        .map(|(row, &(kind, date))| {
            let x = x_of(date);
            let anchor = if x <= middle {
                Anchor::Start
            } else {
                Anchor::End
            };
            let label_x = match anchor {
                Anchor::Start => x + LABEL_GAP,
                Anchor::End => x - LABEL_GAP,
            };
            Mark {
                kind,
                date,
                x,
                row_y: FIRST_ROW_Y + row as f64 * ROW_HEIGHT,
                label_x,
                anchor,
            }
        })
        .collect();

    let all_years: Vec<i32> = (first.year() + 1..=last.year()).collect();
    let room = ((right - left) / YEAR_ROOM).floor().max(1.0) as usize;
    let step = all_years.len().div_ceil(room).max(1) as i32;
    let years = all_years
        .into_iter()
        .filter(|y| y % step == 0)
        .filter_map(|year| {
            NaiveDate::from_ymd_opt(year, 1, 1).map(|d| YearTick { year, x: x_of(d) })
        })
        .collect();

    let range = |from: NaiveDate, to: NaiveDate| (to > from).then(|| (x_of(from), x_of(to)));
    let rows = marks.len().max(1) as f64;
    TimelineGeometry {
        width,
        height: FIRST_ROW_Y + (rows - 1.0) * ROW_HEIGHT + LINE_GAP + 12.0,
        axis_y: AXIS_Y,
        left,
        right,
        marks,
        years,
        term: range(input.today, input.current_end),
        allowance: input
            .limit
            .and_then(|limit| range(input.current_end, limit)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn spec_example() -> TimelineInput {
        TimelineInput {
            today: d("2026-11-20"),
            current_end: d("2027-01-31"),
            extend_end: Some(d("2027-04-30")),
            add_end: Some(d("2027-09-07")),
            limit: Some(d("2030-01-31")),
        }
    }

    #[test]
    fn marks_run_left_to_right_in_date_order_one_row_each() {
        let g = layout(&spec_example(), 640.0);
        let kinds: Vec<MarkKind> = g.marks.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [
                MarkKind::Today,
                MarkKind::CurrentEnd,
                MarkKind::ExtendEnd,
                MarkKind::AddEnd,
                MarkKind::Limit
            ]
        );
        for pair in g.marks.windows(2) {
            assert!(pair[0].x < pair[1].x);
            assert!(pair[0].row_y < pair[1].row_y);
        }
        assert_eq!(g.marks[0].x, g.left);
        assert_eq!(g.marks[4].x, g.right);
        assert!(g.height >= g.marks[4].row_y + LINE_GAP);
    }

    #[test]
    fn positions_are_proportional_to_days() {
        let g = layout(&spec_example(), 640.0);
        let total = (d("2030-01-31") - d("2026-11-20")).num_days() as f64;
        let to_end = (d("2027-01-31") - d("2026-11-20")).num_days() as f64;
        let expected = g.left + to_end / total * (g.right - g.left);
        assert!((g.marks[1].x - expected).abs() < 1e-9);
    }

    #[test]
    fn labels_face_the_side_with_room() {
        for width in [320.0, 640.0] {
            let g = layout(&spec_example(), width);
            for m in &g.marks {
                let middle = width / 2.0;
                match m.anchor {
                    Anchor::Start => assert!(m.x <= middle && m.label_x > m.x),
                    Anchor::End => assert!(m.x > middle && m.label_x < m.x),
                }
                // Half the width is always free on the label's side.
                assert!(m.label_x >= 0.0 && m.label_x <= width);
            }
        }
    }

    #[test]
    fn bands_show_the_term_and_the_extension_allowance() {
        let g = layout(&spec_example(), 640.0);
        let (a, b) = g.term.unwrap();
        assert_eq!(a, g.marks[0].x);
        assert_eq!(b, g.marks[1].x);
        let (c, e) = g.allowance.unwrap();
        assert_eq!(c, g.marks[1].x);
        assert_eq!(e, g.right);
    }

    #[test]
    fn year_ticks_fall_inside_and_thin_out_over_long_ranges() {
        let g = layout(&spec_example(), 640.0);
        let years: Vec<i32> = g.years.iter().map(|y| y.year).collect();
        assert_eq!(years, [2027, 2028, 2029, 2030]);
        assert!(g.years.iter().all(|y| y.x >= g.left && y.x <= g.right));

        let long = TimelineInput {
            today: d("1990-01-01"),
            ..spec_example()
        };
        let g = layout(&long, 320.0);
        assert!(!g.years.is_empty());
        assert!(g.years.len() as f64 <= (g.right - g.left) / YEAR_ROOM);
        for pair in g.years.windows(2) {
            assert!(pair[1].x - pair[0].x >= YEAR_ROOM * 0.9);
        }
    }

    #[test]
    fn refused_outcomes_and_an_ended_subscription_still_draw() {
        let input = TimelineInput {
            today: d("2026-11-20"),
            current_end: d("2026-10-01"),
            extend_end: None,
            add_end: None,
            limit: Some(d("2029-10-01")),
        };
        let g = layout(&input, 320.0);
        assert_eq!(g.marks.len(), 3);
        assert_eq!(g.marks[0].kind, MarkKind::CurrentEnd);
        assert_eq!(g.term, None);
    }

    #[test]
    fn one_single_day_does_not_divide_by_zero() {
        let day = d("2027-01-31");
        let input = TimelineInput {
            today: day,
            current_end: day,
            extend_end: Some(day),
            add_end: None,
            limit: None,
        };
        let g = layout(&input, 640.0);
        assert!(g.marks.iter().all(|m| m.x.is_finite() && m.x == g.left));
        assert!(g.years.is_empty());
    }
}
