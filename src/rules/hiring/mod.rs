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
    let info = &a.teams[team];
    let mut out = Vec::new();
    if info.members.is_empty() {
        return out;
    }
    for cap in Capability::ALL {
        let cell = info.cell(cap);
        if !cell.is_required() {
            continue;
        }
        let provides = a.catalog.provision(role, cap);
        match cell.coverage {
            Coverage::Missing if provides.is_some() => out.push(("C001", cap)),
            Coverage::StopGap
                if provides == Some(Provision::Primary)
                    && cell.requirement.stopgap != Severity::Off =>
            {
                out.push(("C002", cap))
            }
            _ => {}
        }
    }
    out
}
