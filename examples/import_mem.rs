//! Memory at each stage of an import (Linux): `import_mem EXPORT`. Heap
//! bytes live and at peak come from a counting allocator; RSS from /proc.
#![allow(
    clippy::unwrap_used,
    reason = "a benchmark or example: failing loudly is what it should do"
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes to the system allocator with the same
// arguments; the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(now, Relaxed);
        // SAFETY: the caller upholds `alloc`'s contract, passed on as is.
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        // SAFETY: `p` came from `System.alloc` with layout `l` (above).
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn heap() -> String {
    format!(
        "heap {:.1} MiB live, {:.1} MiB peak",
        LIVE.load(Relaxed) as f64 / 1048576.0,
        PEAK.load(Relaxed) as f64 / 1048576.0
    )
}
fn rss() -> String {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .map_or(String::new(), |l| l[k.len()..].trim().to_string())
    };
    format!(
        "{} · rss {} · peak {}",
        heap(),
        get("VmRSS:"),
        get("VmHWM:")
    )
}

fn main() {
    // As the binary does.
    orgplan::memory::tune_allocator();
    let path = std::env::args().nth(1).expect("usage: import_mem EXPORT");
    println!("start: {}", rss());
    let bytes = std::fs::read(&path).expect("read");
    println!("bytes ({} MiB): {}", bytes.len() >> 20, rss());
    let t = std::time::Instant::now();
    let table = orgplan::import::table::read(&bytes, &path, None).expect("table");
    println!("table ({:?}): {}", t.elapsed(), rss());
    drop(bytes);
    let t = std::time::Instant::now();
    let (org, _) = orgplan::import::import(&table, &path, &Default::default()).expect("import");
    println!("org ({:?}): {}", t.elapsed(), rss());
    drop(table);
    orgplan::memory::release_free_memory();
    println!("trimmed: {}", rss());
    let t = std::time::Instant::now();
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    let a = orgplan::rules::Analysis::new(&org);
    println!("analysis ({:?}): {}", t.elapsed(), rss());
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    let report = orgplan::rules::run(&a, orgplan::model::Date::parse("2026-11-22").unwrap());
    let s = report.summary();
    println!(
        "rules ({:?}, {} findings, {} errors): {}",
        t.elapsed(),
        report.findings.len(),
        s.error,
        rss()
    );
    drop(report);
    drop(a);
    orgplan::memory::release_free_memory();
    println!("trimmed: {}", rss());
    let text = orgplan::io::to_canonical_string(&org);
    println!("text ({} MiB): {}", text.len() >> 20, rss());
}
