//! One PDF with every participant's document, for the printer.

use typst::layout::{Frame, FrameItem};
use typst_layout::{Page, PagedDocument};

use super::{Batch, Kept};
use crate::answers::Lang;
use crate::error::Result;
use crate::print::{self, PdfSettings};
use crate::render::Engine;
use crate::templates;

/// A page without the introspection tags in its frames. The tags hold the document's
/// content, far more than the drawing; the combined PDF, made for the printer, is not
/// tagged and needs none of it.
pub(super) fn untagged(mut page: Page) -> Page {
    fn strip(frame: &mut Frame) {
        frame.retain(|item| match item {
            FrameItem::Tag(_) => false,
            FrameItem::Group(group) => {
                strip(&mut group.frame);
                true
            }
            _ => true,
        });
    }
    strip(&mut page.frame);
    page
}

/// Every document's pages in order in one PDF, each document starting on an odd page (a
/// blank page of the same size after a document with an odd number of pages), so that
/// printing on both sides never puts two people on one sheet.
pub(super) fn combine(
    documents: Vec<Kept>,
    batch: &Batch,
    lang: Lang,
    engine: &Engine,
) -> Result<Vec<u8>> {
    let (template, event) = (batch.template, batch.event.as_deref());
    let mut all: typst::ecow::EcoVec<Page> = typst::ecow::EcoVec::new();
    for document in &documents {
        for page in &document.pages {
            let mut page = page.clone();
            page.number = all.len() as u64 + 1;
            all.push(page);
        }
        if document.pages.len() % 2 == 1
            && let Some(last) = document.pages.last()
        {
            all.push(Page {
                frame: Frame::hard(last.frame.size()),
                bleed: last.bleed,
                fill: last.fill.clone(),
                numbering: None,
                supplement: typst::foundations::Content::empty(),
                number: all.len() as u64 + 1,
            });
        }
    }
    let words = templates::words(lang);
    let title = words["combined_title"][template.name()].as_str().unwrap_or_default();
    let mut info = documents.first().map(|d| d.info.clone()).unwrap_or_default();
    info.title = Some(match event.and_then(|e| e.title.as_deref()) {
        Some(workshop) => format!("{title} · {workshop}").into(),
        None => title.into(),
    });
    info.author = Vec::new();
    let combined = PagedDocument::new(all, info);
    // PDF/A's date: the workshop's, else the clock's; the answers of one participant would
    // not do for all.
    let event_date = event.and_then(|e| e.date.as_ref());
    let timestamp =
        print::document_date(&batch.print.standards, None, event_date, engine.timestamp())?;
    let settings = PdfSettings {
        // Typst hashes the identifier: the combined file's comes from everything in it.
        ident: format!(
            "netkaart/combined/{}",
            documents.iter().map(|d| d.ident.as_str()).collect::<Vec<_>>().join("\n")
        ),
        timestamp,
        tagged: false,
        print: &batch.print,
    };
    print::pdf(&combined, &settings)
}
