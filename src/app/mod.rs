//! The desktop app (eframe/egui).

use std::path::PathBuf;

pub fn run(_file: Option<PathBuf>) -> Result<(), String> {
    Err("the desktop app is not built yet".into())
}
