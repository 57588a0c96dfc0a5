use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A person who is in no team, is lead, member or sponsor of no
    /// initiative, and has no direct reports.
    ///
    /// ## Why it matters
    /// Someone with no team and no assignment has no shared goals, no
    /// on-call, and nobody who notices their work. New joiners land here
    /// between offer and placement and stay longer than anyone intended;
    /// in a plan, an unassigned person is capacity that is being paid for
    /// and not counted.
    ///
    /// ## How to fix
    /// Add them to a team or initiative. Drag them from the roster onto a
    /// team card in the app.
    code: "S010",
    name: "unassigned-person",
    severity: DefaultSeverity::Fixed(Severity::Info),
    threshold: None,
    summary: "A person is in no team or initiative",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    for p in 0..a.org.people.len() {
        let idle = a.memberships[p].is_empty()
            && a.leads[p].is_empty()
            && a.sponsors[p].is_empty()
            && a.reports[p].is_empty();
        if idle {
            let message = format!("{} is not in any team or initiative", a.person(p).name);
            out.emit(a.person_subject(p), None, Vec::new(), message);
        }
    }
}
