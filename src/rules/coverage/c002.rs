use super::{provider_roles, seat_note, team_cells};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A team capability that is required and held only by stop-gap
    /// providers: people whose role can cover it at a pinch but does not
    /// exist to do it. The flagship case is a stream team without a PM or
    /// PM-T whose product roadmap is written by its engineering manager.
    ///
    /// ## Why it matters
    /// Roles overlap on purpose, so that a team keeps working when someone
    /// is missing: an engineering manager can shape a product roadmap when
    /// there is no technical product manager, a senior engineer can set
    /// technical direction for a while. But each role has its own skills and
    /// its own full-time job. A stop-gap is borrowed time: the EM writing the
    /// roadmap is not coaching, hiring or unblocking, and the roadmap gets an
    /// engineer's view rather than a customer's. It works for a quarter; as a
    /// permanent design it quietly costs both duties.
    ///
    /// ## How to fix
    /// Staff the capability with a primary provider (the message names the
    /// usual roles), even shared at 30–50% with another team, or open a seat
    /// and waive this finding until the hire starts (`until:` the start
    /// date), so it comes back if the plan slips.
    code: "C002",
    name: "team-capability-stopgap",
    severity: DefaultSeverity::PerRequirement,
    threshold: None,
    summary: "A required team capability is covered only by stop-gap providers",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    for (ti, team, cap, cell) in team_cells(a) {
        if cell.coverage != Coverage::StopGap || cell.requirement.stopgap == Severity::Off {
            continue;
        }
        let message = format!(
            "{} has no {}; {} is covered by {} as a stop-gap{}",
            team.name,
            provider_roles(a, cap),
            cap.words(),
            a.people_list(cell.holders, Some(cap)),
            seat_note(a, ti, cap, Provision::Primary)
        );
        let related = cell.holders.iter().map(|&p| a.person_subject(p)).collect();
        out.emit_at(
            cell.requirement.stopgap,
            a.subject(Scope::Team(ti)),
            Some(cap),
            related,
            message,
        );
    }
}
