//! Answers written as an answers file: what `netkaart serve` saves. The keys come in the
//! starter file's order with its comments, so the file reads like the one `init` writes;
//! every text is double-quoted (JSON's escapes are YAML's), so that no answer can turn into
//! a number, a yes/no, a date or a comment when it is read back.

use serde_json::{Map, Value};

use super::Answers;
use crate::templates::words;

impl Answers {
    /// The answers as YAML that every command reads back to these same answers.
    pub fn to_yaml(&self) -> String {
        let w = words(self.lang());
        let init = &w["init"];
        let writer = Writer {
            order: super::fields::order().iter().map(String::as_str).collect(),
            comment: &|path: &str| super::fields::comment(w, &super::fields::comment_key(path)),
        };
        let mut out = String::new();
        for line in wrap(init["header"].as_str().unwrap_or_default(), 88) {
            out.push_str(&format!("# {line}\n"));
        }
        let value = serde_json::to_value(self).expect("answers always serialise");
        writer.map(&mut out, value.as_object().expect("answers are a map"), "", 0, None);
        out
    }
}

/// Writes a tree of values as YAML, keys in the starter's order.
struct Writer<'a> {
    /// Every dotted path of the starter file, without list numbers, in its order.
    order: Vec<&'a str>,
    /// The starter's comment for a dotted path.
    comment: &'a dyn Fn(&str) -> String,
}

impl Writer<'_> {
    /// The entries of `map` at `path`, indented by `indent`; the first after `first` (a
    /// list item's `- `) when given.
    fn map(
        &self,
        out: &mut String,
        map: &Map<String, Value>,
        path: &str,
        indent: usize,
        first: Option<&str>,
    ) {
        let full =
            |key: &str| if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
        let mut keys: Vec<&String> = map.keys().collect();
        keys.sort_by_key(|k| self.order.iter().position(|p| *p == full(k)).unwrap_or(usize::MAX));
        for (i, key) in keys.into_iter().enumerate() {
            let pad = match (i, first) {
                (0, Some(lead)) => format!("{}{lead}", "  ".repeat(indent.saturating_sub(1))),
                _ => "  ".repeat(indent),
            };
            let at = full(key);
            let comment = match (self.comment)(&at) {
                c if c.is_empty() => String::new(),
                c => format!("  # {c}"),
            };
            match &map[key] {
                Value::Object(inner) => {
                    out.push_str(&format!("{pad}{key}:{comment}\n"));
                    self.map(out, inner, &at, indent + 1, None);
                }
                Value::Array(items) if items.is_empty() => {
                    out.push_str(&format!("{pad}{key}: []{comment}\n"));
                }
                Value::Array(items) => {
                    out.push_str(&format!("{pad}{key}:{comment}\n"));
                    for item in items {
                        match item {
                            Value::Object(inner) => {
                                self.map(out, inner, &at, indent + 2, Some("- "));
                            }
                            scalar => out.push_str(&format!(
                                "{}- {}\n",
                                "  ".repeat(indent + 1),
                                scalar_text(scalar)
                            )),
                        }
                    }
                }
                scalar => out.push_str(&format!("{pad}{key}: {}{comment}\n", scalar_text(scalar))),
            }
        }
    }
}

/// A number or yes/no as it is; a text double-quoted.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => serde_json::to_string(s).expect("a string always serialises"),
        other => other.to_string(),
    }
}

/// `text` in lines of at most `width` characters, broken at spaces.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("never empty");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn back(yaml: &str) -> Answers {
        Answers::parse_text(yaml, Path::new("saved.yaml"))
            .unwrap_or_else(|e| panic!("{e:?}\n{yaml}"))
    }

    #[test]
    fn every_example_reads_back_the_same() {
        for name in ["an-peeters.yaml", "green-lane.yaml"] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name);
            let answers = Answers::load(&path).unwrap();
            assert_eq!(back(&answers.to_yaml()), answers, "{name}");
        }
    }

    #[test]
    fn texts_that_yaml_would_read_as_something_else_stay_texts() {
        let tricky = [
            "yes",
            "no",
            "~",
            "null",
            "1",
            "0x1F",
            "2027-01-15",
            "# not a comment",
            "- item",
            "a: b",
            "\"quoted\"",
            "back\\slash",
            "line one\nline two",
            "tab\there",
            "{x}",
            "[1, 2]",
            "&anchor",
            "*alias",
            "!tag",
            "%",
            "@",
            "`",
            "Zoë’s café 🌍",
            "'single'",
            "<script>alert(1)</script>",
            "#set page(fill: red)",
        ];
        for text in tricky {
            let yaml =
                format!("version: 1\nperson:\n  name: {}\n", scalar_text(&Value::from(text)));
            let answers = back(&yaml);
            let saved = answers.to_yaml();
            let name = back(&saved).person.and_then(|p| p.name).map(|n| n.to_string());
            assert_eq!(name.as_deref(), Some(text.trim()), "{saved}");
        }
    }

    #[test]
    fn keys_come_in_the_starters_order_with_its_comments() {
        let answers = back(
            "version: 1\nlang: en\nsustain:\n  follow_up: Call\n  actions:\n    - what: Mail Jo\n      done: true\ncontacts:\n  - name: Jo\n    ring: 2\n",
        );
        let yaml = answers.to_yaml();
        let body: Vec<&str> = yaml.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(body[0], "version: 1  # version of this file; leave it at 1");
        assert!(body[2].starts_with("contacts:"), "{yaml}");
        assert!(body[3].starts_with("  - name: \"Jo\""), "{yaml}");
        assert!(body[4].starts_with("    ring: 2"), "{yaml}");
        assert!(body[6].starts_with("  actions:"), "{yaml}");
        assert!(body[7].starts_with("    - what: \"Mail Jo\""), "{yaml}");
        assert!(body[8].starts_with("      done: true"), "{yaml}");
        assert!(body[9].starts_with("  follow_up: \"Call\""), "{yaml}");
    }
}
