//! The network map laid out in Rust: for each contact its cell, the place, lines and size of
//! its name, or its number and its line in the list beside the map. A pure function of the
//! contacts, the map's geometry for the document and the fonts' metrics, so that the
//! templates only draw, and the same contacts give the same map everywhere.

pub mod cell;
pub mod corners;
pub mod geometry;
pub mod layout;
pub mod measure;
pub mod outside;
pub mod rect;
pub mod shape;
pub mod wrap;
pub mod write_in;

pub use geometry::Geometry;
pub use geometry::Plan;
pub use layout::{Badge, Label, Layout, layout};
pub use measure::{Measure, Weight};
pub use outside::{Leader, SectorName};
pub use rect::Rect;

use serde::Serialize;

use std::sync::OnceLock;

use crate::answers::{Answers, Contact, Lang};
use crate::paper::{Orientation, Paper};
use crate::templates::{self, Template};
use corners::{Legend, List, Space, Wanted};
use geometry::{BANDS, CAP_HEIGHT, MM_PER_PT};
use wrap::Pieces;
use write_in::WriteIns;

/// A ring's name on the map's top spoke, in its box, which no label may cover.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tag {
    /// The words ("1 Kern").
    pub text: String,
    /// The box, its line included.
    pub rect: Rect,
}

/// The ring names on the map's top spoke (`names`: rings 1 to 3 and the desired band, as the
/// map shows them), each in its box centred on its ring.
pub fn ring_tags(geometry: &Geometry, names: [&str; BANDS], measure: &Measure) -> Vec<Tag> {
    let size = geometry.tag_size;
    let look = &geometry.look.tag;
    let (inset_x, inset_y) =
        (look.inset_x * geometry.line_scale, look.inset_y * geometry.line_scale);
    let stroke = look.stroke * MM_PER_PT;
    names
        .iter()
        .enumerate()
        .map(|(band, name)| {
            let w = measure.line(name, size, Weight::SemiBold) * MM_PER_PT + 2.0 * inset_x + stroke;
            let h = CAP_HEIGHT * size * MM_PER_PT + 2.0 * inset_y + stroke;
            let (r_in, r_out) = geometry.band_radii(band);
            let y = -(r_in + r_out) / 2.0;
            Tag { text: name.to_string(), rect: Rect::centred(0.0, y, w, h) }
        })
        .collect()
}

/// What the map shows besides the contacts, laid out in `lang`: the ring names on the top
/// spoke and the sector names around the circle.
pub struct Furniture {
    /// The ring names.
    pub tags: Vec<Tag>,
    /// The sector names.
    pub sectors: Vec<SectorName>,
}

impl Furniture {
    /// The ring and sector names of `geometry`'s map in `lang`.
    pub fn new(geometry: &Geometry, lang: Lang, measure: &Measure) -> Self {
        let words = map_words(lang);
        let rings = &words.rings;
        let tags = ring_tags(geometry, [&rings[0], &rings[1], &rings[2], &rings[3]], measure);
        let names: Vec<&str> = words.sectors.iter().map(String::as_str).collect();
        Furniture { tags, sectors: outside::sector_names(geometry, &names, measure) }
    }

    /// What no label, dot or leader may touch: the boxes of the ring names and of the
    /// sector names (each sector name as a few boxes along its length).
    pub fn obstacles(&self) -> Vec<Rect> {
        let mut out: Vec<Rect> = self.tags.iter().map(|t| t.rect).collect();
        out.extend(self.sector_boxes());
        out
    }

    /// The sector names' boxes, a few along each name's length.
    pub fn sector_boxes(&self) -> Vec<Rect> {
        self.sectors.iter().flat_map(|s| s.boxes.iter().copied()).collect()
    }
}

/// What the map shows in `lang` besides the contacts, which no label, dot or leader may
/// touch: the ring names on the top spoke and the sector names around the circle.
pub fn obstacles(geometry: &Geometry, lang: Lang, measure: &Measure) -> Vec<Rect> {
    Furniture::new(geometry, lang, measure).obstacles()
}

/// The centre's name as it is set inside the dark disc.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Centre {
    /// The type size, pt.
    pub size: f64,
    /// The lines, wrapped at spaces.
    pub lines: Vec<String>,
    /// Whether the lines fit inside the disc; when not, the smallest size is used and the
    /// template says that the name was cut.
    pub fits: bool,
}

/// The person's (or organisation's) name fitted inside the centre disc: broken at spaces
/// and after its own hyphens before it is set smaller, then hyphenated by the patterns of
/// `lang`, every line within the circle.
pub fn centre(name: &str, lang: Lang, geometry: &Geometry, measure: &Measure) -> Centre {
    // Four lines in the disc hold a few dozen characters; a longer name is cut short.
    const MOST: usize = 80;
    if name.chars().count() > MOST {
        let cut: String = name.chars().take(MOST / 2).collect();
        let short = format!("{}…", cut.trim_end());
        let pieces = Pieces::new(&short, lang, measure, Weight::Bold);
        let lines = (1..=4).rev().find_map(|n| pieces.wrap(n, false)).unwrap_or_default();
        return Centre { size: geometry.centre.1, lines, fits: false };
    }
    let pieces = Pieces::new(name, lang, measure, Weight::Bold);
    let radius = geometry.fractions[0] * geometry.radius - geometry.clearance;
    let (largest, smallest) = geometry.centre;
    let mut size = largest;
    let mut last = None;
    while size >= smallest - 1e-9 {
        for hyphenate in [false, true] {
            for n in 1..=4 {
                let Some(lines) = pieces.wrap(n, hyphenate) else { continue };
                let s = size * MM_PER_PT;
                let line_h = CAP_HEIGHT * s;
                let pitch = line_h + geometry.leading * s;
                let total = n as f64 * line_h + (n as f64 - 1.0) * geometry.leading * s;
                let fits = lines.iter().enumerate().all(|(k, line)| {
                    let top = -total / 2.0 + k as f64 * pitch;
                    let far = top.abs().max((top + line_h).abs());
                    let half = (radius * radius - far * far).max(0.0).sqrt();
                    far < radius && measure.line(line, size, Weight::Bold) * MM_PER_PT / 2.0 <= half
                });
                if fits {
                    return Centre { size, lines, fits: true };
                }
                if !hyphenate {
                    last = Some(lines);
                }
            }
        }
        size -= 1.0;
    }
    Centre { size: smallest, lines: last.unwrap_or_default(), fits: false }
}

/// The map of one document, as the templates draw it: its geometry, the contacts' labels
/// and numbers, and the centre's name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapData {
    /// The geometry.
    pub geometry: Geometry,
    /// Where the contacts go.
    #[serde(flatten)]
    pub layout: Layout,
    /// The centre's name, when the answers give one.
    pub centre: Option<Centre>,
    /// The ring names on the top spoke.
    pub tags: Vec<Tag>,
    /// The sector names around the circle.
    pub sectors: Vec<SectorName>,
    /// The legend in a corner of the box, where the document has it there.
    pub legend: Option<Legend>,
    /// The list beside the map in the box's corners, where the document has it there.
    pub list: Option<List>,
    /// On the blank poster, the lines in the box's corners to write more contacts on.
    pub write_in: Option<WriteIns>,
}

/// The contacts the list beside the map names: those with a number on the map, by their
/// numbers, then those with no room even for that, with their cell.
pub fn listed(layout: &Layout, contacts: &[Contact], words: &MapWords) -> Vec<Wanted> {
    let mut out: Vec<Wanted> = layout
        .badges
        .iter()
        .map(|b| Wanted {
            contact: b.contact,
            number: Some(b.number),
            text: contacts[b.contact].name.0.clone(),
            group: None,
        })
        .collect();
    // Those without a number by their cells, clockwise from the top and from the centre
    // out, each cell's words once above its names.
    let mut unplaced: Vec<(usize, usize, usize)> = layout
        .unplaced
        .iter()
        .map(|&i| {
            let (sector, band) = geometry::cell_of(&contacts[i]);
            (sector, band, i)
        })
        .collect();
    unplaced.sort_unstable();
    for (sector, band, i) in unplaced {
        let ring = if band == 3 {
            words.rings[3].clone()
        } else {
            format!("{} {}", words.ring_word, band + 1)
        };
        let group = format!("{}, {ring}", words.sectors[sector]);
        out.push(Wanted {
            contact: i,
            number: None,
            text: contacts[i].name.0.clone(),
            group: Some(group),
        });
    }
    out
}

/// How much smaller each try of a filled poster's map is whose list needs more room, mm.
const RADIUS_STEP: f64 = 4.0;

impl MapData {
    /// The map of `template` in `orientation` on `paper` for `answers`. A filled poster's
    /// map whose list beside it does not hold every name it needs is drawn smaller in the
    /// same box, giving the list more of the corners, down to the blank poster's size.
    pub fn of(
        answers: &Answers,
        template: Template,
        orientation: Orientation,
        paper: Option<Paper>,
    ) -> Self {
        let plan = Plan::for_contacts(answers.contacts.as_deref());
        let mut geometry = Geometry::of(template, orientation, paper, plan);
        let least = Geometry::of(template, orientation, paper, Plan::Blank).radius;
        let full = |map: &MapData| map.list.as_ref().is_some_and(|l| !l.left_out.is_empty());
        loop {
            let map = Self::in_geometry(answers, geometry, plan, true);
            if !full(&map) {
                return map;
            }
            if map.geometry.radius <= least + 1e-9 {
                // Still too many: the names outside the circle, large and in the corners,
                // become numbers, whose entries in the list take less room.
                let numbered = Self::in_geometry(answers, map.geometry.clone(), plan, false);
                return if full(&numbered) { map } else { numbered };
            }
            geometry = map.geometry.with_radius((map.geometry.radius - RADIUS_STEP).max(least));
        }
    }

    /// The map of `answers` drawn in `geometry`, as `plan` has it, the names with no room
    /// in their cells `outside` the circle or numbered.
    fn in_geometry(answers: &Answers, geometry: Geometry, plan: Plan, outside: bool) -> Self {
        let lang = answers.lang();
        let measure = Measure::embedded();
        let words = map_words(lang);
        let furniture = Furniture::new(&geometry, lang, measure);
        let mut obstacles = furniture.obstacles();
        // The legend first, in a corner of the box: the names outside the circle keep clear
        // of it.
        let sector_boxes = furniture.sector_boxes();
        let legend = geometry.corners.as_ref().and_then(|c| {
            Space::new(&geometry, sector_boxes.clone(), Vec::new()).legend(
                c,
                &words.legend,
                measure,
            )
        });
        if let Some(legend) = &legend {
            obstacles.push(legend.rect);
        }
        let contacts = answers.contacts.as_deref().unwrap_or(&[]);
        let layout = layout::layout_with(contacts, &geometry, &obstacles, measure, lang, outside);
        let mut blocks = sector_boxes.clone();
        blocks.extend(legend.iter().map(|l| l.rect));
        let mut segments = Vec::new();
        for label in layout.labels.iter().filter(|l| l.leader.is_some()) {
            blocks.push(label.rect);
            let leader = label.leader.expect("a name outside the circle has a leader");
            segments.push((leader.dot, leader.end));
        }
        let space = Space::new(&geometry, blocks, segments);
        let (mut list, mut write_in) = (None, None);
        if let Some(c) = &geometry.corners {
            match plan {
                // The blank poster: lines to write more contacts on than its cells hold.
                Plan::Blank => write_in = Some(space.write_in(c, &words.list_title, measure)),
                Plan::Filled => {
                    let wanted = listed(&layout, contacts, words);
                    if !wanted.is_empty() {
                        list = Some(space.list(c, &wanted, &words.list_title, lang, measure));
                    }
                }
            }
        }
        let person = answers.person.as_ref();
        let name = person.and_then(|p| p.name.as_ref().or(p.organisation.as_ref()));
        let centre = name.map(|n| centre(n, lang, &geometry, measure));
        let Furniture { tags, sectors } = furniture;
        MapData { geometry, layout, centre, tags, sectors, legend, list, write_in }
    }
}

/// The words the map shows around its labels, in one language.
pub struct MapWords {
    /// The ring names on the top spoke ("1 Kern", …, "Gewenst").
    pub rings: [String; BANDS],
    /// The sector names around the circle, clockwise from the top.
    pub sectors: Vec<String>,
    /// The legend: a current contact, a desired one, the personal level, the organisation's.
    pub legend: [String; 4],
    /// The title of the list beside the map.
    pub list_title: String,
    /// The word before a ring's number in the list ("ring 2").
    pub ring_word: String,
}

/// The words the map shows around its labels, read from the language file once per
/// language rather than once per document (and only for the languages asked for).
pub fn map_words(lang: Lang) -> &'static MapWords {
    static WORDS: [OnceLock<MapWords>; crate::lang::COUNT] =
        [const { OnceLock::new() }; crate::lang::COUNT];
    WORDS[lang.index()].get_or_init(|| {
        let words = templates::words(lang);
        let ring = |key: &str| words["rings"][key].as_str().unwrap_or_default().to_string();
        let rings = [
            format!("1 {}", ring("1")),
            format!("2 {}", ring("2")),
            format!("3 {}", ring("3")),
            ring("desired"),
        ];
        let sectors = geometry::SECTORS
            .iter()
            .map(|kind| {
                let key = serde_json::to_value(kind).expect("a kind is a word");
                let key = key.as_str().unwrap_or_default();
                words["kinds"][key].as_str().unwrap_or_default().to_string()
            })
            .collect();
        let map = |key: &str| words["map"][key].as_str().unwrap_or_default().to_string();
        let legend = [
            map("legend_current"),
            map("legend_desired"),
            map("legend_personal"),
            map("legend_organisation"),
        ];
        let (list_title, ring_word) = (map("overflow_title"), map("ring_word"));
        MapWords { rings, sectors, legend, list_title, ring_word }
    })
}
