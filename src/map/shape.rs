//! The shapes a contact's name may take on the map: each type size from the base down to
//! the floor, on one line or wrapped at spaces onto more, with the size of its frame.

use super::geometry::{Geometry, MM_PER_PT};
use super::measure::{Measure, Weight};
use super::wrap::Pieces;
use crate::answers::{Contact, Level};
use crate::lang::Lang;

/// A shape a label may take: its size, lines and frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The type size, pt.
    pub size: f64,
    /// The lines.
    pub lines: Vec<String>,
    /// The frame's width, stroke included, mm.
    pub w: f64,
    /// The frame's height, stroke included, mm.
    pub h: f64,
}

/// Every shape a contact's label may take, in the order they are tried: from the base size
/// down to the floor, and at each size on one line, then broken at spaces (and after the
/// name's own hyphens) onto more, then with a long word hyphenated by the patterns of
/// `lang` (a name is hyphenated before it is set smaller).
pub fn shapes(contact: &Contact, geometry: &Geometry, measure: &Measure, lang: Lang) -> Vec<Shape> {
    let name = contact.name.0.as_str();
    // A name that would not fit on all its lines at the smallest size is not wrapped and
    // measured word by word: it gets a number at once (a 4,000-character paste would cost
    // seconds), and the list has it whole.
    let room = geometry.max_width * geometry.max_lines as f64;
    // No character is narrower than a fifth of an em: that bound rules out long pastes
    // before any shaping.
    if name.chars().count() as f64 * 0.2 * geometry.floor * MM_PER_PT > room {
        return Vec::new();
    }
    if measure.line(name, geometry.floor, Weight::Regular) * MM_PER_PT > room {
        return Vec::new();
    }
    let pieces = Pieces::new(name, lang, measure, Weight::Regular);
    let organisation = contact.level == Some(Level::Organisation);
    // Each way of breaking the name, with its widest line at 1 pt, mm: at spaces first, in
    // one line and more; then hyphenated, where that breaks it differently.
    let mut wrappings: Vec<(Vec<String>, f64)> = Vec::new();
    for hyphenate in [false, true] {
        if hyphenate && !pieces.has_syllables() {
            break;
        }
        for lines in 1..=geometry.max_lines {
            let Some(texts) = pieces.wrap(lines, hyphenate) else { continue };
            if wrappings.iter().any(|(t, _)| *t == texts) {
                continue;
            }
            let widest =
                texts.iter().map(|t| measure.line(t, 1.0, Weight::Regular)).fold(0.0, f64::max)
                    * MM_PER_PT;
            wrappings.push((texts, widest));
        }
    }
    let mut out = Vec::new();
    for size in sizes(geometry) {
        for (texts, widest) in &wrappings {
            let width = widest * size;
            if width > geometry.max_width {
                continue;
            }
            let (w, h) = geometry.frame(width, texts.len(), size, organisation);
            out.push(Shape { size, lines: texts.clone(), w, h });
        }
    }
    out
}

/// The type sizes a label tries, largest first: from the base down by the step, and the
/// floor last.
pub fn sizes(geometry: &Geometry) -> Vec<f64> {
    let mut out = Vec::new();
    let mut k = 0.0;
    loop {
        let size = geometry.base - k * geometry.step;
        if size <= geometry.floor + 1e-9 {
            break;
        }
        out.push(size);
        k += 1.0;
    }
    out.push(geometry.floor);
    out
}
