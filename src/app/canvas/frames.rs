//! Group frames on the canvas (see [`crate::groups`]): a tinted frame
//! around each group's cards and, on top, a label with the group's name,
//! its teams and people, and its findings by severity. Labels are drawn at
//! a readable size on screen whatever the zoom, so far out the frames and
//! their labels are what the canvas shows.

use super::draw::{Draw, Pen};
use super::view::to_egui;
use crate::catalog::Severity;
use crate::document::{Badge, Document};
use egui::{Color32, FontId, Rect, Sense, Stroke, StrokeKind, pos2, vec2};

/// Each group's findings: the sum of its cards' badges.
pub(super) fn summaries(doc: &Document) -> Vec<Badge> {
    let derived = doc.derived();
    doc.layout()
        .groups
        .iter()
        .map(|g| {
            g.cards.iter().fold(Badge::default(), |mut sum, c| {
                let b = derived.badge(&c.subject());
                sum.error += b.error;
                sum.warning += b.warning;
                sum.info += b.info;
                sum
            })
        })
        .collect()
}

fn tint(d: &Draw) -> (Color32, Color32) {
    let t = d.tokens;
    let fill = egui::lerp(
        egui::Rgba::from(t.canvas_bg)..=egui::Rgba::from(t.text),
        if t.dark { 0.035 } else { 0.03 },
    );
    let stroke = egui::lerp(
        egui::Rgba::from(t.canvas_bg)..=egui::Rgba::from(t.weak_text),
        0.45,
    );
    (fill.into(), stroke.into())
}

/// The frames' fills, beneath everything (on `painter`, in scene
/// coordinates when `pen` is `None`, else through the pen).
pub(super) fn fills(d: &Draw, painter: &egui::Painter, pen: Option<&Pen>) {
    if !d.doc.layout().framed {
        return;
    }
    let (fill, _) = tint(d);
    for f in &d.doc.layout().frames {
        let r = to_egui(*f);
        match pen {
            Some(pen) => pen.rect_filled(r, 18.0, fill),
            None => {
                painter.rect_filled(r, 18.0, fill);
            }
        }
    }
}

/// The frames' outlines and labels, on top of the cards. A click on a
/// label asks to show that whole group (returned as its scene rect).
pub(super) fn labels(d: &Draw, pen: &Pen, ui: &mut egui::Ui, sums: &[Badge]) -> Option<Rect> {
    let layout = d.doc.layout();
    if !layout.framed {
        return None;
    }
    let (_, stroke) = tint(d);
    let z = pen.t.scaling;
    let clip = pen.painter.clip_rect();
    let name_px = (20.0 * z).clamp(12.0, 20.0);
    let sub_px = (name_px * 0.78).max(11.0);
    let mut show = None;
    for (k, (g, f)) in layout.groups.iter().zip(&layout.frames).enumerate() {
        let scene = to_egui(*f);
        let screen = pen.rect(scene);
        if !screen.intersects(clip) {
            continue;
        }
        pen.painter.rect_stroke(
            screen,
            18.0 * z,
            Stroke::new(1.0, stroke),
            StrokeKind::Inside,
        );
        let w = screen.width() - 20.0;
        if w < 40.0 {
            continue;
        }
        let band_px = crate::groups::LABEL_H * z;
        let full_h = name_px + sub_px * 2.0 + 18.0;
        let sub = format!(
            "{} {} · {} {}",
            g.teams,
            if g.teams == 1 { "team" } else { "teams" },
            g.people,
            if g.people == 1 { "person" } else { "people" },
        );
        let sum = sums.get(k).filter(|_| d.current);
        // Cards show their names (see `overview_names`) from this zoom on.
        let names_shown = crate::layout::CARD_W * z >= 48.0;
        let band = if band_px >= full_h || !names_shown {
            // Three lines: name; teams and people; findings. Far out they
            // are taller than the band: a ground keeps them readable.
            let band = Rect::from_min_size(
                screen.min,
                vec2(screen.width(), full_h.min(screen.height())),
            );
            if band_px < full_h {
                let r = (18.0 * z) as u8;
                let ground = egui::lerp(
                    egui::Rgba::from(d.tokens.canvas_bg)..=egui::Rgba::from(d.tokens.text),
                    0.14,
                );
                pen.painter.rect_filled(
                    band,
                    egui::CornerRadius {
                        nw: r,
                        ne: r,
                        sw: 0,
                        se: 0,
                    },
                    Color32::from(ground),
                );
            }
            let name = galley(pen, &g.name, name_px, d.tokens.text, w);
            let name_h = name.size().y;
            pen.painter
                .galley(screen.min + vec2(10.0, 6.0), name, d.tokens.text);
            let sub_at = screen.min + vec2(10.0, 6.0 + name_h + 1.0);
            let sub_g = galley(pen, &sub, sub_px, d.tokens.weak_text, w);
            let sub_h = sub_g.size().y;
            pen.painter.galley(sub_at, sub_g, d.tokens.weak_text);
            if let Some(b) = sum {
                severities(
                    d,
                    pen,
                    b,
                    sub_at + vec2(0.0, sub_h + 1.0),
                    sub_px,
                    screen.max.x - 10.0,
                );
            }
            band
        } else {
            // The cards' names are shown and the band is short: one line
            // that fits it.
            let px = (band_px * 0.5).clamp(9.0, 14.0);
            let band = Rect::from_min_size(screen.min, vec2(screen.width(), band_px));
            let at = screen.min + vec2(10.0, (band_px - px * 1.3) / 2.0);
            let line = format!("{} · {sub}", g.name);
            let g = galley(pen, &line, px, d.tokens.text, w);
            let x = at.x + g.size().x + 10.0;
            pen.painter.galley(at, g, d.tokens.text);
            if let Some(b) = sum {
                severities(d, pen, b, egui::pos2(x, at.y), px, screen.max.x - 10.0);
            }
            band
        };
        let hit = pen.t.inverse() * band;
        let resp = ui
            .interact(hit, ui.scope_id().with(("frame", k)), Sense::click())
            .on_hover_text(format!("{}: click to show this group", g.name));
        let said = format!("{} group: {sub}", g.name);
        resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &said));
        if resp.clicked() {
            show = Some(scene);
        }
    }
    show
}

/// "● 3 errors ● 12 warnings" from `at`, or "● 3 ● 12" where the words do
/// not fit before `right`; "no errors or warnings" when there are none.
fn severities(d: &Draw, pen: &Pen, b: &Badge, at: egui::Pos2, px: f32, right: f32) {
    let items: Vec<(usize, Severity, &str)> = [
        (b.error, Severity::Error, "error"),
        (b.warning, Severity::Warning, "warning"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .collect();
    if items.is_empty() {
        let g = galley(
            pen,
            "no errors or warnings",
            px,
            d.tokens.weak_text,
            right - at.x,
        );
        pen.painter.galley(at, g, d.tokens.weak_text);
        return;
    }
    let r = px * 0.32;
    let texts = |words: bool| -> Vec<String> {
        items
            .iter()
            .map(|(n, _, w)| match words {
                true => format!("{n} {w}{}", if *n == 1 { "" } else { "s" }),
                false => n.to_string(),
            })
            .collect()
    };
    let width = |t: &[String]| -> f32 {
        t.iter()
            .map(|s| r * 2.0 + 4.0 + galley(pen, s, px, d.tokens.text, f32::MAX).size().x + 10.0)
            .sum()
    };
    let long = texts(true);
    let shown = if at.x + width(&long) <= right {
        long
    } else {
        texts(false)
    };
    let mut x = at.x;
    for ((_, s, _), text) in items.iter().zip(shown) {
        if x + r * 2.0 > right {
            break;
        }
        pen.painter
            .circle_filled(pos2(x + r, at.y + px * 0.62), r, d.tokens.severity(*s));
        let g = galley(pen, &text, px, d.tokens.text, right - x - r * 2.0 - 4.0);
        let tw = g.size().x;
        pen.painter
            .galley(pos2(x + r * 2.0 + 4.0, at.y), g, d.tokens.text);
        x += r * 2.0 + 4.0 + tw + 10.0;
    }
}

fn galley(
    pen: &Pen,
    text: &str,
    px: f32,
    color: Color32,
    max_w: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job =
        egui::text::LayoutJob::simple_singleline(text.to_string(), FontId::proportional(px), color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(max_w.max(8.0));
    pen.painter.layout_job(job)
}
