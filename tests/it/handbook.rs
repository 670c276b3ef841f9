//! The handbook: every explanation, question and tip; personalised with the answers.

use crate::common::*;
use netkaart::templates::words;
use netkaart::{Answers, Lang, Orientation, Template};

#[test]
fn generic_handbook_carries_the_whole_guide_on_a4() {
    for &lang in Lang::ALL {
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
    // Found by tests/it/injection.rs: joined into one line, the neutral signs and digits at the
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

/// Every line of text on each page: (page, baseline height mm, left mm, size pt, text), the
/// runs of a line joined in reading order.
fn text_lines(compiled: &netkaart::Compiled) -> Vec<(usize, f64, f64, f64, String)> {
    let mut lines: Vec<(usize, f64, f64, f64, String)> = Vec::new();
    for (page, p) in compiled.document.pages().iter().enumerate() {
        let mut page_runs = runs(&p.frame);
        page_runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        for r in page_runs {
            match lines.last_mut() {
                Some(line)
                    if line.0 == page
                        && (line.1 - r.y).abs() < 0.3
                        && (line.3 - r.size).abs() < 0.01 =>
                {
                    line.4.push_str(&r.text)
                }
                _ => lines.push((page, r.y, r.x, r.size, r.text)),
            }
        }
    }
    lines
}

#[test]
fn the_guide_is_set_at_a_measure_of_sixty_to_seventy_five_characters() {
    for &lang in Lang::ALL {
        let handbook = compile(Template::Handbook, Answers::blank(lang), Orientation::Portrait);
        let w = words(lang);
        // The lines of the running text, the chapters' explanations and the guide on how to
        // use the poster, but the last line of each paragraph.
        let mut explanations: Vec<String> = w["handbook"]["chapters"]
            .as_object()
            .unwrap()
            .values()
            .map(|c| squash(c["explanation"].as_str().unwrap()))
            .collect();
        for key in ["intro", "workshop_intro"] {
            explanations.push(squash(w["handbook"]["use"][key].as_str().unwrap()));
        }
        let lines: Vec<String> = text_lines(&handbook)
            .into_iter()
            .map(|(.., text)| text)
            .filter(|text| {
                let line = squash(text);
                line.chars().count() > 40
                    && explanations.iter().any(|e| e.contains(&line) && !e.ends_with(&line))
            })
            .collect();
        assert!(lines.len() >= 15, "{lang:?}: {} full lines found", lines.len());
        // A ragged line is as long as its words allow: the measure is the mean, and no line
        // strays far from it.
        let counts: Vec<usize> = lines.iter().map(|l| l.trim().chars().count()).collect();
        let mean = counts.iter().sum::<usize>() as f64 / counts.len() as f64;
        assert!((60.0..=75.0).contains(&mean), "{lang:?}: {mean:.1} characters a line");
        for (line, n) in lines.iter().zip(&counts) {
            assert!((52..=80).contains(n), "{lang:?}: {n} characters in {line:?}");
        }
    }
}

#[test]
fn the_contact_table_gives_each_fact_its_own_column_and_never_leaves_a_row_alone() {
    let w = words(Lang::Nl);
    let heads = &w["fields"]["contacts"];
    for n in 8..=40 {
        let mut answers = example("an-peeters.yaml");
        let template = answers.contacts.as_ref().unwrap()[0].clone();
        answers.contacts = Some(
            (0..n)
                .map(|i| {
                    let mut c = template.clone();
                    c.name.0 = format!("Contact {i:02}");
                    c
                })
                .collect(),
        );
        let handbook = compile(Template::Handbook, answers, Orientation::Portrait);
        let lines = text_lines(&handbook);
        let header = lines
            .iter()
            .find(|(.., text)| {
                text.contains(heads["kind"].as_str().unwrap())
                    && text.contains(heads["note"].as_str().unwrap())
            })
            .unwrap_or_else(|| panic!("{n} contacts: no header with every column"));
        for key in ["ring", "level", "status", "where"] {
            assert!(
                header.4.contains(heads[key].as_str().unwrap()),
                "{n}: {key} in {:?}",
                header.4
            );
        }
        // The page of the last contact holds at least one other.
        let last = format!("Contact {:02}", n - 1);
        let page = lines.iter().find(|(.., t)| t.contains(&last)).unwrap().0;
        let on_page =
            lines.iter().filter(|(p, .., t)| *p == page && t.contains("Contact ")).count();
        assert!(on_page >= 2 || n == 1, "{n} contacts: the last is alone on page {}", page + 1);
    }
}

#[test]
fn an_action_term_and_date_never_wrap() {
    let handbook = compile(Template::Handbook, example("an-peeters.yaml"), Orientation::Portrait);
    let lines = text_lines(&handbook);
    let w = words(Lang::Nl);
    for term in ["short", "long"] {
        let words =
            w["handbook"]["terms"].get(term).or(w["terms"].get(term)).unwrap().as_str().unwrap();
        assert!(lines.iter().any(|(.., t)| t.contains(words)), "{words} is cut across lines");
    }
    assert!(lines.iter().any(|(.., t)| t.contains("31 december 2027")), "the date wraps");
}
