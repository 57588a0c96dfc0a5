//! Where cards sit on the canvas.

use super::{Checked, Edit, EditError, card_ix, finite, run};
use crate::model::{CardId, Org, Point};

fn position_at(org: &mut Org, (team, k): (bool, usize)) -> &mut Option<Point> {
    if team {
        &mut org.teams[k].position
    } else {
        &mut org.initiatives[k].position
    }
}

/// A card dragged to `to`.
pub(super) fn move_card<'e>(
    org: &Org,
    card: &'e CardId,
    to: Point,
) -> Result<Checked<'e>, EditError> {
    finite(to)?;
    let c = card_ix(org, card)?;
    run(move |org| {
        let old = position_at(org, c).replace(to);
        Edit::SetPosition {
            card: card.clone(),
            to: old,
        }
    })
}

/// Sets or clears a card's saved position.
pub(super) fn set_position<'e>(
    org: &Org,
    card: &'e CardId,
    to: Option<Point>,
) -> Result<Checked<'e>, EditError> {
    if let Some(p) = to {
        finite(p)?;
    }
    let c = card_ix(org, card)?;
    run(move |org| {
        let old = std::mem::replace(position_at(org, c), to);
        Edit::SetPosition {
            card: card.clone(),
            to: old,
        }
    })
}

/// Sets many cards' positions in one step; every card must exist and every
/// point be finite. Linear in the cards (one index of the org's cards).
pub(super) fn set_positions<'e>(
    org: &Org,
    places: &'e [(CardId, Option<Point>)],
) -> Result<Checked<'e>, EditError> {
    let teams: std::collections::HashMap<&str, usize> = org
        .teams
        .iter()
        .enumerate()
        .map(|(k, t)| (t.id.as_str(), k))
        .collect();
    let initiatives: std::collections::HashMap<&str, usize> = org
        .initiatives
        .iter()
        .enumerate()
        .map(|(k, i)| (i.id.as_str(), k))
        .collect();
    let mut at = Vec::with_capacity(places.len());
    for (card, to) in places {
        if let Some(p) = to {
            finite(*p)?;
        }
        let ix = match card {
            CardId::Team(t) => teams.get(t.as_str()).map(|&k| (true, k)),
            CardId::Initiative(i) => initiatives.get(i.as_str()).map(|&k| (false, k)),
        };
        match ix {
            Some(ix) => at.push(ix),
            // The one-card check names the missing card.
            None => return card_ix(org, card).map(|_| Checked::Noop),
        }
    }
    if places
        .iter()
        .zip(&at)
        .all(|((_, to), &ix)| current(org, ix) == *to)
    {
        return Ok(Checked::Noop);
    }
    run(move |org| {
        let old = places
            .iter()
            .zip(at)
            .map(|((card, to), ix)| (card.clone(), std::mem::replace(position_at(org, ix), *to)))
            .collect();
        Edit::SetPositions(old)
    })
}

fn current(org: &Org, (team, k): (bool, usize)) -> Option<Point> {
    if team {
        org.teams[k].position
    } else {
        org.initiatives[k].position
    }
}
