//! A YAML text as a tree, read from the YAML reader's own events so that every value keeps
//! its line and column. The budgets for nesting and aliases are kept before this runs
//! (`reading::prescan`): here an alias is the value it repeats.

use std::collections::HashMap;

use granit_parser::{Event, Parser, ScalarStyle};

use super::{Entry, Node, Origin, Value};
use crate::limits::MAX_DEPTH;
use crate::problem::{Cause, Problem};

/// What a YAML text holds: its first document as a tree (`None` when it holds nothing but
/// comments), and the problem that stopped the reading, if one did. After a syntax error
/// the tree holds what was read before it, its open groups and lists closed there.
#[derive(Debug)]
pub struct Read {
    /// The document, or as much of it as could be read.
    pub tree: Option<Node>,
    /// What stopped the reading, where.
    pub stopped: Option<(Problem, Origin)>,
    /// The dotted path of the field where the reading stopped (`person`), as far as it got.
    pub field: String,
    /// Where what was not read whole starts (line, column): the group or list being read
    /// at a syntax error, else the error itself. What stands before it, or is said of that
    /// group or list as a whole, is certain.
    pub whole_before: (u64, u64),
}

/// An open group or list while the events come, with its pending key.
enum Open {
    Map { at: Origin, entries: Vec<Entry>, key: Option<(String, Origin)>, anchor: usize },
    List { at: Origin, items: Vec<(u64, Node)>, anchor: usize },
}

/// Reads the first YAML document of `text` into a tree.
pub fn read(text: &str) -> Read {
    let options = granit_parser::options! {
        flow_nesting_limit: MAX_DEPTH,
        block_nesting_limit: MAX_DEPTH + 1,
    };
    let mut open: Vec<Open> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    let origin = |m: &granit_parser::Marker| Origin::Text {
        line: m.line() as u64,
        column: m.col() as u64 + 1,
    };
    for item in Parser::new_from_str_with_options(text, options) {
        let (event, span) = match item {
            Ok(item) => item,
            Err(err) => {
                let at = origin(err.marker());
                let start = |o: &Open| match o {
                    Open::Map { at, .. } | Open::List { at, .. } => at.line_column(),
                };
                let whole_before =
                    open.last().and_then(start).or(at.line_column()).unwrap_or((0, 0));
                let problem = syntax(text, &err, &at);
                let field = open_path(&open);
                let tree = close_all(&mut open).or(root);
                return Read { tree, stopped: Some(problem), field, whole_before };
            }
        };
        let at = origin(&span.start);
        let node = match event {
            // A second document is named where its first value stands.
            _ if documents > 1 => {
                let whole_before = at.line_column().unwrap_or((0, 0));
                let stopped = Some((Problem::SeveralDocuments, at));
                return Read { tree: root, stopped, field: String::new(), whole_before };
            }
            Event::DocumentStart(..) => {
                documents += 1;
                continue;
            }
            Event::MappingStart(_, anchor, _) => {
                open.push(Open::Map { at, entries: Vec::new(), key: None, anchor });
                continue;
            }
            Event::SequenceStart(_, anchor, _) => {
                open.push(Open::List { at, items: Vec::new(), anchor });
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => match open.pop() {
                Some(done) => {
                    let (node, anchor) = finish(done);
                    if anchor > 0 {
                        anchors.insert(anchor, node.clone());
                    }
                    node
                }
                None => continue,
            },
            Event::Scalar(text, style, anchor, _) => {
                let plain = style == ScalarStyle::Plain;
                let value = if plain && matches!(&*text, "" | "~" | "null" | "Null" | "NULL") {
                    Value::Nothing
                } else {
                    Value::Scalar { text: text.into_owned(), plain }
                };
                let node = Node::new(value, at);
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                node
            }
            Event::Alias(anchor) => match anchors.get(&anchor) {
                Some(node) => Node { value: node.value.clone(), at },
                None => Node::new(Value::Nothing, at),
            },
            _ => continue,
        };
        match open.last_mut() {
            Some(Open::Map { entries, key, .. }) => match key.take() {
                Some((key, key_at)) => entries.push(Entry { key, key_at, node }),
                None => *key = Some((key_text(&node), node.at)),
            },
            Some(Open::List { items, .. }) => items.push((items.len() as u64 + 1, node)),
            None => root = Some(node),
        }
    }
    let tree = root.filter(|r| r.value != Value::Nothing);
    Read { tree, stopped: None, field: String::new(), whole_before: (u64::MAX, 0) }
}

/// The path of the groups and lists open at a syntax error: each group's key whose value
/// was being read, each list's item.
fn open_path(open: &[Open]) -> String {
    let mut path = Vec::new();
    for (i, o) in open.iter().enumerate() {
        match o {
            // A key whose value was being read as a group or a list: the problem is in it.
            Open::Map { key: Some((key, _)), .. } if i + 1 < open.len() => path.push(key.clone()),
            Open::List { items, .. } if i + 1 < open.len() => {
                path.push((items.len() + 1).to_string());
            }
            _ => {}
        }
    }
    path.join(".")
}

/// A key as text: a scalar as written; anything else (a list as a key) as nothing that
/// names a field.
fn key_text(node: &Node) -> String {
    match &node.value {
        Value::Scalar { text, .. } => text.clone(),
        Value::Nothing => String::new(),
        _ => "?".into(),
    }
}

fn finish(open: Open) -> (Node, usize) {
    match open {
        Open::Map { at, entries, anchor, .. } => (Node::new(Value::Map(entries), at), anchor),
        Open::List { at, items, anchor } => (Node::new(Value::List(items), at), anchor),
    }
}

/// Closes every open group and list after a syntax error: the tree of what was read. A
/// key whose value was cut off stands for what was read of it, or is left out.
fn close_all(open: &mut Vec<Open>) -> Option<Node> {
    let mut done: Option<Node> = None;
    while let Some(mut top) = open.pop() {
        if let Some(child) = done.take() {
            match &mut top {
                Open::Map { entries, key: key @ Some(_), .. } => {
                    let (key, key_at) = key.take().expect("a pending key");
                    entries.push(Entry { key, key_at, node: child });
                }
                Open::List { items, .. } => items.push((items.len() as u64 + 1, child)),
                Open::Map { .. } => {}
            }
        }
        done = Some(finish(top).0);
    }
    done
}

/// The YAML reader's message as a problem, placed; a tab is pointed at where it stands,
/// which the reader often names a line early (where the text before it ends).
fn syntax(text: &str, err: &granit_parser::ScanError, at: &Origin) -> (Problem, Origin) {
    use granit_parser::ErrorKind as K;
    let cause = match err.kind() {
        K::TabNotAllowed
        | K::TabInBlockIndentation
        | K::TabInIndentation
        | K::TabAtBlockScalarStart
        | K::TabInPlainScalar => Cause::Tab,
        K::InvalidIndentation
        | K::MappingValueNotAllowed
        | K::ExpectedBlockMappingKey
        | K::SimpleKeyExpected
        | K::InvalidSimpleKey
        | K::BlockSequenceEntryNotAllowed
        | K::MappingKeyNotAllowed => Cause::Indentation,
        K::UnknownAnchor => return (Problem::UnknownAnchor, at.clone()),
        K::UnclosedFlowCollection { .. }
        | K::UnclosedQuotedScalar
        | K::UnexpectedEofFlowSequence
        | K::UnexpectedEofFlowMapping
        | K::UnexpectedEofImplicitFlowMapping
        | K::ExpectedFlowSequenceSeparator
        | K::ExpectedFlowMappingSeparator => Cause::Unclosed,
        _ => Cause::Other,
    };
    if cause == Cause::Tab {
        let from = at.line_column().map_or(1, |(l, _)| l.max(1)) as usize;
        let tab = text.lines().enumerate().skip(from - 1).find_map(|(i, l)| {
            let c = l.find('\t')?;
            let column = l[..c].chars().count() as u64 + 1;
            Some((i as u64 + 1, column, l[..c].trim().is_empty()))
        });
        if let Some((line, column, leading)) = tab {
            let problem = if leading { Problem::TabIndent } else { Problem::Tab };
            return (problem, Origin::Text { line, column });
        }
    }
    (Problem::Syntax { text: first_line(&err.info()), cause }, at.clone())
}

/// The first line of the reader's message, starting in lower case.
fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or(s).trim();
    let mut chars = line.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_keeps_its_line_and_column() {
        let read = read("version: 1\ncontacts:\n  - name: Luc\n    kind: buurman\n");
        let tree = read.tree.unwrap();
        assert!(read.stopped.is_none());
        let Value::List(items) = &tree.get("contacts").unwrap().value else { panic!("a list") };
        let kind = items[0].1.get("kind").unwrap();
        assert_eq!(kind.at, Origin::Text { line: 4, column: 11 });
        assert_eq!(kind.value, Value::Scalar { text: "buurman".into(), plain: true });
    }

    #[test]
    fn a_key_twice_is_kept_twice_and_quotes_are_remembered() {
        let tree = read("a: '1'\na: 2\nb:\n").tree.unwrap();
        let Value::Map(entries) = &tree.value else { panic!("a map") };
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].node.value, Value::Scalar { text: "1".into(), plain: false });
        assert_eq!(entries[2].node.value, Value::Nothing);
    }

    #[test]
    fn what_comes_before_a_syntax_error_is_read() {
        let read = read("version: 1\nlang: fr\nperson: [\n");
        let tree = read.tree.unwrap();
        assert!(tree.get("lang").is_some());
        assert!(matches!(read.stopped, Some((Problem::Syntax { .. }, _))));
    }

    #[test]
    fn an_alias_is_the_value_it_repeats_at_its_own_place() {
        let tree = read("a: &x hi\nb: *x\n").tree.unwrap();
        let b = tree.get("b").unwrap();
        assert_eq!(b.value, Value::Scalar { text: "hi".into(), plain: true });
        assert_eq!(b.at, Origin::Text { line: 2, column: 4 });
    }

    #[test]
    fn comments_only_is_nothing() {
        assert!(read("# just a comment\n").tree.is_none());
        assert!(read("").tree.is_none());
    }
}
