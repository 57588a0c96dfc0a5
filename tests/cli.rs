//! The `orgplan` binary: exit codes, `-o`, `--fail-on`, `rules`.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use std::process::{Command, Output};

fn orgplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgplan"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const TODAY: [&str; 2] = ["--today", "2026-11-21"];

#[test]
fn check_exit_codes_follow_fail_on() {
    let acme = "tests/fixtures/conformance/acme.org.ron"; // has an error
    let policy = "tests/fixtures/conformance/policy.org.ron"; // warnings, no error
    let code = |args: &[&str]| orgplan(&[&["check"], args, &TODAY].concat()).status.code();
    assert_eq!(code(&[acme]), Some(1));
    assert_eq!(code(&[policy]), Some(0));
    assert_eq!(code(&[policy, "--fail-on", "warning"]), Some(1));
    assert_eq!(code(&[acme, "--fail-on", "never"]), Some(0));
    assert_eq!(code(&[policy, acme]), Some(1));
    // Could not do its job.
    assert_eq!(code(&["/no/such/file.org.ron"]), Some(2));
    assert_eq!(code(&[acme, "--format", "pdf"]), Some(2));
    assert_eq!(
        orgplan(&["check", acme, "--today", "2026-13-01"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn check_text_lists_findings_then_a_summary() {
    let o = orgplan(
        &[
            &["check", "tests/fixtures/conformance/acme.org.ron"][..],
            &TODAY,
        ]
        .concat(),
    );
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 9, "{out}");
    assert!(lines[0].starts_with("error C003 initiative:eu-launch: EU launch spans 2 teams"));
    assert!(lines.contains(&"warning C002 team:checkout: Checkout has no PM or PM-T; product roadmap is covered by Alice Chen (EM) as a stop-gap"));
    assert_eq!(
        lines[8],
        "tests/fixtures/conformance/acme.org.ron: 1 error, 4 warnings, 3 info"
    );
}

#[test]
fn check_writes_output_atomically_and_identically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let args = |o: &str| {
        vec![
            "check".to_string(),
            "samples/scaleup.org.ron".into(),
            "--format".into(),
            "html".into(),
            "-o".into(),
            o.into(),
            "--today".into(),
            "2026-11-21".into(),
        ]
    };
    let run = |o: &str| {
        Command::new(env!("CARGO_BIN_EXE_orgplan"))
            .args(args(o))
            .output()
            .unwrap()
    };
    let first = run(out.to_str().unwrap());
    assert_eq!(first.status.code(), Some(1));
    assert!(first.stdout.is_empty());
    let a = std::fs::read(&out).unwrap();
    run(out.to_str().unwrap());
    assert_eq!(
        a,
        std::fs::read(&out).unwrap(),
        "output is not byte-identical"
    );
    assert!(String::from_utf8_lossy(&a).starts_with("<!DOCTYPE html>"));
    // A bad output path: exit 2, one line, nothing half-written.
    let bad = dir.path().join("missing/dir/report.html");
    let o = run(bad.to_str().unwrap());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn rules_lists_and_documents() {
    let o = orgplan(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let list = stdout(&o);
    for code in orgplan::rules::CODES {
        assert!(list.contains(code), "{code} not listed");
    }
    let o = orgplan(&["rules", "C002"]);
    let doc = stdout(&o);
    assert!(doc.starts_with("C002 team-capability-stopgap\n"));
    for part in [
        "What it flags",
        "Why it matters",
        "How to fix",
        "Default severity: per requirement",
    ] {
        assert!(doc.contains(part), "{part}");
    }
    assert_eq!(stdout(&orgplan(&["rules", "team-capability-stopgap"])), doc);
    assert_eq!(orgplan(&["rules", "X999"]).status.code(), Some(2));
}

#[test]
fn fmt_check_names_files_and_fmt_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.org.ron");
    std::fs::write(
        &path,
        "(format: 1, name: \"A\", people: [(id: \"a\", name: \"A\", role: \"SDM\")])",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let o = orgplan(&["fmt", "--check", p]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains(p));
    assert_eq!(orgplan(&["fmt", p]).status.code(), Some(0));
    let once = std::fs::read(&path).unwrap();
    assert_eq!(orgplan(&["fmt", p]).status.code(), Some(0));
    assert_eq!(once, std::fs::read(&path).unwrap());
    assert_eq!(orgplan(&["fmt", "--check", p]).status.code(), Some(0));
    assert!(String::from_utf8_lossy(&once).contains("role: \"EM\""));
}

#[test]
fn chart_writes_svg_and_png_and_refuses_other_formats() {
    let dir = tempfile::tempdir().unwrap();
    for (view, name) in [
        ("reporting", "r.svg"),
        ("teams", "t.svg"),
        ("reporting", "r.png"),
        ("teams", "t.png"),
    ] {
        let out = dir.path().join(name);
        let o = orgplan(&[
            "chart",
            "samples/startup.org.ron",
            "--view",
            view,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let bytes = std::fs::read(&out).unwrap();
        if name.ends_with(".svg") {
            let text = String::from_utf8(bytes).unwrap();
            assert!(
                text.starts_with("<svg") && text.contains("Maya Lindqvist"),
                "{name}"
            );
        } else {
            assert_eq!(&bytes[1..4], b"PNG", "{name}");
        }
    }
    let png = dir.path().join("wide.png");
    let o = orgplan(&[
        "chart",
        "samples/scaleup.org.ron",
        "--width",
        "16384",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(
        u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]),
        16384
    );
    let bad = dir.path().join("x.pdf");
    assert_eq!(
        orgplan(&[
            "chart",
            "samples/startup.org.ron",
            "-o",
            bad.to_str().unwrap()
        ])
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        orgplan(&["chart", "/no/file.org.ron", "-o", png.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
}

/// `--as-planned` counts open seats as filled: the sample's PM-T seat in
/// Checkout then covers its roadmap, and no H001 is left; `diff
/// --as-planned` judges both sides so and still lists a seat as a seat.
#[test]
fn as_planned_counts_open_seats_as_filled() {
    let dir = tempfile::tempdir().unwrap();
    let org = "samples/scaleup.org.ron";
    let json = |args: &[&str]| {
        let o = orgplan(
            &[
                &["check", "--format", "json", "--fail-on", "never"],
                args,
                &TODAY,
            ]
            .concat(),
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["files"][0]["findings"].as_array().unwrap().clone()
    };
    let has = |f: &[serde_json::Value], rule: &str, subject: &str| {
        f.iter()
            .any(|x| x["rule"] == rule && x["subject"] == subject)
    };
    let now = json(&[org]);
    let planned = json(&[org, "--as-planned"]);
    assert!(has(&now, "H001", "team:checkout"));
    assert!(!planned.iter().any(|x| x["rule"] == "H001"));
    assert!(has(&now, "C002", "team:checkout"));
    assert!(!has(&planned, "C002", "team:checkout"));
    // A proposal that opens a seat: as planned, the gap it fills closes.
    let text = std::fs::read_to_string(org).unwrap();
    let proposal = dir.path().join("p.org.ron");
    let with_seat = text.replacen(
        "id: \"eu-expansion\",",
        "id: \"eu-expansion\",\n            open_seats: [(role: \"PgM\")],",
        1,
    );
    assert_ne!(with_seat, text, "the sample has eu-expansion");
    std::fs::write(&proposal, &with_seat).unwrap();
    let p = proposal.to_str().unwrap();
    let diff = |extra: &[&str]| {
        let o = orgplan(
            &[
                &["diff", "--format", "json", "--fail-on", "never", org, p],
                extra,
                &TODAY,
            ]
            .concat(),
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    for d in [diff(&[]), diff(&["--as-planned"])] {
        let kinds: Vec<&str> = d["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["seat-opened"], "{d}");
    }
    let closed_c003 = |d: &serde_json::Value| {
        d["gaps"]["closed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["rule"] == "C003" && g["subject"] == "initiative:eu-expansion")
    };
    assert!(
        !closed_c003(&diff(&[])),
        "a seat covers nothing until counted as filled"
    );
    assert!(closed_c003(&diff(&["--as-planned"])));
}

/// Completions and man pages come from the command-line definition: every
/// shell gets a script, bash's completes a subcommand, and each subcommand
/// has its man page.
#[test]
fn completions_and_man_pages() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = orgplan(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        assert!(stdout(&o).contains("check"), "{shell}");
    }
    assert_eq!(orgplan(&["completions", "tcsh"]).status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("orgplan.bash");
    std::fs::write(&script, stdout(&orgplan(&["completions", "bash"]))).unwrap();
    let completed = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {}; COMP_WORDS=(orgplan ch); COMP_CWORD=1; _orgplan orgplan ch orgplan; echo \"${{COMPREPLY[@]}}\"",
            script.display()
        ))
        .output()
        .unwrap();
    let words = String::from_utf8_lossy(&completed.stdout);
    assert!(words.split_whitespace().any(|w| w == "check"), "{words}");
    assert!(words.split_whitespace().any(|w| w == "chart"), "{words}");
    // One page for the binary, one per subcommand.
    let main = stdout(&orgplan(&["man"]));
    assert!(main.contains(".TH orgplan 1"), "{main}");
    let o = orgplan(&["man", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for page in [
        "orgplan.1",
        "orgplan-check.1",
        "orgplan-diff.1",
        "orgplan-import.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap();
        assert!(text.starts_with(".ie") || text.contains(".TH"), "{page}");
    }
    let check = std::fs::read_to_string(dir.path().join("orgplan-check.1")).unwrap();
    assert!(check.contains("as\\-planned"), "{check}");
}

/// Progress shows on a terminal only: a spinner naming the stage while a
/// large export imports (run under `script`, which gives it a terminal),
/// nothing with `--quiet`, nothing in a pipe.
#[test]
fn progress_only_on_a_terminal_and_never_with_quiet() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` to make a terminal");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("big.org.ron");
    std::fs::write(
        &org,
        orgplan::io::to_canonical_string(&orgplan::support::generate::generate(8000, 1)),
    )
    .unwrap();
    let csv = dir.path().join("people.csv");
    let o = orgplan(&[
        "export",
        org.to_str().unwrap(),
        "--people",
        "csv",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let bin = env!("CARGO_BIN_EXE_orgplan");
    let on_terminal = |extra: &str, out: &str| {
        let log = dir.path().join(format!("{out}.log"));
        let cmd = format!(
            "{bin} import {extra} {} -o {}",
            csv.display(),
            dir.path().join(out).display()
        );
        let s = Command::new("script")
            .args(["-qec", &cmd])
            .arg(&log)
            .output()
            .unwrap();
        assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
        String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned()
    };
    let shown = on_terminal("", "a.org.ron");
    assert!(
        shown.contains("Resolving people, managers, titles and teams"),
        "{shown}"
    );
    assert!(shown.contains("Wrote "), "{shown}");
    let quiet = on_terminal("--quiet", "b.org.ron");
    assert!(!quiet.contains("Resolving"), "{quiet}");
    assert!(quiet.contains("Wrote "), "{quiet}");
    let piped = orgplan(&[
        "import",
        csv.to_str().unwrap(),
        "-o",
        dir.path().join("c.org.ron").to_str().unwrap(),
    ]);
    assert_eq!(piped.status.code(), Some(0));
    let all = format!(
        "{}{}",
        stdout(&piped),
        String::from_utf8_lossy(&piped.stderr)
    );
    assert!(!all.contains("Resolving") && !all.contains('\r'), "{all}");
}

/// Issue 21.7: a PNG that would show nothing (a very deep chain is a
/// sliver) is refused with what to do instead; a readable one is drawn
/// with no warning.
#[test]
fn chart_refuses_a_png_that_would_show_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("(\n    format: 1,\n    name: \"Chain\",\n    people: [\n");
    for k in 0..8000 {
        let manager = if k == 0 {
            String::new()
        } else {
            format!(", manager: \"p{}\"", k - 1)
        };
        text.push_str(&format!(
            "        (id: \"p{k}\", name: \"Person {k}\", role: \"Engineer\"{manager}),\n"
        ));
    }
    text.push_str("    ],\n)\n");
    let org = dir.path().join("chain.org.ron");
    std::fs::write(&org, text).unwrap();
    let png = dir.path().join("chain.png");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_orgplan"))
        .args(["chart", "--view", "reporting"])
        .arg(&org)
        .arg("-o")
        .arg(&png)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("which shows nothing; write an SVG instead"),
        "{err}"
    );
    assert!(!png.exists(), "nothing written");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/scaleup.org.ron");
    let ok = dir.path().join("teams.png");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_orgplan"))
        .args(["chart", "--view", "teams"])
        .arg(&sample)
        .arg("-o")
        .arg(&ok)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warning"));
    assert!(ok.exists());
}
