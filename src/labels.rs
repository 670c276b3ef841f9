//! A fixed-list value as people write it in a form: the poster's own words in Dutch or
//! English ("Beleidsmaker", "Policy makers", "gewenst", "Persoonlijk niveau", "2 Regelmatig",
//! "Korte termijn") as well as the key itself (`policy_maker`). Case, accents, spaces and
//! punctuation are forgiven, and a word may stand for a longer label or the other way round
//! ("gewenst" for "gewenst contact", "Beleidsmaker" for "Beleidsmakers") as long as it fits
//! one value only. The words come from the language files, where the reader sees them, and
//! so do the everyday words people write for a kind of contact ("buurman", "Sleutelfiguur",
//! "neighbor": the section `everyday`).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::Value;

use crate::lang::Lang;
use crate::templates::words;

/// For each field with a fixed list of values (by its pattern), the sections of the language
/// files that name its values; after an arrow, the key of a single label that is not a
/// section (the language's own name names its code).
const SECTIONS: &[(&str, &[&str])] = &[
    ("contacts.kind", &["kinds", "everyday.kinds"]),
    ("contacts.status", &["statuses", "rings.desired→desired"]),
    (
        "contacts.level",
        &["levels", "map.legend_personal→personal", "map.legend_organisation→organisation"],
    ),
    ("contacts.how", &["occasions"]),
    ("how_where.occasions", &["occasions"]),
    ("why.reasons", &["reasons"]),
    ("sustain.actions.term", &["terms", "terms_short"]),
    ("contacts.ring", &["rings"]),
    ("lang", &["name→"]),
];

/// Lower case, without accents, spaces or punctuation: "Collega’s" → "collegas".
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Every (folded label, key) of a field, in both languages, the keys themselves included.
fn labels(pattern: &str) -> &'static [(String, String)] {
    static ALL: OnceLock<HashMap<&'static str, Vec<(String, String)>>> = OnceLock::new();
    let all =
        ALL.get_or_init(|| SECTIONS.iter().map(|(p, sections)| (*p, collect(sections))).collect());
    all.get(pattern).map_or(&[], Vec::as_slice)
}

fn collect(sections: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for lang in [Lang::Nl, Lang::En] {
        let w = words(lang);
        for section in sections {
            let (path, key) = section.split_once('→').unwrap_or((section, ""));
            match crate::templates::at(&w, path) {
                Value::Object(map) => {
                    for (k, label) in map {
                        // A label, or a list of the words people write for the value.
                        let words = match label {
                            Value::Array(words) => words.iter().filter_map(Value::as_str).collect(),
                            label => label.as_str().into_iter().collect::<Vec<_>>(),
                        };
                        for word in words {
                            out.push((fold(word), k.clone()));
                        }
                        out.push((fold(k), k.clone()));
                    }
                }
                // One label for one key: the key after the arrow, or the language's code.
                Value::String(label) => {
                    let key =
                        if key.is_empty() { lang.code().to_string() } else { key.to_string() };
                    out.push((fold(label), key.clone()));
                    out.push((fold(&key), key));
                }
                _ => {}
            }
        }
    }
    out
}

/// The key that `text` names among the values of the field at `pattern` (a dotted path
/// without list numbers), when it names exactly one; `None` otherwise, and for fields that
/// are not fixed lists.
pub fn key_of(pattern: &str, text: &str) -> Option<String> {
    let labels = labels(pattern);
    if labels.is_empty() {
        return None;
    }
    let folded = fold(text);
    if folded.is_empty() {
        return None;
    }
    // The whole label first; then a word standing for a longer label, or a longer text
    // starting with a label ("2 Regelmatig" → "2"), when only one value fits.
    if let Some((_, key)) = labels.iter().find(|(label, _)| *label == folded) {
        return Some(key.clone());
    }
    let mut found: Vec<&String> = labels
        .iter()
        .filter(|(label, _)| {
            folded.len() >= 3
                && label.len() >= 3
                && (label.starts_with(&folded) || folded.starts_with(label.as_str()))
        })
        .map(|(_, key)| key)
        .collect();
    found.sort();
    found.dedup();
    match found.as_slice() {
        [one] => Some((*one).clone()),
        _ => None,
    }
}

/// The section of the language files that holds the poster's own word for each value of
/// the field at `pattern` (`kinds` for `contacts.kind`; `name` for the language).
pub fn section(pattern: &str) -> Option<&'static str> {
    let (_, sections) = SECTIONS.iter().find(|(p, _)| *p == pattern)?;
    sections.first().map(|s| s.split('→').next().unwrap_or(s))
}

/// The key of the value whose word (the poster's, an everyday one, or the key, in either
/// language) `text` most looks like, when it looks like one closely enough to be a slip.
pub fn nearest(pattern: &str, text: &str) -> Option<String> {
    let labels = labels(pattern);
    let words: Vec<&str> = labels.iter().map(|(label, _)| label.as_str()).collect();
    let best = crate::suggest::closest(&fold(text), &words)?;
    labels.iter().find(|(label, _)| label == best).map(|(_, key)| key.clone())
}

/// Yes or no as people write it, in either language: `ja`, `nee`, `yes`, `x`, `true`, …
pub fn yes_no(text: &str) -> Option<bool> {
    match fold(text).as_str() {
        "true" | "yes" | "y" | "ja" | "j" | "x" | "1" | "waar" | "done" | "klaar" | "gedaan" => {
            Some(true)
        }
        "false" | "no" | "n" | "nee" | "0" | "onwaar" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_posters_words_name_their_values_in_both_languages() {
        for (pattern, text, key) in [
            ("contacts.kind", "Beleidsmaker", "policy_maker"),
            ("contacts.kind", "Policy makers", "policy_maker"),
            ("contacts.kind", "policy_maker", "policy_maker"),
            ("contacts.kind", "collega", "colleague"),
            ("contacts.kind", "Kennis", "acquaintance"),
            ("contacts.status", "gewenst", "desired"),
            ("contacts.status", "Huidig contact", "current"),
            ("contacts.status", "Desired", "desired"),
            ("contacts.level", "Persoonlijk niveau", "personal"),
            ("contacts.level", "organisatieniveau", "organisation"),
            ("contacts.ring", "Regelmatig", "2"),
            ("contacts.ring", "Kern", "1"),
            ("sustain.actions.term", "Korte termijn", "short"),
            ("sustain.actions.term", "long term", "long"),
            ("why.reasons", "te leren van anderen", "learn"),
            ("why.reasons", "Solve a problem", "solve_problem"),
            ("how_where.occasions", "Het toeval", "chance"),
            ("how_where.occasions", "by chance", "chance"),
            ("contacts.kind", "Sleutelfiguur", "key_figure"),
            ("contacts.kind", "buurman", "neighbour"),
            ("contacts.kind", "Buurvrouw", "neighbour"),
            ("contacts.kind", "schepen", "policy_maker"),
            ("contacts.kind", "Collega", "colleague"),
            ("contacts.kind", "key figure", "key_figure"),
            ("contacts.kind", "neighbor", "neighbour"),
            ("contacts.kind", "vzw", "organisation"),
            ("lang", "Nederlands", "nl"),
            ("lang", "English", "en"),
        ] {
            assert_eq!(key_of(pattern, text).as_deref(), Some(key), "{pattern}: {text}");
        }
    }

    #[test]
    fn no_everyday_word_stands_for_two_kinds() {
        // Each word of the language files, and each start of one that the reader would take
        // for it, names one kind only.
        for (word, key) in labels("contacts.kind") {
            assert_eq!(key_of("contacts.kind", word).as_ref(), Some(key), "{word}");
        }
    }

    #[test]
    fn a_word_that_fits_several_values_or_none_names_nothing() {
        assert_eq!(key_of("contacts.kind", "be"), None, "too short to tell");
        assert_eq!(key_of("contacts.kind", "Journalist"), None);
        assert_eq!(key_of("contacts.level", "x"), None);
        assert_eq!(key_of("person.name", "Kennis"), None, "not a fixed list");
    }
}
