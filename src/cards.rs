//! What a card on the team canvas says, as data: one view-model drawn by
//! both the app's canvas and `orgplan chart --view teams`. No GUI code.

use crate::catalog::RoleCatalog;
use crate::model::CardId;
use crate::model::{Org, Person, PersonId, RoleId};

/// The kind of card, for its header colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardKind {
    Team,
    Initiative,
}

/// One row of a card, top to bottom.
#[derive(Clone, Debug, PartialEq)]
pub enum CardRow {
    /// A line of text (an initiative's sponsor and outcome).
    Note(String),
    /// A member chip: name, role badge, allocation.
    Member {
        person: PersonId,
        name: String,
        role: RoleId,
        /// Allocation to this card (0 for a lead who is not in `members`).
        allocation: u32,
        lead: bool,
    },
    /// A dashed open-seat chip.
    Seat {
        index: usize,
        role: RoleId,
        /// "Open PM-T seat" (with its note, if any).
        label: String,
    },
}

/// A card's text: title, the line under it, and its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct CardView {
    pub card: CardId,
    pub kind: CardKind,
    pub title: String,
    /// "Stream · 6 members · 1 open", "Technical initiative · 3 teams".
    pub subtitle: String,
    pub rows: Vec<CardRow>,
    /// Shown when the card has no rows.
    pub empty_hint: Option<&'static str>,
}

/// Finds people by id for card rows: `people(id)` is the person or None.
pub fn card_view<'o>(
    org: &'o Org,
    catalog: &RoleCatalog,
    card: &CardId,
    index: usize,
    people: impl Fn(&PersonId) -> Option<&'o Person>,
) -> CardView {
    let member = |person: &PersonId, allocation: u32, lead: bool| {
        let p = people(person);
        CardRow::Member {
            person: person.clone(),
            name: p.map_or_else(|| person.to_string(), |p| p.name.to_string()),
            role: p.map_or_else(|| RoleId::new(""), |p| p.role.clone()),
            allocation,
            lead,
        }
    };
    match card {
        CardId::Team(_) => {
            let t = &org.teams[index];
            let mut rows: Vec<CardRow> = t
                .members
                .iter()
                .map(|m| member(&m.person, m.allocation.percent(), false))
                .collect();
            rows.extend(seat_rows(catalog, &t.open_seats));
            let open = open_count(&t.open_seats);
            CardView {
                card: card.clone(),
                kind: CardKind::Team,
                title: t.name.clone(),
                subtitle: format!("{} · {} members{open}", t.kind.name(), t.members.len()),
                empty_hint: rows.is_empty().then_some("Drop people or roles here"),
                rows,
            }
        }
        CardId::Initiative(_) => {
            let i = &org.initiatives[index];
            let sponsor = i.sponsor.as_ref().map_or("no sponsor".to_string(), |s| {
                format!(
                    "sponsor {}",
                    people(s).map_or_else(|| s.to_string(), |p| p.name.to_string())
                )
            });
            let outcome = if i.outcome.as_deref().is_some_and(|o| !o.trim().is_empty()) {
                ""
            } else {
                " · no outcome"
            };
            let mut rows = vec![CardRow::Note(format!("{sponsor}{outcome}"))];
            if let Some(l) = &i.lead
                && !i.members.iter().any(|m| &m.person == l)
            {
                rows.push(member(l, 0, true));
            }
            rows.extend(i.members.iter().map(|m| {
                member(
                    &m.person,
                    m.allocation.percent(),
                    i.lead.as_ref() == Some(&m.person),
                )
            }));
            rows.extend(seat_rows(catalog, &i.open_seats));
            CardView {
                card: card.clone(),
                kind: CardKind::Initiative,
                title: i.name.clone(),
                subtitle: format!(
                    "{} initiative · {} teams{}",
                    i.kind.name(),
                    i.teams.len(),
                    open_count(&i.open_seats)
                ),
                empty_hint: (rows.len() == 1).then_some("Nobody assigned: drop a TPM or PgM here"),
                rows,
            }
        }
    }
}

/// A card's open seats as rows: "Open PM-T seat — req #123".
fn seat_rows<'a>(
    catalog: &'a RoleCatalog,
    seats: &'a [crate::model::OpenSeat],
) -> impl Iterator<Item = CardRow> + 'a {
    seats.iter().enumerate().map(|(k, s)| {
        let abbrev = catalog.abbrev(&s.role);
        CardRow::Seat {
            index: k,
            role: s.role.clone(),
            label: if s.note.is_empty() {
                format!("Open {abbrev} seat")
            } else {
                format!("Open {abbrev} seat — {}", s.note)
            },
        }
    })
}

/// " · 2 open", or nothing.
fn open_count(seats: &[crate::model::OpenSeat]) -> String {
    if seats.is_empty() {
        String::new()
    } else {
        format!(" · {} open", seats.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_list_members_seats_and_leads() {
        let org = crate::samples::builtin();
        let cat = RoleCatalog::new(&org.roles);
        let t = org
            .teams
            .iter()
            .position(|t| !t.open_seats.is_empty())
            .unwrap();
        let v = card_view(
            &org,
            &cat,
            &CardId::Team(org.teams[t].id.clone()),
            t,
            |id| org.person(id),
        );
        assert_eq!(
            v.rows.len(),
            org.teams[t].members.len() + org.teams[t].open_seats.len()
        );
        assert!(matches!(v.rows.last(), Some(CardRow::Seat { .. })));
        let i = org
            .initiatives
            .iter()
            .position(|i| i.lead.is_some())
            .unwrap();
        let v = card_view(
            &org,
            &cat,
            &CardId::Initiative(org.initiatives[i].id.clone()),
            i,
            |id| org.person(id),
        );
        assert!(matches!(&v.rows[0], CardRow::Note(n) if n.contains("sponsor")));
        assert!(
            v.rows
                .iter()
                .any(|r| matches!(r, CardRow::Member { lead: true, .. }))
        );
    }
}
