//! A problem in an input file, placed (file, line and column, or spreadsheet cell; the
//! field's path) and worded for someone who does not program: what is wrong, and what to do
//! about it. Also the translation of the YAML reader's errors into such problems.

use std::fmt::{self, Display, Formatter};
use std::path::{Path, PathBuf};

use serde_saphyr::budget::BudgetBreach;

use crate::messages::{Text, reader};

use crate::lang::Lang;
use crate::limits::{
    MAX_ACTIONS, MAX_ALIASES, MAX_ASSOCIATIONS, MAX_CONTACTS, MAX_DEPTH, MAX_NODES,
};
pub use crate::suggest::closest;

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
    pub message: Text,
    /// What to do about it.
    pub help: Option<Text>,
    /// More to say after the help, such as how many problems the file has in all.
    pub notes: Vec<Text>,
    /// What the spreadsheet cell holds, shown after the message.
    pub holds: Option<String>,
    /// The language to word it in: the answers' own, when they say it; else the reader's.
    pub lang: Option<Lang>,
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
    pub fn new(file: &Path, message: Text) -> Self {
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
        InputError::new(file, Text::new("input.no_answers"))
            .help(Text::new("input.no_answers_help"))
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
    pub fn help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    /// The language it is worded in.
    pub fn language(&self) -> Lang {
        self.lang.unwrap_or_else(reader)
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
                let message = Text::new("input.unknown_key").arg("key", key);
                let help = match closest(key, expected) {
                    Some(best) => Text::new("input.did_you_mean").arg("best", best),
                    None => Text::new("input.keys_here").arg("keys", expected.join(", ")),
                };
                (message, Some(help))
            }
            E::Message { msg, .. } if msg.starts_with(UNKNOWN_MARK) => {
                let without_place = msg.split(PLACE_MARK).next().unwrap_or_default();
                let (variant, expected) = without_place
                    .trim_start_matches(UNKNOWN_MARK)
                    .split_once(UNKNOWN_MARK)
                    .map(|(v, e)| (v.to_string(), e.to_string()))
                    .unwrap_or_default();
                let expected: Vec<&str> = expected.split(',').collect();
                unknown_variant_message(field, &leaf, &variant, &expected)
            }
            E::SerdeUnknownVariant { variant, expected, .. } => {
                unknown_variant_message(field, &leaf, variant, expected)
            }
            E::SerdeMissingField { field: key, .. } => {
                let help = if *key == "version" {
                    Text::new("input.add_version")
                } else {
                    Text::new("input.add_key").arg("key", key)
                };
                (Text::new("input.missing_key").arg("key", key), Some(help))
            }
            E::SerdeInvalidType { unexpected, expected, .. }
            | E::SerdeInvalidValue { unexpected, expected, .. } => {
                let message = Text::new("input.expected_found")
                    .with("expected", plain_expected(expected))
                    .with("found", found(unexpected));
                let help = (expected == "true or false").then(|| Text::new("input.yes_no_help"));
                (message, help)
            }
            E::Budget { breach, .. } => budget_message(breach, text),
            E::AliasReplayLimitExceeded { .. }
            | E::AliasExpansionLimitExceeded { .. }
            | E::AliasReplayStackDepthExceeded { .. }
            | E::AliasReplayCounterOverflow { .. } => budget_message(
                &serde_saphyr::budget::BudgetBreach::Aliases { aliases: MAX_ALIASES + 1 },
                text,
            ),
            E::InvalidBooleanStrict { .. } => {
                (Text::new("input.expected_yes_no"), Some(Text::new("input.yes_no_help")))
            }
            E::NullIntoString { .. } if leaf == "name" && field.starts_with("contacts.") => {
                (Text::new("input.empty_name"), Some(Text::new("input.empty_name_help")))
            }
            E::NullIntoString { .. } => (
                Text::new("input.empty_text").arg("key", &leaf),
                Some(Text::new("input.empty_text_help").arg("key", &leaf)),
            ),
            E::DuplicateMappingKey { key, .. } => (
                match key {
                    Some(k) => Text::new("input.key_twice").arg("key", k),
                    None => Text::new("input.a_key_twice"),
                },
                Some(Text::new("input.keep_one")),
            ),
            E::InvalidScalar { ty, .. } => {
                (Text::new("input.expected").with("expected", plain_expected(ty)), None)
            }
            E::Unexpected { expected, .. } => {
                (Text::new("input.expected").with("expected", plain_expected(expected)), None)
            }
            E::Message { msg, .. } => {
                let (message, help, _) = unpack(msg);
                (message, help)
            }
            E::MultipleDocuments { .. } => (
                Text::new("input.several_documents"),
                Some(Text::new("input.several_documents_help")),
            ),
            other => {
                let text = first_line(&other.to_string());
                (Text::new("input.syntax").arg("text", &text), syntax_help(&text))
            }
        };
        let location = err.location();
        let place = match core {
            E::Message { msg, .. } => unpack(msg).2,
            _ => None,
        };
        let (mut line, mut column) = match (place, location) {
            (Some((line, column)), _) => (Some(line), Some(column.max(1))),
            (None, Some(loc)) if loc.line() > 0 => (Some(loc.line()), Some(loc.column().max(1))),
            _ => (None, None),
        };
        // The parser names a tab where the text before it ends, often a line early: point at
        // the tab itself.
        let mut message = message;
        let mut help = help;
        if matches!(core, E::ExternalMessage { .. })
            && message.value("text").is_some_and(|t| t.contains("tab"))
        {
            let from = line.unwrap_or(1) as usize;
            if let Some((l, c, leading)) =
                text.lines().enumerate().skip(from - 1).find_map(|(i, l)| {
                    let c = l.find('\t')?;
                    Some((
                        i as u64 + 1,
                        l[..c].chars().count() as u64 + 1,
                        l[..c].trim().is_empty(),
                    ))
                })
            {
                line = Some(l);
                column = Some(c);
                message =
                    if leading { Text::new("input.tab_indent") } else { Text::new("input.tab") };
                help = Some(Text::new("input.tab_help"));
            }
        }
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
            notes: Vec::new(),
            holds: None,
            lang: None,
            snippet,
            document: None,
            cell: None,
        }
    }
}

/// An unknown value of a fixed list, with its list and a suggestion: the message and help.
fn unknown_variant_message(
    field: &str,
    leaf: &str,
    variant: &str,
    expected: &[&str],
) -> (Text, Option<Text>) {
    // An item of a list, such as `why.reasons.2`, is named after its list.
    let what = match leaf.parse::<usize>() {
        Ok(_) => field.split('.').rev().nth(1).unwrap_or(""),
        Err(_) => leaf,
    };
    let what = match what {
        "kind" => Text::new("input.what.kind"),
        "status" => Text::new("input.what.status"),
        "level" => Text::new("input.what.level"),
        "how" | "occasions" => Text::new("input.what.occasion"),
        "reasons" => Text::new("input.what.reason"),
        "term" => Text::new("input.what.term"),
        "lang" => Text::new("input.what.lang"),
        _ => Text::new("input.what.value"),
    };
    let message = Text::new("input.unknown_value")
        .with("what", what)
        .arg("value", variant)
        .arg("list", expected.join(", "));
    let help =
        closest(variant, expected).map(|best| Text::new("input.did_you_mean").arg("best", best));
    (message, help)
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
pub(crate) fn budget_message(breach: &BudgetBreach, text: &str) -> (Text, Option<Text>) {
    use BudgetBreach as B;
    if matches!(breach, B::Nodes { .. } | B::Events { .. })
        && let Some((list, count, limit, _)) = crowded_list(text)
    {
        return (
            Text::new("input.list_too_long")
                .arg("list", list)
                .arg("count", thousands(count))
                .arg("limit", thousands(limit)),
            Some(Text::new("input.list_too_long_help")),
        );
    }
    let (message, help) = match breach {
        B::Depth { .. } => {
            (Text::new("input.too_deep").arg("limit", MAX_DEPTH), Text::new("input.too_deep_help"))
        }
        B::Aliases { .. }
        | B::Anchors { .. }
        | B::AliasAnchorRatio { .. }
        | B::RecordedAnchorEvents { .. }
        | B::RecordedAnchorBytes { .. } => (
            Text::new("input.aliases")
                .arg("aliases", MAX_ALIASES)
                .arg("values", thousands(MAX_NODES)),
            Text::new("input.aliases_help"),
        ),
        B::Nodes { .. } | B::Events { .. } => (
            Text::new("input.too_many_values").arg("limit", thousands(MAX_NODES)),
            Text::new("input.too_many_values_help"),
        ),
        _ => (Text::new("input.too_complex"), Text::new("input.too_complex_help")),
    };
    (message, Some(help))
}

/// What to do about the YAML parser's own messages, which speak of YAML, not of answers.
fn syntax_help(message: &str) -> Option<Text> {
    let help = if message.contains("tab") {
        "input.help_tab"
    } else if message.contains("mapping values are not allowed")
        || message.contains("did not find expected key")
        || message.contains("indent")
    {
        "input.help_indent"
    } else if message.contains("unknown anchor") {
        "input.help_anchor"
    } else if message.contains("unclosed") || message.contains("did not find expected") {
        "input.help_unclosed"
    } else {
        return None;
    };
    Some(Text::new(help))
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
fn plain_expected(expected: &str) -> Text {
    let key = match expected {
        "u64" | "i64" | "u8" | "i32" | "u32" | "a whole number" => "input.kinds.number",
        "a string" | "string" | "string scalar" => "input.kinds.text",
        "a sequence" | "sequence start" => "input.kinds.list",
        "mapping start" => "input.kinds.map",
        "a boolean" | "bool" | "true or false" => "input.kinds.yes_no",
        e if e.starts_with("struct ") || e.starts_with("a map") => "input.kinds.group",
        e => return Text::new("input.kinds.other").arg("text", e),
    };
    Text::new(key)
}

/// What serde found, in words: `string "twee"` → `the text 'twee'`.
fn found(unexpected: &str) -> Text {
    if let Some(text) = unexpected.strip_prefix("string ") {
        return Text::new("input.found.text").arg("text", text.trim_matches('"'));
    }
    let key = match unexpected {
        u if u.starts_with("integer") || u.starts_with("floating") => {
            return Text::new("input.found.number")
                .arg("text", u.rsplit(' ').next().unwrap_or(u).trim_matches('`'));
        }
        "sequence" | "a sequence" => "input.found.list",
        "map" | "a map" => "input.found.group",
        "boolean `true`" | "boolean `false`" => "input.found.yes_no",
        "null" | "unit value" => "input.found.nothing",
        u => return Text::new("input.kinds.other").arg("text", u),
    };
    Text::new(key)
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

impl InputError {
    /// The problem worded in `lang`, placed, with the line and its caret, and the help.
    pub fn render(&self, lang: Lang) -> String {
        let say = |t: Text| t.render(lang);
        let mut out = self.file.display().to_string();
        if let Some(cell) = &self.cell {
            out.push_str(&say(Text::new("input.place.cell")
                .arg("row", cell.row)
                .arg("column", cell.column_name())));
        } else if let Some(line) = self.line {
            out.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                out.push_str(&format!(":{col}"));
            }
        }
        if let Some(document) = self.document {
            out.push_str(&say(Text::new("input.place.document").arg("n", document)));
        }
        out.push_str(": ");
        if let Some(field) = &self.field {
            out.push_str(&format!("{field}: "));
        }
        out.push_str(&self.message.render(lang));
        if let Some(holds) = &self.holds {
            out.push_str(&say(Text::new("input.place.holds").arg("text", holds)));
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
            out.push_str(&format!(
                "\n  = {}: {}",
                say(Text::new("input.place.help")),
                help.render(lang)
            ));
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
// has room for one string: the message, encoded (`Text::encode`), and its help after this
// mark.
const HELP_MARK: char = '\u{1f}';

pub(crate) fn with_help(message: Text, help: Text) -> String {
    format!("{}{HELP_MARK}{}", message.encode(), help.encode())
}

// A value of a fixed list that names none of its values, and the values it could be: worded
// by the reader, which knows the field, as serde's unknown variant is.
const UNKNOWN_MARK: char = '\u{1d}';

pub(crate) fn unknown_value(value: &str, expected: &[&str]) -> String {
    format!("{UNKNOWN_MARK}{value}{UNKNOWN_MARK}{}", expected.join(","))
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
fn unpack(msg: &str) -> (Text, Option<Text>, Option<(u64, u64)>) {
    let (msg, place) = match msg.split_once(PLACE_MARK) {
        Some((m, p)) => {
            let place =
                p.split_once(':').and_then(|(l, c)| Some((l.parse().ok()?, c.parse().ok()?)));
            (m, place)
        }
        None => (msg, None),
    };
    let text =
        |s: &str| Text::decode(s).unwrap_or_else(|| Text::new("input.syntax").arg("text", s));
    match msg.split_once(HELP_MARK) {
        Some((m, h)) => (text(m), Some(text(h)), place),
        None => (text(msg), None, place),
    }
}
