//! Fixed-list values read as people write them, in an answers file as in a spreadsheet:
//! the key (`policy_maker`) or the poster's words for it in either language
//! ("Beleidsmaker", "gewenst", "Korte termijn"), a ring by its number or its name ("2
//! Regelmatig"), yes or no in either language. A value that names nothing is refused
//! with the keys, and the nearest one, as serde names an unknown variant.

use std::fmt::{self, Formatter};

use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer};

use super::{Kind, Lang, Level, Occasion, Reason, Status, Term, fields};
use crate::input_error::{at_place, unknown_value, with_help};
use crate::labels::{self, yes_no};
use crate::messages::Text;

/// A fixed list of values, and the field whose labels name them.
pub trait Fixed: for<'a> Deserialize<'a> {
    /// The field (a dotted path without list numbers) whose labels name the values.
    const PATTERN: &'static str;
}

/// Each fixed list of the answers with the field whose labels name its values.
macro_rules! fixed {
    ($($list:ty => $pattern:literal),* $(,)?) => {
        $(impl Fixed for $list {
            const PATTERN: &'static str = $pattern;
        })*
    };
}

fixed! {
    Kind => "contacts.kind",
    Status => "contacts.status",
    Level => "contacts.level",
    Occasion => "how_where.occasions",
    Reason => "why.reasons",
    Term => "sustain.actions.term",
    Lang => "lang",
}

/// One value of a fixed list, by its key or by a label.
struct Labelled<T>(T);

impl<'de, T: Fixed> Deserialize<'de> for Labelled<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = serde_saphyr::Spanned::<String>::deserialize(d)?;
        // The key itself, the common case, is read without the language files.
        let direct =
            |key: &str| -> Result<T, de::value::Error> { T::deserialize(key.into_deserializer()) };
        let value = direct(&text.value)
            .or_else(|_| direct(&labels::key_of(T::PATTERN, &text.value).unwrap_or_default()));
        value.map(Labelled).map_err(|_| {
            // Serde's own "unknown variant" would stand at the key; this one stands at the
            // value, and the reader words it as serde's (see `input_error::unknown_value`).
            let at = text.referenced;
            let keys: Vec<&str> = fields::choices(T::PATTERN).iter().map(String::as_str).collect();
            de::Error::custom(at_place(unknown_value(&text.value, &keys), at.line(), at.column()))
        })
    }
}

/// An optional fixed-list value, by its key or a label.
pub(super) fn one<'de, D: Deserializer<'de>, T: Fixed>(d: D) -> Result<Option<T>, D::Error> {
    Ok(Option::<Labelled<T>>::deserialize(d)?.map(|v| v.0))
}

/// An optional list of fixed-list values, each by its key or a label.
pub(super) fn list<'de, D: Deserializer<'de>, T: Fixed>(d: D) -> Result<Option<Vec<T>>, D::Error> {
    Ok(Option::<Vec<Labelled<T>>>::deserialize(d)?.map(|v| v.into_iter().map(|l| l.0).collect()))
}

/// A scalar as it was written, whatever its kind, so that a value of the wrong kind can be
/// refused at its own place (serde would name the key's).
enum Raw {
    Bool(bool),
    Number(i64),
    Text(String),
    Nothing,
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Any;
        impl de::Visitor<'_> for Any {
            type Value = Raw;
            fn expecting(&self, f: &mut Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
                Ok(Raw::Bool(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
                Ok(Raw::Number(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
                Ok(i64::try_from(v).map_or_else(|_| Raw::Text(v.to_string()), Raw::Number))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
                Ok(Raw::Text(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw::Text(v.to_string()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
                Ok(Raw::Nothing)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
                Ok(Raw::Nothing)
            }
        }
        d.deserialize_any(Any)
    }
}

/// A message placed at a value, as a serde error.
fn refused<E: de::Error>(message: String, at: &serde_saphyr::Location) -> E {
    E::custom(at_place(message, at.line(), at.column()))
}

/// Yes or no: `true`/`false`, or a word for them in either language (`ja`, `nee`, `yes`).
pub(super) fn yes_or_no<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    let Some(raw) = Option::<serde_saphyr::Spanned<Raw>>::deserialize(d)? else { return Ok(None) };
    let text = match raw.value {
        Raw::Bool(b) => return Ok(Some(b)),
        Raw::Nothing => return Ok(None),
        Raw::Number(n @ (0 | 1)) => return Ok(Some(n == 1)),
        Raw::Number(n) => n.to_string(),
        Raw::Text(t) => match yes_no(&t) {
            Some(b) => return Ok(Some(b)),
            None => t,
        },
    };
    let message =
        with_help(Text::new("input.not_yes_no").arg("text", text), Text::new("input.yes_no_help"));
    Err(refused(message, &raw.referenced))
}

/// The number of a ring written as a number, or as a text that starts with one ("2
/// Regelmatig") or names one ("Kern", "Occasional"); 1 to 3.
pub(super) fn ring_number<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    let raw = serde_saphyr::Spanned::<Raw>::deserialize(d)?;
    let text = match raw.value {
        Raw::Number(n @ 1..=3) => return Ok(n as u8),
        Raw::Number(n) => n.to_string(),
        Raw::Text(t) => {
            // "2 Regelmatig" is ring 2; "2.5" is no ring.
            let trimmed = t.trim();
            let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
            let after = trimmed[digits.len()..].chars().next();
            let key = match after {
                _ if digits.is_empty() => labels::key_of("contacts.ring", &t),
                None => Some(digits),
                Some(c) if c.is_whitespace() => Some(digits),
                Some(_) => None,
            };
            match key.and_then(|k| k.parse::<u8>().ok()) {
                Some(n @ 1..=3) => return Ok(n),
                _ => t,
            }
        }
        Raw::Bool(b) => b.to_string(),
        Raw::Nothing => String::new(),
    };
    let message = Text::new("input.no_ring").arg("ring", text).encode();
    Err(refused(message, &raw.referenced))
}
