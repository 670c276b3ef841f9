//! Every problem of an answers file at once, for `netkaart check`.
//!
//! Serde stops at the first problem. To find the next one, the entry that caused it is
//! blanked out of the text (replaced by spaces, so that every other line and column stays
//! where it was) and the text is read again, until it reads cleanly. Entries are found by
//! the field's path in the indentation of block YAML, which is how people and `netkaart
//! init` write answers; inside `{…}` and `[…]` the whole enclosing entry is blanked. A
//! syntax error ends the search: after it, the parser cannot say what the text means.

use std::path::Path;

use crate::answers::Answers;
use crate::input_error::{InputError, duplicate_key, innermost, missing_key};
use crate::limits::MAX_FILE_BYTES;
use crate::reading::{check_size, declared_lang, deserialize_yaml, prescan};

/// The most problems reported for one file; past these, fixing comes first.
pub const MAX_PROBLEMS: usize = 50;

/// Every problem in the text of one answers document, in the order they appear; empty
/// when the answers are fine.
pub fn problems(text: &str, origin: &Path) -> Vec<InputError> {
    if let Err(mut err) =
        check_size(text.len() as u64, MAX_FILE_BYTES, origin).and_then(|()| prescan(text, origin))
    {
        err.lang = declared_lang(text);
        return vec![*err];
    }
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut found: Vec<InputError> = Vec::new();
    // Keys blanked so far, with the path of the group they were in: a "missing key" for
    // one of them is the blanking's doing, not the participant's.
    let mut blanked: Vec<(String, String)> = Vec::new();
    // List items blanked so far, as (list, number) in the file's own numbering: the items
    // after them move up in the text that is read again, but not in the messages.
    let mut removed: Vec<(String, usize)> = Vec::new();
    let mut appended_version = false;
    for _ in 0..MAX_PROBLEMS * 3 {
        let current = lines.join("\n");
        let failure = match deserialize_yaml::<Answers>(&current) {
            Ok(Some(_)) => break,
            Ok(None) => {
                if found.is_empty() {
                    found.push(InputError::no_answers(origin));
                }
                break;
            }
            Err(failure) => failure,
        };
        let (err, field) = *failure;
        // After a syntax error the text is read differently from how it was meant: what the
        // parser says about the rest would be made up.
        let syntax = matches!(innermost(&err), serde_saphyr::Error::ExternalMessage { .. });
        let missing = missing_key(&err);
        let ours = missing
            .as_ref()
            .is_some_and(|key| blanked.iter().any(|(group, k)| group == &field && k == key));
        if !ours {
            let field = original_path(&field, &removed);
            found.push(InputError::from_yaml(origin, text, &field, &err));
            if found.len() == MAX_PROBLEMS || syntax {
                break;
            }
        }
        let before = lines.clone();
        match missing.as_deref() {
            // `version` is the one key of the top level that must be there; adding it at the
            // end moves no line.
            Some("version") if field.is_empty() && !appended_version => {
                // Only below a block mapping: after `{…}` the line would be a syntax error.
                let block = lines.iter().find(|l| !is_blank(l)).is_some_and(|l| {
                    !l.trim_start().starts_with(['{', '[', '-', '"', '\'', '&', '!'])
                });
                if !block {
                    break;
                }
                lines.push("version: 1".into());
                appended_version = true;
            }
            // A group without a key it needs goes as a whole.
            Some(_) => {
                if !blank(&mut lines, &field, None, &mut blanked, &mut removed) {
                    break;
                }
            }
            None => {
                let duplicate = duplicate_key(&err);
                let (path, key) = match &duplicate {
                    Some(key) => (field.clone(), Some(key.as_str())),
                    None => (field.clone(), None),
                };
                if path.is_empty() && key.is_none() {
                    break;
                }
                if !blank(&mut lines, &path, key, &mut blanked, &mut removed) {
                    break;
                }
            }
        }
        if lines == before {
            break;
        }
    }
    // Serde names a missing key at the end of its group; the file is read from the top.
    found.sort_by_key(|e| (e.line.unwrap_or(0), e.column.unwrap_or(0)));
    let lang = declared_lang(text);
    for e in &mut found {
        e.lang = e.lang.or(lang);
    }
    found
}

/// A path of the text as it is read now, in the numbering of the file as written.
fn original_path(path: &str, removed: &[(String, usize)]) -> String {
    let mut out: Vec<String> = Vec::new();
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        match segment.parse::<usize>() {
            Ok(n) => {
                let list = out.join(".");
                let mut gone: Vec<usize> =
                    removed.iter().filter(|(l, _)| *l == list).map(|(_, i)| *i).collect();
                gone.sort_unstable();
                let mut number = n;
                for g in gone {
                    if g <= number {
                        number += 1;
                    }
                }
                out.push(number.to_string());
            }
            Err(_) => out.push(segment.to_string()),
        }
    }
    out.join(".")
}

/// Blanks the entry at `path` (dotted, lists counted from 1); with `duplicate`, the last
/// entry of that key inside the group at `path`. Falls back to the deepest entry of the
/// path that can be found. False when nothing could be blanked.
fn blank(
    lines: &mut [String],
    path: &str,
    duplicate: Option<&str>,
    blanked: &mut Vec<(String, String)>,
    removed: &mut Vec<(String, usize)>,
) -> bool {
    let mut segments: Vec<&str> = path.split('.').filter(|s| !s.is_empty()).collect();
    if let Some(key) = duplicate {
        segments.push(key);
    }
    let Some(root) = Scope::root(lines) else { return false };
    let mut scope = root;
    let mut deepest: Option<(Entry, usize)> = None;
    for (depth, segment) in segments.iter().enumerate() {
        let last = depth + 1 == segments.len();
        let entry = match segment.parse::<usize>() {
            Ok(n) => scope.item(lines, n),
            Err(_) => scope.key(lines, segment, last && duplicate.is_some()),
        };
        let Some(entry) = entry else { break };
        deepest = Some((entry, depth));
        match entry.value_scope(lines) {
            Some(inner) => scope = inner,
            None => break,
        }
    }
    let Some((entry, depth)) = deepest else { return false };
    let group = segments[..depth].join(".");
    if let Ok(n) = segments[depth].parse::<usize>() {
        let list = original_path(&group, removed);
        let number = original_path(&format!("{group}.{n}"), removed);
        let number = number.rsplit('.').next().and_then(|n| n.parse().ok()).unwrap_or(n);
        removed.push((list, number));
    }
    for (i, line) in lines.iter_mut().enumerate().take(entry.end).skip(entry.line) {
        if i == entry.line {
            let keep: String = line.chars().take(entry.col).collect();
            let rest = line.chars().count() - entry.col.min(line.chars().count());
            *line = format!("{keep}{}", " ".repeat(rest));
        } else {
            *line = String::new();
        }
    }
    // A list item whose only key was blanked would be read as an empty item, a problem of
    // the blanking's making: the item goes as a whole.
    let line = &lines[entry.line];
    let dash = line.trim_end().len().checked_sub(1).filter(|_| line.trim_end().ends_with('-'));
    let (parent, number) = group.rsplit_once('.').unwrap_or(("", &group));
    if let (Some(dash), Ok(n)) = (dash, number.parse::<usize>())
        && lines.iter().skip(entry.end).find(|l| !is_blank(l)).is_none_or(|l| indent(l) <= dash)
    {
        lines[entry.line] = String::new();
        let list = original_path(parent, removed);
        let number = original_path(&group, removed);
        let number = number.rsplit('.').next().and_then(|n| n.parse().ok()).unwrap_or(n);
        removed.push((list, number));
        blanked.push((parent.to_string(), number.to_string()));
        return true;
    }
    blanked.push((group, segments[depth].to_string()));
    true
}

/// Where the entries of one block mapping or sequence are: the first starts at
/// (`line`, `col`), the rest at column `col` of later lines before `end`.
#[derive(Debug, Clone, Copy)]
struct Scope {
    line: usize,
    col: usize,
    end: usize,
}

/// One entry: a `key: value` or a `- item`, from (`line`, `col`) up to line `end`.
#[derive(Debug, Clone, Copy)]
struct Entry {
    line: usize,
    col: usize,
    end: usize,
    dash: bool,
}

fn indent(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ').count()
}

fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#') || t == "---" || t == "..."
}

fn rest(line: &str, col: usize) -> &str {
    line.char_indices().nth(col).map_or("", |(i, _)| &line[i..])
}

fn is_dash(text: &str) -> bool {
    text == "-" || text.starts_with("- ") || text.starts_with("-\t")
}

impl Scope {
    fn root(lines: &[String]) -> Option<Scope> {
        let line = lines.iter().position(|l| !is_blank(l))?;
        Some(Scope { line, col: indent(&lines[line]), end: lines.len() })
    }

    /// The starts of the entries of this scope.
    fn starts(&self, lines: &[String]) -> Vec<usize> {
        let mut out = vec![self.line];
        for (i, line) in lines.iter().enumerate().take(self.end).skip(self.line + 1) {
            if !is_blank(line) && indent(line) == self.col {
                out.push(i);
            }
        }
        out
    }

    fn entry_at(&self, lines: &[String], line: usize) -> Entry {
        let col = if line == self.line { self.col } else { indent(&lines[line]) };
        let dash = is_dash(rest(&lines[line], col));
        let mut end = line + 1;
        for (i, l) in lines.iter().enumerate().take(self.end).skip(line + 1) {
            if is_blank(l) {
                continue;
            }
            let ind = indent(l);
            // `key:` followed by `- item` lines at the key's own indentation is a list too.
            if ind > col || (!dash && ind == col && is_dash(l.trim_start())) {
                end = i + 1;
            } else {
                break;
            }
        }
        Entry { line, col, end, dash }
    }

    /// The `n`-th item (from 1) of a block sequence.
    fn item(&self, lines: &[String], n: usize) -> Option<Entry> {
        let entries: Vec<Entry> = self
            .starts(lines)
            .into_iter()
            .map(|l| self.entry_at(lines, l))
            .filter(|e| e.dash)
            .collect();
        entries.get(n.checked_sub(1)?).copied()
    }

    /// The entry of `key` in a block mapping: the first, or the last with `last`.
    fn key(&self, lines: &[String], key: &str, last: bool) -> Option<Entry> {
        let mut matches = self.starts(lines).into_iter().filter(|&l| {
            let col = if l == self.line { self.col } else { indent(&lines[l]) };
            entry_key(rest(&lines[l], col)) == Some(key)
        });
        let line = if last { matches.next_back() } else { matches.next() }?;
        Some(self.entry_at(lines, line))
    }
}

/// The key of a `key: value` line, without quotes.
fn entry_key(text: &str) -> Option<&str> {
    let colon = text.find(": ").or_else(|| text.strip_suffix(':').map(str::len))?;
    let key = text[..colon].trim();
    let key = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key);
    Some(key)
}

impl Entry {
    /// The block collection this entry holds, when it holds one.
    fn value_scope(&self, lines: &[String]) -> Option<Scope> {
        let text = rest(&lines[self.line], self.col);
        if self.dash {
            let after = &text[1..];
            let skip = after.chars().take_while(|c| *c == ' ').count();
            let inline = after.trim();
            if !inline.is_empty() && !inline.starts_with('#') {
                if inline.starts_with(['{', '[', '"', '\'', '|', '>', '&', '*', '!']) {
                    return None;
                }
                return Some(Scope { line: self.line, col: self.col + 1 + skip, end: self.end });
            }
        } else {
            let colon = text.find(": ").unwrap_or(text.len().saturating_sub(1));
            let value = text[colon + 1..].trim();
            if !value.is_empty() && !value.starts_with('#') {
                return None;
            }
        }
        let line = (self.line + 1..self.end).find(|&l| !is_blank(&lines[l]))?;
        Some(Scope { line, col: indent(&lines[line]), end: self.end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        problems(text, Path::new("a.yaml"))
            .into_iter()
            .map(|e| {
                format!(
                    "{}:{} {}: {}",
                    e.line.unwrap_or(0),
                    e.column.unwrap_or(0),
                    e.field.unwrap_or_default(),
                    e.message.render(crate::Lang::En)
                )
            })
            .collect()
    }

    #[test]
    fn every_problem_is_found_and_placed() {
        let text = "\
version: 1
lang: fr
person:
  name: An
  nmae: Ann
contacts:
  - name: Luc
    ring: 7
  - kind: neighbour
  - name: Mira
    kind: frend
    ring: 2
sustain:
  actions:
    - what: call
      when: 2027-02-30
";
        let found = messages(text);
        assert_eq!(found.len(), 6, "{found:#?}");
        assert!(found[0].starts_with("2:7 lang: unknown"), "{found:#?}");
        assert!(found[1].starts_with("5:3 person: unknown key 'nmae'"), "{found:#?}");
        assert!(found[2].starts_with("8:11 contacts.1.ring: ring '7'"), "{found:#?}");
        assert!(found[3].contains("contacts.2: missing key 'name'"), "{found:#?}");
        // Mira is still the third contact, although the second was set aside.
        assert!(found[4].starts_with("11:11 contacts.3.kind: unknown kind 'frend'"), "{found:#?}");
        assert!(found[5].contains("sustain.actions.1.when: '2027-02-30' is not a date"));
    }

    #[test]
    fn good_answers_have_no_problems() {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/an-peeters.yaml"),
        )
        .unwrap();
        assert_eq!(messages(&text), Vec::<String>::new());
    }

    #[test]
    fn a_missing_version_does_not_hide_the_rest() {
        let found = messages("lang: en\nperson:\n  name: An\n  rol: x\n");
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].contains("missing key 'version'"));
        assert!(found[1].contains("unknown key 'rol'"));
    }

    #[test]
    fn duplicates_and_compact_lists_are_found() {
        let text = "version: 1\ncontacts:\n- name: A\n  ring: 9\n- name: B\n  name: C\nwhy:\n  reasons: [learn, fly]\n  statement: [a]\n";
        let found = messages(text);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].contains("contacts.1.ring"));
        assert!(found[1].contains("'name' appears twice"));
        assert!(found[2].contains("unknown reason 'fly'"));
        assert!(found[3].contains("why.statement"));
    }

    #[test]
    fn a_flow_mapping_without_version_is_one_problem() {
        let found = messages("{lang: en}\n");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains("missing key 'version'"));
    }

    #[test]
    fn a_syntax_error_ends_the_search() {
        let found = messages("version: 1\nlang: fr\nperson: [\n");
        assert_eq!(found.len(), 2, "{found:#?}");
    }
}
