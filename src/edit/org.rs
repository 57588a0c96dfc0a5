//! The org as a whole: its name, and replacing all of it (an import into
//! the open org) as one step.

use super::{Checked, Edit, EditError, run};
use crate::model::{CustomRole, Org, RoleId, Settings};

pub(super) fn set_name(name: &str) -> Result<Checked<'_>, EditError> {
    if name.trim().is_empty() {
        return Err(EditError::NoName(None));
    }
    run(move |org| Edit::SetOrgName(std::mem::replace(&mut org.name, name.to_string())))
}

pub(super) fn replace(new: &Org) -> Result<Checked<'_>, EditError> {
    run(move |org| Edit::ReplaceOrg(Box::new(std::mem::replace(org, new.clone()))))
}

/// The custom roles replaced: ids unique and well formed, and every role
/// a person, a hat or an open seat names still known.
pub(super) fn set_roles<'e>(org: &Org, roles: &'e [CustomRole]) -> Result<Checked<'e>, EditError> {
    let mut seen = std::collections::HashSet::new();
    for r in roles {
        if r.name.trim().is_empty() {
            return Err(EditError::RoleNoName(r.id.clone()));
        }
        if !seen.insert(r.id.as_str()) {
            return Err(EditError::RoleTwice(r.id.clone()));
        }
        if let Some(like) = &r.like
            && crate::catalog::builtin_id(like).as_ref() != Some(like)
        {
            return Err(EditError::RoleLike(r.id.clone(), like.clone()));
        }
    }
    let cat = crate::catalog::RoleCatalog::new(roles);
    let known = |role: &RoleId| cat.contains(&cat.canonical_id(role));
    let in_use = org
        .people
        .iter()
        .flat_map(|p| std::iter::once(&p.role).chain(&p.hats))
        .chain(
            org.teams
                .iter()
                .flat_map(|t| t.open_seats.iter().map(|s| &s.role)),
        )
        .chain(
            org.initiatives
                .iter()
                .flat_map(|i| i.open_seats.iter().map(|s| &s.role)),
        )
        .find(|r| !known(r));
    if let Some(r) = in_use {
        return Err(EditError::RoleInUse(r.clone()));
    }
    run(move |org| Edit::SetRoles(std::mem::replace(&mut org.roles, roles.to_vec())))
}

pub(super) fn set_settings(settings: &Settings) -> Result<Checked<'_>, EditError> {
    run(move |org| {
        Edit::SetSettings(Box::new(std::mem::replace(
            &mut org.settings,
            settings.clone(),
        )))
    })
}
