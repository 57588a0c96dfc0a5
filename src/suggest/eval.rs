//! Judging plans locally. An action changes a few scopes and people; the
//! findings it can change are those about its **footprint**: the scope it
//! adds to or takes its person from (for a hat, every scope its person is
//! in), every member, lead and sponsor of those scopes (their load,
//! duties, sole-holder and roadmap findings), the teams a touched
//! initiative spans (C010), the person (and for a hat their reports: S007 below them) and,
//! when the org has no program manager and the action hires or hats one,
//! the org (C009). No rule reads further: rules about a scope read its own
//! members, their roles and allocations there, its lead and the teams it
//! names; rules about a person read their memberships, duties, leads,
//! reports and manager chain; C009 reads the whole org.
//!
//! A plan's actions fall into **groups** whose footprints overlap; groups
//! do not interact, so a plan's objective is the base org's findings
//! outside every footprint plus each group's findings inside its own.
//! A group is judged on a **region** of the org: its footprint's scopes and
//! people with everything their findings read (all scopes of a footprint
//! person with their members, manager chains, reports and dotted lines,
//! the initiatives spanning a footprint team, the teams an initiative
//! names); a group touching the org is judged on the whole org. The region
//! is small at any org size, which is what makes the search affordable at
//! 40,000 people. `tests/suggest.rs` checks on random orgs that the local
//! judgement equals running the rules engine on the whole proposal.

use super::plan::{Objective, apply};
use super::{Action, Options, Scope};
use crate::catalog::Severity;
use crate::model::{Org, Subject};
use crate::rules::Finding;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex, PoisonError};

/// Something findings are about, by index into the base org.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    Org,
    Team(u32),
    Initiative(u32),
    Person(u32),
}

/// The base org, indexed for footprints and regions, with its findings as
/// planned.
/// No person (a manager index's "none").
const NONE: u32 = u32::MAX;

pub struct Evaluator<'o> {
    pub org: &'o Org,
    pub opts: &'o Options,
    people: HashMap<&'o str, u32>,
    teams: HashMap<&'o str, u32>,
    inis: HashMap<&'o str, u32>,
    person_teams: Vec<Vec<u32>>,
    /// Initiatives a person is a member, lead or sponsor of.
    person_inis: Vec<Vec<u32>>,
    reports: Vec<Vec<u32>>,
    dotted_reports: Vec<Vec<u32>>,
    /// Initiatives naming a team among their teams.
    team_inis: Vec<Vec<u32>>,
    /// Per person, their manager's index (`NONE` when none or unknown).
    manager: Vec<u32>,
    /// Per team, its members' indices, and the teams it depends on.
    team_people: Vec<Vec<u32>>,
    team_deps: Vec<Vec<u32>>,
    /// Per initiative, its teams, and the people on it (members, lead,
    /// sponsor).
    ini_teams: Vec<Vec<u32>>,
    ini_people: Vec<Vec<u32>>,
    /// Whether the org as planned has a TPM or PgM (then C009 cannot
    /// appear: actions add roles and people, never remove them).
    has_pm: bool,
    /// (rule, subject, capability) of the base's unwaived findings at or
    /// above warning: what "opened" is measured against.
    pub base_keys: HashSet<String>,
    /// The base's unwaived findings at or above `fix`, per key.
    base_remaining: HashMap<Key, usize>,
    pub base_remaining_total: usize,
    pub threshold: u32,
    cache: Mutex<HashMap<Vec<Action>, Option<Arc<Judged>>>>,
    /// How much the cache holds: its groups' actions and tallies.
    cache_weight: AtomicUsize,
    /// Keys of the targets, and how many targets each subject has.
    target_keys: HashSet<String>,
    base_targets: HashMap<Key, u32>,
    /// Unwaived findings at or above `fix` of rules no action can change
    /// (spans and reporting lines, sponsors, outcomes, expired waivers, a
    /// C010 no initiative can mend), per key.
    base_fixed: HashMap<Key, u32>,
    /// How many groups were judged (for the benchmark and tests).
    pub judged: AtomicUsize,
    /// Per scope, the people some candidate adds to it; per person, the
    /// scopes some candidate adds them to ([`Evaluator::note_candidates`]).
    joining: HashMap<Key, Vec<u32>>,
    joins: HashMap<u32, Vec<Key>>,
    /// Per person, the scopes some candidate trims them in.
    trimmed_in: HashMap<u32, Vec<Key>>,
    /// Per key, the capability of each of its targets (`None`: L001).
    target_caps: HashMap<Key, Vec<Option<crate::catalog::Capability>>>,
    roles: crate::catalog::RoleCatalog,
    /// Per key, what every valid plan leaves on it at least, where
    /// [`Evaluator::raise_floors`] found more than the fixed findings.
    floors: HashMap<Key, Floor>,
}

/// The least a valid plan leaves on a key: findings at or above `fix`,
/// and of those the ones that are not targets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Floor {
    pub remaining: u32,
    pub others: u32,
}

impl<'o> Evaluator<'o> {
    /// `base` is the report of `org` as planned.
    pub fn new(
        org: &'o Org,
        opts: &'o Options,
        base: &crate::rules::Report,
        targets: &[Finding],
    ) -> Evaluator<'o> {
        let crate::index::IdMaps { people, teams } = crate::index::IdMaps::new(org);
        let inis: HashMap<&str, u32> = org
            .initiatives
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i as u32))
            .collect();
        let n = org.people.len();
        let mut person_teams = vec![Vec::new(); n];
        let mut person_inis = vec![Vec::new(); n];
        let mut reports = vec![Vec::new(); n];
        let mut dotted_reports = vec![Vec::new(); n];
        let mut team_inis = vec![Vec::new(); org.teams.len()];
        let mut team_people = vec![Vec::new(); org.teams.len()];
        let mut ini_teams = vec![Vec::new(); org.initiatives.len()];
        let mut ini_people = vec![Vec::new(); org.initiatives.len()];
        for (ti, t) in org.teams.iter().enumerate() {
            for m in &t.members {
                if let Some(&p) = people.get(m.person.as_str()) {
                    person_teams[p as usize].push(ti as u32);
                    team_people[ti].push(p);
                }
            }
        }
        let team_deps: Vec<Vec<u32>> = org
            .teams
            .iter()
            .map(|t| {
                t.depends_on
                    .iter()
                    .filter_map(|d| teams.get(d.as_str()).copied())
                    .collect()
            })
            .collect();
        for (ii, i) in org.initiatives.iter().enumerate() {
            let on = i
                .members
                .iter()
                .map(|m| &m.person)
                .chain(i.lead.iter())
                .chain(i.sponsor.iter());
            for p in on {
                if let Some(&p) = people.get(p.as_str()) {
                    ini_people[ii].push(p);
                    let list = &mut person_inis[p as usize];
                    if list.last() != Some(&(ii as u32)) {
                        list.push(ii as u32);
                    }
                }
            }
            for t in &i.teams {
                if let Some(&t) = teams.get(t.as_str()) {
                    team_inis[t as usize].push(ii as u32);
                    ini_teams[ii].push(t);
                }
            }
        }
        let mut manager = vec![NONE; n];
        for (pi, p) in org.people.iter().enumerate() {
            if let Some(&m) = p.manager.as_ref().and_then(|m| people.get(m.as_str())) {
                reports[m as usize].push(pi as u32);
                manager[pi] = m;
            }
            for d in &p.dotted {
                if let Some(&d) = people.get(d.as_str()) {
                    dotted_reports[d as usize].push(pi as u32);
                }
            }
        }
        let has_pm = org
            .people
            .iter()
            .any(|p| crate::edit::is_coordinator(org, p))
            || org
                .teams
                .iter()
                .flat_map(|t| &t.open_seats)
                .chain(org.initiatives.iter().flat_map(|i| &i.open_seats))
                .any(|s| crate::edit::coordinates(org, &s.role));
        let mut e = Evaluator {
            org,
            opts,
            people,
            teams,
            inis,
            person_teams,
            person_inis,
            reports,
            dotted_reports,
            team_inis,
            manager,
            team_people,
            team_deps,
            ini_teams,
            ini_people,
            has_pm,
            base_keys: HashSet::default(),
            base_remaining: HashMap::default(),
            base_remaining_total: 0,
            threshold: super::plan::allocation_threshold(org),
            cache: Mutex::new(HashMap::default()),
            cache_weight: AtomicUsize::new(0),
            judged: AtomicUsize::new(0),
            target_keys: targets.iter().map(finding_key).collect(),
            base_targets: HashMap::default(),
            base_fixed: HashMap::default(),
            joining: HashMap::default(),
            joins: HashMap::default(),
            trimmed_in: HashMap::default(),
            floors: HashMap::default(),
            target_caps: HashMap::default(),
            roles: crate::catalog::RoleCatalog::new(&org.roles),
        };
        for t in targets {
            if let Some(k) = e.key_of(&t.subject) {
                *e.base_targets.entry(k).or_default() += 1;
                e.target_caps.entry(k).or_default().push(t.capability);
            }
        }
        for f in base.findings.iter().filter(|f| !f.waived()) {
            if f.severity <= Severity::Warning {
                e.base_keys.insert(finding_key(f));
            }
            if f.severity <= opts.fix {
                e.base_remaining_total += 1;
                if let Some(k) = e.key_of(&f.subject) {
                    *e.base_remaining.entry(k).or_default() += 1;
                    if unchangeable(org, f) {
                        *e.base_fixed.entry(k).or_default() += 1;
                    }
                }
            }
        }
        e
    }

    /// Notes who the candidates may add to which scope, for [`Evaluator::reach`].
    pub fn note_candidates(&mut self, candidates: &[Action]) {
        for a in candidates {
            let (person, scope) = match a {
                Action::Move { person, to, .. } | Action::Share { person, to, .. } => {
                    (person, self.team_key(to))
                }
                Action::Assign { person, to, .. } => (person, self.ini_key(to)),
                Action::Trim { person, scope } => {
                    if let (Some(&p), Some(k)) =
                        (self.people.get(person.as_str()), self.scope_key(scope))
                    {
                        self.trimmed_in.entry(p).or_default().push(k);
                    }
                    continue;
                }
                _ => continue,
            };
            if let (Some(&p), Some(k)) = (self.people.get(person.as_str()), scope) {
                self.joining.entry(k).or_default().push(p);
                self.joins.entry(p).or_default().push(k);
            }
        }
        for v in self.joining.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        for v in self.joins.values_mut().chain(self.trimmed_in.values_mut()) {
            v.sort_unstable();
            v.dedup();
        }
    }

    /// The key of a finding's subject; a hypothetical hire counts as the
    /// scope of its seat. `None` for a subject the org does not have.
    pub fn key_of(&self, s: &Subject) -> Option<Key> {
        match s {
            Subject::Org => Some(Key::Org),
            Subject::Team(t) => self.team_key(t),
            Subject::Initiative(i) => self.ini_key(i),
            Subject::Person(p) => {
                if let Some(rest) = p.as_str().strip_prefix("seat:") {
                    let (scope, _) = rest.rsplit_once(':')?;
                    return self.key_of(&Subject::parse(scope).ok()?);
                }
                self.people.get(p.as_str()).map(|&p| Key::Person(p))
            }
        }
    }

    fn scope_key(&self, s: &Scope) -> Option<Key> {
        match s {
            Scope::Team(t) => self.team_key(t),
            Scope::Initiative(i) => self.ini_key(i),
        }
    }

    fn team_key(&self, t: &crate::model::TeamId) -> Option<Key> {
        self.teams.get(t.as_str()).map(|&t| Key::Team(t))
    }

    fn ini_key(&self, i: &crate::model::InitiativeId) -> Option<Key> {
        self.inis.get(i.as_str()).map(|&i| Key::Initiative(i))
    }

    /// A scope's key with its members, lead and sponsor (and, for an
    /// initiative, the teams it names).
    fn add_scope(&self, k: Key, out: &mut Vec<Key>) {
        out.push(k);
        match k {
            Key::Team(t) => {
                for m in &self.org.teams[t as usize].members {
                    if let Some(&p) = self.people.get(m.person.as_str()) {
                        out.push(Key::Person(p));
                    }
                }
            }
            Key::Initiative(i) => {
                let ini = &self.org.initiatives[i as usize];
                let on = ini
                    .members
                    .iter()
                    .map(|m| &m.person)
                    .chain(ini.lead.iter())
                    .chain(ini.sponsor.iter());
                for p in on {
                    if let Some(&p) = self.people.get(p.as_str()) {
                        out.push(Key::Person(p));
                    }
                }
                for t in &ini.teams {
                    if let Some(&t) = self.teams.get(t.as_str()) {
                        out.push(Key::Team(t));
                    }
                }
            }
            Key::Org | Key::Person(_) => {}
        }
    }

    /// What findings a departure of person `p` (by index) can change
    /// (docs/risk.md): `p`, every scope `p` is a member, lead or sponsor
    /// of with all its people (and an initiative's teams), `p`'s manager
    /// (their span), reports and dotted reports (their manager, S007),
    /// with `subtree` every one below `p` (their depth, S009); the org
    /// when `org` (C009 can change).
    pub fn departure_footprint(&self, p: u32, subtree: bool, org: bool) -> Vec<Key> {
        let pi = p as usize;
        let mut out = vec![Key::Person(p)];
        for &t in &self.person_teams[pi] {
            self.add_scope(Key::Team(t), &mut out);
        }
        for &i in &self.person_inis[pi] {
            self.add_scope(Key::Initiative(i), &mut out);
        }
        if let Some(&m) = self.org.people[pi]
            .manager
            .as_ref()
            .and_then(|m| self.people.get(m.as_str()))
        {
            out.push(Key::Person(m));
        }
        for &r in self.reports[pi].iter().chain(&self.dotted_reports[pi]) {
            out.push(Key::Person(r));
        }
        if subtree {
            let mut todo: Vec<u32> = self.reports[pi].clone();
            let mut seen: HashSet<u32> = HashSet::default();
            while let Some(r) = todo.pop() {
                if seen.insert(r) {
                    out.push(Key::Person(r));
                    todo.extend(&self.reports[r as usize]);
                }
            }
        }
        if org {
            out.push(Key::Org);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The index of a person id.
    pub fn person_index(&self, id: &str) -> Option<u32> {
        self.people.get(id).copied()
    }

    /// What findings `a` can change (module docs), sorted, each once.
    ///
    /// Findings about a scope read only its own members (their roles, hats
    /// and allocations there), its lead and the teams it names; findings
    /// about a person read their own memberships, duties, leads and
    /// reports. So a person joining a scope changes that scope, its people
    /// and the person, and nothing about the other scopes the person is in:
    /// their members, roles and allocations there stay the same. Leaving a
    /// scope (a move's team, a trim) changes that scope and its people. A
    /// hat changes every scope its person is or may be in.
    pub fn footprint(&self, a: &Action) -> Vec<Key> {
        let (scopes, person) = self.direct(a);
        let mut out = Vec::new();
        for k in scopes {
            self.add_scope(k, &mut out);
        }
        if let Some(p) = person {
            out.push(Key::Person(p));
        }
        if let (Action::Hat { .. }, Some(p)) = (a, person) {
            let pi = p as usize;
            out.extend(
                self.reports[pi]
                    .iter()
                    .chain(&self.dotted_reports[pi])
                    .map(|&r| Key::Person(r)),
            );
        }
        let coordinator = match a {
            Action::Hire { role, .. } | Action::Hat { role, .. } => Some(role),
            _ => None,
        };
        if !self.has_pm && coordinator.is_some_and(|r| crate::edit::coordinates(self.org, r)) {
            out.push(Key::Org);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The scopes `a` itself changes the members (or, for a hat, a
    /// member's roles) of, in the base org, and the person it is about:
    /// the scope it hires into, adds to, takes from or trims in; for a hat,
    /// every scope its person is in.
    fn direct(&self, a: &Action) -> (Vec<Key>, Option<u32>) {
        let team = |t| self.team_key(t);
        let (scopes, person): (Vec<Key>, Option<&crate::model::PersonId>) = match a {
            Action::Hire { scope, .. } => (self.scope_key(scope).into_iter().collect(), None),
            Action::Trim { person, scope } => {
                (self.scope_key(scope).into_iter().collect(), Some(person))
            }
            Action::Move { person, from, to } => (
                team(from).into_iter().chain(team(to)).collect(),
                Some(person),
            ),
            Action::Share { person, to, .. } => (team(to).into_iter().collect(), Some(person)),
            Action::Assign { person, to, .. } => {
                (self.ini_key(to).into_iter().collect(), Some(person))
            }
            Action::Hat { person, .. } => {
                let scopes = self.people.get(person.as_str()).map_or(Vec::new(), |&p| {
                    let pi = p as usize;
                    (self.person_teams[pi].iter().map(|&t| Key::Team(t)))
                        .chain(self.person_inis[pi].iter().map(|&i| Key::Initiative(i)))
                        .collect()
                });
                (scopes, Some(person))
            }
        };
        (
            scopes,
            person.and_then(|p| self.people.get(p.as_str()).copied()),
        )
    }

    /// What findings `a` can change in some plan of the noted candidates:
    /// its footprint with, for each scope it changes
    /// ([`Evaluator::changed_scopes`]), that scope's people and everyone
    /// another candidate may add to it. Someone added to an initiative
    /// changes who is its sole coordinator, and so the findings about
    /// another coordinator added to it by another action. The footprint is
    /// enough to judge a plan (the two actions share the initiative, so
    /// they are judged together), but only the reach says which keys no
    /// undecided candidate can change any more. With it, the findings
    /// about a key change only through actions whose reach holds it.
    pub fn reach(&self, a: &Action) -> Vec<Key> {
        let mut out = self.footprint(a);
        for k in self.changed_scopes(a) {
            self.add_scope(k, &mut out);
            if let Some(joining) = self.joining.get(&k) {
                out.extend(joining.iter().map(|&p| Key::Person(p)));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The scopes whose members, their roles or their allocations there
    /// `a` can change in some plan of the noted candidates: those it
    /// changes itself ([`Evaluator::direct`]); for a hat, also every scope
    /// its person may join; and every scope its person may be trimmed in
    /// (a trim takes what the person's allocation exceeds when its turn
    /// comes, so any change to that allocation or that person's
    /// memberships changes what the trim leaves).
    fn changed_scopes(&self, a: &Action) -> Vec<Key> {
        let (mut changed, person) = self.direct(a);
        if let Some(p) = person {
            if matches!(a, Action::Hat { .. }) {
                changed.extend(self.joins.get(&p).into_iter().flatten().copied());
            } else {
                changed.extend(self.trimmed_in.get(&p).into_iter().flatten().copied());
            }
        }
        changed.sort_unstable();
        changed.dedup();
        changed
    }

    /// The keys whose targets `a` can help close: a scope's coverage
    /// changes only with its members or their roles (the scopes of
    /// [`Evaluator::changed_scopes`]), and a person's over-allocation only
    /// closes with a trim of theirs (a move keeps the allocation, a share
    /// or an assignment adds to it). Every target a plan closes has an
    /// action of the plan whose keys hold it, so an action closes at most
    /// the targets on these keys: the capacity of the cost covers.
    pub fn closes_on(&self, a: &Action) -> Vec<Key> {
        let mut keys = self.changed_scopes(a);
        if let Action::Trim { person, .. } = a
            && let Some(&p) = self.people.get(person.as_str())
        {
            keys.push(Key::Person(p));
        }
        keys
    }

    /// How many targets `a` can help close: those on its
    /// [`Evaluator::closes_on`] keys that it can change. A coverage target
    /// (a scope's capability) changes only when someone providing that
    /// capability joins the scope or gets a role providing it, or someone
    /// leaves the scope (coverage, or a team left empty); the actions that
    /// only change what a trim of their person leaves elsewhere leave that
    /// to the trim. An over-allocation closes only with a trim of the
    /// person's. Every target a plan closes has an action of the plan that
    /// can help close it (checked on random orgs by `tests/suggest.rs`):
    /// the capacity of the cost covers.
    pub fn capacity(&self, a: &Action) -> u32 {
        let mut n = 0;
        for k in self.closes_on(a) {
            for &cap in self.target_caps.get(&k).map_or(&[][..], Vec::as_slice) {
                n += u32::from(self.can_change(a, k, cap));
            }
        }
        n
    }

    /// Whether `a` can help close a target about `k` with capability `cap`
    /// (`None`: an over-allocation), as [`Evaluator::capacity`] says.
    pub fn can_close(&self, a: &Action, k: Key, cap: Option<crate::catalog::Capability>) -> bool {
        self.closes_on(a).contains(&k) && self.can_change(a, k, cap)
    }

    /// The capabilities of the targets about `k` (`None`: an
    /// over-allocation), one per target.
    pub fn targets_on(&self, k: Key) -> &[Option<crate::catalog::Capability>] {
        self.target_caps.get(&k).map_or(&[][..], Vec::as_slice)
    }

    /// [`Evaluator::can_close`] for a key `a` closes on.
    fn can_change(&self, a: &Action, k: Key, cap: Option<crate::catalog::Capability>) -> bool {
        let provides = |person: &crate::model::PersonId, cap| {
            self.people.get(person.as_str()).is_some_and(|&p| {
                self.org.people[p as usize]
                    .all_roles()
                    .any(|r| self.roles.provision(r, cap).is_some())
            })
        };
        let team = |t| self.team_key(t);
        match (cap, a) {
            (None, Action::Trim { .. }) => matches!(k, Key::Person(_)),
            (None, _) => false,
            (Some(c), Action::Hire { role, .. } | Action::Hat { role, .. }) => {
                self.roles.provision(role, c).is_some()
            }
            (Some(c), Action::Move { person, from, to }) => {
                team(from) == Some(k) || team(to) == Some(k) && provides(person, c)
            }
            (Some(c), Action::Share { person, to, .. }) => {
                team(to) == Some(k) && provides(person, c)
            }
            (Some(c), Action::Assign { person, to, .. }) => {
                self.ini_key(to) == Some(k) && provides(person, c)
            }
            (Some(_), Action::Trim { scope, .. }) => self.scope_key(scope) == Some(k),
        }
    }

    /// The part of the org the findings about `keys` read (module docs);
    /// `None` when `keys` has the org itself.
    /// Pushes `p`'s managers onto `out`, up the chain to its top or until
    /// it comes back to someone on it (a reporting loop). Chains are short:
    /// the ones seen are a list, a hash set only past 32.
    fn chain_above(&self, p: u32, out: &mut Vec<u32>) {
        let mut seen: Vec<u32> = vec![p];
        let mut seen_set: HashSet<u32> = HashSet::default();
        let mut at = p;
        loop {
            let m = self.manager[at as usize];
            if m == NONE {
                return;
            }
            let again = if seen_set.is_empty() {
                seen.contains(&m)
            } else {
                !seen_set.insert(m)
            };
            // Like the walk it replaces, the manager met again is kept.
            out.push(m);
            if again {
                return;
            }
            if seen_set.is_empty() {
                seen.push(m);
                if seen.len() > 32 {
                    seen_set.extend(seen.drain(..));
                }
            }
            at = m;
        }
    }

    pub fn region(&self, keys: &[Key]) -> Option<Org> {
        // Small lists sorted and deduplicated once: cheaper than hash sets
        // for the few dozen entities a region has.
        let mut full_teams: Vec<u32> = Vec::new();
        let mut full_inis: Vec<u32> = Vec::new();
        let mut people: Vec<u32> = Vec::new();
        for &k in keys {
            match k {
                Key::Org => return None,
                Key::Team(t) => {
                    full_teams.push(t);
                    full_inis.extend(&self.team_inis[t as usize]);
                }
                Key::Initiative(i) => {
                    full_inis.push(i);
                }
                Key::Person(p) => {
                    let pi = p as usize;
                    full_teams.extend(&self.person_teams[pi]);
                    full_inis.extend(&self.person_inis[pi]);
                    people.push(p);
                    people.extend(&self.reports[pi]);
                    people.extend(&self.dotted_reports[pi]);
                    for d in &self.org.people[pi].dotted {
                        if let Some(&d) = self.people.get(d.as_str()) {
                            people.push(d);
                        }
                    }
                    // The manager chain, up to its top or a loop.
                    self.chain_above(p, &mut people);
                }
            }
        }
        full_teams.sort_unstable();
        full_teams.dedup();
        full_inis.sort_unstable();
        full_inis.dedup();
        // A team's C010 reads the initiatives naming it (above) and the
        // teams it depends on; an initiative's teams decide whether it is
        // cross-team. Those teams are present, empty when not full.
        let mut team_ids: Vec<u32> = full_teams.clone();
        for &t in &full_teams {
            team_ids.extend(&self.team_deps[t as usize]);
            people.extend(&self.team_people[t as usize]);
        }
        for &i in &full_inis {
            team_ids.extend(&self.ini_teams[i as usize]);
            people.extend(&self.ini_people[i as usize]);
        }
        team_ids.sort_unstable();
        team_ids.dedup();
        people.sort_unstable();
        people.dedup();
        let o = self.org;
        let teams = team_ids
            .into_iter()
            .map(|i| {
                let t = &o.teams[i as usize];
                if full_teams.binary_search(&i).is_ok() {
                    t.clone()
                } else {
                    let mut shell = crate::model::Team::new(t.id.as_str(), t.name.clone());
                    shell.kind = t.kind;
                    shell
                }
            })
            .collect();
        Some(Org {
            format: o.format,
            name: o.name.clone(),
            description: String::new(),
            people: people
                .iter()
                .map(|&i| o.people[i as usize].clone())
                .collect(),
            teams,
            initiatives: full_inis
                .iter()
                .map(|&i| o.initiatives[i as usize].clone())
                .collect(),
            roles: o.roles.clone(),
            settings: o.settings.clone(),
            imported: None,
            waivers: o.waivers.clone(),
        })
    }

    /// Per key of `keys`: (remaining, opened, targets still there) among
    /// the findings of `proposal` (a proposal or a region of one) judged
    /// as planned.
    fn count(&self, proposal: Org, keys: &[Key]) -> Judged {
        // The region's roles are the org's: the catalog is made once.
        let planned = crate::rules::into_planned_with(proposal, &self.roles);
        let analysis = crate::rules::Analysis::with_catalog(&planned, &self.roles, false);
        // Only findings at warning or above count (remaining, opened).
        let report = crate::rules::run_unsorted(&analysis, self.opts.today, Severity::Warning);
        let mut per_key = vec![Tally::default(); keys.len()];
        for f in report.findings.iter().filter(|f| !f.waived()) {
            let Some(k) = self.key_of(&f.subject) else {
                continue;
            };
            let Ok(at) = keys.binary_search(&k) else {
                continue;
            };
            let t = &mut per_key[at];
            if f.severity <= self.opts.fix {
                t.remaining += 1;
            }
            let key = finding_key(f);
            if f.severity <= Severity::Warning && !self.base_keys.contains(&key) {
                t.opened += 1;
            }
            if self.target_keys.contains(&key) {
                t.targets += 1;
            }
        }
        let footprint_base = keys
            .iter()
            .map(|&k| i64::from(self.base_tally(k).remaining))
            .sum();
        Judged {
            footprint_base,
            tallies: keys
                .iter()
                .zip(per_key)
                .filter(|(_, t)| *t != Tally::default())
                .map(|(&k, t)| (k, t))
                .collect(),
        }
    }

    /// The findings about the footprint of a group of actions, or `None`
    /// when the group is not a valid plan. Cached.
    pub fn judge_group(&self, group: &[&Action]) -> Option<Arc<Judged>> {
        self.judge_group_in(group, || self.group_footprint(group))
    }

    /// [`Evaluator::judge_group`], the group's footprint made by
    /// `footprint` only when the group is not in the cache.
    pub fn judge_group_in(
        &self,
        group: &[&Action],
        footprint: impl FnOnce() -> Vec<Key>,
    ) -> Option<Arc<Judged>> {
        let mut sorted: Vec<Action> = group.iter().map(|a| (*a).clone()).collect();
        sorted.sort();
        let cache = || self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(hit) = cache().get(&sorted) {
            return hit.clone();
        }
        let keys = footprint();
        let result = self.judge_fresh(group, &keys).map(Arc::new);
        let mut cache = cache();
        // Bounded: a long search at 40,000 people judges many groups, and
        // a deep proof's groups are large.
        let weight = sorted.len() + result.as_ref().map_or(0, |j| j.tallies.len());
        if cache.len() >= CACHE_LIMIT || self.cache_weight.load(Relaxed) + weight > CACHE_WEIGHT {
            cache.clear();
            self.cache_weight.store(0, Relaxed);
        }
        self.cache_weight.fetch_add(weight, Relaxed);
        cache.insert(sorted, result.clone());
        result
    }

    /// The findings about `keys`, the footprint of `group` (sorted), or
    /// `None` when the group is not a valid plan. Not cached.
    pub fn judge_fresh(&self, group: &[&Action], keys: &[Key]) -> Option<Judged> {
        self.judged.fetch_add(1, Relaxed);
        let proposal = match self.region(keys) {
            Some(region) => super::plan::apply_to(region, group, self.threshold),
            None => apply(self.org, group, self.threshold),
        }?;
        Some(self.count(proposal, keys))
    }

    /// The union of the actions' footprints, sorted.
    pub fn group_footprint(&self, group: &[&Action]) -> Vec<Key> {
        let mut keys: Vec<Key> = group.iter().flat_map(|a| self.footprint(a)).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// What the base has about key `k`.
    pub fn base_tally(&self, k: Key) -> Tally {
        Tally {
            remaining: self.base_remaining.get(&k).copied().unwrap_or(0) as u32,
            opened: 0,
            targets: self.base_targets.get(&k).copied().unwrap_or(0),
        }
    }

    /// Findings at or above `fix` about `k` that no plan changes.
    pub fn fixed_remaining(&self, k: Key) -> u32 {
        self.base_fixed.get(&k).copied().unwrap_or(0)
    }

    /// What every valid plan leaves on `k` at least: the floor
    /// [`crate::suggest::search::floors`] found, or else the findings no
    /// action can take away.
    pub fn floor(&self, k: Key) -> Floor {
        self.floors.get(&k).copied().unwrap_or_else(|| {
            let fixed = self.fixed_remaining(k);
            Floor {
                remaining: fixed,
                others: fixed,
            }
        })
    }

    /// Notes floors found by [`crate::suggest::search::floors`].
    pub fn raise_floors(&mut self, floors: impl IntoIterator<Item = (Key, Floor)>) {
        self.floors.extend(floors);
    }

    /// What a plan leaves on each of `keys` (sorted); `None` when it is not
    /// a valid plan.
    pub fn tallies(&self, keys: &[Key], plan: &[Action]) -> Option<Vec<Tally>> {
        let mut out: Vec<Tally> = keys.iter().map(|&k| self.base_tally(k)).collect();
        for group in groups(plan, |a| self.footprint(a)) {
            let refs: Vec<&Action> = group.iter().map(|&i| &plan[i]).collect();
            let judged = self.judge_group(&refs)?;
            for k in self.group_footprint(&refs) {
                if let Ok(at) = keys.binary_search(&k) {
                    out[at] = Tally::default();
                }
            }
            for (k, t) in &judged.tallies {
                if let Ok(at) = keys.binary_search(k) {
                    out[at] = *t;
                }
            }
        }
        Some(out)
    }

    /// Whether some action might take away a finding at or above `fix`
    /// about `k`: it has more than the fixed ones.
    pub fn changeable(&self, k: Key) -> bool {
        self.base_tally(k).remaining > self.fixed_remaining(k)
    }

    /// The objective of a whole plan, judged group by group; `None` when it
    /// is not a valid plan.
    pub fn objective(&self, plan: &[Action]) -> Option<Objective> {
        let mut remaining = self.base_remaining_total as i64;
        let mut opened = 0;
        for group in groups(plan, |a| self.footprint(a)) {
            let refs: Vec<&Action> = group.iter().map(|&i| &plan[i]).collect();
            let judged = self.judge_group(&refs)?;
            remaining -= judged.footprint_base;
            for (_, t) in &judged.tallies {
                remaining += i64::from(t.remaining);
                opened += t.opened as usize;
            }
        }
        let cost = plan.iter().map(|a| self.opts.cost(a.kind())).sum();
        Some((remaining.max(0) as usize, opened, cost))
    }

    /// The objective of a plan by the rules engine on the whole proposal
    /// (what the local judgement must agree with).
    pub fn objective_whole(&self, plan: &[Action]) -> Option<Objective> {
        let refs: Vec<&Action> = plan.iter().collect();
        let proposal = apply(self.org, &refs, self.threshold)?;
        let report = crate::rules::check(&crate::rules::as_planned(&proposal), self.opts.today);
        let live = report.findings.iter().filter(|f| !f.waived());
        let remaining = live.clone().filter(|f| f.severity <= self.opts.fix).count();
        let opened = live
            .filter(|f| {
                f.severity <= Severity::Warning && !self.base_keys.contains(&finding_key(f))
            })
            .count();
        let cost = plan.iter().map(|a| self.opts.cost(a.kind())).sum();
        Some((remaining, opened, cost))
    }
}

/// What a group of actions leaves about each key of its footprint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Unwaived findings at or above `fix`.
    pub remaining: u32,
    /// Unwaived findings at or above warning the base does not have.
    pub opened: u32,
    /// Targets still there.
    pub targets: u32,
}

impl Tally {
    /// The remaining findings that are not targets.
    pub fn others(&self) -> u32 {
        self.remaining - self.targets.min(self.remaining)
    }
}

/// What a group leaves about its footprint: the base's remaining there,
/// and the keys with something left (sorted; the others have nothing).
#[derive(Debug)]
pub struct Judged {
    pub footprint_base: i64,
    pub tallies: Vec<(Key, Tally)>,
}

impl Judged {
    /// What the group leaves on `k`, a key of its footprint.
    pub fn tally(&self, k: Key) -> Tally {
        self.tallies
            .binary_search_by_key(&k, |&(k, _)| k)
            .map_or_else(|_| Tally::default(), |at| self.tallies[at].1)
    }
}

/// How many group judgements are kept, and how many of their actions and
/// tallies in all (about 100 bytes each).
const CACHE_LIMIT: usize = 8_192;
const CACHE_WEIGHT: usize = 200_000;

/// Rules whose findings no action can take away: reporting lines (S001
/// spans, S002 a TLM's span: actions change no manager and no role, only
/// add hats; S008, S009), sponsors (C006), outcomes (C007), expired
/// waivers (W001).
const UNCHANGEABLE: [&str; 7] = ["S001", "S002", "S008", "S009", "C006", "C007", "W001"];

/// Whether no action can take `f` away: a rule of [`UNCHANGEABLE`], or a
/// C010 (a team depends on another and no initiative spanning both is
/// coordinated) where no initiative names both teams, as actions change no
/// initiative's teams.
fn unchangeable(org: &Org, f: &Finding) -> bool {
    if UNCHANGEABLE.contains(&f.rule.code) {
        return true;
    }
    if f.rule.code != "C010" {
        return false;
    }
    let (Subject::Team(a), [Subject::Team(b)]) = (&f.subject, f.related.as_slice()) else {
        return false;
    };
    !org.initiatives
        .iter()
        .any(|i| i.teams.contains(a) && i.teams.contains(b))
}

/// The (rule, subject, capability) of a finding, as text.
pub fn finding_key(f: &Finding) -> String {
    format!(
        "{} {} {}",
        f.rule.code,
        f.subject,
        f.capability.map_or("", |c| c.id())
    )
}

/// Items split into groups whose footprints overlap (transitively): the
/// indices of each group, groups in order of their first item.
pub fn groups<T, K: Ord + Copy + std::hash::Hash, F: IntoIterator<Item = K>>(
    items: &[T],
    footprint: impl Fn(&T) -> F,
) -> Vec<Vec<usize>> {
    groups_with_keys(items, footprint).0
}

/// [`groups`], with each group's footprint (the union of its items',
/// sorted); each footprint is made once and not kept.
pub fn groups_with_keys<T, K: Ord + Copy + std::hash::Hash, F: IntoIterator<Item = K>>(
    items: &[T],
    footprint: impl Fn(&T) -> F,
) -> (Vec<Vec<usize>>, Vec<Vec<K>>) {
    let mut parent: Vec<usize> = (0..items.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut owner: HashMap<K, usize> = HashMap::default();
    for (i, item) in items.iter().enumerate() {
        for k in footprint(item) {
            match owner.get(&k) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                    }
                }
                None => {
                    owner.insert(k, i);
                }
            }
        }
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::default();
    for i in 0..items.len() {
        let r = find(&mut parent, i);
        let s = *slot.entry(r).or_insert_with(|| {
            out.push(Vec::new());
            out.len() - 1
        });
        out[s].push(i);
    }
    let mut keys: Vec<Vec<K>> = vec![Vec::new(); out.len()];
    for (k, i) in owner {
        let r = find(&mut parent, i);
        keys[slot[&r]].push(k);
    }
    for k in &mut keys {
        k.sort_unstable();
    }
    (out, keys)
}
