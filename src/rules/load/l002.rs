use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A person who is `lead` of more than `threshold` initiatives
    /// (default 3).
    ///
    /// ## Why it matters
    /// Leading a cross-team effort means being the one who notices the slip,
    /// chases the dependency and briefs the sponsor. Spread across four or
    /// more efforts, a lead becomes a name on a slide: each initiative gets a
    /// slice of attention, and the coordination that was the point of having
    /// a lead happens late or not at all.
    ///
    /// ## How to fix
    /// Hand some initiatives to another TPM or PgM, merge related ones into
    /// one program, or stop one.
    code: "L002",
    name: "too-many-initiatives",
    severity: DefaultSeverity::Fixed(Severity::Warning),
    threshold: Some(3),
    summary: "A person leads too many initiatives",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    let threshold = out.threshold() as usize;
    for (p, leads) in a.leads.iter().enumerate() {
        if leads.len() <= threshold {
            continue;
        }
        let names: Vec<String> = leads
            .iter()
            .map(|&i| a.org.initiatives[i].name.clone())
            .collect();
        let message = format!(
            "{} leads {} initiatives ({}; more than {threshold})",
            a.person(p).name,
            leads.len(),
            join_and(&names)
        );
        let related = leads
            .iter()
            .map(|&i| a.subject(Scope::Initiative(i)))
            .collect();
        out.emit(a.person_subject(p), None, related, message);
    }
}
