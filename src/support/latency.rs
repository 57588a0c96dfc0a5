//! Edit latency through the path the app uses (`Document::apply`), for the
//! `edit_latency` example and `cargo bench --bench scale`. No GUI code.

use crate::document::Document;
use crate::edit::Edit;
use crate::model::CardId;
use crate::model::{Point, RoleId};
use std::time::{Duration, Instant};

/// The kinds of edit measured, in the order they cycle.
pub const KINDS: [&str; 4] = ["move-person", "change-role", "add-seat", "move-card"];

/// What one run measured.
pub struct Latency {
    pub people: usize,
    pub edits: usize,
    /// Per kind of edit: (name, median ms, p90 ms).
    pub per_kind: Vec<(&'static str, f64, f64)>,
    pub median_ms: f64,
    pub p90_ms: f64,
    /// Median time from an edit (made when the analysis is idle) until the
    /// findings describe it.
    pub findings_ms: f64,
    pub rss_load_mib: f64,
    pub rss_after_mib: f64,
    pub undo_ms: f64,
}

impl Latency {
    /// The one line other tools read.
    pub fn line(&self) -> String {
        format!(
            "people {} edits {} median_ms {:.2} p90_ms {:.2} findings_ms {:.1} rss_load_mib {:.1} rss_after_mib {:.1} undo_ms {:.2}",
            self.people,
            self.edits,
            self.median_ms,
            self.p90_ms,
            self.findings_ms,
            self.rss_load_mib,
            self.rss_after_mib,
            self.undo_ms
        )
    }
}

/// This process's resident memory (Linux; 0 elsewhere).
pub fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The `p` quantile (0..=1) of `v`, in ms.
fn pct(v: &[Duration], p: f64) -> f64 {
    let mut v = v.to_vec();
    v.sort();
    if v.is_empty() {
        return 0.0;
    }
    ms(v[((v.len() as f64 - 1.0) * p).round() as usize])
}

/// The `k`th edit of the cycle, valid on the document as it is.
fn edit(doc: &Document, k: usize) -> Edit {
    let org = doc.org();
    let n = org.teams.len();
    let t = (k * 7919) % n;
    match k % 4 {
        0 => {
            // Someone from team t to the next team that lacks them.
            let from = &org.teams[t];
            let Some(m) = from.members.first() else {
                return Edit::AddSeat {
                    team: from.id.clone(),
                    role: RoleId::new("PM"),
                };
            };
            let to = (1..n)
                .map(|d| &org.teams[(t + d) % n])
                .find(|x| x.member(&m.person).is_none())
                .unwrap_or(from);
            Edit::MoveToTeam {
                person: m.person.clone(),
                from: from.id.clone(),
                to: to.id.clone(),
            }
        }
        1 => {
            let p = &org.people[(k * 104_729) % org.people.len()];
            let role = if p.role.as_str() == "Senior" {
                "Engineer"
            } else {
                "Senior"
            };
            Edit::SetPersonRole {
                person: p.id.clone(),
                role: RoleId::new(role),
            }
        }
        2 => Edit::AddSeat {
            team: org.teams[t].id.clone(),
            role: RoleId::new("PMT"),
        },
        _ => Edit::MoveCard {
            card: CardId::Team(org.teams[t].id.clone()),
            to: Point {
                x: (k * 37 % 5000) as f32,
                y: (k * 91 % 5000) as f32,
            },
        },
    }
}

/// Makes `edits` edits on a generated org of `people` (seed 1) through
/// `Document::apply`, then 20 undos, and measures them.
pub fn measure(people: usize, edits: usize) -> Latency {
    let org = crate::support::generate::generate(people, 1);
    let people = org.people.len();
    let mut doc = Document::new(org, None);
    doc.wait_until_current();
    let rss_load_mib = rss_mib();
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); KINDS.len()];
    let mut all = Vec::with_capacity(edits);
    let mut findings = Vec::new();
    for k in 0..edits {
        let e = edit(&doc, k);
        // Every 10th edit is made when the analysis is idle (as after a
        // user's drop) and timed until its findings are current.
        let measure_findings = k % 10 == 0;
        if measure_findings {
            doc.wait_until_current();
        }
        let t = Instant::now();
        doc.apply(e).expect("the edit applies");
        let d = t.elapsed();
        times[k % KINDS.len()].push(d);
        all.push(d);
        if measure_findings {
            doc.wait_until_current();
            findings.push(t.elapsed());
        }
    }
    doc.wait_until_current();
    let rss_after_mib = rss_mib();
    let mut undos = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        doc.undo();
        undos.push(t.elapsed());
    }
    Latency {
        people,
        edits,
        per_kind: KINDS
            .iter()
            .zip(&times)
            .map(|(k, v)| (*k, pct(v, 0.5), pct(v, 0.9)))
            .collect(),
        median_ms: pct(&all, 0.5),
        p90_ms: pct(&all, 0.9),
        findings_ms: pct(&findings, 0.5),
        rss_load_mib,
        rss_after_mib,
        undo_ms: pct(&undos, 0.5),
    }
}
