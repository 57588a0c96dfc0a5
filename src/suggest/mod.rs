//! Suggested fixes: the targets a plan must close and the candidate
//! actions that may close them. On the org as planned (open seats filled),
//! the targets are the unwaived C001–C004 and L001 findings at or above the
//! level to fix; a candidate is a hire (a seat of a role providing a
//! target's capability as primary, in its team or initiative), a move or a
//! share of someone providing it into a team that lacks it (a share at the
//! person's free time, at least 20%), an assignment to an initiative that
//! lacks it (at the initiative allocation, 20% by default), a trim of an
//! over-allocated person's time in one of their scopes, or (when allowed) a
//! hat. eval.rs judges plans locally, search.rs searches, exact.rs proves
//! by tables, solve.rs puts it
//! together (docs/suggest.md). No GUI code.

pub mod eval;
pub mod exact;
pub mod plan;
pub mod render;
pub mod search;
pub mod solve;

use crate::catalog::{Provision, RoleCatalog, Severity};
use crate::model::{Date, InitiativeId, Org, PersonId, RoleId, Subject, TeamId};
use crate::rules::Finding;

/// The kinds of action, in the order a plan applies them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Hire,
    Move,
    Share,
    Assign,
    Trim,
    Hat,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Hire,
        Kind::Move,
        Kind::Share,
        Kind::Assign,
        Kind::Trim,
        Kind::Hat,
    ];

    /// The name `--allow` and the JSON use.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Hire => "hire",
            Kind::Move => "move",
            Kind::Share => "share",
            Kind::Assign => "assign",
            Kind::Trim => "trim",
            Kind::Hat => "hat",
        }
    }

    /// The default cost.
    pub fn default_cost(self) -> u32 {
        match self {
            Kind::Hire => 10,
            Kind::Move => 3,
            Kind::Share | Kind::Hat => 2,
            Kind::Assign | Kind::Trim => 1,
        }
    }
}

/// How to suggest: the level to fix, the kinds allowed, the initiative
/// allocation of `assign`, the day waivers are judged on.
#[derive(Clone, Debug)]
pub struct Options {
    pub fix: Severity,
    pub allow: Vec<Kind>,
    /// The cost of each kind, in [`Kind::ALL`] order.
    pub costs: [u32; 6],
    pub initiative_allocation: u32,
    pub today: Date,
}

impl Options {
    /// The defaults: fix errors with hire, move, share, assign and trim.
    pub fn new(today: Date) -> Options {
        Options {
            fix: Severity::Error,
            allow: vec![
                Kind::Hire,
                Kind::Move,
                Kind::Share,
                Kind::Assign,
                Kind::Trim,
            ],
            costs: Kind::ALL.map(Kind::default_cost),
            initiative_allocation: 20,
            today,
        }
    }

    /// The cost of an action of kind `k`.
    pub fn cost(&self, k: Kind) -> u32 {
        self.costs[k as usize]
    }

    /// Whether kind `k` is allowed.
    pub fn allows(&self, k: Kind) -> bool {
        self.allow.contains(&k)
    }
}

/// A team or an initiative.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    Team(TeamId),
    Initiative(InitiativeId),
}

impl Scope {
    pub fn subject(&self) -> Subject {
        match self {
            Scope::Team(t) => Subject::Team(t.clone()),
            Scope::Initiative(i) => Subject::Initiative(i.clone()),
        }
    }
}

/// One candidate action.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// An open seat of `role` in `scope`.
    Hire { scope: Scope, role: RoleId },
    /// `person`'s membership in team `from` becomes one in `to`.
    Move {
        person: PersonId,
        from: TeamId,
        to: TeamId,
    },
    /// `person` joins team `to` at `allocation` (their free time).
    Share {
        person: PersonId,
        to: TeamId,
        allocation: u32,
    },
    /// `person` joins initiative `to` at `allocation`.
    Assign {
        person: PersonId,
        to: InitiativeId,
        allocation: u32,
    },
    /// `person`'s allocation in `scope` drops by their excess.
    Trim { person: PersonId, scope: Scope },
    /// `person` gets `role` as an extra role.
    Hat { person: PersonId, role: RoleId },
}

impl Action {
    /// Whether this action was made for target `t` (a change to its scope,
    /// or a trim of its over-allocated person).
    pub fn aims_at(&self, t: &Finding) -> bool {
        match (self, &t.subject) {
            (Action::Hire { scope, .. }, s) => &scope.subject() == s,
            (Action::Move { to, .. } | Action::Share { to, .. }, Subject::Team(x)) => to == x,
            (Action::Assign { to, .. }, Subject::Initiative(x)) => to == x,
            (Action::Trim { person, .. }, Subject::Person(x)) => person == x,
            _ => false,
        }
    }

    /// The subject of the targets this action can be made for.
    pub fn aim(&self) -> Option<Subject> {
        match self {
            Action::Hire { scope, .. } => Some(scope.subject()),
            Action::Move { to, .. } | Action::Share { to, .. } => Some(Subject::Team(to.clone())),
            Action::Assign { to, .. } => Some(Subject::Initiative(to.clone())),
            Action::Trim { person, .. } => Some(Subject::Person(person.clone())),
            Action::Hat { .. } => None,
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Action::Hire { .. } => Kind::Hire,
            Action::Move { .. } => Kind::Move,
            Action::Share { .. } => Kind::Share,
            Action::Assign { .. } => Kind::Assign,
            Action::Trim { .. } => Kind::Trim,
            Action::Hat { .. } => Kind::Hat,
        }
    }
}

/// The findings a plan must close: unwaived C001–C004 and L001 findings at
/// or above `fix`, in `planned` (the org as planned).
pub fn targets(planned: &Org, opts: &Options) -> Vec<Finding> {
    targets_in(&crate::rules::check(planned, opts.today), opts)
}

/// The targets among a report's findings (of the org as planned).
pub fn targets_in(report: &crate::rules::Report, opts: &Options) -> Vec<Finding> {
    report
        .findings
        .iter()
        .filter(|f| {
            !f.waived()
                && f.severity <= opts.fix
                && matches!(f.rule.code, "C001" | "C002" | "C003" | "C004" | "L001")
        })
        .cloned()
        .collect()
}

/// Every candidate action for the targets, each once, in a stable order.
/// `planned` is the org as planned; people are the org's own (an open
/// seat's hypothetical hire is not moved, shared or trimmed). Linear in the
/// org plus the candidates: providers, allocations and memberships are
/// gathered once.
pub fn candidates(planned: &Org, targets: &[Finding], opts: &Options) -> Vec<Action> {
    let cat = RoleCatalog::new(&planned.roles);
    let threshold = plan::allocation_threshold(planned);
    let index: rustc_hash::FxHashMap<&str, usize> = planned
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut used = vec![0u32; planned.people.len()];
    let mut teams_of: Vec<Vec<usize>> = vec![Vec::new(); planned.people.len()];
    for (ti, t) in planned.teams.iter().enumerate() {
        for m in &t.members {
            if let Some(&p) = index.get(m.person.as_str()) {
                used[p] += m.allocation.percent();
                teams_of[p].push(ti);
            }
        }
    }
    for i in &planned.initiatives {
        for m in &i.members {
            if let Some(&p) = index.get(m.person.as_str()) {
                used[p] += m.allocation.percent();
            }
        }
    }
    // Who provides each capability as primary (real people only).
    let mut providers: Vec<Vec<usize>> = vec![Vec::new(); 8];
    for (pi, p) in planned.people.iter().enumerate() {
        if crate::rules::planned::is_planned_hire(p.id.as_str()) {
            continue;
        }
        for cap in crate::catalog::Capability::ALL {
            if p.all_roles()
                .any(|r| cat.provision(r, cap) == Some(Provision::Primary))
            {
                providers[cap.index()].push(pi);
            }
        }
    }
    let free = |p: usize| threshold.saturating_sub(used[p]);
    let id = |p: usize| planned.people[p].id.clone();
    let mut out: Vec<Action> = Vec::new();
    for t in targets {
        match (&t.subject, t.capability) {
            (Subject::Team(team), Some(cap)) => {
                let Some(tm) = planned.team(team) else {
                    continue;
                };
                if opts.allows(Kind::Hire) {
                    hires(&cat, &Scope::Team(team.clone()), cap, &mut out);
                }
                for &p in &providers[cap.index()] {
                    if tm.member(&planned.people[p].id).is_some() {
                        continue;
                    }
                    if opts.allows(Kind::Move) {
                        for &from in &teams_of[p] {
                            out.push(Action::Move {
                                person: id(p),
                                from: planned.teams[from].id.clone(),
                                to: team.clone(),
                            });
                        }
                    }
                    if opts.allows(Kind::Share) && free(p) >= 20 {
                        out.push(Action::Share {
                            person: id(p),
                            to: team.clone(),
                            allocation: free(p),
                        });
                    }
                }
                if opts.allows(Kind::Hat) {
                    hats(planned, &cat, &Scope::Team(team.clone()), cap, &mut out);
                }
            }
            (Subject::Initiative(ini), Some(cap)) => {
                let Some(i) = planned.initiative(ini) else {
                    continue;
                };
                if opts.allows(Kind::Hire) {
                    hires(&cat, &Scope::Initiative(ini.clone()), cap, &mut out);
                }
                if opts.allows(Kind::Assign) {
                    let on = |p: &PersonId| {
                        i.lead.as_ref() == Some(p) || i.members.iter().any(|m| &m.person == p)
                    };
                    for &p in &providers[cap.index()] {
                        if !on(&planned.people[p].id) && free(p) >= opts.initiative_allocation {
                            out.push(Action::Assign {
                                person: id(p),
                                to: ini.clone(),
                                allocation: opts.initiative_allocation,
                            });
                        }
                    }
                }
                if opts.allows(Kind::Hat) {
                    hats(
                        planned,
                        &cat,
                        &Scope::Initiative(ini.clone()),
                        cap,
                        &mut out,
                    );
                }
            }
            (Subject::Person(p), _) if t.rule.code == "L001" && opts.allows(Kind::Trim) => {
                let Some(&pi) = index.get(p.as_str()) else {
                    continue;
                };
                for &team in &teams_of[pi] {
                    out.push(Action::Trim {
                        person: p.clone(),
                        scope: Scope::Team(planned.teams[team].id.clone()),
                    });
                }
                for ini in planned
                    .initiatives
                    .iter()
                    .filter(|x| x.members.iter().any(|m| &m.person == p))
                {
                    out.push(Action::Trim {
                        person: p.clone(),
                        scope: Scope::Initiative(ini.id.clone()),
                    });
                }
            }
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The roles of the file that provide `cap` as primary, in catalog order.
pub(crate) fn primary_roles(
    cat: &RoleCatalog,
    cap: crate::catalog::Capability,
) -> impl Iterator<Item = &crate::catalog::RoleDef> {
    cat.roles()
        .iter()
        .filter(move |r| r.provision(cap) == Some(Provision::Primary))
}

/// `hire` candidates: a seat in `scope` of each role providing `cap` as P.
fn hires(cat: &RoleCatalog, scope: &Scope, cap: crate::catalog::Capability, out: &mut Vec<Action>) {
    for r in primary_roles(cat, cap) {
        out.push(Action::Hire {
            scope: scope.clone(),
            role: r.id.clone(),
        });
    }
}

/// `hat` candidates: a member of `scope` gets a role providing `cap` as P.
fn hats(
    planned: &Org,
    cat: &RoleCatalog,
    scope: &Scope,
    cap: crate::catalog::Capability,
    out: &mut Vec<Action>,
) {
    let members: Vec<&PersonId> = match scope {
        Scope::Team(t) => planned
            .team(t)
            .map(|t| t.members.iter().map(|m| &m.person).collect())
            .unwrap_or_default(),
        Scope::Initiative(i) => planned
            .initiative(i)
            .map(|i| {
                i.members
                    .iter()
                    .map(|m| &m.person)
                    .chain(i.lead.iter())
                    .collect()
            })
            .unwrap_or_default(),
    };
    for p in members {
        if crate::rules::planned::is_planned_hire(p.as_str()) {
            continue;
        }
        let Some(person) = planned.person(p) else {
            continue;
        };
        for r in primary_roles(cat, cap) {
            if person.all_roles().all(|x| x != &r.id) {
                out.push(Action::Hat {
                    person: p.clone(),
                    role: r.id.clone(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The conformance cases: their targets and candidates counted as the
    /// exhaustive solver that made them counted.
    #[test]
    fn targets_and_candidates_of_the_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/suggest");
        for case in ["defaults", "fix-warning", "no-hires"] {
            let org = crate::io::load_file(&root.join(case).join("base.org.ron")).unwrap();
            let expect: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(root.join(case).join("expect.json")).unwrap(),
            )
            .unwrap();
            let args: Vec<&str> = expect["args"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap())
                .collect();
            let mut opts = Options::new(Date::parse("2026-12-01").unwrap());
            for w in args.windows(2) {
                match w[0] {
                    "--fix" if w[1] == "warning" => opts.fix = Severity::Warning,
                    "--allow" => {
                        opts.allow = w[1]
                            .split(',')
                            .map(|k| *Kind::ALL.iter().find(|x| x.id() == k).unwrap())
                            .collect()
                    }
                    _ => {}
                }
            }
            let planned = crate::rules::as_planned(&org);
            let t = targets(&planned, &opts);
            assert_eq!(
                t.len() as u64,
                expect["targets"].as_u64().unwrap(),
                "{case}: {t:#?}"
            );
            let c = candidates(&planned, &t, &opts);
            assert_eq!(
                c.len() as u64,
                expect["candidates"].as_u64().unwrap(),
                "{case}: {c:#?}"
            );
            // Every subset tried: the optimum is the fixture's.
            let (best, obj) = plan::exhaustive(&org, &c, &opts).unwrap();
            let want: Vec<u64> = expect["objective"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap())
                .collect();
            assert_eq!(
                vec![obj.0 as u64, obj.1 as u64, u64::from(obj.2)],
                want,
                "{case}: {best:#?}"
            );
            // The optimal plan's actions are among the candidates.
            for step in expect["plan"].as_array().unwrap() {
                let s: Vec<&str> = step
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_str().unwrap())
                    .collect();
                let found = c.iter().any(|a| match (a, s[0]) {
                    (Action::Hire { scope, role }, "hire") => {
                        role.as_str() == s[1] && scope.subject().to_string() == s[2]
                    }
                    (Action::Share { person, to, .. }, "share") => {
                        person.as_str() == s[1] && format!("team:{to}") == s[2]
                    }
                    (Action::Assign { person, to, .. }, "assign") => {
                        person.as_str() == s[1] && format!("initiative:{to}") == s[2]
                    }
                    (Action::Trim { person, scope }, "trim") => {
                        person.as_str() == s[1] && scope.subject().to_string() == s[2]
                    }
                    (Action::Move { person, to, .. }, "move") => {
                        person.as_str() == s[1] && format!("team:{to}") == s[2]
                    }
                    _ => false,
                });
                assert!(found, "{case}: {s:?} not among {c:#?}");
            }
        }
    }
}
