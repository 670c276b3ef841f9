//! Typst lays each poster and handout out once. Measuring content that is then set (a grid,
//! a paragraph of its own, a placed element, a warning), or counting pages, makes Typst lay
//! the whole document out a second time, which doubles its cost; the templates avoid all
//! of them. The handbook is the exception: its contents list needs the pages of its
//! chapters.
//!
//! Typst's timings, which count the passes, are global: `passes` counts its own thread's.

use crate::common::*;
use netkaart::answers::{Contact, Name, Ring};
use netkaart::map::geometry::SECTORS;
use std::sync::Arc;

use netkaart::review::group::{Group, Naming};
use netkaart::{Answers, Lang, Orientation, Request, Template};

/// How many times Typst laid the document out. Typst's timings are global and the other
/// modules compile at the same time: the passes counted are those of this thread, found by
/// a scope of its own around the compilation; one count at a time.
fn passes(template: Template, answers: Answers, orientation: Orientation) -> usize {
    passes_of(&Request::new(template, answers, orientation))
}

/// How many times Typst laid out the document of `request`.
fn passes_of(request: &Request) -> usize {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    typst_timing::clear();
    typst_timing::enable();
    let marker = typst_timing::TimingScope::new(MARKER);
    {
        let _turn = turn();
        engine().compile(request).expect("it compiles");
    }
    drop(marker);
    typst_timing::disable();
    let mut json = Vec::new();
    typst_timing::export_json(&mut json, |_| (String::new(), 0)).expect("timings");
    let events: Vec<serde_json::Value> = serde_json::from_slice(&json).expect("JSON");
    let thread = events.iter().find(|e| e["name"] == MARKER).expect("the marker")["tid"].clone();
    events
        .iter()
        .filter(|e| e["tid"] == thread && e["ph"] == "B")
        .filter(|e| e["name"].as_str().is_some_and(|n| n.starts_with("iter (")))
        .count()
}

/// The name of the scope that marks this test's thread among Typst's timings.
const MARKER: &str = "netkaart test: passes";

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

#[test]
fn the_comparison_and_the_group_portrait_are_laid_out_once() {
    let then = Arc::new(example("an-peeters.yaml"));
    for (name, now) in
        [("an-peeters", example("an-peeters-2027-06.yaml")), ("200 contacts", crowded())]
    {
        for template in [Template::Compare, Template::Handout] {
            let request = Request {
                before: Some(then.clone()),
                ..Request::new(template, now.clone(), Orientation::Portrait)
            };
            let n = passes_of(&request);
            assert_eq!(n, 1, "{name}: the {} with a comparison took {n} passes", template.name());
        }
    }
    // The handbook's chapter then and now keeps its two passes (three at most).
    let request = Request {
        before: Some(then.clone()),
        ..Request::new(
            Template::Handbook,
            example("an-peeters-2027-06.yaml"),
            Orientation::Portrait,
        )
    };
    let n = passes_of(&request);
    assert!((2..=3).contains(&n), "the handbook with a comparison took {n} passes");
    let all = [example("an-peeters.yaml"), example("green-lane.yaml"), crowded()];
    for naming in [Naming::Numbers, Naming::Names] {
        let request = Request {
            group: Some(Arc::new(Group::of(&all, naming))),
            ..Request::new(Template::Portrait, Answers::blank(Lang::Nl), Orientation::Landscape)
        };
        let n = passes_of(&request);
        assert_eq!(n, 1, "the group portrait ({naming:?}) took {n} passes");
    }
}
