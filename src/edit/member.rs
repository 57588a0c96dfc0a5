//! Memberships of teams and initiatives, allocations, initiative leads.

use super::{
    Checked, Edit, EditError, Place, Slot, card_ix, ini_ix, members_at, members_at_mut,
    need_person, one_or_batch, person_ix, run, team_ix,
};
use crate::model::{Allocation, CardId, InitiativeId, Member, Org, Person, PersonId, TeamId};

/// The allocation a person has left (100 minus what they already give).
pub fn free_allocation(org: &Org, person: &PersonId) -> u32 {
    let used: u32 = org
        .teams
        .iter()
        .flat_map(|t| &t.members)
        .chain(org.initiatives.iter().flat_map(|i| &i.members))
        .filter(|m| &m.person == person)
        .map(|m| m.allocation.percent())
        .sum();
    100u32.saturating_sub(used)
}

/// "Adds them … at 100% (or the rest of their free allocation)".
pub fn default_allocation(org: &Org, person: &PersonId) -> Allocation {
    Allocation::new(free_allocation(org, person)).unwrap_or(Allocation::FULL)
}

/// Whether a person coordinates programs (a PgM or TPM, or a custom role
/// like one, as role or hat).
pub fn is_coordinator(org: &Org, person: &Person) -> bool {
    person.all_roles().any(|r| coordinates(org, r))
}

/// Whether a role is a program manager's: PgM or TPM, or a custom role
/// like one (C009, the drop rule, suggest and risk).
pub fn coordinates(org: &Org, role: &crate::model::RoleId) -> bool {
    matches!(org.behaves_as(role), "PgM" | "TPM")
}

/// The drop rule (docs/domain.md): a PgM or TPM added to an initiative with
/// no lead becomes its lead.
pub fn becomes_lead(org: &Org, person: &PersonId, initiative: &InitiativeId) -> bool {
    org.initiative(initiative).is_some_and(|i| i.lead.is_none())
        && org.person(person).is_some_and(|p| is_coordinator(org, p))
}

/// Where `person` sits in `members`, or why not.
fn position(members: &[Member], person: &PersonId, place: Place) -> Result<usize, EditError> {
    members
        .iter()
        .position(|m| &m.person == person)
        .ok_or_else(|| EditError::NotMember {
            person: person.clone(),
            place,
        })
}

/// Adds a membership; refused if already a member.
pub(super) fn add_to_team<'e>(
    org: &Org,
    team: &'e TeamId,
    person: &'e PersonId,
    allocation: Allocation,
) -> Result<Checked<'e>, EditError> {
    need_person(org, person)?;
    let t = team_ix(org, team)?;
    if org.teams[t].member(person).is_some() {
        return Err(EditError::AlreadyMember {
            person: person.clone(),
            place: Place::InTeam(org.teams[t].name.clone()),
        });
    }
    run(move |org| {
        org.teams[t]
            .members
            .push(Member::new(person.clone(), allocation));
        Edit::RemoveMember {
            card: CardId::Team(team.clone()),
            person: person.clone(),
        }
    })
}

/// Moves a membership from one team to another, keeping its allocation.
pub(super) fn move_to_team<'e>(
    org: &Org,
    person: &'e PersonId,
    from: &'e TeamId,
    to: &'e TeamId,
) -> Result<Checked<'e>, EditError> {
    if from == to {
        return Err(EditError::SameTeam);
    }
    need_person(org, person)?;
    let (f, t) = (team_ix(org, from)?, team_ix(org, to)?);
    if org.teams[t].member(person).is_some() {
        return Err(EditError::AlreadyMember {
            person: person.clone(),
            place: Place::ThatTeam,
        });
    }
    let place = Place::InTeam(org.teams[f].name.clone());
    let pos = position(&org.teams[f].members, person, place)?;
    run(move |org| {
        let member = org.teams[f].members.remove(pos);
        org.teams[t].members.push(member.clone());
        Edit::Batch(vec![
            Edit::RemoveMember {
                card: CardId::Team(to.clone()),
                person: person.clone(),
            },
            Edit::InsertMember {
                card: CardId::Team(from.clone()),
                index: pos,
                member,
            },
        ])
    })
}

pub(super) fn remove_from_team<'e>(
    org: &Org,
    team: &'e TeamId,
    person: &'e PersonId,
) -> Result<Checked<'e>, EditError> {
    let t = team_ix(org, team)?;
    let place = Place::InTeam(org.teams[t].name.clone());
    let pos = position(&org.teams[t].members, person, place)?;
    run(move |org| {
        let member = org.teams[t].members.remove(pos);
        Edit::InsertMember {
            card: CardId::Team(team.clone()),
            index: pos,
            member,
        }
    })
}

/// Adds a member; a PgM/TPM onto an initiative with no lead becomes lead.
pub(super) fn add_to_initiative<'e>(
    org: &Org,
    initiative: &'e InitiativeId,
    person: &'e PersonId,
    allocation: Allocation,
) -> Result<Checked<'e>, EditError> {
    let p = person_ix(org, person)?;
    let i = ini_ix(org, initiative)?;
    let ini = &org.initiatives[i];
    if ini.members.iter().any(|m| &m.person == person) {
        return Err(EditError::AlreadyMember {
            person: person.clone(),
            place: Place::OnInitiative(ini.name.clone()),
        });
    }
    let leads = ini.lead.is_none() && is_coordinator(org, &org.people[p]);
    run(move |org| {
        let ini = &mut org.initiatives[i];
        ini.members.push(Member::new(person.clone(), allocation));
        let remove = Edit::RemoveMember {
            card: CardId::Initiative(initiative.clone()),
            person: person.clone(),
        };
        if leads {
            ini.lead = Some(person.clone());
            Edit::Batch(vec![
                Edit::SetLead {
                    initiative: initiative.clone(),
                    lead: None,
                },
                remove,
            ])
        } else {
            remove
        }
    })
}

/// Takes a person off an initiative: their membership and, if they lead
/// it, the lead. Nothing to do if they are neither.
pub(super) fn remove_from_initiative<'e>(
    org: &Org,
    initiative: &'e InitiativeId,
    person: &'e PersonId,
) -> Result<Checked<'e>, EditError> {
    let i = ini_ix(org, initiative)?;
    let ini = &org.initiatives[i];
    let pos = ini.members.iter().position(|m| &m.person == person);
    let lead = ini.lead.as_ref() == Some(person);
    if pos.is_none() && !lead {
        return Ok(Checked::Noop);
    }
    run(move |org| {
        let ini = &mut org.initiatives[i];
        let mut undo = Vec::new();
        if let Some(pos) = pos {
            let member = ini.members.remove(pos);
            undo.push(Edit::InsertMember {
                card: CardId::Initiative(initiative.clone()),
                index: pos,
                member,
            });
        }
        if lead {
            undo.push(Edit::SetLead {
                initiative: initiative.clone(),
                lead: ini.lead.take(),
            });
        }
        one_or_batch(undo)
    })
}

pub(super) fn set_allocation<'e>(
    org: &Org,
    card: &'e CardId,
    person: &'e PersonId,
    allocation: Allocation,
) -> Result<Checked<'e>, EditError> {
    let c = card_ix(org, card)?;
    let pos = position(members_at(org, c), person, Place::There)?;
    run(move |org| {
        let slot = &mut members_at_mut(org, c)[pos].allocation;
        let old = std::mem::replace(slot, allocation);
        Edit::SetAllocation {
            card: card.clone(),
            person: person.clone(),
            allocation: old,
        }
    })
}

/// Removes a membership and nothing else (unlike removing someone from an
/// initiative, which also clears the lead).
pub(super) fn remove<'e>(
    org: &Org,
    card: &'e CardId,
    person: &'e PersonId,
) -> Result<Checked<'e>, EditError> {
    let c = card_ix(org, card)?;
    let pos = position(members_at(org, c), person, Place::There)?;
    run(move |org| {
        let member = members_at_mut(org, c).remove(pos);
        Edit::InsertMember {
            card: card.clone(),
            index: pos,
            member,
        }
    })
}

/// Puts a membership back where it was in a card's list.
pub(super) fn insert<'e>(
    org: &Org,
    card: &'e CardId,
    index: usize,
    member: &'e Member,
) -> Result<Checked<'e>, EditError> {
    need_person(org, &member.person)?;
    let c = card_ix(org, card)?;
    let members = members_at(org, c);
    if index > members.len() {
        return Err(EditError::NoSlot(Slot::MembershipPosition));
    }
    if members.iter().any(|m| m.person == member.person) {
        return Err(EditError::AlreadyMember {
            person: member.person.clone(),
            place: Place::There,
        });
    }
    run(move |org| {
        members_at_mut(org, c).insert(index, member.clone());
        Edit::RemoveMember {
            card: card.clone(),
            person: member.person.clone(),
        }
    })
}

pub(super) fn set_lead<'e>(
    org: &Org,
    initiative: &'e InitiativeId,
    lead: &'e Option<PersonId>,
) -> Result<Checked<'e>, EditError> {
    if let Some(l) = lead {
        need_person(org, l)?;
    }
    let i = ini_ix(org, initiative)?;
    run(move |org| {
        let old = std::mem::replace(&mut org.initiatives[i].lead, lead.clone());
        Edit::SetLead {
            initiative: initiative.clone(),
            lead: old,
        }
    })
}
