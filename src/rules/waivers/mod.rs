//! Waiver rules (W) and the waiver matching of docs/rules.md.

pub mod w001;
pub mod w002;

use super::Finding;
use super::analysis::Analysis;
use crate::model::Date;

/// Marks findings accepted by an unexpired waiver; returns, per waiver,
/// whether it matched any finding.
pub(crate) fn apply(a: &Analysis, today: Date, findings: &mut [Finding]) -> Vec<bool> {
    let waivers = &a.org.waivers;
    let mut used = vec![false; waivers.len()];
    if waivers.is_empty() {
        return used;
    }
    for f in findings.iter_mut() {
        for (wi, w) in waivers.iter().enumerate() {
            let matches = w.rule == f.rule.code
                && w.subject == f.subject
                && (w.capability.is_none() || w.capability == f.capability);
            if !matches {
                continue;
            }
            used[wi] = true;
            let expired = w.until.is_some_and(|until| until < today);
            if !expired && f.waived_by.is_none() {
                f.waived_by = Some(wi);
            }
        }
    }
    used
}
