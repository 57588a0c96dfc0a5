//! Writes a generated org to stdout:
//! `cargo run --release --example gen_org -- --people 40000 --seed 1 > big.org.ron`
#![allow(
    clippy::unwrap_used,
    reason = "a benchmark or example: failing loudly is what it should do"
)]

use clap::Parser;

#[derive(Parser)]
#[command(about = "Generate a realistic org file of a given size (deterministic per seed)")]
struct Args {
    /// About how many people.
    #[arg(long, default_value_t = 1000)]
    people: usize,
    /// The seed: the same seed always gives the same org.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() {
    let args = Args::parse();
    let org = orgplan::support::generate::generate(args.people, args.seed);
    print!("{}", orgplan::io::to_canonical_string(&org));
}
