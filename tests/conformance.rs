//! The conformance orgs of `shared/fixtures` produce exactly their expected
//! findings (rule, severity, subject, capability, waived), in order.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use orgplan::io::load_file;
use orgplan::model::Date;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize, Debug, PartialEq)]
struct Expected {
    today: String,
    findings: Vec<ExpectedFinding>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct ExpectedFinding {
    rule: String,
    severity: String,
    subject: String,
    capability: Option<String>,
    waived: bool,
}

fn fixture_dirs() -> Vec<PathBuf> {
    // The repo's copy, and the shared originals when they sit beside the repo.
    let mut dirs = vec![PathBuf::from("tests/fixtures/conformance")];
    let shared = Path::new("../shared/fixtures");
    if shared.is_dir() {
        dirs.push(shared.to_path_buf());
    }
    dirs
}

#[test]
fn fixtures_agree_exactly() {
    let mut checked = 0;
    for dir in fixture_dirs() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
            .collect();
        files.sort();
        for expected_path in files {
            let org_path = PathBuf::from(
                expected_path
                    .to_string_lossy()
                    .replace(".expected.json", ".org.ron"),
            );
            let expected: Expected =
                serde_json::from_str(&std::fs::read_to_string(&expected_path).unwrap()).unwrap();
            let org = load_file(&org_path).unwrap_or_else(|e| panic!("{e}"));
            let today = Date::parse(&expected.today).unwrap();
            let report = orgplan::rules::check(&org, today);
            let actual: Vec<ExpectedFinding> = report
                .findings
                .iter()
                .map(|f| ExpectedFinding {
                    rule: f.rule.code.to_string(),
                    severity: f.severity.id().to_string(),
                    subject: f.subject.to_string(),
                    capability: f.capability.map(|c| c.id().to_string()),
                    waived: f.waived(),
                })
                .collect();
            assert_eq!(
                actual,
                expected.findings,
                "{}: findings differ\n{}",
                org_path.display(),
                report
                    .findings
                    .iter()
                    .map(|f| format!(
                        "{} {} {}: {}",
                        f.severity, f.rule.code, f.subject, f.message
                    ))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} fixtures found");
}
