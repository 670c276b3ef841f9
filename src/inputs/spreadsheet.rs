//! Answers from a spreadsheet (CSV, XLSX, ODS): one row per participant, a header row of
//! dotted schema paths (`person.name`, `contacts.1.kind`, `sustain.actions.2.when`). Each row
//! becomes the same data an answers file gives and is checked by the same code, so a
//! mistake gets the same message, placed at its row and column.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use serde_json::Value;

use super::cells::{is_numeric_date, pattern, typed};
use super::grid::{self, Grid};
use super::tree::Node;
use super::{SheetOptions, form_columns};
use crate::answers::fields::{self, Field};
use crate::answers::{Answers, SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::form;
use crate::input_error::{Cell, InputError, column_name, innermost};
use crate::labels::{self, yes_no};
use crate::lang::Lang;
use crate::limits::MAX_INPUT_BYTES;
use crate::messages::Text;
use crate::reading::{check_size, deserialize_yaml};

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
/// named in `options.ignore` (case, spaces and punctuation forgiven), are left out.
pub fn read(path: &Path, options: &SheetOptions) -> Result<Sheet> {
    if let Ok(meta) = std::fs::metadata(path) {
        check_size(meta.len(), MAX_INPUT_BYTES, path)?;
    }
    let grid = match extension(path).as_str() {
        "csv" | "tsv" | "txt" => grid::read_csv(path)?,
        _ => grid::read_workbook(path)?,
    };
    rows(path, grid, options)
}

pub(super) fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

/// Whether a file is read as a spreadsheet, by its extension.
pub fn is_spreadsheet(path: &Path) -> bool {
    matches!(extension(path).as_str(), "csv" | "tsv" | "xlsx" | "xlsm" | "xls" | "ods")
}

/// The answers of one row given as (header, cell) pairs, as a web form sends its fields: read
/// exactly as a spreadsheet row is (keys or question titles, the poster's words, lists,
/// dates), with problems placed at the field. `origin` names the source in messages.
pub fn answers_from_fields(fields: &[(String, String)], origin: &Path) -> Result<Answers> {
    // Nothing filled in: the blank poster.
    if fields.iter().all(|(_, v)| v.trim().is_empty()) {
        return Ok(Answers::default());
    }
    let header = fields.iter().map(|(h, _)| h.clone()).collect();
    let row = fields.iter().map(|(_, v)| v.clone()).collect();
    let grid = Grid { rows: vec![(1, header), (2, row)], first_column: 0 };
    let sheet = rows(origin, grid, &SheetOptions::default())?;
    match sheet.rows.into_iter().next() {
        Some(row) => Ok(row.answers?),
        None => Ok(Answers::default()),
    }
}

/// A column of the header: its index, its dotted path split at the dots, and for a column
/// of one option of a list (`Ik wil netwerken om … [te leren van anderen]`, as LimeSurvey
/// exports check boxes), that option's key.
struct Column {
    index: u32,
    header: String,
    /// The dotted key it names (its header, or the key a title stands for).
    key: String,
    segments: Vec<String>,
    option: Option<String>,
}

/// The dotted key of a header and the option it stands for: the key itself, a header the
/// user mapped (`--columns`), a question title of `netkaart form` in either language, or
/// such a title followed by one option in brackets.
fn key_of_header(name: &str, options: &SheetOptions) -> (String, Option<String>) {
    let folded = labels::fold(name);
    if let Some((_, key)) =
        options.columns.iter().find(|(header, _)| labels::fold(header) == folded)
    {
        return (key.clone(), None);
    }
    // A dotted key, the common case, is read without the form's titles.
    let segments: Vec<String> = name.split('.').map(|s| s.trim().to_string()).collect();
    if fields::field(&pattern(&segments)).is_some() {
        return (name.to_string(), None);
    }
    if let Some(key) = form::key_of_title(name) {
        return (key.to_string(), None);
    }
    if let Some((title, option)) = name.strip_suffix(']').and_then(|n| n.rsplit_once('['))
        && let Some(key) = form::key_of_title(title)
    {
        let segments: Vec<String> = key.split('.').map(str::to_string).collect();
        if let Some(value) = labels::key_of(&pattern(&segments), option) {
            return (key.to_string(), Some(value));
        }
    }
    (name.to_string(), None)
}

fn rows(path: &Path, grid: Grid, options: &SheetOptions) -> Result<Sheet> {
    let mut lines =
        grid.rows.into_iter().filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let Some((header_row, header)) = lines.next() else {
        return Err(InputError::new(path, Text::new("sheet.empty"))
            .help(Text::new("sheet.empty_help"))
            .into());
    };
    let at = |column: u32, message: Text, help: Option<Text>| -> Error {
        let mut e = InputError::new(path, message);
        e.cell = Some(Cell { row: header_row, column });
        e.help = help;
        e.into()
    };
    let ignore: Vec<String> = options.ignore.iter().map(|n| labels::fold(n)).collect();
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
        let (key, option) = key_of_header(name, options);
        let segments: Vec<String> = key.split('.').map(|s| s.trim().to_string()).collect();
        if let Some(bad) = segments.iter().find(|s| s.parse::<u64>() == Ok(0) || s.is_empty()) {
            let key = if bad.is_empty() { "sheet.empty_part" } else { "sheet.number_zero" };
            return Err(at(
                index,
                Text::new(key).arg("name", name),
                Some(Text::new("sheet.count_from_one")),
            ));
        }
        if let Some(other) = columns.iter().find(|c| c.segments == segments && c.option == option) {
            return Err(at(
                index,
                Text::new("sheet.column_twice")
                    .arg("name", name)
                    .arg("other", column_name(other.index)),
                Some(Text::new("input.keep_one")),
            ));
        }
        columns.push(Column { index, header: name.to_string(), key, segments, option });
    }
    // Each column on its own must name one value of the answers; those that do not are
    // named all at once, each with what is wrong and a suggestion.
    let mut unknown: Vec<(&Column, Text, Option<Text>)> = Vec::new();
    for column in &columns {
        if column.option.is_some() {
            continue;
        }
        let mut tree = Node::Map(Vec::new());
        if let Err(clash) = tree.insert(&column.segments, probe_value(&column.segments)) {
            return Err(at(column.index, clash, None));
        }
        let value = tree.to_json(&mut Vec::new(), &mut Vec::new());
        let text = with_version(value).to_string();
        if let Some((problem, help)) = shape_problem_remembered(&text) {
            // A header that reads as a question rather than a key: the nearest question.
            let help = help.or_else(|| {
                form::closest_title(&column.header)
                    .map(|title| Text::new("input.did_you_mean").arg("best", title))
            });
            unknown.push((column, problem, help));
        }
    }
    if let Some((first, ..)) = unknown.first() {
        let message = if let [(column, problem, _)] = unknown.as_slice() {
            Text::new("sheet.unknown_column")
                .arg("name", &column.header)
                .with("problem", problem.clone())
        } else {
            let list = unknown
                .iter()
                .map(|(c, problem, _)| {
                    Text::new("sheet.unknown_item")
                        .arg("name", &c.header)
                        .arg("column", column_name(c.index))
                        .with("problem", problem.clone())
                })
                .collect();
            Text::new("sheet.unknown_columns").arg("count", unknown.len()).list("list", list, "; ")
        };
        let helps = unknown
            .iter()
            .map(|(c, _, help)| {
                let help = help.clone().unwrap_or_else(|| Text::new("sheet.name_after_field"));
                Text::new("sheet.help_item").arg("name", &c.header).with("help", help)
            })
            .collect();
        return Err(at(
            first.index,
            message,
            Some(
                Text::new("sheet.unknown_help")
                    .list("list", helps, "; ")
                    .arg("first", &first.header),
            ),
        ));
    }
    // And together they must not name a value and a part of it at once.
    let mut skeleton = Node::Map(Vec::new());
    for (i, column) in columns.iter().enumerate() {
        if columns[..i].iter().any(|c| c.segments == column.segments) {
            continue;
        }
        if skeleton.insert(&column.segments, Value::Null).is_err() {
            let other = columns
                .iter()
                .find(|c| {
                    c.key != column.key
                        && (c.key.starts_with(&format!("{}.", column.key))
                            || column.key.starts_with(&format!("{}.", c.key)))
                })
                .map_or(String::new(), |c| c.header.clone());
            let key = if other.is_empty() { "sheet.overlap_one" } else { "sheet.overlap" };
            return Err(at(
                column.index,
                Text::new(key).arg("name", &column.header).arg("other", other),
                Some(Text::new("sheet.overlap_help")),
            ));
        }
    }

    let mut out = Vec::new();
    for (number, cells) in lines {
        out.push(Row {
            number,
            answers: row_answers(path, number, &columns, &cells, grid.first_column, options),
        });
    }
    Ok(Sheet { rows: out, ignored })
}

/// A value of the right kind for a column, to check the column's name alone: "1" reads as
/// a number, a yes, a list of one item, or a text.
fn probe_value(segments: &[String]) -> Value {
    typed(segments, "1", super::DateOrder::Dmy)
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

fn group(field: &str, expected: &str) -> Option<(Text, Option<Text>)> {
    let key = if expected.contains("sequence") { "sheet.holds_list" } else { "sheet.holds_group" };
    Some((Text::new(key).arg("field", field), Some(Text::new("sheet.holds_help"))))
}

/// What [`shape_problem`] says, remembered by the probe's text: the form of `netkaart
/// serve` sends the same 150-odd headers with every preview, and reading each probe as
/// answers took 6 to 10 ms of the 50 that a preview may take. Bounded, as headers come from
/// files too.
fn shape_problem_remembered(text: &str) -> Option<(Text, Option<Text>)> {
    type Said = Option<(Text, Option<Text>)>;
    static SEEN: OnceLock<Mutex<HashMap<String, Said>>> = OnceLock::new();
    const MOST: usize = 10_000;
    let seen = SEEN.get_or_init(Default::default);
    if let Some(said) = seen.lock().unwrap_or_else(|e| e.into_inner()).get(text) {
        return said.clone();
    }
    let said = shape_problem(text);
    let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
    if seen.len() < MOST {
        seen.insert(text.to_string(), said.clone());
    }
    said
}

/// For a spreadsheet column: when answers that hold only that column's value fail because
/// the path is wrong (an unknown key, or a group where one value belongs), what is wrong
/// and a suggestion. A value of the wrong kind is not the path's fault: `None`.
fn shape_problem(text: &str) -> Option<(Text, Option<Text>)> {
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
    options: &SheetOptions,
) -> Result<Answers, Box<InputError>> {
    let mut tree = Node::Map(Vec::new());
    let mut used: Vec<&Column> = Vec::new();
    // The options ticked in columns of one option each, gathered per list.
    let mut ticked: Vec<(&Column, Vec<Value>)> = Vec::new();
    for column in columns {
        let text =
            cells.get((column.index - first_column) as usize).map(|s| s.trim()).unwrap_or("");
        if text.is_empty() {
            continue;
        }
        let place = |message: Text, help: Option<Text>| {
            let mut e = InputError::new(path, message);
            e.cell = Some(Cell { row: number, column: column.index });
            e.field = Some(column.key.clone());
            e.help = help;
            Box::new(e)
        };
        if let Some(err) = text.strip_prefix('\u{0}') {
            return Err(place(
                Text::new("sheet.cell_error").arg("error", err),
                Some(Text::new("sheet.cell_error_help")),
            ));
        }
        if let Some(option) = &column.option {
            if yes_no(text) != Some(false) {
                match ticked.iter_mut().find(|(c, _)| c.segments == column.segments) {
                    Some((_, list)) => list.push(Value::from(option.as_str())),
                    None => ticked.push((column, vec![Value::from(option.as_str())])),
                }
            }
            continue;
        }
        let value = typed(&column.segments, text, options.date_order);
        tree.insert(&column.segments, value).map_err(|clash| place(clash, None))?;
        used.push(column);
    }
    for (column, list) in ticked {
        let place = |message: Text| {
            let mut e = InputError::new(path, message);
            e.cell = Some(Cell { row: number, column: column.index });
            Box::new(e)
        };
        tree.insert(&column.segments, Value::Array(list)).map_err(place)?;
        used.push(column);
    }
    if used.is_empty() {
        return Err(Box::new(InputError::new(path, Text::new("sheet.empty_row"))));
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
            && !e.message.render(Lang::En).contains(text)
            && e.message.key() != "input.missing_key"
        {
            e.holds = Some(text.to_string());
        }
        // A date that does not read day first may be month first, as American forms write.
        if let Some(c) = used.iter().find(|c| c.index == column)
            && fields::field(&pattern(&c.segments)) == Some(&Field::Date)
            && let Some(text) = cells.get((c.index - first_column) as usize)
            && is_numeric_date(text)
        {
            e.help = Some(Text::new("sheet.date_order_help"));
        }
        // Worded in the language the row asks for, when it has a language column.
        e.lang = used
            .iter()
            .find(|c| c.key == "lang")
            .and_then(|c| cells.get((c.index - first_column) as usize))
            .and_then(|text| labels::key_of("lang", text))
            .and_then(|key| Lang::from_code(&key));
        e.line = None;
        e.column = None;
        e.snippet = None;
        e.cell = Some(Cell { row: number, column });
        if e.message.key() == "input.missing_key"
            && let Some(key) = e.message.value("key")
        {
            e.help = Some(Text::new("sheet.fill_in").arg("column", format!("{header}.{key}")));
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
        .find(|c| c.key == old)
        .or_else(|| used.iter().find(|c| c.key.starts_with(&format!("{old}."))))
        .or_else(|| used.iter().find(|c| old.starts_with(&format!("{}.", c.key))));
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

#[cfg(test)]
mod tests {
    use super::*;

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
