//! Names of people, teams and initiatives on either side of a comparison,
//! and where each id sits in either file.

use super::change::{Named, NamedSubject};
use crate::model::{InitiativeId, Org, PersonId, Subject, TeamId};
use rustc_hash::FxHashMap as HashMap;

pub(super) struct Names<'a> {
    base: &'a Org,
    proposal: &'a Org,
    pub people_b: HashMap<&'a str, usize>,
    pub people_p: HashMap<&'a str, usize>,
    pub teams_b: HashMap<&'a str, usize>,
    pub teams_p: HashMap<&'a str, usize>,
    pub initiatives_b: HashMap<&'a str, usize>,
    pub initiatives_p: HashMap<&'a str, usize>,
}

/// Id → position in its list.
fn positions<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    ids.enumerate().map(|(i, id)| (id, i)).collect()
}

/// The name under `id`: the proposal's, else the base's, else the id.
fn name_in<T>(
    id: &str,
    (proposal, in_proposal): (&[T], &HashMap<&str, usize>),
    (base, in_base): (&[T], &HashMap<&str, usize>),
    name: impl Fn(&T) -> String,
) -> String {
    in_proposal
        .get(id)
        .map(|&i| name(&proposal[i]))
        .or_else(|| in_base.get(id).map(|&i| name(&base[i])))
        .unwrap_or_else(|| id.to_string())
}

impl<'a> Names<'a> {
    pub fn new(base: &'a Org, proposal: &'a Org) -> Self {
        let people = |o: &'a Org| positions(o.people.iter().map(|p| p.id.as_str()));
        let teams = |o: &'a Org| positions(o.teams.iter().map(|t| t.id.as_str()));
        let initiatives = |o: &'a Org| positions(o.initiatives.iter().map(|i| i.id.as_str()));
        Names {
            base,
            proposal,
            people_b: people(base),
            people_p: people(proposal),
            teams_b: teams(base),
            teams_p: teams(proposal),
            initiatives_b: initiatives(base),
            initiatives_p: initiatives(proposal),
        }
    }

    /// A person with their name (proposal first, then base, then the id).
    pub fn person(&self, id: &PersonId) -> Named<PersonId> {
        let name = name_in(
            id.as_str(),
            (&self.proposal.people, &self.people_p),
            (&self.base.people, &self.people_b),
            |p| p.name.to_string(),
        );
        Named {
            id: id.clone(),
            name,
        }
    }

    pub fn team(&self, id: &TeamId) -> Named<TeamId> {
        let name = name_in(
            id.as_str(),
            (&self.proposal.teams, &self.teams_p),
            (&self.base.teams, &self.teams_b),
            |t| t.name.clone(),
        );
        Named {
            id: id.clone(),
            name,
        }
    }

    pub fn initiative(&self, id: &InitiativeId) -> Named<InitiativeId> {
        let name = name_in(
            id.as_str(),
            (&self.proposal.initiatives, &self.initiatives_p),
            (&self.base.initiatives, &self.initiatives_b),
            |i| i.name.clone(),
        );
        Named {
            id: id.clone(),
            name,
        }
    }

    /// Any subject with its name; the org is "the org".
    pub fn subject(&self, s: &Subject) -> NamedSubject {
        let name = match s {
            Subject::Team(t) => self.team(t).name,
            Subject::Initiative(i) => self.initiative(i).name,
            Subject::Person(p) => self.person(p).name,
            Subject::Org => "the org".into(),
        };
        Named {
            id: s.clone(),
            name,
        }
    }
}
