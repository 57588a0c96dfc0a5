//! Edit latency through the path the app uses (`Document::apply`) on a
//! generated org, printed as one line other tools read:
//!
//! `people N edits E median_ms M p90_ms P findings_ms F rss_load_mib A rss_after_mib B undo_ms U`
//!
//! `cargo run --release --example edit_latency -- 40000`
//!
//! The edits cycle through moving a person to another team, changing a
//! role, adding an open seat and moving a card. `median_ms`/`p90_ms`: the
//! time `apply` holds the caller (the UI thread). `findings_ms`: median time
//! from an edit until the analysis describes it. `undo_ms`: median undo.

use orgplan::document::Document;
use orgplan::edit::{CardId, Edit};
use orgplan::model::{Point, RoleId};
use std::time::{Duration, Instant};

fn rss_mib() -> f64 {
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

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    ms(v[((v.len() as f64 - 1.0) * p).round() as usize])
}

/// The `k`th edit of the cycle, valid on the document as it is.
fn edit(doc: &Document, k: usize) -> Edit {
    let org = doc.org();
    let n = org.teams.len();
    let t = (k * 7919) % n;
    match k % 4 {
        0 => {
            // Move someone from team t to the next team that lacks them.
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
                .expect("another team");
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

fn main() {
    let people: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(40_000);
    let edits = 200;
    let org = orgplan::generate::generate(people, 1);
    let people = org.people.len();
    let mut doc = Document::new(org, None);
    doc.wait_until_current();
    let rss_load = rss_mib();

    let mut apply_times = Vec::with_capacity(edits);
    let mut findings_times = Vec::new();
    for k in 0..edits {
        let e = edit(&doc, k);
        // Every 10th edit, made when the analysis is idle (as after a
        // user's drop): how long until the findings describe it.
        let measure_findings = k % 10 == 0;
        if measure_findings {
            doc.wait_until_current();
        }
        let t = Instant::now();
        doc.apply(e).expect("edit applies");
        apply_times.push(t.elapsed());
        if measure_findings {
            doc.wait_until_current();
            findings_times.push(t.elapsed());
        }
    }
    doc.wait_until_current();
    let rss_after = rss_mib();

    let mut undo_times = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        doc.undo();
        undo_times.push(t.elapsed());
    }
    let median = pct(&mut apply_times, 0.5);
    let p90 = pct(&mut apply_times, 0.9);
    println!(
        "people {people} edits {edits} median_ms {median:.2} p90_ms {p90:.2} findings_ms {:.1} rss_load_mib {rss_load:.1} rss_after_mib {rss_after:.1} undo_ms {:.2}",
        pct(&mut findings_times, 0.5),
        pct(&mut undo_times, 0.5),
    );
}
