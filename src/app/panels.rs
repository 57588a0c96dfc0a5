//! The panels around the canvas: menu bar, status bar, palette (roles and
//! roster), inspector, gaps list, and the modal dialogs.

use super::canvas::{Drag, person_menu_items};
use super::files::DialogOutcome;
use super::{Action, Modal, OrgApp, SHORTCUTS, Selection, Tab};
use crate::catalog::{Capability, RoleCatalog, Severity};
use crate::edit::{CardId, Edit};
use crate::model::{
    Allocation, Date, Initiative, InitiativeKind, OpenSeat, Person, PersonId, RoleId, Subject,
    Team, TeamId, TeamKind, Waiver,
};
use crate::report::Format;
use egui::{Align2, FontId, RichText, Sense, Stroke, vec2};
use std::collections::{HashMap, HashSet};

#[derive(Default)]
pub struct PanelState {
    pub roster_search: String,
    pub gap_filter: String,
    pub hide_severity: [bool; 3],
    pub expanded: HashSet<usize>,
    /// The entity being edited, as it was when the draft was taken.
    origin: Option<Draft>,
    draft: Option<Draft>,
    /// Text buffers for numeric fields, by key.
    numbers: HashMap<String, String>,
    pub inspector_error: Option<String>,
    /// Roster order for (analysis version, query): recomputed only when
    /// either changes.
    roster: Option<(u64, String, Vec<usize>, usize)>,
    /// How many findings each severity group shows (more on request).
    shown: [usize; 4],
}

/// Findings shown per group before "Show more".
const GAPS_PAGE: usize = 40;

#[derive(Clone, Debug, PartialEq)]
enum Draft {
    Person(Person),
    Team(Team),
    Initiative(Initiative),
}

fn menu_item(ui: &mut egui::Ui, text: &str, action: &Action) -> bool {
    let mut b = egui::Button::new(text);
    if let Some(s) = action.shortcut() {
        b = b.shortcut_text(ui.ctx().format_shortcut(&s));
    }
    let clicked = ui.add(b).clicked();
    if clicked {
        ui.close();
    }
    clicked
}

pub fn menu_bar(app: &mut OrgApp, ui: &mut egui::Ui) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for (text, a) in [("New", Action::New), ("Open…", Action::Open)] {
                    if menu_item(ui, text, &a) {
                        app.act(a);
                    }
                }
                ui.menu_button("Open Recent", |ui| {
                    if app.settings.recent.is_empty() {
                        ui.weak("No recent files");
                    }
                    for p in app.settings.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            app.act(Action::OpenPath(p));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                for (text, a) in [("Save", Action::Save), ("Save As…", Action::SaveAs)] {
                    if menu_item(ui, text, &a) {
                        app.act(a);
                    }
                }
                ui.separator();
                ui.menu_button("Export report", |ui| {
                    for f in Format::ALL {
                        if ui.button(format!("{}…", f.label())).clicked() {
                            app.act(Action::ExportReport(f));
                            ui.close();
                        }
                    }
                });
                if menu_item(ui, "Export canvas as PNG…", &Action::ExportPng) {
                    app.act(Action::ExportPng);
                }
                ui.separator();
                if menu_item(ui, "Quit", &Action::Quit) {
                    app.act(Action::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo = app
                    .doc
                    .undo_label()
                    .map_or("Undo".to_string(), |l| format!("Undo {l}"));
                let redo = app
                    .doc
                    .redo_label()
                    .map_or("Redo".to_string(), |l| format!("Redo {l}"));
                if menu_item(ui, &undo, &Action::Undo) {
                    app.act(Action::Undo);
                }
                if menu_item(ui, &redo, &Action::Redo) {
                    app.act(Action::Redo);
                }
                ui.separator();
                if menu_item(ui, "Delete", &Action::Delete) {
                    app.act(Action::Delete);
                }
                if menu_item(ui, "Select all cards", &Action::SelectAll) {
                    app.act(Action::SelectAll);
                }
                ui.separator();
                for (text, a) in [
                    ("Add person", Action::AddPerson),
                    ("Add team", Action::AddTeam),
                    ("Add initiative", Action::AddInitiative),
                ] {
                    if menu_item(ui, text, &a) {
                        app.act(a);
                    }
                }
            });
            ui.menu_button("View", |ui| {
                for (text, a) in [
                    ("Fit to view", Action::FitView),
                    ("Zoom in", Action::ZoomIn),
                    ("Zoom out", Action::ZoomOut),
                    ("Zoom to 100%", Action::ZoomReset),
                ] {
                    if menu_item(ui, text, &a) {
                        app.tab = Tab::Canvas;
                        app.act(a);
                    }
                }
                ui.separator();
                ui.checkbox(&mut app.settings.show_palette, "Show palette");
                ui.checkbox(&mut app.settings.show_inspector, "Show inspector and gaps");
                ui.separator();
                let mut dark = app.settings.dark;
                if ui.checkbox(&mut dark, "Dark theme").changed() {
                    app.act(Action::ToggleTheme);
                }
                ui.separator();
                ui.radio_value(&mut app.tab, Tab::Canvas, "Canvas");
                ui.radio_value(&mut app.tab, Tab::Matrix, "Coverage matrix");
                ui.radio_value(&mut app.tab, Tab::Reporting, "Reporting lines");
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Rules reference").clicked() {
                    app.modal = Some(Modal::RulesReference { code: "C001" });
                    ui.close();
                }
                if ui.button("Keyboard shortcuts").clicked() {
                    app.modal = Some(Modal::Shortcuts);
                    ui.close();
                }
            });
        });
    });
}

pub fn status_bar(app: &mut OrgApp, ui: &mut egui::Ui) {
    let tokens = app.tokens();
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            let org = &app.doc.org();
            ui.label(format!(
                "{} · {} people · {} teams · {} initiatives",
                org.name,
                org.people.len(),
                org.teams.len(),
                org.initiatives.len()
            ));
            ui.separator();
            let s = app.doc.derived().summary;
            ui.colored_label(
                tokens.severity(Severity::Error),
                format!("{} errors", s.error),
            );
            ui.colored_label(
                tokens.severity(Severity::Warning),
                format!("{} warnings", s.warning),
            );
            ui.colored_label(tokens.severity(Severity::Info), format!("{} info", s.info));
            if s.waived > 0 {
                ui.weak(format!("{} waived", s.waived));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if app.doc.is_dirty() {
                    ui.weak("• unsaved changes");
                }
                let now = ui.input(|i| i.time);
                if let Some(t) = &app.toast {
                    if now - t.at < 8.0 {
                        let color = if t.error {
                            tokens.severity(Severity::Error)
                        } else {
                            tokens.text
                        };
                        ui.label(RichText::new(&t.text).color(color));
                        ui.ctx()
                            .request_repaint_after(std::time::Duration::from_secs(1));
                    } else {
                        app.toast = None;
                    }
                }
            });
        });
    });
}

/// A role chip in the palette: a drag source.
fn role_chip(
    ui: &mut egui::Ui,
    app: &OrgApp,
    role: &crate::catalog::RoleDef,
    edits: &mut Vec<Edit>,
) {
    let tokens = app.tokens();
    let text = role.abbrev.clone();
    let fill = tokens.role(role.id.as_str());
    let ink = super::theme::ink_on(fill);
    let galley = ui
        .painter()
        .layout_no_wrap(text.clone(), FontId::proportional(13.0), ink);
    let size = galley.size() + vec2(18.0, 8.0);
    let (rect, resp) = ui.allocate_exact_size(size, Sense::click_and_drag());
    let label = format!("{} role chip", role.abbrev);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if resp.dragged() {
        resp.dnd_set_drag_payload(Drag::Role(role.id.clone()));
    }
    ui.painter().rect_filled(
        rect,
        12.0,
        if resp.hovered() {
            fill.gamma_multiply(1.2)
        } else {
            fill
        },
    );
    ui.painter()
        .galley(rect.center() - galley.size() / 2.0, galley, ink);
    let provides: Vec<String> = Capability::ALL
        .iter()
        .filter_map(|c| {
            role.provision(*c)
                .map(|p| format!("{} {}", p.letter(), c.name()))
        })
        .collect();
    let resp = resp.on_hover_text(format!(
        "{}\n{}\n\nDrag onto a team to add an open seat; onto a seat or person to change its role.",
        role.name,
        provides.join("\n")
    ));
    resp.context_menu(|ui| {
        ui.menu_button("Add open seat to", |ui| {
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for t in &app.doc.org().teams {
                        if ui.button(&t.name).clicked() {
                            edits.push(Edit::AddSeat {
                                team: t.id.clone(),
                                role: role.id.clone(),
                            });
                            ui.close();
                        }
                    }
                });
        });
    });
}

pub fn palette(app: &mut OrgApp, ui: &mut egui::Ui) {
    let tokens = app.tokens();
    let mut edits = Vec::new();
    let mut actions = Vec::new();
    egui::Panel::left("palette")
        .resizable(true)
        .default_size(250.0)
        .size_range(200.0..=420.0)
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.strong("Roles");
            ui.weak("Drag a role onto a team for an open seat");
            ui.add_space(2.0);
            let cat = &app.doc.layout().catalog;
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing = vec2(5.0, 5.0);
                for role in cat.roles() {
                    role_chip(ui, app, role, &mut edits);
                }
            });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button("+ Person")
                    .on_hover_text("Add a person (unassigned)")
                    .clicked()
                {
                    actions.push(Action::AddPerson);
                }
                if ui.button("+ Team").clicked() {
                    actions.push(Action::AddTeam);
                }
                if ui.button("+ Initiative").clicked() {
                    actions.push(Action::AddInitiative);
                }
            });
            ui.separator();
            ui.strong("People");
            let search_label = ui.label("Search");
            ui.add(
                egui::TextEdit::singleline(&mut app.panels.roster_search)
                    .hint_text("name, id or role")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(search_label.id);
            let q = app.panels.roster_search.to_lowercase();
            let version = app.doc.revision();
            let fresh =
                matches!(&app.panels.roster, Some((v, rq, _, _)) if *v == version && *rq == q);
            if !fresh {
                let derived = app.doc.derived();
                let mut order: Vec<usize> = app
                    .doc
                    .org()
                    .people
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| {
                        q.is_empty()
                            || p.name.to_lowercase().contains(&q)
                            || p.id.as_str().contains(&q)
                            || cat.abbrev(&p.role).to_lowercase().contains(&q)
                    })
                    .map(|(i, _)| i)
                    .collect();
                // Unassigned people first: they are the ones to place.
                let org = &app.doc.org();
                order.sort_by_key(|&i| !derived.unassigned.contains(org.people[i].id.as_str()));
                let unassigned = order
                    .iter()
                    .filter(|&&i| derived.unassigned.contains(org.people[i].id.as_str()))
                    .count();
                app.panels.roster = Some((version, q.clone(), order, unassigned));
            }
            let derived = app.doc.derived();
            let (order, unassigned) = match &app.panels.roster {
                Some((_, _, o, u)) => (o.as_slice(), *u),
                None => (&[][..], 0),
            };
            ui.weak(format!("{} shown · {unassigned} unassigned", order.len()));
            let row_h = 24.0;
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show_rows(ui, row_h, order.len(), |ui, range| {
                    for p in order[range].iter().map(|&i| &app.doc.org().people[i]) {
                        let (rect, resp) = ui.allocate_exact_size(
                            vec2(ui.available_width(), row_h - 2.0),
                            Sense::click_and_drag(),
                        );
                        let label = format!("{} in roster", p.name);
                        resp.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                        });
                        if resp.dragged() {
                            resp.dnd_set_drag_payload(Drag::Person {
                                person: p.id.clone(),
                                from: None,
                            });
                        }
                        let is_unassigned = derived.unassigned.contains(p.id.as_str());
                        let selected =
                            matches!(&app.selection, Some(Selection::Person(s, _)) if s == &p.id);
                        let painter = ui.painter();
                        if selected {
                            painter.rect_filled(rect, 4.0, tokens.selection.gamma_multiply(0.25));
                        } else if is_unassigned {
                            painter.rect_filled(
                                rect,
                                4.0,
                                tokens.severity(Severity::Warning).gamma_multiply(0.18),
                            );
                        } else if resp.hovered() {
                            painter.rect_filled(rect, 4.0, tokens.chip_bg);
                        }
                        let abbrev = cat.abbrev(&p.role).to_string();
                        let bw = 10.0 + 6.6 * abbrev.chars().count() as f32;
                        let badge = egui::Rect::from_min_size(
                            rect.min + vec2(2.0, 3.0),
                            vec2(bw, rect.height() - 6.0),
                        );
                        painter.rect_filled(badge, 5.0, tokens.role(p.role.as_str()));
                        painter.text(
                            badge.center(),
                            Align2::CENTER_CENTER,
                            &abbrev,
                            FontId::proportional(11.0),
                            super::theme::ink_on(tokens.role(p.role.as_str())),
                        );
                        let total = derived.allocation.get(p.id.as_str()).copied().unwrap_or(0);
                        let (right_text, color) = if is_unassigned {
                            ("unassigned".to_string(), tokens.severity(Severity::Warning))
                        } else if total > 100 {
                            (format!("{total}%"), tokens.severity(Severity::Error))
                        } else {
                            (format!("{total}%"), tokens.weak_text)
                        };
                        painter.text(
                            rect.right_center() - vec2(4.0, 0.0),
                            Align2::RIGHT_CENTER,
                            &right_text,
                            FontId::proportional(11.0),
                            color,
                        );
                        let mut job = egui::text::LayoutJob::simple_singleline(
                            p.name.clone(),
                            FontId::proportional(13.0),
                            tokens.text,
                        );
                        job.wrap = egui::text::TextWrapping::truncate_at_width(
                            (rect.width() - bw - 80.0).max(20.0),
                        );
                        let g = painter.layout_job(job);
                        painter.galley(
                            egui::pos2(badge.right() + 6.0, rect.center().y - g.size().y / 2.0),
                            g,
                            tokens.text,
                        );
                        if resp.clicked() {
                            actions
                                .push(Action::Select(Some(Selection::Person(p.id.clone(), None))));
                        }
                        resp.on_hover_text(
                            "Drag onto a team, initiative or open seat; right-click for more",
                        )
                        .context_menu(|ui| {
                            person_menu_items(&app.doc, ui, &p.id, None, &mut edits)
                        });
                    }
                });
        });
    app.edits.extend(edits);
    app.actions.extend(actions);
}

pub fn right_panel(app: &mut OrgApp, ui: &mut egui::Ui) {
    egui::Panel::right("inspector")
        .resizable(true)
        .default_size(360.0)
        .size_range(280.0..=640.0)
        .show(ui, |ui| {
            let avail = ui.available_height();
            egui::ScrollArea::vertical()
                .id_salt("inspector-scroll")
                .max_height(avail * 0.5)
                .auto_shrink([false, true])
                .show(ui, |ui| inspector(app, ui));
            ui.separator();
            gaps(app, ui);
        });
}

/// Takes a fresh draft when the selection or the document changed under it.
fn sync_draft(app: &mut OrgApp) {
    let current = match &app.selection {
        Some(Selection::Person(p, _)) => app.doc.org().person(p).cloned().map(Draft::Person),
        Some(Selection::Team(t)) => app.doc.org().team(t).cloned().map(Draft::Team),
        Some(Selection::Initiative(i)) => {
            app.doc.org().initiative(i).cloned().map(Draft::Initiative)
        }
        None => None,
    };
    if current != app.panels.origin {
        app.panels.origin = current.clone();
        app.panels.draft = current;
        app.panels.numbers.clear();
        app.panels.inspector_error = None;
    }
}

/// Validates a draft by applying it to a copy; commits it if it is good.
fn commit(app: &mut OrgApp) {
    let (Some(origin), Some(draft)) = (&app.panels.origin, &app.panels.draft) else {
        return;
    };
    if origin == draft {
        app.panels.inspector_error = None;
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
    // Validated without copying the org.
    match crate::edit::validate(app.doc.org(), &edit) {
        Ok(()) => {
            app.panels.inspector_error = None;
            // Follow a renamed id.
            app.selection = match draft {
                Draft::Person(p) => Some(Selection::Person(p.id.clone(), None)),
                Draft::Team(t) => Some(Selection::Team(t.id.clone())),
                Draft::Initiative(i) => Some(Selection::Initiative(i.id.clone())),
            };
            app.panels.origin = app.panels.draft.clone();
            app.edits.push(edit);
        }
        Err(e) => app.panels.inspector_error = Some(e),
    }
}

fn text_field(ui: &mut egui::Ui, label: &str, value: &mut String, multiline: bool) -> bool {
    ui.label(label);
    let resp = if multiline {
        ui.add(
            egui::TextEdit::multiline(value)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
    } else {
        ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
    };
    let resp = resp.on_hover_text(label);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
    resp.lost_focus()
}

fn opt_text_field(ui: &mut egui::Ui, label: &str, value: &mut Option<String>) -> bool {
    let mut s = value.clone().unwrap_or_default();
    let done = text_field(ui, label, &mut s, false);
    *value = if s.trim().is_empty() { None } else { Some(s) };
    done
}

/// A percentage field that refuses values outside 1..=100.
fn allocation_field(
    ui: &mut egui::Ui,
    numbers: &mut HashMap<String, String>,
    key: &str,
    label: &str,
    current: Allocation,
    error: &mut Option<String>,
) -> Option<Allocation> {
    let buf = numbers
        .entry(key.to_string())
        .or_insert_with(|| current.percent().to_string());
    let resp = ui.add(egui::TextEdit::singleline(buf).desired_width(38.0));
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
    ui.label("%");
    if resp.lost_focus() {
        match buf.trim().parse::<u32>().ok().and_then(Allocation::new) {
            Some(a) if a != current => return Some(a),
            Some(_) => {}
            None => {
                *error = Some(format!(
                    "{label}: \"{}\" is not an allocation; use a whole number from 1 to 100",
                    buf.trim()
                ));
                *buf = current.percent().to_string();
            }
        }
    }
    None
}

/// A members list with allocation fields and remove buttons; returns whether
/// anything changed.
fn members_editor(
    ui: &mut egui::Ui,
    members: &mut Vec<crate::model::Member>,
    people: &[Person],
    numbers: &mut HashMap<String, String>,
    error: &mut Option<String>,
    remove_label: &str,
) -> bool {
    let mut changed = false;
    let mut remove = None;
    for (k, m) in members.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let name = people
                .iter()
                .find(|x| x.id == m.person)
                .map_or(m.person.to_string(), |x| x.name.clone());
            ui.label(&name);
            if let Some(a) = allocation_field(
                ui,
                numbers,
                &format!("member:{}", m.person),
                &format!("Allocation of {name}"),
                m.allocation,
                error,
            ) {
                m.allocation = a;
                changed = true;
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

fn person_picker(
    ui: &mut egui::Ui,
    id: &str,
    label: &str,
    people: &[Person],
    value: &mut Option<PersonId>,
    allow_none: bool,
) -> bool {
    let shown = value
        .as_ref()
        .and_then(|v| people.iter().find(|p| &p.id == v))
        .map_or("(nobody)".to_string(), |p| p.name.clone());
    let mut changed = false;
    ui.label(label);
    let r = egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .width(ui.available_width() - 8.0)
        .height(320.0)
        .show_ui(ui, |ui| {
            if allow_none && ui.selectable_label(value.is_none(), "(nobody)").clicked() {
                *value = None;
                changed = true;
            }
            for p in people {
                if ui
                    .selectable_label(value.as_ref() == Some(&p.id), &p.name)
                    .clicked()
                {
                    *value = Some(p.id.clone());
                    changed = true;
                }
            }
        });
    name_widget(&r.response, egui::Role::ComboBox, label);
    changed
}

/// Gives a widget an accessible name (screen readers, UI tests).
fn name_widget(r: &egui::Response, role: egui::Role, name: &str) {
    r.widget_info(|| egui::WidgetInfo::labeled(role, true, name));
}

fn role_picker(ui: &mut egui::Ui, id: &str, cat: &RoleCatalog, value: &mut RoleId) -> bool {
    let mut changed = false;
    let r = egui::ComboBox::from_id_salt(id)
        .selected_text(
            cat.get(value)
                .map_or(value.to_string(), |r| format!("{} — {}", r.abbrev, r.name)),
        )
        .width(ui.available_width() - 8.0)
        .show_ui(ui, |ui| {
            for r in cat.roles() {
                if ui
                    .selectable_label(&r.id == value, format!("{} — {}", r.abbrev, r.name))
                    .clicked()
                {
                    *value = r.id.clone();
                    changed = true;
                }
            }
        });
    name_widget(&r.response, egui::Role::ComboBox, &format!("Role ({id})"));
    changed
}

fn inspector(app: &mut OrgApp, ui: &mut egui::Ui) {
    sync_draft(app);
    ui.add_space(4.0);
    let cat = &app.doc.layout().catalog;
    let people = app.doc.org().people.as_slice();
    let mut done = false;
    let mut membership_edits: Vec<Edit> = Vec::new();
    let mut error = None;
    if !app.multi.is_empty() {
        ui.heading(format!("{} cards selected", app.multi.len()));
        ui.weak("Drag any selected card by its header to move them together. Delete removes them all (undo brings them back). Escape clears the selection.");
        if ui.button("Clear selection").clicked() {
            app.act(Action::Select(None));
        }
        return;
    }
    let Some(mut draft) = app.panels.draft.clone() else {
        ui.heading("Org");
        let mut name = app.doc.org().name.clone();
        if text_field(ui, "Org name", &mut name, false) && name != app.doc.org().name {
            app.edits.push(Edit::SetOrgName(name));
        }
        ui.add_space(6.0);
        ui.weak("Select a card, a person chip or a roster entry to edit it here. Drag people and roles onto teams and initiatives; the gaps below update as you go.");
        return;
    };
    let grid = |ui: &mut egui::Ui, f: &mut dyn FnMut(&mut egui::Ui)| {
        ui.vertical(|ui| {
            ui.spacing_mut().item_spacing.y = 3.0;
            f(ui)
        });
    };
    match &mut draft {
        Draft::Person(p) => {
            ui.heading(format!("Person: {}", p.name));
            grid(ui, &mut |ui| {
                done |= text_field(ui, "Name", &mut p.name, false);
                let mut id = p.id.to_string();
                done |= text_field(ui, "Person id", &mut id, false);
                p.id = PersonId::new(id);
                ui.label("Role");
                done |= role_picker(ui, "insp-role", cat, &mut p.role);
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
                            done = true;
                        }
                    }
                });
                done |= opt_text_field(ui, "Level", &mut p.level);
                let others: Vec<Person> = people.iter().filter(|x| x.id != p.id).cloned().collect();
                done |= person_picker(ui, "insp-manager", "Manager", &others, &mut p.manager, true);
                ui.label("Dotted-line managers");
                let mut remove = None;
                for (k, d) in p.dotted.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(
                            people
                                .iter()
                                .find(|x| &x.id == d)
                                .map_or(d.to_string(), |x| x.name.clone()),
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
                    done = true;
                }
                let mut add = None;
                if person_picker(
                    ui,
                    "insp-dotted",
                    "Add dotted-line manager",
                    &others,
                    &mut add,
                    false,
                ) && let Some(a) = add
                    && !p.dotted.contains(&a)
                {
                    p.dotted.push(a);
                    done = true;
                }
                done |= text_field(ui, "Note", &mut p.note, true);
            });
            // Memberships, with allocations.
            ui.add_space(6.0);
            ui.strong("Teams and initiatives");
            let pid = app.panels.origin.as_ref().map(|o| match o {
                Draft::Person(o) => o.id.clone(),
                _ => p.id.clone(),
            });
            if let Some(pid) = pid {
                let org = &app.doc.org();
                let mut total = 0;
                for t in &org.teams {
                    if let Some(m) = t.member(&pid) {
                        total += m.allocation.percent();
                        ui.horizontal(|ui| {
                            ui.label(&t.name);
                            let key = format!("team:{}", t.id);
                            if let Some(a) = allocation_field(
                                ui,
                                &mut app.panels.numbers,
                                &key,
                                &format!("Allocation in {}", t.name),
                                m.allocation,
                                &mut error,
                            ) {
                                membership_edits.push(Edit::SetAllocation {
                                    card: CardId::Team(t.id.clone()),
                                    person: pid.clone(),
                                    allocation: a,
                                });
                            }
                            if ui
                                .small_button("×")
                                .on_hover_text("Remove from team")
                                .clicked()
                            {
                                membership_edits.push(Edit::RemoveFromTeam {
                                    team: t.id.clone(),
                                    person: pid.clone(),
                                });
                            }
                        });
                    }
                }
                for i in &org.initiatives {
                    if let Some(m) = i.members.iter().find(|m| m.person == pid) {
                        total += m.allocation.percent();
                        ui.horizontal(|ui| {
                            ui.label(format!("{} (initiative)", i.name));
                            let key = format!("ini:{}", i.id);
                            if let Some(a) = allocation_field(
                                ui,
                                &mut app.panels.numbers,
                                &key,
                                &format!("Allocation in {}", i.name),
                                m.allocation,
                                &mut error,
                            ) {
                                membership_edits.push(Edit::SetAllocation {
                                    card: CardId::Initiative(i.id.clone()),
                                    person: pid.clone(),
                                    allocation: a,
                                });
                            }
                            if ui
                                .small_button("×")
                                .on_hover_text("Remove from initiative")
                                .clicked()
                            {
                                membership_edits.push(Edit::RemoveFromInitiative {
                                    initiative: i.id.clone(),
                                    person: pid.clone(),
                                });
                            }
                        });
                    }
                }
                let tokens = app.tokens();
                let color = if total > 100 {
                    tokens.severity(Severity::Error)
                } else {
                    tokens.weak_text
                };
                ui.colored_label(color, format!("Allocated {total}% in all"));
                ui.horizontal(|ui| {
                    ui.menu_button("Add to team…", |ui| {
                        egui::ScrollArea::vertical()
                            .max_height(320.0)
                            .show(ui, |ui| {
                                for t in org.teams.iter().filter(|t| t.member(&pid).is_none()) {
                                    if ui.button(&t.name).clicked() {
                                        membership_edits.push(Edit::AddToTeam {
                                            team: t.id.clone(),
                                            person: pid.clone(),
                                            allocation: app.doc.derived().default_allocation(&pid),
                                        });
                                        ui.close();
                                    }
                                }
                            });
                    });
                    ui.menu_button("Add to initiative…", |ui| {
                        egui::ScrollArea::vertical()
                            .max_height(320.0)
                            .show(ui, |ui| {
                                for i in org
                                    .initiatives
                                    .iter()
                                    .filter(|i| !i.members.iter().any(|m| m.person == pid))
                                {
                                    if ui.button(&i.name).clicked() {
                                        membership_edits.push(Edit::AddToInitiative {
                                            initiative: i.id.clone(),
                                            person: pid.clone(),
                                            allocation: app.doc.derived().default_allocation(&pid),
                                        });
                                        ui.close();
                                    }
                                }
                            });
                    });
                });
            }
        }
        Draft::Team(t) => {
            ui.heading(format!("Team: {}", t.name));
            grid(ui, &mut |ui| {
                done |= text_field(ui, "Name", &mut t.name, false);
                let mut id = t.id.to_string();
                done |= text_field(ui, "Team id", &mut id, false);
                t.id = TeamId::new(id);
                ui.label("Kind");
                let cb = egui::ComboBox::from_id_salt("insp-kind")
                    .selected_text(t.kind.name())
                    .show_ui(ui, |ui| {
                        for k in TeamKind::ALL {
                            if ui.selectable_value(&mut t.kind, k, k.name()).clicked() {
                                done = true;
                            }
                        }
                    });
                name_widget(&cb.response, egui::Role::ComboBox, "Team kind");
                ui.label("Open seats");
                let mut remove = None;
                for (k, seat) in t.open_seats.iter_mut().enumerate() {
                    ui.horizontal(|ui| {
                        if role_picker(ui, &format!("seat-role-{k}"), cat, &mut seat.role) {
                            done = true;
                        }
                        if ui.small_button("×").on_hover_text("Remove seat").clicked() {
                            remove = Some(k);
                        }
                    });
                    done |= text_field(ui, &format!("Seat {} note", k + 1), &mut seat.note, false);
                }
                if let Some(k) = remove {
                    t.open_seats.remove(k);
                    done = true;
                }
                ui.menu_button("Add open seat…", |ui| {
                    for r in cat.roles() {
                        if ui.button(format!("{} — {}", r.abbrev, r.name)).clicked() {
                            t.open_seats.push(OpenSeat {
                                role: r.id.clone(),
                                note: String::new(),
                            });
                            done = true;
                            ui.close();
                        }
                    }
                });
                ui.label("Depends on");
                let mut remove = None;
                for (k, d) in t.depends_on.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(
                            app.doc
                                .org()
                                .team(d)
                                .map_or(d.to_string(), |x| x.name.clone()),
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
                    done = true;
                }
                ui.menu_button("Add dependency…", |ui| {
                    let (own, deps) = (t.id.clone(), t.depends_on.clone());
                    egui::ScrollArea::vertical()
                        .max_height(320.0)
                        .show(ui, |ui| {
                            for o in app
                                .doc
                                .org()
                                .teams
                                .iter()
                                .filter(|o| o.id != own && !deps.contains(&o.id))
                            {
                                if ui.button(&o.name).clicked() {
                                    t.depends_on.push(o.id.clone());
                                    done = true;
                                    ui.close();
                                }
                            }
                        });
                });
                ui.label("Members");
                done |= members_editor(
                    ui,
                    &mut t.members,
                    people,
                    &mut app.panels.numbers,
                    &mut error,
                    "Remove from team",
                );
                done |= text_field(ui, "Note", &mut t.note, true);
            });
        }
        Draft::Initiative(i) => {
            ui.heading(format!("Initiative: {}", i.name));
            grid(ui, &mut |ui| {
                done |= text_field(ui, "Name", &mut i.name, false);
                let mut id = i.id.to_string();
                done |= text_field(ui, "Initiative id", &mut id, false);
                i.id = crate::model::InitiativeId::new(id);
                ui.label("Kind");
                let cb = egui::ComboBox::from_id_salt("insp-ini-kind")
                    .selected_text(i.kind.name())
                    .show_ui(ui, |ui| {
                        for k in InitiativeKind::ALL {
                            if ui.selectable_value(&mut i.kind, k, k.name()).clicked() {
                                done = true;
                            }
                        }
                    });
                name_widget(&cb.response, egui::Role::ComboBox, "Initiative kind");
                ui.label("Teams it spans");
                ui.horizontal_wrapped(|ui| {
                    for t in &app.doc.org().teams {
                        let mut on = i.teams.contains(&t.id);
                        if ui.checkbox(&mut on, &t.name).changed() {
                            if on {
                                i.teams.push(t.id.clone());
                            } else {
                                i.teams.retain(|x| x != &t.id);
                            }
                            done = true;
                        }
                    }
                });
                done |= person_picker(ui, "insp-lead", "Lead", people, &mut i.lead, true);
                done |= person_picker(ui, "insp-sponsor", "Sponsor", people, &mut i.sponsor, true);
                done |= opt_text_field(ui, "Outcome", &mut i.outcome);
                ui.label("Members");
                done |= members_editor(
                    ui,
                    &mut i.members,
                    people,
                    &mut app.panels.numbers,
                    &mut error,
                    "Remove from initiative",
                );
                done |= text_field(ui, "Note", &mut i.note, true);
            });
        }
    }
    app.panels.draft = Some(draft);
    if let Some(e) = error {
        app.panels.inspector_error = Some(e);
    }
    if done {
        commit(app);
    }
    app.edits.extend(membership_edits);
    if let Some(e) = app.panels.inspector_error.clone() {
        let tokens = app.tokens();
        ui.add_space(4.0);
        egui::Frame::NONE
            .fill(tokens.severity(Severity::Error).gamma_multiply(0.15))
            .corner_radius(6.0)
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.colored_label(
                    tokens.severity(Severity::Error),
                    format!("Not applied: {e}"),
                );
                if ui.button("Revert").clicked() {
                    app.panels.draft = app.panels.origin.clone();
                    app.panels.numbers.clear();
                    app.panels.inspector_error = None;
                }
            });
    }
    ui.add_space(8.0);
    if ui
        .button("Delete…")
        .on_hover_text("Delete this from the org (undo brings it back)")
        .clicked()
    {
        app.act(Action::Delete);
    }
}

fn gaps(app: &mut OrgApp, ui: &mut egui::Ui) {
    let tokens = app.tokens();
    ui.horizontal(|ui| {
        ui.strong("Gaps");
        let s = app.doc.derived().summary;
        for (k, (sev, n)) in [
            (Severity::Error, s.error),
            (Severity::Warning, s.warning),
            (Severity::Info, s.info),
        ]
        .into_iter()
        .enumerate()
        {
            let on = !app.panels.hide_severity[k];
            let text = RichText::new(format!("{n} {}", sev.id())).color(if on {
                tokens.severity(sev)
            } else {
                tokens.weak_text
            });
            if ui
                .selectable_label(on, text)
                .on_hover_text("Show or hide")
                .clicked()
            {
                app.panels.hide_severity[k] = !app.panels.hide_severity[k];
            }
        }
    });
    let filter_label = ui.label("Filter gaps");
    ui.add(
        egui::TextEdit::singleline(&mut app.panels.gap_filter)
            .hint_text("text, code or name")
            .desired_width(f32::INFINITY),
    )
    .labelled_by(filter_label.id);
    let q = app.panels.gap_filter.to_lowercase();
    let mut actions = Vec::new();
    let mut modal = None;
    let mut edits = Vec::new();
    let OrgApp { doc, panels, .. } = app;
    egui::ScrollArea::vertical()
        .id_salt("gaps-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let findings = &doc.derived().report.findings;
            let matches = |f: &crate::rules::Finding| {
                q.is_empty()
                    || f.message.to_lowercase().contains(&q)
                    || f.rule.code.to_lowercase().contains(&q)
                    || f.rule.name.contains(&q)
                    || f.subject.to_string().contains(&q)
            };
            for (k, sev) in Severity::REPORTED.into_iter().enumerate() {
                if panels.hide_severity[k] {
                    continue;
                }
                let list: Vec<(usize, &crate::rules::Finding)> = findings
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.severity == sev && !f.waived() && matches(f))
                    .collect();
                if list.is_empty() {
                    continue;
                }
                egui::CollapsingHeader::new(
                    RichText::new(format!("{} ({})", sev.title(), list.len()))
                        .color(tokens.severity(sev))
                        .strong(),
                )
                .id_salt(("gaps", k))
                .default_open(sev != Severity::Info)
                .show(ui, |ui| {
                    // Long lists are paged: laying out thousands of rows
                    // every frame would make the whole app sluggish.
                    let limit = panels.shown[k].max(GAPS_PAGE);
                    let total = list.len();
                    for (i, f) in list.into_iter().take(limit) {
                        finding_row(
                            &mut panels.expanded,
                            ui,
                            i,
                            f,
                            &tokens,
                            &mut actions,
                            &mut modal,
                        );
                    }
                    if total > limit
                        && ui
                            .button(format!(
                                "Show {} more of {}",
                                (total - limit).min(GAPS_PAGE),
                                total - limit
                            ))
                            .clicked()
                    {
                        panels.shown[k] = limit + GAPS_PAGE;
                    }
                });
            }
            let waived: Vec<(usize, &crate::rules::Finding)> = findings
                .iter()
                .enumerate()
                .filter(|(_, f)| f.waived() && matches(f))
                .collect();
            if !waived.is_empty() {
                egui::CollapsingHeader::new(format!("Waived ({})", waived.len()))
                    .id_salt("gaps-waived")
                    .default_open(false)
                    .show(ui, |ui| {
                        for (_, f) in waived {
                            let w = f
                                .waived_by
                                .and_then(|i| doc.org().waivers.get(i).map(|w| (i, w)));
                            ui.horizontal_wrapped(|ui| {
                                ui.monospace(f.rule.code);
                                if ui.link(&f.message).clicked() {
                                    actions.push(Action::Reveal(f.subject.clone()));
                                }
                            });
                            if let Some((wi, w)) = w {
                                ui.weak(format!(
                                    "Waived: {}{}",
                                    w.reason,
                                    w.until.map_or(String::new(), |d| format!(" (until {d})"))
                                ));
                                if ui.small_button("Unwaive").clicked() {
                                    edits.push(Edit::RemoveWaiver(wi));
                                }
                            }
                            ui.separator();
                        }
                    });
            }
            if findings.is_empty() {
                ui.weak("No gaps: every duty the policy asks for is covered.");
            }
        });
    app.actions.extend(actions);
    app.edits.extend(edits);
    if modal.is_some() {
        app.modal = modal;
    }
}

fn finding_row(
    expanded_set: &mut HashSet<usize>,
    ui: &mut egui::Ui,
    i: usize,
    f: &crate::rules::Finding,
    tokens: &super::theme::Tokens,
    actions: &mut Vec<Action>,
    modal: &mut Option<Modal>,
) {
    let expanded = expanded_set.contains(&i);
    ui.horizontal(|ui| {
        let (bar, _) = ui.allocate_exact_size(vec2(4.0, 18.0), Sense::hover());
        ui.painter()
            .rect_filled(bar, 2.0, tokens.severity(f.severity));
        let (r, toggle) = ui.allocate_exact_size(vec2(16.0, 16.0), Sense::click());
        egui::collapsing_header::paint_default_icon(
            ui,
            if expanded { 1.0 } else { 0.0 },
            &toggle.clone().with_new_rect(r),
        );
        if toggle.on_hover_text("Why it matters").clicked() {
            if expanded {
                expanded_set.remove(&i);
            } else {
                expanded_set.insert(i);
            }
        }
        ui.monospace(f.rule.code).on_hover_text(f.rule.name);
    });
    let resp = ui.add(egui::Label::new(&f.message).sense(Sense::click()).wrap());
    if resp.clicked() {
        actions.push(Action::Reveal(f.subject.clone()));
    }
    resp.on_hover_text("Click to select and show it");
    if expanded {
        egui::Frame::NONE
            .inner_margin(egui::Margin {
                left: 10,
                right: 4,
                top: 2,
                bottom: 4,
            })
            .show(ui, |ui| {
                ui.label(RichText::new("Why it matters").strong());
                ui.label(f.rule.paragraphs("Why it matters").join("\n\n"));
                ui.label(RichText::new("How to fix").strong());
                ui.label(f.rule.paragraphs("How to fix").join("\n\n"));
                ui.horizontal(|ui| {
                    if ui.button("Waive…").clicked() {
                        *modal = Some(Modal::Waive {
                            rule: f.rule.code,
                            subject: f.subject.clone(),
                            capability: f.capability,
                            message: f.message.clone(),
                            reason: String::new(),
                            until: String::new(),
                            error: None,
                        });
                    }
                    if ui.button("Rule docs").clicked() {
                        *modal = Some(Modal::RulesReference { code: f.rule.code });
                    }
                });
            });
    }
    ui.add_space(2.0);
    let _ = Stroke::NONE;
}

fn centered_modal(
    ctx: &egui::Context,
    id: &str,
    add: impl FnOnce(&mut egui::Ui),
) -> egui::ModalResponse<()> {
    egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(560.0);
        add(ui)
    })
}

pub fn modals(app: &mut OrgApp, ctx: &egui::Context) {
    let Some(modal) = app.modal.take() else {
        return;
    };
    let mut keep = true;
    let mut next: Option<Modal> = None;
    let mut modal = modal;
    match &mut modal {
        Modal::Unsaved { then } => {
            let then = then.clone();
            let r = centered_modal(ctx, "unsaved", |ui| {
                ui.heading("Save changes?");
                ui.label(format!(
                    "{} has unsaved changes. Save them before you go on?",
                    app.doc.org().name
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        keep = false;
                        match app.doc.path.clone() {
                            Some(p) => {
                                if app.save_to(ctx, p) {
                                    app.act(then.clone());
                                }
                            }
                            None => {
                                app.files.after_save = Some(then.clone());
                                app.act(Action::SaveAs);
                            }
                        }
                    }
                    if ui.button("Discard").clicked() {
                        keep = false;
                        app.skip_unsaved_check = true;
                        app.act(then.clone());
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            });
            if r.should_close() {
                keep = false;
            }
        }
        Modal::ConfirmRole { person, role } => {
            let cat = RoleCatalog::new(&app.doc.org().roles);
            let name = app
                .doc
                .org()
                .person(person)
                .map_or(person.to_string(), |p| p.name.clone());
            let from = app
                .doc
                .org()
                .person(person)
                .map_or(String::new(), |p| cat.abbrev(&p.role).to_string());
            let r = centered_modal(ctx, "confirm-role", |ui| {
                ui.heading("Change role?");
                ui.label(format!(
                    "Change {name}'s role from {from} to {}?",
                    cat.abbrev(role)
                ));
                ui.horizontal(|ui| {
                    if ui.button("Change role").clicked() {
                        app.edits.push(Edit::SetPersonRole {
                            person: person.clone(),
                            role: role.clone(),
                        });
                        keep = false;
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            });
            if r.should_close() {
                keep = false;
            }
        }
        Modal::Waive {
            rule,
            subject,
            capability,
            message,
            reason,
            until,
            error,
        } => {
            let r = centered_modal(ctx, "waive", |ui| {
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
                                app.edits.push(Edit::AddWaiver(Waiver {
                                    rule: rule.to_string(),
                                    subject: subject.clone(),
                                    capability: *capability,
                                    reason: reason.trim().to_string(),
                                    until: d,
                                }));
                                keep = false;
                            }
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            });
            if r.should_close() {
                keep = false;
            }
        }
        Modal::Error { title, message } => {
            let r = centered_modal(ctx, "error", |ui| {
                ui.heading(title.as_str());
                ui.label(RichText::new(message.as_str()).monospace());
                ui.weak("Nothing was changed.");
                if ui.button("OK").clicked() {
                    keep = false;
                }
            });
            if r.should_close() {
                keep = false;
            }
        }
        Modal::ChangedOnDisk { path } => {
            let name = crate::sanitize::path(path);
            let r = centered_modal(ctx, "changed-on-disk", |ui| {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "{name} was changed by another program since you opened or saved it here. Overwrite it with your version, save yours under another name, or cancel?"
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Overwrite").clicked() {
                        keep = false;
                        let then = app.files.after_save.take();
                        if app.save_to_checked(ctx, path.clone(), false)
                            && let Some(then) = then
                        {
                            app.act(then);
                        }
                    }
                    if ui.button("Save As…").clicked() {
                        keep = false;
                        app.act(Action::SaveAs);
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            });
            if r.should_close() {
                keep = false;
            }
        }
        Modal::ConfirmReplace { purpose, path } => {
            let name = path.file_name().map_or_else(
                || crate::sanitize::path(path),
                |n| crate::sanitize::visible(&n.to_string_lossy()).into_owned(),
            );
            let r = centered_modal(ctx, "confirm-replace", |ui| {
                ui.heading(format!("Replace {name}?"));
                ui.label(format!(
                    "A file named {name} already exists in {}. Replacing it overwrites what it holds.",
                    path.parent().map_or_else(String::new, crate::sanitize::path)
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Replace").clicked() {
                        keep = false;
                        app.write_chosen(ctx, *purpose, path.clone());
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                        app.files.after_save = None;
                    }
                });
            });
            if r.should_close() {
                keep = false;
            }
        }
        Modal::Recovery { org, path, saved } => {
            let r = centered_modal(ctx, "recovery", |ui| {
                ui.heading("Restore unsaved work?");
                ui.label(format!(
                    "orgplan did not close cleanly last time. Autosaved work from {saved} is available: \"{}\"{}.",
                    org.name,
                    path.as_ref().map_or(String::new(), |p| format!(" ({})", p.display()))
                ));
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        app.doc = super::Document::new_dirty((**org).clone(), path.clone());
                        app.canvas.request_fit();
                        keep = false;
                    }
                    if ui.button("Discard it").clicked() {
                        if let Some(r) = &app.recovery {
                            r.clear();
                        }
                        keep = false;
                    }
                });
            });
            let _ = r;
        }
        Modal::File(dialog) => {
            let mut outcome = None;
            let r = centered_modal(ctx, "file-dialog", |ui| outcome = dialog.ui(ui));
            match outcome {
                Some(DialogOutcome::Chosen(p)) => {
                    app.files.chosen(dialog.purpose, p);
                    keep = false;
                }
                Some(DialogOutcome::Cancel) => keep = false,
                None if r.should_close() => keep = false,
                None => {}
            }
        }
        Modal::Shortcuts => {
            let r = centered_modal(ctx, "shortcuts", |ui| {
                ui.heading("Keyboard shortcuts");
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (k, v) in SHORTCUTS {
                        ui.monospace(*k);
                        ui.label(*v);
                        ui.end_row();
                    }
                });
                if ui.button("Close").clicked() {
                    keep = false;
                }
            });
            if r.should_close() {
                keep = false;
            }
        }
        Modal::RulesReference { code } => {
            let mut chosen = *code;
            let r = centered_modal(ctx, "rules", |ui| {
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
                name_widget(&cb.response, egui::Role::ComboBox, "Rule");
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
            if r.should_close() {
                keep = false;
            }
        }
    }
    if keep && app.modal.is_none() {
        app.modal = Some(modal);
    } else if let Some(n) = next.take() {
        app.modal = Some(n);
    }
    let _ = (&mut next, Subject::Org);
}
