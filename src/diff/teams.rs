//! Teams' changes: created, removed, renamed, kind, open seats,
//! dependencies, canvas position, note.

use super::Changes;
use super::change::{ChangeKind as K, Named};
use crate::model::{OpenSeat, Org, Point, Subject, Team};

/// Seats with their position in the list.
pub(super) type Seats<'a> = Vec<(usize, &'a OpenSeat)>;

/// Seats in `before` not in `after` and the reverse, as multisets of
/// (role, note), keeping positions.
pub(super) fn seat_delta<'a>(
    before: &'a [OpenSeat],
    after: &'a [OpenSeat],
) -> (Seats<'a>, Seats<'a>) {
    let mut left: Vec<Option<&OpenSeat>> = after.iter().map(Some).collect();
    let mut closed = Vec::new();
    for (k, s) in before.iter().enumerate() {
        if let Some(slot) = left.iter_mut().find(|x| x.is_some_and(|x| x == s)) {
            *slot = None;
        } else {
            closed.push((k, s));
        }
    }
    let opened = left
        .iter()
        .enumerate()
        .filter_map(|(k, s)| s.map(|s| (k, s)))
        .collect();
    (closed, opened)
}

pub(super) fn teams(c: &mut Changes, base: &Org, proposal: &Org, positions: bool) {
    for t in &proposal.teams {
        let subject = Subject::Team(t.id.clone());
        let team = c.names.team(&t.id);
        let Some(&bi) = c.names.teams_b.get(t.id.as_str()) else {
            let kind = K::TeamCreated {
                team: team.clone(),
                kind: t.kind,
                members: t.members.len(),
            };
            c.push(subject.clone(), kind, vec![subject.clone()]);
            // A new team's seats are listed by role alone (its notes are
            // in the file, and the JSON contract's text has none here).
            seats_opened(c, &subject, t.open_seats.iter(), false);
            continue;
        };
        let o = &base.teams[bi];
        if o.name != t.name {
            let kind = K::TeamRenamed {
                team: t.id.clone(),
                from: o.name.clone(),
                to: t.name.clone(),
            };
            c.push(subject.clone(), kind, Vec::new());
        }
        if o.kind != t.kind {
            let kind = K::TeamKindChanged {
                team: team.clone(),
                from: o.kind,
                to: t.kind,
            };
            c.push(subject.clone(), kind, vec![subject.clone()]);
        }
        if o.group != t.group {
            let kind = K::TeamGroupChanged {
                team: team.clone(),
                from: o.group.clone(),
                to: t.group.clone(),
            };
            c.push(subject.clone(), kind, Vec::new());
        }
        let opened = seat_delta(&o.open_seats, &t.open_seats).1;
        seats_opened(c, &subject, opened.into_iter().map(|(_, s)| s), true);
        dependencies(c, o, t);
        if positions && o.position != t.position {
            position_change(c, &subject, o.position, t.position);
        }
        if o.note != t.note {
            let kind = K::NoteChanged {
                of: Named {
                    id: subject.clone(),
                    name: team.name.clone(),
                },
                from: o.note.clone(),
                to: t.note.clone(),
            };
            c.push(subject.clone(), kind, Vec::new());
        }
    }
    for o in &base.teams {
        if !c.names.teams_p.contains_key(o.id.as_str()) {
            let subject = Subject::Team(o.id.clone());
            let kind = K::TeamRemoved {
                team: c.names.team(&o.id),
                members: o.members.len(),
            };
            c.push(subject.clone(), kind, vec![subject]);
        }
    }
}

/// Seats opened in a team or an initiative (`subject`); a new card's seats
/// are listed `with_notes: false`.
pub(super) fn seats_opened<'a>(
    c: &mut Changes,
    subject: &Subject,
    seats: impl Iterator<Item = &'a OpenSeat>,
    with_notes: bool,
) {
    let scope = c.names.subject(subject);
    for s in seats {
        let kind = K::SeatOpened {
            scope: scope.clone(),
            role: s.role.clone(),
            note: if with_notes {
                s.note.clone()
            } else {
                String::new()
            },
        };
        c.push(subject.clone(), kind, vec![subject.clone()]);
    }
}

/// Dependencies `t` gained and lost against `o`.
fn dependencies(c: &mut Changes, o: &Team, t: &Team) {
    let subject = Subject::Team(t.id.clone());
    let team = c.names.team(&t.id);
    for d in t.depends_on.iter().filter(|d| !o.depends_on.contains(d)) {
        let kind = K::DependencyAdded {
            team: team.clone(),
            on: c.names.team(d),
        };
        c.push(
            subject.clone(),
            kind,
            vec![subject.clone(), Subject::Team(d.clone())],
        );
    }
    for d in o.depends_on.iter().filter(|d| !t.depends_on.contains(d)) {
        let kind = K::DependencyRemoved {
            team: team.clone(),
            on: c.names.team(d),
        };
        c.push(
            subject.clone(),
            kind,
            vec![subject.clone(), Subject::Team(d.clone())],
        );
    }
}

/// A team or initiative card moved on the canvas.
pub(super) fn position_change(
    c: &mut Changes,
    subject: &Subject,
    from: Option<Point>,
    to: Option<Point>,
) {
    let kind = K::PositionChanged {
        card: c.names.subject(subject),
        from,
        to,
    };
    c.push(subject.clone(), kind, Vec::new());
}
