use crate::rules::prelude::*;
use std::collections::HashSet;

declare_rule! {
    /// ## What it flags
    /// Team A `depends_on` team B, and no initiative that includes both A and
    /// B has program coordination covered (or at least stop-gap). One finding
    /// per (A, B) pair.
    ///
    /// ## Why it matters
    /// A dependency between teams is where plans break: B's priorities shift,
    /// A finds out at integration time. Within one team the manager resolves
    /// such conflicts; between teams, somebody has to track the dependency,
    /// notice the conflict early and get a decision. If no initiative with a
    /// coordinator spans both teams, that somebody is nobody.
    ///
    /// ## How to fix
    /// Add both teams to an initiative with a TPM or PgM, or give an existing
    /// shared initiative a coordinator. If the dependency is gone, remove it
    /// from `depends_on`.
    code: "C010",
    name: "uncoordinated-dependency",
    severity: DefaultSeverity::Fixed(Severity::Warning),
    threshold: None,
    summary: "A team depends on another and no initiative spanning both is coordinated",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    // For each team, the coordinated initiatives that include it.
    let mut coordinated: Vec<Vec<usize>> = vec![Vec::new(); a.org.teams.len()];
    let mut team_sets: Vec<HashSet<usize>> = Vec::with_capacity(a.org.initiatives.len());
    for (ii, teams) in a.initiative_teams.iter().enumerate() {
        let ok = a.initiatives[ii].cell(Capability::Coordination).coverage != Coverage::Missing;
        if ok {
            for &t in teams {
                coordinated[t].push(ii);
            }
        }
        team_sets.push(teams.iter().copied().collect());
    }
    for (ta, team) in a.org.teams.iter().enumerate() {
        let mut seen = HashSet::new();
        for &tb in &a.index.team_deps[ta] {
            let tb = tb as usize;
            if tb == ta || !seen.insert(tb) {
                continue;
            }
            if coordinated[ta]
                .iter()
                .any(|&ii| team_sets[ii].contains(&tb))
            {
                continue;
            }
            let other = &a.org.teams[tb].name;
            let message = format!(
                "{} depends on {}, and no initiative spanning both has anyone coordinating it",
                team.name, other
            );
            out.emit(
                a.subject(Scope::Team(ta)),
                None,
                vec![a.subject(Scope::Team(tb))],
                message,
            );
        }
    }
}
