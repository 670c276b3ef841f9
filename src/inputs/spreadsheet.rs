//! Answers from a spreadsheet (CSV, XLSX, ODS): one row per participant, a header row of
//! dotted schema paths (`person.name`, `contacts.1.kind`, `sustain.actions.2.when`). Each row
//! becomes the same data an answers file gives and is checked by the same code, so a
//! mistake gets the same message, placed at its row and column.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::cells::{pattern, typed};
use super::{form_columns, labels};
use crate::answers::fields::{self, Field};
use crate::answers::{Answers, SCHEMA_VERSION};
use crate::clock::civil_from_epoch;
use crate::error::{Error, Result};
use crate::input_error::{Cell, InputError, column_name, innermost};
use crate::limits::MAX_INPUT_BYTES;
use crate::reading::{check_size, decode, deserialize_yaml};

/// One participant's row: where it is and what it says.
#[derive(Debug)]
pub struct Row {
    /// The row as the spreadsheet numbers it (the header is row 1).
    pub number: u64,
    /// The answers of the row, or what is wrong with them.
    pub answers: Result<Answers, Box<InputError>>,
}

/// A spreadsheet as read: its participants' rows, and the columns left out (those an
/// online form tool adds, and those the user asked to leave out), by their headers.
#[derive(Debug)]
pub struct Sheet {
    /// The rows, in order.
    pub rows: Vec<Row>,
    /// The headers of the columns that were not read.
    pub ignored: Vec<String>,
}

/// A spreadsheet's rows, or what is wrong with the spreadsheet as a whole (it cannot be
/// read, or columns name no field of the answers). The columns a form tool adds, and those
/// named in `ignore` (case, spaces and punctuation forgiven), are left out.
pub fn read(path: &Path, ignore: &[String]) -> Result<Sheet> {
    if let Ok(meta) = std::fs::metadata(path) {
        check_size(meta.len(), MAX_INPUT_BYTES, path)?;
    }
    let grid = match extension(path).as_str() {
        "csv" | "tsv" | "txt" => read_csv(path)?,
        _ => read_workbook(path)?,
    };
    rows(path, grid, ignore)
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

/// Whether a file is read as a spreadsheet, by its extension.
pub fn is_spreadsheet(path: &Path) -> bool {
    matches!(extension(path).as_str(), "csv" | "tsv" | "xlsx" | "xlsm" | "xls" | "ods")
}

/// Cells as text, with their row numbers and the index of their first column.
struct Grid {
    rows: Vec<(u64, Vec<String>)>,
    first_column: u32,
}

fn read_csv(path: &Path) -> Result<Grid> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.into(), source })?;
    let text = decode(&bytes, path).map_err(|err| match err {
        Error::Input(mut e) => {
            e.help = Some(
                "save it as “CSV UTF-8” (Excel) or choose the character set UTF-8 (LibreOffice)"
                    .into(),
            );
            Error::Input(e)
        }
        other => other,
    })?;
    // Excel in Dutch or French writes CSV with semicolons; the header row, which holds no
    // lists, tells which separator the file uses.
    let header = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|err| {
            let mut e = InputError::new(path, format!("the file is not valid CSV ({err})"));
            if let Some(pos) = err.position() {
                e.line = Some(pos.line());
            }
            Error::from(e)
        })?;
        rows.push((i as u64 + 1, record.iter().map(str::to_string).collect()));
    }
    Ok(Grid { rows, first_column: 0 })
}

fn read_workbook(path: &Path) -> Result<Grid> {
    use calamine::{Data, Reader};
    let not_readable = |reason: String| -> Error {
        InputError::new(path, format!("the spreadsheet cannot be read ({reason})"))
            .help("save it again as .xlsx, .ods or CSV UTF-8")
            .into()
    };
    if let Err(source) = std::fs::metadata(path) {
        return Err(Error::Read { path: path.into(), source });
    }
    let mut book = calamine::open_workbook_auto(path).map_err(|e| not_readable(e.to_string()))?;
    let range = match book.worksheet_range_at(0) {
        Some(range) => range.map_err(|e| not_readable(e.to_string()))?,
        None => return Err(not_readable("it has no sheets".into())),
    };
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let number = row0 as u64 + i as u64 + 1;
        let texts = cells
            .iter()
            .map(|cell| match cell {
                Data::Empty => String::new(),
                Data::String(s) => s.clone(),
                Data::Int(n) => n.to_string(),
                Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                Data::Float(f) => f.to_string(),
                Data::Bool(b) => b.to_string(),
                // A date cell counts days since 1899-12-30 (Excel's epoch).
                Data::DateTime(d) => excel_date(d.as_f64()),
                Data::DateTimeIso(s) => s.chars().take(10).collect(),
                Data::DurationIso(s) => s.clone(),
                Data::Error(e) => format!("\u{0}{e}"),
            })
            .collect();
        rows.push((number, texts));
    }
    Ok(Grid { rows, first_column: col0 })
}

/// An Excel date serial as yyyy-mm-dd.
fn excel_date(serial: f64) -> String {
    let days = serial.floor() as i64 - 25_569;
    let (y, m, d, ..) = civil_from_epoch(days * 86_400);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A column of the header: its index, its dotted path split at the dots.
struct Column {
    index: u32,
    header: String,
    segments: Vec<String>,
}

fn rows(path: &Path, grid: Grid, ignore: &[String]) -> Result<Sheet> {
    let mut lines =
        grid.rows.into_iter().filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let Some((header_row, header)) = lines.next() else {
        return Err(InputError::new(path, "the spreadsheet is empty")
            .help("the first row names the fields (person.name, why.statement, …) and each further row is one participant")
            .into());
    };
    let at = |column: u32, message: String, help: Option<String>| -> Error {
        let mut e = InputError::new(path, message);
        e.cell = Some(Cell { row: header_row, column });
        e.help = help;
        e.into()
    };
    let ignore: Vec<String> = ignore.iter().map(|n| labels::fold(n)).collect();
    let mut ignored = Vec::new();
    let mut columns: Vec<Column> = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let index = grid.first_column + i as u32;
        let name = name.trim().trim_start_matches('\u{feff}').trim();
        if name.is_empty() {
            continue;
        }
        let folded = labels::fold(name);
        if form_columns::is_form_column(&folded) || ignore.contains(&folded) {
            ignored.push(name.to_string());
            continue;
        }
        let segments: Vec<String> = name.split('.').map(|s| s.trim().to_string()).collect();
        if let Some(bad) = segments.iter().find(|s| s.parse::<u64>() == Ok(0) || s.is_empty()) {
            let what = if bad.is_empty() { "an empty part" } else { "the number 0" };
            return Err(at(
                index,
                format!("the column name '{name}' has {what}"),
                Some(
                    "numbers in column names count from 1: contacts.1.name, contacts.2.name, …"
                        .into(),
                ),
            ));
        }
        if let Some(other) = columns.iter().find(|c| c.header == name) {
            return Err(at(
                index,
                format!(
                    "the column '{name}' appears twice (also column {})",
                    column_name(other.index)
                ),
                Some("keep one of them".into()),
            ));
        }
        columns.push(Column { index, header: name.to_string(), segments });
    }
    // Each column on its own must name one value of the answers; those that do not are
    // named all at once, each with what is wrong and a suggestion.
    let mut unknown: Vec<(&Column, String, Option<String>)> = Vec::new();
    for column in &columns {
        let mut tree = Node::Map(Vec::new());
        if let Err(clash) = tree.insert(&column.segments, probe_value(&column.segments)) {
            return Err(at(column.index, clash, None));
        }
        let value = tree.to_json(&mut Vec::new(), &mut Vec::new());
        let text = with_version(value).to_string();
        if let Some((problem, help)) = shape_problem(&text) {
            unknown.push((column, problem, help));
        }
    }
    if let Some((first, ..)) = unknown.first() {
        let leave_out = "or leave it out with --ignore-column";
        let message = if let [(column, problem, _)] = unknown.as_slice() {
            format!("the column '{}' is not a field of the answers: {problem}", column.header)
        } else {
            let list: Vec<String> = unknown
                .iter()
                .map(|(c, problem, _)| {
                    format!("'{}' (column {}: {problem})", c.header, column_name(c.index))
                })
                .collect();
            format!("{} columns are not fields of the answers: {}", unknown.len(), list.join("; "))
        };
        let helps: Vec<String> = unknown
            .iter()
            .map(|(c, _, help)| match help {
                Some(help) => format!("'{}': {help}", c.header),
                None => format!("'{}': name the column after a field (person.name, contacts.1.kind, …; see the README)", c.header),
            })
            .collect();
        return Err(at(
            first.index,
            message,
            Some(format!("{}; {leave_out} '{}'", helps.join("; "), first.header)),
        ));
    }
    // And together they must not name a value and a part of it at once.
    let mut skeleton = Node::Map(Vec::new());
    for column in &columns {
        if skeleton.insert(&column.segments, Value::Null).is_err() {
            let other = columns
                .iter()
                .find(|c| {
                    c.header != column.header
                        && (c.header.starts_with(&format!("{}.", column.header))
                            || column.header.starts_with(&format!("{}.", c.header)))
                })
                .map_or(String::new(), |c| format!(" and the column '{}'", c.header));
            return Err(at(
                column.index,
                format!(
                    "the column '{}'{other} overlap: each column names one value",
                    column.header
                ),
                Some("keep the column with the full path, such as contacts.1.name".into()),
            ));
        }
    }

    let mut out = Vec::new();
    for (number, cells) in lines {
        out.push(Row {
            number,
            answers: row_answers(path, number, &columns, &cells, grid.first_column),
        });
    }
    Ok(Sheet { rows: out, ignored })
}

/// A value of the right kind for a column, to check the column's name alone.
fn probe_value(segments: &[String]) -> Value {
    match column_kind(segments) {
        Some(CellKind::List) => Value::Array(Vec::new()),
        Some(CellKind::Number) => Value::from(1),
        Some(CellKind::YesNo) => Value::Bool(true),
        None => Value::from("x"),
    }
}

/// How a cell is read, where it is not read as text.
enum CellKind {
    /// A list, its items separated by `;`.
    List,
    /// A whole number.
    Number,
    /// Yes or no.
    YesNo,
}

/// How the cells of a column are read, from the kind of its field in the answers' schema.
fn column_kind(segments: &[String]) -> Option<CellKind> {
    match fields::field(&pattern(segments))? {
        Field::List(item) if !matches!(**item, Field::Group) => Some(CellKind::List),
        Field::Number => Some(CellKind::Number),
        Field::YesNo => Some(CellKind::YesNo),
        _ => None,
    }
}

fn with_version(value: Value) -> Value {
    match value {
        Value::Object(mut map) => {
            if !map.contains_key("version") {
                map.insert("version".into(), Value::from(SCHEMA_VERSION));
            }
            Value::Object(map)
        }
        other => other,
    }
}

fn is_group(expected: &str) -> bool {
    expected.starts_with("struct") || expected.contains("sequence") || expected.contains("map")
}

fn group(field: &str, expected: &str) -> Option<(String, Option<String>)> {
    Some((
        format!(
            "'{field}' holds {}, not a single value",
            if expected.contains("sequence") { "a list" } else { "a group of fields" }
        ),
        Some("name one value inside it, such as person.name or contacts.1.name".into()),
    ))
}

/// For a spreadsheet column: when answers that hold only that column's value fail because
/// the path is wrong (an unknown key, or a group where one value belongs), what is wrong
/// and a suggestion. A value of the wrong kind is not the path's fault: `None`.
fn shape_problem(text: &str) -> Option<(String, Option<String>)> {
    use serde_saphyr::Error as E;
    let (err, field) = *deserialize_yaml::<Answers>(text).err()?;
    match innermost(&err) {
        E::SerdeUnknownField { .. } => {
            let e = InputError::from_yaml(Path::new(""), text, &field, &err);
            Some((e.message, e.help))
        }
        E::SerdeInvalidType { expected, .. } if is_group(expected) => group(&field, expected),
        E::Unexpected { expected, .. } if is_group(expected) => group(&field, expected),
        _ => None,
    }
}

/// The answers of one row.
fn row_answers(
    path: &Path,
    number: u64,
    columns: &[Column],
    cells: &[String],
    first_column: u32,
) -> Result<Answers, Box<InputError>> {
    let mut tree = Node::Map(Vec::new());
    let mut used: Vec<&Column> = Vec::new();
    for column in columns {
        let text =
            cells.get((column.index - first_column) as usize).map(|s| s.trim()).unwrap_or("");
        if text.is_empty() {
            continue;
        }
        let place = |message: String, help: Option<String>| {
            let mut e = InputError::new(path, message);
            e.cell = Some(Cell { row: number, column: column.index });
            e.field = Some(column.header.clone());
            e.help = help;
            Box::new(e)
        };
        if let Some(err) = text.strip_prefix('\u{0}') {
            return Err(place(
                format!("the cell holds the spreadsheet error {err}"),
                Some("fix the formula or type the value".into()),
            ));
        }
        let value = typed(&column.segments, text);
        tree.insert(&column.segments, value).map_err(|clash| place(clash, None))?;
        used.push(column);
    }
    if used.is_empty() {
        return Err(Box::new(InputError::new(path, "the row is empty")));
    }
    // Lists skip the numbers that a row leaves empty (contacts 1 and 3 become items 1
    // and 2), so every path in a message is turned back into the column it came from.
    let mut renames = Vec::new();
    let value = tree.to_json(&mut Vec::new(), &mut renames);
    let text = with_version(value).to_string();
    Answers::parse_text(&text, path).map_err(|mut e| {
        let field = e.field.clone().unwrap_or_default();
        let (column, header) = locate(&field, &renames, &used);
        // Name what the cell holds, unless the message does already.
        if let Some(c) = used.iter().find(|c| c.index == column)
            && let Some(text) = cells.get((c.index - first_column) as usize).map(|s| s.trim())
            && !e.message.contains(text)
            && !e.message.starts_with("missing key")
        {
            e.message.push_str(&format!(" (the cell holds '{text}')"));
        }
        e.line = None;
        e.column = None;
        e.snippet = None;
        e.cell = Some(Cell { row: number, column });
        if let Some(key) =
            e.message.strip_prefix("missing key '").and_then(|m| m.strip_suffix('\''))
        {
            e.help = Some(format!("fill in the column {header}.{key}"));
        }
        e.field = Some(header);
        e
    })
}

/// The column that a path of the data (with compacted list numbers) came from, and the
/// path in the column's own numbering.
fn locate(field: &str, renames: &[(String, String)], used: &[&Column]) -> (u32, String) {
    let old = rename_back(field, renames);
    // The column itself, a column under it (a contact's first filled cell), or the list
    // column an item belongs to (`why.reasons.2` is in `why.reasons`).
    let found = used
        .iter()
        .find(|c| c.header == old)
        .or_else(|| used.iter().find(|c| c.header.starts_with(&format!("{old}."))))
        .or_else(|| used.iter().find(|c| old.starts_with(&format!("{}.", c.header))));
    match found {
        Some(c) => (c.index, old),
        None => (used.first().map_or(0, |c| c.index), old),
    }
}

/// A path with compacted list numbers → the same path in the spreadsheet's numbering.
fn rename_back(field: &str, renames: &[(String, String)]) -> String {
    let mut best: Option<&(String, String)> = None;
    for pair in renames {
        let (new, _) = pair;
        if (field == new || field.starts_with(&format!("{new}.")))
            && best.is_none_or(|b| new.len() > b.0.len())
        {
            best = Some(pair);
        }
    }
    match best {
        Some((new, old)) => format!("{old}{}", &field[new.len()..]),
        None => field.to_string(),
    }
}

/// The data of a row as a tree, before lists are made of numbered items.
enum Node {
    Leaf(Value),
    Map(Vec<(String, Node)>),
    List(BTreeMap<u64, Node>),
}

impl Node {
    fn insert(&mut self, segments: &[String], value: Value) -> Result<(), String> {
        let Some((first, rest)) = segments.split_first() else {
            return match self {
                Node::Map(m) if m.is_empty() => {
                    *self = Node::Leaf(value);
                    Ok(())
                }
                _ => Err("a column names this field and another column a part of it".into()),
            };
        };
        let number = first.parse::<u64>().ok();
        if let Node::Map(m) = self
            && m.is_empty()
            && number.is_some()
        {
            *self = Node::List(BTreeMap::new());
        }
        let clash = || format!("'{first}' is used both as a list number and as a name");
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
                return Err("a column names this field and another column a part of it".into());
            }
            _ => return Err(clash()),
        };
        child.insert(rest, value)
    }

    /// The JSON value; `renames` collects (new path, old path) for list items whose number
    /// changed.
    fn to_json(&self, new: &mut Vec<String>, renames: &mut Vec<(String, String)>) -> Value {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_dates_count_from_1899() {
        assert_eq!(excel_date(46_359.0), "2026-12-03");
        assert_eq!(excel_date(1.0), "1899-12-31");
    }

    #[test]
    fn list_numbers_are_turned_back_into_the_columns_numbers() {
        let renames = vec![
            ("contacts.1".to_string(), "contacts.1".to_string()),
            ("contacts.2".to_string(), "contacts.3".to_string()),
        ];
        assert_eq!(rename_back("contacts.2.kind", &renames), "contacts.3.kind");
        assert_eq!(rename_back("why.reasons.2", &renames), "why.reasons.2");
    }
}
