//! Answers are data, never Typst source: whatever a participant writes, in every text field
//! of the schema, compiles and comes out literally. Strings are weighted towards Typst and
//! markup syntax, very long words, right-to-left text, combining marks and emoji.
//! `PROPTEST_CASES=500 cargo test --release --test it injection::` searches longer.

use crate::common::*;
use netkaart::answers::{
    Action, Contact, HowWhere, Levels, Name, OrganisationLevel, Person, PersonalLevel, Sustain,
    Text, What, Why,
};
use netkaart::{Answers, Lang, Orientation, Template};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Pieces that mean something to Typst or to a markup language.
const SYNTAX: &[&str] = &[
    "#",
    "$",
    "*",
    "_",
    "\\",
    "<",
    ">",
    "@",
    "[",
    "]",
    "{",
    "}",
    "=",
    "-",
    "+",
    "/",
    "`",
    "~",
    "#panic(\"x\")",
    "#let x = 1",
    "#import \"@preview/x:0.1.0\"",
    "#read(\"/etc/passwd\")",
    "$x^2$",
    "// ",
    "/*",
    "*/",
    "```",
    "<label>",
    "@ref",
    "= Heading",
    "- item",
    "+ item",
    "\\u{41}",
    "#{",
    "}",
    "](",
    "#set text(red)",
    "%",
    "&amp;",
    "\"",
    "'",
    ": ",
    "a",
    "é",
    " ",
];

fn syntax() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(SYNTAX), 1..24).prop_map(|v| v.concat())
}

/// Whether a character is written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko,
/// and the historic scripts of the SMP's right-to-left blocks).
fn right_to_left(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// A default-ignorable code point (Unicode's list, DerivedCoreProperties.txt).
fn ignorable(c: char) -> bool {
    matches!(
        c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
            | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
            | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

/// A combining mark (accents that sit on the letter before).
fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Right-to-left text in one script: a page holds a word of one script in one font in the
/// order it is written, and the words in the order they are seen.
fn right_to_left_words() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\u{05D0}-\u{05EA}]{1,10}( [\u{05D0}-\u{05EA}]{1,10}){0,5}",
        "[\u{0627}-\u{063A}\u{0641}-\u{064A}]{1,10}( [\u{0627}-\u{063A}\u{0641}-\u{064A}]{1,10}){0,5}"
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => syntax(),
        2 => "\\PC{1,60}".prop_filter("left-to-right", |s: &String| !s.chars().any(right_to_left)),
        1 => "[a-zA-Z]{80,300}",
        1 => right_to_left_words(),
        1 => "([a-z][\u{0300}-\u{036F}]{1,3}){1,12}",
        1 => "[\u{1F600}-\u{1F64F}\u{1F300}-\u{1F5FF}\u{2600}-\u{26FF}]{1,12}",
    ]
    // An answer of only white space is absent, and answers are trimmed.
    .prop_filter("an answer has something besides white space", |s| !s.trim().is_empty())
}

/// Answers with a string in every text field: the strategy's strings in turn.
fn answers_with(strings: &[String]) -> Answers {
    let mut next = strings.iter().cycle().cloned();
    let mut t = || Some(Text::from(next.next().unwrap()));
    let person = Person { name: t(), organisation: t(), role: t(), date: None };
    let what = What { associations: Some(vec![t().unwrap(), t().unwrap()]), network_today: t() };
    let why = Why { reasons: None, other: t(), statement: t() };
    let levels = Levels {
        personal: Some(PersonalLevel { offer: t(), attract: t(), goal: t(), contacts: t() }),
        organisation: Some(OrganisationLevel {
            stands_for: t(),
            expertise: t(),
            ambition: t(),
            needs: t(),
        }),
    };
    let contacts = (0..2)
        .map(|_| Contact {
            name: Name(t().unwrap().0),
            kind: None,
            ring: None,
            status: None,
            level: None,
            how: None,
            r#where: t(),
            note: t(),
        })
        .collect();
    let how_where = HowWhere { occasions: None, places: t(), approach: t() };
    let actions = (0..2).map(|_| Action { what: t(), who: t(), ..Action::default() }).collect();
    let sustain =
        Sustain { actions: Some(actions), follow_up: t(), knowledge: t(), evaluation: t() };
    let answers = Answers {
        lang: Some(Lang::En),
        person: Some(person),
        what: Some(what),
        why: Some(why),
        levels: Some(levels),
        contacts: Some(contacts),
        how_where: Some(how_where),
        sustain: Some(sustain),
        ..Answers::default()
    };
    // Through the file format, as a participant's answers come: what is read is what the
    // templates get.
    let yaml = serde_json::to_string(&answers).unwrap();
    Answers::parse(yaml.as_bytes(), "prop.yaml".as_ref()).expect("the strings are valid answers")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_string_in_every_field_compiles_and_comes_out_literally(
        strings in proptest::collection::vec(text(), 12..40)
    ) {
        let answers = answers_with(&strings);
        let texts = answers.texts();
        prop_assert!(texts.len() >= 30, "only {} text fields filled", texts.len());
        // The poster cuts what does not fit; it must compile whatever the text.
        compile(Template::Poster, answers.clone(), Orientation::Landscape);
        compile(Template::Handout, answers.clone(), Orientation::Portrait);
        // The handbook holds every answer in full. Typst keeps text in its canonical
        // (NFC) form, so a character with a decomposition is compared as that.
        // Characters that have no form of their own (variation selectors, joiners, …) are
        // not looked for.
        let canonical = |s: &str| squash(s).nfd().filter(|c| !ignorable(*c)).collect::<String>();
        let handbook =
            canonical(&compile(Template::Handbook, answers, Orientation::Portrait).text());
        for (field, value) in texts {
            // A page holds right-to-left words in the order they are seen, right to left;
            // each word is still written as typed. Arabic letters that join are laid out
            // by Typst in pieces that overlap in the text layer (it looks right on the
            // page), so for Arabic each letter is looked for.
            let letters: Vec<String>;
            let pieces: Vec<&str> = if value.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
                letters = value.chars().filter(|c| !c.is_whitespace()).map(String::from).collect();
                letters.iter().map(String::as_str).collect()
            } else if value.chars().any(right_to_left) {
                value.split_whitespace().collect()
            } else {
                vec![value.as_str()]
            };
            for piece in pieces {
                let piece = canonical(piece);
                if piece.chars().any(is_mark) {
                    // A mark that the base letter's font lacks comes from another font, as
                    // an item of its own that repeats its letter: the letters are in order
                    // (a letter repeated right after itself counted once), the marks are there.
                    let bare = |s: &str| {
                        let mut letters: Vec<char> = s.chars().filter(|c| !is_mark(*c)).collect();
                        letters.dedup();
                        letters.into_iter().collect::<String>()
                    };
                    prop_assert!(bare(&handbook).contains(&bare(&piece)), "{field}: {value:?}");
                    for mark in piece.chars().filter(|c| is_mark(*c)) {
                        prop_assert!(handbook.contains(mark), "{field}: {mark:?} of {value:?}");
                    }
                } else {
                    prop_assert!(
                        handbook.contains(&piece),
                        "{field}: {piece:?} of {value:?} is not in the handbook as written"
                    );
                }
            }
        }
    }
}
