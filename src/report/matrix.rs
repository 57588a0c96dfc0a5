//! The coverage matrix and hiring plan as plain data, shared by the HTML and
//! Markdown reports and the app's matrix tab.

use crate::catalog::{Capability, Severity};
use crate::model::Subject;
use crate::rules::{Analysis, Coverage, Scope};

/// What one matrix cell shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellStatus {
    Covered,
    StopGap,
    Missing,
    NotRequired,
}

impl CellStatus {
    pub fn word(self) -> &'static str {
        match self {
            CellStatus::Covered => "covered",
            CellStatus::StopGap => "stop-gap",
            CellStatus::Missing => "missing",
            CellStatus::NotRequired => "not required",
        }
    }

    /// The Markdown symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            CellStatus::Covered => "✔",
            CellStatus::StopGap => "◐",
            CellStatus::Missing => "✘",
            CellStatus::NotRequired => "·",
        }
    }
}

#[derive(Clone, Debug)]
pub struct MatrixCell {
    pub status: CellStatus,
    /// "Alice Chen (EM)" for each duty holder (or provider, when not required).
    pub holders: Vec<String>,
    /// The severity the policy gives this gap, if it is one.
    pub severity: Option<Severity>,
}

impl MatrixCell {
    /// A one-line description for hovers and titles.
    pub fn describe(&self, cap: Capability) -> String {
        let who = if self.holders.is_empty() {
            "nobody".to_string()
        } else {
            self.holders.join(", ")
        };
        match self.status {
            CellStatus::Covered => format!("{}: covered by {who}", cap.name()),
            CellStatus::StopGap => format!("{}: stop-gap, covered by {who}", cap.name()),
            CellStatus::Missing => format!("{}: missing — nobody provides it", cap.name()),
            CellStatus::NotRequired if self.holders.is_empty() => {
                format!("{}: not required", cap.name())
            }
            CellStatus::NotRequired => format!("{}: not required (provided by {who})", cap.name()),
        }
    }
}

#[derive(Clone, Debug)]
pub struct MatrixRow {
    pub scope: Scope,
    pub subject: Subject,
    pub name: String,
    /// "Stream team", "Technical initiative · 3 teams".
    pub kind: String,
    pub cells: Vec<MatrixCell>,
}

/// Rows: every team, then every cross-team initiative; columns:
/// [`Capability::ALL`].
pub fn matrix(a: &Analysis) -> Vec<MatrixRow> {
    let mut rows = Vec::new();
    let scopes = (0..a.org.teams.len()).map(Scope::Team).chain(
        (0..a.org.initiatives.len())
            .filter(|&i| a.is_cross_team(i))
            .map(Scope::Initiative),
    );
    for scope in scopes {
        let info = a.scope(scope);
        let kind = match scope {
            Scope::Team(t) => format!("{} team", a.org.teams[t].kind.name()),
            Scope::Initiative(i) => format!(
                "{} initiative · {} teams",
                a.org.initiatives[i].kind.name(),
                a.initiative_teams[i].len()
            ),
        };
        let empty_team = matches!(scope, Scope::Team(_)) && info.members.is_empty();
        let cells = Capability::ALL
            .iter()
            .map(|&cap| {
                let cell = info.cell(cap);
                let holders = cell
                    .holders
                    .iter()
                    .map(|&p| a.person_with_role(p, Some(cap)))
                    .collect();
                let (status, severity) = if !cell.is_required() {
                    (CellStatus::NotRequired, None)
                } else {
                    match cell.coverage {
                        Coverage::Covered => (CellStatus::Covered, None),
                        Coverage::StopGap => (
                            CellStatus::StopGap,
                            Some(cell.requirement.stopgap).filter(|s| *s != Severity::Off),
                        ),
                        Coverage::Missing => (
                            CellStatus::Missing,
                            (!empty_team).then_some(cell.requirement.missing),
                        ),
                    }
                };
                MatrixCell {
                    status,
                    holders,
                    severity,
                }
            })
            .collect();
        rows.push(MatrixRow {
            scope,
            subject: a.subject(scope),
            name: a.scope_name(scope).to_string(),
            kind,
            cells,
        });
    }
    rows
}

/// One open seat in the hiring plan.
#[derive(Clone, Debug)]
pub struct HiringLine {
    pub team: String,
    pub team_subject: Subject,
    pub role: String,
    pub note: String,
    /// "product roadmap (C002, warning)".
    pub closes: Vec<String>,
    /// The most severe gap the seat would close, for ordering.
    pub priority: Option<Severity>,
}

/// Every open seat with the gaps filling it would close, most urgent first.
pub fn hiring_plan(a: &Analysis) -> Vec<HiringLine> {
    let mut lines = Vec::new();
    for (ti, team) in a.org.teams.iter().enumerate() {
        for seat in &team.open_seats {
            let gaps = crate::rules::gaps_closed_by(a, ti, &seat.role);
            let info = &a.teams[ti];
            let mut priority = None;
            let closes = gaps
                .iter()
                .map(|(code, cap)| {
                    let cell = info.cell(*cap);
                    let sev = if *code == "C001" {
                        cell.requirement.missing
                    } else {
                        cell.requirement.stopgap
                    };
                    priority = Some(priority.map_or(sev, |p: Severity| p.min(sev)));
                    format!("{} ({code}, {sev})", cap.words())
                })
                .collect();
            lines.push(HiringLine {
                team: team.name.clone(),
                team_subject: a.subject(Scope::Team(ti)),
                role: format!(
                    "{} — {}",
                    a.catalog.abbrev(&seat.role),
                    a.catalog.get(&seat.role).map_or("", |r| r.name.as_str())
                ),
                note: seat.note.clone(),
                closes,
                priority,
            });
        }
    }
    lines.sort_by_key(|l| l.priority.unwrap_or(Severity::Off));
    lines
}
