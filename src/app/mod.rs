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
mod command_handling;
mod files;
mod find;
mod gaps;
pub mod import;
mod inspector;
mod lifecycle;
mod logic;
mod matrix;
mod menu;
pub mod modals;
mod palette;
mod reporting;
mod risk;
pub mod role_editor;
pub mod suggest;
pub mod theme;
mod ui;
pub mod watch;
pub mod widgets;

pub use crate::document::{Badge, Derived, Document};
pub use canvas::{CanvasState, CanvasView};
pub use command::{Action, Command};
pub use files::{DialogPurpose, InAppDialog, Recovery};
use lifecycle::Close;
pub use lifecycle::Lifecycle;
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
    /// View → Key-person risk.
    pub show_risk: bool,
    /// Proposals and the base each is compared with (Save as proposal,
    /// Compare with file…), newest first: a proposal reopens compared.
    pub bases: Vec<(PathBuf, PathBuf)>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            dark: true,
            recent: Vec::new(),
            show_palette: true,
            show_inspector: true,
            show_risk: false,
            bases: Vec::new(),
        }
    }
}

const SETTINGS_KEY: &str = "orgplan-settings";
const MAX_RECENT: usize = 10;
/// Proposals whose base is remembered.
const MAX_BASES: usize = 50;

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
    /// Plan → Suggest fixes…
    pub suggest: suggest::SuggestPanel,
    pub modal: Option<Modal>,
    pub toast: Option<Toast>,
    /// Queued from outside a frame (menus, tests).
    queued: Commands,
    files: files::FileState,
    /// Unsaved check, after-save, close, autosave.
    pub life: Lifecycle,
    /// The open file's folder, watched for changes made elsewhere.
    watch: Option<watch::FileWatch>,
    title: String,
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
            suggest: Default::default(),
            modal: None,
            toast: None,
            queued: Commands::default(),
            files: files::FileState::new(native_dialogs),
            life: Lifecycle::new(recovery),
            watch: None,
            title: String::new(),
            themed: false,
        };
        if let Some((org, path, saved)) = app.life.recovered() {
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
}

impl eframe::App for OrgApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

/// The built-in sample as an unsaved document.
pub fn sample_document() -> Document {
    let mut doc = Document::new(crate::samples::builtin(), None);
    doc.label = Some(crate::samples::BUILTIN_NAME.into());
    doc
}

/// The app id of the window: the desktop entry's name (`orgplan.desktop`)
/// and its `StartupWMClass`.
pub const APP_ID: &str = "orgplan";

/// The window's icon: assets/icon (the installed icon's 128 px rendering;
/// at 256 px the X11 property is over the protocol's request size, and the
/// window is left with none).
pub fn window_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/png/orgplan-128.png"))
        .unwrap_or_default()
}

/// The document the window opens on: FILE, or the built-in sample (also
/// when FILE cannot be opened: then with the one-line error).
pub fn open_at_start(file: Option<&std::path::Path>) -> (Document, Result<(), String>) {
    let Some(path) = file else {
        return (sample_document(), Ok(()));
    };
    match crate::io::load_file_stamped(path) {
        Ok((org, _, stamp)) => {
            let mut doc = Document::new(org, Some(path.to_path_buf()));
            doc.disk = Some(stamp);
            (doc, Ok(()))
        }
        Err(e) => (sample_document(), Err(e.to_string())),
    }
}

/// Opens the app window on FILE or the built-in sample.
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    let (doc, opened) = open_at_start(file.as_deref());
    // A file that cannot be opened (from a file manager, say) is said in the
    // window, over the built-in sample, and on stderr for a terminal.
    let failed = opened.as_ref().err().cloned();
    if let Some(e) = &failed {
        eprintln!("orgplan: error: {e}");
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("orgplan")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([600.0, 420.0])
            .with_drag_and_drop(true)
            // The same id and icon as the desktop entry (assets/linux), so
            // the launcher and the taskbar show one app.
            .with_app_id(APP_ID)
            .with_icon(window_icon()),
        // OpenGL, always: the UI tests' image snapshots build eframe's
        // wgpu renderer into the same workspace, and eframe would then
        // prefer it (STACK.md: glow is what runs here).
        renderer: eframe::Renderer::Glow,
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
            match (&file, failed) {
                (Some(p), None) => {
                    app.add_recent(p);
                    app.compare_with_remembered_base(&cc.egui_ctx);
                }
                (Some(p), Some(message)) => app.show_open_error(p, message),
                (None, _) => {}
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| e.to_string())
}
