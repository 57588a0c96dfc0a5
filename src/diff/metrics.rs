//! What an org costs and how it is shaped: the numbers a comparison puts
//! side by side (docs/diff.md "Metrics").

use crate::catalog::Severity;
use crate::rules::{Analysis, Report};

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Metrics {
    pub people: usize,
    pub open_seats: usize,
    pub teams: usize,
    pub initiatives: usize,
    /// People with at least one direct report.
    pub managers: usize,
    pub median_span: f64,
    pub max_span: usize,
    /// Depth of the reporting tree (a lone root is 1).
    pub layers: usize,
    pub over_allocated: usize,
    pub unassigned: usize,
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
}

impl Metrics {
    pub fn new(a: &Analysis, report: &Report) -> Metrics {
        let org = a.org;
        let n = org.people.len();
        let mut spans: Vec<usize> = a
            .reports
            .iter()
            .map(<[usize]>::len)
            .filter(|&s| s > 0)
            .collect();
        spans.sort_unstable();
        let median_span = match spans.len() {
            0 => 0.0,
            k if k % 2 == 1 => spans[k / 2] as f64,
            k => (spans[k / 2 - 1] + spans[k / 2]) as f64 / 2.0,
        };
        // Depth of each person, iteratively (loops count once).
        let mut depth = vec![0usize; n];
        let mut layers = 0;
        for start in 0..n {
            if depth[start] > 0 {
                continue;
            }
            let mut chain = Vec::new();
            let mut cur = Some(start);
            while let Some(p) = cur {
                if depth[p] > 0 || chain.contains(&p) || chain.len() > n {
                    break;
                }
                chain.push(p);
                cur = a.manager[p];
            }
            let mut d = cur.map_or(0, |p| depth[p]);
            for &p in chain.iter().rev() {
                d += 1;
                depth[p] = d;
            }
            layers = layers.max(d);
        }
        let s = report.summary();
        Metrics {
            people: n,
            open_seats: org.teams.iter().map(|t| t.open_seats.len()).sum(),
            teams: org.teams.len(),
            initiatives: org.initiatives.len(),
            managers: spans.len(),
            median_span,
            max_span: spans.last().copied().unwrap_or(0),
            layers,
            over_allocated: a.allocation.iter().filter(|&&x| x > 100).count(),
            unassigned: (0..n)
                .filter(|&i| {
                    a.memberships[i].is_empty()
                        && a.leads[i].is_empty()
                        && a.sponsors[i].is_empty()
                        && a.reports[i].is_empty()
                })
                .count(),
            errors: s.error,
            warnings: s.warning,
            info: s.info,
        }
    }

    /// The metrics as (label, value) rows, in docs/diff.md's order.
    pub fn rows(&self) -> [(&'static str, f64); 13] {
        [
            ("People", self.people as f64),
            ("Open seats", self.open_seats as f64),
            ("Teams", self.teams as f64),
            ("Initiatives", self.initiatives as f64),
            ("Managers", self.managers as f64),
            ("Median span of control", self.median_span),
            ("Max span of control", self.max_span as f64),
            ("Layers", self.layers as f64),
            ("People over 100%", self.over_allocated as f64),
            ("Unassigned people", self.unassigned as f64),
            (Severity::Error.title(), self.errors as f64),
            (Severity::Warning.title(), self.warnings as f64),
            (Severity::Info.title(), self.info as f64),
        ]
    }

    /// JSON keys for [`Self::rows`].
    pub const KEYS: [&'static str; 13] = [
        "people",
        "open_seats",
        "teams",
        "initiatives",
        "managers",
        "median_span",
        "max_span",
        "layers",
        "over_allocated",
        "unassigned",
        "errors",
        "warnings",
        "info",
    ];
}

/// A number as shown: whole numbers without decimals.
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v:.1}")
    }
}

/// A delta with its sign ("+2", "−1", "0").
pub fn delta(d: f64) -> String {
    if d > 0.0 {
        format!("+{}", num(d))
    } else if d < 0.0 {
        format!("−{}", num(-d))
    } else {
        "0".into()
    }
}
