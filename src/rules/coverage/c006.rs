use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A cross-team initiative (two or more teams) with no `sponsor`: no
    /// executive named as accountable for its outcome.
    ///
    /// ## Why it matters
    /// An effort that spans teams competes with each team's own roadmap.
    /// Without an executive who owns the outcome, every conflict over people
    /// or priority is settled team by team, and the initiative loses each
    /// time to work that has a local owner. The sponsor is also who the
    /// program reports to and who unblocks what the teams cannot.
    ///
    /// ## How to fix
    /// Name the executive accountable for the outcome as `sponsor`. If no one
    /// will take it, that is worth knowing before committing three teams.
    code: "C006",
    name: "initiative-no-sponsor",
    severity: DefaultSeverity::Fixed(Severity::Warning),
    threshold: None,
    summary: "A cross-team initiative has no sponsor",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    for (ii, ini) in a.org.initiatives.iter().enumerate() {
        if !a.is_cross_team(ii) || ini.sponsor.is_some() {
            continue;
        }
        let teams = &a.initiative_teams[ii];
        let message = format!(
            "{} spans {} teams and has no executive sponsor",
            ini.name,
            teams.len()
        );
        let related = teams.iter().map(|&t| a.subject(Scope::Team(t))).collect();
        out.emit(a.subject(Scope::Initiative(ii)), None, related, message);
    }
}
