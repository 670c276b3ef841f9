//! The command line as a participant meets it: messages for bad answers, files that are
//! never half-written, the starter file, output formats.

mod common;

use std::fs;

use common::*;

/// Every `tests/fixtures/bad/NAME.yaml` fails with exit status 1, writes nothing and prints
/// each line of `NAME.expect`.
#[test]
fn bad_answers_name_file_line_column_and_field_and_write_nothing() {
    let fixtures = root().join("tests/fixtures/bad");
    let dir = temp_dir("bad");
    let mut cases = 0;
    for entry in fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        fs::copy(&path, dir.join(&name)).unwrap();
        let expect = fs::read_to_string(path.with_extension("expect"))
            .unwrap_or_else(|_| panic!("{name} has no .expect file"));
        for command in
            [&["poster", name.as_str(), "-o", "out.pdf"][..], &["handbook", &name, "-o", "out.pdf"]]
        {
            let out = netkaart(&dir, command);
            must_fail(&out);
            let err = stderr(&out);
            for line in expect.lines().filter(|l| !l.trim().is_empty()) {
                assert!(err.contains(line), "{name}: expected {line:?} in:\n{err}");
            }
            assert!(!dir.join("out.pdf").exists(), "{name}: an output file was written");
        }
        cases += 1;
    }
    assert!(cases >= 20, "only {cases} bad-input cases");
    // Nothing else was left behind either: no temporary files.
    let leftovers: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".yaml"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_failed_render_never_replaces_a_good_file() {
    let dir = temp_dir("keep-good");
    fs::write(dir.join("answers.yaml"), "version: 1\ncontcts: []\n").unwrap();
    fs::write(dir.join("poster.pdf"), b"the good poster").unwrap();
    must_fail(&netkaart(&dir, &["poster", "answers.yaml", "-o", "poster.pdf"]));
    assert_eq!(fs::read(dir.join("poster.pdf")).unwrap(), b"the good poster");
}

#[test]
fn an_output_that_cannot_be_written_is_reported_plainly() {
    let dir = temp_dir("unwritable");
    fs::create_dir(dir.join("a-folder")).unwrap();
    let out = netkaart(&dir, &["blank", "-o", "a-folder"]);
    must_fail(&out);
    assert!(stderr(&out).contains("a-folder is a folder"), "{}", stderr(&out));

    let out = netkaart(&dir, &["blank", "-o", "no/such/folder/poster.pdf"]);
    must_fail(&out);
    let err = stderr(&out);
    assert!(
        err.contains("failed to write no/such/folder/poster.pdf (file or folder not found)"),
        "{err}"
    );
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn a_missing_answers_file_is_reported_plainly() {
    let dir = temp_dir("missing");
    let out = netkaart(&dir, &["poster", "nope.yaml"]);
    must_fail(&out);
    assert!(stderr(&out).contains("failed to read nope.yaml (file or folder not found)"));
}

#[test]
fn init_writes_a_starter_that_poster_accepts_as_it_is() {
    for lang in ["nl", "en"] {
        let dir = temp_dir(&format!("init-{lang}"));
        must_succeed(&netkaart(&dir, &["init", "--lang", lang]));
        let text = fs::read_to_string(dir.join("answers.yaml")).unwrap();
        // Every key of the schema is there, each with a comment.
        for key in [
            "version:",
            "lang:",
            "person:",
            "name:",
            "organisation:",
            "role:",
            "date:",
            "what:",
            "associations:",
            "network_today:",
            "why:",
            "reasons:",
            "other:",
            "statement:",
            "levels:",
            "personal:",
            "offer:",
            "attract:",
            "goal:",
            "contacts:",
            "stands_for:",
            "expertise:",
            "ambition:",
            "needs:",
            "kind:",
            "ring:",
            "status:",
            "level:",
            "how:",
            "where:",
            "note:",
            "how_where:",
            "occasions:",
            "places:",
            "approach:",
            "sustain:",
            "actions:",
            "what:",
            "who:",
            "when:",
            "term:",
            "done:",
            "follow_up:",
            "knowledge:",
            "evaluation:",
        ] {
            assert!(text.contains(key), "{lang}: no {key}");
        }
        for line in text.lines().filter(|l| l.contains(':') && !l.starts_with('#')) {
            let is_section = !line.starts_with(' ') && line.ends_with(':');
            assert!(is_section || line.contains(" # "), "{lang}: no comment on {line:?}");
        }
        let answers = netkaart::Answers::parse(text.as_bytes(), "answers.yaml".as_ref()).unwrap();
        assert_eq!(answers.lang.unwrap().code(), lang);
        must_succeed(&netkaart(&dir, &["poster", "answers.yaml"]));
        assert!(dir.join("answers-poster.pdf").is_file());
        // Following the instructions (remove the # before the example blocks) also works.
        let uncommented: String = text
            .lines()
            .map(|l| if l.starts_with("#  ") { &l[1..] } else { l })
            .map(|l| format!("{l}\n"))
            .collect();
        let answers =
            netkaart::Answers::parse(uncommented.as_bytes(), "answers.yaml".as_ref()).unwrap();
        assert_eq!(answers.contacts.unwrap().len(), 1);
        assert_eq!(answers.sustain.unwrap().actions.unwrap().len(), 1);
        // A second init does not overwrite the participant's answers.
        let out = netkaart(&dir, &["init"]);
        must_fail(&out);
        assert!(stderr(&out).contains("already exists"));
        assert_eq!(fs::read_to_string(dir.join("answers.yaml")).unwrap(), text);
    }
}

#[test]
fn png_and_svg_give_one_file_per_page() {
    let dir = temp_dir("formats");
    must_succeed(&netkaart(&dir, &["blank", "--format", "png", "--ppi", "10"]));
    let png = fs::read(dir.join("netkaart-blank-nl.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    // 594 mm at 10 pixels per inch.
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    assert_eq!(width, (594.0f64 / 25.4 * 10.0).round() as u32);

    must_succeed(&netkaart(&dir, &["blank", "-o", "poster.svg"]));
    assert!(fs::read_to_string(dir.join("poster.svg")).unwrap().starts_with("<svg"));

    must_succeed(&netkaart(
        &dir,
        &["handbook", "--format", "png", "--ppi", "8", "-o", "hb-{p}.png"],
    ));
    let pages: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("hb-"))
        .collect();
    assert!(pages.len() > 5, "{pages:?}");
    assert!(dir.join("hb-01.png").is_file());
}

#[test]
fn standard_output_takes_a_pdf() {
    let dir = temp_dir("stdout");
    let out = netkaart(&dir, &["blank", "-o", "-"]);
    must_succeed(&out);
    assert!(out.stdout.starts_with(b"%PDF-"));
    assert!(fs::read_dir(&dir).unwrap().next().is_none(), "nothing is written to disk");
}

#[test]
fn contradictory_options_are_refused_before_any_work() {
    let dir = temp_dir("options");
    let out = netkaart(&dir, &["blank", "--format", "pdf", "-o", "x.png"]);
    must_fail(&out);
    assert!(stderr(&out).contains("does not match"));
    let out = netkaart(&dir, &["blank", "--ppi", "50"]);
    must_fail(&out);
    assert!(stderr(&out).contains("--ppi applies only to PNG"));
    let out = netkaart(&dir, &["blank", "--font-path", "nowhere"]);
    must_fail(&out);
    assert!(stderr(&out).contains("nowhere is not a folder"));
    assert!(fs::read_dir(&dir).unwrap().next().is_none());
}

#[test]
fn help_shows_examples() {
    let dir = temp_dir("help");
    let out = netkaart(&dir, &["--help"]);
    must_succeed(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("netkaart blank --lang en"), "{text}");
    let out = netkaart(&dir, &["poster", "--help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("netkaart poster answers.yaml"));
}

#[test]
fn data_writes_the_json_the_templates_read() {
    let dir = temp_dir("data");
    let example = root().join("examples/green-lane.yaml");
    must_succeed(&netkaart(&dir, &["data", example.to_str().unwrap()]));
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("answers.json")).unwrap()).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["lang"], "en");
    assert_eq!(json["contacts"][0]["name"], "Maria Lopez");
}

#[test]
fn font_path_adds_fonts() {
    let dir = temp_dir("font-path");
    fs::create_dir(dir.join("fonts")).unwrap();
    fs::copy(root().join("fonts/DejaVuSans.ttf"), dir.join("fonts/Extra.ttf")).unwrap();
    must_succeed(&netkaart(&dir, &["blank", "--font-path", "fonts", "-o", "x.pdf"]));
    assert!(dir.join("x.pdf").is_file());
}
