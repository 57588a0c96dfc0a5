//! Files: native dialogs off the UI thread with an in-app fallback, and the
//! recovery file that autosave writes.

use crate::model::Org;
use crate::report::Format;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// What a file dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogPurpose {
    Open,
    SaveAs,
    ExportReport(Format),
    ExportPng,
    /// An org file to compare the open one with.
    Compare,
    /// Save a copy and compare it with the original.
    SaveAsProposal,
    ExportComparison(crate::diff::render::DiffFormat),
    /// An HR or directory export to import.
    Import,
}

impl DialogPurpose {
    pub fn title(self) -> String {
        match self {
            DialogPurpose::Open => "Open org file".into(),
            DialogPurpose::SaveAs => "Save org file as".into(),
            DialogPurpose::ExportReport(f) => format!("Export {} report", f.label()),
            DialogPurpose::ExportPng => "Export canvas as PNG".into(),
            DialogPurpose::Compare => "Compare with org file".into(),
            DialogPurpose::Import => "Import people from an HR export".into(),
            DialogPurpose::SaveAsProposal => "Save as proposal".into(),
            DialogPurpose::ExportComparison(f) => format!(
                "Export comparison as {}",
                match f {
                    crate::diff::render::DiffFormat::Html => "HTML",
                    crate::diff::render::DiffFormat::Markdown => "Markdown",
                    crate::diff::render::DiffFormat::Json => "JSON",
                    crate::diff::render::DiffFormat::Text => "text",
                }
            ),
        }
    }

    pub fn saving(self) -> bool {
        !matches!(
            self,
            DialogPurpose::Open | DialogPurpose::Compare | DialogPurpose::Import
        )
    }

    fn extensions(self) -> (&'static str, Vec<&'static str>) {
        match self {
            DialogPurpose::Open
            | DialogPurpose::SaveAs
            | DialogPurpose::Compare
            | DialogPurpose::SaveAsProposal => ("Org files", vec!["ron"]),
            DialogPurpose::ExportReport(f) => (f.label(), vec![f.extension()]),
            DialogPurpose::ExportPng => ("PNG image", vec!["png"]),
            DialogPurpose::ExportComparison(f) => ("Comparison", vec![f.extension()]),
            DialogPurpose::Import => (
                "CSV or spreadsheet",
                vec!["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"],
            ),
        }
    }

    /// What the in-app dialog says when a folder holds none of its files.
    fn nothing_here(self) -> &'static str {
        match self {
            DialogPurpose::Open
            | DialogPurpose::SaveAs
            | DialogPurpose::Compare
            | DialogPurpose::SaveAsProposal => "No org files here.",
            DialogPurpose::ExportPng => "No PNG images here.",
            DialogPurpose::Import => "No CSV files or spreadsheets here.",
            DialogPurpose::ExportReport(_) | DialogPurpose::ExportComparison(_) => {
                "No files of this format here."
            }
        }
    }

    /// Whether the in-app dialog lists this file.
    fn shows(self, name: &str) -> bool {
        match self {
            DialogPurpose::Open
            | DialogPurpose::SaveAs
            | DialogPurpose::Compare
            | DialogPurpose::SaveAsProposal => name.ends_with(".ron"),
            _ => {
                let (_, exts) = self.extensions();
                exts.iter().any(|e| name.ends_with(&format!(".{e}")))
            }
        }
    }
}

/// A native dialog that answers `None` faster than this was not shown at
/// all (no portal, no zenity): fall back to the in-app dialog.
const NO_NATIVE_DIALOG: Duration = Duration::from_millis(400);

struct Pending {
    purpose: DialogPurpose,
    started: Instant,
    rx: Receiver<Option<PathBuf>>,
    dir: PathBuf,
    name: String,
}

/// What a file dialog came to.
pub enum FileEvent {
    /// A path was chosen in the native dialog.
    Chosen(DialogPurpose, PathBuf),
    /// The in-app dialog is to be shown.
    ShowDialog(InAppDialog),
}

pub struct FileState {
    native: bool,
    pending: Option<Pending>,
    open_in_app: Option<InAppDialog>,
}

impl FileState {
    pub fn new(native: bool) -> Self {
        FileState {
            native,
            pending: None,
            open_in_app: None,
        }
    }

    /// Asks for a path, natively if possible.
    pub fn pick(&mut self, purpose: DialogPurpose, current: Option<&Path>, default_name: &str) {
        if self.pending.is_some() {
            return;
        }
        let dir = current
            .and_then(Path::parent)
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        if !self.native {
            self.open_in_app = Some(InAppDialog::new(purpose, dir, default_name.to_string()));
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let (filter, exts) = purpose.extensions();
        let (d, n) = (dir.clone(), default_name.to_string());
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new()
                .set_title(purpose.title())
                .set_directory(&d)
                .add_filter(filter, &exts);
            let picked = if purpose.saving() {
                dialog.set_file_name(&n).save_file()
            } else {
                dialog.pick_file()
            };
            let _ = tx.send(picked);
        });
        self.pending = Some(Pending {
            purpose,
            started: Instant::now(),
            rx,
            dir,
            name: default_name.to_string(),
        });
    }

    /// Checks on a running native dialog: a path chosen, or the in-app
    /// dialog to show (no native one here, or one was asked for).
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<FileEvent> {
        if let Some(d) = self.open_in_app.take() {
            return Some(FileEvent::ShowDialog(d));
        }
        let p = self.pending.as_ref()?;
        match p.rx.try_recv() {
            Ok(Some(path)) => {
                let purpose = p.purpose;
                self.pending = None;
                Some(FileEvent::Chosen(purpose, path))
            }
            Ok(None) | Err(TryRecvError::Disconnected) => {
                let fallback = (p.started.elapsed() < NO_NATIVE_DIALOG)
                    .then(|| InAppDialog::new(p.purpose, p.dir.clone(), p.name.clone()));
                self.pending = None;
                // No native dialog here: never try again this session.
                fallback.map(|d| {
                    self.native = false;
                    FileEvent::ShowDialog(d)
                })
            }
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                None
            }
        }
    }
}

/// The in-app file dialog, for systems without a native one.
pub struct InAppDialog {
    pub purpose: DialogPurpose,
    pub dir: PathBuf,
    pub dir_text: String,
    pub name: String,
    pub error: Option<String>,
    entries: Vec<(String, bool)>,
}

pub enum DialogOutcome {
    Chosen(PathBuf),
    Cancel,
}

impl InAppDialog {
    pub fn new(purpose: DialogPurpose, dir: PathBuf, name: String) -> Self {
        let mut d = InAppDialog {
            purpose,
            dir_text: dir.display().to_string(),
            dir,
            name,
            error: None,
            entries: Vec::new(),
        };
        d.refresh();
        d
    }

    fn refresh(&mut self) {
        self.entries.clear();
        self.error = None;
        match std::fs::read_dir(&self.dir) {
            Ok(rd) => {
                for e in rd.flatten() {
                    let name = e.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') {
                        continue;
                    }
                    let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
                    if is_dir || self.purpose.shows(&name) {
                        self.entries.push((name, is_dir));
                    }
                }
                self.entries.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
                });
            }
            Err(e) => {
                self.error = Some(format!(
                    "{}: {}",
                    self.dir.display(),
                    crate::io::io_message(&e)
                ))
            }
        }
    }

    fn go(&mut self, dir: PathBuf) {
        self.dir = dir;
        self.dir_text = self.dir.display().to_string();
        self.refresh();
    }

    pub fn ui(&mut self, ui: &mut egui::Ui) -> Option<DialogOutcome> {
        let mut outcome = None;
        ui.heading(self.purpose.title());
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            if ui.button("Up").on_hover_text("Parent folder").clicked()
                && let Some(parent) = self.dir.parent()
            {
                let parent = parent.to_path_buf();
                self.go(parent);
            }
            let resp = ui.add(
                egui::TextEdit::singleline(&mut self.dir_text)
                    .desired_width(420.0)
                    .hint_text("Folder"),
            );
            let resp = resp.labelled_by(ui.label("Folder").id);
            if resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                let dir = PathBuf::from(self.dir_text.trim());
                self.go(dir);
            }
        });
        let mut open_dir = None;
        let mut picked_file = None;
        egui::ScrollArea::vertical()
            .max_height(280.0)
            .min_scrolled_height(280.0)
            .show(ui, |ui| {
                ui.set_min_width(520.0);
                if self.entries.is_empty() && self.error.is_none() {
                    ui.weak(self.purpose.nothing_here());
                }
                for (name, is_dir) in &self.entries {
                    let label = if *is_dir {
                        format!("{name}/")
                    } else {
                        name.clone()
                    };
                    let r = ui.selectable_label(!*is_dir && *name == self.name, label);
                    if r.clicked() {
                        if *is_dir {
                            open_dir = Some(self.dir.join(name));
                        } else {
                            self.name = name.clone();
                        }
                    }
                    if r.double_clicked() && !*is_dir {
                        picked_file = Some(self.dir.join(name));
                    }
                }
            });
        if let Some(d) = open_dir {
            self.go(d);
        }
        ui.horizontal(|ui| {
            let label = ui.label("File name");
            let r = ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(360.0));
            let r = r.labelled_by(label.id);
            super::widgets::main_field(ui, &r, &self.name);
            if r.lost_focus()
                && ui.input(|i| i.key_pressed(egui::Key::Enter))
                && !self.name.trim().is_empty()
            {
                picked_file = Some(self.dir.join(self.name.trim()));
            }
        });
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let ok = if self.purpose.saving() {
                "Save"
            } else {
                "Open"
            };
            if ui.button(ok).clicked() && !self.name.trim().is_empty() {
                picked_file = Some(self.dir.join(self.name.trim()));
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                outcome = Some(DialogOutcome::Cancel);
            }
        });
        if let Some(mut path) = picked_file {
            if self.purpose.saving() {
                let (_, exts) = self.purpose.extensions();
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if !exts.iter().any(|e| name.ends_with(&format!(".{e}"))) {
                    let ext = if matches!(
                        self.purpose,
                        DialogPurpose::SaveAs | DialogPurpose::SaveAsProposal
                    ) {
                        "org.ron"
                    } else {
                        exts[0]
                    };
                    path = path.with_file_name(format!("{name}.{ext}"));
                }
                if path.parent().is_some_and(|p| !p.is_dir()) {
                    self.error = Some("That folder does not exist".into());
                    return None;
                }
            } else if !path.is_file() {
                self.error = Some(format!("{} is not a file", path.display()));
                return None;
            }
            outcome = Some(DialogOutcome::Chosen(path));
        }
        outcome
    }
}

/// Where autosave keeps unsaved work, and how to offer it back.
#[derive(Clone, Debug)]
pub struct Recovery {
    dir: PathBuf,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct RecoveryMeta {
    path: Option<PathBuf>,
    saved: String,
}

impl Recovery {
    pub fn new(dir: PathBuf) -> Self {
        Recovery { dir }
    }

    fn file(&self) -> PathBuf {
        self.dir.join("recovery.org.ron")
    }

    fn meta(&self) -> PathBuf {
        self.dir.join("recovery.json")
    }

    pub fn save(&self, org: &Org, path: Option<&Path>) -> Result<(), String> {
        std::fs::create_dir_all(&self.dir).map_err(|e| crate::io::io_message(&e))?;
        let meta = RecoveryMeta {
            path: path.map(Path::to_path_buf),
            saved: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
        };
        let text = crate::io::to_canonical_string(org);
        crate::io::write_atomic(&self.file(), text.as_bytes())
            .map_err(|e| crate::io::io_message(&e))?;
        let json = serde_json::to_string(&meta).unwrap_or_default();
        crate::io::write_atomic(&self.meta(), json.as_bytes())
            .map_err(|e| crate::io::io_message(&e))
    }

    /// The work left by a session that did not end cleanly.
    pub fn load(&self) -> Option<(Org, Option<PathBuf>, String)> {
        let org = crate::io::load_file(&self.file()).ok()?;
        let meta: Option<RecoveryMeta> = std::fs::read_to_string(self.meta())
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok());
        let (path, saved) = meta.map_or((None, "an earlier session".into()), |m| (m.path, m.saved));
        Some((org, path, saved))
    }

    pub fn clear(&self) {
        let _ = std::fs::remove_file(self.file());
        let _ = std::fs::remove_file(self.meta());
    }
}
