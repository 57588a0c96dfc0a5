//! The 11 built-in roles and the per-file role catalog.

use super::{Capability, Provision};
use crate::model::{CustomRole, RoleId};
use rustc_hash::FxHashMap as HashMap;

/// A built-in role as static data. `cells` follows [`Capability::ALL`]:
/// `'P'` primary, `'S'` stop-gap, `'.'` nothing.
#[derive(Debug)]
pub struct BuiltinRole {
    pub id: &'static str,
    pub name: &'static str,
    /// Short label used in messages and chips ("PM-T").
    pub abbrev: &'static str,
    pub cells: &'static str,
}

//                                 people tech build roadmap delivery coord stakeh risk
pub const BUILTIN_ROLES: [BuiltinRole; 11] = [
    role("EM", "Engineering Manager (SDM)", "EM", "PP.SPSSS"),
    role("TLM", "Tech Lead Manager", "TLM", "PPP.S..."),
    role("Staff", "Staff Engineer", "Staff", ".PP..S.S"),
    role("Senior", "Senior Engineer", "Senior", ".SP.S..."),
    role("Engineer", "Software Engineer", "Engineer", "..P....."),
    role("TPM", "Technical Program Manager", "TPM", ".S.SPPPP"),
    role("PgM", "Program Manager", "PgM", "....SPPP"),
    role("ProjM", "Project Manager", "ProjM", "....P.SS"),
    role("PM", "Product Manager", "PM", "...P.SP."),
    role("PMT", "Product Manager – Technical", "PM-T", ".S.PS.P."),
    role("Director", "Engineering Director", "Director", "PS...SPS"),
];

const fn role(
    id: &'static str,
    name: &'static str,
    abbrev: &'static str,
    cells: &'static str,
) -> BuiltinRole {
    BuiltinRole {
        id,
        name,
        abbrev,
        cells,
    }
}

/// `SDM` is read as `EM` (seed 000 uses both names).
pub const ROLE_ALIASES: [(&str, &str); 1] = [("SDM", "EM")];

/// The role an alias stands for ("SDM" → "EM"), or the id itself.
fn unalias(id: &str) -> &str {
    ROLE_ALIASES
        .iter()
        .find(|(alias, _)| *alias == id)
        .map_or(id, |(_, target)| target)
}

/// The built-in role an id names, aliases resolved ("SDM" is "EM"); none
/// for any other id.
pub fn builtin_id(id: &RoleId) -> Option<RoleId> {
    let id = unalias(id.as_str());
    BUILTIN_ROLES
        .iter()
        .any(|b| b.id == id)
        .then(|| RoleId::new(id))
}

/// A role as the analysis sees it: built-in or from the file.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleDef {
    pub id: RoleId,
    pub name: String,
    pub abbrev: String,
    pub provides: [Option<Provision>; 8],
    pub builtin: bool,
    /// The built-in role a custom role behaves like.
    pub like: Option<RoleId>,
}

impl RoleDef {
    pub fn provision(&self, cap: Capability) -> Option<Provision> {
        self.provides[cap.index()]
    }

    fn from_builtin(b: &BuiltinRole) -> RoleDef {
        let mut provides = [None; 8];
        for (slot, c) in provides.iter_mut().zip(b.cells.chars()) {
            *slot = match c {
                'P' => Some(Provision::Primary),
                'S' => Some(Provision::StopGap),
                _ => None,
            };
        }
        RoleDef {
            id: RoleId::new(b.id),
            name: b.name.to_string(),
            abbrev: b.abbrev.to_string(),
            provides,
            builtin: true,
            like: None,
        }
    }

    fn from_custom(c: &CustomRole) -> RoleDef {
        let mut provides = [None; 8];
        for (cap, p) in &c.provides {
            provides[cap.index()] = Some(*p);
        }
        RoleDef {
            id: c.id.clone(),
            name: c.name.clone(),
            abbrev: c.id.as_str().to_string(),
            provides,
            builtin: false,
            like: c.like.clone(),
        }
    }
}

/// The roles known for one file: built-ins, extended or replaced by the
/// file's custom roles.
#[derive(Clone, Debug)]
pub struct RoleCatalog {
    roles: Vec<RoleDef>,
    index: HashMap<RoleId, usize>,
}

impl Default for RoleCatalog {
    fn default() -> Self {
        RoleCatalog::new(&[])
    }
}

impl RoleCatalog {
    pub fn new(custom: &[CustomRole]) -> RoleCatalog {
        let mut roles: Vec<RoleDef> = BUILTIN_ROLES.iter().map(RoleDef::from_builtin).collect();
        let mut index: HashMap<RoleId, usize> = roles
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        for c in custom {
            let def = RoleDef::from_custom(c);
            match index.get(&c.id) {
                Some(&i) => roles[i] = def,
                None => {
                    index.insert(c.id.clone(), roles.len());
                    roles.push(def);
                }
            }
        }
        RoleCatalog { roles, index }
    }

    pub fn get(&self, id: &RoleId) -> Option<&RoleDef> {
        self.index.get(id).map(|&i| &self.roles[i])
    }

    /// The position of a role in [`Self::roles`].
    pub fn index_of(&self, id: &RoleId) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn contains(&self, id: &RoleId) -> bool {
        self.index.contains_key(id)
    }

    pub fn roles(&self) -> &[RoleDef] {
        &self.roles
    }

    /// A role's short label for messages: its abbreviation, and the
    /// built-in role it behaves like ("EngLead, like EM").
    pub fn label<'a>(&'a self, id: &'a RoleId) -> std::borrow::Cow<'a, str> {
        match self.get(id).and_then(|r| r.like.as_ref()) {
            Some(like) => format!("{}, like {}", self.abbrev(id), self.abbrev(like)).into(),
            None => self.abbrev(id).into(),
        }
    }

    /// A role's short label, or the id itself for an unknown role.
    pub fn abbrev<'a>(&'a self, id: &'a RoleId) -> &'a str {
        self.get(id).map_or(id.as_str(), |r| r.abbrev.as_str())
    }

    pub fn provision(&self, id: &RoleId, cap: Capability) -> Option<Provision> {
        self.get(id).and_then(|r| r.provision(cap))
    }

    /// The roles that provide `cap` as primary, by abbreviation, for
    /// "normally a PM or PM-T".
    pub fn primary_providers(&self, cap: Capability) -> Vec<&str> {
        self.roles
            .iter()
            .filter(|r| r.provision(cap) == Some(Provision::Primary))
            .map(|r| r.abbrev.as_str())
            .collect()
    }

    /// Resolves an alias (`SDM` → `EM`) unless the file defines that id itself.
    pub fn canonical_id(&self, id: &RoleId) -> RoleId {
        if self.index.contains_key(id) {
            return id.clone();
        }
        RoleId::new(unalias(id.as_str()))
    }
}

/// "PM or PM-T", "EM, TLM or Director".
pub fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// "a PM or PM-T", "an EM, TLM or Director".
pub fn or_list(items: &[&str]) -> String {
    let body = join_or(items);
    let article = match body.chars().next() {
        None => return body,
        Some(c) if "AEIOU".contains(c) => "an",
        Some(_) => "a",
    };
    format!("{article} {body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_matches_domain() {
        let cat = RoleCatalog::default();
        let em = cat.get(&RoleId::new("EM")).unwrap();
        assert_eq!(em.provision(Capability::People), Some(Provision::Primary));
        assert_eq!(em.provision(Capability::Roadmap), Some(Provision::StopGap));
        assert_eq!(em.provision(Capability::Build), None);
        let pmt = cat.get(&RoleId::new("PMT")).unwrap();
        assert_eq!(pmt.abbrev, "PM-T");
        assert_eq!(pmt.provision(Capability::Roadmap), Some(Provision::Primary));
        assert_eq!(
            cat.primary_providers(Capability::Roadmap),
            vec!["PM", "PM-T"]
        );
        assert_eq!(
            cat.primary_providers(Capability::Coordination),
            vec!["TPM", "PgM"]
        );
        for b in BUILTIN_ROLES {
            assert_eq!(b.cells.len(), 8, "{}", b.id);
        }
    }

    #[test]
    fn sdm_alias() {
        let cat = RoleCatalog::default();
        assert_eq!(cat.canonical_id(&RoleId::new("SDM")), RoleId::new("EM"));
        assert_eq!(cat.canonical_id(&RoleId::new("PM")), RoleId::new("PM"));
    }

    #[test]
    fn or_list_reads_well() {
        assert_eq!(or_list(&["PM", "PM-T"]), "a PM or PM-T");
        assert_eq!(
            or_list(&["EM", "TLM", "Director"]),
            "an EM, TLM or Director"
        );
    }
}
