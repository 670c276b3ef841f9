//! A spreadsheet row's values as a tree of groups and numbered list items, before the
//! lists are made (numbers left empty by the row are skipped) and the row becomes JSON.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::messages::Text;

/// The data of a row as a tree, before lists are made of numbered items.
pub(super) enum Node {
    Leaf(Value),
    Map(Vec<(String, Node)>),
    List(BTreeMap<u64, Node>),
}

impl Node {
    pub(super) fn insert(&mut self, segments: &[String], value: Value) -> Result<(), Text> {
        let Some((first, rest)) = segments.split_first() else {
            return match self {
                Node::Map(m) if m.is_empty() => {
                    *self = Node::Leaf(value);
                    Ok(())
                }
                _ => Err(Text::new("sheet.field_and_part")),
            };
        };
        let number = first.parse::<u64>().ok();
        if let Node::Map(m) = self
            && m.is_empty()
            && number.is_some()
        {
            *self = Node::List(BTreeMap::new());
        }
        let clash = || Text::new("sheet.number_and_name").arg("part", first);
        let child = match (self, number) {
            (Node::List(items), Some(n)) => items.entry(n).or_insert_with(|| Node::Map(Vec::new())),
            (Node::Map(m), None) => {
                if let Some(i) = m.iter().position(|(k, _)| k == first) {
                    &mut m[i].1
                } else {
                    m.push((first.clone(), Node::Map(Vec::new())));
                    &mut m.last_mut().expect("just pushed").1
                }
            }
            (Node::Leaf(_), _) => {
                return Err(Text::new("sheet.field_and_part"));
            }
            _ => return Err(clash()),
        };
        child.insert(rest, value)
    }

    /// The JSON value; `renames` collects (new path, old path) for list items whose number
    /// changed.
    pub(super) fn to_json(
        &self,
        new: &mut Vec<String>,
        renames: &mut Vec<(String, String)>,
    ) -> Value {
        match self {
            Node::Leaf(v) => v.clone(),
            Node::Map(m) => {
                let mut map = serde_json::Map::new();
                for (k, child) in m {
                    new.push(k.clone());
                    map.insert(k.clone(), child.to_json(new, renames));
                    new.pop();
                }
                Value::Object(map)
            }
            Node::List(items) => {
                let mut list = Vec::new();
                for (i, (old, child)) in items.iter().enumerate() {
                    let position = (i + 1).to_string();
                    let base = new.join(".");
                    let prefix = if base.is_empty() { String::new() } else { format!("{base}.") };
                    renames.push((format!("{prefix}{position}"), format!("{prefix}{old}")));
                    new.push(position);
                    list.push(child.to_json(new, renames));
                    new.pop();
                }
                Value::Array(list)
            }
        }
    }
}
