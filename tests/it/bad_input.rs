//! The catalogue of bad input, run through the real binary. Each case must end with exit
//! status 1, a message that says where (file, line and column where the input has them, and
//! the field) and what, no panic, no output file and no temporary file, within 2 seconds.
//!
//! The cases that are files are `tests/bad_input/NAME.yaml`, each with `NAME.expect`: the
//! lines its message must hold. They are run through `poster`, `handbook`, `handout` and
//! `check`. The cases that need more than a file (a 10 MiB file, a symlink, a folder that
//! cannot be written) are built here.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::*;

const TIME_LIMIT: Duration = Duration::from_secs(2);

/// Runs netkaart in `dir` and checks everything a refusal must be.
#[track_caller]
fn must_refuse(case: &str, dir: &Path, args: &[&str], expect: &[&str], outputs: &[&str]) {
    let started = Instant::now();
    let out = netkaart(dir, args);
    let took = started.elapsed();
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{case}: `{}` did not fail with 1:\n{err}",
        args.join(" ")
    );
    assert!(!err.contains("panicked"), "{case}: netkaart panicked:\n{err}");
    assert!(!err.contains("os error"), "{case}: a message for programmers:\n{err}");
    for line in expect {
        assert!(err.contains(line), "{case}: `{}`: expected {line:?} in:\n{err}", args.join(" "));
    }
    assert!(took < TIME_LIMIT, "{case}: `{}` took {took:?}", args.join(" "));
    for output in outputs {
        assert!(!dir.join(output).exists(), "{case}: {output} was written");
    }
    let temporaries: Vec<String> = walk(dir)
        .into_iter()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".tmp"))
        .collect();
    assert!(temporaries.is_empty(), "{case}: temporary files left: {temporaries:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() && !path.is_symlink() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn every_file_of_the_catalogue_is_refused_with_its_place_by_every_command() {
    let fixtures = root().join("tests/bad_input");
    let dir = temp_dir("catalogue");
    let mut cases = 0;
    let mut names: Vec<PathBuf> = fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        fs::copy(&path, dir.join(&name)).unwrap();
        let expect = fs::read_to_string(path.with_extension("expect"))
            .unwrap_or_else(|_| panic!("{name} has no .expect file"));
        let expect: Vec<&str> = expect.lines().filter(|l| !l.trim().is_empty()).collect();
        for command in ["poster", "handbook", "handout"] {
            must_refuse(&name, &dir, &[command, &name, "-o", "out.pdf"], &expect, &["out.pdf"]);
        }
        if name == "two-docs.yaml" {
            // `check` reads files as `batch` does: several documents are a workshop's.
            must_succeed(&netkaart(&dir, &["check", &name]));
        } else {
            // `check` says the same, first of all it finds.
            must_refuse(&name, &dir, &["check", &name], &expect[..1], &[]);
        }
        cases += 1;
    }
    assert!(cases >= 40, "only {cases} cases in tests/bad_input");
}

/// A case built in code: files to write, then the command and what it must say.
struct Case {
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: Vec<&'static str>,
    expect: Vec<String>,
}

fn case(
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: &[&'static str],
    expect: &[&str],
) -> Case {
    Case {
        name,
        files,
        args: args.to_vec(),
        expect: expect.iter().map(|s| s.to_string()).collect(),
    }
}

fn answers_with(body: &str) -> Vec<u8> {
    format!("version: 1\n{body}").into_bytes()
}

/// A valid PNG of 1 × 1 pixel.
fn tiny_png() -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, 1, 1);
    encoder.set_color(png::ColorType::Rgb);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[200, 30, 30]).unwrap();
    writer.finish().unwrap();
    bytes
}

fn event_with_logo(logo: &str) -> Vec<u8> {
    format!("version: 1\norganisation: Buurtwerk\nlogo: {logo}\n").into_bytes()
}

#[test]
fn limits_are_refused_where_they_are_crossed() {
    let contacts: String = (0..10_000).map(|i| format!("  - name: Contact {i}\n")).collect();
    let actions: String = (0..101).map(|i| format!("    - what: Action {i}\n")).collect();
    let cases = vec![
        case(
            "a 10 MiB file",
            vec![("big.yaml", {
                let mut b = answers_with("# ");
                b.resize(10 * 1024 * 1024, b'x');
                b
            })],
            &["poster", "big.yaml", "-o", "out.pdf"],
            &["big.yaml: the file is 10 MiB; a netkaart file may be at most 1 MiB"],
        ),
        case(
            "10,000 contacts",
            vec![("many.yaml", answers_with(&format!("contacts:\n{contacts}")))],
            &["poster", "many.yaml", "-o", "out.pdf"],
            &["many.yaml:203:5: contacts: more than 200 contacts", "this is number 201"],
        ),
        case(
            "101 actions",
            vec![("acts.yaml", answers_with(&format!("sustain:\n  actions:\n{actions}")))],
            &["handout", "acts.yaml", "-o", "out.pdf"],
            &["acts.yaml:104:7: sustain.actions: more than 100 actions"],
        ),
        case(
            "a text of 4,001 characters",
            vec![(
                "long.yaml",
                answers_with(&format!("why:\n  statement: {}\n", "a".repeat(4001))),
            )],
            &["handbook", "long.yaml", "-o", "out.pdf"],
            &[
                "long.yaml:3:14: why.statement: this text is 4,001 characters long; an answer may be at most 4,000",
            ],
        ),
        case(
            "a string of a million characters",
            vec![(
                "huge.yaml",
                answers_with(&format!("contacts:\n  - name: {}\n", "é".repeat(500_000))),
            )],
            &["poster", "huge.yaml", "-o", "out.pdf"],
            &["huge.yaml:3:11: contacts.1.name: this text is 500,000 characters long"],
        ),
        case(
            "a text of 4,001 characters in the event file",
            vec![("event.yaml", format!("version: 1\ntitle: {}\n", "t".repeat(4001)).into_bytes())],
            &["blank", "--event", "event.yaml", "-o", "out.pdf"],
            &["event.yaml:2:8: title: this text is 4,001 characters long"],
        ),
        case(
            "an event file of 2 MiB",
            vec![("event.yaml", {
                let mut b = b"version: 1\n# ".to_vec();
                b.resize(2 * 1024 * 1024, b'x');
                b
            })],
            &["blank", "--event", "event.yaml", "-o", "out.pdf"],
            &["event.yaml: the file is 2 MiB; a netkaart file may be at most 1 MiB"],
        ),
    ];
    run(cases);
}

#[test]
fn bad_logos_are_refused_and_none_escapes_the_event_files_folder() {
    let png = tiny_png();
    let mut huge = png.clone();
    huge.resize(11 * 1024 * 1024, 0);
    let cases = vec![
        case(
            "a missing logo",
            vec![("event.yaml", event_with_logo("nope.png"))],
            &["blank", "--event", "event.yaml", "-o", "out.pdf"],
            &["event.yaml:3:7: logo: the logo nope.png does not exist"],
        ),
        case(
            "a logo that is a folder",
            vec![
                ("event.yaml", event_with_logo("pictures")),
                ("pictures/readme.txt", b"x".to_vec()),
            ],
            &["blank", "--event", "event.yaml", "-o", "out.pdf"],
            &["event.yaml:3:7: logo: the logo pictures is a folder, not an image"],
        ),
        case(
            "a logo that is not an image",
            vec![
                ("event.yaml", event_with_logo("logo.png")),
                ("logo.png", b"GIF89a not png".to_vec()),
            ],
            &["blank", "--event", "event.yaml", "-o", "out.pdf"],
            &["event.yaml:3:7: logo: the logo logo.png is not a PNG, JPEG or SVG image"],
        ),
        case(
            "a broken PNG",
            vec![("event.yaml", event_with_logo("logo.png")), ("logo.png", png[..40].to_vec())],
            &["blank", "--event", "event.yaml", "-o", "out.pdf"],
            &["event.yaml:3:7: logo: the logo logo.png cannot be read as an image"],
        ),
        case(
            "a logo of 11 MiB",
            vec![("event.yaml", event_with_logo("logo.png")), ("logo.png", huge)],
            &["blank", "--event", "event.yaml", "-o", "out.pdf"],
            &["logo: the logo logo.png is 11.5 MB; a logo may be at most 10 MB"],
        ),
        case(
            "a logo above the event file's folder",
            vec![("event/event.yaml", event_with_logo("../logo.png")), ("logo.png", png.clone())],
            &["blank", "--event", "event/event.yaml", "-o", "out.pdf"],
            &[
                "event/event.yaml:3:7: logo: the logo event/../logo.png is outside the event file's folder",
                "--allow-path",
            ],
        ),
        case(
            "a logo at an absolute path",
            vec![("event.yaml", event_with_logo("/etc/passwd"))],
            &["blank", "--event", "event.yaml", "-o", "out.pdf"],
            &["event.yaml:3:7: logo: the logo /etc/passwd is outside the event file's folder"],
        ),
        case(
            "a logo outside, for a batch",
            vec![
                ("event/event.yaml", event_with_logo("../logo.png")),
                ("logo.png", png.clone()),
                ("a.yaml", answers_with("")),
            ],
            &["batch", "a.yaml", "--event", "event/event.yaml", "-o", "out"],
            &["is outside the event file's folder"],
        ),
        case(
            "an event file with a colour that is none",
            vec![("event.yaml", b"version: 1\naccent: red\n".to_vec())],
            &["blank", "--event", "event.yaml", "-o", "out.pdf"],
            &["event.yaml:2:9: accent: 'red' is not a colour"],
        ),
    ];
    run(cases);

    // A symlink inside the folder that points out of it is outside too.
    let dir = temp_dir("logo-symlink");
    fs::create_dir_all(dir.join("event")).unwrap();
    fs::write(dir.join("secret.png"), &png).unwrap();
    fs::write(dir.join("event/event.yaml"), event_with_logo("logo.png")).unwrap();
    std::os::unix::fs::symlink("../secret.png", dir.join("event/logo.png")).unwrap();
    must_refuse(
        "a logo that is a symlink out of the folder",
        &dir,
        &["blank", "--event", "event/event.yaml", "-o", "out.pdf"],
        &["logo: the logo event/logo.png is outside the event file's folder", "secret.png"],
        &["out.pdf"],
    );
    // --allow-path lets the user widen it, and only by name.
    must_succeed(&netkaart(
        &dir,
        &["blank", "--event", "event/event.yaml", "--allow-path", ".", "-o", "out.pdf"],
    ));
    must_refuse(
        "an --allow-path that is no folder",
        &dir,
        &["blank", "--event", "event/event.yaml", "--allow-path", "nope", "-o", "out2.pdf"],
        &["--allow-path nope is not a folder"],
        &["out2.pdf"],
    );
    // A symlink that stays inside the folder is fine.
    fs::copy(dir.join("secret.png"), dir.join("event/real.png")).unwrap();
    fs::write(dir.join("event/event.yaml"), event_with_logo("inside.png")).unwrap();
    std::os::unix::fs::symlink("real.png", dir.join("event/inside.png")).unwrap();
    must_succeed(&netkaart(&dir, &["blank", "--event", "event/event.yaml", "-o", "in.pdf"]));
}

#[test]
fn outputs_that_cannot_be_written_are_refused_before_or_without_a_trace() {
    let cases = vec![
        case(
            "an output path that is a folder",
            vec![("out/keep.txt", b"x".to_vec())],
            &["blank", "-o", "out"],
            &["the output out is a folder"],
        ),
        case(
            "an output inside a file",
            vec![("afile", b"x".to_vec())],
            &["blank", "-o", "afile/out.pdf"],
            &["failed to write afile/out.pdf (a part of the path is not a folder)"],
        ),
        case(
            "an output on a file system that cannot be written",
            vec![],
            &["blank", "-o", "/proc/netkaart/out.pdf"],
            &["failed to write /proc/netkaart/out.pdf ("],
        ),
        case(
            "a batch output that is a file",
            vec![("a.yaml", answers_with("")), ("out", b"x".to_vec())],
            &["batch", "a.yaml", "-o", "out"],
            &["-o out is a file; give a folder"],
        ),
        case(
            "a combined PDF that is a folder",
            vec![("a.yaml", answers_with("")), ("print.pdf/x", b"x".to_vec())],
            &["batch", "a.yaml", "--combine", "print.pdf"],
            &["--combine print.pdf is a folder"],
        ),
        case(
            "answers that are a folder",
            vec![("answers.yaml/x", b"x".to_vec())],
            &["poster", "answers.yaml", "-o", "out.pdf"],
            &["failed to read answers.yaml (it is a folder, not a file)"],
        ),
        case(
            "answers that do not exist",
            vec![],
            &["handout", "nope.yaml", "-o", "out.pdf"],
            &["failed to read nope.yaml (file or folder not found)"],
        ),
        case(
            "a spreadsheet with a bad cell",
            vec![("form.csv", b"person.name,contacts.1.name,contacts.1.ring\nAn,Luc,9\n".to_vec())],
            &["batch", "form.csv", "-o", "out"],
            &["form.csv, row 2, column C: contacts.1.ring: ring '9' does not exist"],
        ),
    ];
    run(cases);

    // A folder without write permission, where permissions hold (not for root).
    let dir = temp_dir("read-only");
    fs::create_dir(dir.join("locked")).unwrap();
    set_mode(&dir.join("locked"), 0o555);
    let probe = dir.join("locked/probe");
    if fs::write(&probe, b"x").is_err() {
        must_refuse(
            "a folder that cannot be written",
            &dir,
            &["blank", "-o", "locked/out.pdf"],
            &["failed to write locked/out.pdf (permission denied)"],
            &["locked/out.pdf"],
        );
    } else {
        let _ = fs::remove_file(probe);
    }
    set_mode(&dir.join("locked"), 0o755);
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_utf8_byte_order_mark_is_fine() {
    let dir = temp_dir("bom");
    fs::write(dir.join("bom.yaml"), b"\xEF\xBB\xBFversion: 1\nlang: en\n").unwrap();
    must_succeed(&netkaart(&dir, &["poster", "bom.yaml", "-o", "out.pdf"]));
    must_succeed(&netkaart(&dir, &["check", "bom.yaml"]));
}

fn run(cases: Vec<Case>) {
    for case in cases {
        let dir = temp_dir(&case.name.replace([' ', ',', '\''], "-"));
        for (path, bytes) in &case.files {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
        let expect: Vec<&str> = case.expect.iter().map(String::as_str).collect();
        let outputs: Vec<&str> =
            ["out.pdf", "out/a.pdf", "out2.pdf", "print.pdf/print.pdf"].to_vec();
        must_refuse(case.name, &dir, &case.args, &expect, &outputs);
    }
}
