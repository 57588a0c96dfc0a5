//! Stage 3 of an import: rows → people (name, key, email), duplicate keys
//! and emails refused, and stable ids. Ids are made from the HR key (or
//! the email, or the name) by transliteration, never by dropping letters,
//! and never depend on row order. No GUI code.

use super::unique::Unique;
use super::{Field, ImportError, Mapping, Table};
use crate::model::ImportKey;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::collections::hash_map::Entry;

/// One person read from a row. Cells are borrowed from the table, so a
/// large export is not copied cell by cell.
pub(super) struct Row<'a> {
    table: &'a Table,
    mapping: &'a Mapping,
    pub index: usize,
    /// The row number the user sees.
    pub line: usize,
    pub name: Cow<'a, str>,
    pub title: Cow<'a, str>,
}

impl<'a> Row<'a> {
    pub fn get(&self, f: Field) -> &'a str {
        self.table.cell(self.index, self.mapping.get(f))
    }
    pub fn key(&self) -> &'a str {
        self.get(Field::Key)
    }
    pub fn email(&self) -> &'a str {
        self.get(Field::Email)
    }
    pub fn manager(&self) -> &'a str {
        self.get(Field::Manager)
    }
    pub fn team(&self) -> &'a str {
        self.get(Field::Team)
    }
    pub fn level(&self) -> &'a str {
        self.get(Field::Level)
    }
    pub fn dotted(&self) -> &'a str {
        self.get(Field::Dotted)
    }

    /// What tells this person apart in the export, as `kind` says.
    pub fn hr_key(&self, kind: ImportKey) -> &str {
        match kind {
            ImportKey::Key if !self.key().is_empty() => self.key(),
            ImportKey::Key | ImportKey::Email if !self.email().is_empty() => self.email(),
            _ => &self.name,
        }
    }
}

/// Runs of white space as one space, ends trimmed (names and titles with
/// stray spaces, as exports of org-chart tools have).
pub(super) fn tidy(s: &str) -> Cow<'_, str> {
    let s = s.trim();
    if s.contains(|c: char| c.is_whitespace() && c != ' ') || s.contains("  ") {
        Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        Cow::Borrowed(s)
    }
}

/// A string compared and hashed ignoring case, without a lower-case copy.
#[derive(Clone, Copy)]
pub(super) struct Caseless<'a>(pub &'a str);

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

/// The people of an export: one row each, with their ids.
pub(super) struct People<'a> {
    pub rows: Vec<Row<'a>>,
    pub ids: Vec<String>,
    pub key_kind: ImportKey,
    /// Row index by employee id and by email (both unique, caseless).
    pub by_key: HashMap<Caseless<'a>, usize>,
    pub by_email: HashMap<Caseless<'a>, usize>,
}

/// Reads the people: names (a full-name column, or preferred/first + last),
/// keys and emails; refuses empty names and repeated keys or emails.
pub(super) fn read<'a>(
    table: &'a Table,
    mapping: &'a Mapping,
    path: &str,
) -> Result<People<'a>, ImportError> {
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
    let mut rows: Vec<Row> = Vec::with_capacity(table.len());
    for (i, line) in table.row_numbers.iter().enumerate() {
        let cell = |f: Field| table.cell(i, mapping.get(f));
        let name: Cow<str> = match mapping.get(Field::Name) {
            Some(_) if !cell(Field::Name).is_empty() => tidy(cell(Field::Name)),
            _ => {
                let first = if cell(Field::PreferredName).is_empty() {
                    cell(Field::FirstName)
                } else {
                    cell(Field::PreferredName)
                };
                Cow::Owned(tidy(&format!("{} {}", first, cell(Field::LastName))).into_owned())
            }
        };
        if name.is_empty() {
            return Err(ImportError::row(
                path,
                *line,
                "this person has no name; fill in the name column or remove the row",
            ));
        }
        rows.push(Row {
            table,
            mapping,
            index: i,
            line: *line,
            name,
            title: tidy(cell(Field::Title)),
        });
    }
    let mut by_key: HashMap<Caseless, usize> = HashMap::default();
    let mut by_email: HashMap<Caseless, usize> = HashMap::default();
    for (i, r) in rows.iter().enumerate() {
        for (value, what, map) in [
            (r.key(), "employee id", &mut by_key),
            (r.email(), "email", &mut by_email),
        ] {
            if value.is_empty() {
                continue;
            }
            match map.entry(Caseless(value)) {
                Entry::Occupied(o) => {
                    return Err(ImportError::row(
                        path,
                        r.line,
                        format!(
                            "{what} {value} appears again (first on row {}); {what}s must be unique",
                            rows[*o.get()].line
                        ),
                    ));
                }
                Entry::Vacant(v) => {
                    v.insert(i);
                }
            }
        }
    }
    let key_kind = if !by_key.is_empty() {
        ImportKey::Key
    } else if !by_email.is_empty() {
        ImportKey::Email
    } else {
        ImportKey::Name
    };
    let ids = make_ids(&rows);
    Ok(People {
        rows,
        ids,
        key_kind,
        by_key,
        by_email,
    })
}

/// An id from a key, an email or a name: transliterated to ASCII, then
/// letters, digits, `_`, `-` and `.`, lower-case.
pub(super) fn id_from(s: &str) -> String {
    let ascii = deunicode::deunicode_with_tofu(s.trim(), "-");
    let mut out = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '.') {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 56 {
            break;
        }
    }
    let t = out.trim_matches(['-', '.']).to_string();
    if t.is_empty() {
        "person".to_string()
    } else {
        t
    }
}

/// Ids for every row, independent of row order: from the key, else the
/// email's local part, else the name. Where two rows would share an id,
/// those with emails take the whole email; any still shared are numbered
/// in the order of what the rows hold (key, email, name, title, …), not
/// where they stand in the file. Linear in the rows.
fn make_ids(rows: &[Row]) -> Vec<String> {
    let first = |r: &Row| -> String {
        if !r.key().is_empty() {
            id_from(r.key())
        } else if let Some((local, _)) = r.email().split_once('@') {
            id_from(local)
        } else {
            id_from(&r.name)
        }
    };
    let mut ids: Vec<String> = rows.iter().map(first).collect();
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, id) in ids.iter().enumerate() {
        groups.entry(id.as_str()).or_default().push(i);
    }
    let mut shared: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    if shared.is_empty() {
        return ids;
    }
    // Emails tell apart what their local parts do not.
    for g in &shared {
        for &i in g {
            let r = &rows[i];
            if r.key().is_empty() && r.email().contains('@') {
                ids[i] = id_from(r.email());
            }
        }
    }
    let mut counts: HashMap<String, usize> = HashMap::default();
    for id in &ids {
        *counts.entry(id.clone()).or_insert(0) += 1;
    }
    let mut unique = Unique::with_used(ids.iter().cloned());
    shared.sort_by_key(|g| g[0]);
    for g in shared {
        let mut still: Vec<usize> = g.into_iter().filter(|&i| counts[&ids[i]] > 1).collect();
        if still.is_empty() {
            continue;
        }
        let content = |i: usize| {
            let r = &rows[i];
            (
                r.key(),
                r.email(),
                r.name.as_ref(),
                r.title.as_ref(),
                r.get(Field::Team),
                r.manager(),
                r.level(),
                r.dotted(),
            )
        };
        still.sort_by(|&a, &b| content(a).cmp(&content(b)));
        // Subgroups by id (emails may have split a group).
        let mut by_id: Vec<(String, Vec<usize>)> = Vec::new();
        let mut slot: HashMap<String, usize> = HashMap::default();
        for i in still {
            match slot.entry(ids[i].clone()) {
                Entry::Occupied(o) => by_id[*o.get()].1.push(i),
                Entry::Vacant(v) => {
                    v.insert(by_id.len());
                    by_id.push((ids[i].clone(), vec![i]));
                }
            }
        }
        for (base, members) in by_id {
            if members.len() < 2 {
                continue;
            }
            for &i in &members[1..] {
                ids[i] = unique.numbered(&base);
            }
        }
    }
    ids
}
