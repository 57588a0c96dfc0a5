//! Key-person risk (PLANNING.md §3, docs/risk.md): for every person, the
//! findings at or above warning their departure opens (and, as extra
//! information, those it closes among what it touches). One analysis of
//! the org, then per person the rules engine on the region their departure
//! touches (the scopes they are in with their people, their manager and
//! reports; their whole subtree only when S009 is raised to warning; the
//! whole org only for the last program manager, where C009 can open).
//! [`naive`] removes each person and checks the whole org: the test that
//! the two agree is in `tests/risk.rs`. No GUI code.

use crate::catalog::Severity;
use crate::model::{Date, Org, PersonId};
use crate::rules::Finding;
use crate::suggest::eval::Evaluator;
use rustc_hash::FxHashSet as HashSet;

/// Orgs at least this large are judged on two threads.
pub const PARALLEL_FROM: usize = 2_000;

/// One person's departure.
#[derive(Clone, Debug)]
pub struct Departure {
    pub person: PersonId,
    pub name: String,
    pub role: String,
    /// Unwaived findings at or above warning the org did not have.
    pub opened: Vec<Finding>,
    /// Unwaived findings at or above warning about what the departure
    /// touches that are gone after it (the person's own excluded).
    pub closed: Vec<Finding>,
}

impl Departure {
    pub fn errors(&self) -> usize {
        self.opened
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.opened
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count()
    }
}

/// Every person's departure, ranked: errors opened, then warnings opened
/// (most first), then person id.
pub struct Risk {
    pub people: Vec<Departure>,
    /// People whose departure opens nothing.
    pub safe: usize,
    pub total: usize,
}

/// `org` after `p` leaves: gone from the people, every membership, lead
/// and sponsor; their reports get their manager (none when they had none,
/// or when the report is that manager); dotted lines to them dropped.
pub fn leave(org: &Org, p: &PersonId) -> Org {
    let mut o = org.clone();
    leave_in_place(&mut o, p);
    o
}

/// [`leave`] on `o` itself.
pub fn leave_in_place(o: &mut Org, p: &PersonId) {
    let manager = o.person(p).and_then(|x| x.manager.clone());
    o.people.retain(|x| &x.id != p);
    for x in &mut o.people {
        if x.manager.as_ref() == Some(p) {
            x.manager = manager.clone().filter(|m| m != &x.id);
        }
        x.dotted.retain(|d| d != p);
    }
    for t in &mut o.teams {
        t.members.retain(|m| &m.person != p);
    }
    for i in &mut o.initiatives {
        i.members.retain(|m| &m.person != p);
        if i.lead.as_ref() == Some(p) {
            i.lead = None;
        }
        if i.sponsor.as_ref() == Some(p) {
            i.sponsor = None;
        }
    }
}

/// A finding's (rule, subject, capability), borrowed: compared without
/// formatting a string.
type FKey<'r> = (
    &'static str,
    &'r crate::model::Subject,
    Option<crate::catalog::Capability>,
);

fn fkey(f: &Finding) -> FKey<'_> {
    (f.rule.code, &f.subject, f.capability)
}

fn live_keys(report: &crate::rules::Report) -> HashSet<FKey<'_>> {
    report
        .findings
        .iter()
        .filter(|f| !f.waived() && f.severity <= Severity::Warning)
        .map(fkey)
        .collect()
}

fn rank(mut people: Vec<Departure>, total: usize) -> Risk {
    people.sort_by(|a, b| {
        b.errors()
            .cmp(&a.errors())
            .then(b.warnings().cmp(&a.warnings()))
            .then(a.person.cmp(&b.person))
    });
    let safe = people.iter().filter(|d| d.opened.is_empty()).count();
    people.retain(|d| !d.opened.is_empty());
    Risk {
        people,
        safe,
        total,
    }
}

fn departure(
    cat: &crate::catalog::RoleCatalog,
    p: &crate::model::Person,
    opened: Vec<Finding>,
    closed: Vec<Finding>,
) -> Departure {
    Departure {
        person: p.id.clone(),
        name: p.name.to_string(),
        role: cat
            .get(&p.role)
            .map_or_else(|| p.role.to_string(), |r| r.name.clone()),
        opened,
        closed,
    }
}

/// Every departure, judged locally (the module docs). `org` is the org
/// as judged (as planned or not); hypothetical hires do not leave.
pub fn analyse(org: &Org, today: Date) -> Risk {
    analyse_on(org, today, org.people.len() >= PARALLEL_FROM)
}

/// [`analyse`], choosing whether to split the people over two threads
/// (the result is the same; `tests/risk.rs` checks it).
pub fn analyse_on(org: &Org, today: Date, two_threads: bool) -> Risk {
    let report = crate::rules::check(org, today);
    analyse_with(org, today, &report, two_threads, &|| false).unwrap_or_else(|| rank(Vec::new(), 0))
}

/// [`analyse_on`] with the org's report already made (`report` is
/// `rules::check(org, today)`), giving up as soon as `stop` says so (the
/// app's analysis when the org changed meanwhile): `None` then.
pub fn analyse_with(
    org: &Org,
    today: Date,
    report: &crate::rules::Report,
    two_threads: bool,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Risk> {
    let base = live_keys(report);
    let mut opts = crate::suggest::Options::new(today);
    opts.fix = Severity::Warning;
    let ev = Evaluator::new(org, &opts, report, &[]);
    let subtree = org
        .settings
        .rules
        .get("S009")
        .and_then(|o| o.severity)
        .is_some_and(|s| s <= Severity::Warning);
    let coordinators = org
        .people
        .iter()
        .filter(|p| crate::edit::is_coordinator(org, p))
        .count();
    let cat = crate::catalog::RoleCatalog::new(&org.roles);
    // The base's findings by what they are about, for what a departure
    // closes (never a scan of the whole report per person).
    let mut by_key: rustc_hash::FxHashMap<crate::suggest::eval::Key, Vec<&Finding>> =
        Default::default();
    for f in report
        .findings
        .iter()
        .filter(|f| !f.waived() && f.severity <= Severity::Warning)
    {
        if let Some(k) = ev.key_of(&f.subject) {
            by_key.entry(k).or_default().push(f);
        }
    }
    let people: Vec<&crate::model::Person> = org
        .people
        .iter()
        .filter(|p| !crate::rules::planned::is_planned_hire(p.id.as_str()))
        .collect();
    let total = people.len();
    // One person's departure on the region it touches.
    let judge = |ev: &Evaluator, p: &crate::model::Person| -> Option<Departure> {
        let pi = ev.person_index(p.id.as_str())?;
        let last_pm = coordinators == 1 && crate::edit::is_coordinator(org, p);
        let keys = ev.departure_footprint(pi, subtree, last_pm);
        // The region is built for this departure alone: changed in place.
        let mut after = ev.region(&keys).unwrap_or_else(|| org.clone());
        leave_in_place(&mut after, &p.id);
        // Only warnings and errors count; unsorted: what it opens is
        // sorted below.
        let r = crate::rules::run_unsorted(
            &crate::rules::Analysis::with_catalog(&after, &cat, false),
            today,
            Severity::Warning,
        );
        let mine = |f: &&Finding| {
            ev.key_of(&f.subject)
                .is_some_and(|k| keys.binary_search(&k).is_ok())
        };
        let touched: Vec<&Finding> = r
            .findings
            .iter()
            .filter(|f| !f.waived() && f.severity <= Severity::Warning)
            .filter(mine)
            .collect();
        let now: HashSet<FKey> = touched.iter().map(|f| fkey(f)).collect();
        let mut opened: Vec<Finding> = touched
            .iter()
            .filter(|f| !base.contains(&fkey(f)))
            .map(|f| (*f).clone())
            .collect();
        crate::rules::sort_findings(&mut opened);
        let own = crate::model::Subject::Person(p.id.clone());
        let closed: Vec<Finding> = keys
            .iter()
            .filter_map(|k| by_key.get(k))
            .flatten()
            .filter(|f| f.subject != own && !now.contains(&fkey(f)))
            .map(|f| (*f).clone())
            .collect();
        Some(departure(&cat, p, opened, closed))
    };
    // Departures are independent: large orgs use two threads, each with
    // its own index of the org (the evaluator keeps a cache per thread).
    let judge_all = |ev: &Evaluator, some: &[&crate::model::Person]| -> Option<Vec<Departure>> {
        let mut out = Vec::with_capacity(some.len());
        for p in some {
            if stop() {
                return None;
            }
            out.extend(judge(ev, p));
        }
        Some(out)
    };
    let out: Vec<Departure> = if two_threads {
        let (first, second) = people.split_at(people.len() / 2);
        std::thread::scope(|sc| {
            let other = sc.spawn(|| {
                let ev2 = Evaluator::new(org, &opts, report, &[]);
                judge_all(&ev2, second)
            });
            let mine = judge_all(&ev, first);
            let theirs = other.join().ok().flatten();
            let mut mine = mine?;
            mine.extend(theirs?);
            Some(mine)
        })?
    } else {
        judge_all(&ev, &people)?
    };
    Some(rank(out, total))
}

/// Every departure by removing the person and checking the whole org
/// (what [`analyse`] must agree with on `opened`).
pub fn naive(org: &Org, today: Date) -> Risk {
    let base_report = crate::rules::check(org, today);
    let base = live_keys(&base_report);
    let cat = crate::catalog::RoleCatalog::new(&org.roles);
    let mut out = Vec::new();
    let mut total = 0;
    for p in &org.people {
        if crate::rules::planned::is_planned_hire(p.id.as_str()) {
            continue;
        }
        total += 1;
        let r = crate::rules::check(&leave(org, &p.id), today);
        let opened = r
            .findings
            .iter()
            .filter(|f| !f.waived() && f.severity <= Severity::Warning)
            .filter(|f| !base.contains(&fkey(f)))
            .cloned()
            .collect();
        out.push(departure(&cat, p, opened, Vec::new()));
    }
    rank(out, total)
}

/// Reports of a [`Risk`]: text, JSON (a public contract: README), Markdown
/// and HTML (a briefing), CSV (one row an opened finding).
pub mod render {
    use super::{Departure, Risk};
    use crate::model::Org;
    use crate::rules::Finding;
    use crate::text::count;

    /// "9 people whose departure opens an error, 31 more a warning (of 79)".
    pub fn headline(r: &Risk) -> String {
        let errors = r.people.iter().filter(|d| d.errors() > 0).count();
        let warnings = r.people.len() - errors;
        format!(
            "{} whose departure opens an error, {} a warning (of {})",
            count(errors, "person", "people"),
            if errors > 0 {
                format!("{warnings} more")
            } else {
                warnings.to_string()
            },
            r.total
        )
    }

    /// "2 errors, 1 warning".
    pub fn tally(d: &Departure) -> String {
        match (d.errors(), d.warnings()) {
            (e, 0) => count(e, "error", "errors"),
            (0, w) => count(w, "warning", "warnings"),
            (e, w) => format!(
                "{}, {}",
                count(e, "error", "errors"),
                count(w, "warning", "warnings")
            ),
        }
    }

    /// What would make the finding not open: a second holder or a seat.
    pub fn remedy(org: &Org, f: &Finding) -> Option<String> {
        let cap = f.capability?;
        let scope = match &f.subject {
            crate::model::Subject::Team(t) => org.team(t)?.name.clone(),
            crate::model::Subject::Initiative(i) => org.initiative(i)?.name.clone(),
            _ => return None,
        };
        let cat = crate::catalog::RoleCatalog::new(&org.roles);
        let role = crate::suggest::primary_roles(&cat, cap)
            .next()?
            .name
            .clone();
        Some(format!(
            "a second person for {} in {scope}, or an open {role} seat there",
            cap.words()
        ))
    }

    fn listed(r: &Risk, top: Option<usize>) -> &[Departure] {
        &r.people[..top.map_or(r.people.len(), |n| n.min(r.people.len()))]
    }

    pub fn text(org: &Org, r: &Risk, top: Option<usize>) -> String {
        let mut out = format!("{}: {}\n", org.name, headline(r));
        for d in listed(r, top) {
            out.push_str(&format!("{} ({}): {}\n", d.name, d.role, tally(d)));
            for f in &d.opened {
                out.push_str(&format!(
                    "  {} {}: {}\n",
                    f.severity.id(),
                    f.rule.code,
                    f.message
                ));
            }
        }
        if r.safe > 0 {
            out.push_str(&format!(
                "{} whose departure opens nothing\n",
                count(r.safe, "person", "people")
            ));
        }
        crate::sanitize::visible_keep_lines(&out).into_owned()
    }

    pub fn markdown(org: &Org, r: &Risk, top: Option<usize>) -> String {
        use crate::sanitize::markdown as md;
        let mut out = format!(
            "### Key-person risk: {}\n\n{}.\n\n",
            md(&org.name),
            md(&headline(r))
        );
        for d in listed(r, top) {
            out.push_str(&format!(
                "**{}** ({}): {}\n\n",
                md(&d.name),
                md(&d.role),
                tally(d)
            ));
            for f in &d.opened {
                out.push_str(&format!(
                    "- {} {}: {}",
                    f.severity.id(),
                    f.rule.code,
                    md(&f.message)
                ));
                if let Some(fix) = remedy(org, f) {
                    out.push_str(&format!(" *Reduce it:* {}.", md(&fix)));
                }
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }

    pub fn html(org: &Org, r: &Risk, top: Option<usize>) -> String {
        use crate::sanitize::xml as x;
        let mut out = format!(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Key-person risk: {name}</title>\n<style>body{{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d2330}}h1{{font-size:1.4rem}}.error{{color:#b42318}}.warning{{color:#b54708}}li{{margin:.25rem 0}}.fix{{color:#475467}}</style></head><body>\n<h1>Key-person risk: {name}</h1>\n<p>{}.</p>\n",
            x(&headline(r)),
            name = x(&org.name)
        );
        for d in listed(r, top) {
            out.push_str(&format!(
                "<h2>{} <small>({})</small>: {}</h2>\n<ul>\n",
                x(&d.name),
                x(&d.role),
                tally(d)
            ));
            for f in &d.opened {
                out.push_str(&format!(
                    "<li><span class=\"{}\">{} {}</span> {}",
                    f.severity.id(),
                    f.severity.id(),
                    f.rule.code,
                    x(&f.message)
                ));
                if let Some(fix) = remedy(org, f) {
                    out.push_str(&format!(
                        " <span class=\"fix\">Reduce it: {}.</span>",
                        x(&fix)
                    ));
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        out.push_str(&format!(
            "<p>{} whose departure opens nothing.</p>\n</body></html>\n",
            count(r.safe, "person", "people")
        ));
        out
    }

    pub fn csv(r: &Risk, top: Option<usize>) -> String {
        use crate::report::csv::defuse;
        let mut w = ::csv::Writer::from_writer(Vec::new());
        let _ = w.write_record([
            "person",
            "name",
            "role",
            "errors",
            "warnings",
            "severity",
            "rule",
            "subject",
            "capability",
            "message",
        ]);
        for d in listed(r, top) {
            for f in &d.opened {
                let _ = w.write_record([
                    format!("person:{}", d.person),
                    defuse(&d.name),
                    defuse(&d.role),
                    d.errors().to_string(),
                    d.warnings().to_string(),
                    f.severity.id().to_string(),
                    f.rule.code.to_string(),
                    f.subject.to_string(),
                    f.capability.map(|c| c.id()).unwrap_or_default().to_string(),
                    defuse(&f.message),
                ]);
            }
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    #[derive(serde::Serialize)]
    struct Person<'a> {
        person: String,
        name: &'a str,
        role: &'a str,
        errors: usize,
        warnings: usize,
        opened: Vec<crate::report::json::Finding<'a>>,
    }

    #[derive(serde::Serialize)]
    struct Out<'a> {
        tool: &'static str,
        version: &'static str,
        org: &'a str,
        total: usize,
        people: Vec<Person<'a>>,
        safe: usize,
    }

    pub fn json(org: &Org, r: &Risk, top: Option<usize>) -> String {
        let out = Out {
            tool: "orgplan",
            version: env!("CARGO_PKG_VERSION"),
            org: &org.name,
            total: r.total,
            people: listed(r, top)
                .iter()
                .map(|d| Person {
                    person: format!("person:{}", d.person),
                    name: &d.name,
                    role: &d.role,
                    errors: d.errors(),
                    warnings: d.warnings(),
                    opened: d
                        .opened
                        .iter()
                        .map(crate::report::json::Finding::of)
                        .collect(),
                })
                .collect(),
            safe: r.safe,
        };
        let mut s = crate::sanitize::json_ascii_bidi(
            serde_json::to_string_pretty(&out).unwrap_or_default(),
        );
        s.push('\n');
        s
    }
}
