//! Step two of reading answers: a tree of values (`crate::tree`), from whatever source,
//! read into [`Answers`] in one pass that finds **every** problem, each typed
//! ([`Problem`]) and at its origin. The fields, their kinds, the keys a group must have and
//! the limits of the lists all come from the schema that the types make (`fields`), so a
//! field added to the types is checked without being listed here.
//!
//! Values are read as people write them: a fixed-list value by its key, by the poster's
//! word for it in either language, singular or plural, or by an everyday word of the
//! language files ("buurman" for Buurtbewoners); a ring by its number or name; yes and no
//! in either language. Texts are trimmed, and texts of only white space count as absent.

use serde_json::{Map, Value as Json};

use super::fields::{self, Field};
use super::{Answers, Date, SCHEMA_VERSION};
use crate::labels::{self, yes_no};
use crate::lang::Lang;
use crate::limits::MAX_TEXT_CHARS;
use crate::problem::{Found, Problem, ValueKind};
pub use crate::tree::Placed;
use crate::tree::{Node, Origin, Value};

/// What a tree says: the answers when it has no problem, every problem, and the language
/// the answers are written for (to word the problems in), when they say it.
#[derive(Debug)]
pub struct Checked {
    /// The answers, when there is no problem.
    pub answers: Option<Answers>,
    /// Every problem, in the order of the tree.
    pub problems: Vec<Placed>,
    /// The answers' language, read even when something else is wrong.
    pub lang: Option<Lang>,
}

/// Checks the answers in `tree`. `needs_version`: the tree is an answers file, which says
/// its version; a spreadsheet row or the browser's fields are of this netkaart's version.
pub fn check(tree: &Node, needs_version: bool) -> Checked {
    let mut checker = Checker { problems: Vec::new(), needs_version };
    let root = checker.group(tree, "", "");
    let lang =
        root.as_ref().and_then(|r| r.get("lang")).and_then(Json::as_str).and_then(Lang::from_code);
    let answers = match root {
        Some(mut root) if checker.problems.is_empty() => {
            root.entry("version").or_insert(Json::from(SCHEMA_VERSION));
            let answers = serde_json::from_value(Json::Object(root))
                .expect("checked answers read as answers");
            Some(answers)
        }
        _ => None,
    };
    Checked { answers, problems: checker.problems, lang }
}

struct Checker {
    problems: Vec<Placed>,
    needs_version: bool,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

/// What a value that is not of the field's kind is, in words.
pub(crate) fn found(value: &Value) -> Found {
    match value {
        Value::Nothing => Found::Nothing,
        Value::List(_) => Found::List,
        Value::Map(_) => Found::Group,
        Value::Scalar { text, plain: true } if text == "true" || text == "false" => Found::YesNo,
        Value::Scalar { text, plain: true }
            if text.parse::<i64>().is_ok() || text.parse::<f64>().is_ok() =>
        {
            Found::Number(text.clone())
        }
        Value::Scalar { text, .. } => Found::Text(text.clone()),
    }
}

fn kind_of(field: &Field) -> ValueKind {
    match field {
        Field::Number => ValueKind::Number,
        Field::YesNo => ValueKind::YesNo,
        Field::Group => ValueKind::Group,
        Field::List(_) => ValueKind::List,
        Field::Text | Field::Date | Field::Choice => ValueKind::Text,
    }
}

impl Checker {
    fn say(&mut self, problem: Problem, at: &Origin, field: &str) {
        self.problems.push(Placed { problem, at: at.clone(), field: field.to_string() });
    }

    fn wrong_kind(&mut self, expected: ValueKind, node: &Node, path: &str) {
        self.say(Problem::WrongKind { expected, found: found(&node.value) }, &node.at, path);
    }

    /// A group of fields: each key read as its field, unknown and repeated keys named, the
    /// keys it must have asked for. `None` when nothing is written.
    fn group(&mut self, node: &Node, pattern: &str, path: &str) -> Option<Map<String, Json>> {
        let entries = match &node.value {
            Value::Map(entries) => entries,
            Value::Nothing => return None,
            _ => {
                self.wrong_kind(ValueKind::Group, node, path);
                return None;
            }
        };
        let mut out = Map::new();
        let mut seen: Vec<&str> = Vec::new();
        for entry in entries {
            if seen.contains(&entry.key.as_str()) {
                self.say(Problem::KeyTwice { key: entry.key.clone() }, &entry.key_at, path);
                continue;
            }
            seen.push(&entry.key);
            let pattern = join(pattern, &entry.key);
            if fields::field(&pattern).is_none() {
                let expected = fields::keys(pattern.rsplit_once('.').map_or("", |(p, _)| p));
                let problem =
                    Problem::UnknownKey { key: entry.key.clone(), expected: expected.to_vec() };
                self.say(problem, &entry.key_at, path);
                continue;
            }
            if let Some(value) = self.value(&entry.node, &pattern, &join(path, &entry.key)) {
                out.insert(entry.key.clone(), value);
            }
        }
        for key in fields::required(pattern) {
            let optional = key == "version" && !self.needs_version;
            if !seen.contains(&key.as_str()) && !optional {
                self.say(Problem::MissingKey { key: key.clone() }, &node.at, path);
            }
        }
        Some(out)
    }

    /// The value of the field at `pattern`; `None` when it is absent (or wrong).
    fn value(&mut self, node: &Node, pattern: &str, path: &str) -> Option<Json> {
        match fields::field(pattern)? {
            Field::Group => self.group(node, pattern, path).map(Json::Object),
            Field::List(item) => self.list(node, pattern, item, path),
            field => self.one(node, pattern, field, path),
        }
    }

    /// A list: each item read as its kind, up to the list's limit; texts left empty go,
    /// and a list of texts left with none goes too.
    fn list(&mut self, node: &Node, pattern: &str, item: &Field, path: &str) -> Option<Json> {
        let items = match &node.value {
            Value::List(items) => items,
            Value::Nothing => return None,
            _ => {
                self.wrong_kind(ValueKind::List, node, path);
                return None;
            }
        };
        let limit = fields::max_items(pattern);
        let mut out = Vec::new();
        for (i, (number, item_node)) in items.iter().enumerate() {
            if let Some(limit) = limit.filter(|l| i == *l) {
                let problem = Problem::TooMany { pattern: pattern.to_string(), limit };
                self.say(problem, &item_node.at, path);
                break;
            }
            let item_path = join(path, &number.to_string());
            let value = match item {
                Field::Group if item_node.value == Value::Nothing => {
                    self.wrong_kind(ValueKind::Group, item_node, &item_path);
                    None
                }
                Field::Group => self.group(item_node, pattern, &item_path).map(Json::Object),
                field => self.one(item_node, pattern, field, &item_path),
            };
            out.extend(value);
        }
        if out.is_empty() && *item == Field::Text {
            return None;
        }
        Some(Json::Array(out))
    }

    /// One value: a text, a date, a fixed-list value, a number, yes or no.
    fn one(&mut self, node: &Node, pattern: &str, field: &Field, path: &str) -> Option<Json> {
        let text = match &node.value {
            Value::Scalar { text, .. } => text.as_str(),
            Value::Nothing if fields::not_empty(pattern) => {
                self.say(Problem::EmptyName, &node.at, path);
                return None;
            }
            Value::Nothing if pattern == "version" => {
                self.wrong_kind(ValueKind::Number, node, path);
                return None;
            }
            Value::Nothing => return None,
            Value::List(_) | Value::Map(_) => {
                self.wrong_kind(kind_of(field), node, path);
                return None;
            }
        };
        let refused = match field {
            Field::Text => match text_problem(text) {
                Some(problem) => problem,
                None => {
                    let text = text.trim();
                    if text.is_empty() && fields::not_empty(pattern) {
                        Problem::EmptyName
                    } else {
                        return (!text.is_empty()).then(|| Json::from(text));
                    }
                }
            },
            Field::Date => match Date::parse(text.trim()) {
                Ok(_) => return Some(Json::from(text.trim())),
                Err(problem) => problem,
            },
            Field::Choice => {
                let choices = fields::choices(pattern);
                let list = fields::list(pattern).expect("every fixed list has its row in lists");
                let key = match choices.iter().find(|c| *c == text) {
                    Some(key) => Some(key.clone()),
                    None => labels::key_of(list, text),
                };
                match key {
                    Some(key) => return Some(Json::from(key)),
                    None if text.trim().is_empty() => return None,
                    None => Problem::UnknownValue {
                        list,
                        value: text.to_string(),
                        nearest: labels::nearest(list, text),
                        choices: choices.to_vec(),
                    },
                }
            }
            Field::Number if pattern == "version" => match text.trim().parse::<u64>() {
                Ok(SCHEMA_VERSION) => return Some(Json::from(SCHEMA_VERSION)),
                Ok(_) => {
                    Problem::Version { found: text.trim().to_string(), supported: SCHEMA_VERSION }
                }
                Err(_) => {
                    Problem::WrongKind { expected: ValueKind::Number, found: found(&node.value) }
                }
            },
            Field::Number => match ring(text) {
                Some(n) => return Some(Json::from(n)),
                None => Problem::NoRing { text: text.to_string() },
            },
            Field::YesNo => match yes_no(text) {
                Some(b) => return Some(Json::Bool(b)),
                None if text.trim().is_empty() => return None,
                None => Problem::NotYesNo { text: text.to_string() },
            },
            Field::Group | Field::List(_) => {
                Problem::WrongKind { expected: kind_of(field), found: found(&node.value) }
            }
        };
        self.say(refused, &node.at, path);
        None
    }
}

/// What is wrong with a text as written: a control character (pasted from another
/// program; it prints as nothing or a box; line breaks and tabs are text), or its length.
pub(crate) fn text_problem(text: &str) -> Option<Problem> {
    if let Some((at, code)) =
        text.chars().enumerate().find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        return Some(Problem::Control { code, at: at + 1 });
    }
    // Counting stops just past the limit, so that a huge text costs no more than a short one.
    if text.chars().nth(MAX_TEXT_CHARS).is_some() {
        return Some(Problem::TextTooLong { count: text.chars().count() });
    }
    None
}

/// The number of a ring written as a number, as a text that starts with one ("2
/// Regelmatig") or as its name ("Kern", "Occasional"): 1 to 3. "2.5" is no ring.
fn ring(text: &str) -> Option<u8> {
    let trimmed = text.trim();
    let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
    let key = match trimmed[digits.len()..].chars().next() {
        // A ring's name starts with a letter; "-1" is no ring.
        _ if digits.is_empty() && !trimmed.starts_with(char::is_alphabetic) => return None,
        _ if digits.is_empty() => labels::key_of(&crate::lists::RING, trimmed)?,
        None => digits,
        Some(c) if c.is_whitespace() => digits,
        Some(_) => return None,
    };
    key.parse::<u8>().ok().filter(|n| (1..=3).contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::yaml;

    fn problems(text: &str) -> Vec<Placed> {
        check(&yaml::read(text).tree.unwrap(), true).problems
    }

    #[test]
    fn everyday_words_name_the_posters_kinds() {
        let text = "version: 1\ncontacts:\n- {name: A, kind: Sleutelfiguur}\n- {name: B, kind: buurman}\n- {name: C, kind: Collega}\n- {name: D, kind: key figure}\n";
        let checked = check(&yaml::read(text).tree.unwrap(), true);
        assert!(checked.problems.is_empty(), "{:?}", checked.problems);
        let kinds: Vec<_> =
            checked.answers.unwrap().contacts.unwrap().into_iter().map(|c| c.kind).collect();
        use super::super::Kind as K;
        assert_eq!(
            kinds,
            [Some(K::KeyFigure), Some(K::Neighbour), Some(K::Colleague), Some(K::KeyFigure)]
        );
    }

    #[test]
    fn every_problem_is_found_in_one_pass_at_its_place() {
        let found = problems(
            "version: 1\nlang: de\nperson:\n  nmae: An\ncontacts:\n  - name: Luc\n    ring: 7\n  - kind: buurman\n",
        );
        let places: Vec<_> = found.iter().map(|p| (p.at.line_column(), p.field.as_str())).collect();
        assert_eq!(
            places,
            [
                (Some((2, 7)), "lang"),
                (Some((4, 3)), "person"),
                (Some((7, 11)), "contacts.1.ring"),
                (Some((8, 5)), "contacts.2"),
            ]
        );
        assert_eq!(found[3].problem, Problem::MissingKey { key: "name".into() });
    }

    #[test]
    fn rings_by_number_or_name() {
        assert_eq!(ring("2 Regelmatig"), Some(2));
        assert_eq!(ring("Kern"), Some(1));
        assert_eq!(ring("2.5"), None);
        assert_eq!(ring("4"), None);
        assert_eq!(ring("-1"), None);
    }
}
