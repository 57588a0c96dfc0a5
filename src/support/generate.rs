//! A generator of realistic large orgs, deterministic per seed: directors,
//! EMs and TLMs, teams of 4–10, shared product managers, TPMs on cross-team
//! initiatives, dependencies, open seats and canvas positions. Used by the
//! `gen_org` example and the benchmarks.

use crate::catalog::Provision;
use crate::model::{
    Allocation, CustomRole, Initiative, InitiativeKind, Member, OpenSeat, Org, Person, PersonId,
    Point, RoleId, Team, TeamId, TeamKind,
};
use std::collections::BTreeMap;

/// SplitMix64: small, fast, and stable across versions (the output of a seed
/// never changes).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `p` percent.
    pub fn chance(&mut self, p: u64) -> bool {
        self.next_u64() % 100 < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Ada", "Alex", "Amara", "Anders", "Ari", "Asha", "Bea", "Bram", "Camila", "Chen", "Chidi",
    "Dalia", "Dev", "Elif", "Emil", "Esme", "Farah", "Felix", "Freya", "Gael", "Hana", "Hugo",
    "Ida", "Imani", "Ines", "Jonas", "Juno", "Kai", "Kofi", "Lea", "Leif", "Lior", "Luca", "Mads",
    "Mara", "Mila", "Nico", "Nina", "Noor", "Omar", "Orla", "Otto", "Priya", "Rafa", "Rhea",
    "Rune", "Sana", "Selin", "Siri", "Tala", "Teo", "Thea", "Uma", "Wren", "Yann", "Yuna", "Zain",
    "Zoe",
];
const LAST: &[&str] = &[
    "Adler", "Banerjee", "Berg", "Bose", "Castillo", "Chen", "Cruz", "Dahl", "Diallo", "Dubois",
    "Eriksen", "Falk", "Ferreira", "Fischer", "Garcia", "Gupta", "Hansen", "Hoang", "Ibrahim",
    "Ito", "Jansen", "Kaur", "Keller", "Khan", "Kim", "Kowalski", "Lang", "Larsen", "Lee", "Lund",
    "Mensah", "Molina", "Moreau", "Nair", "Nguyen", "Novak", "Okafor", "Olsen", "Ortiz", "Park",
    "Petrov", "Quist", "Rao", "Reyes", "Rossi", "Sato", "Shah", "Silva", "Tanaka", "Torres",
    "Vogel", "Wagner", "Weiss", "Yilmaz", "Zhang",
];
const AREAS: &[&str] = &[
    "Checkout",
    "Catalog",
    "Search",
    "Payments",
    "Ledger",
    "Identity",
    "Billing",
    "Fraud",
    "Growth",
    "Mobile",
    "Web",
    "Data",
    "Platform",
    "Compute",
    "Storage",
    "Network",
    "Insights",
    "Messaging",
    "Pricing",
    "Logistics",
    "Inventory",
    "Support",
    "Partners",
    "Ads",
];

struct Builder {
    rng: Rng,
    people: Vec<Person>,
    teams: Vec<Team>,
    initiatives: Vec<Initiative>,
}

impl Builder {
    fn person(&mut self, role: &str, manager: Option<&PersonId>) -> PersonId {
        let n = self.people.len();
        let first = *self.rng.pick(FIRST);
        let last = *self.rng.pick(LAST);
        let id = format!("{}-{}-{n}", first.to_lowercase(), last.to_lowercase());
        let mut p = Person::new(id, format!("{first} {last}"), role);
        p.manager = manager.cloned();
        let pid = p.id.clone();
        self.people.push(p);
        pid
    }
}

fn alloc(p: u32) -> Allocation {
    Allocation::new(p).unwrap_or(Allocation::FULL)
}

/// An org of about `people` people.
pub fn generate(people: usize, seed: u64) -> Org {
    let mut b = Builder {
        rng: Rng::new(seed),
        people: Vec::with_capacity(people + 16),
        teams: Vec::new(),
        initiatives: Vec::new(),
    };
    let target = people.max(20);
    let vp = b.person("Director", None);
    b.people[0].level = Some("VP Engineering".into());
    let head_of_product = b.person("ProductLead", None);
    let pgm_lead = b.person("Director", Some(&vp));
    b.people[2].hats = vec![RoleId::new("PgM")];
    let directors = (target / 350).max(1);
    let per_director = target / directors;
    // Director groups sit on a square-ish grid of 3,800 × 2,600 cells.
    let groups_per_row = (directors as f32).sqrt().ceil().max(1.0) as usize;
    let mut group = 0usize;
    while b.people.len() < target {
        let director = b.person("Director", Some(&vp));
        let group_pm = b.person("ProductLead", Some(&head_of_product));
        let group_start = b.teams.len();
        let group_x = (group % groups_per_row) as f32 * 3800.0;
        let group_y = (group / groups_per_row) as f32 * 2600.0;
        let end = (b.people.len() + per_director).min(target);
        let mut pms: Vec<PersonId> = Vec::new();
        let mut k = 0usize;
        while b.people.len() < end {
            let size = b.rng.range(4, 10);
            let lead_role = if size <= 5 && b.rng.chance(40) {
                "TLM"
            } else {
                "EM"
            };
            let lead = b.person(lead_role, Some(&director));
            let mut members = vec![Member::new(lead.clone(), Allocation::FULL)];
            for _ in 1..size {
                let role = match b.rng.range(0, 9) {
                    0..=5 => "Engineer",
                    6..=8 => "Senior",
                    _ => "Staff",
                };
                let e = b.person(role, Some(&lead));
                members.push(Member::new(e, Allocation::FULL));
            }
            // Product: one PM for every two teams; some teams go without.
            if b.rng.chance(88) {
                if k % 2 == 0 || pms.is_empty() {
                    let role = if b.rng.chance(40) { "PMT" } else { "PM" };
                    let pm = b.person(role, Some(&group_pm));
                    pms.push(pm);
                }
                let pm = pms.last().cloned().unwrap_or_else(|| vp.clone());
                members.push(Member::new(pm, alloc(50)));
            }
            let area = *b.rng.pick(AREAS);
            let t = b.teams.len();
            let mut team = Team::new(format!("team-{t}"), format!("{area} {}", t + 1));
            team.kind = match b.rng.range(0, 9) {
                0..=5 => TeamKind::Stream,
                6..=7 => TeamKind::Platform,
                8 => TeamKind::Enabling,
                _ => TeamKind::Subsystem,
            };
            team.members = members;
            if b.rng.chance(12) {
                let role = *b.rng.pick(&["Engineer", "Senior", "PMT", "EM", "Staff"]);
                team.open_seats.push(OpenSeat {
                    role: RoleId::new(role),
                    note: format!("req #{}", 1000 + t),
                });
            }
            let in_group = t - group_start;
            if in_group > 0 && b.rng.chance(35) {
                let dep = group_start + b.rng.range(0, in_group - 1);
                team.depends_on.push(TeamId::new(format!("team-{dep}")));
            }
            let (col, row) = (in_group % 10, in_group / 10);
            team.position = Some(Point {
                x: group_x + col as f32 * 320.0,
                y: group_y + row as f32 * 420.0,
            });
            b.teams.push(team);
            k += 1;
        }
        // Cross-team initiatives: one for about every eight teams of the group.
        let group_teams: Vec<usize> = (group_start..b.teams.len()).collect();
        let mut tpm: Option<PersonId> = None;
        for n in 0..(group_teams.len() / 8).max(1) {
            if group_teams.len() < 2 {
                break;
            }
            let span = b.rng.range(2, 4.min(group_teams.len()));
            let first = b.rng.range(0, group_teams.len() - span);
            let teams: Vec<TeamId> = group_teams[first..first + span]
                .iter()
                .map(|&t| TeamId::new(format!("team-{t}")))
                .collect();
            let i = b.initiatives.len();
            let mut ini = Initiative::new(format!("initiative-{i}"), format!("Program {}", i + 1));
            ini.kind = if b.rng.chance(75) {
                InitiativeKind::Technical
            } else {
                InitiativeKind::Business
            };
            ini.teams = teams;
            let lead_kind = b.rng.range(0, 19);
            if lead_kind < 14 {
                if tpm.is_none() || n % 3 == 0 {
                    tpm = Some(b.person("TPM", Some(&pgm_lead)));
                }
                let l = tpm.clone().unwrap_or_else(|| vp.clone());
                ini.lead = Some(l.clone());
                ini.members.push(Member::new(l, alloc(30)));
            } else if lead_kind < 17 {
                // An EM of one of its teams coordinates as a stop-gap.
                let em = b.teams[group_teams[first]].members[0].person.clone();
                ini.lead = Some(em.clone());
                ini.members.push(Member::new(em, alloc(20)));
            }
            if b.rng.chance(85) {
                ini.sponsor = Some(director.clone());
            }
            if b.rng.chance(80) {
                ini.outcome = Some(format!("Milestone {} shipped", i + 1));
            }
            ini.position = Some(Point {
                x: group_x + 3300.0,
                y: group_y + n as f32 * 220.0,
            });
            b.initiatives.push(ini);
        }
        group += 1;
    }
    let mut provides = BTreeMap::new();
    provides.insert(crate::catalog::Capability::People, Provision::Primary);
    provides.insert(crate::catalog::Capability::Roadmap, Provision::Primary);
    provides.insert(crate::catalog::Capability::Stakeholders, Provision::Primary);
    provides.insert(crate::catalog::Capability::Coordination, Provision::StopGap);
    Org {
        name: format!("Generated org ({} people, seed {seed})", b.people.len()),
        description: "Made by orgplan's generator for benchmarks".into(),
        people: b.people,
        teams: b.teams,
        initiatives: b.initiatives,
        roles: vec![CustomRole {
            id: RoleId::new("ProductLead"),
            name: "Product leader".into(),
            provides,
            like: None,
        }],
        ..Org::default()
    }
}

/// `copies` divisions, each a copy of `base` with its ids suffixed
/// (`-d1`, `-d2`, …) and its teams and initiatives named for the division,
/// under one org: the shape of a company made of like business units (its
/// custom roles, settings and waivers, the last renamed with their
/// subjects, shared).
pub fn divisions(base: &Org, copies: usize) -> Org {
    use crate::model::{InitiativeId, PersonId, Subject, TeamId};
    let mut org = Org {
        name: format!("{} × {copies}", base.name),
        roles: base.roles.clone(),
        settings: base.settings.clone(),
        ..Org::default()
    };
    for d in 1..=copies {
        let person = |p: &PersonId| PersonId::new(format!("{p}-d{d}"));
        let team = |t: &TeamId| TeamId::new(format!("{t}-d{d}"));
        let ini = |i: &InitiativeId| InitiativeId::new(format!("{i}-d{d}"));
        for p in &base.people {
            let mut p = p.clone();
            p.id = person(&p.id);
            p.manager = p.manager.as_ref().map(person);
            p.dotted = p.dotted.iter().map(person).collect();
            org.people.push(p);
        }
        for t in &base.teams {
            let mut t = t.clone();
            t.id = team(&t.id);
            t.name = format!("{} (D{d})", t.name);
            t.position = None;
            t.depends_on = t.depends_on.iter().map(team).collect();
            for m in &mut t.members {
                m.person = person(&m.person);
            }
            org.teams.push(t);
        }
        for i in &base.initiatives {
            let mut i = i.clone();
            i.id = ini(&i.id);
            i.name = format!("{} (D{d})", i.name);
            i.position = None;
            i.teams = i.teams.iter().map(team).collect();
            i.lead = i.lead.as_ref().map(person);
            i.sponsor = i.sponsor.as_ref().map(person);
            for m in &mut i.members {
                m.person = person(&m.person);
            }
            org.initiatives.push(i);
        }
        for w in &base.waivers {
            let mut w = w.clone();
            w.subject = match &w.subject {
                Subject::Org => Subject::Org,
                Subject::Team(t) => Subject::Team(team(t)),
                Subject::Initiative(i) => Subject::Initiative(ini(i)),
                Subject::Person(p) => Subject::Person(person(p)),
            };
            org.waivers.push(w);
        }
    }
    org
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_valid_and_sized() {
        let a = generate(2_000, 7);
        let b = generate(2_000, 7);
        assert_eq!(a, b);
        assert_ne!(a, generate(2_000, 8));
        let n = a.people.len();
        assert!((1_900..=2_100).contains(&n), "{n} people");
        // What it writes, the reader accepts.
        let text = crate::io::to_canonical_string(&a);
        let back = crate::io::load_str(&text, "gen").unwrap();
        assert_eq!(back, a);
        assert!(a.teams.iter().all(|t| (4..=11).contains(&t.members.len())));
        assert!(!a.initiatives.is_empty());
        // And it has the gaps a real org has.
        let report = crate::rules::check(&a, crate::model::Date::parse("2026-11-21").unwrap());
        for code in ["C002", "C003", "H001"] {
            assert!(
                report.findings.iter().any(|f| f.rule.code == code),
                "no {code}"
            );
        }
    }

    #[test]
    fn divisions_repeat_the_base_and_its_findings() {
        let base = crate::io::load_str(
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/samples/enterprise.org.ron"
            ))
            .unwrap(),
            "enterprise",
        )
        .unwrap();
        let three = divisions(&base, 3);
        assert_eq!(three.people.len(), 3 * base.people.len());
        let text = crate::io::to_canonical_string(&three);
        assert_eq!(crate::io::load_str(&text, "three").unwrap(), three);
        let today = crate::model::Date::parse("2026-12-01").unwrap();
        let per_subject = |org: &Org| {
            crate::rules::check(org, today)
                .findings
                .iter()
                .filter(|f| f.subject != crate::model::Subject::Org)
                .count()
        };
        assert_eq!(per_subject(&three), 3 * per_subject(&base));
    }
}
