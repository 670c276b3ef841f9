//! A spreadsheet cell read into a value of the tree, as forms and people write it: a list
//! joined with `;` or `,`, a date day first. What it means as a field (the poster's words,
//! a ring by its name, yes or no) is the checker's to read, as for any source.

use crate::answers::fields::{self, Field};
use crate::tree::{Node, Origin, Value};

/// Which comes first in a date written with numbers only (`1/2/2027`): the day, as in
/// Flanders and most of Europe, or the month, as American forms write it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DateOrder {
    /// day/month/year: 15/1/2027
    #[default]
    Dmy,
    /// month/day/year: 1/15/2027
    Mdy,
}

/// `contacts.3.kind` → `contacts.kind`: the path without its numbers.
pub fn pattern(segments: &[String]) -> String {
    fields::pattern(&segments.join("."))
}

/// A cell's text as a value of the tree (`crate::tree`), read as forms and people write
/// it for the kind of its field in the answers' schema: a list of words joined with `;` or
/// `,`, a date with numbers only in the order given. Everything else stays text, for the
/// checker to read as its field (the poster's words, a ring's name, yes or no).
pub fn node(segments: &[String], text: &str, order: DateOrder, at: Origin) -> Node {
    let text_node = |text: &str| Node::text(text, at.clone());
    match fields::field(&pattern(segments)) {
        // A form joins the boxes ticked with commas, a person with semicolons: a list of
        // words is split at semicolons when it has any, else at commas.
        Some(Field::List(item)) if !matches!(**item, Field::Group) => {
            let separator = if text.contains(';') { ';' } else { ',' };
            let items = text
                .split(separator)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .enumerate()
                .map(|(i, s)| (i as u64 + 1, text_node(s)))
                .collect();
            Node::new(Value::List(items), at.clone())
        }
        Some(Field::Date) => {
            text_node(&numeric_date(text, order).unwrap_or_else(|| text.to_string()))
        }
        _ => text_node(text),
    }
}

/// Whether a text is a date written with numbers only, day and month in either order.
pub fn is_numeric_date(text: &str) -> bool {
    numeric_date(text, DateOrder::Dmy).is_some() || numeric_date(text, DateOrder::Mdy).is_some()
}

/// `15/1/2027`, `15-01-2027` or `15.1.2027` (or, month first, `1/15/2027`) → `2027-01-15`;
/// `None` for anything else (an ISO date among it, which stays as written). A date whose
/// month would be over 12 stays as written, so that the message shows what the cell holds.
fn numeric_date(text: &str, order: DateOrder) -> Option<String> {
    // LimeSurvey writes a date question with a time of day: 2027-01-15 00:00:00.
    if let Some((day, time)) = text.trim().split_once([' ', 'T'])
        && day.len() == 10
        && time.starts_with("00:00")
    {
        return Some(day.to_string());
    }
    let parts: Vec<&str> = text.trim().split(['/', '-', '.']).collect();
    let [first, second, year] = parts.as_slice() else { return None };
    let small = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !small(first)
        || !small(second)
        || year.len() != 4
        || !year.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let (day, month) = match order {
        DateOrder::Dmy => (first, second),
        DateOrder::Mdy => (second, first),
    };
    if month.parse::<u8>().ok()? > 12 {
        return None;
    }
    Some(format!("{year}-{month:0>2}-{day:0>2}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_day_first_unless_told_otherwise() {
        assert_eq!(numeric_date("15/1/2027", DateOrder::Dmy).as_deref(), Some("2027-01-15"));
        assert_eq!(numeric_date("15-01-2027", DateOrder::Dmy).as_deref(), Some("2027-01-15"));
        assert_eq!(numeric_date("1/15/2027", DateOrder::Mdy).as_deref(), Some("2027-01-15"));
        assert_eq!(numeric_date("1/15/2027", DateOrder::Dmy), None, "no month 15");
        assert_eq!(numeric_date("2027-01-15", DateOrder::Dmy), None, "ISO stays as written");
        assert_eq!(
            numeric_date("2027-01-15 00:00:00", DateOrder::Dmy).as_deref(),
            Some("2027-01-15")
        );
    }
}
