//! `orgplan import`: an org file from an HR or directory export, and
//! re-import into an existing org (docs/import.md).

use super::output::{Done, Outcome, Trouble, write_stdout};
use super::progress::Stages;
use super::{PreferArg, TeamsArg, Today};
use crate::io::refuse_output_over_input;
use crate::model::Date;
use std::path::{Path, PathBuf};

/// `orgplan import`'s arguments.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The export: .csv (or tab-separated .txt/.tsv), .xlsx, .xls, .ods.
    #[arg(required_unless_present = "print_map")]
    pub export: Option<PathBuf>,
    /// Write the org file here (atomically). Without it (and without
    /// --into) the org goes to stdout and the summary to stderr.
    #[arg(short = 'o', long = "output", value_name = "ORG")]
    pub output: Option<PathBuf>,
    /// The org's name (default: the export's file name).
    #[arg(long)]
    pub name: Option<String>,
    /// A map file (RON): columns, title patterns, custom roles, team kinds.
    #[arg(long, value_name = "MAP.ron")]
    pub map: Option<PathBuf>,
    /// Re-import into an existing org: HR fields are updated, the plan is kept.
    #[arg(long, value_name = "EXISTING.org.ron")]
    pub into: Option<PathBuf>,
    /// The role of people whose title maps to none (default Engineer).
    #[arg(long, value_name = "ROLE")]
    pub fallback_role: Option<String>,
    /// Fail when a title maps to no role.
    #[arg(long)]
    pub strict: bool,
    /// Leave out the people with this job title (ignoring case; repeat
    /// for more; "(no title)" for people with none). Their reports
    /// report to the next manager up. A re-import skips them again.
    #[arg(long, value_name = "TITLE")]
    pub skip_title: Vec<String>,
    /// Print the built-in title table as a starting map file, and exit.
    #[arg(long)]
    pub print_map: bool,
    /// The sheet to read from a spreadsheet (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Replace an existing output file; with --into, re-import even an
    /// export few of whose people match the org.
    #[arg(long)]
    pub force: bool,
    /// With --into: who wins where HR and the plan both changed a
    /// person's field (default: the plan).
    #[arg(long, value_enum, default_value_t = PreferArg::Plan)]
    pub prefer: PreferArg,
    /// Teams when the export has no team column: made from reporting
    /// lines, or none (everyone unassigned).
    #[arg(long, value_enum, default_value_t = TeamsArg::Reporting)]
    pub teams: TeamsArg,
    #[command(flatten)]
    pub today: Today,
}

pub fn run(a: &ImportArgs) -> Outcome {
    if a.print_map {
        return if write_stdout(crate::import::MapFile::builtin_text().as_bytes()) {
            Ok(Done::Clean)
        } else {
            Err(Trouble::reported())
        };
    }
    let Some(export) = a.export.as_deref() else {
        return Err(Trouble::from(
            "import needs an EXPORT file (see 'orgplan import --help')",
        ));
    };
    run_import(a, export)?;
    Ok(Done::Clean)
}

/// `orgplan import`: read, import, merge (`--into`), say, write.
fn run_import(a: &ImportArgs, export: &Path) -> Result<(), Trouble> {
    use crate::import::{MergeOptions, Prefer};
    let mut stages = Stages::new();
    let today = a.today.today();
    let shown = export.display().to_string();
    let (output, into, map) = (a.output.as_deref(), a.into.as_deref(), a.map.as_deref());
    // Where the org goes: -o (`-` is stdout), or the --into file itself.
    let to_stdout = output == Some(Path::new("-"));
    let dest = if to_stdout { None } else { output.or(into) };
    let mut inputs: Vec<&Path> = vec![export];
    inputs.extend(map);
    if let Some(d) = dest {
        refuse_output_over_input(d, inputs.iter().copied())?;
        if into != Some(d) && !a.force && d.exists() && !d.metadata().is_ok_and(|m| !m.is_file()) {
            return Err(Trouble::from(format!(
                "{}: already exists; choose another -o, use --into to re-import into it, or --force to replace it",
                crate::sanitize::path(d)
            )));
        }
    }
    // The org re-imported into, read first: its record of the last import
    // is the merge's base, and its title choices are reused.
    let existing = match into {
        Some(into) => {
            stages.begin(&format!("Reading {}", into.display()));
            let (org, _, stamp) = crate::io::load_file_stamped(into).map_err(|e| e.to_string())?;
            Some((org, stamp))
        }
        None => None,
    };
    stages.done("read the org");
    stages.begin(&format!("Reading {shown}"));
    let bytes = crate::io::read_capped(export, crate::import::MAX_EXPORT_BYTES)
        .map_err(|e| format!("{shown}: {}", e.message("an export")))?
        .0;
    let opts = import_options(a, today, existing.as_ref().map(|(o, _)| o))?;
    let table = crate::import::table::read(&bytes, &shown, a.sheet.as_deref())
        .map_err(|e| e.to_string())?;
    // Each stage's input is freed once read (a 100,000-row export stays
    // within 10× its size).
    drop(bytes);
    stages.begin("Resolving people, managers, titles and teams");
    let (imported, summary) =
        crate::import::import(&table, &shown, &opts).map_err(|e| e.to_string())?;
    drop(table);
    crate::memory::release_free_memory();
    stages.done("import");
    let mut report = summary.text();
    stages.begin("Checking the gaps");
    // Re-import: a three-way merge into the existing org.
    let (org, stamp) = match existing {
        Some((existing, stamp)) => {
            let mo = MergeOptions {
                prefer: match a.prefer {
                    PreferArg::Plan => Prefer::Plan,
                    PreferArg::Hr => Prefer::Hr,
                },
                force: a.force,
                ..MergeOptions::default()
            };
            stages.begin("Merging with the plan");
            let mut m = crate::import::reimport(&existing, &imported, &mo).map_err(|e| {
                let into = into.map(crate::sanitize::path).unwrap_or_default();
                format!("{shown} into {into}: {e}; nothing written")
            })?;
            if let Some(n) = &a.name {
                m.org.name.clone_from(n);
            }
            stages.done("merge");
            stages.begin("Checking the gaps");
            report.push_str(&gaps_line(&m.org, "updated", today));
            stages.done("gap check");
            report.push_str(&reimport_report(&existing, &m, today));
            stages.done("gap delta");
            (m.org, Some(stamp))
        }
        None => {
            report.push_str(&gaps_line(&imported, "new", today));
            (imported, None)
        }
    };
    crate::memory::release_free_memory();
    // The summary is printed next: the spinner goes first.
    stages.clear();
    write_org(&org, &report, &shown, dest, stamp.filter(|_| into == dest))?;
    stages.done("write");
    if let Some(d) = dest {
        let _ = writeln_stderr(&format!("Wrote {}", crate::sanitize::path(d)));
    }
    Ok(())
}

/// Writes the imported org to `dest` (or stdout) after the summary, as one
/// atomic replacement; `stamp`: `dest` is the org re-imported into, and is
/// replaced only if it still holds what was read.
fn write_org(
    org: &crate::model::Org,
    report: &str,
    shown: &str,
    dest: Option<&Path>,
    stamp: Option<crate::io::FileStamp>,
) -> Result<(), Trouble> {
    // The org is written a chunk at a time (never its whole text in
    // memory), and never past what can be reopened: the same limit as
    // reading.
    let limit = crate::io::MAX_FILE_BYTES;
    let too_big = |e: &std::io::Error| {
        (e.kind() == std::io::ErrorKind::FileTooLarge).then(|| format!(
            "{shown}: the org would be more than the {} MiB an org file may be (orgplan could not open it); nothing written: import the export in parts (by division or department)",
            limit / 1048576
        ))
    };
    let Some(d) = dest else {
        // To stdout: the size is known only by writing it, so it is
        // written to memory first.
        let mut text = Vec::new();
        crate::io::write_canonical(org, &mut text, limit)
            .map_err(|e| too_big(&e).unwrap_or_else(|| crate::io::io_message(&e)))?;
        if !write_stdout(&text) {
            return Err(Trouble::reported());
        }
        eprint!("{report}");
        return Ok(());
    };
    // The summary first: if it cannot be written (a full disk, a closed
    // pipe), nothing is written at all.
    if !write_stdout(report.as_bytes()) {
        return Err(Trouble::from(format!(
            "{}: nothing written, as the summary could not be printed",
            crate::sanitize::path(d)
        )));
    }
    let fill = |f: &mut std::fs::File| -> std::io::Result<()> {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
        crate::io::write_canonical(org, &mut w, limit)?;
        std::io::Write::flush(&mut w)
    };
    let written = match &stamp {
        Some(stamp) => crate::io::write_atomic_unless_changed_with(d, stamp, fill),
        None => crate::io::write_atomic_with(d, fill),
    };
    written.map_err(|e| {
        if let Some(msg) = too_big(&e) {
            return msg;
        }
        let msg = if crate::io::is_changed_on_disk(&e) {
            "changed while importing; nothing written".to_string()
        } else {
            crate::io::io_message(&e)
        };
        format!("{}: {msg}", crate::sanitize::path(d))
    })?;
    Ok(())
}

/// The import's options from the flags, the map file, and what the org
/// re-imported into remembers.
fn import_options(
    a: &ImportArgs,
    today: Date,
    existing: Option<&crate::model::Org>,
) -> Result<crate::import::Options, String> {
    use crate::import::{MapFile, Options, TeamsFrom};
    let mut opts = Options {
        name: a.name.clone(),
        strict: a.strict,
        skip_titles: a.skip_title.clone(),
        fallback_role: a.fallback_role.as_deref().map(crate::model::RoleId::new),
        teams: match a.teams {
            TeamsArg::Reporting => TeamsFrom::ReportingLines,
            TeamsArg::None => TeamsFrom::None,
        },
        today: Some(today),
        ..Options::default()
    };
    if let Some(org) = existing {
        opts = opts.for_reimport_into(org);
    }
    if let Some(m) = a.map.as_deref() {
        let text = std::fs::read_to_string(m).map_err(|e| {
            format!(
                "{}: {}",
                crate::sanitize::path(m),
                crate::io::io_message(&e)
            )
        })?;
        opts.map = MapFile::parse(&text, &m.display().to_string()).map_err(|e| e.to_string())?;
    }
    Ok(opts)
}

/// "Gaps in the new org: 2 errors, 3 warnings, 4 info".
fn gaps_line(org: &crate::model::Org, which: &str, today: Date) -> String {
    let checked = crate::rules::check(org, today).summary();
    format!(
        "Gaps in the {which} org: {}\n",
        crate::report::summary_line(&checked)
    )
}

/// What a re-import changes, by name, then the gaps it opens and closes.
fn reimport_report(existing: &crate::model::Org, m: &crate::import::Merged, today: Date) -> String {
    let mut report = format!("\nWhat the re-import changes: {}\n", m.report.headline());
    for line in m.report.lines() {
        report.push_str(&format!("  {}\n", crate::sanitize::visible(&line)));
    }
    let d = crate::diff::Diff::gaps_only(existing, &m.org, today);
    report.push_str(&format!("Gap delta: {}\n", d.headline()));
    for (mark, gaps) in [("+", &d.gaps.opened), ("-", &d.gaps.closed)] {
        for g in gaps {
            report.push_str(&format!(
                "  {mark} {} {} {}: {}\n",
                g.finding.severity,
                g.finding.rule.code,
                g.finding.subject,
                crate::sanitize::visible(&g.finding.message)
            ));
        }
    }
    report
}

fn writeln_stderr(s: &str) -> std::io::Result<()> {
    use std::io::Write;
    writeln!(std::io::stderr(), "{s}")
}
