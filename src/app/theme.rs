//! Design tokens: one palette for roles, one for severities and coverage,
//! readable in dark and light themes.

use crate::catalog::Severity;
use crate::report::CellStatus;
use egui::Color32;

/// The colours of one theme.
#[derive(Clone, Copy, Debug)]
pub struct Tokens {
    pub dark: bool,
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
    pub drop_target: Color32,
    pub link: Color32,
    pub dependency: Color32,
}

impl Tokens {
    pub fn new(dark: bool) -> Tokens {
        if dark {
            Tokens {
                dark,
                canvas_bg: Color32::from_rgb(24, 26, 31),
                grid: Color32::from_rgb(36, 39, 46),
                card_bg: Color32::from_rgb(40, 44, 52),
                card_header: Color32::from_rgb(52, 57, 68),
                initiative_header: Color32::from_rgb(58, 50, 76),
                card_stroke: Color32::from_rgb(72, 78, 92),
                text: Color32::from_rgb(228, 231, 237),
                weak_text: Color32::from_rgb(150, 157, 170),
                chip_bg: Color32::from_rgb(50, 55, 65),
                selection: Color32::from_rgb(90, 160, 255),
                drop_target: Color32::from_rgb(80, 200, 160),
                link: Color32::from_rgb(150, 120, 210),
                dependency: Color32::from_rgb(140, 150, 170),
            }
        } else {
            Tokens {
                dark,
                canvas_bg: Color32::from_rgb(243, 245, 248),
                grid: Color32::from_rgb(229, 232, 238),
                card_bg: Color32::WHITE,
                card_header: Color32::from_rgb(236, 240, 246),
                initiative_header: Color32::from_rgb(238, 232, 250),
                card_stroke: Color32::from_rgb(200, 206, 216),
                text: Color32::from_rgb(29, 35, 48),
                weak_text: Color32::from_rgb(95, 104, 120),
                chip_bg: Color32::from_rgb(244, 246, 249),
                selection: Color32::from_rgb(30, 110, 235),
                drop_target: Color32::from_rgb(20, 160, 110),
                link: Color32::from_rgb(120, 90, 190),
                dependency: Color32::from_rgb(120, 130, 150),
            }
        }
    }

    pub fn severity(&self, s: Severity) -> Color32 {
        match (s, self.dark) {
            (Severity::Error, true) => Color32::from_rgb(240, 96, 90),
            (Severity::Error, false) => Color32::from_rgb(198, 40, 40),
            (Severity::Warning, true) => Color32::from_rgb(240, 170, 60),
            (Severity::Warning, false) => Color32::from_rgb(190, 110, 0),
            (Severity::Info, true) => Color32::from_rgb(110, 160, 240),
            (Severity::Info, false) => Color32::from_rgb(31, 95, 168),
            (Severity::Off, _) => self.weak_text,
        }
    }

    /// Background of a coverage matrix cell.
    pub fn coverage_fill(&self, s: CellStatus, severity: Option<Severity>) -> Color32 {
        match (s, self.dark) {
            (CellStatus::Covered, true) => Color32::from_rgb(36, 72, 48),
            (CellStatus::Covered, false) => Color32::from_rgb(220, 240, 222),
            (CellStatus::StopGap, true) => Color32::from_rgb(88, 66, 24),
            (CellStatus::StopGap, false) => Color32::from_rgb(255, 238, 204),
            (CellStatus::Missing, dark) => match (severity, dark) {
                (Some(Severity::Error), true) => Color32::from_rgb(104, 38, 38),
                (Some(Severity::Error), false) => Color32::from_rgb(252, 214, 210),
                (_, true) => Color32::from_rgb(78, 44, 44),
                (_, false) => Color32::from_rgb(253, 234, 232),
            },
            (CellStatus::NotRequired, true) => Color32::from_rgb(38, 41, 48),
            (CellStatus::NotRequired, false) => Color32::from_rgb(241, 243, 246),
        }
    }

    /// The colour of a role chip (the shared role palette).
    pub fn role(&self, role: &str) -> Color32 {
        let [r, g, b] = crate::catalog::role_rgb(role);
        let c = Color32::from_rgb(r, g, b);
        if self.dark { c.gamma_multiply(1.15) } else { c }
    }
}

/// Applies the theme to egui.
pub fn apply(ctx: &egui::Context, dark: bool) {
    ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
}

/// Black or white, whichever reads better on `fill`.
pub fn ink_on(fill: Color32) -> Color32 {
    let l = 0.299 * f32::from(fill.r()) + 0.587 * f32::from(fill.g()) + 0.114 * f32::from(fill.b());
    if l > 160.0 {
        Color32::from_rgb(20, 24, 32)
    } else {
        Color32::WHITE
    }
}
