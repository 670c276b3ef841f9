//! Every problem of an answers file at once, for `netkaart check`: the text is read into a
//! tree and the tree checked in one pass (`answers::checker`), which names every problem
//! of every field. A syntax error ends the reading: after it, the reader cannot say what the
//! text means, so only what stands before it is checked.

use std::path::Path;

use crate::answers::Answers;
use crate::input_error::InputError;

/// The most problems reported for one file; past these, fixing comes first.
pub const MAX_PROBLEMS: usize = 50;

/// Every problem in the text of one answers document, in the order they appear; empty
/// when the answers are fine.
pub fn problems(text: &str, origin: &Path) -> Vec<InputError> {
    match Answers::read_text(text, origin) {
        Ok(_) => Vec::new(),
        Err(mut problems) => {
            problems.truncate(MAX_PROBLEMS);
            problems
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        problems(text, Path::new("a.yaml"))
            .into_iter()
            .map(|e| {
                format!(
                    "{}:{} {}: {}",
                    e.line.unwrap_or(0),
                    e.column.unwrap_or(0),
                    e.field.unwrap_or_default(),
                    e.message.render(crate::Lang::En)
                )
            })
            .collect()
    }

    #[test]
    fn every_problem_is_found_and_placed() {
        let text = "\
version: 1
lang: de
person:
  name: An
  nmae: Ann
contacts:
  - name: Luc
    ring: 7
  - kind: neighbour
  - name: Mira
    kind: frend
    ring: 2
sustain:
  actions:
    - what: call
      when: 2027-02-30
";
        let found = messages(text);
        assert_eq!(found.len(), 6, "{found:#?}");
        assert!(found[0].starts_with("2:7 lang: unknown"), "{found:#?}");
        assert!(found[1].starts_with("5:3 person: unknown key 'nmae'"), "{found:#?}");
        assert!(found[2].starts_with("8:11 contacts.1.ring: ring '7'"), "{found:#?}");
        assert!(found[3].contains("contacts.2: missing key 'name'"), "{found:#?}");
        // Mira is still the third contact, although the second was set aside.
        assert!(found[4].starts_with("11:11 contacts.3.kind: unknown kind 'frend'"), "{found:#?}");
        assert!(found[5].contains("sustain.actions.1.when: '2027-02-30' is not a date"));
    }

    #[test]
    fn good_answers_have_no_problems() {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/an-peeters.yaml"),
        )
        .unwrap();
        assert_eq!(messages(&text), Vec::<String>::new());
    }

    #[test]
    fn a_missing_version_does_not_hide_the_rest() {
        let found = messages("lang: en\nperson:\n  name: An\n  rol: x\n");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].contains("missing key 'version'"));
        assert!(found[1].contains("unknown key 'rol'"));
    }

    #[test]
    fn duplicates_and_compact_lists_are_found() {
        let text = "version: 1\ncontacts:\n- name: A\n  ring: 9\n- name: B\n  name: C\nwhy:\n  reasons: [learn, fly]\n  statement: [a]\n";
        let found = messages(text);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].contains("contacts.1.ring"));
        assert!(found[1].contains("'name' appears twice"));
        assert!(found[2].contains("unknown reason 'fly'"));
        assert!(found[3].contains("why.statement"));
    }

    #[test]
    fn a_flow_mapping_without_version_is_one_problem() {
        let found = messages("{lang: en}\n");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains("missing key 'version'"));
    }

    #[test]
    fn a_syntax_error_ends_the_search() {
        // What stands before the error is read, and so is the kind of the list it cuts off;
        // nothing after it, and no key of the groups it cut off is said to be missing.
        let found = messages("version: 1\nlang: de\nperson: [\n  name: An\n");
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(found[0].starts_with("2:7 lang: unknown language 'de'"), "{found:#?}");
        assert!(found[1].starts_with("3:9 person: expected keys and values"), "{found:#?}");
        assert!(found[1].ends_with("found a list"), "{found:#?}");
        assert!(!found.iter().any(|f| f.contains("missing key")), "{found:#?}");
    }
}
