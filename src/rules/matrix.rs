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

/// Who holds a matrix cell: a person (shown by their label, "Alice Chen
/// (EM)"), or, when a hat rather than the role provides it, the full text.
#[derive(Clone, Debug)]
enum Holder {
    Person(u32),
    Text(Box<str>),
}

#[derive(Clone, Debug)]
pub struct MatrixCell {
    pub status: CellStatus,
    holders: Vec<Holder>,
    /// The severity the policy gives this gap, if it is one.
    pub severity: Option<Severity>,
}

impl MatrixCell {
    /// The severity of the gap this cell is (missing, or only a
    /// stop-gap), if it is one.
    pub fn gap(&self) -> Option<Severity> {
        match self.status {
            CellStatus::Missing | CellStatus::StopGap => {
                self.severity.filter(|s| *s != Severity::Off)
            }
            _ => None,
        }
    }

    /// How many duty holders (or providers, when not required).
    pub fn holder_count(&self) -> usize {
        self.holders.len()
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

impl MatrixRow {
    /// The worst gap of the row (`None`: no gaps).
    pub fn worst(&self) -> Option<Severity> {
        self.cells.iter().filter_map(MatrixCell::gap).min()
    }
}

/// The coverage matrix: rows of cells, and one label per person that the
/// cells refer to (so a 40,000-person org formats each name once, not once
/// per cell).
#[derive(Clone, Debug, Default)]
pub struct Matrix {
    pub rows: Vec<MatrixRow>,
    labels: Vec<String>,
}

impl Matrix {
    /// "Alice Chen (EM)" for each duty holder of a cell.
    pub fn holders<'a>(&'a self, cell: &'a MatrixCell) -> impl Iterator<Item = &'a str> + 'a {
        cell.holders.iter().map(|h| match h {
            Holder::Person(p) => self.labels[*p as usize].as_str(),
            Holder::Text(t) => t,
        })
    }

    /// A one-line description for hovers and titles.
    pub fn describe(&self, cell: &MatrixCell, cap: Capability) -> String {
        let who = if cell.holders.is_empty() {
            "nobody".to_string()
        } else {
            self.holders(cell).collect::<Vec<_>>().join(", ")
        };
        match cell.status {
            CellStatus::Covered => format!("{}: covered by {who}", cap.name()),
            CellStatus::StopGap => format!("{}: stop-gap, covered by {who}", cap.name()),
            CellStatus::Missing => format!("{}: missing — nobody provides it", cap.name()),
            CellStatus::NotRequired if cell.holders.is_empty() => {
                format!("{}: not required", cap.name())
            }
            CellStatus::NotRequired => format!("{}: not required (provided by {who})", cap.name()),
        }
    }

    /// What a cell says of its holders: their full names when there are at
    /// most `max` ("Kai Molina, Kai Tanaka": first names alone would read
    /// "Kai, Kai"), else the count ("5 people"), the names being on hover.
    pub fn cell_names(&self, cell: &MatrixCell, max: usize) -> String {
        let n = cell.holders.len();
        if n > max {
            return format!("{n} people");
        }
        self.holders(cell)
            .map(|h| h.split(" (").next().unwrap_or(h))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Rows: every team, then every cross-team initiative; columns:
/// [`Capability::ALL`].
pub fn matrix(a: &Analysis) -> Matrix {
    let labels: Vec<String> = (0..a.org.people.len())
        .map(|p| a.person_with_role(p, None))
        .collect();
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
                    .map(|&p| {
                        if a.provided_by_hat(p, cap) {
                            Holder::Text(a.person_with_role(p, Some(cap)).into())
                        } else {
                            Holder::Person(p as u32)
                        }
                    })
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
    Matrix { rows, labels }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_matrix() -> Matrix {
        let org = crate::io::load_str(crate::samples::BUILTIN, "sample").unwrap_or_default();
        matrix(&Analysis::new(&org))
    }

    #[test]
    fn cells_name_people_in_full_or_count_them() {
        let m = sample_matrix();
        let checkout = m
            .rows
            .iter()
            .find(|r| r.name == "Checkout")
            .expect("Checkout is a row");
        let people = &checkout.cells[Capability::People.index()];
        assert_eq!(m.cell_names(people, 2), "Alice Chen");
        let build = &checkout.cells[Capability::Build.index()];
        assert!(build.holder_count() > 2);
        assert_eq!(
            m.cell_names(build, 2),
            format!("{} people", build.holder_count())
        );
    }

    #[test]
    fn a_row_is_as_bad_as_its_worst_gap() {
        let m = sample_matrix();
        for r in &m.rows {
            let gaps: Vec<Severity> = r.cells.iter().filter_map(MatrixCell::gap).collect();
            assert_eq!(r.worst(), gaps.iter().min().copied(), "{}", r.name);
            for c in &r.cells {
                if matches!(c.status, CellStatus::Covered | CellStatus::NotRequired) {
                    assert_eq!(c.gap(), None);
                }
            }
        }
        assert!(m.rows.iter().any(|r| r.worst() == Some(Severity::Error)));
        assert!(m.rows.iter().any(|r| r.worst().is_none()));
    }
}
