use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    orgplan::memory::tune_allocator();
    orgplan::io::clean_up_on_signals();
    let cli =
        match orgplan::cli::Cli::try_parse_from(orgplan::cli::git_diff_args(std::env::args_os())) {
            Ok(cli) => cli,
            Err(e) => return orgplan::cli::usage_error(e),
        };
    let code = orgplan::cli::run(cli);
    // For the benchmarks: the peak memory of this run (Linux).
    if std::env::var_os("ORGPLAN_PEAK_RSS").is_some()
        && let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:"))
    {
        eprintln!(
            "orgplan: peak memory {}",
            line.trim_start_matches("VmHWM:").trim()
        );
    }
    code
}
