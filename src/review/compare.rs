//! Two answers files of one participant compared: the map then and now. Contacts are matched
//! by name, with case, spaces, punctuation and accents forgiven ("Jan Peeters" is
//! "jan peeters"); a contact renamed is one gone and one new. Actions are matched by what
//! they say, in the same way.

use serde::Serialize;

use crate::answers::{Answers, Contact, Date, Name};
use crate::labels::fold;
use crate::map::geometry::{Marks, cell_of};

use super::{BAND_KEYS, ByKey, Tally, contacts, is_desired, key, other_reason, reasons};

/// What happened to one contact between the two dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// On the map now, not then.
    New,
    /// On the map then, not now.
    Gone,
    /// Desired then, known now.
    Realised,
    /// In a ring nearer the centre now.
    Closer,
    /// In a ring further out now.
    Further,
    /// In the same ring, with the same status.
    Same,
}

impl Change {
    /// Every change, in the order the documents list them.
    pub const ALL: [Change; 6] = [
        Change::New,
        Change::Gone,
        Change::Realised,
        Change::Closer,
        Change::Further,
        Change::Same,
    ];

    /// The mark the map sets before the name (`look.marks` of `templates/map.yaml`); none
    /// for a contact that stayed.
    pub fn mark(self, marks: &Marks) -> Option<&str> {
        match self {
            Change::New => Some(&marks.new),
            Change::Gone => Some(&marks.gone),
            Change::Realised => Some(&marks.realised),
            Change::Closer => Some(&marks.closer),
            Change::Further => Some(&marks.further),
            Change::Same => None,
        }
    }
}

/// Where a contact stood on one of the maps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The sector's kind (`neighbour`).
    pub kind: String,
    /// The band: `1`, `2`, `3` or `desired`.
    pub ring: &'static str,
    /// Whether it was wished for.
    pub desired: bool,
}

impl Place {
    fn of(contact: &Contact) -> Self {
        let (sector, band) = cell_of(contact);
        let kind = key(&crate::map::geometry::SECTORS[sector]);
        Place { kind, ring: BAND_KEYS[band], desired: is_desired(contact) }
    }
}

/// One contact of either map, and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactChange {
    /// The name, as the newer file writes it (the older one's for a contact gone).
    pub name: String,
    /// What happened.
    pub change: Change,
    /// Where it stood then.
    pub then: Option<Place>,
    /// Where it stands now.
    pub now: Option<Place>,
    /// Its place in the newer file's list of contacts.
    #[serde(skip)]
    pub index: Option<usize>,
}

/// One of the two dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The day the answers were filled in (`person.date`), when they say.
    pub date: Option<Date>,
    /// The map's figures.
    pub figures: Tally,
    /// The reasons ticked, by key, in the poster's order: 1 ticked, 0 not; `other` for a
    /// reason of one's own.
    pub reasons: ByKey,
    /// The actions of step 5.
    pub actions: u32,
    /// Of those, the ones marked done.
    pub done: u32,
}

impl Side {
    fn of(answers: &Answers) -> Self {
        let (actions, done) = super::actions(answers);
        Side {
            date: answers.person.as_ref().and_then(|p| p.date.clone()),
            figures: Tally::of_answers(answers),
            reasons: ticked(answers),
            actions,
            done,
        }
    }
}

/// The reasons of a participant as 1 (ticked) or 0 by key, `other` last.
pub fn ticked(answers: &Answers) -> ByKey {
    let chosen = reasons(answers);
    let mut out: Vec<(String, u32)> =
        super::REASONS.iter().map(|r| (key(r), u32::from(chosen.contains(r)))).collect();
    out.push(("other".to_string(), u32::from(other_reason(answers))));
    ByKey(out)
}

fn action_list(answers: &Answers) -> &[crate::answers::Action] {
    answers.sustain.as_ref().and_then(|s| s.actions.as_deref()).unwrap_or(&[])
}

/// A participant's map then and now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// The older answers.
    pub then: Side,
    /// The newer answers.
    pub now: Side,
    /// How many contacts of each change.
    pub changes: ByKey,
    /// The actions planned then that are done now (marked done in either file).
    pub planned_done: u32,
    /// Every contact: the newer file's in its order, then those gone in the older one's.
    pub contacts: Vec<ContactChange>,
}

/// A name as it is matched: folded, or as written when it has no letter or digit.
fn match_key(name: &str) -> String {
    let folded = fold(name);
    if folded.is_empty() { name.trim().to_lowercase() } else { folded }
}

impl Comparison {
    /// Compares the answers of `then` with those of `now`.
    pub fn of(then: &Answers, now: &Answers) -> Self {
        let before = contacts(then);
        let mut unmatched: Vec<Option<(String, &Contact)>> =
            before.iter().map(|c| Some((match_key(&c.name.0), c))).collect();
        let mut list = Vec::new();
        for (index, contact) in contacts(now).iter().enumerate() {
            let wanted = match_key(&contact.name.0);
            let found = unmatched
                .iter_mut()
                .find(|slot| slot.as_ref().is_some_and(|(k, _)| *k == wanted))
                .and_then(Option::take);
            let now_place = Place::of(contact);
            let (change, then_place) = match found {
                None => (Change::New, None),
                Some((_, old)) => {
                    let old_place = Place::of(old);
                    let (b0, b1) = (band(&old_place), band(&now_place));
                    let change = if old_place.desired && !now_place.desired {
                        Change::Realised
                    } else if b1 < b0 {
                        Change::Closer
                    } else if b1 > b0 {
                        Change::Further
                    } else {
                        Change::Same
                    };
                    (change, Some(old_place))
                }
            };
            list.push(ContactChange {
                name: contact.name.0.clone(),
                change,
                then: then_place,
                now: Some(now_place),
                index: Some(index),
            });
        }
        for (_, old) in unmatched.into_iter().flatten() {
            list.push(ContactChange {
                name: old.name.0.clone(),
                change: Change::Gone,
                then: Some(Place::of(old)),
                now: None,
                index: None,
            });
        }
        let mut changes = ByKey::zero(Change::ALL.iter().map(key));
        for c in &list {
            let i =
                Change::ALL.iter().position(|k| *k == c.change).expect("every change is listed");
            changes.add(i, 1);
        }
        Comparison {
            then: Side::of(then),
            now: Side::of(now),
            changes,
            planned_done: planned_done(action_list(then), action_list(now)),
            contacts: list,
        }
    }

    /// The newer answers with each changed contact's name after its mark ("+ Luc"), for the
    /// map that shows the changes: the layout measures the name with its mark, and the list
    /// beside the map shows it too.
    pub fn marked(&self, now: &Answers, marks: &Marks) -> Answers {
        let mut answers = now.clone();
        if let Some(list) = answers.contacts.as_mut() {
            for c in &self.contacts {
                let (Some(i), Some(mark)) = (c.index, c.change.mark(marks)) else { continue };
                // A no-break space: the mark never ends a line of its own.
                list[i].name = Name(format!("{mark}\u{a0}{}", list[i].name.0));
            }
        }
        answers
    }
}

fn band(place: &Place) -> usize {
    BAND_KEYS.iter().position(|k| *k == place.ring).unwrap_or(BAND_KEYS.len())
}

/// How many of the actions planned then are done: marked done then, or marked done now in
/// the action that says the same (each action of now matched once).
fn planned_done(then: &[crate::answers::Action], now: &[crate::answers::Action]) -> u32 {
    let what = |a: &crate::answers::Action| a.what.as_ref().map(|t| match_key(&t.0));
    let mut open: Vec<Option<&crate::answers::Action>> = now.iter().map(Some).collect();
    let mut done = 0;
    for action in then {
        let matched = what(action).and_then(|w| {
            open.iter_mut().find(|slot| slot.is_some_and(|a| what(a).as_deref() == Some(&w)))
        });
        let now_done = matched.and_then(Option::take).is_some_and(|a| a.done == Some(true));
        if action.done == Some(true) || now_done {
            done += 1;
        }
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(yaml: &str) -> Answers {
        Answers::parse(yaml.as_bytes(), std::path::Path::new("t.yaml")).expect("valid answers")
    }

    #[test]
    fn two_contacts_of_one_name_are_matched_in_their_order() {
        let then =
            answers("version: 1\ncontacts:\n  - {name: Jan, ring: 1}\n  - {name: Jan, ring: 3}\n");
        let now =
            answers("version: 1\ncontacts:\n  - {name: JAN, ring: 1}\n  - {name: jan, ring: 2}\n");
        let changes: Vec<Change> =
            Comparison::of(&then, &now).contacts.iter().map(|c| c.change).collect();
        assert_eq!(changes, [Change::Same, Change::Closer]);
    }

    #[test]
    fn a_name_of_signs_only_is_matched_as_written() {
        let then = answers("version: 1\ncontacts:\n  - {name: \"🙂\"}\n  - {name: \"!!\"}\n");
        let now = answers("version: 1\ncontacts:\n  - {name: \"🙂\"}\n  - {name: \"??\"}\n");
        let changes: Vec<(String, Change)> = Comparison::of(&then, &now)
            .contacts
            .iter()
            .map(|c| (c.name.clone(), c.change))
            .collect();
        assert_eq!(
            changes,
            [("🙂".into(), Change::Same), ("??".into(), Change::New), ("!!".into(), Change::Gone)]
        );
    }

    #[test]
    fn an_action_planned_then_counts_as_done_when_either_file_says_so() {
        let then = answers(
            "version: 1\nsustain:\n  actions:\n    - {what: Bel Luc, done: true}\n    - {what: Mail de schepen}\n    - {what: Buurtfeest}\n",
        );
        let now = answers(
            "version: 1\nsustain:\n  actions:\n    - {what: \"mail  de Schepen\", done: true}\n    - {what: Buurtfeest}\n",
        );
        assert_eq!(Comparison::of(&then, &now).planned_done, 2);
    }
}
