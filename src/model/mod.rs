//! The org document: people, teams, initiatives, custom roles, settings and
//! waivers, exactly as docs/file-format.md v1 describes. No GUI, no I/O.

mod ids;
mod imported;
mod vocab;

pub use ids::{InitiativeId, MAX_ID_LEN, PersonId, RoleId, TeamId, id_problem, slugify};
pub(crate) use imported::first_teams;
pub use imported::{ImportKey, ImportRecord, ImportedPerson, ImportedTeam, Text};
pub use vocab::{Bucket, Capability, Provision, Severity};

/// A card on the canvas: a team or an initiative.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CardId {
    Team(TeamId),
    Initiative(InitiativeId),
}

impl CardId {
    pub fn subject(&self) -> Subject {
        match self {
            CardId::Team(t) => Subject::Team(t.clone()),
            CardId::Initiative(i) => Subject::Initiative(i.clone()),
        }
    }
}

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::fmt;

/// The file format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole org file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "org")]
pub struct Org {
    pub format: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub teams: Vec<Team>,
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
    #[serde(default)]
    pub roles: Vec<CustomRole>,
    #[serde(default)]
    pub settings: Settings,
    /// What the last import said (docs/import.md "Re-import: a three-way
    /// merge"): the base of the next re-import. `None` for an org that was
    /// never imported, or imported before this record existed.
    #[serde(default)]
    pub imported: Option<Box<ImportRecord>>,
    #[serde(default)]
    pub waivers: Vec<Waiver>,
}

impl Default for Org {
    fn default() -> Self {
        Org {
            format: FORMAT_VERSION,
            name: "Untitled org".into(),
            description: String::new(),
            people: Vec::new(),
            teams: Vec::new(),
            initiatives: Vec::new(),
            roles: Vec::new(),
            settings: Settings::default(),
            imported: None,
            waivers: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "person")]
pub struct Person {
    pub id: PersonId,
    pub name: compact_str::CompactString,
    pub role: RoleId,
    #[serde(default)]
    pub hats: Vec<RoleId>,
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub manager: Option<PersonId>,
    #[serde(default)]
    pub dotted: Vec<PersonId>,
    #[serde(default)]
    pub note: String,
}

impl Person {
    pub fn new(id: impl Into<String>, name: impl Into<String>, role: impl Into<String>) -> Self {
        Person {
            id: PersonId::new(id),
            name: compact_str::CompactString::new(name.into()),
            role: RoleId::new(role),
            hats: Vec::new(),
            level: None,
            manager: None,
            dotted: Vec::new(),
            note: String::new(),
        }
    }

    /// The role and the hats, role first.
    pub fn all_roles(&self) -> impl Iterator<Item = &RoleId> {
        std::iter::once(&self.role).chain(self.hats.iter())
    }
}

/// Team Topologies team types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Deserialize)]
pub enum TeamKind {
    #[default]
    Stream,
    Platform,
    Enabling,
    Subsystem,
}

impl TeamKind {
    pub const ALL: [TeamKind; 4] = [
        TeamKind::Stream,
        TeamKind::Platform,
        TeamKind::Enabling,
        TeamKind::Subsystem,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            TeamKind::Stream => "Stream",
            TeamKind::Platform => "Platform",
            TeamKind::Enabling => "Enabling",
            TeamKind::Subsystem => "Subsystem",
        }
    }
}

/// A canvas position (top-left of a card).
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "position")]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// Percent of a person's time, 1..=100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Allocation(u8);

impl Allocation {
    pub const FULL: Allocation = Allocation(100);

    pub fn new(percent: u32) -> Option<Allocation> {
        (1..=100)
            .contains(&percent)
            .then_some(Allocation(percent as u8))
    }

    pub fn percent(self) -> u32 {
        u32::from(self.0)
    }
}

impl Default for Allocation {
    fn default() -> Self {
        Allocation::FULL
    }
}

impl<'de> Deserialize<'de> for Allocation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = i64::deserialize(d)?;
        u32::try_from(v)
            .ok()
            .and_then(Allocation::new)
            .ok_or_else(|| serde::de::Error::custom(format!("allocation {v} is outside 1..=100")))
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "member")]
pub struct Member {
    pub person: PersonId,
    #[serde(default)]
    pub allocation: Allocation,
}

impl Member {
    pub fn new(person: PersonId, allocation: Allocation) -> Member {
        Member { person, allocation }
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "open seat")]
pub struct OpenSeat {
    pub role: RoleId,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "team")]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    #[serde(default)]
    pub kind: TeamKind,
    /// The department or cost centre the team belongs to (default none;
    /// an import keeps it from the export): the canvas frames teams by it.
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub members: Vec<Member>,
    #[serde(default)]
    pub open_seats: Vec<OpenSeat>,
    #[serde(default)]
    pub depends_on: Vec<TeamId>,
    #[serde(default)]
    pub position: Option<Point>,
    #[serde(default)]
    pub note: String,
}

impl Team {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Team {
        Team {
            id: TeamId::new(id),
            name: name.into(),
            kind: TeamKind::Stream,
            group: None,
            members: Vec::new(),
            open_seats: Vec::new(),
            depends_on: Vec::new(),
            position: None,
            note: String::new(),
        }
    }

    pub fn member(&self, p: &PersonId) -> Option<&Member> {
        self.members.iter().find(|m| &m.person == p)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Deserialize)]
pub enum InitiativeKind {
    #[default]
    Technical,
    Business,
}

impl InitiativeKind {
    pub const ALL: [InitiativeKind; 2] = [InitiativeKind::Technical, InitiativeKind::Business];

    pub const fn name(self) -> &'static str {
        match self {
            InitiativeKind::Technical => "Technical",
            InitiativeKind::Business => "Business",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "initiative")]
pub struct Initiative {
    pub id: InitiativeId,
    pub name: String,
    #[serde(default)]
    pub kind: InitiativeKind,
    #[serde(default)]
    pub teams: Vec<TeamId>,
    #[serde(default)]
    pub lead: Option<PersonId>,
    #[serde(default)]
    pub members: Vec<Member>,
    /// Roles planned for the initiative, not yet filled (docs/file-format.md:
    /// an addition to v1, default `[]`).
    #[serde(default)]
    pub open_seats: Vec<OpenSeat>,
    #[serde(default)]
    pub sponsor: Option<PersonId>,
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub position: Option<Point>,
    #[serde(default)]
    pub note: String,
}

impl Initiative {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Initiative {
        Initiative {
            id: InitiativeId::new(id),
            name: name.into(),
            kind: InitiativeKind::Technical,
            teams: Vec::new(),
            lead: None,
            members: Vec::new(),
            open_seats: Vec::new(),
            sponsor: None,
            outcome: None,
            position: None,
            note: String::new(),
        }
    }

    /// Spans two or more teams.
    pub fn is_cross_team(&self) -> bool {
        self.teams.len() >= 2
    }
}

/// A role defined by the file. A built-in id replaces the built-in role.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "role")]
pub struct CustomRole {
    pub id: RoleId,
    pub name: String,
    #[serde(default)]
    pub provides: BTreeMap<Capability, Provision>,
    /// The built-in role it behaves like (default none): rules that name a
    /// built-in role (a TLM's span, a program manager on an initiative, a
    /// director heading a group) count it as that role, and messages say
    /// so ("Ana (EngLead, like EM)").
    #[serde(default)]
    pub like: Option<RoleId>,
}

#[derive(Clone, Debug, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, rename = "settings")]
pub struct Settings {
    /// Per-rule overrides, keyed by rule code.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleOverride>,
    #[serde(default)]
    pub requirements: Vec<RequirementOverride>,
}

impl Settings {
    pub fn is_default(&self) -> bool {
        self.rules.is_empty() && self.requirements.is_empty()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, rename = "rule override")]
pub struct RuleOverride {
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub threshold: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
pub enum RequirementScope {
    Team(TeamKind),
    Initiative,
}

/// Overrides one cell of the coverage policy. An omitted severity keeps the
/// default.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "requirement")]
pub struct RequirementOverride {
    pub scope: RequirementScope,
    pub capability: Capability,
    #[serde(default)]
    pub missing: Option<Severity>,
    #[serde(default)]
    pub stopgap: Option<Severity>,
}

/// What a finding or waiver is about: `team:ID`, `initiative:ID`,
/// `person:ID` or `org`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Org,
    Team(TeamId),
    Initiative(InitiativeId),
    Person(PersonId),
}

impl Subject {
    pub fn parse(s: &str) -> Result<Subject, String> {
        if s == "org" {
            return Ok(Subject::Org);
        }
        let bad = || {
            format!(
                "subject \"{}\" is not one of team:ID, initiative:ID, person:ID or org",
                s.escape_debug()
            )
        };
        let (kind, id) = s.split_once(':').ok_or_else(bad)?;
        if let Some(p) = id_problem(id) {
            return Err(format!("subject \"{}\": {p}", s.escape_debug()));
        }
        match kind {
            "team" => Ok(Subject::Team(TeamId::new(id))),
            "initiative" => Ok(Subject::Initiative(InitiativeId::new(id))),
            "person" => Ok(Subject::Person(PersonId::new(id))),
            _ => Err(bad()),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Subject::Org => "org",
            Subject::Team(_) => "team",
            Subject::Initiative(_) => "initiative",
            Subject::Person(_) => "person",
        }
    }

    pub fn id(&self) -> Option<&str> {
        match self {
            Subject::Org => None,
            Subject::Team(t) => Some(t.as_str()),
            Subject::Initiative(i) => Some(i.as_str()),
            Subject::Person(p) => Some(p.as_str()),
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.id() {
            None => f.write_str("org"),
            Some(id) => write!(f, "{}:{id}", self.kind()),
        }
    }
}

impl<'de> Deserialize<'de> for Subject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Subject::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn parse(s: &str) -> Result<Date, String> {
        let ok = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        let parsed = ok
            .then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .flatten();
        parsed.map(Date).ok_or_else(|| {
            format!(
                "malformed date \"{}\" (expected a real date as YYYY-MM-DD)",
                s.escape_debug()
            )
        })
    }

    /// Today's local date; `ORGPLAN_TODAY=YYYY-MM-DD` pretends it is
    /// another day (reproducible demos, screenshots and image snapshots;
    /// `--today` still wins on the command line).
    pub fn today() -> Date {
        std::env::var("ORGPLAN_TODAY")
            .ok()
            .and_then(|s| Date::parse(s.trim()).ok())
            .unwrap_or_else(|| Date(chrono::Local::now().date_naive()))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Accepts a known finding as intended, optionally until a date.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "waiver")]
pub struct Waiver {
    pub rule: String,
    pub subject: Subject,
    #[serde(default)]
    pub capability: Option<Capability>,
    pub reason: String,
    #[serde(default)]
    pub until: Option<Date>,
}

impl Org {
    /// The built-in role a role behaves like: a custom role's `like`, else
    /// the role itself ("EngLead" like "EM" is "EM"; "TPM" is "TPM").
    pub fn behaves_as<'a>(&'a self, role: &'a RoleId) -> &'a str {
        self.roles
            .iter()
            .find(|r| &r.id == role)
            .and_then(|r| r.like.as_ref())
            .unwrap_or(role)
            .as_str()
    }

    /// Whether a person holds, as role or hat, a role that is or behaves
    /// like the built-in `builtin`.
    pub fn holds_like(&self, person: &Person, builtin: &str) -> bool {
        person.all_roles().any(|r| self.behaves_as(r) == builtin)
    }

    pub fn person(&self, id: &PersonId) -> Option<&Person> {
        self.people.iter().find(|p| &p.id == id)
    }

    pub fn team(&self, id: &TeamId) -> Option<&Team> {
        self.teams.iter().find(|t| &t.id == id)
    }

    pub fn initiative(&self, id: &InitiativeId) -> Option<&Initiative> {
        self.initiatives.iter().find(|i| &i.id == id)
    }

    pub fn person_mut(&mut self, id: &PersonId) -> Option<&mut Person> {
        self.people.iter_mut().find(|p| &p.id == id)
    }

    pub fn team_mut(&mut self, id: &TeamId) -> Option<&mut Team> {
        self.teams.iter_mut().find(|t| &t.id == id)
    }

    pub fn initiative_mut(&mut self, id: &InitiativeId) -> Option<&mut Initiative> {
        self.initiatives.iter_mut().find(|i| &i.id == id)
    }

    /// The display name of a subject ("Checkout", "Alice Chen", "the org").
    pub fn subject_name(&self, s: &Subject) -> String {
        match s {
            Subject::Org => self.name.clone(),
            Subject::Team(t) => self
                .team(t)
                .map_or_else(|| t.to_string(), |t| t.name.clone()),
            Subject::Initiative(i) => self
                .initiative(i)
                .map_or_else(|| i.to_string(), |i| i.name.clone()),
            Subject::Person(p) => self
                .person(p)
                .map_or_else(|| p.to_string(), |p| p.name.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_parse_and_print() {
        for s in [
            "org",
            "team:checkout",
            "initiative:eu-launch",
            "person:alice",
        ] {
            assert_eq!(Subject::parse(s).unwrap().to_string(), s);
        }
        assert!(Subject::parse("tem:checkout").is_err());
        assert!(Subject::parse("team:").is_err());
        assert!(Subject::parse("checkout").is_err());
    }

    #[test]
    fn dates_must_be_real() {
        assert_eq!(Date::parse("2027-01-31").unwrap().to_string(), "2027-01-31");
        for bad in [
            "2027-02-30",
            "2027-1-31",
            "31/01/2027",
            "",
            "2027-01-31x",
            "+027-01-31",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn allocation_range() {
        assert!(Allocation::new(0).is_none());
        assert!(Allocation::new(101).is_none());
        assert_eq!(Allocation::new(50).unwrap().percent(), 50);
    }
}
