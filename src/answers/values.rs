//! The values of the answers that check themselves as they are read: the schema version, a
//! ring, a contact's name, a date, a text, and the lists that stop being read at their
//! limit. Each refuses a bad value with a message for the participant.

use std::fmt::{self, Display, Formatter};

use schemars::JsonSchema;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};

use super::{Action, Contact, SCHEMA_VERSION};
use crate::input_error::{at_place, thousands, with_help};
use crate::limits::{MAX_ACTIONS, MAX_ASSOCIATIONS, MAX_CONTACTS, MAX_TEXT_CHARS};
use crate::messages::Text as Message;

/// The schema version; only [`SCHEMA_VERSION`] is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Version(pub u64);

impl Default for Version {
    fn default() -> Self {
        Version(SCHEMA_VERSION)
    }
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = u64::deserialize(d)?;
        if v != SCHEMA_VERSION {
            let message = Message::new("input.version").arg("version", v);
            return Err(de::Error::custom(message.arg("supported", SCHEMA_VERSION).encode()));
        }
        Ok(Version(v))
    }
}

/// A ring of the map: 1 core, 2 regular, 3 occasional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ring(pub u8);

impl<'de> Deserialize<'de> for Ring {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Ring(super::choice::ring_number(d)?))
    }
}

/// A contact's name: never empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Name(pub String);

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = String::deserialize(d)?;
        check_text(&v)?;
        if v.trim().is_empty() {
            return Err(de::Error::custom(with_help(
                Message::new("input.empty_name"),
                Message::new("input.empty_name_help"),
            )));
        }
        Ok(Name(v.trim().to_string()))
    }
}

/// A calendar date written as yyyy-mm-dd; only days that exist are accepted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date(pub String);

impl Date {
    /// Checks a yyyy-mm-dd string and returns its parts.
    pub fn parse(s: &str) -> Result<(i32, u8, u8), Message> {
        let bad = || Message::new("input.not_a_date").arg("text", s);
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
        if !(1..=12).contains(&month) {
            return Err(Message::new("input.no_month").arg("text", s).arg("month", month));
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day == 0 || day > days {
            return Err(Message::new("input.no_day")
                .arg("text", s)
                .arg("month", month)
                .arg("year", year)
                .arg("days", days));
        }
        Ok((year, month, day))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = String::deserialize(d)?;
        let v = v.trim().to_string();
        Date::parse(&v).map_err(|m| de::Error::custom(m.encode()))?;
        Ok(Date(v))
    }
}

/// One answer: text of at most [`MAX_TEXT_CHARS`] characters.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = String::deserialize(d)?;
        check_text(&v)?;
        Ok(Text(v))
    }
}

fn check_text<E: de::Error>(v: &str) -> Result<(), E> {
    // Control characters (bell, escape, NUL, …) come from pasting out of other programs;
    // they print as nothing or as boxes. Line breaks and tabs are text.
    if let Some((at, c)) =
        v.chars().enumerate().find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        return Err(E::custom(with_help(
            Message::new("input.control")
                .arg("code", format!("U+{:04X}", c as u32))
                .arg("at", at + 1),
            Message::new("input.control_help"),
        )));
    }
    check_length(v)
}

fn check_length<E: de::Error>(v: &str) -> Result<(), E> {
    // Counting stops just past the limit, so that a huge string costs no more than a short one.
    if v.chars().nth(MAX_TEXT_CHARS).is_some() {
        let n = v.chars().count();
        return Err(E::custom(with_help(
            Message::new("input.text_too_long")
                .arg("count", thousands(n))
                .arg("limit", thousands(MAX_TEXT_CHARS)),
            Message::new("input.text_too_long_help"),
        )));
    }
    Ok(())
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
        schemars::json_schema!({ "type": "integer", "minimum": 1, "maximum": 3 })
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

pub(super) fn contacts<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Contact>>, D::Error> {
    at_most(d, MAX_CONTACTS, "input.limit_contacts")
}

pub(super) fn actions<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Action>>, D::Error> {
    at_most(d, MAX_ACTIONS, "input.limit_actions")
}

pub(super) fn words<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Text>>, D::Error> {
    at_most(d, MAX_ASSOCIATIONS, "input.limit_words")
}

/// A list that stops being read at its limit, so that 10,000 items cost no more than 201.
fn at_most<'de, D, T>(d: D, limit: usize, key: &'static str) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Bounded<T> {
        limit: usize,
        key: &'static str,
        item: std::marker::PhantomData<T>,
    }
    impl<'de, T: Deserialize<'de>> de::Visitor<'de> for Bounded<T> {
        type Value = Option<Vec<T>>;
        fn expecting(&self, f: &mut Formatter) -> fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_seq(self)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            // Each item with its place, so that the message can point at the one too many.
            while let Some(item) = seq.next_element::<serde_saphyr::Spanned<T>>()? {
                if out.len() == self.limit {
                    let message = with_help(
                        Message::new(self.key).arg("limit", self.limit).arg("n", self.limit + 1),
                        Message::new("input.limit_help"),
                    );
                    let at = item.referenced;
                    return Err(de::Error::custom(at_place(message, at.line(), at.column())));
                }
                out.push(item.value);
            }
            Ok(Some(out))
        }
    }
    d.deserialize_option(Bounded { limit, key, item: std::marker::PhantomData })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_days_that_exist_are_dates() {
        assert_eq!(Date::parse("2028-02-29"), Ok((2028, 2, 29)));
        assert!(
            Date::parse("2027-02-29").unwrap_err().render(crate::Lang::En).contains("has 28 days")
        );
        assert!(Date::parse("2100-02-29").is_err());
        assert!(Date::parse("2000-02-29").is_ok());
        assert!(
            Date::parse("2027-13-01").unwrap_err().render(crate::Lang::En).contains("no month 13")
        );
        assert!(
            Date::parse("2027-1-5").unwrap_err().render(crate::Lang::En).contains("yyyy-mm-dd")
        );
        assert!(Date::parse("5 januari").is_err());
    }
}
