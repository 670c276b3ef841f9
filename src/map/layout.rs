//! Where each contact's name goes on the map: level, inside its own cell, clear of the lines
//! and of every other label, as large as the cell allows; a number only where the cell has
//! no room left for the name at the smallest size.

use serde::Serialize;

use super::cell::Cell;
use super::geometry::{BANDS, Geometry, SECTORS, cell_of};
use super::measure::{Measure, Weight};
use super::outside::{Leader, Outside};
use super::rect::Rect;
use super::shape::{Shape, shapes, sizes};
use crate::answers::Contact;
use crate::lang::Lang;

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
    /// For a name set outside the circle, the line from its dot in the cell to its frame.
    pub leader: Option<Leader>,
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

/// A cell after its names were set inside it: what it holds, and the contacts that found
/// no room there, each with the shapes its name may take at the smallest size.
struct Filled<'a> {
    cell: &'a Cell,
    taken: Vec<Rect>,
    left: Vec<(usize, Vec<Shape>)>,
    /// Those of `left` with no room outside the circle either: they get numbers.
    numbered: Vec<usize>,
}

/// Lays `contacts` out in `geometry`, their names broken by the patterns of `lang`.
/// `obstacles` are what else the map shows, which no label, dot or leader may touch: the
/// ring names on the top spoke, the sector names around the circle, the legend.
pub fn layout(
    contacts: &[Contact],
    geometry: &Geometry,
    obstacles: &[Rect],
    measure: &Measure,
    lang: Lang,
) -> Layout {
    layout_with(contacts, geometry, obstacles, measure, lang, true)
}

/// As `layout`, with the names that find no room in their cell set outside the circle
/// (`outside`) or all given numbers, which leave the corners to a long list.
pub fn layout_with(
    contacts: &[Contact],
    geometry: &Geometry,
    obstacles: &[Rect],
    measure: &Measure,
    lang: Lang,
    outside: bool,
) -> Layout {
    let beside = outside;
    if contacts.is_empty() {
        // The blank map: nothing to lay out, and its cells need not be made.
        return Layout { labels: Vec::new(), badges: Vec::new(), unplaced: Vec::new() };
    }
    let mut cells: Vec<Vec<usize>> = vec![Vec::new(); SECTORS.len() * BANDS];
    for (i, c) in contacts.iter().enumerate() {
        let (sector, band) = cell_of(c);
        cells[sector * BANDS + band].push(i);
    }
    let setting = Setting { geometry, measure, lang };
    let mut labels = Vec::new();
    let mut filled = Vec::new();
    let all = Cell::all(geometry);
    for (index, members) in cells.iter().enumerate() {
        if !members.is_empty() {
            let cell = &all[index];
            filled.push(fill(cell, members, contacts, &setting, obstacles, &mut labels));
        }
    }
    // The names with no room in their cell, set outside the circle with a leader where
    // there is room: the cells clockwise from the top, the outer bands first (their leaders
    // are shortest).
    let blocks: Vec<Rect> = labels.iter().map(|l: &Label| l.rect).collect();
    let mut outside = Outside::new(geometry, blocks, obstacles.to_vec());
    let mut order: Vec<usize> = (0..filled.len()).collect();
    order.sort_by_key(|&k| (filled[k].cell.id.0, BANDS - filled[k].cell.id.1));
    for k in order {
        let Filled { cell, taken, left, numbered } = &mut filled[k];
        for (i, shapes) in left.iter() {
            let i = *i;
            let placed = if beside { outside.place(cell, shapes, taken) } else { None };
            match placed {
                Some((rect, shape, leader)) => {
                    let d = geometry.dot;
                    taken.push(Rect::centred(leader.dot.0, leader.dot.1, d, d));
                    labels.push(Label {
                        contact: i,
                        cell: cell.id,
                        rect,
                        size: shape.size,
                        lines: shape.lines.clone(),
                        leader: Some(leader),
                    });
                }
                None => numbered.push(i),
            }
        }
    }
    // The rest get numbers in their cell, clear of the leaders; a contact with no room even
    // for that is listed with its cell.
    let mut badges: Vec<Badge> = Vec::new();
    let mut unplaced = Vec::new();
    let d = geometry.badge_side();
    for Filled { cell, taken, mut numbered, .. } in filled {
        if numbered.is_empty() {
            continue;
        }
        numbered.sort_unstable();
        // Every place a badge fits, found once; each badge takes the first, and the places
        // it covers go.
        let mut free: Vec<Rect> = cell
            .spots
            .iter()
            .map(|&(x, y)| Rect::centred(x, y, d, d))
            .filter(|r| {
                cell.holds(r, geometry.clearance)
                    && !taken.iter().any(|t| t.touches(r, geometry.gap))
                    && outside.clear_of_leaders(r)
            })
            .collect();
        for i in numbered {
            match free.first().copied() {
                Some(rect) => {
                    free.retain(|r| !r.touches(&rect, geometry.gap));
                    badges.push(Badge { contact: i, number: 0, cell: cell.id, rect });
                }
                None => unplaced.push(i),
            }
        }
    }
    // Numbers in reading order: by rows of a badge's height, then from the left.
    badges.sort_by(|a, b| {
        let (ra, rb) = ((a.rect.y0 / d).floor(), (b.rect.y0 / d).floor());
        ra.total_cmp(&rb).then(a.rect.x0.total_cmp(&b.rect.x0)).then(a.contact.cmp(&b.contact))
    });
    for (n, badge) in badges.iter_mut().enumerate() {
        badge.number = n + 1;
    }
    labels.sort_by_key(|l| l.contact);
    unplaced.sort_unstable();
    Layout { labels, badges, unplaced }
}

/// What every cell is laid out with: the map, the fonts' widths, the document's language.
#[derive(Clone, Copy)]
struct Setting<'a> {
    geometry: &'a Geometry,
    measure: &'a Measure,
    lang: Lang,
}

/// Sets the names of `members` inside `cell`, clear of `obstacles`, onto `labels`: one size
/// for the whole cell, the largest at which every name fits; in a cell too full for that,
/// as many names as fit at the smallest size, and then any name that fits in what is left at
/// any size.
fn fill<'a>(
    cell: &'a Cell,
    members: &[usize],
    contacts: &[Contact],
    setting: &Setting,
    obstacles: &[Rect],
    labels: &mut Vec<Label>,
) -> Filled<'a> {
    let Setting { geometry, measure, lang } = *setting;
    let obstacles: Vec<Rect> = obstacles.iter().copied().filter(|o| cell.near(o)).collect();
    // The widest names first: the small ones fit in what is left.
    let mut order: Vec<(f64, usize)> = members
        .iter()
        .map(|&i| {
            // The first 200 characters are wider than any label can be.
            let name: String = contacts[i].name.0.chars().take(200).collect();
            (measure.line(&name, 1.0, Weight::Regular), i)
        })
        .collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let shapes: Vec<Vec<Shape>> =
        order.iter().map(|&(_, i)| shapes(&contacts[i], geometry, measure, lang)).collect();
    // Names go to the middle of the cell first, which looks calm; where that leaves no room
    // for all of them, the cell is filled from its outer edge, which packs more.
    let attempt = |size: f64, packed: bool, fine: bool| -> Attempt {
        let mut taken = obstacles.clone();
        let (mut placed, mut missed) = (Vec::new(), Vec::new());
        for (k, &(_, i)) in order.iter().enumerate() {
            let at_size = shapes[k].iter().filter(|s| s.size == size);
            match place_label(at_size, geometry, cell, &taken, packed, fine) {
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
    // leaves names out is tried again on the fine grid, from the middle and then packed
    // from the outer edge. `from` skips the ways that left names out at a smaller size: a
    // larger one will not do better with them. With the way that did.
    let modes = [(false, false), (false, true), (true, true)];
    let both = |size: f64, from: usize| -> (Attempt, usize) {
        let mut best: Option<(Attempt, usize)> = None;
        for (m, &(packed, fine)) in modes.iter().enumerate().skip(from) {
            let found = attempt(size, packed, fine);
            if found.1.is_empty() {
                return (found, m);
            }
            if best.as_ref().is_none_or(|(b, _)| found.0.len() > b.0.len()) {
                best = Some((found, m));
            }
        }
        best.expect("at least one way is tried")
    };
    // At the floor first: if not every name fits even there, that is the answer, and the
    // larger sizes need not be tried.
    let (floor, mode) = both(geometry.floor, 0);
    let (placed, missed) = if floor.1.is_empty() {
        // The base size where it fits (most cells); else the largest size that fits, found
        // by halves between the base and the floor (a smaller name fits wherever a larger
        // one does).
        let sizes = sizes(geometry);
        let fits = |k: usize| Some(both(sizes[k], mode).0).filter(|a| a.1.is_empty());
        match fits(0) {
            Some(base) => base,
            None => {
                let (mut lo, mut hi, mut best) = (0, sizes.len() - 1, floor);
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2;
                    match fits(mid) {
                        Some(found) => (hi, best) = (mid, found),
                        None => lo = mid,
                    }
                }
                best
            }
        }
    } else {
        floor
    };
    let mut taken = obstacles;
    let mut set = |i: usize, rect: Rect, shape: &Shape, taken: &mut Vec<Rect>| {
        taken.push(rect);
        let lines = shape.lines.clone();
        let size = shape.size;
        labels.push(Label { contact: i, cell: cell.id, rect, size, lines, leader: None });
    };
    for (i, rect, shape) in &placed {
        set(*i, *rect, shape, &mut taken);
    }
    // A name that missed its turn may still fit in what is left, at any size: only a name
    // with no room at all leaves its cell.
    let mut left = Vec::new();
    for i in missed {
        let k = order.iter().position(|&(_, j)| j == i).expect("a member of the cell");
        match place_label(shapes[k].iter(), geometry, cell, &taken, true, true) {
            Some((rect, shape)) => set(i, rect, shape, &mut taken),
            None => {
                let floor = shapes[k].iter().filter(|s| s.size == geometry.floor);
                left.push((i, floor.cloned().collect()));
            }
        }
    }
    Filled { cell, taken, left, numbered: Vec::new() }
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
        // Across the ring, a box takes at least its shorter side: a tall box fits a sector
        // that runs across the page, a wide one a sector that runs down it.
        if shape.w > 2.0 * cell.r_out || shape.w.min(shape.h) > cell.r_out - cell.r_in {
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
