//! Dialogs over the app, one struct each with its `ui`. A dialog draws
//! itself and reports what the user chose as [`Choice`]s; the app carries
//! them out. Nothing here changes the document.

mod confirm;
mod help;
mod roles;
mod rules_editor;
mod waive;

pub use confirm::{
    ChangedOnDisk, ConfirmReplace, ConfirmRole, ErrorDialog, RecoveryDialog, ReloadChanged, Unsaved,
};
pub use help::{RulesReference, Shortcuts};
pub use roles::RolesEditor;
pub use rules_editor::RulesEditor;
pub use waive::Waive;

use super::command::Action;
use super::files::{DialogOutcome, DialogPurpose, InAppDialog};
use super::import::{ImportDialog, ImportLoading, Imported};
use crate::edit::Edit;
use crate::model::Org;
use std::path::PathBuf;

/// A dialog over the app.
pub enum Modal {
    /// Save / Discard / Cancel before an action.
    Unsaved(Unsaved),
    /// Dropping a role chip on a person asks first.
    ConfirmRole(ConfirmRole),
    Waive(Waive),
    Error(ErrorDialog),
    Recovery(RecoveryDialog),
    /// The open file changed on disk since it was opened or saved here.
    ChangedOnDisk(ChangedOnDisk),
    /// Saving would replace an existing file: ask first.
    ConfirmReplace(ConfirmReplace),
    /// The open file changed on disk while there are unsaved edits.
    ReloadChanged(ReloadChanged),
    File(InAppDialog),
    /// File → Import people…
    Import(Box<ImportDialog>),
    /// A large export being read before its import dialog opens.
    ImportLoading(ImportLoading),
    Shortcuts(Shortcuts),
    RulesReference(RulesReference),
    /// Org → Roles…: the org's custom roles.
    Roles(RolesEditor),
    /// Org → Rules…: the org's rule settings.
    Rules(RulesEditor),
}

/// What the user chose in a dialog.
pub enum Choice {
    /// Run an action (possibly skipping the unsaved-changes check).
    Act(Action),
    DiscardThen(Action),
    /// Save, then run the action.
    SaveThen(Action),
    Edit(Edit),
    Restore {
        org: Box<Org>,
        path: Option<PathBuf>,
    },
    DiscardRecovery,
    /// Save over a file that changed on disk.
    Overwrite(PathBuf),
    /// A path chosen in the file dialog (or confirmed to be replaced).
    Chosen(DialogPurpose, PathBuf, bool),
    /// The user cancelled a save: forget what was to follow it.
    CancelSave,
    /// Back to the file picker, in this file's folder with its name, for
    /// another name (Cancel on "Replace NAME?").
    PickAgain(DialogPurpose, PathBuf),
    /// Reload the open file from disk (unsaved edits are dropped).
    Reload(PathBuf),
    /// Compare the document with what this file holds now.
    CompareWith(PathBuf),
}

/// What a dialog sees of the app.
pub struct Env<'a> {
    pub org: &'a Org,
    pub revision: u64,
}

/// A modal window in the middle of the app. `add` draws it and returns
/// whether it stays open; a `dismissable` one also closes on Escape or a
/// click outside. Returns whether it stays open.
fn centered(
    ctx: &egui::Context,
    id: &str,
    dismissable: bool,
    add: impl FnOnce(&mut egui::Ui) -> bool,
) -> bool {
    let mut keep = true;
    let r = egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(560.0);
        keep = add(ui);
    });
    keep && !(dismissable && r.should_close())
}

impl Modal {
    /// An error dialog: "Nothing was changed."
    pub fn error(title: impl Into<String>, message: impl Into<String>) -> Modal {
        Modal::Error(ErrorDialog {
            title: title.into(),
            message: message.into(),
        })
    }

    /// Draws the dialog; returns whether it stays open. What the user chose
    /// is pushed to `choices`.
    pub fn ui(&mut self, ctx: &egui::Context, env: &Env, choices: &mut Vec<Choice>) -> bool {
        match self {
            Modal::Unsaved(d) => d.ui(ctx, env, choices),
            Modal::ConfirmRole(d) => d.ui(ctx, env, choices),
            Modal::Waive(d) => d.ui(ctx, choices),
            Modal::Error(d) => d.ui(ctx),
            Modal::Recovery(d) => d.ui(ctx, choices),
            Modal::ChangedOnDisk(d) => d.ui(ctx, choices),
            Modal::ConfirmReplace(d) => d.ui(ctx, choices),
            Modal::ReloadChanged(d) => d.ui(ctx, choices),
            Modal::File(d) => file_dialog(ctx, d, choices),
            Modal::Import(d) => {
                let (open, chosen) = d.ui(ctx, env.org, env.revision);
                match chosen {
                    Some(Imported::New(o)) => choices.push(Choice::Act(Action::OpenImported(o))),
                    Some(Imported::Update(o)) => choices.push(Choice::Edit(Edit::ReplaceOrg(o))),
                    None => {}
                }
                open
            }
            Modal::ImportLoading(l) => match l.take() {
                Some(Ok(d)) => {
                    *self = Modal::Import(Box::new(d));
                    true
                }
                Some(Err(message)) => {
                    *self = Modal::Error(ErrorDialog {
                        title: "Could not import".into(),
                        message,
                    });
                    true
                }
                None => l.ui(ctx),
            },
            Modal::Shortcuts(d) => d.ui(ctx),
            Modal::RulesReference(d) => d.ui(ctx),
            Modal::Roles(d) => d.ui(ctx, env, choices),
            Modal::Rules(d) => d.ui(ctx, env, choices),
        }
    }
}

/// The in-app file dialog: a path chosen, or cancelled.
fn file_dialog(ctx: &egui::Context, dialog: &mut InAppDialog, choices: &mut Vec<Choice>) -> bool {
    let mut outcome = None;
    let keep = centered(ctx, "file-dialog", true, |ui| {
        outcome = dialog.ui(ui);
        true
    });
    match outcome {
        Some(DialogOutcome::Chosen(p)) => {
            choices.push(Choice::Chosen(dialog.purpose, p, false));
            false
        }
        Some(DialogOutcome::Cancel) => {
            choices.push(Choice::CancelSave);
            false
        }
        None => keep,
    }
}
