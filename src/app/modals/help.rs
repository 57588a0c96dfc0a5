//! Help → Keyboard shortcuts and Help → Rules reference.

use super::centered;
use crate::app::command::{Command, GESTURES};
use egui::RichText;

/// Every keyboard shortcut and gesture.
pub struct Shortcuts;

impl Shortcuts {
    pub fn ui(&mut self, ctx: &egui::Context) -> bool {
        centered(ctx, "shortcuts", true, |ui| {
            ui.heading("Keyboard shortcuts");
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for c in Command::ALL {
                    let keys: Vec<String> = c
                        .shortcuts()
                        .iter()
                        .map(|s| ui.ctx().format_shortcut(s))
                        .collect();
                    if keys.is_empty() {
                        continue;
                    }
                    ui.monospace(keys.join(" / "));
                    ui.label(format!("{} — {}", c.text(), c.tooltip()));
                    ui.end_row();
                }
                for (k, v) in GESTURES {
                    ui.monospace(*k);
                    ui.label(*v);
                    ui.end_row();
                }
            });
            !ui.button("Close").clicked()
        })
    }
}

/// One rule's documentation at a time, picked from the catalog.
pub struct RulesReference {
    pub code: &'static str,
}

impl RulesReference {
    pub fn ui(&mut self, ctx: &egui::Context) -> bool {
        let mut chosen = self.code;
        let keep = centered(ctx, "rules", true, |ui| {
            ui.set_min_width(560.0);
            ui.heading("Rules reference");
            let cb = egui::ComboBox::from_id_salt("rule-pick")
                .selected_text(
                    crate::rules::rule(chosen)
                        .map_or(chosen.to_string(), |r| format!("{} {}", r.code, r.name)),
                )
                .height(400.0)
                .show_ui(ui, |ui| {
                    for r in crate::rules::RULES.iter().map(|r| &r.info) {
                        ui.selectable_value(&mut chosen, r.code, format!("{} {}", r.code, r.name));
                    }
                });
            crate::app::widgets::name_widget(&cb.response, egui::Role::ComboBox, "Rule");
            if let Some(r) = crate::rules::rule(chosen) {
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .show(ui, |ui| {
                        ui.label(RichText::new(r.summary).strong());
                        ui.weak(format!(
                            "Default severity: {} · threshold: {}",
                            r.default_severity,
                            r.default_threshold.map_or("none".into(), |t| t.to_string())
                        ));
                        for title in ["What it flags", "Why it matters", "How to fix"] {
                            ui.add_space(4.0);
                            ui.label(RichText::new(title).strong());
                            ui.label(r.paragraphs(title).join("\n\n"));
                        }
                    });
            }
            !ui.button("Close").clicked()
        });
        self.code = chosen;
        keep
    }
}
