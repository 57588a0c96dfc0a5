//! A custom role's editor: its name, its id (made from the name until the
//! user types one) and, for each capability, whether the role provides it
//! as its job (primary), at a pinch (stop-gap) or not at all. The import
//! dialog's "New role…" uses it; what it makes is a `CustomRole` as
//! FILE-FORMAT.md `roles` writes it.

use crate::model::{Capability, CustomRole, Provision, RoleId};
use egui::RichText;
use std::collections::BTreeMap;

/// A role being made.
#[derive(Clone, Debug)]
pub struct RoleDraft {
    pub name: String,
    pub id: String,
    /// The user typed the id: it no longer follows the name.
    id_typed: bool,
    pub provides: BTreeMap<Capability, Provision>,
    /// The built-in role it behaves like (in role-specific rules and in
    /// messages), if any.
    pub like: Option<RoleId>,
    /// Focus the name field on the first frame.
    focus: bool,
    /// Scroll the editor into view (its host takes this on the first
    /// frame).
    pub reveal: bool,
    /// The button that makes it: "Create role", or "Save role" when an
    /// existing role is being changed.
    verb: &'static str,
}

/// What the user did with the editor.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Create(CustomRole),
    Cancel,
}

/// A role id made from a name: its words capitalised and joined, ASCII
/// letters and digits only ("UX designer" → "UXDesigner"; "Ingénieure
/// données" → "IngenieureDonnees").
pub fn id_from_name(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut id = String::new();
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            id.push(first.to_ascii_uppercase());
            id.extend(chars);
        }
    }
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        id.insert(0, 'R');
    }
    id
}

impl RoleDraft {
    /// A draft named `name` (the title it is made for), providing nothing.
    pub fn new(name: &str) -> RoleDraft {
        RoleDraft {
            name: name.to_string(),
            id: id_from_name(name),
            id_typed: false,
            provides: BTreeMap::new(),
            like: None,
            focus: true,
            reveal: true,
            verb: "Create role",
        }
    }

    /// A draft of an existing role, to change it.
    pub fn of(role: &CustomRole) -> RoleDraft {
        RoleDraft {
            name: role.name.clone(),
            id: role.id.to_string(),
            id_typed: true,
            provides: role.provides.clone(),
            like: role.like.clone(),
            focus: true,
            reveal: true,
            verb: "Save role",
        }
    }

    /// Why the draft cannot be made yet, if it cannot; `taken` says
    /// whether an id is already a role (built-in or the org's).
    pub fn problem(&self, taken: &dyn Fn(&str) -> bool) -> Option<String> {
        let id = self.id.trim();
        if self.name.trim().is_empty() {
            return Some("Give the role a name.".into());
        }
        if id.is_empty() {
            return Some("Give the role an id (letters and digits).".into());
        }
        if !id.starts_with(|c: char| c.is_ascii_alphabetic())
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Some(format!(
                "The id \"{id}\" must start with a letter and hold only letters, digits, _ and -."
            ));
        }
        if taken(id) {
            return Some(format!(
                "There is already a role \"{id}\": choose another id."
            ));
        }
        None
    }

    /// The role as it would be made.
    pub fn role(&self) -> CustomRole {
        CustomRole {
            id: RoleId::new(self.id.trim()),
            name: self.name.trim().to_string(),
            provides: self.provides.clone(),
            like: self.like.clone(),
        }
    }

    /// Which built-in role the role behaves like: rules that name a role
    /// (a TLM's span, an initiative's program manager, a group's director)
    /// count it as that role, and messages say "EngLead, like EM".
    fn like_picker(&mut self, ui: &mut egui::Ui) {
        let text = |b: &crate::catalog::BuiltinRole| format!("{} ({})", b.abbrev, b.name);
        let shown = self
            .like
            .as_ref()
            .and_then(|l| {
                crate::catalog::BUILTIN_ROLES
                    .iter()
                    .find(|b| b.id == l.as_str())
            })
            .map_or_else(|| "No built-in role".to_string(), text);
        let r = egui::ComboBox::from_id_salt("role-editor-like")
            .selected_text(shown)
            .width(220.0)
            // All twelve choices at once, no scrolling.
            .height(360.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.like, None, "No built-in role");
                for b in &crate::catalog::BUILTIN_ROLES {
                    ui.selectable_value(&mut self.like, Some(RoleId::new(b.id)), text(b));
                }
            })
            .response;
        crate::app::widgets::name_widget(&r, egui::Role::ComboBox, "Behaves like");
        r.on_hover_text(
            "Rules that name a built-in role (a TLM's span, an initiative's program manager, a group's director) count this role as it; messages say so.",
        );
    }

    /// The editor; `taken` says whether an id is already a role. Enter in
    /// a field creates the role (when it can be made), Escape cancels.
    pub fn ui(&mut self, ui: &mut egui::Ui, taken: &dyn Fn(&str) -> bool) -> Option<Outcome> {
        let mut enter = false;
        egui::Grid::new("role-editor-fields")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label("Name");
                let r = ui.add(
                    egui::TextEdit::singleline(&mut self.name)
                        .desired_width(220.0)
                        .hint_text("e.g. Product designer"),
                );
                crate::app::widgets::name_widget(&r, egui::Role::TextInput, "Role name");
                if std::mem::take(&mut self.focus) {
                    r.request_focus();
                }
                if r.changed() && !self.id_typed {
                    self.id = id_from_name(&self.name);
                }
                enter |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.end_row();
                ui.label("Id");
                let r = ui.add(egui::TextEdit::singleline(&mut self.id).desired_width(220.0));
                crate::app::widgets::name_widget(&r, egui::Role::TextInput, "Role id");
                if r.changed() {
                    self.id_typed = true;
                }
                enter |= r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.end_row();
                ui.label("Behaves like");
                self.like_picker(ui);
                ui.end_row();
            });
        ui.add_space(4.0);
        ui.label(RichText::new("What the role covers").strong());
        ui.weak("Primary: the role exists to do it. Stop-gap: it can cover it at a pinch.");
        egui::Grid::new("role-editor-capabilities")
            .num_columns(4)
            .spacing([10.0, 2.0])
            .striped(true)
            .show(ui, |ui| {
                for cap in Capability::ALL {
                    ui.label(cap.name());
                    let now = self.provides.get(&cap).copied();
                    for (value, text) in [
                        (None, "None"),
                        (Some(Provision::StopGap), "Stop-gap"),
                        (Some(Provision::Primary), "Primary"),
                    ] {
                        let r = ui.radio(now == value, text);
                        crate::app::widgets::name_widget(
                            &r,
                            egui::Role::RadioButton,
                            &format!("{}: {text}", cap.name()),
                        );
                        if r.clicked() {
                            match value {
                                Some(p) => self.provides.insert(cap, p),
                                None => self.provides.remove(&cap),
                            };
                        }
                    }
                    ui.end_row();
                }
            });
        ui.add_space(6.0);
        let problem = self.problem(taken);
        if let Some(p) = &problem {
            ui.colored_label(ui.visuals().warn_fg_color, p);
        }
        let mut out = None;
        ui.horizontal(|ui| {
            let create = ui.add_enabled(problem.is_none(), egui::Button::new(self.verb));
            if create.clicked() || (enter && problem.is_none()) {
                out = Some(Outcome::Create(self.role()));
            }
            if ui.button("Cancel").clicked()
                || ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
            {
                out = Some(Outcome::Cancel);
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_names() {
        assert_eq!(id_from_name("UX designer"), "UXDesigner");
        assert_eq!(id_from_name("Ingénieure données"), "IngenieureDonnees");
        assert_eq!(id_from_name("3D artist"), "R3DArtist");
        assert_eq!(id_from_name("  "), "");
    }

    #[test]
    fn a_draft_says_why_it_cannot_be_made() {
        let taken = |id: &str| id == "PM";
        let mut d = RoleDraft::new("Data scientist");
        assert_eq!(d.problem(&taken), None);
        assert_eq!(d.role().id.as_str(), "DataScientist");
        d.id = "PM".into();
        assert!(
            d.problem(&taken)
                .unwrap_or_default()
                .contains("already a role")
        );
        d.id = "1x".into();
        assert!(
            d.problem(&taken)
                .unwrap_or_default()
                .contains("start with a letter")
        );
        d.name = String::new();
        assert!(d.problem(&taken).unwrap_or_default().contains("name"));
    }
}
