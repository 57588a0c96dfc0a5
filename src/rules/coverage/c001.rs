use super::{normal_providers, seat_note, team_cells};
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A team that has no member providing a capability its kind requires:
    /// a stream team without anyone for people management, building,
    /// technical direction, the product roadmap or delivery (see the coverage
    /// policy for what each team kind needs). Teams with no members are left
    /// to S006.
    ///
    /// ## Why it matters
    /// A duty nobody holds is not done at all; it is done by whoever happens
    /// to notice, late and unevenly. A team without someone for people
    /// management has nobody hiring, growing and looking after its engineers;
    /// a stream team without a product owner builds without knowing what to
    /// build next or why. Each of these duties belongs to a role that exists
    /// to do it, and when no one in that role is on the team, the gap shows
    /// up months later as attrition, churn in priorities or missed dates.
    ///
    /// ## How to fix
    /// Give the team a member whose role provides the capability (the
    /// message names the roles that normally do), share one with another
    /// team at a partial allocation, or open a seat for the hire. If the
    /// team truly does not need it, change the requirement for that team kind
    /// in `settings.requirements`, or waive the finding with a reason.
    code: "C001",
    name: "team-capability-missing",
    severity: DefaultSeverity::PerRequirement,
    threshold: None,
    summary: "A team has no member providing a required capability",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    for (ti, team, cap, cell) in team_cells(a) {
        if cell.coverage != Coverage::Missing {
            continue;
        }
        let message = format!(
            "{} has no one for {} (normally {}){}",
            team.name,
            cap.words(),
            normal_providers(a, cap),
            seat_note(a, ti, cap, Provision::StopGap)
        );
        out.emit_at(
            cell.requirement.missing,
            a.subject(Scope::Team(ti)),
            Some(cap),
            Vec::new(),
            message,
        );
    }
}
