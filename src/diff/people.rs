//! People's changes: joined, left, moved, memberships, allocations, their
//! fields; and the open seats people filled.

use super::change::{ChangeKind as K, Named, NamedSubject};
use super::teams::seat_delta;
use super::{Changes, Memberships, memberships};
use crate::model::{OpenSeat, Org, Person, Subject, TeamId};
use rustc_hash::FxHashMap as HashMap;

/// Closed seats per team, and which of them people filled.
struct Seats<'o> {
    closed: HashMap<&'o str, Vec<&'o OpenSeat>>,
    filled: Vec<(&'o TeamId, &'o OpenSeat, &'o Person)>,
}

impl<'o> Seats<'o> {
    fn new(c: &Changes, base: &'o Org, proposal: &'o Org) -> Self {
        let mut closed: HashMap<&str, Vec<&OpenSeat>> = HashMap::default();
        for t in &proposal.teams {
            let Some(&ti) = c.names.teams_b.get(t.id.as_str()) else {
                continue;
            };
            for (_, s) in seat_delta(&base.teams[ti].open_seats, &t.open_seats).0 {
                closed.entry(t.id.as_str()).or_default().push(s);
            }
        }
        Seats {
            closed,
            filled: Vec::new(),
        }
    }

    /// Takes a closed seat of `person`'s role in `team`, if there is one.
    fn take(&mut self, team: &'o TeamId, person: &'o Person) -> bool {
        let Some(seats) = self.closed.get_mut(team.as_str()) else {
            return false;
        };
        match seats.iter().position(|s| s.role == person.role) {
            Some(k) => {
                let seat = seats.remove(k);
                self.filled.push((team, seat, person));
                true
            }
            None => false,
        }
    }

    /// Seats filled, then the closed seats nobody filled.
    fn report(self, c: &mut Changes) {
        for (team, seat, person) in self.filled {
            let t = Subject::Team(team.clone());
            let by = c.names.person(&person.id);
            let touches = vec![t.clone(), Subject::Person(person.id.clone())];
            let team = c.names.team(team);
            c.push(
                t,
                K::SeatFilled {
                    team,
                    role: seat.role.clone(),
                    by,
                },
                touches,
            );
        }
        for (team, seats) in self.closed {
            for seat in seats {
                let t = Subject::Team(TeamId::new(team));
                let scope = c.names.subject(&t);
                c.push(
                    t.clone(),
                    K::SeatClosed {
                        scope,
                        role: seat.role.clone(),
                    },
                    vec![t],
                );
            }
        }
    }
}

pub(super) fn people(c: &mut Changes, base: &Org, proposal: &Org) {
    let mem_b = memberships(base);
    let mem_p = memberships(proposal);
    let mut seats = Seats::new(c, base, proposal);
    for p in &proposal.people {
        let after = mem_p.get(p.id.as_str()).map_or(&[][..], Vec::as_slice);
        let Some(&bi) = c.names.people_b.get(p.id.as_str()) else {
            for (s, _) in after {
                if let Subject::Team(t) = s {
                    seats.take(t, p);
                }
            }
            let cards: Vec<NamedSubject> = after.iter().map(|(s, _)| c.names.subject(s)).collect();
            let touches = after.iter().map(|(s, _)| s.clone()).collect();
            let person = c.names.person(&p.id);
            c.push(
                Subject::Person(p.id.clone()),
                K::PersonJoined {
                    person,
                    role: p.role.clone(),
                    cards,
                },
                touches,
            );
            continue;
        };
        let o = &base.people[bi];
        fields(c, o, p, after);
        let before = mem_b.get(p.id.as_str()).map_or(&[][..], Vec::as_slice);
        moves(c, p, before, after, &mut seats);
    }
    for o in &base.people {
        if !c.names.people_p.contains_key(o.id.as_str()) {
            let was: Vec<Subject> = mem_b
                .get(o.id.as_str())
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(|(s, _)| s.clone())
                .collect();
            let cards = was.iter().map(|s| c.names.subject(s)).collect();
            let person = c.names.person(&o.id);
            c.push(
                Subject::Person(o.id.clone()),
                K::PersonLeft {
                    person,
                    role: o.role.clone(),
                    cards,
                },
                was,
            );
        }
    }
    seats.report(c);
}

/// A person's own fields: name, role, hats, manager, dotted lines, level,
/// note. `after`: where they are a member in the proposal.
fn fields(c: &mut Changes, o: &Person, p: &Person, after: &[(Subject, u32)]) {
    let subject = Subject::Person(p.id.clone());
    let person = c.names.person(&p.id);
    let push = |c: &mut Changes, kind: K, touches: Vec<Subject>| {
        c.push(subject.clone(), kind, touches);
    };
    if o.name != p.name {
        let kind = K::PersonRenamed {
            person: p.id.clone(),
            from: o.name.to_string(),
            to: p.name.to_string(),
        };
        push(c, kind, Vec::new());
    }
    if o.role != p.role {
        let kind = K::RoleChanged {
            person: person.clone(),
            from: o.role.clone(),
            to: p.role.clone(),
        };
        push(c, kind, after.iter().map(|(s, _)| s.clone()).collect());
    }
    if o.hats != p.hats {
        let kind = K::HatsChanged {
            person: person.clone(),
            from: o.hats.clone(),
            to: p.hats.clone(),
        };
        push(c, kind, Vec::new());
    }
    if o.manager != p.manager {
        let kind = K::ManagerChanged {
            person: person.clone(),
            from: o.manager.as_ref().map(|m| c.names.person(m)),
            to: p.manager.as_ref().map(|m| c.names.person(m)),
        };
        let touches = o
            .manager
            .iter()
            .chain(p.manager.iter())
            .map(|m| Subject::Person(m.clone()))
            .collect();
        push(c, kind, touches);
    }
    if o.dotted != p.dotted {
        let kind = K::DottedChanged {
            person: person.clone(),
            from: o.dotted.iter().map(|d| c.names.person(d)).collect(),
            to: p.dotted.iter().map(|d| c.names.person(d)).collect(),
        };
        push(c, kind, Vec::new());
    }
    if o.level != p.level {
        let kind = K::LevelChanged {
            person: person.clone(),
            from: o.level.as_deref().map(str::to_string),
            to: p.level.as_deref().map(str::to_string),
        };
        push(c, kind, Vec::new());
    }
    if o.note != p.note {
        let kind = K::NoteChanged {
            of: Named {
                id: subject.clone(),
                name: person.name.clone(),
            },
            from: o.note.clone(),
            to: p.note.clone(),
        };
        push(c, kind, Vec::new());
    }
}

/// Memberships: allocation changes, moves between teams (a removed team
/// paired with an added one), the rest added or removed. A team joined
/// where a seat of the person's role closed is the seat they filled.
fn moves<'o>(
    c: &mut Changes,
    p: &'o Person,
    before: &'o [(Subject, u32)],
    after: &'o [(Subject, u32)],
    seats: &mut Seats<'o>,
) {
    let subject = Subject::Person(p.id.clone());
    let person = c.names.person(&p.id);
    for (s, a) in after {
        if let Some((_, old)) = before.iter().find(|(x, _)| x == s)
            && old != a
        {
            let kind = K::AllocationChanged {
                person: person.clone(),
                card: c.names.subject(s),
                from: *old,
                to: *a,
            };
            c.push(subject.clone(), kind, vec![s.clone()]);
        }
    }
    let removed: Memberships = before
        .iter()
        .filter(|(s, _)| !after.iter().any(|(x, _)| x == s))
        .collect();
    let added: Memberships = after
        .iter()
        .filter(|(s, _)| !before.iter().any(|(x, _)| x == s))
        .collect();
    let is_team = |s: &Subject| matches!(s, Subject::Team(_));
    let mut removed_teams: Memberships = removed
        .iter()
        .copied()
        .filter(|(s, _)| is_team(s))
        .collect();
    let mut unpaired_added = Vec::new();
    for a in added {
        if let Subject::Team(t) = &a.0
            && !removed_teams.is_empty()
        {
            let r = removed_teams.remove(0);
            seats.take(t, p);
            let kind = K::PersonMoved {
                person: person.clone(),
                from: c.names.subject(&r.0),
                to: c.names.subject(&a.0),
                allocation: (r.1, a.1),
            };
            c.push(subject.clone(), kind, vec![r.0.clone(), a.0.clone()]);
        } else {
            unpaired_added.push(a);
        }
    }
    for a in unpaired_added {
        if let Subject::Team(t) = &a.0
            && seats.take(t, p)
        {
            continue; // reported as the seat it filled
        }
        let kind = K::MembershipAdded {
            person: person.clone(),
            card: c.names.subject(&a.0),
            allocation: a.1,
        };
        c.push(subject.clone(), kind, vec![a.0.clone()]);
    }
    for r in removed
        .iter()
        .filter(|(s, _)| !is_team(s))
        .chain(removed_teams.iter())
    {
        let kind = K::MembershipRemoved {
            person: person.clone(),
            card: c.names.subject(&r.0),
        };
        c.push(subject.clone(), kind, vec![r.0.clone()]);
    }
}
