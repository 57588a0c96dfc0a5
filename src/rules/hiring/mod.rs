//! Hiring rules (H): open seats and what they would close.

pub mod h001;

use super::prelude::*;

/// The gaps (C001/C002) in `team` that a seat of `role` would close: a
/// missing capability the role provides at all, a stop-gap one it provides
/// as primary. Only gaps that produce a finding under the policy count.
pub fn gaps_closed_by(
    a: &Analysis,
    team: usize,
    role: &crate::model::RoleId,
) -> Vec<(&'static str, Capability)> {
    gaps_closed_in(a, Scope::Team(team), role)
}

/// The gaps in a team (C001/C002) or an initiative (C003/C004) that a seat
/// of `role` there would close. Teams with no members have none (C001
/// leaves them to S006); an initiative with nobody assigned has all its
/// required capabilities missing.
pub fn gaps_closed_in(
    a: &Analysis,
    scope: Scope,
    role: &crate::model::RoleId,
) -> Vec<(&'static str, Capability)> {
    let (info, missing, stopgap) = match scope {
        Scope::Team(t) => (&a.teams[t], "C001", "C002"),
        Scope::Initiative(i) => (&a.initiatives[i], "C003", "C004"),
    };
    let mut out = Vec::new();
    if matches!(scope, Scope::Team(_)) && info.members.is_empty() {
        return out;
    }
    for cap in Capability::ALL {
        let cell = info.cell(cap);
        if !cell.is_required() {
            continue;
        }
        let provides = a.catalog.provision(role, cap);
        match cell.coverage {
            Coverage::Missing if provides.is_some() => out.push((missing, cap)),
            Coverage::StopGap
                if provides == Some(Provision::Primary)
                    && cell.requirement.stopgap != Severity::Off =>
            {
                out.push((stopgap, cap))
            }
            _ => {}
        }
    }
    out
}
