//! The exact method by tables, for components whose keys few candidates
//! reach (most small orgs, hundreds of people, at either fix level).
//!
//! The findings about a key change only through the actions whose reach
//! holds it (eval.rs; checked on random orgs by `tests/suggest.rs`), so a
//! component's objective is a sum of small functions: per key, of the
//! chosen candidates among those reaching it, plus each action's cost.
//! Keys whose reaching candidates are a subset of another key's are
//! judged together, so each **factor** is a set of candidates (one key's
//! reach) with the keys it decides. Every subset of a factor is judged
//! once by the rules engine, and for each prefix of the factor's
//! candidates (in search order) the table keeps the least any completion
//! of the rest can leave: what the factor's keys leave plus the cost of
//! the candidates it owns (each candidate's cost is owned by one factor).
//!
//! The branch and bound then decides candidates in order and bounds a node
//! by the sum over factors of their least completions: sound, since the
//! least of a sum is at least the sum of the leasts (the lexicographic
//! order is compatible with adding), and exact once every candidate of a
//! factor is decided. A node costs a few table lookups instead of a
//! judgement, and keys that share candidates (a person's span and the
//! team they would leave) are bounded together inside one factor.
//!
//! An invalid plan has an invalid part in some factor: actions that
//! conflict share a person, and the factor holding that person's key holds
//! every action about them. A subset holding an invalid one is invalid.

use super::Action;
use super::eval::{Evaluator, Key, Tally};
use super::search::{Budget, Component, Local};

/// A factor of more candidates than this makes the tables too large.
const FACTOR_UP_TO: usize = 18;
/// The most subsets all the factors of a component may hold together
/// (each is judged once by the rules engine).
const TABLE_SUBSETS: usize = 1 << 18;

/// Components with loose keys (too many candidates reach them for a
/// table) are solved by tables only up to this many candidates.
const LOOSE_UP_TO: usize = 64;

/// A loose key's target with at most this many candidates that can close
/// it has them decided first.
const FEW_CLOSERS: usize = 4;

/// (remaining, opened, cost), compared in that order; added field by field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Value {
    remaining: u64,
    opened: u64,
    cost: u64,
}

impl Value {
    /// What an invalid subset is worth: more than any valid plan.
    const INVALID: Value = Value {
        remaining: 1 << 40,
        opened: 0,
        cost: 0,
    };

    fn plus(self, o: Value) -> Value {
        Value {
            remaining: self.remaining + o.remaining,
            opened: self.opened + o.opened,
            cost: self.cost + o.cost,
        }
    }

    fn minus(self, o: Value) -> Value {
        Value {
            remaining: self.remaining - o.remaining,
            opened: self.opened - o.opened,
            cost: self.cost - o.cost,
        }
    }

    fn cost(c: u32) -> Value {
        Value::cost_of(u64::from(c))
    }

    fn cost_of(cost: u64) -> Value {
        Value {
            cost,
            ..Value::default()
        }
    }
}

/// A set of candidates (search positions, increasing) and the keys whose
/// findings depend on them alone.
struct Factor {
    members: Vec<usize>,
    keys: Vec<Key>,
    /// `least[j][a]`: with the first `j` members decided (`a` the chosen
    /// ones, bit `i` for member `i`), the least that the factor's keys
    /// leave plus the cost of the owned members among the rest chosen.
    least: Vec<Vec<Value>>,
}

/// A key too many candidates reach for a table: bounded by its floor
/// until every candidate reaching it is decided, then judged.
struct Loose {
    key: Key,
    /// The candidates reaching it (indices, then search positions).
    reach: Vec<usize>,
    /// Its floor: the least a valid plan leaves on it, in all and of the
    /// findings that are not targets.
    floor: u64,
    others: u64,
    /// Per target on it, the search positions of the candidates that can
    /// help close it ([`Evaluator::can_close`]): once none is chosen or
    /// undecided, the target stays.
    closers: Vec<Vec<usize>>,
}

/// Solves one component exactly by tables, from the incumbent `best`:
/// the best plan, its objective and whether the search finished (so it is
/// proved optimal within the component). `None` when no key has a table,
/// the budget ran out while making them, or the tables disagree with the
/// judgement of the plan they find (the caller then proves the component
/// the other way).
pub fn prove_by_tables(
    ev: &Evaluator,
    candidates: &[Action],
    comp: &Component,
    best: &(Vec<Action>, Local),
    budget: &Budget,
) -> Option<(Vec<Action>, Local, bool)> {
    prove_by_tables_of(ev, candidates, comp, best, budget, FACTOR_UP_TO)
}

/// [`prove_by_tables`] with factors of at most `up_to` candidates (the
/// keys more reach are loose): for tests, to make loose keys on small
/// orgs.
pub fn prove_by_tables_of(
    ev: &Evaluator,
    candidates: &[Action],
    comp: &Component,
    best: &(Vec<Action>, Local),
    budget: &Budget,
    up_to: usize,
) -> Option<(Vec<Action>, Local, bool)> {
    let cands: Vec<&Action> = comp.candidates.iter().map(|&i| &candidates[i]).collect();
    // Loose keys are bounded only by their floors until decided: in a
    // large component with any, the other proof does better.
    let (mut factors, mut loose) = factors_of(ev, comp, &cands, up_to, cands.len() <= LOOSE_UP_TO)?;
    if factors.is_empty() {
        return None;
    }
    for l in &mut loose {
        l.closers = ev
            .targets_on(l.key)
            .iter()
            .map(|&cap| {
                (l.reach.iter().copied())
                    .filter(|&c| ev.can_close(cands[c], l.key, cap))
                    .collect()
            })
            .collect();
    }
    // The few candidates that can close a loose key's target go first:
    // once they are left out, the target stays, and the bound says so.
    let mut first: Vec<usize> = (loose.iter())
        .flat_map(|l| {
            l.closers
                .iter()
                .filter(|c| c.len() <= FEW_CLOSERS)
                .flatten()
                .copied()
        })
        .collect();
    first.sort_unstable();
    first.dedup();
    let order = decision_order(&factors, cands.len(), &first);
    let mut position = vec![0usize; cands.len()];
    for (pos, &c) in order.iter().enumerate() {
        position[c] = pos;
    }
    let members = (factors.iter_mut().map(|f| &mut f.members)).chain(
        loose
            .iter_mut()
            .flat_map(|l| std::iter::once(&mut l.reach).chain(l.closers.iter_mut())),
    );
    for list in members {
        for m in list.iter_mut() {
            *m = position[*m];
        }
        list.sort_unstable();
    }
    let cands: Vec<&Action> = order.iter().map(|&c| cands[c]).collect();
    let costs: Vec<u32> = cands.iter().map(|a| ev.opts.cost(a.kind())).collect();
    let footprints: Vec<Vec<Key>> = cands.iter().map(|a| ev.footprint(a)).collect();
    // Each candidate's cost is owned by the first factor holding it.
    let mut owner = vec![usize::MAX; cands.len()];
    for (fi, f) in factors.iter().enumerate() {
        for &m in &f.members {
            if owner[m] == usize::MAX {
                owner[m] = fi;
            }
        }
    }
    for (fi, f) in factors.iter_mut().enumerate() {
        let owned: Vec<u32> = f
            .members
            .iter()
            .map(|&m| if owner[m] == fi { costs[m] } else { 0 })
            .collect();
        f.least = tables(
            ev,
            (&cands, &footprints),
            &f.members,
            &f.keys,
            &owned,
            budget,
        )?;
    }
    let base_rem: u64 = comp
        .keys
        .iter()
        .map(|&k| u64::from(ev.base_tally(k).remaining))
        .sum();
    let incumbent = Value {
        remaining: (best.1.0 + base_rem as i64).max(0) as u64,
        opened: best.1.1 as u64,
        cost: u64::from(best.1.2),
    };
    // (A candidate no factor holds has its cost counted when chosen.)
    let per_position = (costs, footprints);
    let mut search = Search::new(
        ev,
        &cands,
        &factors,
        &loose,
        per_position,
        incumbent,
        budget,
    );
    search.run();
    let finished = !search.stopped;
    let Some(found) = search.found.take() else {
        return Some((best.0.clone(), best.1, finished));
    };
    let mut plan: Vec<Action> = found.iter().map(|&p| cands[p].clone()).collect();
    plan.sort();
    let judged = super::search::local(ev, &plan)?;
    let expected = (
        search.incumbent.remaining as i64 - base_rem as i64,
        search.incumbent.opened as usize,
        search.incumbent.cost as u32,
    );
    (judged == expected).then_some((plan, judged, finished))
}

/// The component's factors and loose keys, members as indices into
/// `cands`: the distinct reaches of its keys, each one not within a larger
/// one (its keys go to the larger one), as long as each has at most
/// `up_to` candidates and the tables stay small; the keys of the others
/// are loose. `None` when a key would be loose and `loose` is false.
fn factors_of(
    ev: &Evaluator,
    comp: &Component,
    cands: &[&Action],
    up_to: usize,
    loose_allowed: bool,
) -> Option<(Vec<Factor>, Vec<Loose>)> {
    let mut reaching: Vec<Vec<usize>> = vec![Vec::new(); comp.keys.len()];
    for (c, a) in cands.iter().enumerate() {
        for k in ev.reach(a) {
            if let Ok(at) = comp.keys.binary_search(&k) {
                reaching[at].push(c);
            }
        }
    }
    let mut sets: Vec<(Vec<usize>, Key)> = reaching
        .into_iter()
        .zip(comp.keys.iter().copied())
        .collect();
    // Smallest first, so that the tables cover as many keys as they can:
    // a set within a factor joins it; a larger set takes in the factors
    // within it (their tables are no longer needed) when the tables stay
    // small enough.
    sets.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.cmp(b)));
    if !loose_allowed && sets.last().is_some_and(|s| s.0.len() > up_to) {
        return None;
    }
    let within =
        |small: &[usize], big: &[usize]| small.iter().all(|m| big.binary_search(m).is_ok());
    let mut factors: Vec<Factor> = Vec::new();
    let mut loose_sets: Vec<(Vec<usize>, Key)> = Vec::new();
    let mut subsets = 0usize;
    for (set, k) in sets {
        if let Some(f) = factors.iter_mut().find(|f| within(&set, &f.members)) {
            f.keys.push(k);
            continue;
        }
        let freed: usize = (factors.iter())
            .filter(|f| within(&f.members, &set))
            .map(|f| 1usize << f.members.len())
            .sum();
        if set.len() > up_to || subsets - freed + (1 << set.len()) > TABLE_SUBSETS {
            if !loose_allowed {
                return None;
            }
            loose_sets.push((set, k));
            continue;
        }
        subsets = subsets - freed + (1 << set.len());
        let mut keys = vec![k];
        factors.retain_mut(|f| {
            let taken = within(&f.members, &set);
            if taken {
                keys.append(&mut f.keys);
            }
            !taken
        });
        factors.push(Factor {
            members: set,
            keys,
            least: Vec::new(),
        });
    }
    let loose = loose_sets
        .into_iter()
        .map(|(set, k)| {
            let floor = ev.floor(k);
            Loose {
                key: k,
                reach: set,
                floor: u64::from(floor.remaining),
                others: u64::from(floor.others),
                closers: Vec::new(),
            }
        })
        .collect();
    for f in &mut factors {
        f.keys.sort_unstable();
    }
    Some((factors, loose))
}

/// The order candidates are decided in: `first`, then factor by factor, the factor with
/// the fewest members still to place first, so factors are decided (and
/// exact) as early as they can be.
fn decision_order(factors: &[Factor], n: usize, first: &[usize]) -> Vec<usize> {
    let mut placed = vec![false; n];
    let mut done = vec![false; factors.len()];
    let mut order = Vec::with_capacity(n);
    for &c in first {
        placed[c] = true;
        order.push(c);
    }
    while let Some(fi) = (0..factors.len())
        .filter(|&f| !done[f])
        .min_by_key(|&f| factors[f].members.iter().filter(|&&m| !placed[m]).count())
    {
        done[fi] = true;
        for &m in &factors[fi].members {
            if !placed[m] {
                placed[m] = true;
                order.push(m);
            }
        }
    }
    order.extend((0..n).filter(|&m| !placed[m]));
    order
}

/// A factor's tables (see [`Factor::least`]): every subset of `members`
/// judged on `keys`, then the least completion of each prefix. `None` when
/// the budget runs out.
///
/// Only subsets whose footprints are connected are judged by the rules
/// engine: one that splits into parts with no key in common leaves on each
/// key what the part holding it in its footprint leaves (the base where
/// none does), so its value is the sum of its parts' less the base's for
/// each part but one, as the evaluator judges it.
fn tables(
    ev: &Evaluator,
    (cands, footprints): (&[&Action], &[Vec<Key>]),
    members: &[usize],
    keys: &[Key],
    owned: &[u32],
    budget: &Budget,
) -> Option<Vec<Vec<Value>>> {
    let m = members.len();
    let meets = |a: &[Key], b: &[Key]| a.iter().any(|k| b.binary_search(k).is_ok());
    let near: Vec<usize> = (0..m)
        .map(|a| {
            (0..m)
                .filter(|&b| meets(&footprints[members[a]], &footprints[members[b]]))
                .fold(0, |bits, b| bits | 1 << b)
        })
        .collect();
    let base = keys
        .iter()
        .map(|&k| value(ev.base_tally(k)))
        .fold(Value::default(), Value::plus);
    let judge = |mask: usize| -> Value {
        let group: Vec<&Action> = (0..m)
            .filter(|b| mask >> b & 1 == 1)
            .map(|b| cands[members[b]])
            .collect();
        let footprint = union(
            footprints,
            (0..m).filter(|b| mask >> b & 1 == 1).map(|b| members[b]),
        );
        let Some(judged) = ev.judge_fresh(&group, &footprint) else {
            return Value::INVALID;
        };
        keys.iter()
            .map(|&k| match footprint.binary_search(&k) {
                Ok(_) => value(judged.tally(k)),
                Err(_) => value(ev.base_tally(k)),
            })
            .fold(Value::default(), Value::plus)
    };
    let mut full = vec![Value::INVALID; 1 << m];
    full[0] = base;
    // Subsets by size: a subset needs only smaller ones (its parts, and
    // itself less one member for validity), so each size's judgements are
    // independent and shared out between threads.
    let mut by_size: Vec<Vec<usize>> = vec![Vec::new(); m + 1];
    for mask in 1..1usize << m {
        by_size[mask.count_ones() as usize].push(mask);
    }
    for masks in &by_size[1..] {
        let mut to_judge: Vec<usize> = Vec::new();
        for &mask in masks {
            if (0..m).any(|b| mask >> b & 1 == 1 && full[mask ^ 1 << b] == Value::INVALID) {
                continue;
            }
            // The part of the lowest member: what its footprint meets,
            // again and again.
            let mut part = mask & mask.wrapping_neg();
            loop {
                let grown = (0..m)
                    .filter(|b| part >> b & 1 == 1)
                    .fold(part, |bits, b| bits | near[b] & mask);
                if grown == part {
                    break;
                }
                part = grown;
            }
            if part == mask {
                to_judge.push(mask);
            } else {
                let (a, b) = (full[part], full[mask ^ part]);
                if a != Value::INVALID && b != Value::INVALID {
                    full[mask] = a.plus(b).minus(base);
                }
            }
        }
        for (mask, v) in in_parallel(&to_judge, &judge, budget)? {
            full[mask] = v;
        }
    }
    let mut least: Vec<Vec<Value>> = vec![Vec::new(); m + 1];
    least[m] = full;
    for j in (0..m).rev() {
        let next = &least[j + 1];
        let here: Vec<Value> = (0..1usize << j)
            .map(|a| {
                let with = next[a | 1 << j];
                let with = if with >= Value::INVALID {
                    with
                } else {
                    with.plus(Value::cost(owned[j]))
                };
                next[a].min(with)
            })
            .collect();
        least[j] = here;
    }
    Some(least)
}

/// `f` of each of `items`, with the items, on two threads where the
/// machine has two cores (each takes half); `None` when the budget runs
/// out (or the other thread failed).
fn in_parallel<T: Send>(
    items: &[usize],
    f: &(impl Fn(usize) -> T + Sync),
    budget: &Budget,
) -> Option<Vec<(usize, T)>> {
    let run = |part: &[usize]| -> Option<Vec<(usize, T)>> {
        let mut out = Vec::with_capacity(part.len());
        for (n, &i) in part.iter().enumerate() {
            if n % 64 == 63 && budget.over() {
                return None;
            }
            out.push((i, f(i)));
        }
        Some(out)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(2));
    if threads < 2 || items.len() < 32 {
        return run(items);
    }
    let (a, b) = items.split_at(items.len() / 2);
    let (a, b) = std::thread::scope(|s| {
        let other = s.spawn(|| run(b));
        let here = run(a);
        (here, other.join().ok().flatten())
    });
    let mut out = a?;
    out.extend(b?);
    Some(out)
}

/// The union of the footprints of `items` (search positions), sorted.
fn union(footprints: &[Vec<Key>], items: impl Iterator<Item = usize>) -> Vec<Key> {
    let mut keys: Vec<Key> = items.flat_map(|i| footprints[i].iter().copied()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// A tally as a value (no cost).
fn value(t: Tally) -> Value {
    Value {
        remaining: u64::from(t.remaining),
        opened: u64::from(t.opened),
        cost: 0,
    }
}

/// What a loose key leaves at least while undecided, with `dead` of its
/// targets closable by no candidate chosen or undecided: its floor, or the
/// findings that are not targets at least plus those targets.
fn loose_value(l: &Loose, dead: u64) -> Value {
    Value {
        remaining: l.floor.max(l.others + dead),
        ..Value::default()
    }
}

/// The branch and bound over the tables.
struct Search<'f> {
    ev: &'f Evaluator<'f>,
    cands: &'f [&'f Action],
    factors: &'f [Factor],
    loose: &'f [Loose],
    /// Per search position, the factors holding it, and the loose keys
    /// whose last reaching candidate it is.
    holding: Vec<Vec<usize>>,
    settling: Vec<Vec<usize>>,
    /// Per search position, its candidate's footprint.
    footprints: Vec<Vec<Key>>,
    /// Per search position, the (loose key, target) it can help close;
    /// per loose key, how many closers of each target are chosen or
    /// undecided, how many targets have none left, and whether it is
    /// settled (judged: its value in `sum` is exact).
    closing: Vec<Vec<(usize, usize)>>,
    alive: Vec<Vec<u32>>,
    dead: Vec<u64>,
    settled: Vec<bool>,
    costs: Vec<u32>,
    /// Per factor, its members decided and the chosen ones among them.
    decided: Vec<usize>,
    chosen_bits: Vec<usize>,
    /// The sum over factors of their least completions now, and over
    /// loose keys of their floors or, once settled, what they leave.
    sum: Value,
    chosen: Vec<usize>,
    /// The cost of the chosen candidates (the tables count only those
    /// still undecided).
    cost: u64,
    incumbent: Value,
    found: Option<Vec<usize>>,
    budget: &'f Budget<'f>,
    nodes: u64,
    stopped: bool,
}

impl<'f> Search<'f> {
    fn new(
        ev: &'f Evaluator<'f>,
        cands: &'f [&'f Action],
        factors: &'f [Factor],
        loose: &'f [Loose],
        (costs, footprints): (Vec<u32>, Vec<Vec<Key>>),
        incumbent: Value,
        budget: &'f Budget,
    ) -> Self {
        let mut holding = vec![Vec::new(); costs.len()];
        for (fi, f) in factors.iter().enumerate() {
            for &m in &f.members {
                holding[m].push(fi);
            }
        }
        let mut settling = vec![Vec::new(); costs.len()];
        for (li, l) in loose.iter().enumerate() {
            if let Some(&last) = l.reach.last() {
                settling[last].push(li);
            }
        }
        let mut closing = vec![Vec::new(); costs.len()];
        for (li, l) in loose.iter().enumerate() {
            for (t, closers) in l.closers.iter().enumerate() {
                for &p in closers {
                    closing[p].push((li, t));
                }
            }
        }
        let alive: Vec<Vec<u32>> = loose
            .iter()
            .map(|l| l.closers.iter().map(|c| c.len() as u32).collect())
            .collect();
        let dead: Vec<u64> = alive
            .iter()
            .map(|a| a.iter().filter(|&&n| n == 0).count() as u64)
            .collect();
        let sum = factors
            .iter()
            .map(|f| f.least[0][0])
            .chain(loose.iter().zip(&dead).map(|(l, &d)| loose_value(l, d)))
            .fold(Value::default(), Value::plus);
        Search {
            ev,
            cands,
            factors,
            loose,
            holding,
            settling,
            footprints,
            closing,
            alive,
            settled: vec![false; loose.len()],
            dead,
            costs,
            decided: vec![0; factors.len()],
            chosen_bits: vec![0; factors.len()],
            sum,
            chosen: Vec::new(),
            cost: 0,
            incumbent,
            found: None,
            budget,
            nodes: 0,
            stopped: false,
        }
    }

    fn least(&self, fi: usize) -> Value {
        self.factors[fi].least[self.decided[fi]][self.chosen_bits[fi]]
    }

    fn bound(&self) -> Value {
        self.sum.plus(Value::cost_of(self.cost))
    }

    /// The bound with position `p` decided (`include` it or not), without
    /// deciding it.
    fn bound_with(&self, p: usize, include: bool) -> Value {
        let mut sum = self.sum;
        for &fi in &self.holding[p] {
            let j = self.decided[fi];
            let bits = self.chosen_bits[fi] | usize::from(include) << j;
            sum = sum
                .minus(self.least(fi))
                .plus(self.factors[fi].least[j + 1][bits]);
        }
        if !include {
            // Targets of loose keys whose last closer this is.
            let mut deaths: Vec<(usize, u64)> = Vec::new();
            for &(l, t) in &self.closing[p] {
                if self.alive[l][t] == 1 && !self.settled[l] {
                    match deaths.iter_mut().find(|d| d.0 == l) {
                        Some(d) => d.1 += 1,
                        None => deaths.push((l, 1)),
                    }
                }
            }
            for (l, more) in deaths {
                let d = self.dead[l];
                sum = sum
                    .minus(loose_value(&self.loose[l], d))
                    .plus(loose_value(&self.loose[l], d + more));
            }
        }
        let cost = if include { self.costs[p] } else { 0 };
        sum.plus(Value::cost_of(self.cost + u64::from(cost)))
    }

    /// Takes away (`by` = -1) or gives back (`by` = 1) position `p` as a
    /// closer of the loose keys' targets.
    fn close_by(&mut self, p: usize, by: i32) {
        for k in 0..self.closing[p].len() {
            let (l, t) = self.closing[p][k];
            let before = self.dead[l];
            let n = self.alive[l][t].saturating_add_signed(by);
            if by < 0 && n == 0 {
                self.dead[l] += 1;
            } else if by > 0 && n == 1 {
                self.dead[l] -= 1;
            }
            self.alive[l][t] = n;
            if !self.settled[l] && self.dead[l] != before {
                self.sum = self
                    .sum
                    .minus(loose_value(&self.loose[l], before))
                    .plus(loose_value(&self.loose[l], self.dead[l]));
            }
        }
    }

    fn decide(&mut self, p: usize, include: bool) {
        for k in 0..self.holding[p].len() {
            let fi = self.holding[p][k];
            let old = self.least(fi);
            let j = self.decided[fi];
            self.chosen_bits[fi] |= usize::from(include) << j;
            self.decided[fi] = j + 1;
            self.sum = self.sum.minus(old).plus(self.least(fi));
        }
        if include {
            self.chosen.push(p);
            self.cost += u64::from(self.costs[p]);
        } else {
            self.close_by(p, -1);
        }
    }

    fn undo(&mut self, p: usize, include: bool) {
        for k in 0..self.holding[p].len() {
            let fi = self.holding[p][k];
            let old = self.least(fi);
            let j = self.decided[fi] - 1;
            self.decided[fi] = j;
            self.chosen_bits[fi] &= !(1 << j);
            self.sum = self.sum.minus(old).plus(self.least(fi));
        }
        if include {
            self.chosen.pop();
            self.cost -= u64::from(self.costs[p]);
        } else {
            self.close_by(p, 1);
        }
    }

    /// What the loose keys settling at `p` leave under the chosen
    /// candidates, and what the bound counted for them until now (`None`:
    /// the chosen ones are not a valid plan).
    fn settle(&self, p: usize) -> Option<(Value, Value)> {
        let settling = &self.settling[p];
        let mut keys: Vec<Key> = settling.iter().map(|&l| self.loose[l].key).collect();
        keys.sort_unstable();
        // Only the parts of the chosen ones whose footprints hold a
        // settling key change it; the others are judged by their own
        // factors and loose keys (conflicting actions are about one
        // person and share that person's key).
        let near: Vec<usize> = (self.chosen.iter().copied())
            .filter(|&c| {
                settling
                    .iter()
                    .any(|&l| self.loose[l].reach.binary_search(&c).is_ok())
            })
            .collect();
        let parts = super::eval::groups(&near, |&c| self.footprints[c].iter().copied());
        let mut left: Vec<Tally> = keys.iter().map(|&k| self.ev.base_tally(k)).collect();
        for part in parts {
            let footprint = union(&self.footprints, part.iter().map(|&i| near[i]));
            if !keys.iter().any(|k| footprint.binary_search(k).is_ok()) {
                continue;
            }
            let group: Vec<&Action> = part.iter().map(|&i| self.cands[near[i]]).collect();
            let judged = self.ev.judge_group_in(&group, || footprint.clone())?;
            for (t, &k) in left.iter_mut().zip(&keys) {
                if footprint.binary_search(&k).is_ok() {
                    *t = judged.tally(k);
                }
            }
        }
        let exact = left
            .into_iter()
            .map(value)
            .fold(Value::default(), Value::plus);
        let bounds = settling
            .iter()
            .map(|&l| loose_value(&self.loose[l], self.dead[l]))
            .fold(Value::default(), Value::plus);
        Some((exact, bounds))
    }

    /// Marks the loose keys settling at `p` settled or not.
    fn mark_settled(&mut self, p: usize, settled: bool) {
        for k in 0..self.settling[p].len() {
            let l = self.settling[p][k];
            self.settled[l] = settled;
        }
    }

    fn run(&mut self) {
        self.visit(0);
    }

    fn visit(&mut self, p: usize) {
        if self.stopped {
            return;
        }
        self.nodes += 1;
        if self.nodes % 4096 == 0 && self.budget.over() {
            self.stopped = true;
            return;
        }
        if p == self.costs.len() {
            let here = self.bound();
            if here < self.incumbent {
                self.incumbent = here;
                self.found = Some(self.chosen.clone());
            }
            return;
        }
        let without = self.bound_with(p, false);
        let with = self.bound_with(p, true);
        let mut tries = [(without, false), (with, true)];
        if with < without {
            tries.swap(0, 1);
        }
        for (bound, include) in tries {
            if bound >= self.incumbent || bound.remaining >= Value::INVALID.remaining {
                continue;
            }
            self.decide(p, include);
            let settled = if self.settling[p].is_empty() {
                Some((Value::default(), Value::default()))
            } else {
                self.settle(p)
            };
            if let Some((exact, bounds)) = settled {
                self.mark_settled(p, true);
                self.sum = self.sum.minus(bounds).plus(exact);
                if self.bound() < self.incumbent {
                    self.visit(p + 1);
                }
                self.sum = self.sum.minus(exact).plus(bounds);
                self.mark_settled(p, false);
            }
            self.undo(p, include);
        }
    }
}
