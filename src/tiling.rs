//! Cutting a poster into sheets for an office printer: how many sheets, which way round,
//! and which part of the poster each one shows. The template `tiles.typ` draws the sheets
//! from this plan, and the tests stitch the printed sheets together by it.

use typst::foundations::{Array, Dict, IntoValue, Value};

use crate::error::{Result, Setting};
use crate::limits::{MAX_MARGIN_MM, MAX_OVERLAP_MM};
use crate::paper::Paper;

/// The printer margin when none is given: what most office printers leave blank.
pub const DEFAULT_MARGIN_MM: f64 = 6.0;
/// The strip that two neighbouring sheets share, for glue, when none is given.
pub const DEFAULT_OVERLAP_MM: f64 = 10.0;
/// The office papers a poster can be tiled onto.
pub const SHEETS: &[Paper] = &[Paper::A4, Paper::A3];

/// How to cut a poster into sheets: `--tile`, `--printer-margin`, `--overlap`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tiling {
    /// The office paper.
    pub sheet: Paper,
    /// The edge of each sheet that the printer leaves blank, in millimetres.
    pub margin_mm: f64,
    /// How far neighbouring sheets show the same part of the poster, in millimetres.
    pub overlap_mm: f64,
}

impl Tiling {
    /// Tiling onto `sheet` with the default margin and overlap.
    pub fn new(sheet: Paper) -> Self {
        Tiling { sheet, margin_mm: DEFAULT_MARGIN_MM, overlap_mm: DEFAULT_OVERLAP_MM }
    }

    /// Refuses a margin or an overlap outside their ranges.
    pub fn check(&self) -> Result<()> {
        if !(0.0..=MAX_MARGIN_MM).contains(&self.margin_mm) {
            return Err(Setting::PrinterMargin(self.margin_mm).into());
        }
        if !(0.0..=MAX_OVERLAP_MM).contains(&self.overlap_mm) {
            return Err(Setting::Overlap(self.overlap_mm).into());
        }
        Ok(())
    }
}

/// One sheet: its label and the part of the poster it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    /// `A1` for the top left sheet; the letter counts rows, the number columns.
    pub label: String,
    /// Its column, from 0 at the left.
    pub col: usize,
    /// Its row, from 0 at the top.
    pub row: usize,
    /// Where the top left corner of the sheet's printable area lies on the poster, in
    /// millimetres from the poster's top left corner (negative on the first row and column
    /// when the poster is centred on the sheets).
    pub x_mm: f64,
    /// See `x_mm`.
    pub y_mm: f64,
}

/// Every sheet of a tiled poster.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The office paper.
    pub paper: Paper,
    /// The sheet's width and height as it is printed (portrait or landscape), in mm.
    pub sheet_mm: (f64, f64),
    /// Whether the sheets are printed landscape.
    pub landscape: bool,
    /// The printer margin, in mm.
    pub margin_mm: f64,
    /// The overlap of neighbouring sheets, in mm.
    pub overlap_mm: f64,
    /// The poster's width and height, in mm.
    pub poster_mm: (f64, f64),
    /// Number of columns of sheets.
    pub cols: usize,
    /// Number of rows of sheets.
    pub rows: usize,
    /// The sheets in reading order: A1, A2, …, B1, …
    pub tiles: Vec<Tile>,
}

impl Plan {
    /// The printable area of a sheet (the sheet less its margin on every side), in mm.
    pub fn printable_mm(&self) -> (f64, f64) {
        (self.sheet_mm.0 - 2.0 * self.margin_mm, self.sheet_mm.1 - 2.0 * self.margin_mm)
    }

    /// The plan as the dictionary that `tiles.typ` reads from `sys.inputs.tiling`.
    pub fn to_value(&self) -> Value {
        let mut dict = Dict::new();
        let pair = |(a, b): (f64, f64)| Array::from_iter([a.into_value(), b.into_value()]);
        dict.insert("paper".into(), self.paper.name().into_value());
        dict.insert("sheet".into(), pair(self.sheet_mm).into_value());
        dict.insert("landscape".into(), self.landscape.into_value());
        dict.insert("margin".into(), self.margin_mm.into_value());
        dict.insert("overlap".into(), self.overlap_mm.into_value());
        dict.insert("cols".into(), (self.cols as i64).into_value());
        dict.insert("rows".into(), (self.rows as i64).into_value());
        let tiles = self.tiles.iter().map(|t| {
            let mut d = Dict::new();
            d.insert("label".into(), t.label.as_str().into_value());
            d.insert("col".into(), (t.col as i64).into_value());
            d.insert("row".into(), (t.row as i64).into_value());
            d.insert("x".into(), t.x_mm.into_value());
            d.insert("y".into(), t.y_mm.into_value());
            d.into_value()
        });
        dict.insert("tiles".into(), Array::from_iter(tiles).into_value());
        dict.into_value()
    }
}

/// The plan for a poster of `poster_mm` (width, height): the sheets portrait or landscape,
/// whichever needs fewer (portrait when even), the poster centred on them.
pub fn plan(poster_mm: (f64, f64), tiling: &Tiling) -> Result<Plan> {
    tiling.check()?;
    let (short, long) = tiling.sheet.size_mm();
    let along = |length: f64, printable: f64| -> usize {
        let step = printable - tiling.overlap_mm;
        // A hair's tolerance, so that a poster that fits exactly takes no extra sheet.
        ((length - tiling.overlap_mm - 1e-6) / step).ceil().max(1.0) as usize
    };
    let layout = |(w, h): (f64, f64)| {
        let (pw, ph) = (w - 2.0 * tiling.margin_mm, h - 2.0 * tiling.margin_mm);
        (along(poster_mm.0, pw), along(poster_mm.1, ph))
    };
    let portrait = layout((short, long));
    let landscape = layout((long, short));
    let (sheet_mm, (cols, rows), is_landscape) =
        if landscape.0 * landscape.1 < portrait.0 * portrait.1 {
            ((long, short), landscape, true)
        } else {
            ((short, long), portrait, false)
        };
    let (pw, ph) = (sheet_mm.0 - 2.0 * tiling.margin_mm, sheet_mm.1 - 2.0 * tiling.margin_mm);
    let (step_x, step_y) = (pw - tiling.overlap_mm, ph - tiling.overlap_mm);
    // What the sheets cover beyond the poster is shared out on both sides.
    let covered = |n: usize, step: f64, printable: f64| (n - 1) as f64 * step + printable;
    let x0 = -(covered(cols, step_x, pw) - poster_mm.0) / 2.0;
    let y0 = -(covered(rows, step_y, ph) - poster_mm.1) / 2.0;
    let mut tiles = Vec::with_capacity(cols * rows);
    for row in 0..rows {
        for col in 0..cols {
            tiles.push(Tile {
                label: label(row, col),
                col,
                row,
                x_mm: x0 + col as f64 * step_x,
                y_mm: y0 + row as f64 * step_y,
            });
        }
    }
    Ok(Plan {
        paper: tiling.sheet,
        sheet_mm,
        landscape: is_landscape,
        margin_mm: tiling.margin_mm,
        overlap_mm: tiling.overlap_mm,
        poster_mm,
        cols,
        rows,
        tiles,
    })
}

/// `A1`, `A2`, … `B1`, …; after `Z` comes `AA`.
fn label(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = row + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).expect("ASCII letters"), col + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_a2_landscape_poster_takes_eight_portrait_a4_sheets() {
        let plan = plan((594.0, 420.0), &Tiling::new(Paper::A4)).unwrap();
        assert!(!plan.landscape);
        assert_eq!((plan.cols, plan.rows), (4, 2));
        let labels: Vec<_> = plan.tiles.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4"]);
        // Centred: what the sheets cover beyond the poster is the same on both sides.
        let (pw, ph) = plan.printable_mm();
        let last = plan.tiles.last().unwrap();
        assert!((last.x_mm + pw - 594.0 + plan.tiles[0].x_mm).abs() < 1e-9);
        assert!((last.y_mm + ph - 420.0 + plan.tiles[0].y_mm).abs() < 1e-9);
    }

    #[test]
    fn the_orientation_that_needs_fewer_sheets_is_chosen() {
        // A2 landscape (594 × 420) on A3: portrait sheets (285 × 408 printable) need 3 × 2,
        // landscape ones (408 × 285) need 2 × 2.
        let plan = plan((594.0, 420.0), &Tiling::new(Paper::A3)).unwrap();
        assert!(plan.landscape);
        assert_eq!((plan.cols, plan.rows), (2, 2));
    }

    #[test]
    fn a_poster_that_fits_one_sheet_takes_one() {
        let plan = plan((297.0, 210.0), &Tiling::new(Paper::A3)).unwrap();
        assert_eq!(plan.tiles.len(), 1);
        assert_eq!(plan.tiles[0].label, "A1");
    }

    #[test]
    fn labels_go_on_after_z() {
        assert_eq!(label(25, 0), "Z1");
        assert_eq!(label(26, 2), "AA3");
    }

    #[test]
    fn margins_and_overlaps_out_of_range_are_refused() {
        let mut t = Tiling::new(Paper::A4);
        t.overlap_mm = 31.0;
        assert!(
            plan((594.0, 420.0), &t)
                .unwrap_err()
                .to_string()
                .contains("the overlap 31 is out of range")
        );
        t.overlap_mm = 10.0;
        t.margin_mm = -1.0;
        assert!(plan((594.0, 420.0), &t).unwrap_err().to_string().contains("the printer margin"));
    }
}
