//! Stage 2 of an import: which column holds each field. Headers are matched
//! **by words** (docs/import.md, stage 2): `positionName`, `position_name`,
//! `Position Name` and `POSITION-NAME` are all the words *position name*. A
//! header matches a field when its words are one of the field's synonyms, or
//! a synonym followed by a suffix that fits the field (*department name* is a
//! team, *parent id* a manager key). No GUI code.

use super::Table;
use std::collections::BTreeMap;

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
    /// A department or cost centre: less specific than the team column
    /// (Department when Team is the team, Division when Department is);
    /// each team keeps its members' most common value as its group.
    Group,
    Level,
    Dotted,
}

impl Field {
    pub const ALL: [Field; 12] = [
        Field::Key,
        Field::Name,
        Field::FirstName,
        Field::PreferredName,
        Field::LastName,
        Field::Email,
        Field::Title,
        Field::Manager,
        Field::Team,
        Field::Group,
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
            Field::Group => "group",
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
            Field::Group => "Department / cost centre",
            Field::Level => "Level",
            Field::Dotted => "Dotted-line managers",
        }
    }

    pub fn from_id(id: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.id() == id)
    }

    /// Header synonyms, as words, most specific first.
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Key => &[
                "employee id",
                "employee number",
                "employee no",
                "employee key",
                "emp id",
                "emp no",
                "worker id",
                "person id",
                "personnel number",
                "staff id",
                "user id",
                "id",
                "eid",
                "key",
            ],
            Field::Name => &[
                "full name",
                "display name",
                "employee name",
                "name",
                "cn",
                "employee",
            ],
            Field::FirstName => &["first name", "legal first name", "given name", "forename"],
            Field::PreferredName => &[
                "preferred name",
                "preferred first name",
                "nickname",
                "known as",
            ],
            Field::LastName => &[
                "last name",
                "surname",
                "sn",
                "family name",
                "legal last name",
            ],
            Field::Email => &[
                "work email",
                "email",
                "e mail",
                "email address",
                "work email address",
                "business email",
                "mail",
                "user principal name",
            ],
            Field::Title => &[
                "job title",
                "title",
                "position",
                "business title",
                "job profile",
                "job name",
                "role",
                "designation",
            ],
            Field::Manager => &[
                "manager",
                "supervisor",
                "reports to",
                "manager work email",
                "supervisor eid",
                "boss",
                "line manager",
                "parent",
                "pid",
                "reports to id",
            ],
            // Most specific first (docs/import.md: Team > Department > Division).
            Field::Team => &[
                "team",
                "squad",
                "group",
                "department",
                "dept",
                "org unit",
                "organizational unit",
                "organisational unit",
                "division",
            ],
            // What is left once the team column is chosen, broadest first.
            Field::Group => &[
                "department",
                "dept",
                "cost centre",
                "cost center",
                "business unit",
                "division",
                "org unit",
                "organizational unit",
                "organisational unit",
            ],
            Field::Level => &["level", "grade", "job level", "management level", "band"],
            Field::Dotted => &[
                "alt reports to",
                "dotted line manager",
                "dotted line managers",
                "dotted line",
                "matrix manager",
            ],
        }
    }

    /// The words that may follow a synonym, best first ("department
    /// name", "parent id", "manager email").
    fn suffixes(self) -> &'static [&'static str] {
        match self {
            Field::Key => &["id", "number", "no", "key", "code"],
            Field::Name | Field::FirstName | Field::PreferredName | Field::LastName => &[],
            Field::Email => &["address"],
            Field::Title => &["name", "title"],
            Field::Manager | Field::Dotted => &["id", "key", "email", "name", "code", "number"],
            Field::Team | Field::Group => &["name", "code", "id"],
            Field::Level => &["name", "code", "id"],
        }
    }
}

/// A header's words, lower-case: split at anything that is not a letter
/// or digit, and where camelCase turns from lower to upper case
/// (`parentId` → `parent id`, `PersonID` → `person id`, `userPrincipalName`
/// → `user principal name`).
pub fn words(header: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = header.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    // The last capital of a run that starts a word: "HRManager".
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// How well a header's words match a field: `Some((synonym index, suffix
/// rank))`, lower is better; suffix rank 0 is the synonym alone.
fn score(field: Field, header_words: &[String]) -> Option<(usize, usize)> {
    if header_words.is_empty() {
        return None;
    }
    let joined: String = header_words.concat();
    let squash = |s: &str| s.replace(' ', "");
    for (i, syn) in field.synonyms().iter().enumerate() {
        if joined == squash(syn) {
            return Some((i, 0));
        }
    }
    let (last, rest) = header_words.split_last()?;
    if rest.is_empty() {
        return None;
    }
    let rank = field.suffixes().iter().position(|s| s == last)?;
    let head: String = rest.concat();
    field
        .synonyms()
        .iter()
        .position(|syn| head == squash(syn))
        .map(|i| (i, rank + 1))
}

/// Which column holds each field, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    pub columns: BTreeMap<Field, usize>,
    /// Columns found by their header but not used, with why (an `email`
    /// column that holds no addresses).
    pub unused: Vec<(Field, usize, String)>,
}

impl Mapping {
    /// Finds columns by their headers' words; where several headers fit a
    /// field, the most specific synonym wins (for the team: Team >
    /// Department > Division), then the synonym alone over one with a
    /// suffix.
    pub fn detect(headers: &[String]) -> Mapping {
        let header_words: Vec<Vec<String>> = headers.iter().map(|h| words(h)).collect();
        let mut m = Mapping::default();
        let mut taken = vec![false; headers.len()];
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
            Field::Group,
            Field::Level,
        ] {
            let best = header_words
                .iter()
                .enumerate()
                .filter(|(i, _)| !taken[*i])
                .filter_map(|(i, w)| score(f, w).map(|s| (s, i)))
                .min();
            if let Some((_, i)) = best {
                m.columns.insert(f, i);
                taken[i] = true;
            }
        }
        // A bare `name` next to a last-name column is a first name
        // (`id, name, lastName` of a database dump).
        if let (Some(n), Some(_), None) = (
            m.get(Field::Name),
            m.get(Field::LastName),
            m.get(Field::FirstName),
        ) && header_words[n] == ["name"]
        {
            m.columns.remove(&Field::Name);
            m.columns.insert(Field::FirstName, n);
        }
        m
    }

    /// [`Mapping::detect`], then checked against the values: a column
    /// named like an email that holds no addresses (a login such as
    /// `SKING`) is not used as the email.
    pub fn detect_in(table: &Table) -> Mapping {
        let mut m = Mapping::detect(&table.headers);
        m.check_values(table);
        m
    }

    /// Drops mapped columns whose values do not fit their field.
    pub fn check_values(&mut self, table: &Table) {
        if let Some(c) = self.get(Field::Email) {
            let mut filled = 0usize;
            let mut addresses = 0usize;
            for r in 0..table.len() {
                let v = table.cell(r, Some(c));
                if !v.is_empty() {
                    filled += 1;
                    if v.contains('@') {
                        addresses += 1;
                    }
                }
            }
            if filled > 0 && addresses * 2 < filled {
                self.columns.remove(&Field::Email);
                self.unused.push((
                    Field::Email,
                    c,
                    format!("holds no email addresses ({addresses} of {filled} values have an @)"),
                ));
            }
        }
    }

    pub fn get(&self, f: Field) -> Option<usize> {
        self.columns.get(&f).copied()
    }

    /// What was read from where, for the summary: `name ← name + lastName`,
    /// `title ← positionName`, `team ← department_name`; the manager line
    /// is added by the caller, who knows what its values held.
    pub fn describe(&self, headers: &[String]) -> Vec<(String, String)> {
        let h = |f: Field| self.get(f).map(|c| headers[c].clone());
        let mut out = Vec::new();
        if let Some(k) = h(Field::Key) {
            out.push(("key".to_string(), k));
        }
        let name = match h(Field::Name) {
            Some(n) => Some(n),
            None => {
                let first = h(Field::PreferredName)
                    .map(|p| match h(Field::FirstName) {
                        Some(f) => format!("{p} (or {f})"),
                        None => p,
                    })
                    .or_else(|| h(Field::FirstName));
                match (first, h(Field::LastName)) {
                    (Some(f), Some(l)) => Some(format!("{f} + {l}")),
                    (f, l) => f.or(l),
                }
            }
        };
        if let Some(n) = name {
            out.push(("name".to_string(), n));
        }
        for f in [
            Field::Email,
            Field::Title,
            Field::Team,
            Field::Group,
            Field::Level,
            Field::Dotted,
        ] {
            if let Some(c) = h(f) {
                out.push((f.id().to_string(), c));
            }
        }
        for (f, c, why) in &self.unused {
            out.push((
                f.id().to_string(),
                format!("not \"{}\": it {why}", headers[*c]),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(h: &[&str]) -> Mapping {
        Mapping::detect(&h.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn headers_are_split_into_words() {
        assert_eq!(words("positionName"), ["position", "name"]);
        assert_eq!(words("department_name"), ["department", "name"]);
        assert_eq!(words("PersonID"), ["person", "id"]);
        assert_eq!(words("userPrincipalName"), ["user", "principal", "name"]);
        assert_eq!(words("Manager – Work Email"), ["manager", "work", "email"]);
        assert_eq!(words("HRManager"), ["hr", "manager"]);
        assert_eq!(words("EMPLOYEE-ID"), ["employee", "id"]);
    }

    #[test]
    fn headers_are_found_by_synonyms() {
        let m = detect(&[
            "PersonID",
            "SupervisorID",
            "Name",
            "Title",
            "Department",
            "Division",
        ]);
        assert_eq!(m.get(Field::Key), Some(0));
        assert_eq!(m.get(Field::Manager), Some(1));
        assert_eq!(m.get(Field::Name), Some(2));
        assert_eq!(m.get(Field::Title), Some(3));
        assert_eq!(
            m.get(Field::Team),
            Some(4),
            "Department is more specific than Division"
        );
        let m = detect(&[
            "Work Email",
            "First Name",
            "Last Name",
            "Job Title",
            "Manager – Work Email",
        ]);
        assert_eq!(m.get(Field::Email), Some(0));
        assert_eq!(m.get(Field::Manager), Some(4));
    }

    #[test]
    fn the_two_flat_layouts_are_read_by_words() {
        let m = detect(&[
            "name",
            "imageUrl",
            "area",
            "profileUrl",
            "office",
            "tags",
            "isLoggedUser",
            "positionName",
            "id",
            "parentId",
            "size",
        ]);
        assert_eq!(m.get(Field::Name), Some(0));
        assert_eq!(m.get(Field::Title), Some(7));
        assert_eq!(m.get(Field::Key), Some(8));
        assert_eq!(m.get(Field::Manager), Some(9));
        assert_eq!(m.get(Field::Team), None);
        let m = detect(&[
            "id",
            "parentId",
            "name",
            "lastName",
            "position",
            "image",
            "email",
            "phone_number",
            "hire_date",
            "job_id",
            "salary",
            "department_id",
            "department_name",
        ]);
        assert_eq!(m.get(Field::Key), Some(0));
        assert_eq!(m.get(Field::Manager), Some(1));
        assert_eq!(
            m.get(Field::FirstName),
            Some(2),
            "a bare name next to lastName"
        );
        assert_eq!(m.get(Field::Name), None);
        assert_eq!(m.get(Field::LastName), Some(3));
        assert_eq!(m.get(Field::Title), Some(4));
        assert_eq!(m.get(Field::Email), Some(6));
        assert_eq!(
            m.get(Field::Team),
            Some(12),
            "department name over department id"
        );
    }
}
