//! `suggest` end to end: targets, candidates, the baseline, the search,
//! and what the result says (what each action closes, why a target is
//! left, the proposal file).

use super::eval::{Evaluator, Key, finding_key};
use super::plan::{Objective, apply_one_noted};
use super::search::{self, Budget, Component, Local};
use super::{Action, Kind, Options, Scope};
use crate::model::Org;
use crate::rules::Finding;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::time::Instant;

/// Components up to this many candidates get the full local search.
const IMPROVE_UP_TO: usize = 400;
/// Components up to this many candidates are searched exhaustively (with
/// bounds); beyond, no proof could finish in a time a user waits for.
const PROVE_UP_TO: usize = 2_000;

/// Whether the plan is proved the best.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Optimal,
    BestFound,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::BestFound => "best found",
        }
    }
}

/// How far the search got, for a progress display.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    /// Components improved (phase 1) and then proved (phase 2).
    pub done: usize,
    pub total: usize,
    pub proving: bool,
}

/// One action of the result with the targets it closes.
#[derive(Clone, Debug)]
pub struct Step {
    pub action: Action,
    pub cost: u32,
    pub closes: Vec<Finding>,
    /// An assignment that makes the person the initiative's lead.
    pub lead: bool,
    /// A trim's allocation before and after (0: the person leaves).
    pub trim: (u32, u32),
    /// For an action that closes no target itself: how many more findings
    /// the plan would leave or open without it (0 when not known).
    pub keeps: usize,
    /// For such an action: the first action of the plan that closes
    /// something in the same scope (its partner: the coordinator it keeps
    /// from being the only one), by index into the steps.
    pub with: Option<usize>,
}

/// What `suggest` found.
pub struct Solution {
    pub status: Status,
    pub steps: Vec<Step>,
    pub objective: Objective,
    /// A proven lower bound on the cost of a plan that leaves no more.
    pub lower_bound: u32,
    pub baseline: Objective,
    pub targets: Vec<Finding>,
    pub candidates: usize,
    pub components: usize,
    /// Findings at or above `fix` the proposal still has, as planned.
    pub remaining: Vec<Finding>,
    /// Findings at or above warning the proposal opens.
    pub opened: Vec<Finding>,
    /// Each target left, with why.
    pub left: Vec<(Finding, String)>,
    /// The org with the actions applied (new seats noted).
    pub proposal: Org,
    pub elapsed: std::time::Duration,
}

impl Solution {
    pub fn actions(&self) -> Vec<Action> {
        self.steps.iter().map(|s| s.action.clone()).collect()
    }
}

/// Solves `org` within `budget`, reporting progress.
pub fn solve(
    org: &Org,
    opts: &Options,
    budget: &Budget,
    progress: &mut dyn FnMut(Progress),
) -> Solution {
    let started = Instant::now();
    let planned = crate::rules::as_planned(org);
    let report = crate::rules::check(&planned, opts.today);
    let targets: Vec<Finding> = super::targets_in(&report, opts);
    let candidates = super::candidates(&planned, &targets, opts);
    let mut ev = Evaluator::new(org, opts, &report, &targets);
    ev.note_candidates(&candidates);
    drop(report);
    drop(planned);
    // The search stops early enough for the end (the whole-engine check of
    // the result, what each action closes) to finish within the limit: it
    // takes about three times the first check, which is measured here
    // with the rest of the setup (never more than half the time left).
    let setup = started.elapsed();
    let reserved = budget.part(|left| left - (setup * 3).min(left / 2));
    let budget = &reserved;
    let comps = search::components(&ev, &candidates);
    let baseline_plan = super::plan::baseline(org, &targets);
    let baseline = ev
        .objective(&baseline_plan)
        .unwrap_or((ev.base_remaining_total, 0, 0));
    // Each component starts from the baseline's actions among its own.
    let cands = &candidates;
    let comp_of: HashMap<&Action, usize> = comps
        .iter()
        .enumerate()
        .flat_map(|(c, comp)| comp.candidates.iter().map(move |&i| (&cands[i], c)))
        .collect();
    // Phase 1: target by target, from the baseline's actions that are
    // candidates (cheap at any size).
    let mut by_subject: HashMap<crate::model::Subject, Vec<usize>> = HashMap::default();
    for (t, target) in targets.iter().enumerate() {
        by_subject
            .entry(target.subject.clone())
            .or_default()
            .push(t);
    }
    let mut aimed: Vec<Vec<usize>> = vec![Vec::new(); targets.len()];
    for (i, a) in candidates.iter().enumerate() {
        if let Some(ts) = a.aim().and_then(|s| by_subject.get(&s)) {
            for &t in ts {
                if a.aims_at(&targets[t]) {
                    aimed[t].push(i);
                }
            }
        }
    }
    for list in &mut aimed {
        list.sort_by_key(|&i| opts.cost(candidates[i].kind()));
    }
    let start: Vec<Action> = baseline_plan
        .iter()
        .filter(|a| comp_of.contains_key(a))
        .cloned()
        .collect();
    let phase1 = budget.part(|left| left / 2);
    let refined = search::refine(&ev, &candidates, &aimed, &targets, start, &phase1);
    let mut starts: Vec<Vec<Action>> = vec![Vec::new(); comps.len()];
    for a in refined {
        if let Some(&c) = comp_of.get(&a) {
            starts[c].push(a);
        }
    }
    // Phase 2: local search in the components small enough for it (the
    // small first); phase 3: prove them, with what time is left.
    let mut order: Vec<usize> = (0..comps.len()).collect();
    order.sort_by_key(|&c| comps[c].candidates.len());
    let mut plans: Vec<Option<(Vec<Action>, Local)>> = vec![None; comps.len()];
    let total = comps.len();
    for (done, &c) in order.iter().enumerate() {
        progress(Progress {
            done,
            total,
            proving: false,
        });
        if budget.over() {
            break;
        }
        let start = std::mem::take(&mut starts[c]);
        if comps[c].candidates.len() > IMPROVE_UP_TO {
            // Too large for the local search: the target-by-target plan is
            // the incumbent the proof starts from.
            let o = search::local(&ev, &start);
            match o {
                Some(o) => plans[c] = Some((start, o)),
                None => starts[c] = start,
            }
            continue;
        }
        plans[c] = Some(search::improve(&ev, &candidates, &comps[c], start, budget));
    }
    // Floors for the bounds: what a plan leaves at least on the keys few
    // candidates reach.
    // (A quarter of the time left at most: the proofs need the rest.)
    let quarter = budget.part(|left| left / 4);
    let floors = search::floors(&ev, &candidates, &comps, PROVE_UP_TO, &quarter);
    ev.raise_floors(floors);
    let mut proven = vec![false; comps.len()];
    for (done, &c) in order.iter().enumerate() {
        progress(Progress {
            done,
            total,
            proving: true,
        });
        let Some(best) = plans[c].take() else {
            continue;
        };
        if budget.over() || comps[c].candidates.len() > PROVE_UP_TO {
            plans[c] = Some(best);
            continue;
        }
        // By tables first, with half the time left; what they leave
        // unproved goes to the other proof, from their best plan.
        let half = budget.part(|left| left / 2);
        let (p, o, finished) =
            match super::exact::prove_by_tables(&ev, &candidates, &comps[c], &best, &half) {
                Some(done) if done.2 => done,
                Some((p, o, _)) => search::prove(&ev, &candidates, &comps[c], (p, o), budget),
                None => search::prove(&ev, &candidates, &comps[c], best, budget),
            };
        proven[c] = finished;
        plans[c] = Some((p, o));
    }
    // Components never reached keep their baseline share.
    let mut plan: Vec<Action> = Vec::new();
    for (c, p) in plans.iter().enumerate() {
        match p {
            Some((p, _)) => plan.extend(p.iter().cloned()),
            None => plan.extend(starts[c].iter().cloned()),
        }
    }
    // What time is left goes to the target-by-target search again (where
    // a component was too large for the rest).
    if !budget.over() && !proven.iter().all(|&p| p) {
        plan = search::refine(&ev, &candidates, &aimed, &targets, plan, budget);
    }
    plan.sort();
    let mut objective = ev.objective(&plan).unwrap_or(baseline);
    if baseline < objective && ev.objective(&baseline_plan).is_some() {
        plan = baseline_plan.clone();
        objective = baseline;
    }
    let all_proven = proven.iter().all(|&p| p) && plans.iter().all(Option::is_some);
    finish(
        org,
        opts,
        &ev,
        Found {
            plan,
            objective,
            all_proven,
            baseline,
            targets,
            candidates: &candidates,
            comps: &comps,
        },
        started,
    )
}

/// What the search found, before it is explained.
struct Found<'c> {
    plan: Vec<Action>,
    objective: Objective,
    all_proven: bool,
    baseline: Objective,
    targets: Vec<Finding>,
    candidates: &'c [Action],
    comps: &'c [Component],
}

/// The proposal judged by the rules engine on the whole org (the local
/// judgement only guided the search), what each action closes and why
/// each target is left.
fn finish(org: &Org, opts: &Options, ev: &Evaluator, found: Found, started: Instant) -> Solution {
    let Found {
        plan,
        objective,
        all_proven,
        baseline,
        targets,
        candidates,
        comps,
    } = found;
    let threshold = ev.threshold;
    let refs: Vec<&Action> = plan.iter().collect();
    let bare = super::plan::apply(org, &refs, threshold).unwrap_or_else(|| org.clone());
    let report = crate::rules::check(&crate::rules::as_planned(&bare), opts.today);
    let live: Vec<&Finding> = report.findings.iter().filter(|f| !f.waived()).collect();
    let now: HashSet<String> = live.iter().map(|f| finding_key(f)).collect();
    let remaining: Vec<Finding> = live
        .iter()
        .filter(|f| f.severity <= opts.fix)
        .map(|f| (*f).clone())
        .collect();
    let opened: Vec<Finding> = live
        .iter()
        .filter(|f| {
            f.severity <= crate::catalog::Severity::Warning
                && !ev.base_keys.contains(&finding_key(f))
        })
        .map(|f| (*f).clone())
        .collect();
    let cost: u32 = plan.iter().map(|a| opts.cost(a.kind())).sum();
    let whole = (remaining.len(), opened.len(), cost);
    // Closed targets go to the action whose footprint holds them (the
    // first in plan order; an action made for them first).
    let closed: Vec<&Finding> = targets
        .iter()
        .filter(|t| !now.contains(&finding_key(t)))
        .collect();
    let mut steps: Vec<Step> = plan
        .iter()
        .map(|a| Step {
            action: a.clone(),
            cost: opts.cost(a.kind()),
            closes: Vec::new(),
            lead: false,
            trim: (0, 0),
            keeps: 0,
            with: None,
        })
        .collect();
    let feet: Vec<Vec<Key>> = plan.iter().map(|a| ev.footprint(a)).collect();
    for t in closed {
        let Some(k) = ev.key_of(&t.subject) else {
            continue;
        };
        let direct = plan.iter().position(|a| a.aims_at(t));
        let any = feet.iter().position(|f| f.binary_search(&k).is_ok());
        if let Some(i) = direct.or(any) {
            steps[i].closes.push(t.clone());
        }
    }
    // What an action that closes nothing itself is for: the findings the
    // plan would leave or open without it (a second coordinator on an
    // initiative keeps the first from being its only one).
    // Its partner closes something in the same scope.
    if let Some(with) = ev.objective(&plan) {
        let closing: Vec<bool> = steps.iter().map(|s| !s.closes.is_empty()).collect();
        for (i, step) in steps.iter_mut().enumerate() {
            if closing[i] {
                continue;
            }
            let mut rest = plan.clone();
            rest.remove(i);
            if let Some(without) = ev.objective(&rest) {
                step.keeps = (without.0 + without.1).saturating_sub(with.0 + with.1);
            }
            if let Some(aim) = plan[i].aim().filter(|_| step.keeps > 0) {
                step.with =
                    (0..plan.len()).find(|&j| closing[j] && plan[j].aim().as_ref() == Some(&aim));
            }
        }
    }
    let proposal = noted_proposal(org, &mut steps, threshold);
    let left = targets
        .iter()
        .filter(|t| now.contains(&finding_key(t)))
        .map(|t| (t.clone(), why_left(t, candidates, opts, all_proven)))
        .collect();
    let status = if all_proven && whole == objective {
        Status::Optimal
    } else {
        Status::BestFound
    };
    let lower_bound = if status == Status::Optimal {
        cost
    } else {
        global_lower_bound(ev, candidates, comps, whole).min(cost)
    };
    Solution {
        status,
        steps,
        objective: whole,
        lower_bound,
        baseline,
        candidates: candidates.len(),
        components: comps.len(),
        targets,
        remaining,
        opened,
        left,
        proposal,
        elapsed: started.elapsed(),
    }
}

/// A lower bound for any plan leaving no more than `best`: the cheapest
/// fractional cover of the targets such a plan must close.
fn global_lower_bound(
    ev: &Evaluator,
    candidates: &[Action],
    comps: &[Component],
    best: Objective,
) -> u32 {
    let whole = Component {
        candidates: (0..candidates.len()).collect(),
        keys: {
            let mut k: Vec<Key> = comps.iter().flat_map(|c| c.keys.iter().copied()).collect();
            k.sort_unstable();
            k.dedup();
            k
        },
        targets: comps.iter().map(|c| c.targets).sum(),
    };
    // Remaining outside the components cannot change.
    let outside = ev.base_remaining_total as i64
        - whole
            .keys
            .iter()
            .map(|&k| i64::from(ev.base_tally(k).remaining))
            .sum::<i64>();
    let inside_best = best.0 as i64 - outside;
    let base_in: i64 = ev.base_remaining_total as i64 - outside;
    search::cost_lower_bound(
        ev,
        candidates,
        &whole,
        (inside_best - base_in, best.1, best.2),
    )
}

/// Why a target is left: no candidate can close it, or closing it would
/// open something worse (or the search ran out of time first).
fn why_left(t: &Finding, candidates: &[Action], opts: &Options, proven: bool) -> String {
    if candidates.iter().any(|a| a.aims_at(t)) {
        return if proven {
            "closing it would leave or open more than it closes".into()
        } else {
            "not closed by the best plan found in the time limit".into()
        };
    }
    let not_allowed = |k: Kind| !opts.allows(k);
    match (t.rule.code, t.capability) {
        ("L001", _) => "no candidate: trims are not allowed".into(),
        (code, Some(cap)) => {
            let team = code == "C001" || code == "C002";
            let mut s = if team {
                format!(
                    "no candidate: nobody outside it provides {} with 20% free",
                    cap.words()
                )
            } else {
                format!(
                    "no candidate: nobody provides {} with {}% free",
                    cap.words(),
                    opts.initiative_allocation
                )
            };
            if not_allowed(Kind::Hire) {
                s.push_str(" and hires are not allowed");
            }
            s
        }
        _ => "no candidate".into(),
    }
}

/// `org` with the steps applied, each new seat noted with what it closes.
/// Also notes each step's details as applied (an assignment's lead, a
/// trim's allocations).
fn noted_proposal(org: &Org, steps: &mut [Step], threshold: u32) -> Org {
    steps.sort_by(|a, b| a.action.cmp(&b.action));
    let mut o = org.clone();
    for s in steps.iter_mut() {
        match &s.action {
            Action::Assign { person, to, .. } => {
                s.lead = crate::edit::becomes_lead(&o, person, to);
            }
            Action::Trim { person, scope } => {
                let used = super::plan::used(&o, person);
                let now = super::plan::allocation_in(&o, person, scope);
                let excess = used.saturating_sub(threshold);
                s.trim = (now, now.saturating_sub(excess));
            }
            _ => {}
        }
        if apply_one_noted(&mut o, &s.action, threshold, &seat_note(s)).is_none() {
            return org.clone();
        }
    }
    o
}

/// `org` with some of a solution's steps applied (new seats noted);
/// `None` when one no longer applies without the others.
pub fn proposal_of(org: &Org, steps: &[&Step]) -> Option<Org> {
    let threshold = super::plan::allocation_threshold(org);
    let mut order: Vec<&Step> = steps.to_vec();
    order.sort_by(|a, b| a.action.cmp(&b.action));
    let mut o = org.clone();
    for s in order {
        apply_one_noted(&mut o, &s.action, threshold, &seat_note(s))?;
    }
    Some(o)
}

/// A new seat's note: what the hire closes.
fn seat_note(s: &Step) -> String {
    if s.closes.is_empty() {
        "suggested".to_string()
    } else {
        let what: Vec<String> = s.closes.iter().map(short).collect();
        format!("suggested: closes {}", what.join(", "))
    }
}

/// "C001 roadmap", "L001 person:mo".
pub fn short(f: &Finding) -> String {
    match f.capability {
        Some(c) => format!("{} {}", f.rule.code, c.id()),
        None => format!("{} {}", f.rule.code, f.subject),
    }
}

/// The scope a hire or trim is about, as its subject text.
pub fn scope_text(s: &Scope) -> String {
    s.subject().to_string()
}
