use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A team with no members. Open seats do not count: a planned hire is not
    /// yet a person.
    ///
    /// ## Why it matters
    /// An empty team still appears to own its systems, dependencies and
    /// initiatives, so work gets routed to it and waits. Coverage rules skip
    /// empty teams (everything would be missing), so this is the one finding
    /// that says the team exists only on paper.
    ///
    /// ## How to fix
    /// Staff the team, or remove it and move what it owns to a team that can
    /// carry it.
    code: "S006",
    name: "empty-team",
    severity: DefaultSeverity::Fixed(Severity::Warning),
    threshold: None,
    summary: "A team has no members",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    for (ti, team) in a.org.teams.iter().enumerate() {
        if a.teams[ti].members.is_empty() {
            let seats = team.open_seats.len();
            let message = if seats == 0 {
                format!("{} has no members", team.name)
            } else {
                format!(
                    "{} has no members, only {seats} open seat{}",
                    team.name,
                    if seats == 1 { "" } else { "s" }
                )
            };
            out.emit(a.subject(Scope::Team(ti)), None, Vec::new(), message);
        }
    }
}
