use super::{Checked, summary_line};
use std::fmt::Write;

/// One line a finding, `SEVERITY CODE subject: message`, then a summary.
pub fn render(files: &[Checked]) -> String {
    let mut out = String::new();
    for c in files {
        for f in &c.report.findings {
            let _ = write!(
                out,
                "{} {} {}: {}",
                f.severity, f.rule.code, f.subject, f.message
            );
            if let Some(w) = f.waived_by.and_then(|i| c.org.waivers.get(i)) {
                let _ = write!(out, " [waived: {}]", w.reason);
            }
            out.push('\n');
        }
        let _ = writeln!(out, "{}: {}", c.path, summary_line(&c.report.summary()));
    }
    out
}
