//! Teams: the inspector's whole-team update (a changed id renamed
//! everywhere), add, delete with every reference, restore.

use super::{
    Checked, Edit, EditError, Entity, RestoreTeam, check_members, check_new, check_restore,
    check_update, finite, need_role, run, team_ix,
};
use crate::model::{Org, Subject, Team, TeamId};

pub(super) fn update<'e>(
    org: &Org,
    id: &'e TeamId,
    new: &'e Team,
) -> Result<Checked<'e>, EditError> {
    let k = team_ix(org, id)?;
    let taken = org.team(&new.id).is_some();
    check_update(Entity::Team, id.as_str(), new.id.as_str(), &new.name, taken)?;
    check_members(org, &new.members)?;
    for s in &new.open_seats {
        need_role(org, &s.role)?;
    }
    for d in &new.depends_on {
        if d == id || d == &new.id {
            return Err(EditError::SelfDependency);
        }
        if org.team(d).is_none() {
            return Err(EditError::NoSuchTeam(d.clone()));
        }
    }
    if let Some(p) = new.position {
        finite(p)?;
    }
    run(move |org| {
        let old = std::mem::replace(&mut org.teams[k], new.clone());
        if &new.id != id {
            rename(org, id, &new.id);
        }
        Edit::UpdateTeam {
            id: new.id.clone(),
            team: old,
        }
    })
}

pub(super) fn add<'e>(org: &Org, t: &'e Team) -> Result<Checked<'e>, EditError> {
    check_new(Entity::Team, t.id.as_str(), org.team(&t.id).is_some())?;
    run(move |org| {
        org.teams.push(t.clone());
        Edit::DeleteTeam(t.id.clone())
    })
}

pub(super) fn delete<'e>(org: &Org, id: &'e TeamId) -> Result<Checked<'e>, EditError> {
    let k = team_ix(org, id)?;
    run(move |org| Edit::RestoreTeam(Box::new(take_out(org, k, id))))
}

/// Puts a deleted team back with every reference to it.
pub(super) fn restore<'e>(org: &Org, rt: &'e RestoreTeam) -> Result<Checked<'e>, EditError> {
    let taken = org.team(&rt.team.id).is_some();
    check_restore(
        Entity::Team,
        rt.team.id.as_str(),
        rt.index,
        org.teams.len(),
        taken,
    )?;
    run(move |org| {
        put_back(org, rt);
        Edit::DeleteTeam(rt.team.id.clone())
    })
}

/// Every reference to `from` now names `to`.
fn rename(org: &mut Org, from: &TeamId, to: &TeamId) {
    for t in &mut org.teams {
        t.depends_on
            .iter_mut()
            .filter(|d| *d == from)
            .for_each(|d| *d = to.clone());
    }
    for i in &mut org.initiatives {
        i.teams
            .iter_mut()
            .filter(|t| *t == from)
            .for_each(|t| *t = to.clone());
    }
    super::waiver::rename_subjects(
        org,
        &Subject::Team(from.clone()),
        &Subject::Team(to.clone()),
    );
}

/// Removes team `k` and every reference to it; returns how to put it back.
fn take_out(org: &mut Org, k: usize, id: &TeamId) -> RestoreTeam {
    let mut rt = RestoreTeam {
        index: k,
        team: org.teams[k].clone(),
        dependents: Vec::new(),
        initiatives: Vec::new(),
    };
    for (ti, t) in org.teams.iter_mut().enumerate() {
        let mut pos = 0;
        t.depends_on.retain(|d| {
            let keep = d != id;
            if !keep {
                rt.dependents.push((ti, pos));
            }
            pos += 1;
            keep
        });
    }
    org.teams.remove(k);
    for (ii, ini) in org.initiatives.iter_mut().enumerate() {
        let mut pos = 0;
        ini.teams.retain(|t| {
            let keep = t != id;
            if !keep {
                rt.initiatives.push((ii, pos));
            }
            pos += 1;
            keep
        });
    }
    rt
}

fn put_back(org: &mut Org, rt: &RestoreTeam) {
    let id = &rt.team.id;
    org.teams.insert(rt.index, rt.team.clone());
    for &(ti, pos) in &rt.dependents {
        if let Some(t) = org.teams.get_mut(ti) {
            t.depends_on.insert(pos.min(t.depends_on.len()), id.clone());
        }
    }
    for &(ii, pos) in &rt.initiatives {
        if let Some(i) = org.initiatives.get_mut(ii) {
            i.teams.insert(pos.min(i.teams.len()), id.clone());
        }
    }
}
