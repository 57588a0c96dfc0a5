use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A person whose duties include people management AND building software
    /// AND at least one of product roadmap, program coordination or
    /// stakeholder management — somewhere in the org, in any scopes.
    ///
    /// ## Why it matters
    /// Engineering leadership work falls into three buckets: strategy and
    /// alignment, people, and building. Most roles live mainly in one or two;
    /// the overlaps are what make a team resilient. Holding all three at once
    /// — managing a team, writing a real share of its code, and owning its
    /// roadmap or its stakeholders — is the combination that most reliably
    /// burns people out: each bucket wants long stretches of focus, and
    /// every week one of them loses. It is common in founders, TLMs and EMs
    /// covering for a missing PM, and it rarely lasts.
    ///
    /// ## How to fix
    /// Take one bucket away: bring in a PM or PM-T for the roadmap, a TPM
    /// for coordination, or let the person step back from building. The
    /// message lists where each duty comes from.
    code: "L003",
    name: "burnout-hats",
    severity: DefaultSeverity::Fixed(Severity::Warning),
    threshold: None,
    summary: "A person holds people, building and strategy duties at once",
    check: check,
}

const STRATEGY: [Capability; 3] = [
    Capability::Roadmap,
    Capability::Coordination,
    Capability::Stakeholders,
];

fn check(a: &Analysis, out: &mut Emitter) {
    for (p, duties) in a.duties.iter().enumerate() {
        let has = |cap: Capability| duties.iter().any(|(_, c)| *c == cap);
        if !(has(Capability::People) && has(Capability::Build) && STRATEGY.iter().any(|&c| has(c)))
        {
            continue;
        }
        let mut caps: Vec<Capability> = vec![Capability::People, Capability::Build];
        caps.extend(STRATEGY.iter().copied().filter(|&c| has(c)));
        let parts: Vec<String> = caps
            .iter()
            .map(|&cap| {
                let mut scopes: Vec<&str> = duties
                    .iter()
                    .filter(|(_, c)| *c == cap)
                    .map(|(s, _)| a.scope_name(*s))
                    .collect();
                scopes.dedup();
                format!("{} ({})", cap.words(), scopes.join(", "))
            })
            .collect();
        let message = format!(
            "{} holds people, building and strategy duties at once: {}",
            a.person_with_role(p, None),
            join_and(&parts)
        );
        let mut related: Vec<Subject> = Vec::new();
        for (s, _) in duties {
            let subject = a.subject(*s);
            if !related.contains(&subject) {
                related.push(subject);
            }
        }
        out.emit(a.person_subject(p), None, related, message);
    }
}
