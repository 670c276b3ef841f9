//! Step one of reading answers: every source (an answers file, a spreadsheet row, the
//! browser's fields, a workshop's sending, an event file) becomes one tree of values, each
//! with its origin (line and column; row and cell; the form's field). Step two, the
//! checker (`answers::checker`), turns a tree into typed answers and names every problem at
//! its origin. The tree knows no schema: a cell's text and a YAML scalar are both text here.

pub mod yaml;

use crate::messages::Message;
use crate::problem::Problem;

/// Where a value came from, as its source names places.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Origin {
    /// A line and column of a text (both one-based).
    Text {
        /// The line.
        line: u64,
        /// The column.
        column: u64,
    },
    /// A spreadsheet cell: its row as the spreadsheet numbers it, and its column (from 0).
    Cell {
        /// The row.
        row: u64,
        /// The column.
        column: u32,
    },
    /// Added by the reader, not written by anyone (a spreadsheet row's version).
    #[default]
    Added,
}

impl Origin {
    /// The line and column, for origins in a text.
    pub fn line_column(&self) -> Option<(u64, u64)> {
        match self {
            Origin::Text { line, column } => Some((*line, *column)),
            _ => None,
        }
    }
}

/// A problem at its origin, with the dotted path of its field in the source's own
/// numbering (`contacts.3.kind`; empty for the answers as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// What is wrong.
    pub problem: Problem,
    /// Where it was written.
    pub at: Origin,
    /// The field.
    pub field: String,
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where it was written: for a group or a list, where it starts.
    pub at: Origin,
}

/// A value as written, before it is read as a field of the answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing written: `key:` with no value, `~`, an empty cell.
    Nothing,
    /// One value as written. `plain`: without quotes, so that `12` and `true` may be read as
    /// a number and yes.
    Scalar {
        /// The text.
        text: String,
        /// Written without quotes.
        plain: bool,
    },
    /// A list: each item with its number as the source counts it (a spreadsheet may leave
    /// numbers out; a message names the item by the source's number).
    List(Vec<(u64, Node)>),
    /// Keys and values, in the order written, a key written twice kept twice (the checker
    /// names the second).
    Map(Vec<Entry>),
}

/// A key and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key as written.
    pub key: String,
    /// Where the key is written.
    pub key_at: Origin,
    /// Its value.
    pub node: Node,
}

impl Node {
    /// A value at an origin.
    pub fn new(value: Value, at: Origin) -> Self {
        Node { value, at }
    }

    /// Text as a cell or a form's field gives it: never a number or yes by its looks, as
    /// the field it is read into decides.
    pub fn text(text: impl Into<String>, at: Origin) -> Self {
        Node::new(Value::Scalar { text: text.into(), plain: true }, at)
    }

    /// An empty group, to insert into.
    pub fn group(at: Origin) -> Self {
        Node::new(Value::Map(Vec::new()), at)
    }

    /// The value at `key` of a group.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key).map(|e| &e.node),
            _ => None,
        }
    }

    /// Puts `leaf` at a dotted path (`contacts.3.kind` as segments), making the groups and
    /// numbered list items on the way; a group or a list starts where its first value
    /// was written. A path that names a value and a part of it, or a list item and a key
    /// at one place, is refused with what is wrong.
    pub fn insert(&mut self, segments: &[String], leaf: Node) -> Result<(), Message> {
        let Some((first, rest)) = segments.split_first() else {
            return match &self.value {
                Value::Map(m) if m.is_empty() => {
                    *self = leaf;
                    Ok(())
                }
                _ => Err(Message::new("sheet.field_and_part")),
            };
        };
        if matches!(&self.value, Value::Map(m) if m.is_empty()) && self.at == Origin::Added {
            self.at = leaf.at.clone();
        }
        let number = first.parse::<u64>().ok();
        if let (Value::Map(m), Some(_)) = (&self.value, number)
            && m.is_empty()
        {
            self.value = Value::List(Vec::new());
        }
        let at = leaf.at.clone();
        let child = match (&mut self.value, number) {
            (Value::List(items), Some(n)) => {
                let i = match items.binary_search_by_key(&n, |(k, _)| *k) {
                    Ok(i) => i,
                    Err(i) => {
                        items.insert(i, (n, Node::group(at)));
                        i
                    }
                };
                &mut items[i].1
            }
            (Value::Map(m), None) => match m.iter().position(|e| &e.key == first) {
                Some(i) => &mut m[i].node,
                None => {
                    m.push(Entry { key: first.clone(), key_at: at.clone(), node: Node::group(at) });
                    &mut m.last_mut().expect("just pushed").node
                }
            },
            (Value::Scalar { .. } | Value::Nothing, _) => {
                return Err(Message::new("sheet.field_and_part"));
            }
            _ => return Err(Message::new("sheet.number_and_name").arg("part", first)),
        };
        child.insert(rest, leaf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(path: &str) -> Vec<String> {
        path.split('.').map(str::to_string).collect()
    }

    #[test]
    fn a_rows_cells_become_groups_and_numbered_items_in_order() {
        let mut row = Node::group(Origin::Added);
        let cell = |column| Origin::Cell { row: 2, column };
        row.insert(&segments("contacts.3.name"), Node::text("Mira", cell(4))).unwrap();
        row.insert(&segments("contacts.1.name"), Node::text("Luc", cell(2))).unwrap();
        row.insert(&segments("contacts.1.kind"), Node::text("buurman", cell(3))).unwrap();
        let Value::List(items) = &row.get("contacts").unwrap().value else { panic!("a list") };
        let numbers: Vec<u64> = items.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [1, 3], "the row's own numbers, in order");
        assert_eq!(items[0].1.at, cell(2), "a contact starts at its first cell");
        assert_eq!(items[1].1.get("name").unwrap().at, cell(4));
        assert_eq!(row.at, cell(4), "the row starts at the first cell inserted");
    }

    #[test]
    fn a_value_and_a_part_of_it_clash() {
        let mut row = Node::group(Origin::Added);
        row.insert(&segments("person"), Node::text("An", Origin::Added)).unwrap();
        let clash = row.insert(&segments("person.name"), Node::text("An", Origin::Added));
        assert_eq!(clash.unwrap_err().key(), "sheet.field_and_part");
        let mut row = Node::group(Origin::Added);
        row.insert(&segments("contacts.1.name"), Node::text("A", Origin::Added)).unwrap();
        let clash = row.insert(&segments("contacts.name"), Node::text("A", Origin::Added));
        assert_eq!(clash.unwrap_err().key(), "sheet.number_and_name");
    }
}
