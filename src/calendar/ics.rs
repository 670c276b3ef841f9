//! iCalendar's content lines (RFC 5545, section 3.1): `NAME;PARAMETERS:VALUE`, ended by CRLF,
//! folded at 75 octets, and text values escaped (section 3.3.11).
//!
//! Written here rather than with the `icalendar` crate: that crate stamps every event with
//! the clock (`DTSTAMP`) and a random `UID` unless both are set each time, brings `chrono`,
//! `uuid` and `iso8601` along, and its folding mixes a byte position with a character
//! count (`chars().nth(byte_index)`). netkaart writes six kinds of property; the rules for
//! them are the few lines below.

/// The longest physical line, in octets, without its CRLF (RFC 5545, section 3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// An iCalendar object being written, line by line.
#[derive(Debug, Default)]
pub struct Lines {
    out: String,
}

impl Lines {
    /// A property whose value is written as it is: a date, a duration, a keyword.
    pub fn raw(&mut self, name: &str, value: &str) {
        self.out.push_str(&fold(&format!("{name}:{value}")));
        self.out.push_str("\r\n");
    }

    /// A property whose value is text, escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape(value));
    }

    /// The object, every line ended by CRLF.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Text as a TEXT value: backslash, semicolon and comma escaped with a backslash, every
/// line break (CRLF, CR or LF) as `\n`, and the control characters that TEXT may not hold
/// left out (tab stays).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded: a CRLF and a space before the octet that would make a physical
/// line longer than 75 octets (the space counts), never inside a character's UTF-8 bytes.
/// Without the CRLF at its end.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 25);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out
}

/// A date as a DATE value: `20270115`.
pub fn date((year, month, day): (i32, u8, u8)) -> String {
    format!("{year:04}{month:02}{day:02}")
}

/// A moment in UTC as a DATE-TIME value: `20261201T093000Z`.
pub fn date_time((year, month, day, hour, minute, second): (i32, u8, u8, u8, u8, u8)) -> String {
    format!("{year:04}{month:02}{day:02}T{hour:02}{minute:02}{second:02}Z")
}

/// A reminder's trigger, relative to the start of an all-day event (midnight): at 09:00,
/// `days` days before. `PT9H` on the day itself, `-PT15H` the day before, `-P6DT15H` a
/// week before.
pub fn reminder_trigger(days: u16) -> String {
    match days {
        0 => "PT9H".to_string(),
        1 => "-PT15H".to_string(),
        n => format!("-P{}DT15H", n - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_as_rfc_5545_asks() {
        assert_eq!(escape("Luc, Mira; en \\ co"), "Luc\\, Mira\\; en \\\\ co");
        assert_eq!(escape("een\r\ntwee\rdrie\nvier"), "een\\ntwee\\ndrie\\nvier");
        assert_eq!(escape("tab\there\u{7}bell"), "tab\therebell");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("DESCRIPTION:{}", "é".repeat(60) + &"🌱".repeat(20));
        let folded = fold(&line);
        for physical in folded.split("\r\n") {
            assert!(physical.len() <= MAX_LINE_OCTETS, "{} octets: {physical}", physical.len());
        }
        // Every physical line is whole UTF-8 (split() would have panicked otherwise), and
        // unfolding gives the line back.
        assert_eq!(folded.replace("\r\n ", ""), line);
        // A line of exactly 75 octets stays whole; one more octet folds.
        let exact = "X".repeat(75);
        assert_eq!(fold(&exact), exact);
        assert_eq!(fold(&"X".repeat(76)), format!("{}\r\n X", "X".repeat(75)));
    }

    #[test]
    fn reminders_come_at_nine_in_the_morning() {
        assert_eq!(reminder_trigger(0), "PT9H");
        assert_eq!(reminder_trigger(1), "-PT15H");
        assert_eq!(reminder_trigger(7), "-P6DT15H");
    }

    #[test]
    fn dates_and_moments() {
        assert_eq!(date((2027, 1, 5)), "20270105");
        assert_eq!(date_time((2026, 12, 1, 9, 3, 0)), "20261201T090300Z");
    }
}
