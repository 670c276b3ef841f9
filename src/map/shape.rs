//! The shapes a contact's name may take on the map: each type size from the base down to
//! the floor, on one line or wrapped at spaces onto more, with the size of its frame.

use super::geometry::{CAP_HEIGHT, Geometry, MM_PER_PT};
use super::measure::{Measure, Weight};
use crate::answers::{Contact, Level};

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
/// down to the floor, and at each size on one line, then wrapped at spaces onto more.
pub fn shapes(contact: &Contact, geometry: &Geometry, measure: &Measure) -> Vec<Shape> {
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
    let words: Vec<&str> = name.split_whitespace().collect();
    // Widths at 1 pt (a width grows in proportion to the size): each word's, and a space's;
    // a line is as wide as its words and the spaces between them.
    let word_widths: Vec<f64> = words.iter().map(|w| measure.word(w, Weight::Regular)).collect();
    let space = measure.word(" ", Weight::Regular);
    let line = |r: &std::ops::Range<usize>| {
        word_widths[r.clone()].iter().sum::<f64>() + r.len().saturating_sub(1) as f64 * space
    };
    if line(&(0..words.len())) * geometry.floor * MM_PER_PT > room {
        return Vec::new();
    }
    let organisation = contact.level == Some(Level::Organisation);
    // Each way of wrapping the name, with its lines' widest width at 1 pt, mm.
    let wrappings: Vec<(Vec<String>, f64)> = (1..=geometry.max_lines.min(words.len().max(1)))
        .filter_map(|lines| {
            let split = wrap(&word_widths, space, lines)?;
            let texts: Vec<String> = split.iter().map(|r| words[r.clone()].join(" ")).collect();
            let widest = split.iter().map(line).fold(0.0, f64::max) * MM_PER_PT;
            Some((texts, widest))
        })
        .collect();
    let mut out = Vec::new();
    for size in sizes(geometry) {
        for (texts, widest) in &wrappings {
            let width = widest * size;
            if width > geometry.max_width {
                continue;
            }
            let (w, h) = frame(width, texts.len(), size, geometry.leading, organisation);
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

/// `words` in `lines` lines of about equal width at `weight`; as many lines as there are
/// words when there are fewer.
pub fn balanced_lines(
    words: &[&str],
    lines: usize,
    measure: &Measure,
    weight: Weight,
) -> Vec<String> {
    let widths: Vec<f64> = words.iter().map(|w| measure.word(w, weight)).collect();
    let space = measure.word(" ", weight);
    let split = wrap(&widths, space, lines.min(words.len().max(1))).unwrap_or_default();
    split.iter().map(|r| words[r.clone()].join(" ")).collect()
}

/// The outer size of a label's frame, mm: the text `width` (mm) in `lines` lines at `size`,
/// with the frame's inset (wider for round ends) and stroke.
pub fn frame(width: f64, lines: usize, size: f64, leading: f64, organisation: bool) -> (f64, f64) {
    let s = size * MM_PER_PT;
    let inset_x = if organisation { 0.25 } else { 0.38 } * s;
    let inset_y = 0.25 * s;
    let stroke = s / 9.0;
    let text_h = lines as f64 * CAP_HEIGHT * s + (lines as f64 - 1.0) * leading * s;
    (width + 2.0 * inset_x + stroke, text_h + 2.0 * inset_y + stroke)
}

/// The words (by their widths, with `space` between them) in exactly `lines` lines, with
/// the widest line as narrow as it can be; `None` when there are fewer words than lines.
fn wrap(widths: &[f64], space: f64, lines: usize) -> Option<Vec<std::ops::Range<usize>>> {
    let n = widths.len();
    if n == 0 {
        return (lines == 1).then(|| std::iter::once(0..0).collect());
    }
    if lines > n {
        return None;
    }
    let line = |a: usize, b: usize| widths[a..b].iter().sum::<f64>() + (b - a - 1) as f64 * space;
    // best[k][i]: the narrowest widest line for the first i words in k lines, and where the
    // last line starts.
    let mut best = vec![vec![(f64::INFINITY, 0usize); n + 1]; lines + 1];
    best[0][0] = (0.0, 0);
    for k in 1..=lines {
        for i in k..=n {
            for start in (k - 1)..i {
                let prev = best[k - 1][start].0;
                if prev.is_finite() {
                    let value = prev.max(line(start, i));
                    if value < best[k][i].0 {
                        best[k][i] = (value, start);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut end = n;
    for k in (1..=lines).rev() {
        let start = best[k][end].1;
        out.push(start..end);
        end = start;
    }
    out.reverse();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_to_the_narrowest_widest_line() {
        let widths = [3.0, 1.0, 1.0, 3.0];
        assert_eq!(wrap(&widths, 0.5, 1), Some(std::iter::once(0..4).collect()));
        assert_eq!(wrap(&widths, 0.5, 2), Some(vec![0..2, 2..4]));
        assert_eq!(wrap(&widths, 0.5, 3), Some(vec![0..1, 1..3, 3..4]));
        assert_eq!(wrap(&widths, 0.5, 5), None);
    }
}
