use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A person whose `manager` provides people management neither as
    /// primary nor as stop-gap — an engineer reporting to a staff engineer or
    /// a product manager. Subject: the report; related: the manager.
    ///
    /// ## Why it matters
    /// Reporting lines carry career growth, performance reviews and pay.
    /// Someone whose manager's role does not include people management gets
    /// those from a person whose job is something else, and usually gets
    /// less of them. It is often a leftover of a reorg that was never
    /// finished.
    ///
    /// ## How to fix
    /// Point the `manager` at a people manager (EM, TLM, Director), or give
    /// the current manager a role or hat that includes people management if
    /// that is what they really do.
    code: "S007",
    name: "reports-to-non-manager",
    severity: DefaultSeverity::Fixed(Severity::Warning),
    threshold: None,
    summary: "A person reports to someone who does not manage people",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    for (p, m) in a.manager.iter().enumerate() {
        let Some(m) = *m else { continue };
        if a.provides[m][Capability::People.index()].is_some() {
            continue;
        }
        let message = format!(
            "{} reports to {}, whose role does not include people management",
            a.person(p).name,
            a.person_with_role(m, None)
        );
        out.emit(
            a.person_subject(p),
            None,
            vec![a.person_subject(m)],
            message,
        );
    }
}
