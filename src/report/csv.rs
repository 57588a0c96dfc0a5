use super::Checked;

/// A cell a spreadsheet would run as a formula gets a leading `'`; control
/// characters are shown escaped (no raw ESC or BEL reaches a terminal).
pub fn defuse(cell: &str) -> String {
    let cell = crate::sanitize::visible(cell);
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.into_owned(),
    }
}

/// docs/cli.md's CSV: `file,severity,rule,name,subject,capability,related,message,waived`.
pub fn render(files: &[Checked]) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "file",
        "severity",
        "rule",
        "name",
        "subject",
        "capability",
        "related",
        "message",
        "waived",
    ]);
    for c in files {
        for f in &c.report.findings {
            let related: Vec<String> = f.related.iter().map(|r| r.to_string()).collect();
            let record = [
                c.path.clone(),
                f.severity.id().to_string(),
                f.rule.code.to_string(),
                f.rule.name.to_string(),
                f.subject.to_string(),
                f.capability.map(|c| c.id()).unwrap_or_default().to_string(),
                related.join(";"),
                f.message.clone(),
                f.waived().to_string(),
            ];
            let _ = w.write_record(record.iter().map(|cell| defuse(cell)));
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
