//! The blank poster's lines to write more contacts on, in the corners of the map's box:
//! each as long as the free space at its height, none shorter than a name written with a
//! marker.

use serde::Serialize;

use super::corners::{Placed, Space};
use super::geometry::{CAP_HEIGHT, Corners, MM_PER_PT};
use super::measure::{Measure, Weight};

/// A numbered line on the blank poster, to write a contact's name on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WriteIn {
    /// The number.
    pub number: Placed,
    /// Where the line starts and ends, mm.
    pub x0: f64,
    /// See `x0`.
    pub x1: f64,
    /// The line's height, mm.
    pub y: f64,
}

/// The lines to write on, with their title above the first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WriteIns {
    /// The numbers' and the title's type size, pt (the title a point larger).
    pub size: f64,
    /// The title.
    pub title: Placed,
    /// The lines, numbered from 1.
    pub lines: Vec<WriteIn>,
}

impl Space<'_> {
    /// The blank poster's lines to write more contacts on, in the four corners (the top
    /// left, the top right, the bottom left, the bottom right), numbered in that order, each
    /// as long as the free space at its height and none shorter than the corners' shortest,
    /// with `title` above the first.
    pub fn write_in(&self, corners: &Corners, title: &str, measure: &Measure) -> WriteIns {
        let (g, b) = (self.geometry, &self.geometry.frame);
        let look = &g.look.list;
        let size = corners.list.0;
        let s = size * MM_PER_PT;
        let (pitch, shortest) = corners.write_in;
        let title_size = size + 1.0;
        let title_h = CAP_HEIGHT * title_size * MM_PER_PT;
        let title_w = measure.line(title, title_size, Weight::SemiBold) * MM_PER_PT;
        // The room a handwritten name takes above its line.
        let hand = 0.8 * pitch;
        let mut title_at: Option<Placed> = None;
        let mut lines: Vec<(f64, f64, f64)> = Vec::new();
        for (left, top) in [(true, true), (false, true), (true, false), (false, false)] {
            // Heights of the lines in this corner, from the box's edge towards the middle.
            let mut rows = Vec::new();
            if top {
                let mut y = -b.top;
                if title_at.is_none()
                    && let Some((x0, _)) =
                        self.across(left, y, y + title_h).filter(|(x0, x1)| x1 - x0 >= title_w)
                {
                    title_at = Some(Placed { x: x0, y, text: title.to_string() });
                    y += title_h + look.spacing * s;
                }
                y += pitch;
                while y < 0.0 {
                    rows.push(y);
                    y += pitch;
                }
            } else {
                let mut y = b.bottom;
                while y - hand > 0.0 {
                    rows.push(y);
                    y -= pitch;
                }
                rows.reverse();
            }
            for y in rows {
                match self.across(left, y - hand, y) {
                    Some((x0, x1)) if x1 - x0 >= shortest => lines.push((y, x0, x1)),
                    _ => {}
                }
            }
        }
        let write_in = lines
            .into_iter()
            .enumerate()
            .map(|(k, (y, x0, x1))| {
                let label = format!("{}.", k + 1);
                let label_w = measure.line(&label, size, Weight::Regular) * MM_PER_PT;
                WriteIn {
                    number: Placed { x: x0, y: y - 1.0 - CAP_HEIGHT * s, text: label },
                    x0: x0 + label_w + look.gap * s,
                    x1,
                    y,
                }
            })
            .collect();
        let title = title_at.unwrap_or(Placed { x: 0.0, y: 0.0, text: String::new() });
        WriteIns { size, title, lines: write_in }
    }

    /// The longest free stretch across the box's left or right half between the heights
    /// `y0` and `y1`: clear of the circle and of everything taken.
    fn across(&self, left: bool, y0: f64, y1: f64) -> Option<(f64, f64)> {
        let (g, b) = (self.geometry, &self.geometry.frame);
        let ring = g.radius + g.clearance;
        let (mut a, mut z) = if left { (-b.left, -g.gap / 2.0) } else { (g.gap / 2.0, b.right) };
        // The circle, at the height of the stretch nearest the centre.
        let near = if y0 < 0.0 && y1 > 0.0 { 0.0 } else { y0.abs().min(y1.abs()) };
        if near < ring {
            let h = (ring * ring - near * near).sqrt();
            if left { z = z.min(-h) } else { a = a.max(h) }
        }
        let mut free = vec![(a, z)];
        for o in self.blocks.iter().filter(|o| o.y1 + g.gap > y0 && o.y0 - g.gap < y1) {
            let (c0, c1) = (o.x0 - g.gap, o.x1 + g.gap);
            free = free
                .into_iter()
                .flat_map(|(a, z)| [(a, z.min(c0)), (a.max(c1), z)])
                .filter(|(a, z)| z > a)
                .collect();
        }
        free.into_iter().max_by(|p, q| (p.1 - p.0).total_cmp(&(q.1 - q.0)))
    }
}
