//! Where each contact's name goes on the map: level, inside its own cell, clear of the lines
//! and of every other label, as large as the cell allows; a number only where the cell has
//! no room left for the name at the smallest size.

use serde::Serialize;

use super::geometry::{BANDS, CAP_HEIGHT, Geometry, MM_PER_PT, SECTORS, cell_of};
use super::measure::{Measure, Weight};
use crate::answers::{Contact, Level};

/// A rectangle on the map, mm, with the map's centre at (0, 0) and y growing downwards.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rect {
    /// Left.
    pub x0: f64,
    /// Top.
    pub y0: f64,
    /// Right.
    pub x1: f64,
    /// Bottom.
    pub y1: f64,
}

impl Rect {
    fn centred(x: f64, y: f64, w: f64, h: f64) -> Self {
        Rect { x0: x - w / 2.0, y0: y - h / 2.0, x1: x + w / 2.0, y1: y + h / 2.0 }
    }

    /// Whether the two overlap or come closer than `gap`.
    pub fn touches(&self, other: &Rect, gap: f64) -> bool {
        !(self.x1 + gap <= other.x0
            || other.x1 + gap <= self.x0
            || self.y1 + gap <= other.y0
            || other.y1 + gap <= self.y0)
    }

    /// How near the rectangle comes to the map's centre, mm.
    pub fn nearest_to_centre(&self) -> f64 {
        // The nearest value of each span to 0: 0 itself when the span holds it.
        0.0_f64.clamp(self.x0, self.x1).hypot(0.0_f64.clamp(self.y0, self.y1))
    }

    fn corners(&self) -> [(f64, f64); 4] {
        [(self.x0, self.y0), (self.x1, self.y0), (self.x0, self.y1), (self.x1, self.y1)]
    }
}

/// A contact's name on the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    /// The contact, by its place in the answers (from 0).
    pub contact: usize,
    /// Its sector and band.
    pub cell: (usize, usize),
    /// The frame, stroke included.
    pub rect: Rect,
    /// The type size, pt.
    pub size: f64,
    /// The name as it is set, one line each.
    pub lines: Vec<String>,
}

/// A number on the map for a contact whose name is in the list beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Badge {
    /// The contact, by its place in the answers (from 0).
    pub contact: usize,
    /// Its number, from 1 in reading order (top to bottom, left to right).
    pub number: usize,
    /// Its sector and band.
    pub cell: (usize, usize),
    /// The round badge's square, stroke included.
    pub rect: Rect,
}

/// The contacts laid out on one map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    /// The names set on the map.
    pub labels: Vec<Label>,
    /// The numbers on the map, in reading order.
    pub badges: Vec<Badge>,
    /// Contacts with no room on the map even for a number: they are listed with their cell.
    pub unplaced: Vec<usize>,
}

/// What one size gave a cell: the names placed (contact, frame, shape) and those missed.
type Attempt = (Vec<(usize, Rect, Shape)>, Vec<usize>);

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

/// Lays `contacts` out in `geometry`; `obstacles` are what else the map shows inside the
/// circle (the ring names on the top spoke), which no label may touch.
pub fn layout(
    contacts: &[Contact],
    geometry: &Geometry,
    obstacles: &[Rect],
    measure: &Measure,
) -> Layout {
    let mut cells: Vec<Vec<usize>> = vec![Vec::new(); SECTORS.len() * BANDS];
    for (i, c) in contacts.iter().enumerate() {
        let (sector, band) = cell_of(c);
        cells[sector * BANDS + band].push(i);
    }
    let mut labels = Vec::new();
    let mut badges: Vec<Badge> = Vec::new();
    let mut unplaced = Vec::new();
    for (index, members) in cells.iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        let cell = Cell::new(geometry, index / BANDS, index % BANDS);
        let obstacles: Vec<Rect> = obstacles.iter().copied().filter(|o| cell.near(o)).collect();
        // The widest names first: the small ones fit in what is left.
        let mut order: Vec<(f64, usize)> = members
            .iter()
            .map(|&i| {
                // The first 200 characters are wider than any label can be.
                let name: String = contacts[i].name.0.chars().take(200).collect();
                (measure.width(&name, 1.0, Weight::Regular), i)
            })
            .collect();
        order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let shapes: Vec<Vec<Shape>> =
            order.iter().map(|&(_, i)| shapes(&contacts[i], geometry, measure)).collect();
        // One size for the whole cell, the largest at which every name fits; in a cell too
        // full for that, as many names as fit at the smallest size. Names go to the middle
        // of the cell first, which looks calm; where that leaves no room for all of them,
        // the cell is filled from its outer edge, which packs more.
        let attempt = |size: f64, packed: bool, fine: bool| -> Attempt {
            let mut taken = obstacles.clone();
            let (mut placed, mut missed) = (Vec::new(), Vec::new());
            for (k, &(_, i)) in order.iter().enumerate() {
                let at_size = shapes[k].iter().filter(|s| s.size == size);
                match place_label(at_size, geometry, &cell, &taken, packed, fine) {
                    Some((rect, shape)) => {
                        taken.push(rect);
                        placed.push((i, rect, shape.clone()));
                    }
                    None => missed.push(i),
                }
            }
            (placed, missed)
        };
        // The coarse grid first, which is quick and does for most cells; a cell where it
        // leaves names out is tried again on the fine grid.
        let both = |size: f64| -> Attempt {
            let quick = attempt(size, false, false);
            if quick.1.is_empty() {
                return quick;
            }
            let calm = attempt(size, false, true);
            if calm.1.is_empty() {
                return calm;
            }
            let packed = attempt(size, true, true);
            if packed.0.len() > calm.0.len() { packed } else { calm }
        };
        // At the floor first: if not every name fits even there, that is the answer, and the
        // larger sizes need not be tried.
        let floor = both(geometry.floor);
        let best = if floor.1.is_empty() {
            sizes(geometry).into_iter().map(both).find(|a| a.1.is_empty()).unwrap_or(floor)
        } else {
            floor
        };
        let (placed, missed) = best;
        let mut taken = obstacles;
        let mut numbered = Vec::new();
        let mut set = |i: usize, rect: Rect, shape: &Shape, taken: &mut Vec<Rect>| {
            taken.push(rect);
            let lines = shape.lines.clone();
            labels.push(Label { contact: i, cell: cell.id, rect, size: shape.size, lines });
        };
        for (i, rect, shape) in &placed {
            set(*i, *rect, shape, &mut taken);
        }
        // A name that missed its turn may still fit in what is left, at any size: only a
        // name with no room at all gets a number.
        for i in missed {
            let k = order.iter().position(|&(_, j)| j == i).expect("a member of the cell");
            match place_label(shapes[k].iter(), geometry, &cell, &taken, true, true) {
                Some((rect, shape)) => set(i, rect, shape, &mut taken),
                None => numbered.push(i),
            }
        }
        numbered.sort_unstable();
        let d = badge_side(geometry);
        for i in numbered {
            match cell.spots.iter().map(|&(x, y)| Rect::centred(x, y, d, d)).find(|r| {
                cell.holds(r, geometry.clearance)
                    && !taken.iter().any(|t| t.touches(r, geometry.gap))
            }) {
                Some(rect) => {
                    taken.push(rect);
                    badges.push(Badge { contact: i, number: 0, cell: cell.id, rect });
                }
                None => unplaced.push(i),
            }
        }
    }
    // Numbers in reading order: by rows of a badge's height, then from the left.
    let row = badge_side(geometry);
    badges.sort_by(|a, b| {
        let (ra, rb) = ((a.rect.y0 / row).floor(), (b.rect.y0 / row).floor());
        ra.total_cmp(&rb).then(a.rect.x0.total_cmp(&b.rect.x0)).then(a.contact.cmp(&b.contact))
    });
    for (n, badge) in badges.iter_mut().enumerate() {
        badge.number = n + 1;
    }
    labels.sort_by_key(|l| l.contact);
    unplaced.sort_unstable();
    Layout { labels, badges, unplaced }
}

/// The side of a badge's square, stroke included, mm.
pub fn badge_side(geometry: &Geometry) -> f64 {
    let size = geometry.badge * MM_PER_PT;
    size * 1.9 + size / 9.0
}

/// The first of `shapes` that fits somewhere in the cell, and where: the middle of the cell
/// first.
fn place_label<'a>(
    shapes: impl Iterator<Item = &'a Shape>,
    geometry: &Geometry,
    cell: &Cell,
    taken: &[Rect],
    packed: bool,
    fine: bool,
) -> Option<(Rect, &'a Shape)> {
    let order = if packed { &cell.packed } else { &cell.middle_first };
    let order = if fine { &order[..] } else { &order[..cell.coarse] };
    for shape in shapes {
        if shape.w > 2.0 * cell.r_out || shape.h > cell.r_out - cell.r_in {
            continue;
        }
        let half = shape.w.min(shape.h) / 2.0 + geometry.clearance;
        for &k in order {
            let ((x, y), room) = (cell.spots[k], cell.room[k]);
            if room < half {
                continue;
            }
            let rect = Rect::centred(x, y, shape.w, shape.h);
            if cell.holds(&rect, geometry.clearance)
                && !taken.iter().any(|t| t.touches(&rect, geometry.gap))
            {
                return Some((rect, shape));
            }
        }
    }
    None
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
    if name.chars().count() as f64 * 0.2 * geometry.floor * MM_PER_PT > room
        || measure.width(name, geometry.floor, Weight::Regular) * MM_PER_PT > room
    {
        return Vec::new();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    // Widths at 1 pt (a width grows in proportion to the size): each word's, and a space's.
    let word_widths: Vec<f64> =
        words.iter().map(|w| measure.width(w, 1.0, Weight::Regular)).collect();
    let space = measure.width(" ", 1.0, Weight::Regular);
    let organisation = contact.level == Some(Level::Organisation);
    // Each way of wrapping the name, with its lines' widest width at 1 pt, mm.
    let wrappings: Vec<(Vec<String>, f64)> = (1..=geometry.max_lines.min(words.len().max(1)))
        .filter_map(|lines| {
            let split = wrap(&word_widths, space, lines)?;
            let texts: Vec<String> = split.iter().map(|r| words[r.clone()].join(" ")).collect();
            let widest =
                texts.iter().map(|t| measure.width(t, 1.0, Weight::Regular)).fold(0.0, f64::max)
                    * MM_PER_PT;
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
    let widths: Vec<f64> = words.iter().map(|w| measure.width(w, 1.0, weight)).collect();
    let space = measure.width(" ", 1.0, weight);
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

/// One cell of the map: a sector of a band.
pub struct Cell {
    /// Its sector and band.
    pub id: (usize, usize),
    /// Inner and outer radius, mm.
    pub r_in: f64,
    /// See `r_in`.
    pub r_out: f64,
    /// The directions of its two sides.
    sides: [(f64, f64); 2],
    /// The points tried for a label's centre, the middle of the cell first.
    pub spots: Vec<(f64, f64)>,
    /// For each spot, how far it is from the nearest circle or side: a box whose shorter
    /// half is longer does not fit there.
    room: Vec<f64>,
    /// The spots in the order they are tried: the middle of the cell first.
    middle_first: Vec<usize>,
    /// The spots from the outer edge in, each ring of spots along the arc: a crowded cell
    /// packs more this way.
    packed: Vec<usize>,
    /// How many spots of either order belong to the coarse grid.
    coarse: usize,
}

impl Cell {
    /// The cell of `sector` in `band`.
    pub fn new(geometry: &Geometry, sector: usize, band: usize) -> Self {
        let (r_in, r_out) = geometry.band_radii(band);
        let (a0, a1) = geometry.sector_angles(sector);
        // A grid of points in the cell, the middle first; then the points of a grid twice
        // as fine, for the names that find no room on the first (a crowded cell).
        let (r_mid, a_mid) = ((r_in + r_out) / 2.0, (a0 + a1) / 2.0);
        let (mx, my) = (r_mid * a_mid.cos(), r_mid * a_mid.sin());
        let grid = |rows: usize, columns: usize, skip_coarse: bool| {
            let mut points = Vec::with_capacity(rows * columns);
            for i in 0..rows {
                for j in 0..columns {
                    // The fine grid's points at odd places in both directions are new.
                    if skip_coarse && !(i % 2 == 1 || j % 2 == 1) {
                        continue;
                    }
                    let r = r_in + (i as f64 + 0.5) / rows as f64 * (r_out - r_in);
                    let a = a0 + (j as f64 + 0.5) / columns as f64 * (a1 - a0);
                    points.push((r * a.cos(), r * a.sin()));
                }
            }
            points.sort_by(|p: &(f64, f64), q: &(f64, f64)| {
                let d = |(x, y): (f64, f64)| (x - mx).powi(2) + (y - my).powi(2);
                d(*p).total_cmp(&d(*q))
            });
            points
        };
        let mut spots = grid(12, 18, false);
        spots.extend(grid(24, 36, true));
        let sides = [(a0.cos(), a0.sin()), (a1.cos(), a1.sin())];
        let room = spots
            .iter()
            .map(|&(x, y)| {
                let r = x.hypot(y);
                let d0 = sides[0].0 * y - sides[0].1 * x;
                let d1 = -(sides[1].0 * y - sides[1].1 * x);
                (r - r_in).min(r_out - r).min(d0).min(d1)
            })
            .collect();
        // The coarse grid's points first in both orders (a name that finds no room there
        // meets the fine grid's in the last pass, `place_label` with every spot).
        let coarse = 12 * 18;
        let middle_first = (0..spots.len()).collect();
        let mut packed: Vec<usize> = (0..coarse).collect();
        let angle = |(x, y): (f64, f64)| (y.atan2(x) - a0).rem_euclid(std::f64::consts::TAU);
        packed.sort_by(|&p, &q| {
            let (rp, rq) = (spots[p].0.hypot(spots[p].1), spots[q].0.hypot(spots[q].1));
            rq.total_cmp(&rp).then(angle(spots[p]).total_cmp(&angle(spots[q])))
        });
        packed.extend(coarse..spots.len());
        Cell { id: (sector, band), r_in, r_out, sides, spots, room, middle_first, packed, coarse }
    }

    /// Whether `rect` lies inside the cell, `clearance` away from its circles and sides.
    pub fn holds(&self, rect: &Rect, clearance: f64) -> bool {
        let far = rect.corners().iter().map(|(x, y)| x.hypot(*y)).fold(0.0, f64::max);
        if far > self.r_out - clearance {
            return false;
        }
        if rect.nearest_to_centre() < self.r_in + clearance {
            return false;
        }
        // Clockwise of the first side and anticlockwise of the second, by the clearance:
        // the cross product of a side's direction and a point is the point's distance from
        // the side's line, positive clockwise of it (y grows downwards).
        let [(u0x, u0y), (u1x, u1y)] = self.sides;
        rect.corners()
            .iter()
            .all(|(x, y)| u0x * y - u0y * x >= clearance && u1x * y - u1y * x <= -clearance)
    }

    /// Whether `rect` comes near the cell at all (a cheap test to keep its obstacles few).
    fn near(&self, rect: &Rect) -> bool {
        let far = rect.corners().iter().map(|(x, y)| x.hypot(*y)).fold(0.0, f64::max);
        far >= self.r_in - 1.0
    }
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
