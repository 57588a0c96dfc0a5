//! The gap delta: findings closed, opened and changed between two rule runs,
//! each opened or closed one linked to the change that clearly caused it.

use super::{Change, GapChange, GapDelta};
use crate::model::Subject;
use crate::rules::{Finding, Report};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

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
pub(super) fn gap_delta(base: &Report, proposal: &Report) -> GapDelta {
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
                        causes: Vec::new(),
                        subject_name: String::new(),
                    }),
                    (false, false) => delta.unchanged.push(p.clone()),
                    (false, true) => delta.closed.push(GapChange {
                        finding: b.clone(),
                        before: None,
                        cause: None,
                        causes: Vec::new(),
                        subject_name: String::new(),
                    }),
                    (true, false) => delta.opened.push(GapChange {
                        finding: p.clone(),
                        before: None,
                        cause: None,
                        causes: Vec::new(),
                        subject_name: String::new(),
                    }),
                    (true, true) => {}
                }
            }
            None if !b.waived() => delta.closed.push(GapChange {
                finding: b.clone(),
                before: None,
                cause: None,
                causes: Vec::new(),
                subject_name: String::new(),
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
                causes: Vec::new(),
                subject_name: String::new(),
            });
        }
    }
    delta
}

/// An opened or closed finding whose subject the changes touched gets
/// the change that clearly caused (or closed) it.
pub(super) fn link_causes(gaps: &mut GapDelta, changes: &[Change]) {
    let mut by_subject: HashMap<&Subject, Vec<(usize, &Change)>> = HashMap::default();
    for (i, c) in changes.iter().enumerate() {
        for s in c.touches.iter().chain(std::iter::once(&c.subject)) {
            let v = by_subject.entry(s).or_default();
            if !v.iter().any(|(x, _)| *x == i) {
                v.push((i, c));
            }
        }
    }
    for g in gaps.opened.iter_mut().chain(gaps.closed.iter_mut()) {
        let subject = &g.finding.subject;
        let Some(candidates) = by_subject.get(subject) else {
            continue;
        };
        g.cause = clear_cause(subject, candidates).map(|(i, _)| i);
        if g.cause.is_none() {
            // Names, notes and places change no finding: left out.
            let mut all: Vec<usize> = candidates
                .iter()
                .filter(|(_, c)| !c.is_cosmetic())
                .map(|(i, _)| *i)
                .collect();
            all.sort_unstable();
            g.causes = all;
        }
    }
}

/// The one change that clearly caused a finding about `subject`: the only
/// change touching it; or the subject's own creation; or, when every
/// change touching it is about one person, that person's first change.
fn clear_cause<'c>(
    subject: &Subject,
    candidates: &[(usize, &'c Change)],
) -> Option<(usize, &'c Change)> {
    if let [one] = candidates {
        return Some(*one);
    }
    if let Some(created) = candidates.iter().find(|(_, c)| c.creates(subject)) {
        return Some(*created);
    }
    let first = candidates[0].1.person()?;
    candidates
        .iter()
        .all(|(_, c)| c.person() == Some(first))
        .then(|| {
            candidates
                .iter()
                .copied()
                .find(|(_, c)| matches!(c.subject, Subject::Person(_)))
                .unwrap_or(candidates[0])
        })
}
