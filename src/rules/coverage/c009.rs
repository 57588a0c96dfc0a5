use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// An org that runs at least `threshold` cross-team initiatives (default
    /// 3) and has nobody with a PgM or TPM role or hat.
    ///
    /// ## Why it matters
    /// Small orgs can let product or engineering managers coordinate the odd
    /// cross-team effort. Once several interdependent initiatives run at
    /// once, they compete for the same teams and people, and their risks
    /// interact; a complex organisation benefits from a dedicated program
    /// management function that sees across all of them.
    ///
    /// ## How to fix
    /// Hire or appoint a TPM or PgM (or give someone the hat) and make them
    /// lead the largest initiatives; or reduce the number of concurrent
    /// cross-team efforts.
    code: "C009",
    name: "no-program-management",
    severity: DefaultSeverity::Fixed(Severity::Warning),
    threshold: Some(3),
    summary: "Several cross-team initiatives and no program manager in the org",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    let cross: Vec<usize> = (0..a.org.initiatives.len())
        .filter(|&i| a.is_cross_team(i))
        .collect();
    let threshold = out.threshold() as usize;
    if cross.len() < threshold {
        return;
    }
    let has_pm = (0..a.org.people.len()).any(|p| a.has_role(p, "PgM") || a.has_role(p, "TPM"));
    if has_pm {
        return;
    }
    let message = format!(
        "{} runs {} cross-team initiatives and has no program manager (TPM or PgM)",
        a.org.name,
        cross.len()
    );
    let related = cross
        .iter()
        .map(|&i| a.subject(Scope::Initiative(i)))
        .collect();
    out.emit(Subject::Org, None, related, message);
}
