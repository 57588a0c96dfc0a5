use super::reports_phrase;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A manager with more than `threshold` direct reports (default 8).
    ///
    /// ## Why it matters
    /// People management is hiring, growth, feedback and looking after team
    /// health, person by person. Past eight or so reports, one-to-ones get
    /// shorter or rarer, feedback turns generic, and the manager has no time
    /// left for the technical direction and delivery an engineering manager
    /// also owns. The people who need the most attention — new hires,
    /// struggling engineers — are the first to lose it.
    ///
    /// ## How to fix
    /// Split the team, promote or hire a second manager, or move a group of
    /// reports under a TLM. Raise the threshold in `settings.rules` if your
    /// managers are deliberately "managers of managers" with strong leads.
    code: "S001",
    name: "span-of-control-wide",
    severity: DefaultSeverity::Fixed(Severity::Warning),
    threshold: Some(8),
    summary: "A manager has too many direct reports",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    let threshold = out.threshold() as usize;
    for (p, reports) in a.reports.iter().enumerate() {
        if reports.len() <= threshold {
            continue;
        }
        let message = format!(
            "{} has {} (more than {threshold})",
            a.person_with_role(p, None),
            reports_phrase(reports.len())
        );
        out.emit(a.person_subject(p), None, Vec::new(), message);
    }
}
