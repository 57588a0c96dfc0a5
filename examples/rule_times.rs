//! Times the analysis and each rule on a generated org (a profiling aid):
//! `cargo run --release --example rule_times -- 40000`
use orgplan::model::Date;
use orgplan::rules::{Analysis, RULES};
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(40_000);
    let org = orgplan::generate::generate(n, 1);
    for _ in 0..3 {
        let t = Instant::now();
        let a = Analysis::new(&org);
        println!(
            "analysis (repeat): {:.2} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
        drop(a);
    }
    let t = Instant::now();
    let a = Analysis::new(&org);
    println!("analysis: {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
    let today = Date::parse("2026-11-21").unwrap();
    for rule in RULES.iter() {
        let t = Instant::now();
        let n = orgplan::rules::run_one(&a, rule, today).len();
        println!(
            "{}: {:.2} ms ({n} findings)",
            rule.info.code,
            t.elapsed().as_secs_f64() * 1e3
        );
    }
    let t = Instant::now();
    let r = orgplan::rules::run(&a, today);
    println!(
        "all rules + waivers + sort: {:.2} ms ({} findings)",
        t.elapsed().as_secs_f64() * 1e3,
        r.findings.len()
    );
}
