//! Waivers: add, insert back, remove; and following a renamed subject.

use super::{Checked, Edit, EditError, Slot, run};
use crate::model::{Org, Subject, Waiver};

fn reasoned(w: &Waiver) -> Result<(), EditError> {
    if w.reason.trim().is_empty() {
        return Err(EditError::NoReason);
    }
    Ok(())
}

pub(super) fn add(w: &Waiver) -> Result<Checked<'_>, EditError> {
    reasoned(w)?;
    run(move |org| {
        org.waivers.push(w.clone());
        Edit::RemoveWaiver(org.waivers.len() - 1)
    })
}

pub(super) fn insert<'e>(org: &Org, index: usize, w: &'e Waiver) -> Result<Checked<'e>, EditError> {
    reasoned(w)?;
    if index > org.waivers.len() {
        return Err(EditError::NoSlot(Slot::WaiverPosition));
    }
    run(move |org| {
        org.waivers.insert(index, w.clone());
        Edit::RemoveWaiver(index)
    })
}

pub(super) fn remove(org: &Org, index: usize) -> Result<Checked<'static>, EditError> {
    if index >= org.waivers.len() {
        return Err(EditError::NoSlot(Slot::Waiver));
    }
    run(move |org| {
        let waiver = org.waivers.remove(index);
        Edit::InsertWaiver { index, waiver }
    })
}

/// Waivers of `from` now waive `to` (an id renamed).
pub(super) fn rename_subjects(org: &mut Org, from: &Subject, to: &Subject) {
    for w in &mut org.waivers {
        if &w.subject == from {
            w.subject = to.clone();
        }
    }
}
