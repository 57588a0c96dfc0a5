//! Comparing two orgs (DIFF.md): what a proposal changes (who moves, which
//! teams and seats change), what it does to coverage (the gap delta between
//! two rule runs judged on the same day), and what it costs (metrics).
//! No GUI code; the app, `orgplan diff` and `orgplan import --into` use it.

pub mod metrics;
pub mod render;

pub use metrics::Metrics;

use crate::catalog::RoleCatalog;
use crate::index::OrgIndex;
use crate::model::{Date, Org, Subject};
use crate::rules::{Analysis, Finding, Report};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde_json::Value;

/// What changed, by kind (DIFF.md's kebab-case names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    PersonJoined,
    PersonLeft,
    PersonMoved,
    MembershipAdded,
    MembershipRemoved,
    AllocationChanged,
    RoleChanged,
    HatsChanged,
    ManagerChanged,
    DottedChanged,
    LevelChanged,
    PersonRenamed,
    NoteChanged,
    TeamCreated,
    TeamRemoved,
    TeamRenamed,
    TeamKindChanged,
    SeatOpened,
    SeatClosed,
    SeatFilled,
    DependencyAdded,
    DependencyRemoved,
    InitiativeCreated,
    InitiativeRemoved,
    InitiativeRenamed,
    InitiativeKindChanged,
    InitiativeTeamAdded,
    InitiativeTeamRemoved,
    LeadChanged,
    SponsorChanged,
    OutcomeChanged,
    CustomRoleAdded,
    CustomRoleRemoved,
    CustomRoleChanged,
    SettingsChanged,
    WaiverAdded,
    WaiverRemoved,
    WaiverChanged,
    OrgRenamed,
    PositionChanged,
}

impl ChangeKind {
    pub fn id(self) -> &'static str {
        use ChangeKind as K;
        match self {
            K::PersonJoined => "person-joined",
            K::PersonLeft => "person-left",
            K::PersonMoved => "person-moved",
            K::MembershipAdded => "membership-added",
            K::MembershipRemoved => "membership-removed",
            K::AllocationChanged => "allocation-changed",
            K::RoleChanged => "role-changed",
            K::HatsChanged => "hats-changed",
            K::ManagerChanged => "manager-changed",
            K::DottedChanged => "dotted-changed",
            K::LevelChanged => "level-changed",
            K::PersonRenamed => "person-renamed",
            K::NoteChanged => "note-changed",
            K::TeamCreated => "team-created",
            K::TeamRemoved => "team-removed",
            K::TeamRenamed => "team-renamed",
            K::TeamKindChanged => "team-kind-changed",
            K::SeatOpened => "seat-opened",
            K::SeatClosed => "seat-closed",
            K::SeatFilled => "seat-filled",
            K::DependencyAdded => "dependency-added",
            K::DependencyRemoved => "dependency-removed",
            K::InitiativeCreated => "initiative-created",
            K::InitiativeRemoved => "initiative-removed",
            K::InitiativeRenamed => "initiative-renamed",
            K::InitiativeKindChanged => "initiative-kind-changed",
            K::InitiativeTeamAdded => "initiative-team-added",
            K::InitiativeTeamRemoved => "initiative-team-removed",
            K::LeadChanged => "lead-changed",
            K::SponsorChanged => "sponsor-changed",
            K::OutcomeChanged => "outcome-changed",
            K::CustomRoleAdded => "custom-role-added",
            K::CustomRoleRemoved => "custom-role-removed",
            K::CustomRoleChanged => "custom-role-changed",
            K::SettingsChanged => "settings-changed",
            K::WaiverAdded => "waiver-added",
            K::WaiverRemoved => "waiver-removed",
            K::WaiverChanged => "waiver-changed",
            K::OrgRenamed => "org-renamed",
            K::PositionChanged => "position-changed",
        }
    }
}

/// The group a change is listed under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    People,
    Teams,
    Initiatives,
    Other,
}

impl Group {
    pub fn title(self) -> &'static str {
        match self {
            Group::People => "People",
            Group::Teams => "Teams",
            Group::Initiatives => "Initiatives",
            Group::Other => "Roles, settings and waivers",
        }
    }
}

/// One line of the change list.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    pub group: Group,
    /// The entity changed (`person:bo`), or `org`.
    pub subject: Subject,
    /// Before and after, as subjects for entities or plain values.
    pub from: Value,
    pub to: Value,
    /// The line for people: names, not ids ("Bo Park: Checkout → Payments").
    pub text: String,
    /// Entities the change touches (for linking gaps to their cause and for
    /// marks on the canvas).
    pub touches: Vec<Subject>,
}

/// A finding in the gap delta, with its severity on each side.
#[derive(Clone, Debug)]
pub struct GapChange {
    pub finding: Finding,
    /// Severity in the base (for changed findings).
    pub before: Option<crate::catalog::Severity>,
    /// The change that clearly caused it (opened) or closed it (closed), as
    /// text.
    pub cause: Option<String>,
}

/// Closed, opened, changed and unchanged findings.
#[derive(Clone, Debug, Default)]
pub struct GapDelta {
    pub closed: Vec<GapChange>,
    pub opened: Vec<GapChange>,
    pub changed: Vec<GapChange>,
    pub unchanged: Vec<Finding>,
}

/// A whole comparison.
pub struct Diff {
    pub base_name: String,
    pub proposal_name: String,
    pub today: Date,
    pub changes: Vec<Change>,
    pub gaps: GapDelta,
    pub base_metrics: Metrics,
    pub proposal_metrics: Metrics,
}

/// A subject as a JSON value.
fn sv(s: &Subject) -> Value {
    Value::String(s.to_string())
}

fn person_subject(id: &crate::model::PersonId) -> Subject {
    Subject::Person(id.clone())
}

impl Diff {
    /// Compares `proposal` with `base`, judging waivers on `today`.
    pub fn new(base: &Org, proposal: &Org, today: Date) -> Diff {
        Diff::with_positions(base, proposal, today, false)
    }

    /// [`Diff::new`]; `positions` also lists moved canvas cards.
    pub fn with_positions(base: &Org, proposal: &Org, today: Date, positions: bool) -> Diff {
        let (ba, pa) = std::thread::scope(|s| {
            let b = s.spawn(|| analyse(base, today));
            let p = analyse(proposal, today);
            (b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), p)
        });
        Diff::from_parts(
            Side {
                org: base,
                report: &ba.1,
                metrics: ba.0,
            },
            Side {
                org: proposal,
                report: &pa.1,
                metrics: pa.0,
            },
            today,
            positions,
        )
    }

    /// Only the gaps `proposal` closes and opens against `base` (no change
    /// list, no causes): what a re-import's summary shows after its own
    /// list of changes.
    pub fn gaps_only(base: &Org, proposal: &Org, today: Date) -> Diff {
        let (ba, pa) = std::thread::scope(|s| {
            let b = s.spawn(|| analyse(base, today));
            let p = analyse(proposal, today);
            (b.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), p)
        });
        Diff {
            base_name: base.name.clone(),
            proposal_name: proposal.name.clone(),
            today,
            changes: Vec::new(),
            gaps: gap_delta(&ba.1, &pa.1),
            base_metrics: ba.0,
            proposal_metrics: pa.0,
        }
    }

    /// A comparison from two sides already analysed (the app keeps the
    /// base's analysis and reuses the proposal's from its own).
    pub fn from_parts(base: Side, proposal: Side, today: Date, positions: bool) -> Diff {
        let changes = changes(base.org, proposal.org, positions);
        let mut gaps = gap_delta(base.report, proposal.report);
        link_causes(&mut gaps, &changes);
        Diff {
            base_name: base.org.name.clone(),
            proposal_name: proposal.org.name.clone(),
            today,
            changes,
            gaps,
            base_metrics: base.metrics,
            proposal_metrics: proposal.metrics,
        }
    }

    /// "closes 5 gaps (2 errors), opens 1 (0 errors), 14 unchanged".
    pub fn headline(&self) -> String {
        let errors = |v: &[GapChange]| {
            v.iter()
                .filter(|g| g.finding.severity == crate::catalog::Severity::Error)
                .count()
        };
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("{n} {one}")
            } else {
                format!("{n} {many}")
            }
        };
        let mut s = format!(
            "closes {} ({}), opens {} ({}), {} unchanged",
            plural(self.gaps.closed.len(), "gap", "gaps"),
            plural(errors(&self.gaps.closed), "error", "errors"),
            self.gaps.opened.len(),
            plural(errors(&self.gaps.opened), "error", "errors"),
            self.gaps.unchanged.len()
        );
        if !self.gaps.changed.is_empty() {
            s.push_str(&format!(", {} changed severity", self.gaps.changed.len()));
        }
        s
    }

    /// Whether the proposal opens an unwaived finding at or above `level`.
    pub fn fails(&self, level: crate::catalog::Severity) -> bool {
        level != crate::catalog::Severity::Off
            && self.gaps.opened.iter().any(|g| g.finding.severity <= level)
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// One side of a comparison: the org, its findings and metrics.
pub struct Side<'a> {
    pub org: &'a Org,
    pub report: &'a Report,
    pub metrics: Metrics,
}

/// Analyses one side of a comparison.
pub fn analyse(org: &Org, today: Date) -> (Metrics, Report) {
    let index = OrgIndex::new(org, &RoleCatalog::new(&org.roles));
    let a = Analysis::with_index(org, &index);
    let report = crate::rules::run(&a, today);
    (Metrics::new(&a, &report), report)
}

// ---------------------------------------------------------------------------
// The gap delta.

type Key<'a> = (
    &'static str,
    &'a Subject,
    Option<crate::catalog::Capability>,
);

fn key(f: &Finding) -> Key<'_> {
    (f.rule.code, &f.subject, f.capability)
}

/// Pairs findings with the same identity across the two runs. Most rules
/// give one finding per (rule, subject, capability); where a rule gives
/// several (C010 per dependency), they are told apart by what they relate to.
fn gap_delta(base: &Report, proposal: &Report) -> GapDelta {
    let mut by_key: HashMap<Key, Vec<&Finding>> = HashMap::default();
    for f in &proposal.findings {
        by_key.entry(key(f)).or_default().push(f);
    }
    let mut delta = GapDelta::default();
    let mut matched: HashSet<*const Finding> = HashSet::default();
    for b in &base.findings {
        let p = by_key.get_mut(&key(b)).and_then(|v| {
            let i = if v.len() > 1 {
                v.iter().position(|p| p.related == b.related).unwrap_or(0)
            } else {
                0
            };
            (!v.is_empty()).then(|| v.remove(i))
        });
        match p {
            Some(p) => {
                matched.insert(p as *const Finding);
                match (b.waived(), p.waived()) {
                    (false, false) if b.severity != p.severity => delta.changed.push(GapChange {
                        finding: p.clone(),
                        before: Some(b.severity),
                        cause: None,
                    }),
                    (false, false) => delta.unchanged.push(p.clone()),
                    (false, true) => delta.closed.push(GapChange {
                        finding: b.clone(),
                        before: None,
                        cause: None,
                    }),
                    (true, false) => delta.opened.push(GapChange {
                        finding: p.clone(),
                        before: None,
                        cause: None,
                    }),
                    (true, true) => {}
                }
            }
            None if !b.waived() => delta.closed.push(GapChange {
                finding: b.clone(),
                before: None,
                cause: None,
            }),
            None => {}
        }
    }
    for p in &proposal.findings {
        if !matched.contains(&(p as *const Finding)) && !p.waived() {
            delta.opened.push(GapChange {
                finding: p.clone(),
                before: None,
                cause: None,
            });
        }
    }
    delta
}

/// An opened or closed finding whose subject the changes touched gets
/// the change that clearly caused (or closed) it.
fn link_causes(gaps: &mut GapDelta, changes: &[Change]) {
    let mut by_subject: HashMap<&Subject, Vec<&Change>> = HashMap::default();
    for c in changes {
        for s in c.touches.iter().chain(std::iter::once(&c.subject)) {
            let v = by_subject.entry(s).or_default();
            if !v.iter().any(|x| std::ptr::eq(*x, c)) {
                v.push(c);
            }
        }
    }
    for g in gaps.opened.iter_mut().chain(gaps.closed.iter_mut()) {
        let subject = &g.finding.subject;
        let Some(candidates) = by_subject.get(subject) else {
            continue;
        };
        g.cause = clear_cause(subject, candidates).map(|c| c.text.clone());
    }
}

/// The one change that clearly caused a finding about `subject`: the only
/// change touching it; or the subject's own creation; or, when every
/// change touching it is about one person, that person's first change.
fn clear_cause<'c>(subject: &Subject, candidates: &[&'c Change]) -> Option<&'c Change> {
    if let [one] = candidates {
        return Some(one);
    }
    if let Some(created) = candidates.iter().find(|c| {
        matches!(
            c.kind,
            ChangeKind::TeamCreated | ChangeKind::InitiativeCreated
        ) && &c.subject == subject
    }) {
        return Some(created);
    }
    // The person each change is about (its subject, or the person it sets).
    let person_of = |c: &Change| -> Option<String> {
        if let Subject::Person(p) = &c.subject {
            return Some(p.to_string());
        }
        [&c.from, &c.to]
            .into_iter()
            .filter_map(|v| v.as_str())
            .find(|v| v.starts_with("person:"))
            .map(|v| v.trim_start_matches("person:").to_string())
    };
    let first = person_of(candidates[0])?;
    candidates
        .iter()
        .all(|c| person_of(c).as_deref() == Some(first.as_str()))
        .then(|| {
            candidates
                .iter()
                .copied()
                .find(|c| matches!(c.subject, Subject::Person(_)))
                .unwrap_or(candidates[0])
        })
}

// ---------------------------------------------------------------------------
// The change list.

/// Names of people, teams and initiatives on either side, for change text,
/// and where each id sits in either file.
struct Names<'a> {
    base: &'a Org,
    proposal: &'a Org,
    people_b: HashMap<&'a str, usize>,
    people_p: HashMap<&'a str, usize>,
    teams_b: HashMap<&'a str, usize>,
    teams_p: HashMap<&'a str, usize>,
    initiatives_b: HashMap<&'a str, usize>,
    initiatives_p: HashMap<&'a str, usize>,
}

/// Id → position in its list.
fn positions<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    ids.enumerate().map(|(i, id)| (id, i)).collect()
}

/// The name under `id`: the proposal's, else the base's, else the id.
fn name_in<T>(
    id: &str,
    (proposal, in_proposal): (&[T], &HashMap<&str, usize>),
    (base, in_base): (&[T], &HashMap<&str, usize>),
    name: impl Fn(&T) -> String,
) -> String {
    in_proposal
        .get(id)
        .map(|&i| name(&proposal[i]))
        .or_else(|| in_base.get(id).map(|&i| name(&base[i])))
        .unwrap_or_else(|| id.to_string())
}

impl<'a> Names<'a> {
    fn new(base: &'a Org, proposal: &'a Org) -> Self {
        let people = |o: &'a Org| positions(o.people.iter().map(|p| p.id.as_str()));
        let teams = |o: &'a Org| positions(o.teams.iter().map(|t| t.id.as_str()));
        let initiatives = |o: &'a Org| positions(o.initiatives.iter().map(|i| i.id.as_str()));
        Names {
            base,
            proposal,
            people_b: people(base),
            people_p: people(proposal),
            teams_b: teams(base),
            teams_p: teams(proposal),
            initiatives_b: initiatives(base),
            initiatives_p: initiatives(proposal),
        }
    }

    /// A person's name (proposal first, then base, then the id).
    fn person(&self, id: &str) -> String {
        name_in(
            id,
            (&self.proposal.people, &self.people_p),
            (&self.base.people, &self.people_b),
            |p| p.name.to_string(),
        )
    }

    fn team(&self, id: &str) -> String {
        name_in(
            id,
            (&self.proposal.teams, &self.teams_p),
            (&self.base.teams, &self.teams_b),
            |t| t.name.clone(),
        )
    }

    fn initiative(&self, id: &str) -> String {
        name_in(
            id,
            (&self.proposal.initiatives, &self.initiatives_p),
            (&self.base.initiatives, &self.initiatives_b),
            |i| i.name.clone(),
        )
    }

    fn card(&self, s: &Subject) -> String {
        match s {
            Subject::Team(t) => self.team(t.as_str()),
            Subject::Initiative(i) => self.initiative(i.as_str()),
            Subject::Person(p) => self.person(p.as_str()),
            Subject::Org => "the org".into(),
        }
    }
}

fn opt(v: Option<&str>) -> Value {
    v.map_or(Value::Null, |s| Value::String(s.to_string()))
}

/// Where a person is a member: card → allocation, in file order.
fn memberships(org: &Org) -> HashMap<&str, Vec<(Subject, u32)>> {
    let mut m: HashMap<&str, Vec<(Subject, u32)>> = HashMap::default();
    for t in &org.teams {
        for mem in &t.members {
            m.entry(mem.person.as_str())
                .or_default()
                .push((Subject::Team(t.id.clone()), mem.allocation.percent()));
        }
    }
    for i in &org.initiatives {
        for mem in &i.members {
            m.entry(mem.person.as_str())
                .or_default()
                .push((Subject::Initiative(i.id.clone()), mem.allocation.percent()));
        }
    }
    m
}

fn pct(a: u32) -> String {
    if a == 100 {
        String::new()
    } else {
        format!(" ({a}%)")
    }
}

struct Builder<'a> {
    names: Names<'a>,
    out: Vec<Change>,
}

#[allow(clippy::too_many_arguments)]
fn add(
    out: &mut Vec<Change>,
    kind: ChangeKind,
    group: Group,
    subject: Subject,
    from: Value,
    to: Value,
    text: String,
    touches: Vec<Subject>,
) {
    out.push(Change {
        kind,
        group,
        subject,
        from,
        to,
        text,
        touches,
    });
}

impl Builder<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: ChangeKind,
        group: Group,
        subject: Subject,
        from: Value,
        to: Value,
        text: String,
        touches: Vec<Subject>,
    ) {
        add(&mut self.out, kind, group, subject, from, to, text, touches);
    }
}

fn changes(base: &Org, proposal: &Org, positions: bool) -> Vec<Change> {
    use ChangeKind as K;
    let mut b = Builder {
        names: Names::new(base, proposal),
        out: Vec::new(),
    };
    if base.name != proposal.name {
        b.push(
            K::OrgRenamed,
            Group::Other,
            Subject::Org,
            base.name.clone().into(),
            proposal.name.clone().into(),
            format!("Org renamed: {} → {}", base.name, proposal.name),
            Vec::new(),
        );
    }
    people(&mut b, base, proposal);
    teams(&mut b, base, proposal, positions);
    initiatives(&mut b, base, proposal, positions);
    others(&mut b, base, proposal);
    b.out.sort_by_key(|c| c.group);
    b.out
}

fn people(b: &mut Builder, base: &Org, proposal: &Org) {
    use ChangeKind as K;
    let Builder { names, out } = b;
    let names: &Names = names;
    let mem_b = memberships(base);
    let mem_p = memberships(proposal);
    let empty = Vec::new();
    // Seats that closed, per team: (role) → count, for "filled".
    let mut closed_seats: HashMap<&str, Vec<(usize, &crate::model::OpenSeat)>> = HashMap::default();
    for t in &proposal.teams {
        let Some(&ti) = names.teams_b.get(t.id.as_str()) else {
            continue;
        };
        for (k, s) in seat_delta(&base.teams[ti].open_seats, &t.open_seats).0 {
            closed_seats.entry(t.id.as_str()).or_default().push((k, s));
        }
    }
    let mut filled: Vec<(String, &crate::model::OpenSeat, &crate::model::Person)> = Vec::new();
    let role_of = |id: &str| {
        names
            .people_p
            .get(id)
            .map(|&i| proposal.people[i].role.clone())
    };
    // Takes a closed seat of the person's role in `team`, if any.
    let mut take_seat = |team: &str, person: &str| -> bool {
        let Some(role) = role_of(person) else {
            return false;
        };
        let Some(seats) = closed_seats.get_mut(team) else {
            return false;
        };
        if let Some(k) = seats.iter().position(|(_, s)| s.role == role) {
            let (_, seat) = seats.remove(k);
            if let Some(&pi) = names.people_p.get(person) {
                filled.push((team.to_string(), seat, &proposal.people[pi]));
            }
            true
        } else {
            false
        }
    };
    for p in &proposal.people {
        let subject = person_subject(&p.id);
        let Some(&bi) = names.people_b.get(p.id.as_str()) else {
            let teams: Vec<String> = mem_p
                .get(p.id.as_str())
                .unwrap_or(&empty)
                .iter()
                .map(|(s, _)| names.card(s))
                .collect();
            let touches: Vec<Subject> = mem_p
                .get(p.id.as_str())
                .unwrap_or(&empty)
                .iter()
                .map(|(s, _)| s.clone())
                .collect();
            for (s, _) in mem_p.get(p.id.as_str()).unwrap_or(&empty) {
                if let Subject::Team(t) = s {
                    take_seat(t.as_str(), p.id.as_str());
                }
            }
            add(
                out,
                K::PersonJoined,
                Group::People,
                subject,
                Value::Null,
                p.role.to_string().into(),
                format!(
                    "{} joined as {}{}",
                    p.name,
                    p.role,
                    if teams.is_empty() {
                        String::new()
                    } else {
                        format!(" in {}", teams.join(", "))
                    }
                ),
                touches,
            );
            continue;
        };
        let o = &base.people[bi];
        let name = &p.name;
        if o.name != p.name {
            add(
                out,
                K::PersonRenamed,
                Group::People,
                subject.clone(),
                o.name.to_string().into(),
                p.name.to_string().into(),
                format!("{} renamed to {}", o.name, p.name),
                Vec::new(),
            );
        }
        if o.role != p.role {
            add(
                out,
                K::RoleChanged,
                Group::People,
                subject.clone(),
                o.role.to_string().into(),
                p.role.to_string().into(),
                format!("{name}: {} → {}", o.role, p.role),
                mem_p
                    .get(p.id.as_str())
                    .unwrap_or(&empty)
                    .iter()
                    .map(|(s, _)| s.clone())
                    .collect(),
            );
        }
        if o.hats != p.hats {
            let list = |h: &[crate::model::RoleId]| -> Value {
                h.iter().map(|r| Value::String(r.to_string())).collect()
            };
            let words = |h: &[crate::model::RoleId]| {
                if h.is_empty() {
                    "no hats".to_string()
                } else {
                    h.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
                }
            };
            add(
                out,
                K::HatsChanged,
                Group::People,
                subject.clone(),
                list(&o.hats),
                list(&p.hats),
                format!("{name}: hats {} → {}", words(&o.hats), words(&p.hats)),
                Vec::new(),
            );
        }
        if o.manager != p.manager {
            let who = |m: &Option<crate::model::PersonId>| {
                m.as_ref()
                    .map_or("nobody".to_string(), |m| names.person(m.as_str()))
            };
            add(
                out,
                K::ManagerChanged,
                Group::People,
                subject.clone(),
                o.manager
                    .as_ref()
                    .map_or(Value::Null, |m| sv(&person_subject(m))),
                p.manager
                    .as_ref()
                    .map_or(Value::Null, |m| sv(&person_subject(m))),
                format!(
                    "{name}: reports to {} → {}",
                    who(&o.manager),
                    who(&p.manager)
                ),
                o.manager
                    .iter()
                    .chain(p.manager.iter())
                    .map(person_subject)
                    .collect(),
            );
        }
        if o.dotted != p.dotted {
            let list = |d: &[crate::model::PersonId]| -> Value {
                d.iter().map(|x| sv(&person_subject(x))).collect()
            };
            let words = |d: &[crate::model::PersonId]| {
                if d.is_empty() {
                    "none".to_string()
                } else {
                    d.iter()
                        .map(|x| names.person(x.as_str()))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            add(
                out,
                K::DottedChanged,
                Group::People,
                subject.clone(),
                list(&o.dotted),
                list(&p.dotted),
                format!(
                    "{name}: dotted lines {} → {}",
                    words(&o.dotted),
                    words(&p.dotted)
                ),
                Vec::new(),
            );
        }
        if o.level != p.level {
            add(
                out,
                K::LevelChanged,
                Group::People,
                subject.clone(),
                opt(o.level.as_deref()),
                opt(p.level.as_deref()),
                format!(
                    "{name}: level {} → {}",
                    o.level.as_deref().unwrap_or("none"),
                    p.level.as_deref().unwrap_or("none")
                ),
                Vec::new(),
            );
        }
        if o.note != p.note {
            add(
                out,
                K::NoteChanged,
                Group::People,
                subject.clone(),
                o.note.clone().into(),
                p.note.clone().into(),
                format!("{name}: note changed"),
                Vec::new(),
            );
        }
        // Memberships: allocation changes, moves between teams, the rest.
        let before = mem_b.get(p.id.as_str()).unwrap_or(&empty);
        let after = mem_p.get(p.id.as_str()).unwrap_or(&empty);
        for (s, a) in after {
            if let Some((_, old)) = before.iter().find(|(x, _)| x == s)
                && old != a
            {
                add(
                    out,
                    K::AllocationChanged,
                    Group::People,
                    subject.clone(),
                    (*old).into(),
                    (*a).into(),
                    format!("{name} in {}: {old}% → {a}%", names.card(s)),
                    vec![s.clone()],
                );
            }
        }
        let removed: Vec<&(Subject, u32)> = before
            .iter()
            .filter(|(s, _)| !after.iter().any(|(x, _)| x == s))
            .collect();
        let added: Vec<&(Subject, u32)> = after
            .iter()
            .filter(|(s, _)| !before.iter().any(|(x, _)| x == s))
            .collect();
        let is_team = |s: &Subject| matches!(s, Subject::Team(_));
        let mut removed_teams: Vec<&(Subject, u32)> = removed
            .iter()
            .copied()
            .filter(|(s, _)| is_team(s))
            .collect();
        let mut unpaired_added = Vec::new();
        for a in added {
            if is_team(&a.0) && !removed_teams.is_empty() {
                let r = removed_teams.remove(0);
                if let Subject::Team(t) = &a.0 {
                    take_seat(t.as_str(), p.id.as_str());
                }
                let alloc = if r.1 == a.1 {
                    pct(a.1)
                } else {
                    format!(" ({}% → {}%)", r.1, a.1)
                };
                add(
                    out,
                    K::PersonMoved,
                    Group::People,
                    subject.clone(),
                    sv(&r.0),
                    sv(&a.0),
                    format!("{name}: {} → {}{alloc}", names.card(&r.0), names.card(&a.0)),
                    vec![r.0.clone(), a.0.clone()],
                );
            } else {
                unpaired_added.push(a);
            }
        }
        for a in unpaired_added {
            if let Subject::Team(t) = &a.0
                && take_seat(t.as_str(), p.id.as_str())
            {
                continue; // reported as the seat it filled
            }
            let group = if is_team(&a.0) {
                Group::People
            } else {
                Group::Initiatives
            };
            add(
                out,
                K::MembershipAdded,
                group,
                subject.clone(),
                Value::Null,
                sv(&a.0),
                format!("{name} added to {}{}", names.card(&a.0), pct(a.1)),
                vec![a.0.clone()],
            );
        }
        for r in removed
            .iter()
            .filter(|(s, _)| !is_team(s))
            .chain(removed_teams.iter())
        {
            let group = if is_team(&r.0) {
                Group::People
            } else {
                Group::Initiatives
            };
            add(
                out,
                K::MembershipRemoved,
                group,
                subject.clone(),
                sv(&r.0),
                Value::Null,
                format!("{name} removed from {}", names.card(&r.0)),
                vec![r.0.clone()],
            );
        }
    }
    for o in &base.people {
        if !names.people_p.contains_key(o.id.as_str()) {
            let was: Vec<Subject> = mem_b
                .get(o.id.as_str())
                .unwrap_or(&empty)
                .iter()
                .map(|(s, _)| s.clone())
                .collect();
            let teams: Vec<String> = was.iter().map(|s| names.card(s)).collect();
            add(
                out,
                K::PersonLeft,
                Group::People,
                person_subject(&o.id),
                o.role.to_string().into(),
                Value::Null,
                format!(
                    "{} left{}",
                    o.name,
                    if teams.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", teams.join(", "))
                    }
                ),
                was,
            );
        }
    }
    // Seats filled, then the closed seats nobody filled.
    for (team, seat, person) in filled {
        let t = Subject::Team(crate::model::TeamId::new(team.clone()));
        add(
            out,
            K::SeatFilled,
            Group::Teams,
            t.clone(),
            seat.role.to_string().into(),
            sv(&person_subject(&person.id)),
            format!(
                "{}: open {} seat filled by {}",
                names.team(&team),
                seat.role,
                person.name
            ),
            vec![t, person_subject(&person.id)],
        );
    }
    for (team, seats) in closed_seats {
        for (_, seat) in seats {
            let t = Subject::Team(crate::model::TeamId::new(team));
            add(
                out,
                K::SeatClosed,
                Group::Teams,
                t.clone(),
                seat.role.to_string().into(),
                Value::Null,
                format!("{}: open {} seat closed", names.team(team), seat.role),
                vec![t],
            );
        }
    }
}

/// Seats in `before` not in `after` and the reverse, as multisets of
/// (role, note), keeping positions.
/// Seats with their position in the list.
type Seats<'a> = Vec<(usize, &'a crate::model::OpenSeat)>;

fn seat_delta<'a>(
    before: &'a [crate::model::OpenSeat],
    after: &'a [crate::model::OpenSeat],
) -> (Seats<'a>, Seats<'a>) {
    let mut left: Vec<Option<&crate::model::OpenSeat>> = after.iter().map(Some).collect();
    let mut closed = Vec::new();
    for (k, s) in before.iter().enumerate() {
        if let Some(slot) = left.iter_mut().find(|x| x.is_some_and(|x| x == s)) {
            *slot = None;
        } else {
            closed.push((k, s));
        }
    }
    let opened = left
        .iter()
        .enumerate()
        .filter_map(|(k, s)| s.map(|s| (k, s)))
        .collect();
    (closed, opened)
}

fn teams(b: &mut Builder, base: &Org, proposal: &Org, positions: bool) {
    use ChangeKind as K;
    for t in &proposal.teams {
        let subject = Subject::Team(t.id.clone());
        let Some(&bi) = b.names.teams_b.get(t.id.as_str()) else {
            b.push(
                K::TeamCreated,
                Group::Teams,
                subject.clone(),
                Value::Null,
                t.name.clone().into(),
                format!(
                    "{} created ({}, {} members)",
                    t.name,
                    t.kind.name(),
                    t.members.len()
                ),
                vec![subject.clone()],
            );
            for s in &t.open_seats {
                b.push(
                    K::SeatOpened,
                    Group::Teams,
                    subject.clone(),
                    Value::Null,
                    s.role.to_string().into(),
                    format!("{}: open {} seat", t.name, s.role),
                    vec![subject.clone()],
                );
            }
            continue;
        };
        let o = &base.teams[bi];
        if o.name != t.name {
            b.push(
                K::TeamRenamed,
                Group::Teams,
                subject.clone(),
                o.name.clone().into(),
                t.name.clone().into(),
                format!("{} renamed to {}", o.name, t.name),
                Vec::new(),
            );
        }
        if o.kind != t.kind {
            b.push(
                K::TeamKindChanged,
                Group::Teams,
                subject.clone(),
                o.kind.name().into(),
                t.kind.name().into(),
                format!("{}: {} → {} team", t.name, o.kind.name(), t.kind.name()),
                vec![subject.clone()],
            );
        }
        for (_, s) in seat_delta(&o.open_seats, &t.open_seats).1 {
            b.push(
                K::SeatOpened,
                Group::Teams,
                subject.clone(),
                Value::Null,
                s.role.to_string().into(),
                format!(
                    "{}: open {} seat{}",
                    t.name,
                    s.role,
                    if s.note.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", s.note)
                    }
                ),
                vec![subject.clone()],
            );
        }
        for d in t.depends_on.iter().filter(|d| !o.depends_on.contains(d)) {
            let ds = Subject::Team(d.clone());
            b.push(
                K::DependencyAdded,
                Group::Teams,
                subject.clone(),
                Value::Null,
                sv(&ds),
                format!("{} now depends on {}", t.name, b.names.team(d.as_str())),
                vec![subject.clone(), ds],
            );
        }
        for d in o.depends_on.iter().filter(|d| !t.depends_on.contains(d)) {
            let ds = Subject::Team(d.clone());
            b.push(
                K::DependencyRemoved,
                Group::Teams,
                subject.clone(),
                sv(&ds),
                Value::Null,
                format!(
                    "{} no longer depends on {}",
                    t.name,
                    b.names.team(d.as_str())
                ),
                vec![subject.clone(), ds],
            );
        }
        if positions && o.position != t.position {
            position_change(b, &subject, o.position, t.position, &t.name);
        }
        if o.note != t.note {
            b.push(
                K::NoteChanged,
                Group::Teams,
                subject.clone(),
                o.note.clone().into(),
                t.note.clone().into(),
                format!("{}: note changed", t.name),
                Vec::new(),
            );
        }
    }
    for o in &base.teams {
        if !b.names.teams_p.contains_key(o.id.as_str()) {
            let subject = Subject::Team(o.id.clone());
            b.push(
                K::TeamRemoved,
                Group::Teams,
                subject.clone(),
                o.name.clone().into(),
                Value::Null,
                format!("{} removed ({} members)", o.name, o.members.len()),
                vec![subject],
            );
        }
    }
}

fn position_change(
    b: &mut Builder,
    subject: &Subject,
    from: Option<crate::model::Point>,
    to: Option<crate::model::Point>,
    name: &str,
) {
    let v = |p: Option<crate::model::Point>| {
        p.map_or(Value::Null, |p| serde_json::json!({"x": p.x, "y": p.y}))
    };
    b.push(
        ChangeKind::PositionChanged,
        Group::Other,
        subject.clone(),
        v(from),
        v(to),
        format!("{name} moved on the canvas"),
        Vec::new(),
    );
}

fn initiatives(b: &mut Builder, base: &Org, proposal: &Org, positions: bool) {
    use ChangeKind as K;
    for i in &proposal.initiatives {
        let subject = Subject::Initiative(i.id.clone());
        let Some(&bi) = b.names.initiatives_b.get(i.id.as_str()) else {
            b.push(
                K::InitiativeCreated,
                Group::Initiatives,
                subject.clone(),
                Value::Null,
                i.name.clone().into(),
                format!("{} created ({} teams)", i.name, i.teams.len()),
                vec![subject.clone()],
            );
            continue;
        };
        let o = &base.initiatives[bi];
        let name = &i.name;
        if o.name != i.name {
            b.push(
                K::InitiativeRenamed,
                Group::Initiatives,
                subject.clone(),
                o.name.clone().into(),
                i.name.clone().into(),
                format!("{} renamed to {}", o.name, i.name),
                Vec::new(),
            );
        }
        if o.kind != i.kind {
            b.push(
                K::InitiativeKindChanged,
                Group::Initiatives,
                subject.clone(),
                o.kind.name().into(),
                i.kind.name().into(),
                format!("{name}: {} → {}", o.kind.name(), i.kind.name()),
                vec![subject.clone()],
            );
        }
        for t in i.teams.iter().filter(|t| !o.teams.contains(t)) {
            b.push(
                K::InitiativeTeamAdded,
                Group::Initiatives,
                subject.clone(),
                Value::Null,
                sv(&Subject::Team(t.clone())),
                format!("{name} now spans {}", b.names.team(t.as_str())),
                vec![subject.clone()],
            );
        }
        for t in o.teams.iter().filter(|t| !i.teams.contains(t)) {
            b.push(
                K::InitiativeTeamRemoved,
                Group::Initiatives,
                subject.clone(),
                sv(&Subject::Team(t.clone())),
                Value::Null,
                format!("{name} no longer spans {}", b.names.team(t.as_str())),
                vec![subject.clone()],
            );
        }
        let names = &b.names;
        let who = |p: &Option<crate::model::PersonId>| {
            p.as_ref()
                .map_or("nobody".to_string(), |p| names.person(p.as_str()))
        };
        let lead_text = format!("{name}: lead {} → {}", who(&o.lead), who(&i.lead));
        let sponsor_text = format!("{name}: sponsor {} → {}", who(&o.sponsor), who(&i.sponsor));
        let pv = |p: &Option<crate::model::PersonId>| {
            p.as_ref().map_or(Value::Null, |p| sv(&person_subject(p)))
        };
        if o.lead != i.lead {
            let text = lead_text;
            b.push(
                K::LeadChanged,
                Group::Initiatives,
                subject.clone(),
                pv(&o.lead),
                pv(&i.lead),
                text,
                vec![subject.clone()],
            );
        }
        if o.sponsor != i.sponsor {
            let text = sponsor_text;
            b.push(
                K::SponsorChanged,
                Group::Initiatives,
                subject.clone(),
                pv(&o.sponsor),
                pv(&i.sponsor),
                text,
                vec![subject.clone()],
            );
        }
        if o.outcome != i.outcome {
            b.push(
                K::OutcomeChanged,
                Group::Initiatives,
                subject.clone(),
                opt(o.outcome.as_deref()),
                opt(i.outcome.as_deref()),
                format!(
                    "{name}: outcome {}",
                    i.outcome
                        .as_deref()
                        .map_or("removed".to_string(), |x| format!("\"{x}\""))
                ),
                vec![subject.clone()],
            );
        }
        if positions && o.position != i.position {
            position_change(b, &subject, o.position, i.position, name);
        }
        if o.note != i.note {
            b.push(
                K::NoteChanged,
                Group::Initiatives,
                subject.clone(),
                o.note.clone().into(),
                i.note.clone().into(),
                format!("{name}: note changed"),
                Vec::new(),
            );
        }
    }
    for o in &base.initiatives {
        if !b.names.initiatives_p.contains_key(o.id.as_str()) {
            let subject = Subject::Initiative(o.id.clone());
            b.push(
                K::InitiativeRemoved,
                Group::Initiatives,
                subject.clone(),
                o.name.clone().into(),
                Value::Null,
                format!("{} removed", o.name),
                vec![subject],
            );
        }
    }
}

fn others(b: &mut Builder, base: &Org, proposal: &Org) {
    use ChangeKind as K;
    for r in &proposal.roles {
        match base.roles.iter().find(|x| x.id == r.id) {
            None => b.push(
                K::CustomRoleAdded,
                Group::Other,
                Subject::Org,
                Value::Null,
                r.id.to_string().into(),
                format!("Custom role {} ({}) added", r.id, r.name),
                Vec::new(),
            ),
            Some(o) if o != r => b.push(
                K::CustomRoleChanged,
                Group::Other,
                Subject::Org,
                o.id.to_string().into(),
                r.id.to_string().into(),
                format!("Custom role {} changed", r.id),
                Vec::new(),
            ),
            Some(_) => {}
        }
    }
    for o in &base.roles {
        if !proposal.roles.iter().any(|x| x.id == o.id) {
            b.push(
                K::CustomRoleRemoved,
                Group::Other,
                Subject::Org,
                o.id.to_string().into(),
                Value::Null,
                format!("Custom role {} removed", o.id),
                Vec::new(),
            );
        }
    }
    if base.settings != proposal.settings {
        b.push(
            K::SettingsChanged,
            Group::Other,
            Subject::Org,
            Value::Null,
            Value::Null,
            "Rule settings changed".into(),
            Vec::new(),
        );
    }
    let wkey = |w: &crate::model::Waiver| (w.rule.clone(), w.subject.clone(), w.capability);
    for w in &proposal.waivers {
        let what = match w.capability {
            Some(c) => format!("{} ({}) on {}", w.rule, c.words(), b.names.card(&w.subject)),
            None => format!("{} on {}", w.rule, b.names.card(&w.subject)),
        };
        match base.waivers.iter().find(|x| wkey(x) == wkey(w)) {
            None => b.push(
                K::WaiverAdded,
                Group::Other,
                w.subject.clone(),
                Value::Null,
                w.rule.clone().into(),
                format!("Waiver of {what} added: {}", w.reason),
                vec![w.subject.clone()],
            ),
            Some(o) if o != w => b.push(
                K::WaiverChanged,
                Group::Other,
                w.subject.clone(),
                o.until.map_or(Value::Null, |d| d.to_string().into()),
                w.until.map_or(Value::Null, |d| d.to_string().into()),
                format!("Waiver of {what} changed"),
                vec![w.subject.clone()],
            ),
            Some(_) => {}
        }
    }
    for o in &base.waivers {
        if !proposal.waivers.iter().any(|x| wkey(x) == wkey(o)) {
            b.push(
                K::WaiverRemoved,
                Group::Other,
                o.subject.clone(),
                o.rule.clone().into(),
                Value::Null,
                format!(
                    "Waiver of {} on {} removed",
                    o.rule,
                    b.names.card(&o.subject)
                ),
                vec![o.subject.clone()],
            );
        }
    }
}
