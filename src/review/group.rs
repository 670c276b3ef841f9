//! A workshop's answers counted together: a row of figures per participant (`netkaart
//! stats`), and the group's portrait (how the group's contacts fall over the map, the
//! sectors it wants to reach, the reasons it ticked). Nobody is named unless asked.

use serde::Serialize;

use crate::answers::Answers;
use crate::map::geometry::{BANDS, SECTORS, cell_of};

use super::compare::ticked;
use super::{ByKey, Tally, actions, contacts, is_desired, kind_keys};

/// How a participant is named in the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// By number, in the order of the inputs: the figures name nobody.
    Numbers,
    /// By the name in the answers (the organisation's, else the input's).
    Names,
}

/// One participant's figures: a row of `netkaart stats`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The participant's number, or name when asked for.
    pub participant: String,
    /// The map's figures.
    #[serde(flatten)]
    pub figures: Tally,
    /// The share of desired contacts, in whole percents.
    pub desired_percent: u32,
    /// The reasons ticked: 1 or 0 by key, `other` for a reason of one's own.
    pub reasons: ByKey,
    /// The actions of step 5.
    pub actions: u32,
    /// Of those, the ones marked done.
    pub actions_done: u32,
}

/// The name a participant's answers give: the person's, else the organisation's.
pub fn name_of(answers: &Answers) -> Option<&str> {
    let person = answers.person.as_ref()?;
    person.name.as_ref().or(person.organisation.as_ref()).map(|t| t.0.as_str())
}

impl Row {
    /// The row of the `n`th participant (from 1), named as asked; `fallback` names one whose
    /// answers give no name (the input it came from).
    pub fn of(n: usize, answers: &Answers, naming: Naming, fallback: &str) -> Self {
        let participant = match naming {
            Naming::Numbers => n.to_string(),
            Naming::Names => name_of(answers).unwrap_or(fallback).to_string(),
        };
        let figures = Tally::of_answers(answers);
        let (actions, actions_done) = actions(answers);
        Row {
            participant,
            desired_percent: figures.desired_percent(),
            figures,
            reasons: ticked(answers),
            actions,
            actions_done,
        }
    }
}

/// The group's portrait: what the group's maps say together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// How many participants.
    pub participants: u32,
    /// Everyone's map's figures added up.
    pub figures: Tally,
    /// The contacts in each cell of the map, by sector (in the map's order) and band (rings
    /// 1 to 3, the desired band), as the map places them.
    pub cells: Vec<[u32; BANDS]>,
    /// The desired contacts in each sector: where the group wants to reach.
    pub desired: ByKey,
    /// How many participants ticked each reason (`other`: wrote one of their own).
    pub reasons: ByKey,
    /// The actions planned, and those done.
    pub actions: u32,
    /// Of those, the ones marked done.
    pub actions_done: u32,
    /// The participants' names, when asked for; else none.
    pub names: Option<Vec<String>>,
}

impl Group {
    /// The portrait of the participants' answers.
    pub fn of<'a>(all: impl IntoIterator<Item = &'a Answers>, naming: Naming) -> Self {
        let mut group = Group {
            participants: 0,
            figures: Tally::of(&[]),
            cells: vec![[0; BANDS]; SECTORS.len()],
            desired: ByKey::zero(kind_keys()),
            reasons: ticked(&Answers::default()),
            actions: 0,
            actions_done: 0,
            names: (naming == Naming::Names).then(Vec::new),
        };
        for answers in all {
            group.add(answers);
        }
        group
    }

    fn add(&mut self, answers: &Answers) {
        self.participants += 1;
        for contact in contacts(answers) {
            let (sector, band) = cell_of(contact);
            self.cells[sector][band] += 1;
            if is_desired(contact) {
                self.desired.add(sector, 1);
            }
        }
        let figures = Tally::of_answers(answers);
        add_all(&mut self.figures, &figures);
        for (i, n) in ticked(answers).values().enumerate() {
            self.reasons.add(i, n);
        }
        let (planned, done) = actions(answers);
        self.actions += planned;
        self.actions_done += done;
        if let (Some(names), Some(name)) = (self.names.as_mut(), name_of(answers)) {
            names.push(name.to_string());
        }
    }
}

fn add_all(sum: &mut Tally, more: &Tally) {
    sum.contacts += more.contacts;
    for (to, from) in [
        (&mut sum.kinds, &more.kinds),
        (&mut sum.rings, &more.rings),
        (&mut sum.levels, &more.levels),
        (&mut sum.statuses, &more.statuses),
    ] {
        for (i, n) in from.values().enumerate() {
            to.add(i, n);
        }
    }
}
