//! The `orgplan` command line (CLI.md).

use crate::catalog::Severity;
use crate::io::{load_file, refuse_output_over_input, to_canonical_string, write_atomic};
use crate::model::Date;
use crate::report::{Checked, Format};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "orgplan",
    version,
    about = "Org-design planner for engineering leaders: see who covers what, and what falls through the cracks.",
    long_about = "Org-design planner for engineering leaders.\n\n\
        Without a subcommand, opens the desktop app (on FILE, or on the built-in sample org).\n\
        The subcommands run headless, so org files can be checked in CI like code.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// An org file to open in the app.
    pub file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Who wins a re-import conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PreferArg {
    Plan,
    Hr,
}

/// Where teams come from without a team column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TeamsArg {
    Reporting,
    None,
}

/// The lowest severity that makes `check` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
            FailOn::Never => Severity::Off,
        }
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the rules on org files and write the gap report.
    Check {
        /// Org files (NAME.org.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Report format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write the report to OUT (atomically) instead of stdout.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// Exit 1 when an unwaived finding is at or above this severity.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// The date waivers are judged against (YYYY-MM-DD; default: the system date).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        today: Option<Date>,
    },
    /// Draw an org chart (the reporting tree or the team canvas) as SVG or PNG.
    Chart {
        /// The org file.
        file: PathBuf,
        /// Where to write it: the extension (.svg or .png) picks the format.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: PathBuf,
        /// Which chart.
        #[arg(long, value_enum, default_value_t = crate::chart::View::Reporting)]
        view: crate::chart::View,
        /// PNG width in pixels, 16 to 32768 (default: 2 pixels per chart unit, at most 16384).
        #[arg(long, value_parser = clap::value_parser!(u32).range(16..=32768))]
        width: Option<u32>,
    },
    /// List every rule, or print one rule's full documentation.
    Rules {
        /// A rule code (C002) or name (team-capability-stopgap).
        code: Option<String>,
    },
    /// Compare a proposal with a base org: changes, gap delta, metrics.
    ///
    /// Also works as git's external diff (the 7-argument form), so
    /// `GIT_EXTERNAL_DIFF='orgplan diff' git diff` shows org changes.
    #[command(
        after_help = "Exit codes: 0 the proposal opens no unwaived finding at or above --fail-on; 1 it does; 2 could not do the job."
    )]
    Diff {
        /// BASE and PROPOSAL org files (or git's seven arguments:
        /// path old-file old-hex old-mode new-file new-hex new-mode).
        #[arg(required = true, num_args = 2..=7, value_name = "BASE PROPOSAL")]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = crate::diff::render::DiffFormat::Text)]
        format: crate::diff::render::DiffFormat,
        /// Write the comparison to OUT (atomically) instead of stdout.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// Exit 1 when the proposal opens an unwaived finding at or above this severity.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// The date waivers are judged against (YYYY-MM-DD; default: the system date).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        today: Option<Date>,
        /// Also list cards moved on the canvas.
        #[arg(long)]
        positions: bool,
    },
    /// Make an org file from an HR or directory export (CSV or spreadsheet).
    ///
    /// Columns are found by their headers; job titles become roles through a
    /// built-in table (`--print-map` prints it as a map file to adapt).
    Import {
        /// The export: .csv (or tab-separated .txt/.tsv), .xlsx, .xls, .ods.
        #[arg(required_unless_present = "print_map")]
        export: Option<PathBuf>,
        /// Write the org file here (atomically). Without it (and without
        /// --into) the org goes to stdout and the summary to stderr.
        #[arg(short = 'o', long = "output", value_name = "ORG")]
        output: Option<PathBuf>,
        /// The org's name (default: the export's file name).
        #[arg(long)]
        name: Option<String>,
        /// A map file (RON): columns, title patterns, custom roles, team kinds.
        #[arg(long, value_name = "MAP.ron")]
        map: Option<PathBuf>,
        /// Re-import into an existing org: HR fields are updated, the plan is kept.
        #[arg(long, value_name = "EXISTING.org.ron")]
        into: Option<PathBuf>,
        /// The role of people whose title maps to none (default Engineer).
        #[arg(long, value_name = "ROLE")]
        fallback_role: Option<String>,
        /// Fail when a title maps to no role.
        #[arg(long)]
        strict: bool,
        /// Print the built-in title table as a starting map file, and exit.
        #[arg(long)]
        print_map: bool,
        /// The sheet to read from a spreadsheet (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// Replace an existing output file; with --into, re-import even an
        /// export few of whose people match the org.
        #[arg(long)]
        force: bool,
        /// With --into: who wins where HR and the plan both changed a
        /// person's field (default: the plan).
        #[arg(long, value_enum, default_value_t = PreferArg::Plan)]
        prefer: PreferArg,
        /// Teams when the export has no team column: made from reporting
        /// lines, or none (everyone unassigned).
        #[arg(long, value_enum, default_value_t = TeamsArg::Reporting)]
        teams: TeamsArg,
        /// The date waivers are judged against in the summary (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date, value_name = "DATE")]
        today: Option<Date>,
    },
    /// Write an org's people as CSV (the headers `import` reads).
    Export {
        /// The org file.
        org: PathBuf,
        /// What to export: `csv`, one row a person.
        #[arg(long, value_name = "csv", value_parser = ["csv"])]
        people: String,
        /// Write here (atomically) instead of stdout.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Rewrite org files in canonical form.
    Fmt {
        /// Org files (NAME.org.ron).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Change nothing; exit 1 and name the files that are not canonical.
        #[arg(long)]
        check: bool,
    },
}

/// git's external-diff call (`orgplan diff PATH OLD-FILE OLD-HEX OLD-MODE
/// NEW-FILE NEW-HEX NEW-MODE`) is read positionally: a path that starts
/// with `-` must not read as a flag, so `--` is put before the seven.
pub fn git_diff_args(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = args.into_iter().collect();
    let hex = |s: &std::ffi::OsString| {
        let s = s.to_string_lossy();
        s == "." || (s.len() >= 7 && s.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    let mode = |s: &std::ffi::OsString| {
        let s = s.to_string_lossy();
        s == "." || (s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()))
    };
    let n = args.len();
    if n >= 9
        && args[1] == "diff"
        && !args[2..n - 7].iter().any(|a| a == "--")
        && hex(&args[n - 5])
        && mode(&args[n - 4])
        && hex(&args[n - 2])
        && mode(&args[n - 1])
    {
        args.insert(n - 7, "--".into());
    }
    args
}

/// Exit code 2: the command could not do its job.
pub const EXIT_TROUBLE: u8 = 2;

/// Prints `orgplan: error: MSG` as one line: control characters in the
/// message (from file names or file contents) are shown escaped.
pub fn error(msg: impl std::fmt::Display) {
    let msg = msg.to_string();
    eprintln!("orgplan: error: {}", crate::sanitize::visible(&msg));
}

/// A command-line parse error: `--help` and `--version` print as clap
/// writes them; a usage error is one line with a hint, exit 2.
pub fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(EXIT_TROUBLE)
        } else {
            ExitCode::SUCCESS
        };
    }
    let rendered = e.render().to_string();
    let first = rendered
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("invalid arguments")
        .trim()
        .trim_start_matches("error: ")
        .to_string();
    let suggestion = e.get(ContextKind::SuggestedArg).map(|v| v.to_string());
    // The subcommand the user typed, for a hint to its own help.
    let sub = {
        use clap::CommandFactory;
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        std::env::args().skip(1).find(|a| names.contains(a))
    };
    let usage = match sub {
        Some(cmd) => format!("orgplan {cmd} --help"),
        None => "orgplan --help".into(),
    };
    let hint = match suggestion {
        Some(s) => format!("did you mean '{s}'? see '{usage}'"),
        None => format!("see '{usage}'"),
    };
    error(format!("{first} ({hint})"));
    ExitCode::from(EXIT_TROUBLE)
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        None => open_app(cli.file),
        Some(Command::Fmt { files, check }) => fmt(&files, check),
        Some(Command::Check {
            files,
            format,
            output,
            fail_on,
            today,
        }) => check(&files, format, output.as_deref(), fail_on, today),
        Some(Command::Rules { code }) => rules(code.as_deref()),
        Some(Command::Import {
            export,
            output,
            name,
            map,
            into,
            fallback_role,
            strict,
            print_map,
            sheet,
            force,
            prefer,
            teams,
            today,
        }) => {
            if print_map {
                return if write_stdout(crate::import::MapFile::builtin_text().as_bytes()) {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(EXIT_TROUBLE)
                };
            }
            match export {
                Some(export) => import(ImportArgs {
                    export: &export,
                    output: output.as_deref(),
                    name,
                    map: map.as_deref(),
                    into: into.as_deref(),
                    fallback_role,
                    strict,
                    sheet: sheet.as_deref(),
                    force,
                    prefer,
                    teams,
                    today: today.unwrap_or_else(Date::today),
                }),
                None => {
                    error("import needs an EXPORT file (see 'orgplan import --help')");
                    ExitCode::from(EXIT_TROUBLE)
                }
            }
        }
        Some(Command::Export {
            org,
            people: _,
            output,
        }) => export_people(&org, output.as_deref()),
        Some(Command::Diff {
            files,
            format,
            output,
            fail_on,
            today,
            positions,
        }) => diff(&files, format, output.as_deref(), fail_on, today, positions),
        Some(Command::Chart {
            file,
            output,
            view,
            width,
        }) => chart(&file, &output, view, width),
    }
}

#[cfg(feature = "gui")]
fn open_app(file: Option<PathBuf>) -> ExitCode {
    match crate::app::run(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            error(e);
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_file: Option<PathBuf>) -> ExitCode {
    error("this build has no desktop app (built without the `gui` feature); try `orgplan --help`");
    ExitCode::from(EXIT_TROUBLE)
}

fn fmt(files: &[PathBuf], check: bool) -> ExitCode {
    let mut trouble = false;
    let mut unformatted = false;
    for path in files {
        // Read once: `/dev/stdin`, `<(…)` and FIFOs can only be read once.
        let bytes = match crate::io::read_org_bytes(path) {
            Ok(b) => b,
            Err(e) => {
                error(e);
                trouble = true;
                continue;
            }
        };
        let org = match crate::io::load_bytes(&bytes, &path.display().to_string()) {
            Ok(org) => org,
            Err(e) => {
                error(e);
                trouble = true;
                continue;
            }
        };
        let canonical = to_canonical_string(&org);
        if bytes == canonical.as_bytes() {
            continue;
        }
        if check {
            println!("not canonical: {}", crate::sanitize::path(path));
            unformatted = true;
            continue;
        }
        // Replace the file only if it still holds what was read: another
        // program may have saved it meanwhile (a lost update otherwise).
        let stamp = crate::io::FileStamp::new(&bytes);
        if let Err(e) = crate::io::write_atomic_unless_changed(path, canonical.as_bytes(), &stamp) {
            if crate::io::is_changed_on_disk(&e) {
                error(format!(
                    "{}: changed while formatting; nothing written",
                    path.display()
                ));
            } else {
                error(format!("{}: {}", path.display(), crate::io::io_message(&e)));
            }
            trouble = true;
        }
    }
    if trouble {
        ExitCode::from(EXIT_TROUBLE)
    } else if unformatted {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes `bytes` to stdout; a closed pipe (`| head`) is quiet, any other
/// failure is reported. Returns whether it worked.
pub fn write_stdout(bytes: &[u8]) -> bool {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => false,
        Err(e) => {
            error(format!("writing to stdout: {}", crate::io::io_message(&e)));
            false
        }
    }
}

/// Writes a command's output to `-o OUT` (atomically, never over an input)
/// or to stdout. Returns whether it worked; errors are printed.
pub fn write_output(
    output: Option<&std::path::Path>,
    inputs: &[&std::path::Path],
    bytes: &[u8],
) -> bool {
    match output {
        Some(out) => {
            if let Err(msg) = refuse_output_over_input(out, inputs.iter().copied()) {
                error(msg);
                return false;
            }
            match write_atomic(out, bytes) {
                Ok(()) => true,
                Err(e) => {
                    error(format!("{}: {}", out.display(), crate::io::io_message(&e)));
                    false
                }
            }
        }
        None => write_stdout(bytes),
    }
}

fn check(
    files: &[PathBuf],
    format: Format,
    output: Option<&std::path::Path>,
    fail_on: FailOn,
    today: Option<Date>,
) -> ExitCode {
    let today = today.unwrap_or_else(Date::today);
    // Refuse before reading or writing anything.
    if let Some(out) = output {
        let inputs: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
        if let Err(msg) = refuse_output_over_input(out, inputs) {
            error(msg);
            return ExitCode::from(EXIT_TROUBLE);
        }
    }
    let mut loaded = Vec::new();
    let mut trouble = false;
    for path in files {
        let display = path.display().to_string();
        let text = match crate::io::read_org_bytes(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                error(e);
                trouble = true;
                continue;
            }
        };
        match crate::io::load_bytes_indexed(&text, &display) {
            Ok((org, index)) => loaded.push((
                display,
                org,
                index,
                String::from_utf8(text).unwrap_or_default(),
            )),
            Err(e) => {
                error(e);
                trouble = true;
            }
        }
    }
    if trouble {
        return ExitCode::from(EXIT_TROUBLE);
    }
    let analysis_started = std::time::Instant::now();
    let checked: Vec<Checked> = loaded
        .iter()
        .map(|(path, org, index, text)| {
            Checked::with_index(path.clone(), org, index, Some(text), today)
        })
        .collect();
    // For the benchmarks: how long the analysis and rules took in this run.
    if std::env::var_os("ORGPLAN_TIMINGS").is_some() {
        eprintln!(
            "orgplan: analysis {:.2} ms",
            analysis_started.elapsed().as_secs_f64() * 1000.0
        );
    }
    let rendered = crate::report::render(format, &checked);
    let inputs: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
    if !write_output(output, &inputs, rendered.as_bytes()) {
        return ExitCode::from(EXIT_TROUBLE);
    }
    let level = fail_on.severity();
    if checked.iter().any(|c| c.report.fails(level)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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

fn rules(code: Option<&str>) -> ExitCode {
    match code {
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
            ExitCode::SUCCESS
        }
        Some(code) => match crate::rules::rule(code) {
            Some(info) => {
                print!("{}", rule_docs(info));
                ExitCode::SUCCESS
            }
            None => {
                error(format!(
                    "unknown rule \"{code}\"; `orgplan rules` lists them all"
                ));
                ExitCode::from(EXIT_TROUBLE)
            }
        },
    }
}

fn chart(
    file: &std::path::Path,
    out: &std::path::Path,
    view: crate::chart::View,
    width: Option<u32>,
) -> ExitCode {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext != "svg" && ext != "png" {
        error(format!(
            "{}: the output must end in .svg or .png",
            out.display()
        ));
        return ExitCode::from(EXIT_TROUBLE);
    }
    if let Err(msg) = refuse_output_over_input(out, [file]) {
        error(msg);
        return ExitCode::from(EXIT_TROUBLE);
    }
    let org = match load_file(file) {
        Ok(o) => o,
        Err(e) => {
            error(e);
            return ExitCode::from(EXIT_TROUBLE);
        }
    };
    let chart = crate::chart::draw(&org, view);
    let bytes = if ext == "svg" {
        crate::chart::to_svg(&chart).into_bytes()
    } else {
        let w = width.unwrap_or_else(|| ((chart.width * 2.0) as u32).min(16_384));
        match crate::chart::to_png(&chart, w) {
            Ok(b) => b,
            Err(e) => {
                error(e);
                return ExitCode::from(EXIT_TROUBLE);
            }
        }
    };
    if !write_output(Some(out), &[file], &bytes) {
        return ExitCode::from(EXIT_TROUBLE);
    }
    ExitCode::SUCCESS
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

fn diff(
    files: &[PathBuf],
    format: crate::diff::render::DiffFormat,
    output: Option<&std::path::Path>,
    fail_on: FailOn,
    today: Option<Date>,
    positions: bool,
) -> ExitCode {
    let git = files.len() == 7;
    if !git && files.len() != 2 {
        error(format!(
            "diff takes BASE and PROPOSAL (or git's seven arguments), not {} files (see 'orgplan diff --help')",
            files.len()
        ));
        return ExitCode::from(EXIT_TROUBLE);
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
    if let Some(out) = output
        && let Err(msg) = refuse_output_over_input(out, inputs)
    {
        error(msg);
        return ExitCode::from(EXIT_TROUBLE);
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
            return ExitCode::from(EXIT_TROUBLE);
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
    let today = today.unwrap_or_else(Date::today);
    let d = crate::diff::Diff::with_positions(&base, &proposal, today, positions);
    let sides = crate::diff::render::Sides {
        base_path: &shown(base_path, "a"),
        proposal_path: &shown(proposal_path, "b"),
    };
    let rendered = crate::diff::render::render(format, &d, &sides);
    if !write_output(output, &inputs, rendered.as_bytes()) {
        return ExitCode::from(EXIT_TROUBLE);
    }
    if git {
        // git stops at an external diff that exits non-zero.
        return ExitCode::SUCCESS;
    }
    if d.fails(fail_on.severity()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// git's own diff of two files (for what `orgplan diff` cannot compare),
/// with the repository's path where git's temporary copies stand.
fn git_text_diff(a: &std::path::Path, b: &std::path::Path, repo_path: &str) -> ExitCode {
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
            ExitCode::SUCCESS
        }
        Err(e) => {
            error(format!("running git diff: {}", crate::io::io_message(&e)));
            ExitCode::SUCCESS
        }
    }
}

struct ImportArgs<'a> {
    export: &'a std::path::Path,
    output: Option<&'a std::path::Path>,
    name: Option<String>,
    map: Option<&'a std::path::Path>,
    into: Option<&'a std::path::Path>,
    fallback_role: Option<String>,
    strict: bool,
    sheet: Option<&'a str>,
    force: bool,
    prefer: PreferArg,
    teams: TeamsArg,
    today: Date,
}

fn import(a: ImportArgs) -> ExitCode {
    match run_import(&a) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            // An empty message: already said (a closed stdout).
            if !msg.is_empty() {
                error(msg);
            }
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

/// `ORGPLAN_TIMINGS=1`: each stage's time on stderr.
struct Stages(Option<std::time::Instant>);

impl Stages {
    fn new() -> Stages {
        Stages(std::env::var_os("ORGPLAN_TIMINGS").map(|_| std::time::Instant::now()))
    }

    fn done(&mut self, stage: &str) {
        if let Some(t) = &mut self.0 {
            eprintln!(
                "orgplan: {stage} {:.1} ms",
                t.elapsed().as_secs_f64() * 1000.0
            );
            *t = std::time::Instant::now();
        }
    }
}

/// `orgplan import`: read, import, merge (`--into`), say, write.
fn run_import(a: &ImportArgs) -> Result<(), String> {
    use crate::import::{MergeOptions, Prefer};
    let mut stages = Stages::new();
    let shown = a.export.display().to_string();
    // Where the org goes: -o (`-` is stdout), or the --into file itself.
    let to_stdout = a.output == Some(std::path::Path::new("-"));
    let dest = if to_stdout { None } else { a.output.or(a.into) };
    let mut inputs: Vec<&std::path::Path> = vec![a.export];
    inputs.extend(a.map);
    if let Some(d) = dest {
        refuse_output_over_input(d, inputs.iter().copied())?;
        if a.into != Some(d) && !a.force && d.exists() && !d.metadata().is_ok_and(|m| !m.is_file())
        {
            return Err(format!(
                "{}: already exists; choose another -o, use --into to re-import into it, or --force to replace it",
                crate::sanitize::path(d)
            ));
        }
    }
    // The org re-imported into, read first: its record of the last import
    // is the merge's base, and its title choices are reused.
    let existing = match a.into {
        Some(into) => {
            let (org, _, stamp) = crate::io::load_file_stamped(into).map_err(|e| e.to_string())?;
            Some((org, stamp))
        }
        None => None,
    };
    stages.done("read the org");
    let bytes = crate::io::read_capped(a.export, crate::import::MAX_EXPORT_BYTES)
        .map_err(|e| format!("{shown}: {}", e.message("an export")))?
        .0;
    let opts = import_options(a, existing.as_ref().map(|(o, _)| o))?;
    let table = crate::import::table::read(&bytes, &shown, a.sheet).map_err(|e| e.to_string())?;
    // Each stage's input is freed once read (a 100,000-row export stays
    // within 10× its size).
    drop(bytes);
    let (imported, summary) =
        crate::import::import(&table, &shown, &opts).map_err(|e| e.to_string())?;
    drop(table);
    crate::io::release_free_memory();
    stages.done("import");
    let mut report = summary.text();
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
            let mut m = crate::import::reimport(&existing, &imported, &mo).map_err(|e| {
                let into = a.into.map(crate::sanitize::path).unwrap_or_default();
                format!("{shown} into {into}: {e}; nothing written")
            })?;
            if let Some(n) = &a.name {
                m.org.name.clone_from(n);
            }
            stages.done("merge");
            report.push_str(&gaps_line(&m.org, "updated", a.today));
            stages.done("gap check");
            report.push_str(&reimport_report(&existing, &m, a.today));
            stages.done("gap delta");
            (m.org, Some(stamp))
        }
        None => {
            report.push_str(&gaps_line(&imported, "new", a.today));
            (imported, None)
        }
    };
    crate::io::release_free_memory();
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
        crate::io::write_canonical(&org, &mut text, limit)
            .map_err(|e| too_big(&e).unwrap_or_else(|| crate::io::io_message(&e)))?;
        if !write_stdout(&text) {
            return Err(String::new());
        }
        eprint!("{report}");
        return Ok(());
    };
    // The summary first: if it cannot be written (a full disk, a closed
    // pipe), nothing is written at all.
    if !write_stdout(report.as_bytes()) {
        return Err(format!(
            "{}: nothing written, as the summary could not be printed",
            crate::sanitize::path(d)
        ));
    }
    let fill = |f: &mut std::fs::File| -> std::io::Result<()> {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
        crate::io::write_canonical(&org, &mut w, limit)?;
        std::io::Write::flush(&mut w)
    };
    let written = match (&stamp, a.into == Some(d)) {
        (Some(stamp), true) => crate::io::write_atomic_unless_changed_with(d, stamp, fill),
        _ => crate::io::write_atomic_with(d, fill),
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
    stages.done("write");
    let _ = writeln_stderr(&format!("Wrote {}", crate::sanitize::path(d)));
    Ok(())
}

/// The import's options from the flags, the map file, and what the org
/// re-imported into remembers.
fn import_options(
    a: &ImportArgs,
    existing: Option<&crate::model::Org>,
) -> Result<crate::import::Options, String> {
    use crate::import::{MapFile, Options, TeamsFrom};
    let mut opts = Options {
        name: a.name.clone(),
        strict: a.strict,
        fallback_role: a.fallback_role.as_deref().map(crate::model::RoleId::new),
        teams: match a.teams {
            TeamsArg::Reporting => TeamsFrom::ReportingLines,
            TeamsArg::None => TeamsFrom::None,
        },
        today: Some(a.today),
        ..Options::default()
    };
    if let Some(org) = existing {
        opts = opts.for_reimport_into(org);
    }
    if let Some(m) = a.map {
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

fn export_people(org: &std::path::Path, output: Option<&std::path::Path>) -> ExitCode {
    let o = match load_file(org) {
        Ok(o) => o,
        Err(e) => {
            error(e);
            return ExitCode::from(EXIT_TROUBLE);
        }
    };
    let csv = crate::import::export_people_csv(&o);
    if write_output(output, &[org], csv.as_bytes()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_TROUBLE)
    }
}
