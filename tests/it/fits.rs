//! Every text of the language files fits where it is set: on the poster inside its region
//! (a step's panel, the header, the map's square with its legend and list), on the handout and in the
//! handbook inside the page's margins. Read from the laid-out pages, in both languages.

use crate::common::*;
use netkaart::{Answers, Compiled, Lang, Orientation, Template};

/// A level text run's box on the page, mm: left, top, right, bottom (from its size: the
/// height of Source Sans 3's ascenders above the baseline, of its descenders below), and the
/// text. Turned runs (the map's sector names) are left out.
type Box = (f64, f64, f64, f64, String);

fn page_runs(compiled: &Compiled, page: usize) -> Vec<Box> {
    let mm = |pt: f64| pt * 25.4 / 72.0;
    runs(&compiled.document.pages()[page].frame)
        .into_iter()
        .filter(|r| !r.turned && !r.text.trim().is_empty())
        .map(|r| (r.x, r.y - 0.72 * mm(r.size), r.x + r.width, r.y + 0.2 * mm(r.size), r.text))
        .collect()
}

/// The poster's regions as the template places them: x, y, width, height in mm.
fn regions(poster: &Compiled) -> Vec<(String, [f64; 4])> {
    marks(poster, "netkaart-region")
        .into_iter()
        .map(|m| {
            let n = |k: &str| m.numbers[k];
            (m.texts["region"].clone(), [n("x"), n("y"), n("w"), n("h")])
        })
        .collect()
}

const SLACK: f64 = 0.3;

#[test]
fn every_text_of_the_poster_stays_inside_its_region() {
    let mut problems = Vec::new();
    for &lang in Lang::ALL {
        for orientation in [Orientation::Landscape, Orientation::Portrait] {
            let mut filled = example("an-peeters.yaml");
            filled.lang = Some(lang);
            for (what, poster) in [
                ("blank", blank(lang, orientation)),
                ("filled", compile(Template::Poster, filled, orientation)),
            ] {
                let regions = regions(&poster);
                // The header, the five steps and the map.
                assert_eq!(regions.len(), 7, "{regions:?}");
                for (x0, y0, x1, y1, text) in page_runs(&poster, 0) {
                    let inside = regions.iter().any(|(_, [x, y, w, h])| {
                        x0 >= x - SLACK
                            && x1 <= x + w + SLACK
                            && y0 >= y - SLACK
                            && y1 <= y + h + SLACK
                    });
                    if !inside {
                        problems.push(format!(
                            "{lang:?} {orientation:?} {what}: {text:?} at ({x0:.1}, {y0:.1})–({x1:.1}, {y1:.1}) mm"
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_text_of_the_handout_and_the_handbook_stays_inside_the_page_margins() {
    let mut problems = Vec::new();
    for &lang in Lang::ALL {
        let mut filled = example("an-peeters.yaml");
        filled.lang = Some(lang);
        // The handout's margins are 14 mm at the sides; the handbook's text is 47 mm in, and
        // its tables reach 25 mm out into the margins.
        for (what, compiled, side) in [
            ("handout", compile(Template::Handout, filled.clone(), Orientation::Portrait), 14.0),
            (
                "blank handout",
                compile(Template::Handout, Answers::blank(lang), Orientation::Portrait),
                14.0,
            ),
            ("handbook", compile(Template::Handbook, filled, Orientation::Portrait), 22.0),
            (
                "generic handbook",
                compile(Template::Handbook, Answers::blank(lang), Orientation::Portrait),
                22.0,
            ),
        ] {
            for page in 0..compiled.page_count() {
                for (x0, y0, x1, y1, text) in page_runs(&compiled, page) {
                    if x0 < side - SLACK
                        || x1 > 210.0 - side + SLACK
                        || y0 < 8.0
                        || y1 > 297.0 - 8.0
                    {
                        problems.push(format!(
                            "{lang:?} {what} p. {}: {text:?} at ({x0:.1}, {y0:.1})–({x1:.1}, {y1:.1}) mm",
                            page + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
