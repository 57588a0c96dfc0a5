use crate::model::InitiativeKind;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A `Technical` cross-team initiative whose program coordination is
    /// covered (as primary) only by people none of whom is a TPM by role or
    /// hat — for example a business program manager running a platform
    /// migration.
    ///
    /// ## Why it matters
    /// Program managers and technical program managers run programs the same
    /// way; the difference is technical depth. When most of the work is
    /// engineering, the coordinator has to understand the critical path in
    /// technical terms, weigh one architectural risk against another, and
    /// earn the engineers' trust by engaging with the detail. A PgM can do
    /// this with strong technical partners, but the gap is real and worth
    /// naming.
    ///
    /// ## How to fix
    /// Make a TPM the lead, or pair the PgM with a Staff engineer who owns
    /// the technical plan. If the program is mostly business change, set its
    /// `kind` to `Business`.
    code: "C008",
    name: "technical-initiative-without-tpm",
    severity: DefaultSeverity::Fixed(Severity::Info),
    threshold: None,
    summary: "A technical cross-team initiative is coordinated without a TPM",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    for (ii, ini) in a.org.initiatives.iter().enumerate() {
        if !a.is_cross_team(ii) || ini.kind != InitiativeKind::Technical {
            continue;
        }
        let cell = a.initiatives[ii].cell(Capability::Coordination);
        if cell.coverage != Coverage::Covered || cell.holders.iter().any(|&p| a.has_role(p, "TPM"))
        {
            continue;
        }
        let message = format!(
            "{} is a technical program coordinated by {} with no TPM",
            ini.name,
            a.people_list(cell.holders, Some(Capability::Coordination))
        );
        let related = cell.holders.iter().map(|&p| a.person_subject(p)).collect();
        out.emit(a.subject(Scope::Initiative(ii)), None, related, message);
    }
}
