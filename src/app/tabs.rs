//! The central tabs besides the canvas: the coverage matrix and the
//! reporting tree.

use super::canvas::Drag;
use super::{Action, OrgApp, Selection, Tab};
use crate::catalog::{Capability, Severity};
use crate::edit::{Edit, would_cycle};
use crate::model::PersonId;
use crate::report::CellStatus;
use egui::{Align2, FontId, Rect, RichText, Sense, Stroke, StrokeKind, pos2, vec2};
use std::collections::{HashMap, HashSet};

#[derive(Default)]
pub struct TabState {
    pub collapsed: HashSet<String>,
    pub tree_search: String,
}

pub fn tab_bar(app: &mut OrgApp, ui: &mut egui::Ui) {
    egui::Frame::NONE.inner_margin(egui::Margin::symmetric(8, 4)).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut app.tab, Tab::Canvas, "Canvas");
            ui.selectable_value(&mut app.tab, Tab::Matrix, "Coverage matrix");
            ui.selectable_value(&mut app.tab, Tab::Reporting, "Reporting lines");
            if app.tab == Tab::Canvas {
                ui.separator();
                if ui.button("Fit").on_hover_text("Fit to view (Ctrl+1)").clicked() {
                    app.act(Action::FitView);
                }
                if ui.button("−").on_hover_text("Zoom out (Ctrl+-)").clicked() {
                    app.act(Action::ZoomOut);
                }
                if ui.button("+").on_hover_text("Zoom in (Ctrl++)").clicked() {
                    app.act(Action::ZoomIn);
                }
                if ui.button("100%").on_hover_text("Zoom to 100% (Ctrl+0)").clicked() {
                    app.act(Action::ZoomReset);
                }
                ui.add(
                    egui::Label::new(
                        RichText::new("Drag the background to pan · Ctrl+scroll to zoom · drag a card by its header").weak(),
                    )
                    .truncate(),
                );
            }
        });
    });
}

pub fn matrix(app: &mut OrgApp, ui: &mut egui::Ui) {
    let tokens = app.tokens();
    let derived = app.doc.derived_arc();
    let m = &derived.matrix;
    let rows = &m.rows;
    let mut actions = Vec::new();
    egui::Frame::NONE.inner_margin(12.0).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading("Coverage matrix");
            ui.weak("who carries each duty · hover a cell for details · click a name to show it on the canvas");
        });
        ui.horizontal(|ui| {
            for (s, label) in [
                (CellStatus::Covered, "covered"),
                (CellStatus::StopGap, "stop-gap only"),
                (CellStatus::Missing, "missing"),
                (CellStatus::NotRequired, "not required"),
            ] {
                let (r, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
                ui.painter().rect_filled(r, 3.0, tokens.coverage_fill(s, Some(Severity::Error)));
                ui.label(label);
                ui.add_space(8.0);
            }
        });
        ui.add_space(6.0);
        let cell_w = ((ui.available_width() - 214.0) / 8.0).clamp(62.0, 200.0);
        egui::ScrollArea::horizontal().show(ui, |ui| {
        egui_extras::TableBuilder::new(ui)
            .striped(false)
            .column(egui_extras::Column::exact(210.0))
            .columns(egui_extras::Column::exact(cell_w), 8)
            .header(26.0, |mut h| {
                h.col(|ui| {
                    ui.strong("Team / initiative");
                });
                for c in Capability::ALL {
                    h.col(|ui| {
                        ui.strong(c.short()).on_hover_text(format!("{}: {}", c.name(), c.description()));
                    });
                }
            })
            .body(|body| {
                body.rows(40.0, rows.len(), |mut row| {
                    let r = &rows[row.index()];
                    row.col(|ui| {
                        ui.vertical(|ui| {
                            if ui.link(RichText::new(&r.name).strong()).clicked() {
                                actions.push(Action::Reveal(r.subject.clone()));
                            }
                            ui.weak(&r.kind);
                        });
                    });
                    for (cell, cap) in r.cells.iter().zip(Capability::ALL) {
                        row.col(|ui| {
                            let rect = ui.max_rect().shrink(1.5);
                            let resp = ui.allocate_rect(rect, Sense::hover());
                            let fill = tokens.coverage_fill(cell.status, cell.severity);
                            ui.painter().rect_filled(rect, 4.0, fill);
                            let (text, color) = match cell.status {
                                CellStatus::Missing => ("missing".to_string(), tokens.severity(cell.severity.unwrap_or(Severity::Warning))),
                                CellStatus::NotRequired if cell.holder_count() == 0 => ("–".to_string(), tokens.weak_text),
                                CellStatus::NotRequired => (m.short_names(cell, 3), tokens.weak_text),
                                CellStatus::StopGap => (m.short_names(cell, 3), tokens.severity(Severity::Warning)),
                                CellStatus::Covered => (m.short_names(cell, 3), tokens.text),
                            };
                            let mut job = egui::text::LayoutJob::simple(text, FontId::proportional(12.0), color, rect.width() - 8.0);
                            job.wrap.max_rows = 2;
                            let g = ui.painter().layout_job(job);
                            ui.painter().galley(rect.left_center() + vec2(4.0, -g.size().y / 2.0), g, color);
                            resp.on_hover_ui(|ui| {
                                ui.label(m.describe(cell, cap));
                            });
                        });
                    }
                });
            });
    });
    });
    app.actions.extend(actions);
}

/// One row of the flattened tree.
struct Row {
    person: usize,
    depth: usize,
    last: bool,
    children: usize,
}

fn flatten(app: &OrgApp) -> Vec<Row> {
    let org = &app.doc.org();
    let index: HashMap<&str, usize> = org
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); org.people.len()];
    let mut roots = Vec::new();
    for (i, p) in org.people.iter().enumerate() {
        match p.manager.as_ref().and_then(|m| index.get(m.as_str())) {
            Some(&m) if m != i => children[m].push(i),
            _ => roots.push(i),
        }
    }
    let q = app.tabs.tree_search.to_lowercase();
    let mut rows = Vec::new();
    let mut seen = vec![false; org.people.len()];
    // Iterative depth-first walk; people in a reporting loop are shown at the
    // top level so nobody disappears.
    let mut stack: Vec<(usize, usize, bool)> = roots
        .iter()
        .rev()
        .enumerate()
        .map(|(k, &r)| (r, 0, k == 0))
        .collect();
    let walk =
        |stack: &mut Vec<(usize, usize, bool)>, rows: &mut Vec<Row>, seen: &mut Vec<bool>| {
            while let Some((p, depth, last)) = stack.pop() {
                if seen[p] {
                    continue;
                }
                seen[p] = true;
                let matches = q.is_empty() || org.people[p].name.to_lowercase().contains(&q);
                if matches {
                    rows.push(Row {
                        person: p,
                        depth,
                        last,
                        children: children[p].len(),
                    });
                }
                if !app.tabs.collapsed.contains(org.people[p].id.as_str()) || !q.is_empty() {
                    let kids = &children[p];
                    for (k, &c) in kids.iter().enumerate().rev() {
                        stack.push((c, depth + 1, k == kids.len() - 1));
                    }
                }
            }
        };
    walk(&mut stack, &mut rows, &mut seen);
    for p in 0..org.people.len() {
        if !seen[p] {
            stack.push((p, 0, true));
            walk(&mut stack, &mut rows, &mut seen);
        }
    }
    rows
}

pub fn reporting(app: &mut OrgApp, ui: &mut egui::Ui) {
    let tokens = app.tokens();
    let rows = flatten(app);
    let org = &app.doc.org();
    let cat = &app.doc.layout().catalog;
    let payload = egui::DragAndDrop::payload::<Drag>(ui.ctx());
    let dragged_person = match payload.as_deref() {
        Some(Drag::Person { person, .. }) => Some(person.clone()),
        _ => None,
    };
    let released = ui.input(|i| i.pointer.any_released());
    let mut edits = Vec::new();
    let mut actions = Vec::new();
    let mut toggles = Vec::new();
    let mut refused = None;
    let derived = app.doc.derived();
    egui::Frame::NONE.inner_margin(12.0).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading("Reporting lines");
            ui.weak("drag a person onto their new manager · solid: manager · dashed: dotted line");
        });
        ui.horizontal(|ui| {
            let l = ui.label("Find");
            ui.add(egui::TextEdit::singleline(&mut app.tabs.tree_search).desired_width(220.0)).labelled_by(l.id);
            // A drop zone to clear a manager.
            let (r, resp) = ui.allocate_exact_size(vec2(220.0, 24.0), Sense::hover());
            let hot = dragged_person.is_some() && resp.contains_pointer();
            ui.painter().rect_stroke(r, 6.0, Stroke::new(if hot { 2.0 } else { 1.0 }, if hot { tokens.drop_target } else { tokens.card_stroke }), StrokeKind::Inside);
            ui.painter().text(r.center(), Align2::CENTER_CENTER, "Drop here: no manager", FontId::proportional(12.0), tokens.weak_text);
            if hot
                && released
                && let Some(p) = &dragged_person
            {
                edits.push(Edit::SetManager { person: p.clone(), manager: None });
            }
        });
        ui.add_space(6.0);
        let row_h = 26.0;
        egui::ScrollArea::both().auto_shrink([false, false]).show_rows(ui, row_h, rows.len(), |ui, range| {
            for row in &rows[range] {
                let p = &org.people[row.person];
                let (rect, resp) = ui.allocate_exact_size(vec2(ui.available_width().max(700.0), row_h), Sense::click_and_drag());
                let label = format!("{} in reporting tree", p.name);
                resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if resp.dragged() {
                    resp.dnd_set_drag_payload(Drag::Person { person: p.id.clone(), from: None });
                }
                let indent = 24.0;
                let x = rect.left() + 8.0 + row.depth as f32 * indent;
                let painter = ui.painter().clone();
                // Connectors: an elbow from the parent's column.
                if row.depth > 0 {
                    let px = x - indent + 8.0;
                    let bottom = if row.last { rect.center().y } else { rect.bottom() };
                    painter.line_segment([pos2(px, rect.top()), pos2(px, bottom)], Stroke::new(1.2, tokens.card_stroke));
                    painter.line_segment([pos2(px, rect.center().y), pos2(x - 2.0, rect.center().y)], Stroke::new(1.2, tokens.card_stroke));
                }
                // Drop target: this person becomes the manager.
                let mut hot = false;
                if let Some(dp) = &dragged_person
                    && dp != &p.id
                    && resp.contains_pointer()
                {
                    hot = true;
                    let cycle = would_cycle(org, dp, &p.id);
                    let color = if cycle { tokens.severity(Severity::Error) } else { tokens.drop_target };
                    painter.rect_stroke(rect.shrink(1.0), 5.0, Stroke::new(2.0, color), StrokeKind::Inside);
                    if released {
                        if cycle {
                            let who = org.person(dp).map_or(dp.to_string(), |x| x.name.clone());
                            refused = Some(format!("Refused: {who} cannot report to {}, who is already in {who}'s reporting chain", p.name));
                        } else {
                            edits.push(Edit::SetManager { person: dp.clone(), manager: Some(p.id.clone()) });
                        }
                    }
                }
                let selected = matches!(&app.selection, Some(Selection::Person(s, _)) if s == &p.id);
                if selected && !hot {
                    painter.rect_filled(rect, 5.0, tokens.selection.gamma_multiply(0.2));
                }
                let mut cx = x;
                if row.children > 0 {
                    let collapsed = app.tabs.collapsed.contains(p.id.as_str());
                    let tr = Rect::from_center_size(pos2(cx + 6.0, rect.center().y), vec2(14.0, 14.0));
                    let t = ui.interact(tr, ui.scope_id().with(("toggle", &p.id)), Sense::click());
                    egui::collapsing_header::paint_default_icon(ui, if collapsed { 0.0 } else { 1.0 }, &t);
                    if t.clicked() {
                        toggles.push(p.id.to_string());
                    }
                }
                cx += 16.0;
                let abbrev = cat.abbrev(&p.role).to_string();
                let bw = 10.0 + 6.6 * abbrev.chars().count() as f32;
                let badge = Rect::from_min_size(pos2(cx, rect.top() + 4.0), vec2(bw, row_h - 8.0));
                painter.rect_filled(badge, 5.0, tokens.role(p.role.as_str()));
                painter.text(badge.center(), Align2::CENTER_CENTER, &abbrev, FontId::proportional(11.0), super::theme::ink_on(tokens.role(p.role.as_str())));
                let name_r = painter.text(pos2(badge.right() + 6.0, rect.center().y), Align2::LEFT_CENTER, &p.name, FontId::proportional(13.5), tokens.text);
                let mut after = name_r.right() + 10.0;
                if row.children > 0 {
                    let r = painter.text(pos2(after, rect.center().y), Align2::LEFT_CENTER, format!("{} reports", row.children), FontId::proportional(11.5), tokens.weak_text);
                    after = r.right() + 10.0;
                }
                let b = derived.badge(&crate::model::Subject::Person(p.id.clone()));
                if let Some(w) = b.worst() {
                    painter.circle_filled(pos2(after + 4.0, rect.center().y), 4.5, tokens.severity(w));
                    after += 16.0;
                }
                for d in &p.dotted {
                    let dn = org.person(d).map_or(d.to_string(), |x| x.name.clone());
                    let start = pos2(after, rect.center().y);
                    let end = pos2(after + 26.0, rect.center().y);
                    painter.extend(egui::Shape::dashed_line(&[start, end], Stroke::new(1.4, tokens.link), 4.0, 3.0));
                    let r = painter.text(pos2(end.x + 4.0, rect.center().y), Align2::LEFT_CENTER, format!("dotted to {dn}"), FontId::proportional(12.0), tokens.link);
                    after = r.right() + 12.0;
                }
                if resp.clicked() {
                    actions.push(Action::Select(Some(Selection::Person(p.id.clone(), None))));
                }
                resp.on_hover_text("Drag onto another person to make them the manager");
            }
        });
    });
    for t in toggles {
        if !app.tabs.collapsed.remove(&t) {
            app.tabs.collapsed.insert(t);
        }
    }
    if let Some(msg) = refused {
        let ctx = ui.ctx().clone();
        app.notify(&ctx, msg, true);
    }
    if released && dragged_person.is_some() {
        egui::DragAndDrop::clear_payload(ui.ctx());
    }
    app.edits.extend(edits);
    app.actions.extend(actions);
    let _ = PersonId::new("");
}
