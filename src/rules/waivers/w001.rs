use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A waiver whose `until` date is before today. The findings it used to
    /// accept are reported again, unwaived. Subject: the waiver's subject.
    ///
    /// ## Why it matters
    /// A waiver with a date is a promise: "the PM-T starts in January", "we
    /// split the team after the launch". When the date passes and the finding
    /// is still there, the promise slipped — which is exactly what a plan
    /// review should surface rather than keep hiding.
    ///
    /// ## How to fix
    /// Fix the underlying finding, or, if the plan moved, update the waiver's
    /// `until` and `reason` so they say what is true now.
    code: "W001",
    name: "expired-waiver",
    severity: DefaultSeverity::Fixed(Severity::Warning),
    threshold: None,
    summary: "A waiver's expiry date has passed",
    check: check,
}

fn check(a: &Analysis, out: &mut Emitter) {
    let today = out.today();
    for w in &a.org.waivers {
        let Some(until) = w.until.filter(|u| *u < today) else {
            continue;
        };
        let what = match w.capability {
            Some(c) => format!("{} ({})", w.rule, c.words()),
            None => w.rule.clone(),
        };
        let message = format!(
            "The waiver of {what} on {} expired on {until} (\"{}\")",
            a.org.subject_name(&w.subject),
            w.reason
        );
        out.emit(w.subject.clone(), None, Vec::new(), message);
    }
}
