//! One cell of the map, a sector of a band, with the points where a label, a dot or a
//! number may be centred, in the orders the layout tries them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::geometry::{BANDS, Geometry, SECTORS};
use super::rect::Rect;

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
    pub room: Vec<f64>,
    /// The spots in the order they are tried: the middle of the cell first.
    pub middle_first: Vec<usize>,
    /// The spots from the outer edge in, each ring of spots along the arc: a crowded cell
    /// packs more this way.
    pub packed: Vec<usize>,
    /// How many spots of either order belong to the coarse grid.
    pub coarse: usize,
    /// The spots nearest the middle of the outer edge first, where a dot's leader to a name
    /// outside the circle is shortest.
    pub outer_first: Vec<usize>,
}

/// The bits of a map's radius and of its five fractions: what its cells follow from.
type CellsKey = [u64; 6];

impl Cell {
    /// Every cell of the map, by sector and then band (`sector * BANDS + band`), made once
    /// for each size of map: making the grids of spots costs more than most layouts.
    pub fn all(geometry: &Geometry) -> Arc<Vec<Cell>> {
        static CELLS: OnceLock<Mutex<HashMap<CellsKey, Arc<Vec<Cell>>>>> = OnceLock::new();
        let cache = CELLS.get_or_init(Default::default);
        // The cells follow from the radius and the fractions alone; a cell is made outside
        // the lock, and a second thread that made it too drops its copy.
        let f = geometry.fractions.map(f64::to_bits);
        let key = [geometry.radius.to_bits(), f[0], f[1], f[2], f[3], f[4]];
        if let Some(cells) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return cells.clone();
        }
        let cells: Vec<Cell> = (0..SECTORS.len() * BANDS)
            .map(|index| Cell::new(geometry, index / BANDS, index % BANDS))
            .collect();
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.entry(key).or_insert_with(|| Arc::new(cells)).clone()
    }

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
            points.sort_by_cached_key(|&(x, y)| {
                // Squared distances are positive, and so compare as their bits do.
                ((x - mx).powi(2) + (y - my).powi(2)).to_bits()
            });
            points
        };
        let mut spots = grid(12, 18, false);
        spots.extend(grid(24, 36, true));
        let sides = [(a0.cos(), a0.sin()), (a1.cos(), a1.sin())];
        let room = spots
            .iter()
            .map(|&(x, y)| {
                let r = (x * x + y * y).sqrt();
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
        let keys: Vec<(f64, f64)> =
            spots.iter().map(|&(x, y)| (x * x + y * y, angle((x, y)))).collect();
        packed.sort_by(|&p, &q| {
            keys[q].0.total_cmp(&keys[p].0).then(keys[p].1.total_cmp(&keys[q].1))
        });
        packed.extend(coarse..spots.len());
        let edge = (r_out * a_mid.cos(), r_out * a_mid.sin());
        let mut outer_first: Vec<usize> = (0..spots.len()).collect();
        // Squared distances are positive, and so compare as their bits do.
        outer_first.sort_by_cached_key(|&k| {
            let (x, y) = spots[k];
            ((x - edge.0).powi(2) + (y - edge.1).powi(2)).to_bits()
        });
        let id = (sector, band);
        Cell { id, r_in, r_out, sides, spots, room, middle_first, packed, coarse, outer_first }
    }

    /// Whether `rect` lies inside the cell, `clearance` away from its circles and sides.
    pub fn holds(&self, rect: &Rect, clearance: f64) -> bool {
        let (outer, inner) = (self.r_out - clearance, self.r_in + clearance);
        if rect.farthest_squared() > outer * outer {
            return false;
        }
        if rect.nearest_to_centre_squared() < inner * inner {
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
    pub fn near(&self, rect: &Rect) -> bool {
        let edge = (self.r_in - 1.0).max(0.0);
        rect.farthest_squared() >= edge * edge
    }
}
