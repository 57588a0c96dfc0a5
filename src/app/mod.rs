//! The desktop app (eframe/egui).

use crate::model::Org;
use std::path::PathBuf;

pub struct OrgApp {
    org: Org,
    file_name: String,
}

impl OrgApp {
    pub fn new(org: Org, file_name: String) -> Self {
        OrgApp { org, file_name }
    }
}

impl eframe::App for OrgApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(&self.org.name);
            ui.label(&self.file_name);
            ui.separator();
            for team in &self.org.teams {
                ui.label(format!("{} — {} members", team.name, team.members.len()));
            }
        });
    }
}

pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    let (org, name) = match &file {
        Some(path) => (
            crate::io::load_file(path).map_err(|e| e.to_string())?,
            path.display().to_string(),
        ),
        None => (
            crate::samples::builtin(),
            crate::samples::BUILTIN_NAME.into(),
        ),
    };
    let options = eframe::NativeOptions::default();
    eframe::run_native(
        "orgplan",
        options,
        Box::new(|_cc| Ok(Box::new(OrgApp::new(org, name)))),
    )
    .map_err(|e| e.to_string())
}
