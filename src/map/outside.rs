//! Names set outside the circle. A contact whose cell has no room left for its name gets a
//! small dot in its cell and a thin leader line from the dot to its name, set level in the
//! free space around the circle (the map's corners), before it is given a number: a name
//! read on the map beats a number looked up in a list.

use serde::Serialize;

use super::cell::Cell;
use super::geometry::{CAP_HEIGHT, Geometry, MM_PER_PT, SECTORS};
use super::measure::{Measure, Weight};
use super::rect::{Rect, crosses, distance_to_segment, grow, nearest_in, segments_cross};
use super::shape::Shape;

/// The line from a contact's dot in its cell to its name outside the circle.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Leader {
    /// The dot's centre, mm.
    pub dot: (f64, f64),
    /// Where the line meets the name's frame, mm.
    pub end: (f64, f64),
}

/// A sector's name around the circle, set straight along the circle's tangent, centred on
/// its sector, turned so that it reads upright.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectorName {
    /// The words.
    pub text: String,
    /// The name's box before it is turned (as Typst measures text: from the top of the
    /// capitals to the baseline), centred where it stands, mm.
    pub rect: Rect,
    /// How far it is turned, degrees clockwise.
    pub turn: f64,
    /// The upright boxes that cover the turned name, one per stretch of its length (so that
    /// the free space around a turned name is not lost to one big box), with room for its
    /// descenders and accents.
    #[serde(skip)]
    pub boxes: Vec<Rect>,
}

/// The sector names around the circle (`names`, clockwise from the top), as `map.typ` sets
/// them.
pub fn sector_names(geometry: &Geometry, names: &[&str], measure: &Measure) -> Vec<SectorName> {
    let size = geometry.sector_size;
    let s = size * MM_PER_PT;
    // The text's box as Typst measures it (cap height to baseline) and the descenders and
    // accents beyond it.
    let (w_pad, h) = (0.1 * s, CAP_HEIGHT * s);
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let w = measure.line(name, size, Weight::Bold) * MM_PER_PT;
        let (a0, a1) = geometry.sector_angles(i);
        let a = (a0 + a1) / 2.0;
        let r = geometry.radius + geometry.look.sector_gap * geometry.line_scale + h / 2.0;
        let (cx, cy) = (r * a.cos(), r * a.sin());
        // Along the name (tangent) and across it (radial).
        let (tx, ty) = (-a.sin(), a.cos());
        let (nx, ny) = (a.cos(), a.sin());
        let pieces = (w / h).ceil().max(1.0) as usize;
        let piece = (w + 2.0 * w_pad) / pieces as f64;
        // Half of the name's depth across, with room for descenders and accents.
        let across = h / 2.0 + 0.3 * s;
        let mut boxes = Vec::new();
        for k in 0..pieces {
            let along = -(w / 2.0 + w_pad) + (k as f64 + 0.5) * piece;
            let (px, py) = (cx + along * tx, cy + along * ty);
            // The upright box around a turned rectangle of `piece` by `2 across`.
            let hx = (piece / 2.0 * tx).abs() + (across * nx).abs();
            let hy = (piece / 2.0 * ty).abs() + (across * ny).abs();
            boxes.push(Rect { x0: px - hx, y0: py - hy, x1: px + hx, y1: py + hy });
        }
        // Upright: the top of the letters towards the centre below the circle's middle, away
        // from it above.
        let turn = if a.sin() > 0.01 { a.to_degrees() - 90.0 } else { a.to_degrees() + 90.0 };
        out.push(SectorName {
            text: name.to_string(),
            rect: Rect::centred(cx, cy, w, h),
            turn,
            boxes,
        });
    }
    out
}

/// The free space around the circle and what is set in it so far.
pub struct Outside<'a> {
    geometry: &'a Geometry,
    /// What a leader may not cross besides `around`: every frame inside the circle, the dots.
    blocks: Vec<Rect>,
    /// What neither a name outside the circle nor a leader may touch: the names of the
    /// rings and sectors, the legend, the names outside.
    around: Vec<Rect>,
    /// The leaders drawn so far.
    leaders: Vec<Leader>,
    /// For each sector, how many of its names in a row found no room beside it: the space
    /// there is full, and the rest are not tried.
    misses: Vec<usize>,
}

/// After this many names of a sector in a row with no room beside it, the rest get numbers
/// without trying: the free space there is full, and every try costs.
const FULL_AFTER: usize = 4;

impl<'a> Outside<'a> {
    /// The space around the circle of `geometry`, with `blocks` on the map (every frame
    /// inside the circle) and what else stands around it, `around` (the names of rings and
    /// sectors, the legend).
    pub fn new(geometry: &'a Geometry, blocks: Vec<Rect>, around: Vec<Rect>) -> Self {
        Outside { geometry, blocks, around, leaders: Vec::new(), misses: vec![0; SECTORS.len()] }
    }

    /// Whether a badge at `rect` leaves every leader clear.
    pub fn clear_of_leaders(&self, rect: &Rect) -> bool {
        let grown = grow(rect, self.geometry.gap / 2.0);
        self.leaders.iter().all(|l| !crosses(l.dot, l.end, &grown))
    }

    /// The leaders drawn so far.
    pub fn leaders(&self) -> &[Leader] {
        &self.leaders
    }

    /// Sets a name outside the circle beside its own sector, in the first of `shapes` that
    /// finds room, with a dot in `cell` clear of `taken` (the cell's frames): the frame, the
    /// shape and the leader.
    pub fn place<'s>(
        &mut self,
        cell: &Cell,
        shapes: &'s [Shape],
        taken: &[Rect],
    ) -> Option<(Rect, &'s Shape, Leader)> {
        let sector = cell.id.0;
        if self.misses[sector] >= FULL_AFTER || shapes.is_empty() {
            return None;
        }
        let found = self.search(cell, shapes, taken);
        match found {
            Some((rect, shape, leader)) => {
                self.misses[sector] = 0;
                let d = self.geometry.dot;
                self.blocks.push(rect);
                self.blocks.push(Rect::centred(leader.dot.0, leader.dot.1, d, d));
                self.around.push(rect);
                self.leaders.push(leader);
                Some((rect, shape, leader))
            }
            None => {
                self.misses[sector] += 1;
                None
            }
        }
    }

    fn search<'s>(
        &self,
        cell: &Cell,
        shapes: &'s [Shape],
        taken: &[Rect],
    ) -> Option<(Rect, &'s Shape, Leader)> {
        let g = self.geometry;
        let d = self.geometry.dot;
        // The dots tried: free places in the cell nearest the middle of its outer edge,
        // where the leader is shortest, a few dots apart.
        let mut dots: Vec<(f64, f64)> = Vec::new();
        for &k in &cell.outer_first {
            let (x, y) = cell.spots[k];
            if dots.iter().any(|q| (x - q.0).powi(2) + (y - q.1).powi(2) <= 9.0 * d * d) {
                continue;
            }
            let dot = Rect::centred(x, y, d, d);
            if cell.holds(&dot, g.clearance)
                && !taken.iter().any(|t| t.touches(&dot, g.gap))
                && self.clear_of_leaders(&dot)
            {
                dots.push((x, y));
                if dots.len() == 3 {
                    break;
                }
            }
        }
        let b = &g.frame;
        let step = g.radius / 60.0;
        let ring = g.radius + g.clearance;
        let disc = g.fractions[0] * g.radius;
        // Beside its own sector: the name's middle within the sector's angles, and the leader
        // leaving the circle there, so that it crosses no other sector's cells (a sector is
        // narrower than a half-turn, so what lies between the dot and that point stays in
        // it). The line's width is kept clear of the sector's sides.
        let (a0, a1) = g.sector_angles(cell.id.0);
        let margin = (g.clearance / g.radius).min((a1 - a0) / 4.0);
        let within = |phi: f64| {
            let off = (phi - a0).rem_euclid(std::f64::consts::TAU);
            off >= margin && off <= a1 - a0 - margin
        };
        for shape in shapes {
            let (w, h) = (shape.w, shape.h);
            // Every place tried, with the length of its leader: along rays from the centre,
            // across the sector's angles, from where the frame clears the circle outwards.
            let mut tries: Vec<(f64, usize, Rect)> = Vec::new();
            for (k, &(dx, dy)) in dots.iter().enumerate() {
                let rays = 24;
                for ray in 0..=rays {
                    let phi = a0 + margin + (a1 - a0 - 2.0 * margin) * ray as f64 / rays as f64;
                    let (ux, uy) = (phi.cos(), phi.sin());
                    let mut rho = ring;
                    let clear = |rho: f64| Rect::centred(rho * ux, rho * uy, w, h);
                    while clear(rho).nearest_to_centre() < ring {
                        rho += step / 2.0;
                    }
                    for _ in 0..12 {
                        let rect = clear(rho);
                        if rect.x0 < -b.left
                            || rect.x1 > b.right
                            || rect.y0 < -b.top
                            || rect.y1 > b.bottom
                        {
                            break;
                        }
                        let end = nearest_in(&rect, (dx, dy));
                        let length = ((end.0 - dx).powi(2) + (end.1 - dy).powi(2)).sqrt();
                        tries.push((length, k, rect));
                        rho += step;
                    }
                }
            }
            // Lengths are positive, and so compare as their bits do; the dot breaks a tie,
            // and then the order the places were made in.
            tries.sort_by_key(|t| (t.0.to_bits(), t.1));
            for (_, k, rect) in tries {
                let dot = dots[k];
                if self.around.iter().any(|o| o.touches(&rect, g.gap))
                    || self.leaders.iter().any(|l| crosses(l.dot, l.end, &grow(&rect, g.gap / 2.0)))
                {
                    continue;
                }
                let end = nearest_in(&rect, dot);
                // Where the leader leaves the circle.
                let Some(exit) = leaves_circle(dot, end, g.radius) else { continue };
                if !within(exit.1.atan2(exit.0)) {
                    continue;
                }
                // The leader: clear of every other frame and dot and of the other leaders,
                // and outside the centre disc.
                let gap = g.gap / 2.0;
                if self.blocks.iter().chain(&self.around).any(|b| crosses(dot, end, &grow(b, gap)))
                    || self.leaders.iter().any(|l| segments_cross(l.dot, l.end, dot, end))
                    || distance_to_segment((0.0, 0.0), dot, end) < disc + g.clearance
                {
                    continue;
                }
                return Some((rect, shape, Leader { dot, end }));
            }
        }
        None
    }
}

/// Where the segment from `inside` (within the circle of `radius`) to `outside` (beyond it)
/// crosses the circle.
pub fn leaves_circle(inside: (f64, f64), outside: (f64, f64), radius: f64) -> Option<(f64, f64)> {
    let (dx, dy) = (outside.0 - inside.0, outside.1 - inside.1);
    let a = dx * dx + dy * dy;
    let b = 2.0 * (inside.0 * dx + inside.1 * dy);
    let c = inside.0 * inside.0 + inside.1 * inside.1 - radius * radius;
    let disc = b * b - 4.0 * a * c;
    if a == 0.0 || disc < 0.0 {
        return None;
    }
    let t = (-b + disc.sqrt()) / (2.0 * a);
    (0.0..=1.0).contains(&t).then_some((inside.0 + t * dx, inside.1 + t * dy))
}
