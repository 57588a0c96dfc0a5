//! Re-import as a three-way merge (IMPORT.md "Re-import is a three-way
//! merge"): **base** is what the last import said (the org's `imported`
//! record), **HR** the new export, **plan** the org now. For each HR-owned
//! field of each person: HR unchanged → the plan's value stands; plan
//! unchanged → HR's value is taken (a home-team change moves that
//! membership); both changed → a conflict, the plan's value kept unless
//! HR is preferred. People are matched on their HR key (then email, id,
//! name), never on row order. No GUI code.

use crate::model::{
    Allocation, ImportKey, ImportRecord, ImportedPerson, ImportedTeam, Member, Org, Person,
    PersonId, Team, TeamId,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::fmt;

/// Which side wins a conflict when the user has not chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Prefer {
    #[default]
    Plan,
    Hr,
}

/// An HR-owned field of a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HrField {
    Name,
    Role,
    Manager,
    Level,
    Team,
}

/// A user's answer to one conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    KeepPlan,
    TakeHr,
}

#[derive(Clone, Debug, Default)]
pub struct MergeOptions {
    pub prefer: Prefer,
    /// Re-import even when fewer than half of the export's people match.
    pub force: bool,
    /// Per-conflict answers (the app's choices), by person and field.
    pub choices: BTreeMap<(PersonId, HrField), Choice>,
}

/// Both HR and the plan changed a field, to different values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub person: PersonId,
    pub name: String,
    pub field: HrField,
    pub base: String,
    pub hr: String,
    pub plan: String,
    pub kept: Choice,
}

impl Conflict {
    /// "Wes Lund: HR moved them to Payments, the plan to Checkout Growth;
    /// kept Checkout Growth".
    pub fn text(&self) -> String {
        let (hr, plan) = (shown(&self.hr), shown(&self.plan));
        let what = match self.field {
            HrField::Team => format!("HR moved them to {hr}, the plan to {plan}"),
            HrField::Manager => format!("HR says they report to {hr}, the plan to {plan}"),
            HrField::Role => format!("HR made them {hr}, the plan {plan}"),
            HrField::Level => format!("HR set their level to {hr}, the plan to {plan}"),
            HrField::Name => format!("HR renamed them {hr}, the plan {plan}"),
        };
        let kept = match self.kept {
            Choice::KeepPlan => plan,
            Choice::TakeHr => hr,
        };
        format!("{}: {what}; kept {kept}", self.name)
    }
}

fn shown(s: &str) -> String {
    if s.is_empty() {
        "nobody".to_string()
    } else {
        s.to_string()
    }
}

/// What a re-import does, by person name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// People of the export matched to people of the org, of all.
    pub matched: usize,
    pub hr_people: usize,
    /// How people were told apart last time and now, when that changed.
    pub key_change: Option<(ImportKey, ImportKey)>,
    /// The org had no `imported` record: the plan was the base.
    pub no_base: bool,
    /// "Ann Lee (Checkout)".
    pub joined: Vec<String>,
    pub left: Vec<String>,
    /// HR's changes taken: (person, from, to).
    pub moved: Vec<(String, String, String)>,
    pub managers: Vec<(String, String, String)>,
    pub roles: Vec<(String, String, String)>,
    pub levels: Vec<(String, String, String)>,
    pub renamed: Vec<(String, String)>,
    /// HR still lists them; the plan removed them, and stays so.
    pub kept_out: Vec<String>,
    pub conflicts: Vec<Conflict>,
}

impl MergeReport {
    /// How many changes HR brings (conflicts apart).
    pub fn changes(&self) -> usize {
        self.joined.len()
            + self.left.len()
            + self.moved.len()
            + self.managers.len()
            + self.roles.len()
            + self.levels.len()
            + self.renamed.len()
    }

    pub fn headline(&self) -> String {
        let parts: Vec<String> = [
            (self.joined.len(), "joins", "join"),
            (self.left.len(), "leaves", "leave"),
            (self.moved.len(), "moves team", "move team"),
            (self.managers.len(), "changes manager", "change manager"),
            (self.roles.len(), "changes role", "change role"),
            (self.levels.len(), "changes level", "change level"),
            (self.renamed.len(), "is renamed", "are renamed"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| count(n, one, many))
        .collect();
        let changes = if parts.is_empty() {
            "no changes".to_string()
        } else {
            parts.join(", ")
        };
        let conflicts = match self.conflicts.len() {
            0 => "no conflicts".to_string(),
            n => count(n, "conflict", "conflicts"),
        };
        format!(
            "{} of {} people in the export match the org; {changes}; {conflicts}",
            self.matched, self.hr_people
        )
    }

    /// Every change, one line each, by name.
    pub fn lines(&self) -> Vec<String> {
        self.lines_with(true)
    }

    /// [`MergeReport::lines`], with or without the conflicts (the app
    /// shows those with a choice each).
    pub fn lines_with(&self, conflicts: bool) -> Vec<String> {
        let mut out = Vec::new();
        if self.no_base {
            out.push(
                "This org has no record of a previous import: the plan is taken as the base, so HR's values are taken (a home-team change is a move).".to_string(),
            );
        }
        if let Some((was, now)) = self.key_change {
            out.push(format!(
                "People were told apart by {} last time and by {} now: matched by email, then name.",
                was.word(),
                now.word()
            ));
        }
        let mut section = |title: &str, items: Vec<String>| {
            if !items.is_empty() {
                out.push(format!("{title} ({}):", items.len()));
                out.extend(items.into_iter().map(|i| format!("  {i}")));
            }
        };
        section(
            "Join",
            self.joined.iter().map(|n| format!("+ {n}")).collect(),
        );
        section(
            "Leave",
            self.left.iter().map(|n| format!("- {n}")).collect(),
        );
        let arrow = |v: &[(String, String, String)]| -> Vec<String> {
            v.iter()
                .map(|(n, a, b)| format!("{n}: {} → {}", shown(a), shown(b)))
                .collect()
        };
        section("Move team", arrow(&self.moved));
        section("Change manager", arrow(&self.managers));
        section("Change role", arrow(&self.roles));
        section("Change level", arrow(&self.levels));
        section(
            "Renamed",
            self.renamed
                .iter()
                .map(|(a, b)| format!("{a} → {b}"))
                .collect(),
        );
        section(
            "Kept out (the plan removed them; HR still lists them)",
            self.kept_out.clone(),
        );
        if conflicts {
            section(
                "Conflicts (HR and the plan both changed it)",
                self.conflicts.iter().map(Conflict::text).collect(),
            );
        }
        if self.changes() == 0 && self.conflicts.is_empty() {
            out.push("No changes: the org already matches the export.".to_string());
        }
        out
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeError {
    /// Fewer than half of the export's people match: another org's export.
    FewMatch { matched: usize, total: usize },
    /// The export was not read by `import` (no record of what it said).
    NoRecord,
    /// The merged org is not valid (a bug; nothing is written).
    Invalid(String),
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeError::FewMatch { matched, total } => write!(
                f,
                "only {matched} of {total} people in the export match people of the org: it looks like another org's export (use --force to re-import it anyway)"
            ),
            MergeError::NoRecord => write!(f, "the export has no record of what it read"),
            MergeError::Invalid(e) => write!(f, "the merged org is not valid: {e}"),
        }
    }
}

impl std::error::Error for MergeError {}

/// The org after a re-import, and what it did.
#[derive(Clone, Debug)]
pub struct Merged {
    pub org: Org,
    pub report: MergeReport,
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Three values of one field.
enum Outcome {
    Keep,
    TakeHr,
    Conflict,
}

fn merge3<T: PartialEq>(base: &T, hr: &T, plan: &T) -> Outcome {
    if hr == base || hr == plan {
        Outcome::Keep
    } else if plan == base {
        Outcome::TakeHr
    } else {
        Outcome::Conflict
    }
}

/// The base when the org has no record: the plan as it is.
fn base_from_plan(plan: &Org) -> ImportRecord {
    let mut home: HashMap<&str, &TeamId> = HashMap::default();
    for t in &plan.teams {
        for m in &t.members {
            home.entry(m.person.as_str()).or_insert(&t.id);
        }
    }
    ImportRecord {
        key: ImportKey::Key,
        teams: plan
            .teams
            .iter()
            .map(|t| ImportedTeam {
                id: t.id.clone(),
                name: t.name.clone(),
            })
            .collect(),
        people: plan
            .people
            .iter()
            .map(|p| ImportedPerson {
                id: p.id.clone(),
                key: p.id.to_string(),
                email: String::new(),
                name: p.name.to_string(),
                title: String::new(),
                role: p.role.clone(),
                manager: p.manager.clone(),
                level: p.level.clone(),
                team: home.get(p.id.as_str()).map(|t| (*t).clone()),
            })
            .collect(),
        ..ImportRecord::default()
    }
}

/// Matches each HR person to a base person: on the key when both imports
/// were keyed alike, then email, then the key as an org id (an export of
/// the org), then a name unique on both sides, then name with title.
fn match_people(base: &ImportRecord, hr: &ImportRecord) -> Vec<Option<usize>> {
    let n = hr.people.len();
    let mut of_hr: Vec<Option<usize>> = vec![None; n];
    let mut taken = vec![false; base.people.len()];
    type KeyFn = fn(&ImportedPerson) -> Option<String>;
    let mut step = |hr_key: KeyFn, base_key: KeyFn| {
        let mut index: HashMap<String, Option<usize>> = HashMap::default();
        for (j, b) in base.people.iter().enumerate() {
            if taken[j] {
                continue;
            }
            if let Some(k) = base_key(b) {
                index.entry(k).and_modify(|v| *v = None).or_insert(Some(j));
            }
        }
        let mut wanted: HashMap<String, usize> = HashMap::default();
        for (i, h) in hr.people.iter().enumerate() {
            if of_hr[i].is_none()
                && let Some(k) = hr_key(h)
            {
                *wanted.entry(k).or_insert(0) += 1;
            }
        }
        for (i, h) in hr.people.iter().enumerate() {
            if of_hr[i].is_some() {
                continue;
            }
            let Some(k) = hr_key(h) else { continue };
            if wanted.get(&k) != Some(&1) {
                continue;
            }
            if let Some(Some(j)) = index.get(&k)
                && !taken[*j]
            {
                of_hr[i] = Some(*j);
                taken[*j] = true;
            }
        }
    };
    fn nonempty(s: &str) -> Option<String> {
        (!s.is_empty()).then(|| lower(s))
    }
    if base.key == hr.key {
        step(|p| nonempty(&p.key), |p| nonempty(&p.key));
    }
    step(|p| nonempty(&p.email), |p| nonempty(&p.email));
    step(|p| nonempty(&p.key), |p| nonempty(p.id.as_str()));
    step(|p| nonempty(&p.name), |p| nonempty(&p.name));
    step(
        |p| Some(lower(&format!("{}\u{1f}{}", p.name, p.title))),
        |p| Some(lower(&format!("{}\u{1f}{}", p.name, p.title))),
    );
    of_hr
}

/// A new id not yet used (`base`, `base-2`, …).
fn fresh(base: &str, used: &mut HashSet<String>) -> String {
    if used.insert(base.to_string()) {
        return base.to_string();
    }
    let mut n = 2;
    loop {
        let c = format!("{base}-{n}");
        if used.insert(c.clone()) {
            return c;
        }
        n += 1;
    }
}

/// Merges the org `hr` (made by [`super::import`] from the new export,
/// with its record) into `plan`.
pub fn reimport(plan: &Org, hr: &Org, opts: &MergeOptions) -> Result<Merged, MergeError> {
    let hr_rec = hr.imported.as_deref().ok_or(MergeError::NoRecord)?;
    let no_base = plan.imported.is_none();
    let synthesized;
    let base: &ImportRecord = match plan.imported.as_deref() {
        Some(r) => r,
        None => {
            synthesized = base_from_plan(plan);
            &synthesized
        }
    };
    let mut report = MergeReport {
        hr_people: hr_rec.people.len(),
        no_base,
        key_change: (!no_base && base.key != hr_rec.key).then_some((base.key, hr_rec.key)),
        ..MergeReport::default()
    };
    let of_hr = match_people(base, hr_rec);
    report.matched = of_hr.iter().filter(|m| m.is_some()).count();
    if !opts.force
        && !base.people.is_empty()
        && report.hr_people > 0
        && report.matched * 2 < report.hr_people
    {
        return Err(MergeError::FewMatch {
            matched: report.matched,
            total: report.hr_people,
        });
    }
    let mut org = plan.clone();
    let plan_ix: HashMap<&str, usize> = plan
        .people
        .iter()
        .enumerate()
        .map(|(k, p)| (p.id.as_str(), k))
        .collect();
    // Each HR person's id in the org: the matched person's, or a new one.
    let mut used: HashSet<String> = plan.people.iter().map(|p| p.id.to_string()).collect();
    used.extend(base.people.iter().map(|b| b.id.to_string()));
    let hr_ids: Vec<PersonId> = hr_rec
        .people
        .iter()
        .zip(&of_hr)
        .map(|(h, m)| match m {
            Some(j) => base.people[*j].id.clone(),
            None => PersonId::new(fresh(h.id.as_str(), &mut used)),
        })
        .collect();
    let hr_by_org_id: HashMap<&str, usize> = hr_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let hr_id_of: HashMap<&str, usize> = hr_rec
        .people
        .iter()
        .enumerate()
        .map(|(i, h)| (h.id.as_str(), i))
        .collect();
    // HR's manager as an org id; a manager the plan removed is nobody.
    let exists = |id: &PersonId| plan_ix.contains_key(id.as_str());
    let new_hire: HashSet<usize> = (0..hr_ids.len()).filter(|&i| of_hr[i].is_none()).collect();
    let org_ref = |hr_person: &Option<PersonId>| -> Option<PersonId> {
        let i = *hr_id_of.get(hr_person.as_ref()?.as_str())?;
        let id = &hr_ids[i];
        (exists(id) || new_hire.contains(&i)).then(|| id.clone())
    };
    // Teams: each HR team value to an org team (the one the last import
    // made of that value, else one of that name, else a new team).
    let by_base_name: HashMap<String, &TeamId> =
        base.teams.iter().map(|t| (lower(&t.name), &t.id)).collect();
    let mut team_ix: HashMap<String, usize> = org
        .teams
        .iter()
        .enumerate()
        .map(|(k, t)| (t.id.to_string(), k))
        .collect();
    let by_plan_name: HashMap<String, usize> = org
        .teams
        .iter()
        .enumerate()
        .rev()
        .map(|(k, t)| (lower(&t.name), k))
        .collect();
    let mut team_ids: HashSet<String> = team_ix.keys().cloned().collect();
    let mut hr_team: HashMap<&str, TeamId> = HashMap::default();
    let mut new_teams: Vec<ImportedTeam> = Vec::new();
    for t in &hr_rec.teams {
        let name = lower(&t.name);
        let id = by_base_name
            .get(&name)
            .filter(|id| team_ix.contains_key(id.as_str()))
            .map(|id| (*id).clone())
            .or_else(|| by_plan_name.get(&name).map(|&k| org.teams[k].id.clone()));
        let id = match id {
            Some(id) => id,
            None => {
                let id = TeamId::new(fresh(t.id.as_str(), &mut team_ids));
                let mut nt = Team::new(id.to_string(), t.name.clone());
                nt.kind = hr.team(&t.id).map(|x| x.kind).unwrap_or_default();
                team_ix.insert(id.to_string(), org.teams.len());
                org.teams.push(nt);
                id
            }
        };
        new_teams.push(ImportedTeam {
            id: id.clone(),
            name: t.name.clone(),
        });
        hr_team.insert(t.id.as_str(), id);
    }
    let team_name = |org: &Org, id: Option<&TeamId>| -> String {
        id.and_then(|t| org.team(t))
            .map_or_else(String::new, |t| t.name.clone())
    };
    // Each person's teams in the plan (before any change).
    let mut teams_of: HashMap<&str, Vec<usize>> = HashMap::default();
    for (k, t) in plan.teams.iter().enumerate() {
        for m in &t.members {
            teams_of.entry(m.person.as_str()).or_default().push(k);
        }
    }
    let hr_known: HashSet<&str> = hr_team.values().map(|t| t.as_str()).collect();
    let choose = |person: &PersonId, field: HrField| -> Choice {
        opts.choices
            .get(&(person.clone(), field))
            .copied()
            .unwrap_or(match opts.prefer {
                Prefer::Plan => Choice::KeepPlan,
                Prefer::Hr => Choice::TakeHr,
            })
    };
    let name_of = |id: &Option<PersonId>| -> String {
        id.as_ref()
            .and_then(|m| {
                plan_ix
                    .get(m.as_str())
                    .map(|&k| plan.people[k].name.to_string())
                    .or_else(|| {
                        hr_by_org_id
                            .get(m.as_str())
                            .map(|&i| hr_rec.people[i].name.clone())
                    })
            })
            .unwrap_or_default()
    };
    // Membership changes, applied together at the end.
    let mut leave: HashSet<(usize, String)> = HashSet::default();
    let mut join: Vec<(usize, Member)> = Vec::new();
    let mut from_hr_manager: HashSet<PersonId> = HashSet::default();
    for (i, h) in hr_rec.people.iter().enumerate() {
        let Some(j) = of_hr[i] else { continue };
        let b = &base.people[j];
        let Some(&k) = plan_ix.get(b.id.as_str()) else {
            report.kept_out.push(h.name.clone());
            continue;
        };
        let p = &plan.people[k];
        let pid = p.id.clone();
        let who = p.name.to_string();
        let mut conflict = |field: HrField, base: String, hr: String, plan: String| -> bool {
            let kept = choose(&pid, field);
            report.conflicts.push(Conflict {
                person: pid.clone(),
                name: who.clone(),
                field,
                base,
                hr,
                plan,
                kept,
            });
            kept == Choice::TakeHr
        };
        // Name.
        let take = match merge3(&b.name.as_str(), &h.name.as_str(), &p.name.as_str()) {
            Outcome::Keep => false,
            Outcome::TakeHr => true,
            Outcome::Conflict => conflict(
                HrField::Name,
                b.name.clone(),
                h.name.clone(),
                p.name.to_string(),
            ),
        };
        if take {
            report.renamed.push((p.name.to_string(), h.name.clone()));
            org.people[k].name = h.name.as_str().into();
        }
        // Role (from the title).
        let take = match merge3(&b.role, &h.role, &p.role) {
            Outcome::Keep => false,
            Outcome::TakeHr => true,
            Outcome::Conflict => conflict(
                HrField::Role,
                b.role.to_string(),
                h.role.to_string(),
                p.role.to_string(),
            ),
        };
        if take {
            report
                .roles
                .push((who.clone(), p.role.to_string(), h.role.to_string()));
            org.people[k].role = h.role.clone();
            org.people[k].hats.retain(|x| x != &h.role);
        }
        // Manager.
        let hr_manager = org_ref(&h.manager);
        let take = match merge3(&b.manager, &hr_manager, &p.manager) {
            Outcome::Keep => false,
            Outcome::TakeHr => true,
            Outcome::Conflict => conflict(
                HrField::Manager,
                name_of(&b.manager),
                name_of(&hr_manager),
                name_of(&p.manager),
            ),
        };
        if take {
            report
                .managers
                .push((who.clone(), name_of(&p.manager), name_of(&hr_manager)));
            org.people[k].manager = hr_manager;
            from_hr_manager.insert(pid.clone());
        }
        // Level.
        let take = match merge3(&b.level, &h.level, &p.level) {
            Outcome::Keep => false,
            Outcome::TakeHr => true,
            Outcome::Conflict => conflict(
                HrField::Level,
                b.level.clone().unwrap_or_default(),
                h.level.clone().unwrap_or_default(),
                p.level.clone().unwrap_or_default(),
            ),
        };
        if take {
            report.levels.push((
                who.clone(),
                p.level.clone().unwrap_or_default(),
                h.level.clone().unwrap_or_default(),
            ));
            org.people[k].level.clone_from(&h.level);
        }
        // Home team: the plan's is the base team while they are still in
        // it; else (the plan moved them) their first team HR does not
        // account for, else their first team.
        let mine: &[usize] = teams_of.get(pid.as_str()).map_or(&[], Vec::as_slice);
        let in_team = |t: &TeamId| mine.iter().any(|&x| plan.teams[x].id == *t);
        let base_team = b
            .team
            .clone()
            .filter(|t| no_base || team_ix.contains_key(t.as_str()));
        let plan_team: Option<TeamId> = match &base_team {
            Some(t) if in_team(t) => Some(t.clone()),
            _ if no_base => mine
                .iter()
                .find(|&&x| hr_known.contains(plan.teams[x].id.as_str()))
                .or(mine.first())
                .map(|&x| plan.teams[x].id.clone()),
            _ => mine.first().map(|&x| plan.teams[x].id.clone()),
        };
        let base_team = if no_base {
            plan_team.clone()
        } else {
            base_team
        };
        let hr_home = h
            .team
            .as_ref()
            .and_then(|t| hr_team.get(t.as_str()))
            .cloned();
        let take = match merge3(&base_team, &hr_home, &plan_team) {
            Outcome::Keep => false,
            Outcome::TakeHr => true,
            Outcome::Conflict => conflict(
                HrField::Team,
                team_name(&org, base_team.as_ref()),
                team_name(&org, hr_home.as_ref()),
                team_name(&org, plan_team.as_ref()),
            ),
        };
        if take {
            report.moved.push((
                who.clone(),
                team_name(&org, plan_team.as_ref()),
                team_name(&org, hr_home.as_ref()),
            ));
            let mut alloc = Allocation::FULL;
            if let Some(t) = &plan_team
                && let Some(&x) = team_ix.get(t.as_str())
                && let Some(m) = org.teams[x].member(&pid)
            {
                alloc = m.allocation;
                leave.insert((x, pid.to_string()));
            }
            if let Some(t) = &hr_home
                && let Some(&x) = team_ix.get(t.as_str())
            {
                join.push((x, Member::new(pid.clone(), alloc)));
            }
        }
        // Dotted lines HR adds.
        let hr_dotted = hr.people.get(i).map_or(&[][..], |x| x.dotted.as_slice());
        for d in hr_dotted {
            if let Some(d) = org_ref(&Some(d.clone()))
                && d != pid
                && !org.people[k].dotted.contains(&d)
            {
                org.people[k].dotted.push(d);
            }
        }
    }
    // New hires.
    for (i, h) in hr_rec.people.iter().enumerate() {
        if of_hr[i].is_some() {
            continue;
        }
        let Some(src) = hr.people.get(i) else {
            continue;
        };
        let mut p = Person::new(hr_ids[i].to_string(), h.name.clone(), "");
        p.role = h.role.clone();
        p.level.clone_from(&h.level);
        p.manager = org_ref(&h.manager);
        p.dotted = src
            .dotted
            .iter()
            .filter_map(|d| org_ref(&Some(d.clone())))
            .collect();
        let home = h
            .team
            .as_ref()
            .and_then(|t| hr_team.get(t.as_str()))
            .cloned();
        match &home {
            Some(t) => {
                if let Some(&x) = team_ix.get(t.as_str()) {
                    join.push((x, Member::new(p.id.clone(), Allocation::FULL)));
                }
                report
                    .joined
                    .push(format!("{} ({})", h.name, team_name(&org, Some(t))));
            }
            None => report.joined.push(h.name.clone()),
        }
        org.people.push(p);
    }
    // Leavers: people the last import had (all, without a record) whom
    // the export no longer lists.
    let mut matched_base = vec![false; base.people.len()];
    for j in of_hr.iter().flatten() {
        matched_base[*j] = true;
    }
    let gone: HashSet<String> = base
        .people
        .iter()
        .zip(&matched_base)
        .filter(|(b, m)| !**m && plan_ix.contains_key(b.id.as_str()))
        .map(|(b, _)| b.id.to_string())
        .collect();
    for id in &gone {
        report
            .left
            .push(plan.people[plan_ix[id.as_str()]].name.to_string());
    }
    // Memberships.
    for (x, t) in org.teams.iter_mut().enumerate() {
        t.members.retain(|m| {
            !gone.contains(m.person.as_str()) && !leave.contains(&(x, m.person.to_string()))
        });
    }
    for (x, m) in join {
        let t = &mut org.teams[x];
        if t.member(&m.person).is_none() {
            t.members.push(m);
        }
    }
    if !gone.is_empty() {
        org.people.retain(|p| !gone.contains(p.id.as_str()));
        for p in &mut org.people {
            if p.manager
                .as_ref()
                .is_some_and(|m| gone.contains(m.as_str()))
            {
                p.manager = None;
            }
            p.dotted.retain(|d| !gone.contains(d.as_str()));
        }
        for ini in &mut org.initiatives {
            ini.members.retain(|m| !gone.contains(m.person.as_str()));
            if ini.lead.as_ref().is_some_and(|l| gone.contains(l.as_str())) {
                ini.lead = None;
            }
            if ini
                .sponsor
                .as_ref()
                .is_some_and(|s| gone.contains(s.as_str()))
            {
                ini.sponsor = None;
            }
        }
    }
    break_cycles(&mut org, plan, &from_hr_manager, &mut report);
    // Custom roles the export needs.
    for r in &hr.roles {
        if !org.roles.iter().any(|x| x.id == r.id) {
            org.roles.push(r.clone());
        }
    }
    // The new base: what HR said, in the org's ids.
    let mut titles = base.titles.clone();
    if no_base {
        titles.clear();
    }
    titles.extend(hr_rec.titles.iter().map(|(t, r)| (t.clone(), r.clone())));
    let record = ImportRecord {
        source: hr_rec.source.clone(),
        date: hr_rec.date,
        key: hr_rec.key,
        titles,
        teams: new_teams,
        people: hr_rec
            .people
            .iter()
            .enumerate()
            .map(|(i, h)| ImportedPerson {
                id: hr_ids[i].clone(),
                key: h.key.clone(),
                email: h.email.clone(),
                name: h.name.clone(),
                title: h.title.clone(),
                role: h.role.clone(),
                manager: h
                    .manager
                    .as_ref()
                    .and_then(|m| hr_id_of.get(m.as_str()))
                    .map(|&x| hr_ids[x].clone()),
                level: h.level.clone(),
                team: h
                    .team
                    .as_ref()
                    .and_then(|t| hr_team.get(t.as_str()))
                    .cloned(),
            })
            .collect(),
    };
    org.imported = Some(Box::new(match plan.imported.as_deref() {
        Some(old) if old.same_content(&record) => old.clone(),
        _ => record,
    }));
    crate::io::validate_org(&mut org).map_err(MergeError::Invalid)?;
    Ok(Merged { org, report })
}

/// A manager HR gave that closes a loop with the plan's lines is not
/// taken: the plan's manager stays, and the loop is reported as a
/// conflict.
fn break_cycles(org: &mut Org, plan: &Org, from_hr: &HashSet<PersonId>, report: &mut MergeReport) {
    if from_hr.is_empty() {
        return;
    }
    let ix: HashMap<String, usize> = org
        .people
        .iter()
        .enumerate()
        .map(|(k, p)| (p.id.to_string(), k))
        .collect();
    let plan_manager: HashMap<&str, Option<PersonId>> = plan
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.manager.clone()))
        .collect();
    let mut state = vec![0u8; org.people.len()];
    for start in 0..org.people.len() {
        if state[start] != 0 {
            continue;
        }
        let mut chain: Vec<usize> = Vec::new();
        let mut cur = Some(start);
        while let Some(p) = cur {
            if state[p] == 2 {
                break;
            }
            if state[p] == 1 {
                // A loop: revert the first HR-given line in it.
                let at = chain.iter().position(|&x| x == p).unwrap_or(0);
                if let Some(&k) = chain[at..]
                    .iter()
                    .find(|&&k| from_hr.contains(&org.people[k].id))
                {
                    let id = org.people[k].id.clone();
                    let was = plan_manager.get(id.as_str()).cloned().flatten();
                    let hr = org.people[k].manager.clone();
                    org.people[k].manager = was.clone();
                    report
                        .managers
                        .retain(|(n, _, _)| *n != org.people[k].name.as_str());
                    report.conflicts.push(Conflict {
                        person: id,
                        name: org.people[k].name.to_string(),
                        field: HrField::Manager,
                        base: String::new(),
                        hr: hr
                            .and_then(|m| {
                                ix.get(m.as_str()).map(|&x| org.people[x].name.to_string())
                            })
                            .unwrap_or_default(),
                        plan: was
                            .and_then(|m| {
                                ix.get(m.as_str()).map(|&x| org.people[x].name.to_string())
                            })
                            .unwrap_or_default(),
                        kept: Choice::KeepPlan,
                    });
                }
                break;
            }
            state[p] = 1;
            chain.push(p);
            cur = org.people[p]
                .manager
                .as_ref()
                .and_then(|m| ix.get(m.as_str()).copied());
        }
        for p in chain {
            state[p] = 2;
        }
    }
}
