use super::chain_depths;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A person with no direct reports who has more than `threshold` managers
    /// above them (default 6). Chains that run into a reporting loop are
    /// left to S008.
    ///
    /// ## Why it matters
    /// Every layer between an engineer and the leader who sets direction
    /// filters context on the way down and delays decisions on the way up.
    /// Deep hierarchies are slow to change course, and the people at the
    /// bottom are the furthest from why their work matters.
    ///
    /// ## How to fix
    /// Remove a layer: merge small teams, widen spans a little, or move a
    /// manager of one manager into a different role.
    code: "S009",
    name: "deep-hierarchy",
    severity: DefaultSeverity::Fixed(Severity::Info),
    threshold: Some(6),
    summary: "An individual contributor sits under too many layers of management",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    let threshold = out.threshold() as usize;
    let depths = chain_depths(a);
    for (p, depth) in depths.iter().enumerate() {
        let Some(depth) = *depth else { continue };
        if !a.reports[p].is_empty() || depth <= threshold {
            continue;
        }
        let message = format!(
            "{} has {depth} levels of management above them (more than {threshold})",
            a.person(p).name
        );
        out.emit(a.person_subject(p), None, Vec::new(), message);
    }
}
