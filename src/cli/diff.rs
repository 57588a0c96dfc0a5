//! `orgplan diff`: a proposal against its base (docs/diff.md), also as git's
//! external diff.

use super::output::{Done, Outcome, Trouble, error, write_output, write_stdout};
use super::{Gate, Output};
use crate::io::{load_file, refuse_output_over_input};
use std::path::PathBuf;

/// `orgplan diff`'s arguments.
#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// BASE and PROPOSAL org files (or git's seven arguments:
    /// path old-file old-hex old-mode new-file new-hex new-mode).
    #[arg(required = true, num_args = 2..=7, value_name = "BASE PROPOSAL")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::diff::render::DiffFormat::Text)]
    pub format: crate::diff::render::DiffFormat,
    #[command(flatten)]
    pub output: Output,
    #[command(flatten)]
    pub gate: Gate,
    /// Also list cards moved on the canvas.
    #[arg(long)]
    pub positions: bool,
    /// Judge both sides with open seats counted as filled.
    #[arg(long)]
    pub as_planned: bool,
}

/// Reads one side of a comparison; `/dev/null` (git's added or deleted
/// file) is an org with nothing in it.
fn diff_side(path: &std::path::Path) -> Result<crate::model::Org, crate::io::LoadError> {
    if path == std::path::Path::new("/dev/null") {
        return Ok(crate::model::Org {
            name: String::new(),
            ..crate::model::Org::default()
        });
    }
    load_file(path)
}

pub fn run(a: &DiffArgs) -> Outcome {
    let files = &a.files;
    let output = a.output.output.as_deref();
    let git = files.len() == 7;
    if !git && files.len() != 2 {
        return Err(Trouble::from(format!(
            "diff takes BASE and PROPOSAL (or git's seven arguments), not {} files (see 'orgplan diff --help')",
            files.len()
        )));
    }
    let (base_path, proposal_path) = if git {
        (&files[1], &files[4])
    } else {
        (&files[0], &files[1])
    };
    let shown = |p: &std::path::Path, side: &str| {
        if git {
            format!("{side}/{}", files[0].display())
        } else {
            p.display().to_string()
        }
    };
    let inputs = [base_path.as_path(), proposal_path.as_path()];
    if let Some(out) = output {
        refuse_output_over_input(out, inputs)?;
    }
    // git sends every changed file through an external diff: anything that
    // is not an org file gets git's own diff.
    let looks_like_org = |p: &std::path::Path| p.to_string_lossy().ends_with(".ron");
    let repo_path = files[0].display().to_string();
    if git && !looks_like_org(&files[0]) {
        return git_text_diff(base_path, proposal_path, &repo_path);
    }
    // The two sides are read at the same time (most of a diff is reading).
    let sides = std::thread::scope(|s| {
        let proposal = s.spawn(|| diff_side(proposal_path));
        let base = diff_side(base_path);
        let proposal = match proposal.join() {
            Ok(r) => r,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (base, proposal)
    });
    let (base, proposal) = match sides {
        (Ok(b), Ok(p)) => (b, p),
        (b, p) => {
            for e in [b.err(), p.err()].into_iter().flatten() {
                if git {
                    // Name the file as the repository has it, not git's
                    // temporary copy of an old version.
                    let msg = e
                        .to_string()
                        .replace(&base_path.display().to_string(), &format!("a/{repo_path}"))
                        .replace(
                            &proposal_path.display().to_string(),
                            &format!("b/{repo_path}"),
                        );
                    error(msg);
                } else {
                    error(e);
                }
            }
            if git {
                // Keep git going through the other files.
                return git_text_diff(base_path, proposal_path, &repo_path);
            }
            return Err(Trouble::reported());
        }
    };
    // An added or deleted file: the empty side takes the other's name.
    let mut base = base;
    let mut proposal = proposal;
    if base.name.is_empty() {
        base.name.clone_from(&proposal.name);
    }
    if proposal.name.is_empty() {
        proposal.name.clone_from(&base.name);
    }
    let today = a.gate.today();
    let d = if a.as_planned {
        crate::diff::Diff::as_planned(&base, &proposal, today, a.positions)
    } else {
        crate::diff::Diff::with_positions(&base, &proposal, today, a.positions)
    };
    let sides = crate::diff::render::Sides {
        base_path: &shown(base_path, "a"),
        proposal_path: &shown(proposal_path, "b"),
    };
    let rendered = crate::diff::render::render(a.format, &d, &sides);
    write_output(output, &inputs, rendered.as_bytes())?;
    // git stops at an external diff that exits non-zero.
    Ok(Done::failed_if(!git && d.fails(a.gate.fail_on.severity())))
}

/// git's own diff of two files (for what `orgplan diff` cannot compare),
/// with the repository's path where git's temporary copies stand.
fn git_text_diff(a: &std::path::Path, b: &std::path::Path, repo_path: &str) -> Outcome {
    let out = std::process::Command::new("git")
        .args(["diff", "--no-index", "--no-ext-diff", "--"])
        .arg(a)
        .arg(b)
        .output();
    match out {
        Ok(o) => {
            let text = String::from_utf8_lossy(&o.stdout);
            let mut fixed = text.into_owned();
            for (side, p) in [("a", a), ("b", b)] {
                let p = p.display().to_string();
                if p == "/dev/null" {
                    continue;
                }
                let shown = if p.starts_with('/') {
                    format!("{side}{p}")
                } else {
                    format!("{side}/{p}")
                };
                fixed = fixed.replace(&shown, &format!("{side}/{repo_path}"));
            }
            write_stdout(fixed.as_bytes());
            Ok(Done::Clean)
        }
        Err(e) => {
            // Reported, but git is kept going through the other files.
            error(format!("running git diff: {}", crate::io::io_message(&e)));
            Ok(Done::Clean)
        }
    }
}
