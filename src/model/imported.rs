//! The org file's optional `imported` record: what the last import said, so
//! that the next re-import can merge three ways (base = this record, HR =
//! the new export, plan = the org now; docs/import.md). Written canonically by
//! `io::write`; its shape is this implementation's (docs/file-format.md).

use super::{Date, PersonId, RoleId, TeamId};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Text stored inline up to 24 bytes (nearly every key, email, name and
/// title): a 100,000-person record is then a few allocations, not half a
/// million.
pub type Text = compact_str::CompactString;

/// Which column people were told apart by in the export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum ImportKey {
    /// An employee id column.
    #[default]
    Key,
    /// No id column: the work email.
    Email,
    /// Neither: the full name.
    Name,
}

impl ImportKey {
    pub fn name(self) -> &'static str {
        match self {
            ImportKey::Key => "Key",
            ImportKey::Email => "Email",
            ImportKey::Name => "Name",
        }
    }

    /// As said to a user: "employee id", "email", "name".
    pub fn word(self) -> &'static str {
        match self {
            ImportKey::Key => "employee id",
            ImportKey::Email => "email",
            ImportKey::Name => "name",
        }
    }
}

/// The last import.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRecord {
    /// The export's file name.
    #[serde(default)]
    pub source: String,
    /// When it was imported.
    #[serde(default)]
    pub date: Option<Date>,
    /// What people's `key` below is.
    #[serde(default)]
    pub key: ImportKey,
    /// Title → role choices made by the user (map file, the app's role
    /// pickers), reused by the next re-import.
    #[serde(default)]
    pub titles: BTreeMap<String, RoleId>,
    /// Titles whose people the user chose not to import ("skip these
    /// people"), skipped again by the next re-import.
    #[serde(default)]
    pub skipped: std::collections::BTreeSet<String>,
    /// Each team value of the export and the team it became.
    #[serde(default)]
    pub teams: Vec<ImportedTeam>,
    /// Each person as the export had them (HR-owned fields).
    #[serde(skip)]
    pub people: Vec<ImportedPerson>,
    /// The people as the file writes them (a field the person's own value
    /// equals is left out), until [`ImportRecord::resolve`] reads them
    /// into `people`.
    #[serde(default, rename = "people")]
    #[doc(hidden)]
    pub written: Vec<WrittenPerson>,
}

/// A person of the record as written: `None` is "the same as the person in
/// the org"; `Some("")` for the manager, level and team is "none".
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrittenPerson {
    id: PersonId,
    #[serde(default)]
    key: Option<Text>,
    #[serde(default)]
    email: Text,
    #[serde(default)]
    name: Option<Text>,
    #[serde(default)]
    title: Text,
    #[serde(default)]
    role: Option<RoleId>,
    #[serde(default)]
    manager: Option<Text>,
    #[serde(default)]
    level: Option<Text>,
    #[serde(default)]
    team: Option<Text>,
}

/// Each person's first team (their home team when HR and the plan agree).
pub(crate) fn first_teams(org: &super::Org) -> rustc_hash::FxHashMap<&str, &TeamId> {
    let mut first = rustc_hash::FxHashMap::default();
    for t in &org.teams {
        for m in &t.members {
            first.entry(m.person.as_str()).or_insert(&t.id);
        }
    }
    first
}

/// A team value of the export ("Checkout") and the team id it became.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedTeam {
    pub id: TeamId,
    pub name: String,
    /// The department or cost centre the export gave the team: the base a
    /// re-import merges the team's `group` against.
    #[serde(default)]
    pub group: Option<String>,
}

impl From<&super::Team> for ImportedTeam {
    fn from(t: &super::Team) -> Self {
        ImportedTeam {
            id: t.id.clone(),
            name: t.name.clone(),
            group: t.group.clone(),
        }
    }
}

/// A person as the export had them.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedPerson {
    /// The person in the org (kept even if the plan removed them).
    pub id: PersonId,
    /// Their key in the export (see [`ImportRecord::key`]).
    pub key: Text,
    #[serde(default)]
    pub email: Text,
    pub name: Text,
    #[serde(default)]
    pub title: Text,
    pub role: RoleId,
    #[serde(default)]
    pub manager: Option<PersonId>,
    #[serde(default)]
    pub level: Option<Text>,
    /// Their home team as HR said.
    #[serde(default)]
    pub team: Option<TeamId>,
}

impl ImportRecord {
    /// Reads the people as written into `people`, taking what was left out
    /// from the org's people (the file holds both at the same moment). One
    /// line naming the person when something cannot be read.
    pub fn resolve(&mut self, org: &super::Org) -> Result<(), String> {
        if self.written.is_empty() {
            return Ok(());
        }
        let ix: rustc_hash::FxHashMap<&str, &super::Person> =
            org.people.iter().map(|p| (p.id.as_str(), p)).collect();
        let first = first_teams(org);
        let written = std::mem::take(&mut self.written);
        self.people.reserve_exact(written.len());
        for w in written {
            let person = ix.get(w.id.as_str()).copied();
            let from_org = |field: &str| {
                format!(
                    "imported: person \"{}\": no {field}, and no person \"{}\" in the org to take it from",
                    w.id, w.id
                )
            };
            let id_or_none = |v: &Text, field: &str| -> Result<Option<String>, String> {
                if v.is_empty() {
                    return Ok(None);
                }
                match super::id_problem(v) {
                    Some(p) => Err(format!("imported: person \"{}\": {field}: {p}", w.id)),
                    None => Ok(Some(v.to_string())),
                }
            };
            let manager = match &w.manager {
                Some(m) => id_or_none(m, "manager")?.map(PersonId::new),
                None => person.ok_or_else(|| from_org("manager"))?.manager.clone(),
            };
            let team = match &w.team {
                Some(t) => id_or_none(t, "team")?.map(TeamId::new),
                None => {
                    person.ok_or_else(|| from_org("team"))?;
                    first.get(w.id.as_str()).map(|t| (*t).clone())
                }
            };
            let level = match &w.level {
                Some(l) if l.is_empty() => None,
                Some(l) => Some(l.clone()),
                None => person
                    .ok_or_else(|| from_org("level"))?
                    .level
                    .as_deref()
                    .map(Text::from),
            };
            self.people.push(ImportedPerson {
                key: w.key.unwrap_or_else(|| w.id.as_str().into()),
                email: w.email,
                name: match w.name {
                    Some(n) => n,
                    None => person.ok_or_else(|| from_org("name"))?.name.clone(),
                },
                title: w.title,
                role: match w.role {
                    Some(r) => r,
                    None => person.ok_or_else(|| from_org("role"))?.role.clone(),
                },
                manager,
                level,
                team,
                id: w.id,
            });
        }
        Ok(())
    }

    /// The same record but for when and from where it was read: a
    /// re-import that changes nothing keeps the record as it was.
    pub fn same_content(&self, other: &ImportRecord) -> bool {
        self.key == other.key
            && self.titles == other.titles
            && self.skipped == other.skipped
            && self.teams == other.teams
            && self.people == other.people
    }
}
