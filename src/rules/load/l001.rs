use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A person whose total allocation — the sum over every team and
    /// initiative `members` list they appear in — exceeds `threshold` percent
    /// (default 100).
    ///
    /// ## Why it matters
    /// A plan that needs 130% of someone is a plan that will miss by 30%,
    /// and it will not be obvious where. Over-allocation hides in shared
    /// roles — the staff engineer on two teams and a migration — and the
    /// person absorbs it with evenings until they leave. Every other coverage
    /// number in the plan assumes the time is really there.
    ///
    /// ## How to fix
    /// Lower allocations until they add up to 100%, move a commitment to
    /// someone else, or open a seat for the work that does not fit.
    code: "L001",
    name: "over-allocated",
    severity: DefaultSeverity::Fixed(Severity::Error),
    threshold: Some(100),
    summary: "A person is allocated over 100% of their time",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    let threshold = out.threshold();
    for (p, &total) in a.allocation.iter().enumerate() {
        if total <= threshold {
            continue;
        }
        let parts: Vec<String> = a.memberships[p]
            .iter()
            .map(|&(s, alloc)| format!("{} {alloc}%", a.scope_name(s)))
            .collect();
        let message = format!(
            "{} is allocated {total}% ({})",
            a.person(p).name,
            parts.join(", ")
        );
        let related = a.memberships[p]
            .iter()
            .map(|&(s, _)| a.subject(s))
            .collect();
        out.emit(a.person_subject(p), None, related, message);
    }
}
