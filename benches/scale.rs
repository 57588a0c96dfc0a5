//! Scale benchmarks: `cargo bench --bench scale` prints a table of timings at
//! 1,000, 10,000 and 40,000 people (medians of repeated runs), the app's frame
//! CPU time, peak memory of `check`, and a Graphviz comparison when `dot` is
//! installed. Pass sizes to limit the run: `cargo bench --bench scale -- 1000`.
#![allow(
    clippy::unwrap_used,
    reason = "a benchmark or example: failing loudly is what it should do"
)]

use orgplan::chart::{View, draw, to_svg};
use orgplan::io::{load_str, to_canonical_string, write_atomic};
use orgplan::model::{Date, Org};
use orgplan::rules::{Analysis, run};
use std::process::Command;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn time<R>(reps: usize, mut f: impl FnMut() -> R) -> Duration {
    median(
        (0..reps)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Runs the release binary; returns wall time and the peak memory it reports.
/// One `check` run: its wall time, peak memory and the time its analysis
/// (coverage model, rules, waivers, ordering) took inside it.
fn run_check(file: &std::path::Path) -> (Duration, Option<u64>, Option<Duration>) {
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_orgplan"))
        .args([
            "check",
            "--format",
            "json",
            "-o",
            "/dev/null",
            "--fail-on",
            "never",
        ])
        .arg(file)
        .env("ORGPLAN_PEAK_RSS", "1")
        .env("ORGPLAN_TIMINGS", "1")
        .output()
        .expect("orgplan runs");
    let elapsed = t.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let kb = stderr
        .lines()
        .find_map(|l| l.strip_prefix("orgplan: peak memory "))
        .and_then(|s| s.trim_end_matches(" kB").trim().parse().ok());
    let analysis = stderr
        .lines()
        .find_map(|l| l.strip_prefix("orgplan: analysis "))
        .and_then(|s| s.trim_end_matches(" ms").trim().parse::<f64>().ok())
        .map(|ms| Duration::from_secs_f64(ms / 1000.0));
    (elapsed, kb, analysis)
}

/// The app's frame CPU time at the zoom it opens with (fit) and at 100%:
/// the median of 60 frames while the pointer moves over the canvas, each a
/// full `Context::run_ui` with AccessKit on (as the UI tests' harness runs it).
#[cfg(feature = "gui")]
fn frame_times(org: Org) -> (Duration, Duration) {
    use orgplan::app::{Document, OrgApp, Settings};
    let ctx = egui::Context::default();
    ctx.enable_accesskit();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1440.0, 900.0));
    let input = |events: Vec<egui::Event>| {
        let mut raw = egui::RawInput {
            screen_rect: Some(screen),
            events,
            ..Default::default()
        };
        raw.viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .native_pixels_per_point = Some(1.0);
        raw
    };
    let mut app = OrgApp::new(Document::new(org, None), Settings::default(), None, false);
    let mut step = |app: &mut OrgApp, events: Vec<egui::Event>| {
        let _ = ctx.run_ui(input(events), |ui| app.frame(ui));
    };
    let settle = |app: &mut OrgApp, step: &mut dyn FnMut(&mut OrgApp, Vec<egui::Event>)| {
        for _ in 0..10 {
            step(app, Vec::new());
        }
    };
    settle(&mut app, &mut step);
    // Large orgs are analysed on a worker: measure the frames once it is
    // done, not while it competes for the two cores.
    app.doc.wait_until_current();
    settle(&mut app, &mut step);
    let measure = |app: &mut OrgApp| {
        let mut v = Vec::new();
        for k in 0..60 {
            // The pointer moves over the canvas, as while dragging.
            let p = egui::pos2(600.0 + (k % 5) as f32 * 7.0, 420.0 + (k % 3) as f32 * 5.0);
            let t = Instant::now();
            step(app, vec![egui::Event::PointerMoved(p)]);
            v.push(t.elapsed());
        }
        median(v)
    };
    let fit = measure(&mut app);
    app.canvas.zoom_to(1.0);
    for _ in 0..10 {
        let _ = ctx.run_ui(input(Vec::new()), |ui| app.frame(ui));
    }
    let full = measure(&mut app);
    (fit, full)
}

fn dot_source(org: &Org) -> String {
    let mut s = String::from("digraph org {\n  node [shape=box];\n");
    for p in &org.people {
        s.push_str(&format!(
            "  \"{}\" [label=\"{}\\n{}\"];\n",
            p.id,
            p.name.replace('"', "'"),
            p.role
        ));
    }
    for p in &org.people {
        if let Some(m) = &p.manager {
            s.push_str(&format!("  \"{m}\" -> \"{}\";\n", p.id));
        }
        for d in &p.dotted {
            s.push_str(&format!("  \"{d}\" -> \"{}\" [style=dashed];\n", p.id));
        }
    }
    s.push_str("}\n");
    s
}

/// Edit latency in a fresh process (so its memory figures are its own):
/// the bench runs itself with `ORGPLAN_BENCH_LATENCY=N`.
fn latency_in_child(n: usize) -> Option<(String, String)> {
    let out = Command::new(std::env::current_exe().ok()?)
        .env("ORGPLAN_BENCH_LATENCY", n.to_string())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut lines = text.lines();
    Some((lines.next()?.to_string(), lines.next()?.to_string()))
}

/// The teams chart (layout, card text, SVG) and a PNG of it through the
/// release binary, with its peak memory.
fn chart_teams(dir: &std::path::Path, n: usize) -> (Duration, Option<(Duration, u64)>) {
    let org = orgplan::support::generate::generate(n, 1);
    let svg = time(7, || to_svg(&draw(&org, View::Teams)));
    if n > 40_000 {
        return (svg, None);
    }
    let path = dir.join(format!("teams{n}.org.ron"));
    std::fs::write(&path, to_canonical_string(&org)).expect("write");
    let png = dir.join(format!("teams{n}.png"));
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_orgplan"))
        .args(["chart", "--view", "teams", "-o"])
        .arg(&png)
        .arg(&path)
        .env("ORGPLAN_PEAK_RSS", "1")
        .output()
        .expect("orgplan chart runs");
    let elapsed = t.elapsed();
    let kb = String::from_utf8_lossy(&out.stderr)
        .lines()
        .find_map(|l| l.strip_prefix("orgplan: peak memory "))
        .and_then(|s| s.trim_end_matches(" kB").trim().parse().ok());
    (svg, kb.map(|k| (elapsed, k)))
}

/// The peak memory (VmHWM, kB) of this process so far (Linux).
fn peak_kb() -> Option<u64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|s| s.trim().trim_end_matches(" kB").trim().parse().ok())
}

/// `orgplan import` end to end, as the binary runs it: its time and peak
/// memory (kB).
fn run_import(args: &[&std::ffi::OsStr]) -> (Duration, u64) {
    let t = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_orgplan"))
        .arg("import")
        .args(args)
        .env("ORGPLAN_PEAK_RSS", "1")
        .output()
        .expect("orgplan import runs");
    let took = t.elapsed();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let kb: u64 = String::from_utf8_lossy(&o.stderr)
        .lines()
        .find_map(|l| l.strip_prefix("orgplan: peak memory "))
        .and_then(|s| s.trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0);
    (took, kb)
}

/// Import at scale: a 100,000-row export, 100,000 rows of one repeated name
/// (ids made unique, linearly), and a re-import that changes nothing at
/// 40,000 people against a fresh import of the same export.
fn import_bench(dir: &std::path::Path) {
    // Importing a 100,000-row HR export.
    {
        let n = 100_000;
        let org = orgplan::support::generate::generate(n, 1);
        let csv = orgplan::import::export_people_csv(&org);
        let export = dir.join("people100k.csv");
        std::fs::write(&export, &csv).expect("write");
        let rows = csv.lines().count() - 1;
        let mib = csv.len() as f64 / (1024.0 * 1024.0);
        let in_process = time(3, || {
            let t =
                orgplan::import::table::read(csv.as_bytes(), "people.csv", None).expect("reads");
            orgplan::import::import(&t, "people.csv", &Default::default()).expect("imports")
        });
        let out = dir.join("imported.org.ron");
        let mut runs = Vec::new();
        let mut peak = 0u64;
        for _ in 0..3 {
            let (t, kb) = run_import(&[
                "--force".as_ref(),
                "-o".as_ref(),
                out.as_os_str(),
                export.as_os_str(),
            ]);
            runs.push(t);
            peak = peak.max(kb);
        }
        let end_to_end = median(runs);
        let peak_mib = peak as f64 / 1024.0;
        let child = Command::new(std::env::current_exe().expect("bench exe"))
            .env("ORGPLAN_BENCH_IMPORT", &export)
            .output()
            .expect("bench child runs");
        let import_kb: u64 = String::from_utf8_lossy(&child.stdout)
            .split_whitespace()
            .last()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let import_mib = import_kb as f64 / 1024.0;
        println!(
            "\nimport of {rows} rows ({mib:.1} MiB CSV): read + resolve {} (peak memory {import_mib:.0} MiB, {:.1}× the export) · `orgplan import` end to end, with the gap check and writing the org: {} (peak memory {peak_mib:.0} MiB, {:.1}× the export)",
            ms(in_process),
            import_mib / mib,
            ms(end_to_end),
            peak_mib / mib
        );
    }

    // 100,000 rows of one name: no key, no email, so every id is the name's
    // numbered.
    {
        let n = 100_000;
        let mut csv = String::from("Name,Job Title\n");
        for _ in 0..n {
            csv.push_str("Alex Kim,Software Engineer\n");
        }
        let t = time(3, || {
            let t = orgplan::import::table::read(csv.as_bytes(), "same.csv", None).expect("reads");
            orgplan::import::import(&t, "same.csv", &Default::default()).expect("imports")
        });
        println!(
            "\nimport of {n} rows of one repeated name (read + resolve, in process): {}",
            ms(t)
        );
    }

    // A re-import that changes nothing, at 40,000 people: the export of an
    // org imported into that org, against a fresh import of it.
    {
        let org = orgplan::support::generate::generate(40_000, 1);
        let first = dir.join("people40k.csv");
        std::fs::write(&first, orgplan::import::export_people_csv(&org)).expect("write");
        let fresh = dir.join("fresh40k.org.ron");
        let into = dir.join("into40k.org.ron");
        let os = |p: &std::path::Path| p.as_os_str().to_owned();
        let (mut fresh_t, mut into_t) = (Vec::new(), Vec::new());
        let (mut fresh_kb, mut into_kb) = (0, 0);
        for _ in 0..3 {
            let (t, kb) =
                run_import(&["--force".as_ref(), "-o".as_ref(), &os(&fresh), &os(&first)]);
            fresh_t.push(t);
            fresh_kb = fresh_kb.max(kb);
            std::fs::copy(&fresh, &into).expect("copy");
            let (t, kb) = run_import(&["--into".as_ref(), &os(&into), &os(&first)]);
            into_t.push(t);
            into_kb = into_kb.max(kb);
            assert_eq!(
                std::fs::read(&fresh).expect("fresh"),
                std::fs::read(&into).expect("into"),
                "a no-op re-import changes nothing"
            );
        }
        let (f, i) = (median(fresh_t), median(into_t));
        println!(
            "\nre-import that changes nothing, 40,000 people: `orgplan import --into` {} ({:.0} MiB) vs a fresh `orgplan import -o` {} ({:.0} MiB): {:.2}×",
            ms(i),
            into_kb as f64 / 1024.0,
            ms(f),
            fresh_kb as f64 / 1024.0,
            i.as_secs_f64() / f.as_secs_f64()
        );
    }
}

/// Editing: latency on the UI thread, findings, undo, memory.
fn editing_rows(sizes: &[usize]) {
    // Editing: latency on the UI thread, findings, undo, memory.
    println!(
        "\n| people | edit median | edit p90 | per kind (median/p90 ms) | findings current | undo | RSS after load | RSS after 200 edits | ratio |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for &n in sizes {
        match latency_in_child(n) {
            Some((line, kinds)) => {
                let f: Vec<&str> = line.split_whitespace().collect();
                let get = |k: &str| {
                    f.iter()
                        .position(|w| *w == k)
                        .and_then(|i| f.get(i + 1))
                        .copied()
                        .unwrap_or("?")
                };
                let (a, b): (f64, f64) = (
                    get("rss_load_mib").parse().unwrap_or(0.0),
                    get("rss_after_mib").parse().unwrap_or(0.0),
                );
                println!(
                    "| {} | {} ms | {} ms | {kinds} | {} ms | {} ms | {a:.1} MiB | {b:.1} MiB | {:.2}× |",
                    get("people"),
                    get("median_ms"),
                    get("p90_ms"),
                    get("findings_ms"),
                    get("undo_ms"),
                    b / a.max(0.001)
                );
            }
            None => println!("| {n} | (could not run the latency child) |"),
        }
    }
}

/// The teams chart: linear in the org, PNG within memory.
fn chart_rows(dir: &std::path::Path) {
    // The teams chart: linear in the org, PNG within memory.
    println!("\n| people | chart --view teams (layout + SVG) | PNG end to end | PNG peak memory |");
    println!("|---|---|---|---|");
    for n in [10_000, 40_000, 100_000] {
        let (svg, png) = chart_teams(dir, n);
        match png {
            Some((t, kb)) => println!(
                "| {n} | {} | {} | {:.0} MiB |",
                ms(svg),
                ms(t),
                kb as f64 / 1024.0
            ),
            None => println!("| {n} | {} | – | – |", ms(svg)),
        }
    }
}

/// Comparing two 40,000-person orgs with a few hundred changes.
fn diff_row(dir: &std::path::Path, sizes: &[usize]) {
    // Comparing two 40,000-person orgs with a few hundred changes.
    {
        let n = *sizes.iter().max().unwrap_or(&40_000);
        let base = orgplan::support::generate::generate(n, 1);
        let mut proposal = base.clone();
        let mut r = orgplan::support::generate::Rng::new(7);
        let mut made = 0;
        while made < 300 {
            let from = r.pick(&proposal.teams);
            let to = r.pick(&proposal.teams).id.clone();
            let Some(m) = from.members.first() else {
                continue;
            };
            let e = orgplan::edit::Edit::MoveToTeam {
                person: m.person.clone(),
                from: from.id.clone(),
                to,
            };
            if orgplan::edit::apply(&mut proposal, &e).is_ok() {
                made += 1;
            }
        }
        let bp = dir.join("diff-base.org.ron");
        let pp = dir.join("diff-proposal.org.ron");
        std::fs::write(&bp, to_canonical_string(&base)).expect("write");
        std::fs::write(&pp, to_canonical_string(&proposal)).expect("write");
        let run = |args: &[&std::ffi::OsStr]| {
            let t = Instant::now();
            let out = Command::new(env!("CARGO_BIN_EXE_orgplan"))
                .args(args)
                .output()
                .expect("orgplan runs");
            assert!(
                out.status.code().is_some_and(|c| c < 2),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            t.elapsed()
        };
        let check = median(
            (0..3)
                .map(|_| {
                    run(&[
                        "check".as_ref(),
                        "--format".as_ref(),
                        "json".as_ref(),
                        "-o".as_ref(),
                        "/dev/null".as_ref(),
                        bp.as_os_str(),
                    ])
                })
                .collect(),
        );
        let diff = median(
            (0..3)
                .map(|_| {
                    run(&[
                        "diff".as_ref(),
                        "--format".as_ref(),
                        "json".as_ref(),
                        "-o".as_ref(),
                        "/dev/null".as_ref(),
                        bp.as_os_str(),
                        pp.as_os_str(),
                    ])
                })
                .collect(),
        );
        println!(
            "\ndiff of two {n}-person orgs ({made} moves): {} · one check: {} · ratio {:.2}×",
            ms(diff),
            ms(check),
            diff.as_secs_f64() / check.as_secs_f64()
        );
    }
}

/// `orgplan suggest` end to end on the built-in sample (80 people), the
/// enterprise sample (400), 8 business units like it (3,400), generated
/// orgs of 3,000 and 40,000: wall time,
/// what it proved, the objective against the baseline, the lower bound,
/// and peak memory against one `check` of the same file.
fn suggest_bench(dir: &std::path::Path) {
    println!(
        "\n| org | people | suggest (wall, --time-limit 10) | status | remaining / opened / cost | baseline | lower bound | peak memory | × check's |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let builtin = dir.join("builtin.org.ron");
    std::fs::write(&builtin, to_canonical_string(&orgplan::samples::builtin())).expect("write");
    let mut cases: Vec<(String, std::path::PathBuf)> = vec![
        ("built-in sample".into(), builtin),
        (
            "enterprise sample".into(),
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/enterprise.org.ron"),
        ),
    ];
    let enterprise = orgplan::io::load_file(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/enterprise.org.ron"),
    )
    .expect("enterprise sample");
    let divisions = dir.join("divisions-8.org.ron");
    std::fs::write(
        &divisions,
        to_canonical_string(&orgplan::support::generate::divisions(&enterprise, 8)),
    )
    .expect("write");
    cases.push(("8 divisions like the enterprise sample".into(), divisions));
    for (n, seed) in [(3_000, 7u64), (3_000, 1), (40_000, 1)] {
        let path = dir.join(format!("gen-{n}-{seed}.org.ron"));
        let org = orgplan::support::generate::generate(n, seed);
        std::fs::write(&path, to_canonical_string(&org)).expect("write");
        cases.push((format!("generated, seed {seed}"), path));
    }
    let mut cases: Vec<(String, std::path::PathBuf, &[&str])> =
        cases.into_iter().map(|(l, p)| (l, p, &[][..])).collect();
    // The small samples at `--fix warning`, where the proofs are harder.
    let sample = |name: &str| {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("samples/{name}.org.ron"))
    };
    for name in ["startup", "scaleup", "enterprise"] {
        cases.push((
            format!("{name} sample, --fix warning"),
            sample(name),
            &["--fix", "warning"],
        ));
    }
    cases.push((
        "startup sample, --fix warning, hats allowed".into(),
        sample("startup"),
        &[
            "--fix",
            "warning",
            "--allow",
            "hire,move,share,assign,trim,hat",
        ],
    ));
    for (label, path, extra) in cases {
        let people = orgplan::io::load_file(&path).expect("load").people.len();
        let t = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_orgplan"))
            .args([
                "suggest",
                "--format",
                "json",
                "--time-limit",
                "10",
                "--today",
                "2026-12-01",
            ])
            .args(extra)
            .arg(&path)
            .env("ORGPLAN_PEAK_RSS", "1")
            .output()
            .expect("orgplan runs");
        let wall = t.elapsed();
        assert!(
            out.status.code().is_some_and(|c| c < 2),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let kb: Option<u64> = String::from_utf8_lossy(&out.stderr)
            .lines()
            .find_map(|l| l.strip_prefix("orgplan: peak memory "))
            .and_then(|s| s.trim_end_matches(" kB").trim().parse().ok());
        let (_, check_kb, _) = run_check(&path);
        let obj =
            |o: &serde_json::Value| format!("{} / {} / {}", o["remaining"], o["opened"], o["cost"]);
        println!(
            "| {label} | {people} | {:.2} s | {} | {} | {} | {} | {} | {} |",
            wall.as_secs_f64(),
            j["status"].as_str().unwrap_or("?"),
            obj(&j["objective"]),
            obj(&j["baseline"]),
            j["lower_bound"],
            kb.map_or("n/a".into(), |k| format!("{:.0} MiB", k as f64 / 1024.0)),
            match (kb, check_kb) {
                (Some(a), Some(b)) if b > 0 => format!("{:.1}×", a as f64 / b as f64),
                _ => "n/a".into(),
            }
        );
    }
}

/// `orgplan risk` end to end against one `check` of the same file (wall
/// time, medians of 7, the two interleaved so that a noisy stretch of the
/// machine hits both; peak memory).
fn risk_bench(dir: &std::path::Path) {
    println!("\n| people | risk (wall) | check (wall) | × check | risk peak memory | × check's |");
    println!("|---|---|---|---|---|---|");
    for n in [1_000, 10_000, 40_000] {
        let path = dir.join(format!("risk-{n}.org.ron"));
        let org = orgplan::support::generate::generate(n, 1);
        std::fs::write(&path, to_canonical_string(&org)).expect("write");
        let mut risk = Vec::new();
        let mut check = Vec::new();
        let mut kb = None;
        let mut check_kb = None;
        for _ in 0..7 {
            let t = Instant::now();
            let out = Command::new(env!("CARGO_BIN_EXE_orgplan"))
                .args(["risk", "--format", "json", "-o", "/dev/null"])
                .arg(&path)
                .env("ORGPLAN_PEAK_RSS", "1")
                .output()
                .expect("orgplan runs");
            risk.push(t.elapsed());
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            kb = String::from_utf8_lossy(&out.stderr)
                .lines()
                .find_map(|l| l.strip_prefix("orgplan: peak memory "))
                .and_then(|s| s.trim_end_matches(" kB").trim().parse::<u64>().ok());
            let c = run_check(&path);
            check.push(c.0);
            check_kb = check_kb.max(c.1);
        }
        risk.sort();
        check.sort();
        println!(
            "| {} | {} | {} | {:.1}× | {} | {} |",
            org.people.len(),
            ms(risk[3]),
            ms(check[3]),
            risk[3].as_secs_f64() / check[3].as_secs_f64(),
            kb.map_or("n/a".into(), |k| format!("{:.0} MiB", k as f64 / 1024.0)),
            match (kb, check_kb) {
                (Some(a), Some(b)) if b > 0 => format!("{:.1}×", a as f64 / b as f64),
                _ => "n/a".into(),
            }
        );
    }
}

/// A PNG of a chart through the release binary: its time and peak memory.
fn png_run(
    org_path: &std::path::Path,
    view: &str,
    png: &std::path::Path,
) -> (Duration, Option<u64>, bool) {
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_orgplan"))
        .args(["chart", "--view", view, "-o"])
        .arg(png)
        .arg(org_path)
        .env("ORGPLAN_PEAK_RSS", "1")
        .output()
        .expect("orgplan chart runs");
    let kb = String::from_utf8_lossy(&out.stderr)
        .lines()
        .find_map(|l| l.strip_prefix("orgplan: peak memory "))
        .and_then(|s| s.trim_end_matches(" kB").trim().parse().ok());
    (t.elapsed(), kb, out.status.success())
}

/// Issue 21's rows: frames at fit with groups on big orgs against the
/// sample, opening a 100,000-person org in the app (file to the first
/// frame with its findings), and big reporting PNGs.
fn big_bench(dir: &std::path::Path) {
    #[cfg(feature = "gui")]
    {
        let (sample, _) = frame_times(orgplan::samples::builtin());
        println!(
            "\n| people | groups | frame at fit (arranged by group) | vs the 80-person sample ({}) |",
            ms(sample)
        );
        println!("|---|---|---|---|");
        for n in [10_000, 100_000] {
            let mut org = orgplan::support::generate::generate(n, 1);
            orgplan::groups::apply_arrangement(&mut org);
            let groups = orgplan::groups::groups(&org).len();
            let (fit, _) = frame_times(org);
            println!(
                "| {n} | {groups} | {} | {:.1}× |",
                ms(fit),
                fit.as_secs_f64() / sample.as_secs_f64()
            );
        }
        open_bench(dir);
    }
    println!("\n| chart PNG of 100,000 people | time | peak memory | result |");
    println!("|---|---|---|---|");
    let org = orgplan::support::generate::generate(100_000, 1);
    let path = dir.join("png100k.org.ron");
    std::fs::write(&path, to_canonical_string(&org)).expect("write");
    drop(org);
    let mut chain = Org {
        name: "Chain".into(),
        ..Org::default()
    };
    for i in 0..100_000usize {
        let mut p = orgplan::model::Person::new(format!("p{i}"), format!("Person {i}"), "Engineer");
        if i > 0 {
            p.manager = Some(orgplan::model::PersonId::new(format!("p{}", i - 1)));
        }
        chain.people.push(p);
    }
    let chain_path = dir.join("chain100k.org.ron");
    std::fs::write(&chain_path, to_canonical_string(&chain)).expect("write");
    drop(chain);
    for (what, file, view) in [
        ("reporting, generated org", &path, "reporting"),
        ("teams, generated org", &path, "teams"),
        ("reporting, a 100,000-deep chain", &chain_path, "reporting"),
    ] {
        let png = dir.join("big.png");
        let _ = std::fs::remove_file(&png);
        let (t, kb, ok) = png_run(file, view, &png);
        let size = image_size(&png);
        println!(
            "| {what} | {} | {} | {} |",
            ms(t),
            kb.map_or("n/a".into(), |k| format!("{:.0} MiB", k as f64 / 1024.0)),
            match (ok, size) {
                (true, Some((w, h))) => format!("{w}×{h} PNG"),
                (true, None) => "written".into(),
                (false, _) => "refused as unreadable".into(),
            }
        );
    }
}

/// Opening a 100,000-person org in the app, median of 3.
#[cfg(feature = "gui")]
fn open_bench(dir: &std::path::Path) {
    let org = orgplan::support::generate::generate(100_000, 1);
    let path = dir.join("open100k.org.ron");
    std::fs::write(&path, to_canonical_string(&org)).expect("write");
    drop(org);
    let opens: Vec<Duration> = (0..3).map(|_| open_in_app(&path)).collect();
    println!(
        "\nopening the 100,000-person org in the app (read, parse, analyse, first frame with findings): {}",
        ms(median(opens))
    );
}

/// A PNG's width and height, from its header.
fn image_size(png: &std::path::Path) -> Option<(u32, u32)> {
    let bytes = std::fs::read(png).ok()?;
    let be = |at: usize| Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    Some((be(16)?, be(20)?))
}

/// The app opening a file: read and parse it, analyse it, and run frames
/// until one shows its findings.
#[cfg(feature = "gui")]
fn open_in_app(path: &std::path::Path) -> Duration {
    use orgplan::app::{Document, OrgApp, Settings};
    let ctx = egui::Context::default();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1440.0, 900.0));
    let input = || egui::RawInput {
        screen_rect: Some(screen),
        ..Default::default()
    };
    let t = Instant::now();
    let org = orgplan::io::load_file(path).expect("loads");
    let loaded = t.elapsed();
    let mut app = OrgApp::new(
        Document::new(org, Some(path.to_path_buf())),
        Settings::default(),
        None,
        false,
    );
    let made = t.elapsed();
    let _ = ctx.run_ui(input(), |ui| app.frame(ui));
    let first = t.elapsed();
    app.doc.wait_until_current();
    let analysed = t.elapsed();
    let _ = ctx.run_ui(input(), |ui| app.frame(ui));
    let all = t.elapsed();
    eprintln!(
        "open: read + parse {} · document {} · first frame {} · analysis done {} · frame with findings {}",
        ms(loaded),
        ms(made - loaded),
        ms(first - made),
        ms(analysed - first),
        ms(all - analysed)
    );
    all
}

/// The bench run as a child of itself (for its own peak memory):
/// `ORGPLAN_BENCH_IMPORT` or `ORGPLAN_BENCH_LATENCY`.
fn child_mode() -> bool {
    // Child mode: import one export (read, parse, resolve into an org) and
    // report this process's peak memory.
    if let Ok(path) = std::env::var("ORGPLAN_BENCH_IMPORT") {
        let bytes = std::fs::read(&path).expect("read");
        let table = orgplan::import::table::read(&bytes, &path, None).expect("reads");
        drop(bytes);
        let (org, _) =
            orgplan::import::import(&table, &path, &Default::default()).expect("imports");
        println!(
            "people {} peak_kb {}",
            org.people.len(),
            peak_kb().unwrap_or(0)
        );
        return true;
    }
    if let Some(n) = std::env::var("ORGPLAN_BENCH_LATENCY")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        let l = orgplan::support::latency::measure(n, 200);
        println!("{}", l.line());
        let kinds: Vec<String> = l
            .per_kind
            .iter()
            .map(|(k, m, p)| format!("{k} {m:.2}/{p:.2}"))
            .collect();
        println!("{}", kinds.join(" · "));
        return true;
    }
    false
}

/// `ORGPLAN_BENCH_ONLY=import` (or `suggest`, `risk`, `big`, `open`,
/// `frames`): those rows alone.
fn only_rows(only: &str, dir: &std::path::Path) {
    match only {
        "import" => import_bench(dir),
        "suggest" => suggest_bench(dir),
        "risk" => risk_bench(dir),
        "big" => big_bench(dir),
        #[cfg(feature = "gui")]
        "open" => open_bench(dir),
        #[cfg(feature = "gui")]
        "frames" => {
            let mut org = orgplan::support::generate::generate(100_000, 1);
            orgplan::groups::apply_arrangement(&mut org);
            let (fit, full) = frame_times(org);
            println!(
                "100,000 people arranged by group: frame at fit {} · at 100% {}",
                ms(fit),
                ms(full)
            );
        }
        other => eprintln!(
            "ORGPLAN_BENCH_ONLY={other}: expected import, suggest, risk, big, open or frames"
        ),
    }
}

fn main() {
    // The allocator as the binary sets it up (the app and the CLI).
    orgplan::memory::tune_allocator();
    if child_mode() {
        return;
    }
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if args.is_empty() {
        vec![1_000, 10_000, 40_000]
    } else {
        args
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let today = Date::parse("2026-11-21").expect("date");
    println!(
        "orgplan scale benchmarks (medians; release build; {} cores)\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    if let Ok(only) = std::env::var("ORGPLAN_BENCH_ONLY") {
        only_rows(&only, dir.path());
        return;
    }

    #[cfg(feature = "gui")]
    let baseline = {
        let (fit, full) = frame_times(orgplan::samples::builtin());
        println!(
            "app frame CPU, built-in 80-person sample: fit {} · 100% {}\n",
            ms(fit),
            ms(full)
        );
        fit
    };

    println!(
        "| people | file | load | save | save+load | analysis (in process) | check (end to end) | analysis in check | analysis share | peak memory (check) | memory / file | chart layout + SVG | frame at fit | frame at 100% |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for &n in &sizes {
        let org = orgplan::support::generate::generate(n, 1);
        let text = to_canonical_string(&org);
        let path = dir.path().join(format!("gen{n}.org.ron"));
        std::fs::write(&path, &text).expect("write");
        let reps = if n >= 40_000 { 5 } else { 9 };
        let load = time(reps, || load_str(&text, "gen").expect("loads"));
        let save = time(reps, || {
            write_atomic(&path, to_canonical_string(&org).as_bytes()).expect("saves")
        });
        // As `check` runs it: on the references the reader resolved.
        let index =
            orgplan::index::OrgIndex::new(&org, &orgplan::catalog::RoleCatalog::new(&org.roles));
        let analysis = time(reps, || run(&Analysis::with_index(&org, &index), today));
        let checks: Vec<_> = (0..5).map(|_| run_check(&path)).collect();
        let check = median(checks.iter().map(|c| c.0).collect());
        let peak_kb = checks.iter().filter_map(|c| c.1).max();
        // The share: the analysis inside each `check` run over that run's
        // wall time, median of the runs.
        let in_check = median(checks.iter().filter_map(|c| c.2).collect());
        let mut shares: Vec<f64> = checks
            .iter()
            .filter_map(|c| c.2.map(|a| a.as_secs_f64() / c.0.as_secs_f64()))
            .collect();
        shares.sort_by(f64::total_cmp);
        let share = shares.get(shares.len() / 2).copied().unwrap_or(0.0);
        let chart = time(3, || to_svg(&draw(&org, View::Reporting)));
        #[cfg(feature = "gui")]
        let (fit, full) = frame_times(org.clone());
        #[cfg(not(feature = "gui"))]
        let (fit, full) = (Duration::ZERO, Duration::ZERO);
        let mib = text.len() as f64 / 1048576.0;
        println!(
            "| {} | {:.1} MiB | {} | {} | {} | {} | {} | {} | {:.1}% | {} | {} | {} | {} | {} |",
            org.people.len(),
            mib,
            ms(load),
            ms(save),
            ms(load + save),
            ms(analysis),
            ms(check),
            ms(in_check),
            100.0 * share,
            peak_kb.map_or("n/a".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0)),
            peak_kb.map_or("n/a".into(), |k| format!("{:.1}×", k as f64 / 1024.0 / mib)),
            ms(chart),
            ms(fit),
            ms(full),
        );
        #[cfg(feature = "gui")]
        if n == *sizes.last().unwrap_or(&n) {
            // The sample again, right after: the VM's load drifts over a run.
            let (again, _) = frame_times(orgplan::samples::builtin());
            println!(
                "\nframe at fit vs the 80-person sample measured just after it: {:.1}× (sample {}; {} at the start of the run: {:.1}×)",
                fit.as_secs_f64() / again.as_secs_f64(),
                ms(again),
                ms(baseline),
                fit.as_secs_f64() / baseline.as_secs_f64()
            );
        }
    }

    editing_rows(&sizes);

    chart_rows(dir.path());

    import_bench(dir.path());
    suggest_bench(dir.path());
    risk_bench(dir.path());
    big_bench(dir.path());

    diff_row(dir.path(), &sizes);

    // Graphviz on the same 10,000-person reporting tree.
    let org = orgplan::support::generate::generate(10_000, 1);
    let org_path = dir.path().join("g10k.org.ron");
    std::fs::write(&org_path, to_canonical_string(&org)).expect("write");
    let dot_path = dir.path().join("g10k.dot");
    std::fs::write(&dot_path, dot_source(&org)).expect("write");
    let t = Instant::now();
    let ours = Command::new(env!("CARGO_BIN_EXE_orgplan"))
        .args(["chart", "--view", "reporting", "-o"])
        .arg(dir.path().join("ours.svg"))
        .arg(&org_path)
        .status()
        .expect("orgplan chart runs");
    let ours_t = t.elapsed();
    assert!(ours.success());
    let t = Instant::now();
    match Command::new("dot")
        .arg("-Tsvg")
        .arg(&dot_path)
        .arg("-o")
        .arg(dir.path().join("dot.svg"))
        .status()
    {
        Ok(s) if s.success() => {
            let dot_t = t.elapsed();
            println!(
                "\nreporting chart of {} people: orgplan chart {} · Graphviz dot -Tsvg {} · orgplan is {:.0}× faster",
                org.people.len(),
                ms(ours_t),
                ms(dot_t),
                dot_t.as_secs_f64() / ours_t.as_secs_f64()
            );
        }
        _ => println!(
            "\nreporting chart of {} people: orgplan chart {} · Graphviz not installed (apt-get install graphviz)",
            org.people.len(),
            ms(ours_t)
        ),
    }
}
