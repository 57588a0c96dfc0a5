use super::initiative_cells;
use super::normal_providers;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A cross-team initiative (one spanning two or more teams) where nobody
    /// assigned to it — its lead and its members — provides a capability the
    /// policy requires: program coordination, stakeholder management or risk
    /// management. People on the initiative's teams do not count: a program
    /// needs someone assigned to it.
    ///
    /// ## Why it matters
    /// Cross-team efforts rarely fail because one team fails; they fail
    /// because the teams' work does not fit together. Dependencies are
    /// missed, two teams need the same people in the same month, and each
    /// team's success does not add up to the outcome. Coordinating that is a
    /// job of its own, the program manager's (a TPM for technical programs, a
    /// PgM for business ones): seeing across the teams, keeping sponsors
    /// informed, and catching the risks that only appear between projects,
    /// where no single team's manager is looking.
    ///
    /// ## How to fix
    /// Name a lead who provides the capability — a TPM or PgM — and add them
    /// to the initiative's members with the time they will spend on it. For a
    /// small effort an engineering manager can coordinate as a stop-gap
    /// (which C004 will then point out). If the initiative really involves
    /// one team, list only that team.
    code: "C003",
    name: "initiative-capability-missing",
    severity: DefaultSeverity::PerRequirement,
    threshold: None,
    summary: "A cross-team initiative has no member providing a required capability",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    for (ii, ini, cap, cell) in initiative_cells(a) {
        let info = &a.initiatives[ii];
        let teams = &a.initiative_teams[ii];
        if cell.coverage != Coverage::Missing {
            continue;
        }
        let gap = if cap == Capability::Coordination {
            "has no program manager: ".to_string()
        } else {
            String::new()
        };
        let who = if info.members.is_empty() {
            "nobody is assigned to it"
        } else {
            "nobody assigned to it provides"
        };
        let message = if info.members.is_empty() {
            format!(
                "{} spans {} teams and {gap}{who}, so no one covers {} (normally {})",
                ini.name,
                teams.len(),
                cap.words(),
                normal_providers(a, cap)
            )
        } else {
            format!(
                "{} spans {} teams and {gap}{who} {} (normally {})",
                ini.name,
                teams.len(),
                cap.words(),
                normal_providers(a, cap)
            )
        };
        let related = teams.iter().map(|&t| a.subject(Scope::Team(t))).collect();
        out.emit_at(
            cell.requirement.missing,
            a.subject(Scope::Initiative(ii)),
            Some(cap),
            related,
            message,
        );
    }
}
