//! Re-import as a three-way merge (docs/import.md "Re-import: a three-way
//! merge"): **base** is what the last import said (the org's `imported`
//! record), **HR** the new export, **plan** the org now. For each HR-owned
//! field of each person: HR unchanged → the plan's value stands; plan
//! unchanged → HR's value is taken (a home-team change moves that
//! membership); both changed → a conflict, the plan's value kept unless
//! HR is preferred. People are matched on their HR key (then email, id,
//! name), never on row order. No GUI code.

use super::unique::Unique;
use crate::model::{
    Allocation, ImportKey, ImportRecord, ImportedPerson, ImportedTeam, Member, Org, Person,
    PersonId, RoleId, Team, TeamId, Text,
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

use crate::text::count;

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
        teams: plan.teams.iter().map(ImportedTeam::from).collect(),
        people: plan
            .people
            .iter()
            .map(|p| ImportedPerson {
                id: p.id.clone(),
                key: p.id.as_str().into(),
                email: Text::default(),
                name: p.name.clone(),
                title: Text::default(),
                role: p.role.clone(),
                manager: p.manager.clone(),
                level: p.level.as_deref().map(Into::into),
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
    let mut left = n;
    let mut step = |hr_key: KeyFn, base_key: KeyFn| {
        // Once everyone is matched, the later steps have nothing to do.
        if left == 0 {
            return;
        }
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
                left -= 1;
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

/// Merges the org `hr` (made by [`super::import`] from the new export,
/// with its record) into `plan`.
pub fn reimport(plan: &Org, hr: &Org, opts: &MergeOptions) -> Result<Merged, MergeError> {
    let hr_rec = hr.imported.as_deref().ok_or(MergeError::NoRecord)?;
    let synthesized;
    let base: &ImportRecord = match plan.imported.as_deref() {
        Some(r) => r,
        None => {
            synthesized = base_from_plan(plan);
            &synthesized
        }
    };
    let mut m = Merge::new(plan, hr, hr_rec, base, opts)?;
    m.map_teams();
    for i in 0..hr_rec.people.len() {
        match m.of_hr[i] {
            Some(j) => m.update(i, j),
            None => m.hire(i),
        }
    }
    m.remove_leavers();
    m.apply_memberships();
    m.break_loops();
    // Custom roles the export needs.
    for r in &hr.roles {
        if !m.org.roles.iter().any(|x| x.id == r.id) {
            m.org.roles.push(r.clone());
        }
    }
    let record = m.record();
    let mut org = m.org;
    org.imported = Some(Box::new(match plan.imported.as_deref() {
        Some(old) if old.same_content(&record) => old.clone(),
        _ => record,
    }));
    crate::io::validate_org(&mut org).map_err(MergeError::Invalid)?;
    Ok(Merged {
        org,
        report: m.report,
    })
}

/// A re-import under way: the three sides, how HR's people and teams map to
/// the org's, and the changes gathered.
struct Merge<'a> {
    plan: &'a Org,
    hr: &'a Org,
    hr_rec: &'a ImportRecord,
    base: &'a ImportRecord,
    opts: &'a MergeOptions,
    no_base: bool,
    /// Each HR person's base person, if matched.
    of_hr: Vec<Option<usize>>,
    /// Each HR person's id in the org (the matched person's, or a new one).
    hr_ids: Vec<PersonId>,
    plan_ix: HashMap<&'a str, usize>,
    /// HR person by their id in the export; new hires by their id in the
    /// org.
    hr_ix: HashMap<&'a str, usize>,
    hr_by_org_id: HashMap<String, usize>,
    /// Each person's teams in the plan (indices; before any change).
    teams_of: HashMap<&'a str, Vec<usize>>,
    org: Org,
    team_ix: HashMap<String, usize>,
    /// HR's team ids to the org's, and the record's team list.
    hr_team: HashMap<&'a str, TeamId>,
    /// The org teams HR accounts for (the values of `hr_team`).
    hr_known: HashSet<String>,
    record_teams: Vec<ImportedTeam>,
    /// Membership changes, applied together: (team, person) to leave, and
    /// memberships to add.
    leave: HashSet<(usize, String)>,
    join: Vec<(usize, Member)>,
    /// Managers the merge set (HR's), with the plan's value before.
    set_managers: Vec<(PersonId, Option<PersonId>)>,
    report: MergeReport,
}

impl<'a> Merge<'a> {
    fn new(
        plan: &'a Org,
        hr: &'a Org,
        hr_rec: &'a ImportRecord,
        base: &'a ImportRecord,
        opts: &'a MergeOptions,
    ) -> Result<Merge<'a>, MergeError> {
        let no_base = plan.imported.is_none();
        let of_hr = match_people(base, hr_rec);
        let matched = of_hr.iter().filter(|m| m.is_some()).count();
        let total = hr_rec.people.len();
        if !opts.force && !base.people.is_empty() && total > 0 && matched * 2 < total {
            return Err(MergeError::FewMatch { matched, total });
        }
        // Ids for new hires, unused by the org and the last import (the set
        // of used ids is made only when someone is new).
        let mut used: Option<Unique> = None;
        let hr_ids: Vec<PersonId> = hr_rec
            .people
            .iter()
            .zip(&of_hr)
            .map(|(h, m)| match m {
                Some(j) => base.people[*j].id.clone(),
                None => {
                    let used = used.get_or_insert_with(|| {
                        Unique::with_used(
                            plan.people
                                .iter()
                                .map(|p| p.id.to_string())
                                .chain(base.people.iter().map(|b| b.id.to_string())),
                        )
                    });
                    PersonId::new(used.take(h.id.as_str()))
                }
            })
            .collect();
        let mut teams_of: HashMap<&str, Vec<usize>> = HashMap::default();
        for (k, t) in plan.teams.iter().enumerate() {
            for m in &t.members {
                teams_of.entry(m.person.as_str()).or_default().push(k);
            }
        }
        Ok(Merge {
            plan,
            hr,
            hr_rec,
            base,
            opts,
            no_base,
            report: MergeReport {
                hr_people: total,
                matched,
                no_base,
                key_change: (!no_base && base.key != hr_rec.key).then_some((base.key, hr_rec.key)),
                ..MergeReport::default()
            },
            plan_ix: plan
                .people
                .iter()
                .enumerate()
                .map(|(k, p)| (p.id.as_str(), k))
                .collect(),
            hr_ix: hr_rec
                .people
                .iter()
                .enumerate()
                .map(|(i, h)| (h.id.as_str(), i))
                .collect(),
            hr_by_org_id: hr_ids
                .iter()
                .enumerate()
                .filter(|(i, _)| of_hr[*i].is_none())
                .map(|(i, id)| (id.to_string(), i))
                .collect(),
            hr_ids,
            of_hr,
            teams_of,
            team_ix: plan
                .teams
                .iter()
                .enumerate()
                .map(|(k, t)| (t.id.to_string(), k))
                .collect(),
            org: plan.clone(),
            hr_team: HashMap::default(),
            hr_known: HashSet::default(),
            record_teams: Vec::new(),
            leave: HashSet::default(),
            join: Vec::new(),
            set_managers: Vec::new(),
        })
    }

    /// Each HR team value to an org team: the one the last import made of
    /// that value, else one of that name, else a new team.
    fn map_teams(&mut self) {
        let by_base_name: HashMap<String, &TeamId> = self
            .base
            .teams
            .iter()
            .map(|t| (lower(&t.name), &t.id))
            .collect();
        let by_plan_name: HashMap<String, usize> = self
            .plan
            .teams
            .iter()
            .enumerate()
            .rev()
            .map(|(k, t)| (lower(&t.name), k))
            .collect();
        let mut ids = Unique::with_used(self.team_ix.keys().cloned());
        let base = self.base;
        let base_groups: HashMap<&TeamId, &Option<String>> =
            base.teams.iter().map(|b| (&b.id, &b.group)).collect();
        for t in &self.hr_rec.teams {
            let name = lower(&t.name);
            let found = by_base_name
                .get(&name)
                .filter(|id| self.team_ix.contains_key(id.as_str()))
                .map(|id| (*id).clone())
                .or_else(|| {
                    by_plan_name
                        .get(&name)
                        .map(|&k| self.plan.teams[k].id.clone())
                });
            let id = found.unwrap_or_else(|| {
                let id = TeamId::new(ids.take(t.id.as_str()));
                let mut nt = Team::new(id.to_string(), t.name.clone());
                nt.kind = self.hr.team(&t.id).map(|x| x.kind).unwrap_or_default();
                self.team_ix.insert(id.to_string(), self.org.teams.len());
                self.org.teams.push(nt);
                id
            });
            // The group, three ways: HR's new value unless the plan
            // changed it since the last import.
            if let Some(&k) = self.team_ix.get(id.as_str()) {
                let team = &mut self.org.teams[k];
                let unchanged = match base_groups.get(&id) {
                    Some(b) => **b == team.group,
                    None => team.group.is_none(),
                };
                if unchanged {
                    team.group.clone_from(&t.group);
                }
            }
            self.record_teams.push(ImportedTeam {
                id: id.clone(),
                name: t.name.clone(),
                group: t.group.clone(),
            });
            self.hr_known.insert(id.to_string());
            self.hr_team.insert(t.id.as_str(), id);
        }
    }

    /// An HR person reference as an org id; a manager the plan removed is
    /// nobody.
    fn org_ref(&self, hr_person: Option<&PersonId>) -> Option<PersonId> {
        let i = *self.hr_ix.get(hr_person?.as_str())?;
        let id = &self.hr_ids[i];
        (self.plan_ix.contains_key(id.as_str()) || self.of_hr[i].is_none()).then(|| id.clone())
    }

    fn hr_home(&self, i: usize) -> Option<TeamId> {
        let t = self.hr_rec.people[i].team.as_ref()?;
        self.hr_team.get(t.as_str()).cloned()
    }

    fn name_of(&self, id: Option<&PersonId>) -> String {
        id.and_then(|m| {
            self.plan_ix
                .get(m.as_str())
                .map(|&k| self.plan.people[k].name.to_string())
                .or_else(|| {
                    self.hr_by_org_id
                        .get(m.as_str())
                        .map(|&i| self.hr_rec.people[i].name.to_string())
                })
        })
        .unwrap_or_default()
    }

    fn team_name(&self, id: Option<&TeamId>) -> String {
        id.and_then(|t| self.org.team(t))
            .map_or_else(String::new, |t| t.name.clone())
    }

    /// Whether HR's value of one field is taken: HR changed it and the plan
    /// did not, or both did and the user (or `--prefer hr`) chose HR. A
    /// conflict is recorded with the values as `show` says them.
    fn take<T: PartialEq>(
        &mut self,
        person: &PersonId,
        who: &str,
        field: HrField,
        [base, hr, plan]: [&T; 3],
        show: impl Fn(&Self, &T) -> String,
    ) -> bool {
        match merge3(base, hr, plan) {
            Outcome::Keep => false,
            Outcome::TakeHr => true,
            Outcome::Conflict => {
                let kept = self
                    .opts
                    .choices
                    .get(&(person.clone(), field))
                    .copied()
                    .unwrap_or(match self.opts.prefer {
                        Prefer::Plan => Choice::KeepPlan,
                        Prefer::Hr => Choice::TakeHr,
                    });
                let conflict = Conflict {
                    person: person.clone(),
                    name: who.to_string(),
                    field,
                    base: show(self, base),
                    hr: show(self, hr),
                    plan: show(self, plan),
                    kept,
                };
                self.report.conflicts.push(conflict);
                kept == Choice::TakeHr
            }
        }
    }

    /// A person both the last import and this one list: each HR-owned field
    /// merged three ways.
    fn update(&mut self, i: usize, j: usize) {
        let (h, b) = (&self.hr_rec.people[i], &self.base.people[j]);
        let Some(&k) = self.plan_ix.get(b.id.as_str()) else {
            self.report.kept_out.push(h.name.to_string());
            return;
        };
        let p = &self.plan.people[k];
        let (pid, who) = (p.id.clone(), p.name.to_string());
        let text = |_: &Self, s: &&str| s.to_string();
        if self.take(
            &pid,
            &who,
            HrField::Name,
            [&b.name.as_str(), &h.name.as_str(), &p.name.as_str()],
            text,
        ) {
            self.report.renamed.push((who.clone(), h.name.to_string()));
            self.org.people[k].name = h.name.as_str().into();
        }
        let role = |_: &Self, r: &RoleId| r.to_string();
        if self.take(&pid, &who, HrField::Role, [&b.role, &h.role, &p.role], role) {
            self.report
                .roles
                .push((who.clone(), p.role.to_string(), h.role.to_string()));
            self.org.people[k].role = h.role.clone();
            self.org.people[k].hats.retain(|x| x != &h.role);
        }
        let hr_manager = self.org_ref(h.manager.as_ref());
        let person = |m: &Self, id: &Option<PersonId>| m.name_of(id.as_ref());
        if self.take(
            &pid,
            &who,
            HrField::Manager,
            [&b.manager, &hr_manager, &p.manager],
            person,
        ) {
            let change = (
                who.clone(),
                self.name_of(p.manager.as_ref()),
                self.name_of(hr_manager.as_ref()),
            );
            self.report.managers.push(change);
            self.set_managers.push((pid.clone(), p.manager.clone()));
            self.org.people[k].manager = hr_manager;
        }
        let plan_level: Option<Text> = p.level.as_deref().map(Into::into);
        let level = |_: &Self, l: &Option<Text>| l.as_deref().unwrap_or_default().to_string();
        if self.take(
            &pid,
            &who,
            HrField::Level,
            [&b.level, &h.level, &plan_level],
            level,
        ) {
            let change = (who.clone(), level(self, &plan_level), level(self, &h.level));
            self.report.levels.push(change);
            self.org.people[k].level = h.level.as_deref().map(str::to_string);
        }
        self.update_home_team(i, j, &pid, &who);
        // Dotted lines HR adds.
        let hr_dotted = self
            .hr
            .people
            .get(i)
            .map_or(&[][..], |x| x.dotted.as_slice());
        for d in hr_dotted {
            if let Some(d) = self.org_ref(Some(d))
                && d != pid
                && !self.org.people[k].dotted.contains(&d)
            {
                self.org.people[k].dotted.push(d);
            }
        }
    }

    /// The home team, merged: the plan's is the base team while they are
    /// still in it; else (the plan moved them) their first team. Taking
    /// HR's moves that membership, keeping its allocation.
    fn update_home_team(&mut self, i: usize, j: usize, pid: &PersonId, who: &str) {
        let mine: &[usize] = self.teams_of.get(pid.as_str()).map_or(&[], Vec::as_slice);
        let teams = &self.plan.teams;
        let in_team = |t: &TeamId| mine.iter().any(|&x| teams[x].id == *t);
        let first = || mine.first().map(|&x| teams[x].id.clone());
        let base_team = self.base.people[j]
            .team
            .clone()
            .filter(|t| self.no_base || self.team_ix.contains_key(t.as_str()));
        let plan_team = match &base_team {
            Some(t) if in_team(t) => Some(t.clone()),
            // Without a record: their first team HR accounts for.
            _ if self.no_base => mine
                .iter()
                .find(|&&x| self.hr_known.contains(teams[x].id.as_str()))
                .map(|&x| teams[x].id.clone())
                .or_else(first),
            _ => first(),
        };
        let base_team = if self.no_base {
            plan_team.clone()
        } else {
            base_team
        };
        let hr_home = self.hr_home(i);
        let team = |m: &Self, t: &Option<TeamId>| m.team_name(t.as_ref());
        if !self.take(
            pid,
            who,
            HrField::Team,
            [&base_team, &hr_home, &plan_team],
            team,
        ) {
            return;
        }
        let change = (
            who.to_string(),
            team(self, &plan_team),
            team(self, &hr_home),
        );
        self.report.moved.push(change);
        let mut alloc = Allocation::FULL;
        if let Some(t) = &plan_team
            && let Some(&x) = self.team_ix.get(t.as_str())
            && let Some(m) = self.org.teams[x].member(pid)
        {
            alloc = m.allocation;
            self.leave.insert((x, pid.to_string()));
        }
        if let Some(t) = &hr_home
            && let Some(&x) = self.team_ix.get(t.as_str())
        {
            self.join.push((x, Member::new(pid.clone(), alloc)));
        }
    }

    /// A new hire: a person, in their home team at 100%.
    fn hire(&mut self, i: usize) {
        let h = &self.hr_rec.people[i];
        let mut p = Person::new(self.hr_ids[i].to_string(), h.name.clone(), "");
        p.role = h.role.clone();
        p.level = h.level.as_deref().map(str::to_string);
        p.manager = self.org_ref(h.manager.as_ref());
        if let Some(src) = self.hr.people.get(i) {
            p.dotted = src
                .dotted
                .iter()
                .filter_map(|d| self.org_ref(Some(d)))
                .collect();
        }
        let home = self.hr_home(i);
        match home.as_ref().and_then(|t| self.team_ix.get(t.as_str())) {
            Some(&x) => {
                self.join
                    .push((x, Member::new(p.id.clone(), Allocation::FULL)));
                let team = self.team_name(home.as_ref());
                self.report.joined.push(format!("{} ({team})", h.name));
            }
            None => self.report.joined.push(h.name.to_string()),
        }
        self.set_managers.push((p.id.clone(), None));
        self.org.people.push(p);
    }

    /// People the last import had (all, without a record) whom the export
    /// no longer lists leave: out of people, teams, initiatives and lines.
    fn remove_leavers(&mut self) {
        let mut matched = vec![false; self.base.people.len()];
        for j in self.of_hr.iter().flatten() {
            matched[*j] = true;
        }
        let gone: HashSet<String> = self
            .base
            .people
            .iter()
            .zip(&matched)
            .filter(|(b, m)| !**m && self.plan_ix.contains_key(b.id.as_str()))
            .map(|(b, _)| b.id.to_string())
            .collect();
        if gone.is_empty() {
            return;
        }
        for b in &self.base.people {
            if gone.contains(b.id.as_str()) {
                let k = self.plan_ix[b.id.as_str()];
                self.report.left.push(self.plan.people[k].name.to_string());
            }
        }
        let org = &mut self.org;
        let out = |id: &PersonId| gone.contains(id.as_str());
        org.people.retain(|p| !out(&p.id));
        for p in &mut org.people {
            if p.manager.as_ref().is_some_and(out) {
                p.manager = None;
            }
            p.dotted.retain(|d| !out(d));
        }
        for t in &mut org.teams {
            t.members.retain(|m| !out(&m.person));
        }
        for ini in &mut org.initiatives {
            ini.members.retain(|m| !out(&m.person));
            if ini.lead.as_ref().is_some_and(out) {
                ini.lead = None;
            }
            if ini.sponsor.as_ref().is_some_and(out) {
                ini.sponsor = None;
            }
        }
    }

    fn apply_memberships(&mut self) {
        let leave = std::mem::take(&mut self.leave);
        if !leave.is_empty() {
            for (x, t) in self.org.teams.iter_mut().enumerate() {
                t.members
                    .retain(|m| !leave.contains(&(x, m.person.to_string())));
            }
        }
        for (x, m) in std::mem::take(&mut self.join) {
            let t = &mut self.org.teams[x];
            if t.member(&m.person).is_none() {
                t.members.push(m);
            }
        }
    }

    /// A manager HR gave that closes a loop with the plan's lines is not
    /// taken: the plan's manager stays, and the loop is reported as a
    /// conflict.
    fn break_loops(&mut self) {
        if self.set_managers.is_empty() {
            return;
        }
        let ix: HashMap<String, usize> = self
            .org
            .people
            .iter()
            .enumerate()
            .map(|(k, p)| (p.id.to_string(), k))
            .collect();
        let set: HashMap<String, Option<PersonId>> = std::mem::take(&mut self.set_managers)
            .into_iter()
            .map(|(p, was)| (p.to_string(), was))
            .collect();
        let name = |org: &Org, id: Option<&PersonId>| {
            id.and_then(|m| ix.get(m.as_str()))
                .map_or_else(String::new, |&x| org.people[x].name.to_string())
        };
        // Each round reverts one line; the plan had no loops, so at most one
        // round per line HR gave.
        for _ in 0..=set.len() {
            let manager: Vec<Option<usize>> = self
                .org
                .people
                .iter()
                .map(|p| p.manager.as_ref().and_then(|m| ix.get(m.as_str()).copied()))
                .collect();
            let Some(cycle) = super::refs::first_loop(&manager) else {
                break;
            };
            let Some(&k) = cycle
                .iter()
                .find(|&&k| set.contains_key(self.org.people[k].id.as_str()))
            else {
                break;
            };
            let p = &self.org.people[k];
            let was = set[p.id.as_str()].clone();
            let conflict = Conflict {
                person: p.id.clone(),
                name: p.name.to_string(),
                field: HrField::Manager,
                base: String::new(),
                hr: name(&self.org, p.manager.as_ref()),
                plan: name(&self.org, was.as_ref()),
                kept: Choice::KeepPlan,
            };
            let who = p.name.to_string();
            self.report.managers.retain(|(n, _, _)| *n != who);
            self.report.conflicts.push(conflict);
            self.org.people[k].manager = was;
        }
    }

    /// The new base: what HR said, in the org's ids.
    fn record(&self) -> ImportRecord {
        let mut titles = if self.no_base {
            BTreeMap::new()
        } else {
            self.base.titles.clone()
        };
        titles.extend(
            self.hr_rec
                .titles
                .iter()
                .map(|(t, r)| (t.clone(), r.clone())),
        );
        ImportRecord {
            source: self.hr_rec.source.clone(),
            date: self.hr_rec.date,
            key: self.hr_rec.key,
            titles,
            skipped: self.hr_rec.skipped.clone(),
            teams: self.record_teams.clone(),
            people: self
                .hr_rec
                .people
                .iter()
                .enumerate()
                .map(|(i, h)| ImportedPerson {
                    id: self.hr_ids[i].clone(),
                    manager: h
                        .manager
                        .as_ref()
                        .and_then(|m| self.hr_ix.get(m.as_str()))
                        .map(|&x| self.hr_ids[x].clone()),
                    team: self.hr_home(i),
                    ..h.clone()
                })
                .collect(),
            ..ImportRecord::default()
        }
    }
}
