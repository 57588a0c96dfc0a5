//! `orgplan completions SHELL` and `orgplan man`: shell completions and
//! man pages made from the command line's own definition (clap_complete,
//! clap_mangen), so they never drift from `--help`.

use super::Cli;
use super::output::{Done, Outcome, Trouble, write_stdout};
use clap::CommandFactory;
use std::path::PathBuf;

/// `orgplan completions`'s arguments.
#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn completions(a: &CompletionsArgs) -> Outcome {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "orgplan", &mut buf);
    if write_stdout(&buf) {
        Ok(Done::Clean)
    } else {
        Err(Trouble::reported())
    }
}

/// `orgplan man`'s arguments.
#[derive(clap::Args, Debug)]
pub struct ManArgs {
    /// Write orgplan.1 and a page per subcommand (orgplan-check.1, …) into
    /// DIR, each atomically; without it, print orgplan.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn man(a: &ManArgs) -> Outcome {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let Some(dir) = &a.dir else {
        let mut buf = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut buf)?;
        return if write_stdout(&buf) {
            Ok(Done::Clean)
        } else {
            Err(Trouble::reported())
        };
    };
    let mut pages = vec![cmd.clone()];
    pages.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    for page in pages {
        let man = clap_mangen::Man::new(page);
        let mut buf = Vec::new();
        man.render(&mut buf)?;
        let path = dir.join(man.get_filename());
        crate::io::write_atomic(&path, &buf).map_err(|e| {
            Trouble::from(format!("{}: {}", path.display(), crate::io::io_message(&e)))
        })?;
    }
    Ok(Done::Clean)
}
