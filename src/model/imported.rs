//! The org file's optional `imported` record: what the last import said, so
//! that the next re-import can merge three ways (base = this record, HR =
//! the new export, plan = the org now; IMPORT.md). Written canonically by
//! `io::write`; its shape is this implementation's (FILE-FORMAT.md).

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
    /// Each team value of the export and the team it became.
    #[serde(default)]
    pub teams: Vec<ImportedTeam>,
    /// Each person as the export had them (HR-owned fields).
    #[serde(default)]
    pub people: Vec<ImportedPerson>,
}

/// A team value of the export ("Checkout") and the team id it became.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportedTeam {
    pub id: TeamId,
    pub name: String,
}

impl From<&super::Team> for ImportedTeam {
    fn from(t: &super::Team) -> Self {
        ImportedTeam {
            id: t.id.clone(),
            name: t.name.clone(),
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
    /// The same record but for when and from where it was read: a
    /// re-import that changes nothing keeps the record as it was.
    pub fn same_content(&self, other: &ImportRecord) -> bool {
        self.key == other.key
            && self.titles == other.titles
            && self.teams == other.teams
            && self.people == other.people
    }
}
