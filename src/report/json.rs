use super::Checked;
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    tool: &'static str,
    version: &'static str,
    files: Vec<File<'a>>,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    org: &'a str,
    summary: Summary,
    findings: Vec<Finding<'a>>,
}

#[derive(Serialize)]
struct Summary {
    error: usize,
    warning: usize,
    info: usize,
    waived: usize,
}

/// A finding in docs/json.md's shape (shared with `orgplan diff`).
#[derive(Serialize)]
pub struct Finding<'a> {
    rule: &'static str,
    name: &'static str,
    severity: &'static str,
    subject: String,
    related: Vec<String>,
    capability: Option<&'static str>,
    message: &'a str,
    waived: bool,
}

impl<'a> Finding<'a> {
    pub fn of(f: &'a crate::rules::Finding) -> Self {
        Finding {
            rule: f.rule.code,
            name: f.rule.name,
            severity: f.severity.id(),
            subject: f.subject.to_string(),
            related: f.related.iter().map(|r| r.to_string()).collect(),
            capability: f.capability.map(|c| c.id()),
            message: &f.message,
            waived: f.waived(),
        }
    }
}

/// docs/json.md's shape.
pub fn render(files: &[Checked]) -> String {
    let out = Output {
        tool: "orgplan",
        version: env!("CARGO_PKG_VERSION"),
        files: files
            .iter()
            .map(|c| {
                let s = c.report.summary();
                File {
                    path: &c.path,
                    org: &c.org.name,
                    summary: Summary {
                        error: s.error,
                        warning: s.warning,
                        info: s.info,
                        waived: s.waived,
                    },
                    findings: c.report.findings.iter().map(Finding::of).collect(),
                }
            })
            .collect(),
    };
    let mut s =
        crate::sanitize::json_ascii_bidi(serde_json::to_string_pretty(&out).unwrap_or_default());
    s.push('\n');
    s
}
