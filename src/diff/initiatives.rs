//! Initiatives' changes: created, removed, renamed, kind, teams spanned,
//! lead, sponsor, outcome, canvas position, note.

use super::Changes;
use super::change::{ChangeKind as K, Named};
use super::teams::{position_change, seat_delta, seats_opened};
use crate::model::{Initiative, Org, Subject};

pub(super) fn initiatives(c: &mut Changes, base: &Org, proposal: &Org, positions: bool) {
    for i in &proposal.initiatives {
        let subject = Subject::Initiative(i.id.clone());
        let initiative = c.names.initiative(&i.id);
        let Some(&bi) = c.names.initiatives_b.get(i.id.as_str()) else {
            let kind = K::InitiativeCreated {
                initiative,
                teams: i.teams.len(),
            };
            c.push(subject.clone(), kind, vec![subject.clone()]);
            seats_opened(c, &subject, i.open_seats.iter(), false);
            continue;
        };
        let o = &base.initiatives[bi];
        if o.name != i.name {
            let kind = K::InitiativeRenamed {
                initiative: i.id.clone(),
                from: o.name.clone(),
                to: i.name.clone(),
            };
            c.push(subject.clone(), kind, Vec::new());
        }
        if o.kind != i.kind {
            let kind = K::InitiativeKindChanged {
                initiative: initiative.clone(),
                from: o.kind,
                to: i.kind,
            };
            c.push(subject.clone(), kind, vec![subject.clone()]);
        }
        spans(c, o, i);
        people(c, o, i);
        seats(c, o, i);
        if positions && o.position != i.position {
            position_change(c, &subject, o.position, i.position);
        }
        if o.note != i.note {
            let kind = K::NoteChanged {
                of: Named {
                    id: subject.clone(),
                    name: initiative.name.clone(),
                },
                from: o.note.clone(),
                to: i.note.clone(),
            };
            c.push(subject.clone(), kind, Vec::new());
        }
    }
    for o in &base.initiatives {
        if !c.names.initiatives_p.contains_key(o.id.as_str()) {
            let subject = Subject::Initiative(o.id.clone());
            let kind = K::InitiativeRemoved {
                initiative: c.names.initiative(&o.id),
            };
            c.push(subject.clone(), kind, vec![subject]);
        }
    }
}

/// Teams `i` spans that `o` did not, and the reverse.
fn spans(c: &mut Changes, o: &Initiative, i: &Initiative) {
    let subject = Subject::Initiative(i.id.clone());
    let initiative = c.names.initiative(&i.id);
    for t in i.teams.iter().filter(|t| !o.teams.contains(t)) {
        let kind = K::InitiativeTeamAdded {
            initiative: initiative.clone(),
            team: c.names.team(t),
        };
        c.push(subject.clone(), kind, vec![subject.clone()]);
    }
    for t in o.teams.iter().filter(|t| !i.teams.contains(t)) {
        let kind = K::InitiativeTeamRemoved {
            initiative: initiative.clone(),
            team: c.names.team(t),
        };
        c.push(subject.clone(), kind, vec![subject.clone()]);
    }
}

/// Lead, sponsor and outcome.
fn people(c: &mut Changes, o: &Initiative, i: &Initiative) {
    let subject = Subject::Initiative(i.id.clone());
    let initiative = c.names.initiative(&i.id);
    let named =
        |c: &Changes, p: &Option<crate::model::PersonId>| p.as_ref().map(|p| c.names.person(p));
    if o.lead != i.lead {
        let kind = K::LeadChanged {
            initiative: initiative.clone(),
            from: named(c, &o.lead),
            to: named(c, &i.lead),
        };
        c.push(subject.clone(), kind, vec![subject.clone()]);
    }
    if o.sponsor != i.sponsor {
        let kind = K::SponsorChanged {
            initiative: initiative.clone(),
            from: named(c, &o.sponsor),
            to: named(c, &i.sponsor),
        };
        c.push(subject.clone(), kind, vec![subject.clone()]);
    }
    if o.outcome != i.outcome {
        let kind = K::OutcomeChanged {
            initiative,
            from: o.outcome.clone(),
            to: i.outcome.clone(),
        };
        c.push(subject.clone(), kind, vec![subject.clone()]);
    }
}

/// Open seats opened and closed on an initiative.
fn seats(c: &mut Changes, o: &Initiative, i: &Initiative) {
    let subject = Subject::Initiative(i.id.clone());
    let (closed, opened) = seat_delta(&o.open_seats, &i.open_seats);
    seats_opened(c, &subject, opened.into_iter().map(|(_, s)| s), true);
    let scope = c.names.subject(&subject);
    for (_, s) in closed {
        let kind = K::SeatClosed {
            scope: scope.clone(),
            role: s.role.clone(),
        };
        c.push(subject.clone(), kind, vec![subject.clone()]);
    }
}
