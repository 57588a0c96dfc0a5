//! Stage 4 of an import: manager and dotted-line references, then cycles.
//! What the manager column holds (ids, emails, names or DNs) is decided by
//! matching its values against the people; on a tie ids win over emails,
//! emails over DNs, DNs over names. No GUI code.

use super::ImportError;
use super::people::{Caseless, People};
use rustc_hash::FxHashMap as HashMap;
use std::collections::hash_map::Entry;

/// How the manager column names managers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RefKind {
    Key,
    Email,
    Dn,
    Name,
}

impl RefKind {
    pub fn word(self) -> &'static str {
        match self {
            RefKind::Key => "employee id",
            RefKind::Email => "email",
            RefKind::Name => "full name",
            RefKind::Dn => "directory name (DN)",
        }
    }

    /// As the summary's column line says it ("ids", "emails").
    pub fn plural(self) -> &'static str {
        match self {
            RefKind::Key => "ids",
            RefKind::Email => "emails",
            RefKind::Name => "full names",
            RefKind::Dn => "directory names",
        }
    }
}

/// The CN of an LDAP DN ("CN=Dana Diaz,OU=Eng,DC=acme" → "Dana Diaz";
/// an escaped comma, "Diaz\, Dana", is part of the name).
pub(super) fn dn_cn(v: &str) -> Option<String> {
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

/// Who reports to whom, as row indices.
pub(super) struct Refs {
    pub kind: RefKind,
    pub manager: Vec<Option<usize>>,
    pub dotted: Vec<Vec<usize>>,
    /// How many manager cells were filled in.
    pub filled: usize,
}

pub(super) fn resolve(people: &People, path: &str) -> Result<Refs, ImportError> {
    let rows = &people.rows;
    let by_id: HashMap<&str, usize> = people
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
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
                RefKind::Key => people.by_key.contains_key(&Caseless(v)) || by_id.contains_key(**v),
                RefKind::Email => people.by_email.contains_key(&Caseless(v)),
                RefKind::Name => by_name.contains_key(&Caseless(v)),
                RefKind::Dn => dn_cn(v).is_some_and(|c| by_name.contains_key(&Caseless(&c))),
            })
            .count()
    };
    // The first of the best: ids win a tie.
    let mut kind = RefKind::Key;
    let mut best = 0;
    for k in [RefKind::Key, RefKind::Email, RefKind::Dn, RefKind::Name] {
        let s = score(k);
        if s > best {
            best = s;
            kind = k;
        }
    }
    let find = |v: &str, line: usize, what: &str| -> Result<Option<usize>, ImportError> {
        let v = v.trim();
        if v.is_empty() {
            return Ok(None);
        }
        let found = match kind {
            RefKind::Key => people
                .by_key
                .get(&Caseless(v))
                .or_else(|| by_id.get(v))
                .map(|&i| vec![i]),
            RefKind::Email => people.by_email.get(&Caseless(v)).map(|&i| vec![i]),
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
    let mut filled = 0;
    for (i, r) in rows.iter().enumerate() {
        if !r.manager().is_empty() {
            filled += 1;
        }
        let m = find(r.manager(), r.line, "manager")?;
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
            if let Some(x) = find(v, r.line, "dotted-line manager")?
                && x != i
                && !d.contains(&x)
            {
                d.push(x);
            }
        }
        dotted.push(d);
    }
    no_cycles(people, &manager, path)?;
    Ok(Refs {
        kind,
        manager,
        dotted,
        filled,
    })
}

/// The first loop in a reporting forest given by each person's manager
/// (indices), as its members in reporting order; `None` when there is none.
/// Linear: each person is walked once.
pub(super) fn first_loop(manager: &[Option<usize>]) -> Option<Vec<usize>> {
    let mut state = vec![0u8; manager.len()];
    for start in 0..manager.len() {
        if state[start] != 0 {
            continue;
        }
        let mut chain = Vec::new();
        let mut cur = Some(start);
        while let Some(p) = cur {
            match state[p] {
                2 => break,
                1 => {
                    let at = chain.iter().position(|&x| x == p).unwrap_or(0);
                    return Some(chain.split_off(at));
                }
                _ => {}
            }
            state[p] = 1;
            chain.push(p);
            cur = manager[p];
        }
        for p in chain {
            state[p] = 2;
        }
    }
    None
}

/// Manager cycles are refused, named in full.
fn no_cycles(people: &People, manager: &[Option<usize>], path: &str) -> Result<(), ImportError> {
    let Some(cycle) = first_loop(manager) else {
        return Ok(());
    };
    let rows = &people.rows;
    let names: Vec<&str> = cycle
        .iter()
        .chain(cycle.first())
        .map(|&x| rows[x].name.as_ref())
        .collect();
    Err(ImportError::row(
        path,
        rows[cycle[0]].line,
        format!(
            "managers go round in a circle: {}; break the loop in the manager column",
            names.join(" → ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loops_are_found_in_reporting_order() {
        assert_eq!(first_loop(&[None, Some(0), Some(1)]), None);
        assert_eq!(
            first_loop(&[Some(2), Some(0), Some(1), None]),
            Some(vec![0, 2, 1])
        );
        assert_eq!(first_loop(&[None, Some(2), Some(1)]), Some(vec![1, 2]));
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
