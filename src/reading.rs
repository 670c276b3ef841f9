//! Reading a YAML input (answers, an event file, a workshop's file): within its size limit,
//! decoded as UTF-8, pre-scanned against the budgets for nesting and aliases, and read with
//! the settings every netkaart file shares. What goes wrong becomes an [`InputError`].

use std::path::Path;

use serde_saphyr::budget::BudgetBreach;

use crate::error::{Error, Result};
use crate::input_error::{InputError, budget_message, crowded_list, thousands};
use crate::labels;
use crate::lang::Lang;
use crate::limits::{MAX_ALIASES, MAX_DEPTH, MAX_NODES};
use crate::messages::Message;

/// Reads a file, refusing it once it is larger than `limit` bytes without reading the rest.
pub fn read_limited(path: &Path, limit: usize) -> Result<Vec<u8>> {
    use std::io::Read;
    let read_error = |source| Error::Read { path: path.into(), source };
    let file = std::fs::File::open(path).map_err(read_error)?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(read_error(std::io::Error::from(std::io::ErrorKind::IsADirectory)));
    }
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(read_error)?;
    if bytes.len() > limit {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        check_size(size, limit, path)?;
    }
    Ok(bytes)
}

/// Refuses input larger than `limit` bytes, saying how large it is.
pub(crate) fn check_size(size: u64, limit: usize, origin: &Path) -> Result<(), Box<InputError>> {
    if size <= limit as u64 {
        return Ok(());
    }
    Err(Box::new(
        InputError::new(
            origin,
            Message::new("input.file_too_big")
                .with("size", megabytes(size))
                .with("limit", megabytes(limit as u64)),
        )
        .help(Message::new("input.file_too_big_help")),
    ))
}

/// Sizes near the limit in bytes, so that "1.0 MiB" never reads as within "1 MiB".
fn megabytes(bytes: u64) -> Message {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    if bytes.is_multiple_of(1024 * 1024) {
        Message::new("plain").arg("text", format!("{mib:.0} MiB"))
    } else if mib >= 10.0 {
        Message::new("plain").arg("text", format!("{mib:.1} MiB"))
    } else {
        Message::new("input.bytes").arg("count", thousands(bytes as usize))
    }
}

/// Decodes the bytes of a YAML file: UTF-8, with or without a byte order mark.
pub(crate) fn decode<'a>(bytes: &'a [u8], origin: &Path) -> Result<&'a str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(InputError::new(origin, Message::new("input.utf16"))
            .help(Message::new("input.utf8_help"))
            .into());
    }
    std::str::from_utf8(bytes).map_err(|err| {
        let offset = err.valid_up_to();
        let before = &bytes[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = offset - before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        let mut e = InputError::new(origin, Message::new("input.not_utf8"))
            .help(Message::new("input.utf8_help"));
        e.line = Some(line as u64);
        e.column = Some(column as u64);
        e.into()
    })
}

/// Reads the whole YAML event stream once, before any of it is interpreted, and refuses
/// nesting, anchors and aliases beyond the budgets, at the place where the budget is
/// crossed. Reading is lazy and stops at the first value of the wrong kind, so that
/// without this a bomb hidden under an unknown key would be refused for the key, and a
/// message would never say what the real trouble is. Syntax errors are left to the
/// reading proper (`tree::yaml`), which explains them better.
pub(crate) fn prescan(text: &str, origin: &Path) -> Result<(), Box<InputError>> {
    use granit_parser::{Event, Parser};
    // The values each open collection holds so far, with aliases counted as what they
    // repeat, and its anchor.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut sizes: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut total = 0usize;
    let mut aliases = 0usize;
    let mut anchors = 0usize;
    let options = granit_parser::options! {
        flow_nesting_limit: MAX_DEPTH,
        block_nesting_limit: MAX_DEPTH + 1,
    };
    let crossed = |breach: BudgetBreach, at: granit_parser::Marker| {
        let (message, help) = budget_message(&breach, text);
        let mut err = InputError::new(origin, message);
        err.help = help;
        // A list far too long is shown at its first item too many.
        let (line, column) = match crowded_list(text) {
            Some((.., line)) => {
                let shown = text.lines().nth(line as usize - 1).unwrap_or_default();
                (line, (shown.len() - shown.trim_start().len()) as u64 + 1)
            }
            None => (at.line() as u64, at.col() as u64 + 1),
        };
        Err(Box::new(err.at(text, line, column)))
    };
    for item in Parser::new_from_str_with_options(text, options) {
        let (event, span) = match item {
            Ok(item) => item,
            Err(err) if matches!(err.kind(), granit_parser::ErrorKind::RecursionLimitExceeded) => {
                return crossed(BudgetBreach::Depth { depth: MAX_DEPTH + 1 }, *err.marker());
            }
            Err(_) => return Ok(()),
        };
        let mut add = |n: usize, open: &mut Vec<(usize, usize)>| {
            total = total.saturating_add(n);
            if let Some(top) = open.last_mut() {
                top.0 = top.0.saturating_add(n);
            }
        };
        match event {
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                add(1, &mut open);
                open.push((0, anchor));
                anchors += usize::from(anchor > 0);
                if open.len() > MAX_DEPTH {
                    return crossed(BudgetBreach::Depth { depth: open.len() }, span.start);
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((size, anchor)) = open.pop() {
                    if anchor > 0 {
                        sizes.insert(anchor, size + 1);
                    }
                    if let Some(top) = open.last_mut() {
                        top.0 = top.0.saturating_add(size);
                    }
                }
            }
            Event::Scalar(_, _, anchor, _) => {
                add(1, &mut open);
                if anchor > 0 {
                    anchors += 1;
                    sizes.insert(anchor, 1);
                }
            }
            Event::Alias(anchor) => {
                aliases += 1;
                let size = sizes.get(&anchor).copied().unwrap_or(1);
                add(size, &mut open);
            }
            _ => {}
        }
        if aliases + anchors > MAX_ALIASES || total > MAX_NODES {
            let breach = if aliases + anchors > MAX_ALIASES || aliases > 0 {
                BudgetBreach::Aliases { aliases }
            } else {
                BudgetBreach::Nodes { nodes: total }
            };
            return crossed(breach, span.start);
        }
    }
    Ok(())
}

/// A warning for every `#` that YAML took for the start of a comment right after an
/// unquoted value on the same line, where it looks like part of the answer (no space after
/// it: `places: café #2 in de Statiestraat` holds only "café"). A comment written as one, `#`
/// and a space (`version: 1  # …`, as `netkaart init` writes them), is left alone.
pub fn comment_warnings(text: &str, origin: &Path) -> Vec<InputError> {
    use granit_parser::{Event, Parser, ScalarStyle};
    let lines: Vec<&str> = text.split('\n').collect();
    let lang = declared_lang(text);
    let mut out = Vec::new();
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { break };
        let Event::Scalar(value, ScalarStyle::Plain, ..) = event else { continue };
        if value.is_empty() {
            continue;
        }
        let (line, col) = (span.end.line(), span.end.col());
        let Some(rest) = line.checked_sub(1).and_then(|l| lines.get(l)) else { continue };
        let rest: String = rest.chars().skip(col).collect();
        let trimmed = rest.trim_start();
        if trimmed.len() < rest.len()
            && let Some(after) = trimmed.strip_prefix('#')
            && after.chars().next().is_some_and(|c| !c.is_whitespace())
        {
            let at = col + (rest.chars().count() - trimmed.chars().count()) + 1;
            let whole = format!("{value}{}", rest.trim_end()).replace('"', "\\\"");
            let e = InputError::new(origin, Message::new("input.comment").arg("value", &value))
                .help(Message::new("input.comment_help").arg("whole", whole));
            let mut e = e.at(text, line as u64, at as u64);
            e.lang = lang;
            out.push(e);
        }
    }
    out
}

/// The language that an answers text says it is written for (`lang: nl`, `lang: English`),
/// read from its own line, so that it is known even when the rest cannot be read.
pub fn declared_lang(text: &str) -> Option<Lang> {
    let line = text.lines().find_map(|l| l.strip_prefix("lang:"))?;
    let value = line.split(" #").next().unwrap_or_default().trim().trim_matches(['"', '\'']);
    // A code, the common case, is read without the language files.
    Lang::from_code(value).or_else(|| Lang::from_code(&labels::key_of(&crate::lists::LANG, value)?))
}
