//! Looking back at maps: the figures of one participant's answers ([`Tally`]), two answers
//! files of one participant compared ([`compare`]), and a workshop's answers counted
//! together ([`group`]) and written as a table ([`table`]). Pure functions of the answers:
//! the documents draw what is decided here.

pub mod compare;
pub mod group;
pub mod table;

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::answers::{Answers, Contact, Level, Reason, Status};
use crate::map::geometry::{BANDS, SECTORS, cell_of};

/// The keys of the map's bands, from the centre out: rings 1 to 3, then the band of desired
/// contacts without a ring.
pub const BAND_KEYS: [&str; BANDS] = ["1", "2", "3", "desired"];

/// The reasons of step 2, in the poster's order.
pub const REASONS: [Reason; 5] = [
    Reason::Position,
    Reason::TestIdeas,
    Reason::Learn,
    Reason::SolveProblem,
    Reason::FindResources,
];

/// The key of a value of the schema (`policy_maker`), as the answers file writes it.
pub fn key<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Numbers by key, written as a JSON object in the order given (the poster's), not sorted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ByKey(pub Vec<(String, u32)>);

impl ByKey {
    /// Zero for each key.
    pub fn zero(keys: impl IntoIterator<Item = String>) -> Self {
        ByKey(keys.into_iter().map(|k| (k, 0)).collect())
    }

    /// The number at `key`; 0 when it has none.
    pub fn get(&self, key: &str) -> u32 {
        self.0.iter().find(|(k, _)| k == key).map_or(0, |(_, n)| *n)
    }

    /// Adds `n` at the `i`th key.
    pub fn add(&mut self, i: usize, n: u32) {
        self.0[i].1 += n;
    }

    /// The numbers, in order.
    pub fn values(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().map(|(_, n)| *n)
    }
}

impl Serialize for ByKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, n) in &self.0 {
            map.serialize_entry(k, n)?;
        }
        map.end()
    }
}

/// The kinds' keys, in the map's order of sectors.
pub fn kind_keys() -> impl Iterator<Item = String> {
    SECTORS.iter().map(key)
}

/// How one map's contacts fall: by sector, band, level and status, as the map draws them
/// (no kind: the sector "other"; no ring: ring 3, or the desired band for a desired
/// contact; no level: personal; no status: current).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Every contact.
    pub contacts: u32,
    /// By sector (kind), in the map's order.
    pub kinds: ByKey,
    /// By band: rings 1 to 3 and the desired band.
    pub rings: ByKey,
    /// Personal contacts and the organisation's.
    pub levels: ByKey,
    /// Current contacts and desired ones.
    pub statuses: ByKey,
}

impl Tally {
    /// The figures of a list of contacts.
    pub fn of(contacts: &[Contact]) -> Self {
        let mut tally = Tally {
            contacts: 0,
            kinds: ByKey::zero(kind_keys()),
            rings: ByKey::zero(BAND_KEYS.iter().map(|k| k.to_string())),
            levels: ByKey::zero([Level::Personal, Level::Organisation].iter().map(key)),
            statuses: ByKey::zero([Status::Current, Status::Desired].iter().map(key)),
        };
        for contact in contacts {
            let (sector, band) = cell_of(contact);
            tally.contacts += 1;
            tally.kinds.add(sector, 1);
            tally.rings.add(band, 1);
            tally.levels.add(usize::from(contact.level == Some(Level::Organisation)), 1);
            tally.statuses.add(usize::from(is_desired(contact)), 1);
        }
        tally
    }

    /// The figures of a participant's map.
    pub fn of_answers(answers: &Answers) -> Self {
        Tally::of(contacts(answers))
    }

    /// The share of desired contacts, in whole percents (0 without contacts).
    pub fn desired_percent(&self) -> u32 {
        let desired = self.statuses.get("desired");
        (desired * 100 + self.contacts / 2).checked_div(self.contacts).unwrap_or(0)
    }
}

/// Whether a contact is wished for rather than known.
pub fn is_desired(contact: &Contact) -> bool {
    contact.status == Some(Status::Desired)
}

/// A participant's contacts; none when the answers have no list.
pub fn contacts(answers: &Answers) -> &[Contact] {
    answers.contacts.as_deref().unwrap_or(&[])
}

/// The reasons a participant ticked.
pub fn reasons(answers: &Answers) -> &[Reason] {
    answers.why.as_ref().and_then(|w| w.reasons.as_deref()).unwrap_or(&[])
}

/// Whether a participant wrote a reason of their own.
pub fn other_reason(answers: &Answers) -> bool {
    answers.why.as_ref().is_some_and(|w| w.other.is_some())
}

/// A participant's actions of step 5, and how many of them are marked done.
pub fn actions(answers: &Answers) -> (u32, u32) {
    let list = answers.sustain.as_ref().and_then(|s| s.actions.as_deref()).unwrap_or(&[]);
    (list.len() as u32, list.iter().filter(|a| a.done == Some(true)).count() as u32)
}
