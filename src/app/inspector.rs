//! The inspector: edits whatever is selected (a person, team, initiative, or
//! the org). A field commits when it loses focus (or on Enter), as one undo
//! step; a refused edit puts the field back to the real value and says why
//! right under it.

use super::command::{Action, Command};
use super::widgets::{
    AllocationInput, allocation_field, name_widget, opt_text_field, person_picker, role_picker,
    text_field,
};
use super::{Commands, Selection, ViewCtx};
use crate::catalog::{RoleCatalog, Severity};
use crate::edit::{Edit, default_allocation};
use crate::model::CardId;
use crate::model::{
    Initiative, InitiativeId, InitiativeKind, OpenSeat, Person, PersonId, Team, TeamId, TeamKind,
};
use egui::RichText;
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq)]
enum Draft {
    Person(Person),
    Team(Team),
    Initiative(Initiative),
}

#[derive(Default)]
pub struct InspectorView {
    /// The entity as it was when the draft was taken.
    origin: Option<Draft>,
    draft: Option<Draft>,
    /// The org name while it is being typed.
    org_name: Option<String>,
    /// Text of allocation fields while they are edited, by key.
    numbers: HashMap<String, String>,
    /// Why the last edit was refused, and the field it came from.
    error: Option<(String, String)>,
    /// Put the cursor in the Name field on the next frame (a new item).
    focus_name: bool,
    /// Scroll a new refusal into view (once).
    scroll_error: bool,
}

/// Where a refusal is shown: under the field with this label.
type Field = &'static str;

impl InspectorView {
    /// Why the last edit was refused, if it was.
    pub fn error(&self) -> Option<&str> {
        self.error.as_ref().map(|(_, e)| e.as_str())
    }

    /// The next frame focuses the Name field (after adding an item).
    pub fn focus_name(&mut self) {
        self.focus_name = true;
    }

    fn refuse(&mut self, field: &str, msg: String) {
        self.error = Some((field.to_string(), msg));
        self.scroll_error = true;
        // The control shows the real value again.
        self.draft = self.origin.clone();
        self.numbers.clear();
    }

    /// Takes a fresh draft when the selection or the document changed.
    fn sync(&mut self, f: &ViewCtx) {
        let org = f.doc.org();
        let current = match f.selection {
            Some(Selection::Person(p, _)) => org.person(p).cloned().map(Draft::Person),
            Some(Selection::Team(t)) => org.team(t).cloned().map(Draft::Team),
            Some(Selection::Initiative(i)) => org.initiative(i).cloned().map(Draft::Initiative),
            None => None,
        };
        if current != self.origin {
            let same_entity = match (&current, &self.origin) {
                (Some(Draft::Person(a)), Some(Draft::Person(b))) => a.id == b.id,
                (Some(Draft::Team(a)), Some(Draft::Team(b))) => a.id == b.id,
                (Some(Draft::Initiative(a)), Some(Draft::Initiative(b))) => a.id == b.id,
                _ => false,
            };
            self.origin = current.clone();
            self.draft = current;
            self.numbers.clear();
            if !same_entity {
                self.error = None;
            }
        }
    }

    /// Validates the draft (without copying the org) and queues it.
    fn commit(&mut self, f: &ViewCtx, field: Field, out: &mut Commands) {
        let (Some(origin), Some(draft)) = (&self.origin, &self.draft) else {
            return;
        };
        if origin == draft {
            return;
        }
        let edit = match (origin, draft) {
            (Draft::Person(o), Draft::Person(n)) => Edit::UpdatePerson {
                id: o.id.clone(),
                person: n.clone(),
            },
            (Draft::Team(o), Draft::Team(n)) => Edit::UpdateTeam {
                id: o.id.clone(),
                team: n.clone(),
            },
            (Draft::Initiative(o), Draft::Initiative(n)) => Edit::UpdateInitiative {
                id: o.id.clone(),
                initiative: n.clone(),
            },
            _ => return,
        };
        match crate::edit::validate(f.doc.org(), &edit) {
            Ok(()) => {
                self.error = None;
                // Follow a renamed id.
                let sel = match draft {
                    Draft::Person(p) => Selection::Person(p.id.clone(), None),
                    Draft::Team(t) => Selection::Team(t.id.clone()),
                    Draft::Initiative(i) => Selection::Initiative(i.id.clone()),
                };
                if f.selection.as_ref() != Some(&sel) {
                    out.actions.push(Action::Select(Some(sel)));
                }
                self.origin = self.draft.clone();
                out.edits.push(edit);
            }
            Err(e) => self.refuse(field, e.to_string()),
        }
    }

    /// The refusal, if it belongs under `field`.
    fn error_under(&mut self, ui: &mut egui::Ui, f: &ViewCtx, field: &str) {
        if let Some((at, msg)) = &self.error
            && at == field
        {
            let r = error_box(ui, f, msg);
            if std::mem::take(&mut self.scroll_error) {
                // The reason is in view next to the control.
                r.scroll_to_me(None);
            }
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, f: &ViewCtx, out: &mut Commands) {
        self.sync(f);
        ui.add_space(4.0);
        if !f.multi.is_empty() {
            ui.heading(format!("{} cards selected", f.multi.len()));
            ui.weak("Drag any selected card by its header to move them together. Delete removes them all (undo brings them back). Escape clears the selection.");
            if ui.button("Clear selection").clicked() {
                out.actions.push(Action::Select(None));
            }
            return;
        }
        let Some(mut draft) = self.draft.clone() else {
            self.org_ui(ui, f, out);
            return;
        };
        let cat = &f.doc.layout().catalog;
        let mut commit: Option<Field> = None;
        ui.spacing_mut().item_spacing.y = 3.0;
        match &mut draft {
            Draft::Person(p) => self.person_ui(ui, f, cat, p, &mut commit, out),
            Draft::Team(t) => self.team_ui(ui, f, cat, t, &mut commit),
            Draft::Initiative(i) => self.initiative_ui(ui, f, i, &mut commit),
        }
        self.draft = Some(draft);
        if let Some(field) = commit {
            self.commit(f, field, out);
        }
        ui.add_space(8.0);
        if ui
            .button("Delete…")
            .on_hover_text("Delete this from the org (undo brings it back)")
            .clicked()
        {
            out.actions.push(Action::Run(Command::Delete));
        }
    }

    fn name_field(
        &mut self,
        ui: &mut egui::Ui,
        f: &ViewCtx,
        label: &'static str,
        value: &mut String,
        commit: &mut Option<Field>,
    ) {
        let r = text_field(ui, label, value, false);
        if std::mem::take(&mut self.focus_name) {
            r.request_focus();
            // Select the placeholder name so typing replaces it.
            if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), r.id) {
                let all = egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    egui::text::CCursor::new(value.chars().count()),
                );
                state.cursor.set_char_range(Some(all));
                state.store(ui.ctx(), r.id);
            }
        }
        if r.lost_focus() {
            *commit = Some(label);
        }
        self.error_under(ui, f, label);
    }

    fn text(
        &mut self,
        ui: &mut egui::Ui,
        f: &ViewCtx,
        label: &'static str,
        value: &mut String,
        multiline: bool,
        commit: &mut Option<Field>,
    ) {
        if text_field(ui, label, value, multiline).lost_focus() {
            *commit = Some(label);
        }
        self.error_under(ui, f, label);
    }

    fn org_ui(&mut self, ui: &mut egui::Ui, f: &ViewCtx, out: &mut Commands) {
        ui.heading("Org");
        let current = &f.doc.org().name;
        // The name is typed into a buffer that lives across frames; it is
        // applied once, when the field loses focus or on Enter.
        let mut name = self.org_name.clone().unwrap_or_else(|| current.clone());
        let r = text_field(ui, "Org name", &mut name, false);
        if r.has_focus() || r.changed() {
            self.org_name = Some(name.clone());
        }
        if r.lost_focus() {
            self.org_name = None;
            if name != *current {
                if name.trim().is_empty() {
                    self.error = Some(("Org name".into(), "the org needs a name".into()));
                    self.scroll_error = true;
                } else {
                    self.error = None;
                    out.edits.push(Edit::SetOrgName(name));
                }
            }
        } else if !r.has_focus() {
            self.org_name = None;
        }
        self.error_under(ui, f, "Org name");
        ui.add_space(6.0);
        ui.weak("Select a card, a person chip or a roster entry to edit it here. Drag people and roles onto teams and initiatives; the gaps below update as you go.");
    }

    fn person_ui(
        &mut self,
        ui: &mut egui::Ui,
        f: &ViewCtx,
        cat: &RoleCatalog,
        p: &mut Person,
        commit: &mut Option<Field>,
        out: &mut Commands,
    ) {
        ui.heading(format!("Person: {}", p.name));
        let origin_id = match &self.origin {
            Some(Draft::Person(o)) => o.id.clone(),
            _ => p.id.clone(),
        };
        if f.doc.risk_on() {
            super::risk::departure_ui(ui, f, &origin_id, out);
            ui.add_space(4.0);
        }
        let mut name = p.name.to_string();
        self.name_field(ui, f, "Name", &mut name, commit);
        p.name = name.into();
        let mut id = p.id.to_string();
        self.text(ui, f, "Person id", &mut id, false, commit);
        p.id = PersonId::new(id);
        ui.label("Role");
        if role_picker(ui, "insp-role", "Role", cat, &mut p.role) {
            *commit = Some("Role");
        }
        self.error_under(ui, f, "Role");
        ui.label("Hats (extra roles)");
        ui.horizontal_wrapped(|ui| {
            for r in cat.roles() {
                if r.id == p.role {
                    continue;
                }
                let mut on = p.hats.contains(&r.id);
                if ui.checkbox(&mut on, r.abbrev.as_str()).changed() {
                    if on {
                        p.hats.push(r.id.clone());
                    } else {
                        p.hats.retain(|h| h != &r.id);
                    }
                    *commit = Some("Hats");
                }
            }
        });
        self.error_under(ui, f, "Hats");
        if opt_text_field(ui, "Level", &mut p.level).lost_focus() {
            *commit = Some("Level");
        }
        self.error_under(ui, f, "Level");
        let people = f.doc.org().people.as_slice();
        if person_picker(
            ui,
            "insp-manager",
            "Manager",
            people,
            Some(&origin_id),
            &mut p.manager,
            true,
        ) {
            *commit = Some("Manager");
        }
        self.error_under(ui, f, "Manager");
        ui.label("Dotted-line managers");
        let mut remove = None;
        for (k, d) in p.dotted.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(
                    f.doc
                        .layout()
                        .person(f.doc.org(), d)
                        .map_or(d.to_string(), |x| x.name.to_string()),
                );
                if ui
                    .small_button("×")
                    .on_hover_text("Remove dotted line")
                    .clicked()
                {
                    remove = Some(k);
                }
            });
        }
        if let Some(k) = remove {
            p.dotted.remove(k);
            *commit = Some("Add dotted-line manager");
        }
        let mut add = None;
        if person_picker(
            ui,
            "insp-dotted",
            "Add dotted-line manager",
            people,
            Some(&origin_id),
            &mut add,
            false,
        ) && let Some(a) = add
            && !p.dotted.contains(&a)
        {
            p.dotted.push(a);
            *commit = Some("Add dotted-line manager");
        }
        self.error_under(ui, f, "Add dotted-line manager");
        self.text(ui, f, "Note", &mut p.note, true, commit);
        ui.add_space(6.0);
        self.memberships(ui, f, &origin_id, out);
    }

    /// A person's teams and initiatives, with allocations.
    fn memberships(&mut self, ui: &mut egui::Ui, f: &ViewCtx, pid: &PersonId, out: &mut Commands) {
        ui.strong("Teams and initiatives");
        let org = f.doc.org();
        let mut total = 0;
        let cards: Vec<(CardId, String, crate::model::Allocation)> = org
            .teams
            .iter()
            .filter_map(|t| {
                t.member(pid)
                    .map(|m| (CardId::Team(t.id.clone()), t.name.clone(), m.allocation))
            })
            .chain(org.initiatives.iter().filter_map(|i| {
                i.members.iter().find(|m| &m.person == pid).map(|m| {
                    (
                        CardId::Initiative(i.id.clone()),
                        format!("{} (initiative)", i.name),
                        m.allocation,
                    )
                })
            }))
            .collect();
        for (card, name, allocation) in cards {
            total += allocation.percent();
            let label = format!("Allocation in {}", name.trim_end_matches(" (initiative)"));
            ui.horizontal(|ui| {
                ui.label(&name);
                let key = format!("{card:?}");
                let buf = self
                    .numbers
                    .entry(key)
                    .or_insert_with(|| allocation.percent().to_string());
                match allocation_field(ui, buf, &label, allocation) {
                    AllocationInput::Changed(a) => {
                        self.error = None;
                        out.edits.push(Edit::SetAllocation {
                            card: card.clone(),
                            person: pid.clone(),
                            allocation: a,
                        });
                    }
                    AllocationInput::Refused(msg) => {
                        self.error = Some(("memberships".into(), msg));
                        self.scroll_error = true;
                    }
                    AllocationInput::Unchanged => {}
                }
                let remove = match &card {
                    CardId::Team(_) => "Remove from team",
                    CardId::Initiative(_) => "Remove from initiative",
                };
                if ui.small_button("×").on_hover_text(remove).clicked() {
                    out.edits.push(match &card {
                        CardId::Team(t) => Edit::RemoveFromTeam {
                            team: t.clone(),
                            person: pid.clone(),
                        },
                        CardId::Initiative(i) => Edit::RemoveFromInitiative {
                            initiative: i.clone(),
                            person: pid.clone(),
                        },
                    });
                }
            });
        }
        self.error_under(ui, f, "memberships");
        let color = if total > 100 {
            f.tokens.severity(Severity::Error)
        } else {
            f.tokens.weak_text
        };
        ui.colored_label(color, format!("Allocated {total}% in all"));
        let alloc = default_allocation(org, pid);
        ui.horizontal(|ui| {
            let teams: Vec<(String, TeamId)> = org
                .teams
                .iter()
                .filter(|t| t.member(pid).is_none())
                .map(|t| (t.name.clone(), t.id.clone()))
                .collect();
            ui.menu_button("Add to team…", |ui| {
                if let Some(i) = super::widgets::pick_list(
                    ui,
                    ui.scope_id().with("add-team"),
                    teams.len(),
                    |i| teams[i].0.clone(),
                    |i, q| super::widgets::matches(q, &[&teams[i].0]),
                ) {
                    out.edits.push(Edit::AddToTeam {
                        team: teams[i].1.clone(),
                        person: pid.clone(),
                        allocation: alloc,
                    });
                }
            });
            let inis: Vec<(String, InitiativeId)> = org
                .initiatives
                .iter()
                .filter(|i| !i.members.iter().any(|m| &m.person == pid))
                .map(|i| (i.name.clone(), i.id.clone()))
                .collect();
            ui.menu_button("Add to initiative…", |ui| {
                if let Some(i) = super::widgets::pick_list(
                    ui,
                    ui.scope_id().with("add-ini"),
                    inis.len(),
                    |i| inis[i].0.clone(),
                    |i, q| super::widgets::matches(q, &[&inis[i].0]),
                ) {
                    out.edits.push(Edit::AddToInitiative {
                        initiative: inis[i].1.clone(),
                        person: pid.clone(),
                        allocation: alloc,
                    });
                }
            });
        });
    }

    fn team_ui(
        &mut self,
        ui: &mut egui::Ui,
        f: &ViewCtx,
        cat: &RoleCatalog,
        t: &mut Team,
        commit: &mut Option<Field>,
    ) {
        ui.heading(format!("Team: {}", t.name));
        self.name_field(ui, f, "Name", &mut t.name, commit);
        let mut id = t.id.to_string();
        self.text(ui, f, "Team id", &mut id, false, commit);
        let org = f.doc.org();
        let named = org.team(&t.id).map(|x| x.name.as_str());
        if let Some(derived) =
            first_name_id(*commit, named, "New team", &id, "new-team", &t.name, |c| {
                org.team(&TeamId::new(c)).is_some()
            })
        {
            id = derived;
        }
        t.id = TeamId::new(id);
        ui.label("Kind");
        let cb = egui::ComboBox::from_id_salt("insp-kind")
            .selected_text(t.kind.name())
            .show_ui(ui, |ui| {
                for k in TeamKind::ALL {
                    if ui.selectable_value(&mut t.kind, k, k.name()).clicked() {
                        *commit = Some("Team kind");
                    }
                }
            });
        name_widget(&cb.response, egui::Role::ComboBox, "Team kind");
        self.error_under(ui, f, "Team kind");
        // The department or cost centre: the canvas frames teams by it.
        if opt_text_field(ui, "Group", &mut t.group).lost_focus() {
            *commit = Some("Group");
        }
        self.error_under(ui, f, "Group");
        ui.label("Open seats");
        let mut remove = None;
        for (k, seat) in t.open_seats.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                // Room for the × after it: a row wider than the panel
                // widened the whole inspector.
                let w = (ui.available_width() - 36.0).max(80.0);
                let picked = ui
                    .allocate_ui(egui::vec2(w, ui.spacing().interact_size.y), |ui| {
                        role_picker(
                            ui,
                            &format!("seat-role-{k}"),
                            "Open seat role",
                            cat,
                            &mut seat.role,
                        )
                    })
                    .inner;
                if picked {
                    *commit = Some("Open seats");
                }
                if ui.small_button("×").on_hover_text("Remove seat").clicked() {
                    remove = Some(k);
                }
            });
            let label: &'static str = "Seat note";
            let r = text_field(ui, &format!("Seat {} note", k + 1), &mut seat.note, false);
            if r.lost_focus() {
                *commit = Some(label);
            }
        }
        if let Some(k) = remove {
            t.open_seats.remove(k);
            *commit = Some("Open seats");
        }
        ui.menu_button("Add open seat…", |ui| {
            for r in cat.roles() {
                if ui.button(format!("{} — {}", r.abbrev, r.name)).clicked() {
                    t.open_seats.push(OpenSeat {
                        role: r.id.clone(),
                        note: String::new(),
                    });
                    *commit = Some("Open seats");
                    ui.close();
                }
            }
        });
        self.error_under(ui, f, "Open seats");
        self.error_under(ui, f, "Seat note");
        ui.label("Depends on");
        let mut remove = None;
        for (k, d) in t.depends_on.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(
                    f.doc
                        .org()
                        .team(d)
                        .map_or(d.to_string(), |x| x.name.to_string()),
                );
                if ui
                    .small_button("×")
                    .on_hover_text("Remove dependency")
                    .clicked()
                {
                    remove = Some(k);
                }
            });
        }
        if let Some(k) = remove {
            t.depends_on.remove(k);
            *commit = Some("Depends on");
        }
        let own = match &self.origin {
            Some(Draft::Team(o)) => o.id.clone(),
            _ => t.id.clone(),
        };
        let others: Vec<(String, TeamId)> = f
            .doc
            .org()
            .teams
            .iter()
            .filter(|o| o.id != own && !t.depends_on.contains(&o.id))
            .map(|o| (o.name.clone(), o.id.clone()))
            .collect();
        ui.menu_button("Add dependency…", |ui| {
            if let Some(i) = super::widgets::pick_list(
                ui,
                ui.scope_id().with("add-dep"),
                others.len(),
                |i| others[i].0.clone(),
                |i, q| super::widgets::matches(q, &[&others[i].0]),
            ) {
                t.depends_on.push(others[i].1.clone());
                *commit = Some("Depends on");
            }
        });
        self.error_under(ui, f, "Depends on");
        ui.label("Members");
        if self.members_editor(ui, f, &mut t.members, "Remove from team") {
            *commit = Some("Members");
        }
        self.error_under(ui, f, "Members");
        self.text(ui, f, "Note", &mut t.note, true, commit);
    }

    fn initiative_ui(
        &mut self,
        ui: &mut egui::Ui,
        f: &ViewCtx,
        i: &mut Initiative,
        commit: &mut Option<Field>,
    ) {
        ui.heading(format!("Initiative: {}", i.name));
        self.name_field(ui, f, "Name", &mut i.name, commit);
        let mut id = i.id.to_string();
        self.text(ui, f, "Initiative id", &mut id, false, commit);
        let org = f.doc.org();
        let named = org.initiative(&i.id).map(|x| x.name.as_str());
        if let Some(derived) = first_name_id(
            *commit,
            named,
            "New initiative",
            &id,
            "new-initiative",
            &i.name,
            |c| org.initiative(&InitiativeId::new(c)).is_some(),
        ) {
            id = derived;
        }
        i.id = InitiativeId::new(id);
        ui.label("Kind");
        let cb = egui::ComboBox::from_id_salt("insp-ini-kind")
            .selected_text(i.kind.name())
            .show_ui(ui, |ui| {
                for k in InitiativeKind::ALL {
                    if ui.selectable_value(&mut i.kind, k, k.name()).clicked() {
                        *commit = Some("Initiative kind");
                    }
                }
            });
        name_widget(&cb.response, egui::Role::ComboBox, "Initiative kind");
        self.error_under(ui, f, "Initiative kind");
        ui.label("Teams it spans");
        ui.horizontal_wrapped(|ui| {
            for t in &f.doc.org().teams {
                let mut on = i.teams.contains(&t.id);
                if ui.checkbox(&mut on, &t.name).changed() {
                    if on {
                        i.teams.push(t.id.clone());
                    } else {
                        i.teams.retain(|x| x != &t.id);
                    }
                    *commit = Some("Teams it spans");
                }
            }
        });
        self.error_under(ui, f, "Teams it spans");
        let people = f.doc.org().people.as_slice();
        if person_picker(ui, "insp-lead", "Lead", people, None, &mut i.lead, true) {
            *commit = Some("Lead");
        }
        self.error_under(ui, f, "Lead");
        if person_picker(
            ui,
            "insp-sponsor",
            "Sponsor",
            people,
            None,
            &mut i.sponsor,
            true,
        ) {
            *commit = Some("Sponsor");
        }
        self.error_under(ui, f, "Sponsor");
        if opt_text_field(ui, "Outcome", &mut i.outcome).lost_focus() {
            *commit = Some("Outcome");
        }
        self.error_under(ui, f, "Outcome");
        ui.label("Members");
        if self.members_editor(ui, f, &mut i.members, "Remove from initiative") {
            *commit = Some("Members");
        }
        self.error_under(ui, f, "Members");
        self.text(ui, f, "Note", &mut i.note, true, commit);
    }

    /// A members list with allocation fields and remove buttons; returns
    /// whether anything changed.
    fn members_editor(
        &mut self,
        ui: &mut egui::Ui,
        f: &ViewCtx,
        members: &mut Vec<crate::model::Member>,
        remove_label: &str,
    ) -> bool {
        let mut changed = false;
        let mut remove = None;
        for (k, m) in members.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                let name = f
                    .doc
                    .layout()
                    .person(f.doc.org(), &m.person)
                    .map_or(m.person.to_string(), |x| x.name.to_string());
                ui.label(&name);
                let buf = self
                    .numbers
                    .entry(format!("member:{}", m.person))
                    .or_insert_with(|| m.allocation.percent().to_string());
                match allocation_field(ui, buf, &format!("Allocation of {name}"), m.allocation) {
                    AllocationInput::Changed(a) => {
                        m.allocation = a;
                        changed = true;
                    }
                    AllocationInput::Refused(msg) => {
                        self.error = Some(("Members".into(), msg));
                        self.scroll_error = true;
                    }
                    AllocationInput::Unchanged => {}
                }
                if ui.small_button("×").on_hover_text(remove_label).clicked() {
                    remove = Some(k);
                }
            });
        }
        if let Some(k) = remove {
            members.remove(k);
            changed = true;
        }
        changed
    }
}

fn error_box(ui: &mut egui::Ui, f: &ViewCtx, msg: &str) -> egui::Response {
    let color = f.tokens.severity(Severity::Error);
    egui::Frame::NONE
        .fill(color.gamma_multiply(0.12))
        .corner_radius(6.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.label(RichText::new(format!("Not applied: {msg}")).color(color));
        })
        .response
}

/// A new team's or initiative's first name names its id too (issue 20.8):
/// while the id is still the placeholder ("new-team", "new-team-2") and the
/// name the placeholder name, committing a name gives the id made from it
/// (unique), so files and comparisons read "team:payments-ops", not
/// "team:new-team". Once named, ids change only by hand.
fn first_name_id(
    commit: Option<Field>,
    named: Option<&str>,
    placeholder_name: &str,
    id: &str,
    placeholder_id: &str,
    name: &str,
    taken: impl Fn(&str) -> bool,
) -> Option<String> {
    let is_placeholder = id == placeholder_id
        || id
            .strip_prefix(placeholder_id)
            .and_then(|r| r.strip_prefix('-'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let name = name.trim();
    (commit == Some("Name")
        && named == Some(placeholder_name)
        && is_placeholder
        && !name.is_empty()
        && name != placeholder_name
        && !crate::model::slugify(name).is_empty())
    .then(|| crate::edit::fresh_id(name, |c| c != id && taken(c)))
}
