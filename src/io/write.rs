//! The canonical form of docs/file-format.md "Writing": fields in schema order,
//! 4-space indent, defaults omitted, lists in the user's order. Byte-stable:
//! the same org always gives the same text.

use crate::catalog::{Provision, Severity};
use crate::model::{
    Allocation, CustomRole, ImportKey, ImportRecord, ImportedPerson, Initiative, InitiativeKind,
    Member, OpenSeat, Org, Person, Point, RequirementOverride, RequirementScope, RuleOverride,
    TeamId, TeamKind, Waiver,
};
use std::fmt::Write as _;

use crate::sanitize::ron_string as q;

/// A float as ron writes it (`120.0`).
fn float(v: f32) -> String {
    ron::to_string(&v).unwrap_or_else(|_| format!("{v:?}"))
}

fn list(items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let items: Vec<String> = items.into_iter().map(|s| q(s.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

fn point(p: Point) -> String {
    format!("(x: {}, y: {})", float(p.x), float(p.y))
}

fn severity(s: Severity) -> &'static str {
    s.title()
}

/// Writes `key: value,` lines at one indentation level.
struct Fields<'a> {
    out: &'a mut String,
    indent: &'static str,
}

impl Fields<'_> {
    fn field(&mut self, key: &str, value: impl AsRef<str>) {
        let _ = writeln!(self.out, "{}{key}: {},", self.indent, value.as_ref());
    }

    fn string(&mut self, key: &str, value: &str) {
        self.field(key, q(value));
    }

    fn string_if(&mut self, key: &str, value: &str) {
        if !value.is_empty() {
            self.string(key, value);
        }
    }

    fn opt_string(&mut self, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.string(key, v);
        }
    }

    fn list_if<T: AsRef<str>>(&mut self, key: &str, items: &[T]) {
        if !items.is_empty() {
            self.field(key, list(items));
        }
    }

    /// `key: [` one line per item `],`
    fn block<T>(&mut self, key: &str, items: &[T], mut line: impl FnMut(&T) -> String) {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(self.out, "{}{key}: [", self.indent);
        for item in items {
            let _ = writeln!(self.out, "{}    {},", self.indent, line(item));
        }
        let _ = writeln!(self.out, "{}],", self.indent);
    }
}

const L1: &str = "    ";
const L3: &str = "            ";

/// Writes `key: [` with each item as an expanded struct `],`.
/// Hands the text written so far on (to a file) once it is this long.
const CHUNK: usize = 1 << 20;

/// Where full chunks of text go: `to_canonical_string` keeps them all, a
/// streaming write sends each on and clears the buffer.
type Flush<'a> = &'a mut dyn FnMut(&mut String);

fn entities<T>(
    out: &mut String,
    flush: Flush,
    key: &str,
    items: &[T],
    mut body: impl FnMut(&mut Fields, &T),
) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "{L1}{key}: [");
    for item in items {
        out.push_str("        (\n");
        body(&mut Fields { out, indent: L3 }, item);
        out.push_str("        ),\n");
        if out.len() >= CHUNK {
            flush(out);
        }
    }
    let _ = writeln!(out, "{L1}],");
}

fn member(m: &Member) -> String {
    if m.allocation == Allocation::FULL {
        format!("(person: {})", q(m.person.as_str()))
    } else {
        format!(
            "(person: {}, allocation: {})",
            q(m.person.as_str()),
            m.allocation.percent()
        )
    }
}

fn seat(s: &OpenSeat) -> String {
    if s.note.is_empty() {
        format!("(role: {})", q(s.role.as_str()))
    } else {
        format!("(role: {}, note: {})", q(s.role.as_str()), q(&s.note))
    }
}

fn person(f: &mut Fields, p: &Person) {
    f.string("id", p.id.as_str());
    f.string("name", &p.name);
    f.string("role", p.role.as_str());
    f.list_if(
        "hats",
        &p.hats.iter().map(|h| h.as_str()).collect::<Vec<_>>(),
    );
    f.opt_string("level", p.level.as_deref());
    f.opt_string("manager", p.manager.as_ref().map(|m| m.as_str()));
    f.list_if(
        "dotted",
        &p.dotted.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
    );
    f.string_if("note", &p.note);
}

fn initiative(f: &mut Fields, i: &Initiative) {
    f.string("id", i.id.as_str());
    f.string("name", &i.name);
    if i.kind != InitiativeKind::default() {
        f.field("kind", i.kind.name());
    }
    f.list_if(
        "teams",
        &i.teams.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
    );
    f.opt_string("lead", i.lead.as_ref().map(|l| l.as_str()));
    f.block("members", &i.members, member);
    f.block("open_seats", &i.open_seats, seat);
    f.opt_string("sponsor", i.sponsor.as_ref().map(|s| s.as_str()));
    f.opt_string("outcome", i.outcome.as_deref());
    if let Some(p) = i.position {
        f.field("position", point(p));
    }
    f.string_if("note", &i.note);
}

fn role(f: &mut Fields, r: &CustomRole) {
    f.string("id", r.id.as_str());
    f.string("name", &r.name);
    if !r.provides.is_empty() {
        let cells: Vec<String> = r
            .provides
            .iter()
            .map(|(c, p)| {
                let p = match p {
                    Provision::Primary => "Primary",
                    Provision::StopGap => "StopGap",
                };
                format!("{}: {p}", q(c.id()))
            })
            .collect();
        f.field("provides", format!("{{{}}}", cells.join(", ")));
    }
    f.opt_string("like", r.like.as_ref().map(|l| l.as_str()));
}

fn waiver(f: &mut Fields, w: &Waiver) {
    f.string("rule", &w.rule);
    f.string("subject", &w.subject.to_string());
    f.opt_string("capability", w.capability.map(|c| c.id()));
    f.string("reason", &w.reason);
    f.opt_string("until", w.until.map(|d| d.to_string()).as_deref());
}

fn rule_override(o: &RuleOverride) -> String {
    let mut parts = Vec::new();
    if let Some(s) = o.severity {
        parts.push(format!("severity: {}", severity(s)));
    }
    if let Some(t) = o.threshold {
        parts.push(format!("threshold: {t}"));
    }
    format!("({})", parts.join(", "))
}

fn requirement(r: &RequirementOverride) -> String {
    let scope = match r.scope {
        RequirementScope::Team(k) => format!("Team({})", k.name()),
        RequirementScope::Initiative => "Initiative".into(),
    };
    let mut s = format!("(scope: {scope}, capability: {}", q(r.capability.id()));
    if let Some(m) = r.missing {
        let _ = write!(s, ", missing: {}", severity(m));
    }
    if let Some(g) = r.stopgap {
        let _ = write!(s, ", stopgap: {}", severity(g));
    }
    s.push(')');
    s
}

/// The `imported` record: one line a team and a person, fields omitted
/// where empty.
fn imported(out: &mut String, flush: Flush, rec: &ImportRecord, org: &Org) {
    out.push_str("    imported: (\n");
    {
        let mut f = Fields {
            out: &mut *out,
            indent: "        ",
        };
        f.string_if("source", &rec.source);
        f.opt_string("date", rec.date.map(|d| d.to_string()).as_deref());
        if rec.key != ImportKey::default() {
            f.field("key", rec.key.name());
        }
    }
    if !rec.titles.is_empty() {
        out.push_str("        titles: {\n");
        for (t, r) in &rec.titles {
            let _ = writeln!(out, "            {}: {},", q(t), q(r.as_str()));
        }
        out.push_str("        },\n");
    }
    if !rec.skipped.is_empty() {
        let _ = writeln!(out, "        skipped: {},", list(&rec.skipped));
    }
    let mut f = Fields {
        out: &mut *out,
        indent: "        ",
    };
    f.block("teams", &rec.teams, |t| match &t.group {
        Some(g) => format!(
            "(id: {}, name: {}, group: {})",
            q(t.id.as_str()),
            q(&t.name),
            q(g)
        ),
        None => format!("(id: {}, name: {})", q(t.id.as_str()), q(&t.name)),
    });
    if !rec.people.is_empty() {
        let ix: rustc_hash::FxHashMap<&str, &Person> =
            org.people.iter().map(|p| (p.id.as_str(), p)).collect();
        let first = crate::model::first_teams(org);
        out.push_str("        people: [\n");
        for p in &rec.people {
            let now = ix.get(p.id.as_str()).copied();
            let home = first.get(p.id.as_str()).copied();
            let _ = writeln!(out, "            {},", imported_person(p, now, home));
            if out.len() >= CHUNK {
                flush(out);
            }
        }
        out.push_str("        ],\n");
    }
    out.push_str("    ),\n");
}

/// A person of the record, leaving out what equals the person's own value
/// in the org (`now`; their first team `home`): most lines are the id, the
/// key and the title. A value HR had none of where the person has one is
/// written `""`.
fn imported_person(p: &ImportedPerson, now: Option<&Person>, home: Option<&TeamId>) -> String {
    let mut s = format!("(id: {}", q(p.id.as_str()));
    if p.key != p.id.as_str() {
        let _ = write!(s, ", key: {}", q(&p.key));
    }
    if !p.email.is_empty() {
        let _ = write!(s, ", email: {}", q(&p.email));
    }
    if now.is_none_or(|n| n.name != p.name) {
        let _ = write!(s, ", name: {}", q(&p.name));
    }
    if !p.title.is_empty() {
        let _ = write!(s, ", title: {}", q(&p.title));
    }
    if now.is_none_or(|n| n.role != p.role) {
        let _ = write!(s, ", role: {}", q(p.role.as_str()));
    }
    let mut optional = |key: &str, hr: Option<&str>, org: Option<&str>| {
        if now.is_none() || hr != org {
            let _ = write!(s, ", {key}: {}", q(hr.unwrap_or("")));
        }
    };
    optional(
        "manager",
        p.manager.as_ref().map(|m| m.as_str()),
        now.and_then(|n| n.manager.as_ref()).map(|m| m.as_str()),
    );
    optional(
        "level",
        p.level.as_deref(),
        now.and_then(|n| n.level.as_deref()),
    );
    optional(
        "team",
        p.team.as_ref().map(|t| t.as_str()),
        home.map(|t| t.as_str()),
    );
    s.push(')');
    s
}

/// The canonical text of an org.
pub fn to_canonical_string(org: &Org) -> String {
    // Room for the whole text up front: growing a large string copies it
    // (twice the memory at that moment), while capacity never written to
    // is not resident.
    let members: usize = org.teams.iter().map(|t| t.members.len()).sum::<usize>()
        + org
            .initiatives
            .iter()
            .map(|i| i.members.len())
            .sum::<usize>();
    let mut out = String::with_capacity(
        4096 + org.people.len() * 320
            + members * 96
            + (org.teams.len() + org.initiatives.len()) * 512
            + org.waivers.len() * 400
            + org.imported.as_ref().map_or(0, |r| r.people.len() * 200),
    );
    canonical(org, &mut out, &mut |_| {});
    out
}

/// The canonical text of an org written to `w` a chunk at a time (never the
/// whole text in memory); `limit`: refuse (an error of kind
/// `FileTooLarge`, nothing more written) once the text grows past it.
/// Returns the length written.
pub fn write_canonical(
    org: &Org,
    w: &mut dyn std::io::Write,
    limit: usize,
) -> std::io::Result<usize> {
    let mut out = String::with_capacity(CHUNK + 64 * 1024);
    let mut total = 0usize;
    let mut failed: Option<std::io::Error> = None;
    let mut send = |buf: &mut String| {
        if failed.is_none() {
            total += buf.len();
            if total > limit {
                failed = Some(std::io::Error::new(
                    std::io::ErrorKind::FileTooLarge,
                    format!("more than {} MiB", limit / (1024 * 1024)),
                ));
            } else if let Err(e) = w.write_all(buf.as_bytes()) {
                failed = Some(e);
            }
        }
        buf.clear();
    };
    canonical(org, &mut out, &mut send);
    send(&mut out);
    match failed {
        Some(e) => Err(e),
        None => Ok(total),
    }
}

fn canonical(org: &Org, out: &mut String, flush: Flush) {
    out.push_str("#![enable(implicit_some)]\n(\n");
    {
        let mut f = Fields {
            out: &mut *out,
            indent: L1,
        };
        f.field("format", org.format.to_string());
        f.string("name", &org.name);
        f.string_if("description", &org.description);
    }
    entities(out, flush, "people", &org.people, person);
    entities(out, flush, "teams", &org.teams, |f, t| {
        f.string("id", t.id.as_str());
        f.string("name", &t.name);
        if t.kind != TeamKind::default() {
            f.field("kind", t.kind.name());
        }
        f.opt_string("group", t.group.as_deref());
        f.block("members", &t.members, member);
        f.block("open_seats", &t.open_seats, seat);
        f.list_if(
            "depends_on",
            &t.depends_on.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
        );
        if let Some(p) = t.position {
            f.field("position", point(p));
        }
        f.string_if("note", &t.note);
    });
    entities(out, flush, "initiatives", &org.initiatives, initiative);
    entities(out, flush, "roles", &org.roles, role);
    if !org.settings.is_default() {
        out.push_str("    settings: (\n");
        let s = &org.settings;
        if !s.rules.is_empty() {
            out.push_str("        rules: {\n");
            for (code, o) in &s.rules {
                let _ = writeln!(out, "            {}: {},", q(code), rule_override(o));
            }
            out.push_str("        },\n");
        }
        let mut f = Fields {
            out: &mut *out,
            indent: "        ",
        };
        f.block("requirements", &s.requirements, requirement);
        out.push_str("    ),\n");
    }
    if let Some(rec) = &org.imported {
        imported(out, flush, rec, org);
    }
    entities(out, flush, "waivers", &org.waivers, waiver);
    out.push_str(")\n");
}
