//! Find (Ctrl+F): any person, team or initiative by name or id. Choosing a
//! result selects it and shows it on the canvas (and in the reporting tree
//! for a person when that tab is open).

use super::command::Action;
use super::{Commands, ViewCtx};
use crate::model::Subject;

/// One search result.
struct Hit {
    subject: Subject,
    label: String,
    kind: &'static str,
    /// What tells namesakes apart: a person's role and teams (or "no
    /// team"), a team's kind and size, an initiative's teams.
    detail: String,
}

#[derive(Default)]
pub struct FindView {
    pub open: bool,
    pub query: String,
    /// The highlighted result (arrow keys move it).
    cursor: usize,
    focus: bool,
    /// Results for (document revision, query).
    cache: Option<((u64, String), Vec<Hit>)>,
}

/// Results are capped: a query that matches thousands shows the first ones.
const MAX_HITS: usize = 200;

impl FindView {
    pub fn open(&mut self) {
        self.open = true;
        self.focus = true;
        self.cursor = 0;
        self.query.clear();
    }

    fn search(f: &ViewCtx, q: &str) -> Vec<Hit> {
        let org = f.doc.org();
        let cat = &f.doc.layout().catalog;
        let m = |name: &str, id: &str| {
            !q.is_empty() && (name.to_lowercase().contains(q) || id.to_lowercase().contains(q))
        };
        let mut hits: Vec<Hit> = Vec::new();
        for t in org.teams.iter().filter(|t| m(&t.name, t.id.as_str())) {
            hits.push(Hit {
                subject: Subject::Team(t.id.clone()),
                label: t.name.clone(),
                kind: "team",
                detail: format!(
                    "{} · {}",
                    t.kind.name(),
                    crate::text::count(t.members.len(), "member", "members")
                ),
            });
        }
        for i in org.initiatives.iter().filter(|i| m(&i.name, i.id.as_str())) {
            hits.push(Hit {
                subject: Subject::Initiative(i.id.clone()),
                label: i.name.clone(),
                kind: "initiative",
                detail: crate::text::count(i.teams.len(), "team", "teams"),
            });
        }
        let people: Vec<&crate::model::Person> = org
            .people
            .iter()
            .filter(|p| m(&p.name, p.id.as_str()))
            .take(MAX_HITS)
            .collect();
        // The teams of just these people, in one pass over the teams.
        let mut teams: std::collections::HashMap<&str, Vec<&str>> =
            people.iter().map(|p| (p.id.as_str(), Vec::new())).collect();
        for t in &org.teams {
            for mem in &t.members {
                if let Some(list) = teams.get_mut(mem.person.as_str()) {
                    list.push(t.name.as_str());
                }
            }
        }
        for p in people {
            let role = cat
                .get(&p.role)
                .map_or(p.role.as_str(), |r| r.name.as_str());
            let their = teams.get(p.id.as_str()).map_or(&[][..], Vec::as_slice);
            let detail = match their {
                [] => format!("{role} · no team"),
                [one] => format!("{role} · {one}"),
                [one, rest @ ..] => format!("{role} · {one} +{}", rest.len()),
            };
            hits.push(Hit {
                subject: Subject::Person(p.id.clone()),
                label: p.name.to_string(),
                kind: "person",
                detail,
            });
        }
        // People alike in name, role and team (two Selin Zhangs, senior
        // engineers in Checkout 135) are told apart by their manager and id.
        let mut alike: std::collections::HashMap<(String, String), usize> =
            std::collections::HashMap::new();
        for h in hits.iter().filter(|h| h.kind == "person") {
            *alike
                .entry((h.label.clone(), h.detail.clone()))
                .or_default() += 1;
        }
        for h in hits.iter_mut().filter(|h| h.kind == "person") {
            if alike
                .get(&(h.label.clone(), h.detail.clone()))
                .copied()
                .unwrap_or(0)
                > 1
                && let Subject::Person(id) = &h.subject
            {
                let manager = f
                    .doc
                    .layout()
                    .person(org, id)
                    .and_then(|p| p.manager.as_ref())
                    .and_then(|m| f.doc.layout().person(org, m))
                    .map_or("nobody".to_string(), |m| m.name.to_string());
                h.detail = format!("{} · id {id} · reports to {manager}", h.detail);
            }
        }
        // Exact and prefix matches first.
        hits.sort_by_key(|h| {
            let l = h.label.to_lowercase();
            (!l.starts_with(q), l.len())
        });
        hits.truncate(MAX_HITS);
        hits
    }

    pub fn ui(&mut self, ctx: &egui::Context, f: &ViewCtx, out: &mut Commands) {
        if !self.open {
            return;
        }
        let q = self.query.trim().to_lowercase();
        let key = (f.doc.revision(), q.clone());
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            self.cache = Some((key, Self::search(f, &q)));
            self.cursor = 0;
        }
        let mut chosen = None;
        let mut close = false;
        let screen = ctx.content_rect();
        egui::Window::new("Find")
            .id(egui::Id::unique("find-window"))
            .collapsible(false)
            .resizable(false)
            .title_bar(false)
            .fixed_pos(egui::pos2(screen.center().x - 220.0, screen.top() + 60.0))
            .fixed_size(egui::vec2(440.0, 0.0))
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.strong("Find");
                    let r = ui.add(
                        egui::TextEdit::singleline(&mut self.query)
                            .hint_text("a person, team or initiative: name or id")
                            .desired_width(340.0),
                    );
                    super::widgets::name_widget(&r, egui::Role::TextInput, "Find");
                    if std::mem::take(&mut self.focus) {
                        r.request_focus();
                    }
                    let hits = self.cache.as_ref().map_or(0, |(_, h)| h.len());
                    ui.input_mut(|i| {
                        if i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown) {
                            self.cursor = (self.cursor + 1).min(hits.saturating_sub(1));
                        }
                        if i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp) {
                            self.cursor = self.cursor.saturating_sub(1);
                        }
                        if i.consume_key(egui::Modifiers::NONE, egui::Key::Escape) {
                            close = true;
                        }
                    });
                    if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) && hits > 0 {
                        chosen = Some(self.cursor);
                    }
                });
                let Some((_, hits)) = &self.cache else { return };
                if q.is_empty() {
                    ui.weak("Type to search people, teams and initiatives.");
                } else if hits.is_empty() {
                    ui.weak("Nothing matches.");
                } else {
                    ui.weak(if hits.len() >= MAX_HITS {
                        format!("The first {MAX_HITS} matches")
                    } else {
                        format!("{} found · Enter shows the highlighted one", hits.len())
                    });
                }
                let row_h = 22.0;
                // Up to 14 rows in view, each with what tells namesakes
                // apart (it showed two and a half).
                egui::ScrollArea::vertical()
                    .max_height(row_h * 14.0)
                    .min_scrolled_height(row_h * hits.len().min(14) as f32)
                    .auto_shrink([false, true])
                    .show_rows(ui, row_h, hits.len(), |ui, range| {
                        for k in range {
                            let h = &hits[k];
                            let text = format!("{}  ·  {}  ·  {}", h.label, h.detail, h.kind);
                            let r = ui.add(
                                egui::Button::selectable(k == self.cursor, text)
                                    .truncate()
                                    .min_size(egui::vec2(ui.available_width(), 0.0)),
                            );
                            if k == self.cursor {
                                r.scroll_to_me(None);
                            }
                            if r.clicked() {
                                chosen = Some(k);
                            }
                        }
                    });
            });
        if let Some(k) = chosen
            && let Some((_, hits)) = &self.cache
            && let Some(h) = hits.get(k)
        {
            out.actions.push(Action::Reveal(h.subject.clone()));
            close = true;
        }
        if close {
            self.open = false;
        }
    }
}
