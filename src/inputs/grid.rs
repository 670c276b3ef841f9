//! A spreadsheet's first sheet as a grid of texts: CSV in any of its separators, XLSX, ODS
//! and XLS through calamine, date cells as dates; and the limit on the participants of one
//! sheet, checked before the cells are kept.

use std::path::Path;

use crate::clock::civil_from_epoch;
use crate::error::{Error, Result};
use crate::input_error::InputError;
use crate::limits::MAX_PARTICIPANTS;
use crate::messages::Message;
use crate::problem::Problem;
use crate::reading::decode;
use crate::tree::{Origin, Placed};

/// Cells as text, with their row numbers and the index of their first column.
pub(super) struct Grid {
    pub(super) rows: Vec<(u64, Vec<String>)>,
    pub(super) first_column: u32,
}

pub(super) fn read_csv(path: &Path) -> Result<Grid> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.into(), source })?;
    let text = decode(&bytes, path).map_err(|err| match err {
        Error::Input(mut e) => {
            e.help = Some(Message::new("sheet.utf8_help"));
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
    let mut count = 0;
    for (i, record) in reader.records().enumerate() {
        count += 1;
        // Past the limit, the rows are only counted, for the message.
        if rows.len() > MAX_PARTICIPANTS {
            continue;
        }
        let record = record.map_err(|err| {
            let position = err.position().cloned();
            let mut e = InputError::new(path, Message::new("sheet.bad_csv").arg("reason", err));
            if let Some(pos) = position {
                e.line = Some(pos.line());
            }
            Error::from(e)
        })?;
        rows.push((i as u64 + 1, record.iter().map(str::to_string).collect()));
    }
    if count > MAX_PARTICIPANTS + 1 {
        return Err(too_many(path, count - 1));
    }
    Ok(Grid { rows, first_column: 0 })
}

/// A spreadsheet with more rows of participants than one batch takes.
fn too_many(path: &Path, rows: usize) -> Error {
    let problem = Problem::TooManyRows { count: rows, limit: MAX_PARTICIPANTS };
    let placed = Placed { problem, at: Origin::Added, field: String::new() };
    InputError::placed(path, "", placed).into()
}

pub(super) fn read_workbook(path: &Path) -> Result<Grid> {
    use calamine::{Data, Reader};
    let not_readable = |reason: Message| -> Error {
        InputError::new(path, Message::new("sheet.unreadable").with("reason", reason))
            .help(Message::new("sheet.unreadable_help"))
            .into()
    };
    if let Err(source) = std::fs::metadata(path) {
        return Err(Error::Read { path: path.into(), source });
    }
    // An XLSX sheet declares its size: one with too many rows is refused before a cell
    // of it is read.
    if extension(path) == "xlsx"
        && let Some(rows) = declared_rows(path)
        && rows > MAX_PARTICIPANTS + 1
    {
        return Err(too_many(path, rows - 1));
    }
    // calamine's own words, for a file it cannot read.
    let said = |e: calamine::Error| Message::new("plain").arg("text", e);
    let mut book = calamine::open_workbook_auto(path).map_err(|e| not_readable(said(e)))?;
    let range = match book.worksheet_range_at(0) {
        Some(range) => range.map_err(|e| not_readable(said(e)))?,
        None => return Err(not_readable(Message::new("sheet.no_sheets"))),
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

/// The rows of the first sheet of an XLSX workbook: as the sheet declares them, else
/// counted cell by cell without keeping any (a sheet written without its size).
fn declared_rows(path: &Path) -> Option<usize> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).ok()?;
    let name = book.sheet_names().first()?.clone();
    let mut cells = book.worksheet_cells_reader(&name).ok()?;
    let declared = cells.dimensions();
    if declared.end.0 > declared.start.0 {
        return Some((declared.end.0 - declared.start.0) as usize + 1);
    }
    let (mut first, mut last) = (u32::MAX, 0);
    while let Ok(Some(cell)) = cells.next_cell() {
        let row = cell.get_position().0;
        first = first.min(row);
        last = last.max(row);
    }
    (first <= last).then(|| (last - first) as usize + 1)
}

/// An Excel date serial as yyyy-mm-dd.
fn excel_date(serial: f64) -> String {
    let days = serial.floor() as i64 - 25_569;
    let (y, m, d, ..) = civil_from_epoch(days * 86_400);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A file's extension in lower case (`CSV` → `csv`), which decides how it is read.
pub(super) fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_dates_count_from_1899() {
        assert_eq!(excel_date(46_359.0), "2026-12-03");
        assert_eq!(excel_date(1.0), "1899-12-31");
    }
}
