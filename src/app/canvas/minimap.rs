//! The overview in the canvas's corner, once the org does not fit at
//! reading zoom and the view shows only part of it: every card as a speck
//! in the colour of its worst finding, the part in view outlined; a click
//! jumps there, a drag pans.

use super::view::{CanvasState, to_egui};
use crate::document::Document;
use egui::{Rect, Sense, Stroke, StrokeKind, vec2};

/// Below this zoom, card text cannot be read (as `CanvasState::reveal`).
const READABLE: f32 = 0.5;
/// The minimap's largest size on screen.
const MAX: egui::Vec2 = vec2(220.0, 150.0);

/// What the minimap's specks are drawn from: (document revision, analysis
/// revision, findings current, dark theme, where on screen).
pub type MapKey = (u64, u64, bool, bool, [u32; 4]);

/// The org's bounds, when it needs a minimap: it does not fit in this
/// canvas at reading zoom, and the view (`in_view`, scene coordinates)
/// shows only part of it (at fit the canvas is its own overview).
pub fn wanted(doc: &Document, canvas: Rect, in_view: Rect) -> Option<Rect> {
    let bounds = crate::layout::Rect::union(doc.layout().cards.iter().map(|c| c.rect))
        .map(|b| to_egui(b).expand(48.0))?;
    let fits = bounds.width() * READABLE <= canvas.width()
        && bounds.height() * READABLE <= canvas.height();
    let all_in_view =
        in_view.is_positive() && in_view.expand(1.0).contains_rect(bounds.shrink(48.0));
    (!fits && !all_in_view).then_some(bounds)
}

/// Draws the minimap in the bottom-left corner of `canvas` and pans the
/// view when it is clicked or dragged.
pub fn ui(
    ctx: &egui::Context,
    doc: &Document,
    state: &mut CanvasState,
    canvas: Rect,
    tokens: &crate::app::theme::Tokens,
) {
    let Some(bounds) = wanted(doc, canvas, state.scene_rect) else {
        return;
    };
    // Never more than a quarter of the canvas each way.
    let max = MAX.min(canvas.size() / 4.0);
    let scale = (max.x / bounds.width()).min(max.y / bounds.height());
    let size = bounds.size() * scale;
    let at = Rect::from_min_size(
        egui::pos2(canvas.left() + 10.0, canvas.bottom() - 10.0 - size.y),
        size,
    );
    let to_map = |r: Rect| {
        Rect::from_min_max(
            at.min + (r.min - bounds.min) * scale,
            at.min + (r.max - bounds.min) * scale,
        )
    };
    egui::Area::new(egui::Id::unique("canvas-minimap"))
        .order(egui::Order::Middle)
        .fixed_pos(at.min)
        .constrain(false)
        .show(ctx, |ui| {
            let (rect, resp) = ui.allocate_exact_size(size, Sense::click_and_drag());
            crate::app::widgets::name_widget(&resp, egui::Role::Image, "Minimap");
            let p = ui.painter();
            p.rect_filled(rect.expand(4.0), 6.0, tokens.panel_bg.gamma_multiply(0.92));
            p.rect_stroke(
                rect.expand(4.0),
                6.0,
                Stroke::new(1.0, tokens.card_stroke),
                StrokeKind::Inside,
            );
            let derived = doc.derived();
            let key: MapKey = (
                doc.revision(),
                derived.revision,
                doc.is_current(),
                tokens.dark,
                [at.min.x, at.min.y, at.max.x, at.max.y].map(f32::to_bits),
            );
            let mesh = match &state.minimap {
                Some((k, mesh)) if *k == key => mesh.clone(),
                _ => {
                    let mut mesh = egui::Mesh::default();
                    for c in &doc.layout().cards {
                        let color = match derived.badge(&c.card.subject()).worst() {
                            Some(s) if s != crate::catalog::Severity::Info && doc.is_current() => {
                                tokens.severity(s)
                            }
                            _ => tokens.card_stroke,
                        };
                        let r = to_map(to_egui(c.rect));
                        // At least a pixel, so no card vanishes.
                        let r = Rect::from_min_size(r.min, r.size().max(vec2(1.0, 1.0)));
                        mesh.add_colored_rect(r, color);
                    }
                    let mesh = std::sync::Arc::new(mesh);
                    state.minimap = Some((key, mesh.clone()));
                    mesh
                }
            };
            p.add(egui::Shape::Mesh(mesh));
            if state.scene_rect.is_finite() && state.scene_rect.is_positive() {
                let view = to_map(state.scene_rect).intersect(rect.expand(2.0));
                p.rect_stroke(
                    view,
                    2.0,
                    Stroke::new(1.5, tokens.selection),
                    StrokeKind::Outside,
                );
            }
            if (resp.clicked() || resp.dragged())
                && let Some(pos) = resp.interact_pointer_pos()
            {
                let scene = bounds.min + (pos - at.min) / scale;
                state.pan_to_point(scene);
            }
            resp.on_hover_text("The whole org: click to go there, drag to pan");
        });
}
