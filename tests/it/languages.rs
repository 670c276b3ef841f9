//! The language files: every language says the same things, and every word the code asks
//! for exists in each.

use crate::common::{KINDS, compile, example, pdf_page_texts};
use netkaart::templates::words;
use netkaart::{Lang, Orientation, Template};
use serde_json::Value;

/// The paths of every leaf of a language file, with the length of each list.
fn shape(value: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(o) => {
            for (k, v) in o {
                shape(v, &format!("{path}.{k}"), out);
            }
        }
        // The everyday words for a value, and the columns form tools add, are as many as
        // each language has.
        Value::Array(a) if path.starts_with(".everyday.") || path == ".tool_columns" => {
            assert!(a.iter().all(|w| w.as_str().is_some_and(|w| !w.trim().is_empty())), "{path}");
            out.push(path.to_string());
        }
        Value::Array(a) => {
            out.push(format!("{path}[{}]", a.len()));
            for (i, v) in a.iter().enumerate() {
                shape(v, &format!("{path}[{i}]"), out);
            }
        }
        Value::String(s) => {
            assert!(!s.trim().is_empty(), "{path} is empty");
            out.push(path.to_string());
        }
        other => panic!("{path} is {other}, not text"),
    }
}

#[test]
fn every_language_has_the_same_keys_and_list_lengths_as_dutch() {
    let shape_of = |lang: Lang| {
        let mut out = Vec::new();
        shape(words(lang), "", &mut out);
        out.sort();
        out
    };
    let nl = shape_of(Lang::Nl);
    assert!(nl.len() > 150, "only {} entries", nl.len());
    for &lang in Lang::ALL {
        assert_eq!(shape_of(lang), nl, "{lang:?}");
    }
}

#[test]
fn every_row_of_the_workshop_plan_has_time_part_and_description() {
    for &lang in Lang::ALL {
        let w = words(lang);
        let headers = w["handbook"]["use"]["plan_headers"].as_array().unwrap().len();
        for row in w["handbook"]["use"]["plan"].as_array().unwrap() {
            assert_eq!(row.as_array().unwrap().len(), headers, "{lang:?}: {row}");
        }
    }
}

#[test]
fn every_comment_of_the_starter_file_exists() {
    for &lang in Lang::ALL {
        let w = words(lang);
        for key in netkaart::starter::comment_keys() {
            assert!(w["init"][key.as_str()].is_string(), "{lang:?}: init.{key} is missing");
        }
    }
}

#[test]
fn every_value_of_the_schema_has_a_label() {
    let labels = [
        ("reasons", vec!["position", "test_ideas", "learn", "solve_problem", "find_resources"]),
        (
            "occasions",
            vec!["sector_event", "local_meeting", "one_to_one", "chance", "online", "other"],
        ),
        ("kinds", KINDS.to_vec()),
        ("statuses", vec!["current", "desired"]),
        ("levels", vec!["personal", "organisation"]),
        ("terms", vec!["short", "long"]),
        ("terms_short", vec!["short", "long"]),
        ("rings", vec!["1", "2", "3", "desired"]),
    ];
    for &lang in Lang::ALL {
        let w = words(lang);
        for (section, values) in &labels {
            let mut keys: Vec<&str> =
                w[*section].as_object().unwrap().keys().map(|k| k.as_str()).collect();
            let mut values = values.clone();
            keys.sort();
            values.sort();
            assert_eq!(keys, values, "{lang:?}: {section}");
        }
    }
}

#[test]
fn every_reason_completes_the_sentence_it_is_listed_under() {
    // "Ik wil netwerken om …" takes an infinitive with "te", in the first person;
    // "I want to network to …" takes a bare infinitive, in the first person.
    for &lang in Lang::ALL {
        let (lead, wrong) = match lang {
            Lang::Nl => ("Ik wil netwerken om …", &["je", "jezelf", "jouw", "jij"][..]),
            Lang::En => ("I want to network to …", &["you", "your", "yourself", "to"][..]),
            // "Je veux réseauter pour …" takes an infinitive, in the first person.
            Lang::Fr => {
                ("Je veux réseauter pour …", &["vous", "votre", "vos", "tu", "ton", "te"][..])
            }
            #[allow(unreachable_patterns)]
            other => panic!("say how a reason completes {other:?}'s lead sentence"),
        };
        let w = words(lang);
        assert_eq!(w["steps"]["why"]["prompts"]["reasons"], lead, "{lang:?}");
        for (key, reason) in w["reasons"].as_object().unwrap() {
            let reason = reason.as_str().unwrap();
            let words: Vec<&str> = reason.split_whitespace().collect();
            for word in wrong {
                assert!(!words.contains(word), "{lang:?}: '{lead} {reason}' ({key}) says '{word}'");
            }
            if lang == Lang::Nl {
                assert!(words.contains(&"te"), "{lang:?}: '{lead} {reason}' ({key}) lacks 'te'");
            }
            if lang == Lang::Fr {
                let verb = words.iter().find(|w| !["me", "m’", "se"].contains(w)).unwrap();
                let infinitive = ["er", "ir", "re", "oir"].iter().any(|e| verb.ends_with(e));
                assert!(infinitive, "{lang:?}: '{lead} {reason}' ({key}) starts with no verb");
            }
        }
    }
}

#[test]
fn the_text_of_a_document_holds_no_isolate_characters() {
    // Right-to-left names are isolated in the layout; the text that search and copy read
    // has no control characters.
    let mut with_arabic = example("an-peeters.yaml");
    let arabic = with_arabic.contacts.as_ref().unwrap()[0].clone();
    with_arabic.contacts.get_or_insert_with(Vec::new).push(netkaart::answers::Contact {
        name: netkaart::answers::Name("كريم العمراني".into()),
        note: Some("(<0)".into()),
        ..arabic
    });
    let isolates = ['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'];
    for answers in [example("green-lane.yaml"), with_arabic] {
        for template in [Template::Poster, Template::Handout, Template::Handbook] {
            let compiled = compile(template, answers.clone(), Orientation::Portrait);
            let pdf = compiled.pdf().unwrap();
            for (k, page) in pdf_page_texts(&pdf).iter().enumerate() {
                assert!(
                    !page.contains(isolates),
                    "{}: page {} has an isolate character: {page}",
                    template.name(),
                    k + 1
                );
            }
        }
    }
}

#[test]
fn the_message_files_have_the_same_keys_and_every_key_the_code_asks_for() {
    use netkaart::messages::keys;
    let en = keys(Lang::En);
    for &lang in Lang::ALL {
        assert_eq!(keys(lang), en, "the message files of {lang:?} and English differ");
    }
    // Every message key written in the code, as `Message::new("…")` and its kin.
    let mut used = Vec::new();
    let mut stack = vec![crate::common::root().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for part in text.split('"').skip(1).step_by(2) {
                    let prefixes = [
                        "input.", "sheet.", "cli.", "event.", "setting.", "io.", "error.",
                        "render.", "schema.", "room.",
                    ];
                    if prefixes.iter().any(|p| part.starts_with(p))
                        && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
                    {
                        used.push((path.display().to_string(), part.to_string()));
                    }
                }
            }
        }
    }
    assert!(used.len() > 150, "only {} message keys found in the code", used.len());
    for (file, key) in used {
        assert!(en.contains(&key), "{file} asks for the message {key}, which the files lack");
    }
}

#[test]
fn every_word_the_code_looks_up_in_the_language_files_exists_in_both() {
    // A word looked up by a key with a typo would be an empty string on the page: every
    // key written in the code for the documents' language files (the page's `serve.…`,
    // the form's, the calendar's, the handbook's) must name a word in both languages.
    let sections =
        ["serve.", "form.", "ics.", "handout.", "tiles.", "map.", "steps.", "init.", "fields."];
    let mut stack = vec![crate::common::root().join("src")];
    let mut found = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for part in text.split('"').skip(1).step_by(2) {
                let key_like =
                    part.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
                        && !part.ends_with('.');
                if !key_like || !sections.iter().any(|s| part.starts_with(s)) {
                    continue;
                }
                found += 1;
                for &lang in Lang::ALL {
                    let word = netkaart::templates::at(words(lang), part);
                    assert!(
                        word.is_string() || word.is_object() || word.is_array(),
                        "{} asks for {part}, which {}.yaml lacks",
                        path.display(),
                        lang.code()
                    );
                }
            }
        }
    }
    assert!(found > 50, "only {found} lookups found in the code");
}
