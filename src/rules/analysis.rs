//! The analysis computed once per run: coverage per (scope, capability) with
//! duty holders, direct reports, allocations, cross-team initiatives, leads.
//! Every rule reads this; building it is linear in the size of the org.

use crate::catalog::{Capability, Policy, Provision, Requirement, RoleCatalog, ScopeKind};
use crate::index::OrgIndex;
use crate::model::{Org, Person, RoleId, Subject};

/// Index of a person in `org.people`.
pub type P = usize;

/// A team or an initiative, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Team(usize),
    Initiative(usize),
}

/// Coverage of one capability in one scope (docs/domain.md "Coverage, exactly").
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

    /// Every (holder, capability) of a required cell: the duties this scope
    /// gives, capability by capability.
    fn each_duty(&self, mut f: impl FnMut(P, Capability)) {
        for cap in Capability::ALL {
            let c = &self.cells[cap.index()];
            if c.requirement.is_required() {
                for &h in &self.holders[c.holders.0 as usize..c.holders.1 as usize] {
                    f(h, cap);
                }
            }
        }
    }

    pub fn allocation_of(&self, p: P) -> u32 {
        self.members
            .iter()
            .find(|(m, _)| *m == p)
            .map_or(0, |(_, a)| *a)
    }
}

/// Lists per person stored flat: `list[p]` is person `p`'s slice.
pub type PerPerson<T> = crate::index::Lists<T>;

pub struct Analysis<'o> {
    pub org: &'o Org,
    pub catalog: std::borrow::Cow<'o, RoleCatalog>,
    pub policy: Policy,
    /// Every reference as indices: the analysis hashes no id.
    pub index: std::borrow::Cow<'o, OrgIndex>,
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
    leads: Vec<(usize, usize)>,
    sponsors: Vec<(usize, usize)>,
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
    /// Analyses `org`, resolving its references first.
    pub fn new(org: &'o Org) -> Analysis<'o> {
        Analysis::with_threads(org, use_threads(org))
    }

    /// [`Analysis::new`], choosing whether to use a second thread.
    pub fn with_threads(org: &'o Org, parallel: bool) -> Analysis<'o> {
        let catalog = RoleCatalog::new(&org.roles);
        let index = OrgIndex::new(org, &catalog);
        Analysis::build(
            org,
            std::borrow::Cow::Owned(catalog),
            std::borrow::Cow::Owned(index),
            parallel,
        )
    }

    /// [`Analysis::with_threads`] with the org's role catalog already made
    /// (`catalog` is `RoleCatalog::new(&org.roles)`): many small orgs of
    /// the same roles, such as the regions `risk` judges, share one.
    pub fn with_catalog(org: &'o Org, catalog: &'o RoleCatalog, parallel: bool) -> Analysis<'o> {
        let index = OrgIndex::new(org, catalog);
        Analysis::build(
            org,
            std::borrow::Cow::Borrowed(catalog),
            std::borrow::Cow::Owned(index),
            parallel,
        )
    }

    /// Analyses `org` with the references the reader already resolved.
    pub fn with_index(org: &'o Org, index: &'o OrgIndex) -> Analysis<'o> {
        let catalog = RoleCatalog::new(&org.roles);
        Analysis::build(
            org,
            std::borrow::Cow::Owned(catalog),
            std::borrow::Cow::Borrowed(index),
            use_threads(org),
        )
    }

    fn build(
        org: &'o Org,
        catalog: std::borrow::Cow<'o, RoleCatalog>,
        index: std::borrow::Cow<'o, OrgIndex>,
        parallel: bool,
    ) -> Analysis<'o> {
        let policy = Policy::new(&org.settings.requirements);
        let n = org.people.len();
        let role_provides: Vec<[Option<Provision>; 8]> =
            catalog.roles().iter().map(|r| r.provides).collect();
        let provides: Vec<[Option<Provision>; 8]> = index
            .roles
            .iter()
            .map(|roles| {
                let mut best = [None; 8];
                for &r in roles {
                    for (slot, prov) in best.iter_mut().zip(role_provides[r as usize]) {
                        *slot = (*slot).max(prov);
                    }
                }
                best
            })
            .collect();
        let manager: Vec<Option<P>> = index.manager.iter().map(|m| m.map(|m| m as P)).collect();
        let reports = PerPerson::from_fn(n, 0, |emit| {
            for (i, m) in manager.iter().enumerate() {
                if let Some(m) = *m {
                    emit(m, i);
                }
            }
        });
        let mut a = Analysis {
            org,
            catalog,
            policy,
            index,
            provides,
            teams: Vec::with_capacity(org.teams.len()),
            initiatives: Vec::with_capacity(org.initiatives.len()),
            initiative_teams: Vec::with_capacity(org.initiatives.len()),
            manager,
            reports: PerPerson::default(),
            allocation: vec![0; n],
            memberships: PerPerson::default(),
            leads: PerPerson::default(),
            sponsors: PerPerson::default(),
            duties: PerPerson::default(),
        };
        let mut pairs = Pairs::default();

        // Coverage per team: independent, so split over two threads; merged
        // in team order below.
        let team_ids: Vec<usize> = (0..org.teams.len()).collect();
        let per_team = par_map(&team_ids, parallel, |_, &ti| {
            let members: Vec<(P, u32)> = a.index.team_members[ti]
                .iter()
                .map(|&(p, alloc)| (p as P, alloc))
                .collect();
            let scope = ScopeKind::Team(org.teams[ti].kind);
            let reqs = Capability::ALL.map(|cap| a.policy.get(scope, cap));
            a.scope_info(members, reqs)
        });
        for info in per_team {
            for &(p, alloc) in &info.members {
                a.allocation[p] += alloc;
            }
            a.teams.push(info);
        }

        for ii in 0..org.initiatives.len() {
            let teams: Vec<usize> = a.index.initiative_teams[ii]
                .iter()
                .map(|&t| t as usize)
                .collect();
            let listed = &a.index.initiative_members[ii];
            let mut members: Vec<(P, u32)> = Vec::with_capacity(listed.len() + 1);
            for &(p, alloc) in listed {
                let p = p as P;
                members.push((p, alloc));
                a.allocation[p] += alloc;
            }
            if let Some(l) = a.index.initiative_lead[ii].map(|l| l as P) {
                pairs.leads.push((l, ii));
                if !members.iter().any(|(p, _)| *p == l) {
                    members.insert(0, (l, 0));
                }
            }
            if let Some(s) = a.index.initiative_sponsor[ii] {
                pairs.sponsors.push((s as P, ii));
            }
            let cross = teams.len() >= 2;
            let reqs = Capability::ALL.map(|cap| {
                if cross {
                    a.policy.get(ScopeKind::Initiative, cap)
                } else {
                    Requirement::NONE
                }
            });
            let info = a.scope_info(members, reqs);
            a.initiatives.push(info);
            a.initiative_teams.push(teams);
        }
        a.reports = reports;
        // Grouped by person straight from the index and the cells (teams,
        // then initiatives, in file order), with no list of pairs between.
        let index = &a.index;
        a.memberships = PerPerson::from_fn(n, (Scope::Team(0), 0), |emit| {
            for (ti, members) in index.team_members.iter().enumerate() {
                for &(p, alloc) in members {
                    emit(p as P, (Scope::Team(ti), alloc));
                }
            }
            for (ii, members) in index.initiative_members.iter().enumerate() {
                for &(p, alloc) in members {
                    emit(p as P, (Scope::Initiative(ii), alloc));
                }
            }
        });
        let scopes = (a.teams.iter().enumerate())
            .map(|(t, info)| (Scope::Team(t), info))
            .chain(
                (a.initiatives.iter().enumerate()).map(|(i, info)| (Scope::Initiative(i), info)),
            );
        a.duties = PerPerson::from_fn(n, (Scope::Team(0), Capability::ALL[0]), |emit| {
            for (scope, info) in scopes.clone() {
                info.each_duty(|p, cap| emit(p, (scope, cap)));
            }
        });
        a.leads = PerPerson::from_pairs(n, pairs.leads);
        a.sponsors = PerPerson::from_pairs(n, pairs.sponsors);
        a
    }

    fn scope_info(&self, members: Vec<(P, u32)>, requirements: [Requirement; 8]) -> ScopeInfo {
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
    /// A custom role that behaves like `role` counts as it.
    pub fn has_role(&self, p: P, role: &str) -> bool {
        self.org.holds_like(&self.org.people[p], role)
    }

    /// Whether a hat, not the role, gives person `p` their level of `cap`.
    pub fn provided_by_hat(&self, p: P, cap: Capability) -> bool {
        let person = &self.org.people[p];
        !person.hats.is_empty()
            && self.catalog.provision(&person.role, cap) != self.provides[p][cap.index()]
    }

    /// "Alice Chen (EM)", or "Sam (TLM; PM hat)" naming the role or hat that
    /// provides `cap`.
    pub fn person_with_role(&self, p: P, cap: Option<Capability>) -> String {
        let person = &self.org.people[p];
        let role = self.catalog.label(&person.role);
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
