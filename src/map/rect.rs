//! Plane geometry on the map: rectangles (frames, dots, badges, the names of rings and
//! sectors) and the segments of leader lines, and whether they meet.

use serde::Serialize;

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
    /// The rectangle of `w` by `h` centred on (`x`, `y`).
    pub fn centred(x: f64, y: f64, w: f64, h: f64) -> Self {
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
        self.nearest_to_centre_squared().sqrt()
    }

    /// The square of `nearest_to_centre`, which is quicker to compare (`f64::hypot` is
    /// slow, and the search asks this many thousand times).
    pub fn nearest_to_centre_squared(&self) -> f64 {
        let (x, y) = (0.0_f64.clamp(self.x0, self.x1), 0.0_f64.clamp(self.y0, self.y1));
        x * x + y * y
    }

    /// The square of the distance from the map's centre to the rectangle's farthest corner.
    pub fn farthest_squared(&self) -> f64 {
        let (x, y) = (self.x0.abs().max(self.x1.abs()), self.y0.abs().max(self.y1.abs()));
        x * x + y * y
    }

    /// The four corners.
    pub fn corners(&self) -> [(f64, f64); 4] {
        [(self.x0, self.y0), (self.x1, self.y0), (self.x0, self.y1), (self.x1, self.y1)]
    }
}

/// `rect` grown by `by` on every side.
pub fn grow(rect: &Rect, by: f64) -> Rect {
    Rect { x0: rect.x0 - by, y0: rect.y0 - by, x1: rect.x1 + by, y1: rect.y1 + by }
}

/// The point of `rect` nearest to `p`.
pub fn nearest_in(rect: &Rect, p: (f64, f64)) -> (f64, f64) {
    (p.0.clamp(rect.x0, rect.x1), p.1.clamp(rect.y0, rect.y1))
}

/// Whether the segment from `a` to `b` passes through `rect` (Liang–Barsky clipping).
pub fn crosses(a: (f64, f64), b: (f64, f64), rect: &Rect) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in
        [(-dx, a.0 - rect.x0), (dx, rect.x1 - a.0), (-dy, a.1 - rect.y0), (dy, rect.y1 - a.1)]
    {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// Whether the segments `a`–`b` and `c`–`d` cross.
pub fn segments_cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let side = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| {
        (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0)
    };
    let (d1, d2) = (side(c, d, a), side(c, d, b));
    let (d3, d4) = (side(a, b, c), side(a, b, d));
    (d1 > 0.0) != (d2 > 0.0) && (d3 > 0.0) != (d4 > 0.0)
}

/// The distance from `p` to the segment `a`–`b`.
pub fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx * dx + dy * dy;
    let t = if length == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length).clamp(0.0, 1.0)
    };
    (a.0 + t * dx - p.0).hypot(a.1 + t * dy - p.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_crosses_a_rectangle_it_passes_through() {
        let r = Rect { x0: 0.0, y0: 0.0, x1: 2.0, y1: 2.0 };
        assert!(crosses((-1.0, 1.0), (3.0, 1.0), &r));
        assert!(crosses((1.0, 1.0), (5.0, 5.0), &r));
        assert!(!crosses((-1.0, 3.0), (3.0, 3.0), &r));
        assert!(!crosses((-1.0, -1.0), (-0.5, 5.0), &r));
        assert!(segments_cross((0.0, 0.0), (2.0, 2.0), (0.0, 2.0), (2.0, 0.0)));
        assert!(!segments_cross((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)));
        assert!((distance_to_segment((0.0, 1.0), (-1.0, 0.0), (1.0, 0.0)) - 1.0).abs() < 1e-12);
    }
}
