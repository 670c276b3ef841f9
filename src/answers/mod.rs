//! The answers file, schema version 1: a participant's answers to the five steps, as typed
//! structs. These types are the schema: the JSON Schema (`netkaart schema`), the starter
//! file's keys, the walk over the texts and a spreadsheet's column kinds all come from them.
//! How a file is read is in [`crate::reading`]; what is wrong with one, in
//! [`crate::input_error`].

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::input_error::InputError;
use crate::limits::MAX_FILE_BYTES;
use crate::reading::{check_size, declared_lang, decode, prescan, read_limited};

pub mod checker;
pub mod fields;
mod values;
mod write;

pub(crate) use write::wrap;

pub use crate::lang::Lang;
pub use values::{Date, Name, Ring, Text, Version};

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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = 200))]
    pub contacts: Option<Vec<Contact>>,
    /// Step 4: how and where you make contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how_where: Option<HowWhere>,
    /// Step 5: keeping the network alive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sustain: Option<Sustain>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

impl Answers {
    /// Empty answers in a language: what the blank poster and the generic handbook show.
    pub fn blank(lang: Lang) -> Self {
        Answers { lang: Some(lang), ..Answers::default() }
    }

    /// Whether nothing is answered: a language alone answers nothing.
    pub fn is_empty(&self) -> bool {
        let answered = Answers { lang: None, ..self.clone() };
        answered == Answers { version: self.version, ..Answers::default() }
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

    /// Parses and checks the text of one YAML document: the answers, or the first of its
    /// problems.
    pub fn parse_text(text: &str, origin: &Path) -> Result<Self, Box<InputError>> {
        Self::read_text(text, origin).map_err(|mut problems| Box::new(problems.swap_remove(0)))
    }

    /// Reads the text of one YAML document in two steps, the tree and the checker: the
    /// answers, or every problem (at least one) in the order of the lines, each worded in
    /// the language the answers are written for.
    pub fn read_text(text: &str, origin: &Path) -> Result<Self, Vec<InputError>> {
        let lang = declared_lang(text);
        let worded = |mut e: InputError| {
            e.lang = e.lang.or(lang);
            e
        };
        if let Err(e) = check_size(text.len() as u64, MAX_FILE_BYTES, origin)
            .and_then(|()| prescan(text, origin))
        {
            return Err(vec![worded(*e)]);
        }
        let read = crate::tree::yaml::read(text);
        let mut problems = Vec::new();
        if let Some(tree) = &read.tree {
            let checked = checker::check(tree, true);
            if let (Some(answers), None) = (checked.answers, &read.stopped) {
                return Ok(answers);
            }
            // After a syntax error, only what was read whole before it is certain: the
            // groups it cut off would be missing keys of its own making.
            let whole = |p: &checker::Placed| match &read.stopped {
                None => true,
                Some(_) => {
                    !matches!(p.problem, crate::problem::Problem::MissingKey { .. })
                        && p.at.line_column().is_some_and(|at| at <= read.whole_before)
                }
            };
            let placed = checked.problems.into_iter().filter(whole);
            problems.extend(placed.map(|p| InputError::placed(origin, text, p)));
        }
        let end = match read.stopped {
            Some((problem, at)) => Some(checker::Placed { problem, at, field: read.field }),
            None if read.tree.is_none() => Some(checker::Placed {
                problem: crate::problem::Problem::NoAnswers,
                at: crate::tree::Origin::Added,
                field: String::new(),
            }),
            None => None,
        };
        problems.extend(end.map(|p| InputError::placed(origin, text, p)));
        // The checker names a group's missing key where the group starts; the file is read
        // from the top.
        problems.sort_by_key(|e| (e.line.unwrap_or(0), e.column.unwrap_or(0)));
        Err(problems.into_iter().map(worded).collect())
    }

    /// Every piece of text the participant wrote, with the path of its field, in the order
    /// of the schema.
    pub fn texts(&self) -> Vec<(String, String)> {
        fields::texts(&self.to_json())
    }

    /// The answers as the templates read them, at `/answers.json`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("answers always serialise")
    }
}

/// The JSON Schema of the answers file, made from the types above so that it cannot drift
/// from what netkaart reads. Draft 7, which editors' YAML plugins understand.
pub fn json_schema() -> String {
    schema_text(schema_value(Lang::FALLBACK))
}

/// The JSON Schema with its descriptions in `lang`: each field described as the starter
/// file's comment describes it, each value of a fixed list by the poster's words for it.
pub fn json_schema_in(lang: Lang) -> String {
    let mut schema = schema_value(lang);
    let words = crate::templates::words(lang);
    let mut definitions = schema["definitions"].take();
    describe(&mut schema, &mut definitions, "", words);
    schema["definitions"] = definitions;
    schema_text(schema)
}

fn schema_value(lang: Lang) -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<Answers>().to_value();
    // The comments are netkaart's notes to itself (`fields::type_name`), not the reader's.
    fn uncomment(node: &mut serde_json::Value) {
        match node {
            serde_json::Value::Object(map) => {
                map.remove("$comment");
                map.values_mut().for_each(uncomment);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(uncomment),
            _ => {}
        }
    }
    uncomment(&mut schema);
    let say = |key: &'static str| crate::messages::Message::new(key).render(lang);
    schema["title"] = say("schema.title").into();
    schema["description"] = say("schema.description").into();
    schema
}

fn schema_text(schema: serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}

/// Sets the descriptions under `node` (the field at `path`), following references into
/// `definitions`.
fn describe(
    node: &mut serde_json::Value,
    definitions: &mut serde_json::Value,
    path: &str,
    words: &serde_json::Value,
) {
    use serde_json::Value;
    if let Some(name) = fields::type_name(node) {
        if let Some(list) = crate::lists::by_type(&name)
            && let Some(values) = definitions[&name]["oneOf"].as_array_mut()
        {
            for value in values {
                let key = value["const"].as_str().unwrap_or_default().to_string();
                // A language is named in its own words.
                let label = match Lang::from_code(&key) {
                    Some(l) if list.section == "name" => crate::templates::words(l)["name"].clone(),
                    _ => words[list.section][&key].clone(),
                };
                if label.is_string() {
                    value["description"] = label;
                }
            }
            if let Some(definition) = definitions[&name].as_object_mut() {
                definition.remove("description");
            }
        }
        let mut inner = definitions[&name].take();
        describe(&mut inner, definitions, path, words);
        definitions[&name] = inner;
    }
    if let Some(properties) = node.get_mut("properties").and_then(Value::as_object_mut) {
        for (key, child) in properties.iter_mut() {
            let path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            let text = Some(fields::comment(words, &fields::comment_key(&path)))
                .filter(|t| !t.is_empty())
                // The starter's instructions for its commented-out lines are not the field's.
                .map(|t| {
                    if t.contains('#') {
                        t.split(':').next().unwrap_or(&t).trim_end().to_string()
                    } else {
                        t
                    }
                });
            if let Some(text) = text {
                child["description"] = text.clone().into();
                if let Some(name) = fields::type_name(child) {
                    definitions[&name]["description"] = text.into();
                }
            }
            describe(child, definitions, &path, words);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_list_of_only_blank_words_is_absent_and_other_lists_keep_their_items() {
        let answers = Answers::parse(
            b"version: 1\nwhat: {associations: ['  ']}\ncontacts: [{name: A, where: ' '}, {name: B}]\nsustain: {actions: [{what: ' x'}]}\n",
            Path::new("x.yaml"),
        )
        .unwrap();
        assert_eq!(answers.what.unwrap().associations, None);
        let contacts = answers.contacts.unwrap();
        assert_eq!(contacts.len(), 2);
        assert_eq!(contacts[0].r#where, None);
        let actions = answers.sustain.unwrap().actions.unwrap();
        assert_eq!(actions[0].what.as_deref(), Some("x"));
    }

    #[test]
    fn every_text_is_found_with_its_path_and_dates_and_choices_are_not_texts() {
        let answers = Answers::parse(
            b"version: 1\nperson: {name: An, date: 2026-12-03}\nwhat: {associations: [a, b]}\ncontacts: [{name: Luc, kind: colleague, note: n}]\nsustain: {actions: [{who: Mira, term: short}], evaluation: e}\n",
            Path::new("x.yaml"),
        )
        .unwrap();
        let paths: Vec<String> = answers.texts().into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            paths,
            [
                "person.name",
                "what.associations.1",
                "what.associations.2",
                "contacts.1.name",
                "contacts.1.note",
                "sustain.actions.1.who",
                "sustain.evaluation"
            ]
        );
    }

    #[test]
    fn a_utf8_byte_order_mark_is_fine() {
        let answers = Answers::parse(b"\xEF\xBB\xBFversion: 1\nlang: en\n", Path::new("x.yaml"));
        assert_eq!(answers.unwrap().lang, Some(Lang::En));
    }
}
