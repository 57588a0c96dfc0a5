//! Every change to a document, as data. The app turns gestures (drops,
//! menu items, inspector edits) into an [`Edit`]; [`apply`] is the one place
//! the document changes, so undo, dirty-tracking and re-analysis happen in
//! one place. No GUI code.
//!
//! Each family of edits has its module (`seat`, `member`, `person`, `team`,
//! `initiative`, `waiver`, `layout`, `org`), where one function per edit
//! checks it against the org and, only if it holds, returns the mutation
//! (a [`Checked`]) that changes the org and returns its inverse: the edit
//! that undoes it exactly. [`validate`] runs the checks alone; [`apply`]
//! runs them and then the mutation. History keeps inverses, never copies
//! of the org, so an edit costs what it changes.

mod error;
#[doc(hidden)]
pub mod examples;
mod initiative;
mod layout;
mod member;
mod org;
mod person;
mod seat;
mod team;
mod waiver;

pub use error::{EditError, Entity, Place, Slot};
pub use member::{becomes_lead, coordinates, default_allocation, free_allocation, is_coordinator};
pub use person::would_cycle;

use crate::model::{
    Allocation, CardId, Initiative, InitiativeId, Member, OpenSeat, Org, Person, PersonId, Point,
    RoleId, Team, TeamId, Waiver, id_problem,
};

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Role chip onto a team card: a new open seat.
    AddSeat {
        team: TeamId,
        role: RoleId,
    },
    RemoveSeat {
        team: TeamId,
        index: usize,
    },
    SetSeatRole {
        team: TeamId,
        index: usize,
        role: RoleId,
    },
    SetPersonRole {
        person: PersonId,
        role: RoleId,
    },
    /// Adds a membership (at `allocation`); no-op error if already a member.
    AddToTeam {
        team: TeamId,
        person: PersonId,
        allocation: Allocation,
    },
    /// Moves a membership from one team to another, keeping its allocation.
    MoveToTeam {
        person: PersonId,
        from: TeamId,
        to: TeamId,
    },
    RemoveFromTeam {
        team: TeamId,
        person: PersonId,
    },
    /// Person onto an open seat: joins the team, the seat goes away.
    FillSeat {
        team: TeamId,
        index: usize,
        person: PersonId,
    },
    /// Adds a member; a PgM/TPM onto an initiative with no lead becomes lead.
    AddToInitiative {
        initiative: InitiativeId,
        person: PersonId,
        allocation: Allocation,
    },
    RemoveFromInitiative {
        initiative: InitiativeId,
        person: PersonId,
    },
    SetAllocation {
        card: CardId,
        person: PersonId,
        allocation: Allocation,
    },
    MoveCard {
        card: CardId,
        to: Point,
    },
    /// Sets (or clears) a person's manager; refused if it makes a loop.
    SetManager {
        person: PersonId,
        manager: Option<PersonId>,
    },
    /// Replaces a person (inspector). A changed id is renamed everywhere.
    UpdatePerson {
        id: PersonId,
        person: Person,
    },
    UpdateTeam {
        id: TeamId,
        team: Team,
    },
    UpdateInitiative {
        id: InitiativeId,
        initiative: Initiative,
    },
    AddPerson(Person),
    AddTeam(Team),
    AddInitiative(Initiative),
    DeletePerson(PersonId),
    DeleteTeam(TeamId),
    DeleteInitiative(InitiativeId),
    AddWaiver(Waiver),
    RemoveWaiver(usize),
    SetOrgName(String),
    /// The org's custom roles, all of them (Org → Roles…): refused when a
    /// role still in use would go.
    SetRoles(Vec<crate::model::CustomRole>),
    /// The org's rule settings, all of them (Org → Rules…).
    SetSettings(Box<crate::model::Settings>),
    /// Role chip onto an initiative card: a new open seat there.
    AddInitiativeSeat {
        initiative: InitiativeId,
        role: RoleId,
    },
    RemoveInitiativeSeat {
        initiative: InitiativeId,
        index: usize,
    },
    /// Puts an initiative's open seat back where it was.
    InsertInitiativeSeat {
        initiative: InitiativeId,
        index: usize,
        seat: OpenSeat,
    },
    /// Puts an open seat back where it was.
    InsertSeat {
        team: TeamId,
        index: usize,
        seat: OpenSeat,
    },
    /// Removes a membership and nothing else (unlike RemoveFromInitiative,
    /// which also clears the lead).
    RemoveMember {
        card: CardId,
        person: PersonId,
    },
    /// Puts a membership back where it was in a team's or initiative's list.
    InsertMember {
        card: CardId,
        index: usize,
        member: Member,
    },
    SetLead {
        initiative: InitiativeId,
        lead: Option<PersonId>,
    },
    /// Sets or clears a card's saved position.
    SetPosition {
        card: CardId,
        to: Option<Point>,
    },
    /// Sets (or clears) many cards' saved positions at once, as "Arrange by
    /// group" does; the inverse puts the old ones back.
    SetPositions(Vec<(CardId, Option<Point>)>),
    InsertWaiver {
        index: usize,
        waiver: Waiver,
    },
    /// Puts a deleted person back with every reference to them.
    RestorePerson(Box<RestorePerson>),
    /// Puts a deleted team back with every reference to it.
    RestoreTeam(Box<RestoreTeam>),
    RestoreInitiative {
        index: usize,
        initiative: Box<Initiative>,
    },
    /// Replaces the whole org (an import into the open org): one step.
    ReplaceOrg(Box<Org>),
    /// Several edits as one undo step; all or nothing.
    Batch(Vec<Edit>),
}

/// A deleted person and where every reference to them was.
#[derive(Clone, Debug, PartialEq)]
pub struct RestorePerson {
    pub index: usize,
    pub person: Person,
    /// People (indices with this person present) whose manager they were.
    pub reports: Vec<usize>,
    /// (person index, position in `dotted`).
    pub dotted: Vec<(usize, usize)>,
    /// (team index, position in `members`, the membership).
    pub teams: Vec<(usize, usize, Member)>,
    /// (initiative index, position in `members`, the membership).
    pub initiatives: Vec<(usize, usize, Member)>,
    pub leads: Vec<usize>,
    pub sponsors: Vec<usize>,
}

/// A deleted team and where every reference to it was.
#[derive(Clone, Debug, PartialEq)]
pub struct RestoreTeam {
    pub index: usize,
    pub team: Team,
    /// (team index with this team present, position in `depends_on`).
    pub dependents: Vec<(usize, usize)>,
    /// (initiative index, position in `teams`).
    pub initiatives: Vec<(usize, usize)>,
}

impl Edit {
    /// A short description for the Undo/Redo menu items.
    pub fn label(&self) -> &'static str {
        match self {
            Edit::AddSeat { .. } => "add open seat",
            Edit::RemoveSeat { .. } => "remove open seat",
            Edit::SetSeatRole { .. } => "change seat role",
            Edit::SetPersonRole { .. } => "change role",
            Edit::AddToTeam { .. } => "add to team",
            Edit::MoveToTeam { .. } => "move to team",
            Edit::RemoveFromTeam { .. } => "remove from team",
            Edit::FillSeat { .. } => "fill seat",
            Edit::AddToInitiative { .. } => "add to initiative",
            Edit::RemoveFromInitiative { .. } => "remove from initiative",
            Edit::SetAllocation { .. } => "change allocation",
            Edit::MoveCard { .. } | Edit::SetPosition { .. } => "move card",
            Edit::SetPositions(_) => "arrange cards",
            Edit::SetManager { .. } => "set manager",
            Edit::UpdatePerson { .. } => "edit person",
            Edit::UpdateTeam { .. } => "edit team",
            Edit::UpdateInitiative { .. } => "edit initiative",
            Edit::AddPerson(_) => "add person",
            Edit::AddTeam(_) => "add team",
            Edit::AddInitiative(_) => "add initiative",
            Edit::DeletePerson(_) => "delete person",
            Edit::DeleteTeam(_) => "delete team",
            Edit::DeleteInitiative(_) => "delete initiative",
            Edit::AddWaiver(_) => "waive finding",
            Edit::RemoveWaiver(_) => "unwaive finding",
            Edit::SetOrgName(_) => "rename org",
            Edit::SetRoles(_) => "change roles",
            Edit::SetSettings(_) => "change rules",
            Edit::InsertSeat { .. } | Edit::InsertInitiativeSeat { .. } => "restore open seat",
            Edit::AddInitiativeSeat { .. } => "add open seat",
            Edit::RemoveInitiativeSeat { .. } => "remove open seat",
            Edit::InsertMember { .. } => "restore membership",
            Edit::RemoveMember { .. } => "remove membership",
            Edit::SetLead { .. } => "set lead",
            Edit::InsertWaiver { .. } => "restore waiver",
            Edit::RestorePerson(_) => "restore person",
            Edit::RestoreTeam(_) => "restore team",
            Edit::RestoreInitiative { .. } => "restore initiative",
            Edit::ReplaceOrg(_) => "import people",
            Edit::Batch(edits) => match edits.first() {
                Some(Edit::MoveCard { .. }) => "move cards",
                Some(Edit::DeleteTeam(_) | Edit::DeleteInitiative(_)) => "delete cards",
                _ => "edit several",
            },
        }
    }
}

// ---------------------------------------------------------------------------
// Checking and applying.

/// A checked edit: nothing to do, or the mutation to run (it cannot fail:
/// every check was made against the org it runs on) returning the inverse.
pub(crate) enum Checked<'e> {
    Noop,
    Run(Box<dyn FnOnce(&mut Org) -> Edit + 'e>),
}

/// The mutation of a checked edit.
fn run<'e>(f: impl FnOnce(&mut Org) -> Edit + 'e) -> Result<Checked<'e>, EditError> {
    Ok(Checked::Run(Box::new(f)))
}

/// Applies an edit in place. `Ok(Some(inverse))`: the edit that undoes it
/// exactly; `Ok(None)`: the edit changes nothing (the org is as it was). On
/// error the org is unchanged and the error says why, in words for the
/// user.
pub fn apply(org: &mut Org, edit: &Edit) -> Result<Option<Edit>, EditError> {
    if let Edit::Batch(edits) = edit {
        return apply_batch(org, edits);
    }
    Ok(match check(org, edit)? {
        Checked::Noop => None,
        Checked::Run(mutate) => Some(mutate(org)),
    })
}

/// Checks an edit without changing anything: `Ok` exactly when [`apply`]
/// would succeed. A single edit is checked in place, with no copy of the
/// org (the inspector validates drafts this way). A batch's edits may
/// depend on each other (a team added, then a person moved into it), so a
/// batch is checked by applying it to a copy.
pub fn validate(org: &Org, edit: &Edit) -> Result<(), EditError> {
    match edit {
        Edit::Batch(edits) if edits.len() > 1 => apply(&mut org.clone(), edit).map(|_| ()),
        Edit::Batch(edits) => edits.iter().try_for_each(|e| validate(org, e)),
        _ => check(org, edit).map(|_| ()),
    }
}

/// One edit's checks, by family; what is returned runs its mutation.
fn check<'e>(org: &Org, edit: &'e Edit) -> Result<Checked<'e>, EditError> {
    use Edit as E;
    match edit {
        E::AddSeat { team, role } => seat::add(org, seat::Card::Team(team), role),
        E::RemoveSeat { team, index } => seat::remove(org, seat::Card::Team(team), *index),
        E::SetSeatRole { team, index, role } => seat::set_role(org, team, *index, role),
        E::InsertSeat { team, index, seat } => {
            seat::insert(org, seat::Card::Team(team), *index, seat)
        }
        E::AddInitiativeSeat { initiative, role } => {
            seat::add(org, seat::Card::Initiative(initiative), role)
        }
        E::RemoveInitiativeSeat { initiative, index } => {
            seat::remove(org, seat::Card::Initiative(initiative), *index)
        }
        E::InsertInitiativeSeat {
            initiative,
            index,
            seat,
        } => seat::insert(org, seat::Card::Initiative(initiative), *index, seat),
        E::FillSeat {
            team,
            index,
            person,
        } => seat::fill(org, team, *index, person),
        E::AddToTeam {
            team,
            person,
            allocation,
        } => member::add_to_team(org, team, person, *allocation),
        E::MoveToTeam { person, from, to } => member::move_to_team(org, person, from, to),
        E::RemoveFromTeam { team, person } => member::remove_from_team(org, team, person),
        E::AddToInitiative {
            initiative,
            person,
            allocation,
        } => member::add_to_initiative(org, initiative, person, *allocation),
        E::RemoveFromInitiative { initiative, person } => {
            member::remove_from_initiative(org, initiative, person)
        }
        E::SetAllocation {
            card,
            person,
            allocation,
        } => member::set_allocation(org, card, person, *allocation),
        E::RemoveMember { card, person } => member::remove(org, card, person),
        E::InsertMember {
            card,
            index,
            member,
        } => member::insert(org, card, *index, member),
        E::SetLead { initiative, lead } => member::set_lead(org, initiative, lead),
        E::SetPersonRole { person, role } => person::set_role(org, person, role),
        E::SetManager { person, manager } => person::set_manager(org, person, manager),
        E::UpdatePerson { id, person } => person::update(org, id, person),
        E::AddPerson(p) => person::add(org, p),
        E::DeletePerson(id) => person::delete(org, id),
        E::RestorePerson(rp) => person::restore(org, rp),
        E::UpdateTeam { id, team } => team::update(org, id, team),
        E::AddTeam(t) => team::add(org, t),
        E::DeleteTeam(id) => team::delete(org, id),
        E::RestoreTeam(rt) => team::restore(org, rt),
        E::UpdateInitiative { id, initiative } => initiative::update(org, id, initiative),
        E::AddInitiative(i) => initiative::add(org, i),
        E::DeleteInitiative(id) => initiative::delete(org, id),
        E::RestoreInitiative { index, initiative } => initiative::restore(org, *index, initiative),
        E::MoveCard { card, to } => layout::move_card(org, card, *to),
        E::SetPosition { card, to } => layout::set_position(org, card, *to),
        E::SetPositions(places) => layout::set_positions(org, places),
        E::AddWaiver(w) => waiver::add(w),
        E::InsertWaiver { index, waiver } => waiver::insert(org, *index, waiver),
        E::RemoveWaiver(i) => waiver::remove(org, *i),
        E::SetOrgName(name) => org::set_name(name),
        E::SetRoles(roles) => org::set_roles(org, roles),
        E::SetSettings(settings) => org::set_settings(settings),
        E::ReplaceOrg(new) => org::replace(new),
        // Checked edit by edit as it is applied.
        E::Batch(_) => Ok(Checked::Noop),
    }
}

/// The inverse of several inverses: none, one, or a batch.
fn one_or_batch(mut edits: Vec<Edit>) -> Edit {
    if edits.len() == 1 {
        edits.pop().unwrap_or(Edit::Batch(Vec::new()))
    } else {
        Edit::Batch(edits)
    }
}

/// Applies a batch all or nothing: on the first failure, the edits already
/// applied are undone (their inverses, in reverse order). Edits in it that
/// change nothing leave nothing to undo.
fn apply_batch(org: &mut Org, edits: &[Edit]) -> Result<Option<Edit>, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for e in edits {
        match apply(org, e) {
            Ok(inv) => inverses.extend(inv),
            Err(err) => {
                for inv in inverses.iter().rev() {
                    // Inverses of edits that just applied cannot fail.
                    let _ = apply(org, inv);
                }
                return Err(err);
            }
        }
    }
    inverses.reverse();
    Ok((!inverses.is_empty()).then_some(Edit::Batch(inverses)))
}

// ---------------------------------------------------------------------------
// Lookups shared by the families (by index; ids are unique within a kind).

fn team_ix(org: &Org, id: &TeamId) -> Result<usize, EditError> {
    org.teams
        .iter()
        .position(|t| &t.id == id)
        .ok_or_else(|| EditError::Gone {
            kind: Entity::Team,
            id: id.to_string(),
        })
}

fn ini_ix(org: &Org, id: &InitiativeId) -> Result<usize, EditError> {
    org.initiatives
        .iter()
        .position(|i| &i.id == id)
        .ok_or_else(|| EditError::Gone {
            kind: Entity::Initiative,
            id: id.to_string(),
        })
}

fn person_ix(org: &Org, id: &PersonId) -> Result<usize, EditError> {
    org.people
        .iter()
        .position(|p| &p.id == id)
        .ok_or_else(|| EditError::Gone {
            kind: Entity::Person,
            id: id.to_string(),
        })
}

fn need_person(org: &Org, id: &PersonId) -> Result<(), EditError> {
    person_ix(org, id).map(|_| ())
}

fn need_role(org: &Org, role: &RoleId) -> Result<(), EditError> {
    let builtin = crate::catalog::BUILTIN_ROLES
        .iter()
        .any(|r| r.id == role.as_str());
    if builtin || org.roles.iter().any(|r| &r.id == role) {
        Ok(())
    } else {
        Err(EditError::UnknownRole(role.clone()))
    }
}

fn check_id(kind: Entity, id: &str) -> Result<(), EditError> {
    match id_problem(id) {
        Some(problem) => Err(EditError::BadId {
            kind,
            problem: problem.to_string(),
        }),
        None => Ok(()),
    }
}

/// A new entity's id: well formed, and no other entity of the kind has it.
fn check_new(kind: Entity, id: &str, taken: bool) -> Result<(), EditError> {
    check_id(kind, id)?;
    if taken {
        return Err(EditError::Exists {
            kind,
            id: id.to_string(),
        });
    }
    Ok(())
}

/// An entity replaced by `new_id` and `name` (the inspector): a well-formed
/// id no other entity of the kind has (`taken`), and a name.
fn check_update(
    kind: Entity,
    old_id: &str,
    new_id: &str,
    name: &str,
    taken: bool,
) -> Result<(), EditError> {
    check_id(kind, new_id)?;
    if name.trim().is_empty() {
        return Err(EditError::NoName(Some(kind)));
    }
    if new_id != old_id && taken {
        return Err(EditError::IdTaken {
            kind,
            id: new_id.to_string(),
        });
    }
    Ok(())
}

/// A deleted entity can go back at `index` of a list of `len` when no other
/// entity took its id (`taken`).
fn check_restore(
    kind: Entity,
    id: &str,
    index: usize,
    len: usize,
    taken: bool,
) -> Result<(), EditError> {
    if index > len || taken {
        return Err(EditError::CannotRestore {
            kind,
            id: id.to_string(),
        });
    }
    Ok(())
}

fn finite(p: Point) -> Result<(), EditError> {
    if p.x.is_finite() && p.y.is_finite() {
        Ok(())
    } else {
        Err(EditError::BadPosition)
    }
}

/// Each listed member a person of the org, none twice.
fn check_members(org: &Org, members: &[Member]) -> Result<(), EditError> {
    let mut seen = std::collections::HashSet::new();
    for m in members {
        need_person(org, &m.person)?;
        if !seen.insert(&m.person) {
            return Err(EditError::ListedTwice(m.person.clone()));
        }
    }
    Ok(())
}

/// The members of a card, found by index: (is a team, index).
fn card_ix(org: &Org, card: &CardId) -> Result<(bool, usize), EditError> {
    Ok(match card {
        CardId::Team(t) => (true, team_ix(org, t)?),
        CardId::Initiative(i) => (false, ini_ix(org, i)?),
    })
}

fn members_at(org: &Org, (team, k): (bool, usize)) -> &Vec<Member> {
    if team {
        &org.teams[k].members
    } else {
        &org.initiatives[k].members
    }
}

fn members_at_mut(org: &mut Org, (team, k): (bool, usize)) -> &mut Vec<Member> {
    if team {
        &mut org.teams[k].members
    } else {
        &mut org.initiatives[k].members
    }
}

/// A fresh id based on `base` that no entity of the kind uses yet.
pub fn fresh_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = crate::model::slugify(base);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !taken(c))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests;
