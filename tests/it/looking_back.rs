//! Looking back: `netkaart compare` (a participant's network then and now, the handout's
//! page and the handbook's chapter with `--before`) and `netkaart stats` (a row of figures
//! per participant, the group's portrait). The figures are read back from the JSON, from
//! the CSV by Python's own `csv` module, and from the PDFs' text.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{
    must_contain, must_fail, must_succeed, netkaart, pdf_page_texts, root, runs, squash, stderr,
    temp_dir,
};

fn examples() -> PathBuf {
    root().join("examples")
}

/// The pair of examples: An Peeters in December 2026, and six months later.
fn pair() -> (String, String) {
    let then = examples().join("an-peeters.yaml");
    let now = examples().join("an-peeters-2027-06.yaml");
    (then.display().to_string(), now.display().to_string())
}

/// Runs the binary in `dir` and returns the file it wrote at `out`.
fn made(dir: &Path, args: &[&str], out: &str) -> Vec<u8> {
    let result = netkaart(dir, args);
    must_succeed(&result);
    std::fs::read(dir.join(out)).expect("the output was written")
}

/// The names of the contacts of each change, as the comparison's JSON has them.
fn changes(json: &Value) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in json["contacts"].as_array().expect("a list of contacts") {
        let change = c["change"].as_str().unwrap().to_string();
        out.entry(change).or_default().push(c["name"].as_str().unwrap().to_string());
    }
    out
}

#[test]
fn a_comparison_finds_exactly_the_changes_of_every_kind() {
    let dir = temp_dir("compare-json");
    let (then, now) = pair();
    let bytes = made(&dir, &["compare", &then, &now, "-o", "cmp.json"], "cmp.json");
    let json: Value = serde_json::from_slice(&bytes).expect("JSON");
    let found = changes(&json);
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(found["new"], names(&["Buurtcomité Noord"]));
    assert_eq!(found["gone"], names(&["Ellen van de sportclub"]));
    assert_eq!(
        found["realised"],
        names(&["Schepen van groen", "Dienst Groen", "Koning Boudewijnstichting"])
    );
    assert_eq!(found["closer"], names(&["Jef Claes"]));
    assert_eq!(found["further"], names(&["Marc (oud-collega)"]));
    // Spelt differently (an accent, case, two spaces), and still the same contacts.
    for same in ["Fátima el Amrani", "imam Yusuf Demir", "Directeur basisschool  De Regenboog"] {
        assert!(found["same"].contains(&same.to_string()), "{same} should be unchanged");
    }
    assert_eq!(found["same"].len(), 12);
    let counts = &json["changes"];
    for (change, n) in [("new", 1), ("gone", 1), ("realised", 3), ("closer", 1), ("further", 1)] {
        assert_eq!(counts[change], n, "{change}");
    }
    // Rings then and now: Jef Claes came from ring 2 into ring 1.
    let jef = json["contacts"].as_array().unwrap().iter().find(|c| c["name"] == "Jef Claes");
    assert_eq!(jef.unwrap()["then"]["ring"], "2");
    assert_eq!(jef.unwrap()["now"]["ring"], "1");
    // Actions: five planned, of which one was done then and two more are done now.
    assert_eq!(json["then"]["actions"], 5);
    assert_eq!(json["now"]["actions"], 6);
    assert_eq!(json["planned_done"], 3);
    assert_eq!(json["then"]["figures"]["contacts"], 18);
    assert_eq!(json["now"]["figures"]["contacts"], 18);
    assert_eq!(json["then"]["date"], "2026-12-03");
    assert_eq!(json["now"]["date"], "2027-06-10");
    // The reasons then and now: "solve a problem" was ticked since, the own reason dropped.
    assert_eq!(json["then"]["reasons"]["solve_problem"], 0);
    assert_eq!(json["now"]["reasons"]["solve_problem"], 1);
    assert_eq!(json["then"]["reasons"]["other"], 1);
    assert_eq!(json["now"]["reasons"]["other"], 0);
}

#[test]
fn the_comparison_page_says_what_changed_in_its_text() {
    let dir = temp_dir("compare-pdf");
    let (then, now) = pair();
    let pdf = made(&dir, &["compare", &then, &now, "-o", "cmp.pdf"], "cmp.pdf");
    let pages = pdf_page_texts(&pdf);
    assert_eq!(pages.len(), 1, "the comparison is one A4 page");
    let text = &pages[0];
    must_contain(text, "Je netwerk toen en nu");
    must_contain(text, "Toen: 3 december 2026 · Nu: 10 juni 2027");
    for heading in [
        "+ Nieuw (1)",
        "✓ Gewenst, nu een contact (3)",
        "↑ Dichterbij (1)",
        "↓ Verder naar buiten (1)",
        "× Niet meer op de kaart (1)",
    ] {
        must_contain(text, heading);
    }
    must_contain(text, "Jef Claes (2 → 1)");
    must_contain(text, "Marc (oud-collega) (2 → 3)");
    must_contain(text, "Dienst Groen (Gewenst → 2)");
    must_contain(text, "Ellen van de sportclub");
    // On the map, each changed name after its mark.
    must_contain(text, "+\u{a0}Buurtcomité Noord");
    // The actions planned then, done now, and both dates' step 5.
    must_contain(text, "3/5");
    must_contain(text, "Elke eerste maandag van de maand bel of mail ik twee contacten; de stad");
    // Nothing unchanged is listed as a change.
    assert!(!squash(text).contains("Onveranderd"), "unchanged contacts are not listed");
}

#[test]
fn the_comparison_is_a_page_of_the_handout_and_a_chapter_of_the_handbook_with_before() {
    let dir = temp_dir("compare-before");
    let (then, now) = pair();
    let plain = made(&dir, &["handout", &now, "-o", "plain.pdf"], "plain.pdf");
    let with = made(&dir, &["handout", &now, "--before", &then, "-o", "ho.pdf"], "ho.pdf");
    let (plain, with) = (pdf_page_texts(&plain), pdf_page_texts(&with));
    assert_eq!(with.len(), plain.len() + 1, "one page more");
    let last = with.last().unwrap();
    must_contain(last, "Je netwerk toen en nu");
    must_contain(last, "Jef Claes (2 → 1)");
    must_contain(last, &format!("{n} / {n}", n = with.len()));
    let handbook = made(&dir, &["handbook", &now, "--before", &then, "-o", "hb.pdf"], "hb.pdf");
    let text = pdf_page_texts(&handbook).join("\n");
    must_contain(&text, "Toen en nu");
    must_contain(&text, "Jef Claes (2 → 1)");
    must_contain(&text, "Stap 5, toen en nu");
    // Without --before, the handbook has no such chapter.
    let plain = made(&dir, &["handbook", &now, "-o", "plain-hb.pdf"], "plain-hb.pdf");
    assert!(!squash(&pdf_page_texts(&plain).join("")).contains("Stap5,toenennu"));
}

#[test]
fn a_comparison_refuses_an_older_file_with_a_mistake_at_its_place() {
    let dir = temp_dir("compare-bad");
    std::fs::write(dir.join("then.yaml"), "version: 1\ncontacts:\n  - {name: Luc, ring: 7}\n")
        .unwrap();
    let (_, now) = pair();
    let out = netkaart(&dir, &["compare", "then.yaml", &now]);
    must_fail(&out);
    let err = stderr(&out);
    assert!(err.contains("then.yaml:3"), "the mistake is placed in its file:\n{err}");
    assert!(!dir.join("an-peeters-2027-06-compare.pdf").exists());
}

/// `count` synthetic participants, one file each, in a fresh folder.
fn synthetic(name: &str, count: usize) -> PathBuf {
    let dir = temp_dir(name).join("answers");
    let out = Command::new("python3")
        .arg(root().join("scripts/synth.py"))
        .args(["--count", &count.to_string(), "--format", "dir"])
        .arg(&dir)
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "synth.py failed: {}", String::from_utf8_lossy(&out.stderr));
    dir
}

#[test]
fn the_stats_csv_read_by_python_gives_the_figures_of_the_json() {
    let answers = synthetic("stats-csv", 30);
    let dir = answers.parent().unwrap().to_path_buf();
    let path = answers.display().to_string();
    let csv = made(&dir, &["stats", &path, "-o", "stats.csv"], "stats.csv");
    made(&dir, &["stats", &path, "-o", "stats.json"], "stats.json");
    assert!(csv.starts_with("\u{feff}".as_bytes()), "a byte-order mark, for Excel");
    // Python's csv module, a reader that owes nothing to netkaart, compares every cell of
    // every row with the JSON's figures, in the JSON's order.
    let script = r#"
import csv, json, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f, delimiter=";"))
data = json.load(open(sys.argv[2], encoding="utf-8"))
def leaves(v):
    if isinstance(v, dict):
        for x in v.values():
            yield from leaves(x)
    else:
        yield str(v)
header, body = rows[0], rows[1:]
assert len(body) == len(data["participants"]) == 30, (len(body), len(data["participants"]))
for row, record in zip(body, data["participants"]):
    values = list(leaves(record))
    assert len(row) == len(header) == len(values), (len(row), len(header), len(values))
    assert row == values, (row, values)
print(len(header))
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(dir.join("stats.csv"))
        .arg(dir.join("stats.json"))
        .output()
        .expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let header: usize = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    assert_eq!(
        header, 26,
        "participant, contacts, 7 kinds, 4 rings, 2 levels, 2 statuses, %, 6 reasons, 2 actions"
    );
    // The group's figures add the participants' up.
    let json: Value =
        serde_json::from_slice(&std::fs::read(dir.join("stats.json")).unwrap()).unwrap();
    let sum: u64 = json["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["contacts"].as_u64().unwrap())
        .sum();
    assert_eq!(json["group"]["figures"]["contacts"].as_u64(), Some(sum));
    let cells: u64 = json["group"]["cells"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s.as_array().unwrap())
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(cells, sum, "every contact is in one cell");
}

#[test]
fn the_stats_csv_uses_the_separator_of_its_language_and_defuses_formulas() {
    let dir = temp_dir("stats-separator");
    std::fs::write(
        dir.join("a.yaml"),
        "version: 1\nlang: en\nperson: {name: \"=HYPERLINK(\\\"http://x\\\")\"}\ncontacts:\n  - {name: Luc}\n",
    )
    .unwrap();
    let csv = made(&dir, &["stats", "a.yaml", "--lang", "en", "--names", "-o", "s.csv"], "s.csv");
    let text = String::from_utf8(csv).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    assert!(lines.next().unwrap().starts_with("Participant,Contacts,Kind: "));
    let row = lines.next().unwrap();
    assert!(row.starts_with("\"'=HYPERLINK("), "a name is never a formula: {row}");
    let csv = made(&dir, &["stats", "a.yaml", "--separator", "semicolon", "-o", "t.csv"], "t.csv");
    let text = String::from_utf8(csv).unwrap();
    assert!(text.lines().nth(1).unwrap().starts_with("1;1;"), "numbered, not named: {text}");
}

#[test]
fn a_participant_whose_answers_cannot_be_read_costs_the_others_nothing() {
    let dir = temp_dir("stats-bad");
    let answers = dir.join("answers");
    std::fs::create_dir_all(&answers).unwrap();
    std::fs::copy(examples().join("an-peeters.yaml"), answers.join("an.yaml")).unwrap();
    std::fs::write(answers.join("broken.yaml"), "version: 1\ncontacts: [{ring: 2}]\n").unwrap();
    let out = netkaart(&dir, &["stats", "answers", "-o", "s.json"]);
    must_fail(&out);
    let err = stderr(&out);
    assert!(err.contains("broken.yaml"), "the broken file is named:\n{err}");
    let json: Value = serde_json::from_slice(&std::fs::read(dir.join("s.json")).unwrap()).unwrap();
    assert_eq!(json["participants"].as_array().unwrap().len(), 1);
    assert_eq!(json["group"]["participants"], 1);
}

#[test]
fn the_group_portrait_names_nobody_unless_asked() {
    let answers = synthetic("portrait-names", 30);
    let dir = answers.parent().unwrap().to_path_buf();
    let path = answers.display().to_string();
    let names: Vec<String> = std::fs::read_dir(&answers)
        .unwrap()
        .map(|e| {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            let line =
                text.lines().find(|l| l.trim_start().starts_with("name:")).unwrap().to_string();
            line.split_once(':').unwrap().1.trim().trim_matches('"').to_string()
        })
        .collect();
    let anonymous =
        pdf_page_texts(&made(&dir, &["stats", &path, "-o", "p.pdf"], "p.pdf")).join("\n");
    must_contain(&anonymous, "Het netwerk van de groep");
    must_contain(&anonymous, "Deelnemers: 30");
    for name in &names {
        assert!(!squash(&anonymous).contains(&squash(name)), "{name} is on the portrait");
    }
    let named = pdf_page_texts(&made(&dir, &["stats", &path, "--names", "-o", "n.pdf"], "n.pdf"))
        .join("\n");
    for name in &names {
        must_contain(&named, name);
    }
}

#[test]
fn every_word_of_the_group_portrait_stays_on_its_page() {
    use netkaart::review::group::{Group, Naming};
    use netkaart::{Answers, Lang, Orientation, Request, Template};
    let answers = synthetic("portrait-fits", 30);
    let mut all: Vec<Answers> = std::fs::read_dir(&answers)
        .unwrap()
        .map(|e| Answers::load(&e.unwrap().path()).expect("synthetic answers are valid"))
        .collect();
    all.push(crate::common::example("an-peeters.yaml"));
    all.push(crate::common::example("green-lane.yaml"));
    for &lang in Lang::ALL {
        for (naming, group) in [Naming::Numbers, Naming::Names].map(|n| (n, Group::of(&all, n))) {
            let request = Request {
                group: Some(std::sync::Arc::new(group)),
                ..Request::new(Template::Portrait, Answers::blank(lang), Orientation::Landscape)
            };
            let compiled = {
                let _turn = crate::common::turn();
                crate::common::engine().compile(&request).expect("the portrait compiles")
            };
            assert_eq!(compiled.page_count(), 1, "{lang:?} {naming:?}: one page");
            assert!(compiled.warnings.is_empty(), "{lang:?}: {:?}", compiled.warnings);
            let page = &compiled.document.pages()[0];
            let (w, h) = (page.frame.width().to_mm(), page.frame.height().to_mm());
            for run in runs(&page.frame).iter().filter(|r| !r.turned) {
                assert!(
                    run.x >= 5.0
                        && run.x + run.width <= w - 5.0
                        && run.y >= 5.0
                        && run.y <= h - 5.0,
                    "{lang:?}: {:?} at ({:.1}, {:.1}) leaves the page",
                    run.text,
                    run.x,
                    run.y
                );
            }
        }
    }
}

#[test]
fn the_data_for_the_stock_typst_command_holds_the_comparison() {
    let dir = temp_dir("compare-data");
    let (then, now) = pair();
    let args = ["data", &now, "--kind", "compare", "--before", &then, "-o", "d.json"];
    let written = String::from_utf8(made(&dir, &args, "d.json")).unwrap();
    let request = netkaart::Request {
        before: Some(std::sync::Arc::new(crate::common::example("an-peeters.yaml"))),
        ..netkaart::Request::new(
            netkaart::Template::Compare,
            crate::common::example("an-peeters-2027-06.yaml"),
            netkaart::Orientation::Portrait,
        )
    };
    assert_eq!(written, request.data());
    let data: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(data["compare"]["figures"]["changes"]["realised"], 3);
    assert_eq!(data["compare"]["before"]["person"]["date"], "2026-12-03");
    // Without the older file there is nothing to compare, and batch makes no comparisons.
    must_fail(&netkaart(&dir, &["data", &now, "--kind", "compare"]));
    let out = netkaart(&dir, &["batch", &now, "--kind", "compare", "-o", "out"]);
    must_fail(&out);
    assert!(stderr(&out).contains("netkaart compare"), "{}", stderr(&out));
}

#[test]
fn a_portrait_with_more_names_than_it_holds_says_where_they_all_are() {
    let answers = synthetic("portrait-many-names", 120);
    let dir = answers.parent().unwrap().to_path_buf();
    let path = answers.display().to_string();
    let out = netkaart(&dir, &["stats", &path, "--names", "--lang", "en", "-o", "p.pdf"]);
    must_succeed(&out);
    let err = stderr(&out);
    assert!(
        err.contains("warning: not every name fits on the group portrait; the figures per participant (CSV, with names) name them all"),
        "{err}"
    );
    // Without names there is nothing to cut.
    let out = netkaart(&dir, &["stats", &path, "-o", "q.pdf"]);
    must_succeed(&out);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}
