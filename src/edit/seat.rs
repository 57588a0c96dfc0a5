//! Open seats: add, remove, insert back, change role, fill with a person.

use super::{Checked, Edit, EditError, Slot, ini_ix, need_person, need_role, run, team_ix};
use crate::model::{
    Allocation, CardId, InitiativeId, Member, OpenSeat, Org, PersonId, RoleId, TeamId,
};

/// The team's index, with `index` one of its seats.
fn seat_at(org: &Org, team: &TeamId, index: usize) -> Result<usize, EditError> {
    let t = team_ix(org, team)?;
    if index >= org.teams[t].open_seats.len() {
        return Err(EditError::NoSlot(Slot::Seat));
    }
    Ok(t)
}

/// Role chip onto a team card: a new open seat.
pub(super) fn add<'e>(
    org: &Org,
    team: &'e TeamId,
    role: &'e RoleId,
) -> Result<Checked<'e>, EditError> {
    need_role(org, role)?;
    let t = team_ix(org, team)?;
    run(move |org| {
        let seats = &mut org.teams[t].open_seats;
        seats.push(OpenSeat {
            role: role.clone(),
            note: String::new(),
        });
        Edit::RemoveSeat {
            team: team.clone(),
            index: seats.len() - 1,
        }
    })
}

pub(super) fn remove<'e>(
    org: &Org,
    team: &'e TeamId,
    index: usize,
) -> Result<Checked<'e>, EditError> {
    let t = seat_at(org, team, index)?;
    run(move |org| {
        let seat = org.teams[t].open_seats.remove(index);
        Edit::InsertSeat {
            team: team.clone(),
            index,
            seat,
        }
    })
}

/// Puts a seat back where it was.
pub(super) fn insert<'e>(
    org: &Org,
    team: &'e TeamId,
    index: usize,
    seat: &'e OpenSeat,
) -> Result<Checked<'e>, EditError> {
    need_role(org, &seat.role)?;
    let t = team_ix(org, team)?;
    if index > org.teams[t].open_seats.len() {
        return Err(EditError::NoSlot(Slot::SeatPosition));
    }
    run(move |org| {
        org.teams[t].open_seats.insert(index, seat.clone());
        Edit::RemoveSeat {
            team: team.clone(),
            index,
        }
    })
}

pub(super) fn set_role<'e>(
    org: &Org,
    team: &'e TeamId,
    index: usize,
    role: &'e RoleId,
) -> Result<Checked<'e>, EditError> {
    need_role(org, role)?;
    let t = seat_at(org, team, index)?;
    run(move |org| {
        let seat = &mut org.teams[t].open_seats[index];
        let old = std::mem::replace(&mut seat.role, role.clone());
        Edit::SetSeatRole {
            team: team.clone(),
            index,
            role: old,
        }
    })
}

/// Person onto an open seat: joins the team (unless already in it), the
/// seat goes away.
pub(super) fn fill<'e>(
    org: &Org,
    team: &'e TeamId,
    index: usize,
    person: &'e PersonId,
) -> Result<Checked<'e>, EditError> {
    need_person(org, person)?;
    let t = seat_at(org, team, index)?;
    let joins = org.teams[t].member(person).is_none();
    run(move |org| {
        let t = &mut org.teams[t];
        let seat = t.open_seats.remove(index);
        let mut undo = Vec::new();
        if joins {
            t.members
                .push(Member::new(person.clone(), Allocation::FULL));
            undo.push(Edit::RemoveMember {
                card: CardId::Team(team.clone()),
                person: person.clone(),
            });
        }
        undo.push(Edit::InsertSeat {
            team: team.clone(),
            index,
            seat,
        });
        Edit::Batch(undo)
    })
}

/// Role chip onto an initiative card: a new open seat there.
pub(super) fn add_to_initiative<'e>(
    org: &Org,
    initiative: &'e InitiativeId,
    role: &'e RoleId,
) -> Result<Checked<'e>, EditError> {
    need_role(org, role)?;
    let i = ini_ix(org, initiative)?;
    run(move |org| {
        let seats = &mut org.initiatives[i].open_seats;
        seats.push(OpenSeat {
            role: role.clone(),
            note: String::new(),
        });
        Edit::RemoveInitiativeSeat {
            initiative: initiative.clone(),
            index: seats.len() - 1,
        }
    })
}

pub(super) fn remove_from_initiative<'e>(
    org: &Org,
    initiative: &'e InitiativeId,
    index: usize,
) -> Result<Checked<'e>, EditError> {
    let i = ini_ix(org, initiative)?;
    if index >= org.initiatives[i].open_seats.len() {
        return Err(EditError::NoSlot(Slot::Seat));
    }
    run(move |org| {
        let seat = org.initiatives[i].open_seats.remove(index);
        Edit::InsertInitiativeSeat {
            initiative: initiative.clone(),
            index,
            seat,
        }
    })
}

/// Puts an initiative's seat back where it was.
pub(super) fn insert_into_initiative<'e>(
    org: &Org,
    initiative: &'e InitiativeId,
    index: usize,
    seat: &'e OpenSeat,
) -> Result<Checked<'e>, EditError> {
    need_role(org, &seat.role)?;
    let i = ini_ix(org, initiative)?;
    if index > org.initiatives[i].open_seats.len() {
        return Err(EditError::NoSlot(Slot::SeatPosition));
    }
    run(move |org| {
        org.initiatives[i].open_seats.insert(index, seat.clone());
        Edit::RemoveInitiativeSeat {
            initiative: initiative.clone(),
            index,
        }
    })
}
