//! Rule fixtures (one per rule, with a snapshot of its findings) and
//! meta-tests over the registry.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use orgplan::io::load_file;
use orgplan::model::Date;
use orgplan::rules::{DefaultSeverity, RULES};
use std::collections::HashSet;

fn today() -> Date {
    Date::parse("2026-11-21").unwrap()
}

fn findings_text(code: &str) -> (String, Vec<&'static str>) {
    let path = format!("tests/fixtures/rules/{code}.org.ron");
    let org = load_file(std::path::Path::new(&path)).unwrap_or_else(|e| panic!("{e}"));
    let report = orgplan::rules::check(&org, today());
    let text = report
        .findings
        .iter()
        .map(|f| {
            let cap = f.capability.map_or(String::new(), |c| format!(" [{c}]"));
            let related: Vec<String> = f.related.iter().map(|r| r.to_string()).collect();
            format!(
                "{} {} {}{cap}{}: {}{}",
                f.severity,
                f.rule.code,
                f.subject,
                if related.is_empty() {
                    String::new()
                } else {
                    format!(" (related: {})", related.join(", "))
                },
                f.message,
                if f.waived() { " [waived]" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    let codes = report.findings.iter().map(|f| f.rule.code).collect();
    (text, codes)
}

#[test]
fn every_rule_fires_in_its_fixture_and_matches_its_snapshot() {
    for rule in RULES.iter() {
        let code = rule.info.code;
        let (text, codes) = findings_text(code);
        assert!(
            codes.contains(&code),
            "{code} does not fire in its fixture:\n{text}"
        );
        insta::assert_snapshot!(code, text);
    }
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for r in RULES.iter().map(|r| &r.info) {
        assert!(codes.insert(r.code), "duplicate code {}", r.code);
        assert!(names.insert(r.name), "duplicate name {}", r.name);
        assert!(
            r.code.len() == 4 && "CSLHW".contains(&r.code[..1]),
            "{}",
            r.code
        );
        assert!(
            r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            r.name
        );
        assert!(
            !r.summary.is_empty() && !r.summary.ends_with('.'),
            "{}",
            r.code
        );
    }
    // docs/rules.md order: families C, S, L, H, W; codes ascending within each.
    let order = |code: &str| ("CSLHW".find(&code[..1]).unwrap(), code.to_string());
    let listed: Vec<_> = RULES.iter().map(|r| order(r.info.code)).collect();
    let mut expected = listed.clone();
    expected.sort();
    assert_eq!(listed, expected, "registry is not in docs/rules.md order");
    assert_eq!(RULES.len(), 28);
    let registry: Vec<&str> = RULES.iter().map(|r| r.info.code).collect();
    assert_eq!(registry, orgplan::rules::CODES);
}

#[test]
fn every_rule_is_documented_in_all_three_parts() {
    for r in RULES.iter().map(|r| &r.info) {
        for title in ["What it flags", "Why it matters", "How to fix"] {
            let text = r.section(title);
            assert!(
                text.split_whitespace().count() >= 10,
                "{} has no real '{title}': {text:?}",
                r.code
            );
        }
        // Thresholds are documented where they exist.
        if r.default_threshold.is_some() {
            assert!(
                r.what().contains("threshold"),
                "{} does not explain its threshold",
                r.code
            );
        }
    }
}

#[test]
fn coverage_rules_take_the_policy_severity() {
    for code in ["C001", "C002", "C003", "C004"] {
        let r = orgplan::rules::rule(code).unwrap();
        assert_eq!(r.default_severity, DefaultSeverity::PerRequirement);
    }
}

#[test]
fn settings_override_severity_and_threshold() {
    let text = std::fs::read_to_string("tests/fixtures/rules/S001.org.ron").unwrap();
    let base = orgplan::io::load_str(&text, "x").unwrap();
    let fires = |org: &orgplan::model::Org| {
        orgplan::rules::check(org, today())
            .findings
            .iter()
            .filter(|f| f.rule.code == "S001")
            .map(|f| f.severity)
            .collect::<Vec<_>>()
    };
    assert_eq!(fires(&base), vec![orgplan::catalog::Severity::Warning]);
    let mut org = base.clone();
    org.settings.rules.insert(
        "S001".into(),
        orgplan::model::RuleOverride {
            severity: Some(orgplan::catalog::Severity::Error),
            threshold: None,
        },
    );
    assert_eq!(fires(&org), vec![orgplan::catalog::Severity::Error]);
    org.settings.rules.insert(
        "S001".into(),
        orgplan::model::RuleOverride {
            severity: None,
            threshold: Some(9),
        },
    );
    assert!(fires(&org).is_empty());
    org.settings.rules.insert(
        "S001".into(),
        orgplan::model::RuleOverride {
            severity: Some(orgplan::catalog::Severity::Off),
            threshold: Some(1),
        },
    );
    assert!(fires(&org).is_empty());
}

#[test]
fn output_is_deterministic() {
    let org = load_file(std::path::Path::new("samples/enterprise.org.ron")).unwrap();
    let a = orgplan::rules::check(&org, today());
    let b = orgplan::rules::check(&org, today());
    assert_eq!(a.findings, b.findings);
    assert!(!a.findings.is_empty());
}

#[test]
fn two_threads_give_exactly_the_sequential_result() {
    let org = orgplan::support::generate::generate(3_000, 5);
    let seq = orgplan::rules::run_with_threads(
        &orgplan::rules::Analysis::with_threads(&org, false),
        today(),
        false,
    );
    let par = orgplan::rules::run_with_threads(
        &orgplan::rules::Analysis::with_threads(&org, true),
        today(),
        true,
    );
    assert!(seq.findings.len() > 100);
    assert_eq!(seq.findings, par.findings);
}

/// docs/rules.md is the catalog as `orgplan rules --markdown` prints it, so
/// the documentation cannot drift from the rules' own docs. After changing
/// a rule's docs: `ORGPLAN_UPDATE_DOCS=1 cargo test --test rules`.
#[test]
fn docs_rules_md_is_the_generated_catalog() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let generated = orgplan::cli::catalog_markdown();
    if std::env::var_os("ORGPLAN_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert!(
        on_disk == generated,
        "docs/rules.md is out of date: run ORGPLAN_UPDATE_DOCS=1 cargo test --test rules"
    );
    // Every rule is in it, with its three parts.
    for r in orgplan::rules::RULES.iter().map(|r| &r.info) {
        assert!(
            generated.contains(&format!("### {}\n", r.code)),
            "{}",
            r.code
        );
    }
    assert_eq!(
        generated.matches("**How to fix**").count(),
        orgplan::rules::RULES.len()
    );
}

/// A custom role `like` a built-in one counts as it in the rules that name
/// that role, and messages say so; it is written back canonically, and a
/// `like` that is no built-in role is an error naming the role.
#[test]
fn a_custom_role_like_a_builtin_behaves_as_it() {
    let path = std::path::Path::new("tests/fixtures/rules/S002.org.ron");
    let text = std::fs::read_to_string(path).unwrap();
    // Tom is a "Team lead" (custom) instead of a TLM: without `like` S002
    // (a TLM's span) says nothing about him.
    let custom = text
        .replacen("role: \"TLM\"", "role: \"TeamLead\"", 1)
        .replacen("role: \"Director\"", "role: \"Head\"", 1)
        .replacen(
        "    teams: [",
        "    roles: [(id: \"TeamLead\", name: \"Team lead\", provides: {\"people\": Primary, \"tech_direction\": Primary, \"build\": Primary, \"roadmap\": StopGap}LIKE), (id: \"Head\", name: \"Head of engineering\", provides: {\"people\": Primary}, like: \"Director\")],\n    teams: [",
        1,
    );
    let check = |src: &str| {
        let org = orgplan::io::load_str(src, "like.org.ron").unwrap_or_else(|e| panic!("{e}"));
        let report = orgplan::rules::check(&org, today());
        let s002: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.rule.code == "S002")
            .map(|f| f.message.clone())
            .collect();
        (org, s002)
    };
    let (_, unlike) = check(&custom.replace("LIKE", ""));
    assert!(unlike.is_empty(), "{unlike:?}");
    let (org, like) = check(&custom.replace("LIKE", ", like: \"TLM\""));
    assert_eq!(like.len(), 1, "{like:?}");
    assert!(like[0].contains("Tom Tlm"), "{}", like[0]);
    // Messages that name a person's role say what it behaves like.
    let report = orgplan::rules::check(&org, today());
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.message.contains("Dana Director (Head, like Director)")),
        "{:#?}",
        report
            .findings
            .iter()
            .map(|f| &f.message)
            .collect::<Vec<_>>()
    );
    let written = orgplan::io::to_canonical_string(&org);
    assert!(written.contains("like: \"TLM\""), "{written}");
    let again = orgplan::io::load_str(&written, "again.org.ron").unwrap();
    assert_eq!(orgplan::io::to_canonical_string(&again), written);
    // An alias is read as its role; anything else is refused with the role.
    let (alias, _) = check(&custom.replace("LIKE", ", like: \"SDM\""));
    assert_eq!(alias.roles[0].like.as_ref().map(|l| l.as_str()), Some("EM"));
    let err = orgplan::io::load_str(&custom.replace("LIKE", ", like: \"Wizard\""), "bad.org.ron")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("TeamLead") && err.contains("like \"Wizard\" is not a built-in role"),
        "{err}"
    );
}
