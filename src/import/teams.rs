//! Stage 6 of an import: teams. One team per distinct value of the team
//! column; an export with no team column gets teams from its reporting
//! lines (docs/import.md, stage 6): every manager with at least two direct
//! reports who manage nobody gets a team named after them, holding the
//! manager and those reports. No GUI code.

use super::people::Row;
use super::titles;
use super::unique::Unique;
use super::{MapFile, TeamsFrom};
use rustc_hash::FxHashMap as HashMap;

/// A team the export makes, and who is in it (row indices).
pub(super) struct NewTeam {
    pub id: String,
    pub name: String,
    pub kind: crate::model::TeamKind,
    pub members: Vec<usize>,
    /// The department or cost centre most of its members have.
    pub group: Option<String>,
}

/// Where the teams came from, for the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TeamSource {
    /// The team column with this header.
    Column(String),
    /// Made from reporting lines (no team column).
    ReportingLines,
    /// No team column, and `--teams none`.
    None,
}

fn kind_for(name: &str, map: &MapFile) -> crate::model::TeamKind {
    let words = titles::words(name);
    map.team_kinds
        .iter()
        .find(|k| titles::matches(&k.pattern, &words))
        .map(|k| k.kind)
        .unwrap_or_default()
}

pub(super) fn make(
    rows: &[Row],
    manager: &[Option<usize>],
    column: Option<String>,
    from: TeamsFrom,
    map: &MapFile,
) -> (Vec<NewTeam>, TeamSource) {
    let mut ids = Unique::default();
    let mut teams: Vec<NewTeam> = Vec::new();
    if let Some(header) = column {
        // In order of first appearance.
        let mut index: HashMap<&str, usize> = HashMap::default();
        for (i, r) in rows.iter().enumerate() {
            let value = r.team();
            if value.is_empty() {
                continue;
            }
            let k = *index.entry(value).or_insert_with(|| {
                teams.push(NewTeam {
                    id: ids.take(&crate::model::slugify(value)),
                    name: value.to_string(),
                    kind: kind_for(value, map),
                    members: Vec::new(),
                    group: None,
                });
                teams.len() - 1
            });
            teams[k].members.push(i);
        }
        set_groups(&mut teams, rows);
        return (teams, TeamSource::Column(header));
    }
    if from == TeamsFrom::None {
        return (teams, TeamSource::None);
    }
    let n = rows.len();
    let mut manages = vec![false; n];
    for m in manager.iter().flatten() {
        manages[*m] = true;
    }
    // Each manager's reports who manage nobody, in row order.
    let mut ics: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, m) in manager.iter().enumerate() {
        if let Some(m) = m
            && !manages[i]
        {
            ics[*m].push(i);
        }
    }
    for (m, reports) in ics.into_iter().enumerate() {
        if reports.len() < 2 {
            continue;
        }
        let name = format!("{}'s team", rows[m].name);
        let mut members = Vec::with_capacity(reports.len() + 1);
        members.push(m);
        members.extend(reports);
        teams.push(NewTeam {
            id: ids.take(&crate::model::slugify(&name)),
            kind: kind_for(&name, map),
            name,
            members,
            group: None,
        });
    }
    set_groups(&mut teams, rows);
    (teams, TeamSource::ReportingLines)
}

/// Each team's group: the department or cost centre most of its members
/// have (the first seen on a tie); none when the column is empty for
/// them all. A column that gives every team a group of its own (a
/// `department_id` beside the `department_name` the teams came from)
/// groups nothing, and is dropped.
fn set_groups(teams: &mut [NewTeam], rows: &[Row]) {
    let mut count: HashMap<&str, (usize, usize)> = HashMap::default();
    for t in teams.iter_mut() {
        count.clear();
        for (seen, &i) in t.members.iter().enumerate() {
            let v = rows[i].get(super::Field::Group).trim();
            if !v.is_empty() {
                count.entry(v).or_insert((0, seen)).0 += 1;
            }
        }
        t.group = count
            .iter()
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
            .map(|(v, _)| super::people::tidy(v).into_owned());
    }
    let mut distinct: HashMap<&str, usize> = HashMap::default();
    for t in teams.iter() {
        if let Some(g) = &t.group {
            *distinct.entry(g.as_str()).or_default() += 1;
        }
    }
    if distinct.values().all(|&n| n < 2) {
        for t in teams.iter_mut() {
            t.group = None;
        }
    }
}
