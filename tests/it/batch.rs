//! `netkaart batch` as an organiser meets it: every good record becomes a handout, every
//! bad one is named precisely, and the output is the same however the work is split.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/batch")
}

fn arg(p: &Path) -> String {
    p.to_str().expect("test paths are UTF-8").to_string()
}

/// Every PDF in a folder by name, with its bytes.
fn pdfs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).expect("the output folder exists") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.starts_with('.'), "a temporary file was left behind: {name}");
        if name.ends_with(".pdf") {
            out.insert(name, fs::read(&path).unwrap());
        }
    }
    out
}

/// The text of each page of a PDF.
fn page_texts(bytes: &[u8]) -> Vec<String> {
    pdf_page_texts(bytes)
}

#[test]
fn twenty_records_with_two_bad_ones_give_eighteen_handouts_and_name_both() {
    let dir = temp_dir("batch-20");
    let input = fixtures().join("workshop-20.yaml");
    let out = netkaart(&dir, &["batch", &arg(&input), "-o", "out"]);
    must_fail(&out);
    let err = stderr(&out);
    // Both participants wrote `lang: nl`: their problems are worded in Dutch, the summary
    // in the organiser's language.
    must_contain(
        &err,
        &format!(
            "fout: {}:536:11 (document 7): contacts.1.kind: onbekende soort 'neihgbour-ish'",
            arg(&input)
        ),
    );
    must_contain(&err, "bedoel je 'Buurtbewoners'?");
    must_contain(&err, "workshop-20.yaml:1166:1 (document 15): de regel begint met een tab");
    must_contain(&err, "gebruik spaties");
    must_contain(&err, "18 of 20 handouts made");
    must_contain(&err, "2 failed");
    let files = pdfs(&dir.join("out"));
    assert_eq!(files.len(), 18);
    for (name, bytes) in &files {
        assert_eq!(page_texts(bytes).len(), 2, "{name} is not two pages");
    }
}

#[test]
fn jobs_one_and_two_give_identical_files() {
    let dir = temp_dir("batch-jobs");
    let input = arg(&fixtures().join("workshop-20.yaml"));
    for jobs in ["1", "2"] {
        let out = netkaart(
            &dir,
            &[
                "batch",
                &input,
                "-o",
                &format!("out{jobs}"),
                "--combine",
                &format!("all{jobs}.pdf"),
                "-j",
                jobs,
                "-q",
            ],
        );
        must_fail(&out);
    }
    let (one, two) = (pdfs(&dir.join("out1")), pdfs(&dir.join("out2")));
    assert_eq!(one.len(), 18);
    assert_eq!(one.keys().collect::<Vec<_>>(), two.keys().collect::<Vec<_>>());
    for (name, bytes) in &one {
        assert!(bytes == &two[name], "{name} differs between --jobs 1 and --jobs 2");
    }
    assert!(fs::read(dir.join("all1.pdf")).unwrap() == fs::read(dir.join("all2.pdf")).unwrap());
}

#[test]
fn a_combined_pdf_starts_every_person_on_an_odd_page() {
    let dir = temp_dir("batch-combine");
    let folder = arg(&fixtures().join("folder"));
    // Handouts have two pages: nothing to add.
    let out = netkaart(&dir, &["batch", &folder, "--combine", "handouts.pdf", "-q"]);
    must_succeed(&out);
    let pages = page_texts(&fs::read(dir.join("handouts.pdf")).unwrap());
    assert_eq!(pages.len(), 8);
    // A poster is one page: each is followed by a blank page, so that printing on both
    // sides never puts two people on one sheet.
    let out =
        netkaart(&dir, &["batch", &folder, "--kind", "poster", "--combine", "posters.pdf", "-q"]);
    must_succeed(&out);
    let pages = page_texts(&fs::read(dir.join("posters.pdf")).unwrap());
    assert_eq!(pages.len(), 8);
    let people = ["Jan Peeters", "Jan Peeters", "JAN PEETERS", "Vzw Samenleven"];
    for (k, person) in people.iter().enumerate() {
        must_contain(&pages[2 * k], person);
        assert!(squash(&pages[2 * k + 1]).is_empty(), "page {} is not blank", 2 * k + 2);
    }
    // The order is the input's: b.yml's organisation is on the second poster.
    must_contain(&pages[2], "De Brug");
}

#[test]
fn names_that_collide_get_numbers_in_input_order_whatever_their_case() {
    let dir = temp_dir("batch-names");
    let folder = arg(&fixtures().join("folder"));
    let out = netkaart(&dir, &["batch", &folder, "-o", "out"]);
    must_succeed(&out);
    let files = pdfs(&dir.join("out"));
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["jan-peeters-2.pdf", "jan-peeters-3.pdf", "jan-peeters.pdf", "vzw-samenleven.pdf"]
    );
    // a.yaml comes first and keeps the plain name; b.yml, with its organisation, is -2.
    must_contain(&page_texts(&files["jan-peeters-2.pdf"])[0], "De Brug");
    let out = netkaart(&dir, &["batch", &folder, "-o", "numbered", "--name", "{n}-{name}-{lang}"]);
    must_succeed(&out);
    let numbered: Vec<String> = pdfs(&dir.join("numbered")).into_keys().collect();
    assert_eq!(
        numbered,
        [
            "1-jan-peeters-nl.pdf",
            "2-jan-peeters-nl.pdf",
            "3-jan-peeters-en.pdf",
            "4-vzw-samenleven-nl.pdf"
        ]
    );
    // A pattern with an unknown placeholder is refused before any work.
    let out = netkaart(&dir, &["batch", &folder, "-o", "never", "--name", "{nme}"]);
    must_fail(&out);
    must_contain(&stderr(&out), "did you mean {name}?");
    assert!(!dir.join("never").exists());
}

#[test]
fn shards_together_make_exactly_the_whole_batch() {
    let dir = temp_dir("batch-shards");
    let input = arg(&fixtures().join("workshop-20.yaml"));
    must_fail(&netkaart(&dir, &["batch", &input, "-o", "whole", "-q"]));
    let whole = pdfs(&dir.join("whole"));
    let mut union = BTreeMap::new();
    let mut failures = 0;
    for k in 1..=3 {
        let out = netkaart(
            &dir,
            &["batch", &input, "-o", &format!("shard{k}"), "--shard", &format!("{k}/3"), "-q"],
        );
        failures += stderr(&out).matches("  failed: ").count();
        for (name, bytes) in pdfs(&dir.join(format!("shard{k}"))) {
            assert!(union.insert(name.clone(), bytes).is_none(), "{name} is in two shards");
        }
    }
    assert_eq!(failures, 2, "each bad record is reported by exactly one shard");
    assert_eq!(union, whole);
    let out = netkaart(&dir, &["batch", &input, "-o", "x", "--shard", "4/3"]);
    must_fail(&out);
    must_contain(&stderr(&out), "--shard '4/3' is not K/N");
}

#[test]
fn csv_xlsx_and_ods_exports_give_the_same_handouts() {
    let dir = temp_dir("batch-sheets");
    let inputs = [
        (root().join("examples/workshop.csv"), "csv"),
        // Numbers, dates and yes/no as typed cells, as a form's workbook has them.
        (root().join("examples/workshop.xlsx"), "xlsx"),
        (fixtures().join("workshop.ods"), "ods"),
    ];
    for (input, out_dir) in &inputs {
        let out = netkaart(&dir, &["batch", &arg(input), "-o", out_dir, "-q"]);
        must_succeed(&out);
    }
    let csv = pdfs(&dir.join("csv"));
    assert!(csv.len() >= 12, "the example spreadsheet has {} participants", csv.len());
    assert_eq!(csv, pdfs(&dir.join("xlsx")));
    assert_eq!(csv, pdfs(&dir.join("ods")));
}

#[test]
fn a_bad_cell_is_named_by_row_and_column_and_the_other_rows_go_on() {
    let dir = temp_dir("batch-cells");
    // Semicolons, as Excel writes CSV in Dutch; lists inside a cell use them too, quoted.
    fs::write(
        dir.join("form.csv"),
        "person.name;contacts.1.name;contacts.1.kind;contacts.1.ring;why.reasons;sustain.actions.1.done\n\
         Ann;Luc;neighbour;1;\"learn; position\";ja\n\
         Bert;Luc;polcy_maker;1;;\n\
         Chris;Luc;neighbour;twee;;\n\
         ;;;;;\n\
         Dina;;colleague;;;\n\
         Eva;;;;learn;\n",
    )
    .unwrap();
    let out = netkaart(&dir, &["batch", "form.csv", "-o", "out"]);
    must_fail(&out);
    let err = stderr(&out);
    must_contain(&err, "form.csv, row 3, column C: contacts.1.kind: unknown kind 'polcy_maker'");
    must_contain(&err, "did you mean 'Policy makers'?");
    must_contain(
        &err,
        "form.csv, row 4, column D: contacts.1.ring: ring 'twee' does not exist; expected 1 (core), 2 (regular) or 3 (occasional)",
    );
    must_contain(&err, "form.csv, row 6, column C: contacts.1: missing key 'name'");
    must_contain(&err, "fill in the column contacts.1.name");
    must_contain(&err, "2 of 5 handouts made");
    // Ann's and Eva's; the empty row is no participant.
    assert_eq!(pdfs(&dir.join("out")).len(), 2);
}

#[test]
fn a_column_that_names_no_field_fails_the_file_with_a_suggestion() {
    let dir = temp_dir("batch-header");
    fs::write(dir.join("form.csv"), "person.name,contacts.1.nmae\nAnn,Luc\n").unwrap();
    let out = netkaart(&dir, &["batch", "form.csv", "-o", "out"]);
    must_fail(&out);
    let err = stderr(&out);
    must_contain(
        &err,
        "form.csv, row 1, column B: the column 'contacts.1.nmae' is not a field of the answers",
    );
    must_contain(&err, "did you mean 'name'?");
    fs::write(dir.join("zero.csv"), "person.name,contacts.0.name\nAnn,Luc\n").unwrap();
    let out = netkaart(&dir, &["batch", "zero.csv", "-o", "out"]);
    must_fail(&out);
    must_contain(&stderr(&out), "numbers in column names count from 1");
}

#[test]
fn the_event_brands_every_document_and_its_mistakes_are_placed() {
    let dir = temp_dir("batch-event");
    let event = arg(&fixtures().join("event/event.yaml"));
    let folder = arg(&fixtures().join("folder"));
    let out = netkaart(&dir, &["batch", &folder, "-o", "out", "--event", &event, "-q"]);
    must_succeed(&out);
    let text = page_texts(&pdfs(&dir.join("out"))["vzw-samenleven.pdf"]).join("\n");
    must_contain(&text, "Netwerkdag Oost");
    must_contain(&text, "Buurtwerk De Brug");
    must_contain(&text, "Sara Janssens");
    // The facilitator's blank poster and the handbook carry it too.
    for command in ["blank", "handbook"] {
        let out = netkaart(&dir, &[command, "--event", &event, "-o", &format!("{command}.pdf")]);
        must_succeed(&out);
        let text = page_texts(&fs::read(dir.join(format!("{command}.pdf"))).unwrap()).join("\n");
        must_contain(&text, "Netwerkdag Oost");
    }
    let cases = [
        ("no-logo.yaml", "no-logo.yaml:3:7: logo: the logo"),
        ("no-logo.yaml", "does not exist"),
        ("bad-colour.yaml", "bad-colour.yaml:3:9: accent: 'red' is not a colour"),
        ("not-image.yaml", "not-image.yaml:2:7: logo: the logo"),
        ("not-image.yaml", "is not a PNG, JPEG or SVG image"),
    ];
    for (file, expected) in cases {
        let bad = arg(&fixtures().join("event").join(file));
        let out = netkaart(&dir, &["batch", &folder, "-o", "never", "--event", &bad]);
        must_fail(&out);
        must_contain(&stderr(&out), expected);
        assert!(!dir.join("never").exists(), "{file}: the batch started");
        let out = netkaart(&dir, &["blank", "--event", &bad, "-o", "never.pdf"]);
        must_fail(&out);
        assert!(!dir.join("never.pdf").exists());
    }
}

#[test]
fn fail_fast_stops_at_the_first_bad_record() {
    let dir = temp_dir("batch-fail-fast");
    let input = arg(&fixtures().join("workshop-20.yaml"));
    let out = netkaart(&dir, &["batch", &input, "-o", "out", "--fail-fast", "-j", "1"]);
    must_fail(&out);
    let err = stderr(&out);
    must_contain(&err, "(document 7)");
    assert!(!err.contains("(document 15)"), "it went on after the first failure:\n{err}");
    must_contain(&err, "6 of 20 handouts made");
    must_contain(&err, "13 not started (--fail-fast)");
    assert_eq!(pdfs(&dir.join("out")).len(), 6);
}

#[test]
fn progress_is_a_line_per_record_off_a_terminal_and_quiet_prints_only_failures() {
    let dir = temp_dir("batch-progress");
    let folder = arg(&fixtures().join("folder"));
    let out = netkaart(&dir, &["batch", &folder, "-o", "out", "-j", "1"]);
    must_succeed(&out);
    let err = stderr(&out);
    assert_eq!(err.matches("] wrote ").count(), 4, "{err}");
    must_contain(&err, "[1/4] wrote out/jan-peeters.pdf");
    must_contain(&err, "4 of 4 handouts made in out; 0 failed");
    let out = netkaart(&dir, &["batch", &folder, "-o", "out", "-q"]);
    must_succeed(&out);
    assert_eq!(stderr(&out), "");
}

#[test]
fn batch_options_that_cannot_work_together_are_refused_before_any_work() {
    let dir = temp_dir("batch-usage");
    let folder = arg(&fixtures().join("folder"));
    let cases: [(&[&str], &str); 5] = [
        (&["batch", &folder], "say where the documents go"),
        (&["batch", &folder, "--combine", "all.txt"], "should be a .pdf file name"),
        (
            &["batch", &folder, "-o", "out", "--orientation", "portrait"],
            "--orientation applies to posters only",
        ),
        (&["batch", &folder, "-o", "out", "-j", "0"], "--jobs must be at least 1"),
        (&["batch", "missing.yaml", "-o", "out"], "the input missing.yaml does not exist"),
    ];
    for (args, expected) in cases {
        let out = netkaart(&dir, args);
        must_fail(&out);
        must_contain(&stderr(&out), expected);
        assert!(!dir.join("out").exists());
    }
}

#[test]
fn a_single_document_after_a_comment_is_placed_by_the_files_own_lines() {
    let dir = temp_dir("batch-one-document");
    fs::write(
        dir.join("x.yaml"),
        "# Ann's answers\n---\nversion: 1\ncontacts:\n  - name: Luc\n    kind: neihgbour-ish\n",
    )
    .unwrap();
    for args in [&["batch", "x.yaml", "-o", "out"][..], &["poster", "x.yaml", "-o", "x.pdf"]] {
        let out = netkaart(&dir, args);
        must_fail(&out);
        must_contain(&stderr(&out), "x.yaml:6:11: contacts.1.kind: unknown kind 'neihgbour-ish'");
    }
}

#[test]
fn a_form_export_is_read_as_it_is_its_own_columns_left_out_and_the_posters_words_understood() {
    let dir = temp_dir("batch-form-export");
    // As Google Forms exports in Dutch: its timestamp and e-mail columns, the ticked boxes
    // joined with commas, the poster's own words for the values, dates day first.
    fs::write(
        dir.join("google-nl.csv"),
        "Tijdstempel,E-mailadres,person.name,contacts.1.name,contacts.1.kind,contacts.1.ring,contacts.1.status,contacts.1.level,why.reasons,sustain.actions.1.what,sustain.actions.1.when,sustain.actions.1.term,sustain.actions.1.done\n\
         2026/12/03 10:15:22 CET,ann@example.org,Ann,Luc,Beleidsmaker,2 Regelmatig,gewenst,Persoonlijk niveau,\"te leren van anderen, middelen te vinden\",Luc bellen,15/1/2027,Korte termijn,Ja\n",
    )
    .unwrap();
    // As Microsoft Forms exports in English.
    fs::write(
        dir.join("ms-en.csv"),
        "ID,Start time,Completion time,Email,Name,lang,person.name,contacts.1.name,contacts.1.kind,contacts.1.status,how_where.occasions,sustain.actions.1.what,sustain.actions.1.term\n\
         1,12/3/26 10:01:02,12/3/26 10:09:45,anonymous,anonymous,English,Bo,Ria,Policy makers,Desired,\"Sector events;By chance\",Call Ria,Long term\n",
    )
    .unwrap();
    let out = netkaart(&dir, &["batch", "google-nl.csv", "ms-en.csv", "-o", "out"]);
    must_succeed(&out);
    let err = stderr(&out);
    must_contain(&err, "2 of 2 handouts made");
    must_contain(&err, "not read in google-nl.csv: 'Tijdstempel', 'E-mailadres'");
    must_contain(
        &err,
        "not read in ms-en.csv: 'ID', 'Start time', 'Completion time', 'Email', 'Name'",
    );
    // The values as the answers hold them.
    let rows =
        netkaart::inputs::read_inputs(&[dir.join("google-nl.csv")], &Default::default()).unwrap();
    let ann = rows.records[0].answers.as_ref().unwrap();
    let luc = &ann.contacts.as_ref().unwrap()[0];
    assert_eq!(luc.kind, Some(netkaart::answers::Kind::PolicyMaker));
    assert_eq!(luc.ring, Some(netkaart::answers::Ring(2)));
    assert_eq!(luc.status, Some(netkaart::answers::Status::Desired));
    assert_eq!(luc.level, Some(netkaart::answers::Level::Personal));
    let reasons = ann.why.as_ref().unwrap().reasons.as_ref().unwrap();
    assert_eq!(reasons.len(), 2);
    let action = &ann.sustain.as_ref().unwrap().actions.as_ref().unwrap()[0];
    assert_eq!(action.when.as_ref().unwrap().0, "2027-01-15");
    assert_eq!(action.term, Some(netkaart::answers::Term::Short));
    assert_eq!(action.done, Some(true));
}

#[test]
fn every_column_that_is_no_field_is_named_at_once_and_can_be_left_out() {
    let dir = temp_dir("batch-unknown-columns");
    fs::write(
        dir.join("form.csv"),
        "person.name,Opmerking,contacts.1.naam,why.statement\nAnn,hallo,Luc,Omdat.\n",
    )
    .unwrap();
    let out = netkaart(&dir, &["batch", "form.csv", "-o", "out"]);
    must_fail(&out);
    let err = stderr(&out);
    must_contain(&err, "2 columns are not fields of the answers");
    must_contain(&err, "'Opmerking' (column B");
    must_contain(&err, "'contacts.1.naam' (column C");
    must_contain(&err, "--ignore-column");
    // Left out by name, case and spaces forgiven: the row goes through.
    let out = netkaart(
        &dir,
        &[
            "batch",
            "form.csv",
            "-o",
            "out",
            "--ignore-column",
            "opmerking",
            "--ignore-column",
            "Contacts.1.Naam",
        ],
    );
    must_succeed(&out);
    must_contain(&stderr(&out), "not read in form.csv: 'Opmerking', 'contacts.1.naam'");
}
