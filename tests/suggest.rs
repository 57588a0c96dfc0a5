//! `suggest`: the conformance cases solved to their exhaustive optimum,
//! the exact method against a brute force on random small orgs, the local
//! judgement against the whole rules engine, the candidate kinds, and the
//! command line (the proposal, exit codes, bad input).
#![allow(
    clippy::unwrap_used,
    reason = "a test: a failed unwrap is a failed test, with its line"
)]

use orgplan::catalog::Severity;
use orgplan::model::{Allocation, Date, Initiative, Member, Org, Person, Team};
use orgplan::suggest::eval::Evaluator;
use orgplan::suggest::solve::{Status, solve};
use orgplan::suggest::{Action, Kind, Options, candidates, exact, plan, search, targets};
use proptest::prelude::*;
use std::collections::HashSet;
use std::process::Command;

fn today() -> Date {
    Date::parse("2026-12-01").unwrap()
}

fn budget(secs: u64) -> search::Budget<'static> {
    search::Budget {
        deadline: std::time::Instant::now() + std::time::Duration::from_secs(secs),
        cancel: None,
    }
}

fn fixture(case: &str) -> (Org, serde_json::Value) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/suggest");
    let org = orgplan::io::load_file(&root.join(case).join("base.org.ron")).unwrap();
    let expect = serde_json::from_str(
        &std::fs::read_to_string(root.join(case).join("expect.json")).unwrap(),
    )
    .unwrap();
    (org, expect)
}

fn options_from(args: &[&str]) -> Options {
    let mut opts = Options::new(today());
    for w in args.windows(2) {
        match w[0] {
            "--fix" if w[1] == "warning" => opts.fix = Severity::Warning,
            "--allow" => {
                opts.allow = w[1]
                    .split(',')
                    .map(|k| *Kind::ALL.iter().find(|x| x.id() == k).unwrap())
                    .collect()
            }
            _ => {}
        }
    }
    opts
}

/// Each conformance case solved to its exhaustive optimum, said optimal.
#[test]
fn the_conformance_cases_are_solved_to_their_optimum() {
    for case in ["defaults", "fix-warning", "no-hires"] {
        let (org, expect) = fixture(case);
        let args: Vec<&str> = expect["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        let opts = options_from(&args);
        let s = solve(&org, &opts, &budget(30), &mut |_| {});
        let want: Vec<u64> = expect["objective"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap())
            .collect();
        assert_eq!(
            vec![
                s.objective.0 as u64,
                s.objective.1 as u64,
                u64::from(s.objective.2)
            ],
            want,
            "{case}: {:?}",
            s.actions()
        );
        assert_eq!(s.status, Status::Optimal, "{case}");
        assert_eq!(s.lower_bound, s.objective.2, "{case}");
        assert_eq!(s.targets.len() as u64, expect["targets"].as_u64().unwrap());
        assert_eq!(s.candidates as u64, expect["candidates"].as_u64().unwrap());
    }
}

/// A small random org: a few teams and initiatives, people of the usual
/// roles in one or two scopes (some over-allocated), some managers.
fn random_org(seed: u64) -> Org {
    let mut x = seed | 1;
    let mut next = |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let roles = [
        "EM", "PM", "TPM", "PgM", "Engineer", "Engineer", "TLM", "Staff", "PMT",
    ];
    let mut org = Org {
        name: format!("Random {seed}"),
        ..Org::default()
    };
    let teams = 2 + next(2) as usize;
    for t in 0..teams {
        org.teams
            .push(Team::new(format!("t{t}"), format!("Team {t}")));
    }
    let people = 5 + next(5) as usize;
    for p in 0..people {
        let role = roles[next(roles.len() as u64) as usize];
        let mut person = Person::new(format!("p{p}"), format!("Person {p}"), role);
        if p > 0 && next(2) == 0 {
            person.manager = Some(orgplan::model::PersonId::new(format!(
                "p{}",
                next(p as u64)
            )));
        }
        org.people.push(person);
        let t = next(teams as u64) as usize;
        let a = [40, 60, 80, 100][next(4) as usize];
        org.teams[t].members.push(Member::new(
            orgplan::model::PersonId::new(format!("p{p}")),
            Allocation::new(a).unwrap(),
        ));
    }
    let inis = 1 + next(2) as usize;
    for i in 0..inis {
        let mut ini = Initiative::new(format!("i{i}"), format!("Initiative {i}"));
        ini.teams = vec![
            orgplan::model::TeamId::new("t0"),
            orgplan::model::TeamId::new(format!("t{}", 1 + next(teams as u64 - 1))),
        ];
        for _ in 0..next(3) {
            let p = orgplan::model::PersonId::new(format!("p{}", next(people as u64)));
            if ini.members.iter().all(|m| m.person != p) {
                ini.members.push(Member::new(
                    p,
                    Allocation::new(20 + 10 * next(3) as u32).unwrap(),
                ));
            }
        }
        if next(3) == 0 {
            ini.lead = Some(orgplan::model::PersonId::new(format!(
                "p{}",
                next(people as u64)
            )));
        }
        if next(2) == 0 {
            ini.sponsor = Some(orgplan::model::PersonId::new(format!(
                "p{}",
                next(people as u64)
            )));
        }
        if next(4) == 0 {
            ini.open_seats.push(orgplan::model::OpenSeat {
                role: orgplan::model::RoleId::new("TPM"),
                note: String::new(),
            });
        }
        org.initiatives.push(ini);
    }
    // Dependencies, a dotted line, an open seat and a waiver now and then.
    if next(2) == 0 {
        org.teams[0]
            .depends_on
            .push(orgplan::model::TeamId::new("t1"));
    }
    if next(3) == 0 {
        let d = orgplan::model::PersonId::new(format!("p{}", next(people as u64)));
        org.people[people - 1].dotted.push(d);
    }
    if next(3) == 0 {
        org.teams[1].open_seats.push(orgplan::model::OpenSeat {
            role: orgplan::model::RoleId::new(roles[next(roles.len() as u64) as usize]),
            note: String::new(),
        });
    }
    if next(3) == 0 {
        org.waivers.push(orgplan::model::Waiver {
            rule: ["C001", "C002", "L004", "S005"][next(4) as usize].into(),
            subject: orgplan::model::Subject::Team(orgplan::model::TeamId::new("t0")),
            capability: None,
            reason: "known".into(),
            until: None,
        });
    }
    org
}

/// The objective of a set of actions, computed here from the rules engine
/// on the whole proposal as planned (independent of the solver's own).
fn brute_objective(org: &Org, chosen: &[&Action], opts: &Options) -> Option<(usize, usize, u32)> {
    let key = |f: &orgplan::rules::Finding| {
        format!(
            "{} {} {:?}",
            f.rule.code,
            f.subject,
            f.capability.map(|c| c.id())
        )
    };
    let base: HashSet<String> = orgplan::rules::check(&orgplan::rules::as_planned(org), opts.today)
        .findings
        .iter()
        .filter(|f| !f.waived() && f.severity <= Severity::Warning)
        .map(key)
        .collect();
    let proposal = plan::apply(org, chosen, plan::allocation_threshold(org))?;
    let report = orgplan::rules::check(&orgplan::rules::as_planned(&proposal), opts.today);
    let live: Vec<_> = report.findings.iter().filter(|f| !f.waived()).collect();
    Some((
        live.iter().filter(|f| f.severity <= opts.fix).count(),
        live.iter()
            .filter(|f| f.severity <= Severity::Warning && !base.contains(&key(f)))
            .count(),
        chosen.iter().map(|a| opts.cost(a.kind())).sum(),
    ))
}

/// The least objective over every subset of `cands` (the valid ones).
fn brute_force(org: &Org, cands: &[Action], opts: &Options) -> Option<(usize, usize, u32)> {
    let mut best: Option<(usize, usize, u32)> = None;
    for mask in 0u32..(1 << cands.len()) {
        let chosen: Vec<&Action> = (0..cands.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| &cands[i])
            .collect();
        if let Some(o) = brute_objective(org, &chosen, opts)
            && best.is_none_or(|b| o < b)
        {
            best = Some(o);
        }
    }
    best
}

fn small_case(seed: u64, fix_warning: bool) -> Option<(Org, Options, Vec<Action>)> {
    let org = random_org(seed);
    let mut opts = Options::new(today());
    if fix_warning {
        opts.fix = Severity::Warning;
    }
    let planned = orgplan::rules::as_planned(&org);
    let t = targets(&planned, &opts);
    let c = candidates(&planned, &t, &opts);
    (!t.is_empty() && c.len() <= 11).then_some((org, opts, c))
}

/// A random org at `--fix warning` with every kind of action allowed: the
/// org, the options, its report as planned, its targets and candidates.
fn every_kind_at_warning(seed: u64) -> Case {
    at_warning(random_org(seed))
}

/// What the judgement tests take: the org, the options, its report as
/// planned, its targets and candidates.
type Case = (
    Org,
    Options,
    orgplan::rules::Report,
    Vec<orgplan::rules::Finding>,
    Vec<Action>,
);

/// `org` at `--fix warning` with every kind of action allowed.
fn at_warning(org: Org) -> Case {
    let mut opts = Options::new(today());
    opts.fix = Severity::Warning;
    opts.allow = Kind::ALL.to_vec();
    let planned = orgplan::rules::as_planned(&org);
    let report = orgplan::rules::check(&planned, opts.today);
    let t = orgplan::suggest::targets_in(&report, &opts);
    let c = candidates(&planned, &t, &opts);
    (org, opts, report, t, c)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// On random small orgs the solver's objective is the minimum over
    /// every subset of the candidates, and it says optimal.
    #[test]
    fn the_exact_method_equals_a_brute_force(seed in any::<u64>(), warning in any::<bool>()) {
        let Some((org, opts, cands)) = small_case(seed, warning) else {
            return Ok(());
        };
        let best = brute_force(&org, &cands, &opts);
        let s = solve(&org, &opts, &budget(60), &mut |_| {});
        prop_assert_eq!(Some(s.objective), best, "seed {}: {:?}", seed, s.actions());
        prop_assert_eq!(s.status, Status::Optimal);
        // The plan is what it says, judged on the whole proposal.
        let refs: Vec<&Action> = s.steps.iter().map(|x| &x.action).collect();
        prop_assert_eq!(brute_objective(&org, &refs, &opts), Some(s.objective));
    }

    /// Each proof on its own, component by component from the empty plan
    /// (the tables, and the branch and bound they hand over to), reaches
    /// the brute force's optimum on random small orgs, hats included, and
    /// says it finished.
    #[test]
    fn both_proofs_equal_a_brute_force(seed in any::<u64>()) {
        // Every kind at warning where that leaves few enough candidates,
        // else the default kinds, at warning, else at error.
        let (org, mut opts, _, _, _) = every_kind_at_warning(seed);
        let planned = orgplan::rules::as_planned(&org);
        let report = orgplan::rules::check(&planned, opts.today);
        let mut few = None;
        for (kinds, fix) in [
            (Kind::ALL.to_vec(), Severity::Warning),
            (Options::new(today()).allow, Severity::Warning),
            (Options::new(today()).allow, Severity::Error),
        ] {
            opts.allow = kinds;
            opts.fix = fix;
            let t = orgplan::suggest::targets_in(&report, &opts);
            let c = candidates(&planned, &t, &opts);
            if !t.is_empty() && c.len() <= 11 {
                few = Some((t, c));
                break;
            }
        }
        let Some((t, c)) = few else {
            return Ok(());
        };
        let best = brute_force(&org, &c, &opts);
        let mut ev = Evaluator::new(&org, &opts, &report, &t);
        ev.note_candidates(&c);
        let comps = search::components(&ev, &c);
        let empty = search::local(&ev, &[]).unwrap();
        let mut tables: Vec<search::Local> = Vec::new();
        let mut bnb: Vec<search::Local> = Vec::new();
        let mut plan: Vec<Action> = Vec::new();
        for comp in &comps {
            let (p, o, done) = search::prove(&ev, &c, comp, (Vec::new(), empty), &budget(60));
            prop_assert!(done);
            bnb.push(o);
            // `None`: no key of the component has a table.
            // Small factors too: keys more than `up_to` candidates reach
            // are loose (bounded by their floors, judged once decided).
            let up_to = [18, 3, 1][seed as usize % 3];
            let (p, o) = match exact::prove_by_tables_of(&ev, &c, comp, &(Vec::new(), empty), &budget(60), up_to) {
                Some((p, o, done)) => {
                    prop_assert!(done);
                    (p, o)
                }
                None => (p, o),
            };
            plan.extend(p);
            tables.push(o);
            // From an incumbent one unit of cost worse than the optimum,
            // the tables must find the optimum: a bound that overshoots
            // anywhere on its path would cut it off.
            let (_, opt, _) = search::prove(&ev, &c, comp, (Vec::new(), empty), &budget(60));
            let near = (opt.0, opt.1, opt.2 + 1);
            if let Some((_, o, done)) = exact::prove_by_tables_of(&ev, &c, comp, &(Vec::new(), near), &budget(60), up_to) {
                prop_assert!(done);
                prop_assert_eq!(o, opt, "seed {}", seed);
            }
        }
        prop_assert_eq!(Some(search::total(&ev, &bnb)), best, "seed {}", seed);
        prop_assert_eq!(Some(search::total(&ev, &tables)), best, "seed {}", seed);
        // The tables' plan is what they say, judged on the whole proposal.
        let refs: Vec<&Action> = plan.iter().collect();
        prop_assert_eq!(brute_objective(&org, &refs, &opts), best, "seed {}: {:?}", seed, plan);
    }

    /// The local judgement (a region of the org per group of actions)
    /// equals the rules engine on the whole proposal, for random sets of
    /// candidates on random orgs, hats included.
    #[test]
    fn local_judgement_equals_the_whole_engine(seed in any::<u64>(), pick in any::<u64>()) {
        let (org, opts, report, t, c) = every_kind_at_warning(seed);
        let mut ev = Evaluator::new(&org, &opts, &report, &t);
        ev.note_candidates(&c);
        let mut bits = pick;
        let mut chosen = Vec::new();
        for a in &c {
            if bits & 3 == 0 {
                chosen.push(a.clone());
            }
            bits = bits.rotate_right(2) ^ 0x9e37_79b9_7f4a_7c15;
        }
        prop_assert_eq!(ev.objective(&chosen), ev.objective_whole(&chosen), "seed {}: {:?}", seed, chosen);
    }

    /// What the proof's bounds rely on: the findings about a key under a
    /// plan are those under the plan's actions whose reach holds the key,
    /// the others left out (the whole engine judging both), and a target
    /// the plan closes is on a key one of its actions `closes_on`.
    #[test]
    fn a_key_changes_only_through_actions_whose_reach_holds_it(seed in any::<u64>(), pick in any::<u64>()) {
        let (org, opts, report, t, c) = every_kind_at_warning(seed);
        let mut ev = Evaluator::new(&org, &opts, &report, &t);
        ev.note_candidates(&c);
        let mut bits = pick;
        let mut chosen: Vec<&Action> = Vec::new();
        for a in &c {
            if bits & 3 == 0 {
                chosen.push(a);
            }
            bits = bits.rotate_right(2) ^ 0x9e37_79b9_7f4a_7c15;
        }
        let by_key = |plan: &[&Action]| -> Option<Vec<(orgplan::suggest::eval::Key, String)>> {
            let proposal = plan::apply(&org, plan, plan::allocation_threshold(&org))?;
            let r = orgplan::rules::check(&orgplan::rules::as_planned(&proposal), opts.today);
            let mut v: Vec<_> = r
                .findings
                .iter()
                .filter(|f| !f.waived())
                .filter_map(|f| Some((ev.key_of(&f.subject)?, orgplan::suggest::eval::finding_key(f))))
                .collect();
            v.sort();
            Some(v)
        };
        let Some(all) = by_key(&chosen) else {
            return Ok(());
        };
        // Every target the plan closes has an action of the plan that
        // can help close it, on a key it `closes_on` (what the cost covers
        // count on).
        for target in &t {
            let k = ev.key_of(&target.subject).unwrap();
            let f = orgplan::suggest::eval::finding_key(target);
            if !all.iter().any(|(x, g)| *x == k && *g == f) {
                prop_assert!(
                    chosen.iter().any(|a| ev.can_close(a, k, target.capability)),
                    "seed {}: {} closed by {:?}", seed, f, chosen
                );
            }
        }
        // What no action can take away stays (the bounds' fixed part).
        let proposal = plan::apply(&org, &chosen, plan::allocation_threshold(&org)).unwrap();
        let after = orgplan::rules::check(&orgplan::rules::as_planned(&proposal), opts.today);
        for f in &report.findings {
            let Some(k) = ev.key_of(&f.subject) else { continue };
            let left = after
                .findings
                .iter()
                .filter(|g| !g.waived() && g.severity <= opts.fix && ev.key_of(&g.subject) == Some(k))
                .count();
            prop_assert!(left >= ev.fixed_remaining(k) as usize, "seed {}: {:?} {:?}", seed, k, chosen);
        }
        // And so does each key's floor: no plan leaves less on it, in all
        // and of the findings that are not targets.
        let comps = orgplan::suggest::search::components(&ev, &c);
        // A key's component holds every candidate reaching it (the floors
        // of small components look no further).
        for comp in &comps {
            for &i in &comp.candidates {
                for k in ev.reach(&c[i]) {
                    let owner = comps.iter().position(|x| x.keys.binary_search(&k).is_ok());
                    prop_assert!(
                        owner.is_none_or(|o| comps[o].candidates.contains(&i)),
                        "seed {}: {:?} reaches {:?} of another component", seed, c[i], k
                    );
                }
            }
        }
        let floors = orgplan::suggest::search::floors(&ev, &c, &comps, usize::MAX, &budget(60));
        let target_keys: Vec<String> = t.iter().map(orgplan::suggest::eval::finding_key).collect();
        for (k, floor) in floors {
            let left: Vec<String> = after
                .findings
                .iter()
                .filter(|g| !g.waived() && g.severity <= opts.fix && ev.key_of(&g.subject) == Some(k))
                .map(orgplan::suggest::eval::finding_key)
                .collect();
            let others = left.iter().filter(|g| !target_keys.contains(g)).count();
            prop_assert!(
                left.len() >= floor.remaining as usize && others >= floor.others as usize,
                "seed {}: {:?} leaves {:?} under {:?}, below its floor {:?}", seed, k, left, chosen, floor
            );
        }
        let mut keys: Vec<_> = all.iter().map(|(k, _)| *k).collect();
        keys.extend(chosen.iter().flat_map(|a| ev.reach(a)));
        keys.sort();
        keys.dedup();
        for k in keys {
            let part: Vec<&Action> = chosen.iter().copied().filter(|a| ev.reach(a).contains(&k)).collect();
            // A part of a valid plan is a valid plan (the floors rely on it).
            let only = by_key(&part);
            prop_assert!(only.is_some(), "seed {}: {:?} is valid, its part {:?} is not", seed, chosen, part);
            let only = only.unwrap();
            let on = |v: &[(orgplan::suggest::eval::Key, String)]| -> Vec<String> {
                v.iter().filter(|(x, _)| *x == k).map(|(_, f)| f.clone()).collect()
            };
            prop_assert_eq!(on(&all), on(&only), "seed {}: key {:?}, plan {:?}, part {:?}", seed, k, chosen, part);
        }
    }
}

/// Each kind of candidate, on a hand-made org: a team without a product
/// manager next to one with two, an uncoordinated initiative, an
/// over-allocated engineer.
#[test]
fn candidates_of_each_kind() {
    let org = orgplan::io::load_bytes(
        br#"(format: 1, name: "Kinds",
  people: [
    (id: "em-a", name: "Em A", role: "EM"), (id: "em-b", name: "Em B", role: "EM"),
    (id: "pm1", name: "Pm One", role: "PM"), (id: "pm2", name: "Pm Two", role: "PM"),
    (id: "tpm", name: "Tee", role: "TPM"), (id: "dev", name: "Dev", role: "Engineer"),
    (id: "dev2", name: "Dev Two", role: "Engineer"),
  ],
  teams: [
    (id: "a", name: "A", members: [(person: "em-a", allocation: 100), (person: "dev", allocation: 80), (person: "dev2")]),
    (id: "b", name: "B", members: [(person: "em-b", allocation: 100), (person: "pm1", allocation: 60), (person: "pm2", allocation: 100), (person: "tpm", allocation: 50)]),
  ],
  initiatives: [
    (id: "x", name: "X", teams: ["a", "b"], members: [(person: "dev", allocation: 40)], sponsor: Some("em-a"), outcome: Some("ship")),
  ],
)"#,
        "kinds.org.ron",
    )
    .unwrap();
    let mut opts = Options::new(today());
    opts.allow = Kind::ALL.to_vec();
    opts.fix = Severity::Warning;
    let planned = orgplan::rules::as_planned(&org);
    let t = targets(&planned, &opts);
    let c = candidates(&planned, &t, &opts);
    let has = |f: &dyn Fn(&Action) -> bool| c.iter().any(f);
    // Team A's roadmap is only a stop-gap (C002, a warning): PM hires, moves and
    // shares of the PMs with time, hats for its members.
    assert!(has(
        &|a| matches!(a, Action::Hire { role, .. } if role.as_str() == "PM")
    ));
    assert!(has(
        &|a| matches!(a, Action::Move { person, to, .. } if person.as_str() == "pm1" && to.as_str() == "a")
    ));
    assert!(has(
        &|a| matches!(a, Action::Share { person, allocation: 40, .. } if person.as_str() == "pm1")
    ));
    // pm2 has no free time: moved, never shared.
    assert!(!has(
        &|a| matches!(a, Action::Share { person, .. } if person.as_str() == "pm2")
    ));
    assert!(has(
        &|a| matches!(a, Action::Hat { person, role } if person.as_str() == "dev2" && role.as_str() == "PM")
    ));
    // The initiative has no coordinator (C003): the TPM, with 50% free, is
    // assigned at 20%.
    assert!(has(
        &|a| matches!(a, Action::Assign { person, allocation: 20, .. } if person.as_str() == "tpm")
    ));
    // dev is at 120% (L001): a trim in each of dev's scopes.
    assert_eq!(
        c.iter()
            .filter(|a| matches!(a, Action::Trim { person, .. } if person.as_str() == "dev"))
            .count(),
        2
    );
    // Without hats allowed, no hat.
    opts.allow = Options::new(today()).allow;
    let plain = candidates(&planned, &t, &opts);
    assert!(!plain.iter().any(|a| a.kind() == Kind::Hat));
}

fn orgplan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_orgplan"))
        .args(args)
        .output()
        .unwrap()
}

/// The proposal `-o` writes evaluates, by `check --as-planned`, to the
/// remaining and opened the JSON reports; exit 0 as nothing remains.
#[test]
fn the_proposal_evaluates_to_what_suggest_reports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("proposal.org.ron");
    let base = "samples/scaleup.org.ron";
    let o = orgplan(&[
        "suggest",
        base,
        "-o",
        out.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        "2026-12-01",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["status"], "optimal");
    let check = |path: &str| -> Vec<serde_json::Value> {
        let c = orgplan(&[
            "check",
            "--as-planned",
            path,
            "--format",
            "json",
            "--today",
            "2026-12-01",
        ]);
        let v: serde_json::Value = serde_json::from_slice(&c.stdout).unwrap();
        v["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["waived"] == false)
            .cloned()
            .collect()
    };
    let key = |f: &serde_json::Value| format!("{} {} {}", f["rule"], f["subject"], f["capability"]);
    let before: HashSet<String> = check(base)
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(key)
        .collect();
    let after = check(out.to_str().unwrap());
    let remaining = after.iter().filter(|f| f["severity"] == "error").count();
    let opened = after
        .iter()
        .filter(|f| f["severity"] != "info" && !before.contains(&key(f)))
        .count();
    assert_eq!(j["objective"]["remaining"], remaining);
    assert_eq!(j["objective"]["opened"], opened);
    assert_eq!(j["actions"].as_array().unwrap().len(), 3);
    // A hire's seat is noted with what it closes.
    let o = orgplan(&[
        "suggest",
        "tests/fixtures/suggest/defaults/base.org.ron",
        "-o",
        out.to_str().unwrap(),
        "--today",
        "2026-12-01",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("suggested: closes C001 people"), "{text}");
}

#[test]
fn bad_input_and_nothing_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.org.ron");
    let o = out.to_str().unwrap();
    // An invalid org: exit 2, the reader's error, nothing written.
    let bad = dir.path().join("bad.org.ron");
    std::fs::write(&bad, "(format: 1, name: \"x\", people: [(id: \"a\", name: \"A\", role: \"EM\", manager: Some(\"zz\"))])").unwrap();
    let r = orgplan(&["suggest", bad.to_str().unwrap(), "-o", o]);
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("bad.org.ron") && err.lines().count() == 1,
        "{err}"
    );
    assert!(!out.exists());
    // Usage errors.
    for args in [
        &["--allow", "fly"][..],
        &["--cost", "hire=-1"],
        &["--cost", "hire=2.5"],
        &["--fix", "info"],
        &["--initiative-allocation", "0"],
        &["--initiative-allocation", "101"],
        &["--time-limit", "0"],
    ] {
        let r = orgplan(&[&["suggest", "samples/scaleup.org.ron"], args].concat());
        assert_eq!(r.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&r.stderr).lines().count(),
            1,
            "{args:?}"
        );
    }
    // -o over the input.
    let r = orgplan(&[
        "suggest",
        "samples/scaleup.org.ron",
        "-o",
        "samples/scaleup.org.ron",
    ]);
    assert_eq!(r.status.code(), Some(2));
    // Nothing to fix: exit 0, the proposal a byte-identical copy.
    let clean = dir.path().join("clean.org.ron");
    let bytes = b"(format: 1, name: \"Clean\")\n";
    std::fs::write(&clean, bytes).unwrap();
    let r = orgplan(&["suggest", clean.to_str().unwrap(), "-o", o]);
    assert_eq!(r.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&r.stdout).contains("nothing to fix"));
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
}

/// The sample orgs are solved to proven optimality, never worse than the
/// baseline.
#[test]
fn the_samples_are_solved_optimally() {
    for path in [
        "samples/scaleup.org.ron",
        "samples/enterprise.org.ron",
        "samples/startup.org.ron",
    ] {
        let org = orgplan::io::load_file(std::path::Path::new(path)).unwrap();
        // Both fix levels: at warning the scaleup sample's 28 candidates
        // are one component, proved by the tables.
        for fix in [Severity::Error, Severity::Warning] {
            let mut opts = Options::new(today());
            opts.fix = fix;
            // (About 1.5 s in a release build; an unoptimised test build
            // under load takes up to twenty times as long.)
            let s = solve(&org, &opts, &budget(120), &mut |_| {});
            assert_eq!(s.status, Status::Optimal, "{path} at {fix:?}");
            assert!(
                s.objective <= s.baseline,
                "{path}: {:?} vs {:?}",
                s.objective,
                s.baseline
            );
        }
    }
    let org = orgplan::samples::builtin();
    let s = solve(&org, &Options::new(today()), &budget(30), &mut |_| {});
    assert!(s.objective <= s.baseline);
}

/// The random orgs of the property tests are not trivial: most have
/// targets and candidates to choose from.
#[test]
fn the_random_orgs_have_something_to_solve() {
    let cases: Vec<usize> = (0..200u64)
        .filter_map(|seed| small_case(seed * 7919 + 1, false).map(|(_, _, c)| c.len()))
        .collect();
    assert!(cases.len() >= 60, "{} of 200 have targets", cases.len());
    assert!(cases.iter().filter(|&&n| n >= 5).count() >= 20, "{cases:?}");
}

/// The local judgement on generated orgs of a few hundred people (deep
/// manager chains, shared people, many initiatives): random small plans
/// judged by regions equal the whole engine.
#[test]
fn local_judgement_on_generated_orgs() {
    for seed in 0..4u64 {
        let (org, opts, report, t, c) = at_warning(orgplan::support::generate::generate(250, seed));
        assert!(c.len() > 10, "seed {seed}: {} candidates", c.len());
        let mut ev = Evaluator::new(&org, &opts, &report, &t);
        ev.note_candidates(&c);
        let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        for _ in 0..25 {
            let mut chosen = Vec::new();
            for _ in 0..1 + x % 6 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                chosen.push(c[(x % c.len() as u64) as usize].clone());
            }
            chosen.sort();
            chosen.dedup();
            assert_eq!(
                ev.objective(&chosen),
                ev.objective_whole(&chosen),
                "seed {seed}: {chosen:?}"
            );
        }
    }
}

/// Two program managers who are each the only coordinator of two
/// initiatives: either alone on a third would be the sole coordinator in
/// three places (L004 three times), both together are neither. The plan
/// of both (cost 2, nothing opened) beats a hire (cost 10), and the proof
/// must not count one of them settled before the other is decided.
#[test]
fn two_sole_coordinators_together_open_nothing() {
    let id = orgplan::model::PersonId::new;
    let mut org = Org {
        name: "Pairs".into(),
        ..Org::default()
    };
    // Empty teams have no coverage findings (S006 only): the one
    // target is the initiative's coordination.
    for t in ["x", "y"] {
        org.teams.push(Team::new(t, t));
    }
    for p in ["bea", "lea"] {
        org.people.push(Person::new(p, p, "TPM"));
    }
    for (i, who) in [
        ("target", None),
        ("b1", Some("bea")),
        ("b2", Some("bea")),
        ("l1", Some("lea")),
        ("l2", Some("lea")),
    ] {
        let mut ini = Initiative::new(i, i);
        ini.teams = vec![
            orgplan::model::TeamId::new("x"),
            orgplan::model::TeamId::new("y"),
        ];
        if let Some(p) = who {
            ini.members
                .push(Member::new(id(p), Allocation::new(20).unwrap()));
        }
        org.initiatives.push(ini);
    }
    let opts = Options::new(today());
    let planned = orgplan::rules::as_planned(&org);
    let t = targets(&planned, &opts);
    let cands = candidates(&planned, &t, &opts);
    assert!(cands.len() <= 12, "{cands:?}");
    let best = brute_force(&org, &cands, &opts);
    let s = solve(&org, &opts, &budget(60), &mut |_| {});
    assert_eq!(best.map(|b| (b.1, b.2)), Some((0, 2)), "{cands:?}");
    assert_eq!(Some(s.objective), best, "{:?}", s.actions());
    assert_eq!(s.status, Status::Optimal);
    // One of the two closes the target; the other says what it is for:
    // without it, the first is the only coordinator in three places.
    let idle: Vec<_> = s.steps.iter().filter(|x| x.closes.is_empty()).collect();
    assert_eq!(idle.len(), 1, "{:?}", s.steps);
    assert_eq!(idle[0].keeps, 3);
    // And names the action it goes with: the other assignment.
    let partner = idle[0].with.map(|j| &s.steps[j]);
    assert!(
        partner.is_some_and(|p| !p.closes.is_empty()
            && matches!(p.action, Action::Assign { .. })
            && p.action != idle[0].action),
        "{:?}",
        s.steps
    );
    let lines = orgplan::suggest::render::action_lines(&org, &s).join("\n");
    assert!(
        lines.contains(
            "closes nothing on its own, but without it 3 more findings would be left or opened (it goes with: Assign "
        ),
        "{lines}"
    );
}
