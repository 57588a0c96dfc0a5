//! The analysis computed once per run: coverage per (scope, capability) with
//! duty holders, direct reports, allocations, cross-team initiatives, leads.
//! Every rule reads this; building it is linear in the size of the org.

use crate::catalog::{Capability, Policy, Provision, Requirement, RoleCatalog, ScopeKind};
use crate::model::{Org, Person, PersonId, RoleId, Subject};
use std::collections::HashMap;

/// Index of a person in `org.people`.
pub type P = usize;

/// A team or an initiative, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Team(usize),
    Initiative(usize),
}

/// Coverage of one capability in one scope (DOMAIN.md "Coverage semantics").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    Covered,
    StopGap,
    Missing,
}

impl Coverage {
    pub fn word(self) -> &'static str {
        match self {
            Coverage::Covered => "covered",
            Coverage::StopGap => "stop-gap",
            Coverage::Missing => "missing",
        }
    }
}

/// One (scope, capability) cell.
#[derive(Clone, Debug)]
pub struct Cell {
    pub coverage: Coverage,
    /// Members providing it as P; if none, those providing it as S.
    pub holders: Vec<P>,
    /// The policy cell for this scope; `Requirement::NONE` when not required.
    pub requirement: Requirement,
}

impl Cell {
    pub fn is_required(&self) -> bool {
        self.requirement.is_required()
    }
}

/// A team or initiative with its members and coverage.
#[derive(Clone, Debug)]
pub struct ScopeInfo {
    /// Members with their allocation to this scope (an initiative's lead
    /// without a `members` entry counts with 0%).
    pub members: Vec<(P, u32)>,
    pub cells: [Cell; 8],
}

impl ScopeInfo {
    pub fn cell(&self, cap: Capability) -> &Cell {
        &self.cells[cap.index()]
    }

    pub fn allocation_of(&self, p: P) -> u32 {
        self.members
            .iter()
            .find(|(m, _)| *m == p)
            .map_or(0, |(_, a)| *a)
    }
}

pub struct Analysis<'o> {
    pub org: &'o Org,
    pub catalog: RoleCatalog,
    pub policy: Policy,
    person_index: HashMap<&'o str, P>,
    team_index: HashMap<&'o str, usize>,
    /// Strongest provision per person and capability (role and hats).
    pub provides: Vec<[Option<Provision>; 8]>,
    pub teams: Vec<ScopeInfo>,
    pub initiatives: Vec<ScopeInfo>,
    /// Distinct teams each initiative spans, in file order.
    pub initiative_teams: Vec<Vec<usize>>,
    pub manager: Vec<Option<P>>,
    pub reports: Vec<Vec<P>>,
    /// Total allocation per person (teams and initiative `members`).
    pub allocation: Vec<u32>,
    /// Every scope a person is a member of, with the allocation.
    pub memberships: Vec<Vec<(Scope, u32)>>,
    /// Initiatives each person leads.
    pub leads: Vec<Vec<usize>>,
    /// Initiatives each person sponsors.
    pub sponsors: Vec<Vec<usize>>,
    /// (scope, capability) pairs where the person is a duty holder.
    pub duties: Vec<Vec<(Scope, Capability)>>,
}

fn empty_cells() -> [Cell; 8] {
    std::array::from_fn(|_| Cell {
        coverage: Coverage::Missing,
        holders: Vec::new(),
        requirement: Requirement::NONE,
    })
}

impl<'o> Analysis<'o> {
    pub fn new(org: &'o Org) -> Analysis<'o> {
        let catalog = RoleCatalog::new(&org.roles);
        let policy = Policy::new(&org.settings.requirements);
        let n = org.people.len();
        let person_index: HashMap<&str, P> = org
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let team_index: HashMap<&str, usize> = org
            .teams
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let provides: Vec<[Option<Provision>; 8]> = org
            .people
            .iter()
            .map(|p| {
                let mut best = [None; 8];
                for role in p.all_roles() {
                    if let Some(def) = catalog.get(role) {
                        for (slot, prov) in best.iter_mut().zip(def.provides) {
                            *slot = (*slot).max(prov);
                        }
                    }
                }
                best
            })
            .collect();

        let mut a = Analysis {
            org,
            catalog,
            policy,
            person_index,
            team_index,
            provides,
            teams: Vec::with_capacity(org.teams.len()),
            initiatives: Vec::with_capacity(org.initiatives.len()),
            initiative_teams: Vec::with_capacity(org.initiatives.len()),
            manager: vec![None; n],
            reports: vec![Vec::new(); n],
            allocation: vec![0; n],
            memberships: vec![Vec::new(); n],
            leads: vec![Vec::new(); n],
            sponsors: vec![Vec::new(); n],
            duties: vec![Vec::new(); n],
        };

        for (i, p) in org.people.iter().enumerate() {
            if let Some(m) = p.manager.as_ref().and_then(|m| a.person_idx(m)) {
                a.manager[i] = Some(m);
                a.reports[m].push(i);
            }
        }

        for (ti, team) in org.teams.iter().enumerate() {
            let members: Vec<(P, u32)> = team
                .members
                .iter()
                .filter_map(|m| Some((a.person_idx(&m.person)?, m.allocation.percent())))
                .collect();
            for &(p, alloc) in &members {
                a.allocation[p] += alloc;
                a.memberships[p].push((Scope::Team(ti), alloc));
            }
            let scope = ScopeKind::Team(team.kind);
            let reqs = Capability::ALL.map(|cap| a.policy.get(scope, cap));
            let info = a.scope_info(Scope::Team(ti), members, reqs);
            a.teams.push(info);
        }

        for (ii, ini) in org.initiatives.iter().enumerate() {
            let mut teams: Vec<usize> = Vec::with_capacity(ini.teams.len());
            for t in &ini.teams {
                if let Some(&ti) = a.team_index.get(t.as_str())
                    && !teams.contains(&ti)
                {
                    teams.push(ti);
                }
            }
            let mut members: Vec<(P, u32)> = Vec::with_capacity(ini.members.len() + 1);
            for m in &ini.members {
                if let Some(p) = a.person_idx(&m.person) {
                    let alloc = m.allocation.percent();
                    members.push((p, alloc));
                    a.allocation[p] += alloc;
                    a.memberships[p].push((Scope::Initiative(ii), alloc));
                }
            }
            if let Some(l) = ini.lead.as_ref().and_then(|l| a.person_idx(l)) {
                a.leads[l].push(ii);
                if !members.iter().any(|(p, _)| *p == l) {
                    members.insert(0, (l, 0));
                }
            }
            if let Some(s) = ini.sponsor.as_ref().and_then(|s| a.person_idx(s)) {
                a.sponsors[s].push(ii);
            }
            let cross = teams.len() >= 2;
            let reqs = Capability::ALL.map(|cap| {
                if cross {
                    a.policy.get(ScopeKind::Initiative, cap)
                } else {
                    Requirement::NONE
                }
            });
            let info = a.scope_info(Scope::Initiative(ii), members, reqs);
            a.initiatives.push(info);
            a.initiative_teams.push(teams);
        }
        a
    }

    fn scope_info(
        &mut self,
        scope: Scope,
        members: Vec<(P, u32)>,
        requirements: [Requirement; 8],
    ) -> ScopeInfo {
        let mut cells = empty_cells();
        for cap in Capability::ALL {
            let best = members
                .iter()
                .filter_map(|&(p, _)| self.provides[p][cap.index()])
                .max();
            let holders: Vec<P> = match best {
                None => Vec::new(),
                Some(level) => members
                    .iter()
                    .map(|&(p, _)| p)
                    .filter(|&p| self.provides[p][cap.index()] == Some(level))
                    .collect(),
            };
            let req = requirements[cap.index()];
            if req.is_required() {
                for &h in &holders {
                    self.duties[h].push((scope, cap));
                }
            }
            cells[cap.index()] = Cell {
                coverage: match best {
                    Some(Provision::Primary) => Coverage::Covered,
                    Some(Provision::StopGap) => Coverage::StopGap,
                    None => Coverage::Missing,
                },
                holders,
                requirement: req,
            };
        }
        ScopeInfo { members, cells }
    }

    pub fn person_idx(&self, id: &PersonId) -> Option<P> {
        self.person_index.get(id.as_str()).copied()
    }

    pub fn person(&self, p: P) -> &'o Person {
        &self.org.people[p]
    }

    pub fn scope(&self, s: Scope) -> &ScopeInfo {
        match s {
            Scope::Team(t) => &self.teams[t],
            Scope::Initiative(i) => &self.initiatives[i],
        }
    }

    pub fn scope_name(&self, s: Scope) -> &'o str {
        match s {
            Scope::Team(t) => &self.org.teams[t].name,
            Scope::Initiative(i) => &self.org.initiatives[i].name,
        }
    }

    pub fn subject(&self, s: Scope) -> Subject {
        match s {
            Scope::Team(t) => Subject::Team(self.org.teams[t].id.clone()),
            Scope::Initiative(i) => Subject::Initiative(self.org.initiatives[i].id.clone()),
        }
    }

    pub fn person_subject(&self, p: P) -> Subject {
        Subject::Person(self.org.people[p].id.clone())
    }

    pub fn is_cross_team(&self, i: usize) -> bool {
        self.initiative_teams[i].len() >= 2
    }

    /// Whether the person holds `role` as role or hat.
    pub fn has_role(&self, p: P, role: &str) -> bool {
        self.org.people[p].all_roles().any(|r| r.as_str() == role)
    }

    /// "Alice Chen (EM)", or "Sam (TLM; PM hat)" naming the role or hat that
    /// provides `cap`.
    pub fn person_with_role(&self, p: P, cap: Option<Capability>) -> String {
        let person = &self.org.people[p];
        let role = self.catalog.abbrev(&person.role);
        let via_hat: Option<&RoleId> = cap.and_then(|cap| {
            let best = self.provides[p][cap.index()];
            let role_gives = self.catalog.provision(&person.role, cap);
            (role_gives != best)
                .then(|| {
                    person
                        .hats
                        .iter()
                        .find(|h| self.catalog.provision(h, cap) == best)
                })
                .flatten()
        });
        match via_hat {
            Some(h) => format!("{} ({role}, {} hat)", person.name, self.catalog.abbrev(h)),
            None => format!("{} ({role})", person.name),
        }
    }

    /// "Alice Chen (EM)", "Alice Chen (EM) and Bo Park (Senior)", ….
    pub fn people_list(&self, people: &[P], cap: Option<Capability>) -> String {
        let names: Vec<String> = people
            .iter()
            .map(|&p| self.person_with_role(p, cap))
            .collect();
        join_and(&names)
    }
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
