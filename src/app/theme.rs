//! Design tokens: every colour the app uses, for the dark and the light
//! theme, in one place (as Rerun's `design_tokens.rs`). egui's own visuals
//! are set from the same tokens, so panels, tabs, the matrix and the
//! reporting tree follow the theme too. A test checks every text colour
//! against the backgrounds it is drawn on (WCAG AA, 4.5:1).

use crate::catalog::Severity;
use crate::rules::CellStatus;
use egui::Color32;

/// The colours of one theme.
#[derive(Clone, Copy, Debug)]
pub struct Tokens {
    pub dark: bool,
    /// Side panels, tab strip, matrix and reporting tabs.
    pub panel_bg: Color32,
    /// Text fields and other inputs.
    pub field_bg: Color32,
    pub canvas_bg: Color32,
    pub grid: Color32,
    pub card_bg: Color32,
    pub card_header: Color32,
    pub initiative_header: Color32,
    pub card_stroke: Color32,
    pub text: Color32,
    pub weak_text: Color32,
    pub chip_bg: Color32,
    pub selection: Color32,
    /// The keyboard focus ring: where Tab and the arrow keys are.
    pub focus: Color32,
    pub drop_target: Color32,
    pub link: Color32,
    pub dependency: Color32,
    /// Comparison marks: new or moved (green), removed (faded ghosts).
    pub added: Color32,
    pub removed: Color32,
}

impl Tokens {
    pub fn new(dark: bool) -> Tokens {
        if dark {
            Tokens {
                dark,
                panel_bg: Color32::from_rgb(30, 33, 39),
                field_bg: Color32::from_rgb(20, 22, 26),
                canvas_bg: Color32::from_rgb(24, 26, 31),
                grid: Color32::from_rgb(36, 39, 46),
                card_bg: Color32::from_rgb(40, 44, 52),
                card_header: Color32::from_rgb(52, 57, 68),
                initiative_header: Color32::from_rgb(58, 50, 76),
                card_stroke: Color32::from_rgb(72, 78, 92),
                text: Color32::from_rgb(228, 231, 237),
                weak_text: Color32::from_rgb(160, 167, 180),
                chip_bg: Color32::from_rgb(50, 55, 65),
                selection: Color32::from_rgb(90, 160, 255),
                focus: Color32::from_rgb(255, 196, 64),
                drop_target: Color32::from_rgb(80, 200, 160),
                link: Color32::from_rgb(170, 145, 230),
                dependency: Color32::from_rgb(140, 150, 170),
                added: Color32::from_rgb(90, 205, 120),
                removed: Color32::from_rgb(150, 157, 170),
            }
        } else {
            Tokens {
                dark,
                panel_bg: Color32::from_rgb(250, 250, 252),
                field_bg: Color32::WHITE,
                canvas_bg: Color32::from_rgb(243, 245, 248),
                grid: Color32::from_rgb(229, 232, 238),
                card_bg: Color32::WHITE,
                card_header: Color32::from_rgb(236, 240, 246),
                initiative_header: Color32::from_rgb(238, 232, 250),
                card_stroke: Color32::from_rgb(200, 206, 216),
                text: Color32::from_rgb(29, 35, 48),
                weak_text: Color32::from_rgb(88, 96, 112),
                chip_bg: Color32::from_rgb(241, 243, 247),
                selection: Color32::from_rgb(30, 110, 235),
                focus: Color32::from_rgb(196, 84, 0),
                drop_target: Color32::from_rgb(14, 128, 88),
                link: Color32::from_rgb(112, 78, 184),
                dependency: Color32::from_rgb(120, 130, 150),
                added: Color32::from_rgb(22, 128, 60),
                removed: Color32::from_rgb(120, 128, 142),
            }
        }
    }

    /// A severity's colour, readable as text on panels, cards and chips.
    pub fn severity(&self, s: Severity) -> Color32 {
        match (s, self.dark) {
            (Severity::Error, true) => Color32::from_rgb(250, 110, 104),
            (Severity::Error, false) => Color32::from_rgb(186, 32, 32),
            (Severity::Warning, true) => Color32::from_rgb(240, 170, 60),
            (Severity::Warning, false) => Color32::from_rgb(150, 84, 0),
            (Severity::Info, true) => Color32::from_rgb(120, 170, 245),
            (Severity::Info, false) => Color32::from_rgb(31, 95, 168),
            (Severity::Off, _) => self.weak_text,
        }
    }

    /// A badge's fill for a severity (white text on it).
    pub fn severity_fill(&self, s: Severity) -> Color32 {
        match s {
            Severity::Error => Color32::from_rgb(196, 43, 43),
            Severity::Warning => Color32::from_rgb(166, 96, 0),
            Severity::Info => Color32::from_rgb(40, 100, 175),
            Severity::Off => self.weak_text,
        }
    }

    /// Background of a coverage matrix cell.
    pub fn coverage_fill(&self, s: CellStatus, severity: Option<Severity>) -> Color32 {
        match (s, self.dark) {
            (CellStatus::Covered, true) => Color32::from_rgb(36, 72, 48),
            (CellStatus::Covered, false) => Color32::from_rgb(220, 240, 222),
            (CellStatus::StopGap, true) => Color32::from_rgb(70, 54, 22),
            (CellStatus::StopGap, false) => Color32::from_rgb(255, 240, 210),
            (CellStatus::Missing, dark) => match (severity, dark) {
                (Some(Severity::Error), true) => Color32::from_rgb(84, 30, 30),
                (Some(Severity::Error), false) => Color32::from_rgb(253, 224, 221),
                (_, true) => Color32::from_rgb(70, 40, 40),
                (_, false) => Color32::from_rgb(253, 236, 234),
            },
            (CellStatus::NotRequired, true) => Color32::from_rgb(38, 41, 48),
            (CellStatus::NotRequired, false) => Color32::from_rgb(241, 243, 246),
        }
    }

    /// The text colour on a coverage cell.
    pub fn coverage_text(&self, s: CellStatus, severity: Option<Severity>) -> Color32 {
        match s {
            CellStatus::Missing => self.severity(severity.unwrap_or(Severity::Warning)),
            CellStatus::StopGap => self.severity(Severity::Warning),
            CellStatus::Covered => self.text,
            CellStatus::NotRequired => self.weak_text,
        }
    }

    /// The colour of a role chip (the shared role palette).
    pub fn role(&self, role: &str) -> Color32 {
        let [r, g, b] = crate::catalog::role_rgb(role);
        let c = Color32::from_rgb(r, g, b);
        if self.dark { c.gamma_multiply(1.15) } else { c }
    }
}

/// Arrows, geometric shapes and dingbats (a subset of DejaVu Sans, see
/// assets/fonts/LICENSE-DejaVu.txt): the default font has no "→".
const SYMBOLS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-symbols.ttf");

/// Adds the symbol font as a fallback for every family.
pub fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    ctx.add_font(FontInsert::new(
        "orgplan-symbols",
        egui::FontData::from_static(SYMBOLS),
        vec![
            InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}

/// Applies the theme to egui: visuals made from the tokens.
pub fn apply(ctx: &egui::Context, dark: bool) {
    let t = Tokens::new(dark);
    let (theme, mut v) = if dark {
        (egui::Theme::Dark, egui::Visuals::dark())
    } else {
        (egui::Theme::Light, egui::Visuals::light())
    };
    v.panel_fill = t.panel_bg;
    v.window_fill = t.panel_bg;
    v.extreme_bg_color = t.field_bg;
    v.text_edit_bg_color = Some(t.field_bg);
    v.faint_bg_color = t.chip_bg;
    v.code_bg_color = t.chip_bg;
    v.hyperlink_color = t.link;
    v.weak_text_color = Some(t.weak_text);
    v.widgets.noninteractive.fg_stroke.color = t.text;
    v.widgets.inactive.fg_stroke.color = t.text;
    v.widgets.hovered.fg_stroke.color = t.text;
    v.widgets.active.fg_stroke.color = t.text;
    v.widgets.noninteractive.bg_stroke.color = t.card_stroke;
    v.error_fg_color = t.severity(Severity::Error);
    v.warn_fg_color = t.severity(Severity::Warning);
    ctx.set_visuals_of(theme, v);
    ctx.set_theme(theme);
}

/// Black or white, whichever reads better on `fill` (one of them always
/// reaches 4.58:1).
pub fn ink_on(fill: Color32) -> Color32 {
    if contrast(Color32::BLACK, fill) >= contrast(Color32::WHITE, fill) {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// WCAG relative luminance.
fn luminance(c: Color32) -> f32 {
    let ch = |v: u8| {
        let v = f32::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(c.r()) + 0.7152 * ch(c.g()) + 0.0722 * ch(c.b())
}

/// WCAG contrast ratio of two opaque colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text colour on every background it is drawn on, both themes.
    #[test]
    fn text_meets_wcag_aa_on_its_backgrounds_in_both_themes() {
        let mut failures = Vec::new();
        for dark in [true, false] {
            let t = Tokens::new(dark);
            let mut check = |what: &str, fg: Color32, bg: Color32| {
                let c = contrast(fg, bg);
                if c < 4.5 {
                    failures.push(format!(
                        "{} theme: {what}: {c:.2}:1",
                        if dark { "dark" } else { "light" }
                    ));
                }
            };
            let text_bgs = [
                ("panel", t.panel_bg),
                ("field", t.field_bg),
                ("canvas", t.canvas_bg),
                ("card", t.card_bg),
                ("card header", t.card_header),
                ("initiative header", t.initiative_header),
                ("chip", t.chip_bg),
            ];
            for (name, bg) in text_bgs {
                check(&format!("text on {name}"), t.text, bg);
                check(&format!("weak text on {name}"), t.weak_text, bg);
            }
            for (name, bg) in [
                ("panel", t.panel_bg),
                ("card", t.card_bg),
                ("canvas", t.canvas_bg),
            ] {
                for s in Severity::REPORTED {
                    check(&format!("{s} on {name}"), t.severity(s), bg);
                }
                check(&format!("link on {name}"), t.link, bg);
                check(&format!("drop hint on {name}"), t.drop_target, bg);
                check(&format!("added on {name}"), t.added, bg);
            }
            for s in Severity::REPORTED {
                check(
                    &format!("white on {s} badge"),
                    Color32::WHITE,
                    t.severity_fill(s),
                );
            }
            for status in [
                CellStatus::Covered,
                CellStatus::StopGap,
                CellStatus::Missing,
                CellStatus::NotRequired,
            ] {
                for sev in [Some(Severity::Error), Some(Severity::Warning), None] {
                    check(
                        &format!("{} cell text", status.word()),
                        t.coverage_text(status, sev),
                        t.coverage_fill(status, sev),
                    );
                }
            }
            for r in crate::catalog::BUILTIN_ROLES
                .iter()
                .map(|r| r.id)
                .chain(["Custom1", "X"])
            {
                let fill = t.role(r);
                check(&format!("{r} badge"), ink_on(fill), fill);
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.01);
    }
}
