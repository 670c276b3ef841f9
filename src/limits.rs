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
/// The earliest and the latest year a date may have. A year outside them is a date field
/// that read the day as the month or dropped digits (15/1/2027 typed into a field that
/// wants mm/dd/yyyy became 0027-12-12), not a plan of a participant's.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;
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
/// New submissions one device makes over a whole workshop unless `--max-per-device` says
/// otherwise: a participant sends once and then edits by their link; a device lent around a
/// table sends for a few. The facilitator's own machine is not counted.
pub const WORKSHOP_SUBMISSIONS_PER_DEVICE: u64 = 20;

/// The connections `netkaart serve` holds at once; more wait to be accepted until one ends.
/// A room's phones hold two or three each. (The operating system allows a program 256
/// open files on macOS and 1,024 on Linux unless told otherwise; a server that runs out
/// loses the connections it could not accept, and goes on.)
pub const SERVE_CONNECTIONS: usize = 256;
/// The connections one device (an IPv4 address, an IPv6 /64) holds at once; more are closed
/// as they come. A browser opens six to a server.
pub const SERVE_CONNECTIONS_PER_DEVICE: usize = 12;
/// How long a request's headers may take to arrive, and how long a connection may wait
/// idle for its next request, in seconds.
pub const SERVE_HEADER_SECONDS: u64 = 10;
/// How long a request's body (at most [`MAX_FILE_BYTES`]) may take to arrive, in seconds: a
/// megabyte over a slow Wi-Fi.
pub const SERVE_BODY_SECONDS: u64 = 30;
/// How long an answer may wait for the browser to take its next bytes, in seconds.
pub const SERVE_WRITE_SECONDS: u64 = 30;
/// The largest headers of a request `netkaart serve` reads (a browser sends a few
/// kilobytes).
pub const SERVE_HEADER_BYTES: usize = 64 * 1024;
/// The most pages of one PNG download: the handbook of a full network; a longer document
/// is downloaded as PDF.
pub const SERVE_PNG_PAGES: usize = 40;
/// The largest download `netkaart serve` makes: the PNG pages of a long handbook.
pub const SERVE_DOWNLOAD_BYTES: usize = 24 * 1024 * 1024;

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
