//! The last stage of an import: what to tell the user. The summary leads
//! with a warning whenever the result would look like success and be
//! useless (no manager read, everyone at the top, no title mapped), naming
//! the headers it saw and the map line that would fix it. No GUI code.

use super::people::People;
use super::refs::Refs;
use super::roles::Roles;
use super::{Field, Mapping, Table, TeamSource, titles};
use crate::model::RoleId;

/// What an import made, and what to tell the user.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub people: usize,
    pub teams: usize,
    pub roots: usize,
    /// (role, count, titles mapped to it).
    pub by_role: Vec<(RoleId, usize, Vec<String>)>,
    /// (title, count) of titles no pattern maps, most frequent first.
    pub unmapped: Vec<(String, usize)>,
    /// (title, count) of the titles whose people were left out, as asked
    /// (skip these people, the map file's `skip_titles`).
    pub skipped: Vec<(String, usize)>,
    pub fallback: RoleId,
    pub manager_kind: &'static str,
    pub team_column: Option<String>,
    pub team_source: Option<TeamSource>,
    /// (field, where it was read from): `name ← name + lastName`.
    pub columns: Vec<(String, String)>,
    /// What was not found, each with the fix; shown first.
    pub warnings: Vec<String>,
    /// The sheet read, for a spreadsheet.
    pub sheet: Option<String>,
    /// The encoding the text was read in, when not UTF-8.
    pub encoding: Option<&'static str>,
}

/// The problems that make an import look like success and be useless.
pub(super) fn warnings(
    table: &Table,
    mapping: &Mapping,
    people: &People,
    refs: &Refs,
    roles: &Roles,
    teams: &TeamSource,
) -> Vec<String> {
    let headers = || {
        table
            .headers
            .iter()
            .map(|h| format!("\"{h}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let map_line = |field: &str| format!("columns: {{\"{field}\": \"HEADER\"}}");
    let n = people.rows.len();
    let mut out = Vec::new();
    if n > 1 && mapping.get(Field::Manager).is_none() {
        out.push(format!(
            "no manager column found, so all {n} people are at the top of the reporting tree; headers seen: {}; name the manager column in a map file (--map) with {}",
            headers(),
            map_line("manager")
        ));
    } else if n > 1 && refs.filled == 0 {
        out.push(format!(
            "the manager column is empty in every row, so all {n} people are at the top of the reporting tree"
        ));
    }
    if n > 0 && mapping.get(Field::Title).is_none() {
        out.push(format!(
            "no job title column found, so all {n} people are {}; headers seen: {}; name it in a map file (--map) with {}",
            roles.fallback,
            headers(),
            map_line("title")
        ));
    } else if n > 1 && roles.titled > 0 && roles.unmapped.iter().map(|(_, c)| c).sum::<usize>() == n
    {
        let (t, _) = &roles.unmapped[0];
        out.push(format!(
            "no job title maps to a role, so all {n} people are {}; map them in a map file (--map), e.g. {}",
            roles.fallback,
            Summary::fix_line(t, "Engineer")
        ));
    }
    if let TeamSource::None = teams
        && n > 1
        && mapping.get(Field::Team).is_none()
    {
        out.push(format!(
            "no team column found and --teams none: all {n} people are in no team"
        ));
    }
    for t in &roles.unused_skips {
        out.push(format!(
            "the title \"{t}\" to skip matches nobody's title, so nobody was skipped for it (titles are compared whole, ignoring case)"
        ));
    }
    out
}

impl Summary {
    /// The map-file line that maps `title`.
    pub fn fix_line(title: &str, role: &str) -> String {
        format!(
            "(pattern: {:?}, role: {:?}),",
            titles::words(title).join(" "),
            role
        )
    }

    /// Where the teams came from, as the summary says it.
    fn teams_from(&self) -> String {
        match &self.team_source {
            Some(TeamSource::Column(c)) => format!("teams from \"{c}\""),
            Some(TeamSource::ReportingLines) => {
                "no team column: teams made from reporting lines (each manager with two or more direct reports who manage nobody; --teams none to leave everyone unassigned)".to_string()
            }
            Some(TeamSource::None) | None => "no team column".to_string(),
        }
    }

    /// The summary as printed by `orgplan import`. What comes from the
    /// file (titles, headers, names) is escaped, so a newline or a control
    /// character in a cell cannot forge a line on the terminal.
    pub fn text(&self) -> String {
        use crate::sanitize::visible as v;
        let mut s = String::new();
        for w in &self.warnings {
            s.push_str(&format!("warning: {}\n", v(w)));
        }
        if let Some(enc) = self.encoding {
            s.push_str(&format!("Read as {enc} text (the file is not UTF-8)\n"));
        }
        if let Some(sheet) = &self.sheet {
            s.push_str(&format!("Read sheet \"{}\"\n", v(sheet)));
        }
        s.push_str(&format!(
            "{} people, {} teams, {} at the top of the reporting tree (managers matched by {}, {})\n",
            self.people,
            self.teams,
            self.roots,
            self.manager_kind,
            v(&self.teams_from())
        ));
        if !self.columns.is_empty() {
            s.push_str("Columns read:\n");
            for (field, from) in &self.columns {
                s.push_str(&format!("  {field:<8} ← {}\n", v(from)));
            }
        }
        s.push_str("Roles by title:\n");
        for (role, n, titles) in &self.by_role {
            let mut t: Vec<&str> = titles.iter().map(String::as_str).take(4).collect();
            if titles.len() > 4 {
                t.push("…");
            }
            s.push_str(&format!(
                "  {:<12} {n:>5}  {}\n",
                role.as_str(),
                v(&t.join(", "))
            ));
        }
        if !self.unmapped.is_empty() {
            s.push_str(&format!(
                "Unmapped titles (given the {} role; add a line to a map file, --map MAP.ron, to map them):\n",
                self.fallback
            ));
            for (title, n) in self.unmapped.iter().take(50) {
                s.push_str(&format!(
                    "  {n:>5}  {:<28} map line: {}\n",
                    v(title),
                    v(&Self::fix_line(title, self.fallback.as_str()))
                ));
            }
            if self.unmapped.len() > 50 {
                s.push_str(&format!(
                    "  … and {} more titles\n",
                    self.unmapped.len() - 50
                ));
            }
        }
        if !self.skipped.is_empty() {
            let n: usize = self.skipped.iter().map(|(_, n)| n).sum();
            let titles: Vec<String> = self
                .skipped
                .iter()
                .map(|(t, n)| format!("{} ({n})", v(t)))
                .collect();
            s.push_str(&format!(
                "Skipped {n} {} with the titles {}, as asked; their reports now report to the next manager up\n",
                if n == 1 { "person" } else { "people" },
                titles.join(", ")
            ));
        }
        s
    }
}
