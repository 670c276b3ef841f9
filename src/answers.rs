//! The answers file: its schema (version 1), how it is read, and the messages that tell a
//! participant what is wrong with it and where.

use std::fmt::{self, Display, Formatter};
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_saphyr::budget::BudgetBreach;

use crate::error::{Error, Result};

/// The schema version this netkaart reads and writes.
pub const SCHEMA_VERSION: u64 = 1;

/// A participant's answers to the five steps. Every field but `version` may be absent; an
/// absent field is drawn as empty writing space, as on the blank poster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Always 1.
    pub version: Version,
    /// The language of the documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Who the poster belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Person>,
    /// Step 1: what networking means to you.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<What>,
    /// Step 2: why you want to network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Why>,
    /// Step 3: at which level, and how.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<Levels>,
    /// The people and organisations on the network map (at most 200).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "contacts")]
    #[schemars(length(max = 200))]
    pub contacts: Option<Vec<Contact>>,
    /// Step 4: how and where you make contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how_where: Option<HowWhere>,
    /// Step 5: keeping the network alive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sustain: Option<Sustain>,
}

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
            return Err(de::Error::custom(format!(
                "unsupported version {v}; this netkaart reads version {SCHEMA_VERSION}"
            )));
        }
        Ok(Version(v))
    }
}

/// A language of the documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Dutch, the original.
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// The language code, which is also the name of its language file.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

/// Who the poster belongs to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Text>,
    /// Organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<Text>,
    /// Role in the organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Text>,
    /// The day the poster was filled in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

/// Step 1.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct What {
    /// Words you link with networking (at most 100).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "words")]
    #[schemars(length(max = 100))]
    pub associations: Option<Vec<Text>>,
    /// What your (professional) network looks like now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_today: Option<Text>,
}

/// Step 2.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Why {
    /// The listed reasons that apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<Vec<Reason>>,
    /// A reason of your own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<Text>,
    /// Why you want to network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<Text>,
}

/// The five reasons to network that the guide lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// To position yourself or your organisation.
    Position,
    /// To test your work or ideas.
    TestIdeas,
    /// To learn from others.
    Learn,
    /// To solve a problem.
    SolveProblem,
    /// To find resources.
    FindResources,
}

/// Step 3, at both levels.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    /// At a personal level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<PersonalLevel>,
    /// At the level of the organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<OrganisationLevel>,
}

/// Step 3 at a personal level.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonalLevel {
    /// What you have to offer others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<Text>,
    /// Whom you want to draw into your circle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attract: Option<Text>,
    /// What you want to find out or achieve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<Text>,
    /// Whom you want to get in touch with for that.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacts: Option<Text>,
}

/// Step 3 at the level of the organisation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationLevel {
    /// What the organisation stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stands_for: Option<Text>,
    /// Its expertise and experience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expertise: Option<Text>,
    /// What it still wants to achieve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ambition: Option<Text>,
    /// Who or what it needs for that ambition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs: Option<Text>,
}

/// A person or organisation on the network map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The name on the map; the one field a contact must have.
    pub name: Name,
    /// The sector of the map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    /// How close: 1 core, 2 regular, 3 occasional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ring: Option<Ring>,
    /// Known already, or wished for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Personal contact or contact of the organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// How you met or will meet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<Occasion>,
    /// Where you meet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#where: Option<Text>,
    /// A note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// The seven kinds of contact, one sector of the map each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Friends and acquaintances.
    Acquaintance,
    /// Neighbours and people nearby.
    Neighbour,
    /// Policy makers.
    PolicyMaker,
    /// Key figures.
    KeyFigure,
    /// Colleagues.
    Colleague,
    /// Organisations.
    Organisation,
    /// Anyone else.
    Other,
}

/// Whether a contact is known already or wished for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Someone you know already.
    Current,
    /// Someone you want to get to know.
    Desired,
}

/// The level at which a contact is part of the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// A contact of your own.
    Personal,
    /// A contact of the organisation.
    Organisation,
}

/// Occasions to make contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Occasion {
    /// Events of the sector.
    SectorEvent,
    /// Local meetings.
    LocalMeeting,
    /// One-to-one conversations.
    OneToOne,
    /// Chance meetings.
    Chance,
    /// Online.
    Online,
    /// Other occasions.
    Other,
}

/// A ring of the map: 1 core, 2 regular, 3 occasional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ring(pub u8);

impl<'de> Deserialize<'de> for Ring {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = i64::deserialize(d)?;
        match v {
            1..=3 => Ok(Ring(v as u8)),
            _ => Err(de::Error::custom(format!(
                "ring {v} does not exist; expected 1 (core), 2 (regular) or 3 (occasional)"
            ))),
        }
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
            return Err(de::Error::custom("a contact needs a name; this one is empty"));
        }
        Ok(Name(v.trim().to_string()))
    }
}

/// A calendar date written as yyyy-mm-dd; only days that exist are accepted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date(pub String);

impl Date {
    /// The date as Typst's, for a PDF's metadata; `None` if it is not a checked date.
    pub fn datetime(&self) -> Option<typst::foundations::Datetime> {
        let (y, m, d) = Date::parse(&self.0).ok()?;
        typst::foundations::Datetime::from_ymd(y, m, d)
    }

    /// Checks a yyyy-mm-dd string and returns its parts.
    pub fn parse(s: &str) -> Result<(i32, u8, u8), String> {
        let bad = || format!("'{s}' is not a date; write it as yyyy-mm-dd, for example 2026-12-03");
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
            return Err(format!("'{s}' is not a date: there is no month {month}"));
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day == 0 || day > days {
            return Err(format!("'{s}' is not a date: month {month} of {year} has {days} days"));
        }
        Ok((year, month, day))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = String::deserialize(d)?;
        let v = v.trim().to_string();
        Date::parse(&v).map_err(de::Error::custom)?;
        Ok(Date(v))
    }
}

/// Step 4.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HowWhere {
    /// The occasions you use to make contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occasions: Option<Vec<Occasion>>,
    /// Where you meet for a conversation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<Text>,
    /// How you start a conversation: attitude, shared ground, trust.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approach: Option<Text>,
}

/// Step 5.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sustain {
    /// Concrete actions (at most 100).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "actions")]
    #[schemars(length(max = 100))]
    pub actions: Option<Vec<Action>>,
    /// How you follow up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<Text>,
    /// Where you keep what you learned and exchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knowledge: Option<Text>,
    /// How your conversations went, what you will do differently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<Text>,
}

/// One concrete action of step 5.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What you will do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<Text>,
    /// With whom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<Text>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Date>,
    /// Short or long term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<Term>,
    /// Whether it has happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
}

/// The term of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    /// Short term.
    Short,
    /// Long term.
    Long,
}

/// The most characters one answer may hold: a page of text. More is a paste gone wrong.
pub const MAX_TEXT_CHARS: usize = 4000;
/// The most contacts one map holds.
pub const MAX_CONTACTS: usize = 200;
/// The most actions of step 5.
pub const MAX_ACTIONS: usize = 100;
/// The most words of step 1.
pub const MAX_ASSOCIATIONS: usize = 100;
/// The largest answers or event file: a filled-in file is a few kilobytes.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// The deepest nesting of lists and groups; the schema itself needs four levels.
pub const MAX_DEPTH: usize = 12;
/// The most anchors and aliases (`&a`, `*a`) in one file, and the most values they may
/// repeat in all.
pub const MAX_ALIASES: usize = 100;
/// The most values (lists, groups and texts) in one file, with what aliases repeat counted
/// as often as they repeat it: a file at every other limit holds about 5,000.
pub const MAX_NODES: usize = 50_000;

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
            format!(
                "this text holds the control character U+{:04X} at character {}",
                c as u32,
                at + 1
            ),
            "it came along with pasted text and prints as nothing; delete it (retype the text around it if it cannot be seen)",
        )));
    }
    check_length(v)
}

fn check_length<E: de::Error>(v: &str) -> Result<(), E> {
    // Counting stops just past the limit, so that a huge string costs no more than a short one.
    if v.chars().nth(MAX_TEXT_CHARS).is_some() {
        let n = v.chars().count();
        return Err(E::custom(with_help(
            format!(
                "this text is {} characters long; an answer may be at most {} characters",
                thousands(n),
                thousands(MAX_TEXT_CHARS)
            ),
            "shorten it: the poster has room for a few lines, the handbook for about a page",
        )));
    }
    Ok(())
}

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

fn with_help(message: String, help: &str) -> String {
    format!("{message}{HELP_MARK}{help}")
}

// Likewise a place more precise than serde's, which names where the list starts.
const PLACE_MARK: char = '\u{1e}';

fn at_place(message: String, line: u64, column: u64) -> String {
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

fn contacts<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Contact>>, D::Error> {
    at_most(d, MAX_CONTACTS, "contacts", "a map has room for")
}

fn actions<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Action>>, D::Error> {
    at_most(d, MAX_ACTIONS, "actions", "step 5 takes")
}

fn words<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Text>>, D::Error> {
    at_most(d, MAX_ASSOCIATIONS, "words", "step 1 takes")
}

/// A list that stops being read at its limit, so that 10,000 items cost no more than 201.
fn at_most<'de, D, T>(
    d: D,
    limit: usize,
    items: &'static str,
    room: &'static str,
) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Bounded<T> {
        limit: usize,
        items: &'static str,
        room: &'static str,
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
                        format!(
                            "more than {} {}: {} at most {}; this is number {}",
                            self.limit,
                            self.items,
                            self.room,
                            self.limit,
                            self.limit + 1
                        ),
                        "keep the ones that matter most; the list stops being read here",
                    );
                    let at = item.referenced;
                    return Err(de::Error::custom(at_place(message, at.line(), at.column())));
                }
                out.push(item.value);
            }
            Ok(Some(out))
        }
    }
    d.deserialize_option(Bounded { limit, items, room, item: std::marker::PhantomData })
}

impl Answers {
    /// Empty answers in a language: what the blank poster and the generic handbook show.
    pub fn blank(lang: Lang) -> Self {
        Answers { lang: Some(lang), ..Answers::default() }
    }

    /// The language of the documents (Dutch unless the answers say otherwise).
    pub fn lang(&self) -> Lang {
        self.lang.unwrap_or_default()
    }

    /// Reads and checks an answers file.
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = read_limited(path, MAX_FILE_BYTES)?;
        Self::parse(&bytes, path)
    }

    /// Parses and checks answers; `origin` names the file in messages.
    pub fn parse(bytes: &[u8], origin: &Path) -> Result<Self> {
        check_size(bytes.len() as u64, MAX_FILE_BYTES, origin)?;
        let text = decode(bytes, origin)?;
        Ok(Self::parse_text(text, origin)?)
    }

    /// Parses and checks the text of one YAML document.
    pub fn parse_text(text: &str, origin: &Path) -> Result<Self, Box<InputError>> {
        check_size(text.len() as u64, MAX_FILE_BYTES, origin)?;
        match from_yaml::<Answers>(text, origin)? {
            Some(mut answers) => {
                answers.normalise();
                Ok(answers)
            }
            None => Err(Box::new(InputError::no_answers(origin))),
        }
    }

    /// Drops answers that are only white space, so that they print as writing space.
    fn normalise(&mut self) {
        fn text(v: &mut Option<Text>) {
            if let Some(s) = v {
                let trimmed = s.trim();
                if trimmed.is_empty() {
                    *v = None;
                } else if trimmed.len() != s.len() {
                    *v = Some(Text::from(trimmed));
                }
            }
        }
        self.visit_texts_mut(&mut |_, v| text(v));
        if let Some(what) = &mut self.what
            && let Some(words) = &mut what.associations
        {
            words.retain(|w| !w.trim().is_empty());
            for w in words.iter_mut() {
                *w = Text::from(w.trim());
            }
            if words.is_empty() {
                what.associations = None;
            }
        }
    }

    fn visit_texts_mut(&mut self, f: &mut dyn FnMut(&str, &mut Option<Text>)) {
        if let Some(p) = &mut self.person {
            f("person.name", &mut p.name);
            f("person.organisation", &mut p.organisation);
            f("person.role", &mut p.role);
        }
        if let Some(w) = &mut self.what {
            f("what.network_today", &mut w.network_today);
        }
        if let Some(w) = &mut self.why {
            f("why.other", &mut w.other);
            f("why.statement", &mut w.statement);
        }
        if let Some(l) = &mut self.levels {
            if let Some(p) = &mut l.personal {
                f("levels.personal.offer", &mut p.offer);
                f("levels.personal.attract", &mut p.attract);
                f("levels.personal.goal", &mut p.goal);
                f("levels.personal.contacts", &mut p.contacts);
            }
            if let Some(o) = &mut l.organisation {
                f("levels.organisation.stands_for", &mut o.stands_for);
                f("levels.organisation.expertise", &mut o.expertise);
                f("levels.organisation.ambition", &mut o.ambition);
                f("levels.organisation.needs", &mut o.needs);
            }
        }
        for (i, c) in self.contacts.iter_mut().flatten().enumerate() {
            f(&format!("contacts.{}.where", i + 1), &mut c.r#where);
            f(&format!("contacts.{}.note", i + 1), &mut c.note);
        }
        if let Some(h) = &mut self.how_where {
            f("how_where.places", &mut h.places);
            f("how_where.approach", &mut h.approach);
        }
        if let Some(s) = &mut self.sustain {
            for (i, a) in s.actions.iter_mut().flatten().enumerate() {
                f(&format!("sustain.actions.{}.what", i + 1), &mut a.what);
                f(&format!("sustain.actions.{}.who", i + 1), &mut a.who);
            }
            f("sustain.follow_up", &mut s.follow_up);
            f("sustain.knowledge", &mut s.knowledge);
            f("sustain.evaluation", &mut s.evaluation);
        }
    }

    /// Every piece of text the participant wrote, with the path of its field.
    pub fn texts(&self) -> Vec<(String, String)> {
        let mut copy = self.clone();
        let mut out = Vec::new();
        copy.visit_texts_mut(&mut |path, v| {
            if let Some(s) = v {
                out.push((path.to_string(), s.0.clone()));
            }
        });
        for (i, w) in self.what.iter().flat_map(|w| w.associations.iter().flatten()).enumerate() {
            out.push((format!("what.associations.{}", i + 1), w.0.clone()));
        }
        for (i, c) in self.contacts.iter().flatten().enumerate() {
            out.push((format!("contacts.{}.name", i + 1), c.name.0.clone()));
        }
        out
    }

    /// The answers as the templates read them, at `/answers.json`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("answers always serialise")
    }
}

/// The JSON Schema of the answers file, made from the types above so that it cannot drift
/// from what netkaart reads. Draft 7, which editors' YAML plugins understand.
pub fn json_schema() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<Answers>();
    schema.insert("title".into(), "netkaart answers (version 1)".into());
    schema.insert(
        "description".into(),
        "A participant's answers to the five steps of the poster 'Je netwerk uitbreiden en in kaart brengen'. Start one with `netkaart init`; check one with `netkaart check`.".into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}

/// Reads a file, refusing it once it is larger than `limit` bytes without reading the rest.
pub(crate) fn read_limited(path: &Path, limit: usize) -> Result<Vec<u8>> {
    use std::io::Read;
    let read_error = |source| Error::Read { path: path.into(), source };
    let file = std::fs::File::open(path).map_err(read_error)?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(read_error(std::io::Error::from(std::io::ErrorKind::IsADirectory)));
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(read_error)?;
    if bytes.len() > limit {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        check_size(size, limit, path)?;
    }
    Ok(bytes)
}

/// Refuses input larger than `limit` bytes, saying how large it is.
pub(crate) fn check_size(size: u64, limit: usize, origin: &Path) -> Result<(), Box<InputError>> {
    if size <= limit as u64 {
        return Ok(());
    }
    Err(Box::new(
        InputError::new(
            origin,
            format!(
                "the file is {}; a netkaart file may be at most {}",
                megabytes(size),
                megabytes(limit as u64)
            ),
        )
        .help("a filled-in answers file is a few kilobytes: is this the right file?"),
    ))
}

/// Sizes near the limit in bytes, so that "1.0 MiB" never reads as within "1 MiB".
fn megabytes(bytes: u64) -> String {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    if bytes.is_multiple_of(1024 * 1024) {
        format!("{mib:.0} MiB")
    } else if mib >= 10.0 {
        format!("{mib:.1} MiB")
    } else {
        format!("{} bytes", thousands(bytes as usize))
    }
}

/// Decodes the bytes of a YAML file: UTF-8, with or without a byte order mark.
pub(crate) fn decode<'a>(bytes: &'a [u8], origin: &Path) -> Result<&'a str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(InputError::new(origin, "the file is UTF-16 text")
            .help("save it as UTF-8 (in most editors: Save as… → Encoding: UTF-8)")
            .into());
    }
    std::str::from_utf8(bytes).map_err(|err| {
        let offset = err.valid_up_to();
        let before = &bytes[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = offset - before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        let mut e = InputError::new(origin, "the file is not UTF-8 text")
            .help("save it as UTF-8 (in most editors: Save as… → Encoding: UTF-8)");
        e.line = Some(line as u64);
        e.column = Some(column as u64);
        e.into()
    })
}

/// Reads one YAML document into `T` with the settings every netkaart file shares: strict
/// booleans, duplicate keys refused, the budgets, and messages that name the field. `None`
/// when the document is empty.
pub(crate) fn from_yaml<T: serde::de::DeserializeOwned>(
    text: &str,
    origin: &Path,
) -> Result<Option<T>, Box<InputError>> {
    prescan(text, origin)?;
    deserialize_yaml(text)
        .map_err(|failure| Box::new(InputError::from_yaml(origin, text, &failure.1, &failure.0)))
}

/// Reads the whole YAML event stream once, before any of it is interpreted, and refuses
/// nesting, anchors and aliases beyond the budgets, at the place where the budget is
/// crossed. Reading is lazy and stops at the first value of the wrong kind, so that
/// without this a bomb hidden under an unknown key would be refused for the key, and a
/// message would never say what the real trouble is. Syntax errors are left to the
/// reading proper, which explains them better.
pub(crate) fn prescan(text: &str, origin: &Path) -> Result<(), Box<InputError>> {
    use granit_parser::{Event, Parser};
    // The values each open collection holds so far, with aliases counted as what they
    // repeat, and its anchor.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut sizes: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut total = 0usize;
    let mut aliases = 0usize;
    let mut anchors = 0usize;
    let options = granit_parser::options! {
        flow_nesting_limit: MAX_DEPTH,
        block_nesting_limit: MAX_DEPTH + 1,
    };
    let crossed = |breach: BudgetBreach, at: granit_parser::Marker| {
        let (message, help) = budget_message(&breach);
        let err = InputError::new(origin, message).help(help.unwrap_or_default());
        Err(Box::new(err.at(text, at.line() as u64, at.col() as u64 + 1)))
    };
    for item in Parser::new_from_str_with_options(text, options) {
        let (event, span) = match item {
            Ok(item) => item,
            Err(err) if matches!(err.kind(), granit_parser::ErrorKind::RecursionLimitExceeded) => {
                return crossed(BudgetBreach::Depth { depth: MAX_DEPTH + 1 }, *err.marker());
            }
            Err(_) => return Ok(()),
        };
        let mut add = |n: usize, open: &mut Vec<(usize, usize)>| {
            total = total.saturating_add(n);
            if let Some(top) = open.last_mut() {
                top.0 = top.0.saturating_add(n);
            }
        };
        match event {
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                add(1, &mut open);
                open.push((0, anchor));
                anchors += usize::from(anchor > 0);
                if open.len() > MAX_DEPTH {
                    return crossed(BudgetBreach::Depth { depth: open.len() }, span.start);
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((size, anchor)) = open.pop() {
                    if anchor > 0 {
                        sizes.insert(anchor, size + 1);
                    }
                    if let Some(top) = open.last_mut() {
                        top.0 = top.0.saturating_add(size);
                    }
                }
            }
            Event::Scalar(_, _, anchor, _) => {
                add(1, &mut open);
                if anchor > 0 {
                    anchors += 1;
                    sizes.insert(anchor, 1);
                }
            }
            Event::Alias(anchor) => {
                aliases += 1;
                let size = sizes.get(&anchor).copied().unwrap_or(1);
                add(size, &mut open);
            }
            _ => {}
        }
        if aliases + anchors > MAX_ALIASES || total > MAX_NODES {
            let breach = if aliases + anchors > MAX_ALIASES || aliases > 0 {
                BudgetBreach::Aliases { aliases }
            } else {
                BudgetBreach::Nodes { nodes: total }
            };
            return crossed(breach, span.start);
        }
    }
    Ok(())
}

/// The YAML reading under [`from_yaml`], with the error as serde-saphyr gives it and the
/// dotted path of the field where it happened.
pub(crate) fn deserialize_yaml<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<Option<T>, Box<(serde_saphyr::Error, String)>> {
    let mut field = String::new();
    let options = serde_saphyr::options! {
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        // An answers file nests four levels and needs no anchors; these budgets are far above
        // any real file and far below what makes a hostile one (an alias bomb, 10,000 levels
        // of brackets) expensive.
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_nodes: MAX_NODES,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_NODES,
            max_replay_stack_depth: MAX_DEPTH,
        },
    };
    let parsed = serde_saphyr::with_deserializer_from_str_with_options(text, options, |de| {
        serde_path_to_error::deserialize::<_, Option<T>>(de).map_err(|err| {
            field = dotted_path(err.path());
            err.into_inner()
        })
    });
    parsed.map_err(|err| Box::new((err, field)))
}

fn is_group(expected: &str) -> bool {
    expected.starts_with("struct") || expected.contains("sequence") || expected.contains("map")
}

fn group(field: &str, expected: &str) -> Option<(String, Option<String>)> {
    Some((
        format!(
            "'{field}' holds {}, not a single value",
            if expected.contains("sequence") { "a list" } else { "a group of fields" }
        ),
        Some("name one value inside it, such as person.name or contacts.1.name".into()),
    ))
}

/// For a spreadsheet column: when answers that hold only that column's value fail because
/// the path is wrong (an unknown key, or a group where one value belongs), what is wrong
/// and a suggestion. A value of the wrong kind is not the path's fault: `None`.
pub(crate) fn shape_problem(text: &str) -> Option<(String, Option<String>)> {
    use serde_saphyr::Error as E;
    let (err, field) = *deserialize_yaml::<Answers>(text).err()?;
    match innermost(&err) {
        E::SerdeUnknownField { .. } => {
            let e = InputError::from_yaml(Path::new(""), text, &field, &err);
            Some((e.message, e.help))
        }
        E::SerdeInvalidType { expected, .. } if is_group(expected) => group(&field, expected),
        E::Unexpected { expected, .. } if is_group(expected) => group(&field, expected),
        _ => None,
    }
}

/// A serde path as the dotted, one-based path the messages use: `contacts.3.kind`.
fn dotted_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = Vec::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push((index + 1).to_string()),
            // Items of the bounded lists are read as `Spanned`, whose `value` is the item;
            // no key of the schema is called `value`.
            Segment::Map { key } if key == "value" => {}
            Segment::Map { key } => out.push(key.clone()),
            Segment::Enum { variant } => out.push(variant.clone()),
            Segment::Unknown => {}
        }
    }
    out.join(".")
}

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
fn budget_message(breach: &BudgetBreach) -> (String, Option<String>) {
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
fn innermost(err: &serde_saphyr::Error) -> &serde_saphyr::Error {
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

    #[test]
    fn only_days_that_exist_are_dates() {
        assert_eq!(Date::parse("2028-02-29"), Ok((2028, 2, 29)));
        assert!(Date::parse("2027-02-29").unwrap_err().contains("has 28 days"));
        assert!(Date::parse("2100-02-29").is_err());
        assert!(Date::parse("2000-02-29").is_ok());
        assert!(Date::parse("2027-13-01").unwrap_err().contains("no month 13"));
        assert!(Date::parse("2027-1-5").unwrap_err().contains("yyyy-mm-dd"));
        assert!(Date::parse("5 januari").is_err());
    }

    #[test]
    fn white_space_answers_count_as_absent() {
        let answers = Answers::parse(
            b"version: 1\nwhy: {statement: '   ', other: ' keep '}\nwhat: {associations: [' ', a]}\n",
            Path::new("x.yaml"),
        )
        .unwrap();
        let why = answers.why.unwrap();
        assert_eq!(why.statement, None);
        assert_eq!(why.other.as_deref(), Some("keep"));
        assert_eq!(answers.what.unwrap().associations, Some(vec![Text::from("a")]));
    }

    #[test]
    fn a_utf8_byte_order_mark_is_fine() {
        let answers = Answers::parse(b"\xEF\xBB\xBFversion: 1\nlang: en\n", Path::new("x.yaml"));
        assert_eq!(answers.unwrap().lang, Some(Lang::En));
    }
}
