use super::Checked;
use crate::catalog::Severity;
use crate::io::EntityKind;
use crate::model::Subject;
use crate::rules::{DefaultSeverity, RULES};
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}

/// A relative URI reference for a path: `/` separators, everything but
/// unreserved characters percent-encoded (spaces, newlines, `#`, `%`, …).
fn uri(path: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const PATH: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    utf8_percent_encode(&path.replace('\\', "/"), PATH).to_string()
}

/// SARIF 2.1.0: one run, rule metadata from the registry, each result
/// located at the line where its subject's id is defined.
pub fn render(files: &[Checked]) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let i = &r.info;
            let default_level = match i.default_severity {
                DefaultSeverity::Fixed(s) => level(s),
                DefaultSeverity::PerRequirement => "warning",
            };
            let why = i.paragraphs("Why it matters").join("\n\n");
            let fix = i.paragraphs("How to fix").join("\n\n");
            json!({
                "id": i.code,
                "name": i.name,
                "shortDescription": {"text": i.summary},
                "fullDescription": {"text": i.paragraphs("What it flags").join(" ")},
                "help": {
                    "text": format!("Why it matters: {why}\n\nHow to fix: {fix}"),
                    "markdown": format!("**Why it matters.** {why}\n\n**How to fix.** {fix}"),
                },
                "defaultConfiguration": {"level": default_level},
                "properties": {"tags": [i.family().to_lowercase()]},
            })
        })
        .collect();
    let mut results = Vec::new();
    let mut artifacts = Vec::new();
    for c in files {
        let map = c.source_map();
        let file_uri = uri(&c.path);
        artifacts.push(json!({"location": {"uri": file_uri}}));
        for f in &c.report.findings {
            let kind = match &f.subject {
                Subject::Org => None,
                Subject::Team(_) => Some(EntityKind::Team),
                Subject::Initiative(_) => Some(EntityKind::Initiative),
                Subject::Person(_) => Some(EntityKind::Person),
            };
            let pos = kind
                .zip(f.subject.id())
                .and_then(|(k, id)| map.as_ref().and_then(|m| m.locate(k, id)));
            let mut physical = json!({"artifactLocation": {"uri": file_uri}});
            physical["region"] = match pos {
                Some(p) => json!({"startLine": p.line, "startColumn": p.col}),
                None => json!({"startLine": 1}),
            };
            let index = RULES
                .iter()
                .position(|r| r.info.code == f.rule.code)
                .unwrap_or(0);
            let mut result = json!({
                "ruleId": f.rule.code,
                "ruleIndex": index,
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": physical,
                    "logicalLocations": [{"name": f.subject.to_string(), "kind": f.subject.kind()}],
                }],
                "properties": {
                    "subject": f.subject.to_string(),
                    "related": f.related.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
                    "capability": f.capability.map(|c| c.id()),
                },
            });
            if let Some(w) = f.waived_by.and_then(|i| c.org.waivers.get(i)) {
                result["suppressions"] = json!([{"kind": "inSource", "justification": w.reason}]);
            }
            results.push(result);
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "orgplan",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "artifacts": artifacts,
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    });
    let mut s =
        crate::sanitize::json_ascii_bidi(serde_json::to_string_pretty(&doc).unwrap_or_default());
    s.push('\n');
    s
}
