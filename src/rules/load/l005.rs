use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A product manager (PM or PM-T, by role or hat) who is a duty holder of
    /// the product roadmap in teams whose members providing building add up
    /// to more than `threshold` people (default 12), each counted once.
    ///
    /// ## Why it matters
    /// Common ratios are one product manager to five to ten engineers. Past
    /// that, the PM cannot stay close to users and to every team's backlog at
    /// once: discovery stops, teams build what is easiest to specify, and the
    /// engineering managers start filling the gap as stop-gap product owners.
    ///
    /// ## How to fix
    /// Add a PM or PM-T for some of the teams, or narrow the PM's scope to
    /// the teams where product judgement matters most.
    code: "L005",
    name: "product-manager-stretched",
    severity: DefaultSeverity::Fixed(Severity::Warning),
    threshold: Some(12),
    summary: "A product manager covers too many engineers",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    let threshold = out.threshold() as usize;
    let mut builders: Vec<usize> = Vec::new();
    for (p, duties) in a.duties.iter().enumerate() {
        // Most people hold no roadmap duty: look at the (flat) duties before
        // the person's roles.
        let teams: Vec<usize> = duties
            .iter()
            .filter_map(|(s, c)| match s {
                Scope::Team(t) if *c == Capability::Roadmap => Some(*t),
                _ => None,
            })
            .collect();
        if teams.is_empty() || !(a.has_role(p, "PM") || a.has_role(p, "PMT")) {
            continue;
        }
        // Each builder once, however many of the teams they are in.
        builders.clear();
        for &t in &teams {
            builders.extend(
                a.teams[t]
                    .members
                    .iter()
                    .map(|&(m, _)| m)
                    .filter(|&m| a.provides[m][Capability::Build.index()].is_some()),
            );
        }
        builders.sort_unstable();
        builders.dedup();
        if builders.len() <= threshold {
            continue;
        }
        let names: Vec<String> = teams.iter().map(|&t| a.org.teams[t].name.clone()).collect();
        let message = format!(
            "{} owns the roadmap for {} engineers across {} (more than {threshold})",
            a.person_with_role(p, Some(Capability::Roadmap)),
            builders.len(),
            join_and(&names)
        );
        let related = teams.iter().map(|&t| a.subject(Scope::Team(t))).collect();
        out.emit(a.person_subject(p), None, related, message);
    }
}
