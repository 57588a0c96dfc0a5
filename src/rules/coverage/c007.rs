use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A cross-team initiative (two or more teams) with no stated `outcome`,
    /// or an empty one: nothing says what success looks like.
    ///
    /// ## Why it matters
    /// Program management is about outcomes, not outputs: the point of
    /// coordinating several teams is a result none of them delivers alone.
    /// Without a stated outcome nobody can tell whether the program is
    /// working, when it is done, or whether the value it was meant to create
    /// was actually captured (benefits realisation) rather than just the
    /// projects completed.
    ///
    /// ## How to fix
    /// Write the outcome in one measurable sentence ("Checkout live in three
    /// EU markets by Q3") in the initiative's `outcome`.
    code: "C007",
    name: "initiative-no-outcome",
    severity: DefaultSeverity::Fixed(Severity::Info),
    threshold: None,
    summary: "A cross-team initiative has no stated outcome",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    for (ii, ini) in a.org.initiatives.iter().enumerate() {
        let stated = ini.outcome.as_deref().is_some_and(|o| !o.trim().is_empty());
        if !a.is_cross_team(ii) || stated {
            continue;
        }
        let message = format!(
            "{} has no stated outcome, so nobody can tell when it has succeeded",
            ini.name
        );
        out.emit(a.subject(Scope::Initiative(ii)), None, Vec::new(), message);
    }
}
