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

/// The message files, by language.
const FILES: &[(Lang, &str)] = &[
    (Lang::Nl, include_str!("../templates/lang/messages/nl.yaml")),
    (Lang::En, include_str!("../templates/lang/messages/en.yaml")),
];

/// A message: its key in the message files and the values of its placeholders; or a word
/// of the documents' language files (a kind's name on the poster), by its path there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    key: Cow<'static, str>,
    args: Vec<(Cow<'static, str>, Arg)>,
    word: bool,
}

/// The value of a placeholder: as given, or a message of its own, worded in the same
/// language as the message around it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Arg {
    Plain(String),
    Text(Box<Text>),
    List(Vec<Text>, &'static str),
}

impl Text {
    /// The message at `key` (`input.unknown_key`), without values yet.
    pub fn new(key: &'static str) -> Self {
        Text { key: Cow::Borrowed(key), args: Vec::new(), word: false }
    }

    /// The word at `path` of the documents' language files (`kinds.neighbour`), in the
    /// language of the message around it.
    pub fn word(path: String) -> Self {
        Text { key: Cow::Owned(path), args: Vec::new(), word: true }
    }

    /// With `{name}` standing for `value`.
    pub fn arg(mut self, name: &'static str, value: impl Display) -> Self {
        self.args.push((Cow::Borrowed(name), Arg::Plain(value.to_string())));
        self
    }

    /// With `{name}` standing for another message.
    pub fn with(mut self, name: &'static str, value: Text) -> Self {
        self.args.push((Cow::Borrowed(name), Arg::Text(Box::new(value))));
        self
    }

    /// With `{name}` standing for several messages, joined by `separator`.
    pub fn list(mut self, name: &'static str, items: Vec<Text>, separator: &'static str) -> Self {
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
            let word = crate::templates::at(&words, &self.key).as_str().map(str::to_string);
            return word.unwrap_or_else(|| panic!("the language files hold {}", self.key));
        }
        let mut out = template(lang, &self.key).to_string();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Plain(s) => s.clone(),
                Arg::Text(t) => t.render(lang),
                Arg::List(items, sep) => {
                    items.iter().map(|t| t.render(lang)).collect::<Vec<_>>().join(sep)
                }
            };
            out = out.replace(&format!("{{{name}}}"), &value);
        }
        out
    }
}

impl Display for Text {
    /// The message in the reader's language ([`reader`]).
    fn fmt(&self, f: &mut Formatter) -> fmt::Result {
        f.write_str(&self.render(reader()))
    }
}

/// A message's wording in `lang`, by its dotted key.
fn template(lang: Lang, key: &str) -> &'static str {
    crate::templates::at(words(lang), key)
        .as_str()
        .unwrap_or_else(|| panic!("the message files hold {key}"))
}

/// The message file of `lang`, parsed once, when first asked for (a command that speaks
/// one language parses one file).
pub fn words(lang: Lang) -> &'static Value {
    static PARSED: [OnceLock<Value>; 2] = [OnceLock::new(), OnceLock::new()];
    let index = usize::from(lang == Lang::En);
    PARSED[index].get_or_init(|| {
        let text = FILES.iter().find(|(l, _)| *l == lang).expect("a message file").1;
        serde_saphyr::from_str(text).expect("valid message files")
    })
}

/// The reader's language as set, 0 when not set.
static READER: AtomicU8 = AtomicU8::new(0);

/// Sets the language of the messages that carry none of their own (`--lang`).
pub fn set_reader(lang: Lang) {
    READER.store(code(lang), Ordering::Relaxed);
}

fn code(lang: Lang) -> u8 {
    match lang {
        Lang::Nl => 1,
        Lang::En => 2,
    }
}

/// The language of the messages that carry none of their own: the one set, else the
/// environment's, else English.
pub fn reader() -> Lang {
    match READER.load(Ordering::Relaxed) {
        1 => Lang::Nl,
        2 => Lang::En,
        _ => env_lang().unwrap_or(Lang::En),
    }
}

/// The language that the environment asks for, the first of `LC_ALL`, `LC_MESSAGES` and
/// `LANG` that is set deciding, as for any program: `nl_BE.UTF-8` is Dutch.
pub fn env_lang() -> Option<Lang> {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())?;
    match value.get(..2) {
        Some("nl") => Some(Lang::Nl),
        Some("en") => Some(Lang::En),
        _ => None,
    }
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
    walk(words(lang), "", &mut out);
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
