//! docs/ci.md: its GitHub Actions workflow is valid YAML, and its orgplan
//! and git commands run as written on a sample repository (a base branch
//! and a pull request that opens an error-level gap); the pre-commit hooks
//! file is valid YAML too. The steps that need GitHub (installing with
//! cargo, uploading, commenting) are not run.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use std::path::Path;
use std::process::{Command, Output};
use yaml_rust2::YamlLoader;

/// The fenced YAML block after `heading` in docs/ci.md.
fn yaml_block(heading: &str) -> String {
    let doc = std::fs::read_to_string("docs/ci.md").unwrap();
    let after = &doc[doc.find(heading).unwrap()..];
    let start = after.find("```yaml\n").unwrap() + "```yaml\n".len();
    let len = after[start..].find("```").unwrap();
    after[start..start + len].to_string()
}

fn run_in(dir: &Path, script: &str) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_orgplan")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .unwrap()
}

fn ok(dir: &Path, script: &str) {
    let o = run_in(dir, script);
    assert!(
        o.status.success(),
        "{script}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn the_yaml_files_parse() {
    let hooks = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let docs = YamlLoader::load_from_str(&hooks).unwrap();
    let ids: Vec<&str> = docs[0]
        .as_vec()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["orgplan-check", "orgplan-fmt"]);
    for (text, what) in [
        (yaml_block("## pre-commit"), "the pre-commit config"),
        (yaml_block("## GitHub Actions"), "the workflow"),
    ] {
        let docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(docs.len(), 1, "{what}");
    }
}

#[test]
fn the_workflow_runs_on_a_sample_repository() {
    let workflow = YamlLoader::load_from_str(&yaml_block("## GitHub Actions")).unwrap();
    let steps = workflow[0]["jobs"]["check"]["steps"]
        .as_vec()
        .unwrap()
        .clone();
    let runs: Vec<(String, String)> = steps
        .iter()
        .filter_map(|s| {
            let run = s["run"].as_str()?;
            let name = s["name"].as_str().unwrap_or("").to_string();
            Some((name, run.replace("${{ github.base_ref }}", "main")))
        })
        .collect();
    assert!(runs.len() >= 4, "{runs:?}");
    // What runs here: orgplan and git; not cargo install or gh.
    let local: Vec<&(String, String)> = runs
        .iter()
        .filter(|(_, r)| !r.contains("cargo install") && !r.contains("gh pr"))
        .collect();
    assert_eq!(local.len(), 3, "{local:?}");
    let (gate_name, gate) = local.last().copied().unwrap();
    assert!(gate_name.contains("Refuse"), "{gate_name}");

    let tmp = tempfile::tempdir().unwrap();
    let upstream = tmp.path().join("upstream");
    std::fs::create_dir(&upstream).unwrap();
    let sample = std::fs::read_to_string("samples/scaleup.org.ron").unwrap();
    std::fs::write(upstream.join("org.org.ron"), &sample).unwrap();
    ok(
        &upstream,
        "git init -q -b main . && git add org.org.ron && git commit -qm base",
    );
    let work = tmp.path().join("work");
    ok(
        tmp.path(),
        "git clone -q upstream work && cd work && git checkout -q -b change",
    );

    // A pull request that changes nothing: every step passes, the gate too.
    for (name, run) in &local {
        ok(&work, run);
        assert!(!name.is_empty());
    }
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(work.join("orgplan.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    assert!(work.join("diff.md").exists());

    // A pull request that removes Checkout's only manager: the comparison
    // says so and the gate fails with exit 1.
    let mut org = orgplan::io::load_str(&sample, "org.org.ron").unwrap();
    let alice = orgplan::model::PersonId::new("alice");
    assert!(org.person(&alice).is_some());
    org = orgplan::risk::leave(&org, &alice);
    std::fs::write(
        work.join("org.org.ron"),
        orgplan::io::to_canonical_string(&org),
    )
    .unwrap();
    ok(&work, "git commit -qam 'Alice leaves'");
    for (_, run) in &local[..local.len() - 1] {
        ok(&work, run);
    }
    let md = std::fs::read_to_string(work.join("diff.md")).unwrap();
    assert!(md.contains("C001"), "{md}");
    let o = run_in(&work, gate);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
