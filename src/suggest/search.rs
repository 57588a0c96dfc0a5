//! The search: candidates split into independent components (their
//! footprints overlap within a component and never across), each improved
//! by a local search from the baseline, then proved: by tables where they
//! fit (exact.rs), else (or after them) by the branch and bound here.
//!
//! **Why our own branch and bound, not an ILP.** The objective is what the
//! real rules engine says about the proposal, and a finding depends on
//! combinations (a stop-gap stays a stop-gap until a primary provider joins,
//! a hire opens S004 only past the team size, a share and an assignment of
//! the same person are each fine and together over-allocate). An ILP would
//! need the rules rewritten as linear constraints, a second engine that
//! could disagree with the first. Branch and bound judges every node with
//! the rules engine itself and needs only bounds, which are sound by
//! construction:
//!
//! - a key (subject) that no undecided candidate touches keeps what the
//!   chosen actions leave on it, so its remaining and opened findings are
//!   a lower bound; findings no action can take away (spans and
//!   reporting lines, sponsors, outcomes, a C010 whose teams no initiative
//!   names together) stay everywhere;
//! - a completion that leaves no more than the incumbent must close at
//!   least `need` of the targets still open, and an undecided candidate
//!   closes at most the targets its footprint holds, so the cheapest
//!   fractional cover of `need` bounds the cost still to pay.
//!
//! Components are solved one by one; the lexicographic order is
//! compatible with adding objectives, so the sum of each component's
//! optimum is the optimum of the whole.

use super::Action;
use super::eval::{Evaluator, Key};
use super::plan::Objective;
use rustc_hash::FxHashMap as HashMap;
use std::time::Instant;

/// When to stop early, and how to say how far it got.
pub struct Budget<'a> {
    pub deadline: Instant,
    pub cancel: Option<&'a std::sync::atomic::AtomicBool>,
}

impl Budget<'_> {
    /// A budget with the same cancel flag that ends when `part` of the
    /// time left now has passed (`part` maps the time left to the time
    /// given).
    pub fn part(
        &self,
        part: impl FnOnce(std::time::Duration) -> std::time::Duration,
    ) -> Budget<'_> {
        let now = Instant::now();
        Budget {
            deadline: now + part(self.deadline.saturating_duration_since(now)),
            cancel: self.cancel,
        }
    }

    pub fn over(&self) -> bool {
        Instant::now() >= self.deadline
            || self
                .cancel
                .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
    }
}

/// One component: its candidates (indices into the candidate list, in
/// search order), its footprint, its targets.
pub struct Component {
    pub candidates: Vec<usize>,
    pub keys: Vec<Key>,
    pub targets: u32,
}

/// The candidates split into components, each with its footprint.
pub fn components(ev: &Evaluator, candidates: &[Action]) -> Vec<Component> {
    let (members, keys) = super::eval::groups_with_keys(candidates, |a: &Action| ev.footprint(a));
    members
        .into_iter()
        .zip(keys)
        .map(|(mut members, keys)| {
            // Search order: the candidates of one target together,
            // cheapest first, so a target's keys settle early.
            members.sort_by_cached_key(|&i| {
                let a = &candidates[i];
                (aim(a), ev.opts.cost(a.kind()), a.clone())
            });
            let targets = keys.iter().map(|&k| ev.base_tally(k).targets).sum();
            Component {
                candidates: members,
                keys,
                targets,
            }
        })
        .collect()
}

/// What an action is for: the scope it adds to, or the person it trims.
fn aim(a: &Action) -> String {
    match a {
        Action::Hire { scope, .. } => scope.subject().to_string(),
        Action::Move { to, .. } | Action::Share { to, .. } => format!("team:{to}"),
        Action::Assign { to, .. } => format!("initiative:{to}"),
        Action::Trim { person, .. } | Action::Hat { person, .. } => format!("person:{person}"),
    }
}

/// A component's objective relative to the base: (remaining change,
/// opened, cost); smaller is better.
pub type Local = (i64, usize, u32);

/// The objective of a set of a component's actions, relative to the base
/// (`None`: not a valid plan).
pub fn local(ev: &Evaluator, plan: &[Action]) -> Option<Local> {
    let (r, o, c) = ev.objective(plan)?;
    Some((r as i64 - ev.base_remaining_total as i64, o, c))
}

/// Local search in one component from `start`: add the candidate that
/// improves most (first that improves, in a large component), drop what
/// no longer pays, swap one action for another; until nothing improves or
/// the budget runs out. Always a valid plan.
pub fn improve(
    ev: &Evaluator,
    candidates: &[Action],
    comp: &Component,
    start: Vec<Action>,
    budget: &Budget,
) -> (Vec<Action>, Local) {
    let empty = local(ev, &[]).unwrap_or((0, 0, 0));
    let (mut plan, mut best) = match local(ev, &start) {
        Some(o) if o < empty => (start, o),
        _ => (Vec::new(), empty),
    };
    let large = comp.candidates.len() > 400;
    'outer: loop {
        let mut improved = false;
        let mut pick: Option<(Local, usize)> = None;
        for &i in &comp.candidates {
            if budget.over() {
                break 'outer;
            }
            let c = &candidates[i];
            if plan.contains(c) {
                continue;
            }
            let mut trial = plan.clone();
            trial.push(c.clone());
            if let Some(o) = local(ev, &trial)
                && o < best
                && pick.is_none_or(|(b, _)| o < b)
            {
                pick = Some((o, i));
                if large {
                    break;
                }
            }
        }
        if let Some((o, i)) = pick {
            plan.push(candidates[i].clone());
            best = o;
            improved = true;
        }
        let mut k = 0;
        while k < plan.len() {
            let mut trial = plan.clone();
            trial.remove(k);
            match local(ev, &trial) {
                Some(o) if o < best => {
                    plan = trial;
                    best = o;
                    improved = true;
                }
                _ => k += 1,
            }
        }
        if !improved {
            'swap: for k in 0..plan.len() {
                for &i in &comp.candidates {
                    if budget.over() {
                        break 'outer;
                    }
                    let c = &candidates[i];
                    if plan.contains(c) {
                        continue;
                    }
                    let mut trial = plan.clone();
                    trial[k] = c.clone();
                    if let Some(o) = local(ev, &trial)
                        && o < best
                    {
                        plan = trial;
                        best = o;
                        improved = true;
                        break 'swap;
                    }
                }
            }
        }
        if !improved {
            break;
        }
    }
    plan.sort();
    (plan, best)
}

/// Target by target, replace the plan's actions aimed at it by the
/// candidate aimed at it that improves the objective most, by two of its
/// cheapest candidates together (two coordinators on one initiative are
/// neither its sole coordinator), or by nothing, judging only the part of
/// the plan the change touches. Cheap at any size: the heuristic for
/// components too large for [`improve`]. `aimed[t]` lists the candidates
/// aimed at target `t`, cheapest first.
pub fn refine(
    ev: &Evaluator,
    candidates: &[Action],
    aimed: &[Vec<usize>],
    targets: &[crate::rules::Finding],
    start: Vec<Action>,
    budget: &Budget,
) -> Vec<Action> {
    let mut plan = Plan::new(ev, start);
    // Targets with the fewest options first: quick to settle, and they
    // are where a baseline action most often opens something.
    let mut order: Vec<usize> = (0..aimed.len()).collect();
    order.sort_by_key(|&t| aimed[t].len());
    for _pass in 0..3 {
        let mut improved = false;
        for &t in &order {
            if budget.over() {
                return plan.actions();
            }
            let cur: Vec<usize> = plan.aimed_at(&targets[t]);
            if let Some(add) = best_replacement(ev, candidates, &aimed[t], &plan, &cur, budget) {
                plan.replace(ev, &cur, add.into_iter().map(|i| candidates[i].clone()));
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
    plan.actions()
}

/// A change of (remaining, opened, cost).
type Delta = (i64, i64, i64);

/// How many of a target's options [`refine`] tries one by one once it has
/// an improvement, and how many of the cheapest it tries in pairs.
const SINGLES: usize = 48;
const PAIRED: usize = 10;

/// The best change of what is aimed at one target (`cur`, slots of
/// `plan`): nothing, one of `options`, or two of the cheapest; `None`
/// when none improves the objective.
fn best_replacement(
    ev: &Evaluator,
    candidates: &[Action],
    options: &[usize],
    plan: &Plan,
    cur: &[usize],
    budget: &Budget,
) -> Option<Vec<usize>> {
    let mut best: Option<(Delta, Vec<usize>)> = None;
    let consider = |add: Vec<usize>, best: &mut Option<(Delta, Vec<usize>)>| {
        if add.iter().any(|&i| plan.has(&candidates[i])) {
            return;
        }
        let acts: Vec<&Action> = add.iter().map(|&i| &candidates[i]).collect();
        if let Some(d) = plan.delta(ev, cur, &acts)
            && d < (0, 0, 0)
            && best.as_ref().is_none_or(|(b, _)| d < *b)
        {
            *best = Some((d, add));
        }
    };
    if !cur.is_empty() {
        consider(Vec::new(), &mut best);
    }
    for (n, &i) in options.iter().enumerate() {
        if n > SINGLES && best.is_some() || budget.over() {
            break;
        }
        consider(vec![i], &mut best);
    }
    // Pairs only where no single option closes the target without
    // opening something: the case two together can mend.
    if best
        .as_ref()
        .is_none_or(|(d, _)| d.1 > 0 || cur.is_empty() && d.0 >= 0)
    {
        let few = &options[..options.len().min(PAIRED)];
        for (n, &i) in few.iter().enumerate() {
            for &j in &few[n + 1..] {
                if budget.over() {
                    return best.map(|(_, a)| a);
                }
                consider(vec![i, j], &mut best);
            }
        }
    }
    best.map(|(_, a)| a)
}

/// A plan being refined: its actions in slots, with their footprints and
/// which slots touch each key.
struct Plan {
    slots: Vec<Option<(Action, Vec<Key>)>>,
    by_key: HashMap<Key, Vec<usize>>,
}

impl Plan {
    fn new(ev: &Evaluator, actions: Vec<Action>) -> Plan {
        let mut p = Plan {
            slots: Vec::new(),
            by_key: HashMap::default(),
        };
        for a in actions {
            p.push(ev, a);
        }
        p
    }

    fn push(&mut self, ev: &Evaluator, a: Action) {
        let f = ev.footprint(&a);
        let slot = self.slots.len();
        for &k in &f {
            self.by_key.entry(k).or_default().push(slot);
        }
        self.slots.push(Some((a, f)));
    }

    fn remove(&mut self, slot: usize) {
        if let Some((_, f)) = self.slots[slot].take() {
            for k in f {
                if let Some(v) = self.by_key.get_mut(&k) {
                    v.retain(|&s| s != slot);
                }
            }
        }
    }

    fn has(&self, a: &Action) -> bool {
        self.slots.iter().flatten().any(|(x, _)| x == a)
    }

    fn actions(&self) -> Vec<Action> {
        let mut v: Vec<Action> = self
            .slots
            .iter()
            .flatten()
            .map(|(a, _)| a.clone())
            .collect();
        v.sort();
        v
    }

    fn aimed_at(&self, t: &crate::rules::Finding) -> Vec<usize> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_ref().filter(|(a, _)| a.aims_at(t)).map(|_| i))
            .collect()
    }

    /// The slots whose footprints reach `keys`, transitively.
    fn closure(&self, keys: &[Key]) -> Vec<usize> {
        let mut seen_keys: rustc_hash::FxHashSet<Key> = keys.iter().copied().collect();
        let mut todo: Vec<Key> = keys.to_vec();
        let mut slots: Vec<usize> = Vec::new();
        while let Some(k) = todo.pop() {
            for &s in self.by_key.get(&k).map_or(&[][..], Vec::as_slice) {
                if slots.contains(&s) {
                    continue;
                }
                slots.push(s);
                if let Some((_, f)) = &self.slots[s] {
                    for &k2 in f {
                        if seen_keys.insert(k2) {
                            todo.push(k2);
                        }
                    }
                }
            }
        }
        slots
    }

    /// The objective's change if the `remove` slots go and `add` comes.
    fn delta(&self, ev: &Evaluator, remove: &[usize], add: &[&Action]) -> Option<Delta> {
        let mut keys: Vec<Key> = remove
            .iter()
            .filter_map(|&s| self.slots[s].as_ref())
            .flat_map(|(_, f)| f.iter().copied())
            .collect();
        for a in add {
            keys.extend(ev.footprint(a));
        }
        let near = self.closure(&keys);
        let old: Vec<Action> = near
            .iter()
            .filter_map(|&s| self.slots[s].as_ref().map(|(a, _)| a.clone()))
            .collect();
        let mut new: Vec<Action> = near
            .iter()
            .filter(|s| !remove.contains(s))
            .filter_map(|&s| self.slots[s].as_ref().map(|(a, _)| a.clone()))
            .collect();
        new.extend(add.iter().map(|&a| a.clone()));
        let o = ev.objective(&old)?;
        let n = ev.objective(&new)?;
        Some((
            n.0 as i64 - o.0 as i64,
            n.1 as i64 - o.1 as i64,
            i64::from(n.2) - i64::from(o.2),
        ))
    }

    fn replace(&mut self, ev: &Evaluator, remove: &[usize], add: impl IntoIterator<Item = Action>) {
        for &s in remove {
            self.remove(s);
        }
        for a in add {
            self.push(ev, a);
        }
    }
}

/// Keys with at most this many candidates reaching them get a floor: every
/// subset of those candidates is judged (2^12 at most).
const FLOOR_CANDIDATES: usize = 12;
/// How many subsets [`floors`] judges at most, over all keys.
const FLOOR_SUBSETS: usize = 40_000;

/// Per key of the components (up to `up_to` candidates each), the least a
/// valid plan leaves on it, where that is more than the findings no action
/// can take away: the minimum over the subsets of the candidates whose
/// reach holds the key. It is a floor for every plan because the findings
/// about a key change only through actions whose reach holds it (a plan
/// leaves on it what that part of the plan leaves), and a part of a valid
/// plan is a valid plan (both checked on random orgs by
/// `tests/suggest.rs`). A C010 no candidate can mend, a team too large
/// with too few ways out, a hat no candidate takes off: the findings the
/// bounds would otherwise count as changeable until every candidate near
/// them is decided.
///
/// Keys with a finding that is not a target come first (the ones that
/// weigh on every bound), then keys with targets; within the budget.
pub fn floors(
    ev: &Evaluator,
    candidates: &[Action],
    comps: &[Component],
    up_to: usize,
    budget: &Budget,
) -> Vec<(Key, super::eval::Floor)> {
    // Every candidate reaching a key is in that key's component: it holds
    // the key in its footprint, or shares its person or a scope it changes
    // with a candidate that does (the one adding the person to the scope,
    // or trimming them in it). So a component's candidates are all that
    // reach its keys. (The reach of a large component's candidates is not
    // made at all: at 40,000 people it is gigabytes.)
    let mut reaching: HashMap<Key, Vec<usize>> = HashMap::default();
    for comp in comps.iter().filter(|c| c.candidates.len() <= up_to) {
        for &i in &comp.candidates {
            for k in ev.reach(&candidates[i]) {
                reaching.entry(k).or_default().push(i);
            }
        }
    }
    let mut keys: Vec<(bool, Key)> = reaching
        .iter()
        .filter(|&(&k, r)| r.len() <= FLOOR_CANDIDATES && ev.changeable(k))
        .map(|(&k, _)| {
            let b = ev.base_tally(k);
            (b.others() <= ev.fixed_remaining(k), k)
        })
        .collect();
    keys.sort_unstable();
    let mut spent = 0usize;
    let mut out = Vec::new();
    for (_, k) in keys {
        let reach: Vec<&Action> = reaching[&k].iter().map(|&i| &candidates[i]).collect();
        let subsets = 1usize << reach.len();
        if spent + subsets > FLOOR_SUBSETS || budget.over() {
            break;
        }
        spent += subsets;
        let Some((remaining, others, _)) = least_over_subsets(ev, k, &[], &reach, budget) else {
            return out;
        };
        let fixed = ev.fixed_remaining(k);
        if remaining > fixed || others > fixed {
            out.push((k, super::eval::Floor { remaining, others }));
        }
    }
    out
}

/// The least (remaining, remaining that are not targets, opened) that the
/// plans `fixed` plus a subset of `open` leave on key `k`, each minimised
/// on its own (skipping the subsets that hold an invalid one: they are
/// invalid too; stopping where nothing can be less). `None` when no such
/// plan is valid, or the budget ran out.
fn least_over_subsets(
    ev: &Evaluator,
    k: Key,
    fixed: &[&Action],
    open: &[&Action],
    budget: &Budget,
) -> Option<(u32, u32, u32)> {
    let low = ev.fixed_remaining(k);
    let mut out: Option<(u32, u32, u32)> = None;
    let mut invalid: Vec<usize> = Vec::new();
    for mask in 0..1usize << open.len() {
        if out == Some((low, low, 0)) {
            break;
        }
        if mask % 256 == 255 && budget.over() {
            return None;
        }
        if invalid.iter().any(|&m| m & !mask == 0) {
            continue;
        }
        let plan: Vec<Action> = fixed
            .iter()
            .copied()
            .chain(
                (0..open.len())
                    .filter(|b| mask >> b & 1 == 1)
                    .map(|b| open[b]),
            )
            .cloned()
            .collect();
        let Some(t) = ev.tallies(&[k], &plan).map(|t| t[0]) else {
            invalid.push(mask);
            continue;
        };
        let here = (t.remaining, t.others(), t.opened);
        out = Some(out.map_or(here, |o| {
            (o.0.min(here.0), o.1.min(here.1), o.2.min(here.2))
        }));
    }
    out
}

/// (position, cost, capacity) sorted by cost per unit of capacity, the
/// order the fractional cover takes them in.
fn by_cost_per_target(order: &mut [(usize, u32, u32)]) {
    order.sort_by(|a, b| {
        let ra = f64::from(a.1) / f64::from(a.2.max(1));
        let rb = f64::from(b.1) / f64::from(b.2.max(1));
        ra.total_cmp(&rb)
    });
}

/// The cheapest fractional cover: the least cost of candidates (from
/// `order`, sorted by cost per target, skipping those before `next`) whose
/// target capacities add up to `need`.
fn cover_bound(order: &[(usize, u32, u32)], next: usize, need: u32) -> f64 {
    if need == 0 {
        return 0.0;
    }
    let mut left = f64::from(need);
    let mut cost = 0.0;
    for &(pos, c, cap) in order {
        if pos < next || cap == 0 {
            continue;
        }
        let take = left.min(f64::from(cap));
        cost += f64::from(c) * take / f64::from(cap);
        left -= take;
        if left <= 0.0 {
            return cost;
        }
    }
    f64::INFINITY
}

/// The component's candidates (positions in it) in the order the proof decides them: key by
/// key, the key with the fewest candidates still to place that can change
/// it first (its candidates in component order), so that the keys with
/// something to change settle as early as they can and their findings
/// enter the bounds; then the candidates reaching no such key.
/// `reaches[pos]` is the reach of the component's candidate at `pos`.
fn settling_order(ev: &Evaluator, comp: &Component, reaches: &[Vec<Key>]) -> Vec<usize> {
    let changeable: Vec<Key> = comp
        .keys
        .iter()
        .copied()
        .filter(|&k| ev.changeable(k))
        .collect();
    let mut reaching: Vec<Vec<usize>> = vec![Vec::new(); changeable.len()];
    for (pos, reach) in reaches.iter().enumerate() {
        for k in reach {
            if let Ok(at) = changeable.binary_search(k) {
                reaching[at].push(pos);
            }
        }
    }
    let mut placed = vec![false; comp.candidates.len()];
    let mut order = Vec::with_capacity(comp.candidates.len());
    let mut done = vec![false; changeable.len()];
    loop {
        let next = (0..changeable.len())
            .filter(|&k| !done[k])
            .min_by_key(|&k| reaching[k].iter().filter(|&&p| !placed[p]).count());
        let Some(k) = next else { break };
        done[k] = true;
        for &p in &reaching[k] {
            if !placed[p] {
                placed[p] = true;
                order.push(p);
            }
        }
    }
    order.extend((0..comp.candidates.len()).filter(|&p| !placed[p]));
    order
}

/// A key's floor at a node of the proof, where at most [`NODE_FLOOR`] of
/// the candidates reaching it (`reach`, search positions) are undecided:
/// the least (remaining, remaining that are not targets, opened) that any
/// completion leaves on it, over the subsets of those undecided with the
/// chosen ones that reach it. `None` when more are undecided, or when no
/// such subset is valid.
fn node_floor(
    ev: &Evaluator,
    cands: &[&Action],
    k: Key,
    reach: &[usize],
    chosen: &[usize],
    next: usize,
    budget: &Budget,
) -> Option<(u32, u32, u32)> {
    let split = reach.partition_point(|&p| p < next);
    if reach.len() - split > NODE_FLOOR {
        return None;
    }
    let fixed: Vec<&Action> = reach[..split]
        .iter()
        .filter(|p| chosen.contains(p))
        .map(|&p| cands[p])
        .collect();
    let open: Vec<&Action> = reach[split..].iter().map(|&p| cands[p]).collect();
    least_over_subsets(ev, k, &fixed, &open, budget)
}

/// How many undecided candidates reaching a key [`node_floor`] takes on.
const NODE_FLOOR: usize = 4;

/// Branch and bound over one component's candidates, from the incumbent
/// `best` (a plan and its local objective). Returns the best plan, its
/// objective and whether the search finished (so the plan is proved
/// optimal within the component).
pub fn prove(
    ev: &Evaluator,
    candidates: &[Action],
    comp: &Component,
    best: (Vec<Action>, Local),
    budget: &Budget,
) -> (Vec<Action>, Local, bool) {
    let (mut best_plan, mut best_obj) = best;
    let n = comp.candidates.len();
    let mut reaches: Vec<Vec<Key>> = comp
        .candidates
        .iter()
        .map(|&i| ev.reach(&candidates[i]))
        .collect();
    let order = settling_order(ev, comp, &reaches);
    let cands: Vec<&Action> = order
        .iter()
        .map(|&pos| &candidates[comp.candidates[pos]])
        .collect();
    // The search positions that can change each key (its reach: an
    // action changes the findings of those another action adds to the
    // same scope, once both are chosen).
    let mut reaching: HashMap<Key, Vec<usize>> = HashMap::default();
    for (pos, &at) in order.iter().enumerate() {
        for k in std::mem::take(&mut reaches[at]) {
            reaching.entry(k).or_default().push(pos);
        }
    }
    let reach_pos: Vec<&[usize]> = comp
        .keys
        .iter()
        .map(|k| reaching.get(k).map_or(&[][..], Vec::as_slice))
        .collect();
    let key_pos: Vec<Option<usize>> = reach_pos.iter().map(|r| r.last().copied()).collect();
    let floor: Vec<super::eval::Floor> = comp.keys.iter().map(|&k| ev.floor(k)).collect();
    let base_rem: i64 = comp
        .keys
        .iter()
        .map(|&k| i64::from(ev.base_tally(k).remaining))
        .sum();
    let min_rem: i64 = floor.iter().map(|f| i64::from(f.remaining)).sum::<i64>() - base_rem;
    // Candidates by cost per target they can close.
    let mut order: Vec<(usize, u32, u32)> = (0..n)
        .map(|pos| {
            (
                pos,
                ev.opts.cost(cands[pos].kind()),
                ev.capacity(cands[pos]),
            )
        })
        .collect();
    by_cost_per_target(&mut order);
    let mut chosen: Vec<usize> = Vec::new();
    // (position to decide, chosen length, include it)
    let mut stack: Vec<(usize, usize, bool)> = Vec::new();
    let mut finished = true;
    let mut root = true;
    loop {
        let next = if root {
            root = false;
            0
        } else {
            let Some((pos, len, include)) = stack.pop() else {
                break;
            };
            chosen.truncate(len);
            if include {
                chosen.push(pos);
            }
            pos + 1
        };
        if budget.over() {
            finished = false;
            break;
        }
        let plan: Vec<Action> = chosen.iter().map(|&p| cands[p].clone()).collect();
        let cost: u32 = plan.iter().map(|a| ev.opts.cost(a.kind())).sum();
        if cost >= best_obj.2 && best_obj.0 <= min_rem && best_obj.1 == 0 {
            // The incumbent leaves the least there can be: only a
            // cheaper plan would be better.
            continue;
        }
        let (rem_lb, open_lb, need) = match ev.tallies(&comp.keys, &plan) {
            Some(t) => {
                let here: Local = {
                    let r: i64 = t.iter().map(|x| i64::from(x.remaining)).sum();
                    let o: usize = t.iter().map(|x| x.opened as usize).sum();
                    (r - base_rem, o, cost)
                };
                if here < best_obj {
                    best_plan = plan.clone();
                    best_obj = here;
                }
                let mut settled_rem: i64 = 0;
                let mut open_lb = 0usize;
                let mut open_targets = 0u32;
                let (mut floor_rem, mut floor_others) = (0i64, 0i64);
                for (i, x) in t.iter().enumerate() {
                    let settled = key_pos[i].is_none_or(|p| p < next);
                    if settled {
                        settled_rem += i64::from(x.remaining);
                        open_lb += x.opened as usize;
                    } else {
                        let near = node_floor(
                            ev,
                            &cands,
                            comp.keys[i],
                            reach_pos[i],
                            &chosen,
                            next,
                            budget,
                        );
                        let (r, o, opened) = near.unwrap_or((0, 0, 0));
                        floor_rem += i64::from(floor[i].remaining.max(r));
                        floor_others += i64::from(floor[i].others.max(o));
                        open_lb += opened as usize;
                        open_targets += x.targets;
                    }
                }
                // Targets on keys still touched that must close for the
                // remaining not to exceed the incumbent's (what such a
                // key leaves is at least its floor of findings that are
                // not targets, plus its targets left).
                let allowed = best_obj.0 + base_rem - settled_rem - floor_others;
                let need = (i64::from(open_targets) - allowed.max(0)).max(0) as u32;
                (settled_rem + floor_rem - base_rem, open_lb, need)
            }
            None => (min_rem, 0, 0),
        };
        if (rem_lb, open_lb) > (best_obj.0, best_obj.1) {
            continue;
        }
        // Costs are whole numbers, so a completion costs at least the
        // cover rounded up.
        let cost_lb = (f64::from(cost) + cover_bound(&order, next, need) - 1e-9).ceil();
        if rem_lb >= best_obj.0 && open_lb >= best_obj.1 && cost_lb >= f64::from(best_obj.2) {
            continue;
        }
        if next < n {
            stack.push((next, chosen.len(), false));
            stack.push((next, chosen.len(), true));
        }
    }
    best_plan.sort();
    (best_plan, best_obj, finished)
}

/// A lower bound on the cost of any plan of the component that leaves no
/// more than `best` (the fractional cover of the targets it must close).
pub fn cost_lower_bound(
    ev: &Evaluator,
    candidates: &[Action],
    comp: &Component,
    best: Local,
) -> u32 {
    let base_rem: i64 = comp
        .keys
        .iter()
        .map(|&k| i64::from(ev.base_tally(k).remaining))
        .sum();
    let others: i64 = comp
        .keys
        .iter()
        .map(|&k| i64::from(ev.floor(k).others))
        .sum();
    let allowed = best.0 + base_rem - others;
    let need = (i64::from(comp.targets) - allowed.max(0)).max(0) as u32;
    // Two covers, each sound: the targets a plan leaving no more must
    // close (each candidate closes at most the targets its footprint
    // holds), and the net decrease of the remaining it must make (each
    // candidate removes at most the changeable remaining findings its
    // footprint holds).
    let decrease = (-best.0).max(0) as u32;
    let mut by_targets: Vec<(usize, u32, u32)> = Vec::new();
    let mut by_remaining: Vec<(usize, u32, u32)> = Vec::new();
    for (pos, &i) in comp.candidates.iter().enumerate() {
        let a = &candidates[i];
        let t = ev.capacity(a);
        let mut r = 0;
        for k in ev.footprint(a) {
            let b = ev.base_tally(k);
            r += b.remaining - ev.floor(k).remaining.min(b.remaining);
        }
        let c = ev.opts.cost(a.kind());
        by_targets.push((pos, c, t));
        by_remaining.push((pos, c, r));
    }
    let bound = |mut order: Vec<(usize, u32, u32)>, need: u32| {
        by_cost_per_target(&mut order);
        let b = cover_bound(&order, 0, need);
        if b.is_finite() {
            (b - 1e-9).ceil().max(0.0) as u32
        } else {
            0
        }
    };
    bound(by_targets, need).max(bound(by_remaining, decrease))
}

/// The component objective as a whole-plan objective.
pub fn total(ev: &Evaluator, parts: &[Local]) -> Objective {
    let r: i64 = ev.base_remaining_total as i64 + parts.iter().map(|p| p.0).sum::<i64>();
    (
        r.max(0) as usize,
        parts.iter().map(|p| p.1).sum(),
        parts.iter().map(|p| p.2).sum(),
    )
}
