//! A set of actions applied to the org in the order the kinds come (hire,
//! move, share, assign, trim, hat; ties by subject), and judged: what it
//! leaves, what it opens, what it costs.

use super::{Action, Options, Scope};
use crate::model::{Allocation, Member, OpenSeat, Org, PersonId, RoleId};
use rustc_hash::FxHashSet as HashSet;

/// (remaining, opened, cost): smaller is better, in that order.
pub type Objective = (usize, usize, u32);

/// A person's total allocation.
pub(super) fn used(org: &Org, p: &PersonId) -> u32 {
    let teams = org.teams.iter().flat_map(|t| &t.members);
    let inis = org.initiatives.iter().flat_map(|i| &i.members);
    teams
        .chain(inis)
        .filter(|m| &m.person == p)
        .map(|m| m.allocation.percent())
        .sum()
}

/// `p`'s allocation in scope `s` (0 when not a member).
pub(super) fn allocation_in(org: &Org, p: &PersonId, s: &Scope) -> u32 {
    let members = match s {
        Scope::Team(t) => org.team(t).map(|t| &t.members),
        Scope::Initiative(i) => org.initiative(i).map(|i| &i.members),
    };
    members
        .and_then(|m| m.iter().find(|m| &m.person == p))
        .map_or(0, |m| m.allocation.percent())
}

fn members_mut<'o>(org: &'o mut Org, s: &Scope) -> Option<&'o mut Vec<Member>> {
    match s {
        Scope::Team(t) => org
            .teams
            .iter_mut()
            .find(|x| &x.id == t)
            .map(|x| &mut x.members),
        Scope::Initiative(i) => org
            .initiatives
            .iter_mut()
            .find(|x| &x.id == i)
            .map(|x| &mut x.members),
    }
}

/// `actions` applied to `org` in plan order; `None` when one of them no
/// longer applies when its turn comes (the set is not a valid plan).
pub fn apply(org: &Org, actions: &[&Action], threshold: u32) -> Option<Org> {
    apply_to(org.clone(), actions, threshold)
}

/// [`apply`] to an org of one's own (no copy).
pub fn apply_to(mut o: Org, actions: &[&Action], threshold: u32) -> Option<Org> {
    let mut order: Vec<&Action> = actions.to_vec();
    order.sort();
    for a in order {
        apply_one_noted(&mut o, a, threshold, "suggested")?;
    }
    Some(o)
}

/// Applies one action to `o` (a new seat gets `note`); `None`, with `o`
/// untouched, when it does not apply.
pub fn apply_one_noted(o: &mut Org, a: &Action, threshold: u32, note: &str) -> Option<()> {
    match a {
        Action::Hire { scope, role } => {
            let seat = OpenSeat {
                role: role.clone(),
                note: note.into(),
            };
            match scope {
                Scope::Team(t) => o
                    .teams
                    .iter_mut()
                    .find(|x| &x.id == t)?
                    .open_seats
                    .push(seat),
                Scope::Initiative(i) => o
                    .initiatives
                    .iter_mut()
                    .find(|x| &x.id == i)?
                    .open_seats
                    .push(seat),
            }
        }
        Action::Move { person, from, to } => {
            let to_team = o.teams.iter().position(|x| &x.id == to)?;
            if o.teams[to_team].member(person).is_some() {
                return None;
            }
            let from_team = o.teams.iter().position(|x| &x.id == from)?;
            let k = o.teams[from_team]
                .members
                .iter()
                .position(|m| &m.person == person)?;
            let m = o.teams[from_team].members.remove(k);
            o.teams[to_team].members.push(m);
        }
        Action::Share {
            person,
            to,
            allocation,
        } => {
            if used(o, person) + allocation > threshold {
                return None;
            }
            let t = o.teams.iter_mut().find(|x| &x.id == to)?;
            if t.member(person).is_some() {
                return None;
            }
            t.members
                .push(Member::new(person.clone(), Allocation::new(*allocation)?));
        }
        Action::Assign {
            person,
            to,
            allocation,
        } => {
            if used(o, person) + allocation > threshold {
                return None;
            }
            let coordinator = o
                .person(person)
                .is_some_and(|p| crate::edit::is_coordinator(o, p));
            let i = o.initiatives.iter_mut().find(|x| &x.id == to)?;
            if i.lead.as_ref() == Some(person) || i.members.iter().any(|m| &m.person == person) {
                return None;
            }
            i.members
                .push(Member::new(person.clone(), Allocation::new(*allocation)?));
            if i.lead.is_none() && coordinator {
                i.lead = Some(person.clone());
            }
        }
        Action::Trim { person, scope } => {
            let excess = used(o, person).checked_sub(threshold).filter(|&e| e > 0)?;
            let members = members_mut(o, scope)?;
            let k = members.iter().position(|m| &m.person == person)?;
            let a = members[k].allocation.percent();
            if a > excess {
                members[k].allocation = Allocation::new(a - excess)?;
            } else {
                members.remove(k);
            }
        }
        Action::Hat { person, role } => {
            let p = o.people.iter_mut().find(|x| &x.id == person)?;
            if p.role == *role || p.hats.contains(role) {
                return None;
            }
            p.hats.push(RoleId::new(role.as_str()));
        }
    }
    Some(())
}

/// The (rule, subject, capability) of each unwaived finding at or above
/// warning in `planned`: what "opened" is measured against.
pub fn baseline_keys(planned: &Org, opts: &Options) -> HashSet<String> {
    crate::rules::check(planned, opts.today)
        .findings
        .iter()
        .filter(|f| !f.waived() && f.severity <= crate::catalog::Severity::Warning)
        .map(key)
        .collect()
}

fn key(f: &crate::rules::Finding) -> String {
    format!(
        "{} {} {}",
        f.rule.code,
        f.subject,
        f.capability.map_or("", |c| c.id())
    )
}

/// The objective of `proposal` (the org with the plan applied), judged as
/// planned: findings left at or above the level to fix, findings at or
/// above warning that the org as planned did not have, the plan's cost.
pub fn objective(proposal: &Org, base: &HashSet<String>, cost: u32, opts: &Options) -> Objective {
    let report = crate::rules::check(&crate::rules::as_planned(proposal), opts.today);
    let live = report.findings.iter().filter(|f| !f.waived());
    let remaining = live.clone().filter(|f| f.severity <= opts.fix).count();
    let opened = live
        .filter(|f| f.severity <= crate::catalog::Severity::Warning && !base.contains(&key(f)))
        .count();
    (remaining, opened, cost)
}

/// The best plan by trying every subset of `candidates` (feasible for a
/// handful; the proof of optimality is the enumeration itself). Ties keep
/// the first found, in subset order.
pub fn exhaustive(
    org: &Org,
    candidates: &[Action],
    opts: &Options,
) -> Option<(Vec<Action>, Objective)> {
    let threshold = allocation_threshold(org);
    let base = baseline_keys(&crate::rules::as_planned(org), opts);
    let n = candidates.len();
    if n > 20 {
        return None;
    }
    let mut best: Option<(Vec<Action>, Objective)> = None;
    for mask in 0u32..(1u32 << n) {
        let chosen: Vec<&Action> = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| &candidates[i])
            .collect();
        let Some(proposal) = apply(org, &chosen, threshold) else {
            continue;
        };
        let c: u32 = chosen.iter().map(|a| opts.cost(a.kind())).sum();
        let obj = objective(&proposal, &base, c, opts);
        if best.as_ref().is_none_or(|(_, b)| obj < *b) {
            best = Some((chosen.into_iter().cloned().collect(), obj));
        }
    }
    best
}

/// L001's threshold in `org` (its override, else 100).
pub fn allocation_threshold(org: &Org) -> u32 {
    org.settings
        .rules
        .get("L001")
        .and_then(|o| o.threshold)
        .unwrap_or(100)
}

/// What a leader does by hand: a hire per target C001/C003 (the first role
/// its message names: the first role of the catalog providing the
/// capability as primary) and a trim per target L001, of the person's
/// smallest membership.
pub fn baseline(org: &Org, targets: &[crate::rules::Finding]) -> Vec<Action> {
    let cat = crate::catalog::RoleCatalog::new(&org.roles);
    let mut out = Vec::new();
    for t in targets {
        let first = |cap| super::primary_roles(&cat, cap).next().map(|r| r.id.clone());
        match (t.rule.code, &t.subject, t.capability) {
            ("C001", crate::model::Subject::Team(team), Some(cap)) => {
                if let Some(role) = first(cap) {
                    out.push(Action::Hire {
                        scope: Scope::Team(team.clone()),
                        role,
                    });
                }
            }
            ("C003", crate::model::Subject::Initiative(i), Some(cap)) => {
                if let Some(role) = first(cap) {
                    out.push(Action::Hire {
                        scope: Scope::Initiative(i.clone()),
                        role,
                    });
                }
            }
            ("L001", crate::model::Subject::Person(p), _) => {
                let teams = org.teams.iter().filter_map(|x| {
                    x.member(p)
                        .map(|m| (m.allocation.percent(), Scope::Team(x.id.clone())))
                });
                let inis = org.initiatives.iter().filter_map(|x| {
                    x.members
                        .iter()
                        .find(|m| &m.person == p)
                        .map(|m| (m.allocation.percent(), Scope::Initiative(x.id.clone())))
                });
                if let Some((_, scope)) = teams.chain(inis).min_by_key(|(a, _)| *a) {
                    out.push(Action::Trim {
                        person: p.clone(),
                        scope,
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

/// The objective of a set of actions, or `None` when it is not a valid
/// plan.
pub fn judge(
    org: &Org,
    actions: &[&Action],
    base: &HashSet<String>,
    opts: &Options,
) -> Option<Objective> {
    let proposal = apply(org, actions, allocation_threshold(org))?;
    let c = actions.iter().map(|a| opts.cost(a.kind())).sum();
    Some(objective(&proposal, base, c, opts))
}
