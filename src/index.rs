//! Every reference in an org resolved to integer indices, in one place.
//!
//! The reader builds this while it validates (it resolves every id there
//! anyway) and hands it to the analysis, so the analysis, the reporting tree
//! and the charts work on indices and never hash an id. Anything else that
//! has an org but no index builds one with [`OrgIndex::new`].

use crate::catalog::RoleCatalog;
use crate::model::Org;
use rustc_hash::FxHashMap as HashMap;

/// Lists per item stored flat (one allocation for all of them): `lists[i]`
/// is item `i`'s slice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lists<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Lists<T> {
    fn default() -> Self {
        Lists {
            start: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T> Lists<T> {
    /// Builds lists item by item: `push` to the current list, `next` to
    /// close it.
    fn with_capacity(lists: usize, items: usize) -> Self {
        let mut start = Vec::with_capacity(lists + 1);
        start.push(0);
        Lists {
            start,
            items: Vec::with_capacity(items),
        }
    }

    fn push(&mut self, item: T) {
        self.items.push(item);
    }

    fn close(&mut self) {
        self.start.push(self.items.len() as u32);
    }

    /// Groups `(list, item)` pairs by list, keeping their order (a
    /// counting sort: two passes, no per-item allocation).
    pub fn from_pairs(n: usize, pairs: Vec<(usize, T)>) -> Self
    where
        T: Copy,
    {
        let mut start = vec![0u32; n + 1];
        for (p, _) in &pairs {
            start[p + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        // Where each slot's item comes from.
        let mut next: Vec<u32> = start[..n].to_vec();
        let mut from = vec![0u32; pairs.len()];
        for (k, (p, _)) in pairs.iter().enumerate() {
            from[next[*p] as usize] = k as u32;
            next[*p] += 1;
        }
        Lists {
            start,
            items: from.iter().map(|&k| pairs[k as usize].1).collect(),
        }
    }

    /// Groups the `(list, item)` pairs that `each` emits by list, keeping
    /// their order, without gathering them first: `each` runs twice, once
    /// to count and once to place (it must emit the same pairs both times).
    /// `blank` fills the slots until they are placed.
    pub fn from_fn(n: usize, blank: T, each: impl Fn(&mut dyn FnMut(usize, T))) -> Self
    where
        T: Copy,
    {
        let mut start = vec![0u32; n + 1];
        each(&mut |p, _| start[p + 1] += 1);
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut next: Vec<u32> = start[..n].to_vec();
        let mut items = vec![blank; start[n] as usize];
        each(&mut |p, item| {
            items[next[p] as usize] = item;
            next[p] += 1;
        });
        Lists { start, items }
    }

    /// How many items all the lists hold together.
    pub fn total(&self) -> usize {
        self.items.len()
    }

    pub fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every list, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[T]> {
        (0..self.len()).map(move |p| &self[p])
    }
}

impl<T> std::ops::Index<usize> for Lists<T> {
    type Output = [T];

    fn index(&self, p: usize) -> &[T] {
        &self.items[self.start[p] as usize..self.start[p + 1] as usize]
    }
}

/// An org's references as indices (into `org.people`, `org.teams`,
/// `org.initiatives` and the role catalogue). A reference that names
/// nothing (possible only in an unvalidated org) is left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrgIndex {
    /// Each person's manager.
    pub manager: Vec<Option<u32>>,
    /// Each person's dotted-line managers.
    pub dotted: Lists<u32>,
    /// Each person's role then hats, as catalogue indices.
    pub roles: Lists<u16>,
    /// Each team's members: (person, allocation percent).
    pub team_members: Lists<(u32, u32)>,
    /// Each team's dependencies.
    pub team_deps: Lists<u32>,
    /// Each initiative's teams, each once, in file order.
    pub initiative_teams: Lists<u32>,
    /// Each initiative's `members`: (person, allocation percent).
    pub initiative_members: Lists<(u32, u32)>,
    pub initiative_lead: Vec<Option<u32>>,
    pub initiative_sponsor: Vec<Option<u32>>,
}

/// Id → index maps for people and teams, borrowed from the org.
pub struct IdMaps<'o> {
    pub people: HashMap<&'o str, u32>,
    pub teams: HashMap<&'o str, u32>,
}

impl<'o> IdMaps<'o> {
    /// The maps (first definition wins for a duplicated id).
    pub fn new(org: &'o Org) -> IdMaps<'o> {
        let mut people = HashMap::with_capacity_and_hasher(org.people.len(), Default::default());
        for (i, p) in org.people.iter().enumerate() {
            people.entry(p.id.as_str()).or_insert(i as u32);
        }
        let mut teams = HashMap::with_capacity_and_hasher(org.teams.len(), Default::default());
        for (i, t) in org.teams.iter().enumerate() {
            teams.entry(t.id.as_str()).or_insert(i as u32);
        }
        IdMaps { people, teams }
    }
}

impl OrgIndex {
    /// Resolves every reference of `org` (roles against `catalog`).
    pub fn new(org: &Org, catalog: &RoleCatalog) -> OrgIndex {
        OrgIndex::from_maps(org, catalog, &IdMaps::new(org))
    }

    /// [`OrgIndex::new`] with maps already built (the reader's).
    pub fn from_maps(org: &Org, catalog: &RoleCatalog, maps: &IdMaps) -> OrgIndex {
        let person = |id: &str| maps.people.get(id).copied();
        let team = |id: &str| maps.teams.get(id).copied();
        let n = org.people.len();
        let mut manager = Vec::with_capacity(n);
        let mut dotted = Lists::with_capacity(n, 0);
        let mut roles = Lists::with_capacity(n, n);
        for p in &org.people {
            manager.push(p.manager.as_ref().and_then(|m| person(m.as_str())));
            for d in &p.dotted {
                if let Some(d) = person(d.as_str()) {
                    dotted.push(d);
                }
            }
            dotted.close();
            for r in p.all_roles() {
                if let Some(r) = catalog.index_of(r) {
                    roles.push(r as u16);
                }
            }
            roles.close();
        }
        let members: usize = org.teams.iter().map(|t| t.members.len()).sum();
        let mut team_members = Lists::with_capacity(org.teams.len(), members);
        let mut team_deps = Lists::with_capacity(org.teams.len(), 0);
        for t in &org.teams {
            for m in &t.members {
                if let Some(p) = person(m.person.as_str()) {
                    team_members.push((p, m.allocation.percent()));
                }
            }
            team_members.close();
            for d in &t.depends_on {
                if let Some(d) = team(d.as_str()) {
                    team_deps.push(d);
                }
            }
            team_deps.close();
        }
        let k = org.initiatives.len();
        let mut initiative_teams = Lists::with_capacity(k, 0);
        let mut initiative_members = Lists::with_capacity(k, 0);
        let mut initiative_lead = Vec::with_capacity(k);
        let mut initiative_sponsor = Vec::with_capacity(k);
        for ini in &org.initiatives {
            let from = initiative_teams.items.len();
            for t in &ini.teams {
                if let Some(t) = team(t.as_str())
                    && !initiative_teams.items[from..].contains(&t)
                {
                    initiative_teams.push(t);
                }
            }
            initiative_teams.close();
            for m in &ini.members {
                if let Some(p) = person(m.person.as_str()) {
                    initiative_members.push((p, m.allocation.percent()));
                }
            }
            initiative_members.close();
            initiative_lead.push(ini.lead.as_ref().and_then(|l| person(l.as_str())));
            initiative_sponsor.push(ini.sponsor.as_ref().and_then(|s| person(s.as_str())));
        }
        OrgIndex {
            manager,
            dotted,
            roles,
            team_members,
            team_deps,
            initiative_teams,
            initiative_members,
            initiative_lead,
            initiative_sponsor,
        }
    }

    /// Direct reports of each person.
    pub fn reports(&self) -> Lists<u32> {
        let pairs = self
            .manager
            .iter()
            .enumerate()
            .filter_map(|(i, m)| m.map(|m| (m as usize, i as u32)))
            .collect();
        Lists::from_pairs(self.manager.len(), pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_to_the_right_entities() {
        let org = crate::samples::builtin();
        let cat = RoleCatalog::new(&org.roles);
        let ix = OrgIndex::new(&org, &cat);
        for (i, p) in org.people.iter().enumerate() {
            assert_eq!(
                ix.manager[i].map(|m| org.people[m as usize].id.clone()),
                p.manager
            );
            let roles: Vec<&str> = ix.roles[i]
                .iter()
                .map(|&r| cat.roles()[r as usize].id.as_str())
                .collect();
            let expect: Vec<&str> = p.all_roles().map(|r| r.as_str()).collect();
            assert_eq!(roles, expect);
        }
        for (t, team) in org.teams.iter().enumerate() {
            let ids: Vec<&str> = ix.team_members[t]
                .iter()
                .map(|&(p, _)| org.people[p as usize].id.as_str())
                .collect();
            let expect: Vec<&str> = team.members.iter().map(|m| m.person.as_str()).collect();
            assert_eq!(ids, expect);
        }
        let reports = ix.reports();
        let total: usize = reports.iter().map(<[u32]>::len).sum();
        assert_eq!(
            total,
            org.people.iter().filter(|p| p.manager.is_some()).count()
        );
    }

    #[test]
    fn lists_from_pairs_keep_order() {
        let pairs = vec![(2, 'a'), (0, 'b'), (2, 'c'), (0, 'd')];
        let f = Lists::from_fn(3, ' ', |emit| {
            for &(p, c) in &pairs {
                emit(p, c);
            }
        });
        assert_eq!(&f[0], &['b', 'd']);
        assert!(f[1].is_empty());
        assert_eq!(&f[2], &['a', 'c']);
        assert_eq!(f.total(), 4);
        let l = Lists::from_pairs(3, pairs);
        assert_eq!(&l[0], &['b', 'd']);
        assert!(l[1].is_empty());
        assert_eq!(&l[2], &['a', 'c']);
    }
}
