//! The network map laid out in Rust: for each contact its cell, the place, lines and size of
//! its name, or its number and its line in the list beside the map. A pure function of the
//! contacts, the map's geometry for the document and the fonts' metrics, so that the
//! templates only draw, and the same contacts give the same map everywhere.

pub mod cell;
pub mod geometry;
pub mod layout;
pub mod measure;
pub mod outside;
pub mod rect;
pub mod shape;

pub use geometry::Geometry;
pub use layout::{Badge, Label, Layout, layout};
pub use measure::{Measure, Weight};
pub use outside::Leader;
pub use rect::Rect;

use serde::Serialize;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::answers::{Answers, Lang};
use crate::paper::{Orientation, Paper};
use crate::templates::{self, Template};
use geometry::{BANDS, CAP_HEIGHT, MM_PER_PT};

/// The boxes of the ring names on the map's top spoke (`names`: rings 1 to 3 and the
/// desired band, as the map shows them), which no label may cover.
pub fn ring_tags(geometry: &Geometry, names: [&str; BANDS], measure: &Measure) -> Vec<Rect> {
    let size = geometry.tag_size;
    let (inset_x, inset_y) = (1.2 * geometry.line_scale, 0.8 * geometry.line_scale);
    let stroke = 0.5 * MM_PER_PT;
    names
        .iter()
        .enumerate()
        .map(|(band, name)| {
            let w = measure.line(name, size, Weight::SemiBold) * MM_PER_PT + 2.0 * inset_x + stroke;
            let h = CAP_HEIGHT * size * MM_PER_PT + 2.0 * inset_y + stroke;
            let (r_in, r_out) = geometry.band_radii(band);
            let y = -(r_in + r_out) / 2.0;
            Rect { x0: -w / 2.0, y0: y - h / 2.0, x1: w / 2.0, y1: y + h / 2.0 }
        })
        .collect()
}

/// What the map shows in `lang` besides the contacts, which no label, dot or leader may
/// touch: the ring names on the top spoke and the sector names around the circle.
pub fn obstacles(geometry: &Geometry, lang: Lang, measure: &Measure) -> Vec<Rect> {
    let words = map_words(lang);
    let rings = &words.rings;
    let mut out = ring_tags(geometry, [&rings[0], &rings[1], &rings[2], &rings[3]], measure);
    let sectors: Vec<&str> = words.sectors.iter().map(String::as_str).collect();
    out.extend(outside::sector_names(geometry, &sectors, measure));
    out
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

/// The person's (or organisation's) name fitted inside the centre disc: wrapped at spaces
/// before it is set smaller, every line within the circle.
pub fn centre(name: &str, geometry: &Geometry, measure: &Measure) -> Centre {
    // Four lines in the disc hold a few dozen characters; a longer name is cut short.
    const MOST: usize = 80;
    if name.chars().count() > MOST {
        let cut: String = name.chars().take(MOST / 2).collect();
        let short = format!("{}…", cut.trim_end());
        let words: Vec<&str> = short.split_whitespace().collect();
        let lines = shape::balanced_lines(&words, 4, measure, Weight::Bold);
        return Centre { size: geometry.centre.1, lines, fits: false };
    }
    let whole: Vec<&str> = name.split_whitespace().collect();
    let fitted = fit_centre(&whole, geometry, measure);
    if fitted.fits || name.contains("- ") {
        return fitted;
    }
    // A long double name ("Marie-Christine") may break after its hyphen, as one writes it
    // by hand: the pieces are laid out as words, and joined again without a space.
    let pieces: Vec<&str> = whole.iter().flat_map(|w| w.split_inclusive('-')).collect();
    let mut hyphenated = fit_centre(&pieces, geometry, measure);
    for line in &mut hyphenated.lines {
        *line = line.replace("- ", "-");
    }
    if hyphenated.fits { hyphenated } else { fitted }
}

/// The centre's `words` at the largest size, in the fewest lines, that fit the disc.
fn fit_centre(words: &[&str], geometry: &Geometry, measure: &Measure) -> Centre {
    let radius = geometry.fractions[0] * geometry.radius - geometry.clearance;
    let (largest, smallest) = geometry.centre;
    let mut size = largest;
    let mut last = None;
    while size >= smallest - 1e-9 {
        for n in 1..=words.len().clamp(1, 4) {
            let lines = shape::balanced_lines(words, n, measure, Weight::Bold);
            let s = size * geometry::MM_PER_PT;
            let line_h = CAP_HEIGHT * s;
            let pitch = line_h + geometry.leading * s;
            let total = n as f64 * line_h + (n as f64 - 1.0) * geometry.leading * s;
            let fits = lines.iter().enumerate().all(|(k, line)| {
                let top = -total / 2.0 + k as f64 * pitch;
                let far = top.abs().max((top + line_h).abs());
                let half = (radius * radius - far * far).max(0.0).sqrt();
                far < radius
                    && measure.line(line, size, Weight::Bold) * geometry::MM_PER_PT / 2.0 <= half
            });
            if fits {
                return Centre { size, lines, fits: true };
            }
            last = Some(lines);
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
}

impl MapData {
    /// The map of `template` in `orientation` on `paper` for `answers`.
    pub fn of(
        answers: &Answers,
        template: Template,
        orientation: Orientation,
        paper: Option<Paper>,
    ) -> Self {
        let geometry = Geometry::of(template, orientation, paper);
        let measure = Measure::embedded();
        let obstacles = obstacles(&geometry, answers.lang(), measure);
        let contacts = answers.contacts.as_deref().unwrap_or(&[]);
        let layout = layout(contacts, &geometry, &obstacles, measure);
        let person = answers.person.as_ref();
        let name = person.and_then(|p| p.name.as_ref().or(p.organisation.as_ref()));
        let centre = name.map(|n| centre(n, &geometry, measure));
        MapData { geometry, layout, centre }
    }
}

/// The words the map shows around its labels, in one language.
pub struct MapWords {
    /// The ring names on the top spoke ("1 Kern", …, "Gewenst").
    pub rings: [String; BANDS],
    /// The sector names around the circle, clockwise from the top.
    pub sectors: Vec<String>,
}

/// The words the map shows around its labels, read from the language file once per
/// language rather than once per document.
pub fn map_words(lang: Lang) -> &'static MapWords {
    static WORDS: OnceLock<HashMap<Lang, MapWords>> = OnceLock::new();
    let all = WORDS.get_or_init(|| {
        <Lang as clap::ValueEnum>::value_variants()
            .iter()
            .map(|&lang| {
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
                (lang, MapWords { rings, sectors })
            })
            .collect()
    });
    &all[&lang]
}
