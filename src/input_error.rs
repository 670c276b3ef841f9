//! A problem in an input file, placed (file, line and column, or spreadsheet cell; the
//! field's path) and worded for someone who does not program: what is wrong, and what to do
//! about it. Also the translation of the YAML reader's errors into such problems.

use std::fmt::{self, Display, Formatter};
use std::path::{Path, PathBuf};

use serde_saphyr::budget::BudgetBreach;

use crate::limits::{MAX_ALIASES, MAX_DEPTH, MAX_NODES};

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
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The offending line of the file, shown under the message.
    pub snippet: Option<String>,
    /// Which document of a file with several (`---`), counting from 1.
    pub document: Option<usize>,
    /// The spreadsheet cell, for answers that came from a spreadsheet.
    pub cell: Option<Cell>,
}

/// A cell of a spreadsheet: its row as the spreadsheet numbers it and its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// One-based row; the header is row 1.
    pub row: u64,
    /// Zero-based column index; shown as a letter (A, B, …, AA).
    pub column: u32,
}

impl Cell {
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
    pub fn new(file: &Path, message: impl Into<String>) -> Self {
        InputError {
            file: file.into(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            help: None,
            snippet: None,
            document: None,
            cell: None,
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

    /// An answers file that is empty or holds only comments.
    pub(crate) fn no_answers(file: &Path) -> Self {
        InputError::new(file, "the file has no answers: it is empty or holds only comments")
            .help("start from `netkaart init`, which writes a file with every key")
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

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn from_yaml(
        file: &Path,
        text: &str,
        field: &str,
        err: &serde_saphyr::Error,
    ) -> Self {
        use serde_saphyr::Error as E;
        let leaf = field.rsplit('.').next().unwrap_or(field).to_string();
        let core = innermost(err);
        let (message, help) = match core {
            E::SerdeUnknownField { field: key, expected, .. } => {
                let message = format!("unknown key '{key}'");
                let help = match closest(key, expected) {
                    Some(best) => format!("did you mean '{best}'?"),
                    None => format!("the keys here are: {}", expected.join(", ")),
                };
                (message, Some(help))
            }
            E::SerdeUnknownVariant { variant, expected, .. } => {
                // An item of a list, such as `why.reasons.2`, is named after its list.
                let what = match leaf.parse::<usize>() {
                    Ok(_) => field
                        .split('.')
                        .rev()
                        .nth(1)
                        .and_then(|list| list.strip_suffix('s'))
                        .unwrap_or("value")
                        .to_string(),
                    Err(_) if leaf.is_empty() => "value".to_string(),
                    Err(_) => leaf.clone(),
                };
                let list = expected.join(", ");
                let message = format!("unknown {what} '{variant}', expected one of: {list}");
                let help = closest(variant, expected).map(|best| format!("did you mean '{best}'?"));
                (message, help)
            }
            E::SerdeMissingField { field: key, .. } => {
                let help = if *key == "version" {
                    "add the line `version: 1` at the top of the file".to_string()
                } else {
                    format!("add `{key}:` here")
                };
                (format!("missing key '{key}'"), Some(help))
            }
            E::SerdeInvalidType { unexpected, expected, .. } => {
                (format!("expected {}, found {unexpected}", plain_expected(expected)), None)
            }
            E::SerdeInvalidValue { unexpected, expected, .. } => {
                (format!("expected {}, found {unexpected}", plain_expected(expected)), None)
            }
            E::Budget { breach, .. } => budget_message(breach),
            E::AliasReplayLimitExceeded { .. }
            | E::AliasExpansionLimitExceeded { .. }
            | E::AliasReplayStackDepthExceeded { .. }
            | E::AliasReplayCounterOverflow { .. } => {
                budget_message(&serde_saphyr::budget::BudgetBreach::Aliases {
                    aliases: MAX_ALIASES + 1,
                })
            }
            E::InvalidBooleanStrict { .. } => (
                "expected true or false".to_string(),
                Some("write `true` or `false` (yes/no/on/off are not accepted)".to_string()),
            ),
            E::DuplicateMappingKey { key, .. } => (
                match key {
                    Some(k) => format!("the key '{k}' appears twice"),
                    None => "a key appears twice".to_string(),
                },
                Some("keep one of them".to_string()),
            ),
            E::InvalidScalar { ty, .. } => (format!("expected {}", plain_expected(ty)), None),
            E::Unexpected { expected, .. } => {
                (format!("expected {}", plain_expected(expected)), None)
            }
            E::Message { msg, .. } => {
                let (message, help, _) = unpack(msg);
                (message, help)
            }
            E::MultipleDocuments { .. } => (
                "the file holds more than one set of answers (parts separated by ---)".to_string(),
                Some("keep one here; for a whole workshop in one file, use `netkaart batch FILE`, which makes a document for each".to_string()),
            ),
            other => {
                let text = first_line(&other.to_string());
                (text.clone(), syntax_help(&text))
            }
        };
        let location = err.location();
        let place = match core {
            E::Message { msg, .. } => unpack(msg).2,
            _ => None,
        };
        let (line, column) = match (place, location) {
            (Some((line, column)), _) => (Some(line), Some(column.max(1))),
            (None, Some(loc)) if loc.line() > 0 => (Some(loc.line()), Some(loc.column().max(1))),
            _ => (None, None),
        };
        let snippet = line.and_then(|l| text.lines().nth(l as usize - 1)).map(str::to_string);
        // An unknown key's path ends with the key itself: name where it stands instead.
        let field = match core {
            E::SerdeUnknownField { .. } => field.rsplit_once('.').map_or("", |(parent, _)| parent),
            _ => field,
        };
        InputError {
            file: file.into(),
            line,
            column,
            field: (!field.is_empty()).then(|| field.to_string()),
            message,
            help,
            snippet,
            document: None,
            cell: None,
        }
    }
}

/// The key a group lacks, when that is the problem.
pub(crate) fn missing_key(err: &serde_saphyr::Error) -> Option<String> {
    match innermost(err) {
        serde_saphyr::Error::SerdeMissingField { field, .. } => Some(field.to_string()),
        _ => None,
    }
}

/// The key that appears twice, when that is the problem.
pub(crate) fn duplicate_key(err: &serde_saphyr::Error) -> Option<String> {
    match innermost(err) {
        serde_saphyr::Error::DuplicateMappingKey { key, .. } => key.clone(),
        _ => None,
    }
}

/// What a crossed YAML budget means, in words, with the limit.
pub(crate) fn budget_message(breach: &BudgetBreach) -> (String, Option<String>) {
    use BudgetBreach as B;
    let (message, help) = match breach {
        B::Depth { .. } => (
            format!("the lists and groups nest more than {MAX_DEPTH} levels deep"),
            "an answers file needs four levels at most (sustain → actions → an action → a field); check the brackets and the indentation",
        ),
        B::Aliases { .. }
        | B::Anchors { .. }
        | B::AliasAnchorRatio { .. }
        | B::RecordedAnchorEvents { .. }
        | B::RecordedAnchorBytes { .. } => (
            format!(
                "the file repeats values through anchors and aliases (&name, *name) more than a netkaart file may ({MAX_ALIASES} anchors or aliases, {} repeated values)",
                thousands(MAX_NODES)
            ),
            "write each answer out; netkaart files need no anchors",
        ),
        B::Nodes { .. } | B::Events { .. } => (
            format!("the file holds more than {} values", thousands(MAX_NODES)),
            "a full answers file holds about 5,000; is this the right file?",
        ),
        _ => (
            "the file is too large or too complex for an answers file".to_string(),
            "a filled-in answers file is a few kilobytes: is this the right file?",
        ),
    };
    (message, Some(help.to_string()))
}

/// What to do about the YAML parser's own messages, which speak of YAML, not of answers.
fn syntax_help(message: &str) -> Option<String> {
    let help = if message.contains("tab") {
        "YAML does not allow tabs for indentation; use spaces"
    } else if message.contains("mapping values are not allowed")
        || message.contains("did not find expected key")
        || message.contains("indent")
    {
        "check the indentation: the keys of one group start in the same column, one more step in than the group's name; text that holds ': ' needs quotes"
    } else if message.contains("unknown anchor") {
        "`*name` repeats a value marked `&name`, and there is none; write the value out (text that starts with * needs quotes)"
    } else if message.contains("unclosed") || message.contains("did not find expected") {
        "every opening quote or bracket needs its closing one on the same answer"
    } else {
        return None;
    };
    Some(help.to_string())
}

/// The error under the snippet and alias wrappers that carry no message of their own.
pub(crate) fn innermost(err: &serde_saphyr::Error) -> &serde_saphyr::Error {
    match err.without_snippet() {
        serde_saphyr::Error::AliasError { error, .. } => innermost(error),
        other if std::ptr::eq(other, err) => other,
        other => innermost(other),
    }
}

/// Serde's "a string" / "u64" in words for people who do not program.
fn plain_expected(expected: &str) -> String {
    match expected {
        "u64" | "i64" | "u8" | "i32" | "u32" => "a whole number".into(),
        "a string" | "string" | "string scalar" => "text".into(),
        "a sequence" | "sequence start" => "a list (items starting with `- `)".into(),
        "mapping start" => "keys and values (`key: value` lines)".into(),
        "a boolean" | "bool" => "true or false".into(),
        e if e.starts_with("struct ") || e.starts_with("a map") => "keys and values".into(),
        e => e.to_string(),
    }
}

/// The first line of a message, without the position that the message repeats.
fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or(s).trim();
    let line = match line.rfind(" at line ") {
        Some(i) => &line[..i],
        None => line,
    };
    let mut chars = line.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The expected name closest to `given`, when it is close enough to be a typo.
pub fn closest<'a>(given: &str, expected: &[&'a str]) -> Option<&'a str> {
    let norm = |s: &str| -> String {
        s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
    };
    let g = norm(given);
    expected
        .iter()
        .map(|e| (levenshtein(&g, &norm(e)), *e))
        .filter(|(d, e)| *d <= 1.max(e.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

/// Edit distance in which swapping two neighbouring letters (`nmae`) counts as one edit,
/// as it is one slip of the fingers (optimal string alignment).
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

impl Display for InputError {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(cell) = &self.cell {
            write!(f, ", row {}, column {}", cell.row, cell.column_name())?;
        } else if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        if let Some(document) = self.document {
            write!(f, " (document {document})")?;
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        write!(f, "{}", self.message)?;
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
            write!(f, "\n {pad} |\n {num} | {shown}\n {pad} | {caret_at}^")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// 4000 → "4,000".
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// A custom message from a `Deserialize` impl reaches the user through serde's error, which
// has room for one string: the help rides along after this mark and is split off again.
const HELP_MARK: char = '\u{1f}';

pub(crate) fn with_help(message: String, help: &str) -> String {
    format!("{message}{HELP_MARK}{help}")
}

// Likewise a place more precise than serde's, which names where the list starts.
const PLACE_MARK: char = '\u{1e}';

pub(crate) fn at_place(message: String, line: u64, column: u64) -> String {
    if line == 0 {
        return message;
    }
    format!("{message}{PLACE_MARK}{line}:{column}")
}

/// A custom message split into its message, help and place.
fn unpack(msg: &str) -> (String, Option<String>, Option<(u64, u64)>) {
    let (msg, place) = match msg.split_once(PLACE_MARK) {
        Some((m, p)) => {
            let place =
                p.split_once(':').and_then(|(l, c)| Some((l.parse().ok()?, c.parse().ok()?)));
            (m, place)
        }
        None => (msg, None),
    };
    match msg.split_once(HELP_MARK) {
        Some((m, h)) => (m.to_string(), Some(h.to_string()), place),
        None => (msg.to_string(), None, place),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_get_a_suggestion_and_far_ones_do_not() {
        let kinds = ["acquaintance", "neighbour", "policy_maker", "key_figure", "colleague"];
        assert_eq!(closest("policymaker", &kinds), Some("policy_maker"));
        assert_eq!(closest("Neighbor", &kinds), Some("neighbour"));
        assert_eq!(closest("friend", &kinds), None);
        assert_eq!(closest("fr", &["nl", "en"]), None);
        assert_eq!(closest("nmae", &["name", "kind", "ring"]), Some("name"));
    }
}
