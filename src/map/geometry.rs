//! The network map's geometry for each document: its radius, its rings and sectors, the type
//! of its labels and the room they keep, read from `templates/map.yaml`, which `map.typ`
//! draws the map from. Lengths are millimetres and type sizes points, both in the
//! document's own design units: a poster printed on other paper than A2 is the A2 design
//! scaled as a whole.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::answers::{Contact, Kind, Status};
use crate::paper::{Orientation, Paper};
use crate::templates::{self, Template};

/// Millimetres in a point.
pub const MM_PER_PT: f64 = 25.4 / 72.0;

/// The sectors of the map, one per kind of contact, clockwise from the top.
pub const SECTORS: [Kind; 7] = [
    Kind::Acquaintance,
    Kind::Neighbour,
    Kind::PolicyMaker,
    Kind::KeyFigure,
    Kind::Colleague,
    Kind::Organisation,
    Kind::Other,
];

/// The bands of the map: rings 1 to 3, then the band of desired contacts without a ring.
pub const BANDS: usize = 4;

/// The cap height of the text face (Source Sans 3: 660 of 1000 units), the height of a line
/// of a label as Typst sets it (from the top of the capitals to the baseline).
pub const CAP_HEIGHT: f64 = 0.66;

/// `templates/map.yaml`.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct GeometryFile {
    fractions: [f64; 5],
    printed_floor: f64,
    documents: HashMap<String, DocumentGeometry>,
}

/// One document's entry of `templates/map.yaml`.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct DocumentGeometry {
    radius: HashMap<String, f64>,
    margin: f64,
    sector: f64,
    base: f64,
    floor: f64,
    step: f64,
    max_width: f64,
    max_lines: usize,
    leading: f64,
    badge: f64,
    centre: [f64; 2],
    tag: f64,
    lines: f64,
    clearance: f64,
    gap: f64,
    /// The document's own radii, where the shared ones do not suit it.
    #[serde(default)]
    fractions: Option<[f64; 5]>,
}

fn file() -> &'static GeometryFile {
    static FILE: OnceLock<GeometryFile> = OnceLock::new();
    FILE.get_or_init(|| {
        let text = templates::file("/templates/map.yaml").expect("the geometry file is embedded");
        serde_saphyr::from_str(text).expect("templates/map.yaml is valid")
    })
}

/// A dot against a badge: large enough to see and to tell its colour, small enough to
/// leave room in a crowded cell.
const DOT: f64 = 0.3;

/// The side of a badge for numbers of `size` pt, stroke included, mm: as `map.typ` draws it,
/// 1.9 times the type's size and a ninth of it for the stroke.
fn badge_side(size: f64) -> f64 {
    let size = size * MM_PER_PT;
    size * 1.9 + size / 9.0
}

/// A map as one document draws it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Geometry {
    /// The outer radius (the edge of the desired band), mm.
    pub radius: f64,
    /// The room around the circle, for the sector names, mm.
    pub margin: f64,
    /// The type size of the sector names, pt.
    pub sector_size: f64,
    /// The radii of the centre disc, of rings 1, 2 and 3 and of the desired band, as
    /// fractions of `radius`.
    pub fractions: [f64; 5],
    /// The room every label's frame keeps from ring lines, sector lines and circles, mm.
    pub clearance: f64,
    /// The room between two labels, mm.
    pub gap: f64,
    /// The type size a label starts at, pt.
    pub base: f64,
    /// The smallest type a label may be set in before it becomes a number, pt.
    pub floor: f64,
    /// How much smaller each try is, pt.
    pub step: f64,
    /// The widest a label may be, mm; a longer name is wrapped.
    pub max_width: f64,
    /// The most lines a label may take.
    pub max_lines: usize,
    /// The space between the lines of a label, in ems.
    pub leading: f64,
    /// The type size of the numbers in badges, pt; a badge is 1.9 times as wide.
    pub badge: f64,
    /// The diameter of the dot in a cell whose contact's name is outside the circle, mm.
    pub dot: f64,
    /// The type size of the centre's name: the largest and the smallest, pt.
    pub centre: (f64, f64),
    /// The type size of the ring names on the top spoke, pt.
    pub tag_size: f64,
    /// How thick the map's lines are and how wide the ring names' boxes, against the poster's.
    pub line_scale: f64,
}

impl Geometry {
    /// The map of `template` in `orientation` on `paper` (its own when `None`).
    pub fn of(template: Template, orientation: Orientation, paper: Option<Paper>) -> Self {
        let paper = paper.unwrap_or(template.paper());
        match template {
            Template::Poster | Template::Map => {
                // The A2 design scaled as a whole to the paper, as `data.typ` does.
                let (w, h) = paper.oriented_mm(orientation);
                let (dw, dh) = Template::Poster.paper().oriented_mm(orientation);
                Self::from_file("poster", orientation, 1.0, 1.0, (w / dw).min(h / dh))
            }
            Template::Handout => Self::from_file("handout", orientation, 1.0, 1.0, 1.0),
            Template::Handbook => {
                let (lengths, type_scale) = paper.handbook_scale().unwrap_or((1.0, 1.0));
                Self::from_file("handbook", orientation, lengths, type_scale, 1.0)
            }
        }
    }

    /// The poster's map on the A2 design, printed at `scale` (A0: 2, A4: 0.5).
    pub fn poster(orientation: Orientation, scale: f64) -> Self {
        Self::from_file("poster", orientation, 1.0, 1.0, scale)
    }

    /// The handout's map.
    pub fn handout() -> Self {
        Self::of(Template::Handout, Orientation::Portrait, None)
    }

    /// The handbook's map on `paper`.
    pub fn handbook(paper: Paper) -> Self {
        Self::of(Template::Handbook, Orientation::Portrait, Some(paper))
    }

    /// A document's entry of the geometry file, its lengths and type scaled by `lengths` and
    /// `type_scale`, printed at `printed` times its design size: no type smaller than the
    /// printed floor, no clearance less than a millimetre on paper.
    fn from_file(
        document: &str,
        orientation: Orientation,
        lengths: f64,
        type_scale: f64,
        printed: f64,
    ) -> Self {
        let file = file();
        let d = &file.documents[document];
        let radius = d
            .radius
            .get(orientation.name())
            .or_else(|| d.radius.values().next())
            .copied()
            .expect("every document has a radius");
        let least = file.printed_floor / printed;
        let pt = |size: f64| (size * type_scale).max(least);
        let badge = pt(d.badge);
        Geometry {
            radius: radius * lengths,
            margin: d.margin * lengths,
            sector_size: pt(d.sector),
            fractions: d.fractions.unwrap_or(file.fractions),
            clearance: (d.clearance * lengths).max(1.0 / printed),
            gap: d.gap * lengths,
            base: pt(d.base),
            floor: d.floor.max(least),
            step: d.step,
            max_width: d.max_width * lengths,
            max_lines: d.max_lines,
            leading: d.leading,
            badge,
            dot: DOT * badge_side(badge),
            centre: (pt(d.centre[0]), pt(d.centre[1])),
            tag_size: pt(d.tag),
            line_scale: d.lines * lengths,
        }
    }

    /// The side of a number's round badge, stroke included, mm.
    pub fn badge_side(&self) -> f64 {
        badge_side(self.badge)
    }

    /// The radius of band `band`'s inner and outer edge, mm.
    pub fn band_radii(&self, band: usize) -> (f64, f64) {
        (self.fractions[band] * self.radius, self.fractions[band + 1] * self.radius)
    }

    /// The angles of sector `sector`'s edges, radians, clockwise from the right (y down).
    pub fn sector_angles(&self, sector: usize) -> (f64, f64) {
        let step = std::f64::consts::TAU / SECTORS.len() as f64;
        let a0 = -std::f64::consts::FRAC_PI_2 + sector as f64 * step;
        (a0, a0 + step)
    }
}

/// The cell of a contact: its sector (by kind; `other` when none) and its band (by ring; a
/// desired contact without a ring in the outer band, a current one in ring 3).
pub fn cell_of(contact: &Contact) -> (usize, usize) {
    let kind = contact.kind.unwrap_or(Kind::Other);
    let sector = SECTORS.iter().position(|k| *k == kind).unwrap_or(SECTORS.len() - 1);
    let band = match (contact.ring, contact.status) {
        (Some(ring), _) => usize::from(ring.0) - 1,
        (None, Some(Status::Desired)) => 3,
        (None, _) => 2,
    };
    (sector, band)
}
