//! Carrying out what the UI pass asked for: commands (menus, shortcuts,
//! buttons), actions with data, edits, dialog choices.

use super::*;

impl OrgApp {
    pub(super) fn run_action(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Run(c) => self.run_command(ctx, c),
            Action::OpenImported(org) => {
                if self.guard_unsaved(Action::OpenImported(org.clone())) {
                    let n = org.people.len();
                    let name = org.name.clone();
                    self.replace_document(Document::new_dirty(*org, None));
                    self.notify(
                        ctx,
                        format!(
                            "Imported {} as {name} (not saved yet)",
                            crate::text::count(n, "person", "people")
                        ),
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
            Action::OpenProposal { org, changes: n } => {
                let base = self.doc.org().clone();
                let label = format!("{} (before suggestions)", self.doc.file_name());
                let seats = |o: &crate::model::Org| {
                    o.teams.iter().map(|t| t.open_seats.len()).sum::<usize>()
                        + o.initiatives
                            .iter()
                            .map(|i| i.open_seats.len())
                            .sum::<usize>()
                };
                let hires = seats(&org) > seats(&base);
                if self.apply(ctx, Edit::ReplaceOrg(org)) {
                    self.doc.compare_with(Some((label, base)));
                    self.tab = Tab::Changes;
                    // The plan was judged with its new seats filled: show
                    // it that way (View → Count open seats as filled).
                    if hires && !self.doc.as_planned() {
                        self.doc.set_as_planned(true);
                    }
                    let what = crate::text::count(n, "suggested change", "suggested changes");
                    let msg = if hires {
                        format!("Applied {what} (one undo step); open seats counted as filled")
                    } else {
                        format!("Applied {what} (one undo step)")
                    };
                    self.notify(ctx, msg, false);
                }
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
    /// Plan → Save as proposal…: the org as it is becomes the base. An
    /// unsaved org is saved first, since the proposal is compared with that
    /// file and reopens compared with it (issue 20.2).
    fn save_as_proposal(&mut self, ctx: &egui::Context) {
        if self.doc.path.is_none() {
            self.notify(
                ctx,
                "First save the org as it is: the proposal will be compared with that file",
                false,
            );
            self.life.after_save(Action::Run(Command::SaveAsProposal));
            self.run_action(ctx, Action::Run(Command::SaveAs));
            return;
        }
        let stem = self.doc.file_name();
        let stem = stem.trim_end_matches(".org.ron").trim_end_matches(".ron");
        let name = format!("{}-proposal.org.ron", crate::model::slugify(stem));
        self.pick(DialogPurpose::SaveAsProposal, &name);
    }

    pub(super) fn run_command(&mut self, ctx: &egui::Context, command: Command) {
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
            Command::SaveAsProposal => self.save_as_proposal(ctx),
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
                    self.life.quit();
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
            Command::ArrangeByGroup => self.arrange_by_group(ctx),
            Command::ToggleTheme => {
                self.settings.dark = !self.settings.dark;
                theme::apply(ctx, self.settings.dark);
            }
            Command::ToggleAsPlanned => {
                let on = !self.doc.as_planned();
                self.doc.set_as_planned(on);
            }
            Command::ToggleRisk => {
                self.settings.show_risk = !self.settings.show_risk;
                self.doc.set_risk(self.settings.show_risk);
            }
            Command::SuggestFixes => self.suggest.open = true,
            Command::EditRoles => {
                self.modal = Some(Modal::Roles(modals::RolesEditor::default()));
            }
            Command::EditRules => {
                self.modal = Some(Modal::Rules(modals::RulesEditor::default()));
            }
            Command::Shortcuts => self.modal = Some(Modal::Shortcuts(modals::Shortcuts)),
            Command::RulesReference => {
                self.modal = Some(Modal::RulesReference(modals::RulesReference {
                    code: "C001",
                }))
            }
            Command::Find => self.find.open(),
            Command::AddPerson => self.add_person(ctx),
            Command::AddTeam => self.add_team(ctx),
            Command::AddInitiative => self.add_initiative(ctx),
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

    /// Arranges every card by group in one undoable step, then fits the view.
    fn arrange_by_group(&mut self, ctx: &egui::Context) {
        let places = crate::groups::arrange_org(self.doc.org())
            .into_iter()
            .map(|(card, p)| (card, Some(p)))
            .collect();
        if self.apply(ctx, Edit::SetPositions(places)) {
            self.canvas.request_fit();
        }
    }

    /// Adds a new person and selects them, Name focused.
    fn add_person(&mut self, ctx: &egui::Context) {
        let org = self.doc.org();
        let id = crate::edit::fresh_id("new-person", |s| org.person(&PersonId::new(s)).is_some());
        let person = crate::model::Person::new(id.clone(), "New person", "Engineer");
        if self.apply(ctx, Edit::AddPerson(person)) {
            self.select_new(Selection::Person(PersonId::new(id), None));
        }
    }

    /// Adds a new team in view and selects it, Name focused.
    fn add_team(&mut self, ctx: &egui::Context) {
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

    /// Adds a new initiative in view and selects it, Name focused.
    fn add_initiative(&mut self, ctx: &egui::Context) {
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

    /// Selects a new item and puts the cursor in its Name field.
    pub(super) fn select_new(&mut self, sel: Selection) {
        self.multi.clear();
        self.selection = Some(sel);
        self.inspector.focus_name();
    }

    /// Applies an edit now; a refusal goes to the status bar.
    pub(super) fn apply(&mut self, ctx: &egui::Context, e: Edit) -> bool {
        match self.doc.apply(e) {
            Ok(()) => true,
            Err(msg) => {
                self.notify(ctx, msg.to_string(), true);
                false
            }
        }
    }

    pub(super) fn delete_selection(&mut self) {
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

    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() {
            super::widgets::dialog_select_all(ctx);
            return;
        }
        super::widgets::forget_select_all(ctx);
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
            && !egui::Popup::is_any_open(ctx)
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.queued.actions.push(Action::Select(None));
        }
    }

    /// Applies queued edits and actions (after the UI pass).
    pub(super) fn flush(&mut self, ctx: &egui::Context, mut out: Commands) {
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
        self.prune_selection();
    }

    /// A selection whose subject no longer exists goes away.
    pub(super) fn prune_selection(&mut self) {
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

    pub(super) fn handle_choice(&mut self, ctx: &egui::Context, c: Choice) {
        match c {
            Choice::Act(a) => self.run_action(ctx, a),
            Choice::DiscardThen(a) => {
                self.life.discard_chosen();
                self.run_action(ctx, a);
            }
            Choice::SaveThen(then) => match self.doc.path.clone() {
                Some(p) => {
                    self.life.after_save(then);
                    self.save_to(ctx, p);
                }
                None => {
                    self.life.after_save(then);
                    self.run_action(ctx, Action::Run(Command::SaveAs));
                }
            },
            Choice::Edit(e) => {
                self.apply(ctx, e);
            }
            Choice::Restore { org, path } => {
                self.replace_document(Document::new_dirty(*org, path));
                self.compare_with_remembered_base(ctx);
            }
            Choice::DiscardRecovery => self.life.clear_recovery(),
            Choice::Overwrite(path) => {
                self.save_to_checked(ctx, path, false);
            }
            Choice::Chosen(purpose, path, confirmed) => {
                self.file_chosen(ctx, purpose, path, confirmed)
            }
            Choice::CancelSave => self.life.save_abandoned(),
            Choice::PickAgain(purpose, path) => {
                let name = path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                self.files.pick(purpose, Some(&path), &name);
            }
            Choice::Reload(path) => self.reload_from_disk(ctx, path),
            Choice::CompareWith(path) => {
                let label = format!("{} (on disk)", self.doc.file_name());
                self.compare_with_file(&path, label, "Could not read the file on disk");
                if self.doc.comparing().is_some() {
                    self.tab = Tab::Changes;
                }
            }
        }
    }
}
