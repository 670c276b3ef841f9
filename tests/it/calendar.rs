//! `netkaart calendar` and `batch --calendar`: step 5's dated actions as an iCalendar file
//! (RFC 5545). The files are read back by the Python `icalendar` package, a reader that owes
//! nothing to netkaart (`tests/fixtures/calendar/read_ics.py`); the octets themselves (CRLF,
//! folding, the same bytes every time) are checked here.
//!
//! Without that package the tests that need it say so on stderr and pass, unless
//! `NETKAART_REQUIRE_ICALENDAR` is set (`.ci/run` installs the package and sets it).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{
    must_fail, must_succeed, netkaart, netkaart_at_epoch, netkaart_in, root, stderr,
};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/calendar").join(name)
}

/// What the independent reader understood of `ics`, or `None` when it is not installed.
fn read_independently(ics: &Path) -> Option<Value> {
    let out = Command::new("python3")
        .arg(fixture("read_ics.py"))
        .arg(ics)
        .output()
        .expect("python3 runs");
    if out.status.code() == Some(3) {
        let required = std::env::var_os("NETKAART_REQUIRE_ICALENDAR").is_some();
        assert!(!required, "NETKAART_REQUIRE_ICALENDAR is set, but Python's icalendar is missing");
        eprintln!(
            "\nSKIPPED reading the calendar back: it needs Python's icalendar \
             (python3 -m pip install icalendar)\n"
        );
        return None;
    }
    assert!(out.status.success(), "the reader failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let parsed: Value = serde_json::from_slice(&out.stdout).expect("the reader prints JSON");
    assert_eq!(parsed["errors"], serde_json::json!([]), "the reader found errors");
    Some(parsed)
}

/// The calendar of `answers`, written by the binary into `dir`, with `args` added.
fn calendar(dir: &Path, answers: &Path, args: &[&str]) -> (PathBuf, String) {
    let ics = dir.join("out.ics");
    let mut all = vec!["calendar", answers.to_str().unwrap(), "-o", ics.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = netkaart(dir, &all);
    must_succeed(&out);
    (ics, stderr(&out))
}

/// The names of the files in `dir`, sorted.
fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every physical line: at most 75 octets, ended by CRLF and nothing else. The file is
/// whole UTF-8, which it would not be had a fold split a character's bytes.
#[track_caller]
fn lines_are_rfc_5545(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("the file is UTF-8: no fold splits a character");
    let body = text.strip_suffix("\r\n").expect("the file ends with CRLF");
    for (i, line) in body.split("\r\n").enumerate() {
        assert!(!line.contains(['\r', '\n']), "line {i}: a CR or LF alone");
        assert!(line.len() <= 75, "line {i} has {} octets", line.len());
    }
}

#[test]
fn every_dated_action_is_an_all_day_event_that_an_independent_reader_understands() {
    let dir = crate::common::temp_dir("calendar-an");
    let (ics, _) = calendar(&dir, &root().join("examples/an-peeters.yaml"), &["--remind", "2"]);
    let bytes = std::fs::read(&ics).unwrap();
    lines_are_rfc_5545(&bytes);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//netkaart//netkaart "));
    assert!(!text.contains("VTODO") && !text.contains("ATTENDEE") && !text.contains("ORGANIZER"));
    let Some(read) = read_independently(&ics) else { return };
    assert_eq!(read["version"], "2.0");
    assert_eq!(read["name"], "Netwerkacties: An Peeters");
    let events = read["events"].as_array().unwrap();
    assert_eq!(events.len(), 5, "the five dated actions of an-peeters.yaml");
    let first = &events[0];
    assert_eq!(first["summary"], "Afspraak maken met de wijkregisseur");
    assert_eq!(first["start"], serde_json::json!({"iso": "2027-01-15", "all_day": true}));
    // DTEND of an all-day event is exclusive: the day after.
    assert_eq!(first["end"], serde_json::json!({"iso": "2027-01-16", "all_day": true}));
    // Stamped with the poster's date, not the clock.
    assert_eq!(first["stamp"], "2026-12-03T00:00:00+00:00");
    assert_eq!(
        first["description"],
        "Met wie: Sofie Janssens\nTermijn: korte termijn\nKlaar: ja\n\n\
         Hoe volg je je contacten op?\nElke eerste maandag van de maand bel of mail ik twee contacten."
    );
    // The last action of the year ends on the first day of the next one.
    assert_eq!(events[4]["end"]["iso"], "2028-01-01");
    for event in events {
        assert_eq!(event["attendees"], 0, "nobody is invited");
        assert_eq!(event["transparent"], true, "a day with an action is not a busy day");
        // --remind 2: at 9:00 two days before, 39 hours before the day starts.
        assert_eq!(event["alarms"][0]["trigger_seconds"], -39.0 * 3600.0);
        assert_eq!(event["alarms"][0]["action"], "DISPLAY");
        assert_eq!(event["alarms"][0]["description"], event["summary"]);
    }
    let uids: std::collections::BTreeSet<_> = events.iter().map(|e| e["uid"].to_string()).collect();
    assert_eq!(uids.len(), 5, "every event has a UID of its own");
}

#[test]
fn long_text_emoji_separators_and_line_breaks_are_folded_and_escaped() {
    let dir = crate::common::temp_dir("calendar-tricky");
    let (ics, _) = calendar(&dir, &fixture("tricky.yaml"), &[]);
    let bytes = std::fs::read(&ics).unwrap();
    lines_are_rfc_5545(&bytes);
    let text = String::from_utf8(bytes).unwrap();
    // The separators are escaped in the file, and text lines are folded there.
    assert!(text.contains("SUMMARY:Koffie met Séverine\\; daarna de buurtwerking\\, het OCMW"));
    assert!(text.contains("Jan \\\\ Ann\\; het café\\nTermijn"));
    assert!(text.lines().filter(|l| l.starts_with(' ')).count() >= 6, "long lines are folded");
    let Some(read) = read_independently(&ics) else { return };
    let events = read["events"].as_array().unwrap();
    assert_eq!(
        events[0]["summary"],
        "Koffie met Séverine; daarna de buurtwerking, het OCMW en de bib bellen 🌱👩🏽‍🌾"
    );
    assert_eq!(
        events[0]["description"],
        "Met wie: Séverine, Jan \\ Ann; het café\nTermijn: korte termijn\n\n\
         Hoe volg je je contacten op?\n\
         Elke maandag: twee telefoontjes, één mail.\nEn op vrijdag, als het lukt, een koffie."
    );
    assert!(events[1]["summary"].as_str().unwrap().ends_with("één emoji 🎉 op het einde"));
    assert!(
        events[1]["description"]
            .as_str()
            .unwrap()
            .starts_with("Met wie: Eerste regel\ntweede regel; met een puntkomma\n")
    );
    // A leap day, and its day after.
    assert_eq!(events[1]["start"]["iso"], "2028-02-29");
    assert_eq!(events[1]["end"]["iso"], "2028-03-01");
    assert_eq!(read["name"], "Netwerkacties: Zoë Van den Broeck-Ağaoğlu");
}

#[test]
fn the_same_answers_give_the_same_bytes_and_a_new_date_keeps_the_uid() {
    let dir = crate::common::temp_dir("calendar-same");
    let answers = fixture("undated.yaml");
    let (ics, _) = calendar(&dir, &answers, &["--review"]);
    let first = std::fs::read(&ics).unwrap();
    let (ics, _) = calendar(&dir, &answers, &["--review"]);
    assert_eq!(std::fs::read(&ics).unwrap(), first, "same answers, same bytes");

    // The date of "Luc mailen" moves: its event keeps its UID, so that a second import moves
    // it instead of adding one.
    let moved = dir.join("moved.yaml");
    let text = std::fs::read_to_string(&answers).unwrap();
    std::fs::write(&moved, text.replace("2027-01-15", "2027-01-22")).unwrap();
    let (moved_ics, _) = calendar(&dir, &moved, &["--review"]);
    let uids = |bytes: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(bytes)
            .lines()
            .filter_map(|l| l.strip_prefix("UID:").map(str::to_string))
            .collect()
    };
    let after = std::fs::read(&moved_ics).unwrap();
    assert_eq!(uids(&after), uids(&first));
    assert_eq!(uids(&first).len(), 3, "two actions and the look back");
    assert!(String::from_utf8_lossy(&after).contains("DTSTART;VALUE=DATE:20270122"));
    // Another person's actions of the same name are other events.
    let other = dir.join("other.yaml");
    std::fs::write(&other, text.replace("Mira Claes", "Jef Claes")).unwrap();
    let (other_ics, _) = calendar(&dir, &other, &["--review"]);
    let theirs = uids(&std::fs::read(&other_ics).unwrap());
    assert!(theirs.iter().all(|u| !uids(&first).contains(u)));
}

#[test]
fn an_action_without_a_date_is_named_in_a_warning_in_the_answers_language() {
    let dir = crate::common::temp_dir("calendar-undated");
    let (ics, err) = calendar(&dir, &fixture("undated.yaml"), &[]);
    assert!(
        err.contains(
            "undated.yaml: sustain.actions.2.when: 'Naar de buurtraad gaan' heeft geen datum \
             en staat dus niet in de agenda"
        ),
        "{err}"
    );
    let text = std::fs::read_to_string(&ics).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
    assert!(!text.contains("buurtraad"));
}

#[test]
fn the_look_back_comes_three_months_after_the_latest_action() {
    let dir = crate::common::temp_dir("calendar-review");
    let (ics, _) = calendar(&dir, &root().join("examples/green-lane.yaml"), &["--review"]);
    let Some(read) = read_independently(&ics) else { return };
    let events = read["events"].as_array().unwrap();
    assert_eq!(events.len(), 6);
    let review = &events[5];
    assert_eq!(review["summary"], "Look back on your network");
    // The latest action is on 1 September 2028.
    assert_eq!(review["start"]["iso"], "2028-12-01");
    let description = review["description"].as_str().unwrap();
    // What to do that day, then the poster's question and its answer.
    assert!(description.starts_with(
        "3 months after 1 September 2028: look back on the contacts you made and kept.\n\n\
         What to do that day:\n\
         1. Open your answers: start netkaart serve and choose ‘Open answers’ in the browser, \
         or open your answers file in a text editor.\n\
         2. Update them: whom do you know now, who came closer, which actions have you carried \
         out? Save them with ‘Save answers (YAML)’ as a new file, so that the old one stays.\n\
         3. Print the comparison: in the browser, open the old file with ‘Compare with earlier \
         answers (then)’ and download ‘Then and now (PDF)’; or type netkaart compare OLD.yaml \
         NEW.yaml.\n\n\
         How did your conversations go, and what will you do differently?\n\
         Meetings went best when we brought something to offer;"
    ));
    // The actions in the order of their dates.
    assert!(description.ends_with(
        "Your actions:\n– 10 December 2026: Invite the business association to the cafe\n\
         – 12 January 2027: Quarterly coffee with the councillor\n\
         – 15 February 2027: Apply to the social enterprise fund\n\
         – 31 March 2027: Visit two community centres elsewhere\n\
         – 1 September 2028: Open the community cafe"
    ));
}

#[test]
fn nothing_dated_is_an_error_and_no_file() {
    let dir = crate::common::temp_dir("calendar-nothing");
    let out = netkaart(&dir, &["calendar", fixture("nothing-dated.yaml").to_str().unwrap()]);
    must_fail(&out);
    let err = stderr(&out);
    assert!(
        err.contains(
            "sustain.actions.1.when: there is nothing to put in a calendar: none of the 2 \
             actions of step 5 has a date"
        ),
        "{err}"
    );
    assert!(err.contains("help: give an action a date, written as 2027-03-01"), "{err}");
    assert!(!fixture("nothing-dated-calendar.ics").exists());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn without_a_poster_date_the_stamp_is_the_clock_asked_for() {
    let dir = crate::common::temp_dir("calendar-epoch");
    let answers = dir.join("a.yaml");
    std::fs::write(
        &answers,
        "version: 1\nsustain: {actions: [{what: Bellen, when: 2027-05-01}]}\n",
    )
    .unwrap();
    let out = netkaart_at_epoch(&dir, &["calendar", "a.yaml", "-o", "-"], "1796297445");
    must_succeed(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\r\nDTSTAMP:20261203T113045Z\r\n"), "{text}");
    // No name: the calendar's name alone.
    assert!(text.contains("\r\nX-WR-CALNAME:Netwerkacties\r\n"));
    // Without a clock: the templates' edition, the same every run.
    let out = netkaart(&dir, &["calendar", "a.yaml", "-o", "-"]);
    let (y, m, d) = netkaart::templates::EDITION_DATE;
    let stamp = format!("\r\nDTSTAMP:{y:04}{m:02}{d:02}T000000Z\r\n");
    assert!(String::from_utf8_lossy(&out.stdout).contains(&stamp));
    // The default file name: beside the answers.
    must_succeed(&netkaart(&dir, &["calendar", "a.yaml"]));
    assert!(dir.join("a-calendar.ics").is_file());
}

#[test]
fn options_out_of_place_are_refused_in_the_readers_language() {
    let dir = crate::common::temp_dir("calendar-options");
    let an = root().join("examples/an-peeters.yaml");
    let an = an.to_str().unwrap();
    let out = netkaart_in(&dir, &["calendar", an, "--remind", "400"], Some("nl_BE.UTF-8"));
    must_fail(&out);
    assert!(stderr(&out).contains("--remind 400 valt buiten het bereik"), "{}", stderr(&out));
    let sheet = root().join("examples/workshop.csv");
    let out = netkaart(&dir, &["calendar", sheet.to_str().unwrap()]);
    must_fail(&out);
    assert!(stderr(&out).contains("--calendar"), "{}", stderr(&out));
    let out = netkaart(&dir, &["batch", an, "--combine", "all.pdf", "--calendar"]);
    must_fail(&out);
    assert!(stderr(&out).contains("give their folder with -o DIR"), "{}", stderr(&out));
    let out = netkaart(&dir, &["batch", an, "-o", "out", "--review"]);
    must_fail(&out);
    assert!(stderr(&out).contains("--remind and --review go with --calendar"));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "nothing made");
}

#[test]
fn batch_puts_a_calendar_beside_each_handout_and_says_who_has_none() {
    let dir = crate::common::temp_dir("calendar-batch");
    let inputs = fixture("workshop");
    let out = netkaart(
        &dir,
        &["batch", inputs.to_str().unwrap(), "-o", "handouts", "--calendar", "--remind", "1"],
    );
    must_succeed(&out);
    let err = stderr(&out);
    let handouts = dir.join("handouts");
    assert_eq!(
        file_names(&handouts),
        [
            "buurthuis-st-jan.ics",
            "buurthuis-st-jan.pdf",
            "mira-claes.ics",
            "mira-claes.pdf",
            "sam-peeters.pdf"
        ]
    );
    // The same bytes as the command for one participant.
    let single = netkaart(
        &dir,
        &["calendar", inputs.join("mira-claes.yaml").to_str().unwrap(), "--remind", "1", "-o", "-"],
    );
    assert_eq!(std::fs::read(handouts.join("mira-claes.ics")).unwrap(), single.stdout);
    assert!(err.contains("sustain.actions.2.when: 'Naar de buurtraad gaan' heeft geen datum"));
    assert!(err.contains(
        "sam-peeters.yaml: sustain.actions.1.when: there is nothing to put in a calendar"
    ));
    assert!(err.contains("3 of 3 handouts made"), "{err}");
    assert!(err.contains("with 2 calendar files (.ics) beside them"), "{err}");
    assert!(err.contains("wrote handouts/mira-claes.ics"), "{err}");
}

#[test]
fn a_calendar_is_named_like_its_document_even_with_a_dot_in_the_pattern() {
    let dir = crate::common::temp_dir("calendar-dots");
    let inputs = fixture("workshop");
    let args = ["batch", inputs.to_str().unwrap(), "-o", "out", "--calendar", "-q"];
    let out = netkaart(&dir, &[&args[..], &["--name", "{number}.{name}"]].concat());
    must_succeed(&out);
    assert_eq!(
        file_names(&dir.join("out")),
        [
            "1.buurthuis-st-jan.ics",
            "1.buurthuis-st-jan.pdf",
            "2.mira-claes.ics",
            "2.mira-claes.pdf",
            "3.sam-peeters.pdf"
        ]
    );
}
