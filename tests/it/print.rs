//! Print production: paper sizes, bleed and crop marks, tiling onto office paper, PDF/A and
//! PDF/UA.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use crate::common::*;
use netkaart::tiling::{Plan, Tiling};
use netkaart::{
    Answers, Compiled, Event, Lang, Orientation, Paper, Print, Request, Standard, Template,
};
use typst::layout::{Frame, FrameItem};
use typst_layout::Page;

const POSTER_PAPERS: [Paper; 5] = [Paper::A0, Paper::A1, Paper::A2, Paper::A3, Paper::A4];
const ORIENTATIONS: [Orientation; 2] = [Orientation::Landscape, Orientation::Portrait];
const PT_PER_MM: f64 = 72.0 / 25.4;

fn request(
    template: Template,
    answers: Answers,
    orientation: Orientation,
    print: Print,
) -> Request {
    Request { print, ..Request::new(template, answers, orientation) }
}

fn compile_request(request: &Request) -> Compiled {
    let _turn = crate::common::turn();
    match engine().compile(request) {
        Ok(compiled) => compiled,
        Err(err) => panic!("compiling failed: {err}"),
    }
}

fn on_paper(paper: Paper) -> Print {
    Print { paper: Some(paper), ..Print::default() }
}

/// The blank poster and the filled example, in one language each.
fn posters() -> [(&'static str, Answers); 2] {
    [("blank", Answers::blank(Lang::Nl)), ("filled", example("an-peeters.yaml"))]
}

#[track_caller]
fn must_be_size(page: &Page, (w, h): (f64, f64), what: &str) {
    let size = page.frame.size();
    let (pw, ph) = (size.x.to_pt(), size.y.to_pt());
    assert!(
        (pw - w * PT_PER_MM).abs() < 0.01 && (ph - h * PT_PER_MM).abs() < 0.01,
        "{what}: the page is {:.1} × {:.1} mm, expected {w} × {h} mm",
        pw / PT_PER_MM,
        ph / PT_PER_MM
    );
}

/// Every text's size on the printed page: its size times the scale of the groups around it.
fn printed_text_sizes(frame: &Frame, scale: f64, out: &mut Vec<f64>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let t = group.transform;
                let det = (t.sx.get() * t.sy.get() - t.kx.get() * t.ky.get()).abs().sqrt();
                printed_text_sizes(&group.frame, scale * det, out);
            }
            FrameItem::Text(text) => out.push(text.size.to_pt() * scale),
            _ => {}
        }
    }
}

fn smallest_and_largest_text(compiled: &Compiled) -> (f64, f64) {
    let mut sizes = Vec::new();
    printed_text_sizes(&compiled.document.pages()[0].frame, 1.0, &mut sizes);
    let min = sizes.iter().copied().fold(f64::INFINITY, f64::min);
    let max = sizes.iter().copied().fold(0.0, f64::max);
    (min, max)
}

#[test]
fn every_paper_size_and_orientation_has_its_page_size_blank_and_filled() {
    for paper in POSTER_PAPERS {
        for orientation in ORIENTATIONS {
            for (what, answers) in posters() {
                let compiled = compile_request(&request(
                    Template::Poster,
                    answers,
                    orientation,
                    on_paper(paper),
                ));
                assert_eq!(compiled.page_count(), 1);
                let label = format!("{what} poster on {paper:?} {orientation:?}");
                must_be_size(&compiled.document.pages()[0], paper.oriented_mm(orientation), &label);
            }
        }
    }
}

#[test]
fn type_scales_with_the_sheet_and_stays_legible_on_a4() {
    let size = |paper, answers| {
        let compiled = compile_request(&request(
            Template::Poster,
            answers,
            Orientation::Landscape,
            on_paper(paper),
        ));
        smallest_and_largest_text(&compiled)
    };
    let (_, a2_title) = size(Paper::A2, Answers::blank(Lang::Nl));
    let (_, a0_title) = size(Paper::A0, Answers::blank(Lang::Nl));
    let (_, a4_title) = size(Paper::A4, Answers::blank(Lang::Nl));
    // The title is the largest text: 46 pt on A2, in proportion elsewhere.
    assert!((a2_title - 46.0).abs() < 0.5, "A2 title {a2_title} pt");
    assert!((a0_title / a2_title - 841.0 / 420.0).abs() < 0.02, "A0 title {a0_title} pt");
    assert!((a4_title / a2_title - 0.5).abs() < 0.01, "A4 title {a4_title} pt");
    // The smallest type of a full A4 poster, whose answers shrink as far as they can.
    for answers in
        [Answers::blank(Lang::Nl), example("an-peeters.yaml"), example("green-lane.yaml")]
    {
        let (a4_min, _) = size(Paper::A4, answers);
        assert!(a4_min >= 5.99, "text of {a4_min:.2} pt on the A4 poster");
    }
}

#[test]
fn the_handbook_is_a4_or_a5() {
    for (paper, dims) in [(Paper::A4, (210.0, 297.0)), (Paper::A5, (148.0, 210.0))] {
        let compiled = compile_request(&request(
            Template::Handbook,
            example("an-peeters.yaml"),
            Orientation::Portrait,
            on_paper(paper),
        ));
        for (i, page) in compiled.document.pages().iter().enumerate() {
            must_be_size(page, dims, &format!("handbook page {} on {paper:?}", i + 1));
        }
        // Everything is there on both: the answers and the action list.
        let text = compiled.text();
        must_contain(&text, "Sofie Janssens");
        must_contain(&text, "Afspraak maken met de wijkregisseur");
    }
}

// ---------------------------------------------------------------- bleed and crop marks

/// The boxes of a PDF's first page, as a print shop's software reads them: each as (left,
/// bottom, right, top) in points, read with lopdf (the latest revision of an incrementally
/// updated file), with the defaults of the PDF standard for the boxes a page leaves out
/// (MediaBox from the page tree, CropBox = MediaBox, BleedBox and TrimBox = CropBox).
fn boxes(pdf: &Path) -> std::collections::HashMap<String, [f64; 4]> {
    let doc = lopdf::Document::load(pdf).expect("a PDF that lopdf reads");
    let (_, page) = doc.get_pages().into_iter().next().expect("a page");
    let rect = |key: &[u8]| -> Option<[f64; 4]> {
        // A box may be inherited from the page's parents in the page tree.
        let mut id = page;
        loop {
            let dict = doc.get_dictionary(id).ok()?;
            if let Ok(object) = dict.get(key) {
                let object = match object {
                    lopdf::Object::Reference(r) => doc.get_object(*r).ok()?,
                    other => other,
                };
                let v: Vec<f64> = object
                    .as_array()
                    .ok()?
                    .iter()
                    .filter_map(|o| o.as_float().ok())
                    .map(f64::from)
                    .collect();
                return (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]]);
            }
            id = dict.get(b"Parent").ok()?.as_reference().ok()?;
        }
    };
    let media = rect(b"MediaBox").expect("every page has a MediaBox");
    let crop = rect(b"CropBox").unwrap_or(media);
    let mut found = std::collections::HashMap::new();
    found.insert("MediaBox".to_string(), media);
    found.insert("CropBox".to_string(), crop);
    found.insert("BleedBox".to_string(), rect(b"BleedBox").unwrap_or(crop));
    found.insert("TrimBox".to_string(), rect(b"TrimBox").unwrap_or(crop));
    found
}

#[track_caller]
fn must_be_box(found: [f64; 4], expected: [f64; 4], name: &str) {
    for (f, e) in found.iter().zip(expected) {
        assert!((f - e).abs() < 0.02, "{name} is {found:?}, expected {expected:?}");
    }
}

/// Arguments, the paper's size in mm, the bleed in mm, and whether there are crop marks.
type Case<'a> = (&'a [&'a str], (f64, f64), f64, bool);

#[test]
fn bleed_and_crop_marks_give_trim_and_bleed_boxes() {
    let dir = tempdir();
    let cases: [Case; 4] = [
        (&["blank", "--crop-marks"], (594.0, 420.0), 3.0, true),
        (
            &[
                "blank",
                "--bleed",
                "5",
                "--crop-marks",
                "--paper",
                "a3",
                "--orientation",
                "portrait",
            ],
            (297.0, 420.0),
            5.0,
            true,
        ),
        (&["blank", "--bleed", "3", "--paper", "a0"], (1189.0, 841.0), 3.0, false),
        (&["poster", "ANSWERS", "--crop-marks", "--paper", "a1"], (841.0, 594.0), 3.0, true),
    ];
    let answers = root().join("examples/an-peeters.yaml");
    for (i, (args, (w, h), bleed, marks)) in cases.iter().enumerate() {
        let out = dir.join(format!("{i}.pdf"));
        let mut args: Vec<String> = args
            .iter()
            .map(|a| if *a == "ANSWERS" { answers.display().to_string() } else { a.to_string() })
            .collect();
        args.extend(["-o".into(), out.display().to_string()]);
        must_succeed(&netkaart(&dir, &args.iter().map(String::as_str).collect::<Vec<_>>()));
        let found = boxes(&out);
        // The marks stand in a strip of 10 mm beyond the bleed.
        let slug = if *marks { 10.0 } else { 0.0 };
        let outer = (bleed + slug) * PT_PER_MM;
        let (tw, th) = (w * PT_PER_MM, h * PT_PER_MM);
        let media = [0.0, 0.0, tw + 2.0 * outer, th + 2.0 * outer];
        let trim = [outer, outer, outer + tw, outer + th];
        let b = bleed * PT_PER_MM;
        let bleed_box = [outer - b, outer - b, outer + tw + b, outer + th + b];
        must_be_box(found["MediaBox"], media, &format!("{args:?}: MediaBox"));
        must_be_box(found["TrimBox"], trim, &format!("{args:?}: TrimBox"));
        must_be_box(found["BleedBox"], bleed_box, &format!("{args:?}: BleedBox"));
    }
}

/// RGBA pixels of a page, with its bleed or without, at `ppmm` pixels per millimetre.
fn render_at(page: &Page, ppmm: f32, bleed: bool) -> pixels::Image {
    let pixmap = typst_render::render(
        page,
        &typst_render::RenderOptions {
            pixel_per_pt: (ppmm as f64 / PT_PER_MM).into(),
            render_bleed: bleed,
        },
    );
    pixels::Image::new(pixmap.width(), pixmap.height(), pixmap.data())
}

#[test]
fn the_background_runs_into_the_bleed_and_the_crop_marks_stay_outside_it() {
    let print = Print { bleed_mm: 3.0, crop_marks: true, ..Print::default() };
    let compiled = compile_request(&request(
        Template::Poster,
        Answers::blank(Lang::Nl),
        Orientation::Landscape,
        print,
    ));
    // 4 px per mm: the slug is 40 px wide, the bleed 12 px, then the trimmed sheet.
    let image = render_at(&compiled.document.pages()[0], 4.0, true);
    let (w, h) = (image.width, image.height);
    let (slug, trim) = (40, 52);
    assert_eq!((w, h), (4 * (594 + 26), 4 * (420 + 26)));
    let paper = [0xfb, 0xfa, 0xf7];
    for (x, y) in
        [(slug + 1, slug + 1), (slug + 6, 600), (w - slug - 2, h - slug - 2), (1200, h - trim + 1)]
    {
        assert_eq!(image.rgb(x, y), paper, "the bleed at ({x}, {y}) has the paper's colour");
    }
    // Crop marks: dark pixels in the slug, in line with the trimmed sheet's edges.
    // A line of 0.5 pt is two grey pixels wide at this resolution.
    let dark = |x: usize, y: usize| image.rgb(x, y).iter().all(|&c| c < 200);
    let near = |c: usize| c - 1..=c + 1;
    assert!(
        (0..slug).any(|x| near(trim).any(|y| dark(x, y))),
        "a crop mark left of the top left corner"
    );
    assert!(
        (0..slug).any(|y| near(trim).any(|x| dark(x, y))),
        "a crop mark above the top left corner"
    );
    assert!(
        (w - slug..w).any(|x| near(h - trim).any(|y| dark(x, y))),
        "a crop mark right of the bottom right corner"
    );
    // Nothing but paper in the bleed: the marks never reach it.
    for i in slug..trim {
        for j in slug..w - slug {
            assert_eq!(image.rgb(j, i), paper, "the bleed at ({j}, {i})");
            assert_eq!(image.rgb(j, h - 1 - i), paper, "the bleed at ({j}, {})", h - 1 - i);
        }
    }
}

#[test]
fn the_organisations_colour_bar_runs_into_the_bleed() {
    let print = Print { bleed_mm: 3.0, crop_marks: true, ..Print::default() };
    let mut request =
        request(Template::Poster, Answers::blank(Lang::Nl), Orientation::Portrait, print);
    request.event = Some(event());
    let image = render_at(&compile_request(&request).document.pages()[0], 4.0, true);
    // The event's accent, #1d5fa8, from the bleed's top edge (52 px less 12) into the sheet.
    let accent = [0x1d, 0x5f, 0xa8];
    for (x, y) in [(41, 41), (image.width / 2, 41), (image.width - 42, 50), (image.width / 2, 60)] {
        assert_eq!(image.rgb(x, y), accent, "the colour bar at ({x}, {y})");
    }
    // Down the sides, the bleed is paper.
    assert_eq!(image.rgb(41, image.height / 2), [0xfb, 0xfa, 0xf7]);
}

// ---------------------------------------------------------------- tiling

fn tiled(
    answers: Answers,
    paper: Paper,
    orientation: Orientation,
    sheet: Paper,
) -> (Compiled, Plan) {
    let print = Print { paper: Some(paper), tiling: Some(Tiling::new(sheet)), ..Print::default() };
    let plan = print.plan(orientation).expect("a valid plan").expect("tiled");
    (compile_request(&request(Template::Poster, answers, orientation, print)), plan)
}

/// Pixels per millimetre for the comparisons: 2, so that half millimetres fall on pixels.
const PPMM: f32 = 2.0;

fn render(page: &Page) -> pixels::Image {
    render_at(page, PPMM, false)
}

/// The tiles stitched by their offsets, as they are glued: a sheet lies over its neighbours
/// on the right and below, so the sheets are laid from the last to the first.
fn stitch(compiled: &Compiled, plan: &Plan, width: usize, height: usize) -> pixels::Image {
    let mut canvas = pixels::Image::blank(width, height);
    let px = |mm: f64| (mm * PPMM as f64).round() as i64;
    let (pw, ph) = plan.printable_mm();
    for (i, tile) in plan.tiles.iter().enumerate().rev() {
        let sheet = render(&compiled.document.pages()[i + 1]);
        let m = px(plan.margin_mm);
        for sy in 0..px(ph) {
            for sx in 0..px(pw) {
                let (x, y) = (px(tile.x_mm) + sx, px(tile.y_mm) + sy);
                if x < 0 || y < 0 || x >= width as i64 || y >= height as i64 {
                    continue;
                }
                let from = sheet.rgba((m + sx) as usize, (m + sy) as usize);
                canvas.set(x as usize, y as usize, from);
            }
        }
    }
    canvas
}

/// The share of pixels that differ clearly between two images of the same size.
fn share_different(a: &pixels::Image, b: &pixels::Image) -> f64 {
    assert_eq!((a.width, a.height), (b.width, b.height));
    let mut different = 0usize;
    for y in 0..a.height {
        for x in 0..a.width {
            let (p, q) = (a.rgb(x, y), b.rgb(x, y));
            if p.iter().zip(q).any(|(u, v)| u.abs_diff(v) > 48) {
                different += 1;
            }
        }
    }
    different as f64 / (a.width * a.height) as f64
}

#[track_caller]
fn must_keep_the_margin_blank(image: &pixels::Image, margin_px: usize, what: &str) {
    for y in 0..image.height {
        for x in 0..image.width {
            let inside = x >= margin_px
                && y >= margin_px
                && x < image.width - margin_px
                && y < image.height - margin_px;
            if !inside {
                let [r, g, b, a] = image.rgba(x, y);
                assert!(
                    a == 0 || (r, g, b) == (255, 255, 255),
                    "{what}: the printer margin is not blank at ({x}, {y})"
                );
            }
        }
    }
}

#[test]
fn tiles_cover_the_whole_poster_for_every_paper_size_and_orientation() {
    for paper in POSTER_PAPERS {
        for orientation in ORIENTATIONS {
            for (what, answers) in posters() {
                let label = format!("{what} {paper:?} {orientation:?} on A4");
                let (compiled, plan) = tiled(answers.clone(), paper, orientation, Paper::A4);
                // The overview and one page per sheet, each of the sheet's size.
                assert_eq!(compiled.page_count(), plan.tiles.len() + 1, "{label}");
                for page in compiled.document.pages() {
                    must_be_size(page, plan.sheet_mm, &label);
                }
                // No other choice of orientation would need fewer sheets.
                let (w, h) = paper.oriented_mm(orientation);
                assert!(
                    plan.cols * plan.rows <= sheets_needed((w, h), &plan, !plan.landscape),
                    "{label}"
                );
                // Stitched by their offsets, the sheets are the poster.
                let poster = compile_request(&request(
                    Template::Poster,
                    answers,
                    orientation,
                    on_paper(paper),
                ));
                let whole = render(&poster.document.pages()[0]);
                let stitched = stitch(&compiled, &plan, whole.width, whole.height);
                let share = share_different(&whole, &stitched);
                assert!(share < 0.001, "{label}: {:.2} % of the pixels differ", share * 100.0);
                // Every page, the overview too, leaves the printer margin blank.
                let margin = (plan.margin_mm * PPMM as f64).floor() as usize;
                for (i, page) in compiled.document.pages().iter().enumerate() {
                    must_keep_the_margin_blank(
                        &render(page),
                        margin,
                        &format!("{label}, page {}", i + 1),
                    );
                }
            }
        }
    }
}

/// Sheets needed in the other orientation, counted the same way as the plan.
fn sheets_needed((w, h): (f64, f64), plan: &Plan, landscape: bool) -> usize {
    let (a, b) = plan.sheet_mm;
    let (sw, sh) = if landscape == plan.landscape { (a, b) } else { (b, a) };
    let along = |len: f64, sheet: f64| {
        let p = sheet - 2.0 * plan.margin_mm;
        ((len - plan.overlap_mm) / (p - plan.overlap_mm)).ceil().max(1.0) as usize
    };
    along(w, sw) * along(h, sh)
}

#[test]
fn a3_sheets_and_other_overlaps_stitch_too() {
    for (paper, orientation, overlap, margin) in [
        (Paper::A2, Orientation::Landscape, 10.0, 6.0),
        (Paper::A1, Orientation::Portrait, 20.0, 4.0),
        (Paper::A0, Orientation::Landscape, 0.0, 10.0),
    ] {
        let tiling = Tiling { sheet: Paper::A3, margin_mm: margin, overlap_mm: overlap };
        let print = Print { paper: Some(paper), tiling: Some(tiling), ..Print::default() };
        let plan = print.plan(orientation).unwrap().unwrap();
        let answers = example("green-lane.yaml");
        let compiled =
            compile_request(&request(Template::Poster, answers.clone(), orientation, print));
        let poster =
            compile_request(&request(Template::Poster, answers, orientation, on_paper(paper)));
        let whole = render(&poster.document.pages()[0]);
        let share = share_different(&whole, &stitch(&compiled, &plan, whole.width, whole.height));
        assert!(share < 0.001, "{paper:?} on A3, overlap {overlap}: {:.2} % differ", share * 100.0);
    }
}

#[test]
fn each_sheet_says_what_it_is_and_where_it_goes_and_text_stays_text() {
    let (compiled, plan) =
        tiled(example("an-peeters.yaml"), Paper::A2, Orientation::Landscape, Paper::A4);
    assert_eq!((plan.cols, plan.rows), (4, 2));
    let text = compiled.text();
    let pages: Vec<&str> = text.split('\n').collect();
    must_contain(pages[0], "De poster samenstellen");
    must_contain(pages[0], "op 8 vellen A4 staand");
    for label in ["A1", "A4", "B1", "B4"] {
        must_contain(pages[0], label);
    }
    must_contain(pages[1], "A1");
    must_contain(pages[1], "rij A, kolom 1");
    must_contain(pages[6], "B2");
    must_contain(pages[6], "lijm B1 over deze strook");
    must_contain(pages[6], "lijm A2 over deze strook");
    // The poster on the sheets is vector: its words are text, not pictures.
    must_contain(pages[1], "Je netwerk");
    let english = tiled(example("green-lane.yaml"), Paper::A2, Orientation::Portrait, Paper::A3).0;
    must_contain(&english.text(), "Putting the poster together");
}

// ---------------------------------------------------------------- PDF/A and PDF/UA

fn with_standards(standards: &[Standard]) -> Print {
    Print { standards: standards.to_vec(), ..Print::default() }
}

fn event() -> Arc<Event> {
    Arc::new(Event::load(&root().join("examples/event/workshop.yaml"), &[]).expect("valid"))
}

/// Every kind of document, with the event's logo where it shows.
fn every_document(print: &Print) -> Vec<(String, Request)> {
    let tiled = Print { tiling: Some(Tiling::new(Paper::A4)), ..print.clone() };
    let a5 = Print { paper: Some(Paper::A5), ..print.clone() };
    let mut out = Vec::new();
    for (name, template, answers, print) in [
        ("blank poster", Template::Poster, Answers::blank(Lang::Nl), print.clone()),
        ("poster", Template::Poster, example("an-peeters.yaml"), print.clone()),
        ("tiled poster", Template::Poster, example("an-peeters.yaml"), tiled),
        ("generic handbook", Template::Handbook, Answers::blank(Lang::En), print.clone()),
        ("handbook", Template::Handbook, example("an-peeters.yaml"), a5),
        ("handout", Template::Handout, example("green-lane.yaml"), print.clone()),
    ] {
        let mut request = request(template, answers, Orientation::Landscape, print);
        request.event = Some(event());
        out.push((name.to_string(), request));
    }
    out
}

fn pdf_of(request: &Request, what: &str) -> Vec<u8> {
    match compile_request(request).pdf() {
        Ok(pdf) => pdf,
        Err(err) => panic!("{what}: {err}"),
    }
}

fn holds(pdf: &[u8], needle: &str) -> bool {
    pdf.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn every_document_passes_pdf_a_and_declares_it() {
    for (standard, part) in [(Standard::A2b, "2"), (Standard::A3b, "3")] {
        for (what, request) in every_document(&with_standards(&[standard])) {
            let pdf = pdf_of(&request, &what);
            assert!(
                holds(&pdf, &format!("<pdfaid:part>{part}</pdfaid:part>")),
                "{what}: no PDF/A part"
            );
            assert!(holds(&pdf, "<pdfaid:conformance>B</pdfaid:conformance>"), "{what}");
        }
    }
}

#[test]
fn every_document_passes_pdf_ua_with_a_title_a_language_and_alternative_texts() {
    for (what, request) in every_document(&with_standards(&[Standard::Ua1, Standard::A2b])) {
        let pdf = pdf_of(&request, &what);
        assert!(holds(&pdf, "<pdfuaid:part>1</pdfuaid:part>"), "{what}: no PDF/UA part");
        assert!(holds(&pdf, "<pdfaid:part>2</pdfaid:part>"), "{what}: no PDF/A part");
        let doc = lopdf::Document::load_mem(&pdf).expect("a readable PDF");
        let catalog = doc.catalog().expect("a catalog");
        assert!(catalog.get(b"StructTreeRoot").is_ok(), "{what}: not tagged");
        let lang = catalog.get(b"Lang").and_then(|l| l.as_str()).expect("a language");
        assert!(lang == b"nl" || lang == b"en", "{what}: language {lang:?}");
        let alts = alternative_texts(&doc);
        assert!(
            alts.iter().any(|a| a.starts_with("Logo van") || a.starts_with("Logo of")),
            "{what}: {alts:?}"
        );
        if what != "blank poster" && what != "generic handbook" {
            let map = alts
                .iter()
                .find(|a| a.contains("contact"))
                .unwrap_or_else(|| panic!("{what}: no map text in {alts:?}"));
            let name = if what == "handout" {
                "Maria Lopez (Neighbours, Core, current contact, personal level)"
            } else {
                "Sofie Janssens"
            };
            must_contain(map, name);
        }
    }
}

/// Every `/Alt` of the structure tree, decoded.
fn alternative_texts(doc: &lopdf::Document) -> Vec<String> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"Alt").ok())
        .filter_map(|a| lopdf::decode_text_string(a).ok())
        .collect()
}

#[test]
fn the_map_of_the_blank_poster_is_described_in_words() {
    let request = request(
        Template::Poster,
        Answers::blank(Lang::En),
        Orientation::Landscape,
        with_standards(&[Standard::Ua1]),
    );
    let doc = lopdf::Document::load_mem(&pdf_of(&request, "blank")).unwrap();
    let alts = alternative_texts(&doc);
    assert!(
        alts.iter().any(|a| a.starts_with("An empty network map") && a.contains("Policy makers")),
        "{alts:?}"
    );
}

#[test]
fn pdf_a_takes_its_date_from_the_answers_the_event_source_date_epoch_or_the_edition() {
    let dir = tempdir();
    let answers = root().join("examples/an-peeters.yaml");
    let event = root().join("examples/event/workshop.yaml");
    let run = |args: &[&str], epoch: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_netkaart"));
        cmd.args(args).current_dir(&dir).env_remove("SOURCE_DATE_EPOCH");
        if let Some(e) = epoch {
            cmd.env("SOURCE_DATE_EPOCH", e);
        }
        cmd.output().expect("runs")
    };
    let date_of = |file: &str| {
        let pdf = std::fs::read(dir.join(file)).unwrap();
        let at = pdf.windows(15).position(|w| w == b"<xmp:CreateDate").expect("a date");
        String::from_utf8_lossy(&pdf[at + 16..at + 26]).into_owned()
    };
    // The answers' own date.
    let a = answers.to_str().unwrap();
    must_succeed(&run(&["poster", a, "--pdf-standard", "a-2b", "-o", "1.pdf"], Some("0")));
    assert_eq!(date_of("1.pdf"), "2026-12-03");
    // No answers: the event's date.
    let e = event.to_str().unwrap();
    must_succeed(&run(&["blank", "--event", e, "--pdf-standard", "a-3b", "-o", "2.pdf"], None));
    assert_eq!(date_of("2.pdf"), "2026-12-03");
    // Neither: SOURCE_DATE_EPOCH.
    must_succeed(&run(&["handbook", "--pdf-standard", "a-2b", "-o", "3.pdf"], Some("1800000000")));
    assert_eq!(date_of("3.pdf"), "2027-01-15");
    // None of the three: the templates' edition, the same every run.
    must_succeed(&run(&["handbook", "--pdf-standard", "a-2b", "-o", "4.pdf"], None));
    let (y, m, d) = netkaart::templates::EDITION_DATE;
    assert_eq!(date_of("4.pdf"), format!("{y:04}-{m:02}-{d:02}"));
    let first = std::fs::read(dir.join("4.pdf")).unwrap();
    must_succeed(&run(&["handbook", "--pdf-standard", "a-2b", "-o", "4.pdf"], None));
    assert_eq!(first, std::fs::read(dir.join("4.pdf")).unwrap(), "the same bytes every run");
}

// ---------------------------------------------------------------- the command line

#[test]
fn options_that_do_not_go_together_are_refused_before_any_work() {
    let dir = tempdir();
    for (args, expected) in [
        (&["blank", "--tile", "a4", "--crop-marks"][..], "--tile is for an office printer"),
        (&["blank", "--bleed", "25"], "--bleed 25 is out of range"),
        (&["blank", "--bleed=-1"], "--bleed -1 is out of range"),
        (&["blank", "--crop-marks", "--format", "png"], "apply to PDF output only"),
        (&["blank", "--tile", "a3", "--overlap", "40"], "--overlap 40 is out of range"),
        (
            &["blank", "--tile", "a3", "--printer-margin", "25"],
            "--printer-margin 25 is out of range",
        ),
        (&["blank", "--overlap", "5"], "--tile"),
        (&["blank", "--paper", "a5"], "invalid value 'a5'"),
        (&["handbook", "--paper", "a3"], "invalid value 'a3'"),
        (
            &["blank", "--pdf-standard", "a-2b", "--format", "svg"],
            "--pdf-standard applies to PDF output only",
        ),
        (&["blank", "--pdf-standard", "a-2b,a-3b"], "cannot be combined"),
        (
            &["batch", "x", "-o", "out", "--paper", "a5", "--kind", "poster"],
            "too small for a poster",
        ),
        (
            &["batch", "x", "-o", "out", "--paper", "a3", "--kind", "handbook"],
            "not a handbook size",
        ),
        (&["batch", "x", "-o", "out", "--tile", "a4"], "posters only"),
        (
            &["batch", "x", "--combine", "all.pdf", "--pdf-standard", "ua-1"],
            "does not go with --combine",
        ),
    ] {
        let out = netkaart(&dir, args);
        assert!(!out.status.success(), "{args:?} was accepted");
        must_not_panic(&out);
        must_contain(&stderr(&out), expected);
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "nothing was written");
}

#[test]
fn default_file_names_tell_the_paper_and_the_tiling() {
    let dir = tempdir();
    must_succeed(&netkaart(&dir, &["blank", "--paper", "a3", "--tile", "a4"]));
    assert!(dir.join("netkaart-blank-nl-a3-tiles-a4.pdf").is_file());
    must_succeed(&netkaart(&dir, &["handbook", "--paper", "a5", "--lang", "en"]));
    assert!(dir.join("netkaart-handbook-en-a5.pdf").is_file());
}

#[test]
fn a_batch_of_posters_takes_the_print_options() {
    let dir = tempdir();
    let input = root().join("examples/an-peeters.yaml");
    let out = dir.join("out");
    let args = [
        "batch",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--kind",
        "poster",
        "--paper",
        "a1",
        "--crop-marks",
    ];
    must_succeed(&netkaart(&dir, &args));
    let found = boxes(&out.join("an-peeters.pdf"));
    let outer = 13.0 * PT_PER_MM;
    must_be_box(
        found["TrimBox"],
        [outer, outer, outer + 841.0 * PT_PER_MM, outer + 594.0 * PT_PER_MM],
        "TrimBox",
    );
}

/// A fresh folder for one test.
fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "netkaart-print-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Just enough of an image to compare pixels.
mod pixels {
    pub struct Image {
        pub width: usize,
        pub height: usize,
        data: Vec<u8>,
    }

    impl Image {
        pub fn new(width: u32, height: u32, data: &[u8]) -> Self {
            Image { width: width as usize, height: height as usize, data: data.to_vec() }
        }

        pub fn blank(width: usize, height: usize) -> Self {
            Image { width, height, data: vec![255; width * height * 4] }
        }

        pub fn rgba(&self, x: usize, y: usize) -> [u8; 4] {
            let i = (y * self.width + x) * 4;
            [self.data[i], self.data[i + 1], self.data[i + 2], self.data[i + 3]]
        }

        /// The colour as printed on white paper.
        pub fn rgb(&self, x: usize, y: usize) -> [u8; 3] {
            let [r, g, b, a] = self.rgba(x, y);
            // Premultiplied: a transparent pixel is white paper.
            let white = 255 - a;
            [r.saturating_add(white), g.saturating_add(white), b.saturating_add(white)]
        }

        pub fn set(&mut self, x: usize, y: usize, rgba: [u8; 4]) {
            let i = (y * self.width + x) * 4;
            let [r, g, b, a] = rgba;
            let white = 255 - a;
            self.data[i..i + 4].copy_from_slice(&[
                r.saturating_add(white),
                g.saturating_add(white),
                b.saturating_add(white),
                255,
            ]);
        }
    }
}
