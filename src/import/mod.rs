//! `orgplan import`: an HR or directory export (CSV or spreadsheet) to an
//! org file, and back (`orgplan export --people csv`). Re-importing into an
//! existing org merges three ways (the last import, the new export, the
//! plan) so the plan is never undone (docs/import.md). No GUI code.
//!
//! The stages, each in its own module, pass one small struct to the next:
//! read table ([`table`]) → columns ([`headers`]) → rows, keys and ids
//! (`people`) → references and cycles (`refs`) → roles (`roles`) → teams
//! (`teams`) → org and its `imported` record ([`import_with`]) → merge
//! ([`merge`], re-import only) → summary ([`summary`]).

mod build;
mod export;
pub mod headers;
pub mod merge;
mod people;
mod refs;
mod roles;
pub mod summary;
pub mod table;
mod teams;
pub mod titles;
mod unique;

pub use export::export_people_csv;
pub use headers::{Field, Mapping};
pub use merge::{
    Choice, Conflict, MergeError, MergeOptions, MergeReport, Merged, Prefer, reimport,
};
pub use summary::Summary;
pub use table::Table;
pub use teams::TeamSource;

/// The largest export read (512 MiB).
pub const MAX_EXPORT_BYTES: usize = 512 * 1024 * 1024;
pub use titles::TitleRule;

use crate::model::{CustomRole, Date, Org, Provision, RoleId, TeamKind};
use std::collections::BTreeMap;
use std::fmt;

/// Why an import could not be done: one line naming the file, the row (and
/// column where it helps) and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub path: String,
    pub row: Option<usize>,
    pub message: String,
}

impl ImportError {
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        ImportError {
            path: path.to_string(),
            row: None,
            message: message.into(),
        }
    }

    pub fn row(path: &str, row: usize, message: impl Into<String>) -> Self {
        ImportError {
            path: path.to_string(),
            row: Some(row),
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = crate::sanitize::visible(&self.path);
        let msg = crate::sanitize::visible(&self.message);
        match self.row {
            Some(r) => write!(f, "{path}:{r}: {msg}"),
            None => write!(f, "{path}: {msg}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// A map file (`--map MAP.ron`): column overrides, extra title patterns
/// (tried before the built-in table), custom roles they may name, team
/// kinds by team name pattern, and the fallback role.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MapFile {
    /// Field id → header ("key": "Emp No").
    pub columns: std::collections::BTreeMap<String, String>,
    pub titles: Vec<TitleRule>,
    pub roles: Vec<MapRole>,
    pub team_kinds: Vec<TeamKindRule>,
    pub fallback_role: Option<RoleId>,
    /// Titles whose people are not imported (compared ignoring case;
    /// `"(no title)"` is an empty title).
    pub skip_titles: Vec<String>,
}

/// A custom role a map file defines.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapRole {
    pub id: RoleId,
    pub name: String,
    #[serde(default)]
    pub provides: std::collections::BTreeMap<crate::model::Capability, Provision>,
    /// The built-in role it behaves like, as the org file's `like`.
    #[serde(default)]
    pub like: Option<RoleId>,
}

#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamKindRule {
    pub pattern: String,
    pub kind: TeamKind,
}

impl MapFile {
    pub fn parse(text: &str, path: &str) -> Result<MapFile, ImportError> {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .map_err(|e| ImportError {
                path: path.to_string(),
                row: Some(e.span.start.line),
                message: format!("col {}: {}", e.span.start.col, e.code),
            })
    }

    /// The built-in title table as a starting map file.
    pub fn builtin_text() -> String {
        let mut s = String::from(
            "// orgplan import map file (`orgplan import EXPORT --map THIS.ron`).\n\
             // columns: which header holds each field (key, name, first_name,\n\
             //   preferred_name, last_name, email, title, manager, team, level, dotted).\n\
             // titles: tried in order, before the built-in table; a pattern is words\n\
             //   matched as whole words in the title, `*` any number of words.\n\
             // roles: custom roles the titles may name.\n\
             // team_kinds: team kinds by team name pattern.\n\
             // skip_titles: titles whose people are not imported (ignoring case).\n\
             (\n    columns: {\n        // \"key\": \"Employee ID\",\n    },\n    titles: [\n",
        );
        for (p, r) in titles::BUILTIN {
            s.push_str(&format!("        (pattern: {:?}, role: {:?}),\n", p, r));
        }
        s.push_str(
            "    ],\n    roles: [\n        // (id: \"Designer\", name: \"Product designer\", provides: {\"roadmap\": StopGap}),\n    ],\n    team_kinds: [\n        // (pattern: \"platform\", kind: Platform),\n    ],\n    fallback_role: \"Engineer\",\n    skip_titles: [\n        // \"Recruiter\",\n    ],\n)\n",
        );
        s
    }
}

/// Where teams come from when the export has no team column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TeamsFrom {
    /// From reporting lines (docs/import.md, stage 6).
    #[default]
    ReportingLines,
    /// None: everyone unassigned (`--teams none`).
    None,
}

/// How to import.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The org's name (default: the file name).
    pub name: Option<String>,
    pub map: MapFile,
    /// The role of people whose title maps to none (default Engineer).
    pub fallback_role: Option<RoleId>,
    /// Unmapped titles, and an import that reads no managers or no titles,
    /// are errors.
    pub strict: bool,
    /// Column mapping overrides (the app's drop-downs); applied after the
    /// map file's.
    pub columns: Vec<(Field, Option<usize>)>,
    /// Roles chosen for unmapped titles (the app's pickers).
    pub title_roles: Vec<(String, RoleId)>,
    /// Titles whose people are left out (the app's "skip these people"),
    /// as the summary lists them (`"(no title)"` for an empty one).
    pub skip_titles: Vec<String>,
    /// Titles skipped by the last import (re-import): skipped again unless
    /// `title_roles` gives them a role.
    pub known_skipped: std::collections::BTreeSet<String>,
    /// Title → role choices remembered from the last import (re-import).
    pub known_titles: BTreeMap<String, RoleId>,
    /// The custom roles of the org imported into: titles naming them map
    /// to them.
    pub org_roles: Vec<CustomRole>,
    /// Teams when there is no team column.
    pub teams: TeamsFrom,
    /// The date recorded in the org's `imported` record.
    pub today: Option<Date>,
}

impl Options {
    /// Reuses what the org remembers of its last import (title choices)
    /// and knows of its own roles, for a re-import into it.
    pub fn for_reimport_into(mut self, org: &Org) -> Options {
        if let Some(rec) = &org.imported {
            self.known_titles.clone_from(&rec.titles);
            self.known_skipped.clone_from(&rec.skipped);
        }
        self.org_roles.clone_from(&org.roles);
        self
    }
}

/// The product leader role the title table maps heads of product to (as
/// the samples define it).
pub(super) fn product_lead() -> CustomRole {
    use crate::model::Capability as C;
    CustomRole {
        id: RoleId::new("ProductLead"),
        name: "Product leader".into(),
        provides: [
            (C::People, Provision::Primary),
            (C::Roadmap, Provision::Primary),
            (C::Coordination, Provision::StopGap),
            (C::Stakeholders, Provision::Primary),
        ]
        .into_iter()
        .collect(),
        like: None,
    }
}

/// The columns of an export: detected by header words, checked against the
/// values, then the map file's and the caller's overrides.
pub fn mapping(table: &Table, path: &str, opts: &Options) -> Result<Mapping, ImportError> {
    let mut mapping = Mapping::detect(&table.headers);
    let same = |a: &str, b: &str| headers::words(a) == headers::words(b);
    for (field, header) in &opts.map.columns {
        let Some(f) = Field::from_id(field) else {
            return Err(ImportError::file(
                path,
                format!("map file: unknown field \"{field}\" in columns"),
            ));
        };
        match table.headers.iter().position(|h| same(h, header)) {
            Some(i) => {
                mapping.columns.retain(|_, c| *c != i);
                mapping.columns.insert(f, i);
            }
            None => {
                return Err(ImportError::file(
                    path,
                    format!(
                        "map file: no column \"{header}\" for {field} (headers found: {})",
                        table.headers.join(", ")
                    ),
                ));
            }
        }
    }
    // A header that appears twice, where one of them is read: which one
    // holds the field is a guess, so it is an error naming both.
    let words: Vec<Vec<String>> = table.headers.iter().map(|h| headers::words(h)).collect();
    for (f, &c) in &mapping.columns {
        if let Some(d) =
            (0..words.len()).find(|&d| d != c && !words[c].is_empty() && words[d] == words[c])
        {
            let (a, b) = (c.min(d), c.max(d));
            return Err(ImportError::row(
                path,
                table.header_line,
                format!(
                    "the header \"{}\" appears twice (columns {} and {}); rename or remove one so it is clear which holds the {}",
                    table.headers[c],
                    a + 1,
                    b + 1,
                    f.label().to_lowercase()
                ),
            ));
        }
    }
    let chosen: Vec<Field> = opts
        .map
        .columns
        .keys()
        .filter_map(|f| Field::from_id(f))
        .collect();
    // Values are checked for what was guessed, not for what was chosen.
    if !chosen.contains(&Field::Email) && !opts.columns.iter().any(|(f, _)| *f == Field::Email) {
        mapping.check_values(table);
    }
    for (f, col) in &opts.columns {
        match col {
            Some(c) => {
                mapping.columns.insert(*f, *c);
            }
            None => {
                mapping.columns.remove(f);
            }
        }
    }
    Ok(mapping)
}

/// Reads an export and makes an org of it (with its `imported` record).
pub fn import(table: &Table, path: &str, opts: &Options) -> Result<(Org, Summary), ImportError> {
    let mapping = mapping(table, path, opts)?;
    import_with(table, path, opts, &mapping)
}

/// [`import`] with the columns already chosen.
pub fn import_with(
    table: &Table,
    path: &str,
    opts: &Options,
    mapping: &Mapping,
) -> Result<(Org, Summary), ImportError> {
    let people = people::read(table, mapping, path)?;
    let refs = refs::resolve(&people, path)?;
    let roles = roles::assign(&people.rows, opts, path)?;
    let (new_teams, team_source) = teams::make(
        &people.rows,
        &refs.manager,
        mapping.get(Field::Team).map(|c| table.headers[c].clone()),
        opts.teams,
        &opts.map,
    );
    let warnings = summary::warnings(table, mapping, &people, &refs, &roles, &team_source);
    if opts.strict {
        if let Some(w) = warnings.first() {
            return Err(ImportError::file(path, format!("--strict: {w}")));
        }
        if let Some(e) = roles::strict_error(&roles, &people.rows, path) {
            return Err(e);
        }
    }
    crate::memory::release_free_memory();
    let mut org = build::org(path, opts, &people, &refs, &roles, &new_teams);
    // The result must be a valid org (ids, references), as a file of it
    // would be.
    crate::io::validate_org(&mut org)
        .map_err(|e| ImportError::file(path, format!("the imported org is not valid: {e}")))?;
    // It arrives arranged: each director's teams framed together.
    crate::groups::apply_arrangement(&mut org);
    let mut columns = mapping.describe(&table.headers);
    if let Some(c) = mapping.get(Field::Manager) {
        columns.insert(
            columns.len().min(2),
            (
                "manager".to_string(),
                format!("{} ({})", table.headers[c], refs.kind.plural()),
            ),
        );
    }
    let summary = Summary {
        people: org.people.len(),
        teams: org.teams.len(),
        roots: org.people.iter().filter(|p| p.manager.is_none()).count(),
        by_role: roles.by_role,
        unmapped: roles.unmapped,
        skipped: roles.skipped,
        fallback: roles.fallback,
        manager_kind: refs.kind.word(),
        team_column: mapping.get(Field::Team).map(|c| table.headers[c].clone()),
        team_source: Some(team_source),
        columns,
        warnings,
        sheet: table.sheet.clone(),
        encoding: table.encoding,
    };
    Ok((org, summary))
}
