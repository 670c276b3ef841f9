//! Typst lays each poster and handout out once. Measuring content that is then set (a grid,
//! a paragraph of its own, a placed element, a warning), or counting pages, makes Typst lay
//! the whole document out a second time, which doubles its cost; the templates avoid all
//! of them. The handbook is the exception: its contents list needs the pages of its
//! chapters.
//!
//! A test binary of its own: Typst's timings, which count the passes, are global.

mod common;

use common::*;
use netkaart::answers::{Contact, Name, Ring};
use netkaart::map::geometry::SECTORS;
use netkaart::{Answers, Lang, Orientation, Template};

/// How many times Typst laid the document out.
fn passes(template: Template, answers: Answers, orientation: Orientation) -> usize {
    typst_timing::clear();
    typst_timing::enable();
    compile(template, answers, orientation);
    typst_timing::disable();
    let mut json = Vec::new();
    typst_timing::export_json(&mut json, |_| (String::new(), 0)).expect("timings");
    let events: Vec<serde_json::Value> = serde_json::from_slice(&json).expect("JSON");
    events
        .iter()
        .filter(|e| e["ph"] == "B" && e["name"].as_str().is_some_and(|n| n.starts_with("iter (")))
        .count()
}

/// Answers with 200 contacts, many to a cell: numbers, names outside the circle and the
/// handout's third page.
fn crowded() -> Answers {
    let mut answers = example("green-lane.yaml");
    let first = answers.contacts.as_ref().unwrap()[0].clone();
    let contacts = (0..200)
        .map(|i| Contact {
            name: Name(format!("Contact {i}")),
            kind: Some(SECTORS[i % SECTORS.len()]),
            ring: Some(Ring((i % 3) as u8 + 1)),
            ..first.clone()
        })
        .collect();
    answers.contacts = Some(contacts);
    answers
}

#[test]
fn every_poster_and_handout_is_laid_out_once() {
    let all = [
        ("blank nl", Answers::blank(Lang::Nl)),
        ("blank en", Answers::blank(Lang::En)),
        ("an-peeters", example("an-peeters.yaml")),
        ("green-lane", example("green-lane.yaml")),
        ("200 contacts", crowded()),
    ];
    for (name, answers) in all {
        for (template, orientation) in [
            (Template::Poster, Orientation::Landscape),
            (Template::Poster, Orientation::Portrait),
            (Template::Handout, Orientation::Portrait),
        ] {
            let n = passes(template, answers.clone(), orientation);
            assert_eq!(n, 1, "{name}: the {} ({orientation:?}) took {n} passes", template.name());
        }
    }
    // The handbook's contents list takes a second pass; a table whose last two rows go over
    // to the next page (with the header again) may take a third.
    let n = passes(Template::Handbook, example("an-peeters.yaml"), Orientation::Portrait);
    assert!((2..=3).contains(&n), "the handbook took {n} passes");
}
