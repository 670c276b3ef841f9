//! A problem in an input file, placed (file, line and column, or spreadsheet cell; the
//! field's path) and worded for someone who does not program: what is wrong, and what to do
//! about it. Also the translation of the YAML reader's errors into such problems.

use std::fmt::{self, Display, Formatter};
use std::path::{Path, PathBuf};

use serde_saphyr::budget::BudgetBreach;

use crate::lang::Lang;
use crate::limits::{
    MAX_ACTIONS, MAX_ALIASES, MAX_ASSOCIATIONS, MAX_CONTACTS, MAX_DEPTH, MAX_NODES,
};
pub(crate) use crate::messages::thousands;
use crate::messages::{Message, reader};
use crate::problem::{Problem, Remedy};
use crate::tree::{Origin, Placed};

/// A problem in an input file: where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file, as the user named it.
    pub file: PathBuf,
    /// One-based line, where known.
    pub line: Option<u64>,
    /// One-based column, where known.
    pub column: Option<u64>,
    /// The dotted path of the field, where known (`contacts.3.kind`).
    pub field: Option<String>,
    /// What is wrong.
    pub message: Message,
    /// What to do about it.
    pub help: Option<Message>,
    /// More to say after the help, such as how many problems the file has in all.
    pub notes: Vec<Message>,
    /// What the spreadsheet cell holds, shown after the message.
    pub holds: Option<String>,
    /// The language to word it in: the answers' own, when they say it; else the reader's.
    pub lang: Option<Lang>,
    /// The offending line of the file, shown under the message.
    pub snippet: Option<String>,
    /// Which document of a file with several (`---`), counting from 1.
    pub document: Option<usize>,
    /// The spreadsheet cell, for answers that came from a spreadsheet.
    pub cell: Option<SheetCell>,
    /// The problem, typed, when it is one of a value (for the caller to decide by).
    pub problem: Option<Problem>,
    /// What the reader could change outside the input, which the caller words its own way
    /// (the command line by its option).
    pub remedy: Option<Remedy>,
}

/// A cell of a spreadsheet: its row as the spreadsheet numbers it and its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetCell {
    /// One-based row; the header is row 1.
    pub row: u64,
    /// Zero-based column index; shown as a letter (A, B, …, AA).
    pub column: u32,
}

impl SheetCell {
    /// The column as the spreadsheet names it: A, B, …, Z, AA, AB, …
    pub fn column_name(&self) -> String {
        column_name(self.column)
    }
}

/// A zero-based column index as letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(index: u32) -> String {
    let mut n = index as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

impl InputError {
    /// A problem with a whole file.
    pub fn new(file: &Path, message: Message) -> Self {
        InputError {
            file: file.into(),
            line: None,
            column: None,
            field: None,
            message,
            help: None,
            notes: Vec::new(),
            holds: None,
            lang: None,
            snippet: None,
            document: None,
            cell: None,
            problem: None,
            remedy: None,
        }
    }

    /// A problem found by the reader or the checker, placed at its origin: a line of
    /// `text` (shown under the message), or a spreadsheet's cell.
    pub fn placed(file: &Path, text: &str, placed: Placed) -> Self {
        let (message, help) = placed.problem.message();
        let mut e = InputError::new(file, message);
        e.help = help;
        e.field = (!placed.field.is_empty()).then_some(placed.field);
        e.problem = Some(placed.problem);
        match placed.at {
            Origin::Text { line, column } => e.at(text, line, column),
            Origin::Cell { row, column } => {
                e.cell = Some(SheetCell { row, column });
                e
            }
            Origin::Added => e,
        }
    }

    /// The same problem in a file where this text starts at line `first_line` and is
    /// document number `document` of several.
    pub fn in_document(mut self, first_line: u64, document: usize) -> Self {
        if let Some(line) = &mut self.line {
            *line += first_line - 1;
        }
        self.document = Some(document);
        self
    }

    /// The same problem at `line` and `column` (one-based; line 0 for unknown) of `text`,
    /// with that line shown under the message.
    pub(crate) fn at(mut self, text: &str, line: u64, column: u64) -> Self {
        if line > 0 {
            self.line = Some(line);
            self.column = Some(column.max(1));
            self.snippet = text.lines().nth(line as usize - 1).map(str::to_string);
        }
        self
    }

    /// With what to do about it.
    pub fn help(mut self, help: Message) -> Self {
        self.help = Some(help);
        self
    }

    /// The language it is worded in.
    pub fn language(&self) -> Lang {
        self.lang.unwrap_or_else(reader)
    }
}

/// The list of the answers that holds more items than it takes, with its count and limit,
/// read from the text as it is indented (a list whose items start with `- `).
pub(crate) fn crowded_list(text: &str) -> Option<(&'static str, usize, usize, u64)> {
    const LISTS: &[(&str, usize)] =
        &[("contacts", MAX_CONTACTS), ("actions", MAX_ACTIONS), ("associations", MAX_ASSOCIATIONS)];
    let indent = |l: &str| l.len() - l.trim_start().len();
    let lines: Vec<&str> = text.lines().collect();
    for &(list, limit) in LISTS {
        let Some(start) =
            lines.iter().position(|l| l.trim_end().trim_start() == format!("{list}:"))
        else {
            continue;
        };
        let key_indent = indent(lines[start]);
        let mut item_indent = None;
        let mut count = 0;
        let mut extra = 0;
        for (i, line) in lines.iter().enumerate().skip(start + 1) {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let at = indent(line);
            if at < key_indent || (at == key_indent && !line.trim_start().starts_with("- ")) {
                break;
            }
            if line.trim_start().starts_with('-') && *item_indent.get_or_insert(at) == at {
                count += 1;
                if count == limit + 1 {
                    extra = i as u64 + 1;
                }
            }
        }
        if count > limit {
            return Some((list, count, limit, extra));
        }
    }
    None
}

/// What a crossed YAML budget means, in words, with the limit; when one list of `text` is
/// far too long, that list.
pub(crate) fn budget_message(breach: &BudgetBreach, text: &str) -> (Message, Option<Message>) {
    use BudgetBreach as B;
    if matches!(breach, B::Nodes { .. } | B::Events { .. })
        && let Some((list, count, limit, _)) = crowded_list(text)
    {
        return (
            Message::new("input.list_too_long")
                .arg("list", list)
                .arg("count", thousands(count))
                .arg("limit", thousands(limit)),
            Some(Message::new("input.list_too_long_help")),
        );
    }
    let (message, help) = match breach {
        B::Depth { .. } => (
            Message::new("input.too_deep").arg("limit", MAX_DEPTH),
            Message::new("input.too_deep_help"),
        ),
        B::Aliases { .. }
        | B::Anchors { .. }
        | B::AliasAnchorRatio { .. }
        | B::RecordedAnchorEvents { .. }
        | B::RecordedAnchorBytes { .. } => (
            Message::new("input.aliases")
                .arg("aliases", MAX_ALIASES)
                .arg("values", thousands(MAX_NODES)),
            Message::new("input.aliases_help"),
        ),
        B::Nodes { .. } | B::Events { .. } => (
            Message::new("input.too_many_values").arg("limit", thousands(MAX_NODES)),
            Message::new("input.too_many_values_help"),
        ),
        _ => (Message::new("input.too_complex"), Message::new("input.too_complex_help")),
    };
    (message, Some(help))
}

impl InputError {
    /// The problem worded in `lang`, placed, with the line and its caret, and the help.
    pub fn render(&self, lang: Lang) -> String {
        let say = |t: Message| t.render(lang);
        let mut out = self.file.display().to_string();
        if let Some(cell) = &self.cell {
            out.push_str(&say(Message::new("input.place.cell")
                .arg("row", cell.row)
                .arg("column", cell.column_name())));
        } else if let Some(line) = self.line {
            out.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                out.push_str(&format!(":{col}"));
            }
        }
        if let Some(document) = self.document {
            out.push_str(&say(Message::new("input.place.document").arg("n", document)));
        }
        out.push_str(": ");
        if let Some(field) = &self.field {
            out.push_str(&format!("{field}: "));
        }
        out.push_str(&self.message.render(lang));
        if let Some(holds) = &self.holds {
            out.push_str(&say(Message::new("input.place.holds").arg("text", holds)));
        }
        if let (Some(line), Some(snippet), None) = (self.line, &self.snippet, &self.cell) {
            let num = line.to_string();
            let pad = " ".repeat(num.len());
            let col = self.column.unwrap_or(1) as usize;
            let shown: String = snippet.chars().take(120).collect();
            let caret_at: String = shown
                .chars()
                .take(col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!("\n {pad} |\n {num} | {shown}\n {pad} | {caret_at}^"));
        }
        for help in self.help.iter().chain(&self.notes) {
            let line = Message::new("labelled")
                .with("label", Message::new("input.place.help"))
                .arg("text", help.render(lang));
            out.push_str(&format!("\n  = {}", say(line)));
        }
        out
    }
}

impl Display for InputError {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        f.write_str(&self.render(self.language()))
    }
}

impl std::error::Error for InputError {}
