//! File → Export canvas as PNG: the same drawing as `orgplan chart --view
//! teams`, made on a background thread and written atomically, with its
//! progress in the status bar and a Cancel that writes nothing.

use crate::model::Org;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

/// How an export ended.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Written(PathBuf),
    /// Cancelled: nothing was written (the file, if any, is as it was).
    Cancelled,
    Failed(String),
}

/// One export's shared state with its thread.
struct Job {
    path: PathBuf,
    /// Progress in thousandths.
    progress: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    outcome: Arc<Mutex<Option<Outcome>>>,
}

/// The PNG export running in the background, if any.
#[derive(Default)]
pub struct PngExport {
    job: Option<Job>,
}

impl PngExport {
    /// Starts drawing `org` into `path`; `wake` is called as it gets on and
    /// when done. An export already running is cancelled.
    pub fn start(&mut self, org: Org, path: PathBuf, wake: impl Fn() + Send + 'static) {
        self.cancel();
        let job = Job {
            path: path.clone(),
            progress: Arc::default(),
            cancel: Arc::default(),
            outcome: Arc::default(),
        };
        let (progress, cancel, slot) = (
            job.progress.clone(),
            job.cancel.clone(),
            job.outcome.clone(),
        );
        std::thread::spawn(move || {
            let outcome = export(&org, &path, &progress, &cancel, &wake);
            if let Ok(mut s) = slot.lock() {
                *s = Some(outcome);
            }
            wake();
        });
        self.job = Some(job);
    }

    /// While an export runs: how far it is (0 to 1) and its file.
    pub fn progress(&self) -> Option<(f32, &Path)> {
        self.job.as_ref().map(|j| {
            (
                j.progress.load(Ordering::Relaxed) as f32 / 1000.0,
                j.path.as_path(),
            )
        })
    }

    /// Asks the running export to stop; it ends as [`Outcome::Cancelled`]
    /// unless it was already writing its file.
    pub fn cancel(&self) {
        if let Some(j) = &self.job {
            j.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// The outcome of a finished export, once.
    pub fn take(&mut self) -> Option<Outcome> {
        let outcome = self.job.as_ref()?.outcome.lock().ok()?.take()?;
        self.job = None;
        Some(outcome)
    }
}

fn export(
    org: &Org,
    path: &Path,
    progress: &AtomicU32,
    cancel: &AtomicBool,
    wake: &dyn Fn(),
) -> Outcome {
    let chart = crate::chart::draw(org, crate::chart::View::Teams);
    let width = ((chart.width * 2.0) as u32).min(16_384);
    let drawn = crate::chart::to_png_with(&chart, width, &mut |p| {
        progress.store((p * 1000.0) as u32, Ordering::Relaxed);
        wake();
        !cancel.load(Ordering::Relaxed)
    });
    match drawn {
        Ok(Some(bytes)) if !cancel.load(Ordering::Relaxed) => {
            match crate::io::write_atomic(path, &bytes) {
                Ok(()) => Outcome::Written(path.to_path_buf()),
                Err(e) => Outcome::Failed(format!(
                    "{}: {}",
                    crate::sanitize::path(path),
                    crate::io::io_message(&e)
                )),
            }
        }
        Ok(_) => Outcome::Cancelled,
        Err(e) => Outcome::Failed(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(e: &mut PngExport) -> Outcome {
        let start = std::time::Instant::now();
        loop {
            if let Some(o) = e.take() {
                return o;
            }
            assert!(start.elapsed().as_secs() < 300, "the export never ended");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    #[test]
    fn an_export_reports_progress_and_writes_a_png() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("canvas.png");
        let org = crate::io::load_str(crate::samples::BUILTIN, "sample")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut e = PngExport::default();
        assert!(e.progress().is_none());
        e.start(org, path.clone(), || {});
        let (p, shown) = e.progress().unwrap_or_else(|| panic!("running"));
        assert!((0.0..=1.0).contains(&p));
        assert_eq!(shown, path.as_path());
        assert_eq!(wait(&mut e), Outcome::Written(path.clone()));
        assert!(e.progress().is_none());
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&bytes[1..4], b"PNG");
    }

    #[test]
    fn a_cancelled_export_writes_nothing_and_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("canvas.png");
        std::fs::write(&path, b"the old file").unwrap_or_else(|e| panic!("{e}"));
        // Large enough that drawing takes far longer than the cancel below.
        let org = crate::support::generate::generate(3_000, 1);
        let mut e = PngExport::default();
        e.start(org, path.clone(), || {});
        e.cancel();
        assert_eq!(wait(&mut e), Outcome::Cancelled);
        assert_eq!(
            std::fs::read(&path).unwrap_or_else(|e| panic!("{e}")),
            b"the old file"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).map(Iterator::count).ok(),
            Some(1)
        );
    }
}
