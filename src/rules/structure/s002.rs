use super::reports_phrase;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A person whose role is TLM (tech lead manager) with more than
    /// `threshold` direct reports (default 4). S001 may flag them too.
    ///
    /// ## Why it matters
    /// A tech lead manager does three jobs at once: managing people, setting
    /// technical direction, and building. That only works while the team is
    /// small. Each extra report takes time from the code and the design, and
    /// the role slides into an engineering manager's job without the
    /// engineering manager's time to do it — a classic route to burnout.
    ///
    /// ## How to fix
    /// Cap a TLM's team at about four engineers; beyond that, convert the
    /// role to EM (with a separate tech lead) or split the team.
    code: "S002",
    name: "tlm-too-many-reports",
    severity: DefaultSeverity::Fixed(Severity::Warning),
    threshold: Some(4),
    summary: "A tech lead manager has too many direct reports",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    let threshold = out.threshold() as usize;
    for (p, reports) in a.reports.iter().enumerate() {
        if reports.len() <= threshold || a.org.behaves_as(&a.person(p).role) != "TLM" {
            continue;
        }
        let message = format!(
            "{} is a tech lead manager with {} (more than {threshold}), on top of building",
            a.person(p).name,
            reports_phrase(reports.len())
        );
        out.emit(a.person_subject(p), None, Vec::new(), message);
    }
}
