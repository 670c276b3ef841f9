//! Compiling a template with a participant's answers, and exporting the result as PDF, PNG
//! or SVG.

use std::collections::HashMap;
use std::fmt::{self, Display, Formatter};
use std::sync::{Arc, Mutex};

use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, IntoValue, Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::layout::{Frame, FrameItem};
use typst::utils::{LazyHash, PicoStr};
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

use crate::answers::Answers;
use crate::clock;
use crate::error::{Error, Remedy, Result};
use crate::event::{EVENT_PATH, Event};
use crate::fonts::{self, Fonts};
use crate::lang::Lang;
use crate::map::MapData;
use crate::messages::Message;
use crate::paper::{Orientation, Paper};
use crate::print::{self, PdfSettings, Print};
use crate::review::compare::Comparison;
use crate::review::group::Group;
use crate::templates::{Source, Template, Then};
use crate::world::{NetWorld, Sources, file_id};

/// Trims Typst's memoisation caches to what the last few documents used. A loop that
/// compiles many documents calls it after each one; without it memory grows by about
/// 1.4 MiB per document.
pub fn evict() {
    typst::comemo::evict(4);
}

/// What to make: a template, the answers that fill it, and its settings.
#[derive(Debug, Clone)]
pub struct Request {
    /// The document.
    pub template: Template,
    /// The answers; [`Answers::blank`] for the blank poster or the generic handbook.
    pub answers: Answers,
    /// The poster's orientation (the handbook and the handout are always portrait).
    pub orientation: Orientation,
    /// The workshop's branding, when there is one.
    pub event: Option<Arc<Event>>,
    /// The paper, bleed, crop marks, tiling and PDF standards.
    pub print: Print,
    /// The same participant's older answers, for the documents that show the network then
    /// and now (`Then` in [`DOCUMENTS`](crate::templates::DOCUMENTS)).
    pub before: Option<Arc<Answers>>,
    /// A group's figures, for the documents made from a group's answers.
    pub group: Option<Arc<Group>>,
}

impl Request {
    /// A request without an event, printed on the document's own paper.
    pub fn new(template: Template, answers: Answers, orientation: Orientation) -> Self {
        Request {
            template,
            answers,
            orientation,
            event: None,
            print: Print::default(),
            before: None,
            group: None,
        }
    }

    /// What the templates read at [`ANSWERS_PATH`](crate::templates::ANSWERS_PATH): the
    /// answers, and the map laid out for this document. `netkaart data` writes it too, for
    /// the stock `typst` command.
    pub fn data(&self) -> String {
        self.data_and_map().0
    }

    /// The data, and the map laid out in it (which `serve` hands its page too).
    fn data_and_map(&self) -> (String, MapData) {
        #[derive(serde::Serialize)]
        struct Data<'a> {
            #[serde(flatten)]
            answers: &'a Answers,
            map: &'a MapData,
            #[serde(skip_serializing_if = "Option::is_none")]
            compare: Option<CompareData<'a>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            group: Option<&'a Group>,
        }
        let map = MapData::of(&self.answers, self.template, self.orientation, self.print.paper);
        let compare = match (self.template.document().then, &self.before) {
            (Then::Optional(drawn) | Then::Required(drawn), Some(before)) => {
                Some(CompareData::of(before, &self.answers, drawn, self.print.paper))
            }
            _ => None,
        };
        let group = match self.template.document().source {
            Source::Group => self.group.as_deref(),
            Source::Answers => None,
        };
        let data = Data { answers: &self.answers, map: &map, compare, group };
        (serde_json::to_string_pretty(&data).expect("the data always serialises"), map)
    }

    /// The template's main file: a tiled poster has one of its own.
    fn main_path(&self) -> &'static str {
        match (self.template, &self.print.tiling) {
            (Template::Poster, Some(_)) => "/templates/tiles.typ",
            (template, _) => template.main_path(),
        }
    }
}

/// What the templates read of a network then and now (`compare` in the data): the older
/// answers, the figures, and the map of the newer answers with each change marked.
#[derive(serde::Serialize)]
struct CompareData<'a> {
    before: &'a Answers,
    figures: Comparison,
    /// The newer answers' contacts, each changed one's name after its mark.
    contacts: Vec<crate::answers::Contact>,
    map: MapData,
}

impl<'a> CompareData<'a> {
    fn of(before: &'a Answers, now: &Answers, drawn: Template, paper: Option<Paper>) -> Self {
        let figures = Comparison::of(before, now);
        let marked = figures.marked(now, &crate::map::geometry::look().marks);
        let map = MapData::of(&marked, drawn, Orientation::Portrait, paper);
        CompareData { before, figures, contacts: marked.contacts.unwrap_or_default(), map }
    }
}

/// Something the reader of a document should know, with the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The dotted path of the answer (`why.statement`).
    pub field: String,
    /// What happened.
    pub message: Message,
    /// The language of the document, which the warning is worded in.
    pub lang: Lang,
    /// What the reader could change outside the answers (a font with the characters).
    pub remedy: Option<Remedy>,
}

impl Display for Warning {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        // A warning about the document as a whole (the portrait's names) names no field.
        if self.field.is_empty() {
            return write!(f, "{}", self.message.render(self.lang));
        }
        write!(f, "{}: {}", self.field, self.message.render(self.lang))
    }
}

/// A compiled document and what it warned about.
pub struct Compiled {
    /// The laid-out pages.
    pub document: PagedDocument,
    /// Answers cut to fit, characters no font has, and the like.
    pub warnings: Vec<Warning>,
    /// The map as it was laid out for the document (drawn or not).
    pub map: MapData,
    ident: String,
    timestamp: Option<Datetime>,
    print: Print,
}

/// The standard library for each combination of settings that the templates read from
/// `sys.inputs`, keyed by those inputs.
type Libraries = HashMap<String, Arc<LazyHash<Library>>>;

/// Compiles documents. Fonts, templates and libraries are loaded once and shared; one
/// engine can compile on many threads at once.
pub struct Engine {
    fonts: Fonts,
    sources: Arc<Sources>,
    libraries: Mutex<Libraries>,
    today: Option<Datetime>,
    timestamp: Option<Datetime>,
}

impl Engine {
    /// An engine with the embedded fonts and no clock.
    pub fn new() -> Self {
        let sources = Arc::new(Sources::new());
        warm_up(&sources);
        Self::with_sources(Fonts::embedded(), sources)
    }

    /// An engine with the given fonts and no clock.
    pub fn with_fonts(fonts: Fonts) -> Self {
        let sources = Arc::new(Sources::new());
        warm_up(&sources);
        Self::with_sources(fonts, sources)
    }

    fn with_sources(fonts: Fonts, sources: Arc<Sources>) -> Self {
        Engine {
            fonts,
            sources,
            libraries: Mutex::new(HashMap::new()),
            today: None,
            timestamp: None,
        }
    }

    /// Stamps documents with this moment (seconds since 1970, as in `SOURCE_DATE_EPOCH`)
    /// instead of leaving the date out.
    pub fn with_epoch(mut self, seconds: i64) -> Self {
        self.today = clock::epoch_date(seconds);
        self.timestamp = clock::epoch_datetime(seconds);
        self
    }

    /// The moment documents are stamped with (`SOURCE_DATE_EPOCH`), if any.
    pub(crate) fn timestamp(&self) -> Option<Datetime> {
        self.timestamp
    }

    /// The fonts of this engine.
    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// The standard library with the settings as `sys.inputs`, as the stock CLI's
    /// `--input` gives them: one library per combination, shared by every document.
    fn library(&self, request: &Request) -> Result<Arc<LazyHash<Library>>> {
        let mut inputs = Dict::new();
        inputs.insert("orientation".into(), request.orientation.name().into_value());
        if request.event.is_some() {
            inputs.insert("event".into(), EVENT_PATH.into_value());
        }
        request.print.add_inputs(&mut inputs, request.orientation)?;
        let key = format!("{inputs:?}");
        let mut libraries = self.libraries.lock().unwrap_or_else(|e| e.into_inner());
        Ok(libraries
            .entry(key)
            .or_insert_with(|| {
                Arc::new(LazyHash::new(Library::builder().with_inputs(inputs).build()))
            })
            .clone())
    }

    /// Compiles one document.
    pub fn compile(&self, request: &Request) -> Result<Compiled> {
        let (json, map) = request.data_and_map();
        let event_json = request.event.as_ref().map(|e| e.to_json());
        let timestamp = print::document_date(
            &request.print.standards,
            request.answers.person.as_ref().and_then(|p| p.date.as_ref()),
            request.event.as_ref().and_then(|e| e.date.as_ref()),
            self.timestamp,
        )?;
        let world = NetWorld {
            library: self.library(request)?,
            fonts: &self.fonts,
            sources: &self.sources,
            main: file_id(request.main_path()),
            answers: Bytes::from_string(json.clone()),
            event: event_json.clone().map(Bytes::from_string),
            logo: request.event.as_ref().and_then(|e| e.logo.as_ref()).map(|l| l.bytes.clone()),
            today: self.today,
        };
        let warned = typst::compile::<PagedDocument>(&world);
        let document =
            warned.output.map_err(|diags| Error::Compile(format_diagnostics(&world, &diags)))?;

        let mut warnings = Vec::new();
        let event_texts = request.event.iter().flat_map(|e| e.texts());
        for (field, text) in request.answers.texts().into_iter().chain(event_texts) {
            let missing = self.fonts.missing(&text);
            if !missing.is_empty() {
                let key = if missing.len() == 1 { "render.no_font_one" } else { "render.no_font" };
                warnings.push(Warning {
                    field,
                    message: Message::new(key).arg("chars", fonts::describe(&missing)),
                    lang: request.answers.lang(),
                    remedy: Some(Remedy::FontPath(missing.len())),
                });
            }
        }
        warnings.extend(template_warnings(&document, request.template, request.answers.lang()));
        let ident = format!(
            "netkaart/{}/{}/{:?}/{}/{}",
            request.template.name(),
            request.orientation.name(),
            request.print,
            json,
            event_json.unwrap_or_default()
        );
        Ok(Compiled { document, warnings, map, ident, timestamp, print: request.print.clone() })
    }
}

/// Readies on a second core, while the first document's fonts are read and its map laid
/// out, what its compilation needs next: the faces the map is measured with, the templates
/// parsed, and the messages that report it. Whatever is not ready when it is needed is made
/// there, once.
fn warm_up(sources: &Arc<Sources>) {
    let sources = Arc::clone(sources);
    let started = std::thread::Builder::new().name("netkaart-warm-up".into()).spawn(move || {
        crate::map::Measure::embedded();
        sources.parse_all();
        crate::messages::catalogue(crate::messages::reader());
    });
    // Without a thread, everything is made when it is needed.
    drop(started);
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

/// The warnings that the templates record as `<netkaart-warning>` metadata.
fn template_warnings(document: &PagedDocument, template: Template, lang: Lang) -> Vec<Warning> {
    let label = Label::new(PicoStr::intern("netkaart-warning")).expect("a valid label");
    let mut out: Vec<Warning> = Vec::new();
    for content in document.introspector().query(&Selector::Label(label)) {
        let Some(meta) = content.to_packed::<MetadataElem>() else { continue };
        let Value::Dict(dict) = &meta.value else { continue };
        let get = |key: &str| match dict.get(key) {
            Ok(Value::Str(s)) => s.to_string(),
            _ => String::new(),
        };
        let warning = Warning {
            field: get("field"),
            message: match get("kind").as_str() {
                "cut" => Message::new("render.cut")
                    .with("document", Message::new(template.document().word)),
                // The group portrait's names: the figures per participant have them all.
                "names_cut" => Message::new("render.names_cut"),
                other => Message::new("plain").arg("text", other),
            },
            lang,
            remedy: None,
        };
        if !out.contains(&warning) {
            out.push(warning);
        }
    }
    out
}

/// Typst diagnostics as `file:line:column: error: message`, with hints.
fn format_diagnostics(world: &NetWorld, diags: &[SourceDiagnostic]) -> String {
    let mut out = Vec::new();
    for diag in diags {
        let severity = match diag.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = diag
            .span
            .id()
            .and_then(|id| {
                let source = world.source(id).ok()?;
                let range = world.range(diag.span)?;
                let (line, col) = source.lines().byte_to_line_column(range.start)?;
                Some(format!("{}:{}:{}: ", id.vpath().get_without_slash(), line + 1, col + 1))
            })
            .unwrap_or_default();
        out.push(format!("{place}{severity}: {}", diag.message));
        for hint in &diag.hints {
            out.push(format!("  = hint: {}", hint.v));
        }
    }
    out.join("\n")
}

/// The resolution of PNG pages unless asked otherwise, in pixels per inch: an A2 poster
/// about 3,400 pixels wide, sharp on a screen and on a slide.
pub const DEFAULT_PPI: f32 = 144.0;

/// An output format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// one PDF, ready to print
    #[default]
    Pdf,
    /// one PNG image per page
    Png,
    /// one SVG image per page
    Svg,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Png => "png",
            Format::Svg => "svg",
        }
    }
}

impl Compiled {
    /// The document as files: one PDF, or one PNG or SVG per page. `ppi` is for PNG.
    pub fn export(&self, format: Format, ppi: f32) -> Result<Vec<Vec<u8>>> {
        match format {
            Format::Pdf => Ok(vec![self.pdf()?]),
            Format::Png => (0..self.page_count()).map(|i| self.png(i, ppi)).collect(),
            Format::Svg => Ok(self
                .document
                .pages()
                .iter()
                .map(|page| {
                    let options = typst_svg::SvgOptions { render_bleed: false, pretty: false };
                    typst_svg::svg(page, &options).into_bytes()
                })
                .collect()),
        }
    }

    /// Page `index` (from 0) as PNG, at `ppi`.
    pub fn png(&self, index: usize, ppi: f32) -> Result<Vec<u8>> {
        let options = typst_render::RenderOptions {
            pixel_per_pt: (ppi as f64 / 72.0).into(),
            render_bleed: false,
        };
        typst_render::render(&self.document.pages()[index], &options)
            .encode_png()
            .map_err(|err| Error::Export(format!("PNG encoding failed: {err}")))
    }

    /// The document as PDF, with an identifier of its own and no clock unless asked; with
    /// the PDF standards asked for, checked by Typst, and a BleedBox when there is bleed.
    pub fn pdf(&self) -> Result<Vec<u8>> {
        let settings = PdfSettings {
            ident: self.ident.clone(),
            timestamp: self.timestamp,
            tagged: true,
            print: &self.print,
        };
        print::pdf(&self.document, &settings)
    }

    /// The text of every page, in reading order, as it is laid out.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for page in self.document.pages() {
            frame_text(&page.frame, &mut out);
            out.push('\n');
        }
        out
    }

    /// What the PDF's identifier is made from: the template, its settings and the data.
    pub(crate) fn ident(&self) -> &str {
        &self.ident
    }

    /// The number of pages.
    pub fn page_count(&self) -> usize {
        self.document.pages().len()
    }
}

fn frame_text(frame: &Frame, out: &mut String) {
    frame_text_after(frame, out, &mut None);
}

/// `last` is the previous item's text when that item was one cluster: a character whose
/// marks come from several fonts is one item per font, each holding the whole cluster,
/// and a reader sees it once.
fn frame_text_after(frame: &Frame, out: &mut String, last: &mut Option<String>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => frame_text_after(&group.frame, out, last),
            FrameItem::Text(text) => {
                let cluster = !text.glyphs.is_empty()
                    && text.glyphs.iter().all(|g| g.range() == (0..text.text.len()));
                if cluster && last.as_deref() == Some(text.text.as_str()) {
                    continue;
                }
                *last = cluster.then(|| text.text.to_string());
                out.push_str(&text.text);
                out.push(' ');
            }
            _ => {}
        }
    }
}
