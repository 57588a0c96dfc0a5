//! Reading and writing org files: round trips, canonical form, atomic save.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use orgplan::catalog::{BUILTIN_ROLES, Capability, Provision, Severity};
use orgplan::io::{load_bytes, load_file, to_canonical_string, write_atomic, write_atomic_with};
use orgplan::model::*;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn org_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [
        "samples",
        "tests/fixtures/conformance",
        "tests/fixtures/rules",
    ] {
        let Ok(rd) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.to_string_lossy().ends_with(".org.ron") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_sample_and_fixture_round_trips_byte_stable() {
    let files = org_files();
    assert!(files.len() >= 6, "found only {files:?}");
    for path in files {
        let org = load_file(&path).unwrap_or_else(|e| panic!("{e}"));
        let once = to_canonical_string(&org);
        let again = load_bytes(once.as_bytes(), "again").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(org, again, "{}: load(save(org)) != org", path.display());
        assert_eq!(
            once,
            to_canonical_string(&again),
            "{}: not byte-stable",
            path.display()
        );
        // Committed files are kept canonical (`orgplan fmt --check`).
        let on_disk = std::fs::read_to_string(&path).unwrap();
        assert_eq!(on_disk, once, "{} is not canonical", path.display());
    }
}

#[test]
fn canonical_form_matches_the_spec_layout() {
    let text = r#"(format: 1, name: "Acme", people: [(id: "alice", name: "Alice", role: "SDM", level: Some("M1"))],
        teams: [(id: "t", name: "T", kind: Platform, members: [(person: "alice", allocation: 50)], position: (x: 120, y: 80.5))])"#;
    let org = load_bytes(text.as_bytes(), "x").unwrap();
    let out = to_canonical_string(&org);
    let expected = r#"#![enable(implicit_some)]
(
    format: 1,
    name: "Acme",
    people: [
        (
            id: "alice",
            name: "Alice",
            role: "EM",
            level: "M1",
        ),
    ],
    teams: [
        (
            id: "t",
            name: "T",
            kind: Platform,
            members: [
                (person: "alice", allocation: 50),
            ],
            position: (x: 120.0, y: 80.5),
        ),
    ],
)
"#;
    assert_eq!(out, expected);
}

#[test]
fn failed_save_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.org.ron");
    std::fs::write(&path, "old contents").unwrap();
    let result = write_atomic_with(&path, |f| {
        use std::io::Write;
        f.write_all(b"half of the new con")?;
        Err(std::io::Error::other("disk full (simulated)"))
    });
    assert!(result.is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old contents");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(
        leftovers.len(),
        1,
        "temporary file left behind: {leftovers:?}"
    );

    // A save into a folder that does not exist fails cleanly too.
    let missing = dir.path().join("no/such/folder/x.org.ron");
    assert!(write_atomic(&missing, b"x").is_err());

    write_atomic(&path, b"new contents").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new contents");

    // Devices are written in place, never replaced by a file.
    #[cfg(unix)]
    {
        write_atomic(std::path::Path::new("/dev/null"), b"discarded").unwrap();
        let meta = std::fs::metadata("/dev/null").unwrap();
        assert!(!meta.is_file(), "/dev/null was replaced by a file");
    }
    assert!(
        write_atomic(dir.path(), b"x").is_err(),
        "wrote over a folder"
    );
}

// ---------------------------------------------------------------------------
// Property: load(save(org)) == org for generated orgs.

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(16).collect()),
        Just("quote \" backslash \\ newline \n tab \t é ø 日本".to_string()),
    ]
}

fn severity() -> impl Strategy<Value = Severity> {
    prop::sample::select(vec![
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Off,
    ])
}

fn capability() -> impl Strategy<Value = Capability> {
    prop::sample::select(Capability::ALL.to_vec())
}

fn point() -> impl Strategy<Value = Option<Point>> {
    prop::option::of((-1.0e6f32..1.0e6, -1.0e6f32..1.0e6).prop_map(|(x, y)| Point { x, y }))
}

prop_compose! {
    fn arb_org()(
        n_people in 0usize..12,
        n_teams in 0usize..5,
        n_inis in 0usize..4,
        n_custom in 0usize..3,
        seed in prop::collection::vec(any::<u32>(), 64),
        names in prop::collection::vec(text(), 24),
        points in prop::collection::vec(point(), 10),
        caps in prop::collection::vec(capability(), 8),
        sevs in prop::collection::vec(severity(), 8),
        format_desc in text(),
    ) -> Org {
        let pick = |i: usize, n: usize| seed[i % seed.len()] as usize % n.max(1);
        let mut roles: Vec<String> = BUILTIN_ROLES.iter().map(|r| r.id.to_string()).collect();
        let custom: Vec<CustomRole> = (0..n_custom).map(|c| CustomRole {
            id: RoleId::new(format!("Custom{c}")),
            name: names[c].clone(),
            provides: caps.iter().take(c + 1).enumerate().map(|(k, cap)| {
                (*cap, if k % 2 == 0 { Provision::Primary } else { Provision::StopGap })
            }).collect(),
            like: (c % 2 == 1).then(|| RoleId::new(BUILTIN_ROLES[c % BUILTIN_ROLES.len()].id)),
        }).collect();
        roles.extend(custom.iter().map(|r| r.id.to_string()));
        let people: Vec<Person> = (0..n_people).map(|i| {
            let mut p = Person::new(format!("p{i}"), names[i % names.len()].clone(), roles[pick(i, roles.len())].clone());
            if seed[i] % 3 == 0 { p.hats.push(RoleId::new(roles[pick(i + 7, roles.len())].clone())); }
            if seed[i] % 4 == 1 { p.level = Some(names[(i + 3) % names.len()].clone()); }
            if seed[i] % 2 == 0 { p.manager = Some(PersonId::new(format!("p{}", pick(i + 1, n_people)))); }
            if seed[i] % 5 == 0 { p.dotted.push(PersonId::new(format!("p{}", pick(i + 2, n_people)))); }
            if seed[i] % 7 == 0 { p.note = names[(i + 5) % names.len()].clone(); }
            p
        }).collect();
        let members = |k: usize| -> Vec<Member> {
            (0..n_people).filter(|i| (seed[(i + k) % seed.len()] >> (k % 16)) & 1 == 1).map(|i| Member {
                person: PersonId::new(format!("p{i}")),
                allocation: Allocation::new(1 + seed[(i * 3 + k) % seed.len()] % 100).unwrap(),
            }).collect()
        };
        let teams: Vec<Team> = (0..n_teams).map(|t| {
            let mut team = Team::new(format!("t{t}"), names[(t + 11) % names.len()].clone());
            team.kind = TeamKind::ALL[pick(t + 20, 4)];
            if seed[t] % 3 == 1 { team.group = Some(names[(t + 5) % names.len()].clone()); }
            team.members = members(t + 1);
            if seed[t + 30] % 2 == 0 {
                team.open_seats.push(OpenSeat { role: RoleId::new(roles[pick(t + 31, roles.len())].clone()), note: names[t].clone() });
            }
            if t > 0 && seed[t + 40] % 2 == 0 { team.depends_on.push(TeamId::new(format!("t{}", pick(t + 41, t)))); }
            team.position = points[t];
            team.note = if t % 2 == 0 { String::new() } else { names[t + 2].clone() };
            team
        }).collect();
        let initiatives: Vec<Initiative> = (0..n_inis).map(|k| {
            let mut ini = Initiative::new(format!("i{k}"), names[(k + 17) % names.len()].clone());
            ini.kind = InitiativeKind::ALL[pick(k + 50, 2)];
            ini.teams = (0..n_teams).filter(|t| (seed[k + 51] >> t) & 1 == 1).map(|t| TeamId::new(format!("t{t}"))).collect();
            if n_people > 0 && seed[k + 52] % 2 == 0 { ini.lead = Some(PersonId::new(format!("p{}", pick(k + 53, n_people)))); }
            if n_people > 0 && seed[k + 54] % 2 == 0 { ini.sponsor = Some(PersonId::new(format!("p{}", pick(k + 55, n_people)))); }
            ini.members = members(k + 9);
            if seed[k + 56] % 2 == 0 { ini.outcome = Some(names[k + 4].clone()); }
            ini.position = points[k + 5];
            ini
        }).collect();
        let mut rules = BTreeMap::new();
        for (k, code) in ["S001", "C002", "L001"].iter().enumerate() {
            if seed[60 + k] % 2 == 0 {
                rules.insert(code.to_string(), RuleOverride {
                    severity: (seed[60 + k] % 4 != 0).then_some(sevs[k]),
                    threshold: (seed[60 + k] % 3 != 0).then_some(seed[60 + k] % 50),
                });
            }
        }
        let requirements = if seed[63] % 2 == 0 { vec![RequirementOverride {
            scope: if seed[63] % 4 == 0 { RequirementScope::Initiative } else { RequirementScope::Team(TeamKind::Platform) },
            capability: caps[0],
            missing: Some(sevs[3]),
            stopgap: (seed[63] % 3 == 0).then_some(sevs[4]),
        }] } else { vec![] };
        let waivers = (0..(seed[62] % 3) as usize).map(|w| Waiver {
            rule: ["C002", "S001", "X999"][w].to_string(),
            subject: [Subject::Org, Subject::Team(TeamId::new("gone")), Subject::Person(PersonId::new("p0"))][w].clone(),
            capability: (w == 1).then_some(caps[1]),
            reason: names[w + 8].clone(),
            until: (w != 2).then(|| Date::parse("2027-01-31").unwrap()),
        }).collect();
        Org {
            format: 1,
            name: names[23].clone(),
            description: format_desc,
            people,
            teams,
            initiatives,
            roles: custom,
            settings: Settings { rules, requirements },
            // The `imported` record (issue 16) round-trips too, with text
            // of every kind in its titles, keys and names.
            imported: (seed[61] % 2 == 0).then(|| {
                Box::new(orgplan::model::ImportRecord {
                    source: names[20].clone(),
                    date: (seed[60] % 2 == 0).then(|| Date::parse("2026-12-01").unwrap()),
                    key: [
                        orgplan::model::ImportKey::Key,
                        orgplan::model::ImportKey::Email,
                        orgplan::model::ImportKey::Name,
                    ][(seed[59] % 3) as usize],
                    titles: [(names[21].clone(), RoleId::new("Staff"))].into_iter().collect(),
                    teams: vec![orgplan::model::ImportedTeam {
                        id: TeamId::new("core"),
                        name: names[22].clone(),
                        group: (seed[57] % 2 == 0).then(|| names[23].clone()),
                    }],
                    people: (0..(seed[58] % 3) as usize)
                        .map(|k| orgplan::model::ImportedPerson {
                            id: PersonId::new(format!("p{k}")),
                            key: names[k + 1].as_str().into(),
                            email: if k == 0 { Text::default() } else { names[k + 2].as_str().into() },
                            name: names[k + 3].as_str().into(),
                            title: names[k + 4].as_str().into(),
                            role: RoleId::new("EM"),
                            manager: (k > 0).then(|| PersonId::new("p0")),
                            // An import never records an empty level (an empty cell
                            // is no level), and the file writes "no level" as "".
                            level: (k == 1 && !names[k + 5].is_empty())
                                .then(|| names[k + 5].as_str().into()),
                            team: (k != 1).then(|| TeamId::new("core")),
                        })
                        .collect(),
                    ..Default::default()
                })
            }),
            waivers,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn load_of_save_is_identity(org in arb_org()) {
        let text = to_canonical_string(&org);
        let back = load_bytes(text.as_bytes(), "gen").map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&org, &back);
        prop_assert_eq!(text, to_canonical_string(&back));
    }
}
