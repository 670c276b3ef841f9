//! How a document is printed: the paper, the print shop's bleed and crop marks, tiling onto
//! office paper, and the PDF standards the file must meet.

use std::fmt::Write as _;

use typst::foundations::{Datetime, Dict, IntoValue, Smart};
use typst_layout::PagedDocument;

use crate::answers::Date;
use crate::error::{Error, Result, Setting};
use crate::paper::{Orientation, Paper};
use crate::templates::{EDITION_DATE, Template};
use crate::tiling::{self, Plan, Tiling};

/// The bleed when crop marks are asked for without `--bleed`, in millimetres.
pub const DEFAULT_BLEED_MM: f64 = 3.0;

/// A standard that a PDF is made to meet; Typst checks the document against it and refuses
/// to write one that does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Standard {
    /// PDF/A-2b, for archiving.
    #[value(name = "a-2b")]
    A2b,
    /// PDF/A-3b, for archiving, with attachments allowed.
    #[value(name = "a-3b")]
    A3b,
    /// PDF/UA-1, accessible: tagged, with a title, a language and alternative texts.
    #[value(name = "ua-1")]
    Ua1,
}

impl Standard {
    /// `a-2b`, as on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Standard::A2b => "a-2b",
            Standard::A3b => "a-3b",
            Standard::Ua1 => "ua-1",
        }
    }

    /// Whether it is a PDF/A standard, which needs the document's date.
    pub fn is_archival(self) -> bool {
        matches!(self, Standard::A2b | Standard::A3b)
    }

    fn typst(self) -> typst_pdf::PdfStandard {
        match self {
            Standard::A2b => typst_pdf::PdfStandard::A_2b,
            Standard::A3b => typst_pdf::PdfStandard::A_3b,
            Standard::Ua1 => typst_pdf::PdfStandard::Ua_1,
        }
    }
}

/// The date a PDF carries. With PDF/A among `standards`, which requires one: the answers'
/// date, else the event's, else `clock` (`SOURCE_DATE_EPOCH`), else the templates' edition
/// ([`EDITION_DATE`]), so that a generic handbook is still the same bytes every run.
/// Without PDF/A: `clock`, so that no date goes into a file unless asked for.
pub(crate) fn document_date(
    standards: &[Standard],
    answers: Option<&Date>,
    event: Option<&Date>,
    clock: Option<Datetime>,
) -> Result<Option<Datetime>> {
    if !standards.iter().any(|s| s.is_archival()) {
        return Ok(clock);
    }
    let date = match answers.or(event) {
        // A date of the answers or the event file is checked as it is read.
        Some(date) => Date::parse(&date.0).ok().and_then(|(y, m, d)| Datetime::from_ymd(y, m, d)),
        None => clock,
    };
    let (y, m, d) = EDITION_DATE;
    Ok(date.or_else(|| Datetime::from_ymd(y, m, d)))
}

/// Refuses standards that cannot be met at once, saying why.
pub fn check_standards(standards: &[Standard]) -> Result<()> {
    pdf_standards(standards).map(|_| ())
}

/// Typst's set of standards for `standards`, or why they cannot be combined.
fn pdf_standards(standards: &[Standard]) -> Result<typst_pdf::PdfStandards> {
    let list: Vec<_> = standards.iter().map(|s| s.typst()).collect();
    typst_pdf::PdfStandards::new(&list).map_err(|err| {
        let names: Vec<_> = standards.iter().map(|s| s.name()).collect();
        Setting::Standards {
            names: names.join(","),
            reason: err.message().to_lowercase().to_string(),
        }
        .into()
    })
}

/// What goes into a PDF besides its pages.
pub(crate) struct PdfSettings<'a> {
    /// What Typst makes the file's `/ID` from.
    pub ident: String,
    /// The date in the file's metadata, if any.
    pub timestamp: Option<Datetime>,
    /// Whether the file is tagged (structure for screen readers).
    pub tagged: bool,
    /// The print settings: standards to meet, bleed to box.
    pub print: &'a Print,
}

/// Writes `document` as PDF: checked against the standards, with a BleedBox where there is
/// bleed. One way for a single document and for a batch's combined file alike.
pub(crate) fn pdf(document: &PagedDocument, settings: &PdfSettings) -> Result<Vec<u8>> {
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(settings.ident.clone()),
        timestamp: settings.timestamp.map(typst_pdf::Timestamp::new_utc),
        standards: pdf_standards(&settings.print.standards)?,
        tagged: settings.tagged,
        ..Default::default()
    };
    let pdf = typst_pdf::pdf(document, &options).map_err(|diags| {
        Error::Export(diags.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("; "))
    })?;
    settings.print.with_boxes(pdf)
}

/// How to print a document. The default is the document's own paper, no bleed, no crop
/// marks, one sheet, no standard.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Print {
    /// The paper; `None` for the document's own (A2 for the poster, A4 for the handbook).
    pub paper: Option<Paper>,
    /// Bleed beyond the trimmed sheet, in millimetres.
    pub bleed_mm: f64,
    /// Crop marks outside the bleed.
    pub crop_marks: bool,
    /// Cut the poster into sheets of office paper.
    pub tiling: Option<Tiling>,
    /// The PDF standards to meet.
    pub standards: Vec<Standard>,
}

impl Print {
    /// The plan of the sheets of a tiled poster in `orientation`; `None` without tiling.
    pub fn plan(&self, orientation: Orientation) -> Result<Option<Plan>> {
        let Some(tiling) = &self.tiling else { return Ok(None) };
        let poster = self.paper.unwrap_or(Template::Poster.paper()).oriented_mm(orientation);
        tiling::plan(poster, tiling).map(Some)
    }

    /// Adds what the templates read from `sys.inputs` about printing to `inputs`.
    pub(crate) fn add_inputs(&self, inputs: &mut Dict, orientation: Orientation) -> Result<()> {
        if let Some(paper) = self.paper {
            inputs.insert("paper".into(), paper.name().into_value());
        }
        if self.bleed_mm > 0.0 {
            inputs.insert("bleed".into(), format!("{}", self.bleed_mm).into_value());
        }
        if self.crop_marks {
            inputs.insert("crop-marks".into(), "true".into_value());
        }
        if let Some(plan) = self.plan(orientation)? {
            inputs.insert("tiling".into(), plan.to_value());
        }
        Ok(())
    }

    /// `pdf` as Typst wrote it, with a BleedBox on every page when there is bleed.
    fn with_boxes(&self, pdf: Vec<u8>) -> Result<Vec<u8>> {
        if self.bleed_mm > 0.0 || self.crop_marks {
            add_bleed_boxes(pdf, self.bleed_mm)
        } else {
            Ok(pdf)
        }
    }
}

/// Adds a `/BleedBox` to every page of `pdf` that has a `/TrimBox`: the trimmed sheet
/// grown by `bleed_mm` on every side. Typst writes the TrimBox of a page with bleed but no
/// BleedBox; without one a print shop's software takes the whole page, crop marks and all,
/// for the bleed. The boxes are added as an incremental update at the end of the file, so
/// the bytes Typst wrote, and what PDF/A and PDF/UA checked in them, stay as they are.
fn add_bleed_boxes(mut pdf: Vec<u8>, bleed_mm: f64) -> Result<Vec<u8>> {
    let broken =
        |why: &str| Error::Export(format!("could not add the bleed box to the PDF ({why})"));
    if pdf.last() != Some(&b'\n') {
        pdf.push(b'\n');
    }
    let doc = lopdf::Document::load_mem(&pdf).map_err(|e| broken(&e.to_string()))?;
    let bleed = bleed_mm * 72.0 / 25.4;
    let mut update = Vec::new();
    let mut offsets = Vec::new();
    for (_, id) in doc.get_pages() {
        let page = doc.get_dictionary(id).map_err(|e| broken(&e.to_string()))?;
        let rect = |key: &[u8]| -> Option<[f64; 4]> {
            let array = page.get(key).ok()?.as_array().ok()?;
            let v: Vec<f64> =
                array.iter().filter_map(|o| o.as_float().ok()).map(f64::from).collect();
            (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]])
        };
        let (Some(trim), Some(media)) = (rect(b"TrimBox"), rect(b"MediaBox")) else { continue };
        let bleed_box = [
            (trim[0] - bleed).max(media[0]),
            (trim[1] - bleed).max(media[1]),
            (trim[2] + bleed).min(media[2]),
            (trim[3] + bleed).min(media[3]),
        ];
        let Some(lopdf::xref::XrefEntry::Normal { offset, .. }) = doc.reference_table.get(id.0)
        else {
            return Err(broken("a page is not where the cross-reference table says"));
        };
        let object = &pdf[*offset as usize..];
        let end = find(object, b"endobj").ok_or_else(|| broken("a page object has no end"))?;
        let body = &object[..end];
        let close = rfind(body, b">>").ok_or_else(|| broken("a page is not a dictionary"))?;
        offsets.push((id.0, pdf.len() + update.len()));
        update.extend_from_slice(&body[..close]);
        let mut entry = String::from("/BleedBox[");
        for (i, v) in bleed_box.iter().enumerate() {
            let _ = write!(entry, "{}{v:.3}", if i > 0 { " " } else { "" });
        }
        entry.push(']');
        update.extend_from_slice(entry.as_bytes());
        update.extend_from_slice(&body[close..]);
        update.extend_from_slice(b"endobj\n");
    }
    if offsets.is_empty() {
        return Ok(pdf);
    }
    // The new cross-reference section lists the rewritten pages; its trailer is the old one
    // with a pointer back to the old section.
    let start = rfind(&pdf, b"startxref").ok_or_else(|| broken("no startxref"))?;
    let trailer_at = rfind(&pdf[..start], b"trailer").ok_or_else(|| broken("no trailer"))?;
    let trailer = &pdf[trailer_at + b"trailer".len()..start];
    let trailer_end =
        rfind(trailer, b">>").ok_or_else(|| broken("the trailer is not a dictionary"))?;
    let xref_at = pdf.len() + update.len();
    offsets.sort();
    let mut xref = String::from("xref\n");
    for (id, offset) in &offsets {
        let _ = write!(xref, "{id} 1\n{offset:010} 00000 n \n");
    }
    xref.push_str("trailer\n");
    update.extend_from_slice(xref.as_bytes());
    update.extend_from_slice(trailer[..trailer_end].trim_ascii());
    update.extend_from_slice(
        format!("/Prev {}>>\nstartxref\n{xref_at}\n%%EOF\n", doc.xref_start).as_bytes(),
    );
    pdf.extend_from_slice(&update);
    Ok(pdf)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
