//! The map as the page's input: the poster's map as `src/map/` laid it out, handed to the
//! page as data beside its drawing, so that the page knows each cell (to add a contact where
//! it is tapped, to drop a dragged name there) and where every name went (in its cell,
//! outside the circle, as a number, in the list), and says so in the participant's words.
//! The page draws nothing that this does not say: the picture is Typst's, the places are
//! the layout's.

use serde::Serialize;
use serde_json::Value;

use std::sync::OnceLock;

use crate::answers::{Answers, Level, Status};
use crate::form::label;
use crate::lang::Lang;
use crate::map::geometry::{BANDS, MapBox, SECTORS, cell_of};
use crate::map::{MapData, Rect, map_words};
use crate::messages::Message;
use crate::templates::words;

/// The map of one preview, for the page.
#[derive(Serialize, Debug)]
pub(super) struct MapView {
    /// The box the map is drawn in, mm from the circle's centre.
    #[serde(rename = "box")]
    frame: MapBox,
    /// The rings 1 to 3 and the desired band, from the centre out.
    bands: Vec<Band>,
    /// The sectors, clockwise from the top.
    sectors: Vec<Sector>,
    /// The form's options of a contact's level: personal, organisation.
    levels: &'static [String; 2],
    /// The form's options of a contact's status: current, desired.
    statuses: &'static [String; 2],
    /// Every contact, in the answers' order, and where its name went.
    contacts: Vec<Placed>,
    /// Each cell's words, by sector and band ("Buurtbewoners, 2 Regelmatig").
    cells: &'static [Vec<String>],
}

/// A band of the map: a ring, or the desired band.
#[derive(Serialize, Debug)]
struct Band {
    /// Its inner and outer radius, mm.
    from: f64,
    to: f64,
    /// The form's option of a contact's ring in it; none for the desired band, whose
    /// contacts are desired and have no ring.
    ring: Option<&'static str>,
}

/// A sector of the map.
#[derive(Serialize, Debug)]
struct Sector {
    /// The angles of its edges, radians, clockwise from the right (y down).
    from: f64,
    to: f64,
    /// The form's option of a contact's kind in it.
    kind: &'static str,
}

/// Where a contact's name went on the map.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Place {
    /// In its cell.
    Cell,
    /// Outside the circle, with a line to a dot in its cell.
    Outside,
    /// A number in its cell, the name in the list beside the map.
    Number,
    /// In the list beside the map only, with its cell's words: no room even for a number.
    List,
    /// Nowhere: the list beside the map had no room for it either.
    Nowhere,
}

/// One contact on the page's map.
#[derive(Serialize, Debug)]
struct Placed {
    /// Its name.
    name: String,
    /// Its sector and band.
    cell: (usize, usize),
    /// Where its name went.
    place: Place,
    /// What the page marks as the name: its frame, its number's badge, or none (listed).
    rect: Option<Rect>,
    /// Where the name went, and why when not in its cell, in the participant's words.
    said: String,
}

/// The words of the page's map in one language, which no answer changes: the form's
/// options of each ring, kind, level and status, and each cell's words.
struct Words {
    rings: [Option<String>; BANDS],
    kinds: Vec<String>,
    levels: [String; 2],
    statuses: [String; 2],
    cells: Vec<Vec<String>>,
}

/// The words of the page's map in `lang`, made once per language rather than once per
/// preview.
fn view_words(lang: Lang) -> &'static Words {
    static WORDS: [OnceLock<Words>; crate::lang::COUNT] =
        [const { OnceLock::new() }; crate::lang::COUNT];
    WORDS[lang.index()].get_or_init(|| {
        let w = words(lang);
        let map_words = map_words(lang);
        let cells = map_words
            .sectors
            .iter()
            .map(|sector| {
                map_words
                    .rings
                    .iter()
                    .map(|ring| {
                        Message::new("placed.cell")
                            .arg("sector", sector)
                            .arg("ring", ring)
                            .render(lang)
                    })
                    .collect()
            })
            .collect();
        Words {
            rings: std::array::from_fn(|band| {
                (band < 3).then(|| option(w, "contacts.ring", &(band + 1).to_string()))
            }),
            kinds: SECTORS.iter().map(|kind| option(w, "contacts.kind", &key(kind))).collect(),
            levels: [
                option(w, "contacts.level", &key(&Level::Personal)),
                option(w, "contacts.level", &key(&Level::Organisation)),
            ],
            statuses: [
                option(w, "contacts.status", &key(&Status::Current)),
                option(w, "contacts.status", &key(&Status::Desired)),
            ],
            cells,
        }
    })
}

impl MapView {
    /// The page's map of `map`, laid out for `answers`, in `lang`.
    pub(super) fn of(map: &MapData, answers: &Answers, lang: Lang) -> Self {
        let g = &map.geometry;
        let words = view_words(lang);
        let bands = (0..BANDS)
            .map(|band| {
                let (from, to) = g.band_radii(band);
                Band { from, to, ring: words.rings[band].as_deref() }
            })
            .collect();
        let sectors = (0..SECTORS.len())
            .map(|i| {
                let (from, to) = g.sector_angles(i);
                Sector { from, to, kind: &words.kinds[i] }
            })
            .collect();
        let contacts = answers.contacts.as_deref().unwrap_or(&[]);
        let placed = contacts
            .iter()
            .enumerate()
            .map(|(i, contact)| {
                let cell = cell_of(contact);
                let label = map.layout.labels.iter().find(|l| l.contact == i);
                let badge = map.layout.badges.iter().find(|b| b.contact == i);
                let listed = map.list.as_ref().is_some_and(|l| !l.left_out.contains(&i));
                let (place, rect) = match (label, badge) {
                    (Some(l), _) if l.leader.is_some() => (Place::Outside, Some(l.rect)),
                    (Some(l), _) => (Place::Cell, Some(l.rect)),
                    (None, Some(b)) if listed => (Place::Number, Some(b.rect)),
                    (None, None) if listed => (Place::List, None),
                    (None, _) => (Place::Nowhere, badge.map(|b| b.rect)),
                };
                let message = match place {
                    Place::Cell => "placed.in_cell",
                    Place::Outside => "placed.outside",
                    Place::Number => "placed.number",
                    Place::List => "placed.listed",
                    Place::Nowhere => "placed.nowhere",
                };
                let number = badge.map_or(0, |b| b.number);
                let said = Message::new(message)
                    .arg("name", &contact.name.0)
                    .arg("cell", &words.cells[cell.0][cell.1])
                    .arg("number", number)
                    .render(lang);
                Placed { name: contact.name.0.clone(), cell, place, rect, said }
            })
            .collect();
        MapView {
            frame: g.frame,
            bands,
            sectors,
            levels: &words.levels,
            statuses: &words.statuses,
            contacts: placed,
            cells: &words.cells,
        }
    }
}

/// A value's key as the answers write it (`policy_maker`).
fn key(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The form's option for the value `key` of the field at `pattern` (`contacts.ring`, `2`:
/// "2 Regelmatig"), which the page chooses in the contact's select.
fn option(w: &Value, pattern: &str, key: &str) -> String {
    label(w, pattern, key).unwrap_or_else(|| panic!("{pattern} has the value {key}"))
}
