use super::reports_phrase;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A person who provides people management as primary (by role or hat)
    /// and has at least one but fewer than `threshold` direct reports
    /// (default 3).
    ///
    /// ## Why it matters
    /// A manager of one or two is usually a sign of a structure in
    /// transition: a team split too thin, a manager kept for seniority, or
    /// reports parked in the wrong place. It adds a layer of hierarchy and a
    /// manager's overhead for little management, and it often hides people
    /// who would be better served by a fuller team.
    ///
    /// ## How to fix
    /// Merge small teams under one manager, move the manager to an IC role
    /// with a TLM hat, or plan the hires that will fill the team. Waive it if
    /// the team is deliberately being built up.
    code: "S003",
    name: "manager-of-few",
    severity: DefaultSeverity::Fixed(Severity::Info),
    threshold: Some(3),
    summary: "A people manager has only one or two direct reports",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    let threshold = out.threshold() as usize;
    for (p, reports) in a.reports.iter().enumerate() {
        let manager = a.provides[p][Capability::People.index()] == Some(Provision::Primary);
        if !manager || reports.is_empty() || reports.len() >= threshold {
            continue;
        }
        let message = format!(
            "{} manages people but has only {}",
            a.person_with_role(p, Some(Capability::People)),
            reports_phrase(reports.len())
        );
        out.emit(a.person_subject(p), None, Vec::new(), message);
    }
}
