use super::Checked;
use super::view::file_view;
pub use crate::sanitize::markdown as escape;
use std::fmt::Write;

/// The HTML report's content as Markdown; the matrix uses symbols.
pub fn render(files: &[Checked]) -> String {
    let mut o = String::new();
    for c in files {
        let f = file_view(c);
        let _ = writeln!(o, "# {} — org gap report\n", escape(&f.org));
        if !f.description.is_empty() {
            let _ = writeln!(o, "{}\n", escape(&f.description));
        }
        let _ = writeln!(
            o,
            "`{}` · {} people · {} teams · {} initiatives ({} cross-team) · {} open seats · waivers judged on {}\n",
            crate::sanitize::visible(&f.path).replace('`', "'"),
            f.people,
            f.teams,
            f.initiatives,
            f.cross,
            f.seats,
            c.report.today
        );
        let _ = writeln!(
            o,
            "**{} errors · {} warnings · {} info · {} waived**\n",
            f.error, f.warning, f.info, f.waived
        );
        if !f.top.is_empty() {
            let _ = writeln!(o, "Needs attention first:\n");
            for t in &f.top {
                let _ = writeln!(o, "- {}", escape(t));
            }
            o.push('\n');
        }

        let _ = writeln!(o, "## Coverage matrix\n");
        let _ = writeln!(
            o,
            "✔ covered · ◐ stop-gap only · ✘ missing · · not required\n"
        );
        let _ = write!(o, "| Team / initiative |");
        for (short, _) in &f.capabilities {
            let _ = write!(o, " {short} |");
        }
        let _ = write!(o, "\n|---|");
        for _ in &f.capabilities {
            let _ = write!(o, "---|");
        }
        o.push('\n');
        for r in &f.rows {
            let _ = write!(o, "| **{}** ({}) |", escape(&r.name), escape(&r.kind));
            for cell in &r.cells {
                if cell.symbol == "·" || cell.text == "missing" {
                    let _ = write!(o, " {} |", cell.symbol);
                } else {
                    let _ = write!(o, " {} {} |", cell.symbol, escape(&cell.text));
                }
            }
            o.push('\n');
        }
        o.push('\n');

        let _ = writeln!(o, "## Findings\n");
        if f.groups.is_empty() {
            let _ = writeln!(o, "No findings.\n");
        }
        for g in &f.groups {
            let _ = writeln!(o, "### {} ({})\n", g.title, g.count);
            for r in &g.rules {
                let _ = writeln!(o, "#### {} {} — {}\n", r.code, r.name, r.summary);
                for m in &r.findings {
                    let _ = writeln!(o, "- {}", escape(m));
                }
                let _ = writeln!(o, "\n> **Why it matters.** {}\n>", r.why);
                let _ = writeln!(o, "> **How to fix.** {}\n", r.fix);
            }
        }

        let _ = writeln!(o, "## Hiring plan\n");
        if f.hiring.is_empty() {
            let _ = writeln!(o, "No open seats.\n");
        } else {
            let _ = writeln!(
                o,
                "| Team | Seat | Note | Gaps it would close |\n|---|---|---|---|"
            );
            for h in &f.hiring {
                let closes = if h.closes.is_empty() {
                    "none (capacity)".to_string()
                } else {
                    h.closes.join("; ")
                };
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} |",
                    escape(&h.team),
                    escape(&h.role),
                    escape(&h.note),
                    escape(&closes)
                );
            }
            o.push('\n');
        }

        let _ = writeln!(o, "## Waived findings\n");
        if f.waived_rows.is_empty() {
            let _ = writeln!(o, "No waived findings.\n");
        } else {
            let _ = writeln!(o, "| Rule | Finding | Reason | Until |\n|---|---|---|---|");
            for w in &f.waived_rows {
                let _ = writeln!(
                    o,
                    "| {} | {} | {} | {} |",
                    w.code,
                    escape(&w.message),
                    escape(&w.reason),
                    w.until
                );
            }
            o.push('\n');
        }
    }
    crate::sanitize::visible_keep_lines(&o).into_owned()
}
