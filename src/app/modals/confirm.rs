//! Questions before something happens, and errors after: unsaved changes,
//! a role change, a file changed on disk, a file to replace, autosaved work
//! to restore.

use super::{Choice, Env, centered};
use crate::app::command::{Action, Command};
use crate::app::files::DialogPurpose;
use crate::catalog::RoleCatalog;
use crate::edit::Edit;
use crate::model::{Org, PersonId, RoleId};
use egui::RichText;
use std::path::PathBuf;

/// Save / Discard / Cancel before `then`.
pub struct Unsaved {
    pub then: Action,
}

impl Unsaved {
    pub fn ui(&mut self, ctx: &egui::Context, env: &Env, choices: &mut Vec<Choice>) -> bool {
        centered(ctx, "unsaved", true, |ui| {
            ui.heading("Save changes?");
            ui.label(format!(
                "{} has unsaved changes. Save them before you go on?",
                env.org.name
            ));
            ui.add_space(8.0);
            let mut keep = true;
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    keep = false;
                    choices.push(Choice::SaveThen(self.then.clone()));
                }
                if ui.button("Discard").clicked() {
                    keep = false;
                    choices.push(Choice::DiscardThen(self.then.clone()));
                }
                if ui.button("Cancel").clicked() {
                    keep = false;
                }
            });
            keep
        })
    }
}

/// A role chip dropped on a person: change their role?
pub struct ConfirmRole {
    pub person: PersonId,
    pub role: RoleId,
}

impl ConfirmRole {
    pub fn ui(&mut self, ctx: &egui::Context, env: &Env, choices: &mut Vec<Choice>) -> bool {
        let cat = RoleCatalog::new(&env.org.roles);
        let p = env.org.person(&self.person);
        let name = p.map_or(self.person.to_string(), |p| p.name.to_string());
        let from = p.map_or(String::new(), |p| cat.abbrev(&p.role).to_string());
        centered(ctx, "confirm-role", true, |ui| {
            ui.heading("Change role?");
            ui.label(format!(
                "Change {name}'s role from {from} to {}?",
                cat.abbrev(&self.role)
            ));
            let mut keep = true;
            ui.horizontal(|ui| {
                if ui.button("Change role").clicked() {
                    choices.push(Choice::Edit(Edit::SetPersonRole {
                        person: self.person.clone(),
                        role: self.role.clone(),
                    }));
                    keep = false;
                }
                if ui.button("Cancel").clicked() {
                    keep = false;
                }
            });
            keep
        })
    }
}

/// Something could not be done; nothing was changed.
pub struct ErrorDialog {
    pub title: String,
    pub message: String,
}

impl ErrorDialog {
    pub fn ui(&mut self, ctx: &egui::Context) -> bool {
        centered(ctx, "error", true, |ui| {
            ui.heading(self.title.as_str());
            ui.label(RichText::new(self.message.as_str()).monospace());
            ui.weak("Nothing was changed.");
            !ui.button("OK").clicked()
        })
    }
}

/// Autosaved work from a session that did not close cleanly. It cannot be
/// dismissed without a choice.
pub struct RecoveryDialog {
    pub org: Box<Org>,
    pub path: Option<PathBuf>,
    pub saved: String,
}

impl RecoveryDialog {
    pub fn ui(&mut self, ctx: &egui::Context, choices: &mut Vec<Choice>) -> bool {
        centered(ctx, "recovery", false, |ui| {
            ui.heading("Restore unsaved work?");
            ui.label(format!(
                "orgplan did not close cleanly last time. Autosaved work from {} is available: \"{}\"{}.",
                self.saved,
                self.org.name,
                self.path
                    .as_ref()
                    .map_or(String::new(), |p| format!(" ({})", crate::sanitize::path(p)))
            ));
            let mut keep = true;
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    choices.push(Choice::Restore {
                        org: self.org.clone(),
                        path: self.path.clone(),
                    });
                    keep = false;
                }
                if ui.button("Discard it").clicked() {
                    choices.push(Choice::DiscardRecovery);
                    keep = false;
                }
            });
            keep
        })
    }
}

/// The open file changed on disk since it was opened or saved here.
pub struct ChangedOnDisk {
    pub path: PathBuf,
}

impl ChangedOnDisk {
    pub fn ui(&mut self, ctx: &egui::Context, choices: &mut Vec<Choice>) -> bool {
        let name = crate::sanitize::path(&self.path);
        centered(ctx, "changed-on-disk", true, |ui| {
            ui.heading("The file changed on disk");
            ui.label(format!(
                "{name} was changed by another program since you opened or saved it here. Overwrite it with your version, save yours under another name, or cancel?"
            ));
            ui.add_space(8.0);
            let mut keep = true;
            ui.horizontal(|ui| {
                if ui.button("Overwrite").clicked() {
                    keep = false;
                    choices.push(Choice::Overwrite(self.path.clone()));
                }
                if ui.button("Save As…").clicked() {
                    keep = false;
                    choices.push(Choice::Act(Action::Run(Command::SaveAs)));
                }
                if ui.button("Cancel").clicked() {
                    keep = false;
                    choices.push(Choice::CancelSave);
                }
            });
            keep
        })
    }
}

/// Saving would replace an existing file: ask first.
pub struct ConfirmReplace {
    pub purpose: DialogPurpose,
    pub path: PathBuf,
}

impl ConfirmReplace {
    pub fn ui(&mut self, ctx: &egui::Context, choices: &mut Vec<Choice>) -> bool {
        let path = &self.path;
        let name = path.file_name().map_or_else(
            || crate::sanitize::path(path),
            |n| crate::sanitize::visible(&n.to_string_lossy()).into_owned(),
        );
        centered(ctx, "confirm-replace", true, |ui| {
            ui.heading(format!("Replace {name}?"));
            ui.label(format!(
                "A file named {name} already exists in {}. Replacing it overwrites what it holds.",
                path.parent()
                    .map_or_else(String::new, crate::sanitize::path)
            ));
            ui.add_space(8.0);
            let mut keep = true;
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    keep = false;
                    choices.push(Choice::Chosen(self.purpose, path.clone(), true));
                }
                // Not replacing it means another name: back to the picker
                // (which can itself be cancelled).
                if ui
                    .button("Cancel")
                    .on_hover_text("Choose another name")
                    .clicked()
                {
                    keep = false;
                    choices.push(Choice::PickAgain(self.purpose, path.clone()));
                }
            });
            keep
        })
    }
}

/// The open file changed on disk while there are unsaved edits here.
pub struct ReloadChanged {
    pub path: PathBuf,
}

impl ReloadChanged {
    pub fn ui(&mut self, ctx: &egui::Context, choices: &mut Vec<Choice>) -> bool {
        let name = crate::sanitize::path(&self.path);
        centered(ctx, "reload-changed", true, |ui| {
            ui.heading("The file changed on disk");
            ui.label(format!(
                "{name} was changed by another program (an editor, git) while you have unsaved changes here. Reload it and lose your changes, keep yours (saving then asks before overwriting), or compare yours with it?"
            ));
            ui.add_space(8.0);
            let mut keep = true;
            ui.horizontal(|ui| {
                if ui.button("Reload").clicked() {
                    keep = false;
                    choices.push(Choice::Reload(self.path.clone()));
                }
                if ui.button("Keep mine").clicked() {
                    keep = false;
                }
                if ui.button("Compare").clicked() {
                    keep = false;
                    choices.push(Choice::CompareWith(self.path.clone()));
                }
            });
            keep
        })
    }
}
