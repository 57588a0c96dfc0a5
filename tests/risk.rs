//! Key-person risk: the conformance cases exactly, the local analysis equal
//! to removing each person and checking the whole org, on random and
//! generated orgs, and the departure's rewiring of reporting lines.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use orgplan::model::{Date, Org, PersonId, Severity};
use orgplan::risk::{analyse, leave, naive};
use std::collections::BTreeMap;

fn today() -> Date {
    Date::parse("2026-12-01").unwrap()
}

/// person id → sorted (rule, subject, capability, severity) opened.
fn opened(r: &orgplan::risk::Risk) -> BTreeMap<String, Vec<(String, String, String, String)>> {
    r.people
        .iter()
        .map(|d| {
            let mut v: Vec<_> = d
                .opened
                .iter()
                .map(|f| {
                    (
                        f.rule.code.to_string(),
                        f.subject.to_string(),
                        f.capability.map_or(String::new(), |c| c.id().to_string()),
                        format!("{:?}", f.severity),
                    )
                })
                .collect();
            v.sort();
            (format!("person:{}", d.person), v)
        })
        .collect()
}

#[test]
fn the_conformance_cases_exactly() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/risk");
    for case in ["case1", "case2", "case3"] {
        let org = orgplan::io::load_file(&root.join(case).join("org.org.ron")).unwrap();
        let expect: BTreeMap<String, Vec<Vec<String>>> = serde_json::from_str(
            &std::fs::read_to_string(root.join(case).join("expect.json")).unwrap(),
        )
        .unwrap();
        let got = opened(&analyse(&org, today()));
        for (person, want) in &expect {
            let mut want: Vec<(String, String, String, String)> = want
                .iter()
                .map(|x| (x[0].clone(), x[1].clone(), x[2].clone(), x[3].clone()))
                .collect();
            want.sort();
            let have = got.get(person).cloned().unwrap_or_default();
            assert_eq!(have, want, "{case} {person}");
        }
        assert!(got.keys().all(|p| expect.contains_key(p)), "{case}");
    }
}

/// A report of the leaver gets the leaver's manager; in a 2-cycle (the
/// report is that manager) nobody.
#[test]
fn reports_go_to_the_leavers_manager() {
    let org = orgplan::io::load_bytes(
        br#"(format: 1, name: "Chain", people: [
  (id: "a", name: "A", role: "Director"),
  (id: "b", name: "B", role: "EM", manager: Some("a")),
  (id: "c", name: "C", role: "Engineer", manager: Some("b"), dotted: ["b"]),
  (id: "x", name: "X", role: "EM", manager: Some("y")),
  (id: "y", name: "Y", role: "EM", manager: Some("x")),
])"#,
        "chain.org.ron",
    )
    .unwrap();
    let o = leave(&org, &PersonId::new("b"));
    let c = o.person(&PersonId::new("c")).unwrap();
    assert_eq!(c.manager.as_ref().map(|m| m.as_str()), Some("a"));
    assert!(c.dotted.is_empty());
    assert!(o.person(&PersonId::new("b")).is_none());
    let o = leave(&org, &PersonId::new("x"));
    assert_eq!(o.person(&PersonId::new("y")).unwrap().manager, None);
}

fn random_org(seed: u64) -> Org {
    let mut org = orgplan::support::generate::generate(30 + (seed % 50) as usize, seed);
    // Cycles and dotted lines the generator does not make.
    if seed % 3 == 0 && org.people.len() > 4 {
        let (a, b) = (org.people[1].id.clone(), org.people[2].id.clone());
        org.people[1].manager = Some(b);
        org.people[2].manager = Some(a.clone());
        org.people[3].dotted.push(a);
    }
    // Severities set in the file: an info rule raised to a warning (its
    // findings then count), and, with waivers on info findings, unused
    // waivers (W002) raised too (what a region leaves out must not make
    // them unused).
    if seed % 4 == 1 {
        set_severity(&mut org, "S003", Severity::Warning);
    }
    if seed % 5 == 2 {
        let report = orgplan::rules::check(&org, today());
        for f in report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Info)
            .take(3)
        {
            org.waivers.push(orgplan::model::Waiver {
                rule: f.rule.code.to_string(),
                subject: f.subject.clone(),
                capability: f.capability,
                reason: "test".into(),
                until: None,
            });
        }
        set_severity(&mut org, "W002", Severity::Warning);
    }
    org
}

fn set_severity(org: &mut Org, code: &str, severity: Severity) {
    org.settings.rules.insert(
        code.into(),
        orgplan::model::RuleOverride {
            severity: Some(severity),
            threshold: None,
        },
    );
}

/// (code, subject, capability, severity, message, waived) of findings.
fn listed(
    findings: &[orgplan::rules::Finding],
) -> Vec<(String, String, String, Severity, String, bool)> {
    findings
        .iter()
        .map(|f| {
            (
                f.rule.code.to_string(),
                f.subject.to_string(),
                f.capability.map_or(String::new(), |c| c.id().to_string()),
                f.severity,
                f.message.clone(),
                f.waived(),
            )
        })
        .collect()
}

#[test]
fn the_unsorted_run_keeps_every_finding_at_or_above_its_floor() {
    for seed in 0..30u64 {
        let org = random_org(seed);
        let a = orgplan::rules::Analysis::new(&org);
        let all = orgplan::rules::run(&a, today());
        for floor in [Severity::Error, Severity::Warning, Severity::Info] {
            let want: Vec<_> = all
                .findings
                .iter()
                .filter(|f| f.severity <= floor)
                .cloned()
                .collect();
            let mut got: Vec<_> = orgplan::rules::run_unsorted(&a, today(), floor)
                .findings
                .into_iter()
                .filter(|f| f.severity <= floor)
                .collect();
            orgplan::rules::sort_findings(&mut got);
            assert_eq!(listed(&got), listed(&want), "seed {seed}, {floor:?}");
        }
    }
}

#[test]
fn the_local_analysis_equals_the_naive_one() {
    for seed in 0..30u64 {
        let org = random_org(seed);
        let planned = orgplan::rules::as_planned(&org);
        for o in [&org, &planned] {
            let want = opened(&naive(o, today()));
            assert_eq!(opened(&analyse(o, today())), want, "seed {seed}");
            // The two-thread path (used from 2,000 people) gives the same.
            let two = orgplan::risk::analyse_on(o, today(), true);
            assert_eq!(opened(&two), want, "seed {seed}, two threads");
        }
    }
}

#[test]
fn the_conformance_cases_agree_with_the_naive_analysis() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/risk");
    for case in ["case1", "case2", "case3"] {
        let org = orgplan::io::load_file(&root.join(case).join("org.org.ron")).unwrap();
        assert_eq!(
            opened(&analyse(&org, today())),
            opened(&naive(&org, today())),
            "{case}"
        );
    }
}

fn orgplan(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_orgplan"))
        .args(args)
        .output()
        .unwrap()
}

/// Each format on the scale-up sample, as a leader would forward it.
#[test]
fn every_format_snapshot() {
    for format in ["text", "json", "markdown", "csv", "html"] {
        let o = orgplan(&[
            "risk",
            "samples/scaleup.org.ron",
            "--top",
            "3",
            "--format",
            format,
            "--today",
            "2026-12-01",
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        insta::assert_snapshot!(format!("risk_{format}"), String::from_utf8_lossy(&o.stdout));
    }
    let o = orgplan(&[
        "risk",
        "samples/scaleup.org.ron",
        "--as-planned",
        "--format",
        "json",
        "--today",
        "2026-12-01",
    ]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["total"], 79);
    assert_eq!(
        j["people"].as_array().unwrap().len() as u64 + j["safe"].as_u64().unwrap(),
        79
    );
}

#[test]
fn bad_input() {
    for args in [&["--top", "0"][..], &["--top", "x"], &["--format", "pdf"]] {
        let o = orgplan(&[&["risk", "samples/scaleup.org.ron"], args].concat());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
    }
    let o = orgplan(&[
        "risk",
        "samples/scaleup.org.ron",
        "-o",
        "samples/scaleup.org.ron",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.org.ron");
    std::fs::write(
        &bad,
        "(format: 1, name: \"x\", people: [(id: \"a\", name: \"A\", role: \"Nope\")])",
    )
    .unwrap();
    let o = orgplan(&["risk", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
}

/// The app's risk (View → Key-person risk) as the document works it out:
/// the same as [`analyse`], after edits and the as-planned toggle, for a
/// document analysed in place and one analysed on its worker.
#[test]
fn the_documents_risk_follows_edits_and_as_planned() {
    use orgplan::document::Document;
    use orgplan::edit::Edit;
    for on_worker in [false, true] {
        let org = orgplan::samples::builtin();
        let mut doc = Document::with_options(org, None, |_| on_worker, None);
        assert_eq!(doc.is_async(), on_worker);
        assert!(doc.risk().is_none(), "off until asked for");
        doc.set_risk(true);
        doc.wait_until_current();
        let got = |doc: &Document| {
            let r = doc.risk().unwrap();
            assert_eq!(r.revision, doc.revision());
            (opened(&r.risk), r.risk.safe, r.risk.total)
        };
        let want = |doc: &Document, planned: bool| {
            let judged = if planned {
                orgplan::rules::as_planned(doc.org())
            } else {
                doc.org().clone()
            };
            let r = analyse(&judged, doc.today);
            (opened(&r), r.safe, r.total)
        };
        assert_eq!(got(&doc), want(&doc, false));
        let top = doc.risk().unwrap().risk.people[0].person.clone();
        assert_eq!(
            doc.risk().unwrap().level(&top),
            orgplan::document::RiskLevel::Error,
            "the sample's top key person opens an error"
        );
        // Two edits in a row: the risk describes the last one.
        doc.apply(Edit::DeletePerson(top.clone())).unwrap();
        let other = doc.org().people[0].id.clone();
        doc.apply(Edit::DeletePerson(other)).unwrap();
        doc.wait_until_current();
        assert_eq!(got(&doc), want(&doc, false));
        assert!(doc.risk().unwrap().departure(&top).is_none());
        doc.undo();
        doc.undo();
        doc.set_as_planned(true);
        doc.wait_until_current();
        assert_eq!(got(&doc), want(&doc, true));
        doc.set_risk(false);
        assert!(doc.risk().is_none());
        doc.set_risk(true);
        doc.wait_until_current();
        assert_eq!(got(&doc), want(&doc, true));
    }
}
