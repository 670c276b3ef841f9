//! Answers turned back into a form's fields: what `netkaart serve` fills its form with when
//! it opens an answers file. Each value is written as the form shows it (the option in the
//! poster's words, a date as `YYYY-MM-DD`, words joined as the spreadsheet reader splits
//! them), so that reading the fields back gives the same answers.

use std::sync::OnceLock;

use serde_json::Value;

use super::label;
use crate::answers::{Answers, Lang};
use crate::templates::words;

/// The fields of `answers` as (key, text) pairs, keys numbered from 1 as the form numbers
/// its contacts and actions (`contacts.2.kind`), options worded in `lang`. Empty answers
/// give no field; the answers' version is not a question.
pub fn fields_of(answers: &Answers, lang: Lang) -> Vec<(String, String)> {
    let w = words(lang);
    let mut value = serde_json::to_value(answers).expect("answers always serialise");
    if let Value::Object(map) = &mut value {
        map.remove("version");
    }
    let mut out = Vec::new();
    walk(w, &value, "", "", &mut out);
    out
}

/// Where the types put the value at `pattern`: the form's order.
fn place(pattern: &str) -> usize {
    static ORDER: OnceLock<Vec<String>> = OnceLock::new();
    let order = ORDER.get_or_init(|| crate::answers::fields::order().to_vec());
    order.iter().position(|p| p == pattern).unwrap_or(usize::MAX)
}

/// Adds the fields under `value`, at the numbered `key` whose pattern (without numbers) is
/// `pattern`.
fn walk(w: &Value, value: &Value, key: &str, pattern: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            let join = |path: &str, k: &str| {
                if path.is_empty() { k.to_string() } else { format!("{path}.{k}") }
            };
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by_key(|(k, _)| place(&join(pattern, k)));
            for (k, v) in entries {
                walk(w, v, &join(key, k), &join(pattern, k), out);
            }
        }
        Value::Array(items) if items.iter().any(Value::is_object) => {
            for (i, item) in items.iter().enumerate() {
                walk(w, item, &format!("{key}.{}", i + 1), pattern, out);
            }
        }
        Value::Array(items) => {
            let texts: Vec<String> = items.iter().map(|v| text(w, pattern, v)).collect();
            // The reader splits at semicolons when a cell has any, else at commas: a word
            // with a comma in it asks for semicolons. Choices always get them, as the form's
            // boxes are joined.
            let choices = crate::answers::fields::list(pattern).is_some();
            let separator =
                if choices || texts.iter().any(|t| t.contains(',')) { "; " } else { ", " };
            out.push((key.to_string(), texts.join(separator)));
        }
        Value::Null => {}
        scalar => out.push((key.to_string(), text(w, pattern, scalar))),
    }
}

/// One value as the form shows it.
fn text(w: &Value, pattern: &str, value: &Value) -> String {
    let raw = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    label(w, pattern, &raw).unwrap_or(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_the_forms_words() {
        let answers = Answers::parse_text(
            "version: 1\ncontacts:\n  - name: Jo\n    kind: colleague\n    ring: 2\nwhy:\n  reasons: [learn, position]\n",
            std::path::Path::new("a.yaml"),
        )
        .unwrap();
        let fields = fields_of(&answers, Lang::Nl);
        let get = |k: &str| fields.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        assert_eq!(get("contacts.1.kind"), Some("Collega’s"));
        assert_eq!(get("contacts.1.ring"), Some("2 Regelmatig"));
        assert_eq!(
            get("why.reasons"),
            Some("te leren van anderen; mezelf of mijn organisatie te positioneren")
        );
    }
}
