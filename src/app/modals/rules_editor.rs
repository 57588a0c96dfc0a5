//! Org → Rules…: the org's rule settings (FILE-FORMAT.md `settings`) without
//! editing the file. Each rule's severity and threshold, and what each
//! kind of scope needs of each capability (the severity when it is
//! missing, and when only a stop-gap covers it). Changes are made on a
//! draft; Apply makes them one undoable edit (`Edit::SetSettings`), and the
//! gaps follow at once.

use super::{Choice, Env, centered};
use crate::catalog::{ScopeKind, default_requirement};
use crate::edit::Edit;
use crate::model::{
    Capability, RequirementOverride, RequirementScope, RuleOverride, Settings, Severity, TeamKind,
};
use egui::RichText;

#[derive(Default)]
pub struct RulesEditor {
    /// The settings being changed (taken from the org when it opens).
    draft: Option<Settings>,
    /// The scope whose requirements are shown.
    scope: Option<RequirementScope>,
}

const SEVERITIES: [Severity; 4] = [
    Severity::Error,
    Severity::Warning,
    Severity::Info,
    Severity::Off,
];

/// A severity picker: "Default (warning)", then each severity. Returns the
/// new choice (`None`: the default) when it changes.
fn severity_choice(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    now: Option<Severity>,
    default: &str,
) -> Option<Option<Severity>> {
    let text = |s: Option<Severity>| match s {
        None => format!("Default ({default})"),
        Some(s) => s.title().to_string(),
    };
    let mut picked = None;
    let cb = egui::ComboBox::from_id_salt(id)
        .selected_text(text(now))
        .width(150.0)
        .show_ui(ui, |ui| {
            for s in std::iter::once(None).chain(SEVERITIES.map(Some)) {
                if ui.selectable_label(s == now, text(s)).clicked() && s != now {
                    picked = Some(s);
                }
            }
        });
    crate::app::widgets::name_widget(&cb.response, egui::Role::ComboBox, name);
    picked
}

fn scope_name(s: RequirementScope) -> String {
    match s {
        RequirementScope::Team(k) => format!("{} team", k.name()),
        RequirementScope::Initiative => "Cross-team initiative".into(),
    }
}

/// A rule's override, made if need be; an empty one is dropped by
/// [`tidy`].
fn rule_mut<'s>(s: &'s mut Settings, code: &str) -> &'s mut RuleOverride {
    s.rules.entry(code.to_string()).or_default()
}

/// Overrides that override nothing are left out (the file stays as short
/// as the choices).
fn tidy(s: &mut Settings) {
    s.rules
        .retain(|_, o| o.severity.is_some() || o.threshold.is_some());
    s.requirements
        .retain(|r| r.missing.is_some() || r.stopgap.is_some());
}

fn requirement_mut(
    s: &mut Settings,
    scope: RequirementScope,
    cap: Capability,
) -> &mut RequirementOverride {
    let k = match s
        .requirements
        .iter()
        .position(|r| r.scope == scope && r.capability == cap)
    {
        Some(k) => k,
        None => {
            s.requirements.push(RequirementOverride {
                scope,
                capability: cap,
                missing: None,
                stopgap: None,
            });
            s.requirements.len() - 1
        }
    };
    &mut s.requirements[k]
}

impl RulesEditor {
    pub fn ui(&mut self, ctx: &egui::Context, env: &Env, choices: &mut Vec<Choice>) -> bool {
        let current = &env.org.settings;
        let mut draft = self.draft.take().unwrap_or_else(|| current.clone());
        let mut scope = self
            .scope
            .unwrap_or(RequirementScope::Team(TeamKind::Stream));
        let mut keep = true;
        let mut apply = false;
        let open = centered(ctx, "rules-editor", true, |ui| {
            ui.heading("Rules");
            ui.weak("How severe each rule is, its threshold, and what each kind of team and initiative needs. Apply makes it one change (undo undoes it); the gaps follow at once.");
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .max_height(ui.ctx().content_rect().height() * 0.6)
                .show(ui, |ui| {
                    rules_grid(ui, &mut draft);
                    ui.add_space(10.0);
                    requirements_grid(ui, &mut draft, &mut scope);
                });
            tidy(&mut draft);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let changed = &draft != current;
                if ui
                    .add_enabled(changed, egui::Button::new("Apply"))
                    .clicked()
                {
                    apply = true;
                }
                if ui
                    .add_enabled(!draft.is_default(), egui::Button::new("All defaults"))
                    .on_hover_text("Every rule and requirement as DOMAIN.md and RULES.md say (Apply to keep it)")
                    .clicked()
                {
                    draft = Settings::default();
                }
                if ui.button("Close").clicked() {
                    keep = false;
                }
                if changed {
                    ui.weak("not applied yet");
                }
            });
            true
        });
        if apply {
            choices.push(Choice::Edit(Edit::SetSettings(Box::new(draft.clone()))));
        }
        self.draft = Some(draft);
        self.scope = Some(scope);
        keep && open
    }
}

/// Each rule: its code and name, its severity, its threshold if it has one.
fn rules_grid(ui: &mut egui::Ui, draft: &mut Settings) {
    ui.label(RichText::new("Each rule").strong());
    egui::Grid::new("rules-editor-rules")
        .num_columns(4)
        .spacing([10.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for rule in crate::rules::RULES.iter() {
                let info = &rule.info;
                ui.monospace(info.code);
                ui.label(info.name).on_hover_text(info.summary);
                let now = draft.rules.get(info.code).and_then(|o| o.severity);
                if let Some(s) = severity_choice(
                    ui,
                    ("rule-severity", info.code),
                    &format!("Severity of {}", info.code),
                    now,
                    &info.default_severity.to_string(),
                ) {
                    rule_mut(draft, info.code).severity = s;
                }
                match info.default_threshold {
                    Some(d) => {
                        let mut v = draft
                            .rules
                            .get(info.code)
                            .and_then(|o| o.threshold)
                            .unwrap_or(d);
                        let r = ui
                            .add(egui::DragValue::new(&mut v).range(1..=10_000))
                            .on_hover_text(format!("Threshold (default {d})"));
                        crate::app::widgets::name_widget(
                            &r,
                            egui::Role::SpinButton,
                            &format!("Threshold of {}", info.code),
                        );
                        if r.changed() {
                            rule_mut(draft, info.code).threshold = (v != d).then_some(v);
                        }
                    }
                    None => {
                        ui.label("");
                    }
                }
                ui.end_row();
            }
        });
}

/// What one kind of scope needs of each capability.
fn requirements_grid(ui: &mut egui::Ui, draft: &mut Settings, scope: &mut RequirementScope) {
    ui.label(RichText::new("What each scope needs").strong());
    ui.horizontal(|ui| {
        let cb = egui::ComboBox::from_id_salt("rules-editor-scope")
            .selected_text(scope_name(*scope))
            .show_ui(ui, |ui| {
                for s in TeamKind::ALL
                    .map(RequirementScope::Team)
                    .into_iter()
                    .chain([RequirementScope::Initiative])
                {
                    ui.selectable_value(scope, s, scope_name(s));
                }
            });
        crate::app::widgets::name_widget(&cb.response, egui::Role::ComboBox, "Scope");
    });
    let kind = match *scope {
        RequirementScope::Team(k) => ScopeKind::Team(k),
        RequirementScope::Initiative => ScopeKind::Initiative,
    };
    egui::Grid::new("rules-editor-requirements")
        .num_columns(3)
        .spacing([10.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            ui.weak("when nobody covers it");
            ui.weak("when only a stop-gap does");
            ui.end_row();
            for cap in Capability::ALL {
                let d = default_requirement(kind, cap);
                let o = draft
                    .requirements
                    .iter()
                    .find(|r| r.scope == *scope && r.capability == cap)
                    .copied();
                ui.label(cap.name());
                let what = scope_name(*scope);
                if let Some(s) = severity_choice(
                    ui,
                    ("req-missing", what.as_str(), cap.id()),
                    &format!("{what}: {} missing", cap.name()),
                    o.and_then(|o| o.missing),
                    d.missing.id(),
                ) {
                    requirement_mut(draft, *scope, cap).missing = s;
                }
                if let Some(s) = severity_choice(
                    ui,
                    ("req-stopgap", what.as_str(), cap.id()),
                    &format!("{what}: {} stop-gap", cap.name()),
                    o.and_then(|o| o.stopgap),
                    d.stopgap.id(),
                ) {
                    requirement_mut(draft, *scope, cap).stopgap = s;
                }
                ui.end_row();
            }
        });
}
