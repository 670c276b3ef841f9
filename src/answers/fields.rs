//! What kind of value each field of the answers holds, read once from the answers' JSON
//! Schema, which is made from the types. What walks the answers (trimming the texts,
//! finding the texts a font must cover, typing a spreadsheet's cells) asks here, so that a
//! field added to the types is walked without being listed anywhere else.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::de::{self, DeserializeSeed};
use serde_json::{Map, Value};

use super::Answers;

/// The kind of value a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// Text the participant wrote (an answer, a name, a word).
    Text,
    /// A date, yyyy-mm-dd.
    Date,
    /// One of a fixed set of words (a kind, a reason, a language).
    Choice,
    /// A whole number (the version, a ring).
    Number,
    /// Yes or no.
    YesNo,
    /// A group of fields.
    Group,
    /// A list of values of one kind.
    List(Box<Field>),
}

/// `contacts.3.kind` → `contacts.kind`: a field's path without its list numbers.
pub fn pattern(path: &str) -> String {
    path.split('.').filter(|s| s.parse::<u64>().is_err()).collect::<Vec<_>>().join(".")
}

/// The kind of the field at `pattern`, a dotted path without list numbers
/// (`contacts.kind`, `sustain.actions.when`); `None` when the answers have no such field.
pub fn field(pattern: &str) -> Option<&'static Field> {
    fields().get(pattern)
}

/// The values of the fixed list at `pattern` (a choice, or a list of choices), in the
/// order the types declare them, which is the poster's; empty for any other field.
pub fn choices(pattern: &str) -> &'static [String] {
    static CHOICES: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    let all = CHOICES.get_or_init(|| {
        let schema = schema();
        let mut kinds = HashMap::new();
        let mut out = HashMap::new();
        collect(&schema, &schema, "", &mut kinds, &mut out);
        out
    });
    all.get(pattern).map_or(&[], Vec::as_slice)
}

/// Every field of the answers by its pattern, from the schema.
fn fields() -> &'static HashMap<String, Field> {
    static FIELDS: OnceLock<HashMap<String, Field>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let schema = schema();
        let mut out = HashMap::new();
        collect(&schema, &schema, "", &mut out, &mut HashMap::new());
        out
    })
}

fn schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    generator.into_root_schema_for::<Answers>().to_value()
}

/// The values of a fixed list, in order: an `enum`, or a `oneOf` of `const`s.
fn values_of(root: &Value, node: &Value) -> Vec<String> {
    let node = resolve(root, node);
    let node = node.get("items").map_or(node, |items| resolve(root, items));
    let strings = |list: &Value| -> Vec<String> {
        list.as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.get("const").unwrap_or(v).as_str().map(str::to_string))
            .collect()
    };
    match (node.get("enum"), node.get("oneOf")) {
        (Some(list), _) | (None, Some(list)) => strings(list),
        _ => Vec::new(),
    }
}

/// Adds the fields under `node` (at `pattern`) to `out`.
fn collect(
    root: &Value,
    node: &Value,
    pattern: &str,
    out: &mut HashMap<String, Field>,
    choices: &mut HashMap<String, Vec<String>>,
) {
    let node = resolve(root, node);
    let node = match node.get("items") {
        Some(items) => resolve(root, items),
        None => node,
    };
    let Some(properties) = node.get("properties").and_then(Value::as_object) else { return };
    for (key, child) in properties {
        let path = if pattern.is_empty() { key.clone() } else { format!("{pattern}.{key}") };
        out.insert(path.clone(), classify(root, child));
        let values = values_of(root, child);
        if !values.is_empty() {
            choices.insert(path.clone(), values);
        }
        collect(root, child, &path, out, choices);
    }
}

/// The schema a `$ref` points to, and the one branch of an `anyOf` that is not `null`
/// (how the schema says that a field may be absent).
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    if let Some(name) = node.get("$ref").and_then(Value::as_str)
        && let Some(target) =
            name.strip_prefix("#/definitions/").and_then(|n| root.get("definitions")?.get(n))
    {
        return resolve(root, target);
    }
    if let Some(branches) = node.get("anyOf").and_then(Value::as_array) {
        let mut real = branches.iter().filter(|b| b.get("type") != Some(&Value::from("null")));
        if let (Some(one), None) = (real.next(), real.next()) {
            return resolve(root, one);
        }
    }
    node
}

fn classify(root: &Value, node: &Value) -> Field {
    let node = resolve(root, node);
    let types: Vec<&str> = match node.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let is = |t: &str| types.contains(&t);
    if is("array") {
        let items = node.get("items").map_or(Field::Text, |i| classify(root, i));
        Field::List(Box::new(items))
    } else if is("object") || node.get("properties").is_some() {
        Field::Group
    } else if is("integer") || is("number") {
        Field::Number
    } else if is("boolean") {
        Field::YesNo
    } else if node.get("enum").is_some()
        || node.get("oneOf").is_some()
        || node.get("const").is_some()
    {
        Field::Choice
    } else if node.get("format").and_then(Value::as_str) == Some("date") {
        Field::Date
    } else {
        Field::Text
    }
}

/// Every text in `json` (the answers as the templates read them) with its dotted path,
/// lists counted from 1, in the order of the fields: the strings of the JSON, read as they
/// come, where the schema says that the field holds text.
pub(super) fn texts(json: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let walk = Walk { path: Vec::new(), out: &mut out };
    let mut reader = serde_json::Deserializer::from_str(json);
    walk.deserialize(&mut reader).expect("the answers' own JSON reads back");
    out
}

/// Reads JSON in the order it is written, keeping the texts with their paths.
struct Walk<'a> {
    path: Vec<String>,
    out: &'a mut Vec<(String, String)>,
}

impl Walk<'_> {
    fn at(&mut self, segment: String) -> Walk<'_> {
        let mut path = self.path.clone();
        path.push(segment);
        Walk { path, out: self.out }
    }
}

impl<'de> de::DeserializeSeed<'de> for Walk<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("the answers as JSON")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        let names: Vec<&str> =
            self.path.iter().map(String::as_str).filter(|s| s.parse::<u64>().is_err()).collect();
        let text = match field(&names.join(".")) {
            Some(Field::Text) => true,
            Some(Field::List(item)) => **item == Field::Text,
            _ => false,
        };
        if text {
            self.out.push((self.path.join("."), v.to_string()));
        }
        Ok(())
    }

    fn visit_map<A: de::MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            map.next_value_seed(self.at(key))?;
        }
        Ok(())
    }

    fn visit_seq<A: de::SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut number = 0;
        loop {
            number += 1;
            if seq.next_element_seed(self.at(number.to_string()))?.is_none() {
                return Ok(());
            }
        }
    }

    // Numbers, yes/no and absent values hold no text.
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Trims every text of `answers` (their serialised form) and leaves out the texts that are
/// only white space, from their group or their list; a list of texts left empty goes too.
/// Whether anything changed.
pub(super) fn normalise(answers: &mut Value) -> bool {
    fn group(map: &mut Map<String, Value>, pattern: &str) -> bool {
        let mut changed = false;
        let keys: Vec<String> = map.keys().cloned().collect();
        for key in keys {
            let pattern = join(pattern, &key);
            let value = map.get_mut(&key).expect("a key of this map");
            let keep = match (field(&pattern), value) {
                (Some(Field::Text), Value::String(s)) => trim(s, &mut changed),
                (Some(Field::List(item)), Value::Array(items)) if **item == Field::Text => {
                    let before = items.len();
                    items.retain_mut(|item| match item {
                        Value::String(s) => trim(s, &mut changed),
                        _ => true,
                    });
                    changed |= items.len() != before;
                    !items.is_empty()
                }
                (_, Value::Array(items)) => {
                    for item in items.iter_mut() {
                        if let Value::Object(m) = item {
                            changed |= group(m, &pattern);
                        }
                    }
                    true
                }
                (_, Value::Object(m)) => {
                    changed |= group(m, &pattern);
                    true
                }
                _ => true,
            };
            if !keep {
                map.remove(&key);
                changed = true;
            }
        }
        changed
    }
    match answers {
        Value::Object(map) => group(map, ""),
        _ => false,
    }
}

/// Trims `s`; false when nothing is left of it.
fn trim(s: &mut String, changed: &mut bool) -> bool {
    let trimmed = s.trim();
    if trimmed.len() != s.len() {
        *s = trimmed.to_string();
        *changed = true;
    }
    !s.is_empty()
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fields_come_from_the_schema() {
        assert_eq!(field("person.name"), Some(&Field::Text));
        assert_eq!(field("person.date"), Some(&Field::Date));
        assert_eq!(field("lang"), Some(&Field::Choice));
        assert_eq!(field("version"), Some(&Field::Number));
        assert_eq!(field("contacts"), Some(&Field::List(Box::new(Field::Group))));
        assert_eq!(field("contacts.name"), Some(&Field::Text));
        assert_eq!(field("contacts.ring"), Some(&Field::Number));
        assert_eq!(field("contacts.kind"), Some(&Field::Choice));
        assert_eq!(field("what.associations"), Some(&Field::List(Box::new(Field::Text))));
        assert_eq!(field("why.reasons"), Some(&Field::List(Box::new(Field::Choice))));
        assert_eq!(field("sustain.actions.done"), Some(&Field::YesNo));
        assert_eq!(field("sustain.actions.when"), Some(&Field::Date));
        assert_eq!(field("levels.organisation.needs"), Some(&Field::Text));
        assert_eq!(field("levels"), Some(&Field::Group));
        assert_eq!(field("person.nmae"), None);
    }
}
