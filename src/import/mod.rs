//! `orgplan import`: an HR or directory export (CSV or spreadsheet) to an
//! org file, and back (`orgplan export --people csv`). Re-importing into an
//! existing org updates what HR owns and keeps what the plan owns
//! (IMPORT.md). No GUI code.

pub mod table;
pub mod titles;

pub use table::Table;

/// The largest export read (512 MiB).
pub const MAX_EXPORT_BYTES: usize = 512 * 1024 * 1024;
pub use titles::TitleRule;

use crate::model::{
    CustomRole, Member, Org, Person, PersonId, Provision, RoleId, Team, TeamId, TeamKind,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::collections::hash_map::Entry;
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

/// The fields an import reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Key,
    Name,
    FirstName,
    PreferredName,
    LastName,
    Email,
    Title,
    Manager,
    Team,
    Level,
    Dotted,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Key,
        Field::Name,
        Field::FirstName,
        Field::PreferredName,
        Field::LastName,
        Field::Email,
        Field::Title,
        Field::Manager,
        Field::Team,
        Field::Level,
        Field::Dotted,
    ];

    /// The id used in map files (`columns: {"key": "Emp No"}`).
    pub fn id(self) -> &'static str {
        match self {
            Field::Key => "key",
            Field::Name => "name",
            Field::FirstName => "first_name",
            Field::PreferredName => "preferred_name",
            Field::LastName => "last_name",
            Field::Email => "email",
            Field::Title => "title",
            Field::Manager => "manager",
            Field::Team => "team",
            Field::Level => "level",
            Field::Dotted => "dotted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Key => "Employee id",
            Field::Name => "Full name",
            Field::FirstName => "First name",
            Field::PreferredName => "Preferred name",
            Field::LastName => "Last name",
            Field::Email => "Email",
            Field::Title => "Job title",
            Field::Manager => "Manager",
            Field::Team => "Team",
            Field::Level => "Level",
            Field::Dotted => "Dotted-line managers",
        }
    }

    pub fn from_id(id: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.id() == id)
    }

    /// Header synonyms, normalised (lower-case letters and digits only).
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Key => &[
                "employeeid",
                "employeenumber",
                "employeeno",
                "empid",
                "workerid",
                "personid",
                "personnelnumber",
                "staffid",
                "id",
                "eid",
            ],
            Field::Name => &[
                "name",
                "fullname",
                "displayname",
                "cn",
                "employeename",
                "employee",
            ],
            Field::FirstName => &["firstname", "legalfirstname", "givenname", "forename"],
            Field::PreferredName => &["preferredname", "preferredfirstname", "nickname", "knownas"],
            Field::LastName => &["lastname", "surname", "sn", "familyname", "legallastname"],
            Field::Email => &[
                "workemail",
                "email",
                "emailaddress",
                "mail",
                "userprincipalname",
                "workemailaddress",
                "businessemail",
            ],
            Field::Title => &[
                "jobtitle",
                "title",
                "position",
                "businesstitle",
                "jobprofile",
                "role",
                "jobname",
            ],
            Field::Manager => &[
                "manager",
                "supervisor",
                "reportsto",
                "manageremail",
                "managerworkemail",
                "supervisorid",
                "supervisoreid",
                "bossid",
                "managerid",
                "parent",
                "linemanager",
                "supervisoremail",
            ],
            // Most specific first (IMPORT.md: Team > Department > Division).
            Field::Team => &[
                "team",
                "squad",
                "group",
                "department",
                "dept",
                "orgunit",
                "organizationalunit",
                "division",
            ],
            Field::Level => &["level", "grade", "joblevel", "managementlevel", "band"],
            Field::Dotted => &[
                "altreportsto",
                "dottedlinemanager",
                "dottedline",
                "matrixmanager",
                "dottedlinemanagers",
            ],
        }
    }
}

/// A header as compared with synonyms.
fn norm(h: &str) -> String {
    h.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Which column holds each field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    pub columns: std::collections::BTreeMap<Field, usize>,
}

impl Mapping {
    /// Finds columns by header synonyms; for the team, the most specific
    /// team-like column present wins.
    pub fn detect(headers: &[String]) -> Mapping {
        let normed: Vec<String> = headers.iter().map(|h| norm(h)).collect();
        let mut m = Mapping::default();
        let mut taken: HashSet<usize> = HashSet::default();
        // The order matters where headers could match two fields.
        for f in [
            Field::Dotted,
            Field::Manager,
            Field::Email,
            Field::Key,
            Field::PreferredName,
            Field::FirstName,
            Field::LastName,
            Field::Name,
            Field::Title,
            Field::Team,
            Field::Level,
        ] {
            for syn in f.synonyms() {
                if let Some(i) = normed
                    .iter()
                    .enumerate()
                    .position(|(i, n)| n == syn && !taken.contains(&i))
                {
                    m.columns.insert(f, i);
                    taken.insert(i);
                    break;
                }
            }
        }
        m
    }

    pub fn get(&self, f: Field) -> Option<usize> {
        self.columns.get(&f).copied()
    }
}

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
}

/// A custom role a map file defines.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapRole {
    pub id: RoleId,
    pub name: String,
    #[serde(default)]
    pub provides: std::collections::BTreeMap<crate::model::Capability, Provision>,
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
             (\n    columns: {\n        // \"key\": \"Employee ID\",\n    },\n    titles: [\n",
        );
        for (p, r) in titles::BUILTIN {
            s.push_str(&format!("        (pattern: {:?}, role: {:?}),\n", p, r));
        }
        s.push_str(
            "    ],\n    roles: [\n        // (id: \"Designer\", name: \"Product designer\", provides: {\"roadmap\": StopGap}),\n    ],\n    team_kinds: [\n        // (pattern: \"platform\", kind: Platform),\n    ],\n    fallback_role: \"Engineer\",\n)\n",
        );
        s
    }
}

/// How to import.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The org's name (default: the file name).
    pub name: Option<String>,
    pub map: MapFile,
    /// The role of people whose title maps to none (default Engineer).
    pub fallback_role: Option<RoleId>,
    /// Unmapped titles are an error.
    pub strict: bool,
    /// Column mapping overrides (the app's drop-downs); applied after the
    /// map file's.
    pub columns: Vec<(Field, Option<usize>)>,
    /// Roles chosen for unmapped titles (the app's pickers).
    pub title_roles: Vec<(String, RoleId)>,
}

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
    pub fallback: RoleId,
    pub manager_kind: &'static str,
    pub team_column: Option<String>,
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

    /// The summary as printed by `orgplan import`.
    pub fn text(&self) -> String {
        let mut s = format!(
            "{} people, {} teams, {} at the top of the reporting tree (managers matched by {}{})\n",
            self.people,
            self.teams,
            self.roots,
            self.manager_kind,
            self.team_column
                .as_ref()
                .map_or(", no team column".to_string(), |c| format!(
                    ", teams from \"{c}\""
                ))
        );
        s.push_str("Roles by title:\n");
        for (role, n, titles) in &self.by_role {
            let mut t: Vec<&str> = titles.iter().map(String::as_str).take(4).collect();
            if titles.len() > 4 {
                t.push("…");
            }
            s.push_str(&format!(
                "  {:<12} {n:>5}  {}\n",
                role.as_str(),
                t.join(", ")
            ));
        }
        if !self.unmapped.is_empty() {
            s.push_str(&format!(
                "Unmapped titles (given the {} role; add a line to a map file, --map MAP.ron, to map them):\n",
                self.fallback
            ));
            for (title, n) in &self.unmapped {
                s.push_str(&format!(
                    "  {n:>5}  {title:<28} map line: {}\n",
                    Self::fix_line(title, self.fallback.as_str())
                ));
            }
        }
        crate::sanitize::visible_keep_lines(&s).into_owned()
    }
}

/// The product leader role the title table maps heads of product to (as
/// the samples define it).
fn product_lead() -> CustomRole {
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
    }
}

/// A stable id from a key, an email's local part or a name: letters,
/// digits, `_`, `-` and `.`; lower-case.
fn id_from(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.') {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let t = out.trim_matches(['-', '.']).to_string();
    if t.is_empty() {
        crate::model::slugify(s)
    } else {
        t
    }
}

/// How the manager column names managers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RefKind {
    Key,
    Email,
    Name,
    Dn,
}

impl RefKind {
    fn word(self) -> &'static str {
        match self {
            RefKind::Key => "employee id",
            RefKind::Email => "email",
            RefKind::Name => "full name",
            RefKind::Dn => "directory name (DN)",
        }
    }
}

/// The CN of an LDAP DN ("CN=Dana Diaz,OU=Eng,DC=acme" → "Dana Diaz";
/// an escaped comma, "Diaz\, Dana", is part of the name).
fn dn_cn(v: &str) -> Option<String> {
    let v = v.trim();
    let rest = v.strip_prefix("CN=").or_else(|| v.strip_prefix("cn="))?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            ',' => break,
            c => out.push(c),
        }
    }
    Some(out.trim().to_string())
}

/// One person read from a row. Its cells are read from the table when
/// asked for, so a large export is not copied cell by cell.
struct Row<'a> {
    table: &'a Table,
    mapping: &'a Mapping,
    index: usize,
    line: usize,
    name: Cow<'a, str>,
}

impl<'a> Row<'a> {
    fn get(&self, f: Field) -> &'a str {
        self.table.cell(self.index, self.mapping.get(f))
    }
    fn key(&self) -> &'a str {
        self.get(Field::Key)
    }
    fn email(&self) -> &'a str {
        self.get(Field::Email)
    }
    fn title(&self) -> &'a str {
        self.get(Field::Title)
    }
    fn manager(&self) -> &'a str {
        self.get(Field::Manager)
    }
    fn team(&self) -> &'a str {
        self.get(Field::Team)
    }
    fn level(&self) -> &'a str {
        self.get(Field::Level)
    }
    fn dotted(&self) -> &'a str {
        self.get(Field::Dotted)
    }
}

/// A string compared and hashed ignoring case, without a lower-case copy.
#[derive(Clone, Copy)]
struct Caseless<'a>(&'a str);

impl PartialEq for Caseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0
            .chars()
            .flat_map(char::to_lowercase)
            .eq(other.0.chars().flat_map(char::to_lowercase))
    }
}

impl Eq for Caseless<'_> {}

impl std::hash::Hash for Caseless<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        for c in self.0.chars().flat_map(char::to_lowercase) {
            h.write_u32(c as u32);
        }
        h.write_u8(0xff);
    }
}

/// Reads an export and makes an org of it.
pub fn import(table: &Table, path: &str, opts: &Options) -> Result<(Org, Summary), ImportError> {
    let mut mapping = Mapping::detect(&table.headers);
    for (field, header) in &opts.map.columns {
        let Some(f) = Field::from_id(field) else {
            return Err(ImportError::file(
                path,
                format!("map file: unknown field \"{field}\" in columns"),
            ));
        };
        match table.headers.iter().position(|h| norm(h) == norm(header)) {
            Some(i) => {
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
    import_with(table, path, opts, &mapping)
}

/// [`import`] with the columns already chosen.
pub fn import_with(
    table: &Table,
    path: &str,
    opts: &Options,
    mapping: &Mapping,
) -> Result<(Org, Summary), ImportError> {
    let has_name = mapping.get(Field::Name).is_some()
        || mapping.get(Field::FirstName).is_some()
        || mapping.get(Field::PreferredName).is_some();
    if !has_name {
        return Err(ImportError::file(
            path,
            format!(
                "no name column (Name, Full Name, Display Name, or First Name + Last Name); headers found: {}",
                table.headers.join(", ")
            ),
        ));
    }
    // People.
    let mut rows: Vec<Row> = Vec::with_capacity(table.len());
    let mut ids: Vec<String> = Vec::with_capacity(table.len());
    for (i, line) in table.row_numbers.iter().enumerate() {
        let cell = |f: Field| table.cell(i, mapping.get(f));
        let name: Cow<str> = match mapping.get(Field::Name) {
            Some(_) if !cell(Field::Name).is_empty() => Cow::Borrowed(cell(Field::Name)),
            _ => {
                let first = if cell(Field::PreferredName).is_empty() {
                    cell(Field::FirstName)
                } else {
                    cell(Field::PreferredName)
                };
                Cow::Owned(
                    format!("{} {}", first, cell(Field::LastName))
                        .trim()
                        .to_string(),
                )
            }
        };
        if name.is_empty() {
            return Err(ImportError::row(
                path,
                *line,
                "this person has no name; fill in the name column or remove the row",
            ));
        }
        let key = cell(Field::Key);
        let email = cell(Field::Email);
        let base: &str = if !key.is_empty() {
            key
        } else if let Some((local, _)) = email.split_once('@') {
            local
        } else {
            &name
        };
        ids.push(id_from(base));
        rows.push(Row {
            table,
            mapping,
            index: i,
            line: *line,
            name,
        });
    }
    // Duplicate keys and emails are errors; ids made from names are made
    // unique (Alex Kim, Alex Kim 2).
    let mut by_key: HashMap<Caseless, usize> = HashMap::default();
    let mut by_email: HashMap<Caseless, usize> = HashMap::default();
    // The row that first had `value`, if one did (else `i` is recorded).
    fn seen_before<'a>(
        map: &mut HashMap<Caseless<'a>, usize>,
        value: &'a str,
        i: usize,
    ) -> Option<usize> {
        match map.entry(Caseless(value)) {
            Entry::Occupied(o) => Some(*o.get()),
            Entry::Vacant(v) => {
                v.insert(i);
                None
            }
        }
    }
    for (i, r) in rows.iter().enumerate() {
        if !r.key().is_empty()
            && let Some(first) = seen_before(&mut by_key, r.key(), i)
        {
            return Err(ImportError::row(
                path,
                r.line,
                format!(
                    "employee id {} appears again (first on row {}); ids must be unique",
                    r.key(),
                    rows[first].line
                ),
            ));
        }
        if !r.email().is_empty()
            && let Some(first) = seen_before(&mut by_email, r.email(), i)
        {
            return Err(ImportError::row(
                path,
                r.line,
                format!(
                    "email {} appears again (first on row {})",
                    r.email(),
                    rows[first].line
                ),
            ));
        }
    }
    {
        let mut used: HashSet<String> = HashSet::default();
        used.reserve(ids.len());
        for id in &mut ids {
            if used.contains(id.as_str()) {
                let base = std::mem::take(id);
                let mut n = 2;
                *id = loop {
                    let candidate = format!("{base}-{n}");
                    if !used.contains(&candidate) {
                        break candidate;
                    }
                    n += 1;
                };
            }
            used.insert(id.clone());
        }
    }
    let by_id: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    // Managers: what the column holds, decided by matching its values.
    // Names map to their first row; rows sharing a name are listed apart.
    let mut by_name: HashMap<Caseless, usize> = HashMap::default();
    let mut same_name: HashMap<usize, Vec<usize>> = HashMap::default();
    for (i, r) in rows.iter().enumerate() {
        match by_name.entry(Caseless(&r.name)) {
            Entry::Occupied(o) => same_name
                .entry(*o.get())
                .or_insert_with(|| vec![*o.get()])
                .push(i),
            Entry::Vacant(v) => {
                v.insert(i);
            }
        }
    }
    let named = |n: &str| -> Option<Vec<usize>> {
        by_name
            .get(&Caseless(n))
            .map(|&i| same_name.get(&i).cloned().unwrap_or_else(|| vec![i]))
    };
    let refs: Vec<&str> = rows
        .iter()
        .map(|r| r.manager())
        .chain(rows.iter().flat_map(|r| r.dotted().split(';')))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect();
    let score = |k: RefKind| {
        refs.iter()
            .filter(|v| match k {
                RefKind::Key => by_key.contains_key(&Caseless(v)) || by_id.contains_key(**v),
                RefKind::Email => by_email.contains_key(&Caseless(v)),
                RefKind::Name => by_name.contains_key(&Caseless(v)),
                RefKind::Dn => dn_cn(v).is_some_and(|c| by_name.contains_key(&Caseless(&c))),
            })
            .count()
    };
    let kind = [RefKind::Key, RefKind::Email, RefKind::Dn, RefKind::Name]
        .into_iter()
        .max_by_key(|k| score(*k))
        .unwrap_or(RefKind::Key);
    let resolve = |v: &str, line: usize, what: &str| -> Result<Option<usize>, ImportError> {
        let v = v.trim();
        if v.is_empty() {
            return Ok(None);
        }
        let found = match kind {
            RefKind::Key => by_key
                .get(&Caseless(v))
                .or_else(|| by_id.get(v))
                .map(|&i| vec![i]),
            RefKind::Email => by_email.get(&Caseless(v)).map(|&i| vec![i]),
            RefKind::Name => named(v),
            RefKind::Dn => dn_cn(v).and_then(|c| named(&c)),
        };
        match found.as_deref() {
            Some([one]) => Ok(Some(*one)),
            Some(many) if many.len() > 1 => Err(ImportError::row(
                path,
                line,
                format!(
                    "{what} \"{v}\" matches {} people (rows {}); use a column of ids or emails for managers",
                    many.len(),
                    many.iter()
                        .map(|&i| rows[i].line.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
            _ => Err(ImportError::row(
                path,
                line,
                format!(
                    "{what} \"{v}\" matches nobody in this export (managers are matched by {}); fix the cell or add that person",
                    kind.word()
                ),
            )),
        }
    };
    let mut manager: Vec<Option<usize>> = Vec::with_capacity(rows.len());
    let mut dotted: Vec<Vec<usize>> = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let m = resolve(r.manager(), r.line, "manager")?;
        if m == Some(i) {
            return Err(ImportError::row(
                path,
                r.line,
                format!(
                    "{} is their own manager; leave the manager empty for the top of the org",
                    r.name
                ),
            ));
        }
        manager.push(m);
        let mut d = Vec::new();
        for v in r.dotted().split(';') {
            if let Some(x) = resolve(v, r.line, "dotted-line manager")?
                && x != i
                && !d.contains(&x)
            {
                d.push(x);
            }
        }
        dotted.push(d);
    }
    // Manager cycles, named in full.
    let mut state = vec![0u8; rows.len()];
    for start in 0..rows.len() {
        if state[start] != 0 {
            continue;
        }
        let mut chain = Vec::new();
        let mut cur = Some(start);
        while let Some(p) = cur {
            if state[p] == 2 {
                break;
            }
            if state[p] == 1 {
                let at = chain.iter().position(|&x| x == p).unwrap_or(0);
                let names: Vec<&str> = chain[at..]
                    .iter()
                    .chain(std::iter::once(&p))
                    .map(|&x| rows[x].name.as_ref())
                    .collect();
                return Err(ImportError::row(
                    path,
                    rows[p].line,
                    format!(
                        "managers go round in a circle: {}; break the loop in the manager column",
                        names.join(" → ")
                    ),
                ));
            }
            state[p] = 1;
            chain.push(p);
            cur = manager[p];
        }
        for p in chain {
            state[p] = 2;
        }
    }
    // Roles.
    let mut rules: Vec<TitleRule> = opts.map.titles.clone();
    rules.extend(titles::builtin());
    let mut role_ids: Vec<RoleId> = crate::catalog::BUILTIN_ROLES
        .iter()
        .map(|r| RoleId::new(r.id))
        .collect();
    role_ids.extend(opts.map.roles.iter().map(|r| r.id.clone()));
    role_ids.push(RoleId::new("ProductLead"));
    let fallback = opts
        .fallback_role
        .clone()
        .or_else(|| opts.map.fallback_role.clone())
        .unwrap_or_else(|| RoleId::new("Engineer"));
    if !role_ids.contains(&fallback) {
        return Err(ImportError::file(
            path,
            format!(
                "fallback role \"{fallback}\" is not a role (built-in: {}; or define it under roles in the map file)",
                crate::catalog::BUILTIN_ROLES.map(|r| r.id).join(", ")
            ),
        ));
    }
    for r in &rules {
        if !role_ids.contains(&r.role) {
            return Err(ImportError::file(
                path,
                format!(
                    "map file: title pattern \"{}\" names role \"{}\", which is not a role (define it under roles)",
                    r.pattern, r.role
                ),
            ));
        }
    }
    let mut unmapped: HashMap<String, usize> = HashMap::default();
    let mut unmapped_order: Vec<String> = Vec::new();
    let mut roles: Vec<RoleId> = Vec::with_capacity(rows.len());
    let mut by_role: Vec<(RoleId, usize, Vec<String>)> = Vec::new();
    // Titles repeat: each distinct one is matched once.
    let mut title_roles: HashMap<&str, Option<RoleId>> = HashMap::default();
    for r in &rows {
        let mapped = match title_roles.get(r.title()) {
            Some(m) => m.clone(),
            None => {
                let m = opts
                    .title_roles
                    .iter()
                    .find(|(t, _)| t == r.title())
                    .map(|(_, role)| role.clone())
                    .or_else(|| titles::role_for(r.title(), &rules, &role_ids));
                title_roles.insert(r.title(), m.clone());
                m
            }
        };
        let role = match mapped {
            Some(role) => role,
            None => {
                let key = if r.title().is_empty() {
                    "(no title)".to_string()
                } else {
                    r.title().to_string()
                };
                let n = unmapped.entry(key.clone()).or_insert(0);
                if *n == 0 {
                    unmapped_order.push(key);
                }
                *n += 1;
                fallback.clone()
            }
        };
        match by_role.iter_mut().find(|(x, _, _)| x == &role) {
            Some((_, n, t)) => {
                *n += 1;
                if !r.title().is_empty() && !t.iter().any(|x| x == r.title()) {
                    t.push(r.title().to_string());
                }
            }
            None => by_role.push((
                role.clone(),
                1,
                if r.title().is_empty() {
                    Vec::new()
                } else {
                    vec![r.title().to_string()]
                },
            )),
        }
        roles.push(role);
    }
    if opts.strict && !unmapped_order.is_empty() {
        let first = rows
            .iter()
            .find(|r| {
                unmapped_order
                    .first()
                    .is_some_and(|t| t == r.title() || (r.title().is_empty() && t == "(no title)"))
            })
            .map_or(0, |r| r.line);
        return Err(ImportError::row(
            path,
            first,
            format!(
                "--strict: {} titles map to no role ({}); map them in a map file (--map) or drop --strict",
                unmapped_order.len(),
                unmapped_order
                    .iter()
                    .map(|t| format!("\"{t}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    // The lookups are done with: free them before the org is built.
    drop((
        by_key,
        by_email,
        by_name,
        same_name,
        by_id,
        refs,
        title_roles,
    ));
    crate::io::release_free_memory();
    // The org.
    let mut org = Org {
        name: opts.name.clone().unwrap_or_else(|| {
            std::path::Path::new(path).file_stem().map_or_else(
                || "Imported org".to_string(),
                |s| s.to_string_lossy().into_owned(),
            )
        }),
        ..Org::default()
    };
    org.people.reserve_exact(rows.len());
    // The ids move into the people; references are copied from there.
    for ((r, role), id) in rows.iter().zip(roles).zip(ids) {
        let mut p = Person::new(id, r.name.to_string(), "");
        p.role = role;
        if !r.level().is_empty() {
            p.level = Some(r.level().to_string());
        }
        org.people.push(p);
    }
    for i in 0..org.people.len() {
        let id_of = |k: usize| org.people[k].id.clone();
        let m = manager[i].map(id_of);
        let d: Vec<PersonId> = dotted[i].iter().map(|&k| id_of(k)).collect();
        org.people[i].manager = m;
        org.people[i].dotted = d;
    }
    drop((manager, dotted));
    // Teams, in order of first appearance.
    let mut team_ix: HashMap<&str, usize> = HashMap::default();
    let mut team_ids: HashSet<String> = HashSet::default();
    for (i, r) in rows.iter().enumerate() {
        if r.team().is_empty() {
            continue;
        }
        let k = match team_ix.get(r.team()) {
            Some(&k) => k,
            None => {
                let base = crate::model::slugify(r.team());
                let mut id = base.clone();
                let mut n = 2;
                while !team_ids.insert(id.clone()) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                let mut t = Team::new(id, r.team());
                let words = titles::words(r.team());
                if let Some(rule) = opts
                    .map
                    .team_kinds
                    .iter()
                    .find(|k| titles::matches(&k.pattern, &words))
                {
                    t.kind = rule.kind;
                }
                org.teams.push(t);
                team_ix.insert(r.team(), org.teams.len() - 1);
                org.teams.len() - 1
            }
        };
        org.teams[k].members.push(Member::new(
            PersonId::new(org.people[i].id.to_string()),
            crate::model::Allocation::FULL,
        ));
    }
    // Custom roles used: the map file's, and the product leader.
    for r in &opts.map.roles {
        if by_role.iter().any(|(x, _, _)| x == &r.id) || rules.iter().any(|x| x.role == r.id) {
            org.roles.push(CustomRole {
                id: r.id.clone(),
                name: r.name.clone(),
                provides: r.provides.clone(),
            });
        }
    }
    if by_role.iter().any(|(r, _, _)| r.as_str() == "ProductLead")
        && !org.roles.iter().any(|r| r.id.as_str() == "ProductLead")
    {
        org.roles.push(product_lead());
    }
    // The result must be a valid org (ids, references), as a file of it
    // would be.
    crate::io::validate_org(&mut org)
        .map_err(|e| ImportError::file(path, format!("the imported org is not valid: {e}")))?;
    let mut unmapped: Vec<(String, usize)> = unmapped_order
        .into_iter()
        .map(|t| {
            let n = unmapped[&t];
            (t, n)
        })
        .collect();
    unmapped.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    by_role.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let summary = Summary {
        people: org.people.len(),
        teams: org.teams.len(),
        roots: org.people.iter().filter(|p| p.manager.is_none()).count(),
        by_role,
        unmapped,
        fallback,
        manager_kind: kind.word(),
        team_column: mapping.get(Field::Team).map(|c| table.headers[c].clone()),
    };
    Ok((org, summary))
}

/// Re-import (`--into`): HR owns names, roles (from titles), managers,
/// levels, who exists and their home team; the plan keeps everything else.
/// People no longer in the export leave (removed from teams and
/// initiatives); new hires join their team.
pub fn reimport(existing: &Org, imported: &Org) -> Org {
    let mut org = existing.clone();
    let hr_people: HashMap<&str, &Person> =
        imported.people.iter().map(|p| (p.id.as_str(), p)).collect();
    // Leavers: everyone the export no longer has.
    let leavers: Vec<PersonId> = org
        .people
        .iter()
        .filter(|p| !hr_people.contains_key(p.id.as_str()))
        .map(|p| p.id.clone())
        .collect();
    for id in leavers {
        let _ = crate::edit::apply(&mut org, &crate::edit::Edit::DeletePerson(id));
    }
    // The teams HR knows (by id): a person's membership in one of them is
    // their home team; other memberships belong to the plan.
    let hr_team_of: HashMap<&str, &TeamId> = imported
        .teams
        .iter()
        .flat_map(|t| t.members.iter().map(move |m| (m.person.as_str(), &t.id)))
        .collect();
    let hr_team_ids: HashSet<&str> = imported.teams.iter().map(|t| t.id.as_str()).collect();
    let exists: HashSet<String> = org.people.iter().map(|p| p.id.to_string()).collect();
    // HR-owned fields of people who stay; new hires.
    for hp in &imported.people {
        if exists.contains(hp.id.as_str()) {
            if let Some(p) = org.people.iter_mut().find(|p| p.id == hp.id) {
                p.name.clone_from(&hp.name);
                p.role.clone_from(&hp.role);
                p.hats.retain(|h| h != &hp.role);
                p.manager.clone_from(&hp.manager);
                p.level.clone_from(&hp.level);
                for d in &hp.dotted {
                    if !p.dotted.contains(d) {
                        p.dotted.push(d.clone());
                    }
                }
            }
        } else {
            org.people.push(hp.clone());
        }
    }
    // Teams HR names that the plan lacks.
    for t in &imported.teams {
        if org.team(&t.id).is_none() {
            let mut nt = Team::new(t.id.to_string(), t.name.clone());
            nt.kind = t.kind;
            org.teams.push(nt);
        }
    }
    // Home teams: one membership in an HR team, the one HR says.
    for hp in &imported.people {
        let home = hr_team_of.get(hp.id.as_str()).copied();
        let current: Vec<(usize, u32)> = org
            .teams
            .iter()
            .enumerate()
            .filter(|(_, t)| hr_team_ids.contains(t.id.as_str()))
            .filter_map(|(k, t)| t.member(&hp.id).map(|m| (k, m.allocation.percent())))
            .collect();
        let in_home = home.is_some_and(|h| org.team(h).is_some_and(|t| t.member(&hp.id).is_some()));
        if in_home {
            continue;
        }
        // Leave the old HR team (keeping the allocation), join the new one.
        let mut alloc = crate::model::Allocation::FULL;
        if let Some(&(k, a)) = current.first() {
            org.teams[k].members.retain(|m| m.person != hp.id);
            alloc = crate::model::Allocation::new(a).unwrap_or(crate::model::Allocation::FULL);
        }
        if let Some(h) = home
            && let Some(t) = org.teams.iter_mut().find(|t| &t.id == h)
        {
            t.members.push(Member::new(hp.id.clone(), alloc));
        }
    }
    // Custom roles the import needs.
    for r in &imported.roles {
        if !org.roles.iter().any(|x| x.id == r.id) {
            org.roles.push(r.clone());
        }
    }
    org
}

/// `orgplan export --people csv`: one row a person with the headers import
/// reads, so import → export → import gives the same org.
pub fn export_people_csv(org: &Org) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "Employee ID",
        "Name",
        "Job Title",
        "Manager",
        "Team",
        "Level",
        "Dotted Line Manager",
    ]);
    // A person's team is their first team.
    let mut team_of: HashMap<&str, &str> = HashMap::default();
    for t in &org.teams {
        for m in &t.members {
            team_of.entry(m.person.as_str()).or_insert(t.name.as_str());
        }
    }
    for p in &org.people {
        let dotted: Vec<&str> = p.dotted.iter().map(|d| d.as_str()).collect();
        let cells = [
            p.id.to_string(),
            p.name.to_string(),
            titles::title_for(&p.role),
            p.manager.as_ref().map_or(String::new(), |m| m.to_string()),
            team_of
                .get(p.id.as_str())
                .copied()
                .unwrap_or("")
                .to_string(),
            p.level.clone().unwrap_or_default(),
            dotted.join(";"),
        ];
        let _ = w.write_record(cells.iter().map(|c| crate::report::csv_cell(c)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_found_by_synonyms() {
        let h: Vec<String> = [
            "PersonID",
            "SupervisorID",
            "Name",
            "Title",
            "Department",
            "Division",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = Mapping::detect(&h);
        assert_eq!(m.get(Field::Key), Some(0));
        assert_eq!(m.get(Field::Manager), Some(1));
        assert_eq!(m.get(Field::Name), Some(2));
        assert_eq!(m.get(Field::Title), Some(3));
        assert_eq!(
            m.get(Field::Team),
            Some(4),
            "Department is more specific than Division"
        );
        let h: Vec<String> = [
            "Work Email",
            "First Name",
            "Last Name",
            "Job Title",
            "Manager – Work Email",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = Mapping::detect(&h);
        assert_eq!(m.get(Field::Email), Some(0));
        assert_eq!(m.get(Field::Manager), Some(4));
    }

    #[test]
    fn dns_give_their_cn() {
        assert_eq!(
            dn_cn("CN=Dana Diaz,OU=Eng,DC=acme,DC=com").as_deref(),
            Some("Dana Diaz")
        );
        assert_eq!(
            dn_cn("cn=Diaz\\, Dana,OU=Eng").as_deref(),
            Some("Diaz, Dana")
        );
        assert_eq!(dn_cn("Dana"), None);
    }
}
