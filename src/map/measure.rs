//! How wide a line of text is when Typst sets it: the embedded faces shaped with rustybuzz,
//! the shaper Typst uses, each character in the first family of the theme's list
//! (`templates/theme.typ`) that has it, in the face of the nearest weight.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use rustybuzz::{Face, ShapePlan, UnicodeBuffer};
use typst::foundations::Bytes;
use typst::text::Font;

use crate::fonts::EMBEDDED;

/// The families the templates ask for, in their order: the text face, then the fallbacks.
pub const FAMILIES: &[&str] = &["Source Sans 3", "Noto Sans Arabic", "DejaVu Sans", "Noto Emoji"];

/// The weight of a text: labels are regular, the ring names semibold, the centre's name
/// bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// 400.
    Regular,
    /// 600.
    SemiBold,
    /// 700.
    Bold,
}

impl Weight {
    /// The weight as a number, as fonts give it.
    pub fn number(self) -> u16 {
        match self {
            Weight::Regular => 400,
            Weight::SemiBold => 600,
            Weight::Bold => 700,
        }
    }
}

/// One embedded face, ready to shape.
struct Shaper {
    family: usize,
    weight: u16,
    italic: bool,
    face: Face<'static>,
}

/// Measures text with the embedded faces.
pub struct Measure {
    shapers: Vec<Shaper>,
    /// Shaping plans by face, direction and script: making one costs more than shaping a
    /// name with it, so each is made once, as Typst does.
    plans: Mutex<HashMap<(usize, u8, u32), Arc<ShapePlan>>>,
}

impl Measure {
    /// The measure of the embedded fonts, made once.
    pub fn embedded() -> &'static Measure {
        static MEASURE: OnceLock<Measure> = OnceLock::new();
        MEASURE.get_or_init(|| {
            let mut shapers = Vec::new();
            for data in EMBEDDED {
                for font in Font::iter(Bytes::new(*data)) {
                    let info = font.info();
                    let Some(family) = FAMILIES.iter().position(|f| *f == info.family) else {
                        continue;
                    };
                    let Some(face) = Face::from_slice(data, font.index()) else { continue };
                    shapers.push(Shaper {
                        family,
                        weight: info.variant.weight.to_number(),
                        italic: info.variant.style != typst::text::FontStyle::Normal,
                        face,
                    });
                }
            }
            Measure { shapers, plans: Mutex::new(HashMap::new()) }
        })
    }

    /// The face of `family` nearest to `weight`, upright, by its index.
    fn face(&self, family: usize, weight: Weight) -> Option<usize> {
        (0..self.shapers.len())
            .filter(|&i| self.shapers[i].family == family && !self.shapers[i].italic)
            .min_by_key(|&i| self.shapers[i].weight.abs_diff(weight.number()))
    }

    /// The width of one word (no spaces) at 1 pt, in points, remembered by each thread: a
    /// name is measured word by word, its lines' widths added up from the words', and in
    /// a workshop's batch the same first names and words come back again and again.
    pub fn word(&self, word: &str, weight: Weight) -> f64 {
        // Enough for the words of a large workshop; a batch of thousands starts afresh.
        const MOST: usize = 20_000;
        thread_local! {
            // One table per weight, so that a word is looked up without being copied.
            static WORDS: RefCell<[HashMap<String, f64>; 3]> = RefCell::default();
        }
        let table = weight as usize;
        WORDS.with(|words| {
            if let Some(&width) = words.borrow()[table].get(word) {
                return width;
            }
            let width = self.width(word, 1.0, weight);
            let words = &mut words.borrow_mut()[table];
            if words.len() >= MOST {
                words.clear();
            }
            words.insert(word.to_string(), width);
            width
        })
    }

    /// The width of `text` on one line at `size` points, in points, added up from the
    /// widths of its words and of the spaces between them (see `word`): within a hundredth
    /// of Typst's width for the line as a whole, kerning across a space being rare.
    pub fn line(&self, text: &str, size: f64, weight: Weight) -> f64 {
        let (mut total, mut words) = (0.0, 0);
        for word in text.split_whitespace() {
            total += self.word(word, weight);
            words += 1;
        }
        let spaces = words.max(1) - 1;
        (total + spaces as f64 * self.word(" ", weight)) * size
    }

    /// The width of `text` on one line at `size` points, in points.
    pub fn width(&self, text: &str, size: f64, weight: Weight) -> f64 {
        let faces: Vec<usize> = (0..FAMILIES.len()).filter_map(|f| self.face(f, weight)).collect();
        let Some(&first) = faces.first() else { return 0.0 };
        // Runs of characters that one face draws; white space goes with the run it is in.
        let mut total = 0.0;
        let mut run = String::new();
        let mut run_face = 0;
        for c in text.chars() {
            let face = if c.is_whitespace() {
                run_face
            } else {
                faces
                    .iter()
                    .position(|&s| self.shapers[s].face.glyph_index(c).is_some())
                    .unwrap_or(0)
            };
            if face != run_face && !run.is_empty() {
                total += self.shape(faces[run_face], &run, size);
                run.clear();
            }
            run_face = face;
            run.push(c);
        }
        if !run.is_empty() {
            total += self.shape(faces.get(run_face).copied().unwrap_or(first), &run, size);
        }
        total
    }
}

impl Measure {
    /// The advance of `text` shaped with face `index` at `size` points.
    fn shape(&self, index: usize, text: &str, size: f64) -> f64 {
        let face = &self.shapers[index].face;
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let (direction, script) = (buffer.direction(), buffer.script());
        let key = (index, direction as u8, script.tag().as_u32());
        // The lock is held only to find the plan: two workers shape at the same time.
        let plan = self
            .plans
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(key)
            .or_insert_with(|| Arc::new(ShapePlan::new(face, direction, Some(script), None, &[])))
            .clone();
        let glyphs = rustybuzz::shape_with_plan(face, &plan, buffer);
        let units: i64 = glyphs.glyph_positions().iter().map(|p| i64::from(p.x_advance)).sum();
        units as f64 * size / f64::from(face.units_per_em())
    }
}
