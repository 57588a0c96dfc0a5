//! Files and reports under attack (issue 9): outputs over inputs, terminal
//! injection, symlinks, concurrent saves, pipes, kills mid-write, located
//! errors. Each test holds its reproducer.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_orgplan"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin().current_dir(dir).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const TODAY: [&str; 2] = ["--today", "2026-11-22"];
const STARTUP: &str = "samples/startup.org.ron";

fn sample_copy(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::copy(STARTUP, &p).unwrap();
    p
}

/// An org whose text has `find` replaced by `with` (once).
fn edited(find: &str, with: &str) -> String {
    let s = std::fs::read_to_string(STARTUP).unwrap();
    assert!(s.contains(find), "{find}");
    s.replacen(find, with, 1)
}

fn one_error_line(o: &Output) -> String {
    let e = stderr(o);
    assert_eq!(e.lines().count(), 1, "not one line: {e:?}");
    assert!(e.starts_with("orgplan: error: "), "{e}");
    e
}

// 1. An output path that is an input is refused before anything is written.
#[test]
fn check_and_chart_refuse_to_write_over_their_input() {
    let dir = tempfile::tempdir().unwrap();
    let org = sample_copy(dir.path(), "org.org.ron");
    std::os::unix::fs::symlink("org.org.ron", dir.path().join("link.ron")).unwrap();
    let before = std::fs::read(&org).unwrap();
    for (format, out) in [
        ("text", "org.org.ron"),
        ("json", "./org.org.ron"),
        ("html", "link.ron"),
        ("sarif", "../{}/org.org.ron"),
    ] {
        let name = dir.path().file_name().unwrap().to_str().unwrap();
        let out = out.replace("{}", name);
        let o = run_in(
            dir.path(),
            &[
                &["check", "org.org.ron", "--format", format, "-o", &out][..],
                &TODAY,
            ]
            .concat(),
        );
        assert_eq!(o.status.code(), Some(2), "{format} {out}");
        assert!(one_error_line(&o).contains("refusing to write over it"));
        assert_eq!(std::fs::read(&org).unwrap(), before, "{format} {out}");
    }
    // A second input is protected too.
    let other = sample_copy(dir.path(), "b.org.ron");
    let o = run_in(
        dir.path(),
        &["check", "org.org.ron", "b.org.ron", "-o", "b.org.ron"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&other).unwrap(), before);
    // chart: an org file whose name ends in .svg, charted onto itself.
    let svg = sample_copy(dir.path(), "org.svg");
    let o = run_in(dir.path(), &["chart", "org.svg", "-o", "./org.svg"]);
    assert_eq!(o.status.code(), Some(2));
    one_error_line(&o);
    assert_eq!(std::fs::read(&svg).unwrap(), before);
    assert!(!std::fs::read_dir(dir.path()).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with(".orgplan-")
    }));
}

const EVIL: &str =
    "\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J\\u{1b}[31mEvil\\nerror L001 person:ceo: forged\\u{202e}";

fn has_raw_controls(s: &str) -> bool {
    s.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\r')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

// 2. No value from the file reaches a terminal or a line-based tool raw.
#[test]
fn reports_escape_control_characters_and_never_break_lines() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("evil.org.ron");
    std::fs::write(
        &evil,
        edited("name: \"Maya Lindqvist\"", &format!("name: \"{EVIL}\"")),
    )
    .unwrap();
    let p = evil.to_str().unwrap();
    let clean = run(&[&["check", STARTUP][..], &TODAY].concat());
    let o = run(&[&["check", p][..], &TODAY].concat());
    let text = stdout(&o);
    assert!(!has_raw_controls(&text), "{text:?}");
    assert_eq!(text.lines().count(), stdout(&clean).lines().count());
    assert!(!text.lines().any(|l| l.starts_with("error L001 person:ceo")));
    assert!(text.contains("\\u{1b}]0;PWNED"), "{text}");
    for format in ["markdown", "csv", "html", "json", "sarif"] {
        let o = run(&[&["check", p, "--format", format][..], &TODAY].concat());
        let out = stdout(&o);
        assert!(out.contains("PWNED"), "{format}");
        assert!(!has_raw_controls(&out), "{format}: raw control characters");
    }
    // A file name with a newline and an escape: still one line on stderr.
    let bad = dir.path().join("bad\nname\u{1b}[2J.org.ron");
    std::fs::write(&bad, "").unwrap();
    let o = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let e = one_error_line(&o);
    assert!(e.contains("bad\\nname\\u{1b}[2J.org.ron"), "{e}");
    // SARIF URIs are percent-encoded.
    let spaced = dir.path().join("my org#1.org.ron");
    std::fs::copy(STARTUP, &spaced).unwrap();
    let o = run_in(
        dir.path(),
        &[
            &["check", "my org#1.org.ron", "--format", "sarif"][..],
            &TODAY,
        ]
        .concat(),
    );
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(uri, "my%20org%231.org.ron");
}

// 3. fmt writes through a symlink and keeps it.
#[test]
fn fmt_writes_through_symlinks() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.org.ron");
    std::fs::write(
        &target,
        "(format: 1, name: \"A\", people: [(id: \"a\", name: \"A\", role: \"SDM\")])",
    )
    .unwrap();
    let link = dir.path().join("link.org.ron");
    std::os::unix::fs::symlink("real.org.ron", &link).unwrap();
    let o = run(&["fmt", link.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.starts_with("#![enable(implicit_some)]"), "{text}");
    assert_eq!(
        run(&["fmt", "--check", link.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
}

// 4. A save by someone else between read and write is never overwritten.
#[test]
fn a_write_never_replaces_a_file_that_changed_since_it_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.org.ron");
    std::fs::write(&path, b"old").unwrap();
    let stamp = orgplan::io::FileStamp::new(b"old");
    std::fs::write(&path, b"new, saved by someone else").unwrap();
    let e = orgplan::io::write_atomic_unless_changed(&path, b"formatted old", &stamp).unwrap_err();
    assert!(orgplan::io::is_changed_on_disk(&e));
    assert_eq!(std::fs::read(&path).unwrap(), b"new, saved by someone else");
    // Unchanged: written.
    let stamp = orgplan::io::FileStamp::new(b"new, saved by someone else");
    orgplan::io::write_atomic_unless_changed(&path, b"mine", &stamp).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"mine");
}

#[test]
fn fmt_racing_a_writer_keeps_the_writers_content() {
    // A large org makes fmt slow enough for the writer to land mid-way.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.org.ron");
    let org = orgplan::support::generate::generate(6000, 3);
    let canonical = orgplan::io::to_canonical_string(&org);
    // Not canonical: fmt has work to do.
    let messy = canonical.replace("    ", "  ");
    let mut theirs = org.clone();
    theirs.name = "Saved by someone else".into();
    let theirs = orgplan::io::to_canonical_string(&theirs);
    for round in 0..12 {
        std::fs::write(&path, &messy).unwrap();
        let child = bin()
            .args(["fmt", path.to_str().unwrap()])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5 + 9 * round));
        orgplan::io::write_atomic(&path, theirs.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        let now = std::fs::read_to_string(&path).unwrap();
        assert!(
            now == theirs,
            "round {round}: the other program's save was lost (exit {:?}, {})",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        if out.status.code() == Some(2) {
            assert!(String::from_utf8_lossy(&out.stderr).contains("changed while formatting"));
        }
    }
}

// 5. Each input is read once: stdin, process substitution, FIFOs.
#[test]
fn fmt_check_reads_pipes_once() {
    let canonical = std::fs::read(STARTUP).unwrap();
    let mut child = bin()
        .args(["fmt", "--check", "/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&canonical).unwrap();
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // A FIFO: blocks forever if read twice.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("org.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let f2 = fifo.clone();
    let writer = std::thread::spawn(move || std::fs::write(&f2, canonical).unwrap());
    let mut child = bin()
        .args(["fmt", "--check", fifo.to_str().unwrap()])
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("fmt --check blocked on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    writer.join().unwrap();
    assert_eq!(status.code(), Some(0));
}

// 6. No temporary file survives a kill.
#[test]
fn stale_temp_files_of_dead_writers_are_cleaned_on_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    // What a SIGKILL mid-write leaves: a temp file of a dead process.
    let stale = dir.path().join(".orgplan-999999999-Xq3kLp.tmp");
    std::fs::write(&stale, vec![b'x'; 4096]).unwrap();
    let out = dir.path().join("report.txt");
    let o = run(&[
        &[
            "check",
            STARTUP,
            "--fail-on",
            "never",
            "-o",
            out.to_str().unwrap(),
        ][..],
        &TODAY,
    ]
    .concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stale.exists(), "stale temp file left");
    assert!(out.exists());
}

#[test]
fn sigterm_during_a_write_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.org.ron");
    std::fs::write(
        &big,
        orgplan::io::to_canonical_string(&orgplan::support::generate::generate(8000, 1)),
    )
    .unwrap();
    let out = dir.path().join("report.html");
    for round in 0..16u64 {
        let child = bin()
            .args([
                "check",
                big.to_str().unwrap(),
                "--format",
                "html",
                "-o",
                out.to_str().unwrap(),
            ])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(10 + 25 * round));
        // SAFETY: sending SIGTERM to our own child.
        unsafe {
            libc::kill(child.id() as i32, libc::SIGTERM);
        }
        let mut child = child;
        let _ = child.wait();
        let temps: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".orgplan-"))
            .collect();
        assert!(temps.is_empty(), "round {round}: {temps:?}");
        if out.exists() {
            let html = std::fs::read_to_string(&out).unwrap();
            assert!(html.trim_end().ends_with("</html>"), "half-written report");
        }
    }
}

// 7. Errors about a value in the file carry its line:col.
#[test]
fn format_and_settings_errors_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (edited("format: 1", "format: 2"), "format 2 is newer"),
        (
            edited("format: 1", "format: 0"),
            "format 0 is not a known version",
        ),
        (
            edited(
                "    people: [",
                "    settings: (rules: {\"Z999\": (severity: Off)}),\n    people: [",
            ),
            "settings: rules: \"Z999\" is not a rule code",
        ),
    ];
    for (k, (text, what)) in cases.iter().enumerate() {
        let p = dir.path().join(format!("{k}.org.ron"));
        std::fs::write(&p, text).unwrap();
        let o = run(&["check", p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        let e = one_error_line(&o);
        let line = text
            .lines()
            .position(|l| l.contains("format: ") || l.contains("Z999"))
            .unwrap()
            + 1;
        let expect_line = if k == 2 {
            text.lines().position(|l| l.contains("Z999")).unwrap() + 1
        } else {
            line
        };
        assert!(
            e.contains(&format!("{k}.org.ron:{expect_line}:")),
            "{e} (expected line {expect_line})"
        );
        assert!(e.contains(what), "{e}");
    }
}

// 8. The smaller ones.
#[test]
fn check_applies_the_size_cap_while_reading() {
    // Grows to gigabytes if the cap is applied after reading everything.
    let o = run(&["check", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(one_error_line(&o).contains("limited to 64 MiB"));
}

#[test]
fn stdout_write_errors_are_reported() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = bin()
        .args([&["check", STARTUP][..], &TODAY].concat())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(one_error_line(&o).contains("stdout"));
}

#[test]
fn usage_errors_are_one_line_with_a_hint_and_help_is_intact() {
    for args in [
        &["check", "--bogus", STARTUP][..],
        &["check"],
        &["chart", STARTUP],
        &["frobnicate", "x", "y"],
        &["check", STARTUP, "--format", "pdf"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = one_error_line(&o);
        assert!(e.contains("--help"), "{args:?}: {e}");
    }
    let o = run(&["check", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("--fail-on"));
}

#[test]
fn a_folder_is_the_same_error_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let out = dir.path().join("x.svg");
    for args in [
        vec!["check", d],
        vec!["fmt", d],
        vec!["chart", d, "-o", out.to_str().unwrap()],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            one_error_line(&o).ends_with("is a folder, not an org file\n"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_write_that_cannot_create_its_temp_file_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone");
    let e = orgplan::io::write_atomic(&missing.join("a.org.ron"), b"x").unwrap_err();
    assert!(
        e.to_string()
            .contains(&format!("cannot write in folder {}", missing.display())),
        "{e}"
    );
}

#[test]
fn chart_refuses_widths_out_of_range() {
    let dir = tempfile::tempdir().unwrap();
    for w in ["0", "15", "100000"] {
        let out = dir.path().join(format!("w{w}.png"));
        let o = run(&["chart", STARTUP, "--width", w, "-o", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{w}");
        assert!(one_error_line(&o).contains("16..=32768"), "{}", stderr(&o));
        assert!(!out.exists());
    }
}

#[test]
fn fmt_writes_printable_unicode_as_itself() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("u.org.ron");
    let name = "प्रिया Øre 👩‍💻 e\u{301}";
    std::fs::write(
        &p,
        edited("name: \"Maya Lindqvist\"", &format!("name: \"{name}\"")),
    )
    .unwrap();
    assert_eq!(run(&["fmt", p.to_str().unwrap()]).status.code(), Some(0));
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(&format!("name: \"{name}\"")), "{text}");
    // Control characters and bidi overrides stay escaped in the file.
    let org = orgplan::io::load_str(&text, "u").unwrap();
    let mut evil = org.clone();
    evil.people[0].name = "a\u{1b}b\u{202e}c\"d\\e\nf".into();
    let written = orgplan::io::to_canonical_string(&evil);
    assert!(
        written.contains(r#"name: "a\u{1b}b\u{202e}c\"d\\e\nf""#),
        "{written}"
    );
    assert_eq!(orgplan::io::load_str(&written, "x").unwrap(), evil);
}

// 9. An expired waiver that matches nothing is W002 alone.
#[test]
fn expired_unused_waiver_is_w002_only_and_expired_used_is_w001_only() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(STARTUP).unwrap();
    let body = base.trim_end().strip_suffix(')').unwrap().to_string();
    let unused = format!(
        "{body}    waivers: [(rule: \"C001\", subject: \"team:nope\", reason: \"old\", until: \"2020-01-01\")],\n)\n"
    );
    let p = dir.path().join("unused.org.ron");
    std::fs::write(&p, unused).unwrap();
    let o = run(&[
        &["check", p.to_str().unwrap(), "--format", "json"][..],
        &TODAY,
    ]
    .concat());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .filter(|c| c.starts_with('W'))
        .collect();
    assert_eq!(codes, ["W002"]);
    // One that matches a real finding: W001 only, and the finding is back.
    let clean = run(&[&["check", STARTUP, "--format", "json"][..], &TODAY].concat());
    let v: serde_json::Value = serde_json::from_slice(&clean.stdout).unwrap();
    let f = &v["files"][0]["findings"][0];
    let (rule, subject) = (f["rule"].as_str().unwrap(), f["subject"].as_str().unwrap());
    let used = format!(
        "{body}    waivers: [(rule: \"{rule}\", subject: \"{subject}\", reason: \"old\", until: \"2020-01-01\")],\n)\n"
    );
    std::fs::write(&p, used).unwrap();
    let o = run(&[
        &["check", p.to_str().unwrap(), "--format", "json"][..],
        &TODAY,
    ]
    .concat());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let findings = v["files"][0]["findings"].as_array().unwrap();
    let w: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .filter(|c| c.starts_with('W'))
        .collect();
    assert_eq!(w, ["W001"]);
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == rule && f["subject"] == subject && f["waived"] == false)
    );
}
