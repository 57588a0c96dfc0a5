//! The report as display data, shared by the HTML and Markdown formats.

use super::Checked;
use crate::catalog::{Capability, Severity};
use crate::rules::{CellStatus, HiringLine, hiring_plan, matrix};

pub struct CellView {
    pub class: &'static str,
    pub text: String,
    pub title: String,
    pub symbol: &'static str,
}

pub struct RowView {
    pub name: String,
    pub kind: String,
    pub cells: Vec<CellView>,
}

pub struct RuleGroup {
    pub code: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    pub why: String,
    pub fix: String,
    pub why_html: String,
    pub fix_html: String,
    pub findings: Vec<String>,
}

pub struct SeverityGroup {
    pub title: &'static str,
    pub class: &'static str,
    pub count: usize,
    pub rules: Vec<RuleGroup>,
}

pub struct WaivedRow {
    pub code: &'static str,
    pub message: String,
    pub reason: String,
    pub until: String,
}

pub struct FileView {
    pub path: String,
    pub org: String,
    pub description: String,
    pub people: usize,
    pub teams: usize,
    pub initiatives: usize,
    pub cross: usize,
    pub seats: usize,
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub waived: usize,
    pub top: Vec<String>,
    pub capabilities: Vec<(&'static str, &'static str)>,
    pub rows: Vec<RowView>,
    pub groups: Vec<SeverityGroup>,
    pub hiring: Vec<HiringLine>,
    pub waived_rows: Vec<WaivedRow>,
}

/// Our own rule docs as HTML: escaped, with `code` spans. Never used for
/// text from the org file.
pub fn docs_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                out.push_str(if in_code { "</code>" } else { "<code>" });
                in_code = !in_code;
            }
            '<' | '>' | '&' | '"' => {
                out.push_str(crate::sanitize::xml_entity(c).unwrap_or_default())
            }
            _ => out.push(c),
        }
    }
    if in_code {
        out.push_str("</code>");
    }
    out
}

/// First names only, to keep matrix cells narrow: "Alice (EM)".
fn short_holder(h: &str) -> String {
    match (h.split_once(' '), h.rfind(" (")) {
        (Some((first, _)), Some(paren)) if first.len() < paren => format!("{first}{}", &h[paren..]),
        _ => h.to_string(),
    }
}

pub fn file_view(c: &Checked) -> FileView {
    let org = c.org;
    let s = c.report.summary();
    let m = matrix(&c.analysis);
    let rows = m
        .rows
        .iter()
        .map(|r| RowView {
            name: r.name.clone(),
            kind: r.kind.clone(),
            cells: r
                .cells
                .iter()
                .zip(Capability::ALL)
                .map(|(cell, cap)| {
                    let class = match (cell.status, cell.severity) {
                        (CellStatus::Covered, _) => "covered",
                        (CellStatus::StopGap, _) => "stopgap",
                        (CellStatus::Missing, Some(Severity::Error)) => "missing",
                        (CellStatus::Missing, _) => "missing soft",
                        (CellStatus::NotRequired, _) => "notreq",
                    };
                    let text = match cell.status {
                        CellStatus::Missing => "missing".to_string(),
                        CellStatus::NotRequired if cell.holder_count() == 0 => "–".to_string(),
                        _ => {
                            let mut names: Vec<String> =
                                m.holders(cell).take(2).map(short_holder).collect();
                            if cell.holder_count() > 2 {
                                names.push(format!("+{}", cell.holder_count() - 2));
                            }
                            names.join(", ")
                        }
                    };
                    CellView {
                        class,
                        text,
                        title: m.describe(cell, cap),
                        symbol: cell.status.symbol(),
                    }
                })
                .collect(),
        })
        .collect();

    let mut groups = Vec::new();
    for sev in Severity::REPORTED {
        let findings: Vec<_> = c
            .report
            .findings
            .iter()
            .filter(|f| f.severity == sev && !f.waived())
            .collect();
        if findings.is_empty() {
            continue;
        }
        let mut rules: Vec<RuleGroup> = Vec::new();
        for f in &findings {
            match rules.iter_mut().find(|r| r.code == f.rule.code) {
                Some(r) => r.findings.push(f.message.clone()),
                None => rules.push(RuleGroup {
                    code: f.rule.code,
                    name: f.rule.name,
                    summary: f.rule.summary,
                    why: f.rule.paragraphs("Why it matters").join(" "),
                    fix: f.rule.paragraphs("How to fix").join(" "),
                    why_html: docs_html(&f.rule.paragraphs("Why it matters").join(" ")),
                    fix_html: docs_html(&f.rule.paragraphs("How to fix").join(" ")),
                    findings: vec![f.message.clone()],
                }),
            }
        }
        groups.push(SeverityGroup {
            title: match sev {
                Severity::Error => "Errors",
                Severity::Warning => "Warnings",
                _ => "Info",
            },
            class: sev.id(),
            count: findings.len(),
            rules,
        });
    }

    let top = c
        .report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && !f.waived())
        .take(5)
        .map(|f| f.message.clone())
        .collect();

    let waived_rows = c
        .report
        .findings
        .iter()
        .filter_map(|f| {
            let w = org.waivers.get(f.waived_by?)?;
            Some(WaivedRow {
                code: f.rule.code,
                message: f.message.clone(),
                reason: w.reason.clone(),
                until: w
                    .until
                    .map_or_else(|| "no expiry".to_string(), |d| d.to_string()),
            })
        })
        .collect();

    FileView {
        path: c.path.clone(),
        org: org.name.clone(),
        description: org.description.clone(),
        people: org.people.len(),
        teams: org.teams.len(),
        initiatives: org.initiatives.len(),
        cross: (0..org.initiatives.len())
            .filter(|&i| c.analysis.is_cross_team(i))
            .count(),
        seats: org.teams.iter().map(|t| t.open_seats.len()).sum(),
        error: s.error,
        warning: s.warning,
        info: s.info,
        waived: s.waived,
        top,
        capabilities: Capability::ALL
            .iter()
            .map(|c| (c.short(), c.name()))
            .collect(),
        rows,
        groups,
        hiring: hiring_plan(&c.analysis),
        waived_rows,
    }
}
