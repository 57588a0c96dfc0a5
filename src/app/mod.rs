//! The desktop app (eframe/egui): the org canvas with drag and drop, live
//! gaps, the coverage matrix, the reporting tree, undo and files.
//!
//! Panels never change the document directly: they queue [`Edit`]s (and
//! app-level [`Action`]s), which [`OrgApp::ui`] applies after the UI pass,
//! so undo, dirty-tracking and re-analysis happen in one place.

mod canvas;
mod files;
mod panels;
mod tabs;
pub mod theme;

pub use crate::document::{Badge, Derived, Document};
pub use canvas::CanvasState;
pub use files::{DialogPurpose, Recovery};

use crate::edit::{CardId, Edit};
use crate::model::{InitiativeId, Org, PersonId, RoleId, Subject, TeamId};
use crate::report::Format;
use egui::{Key, KeyboardShortcut, Modifiers};
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
}

/// App-level actions: menus, shortcuts and buttons all go through these.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    New,
    Open,
    OpenPath(PathBuf),
    Save,
    SaveAs,
    ExportReport(Format),
    ExportPng,
    Quit,
    Undo,
    Redo,
    Delete,
    FitView,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleTheme,
    AddPerson,
    AddTeam,
    AddInitiative,
    Select(Option<Selection>),
    /// Shift-click on a card: add it to or remove it from the group.
    ToggleCard(CardId),
    SelectAll,
    /// Selects a subject and pans the canvas to it.
    Reveal(Subject),
}

impl Action {
    /// Name and shortcut, for menus and Help → Keyboard shortcuts.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        Some(match self {
            Action::New => KeyboardShortcut::new(cmd, Key::N),
            Action::Open => KeyboardShortcut::new(cmd, Key::O),
            Action::Save => KeyboardShortcut::new(cmd, Key::S),
            Action::SaveAs => KeyboardShortcut::new(cmd_shift, Key::S),
            Action::Quit => KeyboardShortcut::new(cmd, Key::Q),
            Action::Undo => KeyboardShortcut::new(cmd, Key::Z),
            Action::Redo => KeyboardShortcut::new(cmd_shift, Key::Z),
            Action::Delete => KeyboardShortcut::new(Modifiers::NONE, Key::Delete),
            Action::SelectAll => KeyboardShortcut::new(cmd, Key::A),
            Action::FitView => KeyboardShortcut::new(cmd, Key::Num1),
            Action::ZoomIn => KeyboardShortcut::new(cmd, Key::Plus),
            Action::ZoomOut => KeyboardShortcut::new(cmd, Key::Minus),
            Action::ZoomReset => KeyboardShortcut::new(cmd, Key::Num0),
            _ => return None,
        })
    }
}

/// The shortcuts listed under Help.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+N", "New org"),
    ("Ctrl+O", "Open…"),
    ("Ctrl+S", "Save"),
    ("Ctrl+Shift+S", "Save As…"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z / Ctrl+Y", "Redo"),
    (
        "Delete",
        "Remove the selected member from its team, or delete the selection",
    ),
    ("Ctrl+1", "Fit to view"),
    ("Ctrl++ / Ctrl+-", "Zoom in / out"),
    ("Ctrl+0", "Zoom to 100%"),
    ("Ctrl+scroll, pinch", "Zoom the canvas"),
    ("Scroll, drag background", "Pan the canvas"),
    (
        "Ctrl while dropping a person",
        "Add a second team membership instead of moving",
    ),
    (
        "Right-click",
        "Context menu: move, add to initiative, fill seat, change role…",
    ),
    ("Ctrl+Q", "Quit"),
];

/// A dialog over the app.
pub enum Modal {
    /// Save / Discard / Cancel before `then`.
    Unsaved {
        then: Action,
    },
    /// Dropping a role chip on a person asks first.
    ConfirmRole {
        person: PersonId,
        role: RoleId,
    },
    Waive {
        rule: &'static str,
        subject: Subject,
        capability: Option<crate::catalog::Capability>,
        message: String,
        reason: String,
        until: String,
        error: Option<String>,
    },
    Error {
        title: String,
        message: String,
    },
    /// The open file changed on disk since it was opened or saved here.
    ChangedOnDisk {
        path: PathBuf,
    },
    /// Saving would replace an existing file: ask first.
    ConfirmReplace {
        purpose: DialogPurpose,
        path: PathBuf,
    },
    Recovery {
        org: Box<Org>,
        path: Option<PathBuf>,
        saved: String,
    },
    File(files::InAppDialog),
    Shortcuts,
    RulesReference {
        code: &'static str,
    },
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
const AUTOSAVE_SECS: f64 = 30.0;

/// A short message in the status bar.
pub struct Toast {
    pub text: String,
    pub error: bool,
    pub at: f64,
}

pub struct OrgApp {
    pub doc: Document,
    pub settings: Settings,
    pub tab: Tab,
    pub selection: Option<Selection>,
    /// Cards selected together (shift-click, Select all); moved and
    /// deleted as one.
    pub multi: Vec<CardId>,
    pub canvas: CanvasState,
    pub panels: panels::PanelState,
    pub tabs: tabs::TabState,
    pub modal: Option<Modal>,
    pub toast: Option<Toast>,
    /// Edits and actions queued during the UI pass.
    pub edits: Vec<Edit>,
    pub actions: Vec<Action>,
    pub files: files::FileState,
    pub recovery: Option<Recovery>,
    last_autosave: f64,
    title: String,
    allow_close: bool,
    /// "Discard" was chosen: the next unsaved-changes check passes.
    pub skip_unsaved_check: bool,
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
            canvas: CanvasState::default(),
            panels: panels::PanelState::default(),
            tabs: tabs::TabState::default(),
            modal: None,
            toast: None,
            edits: Vec::new(),
            actions: Vec::new(),
            files: files::FileState::new(native_dialogs),
            recovery,
            last_autosave: 0.0,
            title: String::new(),
            allow_close: false,
            skip_unsaved_check: false,
        };
        if let Some(r) = &app.recovery
            && let Some((org, path, saved)) = r.load()
        {
            app.modal = Some(Modal::Recovery {
                org: Box::new(org),
                path,
                saved,
            });
        }
        app
    }

    /// The built-in sample, as `orgplan` opens it.
    pub fn with_sample() -> Self {
        OrgApp::new(
            Document::new(crate::samples::builtin(), None),
            Settings::default(),
            None,
            false,
        )
    }

    pub fn tokens(&self) -> Tokens {
        Tokens::new(self.settings.dark)
    }

    pub fn edit(&mut self, e: Edit) {
        self.edits.push(e);
    }

    pub fn act(&mut self, a: Action) {
        self.actions.push(a);
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

    /// Replaces the document (after the unsaved-changes check).
    pub fn load_document(&mut self, ctx: &egui::Context, path: PathBuf) {
        match crate::io::load_file_stamped(&path) {
            Ok((org, _, stamp)) => {
                self.add_recent(&path);
                self.doc = Document::new(org, Some(path.clone()));
                self.doc.disk = Some(stamp);
                self.selection = None;
                self.canvas.request_fit();
                self.notify(ctx, format!("Opened {}", path.display()), false);
            }
            Err(e) => {
                // The current document is left untouched.
                self.modal = Some(Modal::Error {
                    title: "Could not open the file".into(),
                    message: e.to_string(),
                });
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
                if let Some(r) = &self.recovery {
                    r.clear();
                }
                self.notify(ctx, format!("Saved {}", path.display()), false);
                true
            }
            Err(e) if crate::io::is_changed_on_disk(&e) => {
                self.modal = Some(Modal::ChangedOnDisk { path });
                false
            }
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: "Could not save".into(),
                    message: format!("{}: {}", path.display(), crate::io::io_message(&e)),
                });
                false
            }
        }
    }

    /// Runs `then` now, or asks Save / Discard / Cancel first.
    fn guard_unsaved(&mut self, then: Action) -> bool {
        if std::mem::take(&mut self.skip_unsaved_check) {
            return true;
        }
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved { then });
            false
        } else {
            true
        }
    }

    fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::New => {
                if self.guard_unsaved(Action::New) {
                    let org = Org {
                        name: "New org".into(),
                        ..Org::default()
                    };
                    self.doc = Document::new(org, None);
                    self.selection = None;
                    self.canvas.request_fit();
                }
            }
            Action::Open => {
                if self.guard_unsaved(Action::Open) {
                    self.files
                        .pick(DialogPurpose::Open, self.doc.path.as_deref(), "");
                }
            }
            Action::OpenPath(path) => {
                if self.guard_unsaved(Action::OpenPath(path.clone())) {
                    self.load_document(ctx, path);
                }
            }
            Action::Save => match self.doc.path.clone() {
                Some(p) => {
                    self.save_to(ctx, p);
                }
                None => self.run_action(ctx, Action::SaveAs),
            },
            Action::SaveAs => {
                let name = self.doc.path.as_ref().map_or_else(
                    || format!("{}.org.ron", crate::model::slugify(&self.doc.org().name)),
                    |_| self.doc.file_name(),
                );
                self.files
                    .pick(DialogPurpose::SaveAs, self.doc.path.as_deref(), &name);
            }
            Action::ExportReport(format) => {
                let name = format!(
                    "{}-gaps.{}",
                    crate::model::slugify(&self.doc.org().name),
                    format.extension()
                );
                self.files.pick(
                    DialogPurpose::ExportReport(format),
                    self.doc.path.as_deref(),
                    &name,
                );
            }
            Action::ExportPng => {
                let name = format!("{}-canvas.png", crate::model::slugify(&self.doc.org().name));
                self.files
                    .pick(DialogPurpose::ExportPng, self.doc.path.as_deref(), &name);
            }
            Action::Quit => {
                if self.guard_unsaved(Action::Quit) {
                    self.allow_close = true;
                    if let Some(r) = &self.recovery {
                        r.clear();
                    }
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Action::Undo => {
                if !self.doc.undo() {
                    self.notify(ctx, "Nothing to undo", false);
                }
            }
            Action::Redo => {
                if !self.doc.redo() {
                    self.notify(ctx, "Nothing to redo", false);
                }
            }
            Action::Delete => self.delete_selection(),
            Action::FitView => self.canvas.request_fit(),
            Action::ZoomIn => self.canvas.zoom_by(1.25),
            Action::ZoomOut => self.canvas.zoom_by(0.8),
            Action::ZoomReset => self.canvas.zoom_to(1.0),
            Action::ToggleTheme => {
                self.settings.dark = !self.settings.dark;
                theme::apply(ctx, self.settings.dark);
            }
            Action::AddPerson => {
                let id = crate::edit::fresh_id("new-person", |s| {
                    self.doc.org().person(&PersonId::new(s)).is_some()
                });
                let person = crate::model::Person::new(id.clone(), "New person", "Engineer");
                self.edits.push(Edit::AddPerson(person));
                self.selection = Some(Selection::Person(PersonId::new(id), None));
            }
            Action::AddTeam => {
                let id = crate::edit::fresh_id("new-team", |s| {
                    self.doc.org().team(&TeamId::new(s)).is_some()
                });
                let mut team = crate::model::Team::new(id.clone(), "New team");
                team.position = Some(self.canvas.free_spot(&self.doc));
                self.edits.push(Edit::AddTeam(team));
                self.selection = Some(Selection::Team(TeamId::new(id)));
                self.tab = Tab::Canvas;
            }
            Action::AddInitiative => {
                let id = crate::edit::fresh_id("new-initiative", |s| {
                    self.doc.org().initiative(&InitiativeId::new(s)).is_some()
                });
                let mut ini = crate::model::Initiative::new(id.clone(), "New initiative");
                ini.position = Some(self.canvas.free_spot(&self.doc));
                self.edits.push(Edit::AddInitiative(ini));
                self.selection = Some(Selection::Initiative(InitiativeId::new(id)));
                self.tab = Tab::Canvas;
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
            Action::SelectAll => {
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
            Action::Reveal(subject) => {
                self.selection = Selection::from_subject(&subject);
                let card = match &subject {
                    Subject::Team(t) => Some(CardId::Team(t.clone())),
                    Subject::Initiative(i) => Some(CardId::Initiative(i.clone())),
                    // A person: the first card they are on.
                    Subject::Person(p) => self
                        .doc
                        .org()
                        .teams
                        .iter()
                        .find(|t| t.member(p).is_some())
                        .map(|t| CardId::Team(t.id.clone()))
                        .or_else(|| {
                            self.doc
                                .org()
                                .initiatives
                                .iter()
                                .find(|i| {
                                    i.members.iter().any(|m| &m.person == p)
                                        || i.lead.as_ref() == Some(p)
                                })
                                .map(|i| CardId::Initiative(i.id.clone()))
                        }),
                    Subject::Org => None,
                };
                if let Some(card) = card {
                    if self.tab != Tab::Canvas
                        && matches!(subject, Subject::Team(_) | Subject::Initiative(_))
                    {
                        self.tab = Tab::Canvas;
                    }
                    self.canvas.pan_to(&self.doc, &card);
                }
            }
        }
    }

    fn delete_selection(&mut self) {
        let Some(sel) = self.selection.clone() else {
            return;
        };
        match sel {
            Selection::Person(p, Some(CardId::Team(t))) => {
                self.edits.push(Edit::RemoveFromTeam {
                    team: t,
                    person: p.clone(),
                });
                self.selection = Some(Selection::Person(p, None));
            }
            Selection::Person(p, Some(CardId::Initiative(i))) => {
                self.edits.push(Edit::RemoveFromInitiative {
                    initiative: i,
                    person: p.clone(),
                });
                self.selection = Some(Selection::Person(p, None));
            }
            Selection::Person(p, None) => {
                self.edits.push(Edit::DeletePerson(p));
                self.selection = None;
            }
            Selection::Team(t) => {
                self.edits.push(Edit::DeleteTeam(t));
                self.selection = None;
            }
            Selection::Initiative(i) => {
                self.edits.push(Edit::DeleteInitiative(i));
                self.selection = None;
            }
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() {
            return;
        }
        let typing = ctx.text_edit_focused();
        let actions = [
            Action::New,
            Action::Open,
            Action::SaveAs,
            Action::Save,
            Action::Quit,
            Action::Redo,
            Action::Undo,
            Action::FitView,
            Action::ZoomIn,
            Action::ZoomOut,
            Action::ZoomReset,
            Action::Delete,
            Action::SelectAll,
        ];
        for a in actions {
            if typing
                && matches!(
                    a,
                    Action::Delete | Action::Undo | Action::Redo | Action::SelectAll
                )
            {
                continue; // the text field handles these
            }
            if let Some(s) = a.shortcut()
                && ctx.input_mut(|i| i.consume_shortcut(&s))
            {
                self.actions.push(a);
            }
        }
        if !typing
            && ctx.input_mut(|i| {
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Y))
            })
        {
            self.actions.push(Action::Redo);
        }
        if !typing && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.actions.push(Action::Select(None));
        }
        if ctx.input_mut(|i| {
            i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals))
        }) {
            self.actions.push(Action::ZoomIn);
        }
    }

    /// Applies queued edits and actions (after the UI pass).
    fn flush(&mut self, ctx: &egui::Context) {
        let edits = std::mem::take(&mut self.edits);
        let any = !edits.is_empty();
        for e in edits {
            if let Err(msg) = self.doc.apply(e) {
                self.notify(ctx, msg, true);
            }
        }
        let actions = std::mem::take(&mut self.actions);
        let any = any || !actions.is_empty();
        for a in actions {
            self.run_action(ctx, a);
        }
        if any {
            ctx.request_repaint();
        }
        // A selection whose subject was deleted goes away.
        let gone = match &self.selection {
            Some(Selection::Person(p, _)) => self.doc.org().person(p).is_none(),
            Some(Selection::Team(t)) => self.doc.org().team(t).is_none(),
            Some(Selection::Initiative(i)) => self.doc.org().initiative(i).is_none(),
            None => false,
        };
        if gone {
            self.selection = None;
        }
        let org = &self.doc.org();
        self.multi.retain(|c| match c {
            CardId::Team(t) => org.team(t).is_some(),
            CardId::Initiative(i) => org.initiative(i).is_some(),
        });
    }

    fn autosave(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if !self.doc.is_dirty() {
            self.last_autosave = now;
            return;
        }
        if now - self.last_autosave >= AUTOSAVE_SECS {
            self.last_autosave = now;
            if let Some(r) = &self.recovery
                && let Err(e) = r.save(self.doc.org(), self.doc.path.as_deref())
            {
                self.notify(ctx, format!("Autosave failed: {e}"), true);
            }
        }
        // Wake up for the next autosave even when idle.
        ctx.request_repaint_after(std::time::Duration::from_secs(AUTOSAVE_SECS as u64));
    }

    fn handle_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved { then: Action::Quit });
            } else if let Some(r) = &self.recovery {
                r.clear();
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
            self.actions.push(Action::OpenPath(path));
        }
    }
}

impl eframe::App for OrgApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // A large org's analysis arrives from its worker: look for it each
        // frame while it is pending.
        self.doc.poll();
        if !self.doc.is_current() {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
        self.shortcuts(&ctx);
        self.dropped_files(&ctx);
        self.handle_close(&ctx);
        self.files.poll(&ctx, &mut self.modal);
        if let Some((purpose, path)) = self.files.take_result() {
            self.file_chosen(&ctx, purpose, path);
        }

        panels::menu_bar(self, ui);
        panels::status_bar(self, ui);
        if self.settings.show_palette {
            panels::palette(self, ui);
        }
        if self.settings.show_inspector {
            panels::right_panel(self, ui);
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                tabs::tab_bar(self, ui);
                match self.tab {
                    Tab::Canvas => canvas::show(self, ui),
                    Tab::Matrix => tabs::matrix(self, ui),
                    Tab::Reporting => tabs::reporting(self, ui),
                }
            });
        panels::modals(self, &ctx);

        self.flush(&ctx);
        self.autosave(&ctx);
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

impl OrgApp {
    /// A path chosen in a file dialog. Saving over an existing file other
    /// than the open one asks "Replace NAME?" first.
    fn file_chosen(&mut self, ctx: &egui::Context, purpose: DialogPurpose, path: PathBuf) {
        let replaces = purpose.saving()
            && path.exists()
            && !(purpose == DialogPurpose::SaveAs && self.doc.path.as_ref() == Some(&path));
        if replaces {
            self.modal = Some(Modal::ConfirmReplace { purpose, path });
            return;
        }
        self.write_chosen(ctx, purpose, path);
    }

    /// Does what a file dialog was for (after any confirmation).
    pub fn write_chosen(&mut self, ctx: &egui::Context, purpose: DialogPurpose, path: PathBuf) {
        match purpose {
            DialogPurpose::Open => self.load_document(ctx, path),
            DialogPurpose::SaveAs => {
                // The user chose this file and agreed to replace it.
                if self.save_to_checked(ctx, path, false)
                    && let Some(Modal::Unsaved { .. }) = &self.modal
                {
                    self.modal = None;
                }
                if let Some(then) = self.files.after_save.take()
                    && !self.doc.is_dirty()
                {
                    self.actions.push(then);
                }
            }
            DialogPurpose::ExportReport(format) => {
                let text = {
                    let c = crate::report::Checked::new(
                        self.doc.file_name(),
                        self.doc.org(),
                        None,
                        self.doc.today,
                    );
                    crate::report::render(format, &[c])
                };
                match crate::io::write_atomic(&path, text.as_bytes()) {
                    Ok(()) => self.notify(ctx, format!("Exported {}", path.display()), false),
                    Err(e) => {
                        self.modal = Some(Modal::Error {
                            title: "Could not export".into(),
                            message: format!("{}: {}", path.display(), crate::io::io_message(&e)),
                        })
                    }
                }
            }
            DialogPurpose::ExportPng => canvas::export_png(self, ctx, path),
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
