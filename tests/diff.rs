//! Proposals and `orgplan diff` (issue 11): every change kind on hand-made
//! pairs, the gap delta against two independent `check` runs, each output
//! format, exit codes, and git's external-diff protocol with real git.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use orgplan::diff::Diff;
use orgplan::edit::{Edit, apply};
use orgplan::model::CardId;
use orgplan::model::{
    Date, InitiativeId, Org, Person, PersonId, Point, RoleId, Subject, Team, TeamId, Waiver,
};
use std::process::Command;

fn today() -> Date {
    Date::parse("2026-11-22").unwrap()
}

fn base() -> Org {
    orgplan::samples::builtin()
}

fn p(s: &str) -> PersonId {
    PersonId::new(s)
}

fn t(s: &str) -> TeamId {
    TeamId::new(s)
}

fn with(edits: &[Edit]) -> Org {
    let mut o = base();
    for e in edits {
        apply(&mut o, e).unwrap_or_else(|err| panic!("{e:?}: {err}"));
    }
    o
}

fn kinds(d: &Diff) -> Vec<&'static str> {
    d.changes.iter().map(|c| c.kind.id()).collect()
}

fn diff_of(proposal: &Org) -> Diff {
    Diff::new(&base(), proposal, today())
}

#[test]
fn an_org_compared_with_itself_has_no_changes() {
    for path in [
        "samples/startup.org.ron",
        "samples/scaleup.org.ron",
        "samples/enterprise.org.ron",
    ] {
        let o = orgplan::io::load_file(std::path::Path::new(path)).unwrap();
        let d = Diff::new(&o, &o, today());
        assert!(d.changes.is_empty(), "{path}: {:?}", d.changes);
        assert!(d.gaps.opened.is_empty() && d.gaps.closed.is_empty() && d.gaps.changed.is_empty());
        assert_eq!(d.base_metrics, d.proposal_metrics);
    }
}

#[test]
fn people_changes() {
    let mut alice = base().person(&p("alice")).unwrap().clone();
    alice.name = "Alice Wong".into();
    alice.hats.push(RoleId::new("PMT"));
    alice.level = Some("M2".into());
    alice.note = "promoted".into();
    alice.dotted.push(p("helena"));
    let cases: Vec<(Vec<Edit>, Vec<&str>)> = vec![
        (
            vec![Edit::AddPerson(Person::new("zoe", "Zoe Quinn", "Engineer"))],
            vec!["person-joined"],
        ),
        (vec![Edit::DeletePerson(p("bo"))], vec!["person-left"]),
        (
            vec![Edit::MoveToTeam {
                person: p("nadia"),
                from: t("search"),
                to: t("checkout"),
            }],
            vec!["person-moved"],
        ),
        (
            vec![Edit::AddToTeam {
                team: t("search"),
                person: p("tomas"),
                allocation: orgplan::model::Allocation::new(40).unwrap(),
            }],
            vec!["membership-added"],
        ),
        (
            vec![Edit::RemoveFromTeam {
                team: t("checkout"),
                person: p("bo"),
            }],
            vec!["membership-removed"],
        ),
        (
            vec![Edit::SetAllocation {
                card: CardId::Team(t("search")),
                person: p("nadia"),
                allocation: orgplan::model::Allocation::new(20).unwrap(),
            }],
            vec!["allocation-changed"],
        ),
        (
            vec![Edit::SetPersonRole {
                person: p("bo"),
                role: RoleId::new("TLM"),
            }],
            vec!["role-changed"],
        ),
        (
            vec![Edit::SetManager {
                person: p("bo"),
                manager: Some(p("henrik")),
            }],
            vec!["manager-changed"],
        ),
        (
            vec![Edit::UpdatePerson {
                id: p("alice"),
                person: alice,
            }],
            vec![
                "person-renamed",
                "hats-changed",
                "dotted-changed",
                "level-changed",
                "note-changed",
            ],
        ),
    ];
    for (edits, expect) in cases {
        let d = diff_of(&with(&edits));
        let got = kinds(&d);
        for k in &expect {
            assert!(got.contains(k), "{edits:?}: {got:?} lacks {k:?}");
        }
        assert_eq!(got.len(), expect.len(), "{edits:?}: {got:?}");
    }
}

#[test]
fn a_move_is_one_change_not_an_add_and_a_remove() {
    let d = diff_of(&with(&[Edit::MoveToTeam {
        person: p("nadia"),
        from: t("search"),
        to: t("checkout"),
    }]));
    let c = &d.changes[0];
    assert_eq!(c.kind.id(), "person-moved");
    assert_eq!(c.subject, Subject::Person(p("nadia")));
    assert_eq!(c.json_values().0, "team:search");
    assert_eq!(c.json_values().1, "team:checkout");
    assert!(
        c.text()
            .starts_with("Nadia Rahman: Search & Discovery → Checkout"),
        "{}",
        c.text()
    );
}

#[test]
fn a_rename_names_the_person_once_before_and_once_after() {
    let mut alice = base().person(&p("alice")).unwrap().clone();
    let old = alice.name.to_string();
    alice.name = "Alice Wong".into();
    let d = diff_of(&with(&[Edit::UpdatePerson {
        id: p("alice"),
        person: alice,
    }]));
    let c = &d.changes[0];
    assert_eq!(c.kind.id(), "person-renamed");
    assert_eq!(c.text(), format!("{old} renamed to Alice Wong"));
    assert_eq!(c.json_values().0, old);
    assert_eq!(c.json_values().1, "Alice Wong");
}

#[test]
fn a_filled_seat_is_recognised() {
    // A new PM-T joins Checkout, whose open seat is a PM-T.
    let seat_role = base().team(&t("checkout")).unwrap().open_seats[0]
        .role
        .clone();
    let d = diff_of(&with(&[
        Edit::AddPerson(Person::new("pat-n", "Pat Novak", seat_role.as_str())),
        Edit::FillSeat {
            team: t("checkout"),
            index: 0,
            person: p("pat-n"),
        },
    ]));
    let got = kinds(&d);
    assert!(got.contains(&"seat-filled"), "{got:?}");
    assert!(!got.contains(&"seat-closed"), "{got:?}");
    assert!(!got.contains(&"membership-added"), "{got:?}");
    let filled = d
        .changes
        .iter()
        .find(|c| c.kind.id() == "seat-filled")
        .unwrap();
    assert_eq!(filled.json_values().1, "person:pat-n");
    // A seat removed with nobody joining is closed, not filled.
    let d = diff_of(&with(&[Edit::RemoveSeat {
        team: t("checkout"),
        index: 0,
    }]));
    assert_eq!(kinds(&d), ["seat-closed"]);
    let d = diff_of(&with(&[Edit::AddSeat {
        team: t("search"),
        role: RoleId::new("PM"),
    }]));
    assert_eq!(kinds(&d), ["seat-opened"]);
}

#[test]
fn team_initiative_and_other_changes() {
    let mut search = base().team(&t("search")).unwrap().clone();
    search.name = "Search".into();
    search.kind = orgplan::model::TeamKind::Platform;
    search.depends_on = vec![t("payments")];
    let ini = InitiativeId::new("eu-expansion");
    let mut eu = base().initiative(&ini).unwrap().clone();
    eu.name = "EU launch".into();
    eu.kind = orgplan::model::InitiativeKind::Technical;
    eu.teams.push(t("search"));
    eu.teams.retain(|x| x != &t("checkout"));
    eu.lead = Some(p("erin"));
    eu.sponsor = Some(p("priya"));
    eu.outcome = Some("Live in 5 markets".into());
    let cases: Vec<(Vec<Edit>, Vec<&str>)> = vec![
        (
            vec![Edit::AddTeam(Team::new("billing", "Billing"))],
            vec!["team-created"],
        ),
        (
            vec![Edit::UpdateTeam {
                id: t("search"),
                team: search,
            }],
            vec!["team-renamed", "team-kind-changed", "dependency-added"],
        ),
        (
            vec![Edit::UpdateInitiative {
                id: ini.clone(),
                initiative: eu,
            }],
            vec![
                "initiative-renamed",
                "initiative-kind-changed",
                "initiative-team-added",
                "initiative-team-removed",
                "lead-changed",
                "sponsor-changed",
                "outcome-changed",
            ],
        ),
        (
            vec![Edit::AddInitiative(orgplan::model::Initiative::new(
                "x", "X",
            ))],
            vec!["initiative-created"],
        ),
        (
            vec![Edit::DeleteInitiative(ini.clone())],
            vec!["initiative-removed"],
        ),
        (
            vec![Edit::SetOrgName("Southwind".into())],
            vec!["org-renamed"],
        ),
        (
            vec![Edit::AddWaiver(Waiver {
                rule: "C003".into(),
                subject: Subject::Initiative(ini.clone()),
                capability: None,
                reason: "PgM hired in March".into(),
                until: None,
            })],
            vec!["waiver-added"],
        ),
        (vec![Edit::RemoveWaiver(0)], vec!["waiver-removed"]),
    ];
    for (edits, expect) in cases {
        let d = diff_of(&with(&edits));
        let got = kinds(&d);
        for k in &expect {
            assert!(got.contains(k), "{edits:?}: {got:?} lacks {k:?}");
        }
    }
    // Removing a team: team-removed, and its members lose that membership.
    let d = diff_of(&with(&[Edit::DeleteTeam(t("payments"))]));
    let got = kinds(&d);
    assert!(got.contains(&"team-removed"));
    assert!(got.contains(&"membership-removed"));
    assert!(got.contains(&"initiative-team-removed"));
    // Dependencies removed.
    let mut fraud = base().team(&t("fraud")).unwrap().clone();
    assert!(!fraud.depends_on.is_empty());
    fraud.depends_on.clear();
    let d = diff_of(&with(&[Edit::UpdateTeam {
        id: t("fraud"),
        team: fraud,
    }]));
    assert!(kinds(&d).contains(&"dependency-removed"));
    // Roles and settings, changed directly in the org.
    let mut o = base();
    o.roles[0].name = format!("{} (renamed)", o.roles[0].name);
    o.roles.push(orgplan::model::CustomRole {
        id: RoleId::new("Designer"),
        name: "Designer".into(),
        provides: Default::default(),
        like: None,
    });
    o.settings.rules.insert(
        "S001".into(),
        orgplan::model::RuleOverride {
            severity: None,
            threshold: Some(10),
        },
    );
    o.waivers[0].reason = "new reason".into();
    let got = kinds(&diff_of(&o));
    for k in [
        "custom-role-changed",
        "custom-role-added",
        "settings-changed",
        "waiver-changed",
    ] {
        assert!(got.contains(&k), "{got:?} lacks {k:?}");
    }
    let mut o2 = base();
    o2.roles.clear();
    // A role still in use cannot be removed from a valid org; compare the
    // other way round (a role the base lacks is "added", so base lacks it).
    let got = kinds(&Diff::new(
        &base(),
        &{
            let mut x = base();
            for person in &mut x.people {
                if person.role.as_str() == o.roles[0].id.as_str() {
                    person.role = RoleId::new("PM");
                }
            }
            x.roles.clear();
            x
        },
        today(),
    ));
    assert!(got.contains(&"custom-role-removed"), "{got:?}");
    let _ = o2;
}

#[test]
fn positions_are_changes_only_when_asked() {
    let moved = with(&[Edit::MoveCard {
        card: CardId::Team(t("search")),
        to: Point { x: 1.0, y: 2.0 },
    }]);
    assert!(diff_of(&moved).changes.is_empty());
    let d = Diff::with_positions(&base(), &moved, today(), true);
    assert_eq!(kinds(&d), ["position-changed"]);
}

#[test]
fn the_gap_delta_explains_the_proposal() {
    // A TPM leads the initiative that had no program manager: its C003
    // error closes.
    let d = diff_of(&with(&[Edit::AddToInitiative {
        initiative: InitiativeId::new("eu-expansion"),
        person: p("erin"),
        allocation: orgplan::model::Allocation::new(20).unwrap(),
    }]));
    assert!(d.gaps.closed.iter().any(|g| g.finding.rule.code == "C003"
        && g.finding.subject == Subject::Initiative(InitiativeId::new("eu-expansion"))));
    assert!(d.headline().starts_with("closes "), "{}", d.headline());
    // Removing Checkout's only EM opens gaps, linked to the change.
    let d = diff_of(&with(&[Edit::RemoveFromTeam {
        team: t("checkout"),
        person: p("alice"),
    }]));
    let opened: Vec<_> = d
        .gaps
        .opened
        .iter()
        .filter(|g| g.finding.subject == Subject::Team(t("checkout")))
        .collect();
    assert!(!opened.is_empty());
    for g in opened {
        assert_eq!(
            d.cause(g).map(|c| c.text()).as_deref(),
            Some("Alice Chen removed from Checkout"),
            "{}",
            g.finding.message
        );
    }
    assert!(d.fails(orgplan::catalog::Severity::Error));
}

/// The identity a finding keeps across runs (C010 gives one per pair).
fn identity(f: &orgplan::rules::Finding) -> String {
    let related = if f.rule.code == "C010" {
        f.related
            .iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join(",")
    } else {
        String::new()
    };
    format!(
        "{} {} {} {related}",
        f.rule.code,
        f.subject,
        f.capability.map_or("", |c| c.id())
    )
}

fn unwaived(o: &Org) -> Vec<(String, orgplan::catalog::Severity)> {
    orgplan::rules::check(o, today())
        .findings
        .iter()
        .filter(|f| !f.waived())
        .map(|f| (identity(f), f.severity))
        .collect()
}

fn minus(a: &[String], b: &[String]) -> Vec<String> {
    let mut b = b.to_vec();
    let mut out = Vec::new();
    for x in a {
        if let Some(i) = b.iter().position(|y| y == x) {
            b.remove(i);
        } else {
            out.push(x.clone());
        }
    }
    out.sort();
    out
}

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// The gap delta is exactly the difference of two independent
        /// `check` runs, on generated orgs changed by random edits.
        #[test]
        fn gap_delta_equals_the_difference_of_two_checks(seed in any::<u64>(), n in 1usize..25) {
            let base = orgplan::support::generate::generate(150, seed % 5);
            let mut prop = base.clone();
            let mut r = orgplan::support::generate::Rng::new(seed);
            for _ in 0..n {
                let t1 = r.pick(&prop.teams).id.clone();
                let t2 = r.pick(&prop.teams).id.clone();
                let person = r.pick(&prop.people).id.clone();
                let e = match r.range(0, 5) {
                    0 => Edit::MoveToTeam { person, from: t1, to: t2 },
                    1 => Edit::SetPersonRole { person, role: RoleId::new(*r.pick(&["EM", "PM", "TPM", "Engineer", "Staff"])) },
                    2 => Edit::RemoveFromTeam { team: t1, person },
                    3 => Edit::AddSeat { team: t1, role: RoleId::new("PMT") },
                    4 => Edit::DeleteTeam(t1),
                    _ => Edit::DeletePerson(person),
                };
                let _ = apply(&mut prop, &e);
            }
            let d = Diff::new(&base, &prop, today());
            let b = unwaived(&base);
            let p = unwaived(&prop);
            let bk: Vec<String> = b.iter().map(|x| x.0.clone()).collect();
            let pk: Vec<String> = p.iter().map(|x| x.0.clone()).collect();
            let mut closed: Vec<String> = d.gaps.closed.iter().map(|g| identity(&g.finding)).collect();
            let mut opened: Vec<String> = d.gaps.opened.iter().map(|g| identity(&g.finding)).collect();
            closed.sort();
            opened.sort();
            prop_assert_eq!(closed, minus(&bk, &pk));
            prop_assert_eq!(opened, minus(&pk, &bk));
            // What is in both is changed (severity differs) or unchanged.
            let both = bk.len() - d.gaps.closed.len();
            prop_assert_eq!(both, d.gaps.changed.len() + d.gaps.unchanged.len());
            for g in &d.gaps.changed {
                prop_assert_ne!(Some(g.finding.severity), g.before);
            }
        }
    }
}

// --- the command ---

const BASE: &str = "samples/scaleup.org.ron";
const PROPOSAL: &str = "tests/fixtures/diff/scaleup-proposal.org.ron";

fn orgplan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_orgplan"))
        .args(args)
        .output()
        .unwrap()
}

fn run_format(format: &str) -> String {
    let o = orgplan(&[
        "diff",
        BASE,
        PROPOSAL,
        "--format",
        format,
        "--today",
        "2026-11-22",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn snapshot_text() {
    insta::assert_snapshot!("diff_text", run_format("text"));
}

#[test]
fn snapshot_markdown() {
    let md = run_format("markdown");
    assert!(md.contains("<details>") && md.contains("</details>"));
    insta::assert_snapshot!("diff_markdown", md);
}

#[test]
fn snapshot_json_and_its_shape() {
    let json = run_format("json");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for k in [
        "tool", "version", "base", "proposal", "gaps", "metrics", "changes",
    ] {
        assert!(v.get(k).is_some(), "no {k}");
    }
    assert_eq!(v["base"]["path"], BASE);
    assert!(v["gaps"]["unchanged"].is_u64());
    for side in ["base", "proposal", "delta"] {
        assert!(v["metrics"][side]["people"].is_number());
    }
    let moved = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "person-moved")
        .unwrap();
    assert_eq!(moved["from"], "team:mobile");
    assert_eq!(moved["to"], "team:mobile-android");
    assert!(moved["subject"].as_str().unwrap().starts_with("person:"));
    let opened = &v["gaps"]["opened"][0];
    for k in [
        "rule",
        "name",
        "severity",
        "subject",
        "related",
        "capability",
        "message",
        "waived",
    ] {
        assert!(opened.get(k).is_some(), "gap has no {k}");
    }
    insta::assert_snapshot!("diff_json", json);
}

#[test]
fn snapshot_html() {
    let html = run_format("html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script") && !html.contains("http"));
    insta::assert_snapshot!("diff_html", html);
}

#[test]
fn names_from_the_files_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let mut o = base();
    let evil = "<script>alert(1)</script> | **x** \u{1b}[2J";
    o.people[0].name = evil.into();
    let path = dir.path().join("evil.org.ron");
    std::fs::write(&path, orgplan::io::to_canonical_string(&o)).unwrap();
    let mut o2 = o.clone();
    o2.people[0].role = RoleId::new("Director");
    let path2 = dir.path().join("evil2.org.ron");
    std::fs::write(&path2, orgplan::io::to_canonical_string(&o2)).unwrap();
    for format in ["text", "markdown", "html", "json"] {
        let out = orgplan(&[
            "diff",
            path.to_str().unwrap(),
            path2.to_str().unwrap(),
            "--format",
            format,
        ]);
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(!s.contains('\u{1b}'), "{format}: raw escape");
        if format != "json" && format != "text" {
            assert!(!s.contains("<script>"), "{format}: live tag");
        }
    }
}

#[test]
fn exit_codes_and_bad_input() {
    // Itself: no changes, exit 0.
    let o = orgplan(&["diff", BASE, BASE, "--today", "2026-11-22"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("No changes."));
    // Opens an error: 1; with --fail-on never: 0.
    assert_eq!(orgplan(&["diff", BASE, PROPOSAL]).status.code(), Some(1));
    assert_eq!(
        orgplan(&["diff", BASE, PROPOSAL, "--fail-on", "never"])
            .status
            .code(),
        Some(0)
    );
    // A proposal that only closes gaps passes.
    let dir0 = tempfile::tempdir().unwrap();
    let fixed = dir0.path().join("fixed.org.ron");
    let org = with(&[Edit::AddToInitiative {
        initiative: InitiativeId::new("eu-expansion"),
        person: p("erin"),
        allocation: orgplan::model::Allocation::new(20).unwrap(),
    }]);
    std::fs::write(&fixed, orgplan::io::to_canonical_string(&org)).unwrap();
    let o = orgplan(&[
        "diff",
        BASE,
        fixed.to_str().unwrap(),
        "--today",
        "2026-11-22",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    // An invalid side: 2, its own one-line error, nothing written.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.org.ron");
    std::fs::write(&bad, "(format: 1, name: \"x\", peeple: [])").unwrap();
    let out = dir.path().join("out.md");
    let o = orgplan(&[
        "diff",
        BASE,
        bad.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("bad.org.ron:1:") && e.contains("peeple"), "{e}");
    assert!(!out.exists());
    // -o over an input is refused.
    let copy = dir.path().join("base.org.ron");
    std::fs::copy(BASE, &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let o = orgplan(&[
        "diff",
        copy.to_str().unwrap(),
        PROPOSAL,
        "-o",
        copy.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    // Wrong number of files.
    assert_eq!(orgplan(&["diff", BASE, BASE, BASE]).status.code(), Some(2));
}

// --- git ---

fn git(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut c = Command::new("git");
    c.current_dir(dir)
        .args(["-c", "user.email=t@example.com", "-c", "user.name=T"])
        .args(args)
        .env_remove("GIT_EXTERNAL_DIFF");
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// A git repository with the base org at `name` and a notes file
/// committed, then both changed (the proposal, other notes); `None` (the
/// test skipped) without git.
fn repo_with_changes(name: &str) -> Option<tempfile::TempDir> {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed; skipping");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"], &[]);
    std::fs::copy(BASE, d.join(name)).unwrap();
    std::fs::write(d.join("notes.txt"), "one\n").unwrap();
    git(d, &["add", "--", "."], &[]);
    git(d, &["commit", "-q", "-m", "today"], &[]);
    std::fs::copy(PROPOSAL, d.join(name)).unwrap();
    std::fs::write(d.join("notes.txt"), "two\n").unwrap();
    Some(dir)
}

#[test]
fn works_as_gits_external_diff_and_as_a_diff_driver() {
    let Some(dir) = repo_with_changes("org.org.ron") else {
        return;
    };
    let d = dir.path();
    let bin = env!("CARGO_BIN_EXE_orgplan");
    // 1. GIT_EXTERNAL_DIFF.
    let cmd = format!("{bin} diff");
    let o = git(d, &["diff"], &[("GIT_EXTERNAL_DIFF", &cmd)]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("Proposal closes 5 gaps (1 error), opens 8"),
        "{out}"
    );
    assert!(
        out.contains("Tara Singh: Mobile iOS → Mobile Android"),
        "{out}"
    );
    assert!(out.contains("a/org.org.ron"), "{out}");
    // Other files still get a text diff.
    assert!(out.contains("-one") && out.contains("+two"), "{out}");
    // 2. A .gitattributes diff driver.
    std::fs::write(d.join(".gitattributes"), "*.org.ron diff=orgplan\n").unwrap();
    let o = git(
        d,
        &["-c", &format!("diff.orgplan.command={bin} diff"), "diff"],
        &[],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Proposal closes 5 gaps"), "{out}");
    // 3. An added file: /dev/null on one side.
    std::fs::copy("samples/startup.org.ron", d.join("new.org.ron")).unwrap();
    git(d, &["add", "new.org.ron"], &[]);
    let o = git(
        d,
        &["diff", "--cached", "--", "new.org.ron"],
        &[("GIT_EXTERNAL_DIFF", &cmd)],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("joined as"), "{out}");
    assert!(out.contains("created"), "{out}");
}

#[test]
fn gits_external_diff_reads_a_leading_dash_path_and_names_repository_paths() {
    let Some(dir) = repo_with_changes("-d.org.ron") else {
        return;
    };
    let d = dir.path();
    let bin = env!("CARGO_BIN_EXE_orgplan");
    let cmd = format!("{bin} diff");
    let o = git(d, &["diff"], &[("GIT_EXTERNAL_DIFF", &cmd)]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Proposal closes 5 gaps"), "{out}");
    assert!(out.contains("a/-d.org.ron"), "{out}");
    // The text diff of another file names it as the repository does, not
    // git's temporary copy.
    assert!(
        out.contains("a/notes.txt") && out.contains("b/notes.txt"),
        "{out}"
    );
    assert!(!out.contains("git-blob"), "{out}");
}
