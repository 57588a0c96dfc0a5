//! The canvas from the keyboard: the canvas is one Tab stop, and inside it
//! a cursor (a card, or one of its people or open seats) moves with the
//! arrow keys. Left/Right/Up/Down go to the nearest card that way; Enter
//! goes into a card's rows, Up/Down move through them, Escape goes back to
//! the card. The selection follows the cursor, so Delete (remove from the
//! card, or delete the card) and the inspector act on it; the context-menu
//! key (or Shift+F10) opens its menu. No drawing here.

use super::view::to_egui;
use crate::app::Selection;
use crate::cards::CardRow;
use crate::document::Document;
use crate::model::{CardId, PersonId};
use egui::{Id, Pos2};

/// Where the keyboard is on the canvas.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Cursor {
    Card(CardId),
    Member(CardId, PersonId),
    Seat(CardId, usize),
}

/// A move of the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    Left,
    Right,
    Up,
    Down,
    /// Enter: into the card's rows.
    In,
    /// Escape: from a row back to its card.
    Out,
}

/// The widget ids the canvas gives a card's header, a member chip and a
/// seat chip (in the scene's scope), so the keyboard can open their menus.
pub(super) fn header_id(scope: Id, card: &CardId) -> Id {
    scope.with(("card-header", card))
}

pub(super) fn chip_id(scope: Id, card: &CardId, person: &PersonId) -> Id {
    scope.with(("chip", card, person))
}

pub(super) fn seat_id(scope: Id, card: &CardId, index: usize) -> Id {
    scope.with(("seat", card, index))
}

impl Cursor {
    pub fn card(&self) -> &CardId {
        match self {
            Cursor::Card(c) | Cursor::Member(c, _) | Cursor::Seat(c, _) => c,
        }
    }

    /// What is selected when the cursor is here.
    pub fn selection(&self) -> Selection {
        match self {
            Cursor::Card(CardId::Team(t)) => Selection::Team(t.clone()),
            Cursor::Card(CardId::Initiative(i)) => Selection::Initiative(i.clone()),
            Cursor::Member(c, p) => Selection::Person(p.clone(), Some(c.clone())),
            // An open seat has no selection of its own: its card's.
            Cursor::Seat(c, _) => Cursor::Card(c.clone()).selection(),
        }
    }

    /// The cursor for a selection, if it is on the canvas.
    pub fn of_selection(doc: &Document, s: &Selection) -> Option<Cursor> {
        let c = match s {
            Selection::Team(t) => Cursor::Card(CardId::Team(t.clone())),
            Selection::Initiative(i) => Cursor::Card(CardId::Initiative(i.clone())),
            Selection::Person(p, Some(card)) => Cursor::Member(card.clone(), p.clone()),
            Selection::Person(p, None) => {
                let card = doc
                    .org()
                    .teams
                    .iter()
                    .find(|t| t.members.iter().any(|m| &m.person == p))
                    .map(|t| CardId::Team(t.id.clone()))?;
                Cursor::Member(card, p.clone())
            }
        };
        c.repaired(doc)
    }

    /// The cursor still on something after an edit: itself, its card
    /// when its row is gone, or nothing when its card is.
    pub fn repaired(self, doc: &Document) -> Option<Cursor> {
        doc.layout().card(self.card())?;
        if matches!(self, Cursor::Card(_)) || rows(doc, self.card()).contains(&self) {
            Some(self)
        } else {
            Some(Cursor::Card(self.card().clone()))
        }
    }

    /// Where the cursor goes for `nav`; `None` when there is nowhere.
    pub fn step(&self, doc: &Document, nav: Nav) -> Option<Cursor> {
        let card = self.card();
        match (self, nav) {
            (Cursor::Card(_), Nav::In) => rows(doc, card).into_iter().next(),
            (Cursor::Card(_), Nav::Out) => None,
            (_, Nav::Out) => Some(Cursor::Card(card.clone())),
            (Cursor::Card(_), _) => nearest_card(doc, card, nav).map(Cursor::Card),
            (_, Nav::Up | Nav::Down) => {
                let rows = rows(doc, card);
                let k = rows.iter().position(|r| r == self)?;
                match nav {
                    Nav::Up if k == 0 => Some(Cursor::Card(card.clone())),
                    Nav::Up => rows.get(k - 1).cloned(),
                    _ => rows.get(k + 1).cloned(),
                }
            }
            (_, Nav::Left | Nav::Right) => nearest_card(doc, card, nav).map(Cursor::Card),
            (_, Nav::In) => None,
        }
    }

    /// Said to a screen reader: "Checkout team card", "Ana Ruiz in
    /// Checkout", "Open PM-T seat in Checkout".
    pub fn describe(&self, doc: &Document) -> String {
        let org = doc.org();
        let card_name = |c: &CardId| match c {
            CardId::Team(t) => org.team(t).map_or(t.to_string(), |x| x.name.clone()),
            CardId::Initiative(i) => org.initiative(i).map_or(i.to_string(), |x| x.name.clone()),
        };
        match self {
            Cursor::Card(c @ CardId::Team(_)) => format!("{} team card", card_name(c)),
            Cursor::Card(c) => format!("{} initiative card", card_name(c)),
            Cursor::Member(c, p) => format!(
                "{} in {}",
                doc.layout()
                    .person(org, p)
                    .map_or(p.as_str(), |x| x.name.as_str()),
                card_name(c)
            ),
            Cursor::Seat(c, _) => format!("Open seat in {}", card_name(c)),
        }
    }
}

/// A card's rows the cursor can stop on, top to bottom (as drawn).
pub fn rows(doc: &Document, card: &CardId) -> Vec<Cursor> {
    let layout = doc.layout();
    let Some(c) = layout.card(card) else {
        return Vec::new();
    };
    let org = doc.org();
    let view = crate::cards::card_view(org, &layout.catalog, card, c.index, |id| {
        layout.person(org, id)
    });
    view.rows
        .iter()
        .filter_map(|r| match r {
            CardRow::Member { person, .. } => Some(Cursor::Member(card.clone(), person.clone())),
            CardRow::Seat { index, .. } => Some(Cursor::Seat(card.clone(), *index)),
            CardRow::Note(_) => None,
        })
        .collect()
}

/// The card nearest `from` in direction `nav` (centre to centre, a step
/// across the direction counting twice a step along it), if any.
pub fn nearest_card(doc: &Document, from: &CardId, nav: Nav) -> Option<CardId> {
    let cards = &doc.layout().cards;
    let here = to_egui(doc.layout().card(from)?.rect);
    let c = here.center();
    let along = |p: Pos2| -> Option<(f32, f32)> {
        let d = p - c;
        let (a, across) = match nav {
            Nav::Right => (d.x, d.y),
            Nav::Left => (-d.x, d.y),
            Nav::Down => (d.y, d.x),
            Nav::Up => (-d.y, d.x),
            Nav::In | Nav::Out => return None,
        };
        (a > 1.0).then_some((a, across.abs()))
    };
    cards
        .iter()
        .filter(|k| &k.card != from)
        .filter_map(|k| {
            let (a, across) = along(to_egui(k.rect).center())?;
            Some((a + 2.0 * across, &k.card))
        })
        .min_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, card)| card.clone())
}

/// The first card a Tab into the canvas lands on: the top-left one.
pub fn first_card(doc: &Document) -> Option<CardId> {
    doc.layout()
        .cards
        .iter()
        .min_by(|a, b| {
            (a.rect.y, a.rect.x)
                .partial_cmp(&(b.rect.y, b.rect.x))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .map(|c| c.card.clone())
}

/// The navigation key pressed this frame (consumed), if any.
pub fn nav_key(ctx: &egui::Context, on_row: bool) -> Option<Nav> {
    use egui::{Key, Modifiers as M};
    ctx.input_mut(|i| {
        [
            (Key::ArrowLeft, Nav::Left),
            (Key::ArrowRight, Nav::Right),
            (Key::ArrowUp, Nav::Up),
            (Key::ArrowDown, Nav::Down),
            (Key::Enter, Nav::In),
        ]
        .into_iter()
        .find(|(k, _)| i.consume_key(M::NONE, *k))
        .map(|(_, n)| n)
        .or_else(|| (on_row && i.consume_key(M::NONE, Key::Escape)).then_some(Nav::Out))
    })
}

/// Whether the context-menu key (or Shift+F10) was pressed (consumed).
pub fn menu_key(ctx: &egui::Context) -> bool {
    ctx.input_mut(|i| {
        i.consume_key(egui::Modifiers::NONE, egui::Key::Menu)
            || i.consume_key(egui::Modifiers::SHIFT, egui::Key::F10)
    })
}
