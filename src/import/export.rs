//! `orgplan export --people csv`: one row a person with headers import
//! reads. Where the org remembers its last import, people are written as
//! that export had them (their HR key, email and title), so import →
//! export → re-import changes nothing. No GUI code.

use crate::model::{ImportKey, ImportedPerson, Org};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// A cell as written: text as it is (CSV quotes newlines and commas);
/// a leading `=`, `+`, `-`, `@`, tab or CR is guarded with `'` so a
/// spreadsheet does not run it as a formula (import removes the guard).
fn cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// How people are told apart in the export written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keyed {
    /// An Employee ID column: the HR key, or the person's id.
    Id,
    /// No id column: every person has the email the last import read.
    Email,
}

pub fn export_people_csv(org: &Org) -> String {
    let rec = org.imported.as_deref();
    let entry: HashMap<&str, &ImportedPerson> = rec
        .map(|r| r.people.iter().map(|p| (p.id.as_str(), p)).collect())
        .unwrap_or_default();
    let email_of = |id: &str| entry.get(id).map_or("", |e| e.email.as_str());
    let has_email = entry.values().any(|e| !e.email.is_empty());
    let keyed = match rec.map(|r| r.key) {
        Some(ImportKey::Email)
            if org
                .people
                .iter()
                .all(|p| !email_of(p.id.as_str()).is_empty()) =>
        {
            Keyed::Email
        }
        _ => Keyed::Id,
    };
    // The value that names a person in this file: their Employee ID (the
    // HR key if the last import was keyed by one, else their id), or
    // their email.
    let hr_keys = rec.is_some_and(|r| r.key == ImportKey::Key) && {
        // Only if the HR keys are still unique with the plan's people.
        let mut seen = HashSet::default();
        org.people.iter().all(|p| {
            seen.insert(
                entry
                    .get(p.id.as_str())
                    .map_or(p.id.as_str(), |e| e.key.as_str()),
            )
        })
    };
    let key_of = |id: &str| -> String {
        match keyed {
            Keyed::Email => email_of(id).to_string(),
            Keyed::Id if hr_keys => entry.get(id).map_or(id, |e| e.key.as_str()).to_string(),
            Keyed::Id => id.to_string(),
        }
    };
    let mut headers: Vec<&str> = Vec::new();
    if keyed == Keyed::Id {
        headers.push("Employee ID");
    }
    if has_email {
        headers.push("Work Email");
    }
    headers.extend([
        "Name",
        "Job Title",
        "Manager",
        "Team",
        "Level",
        "Dotted Line Manager",
    ]);
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(&headers);
    // HR's team names by team id, and each person's teams in order.
    let hr_team: HashMap<&str, &str> = rec
        .map(|r| {
            r.teams
                .iter()
                .map(|t| (t.id.as_str(), t.name.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let mut teams_of: HashMap<&str, Vec<usize>> = HashMap::default();
    for (k, t) in org.teams.iter().enumerate() {
        for m in &t.members {
            teams_of.entry(m.person.as_str()).or_default().push(k);
        }
    }
    for p in &org.people {
        let e = entry.get(p.id.as_str());
        let mine = teams_of.get(p.id.as_str()).map_or(&[][..], Vec::as_slice);
        // Their home team as HR named it, if they are still in it; else
        // their first team.
        let team = e
            .and_then(|e| e.team.as_ref())
            .filter(|t| mine.iter().any(|&k| org.teams[k].id == **t))
            .map(|t| {
                hr_team.get(t.as_str()).map_or_else(
                    || {
                        org.team(t)
                            .map_or_else(String::new, |team| team.name.clone())
                    },
                    |n| n.to_string(),
                )
            })
            .or_else(|| mine.first().map(|&k| org.teams[k].name.clone()))
            .unwrap_or_default();
        let title = match e {
            Some(e) if e.role == p.role && !e.title.is_empty() => e.title.to_string(),
            _ => super::titles::title_for(&p.role),
        };
        let dotted: Vec<String> = p.dotted.iter().map(|d| key_of(d.as_str())).collect();
        let mut cells: Vec<String> = Vec::with_capacity(headers.len());
        if keyed == Keyed::Id {
            cells.push(key_of(p.id.as_str()));
        }
        if has_email {
            cells.push(email_of(p.id.as_str()).to_string());
        }
        cells.extend([
            p.name.to_string(),
            title,
            p.manager
                .as_ref()
                .map_or(String::new(), |m| key_of(m.as_str())),
            team,
            p.level.clone().unwrap_or_default(),
            dotted.join(";"),
        ]);
        let _ = w.write_record(cells.iter().map(|c| cell(c)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
