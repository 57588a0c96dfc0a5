//! The rules engine: one [`Analysis`] per run, one file per rule, a static
//! registry, waivers and the output order of docs/rules.md.

mod analysis;
mod coverage;
pub mod hiring;
mod load;
mod matrix;
pub mod planned;
mod prelude;
mod structure;
mod waivers;

pub use analysis::{Analysis, Cell, Coverage, P, PerPerson, Scope, ScopeInfo, join_and};
pub use hiring::{gaps_closed_by, gaps_closed_in};
pub use matrix::{CellStatus, HiringLine, Matrix, MatrixCell, MatrixRow, hiring_plan, matrix};
pub use planned::{as_planned, into_planned, into_planned_with};

use crate::catalog::{Capability, Severity};
use crate::model::{Date, Org, Subject};
use std::fmt;

/// How a rule's severity is decided by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultSeverity {
    Fixed(Severity),
    /// C001–C004: the coverage policy's cell decides.
    PerRequirement,
}

impl fmt::Display for DefaultSeverity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DefaultSeverity::Fixed(s) => f.write_str(s.id()),
            DefaultSeverity::PerRequirement => f.write_str("per requirement"),
        }
    }
}

/// A rule's metadata and documentation. The docs are the rule's doc comment,
/// in three sections: *What it flags*, *Why it matters*, *How to fix*.
#[derive(Debug)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub default_severity: DefaultSeverity,
    pub default_threshold: Option<u32>,
    /// One line for `orgplan rules`.
    pub summary: &'static str,
    pub docs: &'static str,
}

impl RuleInfo {
    /// The text under the `## {title}` line of the docs, trimmed.
    pub fn section(&self, title: &str) -> &'static str {
        let docs = self.docs;
        let mut offset = 0;
        let mut start = None;
        for line in docs.split_inclusive('\n') {
            let heading = line.trim().strip_prefix("## ");
            match (start, heading) {
                (None, Some(h)) if h == title => start = Some(offset + line.len()),
                (Some(s), Some(_)) => return docs[s..offset].trim(),
                _ => {}
            }
            offset += line.len();
        }
        start.map_or("", |s| docs[s..].trim())
    }

    pub fn what(&self) -> &'static str {
        self.section("What it flags")
    }

    pub fn why(&self) -> &'static str {
        self.section("Why it matters")
    }

    pub fn fix(&self) -> &'static str {
        self.section("How to fix")
    }

    /// A docs section as paragraphs, each joined into one line.
    pub fn paragraphs(&self, title: &str) -> Vec<String> {
        paragraphs(self.section(title))
    }

    /// Rule family: Coverage, Structure, Load, Hiring, Waivers.
    pub fn family(&self) -> &'static str {
        match self.code.as_bytes().first() {
            Some(b'C') => "Coverage",
            Some(b'S') => "Structure",
            Some(b'L') => "Load",
            Some(b'H') => "Hiring",
            _ => "Waivers",
        }
    }
}

/// Splits doc text on blank lines and joins each paragraph into one line.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// A rule: its info and its check.
pub struct Rule {
    pub info: RuleInfo,
    pub check: fn(&Analysis, &mut Emitter),
}

/// Declares a rule in its own file: the doc comment is its documentation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        code: $code:literal,
        name: $name:literal,
        severity: $sev:expr,
        threshold: $threshold:expr,
        summary: $summary:literal,
        check: $check:path $(,)?
    ) => {
        pub static RULE: $crate::rules::Rule = $crate::rules::Rule {
            info: $crate::rules::RuleInfo {
                code: $code,
                name: $name,
                default_severity: $sev,
                default_threshold: $threshold,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
            },
            check: $check,
        };
    };
}
pub(crate) use declare_rule;

/// Every rule, in code order. A new rule is a file, a line here, a fixture
/// and a test.
pub static RULES: [&Rule; 28] = [
    &coverage::c001::RULE,
    &coverage::c002::RULE,
    &coverage::c003::RULE,
    &coverage::c004::RULE,
    &coverage::c005::RULE,
    &coverage::c006::RULE,
    &coverage::c007::RULE,
    &coverage::c008::RULE,
    &coverage::c009::RULE,
    &coverage::c010::RULE,
    &structure::s001::RULE,
    &structure::s002::RULE,
    &structure::s003::RULE,
    &structure::s004::RULE,
    &structure::s005::RULE,
    &structure::s006::RULE,
    &structure::s007::RULE,
    &structure::s008::RULE,
    &structure::s009::RULE,
    &structure::s010::RULE,
    &load::l001::RULE,
    &load::l002::RULE,
    &load::l003::RULE,
    &load::l004::RULE,
    &load::l005::RULE,
    &hiring::h001::RULE,
    &waivers::w001::RULE,
    &waivers::w002::RULE,
];

/// Every rule code, in registry order.
pub const CODES: [&str; 28] = [
    "C001", "C002", "C003", "C004", "C005", "C006", "C007", "C008", "C009", "C010", "S001", "S002",
    "S003", "S004", "S005", "S006", "S007", "S008", "S009", "S010", "L001", "L002", "L003", "L004",
    "L005", "H001", "W001", "W002",
];

pub fn is_known_code(code: &str) -> bool {
    rule(code).is_some()
}

/// Looks a rule up by code (case-insensitive) or by name.
pub fn rule(code_or_name: &str) -> Option<&'static RuleInfo> {
    RULES
        .iter()
        .map(|r| &r.info)
        .find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name == code_or_name)
}

/// One gap flagged by a rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: &'static RuleInfo,
    pub severity: Severity,
    pub subject: Subject,
    pub related: Vec<Subject>,
    pub capability: Option<Capability>,
    pub message: String,
    /// The index in `org.waivers` of the waiver that accepts this finding.
    pub waived_by: Option<usize>,
}

impl PartialEq for RuleInfo {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Finding {
    pub fn waived(&self) -> bool {
        self.waived_by.is_some()
    }
}

/// Collects one rule's findings, applying its configured severity and
/// threshold.
pub struct Emitter<'f> {
    info: &'static RuleInfo,
    run: &'f RunContext,
    severity_override: Option<Severity>,
    threshold: Option<u32>,
    out: &'f mut Vec<Finding>,
}

/// What a run knows beyond the org: the date, and (for W rules) which
/// waivers matched a finding.
pub struct RunContext {
    pub today: Date,
    pub waiver_used: Vec<bool>,
}

impl Emitter<'_> {
    pub fn today(&self) -> Date {
        self.run.today
    }

    /// Whether waiver `i` matched some finding (W002).
    pub fn waiver_used(&self, i: usize) -> bool {
        self.run.waiver_used.get(i).copied().unwrap_or(false)
    }

    /// The rule's threshold (the file's override, else its default).
    pub fn threshold(&self) -> u32 {
        self.threshold
            .or(self.info.default_threshold)
            .unwrap_or_default()
    }

    /// Emits a finding at the rule's default severity.
    pub fn emit(
        &mut self,
        subject: Subject,
        capability: Option<Capability>,
        related: Vec<Subject>,
        message: String,
    ) {
        let base = match self.info.default_severity {
            DefaultSeverity::Fixed(s) => s,
            DefaultSeverity::PerRequirement => Severity::Warning,
        };
        self.emit_at(base, subject, capability, related, message);
    }

    /// Emits a finding whose severity comes from elsewhere (the policy
    /// cell); a severity set in `settings.rules` still wins, `Off` drops it.
    pub fn emit_at(
        &mut self,
        severity: Severity,
        subject: Subject,
        capability: Option<Capability>,
        related: Vec<Subject>,
        message: String,
    ) {
        let severity = self.severity_override.unwrap_or(severity);
        if severity == Severity::Off {
            return;
        }
        self.out.push(Finding {
            rule: self.info,
            severity,
            subject,
            related,
            capability,
            message,
            waived_by: None,
        });
    }
}

/// Summary counts; waived findings are counted apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub waived: usize,
}

/// The result of checking one org.
#[derive(Debug)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub today: Date,
}

impl Report {
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for f in &self.findings {
            if f.waived() {
                s.waived += 1;
                continue;
            }
            match f.severity {
                Severity::Error => s.error += 1,
                Severity::Warning => s.warning += 1,
                Severity::Info => s.info += 1,
                Severity::Off => {}
            }
        }
        s
    }

    /// Whether some unwaived finding is at or above `level`.
    pub fn fails(&self, level: Severity) -> bool {
        self.findings
            .iter()
            .any(|f| !f.waived() && f.severity <= level && level != Severity::Off)
    }

    /// Findings about one subject.
    pub fn about<'a>(&'a self, subject: &'a Subject) -> impl Iterator<Item = &'a Finding> {
        self.findings.iter().filter(move |f| &f.subject == subject)
    }
}

/// Runs every rule on an analysed org, applies waivers and sorts.
pub fn run(a: &Analysis, today: Date) -> Report {
    run_with_threads(a, today, analysis::use_threads(a.org))
}

/// [`run`], choosing whether to split the rules over two threads.
pub fn run_with_threads(a: &Analysis, today: Date, parallel: bool) -> Report {
    let mut report = run_unsorted_with(a, today, parallel, &|_| true);
    sort_findings(&mut report.findings);
    report
}

/// [`run`] on one thread, only for the findings at `at_least` or more
/// severe, left in the order the rules emitted them (registry order, then
/// entity order): for callers that judge many small orgs and only look the
/// findings up, such as `risk`'s regions. Rules whose findings are all less
/// severe (a fixed severity, as set in `settings.rules`) do not run, unless
/// an unused waiver would then be reported at `at_least`: W002 reads which
/// waivers matched. [`sort_findings`] puts any subset of the findings in
/// [`run`]'s order.
pub fn run_unsorted(a: &Analysis, today: Date, at_least: Severity) -> Report {
    let effective = |rule: &Rule| {
        let o = a
            .org
            .settings
            .rules
            .get(rule.info.code)
            .and_then(|o| o.severity);
        match rule.info.default_severity {
            DefaultSeverity::Fixed(s) => Some(o.unwrap_or(s)),
            DefaultSeverity::PerRequirement => None,
        }
    };
    let below = |rule: &Rule| effective(rule).is_some_and(|s| s > at_least);
    let w002_matters = !a.org.waivers.is_empty()
        && RULES
            .iter()
            .find(|r| r.info.code == "W002")
            .is_some_and(|r| !below(r));
    run_unsorted_with(a, today, false, &|r: &Rule| w002_matters || !below(r))
}

fn run_unsorted_with(
    a: &Analysis,
    today: Date,
    parallel: bool,
    wanted: &dyn Fn(&Rule) -> bool,
) -> Report {
    let mut ctx = RunContext {
        today,
        waiver_used: Vec::new(),
    };
    let rules: Vec<&'static Rule> = RULES
        .iter()
        .copied()
        .filter(|r| !r.info.code.starts_with('W') && wanted(r))
        .collect();
    let mut findings = run_rules(a, &rules, &ctx, parallel);
    ctx.waiver_used = waivers::apply(a, today, &mut findings);
    for rule in RULES
        .iter()
        .filter(|r| r.info.code.starts_with('W') && wanted(r))
    {
        run_rule(a, rule, &ctx, &mut findings);
    }
    Report { findings, today }
}

/// Runs `rules` and returns their findings in registry order (so the output
/// is the same however the work was split). Large orgs use two threads.
fn run_rules(
    a: &Analysis,
    rules: &[&'static Rule],
    ctx: &RunContext,
    parallel: bool,
) -> Vec<Finding> {
    if !parallel {
        let mut out = Vec::new();
        for rule in rules {
            run_rule(a, rule, ctx, &mut out);
        }
        return out;
    }
    let mut per_rule: Vec<Vec<Finding>> = vec![Vec::new(); rules.len()];
    {
        // Alternate rules between the two threads to balance their cost.
        let (evens, odds): (Vec<_>, Vec<_>) = per_rule
            .iter_mut()
            .zip(rules)
            .enumerate()
            .partition(|(k, _)| k % 2 == 0);
        std::thread::scope(|s| {
            s.spawn(move || {
                for (_, (out, rule)) in odds {
                    run_rule(a, rule, ctx, out);
                }
            });
            for (_, (out, rule)) in evens {
                run_rule(a, rule, ctx, out);
            }
        });
    }
    per_rule.into_iter().flatten().collect()
}

/// Runs a single rule (for profiling and tests), without waivers.
pub fn run_one(a: &Analysis, rule: &'static Rule, today: Date) -> Vec<Finding> {
    let ctx = RunContext {
        today,
        waiver_used: Vec::new(),
    };
    let mut out = Vec::new();
    run_rule(a, rule, &ctx, &mut out);
    out
}

/// Analyses and checks an org in one go.
pub fn check(org: &Org, today: Date) -> Report {
    run(&Analysis::new(org), today)
}

pub(crate) fn run_rule(
    a: &Analysis,
    rule: &'static Rule,
    run: &RunContext,
    out: &mut Vec<Finding>,
) {
    let o = a.org.settings.rules.get(rule.info.code);
    if o.and_then(|o| o.severity) == Some(Severity::Off) {
        return;
    }
    let mut e = Emitter {
        info: &rule.info,
        run,
        severity_override: o.and_then(|o| o.severity),
        threshold: o.and_then(|o| o.threshold),
        out,
    };
    (rule.check)(a, &mut e);
}

/// Sorts findings in the report's order, docs/json.md (findings' order):
/// severity, code, subject, capability (none first); ties keep the entity
/// order in which rules emitted them. Stable, so a subset of
/// [`run_unsorted`]'s findings sorts as it would in [`run`]'s.
pub fn sort_findings(findings: &mut [Finding]) {
    // Subjects compare as their text "kind:id": by kind word, then id (no
    // kind word is a prefix of another), without building the strings.
    // Stable: equal keys keep the order the rules emitted them in.
    findings.sort_by(|x, y| {
        x.severity
            .cmp(&y.severity)
            .then_with(|| x.rule.code.cmp(y.rule.code))
            .then_with(|| x.subject.kind().cmp(y.subject.kind()))
            .then_with(|| x.subject.id().cmp(&y.subject.id()))
            .then_with(|| {
                x.capability
                    .map(|c| c.id())
                    .cmp(&y.capability.map(|c| c.id()))
            })
    });
}
