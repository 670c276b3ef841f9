//! Answers from a spreadsheet (CSV, XLSX, ODS): one row per participant, a header row of
//! dotted schema paths (`person.name`, `contacts.1.kind`, `sustain.actions.2.when`). Each row
//! becomes a tree of values, each at its cell, checked by the same checker as an answers
//! file, so a mistake gets the same message, placed at its row and column.

use std::path::Path;

use super::cells::{self, DateOrder, is_numeric_date, pattern};
use super::grid::{self, Grid, extension};
use super::{SheetOptions, form_columns};
use crate::answers::Answers;
use crate::answers::checker;
use crate::answers::fields;
use crate::error::{Error, Remedy, Result};
use crate::form;
use crate::input_error::{InputError, SheetCell, column_name};
use crate::labels::{self, yes_no};
use crate::lang::Lang;
use crate::limits::MAX_INPUT_BYTES;
use crate::messages::Message;
use crate::problem::{Problem, ValueKind};
use crate::reading::check_size;
use crate::tree::{Node, Origin, Value};

/// One participant's row: where it is and what it says.
#[derive(Debug)]
pub struct Row {
    /// The row as the spreadsheet numbers it (the header is row 1).
    pub number: u64,
    /// The answers of the row, or every problem of it (at least one), in the order of its
    /// columns.
    pub answers: Result<Answers, Vec<InputError>>,
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

/// Whether a file is read as a spreadsheet, by its extension.
pub fn is_spreadsheet(path: &Path) -> bool {
    matches!(extension(path).as_str(), "csv" | "tsv" | "xlsx" | "xlsm" | "xls" | "ods")
}

/// The answers of one row given as (header, cell) pairs, as a web form sends its fields: read
/// exactly as a spreadsheet row is (keys or question titles, the poster's words, lists,
/// dates), with every problem placed at its field. `origin` names the source in messages.
pub fn answers_from_fields(
    fields: &[(String, String)],
    origin: &Path,
) -> Result<Answers, Vec<Error>> {
    // Nothing filled in: the blank poster.
    if fields.iter().all(|(_, v)| v.trim().is_empty()) {
        return Ok(Answers::default());
    }
    let header = fields.iter().map(|(h, _)| h.clone()).collect();
    let row = fields.iter().map(|(_, v)| v.clone()).collect();
    let grid = Grid { rows: vec![(1, header), (2, row)], first_column: 0 };
    let sheet = rows(origin, grid, &SheetOptions::default()).map_err(|e| vec![e])?;
    match sheet.rows.into_iter().next() {
        Some(row) => {
            row.answers.map_err(|problems| problems.into_iter().map(Error::from).collect())
        }
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
        if let Some(list) = crate::answers::fields::list(&pattern(&segments))
            && let Some(value) = labels::key_of(list, option)
        {
            return (key.to_string(), Some(value));
        }
    }
    (name.to_string(), None)
}

fn rows(path: &Path, grid: Grid, options: &SheetOptions) -> Result<Sheet> {
    let mut lines =
        grid.rows.into_iter().filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let Some((header_row, header)) = lines.next() else {
        return Err(InputError::new(path, Message::new("sheet.empty"))
            .help(Message::new("sheet.empty_help"))
            .into());
    };
    let at = |column: u32, message: Message, help: Option<Message>| -> Error {
        let mut e = InputError::new(path, message);
        e.cell = Some(SheetCell { row: header_row, column });
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
                Message::new(key).arg("name", name),
                Some(Message::new("sheet.count_from_one")),
            ));
        }
        if let Some(other) = columns.iter().find(|c| c.segments == segments && c.option == option) {
            return Err(at(
                index,
                Message::new("sheet.column_twice")
                    .arg("name", name)
                    .arg("other", column_name(other.index)),
                Some(Message::new("input.keep_one")),
            ));
        }
        columns.push(Column { index, header: name.to_string(), key, segments, option });
    }
    // Each column on its own must name one value of the answers; those that do not are
    // named all at once, each with what is wrong and a suggestion.
    let mut unknown: Vec<(&Column, Message, Option<Message>)> = Vec::new();
    for column in &columns {
        if column.option.is_some() {
            continue;
        }
        if let Some((problem, help)) = column_problem(column, header_row) {
            // A header that reads as a question rather than a key: the nearest question.
            let help = help.or_else(|| {
                form::closest_title(&column.header)
                    .map(|title| Message::new("input.did_you_mean").arg("best", title))
            });
            unknown.push((column, problem, help));
        }
    }
    if let Some((first, ..)) = unknown.first() {
        let message = if let [(column, problem, _)] = unknown.as_slice() {
            Message::new("sheet.unknown_column")
                .arg("name", &column.header)
                .with("problem", problem.clone())
        } else {
            let list = unknown
                .iter()
                .map(|(c, problem, _)| {
                    Message::new("sheet.unknown_item")
                        .arg("name", &c.header)
                        .arg("column", column_name(c.index))
                        .with("problem", problem.clone())
                })
                .collect();
            Message::new("sheet.unknown_columns")
                .arg("count", unknown.len())
                .list("list", list, "; ")
        };
        let helps = unknown
            .iter()
            .map(|(c, _, help)| {
                let help = help.clone().unwrap_or_else(|| Message::new("sheet.name_after_field"));
                Message::new("sheet.help_item").arg("name", &c.header).with("help", help)
            })
            .collect();
        let mut err = at(
            first.index,
            message,
            Some(Message::new("sheet.unknown_help").list("list", helps, "; ")),
        );
        if let Error::Input(e) = &mut err {
            e.remedy = Some(Remedy::IgnoreColumn(first.header.clone()));
        }
        return Err(err);
    }
    // And together they must not name a value and a part of it at once.
    let mut skeleton = Node::group(Origin::Added);
    for (i, column) in columns.iter().enumerate() {
        if columns[..i].iter().any(|c| c.segments == column.segments) {
            continue;
        }
        if skeleton.insert(&column.segments, Node::new(Value::Nothing, Origin::Added)).is_err() {
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
                Message::new(key).arg("name", &column.header).arg("other", other),
                Some(Message::new("sheet.overlap_help")),
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

/// What is wrong with a column's name on its own: an unknown key on its path, or a group
/// or a list where one value belongs. A value of the wrong kind is not the name's fault.
fn column_problem(column: &Column, header_row: u64) -> Option<(Message, Option<Message>)> {
    let at = Origin::Cell { row: header_row, column: column.index };
    let mut tree = Node::group(Origin::Added);
    tree.insert(&column.segments, cells::node(&column.segments, "1", DateOrder::Dmy, at)).ok()?;
    let checked = checker::check(&tree, false);
    checked.problems.into_iter().find_map(|placed| match placed.problem {
        problem @ Problem::UnknownKey { .. } => Some(problem.message()),
        Problem::WrongKind {
            expected: expected @ (ValueKind::Group | ValueKind::List), ..
        } => {
            let key =
                if expected == ValueKind::List { "sheet.holds_list" } else { "sheet.holds_group" };
            let field = placed.field;
            Some((Message::new(key).arg("field", field), Some(Message::new("sheet.holds_help"))))
        }
        _ => None,
    })
}

/// The answers of one row.
fn row_answers(
    path: &Path,
    number: u64,
    columns: &[Column],
    cells: &[String],
    first_column: u32,
    options: &SheetOptions,
) -> Result<Answers, Vec<InputError>> {
    let cell_of = |column: u32| {
        let index = column.checked_sub(first_column).map_or(usize::MAX, |i| i as usize);
        cells.get(index).map_or("", |s| s.trim())
    };
    let mut tree = Node::group(Origin::Added);
    let mut used = false;
    // The options ticked in columns of one option each, gathered per list.
    let mut ticked: Vec<(&Column, Vec<(u64, Node)>)> = Vec::new();
    for column in columns {
        let text = cell_of(column.index);
        if text.is_empty() {
            continue;
        }
        let at = Origin::Cell { row: number, column: column.index };
        let place = |message: Message, help: Option<Message>| {
            let mut e = InputError::new(path, message);
            e.cell = Some(SheetCell { row: number, column: column.index });
            e.field = Some(column.key.clone());
            e.help = help;
            vec![e]
        };
        if let Some(err) = text.strip_prefix('\u{0}') {
            return Err(place(
                Message::new("sheet.cell_error").arg("error", err),
                Some(Message::new("sheet.cell_error_help")),
            ));
        }
        if let Some(option) = &column.option {
            if yes_no(text) != Some(false) {
                let item = Node::text(option.as_str(), at);
                match ticked.iter_mut().find(|(c, _)| c.segments == column.segments) {
                    Some((_, list)) => list.push((list.len() as u64 + 1, item)),
                    None => ticked.push((column, vec![(1, item)])),
                }
            }
            continue;
        }
        let value = cells::node(&column.segments, text, options.date_order, at);
        tree.insert(&column.segments, value).map_err(|clash| place(clash, None))?;
        used = true;
    }
    for (column, list) in ticked {
        let place = |message: Message| {
            let mut e = InputError::new(path, message);
            e.cell = Some(SheetCell { row: number, column: column.index });
            vec![e]
        };
        let at = Origin::Cell { row: number, column: column.index };
        tree.insert(&column.segments, Node::new(Value::List(list), at)).map_err(place)?;
        used = true;
    }
    if !used {
        return Err(vec![InputError::new(path, Message::new("sheet.empty_row"))]);
    }
    let checked = checker::check(&tree, false);
    if let Some(answers) = checked.answers {
        return Ok(answers);
    }
    // Worded in the language the row asks for, when it says one.
    let lang = checked.lang.or_else(|| {
        let column = columns.iter().find(|c| c.key == "lang")?;
        Lang::from_code(&labels::key_of(&crate::lists::LANG, cell_of(column.index))?)
    });
    let said = |placed: checker::Placed| {
        let column = match placed.at {
            Origin::Cell { column, .. } => Some(column),
            _ => None,
        };
        let holds = column.map(cell_of).filter(|t| !t.is_empty()).map(str::to_string);
        let problem = placed.problem.clone();
        let mut e = InputError::placed(path, "", placed);
        // Name what the cell holds, unless the message does already.
        if !problem.shows_value() {
            e.holds = holds.clone();
        }
        // A date that does not read day first may be month first, as American forms write.
        if problem.is_date() && holds.as_deref().is_some_and(is_numeric_date) {
            e.help = Some(Message::new("sheet.date_order_help"));
            e.remedy = Some(Remedy::DateOrder);
        }
        if let Problem::MissingKey { key } = &problem {
            let item = e.field.clone().unwrap_or_default();
            e.help = Some(Message::new("sheet.fill_in").arg("column", format!("{item}.{key}")));
        }
        e.lang = lang;
        e
    };
    Err(checked.problems.into_iter().map(said).collect())
}
