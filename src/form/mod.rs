//! The questions of an online form (Google Forms, Microsoft Forms, LimeSurvey) whose export
//! `batch` and `check` read as it is: each value of the answers as a question titled in the
//! poster's own words, with its type and its options, one section per step. The titles are
//! also how a spreadsheet's header is read back ([`key_of_title`]), in either language.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::answers::Lang;
use crate::answers::fields::{self, Field};
use crate::labels::fold;
use crate::limits::{MAX_ACTIONS, MAX_CONTACTS};
use crate::templates::words;

mod fill;
mod write;

pub use fill::fields_of;
pub use write::{csv, markdown, xlsx};

/// How many contact groups a form asks for: the map of a typical participant. More can be
/// added, numbered on.
pub const FORM_CONTACTS: usize = 12;
/// How many action groups a form asks for: the rows of the poster's action table.
pub const FORM_ACTIONS: usize = 4;

/// What kind of question a form tool offers for a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// A line of text.
    Short,
    /// A paragraph.
    Long,
    /// A line of words separated by commas.
    Words,
    /// One of a list (radio buttons or a drop-down).
    One,
    /// Any of a list (check boxes).
    Several,
    /// A date.
    Date,
}

impl Control {
    /// The key of its name in the language files' `form.kinds`.
    pub fn word_key(self) -> &'static str {
        match self {
            Control::Short => "short",
            Control::Long => "long",
            Control::Words => "words",
            Control::One => "one",
            Control::Several => "several",
            Control::Date => "date",
        }
    }
}

/// One question of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The dotted path of its value, with list numbers (`contacts.1.kind`).
    pub key: String,
    /// Its title: the poster's words, which the export's header repeats.
    pub title: String,
    /// The kind of question.
    pub kind: Control,
    /// The options to tick, in the poster's words; empty for text and dates.
    pub options: Vec<String>,
}

/// A section of the form: a step of the poster, a contact, an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Its title.
    pub title: String,
    /// Its questions, in order.
    pub questions: Vec<Question>,
}

/// Where the language files hold the title of the value at `pattern`: its name in
/// `fields` (`fields.contacts.kind`: "Soort"), else its step's question
/// (`steps.what.prompts.associations`). A named field is asked in a line, a step's question
/// in a paragraph. Contacts and actions are titled "Contact 1: …", "Action 1: …" from
/// `form.contact` and `form.action`.
fn title_path(w: &Value, pattern: &str) -> (String, bool) {
    let named = format!("fields.{pattern}");
    if crate::templates::at(w, &named).is_string() {
        return (named, true);
    }
    let (top, rest) = pattern.split_once('.').unwrap_or((pattern, ""));
    let leaf = rest.rsplit('.').next().unwrap_or(rest);
    (format!("steps.{top}.prompts.{leaf}"), false)
}

/// The text at a dotted path of a language file.
fn word(w: &Value, path: &str) -> String {
    crate::templates::at(w, path)
        .as_str()
        .unwrap_or_else(|| panic!("the language files hold {path}"))
        .to_string()
}

/// The form in `lang`: its sections in the poster's order.
pub fn sections(lang: Lang) -> Vec<Section> {
    let w = words(lang);
    let mut out: Vec<Section> = Vec::new();
    for pattern in fields::values() {
        if pattern == "version" {
            continue;
        }
        let top = pattern.split('.').next().unwrap_or_default();
        let group = group_of(pattern);
        let count = match group {
            Some("form.contact") => FORM_CONTACTS,
            Some(_) => FORM_ACTIONS,
            None => 1,
        };
        // A contact's or an action's section follows its step's, which holds the step's
        // other questions.
        let step = section_title(w, top);
        if !out.iter().any(|s| s.title == step) {
            out.push(Section { title: step, questions: Vec::new() });
        }
        for n in 1..=count {
            let title = match group {
                Some(g) => word(w, g).replace("{n}", &n.to_string()),
                None => section_title(w, top),
            };
            let question = question(w, pattern, group.map(|_| n));
            // The fields of one contact follow each other in the answers, not in the form:
            // each group's questions go to its own section.
            match out.iter_mut().find(|s| s.title == title) {
                Some(section) => section.questions.push(question),
                None => out.push(Section { title, questions: vec![question] }),
            }
        }
    }
    out
}

/// The lists whose items a form repeats, by the dotted path of the list.
pub const LISTS: &[&str] = &["contacts", "sustain.actions"];

/// One item of a list ([`LISTS`]) as a form that adds items as it goes shows it: the
/// group's title with `{n}` for its number ("Contact {n}"), and its questions, titled
/// without the number and keyed with `{n}` (`contacts.{n}.kind`).
pub fn item(lang: Lang, list: &str) -> (String, Vec<Question>) {
    let w = words(lang);
    let prefix = format!("{list}.");
    let questions: Vec<Question> = fields::values()
        .filter(|p| p.starts_with(&prefix))
        .map(|pattern| {
            let q = question(w, pattern, None);
            Question { key: format!("{list}.{{n}}.{}", &pattern[prefix.len()..]), ..q }
        })
        .collect();
    let group = group_of(&prefix).expect("a list of groups");
    (word(w, group), questions)
}

/// The language-file key of the group title of a list item's field ("Contact {n}").
fn group_of(pattern: &str) -> Option<&'static str> {
    if pattern.starts_with("contacts.") {
        Some("form.contact")
    } else if pattern.starts_with("sustain.actions.") {
        Some("form.action")
    } else {
        None
    }
}

/// A step's title as the poster numbers it ("Stap 1 Wat?"), or the person's section.
fn section_title(w: &Value, top: &str) -> String {
    let steps = ["what", "why", "levels", "how_where", "sustain"];
    match steps.iter().position(|s| *s == top) {
        Some(i) => {
            format!("{} {} {}", word(w, "step_word"), i + 1, word(w, &format!("steps.{top}.title")))
        }
        None => word(w, "form.person"),
    }
}

/// The question for the value at `pattern`, in group `n` of a list of groups.
fn question(w: &Value, pattern: &str, n: Option<usize>) -> Question {
    let (source, named) = title_path(w, pattern);
    let title = word(w, &source);
    let (key, title) = match (n, group_of(pattern)) {
        (Some(n), Some(group)) => {
            let (list, field) = pattern.rsplit_once('.').expect("a field of a list item");
            let group = word(w, group).replace("{n}", &n.to_string());
            (format!("{list}.{n}.{field}"), crate::templates::labelled(w, &group, &title))
        }
        _ => (pattern.to_string(), title),
    };
    let options = options(w, pattern);
    let kind = match fields::field(pattern) {
        Some(Field::List(item)) if matches!(**item, Field::Choice) => Control::Several,
        Some(Field::List(_)) => Control::Words,
        Some(Field::Date) => Control::Date,
        _ if !options.is_empty() => Control::One,
        _ if named => Control::Short,
        _ => Control::Long,
    };
    Question { key, title, kind, options }
}

fn options(w: &Value, pattern: &str) -> Vec<String> {
    let keys: Vec<String> = if fields::field(pattern) == Some(&Field::YesNo) {
        vec!["true".into(), "false".into()]
    } else {
        let Some(list) = fields::list(pattern) else { return Vec::new() };
        match fields::choices(pattern) {
            // A ring, a number: in the order of the language file's rings.
            [] => w[list.section]
                .as_object()
                .expect("a section of labels")
                .keys()
                .filter(|k| k.parse::<u8>().is_ok())
                .cloned()
                .collect(),
            // In the order the types declare the values, which is the poster's.
            values => values.to_vec(),
        }
    };
    keys.iter().filter_map(|key| label(w, pattern, key)).collect()
}

/// The option that the form shows for the value `key` of the fixed-list value at
/// `pattern` (`colleague` → "Collega’s", `2` → "2 Regelmatig", `true` → "Ja"), or `None`
/// for a value that has no fixed list or a key outside it.
pub(crate) fn label(w: &Value, pattern: &str, key: &str) -> Option<String> {
    if fields::field(pattern) == Some(&Field::YesNo) {
        return match key {
            "true" => Some(word(w, "form.yes")),
            "false" => Some(word(w, "form.no")),
            _ => None,
        };
    }
    let list = fields::list(pattern)?;
    match w.get(list.section)? {
        // One word for the whole list: each language's own name names its code.
        Value::String(_) => Lang::from_code(key).map(|l| word(words(l), list.section)),
        section => {
            let label = section.get(key)?.as_str()?;
            Some(if list.numbered { format!("{key} {label}") } else { label.to_string() })
        }
    }
}

/// The dotted key that a column's header names by its question title, in either language
/// (case, accents, spaces and punctuation forgiven), for any number of contacts and actions
/// up to the limits.
pub fn key_of_title(header: &str) -> Option<&'static str> {
    static TITLES_BY_FOLD: OnceLock<HashMap<String, String>> = OnceLock::new();
    let all = TITLES_BY_FOLD.get_or_init(|| {
        let mut map = HashMap::new();
        for &lang in Lang::ALL {
            let w = words(lang);
            for pattern in fields::values() {
                if pattern == "version" {
                    continue;
                }
                let count = match group_of(pattern) {
                    Some("form.contact") => MAX_CONTACTS,
                    Some(_) => MAX_ACTIONS,
                    None => 0,
                };
                if count == 0 {
                    let q = question(w, pattern, None);
                    map.insert(fold(&q.title), q.key);
                }
                for n in 1..=count {
                    let q = question(w, pattern, Some(n));
                    map.insert(fold(&q.title), q.key);
                }
            }
        }
        map
    });
    all.get(&fold(header)).map(String::as_str)
}

/// The question title of either language nearest to `header`, when it is close enough to
/// be a slip ("Wat associeer je met netwerk?").
pub fn closest_title(header: &str) -> Option<String> {
    static TITLES: OnceLock<Vec<String>> = OnceLock::new();
    let titles = TITLES.get_or_init(|| {
        Lang::ALL
            .iter()
            .flat_map(|l| sections(*l))
            .flat_map(|s| s.questions)
            .map(|q| q.title)
            .collect()
    });
    let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
    crate::suggest::closest(header, &refs).map(str::to_string)
}
