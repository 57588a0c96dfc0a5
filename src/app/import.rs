//! File → Import people…: the mapping dialog over an HR export. The
//! columns as drop-downs, the first people as they will be read, a role
//! picker for every title no pattern maps, and the counts, all recomputed
//! when the user changes something. Import makes a new unsaved document or
//! re-imports into the open org as one undo step.

use super::widgets::name_widget;
use crate::catalog::RoleCatalog;
use crate::import::{Choice, Field, MergeOptions, MergeReport, Options, Summary, Table};
use crate::model::{Date, Org, RoleId};
use egui::RichText;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Exports of at least this many rows are worked out off the UI thread
/// (the dialog stays responsive and says so meanwhile); smaller ones at
/// once.
pub const BACKGROUND_FROM: usize = 20_000;

/// Exports of at least this many bytes are read off the UI thread when
/// the dialog opens ([`ImportLoading`]).
pub const BACKGROUND_BYTES: u64 = 1 << 20;

/// A large export being read before its dialog opens: a spinner and
/// Cancel meanwhile.
pub struct ImportLoading {
    label: String,
    started: std::time::Instant,
    result: Arc<Mutex<Option<Result<ImportDialog, String>>>>,
}

impl ImportLoading {
    /// Reads `path` on a thread of its own; `ctx` is woken when it is done.
    pub fn start(path: &Path, today: Date, ctx: &egui::Context) -> ImportLoading {
        let result = Arc::new(Mutex::new(None));
        let slot = result.clone();
        let (path_owned, wake) = (path.to_path_buf(), ctx.clone());
        std::thread::spawn(move || {
            let d = ImportDialog::open(&path_owned, today);
            if let Ok(mut s) = slot.lock() {
                *s = Some(d);
            }
            wake.request_repaint();
        });
        ImportLoading {
            label: path.file_name().map_or_else(
                || crate::sanitize::path(path),
                |n| crate::sanitize::visible(&n.to_string_lossy()).into_owned(),
            ),
            started: std::time::Instant::now(),
            result,
        }
    }

    /// The dialog (or the one-line error) once the export is read.
    pub fn take(&self) -> Option<Result<ImportDialog, String>> {
        self.result.lock().ok().and_then(|mut r| r.take())
    }

    /// The waiting dialog; whether it stays open (not when cancelled).
    pub fn ui(&self, ctx: &egui::Context) -> bool {
        let mut keep = true;
        let modal = egui::Modal::new(egui::Id::unique("import-loading")).show(ctx, |ui| {
            ui.heading(format!("Import people from {}", self.label));
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!(
                    "Reading {}… {:.0} s",
                    self.label,
                    self.started.elapsed().as_secs_f32()
                ));
            });
            ui.add_space(6.0);
            if ui.button("Cancel").clicked() {
                keep = false;
            }
        });
        if modal.should_close() {
            keep = false;
        }
        keep
    }
}

/// How many people the preview shows.
const PREVIEW_ROWS: usize = 6;

/// What the user asks for when they press Import.
pub enum Imported {
    /// A new, unsaved document.
    New(Box<Org>),
    /// The open org, re-imported (applied as one undo step).
    Update(Box<Org>),
}

/// What the current mapping gives.
struct Outcome {
    result: Result<(Org, Summary), String>,
    /// "4 errors, 6 warnings, 6 info" for the new org.
    gaps: String,
    /// The open org re-imported (a three-way merge), what that changes by
    /// name and the gap delta; or why it was not done.
    update: Option<Result<Update, String>>,
}

/// The open org re-imported.
struct Update {
    org: Org,
    report: MergeReport,
    /// The gap delta's headline.
    delta: String,
    /// The report's lines but the conflicts, escaped (made once, not per
    /// frame: a large re-import lists thousands).
    lines: Vec<String>,
}

pub struct ImportDialog {
    pub path: PathBuf,
    /// The file name, as errors name it.
    label: String,
    bytes: Vec<u8>,
    sheets: Vec<String>,
    sheet: Option<String>,
    table: Arc<Table>,
    /// Each field's column (index into the headers), as detected and then
    /// as the user set it.
    columns: BTreeMap<Field, Option<usize>>,
    /// The columns as detected: only the user's changes from these are
    /// passed on, so the import's own checks (an `email` column of
    /// logins) still run and are said.
    detected: BTreeMap<Field, Option<usize>>,
    /// The titles no pattern maps, with how many people hold each and the
    /// role the user gave them (the fallback until they choose, or on a
    /// re-import what the last import chose); `None`: skip these people.
    titles: Titles,
    /// The titles the user chose a role for (or to skip) in this dialog.
    picked: std::collections::BTreeSet<String>,
    /// Roles made with "New role…", added to the org where used.
    new_roles: Vec<crate::model::CustomRole>,
    /// "New role…" open: for which title, and the role being made.
    draft: Option<(String, super::role_editor::RoleDraft)>,
    /// Re-import into the open org instead of making a new document.
    pub update_open: bool,
    /// The user's answer to each re-import conflict.
    choices: BTreeMap<(crate::model::PersonId, crate::import::merge::HrField), Choice>,
    /// Re-import although few of the export's people match the open org.
    force: bool,
    today: Date,
    outcome: Option<Outcome>,
    /// The open org's revision the outcome was computed against.
    computed_for: Option<u64>,
    /// The titles need finding again (the columns changed).
    titles_dirty: bool,
    /// Bumped whenever what the import gives may have changed: a result
    /// worked out for an older one is dropped.
    generation: u64,
    /// A large export's import being worked out in the background.
    job: Option<Job>,
}

/// The titles no pattern maps: (title, how many hold it, the role given,
/// `None` when its people are skipped).
type Titles = Vec<(String, usize, Option<RoleId>)>;

/// A background refresh: what it was started for, and its result.
struct Job {
    generation: u64,
    revision: u64,
    result: Arc<Mutex<Option<(Titles, Outcome)>>>,
}

/// What a refresh needs, owned (for a background thread).
struct Inputs {
    table: Arc<Table>,
    label: String,
    columns: Vec<(Field, Option<usize>)>,
    /// The titles as they are (with the roles chosen), and whether they
    /// must be found again first.
    titles: Titles,
    picked: std::collections::BTreeSet<String>,
    new_roles: Vec<crate::model::CustomRole>,
    titles_dirty: bool,
    today: Date,
    update_open: bool,
    force: bool,
    choices: BTreeMap<(crate::model::PersonId, crate::import::merge::HrField), Choice>,
}

impl ImportDialog {
    /// Reads the export; a file that cannot be read is a one-line error.
    pub fn open(path: &Path, today: Date) -> Result<ImportDialog, String> {
        let label = path.file_name().map_or_else(
            || crate::sanitize::path(path),
            |n| crate::sanitize::visible(&n.to_string_lossy()).into_owned(),
        );
        let bytes = crate::io::read_capped(path, crate::import::MAX_EXPORT_BYTES)
            .map_err(|e| format!("{label}: {}", e.message("an export")))?
            .0;
        let sheets = crate::import::table::sheet_names(&bytes, &label);
        let table = crate::import::table::read(&bytes, &label, None).map_err(|e| e.to_string())?;
        let mut d = ImportDialog {
            path: path.to_path_buf(),
            label,
            bytes,
            sheets,
            sheet: None,
            table: Arc::new(table),
            columns: BTreeMap::new(),
            detected: BTreeMap::new(),
            titles: Vec::new(),
            picked: Default::default(),
            new_roles: Vec::new(),
            draft: None,
            update_open: false,
            choices: BTreeMap::new(),
            force: false,
            today,
            outcome: None,
            computed_for: None,
            titles_dirty: false,
            generation: 0,
            job: None,
        };
        d.sheet = d.table.sheet.clone().or_else(|| d.sheets.first().cloned());
        d.detect();
        Ok(d)
    }

    /// Columns as detected, and the titles that need a role.
    fn detect(&mut self) {
        let detected = crate::import::mapping(&self.table, &self.label, &Options::default())
            .unwrap_or_default();
        self.columns = Field::ALL.iter().map(|&f| (f, detected.get(f))).collect();
        self.detected = self.columns.clone();
        self.titles_dirty = true;
        self.invalidate();
    }

    /// The columns the user changed from the detected ones.
    fn changed_columns(&self) -> Vec<(Field, Option<usize>)> {
        self.columns
            .iter()
            .filter(|(f, c)| self.detected.get(f) != Some(c))
            .map(|(f, c)| (*f, *c))
            .collect()
    }

    /// What the import gives may have changed: worked out again.
    fn invalidate(&mut self) {
        self.outcome = None;
        self.generation += 1;
    }

    /// Whether the import is being worked out in the background.
    pub fn working(&self) -> bool {
        self.job.is_some()
    }

    fn inputs(&self) -> Inputs {
        Inputs {
            table: self.table.clone(),
            label: self.label.clone(),
            columns: self.changed_columns(),
            titles: self.titles.clone(),
            picked: self.picked.clone(),
            new_roles: self.new_roles.clone(),
            titles_dirty: self.titles_dirty,
            today: self.today,
            update_open: self.update_open,
            force: self.force,
            choices: self.choices.clone(),
        }
    }

    /// Recomputes what the mapping gives (when something changed, or the
    /// open org did): at once for a small export, in the background for a
    /// large one (`ctx` is woken when it is done).
    fn refresh(&mut self, ctx: &egui::Context, open: &Org, open_revision: u64) {
        if self.outcome.is_some() && self.computed_for == Some(open_revision) {
            return;
        }
        if self.table.len() < BACKGROUND_FROM {
            let (titles, outcome) = work(&self.inputs(), open);
            self.apply(titles, outcome, open_revision);
            return;
        }
        let current = self
            .job
            .as_ref()
            .is_some_and(|j| j.generation == self.generation && j.revision == open_revision);
        if current {
            let done = self
                .job
                .as_ref()
                .and_then(|j| j.result.lock().ok().and_then(|mut r| r.take()));
            if let Some((titles, outcome)) = done {
                self.job = None;
                self.apply(titles, outcome, open_revision);
            }
            return;
        }
        // Started afresh (a stale job's result is dropped when it comes).
        let inputs = self.inputs();
        let open = if self.update_open {
            open.clone()
        } else {
            Org::default()
        };
        let result = Arc::new(Mutex::new(None));
        let slot = result.clone();
        let wake = ctx.clone();
        std::thread::spawn(move || {
            let done = work(&inputs, &open);
            if let Ok(mut s) = slot.lock() {
                *s = Some(done);
            }
            wake.request_repaint();
        });
        self.job = Some(Job {
            generation: self.generation,
            revision: open_revision,
            result,
        });
    }

    fn apply(&mut self, titles: Titles, outcome: Outcome, revision: u64) {
        self.titles = titles;
        self.titles_dirty = false;
        self.outcome = Some(outcome);
        self.computed_for = Some(revision);
    }

    /// The import as it stands, if it succeeds.
    pub fn result(&self) -> Option<Result<&Org, &str>> {
        self.outcome.as_ref().map(|o| match &o.result {
            Ok((org, _)) => Ok(org),
            Err(e) => Err(e.as_str()),
        })
    }

    /// Sets a field's column (as the drop-down does).
    pub fn set_column(&mut self, field: Field, column: Option<usize>) {
        self.columns.insert(field, column);
        self.titles_dirty = true;
        self.invalidate();
    }

    /// Gives a title a role (as its picker does), or `None`: skip the
    /// people who hold it.
    pub fn set_title_role(&mut self, title: &str, role: Option<RoleId>) {
        if let Some(t) = self.titles.iter_mut().find(|(t, _, _)| t == title) {
            t.2 = role;
            self.picked.insert(title.to_string());
            self.invalidate();
        }
    }

    /// Adds a role made with "New role…" and gives it to `title`.
    pub fn add_role(&mut self, title: &str, role: crate::model::CustomRole) {
        let id = role.id.clone();
        self.new_roles.retain(|r| r.id != id);
        self.new_roles.push(role);
        self.set_title_role(title, Some(id));
    }

    pub fn headers(&self) -> &[String] {
        &self.table.headers
    }

    /// The dialog; `Some` when the user pressed Import, and whether it
    /// stays open.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        open: &Org,
        open_revision: u64,
    ) -> (bool, Option<Imported>) {
        self.refresh(ctx, open, open_revision);
        let mut keep = true;
        let mut chosen = None;
        let modal = egui::Modal::new(egui::Id::unique("import-people")).show(ctx, |ui| {
            ui.set_width(720.0_f32.min(ctx.content_rect().width() - 60.0));
            ui.heading(format!("Import people from {}", self.label));
            ui.weak(format!(
                "{} rows, {} columns. Check how the export is read; nothing on disk changes until you save.",
                self.table.len(),
                self.table.headers.len()
            ));
            egui::ScrollArea::vertical()
                .max_height((ctx.content_rect().height() - 220.0).max(200.0))
                .auto_shrink([false, true])
                .show(ui, |ui| self.body(ui));
            ui.separator();
            if self.working() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.weak(format!(
                        "Reading {} with this mapping…",
                        crate::text::count(self.table.len(), "row", "rows")
                    ));
                });
            }
            self.result_line(ui, open);
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let ok = matches!(self.result(), Some(Ok(_)))
                    && (!self.update_open
                        || matches!(self.outcome.as_ref().and_then(|o| o.update.as_ref()), Some(Ok(_))));
                let text = if self.update_open {
                    "Update the open org"
                } else {
                    "Import as a new org"
                };
                if ui
                    .add_enabled(ok, egui::Button::new(RichText::new(text).strong()))
                    .clicked()
                {
                    chosen = self.take();
                    keep = chosen.is_none();
                }
                if ui.button("Cancel").clicked() {
                    keep = false;
                }
            });
        });
        if modal.should_close() {
            keep = false;
        }
        (keep, chosen)
    }

    /// What Import gives.
    pub fn take(&mut self) -> Option<Imported> {
        let o = self.outcome.take()?;
        let (org, _) = o.result.ok()?;
        match (self.update_open, o.update) {
            (true, Some(Ok(u))) => Some(Imported::Update(Box::new(u.org))),
            (true, _) => None,
            _ => Some(Imported::New(Box::new(org))),
        }
    }

    fn body(&mut self, ui: &mut egui::Ui) {
        if self.sheets.len() > 1 {
            ui.horizontal(|ui| {
                ui.label("Sheet");
                let mut picked = None;
                let cb = egui::ComboBox::from_id_salt("import-sheet")
                    .selected_text(self.sheet.clone().unwrap_or_default())
                    .show_ui(ui, |ui| {
                        for s in &self.sheets {
                            if ui
                                .selectable_label(self.sheet.as_ref() == Some(s), s)
                                .clicked()
                            {
                                picked = Some(s.clone());
                            }
                        }
                    });
                name_widget(&cb.response, egui::Role::ComboBox, "Sheet to import");
                if let Some(s) = picked {
                    self.pick_sheet(s);
                }
            });
        }
        ui.label(RichText::new("Columns").strong());
        let mut changed = None;
        egui::Grid::new("import-columns")
            .num_columns(4)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                for pair in Field::ALL.chunks(2) {
                    for &f in pair {
                        ui.label(f.label());
                        let current = self.columns.get(&f).copied().flatten();
                        let text = current
                            .and_then(|c| self.table.headers.get(c))
                            .map_or("— none —".to_string(), |h| {
                                crate::sanitize::visible(h).into_owned()
                            });
                        let cb = egui::ComboBox::from_id_salt(("import-col", f.id()))
                            .selected_text(text)
                            .width(200.0)
                            .show_ui(ui, |ui| {
                                if ui.selectable_label(current.is_none(), "— none —").clicked()
                                {
                                    changed = Some((f, None));
                                }
                                for (i, h) in self.table.headers.iter().enumerate() {
                                    let shown = if h.is_empty() {
                                        format!("(column {})", i + 1)
                                    } else {
                                        crate::sanitize::visible(h).into_owned()
                                    };
                                    if ui.selectable_label(current == Some(i), shown).clicked() {
                                        changed = Some((f, Some(i)));
                                    }
                                }
                            });
                        name_widget(
                            &cb.response,
                            egui::Role::ComboBox,
                            &format!("Column for {}", f.label()),
                        );
                    }
                    ui.end_row();
                }
            });
        if let Some((f, c)) = changed {
            self.set_column(f, c);
        }
        ui.add_space(8.0);
        self.preview(ui);
        if !self.titles.is_empty() {
            ui.add_space(8.0);
            self.titles_ui(ui);
        }
    }

    /// The titles no pattern maps, each with a picker: a role, "Skip these
    /// people" or "New role…" (which opens the role editor below).
    fn titles_ui(&mut self, ui: &mut egui::Ui) {
        ui.label(RichText::new("Titles no built-in pattern maps").strong());
        ui.weak("Choose the role people with each title get, make a new role, or skip them.");
        let mut roles: Vec<crate::model::CustomRole> =
            match self.outcome.as_ref().map(|o| &o.result) {
                Some(Ok((org, _))) => org.roles.clone(),
                _ => Vec::new(),
            };
        for r in &self.new_roles {
            if !roles.iter().any(|x| x.id == r.id) {
                roles.push(r.clone());
            }
        }
        let cat = RoleCatalog::new(&roles);
        let mut set = None;
        let mut new_for = None;
        egui::Grid::new("import-titles")
            .num_columns(2)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                for (k, (title, n, role)) in self.titles.iter().enumerate() {
                    let title_text = crate::sanitize::visible(title);
                    ui.label(format!(
                        "{title_text}  ({n} {})",
                        if *n == 1 { "person" } else { "people" }
                    ));
                    ui.allocate_ui(egui::vec2(260.0, 20.0), |ui| {
                        match title_choice(
                            ui,
                            &format!("import-title-{k}"),
                            &format!("Role for {title_text}"),
                            &cat,
                            role.as_ref(),
                        ) {
                            Some(TitlePick::Role(r)) => set = Some((title.clone(), Some(r))),
                            Some(TitlePick::Skip) => set = Some((title.clone(), None)),
                            Some(TitlePick::New) => new_for = Some(title.clone()),
                            None => {}
                        }
                    });
                    ui.end_row();
                }
            });
        if let Some((t, r)) = set {
            self.set_title_role(&t, r);
        }
        if let Some(t) = new_for {
            let draft = super::role_editor::RoleDraft::new(&t);
            self.draft = Some((t, draft));
        }
        let mut made = None;
        if let Some((title, draft)) = &mut self.draft {
            ui.add_space(6.0);
            let reveal = std::mem::take(&mut draft.reveal);
            let frame = egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "New role for \"{}\"",
                        crate::sanitize::visible(title)
                    ))
                    .strong(),
                );
                let taken = |id: &str| {
                    let canonical = cat.canonical_id(&crate::model::RoleId::new(id));
                    cat.roles()
                        .iter()
                        .any(|r| r.id.as_str().eq_ignore_ascii_case(id) || r.id == canonical)
                };
                if let Some(o) = draft.ui(ui, &taken) {
                    made = Some((title.clone(), o));
                }
            });
            if reveal {
                frame.response.scroll_to_me(Some(egui::Align::Max));
            }
        }
        if let Some((title, o)) = made {
            self.draft = None;
            if let super::role_editor::Outcome::Create(role) = o {
                self.add_role(&title, role);
            }
        }
    }

    fn pick_sheet(&mut self, sheet: String) {
        match crate::import::table::read(&self.bytes, &self.label, Some(&sheet)) {
            Ok(t) => {
                self.table = Arc::new(t);
                self.sheet = Some(sheet);
                self.titles.clear();
                self.detect();
            }
            Err(e) => {
                self.outcome = Some(Outcome {
                    result: Err(e.to_string()),
                    gaps: String::new(),
                    update: None,
                })
            }
        }
    }

    /// The first people as they will be read.
    fn preview(&self, ui: &mut egui::Ui) {
        ui.label(RichText::new("First people as they will be read").strong());
        let Some(Outcome {
            result: Ok((org, _)),
            ..
        }) = &self.outcome
        else {
            ui.weak(if self.working() {
                "(reading…)"
            } else {
                "(fix the columns to see them)"
            });
            return;
        };
        let title_col = self.columns.get(&Field::Title).copied().flatten();
        let mut team_of: BTreeMap<&str, &str> = BTreeMap::new();
        for t in &org.teams {
            for m in &t.members {
                team_of.entry(m.person.as_str()).or_insert(t.name.as_str());
            }
        }
        egui::Grid::new("import-preview")
            .striped(true)
            .num_columns(5)
            .spacing([12.0, 2.0])
            .show(ui, |ui| {
                for h in ["Name", "Title", "Role", "Manager", "Team"] {
                    ui.label(RichText::new(h).weak());
                }
                ui.end_row();
                for (i, p) in org.people.iter().take(PREVIEW_ROWS).enumerate() {
                    let title = if i < self.table.len() {
                        self.table.cell(i, title_col)
                    } else {
                        ""
                    };
                    ui.label(crate::sanitize::visible(&p.name));
                    ui.label(crate::sanitize::visible(title));
                    ui.label(p.role.as_str());
                    ui.label(
                        p.manager
                            .as_ref()
                            .and_then(|m| org.person(m))
                            .map_or("—".to_string(), |m| {
                                crate::sanitize::visible(&m.name).into_owned()
                            }),
                    );
                    ui.label(team_of.get(p.id.as_str()).map_or("—".to_string(), |t| {
                        crate::sanitize::visible(t).into_owned()
                    }));
                    ui.end_row();
                }
            });
    }

    /// Counts, gaps, or the error; and the update-the-open-org choice.
    fn result_line(&mut self, ui: &mut egui::Ui, open: &Org) {
        let mut force_toggle = false;
        let mut dirty = false;
        let outcome = self.outcome.take();
        match outcome.as_ref().map(|o| (&o.result, &o.gaps, &o.update)) {
            Some((Ok((_, s)), gaps, update)) => {
                for w in &s.warnings {
                    ui.label(
                        RichText::new(format!("Warning: {}", crate::sanitize::visible(w)))
                            .color(ui.visuals().warn_fg_color),
                    );
                }
                ui.label(
                    RichText::new(format!(
                        "{} people, {} teams, {} at the top of the reporting tree (managers matched by {})",
                        s.people, s.teams, s.roots, s.manager_kind
                    ))
                    .strong(),
                );
                if !s.columns.is_empty() {
                    let cols: Vec<String> = s
                        .columns
                        .iter()
                        .map(|(f, c)| format!("{f} ← {}", crate::sanitize::visible(c)))
                        .collect();
                    ui.weak(format!("Read: {}", cols.join(" · ")));
                }
                ui.label(format!("Gaps in the imported org: {gaps}"));
                match update {
                    Some(Ok(u)) => {
                        ui.label(
                            RichText::new(format!(
                                "Updating {}: {}",
                                open.name,
                                u.report.headline()
                            ))
                            .strong(),
                        );
                        dirty |= self.merge_preview(ui, u);
                        ui.label(format!("Gap delta: {}", u.delta));
                    }
                    Some(Err(e)) => {
                        ui.label(RichText::new(e.as_str()).color(ui.visuals().error_fg_color));
                        if e.contains("match people of the org") {
                            force_toggle = true;
                        }
                    }
                    None => {}
                }
            }
            Some((Err(e), _, _)) => {
                ui.label(RichText::new(e.as_str()).color(ui.visuals().error_fg_color));
            }
            None => {}
        }
        self.outcome = outcome;
        if dirty {
            self.invalidate();
        }
        if force_toggle
            && ui
                .checkbox(&mut self.force, "Re-import it anyway")
                .changed()
        {
            self.invalidate();
        }
        let before = self.update_open;
        ui.checkbox(
            &mut self.update_open,
            format!(
                "Update the open org ({}) instead: HR's fields change, the plan is kept, leavers leave, new hires join",
                open.name
            ),
        );
        if before != self.update_open {
            // What the last import chose for each title now applies (or
            // no longer does).
            self.titles_dirty = true;
            self.invalidate();
        }
    }

    /// Every change the re-import makes, by name, and a choice for each
    /// conflict (keep the plan / take HR).
    fn merge_preview(&mut self, ui: &mut egui::Ui, u: &Update) -> bool {
        let mut changed = false;
        let conflicts = &u.report.conflicts;
        // The conflicts first (they want a decision): a heading and one row
        // each; then one row a line. Only the rows in view are laid out.
        let heading = usize::from(!conflicts.is_empty());
        let top = heading + conflicts.len();
        let rows = top + u.lines.len();
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt("import-merge-preview")
            .max_height(180.0)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, rows, |ui, range| {
                for r in range {
                    if r >= top {
                        ui.label(u.lines[r - top].as_str());
                        continue;
                    }
                    if r < heading {
                        ui.label(
                            RichText::new(format!(
                                "Conflicts: HR and the plan both changed these ({}); choose for each",
                                conflicts.len()
                            ))
                            .strong(),
                        );
                        continue;
                    }
                    let k = r - heading;
                    let c = &conflicts[k];
                    ui.horizontal(|ui| {
                        // The choice first, so a long line never pushes it
                        // out of the dialog.
                        let mut take = c.kept == Choice::TakeHr;
                        let before = take;
                        ui.push_id(("conflict", k), |ui| {
                            ui.radio_value(&mut take, false, "Keep the plan");
                            ui.radio_value(&mut take, true, "Take HR");
                        });
                        ui.add(
                            egui::Label::new(crate::sanitize::visible(&c.text())).truncate(),
                        );
                        if take != before {
                            let choice = if take {
                                Choice::TakeHr
                            } else {
                                Choice::KeepPlan
                            };
                            self.choices.insert((c.person.clone(), c.field), choice);
                            changed = true;
                        }
                    });
                }
            });
        changed
    }
}

/// The titles the built-in table does not map for `columns`, each with how
/// many hold it and its role: the one the user chose in the dialog
/// (`picked`), else what the last import chose (`remembered`, on a
/// re-import: a role or skip), else the fallback.
fn unmapped_titles(
    table: &Table,
    label: &str,
    columns: Vec<(Field, Option<usize>)>,
    before: &Titles,
    picked: &std::collections::BTreeSet<String>,
    remembered: Option<&crate::model::ImportRecord>,
) -> Titles {
    let opts = Options {
        columns,
        ..Options::default()
    };
    let chosen: BTreeMap<&str, &Option<RoleId>> = before
        .iter()
        .filter(|(t, _, _)| picked.contains(t))
        .map(|(t, _, r)| (t.as_str(), r))
        .collect();
    match crate::import::import(table, label, &opts) {
        Ok((_, s)) => s
            .unmapped
            .iter()
            .map(|(t, n)| {
                let role = match chosen.get(t.as_str()) {
                    Some(r) => (*r).clone(),
                    None => match remembered {
                        Some(rec) if rec.skipped.contains(t) => None,
                        Some(rec) if rec.titles.contains_key(t) => rec.titles.get(t).cloned(),
                        _ => Some(s.fallback.clone()),
                    },
                };
                (t.clone(), *n, role)
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// What the mapping gives: the titles (found again when the columns
/// changed) and the import with its gaps, and the open org re-imported
/// when that is asked for.
fn work(i: &Inputs, open: &Org) -> (Titles, Outcome) {
    let titles = if i.titles_dirty {
        let remembered = i.update_open.then_some(open.imported.as_deref()).flatten();
        unmapped_titles(
            &i.table,
            &i.label,
            i.columns.clone(),
            &i.titles,
            &i.picked,
            remembered,
        )
    } else {
        i.titles.clone()
    };
    let opts = Options {
        columns: i.columns.clone(),
        title_roles: titles
            .iter()
            .filter_map(|(t, _, r)| Some((t.clone(), r.clone()?)))
            .collect(),
        skip_titles: titles
            .iter()
            .filter(|(_, _, r)| r.is_none())
            .map(|(t, _, _)| t.clone())
            .collect(),
        today: Some(i.today),
        ..Options::default()
    };
    let mut opts = if i.update_open {
        opts.for_reimport_into(open)
    } else {
        opts
    };
    for r in &i.new_roles {
        if !opts.org_roles.iter().any(|x| x.id == r.id) {
            opts.org_roles.push(r.clone());
        }
    }
    let result = crate::import::import(&i.table, &i.label, &opts).map_err(|e| e.to_string());
    let (gaps, update) = match &result {
        Ok((org, _)) => {
            let checked = crate::rules::check(org, i.today).summary();
            let gaps = crate::report::summary_line(&checked);
            let update = i.update_open.then(|| {
                let mo = MergeOptions {
                    force: i.force,
                    choices: i.choices.clone(),
                    ..MergeOptions::default()
                };
                crate::import::reimport(open, org, &mo)
                    .map(|m| Update {
                        delta: crate::diff::Diff::gaps_only(open, &m.org, i.today).headline(),
                        lines: m
                            .report
                            .lines_with(false)
                            .iter()
                            .map(|l| crate::sanitize::visible(l).into_owned())
                            .collect(),
                        org: m.org,
                        report: m.report,
                    })
                    .map_err(|e| e.to_string())
            });
            (gaps, update)
        }
        Err(_) => (String::new(), None),
    };
    (
        titles,
        Outcome {
            result,
            gaps,
            update,
        },
    )
}

/// What a title's picker chose.
enum TitlePick {
    Role(RoleId),
    Skip,
    New,
}

/// A title's picker: every role, then "Skip these people" and "New
/// role…".
fn title_choice(
    ui: &mut egui::Ui,
    id: &str,
    name: &str,
    cat: &RoleCatalog,
    value: Option<&RoleId>,
) -> Option<TitlePick> {
    let mut picked = None;
    let shown = match value {
        None => "Skip these people".to_string(),
        Some(v) => cat
            .get(v)
            .map_or(v.to_string(), |r| format!("{} — {}", r.abbrev, r.name)),
    };
    let r = egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .width(ui.available_width() - 8.0)
        // Every role in view at once (the built-in ones and a few more).
        .height(520.0)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(value.is_none(), "Skip these people")
                .on_hover_text(
                    "Leave them out of the org; their reports report to the next manager up",
                )
                .clicked()
            {
                picked = Some(TitlePick::Skip);
            }
            if ui.selectable_label(false, "New role…").clicked() {
                picked = Some(TitlePick::New);
            }
            ui.separator();
            for r in cat.roles() {
                if ui
                    .selectable_label(Some(&r.id) == value, format!("{} — {}", r.abbrev, r.name))
                    .clicked()
                {
                    picked = Some(TitlePick::Role(r.id.clone()));
                }
            }
        });
    name_widget(&r.response, egui::Role::ComboBox, name);
    picked
}
