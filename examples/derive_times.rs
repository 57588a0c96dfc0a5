//! Times the parts of the app's analysis (`Derived::compute`) on a generated
//! org (a profiling aid): `cargo run --release --example derive_times -- 40000`
#![allow(
    clippy::unwrap_used,
    reason = "a benchmark or example: failing loudly is what it should do"
)]
use orgplan::model::Date;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(40_000);
    let org = orgplan::support::generate::generate(n, 1);
    let today = Date::parse("2026-11-21").unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        let a = orgplan::rules::Analysis::new(&org);
        let t_a = t.elapsed();
        let t = Instant::now();
        let r = orgplan::rules::run(&a, today);
        let t_r = t.elapsed();
        let t = Instant::now();
        let m = orgplan::rules::matrix(&a);
        let t_m = t.elapsed();
        let t = Instant::now();
        let h = orgplan::rules::hiring_plan(&a);
        let t_h = t.elapsed();
        drop((r, m, h, a));
        let t = Instant::now();
        let d = orgplan::document::Derived::compute(&org, today, 1, None, false);
        let t_d = t.elapsed();
        drop(d);
        println!(
            "analysis {:.1} ms · rules {:.1} ms · matrix {:.1} ms · hiring {:.1} ms · Derived::compute {:.1} ms",
            t_a.as_secs_f64() * 1e3,
            t_r.as_secs_f64() * 1e3,
            t_m.as_secs_f64() * 1e3,
            t_h.as_secs_f64() * 1e3,
            t_d.as_secs_f64() * 1e3
        );
    }
}
