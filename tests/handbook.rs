//! The handbook: every explanation, question and tip; personalised with the answers.

mod common;

use common::*;
use netkaart::templates::words;
use netkaart::{Answers, Lang, Orientation, Template};

#[test]
fn generic_handbook_carries_the_whole_guide_on_a4() {
    for lang in [Lang::Nl, Lang::En] {
        let handbook = compile(Template::Handbook, Answers::blank(lang), Orientation::Portrait);
        assert!(handbook.page_count() >= 8, "{} pages", handbook.page_count());
        for page in handbook.document.pages() {
            let size = page.frame.size();
            assert!((size.x.to_mm() - 210.0).abs() < 0.01 && (size.y.to_mm() - 297.0).abs() < 0.01);
        }
        let text = handbook.text();
        let w = words(lang);
        for step in w["steps"].as_object().unwrap().values() {
            must_contain(&text, step["title"].as_str().unwrap());
            for prompt in strings(&step["prompts"]) {
                must_contain(&text, &prompt);
            }
        }
        // Explanations, tips, the attitude, the checklist, the workshop plan, the materials.
        for s in strings(&w["handbook"]["chapters"]) {
            must_contain(&text, &s);
        }
        for s in strings(&w["handbook"]["use"]) {
            must_contain(&text, &s);
        }
        for section in ["reasons", "occasions", "kinds"] {
            for s in strings(&w[section]) {
                must_contain(&text, &s);
            }
        }
        // Not personalised: no answers section.
        assert!(!squash(&text).contains(&squash(w["handbook"]["your_answers"].as_str().unwrap())));
    }
}

#[test]
fn personalised_handbook_has_the_name_every_answer_in_full_the_map_and_the_actions() {
    for file in ["an-peeters.yaml", "green-lane.yaml"] {
        let answers = example(file);
        let handbook = compile(Template::Handbook, answers.clone(), Orientation::Portrait);
        assert!(handbook.warnings.is_empty(), "{:?}", handbook.warnings);
        // Compiled::text puts each page on a line of its own: the first is the cover.
        let text = handbook.text();
        let cover = text.lines().next().unwrap();
        must_contain(cover, answers.person.as_ref().unwrap().name.as_deref().unwrap());
        for (field, value) in answers.texts() {
            assert!(squash(&text).contains(&squash(&value)), "{file}: {field} missing");
        }
        for action in answers.sustain.as_ref().unwrap().actions.as_ref().unwrap() {
            must_contain(&text, action.what.as_deref().unwrap());
            must_contain(&text, action.who.as_deref().unwrap());
        }
        let w = words(answers.lang());
        for key in ["your_answers", "your_map", "your_actions"] {
            must_contain(&text, w["handbook"][key].as_str().unwrap());
        }
    }
}

#[test]
fn handbook_pdf_is_tagged_with_a_title_and_language() {
    let dir = temp_dir("handbook-pdf");
    let example = root().join("examples/an-peeters.yaml");
    must_succeed(&netkaart(&dir, &["handbook", example.to_str().unwrap(), "-o", "hb.pdf"]));
    let pdf = lopdf::Document::load(dir.join("hb.pdf")).unwrap();
    let catalog = pdf.catalog().unwrap();
    assert!(catalog.has(b"StructTreeRoot"), "the PDF is tagged");
    assert!(catalog.has(b"MarkInfo"));
    let lang = catalog.get(b"Lang").unwrap().as_str().unwrap();
    assert_eq!(lang, b"nl");
    let info =
        pdf.trailer.get(b"Info").and_then(|r| pdf.dereference(r)).unwrap().1.as_dict().unwrap();
    let title = lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap();
    assert!(title.contains("Je netwerk uitbreiden") && title.contains("An Peeters"), "{title}");
}

#[test]
fn words_after_a_right_to_left_word_keep_their_order() {
    // Found by tests/injection.rs: joined into one line, the neutral signs and digits at the
    // start of a word after an Arabic one were taken into its run and shown reversed.
    let yaml =
        "version: 1\nwhat:\n  associations: [\"خلذشصىنفن مققفاةطى\", \"\\\\2=<x\", \"}A\"]\n";
    let answers = Answers::parse(yaml.as_bytes(), "rtl.yaml".as_ref()).expect("valid answers");
    for template in [Template::Handbook, Template::Poster] {
        let text = compile(template, answers.clone(), Orientation::Landscape).text();
        must_contain(&text, "\\2=<x");
        must_contain(&text, "}A");
    }
}
