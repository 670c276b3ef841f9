//! The participants' figures as a table: CSV that Excel and LibreOffice open as they are
//! (UTF-8 with a byte-order mark, one header row in the reader's language), or JSON with
//! the same figures under their keys.

use serde::Serialize;

use crate::lang::Lang;
use crate::templates::{at, labelled, words};

use super::compare::Comparison;
use super::group::{Group, Naming, Row};
use super::{ByKey, Tally};

/// The separator between a CSV file's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Separator {
    /// `;`: what Excel expects where a comma is the decimal sign (Belgium, the Netherlands,
    /// France).
    Semicolon,
    /// `,`: what Excel expects where a point is the decimal sign.
    Comma,
}

impl Separator {
    /// The separator Excel expects in a language's usual settings.
    pub fn of(lang: Lang) -> Self {
        match words(lang)["stats"]["separator"].as_str() {
            Some(",") => Separator::Comma,
            _ => Separator::Semicolon,
        }
    }

    fn byte(self) -> u8 {
        match self {
            Separator::Semicolon => b';',
            Separator::Comma => b',',
        }
    }
}

/// A word of the language file at a dotted path.
fn word(lang: Lang, path: &str) -> String {
    at(words(lang), path).as_str().unwrap_or_default().to_string()
}

/// `text` under the heading of its group of columns ("Ring: 1 Kern").
fn grouped(lang: Lang, group: &str, text: &str) -> String {
    labelled(words(lang), &word(lang, &format!("stats.{group}")), text)
}

/// A map's figures, each with its words, in the order of their JSON.
fn tally_cells(f: &Tally, lang: Lang) -> Vec<(String, u32)> {
    let mut out = vec![(word(lang, "stats.contacts"), f.contacts)];
    for (k, n) in &f.kinds.0 {
        out.push((grouped(lang, "kind", &word(lang, &format!("kinds.{k}"))), *n));
    }
    let rings = &crate::map::map_words(lang).rings;
    for ((_, n), name) in f.rings.0.iter().zip(rings) {
        out.push((grouped(lang, "ring", name), *n));
    }
    for (k, n) in &f.levels.0 {
        out.push((grouped(lang, "level", &word(lang, &format!("levels.{k}"))), *n));
    }
    for (k, n) in &f.statuses.0 {
        out.push((grouped(lang, "status", &word(lang, &format!("statuses.{k}"))), *n));
    }
    out
}

/// The reasons ticked (1 or 0), each with its words.
fn reason_cells(reasons: &ByKey, lang: Lang) -> Vec<(String, u32)> {
    let reason = |k: &str| {
        let path =
            if k == "other" { "stats.other_reason".to_string() } else { format!("reasons.{k}") };
        grouped(lang, "reason", &word(lang, &path))
    };
    reasons.0.iter().map(|(k, n)| (reason(k), *n)).collect()
}

/// A row's cells, each with its header's words, in the order of the row's JSON.
fn cells(row: &Row, lang: Lang) -> Vec<(String, String)> {
    let mut out = vec![(word(lang, "stats.participant"), row.participant.clone())];
    let number = |(h, n): (String, u32)| (h, n.to_string());
    out.extend(tally_cells(&row.figures, lang).into_iter().map(number));
    out.push((word(lang, "stats.desired_percent"), row.desired_percent.to_string()));
    out.extend(reason_cells(&row.reasons, lang).into_iter().map(number));
    out.push((word(lang, "stats.actions"), row.actions.to_string()));
    out.push((word(lang, "stats.actions_done"), row.actions_done.to_string()));
    out
}

/// A cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab or a return
/// first) gets a `'` before it: a name typed in a workshop runs nothing on the
/// facilitator's computer.
fn defused(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// The rows as CSV: a byte-order mark, the header in `lang`, one line per participant.
pub fn csv(rows: &[Row], lang: Lang, separator: Separator) -> Vec<u8> {
    let empty = Row::of(1, &Default::default(), Naming::Numbers, "");
    let header = cells(rows.first().unwrap_or(&empty), lang).into_iter().map(|(h, _)| h);
    let records =
        rows.iter().map(|row| cells(row, lang).into_iter().map(|(_, v)| defused(&v)).collect());
    write(separator, std::iter::once(header.collect()).chain(records))
}

/// Records as CSV: a byte-order mark, so that Excel reads UTF-8, and CRLF line ends.
fn write(separator: Separator, records: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(separator.byte())
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        for record in records {
            writer.write_record(&record).expect("writing to memory does not fail");
        }
        writer.flush().expect("writing to memory does not fail");
    }
    out
}

/// A comparison's figures as CSV: one row per figure, its value then and now, then the
/// changes (now only) and the actions planned then that are done now.
pub fn comparison_csv(c: &Comparison, lang: Lang, separator: Separator) -> Vec<u8> {
    let date =
        |d: &Option<crate::answers::Date>| d.as_ref().map(|d| d.0.clone()).unwrap_or_default();
    let labelled_date = |key: &str, d: &Option<crate::answers::Date>| {
        let label = word(lang, key);
        if d.is_some() { labelled(words(lang), &label, &date(d)) } else { label }
    };
    let header = vec![
        word(lang, "stats.figure"),
        labelled_date("compare.then", &c.then.date),
        labelled_date("compare.now", &c.now.date),
    ];
    let mut rows = vec![header];
    let pair = |(h, a): (String, u32), b: u32| vec![h, a.to_string(), b.to_string()];
    let (then, now) = (&c.then, &c.now);
    for (a, (_, b)) in
        tally_cells(&then.figures, lang).into_iter().zip(tally_cells(&now.figures, lang))
    {
        rows.push(pair(a, b));
    }
    rows.push(pair(
        (word(lang, "stats.desired_percent"), then.figures.desired_percent()),
        now.figures.desired_percent(),
    ));
    for (a, (_, b)) in
        reason_cells(&then.reasons, lang).into_iter().zip(reason_cells(&now.reasons, lang))
    {
        rows.push(pair(a, b));
    }
    rows.push(pair((word(lang, "stats.actions"), then.actions), now.actions));
    rows.push(pair((word(lang, "stats.actions_done"), then.done), now.done));
    rows.push(vec![
        word(lang, "compare.planned_done"),
        then.actions.to_string(),
        c.planned_done.to_string(),
    ]);
    for (k, n) in &c.changes.0 {
        rows.push(vec![word(lang, &format!("compare.changes.{k}")), String::new(), n.to_string()]);
    }
    write(separator, rows.into_iter())
}

/// A comparison as JSON: the figures and every contact's change.
pub fn comparison_json(c: &Comparison) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(c).expect("the figures always serialise");
    out.push(b'\n');
    out
}

/// The rows and the group's figures as JSON.
pub fn json(rows: &[Row], group: &Group) -> Vec<u8> {
    #[derive(Serialize)]
    struct Table<'a> {
        participants: &'a [Row],
        group: &'a Group,
    }
    let mut out = serde_json::to_vec_pretty(&Table { participants: rows, group })
        .expect("the figures always serialise");
    out.push(b'\n');
    out
}
