//! Geometry of the key planner's timeline picture: where each date sits on a horizontal axis.
//!
//! Pure arithmetic on dates the engine already computed; the component only draws what this
//! returns. Each mark hangs from the axis on a tick, its label (name, then date) at the
//! tick's foot; labels go in rows under the axis so that no two labels overlap and no tick
//! runs through a label.

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
    fn flip(self) -> Anchor {
        match self {
            Anchor::Start => Anchor::End,
            Anchor::End => Anchor::Start,
        }
    }

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

/// Average width of one label character (13 px semibold names, 12 px dates), with room to
/// spare: an estimate is all the layout needs, since labels keep a gap between them.
pub const CHAR_WIDTH: f64 = 7.4;
/// Least gap between two labels of a row.
const CLEARANCE: f64 = 8.0;
/// Least gap between a label and another mark's tick.
const TICK_CLEARANCE: f64 = 2.0;

/// The timeline's width for a window `window_px` wide: the picture is drawn at the size it
/// is shown, so its text stays legible on a phone and uses the room on a desktop.
pub fn width_for_window(window_px: f64) -> f64 {
    if window_px < 600.0 {
        320.0
    } else if window_px < 1200.0 {
        640.0
    } else {
        860.0
    }
}

/// Where a label `label` wide would run, for a mark at `x`.
fn label_span(x: f64, label: f64, anchor: Anchor) -> (f64, f64) {
    match anchor {
        Anchor::Start => (x + LABEL_GAP, x + LABEL_GAP + label),
        Anchor::End => (x - LABEL_GAP - label, x - LABEL_GAP),
    }
}

/// A mark being placed: where its label would go.
#[derive(Debug, Clone, Copy)]
struct Placed {
    x: f64,
    row: usize,
    from: f64,
    to: f64,
    anchor: Anchor,
    /// The label faces away from the middle (allowed, but the layout prefers not to).
    outward: bool,
}

impl Placed {
    /// True when this label, in its row, and `other`, in its row, leave each other room.
    fn clear_of(&self, other: &Placed) -> bool {
        let crosses = |x: f64, p: &Placed| x > p.from - TICK_CLEARANCE && x < p.to + TICK_CLEARANCE;
        if self.row == other.row {
            self.to + CLEARANCE <= other.from || other.to + CLEARANCE <= self.from
        } else if self.row < other.row {
            // `other`'s tick runs down through this row.
            !crosses(other.x, self)
        } else {
            !crosses(self.x, other)
        }
    }
}

/// The best placement found so far: fewest rows, then fewest labels facing outward.
struct Search<'a> {
    options: &'a [Vec<Placed>],
    chosen: Vec<Placed>,
    best: Option<(usize, usize, Vec<Placed>)>,
}

impl Search<'_> {
    fn run(&mut self, depth: usize) {
        let rows = self.chosen.iter().map(|p| p.row + 1).max().unwrap_or(0);
        let outward = self.chosen.iter().filter(|p| p.outward).count();
        if let Some((best_rows, best_outward, _)) = &self.best {
            if (rows, outward) >= (*best_rows, *best_outward) {
                return;
            }
        }
        let Some(options) = self.options.get(depth) else {
            self.best = Some((rows, outward, self.chosen.clone()));
            return;
        };
        for option in options {
            if self.chosen.iter().all(|p| option.clear_of(p)) {
                self.chosen.push(*option);
                self.run(depth + 1);
                self.chosen.pop();
            }
        }
    }
}

/// Places every date of `input` on an axis `width` units wide. `label_chars` gives the
/// length, in characters, of the longest line of a mark's label (its name or its date).
///
/// Each label takes a row under the axis and a side of its mark, so that no two labels of a
/// row overlap and no tick runs through a label of a row it passes. Of all such layouts
/// (at most five marks: a small search), the one with the fewest rows wins, then the one
/// with the fewest labels facing away from the middle.
pub fn layout(
    input: &TimelineInput,
    width: f64,
    label_chars: impl Fn(MarkKind, NaiveDate) -> usize,
) -> TimelineGeometry {
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

    // Placement order: nearest the middle first (ties: earlier date first).
    let mut order: Vec<usize> = (0..dated.len()).collect();
    order.sort_by(|&a, &b| {
        let da = (x_of(dated[a].1) - middle).abs();
        let db = (x_of(dated[b].1) - middle).abs();
        da.total_cmp(&db).then(a.cmp(&b))
    });
    // Every row and side each mark's label could take, best first.
    let options: Vec<Vec<Placed>> = order
        .iter()
        .map(|&i| {
            let (kind, date) = dated[i];
            let x = x_of(date);
            let label = label_chars(kind, date) as f64 * CHAR_WIDTH;
            let facing_middle = if x <= middle {
                Anchor::Start
            } else {
                Anchor::End
            };
            let mut sides: Vec<(Anchor, bool)> =
                [(facing_middle, false), (facing_middle.flip(), true)]
                    .into_iter()
                    .filter(|&(anchor, _)| {
                        let (from, to) = label_span(x, label, anchor);
                        from >= 0.0 && to <= width
                    })
                    .collect();
            if sides.is_empty() {
                // Wider than the picture: it still gets a row, facing the middle.
                sides.push((facing_middle, false));
            }
            (0..dated.len())
                .flat_map(|row| {
                    sides.iter().map(move |&(anchor, outward)| {
                        let (from, to) = label_span(x, label, anchor);
                        Placed {
                            x,
                            row,
                            from,
                            to,
                            anchor,
                            outward,
                        }
                    })
                })
                .collect()
        })
        .collect();
    let mut search = Search {
        options: &options,
        chosen: Vec::new(),
        best: None,
    };
    search.run(0);
    let chosen = match search.best {
        Some((_, _, chosen)) => chosen,
        // Too crowded to keep every tick clear: one row per mark, nearest the middle first.
        None => options
            .iter()
            .enumerate()
            .map(|(row, opts)| {
                opts.iter()
                    .find(|p| p.row == row)
                    .copied()
                    .unwrap_or(opts[0])
            })
            .collect(),
    };
    let mut placed: Vec<Option<Placed>> = vec![None; dated.len()];
    for (&i, p) in order.iter().zip(chosen) {
        placed[i] = Some(p);
    }

    let marks: Vec<Mark> = dated
        .iter()
        .zip(&placed)
        .filter_map(|(&(kind, date), p)| {
            let p = (*p)?;
            let anchor = p.anchor;
            Some(Mark {
                kind,
                date,
                x: p.x,
                row_y: FIRST_ROW_Y + p.row as f64 * ROW_HEIGHT,
                label_x: match anchor {
                    Anchor::Start => p.from,
                    Anchor::End => p.to,
                },
                anchor,
            })
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
    let deepest = marks.iter().map(|m| m.row_y).fold(FIRST_ROW_Y, f64::max);
    TimelineGeometry {
        width,
        height: deepest + LINE_GAP + 12.0,
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

    /// The label lengths the page uses: "Redemption date" / "20 Nov 2026" and so on.
    fn chars(kind: MarkKind, _: NaiveDate) -> usize {
        match kind {
            MarkKind::Today => 15,
            MarkKind::CurrentEnd => 11,
            MarkKind::ExtendEnd => 11,
            MarkKind::AddEnd => 12,
            MarkKind::Limit => 12,
        }
    }

    fn spec_example() -> TimelineInput {
        TimelineInput {
            today: d("2026-11-20"),
            current_end: d("2027-01-31"),
            extend_end: Some(d("2027-04-30")),
            add_end: Some(d("2027-03-29")),
            limit: Some(d("2030-01-31")),
        }
    }

    fn extent(m: &Mark) -> (f64, f64) {
        let w = chars(m.kind, m.date) as f64 * CHAR_WIDTH;
        match m.anchor {
            Anchor::Start => (m.label_x, m.label_x + w),
            Anchor::End => (m.label_x - w, m.label_x),
        }
    }

    /// No two labels of a row overlap, no tick runs through a label, every label is inside.
    fn assert_readable(g: &TimelineGeometry) {
        for (i, a) in g.marks.iter().enumerate() {
            let (from, to) = extent(a);
            assert!(from >= 0.0 && to <= g.width, "{a:?} outside 0..{}", g.width);
            match a.anchor {
                Anchor::Start => assert!(a.label_x > a.x),
                Anchor::End => assert!(a.label_x < a.x),
            }
            for (j, b) in g.marks.iter().enumerate() {
                if i == j {
                    continue;
                }
                let (bf, bt) = extent(b);
                if a.row_y == b.row_y {
                    assert!(to <= bf || bt <= from, "{a:?} overlaps {b:?}");
                } else if a.row_y < b.row_y {
                    assert!(
                        b.x <= from - 1.0 || b.x >= to + 1.0,
                        "tick of {b:?} crosses {a:?}"
                    );
                }
            }
        }
        let deepest = g.marks.iter().map(|m| m.row_y).fold(0.0, f64::max);
        assert!(g.height >= deepest + LINE_GAP);
    }

    #[test]
    fn marks_come_in_date_order_on_a_readable_picture() {
        for width in [320.0, 640.0, 860.0] {
            let g = layout(&spec_example(), width, chars);
            let kinds: Vec<MarkKind> = g.marks.iter().map(|m| m.kind).collect();
            assert_eq!(
                kinds,
                [
                    MarkKind::Today,
                    MarkKind::CurrentEnd,
                    MarkKind::AddEnd,
                    MarkKind::ExtendEnd,
                    MarkKind::Limit
                ]
            );
            assert!(g.marks.windows(2).all(|p| p[0].x < p[1].x));
            assert_eq!(g.marks[0].x, g.left);
            assert_eq!(g.marks[4].x, g.right);
            assert_readable(&g);
        }
    }

    #[test]
    fn marks_far_apart_share_the_first_row() {
        let g = layout(&spec_example(), 640.0, chars);
        let limit = g.marks.iter().find(|m| m.kind == MarkKind::Limit).unwrap();
        assert_eq!(limit.row_y, FIRST_ROW_Y);
        assert_eq!(limit.anchor, Anchor::End);
        let rows: std::collections::BTreeSet<i64> =
            g.marks.iter().map(|m| m.row_y as i64).collect();
        assert!(rows.len() < g.marks.len(), "{rows:?}");
    }

    #[test]
    fn many_shapes_of_plan_stay_readable() {
        let ends = [
            "2026-11-21",
            "2027-01-31",
            "2027-05-20",
            "2028-11-20",
            "2026-10-01",
        ];
        for end in ends {
            for (extend, add) in [
                (Some("2027-04-30"), Some("2027-03-29")),
                (None, Some("2027-06-26")),
                (Some("2029-07-15"), None),
                (Some("2027-01-31"), Some("2027-01-31")),
                (None, None),
            ] {
                let end = d(end);
                let input = TimelineInput {
                    today: d("2026-11-20"),
                    current_end: end,
                    extend_end: extend.map(d),
                    add_end: add.map(d),
                    limit: Some(end + chrono::Months::new(36)),
                };
                for width in [320.0, 640.0, 860.0] {
                    assert_readable(&layout(&input, width, chars));
                }
            }
        }
    }

    #[test]
    fn positions_are_proportional_to_days() {
        let g = layout(&spec_example(), 640.0, chars);
        let total = (d("2030-01-31") - d("2026-11-20")).num_days() as f64;
        let to_end = (d("2027-01-31") - d("2026-11-20")).num_days() as f64;
        let expected = g.left + to_end / total * (g.right - g.left);
        assert!((g.marks[1].x - expected).abs() < 1e-9);
    }

    #[test]
    fn bands_show_the_term_and_the_extension_allowance() {
        let g = layout(&spec_example(), 640.0, chars);
        let (a, b) = g.term.unwrap();
        assert_eq!(a, g.marks[0].x);
        assert_eq!(b, g.marks[1].x);
        let (c, e) = g.allowance.unwrap();
        assert_eq!(c, g.marks[1].x);
        assert_eq!(e, g.right);
    }

    #[test]
    fn year_ticks_fall_inside_and_thin_out_over_long_ranges() {
        let g = layout(&spec_example(), 640.0, chars);
        let years: Vec<i32> = g.years.iter().map(|y| y.year).collect();
        assert_eq!(years, [2027, 2028, 2029, 2030]);
        assert!(g.years.iter().all(|y| y.x >= g.left && y.x <= g.right));

        let long = TimelineInput {
            today: d("1990-01-01"),
            ..spec_example()
        };
        let g = layout(&long, 320.0, chars);
        assert!(!g.years.is_empty());
        assert!(g.years.len() as f64 <= (g.right - g.left) / YEAR_ROOM);
        for pair in g.years.windows(2) {
            assert!(pair[1].x - pair[0].x >= YEAR_ROOM * 0.9);
        }
        assert_readable(&g);
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
        let g = layout(&input, 320.0, chars);
        assert_eq!(g.marks.len(), 3);
        assert_eq!(g.marks[0].kind, MarkKind::CurrentEnd);
        assert_eq!(g.term, None);
        assert_readable(&g);
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
        let g = layout(&input, 640.0, chars);
        assert!(g.marks.iter().all(|m| m.x.is_finite() && m.x == g.left));
        assert!(g.years.is_empty());
        assert_readable(&g);
    }

    #[test]
    fn the_picture_is_drawn_for_the_window_it_is_shown_in() {
        assert_eq!(width_for_window(360.0), 320.0);
        assert_eq!(width_for_window(800.0), 640.0);
        assert_eq!(width_for_window(1280.0), 860.0);
    }
}
