//! Dialogs over the app. A dialog draws itself and reports what the user
//! chose as [`Choice`]s; the app carries them out.

use super::command::{Action, Command, GESTURES};
use super::files::{DialogOutcome, DialogPurpose, InAppDialog};
use crate::catalog::{Capability, RoleCatalog};
use crate::edit::Edit;
use crate::model::{Date, Org, PersonId, RoleId, Subject, Waiver};
use egui::RichText;
use std::path::PathBuf;

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
        capability: Option<Capability>,
        message: String,
        reason: String,
        until: String,
        error: Option<String>,
    },
    Error {
        title: String,
        message: String,
    },
    Recovery {
        org: Box<Org>,
        path: Option<PathBuf>,
        saved: String,
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
    File(InAppDialog),
    /// File → Import people…
    Import(Box<super::import::ImportDialog>),
    Shortcuts,
    RulesReference {
        code: &'static str,
    },
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
}

fn centered(
    ctx: &egui::Context,
    id: &str,
    add: impl FnOnce(&mut egui::Ui),
) -> egui::ModalResponse<()> {
    egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(560.0);
        add(ui)
    })
}

impl Modal {
    /// Draws the dialog; returns whether it stays open and what was chosen.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        org: &Org,
        revision: u64,
        choices: &mut Vec<Choice>,
    ) -> bool {
        let mut keep = true;
        let closed = match self {
            Modal::Unsaved { then } => {
                let then = then.clone();
                centered(ctx, "unsaved", |ui| {
                    ui.heading("Save changes?");
                    ui.label(format!(
                        "{} has unsaved changes. Save them before you go on?",
                        org.name
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            keep = false;
                            choices.push(Choice::SaveThen(then.clone()));
                        }
                        if ui.button("Discard").clicked() {
                            keep = false;
                            choices.push(Choice::DiscardThen(then.clone()));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                })
                .should_close()
            }
            Modal::ConfirmRole { person, role } => {
                let cat = RoleCatalog::new(&org.roles);
                let p = org.person(person);
                let name = p.map_or(person.to_string(), |p| p.name.to_string());
                let from = p.map_or(String::new(), |p| cat.abbrev(&p.role).to_string());
                centered(ctx, "confirm-role", |ui| {
                    ui.heading("Change role?");
                    ui.label(format!(
                        "Change {name}'s role from {from} to {}?",
                        cat.abbrev(role)
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Change role").clicked() {
                            choices.push(Choice::Edit(Edit::SetPersonRole {
                                person: person.clone(),
                                role: role.clone(),
                            }));
                            keep = false;
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                })
                .should_close()
            }
            Modal::Waive {
                rule,
                subject,
                capability,
                message,
                reason,
                until,
                error,
            } => centered(ctx, "waive", |ui| {
                ui.heading(format!("Waive {rule}"));
                ui.label(message.as_str());
                ui.add_space(6.0);
                let l = ui.label("Reason (required)");
                ui.add(
                    egui::TextEdit::singleline(reason)
                        .desired_width(f32::INFINITY)
                        .hint_text("e.g. PM-T starts in January"),
                )
                .labelled_by(l.id);
                let l = ui.label("Until (optional, YYYY-MM-DD)");
                ui.add(egui::TextEdit::singleline(until).desired_width(140.0))
                    .labelled_by(l.id);
                if let Some(e) = error.as_ref() {
                    ui.colored_label(ui.visuals().error_fg_color, e.as_str());
                }
                ui.horizontal(|ui| {
                    if ui.button("Waive").clicked() {
                        let date = if until.trim().is_empty() {
                            Ok(None)
                        } else {
                            Date::parse(until.trim()).map(Some)
                        };
                        match (reason.trim().is_empty(), date) {
                            (true, _) => {
                                *error =
                                    Some("Give a reason: the next reader needs to know why".into())
                            }
                            (_, Err(e)) => *error = Some(e),
                            (false, Ok(d)) => {
                                choices.push(Choice::Edit(Edit::AddWaiver(Waiver {
                                    rule: rule.to_string(),
                                    subject: subject.clone(),
                                    capability: *capability,
                                    reason: reason.trim().to_string(),
                                    until: d,
                                })));
                                keep = false;
                            }
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            })
            .should_close(),
            Modal::Error { title, message } => centered(ctx, "error", |ui| {
                ui.heading(title.as_str());
                ui.label(RichText::new(message.as_str()).monospace());
                ui.weak("Nothing was changed.");
                if ui.button("OK").clicked() {
                    keep = false;
                }
            })
            .should_close(),
            Modal::Recovery {
                org: rec,
                path,
                saved,
            } => {
                centered(ctx, "recovery", |ui| {
                    ui.heading("Restore unsaved work?");
                    ui.label(format!(
                        "orgplan did not close cleanly last time. Autosaved work from {saved} is available: \"{}\"{}.",
                        rec.name,
                        path.as_ref().map_or(String::new(), |p| format!(" ({})", crate::sanitize::path(p)))
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            choices.push(Choice::Restore {
                                org: rec.clone(),
                                path: path.clone(),
                            });
                            keep = false;
                        }
                        if ui.button("Discard it").clicked() {
                            choices.push(Choice::DiscardRecovery);
                            keep = false;
                        }
                    });
                });
                false
            }
            Modal::ChangedOnDisk { path } => {
                let name = crate::sanitize::path(path);
                centered(ctx, "changed-on-disk", |ui| {
                    ui.heading("The file changed on disk");
                    ui.label(format!(
                        "{name} was changed by another program since you opened or saved it here. Overwrite it with your version, save yours under another name, or cancel?"
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Overwrite").clicked() {
                            keep = false;
                            choices.push(Choice::Overwrite(path.clone()));
                        }
                        if ui.button("Save As…").clicked() {
                            keep = false;
                            choices.push(Choice::Act(Action::SaveAs));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                            choices.push(Choice::CancelSave);
                        }
                    });
                })
                .should_close()
            }
            Modal::ConfirmReplace { purpose, path } => {
                let name = path.file_name().map_or_else(
                    || crate::sanitize::path(path),
                    |n| crate::sanitize::visible(&n.to_string_lossy()).into_owned(),
                );
                centered(ctx, "confirm-replace", |ui| {
                    ui.heading(format!("Replace {name}?"));
                    ui.label(format!(
                        "A file named {name} already exists in {}. Replacing it overwrites what it holds.",
                        path.parent().map_or_else(String::new, crate::sanitize::path)
                    ));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Replace").clicked() {
                            keep = false;
                            choices.push(Choice::Chosen(*purpose, path.clone(), true));
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                            choices.push(Choice::CancelSave);
                        }
                    });
                })
                .should_close()
            }
            Modal::File(dialog) => {
                let mut outcome = None;
                let r = centered(ctx, "file-dialog", |ui| outcome = dialog.ui(ui));
                match outcome {
                    Some(DialogOutcome::Chosen(p)) => {
                        choices.push(Choice::Chosen(dialog.purpose, p, false));
                        keep = false;
                    }
                    Some(DialogOutcome::Cancel) => {
                        choices.push(Choice::CancelSave);
                        keep = false;
                    }
                    None => {}
                }
                r.should_close()
            }
            Modal::Import(d) => {
                let (open, chosen) = d.ui(ctx, org, revision);
                match chosen {
                    Some(super::import::Imported::New(o)) => {
                        choices.push(Choice::Act(Action::OpenImported(o)));
                    }
                    Some(super::import::Imported::Update(o)) => {
                        choices.push(Choice::Edit(Edit::ReplaceOrg(o)));
                    }
                    None => {}
                }
                keep = open;
                false
            }
            Modal::Shortcuts => centered(ctx, "shortcuts", |ui| {
                ui.heading("Keyboard shortcuts");
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for c in Command::ALL {
                        let keys: Vec<String> = c
                            .shortcuts()
                            .iter()
                            .map(|s| ui.ctx().format_shortcut(s))
                            .collect();
                        if keys.is_empty() {
                            continue;
                        }
                        ui.monospace(keys.join(" / "));
                        ui.label(format!("{} — {}", c.text(), c.tooltip()));
                        ui.end_row();
                    }
                    for (k, v) in GESTURES {
                        ui.monospace(*k);
                        ui.label(*v);
                        ui.end_row();
                    }
                });
                if ui.button("Close").clicked() {
                    keep = false;
                }
            })
            .should_close(),
            Modal::RulesReference { code } => {
                let mut chosen = *code;
                let r = centered(ctx, "rules", |ui| {
                    ui.set_min_width(560.0);
                    ui.heading("Rules reference");
                    let cb = egui::ComboBox::from_id_salt("rule-pick")
                        .selected_text(
                            crate::rules::rule(chosen)
                                .map_or(chosen.to_string(), |r| format!("{} {}", r.code, r.name)),
                        )
                        .height(400.0)
                        .show_ui(ui, |ui| {
                            for r in crate::rules::RULES.iter().map(|r| &r.info) {
                                ui.selectable_value(
                                    &mut chosen,
                                    r.code,
                                    format!("{} {}", r.code, r.name),
                                );
                            }
                        });
                    super::widgets::name_widget(&cb.response, egui::Role::ComboBox, "Rule");
                    if let Some(r) = crate::rules::rule(chosen) {
                        egui::ScrollArea::vertical()
                            .max_height(420.0)
                            .show(ui, |ui| {
                                ui.label(RichText::new(r.summary).strong());
                                ui.weak(format!(
                                    "Default severity: {} · threshold: {}",
                                    r.default_severity,
                                    r.default_threshold.map_or("none".into(), |t| t.to_string())
                                ));
                                for title in ["What it flags", "Why it matters", "How to fix"] {
                                    ui.add_space(4.0);
                                    ui.label(RichText::new(title).strong());
                                    ui.label(r.paragraphs(title).join("\n\n"));
                                }
                            });
                    }
                    if ui.button("Close").clicked() {
                        keep = false;
                    }
                });
                *code = chosen;
                r.should_close()
            }
        };
        keep && !closed
    }
}
