//! The gaps list: findings grouped by severity, filterable, each with *Why
//! it matters* on expand, waive and unwaive. While a large org's analysis
//! catches up with an edit, the list says "checking…" and shows the last
//! result as such.

use super::command::Action;
use super::modals::{self, Modal};
use super::{Commands, ViewCtx};
use crate::catalog::Severity;
use crate::edit::Edit;
use crate::rules::Finding;
use egui::{RichText, Sense, vec2};
use std::collections::HashSet;

/// Findings shown per group before "Show more".
const GAPS_PAGE: usize = 40;

#[derive(Default)]
pub struct GapsView {
    pub filter: String,
    pub hide_severity: [bool; 3],
    /// Expanded findings, by (rule, subject, capability): stable across
    /// re-analyses, unlike an index.
    expanded: HashSet<String>,
    /// How many findings each severity group shows (more on request).
    shown: [usize; 4],
}

fn key(f: &Finding) -> String {
    format!(
        "{} {} {}",
        f.rule.code,
        f.subject,
        f.capability.map_or("", |c| c.id())
    )
}

impl GapsView {
    pub fn ui(&mut self, ui: &mut egui::Ui, f: &ViewCtx, out: &mut Commands) {
        let tokens = f.tokens;
        let derived = f.doc.derived();
        // Wrapped: a row wider than a narrow inspector widens what follows
        // it, and the findings' text is then cut at the panel's edge.
        ui.horizontal_wrapped(|ui| {
            ui.strong("Gaps");
            let s = derived.summary;
            for (k, (sev, n)) in [
                (Severity::Error, s.error),
                (Severity::Warning, s.warning),
                (Severity::Info, s.info),
            ]
            .into_iter()
            .enumerate()
            {
                let on = !self.hide_severity[k];
                let text = RichText::new(match sev {
                    Severity::Error => crate::text::count(n, "error", "errors"),
                    Severity::Warning => crate::text::count(n, "warning", "warnings"),
                    _ => format!("{n} {}", sev.id()),
                })
                .color(if on {
                    tokens.severity(sev)
                } else {
                    tokens.weak_text
                });
                if ui
                    .selectable_label(on, text)
                    .on_hover_text("Show or hide")
                    .clicked()
                {
                    self.hide_severity[k] = !self.hide_severity[k];
                }
            }
            if !f.doc.is_current() {
                ui.spinner();
                ui.weak("checking…");
            }
        });
        let filter_label = ui.label("Filter gaps");
        ui.add(
            egui::TextEdit::singleline(&mut self.filter)
                .hint_text("text, code or name")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(filter_label.id);
        let q = self.filter.to_lowercase();
        let matches = |f: &Finding| {
            q.is_empty()
                || f.message.to_lowercase().contains(&q)
                || f.rule.code.to_lowercase().contains(&q)
                || f.rule.name.contains(&q)
                || f.subject.to_string().contains(&q)
        };
        let findings = &derived.report.findings;
        let stale = !f.doc.is_current();
        egui::ScrollArea::vertical()
            .id_salt("gaps-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if stale {
                    ui.weak("The list below is from before the last change; it updates when the check finishes.");
                }
                for (k, sev) in Severity::REPORTED.into_iter().enumerate() {
                    if self.hide_severity[k] {
                        continue;
                    }
                    let list: Vec<&Finding> = findings
                        .iter()
                        .filter(|f| f.severity == sev && !f.waived() && matches(f))
                        .collect();
                    if list.is_empty() {
                        continue;
                    }
                    egui::CollapsingHeader::new(
                        RichText::new(format!("{} ({})", sev.title(), list.len()))
                            .color(tokens.severity(sev))
                            .strong(),
                    )
                    .id_salt(("gaps", k))
                    .default_open(sev != Severity::Info)
                    .show(ui, |ui| {
                        // Long lists are paged: laying out thousands of rows
                        // every frame would make the whole app sluggish.
                        let limit = self.shown[k].max(GAPS_PAGE);
                        let total = list.len();
                        for finding in list.into_iter().take(limit) {
                            self.row(ui, f, finding, out);
                        }
                        if total > limit
                            && ui
                                .button(format!(
                                    "Show {} more of {}",
                                    (total - limit).min(GAPS_PAGE),
                                    total - limit
                                ))
                                .clicked()
                        {
                            self.shown[k] = limit + GAPS_PAGE;
                        }
                    });
                }
                let waived: Vec<&Finding> =
                    findings.iter().filter(|f| f.waived() && matches(f)).collect();
                if !waived.is_empty() {
                    egui::CollapsingHeader::new(format!("Waived ({})", waived.len()))
                        .id_salt("gaps-waived")
                        .default_open(false)
                        .show(ui, |ui| {
                            for finding in waived {
                                let w = finding
                                    .waived_by
                                    .and_then(|i| f.doc.org().waivers.get(i).map(|w| (i, w)));
                                ui.horizontal_wrapped(|ui| {
                                    ui.monospace(finding.rule.code);
                                    if ui.link(&finding.message).clicked() {
                                        out.actions.push(Action::Reveal(finding.subject.clone()));
                                    }
                                });
                                if let Some((wi, w)) = w {
                                    ui.weak(format!(
                                        "Waived: {}{}",
                                        w.reason,
                                        w.until.map_or(String::new(), |d| format!(" (until {d})"))
                                    ));
                                    if ui.small_button("Unwaive").clicked() && !stale {
                                        out.edits.push(Edit::RemoveWaiver(wi));
                                    }
                                }
                                ui.separator();
                            }
                        });
                }
                if findings.is_empty() && !stale {
                    ui.weak("No gaps: every duty the policy asks for is covered.");
                }
            });
    }

    fn row(&mut self, ui: &mut egui::Ui, f: &ViewCtx, finding: &Finding, out: &mut Commands) {
        let tokens = f.tokens;
        let k = key(finding);
        let expanded = self.expanded.contains(&k);
        ui.horizontal(|ui| {
            let (bar, _) = ui.allocate_exact_size(vec2(4.0, 18.0), Sense::hover());
            ui.painter()
                .rect_filled(bar, 2.0, tokens.severity(finding.severity));
            let (r, toggle) = ui.allocate_exact_size(vec2(16.0, 16.0), Sense::click());
            egui::collapsing_header::paint_default_icon(
                ui,
                if expanded { 1.0 } else { 0.0 },
                &toggle.clone().with_new_rect(r),
            );
            if toggle.on_hover_text("Why it matters").clicked() {
                if expanded {
                    self.expanded.remove(&k);
                } else {
                    self.expanded.insert(k.clone());
                }
            }
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
        resp.on_hover_text("Click to select and show it");
        if expanded {
            egui::Frame::NONE
                .inner_margin(egui::Margin {
                    left: 10,
                    right: 4,
                    top: 2,
                    bottom: 4,
                })
                .show(ui, |ui| {
                    ui.label(RichText::new("Why it matters").strong());
                    ui.label(finding.rule.paragraphs("Why it matters").join("\n\n"));
                    ui.label(RichText::new("How to fix").strong());
                    ui.label(finding.rule.paragraphs("How to fix").join("\n\n"));
                    ui.horizontal(|ui| {
                        if ui.button("Waive…").clicked() {
                            out.modal = Some(Modal::Waive(modals::Waive {
                                rule: finding.rule.code,
                                subject: finding.subject.clone(),
                                capability: finding.capability,
                                message: finding.message.clone(),
                                reason: String::new(),
                                until: String::new(),
                                error: None,
                                focus_reason: true,
                            }));
                        }
                        if ui.button("Rule docs").clicked() {
                            out.modal = Some(Modal::RulesReference(modals::RulesReference {
                                code: finding.rule.code,
                            }));
                        }
                    });
                });
        }
        ui.add_space(2.0);
    }
}
