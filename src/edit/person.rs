//! People: role, manager, the inspector's whole-person update (a changed id
//! renamed everywhere), add, delete with every reference, restore.

use super::{
    Checked, Edit, EditError, Entity, RestorePerson, check_new, check_restore, check_update,
    need_person, need_role, person_ix, run,
};
use crate::model::{Org, Person, PersonId, RoleId, Subject};

/// Whether making `manager` the manager of `person` would close a loop.
pub fn would_cycle(org: &Org, person: &PersonId, manager: &PersonId) -> bool {
    let mut cur = Some(manager.clone());
    let mut steps = 0;
    while let Some(p) = cur {
        if &p == person {
            return true;
        }
        steps += 1;
        if steps > org.people.len() {
            // An existing loop above; it does not include `person`.
            return false;
        }
        cur = org.person(&p).and_then(|x| x.manager.clone());
    }
    false
}

fn cycle(org: &Org, person: &PersonId, manager: &PersonId) -> EditError {
    let name = |id: &PersonId| {
        org.person(id)
            .map_or(id.to_string(), |p| p.name.to_string())
    };
    EditError::Cycle {
        person: name(person),
        manager: name(manager),
    }
}

/// A new role; the hat of the same role goes (it is now the role).
pub(super) fn set_role<'e>(
    org: &Org,
    person: &'e PersonId,
    role: &'e RoleId,
) -> Result<Checked<'e>, EditError> {
    need_role(org, role)?;
    let k = person_ix(org, person)?;
    run(move |org| {
        let p = &mut org.people[k];
        let before = p.clone();
        p.role = role.clone();
        p.hats.retain(|h| h != role);
        Edit::UpdatePerson {
            id: before.id.clone(),
            person: before,
        }
    })
}

/// Sets (or clears) a person's manager; refused if it makes a loop.
pub(super) fn set_manager<'e>(
    org: &Org,
    person: &'e PersonId,
    manager: &'e Option<PersonId>,
) -> Result<Checked<'e>, EditError> {
    let k = person_ix(org, person)?;
    if let Some(m) = manager {
        need_person(org, m)?;
        if would_cycle(org, person, m) {
            return Err(cycle(org, person, m));
        }
    }
    run(move |org| {
        let old = std::mem::replace(&mut org.people[k].manager, manager.clone());
        Edit::SetManager {
            person: person.clone(),
            manager: old,
        }
    })
}

/// Replaces a person (inspector). A changed id is renamed everywhere.
pub(super) fn update<'e>(
    org: &Org,
    id: &'e PersonId,
    new: &'e Person,
) -> Result<Checked<'e>, EditError> {
    let k = person_ix(org, id)?;
    let taken = org.person(&new.id).is_some();
    check_update(
        Entity::Person,
        id.as_str(),
        new.id.as_str(),
        &new.name,
        taken,
    )?;
    for r in new.all_roles() {
        need_role(org, r)?;
    }
    for m in new.manager.iter().chain(&new.dotted) {
        if m != id && m != &new.id {
            need_person(org, m)?;
        }
    }
    if let Some(m) = &new.manager
        && (m == id || m == &new.id || would_cycle(org, id, m))
    {
        return Err(cycle(org, id, m));
    }
    run(move |org| {
        let old = std::mem::replace(&mut org.people[k], new.clone());
        if &new.id != id {
            rename(org, id, &new.id);
        }
        Edit::UpdatePerson {
            id: new.id.clone(),
            person: old,
        }
    })
}

pub(super) fn add<'e>(org: &Org, p: &'e Person) -> Result<Checked<'e>, EditError> {
    check_new(Entity::Person, p.id.as_str(), org.person(&p.id).is_some())?;
    need_role(org, &p.role)?;
    run(move |org| {
        org.people.push(p.clone());
        Edit::DeletePerson(p.id.clone())
    })
}

pub(super) fn delete<'e>(org: &Org, id: &'e PersonId) -> Result<Checked<'e>, EditError> {
    let k = person_ix(org, id)?;
    run(move |org| Edit::RestorePerson(Box::new(take_out(org, k, id))))
}

/// Puts a deleted person back with every reference to them.
pub(super) fn restore<'e>(org: &Org, rp: &'e RestorePerson) -> Result<Checked<'e>, EditError> {
    let id = rp.person.id.as_str();
    let taken = org.person(&rp.person.id).is_some();
    check_restore(Entity::Person, id, rp.index, org.people.len(), taken)?;
    run(move |org| {
        put_back(org, rp);
        Edit::DeletePerson(rp.person.id.clone())
    })
}

/// Every reference to `from` now names `to`.
fn rename(org: &mut Org, from: &PersonId, to: &PersonId) {
    let fix = |p: &mut PersonId| {
        if p == from {
            *p = to.clone();
        }
    };
    for p in &mut org.people {
        if let Some(m) = &mut p.manager {
            fix(m);
        }
        p.dotted.iter_mut().for_each(fix);
    }
    for t in &mut org.teams {
        t.members.iter_mut().for_each(|m| fix(&mut m.person));
    }
    for i in &mut org.initiatives {
        i.members.iter_mut().for_each(|m| fix(&mut m.person));
        i.lead.iter_mut().for_each(fix);
        i.sponsor.iter_mut().for_each(fix);
    }
    super::waiver::rename_subjects(
        org,
        &Subject::Person(from.clone()),
        &Subject::Person(to.clone()),
    );
}

/// Removes person `k` and every reference to them; returns how to put
/// everything back.
fn take_out(org: &mut Org, k: usize, id: &PersonId) -> RestorePerson {
    let mut rp = RestorePerson {
        index: k,
        person: Person::new("", "", ""),
        reports: Vec::new(),
        dotted: Vec::new(),
        teams: Vec::new(),
        initiatives: Vec::new(),
        leads: Vec::new(),
        sponsors: Vec::new(),
    };
    // Indices are recorded with the person still present.
    for (i, p) in org.people.iter_mut().enumerate() {
        if p.manager.as_ref() == Some(id) {
            p.manager = None;
            rp.reports.push(i);
        }
        let mut pos = 0;
        p.dotted.retain(|d| {
            let keep = d != id;
            if !keep {
                rp.dotted.push((i, pos));
            }
            pos += 1;
            keep
        });
    }
    // Positions are those in each list as it was; restored in increasing
    // order. The person is taken out last, without their references to
    // themselves (which are restored like any other).
    rp.person = org.people.remove(k);
    for (ti, t) in org.teams.iter_mut().enumerate() {
        if let Some(pos) = t.members.iter().position(|m| &m.person == id) {
            rp.teams.push((ti, pos, t.members.remove(pos)));
        }
    }
    for (ii, ini) in org.initiatives.iter_mut().enumerate() {
        if let Some(pos) = ini.members.iter().position(|m| &m.person == id) {
            rp.initiatives.push((ii, pos, ini.members.remove(pos)));
        }
        if ini.lead.as_ref() == Some(id) {
            ini.lead = None;
            rp.leads.push(ii);
        }
        if ini.sponsor.as_ref() == Some(id) {
            ini.sponsor = None;
            rp.sponsors.push(ii);
        }
    }
    rp
}

fn put_back(org: &mut Org, rp: &RestorePerson) {
    let id = &rp.person.id;
    org.people.insert(rp.index, rp.person.clone());
    for &i in &rp.reports {
        if let Some(p) = org.people.get_mut(i) {
            p.manager = Some(id.clone());
        }
    }
    for &(i, pos) in &rp.dotted {
        if let Some(p) = org.people.get_mut(i) {
            p.dotted.insert(pos.min(p.dotted.len()), id.clone());
        }
    }
    for (ti, pos, m) in &rp.teams {
        if let Some(t) = org.teams.get_mut(*ti) {
            t.members.insert((*pos).min(t.members.len()), m.clone());
        }
    }
    for (ii, pos, m) in &rp.initiatives {
        if let Some(i) = org.initiatives.get_mut(*ii) {
            i.members.insert((*pos).min(i.members.len()), m.clone());
        }
    }
    for &ii in &rp.leads {
        if let Some(i) = org.initiatives.get_mut(ii) {
            i.lead = Some(id.clone());
        }
    }
    for &ii in &rp.sponsors {
        if let Some(i) = org.initiatives.get_mut(ii) {
            i.sponsor = Some(id.clone());
        }
    }
}
