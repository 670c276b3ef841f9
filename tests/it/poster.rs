//! The blank and the filled poster: size, prompts, answers, literal text, determinism.

use crate::common::*;
use netkaart::templates::words;
use netkaart::{Answers, Lang, Orientation, Template};

fn page_mm(compiled: &netkaart::Compiled) -> (f64, f64) {
    let size = compiled.document.pages()[0].frame.size();
    (size.x.to_mm(), size.y.to_mm())
}

#[track_caller]
fn must_be_a2(compiled: &netkaart::Compiled, orientation: Orientation) {
    assert_eq!(compiled.page_count(), 1, "the poster is one page");
    let (w, h) = page_mm(compiled);
    let (ew, eh) = match orientation {
        Orientation::Landscape => (594.0, 420.0),
        Orientation::Portrait => (420.0, 594.0),
    };
    assert!((w - ew).abs() < 0.01 && (h - eh).abs() < 0.01, "page is {w} × {h} mm");
}

/// Every step title, prompt and listed option of the language file, and the map's words.
fn reader_words(lang: Lang) -> Vec<String> {
    let w = words(lang);
    let mut out = vec![w["title"].as_str().unwrap().to_string()];
    for step in w["steps"].as_object().unwrap().values() {
        out.push(step["title"].as_str().unwrap().to_string());
        out.extend(strings(&step["prompts"]));
    }
    out.push(w["steps"]["levels"]["personal"].as_str().unwrap().into());
    out.push(w["steps"]["levels"]["organisation"].as_str().unwrap().into());
    for section in ["reasons", "occasions", "kinds", "rings"] {
        out.extend(strings(&w[section]));
    }
    out
}

#[test]
fn blank_poster_is_one_a2_page_with_every_title_and_prompt() {
    for &lang in Lang::ALL {
        for orientation in [Orientation::Landscape, Orientation::Portrait] {
            let poster = blank(lang, orientation);
            must_be_a2(&poster, orientation);
            let text = poster.text();
            for word in reader_words(lang) {
                must_contain(&text, &word);
            }
            assert!(poster.warnings.is_empty(), "{:?}", poster.warnings);
        }
    }
}

#[test]
fn blank_poster_through_the_binary_is_a_one_page_a2_pdf() {
    let dir = temp_dir("blank-binary");
    let out = netkaart(&dir, &["blank"]);
    must_succeed(&out);
    let pdf = lopdf::Document::load(dir.join("netkaart-blank-nl.pdf")).expect("a valid PDF");
    let pages = pdf.get_pages();
    assert_eq!(pages.len(), 1);
    let page = pdf.get_object(*pages.values().next().unwrap()).unwrap().as_dict().unwrap();
    let media: Vec<f32> = page
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_float().unwrap())
        .collect();
    let mm = |pt: f32| pt / 72.0 * 25.4;
    assert!((mm(media[2] - media[0]) - 594.0).abs() < 0.1, "{media:?}");
    assert!((mm(media[3] - media[1]) - 420.0).abs() < 0.1, "{media:?}");

    let out = netkaart(&dir, &["blank", "--lang", "en", "--orientation", "portrait"]);
    must_succeed(&out);
    assert!(dir.join("netkaart-blank-en-portrait.pdf").is_file());
}

#[test]
fn filled_poster_shows_every_answer_and_every_contact() {
    for (file, orientation) in
        [("an-peeters.yaml", Orientation::Landscape), ("green-lane.yaml", Orientation::Portrait)]
    {
        let answers = example(file);
        assert!(answers.contacts.as_ref().unwrap().len() >= 12);
        let poster = compile(Template::Poster, answers.clone(), orientation);
        must_be_a2(&poster, orientation);
        assert!(poster.warnings.is_empty(), "{file}: {:?}", poster.warnings);
        let text = poster.text();
        // Where each contact is met and the notes about them have no room on the poster,
        // which keeps it for writing: they are on the handout and in the handbook.
        let on_the_poster = |field: &str| !(field.ends_with(".where") || field.ends_with(".note"));
        for (field, value) in answers.texts().into_iter().filter(|(f, _)| on_the_poster(f)) {
            if field.starts_with("contacts") {
                // The map breaks a long name between its syllables.
                must_name(&text, &value);
                continue;
            }
            assert!(
                squash(&text).contains(&squash(&value)),
                "{file}: {field} = {value:?} is missing"
            );
        }
        for action in answers.sustain.as_ref().unwrap().actions.as_ref().unwrap() {
            must_contain(&text, action.what.as_deref().unwrap());
        }
    }
}

#[test]
fn examples_cover_every_kind_ring_and_status() {
    for file in ["an-peeters.yaml", "green-lane.yaml"] {
        let answers = example(file);
        let contacts = answers.contacts.unwrap();
        let json = serde_json::to_value(&contacts).unwrap();
        for kind in KINDS {
            assert!(json.as_array().unwrap().iter().any(|c| c["kind"] == kind), "{file}: {kind}");
        }
        for ring in 1..=3 {
            assert!(json.as_array().unwrap().iter().any(|c| c["ring"] == ring), "{file}: {ring}");
        }
        for status in ["current", "desired"] {
            assert!(json.as_array().unwrap().iter().any(|c| c["status"] == status));
        }
    }
}

/// Text that Typst would treat as markup or code, if it were ever spliced into source.
const SPECIAL: &[&str] = &[
    "#panic(\"x\")",
    "$x^2$",
    "*a*",
    "<b>",
    "@c",
    "\\",
    "_under_",
    "[link]",
    "{x}",
    "= heading",
    "// comment",
    "/* block */",
    "`raw`",
    "#let a = 1",
    "#eval(\"1\")",
    "~ ---",
];

fn special_answers() -> Answers {
    let line = SPECIAL.join(" ");
    let yaml = format!(
        "version: 1\nperson: {{name: {n}}}\nwhy: {{statement: {v}}}\ncontacts:\n  - name: {c}\n    kind: other\n    ring: 2\nsustain: {{evaluation: {v}}}\n",
        n = serde_json::to_string("#name *x*").unwrap(),
        v = serde_json::to_string(&line).unwrap(),
        c = serde_json::to_string("$x$ <c> @d #e").unwrap(),
    );
    Answers::parse(yaml.as_bytes(), "special.yaml".as_ref()).expect("valid answers")
}

#[test]
fn typst_syntax_in_answers_comes_out_literally() {
    let answers = special_answers();
    for template in [Template::Poster, Template::Handbook] {
        let compiled = compile(template, answers.clone(), Orientation::Landscape);
        let text = compiled.text();
        for s in SPECIAL {
            must_contain(&text, s);
        }
        must_contain(&text, "#name *x*");
        must_contain(&text, "$x$ <c> @d #e");
    }
}

#[test]
fn templates_never_evaluate_strings() {
    for (path, text) in netkaart::templates::FILES {
        if path.ends_with(".typ") {
            assert!(!text.contains("eval("), "{path} calls eval");
            assert!(!text.contains("@preview"), "{path} imports a package");
        }
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let answers = example("an-peeters.yaml");
    let a = compile(Template::Poster, answers.clone(), Orientation::Landscape).pdf().unwrap();
    let b = compile(Template::Poster, answers, Orientation::Landscape).pdf().unwrap();
    assert!(a == b, "two compilations of the same answers differ");

    let dir = temp_dir("same-bytes");
    let example = root().join("examples/an-peeters.yaml");
    let example = example.to_str().unwrap();
    must_succeed(&netkaart(&dir, &["poster", example, "-o", "one.pdf"]));
    must_succeed(&netkaart(&dir, &["poster", example, "-o", "two.pdf"]));
    let one = std::fs::read(dir.join("one.pdf")).unwrap();
    assert_eq!(one, std::fs::read(dir.join("two.pdf")).unwrap());
    // No clock in the output unless SOURCE_DATE_EPOCH asks for one.
    assert!(!String::from_utf8_lossy(&one).contains("/CreationDate"));
}

fn pdf_id(pdf: &[u8]) -> String {
    let text = String::from_utf8_lossy(pdf);
    let start = text.find("/ID").expect("the PDF has an /ID");
    text[start..start + 80].to_string()
}

#[test]
fn every_document_has_an_id_of_its_own() {
    let blank_nl = blank(Lang::Nl, Orientation::Landscape).pdf().unwrap();
    let blank_en = blank(Lang::En, Orientation::Landscape).pdf().unwrap();
    let portrait = blank(Lang::Nl, Orientation::Portrait).pdf().unwrap();
    let an = compile(Template::Poster, example("an-peeters.yaml"), Orientation::Landscape);
    let mut other = example("an-peeters.yaml");
    other.person.as_mut().unwrap().role = Some("coördinator".into());
    let an2 = compile(Template::Poster, other, Orientation::Landscape);
    let ids = [
        pdf_id(&blank_nl),
        pdf_id(&blank_en),
        pdf_id(&portrait),
        pdf_id(&an.pdf().unwrap()),
        pdf_id(&an2.pdf().unwrap()),
    ];
    for i in 0..ids.len() {
        for j in i + 1..ids.len() {
            assert_ne!(ids[i], ids[j], "documents {i} and {j} share an /ID");
        }
    }
}

#[test]
fn source_date_epoch_sets_the_date() {
    let dir = temp_dir("epoch");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_netkaart"))
        .args(["blank", "-o", "dated.pdf"])
        .current_dir(&dir)
        .env("SOURCE_DATE_EPOCH", "1796256000")
        .output()
        .unwrap();
    must_succeed(&out);
    let pdf = std::fs::read(dir.join("dated.pdf")).unwrap();
    assert!(String::from_utf8_lossy(&pdf).contains("2026-12-03"), "the XMP date is 2026-12-03");
}

#[test]
fn a_long_answer_is_cut_with_a_warning_and_kept_whole_in_the_handbook() {
    let long = "Een heel lang antwoord dat maar doorgaat. ".repeat(60);
    let yaml =
        format!("version: 1\nwhy:\n  statement: {}\n", serde_json::to_string(&long).unwrap());
    let answers = Answers::parse(yaml.as_bytes(), "long.yaml".as_ref()).unwrap();
    let poster = compile(Template::Poster, answers.clone(), Orientation::Landscape);
    assert!(
        poster
            .warnings
            .iter()
            .any(|w| w.field == "why.statement" && w.message.key() == "render.cut"),
        "{:?}",
        poster.warnings
    );
    assert!(poster.text().contains('…'));
    assert!(!squash(&poster.text()).contains(&squash(&long)));
    // In full in the handbook, though its page breaks put footers between the sentences.
    let handbook = compile(Template::Handbook, answers, Orientation::Portrait);
    let footer = running_footer();
    let body: String = handbook
        .text()
        .lines()
        .map(|page| {
            let page = squash(page);
            match page.rfind(&footer) {
                Some(i) => page[..i].to_string(),
                None => page,
            }
        })
        .collect();
    assert!(body.contains(&squash(&long)), "the handbook does not carry the whole answer");
    assert!(handbook.warnings.is_empty(), "{:?}", handbook.warnings);
}

#[test]
fn a_character_no_font_has_is_named_with_its_field() {
    let yaml = "version: 1\nwhat:\n  network_today: \"hieroglyph \u{13000} here\"\n";
    let answers = Answers::parse(yaml.as_bytes(), "glyph.yaml".as_ref()).unwrap();
    let poster = compile(Template::Poster, answers, Orientation::Landscape);
    let warning = poster
        .warnings
        .iter()
        .find(|w| w.field == "what.network_today")
        .expect("a warning for the field");
    assert!(warning.to_string().contains("U+13000"), "{warning}");
    // Arabic, emoji and accented Latin are covered by the embedded fonts.
    let yaml = "version: 1\nwhat:\n  network_today: \"مرحبا 🌳 café ß ł\"\n";
    let answers = Answers::parse(yaml.as_bytes(), "glyph.yaml".as_ref()).unwrap();
    let poster = compile(Template::Poster, answers, Orientation::Landscape);
    assert!(poster.warnings.is_empty(), "{:?}", poster.warnings);
}

#[test]
fn a_full_cell_numbers_its_extra_contacts_and_drops_none() {
    let mut yaml = String::from("version: 1\ncontacts:\n");
    for i in 0..14 {
        yaml.push_str(&format!(
            "  - {{name: Buur met een lange naam {i:02}, kind: neighbour, ring: 1}}\n"
        ));
    }
    let answers = Answers::parse(yaml.as_bytes(), "crowded.yaml".as_ref()).unwrap();
    let poster = compile(Template::Poster, answers, Orientation::Landscape);
    let text = poster.text();
    for i in 0..14 {
        must_contain(&text, &format!("Buur met een lange naam {i:02}"));
    }
    // The list beside the map numbers the extra contacts.
    must_contain(&text, "Meer contacten");
    assert!(text.contains(" 1 ") && text.contains(" 2 "), "numbered badges");
    assert!(poster.warnings.is_empty(), "{:?}", poster.warnings);
}

#[test]
fn a_half_filled_poster_keeps_writing_space_where_answers_are_missing() {
    let yaml = "version: 1\nwhat:\n  network_today: Alleen dit is ingevuld.\n";
    let answers = Answers::parse(yaml.as_bytes(), "half.yaml".as_ref()).unwrap();
    let poster = compile(Template::Poster, answers, Orientation::Landscape);
    let empty = blank(Lang::Nl, Orientation::Landscape);
    // Same geometry: the same number of ruled lines, less the ones the answer took.
    let lines = |c: &netkaart::Compiled| count_lines(&c.document.pages()[0].frame);
    assert!(lines(&poster) < lines(&empty));
    assert!(lines(&poster) + 6 > lines(&empty), "only one field's lines are replaced");
    must_contain(&poster.text(), "Alleen dit is ingevuld.");
}

fn count_lines(frame: &typst::layout::Frame) -> usize {
    use typst::layout::FrameItem;
    use typst::visualize::Geometry;
    frame
        .items()
        .map(|(_, item)| match item {
            FrameItem::Group(g) => count_lines(&g.frame),
            FrameItem::Shape(s, _) if matches!(s.geometry, Geometry::Line(_)) => 1,
            _ => 0,
        })
        .sum()
}

/// The handbook's running footer, which stands between the text of two pages.
fn running_footer() -> String {
    squash(words(Lang::Nl)["handbook"]["title"].as_str().unwrap())
}

/// Every piece of text on the page with its size in points.
fn text_sizes(frame: &typst::layout::Frame, out: &mut Vec<(String, f64)>) {
    use typst::layout::FrameItem;
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => text_sizes(&g.frame, out),
            FrameItem::Text(t) => out.push((t.text.to_string(), t.size.to_pt())),
            _ => {}
        }
    }
}

#[test]
fn poster_type_is_legible_from_a_distance() {
    for &lang in Lang::ALL {
        let poster = blank(lang, Orientation::Landscape);
        let mut items = Vec::new();
        text_sizes(&poster.document.pages()[0].frame, &mut items);
        let w = words(lang);
        for step in w["steps"].as_object().unwrap().values() {
            let title = step["title"].as_str().unwrap();
            let size = items.iter().find(|(t, _)| t == title).map(|(_, s)| *s).unwrap();
            // 36 pt bold: letters 9 mm high, read from across the room.
            assert!(size >= 36.0, "{title} is set in {size} pt");
            for prompt in strings(&step["prompts"]) {
                // The laid-out lines of the prompt: pieces of it long enough to be its own.
                let smallest = items
                    .iter()
                    .filter(|(t, _)| {
                        let enough = prompt.split_whitespace().count().min(3);
                        t.split_whitespace().count() >= enough && prompt.contains(t.trim())
                    })
                    .map(|(_, s)| *s)
                    .fold(f64::MAX, f64::min);
                assert!((16.0..f64::MAX).contains(&smallest), "{prompt:?}: {smallest} pt");
            }
        }
    }
    // On a filled poster nothing but the badges' numbers is set below 10 pt.
    let poster = compile(Template::Poster, example("an-peeters.yaml"), Orientation::Landscape);
    let mut items = Vec::new();
    text_sizes(&poster.document.pages()[0].frame, &mut items);
    for (text, size) in items {
        if !text.chars().all(|c| c.is_ascii_digit()) {
            assert!(size >= 10.0, "{text:?} is set in {size} pt");
        }
    }
}
