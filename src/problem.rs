//! What can be wrong with a value of the answers or of an event file, typed, with its
//! values: found by the checker (`answers::checker`) and the YAML reader (`tree::yaml`), and
//! worded only at the edge, from the message files, in the reader's language. A problem
//! names no command-line option; what the reader can change outside the file is a
//! [`Remedy`], which the command line and the browser word their own
//! way.

use crate::lang::Lang;
use crate::limits::MAX_TEXT_CHARS;
use crate::lists::FixedList;
use crate::messages::{Message, thousands};
use crate::suggest::closest;

/// A problem with one value, or with the text around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A key that the group does not have, and the keys it has.
    UnknownKey {
        /// The key as written.
        key: String,
        /// The keys of the group, in the schema's order.
        expected: Vec<String>,
    },
    /// A key that the group needs.
    MissingKey {
        /// The key.
        key: String,
    },
    /// A key written twice in one group.
    KeyTwice {
        /// The key.
        key: String,
    },
    /// A value of another kind than the field takes.
    WrongKind {
        /// What the field takes.
        expected: ValueKind,
        /// What was written.
        found: Found,
    },
    /// A value that names none of the values of a fixed list.
    UnknownValue {
        /// The fixed list the field takes its values from.
        list: &'static FixedList,
        /// The value as written.
        value: String,
        /// The key of the value it most looks like.
        nearest: Option<String>,
        /// The keys of the values, in the poster's order.
        choices: Vec<String>,
    },
    /// A ring that does not exist.
    NoRing {
        /// As written.
        text: String,
    },
    /// Neither yes nor no.
    NotYesNo {
        /// As written.
        text: String,
    },
    /// A text that is not a date written as yyyy-mm-dd.
    NotADate {
        /// As written.
        text: String,
    },
    /// A date whose year is outside [`YEARS`](crate::limits::YEARS): most often a date
    /// field that read the day as the month.
    FarYear {
        /// As written.
        text: String,
        /// The year.
        year: i32,
    },
    /// A date with a month that does not exist.
    NoMonth {
        /// As written.
        text: String,
        /// The month.
        month: u8,
    },
    /// A date with a day that its month does not have.
    NoDay {
        /// As written.
        text: String,
        /// The month.
        month: u8,
        /// The year.
        year: i32,
        /// The days the month has.
        days: u8,
    },
    /// A version other than the one this netkaart reads.
    Version {
        /// As written.
        found: String,
        /// The one it reads.
        supported: u64,
    },
    /// A contact without a name.
    EmptyName,
    /// A control character in a text, at its character number (from 1).
    Control {
        /// The character.
        code: char,
        /// Where, counted in characters from 1.
        at: usize,
    },
    /// A text over [`MAX_TEXT_CHARS`].
    TextTooLong {
        /// Its length in characters.
        count: usize,
    },
    /// A list with more items than it takes: at its first item too many.
    TooMany {
        /// The list's pattern (`contacts`).
        pattern: String,
        /// How many it takes.
        limit: usize,
    },
    /// A colour not written as `#rrggbb` or `#rgb` (an event file's accent).
    NotAColour {
        /// As written.
        text: String,
    },
    /// The YAML reader's own message: the text cannot be read as YAML.
    Syntax {
        /// The reader's message.
        text: String,
        /// What it comes of, as far as the reader tells.
        cause: Cause,
    },
    /// An alias (`*name`) with no anchor (`&name`) of that name before it.
    UnknownAnchor,
    /// A line indented with a tab.
    TabIndent,
    /// A tab where YAML does not allow one.
    Tab,
    /// More than one document (parts separated by `---`).
    SeveralDocuments,
    /// A file with nothing but comments.
    NoAnswers,
    /// A spreadsheet with more rows of participants than a batch takes.
    TooManyRows {
        /// Its rows of participants.
        count: usize,
        /// How many a batch takes.
        limit: usize,
    },
}

/// What the reader could change outside the input to solve a problem in it. A problem's
/// message names no command-line option: the command line adds its option
/// (`--date-order mdy`), the browser says what its page offers, as each reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remedy {
    /// Dates read month first: a date that does not read day first looks month first.
    DateOrder,
    /// Leave out the column with this header.
    IgnoreColumn(String),
    /// Allow the folder of a logo outside the event file's folder.
    AllowPath,
    /// Add a font that has the characters, this many.
    FontPath(usize),
}

/// What a syntax error comes of, for the help that goes with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// A tab where YAML takes none.
    Tab,
    /// Indentation, or a key where none may stand.
    Indentation,
    /// A quote or bracket not closed.
    Unclosed,
    /// Anything else.
    Other,
}

/// The kind of value a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Text.
    Text,
    /// A whole number.
    Number,
    /// Yes or no.
    YesNo,
    /// A list.
    List,
    /// Keys and values.
    Group,
}

/// What was written where another kind of value belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Text.
    Text(String),
    /// A number, as written.
    Number(String),
    /// `true` or `false`.
    YesNo,
    /// A list.
    List,
    /// Keys and values.
    Group,
    /// Nothing.
    Nothing,
}

impl Problem {
    /// What is wrong, and what to do about it, as messages.
    pub fn message(&self) -> (Message, Option<Message>) {
        let (message, help) = match self {
            Problem::UnknownKey { key, expected } => {
                let keys: Vec<&str> = expected.iter().map(String::as_str).collect();
                let help = match closest(key, &keys) {
                    Some(best) => Message::new("input.did_you_mean").arg("best", best),
                    None => Message::new("input.keys_here").arg("keys", keys.join(", ")),
                };
                (Message::new("input.unknown_key").arg("key", key), Some(help))
            }
            Problem::MissingKey { key } => {
                let help = if key == "version" {
                    Message::new("input.add_version")
                } else {
                    Message::new("input.add_key").arg("key", key)
                };
                (Message::new("input.missing_key").arg("key", key), Some(help))
            }
            Problem::KeyTwice { key } => (
                Message::new("input.key_twice").arg("key", key),
                Some(Message::new("input.keep_one")),
            ),
            Problem::WrongKind { expected, found } => {
                let message = Message::new("input.expected_found")
                    .with("expected", kind(*expected))
                    .with("found", found.described());
                let help =
                    (*expected == ValueKind::YesNo).then(|| Message::new("input.yes_no_help"));
                (message, help)
            }
            Problem::UnknownValue { list, value, nearest, choices } => {
                let words = choices.iter().map(|key| poster_word(list, key)).collect();
                let message = Message::new("input.unknown_value")
                    .with("what", Message::new(list.what))
                    .arg("value", value)
                    .list("list", words, ", ");
                let help = nearest.as_ref().map(|key| {
                    Message::new("input.did_you_mean").with("best", poster_word(list, key))
                });
                (message, help)
            }
            Problem::NoRing { text } => (Message::new("input.no_ring").arg("ring", text), None),
            Problem::NotYesNo { text } => (
                Message::new("input.not_yes_no").arg("text", text),
                Some(Message::new("input.yes_no_help")),
            ),
            Problem::NotADate { text } => {
                (Message::new("input.not_a_date").arg("text", text), None)
            }
            Problem::FarYear { text, year } => (
                Message::new("input.far_year")
                    .arg("text", text)
                    .arg("year", year)
                    .arg("first", crate::limits::YEARS.start())
                    .arg("last", crate::limits::YEARS.end()),
                Some(Message::new("input.far_year_help")),
            ),
            Problem::NoMonth { text, month } => {
                (Message::new("input.no_month").arg("text", text).arg("month", month), None)
            }
            Problem::NoDay { text, month, year, days } => (
                Message::new("input.no_day")
                    .arg("text", text)
                    .arg("month", month)
                    .arg("year", year)
                    .arg("days", days),
                None,
            ),
            Problem::Version { found, supported } => (
                Message::new("input.version").arg("version", found).arg("supported", supported),
                None,
            ),
            Problem::EmptyName => {
                (Message::new("input.empty_name"), Some(Message::new("input.empty_name_help")))
            }
            Problem::Control { code, at } => (
                Message::new("input.control")
                    .arg("code", format!("U+{:04X}", *code as u32))
                    .arg("at", at),
                Some(Message::new("input.control_help")),
            ),
            Problem::TextTooLong { count } => (
                Message::new("input.text_too_long")
                    .arg("count", thousands(*count))
                    .arg("limit", thousands(MAX_TEXT_CHARS)),
                Some(Message::new("input.text_too_long_help")),
            ),
            Problem::TooMany { pattern, limit } => {
                let key = match pattern.as_str() {
                    "contacts" => "input.limit_contacts",
                    "sustain.actions" => "input.limit_actions",
                    _ => "input.limit_words",
                };
                (
                    Message::new(key).arg("limit", limit).arg("n", limit + 1),
                    Some(Message::new("input.limit_help")),
                )
            }
            Problem::NotAColour { text } => {
                (Message::new("event.not_a_colour").arg("text", text), None)
            }
            Problem::Syntax { text, cause } => {
                let help = match cause {
                    Cause::Tab => Some("input.help_tab"),
                    Cause::Indentation => Some("input.help_indent"),
                    Cause::Unclosed => Some("input.help_unclosed"),
                    Cause::Other => None,
                };
                (Message::new("input.syntax").arg("text", text), help.map(Message::new))
            }
            Problem::UnknownAnchor => {
                (Message::new("input.unknown_anchor"), Some(Message::new("input.help_anchor")))
            }
            Problem::TabIndent => {
                (Message::new("input.tab_indent"), Some(Message::new("input.tab_help")))
            }
            Problem::Tab => (Message::new("input.tab"), Some(Message::new("input.tab_help"))),
            Problem::SeveralDocuments => (
                Message::new("input.several_documents"),
                Some(Message::new("input.several_documents_help")),
            ),
            Problem::NoAnswers => {
                (Message::new("input.no_answers"), Some(Message::new("input.no_answers_help")))
            }
            Problem::TooManyRows { count, limit } => (
                Message::new("sheet.too_many")
                    .arg("count", thousands(*count))
                    .arg("limit", thousands(*limit)),
                Some(Message::new("sheet.too_many_help")),
            ),
        };
        (message, help)
    }

    /// Whether the message quotes the value as written, so that a spreadsheet's message
    /// need not say again what the cell holds.
    pub fn shows_value(&self) -> bool {
        match self {
            Problem::WrongKind { found, .. } => matches!(found, Found::Text(_) | Found::Number(_)),
            Problem::UnknownValue { .. }
            | Problem::NoRing { .. }
            | Problem::NotYesNo { .. }
            | Problem::NotADate { .. }
            | Problem::FarYear { .. }
            | Problem::NoMonth { .. }
            | Problem::NoDay { .. }
            | Problem::Version { .. }
            | Problem::NotAColour { .. }
            | Problem::MissingKey { .. } => true,
            _ => false,
        }
    }

    /// Whether the problem is with a date as written.
    pub fn is_date(&self) -> bool {
        matches!(
            self,
            Problem::NotADate { .. }
                | Problem::FarYear { .. }
                | Problem::NoMonth { .. }
                | Problem::NoDay { .. }
        )
    }
}

impl Found {
    fn described(&self) -> Message {
        match self {
            Found::Text(text) => Message::new("input.found.text").arg("text", text),
            Found::Number(text) => Message::new("input.found.number").arg("text", text),
            Found::YesNo => Message::new("input.found.yes_no"),
            Found::List => Message::new("input.found.list"),
            Found::Group => Message::new("input.found.group"),
            Found::Nothing => Message::new("input.found.nothing"),
        }
    }
}

fn kind(kind: ValueKind) -> Message {
    Message::new(match kind {
        ValueKind::Text => "input.kinds.text",
        ValueKind::Number => "input.kinds.number",
        ValueKind::YesNo => "input.kinds.yes_no",
        ValueKind::List => "input.kinds.list",
        ValueKind::Group => "input.kinds.map",
    })
}

/// The poster's word for one value, in the language of the message around it; a language
/// is named in its own.
fn poster_word(list: &FixedList, key: &str) -> Message {
    match (list.section, Lang::from_code(key)) {
        ("name", Some(lang)) => Message::new("plain")
            .arg("text", crate::templates::words(lang)["name"].as_str().unwrap_or(key).to_string()),
        (section, _) => Message::word(format!("{section}.{key}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_kind_is_answered_with_the_posters_words_in_the_readers_language() {
        let problem = Problem::UnknownValue {
            list: &crate::lists::KIND,
            value: "buurmeisje".into(),
            nearest: Some("neighbour".into()),
            choices: ["acquaintance", "neighbour", "policy_maker", "key_figure"]
                .map(String::from)
                .to_vec(),
        };
        let (message, help) = problem.message();
        let nl = message.render(Lang::Nl);
        assert!(nl.contains("Kennissen, Buurtbewoners, Beleidsmakers"), "{nl}");
        assert!(!nl.contains("policy_maker"), "{nl}");
        assert_eq!(help.unwrap().render(Lang::Nl), "bedoel je 'Buurtbewoners'?");
        assert!(message.render(Lang::En).contains("Acquaintances, Neighbours"));
    }
}
