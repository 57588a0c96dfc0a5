//! The semantic checks of docs/file-format.md "Reading" that serde cannot do:
//! unique ids, references, duplicate members, finite positions. Resolves
//! role aliases (`SDM` → `EM`) in place.

use super::EntityKind;
use crate::catalog::RoleCatalog;
use crate::model::{Member, Org, PersonId, Point, RoleId};
use crate::rules::is_known_code;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

pub(crate) struct ValidationError {
    /// Where in the file the problem is.
    pub at: At,
    pub message: String,
}

/// What a validation error points at.
pub(crate) enum At {
    /// An entity: kind, id, and which definition of that id.
    Entity(EntityKind, String, usize),
    /// A key of a map field (`settings: rules: {"Z999": …}`).
    MapKey(&'static str, String),
}

fn at(kind: EntityKind, id: &str, message: String) -> ValidationError {
    ValidationError {
        at: At::Entity(kind, id.to_string(), 0),
        message: format!("{} \"{id}\": {message}", kind.word()),
    }
}

/// Checks ids are unique within a kind; returns the index of every id.
fn unique<'a>(
    kind: EntityKind,
    ids: impl Iterator<Item = &'a str>,
) -> Result<HashSet<&'a str>, ValidationError> {
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for id in ids {
        let n = seen.entry(id).or_insert(0);
        *n += 1;
        if *n > 1 {
            return Err(ValidationError {
                at: At::Entity(kind, id.to_string(), *n - 1),
                message: format!(
                    "{} \"{id}\": duplicate id (another {} already uses it)",
                    kind.word(),
                    kind.word()
                ),
            });
        }
    }
    Ok(seen.into_keys().collect())
}

fn check_point(kind: EntityKind, id: &str, p: Option<Point>) -> Result<(), ValidationError> {
    match p {
        Some(p) if !(p.x.is_finite() && p.y.is_finite()) => Err(at(
            kind,
            id,
            "position: x and y must be finite numbers".into(),
        )),
        _ => Ok(()),
    }
}

fn check_members(
    kind: EntityKind,
    id: &str,
    members: &[Member],
    people: &HashSet<&str>,
) -> Result<(), ValidationError> {
    let mut seen = HashSet::default();
    for m in members {
        let p = m.person.as_str();
        if !people.contains(p) {
            return Err(at(
                kind,
                id,
                format!("member \"{p}\" is not a person in this file"),
            ));
        }
        if !seen.insert(p) {
            return Err(at(
                kind,
                id,
                format!("member \"{p}\" is listed twice in members"),
            ));
        }
    }
    Ok(())
}

pub(crate) fn validate(org: &mut Org) -> Result<(), ValidationError> {
    unique(EntityKind::Role, org.roles.iter().map(|r| r.id.as_str()))?;
    for r in &mut org.roles {
        if let Some(like) = &mut r.like {
            let builtin = crate::catalog::builtin_id(like).ok_or_else(|| {
                at(
                    EntityKind::Role,
                    r.id.as_str(),
                    format!(
                        "like \"{like}\" is not a built-in role (built-in roles: {})",
                        crate::catalog::BUILTIN_ROLES.map(|r| r.id).join(", ")
                    ),
                )
            })?;
            *like = builtin;
        }
    }
    let catalog = RoleCatalog::new(&org.roles);
    let resolve = |kind: EntityKind, id: &str, field: &str, role: &mut RoleId| {
        let canonical = catalog.canonical_id(role);
        if !catalog.contains(&canonical) {
            return Err(at(
                kind,
                id,
                format!(
                    "{field} \"{role}\" is not a known role (built-in roles: {}; or define it under roles)",
                    crate::catalog::BUILTIN_ROLES.map(|r| r.id).join(", ")
                ),
            ));
        }
        *role = canonical;
        Ok(())
    };

    let people = unique(EntityKind::Person, org.people.iter().map(|p| p.id.as_str()))?
        .into_iter()
        .map(str::to_string)
        .collect::<HashSet<String>>();
    let people: HashSet<&str> = people.iter().map(String::as_str).collect();
    let person_ref = |owner: EntityKind, id: &str, field: &str, p: &PersonId| {
        if people.contains(p.as_str()) {
            Ok(())
        } else {
            Err(at(
                owner,
                id,
                format!("{field} \"{p}\" is not a person in this file"),
            ))
        }
    };

    for person in &mut org.people {
        let id = person.id.as_str().to_string();
        resolve(EntityKind::Person, &id, "role", &mut person.role)?;
        for hat in &mut person.hats {
            resolve(EntityKind::Person, &id, "hat", hat)?;
        }
        if let Some(m) = &person.manager {
            person_ref(EntityKind::Person, &id, "manager", m)?;
        }
        for d in &person.dotted {
            person_ref(EntityKind::Person, &id, "dotted manager", d)?;
        }
    }

    let teams: HashSet<String> = unique(EntityKind::Team, org.teams.iter().map(|t| t.id.as_str()))?
        .into_iter()
        .map(str::to_string)
        .collect();
    for team in &mut org.teams {
        let id = team.id.as_str().to_string();
        check_members(EntityKind::Team, &id, &team.members, &people)?;
        for seat in &mut team.open_seats {
            resolve(EntityKind::Team, &id, "open seat role", &mut seat.role)?;
        }
        for dep in &team.depends_on {
            if !teams.contains(dep.as_str()) {
                return Err(at(
                    EntityKind::Team,
                    &id,
                    format!("depends_on \"{dep}\" is not a team in this file"),
                ));
            }
        }
        check_point(EntityKind::Team, &id, team.position)?;
    }

    unique(
        EntityKind::Initiative,
        org.initiatives.iter().map(|i| i.id.as_str()),
    )?;
    for ini in &mut org.initiatives {
        let id = ini.id.as_str().to_string();
        for seat in &mut ini.open_seats {
            resolve(
                EntityKind::Initiative,
                &id,
                "open seat role",
                &mut seat.role,
            )?;
        }
        let id = id.as_str();
        for t in &ini.teams {
            if !teams.contains(t.as_str()) {
                return Err(at(
                    EntityKind::Initiative,
                    id,
                    format!("team \"{t}\" is not a team in this file"),
                ));
            }
        }
        if let Some(l) = &ini.lead {
            person_ref(EntityKind::Initiative, id, "lead", l)?;
        }
        if let Some(s) = &ini.sponsor {
            person_ref(EntityKind::Initiative, id, "sponsor", s)?;
        }
        check_members(EntityKind::Initiative, id, &ini.members, &people)?;
        check_point(EntityKind::Initiative, id, ini.position)?;
    }

    for code in org.settings.rules.keys() {
        if !is_known_code(code) {
            return Err(ValidationError {
                at: At::MapKey("rules", code.clone()),
                message: format!(
                    "settings: rules: \"{}\" is not a rule code (see `orgplan rules`)",
                    code.escape_debug()
                ),
            });
        }
    }
    Ok(())
}
