//! The pre-commit hooks in `.pre-commit-hooks.yaml` run as pre-commit runs
//! them: the entry, then the staged files that match `files`.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use std::process::Command;

/// (id, entry, files) of each hook, read from the YAML list (one mapping a
/// hook, `key: value` lines).
fn hooks() -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let mut out: Vec<(String, String, String)> = Vec::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
        let (key, value) = match line.trim_start().trim_start_matches("- ").split_once(": ") {
            Some(kv) => kv,
            None => continue,
        };
        if line.starts_with("- ") {
            out.push(Default::default());
        }
        let h = out.last_mut().unwrap();
        match key {
            "id" => h.0 = value.to_string(),
            "entry" => h.1 = value.to_string(),
            "files" => h.2 = value.to_string(),
            "language" => assert_eq!(value, "rust", "{line}"),
            _ => {}
        }
    }
    out
}

#[test]
fn the_hooks_run_on_org_files() {
    let hooks = hooks();
    let ids: Vec<&str> = hooks.iter().map(|h| h.0.as_str()).collect();
    assert_eq!(ids, ["orgplan-check", "orgplan-fmt"]);
    let dir = tempfile::tempdir().unwrap();
    for (id, entry, files) in &hooks {
        assert_eq!(files, r"\.org\.ron$", "{id}");
        let mut words = entry.split_whitespace();
        assert_eq!(words.next(), Some("orgplan"), "{id}");
        let args: Vec<&str> = words.collect();
        // A clean, canonical file passes; a file with an error-level gap
        // fails check; a file not in canonical form is rewritten by fmt
        // (and pre-commit then fails the hook, as with any formatter).
        let clean = dir.path().join(format!("{id}-clean.org.ron"));
        std::fs::copy("tests/fixtures/conformance/policy.org.ron", &clean).unwrap();
        let run = |file: &std::path::Path| {
            Command::new(env!("CARGO_BIN_EXE_orgplan"))
                .args(&args)
                .arg(file)
                .output()
                .unwrap()
        };
        let o = run(&clean);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{id}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let bad = dir.path().join(format!("{id}-bad.org.ron"));
        if id == "orgplan-check" {
            std::fs::copy("tests/fixtures/conformance/acme.org.ron", &bad).unwrap();
            assert_eq!(run(&bad).status.code(), Some(1), "{id}");
        } else {
            let text = std::fs::read_to_string(&clean).unwrap();
            std::fs::write(&bad, text.replace("    ", "  ")).unwrap();
            // pre-commit fails a hook that modified files.
            assert_eq!(run(&bad).status.code(), Some(0), "{id}");
            assert_eq!(
                std::fs::read_to_string(&bad).unwrap(),
                text,
                "{id} rewrote it"
            );
        }
    }
}
