//! Noticing that the open file changed on disk (an editor saved it, `git
//! pull` or `git checkout` rewrote it). The folder is watched, not the file,
//! since editors save by writing another file and renaming it over; events
//! are debounced (notify-debouncer-mini), and a change is only reported when
//! the file no longer holds what the document last read or wrote, so the
//! app's own saves are never mistaken for someone else's.

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// Watches the folder of one file.
pub struct FileWatch {
    pub path: PathBuf,
    _debouncer: Debouncer<RecommendedWatcher>,
    rx: Receiver<DebounceEventResult>,
}

impl FileWatch {
    /// Starts watching `path`'s folder; `None` where the platform cannot.
    /// `waker` is called on an event, so an idle app looks at once.
    pub fn new(path: &Path, waker: impl Fn() + Send + 'static) -> Option<FileWatch> {
        let (tx, rx) = channel();
        let handler = move |res: DebounceEventResult| {
            let _ = tx.send(res);
            waker();
        };
        let mut debouncer = new_debouncer(Duration::from_millis(300), handler).ok()?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        debouncer
            .watcher()
            .watch(&dir, RecursiveMode::NonRecursive)
            .ok()?;
        Some(FileWatch {
            path: path.to_path_buf(),
            _debouncer: debouncer,
            rx,
        })
    }

    /// Whether an event touched the file since the last call.
    pub fn touched(&self) -> bool {
        let name = self.path.file_name();
        let mut touched = false;
        while let Ok(res) = self.rx.try_recv() {
            if let Ok(events) = res {
                touched |= events.iter().any(|e| e.path.file_name() == name);
            }
        }
        touched
    }
}
