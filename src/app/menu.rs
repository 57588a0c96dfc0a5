//! The menu bar and the status bar, made from the command table.

use super::command::{Action, Command};
use super::{Commands, Settings, Tab, Toast, ViewCtx};
use crate::catalog::Severity;
use crate::report::Format;
use crate::text::count;
use egui::RichText;

/// Menu state the bar needs from the app.
pub struct MenuState<'a> {
    pub settings: &'a mut Settings,
    pub tab: &'a mut Tab,
}

pub fn menu_bar(ui: &mut egui::Ui, f: &ViewCtx, m: MenuState, out: &mut Commands) {
    let doc = f.doc;
    let cmd = |ui: &mut egui::Ui, c: Command, enabled: bool, out: &mut Commands| {
        if c.button(ui, enabled) {
            out.actions.push(c.into());
        }
    };
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            cmd(ui, Command::New, true, out);
            cmd(ui, Command::Open, true, out);
            ui.menu_button("Open Recent", |ui| {
                if m.settings.recent.is_empty() {
                    ui.weak("No recent files");
                }
                for p in m.settings.recent.clone() {
                    if ui.button(crate::sanitize::path(&p)).clicked() {
                        out.actions.push(Action::OpenPath(p));
                        ui.close();
                    }
                }
            });
            cmd(ui, Command::ImportPeople, true, out);
            ui.separator();
            cmd(ui, Command::Save, true, out);
            cmd(ui, Command::SaveAs, true, out);
            ui.separator();
            cmd(ui, Command::SaveAsProposal, true, out);
            cmd(ui, Command::CompareWith, true, out);
            cmd(ui, Command::CompareWithSaved, doc.path.is_some(), out);
            cmd(ui, Command::StopComparing, doc.comparing().is_some(), out);
            ui.separator();
            ui.menu_button("Export report", |ui| {
                for fmt in Format::ALL {
                    if ui.button(format!("{}…", fmt.label())).clicked() {
                        out.actions.push(Action::ExportReport(fmt));
                        ui.close();
                    }
                }
            });
            cmd(ui, Command::ExportPng, true, out);
            ui.separator();
            cmd(ui, Command::Quit, true, out);
        });
        ui.menu_button("Edit", |ui| {
            let undo = doc
                .undo_label()
                .map_or("Undo".to_string(), |l| format!("Undo {l}"));
            let redo = doc
                .redo_label()
                .map_or("Redo".to_string(), |l| format!("Redo {l}"));
            if Command::Undo.button_with_text(ui, &undo, doc.can_undo()) {
                out.actions.push(Action::Run(Command::Undo));
            }
            if Command::Redo.button_with_text(ui, &redo, doc.can_redo()) {
                out.actions.push(Action::Run(Command::Redo));
            }
            ui.separator();
            cmd(
                ui,
                Command::Delete,
                f.selection.is_some() || !f.multi.is_empty(),
                out,
            );
            cmd(ui, Command::SelectAll, true, out);
            cmd(ui, Command::Find, true, out);
            ui.separator();
            cmd(ui, Command::AddPerson, true, out);
            cmd(ui, Command::AddTeam, true, out);
            cmd(ui, Command::AddInitiative, true, out);
        });
        ui.menu_button("View", |ui| {
            for c in [
                Command::FitView,
                Command::ZoomIn,
                Command::ZoomOut,
                Command::ZoomReset,
            ] {
                if c.button(ui, true) {
                    *m.tab = Tab::Canvas;
                    out.actions.push(c.into());
                }
            }
            ui.separator();
            if Command::ArrangeByGroup.button(ui, true) {
                *m.tab = Tab::Canvas;
                out.actions.push(Command::ArrangeByGroup.into());
            }
            ui.separator();
            ui.checkbox(&mut m.settings.show_palette, "Show palette");
            ui.checkbox(&mut m.settings.show_inspector, "Show inspector and gaps");
            ui.separator();
            let mut dark = m.settings.dark;
            if ui
                .checkbox(&mut dark, Command::ToggleTheme.text())
                .on_hover_text(Command::ToggleTheme.tooltip())
                .changed()
            {
                out.actions.push(Action::Run(Command::ToggleTheme));
            }
            let mut planned = f.doc.as_planned();
            if ui
                .checkbox(&mut planned, Command::ToggleAsPlanned.text())
                .on_hover_text(Command::ToggleAsPlanned.tooltip())
                .changed()
            {
                out.actions.push(Action::Run(Command::ToggleAsPlanned));
            }
            let mut risk = m.settings.show_risk;
            if ui
                .checkbox(&mut risk, Command::ToggleRisk.text())
                .on_hover_text(Command::ToggleRisk.tooltip())
                .changed()
            {
                out.actions.push(Action::Run(Command::ToggleRisk));
            }
            ui.separator();
            ui.radio_value(m.tab, Tab::Canvas, "Canvas");
            ui.radio_value(m.tab, Tab::Matrix, "Coverage matrix");
            ui.radio_value(m.tab, Tab::Reporting, "Reporting lines");
        });
        ui.menu_button("Plan", |ui| {
            cmd(ui, Command::SuggestFixes, true, out);
        });
        ui.menu_button("Org", |ui| {
            cmd(ui, Command::EditRoles, true, out);
            cmd(ui, Command::EditRules, true, out);
        });
        ui.menu_button("Help", |ui| {
            cmd(ui, Command::RulesReference, true, out);
            cmd(ui, Command::Shortcuts, true, out);
        });
    });
}

pub fn status_bar(
    ui: &mut egui::Ui,
    f: &ViewCtx,
    toast: &mut Option<Toast>,
    export: &super::canvas::export::PngExport,
) {
    let tokens = f.tokens;
    ui.horizontal(|ui| {
        let org = f.doc.org();
        ui.label(format!(
            "{} · {} · {} · {}",
            org.name,
            count(org.people.len(), "person", "people"),
            count(org.teams.len(), "team", "teams"),
            count(org.initiatives.len(), "initiative", "initiatives")
        ));
        ui.separator();
        let s = f.doc.derived().summary;
        if f.doc.as_planned() {
            ui.label(RichText::new("as planned").color(tokens.added))
                .on_hover_text("Open seats count as filled (View → Count open seats as filled)");
        }
        if f.doc.is_current() {
            ui.colored_label(
                tokens.severity(Severity::Error),
                count(s.error, "error", "errors"),
            );
            ui.colored_label(
                tokens.severity(Severity::Warning),
                count(s.warning, "warning", "warnings"),
            );
            ui.colored_label(tokens.severity(Severity::Info), format!("{} info", s.info));
            if s.waived > 0 {
                ui.weak(format!("{} waived", s.waived));
            }
        } else {
            ui.spinner();
            ui.weak("checking…");
        }
        super::risk::status(ui, f);
        if let Some((done, path)) = export.progress() {
            ui.separator();
            let name = path.file_name().map_or_else(
                || crate::sanitize::path(path),
                |n| crate::sanitize::visible(&n.to_string_lossy()).into_owned(),
            );
            ui.add(
                egui::ProgressBar::new(done)
                    .desired_width(110.0)
                    .show_percentage(),
            )
            .on_hover_text(format!(
                "Exporting the canvas to {}",
                crate::sanitize::path(path)
            ));
            ui.weak(format!("Exporting {name}"));
            if ui
                .small_button("Cancel")
                .on_hover_text("Stop the export; nothing is written")
                .clicked()
            {
                export.cancel();
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if f.doc.is_dirty() {
                ui.weak("• unsaved changes");
            }
            let now = ui.input(|i| i.time);
            if let Some(t) = toast {
                if now - t.at < 8.0 {
                    let color = if t.error {
                        tokens.severity(Severity::Error)
                    } else {
                        tokens.text
                    };
                    ui.label(RichText::new(&t.text).color(color));
                    ui.ctx()
                        .request_repaint_after(std::time::Duration::from_secs(1));
                } else {
                    *toast = None;
                }
            }
        });
    });
}

/// The strip above the central view: tabs and canvas controls.
pub fn tab_bar(ui: &mut egui::Ui, f: &ViewCtx, tab: &mut Tab, out: &mut Commands) {
    egui::Frame::NONE
        .fill(f.tokens.panel_bg)
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| {
            // Wrapped: in a narrow canvas the view controls go on a second
            // line instead of under the inspector.
            ui.horizontal_wrapped(|ui| {
                ui.selectable_value(tab, Tab::Canvas, "Canvas");
                ui.selectable_value(tab, Tab::Matrix, "Coverage matrix");
                ui.selectable_value(tab, Tab::Reporting, "Reporting lines");
                if f.doc.comparing().is_some() {
                    ui.selectable_value(tab, Tab::Changes, "Changes");
                }
                if *tab == Tab::Canvas {
                    ui.separator();
                    for (text, c) in [
                        ("Fit", Command::FitView),
                        ("−", Command::ZoomOut),
                        ("+", Command::ZoomIn),
                        ("100%", Command::ZoomReset),
                    ] {
                        let tip = match c.shortcuts().first() {
                            Some(s) => format!("{} ({})", c.text(), ui.ctx().format_shortcut(s)),
                            None => c.text().to_string(),
                        };
                        if ui.button(text).on_hover_text(tip).clicked() {
                            out.actions.push(c.into());
                        }
                    }
                    // Short enough to be read whole at the window's usual
                    // size (the long one was always cut); all of it on hover.
                    ui.add(
                        egui::Label::new(
                            RichText::new("Drag to pan · Ctrl+scroll to zoom")
                                .color(f.tokens.weak_text),
                        )
                        .truncate(),
                    )
                    .on_hover_text(
                        "Drag the background (or scroll) to pan, Ctrl+scroll or pinch to zoom. \
                         Drag a card by its header to move it; shift-click to select several.",
                    );
                }
            });
        });
}
