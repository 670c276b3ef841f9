//! The starter answers file of `netkaart init`: every key, each with a comment in the
//! chosen language. The comments come from the `init` part of the language file.

use crate::lang::Lang;
use crate::templates;

/// One line of the starter file: indentation, key (with `- ` for a list item), the
/// language-file entry that explains it, and whether it is commented out (an example item).
struct Line {
    indent: usize,
    key: &'static str,
    comment: &'static str,
    example: bool,
}

const fn key(indent: usize, key: &'static str, comment: &'static str) -> Line {
    Line { indent, key, comment, example: false }
}

const fn example(indent: usize, key: &'static str, comment: &'static str) -> Line {
    Line { indent, key, comment, example: true }
}

/// The keys of schema version 1, in the order of the poster's steps; an empty comment
/// key means a section heading, whose comment stands on the line above.
const LINES: &[Line] = &[
    key(0, "version", "version"),
    key(0, "lang", "lang"),
    key(0, "person", "person"),
    key(1, "name", "person_name"),
    key(1, "organisation", "person_organisation"),
    key(1, "role", "person_role"),
    key(1, "date", "person_date"),
    key(0, "what", "what"),
    key(1, "associations", "what_associations"),
    key(1, "network_today", "what_network_today"),
    key(0, "why", "why"),
    key(1, "reasons", "why_reasons"),
    key(1, "other", "why_other"),
    key(1, "statement", "why_statement"),
    key(0, "levels", "levels"),
    key(1, "personal", "levels_personal"),
    key(2, "offer", "levels_offer"),
    key(2, "attract", "levels_attract"),
    key(2, "goal", "levels_goal"),
    key(2, "contacts", "levels_contacts"),
    key(1, "organisation", "levels_organisation"),
    key(2, "stands_for", "levels_stands_for"),
    key(2, "expertise", "levels_expertise"),
    key(2, "ambition", "levels_ambition"),
    key(2, "needs", "levels_needs"),
    key(0, "contacts", "contacts"),
    example(1, "- name", "contact_name"),
    example(2, "kind", "contact_kind"),
    example(2, "ring", "contact_ring"),
    example(2, "status", "contact_status"),
    example(2, "level", "contact_level"),
    example(2, "how", "contact_how"),
    example(2, "where", "contact_where"),
    example(2, "note", "contact_note"),
    key(0, "how_where", "how_where"),
    key(1, "occasions", "how_where_occasions"),
    key(1, "places", "how_where_places"),
    key(1, "approach", "how_where_approach"),
    key(0, "sustain", "sustain"),
    key(1, "actions", "sustain_actions"),
    example(2, "- what", "action_what"),
    example(3, "who", "action_who"),
    example(3, "when", "action_when"),
    example(3, "term", "action_term"),
    example(3, "done", "action_done"),
    key(1, "follow_up", "sustain_follow_up"),
    key(1, "knowledge", "sustain_knowledge"),
    key(1, "evaluation", "sustain_evaluation"),
];

/// The starter answers file in `lang`. `poster` accepts it as it is: every value is empty,
/// and the example list items are commented out.
pub fn starter(lang: Lang, schema: Option<&str>) -> String {
    let words = templates::words(lang);
    let init = &words["init"];
    let say = |k: &str| init[k].as_str().unwrap_or_default().to_string();
    let mut out = String::new();
    if let Some(schema) = schema {
        // Editors with a YAML plugin (VS Code, IntelliJ, Neovim, …) read this line, then
        // complete keys and underline mistakes while one types.
        out.push_str(&format!("# yaml-language-server: $schema={schema}\n"));
    }
    for line in wrap(&say("header"), 88) {
        out.push_str(&format!("# {line}\n"));
    }
    for line in LINES {
        let pad = "  ".repeat(line.indent);
        let value = match (line.key, line.example) {
            ("version", _) => " 1".to_string(),
            ("lang", _) => format!(" {}", lang.code()),
            ("- name", _) => format!(" {}", say("example_contact")),
            ("- what", _) => format!(" {}", say("example_action")),
            _ => String::new(),
        };
        let is_section = line.indent == 0 && !matches!(line.key, "version" | "lang");
        if is_section {
            out.push_str(&format!("\n# {}\n{}:\n", say(line.comment), line.key));
            continue;
        }
        let body = format!("{pad}{}:{value}", line.key);
        let body = if line.example { format!("#{body}") } else { body };
        let width = 34usize;
        let gap = width.saturating_sub(body.chars().count()).max(1);
        out.push_str(&format!("{body}{}# {}\n", " ".repeat(gap), say(line.comment)));
    }
    out
}

pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("never empty");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// The dotted path of every value of the starter file, in its order, without list numbers
/// (`contacts.kind`, `sustain.actions.when`): the order in which a form asks its questions.
pub fn paths() -> Vec<String> {
    let all: Vec<String> = comments().into_iter().map(|(path, _)| path).collect();
    // A group is followed by its first field; a value by anything else.
    all.iter()
        .enumerate()
        .filter(|(i, path)| {
            !all.get(i + 1).is_some_and(|next| next.starts_with(&format!("{path}.")))
        })
        .map(|(_, path)| path.clone())
        .collect()
}

/// Every key of the starter file as a dotted path without list numbers, groups included,
/// with the key of its comment in the language files' `init` section.
pub fn comments() -> Vec<(String, &'static str)> {
    let mut stack: Vec<(usize, &str)> = Vec::new();
    let mut out = Vec::new();
    for (i, line) in LINES.iter().enumerate() {
        // A list item's fields stand one step in from its `- `: they are its siblings.
        let item = LINES[..i].iter().rev().find(|l| l.indent < line.indent);
        let depth = match item {
            Some(p) if p.key.starts_with("- ") && p.indent + 1 == line.indent => p.indent,
            _ => line.indent,
        };
        stack.retain(|(d, _)| *d < depth);
        stack.push((depth, line.key.trim_start_matches("- ")));
        let path: Vec<&str> = stack.iter().map(|(_, k)| *k).collect();
        out.push((path.join("."), line.comment));
    }
    out
}

/// The starter's comments all exist in the language file (checked by a test).
pub fn comment_keys() -> impl Iterator<Item = &'static str> {
    LINES.iter().map(|l| l.comment).chain(["header", "example_contact", "example_action"])
}
