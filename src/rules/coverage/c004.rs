use super::initiative_cells;
use super::provider_roles;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A cross-team initiative whose required capability is held only by
    /// stop-gap providers — typically an engineering manager acting as the
    /// program manager, or a product manager coordinating three teams.
    ///
    /// ## Why it matters
    /// Engineering managers run projects in their own domain well, but a
    /// program that spans teams is a different job: tracking dependencies
    /// between teams they do not manage, arbitrating shared resources, and
    /// keeping executives aligned. An EM doing that on top of their team is
    /// stretched on both fronts, and tends to see the program from their own
    /// team's side. Smaller orgs can live with it; as initiatives grow or
    /// multiply, the coordination needs an owner whose job it is.
    ///
    /// ## How to fix
    /// Assign a TPM (technical programs) or PgM (business programs) as lead,
    /// even part-time. If the stop-gap is a deliberate choice for a short
    /// effort, waive the finding with an expiry date.
    code: "C004",
    name: "initiative-capability-stopgap",
    severity: DefaultSeverity::PerRequirement,
    threshold: None,
    summary: "A cross-team initiative's required capability is covered only by stop-gap providers",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    for (ii, ini, cap, cell) in initiative_cells(a) {
        if cell.coverage != Coverage::StopGap || cell.requirement.stopgap == Severity::Off {
            continue;
        }
        let message = format!(
            "{} has no {}; {} is covered by {} as a stop-gap",
            ini.name,
            provider_roles(a, cap),
            cap.words(),
            a.people_list(cell.holders, Some(cap)),
        );
        let related = cell.holders.iter().map(|&p| a.person_subject(p)).collect();
        out.emit_at(
            cell.requirement.stopgap,
            a.subject(Scope::Initiative(ii)),
            Some(cap),
            related,
            message,
        );
    }
}
