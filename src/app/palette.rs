//! The left panel: role chips to drag, buttons to add people, teams and
//! initiatives, and the people roster (search, unassigned first).

use super::canvas::{Drag, menus};
use super::command::{Action, Command};
use super::widgets::{badge, badge_width, name_widget};
use super::{Commands, Selection, ViewCtx};
use crate::catalog::{Capability, RoleDef, Severity};
use crate::edit::Edit;
use egui::{FontId, Sense, vec2};

/// The roster order for one state of one document and one query.
struct Roster {
    /// (document revision, analysis revision, risk revision, order,
    /// query): revisions never repeat across documents, so this can never
    /// show another org's list.
    key: (u64, u64, Option<u64>, Sort, String),
    order: Vec<usize>,
    unassigned: usize,
}

/// How the roster is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Unassigned people first (they are the ones to place), then as in the file.
    #[default]
    Unassigned,
    /// By what their departure opens (View → Key-person risk): most first.
    Risk,
    Name,
}

impl Sort {
    fn text(self) -> &'static str {
        match self {
            Sort::Unassigned => "Unassigned first",
            Sort::Risk => "Key-person risk",
            Sort::Name => "Name",
        }
    }
}

#[derive(Default)]
pub struct PaletteView {
    pub search: String,
    pub sort: Sort,
    roster: Option<Roster>,
}

/// A role chip in the palette: a drag source.
fn role_chip(ui: &mut egui::Ui, f: &ViewCtx, role: &RoleDef, edits: &mut Vec<Edit>) {
    let fill = f.tokens.role(role.id.as_str());
    let ink = super::theme::ink_on(fill);
    let galley = ui
        .painter()
        .layout_no_wrap(role.abbrev.clone(), FontId::proportional(13.0), ink);
    let size = galley.size() + vec2(18.0, 8.0);
    let (rect, resp) = ui.allocate_exact_size(size, Sense::click_and_drag());
    name_widget(
        &resp,
        egui::Role::Button,
        &format!("{} role chip", role.abbrev),
    );
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
    let resp = resp.on_hover_ui(|ui| {
        let provides: Vec<String> = Capability::ALL
            .iter()
            .filter_map(|c| role.provision(*c).map(|p| format!("{} {}", p.letter(), c.name())))
            .collect();
        ui.label(format!(
            "{}\n{}\n\nDrag onto a team to add an open seat; onto a seat or person to change its role.",
            role.name,
            provides.join("\n")
        ));
    });
    resp.context_menu(|ui| {
        let teams: Vec<(String, crate::model::TeamId)> = f
            .doc
            .org()
            .teams
            .iter()
            .map(|t| (t.name.clone(), t.id.clone()))
            .collect();
        ui.menu_button("Add open seat to", |ui| {
            if let Some(i) = super::widgets::pick_list(
                ui,
                ui.scope_id().with("seat-to"),
                teams.len(),
                |i| teams[i].0.clone(),
                |i, q| super::widgets::matches(q, &[&teams[i].0]),
            ) {
                edits.push(Edit::AddSeat {
                    team: teams[i].1.clone(),
                    role: role.id.clone(),
                });
            }
        });
    });
}

impl PaletteView {
    /// The roster's order picker. Choosing key-person risk turns the
    /// overlay on.
    fn sort_ui(&mut self, ui: &mut egui::Ui, f: &ViewCtx, out: &mut Commands) {
        let shown = match self.sort {
            Sort::Risk if !f.doc.risk_on() => Sort::Unassigned,
            s => s,
        };
        let mut pick = shown;
        ui.horizontal(|ui| {
            let l = ui.label("Sort");
            // Never wider than the palette: a wider row widens the roster
            // under it, whose right edge is then cut.
            egui::ComboBox::from_id_salt("roster-sort")
                .selected_text(pick.text())
                .width((ui.available_width() - 8.0).clamp(60.0, 180.0))
                .truncate()
                .show_ui(ui, |ui| {
                    for s in [Sort::Unassigned, Sort::Risk, Sort::Name] {
                        ui.selectable_value(&mut pick, s, s.text());
                    }
                })
                .response
                .labelled_by(l.id);
        });
        if pick != shown {
            self.sort = pick;
            if pick == Sort::Risk && !f.doc.risk_on() {
                out.actions.push(Action::Run(Command::ToggleRisk));
            }
        }
    }

    /// The roster's order (filtered by the search, sorted by `sort`), made
    /// again only when the document, its analysis or risk, the sort or the
    /// query changed.
    fn refresh_roster(&mut self, f: &ViewCtx, sort: Sort) {
        let doc = f.doc;
        let cat = &doc.layout().catalog;
        let q = self.search.trim().to_lowercase();
        let derived = doc.derived();
        let risk = doc.risk();
        let key = (
            doc.revision(),
            derived.revision,
            risk.map(|r| r.revision),
            sort,
            q.clone(),
        );
        if self.roster.as_ref().is_none_or(|r| r.key != key) {
            let org = doc.org();
            let mut order: Vec<usize> = org
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
            match (sort, risk) {
                (Sort::Risk, Some(r)) => order.sort_by_key(|&i| r.rank(&org.people[i].id)),
                (Sort::Name, _) => {
                    order.sort_by_cached_key(|&i| org.people[i].name.to_lowercase());
                }
                // Unassigned people first: they are the ones to place.
                _ => {
                    order.sort_by_key(|&i| !derived.unassigned.contains(org.people[i].id.as_str()))
                }
            }
            let unassigned = order
                .iter()
                .filter(|&&i| derived.unassigned.contains(org.people[i].id.as_str()))
                .count();
            self.roster = Some(Roster {
                key,
                order,
                unassigned,
            });
        }
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, f: &ViewCtx, out: &mut Commands) {
        let doc = f.doc;
        ui.add_space(6.0);
        ui.strong("Roles");
        ui.weak("Drag a role onto a team for an open seat");
        ui.add_space(2.0);
        let cat = &doc.layout().catalog;
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing = vec2(5.0, 5.0);
            for role in cat.roles() {
                role_chip(ui, f, role, &mut out.edits);
            }
        });
        ui.add_space(8.0);
        // Wrapped: a narrow palette (a small window) keeps them inside.
        ui.horizontal_wrapped(|ui| {
            for (text, c) in [
                ("+ Person", Command::AddPerson),
                ("+ Team", Command::AddTeam),
                ("+ Initiative", Command::AddInitiative),
            ] {
                if ui.button(text).on_hover_text(c.tooltip()).clicked() {
                    out.actions.push(c.into());
                }
            }
        });
        ui.separator();
        ui.strong("People");
        let search_label = ui.label("Search");
        ui.add(
            egui::TextEdit::singleline(&mut self.search)
                .hint_text("name, id or role")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(search_label.id);
        self.sort_ui(ui, f, out);
        // Sorting by risk needs the overlay; with it off, the default order.
        let sort = match self.sort {
            Sort::Risk if !doc.risk_on() => Sort::Unassigned,
            s => s,
        };
        self.refresh_roster(f, sort);
        let Some(roster) = &self.roster else { return };
        ui.weak(format!(
            "{} shown · {} unassigned",
            roster.order.len(),
            roster.unassigned
        ));
        let org = doc.org();
        let row_h = 24.0;
        egui::ScrollArea::vertical()
            .id_salt("roster")
            .auto_shrink([false, false])
            .show_rows(ui, row_h, roster.order.len(), |ui, range| {
                for &i in &roster.order[range] {
                    if let Some(p) = org.people.get(i) {
                        roster_row(ui, f, p, row_h, out);
                    }
                }
            });
    }
}

/// One roster row: the role badge, the name, the allocation (or
/// "unassigned"), the key-person risk bar; drag, click and context menu.
fn roster_row(
    ui: &mut egui::Ui,
    f: &ViewCtx,
    p: &crate::model::Person,
    row_h: f32,
    out: &mut Commands,
) {
    let doc = f.doc;
    let tokens = f.tokens;
    let cat = &doc.layout().catalog;
    let derived = doc.derived();
    let (rect, resp) = ui.allocate_exact_size(
        vec2(ui.available_width(), row_h - 2.0),
        Sense::click_and_drag(),
    );
    let words = super::risk::words(doc, &p.id);
    let label = match &words {
        Some(w) => format!("{} in roster, {w}", p.name),
        None => format!("{} in roster", p.name),
    };
    name_widget(&resp, egui::Role::Button, &label);
    if resp.dragged() {
        resp.dnd_set_drag_payload(Drag::Person {
            person: p.id.clone(),
            from: None,
        });
    }
    let is_unassigned = derived.unassigned.contains(p.id.as_str());
    let selected = matches!(f.selection, Some(Selection::Person(s, _)) if s == &p.id);
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
    if let Some(level) = super::risk::level(doc, &p.id) {
        // Key-person risk: a bar at the left edge.
        let bar = egui::Rect::from_min_size(rect.min, vec2(3.0, rect.height()));
        painter.rect_filled(bar, 1.5, super::risk::color(&tokens, level));
    }
    let abbrev = cat.abbrev(&p.role);
    let bw = badge_width(abbrev);
    let b = egui::Rect::from_min_size(rect.min + vec2(2.0, 3.0), vec2(bw, rect.height() - 6.0));
    badge(ui, b, abbrev, tokens.role(p.role.as_str()));
    let total = derived.allocation.get(p.id.as_str()).copied().unwrap_or(0);
    let (right_text, color) = if is_unassigned {
        ("unassigned".to_string(), tokens.severity(Severity::Warning))
    } else if total > 100 {
        (format!("{total}%"), tokens.severity(Severity::Error))
    } else {
        (format!("{total}%"), tokens.weak_text)
    };
    let right = ui.painter().text(
        rect.right_center() - vec2(4.0, 0.0),
        egui::Align2::RIGHT_CENTER,
        &right_text,
        FontId::proportional(11.0),
        color,
    );
    let mut job = egui::text::LayoutJob::simple_singleline(
        p.name.to_string(),
        FontId::proportional(13.0),
        tokens.text,
    );
    // The name gets what the badge and the allocation leave (a narrow
    // palette in a small window still shows the start of each name).
    job.wrap =
        egui::text::TextWrapping::truncate_at_width((right.left() - b.right() - 12.0).max(20.0));
    let g = ui.painter().layout_job(job);
    ui.painter().galley(
        egui::pos2(b.right() + 6.0, rect.center().y - g.size().y / 2.0),
        g,
        tokens.text,
    );
    if resp.clicked() {
        out.actions
            .push(Action::Select(Some(Selection::Person(p.id.clone(), None))));
    }
    let hint = "Drag onto a team, initiative or open seat; right-click for more";
    resp.on_hover_text(match &words {
        Some(w) => format!("Key-person risk: {w}\n{hint}"),
        None => hint.to_string(),
    })
    .context_menu(|ui| menus::person_menu(doc, ui, &p.id, None, &mut out.edits));
}
