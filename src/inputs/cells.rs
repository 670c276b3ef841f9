//! A spreadsheet cell read into a value of the answers, as forms and people write it: the
//! poster's words for a fixed-list value, a list joined with `;` or `,`, a ring by its name,
//! yes or no in either language, a date day first. What cannot be read so stays as written,
//! for the answers' own check to name.

use serde_json::Value;

use super::labels;
use crate::answers::fields::{self, Field};

/// `contacts.3.kind` → `contacts.kind`: the path without its numbers.
pub fn pattern(segments: &[String]) -> String {
    segments.iter().filter(|s| s.parse::<u64>().is_err()).cloned().collect::<Vec<_>>().join(".")
}

/// A cell's text as the value its column takes, from the kind of its field in the answers'
/// schema: a list, a fixed-list value, a whole number, yes or no, a date, or text.
pub fn typed(segments: &[String], text: &str) -> Value {
    let pattern = pattern(segments);
    match fields::field(&pattern) {
        // A form joins the boxes ticked with commas, a person with semicolons: a list of
        // words is split at semicolons when it has any, else at commas.
        Some(Field::List(item)) if !matches!(**item, Field::Group) => {
            let separator = if text.contains(';') { ';' } else { ',' };
            Value::Array(
                text.split(separator)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| one_value(&pattern, item, s))
                    .collect(),
            )
        }
        Some(field) => one_value(&pattern, field, text),
        None => Value::from(text),
    }
}

/// One value of the field at `pattern` as a form or a person writes it: a fixed-list value
/// by its key or the poster's words for it, a ring by its number or its name ("2
/// Regelmatig"), yes or no in either language, a date day first. What cannot be read so
/// stays as written, for the answers' own check to name.
fn one_value(pattern: &str, field: &Field, text: &str) -> Value {
    match field {
        Field::Choice => {
            Value::from(labels::key_of(pattern, text).unwrap_or_else(|| text.to_string()))
        }
        Field::Number => {
            let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
            let key = if digits.is_empty() { labels::key_of(pattern, text) } else { Some(digits) };
            key.and_then(|k| k.parse::<i64>().ok()).map_or_else(|| Value::from(text), Value::from)
        }
        Field::YesNo => match labels::fold(text).as_str() {
            "true" | "yes" | "y" | "ja" | "j" | "x" | "1" | "waar" | "done" | "klaar"
            | "gedaan" => Value::Bool(true),
            "false" | "no" | "n" | "nee" | "0" | "onwaar" => Value::Bool(false),
            _ => Value::from(text),
        },
        Field::Date => Value::from(day_first(text).unwrap_or_else(|| text.to_string())),
        _ => Value::from(text),
    }
}

/// `15/1/2027`, `15-01-2027` or `15.1.2027` → `2027-01-15`; `None` for anything else (an
/// ISO date among it, which stays as written).
fn day_first(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.trim().split(['/', '-', '.']).collect();
    let [day, month, year] = parts.as_slice() else { return None };
    let small = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !small(day) || !small(month) || year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    Some(format!("{year}-{month:0>2}-{day:0>2}"))
}
