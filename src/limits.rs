//! Every limit on what netkaart reads and on its print settings, in one place: a
//! participant's answers, an event file, a workshop's input, the YAML budgets that keep a
//! hostile file cheap, and the ranges of bleed, printer margin and overlap. Messages name
//! these numbers; the JSON Schema and the README's table "Bad input" repeat them.

/// The most characters one answer may hold: a page of text. More is a paste gone wrong.
pub const MAX_TEXT_CHARS: usize = 4000;
/// The most contacts one map holds.
pub const MAX_CONTACTS: usize = 200;
/// The most actions of step 5.
pub const MAX_ACTIONS: usize = 100;
/// The most words of step 1.
pub const MAX_ASSOCIATIONS: usize = 100;
/// The largest answers or event file: a filled-in file is a few kilobytes.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// The deepest nesting of lists and groups; the schema itself needs four levels.
pub const MAX_DEPTH: usize = 12;
/// The most anchors and aliases (`&a`, `*a`) in one file, and the most values they may
/// repeat in all.
pub const MAX_ALIASES: usize = 100;
/// The most values (lists, groups and texts) in one file, with what aliases repeat counted
/// as often as they repeat it: a file at every other limit holds about 5,000.
pub const MAX_NODES: usize = 50_000;

/// The largest input file of a batch: a YAML file with a whole workshop in it, or a
/// spreadsheet. Each participant's answers are still held to [`MAX_FILE_BYTES`].
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;
/// The most participants one batch or check reads, from all its inputs together: a
/// workshop has a dozen, a season of workshops a few hundred. A spreadsheet with more is
/// refused before its rows are read.
pub const MAX_PARTICIPANTS: usize = 5_000;
/// The submissions a workshop takes unless `--max-submissions` says otherwise: a room holds
/// a few dozen participants; a device filling the folder would stop the rest.
pub const WORKSHOP_SUBMISSIONS: u64 = 500;
/// The largest logo netkaart reads: a logo is small; a huge file is a mistake.
pub const MAX_LOGO_BYTES: u64 = 10 * 1024 * 1024;
/// The largest bleed accepted, in millimetres.
pub const MAX_BLEED_MM: f64 = 20.0;
/// The largest printer margin accepted, in millimetres: beyond it the tiled sheets would
/// mostly repeat each other.
pub const MAX_MARGIN_MM: f64 = 20.0;
/// The largest overlap of tiled sheets accepted, in millimetres; see [`MAX_MARGIN_MM`].
pub const MAX_OVERLAP_MM: f64 = 30.0;
/// The most days a calendar's reminder comes before its event: a year.
pub const MAX_REMIND_DAYS: u16 = 365;
