//! Every change to a document, as data. The app turns gestures (drops,
//! menu items, inspector edits) into an [`Edit`]; [`apply`] is the one place
//! the document changes, so undo, dirty-tracking and re-analysis happen in
//! one place. No GUI code.
//!
//! [`apply`] validates an edit first, then changes the org in place and
//! returns the edit that undoes it (its inverse). History keeps inverses,
//! never copies of the org, so an edit costs what it changes.

use crate::model::{
    Allocation, Initiative, InitiativeId, Member, OpenSeat, Org, Person, PersonId, Point, RoleId,
    Subject, Team, TeamId, Waiver, id_problem,
};

/// A card on the canvas.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CardId {
    Team(TeamId),
    Initiative(InitiativeId),
}

impl CardId {
    pub fn subject(&self) -> Subject {
        match self {
            CardId::Team(t) => Subject::Team(t.clone()),
            CardId::Initiative(i) => Subject::Initiative(i.clone()),
        }
    }
}

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
            Edit::InsertSeat { .. } => "restore open seat",
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
// Lookups (by index; ids are unique within a kind).

fn team_ix(org: &Org, id: &TeamId) -> Result<usize, String> {
    org.teams
        .iter()
        .position(|t| &t.id == id)
        .ok_or_else(|| format!("team \"{id}\" no longer exists"))
}

fn ini_ix(org: &Org, id: &InitiativeId) -> Result<usize, String> {
    org.initiatives
        .iter()
        .position(|i| &i.id == id)
        .ok_or_else(|| format!("initiative \"{id}\" no longer exists"))
}

fn person_ix(org: &Org, id: &PersonId) -> Result<usize, String> {
    org.people
        .iter()
        .position(|p| &p.id == id)
        .ok_or_else(|| format!("person \"{id}\" no longer exists"))
}

fn need_person(org: &Org, id: &PersonId) -> Result<(), String> {
    person_ix(org, id).map(|_| ())
}

fn need_role(org: &Org, role: &RoleId) -> Result<(), String> {
    let builtin = crate::catalog::BUILTIN_ROLES
        .iter()
        .any(|r| r.id == role.as_str());
    if builtin || org.roles.iter().any(|r| &r.id == role) {
        Ok(())
    } else {
        Err(format!("\"{role}\" is not a known role"))
    }
}

fn check_id(kind: &str, id: &str) -> Result<(), String> {
    match id_problem(id) {
        Some(p) => Err(format!("{kind} id: {p}")),
        None => Ok(()),
    }
}

fn members_of<'a>(org: &'a Org, card: &CardId) -> Result<&'a Vec<Member>, String> {
    Ok(match card {
        CardId::Team(t) => &org.teams[team_ix(org, t)?].members,
        CardId::Initiative(i) => &org.initiatives[ini_ix(org, i)?].members,
    })
}

fn members_mut<'a>(org: &'a mut Org, card: &CardId) -> Result<&'a mut Vec<Member>, String> {
    Ok(match card {
        CardId::Team(t) => {
            let k = team_ix(org, t)?;
            &mut org.teams[k].members
        }
        CardId::Initiative(i) => {
            let k = ini_ix(org, i)?;
            &mut org.initiatives[k].members
        }
    })
}

fn position_mut<'a>(org: &'a mut Org, card: &CardId) -> Result<&'a mut Option<Point>, String> {
    Ok(match card {
        CardId::Team(t) => {
            let k = team_ix(org, t)?;
            &mut org.teams[k].position
        }
        CardId::Initiative(i) => {
            let k = ini_ix(org, i)?;
            &mut org.initiatives[k].position
        }
    })
}

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

/// Whether a person coordinates programs (a PgM or TPM, as role or hat).
pub fn is_coordinator(person: &Person) -> bool {
    person
        .all_roles()
        .any(|r| r.as_str() == "PgM" || r.as_str() == "TPM")
}

/// DOMAIN.md's drop rule: a PgM or TPM added to an initiative with no lead
/// becomes its lead.
pub fn becomes_lead(org: &Org, person: &PersonId, initiative: &InitiativeId) -> bool {
    org.initiative(initiative).is_some_and(|i| i.lead.is_none())
        && org.person(person).is_some_and(is_coordinator)
}

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

fn cycle_message(org: &Org, person: &PersonId, manager: &PersonId) -> String {
    let name = |id: &PersonId| {
        org.person(id)
            .map_or(id.to_string(), |p| p.name.to_string())
    };
    format!(
        "{} cannot report to {}: {} is already in {}'s reporting chain",
        name(person),
        name(manager),
        name(manager),
        name(person)
    )
}

// ---------------------------------------------------------------------------
// Applying.

/// Applies an edit in place and returns its inverse: the edit that undoes
/// it exactly. On error the document is unchanged and the message says why,
/// in words for the user.
pub fn apply(org: &mut Org, edit: &Edit) -> Result<Edit, String> {
    step(org, edit)
}

/// Checks an edit without changing anything (the inspector validates
/// drafts this way, with no copy of the org). A batch is checked edit by
/// edit against the current org.
pub fn validate(org: &Org, edit: &Edit) -> Result<(), String> {
    match edit {
        Edit::Batch(edits) => edits.iter().try_for_each(|e| validate(org, e)),
        _ => plan(org, edit).map(|_| ()),
    }
}

/// What an edit will do, worked out (and validated) without changing the
/// org: indices resolved, inverse data gathered.
enum Plan {
    Noop,
    /// Run the mutation for this edit (validated).
    Go(Resolved),
}

/// Resolved indices for the mutation half.
#[derive(Default)]
struct Resolved {
    a: usize,
    b: usize,
    c: usize,
    flag: bool,
}

fn r(a: usize) -> Resolved {
    Resolved {
        a,
        ..Resolved::default()
    }
}

fn plan(org: &Org, edit: &Edit) -> Result<Plan, String> {
    use Edit as E;
    Ok(Plan::Go(match edit {
        E::AddSeat { team, role } => {
            need_role(org, role)?;
            r(team_ix(org, team)?)
        }
        E::RemoveSeat { team, index } => {
            let t = team_ix(org, team)?;
            if *index >= org.teams[t].open_seats.len() {
                return Err("that open seat no longer exists".into());
            }
            r(t)
        }
        E::SetSeatRole { team, index, role } => {
            need_role(org, role)?;
            let t = team_ix(org, team)?;
            if *index >= org.teams[t].open_seats.len() {
                return Err("that open seat no longer exists".into());
            }
            r(t)
        }
        E::InsertSeat { team, index, seat } => {
            need_role(org, &seat.role)?;
            let t = team_ix(org, team)?;
            if *index > org.teams[t].open_seats.len() {
                return Err("that open seat position no longer exists".into());
            }
            r(t)
        }
        E::SetPersonRole { person, role } => {
            need_role(org, role)?;
            r(person_ix(org, person)?)
        }
        E::AddToTeam { team, person, .. } => {
            need_person(org, person)?;
            let t = team_ix(org, team)?;
            if org.teams[t].member(person).is_some() {
                return Err(format!("{person} is already in {}", org.teams[t].name));
            }
            r(t)
        }
        E::MoveToTeam { person, from, to } => {
            if from == to {
                return Err("already in that team".into());
            }
            need_person(org, person)?;
            let (f, t) = (team_ix(org, from)?, team_ix(org, to)?);
            if org.teams[t].member(person).is_some() {
                return Err(format!("{person} is already in that team"));
            }
            let pos = org.teams[f]
                .members
                .iter()
                .position(|m| &m.person == person)
                .ok_or_else(|| format!("{person} is not in {}", org.teams[f].name))?;
            Resolved {
                a: f,
                b: t,
                c: pos,
                flag: false,
            }
        }
        E::RemoveFromTeam { team, person } => {
            let t = team_ix(org, team)?;
            let pos = org.teams[t]
                .members
                .iter()
                .position(|m| &m.person == person)
                .ok_or_else(|| format!("{person} is not in {}", org.teams[t].name))?;
            Resolved {
                a: t,
                b: pos,
                ..Resolved::default()
            }
        }
        E::FillSeat {
            team,
            index,
            person,
        } => {
            need_person(org, person)?;
            let t = team_ix(org, team)?;
            if *index >= org.teams[t].open_seats.len() {
                return Err("that open seat no longer exists".into());
            }
            Resolved {
                a: t,
                flag: org.teams[t].member(person).is_none(),
                ..Resolved::default()
            }
        }
        E::AddToInitiative {
            initiative, person, ..
        } => {
            let p = person_ix(org, person)?;
            let i = ini_ix(org, initiative)?;
            let ini = &org.initiatives[i];
            if ini.members.iter().any(|m| &m.person == person) {
                return Err(format!("{person} is already on {}", ini.name));
            }
            Resolved {
                a: i,
                flag: ini.lead.is_none() && is_coordinator(&org.people[p]),
                ..Resolved::default()
            }
        }
        E::RemoveFromInitiative { initiative, person } => {
            let i = ini_ix(org, initiative)?;
            let ini = &org.initiatives[i];
            let pos = ini.members.iter().position(|m| &m.person == person);
            let lead = ini.lead.as_ref() == Some(person);
            if pos.is_none() && !lead {
                return Ok(Plan::Noop);
            }
            Resolved {
                a: i,
                b: pos.map_or(usize::MAX, |p| p),
                flag: lead,
                ..Resolved::default()
            }
        }
        E::SetAllocation { card, person, .. } | E::RemoveMember { card, person } => {
            let pos = members_of(org, card)?
                .iter()
                .position(|m| &m.person == person)
                .ok_or_else(|| format!("{person} is not a member there"))?;
            r(pos)
        }
        E::InsertMember {
            card,
            index,
            member,
        } => {
            need_person(org, &member.person)?;
            let members = members_of(org, card)?;
            if *index > members.len() {
                return Err("that membership position no longer exists".into());
            }
            if members.iter().any(|m| m.person == member.person) {
                return Err(format!("{} is already a member there", member.person));
            }
            r(0)
        }
        E::MoveCard { card, to } => {
            if !(to.x.is_finite() && to.y.is_finite()) {
                return Err("invalid position".into());
            }
            members_of(org, card)?;
            r(0)
        }
        E::SetPosition { card, to } => {
            if to.is_some_and(|p| !(p.x.is_finite() && p.y.is_finite())) {
                return Err("invalid position".into());
            }
            members_of(org, card)?;
            r(0)
        }
        E::SetLead { initiative, lead } => {
            if let Some(l) = lead {
                need_person(org, l)?;
            }
            r(ini_ix(org, initiative)?)
        }
        E::SetManager { person, manager } => {
            let p = person_ix(org, person)?;
            if let Some(m) = manager {
                need_person(org, m)?;
                if would_cycle(org, person, m) {
                    return Err(cycle_message(org, person, m));
                }
            }
            r(p)
        }
        E::UpdatePerson { id, person } => r(check_update_person(org, id, person)?),
        E::UpdateTeam { id, team } => r(check_update_team(org, id, team)?),
        E::UpdateInitiative { id, initiative } => r(check_update_initiative(org, id, initiative)?),
        E::AddPerson(p) => {
            check_id("person", p.id.as_str())?;
            if org.person(&p.id).is_some() {
                return Err(format!("a person with id \"{}\" already exists", p.id));
            }
            need_role(org, &p.role)?;
            r(0)
        }
        E::AddTeam(t) => {
            check_id("team", t.id.as_str())?;
            if org.team(&t.id).is_some() {
                return Err(format!("a team with id \"{}\" already exists", t.id));
            }
            r(0)
        }
        E::AddInitiative(i) => {
            check_id("initiative", i.id.as_str())?;
            if org.initiative(&i.id).is_some() {
                return Err(format!("an initiative with id \"{}\" already exists", i.id));
            }
            r(0)
        }
        E::DeletePerson(id) => r(person_ix(org, id)?),
        E::DeleteTeam(id) => r(team_ix(org, id)?),
        E::DeleteInitiative(id) => r(ini_ix(org, id)?),
        E::RestorePerson(rp) => {
            if rp.index > org.people.len() || org.person(&rp.person.id).is_some() {
                return Err(format!("cannot restore person \"{}\"", rp.person.id));
            }
            r(0)
        }
        E::RestoreTeam(rt) => {
            if rt.index > org.teams.len() || org.team(&rt.team.id).is_some() {
                return Err(format!("cannot restore team \"{}\"", rt.team.id));
            }
            r(0)
        }
        E::RestoreInitiative { index, initiative } => {
            if *index > org.initiatives.len() || org.initiative(&initiative.id).is_some() {
                return Err(format!("cannot restore initiative \"{}\"", initiative.id));
            }
            r(0)
        }
        E::AddWaiver(w) | E::InsertWaiver { waiver: w, .. } => {
            if w.reason.trim().is_empty() {
                return Err("a waiver needs a reason".into());
            }
            if let E::InsertWaiver { index, .. } = edit
                && *index > org.waivers.len()
            {
                return Err("that waiver position no longer exists".into());
            }
            r(0)
        }
        E::RemoveWaiver(i) => {
            if *i >= org.waivers.len() {
                return Err("that waiver no longer exists".into());
            }
            r(0)
        }
        E::SetOrgName(name) => {
            if name.trim().is_empty() {
                return Err("the org needs a name".into());
            }
            r(0)
        }
        E::ReplaceOrg(_) => r(0),
        E::Batch(_) => r(0),
    }))
}

/// Validates (plan) then mutates; returns the inverse.
fn step(org: &mut Org, edit: &Edit) -> Result<Edit, String> {
    use Edit as E;
    if let E::Batch(edits) = edit {
        return apply_batch(org, edits);
    }
    let res = match plan(org, edit)? {
        Plan::Noop => return Ok(E::Batch(Vec::new())),
        Plan::Go(res) => res,
    };
    Ok(match edit {
        E::AddSeat { team, role } => {
            let t = &mut org.teams[res.a];
            t.open_seats.push(OpenSeat {
                role: role.clone(),
                note: String::new(),
            });
            E::RemoveSeat {
                team: team.clone(),
                index: t.open_seats.len() - 1,
            }
        }
        E::RemoveSeat { team, index } => {
            let seat = org.teams[res.a].open_seats.remove(*index);
            E::InsertSeat {
                team: team.clone(),
                index: *index,
                seat,
            }
        }
        E::InsertSeat { team, index, seat } => {
            org.teams[res.a].open_seats.insert(*index, seat.clone());
            E::RemoveSeat {
                team: team.clone(),
                index: *index,
            }
        }
        E::SetSeatRole { team, index, role } => {
            let seat = &mut org.teams[res.a].open_seats[*index];
            let old = std::mem::replace(&mut seat.role, role.clone());
            E::SetSeatRole {
                team: team.clone(),
                index: *index,
                role: old,
            }
        }
        E::SetPersonRole { role, .. } => {
            let p = &mut org.people[res.a];
            let before = p.clone();
            p.role = role.clone();
            p.hats.retain(|h| h != role);
            E::UpdatePerson {
                id: before.id.clone(),
                person: before,
            }
        }
        E::AddToTeam {
            team,
            person,
            allocation,
        } => {
            org.teams[res.a]
                .members
                .push(Member::new(person.clone(), *allocation));
            E::RemoveMember {
                card: CardId::Team(team.clone()),
                person: person.clone(),
            }
        }
        E::MoveToTeam { person, from, to } => {
            let member = org.teams[res.a].members.remove(res.c);
            org.teams[res.b].members.push(member.clone());
            E::Batch(vec![
                E::RemoveMember {
                    card: CardId::Team(to.clone()),
                    person: person.clone(),
                },
                E::InsertMember {
                    card: CardId::Team(from.clone()),
                    index: res.c,
                    member,
                },
            ])
        }
        E::RemoveFromTeam { team, .. } => {
            let member = org.teams[res.a].members.remove(res.b);
            E::InsertMember {
                card: CardId::Team(team.clone()),
                index: res.b,
                member,
            }
        }
        E::FillSeat {
            team,
            index,
            person,
        } => {
            let t = &mut org.teams[res.a];
            let seat = t.open_seats.remove(*index);
            let mut undo = Vec::new();
            if res.flag {
                t.members
                    .push(Member::new(person.clone(), Allocation::FULL));
                undo.push(E::RemoveMember {
                    card: CardId::Team(team.clone()),
                    person: person.clone(),
                });
            }
            undo.push(E::InsertSeat {
                team: team.clone(),
                index: *index,
                seat,
            });
            E::Batch(undo)
        }
        E::AddToInitiative {
            initiative,
            person,
            allocation,
        } => {
            let ini = &mut org.initiatives[res.a];
            ini.members.push(Member::new(person.clone(), *allocation));
            let remove = E::RemoveMember {
                card: CardId::Initiative(initiative.clone()),
                person: person.clone(),
            };
            if res.flag {
                ini.lead = Some(person.clone());
                E::Batch(vec![
                    E::SetLead {
                        initiative: initiative.clone(),
                        lead: None,
                    },
                    remove,
                ])
            } else {
                remove
            }
        }
        E::RemoveFromInitiative { initiative, .. } => {
            let ini = &mut org.initiatives[res.a];
            let mut undo = Vec::new();
            if res.b != usize::MAX {
                let member = ini.members.remove(res.b);
                undo.push(E::InsertMember {
                    card: CardId::Initiative(initiative.clone()),
                    index: res.b,
                    member,
                });
            }
            if res.flag {
                undo.push(E::SetLead {
                    initiative: initiative.clone(),
                    lead: ini.lead.take(),
                });
            }
            one_or_batch(undo)
        }
        E::SetAllocation {
            card,
            person,
            allocation,
        } => {
            let members = members_mut(org, card)?;
            let old = std::mem::replace(&mut members[res.a].allocation, *allocation);
            E::SetAllocation {
                card: card.clone(),
                person: person.clone(),
                allocation: old,
            }
        }
        E::InsertMember {
            card,
            index,
            member,
        } => {
            members_mut(org, card)?.insert(*index, member.clone());
            E::RemoveMember {
                card: card.clone(),
                person: member.person.clone(),
            }
        }
        E::RemoveMember { card, .. } => {
            let member = members_mut(org, card)?.remove(res.a);
            E::InsertMember {
                card: card.clone(),
                index: res.a,
                member,
            }
        }
        E::MoveCard { card, to } => {
            let old = position_mut(org, card)?.replace(*to);
            E::SetPosition {
                card: card.clone(),
                to: old,
            }
        }
        E::SetPosition { card, to } => {
            let slot = position_mut(org, card)?;
            let old = std::mem::replace(slot, *to);
            E::SetPosition {
                card: card.clone(),
                to: old,
            }
        }
        E::SetLead { initiative, lead } => {
            let old = std::mem::replace(&mut org.initiatives[res.a].lead, lead.clone());
            E::SetLead {
                initiative: initiative.clone(),
                lead: old,
            }
        }
        E::SetManager { person, manager } => {
            let old = std::mem::replace(&mut org.people[res.a].manager, manager.clone());
            E::SetManager {
                person: person.clone(),
                manager: old,
            }
        }
        E::UpdatePerson { id, person } => {
            let old = std::mem::replace(&mut org.people[res.a], person.clone());
            if &person.id != id {
                rename_person(org, id, &person.id);
            }
            E::UpdatePerson {
                id: person.id.clone(),
                person: old,
            }
        }
        E::UpdateTeam { id, team } => {
            let old = std::mem::replace(&mut org.teams[res.a], team.clone());
            if &team.id != id {
                rename_team(org, id, &team.id);
            }
            E::UpdateTeam {
                id: team.id.clone(),
                team: old,
            }
        }
        E::UpdateInitiative { id, initiative } => {
            let old = std::mem::replace(&mut org.initiatives[res.a], initiative.clone());
            if &initiative.id != id {
                rename_waiver_subjects(
                    org,
                    &Subject::Initiative(id.clone()),
                    &Subject::Initiative(initiative.id.clone()),
                );
            }
            E::UpdateInitiative {
                id: initiative.id.clone(),
                initiative: old,
            }
        }
        E::AddPerson(p) => {
            org.people.push(p.clone());
            E::DeletePerson(p.id.clone())
        }
        E::AddTeam(t) => {
            org.teams.push(t.clone());
            E::DeleteTeam(t.id.clone())
        }
        E::AddInitiative(i) => {
            org.initiatives.push(i.clone());
            E::DeleteInitiative(i.id.clone())
        }
        E::DeletePerson(id) => E::RestorePerson(Box::new(delete_person(org, res.a, id))),
        E::RestorePerson(rp) => {
            restore_person(org, rp);
            E::DeletePerson(rp.person.id.clone())
        }
        E::DeleteTeam(id) => E::RestoreTeam(Box::new(delete_team(org, res.a, id))),
        E::RestoreTeam(rt) => {
            restore_team(org, rt);
            E::DeleteTeam(rt.team.id.clone())
        }
        E::DeleteInitiative(_) => {
            let initiative = org.initiatives.remove(res.a);
            E::RestoreInitiative {
                index: res.a,
                initiative: Box::new(initiative),
            }
        }
        E::RestoreInitiative { index, initiative } => {
            org.initiatives.insert(*index, (**initiative).clone());
            E::DeleteInitiative(initiative.id.clone())
        }
        E::AddWaiver(w) => {
            org.waivers.push(w.clone());
            E::RemoveWaiver(org.waivers.len() - 1)
        }
        E::InsertWaiver { index, waiver } => {
            org.waivers.insert(*index, waiver.clone());
            E::RemoveWaiver(*index)
        }
        E::RemoveWaiver(i) => {
            let waiver = org.waivers.remove(*i);
            E::InsertWaiver { index: *i, waiver }
        }
        E::SetOrgName(name) => E::SetOrgName(std::mem::replace(&mut org.name, name.clone())),
        E::ReplaceOrg(new) => E::ReplaceOrg(Box::new(std::mem::replace(org, (**new).clone()))),
        E::Batch(_) => unreachable!("handled above"),
    })
}

fn one_or_batch(mut edits: Vec<Edit>) -> Edit {
    if edits.len() == 1 {
        edits.pop().unwrap_or(Edit::Batch(Vec::new()))
    } else {
        Edit::Batch(edits)
    }
}

/// Applies a batch all or nothing: on the first failure, the edits already
/// applied are undone (their inverses, in reverse order).
fn apply_batch(org: &mut Org, edits: &[Edit]) -> Result<Edit, String> {
    let mut inverses = Vec::with_capacity(edits.len());
    for e in edits {
        match step(org, e) {
            Ok(inv) => inverses.push(inv),
            Err(msg) => {
                for inv in inverses.iter().rev() {
                    // Inverses of edits that just applied cannot fail.
                    let _ = step(org, inv);
                }
                return Err(msg);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

fn check_update_person(org: &Org, id: &PersonId, new: &Person) -> Result<usize, String> {
    let k = person_ix(org, id)?;
    check_id("person", new.id.as_str())?;
    if new.name.trim().is_empty() {
        return Err("a person needs a name".into());
    }
    if &new.id != id && org.person(&new.id).is_some() {
        return Err(format!("another person already has the id \"{}\"", new.id));
    }
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
        return Err(cycle_message(org, id, m));
    }
    Ok(k)
}

fn check_update_team(org: &Org, id: &TeamId, new: &Team) -> Result<usize, String> {
    let k = team_ix(org, id)?;
    check_id("team", new.id.as_str())?;
    if new.name.trim().is_empty() {
        return Err("a team needs a name".into());
    }
    if &new.id != id && org.team(&new.id).is_some() {
        return Err(format!("another team already has the id \"{}\"", new.id));
    }
    let mut seen = std::collections::HashSet::new();
    for m in &new.members {
        need_person(org, &m.person)?;
        if !seen.insert(&m.person) {
            return Err(format!("{} is listed twice", m.person));
        }
    }
    for s in &new.open_seats {
        need_role(org, &s.role)?;
    }
    for d in &new.depends_on {
        if d == id || d == &new.id {
            return Err("a team cannot depend on itself".into());
        }
        if org.team(d).is_none() {
            return Err(format!("team \"{d}\" does not exist"));
        }
    }
    if new
        .position
        .is_some_and(|p| !(p.x.is_finite() && p.y.is_finite()))
    {
        return Err("invalid position".into());
    }
    Ok(k)
}

fn check_update_initiative(
    org: &Org,
    id: &InitiativeId,
    new: &Initiative,
) -> Result<usize, String> {
    let k = ini_ix(org, id)?;
    check_id("initiative", new.id.as_str())?;
    if new.name.trim().is_empty() {
        return Err("an initiative needs a name".into());
    }
    if &new.id != id && org.initiative(&new.id).is_some() {
        return Err(format!(
            "another initiative already has the id \"{}\"",
            new.id
        ));
    }
    for t in &new.teams {
        if org.team(t).is_none() {
            return Err(format!("team \"{t}\" does not exist"));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for m in &new.members {
        need_person(org, &m.person)?;
        if !seen.insert(&m.person) {
            return Err(format!("{} is listed twice", m.person));
        }
    }
    for p in new.lead.iter().chain(&new.sponsor) {
        need_person(org, p)?;
    }
    Ok(k)
}

fn rename_waiver_subjects(org: &mut Org, from: &Subject, to: &Subject) {
    for w in &mut org.waivers {
        if &w.subject == from {
            w.subject = to.clone();
        }
    }
}

fn rename_person(org: &mut Org, from: &PersonId, to: &PersonId) {
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
    rename_waiver_subjects(
        org,
        &Subject::Person(from.clone()),
        &Subject::Person(to.clone()),
    );
}

fn rename_team(org: &mut Org, from: &TeamId, to: &TeamId) {
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
    rename_waiver_subjects(
        org,
        &Subject::Team(from.clone()),
        &Subject::Team(to.clone()),
    );
}

/// Removes person `k` and every reference to them; returns how to put
/// everything back.
fn delete_person(org: &mut Org, k: usize, id: &PersonId) -> RestorePerson {
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

fn restore_person(org: &mut Org, rp: &RestorePerson) {
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

/// Removes team `k` and every reference to it; returns how to put it back.
fn delete_team(org: &mut Org, k: usize, id: &TeamId) -> RestoreTeam {
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

fn restore_team(org: &mut Org, rt: &RestoreTeam) {
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
mod tests {
    use super::*;

    fn org() -> Org {
        crate::io::load_str(crate::samples::BUILTIN, "builtin").unwrap()
    }

    fn pid(s: &str) -> PersonId {
        PersonId::new(s)
    }

    fn tid(s: &str) -> TeamId {
        TeamId::new(s)
    }

    #[test]
    fn move_keeps_allocation_and_refuses_duplicates() {
        let mut o = org();
        apply(
            &mut o,
            &Edit::MoveToTeam {
                person: pid("nadia"),
                from: tid("search"),
                to: tid("checkout"),
            },
        )
        .unwrap();
        assert_eq!(
            o.team(&tid("checkout"))
                .unwrap()
                .member(&pid("nadia"))
                .unwrap()
                .allocation
                .percent(),
            50
        );
        assert!(
            o.team(&tid("search"))
                .unwrap()
                .member(&pid("nadia"))
                .is_none()
        );
        let before = o.clone();
        let e = apply(
            &mut o,
            &Edit::MoveToTeam {
                person: pid("nadia"),
                from: tid("growth"),
                to: tid("checkout"),
            },
        );
        assert!(e.is_err());
        assert_eq!(o, before, "a refused edit changed the document");
    }

    #[test]
    fn fill_seat_removes_it() {
        let mut o = org();
        let seats = o.team(&tid("checkout")).unwrap().open_seats.len();
        apply(
            &mut o,
            &Edit::FillSeat {
                team: tid("checkout"),
                index: 0,
                person: pid("tomas"),
            },
        )
        .unwrap();
        let t = o.team(&tid("checkout")).unwrap();
        assert_eq!(t.open_seats.len(), seats - 1);
        assert_eq!(
            t.member(&pid("tomas")).unwrap().allocation,
            Allocation::FULL
        );
    }

    #[test]
    fn coordinator_becomes_lead() {
        let mut o = org();
        let ini = InitiativeId::new("eu-expansion");
        apply(
            &mut o,
            &Edit::AddToInitiative {
                initiative: ini.clone(),
                person: pid("erin"),
                allocation: Allocation::new(20).unwrap(),
            },
        )
        .unwrap();
        assert_eq!(o.initiative(&ini).unwrap().lead, Some(pid("erin")));
    }

    #[test]
    fn manager_cycles_are_refused() {
        let mut o = org();
        let e = apply(
            &mut o,
            &Edit::SetManager {
                person: pid("priya"),
                manager: Some(pid("bo")),
            },
        )
        .unwrap_err();
        assert!(e.contains("reporting chain"), "{e}");
        apply(
            &mut o,
            &Edit::SetManager {
                person: pid("bo"),
                manager: Some(pid("henrik")),
            },
        )
        .unwrap();
        assert_eq!(o.person(&pid("bo")).unwrap().manager, Some(pid("henrik")));
    }

    #[test]
    fn renaming_a_person_updates_references() {
        let mut o = org();
        let mut alice = o.person(&pid("alice")).unwrap().clone();
        alice.id = pid("alice-chen");
        apply(
            &mut o,
            &Edit::UpdatePerson {
                id: pid("alice"),
                person: alice,
            },
        )
        .unwrap();
        assert!(
            o.team(&tid("checkout"))
                .unwrap()
                .member(&pid("alice-chen"))
                .is_some()
        );
        assert_eq!(
            o.person(&pid("bo")).unwrap().manager,
            Some(pid("alice-chen"))
        );
        // The result is still a valid file.
        let text = crate::io::to_canonical_string(&o);
        crate::io::load_str(&text, "x").unwrap();
    }

    #[test]
    fn invalid_updates_are_refused() {
        let mut o = org();
        let mut bo = o.person(&pid("bo")).unwrap().clone();
        bo.id = pid("alice");
        assert!(
            apply(
                &mut o,
                &Edit::UpdatePerson {
                    id: pid("bo"),
                    person: bo.clone()
                }
            )
            .unwrap_err()
            .contains("already has the id")
        );
        bo.id = pid("b o");
        assert!(
            apply(
                &mut o,
                &Edit::UpdatePerson {
                    id: pid("bo"),
                    person: bo
                }
            )
            .is_err()
        );
    }

    #[test]
    fn deleting_cleans_references() {
        let mut o = org();
        apply(&mut o, &Edit::DeletePerson(pid("erin"))).unwrap();
        apply(&mut o, &Edit::DeleteTeam(tid("payments"))).unwrap();
        let text = crate::io::to_canonical_string(&o);
        crate::io::load_str(&text, "x").unwrap();
    }

    #[test]
    fn batches_are_all_or_nothing() {
        let mut o = org();
        let before = o.clone();
        let bad = Edit::Batch(vec![
            Edit::MoveCard {
                card: CardId::Team(tid("checkout")),
                to: Point { x: 1.0, y: 2.0 },
            },
            Edit::MoveCard {
                card: CardId::Team(tid("nope")),
                to: Point { x: 1.0, y: 2.0 },
            },
        ]);
        assert!(apply(&mut o, &bad).is_err());
        assert_eq!(o, before);
        let good = Edit::Batch(vec![
            Edit::MoveCard {
                card: CardId::Team(tid("checkout")),
                to: Point { x: 1.0, y: 2.0 },
            },
            Edit::MoveCard {
                card: CardId::Team(tid("search")),
                to: Point { x: 3.0, y: 4.0 },
            },
        ]);
        apply(&mut o, &good).unwrap();
        assert_eq!(
            o.team(&tid("search")).unwrap().position,
            Some(Point { x: 3.0, y: 4.0 })
        );
        assert_eq!(good.label(), "move cards");
    }

    #[test]
    fn fresh_ids() {
        assert_eq!(fresh_id("New team", |s| s == "new-team"), "new-team-2");
        assert_eq!(free_allocation(&org(), &pid("nadia")), 0);
        assert_eq!(free_allocation(&org(), &pid("tomas")), 100);
    }
}

/// Example edits, one of every kind the app makes (for tests and
/// benchmarks of the inverse path).
#[doc(hidden)]
pub mod examples {
    use super::*;
    use crate::model::{Date, Subject};

    fn p(s: &str) -> PersonId {
        PersonId::new(s)
    }

    fn t(s: &str) -> TeamId {
        TeamId::new(s)
    }

    /// One edit of every kind the app makes, on the built-in sample.
    pub fn every_kind(o: &Org) -> Vec<Edit> {
        let mut alice = o.person(&p("alice")).unwrap().clone();
        alice.id = p("alice-chen");
        alice.name = "Alice C.".into();
        alice.hats.push(RoleId::new("PMT"));
        let mut checkout = o.team(&t("checkout")).unwrap().clone();
        checkout.id = t("checkout-team");
        checkout.open_seats.clear();
        checkout.members.reverse();
        let ini = InitiativeId::new("eu-expansion");
        let mut eu = o.initiative(&ini).unwrap().clone();
        eu.id = InitiativeId::new("eu");
        eu.teams.reverse();
        eu.sponsor = None;
        vec![
            Edit::AddSeat {
                team: t("search"),
                role: RoleId::new("PMT"),
            },
            Edit::RemoveSeat {
                team: t("checkout"),
                index: 0,
            },
            Edit::SetSeatRole {
                team: t("checkout"),
                index: 0,
                role: RoleId::new("TPM"),
            },
            Edit::SetPersonRole {
                person: p("bo"),
                role: RoleId::new("TLM"),
            },
            Edit::AddToTeam {
                team: t("search"),
                person: p("tomas"),
                allocation: Allocation::new(40).unwrap(),
            },
            Edit::MoveToTeam {
                person: p("nadia"),
                from: t("search"),
                to: t("checkout"),
            },
            Edit::RemoveFromTeam {
                team: t("checkout"),
                person: p("alice"),
            },
            Edit::FillSeat {
                team: t("checkout"),
                index: 0,
                person: p("tomas"),
            },
            Edit::AddToInitiative {
                initiative: ini.clone(),
                person: p("erin"),
                allocation: Allocation::new(20).unwrap(),
            },
            Edit::RemoveFromInitiative {
                initiative: InitiativeId::new("payments-v2"),
                person: o
                    .initiative(&InitiativeId::new("payments-v2"))
                    .unwrap()
                    .lead
                    .clone()
                    .unwrap(),
            },
            Edit::SetAllocation {
                card: CardId::Team(t("search")),
                person: p("nadia"),
                allocation: Allocation::new(10).unwrap(),
            },
            Edit::MoveCard {
                card: CardId::Team(t("search")),
                to: Point { x: -5.0, y: 7.5 },
            },
            Edit::SetManager {
                person: p("bo"),
                manager: Some(p("henrik")),
            },
            Edit::SetManager {
                person: p("bo"),
                manager: None,
            },
            Edit::UpdatePerson {
                id: p("alice"),
                person: alice,
            },
            Edit::UpdateTeam {
                id: t("checkout"),
                team: checkout,
            },
            Edit::UpdateInitiative {
                id: ini.clone(),
                initiative: eu,
            },
            Edit::AddPerson(Person::new("new-person", "New person", "Engineer")),
            Edit::AddTeam(Team::new("new-team", "New team")),
            Edit::AddInitiative(Initiative::new("new-ini", "New initiative")),
            Edit::DeletePerson(p("alice")),
            Edit::DeletePerson(p("priya")),
            Edit::DeleteTeam(t("payments")),
            Edit::DeleteTeam(t("checkout")),
            Edit::DeleteInitiative(ini.clone()),
            Edit::AddWaiver(Waiver {
                rule: "C002".into(),
                subject: Subject::Team(t("checkout")),
                capability: None,
                reason: "because".into(),
                until: Some(Date::parse("2027-01-01").unwrap()),
            }),
            Edit::RemoveWaiver(0),
            Edit::SetOrgName("Renamed".into()),
            Edit::SetLead {
                initiative: ini.clone(),
                lead: Some(p("erin")),
            },
            Edit::SetPosition {
                card: CardId::Initiative(ini.clone()),
                to: None,
            },
            Edit::ReplaceOrg(Box::default()),
            Edit::Batch(vec![
                Edit::MoveCard {
                    card: CardId::Team(t("checkout")),
                    to: Point { x: 1.0, y: 2.0 },
                },
                Edit::DeleteTeam(t("search")),
            ]),
        ]
    }
}

#[cfg(test)]
mod inverse_tests {
    use super::*;
    use crate::io::to_canonical_string;

    fn org() -> Org {
        crate::io::load_str(crate::samples::BUILTIN, "builtin").unwrap()
    }

    fn p(s: &str) -> PersonId {
        PersonId::new(s)
    }

    fn t(s: &str) -> TeamId {
        TeamId::new(s)
    }

    #[test]
    fn every_edit_kind_undoes_and_redoes_byte_for_byte() {
        let base = org();
        let before = to_canonical_string(&base);
        for edit in super::examples::every_kind(&base) {
            let mut o = base.clone();
            let inverse = apply(&mut o, &edit).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
            let after = to_canonical_string(&o);
            assert_ne!(after, before, "{edit:?} changed nothing");
            let redo = apply(&mut o, &inverse).unwrap_or_else(|e| panic!("undo {edit:?}: {e}"));
            assert_eq!(to_canonical_string(&o), before, "undo of {edit:?}");
            assert_eq!(o, base, "undo of {edit:?} (model)");
            apply(&mut o, &redo).unwrap_or_else(|e| panic!("redo {edit:?}: {e}"));
            assert_eq!(to_canonical_string(&o), after, "redo of {edit:?}");
            // The result is still a valid file.
            crate::io::load_str(&after, "x").unwrap_or_else(|e| panic!("{edit:?}: {e}"));
        }
    }

    #[test]
    fn validate_agrees_with_apply_and_changes_nothing() {
        let base = org();
        for edit in super::examples::every_kind(&base) {
            let o = base.clone();
            validate(&o, &edit).unwrap();
            assert_eq!(o, base);
        }
        let bad = Edit::SetManager {
            person: p("priya"),
            manager: Some(p("bo")),
        };
        assert!(
            validate(&base, &bad)
                .unwrap_err()
                .contains("reporting chain")
        );
    }

    #[test]
    fn a_failing_batch_rolls_back_what_it_applied() {
        let mut o = org();
        let before = o.clone();
        let e = Edit::Batch(vec![
            Edit::DeletePerson(p("alice")),
            Edit::MoveToTeam {
                person: p("nadia"),
                from: t("search"),
                to: t("checkout"),
            },
            Edit::DeleteTeam(t("nope")),
        ]);
        assert!(apply(&mut o, &e).is_err());
        assert_eq!(o, before);
    }

    #[test]
    fn self_references_survive_delete_and_restore() {
        let mut o = org();
        let k = o.people.iter().position(|x| x.id == p("bo")).unwrap();
        o.people[k].dotted = vec![p("bo"), p("alice"), p("bo")];
        o.people[k].manager = Some(p("bo"));
        let before = o.clone();
        let inv = apply(&mut o, &Edit::DeletePerson(p("bo"))).unwrap();
        apply(&mut o, &inv).unwrap();
        assert_eq!(o, before);
    }
}

#[cfg(test)]
mod inverse_props {
    use super::*;
    use proptest::prelude::*;

    /// A random edit that may or may not be valid on `o` (invalid ones must
    /// be refused without changing anything).
    fn random_edit(o: &Org, r: &mut crate::generate::Rng) -> Edit {
        let person = |r: &mut crate::generate::Rng| {
            if o.people.is_empty() {
                PersonId::new("nobody")
            } else {
                r.pick(&o.people).id.clone()
            }
        };
        let team = |r: &mut crate::generate::Rng| {
            if o.teams.is_empty() {
                TeamId::new("none")
            } else {
                r.pick(&o.teams).id.clone()
            }
        };
        let ini = |r: &mut crate::generate::Rng| {
            if o.initiatives.is_empty() {
                InitiativeId::new("none")
            } else {
                r.pick(&o.initiatives).id.clone()
            }
        };
        let roles = ["EM", "TLM", "PM", "PMT", "TPM", "PgM", "Engineer", "Nope"];
        let alloc = |r: &mut crate::generate::Rng| Allocation::new(r.range(1, 100) as u32).unwrap();
        match r.range(0, 22) {
            0 => Edit::AddSeat {
                team: team(r),
                role: RoleId::new(*r.pick(&roles)),
            },
            1 => Edit::RemoveSeat {
                team: team(r),
                index: r.range(0, 2),
            },
            2 => Edit::SetPersonRole {
                person: person(r),
                role: RoleId::new(*r.pick(&roles)),
            },
            3 => Edit::AddToTeam {
                team: team(r),
                person: person(r),
                allocation: alloc(r),
            },
            4 => Edit::MoveToTeam {
                person: person(r),
                from: team(r),
                to: team(r),
            },
            5 => Edit::RemoveFromTeam {
                team: team(r),
                person: person(r),
            },
            6 => Edit::FillSeat {
                team: team(r),
                index: 0,
                person: person(r),
            },
            7 => Edit::AddToInitiative {
                initiative: ini(r),
                person: person(r),
                allocation: alloc(r),
            },
            8 => Edit::RemoveFromInitiative {
                initiative: ini(r),
                person: person(r),
            },
            9 => Edit::SetManager {
                person: person(r),
                manager: r.chance(80).then(|| person(r)),
            },
            10 => Edit::DeletePerson(person(r)),
            11 => Edit::DeleteTeam(team(r)),
            12 => Edit::DeleteInitiative(ini(r)),
            13 => Edit::MoveCard {
                card: CardId::Team(team(r)),
                to: Point {
                    x: r.range(0, 999) as f32,
                    y: 3.0,
                },
            },
            14 => {
                let id = person(r);
                match o.person(&id) {
                    Some(x) => {
                        let mut x = x.clone();
                        x.id = PersonId::new(format!("{}-x", x.id));
                        x.dotted.push(person(r));
                        Edit::UpdatePerson { id, person: x }
                    }
                    None => Edit::DeletePerson(id),
                }
            }
            15 => {
                let id = team(r);
                match o.team(&id) {
                    Some(x) => {
                        let mut x = x.clone();
                        x.id = TeamId::new(format!("{}-x", x.id));
                        x.members.reverse();
                        Edit::UpdateTeam { id, team: x }
                    }
                    None => Edit::DeleteTeam(id),
                }
            }
            16 => Edit::AddPerson(Person::new(
                format!("p{}", r.range(0, 99)),
                "P",
                *r.pick(&roles),
            )),
            17 => Edit::AddTeam(Team::new(format!("t{}", r.range(0, 99)), "T")),
            18 => Edit::SetAllocation {
                card: CardId::Team(team(r)),
                person: person(r),
                allocation: alloc(r),
            },
            19 => Edit::SetLead {
                initiative: ini(r),
                lead: r.chance(50).then(|| person(r)),
            },
            20 => Edit::RemoveWaiver(r.range(0, 2)),
            _ => Edit::Batch(vec![random_edit(o, r), random_edit(o, r)]),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn random_edit_sequences_undo_to_the_same_bytes(seed in any::<u64>(), len in 1usize..40) {
            let base = crate::generate::generate(120, seed % 7);
            let before = crate::io::to_canonical_string(&base);
            let mut o = base.clone();
            let mut r = crate::generate::Rng::new(seed);
            let mut history = Vec::new();
            let mut states = vec![before.clone()];
            for _ in 0..len {
                let e = random_edit(&o, &mut r);
                let snapshot = o.clone();
                match apply(&mut o, &e) {
                    Ok(inv) => {
                        history.push((e, inv));
                        states.push(crate::io::to_canonical_string(&o));
                    }
                    Err(_) => prop_assert_eq!(&o, &snapshot, "refused edit changed the org: {:?}", e),
                }
            }
            // Every state is a valid file.
            crate::io::load_str(states.last().unwrap(), "x").unwrap();
            // Undo everything, checking each state on the way.
            let mut redo = Vec::new();
            while let Some((e, inv)) = history.pop() {
                let fwd = apply(&mut o, &inv).unwrap_or_else(|err| panic!("undo {e:?}: {err}"));
                states.pop();
                prop_assert_eq!(&crate::io::to_canonical_string(&o), states.last().unwrap());
                redo.push(fwd);
            }
            prop_assert_eq!(&o, &base);
            // And redo it all.
            while let Some(fwd) = redo.pop() {
                apply(&mut o, &fwd).unwrap();
            }
            crate::io::load_str(&crate::io::to_canonical_string(&o), "x").unwrap();
        }
    }
}
