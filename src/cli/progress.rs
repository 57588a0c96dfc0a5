//! Progress on long work, on the terminal only: a spinner naming the stage
//! (a bar once a stage that says how far it is takes over a second) when
//! stderr is a terminal and `--quiet` was not given; nothing at all in
//! pipes, files and CI logs. `ORGPLAN_TIMINGS=1` prints each stage's time
//! instead (for the benchmarks).

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static QUIET: AtomicBool = AtomicBool::new(false);

/// `--quiet`: no progress from now on.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// The stages of one long command.
pub struct Stages {
    timer: Option<Instant>,
    bar: Option<indicatif::ProgressBar>,
    /// When the current stage began (a bar shows only past a second).
    began: Instant,
    /// The spinner became a bar.
    measured: bool,
}

impl Stages {
    pub fn new() -> Stages {
        let timer = std::env::var_os("ORGPLAN_TIMINGS").map(|_| Instant::now());
        let shown =
            timer.is_none() && !QUIET.load(Ordering::Relaxed) && std::io::stderr().is_terminal();
        let bar = shown.then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Stages {
            timer,
            bar,
            began: Instant::now(),
            measured: false,
        }
    }

    /// How far the stage is (0 to 1): once it has taken over a second, the
    /// spinner becomes a bar with the percentage and the time left.
    pub fn fraction(&mut self, f: f32) {
        let Some(bar) = &self.bar else { return };
        if !self.measured {
            if self.began.elapsed() < Duration::from_secs(1) {
                return;
            }
            self.measured = true;
            bar.set_length(1000);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{msg} [{bar:30}] {percent:>3}% · {eta} left",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
        }
        bar.set_position((f.clamp(0.0, 1.0) * 1000.0) as u64);
    }

    /// A stage starts: the spinner says what it does ("Reading people.csv").
    pub fn begin(&mut self, what: &str) {
        self.began = Instant::now();
        if let Some(bar) = &self.bar {
            bar.set_message(crate::sanitize::visible(what).into_owned());
        }
    }

    /// A stage is done: with `ORGPLAN_TIMINGS`, its time on stderr.
    pub fn done(&mut self, stage: &str) {
        if let Some(t) = &mut self.timer {
            eprintln!(
                "orgplan: {stage} {:.1} ms",
                t.elapsed().as_secs_f64() * 1000.0
            );
            *t = Instant::now();
        }
    }

    /// Takes the spinner off the terminal (before printing a result).
    pub fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Default for Stages {
    fn default() -> Self {
        Stages::new()
    }
}

impl Drop for Stages {
    fn drop(&mut self) {
        self.clear();
    }
}
