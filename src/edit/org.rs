//! The org as a whole: its name, and replacing all of it (an import into
//! the open org) as one step.

use super::{Checked, Edit, EditError, run};
use crate::model::Org;

pub(super) fn set_name(name: &str) -> Result<Checked<'_>, EditError> {
    if name.trim().is_empty() {
        return Err(EditError::NoName(None));
    }
    run(move |org| Edit::SetOrgName(std::mem::replace(&mut org.name, name.to_string())))
}

pub(super) fn replace(new: &Org) -> Result<Checked<'_>, EditError> {
    run(move |org| Edit::ReplaceOrg(Box::new(std::mem::replace(org, new.clone()))))
}
