use super::team_cells;
use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A required team capability that is covered (or stop-gap), but whose
    /// duty holders together give the team less than `threshold` percent of
    /// their time (default 30%): a product manager at 20%, a tech lead who is
    /// mostly elsewhere.
    ///
    /// ## Why it matters
    /// Coverage on paper is not coverage in practice. Someone spread across
    /// four teams at 20% each is in the right meetings for none of them;
    /// decisions wait for their day, and the team learns to decide without
    /// them. Thin coverage is where "we have a PM" and "nobody owns the
    /// roadmap" are both true.
    ///
    /// ## How to fix
    /// Raise the holder's allocation to the team, consolidate their other
    /// commitments, or add a second holder. Lower the threshold in
    /// `settings.rules` if your org deliberately runs leaner.
    code: "C005",
    name: "thin-coverage",
    severity: DefaultSeverity::Fixed(Severity::Info),
    threshold: Some(30),
    summary: "A team capability's duty holders give the team little of their time",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    let threshold = out.threshold();
    for (ti, team, cap, cell) in team_cells(a) {
        let info = &a.teams[ti];
        if cell.coverage == Coverage::Missing {
            continue;
        }
        let total: u32 = cell.holders.iter().map(|&p| info.allocation_of(p)).sum();
        if total >= threshold {
            continue;
        }
        let who: Vec<String> = cell
            .holders
            .iter()
            .map(|&p| {
                format!(
                    "{} at {}%",
                    a.person_with_role(p, Some(cap)),
                    info.allocation_of(p)
                )
            })
            .collect();
        let message = if who.len() == 1 {
            format!(
                "{}'s {} rests on {} of their time (under {threshold}%)",
                team.name,
                cap.words(),
                who[0]
            )
        } else {
            format!(
                "{}'s {} rests on {} ({total}% in all, under {threshold}%)",
                team.name,
                cap.words(),
                join_and(&who)
            )
        };
        let related = cell.holders.iter().map(|&p| a.person_subject(p)).collect();
        out.emit(a.subject(Scope::Team(ti)), Some(cap), related, message);
    }
}
