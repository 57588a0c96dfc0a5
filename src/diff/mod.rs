//! Comparing two orgs (docs/diff.md): what a proposal changes (who moves,
//! which teams and seats change), what it does to coverage (the gap delta
//! between two rule runs judged on the same day), and what it costs
//! (metrics). No GUI code; the app, `orgplan diff` and `orgplan import
//! --into` use it.
//!
//! The change list is data ([`ChangeKind`]), computed per entity kind in
//! `people`, `teams`, `initiatives` and `other`; `display` and `render` make
//! words, Markdown, HTML and JSON of it.

mod change;
mod display;
mod gaps;
mod initiatives;
pub mod metrics;
mod names;
mod other;
mod people;
pub mod render;
mod teams;

pub use change::{Change, ChangeKind, Group, Named, NamedSubject, WaiverRef};
pub use metrics::Metrics;

use crate::catalog::RoleCatalog;
use crate::index::OrgIndex;
use crate::model::{Date, Org, Subject};
use crate::rules::{Analysis, Finding, Report};
use gaps::{gap_delta, link_causes};
use names::Names;
use rustc_hash::FxHashMap as HashMap;

/// A finding in the gap delta, with its severity on each side.
#[derive(Clone, Debug)]
pub struct GapChange {
    pub finding: Finding,
    /// Severity in the base (for changed findings).
    pub before: Option<crate::catalog::Severity>,
    /// The change that clearly caused it (opened) or closed it (closed): an
    /// index into [`Diff::changes`].
    pub cause: Option<usize>,
    /// Every change touching its subject, when none of them is the clear
    /// cause (a team split moves several people out of "Checkout has 11
    /// members"): indices into [`Diff::changes`], in list order.
    pub causes: Vec<usize>,
    /// The name of what it is about (the proposal's, else the base's), for
    /// reports that show names where ids would mean nothing to a reader.
    pub subject_name: String,
}

/// Closed, opened, changed and unchanged findings.
#[derive(Clone, Debug, Default)]
pub struct GapDelta {
    pub closed: Vec<GapChange>,
    pub opened: Vec<GapChange>,
    pub changed: Vec<GapChange>,
    pub unchanged: Vec<Finding>,
}

/// A whole comparison.
pub struct Diff {
    pub base_name: String,
    pub proposal_name: String,
    pub today: Date,
    pub changes: Vec<Change>,
    pub gaps: GapDelta,
    pub base_metrics: Metrics,
    pub proposal_metrics: Metrics,
}

impl Diff {
    /// Compares `proposal` with `base`, judging waivers on `today`.
    pub fn new(base: &Org, proposal: &Org, today: Date) -> Diff {
        Diff::with_positions(base, proposal, today, false)
    }

    /// [`Diff::new`]; `positions` also lists moved canvas cards.
    pub fn with_positions(base: &Org, proposal: &Org, today: Date, positions: bool) -> Diff {
        let (ba, pa) = analyse_both(base, proposal, today);
        Diff::analysed(base, proposal, (ba, pa), today, positions)
    }

    /// [`Diff::with_positions`] with both sides judged as planned (open
    /// seats counted as filled, docs/domain.md): the gap delta and metrics
    /// are those of the orgs as planned; the change list is that of the
    /// files (a seat opened is listed as a seat opened, not as a person).
    pub fn as_planned(base: &Org, proposal: &Org, today: Date, positions: bool) -> Diff {
        let (pb, pp) = (
            crate::rules::as_planned(base),
            crate::rules::as_planned(proposal),
        );
        let analysed = analyse_both(&pb, &pp, today);
        Diff::analysed(base, proposal, analysed, today, positions)
    }

    fn analysed(
        base: &Org,
        proposal: &Org,
        (ba, pa): ((Metrics, Report), (Metrics, Report)),
        today: Date,
        positions: bool,
    ) -> Diff {
        Diff::from_parts(
            Side {
                org: base,
                report: &ba.1,
                metrics: ba.0,
            },
            Side {
                org: proposal,
                report: &pa.1,
                metrics: pa.0,
            },
            today,
            positions,
        )
    }

    /// Only the gaps `proposal` closes and opens against `base` (no change
    /// list, no causes): what a re-import's summary shows after its own
    /// list of changes.
    pub fn gaps_only(base: &Org, proposal: &Org, today: Date) -> Diff {
        let (ba, pa) = analyse_both(base, proposal, today);
        Diff {
            base_name: base.name.clone(),
            proposal_name: proposal.name.clone(),
            today,
            changes: Vec::new(),
            gaps: gap_delta(&ba.1, &pa.1),
            base_metrics: ba.0,
            proposal_metrics: pa.0,
        }
    }

    /// A comparison from two sides already analysed (the app keeps the
    /// base's analysis and reuses the proposal's from its own).
    pub fn from_parts(base: Side, proposal: Side, today: Date, positions: bool) -> Diff {
        let changes = changes(base.org, proposal.org, positions);
        let mut gaps = gap_delta(base.report, proposal.report);
        link_causes(&mut gaps, &changes);
        let names = Names::new(base.org, proposal.org);
        for g in gaps
            .closed
            .iter_mut()
            .chain(&mut gaps.opened)
            .chain(&mut gaps.changed)
        {
            g.subject_name = names.subject(&g.finding.subject).name;
        }
        Diff {
            base_name: base.org.name.clone(),
            proposal_name: proposal.org.name.clone(),
            today,
            changes,
            gaps,
            base_metrics: base.metrics,
            proposal_metrics: proposal.metrics,
        }
    }

    /// "closes 5 gaps (2 errors), opens 1 (0 errors), 14 unchanged".
    pub fn headline(&self) -> String {
        let errors = |v: &[GapChange]| {
            v.iter()
                .filter(|g| g.finding.severity == crate::catalog::Severity::Error)
                .count()
        };
        let plural = crate::text::count;
        let mut s = format!(
            "closes {} ({}), opens {} ({}), {} unchanged",
            plural(self.gaps.closed.len(), "gap", "gaps"),
            plural(errors(&self.gaps.closed), "error", "errors"),
            self.gaps.opened.len(),
            plural(errors(&self.gaps.opened), "error", "errors"),
            self.gaps.unchanged.len()
        );
        if !self.gaps.changed.is_empty() {
            s.push_str(&format!(", {} changed severity", self.gaps.changed.len()));
        }
        s
    }

    /// Whether the proposal opens an unwaived finding at or above `level`.
    pub fn fails(&self, level: crate::catalog::Severity) -> bool {
        level != crate::catalog::Severity::Off
            && self.gaps.opened.iter().any(|g| g.finding.severity <= level)
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The change that clearly caused (or closed) a gap of this diff.
    pub fn cause(&self, g: &GapChange) -> Option<&Change> {
        g.cause.and_then(|i| self.changes.get(i))
    }

    /// What caused (or closed) a gap, as said after "because": the clear
    /// cause; else the changes touching its subject ("3 changes to
    /// Checkout: Ana Ruiz moved to Payments; …"), at most three named.
    pub fn cause_text(&self, g: &GapChange) -> Option<String> {
        if let Some(c) = self.cause(g) {
            return Some(c.text());
        }
        let all: Vec<String> = g
            .causes
            .iter()
            .filter_map(|&i| self.changes.get(i))
            .map(Change::text)
            .collect();
        match all.len() {
            0 => None,
            1 => all.into_iter().next(),
            n => {
                let shown = all[..n.min(3)].join("; ");
                let more = if n > 3 {
                    format!("; and {} more", n - 3)
                } else {
                    String::new()
                };
                Some(format!("{n} changes to {}: {shown}{more}", g.subject_name))
            }
        }
    }

    /// Every change behind a gap (the clear cause alone, or all touching
    /// its subject), as JSON lists them.
    pub fn cause_texts(&self, g: &GapChange) -> Vec<String> {
        match self.cause(g) {
            Some(c) => vec![c.text()],
            None => g
                .causes
                .iter()
                .filter_map(|&i| self.changes.get(i))
                .map(Change::text)
                .collect(),
        }
    }
}

/// One side of a comparison: the org, its findings and metrics.
pub struct Side<'a> {
    pub org: &'a Org,
    pub report: &'a Report,
    pub metrics: Metrics,
}

/// Both sides analysed at once, on two threads.
fn analyse_both(base: &Org, proposal: &Org, today: Date) -> ((Metrics, Report), (Metrics, Report)) {
    std::thread::scope(|s| {
        let b = s.spawn(|| analyse(base, today));
        let p = analyse(proposal, today);
        (b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), p)
    })
}

/// Analyses one side of a comparison.
pub fn analyse(org: &Org, today: Date) -> (Metrics, Report) {
    let index = OrgIndex::new(org, &RoleCatalog::new(&org.roles));
    let a = Analysis::with_index(org, &index);
    let report = crate::rules::run(&a, today);
    (Metrics::new(&a, &report), report)
}

/// The change list being built, with the names it uses.
struct Changes<'a> {
    names: Names<'a>,
    out: Vec<Change>,
}

impl Changes<'_> {
    fn push(&mut self, subject: Subject, kind: ChangeKind, touches: Vec<Subject>) {
        self.out.push(Change {
            kind,
            subject,
            touches,
        });
    }
}

/// Memberships of one person: (card, allocation).
type Memberships<'a> = Vec<&'a (Subject, u32)>;

/// Where a person is a member: card → allocation, in file order.
fn memberships(org: &Org) -> HashMap<&str, Vec<(Subject, u32)>> {
    let mut m: HashMap<&str, Vec<(Subject, u32)>> = HashMap::default();
    for t in &org.teams {
        for mem in &t.members {
            m.entry(mem.person.as_str())
                .or_default()
                .push((Subject::Team(t.id.clone()), mem.allocation.percent()));
        }
    }
    for i in &org.initiatives {
        for mem in &i.members {
            m.entry(mem.person.as_str())
                .or_default()
                .push((Subject::Initiative(i.id.clone()), mem.allocation.percent()));
        }
    }
    m
}

/// Every change from `base` to `proposal`, grouped (stable within a group).
fn changes(base: &Org, proposal: &Org, positions: bool) -> Vec<Change> {
    let mut c = Changes {
        names: Names::new(base, proposal),
        out: Vec::new(),
    };
    other::org_name(&mut c, base, proposal);
    people::people(&mut c, base, proposal);
    teams::teams(&mut c, base, proposal, positions);
    initiatives::initiatives(&mut c, base, proposal, positions);
    other::others(&mut c, base, proposal);
    c.out.sort_by_key(Change::group);
    c.out
}
