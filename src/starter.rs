//! The starter answers file of `netkaart init`: every key, each with a comment in the
//! chosen language. The comments come from the `init` part of the language file.

use crate::answers::fields::{self, Field};
use crate::answers::wrap;
use crate::lang::Lang;
use crate::templates;

/// One line of the starter file: its field (whose comment it shows), indentation, key (with
/// `- ` for a list item's first), and whether it is commented out (an example item of a
/// list).
struct Line {
    pattern: &'static str,
    indent: usize,
    key: String,
    example: bool,
    /// The key of the example value of a list item's first field (`contacts_example`).
    item: Option<String>,
}

/// The lines of the starter file, one per field of the answers (groups included), in the
/// types' order: its key, indented by its depth, a list item's fields one step further in;
/// its comment at `init.PATH` with the dots as underscores (`init.contacts_kind`).
fn lines() -> Vec<Line> {
    let order = fields::order();
    order
        .iter()
        .map(|pattern| {
            let (parent, key) = pattern.rsplit_once('.').unwrap_or(("", pattern));
            // The list of groups this field belongs to, if any, and its own depth.
            let list = order
                .iter()
                .filter(|p| pattern.starts_with(&format!("{p}.")))
                .find(|p| fields::is_list_of_groups(p));
            let depth = pattern.matches('.').count();
            let first = list.is_some_and(|l| {
                l == parent
                    && order.iter().find(|p| p.starts_with(&format!("{l}."))) == Some(pattern)
            });
            let indent = if list.is_some() && !first { depth + 1 } else { depth };
            Line {
                pattern,
                indent,
                key: if first { format!("- {key}") } else { key.to_string() },
                example: list.is_some(),
                item: first.then(|| format!("{}_example", fields::comment_key(parent))),
            }
        })
        .collect()
}

/// The starter answers file in `lang`. `poster` accepts it as it is: every value is empty,
/// and the example list items are commented out.
pub fn starter(lang: Lang, schema: Option<&str>) -> String {
    let words = templates::words(lang);
    let say = |k: &str| fields::comment(words, k);
    let mut out = String::new();
    if let Some(schema) = schema {
        // Editors with a YAML plugin (VS Code, IntelliJ, Neovim, …) read this line, then
        // complete keys and underline mistakes while one types.
        out.push_str(&format!("# yaml-language-server: $schema={schema}\n"));
    }
    for line in wrap(&say("header"), 88) {
        out.push_str(&format!("# {line}\n"));
    }
    for line in lines() {
        let pad = "  ".repeat(line.indent);
        let value = match (line.key.as_str(), &line.item) {
            ("version", _) => " 1".to_string(),
            ("lang", _) => format!(" {}", lang.code()),
            (_, Some(item)) => format!(" {}", say(item)),
            _ => String::new(),
        };
        let group = matches!(fields::field(line.pattern), Some(Field::Group));
        let is_section = line.indent == 0 && (group || fields::is_list_of_groups(line.pattern));
        if is_section {
            let comment = say(&fields::comment_key(line.pattern));
            out.push_str(&format!("\n# {comment}\n{}:\n", line.key));
            continue;
        }
        let body = format!("{pad}{}:{value}", line.key);
        let body = if line.example { format!("#{body}") } else { body };
        let width = 34usize;
        let gap = width.saturating_sub(body.chars().count()).max(1);
        let comment = say(&fields::comment_key(line.pattern));
        out.push_str(&format!("{body}{}# {comment}\n", " ".repeat(gap)));
    }
    out
}

/// The starter's comments all exist in the language file (checked by a test).
pub fn comment_keys() -> impl Iterator<Item = String> {
    let items = lines().into_iter().filter_map(|l| l.item);
    let fields = fields::order().iter().map(|p| fields::comment_key(p));
    fields.chain(items).chain(["header".to_string()])
}
