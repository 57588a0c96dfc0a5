//! The Changes tab, while comparing: the headline, the gap delta, the
//! metrics and the change list; clicking a line selects its subject and
//! shows it on the canvas. The comparison follows every edit.

use super::command::{Action, Command};
use super::{Commands, ViewCtx};
use crate::catalog::Severity;
use crate::diff::render::DiffFormat;
use crate::diff::{Diff, GapChange, metrics};
use egui::RichText;

#[derive(Default)]
pub struct ChangesView {
    /// Show unchanged findings too.
    show_unchanged: bool,
}

impl ChangesView {
    pub fn ui(&mut self, ui: &mut egui::Ui, f: &ViewCtx, out: &mut Commands) {
        let tokens = f.tokens;
        let derived = f.doc.derived_arc();
        egui::Frame::NONE
            .fill(tokens.panel_bg)
            .inner_margin(12.0)
            .show(ui, |ui| {
                let label = f.doc.comparing().map_or("", |c| c.label.as_str());
                ui.horizontal(|ui| {
                    ui.heading("Changes");
                    ui.label(
                        RichText::new(format!("compared with {label}")).color(tokens.weak_text),
                    );
                    if !f.doc.is_current() {
                        ui.spinner();
                        ui.weak("checking…");
                    }
                });
                ui.horizontal(|ui| {
                    for (text, fmt) in [
                        ("Export HTML…", DiffFormat::Html),
                        ("Export Markdown…", DiffFormat::Markdown),
                    ] {
                        if ui.button(text).clicked() {
                            out.actions.push(Action::ExportComparison(fmt));
                        }
                    }
                    if ui
                        .button(Command::StopComparing.text())
                        .on_hover_text(Command::StopComparing.tooltip())
                        .clicked()
                    {
                        out.actions.push(Action::Run(Command::StopComparing));
                    }
                });
                let Some(d) = &derived.diff else {
                    ui.weak("Working out the comparison…");
                    return;
                };
                ui.add_space(6.0);
                let bad = !d.gaps.opened.is_empty();
                let color = if bad {
                    tokens.severity(Severity::Error)
                } else {
                    tokens.added
                };
                ui.label(
                    RichText::new(format!("This proposal {}", d.headline()))
                        .size(16.0)
                        .color(color),
                );
                if d.is_empty() {
                    ui.weak("No changes.");
                }
                egui::ScrollArea::vertical()
                    .id_salt("changes-scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        for (title, list, open) in [
                            ("Gaps opened", &d.gaps.opened, true),
                            ("Gaps closed", &d.gaps.closed, true),
                            ("Severity changed", &d.gaps.changed, true),
                        ] {
                            if list.is_empty() {
                                continue;
                            }
                            egui::CollapsingHeader::new(
                                RichText::new(format!("{title} ({})", list.len())).strong(),
                            )
                            .id_salt(title)
                            .default_open(open)
                            .show(ui, |ui| {
                                for g in list.iter() {
                                    gap_row(ui, f, d, g, out);
                                }
                            });
                        }
                        ui.checkbox(
                            &mut self.show_unchanged,
                            format!("Show the {} unchanged findings", d.gaps.unchanged.len()),
                        );
                        if self.show_unchanged {
                            for finding in d.gaps.unchanged.iter().take(400) {
                                if ui
                                    .link(format!(
                                        "{} {} {}",
                                        finding.severity, finding.rule.code, finding.message
                                    ))
                                    .clicked()
                                {
                                    out.actions.push(Action::Reveal(finding.subject.clone()));
                                }
                            }
                        }
                        ui.add_space(8.0);
                        ui.strong("Metrics");
                        egui::Grid::new("diff-metrics")
                            .striped(true)
                            .show(ui, |ui| {
                                ui.weak("");
                                ui.weak("Base");
                                ui.weak("Proposal");
                                ui.weak("Δ");
                                ui.end_row();
                                for ((label, b), (_, p)) in
                                    d.base_metrics.rows().iter().zip(d.proposal_metrics.rows())
                                {
                                    ui.label(*label);
                                    ui.label(metrics::num(*b));
                                    ui.label(metrics::num(p));
                                    ui.label(metrics::delta(p - b));
                                    ui.end_row();
                                }
                            });
                        ui.add_space(8.0);
                        ui.strong(format!("Change list ({})", d.changes.len()));
                        let mut group = None;
                        for c in &d.changes {
                            if group != Some(c.group()) {
                                group = Some(c.group());
                                ui.add_space(4.0);
                                ui.label(RichText::new(c.group().title()).color(tokens.weak_text));
                            }
                            if ui.link(c.text()).on_hover_text(c.kind.id()).clicked() {
                                out.actions.push(Action::Reveal(c.subject.clone()));
                            }
                        }
                    });
            });
    }
}

fn gap_row(ui: &mut egui::Ui, f: &ViewCtx, d: &Diff, g: &GapChange, out: &mut Commands) {
    let finding = &g.finding;
    ui.horizontal_wrapped(|ui| {
        let sev = match g.before {
            Some(b) => format!("{b} → {}", finding.severity),
            None => finding.severity.to_string(),
        };
        ui.label(RichText::new(sev).color(f.tokens.severity(finding.severity)));
        ui.monospace(finding.rule.code);
        if ui.link(&finding.message).clicked() {
            out.actions.push(Action::Reveal(finding.subject.clone()));
        }
        if let Some(cause) = d.cause_text(g) {
            let text = format!("because {cause}");
            ui.label(RichText::new(text).color(f.tokens.weak_text));
        }
    });
}
