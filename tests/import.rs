//! `orgplan import` and `export` (issue 12): the two fixtures import to
//! exactly their truth, each layout of docs/import.md, the title table, stable
//! ids, the round trip, re-import, bad input, and no panic on any bytes.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use orgplan::import::{Options, Table, import, table};
use orgplan::model::Org;
use std::collections::BTreeMap;
use std::process::Command;

fn read(path: &str) -> Table {
    let bytes = std::fs::read(path).unwrap();
    table::read(&bytes, path, None).unwrap()
}

fn import_file(path: &str) -> (Org, orgplan::import::Summary) {
    import(&read(path), path, &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// A re-import with the default options.
fn merge(plan: &Org, hr: &Org) -> Org {
    orgplan::import::reimport(plan, hr, &Default::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .org
}

fn import_text(name: &str, text: &str) -> Result<Org, String> {
    let t = table::read(text.as_bytes(), name, None).map_err(|e| e.to_string())?;
    import(&t, name, &Options::default())
        .map(|(o, _)| o)
        .map_err(|e| e.to_string())
}

/// A person as the truth files describe them: role, manager's name, team's
/// name.
fn described(org: &Org) -> BTreeMap<String, (String, Option<String>, Option<String>)> {
    let name_of = |id: &orgplan::model::PersonId| org.person(id).map(|p| p.name.to_string());
    org.people
        .iter()
        .map(|p| {
            let team = org
                .teams
                .iter()
                .find(|t| t.member(&p.id).is_some())
                .map(|t| t.name.clone());
            (
                p.name.to_string(),
                (
                    p.role.to_string(),
                    p.manager.as_ref().and_then(name_of),
                    team,
                ),
            )
        })
        .collect()
}

#[test]
fn fixtures_import_to_exactly_their_truth() {
    for (csv, truth) in [
        (
            "tests/fixtures/import/A.csv",
            "tests/fixtures/import/A.truth.json",
        ),
        (
            "tests/fixtures/import/B.csv",
            "tests/fixtures/import/B.truth.json",
        ),
        // The shared copies too, when present.
        (
            "../shared/fixtures/import/A.csv",
            "../shared/fixtures/import/A.truth.json",
        ),
        (
            "../shared/fixtures/import/B.csv",
            "../shared/fixtures/import/B.truth.json",
        ),
    ] {
        if !std::path::Path::new(csv).exists() {
            continue;
        }
        let truth: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(truth).unwrap()).unwrap();
        let (org, summary) = import_file(csv);
        let got = described(&org);
        let people = truth["people"].as_object().unwrap();
        assert_eq!(got.len(), people.len(), "{csv}: people");
        for (name, t) in people {
            let (role, manager, team) = got
                .get(name)
                .unwrap_or_else(|| panic!("{csv}: {name} not imported"));
            assert_eq!(role, t["role"].as_str().unwrap(), "{csv}: {name}'s role");
            assert_eq!(
                manager.as_deref(),
                t["manager"].as_str(),
                "{csv}: {name}'s manager"
            );
            assert_eq!(team.as_deref(), t["team"].as_str(), "{csv}: {name}'s team");
        }
        let mut unmapped: Vec<String> = summary.unmapped.iter().map(|(t, _)| t.clone()).collect();
        let mut expect: Vec<String> = truth["unmapped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        unmapped.sort();
        expect.sort();
        assert_eq!(unmapped, expect, "{csv}: unmapped titles");
    }
}

#[test]
fn every_layout_of_import_md_imports_without_a_map() {
    let cases = [
        (
            "id-keyed",
            "PersonID,SupervisorID,Name,Title,Department\n1,,Dana Diaz,VP Engineering,Eng\n2,1,Bo Park,Engineering Manager,Checkout\n3,2,Ana Ruiz,Software Engineer,Checkout\n",
        ),
        (
            "email-keyed",
            "Work Email,First Name,Last Name,Job Title,Manager\ndana@x.io,Dana,Diaz,VP Engineering,\nbo@x.io,Bo,Park,Engineering Manager,dana@x.io\nana@x.io,Ana,Ruiz,Software Engineer,bo@x.io\n",
        ),
        (
            "boss-id",
            "ID,First Name,Last Name,Boss ID\n10,Dana,Diaz,\n11,Bo,Park,10\n12,Ana,Ruiz,11\n",
        ),
        (
            "name-keyed (draw.io)",
            "## draw.io org chart\n# label: %name%\n# parentstyle: swimlane\nname,position,id,manager\nDana Diaz,VP Engineering,dd,\nBo Park,Engineering Manager,bp,Dana Diaz\nAna Ruiz,Software Engineer,ar,Bo Park\n",
        ),
        (
            "directory DN",
            "cn;mail;title;manager\nDana Diaz;dana@x.io;VP Engineering;\nBo Park;bo@x.io;Engineering Manager;CN=Dana Diaz,OU=Eng,DC=acme,DC=com\nAna Ruiz;ana@x.io;Software Engineer;CN=Bo Park,OU=Eng,DC=acme,DC=com\n",
        ),
    ];
    for (what, text) in cases {
        let org =
            import_text(&format!("{what}.csv"), text).unwrap_or_else(|e| panic!("{what}: {e}"));
        let d = described(&org);
        assert_eq!(d.len(), 3, "{what}");
        assert_eq!(d["Dana Diaz"].1, None, "{what}");
        assert_eq!(d["Bo Park"].1.as_deref(), Some("Dana Diaz"), "{what}");
        assert_eq!(d["Ana Ruiz"].1.as_deref(), Some("Bo Park"), "{what}");
        if !what.starts_with("boss") {
            assert_eq!(d["Bo Park"].0, "EM", "{what}");
        }
    }
}

#[test]
fn spreadsheets_and_utf16_text() {
    let bytes = std::fs::read("tests/fixtures/import/workday.xlsx").unwrap();
    let t = table::read(&bytes, "workday.xlsx", Some("People")).unwrap();
    let (org, _) = import(&t, "workday.xlsx", &Options::default()).unwrap();
    let d = described(&org);
    // Preferred name wins over the legal first name; numeric ids work.
    assert_eq!(
        d["Bob Park"],
        (
            "EM".into(),
            Some("Dana Diaz".into()),
            Some("Checkout".into())
        )
    );
    assert_eq!(d["Li Wei"].0, "TPM");
    // The first sheet is a note, not people: naming it fails clearly.
    let e = table::read(&bytes, "workday.xlsx", Some("Nope")).unwrap_err();
    assert!(e.to_string().contains("no sheet \"Nope\""), "{e}");
    // Excel's "Unicode text": UTF-16LE, tab-separated.
    let mut b = vec![0xFF, 0xFE];
    for u in "Name\tJob Title\tManager\r\nDana Diaz\tDirector\t\r\nBo Park\tStaff Engineer\tDana Diaz\r\n".encode_utf16() {
        b.extend(u.to_le_bytes());
    }
    let t = table::read(&b, "people.txt", None).unwrap();
    let (org, _) = import(&t, "people.txt", &Options::default()).unwrap();
    assert_eq!(described(&org)["Bo Park"].0, "Staff");
}

#[test]
fn the_same_export_twice_gives_the_same_file() {
    let a = orgplan::io::to_canonical_string(&import_file("tests/fixtures/import/A.csv").0);
    let b = orgplan::io::to_canonical_string(&import_file("tests/fixtures/import/A.csv").0);
    assert_eq!(a, b);
    // Ids come from the keys: stable across re-ordered exports.
    let text = std::fs::read_to_string("tests/fixtures/import/A.csv").unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    lines.reverse();
    let reordered = format!("{header}\n{}\n", lines.join("\n"));
    let org2 = import_text("A.csv", &reordered).unwrap();
    let org1 = import_file("tests/fixtures/import/A.csv").0;
    let ids = |o: &Org| {
        let mut v: Vec<String> = o
            .people
            .iter()
            .map(|p| format!("{} {}", p.id, p.name))
            .collect();
        v.sort();
        v
    };
    assert_eq!(ids(&org1), ids(&org2));
}

#[test]
fn import_export_import_gives_the_same_org() {
    for path in ["tests/fixtures/import/A.csv", "tests/fixtures/import/B.csv"] {
        let opts = Options {
            name: Some("Acme".into()),
            ..Options::default()
        };
        let (first, _) = import(&read(path), path, &opts).unwrap();
        let csv = orgplan::import::export_people_csv(&first);
        let t = table::read(csv.as_bytes(), "export.csv", None).unwrap();
        let (mut second, _) = import(&t, "export.csv", &opts).unwrap();
        // The same org; only the record of where it came from differs.
        if let Some(r) = second.imported.as_mut() {
            r.source = first.imported.as_ref().unwrap().source.clone();
        }
        assert_eq!(
            orgplan::io::to_canonical_string(&first),
            orgplan::io::to_canonical_string(&second),
            "{path}"
        );
    }
}

#[test]
fn reimport_updates_what_hr_owns_and_keeps_the_plan() {
    let (base, _) = import_file("tests/fixtures/import/A.csv");
    // The plan: an initiative, a hat, an open seat, an extra membership, a
    // position, a waiver.
    let mut plan = base.clone();
    let em = plan
        .people
        .iter()
        .find(|p| p.role.as_str() == "EM")
        .unwrap()
        .id
        .clone();
    let first_team = plan.teams[1].id.clone();
    let other_team = plan.teams[2].id.clone();
    let mut ini = orgplan::model::Initiative::new("launch", "Launch");
    ini.teams = vec![first_team.clone(), other_team.clone()];
    ini.lead = Some(em.clone());
    plan.initiatives.push(ini);
    let p0 = plan.people.iter().position(|p| p.id == em).unwrap();
    plan.people[p0]
        .hats
        .push(orgplan::model::RoleId::new("PMT"));
    plan.teams[1].open_seats.push(orgplan::model::OpenSeat {
        role: orgplan::model::RoleId::new("PM"),
        note: "req 1".into(),
    });
    let side = plan
        .teams
        .iter()
        .position(|t| t.member(&em).is_none())
        .unwrap();
    plan.teams[side].members.push(orgplan::model::Member::new(
        em.clone(),
        orgplan::model::Allocation::new(20).unwrap(),
    ));
    plan.teams[1].position = Some(orgplan::model::Point { x: 10.0, y: 20.0 });
    // HR changes: someone leaves, someone joins, a manager changes, a
    // title changes, someone moves team.
    let text = std::fs::read_to_string("tests/fixtures/import/A.csv").unwrap();
    let mut rows: Vec<String> = text.lines().map(str::to_string).collect();
    let leaver_row = rows
        .iter()
        .position(|r| r.starts_with(&format!("{},", em.as_str())))
        .unwrap();
    let leaver_line = rows.remove(leaver_row);
    let leaver_name = leaver_line.split(',').nth(2).unwrap().to_string();
    // HR moves the leaver's reports to the leaver's manager.
    let leaver_manager = leaver_line.split(',').nth(1).unwrap().to_string();
    for row in &mut rows {
        let cells: Vec<&str> = row.split(',').collect();
        if cells.get(1) == Some(&em.as_str()) {
            let mut cells: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
            cells[1] = leaver_manager.clone();
            *row = cells.join(",");
        }
    }
    rows.push(format!(
        "9999,{},New Hire,Software Engineer,{}",
        base.people[0].id, plan.teams[1].name
    ));
    let text2 = rows.join("\n") + "\n";
    let new_import = import_text("A2.csv", &text2).unwrap();
    let updated = merge(&plan, &new_import);
    // The leaver is gone from people, teams and the initiative.
    assert!(updated.people.iter().all(|p| p.name != leaver_name));
    assert!(updated.teams.iter().all(|t| t.member(&em).is_none()));
    assert_eq!(
        updated
            .initiative(&orgplan::model::InitiativeId::new("launch"))
            .unwrap()
            .lead,
        None
    );
    // The new hire is in their team.
    let hire = updated
        .people
        .iter()
        .find(|p| p.name == "New Hire")
        .unwrap();
    assert!(
        updated
            .team(&first_team)
            .unwrap()
            .member(&hire.id)
            .is_some()
    );
    // The plan is kept: initiative, seat, position.
    assert!(
        updated
            .initiative(&orgplan::model::InitiativeId::new("launch"))
            .is_some()
    );
    assert_eq!(updated.team(&first_team).unwrap().open_seats.len(), 1);
    assert_eq!(
        updated.team(&first_team).unwrap().position,
        Some(orgplan::model::Point { x: 10.0, y: 20.0 })
    );
    // The result is valid, and re-importing the same export changes nothing.
    let text = orgplan::io::to_canonical_string(&updated);
    orgplan::io::load_str(&text, "x").unwrap();
    let again = merge(&updated, &new_import);
    assert_eq!(orgplan::io::to_canonical_string(&again), text);
}

#[test]
fn reimport_keeps_hats_extra_memberships_and_moves_home_teams() {
    let csv1 = "id,name,title,manager,team\n1,Dana,Director,,Core\n2,Bo,Engineering Manager,1,Core\n3,Ana,Software Engineer,2,Core\n";
    let base = import_text("p.csv", csv1).unwrap();
    let mut plan = base.clone();
    plan.people[2].hats.push(orgplan::model::RoleId::new("PM"));
    let mut side = orgplan::model::Team::new("guild", "Guild");
    side.members.push(orgplan::model::Member::new(
        plan.people[2].id.clone(),
        orgplan::model::Allocation::new(20).unwrap(),
    ));
    plan.teams.push(side);
    // Ana moves to Edge in HR; Bo's title changes.
    let csv2 = "id,name,title,manager,team\n1,Dana,Director,,Core\n2,Bo,Staff Engineer,1,Core\n3,Ana,Software Engineer,2,Edge\n";
    let hr = import_text("p.csv", csv2).unwrap();
    let up = merge(&plan, &hr);
    let ana = up.people.iter().find(|p| p.name == "Ana").unwrap();
    assert_eq!(ana.hats.len(), 1, "a hat is the plan's");
    assert!(
        up.team(&orgplan::model::TeamId::new("edge"))
            .unwrap()
            .member(&ana.id)
            .is_some()
    );
    assert!(
        up.team(&orgplan::model::TeamId::new("core"))
            .unwrap()
            .member(&ana.id)
            .is_none()
    );
    assert!(
        up.team(&orgplan::model::TeamId::new("guild"))
            .unwrap()
            .member(&ana.id)
            .is_some(),
        "an extra membership is the plan's"
    );
    assert_eq!(
        up.people
            .iter()
            .find(|p| p.name == "Bo")
            .unwrap()
            .role
            .as_str(),
        "Staff"
    );
}

#[test]
fn bad_input_is_one_line_naming_file_and_row() {
    let cases: [(&str, &str, &str); 8] = [
        (
            "dup.csv",
            "Employee ID,Name\n1043,A\n7,B\n1043,C\n",
            "dup.csv:4: employee id 1043 appears again (first on row 2)",
        ),
        (
            "nobody.csv",
            "id,name,manager\n1,A,\n2,B,99\n",
            "nobody.csv:3: manager \"99\" matches nobody",
        ),
        (
            "twins.csv",
            "name,manager\nAlex Kim,\nAlex Kim,\nSam Lee,Alex Kim\n",
            "twins.csv:4: manager \"Alex Kim\" matches 2 people (rows 2, 3)",
        ),
        (
            "cycle.csv",
            "id,name,manager\n1,A,3\n2,B,1\n3,C,2\n",
            "managers go round in a circle: A → C → B → A",
        ),
        (
            "cols.csv",
            "Foo,Bar\n1,2\n",
            "cols.csv: no name column (Name, Full Name, Display Name, or First Name + Last Name); headers found: Foo, Bar",
        ),
        (
            "noname.csv",
            "id,name\n1,A\n2,\n",
            "noname.csv:3: this person has no name",
        ),
        ("empty.csv", "", "empty.csv: is empty: no header row"),
        (
            "own.csv",
            "id,name,manager\n1,A,1\n",
            "own.csv:2: A is their own manager",
        ),
    ];
    for (name, text, expect) in cases {
        let e = import_text(name, text).unwrap_err();
        assert!(!e.contains('\n'), "{e}");
        assert!(e.contains(expect), "{name}: {e}");
    }
    let binary = table::read(&[0u8, 159, 146, 150, 1, 2, 3], "x.csv", None).unwrap_err();
    assert!(
        binary
            .to_string()
            .contains("is not a CSV file or a spreadsheet"),
        "{binary}"
    );
    // --strict makes unmapped titles an error.
    let t = table::read(b"name,title\nA,Alchemist\n", "s.csv", None).unwrap();
    let e = import(
        &t,
        "s.csv",
        &Options {
            strict: true,
            ..Options::default()
        },
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("--strict") && e.contains("Alchemist"), "{e}");
}

#[test]
fn mutated_exports_never_panic() {
    let sources: Vec<Vec<u8>> = [
        "tests/fixtures/import/A.csv",
        "tests/fixtures/import/B.csv",
        "tests/fixtures/import/workday.xlsx",
    ]
    .iter()
    .map(|p| std::fs::read(p).unwrap())
    .collect();
    let mut r = orgplan::support::generate::Rng::new(42);
    let rounds = std::env::var("ORGPLAN_FUZZ_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1500);
    for round in 0..rounds {
        let (name, src) = match round % 3 {
            0 => ("a.csv", &sources[0]),
            1 => ("b.csv", &sources[1]),
            _ => ("w.xlsx", &sources[2]),
        };
        let mut b = src.clone();
        for _ in 0..1 + r.range(0, 3) {
            if b.is_empty() {
                break;
            }
            let i = r.range(0, b.len() - 1);
            match r.range(0, 4) {
                0 => b[i] = r.next_u64() as u8,
                1 => b[i] = *r.pick(b",;\t\"\n\r@=#"),
                2 => b.truncate(i),
                3 => {
                    let j = r.range(0, b.len() - 1);
                    let chunk: Vec<u8> = b[j..(j + 40).min(b.len())].to_vec();
                    b.splice(i..i, chunk);
                }
                _ => {
                    b.drain(i..(i + 30).min(b.len()));
                }
            }
        }
        if let Ok(t) = table::read(&b, name, None) {
            match import(&t, name, &Options::default()) {
                Ok((org, _)) => {
                    let text = orgplan::io::to_canonical_string(&org);
                    orgplan::io::load_str(&text, "x").unwrap();
                }
                Err(e) => assert!(!e.to_string().contains('\n'), "{e}"),
            }
        }
    }
}

// --- the command ---

fn orgplan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_orgplan"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_command_writes_prints_and_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("acme.org.ron");
    let o = orgplan(&[
        "import",
        "tests/fixtures/import/A.csv",
        "-o",
        out.to_str().unwrap(),
        "--name",
        "Acme",
        "--today",
        "2026-11-22",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let summary = String::from_utf8_lossy(&o.stdout);
    for part in [
        "68 people, 10 teams",
        "Roles by title:",
        "Unmapped titles",
        "map line: (pattern: \"ux designer\", role: \"Engineer\"),",
        "Gaps in the new org:",
    ] {
        assert!(summary.contains(part), "{part}\n{summary}");
    }
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(orgplan::io::load_str(&text, "x").unwrap().name, "Acme");
    // Refuses to replace an existing file without --force.
    let before = std::fs::read(&out).unwrap();
    let o = orgplan(&[
        "import",
        "tests/fixtures/import/B.csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already exists"));
    assert_eq!(std::fs::read(&out).unwrap(), before);
    // Never writes over the export itself.
    let csv = dir.path().join("people.csv");
    std::fs::copy("tests/fixtures/import/A.csv", &csv).unwrap();
    let o = orgplan(&[
        "import",
        csv.to_str().unwrap(),
        "-o",
        csv.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        std::fs::read("tests/fixtures/import/A.csv").unwrap()
    );
    // Re-import into the file: the change list and gap delta are printed.
    let o = orgplan(&[
        "import",
        "tests/fixtures/import/A.csv",
        "--into",
        out.to_str().unwrap(),
        "--today",
        "2026-11-22",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .contains("No changes: the org already matches the export.")
    );
    // A bad export: exit 2, one line, nothing written.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "id,name,manager\n1,A,\n2,B,77\n").unwrap();
    let target = dir.path().join("never.org.ron");
    let o = orgplan(&[
        "import",
        bad.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("bad.csv:3:"), "{e}");
    assert!(!target.exists());
    // --print-map is a valid map file.
    let o = orgplan(&["import", "--print-map"]);
    let map = String::from_utf8(o.stdout).unwrap();
    orgplan::import::MapFile::parse(&map, "map.ron").unwrap();
    // A map file maps a title to a custom role.
    let m = dir.path().join("map.ron");
    std::fs::write(
        &m,
        "(titles: [(pattern: \"ux designer\", role: \"Designer\")], roles: [(id: \"Designer\", name: \"Product designer\", provides: {\"roadmap\": StopGap})])",
    )
    .unwrap();
    let o = orgplan(&[
        "import",
        "tests/fixtures/import/A.csv",
        "--map",
        m.to_str().unwrap(),
        "--strict",
    ]);
    assert_eq!(o.status.code(), Some(2), "Data Scientist is still unmapped");
    let o = orgplan(&[
        "import",
        "tests/fixtures/import/A.csv",
        "--map",
        m.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let org = orgplan::io::load_str(&String::from_utf8(o.stdout).unwrap(), "x").unwrap();
    assert!(org.people.iter().any(|p| p.role.as_str() == "Designer"));
    assert!(org.roles.iter().any(|r| r.id.as_str() == "Designer"));
}

#[test]
fn export_people_csv_round_trips_through_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("a.org.ron");
    let o = orgplan(&[
        "import",
        "tests/fixtures/import/A.csv",
        "--name",
        "A",
        "-o",
        org.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let csv = dir.path().join("people.csv");
    let o = orgplan(&[
        "export",
        org.to_str().unwrap(),
        "--people",
        "csv",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let again = dir.path().join("b.org.ron");
    let o = orgplan(&[
        "import",
        csv.to_str().unwrap(),
        "--name",
        "A",
        "-o",
        again.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    // The same org; only the record of the file it came from differs.
    let read_org = |p: &std::path::Path| {
        let mut o = orgplan::io::load_file(p).unwrap();
        if let Some(r) = o.imported.as_mut() {
            r.source.clear();
        }
        orgplan::io::to_canonical_string(&o)
    };
    assert_eq!(read_org(&org), read_org(&again));
}

/// Issue 20.10: "skip these people" leaves out everyone with a title; their
/// reports get the next manager up who stays, in the org and in the
/// record, and a re-import skips them again without a choice being made.
#[test]
fn skipped_titles_leave_their_people_out_and_stay_skipped_on_reimport() {
    let text = "Employee ID,Name,Title,Manager ID,Team,Dotted\n\
                1,Ana Director,Director of Engineering,,Core,\n\
                2,Bo Designer,UX Designer,1,Core,\n\
                3,Cy Engineer,Software Engineer,2,Core,5\n\
                4,Di Engineer,Software Engineer,2,Core,\n\
                5,Ed Designer,ux designer,3,Core,\n\
                6,Fay Recruiter,Recruiter,1,,\n";
    let t = table::read(text.as_bytes(), "hr.csv", None).unwrap();
    let opts = Options {
        skip_titles: vec!["UX Designer".into(), "Recruiter".into()],
        ..Options::default()
    };
    let (org, summary) = import(&t, "hr.csv", &opts).unwrap();
    let names: Vec<&str> = org.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana Director", "Cy Engineer", "Di Engineer"]);
    let id_of = |n: &str| {
        org.people
            .iter()
            .find(|p| p.name == n)
            .map(|p| p.id.clone())
            .unwrap()
    };
    let ana = id_of("Ana Director");
    for n in ["Cy Engineer", "Di Engineer"] {
        let p = org.person(&id_of(n)).unwrap();
        assert_eq!(
            p.manager.as_ref(),
            Some(&ana),
            "{n} reports to the next manager up"
        );
        assert!(
            p.dotted.is_empty(),
            "the dotted line to a skipped person is gone"
        );
    }
    assert!(org.teams.iter().all(|t| t.members.len() == 3));
    let skipped: Vec<(&str, usize)> = summary
        .skipped
        .iter()
        .map(|(t, n)| (t.as_str(), *n))
        .collect();
    assert_eq!(
        skipped,
        [("Recruiter", 1), ("UX Designer", 1), ("ux designer", 1)]
    );
    assert!(
        summary.text().contains("Skipped 3 people"),
        "{}",
        summary.text()
    );
    let rec = org.imported.as_deref().unwrap();
    assert_eq!(rec.people.len(), 3);
    assert!(rec.skipped.contains("UX Designer") && rec.skipped.contains("Recruiter"));
    // The file keeps the choice, and reads back the same.
    let written = orgplan::io::to_canonical_string(&org);
    assert!(written.contains("skipped: ["), "{written}");
    let back = orgplan::io::load_str(&written, "org.ron").unwrap();
    assert_eq!(back.imported.as_deref().unwrap().skipped, rec.skipped);
    // Next month: the same export plus a hire; no choice is passed, the
    // skipped stay out, and nothing else changes.
    let next = format!("{text}7,Gus Engineer,Software Engineer,1,Core,\n");
    let t2 = table::read(next.as_bytes(), "hr.csv", None).unwrap();
    let again = Options::default().for_reimport_into(&back);
    let (hr, s2) = import(&t2, "hr.csv", &again).unwrap();
    assert_eq!(s2.skipped.iter().map(|(_, n)| n).sum::<usize>(), 3);
    let merged = merge(&back, &hr);
    let names: Vec<&str> = merged.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Ana Director", "Cy Engineer", "Di Engineer", "Gus Engineer"]
    );
    // A role picked for a skipped title brings its people back.
    let unskip = Options {
        title_roles: vec![("UX Designer".into(), orgplan::model::RoleId::new("PM"))],
        ..Options::default()
    }
    .for_reimport_into(&back);
    let (hr, _) = import(&t2, "hr.csv", &unskip).unwrap();
    assert!(
        hr.people
            .iter()
            .any(|p| p.name == "Bo Designer" && p.role.as_str() == "PM")
    );
    assert!(!hr.people.iter().any(|p| p.name == "Fay Recruiter"));
}
