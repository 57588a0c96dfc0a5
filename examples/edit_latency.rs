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
#![allow(
    clippy::unwrap_used,
    reason = "a benchmark or example: failing loudly is what it should do"
)]

fn main() {
    // As the binary does.
    orgplan::memory::tune_allocator();
    let people: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(40_000);
    println!("{}", orgplan::support::latency::measure(people, 200).line());
}
