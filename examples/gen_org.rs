//! Writes a generated org to stdout:
//! `cargo run --release --example gen_org -- --people 40000 --seed 1 > big.org.ron`,
//! or `-- --divisions 8 --of samples/enterprise.org.ron` for 8 divisions
//! like the enterprise sample.
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
    /// Instead: this many divisions, each a copy of `--of`.
    #[arg(long, requires = "of")]
    divisions: Option<usize>,
    /// The org file the divisions copy (e.g. samples/enterprise.org.ron).
    #[arg(long)]
    of: Option<std::path::PathBuf>,
}

fn main() {
    let args = Args::parse();
    let org = match (args.divisions, &args.of) {
        (Some(n), Some(of)) => {
            orgplan::support::generate::divisions(&orgplan::io::load_file(of).unwrap(), n)
        }
        _ => orgplan::support::generate::generate(args.people, args.seed),
    };
    print!("{}", orgplan::io::to_canonical_string(&org));
}
