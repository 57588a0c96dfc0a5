//! `orgplan diff` output: text, Markdown (a pull-request comment), JSON (a
//! public contract, README "diff JSON") and HTML (one self-contained page).

use super::metrics::{delta, num};
use super::{Diff, GapChange, Group};
use crate::report::json::Finding as JsonFinding;
use crate::sanitize::markdown as md;
use crate::sanitize::visible;
use askama::Template;
use serde_json::{Value, json};
use std::fmt::Write;

/// The diff output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Markdown,
    Html,
}

impl DiffFormat {
    pub fn extension(self) -> &'static str {
        match self {
            DiffFormat::Text => "txt",
            DiffFormat::Json => "json",
            DiffFormat::Markdown => "md",
            DiffFormat::Html => "html",
        }
    }
}

/// Where the two sides came from, for headers.
pub struct Sides<'a> {
    pub base_path: &'a str,
    pub proposal_path: &'a str,
}

pub fn render(format: DiffFormat, d: &Diff, sides: &Sides) -> String {
    match format {
        DiffFormat::Text => text(d, sides),
        DiffFormat::Json => json_out(d, sides),
        DiffFormat::Markdown => markdown(d, sides),
        DiffFormat::Html => html(d, sides),
    }
}

fn gap_line(d: &Diff, g: &GapChange) -> String {
    let f = &g.finding;
    let mut s = format!(
        "{} {} {}: {}",
        f.severity, f.rule.code, f.subject, f.message
    );
    if let Some(before) = g.before {
        s = format!("{before} → {s}");
    }
    if let Some(c) = d.cause_text(g) {
        s.push_str(&format!(" (because {c})"));
    }
    s
}

/// The changes grouped for display, in docs/diff.md's order.
fn grouped(d: &Diff) -> Vec<(Group, Vec<&super::Change>)> {
    let mut out: Vec<(Group, Vec<&super::Change>)> = Vec::new();
    for c in &d.changes {
        match out.last_mut() {
            Some((g, v)) if *g == c.group() => v.push(c),
            _ => out.push((c.group(), vec![c])),
        }
    }
    out
}

/// Headline, gap delta, metrics, change list; one safe line each.
pub fn text(d: &Diff, sides: &Sides) -> String {
    let mut o = String::new();
    let mut line = |s: String| {
        o.push_str(&visible(&s));
        o.push('\n');
    };
    line(format!(
        "orgplan diff: {} ({}) → {} ({}), waivers judged on {}",
        sides.base_path, d.base_name, sides.proposal_path, d.proposal_name, d.today
    ));
    if d.is_empty() {
        line("No changes.".into());
    }
    line(format!("Proposal {}", d.headline()));
    for (title, list, mark) in [
        ("Gaps opened", &d.gaps.opened, "+"),
        ("Gaps closed", &d.gaps.closed, "-"),
        ("Severity changed", &d.gaps.changed, "~"),
    ] {
        if list.is_empty() {
            continue;
        }
        line(String::new());
        line(format!("{title} ({})", list.len()));
        for g in list {
            line(format!("  {mark} {}", gap_line(d, g)));
        }
    }
    line(String::new());
    line(format!(
        "{:<26} {:>9} {:>9} {:>7}",
        "Metrics", "base", "proposal", "delta"
    ));
    for ((label, b), (_, p)) in d.base_metrics.rows().iter().zip(d.proposal_metrics.rows()) {
        line(format!(
            "  {:<24} {:>9} {:>9} {:>7}",
            label,
            num(*b),
            num(p),
            delta(p - b)
        ));
    }
    line(String::new());
    line(format!("Changes ({})", d.changes.len()));
    for (g, list) in grouped(d) {
        line(format!("  {}", g.title()));
        for c in list {
            line(format!("    {}", c.text()));
        }
    }
    o
}

fn finding_json(d: &Diff, g: &GapChange) -> Value {
    let mut v = serde_json::to_value(JsonFinding::of(&g.finding)).unwrap_or(Value::Null);
    if let Some(obj) = v.as_object_mut() {
        if let Some(b) = g.before {
            obj.insert("from_severity".into(), b.id().into());
        }
        if let Some(c) = d.cause(g) {
            obj.insert("cause".into(), c.text().into());
        } else if !g.causes.is_empty() {
            // No one change is the cause: every change touching the
            // subject.
            obj.insert("causes".into(), d.cause_texts(g).into());
        }
    }
    v
}

/// The public JSON shape (README "orgplan diff JSON").
pub fn json_out(d: &Diff, sides: &Sides) -> String {
    let metrics = |m: &super::Metrics| -> Value {
        let mut o = serde_json::Map::new();
        for (k, (_, v)) in super::Metrics::KEYS.iter().zip(m.rows()) {
            o.insert((*k).into(), number(v));
        }
        Value::Object(o)
    };
    let mut dm = serde_json::Map::new();
    for (k, ((_, b), (_, p))) in super::Metrics::KEYS
        .iter()
        .zip(d.base_metrics.rows().iter().zip(d.proposal_metrics.rows()))
    {
        dm.insert((*k).into(), number(p - b));
    }
    let out = json!({
        "tool": "orgplan",
        "version": env!("CARGO_PKG_VERSION"),
        "today": d.today.to_string(),
        "base": {"path": sides.base_path, "org": d.base_name},
        "proposal": {"path": sides.proposal_path, "org": d.proposal_name},
        "headline": d.headline(),
        "gaps": {
            "closed": d.gaps.closed.iter().map(|g| finding_json(d, g)).collect::<Vec<_>>(),
            "opened": d.gaps.opened.iter().map(|g| finding_json(d, g)).collect::<Vec<_>>(),
            "changed": d.gaps.changed.iter().map(|g| finding_json(d, g)).collect::<Vec<_>>(),
            "unchanged": d.gaps.unchanged.len(),
        },
        "metrics": {
            "base": metrics(&d.base_metrics),
            "proposal": metrics(&d.proposal_metrics),
            "delta": Value::Object(dm),
        },
        "changes": d.changes.iter().map(|c| {
            let (from, to) = c.json_values();
            json!({
                "kind": c.kind.id(),
                "subject": c.subject.to_string(),
                "from": from,
                "to": to,
                "text": c.text(),
            })
        }).collect::<Vec<_>>(),
    });
    let mut s =
        crate::sanitize::json_ascii_bidi(serde_json::to_string_pretty(&out).unwrap_or_default());
    s.push('\n');
    s
}

fn number(v: f64) -> Value {
    if v.fract() == 0.0 {
        Value::from(v as i64)
    } else {
        Value::from((v * 10.0).round() / 10.0)
    }
}

fn code(s: &str) -> String {
    format!("`{}`", visible(s).replace('`', "'"))
}

/// Made to be posted as a pull-request comment: headline first, opened and
/// closed gaps as tables, metrics, the change list folded away.
pub fn markdown(d: &Diff, sides: &Sides) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "### orgplan: this proposal {}\n", md(&d.headline()));
    let _ = writeln!(
        o,
        "{} → {} · waivers judged on {}\n",
        code(sides.base_path),
        code(sides.proposal_path),
        d.today
    );
    if d.is_empty() {
        let _ = writeln!(o, "No changes.\n");
    }
    for (title, list) in [
        ("Gaps opened", &d.gaps.opened),
        ("Gaps closed", &d.gaps.closed),
        ("Severity changed", &d.gaps.changed),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(o, "**{title} ({})**\n", list.len());
        let _ = writeln!(
            o,
            "| Severity | Rule | Subject | Finding | Cause |\n|---|---|---|---|---|"
        );
        for g in list {
            let f = &g.finding;
            let sev = match g.before {
                Some(b) => format!("{b} → {}", f.severity),
                None => f.severity.to_string(),
            };
            let _ = writeln!(
                o,
                "| {sev} | {} {} | {} | {} | {} |",
                f.rule.code,
                f.rule.name,
                md(&f.subject.to_string()),
                md(&f.message),
                d.cause_text(g).map_or(String::new(), |c| md(&c))
            );
        }
        o.push('\n');
    }
    let _ = writeln!(o, "**Metrics**\n");
    let _ = writeln!(o, "| | Base | Proposal | Δ |\n|---|---:|---:|---:|");
    for ((label, b), (_, p)) in d.base_metrics.rows().iter().zip(d.proposal_metrics.rows()) {
        let _ = writeln!(
            o,
            "| {label} | {} | {} | {} |",
            num(*b),
            num(p),
            delta(p - b)
        );
    }
    o.push('\n');
    let _ = writeln!(
        o,
        "<details><summary>{} changes</summary>\n",
        d.changes.len()
    );
    for (g, list) in grouped(d) {
        let _ = writeln!(o, "**{}**\n", g.title());
        for c in list {
            let _ = writeln!(o, "- {}", md(&c.text()));
        }
        o.push('\n');
    }
    let _ = writeln!(o, "</details>");
    crate::sanitize::visible_keep_lines(&o).into_owned()
}

struct GapView {
    severity: String,
    class: &'static str,
    code: &'static str,
    name: &'static str,
    subject: String,
    /// `kind:id`, as a tooltip on the name.
    subject_id: String,
    message: String,
    cause: String,
}

struct MetricView {
    label: &'static str,
    base: String,
    proposal: String,
    delta: String,
}

struct GroupView {
    title: &'static str,
    lines: Vec<String>,
}

#[derive(Template)]
#[template(path = "diff.html")]
struct Page {
    title: String,
    version: &'static str,
    today: String,
    base_path: String,
    proposal_path: String,
    base_name: String,
    proposal_name: String,
    headline: String,
    empty: bool,
    opens: bool,
    sections: Vec<(&'static str, Vec<GapView>)>,
    unchanged: usize,
    metrics: Vec<MetricView>,
    groups: Vec<GroupView>,
}

fn gap_views(d: &Diff, list: &[GapChange]) -> Vec<GapView> {
    list.iter()
        .map(|g| {
            let f = &g.finding;
            GapView {
                severity: match g.before {
                    Some(b) => format!("{b} → {}", f.severity),
                    None => f.severity.to_string(),
                },
                class: f.severity.id(),
                code: f.rule.code,
                name: f.rule.name,
                subject: if g.subject_name.is_empty() {
                    f.subject.to_string()
                } else {
                    g.subject_name.clone()
                },
                subject_id: f.subject.to_string(),
                message: f.message.clone(),
                cause: d.cause_text(g).unwrap_or_default(),
            }
        })
        .collect()
}

/// The last part of a path as given ("proposal.org.ron").
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// One self-contained page, base and proposal side by side.
pub fn html(d: &Diff, sides: &Sides) -> String {
    let page = Page {
        // Both sides usually share the org's name ("C → C"): then the files.
        title: if d.base_name == d.proposal_name {
            format!(
                "{} → {} ({}) — orgplan diff",
                file_name(sides.base_path),
                file_name(sides.proposal_path),
                d.proposal_name
            )
        } else {
            format!("{} → {} — orgplan diff", d.base_name, d.proposal_name)
        },
        version: env!("CARGO_PKG_VERSION"),
        today: d.today.to_string(),
        base_path: sides.base_path.to_string(),
        proposal_path: sides.proposal_path.to_string(),
        base_name: d.base_name.clone(),
        proposal_name: d.proposal_name.clone(),
        headline: d.headline(),
        empty: d.is_empty(),
        opens: !d.gaps.opened.is_empty(),
        sections: vec![
            ("Gaps opened", gap_views(d, &d.gaps.opened)),
            ("Gaps closed", gap_views(d, &d.gaps.closed)),
            ("Severity changed", gap_views(d, &d.gaps.changed)),
        ],
        unchanged: d.gaps.unchanged.len(),
        metrics: d
            .base_metrics
            .rows()
            .iter()
            .zip(d.proposal_metrics.rows())
            .map(|((label, b), (_, p))| MetricView {
                label,
                base: num(*b),
                proposal: num(p),
                delta: delta(p - b),
            })
            .collect(),
        groups: grouped(d)
            .into_iter()
            .map(|(g, list)| GroupView {
                title: g.title(),
                lines: list.iter().map(|c| c.text()).collect(),
            })
            .collect(),
    };
    let html = page
        .render()
        .unwrap_or_else(|e| format!("<!DOCTYPE html><p>report failed: {e}</p>"));
    crate::sanitize::visible_keep_lines(&html).into_owned()
}
