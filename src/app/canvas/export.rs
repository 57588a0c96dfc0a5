//! File → Export canvas as PNG: the same drawing as `orgplan chart --view
//! teams`, made on a background thread and written atomically.

use crate::model::Org;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// A PNG export running in the background, and its outcome.
#[derive(Default)]
pub struct PngExport {
    result: Arc<Mutex<Option<Result<PathBuf, String>>>>,
}

impl PngExport {
    /// Starts drawing `org` into `path`; `wake` is called when done.
    pub fn start(&self, org: Org, path: PathBuf, wake: impl Fn() + Send + 'static) {
        let slot = self.result.clone();
        std::thread::spawn(move || {
            let chart = crate::chart::draw(&org, crate::chart::View::Teams);
            let width = ((chart.width * 2.0) as u32).min(16_384);
            let result = crate::chart::to_png(&chart, width).and_then(|bytes| {
                crate::io::write_atomic(&path, &bytes).map_err(|e| {
                    format!(
                        "{}: {}",
                        crate::sanitize::path(&path),
                        crate::io::io_message(&e)
                    )
                })
            });
            if let Ok(mut s) = slot.lock() {
                *s = Some(result.map(|()| path));
            }
            wake();
        });
    }

    /// The outcome of a finished export, once.
    pub fn take(&self) -> Option<Result<PathBuf, String>> {
        self.result.lock().ok().and_then(|mut s| s.take())
    }
}
