//! Every change to a document, as data. The app turns gestures (drops,
//! menu items, inspector edits) into an [`Edit`]; [`apply`] is the one place
//! the document changes, so undo, dirty-tracking and re-analysis happen in
//! one place. No GUI code.

use crate::catalog::RoleCatalog;
use crate::model::{
    Allocation, Initiative, InitiativeId, Member, OpenSeat, Org, Person, PersonId, Point, RoleId,
    Team, TeamId, Waiver, id_problem,
};

/// A card on the canvas.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CardId {
    Team(TeamId),
    Initiative(InitiativeId),
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
    /// Several edits as one undo step; all or nothing.
    Batch(Vec<Edit>),
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
            Edit::MoveCard { .. } => "move card",
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
            Edit::Batch(edits) => match edits.first() {
                Some(Edit::MoveCard { .. }) => "move cards",
                Some(Edit::DeleteTeam(_) | Edit::DeleteInitiative(_)) => "delete cards",
                _ => "edit several",
            },
        }
    }
}

fn team_mut<'a>(org: &'a mut Org, id: &TeamId) -> Result<&'a mut Team, String> {
    org.team_mut(id)
        .ok_or_else(|| format!("team \"{id}\" no longer exists"))
}

fn initiative_mut<'a>(org: &'a mut Org, id: &InitiativeId) -> Result<&'a mut Initiative, String> {
    org.initiative_mut(id)
        .ok_or_else(|| format!("initiative \"{id}\" no longer exists"))
}

fn need_person(org: &Org, id: &PersonId) -> Result<(), String> {
    org.person(id)
        .map(|_| ())
        .ok_or_else(|| format!("person \"{id}\" no longer exists"))
}

fn need_role(org: &Org, role: &RoleId) -> Result<(), String> {
    if RoleCatalog::new(&org.roles).contains(role) {
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

/// Applies an edit. On error the document is unchanged and the message says
/// why, in words for the user.
pub fn apply(org: &mut Org, edit: &Edit) -> Result<(), String> {
    let mut next = org.clone();
    apply_in_place(&mut next, edit)?;
    *org = next;
    Ok(())
}

fn apply_in_place(org: &mut Org, edit: &Edit) -> Result<(), String> {
    match edit {
        Edit::AddSeat { team, role } => {
            need_role(org, role)?;
            team_mut(org, team)?.open_seats.push(OpenSeat {
                role: role.clone(),
                note: String::new(),
            });
        }
        Edit::RemoveSeat { team, index } => {
            let t = team_mut(org, team)?;
            if *index >= t.open_seats.len() {
                return Err("that open seat no longer exists".into());
            }
            t.open_seats.remove(*index);
        }
        Edit::SetSeatRole { team, index, role } => {
            need_role(org, role)?;
            let t = team_mut(org, team)?;
            let seat = t
                .open_seats
                .get_mut(*index)
                .ok_or("that open seat no longer exists")?;
            seat.role = role.clone();
        }
        Edit::SetPersonRole { person, role } => {
            need_role(org, role)?;
            let p = org
                .person_mut(person)
                .ok_or_else(|| format!("person \"{person}\" no longer exists"))?;
            p.role = role.clone();
            p.hats.retain(|h| h != role);
        }
        Edit::AddToTeam {
            team,
            person,
            allocation,
        } => {
            need_person(org, person)?;
            let t = team_mut(org, team)?;
            if t.member(person).is_some() {
                return Err(format!("{person} is already in {}", t.name));
            }
            t.members.push(Member::new(person.clone(), *allocation));
        }
        Edit::MoveToTeam { person, from, to } => {
            if from == to {
                return Err("already in that team".into());
            }
            need_person(org, person)?;
            if team_mut(org, to)?.member(person).is_some() {
                return Err(format!("{person} is already in that team"));
            }
            let src = team_mut(org, from)?;
            let pos = src
                .members
                .iter()
                .position(|m| &m.person == person)
                .ok_or_else(|| format!("{person} is not in {}", src.name))?;
            let member = src.members.remove(pos);
            team_mut(org, to)?.members.push(member);
        }
        Edit::RemoveFromTeam { team, person } => {
            let t = team_mut(org, team)?;
            let before = t.members.len();
            t.members.retain(|m| &m.person != person);
            if t.members.len() == before {
                return Err(format!("{person} is not in {}", t.name));
            }
        }
        Edit::FillSeat {
            team,
            index,
            person,
        } => {
            need_person(org, person)?;
            let t = team_mut(org, team)?;
            if *index >= t.open_seats.len() {
                return Err("that open seat no longer exists".into());
            }
            t.open_seats.remove(*index);
            if t.member(person).is_none() {
                t.members
                    .push(Member::new(person.clone(), Allocation::FULL));
            }
        }
        Edit::AddToInitiative {
            initiative,
            person,
            allocation,
        } => {
            need_person(org, person)?;
            let coordinator = org.person(person).is_some_and(|p| {
                p.all_roles()
                    .any(|r| r.as_str() == "PgM" || r.as_str() == "TPM")
            });
            let ini = initiative_mut(org, initiative)?;
            if ini.members.iter().any(|m| &m.person == person) {
                return Err(format!("{person} is already on {}", ini.name));
            }
            ini.members.push(Member::new(person.clone(), *allocation));
            if coordinator && ini.lead.is_none() {
                ini.lead = Some(person.clone());
            }
        }
        Edit::RemoveFromInitiative { initiative, person } => {
            let ini = initiative_mut(org, initiative)?;
            ini.members.retain(|m| &m.person != person);
            if ini.lead.as_ref() == Some(person) {
                ini.lead = None;
            }
        }
        Edit::SetAllocation {
            card,
            person,
            allocation,
        } => {
            let members = match card {
                CardId::Team(t) => &mut team_mut(org, t)?.members,
                CardId::Initiative(i) => &mut initiative_mut(org, i)?.members,
            };
            let m = members
                .iter_mut()
                .find(|m| &m.person == person)
                .ok_or_else(|| format!("{person} is not a member there"))?;
            m.allocation = *allocation;
        }
        Edit::MoveCard { card, to } => {
            if !(to.x.is_finite() && to.y.is_finite()) {
                return Err("invalid position".into());
            }
            match card {
                CardId::Team(t) => team_mut(org, t)?.position = Some(*to),
                CardId::Initiative(i) => initiative_mut(org, i)?.position = Some(*to),
            }
        }
        Edit::SetManager { person, manager } => {
            need_person(org, person)?;
            if let Some(m) = manager {
                need_person(org, m)?;
                if would_cycle(org, person, m) {
                    let name =
                        |id: &PersonId| org.person(id).map_or(id.to_string(), |p| p.name.clone());
                    return Err(format!(
                        "{} cannot report to {}: {} is already in {}'s reporting chain",
                        name(person),
                        name(m),
                        name(m),
                        name(person)
                    ));
                }
            }
            if let Some(p) = org.person_mut(person) {
                p.manager = manager.clone();
            }
        }
        Edit::UpdatePerson { id, person } => update_person(org, id, person)?,
        Edit::UpdateTeam { id, team } => update_team(org, id, team)?,
        Edit::UpdateInitiative { id, initiative } => update_initiative(org, id, initiative)?,
        Edit::AddPerson(p) => {
            check_id("person", p.id.as_str())?;
            if org.person(&p.id).is_some() {
                return Err(format!("a person with id \"{}\" already exists", p.id));
            }
            need_role(org, &p.role)?;
            org.people.push(p.clone());
        }
        Edit::AddTeam(t) => {
            check_id("team", t.id.as_str())?;
            if org.team(&t.id).is_some() {
                return Err(format!("a team with id \"{}\" already exists", t.id));
            }
            org.teams.push(t.clone());
        }
        Edit::AddInitiative(i) => {
            check_id("initiative", i.id.as_str())?;
            if org.initiative(&i.id).is_some() {
                return Err(format!("an initiative with id \"{}\" already exists", i.id));
            }
            org.initiatives.push(i.clone());
        }
        Edit::DeletePerson(id) => {
            need_person(org, id)?;
            org.people.retain(|p| &p.id != id);
            for p in &mut org.people {
                if p.manager.as_ref() == Some(id) {
                    p.manager = None;
                }
                p.dotted.retain(|d| d != id);
            }
            for t in &mut org.teams {
                t.members.retain(|m| &m.person != id);
            }
            for i in &mut org.initiatives {
                i.members.retain(|m| &m.person != id);
                if i.lead.as_ref() == Some(id) {
                    i.lead = None;
                }
                if i.sponsor.as_ref() == Some(id) {
                    i.sponsor = None;
                }
            }
        }
        Edit::DeleteTeam(id) => {
            team_mut(org, id)?;
            org.teams.retain(|t| &t.id != id);
            for t in &mut org.teams {
                t.depends_on.retain(|d| d != id);
            }
            for i in &mut org.initiatives {
                i.teams.retain(|t| t != id);
            }
        }
        Edit::DeleteInitiative(id) => {
            initiative_mut(org, id)?;
            org.initiatives.retain(|i| &i.id != id);
        }
        Edit::AddWaiver(w) => {
            if w.reason.trim().is_empty() {
                return Err("a waiver needs a reason".into());
            }
            org.waivers.push(w.clone());
        }
        Edit::RemoveWaiver(i) => {
            if *i >= org.waivers.len() {
                return Err("that waiver no longer exists".into());
            }
            org.waivers.remove(*i);
        }
        Edit::SetOrgName(name) => {
            if name.trim().is_empty() {
                return Err("the org needs a name".into());
            }
            org.name = name.clone();
        }
        Edit::Batch(edits) => {
            for e in edits {
                apply_in_place(org, e)?;
            }
        }
    }
    Ok(())
}

fn update_person(org: &mut Org, id: &PersonId, new: &Person) -> Result<(), String> {
    need_person(org, id)?;
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
        && m != id
        && would_cycle(org, id, m)
    {
        return Err(format!(
            "{} cannot report to {}: that would make the reporting chain loop",
            new.name, m
        ));
    }
    if let Some(slot) = org.people.iter_mut().find(|p| &p.id == id) {
        *slot = new.clone();
    }
    if &new.id != id {
        rename_person(org, id, &new.id);
    }
    Ok(())
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
    for w in &mut org.waivers {
        if w.subject == crate::model::Subject::Person(from.clone()) {
            w.subject = crate::model::Subject::Person(to.clone());
        }
    }
}

fn update_team(org: &mut Org, id: &TeamId, new: &Team) -> Result<(), String> {
    team_mut(org, id)?;
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
        if d != id && d != &new.id && org.team(d).is_none() {
            return Err(format!("team \"{d}\" does not exist"));
        }
    }
    if let Some(slot) = org.teams.iter_mut().find(|t| &t.id == id) {
        *slot = new.clone();
    }
    if &new.id != id {
        for t in &mut org.teams {
            t.depends_on
                .iter_mut()
                .filter(|d| *d == id)
                .for_each(|d| *d = new.id.clone());
        }
        for i in &mut org.initiatives {
            i.teams
                .iter_mut()
                .filter(|t| *t == id)
                .for_each(|t| *t = new.id.clone());
        }
        for w in &mut org.waivers {
            if w.subject == crate::model::Subject::Team(id.clone()) {
                w.subject = crate::model::Subject::Team(new.id.clone());
            }
        }
    }
    Ok(())
}

fn update_initiative(org: &mut Org, id: &InitiativeId, new: &Initiative) -> Result<(), String> {
    initiative_mut(org, id)?;
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
    if let Some(slot) = org.initiatives.iter_mut().find(|i| &i.id == id) {
        *slot = new.clone();
    }
    if &new.id != id {
        for w in &mut org.waivers {
            if w.subject == crate::model::Subject::Initiative(id.clone()) {
                w.subject = crate::model::Subject::Initiative(new.id.clone());
            }
        }
    }
    Ok(())
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
