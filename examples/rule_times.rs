//! Times the analysis and each rule on a generated org (a profiling aid):
//! `cargo run --release --example rule_times -- 40000`
//! Prints the fastest of ten runs (this VM is noisy) for: resolving the
//! references (`OrgIndex`, done by the reader in `check`), the coverage
//! model on a resolved org, every rule, and the whole `run`.
#![allow(
    clippy::unwrap_used,
    reason = "a benchmark or example: failing loudly is what it should do"
)]
use orgplan::catalog::RoleCatalog;
use orgplan::index::OrgIndex;
use orgplan::model::Date;
use orgplan::rules::{Analysis, RULES};
use std::time::{Duration, Instant};

fn best<R>(mut f: impl FnMut() -> R) -> Duration {
    (0..10)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    // As the binary does.
    orgplan::memory::tune_allocator();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(40_000);
    let org = orgplan::support::generate::generate(n, 1);
    let today = Date::parse("2026-11-21").unwrap();
    let index = OrgIndex::new(&org, &RoleCatalog::new(&org.roles));
    println!(
        "resolve references (reader): {}",
        ms(best(|| OrgIndex::new(&org, &RoleCatalog::new(&org.roles))))
    );
    println!(
        "coverage model (resolved): {}",
        ms(best(|| Analysis::with_index(&org, &index)))
    );
    let a = Analysis::with_index(&org, &index);
    for rule in RULES.iter() {
        let mut n = 0;
        let d = best(|| n = orgplan::rules::run_one(&a, rule, today).len());
        println!("{}: {} ({n} findings)", rule.info.code, ms(d));
    }
    println!(
        "all rules + waivers + sort: {}",
        ms(best(|| orgplan::rules::run(&a, today)))
    );
    println!(
        "the same on one thread: {}",
        ms(best(|| orgplan::rules::run_with_threads(&a, today, false)))
    );
    println!(
        "analysis as check runs it (coverage model + all rules): {}",
        ms(best(|| orgplan::rules::run(
            &Analysis::with_index(&org, &index),
            today
        )))
    );
}
