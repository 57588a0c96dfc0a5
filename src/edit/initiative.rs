//! Initiatives: the inspector's whole-initiative update, add, delete,
//! restore.

use super::{
    Checked, Edit, EditError, Entity, check_members, check_new, check_restore, check_update,
    ini_ix, need_person, run,
};
use crate::model::{Initiative, InitiativeId, Org, Subject};

pub(super) fn update<'e>(
    org: &Org,
    id: &'e InitiativeId,
    new: &'e Initiative,
) -> Result<Checked<'e>, EditError> {
    let k = ini_ix(org, id)?;
    let taken = org.initiative(&new.id).is_some();
    check_update(
        Entity::Initiative,
        id.as_str(),
        new.id.as_str(),
        &new.name,
        taken,
    )?;
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
    check_new(
        Entity::Initiative,
        i.id.as_str(),
        org.initiative(&i.id).is_some(),
    )?;
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
    let taken = org.initiative(&initiative.id).is_some();
    let (id, len) = (initiative.id.as_str(), org.initiatives.len());
    check_restore(Entity::Initiative, id, index, len, taken)?;
    run(move |org| {
        org.initiatives.insert(index, initiative.clone());
        Edit::DeleteInitiative(initiative.id.clone())
    })
}
