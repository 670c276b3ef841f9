//! How each participant's file is named: a pattern with placeholders, made safe as a file
//! name on every system, unique within the batch.

use std::collections::{HashMap, HashSet};

use crate::answers::Answers;
use crate::error::{PatternProblem, Result, Setting};
use crate::inputs::{Part, Record, Source};
use crate::suggest::closest;

/// How output files are named: a pattern with `{name}`, `{number}` (or `{n}`), `{file}`,
/// `{organisation}` and `{lang}`.
#[derive(Debug, Clone)]
pub struct NamePattern(String);

impl NamePattern {
    /// The placeholders a pattern may use.
    pub const PLACEHOLDERS: &'static [&'static str] =
        &["name", "number", "n", "file", "organisation", "lang"];

    /// Checks a pattern: known placeholders only, and no folders.
    pub fn new(pattern: &str) -> Result<Self> {
        let bad = |problem| Setting::NamePattern { pattern: pattern.to_string(), problem };
        if pattern.contains(['/', '\\']) {
            return Err(bad(PatternProblem::Separator).into());
        }
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                return Err(bad(PatternProblem::Unclosed).into());
            };
            let key = &rest[open + 1..open + close];
            if !Self::PLACEHOLDERS.contains(&key) {
                let suggestion = closest(key, Self::PLACEHOLDERS);
                return Err(
                    bad(PatternProblem::Unknown { key: key.to_string(), suggestion }).into()
                );
            }
            rest = &rest[open + close + 1..];
        }
        if pattern.trim().is_empty() {
            return Err(bad(PatternProblem::Empty).into());
        }
        Ok(NamePattern(pattern.to_string()))
    }

    pub(super) fn expand(
        &self,
        answers: &Answers,
        source: &Source,
        n: usize,
        width: usize,
    ) -> String {
        let person = answers.person.as_ref();
        let stem = source.file.file_stem().map(|s| s.to_string_lossy().into_owned());
        let fallback = match source.part {
            Part::Whole => stem.clone().unwrap_or_default(),
            Part::Document(d) => format!("{}-{d}", stem.clone().unwrap_or_default()),
            Part::Row(r) => format!("{}-row-{r}", stem.clone().unwrap_or_default()),
        };
        let name = person
            .and_then(|p| p.name.as_ref().map(|t| t.0.clone()))
            .or_else(|| person.and_then(|p| p.organisation.as_ref().map(|t| t.0.clone())))
            .unwrap_or(fallback.clone());
        let organisation =
            person.and_then(|p| p.organisation.as_ref().map(|t| t.0.clone())).unwrap_or_default();
        let mut out = self.0.clone();
        out = out.replace("{name}", &file_safe(&name));
        // `{n}` is the short form, which clap's help cannot show (it reads it as a line break).
        out = out
            .replace("{number}", &format!("{n:0width$}"))
            .replace("{n}", &format!("{n:0width$}"));
        out = out.replace("{file}", &file_safe(&stem.unwrap_or_default()));
        out = out.replace("{organisation}", &file_safe(&organisation));
        out = out.replace("{lang}", answers.lang().code());
        let out = out.trim_matches(['-', '.', ' ']).to_string();
        if out.is_empty() { file_safe(&fallback) } else { out }
    }
}

impl Default for NamePattern {
    fn default() -> Self {
        NamePattern("{name}".into())
    }
}

/// The participant's name made safe as a file name (`an-peeters`), if they gave one that
/// leaves anything.
pub fn name_stem(answers: &crate::answers::Answers) -> Option<String> {
    let name = answers.person.as_ref()?.name.as_ref()?;
    Some(file_safe(name)).filter(|s| !s.is_empty())
}

/// A name made safe as a file name on every system: lowercase letters and digits (of any
/// script), the rest turned into single dashes, at most 60 characters.
pub fn file_safe(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.chars().take(60).collect();
    let out = out.trim_end_matches('-').to_string();
    if windows_device(&out) { format!("{out}-") } else { out }
}

/// Whether Windows keeps `name` (lower case, without an extension) for a device, which no
/// file may be called with any extension: CON, PRN, AUX, NUL, and COM and LPT with a digit
/// 0 to 9 or a superscript ¹, ² or ³.
fn windows_device(name: &str) -> bool {
    if ["con", "prn", "aux", "nul"].contains(&name) {
        return true;
    }
    let Some(rest) = name.strip_prefix("com").or_else(|| name.strip_prefix("lpt")) else {
        return false;
    };
    let mut chars = rest.chars();
    matches!((chars.next(), chars.next()), (Some('0'..='9' | '¹' | '²' | '³'), None))
}

/// Names for every record that was read, unique within the batch (without regard to case,
/// as on Windows and macOS), with `-2`, `-3`, … added in input order.
pub fn assign_names(records: &[Record], pattern: &NamePattern) -> Vec<Option<String>> {
    let width = records.len().to_string().len();
    let mut taken: HashSet<String> = HashSet::new();
    // The next number to try for each base name: thousands of records of one name are
    // numbered in one pass, not each from 2 again.
    let mut next: HashMap<String, usize> = HashMap::new();
    records
        .iter()
        .enumerate()
        .map(|(i, record)| {
            let answers = record.answers.as_ref().ok()?;
            let base = pattern.expand(answers, &record.source, i + 1, width);
            let mut name = base.clone();
            let k = next.entry(base.to_lowercase()).or_insert(2);
            while !taken.insert(name.to_lowercase()) {
                name = format!("{base}-{k}");
                *k += 1;
            }
            Some(name)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_file_safe_and_unique_in_input_order() {
        assert_eq!(file_safe("An Peeters"), "an-peeters");
        assert_eq!(file_safe("  Jan/De Smet: ok? "), "jan-de-smet-ok");
        assert_eq!(file_safe("Zoë Ağaoğlu"), "zoë-ağaoğlu");
        assert_eq!(file_safe("CON"), "con-");
        for device in ["COM3", "com9", "LPT0", "lpt7", "com¹", "LPT³", "aux", "Nul"] {
            assert!(file_safe(device).ends_with('-'), "{device}: {}", file_safe(device));
        }
        for fine in ["com10", "computer", "lpt", "comx", "console"] {
            assert!(!file_safe(fine).ends_with('-'), "{fine}");
        }
    }

    #[test]
    fn many_records_of_one_name_are_numbered_in_linear_time() {
        let records: Vec<Record> = (0..20_000)
            .map(|i| Record {
                source: Source { file: "x.csv".into(), part: Part::Row(i + 2) },
                answers: Answers::parse(b"version: 1\nperson: {name: Ann}\n", "x.yaml".as_ref()),
            })
            .collect();
        let start = std::time::Instant::now();
        let names = assign_names(&records, &NamePattern::default());
        assert!(start.elapsed().as_secs_f64() < 1.0, "{:?}", start.elapsed());
        assert_eq!(names[0].as_deref(), Some("ann"));
        assert_eq!(names[19_999].as_deref(), Some("ann-20000"));
        let unique: HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
    }
}
