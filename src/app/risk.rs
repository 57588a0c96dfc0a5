//! View → Key-person risk in the app: the colour of a person's chip and
//! roster row (what their departure opens: error, warning, nothing), the
//! status-bar tally and the inspector's "If NAME left" list. The risk
//! itself is worked out by the document, off the UI thread
//! ([`crate::document::RiskView`]).

use super::command::Action;
use super::{Commands, ViewCtx};
use crate::catalog::Severity;
use crate::document::{Document, RiskLevel};
use crate::model::PersonId;
use crate::risk::render::{remedy, tally};
use egui::{Color32, RichText, Sense, vec2};

/// What the overlay says of `p`, while it is on and has a result.
pub fn level(doc: &Document, p: &PersonId) -> Option<RiskLevel> {
    doc.risk().map(|r| r.level(p))
}

/// The colour a level is drawn in; a departure that opens nothing is
/// drawn in the "fine" green.
pub fn color(tokens: &super::Tokens, level: RiskLevel) -> Color32 {
    level
        .severity()
        .map_or(tokens.added, |s| tokens.severity(s))
}

/// "leaving opens 2 errors, 1 warning" / "leaving opens nothing", for
/// labels and tooltips.
pub fn words(doc: &Document, p: &PersonId) -> Option<String> {
    let r = doc.risk()?;
    Some(match r.departure(p) {
        Some(d) => format!("leaving opens {}", tally(d)),
        None => "leaving opens nothing".to_string(),
    })
}

/// The status-bar tally while the overlay is on.
pub fn status(ui: &mut egui::Ui, f: &ViewCtx) {
    if !f.doc.risk_on() {
        return;
    }
    ui.separator();
    let tokens = f.tokens;
    let Some(r) = f.doc.risk() else {
        ui.spinner();
        ui.weak("key-person risk…");
        return;
    };
    let errors = r.risk.people.iter().filter(|d| d.errors() > 0).count();
    let warnings = r.risk.people.len() - errors;
    let resp = ui
        .horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.weak("Key-person risk:");
            dot(ui, tokens.severity(Severity::Error));
            ui.colored_label(tokens.severity(Severity::Error), errors.to_string());
            dot(ui, tokens.severity(Severity::Warning));
            ui.colored_label(tokens.severity(Severity::Warning), warnings.to_string());
            dot(ui, tokens.added);
            ui.colored_label(tokens.added, r.risk.safe.to_string());
            if !f.doc.risk_is_current() {
                ui.spinner();
            }
        })
        .response;
    resp.on_hover_text(format!(
        "{}.\nRed: their departure opens an error; amber: a warning; green: nothing.",
        crate::risk::render::headline(&r.risk)
    ));
}

fn dot(ui: &mut egui::Ui, color: Color32) {
    let (r, _) = ui.allocate_exact_size(vec2(8.0, 8.0), Sense::hover());
    ui.painter().circle_filled(r.center(), 4.0, color);
}

/// The inspector's "If NAME left" section for person `pid`.
pub fn departure_ui(ui: &mut egui::Ui, f: &ViewCtx, pid: &PersonId, out: &mut Commands) {
    let doc = f.doc;
    let tokens = f.tokens;
    let Some(r) = doc.risk() else {
        if doc.risk_on() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.weak("Working out what their departure would open…");
            });
        }
        return;
    };
    let name = doc
        .layout()
        .person(doc.org(), pid)
        .map_or_else(|| pid.to_string(), |p| p.name.to_string());
    let level = r.level(pid);
    egui::Frame::NONE
        .fill(color(&tokens, level).gamma_multiply(0.10))
        .stroke(egui::Stroke::new(1.0, color(&tokens, level)))
        .corner_radius(6.0)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.strong(format!("If {name} left"));
                if !doc.risk_is_current() {
                    ui.spinner();
                    ui.weak("updating…");
                }
            });
            let Some(d) = r.departure(pid) else {
                ui.label(
                    RichText::new("Nothing at or above warning would open.").color(tokens.added),
                );
                return;
            };
            ui.label(
                RichText::new(format!("Their departure would open {}:", tally(d)))
                    .color(color(&tokens, level)),
            );
            for finding in &d.opened {
                ui.horizontal(|ui| {
                    let (bar, _) = ui.allocate_exact_size(vec2(4.0, 16.0), Sense::hover());
                    ui.painter()
                        .rect_filled(bar, 2.0, tokens.severity(finding.severity));
                    ui.monospace(finding.rule.code)
                        .on_hover_text(finding.rule.name);
                });
                let resp = ui.add(
                    egui::Label::new(&finding.message)
                        .sense(Sense::click())
                        .wrap(),
                );
                if resp.clicked() {
                    out.actions.push(Action::Reveal(finding.subject.clone()));
                }
                resp.on_hover_text("Click to select and show what it is about");
                if let Some(fix) = remedy(doc.org(), finding) {
                    ui.weak(format!("Reduce it: {fix}."));
                }
            }
            if !d.closed.is_empty() {
                ui.add_space(2.0);
                ui.collapsing(
                    format!(
                        "It would also close {}",
                        crate::text::count(d.closed.len(), "finding", "findings")
                    ),
                    |ui| {
                        for c in &d.closed {
                            ui.weak(format!("{} {}", c.rule.code, c.message));
                        }
                    },
                );
            }
        });
}
