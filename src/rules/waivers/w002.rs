use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A waiver, expired or not, that matches no finding — the gap was
    /// closed, the entity was renamed or deleted, or the rule code or
    /// capability is mistyped. Subject: the waiver's subject.
    ///
    /// ## Why it matters
    /// Stale waivers are noise that hides signal: the next reader cannot tell
    /// which exceptions are still in force, and a waiver that once matched may
    /// silently start matching something new after a rename.
    ///
    /// ## How to fix
    /// Delete the waiver (the app's "Unwaive"), or correct its rule, subject
    /// or capability.
    code: "W002",
    name: "unused-waiver",
    severity: DefaultSeverity::Fixed(Severity::Info),
    threshold: None,
    summary: "A waiver matches no finding",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    for (wi, w) in a.org.waivers.iter().enumerate() {
        if out.waiver_used(wi) {
            continue;
        }
        let what = match w.capability {
            Some(c) => format!("{} ({})", w.rule, c.words()),
            None => w.rule.clone(),
        };
        let message = format!("The waiver of {what} on {} matches no finding", w.subject);
        out.emit(w.subject.clone(), None, Vec::new(), message);
    }
}
