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
