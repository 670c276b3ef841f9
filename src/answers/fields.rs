//! What kind of value each field of the answers holds, read once from the answers' JSON
//! Schema, which is made from the types. What walks the answers (trimming the texts,
//! finding the texts a font must cover, typing a spreadsheet's cells) asks here, so that a
//! field added to the types is walked without being listed anywhere else.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::de::{self, DeserializeSeed};
use serde_json::Value;

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
    shape().fields.get(pattern)
}

/// The values of the fixed list at `pattern` (a choice, or a list of choices), in the
/// order the types declare them, which is the poster's; empty for any other field.
pub fn choices(pattern: &str) -> &'static [String] {
    shape().choices.get(pattern).map_or(&[], Vec::as_slice)
}

/// The keys of the group at `pattern` (`""` for the answers themselves), in the order of
/// the types.
pub fn keys(pattern: &str) -> &'static [String] {
    shape().keys.get(pattern).map_or(&[], Vec::as_slice)
}

/// The keys that the group at `pattern` must have (a contact's name, the version).
pub fn required(pattern: &str) -> &'static [String] {
    shape().required.get(pattern).map_or(&[], Vec::as_slice)
}

/// The most items the list at `pattern` takes, where the types set a limit.
pub fn max_items(pattern: &str) -> Option<usize> {
    shape().max_items.get(pattern).copied()
}

/// Whether the text at `pattern` may not be empty (a contact's name).
pub fn not_empty(pattern: &str) -> bool {
    shape().not_empty.contains(pattern)
}

/// The key of the comment of the field at `pattern` in the language files' `init`: its
/// path with underscores (`contacts.kind` → `contacts_kind`).
pub fn comment_key(pattern: &str) -> String {
    pattern.replace('.', "_")
}

/// The comment at `key` of the language file `words`' `init` (the starter file's, the
/// schema's descriptions), with the languages' codes where it names them (`{codes}`).
pub fn comment(words: &Value, key: &str) -> String {
    let codes: Vec<&str> = crate::lang::Lang::ALL.iter().map(|l| l.code()).collect();
    words["init"][key].as_str().unwrap_or_default().replace("{codes}", &codes.join(", "))
}

/// Every field's pattern, groups included, in the order the types declare them, which is
/// the poster's (`version`, `lang`, `person`, `person.name`, …, `contacts`,
/// `contacts.name`, …): the starter file's order, the form's and the messages'.
pub fn order() -> &'static [String] {
    static ORDER: OnceLock<Vec<String>> = OnceLock::new();
    ORDER.get_or_init(|| {
        // The schema's properties come sorted by name; the answers' own JSON keeps the
        // types' order. So: an example with every field, made from the schema, read into
        // the types and written out again.
        let schema = schema();
        let example = example(&schema, &schema);
        let answers: Answers =
            serde_json::from_value(example).expect("an example of every field reads");
        let json = serde_json::to_string(&answers).expect("answers always serialise");
        // JSON is YAML: the tree keeps the keys in the order written.
        let tree = crate::tree::yaml::read(&json).tree.expect("the answers' own JSON reads");
        let mut out = Vec::new();
        keys_in(&tree, "", &mut out);
        out
    })
}

/// The fields that hold a value (not a group), in the types' order: the questions of a
/// form.
pub fn values() -> impl Iterator<Item = &'static String> {
    order().iter().filter(|p| !matches!(field(p), Some(Field::Group)) && !is_list_of_groups(p))
}

/// Whether the field at `pattern` is a list of groups (the contacts, the actions).
pub fn is_list_of_groups(pattern: &str) -> bool {
    matches!(field(pattern), Some(Field::List(item)) if **item == Field::Group)
}

/// A value of every field under `node`: the first of a fixed list, a list of one item, a
/// group with all its keys.
fn example(root: &Value, node: &Value) -> Value {
    let node = resolve(root, node);
    if let Some(properties) = node.get("properties").and_then(Value::as_object) {
        let map = properties.iter().map(|(k, child)| (k.clone(), example(root, child)));
        return Value::Object(map.collect());
    }
    if let Some(items) = node.get("items") {
        return Value::Array(vec![example(root, items)]);
    }
    if let Some(value) = node.get("const") {
        return value.clone();
    }
    if let Some(first) = node.get("enum").or_else(|| node.get("oneOf")).and_then(|l| l.get(0)) {
        return first.get("const").unwrap_or(first).clone();
    }
    // A type, or a list of them with `null` for a field that may be absent.
    let types = node.get("type").map(|t| t.as_array().cloned().unwrap_or_else(|| vec![t.clone()]));
    let kind = types
        .into_iter()
        .flatten()
        .find_map(|t| t.as_str().filter(|t| *t != "null").map(str::to_string));
    match kind.as_deref() {
        Some("integer" | "number") => node.get("minimum").cloned().unwrap_or(Value::from(1)),
        Some("boolean") => Value::Bool(true),
        _ if node.get("format").and_then(Value::as_str) == Some("date") => {
            Value::from("2026-01-01")
        }
        _ => Value::from("x"),
    }
}

/// Adds the path of every key under `node` (at `path`) to `out`, once, without list
/// numbers, in the order written.
fn keys_in(node: &crate::tree::Node, path: &str, out: &mut Vec<String>) {
    use crate::tree::Value as Tree;
    match &node.value {
        Tree::Map(entries) => {
            for entry in entries {
                let key = &entry.key;
                let here = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                if !out.contains(&here) {
                    out.push(here.clone());
                }
                keys_in(&entry.node, &here, out);
            }
        }
        Tree::List(items) => items.iter().for_each(|(_, item)| keys_in(item, path, out)),
        Tree::Nothing | Tree::Scalar { .. } => {}
    }
}

/// The fixed list that the field at `pattern` takes its value or values from, found by the
/// type the schema names there (`contacts.kind` → `Kind`).
pub fn list(pattern: &str) -> Option<&'static crate::lists::FixedList> {
    crate::lists::by_type(shape().types.get(pattern)?)
}

/// What the schema says of every field, by its pattern.
#[derive(Default)]
struct Shape {
    fields: HashMap<String, Field>,
    choices: HashMap<String, Vec<String>>,
    keys: HashMap<String, Vec<String>>,
    required: HashMap<String, Vec<String>>,
    max_items: HashMap<String, usize>,
    not_empty: std::collections::HashSet<String>,
    /// The name of the type of a field's value, or of its items, where the schema names one.
    types: HashMap<String, String>,
}

fn shape() -> &'static Shape {
    static SHAPE: OnceLock<Shape> = OnceLock::new();
    SHAPE.get_or_init(|| {
        let schema = schema();
        let mut out = Shape::default();
        collect(&schema, &schema, "", &mut out);
        let order = order();
        for (pattern, keys) in &mut out.keys {
            let place = |key: &String| {
                let path =
                    if pattern.is_empty() { key.clone() } else { format!("{pattern}.{key}") };
                order.iter().position(|p| *p == path).unwrap_or(usize::MAX)
            };
            keys.sort_by_key(place);
        }
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

/// Adds the fields under `node` (the group or list of groups at `pattern`) to `out`.
fn collect(root: &Value, node: &Value, pattern: &str, out: &mut Shape) {
    let node = resolve(root, node);
    let node = match node.get("items") {
        Some(items) => resolve(root, items),
        None => node,
    };
    let Some(properties) = node.get("properties").and_then(Value::as_object) else { return };
    let strings = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|k| k.as_str().map(str::to_string))
            .collect()
    };
    // The schema's properties come sorted by name; a message lists them in the types'
    // order, put in at the end (`shape`).
    out.keys.insert(pattern.to_string(), properties.keys().cloned().collect());
    out.required.insert(pattern.to_string(), strings(node.get("required")));
    for (key, child) in properties {
        let path = if pattern.is_empty() { key.clone() } else { format!("{pattern}.{key}") };
        out.fields.insert(path.clone(), classify(root, child));
        let values = values_of(root, child);
        if !values.is_empty() {
            out.choices.insert(path.clone(), values);
        }
        let inner = resolve(root, child);
        if let Some(max) = inner.get("maxItems").and_then(Value::as_u64) {
            out.max_items.insert(path.clone(), max as usize);
        }
        if inner.get("minLength").and_then(Value::as_u64).is_some_and(|n| n > 0) {
            out.not_empty.insert(path.clone());
        }
        if let Some(name) = type_name(child) {
            out.types.insert(path.clone(), name);
        }
        collect(root, child, &path, out);
    }
}

/// The type a field refers to: directly, as a list's items, or as the one branch of an
/// optional field's `anyOf` (`#/definitions/Kind` → `Kind`); a type written inline names
/// itself in its `$comment` (`Ring`).
pub(super) fn type_name(node: &Value) -> Option<String> {
    let direct = |node: &Value| -> Option<String> {
        let r = node.get("$ref").or_else(|| node.get("items")?.get("$ref"))?.as_str()?;
        Some(r.strip_prefix("#/definitions/")?.to_string())
    };
    let inline = || Some(node.get("$comment")?.as_str()?.to_string());
    direct(node).or_else(|| node.get("anyOf")?.as_array()?.iter().find_map(direct)).or_else(inline)
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
