//! The desktop app (eframe/egui): the org canvas with drag and drop, live
//! gaps, the coverage matrix, the reporting tree, undo and files.
//!
//! Each view is a struct that owns its state and draws itself with
//! `ui(&mut self, ui, &ViewCtx, &mut Commands)`: it reads the document and
//! queues [`Edit`]s and [`Action`]s, which [`OrgApp`] applies after the UI
//! pass. The document changes only through `Document::apply`, so undo,
//! dirty-tracking and re-analysis happen in one place.

pub mod canvas;
mod changes;
pub mod command;
mod files;
mod find;
mod gaps;
pub mod import;
mod inspector;
mod matrix;
mod menu;
pub mod modals;
mod palette;
mod reporting;
pub mod theme;
pub mod widgets;

pub use crate::document::{Badge, Derived, Document};
pub use canvas::{CanvasState, CanvasView};
pub use command::{Action, Command};
pub use files::{DialogPurpose, InAppDialog, Recovery};
pub use modals::Modal;

use crate::edit::Edit;
use crate::model::CardId;
use crate::model::{InitiativeId, Org, PersonId, Subject, TeamId};
use modals::Choice;
use std::path::PathBuf;
use theme::Tokens;

/// What is selected: the inspector edits it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// A person, optionally as a member of a card (for Delete).
    Person(PersonId, Option<CardId>),
    Team(TeamId),
    Initiative(InitiativeId),
}

impl Selection {
    pub fn subject(&self) -> Subject {
        match self {
            Selection::Person(p, _) => Subject::Person(p.clone()),
            Selection::Team(t) => Subject::Team(t.clone()),
            Selection::Initiative(i) => Subject::Initiative(i.clone()),
        }
    }

    pub fn from_subject(s: &Subject) -> Option<Selection> {
        match s {
            Subject::Org => None,
            Subject::Person(p) => Some(Selection::Person(p.clone(), None)),
            Subject::Team(t) => Some(Selection::Team(t.clone())),
            Subject::Initiative(i) => Some(Selection::Initiative(i.clone())),
        }
    }
}

/// The central tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Canvas,
    Matrix,
    Reporting,
    /// While comparing: changes, gap delta, metrics.
    Changes,
}

/// Persisted between runs (eframe storage).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub dark: bool,
    pub recent: Vec<PathBuf>,
    pub show_palette: bool,
    pub show_inspector: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            dark: true,
            recent: Vec::new(),
            show_palette: true,
            show_inspector: true,
        }
    }
}

const SETTINGS_KEY: &str = "orgplan-settings";
const MAX_RECENT: usize = 10;

/// A short message in the status bar.
pub struct Toast {
    pub text: String,
    pub error: bool,
    pub at: f64,
}

/// What every view reads this frame.
pub struct ViewCtx<'a> {
    pub doc: &'a Document,
    pub selection: &'a Option<Selection>,
    pub multi: &'a [CardId],
    pub tokens: Tokens,
}

/// What views ask for; the app carries it out after the UI pass.
#[derive(Default)]
pub struct Commands {
    pub edits: Vec<Edit>,
    pub actions: Vec<Action>,
    pub modal: Option<Modal>,
    /// A status-bar message (text, is an error).
    pub toast: Option<(String, bool)>,
}

pub struct OrgApp {
    pub doc: Document,
    pub settings: Settings,
    pub tab: Tab,
    pub selection: Option<Selection>,
    /// Cards selected together (shift-click, Select all); moved and
    /// deleted as one.
    pub multi: Vec<CardId>,
    pub canvas: CanvasView,
    palette: palette::PaletteView,
    inspector: inspector::InspectorView,
    gaps: gaps::GapsView,
    matrix: matrix::MatrixView,
    reporting: reporting::ReportingView,
    changes: changes::ChangesView,
    find: find::FindView,
    pub modal: Option<Modal>,
    pub toast: Option<Toast>,
    /// Queued from outside a frame (menus, tests).
    queued: Commands,
    files: files::FileState,
    recovery: Option<Recovery>,
    /// Autosave interval while dirty (seconds).
    pub autosave_secs: f64,
    /// When and at which revision the recovery file was last written.
    last_autosave: f64,
    recovery_revision: Option<u64>,
    title: String,
    allow_close: bool,
    /// "Discard" was chosen: the next unsaved-changes check passes.
    skip_unsaved_check: bool,
    /// What to do once a save asked for by the unsaved-changes prompt is done.
    after_save: Option<Action>,
    /// The theme has been applied to egui (first frame).
    themed: bool,
}

impl OrgApp {
    /// The app on `doc`. `recovery` is where unsaved work is autosaved
    /// (`None` disables it); `native_dialogs: false` always uses the in-app
    /// file dialog.
    pub fn new(
        doc: Document,
        settings: Settings,
        recovery: Option<Recovery>,
        native_dialogs: bool,
    ) -> Self {
        let mut app = OrgApp {
            doc,
            settings,
            tab: Tab::Canvas,
            selection: None,
            multi: Vec::new(),
            canvas: CanvasView::default(),
            palette: Default::default(),
            inspector: Default::default(),
            gaps: Default::default(),
            matrix: Default::default(),
            reporting: Default::default(),
            changes: Default::default(),
            find: Default::default(),
            modal: None,
            toast: None,
            queued: Commands::default(),
            files: files::FileState::new(native_dialogs),
            recovery,
            autosave_secs: 30.0,
            last_autosave: 0.0,
            recovery_revision: None,
            title: String::new(),
            allow_close: false,
            skip_unsaved_check: false,
            after_save: None,
            themed: false,
        };
        if let Some(r) = &app.recovery
            && let Some((org, path, saved)) = r.load()
        {
            app.modal = Some(Modal::Recovery(modals::RecoveryDialog {
                org: Box::new(org),
                path,
                saved,
            }));
        }
        app
    }

    /// The built-in sample, as `orgplan` opens it.
    pub fn with_sample() -> Self {
        OrgApp::new(sample_document(), Settings::default(), None, false)
    }

    pub fn tokens(&self) -> Tokens {
        Tokens::new(self.settings.dark)
    }

    /// Queues an edit (applied after the next UI pass).
    pub fn edit(&mut self, e: Edit) {
        self.queued.edits.push(e);
    }

    /// Queues an action (run after the next UI pass).
    pub fn act(&mut self, a: Action) {
        self.queued.actions.push(a);
    }

    /// Why the inspector refused the last edit, if it did.
    pub fn inspector_error(&self) -> Option<&str> {
        self.inspector.error()
    }

    pub fn notify(&mut self, ctx: &egui::Context, text: impl Into<String>, error: bool) {
        self.toast = Some(Toast {
            text: text.into(),
            error,
            at: ctx.input(|i| i.time),
        });
    }

    pub fn window_title(&self) -> String {
        format!(
            "{}{} — {} — orgplan",
            if self.doc.is_dirty() { "• " } else { "" },
            self.doc.org().name,
            self.doc.file_name()
        )
    }

    fn add_recent(&mut self, path: &std::path::Path) {
        let p = path.to_path_buf();
        self.settings.recent.retain(|r| r != &p);
        self.settings.recent.insert(0, p);
        self.settings.recent.truncate(MAX_RECENT);
    }

    /// Makes `doc` the open document: selection, views and the recovery
    /// file start over (the old document was saved or discarded).
    fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.selection = None;
        self.multi.clear();
        self.canvas.request_fit();
        self.clear_recovery();
    }

    fn clear_recovery(&mut self) {
        if let Some(r) = &self.recovery {
            r.clear();
        }
        self.recovery_revision = None;
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
                self.clear_recovery();
                self.notify(
                    ctx,
                    format!("Saved {}", crate::sanitize::path(&path)),
                    false,
                );
                if let Some(then) = self.after_save.take() {
                    self.queued.actions.push(then);
                }
                true
            }
            Err(e) if crate::io::is_changed_on_disk(&e) => {
                self.modal = Some(Modal::ChangedOnDisk(modals::ChangedOnDisk { path }));
                false
            }
            Err(e) => {
                self.after_save = None;
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
    fn guard_unsaved(&mut self, then: Action) -> bool {
        if std::mem::take(&mut self.skip_unsaved_check) || !self.doc.is_dirty() {
            return true;
        }
        self.modal = Some(Modal::Unsaved(modals::Unsaved { then }));
        false
    }

    fn pick(&mut self, purpose: DialogPurpose, name: &str) {
        self.files.pick(purpose, self.doc.path.as_deref(), name);
    }

    fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Run(c) => self.run_command(ctx, c),
            Action::OpenImported(org) => {
                if self.guard_unsaved(Action::OpenImported(org.clone())) {
                    let n = org.people.len();
                    let name = org.name.clone();
                    self.replace_document(Document::new_dirty(*org, None));
                    self.notify(
                        ctx,
                        format!("Imported {n} people as {name} (not saved yet)"),
                        false,
                    );
                }
            }
            Action::OpenPath(path) => {
                if self.guard_unsaved(Action::OpenPath(path.clone())) {
                    self.load_document(ctx, path);
                }
            }
            Action::ExportReport(format) => {
                let name = format!(
                    "{}-gaps.{}",
                    crate::model::slugify(&self.doc.org().name),
                    format.extension()
                );
                self.pick(DialogPurpose::ExportReport(format), &name);
            }
            Action::ExportComparison(format) => {
                if self.doc.comparing().is_some() {
                    let name = format!(
                        "{}-changes.{}",
                        crate::model::slugify(&self.doc.org().name),
                        format.extension()
                    );
                    self.pick(DialogPurpose::ExportComparison(format), &name);
                }
            }
            Action::Select(s) => {
                self.multi.clear();
                self.selection = s;
            }
            Action::ToggleCard(card) => {
                if let Some(i) = self.multi.iter().position(|c| c == &card) {
                    self.multi.remove(i);
                } else {
                    // The single selection joins the group.
                    let primary = match &self.selection {
                        Some(Selection::Team(t)) => Some(CardId::Team(t.clone())),
                        Some(Selection::Initiative(i)) => Some(CardId::Initiative(i.clone())),
                        _ => None,
                    };
                    if let Some(p) = primary
                        && !self.multi.contains(&p)
                        && p != card
                    {
                        self.multi.push(p);
                    }
                    self.multi.push(card);
                }
                self.selection = None;
            }
            Action::Reveal(subject) => {
                self.multi.clear();
                self.selection = Selection::from_subject(&subject);
                if let Subject::Person(p) = &subject
                    && self.tab == Tab::Reporting
                {
                    self.reporting.reveal(self.doc.org(), p);
                    return;
                }
                if let Some(card) = canvas::card_of(&self.doc, &subject) {
                    if self.tab != Tab::Canvas
                        && matches!(subject, Subject::Team(_) | Subject::Initiative(_))
                    {
                        self.tab = Tab::Canvas;
                    }
                    self.canvas.reveal(&self.doc, &card);
                } else if let Subject::Person(p) = &subject
                    && self.tab != Tab::Canvas
                {
                    self.reporting.reveal(self.doc.org(), p);
                }
            }
        }
    }

    /// Runs a menu command, shortcut or button.
    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => {
                if self.guard_unsaved(Action::Run(Command::New)) {
                    let org = Org {
                        name: "New org".into(),
                        ..Org::default()
                    };
                    self.replace_document(Document::new(org, None));
                }
            }
            Command::Open => {
                if self.guard_unsaved(Action::Run(Command::Open)) {
                    self.pick(DialogPurpose::Open, "");
                }
            }
            Command::ImportPeople => self.pick(DialogPurpose::Import, ""),
            Command::Save => match self.doc.path.clone() {
                Some(p) => {
                    self.save_to(ctx, p);
                }
                None => self.run_action(ctx, Action::Run(Command::SaveAs)),
            },
            Command::SaveAs => {
                let name = self.doc.path.as_ref().map_or_else(
                    || format!("{}.org.ron", crate::model::slugify(&self.doc.org().name)),
                    |_| self.doc.file_name(),
                );
                self.pick(DialogPurpose::SaveAs, &name);
            }
            Command::ExportPng => {
                let name = format!("{}-canvas.png", crate::model::slugify(&self.doc.org().name));
                self.pick(DialogPurpose::ExportPng, &name);
            }
            Command::SaveAsProposal => {
                let stem = self.doc.file_name();
                let stem = stem.trim_end_matches(".org.ron").trim_end_matches(".ron");
                let name = format!("{}-proposal.org.ron", crate::model::slugify(stem));
                self.pick(DialogPurpose::SaveAsProposal, &name);
            }
            Command::CompareWith => self.pick(DialogPurpose::Compare, ""),
            Command::CompareWithSaved => match self.doc.path.clone() {
                Some(path) => {
                    let label = format!("{} (saved)", self.doc.file_name());
                    self.compare_with_file(&path, label, "Could not read the saved version");
                }
                None => self.notify(
                    ctx,
                    "This org has not been saved yet: use Compare with file… or Save as proposal…",
                    true,
                ),
            },
            Command::StopComparing => {
                self.doc.compare_with(None);
                if self.tab == Tab::Changes {
                    self.tab = Tab::Canvas;
                }
            }
            Command::Quit => {
                if self.guard_unsaved(Action::Run(Command::Quit)) {
                    self.allow_close = true;
                    self.clear_recovery();
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Command::Undo => {
                if !self.doc.undo() {
                    self.notify(ctx, "Nothing to undo", false);
                }
            }
            Command::Redo => {
                if !self.doc.redo() {
                    self.notify(ctx, "Nothing to redo", false);
                }
            }
            Command::Delete => self.delete_selection(),
            Command::FitView => self.canvas.request_fit(),
            Command::ZoomIn => self.canvas.zoom_by(1.25),
            Command::ZoomOut => self.canvas.zoom_by(0.8),
            Command::ZoomReset => self.canvas.zoom_to(1.0),
            Command::ToggleTheme => {
                self.settings.dark = !self.settings.dark;
                theme::apply(ctx, self.settings.dark);
            }
            Command::Shortcuts => self.modal = Some(Modal::Shortcuts(modals::Shortcuts)),
            Command::RulesReference => {
                self.modal = Some(Modal::RulesReference(modals::RulesReference {
                    code: "C001",
                }))
            }
            Command::Find => self.find.open(),
            Command::AddPerson => {
                let org = self.doc.org();
                let id = crate::edit::fresh_id("new-person", |s| {
                    org.person(&PersonId::new(s)).is_some()
                });
                let person = crate::model::Person::new(id.clone(), "New person", "Engineer");
                if self.apply(ctx, Edit::AddPerson(person)) {
                    self.select_new(Selection::Person(PersonId::new(id), None));
                }
            }
            Command::AddTeam => {
                let org = self.doc.org();
                let id = crate::edit::fresh_id("new-team", |s| org.team(&TeamId::new(s)).is_some());
                let mut team = crate::model::Team::new(id.clone(), "New team");
                team.position = Some(self.canvas.free_spot(&self.doc));
                if self.apply(ctx, Edit::AddTeam(team)) {
                    self.tab = Tab::Canvas;
                    let card = CardId::Team(TeamId::new(&id));
                    self.canvas.pan_if_hidden(&self.doc, &card);
                    self.select_new(Selection::Team(TeamId::new(id)));
                }
            }
            Command::AddInitiative => {
                let org = self.doc.org();
                let id = crate::edit::fresh_id("new-initiative", |s| {
                    org.initiative(&InitiativeId::new(s)).is_some()
                });
                let mut ini = crate::model::Initiative::new(id.clone(), "New initiative");
                ini.position = Some(self.canvas.free_spot(&self.doc));
                if self.apply(ctx, Edit::AddInitiative(ini)) {
                    self.tab = Tab::Canvas;
                    let card = CardId::Initiative(InitiativeId::new(&id));
                    self.canvas.pan_if_hidden(&self.doc, &card);
                    self.select_new(Selection::Initiative(InitiativeId::new(id)));
                }
            }
            Command::SelectAll => {
                self.tab = Tab::Canvas;
                self.selection = None;
                self.multi = self
                    .doc
                    .layout()
                    .cards
                    .iter()
                    .map(|c| c.card.clone())
                    .collect();
            }
        }
    }

    /// Selects a new item and puts the cursor in its Name field.
    fn select_new(&mut self, sel: Selection) {
        self.multi.clear();
        self.selection = Some(sel);
        self.inspector.focus_name();
    }

    /// Applies an edit now; a refusal goes to the status bar.
    fn apply(&mut self, ctx: &egui::Context, e: Edit) -> bool {
        match self.doc.apply(e) {
            Ok(()) => true,
            Err(msg) => {
                self.notify(ctx, msg.to_string(), true);
                false
            }
        }
    }

    fn delete_selection(&mut self) {
        if !self.multi.is_empty() {
            let edits: Vec<Edit> = self
                .multi
                .drain(..)
                .map(|c| match c {
                    CardId::Team(t) => Edit::DeleteTeam(t),
                    CardId::Initiative(i) => Edit::DeleteInitiative(i),
                })
                .collect();
            self.queued.edits.push(Edit::Batch(edits));
            return;
        }
        let Some(sel) = self.selection.clone() else {
            return;
        };
        let e = match sel {
            Selection::Person(p, Some(CardId::Team(t))) => {
                self.selection = Some(Selection::Person(p.clone(), None));
                Edit::RemoveFromTeam { team: t, person: p }
            }
            Selection::Person(p, Some(CardId::Initiative(i))) => {
                self.selection = Some(Selection::Person(p.clone(), None));
                Edit::RemoveFromInitiative {
                    initiative: i,
                    person: p,
                }
            }
            Selection::Person(p, None) => Edit::DeletePerson(p),
            Selection::Team(t) => Edit::DeleteTeam(t),
            Selection::Initiative(i) => Edit::DeleteInitiative(i),
        };
        self.queued.edits.push(e);
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() {
            return;
        }
        let typing = ctx.text_edit_focused();
        // Shortcuts with more modifiers first: Ctrl+Shift+Z must not be
        // taken by Ctrl+Z (egui matches extra Shift leniently).
        let mut all: Vec<(Command, egui::KeyboardShortcut)> = Command::ALL
            .iter()
            .filter(|c| !(typing && c.yields_to_text()))
            .flat_map(|&c| c.shortcuts().into_iter().map(move |s| (c, s)))
            .collect();
        all.sort_by_key(|(_, s)| {
            std::cmp::Reverse(
                u8::from(s.modifiers.shift)
                    + u8::from(s.modifiers.alt)
                    + u8::from(s.modifiers.command),
            )
        });
        for (c, s) in all {
            if ctx.input_mut(|i| i.consume_shortcut(&s)) {
                self.queued.actions.push(c.into());
            }
        }
        if !typing
            && !self.find.open
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.queued.actions.push(Action::Select(None));
        }
    }

    /// Applies queued edits and actions (after the UI pass).
    fn flush(&mut self, ctx: &egui::Context, mut out: Commands) {
        out.edits.extend(std::mem::take(&mut self.queued.edits));
        out.actions.extend(std::mem::take(&mut self.queued.actions));
        let any = !out.edits.is_empty() || !out.actions.is_empty();
        for e in out.edits {
            self.apply(ctx, e);
        }
        if let Some(m) = out.modal {
            self.modal = Some(m);
        }
        if let Some((text, error)) = out.toast {
            self.notify(ctx, text, error);
        }
        for a in out.actions {
            self.run_action(ctx, a);
        }
        // Actions run by a save (after_save) go next frame.
        if any {
            ctx.request_repaint();
        }
        // A selection whose subject was deleted goes away.
        let org = self.doc.org();
        let gone = match &self.selection {
            Some(Selection::Person(p, _)) => org.person(p).is_none(),
            Some(Selection::Team(t)) => org.team(t).is_none(),
            Some(Selection::Initiative(i)) => org.initiative(i).is_none(),
            None => false,
        };
        if gone {
            self.selection = None;
        }
        self.multi.retain(|c| match c {
            CardId::Team(t) => org.team(t).is_some(),
            CardId::Initiative(i) => org.initiative(i).is_some(),
        });
    }

    /// Compares the document with the org in `path` (shown as `label`) and
    /// opens the Changes tab; a file that cannot be read gets `failure` and
    /// its one-line error.
    fn compare_with_file(&mut self, path: &std::path::Path, label: String, failure: &str) {
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
    fn write_export(&mut self, ctx: &egui::Context, path: &std::path::Path, bytes: &[u8]) {
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

    fn handle_choice(&mut self, ctx: &egui::Context, c: Choice) {
        match c {
            Choice::Act(a) => self.run_action(ctx, a),
            Choice::DiscardThen(a) => {
                self.skip_unsaved_check = true;
                self.run_action(ctx, a);
            }
            Choice::SaveThen(then) => match self.doc.path.clone() {
                Some(p) => {
                    self.after_save = Some(then);
                    self.save_to(ctx, p);
                }
                None => {
                    self.after_save = Some(then);
                    self.run_action(ctx, Action::Run(Command::SaveAs));
                }
            },
            Choice::Edit(e) => {
                self.apply(ctx, e);
            }
            Choice::Restore { org, path } => {
                self.replace_document(Document::new_dirty(*org, path));
            }
            Choice::DiscardRecovery => self.clear_recovery(),
            Choice::Overwrite(path) => {
                self.save_to_checked(ctx, path, false);
            }
            Choice::Chosen(purpose, path, confirmed) => {
                self.file_chosen(ctx, purpose, path, confirmed)
            }
            Choice::CancelSave => self.after_save = None,
        }
    }

    /// Keeps the recovery file in step with the unsaved state: written
    /// every `autosave_secs` while dirty, removed as soon as the document is
    /// clean again (saved, or undone back to what is on disk).
    fn autosave(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if !self.doc.is_dirty() {
            self.last_autosave = now;
            if self.recovery_revision.is_some() {
                self.clear_recovery();
            }
            return;
        }
        if now - self.last_autosave >= self.autosave_secs
            && self.recovery_revision != Some(self.doc.revision())
        {
            self.last_autosave = now;
            if let Some(r) = &self.recovery {
                match r.save(self.doc.org(), self.doc.path.as_deref()) {
                    Ok(()) => self.recovery_revision = Some(self.doc.revision()),
                    Err(e) => self.notify(ctx, format!("Autosave failed: {e}"), true),
                }
            }
        }
        // Wake up for the next autosave even when idle.
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(
            self.autosave_secs.max(0.1),
        ));
    }

    fn handle_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(modals::Unsaved {
                    then: Action::Run(Command::Quit),
                }));
            } else {
                self.clear_recovery();
            }
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
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
    fn file_chosen(
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
            }
            DialogPurpose::SaveAsProposal => {
                // The org as it is now is the base; the copy is what the
                // user goes on editing.
                let base = self.doc.org().clone();
                let label = self.doc.file_name();
                if self.save_to_checked(ctx, path, false) {
                    self.doc.compare_with(Some((label, base)));
                    self.tab = Tab::Changes;
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
                self.notify(
                    ctx,
                    format!("Exporting {}…", crate::sanitize::path(&path)),
                    false,
                );
                let c = ctx.clone();
                self.canvas
                    .export
                    .start(self.doc.org().clone(), path, move || c.request_repaint());
            }
        }
    }

    fn export_status(&mut self, ctx: &egui::Context) {
        match self.canvas.export.take() {
            Some(Ok(p)) => self.notify(
                ctx,
                format!("Exported {}", crate::sanitize::path(&p)),
                false,
            ),
            Some(Err(e)) => {
                self.modal = Some(Modal::Error(modals::ErrorDialog {
                    title: "Could not export the canvas".into(),
                    message: e,
                }))
            }
            None => {}
        }
    }
}

impl eframe::App for OrgApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

impl OrgApp {
    /// One frame of the whole app in `ui` (the window's root). Needs no
    /// `eframe::Frame`, so benchmarks can drive it with a bare egui context.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !std::mem::replace(&mut self.themed, true) {
            theme::install_fonts(&ctx);
            theme::apply(&ctx, self.settings.dark);
        }
        // A large org's analysis arrives from its worker: look for it each
        // frame while it is pending.
        self.doc.poll();
        if !self.doc.is_current() {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
        self.shortcuts(&ctx);
        self.dropped_files(&ctx);
        self.handle_close(&ctx);
        match self.files.poll(&ctx) {
            Some(files::FileEvent::Chosen(purpose, path)) => {
                self.file_chosen(&ctx, purpose, path, false);
            }
            Some(files::FileEvent::ShowDialog(d)) => self.modal = Some(Modal::File(d)),
            None => {}
        }
        self.export_status(&ctx);

        let tokens = self.tokens();
        let mut out = Commands::default();
        {
            let OrgApp {
                doc,
                settings,
                tab,
                selection,
                multi,
                canvas,
                palette,
                inspector,
                gaps,
                matrix,
                reporting,
                changes,
                find,
                toast,
                ..
            } = self;
            let f = ViewCtx {
                doc,
                selection,
                multi,
                tokens,
            };
            egui::Panel::top("menu").show(ui, |ui| {
                menu::menu_bar(ui, &f, menu::MenuState { settings, tab }, &mut out);
            });
            egui::Panel::bottom("status").show(ui, |ui| menu::status_bar(ui, &f, toast));
            if settings.show_palette {
                egui::Panel::left("palette")
                    .resizable(true)
                    .default_size(250.0)
                    .size_range(200.0..=420.0)
                    .show(ui, |ui| palette.ui(ui, &f, &mut out));
            }
            if settings.show_inspector {
                egui::Panel::right("inspector")
                    .resizable(true)
                    .default_size(360.0)
                    .size_range(280.0..=640.0)
                    .show(ui, |ui| {
                        // A fixed split: selecting something never moves
                        // the gaps list under the pointer.
                        let top = (ui.available_height() * 0.5).round();
                        ui.allocate_ui(egui::vec2(ui.available_width(), top), |ui| {
                            egui::ScrollArea::vertical()
                                .id_salt("inspector-scroll")
                                .auto_shrink([false, false])
                                .max_height(top)
                                .show(ui, |ui| inspector.ui(ui, &f, &mut out));
                        });
                        ui.separator();
                        gaps.ui(ui, &f, &mut out);
                    });
            }
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE.fill(tokens.panel_bg))
                .show(ui, |ui| {
                    menu::tab_bar(ui, &f, tab, &mut out);
                    match tab {
                        Tab::Canvas => canvas.ui(ui, &f, &mut out),
                        Tab::Matrix => matrix.ui(ui, &f, &mut out),
                        Tab::Reporting => reporting.ui(ui, &f, &mut out),
                        Tab::Changes if f.doc.comparing().is_some() => changes.ui(ui, &f, &mut out),
                        Tab::Changes => {
                            *tab = Tab::Canvas;
                            canvas.ui(ui, &f, &mut out)
                        }
                    }
                });
            find.ui(&ctx, &f, &mut out);
        }
        let mut choices = Vec::new();
        if let Some(mut m) = self.modal.take() {
            let env = modals::Env {
                org: self.doc.org(),
                revision: self.doc.revision(),
            };
            if m.ui(&ctx, &env, &mut choices) {
                // Still open, unless a choice opened another dialog.
                self.modal = Some(m);
            }
        }
        for c in choices {
            self.handle_choice(&ctx, c);
        }
        self.flush(&ctx, out);
        self.autosave(&ctx);
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

/// The built-in sample as an unsaved document.
pub fn sample_document() -> Document {
    let mut doc = Document::new(crate::samples::builtin(), None);
    doc.label = Some(crate::samples::BUILTIN_NAME.into());
    doc
}

/// Opens the app window on FILE or the built-in sample.
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    let doc = match &file {
        Some(path) => {
            let (org, _, stamp) = crate::io::load_file_stamped(path).map_err(|e| e.to_string())?;
            let mut doc = Document::new(org, Some(path.clone()));
            doc.disk = Some(stamp);
            doc
        }
        None => sample_document(),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("orgplan")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "orgplan",
        options,
        Box::new(move |cc| {
            let settings: Settings = cc
                .storage
                .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
                .unwrap_or_default();
            theme::apply(&cc.egui_ctx, settings.dark);
            let recovery = eframe::storage_dir("orgplan").map(Recovery::new);
            let native = std::env::var_os("ORGPLAN_NO_NATIVE_DIALOGS").is_none();
            let mut app = OrgApp::new(doc, settings, recovery, native);
            if let Some(p) = &file {
                app.add_recent(p);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| e.to_string())
}
