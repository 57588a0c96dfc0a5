//! Card geometry on the org canvas: sizes, saved positions, and automatic
//! placement without overlaps for cards that have none. No GUI code: the app
//! and image exports share it.

use crate::model::CardId;
use crate::model::{Initiative, Org, Team};

pub const CARD_W: f32 = 264.0;
pub const HEADER_H: f32 = 46.0;
pub const ROW_H: f32 = 24.0;
pub const PAD: f32 = 8.0;
/// Space kept between auto-placed cards.
pub const GAP: f32 = 48.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    pub fn center(&self) -> (f32, f32) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Where the segment from the centre towards `to` leaves the rect.
    pub fn border_point(&self, to: (f32, f32)) -> (f32, f32) {
        let (cx, cy) = self.center();
        let (dx, dy) = (to.0 - cx, to.1 - cy);
        if dx == 0.0 && dy == 0.0 {
            return (cx, cy);
        }
        let tx = if dx != 0.0 {
            (self.w / 2.0) / dx.abs()
        } else {
            f32::INFINITY
        };
        let ty = if dy != 0.0 {
            (self.h / 2.0) / dy.abs()
        } else {
            f32::INFINITY
        };
        let t = tx.min(ty);
        (cx + dx * t, cy + dy * t)
    }

    pub fn overlaps(&self, o: &Rect, margin: f32) -> bool {
        self.x < o.right() + margin
            && o.x < self.right() + margin
            && self.y < o.bottom() + margin
            && o.y < self.bottom() + margin
    }

    /// Bounding box of several rects.
    pub fn union(rects: impl IntoIterator<Item = Rect>) -> Option<Rect> {
        let mut it = rects.into_iter();
        let first = it.next()?;
        let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.right(), first.bottom());
        for r in it {
            x0 = x0.min(r.x);
            y0 = y0.min(r.y);
            x1 = x1.max(r.right());
            y1 = y1.max(r.bottom());
        }
        Some(Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        })
    }
}

pub fn team_card_height(t: &Team) -> f32 {
    let rows = t.members.len() + t.open_seats.len();
    HEADER_H + PAD + rows.max(1) as f32 * ROW_H + PAD
}

pub fn initiative_card_height(i: &Initiative) -> f32 {
    // A line for the teams and sponsor, then members (the lead included).
    let lead_extra = usize::from(
        i.lead
            .as_ref()
            .is_some_and(|l| !i.members.iter().any(|m| &m.person == l)),
    );
    let rows = i.members.len() + lead_extra + i.open_seats.len();
    HEADER_H + ROW_H + PAD + rows.max(1) as f32 * ROW_H + PAD
}

/// One card's place on the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct CardRect {
    pub card: CardId,
    pub index: usize,
    pub rect: Rect,
}

/// Every card with its rect: saved positions as they are; cards without a
/// position are arranged by group (see [`crate::groups`]) below the saved
/// ones, never overlapping.
pub fn layout(org: &Org) -> Vec<CardRect> {
    let mut placed: Vec<CardRect> = Vec::with_capacity(org.teams.len() + org.initiatives.len());
    let mut pending: Vec<(CardId, usize, f32)> = Vec::new();
    // Teams, then initiatives: (card, index, height, saved position).
    let teams = org.teams.iter().enumerate().map(|(i, t)| {
        (
            CardId::Team(t.id.clone()),
            i,
            team_card_height(t),
            t.position,
        )
    });
    let initiatives = org.initiatives.iter().enumerate().map(|(i, ini)| {
        (
            CardId::Initiative(ini.id.clone()),
            i,
            initiative_card_height(ini),
            ini.position,
        )
    });
    for (card, index, h, position) in teams.chain(initiatives) {
        match position {
            Some(p) => placed.push(CardRect {
                card,
                index,
                rect: Rect {
                    x: p.x,
                    y: p.y,
                    w: CARD_W,
                    h,
                },
            }),
            None => pending.push((card, index, h)),
        }
    }
    if pending.is_empty() {
        return placed;
    }
    // Arranged by group below everything already placed.
    let bounds = Rect::union(placed.iter().map(|c| c.rect));
    let origin = crate::model::Point {
        x: bounds.map_or(40.0, |b| b.x),
        y: bounds.map_or(40.0, |b| b.bottom() + GAP * 2.0),
    };
    let waiting: std::collections::HashMap<CardId, (usize, f32)> = pending
        .into_iter()
        .map(|(card, index, h)| (card, (index, h)))
        .collect();
    let mut groups = crate::groups::groups(org);
    for g in &mut groups {
        g.cards.retain(|c| waiting.contains_key(c));
    }
    for (card, p) in crate::groups::arrange(org, &groups, origin) {
        if let Some(&(index, h)) = waiting.get(&card) {
            placed.push(CardRect {
                card,
                index,
                rect: Rect {
                    x: p.x,
                    y: p.y,
                    w: CARD_W,
                    h,
                },
            });
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_placed_cards_never_overlap() {
        let text = std::fs::read_to_string("samples/enterprise.org.ron").unwrap();
        let mut org = crate::io::load_str(&text, "x").unwrap();
        // Half the cards keep their position, half lose it.
        for t in org.teams.iter_mut().step_by(2) {
            t.position = None;
        }
        for i in &mut org.initiatives {
            i.position = None;
        }
        let cards = layout(&org);
        assert_eq!(cards.len(), org.teams.len() + org.initiatives.len());
        let auto: Vec<&CardRect> = cards
            .iter()
            .filter(|c| match &c.card {
                CardId::Team(t) => org.team(t).unwrap().position.is_none(),
                CardId::Initiative(_) => true,
            })
            .collect();
        for a in &auto {
            for b in &cards {
                if a.card != b.card {
                    assert!(
                        !a.rect.overlaps(&b.rect, 0.0),
                        "{:?} overlaps {:?}",
                        a.card,
                        b.card
                    );
                }
            }
        }
    }
}
