//! The blank poster is written on by hand, with markers, on a wall: every question gets
//! ruled lines at least 15 mm apart, at least 45 mm of height in steps 1, 2, 4 and 5 and at
//! least 30 mm with two lines for each of step 3's eight (on A2; on other paper the whole
//! design is scaled). Measured on the laid-out poster, from the marks the template sets where
//! each question's space starts and ends, and from the lines actually drawn.

use crate::common::*;
use netkaart::{Answers, Compiled, Lang, Orientation, Template};
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::visualize::Geometry;

const PITCH_MM: f64 = 15.0;
const FIELD_MM: f64 = 45.0;
/// Step 3 asks eight questions of the same kind, and its worksheet in the handbook has a
/// page per level: on the poster each gets two lines.
const LEVEL_FIELD_MM: f64 = 30.0;

/// One question's writing space on the page, in millimetres from the top left corner.
#[derive(Debug)]
struct Space {
    field: String,
    left: f64,
    top: f64,
    width: f64,
    bottom: f64,
    /// The heights of the horizontal lines drawn across it, top to bottom.
    lines: Vec<f64>,
}

/// Every horizontal line of the page: its height, left end and length, in mm.
fn ruled_lines(frame: &Frame, ts: Transform, out: &mut Vec<(f64, f64, f64)>) {
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(g) => ruled_lines(&g.frame, here.pre_concat(g.transform), out),
            FrameItem::Shape(shape, _) => {
                if let Geometry::Line(to) = shape.geometry
                    && to.y.to_pt().abs() < 1e-6
                    && to.x.to_pt() > 0.0
                {
                    let start = Point::zero().transform(here);
                    let end = to.transform(here);
                    out.push((start.y.to_mm(), start.x.to_mm(), (end.x - start.x).to_mm()));
                }
            }
            _ => {}
        }
    }
}

fn writing_spaces(poster: &Compiled) -> Vec<Space> {
    let doc = &poster.document;
    let marks: Vec<(String, String, (f64, f64), f64)> = marks(poster, "netkaart-budget")
        .into_iter()
        .map(|m| {
            (m.texts["field"].clone(), m.texts["edge"].clone(), (m.x, m.y), m.numbers["width"])
        })
        .collect();
    let mut lines = Vec::new();
    ruled_lines(&doc.pages()[0].frame, Transform::identity(), &mut lines);
    let mut spaces = Vec::new();
    for (field, edge, start, width) in &marks {
        if edge != "start" {
            continue;
        }
        let end = marks
            .iter()
            .find(|(f, e, _, _)| f == field && e == "end")
            .unwrap_or_else(|| panic!("{field} has no end mark"));
        let (left, top, bottom) = (start.0, start.1, (end.2).1);
        let mut inside: Vec<f64> = lines
            .iter()
            .filter(|(y, x, len)| {
                *y > top && *y < bottom && (*x - left).abs() < 0.5 && (*len - width).abs() < 0.5
            })
            .map(|(y, _, _)| *y)
            .collect();
        inside.sort_by(f64::total_cmp);
        spaces.push(Space {
            field: field.clone(),
            left,
            top,
            width: *width,
            bottom,
            lines: inside,
        });
    }
    spaces
}

/// The open questions of the poster: every text field of the answers but the association
/// words, which get an open area.
const QUESTIONS: [&str; 16] = [
    "what.network_today",
    "why.other",
    "why.statement",
    "levels.personal.offer",
    "levels.personal.attract",
    "levels.personal.goal",
    "levels.personal.contacts",
    "levels.organisation.stands_for",
    "levels.organisation.expertise",
    "levels.organisation.ambition",
    "levels.organisation.needs",
    "how_where.places",
    "how_where.approach",
    "sustain.follow_up",
    "sustain.knowledge",
    "sustain.evaluation",
];

#[test]
fn every_question_of_the_blank_poster_has_room_to_write_by_hand() {
    let mut problems = Vec::new();
    for &lang in Lang::ALL {
        for orientation in [Orientation::Landscape, Orientation::Portrait] {
            let spaces = writing_spaces(&blank(lang, orientation));
            let case = format!("{lang:?} {orientation:?}");
            for field in QUESTIONS {
                let Some(space) = spaces.iter().find(|s| s.field == field) else {
                    problems.push(format!("{case}: {field} has no writing space"));
                    continue;
                };
                let height = space.bottom - space.top;
                let least = if field.starts_with("levels.") { LEVEL_FIELD_MM } else { FIELD_MM };
                if height < least - 0.01 {
                    problems.push(format!("{case}: {field} is {height:.1} mm high"));
                }
                if space.lines.len() < 2 {
                    problems.push(format!("{case}: {field} has {} lines", space.lines.len()));
                }
                for pair in space.lines.windows(2) {
                    let pitch = pair[1] - pair[0];
                    if pitch < PITCH_MM - 0.01 {
                        problems.push(format!("{case}: {field}'s lines are {pitch:.1} mm apart"));
                    }
                }
                if space.width < 60.0 {
                    problems.push(format!("{case}: {field} is {:.1} mm wide", space.width));
                }
            }
            // The brainstorm's open area: as high as a question, and no lines in it.
            let words = spaces.iter().find(|s| s.field == "what.associations").unwrap();
            if words.bottom - words.top < FIELD_MM || !words.lines.is_empty() {
                problems.push(format!("{case}: the association words get {words:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_action_list_has_rows_a_pitch_apart_with_a_term_to_circle() {
    for &lang in Lang::ALL {
        let poster = blank(lang, Orientation::Landscape);
        let texts = runs(&poster.document.pages()[0].frame);
        // Each blank row offers the terms' first letters ("K / L", "S / L") to circle.
        let w = netkaart::templates::words(lang);
        let letters: Vec<String> = ["short", "long"]
            .iter()
            .map(|term| {
                w["terms_short"][term].as_str().unwrap().chars().next().unwrap().to_string()
            })
            .collect();
        let offer = letters.join(" / ");
        let mut rows: Vec<f64> = texts.iter().filter(|r| r.text == offer).map(|r| r.y).collect();
        rows.sort_by(f64::total_cmp);
        assert!(rows.len() >= 4, "{lang:?}: {} rows offer {offer:?}", rows.len());
        for pair in rows.windows(2) {
            assert!(
                pair[1] - pair[0] >= PITCH_MM - 0.01,
                "{lang:?}: rows {:.1} mm apart",
                pair[1] - pair[0]
            );
        }
    }
}

/// The map's outer radius on A2, and the smallest of its bands (rings 1 to 3 and the
/// desired band), mm, read from the circles drawn.
fn map_size(poster: &Compiled) -> (f64, f64) {
    let (_, radii) = map_circles(&poster.document.pages()[0].frame);
    // The centre disc's edge, rings 1 to 3 and the outer edge of the desired band.
    assert_eq!(radii.len(), 5, "{radii:?}");
    let thinnest = radii.windows(2).map(|w| w[0] - w[1]).fold(f64::INFINITY, f64::min);
    (radii[0], thinnest)
}

#[test]
fn the_blank_posters_map_is_big_enough_to_write_names_in_by_hand() {
    for &lang in Lang::ALL {
        for orientation in [Orientation::Landscape, Orientation::Portrait] {
            let (radius, thinnest) = map_size(&blank(lang, orientation));
            assert!(
                radius >= 100.0,
                "{lang:?} {orientation:?}: the map's radius is {radius:.1} mm"
            );
            assert!(thinnest >= 16.0, "{lang:?} {orientation:?}: a band is {thinnest:.1} mm deep");
        }
    }
}

/// Which side of the map a writing space stands on: left or right of its circle, or
/// above or below it.
fn side_of(space: &Space, (cx, cy): (f64, f64), radius: f64) -> &'static str {
    let (x, y) = (space.left + space.width / 2.0, (space.top + space.bottom) / 2.0);
    if x < cx - radius {
        "left"
    } else if x > cx + radius {
        "right"
    } else if y < cy {
        "above"
    } else {
        "below"
    }
}

#[test]
fn a_filled_poster_gives_its_map_more_room_and_keeps_the_answers_legible() {
    for orientation in [Orientation::Landscape, Orientation::Portrait] {
        let blank = blank(Lang::Nl, orientation);
        let filled = compile(Template::Poster, example("an-peeters.yaml"), orientation);
        let (blank_map, filled_map) = (map_size(&blank).0, map_size(&filled).0);
        assert!(
            filled_map >= blank_map,
            "{orientation:?}: {filled_map:.1} mm against {blank_map:.1} mm"
        );
        // The same questions in the same order, each on the same side of the map.
        let (b_centre, _) = map_circles(&blank.document.pages()[0].frame);
        let (f_centre, _) = map_circles(&filled.document.pages()[0].frame);
        let (bs, fs) = (writing_spaces(&blank), writing_spaces(&filled));
        let fields = |spaces: &[Space]| spaces.iter().map(|s| s.field.clone()).collect::<Vec<_>>();
        assert_eq!(fields(&bs), fields(&fs), "{orientation:?}");
        for (b, f) in bs.iter().zip(&fs) {
            assert_eq!(
                side_of(b, b_centre, blank_map),
                side_of(f, f_centre, filled_map),
                "{orientation:?}: {} moved",
                b.field
            );
        }
        // Every answer of a few lines at 12 pt or more.
        let texts = runs(&filled.document.pages()[0].frame);
        for space in fs.iter().filter(|s| QUESTIONS.contains(&s.field.as_str())) {
            let inside: Vec<&Run> = texts
                .iter()
                .filter(|r| {
                    r.x >= space.left - 0.5
                        && r.x <= space.left + space.width
                        && r.y > space.top
                        && r.y <= space.bottom + 0.5
                })
                .collect();
            assert!(!inside.is_empty(), "{orientation:?}: no answer in {}", space.field);
            for run in inside {
                assert!(
                    run.size >= 12.0 - 0.01,
                    "{orientation:?}: '{}' of {} at {:.1} pt",
                    run.text,
                    space.field,
                    run.size
                );
            }
        }
    }
}

#[test]
fn on_smaller_paper_the_budget_is_scaled_with_the_design() {
    let a2 = writing_spaces(&blank(Lang::Nl, Orientation::Landscape));
    let mut request =
        netkaart::Request::new(Template::Poster, Answers::blank(Lang::Nl), Orientation::Landscape);
    request.print.paper = Some(netkaart::Paper::A3);
    let a3 = {
        let _turn = crate::common::turn();
        writing_spaces(&engine().compile(&request).unwrap())
    };
    let scale = 297.0 / 420.0;
    for (big, small) in a2.iter().zip(&a3) {
        let (hb, hs) = (big.bottom - big.top, small.bottom - small.top);
        assert!(
            (hs - hb * scale).abs() < 0.05,
            "{}: {hb:.2} mm on A2, {hs:.2} mm on A3",
            big.field
        );
    }
}
