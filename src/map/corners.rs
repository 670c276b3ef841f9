//! The corners of the map's box, around the circle (the poster's): the legend, and the list of
//! the contacts whose names are not on the map, by their numbers, in as many columns as the
//! free space takes, set as large as it lets them (on the blank poster, `write_in.rs` puts
//! numbered lines to write more contacts on there). Everything is placed here and drawn as placed by `map.typ`.

use serde::Serialize;

use super::geometry::{CAP_HEIGHT, Corners, Geometry, MM_PER_PT};
use super::measure::{Measure, Weight};
use super::rect::Rect;
use super::wrap::Pieces;
use crate::lang::Lang;

/// A line of text as it is placed: its top-left corner (the top of its capitals) and the
/// words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placed {
    /// Left, mm.
    pub x: f64,
    /// The top of the capitals, mm.
    pub y: f64,
    /// The words.
    pub text: String,
}

/// The legend: four marks, each with its words, in the order of `MapWords::legend`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Legend {
    /// The type size, pt.
    pub size: f64,
    /// Where the whole legend stands.
    pub rect: Rect,
    /// Each mark's box and its words.
    pub items: Vec<(Rect, Placed)>,
}

/// A contact in the list beside the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The contact, by its place in the answers (from 0).
    pub contact: usize,
    /// Its number on the map, or none for a contact with no room even for a number, whose
    /// entry says its cell.
    pub number: Option<usize>,
    /// The badge's square, or the dot's.
    pub mark: Rect,
    /// The name, one line each.
    pub lines: Vec<Placed>,
    /// Above the first entry of a contact with no room even for a number, and again at
    /// the top of a column: the cell of the entries that follow, one line each.
    pub heading: Vec<Placed>,
}

/// The list beside the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct List {
    /// The type size, pt.
    pub size: f64,
    /// The numbers' type size, pt.
    pub badge: f64,
    /// The list's title.
    pub title: Placed,
    /// The contacts, in the order of their numbers.
    pub entries: Vec<Entry>,
    /// Contacts the list had no room for even at its smallest size (hundreds of long names):
    /// they are in the handbook, and the poster says so.
    pub left_out: Vec<usize>,
    /// Contacts whose names are longer than an entry takes, cut with an ellipsis: whole in
    /// the handbook, and the poster says so.
    pub shortened: Vec<usize>,
}

/// One contact to list: who, the number on the map, and the words (the name, and for a
/// contact without a number its cell).
pub struct Wanted {
    /// The contact, by its place in the answers.
    pub contact: usize,
    /// Its number on the map.
    pub number: Option<usize>,
    /// The words of the entry.
    pub text: String,
    /// For a contact without a number, its cell's words, under which the list groups the
    /// contacts of that cell.
    pub group: Option<String>,
}

/// The free space of the box: everything that a legend, an entry or a line may not touch.
pub struct Space<'a> {
    pub(super) geometry: &'a Geometry,
    /// Boxes: the sector names, the names outside the circle, the dots, the legend.
    pub(super) blocks: Vec<Rect>,
    /// The leaders from the dots to the names outside the circle.
    segments: Vec<((f64, f64), (f64, f64))>,
}

/// A stretch of one column of free space: its left edge and the heights it spans.
#[derive(Debug, Clone, Copy)]
struct Slot {
    x: f64,
    y0: f64,
    y1: f64,
}

/// How much narrower each narrower try of the list's columns is, in ems.
const COLUMN_STEP: f64 = 2.5;

/// The most lines an entry of the list takes.
const MOST_LINES: usize = 6;

/// An entry longer than this many characters is cut with an ellipsis: no corner holds more,
/// and the handbook has it whole.
pub const LONGEST_ENTRY: usize = 120;

impl<'a> Space<'a> {
    /// The box of `geometry` around its circle, with `blocks` and `segments` taken.
    pub fn new(
        geometry: &'a Geometry,
        blocks: Vec<Rect>,
        segments: Vec<((f64, f64), (f64, f64))>,
    ) -> Self {
        Space { geometry, blocks, segments }
    }

    /// Whether `rect` lies in the box, outside the circle, clear of everything taken.
    fn free(&self, rect: &Rect) -> bool {
        let (g, b) = (self.geometry, &self.geometry.frame);
        let ring = g.radius + g.clearance;
        rect.x0 >= -b.left - 1e-9
            && rect.x1 <= b.right + 1e-9
            && rect.y0 >= -b.top - 1e-9
            && rect.y1 <= b.bottom + 1e-9
            && rect.nearest_to_centre_squared() >= ring * ring
            && !self.blocks.iter().any(|o| o.touches(rect, g.gap))
    }

    /// The columns of free space `w` wide, from the box's left and right edges inwards, cut
    /// into the stretches that the circle and what is taken leave free: those above the
    /// middle first, then those below it, each row of them from the left.
    fn slots(&self, w: f64, gutter: f64) -> Vec<Slot> {
        let (g, b) = (self.geometry, &self.geometry.frame);
        let ring = g.radius + g.clearance;
        let mut xs = Vec::new();
        let mut k = 0.0;
        loop {
            let left = -b.left + k * (w + gutter);
            let right = b.right - w - k * (w + gutter);
            if left + w > right {
                // The columns from the two sides meet: one more in the middle, if it fits.
                if left + w <= b.right && right >= left - 1e-9 {
                    xs.push(left);
                }
                break;
            }
            xs.push(left);
            xs.push(right);
            k += 1.0;
        }
        let mut slots = Vec::new();
        for x in xs {
            let (xa, xb) = (x, x + w);
            let mut free = vec![(-b.top, b.bottom)];
            let mut cut = |y0: f64, y1: f64| {
                free = free
                    .iter()
                    .flat_map(|&(a, z)| {
                        let mut out = Vec::new();
                        if y0 > a {
                            out.push((a, y0.min(z)));
                        }
                        if y1 < z {
                            out.push((y1.max(a), z));
                        }
                        out.into_iter().filter(|(a, z)| z > a)
                    })
                    .collect();
            };
            let near = if xa < 0.0 && xb > 0.0 { 0.0 } else { xa.abs().min(xb.abs()) };
            if near < ring {
                let h = (ring * ring - near * near).sqrt();
                cut(-h, h);
            }
            for o in &self.blocks {
                if o.x1 + g.gap > xa && o.x0 - g.gap < xb {
                    cut(o.y0 - g.gap, o.y1 + g.gap);
                }
            }
            for &(p, q) in &self.segments {
                let (lo, hi) = (p.0.min(q.0), p.0.max(q.0));
                if hi + g.gap < xa || lo - g.gap > xb {
                    continue;
                }
                // The segment's heights over the column (or at its end nearest the column).
                let at = |x: f64| {
                    if (q.0 - p.0).abs() < 1e-9 {
                        p.1
                    } else {
                        p.1 + (q.1 - p.1) * (x - p.0) / (q.0 - p.0)
                    }
                };
                let (x0, x1) = (xa.max(lo).min(hi), xb.min(hi).max(lo));
                let (mut y0, mut y1) = (at(x0).min(at(x1)), at(x0).max(at(x1)));
                if (q.0 - p.0).abs() < 1e-9 {
                    (y0, y1) = (p.1.min(q.1), p.1.max(q.1));
                }
                cut(y0 - g.gap, y1 + g.gap);
            }
            for (y0, y1) in free {
                slots.push(Slot { x, y0, y1 });
            }
        }
        slots.sort_by(|a, b| {
            let half = |s: &Slot| (s.y0 + s.y1 > 0.0) as u8;
            half(a).cmp(&half(b)).then(a.x.total_cmp(&b.x)).then(a.y0.total_cmp(&b.y0))
        });
        slots
    }

    /// The legend in `words`, in the first corner (the bottom left, then the bottom right,
    /// the top left and the top right) where it finds room, in one column or two, as large
    /// as it may be.
    pub fn legend(
        &self,
        corners: &Corners,
        words: &[String; 4],
        measure: &Measure,
    ) -> Option<Legend> {
        let (g, b) = (self.geometry, &self.geometry.frame);
        let look = &g.look.list;
        let mut size = corners.legend;
        while size >= corners.list.1 - 1e-9 {
            let s = size * MM_PER_PT;
            let (mark, gap, row) = (look.mark * s, look.gap * s, 0.9 * s);
            let widths: Vec<f64> = words
                .iter()
                .map(|w| mark + gap + measure.line(w, size, Weight::Regular) * MM_PER_PT)
                .collect();
            for columns in [1usize, 2] {
                let rows = 4usize.div_ceil(columns);
                let col_w: Vec<f64> = (0..columns)
                    .map(|c| {
                        (0..rows)
                            .filter_map(|r| widths.get(r + c * rows))
                            .fold(0.0, |a: f64, &w| a.max(w))
                    })
                    .collect();
                let w = col_w.iter().sum::<f64>() + (columns - 1) as f64 * look.gutter;
                // The last row's descenders below it.
                let h = rows as f64 * row + (rows - 1) as f64 * look.spacing * s + 0.25 * s;
                for (x0, y0) in [
                    (-b.left, b.bottom - h),
                    (b.right - w, b.bottom - h),
                    (-b.left, -b.top),
                    (b.right - w, -b.top),
                ] {
                    let rect = Rect { x0, y0, x1: x0 + w, y1: y0 + h };
                    if !self.free(&rect) {
                        continue;
                    }
                    let mut items = Vec::new();
                    for (k, word) in words.iter().enumerate() {
                        let (c, r) = (k / rows, k % rows);
                        let x = x0 + col_w[..c].iter().sum::<f64>() + c as f64 * look.gutter;
                        let y = y0 + r as f64 * (row + look.spacing * s);
                        let mark_rect = Rect { x0: x, y0: y, x1: x + mark, y1: y + row };
                        let text = Placed {
                            x: x + mark + gap,
                            y: y + (row - CAP_HEIGHT * s) / 2.0,
                            text: word.clone(),
                        };
                        items.push((mark_rect, text));
                    }
                    return Some(Legend { size, rect, items });
                }
            }
            size -= 1.0;
        }
        None
    }

    /// The list of `wanted` in the free space, at the largest size from the corners' that
    /// holds them all (or as many as the smallest holds), with `title` above it.
    pub fn list(
        &self,
        corners: &Corners,
        wanted: &[Wanted],
        title: &str,
        lang: Lang,
        measure: &Measure,
    ) -> List {
        let (largest, smallest) = corners.list;
        let pieces: Vec<Pieces> = wanted
            .iter()
            .map(|w| Pieces::new(&shortened(&w.text), lang, measure, Weight::Regular))
            .collect();
        let groups: Vec<Option<Pieces>> = wanted
            .iter()
            .map(|w| w.group.as_ref().map(|g| Pieces::new(g, lang, measure, Weight::SemiBold)))
            .collect();
        let pieces = (&pieces[..], &groups[..]);
        // Narrower columns before smaller type: more of them stand beside the map.
        let (widest, narrowest) = corners.column;
        let mut size = largest;
        loop {
            let last = size - 1.0 < smallest - 1e-9;
            let mut column = widest;
            loop {
                let list = self.list_at((size, column), corners, wanted, pieces, title, measure);
                let narrower = column - COLUMN_STEP >= narrowest - 1e-9;
                if list.left_out.is_empty() || (last && !narrower) {
                    return list;
                }
                if !narrower {
                    break;
                }
                column -= COLUMN_STEP;
            }
            size = (size - 1.0).max(smallest);
        }
    }

    /// The list at `size` (pt) in columns `column` ems wide.
    fn list_at(
        &self,
        (size, column): (f64, f64),
        corners: &Corners,
        wanted: &[Wanted],
        (pieces, groups): (&[Pieces], &[Option<Pieces>]),
        title: &str,
        measure: &Measure,
    ) -> List {
        let g = self.geometry;
        let look = &g.look.list;
        let s = size * MM_PER_PT;
        let badge = (size * 0.7).max(corners.list.1);
        let side = badge * (g.look.badge.side + g.look.badge.stroke) * MM_PER_PT;
        let (mark, gap) = (side.max(0.5 * s), look.gap * s);
        let pitch = (CAP_HEIGHT + g.leading) * s;
        let column = column * s;
        let text_w = column - mark - gap;
        let title_size = size + 1.0;
        let title_h = CAP_HEIGHT * title_size * MM_PER_PT;
        let mut slots = self.slots(column, look.gutter).into_iter();
        let mut slot = slots.next();
        let mut cursor = slot.map(|s| s.y0).unwrap_or(0.0);
        // The title opens the first stretch that holds it and the first entry under it.
        let first = pieces.first().map_or(0.0, |p| {
            let n = lines_within(p, text_w, size, measure, Weight::Regular).len() as f64;
            let above = ((mark - CAP_HEIGHT * s) / 2.0).max(0.0);
            (above + n * pitch - g.leading * s).max(mark) + 0.25 * s
        });
        let mut title_at = None;
        while let Some(sl) = slot {
            if cursor + title_h + look.spacing * s * 2.0 + first <= sl.y1 {
                title_at = Some(Placed { x: sl.x, y: cursor, text: title.to_string() });
                cursor += title_h + look.spacing * s * 2.0;
                break;
            }
            slot = slots.next();
            cursor = slot.map(|s| s.y0).unwrap_or(0.0);
        }
        let title = title_at.unwrap_or(Placed { x: 0.0, y: 0.0, text: String::new() });
        let mut entries = Vec::new();
        let mut left_out = Vec::new();
        // The group whose heading the column last showed.
        let mut shown: Option<&str> = None;
        for ((w, p), group) in wanted.iter().zip(pieces).zip(groups) {
            let lines = lines_within(p, text_w, size, measure, Weight::Regular);
            let text_h = lines.len() as f64 * pitch - g.leading * s;
            // The mark is centred on the first line's capitals.
            let above = ((mark - CAP_HEIGHT * s) / 2.0).max(0.0);
            let h = (above + text_h).max(mark) + 0.25 * s;
            let heading_lines =
                group.as_ref().map(|gp| lines_within(gp, column, size, measure, Weight::SemiBold));
            loop {
                let Some(sl) = slot else {
                    left_out.push(w.contact);
                    break;
                };
                let heading = heading_lines.as_ref().filter(|_| shown != w.group.as_deref());
                let head_h = heading
                    .map_or(0.0, |l| l.len() as f64 * pitch - g.leading * s + look.spacing * s);
                if cursor + head_h + h <= sl.y1 + 1e-9 {
                    let heading: Vec<Placed> = heading
                        .into_iter()
                        .flatten()
                        .enumerate()
                        .map(|(k, l)| Placed {
                            x: sl.x,
                            y: cursor + k as f64 * pitch,
                            text: l.clone(),
                        })
                        .collect();
                    shown = w.group.as_deref();
                    let top = cursor + head_h + above;
                    let mark_rect = if w.number.is_some() {
                        Rect {
                            x0: sl.x,
                            y0: top + CAP_HEIGHT * s / 2.0 - side / 2.0,
                            x1: sl.x + side,
                            y1: top + CAP_HEIGHT * s / 2.0 + side / 2.0,
                        }
                    } else {
                        Rect::centred(
                            sl.x + mark / 2.0,
                            top + CAP_HEIGHT * s / 2.0,
                            0.5 * s,
                            0.5 * s,
                        )
                    };
                    let placed = lines
                        .iter()
                        .enumerate()
                        .map(|(k, l)| Placed {
                            x: sl.x + mark + gap,
                            y: top + k as f64 * pitch,
                            text: l.clone(),
                        })
                        .collect();
                    entries.push(Entry {
                        contact: w.contact,
                        number: w.number,
                        mark: mark_rect,
                        lines: placed,
                        heading,
                    });
                    cursor += head_h + h + look.spacing * s;
                    break;
                }
                slot = slots.next();
                cursor = slot.map(|s| s.y0).unwrap_or(0.0);
                shown = None;
            }
        }
        let shortened = wanted
            .iter()
            .filter(|w| w.text.chars().count() > LONGEST_ENTRY)
            .map(|w| w.contact)
            .collect();
        List { size, badge, title, entries, left_out, shortened }
    }
}

/// `text` cut to `LONGEST_ENTRY` characters, with an ellipsis.
fn shortened(text: &str) -> String {
    if text.chars().count() <= LONGEST_ENTRY {
        return text.to_string();
    }
    let cut: String = text.chars().take(LONGEST_ENTRY).collect();
    format!("{}…", cut.trim_end())
}

/// The entry's words in the fewest lines no wider than `width` mm at `size`: broken at
/// spaces, then hyphenated, and a word wider than that on its own broken where it must.
fn lines_within(
    pieces: &Pieces,
    width: f64,
    size: f64,
    measure: &Measure,
    weight: Weight,
) -> Vec<String> {
    let fits =
        |lines: &[String]| lines.iter().all(|l| measure.line(l, size, weight) * MM_PER_PT <= width);
    for hyphenate in [false, true] {
        for n in 1..=MOST_LINES {
            if let Some(lines) = pieces.wrap(n, hyphenate)
                && fits(&lines)
            {
                return lines;
            }
        }
    }
    // A word wider than the column: broken between its characters, line by line.
    let whole = pieces.wrap(1, false).unwrap_or_default().concat();
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in whole.chars() {
        line.push(c);
        if measure.line(&line, size, weight) * MM_PER_PT > width && line.chars().count() > 1 {
            line.pop();
            lines.push(line.trim_end().to_string());
            line = c.to_string().trim_start().to_string();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
