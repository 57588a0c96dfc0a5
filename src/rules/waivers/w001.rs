use crate::rules::prelude::*;

declare_rule! {
    /// ## What it flags
    /// A waiver whose `until` date is before today and whose finding is still
    /// there: that finding is reported again, unwaived, and this says the
    /// waiver expired. An expired waiver that matches no finding is left to
    /// W002 alone. Subject: the waiver's subject.
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
    for (wi, w) in a.org.waivers.iter().enumerate() {
        let Some(until) = w.until.filter(|u| *u < today) else {
            continue;
        };
        if !out.waiver_used(wi) {
            continue; // nothing came back: W002's case
        }
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
