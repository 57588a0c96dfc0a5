use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A team with more than `threshold` members (default 9), counting
    /// everyone in its `members` list whatever their allocation.
    ///
    /// ## Why it matters
    /// Communication paths grow with the square of team size. Beyond about
    /// nine people, stand-ups become status theatre, ownership blurs, and the
    /// team quietly splits into sub-groups without the structure to support
    /// them. Small teams with clear boundaries deliver more predictably.
    ///
    /// ## How to fix
    /// Split the team along a boundary in the system it owns, each half with
    /// its own manager or lead, and record the dependency between them.
    code: "S004",
    name: "team-too-large",
    severity: DefaultSeverity::Fixed(Severity::Warning),
    threshold: Some(9),
    summary: "A team has too many members",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    let threshold = out.threshold() as usize;
    for (ti, team) in a.org.teams.iter().enumerate() {
        let n = a.teams[ti].members.len();
        if n > threshold {
            let message = format!("{} has {n} members (more than {threshold})", team.name);
            out.emit(a.subject(Scope::Team(ti)), None, Vec::new(), message);
        }
    }
}
