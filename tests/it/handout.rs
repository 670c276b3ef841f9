//! The two-page A4 handout: everything a participant wrote that it promises, in the order
//! it promises, and a third page only for a list of contacts too long for the column beside
//! the map.

use std::sync::Arc;

use crate::common::*;
use netkaart::answers::{Action, Sustain, Term};
use netkaart::{Answers, Event, Lang, Orientation, Request, Template};

fn handout(answers: Answers) -> netkaart::Compiled {
    compile(Template::Handout, answers, Orientation::Portrait)
}

#[track_caller]
fn must_be_two_a4_pages(compiled: &netkaart::Compiled) {
    assert_eq!(compiled.page_count(), 2);
    for page in compiled.document.pages() {
        let size = page.frame.size();
        assert!((size.x.to_mm() - 210.0).abs() < 0.1 && (size.y.to_mm() - 297.0).abs() < 0.1);
    }
}

#[test]
fn the_handout_holds_the_map_every_step_the_contacts_details_and_the_action_plan() {
    for file in ["an-peeters.yaml", "green-lane.yaml"] {
        let answers = example(file);
        let compiled = handout(answers.clone());
        must_be_two_a4_pages(&compiled);
        let text = compiled.text();
        let pages: Vec<&str> = text.split('\n').collect();
        for contact in answers.contacts.iter().flatten() {
            must_name(pages[0], &contact.name.0);
        }
        // Page 1: steps 1 and 2 under the map.
        let what = answers.what.as_ref().unwrap();
        for word in what.associations.iter().flatten() {
            must_contain(pages[0], word);
        }
        must_contain(pages[0], what.network_today.as_deref().unwrap());
        let why = answers.why.as_ref().unwrap();
        must_contain(pages[0], why.statement.as_deref().unwrap());
        // Page 2: steps 3 and 4, where each contact is met and the notes about them.
        let goal = answers.levels.as_ref().unwrap().personal.as_ref().unwrap().goal.as_deref();
        must_contain(pages[1], goal.unwrap());
        let how_where = answers.how_where.as_ref().unwrap();
        must_contain(pages[1], how_where.places.as_deref().unwrap());
        must_contain(pages[1], how_where.approach.as_deref().unwrap());
        for contact in answers.contacts.iter().flatten() {
            for detail in [&contact.r#where, &contact.note].into_iter().flatten() {
                must_contain(pages[1], detail);
            }
        }
        let sustain = answers.sustain.as_ref().unwrap();
        for action in sustain.actions.iter().flatten() {
            must_contain(pages[1], action.what.as_deref().unwrap());
        }
        must_contain(pages[1], sustain.follow_up.as_deref().unwrap());
    }
}

#[test]
fn actions_are_listed_short_term_first_then_by_date() {
    let action = |what: &str, when: &str, term: Term| Action {
        what: Some(what.into()),
        when: Some(netkaart::answers::Date(when.into())),
        term: Some(term),
        ..Action::default()
    };
    let mut answers = Answers::blank(Lang::En);
    answers.sustain = Some(Sustain {
        actions: Some(vec![
            action("Later-long", "2027-01-01", Term::Long),
            action("Second-short", "2027-03-01", Term::Short),
            action("Early-long", "2026-12-10", Term::Long),
            action("First-short", "2027-02-01", Term::Short),
        ]),
        ..Sustain::default()
    });
    let text = squash(&handout(answers).text());
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} is missing"));
    assert!(at("First-short") < at("Second-short"));
    assert!(at("Second-short") < at("Early-long"));
    assert!(at("Early-long") < at("Later-long"));
}

#[test]
fn too_much_is_cut_with_a_warning_and_the_handout_stays_two_pages() {
    let mut answers = example("green-lane.yaml");
    let sustain = answers.sustain.as_mut().unwrap();
    let many: Vec<Action> = (1..=40)
        .map(|i| Action { what: Some(format!("Action number {i}").into()), ..Action::default() })
        .collect();
    sustain.actions = Some(many);
    sustain.evaluation = Some("A long evaluation. ".repeat(200).into());
    let compiled = handout(answers);
    must_be_two_a4_pages(&compiled);
    let fields: Vec<&str> = compiled.warnings.iter().map(|w| w.field.as_str()).collect();
    assert!(fields.contains(&"sustain.actions"), "{fields:?}");
    assert!(fields.contains(&"sustain.evaluation"), "{fields:?}");
    assert!(compiled.warnings.iter().all(|w| w.to_string().contains("on the handout")));
    must_contain(&compiled.text(), "more actions: see the handbook");
}

#[test]
fn a_nearly_empty_handout_is_still_two_pages_with_room_to_write() {
    for &lang in Lang::ALL {
        let compiled = handout(Answers::blank(lang));
        must_be_two_a4_pages(&compiled);
        assert!(compiled.warnings.is_empty());
    }
}

#[test]
fn the_event_is_on_both_pages_of_the_handout() {
    let event = Event::load(&root().join("examples/event/workshop.yaml"), &[])
        .expect("the example event is valid");
    let request = Request {
        event: Some(Arc::new(event)),
        ..Request::new(Template::Handout, example("an-peeters.yaml"), Orientation::Portrait)
    };
    let compiled = {
        let _turn = crate::common::turn();
        engine().compile(&request).expect("it compiles")
    };
    let text = compiled.text();
    for page in text.split('\n').take(2) {
        must_contain(page, "Netwerkdag Oost");
        must_contain(page, "Buurtwerk De Brug");
    }
    must_contain(&text, "3 december 2026");
}

#[test]
fn contacts_too_many_for_the_column_beside_the_map_get_a_third_page_and_none_is_cut() {
    let mut answers = example("green-lane.yaml");
    let first = answers.contacts.as_ref().unwrap()[0].clone();
    let kinds = netkaart::map::geometry::SECTORS;
    let contacts: Vec<_> = (0..200)
        .map(|i| netkaart::answers::Contact {
            name: netkaart::answers::Name(format!("Contact{i:03} Vandenbroucke")),
            kind: Some(kinds[i % kinds.len()]),
            ring: Some(netkaart::answers::Ring((i % 3) as u8 + 1)),
            ..first.clone()
        })
        .collect();
    answers.contacts = Some(contacts);
    let compiled = handout(answers);
    assert_eq!(compiled.page_count(), 3);
    let text = compiled.text();
    let pages: Vec<&str> = text.split('\n').collect();
    must_contain(pages[0], "1 / 3");
    must_contain(pages[2], "3 / 3");
    // Every contact on the handout, none cut, none smaller than 6 pt.
    for i in 0..200 {
        must_contain(&text, &format!("Contact{i:03}"));
    }
    assert!(compiled.warnings.iter().all(|w| w.field != "contacts"), "{:?}", compiled.warnings);
    for page in compiled.document.pages() {
        for run in runs(&page.frame).iter().filter(|r| r.text.contains("Contact")) {
            assert!(run.size >= 6.0 - 1e-6, "'{}' at {} pt", run.text, run.size);
        }
    }
    // With the green-lane's own contacts, the list stays beside the map.
    must_be_two_a4_pages(&handout(example("green-lane.yaml")));
}
