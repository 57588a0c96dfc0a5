//! The coverage matrix tab: rows teams and cross-team initiatives, columns
//! capabilities, who covers each cell on hover. The name column stays put
//! while the cells scroll sideways.

use super::command::Action;
use super::{Commands, ViewCtx};
use crate::catalog::{Capability, Severity};
use crate::rules::CellStatus;
use egui::{Align2, FontId, Rect, RichText, Sense, vec2};

const NAME_W: f32 = 220.0;
const ROW_H: f32 = 40.0;
const HEADER_H: f32 = 26.0;
const BAR_H: f32 = 12.0;

#[derive(Default)]
pub struct MatrixView {
    /// How far the cells are scrolled sideways.
    h_offset: f32,
    /// Only the rows with a gap (a missing or stop-gap duty that counts).
    pub only_gaps: bool,
    /// Rows by worst gap first (errors, then warnings, then info), else
    /// as in the file.
    pub worst_first: bool,
}

/// The rows shown, in order: indices into the matrix's rows.
fn shown_rows(m: &crate::rules::Matrix, only_gaps: bool, worst_first: bool) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..m.rows.len())
        .filter(|&k| !only_gaps || m.rows[k].worst().is_some())
        .collect();
    if worst_first {
        // Stable: rows alike in severity keep the file's order.
        rows.sort_by_key(|&k| m.rows[k].worst().unwrap_or(Severity::Off));
    }
    rows
}

impl MatrixView {
    /// The filter, the order, how many rows show, and the legend.
    fn toolbar(&mut self, ui: &mut egui::Ui, f: &ViewCtx, shown: usize, total: usize) {
        let tokens = f.tokens;
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.only_gaps, "Only rows with gaps");
            let order = if self.worst_first {
                "Worst first"
            } else {
                "As in the file"
            };
            let cb = egui::ComboBox::from_id_salt("matrix-order")
                .selected_text(order)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.worst_first, false, "As in the file");
                    ui.selectable_value(&mut self.worst_first, true, "Worst first");
                });
            super::widgets::name_widget(&cb.response, egui::Role::ComboBox, "Row order");
            ui.weak(format!("{} of {} rows", shown, total));
            ui.add_space(12.0);
            for (s, label) in [
                (CellStatus::Covered, "covered"),
                (CellStatus::StopGap, "stop-gap only"),
                (CellStatus::Missing, "missing"),
                (CellStatus::NotRequired, "not required"),
            ] {
                let (r, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
                ui.painter()
                    .rect_filled(r, 3.0, tokens.coverage_fill(s, Some(Severity::Error)));
                ui.label(label);
                ui.add_space(8.0);
            }
        });
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, f: &ViewCtx, out: &mut Commands) {
        let tokens = f.tokens;
        let derived = f.doc.derived_arc();
        let m = &derived.matrix;
        egui::Frame::NONE
            .fill(tokens.panel_bg)
            .inner_margin(12.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.heading("Coverage matrix");
                    ui.weak("who carries each duty · hover a cell for details · click a name to show it on the canvas");
                    if !f.doc.is_current() {
                        ui.spinner();
                        ui.weak("checking…");
                    }
                });
                let shown = shown_rows(m, self.only_gaps, self.worst_first);
                self.toolbar(ui, f, shown.len(), m.rows.len());
                ui.add_space(6.0);
                let avail = ui.available_rect_before_wrap();
                let cells_w = (avail.width() - NAME_W).max(80.0);
                let cell_w = ((cells_w - 4.0) / 8.0).clamp(62.0, 200.0);
                let total_w = cell_w * 8.0;
                let max_off = (total_w - cells_w).max(0.0);
                // Shift+scroll (or a sideways scroll) moves the cells.
                if ui.rect_contains_pointer(avail) {
                    let d = ui.input(|i| i.smooth_scroll_delta);
                    let sideways = if ui.input(|i| i.modifiers.shift) { d.y } else { d.x };
                    self.h_offset -= sideways;
                }
                self.h_offset = self.h_offset.clamp(0.0, max_off);
                let off = self.h_offset;
                let cells_left = avail.left() + NAME_W;
                let cells_clip = Rect::from_x_y_ranges(cells_left..=avail.right(), avail.y_range());
                // Header.
                let (hdr, _) = ui.allocate_exact_size(vec2(avail.width(), HEADER_H), Sense::hover());
                ui.painter().text(
                    hdr.left_center(),
                    Align2::LEFT_CENTER,
                    "Team / initiative",
                    FontId::proportional(13.5),
                    tokens.text,
                );
                let hp = ui.painter().with_clip_rect(cells_clip);
                for (k, c) in Capability::ALL.iter().enumerate() {
                    let x = cells_left + k as f32 * cell_w - off;
                    let r = Rect::from_min_size(egui::pos2(x, hdr.top()), vec2(cell_w, HEADER_H));
                    hp.text(
                        r.left_center() + vec2(4.0, 0.0),
                        Align2::LEFT_CENTER,
                        c.short(),
                        FontId::proportional(13.5),
                        tokens.text,
                    );
                    let resp = ui.interact(r.intersect(cells_clip), ui.scope_id().with(("cap", k)), Sense::hover());
                    resp.on_hover_text(format!("{}: {}", c.name(), c.description()));
                }
                let body_h = (ui.available_height() - if max_off > 0.0 { BAR_H + 4.0 } else { 0.0 }).max(ROW_H);
                egui::ScrollArea::vertical()
                    .id_salt("matrix-rows")
                    .max_height(body_h)
                    .auto_shrink([false, false])
                    .show_rows(ui, ROW_H, shown.len(), |ui, range| {
                        for r in shown[range].iter().map(|&k| &m.rows[k]) {
                            let (row, _) =
                                ui.allocate_exact_size(vec2(avail.width(), ROW_H), Sense::hover());
                            // Frozen name column.
                            let name_rect = Rect::from_min_size(row.min, vec2(NAME_W - 8.0, ROW_H));
                            let mut name_ui = ui.new_child(
                                egui::UiBuilder::new()
                                    .max_rect(name_rect)
                                    .layout(egui::Layout::top_down(egui::Align::Min)),
                            );
                            name_ui.set_clip_rect(name_rect.intersect(ui.clip_rect()));
                            if name_ui
                                .link(RichText::new(&r.name).strong().color(tokens.text))
                                .clicked()
                            {
                                out.actions.push(Action::Reveal(r.subject.clone()));
                            }
                            name_ui.label(RichText::new(&r.kind).color(tokens.weak_text));
                            let clip = Rect::from_x_y_ranges(cells_left..=avail.right(), row.y_range())
                                .intersect(ui.clip_rect());
                            let p = ui.painter().with_clip_rect(clip);
                            for (k, (cell, cap)) in r.cells.iter().zip(Capability::ALL).enumerate() {
                                let x = cells_left + k as f32 * cell_w - off;
                                let rect = Rect::from_min_size(egui::pos2(x, row.top()), vec2(cell_w, ROW_H)).shrink(1.5);
                                if !rect.intersects(clip) {
                                    continue;
                                }
                                p.rect_filled(rect, 4.0, tokens.coverage_fill(cell.status, cell.severity));
                                let text = match cell.status {
                                    CellStatus::Missing => "missing".to_string(),
                                    CellStatus::NotRequired if cell.holder_count() == 0 => "–".to_string(),
                                    _ => m.cell_names(cell, 2),
                                };
                                let color = tokens.coverage_text(cell.status, cell.severity);
                                let mut job = egui::text::LayoutJob::simple(
                                    text,
                                    FontId::proportional(12.0),
                                    color,
                                    rect.width() - 8.0,
                                );
                                job.wrap.max_rows = 2;
                                let g = p.layout_job(job);
                                p.galley(rect.left_center() + vec2(4.0, -g.size().y / 2.0), g, color);
                                let resp = ui.interact(
                                    rect.intersect(clip),
                                    ui.scope_id().with(("cell", &r.subject, k)),
                                    Sense::hover(),
                                );
                                resp.on_hover_ui(|ui| {
                                    ui.label(m.describe(cell, cap));
                                });
                            }
                        }
                    });
                if max_off > 0.0 {
                    // A sideways scrollbar for the cells.
                    let (bar, resp) = ui.allocate_exact_size(vec2(avail.width(), BAR_H), Sense::click_and_drag());
                    let track = Rect::from_x_y_ranges(cells_left..=bar.right(), bar.y_range());
                    ui.painter().rect_filled(track, 6.0, tokens.chip_bg);
                    let frac = cells_w / total_w;
                    let thumb_w = (track.width() * frac).max(24.0);
                    let x = track.left() + (track.width() - thumb_w) * (off / max_off);
                    let thumb = Rect::from_min_size(egui::pos2(x, track.top()), vec2(thumb_w, BAR_H));
                    ui.painter().rect_filled(thumb, 6.0, tokens.card_stroke);
                    if resp.dragged() {
                        let dx = resp.drag_delta().x;
                        self.h_offset = (off + dx * total_w / track.width()).clamp(0.0, max_off);
                    }
                }
            });
    }
}
