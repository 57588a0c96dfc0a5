//! Org → Roles…: the org's custom roles (FILE-FORMAT.md `roles`), each with
//! what it covers, how many people hold it, Edit and Delete (refused while
//! the role is in use); New role… opens the same editor as the import
//! dialog's. Every change is one undoable edit (`Edit::SetRoles`).

use super::{Choice, Env, centered};
use crate::app::role_editor::{Outcome, RoleDraft};
use crate::edit::Edit;
use crate::model::{CustomRole, Org, Provision, RoleId};
use egui::RichText;

#[derive(Default)]
pub struct RolesEditor {
    /// The role being made (`None`) or changed (its id), and the draft.
    draft: Option<(Option<RoleId>, RoleDraft)>,
}

/// How many people hold `role` (as their role or a hat) and open seats ask
/// for it.
fn uses(org: &Org, role: &RoleId) -> usize {
    let people = org
        .people
        .iter()
        .filter(|p| &p.role == role || p.hats.contains(role))
        .count();
    let seats = org
        .teams
        .iter()
        .flat_map(|t| &t.open_seats)
        .chain(org.initiatives.iter().flat_map(|i| &i.open_seats))
        .filter(|s| &s.role == role)
        .count();
    people + seats
}

/// "Primary: people management, building software · Stop-gap: product
/// roadmap", or "covers nothing".
fn covers(role: &CustomRole) -> String {
    let of = |want: Provision| {
        role.provides
            .iter()
            .filter(|(_, p)| **p == want)
            .map(|(c, _)| c.words())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (p, s) = (of(Provision::Primary), of(Provision::StopGap));
    let covers = match (p.is_empty(), s.is_empty()) {
        (true, true) => "covers nothing".into(),
        (false, true) => format!("Primary: {p}"),
        (true, false) => format!("Stop-gap: {s}"),
        (false, false) => format!("Primary: {p} · Stop-gap: {s}"),
    };
    match &role.like {
        Some(like) => format!("{covers} · like {like}"),
        None => covers,
    }
}

impl RolesEditor {
    pub fn ui(&mut self, ctx: &egui::Context, env: &Env, choices: &mut Vec<Choice>) -> bool {
        let org = env.org;
        let mut keep = true;
        let mut open_draft = None;
        let mut delete = None;
        let mut saved = None;
        let dismissable = self.draft.is_none();
        let open = centered(ctx, "roles-editor", dismissable, |ui| {
            ui.heading("Roles");
            ui.weak(
                "The org's own roles, kept in its file. Built-in roles (EM, Staff, PM, …) are always there.",
            );
            ui.add_space(6.0);
            if org.roles.is_empty() {
                ui.label("No roles of its own yet.");
            }
            egui::Grid::new("roles-list")
                .num_columns(4)
                .spacing([12.0, 6.0])
                .striped(true)
                .show(ui, |ui| {
                    for r in &org.roles {
                        ui.label(RichText::new(format!("{} — {}", r.id, r.name)).strong());
                        ui.label(RichText::new(covers(r)).weak());
                        let n = uses(org, &r.id);
                        if ui
                            .button("Edit…")
                            .on_hover_text(format!("Change {}", r.name))
                            .clicked()
                        {
                            open_draft = Some((Some(r.id.clone()), RoleDraft::of(r)));
                        }
                        let del = ui.add_enabled(n == 0, egui::Button::new("Delete"));
                        let del = if n == 0 {
                            del.on_hover_text(format!("Delete {}", r.name))
                        } else {
                            del.on_disabled_hover_text(format!(
                                "In use ({}): give them another role first",
                                crate::text::count(n, "person or seat", "people or seats")
                            ))
                        };
                        if del.clicked() {
                            delete = Some(r.id.clone());
                        }
                        ui.end_row();
                    }
                });
            ui.add_space(6.0);
            if let Some((editing, draft)) = &mut self.draft {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.label(
                        RichText::new(match editing {
                            Some(id) => format!("Change {id}"),
                            None => "New role".to_string(),
                        })
                        .strong(),
                    );
                    let cat = crate::catalog::RoleCatalog::new(&org.roles);
                    let editing = editing.clone();
                    let taken = |id: &str| {
                        editing
                            .as_ref()
                            .is_none_or(|e| !e.as_str().eq_ignore_ascii_case(id))
                            && cat
                                .roles()
                                .iter()
                                .any(|r| r.id.as_str().eq_ignore_ascii_case(id))
                    };
                    if let Some(o) = draft.ui(ui, &taken) {
                        saved = Some((editing, o));
                    }
                });
            } else {
                ui.horizontal(|ui| {
                    if ui.button("New role…").clicked() {
                        open_draft = Some((None, RoleDraft::new("")));
                    }
                    if ui.button("Close").clicked() {
                        keep = false;
                    }
                });
            }
            true
        });
        if let Some(d) = open_draft {
            self.draft = Some(d);
        }
        if let Some(id) = delete {
            let roles = org.roles.iter().filter(|r| r.id != id).cloned().collect();
            choices.push(Choice::Edit(Edit::SetRoles(roles)));
        }
        if let Some((editing, o)) = saved {
            self.draft = None;
            if let Outcome::Create(role) = o {
                let mut roles = org.roles.clone();
                match editing.and_then(|id| roles.iter().position(|r| r.id == id)) {
                    Some(k) => roles[k] = role,
                    None => roles.push(role),
                }
                choices.push(Choice::Edit(Edit::SetRoles(roles)));
            }
        }
        keep && open
    }
}
