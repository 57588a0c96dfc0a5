//! Boxes and lines painted straight onto a PNG band with tiny-skia, as
//! the SVG would draw them (rounded rects with fill, stroke and dashes;
//! polylines with dashes and arrowheads). A band without readable text is
//! drawn this way: no SVG text, no parsed tree, memory flat and time
//! linear in the shapes (a 100,000-person reporting tree in a second or
//! two, where parsing its SVG took gigabytes).

use super::{Rgb, Shape};
use resvg::tiny_skia::{FillRule, Paint, PathBuilder, PixmapMut, Stroke, StrokeDash, Transform};

fn paint(c: Rgb) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(c[0], c[1], c[2], 255);
    p.anti_alias = true;
    p
}

/// A rect with corners of radius `r` (as SVG's `rx`, clamped to half a side).
fn rounded(x: f32, y: f32, w: f32, h: f32, r: f32) -> Option<resvg::tiny_skia::Path> {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    let mut pb = PathBuilder::new();
    if r <= 0.0 {
        pb.push_rect(resvg::tiny_skia::Rect::from_xywh(x, y, w, h)?);
        return pb.finish();
    }
    // Quarter circles as cubics (k: the usual 0.5523 handle length).
    let k = r * 0.552_284_8;
    let (x1, y1) = (x + w, y + h);
    pb.move_to(x + r, y);
    pb.line_to(x1 - r, y);
    pb.cubic_to(x1 - r + k, y, x1, y + r - k, x1, y + r);
    pb.line_to(x1, y1 - r);
    pb.cubic_to(x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1);
    pb.line_to(x + r, y1);
    pb.cubic_to(x + r - k, y1, x, y1 - r + k, x, y1 - r);
    pb.line_to(x, y + r);
    pb.cubic_to(x, y + r - k, x + r - k, y, x + r, y);
    pb.close();
    pb.finish()
}

fn stroke(width: f32, dash: Option<[f32; 2]>) -> Stroke {
    Stroke {
        width,
        dash: dash.and_then(|d| StrokeDash::new(d.to_vec(), 0.0)),
        ..Stroke::default()
    }
}

/// Paints one box or line, or text too small to read as a bar.
pub(super) fn paint_shape(pixmap: &mut PixmapMut<'_>, shape: &Shape, t: Transform) {
    match shape {
        Shape::Rect {
            x,
            y,
            w,
            h,
            r,
            fill,
            stroke: line,
            dashed,
        } => {
            let Some(path) = rounded(*x, *y, *w, *h, *r) else {
                return;
            };
            if let Some(f) = fill {
                pixmap.fill_path(&path, &paint(*f), FillRule::Winding, t, None);
            }
            if let Some((c, sw)) = line {
                let dash = dashed.then_some(super::BOX_DASH);
                pixmap.stroke_path(&path, &paint(*c), &stroke(*sw, dash), t, None);
            }
        }
        Shape::Line {
            points,
            color,
            width,
            dashed,
            arrow,
        } => {
            let mut pb = PathBuilder::new();
            for (k, (x, y)) in points.iter().enumerate() {
                if k == 0 {
                    pb.move_to(*x, *y);
                } else {
                    pb.line_to(*x, *y);
                }
            }
            if let Some(path) = pb.finish() {
                let dash = dashed.then_some(super::LINE_DASH);
                pixmap.stroke_path(&path, &paint(*color), &stroke(*width, dash), t, None);
            }
            if *arrow && points.len() >= 2 {
                let (x1, y1) = points[points.len() - 2];
                let (x2, y2) = points[points.len() - 1];
                let (dx, dy) = (x2 - x1, y2 - y1);
                let len = (dx * dx + dy * dy).sqrt().max(0.001);
                let (ux, uy) = (dx / len, dy / len);
                let (bx, by) = (x2 - ux * 11.0, y2 - uy * 11.0);
                let mut pb = PathBuilder::new();
                pb.move_to(x2, y2);
                pb.line_to(bx - uy * 5.5, by + ux * 5.5);
                pb.line_to(bx + uy * 5.5, by - ux * 5.5);
                pb.close();
                if let Some(path) = pb.finish() {
                    pixmap.fill_path(&path, &paint(*color), FillRule::Winding, t, None);
                }
            }
        }
        Shape::Text {
            x,
            y,
            text,
            size,
            color,
            anchor,
            ..
        } => {
            // Too small to lay out legibly: a faint bar as long as the text
            // would be ("greeked"), so the picture still shows where text is.
            let w = text.chars().count() as f32 * size * 0.52;
            let x0 = match anchor {
                super::Anchor::Start => *x,
                super::Anchor::Middle => x - w / 2.0,
                super::Anchor::End => x - w,
            };
            if let Some(r) = resvg::tiny_skia::Rect::from_xywh(x0, y - size * 0.62, w, size * 0.5) {
                let mut p = paint(*color);
                p.set_color_rgba8(color[0], color[1], color[2], 110);
                pixmap.fill_rect(r, &p, t, None);
            }
        }
    }
}
