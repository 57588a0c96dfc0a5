//! Re-import you can trust (issue 16): the monthly journey (import, plan,
//! re-import next month's export) as a three-way merge. Each test is a
//! reproducer of a way the plan was lost or misattributed.
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use orgplan::import::{MergeOptions, Options, Prefer, import, reimport, table};
use orgplan::model::{Allocation, Member, Org, Person, RoleId, Team, TeamId};
use std::process::Command;

fn import_text(name: &str, text: &str, opts: &Options) -> Org {
    let t = table::read(text.as_bytes(), name, None).unwrap_or_else(|e| panic!("{e}"));
    import(&t, name, opts).unwrap_or_else(|e| panic!("{e}")).0
}

fn merge(plan: &Org, hr: &Org) -> orgplan::import::Merged {
    reimport(plan, hr, &MergeOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn person<'a>(org: &'a Org, name: &str) -> &'a Person {
    org.people
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} not in the org"))
}

fn teams_of(org: &Org, name: &str) -> Vec<(String, u32)> {
    let id = &person(org, name).id;
    org.teams
        .iter()
        .filter_map(|t| {
            t.member(id)
                .map(|m| (t.name.clone(), m.allocation.percent()))
        })
        .collect()
}

const MONTH1: &str = "Employee ID,Name,Job Title,Manager,Team\n\
1,Dana Diaz,VP Engineering,,Platform\n\
2,Bo Park,Engineering Manager,1,Payments\n\
3,Ana Ruiz,Software Engineer,2,Payments\n\
4,Wes Lund,Software Engineer,2,Payments\n\
5,Cy Ho,Senior Software Engineer,2,Payments\n\
6,Eve Kim,Engineering Manager,1,Checkout\n\
7,Ian Roy,Software Engineer,6,Checkout\n\
8,Jo Ng,Software Engineer,6,Checkout\n";

/// Month 2: Jo Ng leaves, Kai Lee joins Checkout, Cy Ho becomes Staff.
const MONTH2: &str = "Employee ID,Name,Job Title,Manager,Team\n\
1,Dana Diaz,VP Engineering,,Platform\n\
2,Bo Park,Engineering Manager,1,Payments\n\
3,Ana Ruiz,Software Engineer,2,Payments\n\
4,Wes Lund,Software Engineer,2,Payments\n\
5,Cy Ho,Staff Engineer,2,Payments\n\
6,Eve Kim,Engineering Manager,1,Checkout\n\
7,Ian Roy,Software Engineer,6,Checkout\n\
9,Kai Lee,Software Engineer,6,Checkout\n";

/// The plan: Ana and Wes moved to a new team, Checkout Growth.
fn planned(base: &Org) -> Org {
    let mut plan = base.clone();
    let mut growth = Team::new("checkout-growth", "Checkout Growth");
    for name in ["Ana Ruiz", "Wes Lund"] {
        let id = person(&plan, name).id.clone();
        for t in &mut plan.teams {
            t.members.retain(|m| m.person != id);
        }
        growth.members.push(Member::new(id, Allocation::FULL));
    }
    plan.teams.push(growth);
    plan
}

#[test]
fn planned_moves_stay_moved_and_are_never_doubled() {
    let base = import_text("people.csv", MONTH1, &Options::default());
    let plan = planned(&base);
    let hr = import_text("people.csv", MONTH2, &Options::default());
    let m = merge(&plan, &hr);
    for name in ["Ana Ruiz", "Wes Lund"] {
        assert_eq!(
            teams_of(&m.org, name),
            [("Checkout Growth".to_string(), 100)],
            "{name} stays where the plan moved them, once"
        );
    }
    // HR's own changes are taken.
    assert!(m.org.people.iter().all(|p| p.name != "Jo Ng"));
    assert_eq!(teams_of(&m.org, "Kai Lee"), [("Checkout".to_string(), 100)]);
    assert_eq!(person(&m.org, "Cy Ho").role.as_str(), "Staff");
    // No over-allocation appears.
    let checked = orgplan::rules::check(&m.org, orgplan::model::Date::today());
    assert!(
        checked.findings.iter().all(|f| f.rule.code != "L001"),
        "no L001 after the re-import"
    );
    // The preview names every change.
    let lines = m.report.lines().join("\n");
    assert!(lines.contains("+ Kai Lee (Checkout)"), "{lines}");
    assert!(lines.contains("- Jo Ng"), "{lines}");
    assert!(lines.contains("Cy Ho: Senior → Staff"), "{lines}");
    assert!(
        !lines.contains("Ana Ruiz"),
        "a planned move is not HR's change: {lines}"
    );
}

#[test]
fn both_changed_is_a_named_conflict_kept_for_the_plan_unless_hr_is_preferred() {
    let base = import_text("people.csv", MONTH1, &Options::default());
    let plan = planned(&base);
    // HR moves Wes to Checkout; the plan had moved him to Checkout Growth.
    let month2 = MONTH1.replace(
        "4,Wes Lund,Software Engineer,2,Payments",
        "4,Wes Lund,Software Engineer,2,Checkout",
    );
    let hr = import_text("people.csv", &month2, &Options::default());
    let m = merge(&plan, &hr);
    assert_eq!(
        teams_of(&m.org, "Wes Lund"),
        [("Checkout Growth".to_string(), 100)]
    );
    assert_eq!(m.report.conflicts.len(), 1);
    assert_eq!(
        m.report.conflicts[0].text(),
        "Wes Lund: HR moved them to Checkout, the plan to Checkout Growth; kept Checkout Growth"
    );
    let hr_wins = reimport(
        &plan,
        &hr,
        &MergeOptions {
            prefer: Prefer::Hr,
            ..MergeOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        teams_of(&hr_wins.org, "Wes Lund"),
        [("Checkout".to_string(), 100)]
    );
}

#[test]
fn people_keep_their_plan_when_rows_come_in_another_order() {
    // No key column, no email: names of several scripts, two of them
    // shared.
    let rows = [
        "Иван Петров,Software Engineer,,Core",
        "Γιώργος Παπαδόπουλος,Software Engineer,Иван Петров,Core",
        "محمد علي,Senior Software Engineer,Иван Петров,Core",
        "王伟,Software Engineer,Иван Петров,Core",
        "李娜,Staff Engineer,Иван Петров,Core",
    ];
    let head = "Name,Job Title,Manager,Team\n";
    let month1 = format!("{head}{}\n", rows.join("\n"));
    let base = import_text("people.csv", &month1, &Options::default());
    let ids: Vec<&str> = base.people.iter().map(|p| p.id.as_str()).collect();
    assert!(
        ids.iter()
            .all(|i| !i.starts_with("item") && !i.starts_with("person")),
        "ids are transliterated, not dropped: {ids:?}"
    );
    let mut uniq = ids.clone();
    uniq.sort();
    uniq.dedup();
    assert_eq!(uniq.len(), ids.len());
    // The plan: a note and a hat on 王伟.
    let mut plan = base.clone();
    let k = plan.people.iter().position(|p| p.name == "王伟").unwrap();
    plan.people[k].note = "leads the migration".into();
    plan.people[k].hats.push(RoleId::new("TPM"));
    // Next month's export lists the rows in reverse.
    let mut rev = rows.to_vec();
    rev.reverse();
    let month2 = format!("{head}{}\n", rev.join("\n"));
    let hr = import_text("people.csv", &month2, &Options::default());
    let m = merge(&plan, &hr);
    let w = person(&m.org, "王伟");
    assert_eq!(w.note, "leads the migration");
    assert_eq!(w.hats, [RoleId::new("TPM")]);
    assert!(m.report.changes() == 0, "{:?}", m.report.lines());
    // Emails that share a local part are different people with different ids.
    let csv = "Work Email,Name,Job Title\nann.lee@x.com,Ann Lee,Engineer\nann.lee@y.com,Ann Lee,Engineer\n";
    let o = import_text("e.csv", csv, &Options::default());
    assert_ne!(o.people[0].id, o.people[1].id);
    let csv_rev = "Work Email,Name,Job Title\nann.lee@y.com,Ann Lee,Engineer\nann.lee@x.com,Ann Lee,Engineer\n";
    let o2 = import_text("e.csv", csv_rev, &Options::default());
    let id_of = |o: &Org, email: &str| {
        let rec = o.imported.as_ref().unwrap();
        rec.people
            .iter()
            .find(|p| p.email == email)
            .unwrap()
            .id
            .clone()
    };
    assert_eq!(
        id_of(&o, "ann.lee@x.com"),
        id_of(&o2, "ann.lee@x.com"),
        "ids do not follow row order"
    );
}

#[test]
fn import_export_reimport_changes_nothing_byte_for_byte() {
    // Straight after an import: byte for byte.
    let base = import_text("people.csv", MONTH1, &Options::default());
    let before = orgplan::io::to_canonical_string(&base);
    let csv = orgplan::import::export_people_csv(&base);
    let hr = import_text(
        "export.csv",
        &csv,
        &Options::default().for_reimport_into(&base),
    );
    let m = merge(&base, &hr);
    assert_eq!(m.report.changes(), 0, "{:?}", m.report.lines());
    assert_eq!(orgplan::io::to_canonical_string(&m.org), before);
    // With a plan on top, the export is the plan's view: nothing in the
    // org changes (the record learns that HR now agrees with the plan).
    let plan = planned(&base);
    let csv = orgplan::import::export_people_csv(&plan);
    let hr = import_text(
        "export.csv",
        &csv,
        &Options::default().for_reimport_into(&plan),
    );
    let m = merge(&plan, &hr);
    assert_eq!(m.report.changes(), 0, "{:?}", m.report.lines());
    assert!(m.report.conflicts.is_empty());
    let strip = |o: &Org| {
        let mut o = o.clone();
        o.imported = None;
        orgplan::io::to_canonical_string(&o)
    };
    assert_eq!(strip(&m.org), strip(&plan));
}

#[test]
fn the_scaleup_sample_round_trips_without_a_change() {
    let text = std::fs::read_to_string("samples/scaleup.org.ron").unwrap();
    let org = orgplan::io::load_str(&text, "scaleup.org.ron").unwrap();
    let csv = orgplan::import::export_people_csv(&org);
    let opts = Options::default().for_reimport_into(&org);
    let hr = import_text("scaleup.csv", &csv, &opts);
    let m = merge(&org, &hr);
    assert_eq!(m.report.changes(), 0, "{:?}", m.report.lines());
    assert!(m.report.conflicts.is_empty());
    let d = orgplan::diff::Diff::new(&org, &m.org, orgplan::model::Date::today());
    assert!(d.changes.is_empty(), "{}", d.headline());
    assert!(d.gaps.opened.is_empty() && d.gaps.closed.is_empty());
    // The first re-import records its base; the next one is byte for byte.
    let again_csv = orgplan::import::export_people_csv(&m.org);
    let hr2 = import_text(
        "scaleup.csv",
        &again_csv,
        &Options::default().for_reimport_into(&m.org),
    );
    let m2 = merge(&m.org, &hr2);
    assert_eq!(
        orgplan::io::to_canonical_string(&m2.org),
        orgplan::io::to_canonical_string(&m.org)
    );
}

#[test]
fn a_reimport_keyed_on_another_column_matches_by_email_or_name() {
    let a = "tests/fixtures/import/A.csv";
    let b = "tests/fixtures/import/B.csv";
    let read = |p: &str| {
        let bytes = std::fs::read(p).unwrap();
        table::read(&bytes, p, None).unwrap()
    };
    let base = import(&read(a), a, &Options::default()).unwrap().0;
    let mut plan = base.clone();
    // An initiative led by someone.
    let mut ini = orgplan::model::Initiative::new("launch", "Launch");
    ini.teams = plan.teams.iter().take(2).map(|t| t.id.clone()).collect();
    ini.lead = Some(plan.people[3].id.clone());
    plan.initiatives.push(ini);
    let hr = import(&read(b), b, &Options::default().for_reimport_into(&plan))
        .unwrap()
        .0;
    let m = merge(&plan, &hr);
    assert_eq!(m.report.matched, 68);
    assert!(m.report.joined.is_empty() && m.report.left.is_empty());
    assert_eq!(m.org.initiatives[0].lead, Some(plan.people[3].id.clone()));
    // An export of another org is refused, naming the counts.
    let other = import_text(
        "other.csv",
        "Employee ID,Name,Job Title\nx1,Zed One,Engineer\nx2,Zed Two,Engineer\nx3,Zed Three,Engineer\n",
        &Options::default(),
    );
    let e = reimport(&plan, &other, &MergeOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "only 0 of 3 people in the export match people of the org: it looks like another org's export (use --force to re-import it anyway)"
    );
    assert!(
        reimport(
            &plan,
            &other,
            &MergeOptions {
                force: true,
                ..MergeOptions::default()
            }
        )
        .is_ok()
    );
}

#[test]
fn title_choices_are_remembered_by_the_org() {
    let csv = "Employee ID,Name,Job Title,Manager,Team\n1,Dana Diaz,VP Engineering,,Core\n2,Sol Ark,Solutions Architect,1,Core\n";
    let opts = Options {
        title_roles: vec![("Solutions Architect".into(), RoleId::new("Staff"))],
        ..Options::default()
    };
    let base = import_text("p.csv", csv, &opts);
    assert_eq!(person(&base, "Sol Ark").role.as_str(), "Staff");
    // The file keeps the choice.
    let text = orgplan::io::to_canonical_string(&base);
    let reread = orgplan::io::load_str(&text, "p.org.ron").unwrap();
    assert_eq!(reread.imported, base.imported);
    // Next month, no picker: the org's choice is reused.
    let hr = import_text("p.csv", csv, &Options::default().for_reimport_into(&reread));
    let m = merge(&reread, &hr);
    assert_eq!(person(&m.org, "Sol Ark").role.as_str(), "Staff");
    assert_eq!(m.report.changes(), 0);
}

fn orgplan(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_orgplan"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn the_command_line_previews_every_change_and_refuses_another_org() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m1.csv"), MONTH1).unwrap();
    std::fs::write(dir.path().join("m2.csv"), MONTH2).unwrap();
    let o = orgplan(
        &[
            "import",
            "m1.csv",
            "-o",
            "org.org.ron",
            "--today",
            "2026-12-01",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The plan: move Ana and Wes.
    let text = std::fs::read_to_string(dir.path().join("org.org.ron")).unwrap();
    let org = orgplan::io::load_str(&text, "org.org.ron").unwrap();
    std::fs::write(
        dir.path().join("org.org.ron"),
        orgplan::io::to_canonical_string(&planned(&org)),
    )
    .unwrap();
    let o = orgplan(
        &[
            "import",
            "m2.csv",
            "--into",
            "org.org.ron",
            "--today",
            "2026-12-01",
        ],
        dir.path(),
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("What the re-import changes: 7 of 8 people in the export match the org; 1 joins, 1 leaves, 1 changes role; no conflicts"), "{out}");
    assert!(out.contains("+ Kai Lee (Checkout)"), "{out}");
    assert!(out.contains("- Jo Ng"), "{out}");
    assert!(out.contains("Cy Ho: Senior → Staff"), "{out}");
    assert!(out.contains("Gap delta:"), "{out}");
    let after = orgplan::io::load_str(
        &std::fs::read_to_string(dir.path().join("org.org.ron")).unwrap(),
        "org",
    )
    .unwrap();
    assert_eq!(
        teams_of(&after, "Wes Lund"),
        [("Checkout Growth".to_string(), 100)]
    );
    // Another org's export: refused, nothing written.
    std::fs::write(
        dir.path().join("other.csv"),
        "Employee ID,Name,Job Title\nx1,Zed One,Engineer\nx2,Zed Two,Engineer\nx3,Zed Three,Engineer\n",
    )
    .unwrap();
    let before = std::fs::read(dir.path().join("org.org.ron")).unwrap();
    let o = orgplan(
        &["import", "other.csv", "--into", "org.org.ron"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("only 0 of 3 people in the export match"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("org.org.ron")).unwrap(),
        before
    );
    // `-o -` is stdout, not a file named `-`.
    let o = orgplan(&["import", "m1.csv", "-o", "-"], dir.path());
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("#![enable(implicit_some)]"));
    assert!(!dir.path().join("-").exists());
}

#[test]
fn an_org_without_a_record_takes_hr_values_and_moves_home_teams() {
    // An org file written before the record existed.
    let base = import_text("people.csv", MONTH1, &Options::default());
    let mut legacy = base.clone();
    legacy.imported = None;
    let month2 = MONTH1.replace(
        "4,Wes Lund,Software Engineer,2,Payments",
        "4,Wes Lund,Software Engineer,6,Checkout",
    );
    let hr = import_text("people.csv", &month2, &Options::default());
    let m = merge(&legacy, &hr);
    assert!(m.report.no_base);
    assert_eq!(
        teams_of(&m.org, "Wes Lund"),
        [("Checkout".to_string(), 100)]
    );
    assert_eq!(
        person(&m.org, "Wes Lund").manager,
        Some(person(&m.org, "Eve Kim").id.clone())
    );
    assert!(m.org.imported.is_some(), "the re-import records its base");
    assert!(
        m.org
            .team(&TeamId::new("payments"))
            .unwrap()
            .member(&person(&m.org, "Wes Lund").id)
            .is_none()
    );
}

#[test]
fn a_summary_that_cannot_be_printed_writes_nothing() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m1.csv"), MONTH1).unwrap();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_orgplan"))
        .args(["import", "m1.csv", "-o", "out.org.ron"])
        .current_dir(dir.path())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("nothing written"), "{err}");
    assert!(!dir.path().join("out.org.ron").exists());
}

#[test]
fn a_manager_column_that_matches_ids_and_names_alike_is_read_as_ids() {
    // Row 1's id is 2 and its name "1"; row 2's id is 1 and its name "2":
    // "1" is Bo by id and Ana by name.
    let csv = "Employee ID,Name,Job Title,Manager\n2,1,Engineering Manager,\n1,2,Software Engineer,2\n3,Cy,Software Engineer,1\n";
    let o = import_text("p.csv", csv, &Options::default());
    let cy = o.people.iter().find(|p| p.name == "Cy").unwrap();
    assert_eq!(
        cy.manager.as_ref().map(|m| m.as_str()),
        Some("1"),
        "by id: the person with id 1"
    );
}

/// A department beside the team column: each team keeps its members' most
/// common department as its group (the canvas frames by it), written in
/// the file and its import record; a re-import takes HR's new department
/// unless the plan changed the team's group since the last import.
#[test]
fn departments_become_team_groups_and_merge_three_ways() {
    let month1 = "Employee ID,Name,Job Title,Manager,Team,Department\n\
1,Dana Diaz,VP Engineering,,Platform,Infrastructure\n\
2,Bo Park,Engineering Manager,1,Payments,Money\n\
3,Ana Ruiz,Software Engineer,2,Payments,Money\n\
4,Wes Lund,Software Engineer,2,Payments,Infrastructure\n\
5,Eve Kim,Engineering Manager,1,Checkout,Money\n\
6,Ian Roy,Software Engineer,5,Checkout,Money\n\
7,Lu Chen,Software Engineer,1,Ledger,Infrastructure\n";
    let base = import_text("hr.csv", month1, &Options::default());
    let group = |org: &Org, team: &str| {
        org.teams
            .iter()
            .find(|t| t.name == team)
            .unwrap_or_else(|| panic!("{team}"))
            .group
            .clone()
    };
    assert_eq!(group(&base, "Payments").as_deref(), Some("Money"), "2 of 3");
    assert_eq!(group(&base, "Checkout").as_deref(), Some("Money"));
    assert_eq!(group(&base, "Ledger").as_deref(), Some("Infrastructure"));
    let written = orgplan::io::to_canonical_string(&base);
    assert!(written.contains("group: \"Money\""), "{written}");
    let names: Vec<String> = orgplan::groups::groups(&base)
        .into_iter()
        .map(|g| format!("{} {}", g.name, g.teams))
        .collect();
    assert_eq!(names, ["Infrastructure 2", "Money 2"]);
    // The plan moves Ledger to Money; HR renames Money to Finance.
    let mut plan = orgplan::io::load_str(&written, "plan.org.ron").unwrap();
    let ledger = plan.teams.iter_mut().find(|t| t.name == "Ledger").unwrap();
    ledger.group = Some("Money".into());
    let month2 = month1.replace("Money", "Finance");
    let hr = import_text("hr.csv", &month2, &Options::default());
    let merged = merge(&plan, &hr).org;
    assert_eq!(
        group(&merged, "Payments").as_deref(),
        Some("Finance"),
        "HR's"
    );
    assert_eq!(group(&merged, "Checkout").as_deref(), Some("Finance"));
    assert_eq!(
        group(&merged, "Ledger").as_deref(),
        Some("Money"),
        "the plan's"
    );
    // A department column that only repeats the teams groups nothing.
    let same = import_text(
        "hr.csv",
        "id,name,title,manager,department_name,department_id\n\
1,Dana Diaz,VP Engineering,,Platform,10\n\
2,Bo Park,Engineering Manager,1,Payments,20\n\
3,Ana Ruiz,Software Engineer,2,Payments,20\n",
        &Options::default(),
    );
    assert!(
        same.teams.iter().all(|t| t.group.is_none()),
        "{:?}",
        same.teams
    );
}
