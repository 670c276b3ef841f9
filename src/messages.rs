//! What netkaart says to its reader (problems, warnings, summaries), worded in the message
//! files `templates/lang/messages/*.yaml`, in the reader's language: the answers' own
//! `lang`, else the language asked for (`--lang`), else the environment's (`LC_ALL`,
//! `LC_MESSAGES`, `LANG`), else English. A message is kept as its key and its values until
//! it is shown, so that the place that shows it can choose the language.

use std::borrow::Cow;
use std::fmt::{self, Display, Formatter};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use serde_json::Value;

use crate::lang::Lang;

/// A message: its key in the message files and the values of its placeholders; or a word
/// of the documents' language files (a kind's name on the poster), by its path there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    key: Cow<'static, str>,
    args: Vec<(Cow<'static, str>, Arg)>,
    word: bool,
}

/// The value of a placeholder: as given, or a message of its own, worded in the same
/// language as the message around it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Arg {
    Plain(String),
    Message(Box<Message>),
    List(Vec<Message>, &'static str),
}

impl Message {
    /// The message at `key` (`input.unknown_key`), without values yet.
    pub fn new(key: &'static str) -> Self {
        Message { key: Cow::Borrowed(key), args: Vec::new(), word: false }
    }

    /// The word at `path` of the documents' language files (`kinds.neighbour`), in the
    /// language of the message around it.
    pub fn word(path: String) -> Self {
        Message { key: Cow::Owned(path), args: Vec::new(), word: true }
    }

    /// With `{name}` standing for `value`.
    pub fn arg(mut self, name: &'static str, value: impl Display) -> Self {
        self.args.push((Cow::Borrowed(name), Arg::Plain(value.to_string())));
        self
    }

    /// With `{name}` standing for another message.
    pub fn with(mut self, name: &'static str, value: Message) -> Self {
        self.args.push((Cow::Borrowed(name), Arg::Message(Box::new(value))));
        self
    }

    /// With `{name}` standing for several messages, joined by `separator`.
    pub fn list(
        mut self,
        name: &'static str,
        items: Vec<Message>,
        separator: &'static str,
    ) -> Self {
        self.args.push((Cow::Borrowed(name), Arg::List(items, separator)));
        self
    }

    /// Its key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        if self.word {
            let words = crate::templates::words(lang);
            let word = crate::templates::at(words, &self.key).as_str().map(str::to_string);
            return word.unwrap_or_else(|| panic!("the language files hold {}", self.key));
        }
        let mut out = template(lang, &self.key).to_string();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Plain(s) => s.clone(),
                Arg::Message(t) => t.render(lang),
                Arg::List(items, sep) => {
                    items.iter().map(|t| t.render(lang)).collect::<Vec<_>>().join(sep)
                }
            };
            out = out.replace(&format!("{{{name}}}"), &value);
        }
        out
    }
}

impl Display for Message {
    /// The message in the reader's language ([`reader`]).
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        f.write_str(&self.render(reader()))
    }
}

/// A message's wording in `lang`, by its dotted key.
fn template(lang: Lang, key: &str) -> &'static str {
    crate::templates::at(catalogue(lang), key)
        .as_str()
        .unwrap_or_else(|| panic!("the message files hold {key}"))
}

/// The message file of `lang`, parsed once, when first asked for (a command that speaks
/// one language parses one file).
pub fn catalogue(lang: Lang) -> &'static Value {
    static PARSED: [OnceLock<Value>; crate::lang::COUNT] =
        [const { OnceLock::new() }; crate::lang::COUNT];
    PARSED[lang.index()]
        .get_or_init(|| serde_saphyr::from_str(lang.messages_file()).expect("valid message files"))
}

/// The reader's language as set: its place in `Lang::ALL` plus one; 0 when not set.
static READER: AtomicU8 = AtomicU8::new(0);

/// Sets the language of the messages that carry none of their own (`--lang`).
pub fn set_reader(lang: Lang) {
    let place = u8::try_from(lang.index() + 1).expect("fewer than 255 languages");
    READER.store(place, Ordering::Relaxed);
}

/// The language of the messages that carry none of their own: the one set, else the
/// environment's, else English.
pub fn reader() -> Lang {
    match usize::from(READER.load(Ordering::Relaxed)).checked_sub(1) {
        Some(index) => Lang::ALL[index],
        None => env_lang().unwrap_or(Lang::FALLBACK),
    }
}

/// The language that the environment asks for, the first of `LC_ALL`, `LC_MESSAGES` and
/// `LANG` that is set deciding, as for any program: `nl_BE.UTF-8` is Dutch.
pub fn env_lang() -> Option<Lang> {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())?;
    Lang::from_code(value.get(..2)?)
}

/// Every key of a message file, dotted, for the test that both languages have them all.
pub fn keys(lang: Lang) -> Vec<String> {
    fn walk(v: &Value, path: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    walk(child, &p, out);
                }
            }
            _ => out.push(path.to_string()),
        }
    }
    let mut out = Vec::new();
    walk(catalogue(lang), "", &mut out);
    out.sort();
    out
}

/// 4000 → "4,000".
pub fn thousands(n: usize) -> String {
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
