//! Stage 7 of an import: the org made of the stages before, and its
//! `imported` record of what the export said (the base of the next
//! re-import). No GUI code.

use super::people::People;
use super::refs::Refs;
use super::roles::Roles;
use super::teams::NewTeam;
use super::{Options, product_lead};
use crate::model::{
    CustomRole, ImportRecord, ImportedPerson, ImportedTeam, Member, Org, Person, PersonId, RoleId,
    Team, TeamId,
};

/// The org: people with their managers and dotted lines, teams, the custom
/// roles used, and the record.
pub(super) fn org(
    path: &str,
    opts: &Options,
    people: &People,
    refs: &Refs,
    roles: &Roles,
    new_teams: &[NewTeam],
) -> Org {
    let mut org = Org {
        name: opts.name.clone().unwrap_or_else(|| {
            std::path::Path::new(path).file_stem().map_or_else(
                || "Imported org".to_string(),
                |s| s.to_string_lossy().into_owned(),
            )
        }),
        ..Org::default()
    };
    let n = people.rows.len();
    org.people.reserve_exact(n);
    for ((r, role), id) in people.rows.iter().zip(&roles.roles).zip(&people.ids) {
        let mut p = Person::new(id.clone(), r.name.to_string(), "");
        p.role = role.clone();
        if !r.level().is_empty() {
            p.level = Some(r.level().to_string());
        }
        org.people.push(p);
    }
    for i in 0..n {
        org.people[i].manager = refs.manager[i].map(|k| PersonId::new(people.ids[k].clone()));
        org.people[i].dotted = refs.dotted[i]
            .iter()
            .map(|&k| PersonId::new(people.ids[k].clone()))
            .collect();
    }
    // Teams, and each person's home team for the record.
    let mut home: Vec<Option<usize>> = vec![None; n];
    for (k, t) in new_teams.iter().enumerate() {
        let mut team = Team::new(t.id.clone(), t.name.clone());
        team.kind = t.kind;
        team.group.clone_from(&t.group);
        team.members.reserve_exact(t.members.len());
        for &i in &t.members {
            home[i] = Some(k);
            team.members.push(Member::new(
                PersonId::new(people.ids[i].clone()),
                crate::model::Allocation::FULL,
            ));
        }
        org.teams.push(team);
    }
    // Custom roles used: the map file's, the org's own, and the product
    // leader.
    let used = |id: &RoleId| roles.by_role.iter().any(|(x, _, _)| x == id);
    for r in &opts.map.roles {
        if used(&r.id) || roles.rules.iter().any(|x| x.role == r.id) {
            org.roles.push(CustomRole {
                id: r.id.clone(),
                name: r.name.clone(),
                provides: r.provides.clone(),
                like: r.like.clone(),
            });
        }
    }
    for r in &opts.org_roles {
        if used(&r.id) && !org.roles.iter().any(|x| x.id == r.id) {
            org.roles.push(r.clone());
        }
    }
    if used(&RoleId::new("ProductLead"))
        && !org.roles.iter().any(|r| r.id.as_str() == "ProductLead")
    {
        org.roles.push(product_lead());
    }
    org.imported = Some(Box::new(record(path, opts, people, roles, &org, &home)));
    drop_skipped(&mut org, &roles.skip);
    org
}

/// Leaves out the people the user chose to skip (`skip[i]` for row `i`,
/// which `org.people[i]` still is): from the people, the teams, dotted
/// lines and the record. Their reports get the nearest manager up who
/// stays (none when there is none), in the org and in the record alike,
/// so that a re-import that skips them again sees no change.
fn drop_skipped(org: &mut Org, skip: &[bool]) {
    if !skip.contains(&true) {
        return;
    }
    let n = org.people.len();
    let ix: rustc_hash::FxHashMap<&str, usize> = org
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let parent: Vec<Option<usize>> = org
        .people
        .iter()
        .map(|p| p.manager.as_ref().and_then(|m| ix.get(m.as_str()).copied()))
        .collect();
    drop(ix);
    let gone = |i: usize| skip.get(i).copied().unwrap_or(false);
    // The nearest manager up who stays; a loop of skipped managers ends
    // after n steps with none.
    let kept_above = |i: usize| {
        let mut cur = parent[i];
        let mut steps = 0;
        while let Some(k) = cur {
            if !gone(k) {
                return (k != i).then_some(k);
            }
            steps += 1;
            if steps > n {
                return None;
            }
            cur = parent[k];
        }
        None
    };
    let manager: Vec<Option<PersonId>> = (0..n)
        .map(|i| match parent[i] {
            Some(k) if gone(k) => kept_above(i).map(|m| org.people[m].id.clone()),
            _ => org.people[i].manager.clone(),
        })
        .collect();
    let dropped: rustc_hash::FxHashSet<PersonId> = (0..n)
        .filter(|&i| gone(i))
        .map(|i| org.people[i].id.clone())
        .collect();
    for (p, m) in org.people.iter_mut().zip(&manager) {
        p.manager.clone_from(m);
        p.dotted.retain(|d| !dropped.contains(d));
    }
    if let Some(rec) = org.imported.as_deref_mut() {
        for (k, p) in rec.people.iter_mut().enumerate() {
            if let Some(m) = manager.get(k) {
                p.manager.clone_from(m);
            }
        }
        let mut k = 0;
        rec.people.retain(|_| {
            k += 1;
            !gone(k - 1)
        });
    }
    let mut k = 0;
    org.people.retain(|_| {
        k += 1;
        !gone(k - 1)
    });
    for t in &mut org.teams {
        t.members.retain(|m| !dropped.contains(&m.person));
    }
}

/// What HR said of each person, in the org's ids.
fn record(
    path: &str,
    opts: &Options,
    people: &People,
    roles: &Roles,
    org: &Org,
    home: &[Option<usize>],
) -> ImportRecord {
    let source = std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned());
    ImportRecord {
        source,
        date: opts.today,
        key: people.key_kind,
        titles: roles.choices.clone(),
        skipped: roles.skipped.iter().map(|(t, _)| t.clone()).collect(),
        teams: org.teams.iter().map(ImportedTeam::from).collect(),
        people: people
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| ImportedPerson {
                id: org.people[i].id.clone(),
                key: r.hr_key(people.key_kind).into(),
                email: r.email().into(),
                name: r.name.as_ref().into(),
                title: r.title.as_ref().into(),
                role: roles.roles[i].clone(),
                manager: org.people[i].manager.clone(),
                level: org.people[i].level.as_deref().map(Into::into),
                team: home[i].map(|k| TeamId::new(org.teams[k].id.to_string())),
            })
            .collect(),
        ..ImportRecord::default()
    }
}
