//! The ways a name may be broken into lines: at its spaces, after its own hyphens
//! ("Kessel-Lo"), and, for a word too long for its place, between the syllables that the
//! document's language allows, with a hyphen added at the end of the line. The syllables
//! are Typst's own: the patterns of the `hypher` crate, which Typst hyphenates with, so
//! that a name broken on the map is broken where the page would break it.

use super::measure::{Measure, Weight};
use crate::lang::Lang;

/// How one piece of a name is joined to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joint {
    /// A space: dropped when the line breaks there.
    Space,
    /// The piece ends with a hyphen of the name's own ("Kessel-"): a break adds nothing.
    Hyphen,
    /// Between two syllables of a word: a break adds a hyphen.
    Syllable,
}

/// A name cut into the pieces a line may start or end with, and their widths at 1 pt.
pub struct Pieces {
    pieces: Vec<String>,
    /// The joint after each piece but the last.
    joints: Vec<Joint>,
    widths: Vec<f64>,
    space: f64,
    hyphen: f64,
}

/// A word longer than this is not split into syllables: no label is that wide, and a
/// pasted text must not cost a search over hundreds of pieces.
const LONGEST_WORD: usize = 60;

/// Only a long word is hyphenated ("Boudewijnstichting", not "Janssens"), and never with
/// fewer than this many letters on either side of the break: of the places Typst's patterns
/// allow, the ones a reader takes in at a glance.
const SHORTEST_HYPHENATED: usize = 10;
const LEAST_PART: usize = 4;

impl Pieces {
    /// `name` in pieces, measured at `weight`; its syllables by the patterns of `lang`.
    pub fn new(name: &str, lang: Lang, measure: &Measure, weight: Weight) -> Self {
        let (mut pieces, mut joints) = (Vec::new(), Vec::new());
        for word in name.split_whitespace() {
            if !pieces.is_empty() {
                joints.push(Joint::Space);
            }
            // After each of the word's own hyphens, then between the syllables of each
            // run of letters, as Typst hyphenates only runs of letters.
            let parts: Vec<&str> = word.split_inclusive('-').collect();
            for (k, part) in parts.iter().enumerate() {
                if k > 0 {
                    joints.push(Joint::Hyphen);
                }
                let syllables = syllables(part, lang.hyphenation());
                for (s, syllable) in syllables.iter().enumerate() {
                    if s > 0 {
                        joints.push(Joint::Syllable);
                    }
                    pieces.push(syllable.to_string());
                }
            }
        }
        let widths = pieces.iter().map(|p| measure.word(p, weight)).collect();
        Pieces {
            pieces,
            joints,
            widths,
            space: measure.word(" ", weight),
            hyphen: measure.word("-", weight),
        }
    }

    /// Whether any word of the name can be broken between syllables.
    pub fn has_syllables(&self) -> bool {
        self.joints.contains(&Joint::Syllable)
    }

    /// The name in exactly `lines` lines with the widest as narrow as it can be, breaking at
    /// spaces and the name's own hyphens, and between syllables when `hyphenate`; `None`
    /// when there are fewer places to break than that.
    pub fn wrap(&self, lines: usize, hyphenate: bool) -> Option<Vec<String>> {
        let n = self.pieces.len();
        if n == 0 {
            return (lines == 1).then(|| vec![String::new()]);
        }
        let may_break = |k: usize| hyphenate || self.joints[k] != Joint::Syllable;
        // The width at 1 pt of the line of pieces a..b (b excluded), with the hyphen that a
        // break between syllables adds at its end.
        let width = |a: usize, b: usize| {
            let mut w: f64 = self.widths[a..b].iter().sum();
            w += self.joints[a..b - 1].iter().filter(|j| **j == Joint::Space).count() as f64
                * self.space;
            if b < n && self.joints[b - 1] == Joint::Syllable {
                w += self.hyphen;
            }
            w
        };
        // best[k][i]: the narrowest widest line for the first i pieces in k lines, and where
        // the last of those lines starts.
        let mut best = vec![vec![(f64::INFINITY, 0usize); n + 1]; lines + 1];
        best[0][0] = (0.0, 0);
        for k in 1..=lines {
            for i in k..=n {
                if i < n && !may_break(i - 1) {
                    continue;
                }
                for start in (k - 1)..i {
                    let prev = best[k - 1][start].0;
                    if prev.is_finite() && (start == 0 || may_break(start - 1)) {
                        let value = prev.max(width(start, i));
                        if value < best[k][i].0 {
                            best[k][i] = (value, start);
                        }
                    }
                }
            }
        }
        if !best[lines][n].0.is_finite() {
            return None;
        }
        let mut out = Vec::with_capacity(lines);
        let mut end = n;
        for k in (1..=lines).rev() {
            let start = best[k][end].1;
            out.push(self.line(start, end));
            end = start;
        }
        out.reverse();
        Some(out)
    }

    /// The text of the line of pieces a..b.
    fn line(&self, a: usize, b: usize) -> String {
        let mut text = String::new();
        for k in a..b {
            text.push_str(&self.pieces[k]);
            if k + 1 < b && self.joints[k] == Joint::Space {
                text.push(' ');
            }
        }
        if b < self.pieces.len() && self.joints[b - 1] == Joint::Syllable {
            text.push('-');
        }
        text
    }
}

/// The syllables of `part` (a word, or a piece of one after its own hyphen) between which it
/// may be broken: Typst hyphenates each run of letters, and nothing else.
fn syllables(part: &str, lang: Option<hypher::Lang>) -> Vec<&str> {
    // A language without Typst's patterns breaks a name only at its spaces and hyphens.
    let Some(lang) = lang.filter(|_| part.chars().count() <= LONGEST_WORD) else {
        return vec![part];
    };
    let mut out = Vec::new();
    let mut start = 0;
    // Runs of letters and runs of anything else, in turn.
    let mut runs: Vec<(usize, usize, bool)> = Vec::new();
    for (i, c) in part.char_indices() {
        let letter = c.is_alphabetic();
        match runs.last_mut() {
            Some((_, end, kind)) if *kind == letter => *end = i + c.len_utf8(),
            _ => runs.push((i, i + c.len_utf8(), letter)),
        }
    }
    for (a, b, letter) in runs {
        if !letter {
            continue;
        }
        let mut offset = a;
        let run = &part[a..b];
        if run.chars().count() < SHORTEST_HYPHENATED {
            continue;
        }
        let syllables: Vec<&str> =
            hypher::hyphenate_bounded(run, lang, LEAST_PART, LEAST_PART).collect();
        for syllable in &syllables[..syllables.len().saturating_sub(1)] {
            offset += syllable.len();
            out.push(&part[start..offset]);
            start = offset;
        }
    }
    out.push(&part[start..]);
    out
}

/// Whether `lines` are `name` broken as this module breaks names: each line a run of its
/// pieces, ending where the name may break, with the hyphen that a break between syllables
/// adds, and nothing left out.
pub fn is_broken_from(lines: &[String], name: &str, lang: Lang) -> bool {
    let p = Pieces::new(name, lang, Measure::embedded(), Weight::Regular);
    let n = p.pieces.len();
    let mut k = 0;
    for (i, line) in lines.iter().enumerate() {
        let last = i + 1 == lines.len();
        match (k + 1..=n).find(|&b| (!last || b == n) && p.line(k, b) == *line) {
            Some(b) => k = b,
            None => return false,
        }
    }
    k == n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(name: &str, lang: Lang) -> Pieces {
        Pieces::new(name, lang, Measure::embedded(), Weight::Regular)
    }

    #[test]
    fn a_long_dutch_word_breaks_between_its_syllables_with_a_hyphen() {
        let p = pieces("Koning Boudewijnstichting", Lang::Nl);
        assert!(p.has_syllables());
        assert_eq!(p.wrap(2, false).unwrap(), ["Koning", "Boudewijnstichting"]);
        let three = p.wrap(3, true).unwrap();
        assert_eq!(three.len(), 3);
        assert!(three.iter().any(|l| l.ends_with('-')), "{three:?}");
        assert!(is_broken_from(&three, "Koning Boudewijnstichting", Lang::Nl), "{three:?}");
        assert_eq!(three.concat().replace('-', ""), "KoningBoudewijnstichting");
    }

    #[test]
    fn a_name_breaks_after_its_own_hyphen_without_another() {
        let p = pieces("Kessel-Lo", Lang::Nl);
        assert_eq!(p.wrap(2, false).unwrap(), ["Kessel-", "Lo"]);
        assert!(is_broken_from(&["Kessel-".into(), "Lo".into()], "Kessel-Lo", Lang::Nl));
    }

    #[test]
    fn without_hyphenation_a_word_stays_whole() {
        let p = pieces("Boudewijnstichting", Lang::Nl);
        assert_eq!(p.wrap(1, false).unwrap(), ["Boudewijnstichting"]);
        assert!(p.wrap(2, false).is_none());
        assert!(p.wrap(2, true).is_some());
    }

    #[test]
    fn english_names_use_the_english_patterns() {
        let p = pieces("Neighbourhood", Lang::En);
        let two = p.wrap(2, true).unwrap();
        assert!(is_broken_from(&two, "Neighbourhood", Lang::En), "{two:?}");
    }

    #[test]
    fn a_break_that_is_no_syllable_is_refused() {
        assert!(!is_broken_from(&["Boud-".into(), "ewijn".into()], "Boudewijn", Lang::Nl));
        assert!(!is_broken_from(&["Jan".into(), "Peters".into()], "Jan Peeters", Lang::Nl));
    }

    #[test]
    fn signs_and_digits_are_not_hyphenated() {
        let p = pieces("'t Atelier (2024)", Lang::Nl);
        for n in 1..=4 {
            if let Some(lines) = p.wrap(n, true) {
                assert!(!lines.iter().any(|l| l.contains("20-")), "{lines:?}");
            }
        }
    }
}
