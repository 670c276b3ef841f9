//! The values of the answers: the schema version, a ring, a contact's name, a date, a text.
//! They are checked where answers are read (`checker`); what serde reads here is the
//! checked answers' own JSON.

use std::fmt::{self, Display, Formatter};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::SCHEMA_VERSION;
use crate::limits::MAX_TEXT_CHARS;
use crate::problem::Problem;

/// The schema version; only [`SCHEMA_VERSION`] is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Version(pub u64);

impl Default for Version {
    fn default() -> Self {
        Version(SCHEMA_VERSION)
    }
}

/// A ring of the map: 1 core, 2 regular, 3 occasional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Ring(pub u8);

/// A contact's name: never empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Name(pub String);

/// A calendar date written as yyyy-mm-dd; only days that exist are accepted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Date(pub String);

impl Date {
    /// Checks a yyyy-mm-dd string and returns its parts.
    pub fn parse(s: &str) -> Result<(i32, u8, u8), Problem> {
        let bad = || Problem::NotADate { text: s.to_string() };
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() != 3
            || parts[0].len() != 4
            || parts[1].len() != 2
            || parts[2].len() != 2
            || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad());
        }
        let year: i32 = parts[0].parse().map_err(|_| bad())?;
        let month: u8 = parts[1].parse().map_err(|_| bad())?;
        let day: u8 = parts[2].parse().map_err(|_| bad())?;
        if !crate::limits::YEARS.contains(&year) {
            return Err(Problem::FarYear { text: s.to_string(), year });
        }
        if !(1..=12).contains(&month) {
            return Err(Problem::NoMonth { text: s.to_string(), month });
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day == 0 || day > days {
            return Err(Problem::NoDay { text: s.to_string(), month, year, days });
        }
        Ok((year, month, day))
    }
}

/// One answer: text of at most [`MAX_TEXT_CHARS`] characters.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(s.to_string())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(s)
    }
}

impl Display for Text {
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "maxLength": MAX_TEXT_CHARS })
    }
}

impl JsonSchema for Name {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Name".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_TEXT_CHARS,
            "pattern": "\\S"
        })
    }
}

impl JsonSchema for Version {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Version".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "integer", "const": SCHEMA_VERSION })
    }
}

impl JsonSchema for Ring {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Ring".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // Written inline, so the schema names no type here: the comment names its fixed
        // list for `fields::list` (and is left out of the published schema).
        schemars::json_schema!({ "type": "integer", "minimum": 1, "maximum": 3, "$comment": "Ring" })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_days_that_exist_are_dates() {
        assert_eq!(Date::parse("2028-02-29"), Ok((2028, 2, 29)));
        assert!(matches!(Date::parse("2027-02-29"), Err(Problem::NoDay { days: 28, .. })));
        assert!(Date::parse("2100-02-29").is_err());
        assert!(Date::parse("2000-02-29").is_ok());
        assert!(matches!(Date::parse("2027-13-01"), Err(Problem::NoMonth { month: 13, .. })));
        assert!(matches!(Date::parse("2027-1-5"), Err(Problem::NotADate { .. })));
        assert!(Date::parse("5 januari").is_err());
        // A date field that read 15/1/2027 month first.
        assert!(matches!(Date::parse("0027-12-12"), Err(Problem::FarYear { year: 27, .. })));
        assert!(matches!(Date::parse("2201-01-01"), Err(Problem::FarYear { year: 2201, .. })));
        assert_eq!(Date::parse("1900-01-01"), Ok((1900, 1, 1)));
        assert_eq!(Date::parse("2200-12-31"), Ok((2200, 12, 31)));
    }
}
