use super::{Checked, summary_line};
use crate::sanitize::visible;
use std::fmt::Write;

/// One line a finding, `SEVERITY CODE subject: message`, then a summary.
/// Text from the file is shown with control characters escaped, so no value
/// can drive the terminal or start a line of its own.
pub fn render(files: &[Checked]) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for c in files {
        for f in &c.report.findings {
            line.clear();
            let _ = write!(
                line,
                "{} {} {}: {}",
                f.severity, f.rule.code, f.subject, f.message
            );
            if let Some(w) = f.waived_by.and_then(|i| c.org.waivers.get(i)) {
                let _ = write!(line, " [waived: {}]", w.reason);
            }
            out.push_str(&visible(&line));
            out.push('\n');
        }
        line.clear();
        let _ = write!(line, "{}: {}", c.path, summary_line(&c.report.summary()));
        out.push_str(&visible(&line));
        out.push('\n');
    }
    out
}
