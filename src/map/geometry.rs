//! The network map's geometry for each document: its radius and the box around its circle,
//! its rings and sectors, the type of its labels, the room they keep, and the look of what it
//! draws, read from `templates/map.yaml`. netkaart lays the map out from it and hands it to
//! `map.typ` with the layout, so that what is drawn is what was measured. Lengths are
//! millimetres and type sizes points, both in the document's own design units: a poster
//! printed on other paper than A2 is the A2 design scaled as a whole.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::answers::{Contact, Kind, Status};
use crate::paper::{Orientation, Paper};
use crate::templates::{self, MapScale, Template};

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

/// Which map a poster gets: the blank poster's leaves every question its room to write by
/// hand; a filled poster's typed answers need less, and give the map more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Plan {
    /// The blank poster, filled in by hand.
    Blank,
    /// A personalised poster.
    Filled,
}

impl Plan {
    /// The plan of a poster of `contacts`: a map with names on it is the filled poster's;
    /// answers without contacts leave the map and every question empty or half-empty, to
    /// be written on by hand, and keep the blank poster's.
    pub fn for_contacts(contacts: Option<&[Contact]>) -> Plan {
        if contacts.is_some_and(|c| !c.is_empty()) { Plan::Filled } else { Plan::Blank }
    }

    fn key(self) -> &'static str {
        match self {
            Plan::Blank => "blank",
            Plan::Filled => "filled",
        }
    }
}

/// A value for a person's frame and one for an organisation's.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
pub struct ByLevel {
    /// A person's (the personal level).
    pub personal: f64,
    /// An organisation's.
    pub organisation: f64,
}

impl ByLevel {
    /// The value for an organisation's frame when `organisation`, else for a person's.
    pub fn of(&self, organisation: bool) -> f64 {
        if organisation { self.organisation } else { self.personal }
    }
}

/// The frame of a name on the map, in ems of the name's type.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "kebab-case"))]
pub struct LabelLook {
    /// The room beside the name.
    pub inset_x: ByLevel,
    /// The room above and below the name.
    pub inset_y: f64,
    /// The frame's line.
    pub stroke: f64,
    /// The frame's corners: round for a person, square for an organisation.
    pub corner: ByLevel,
}

/// A number's round badge, in ems of the number's type.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct BadgeLook {
    /// The side of the badge, its line not counted.
    pub side: f64,
    /// Its line.
    pub stroke: f64,
}

/// The boxes of the ring names on the top spoke: inset and corner in millimetres, times the
/// map's line scale; the line in points.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "kebab-case"))]
pub struct TagLook {
    /// The room beside the ring's name.
    pub inset_x: f64,
    /// The room above and below it.
    pub inset_y: f64,
    /// The corners.
    pub corner: f64,
    /// The line, pt.
    pub stroke: f64,
}

/// The legend and the list in the corners of the map's box: the marks beside their words and
/// the numbered names, in ems of their type.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "kebab-case"))]
pub struct ListLook {
    /// The width of a legend's mark or a list entry's mark (a badge, a dot).
    pub mark: f64,
    /// The room after a mark.
    pub gap: f64,
    /// The room between two rows of the legend or two entries of the list.
    pub spacing: f64,
    /// The room between a list's columns, mm.
    pub gutter: f64,
}

/// How what the map draws looks, as the layout measures it and `map.typ` draws it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all(deserialize = "kebab-case"))]
pub struct Look {
    /// A name's frame.
    pub label: LabelLook,
    /// A number's badge.
    pub badge: BadgeLook,
    /// The dot in a cell whose name stands outside the circle, as a fraction of a badge's
    /// side.
    pub dot: f64,
    /// The line from that dot to the name, pt (times the line scale).
    pub leader: f64,
    /// The ring names' boxes.
    pub tag: TagLook,
    /// How far outside the circle the sector names stand, mm (times the line scale).
    pub sector_gap: f64,
    /// The legend and the list beside the map.
    pub list: ListLook,
    /// The marks before a name on the map that compares two dates.
    pub marks: Marks,
}

/// The marks set before a contact's name on the map of a network then and now: they read in
/// black and white, and the legend explains them.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Marks {
    /// A contact new on the map.
    pub new: String,
    /// A contact no longer on it (in the list beside it).
    pub gone: String,
    /// A desired contact that became a current one.
    pub realised: String,
    /// A contact in a ring nearer the centre.
    pub closer: String,
    /// A contact in a ring further out.
    pub further: String,
}

/// `templates/map.yaml`.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct GeometryFile {
    fractions: [f64; 5],
    printed_floor: f64,
    look: Look,
    documents: HashMap<String, DocumentGeometry>,
}

/// A map's size in one document, plan and orientation: the radius, and the box around the
/// circle (mm beyond the radius at each side, above and below).
#[derive(Debug, Clone, Copy, Deserialize)]
struct Size {
    radius: f64,
    side: f64,
    top: f64,
    bottom: f64,
}

/// A map's sizes in one document and plan: by orientation (a document with one orientation
/// uses it for both), and the plan's own radii, where the document's do not suit it.
#[derive(Debug, Clone, Copy, Deserialize)]
struct PlanSize {
    #[serde(default)]
    fractions: Option<[f64; 5]>,
    #[serde(default)]
    landscape: Option<Size>,
    #[serde(default)]
    portrait: Option<Size>,
}

/// The legend and the list in the corners of the map's box (the poster's).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct CornersFile {
    legend: f64,
    list: [f64; 2],
    column: [f64; 2],
    write_in: [f64; 2],
}

/// One document's entry of `templates/map.yaml`.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct DocumentGeometry {
    /// By plan (`blank`, `filled`, or `any`).
    size: HashMap<String, PlanSize>,
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
    #[serde(default)]
    corners: Option<CornersFile>,
}

/// How what every map draws looks (`look:` of `templates/map.yaml`), the same in every
/// document: the marks of a map then and now, say.
pub fn look() -> &'static Look {
    &file().look
}

fn file() -> &'static GeometryFile {
    static FILE: OnceLock<GeometryFile> = OnceLock::new();
    FILE.get_or_init(|| {
        let text = templates::file("/templates/map.yaml").expect("the geometry file is embedded");
        serde_saphyr::from_str(text).expect("templates/map.yaml is valid")
    })
}

/// The map's box around its circle: how far each edge is from the centre, mm.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MapBox {
    /// To the left edge.
    pub left: f64,
    /// To the right edge.
    pub right: f64,
    /// To the top edge.
    pub top: f64,
    /// To the bottom edge.
    pub bottom: f64,
}

impl MapBox {
    /// The box's width, mm.
    pub fn width(&self) -> f64 {
        self.left + self.right
    }

    /// The box's height, mm.
    pub fn height(&self) -> f64 {
        self.top + self.bottom
    }
}

/// The legend and the list beside the map in the corners of its box, where a document has
/// them there (the poster).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Corners {
    /// The legend's type size, pt.
    pub legend: f64,
    /// The list's type: the largest it is set in and the smallest, pt.
    pub list: (f64, f64),
    /// The width of a column of the list, in ems of its type: the widest, and the
    /// narrowest that a long list is set in before its type is set smaller.
    pub column: (f64, f64),
    /// On the blank poster, the lines to write names on: the room between them and the
    /// shortest that is drawn, mm.
    pub write_in: (f64, f64),
}

/// A map as one document draws it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Geometry {
    /// The outer radius (the edge of the desired band), mm.
    pub radius: f64,
    /// The box the map is drawn in, around its circle.
    #[serde(rename = "box")]
    pub frame: MapBox,
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
    /// The type size of the numbers in badges, pt.
    pub badge: f64,
    /// The diameter of the dot in a cell whose contact's name is outside the circle, mm.
    pub dot: f64,
    /// The type size of the centre's name: the largest and the smallest, pt.
    pub centre: (f64, f64),
    /// The type size of the ring names on the top spoke, pt.
    pub tag_size: f64,
    /// How thick the map's lines are and how wide the ring names' boxes, against the poster's.
    pub line_scale: f64,
    /// How what the map draws looks.
    pub look: Look,
    /// The legend and the list in the box's corners, where the document has them there.
    pub corners: Option<Corners>,
}

impl Geometry {
    /// The map of `template` in `orientation` on `paper` (its own when `None`); a poster's
    /// as `plan` has it.
    pub fn of(
        template: Template,
        orientation: Orientation,
        paper: Option<Paper>,
        plan: Plan,
    ) -> Self {
        let paper = paper.unwrap_or(template.paper());
        match template.document().map {
            MapScale::Poster => {
                // The A2 design scaled as a whole to the paper, as `data.typ` does.
                let (w, h) = paper.oriented_mm(orientation);
                let (dw, dh) = Template::Poster.paper().oriented_mm(orientation);
                Self::poster(orientation, (w / dw).min(h / dh), plan)
            }
            MapScale::Fixed(entry) => Self::from_file(entry, orientation, plan, 1.0, 1.0, 1.0),
            MapScale::Handbook(entry) => {
                let (lengths, type_scale) = paper.handbook_scale().unwrap_or((1.0, 1.0));
                Self::from_file(entry, orientation, plan, lengths, type_scale, 1.0)
            }
        }
    }

    /// The poster's map on the A2 design, printed at `scale` (A0: 2, A4: 0.5).
    pub fn poster(orientation: Orientation, scale: f64, plan: Plan) -> Self {
        Self::from_file("poster", orientation, plan, 1.0, 1.0, scale)
    }

    /// The handout's map.
    pub fn handout() -> Self {
        Self::of(Template::Handout, Orientation::Portrait, None, Plan::Filled)
    }

    /// The handbook's map on `paper`.
    pub fn handbook(paper: Paper) -> Self {
        Self::of(Template::Handbook, Orientation::Portrait, Some(paper), Plan::Filled)
    }

    /// A document's entry of the geometry file, its lengths and type scaled by `lengths` and
    /// `type_scale`, printed at `printed` times its design size: no type smaller than the
    /// printed floor, no clearance less than a millimetre on paper.
    fn from_file(
        document: &str,
        orientation: Orientation,
        plan: Plan,
        lengths: f64,
        type_scale: f64,
        printed: f64,
    ) -> Self {
        let file = file();
        let d = &file.documents[document];
        let by_plan = d
            .size
            .get(plan.key())
            .or_else(|| d.size.get("any"))
            .expect("every document has a size for every plan");
        let (first, second) = match orientation {
            Orientation::Landscape => (by_plan.landscape, by_plan.portrait),
            Orientation::Portrait => (by_plan.portrait, by_plan.landscape),
        };
        let size = first.or(second).expect("every document has a radius");
        let least = file.printed_floor / printed;
        let pt = |size: f64| (size * type_scale).max(least);
        let badge = pt(d.badge);
        let look = file.look.clone();
        let radius = size.radius * lengths;
        let frame = MapBox {
            left: radius + size.side * lengths,
            right: radius + size.side * lengths,
            top: radius + size.top * lengths,
            bottom: radius + size.bottom * lengths,
        };
        let dot = look.dot * badge * (look.badge.side + look.badge.stroke) * MM_PER_PT;
        let corners = d.corners.map(|c| Corners {
            legend: pt(c.legend),
            list: (pt(c.list[0]), pt(c.list[1])),
            column: (c.column[0], c.column[1]),
            write_in: (c.write_in[0] * lengths, c.write_in[1] * lengths),
        });
        Geometry {
            radius,
            frame,
            sector_size: pt(d.sector),
            fractions: by_plan.fractions.or(d.fractions).unwrap_or(file.fractions),
            clearance: (d.clearance * lengths).max(1.0 / printed),
            gap: d.gap * lengths,
            base: pt(d.base),
            floor: d.floor.max(least),
            step: d.step,
            max_width: d.max_width * lengths,
            max_lines: d.max_lines,
            leading: d.leading,
            badge,
            dot,
            centre: (pt(d.centre[0]), pt(d.centre[1])),
            tag_size: pt(d.tag),
            line_scale: d.lines * lengths,
            look,
            corners,
        }
    }

    /// The same map with the outer radius `radius`, in the same box.
    pub fn with_radius(&self, radius: f64) -> Self {
        Geometry { radius, ..self.clone() }
    }

    /// The side of a number's round badge, stroke included, mm.
    pub fn badge_side(&self) -> f64 {
        let b = &self.look.badge;
        self.badge * (b.side + b.stroke) * MM_PER_PT
    }

    /// The outer size of a label's frame, mm: the text `width` (mm) in `lines` lines at
    /// `size`, with the frame's inset and stroke.
    pub fn frame(&self, width: f64, lines: usize, size: f64, organisation: bool) -> (f64, f64) {
        let s = size * MM_PER_PT;
        let l = &self.look.label;
        let (inset_x, inset_y, stroke) =
            (l.inset_x.of(organisation) * s, l.inset_y * s, l.stroke * s);
        let text_h = lines as f64 * CAP_HEIGHT * s + (lines as f64 - 1.0) * self.leading * s;
        (width + 2.0 * inset_x + stroke, text_h + 2.0 * inset_y + stroke)
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

    /// The sector that a direction (radians, clockwise from the right) points into.
    pub fn sector_at(&self, angle: f64) -> usize {
        let step = std::f64::consts::TAU / SECTORS.len() as f64;
        let from_top = (angle + std::f64::consts::FRAC_PI_2).rem_euclid(std::f64::consts::TAU);
        ((from_top / step) as usize).min(SECTORS.len() - 1)
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
