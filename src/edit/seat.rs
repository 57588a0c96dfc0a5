//! Open seats: add, remove, insert back, change role, fill with a person.

use super::{Checked, Edit, EditError, Slot, ini_ix, need_person, need_role, run, team_ix};
use crate::model::{
    Allocation, CardId, InitiativeId, Member, OpenSeat, Org, PersonId, RoleId, TeamId,
};

/// Where seats are: a team or an initiative.
#[derive(Clone, Copy)]
pub(super) enum Card<'e> {
    Team(&'e TeamId),
    Initiative(&'e InitiativeId),
}

impl<'e> Card<'e> {
    fn ix(self, org: &Org) -> Result<usize, EditError> {
        match self {
            Card::Team(t) => team_ix(org, t),
            Card::Initiative(i) => ini_ix(org, i),
        }
    }

    fn seats(self, org: &Org, k: usize) -> &Vec<OpenSeat> {
        match self {
            Card::Team(_) => &org.teams[k].open_seats,
            Card::Initiative(_) => &org.initiatives[k].open_seats,
        }
    }

    fn seats_mut(self, org: &mut Org, k: usize) -> &mut Vec<OpenSeat> {
        match self {
            Card::Team(_) => &mut org.teams[k].open_seats,
            Card::Initiative(_) => &mut org.initiatives[k].open_seats,
        }
    }

    /// The edit that removes seat `index` here.
    fn remove(self, index: usize) -> Edit {
        match self {
            Card::Team(t) => Edit::RemoveSeat {
                team: t.clone(),
                index,
            },
            Card::Initiative(i) => Edit::RemoveInitiativeSeat {
                initiative: i.clone(),
                index,
            },
        }
    }

    /// The edit that puts `seat` back at `index` here.
    fn insert(self, index: usize, seat: OpenSeat) -> Edit {
        match self {
            Card::Team(t) => Edit::InsertSeat {
                team: t.clone(),
                index,
                seat,
            },
            Card::Initiative(i) => Edit::InsertInitiativeSeat {
                initiative: i.clone(),
                index,
                seat,
            },
        }
    }
}

/// A role chip onto a card: a new open seat there.
pub(super) fn add<'e>(
    org: &Org,
    card: Card<'e>,
    role: &'e RoleId,
) -> Result<Checked<'e>, EditError> {
    need_role(org, role)?;
    let k = card.ix(org)?;
    run(move |org| {
        let seats = card.seats_mut(org, k);
        seats.push(OpenSeat {
            role: role.clone(),
            note: String::new(),
        });
        card.remove(seats.len() - 1)
    })
}

pub(super) fn remove<'e>(
    org: &Org,
    card: Card<'e>,
    index: usize,
) -> Result<Checked<'e>, EditError> {
    let k = card.ix(org)?;
    if index >= card.seats(org, k).len() {
        return Err(EditError::NoSlot(Slot::Seat));
    }
    run(move |org| {
        let seat = card.seats_mut(org, k).remove(index);
        card.insert(index, seat)
    })
}

/// Puts a seat back where it was.
pub(super) fn insert<'e>(
    org: &Org,
    card: Card<'e>,
    index: usize,
    seat: &'e OpenSeat,
) -> Result<Checked<'e>, EditError> {
    need_role(org, &seat.role)?;
    let k = card.ix(org)?;
    if index > card.seats(org, k).len() {
        return Err(EditError::NoSlot(Slot::SeatPosition));
    }
    run(move |org| {
        card.seats_mut(org, k).insert(index, seat.clone());
        card.remove(index)
    })
}

/// The team's index, with `index` one of its seats.
fn seat_at(org: &Org, team: &TeamId, index: usize) -> Result<usize, EditError> {
    let t = team_ix(org, team)?;
    if index >= org.teams[t].open_seats.len() {
        return Err(EditError::NoSlot(Slot::Seat));
    }
    Ok(t)
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
