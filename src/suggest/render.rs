//! What `suggest` says: the headline, one line an action with what it
//! closes, the targets left and why; as text, Markdown or JSON
//! (docs/json.md, "suggest").

use super::solve::{Solution, Status, Step};
use super::{Action, Options, Scope};
use crate::catalog::{RoleCatalog, Severity};
use crate::model::Org;
use crate::rules::Finding;
use crate::text::count;
use serde::Serialize;
use serde_json::{Value, json};

/// Names for ids, from the base org.
struct Names<'o> {
    org: &'o Org,
    cat: RoleCatalog,
}

impl Names<'_> {
    fn person(&self, p: &crate::model::PersonId) -> String {
        self.org
            .person(p)
            .map_or_else(|| p.to_string(), |x| x.name.to_string())
    }
    fn team(&self, t: &crate::model::TeamId) -> String {
        self.org
            .team(t)
            .map_or_else(|| t.to_string(), |x| x.name.clone())
    }
    fn scope(&self, s: &Scope) -> String {
        match s {
            Scope::Team(t) => self.team(t),
            Scope::Initiative(i) => self
                .org
                .initiative(i)
                .map_or_else(|| i.to_string(), |x| x.name.clone()),
        }
    }
    fn role(&self, r: &crate::model::RoleId) -> String {
        self.cat
            .get(r)
            .map_or_else(|| r.to_string(), |x| x.name.clone())
    }
}

/// "a" or "an" before a role name, by how it is said ("an EM", "a PM-T",
/// "an SRE", "a Staff engineer").
fn article(word: &str) -> &'static str {
    let acronym = word
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .all(|c| c.is_uppercase() || c.is_ascii_digit())
        && word.chars().count() <= 5;
    let first = word.chars().next().unwrap_or('x').to_ascii_uppercase();
    let vowel_sound = if acronym {
        "AEFHILMNORSX".contains(first)
    } else {
        "AEIOU".contains(first)
    };
    if vowel_sound { "an" } else { "a" }
}

/// One action as a sentence ("Hire a PM-T into Checkout").
fn sentence(n: &Names, step: &Step) -> String {
    match &step.action {
        Action::Hire { scope, role } => {
            let r = n.role(role);
            format!("Hire {} {r} into {}", article(&r), n.scope(scope))
        }
        Action::Move { person, from, to } => format!(
            "Move {} from {} to {}",
            n.person(person),
            n.team(from),
            n.team(to)
        ),
        Action::Share {
            person,
            to,
            allocation,
        } => format!(
            "Share {} with {} at {allocation}%",
            n.person(person),
            n.team(to)
        ),
        Action::Assign {
            person,
            to,
            allocation,
        } => format!(
            "Assign {} to {} at {allocation}%{}",
            n.person(person),
            n.scope(&Scope::Initiative(to.clone())),
            if step.lead { ", as its lead" } else { "" }
        ),
        Action::Trim { person, scope } => {
            let (from, to) = step.trim;
            if to == 0 {
                format!(
                    "Take {} off {} (was {from}%)",
                    n.person(person),
                    n.scope(scope)
                )
            } else {
                format!(
                    "Trim {}'s time in {} from {from}% to {to}%",
                    n.person(person),
                    n.scope(scope)
                )
            }
        }
        Action::Hat { person, role } => {
            format!("Give {} the {} hat", n.person(person), n.role(role))
        }
    }
}

/// "closes C001 roadmap, C002 delivery", or "closes nothing on its own,
/// but without it 3 more findings would be left or opened (it goes with:
/// PARTNER)", `partner` naming the step it goes with.
fn closes_text(step: &Step, partner: impl Fn(usize) -> String) -> String {
    if step.closes.is_empty() {
        let with = step.with.map_or(String::new(), |j| {
            format!(" (it goes with: {})", partner(j))
        });
        return match step.keeps {
            0 => "closes nothing on its own".into(),
            1 => format!(
                "closes nothing on its own, but without it 1 more finding would be left or opened{with}"
            ),
            n => format!(
                "closes nothing on its own, but without it {n} more findings would be left or opened{with}"
            ),
        };
    }
    let what: Vec<String> = step
        .closes
        .iter()
        .map(|f| match f.capability {
            Some(c) => format!("{} {}", f.rule.code, c.id()),
            None => f.rule.code.to_string(),
        })
        .collect();
    format!("closes {}", what.join(", "))
}

/// Each action as a line: "Hire a PM-T into Checkout (cost 10): closes
/// C001 roadmap".
pub fn action_lines(base: &Org, s: &Solution) -> Vec<String> {
    let n = Names {
        org: base,
        cat: RoleCatalog::new(&base.roles),
    };
    s.steps
        .iter()
        .map(|step| {
            format!(
                "{} (cost {}): {}",
                sentence(&n, step),
                step.cost,
                closes_text(step, |j| sentence(&n, &s.steps[j]))
            )
        })
        .collect()
}

/// The headline: "4 changes, cost 13 (baseline 40): closes 5 of 6 errors,
/// opens no warnings; optimal".
pub fn headline(s: &Solution, opts: &Options) -> String {
    let what = if opts.fix == Severity::Error {
        "errors"
    } else {
        "errors and warnings"
    };
    if s.targets.is_empty() {
        return format!("nothing to fix: no {what} a change could close");
    }
    let closed: usize = s.steps.iter().map(|x| x.closes.len()).sum();
    let errors = s
        .opened
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = s.opened.len() - errors;
    let opens = match (errors, warnings) {
        (0, 0) => "opens no warnings".to_string(),
        (0, w) => format!("opens {}", count(w, "warning", "warnings")),
        (e, 0) => format!("opens {}", count(e, "error", "errors")),
        (e, w) => format!(
            "opens {} and {}",
            count(e, "error", "errors"),
            count(w, "warning", "warnings")
        ),
    };
    let status = match s.status {
        Status::Optimal => "optimal".to_string(),
        Status::BestFound => format!("best found (no plan costs less than {})", s.lower_bound),
    };
    format!(
        "{}, cost {} (baseline {}, a hire per gap): closes {closed} of {} {what}, {opens}; {status}",
        count(s.steps.len(), "change", "changes"),
        s.objective.2,
        s.baseline.2,
        s.targets.len(),
    )
}

/// "Checkout: C001 product roadmap — no candidate: …".
fn left_lines(base: &Org, s: &Solution) -> Vec<String> {
    s.left
        .iter()
        .map(|(f, why)| {
            let subject = subject_name(base, f);
            match f.capability {
                Some(c) => format!("{subject}: {} {} ({why})", f.rule.code, c.words()),
                None => format!("{subject}: {} ({why})", f.rule.code),
            }
        })
        .collect()
}

fn subject_name(base: &Org, f: &Finding) -> String {
    use crate::model::Subject;
    match &f.subject {
        Subject::Org => base.name.clone(),
        Subject::Team(t) => base
            .team(t)
            .map_or_else(|| t.to_string(), |x| x.name.clone()),
        Subject::Initiative(i) => base
            .initiative(i)
            .map_or_else(|| i.to_string(), |x| x.name.clone()),
        Subject::Person(p) => base
            .person(p)
            .map_or_else(|| p.to_string(), |x| x.name.to_string()),
    }
}

/// The text report.
pub fn text(base: &Org, s: &Solution, opts: &Options) -> String {
    let mut out = format!("{}: {}\n", base.name, headline(s, opts));
    for line in action_lines(base, s) {
        out.push_str(&format!("  {line}\n"));
    }
    let left = left_lines(base, s);
    if !left.is_empty() {
        out.push_str("Left:\n");
        for line in left {
            out.push_str(&format!("  {line}\n"));
        }
    }
    if !s.opened.is_empty() {
        out.push_str("Opens:\n");
        for f in &s.opened {
            out.push_str(&format!(
                "  {} {} {}: {}\n",
                f.severity.id(),
                f.rule.code,
                f.subject,
                f.message
            ));
        }
    }
    crate::sanitize::visible_keep_lines(&out).into_owned()
}

/// The Markdown report (for a pull request or a briefing).
pub fn markdown(base: &Org, s: &Solution, opts: &Options) -> String {
    use crate::sanitize::markdown as md;
    let mut out = format!(
        "### Suggested fixes for {}\n\n{}\n\n",
        md(&base.name),
        md(&headline(s, opts))
    );
    if !s.steps.is_empty() {
        out.push_str("| # | change | cost | closes |\n|---|---|---|---|\n");
        let n = Names {
            org: base,
            cat: RoleCatalog::new(&base.roles),
        };
        for (i, step) in s.steps.iter().enumerate() {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                i + 1,
                md(&sentence(&n, step)),
                step.cost,
                md(closes_text(step, |j| format!("#{}", j + 1)).trim_start_matches("closes "))
            ));
        }
        out.push('\n');
    }
    let left = left_lines(base, s);
    if !left.is_empty() {
        out.push_str("**Left**\n\n");
        for line in left {
            out.push_str(&format!("- {}\n", md(&line)));
        }
        out.push('\n');
    }
    if !s.opened.is_empty() {
        out.push_str("**Opens**\n\n");
        for f in &s.opened {
            out.push_str(&format!(
                "- {} {}: {}\n",
                f.rule.code,
                f.subject,
                md(&f.message)
            ));
        }
        out.push('\n');
    }
    out
}

/// A finding an action closes, by its key.
#[derive(Serialize)]
struct Closed {
    rule: &'static str,
    subject: String,
    capability: Option<&'static str>,
}

impl Closed {
    fn of(f: &Finding) -> Closed {
        Closed {
            rule: f.rule.code,
            subject: f.subject.to_string(),
            capability: f.capability.map(|c| c.id()),
        }
    }
}

/// One action in the JSON; the fields its kind has.
#[derive(Serialize)]
struct ActionOut {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allocation: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lead: Option<bool>,
    cost: u32,
    closes: Vec<Closed>,
}

impl ActionOut {
    fn of(step: &Step) -> ActionOut {
        let mut a = ActionOut {
            kind: step.action.kind().id(),
            person: None,
            role: None,
            scope: None,
            from: None,
            to: None,
            allocation: None,
            lead: None,
            cost: step.cost,
            closes: step.closes.iter().map(Closed::of).collect(),
        };
        let person = |p: &crate::model::PersonId| Some(format!("person:{p}"));
        match &step.action {
            Action::Hire { scope, role } => {
                a.role = Some(role.to_string());
                a.scope = Some(scope.subject().to_string());
            }
            Action::Move {
                person: p,
                from,
                to,
            } => {
                a.person = person(p);
                a.from = Some(json!(format!("team:{from}")));
                a.to = Some(json!(format!("team:{to}")));
            }
            Action::Share {
                person: p,
                to,
                allocation,
            } => {
                a.person = person(p);
                a.to = Some(json!(format!("team:{to}")));
                a.allocation = Some(*allocation);
            }
            Action::Assign {
                person: p,
                to,
                allocation,
            } => {
                a.person = person(p);
                a.to = Some(json!(format!("initiative:{to}")));
                a.allocation = Some(*allocation);
                a.lead = Some(step.lead);
            }
            Action::Trim { person: p, scope } => {
                a.person = person(p);
                a.scope = Some(scope.subject().to_string());
                a.from = Some(json!(step.trim.0));
                a.to = Some(json!(step.trim.1));
            }
            Action::Hat { person: p, role } => {
                a.person = person(p);
                a.role = Some(role.to_string());
            }
        }
        a
    }
}

#[derive(Serialize)]
struct ObjectiveOut {
    remaining: usize,
    opened: usize,
    cost: u32,
}

impl ObjectiveOut {
    fn of(o: super::plan::Objective) -> ObjectiveOut {
        ObjectiveOut {
            remaining: o.0,
            opened: o.1,
            cost: o.2,
        }
    }
}

#[derive(Serialize)]
struct LeftOut<'a> {
    rule: &'static str,
    subject: String,
    capability: Option<&'static str>,
    why: &'a str,
}

#[derive(Serialize)]
struct Out<'a> {
    tool: &'static str,
    version: &'static str,
    org: &'a str,
    fix: &'static str,
    status: &'static str,
    lower_bound: u32,
    time_ms: u64,
    objective: ObjectiveOut,
    baseline: ObjectiveOut,
    targets: usize,
    candidates: usize,
    actions: Vec<ActionOut>,
    left: Vec<LeftOut<'a>>,
    remaining: Vec<crate::report::json::Finding<'a>>,
    opened: Vec<crate::report::json::Finding<'a>>,
}

/// The JSON report (docs/json.md, "suggest": a public contract).
pub fn json(base: &Org, s: &Solution, opts: &Options) -> String {
    let out = Out {
        tool: "orgplan",
        version: env!("CARGO_PKG_VERSION"),
        org: &base.name,
        fix: opts.fix.id(),
        status: s.status.id(),
        lower_bound: s.lower_bound,
        time_ms: s.elapsed.as_millis() as u64,
        objective: ObjectiveOut::of(s.objective),
        baseline: ObjectiveOut::of(s.baseline),
        targets: s.targets.len(),
        candidates: s.candidates,
        actions: s.steps.iter().map(ActionOut::of).collect(),
        left: s
            .left
            .iter()
            .map(|(f, why)| LeftOut {
                rule: f.rule.code,
                subject: f.subject.to_string(),
                capability: f.capability.map(|c| c.id()),
                why,
            })
            .collect(),
        remaining: s
            .remaining
            .iter()
            .map(crate::report::json::Finding::of)
            .collect(),
        opened: s
            .opened
            .iter()
            .map(crate::report::json::Finding::of)
            .collect(),
    };
    let mut text =
        crate::sanitize::json_ascii_bidi(serde_json::to_string_pretty(&out).unwrap_or_default());
    text.push('\n');
    text
}
