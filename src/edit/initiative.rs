//! Initiatives: the inspector's whole-initiative update, add, delete,
//! restore.

use super::{Checked, Edit, EditError, Entity, check_id, check_members, ini_ix, need_person, run};
use crate::model::{Initiative, InitiativeId, Org, Subject};

pub(super) fn update<'e>(
    org: &Org,
    id: &'e InitiativeId,
    new: &'e Initiative,
) -> Result<Checked<'e>, EditError> {
    let k = ini_ix(org, id)?;
    check_id(Entity::Initiative, new.id.as_str())?;
    if new.name.trim().is_empty() {
        return Err(EditError::NoName(Some(Entity::Initiative)));
    }
    if &new.id != id && org.initiative(&new.id).is_some() {
        return Err(EditError::IdTaken {
            kind: Entity::Initiative,
            id: new.id.to_string(),
        });
    }
    for t in &new.teams {
        if org.team(t).is_none() {
            return Err(EditError::NoSuchTeam(t.clone()));
        }
    }
    check_members(org, &new.members)?;
    for p in new.lead.iter().chain(&new.sponsor) {
        need_person(org, p)?;
    }
    run(move |org| {
        let old = std::mem::replace(&mut org.initiatives[k], new.clone());
        if &new.id != id {
            super::waiver::rename_subjects(
                org,
                &Subject::Initiative(id.clone()),
                &Subject::Initiative(new.id.clone()),
            );
        }
        Edit::UpdateInitiative {
            id: new.id.clone(),
            initiative: old,
        }
    })
}

pub(super) fn add<'e>(org: &Org, i: &'e Initiative) -> Result<Checked<'e>, EditError> {
    check_id(Entity::Initiative, i.id.as_str())?;
    if org.initiative(&i.id).is_some() {
        return Err(EditError::Exists {
            kind: Entity::Initiative,
            id: i.id.to_string(),
        });
    }
    run(move |org| {
        org.initiatives.push(i.clone());
        Edit::DeleteInitiative(i.id.clone())
    })
}

pub(super) fn delete<'e>(org: &Org, id: &'e InitiativeId) -> Result<Checked<'e>, EditError> {
    let k = ini_ix(org, id)?;
    run(move |org| {
        let initiative = org.initiatives.remove(k);
        Edit::RestoreInitiative {
            index: k,
            initiative: Box::new(initiative),
        }
    })
}

pub(super) fn restore<'e>(
    org: &Org,
    index: usize,
    initiative: &'e Initiative,
) -> Result<Checked<'e>, EditError> {
    if index > org.initiatives.len() || org.initiative(&initiative.id).is_some() {
        return Err(EditError::CannotRestore {
            kind: Entity::Initiative,
            id: initiative.id.to_string(),
        });
    }
    run(move |org| {
        org.initiatives.insert(index, initiative.clone());
        Edit::DeleteInitiative(initiative.id.clone())
    })
}
