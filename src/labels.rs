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
use crate::lists::{FIXED_LISTS, FixedList};
use crate::templates::words;

/// Lower case, without accents, spaces or punctuation: "Collega’s" → "collegas".
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Every (folded label, key) of a fixed list, in every language, the keys themselves
/// included.
fn labels(list: &FixedList) -> &'static [(String, String)] {
    static ALL: OnceLock<HashMap<&'static str, Vec<(String, String)>>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let lists = FIXED_LISTS.iter();
        lists.map(|l| (l.type_name, collect(&[&[l.section], l.also].concat()))).collect()
    });
    all.get(list.type_name).map_or(&[], Vec::as_slice)
}

fn collect(sections: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for &lang in Lang::ALL {
        let w = words(lang);
        for section in sections {
            let (path, key) = section.split_once('→').unwrap_or((section, ""));
            match crate::templates::at(w, path) {
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

/// The key that `text` names among the values of `list`, when it names exactly one; `None`
/// otherwise.
pub fn key_of(list: &FixedList, text: &str) -> Option<String> {
    let labels = labels(list);
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

/// The key of the value whose word (the poster's, an everyday one, or the key, in either
/// language) `text` most looks like, when it looks like one closely enough to be a slip.
pub fn nearest(list: &FixedList, text: &str) -> Option<String> {
    let labels = labels(list);
    let words: Vec<&str> = labels.iter().map(|(label, _)| label.as_str()).collect();
    let best = crate::suggest::closest(&fold(text), &words)?;
    labels.iter().find(|(label, _)| label == best).map(|(_, key)| key.clone())
}

/// Yes or no as people write it, in any language: `true`, `x`, `1`, and the everyday words
/// of the language files (`everyday.yes`, `everyday.no`: `ja`, `nee`, `yes`, `done`, …).
pub fn yes_no(text: &str) -> Option<bool> {
    static WORDS: OnceLock<Vec<(String, bool)>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let mut out = Vec::new();
        for &lang in Lang::ALL {
            for (key, value) in [("yes", true), ("no", false)] {
                let said = words(lang)["everyday"][key].as_array().into_iter().flatten();
                out.extend(said.filter_map(Value::as_str).map(|w| (fold(w), value)));
            }
        }
        out
    });
    match fold(text).as_str() {
        "true" | "x" | "1" => Some(true),
        "false" | "0" => Some(false),
        folded => words.iter().find(|(w, _)| w == folded).map(|&(_, value)| value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lists::{KIND, LANG, LEVEL, OCCASION, REASON, RING, STATUS, TERM};

    #[test]
    fn the_posters_words_name_their_values_in_both_languages() {
        for (list, text, key) in [
            (&KIND, "Beleidsmaker", "policy_maker"),
            (&KIND, "Policy makers", "policy_maker"),
            (&KIND, "policy_maker", "policy_maker"),
            (&KIND, "collega", "colleague"),
            (&KIND, "Kennis", "acquaintance"),
            (&STATUS, "gewenst", "desired"),
            (&STATUS, "Huidig contact", "current"),
            (&STATUS, "Desired", "desired"),
            (&LEVEL, "Persoonlijk niveau", "personal"),
            (&LEVEL, "organisatieniveau", "organisation"),
            (&RING, "Regelmatig", "2"),
            (&RING, "Kern", "1"),
            (&TERM, "Korte termijn", "short"),
            (&TERM, "long term", "long"),
            (&REASON, "te leren van anderen", "learn"),
            (&REASON, "Solve a problem", "solve_problem"),
            (&OCCASION, "Het toeval", "chance"),
            (&OCCASION, "by chance", "chance"),
            (&KIND, "Sleutelfiguur", "key_figure"),
            (&KIND, "buurman", "neighbour"),
            (&KIND, "Buurvrouw", "neighbour"),
            (&KIND, "schepen", "policy_maker"),
            (&KIND, "Collega", "colleague"),
            (&KIND, "key figure", "key_figure"),
            (&KIND, "neighbor", "neighbour"),
            (&KIND, "vzw", "organisation"),
            (&LANG, "Nederlands", "nl"),
            (&LANG, "English", "en"),
        ] {
            assert_eq!(key_of(list, text).as_deref(), Some(key), "{}: {text}", list.type_name);
        }
    }

    #[test]
    fn no_everyday_word_stands_for_two_kinds() {
        // Each word of the language files, and each start of one that the reader would take
        // for it, names one kind only.
        for (word, key) in labels(&KIND) {
            assert_eq!(key_of(&KIND, word).as_ref(), Some(key), "{word}");
        }
    }

    #[test]
    fn a_word_that_fits_several_values_or_none_names_nothing() {
        assert_eq!(key_of(&KIND, "be"), None, "too short to tell");
        assert_eq!(key_of(&KIND, "Journalist"), None);
        assert_eq!(key_of(&LEVEL, "x"), None);
    }
}
