//! Every message a participant or an organiser meets, in Dutch and in English: a problem in
//! answers is worded in the answers' own `lang`, anything else in the environment's
//! language (`LANG`), and English when nothing asks for Dutch.

use std::fs;
use std::path::Path;

use crate::common::*;

/// The standard error of `netkaart ARGS` in `dir`, with `LANG` set to `lang` (or unset).
fn said(dir: &Path, args: &[&str], lang: Option<&str>) -> String {
    stderr(&netkaart_in(dir, args, lang))
}

/// An answers file in `dir` with `body` after `version: 1` and `lang: LANG`.
fn answers(dir: &Path, name: &str, lang: &str, body: &str) {
    fs::write(dir.join(name), format!("version: 1\nlang: {lang}\n{body}")).unwrap();
}

#[test]
fn a_problem_in_answers_is_worded_in_their_own_language_whatever_the_environment() {
    let dir = temp_dir("messages-answers-lang");
    answers(&dir, "nl.yaml", "nl", "contacts:\n  - name: Luc\n    kind: neigbour\n");
    answers(&dir, "en.yaml", "en", "contacts:\n  - name: Luc\n    kind: neigbour\n");
    for env in [None, Some("en_GB.UTF-8"), Some("nl_BE.UTF-8")] {
        let err = said(&dir, &["check", "nl.yaml"], env);
        must_contain(&err, "fout: nl.yaml:5:11: contacts.1.kind: onbekende soort 'neigbour'");
        must_contain(&err, "= tip: bedoel je 'Buurtbewoners'?");
        let err = said(&dir, &["check", "en.yaml"], env);
        must_contain(&err, "error: en.yaml:5:11: contacts.1.kind: unknown kind 'neigbour'");
        must_contain(&err, "= help: did you mean 'Neighbours'?");
    }
}

#[test]
fn the_posters_own_words_and_yes_no_words_are_read_in_an_answers_file_as_in_a_spreadsheet() {
    let dir = temp_dir("messages-labels");
    answers(
        &dir,
        "a.yaml",
        "Nederlands",
        "why:\n  reasons: [te leren van anderen, Solve a problem]\ncontacts:\n  - name: Luc\n    kind: beleidsmaker\n    status: gewenst\n    ring: 2 Regelmatig\n    level: Persoonlijk niveau\nsustain:\n  actions:\n    - what: Luc bellen\n      term: Korte termijn\n      done: nee\n",
    );
    let out = netkaart(&dir, &["data", "a.yaml", "-o", "a.json"]);
    must_succeed(&out);
    let data: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("a.json")).unwrap()).unwrap();
    let a = data.get("answers").unwrap_or(&data);
    let luc = &a["contacts"][0];
    assert_eq!(luc["kind"], "policy_maker");
    assert_eq!(luc["status"], "desired");
    assert_eq!(luc["ring"], 2);
    assert_eq!(luc["level"], "personal");
    assert_eq!(a["why"]["reasons"], serde_json::json!(["learn", "solve_problem"]));
    assert_eq!(a["sustain"]["actions"][0]["term"], "short");
    assert_eq!(a["sustain"]["actions"][0]["done"], false);
    assert_eq!(a["lang"], "nl");
}

#[test]
fn an_empty_contact_name_says_so_in_words() {
    let dir = temp_dir("messages-empty-name");
    let body = "contacts:\n  - name:\n    kind: neighbour\n";
    answers(&dir, "nl.yaml", "nl", body);
    answers(&dir, "en.yaml", "en", body);
    let err = said(&dir, &["check", "nl.yaml"], None);
    must_contain(
        &err,
        "nl.yaml:4:9: contacts.1.name: een contact heeft een naam nodig; deze is leeg",
    );
    must_contain(&err, "1 set of answers checked: 1 problem in 1");
    let err = said(&dir, &["check", "en.yaml"], None);
    must_contain(&err, "en.yaml:4:9: contacts.1.name: a contact needs a name; this one is empty");
    assert!(!err.contains("Option<String>"), "{err}");
}

#[test]
fn a_tab_is_placed_at_its_own_line_and_column_and_nothing_else_is_made_up() {
    let dir = temp_dir("messages-tab");
    let body = "person:\n  name: An\n  organisation: De Buren\n\trole: coach\n";
    answers(&dir, "nl.yaml", "nl", body);
    answers(&dir, "en.yaml", "en", body);
    let err = said(&dir, &["check", "nl.yaml"], None);
    must_contain(&err, "nl.yaml:6:1: person: de regel begint met een tab");
    must_contain(&err, "gebruik spaties in plaats van de tab");
    must_contain(&err, "1 set of answers checked: 1 problem in 1");
    let err = said(&dir, &["check", "en.yaml"], None);
    must_contain(&err, "en.yaml:6:1: person: the line starts with a tab");
    must_contain(&err, "use spaces instead of the tab");
    must_contain(&err, "1 set of answers checked: 1 problem in 1");
}

#[test]
fn a_list_far_over_its_limit_is_named_at_its_first_item_too_many() {
    let dir = temp_dir("messages-long-list");
    let mut body = String::from("contacts:\n");
    for i in 0..12_000 {
        body.push_str(&format!("  - name: C{i}\n    kind: neighbour\n"));
    }
    answers(&dir, "nl.yaml", "nl", &body);
    answers(&dir, "en.yaml", "en", &body);
    let err = said(&dir, &["check", "nl.yaml"], None);
    must_contain(
        &err,
        "nl.yaml:404:3: de lijst contacts heeft 12,000 items, en ze neemt er hoogstens 200",
    );
    let err = said(&dir, &["check", "en.yaml"], None);
    must_contain(
        &err,
        "en.yaml:404:3: the list contacts has 12,000 items, and it takes at most 200",
    );
}

#[test]
fn a_hash_after_an_answer_is_a_warning_in_check_in_a_render_and_in_a_batch() {
    let dir = temp_dir("messages-comment");
    let body = "how_where:\n  places: café #2 in de Statiestraat\n";
    answers(&dir, "nl.yaml", "nl", body);
    answers(&dir, "en.yaml", "en", body);
    for args in
        [&["check", "nl.yaml"][..], &["poster", "nl.yaml"], &["batch", "nl.yaml", "-o", "out"]]
    {
        let err = said(&dir, args, None);
        must_contain(
            &err,
            "waarschuwing: nl.yaml:4:16: de tekst vanaf # is als commentaar gelezen: het antwoord is alleen 'café'",
        );
        must_contain(
            &err,
            "zet het hele antwoord tussen aanhalingstekens: \"café #2 in de Statiestraat\"",
        );
    }
    let err = said(&dir, &["check", "en.yaml"], None);
    must_contain(
        &err,
        "warning: en.yaml:4:16: the text from # on was read as a comment: the answer is only 'café'",
    );
}

#[test]
fn a_render_that_stops_at_a_problem_counts_them_and_points_to_check() {
    let dir = temp_dir("messages-count");
    let body = "contacts:\n  - name: A\n    kind: x\n  - name: B\n    ring: 9\n";
    answers(&dir, "nl.yaml", "nl", body);
    answers(&dir, "en.yaml", "en", body);
    let err = said(&dir, &["poster", "nl.yaml"], None);
    must_contain(
        &err,
        "dit bestand heeft 2 problemen; zie ze allemaal met: netkaart check nl.yaml",
    );
    let err = said(&dir, &["poster", "en.yaml"], None);
    must_contain(&err, "this file has 2 problems; see them all with: netkaart check en.yaml");
}

#[test]
fn french_answers_and_a_french_environment_are_answered_in_french() {
    let dir = temp_dir("messages-fr");
    let body = "contacts:\n  - name: Léa\n    kind: voisine\n  - name: Marc\n    kind: voisn\n\
                sustain:\n  actions:\n    - what: Appeler Léa\n      done: oui\n";
    answers(&dir, "a.yaml", "fr", body);
    // The answers' own language, whatever the environment; "voisine" and "oui" are read.
    let err = said(&dir, &["check", "a.yaml"], None);
    must_contain(&err, "a.yaml:7:11: contacts.2.kind: le type 'voisn' n’existe pas");
    must_contain(&err, "Connaissances, Voisins, Décideurs, Personnes-clés");
    must_contain(&err, "vouliez-vous dire 'Voisins'");
    must_contain(&err, "1 problem in 1");
    // The command's own messages in the environment's language.
    let fr = Some("fr_BE.UTF-8");
    must_contain(
        &said(&dir, &["batch", "a.yaml", "-o", "all.pdf"], fr),
        "-o all.pdf désigne un dossier, pour un PDF par personne",
    );
    must_contain(
        &said(&dir, &["blank", "--ppi", "40"], fr),
        "--ppi ne s’applique qu’aux images PNG",
    );
}

#[test]
fn the_organisers_messages_follow_the_environments_language() {
    let dir = temp_dir("messages-organiser");
    answers(&dir, "a.yaml", "nl", "person:\n  name: An\n");
    fs::write(dir.join("form.csv"), "person.name,Opmerking\nAn,hallo\n").unwrap();
    let nl = Some("nl_BE.UTF-8");
    // A batch that would make a folder named like a PDF.
    must_contain(
        &said(&dir, &["batch", "a.yaml", "-o", "all.pdf"], nl),
        "-o all.pdf is een map voor één pdf per deelnemer; voor één pdf met alle deelnemers gebruik je --combine all.pdf",
    );
    must_contain(
        &said(&dir, &["batch", "a.yaml", "-o", "all.pdf"], None),
        "-o all.pdf names a folder for one PDF per participant; for one PDF with all of them, use --combine all.pdf",
    );
    // A column that is no field.
    must_contain(
        &said(&dir, &["check", "form.csv"], nl),
        "form.csv, rij 1, kolom B: de kolom 'Opmerking' is geen veld van de antwoorden",
    );
    must_contain(
        &said(&dir, &["check", "form.csv"], nl),
        "of laat de kolom weg met --ignore-column 'Opmerking'",
    );
    must_contain(
        &said(&dir, &["check", "form.csv"], None),
        "form.csv, row 1, column B: the column 'Opmerking' is not a field of the answers",
    );
    // `data` takes one answers file.
    must_contain(
        &said(&dir, &["data", "form.csv"], nl),
        "netkaart data leest één antwoordenbestand",
    );
    must_contain(&said(&dir, &["data", "form.csv"], None), "netkaart data takes one answers file");
    // The summaries.
    let out = netkaart_in(&dir, &["batch", "a.yaml", "-o", "out"], nl);
    must_succeed(&out);
    must_contain(&stderr(&out), "1 van 1 hand-outs gemaakt in out; 0 mislukt");
    must_contain(
        &said(&dir, &["check", "a.yaml"], nl),
        "1 set antwoorden nagekeken: geen problemen",
    );
    // --lang asks for a language, whatever the environment.
    must_contain(
        &said(&dir, &["blank", "--lang", "nl", "--ppi", "40"], None),
        "fout: --ppi geldt alleen voor PNG (--format png)",
    );
}

#[test]
fn a_month_first_date_in_a_spreadsheet_points_to_date_order() {
    let dir = temp_dir("messages-date-order");
    fs::write(dir.join("form.csv"), "lang,person.name,person.date\nnl,An,1/15/2027\n").unwrap();
    fs::write(dir.join("form-en.csv"), "lang,person.name,person.date\nen,An,1/15/2027\n").unwrap();
    let err = said(&dir, &["check", "form.csv"], None);
    must_contain(&err, "'1/15/2027' is geen datum");
    // The library says how dates are read; the command line adds its own option, which a
    // participant in the browser never sees (tests/it/serve.rs).
    must_contain(
        &err,
        "= tip: datums worden met de dag eerst gelezen, zoals in 15/1/2027; zet je formulier de maand eerst (1/15/2027), geef dan --date-order mdy",
    );
    let err = said(&dir, &["check", "form-en.csv"], None);
    must_contain(&err, "'1/15/2027' is not a date");
    must_contain(
        &err,
        "= help: dates are read day first, as in 15/1/2027; if your form puts the month first (1/15/2027), give --date-order mdy",
    );
    must_succeed(&netkaart(&dir, &["check", "form.csv", "--date-order", "mdy"]));
}

#[test]
fn a_spreadsheet_with_more_participants_than_a_batch_takes_is_refused_before_any_work() {
    let dir = temp_dir("messages-too-many");
    let mut csv = String::from("person.name\n");
    for i in 0..5_001 {
        csv.push_str(&format!("P{i}\n"));
    }
    fs::write(dir.join("big.csv"), csv).unwrap();
    let out = netkaart_in(&dir, &["batch", "big.csv", "-o", "out"], Some("nl_BE.UTF-8"));
    must_fail(&out);
    must_contain(
        &stderr(&out),
        "de spreadsheet heeft 5,001 rijen met deelnemers; een batch neemt er hoogstens 5,000",
    );
    assert!(!dir.join("out").exists(), "no work was started");
    let err = said(&dir, &["check", "big.csv"], None);
    must_contain(
        &err,
        "the spreadsheet has 5,001 rows of participants; a batch takes at most 5,000",
    );
    // A workbook is refused by the size its sheet declares, before its cells are read.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "person.name").unwrap();
    for row in 1..=6_000u32 {
        sheet.write_string(row, 0, format!("P{row}")).unwrap();
    }
    book.save(dir.join("big.xlsx")).unwrap();
    let err = said(&dir, &["check", "big.xlsx"], None);
    must_contain(
        &err,
        "the spreadsheet has 6,000 rows of participants; a batch takes at most 5,000",
    );
}

#[test]
fn schema_and_init_describe_the_fields_in_the_language_asked_for() {
    let dir = temp_dir("messages-schema");
    let schema = |args: &[&str]| {
        let out = netkaart(&dir, args);
        must_succeed(&out);
        String::from_utf8(out.stdout).unwrap()
    };
    let nl = schema(&["schema", "--lang", "nl"]);
    for words in [
        "netkaart-antwoorden (versie 1)",
        "\"je naam\"",
        "\"Beleidsmakers\"",
        "\"te leren van anderen\"",
    ] {
        must_contain(&nl, words);
    }
    let en = schema(&["schema", "--lang", "en"]);
    for words in ["netkaart answers (version 1)", "\"your name\"", "\"Policy makers\""] {
        must_contain(&en, words);
    }
    // Both are valid JSON with the same shape as the schema of the types.
    let plain: serde_json::Value = serde_json::from_str(&schema(&["schema"])).unwrap();
    let nl: serde_json::Value = serde_json::from_str(&nl).unwrap();
    assert_eq!(
        plain["properties"].as_object().unwrap().len(),
        nl["properties"].as_object().unwrap().len()
    );
    must_succeed(&netkaart(&dir, &["init", "--lang", "nl", "-o", "a.yaml"]));
    must_contain(&fs::read_to_string(dir.join("netkaart.schema.json")).unwrap(), "\"je naam\"");
}

/// The kinds of the contacts of `answers`, as keys.
fn kinds(answers: &netkaart::Answers) -> Vec<String> {
    let contacts = answers.contacts.as_deref().unwrap_or_default();
    contacts
        .iter()
        .map(|c| serde_json::to_value(c.kind).unwrap().as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_words_participants_write_for_a_sector_are_read_in_yaml_and_in_a_spreadsheet() {
    let dir = temp_dir("messages-everyday-words");
    let written = ["Sleutelfiguur", "buurman", "Collega", "key figure", "Buurvrouw", "schepen"];
    let meant = ["key_figure", "neighbour", "colleague", "key_figure", "neighbour", "policy_maker"];
    let mut body = String::from("contacts:\n");
    for (i, kind) in written.iter().enumerate() {
        body.push_str(&format!("  - name: C{i}\n    kind: {kind}\n"));
    }
    answers(&dir, "a.yaml", "nl", &body);
    let read = netkaart::Answers::load(&dir.join("a.yaml")).unwrap();
    assert_eq!(kinds(&read), meant);
    // A form export: the same words in its cells.
    let header: Vec<String> = (1..=written.len())
        .flat_map(|i| [format!("contacts.{i}.name"), format!("contacts.{i}.kind")])
        .collect();
    let row: Vec<String> =
        written.iter().enumerate().flat_map(|(i, k)| [format!("C{i}"), k.to_string()]).collect();
    let csv = format!("person.name,{}\nAn,{}\n", header.join(","), row.join(","));
    fs::write(dir.join("form.csv"), csv).unwrap();
    let sheet =
        netkaart::inputs::spreadsheet::read(&dir.join("form.csv"), &Default::default()).unwrap();
    let row = sheet.rows.into_iter().next().unwrap();
    assert_eq!(kinds(&row.answers.unwrap()), meant);
    // `netkaart check` names every problem of a row, each at its cell.
    let bad = "person.name,contacts.1.name,contacts.1.kind,contacts.1.ring\nAn,Luc,buurmn,9\n";
    fs::write(dir.join("bad.csv"), bad).unwrap();
    let err = said(&dir, &["check", "bad.csv"], None);
    must_contain(&err, "bad.csv, row 2, column C: contacts.1.kind: unknown kind 'buurmn'");
    must_contain(&err, "bad.csv, row 2, column D: contacts.1.ring: ring '9' does not exist");
    must_contain(&err, "1 set of answers checked: 2 problems in 1");
    // And finds nothing to say of the good ones.
    let err = said(&dir, &["check", "a.yaml", "form.csv"], None);
    must_contain(&err, "2 sets of answers checked: no problems");
}

#[test]
fn an_unknown_kind_is_answered_with_the_posters_words_in_the_readers_language_and_the_nearest() {
    let dir = temp_dir("messages-unknown-kind");
    let body = "contacts:\n  - name: Luc\n    kind: buurmn\n";
    answers(&dir, "nl.yaml", "nl", body);
    answers(&dir, "en.yaml", "en", body);
    let err = said(&dir, &["check", "nl.yaml"], None);
    must_contain(
        &err,
        "nl.yaml:5:11: contacts.1.kind: onbekende soort 'buurmn', verwacht een van: Kennissen, Buurtbewoners, Beleidsmakers, Sleutelfiguren, Collega’s, Organisaties, Andere",
    );
    must_contain(&err, "= tip: bedoel je 'Buurtbewoners'?");
    assert!(!err.contains("policy_maker"), "the keys are not the poster's words: {err}");
    let err = said(&dir, &["check", "en.yaml"], None);
    must_contain(&err, "expected one of: Acquaintances, Neighbours, Policy makers");
    must_contain(&err, "= help: did you mean 'Neighbours'?");
}

#[test]
fn five_problems_of_five_kinds_come_from_one_pass_in_line_order() {
    let text = "\
version: 1
lang: en
person:
  nmae: An
contacts:
  - name: Luc
    kind: frend
    ring: 7
sustain:
  actions:
    - what: Luc bellen
      when: 2027-02-30
      done: misschien
";
    let found = netkaart::check::problems(text, Path::new("a.yaml"));
    let lines: Vec<u64> = found.iter().map(|e| e.line.unwrap()).collect();
    assert_eq!(lines, [4, 7, 8, 12, 13], "{found:#?}");
    use netkaart::problem::Problem as P;
    let kinds: Vec<bool> = found
        .iter()
        .zip([
            |p: &P| matches!(p, P::UnknownKey { .. }),
            |p: &P| matches!(p, P::UnknownValue { .. }),
            |p: &P| matches!(p, P::NoRing { .. }),
            |p: &P| matches!(p, P::NoDay { .. }),
            |p: &P| matches!(p, P::NotYesNo { .. }),
        ])
        .map(|(e, is)| is(e.problem.as_ref().unwrap()))
        .collect();
    assert_eq!(kinds, [true; 5], "{found:#?}");
    let dir = temp_dir("messages-five");
    fs::write(dir.join("a.yaml"), text).unwrap();
    let err = said(&dir, &["check", "a.yaml"], None);
    must_contain(&err, "1 set of answers checked: 5 problems in 1");
}

#[test]
fn no_message_travels_as_a_string_with_control_characters_in_it() {
    // Messages were once carried through serde's errors as text with control characters
    // between key, values, help and place. A message is a typed problem now; none of those
    // marks may come back.
    let marks = ["\\u{1b}", "\\u{1c}", "\\u{1d}", "\\u{1e}", "\\u{1f}"];
    let raw = ['\u{1b}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{1f}'];
    let mut stack = vec![root().join("src")];
    let mut read = 0;
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            read += 1;
            for mark in marks {
                assert!(!text.contains(mark), "{} holds the mark {mark}", path.display());
            }
            assert!(!text.contains(raw), "{} holds a control character", path.display());
            for name in ["UNKNOWN_MARK", "PLACE_MARK", "HELP_MARK", "Text::decode", "fn with_help"]
            {
                assert!(!text.contains(name), "{} holds {name}", path.display());
            }
        }
    }
    assert!(read > 80, "only {read} source files read");
}
