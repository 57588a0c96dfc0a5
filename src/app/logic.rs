//! The app's file lifecycle: open, save (checked against the disk), the
//! unsaved-changes guard, the file dialogs' results, exports, comparing
//! with a file, autosave and closing. The rules of when are in
//! [`super::Lifecycle`]; this is where they meet the document and dialogs.

use super::*;

impl OrgApp {
    /// FILE given at start could not be opened: the window opens on the
    /// built-in sample with the error in a dialog (what File → Open says).
    pub fn show_open_error(&mut self, path: &std::path::Path, message: String) {
        self.modal = Some(Modal::Error(modals::ErrorDialog {
            title: format!("Could not open {}", crate::sanitize::path(path)),
            message,
        }));
    }

    /// `proposal` is compared with `base` (remembered between runs).
    pub(super) fn remember_base(&mut self, proposal: &std::path::Path, base: &std::path::Path) {
        let abs =
            |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let (proposal, base) = (abs(proposal), abs(base));
        if proposal == base {
            return;
        }
        self.settings.bases.retain(|(p, _)| p != &proposal);
        self.settings.bases.insert(0, (proposal, base));
        self.settings.bases.truncate(MAX_BASES);
    }

    /// The open file is a proposal this app compared with a base: compare
    /// it again (issue 20.2), or say the base is gone. A base moved along
    /// with its proposal (same file name beside it) is found there.
    pub fn compare_with_remembered_base(&mut self, ctx: &egui::Context) {
        let Some(path) = self.doc.path.clone() else {
            return;
        };
        let key = std::fs::canonicalize(&path).unwrap_or(path.clone());
        let Some(base) = self
            .settings
            .bases
            .iter()
            .find(|(p, _)| p == &key)
            .map(|(_, b)| b.clone())
        else {
            return;
        };
        let beside = base
            .file_name()
            .and_then(|n| path.parent().map(|d| d.join(n)));
        let found = if base.exists() {
            Some(base.clone())
        } else {
            beside.filter(|b| b.exists())
        };
        match found {
            Some(b) => {
                let label = b.file_name().map_or_else(
                    || crate::sanitize::path(&b),
                    |n| crate::sanitize::visible(&n.to_string_lossy()).into_owned(),
                );
                self.compare_with_file(&b, label, "Could not read this proposal's base");
                if self.doc.comparing().is_some() {
                    self.tab = Tab::Changes;
                }
            }
            None => self.notify(
                ctx,
                format!(
                    "This proposal's base, {}, is missing: File → Compare with file… to choose it",
                    crate::sanitize::path(&base)
                ),
                true,
            ),
        }
    }

    pub(super) fn add_recent(&mut self, path: &std::path::Path) {
        let p = path.to_path_buf();
        self.settings.recent.retain(|r| r != &p);
        self.settings.recent.insert(0, p);
        self.settings.recent.truncate(MAX_RECENT);
    }

    /// Makes `doc` the open document: selection, views and the recovery
    /// file start over (the old document was saved or discarded).
    pub(super) fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.selection = None;
        self.multi.clear();
        self.canvas.request_fit();
        // What the views remember of the last org's people and cards.
        self.canvas.state.cursor = None;
        self.reporting.forget_folds();
        // A suggestion was for the last org.
        self.suggest.forget();
        self.life.clear_recovery();
    }

    /// Replaces the document (after the unsaved-changes check).
    pub fn load_document(&mut self, ctx: &egui::Context, path: PathBuf) {
        match crate::io::load_file_stamped(&path) {
            Ok((org, _, stamp)) => {
                self.add_recent(&path);
                let mut doc = Document::new(org, Some(path.clone()));
                doc.disk = Some(stamp);
                self.replace_document(doc);
                self.notify(
                    ctx,
                    format!("Opened {}", crate::sanitize::path(&path)),
                    false,
                );
                self.compare_with_remembered_base(ctx);
            }
            Err(e) => {
                // The current document is left untouched.
                self.modal = Some(Modal::Error(modals::ErrorDialog {
                    title: "Could not open the file".into(),
                    message: e.to_string(),
                }));
            }
        }
    }

    /// The open file changed on disk (not through this app): reload it when
    /// nothing is unsaved, keeping the selection and the view where the ids
    /// still exist; with unsaved edits, ask (reload, keep mine, compare).
    pub(super) fn watch_disk(&mut self, ctx: &egui::Context) {
        if self.watch.as_ref().map(|w| &w.path) != self.doc.path.as_ref() {
            self.watch = self.doc.path.as_deref().and_then(|p| {
                let c = ctx.clone();
                watch::FileWatch::new(p, move || c.request_repaint())
            });
        }
        let Some(w) = &self.watch else {
            return;
        };
        if self.modal.is_some() {
            // Looked at once the dialog is closed (the events wait).
            return;
        }
        if !w.touched() {
            return;
        }
        // The watched path is the document's (made so just above).
        let path = w.path.clone();
        if !path.is_file() || self.doc.disk.as_ref().is_some_and(|s| s.matches(&path)) {
            // Not ours, gone for a moment (a save by rename), or holding
            // what was last read or written here (our own save).
            return;
        }
        if self.doc.is_dirty() {
            if !matches!(self.modal, Some(Modal::ReloadChanged(_))) {
                self.modal = Some(Modal::ReloadChanged(modals::ReloadChanged { path }));
            }
        } else {
            self.reload_from_disk(ctx, path);
        }
    }

    /// Replaces the document with what `path` holds now: a new history,
    /// the same selection and view where the ids still exist.
    pub(super) fn reload_from_disk(&mut self, ctx: &egui::Context, path: PathBuf) {
        match crate::io::load_file_stamped(&path) {
            Ok((org, _, stamp)) => {
                let planned = self.doc.as_planned();
                let mut doc = Document::new(org, Some(path.clone()));
                doc.disk = Some(stamp);
                doc.label.clone_from(&self.doc.label);
                doc.set_as_planned(planned);
                self.doc = doc;
                self.life.clear_recovery();
                self.prune_selection();
                self.notify(
                    ctx,
                    format!(
                        "Reloaded {}: it changed on disk",
                        crate::sanitize::path(&path)
                    ),
                    false,
                );
            }
            Err(e) => self.notify(
                ctx,
                format!("The file changed on disk but cannot be read, so it was not reloaded: {e}"),
                true,
            ),
        }
    }

    /// Saves to `path`; returns whether it worked. Saving over the open
    /// file checks first that nobody changed it on disk meanwhile (then
    /// asks Overwrite / Save As / Cancel).
    pub fn save_to(&mut self, ctx: &egui::Context, path: PathBuf) -> bool {
        self.save_to_checked(ctx, path, true)
    }

    /// [`Self::save_to`]; `check: false` overwrites whatever is on disk.
    pub fn save_to_checked(&mut self, ctx: &egui::Context, path: PathBuf, check: bool) -> bool {
        let text = crate::io::to_canonical_string(self.doc.org());
        let expected = self
            .doc
            .disk
            .as_ref()
            .filter(|_| check && self.doc.path.as_ref() == Some(&path));
        let result = match expected {
            Some(stamp) => crate::io::write_atomic_unless_changed(&path, text.as_bytes(), stamp),
            None => crate::io::write_atomic(&path, text.as_bytes()),
        };
        match result {
            Ok(()) => {
                self.add_recent(&path);
                self.doc.mark_saved(path.clone());
                self.doc.disk = Some(crate::io::FileStamp::new(text.as_bytes()));
                let then = self.life.saved();
                self.notify(
                    ctx,
                    format!("Saved {}", crate::sanitize::path(&path)),
                    false,
                );
                if let Some(then) = then {
                    self.queued.actions.push(then);
                }
                true
            }
            Err(e) if crate::io::is_changed_on_disk(&e) => {
                self.modal = Some(Modal::ChangedOnDisk(modals::ChangedOnDisk { path }));
                false
            }
            Err(e) => {
                self.life.save_abandoned();
                self.modal = Some(Modal::Error(modals::ErrorDialog {
                    title: "Could not save".into(),
                    message: format!(
                        "{}: {}",
                        crate::sanitize::path(&path),
                        crate::io::io_message(&e)
                    ),
                }));
                false
            }
        }
    }

    /// Runs `then` now, or asks Save / Discard / Cancel first.
    pub(super) fn guard_unsaved(&mut self, then: Action) -> bool {
        if self.life.may_replace(&self.doc) {
            return true;
        }
        self.modal = Some(Modal::Unsaved(modals::Unsaved { then }));
        false
    }

    pub(super) fn pick(&mut self, purpose: DialogPurpose, name: &str) {
        self.files.pick(purpose, self.doc.path.as_deref(), name);
    }

    /// Compares the document with the org in `path` (shown as `label`) and
    /// opens the Changes tab; a file that cannot be read gets `failure` and
    /// its one-line error.
    pub(super) fn compare_with_file(
        &mut self,
        path: &std::path::Path,
        label: String,
        failure: &str,
    ) {
        match crate::io::load_file(path) {
            Ok(org) => {
                self.doc.compare_with(Some((label, org)));
                self.tab = Tab::Changes;
            }
            Err(e) => {
                self.modal = Some(Modal::Error(modals::ErrorDialog {
                    title: failure.into(),
                    message: e.to_string(),
                }))
            }
        }
    }

    /// Writes an export (report, comparison) atomically; says where, or
    /// why not.
    pub(super) fn write_export(
        &mut self,
        ctx: &egui::Context,
        path: &std::path::Path,
        bytes: &[u8],
    ) {
        match crate::io::write_atomic(path, bytes) {
            Ok(()) => self.notify(
                ctx,
                format!("Exported {}", crate::sanitize::path(path)),
                false,
            ),
            Err(e) => {
                self.modal = Some(Modal::Error(modals::ErrorDialog {
                    title: "Could not export".into(),
                    message: format!(
                        "{}: {}",
                        crate::sanitize::path(path),
                        crate::io::io_message(&e)
                    ),
                }))
            }
        }
    }

    /// Autosaves the unsaved work (see [`Lifecycle::autosave`]).
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if let Err(e) = self.life.autosave(now, &self.doc) {
            self.notify(ctx, format!("Autosave failed: {e}"), true);
        }
        if self.doc.is_dirty() {
            // Wake up for the next autosave even when idle.
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                self.life.autosave_secs.max(0.1),
            ));
        }
    }

    pub(super) fn handle_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && self.life.close_requested(&self.doc) == Close::Ask
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved(modals::Unsaved {
                then: Action::Run(Command::Quit),
            }));
        }
    }

    pub(super) fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.queued.actions.push(Action::OpenPath(path));
        }
    }

    /// A path chosen in a file dialog. Saving over an existing file other
    /// than the open one asks "Replace NAME?" first.
    pub(super) fn file_chosen(
        &mut self,
        ctx: &egui::Context,
        purpose: DialogPurpose,
        path: PathBuf,
        confirmed: bool,
    ) {
        let replaces = purpose.saving()
            && !confirmed
            && path.exists()
            && !(purpose == DialogPurpose::SaveAs && self.doc.path.as_ref() == Some(&path));
        if replaces {
            self.modal = Some(Modal::ConfirmReplace(modals::ConfirmReplace {
                purpose,
                path,
            }));
            return;
        }
        match purpose {
            DialogPurpose::Open => self.load_document(ctx, path),
            DialogPurpose::Import
                if std::fs::metadata(&path).is_ok_and(|m| m.len() >= import::BACKGROUND_BYTES) =>
            {
                self.modal = Some(Modal::ImportLoading(import::ImportLoading::start(
                    &path,
                    self.doc.today,
                    ctx,
                )));
            }
            DialogPurpose::Import => match import::ImportDialog::open(&path, self.doc.today) {
                Ok(d) => self.modal = Some(Modal::Import(Box::new(d))),
                Err(message) => {
                    self.modal = Some(Modal::Error(modals::ErrorDialog {
                        title: "Could not import".into(),
                        message,
                    }))
                }
            },
            // The user chose this file (and agreed to replace it).
            DialogPurpose::SaveAs => {
                self.save_to_checked(ctx, path, false);
            }
            DialogPurpose::ExportReport(format) => {
                self.doc.wait_until_current();
                let text = {
                    let c = crate::report::Checked::new(
                        self.doc.file_name(),
                        self.doc.org(),
                        None,
                        self.doc.today,
                    );
                    crate::report::render(format, &[c])
                };
                self.write_export(ctx, &path, text.as_bytes());
            }
            DialogPurpose::Compare => {
                let label = path.file_name().map_or_else(
                    || crate::sanitize::path(&path),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.compare_with_file(&path, label, "Could not open the file to compare with");
                if self.doc.comparing().is_some()
                    && let Some(open) = self.doc.path.clone()
                {
                    self.remember_base(&open, &path);
                }
            }
            DialogPurpose::SaveAsProposal => {
                // The org as it is now is the base; the copy is what the
                // user goes on editing.
                let base = self.doc.org().clone();
                let label = self.doc.file_name();
                let base_path = self.doc.path.clone();
                if self.save_to_checked(ctx, path.clone(), false) {
                    self.doc.compare_with(Some((label, base)));
                    self.tab = Tab::Changes;
                    if let Some(b) = base_path {
                        self.remember_base(&path, &b);
                    }
                }
            }
            DialogPurpose::ExportComparison(format) => {
                self.doc.wait_until_current();
                let Some(d) = self.doc.derived().diff.clone() else {
                    return;
                };
                let base = self
                    .doc
                    .comparing()
                    .map_or_else(String::new, |c| c.label.clone());
                let proposal = self.doc.file_name();
                let text = crate::diff::render::render(
                    format,
                    &d,
                    &crate::diff::render::Sides {
                        base_path: &base,
                        proposal_path: &proposal,
                    },
                );
                self.write_export(ctx, &path, text.as_bytes());
            }
            DialogPurpose::ExportPng => {
                // Its progress and Cancel are in the status bar.
                let c = ctx.clone();
                self.canvas
                    .export
                    .start(self.doc.org().clone(), path, move || c.request_repaint());
            }
        }
    }

    pub(super) fn export_status(&mut self, ctx: &egui::Context) {
        use super::canvas::export::Outcome;
        match self.canvas.export.take() {
            Some(Outcome::Written(p)) => self.notify(
                ctx,
                format!("Exported {}", crate::sanitize::path(&p)),
                false,
            ),
            Some(Outcome::Cancelled) => {
                self.notify(ctx, "Export cancelled: nothing was written", false);
            }
            Some(Outcome::Failed(e)) => {
                self.modal = Some(Modal::Error(modals::ErrorDialog {
                    title: "Could not export the canvas".into(),
                    message: e,
                }));
            }
            None => {}
        }
    }
}
