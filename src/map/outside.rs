//! Names set outside the circle. A contact whose cell has no room left for its name gets a
//! small dot in its cell and a thin leader line from the dot to its name, set level in the
//! free space around the circle (the map's corners), before it is given a number: a name
//! read on the map beats a number looked up in a list.

use serde::Serialize;

use super::cell::Cell;
use super::geometry::{CAP_HEIGHT, Geometry, MM_PER_PT};
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

/// The boxes of the sector names around the circle (`names`, clockwise from the top), as
/// `map.typ` sets them: straight, tangent to the circle, centred on their sector. Each name
/// is covered by a few upright boxes, one per stretch of its length, so that the free
/// space around a turned name is not lost to one big box.
pub fn sector_names(geometry: &Geometry, names: &[&str], measure: &Measure) -> Vec<Rect> {
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
        let r = geometry.radius + 1.5 * geometry.line_scale + h / 2.0;
        let (cx, cy) = (r * a.cos(), r * a.sin());
        // Along the name (tangent) and across it (radial).
        let (tx, ty) = (-a.sin(), a.cos());
        let (nx, ny) = (a.cos(), a.sin());
        let pieces = (w / h).ceil().max(1.0) as usize;
        let piece = (w + 2.0 * w_pad) / pieces as f64;
        // Half of the name's depth across, with room for descenders and accents.
        let across = h / 2.0 + 0.3 * s;
        for k in 0..pieces {
            let along = -(w / 2.0 + w_pad) + (k as f64 + 0.5) * piece;
            let (px, py) = (cx + along * tx, cy + along * ty);
            // The upright box around a turned rectangle of `piece` by `2 across`.
            let hx = (piece / 2.0 * tx).abs() + (across * nx).abs();
            let hy = (piece / 2.0 * ty).abs() + (across * ny).abs();
            out.push(Rect { x0: px - hx, y0: py - hy, x1: px + hx, y1: py + hy });
        }
    }
    out
}

/// The free space around the circle and what is set in it so far.
pub struct Outside<'a> {
    geometry: &'a Geometry,
    /// What a leader may not cross besides `around`: every frame inside the circle, the dots.
    blocks: Vec<Rect>,
    /// What neither a name outside the circle nor a leader may touch: the names of the
    /// rings and sectors, the names outside.
    around: Vec<Rect>,
    /// The leaders drawn so far.
    leaders: Vec<Leader>,
    /// How many names in a row found no room: the space is full, and the rest are not tried.
    misses: usize,
}

/// After this many names in a row with no room outside the circle, the rest get numbers
/// without trying: the free space is full, and every try costs.
const FULL_AFTER: usize = 6;

impl<'a> Outside<'a> {
    /// The space around the circle of `geometry`, with `blocks` on the map (every frame
    /// inside the circle) and the names of rings and sectors, `around`.
    pub fn new(geometry: &'a Geometry, blocks: Vec<Rect>, around: Vec<Rect>) -> Self {
        Outside { geometry, blocks, around, leaders: Vec::new(), misses: 0 }
    }

    /// Whether a badge at `rect` leaves every leader clear.
    pub fn clear_of_leaders(&self, rect: &Rect) -> bool {
        let grown = grow(rect, self.geometry.gap / 2.0);
        self.leaders.iter().all(|l| !crosses(l.dot, l.end, &grown))
    }

    /// Sets a name outside the circle, in the first of `shapes` that finds room, with a dot
    /// in `cell` clear of `taken` (the cell's frames): the frame, the shape and the leader.
    pub fn place<'s>(
        &mut self,
        cell: &Cell,
        shapes: &'s [Shape],
        taken: &[Rect],
    ) -> Option<(Rect, &'s Shape, Leader)> {
        if self.misses >= FULL_AFTER || shapes.is_empty() {
            return None;
        }
        let found = self.search(cell, shapes, taken);
        match found {
            Some((rect, shape, leader)) => {
                self.misses = 0;
                let d = self.geometry.dot;
                self.blocks.push(rect);
                self.blocks.push(Rect::centred(leader.dot.0, leader.dot.1, d, d));
                self.around.push(rect);
                self.leaders.push(leader);
                Some((rect, shape, leader))
            }
            None => {
                self.misses += 1;
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
        let half = g.radius + g.margin;
        let step = g.radius / 60.0;
        let ring = g.radius + g.clearance;
        let disc = g.fractions[0] * g.radius;
        // How far a direction lies outside the cell's sector, radians: a name beside its own
        // sector reads as belonging to it, so a leader that leaves the sector counts as
        // longer by the arc it leaves it by.
        let (a0, a1) = g.sector_angles(cell.id.0);
        let (mid, spread) = ((a0 + a1) / 2.0, (a1 - a0) / 2.0);
        let outside = |phi: f64| {
            let off = (phi - mid + std::f64::consts::PI).rem_euclid(std::f64::consts::TAU)
                - std::f64::consts::PI;
            (off.abs() - spread).max(0.0)
        };
        for shape in shapes {
            let (w, h) = (shape.w, shape.h);
            // Every place tried, with the length of its leader (and the arc by which it
            // leaves the sector): along rays from the centre
            // near each dot's direction, from where the frame clears the circle outwards.
            let mut tries: Vec<(f64, usize, Rect)> = Vec::new();
            for (k, &(dx, dy)) in dots.iter().enumerate() {
                let theta = dy.atan2(dx);
                for ray in 0..=40 {
                    // 0, +3°, -3°, +6°, … up to ±60°.
                    let turn = ((ray + 1) / 2) as f64 * if ray % 2 == 1 { 1.0 } else { -1.0 };
                    let phi = theta + turn * 3f64.to_radians();
                    let (ux, uy) = (phi.cos(), phi.sin());
                    let mut rho = ring;
                    let clear = |rho: f64| Rect::centred(rho * ux, rho * uy, w, h);
                    while clear(rho).nearest_to_centre() < ring {
                        rho += step / 2.0;
                    }
                    for _ in 0..8 {
                        let rect = clear(rho);
                        if rect.x0 < -half || rect.x1 > half || rect.y0 < -half || rect.y1 > half {
                            break;
                        }
                        let end = nearest_in(&rect, (dx, dy));
                        let length = ((end.0 - dx).powi(2) + (end.1 - dy).powi(2)).sqrt();
                        tries.push((length + outside(phi) * g.radius, k, rect));
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
