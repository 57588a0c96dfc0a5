//! One frame of the app: panels, the central tab, dialogs, then what the
//! views asked for.

use super::*;

impl OrgApp {
    /// One frame of the whole app in `ui` (the window's root). Needs no
    /// `eframe::Frame`, so benchmarks can drive it with a bare egui context.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !std::mem::replace(&mut self.themed, true) {
            theme::install_fonts(&ctx);
            theme::apply(&ctx, self.settings.dark);
        }
        // A large org's analysis arrives from its worker: look for it each
        // frame while it is pending.
        self.doc.set_risk(self.settings.show_risk);
        self.doc.poll();
        if !self.doc.is_current() || (self.doc.risk_on() && !self.doc.risk_is_current()) {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
        widgets::track_keyboard(&ctx);
        if self.modal.is_none()
            && self.tab == Tab::Canvas
            && let Some(a) = self.canvas.keys(&ctx, &self.doc, self.selection.as_ref())
        {
            self.queued.actions.push(a);
        }
        self.shortcuts(&ctx);
        self.dropped_files(&ctx);
        self.handle_close(&ctx);
        self.watch_disk(&ctx);
        match self.files.poll(&ctx) {
            Some(files::FileEvent::Chosen(purpose, path)) => {
                self.file_chosen(&ctx, purpose, path, false);
            }
            Some(files::FileEvent::ShowDialog(d)) => self.modal = Some(Modal::File(d)),
            None => {}
        }
        self.export_status(&ctx);

        let tokens = self.tokens();
        let mut out = Commands::default();
        {
            let OrgApp {
                doc,
                settings,
                tab,
                selection,
                multi,
                canvas,
                palette,
                inspector,
                gaps,
                matrix,
                reporting,
                changes,
                find,
                toast,
                ..
            } = self;
            let f = ViewCtx {
                doc,
                selection,
                multi,
                tokens,
            };
            egui::Panel::top("menu").show(ui, |ui| {
                menu::menu_bar(ui, &f, menu::MenuState { settings, tab }, &mut out);
            });
            egui::Panel::bottom("status").show(ui, |ui| {
                menu::status_bar(ui, &f, toast, &canvas.export);
            });
            // The canvas keeps most of the window: side panels give up width
            // in small windows (at most a fifth and a quarter of it), then
            // come back to the width the user gave them.
            let window = ui.available_width();
            let palette_max = (window * 0.2).clamp(120.0, 420.0);
            let inspector_max = (window * 0.25).clamp(150.0, 640.0);
            if settings.show_palette {
                egui::Panel::left("palette")
                    .resizable(true)
                    .default_size(250.0_f32.min(palette_max))
                    .size_range(200.0_f32.min(palette_max)..=palette_max)
                    .show(ui, |ui| {
                        widgets::within_width(ui, |ui| palette.ui(ui, &f, &mut out));
                    });
            }
            if settings.show_inspector {
                egui::Panel::right("inspector")
                    .resizable(true)
                    .default_size(360.0_f32.min(inspector_max))
                    .size_range(280.0_f32.min(inspector_max)..=inspector_max)
                    .show(ui, |ui| {
                        widgets::within_width(ui, |ui| {
                            // A fixed split: selecting something never moves
                            // the gaps list under the pointer.
                            let top = (ui.available_height() * 0.5).round();
                            ui.allocate_ui(egui::vec2(ui.available_width(), top), |ui| {
                                egui::ScrollArea::vertical()
                                    .id_salt("inspector-scroll")
                                    .auto_shrink([false, false])
                                    .max_height(top)
                                    .show(ui, |ui| inspector.ui(ui, &f, &mut out));
                            });
                            ui.separator();
                            gaps.ui(ui, &f, &mut out);
                        });
                    });
            }
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE.fill(tokens.panel_bg))
                .show(ui, |ui| {
                    menu::tab_bar(ui, &f, tab, &mut out);
                    match tab {
                        Tab::Canvas => canvas.ui(ui, &f, &mut out),
                        Tab::Matrix => matrix.ui(ui, &f, &mut out),
                        Tab::Reporting => reporting.ui(ui, &f, &mut out),
                        Tab::Changes if f.doc.comparing().is_some() => changes.ui(ui, &f, &mut out),
                        Tab::Changes => {
                            *tab = Tab::Canvas;
                            canvas.ui(ui, &f, &mut out)
                        }
                    }
                });
            find.ui(&ctx, &f, &mut out);
        }
        self.suggest.ui(
            &ctx,
            self.doc.org(),
            self.doc.revision(),
            self.doc.today,
            &mut out,
        );
        let mut choices = Vec::new();
        if let Some(mut m) = self.modal.take() {
            let env = modals::Env {
                org: self.doc.org(),
                revision: self.doc.revision(),
            };
            if m.ui(&ctx, &env, &mut choices) {
                // Still open, unless a choice opened another dialog.
                self.modal = Some(m);
            }
        }
        for c in choices {
            self.handle_choice(&ctx, c);
        }
        self.flush(&ctx, out);
        widgets::focus_ring(&ctx, tokens.focus, self.canvas.state.scene_id);
        self.autosave(&ctx);
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}
