//! Waiving a finding: a reason (required) and an optional end date.

use super::{Choice, centered};
use crate::catalog::Capability;
use crate::edit::Edit;
use crate::model::{Date, Subject, Waiver};

pub struct Waive {
    pub rule: &'static str,
    pub subject: Subject,
    pub capability: Option<Capability>,
    pub message: String,
    pub reason: String,
    pub until: String,
    pub error: Option<String>,
    /// The reason field takes the keyboard when the dialog opens.
    pub focus_reason: bool,
}

impl Waive {
    pub fn ui(&mut self, ctx: &egui::Context, choices: &mut Vec<Choice>) -> bool {
        centered(ctx, "waive", true, |ui| {
            ui.heading(format!("Waive {}", self.rule));
            ui.label(self.message.as_str());
            ui.add_space(6.0);
            let l = ui.label("Reason (required)");
            let reason = ui
                .add(
                    egui::TextEdit::singleline(&mut self.reason)
                        .desired_width(f32::INFINITY)
                        .hint_text("e.g. PM-T starts in January"),
                )
                .labelled_by(l.id);
            crate::app::widgets::main_field(ui, &reason, &self.reason);
            if std::mem::take(&mut self.focus_reason) {
                reason.request_focus();
            }
            // What was wrong goes as soon as it is being put right.
            if reason.changed() && !self.reason.trim().is_empty() && self.error.is_some() {
                self.error = None;
            }
            let l = ui.label("Until (optional, YYYY-MM-DD)");
            let until = ui
                .add(egui::TextEdit::singleline(&mut self.until).desired_width(140.0))
                .labelled_by(l.id);
            if until.changed() && self.error.is_some() && !self.reason.trim().is_empty() {
                self.error = None;
            }
            // Enter in either field waives, as the button does.
            let enter = (reason.lost_focus() || until.lost_focus())
                && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if let Some(e) = self.error.as_ref() {
                ui.colored_label(ui.visuals().error_fg_color, e.as_str());
            }
            let mut keep = true;
            if enter && self.submit(choices) {
                keep = false;
            }
            ui.horizontal(|ui| {
                if ui.button("Waive").clicked() && self.submit(choices) {
                    keep = false;
                }
                if ui.button("Cancel").clicked() {
                    keep = false;
                }
            });
            keep
        })
    }

    /// The waiver, if reason and date hold; else the error is shown.
    fn submit(&mut self, choices: &mut Vec<Choice>) -> bool {
        let until = self.until.trim();
        let date = if until.is_empty() {
            Ok(None)
        } else {
            Date::parse(until).map(Some)
        };
        match (self.reason.trim().is_empty(), date) {
            (true, _) => {
                self.error = Some("Give a reason: the next reader needs to know why".into());
                false
            }
            (_, Err(e)) => {
                self.error = Some(e);
                false
            }
            (false, Ok(until)) => {
                choices.push(Choice::Edit(Edit::AddWaiver(Waiver {
                    rule: self.rule.to_string(),
                    subject: self.subject.clone(),
                    capability: self.capability,
                    reason: self.reason.trim().to_string(),
                    until,
                })));
                true
            }
        }
    }
}
