//! Plan → Suggest fixes…: a window with the level to fix, the kinds of
//! change allowed and their costs, Run (off the UI thread, with progress
//! and Cancel: the best plan found so far stays), the actions with a
//! checkbox each and what each closes, and Open as proposal, which applies
//! the checked actions as one undo step and compares with the original.

use super::Commands;
use super::command::Action;
use super::widgets::name_widget;
use crate::catalog::Severity;
use crate::model::Org;
use crate::suggest::solve::{self, Progress, Solution};
use crate::suggest::{Kind, Options, render, search};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

/// A run on its worker thread.
struct Running {
    cancel: Arc<AtomicBool>,
    progress: Arc<Mutex<Option<Progress>>>,
    result: mpsc::Receiver<Solution>,
    started: std::time::Instant,
}

/// A finished run: the org it solved (to notice later edits), the plan,
/// its lines and which actions are checked.
struct Done {
    org: Org,
    revision: u64,
    options: Options,
    solution: Solution,
    headline: String,
    lines: Vec<String>,
    checked: Vec<bool>,
    cancelled: bool,
}

pub struct SuggestPanel {
    pub open: bool,
    fix: Severity,
    allow: [bool; 6],
    costs: [u32; 6],
    initiative_allocation: u32,
    pub time_limit: f64,
    running: Option<Running>,
    done: Option<Done>,
    /// The org, revision and options of the run under way.
    pending: Option<(Org, u64, Options)>,
    /// Why Open as proposal did nothing (the org changed since the run).
    stale: bool,
}

impl Default for SuggestPanel {
    fn default() -> Self {
        let o = Options::new(crate::model::Date::today());
        SuggestPanel {
            open: false,
            fix: o.fix,
            allow: Kind::ALL.map(|k| o.allows(k)),
            costs: o.costs,
            initiative_allocation: o.initiative_allocation,
            time_limit: 10.0,
            running: None,
            done: None,
            pending: None,
            stale: false,
        }
    }
}

impl SuggestPanel {
    /// Whether a run is under way.
    pub fn running(&self) -> bool {
        self.running.is_some()
    }

    fn options(&self, today: crate::model::Date) -> Options {
        let mut o = Options::new(today);
        o.fix = self.fix;
        o.allow = Kind::ALL
            .into_iter()
            .filter(|k| self.allow[*k as usize])
            .collect();
        o.costs = self.costs;
        o.initiative_allocation = self.initiative_allocation;
        o
    }

    /// Starts a run on `org` on a worker thread.
    pub fn run(
        &mut self,
        ctx: &egui::Context,
        org: &Org,
        revision: u64,
        today: crate::model::Date,
    ) {
        self.cancel();
        let opts = self.options(today);
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(Mutex::new(None));
        let (tx, rx) = mpsc::channel();
        let snapshot = org.clone();
        let org = org.clone();
        let limit = std::time::Duration::from_secs_f64(self.time_limit);
        let (c, p, repaint) = (cancel.clone(), progress.clone(), ctx.clone());
        let spawned = std::thread::Builder::new()
            .name("suggest".into())
            .spawn(move || {
                let budget = search::Budget {
                    deadline: std::time::Instant::now() + limit,
                    cancel: Some(&c),
                };
                let s = solve::solve(&org, &opts, &budget, &mut |x| {
                    if let Ok(mut g) = p.lock() {
                        *g = Some(x);
                    }
                    repaint.request_repaint();
                });
                let _ = tx.send(s);
                repaint.request_repaint();
            });
        if spawned.is_ok() {
            self.running = Some(Running {
                cancel,
                progress,
                result: rx,
                started: std::time::Instant::now(),
            });
            self.pending = Some((snapshot, revision, self.options(today)));
        }
        self.stale = false;
    }

    /// Forgets the run and its result (another org was opened): a run
    /// under way is cancelled and its result dropped when it arrives.
    pub fn forget(&mut self) {
        self.cancel();
        self.running = None;
        self.done = None;
        self.pending = None;
        self.stale = false;
    }

    /// Stops a run; the best plan so far arrives as its result.
    pub fn cancel(&mut self) {
        if let Some(r) = &self.running {
            r.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Takes a finished run's result.
    fn poll(&mut self) {
        let Some(r) = &self.running else {
            return;
        };
        let Ok(solution) = r.result.try_recv() else {
            return;
        };
        let cancelled = r.cancel.load(Ordering::Relaxed);
        self.running = None;
        let Some((org, revision, options)) = self.pending.take() else {
            return;
        };
        let headline = render::headline(&solution, &options);
        let lines = render::action_lines(&org, &solution);
        let checked = vec![true; solution.steps.len()];
        self.done = Some(Done {
            org,
            revision,
            options,
            solution,
            headline,
            lines,
            checked,
            cancelled,
        });
    }
}

impl SuggestPanel {
    /// The window. `org` and `revision` are the document's now: a plan
    /// opens as a proposal only on the org it was made for.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        org: &Org,
        revision: u64,
        today: crate::model::Date,
        out: &mut Commands,
    ) {
        if !self.open {
            return;
        }
        self.poll();
        let mut open = true;
        egui::Window::new("Suggest fixes")
            .id(egui::Id::unique("suggest-window"))
            .open(&mut open)
            .default_pos(egui::pos2(270.0, 70.0))
            .default_width(520.0)
            .default_height(520.0)
            .resizable(true)
            .collapsible(false)
            .show(ctx, |ui| {
                self.settings_ui(ui);
                ui.separator();
                self.run_ui(ui, ctx, org, revision, today);
                ui.separator();
                self.result_ui(ui, org, revision, out);
            });
        if !open {
            self.cancel();
            self.open = false;
        }
        if self.running.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn settings_ui(&mut self, ui: &mut egui::Ui) {
        let idle = self.running.is_none();
        ui.add_enabled_ui(idle, |ui| {
            ui.horizontal(|ui| {
                ui.label("Fix");
                ui.radio_value(&mut self.fix, Severity::Error, "errors");
                ui.radio_value(&mut self.fix, Severity::Warning, "errors and warnings");
            });
            egui::Grid::new("suggest-kinds")
                .num_columns(3)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for k in Kind::ALL {
                        let i = k as usize;
                        let r = ui.checkbox(&mut self.allow[i], kind_text(k));
                        name_widget(&r, egui::Role::CheckBox, kind_text(k));
                        ui.label("cost");
                        let c = ui.add(egui::DragValue::new(&mut self.costs[i]).range(0..=1000));
                        name_widget(&c, egui::Role::SpinButton, &format!("{} cost", k.id()));
                        ui.end_row();
                    }
                });
            ui.horizontal(|ui| {
                ui.label("Assign to initiatives at");
                let r = ui.add(
                    egui::DragValue::new(&mut self.initiative_allocation)
                        .range(1..=100)
                        .suffix("%"),
                );
                name_widget(&r, egui::Role::SpinButton, "initiative allocation");
                ui.label("Time limit");
                let r = ui.add(
                    egui::DragValue::new(&mut self.time_limit)
                        .range(0.5..=600.0)
                        .speed(0.5)
                        .suffix(" s"),
                );
                name_widget(&r, egui::Role::SpinButton, "time limit");
            });
        });
    }

    fn run_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &egui::Context,
        org: &Org,
        revision: u64,
        today: crate::model::Date,
    ) {
        ui.horizontal(|ui| match &self.running {
            None => {
                let any = self.allow.iter().any(|&a| a);
                if ui
                    .add_enabled(any, egui::Button::new("Run"))
                    .on_hover_text("Search for the fewest changes that close the gaps")
                    .clicked()
                {
                    self.run(ctx, org, revision, today);
                }
                if !any {
                    ui.weak("Allow at least one kind of change.");
                }
            }
            Some(r) => {
                let cancel = ui
                    .button("Cancel")
                    .on_hover_text("Stop and keep the best plan found so far");
                ui.spinner();
                let p = r.progress.lock().ok().and_then(|g| *g);
                let what = match p {
                    Some(p) if p.proving => format!("Proving: {} of {} parts", p.done, p.total),
                    Some(p) => format!("Improving: {} of {} parts", p.done, p.total),
                    None => "Looking for changes…".to_string(),
                };
                ui.label(format!(
                    "{what} ({:.0} s)",
                    r.started.elapsed().as_secs_f64()
                ));
                if cancel.clicked() {
                    self.cancel();
                }
            }
        });
    }

    fn result_ui(&mut self, ui: &mut egui::Ui, org: &Org, revision: u64, out: &mut Commands) {
        let Some(d) = &mut self.done else {
            ui.weak("Run to see the changes that close the gaps, cheapest first.");
            return;
        };
        ui.label(egui::RichText::new(&d.headline).strong());
        if d.cancelled {
            ui.weak("Cancelled: this is the best plan found before Cancel.");
        }
        egui::ScrollArea::vertical()
            .id_salt("suggest-actions")
            .max_height(ui.available_height() - 60.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (line, c) in d.lines.iter().zip(d.checked.iter_mut()) {
                    let r = ui.checkbox(c, line);
                    name_widget(&r, egui::Role::CheckBox, line);
                }
                for (t, why) in &d.solution.left {
                    ui.weak(format!("Left: {} on {} ({why})", t.rule.code, t.subject));
                }
            });
        let n = d.checked.iter().filter(|&&c| c).count();
        ui.horizontal(|ui| {
            let r = ui
                .add_enabled(n > 0, egui::Button::new("Open as proposal"))
                .on_hover_text(
                    "Apply the checked changes (one undo step) and compare with the org as it was",
                );
            if r.clicked() {
                if revision == d.revision && *org == d.org {
                    let steps: Vec<&solve::Step> = d
                        .solution
                        .steps
                        .iter()
                        .zip(&d.checked)
                        .filter(|(_, c)| **c)
                        .map(|(s, _)| s)
                        .collect();
                    match solve::proposal_of(&d.org, &steps) {
                        Some(p) => {
                            out.actions.push(Action::OpenProposal {
                                org: Box::new(p),
                                changes: steps.len(),
                            });
                            // Out of the way of the Changes tab; the plan
                            // stays for when it is opened again.
                            self.open = false;
                        }
                        None => self.stale = true,
                    }
                } else {
                    self.stale = true;
                }
            }
            ui.label(format!("{n} of {} checked", d.checked.len()));
        });
        if self.stale {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "The org changed since this run (or the checked changes depend on unchecked ones): run again.",
            );
        }
        let _ = &d.options;
    }
}

/// What the checkbox of a kind says.
fn kind_text(k: Kind) -> &'static str {
    match k {
        Kind::Hire => "Hire (open a seat)",
        Kind::Move => "Move someone between teams",
        Kind::Share => "Share someone's free time with a team",
        Kind::Assign => "Assign someone to an initiative",
        Kind::Trim => "Trim an over-allocation",
        Kind::Hat => "Give someone an extra hat",
    }
}
