//! The map as the browser's input, at the server: every contact sent to a preview is drawn
//! in its cell or named (outside the circle, or in the list beside the map), and the page is
//! told where each name went, in the participant's words; a date whose year a date field
//! mangled is refused with the reason; a workshop says when phones cannot reach it, keeps a
//! participant's edit link in the other language, and refuses an empty sending.

use std::net::SocketAddr;
use std::path::Path;

use crate::common::get_text as get;
use crate::common::post_json as post;
use crate::common::{temp_dir, turn};
use netkaart::serve::{Room, Server, spawn};
use netkaart::workshop::Workshop;
use netkaart::{Engine, Lang};
use serde_json::{Value, json};

fn workshop(dir: &Path, open: bool) -> SocketAddr {
    let room = Room::new(Workshop::open(dir, 100).unwrap(), None, open).unwrap();
    spawn("127.0.0.1:0".parse().unwrap(), Server::new(Engine::new(), Lang::Nl).with_room(room))
        .unwrap()
}

/// The form's fields of `contacts` (name, kind, ring), all in the sectors and rings named.
fn fields(contacts: &[(&str, &str, &str)]) -> Value {
    let mut out = vec![json!(["person.name", "An Peeters"])];
    for (n, (name, kind, ring)) in contacts.iter().enumerate() {
        out.push(json!([format!("contacts.{}.name", n + 1), name]));
        out.push(json!([format!("contacts.{}.kind", n + 1), kind]));
        out.push(json!([format!("contacts.{}.ring", n + 1), ring]));
    }
    json!({ "fields": out })
}

/// The words of the drawing (the SVG's description, which holds every word drawn), with
/// hyphens and line breaks undone so that a name broken over two lines is found whole.
fn drawn_words(svg: &str) -> String {
    let start = svg.find("<desc>").map_or(0, |i| i + 6);
    let end = svg.find("</desc>").unwrap_or(svg.len());
    svg[start..end].replace(['-', '\u{2010}', '\u{ad}', '\n', ' '], "")
}

#[test]
fn every_contact_sent_to_the_workshops_map_is_drawn_in_its_cell_or_named() {
    let _turn = turn();
    let dir = temp_dir("map-page-named");
    let addr = workshop(&dir, false);
    let long = "Schepen van Cultuur Marleen Vandenbroucke-Verhaegen";
    let kinds = ["Kennissen", "Buurtbewoners", "Beleidsmakers", "Sleutelfiguren", "Collega’s"];
    // Two long names in one small cell (the case that once became a lone "1"), a
    // participant's twelve, and a crowded map of forty.
    let two = vec![
        (long, "Beleidsmakers", "1 Kern"),
        ("Wijkagent Tom Van den Bossche", "Beleidsmakers", "1 Kern"),
    ];
    let names: Vec<String> = (1..=40).map(|i| format!("Contact nummer {i} van de buurt")).collect();
    let twelve: Vec<(&str, &str, &str)> = names
        .iter()
        .take(12)
        .enumerate()
        .map(|(i, n)| (n.as_str(), kinds[i % 5], "2 Regelmatig"))
        .collect();
    let forty: Vec<(&str, &str, &str)> =
        names.iter().enumerate().map(|(i, n)| (n.as_str(), kinds[i % 2], "1 Kern")).collect();
    for contacts in [two, twelve, forty] {
        let (status, answer) = post(addr, "/preview?lang=nl&map=1", fields(&contacts));
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["warnings"], json!([]), "a preview of short names warns of nothing");
        let drawn = drawn_words(answer["svg"].as_str().unwrap());
        let placed = answer["map"]["contacts"].as_array().unwrap();
        assert_eq!(placed.len(), contacts.len());
        for (contact, (name, _, _)) in placed.iter().zip(&contacts) {
            let place = contact["place"].as_str().unwrap();
            assert!(
                ["cell", "outside", "number", "list"].contains(&place),
                "{name} is nowhere on the map: {contact}"
            );
            assert!(
                drawn.contains(&name.replace(['-', ' '], "")),
                "{name} ({place}) is not named on the map:\n{drawn}"
            );
            // Where it went, said to the participant with its name and cell.
            let said = contact["said"].as_str().unwrap();
            assert!(
                said.starts_with(name) && (said.contains("Kern") || said.contains("Regelmatig")),
                "{said}"
            );
            if place != "cell" {
                assert!(said.contains("geen plaats"), "the reason is said: {said}");
            }
        }
    }
}

#[test]
fn the_page_learns_each_cell_with_the_forms_own_options() {
    let _turn = turn();
    let dir = temp_dir("map-page-cells");
    let addr = workshop(&dir, false);
    for (lang, kind, ring, desired) in [
        ("nl", "Buurtbewoners", "2 Regelmatig", "gewenst contact"),
        ("en", "Neighbours", "2 Regular", "desired contact"),
    ] {
        let (status, answer) =
            post(addr, &format!("/preview?lang={lang}&map=1"), json!({ "fields": [] }));
        assert_eq!(status, 200);
        let map = &answer["map"];
        assert_eq!(map["sectors"].as_array().unwrap().len(), 7);
        assert_eq!(map["sectors"][1]["kind"], kind);
        assert_eq!(map["bands"][1]["ring"], ring);
        assert_eq!(map["bands"][3]["ring"], Value::Null, "the desired band has no ring");
        assert_eq!(map["statuses"][1], desired);
        // The bands follow each other from the centre disc to the edge.
        let bands = map["bands"].as_array().unwrap();
        let blank = netkaart::map::Geometry::of(
            netkaart::Template::Map,
            netkaart::Orientation::Landscape,
            None,
            netkaart::map::Plan::Blank,
        );
        let centre = blank.fractions[0] * blank.radius;
        let from = bands[0]["from"].as_f64().unwrap();
        assert!((from - centre).abs() < 1e-9, "the first band starts at the disc: {from} mm");
        for pair in bands.windows(2) {
            assert_eq!(pair[0]["to"], pair[1]["from"]);
        }
        // The page itself offers the same options in its selects.
        let (_, page) = get(addr, &format!("/?lang={lang}"));
        assert!(page.contains(&format!("<option>{kind}</option>")), "{kind} in the page");
    }
}

#[test]
fn a_year_a_date_field_mangled_is_refused_and_a_day_first_date_is_read() {
    let _turn = turn();
    let dir = temp_dir("map-page-dates");
    let addr = workshop(&dir, false);
    let (_, page) = get(addr, "/");
    assert!(
        !page.contains("type=\"date\""),
        "a date is typed, day first, not picked in the browser's order"
    );
    assert!(page.contains("placeholder=\"dd/mm/jjjj\""));
    for (field, text) in [("person.date", "0027-12-12"), ("sustain.actions.1.when", "2201-01-01")] {
        let mut body = vec![json!([field, text])];
        if field.starts_with("sustain") {
            body.push(json!(["sustain.actions.1.what", "Koffie drinken"]));
        }
        let (status, answer) = post(addr, "/preview?lang=nl&map=1", json!({ "fields": body }));
        assert_eq!(status, 422, "{answer}");
        let problem = &answer["problems"][0];
        assert_eq!(problem["field"], field);
        let message = problem["message"].as_str().unwrap();
        assert!(
            message.contains("tussen 1900 en 2200") && message.contains("dag als de maand"),
            "{message}"
        );
    }
    let (status, answer) = post(
        addr,
        "/submit?lang=nl",
        json!({ "fields": [["person.name", "An"], ["person.date", "15/1/2027"]] }),
    );
    assert_eq!(status, 200, "{answer}");
    let kept = std::fs::read_to_string(dir.join("an.yaml")).unwrap();
    assert!(kept.contains("2027-01-15"), "15/1/2027 read day first:\n{kept}");
}

#[test]
fn without_listen_the_facilitator_and_the_sign_say_that_phones_cannot_reach_it() {
    let _turn = turn();
    let local = temp_dir("map-page-local");
    let addr = workshop(&local, false);
    let (_, page) = get(addr, "/facilitator");
    assert!(page.contains("id=\"local-only\""), "{page}");
    assert!(page.contains(&format!("--listen 0.0.0.0:{}", addr.port())), "the command to restart");
    assert!(page.contains(&local.display().to_string()));
    assert!(!page.contains("<svg"), "no code that phones cannot use");
    let (_, sign) = get(addr, "/facilitator/sign");
    assert!(!sign.contains("<svg") && sign.contains("--listen"), "{sign}");

    let open = temp_dir("map-page-open");
    let addr = workshop(&open, true);
    let (_, page) = get(addr, "/facilitator");
    assert!(page.contains("<svg") && !page.contains("id=\"local-only\""));
    let (_, sign) = get(addr, "/facilitator/sign");
    assert!(sign.contains("<svg"));
}

#[test]
fn an_edit_link_stays_an_edit_link_in_the_other_language_and_an_empty_sending_is_refused() {
    let _turn = turn();
    let dir = temp_dir("map-page-edit");
    let addr = workshop(&dir, false);
    for empty in [json!([]), json!([["lang", "English"]]), json!([["person.name", "  "]])] {
        let (status, answer) = post(addr, "/submit?lang=nl", json!({ "fields": empty }));
        assert_eq!(status, 422, "{answer}");
        let message = answer["problems"][0]["message"].as_str().unwrap();
        assert!(message.contains("nog niets ingevuld"), "{message}");
    }
    assert!(
        std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .all(|e| !e.path().to_string_lossy().ends_with(".yaml"))
    );

    let (_, sent) = post(addr, "/submit?lang=nl", json!({ "fields": [["person.name", "An"]] }));
    let token = sent["token"].as_str().unwrap();
    let (status, page) = get(addr, &format!("/edit/{token}?lang=nl"));
    assert_eq!(status, 200);
    assert!(page.contains(&format!("href=\"/edit/{token}?lang=en\"")), "{page}");
    assert!(page.contains(&format!("href=\"/edit/{token}?lang=fr\"")));
    let (_, page) = get(addr, "/?lang=nl");
    assert!(page.contains("href=\"/?lang=en\""));
}
