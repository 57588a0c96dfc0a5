use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A team with at least one but fewer than `threshold` members
    /// (default 3).
    ///
    /// ## Why it matters
    /// A team of one or two cannot absorb a holiday, an illness or a
    /// resignation; its on-call rota is a person, and its knowledge lives in
    /// one head. It also rarely has room for the management, product and
    /// technical-direction duties a team needs, so those are borrowed from
    /// elsewhere.
    ///
    /// ## How to fix
    /// Merge it into a neighbouring team, staff it up, or make it an
    /// initiative rather than a long-lived team.
    code: "S005",
    name: "team-too-small",
    severity: DefaultSeverity::Fixed(Severity::Info),
    threshold: Some(3),
    summary: "A team has only one or two members",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    let threshold = out.threshold() as usize;
    for (ti, team) in a.org.teams.iter().enumerate() {
        let n = a.teams[ti].members.len();
        if n >= 1 && n < threshold {
            let who = if n == 1 { "member" } else { "members" };
            let message = format!("{} has only {n} {who}", team.name);
            out.emit(a.subject(Scope::Team(ti)), None, Vec::new(), message);
        }
    }
}
