//! The fixed lists of the answers (a kind, a reason, a ring, …): for each, where the
//! language files name its values. One row per list; the fields that hold a list find their
//! row by the type the schema names at them (`answers::fields::list`), so the form's
//! options, the words read in the participant's own words (`labels`), the schema's
//! descriptions and the messages all read this one table. Knows nothing else.

/// A fixed list of values, and its words.
#[derive(Debug, PartialEq, Eq)]
pub struct FixedList {
    /// Its type's name in the schema (`Kind`).
    pub type_name: &'static str,
    /// The section of the language files that names each value by its key: the poster's
    /// words (`kinds`: `colleague: Collega’s`). For the languages, a single word, `name`:
    /// each language is named by its own file's.
    pub section: &'static str,
    /// More words that name its values, read as well: sections (`everyday.kinds`), or a
    /// single label and the key it names (`rings.desired→desired`).
    pub also: &'static [&'static str],
    /// Whether an option's label starts with its key ("2 Regelmatig", a ring read as a
    /// number too).
    pub numbered: bool,
    /// The message that names what its value is, as in "unknown kind": `input.what.…`.
    pub what: &'static str,
}

/// The reasons to network (step 2).
pub const REASON: FixedList = FixedList {
    type_name: "Reason",
    section: "reasons",
    also: &[],
    numbered: false,
    what: "input.what.reason",
};

/// The kinds of contact: the sectors of the map.
pub const KIND: FixedList = FixedList {
    type_name: "Kind",
    section: "kinds",
    also: &["everyday.kinds"],
    numbered: false,
    what: "input.what.kind",
};

/// The rings of the map, by number.
pub const RING: FixedList = FixedList {
    type_name: "Ring",
    section: "rings",
    also: &[],
    numbered: true,
    what: "input.what.value",
};

/// A contact known already, or wished for.
pub const STATUS: FixedList = FixedList {
    type_name: "Status",
    section: "statuses",
    also: &["rings.desired→desired"],
    numbered: false,
    what: "input.what.status",
};

/// A personal contact, or the organisation's.
pub const LEVEL: FixedList = FixedList {
    type_name: "Level",
    section: "levels",
    also: &["map.legend_personal→personal", "map.legend_organisation→organisation"],
    numbered: false,
    what: "input.what.level",
};

/// The occasions to make contact (step 4).
pub const OCCASION: FixedList = FixedList {
    type_name: "Occasion",
    section: "occasions",
    also: &[],
    numbered: false,
    what: "input.what.occasion",
};

/// The term of an action.
pub const TERM: FixedList = FixedList {
    type_name: "Term",
    section: "terms",
    also: &["terms_short"],
    numbered: false,
    what: "input.what.term",
};

/// The languages, each named in its own words.
pub const LANG: FixedList = FixedList {
    type_name: "Lang",
    section: "name",
    also: &[],
    numbered: false,
    what: "input.what.lang",
};

/// Every fixed list.
pub const FIXED_LISTS: &[FixedList] = &[REASON, KIND, RING, STATUS, LEVEL, OCCASION, TERM, LANG];

/// The row of the list whose type is `type_name`.
pub fn by_type(type_name: &str) -> Option<&'static FixedList> {
    FIXED_LISTS.iter().find(|l| l.type_name == type_name)
}
