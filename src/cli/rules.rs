//! `orgplan rules`: the rule catalog, or one rule's documentation.

use super::output::{Done, Outcome, Trouble};

/// `orgplan rules`'s arguments.
#[derive(clap::Args, Debug)]
pub struct RulesArgs {
    /// A rule code (C002) or name (team-capability-stopgap).
    pub code: Option<String>,
}

/// Wraps a paragraph at `width` columns with an indent.
fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.len() > width {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The full documentation of one rule, as `orgplan rules CODE` prints it.
pub fn rule_docs(info: &crate::rules::RuleInfo) -> String {
    let mut out = format!("{} {}\n", info.code, info.name);
    out.push_str(&format!("{}\n\n", info.summary));
    out.push_str(&format!(
        "Family: {}    Default severity: {}    Threshold: {}\n",
        info.family(),
        info.default_severity,
        info.default_threshold
            .map_or_else(|| "none".to_string(), |t| t.to_string())
    ));
    for title in ["What it flags", "Why it matters", "How to fix"] {
        out.push_str(&format!("\n{title}\n"));
        for p in info.paragraphs(title) {
            out.push_str(&wrap(&p, "    ", 80));
        }
    }
    out.push_str(&format!(
        "\nConfigure in the org file: settings: (rules: {{\"{}\": (severity: Warning{})}})\n",
        info.code,
        if info.default_threshold.is_some() {
            ", threshold: N"
        } else {
            ""
        }
    ));
    out
}

pub fn run(a: &RulesArgs) -> Outcome {
    match a.code.as_deref() {
        None => {
            let mut family = "";
            for r in crate::rules::RULES.iter().map(|r| &r.info) {
                if r.family() != family {
                    family = r.family();
                    println!("{}{family}", if r.code == "C001" { "" } else { "\n" });
                }
                println!(
                    "  {}  {:<34} {:<16} {}",
                    r.code,
                    r.name,
                    r.default_severity.to_string(),
                    r.summary
                );
            }
            println!("\nRun `orgplan rules CODE` for a rule's full documentation.");
            Ok(Done::Clean)
        }
        Some(code) => match crate::rules::rule(code) {
            Some(info) => {
                print!("{}", rule_docs(info));
                Ok(Done::Clean)
            }
            None => Err(Trouble::from(format!(
                "unknown rule \"{code}\"; `orgplan rules` lists them all"
            ))),
        },
    }
}
