use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// One person who is the only duty holder of the same capability in at
    /// least `threshold` scopes (default 3) — the one product manager for
    /// three teams, the one TPM coordinating three programs. One finding per
    /// (person, capability).
    ///
    /// ## Why it matters
    /// When one person is the only holder of a duty in several places, their
    /// holiday, illness or resignation opens several gaps at once, and in the
    /// meantime every one of those scopes waits on the same calendar. Shared
    /// roles are efficient; shared roles with no second holder anywhere are
    /// fragile.
    ///
    /// ## How to fix
    /// Give some of those scopes a second holder (a PM-T next to the PM, a
    /// Staff engineer next to the TPM) or hand some scopes to someone else.
    code: "L004",
    name: "single-point-of-failure",
    severity: DefaultSeverity::Fixed(Severity::Warning),
    threshold: Some(3),
    summary: "One person is the only holder of a duty in many scopes",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    let threshold = out.threshold() as usize;
    for (p, duties) in a.duties.iter().enumerate() {
        if duties.len() < threshold.max(1) {
            continue;
        }
        for cap in Capability::ALL {
            let is_sole = |(s, c): &&(Scope, Capability)| {
                *c == cap && a.scope(*s).cell(cap).holders.len() == 1
            };
            // Count first: most people are sole holder nowhere.
            let count = duties.iter().filter(is_sole).count();
            if count < threshold || count == 0 {
                continue;
            }
            let sole: Vec<Scope> = duties.iter().filter(is_sole).map(|(s, _)| *s).collect();
            let names: Vec<String> = sole.iter().map(|&s| a.scope_name(s).to_string()).collect();
            let message = format!(
                "{} is the only one covering {} in {} places: {}",
                a.person_with_role(p, Some(cap)),
                cap.words(),
                sole.len(),
                join_and(&names)
            );
            let related = sole.iter().map(|&s| a.subject(s)).collect();
            out.emit(a.person_subject(p), Some(cap), related, message);
        }
    }
}
