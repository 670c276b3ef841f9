//! Step 5 in a calendar: the concrete actions with a date as an iCalendar file (RFC 5545)
//! that every calendar app imports, one all-day event each, in the answers' language.
//!
//! The same answers give the same bytes: the file is stamped (`DTSTAMP`) with the poster's
//! date, else the clock asked for (`SOURCE_DATE_EPOCH`), else the templates' edition; and
//! each event's `UID` is derived from whose answers they are and what the action is (not
//! its date), so that importing the file again after a date changed moves the event instead
//! of adding a second one. Nobody is named as an attendee: importing sends no invitation.

use std::path::Path;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::answers::{Action, Answers, Date, Term};
use crate::clock::{civil_from_epoch, epoch_from_civil};
use crate::error::{Error, Result};
use crate::input_error::InputError;
use crate::lang::Lang;
use crate::messages::Message;
use crate::render::Warning;
use crate::templates::{EDITION_DATE, at, labelled, words};

mod ics;

pub use ics::MAX_LINE_OCTETS;

/// How long after the latest action the look back comes (`--review`), in months: the
/// long-term follow-up of step 5.
pub const REVIEW_AFTER_MONTHS: u8 = 3;

/// What goes into the file besides the actions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// A reminder at 09:00, this many days before each event (0: on the day).
    pub remind: Option<u16>,
    /// One more event: a look back on the network, [`REVIEW_AFTER_MONTHS`] months after
    /// the latest action.
    pub review: bool,
    /// The moment to stamp the file with when the answers carry no date (seconds since
    /// 1970, as in `SOURCE_DATE_EPOCH`).
    pub clock: Option<i64>,
}

/// A calendar file and what the reader should know about it.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// The iCalendar object: UTF-8, CRLF line ends, lines folded at 75 octets.
    pub ics: String,
    /// The events in it.
    pub events: usize,
    /// Actions left out for want of a date; a look back without a date to count from.
    pub warnings: Vec<Warning>,
}

/// A day: year, month, day.
type Day = (i32, u8, u8);

/// The calendar of `answers` (read from `origin`, for messages). Fails when nothing in it
/// has a date: an iCalendar object must hold at least one event.
pub fn calendar(answers: &Answers, origin: &Path, options: &Options) -> Result<Calendar> {
    let lang = answers.lang();
    let w = words(lang);
    let actions: &[Action] =
        answers.sustain.as_ref().and_then(|s| s.actions.as_deref()).unwrap_or_default();
    let owner = owner(answers);
    let mut warnings = Vec::new();
    let mut events = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (i, action) in actions.iter().enumerate() {
        let n = i + 1;
        let title = match action.what.as_deref().map(str::trim) {
            Some(what) if !what.is_empty() => what.to_string(),
            _ => word(w, "form.action").replace("{n}", &n.to_string()),
        };
        // The n-th action of the same name gets its own UID, the same one every time.
        let key = action_key(action, n);
        let repeat = seen.iter().filter(|k| **k == key).count();
        seen.push(key.clone());
        let Some(day) = action.when.as_ref().and_then(day_of) else {
            warnings.push(Warning {
                field: format!("sustain.actions.{n}.when"),
                message: Message::new("input.calendar_undated").arg("what", &title),
                lang,
                remedy: None,
            });
            continue;
        };
        events.push(Event {
            uid: uid(&owner, &format!("action\0{key}\0{repeat}")),
            day,
            description: action_description(w, action, answers),
            summary: title,
        });
    }
    if options.review {
        match review_day(&events, answers) {
            Some((day, after)) => events.push(Event {
                uid: uid(&owner, "review"),
                day,
                summary: word(w, "ics.review"),
                description: review_description(w, after, &events, answers),
            }),
            None => warnings.push(Warning {
                field: "sustain.actions".to_string(),
                message: Message::new("input.calendar_no_review_date")
                    .arg("months", REVIEW_AFTER_MONTHS),
                lang,
                remedy: None,
            }),
        }
    }
    if events.is_empty() {
        return Err(nothing_dated(origin, actions.len(), lang));
    }
    let ics = write(w, answers, &events, options);
    Ok(Calendar { ics, events: events.len(), warnings })
}

/// One all-day event.
struct Event {
    uid: String,
    day: Day,
    summary: String,
    description: String,
}

/// The iCalendar object of `events`.
fn write(w: &Value, answers: &Answers, events: &[Event], options: &Options) -> String {
    let mut out = ics::Lines::default();
    out.raw("BEGIN", "VCALENDAR");
    out.raw("VERSION", "2.0");
    let lang = answers.lang();
    out.raw(
        "PRODID",
        &format!(
            "-//netkaart//netkaart {}//{}",
            env!("CARGO_PKG_VERSION"),
            lang.code().to_uppercase()
        ),
    );
    out.raw("CALSCALE", "GREGORIAN");
    out.raw("METHOD", "PUBLISH");
    // The name a calendar app gives the calendar it makes of the file (Apple's, Outlook's,
    // Thunderbird's read it; it is not in RFC 5545, hence X-).
    let name = match answers.person.as_ref().and_then(|p| p.name.as_deref()) {
        Some(person) if !person.trim().is_empty() => {
            word(w, "ics.name").replace("{name}", person.trim())
        }
        _ => word(w, "ics.name_plain"),
    };
    out.text("X-WR-CALNAME", &name);
    let stamp = ics::date_time(stamp(answers, options.clock));
    for event in events {
        out.raw("BEGIN", "VEVENT");
        out.raw("UID", &event.uid);
        out.raw("DTSTAMP", &stamp);
        out.raw("DTSTART;VALUE=DATE", &ics::date(event.day));
        // DTEND of an all-day event is the day after: the end is not part of it.
        out.raw("DTEND;VALUE=DATE", &ics::date(next_day(event.day)));
        out.text("SUMMARY", &event.summary);
        if !event.description.is_empty() {
            out.text("DESCRIPTION", &event.description);
        }
        // A day with an action on it is not a busy day.
        out.raw("TRANSP", "TRANSPARENT");
        if let Some(days) = options.remind {
            out.raw("BEGIN", "VALARM");
            out.raw("ACTION", "DISPLAY");
            out.text("DESCRIPTION", &event.summary);
            out.raw("TRIGGER", &ics::reminder_trigger(days));
            out.raw("END", "VALARM");
        }
        out.raw("END", "VEVENT");
    }
    out.raw("END", "VCALENDAR");
    out.finish()
}

/// The event's text: with whom, the term, whether it is done, and how the person follows up
/// on contacts (the poster's answer).
fn action_description(w: &Value, action: &Action, answers: &Answers) -> String {
    let mut lines = Vec::new();
    if let Some(who) = action.who.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        lines.push(labelled(w, &word(w, "fields.sustain.actions.who"), who));
    }
    if let Some(term) = action.term {
        let key = match term {
            Term::Short => "terms.short",
            Term::Long => "terms.long",
        };
        lines.push(labelled(w, &word(w, "fields.sustain.actions.term"), &word(w, key)));
    }
    if let Some(done) = action.done {
        let key = if done { "form.yes" } else { "form.no" };
        lines.push(labelled(w, &word(w, "fields.sustain.actions.done"), &word(w, key)));
    }
    if let Some(follow_up) = answer(answers, |s| s.follow_up.as_deref()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(word(w, "steps.sustain.prompts.follow_up"));
        lines.push(follow_up.to_string());
    }
    lines.join("\n")
}

/// The look back's text: when it is, what to do that day (update the answers, print the
/// comparison), the poster's question and answer, and the actions.
fn review_description(w: &Value, after: Day, events: &[Event], answers: &Answers) -> String {
    let when = word(w, "ics.review_when")
        .replace("{months}", &REVIEW_AFTER_MONTHS.to_string())
        .replace("{date}", &spoken(w, after));
    let mut lines = vec![when];
    // What to do that day: update the answers and print the comparison (`compare`).
    lines.push(String::new());
    lines.push(word(w, "ics.review_todo"));
    let steps = at(w, "ics.review_steps").as_array().map(Vec::as_slice).unwrap_or_default();
    for (n, step) in steps.iter().enumerate() {
        lines.push(format!("{}. {}", n + 1, step.as_str().unwrap_or_default()));
    }
    lines.push(String::new());
    lines.push(word(w, "steps.sustain.prompts.evaluation"));
    if let Some(evaluation) = answer(answers, |s| s.evaluation.as_deref()) {
        lines.push(evaluation.to_string());
    }
    if !events.is_empty() {
        lines.push(String::new());
        lines.push(word(w, "ics.your_actions"));
        let mut by_day: Vec<&Event> = events.iter().collect();
        by_day.sort_by_key(|e| e.day);
        for event in by_day {
            lines.push(format!("– {}", labelled(w, &spoken(w, event.day), &event.summary)));
        }
    }
    lines.join("\n")
}

/// The look back's day and the day it counts from: [`REVIEW_AFTER_MONTHS`] after the
/// latest action, else after the poster's date.
fn review_day(events: &[Event], answers: &Answers) -> Option<(Day, Day)> {
    let poster = answers.person.as_ref().and_then(|p| p.date.as_ref()).and_then(day_of);
    let after = events.iter().map(|e| e.day).max().or(poster)?;
    Some((months_later(after, REVIEW_AFTER_MONTHS), after))
}

/// The error for answers with nothing to put in a calendar, at the first action's date.
fn nothing_dated(origin: &Path, actions: usize, lang: Lang) -> Error {
    let (message, help, field) = if actions == 0 {
        (
            Message::new("input.calendar_no_actions"),
            Message::new("input.calendar_no_actions_help"),
            "sustain.actions",
        )
    } else {
        let message = match actions {
            1 => Message::new("input.calendar_undated_one"),
            n => Message::new("input.calendar_undated_all").arg("n", n),
        };
        (message, Message::new("input.calendar_undated_all_help"), "sustain.actions.1.when")
    };
    let mut e = InputError::new(origin, message).help(help);
    e.field = Some(field.to_string());
    e.lang = Some(lang);
    Error::Input(Box::new(e))
}

/// A step-5 answer, if given.
fn answer<'a>(
    answers: &'a Answers,
    pick: impl Fn(&'a crate::answers::Sustain) -> Option<&'a str>,
) -> Option<&'a str> {
    answers.sustain.as_ref().and_then(pick).map(str::trim).filter(|s| !s.is_empty())
}

/// Whose answers these are, for the UIDs: the person's name, else the organisation.
fn owner(answers: &Answers) -> String {
    let person = answers.person.as_ref();
    let name = person.and_then(|p| p.name.as_deref()).map(str::trim).filter(|s| !s.is_empty());
    let organisation = person.and_then(|p| p.organisation.as_deref()).map(str::trim);
    name.or(organisation).unwrap_or_default().to_lowercase()
}

/// What identifies an action across edits of its date: what it is, else with whom, else
/// its place in the list.
fn action_key(action: &Action, n: usize) -> String {
    let text = |t: Option<&str>| t.map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty());
    match (text(action.what.as_deref()), text(action.who.as_deref())) {
        (Some(what), _) => format!("what\0{what}"),
        (None, Some(who)) => format!("who\0{who}"),
        (None, None) => format!("number\0{n}"),
    }
}

/// A UID of 128 bits of SHA-256 over whose answers and which event: the same every time, and
/// unlike any other calendar's.
fn uid(owner: &str, event: &str) -> String {
    let digest = Sha256::digest(format!("netkaart\0{owner}\0{event}").as_bytes());
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}@netkaart")
}

/// The moment the file is stamped with: the poster's date, else the clock, else the
/// templates' edition.
fn stamp(answers: &Answers, clock: Option<i64>) -> (i32, u8, u8, u8, u8, u8) {
    if let Some((y, m, d)) = answers.person.as_ref().and_then(|p| p.date.as_ref()).and_then(day_of)
    {
        return (y, m, d, 0, 0, 0);
    }
    if let Some(seconds) = clock {
        return civil_from_epoch(seconds);
    }
    let (y, m, d) = EDITION_DATE;
    (y, m, d, 0, 0, 0)
}

/// A checked date's day.
fn day_of(date: &Date) -> Option<Day> {
    Date::parse(&date.0).ok()
}

/// The day after `day`.
fn next_day((y, m, d): Day) -> Day {
    let (y, m, d, ..) = civil_from_epoch(epoch_from_civil(y, m, d) + 86_400);
    (y, m, d)
}

/// The same day `months` months later, or that month's last day (31 January and one month
/// is 28 or 29 February).
fn months_later((y, m, d): Day, months: u8) -> Day {
    let index = i64::from(y) * 12 + i64::from(m) - 1 + i64::from(months);
    let (year, month) = ((index.div_euclid(12)) as i32, (index.rem_euclid(12) + 1) as u8);
    let (ny, nm, ..) = civil_from_epoch(epoch_from_civil(year, month, 1) + 31 * 86_400);
    let (ly, lm, ld, ..) = civil_from_epoch(epoch_from_civil(ny, nm, 1) - 86_400);
    debug_assert_eq!((ly, lm), (year, month));
    (year, month, d.min(ld))
}

/// A day in words: "15 januari 2027".
fn spoken(w: &Value, (y, m, d): Day) -> String {
    let month = at(w, "months")[usize::from(m) - 1].as_str().unwrap_or_default();
    word(w, "ics.date")
        .replace("{day}", &d.to_string())
        .replace("{month}", month)
        .replace("{year}", &y.to_string())
}

/// A word of the language file.
fn word(w: &Value, path: &str) -> String {
    at(w, path).as_str().unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_after_and_months_later() {
        assert_eq!(next_day((2027, 2, 28)), (2027, 3, 1));
        assert_eq!(next_day((2028, 2, 28)), (2028, 2, 29));
        assert_eq!(next_day((2026, 12, 31)), (2027, 1, 1));
        assert_eq!(months_later((2027, 1, 15), 3), (2027, 4, 15));
        assert_eq!(months_later((2026, 11, 30), 3), (2027, 2, 28));
        assert_eq!(months_later((2027, 11, 30), 3), (2028, 2, 29));
        assert_eq!(months_later((2027, 10, 31), 3), (2028, 1, 31));
    }

    #[test]
    fn a_uid_follows_the_person_and_the_action_not_the_date() {
        let a = Action { what: Some("Luc mailen".into()), ..Action::default() };
        let mut b = a.clone();
        b.when = Some(Date("2027-05-01".into()));
        assert_eq!(action_key(&a, 1), action_key(&b, 7));
        assert_eq!(uid("an", "x"), uid("an", "x"));
        assert_ne!(uid("an", "x"), uid("mira", "x"));
        assert_eq!(uid("an", "x").len(), 32 + "@netkaart".len());
    }
}
