//! The analysis computed once per run: coverage per (scope, capability) with
//! duty holders, direct reports, allocations, cross-team initiatives, leads.
//! Every rule reads this; building it is linear in the size of the org.

use crate::catalog::{Capability, Policy, Provision, Requirement, RoleCatalog, ScopeKind};
use crate::model::{Org, Person, PersonId, RoleId, Subject};
use rustc_hash::FxHashMap as HashMap;

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

/// One (scope, capability) cell, as the rules read it.
#[derive(Clone, Copy, Debug)]
pub struct Cell<'a> {
    pub coverage: Coverage,
    /// Members providing it as P; if none, those providing it as S.
    pub holders: &'a [P],
    /// The policy cell for this scope; `Requirement::NONE` when not required.
    pub requirement: Requirement,
}

impl Cell<'_> {
    pub fn is_required(&self) -> bool {
        self.requirement.is_required()
    }
}

/// A cell as stored: its holders live in the scope's pool.
#[derive(Clone, Copy, Debug)]
struct StoredCell {
    coverage: Coverage,
    holders: (u32, u32),
    requirement: Requirement,
}

/// A team or initiative with its members and coverage.
#[derive(Clone, Debug)]
pub struct ScopeInfo {
    /// Members with their allocation to this scope (an initiative's lead
    /// without a `members` entry counts with 0%).
    pub members: Vec<(P, u32)>,
    cells: [StoredCell; 8],
    /// Every cell's holders, one after the other.
    holders: Vec<P>,
}

impl ScopeInfo {
    pub fn cell(&self, cap: Capability) -> Cell<'_> {
        let c = &self.cells[cap.index()];
        Cell {
            coverage: c.coverage,
            holders: &self.holders[c.holders.0 as usize..c.holders.1 as usize],
            requirement: c.requirement,
        }
    }

    pub fn allocation_of(&self, p: P) -> u32 {
        self.members
            .iter()
            .find(|(m, _)| *m == p)
            .map_or(0, |(_, a)| *a)
    }
}

/// Lists per person stored flat (one allocation for everyone):
/// `list[p]` is person `p`'s slice.
#[derive(Clone, Debug)]
pub struct PerPerson<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for PerPerson<T> {
    fn default() -> Self {
        PerPerson {
            start: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T> PerPerson<T> {
    /// Groups `(person, item)` pairs by person, keeping their order.
    fn from_pairs(n: usize, pairs: Vec<(usize, T)>) -> Self {
        let mut start = vec![0u32; n + 1];
        for (p, _) in &pairs {
            start[p + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut next: Vec<u32> = start[..n].to_vec();
        let mut slots: Vec<Option<T>> = Vec::with_capacity(pairs.len());
        slots.resize_with(pairs.len(), || None);
        for (p, item) in pairs {
            slots[next[p] as usize] = Some(item);
            next[p] += 1;
        }
        PerPerson {
            start,
            items: slots.into_iter().flatten().collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Everyone's slice, in person order.
    pub fn iter(&self) -> impl Iterator<Item = &[T]> {
        (0..self.len()).map(move |p| &self[p])
    }
}

impl<T> std::ops::Index<usize> for PerPerson<T> {
    type Output = [T];

    fn index(&self, p: usize) -> &[T] {
        &self.items[self.start[p] as usize..self.start[p + 1] as usize]
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
    pub reports: PerPerson<P>,
    /// Total allocation per person (teams and initiative `members`).
    pub allocation: Vec<u32>,
    /// Every scope a person is a member of, with the allocation.
    pub memberships: PerPerson<(Scope, u32)>,
    /// Initiatives each person leads.
    pub leads: PerPerson<usize>,
    /// Initiatives each person sponsors.
    pub sponsors: PerPerson<usize>,
    /// (scope, capability) pairs where the person is a duty holder.
    pub duties: PerPerson<(Scope, Capability)>,
}

/// What the constructor gathers before grouping it by person.
#[derive(Default)]
struct Pairs {
    reports: Vec<(usize, P)>,
    memberships: Vec<(usize, (Scope, u32))>,
    leads: Vec<(usize, usize)>,
    sponsors: Vec<(usize, usize)>,
    duties: Vec<(usize, (Scope, Capability))>,
}

const EMPTY_CELL: StoredCell = StoredCell {
    coverage: Coverage::Missing,
    holders: (0, 0),
    requirement: Requirement::NONE,
};

/// Orgs at least this large are analysed on two threads.
pub const PARALLEL_FROM: usize = 2_000;

/// `items.iter().enumerate().map(f).collect()`, on two threads when
/// `parallel`; the result is in item order either way.
fn par_map<T: Sync, R: Send>(
    items: &[T],
    parallel: bool,
    f: impl Fn(usize, &T) -> R + Sync,
) -> Vec<R> {
    if !parallel || items.len() < 2 {
        return items.iter().enumerate().map(|(i, t)| f(i, t)).collect();
    }
    let mid = items.len() / 2;
    let (left, right) = items.split_at(mid);
    let f = &f;
    std::thread::scope(|s| {
        let tail = s.spawn(move || {
            right
                .iter()
                .enumerate()
                .map(|(i, t)| f(mid + i, t))
                .collect::<Vec<R>>()
        });
        let mut head: Vec<R> = left.iter().enumerate().map(|(i, t)| f(i, t)).collect();
        match tail.join() {
            Ok(t) => head.extend(t),
            // A panic in the helper thread is a bug: surface it here.
            Err(e) => std::panic::resume_unwind(e),
        }
        head
    })
}

/// Whether work on `org` is worth splitting over two threads.
pub fn use_threads(org: &Org) -> bool {
    org.people.len() >= PARALLEL_FROM
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
}

impl<'o> Analysis<'o> {
    pub fn new(org: &'o Org) -> Analysis<'o> {
        Analysis::with_threads(org, use_threads(org))
    }

    /// [`Analysis::new`], choosing whether to use a second thread.
    pub fn with_threads(org: &'o Org, parallel: bool) -> Analysis<'o> {
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
        let provides: Vec<[Option<Provision>; 8]> = par_map(&org.people, parallel, |_, p| {
            let mut best = [None; 8];
            for role in p.all_roles() {
                if let Some(def) = catalog.get(role) {
                    for (slot, prov) in best.iter_mut().zip(def.provides) {
                        *slot = (*slot).max(prov);
                    }
                }
            }
            best
        });

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
            reports: PerPerson::default(),
            allocation: vec![0; n],
            memberships: PerPerson::default(),
            leads: PerPerson::default(),
            sponsors: PerPerson::default(),
            duties: PerPerson::default(),
        };
        let mut pairs = Pairs::default();

        for (i, p) in org.people.iter().enumerate() {
            if let Some(m) = p.manager.as_ref().and_then(|m| a.person_idx(m)) {
                a.manager[i] = Some(m);
                pairs.reports.push((m, i));
            }
        }

        // Coverage per team: independent, so split over two threads; merged
        // in team order below.
        let per_team = par_map(&org.teams, parallel, |ti, team| {
            let members: Vec<(P, u32)> = team
                .members
                .iter()
                .filter_map(|m| Some((a.person_idx(&m.person)?, m.allocation.percent())))
                .collect();
            let scope = ScopeKind::Team(team.kind);
            let reqs = Capability::ALL.map(|cap| a.policy.get(scope, cap));
            let mut duties = Vec::new();
            let info = a.scope_info(Scope::Team(ti), members, reqs, &mut duties);
            (info, duties)
        });
        for (ti, (info, duties)) in per_team.into_iter().enumerate() {
            for &(p, alloc) in &info.members {
                a.allocation[p] += alloc;
                pairs.memberships.push((p, (Scope::Team(ti), alloc)));
            }
            pairs.duties.extend(duties);
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
                    pairs.memberships.push((p, (Scope::Initiative(ii), alloc)));
                }
            }
            if let Some(l) = ini.lead.as_ref().and_then(|l| a.person_idx(l)) {
                pairs.leads.push((l, ii));
                if !members.iter().any(|(p, _)| *p == l) {
                    members.insert(0, (l, 0));
                }
            }
            if let Some(s) = ini.sponsor.as_ref().and_then(|s| a.person_idx(s)) {
                pairs.sponsors.push((s, ii));
            }
            let cross = teams.len() >= 2;
            let reqs = Capability::ALL.map(|cap| {
                if cross {
                    a.policy.get(ScopeKind::Initiative, cap)
                } else {
                    Requirement::NONE
                }
            });
            let info = a.scope_info(Scope::Initiative(ii), members, reqs, &mut pairs.duties);
            a.initiatives.push(info);
            a.initiative_teams.push(teams);
        }
        a.reports = PerPerson::from_pairs(n, pairs.reports);
        a.memberships = PerPerson::from_pairs(n, pairs.memberships);
        a.leads = PerPerson::from_pairs(n, pairs.leads);
        a.sponsors = PerPerson::from_pairs(n, pairs.sponsors);
        a.duties = PerPerson::from_pairs(n, pairs.duties);
        a
    }

    fn scope_info(
        &self,
        scope: Scope,
        members: Vec<(P, u32)>,
        requirements: [Requirement; 8],
        duties: &mut Vec<(usize, (Scope, Capability))>,
    ) -> ScopeInfo {
        let mut cells = [EMPTY_CELL; 8];
        let mut pool: Vec<P> = Vec::with_capacity(members.len() * 3);
        for cap in Capability::ALL {
            let best = members
                .iter()
                .filter_map(|&(p, _)| self.provides[p][cap.index()])
                .max();
            let from = pool.len() as u32;
            if let Some(level) = best {
                pool.extend(
                    members
                        .iter()
                        .map(|&(p, _)| p)
                        .filter(|&p| self.provides[p][cap.index()] == Some(level)),
                );
            }
            let to = pool.len() as u32;
            let req = requirements[cap.index()];
            if req.is_required() {
                for &h in &pool[from as usize..to as usize] {
                    duties.push((h, (scope, cap)));
                }
            }
            cells[cap.index()] = StoredCell {
                coverage: match best {
                    Some(Provision::Primary) => Coverage::Covered,
                    Some(Provision::StopGap) => Coverage::StopGap,
                    None => Coverage::Missing,
                },
                holders: (from, to),
                requirement: req,
            };
        }
        ScopeInfo {
            members,
            cells,
            holders: pool,
        }
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
