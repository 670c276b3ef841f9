//! At the limits: answers with every list as long as it may be and every text as long as it
//! may be still make every document, complete, in a few seconds; and a batch killed in the
//! middle leaves only whole PDFs and can be finished.

use std::fs;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::*;
use netkaart::answers::{
    Action, Contact, HowWhere, Levels, Name, OrganisationLevel, Person, PersonalLevel, Ring,
    Sustain, Term, Text, What, Why,
};
use netkaart::limits::{MAX_ACTIONS, MAX_ASSOCIATIONS, MAX_CONTACTS, MAX_TEXT_CHARS};
use netkaart::{Answers, Lang, Orientation, Template};

/// A text of exactly the limit, in words, starting with a tag to find it by.
fn full(tag: &str) -> Text {
    let mut s = format!("{tag} ");
    while s.chars().count() < MAX_TEXT_CHARS {
        s.push_str("networking takes time ");
    }
    Text(s.chars().take(MAX_TEXT_CHARS).collect::<String>().trim_end().to_string())
}

fn answers_at_the_limits() -> Answers {
    let kinds = netkaart::map::geometry::SECTORS;
    let contacts = (0..MAX_CONTACTS)
        .map(|i| Contact {
            name: Name(full(&format!("contact{i}")).0),
            kind: Some(kinds[i % kinds.len()]),
            ring: Some(Ring(1 + (i % 3) as u8)),
            status: None,
            level: None,
            how: None,
            r#where: Some(full(&format!("where{i}"))),
            note: Some(full(&format!("note{i}"))),
        })
        .collect();
    let actions = (0..MAX_ACTIONS)
        .map(|i| Action {
            what: Some(full(&format!("action{i}"))),
            who: Some(full(&format!("with{i}"))),
            when: None,
            term: Some(if i % 2 == 0 { Term::Short } else { Term::Long }),
            done: Some(i % 3 == 0),
        })
        .collect();
    Answers {
        lang: Some(Lang::En),
        person: Some(Person {
            name: Some(full("name")),
            organisation: Some(full("organisation")),
            role: Some(full("role")),
            date: None,
        }),
        what: Some(What {
            associations: Some((0..MAX_ASSOCIATIONS).map(|i| full(&format!("word{i}"))).collect()),
            network_today: Some(full("today")),
        }),
        why: Some(Why { reasons: None, other: Some(full("other")), statement: Some(full("why")) }),
        levels: Some(Levels {
            personal: Some(PersonalLevel {
                offer: Some(full("offer")),
                attract: Some(full("attract")),
                goal: Some(full("goal")),
                contacts: Some(full("whom")),
            }),
            organisation: Some(OrganisationLevel {
                stands_for: Some(full("stands")),
                expertise: Some(full("expertise")),
                ambition: Some(full("ambition")),
                needs: Some(full("needs")),
            }),
        }),
        contacts: Some(contacts),
        how_where: Some(HowWhere {
            occasions: None,
            places: Some(full("places")),
            approach: Some(full("approach")),
        }),
        sustain: Some(Sustain {
            actions: Some(actions),
            follow_up: Some(full("followup")),
            knowledge: Some(full("knowledge")),
            evaluation: Some(full("evaluation")),
        }),
        ..Answers::default()
    }
}

#[test]
fn every_document_is_made_in_seconds_with_every_field_at_its_limit() {
    let _costly = crate::common::turn();
    let answers = answers_at_the_limits();
    // Measured on a 2-core machine: poster 3 s, handout 6 s, handbook (1,719 pages) 11 s.
    // The bound catches the kind of slip that once made the poster take 47 s.
    let limit = Duration::from_secs(20);
    for (template, orientation, pages) in [
        (Template::Poster, Orientation::Landscape, Some(1)),
        // The handout's third page lists the contacts that the column beside the map
        // cannot hold.
        (Template::Handout, Orientation::Portrait, Some(3)),
        (Template::Handbook, Orientation::Portrait, None),
    ] {
        let started = Instant::now();
        let compiled = compile(template, answers.clone(), orientation);
        let pdf = compiled.pdf().expect("exports");
        let took = started.elapsed();
        eprintln!("{}: {took:?}, {} pages", template.name(), compiled.page_count());
        assert!(took < limit, "{} took {took:?}", template.name());
        lopdf::Document::load_mem(&pdf).expect("a valid PDF");
        if let Some(pages) = pages {
            assert_eq!(compiled.page_count(), pages, "{}", template.name());
            // What did not fit is named in a warning, not dropped silently.
            assert!(!compiled.warnings.is_empty(), "{}: no warning", template.name());
        } else {
            // The handbook holds every answer in full, the last action and contact too.
            let text = squash(&compiled.text());
            for tag in ["contact199", "note199", "action99", "with99", "word99", "evaluation"] {
                assert!(text.contains(tag), "{tag} is not in the handbook");
            }
        }
    }
}

#[test]
fn a_batch_killed_midway_leaves_only_whole_pdfs_and_a_rerun_finishes_it() {
    let _costly = crate::common::turn();
    let dir = temp_dir("killed");
    let workshop: String = (1..=200)
        .map(|i| {
            format!(
                "---\nversion: 1\nlang: en\nperson:\n  name: Participant {i}\ncontacts:\n  - name: Friend {i}\n    kind: colleague\n    ring: 2\n"
            )
        })
        .collect();
    fs::write(dir.join("workshop.yaml"), workshop).unwrap();
    let out = dir.join("out");
    let pdfs = || -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = fs::read_dir(&out)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect();
        v.sort();
        v
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_netkaart"))
        .args(["batch", "workshop.yaml", "-o", "out", "--jobs", "2", "-q"])
        .current_dir(&dir)
        .spawn()
        .unwrap();
    let started = Instant::now();
    while pdfs().len() < 20 {
        assert!(child.try_wait().unwrap().is_none(), "the batch ended before it was killed");
        assert!(started.elapsed() < Duration::from_secs(120), "the batch made no progress");
        std::thread::sleep(Duration::from_millis(5));
    }
    // SIGKILL: no chance to clean up, in the middle of writing files.
    child.kill().unwrap();
    child.wait().unwrap();
    let first = pdfs();
    assert!(first.len() < 200, "the batch finished before it was killed");
    let mut kept = Vec::new();
    for path in &first {
        let bytes = fs::read(path).unwrap();
        let pdf = lopdf::Document::load_mem(&bytes)
            .unwrap_or_else(|e| panic!("{} is not a whole PDF: {e}", path.display()));
        assert_eq!(pdf.get_pages().len(), 2, "{}", path.display());
        kept.push((path.clone(), bytes));
    }

    // The rerun leaves the whole PDFs as they are, makes the rest and clears the killed
    // run's temporary files.
    let rerun = netkaart(&dir, &["batch", "workshop.yaml", "-o", "out", "--skip-existing"]);
    must_succeed(&rerun);
    assert!(
        stderr(&rerun)
            .contains(&format!("({} of them were there already and were kept)", first.len()))
    );
    let all = pdfs();
    assert_eq!(all.len(), 200);
    for path in &all {
        let pdf = lopdf::Document::load_mem(&fs::read(path).unwrap()).unwrap();
        assert_eq!(pdf.get_pages().len(), 2, "{}", path.display());
    }
    for (path, bytes) in kept {
        assert_eq!(fs::read(&path).unwrap(), bytes, "{} was rewritten", path.display());
    }
    let leftovers: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".pdf"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
