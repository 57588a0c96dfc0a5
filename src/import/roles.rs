//! Stage 5 of an import: job titles → roles. The user's choices come
//! first (the app's role pickers, then the choices remembered from the last
//! import), then the map file's patterns, then the built-in table. Titles
//! no pattern maps get the fallback role and are listed. No GUI code.

use super::people::Row;
use super::{ImportError, Options, TitleRule, titles};
use crate::model::RoleId;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

pub(super) struct Roles {
    pub roles: Vec<RoleId>,
    /// (role, count, titles mapped to it), most common first.
    pub by_role: Vec<(RoleId, usize, Vec<String>)>,
    /// (title, count) of titles no pattern maps, most frequent first.
    pub unmapped: Vec<(String, usize)>,
    pub fallback: RoleId,
    /// Title → role choices the user made (pickers, map file patterns,
    /// remembered ones): the next re-import reuses them.
    pub choices: BTreeMap<String, RoleId>,
    /// The title patterns tried (map file's, then built-in).
    pub rules: Vec<TitleRule>,
    /// How many rows had a title.
    pub titled: usize,
    /// Per row, whether its person is skipped (empty when nobody is).
    pub skip: Vec<bool>,
    /// (title, count) of the titles skipped, most frequent first.
    pub skipped: Vec<(String, usize)>,
    /// Titles asked to be skipped (`--skip-title`, the map file's
    /// `skip_titles`) that nobody holds: said, as a likely typo.
    pub unused_skips: Vec<String>,
}

/// How titles are matched: the patterns, the roles there are, the
/// fallback.
struct Matcher<'a> {
    opts: &'a Options,
    /// The map file's patterns, then the built-in table.
    rules: Vec<TitleRule>,
    map_rules: usize,
    role_ids: Vec<RoleId>,
    fallback: RoleId,
}

impl<'a> Matcher<'a> {
    fn new(opts: &'a Options, path: &str) -> Result<Matcher<'a>, ImportError> {
        let mut rules: Vec<TitleRule> = opts.map.titles.clone();
        let map_rules = rules.len();
        rules.extend(titles::builtin());
        let mut role_ids: Vec<RoleId> = crate::catalog::BUILTIN_ROLES
            .iter()
            .map(|r| RoleId::new(r.id))
            .collect();
        role_ids.extend(opts.map.roles.iter().map(|r| r.id.clone()));
        role_ids.extend(opts.org_roles.iter().map(|r| r.id.clone()));
        role_ids.push(RoleId::new("ProductLead"));
        let fallback = opts
            .fallback_role
            .clone()
            .or_else(|| opts.map.fallback_role.clone())
            .unwrap_or_else(|| RoleId::new("Engineer"));
        if !role_ids.contains(&fallback) {
            return Err(ImportError::file(
                path,
                format!(
                    "fallback role \"{fallback}\" is not a role (built-in: {}; or define it under roles in the map file)",
                    crate::catalog::BUILTIN_ROLES.map(|r| r.id).join(", ")
                ),
            ));
        }
        if let Some(r) = rules.iter().find(|r| !role_ids.contains(&r.role)) {
            return Err(ImportError::file(
                path,
                format!(
                    "map file: title pattern \"{}\" names role \"{}\", which is not a role (define it under roles)",
                    r.pattern, r.role
                ),
            ));
        }
        Ok(Matcher {
            opts,
            rules,
            map_rules,
            role_ids,
            fallback,
        })
    }

    /// Whether people with `title` (`"(no title)"` when empty) are left
    /// out: the app's choice, the map file's, or the last import's unless
    /// a role is now picked for it.
    fn skipped(&self, title: &str) -> bool {
        let opts = self.opts;
        let same = |t: &String| t.trim().eq_ignore_ascii_case(title.trim());
        opts.skip_titles.iter().any(same)
            || opts.map.skip_titles.iter().any(same)
            || (opts.known_skipped.contains(title)
                && !opts.title_roles.iter().any(|(t, _)| t == title))
    }

    /// A title's role, and whether it is the user's choice (a picker, a
    /// remembered choice, a map file pattern) to remember.
    fn role(&self, title: &str) -> Option<(RoleId, bool)> {
        let opts = self.opts;
        let picked = opts
            .title_roles
            .iter()
            .find(|(t, _)| t == title)
            .map(|(_, role)| role.clone())
            .or_else(|| opts.known_titles.get(title).cloned())
            .filter(|role| self.role_ids.contains(role));
        if let Some(role) = picked {
            return Some((role, true));
        }
        let words = titles::words(title);
        if let Some(rule) = self.rules[..self.map_rules]
            .iter()
            .find(|x| titles::matches(&x.pattern, &words))
        {
            return Some((rule.role.clone(), true));
        }
        // A title that is a custom role's id or name maps to it (an export
        // of an org writes custom roles that way).
        let own = opts
            .org_roles
            .iter()
            .find(|r| {
                r.id.as_str().eq_ignore_ascii_case(title) || r.name.eq_ignore_ascii_case(title)
            })
            .map(|r| r.id.clone())
            .or_else(|| {
                opts.map
                    .roles
                    .iter()
                    .find(|r| r.id.as_str().eq_ignore_ascii_case(title))
                    .map(|r| r.id.clone())
            });
        own.or_else(|| titles::role_for(title, &self.rules, &self.role_ids))
            .map(|r| (r, false))
    }
}

pub(super) fn assign(rows: &[Row], opts: &Options, path: &str) -> Result<Roles, ImportError> {
    let matcher = Matcher::new(opts, path)?;
    let mut unmapped: Vec<(String, usize)> = Vec::new();
    let mut unmapped_ix: HashMap<String, usize> = HashMap::default();
    let mut roles: Vec<RoleId> = Vec::with_capacity(rows.len());
    let mut by_role: Vec<(RoleId, usize, Vec<String>)> = Vec::new();
    let mut choices: BTreeMap<String, RoleId> = BTreeMap::new();
    let mut titled = 0;
    // Titles repeat: each distinct one is matched once.
    let mut title_roles: HashMap<&str, Option<RoleId>> = HashMap::default();
    let any_skips = !opts.skip_titles.is_empty()
        || !opts.map.skip_titles.is_empty()
        || !opts.known_skipped.is_empty();
    let mut skip: Vec<bool> = Vec::new();
    let mut skipped: Vec<(String, usize)> = Vec::new();
    let mut skip_of: HashMap<&str, bool> = HashMap::default();
    for (k, r) in rows.iter().enumerate() {
        let title: &str = &r.title;
        if any_skips {
            let key = if title.is_empty() {
                "(no title)"
            } else {
                title
            };
            if *skip_of.entry(title).or_insert_with(|| matcher.skipped(key)) {
                if skip.is_empty() {
                    skip = vec![false; rows.len()];
                }
                skip[k] = true;
                match skipped.iter_mut().find(|(t, _)| t == key) {
                    Some((_, n)) => *n += 1,
                    None => skipped.push((key.to_string(), 1)),
                }
                // A place holder: the person is removed when the org is
                // built.
                roles.push(matcher.fallback.clone());
                continue;
            }
        }
        if !title.is_empty() {
            titled += 1;
        }
        let mapped = title_roles
            .entry(title)
            .or_insert_with(|| {
                let m = matcher.role(title);
                if let Some((role, true)) = &m {
                    choices.insert(title.to_string(), role.clone());
                }
                m.map(|(role, _)| role)
            })
            .clone();
        let role = mapped.unwrap_or_else(|| {
            let key = if title.is_empty() {
                "(no title)"
            } else {
                title
            };
            let k = *unmapped_ix.entry(key.to_string()).or_insert_with(|| {
                unmapped.push((key.to_string(), 0));
                unmapped.len() - 1
            });
            unmapped[k].1 += 1;
            matcher.fallback.clone()
        });
        match by_role.iter_mut().find(|(x, _, _)| x == &role) {
            Some((_, n, t)) => {
                *n += 1;
                if !title.is_empty() && t.len() < 16 && !t.iter().any(|x| x == title) {
                    t.push(title.to_string());
                }
            }
            None => {
                let titles = (!title.is_empty()).then(|| title.to_string());
                by_role.push((role.clone(), 1, titles.into_iter().collect()));
            }
        }
        roles.push(role);
    }
    unmapped.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    by_role.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    skipped.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let unused_skips = opts
        .skip_titles
        .iter()
        .chain(&opts.map.skip_titles)
        .filter(|t| {
            !skipped
                .iter()
                .any(|(s, _)| s.trim().eq_ignore_ascii_case(t.trim()))
        })
        .cloned()
        .collect();
    Ok(Roles {
        roles,
        by_role,
        unmapped,
        fallback: matcher.fallback,
        choices,
        rules: matcher.rules,
        titled,
        skip,
        skipped,
        unused_skips,
    })
}

/// `--strict`: unmapped titles are an error naming the first row with one.
pub(super) fn strict_error(roles: &Roles, rows: &[Row], path: &str) -> Option<ImportError> {
    let first_title = roles.unmapped.first().map(|(t, _)| t)?;
    let first = rows
        .iter()
        .find(|r| {
            first_title.as_str() == r.title.as_ref()
                || (r.title.is_empty() && first_title == "(no title)")
        })
        .map_or(0, |r| r.line);
    Some(ImportError::row(
        path,
        first,
        format!(
            "--strict: {} titles map to no role ({}); map them in a map file (--map) or drop --strict",
            roles.unmapped.len(),
            roles
                .unmapped
                .iter()
                .take(12)
                .map(|(t, _)| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ))
}
