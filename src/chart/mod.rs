//! Org charts without a GUI: the reporting tree and the team canvas, drawn as
//! SVG (crisp at any size) or PNG (rendered from that SVG). `orgplan chart`
//! and the app's "Export canvas as PNG" share this code.

mod raster;
mod reporting;
mod teams;

pub use reporting::{TreeLayout, tree_layout};

use crate::model::Org;
use std::fmt::Write;

/// Which chart to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    /// The manager tree; dotted lines dashed.
    Reporting,
    /// The team canvas: cards at their positions, initiatives, dependencies.
    Teams,
}

pub type Rgb = [u8; 3];

/// What a chart is made of, in chart units (1 unit = 1 px at scale 1).
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        r: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
        dashed: bool,
    },
    Line {
        points: Vec<(f32, f32)>,
        color: Rgb,
        width: f32,
        dashed: bool,
        arrow: bool,
    },
    Text {
        x: f32,
        y: f32,
        text: String,
        size: f32,
        color: Rgb,
        bold: bool,
        anchor: Anchor,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// A drawing: its size and shapes, back to front.
#[derive(Clone, Debug, Default)]
pub struct Chart {
    pub width: f32,
    pub height: f32,
    pub background: Rgb,
    pub shapes: Vec<Shape>,
}

/// Draws the chart of `org`.
pub fn draw(org: &Org, view: View) -> Chart {
    match view {
        View::Reporting => reporting::draw(org),
        View::Teams => teams::draw(org),
    }
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// Cuts `s` to about `max` characters with "…".
pub(crate) fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The chart as an SVG document.
pub fn to_svg(chart: &Chart) -> String {
    let mut o = String::with_capacity(128 + chart.shapes.len() * 110);
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Ubuntu, 'Segoe UI', Roboto, Arial, sans-serif">"#,
        w = chart.width.ceil(),
        h = chart.height.ceil()
    );
    o.push('\n');
    let _ = writeln!(
        o,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        hex(chart.background)
    );
    for s in &chart.shapes {
        match s {
            Shape::Rect {
                x,
                y,
                w,
                h,
                r,
                fill,
                stroke,
                dashed,
            } => {
                let _ = write!(
                    o,
                    r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="{r}""#
                );
                match fill {
                    Some(f) => {
                        let _ = write!(o, r#" fill="{}""#, hex(*f));
                    }
                    None => o.push_str(r#" fill="none""#),
                }
                if let Some((c, sw)) = stroke {
                    let _ = write!(o, r#" stroke="{}" stroke-width="{sw}""#, hex(*c));
                    if *dashed {
                        let [a, b] = BOX_DASH;
                        let _ = write!(o, r#" stroke-dasharray="{a} {b}""#);
                    }
                }
                o.push_str("/>\n");
            }
            Shape::Line {
                points,
                color,
                width,
                dashed,
                arrow,
            } => {
                let pts: Vec<String> = points
                    .iter()
                    .map(|(x, y)| format!("{x:.1},{y:.1}"))
                    .collect();
                let _ = write!(
                    o,
                    r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="{width}""#,
                    pts.join(" "),
                    hex(*color)
                );
                if *dashed {
                    let [a, b] = LINE_DASH;
                    let _ = write!(o, r#" stroke-dasharray="{a} {b}""#);
                }
                o.push_str("/>\n");
                if *arrow && points.len() >= 2 {
                    let (x1, y1) = points[points.len() - 2];
                    let (x2, y2) = points[points.len() - 1];
                    let (dx, dy) = (x2 - x1, y2 - y1);
                    let len = (dx * dx + dy * dy).sqrt().max(0.001);
                    let (ux, uy) = (dx / len, dy / len);
                    let (bx, by) = (x2 - ux * 11.0, y2 - uy * 11.0);
                    let _ = writeln!(
                        o,
                        r#"<polygon points="{x2:.1},{y2:.1} {:.1},{:.1} {:.1},{:.1}" fill="{}"/>"#,
                        bx - uy * 5.5,
                        by + ux * 5.5,
                        bx + uy * 5.5,
                        by - ux * 5.5,
                        hex(*color)
                    );
                }
            }
            Shape::Text {
                x,
                y,
                text,
                size,
                color,
                bold,
                anchor,
            } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let _ = writeln!(
                    o,
                    r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" fill="{}" text-anchor="{anchor}"{}>{}</text>"#,
                    hex(*color),
                    if *bold { r#" font-weight="bold""# } else { "" },
                    crate::sanitize::xml(text)
                );
            }
        }
    }
    o.push_str("</svg>\n");
    o
}

/// Dashes of a dashed box and a dashed line (chart units), as the SVG and
/// the direct raster both draw them.
const BOX_DASH: [f32; 2] = [5.0, 4.0];
const LINE_DASH: [f32; 2] = [7.0, 5.0];

/// Text under this many pixels high is drawn as a bar, not laid out
/// (laying out 200,000 names no one can read was most of a big chart's
/// time and memory).
const GREEK_PX: f32 = 4.0;

/// The most pixels a PNG gets unless a width is asked for: 64 Mpx, about
/// 8,000 a side (a 100,000-person tree would otherwise be 8,690×32,768).
pub const DEFAULT_MAX_PIXELS: f64 = 64.0 * 1024.0 * 1024.0;

/// The width a PNG of `chart` gets when none is asked for: 2 pixels a
/// chart unit, at most 16,384 wide and [`DEFAULT_MAX_PIXELS`] in all.
pub fn default_png_width(chart: &Chart) -> u32 {
    let w = f64::from(chart.width.max(1.0));
    let h = f64::from(chart.height.max(1.0));
    let by_pixels = (DEFAULT_MAX_PIXELS * w / h).sqrt();
    (w * 2.0).min(16_384.0).min(by_pixels).max(16.0) as u32
}

/// The widest PNG this renders (pixels).
pub const MAX_PNG_SIDE: u32 = 32_768;

/// Renders the chart as PNG `width` pixels wide (height follows).
/// The PNG a chart gives at `width`: its size in pixels and the scale
/// (pixels per chart unit), as [`to_png`] draws it (the whole chart always
/// in the picture, no side over the PNG limit).
pub fn png_size(chart: &Chart, width: u32) -> (u32, u32, f32) {
    let asked = width.clamp(16, MAX_PNG_SIDE) as f32 / chart.width.max(1.0);
    let scale = asked.min(MAX_PNG_SIDE as f32 / chart.height.max(1.0));
    let width = ((chart.width * scale).round() as u32).clamp(1, MAX_PNG_SIDE);
    let height = ((chart.height * scale).ceil() as u32).clamp(1, MAX_PNG_SIDE);
    (width, height, scale)
}

pub fn to_png(chart: &Chart, width: u32) -> Result<Vec<u8>, String> {
    to_png_with(chart, width, &mut |_| true).map(Option::unwrap_or_default)
}

/// [`to_png`], telling `progress` how far it is (0 to 1) before each band
/// of rows and when done; `Ok(None)` as soon as `progress` answers `false`
/// (cancelled: nothing more is drawn).
pub fn to_png_with(
    chart: &Chart,
    width: u32,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<Option<Vec<u8>>, String> {
    let mut opt = resvg::usvg::Options {
        font_family: "Ubuntu".into(),
        ..Default::default()
    };
    opt.fontdb_mut()
        .load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    // Scale to the asked width, unless the height would then exceed the
    // limit: then smaller, so the whole chart is always in the picture.
    let (width, height, scale) = png_size(chart, width);
    // Drawn and encoded in horizontal bands of about 16 MiB of pixels, each
    // from only the shapes that reach into it: memory stays flat however
    // large the chart (a 40,000-person canvas no longer needs gigabytes).
    let band = ((16 << 20) / (u64::from(width) * 4)).clamp(16, u64::from(height)) as u32;
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, width, height);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc
            .write_header()
            .map_err(|e| format!("could not encode the PNG: {e}"))?;
        let mut stream = writer
            .stream_writer()
            .map_err(|e| format!("could not encode the PNG: {e}"))?;
        let mut top = 0;
        while top < height {
            if !progress(top as f32 / height as f32) {
                return Ok(None);
            }
            let rows = band.min(height - top);
            let (y0, y1) = (top as f32 / scale, (top + rows) as f32 / scale);
            let shapes: Vec<&Shape> = chart
                .shapes
                .iter()
                .filter(|s| {
                    let (a, b) = s.y_extent();
                    b >= y0 - 4.0 && a <= y1 + 4.0 && s.visible_at(scale)
                })
                .collect();
            let mut pixmap = resvg::tiny_skia::Pixmap::new(width, rows)
                .ok_or_else(|| format!("a {width}×{height} image is too large to draw"))?;
            let t = resvg::tiny_skia::Transform::from_scale(scale, scale)
                .post_translate(0.0, -(top as f32));
            if shapes.iter().any(|s| s.needs_layout(scale)) {
                // Text to lay out: the band goes through its SVG.
                let sub = Chart {
                    width: chart.width,
                    height: chart.height,
                    background: chart.background,
                    shapes: shapes.into_iter().cloned().collect(),
                };
                let tree = resvg::usvg::Tree::from_str(&to_svg(&sub), &opt)
                    .map_err(|e| format!("could not draw the chart: {e}"))?;
                resvg::render(&tree, t, &mut pixmap.as_mut());
            } else {
                // Boxes and lines only: painted straight on.
                let bg = chart.background;
                pixmap.fill(resvg::tiny_skia::Color::from_rgba8(
                    bg[0], bg[1], bg[2], 255,
                ));
                let mut band = pixmap.as_mut();
                for s in shapes {
                    raster::paint_shape(&mut band, s, t);
                }
            }
            // Premultiplied to straight alpha (the background is opaque, so
            // this only matters for a transparent one).
            let mut data = Vec::with_capacity(pixmap.data().len());
            for p in pixmap.pixels() {
                let c = p.demultiply();
                data.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
            }
            std::io::Write::write_all(&mut stream, &data)
                .map_err(|e| format!("could not encode the PNG: {e}"))?;
            top += rows;
        }
        stream
            .finish()
            .map_err(|e| format!("could not encode the PNG: {e}"))?;
    }
    Ok(progress(1.0).then_some(out))
}

impl Shape {
    /// Whether the shape leaves a mark at `scale` pixels a unit: text under
    /// half a pixel high is left out.
    fn visible_at(&self, scale: f32) -> bool {
        match self {
            Shape::Text { size, .. } => size * scale >= 0.5,
            _ => true,
        }
    }

    /// Text big enough to read, so laid out with its font (smaller text is
    /// drawn as a bar, see `raster`).
    fn needs_layout(&self, scale: f32) -> bool {
        matches!(self, Shape::Text { size, .. } if size * scale >= GREEK_PX)
    }

    /// The vertical extent of the shape (chart units), generously.
    fn y_extent(&self) -> (f32, f32) {
        match self {
            Shape::Rect { y, h, stroke, .. } => {
                let s = stroke.map_or(0.0, |(_, w)| w);
                (y - s, y + h + s)
            }
            Shape::Line { points, width, .. } => {
                let lo = points.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
                let hi = points.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max);
                (lo - width - 12.0, hi + width + 12.0)
            }
            Shape::Text { y, size, .. } => (y - size * 1.2, y + size * 0.6),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_escapes_names() {
        let chart = Chart {
            width: 10.0,
            height: 10.0,
            background: [255, 255, 255],
            shapes: vec![Shape::Text {
                x: 0.0,
                y: 0.0,
                text: "<script>&\"'\u{7}".into(),
                size: 12.0,
                color: [0, 0, 0],
                bold: false,
                anchor: Anchor::Start,
            }],
        };
        let svg = to_svg(&chart);
        assert!(
            svg.contains("&lt;script&gt;&amp;&quot;&#39; </text>"),
            "{svg}"
        );
        assert!(!svg.contains("<script>"));
    }

    #[test]
    fn png_progress_rises_to_one_and_a_no_cancels() {
        let chart = Chart {
            width: 100.0,
            height: 100_000.0,
            background: [255, 255, 255],
            shapes: Vec::new(),
        };
        let mut seen = Vec::new();
        let png = to_png_with(&chart, 1000, &mut |p| {
            seen.push(p);
            true
        })
        .unwrap();
        assert!(png.is_some());
        assert!(seen.len() >= 2, "{seen:?}");
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
        assert_eq!((seen[0], seen[seen.len() - 1]), (0.0, 1.0));
        let mut calls = 0;
        let cancelled = to_png_with(&chart, 1000, &mut |_| {
            calls += 1;
            false
        })
        .unwrap();
        assert_eq!((cancelled, calls), (None, 1));
    }

    #[test]
    fn very_tall_charts_shrink_to_fit_instead_of_being_cut() {
        let chart = Chart {
            width: 100.0,
            height: 100_000.0,
            background: [255, 255, 255],
            shapes: Vec::new(),
        };
        let png = to_png(&chart, 1000).unwrap();
        let w = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
        let h = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
        assert_eq!(h, MAX_PNG_SIDE);
        assert!((32..=33).contains(&w), "{w}");
    }

    #[test]
    fn the_team_canvas_explains_itself_and_marks_over_allocation() {
        // Issue 20.7: a title with the counts and date, a legend, info
        // badges, "Σ130%" on an over-allocated person's chips, and seat
        // text cut to its chip.
        let org = crate::io::load_str(crate::samples::BUILTIN, "x").unwrap();
        let svg = to_svg(&draw(&org, View::Teams));
        assert!(svg.contains(">Northwind Commerce</text>"), "no title");
        assert!(svg.contains("79 people · 11 teams · 3 initiatives · "));
        for label in [
            "error",
            "warning",
            "info",
            "initiative and its teams",
            "depends on",
        ] {
            assert!(svg.contains(&format!(">{label}</text>")), "legend: {label}");
        }
        // Mo Haddad: Payments Platform 100% + Payments v2 30%.
        assert!(svg.contains("30% · Σ130%"), "no Σ marker");
        assert!(
            !svg.contains("PM-T for checkout, offer out"),
            "seat text not cut"
        );
        // Checkout has a warning and an info: both badges, the info one too.
        let blue = format!("fill=\"{}\"", hex([31, 95, 168]));
        // The legend's dot is one; the cards' info badges are the rest.
        assert!(svg.matches(&blue).count() >= 2, "no info badge");
    }

    #[test]
    fn png_renders_text_at_the_asked_width() {
        let org = crate::io::load_str(crate::samples::BUILTIN, "x").unwrap();
        let chart = draw(&org, View::Teams);
        let png = to_png(&chart, 1200).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        // Width is in the IHDR chunk.
        let w = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
        assert_eq!(w, 1200);
    }
}
