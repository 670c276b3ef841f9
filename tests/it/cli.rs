//! The command line as a participant meets it: messages for bad answers, files that are
//! never half-written, the starter file, output formats.

use std::fs;

use crate::common::*;

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

    // A folder of the output that is a file: it cannot be made.
    fs::write(dir.join("a-file"), b"x").unwrap();
    let out = netkaart(&dir, &["blank", "-o", "a-file/poster.pdf"]);
    must_fail(&out);
    let err = stderr(&out);
    assert!(
        err.contains("failed to write a-file/poster.pdf (a part of the path is not a folder)"),
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
    for lang in netkaart::Lang::ALL.iter().map(|l| l.code()) {
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

#[test]
fn schema_is_made_from_the_types_with_limits_values_and_descriptions() {
    let dir = temp_dir("schema");
    let out = netkaart(&dir, &["schema"]);
    must_succeed(&out);
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["required"], serde_json::json!(["version"]));
    assert_eq!(schema["additionalProperties"], false);
    let defs = &schema["definitions"];
    let kinds: Vec<&str> = defs["Kind"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["const"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, KINDS);
    for kind in defs["Kind"]["oneOf"].as_array().unwrap() {
        assert!(kind["description"].as_str().is_some_and(|d| !d.is_empty()), "{kind}");
    }
    assert_eq!(schema["properties"]["contacts"]["maxItems"], 200);
    assert_eq!(defs["Sustain"]["properties"]["actions"]["maxItems"], 100);
    assert_eq!(defs["Contact"]["required"], serde_json::json!(["name"]));
    assert_eq!(defs["Contact"]["properties"]["ring"]["maximum"], 3);
    assert_eq!(defs["Why"]["properties"]["statement"]["maxLength"], 4000);
    assert!(defs["Contact"]["properties"]["note"]["description"].as_str().is_some());
    // Every key the starter file writes is a key of the schema, and the other way round.
    let starter = fs::read_to_string({
        must_succeed(&netkaart(&dir, &["init", "--lang", "en"]));
        dir.join("answers.yaml")
    })
    .unwrap();
    let mut keys = std::collections::BTreeSet::new();
    fn collect(
        v: &serde_json::Value,
        defs: &serde_json::Value,
        keys: &mut std::collections::BTreeSet<String>,
    ) {
        if let Some(r) = v.get("$ref").and_then(|r| r.as_str()) {
            let name = r.rsplit('/').next().unwrap();
            return collect(&defs[name], defs, keys);
        }
        for k in ["anyOf", "oneOf"] {
            for alt in v.get(k).and_then(|a| a.as_array()).into_iter().flatten() {
                collect(alt, defs, keys);
            }
        }
        if let Some(items) = v.get("items") {
            collect(items, defs, keys);
        }
        for (key, sub) in v.get("properties").and_then(|p| p.as_object()).into_iter().flatten() {
            keys.insert(key.clone());
            collect(sub, defs, keys);
        }
    }
    collect(&schema, defs, &mut keys);
    let written: std::collections::BTreeSet<String> = starter
        .lines()
        .map(|l| l.trim_start_matches([' ', '#']).trim_start_matches("- "))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim().to_string()))
        .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect();
    for key in &keys {
        assert!(written.contains(key), "the starter file lacks {key}");
    }
}

#[test]
fn init_points_editors_at_the_schema_and_writes_it_beside() {
    let dir = temp_dir("init-schema");
    must_succeed(&netkaart(&dir, &["init", "-o", "an.yaml"]));
    let text = fs::read_to_string(dir.join("an.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=netkaart.schema.json\n"), "{text}");
    let beside = fs::read(dir.join("netkaart.schema.json")).unwrap();
    // The schema in the starter's language (Dutch by default), as `schema --lang` prints it.
    assert_eq!(beside, netkaart(&dir, &["schema", "--lang", "nl"]).stdout);
    // The line does not stop the file from being read.
    must_succeed(&netkaart(&dir, &["check", "an.yaml"]));
    // A schema elsewhere: the line points there and nothing is written beside.
    let dir = temp_dir("init-schema-url");
    let url = "https://example.org/netkaart.schema.json";
    must_succeed(&netkaart(&dir, &["init", "--schema", url]));
    let text = fs::read_to_string(dir.join("answers.yaml")).unwrap();
    assert!(text.starts_with(&format!("# yaml-language-server: $schema={url}\n")));
    assert!(!dir.join("netkaart.schema.json").exists());
}

#[test]
fn check_names_every_problem_of_every_file_and_exits_one() {
    let dir = temp_dir("check");
    fs::copy(root().join("examples/an-peeters.yaml"), dir.join("good.yaml")).unwrap();
    fs::write(
        dir.join("bad.yaml"),
        "version: 1\nlang: de\ncontacts:\n  - name: Luc\n    ring: 7\n  - kind: neighbour\n  - name: Mira\n    kind: frend\nsustain:\n  follow_up: [a]\n",
    )
    .unwrap();
    let out = netkaart(&dir, &["check", "good.yaml", "bad.yaml"]);
    must_fail(&out);
    let err = stderr(&out);
    for line in [
        "ok: good.yaml",
        "error: bad.yaml:2:7: lang: unknown language 'de'",
        "error: bad.yaml:5:11: contacts.1.ring: ring '7' does not exist",
        "error: bad.yaml:6:5: contacts.2: missing key 'name'",
        "error: bad.yaml:8:11: contacts.3.kind: unknown kind 'frend'",
        "error: bad.yaml:10:14: sustain.follow_up: expected text",
        "2 sets of answers checked: 5 problems in 1",
    ] {
        assert!(err.contains(line), "expected {line:?} in:\n{err}");
    }
    // Nothing is rendered.
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 2);
    let out = netkaart(&dir, &["check", "good.yaml", "-q"]);
    must_succeed(&out);
    assert_eq!(stderr(&out), "");
    // A workshop's file and spreadsheet: each document and row on its own.
    fs::write(dir.join("all.yaml"), "version: 1\n---\nversion: 1\nlang: de\n---\nversion: 1\n")
        .unwrap();
    fs::write(
        dir.join("form.csv"),
        "person.name,contacts.1.name,contacts.1.ring\nAn,Luc,2\nBo,Mia,0\n",
    )
    .unwrap();
    let err = stderr(&netkaart(&dir, &["check", "all.yaml", "form.csv"]));
    assert!(err.contains("error: all.yaml:4:7 (document 2): lang: unknown language 'de'"), "{err}");
    assert!(
        err.contains("error: form.csv, row 3, column C: contacts.1.ring: ring '0' does not exist"),
        "{err}"
    );
    assert!(err.contains("5 sets of answers checked: 2 problems in 2"), "{err}");
}

#[test]
fn option_values_are_read_in_any_case() {
    let dir = temp_dir("any-case");
    let out = netkaart(
        &dir,
        &["blank", "--paper", "A3", "--lang", "EN", "--orientation", "Portrait", "-o", "b.pdf"],
    );
    must_succeed(&out);
    let pdf = fs::read(dir.join("b.pdf")).unwrap();
    // A3 portrait: 297 × 420 mm.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let (_, page) = doc.get_pages().into_iter().next().unwrap();
    let media = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap().as_array().unwrap();
    let width = media[2].as_float().unwrap() as f64 / 72.0 * 25.4;
    assert!((width - 297.0).abs() < 0.5, "{width}");
    must_contain(&pdf_page_texts(&pdf).join(" "), "Map and grow your network");

    must_succeed(&netkaart(&dir, &["handbook", "--paper", "A5", "--format", "PDF", "-o", "h.pdf"]));
    let out = netkaart(
        &dir,
        &[
            "batch",
            &root().join("examples/an-peeters.yaml").display().to_string(),
            "--kind",
            "Poster",
            "--tile",
            "A4",
            "--pdf-standard",
            "UA-1",
            "-o",
            "posters",
        ],
    );
    must_succeed(&out);
    // A paper the document is not designed for is still refused, whatever its case, as a
    // wrong option is (exit status 2).
    let out = netkaart(&dir, &["blank", "--paper", "A5"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    must_contain(&stderr(&out), "[possible values: a0, a1, a2, a3, a4]");
}

#[test]
fn a_bad_source_date_epoch_troubles_only_the_commands_that_date_a_document() {
    let dir = temp_dir("bad-epoch");
    for args in [&["schema", "-o", "s.json"][..], &["init", "-o", "a.yaml"], &["check", "a.yaml"]] {
        must_succeed(&netkaart_at_epoch(&dir, args, "tomorrow"));
    }
    // A wrong value, as of any option (exit status 2).
    let out = netkaart_at_epoch(&dir, &["blank", "-o", "b.pdf"], "tomorrow");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    must_contain(
        &stderr(&out),
        "'tomorrow' (SOURCE_DATE_EPOCH) is not a number of seconds since 1970",
    );
    assert!(!dir.join("b.pdf").exists());
    // Set but empty, as some build systems leave it: no date, as when it is not set.
    must_succeed(&netkaart_at_epoch(&dir, &["blank", "-o", "b.pdf"], ""));
}

#[test]
fn every_command_makes_the_folders_of_its_output() {
    let dir = temp_dir("cli-output-folders");
    let example = root().join("examples/an-peeters.yaml");
    let out = netkaart(&dir, &["poster", example.to_str().unwrap(), "-o", "new/deeper/an.pdf"]);
    must_succeed(&out);
    assert!(dir.join("new/deeper/an.pdf").is_file());
    let out = netkaart(&dir, &["blank", "--format", "png", "--ppi", "10", "-o", "pngs/blank.png"]);
    must_succeed(&out);
    assert!(dir.join("pngs/blank.png").is_file());
}

#[test]
fn batch_into_a_pdf_name_points_to_combine_and_its_help_shows_every_placeholder() {
    let dir = temp_dir("cli-batch-pdf-name");
    let example = root().join("examples/an-peeters.yaml");
    let out = netkaart(&dir, &["batch", example.to_str().unwrap(), "-o", "handouts.pdf"]);
    must_fail(&out);
    must_contain(&stderr(&out), "--combine handouts.pdf");
    assert!(!dir.join("handouts.pdf").exists(), "no folder named handouts.pdf");
    let help = String::from_utf8(netkaart(&dir, &["batch", "--help"]).stdout).unwrap();
    for placeholder in ["{name}", "{number}", "{file}", "{organisation}", "{lang}"] {
        must_contain(&help, placeholder);
    }
    let out = netkaart(
        &dir,
        &["batch", example.to_str().unwrap(), "-o", "out", "--name", "{number}-{name}"],
    );
    must_succeed(&out);
    assert!(dir.join("out/1-an-peeters.pdf").is_file());
}

#[test]
fn a_render_that_meets_several_problems_counts_them_and_points_to_check() {
    let dir = temp_dir("cli-several-problems");
    fs::write(
        dir.join("six.yaml"),
        "version: 1\ncontacts:\n  - {name: A, kind: nope}\n  - {name: B, ring: 9}\nwhy: {reasons: [x]}\n",
    )
    .unwrap();
    let out = netkaart(&dir, &["poster", "six.yaml"]);
    must_fail(&out);
    let err = stderr(&out);
    must_contain(&err, "unknown kind 'nope'");
    must_contain(&err, "this file has 3 problems; see them all with: netkaart check six.yaml");
    // One problem: nothing more to point to.
    fs::write(dir.join("one.yaml"), "version: 1\ncontacts:\n  - {name: A, kind: nope}\n").unwrap();
    let err = stderr(&netkaart(&dir, &["poster", "one.yaml"]));
    assert!(!err.contains("netkaart check"), "{err}");
}

#[test]
fn an_event_file_may_leave_out_its_version() {
    let dir = temp_dir("cli-event-no-version");
    fs::write(dir.join("event.yaml"), "organisation: Buurtwerk De Brug\ntitle: Netwerkdag\n")
        .unwrap();
    must_succeed(&netkaart(&dir, &["blank", "--event", "event.yaml", "-o", "blank.pdf"]));
    let text = pdf_page_texts(&fs::read(dir.join("blank.pdf")).unwrap()).join(" ");
    must_contain(&text, "Buurtwerk De Brug");
}

#[test]
fn a_hash_that_cut_an_answer_short_is_a_warning_and_a_written_comment_is_not() {
    let dir = temp_dir("cli-comment-after-value");
    fs::write(
        dir.join("a.yaml"),
        "version: 1   # a comment, as init writes them\nhow_where:\n  places: café #2 in de Statiestraat\n",
    )
    .unwrap();
    for args in [&["check", "a.yaml"][..], &["poster", "a.yaml", "-o", "a.pdf"][..]] {
        let out = netkaart(&dir, args);
        must_succeed(&out);
        let err = stderr(&out);
        must_contain(
            &err,
            "warning: a.yaml:3:16: the text from # on was read as a comment: the answer is only 'café'",
        );
        must_contain(&err, "put the whole answer in quotes: \"café #2 in de Statiestraat\"");
        assert_eq!(err.matches("warning:").count(), 1, "{err}");
    }
    // The starter file's explanations are comments as they should be.
    must_succeed(&netkaart(&dir, &["init", "-o", "start.yaml"]));
    let out = netkaart(&dir, &["check", "start.yaml"]);
    assert!(!stderr(&out).contains("warning:"), "{}", stderr(&out));
}

#[test]
fn a_missing_character_is_answered_with_the_font_option_in_the_right_number() {
    // The library warns what no font has; the command line adds how to add a font.
    let dir = temp_dir("cli-no-font");
    for (name, chars, ending) in [
        (
            "one.yaml",
            "𓀀",
            "it is drawn as an empty box (use --font-path to add a font that has it)",
        ),
        (
            "two.yaml",
            "𓀀𓀁",
            "they are drawn as empty boxes (use --font-path to add a font that has them)",
        ),
    ] {
        std::fs::write(
            dir.join(name),
            format!("version: 1\nlang: en\nperson:\n  name: \"An {chars}\"\n"),
        )
        .unwrap();
        let out = netkaart(&dir, &["poster", name, "-o", "out.pdf"]);
        must_succeed(&out);
        must_contain(&stderr(&out), ending);
    }
}
