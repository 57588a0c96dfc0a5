//! The reporting tab: the manager tree (solid connectors; dotted lines
//! dashed), where dragging a person onto another sets the manager. The
//! flattened tree is cached per document revision and query.

use super::canvas::Drag;
use super::command::Action;
use super::widgets::{badge, badge_width, name_widget};
use super::{Commands, Selection, ViewCtx};
use crate::catalog::Severity;
use crate::edit::{Edit, would_cycle};
use crate::model::PersonId;
use egui::{Align2, FontId, Rect, Sense, Stroke, StrokeKind, pos2, vec2};
use std::collections::HashSet;

/// One row of the flattened tree.
struct Row {
    person: usize,
    depth: usize,
    last: bool,
    children: usize,
    /// Everyone below them, at any depth.
    total: u32,
    /// Their reports are folded away.
    collapsed: bool,
    /// Shown only as the chain above a match of Find in tree (drawn
    /// faint; the match itself is drawn in full).
    chain: bool,
    /// A compact row of a wide span: these reports (`person` first), who
    /// manage nobody, side by side, one per column (empty: one person).
    pack: Vec<usize>,
}

/// Past this many reports who manage nobody, a manager's reports are
/// stacked in columns (a row holds one from each column).
const WRAP: usize = 8;
/// The width of one person in a compact row.
const CELL_W: f32 = 230.0;

/// The compact rows of `leaves` (people who manage nobody): balanced
/// columns of at most [`WRAP`], read down each column; no more columns
/// than `fit` side by side (the columns are longer instead).
fn packed(leaves: &[usize], fit: usize) -> Vec<Vec<usize>> {
    let columns = leaves.len().div_ceil(WRAP).clamp(1, fit.max(1));
    let rows = leaves.len().div_ceil(columns);
    (0..rows)
        .map(|r| {
            (0..columns)
                .filter_map(|c| leaves.get(c * rows + r).copied())
                .collect()
        })
        .collect()
}

struct Tree {
    /// (document revision, query, collapsed version, columns that fit).
    key: (u64, String, u64, usize),
    rows: Vec<Row>,
}

#[derive(Default)]
pub struct ReportingView {
    pub search: String,
    /// The people whose reports are shown or folded against the default
    /// (the tree opens with two levels showing: the people at the top and
    /// their reports; anyone deeper with reports is folded).
    toggled: HashSet<String>,
    collapsed_version: u64,
    tree: Option<Tree>,
    /// Scroll this person into view on the next frame.
    scroll_to: Option<PersonId>,
}

const ROW_H: f32 = 26.0;

impl ReportingView {
    /// Another org is open: the tree folds as it opens again.
    pub fn forget_folds(&mut self) {
        self.toggled.clear();
        self.collapsed_version += 1;
    }

    /// Shows `person` (expanding their managers) on the next frame.
    pub fn reveal(&mut self, f_org: &crate::model::Org, person: &PersonId) {
        // Expand the chain above them: each manager up, with their depth
        // counted from the top of the chain.
        let mut chain = Vec::new();
        let mut cur = f_org.person(person).and_then(|p| p.manager.clone());
        while let Some(m) = cur {
            if chain.len() > f_org.people.len() || chain.contains(&m) {
                break;
            }
            cur = f_org.person(&m).and_then(|p| p.manager.clone());
            chain.push(m);
        }
        let n = chain.len();
        for (i, m) in chain.iter().enumerate() {
            let depth = n - 1 - i;
            let changed = if folded_by_default(depth) {
                self.toggled.insert(m.to_string())
            } else {
                self.toggled.remove(m.as_str())
            };
            if changed {
                self.collapsed_version += 1;
            }
        }
        self.scroll_to = Some(person.clone());
    }

    fn flatten(&self, f: &ViewCtx, q: &str, fit: usize) -> Vec<Row> {
        let org = f.doc.org();
        let ix = crate::index::OrgIndex::from_maps(
            org,
            &f.doc.layout().catalog,
            &crate::index::IdMaps::new(org),
        );
        let children = ix.reports();
        let roots: Vec<usize> = (0..org.people.len())
            .filter(|&i| ix.manager[i].is_none_or(|m| m as usize == i))
            .collect();
        let (total, reached) = subtree_sizes(&children, &roots, &ix.manager);
        let mut rows = Vec::new();
        let mut seen = vec![false; org.people.len()];
        // Find in tree: the matches and everyone above them (each chain
        // walked once, up to where an earlier one joined it).
        let hit: Vec<bool> = org
            .people
            .iter()
            .map(|p| !q.is_empty() && p.name.to_lowercase().contains(q))
            .collect();
        let mut keep = hit.clone();
        if !q.is_empty() {
            for p in (0..org.people.len()).filter(|&p| hit[p]) {
                let mut cur = ix.manager[p].map(|m| m as usize);
                let mut steps = 0;
                while let Some(m) = cur {
                    if keep[m] || steps > org.people.len() {
                        break;
                    }
                    keep[m] = true;
                    steps += 1;
                    cur = ix.manager[m].map(|x| x as usize).filter(|&x| x != m);
                }
            }
        }
        // Iterative depth-first walk; people in a reporting loop are shown at
        // the top level so nobody disappears.
        let mut stack: Vec<(usize, usize, bool)> = roots
            .iter()
            .rev()
            .enumerate()
            .map(|(k, &r)| (r, 0, k == 0))
            .collect();
        let walk =
            |stack: &mut Vec<(usize, usize, bool)>, rows: &mut Vec<Row>, seen: &mut Vec<bool>| {
                while let Some((p, depth, last)) = stack.pop() {
                    if seen[p] {
                        continue;
                    }
                    seen[p] = true;
                    let kids: Vec<usize> = children[p]
                        .iter()
                        .map(|&c| c as usize)
                        .filter(|&c| c != p)
                        .collect();
                    let folded = q.is_empty()
                        && (folded_by_default(depth)
                            != self.toggled.contains(org.people[p].id.as_str()));
                    if q.is_empty() || keep[p] {
                        rows.push(Row {
                            person: p,
                            depth,
                            last,
                            children: kids.len(),
                            total: total[p],
                            collapsed: folded && !kids.is_empty(),
                            chain: !q.is_empty() && !hit[p],
                            pack: Vec::new(),
                        });
                    }
                    if !q.is_empty() {
                        // Only the chains to matches, expanded.
                        let shown: Vec<usize> = kids.iter().copied().filter(|&c| keep[c]).collect();
                        for (k, &c) in shown.iter().enumerate().rev() {
                            stack.push((c, depth + 1, k == shown.len() - 1));
                        }
                    } else if !folded {
                        // A wide span: the reports who manage nobody in
                        // columns first, then the managers' subtrees.
                        let leaf = |c: usize| children[c].iter().all(|&x| x as usize == c);
                        let (leaves, managers): (Vec<usize>, Vec<usize>) =
                            kids.iter().copied().partition(|&c| leaf(c));
                        let kids = if leaves.len() > WRAP {
                            let packs = packed(&leaves, fit);
                            let n = packs.len();
                            for (k, pack) in packs.into_iter().enumerate() {
                                for &c in &pack {
                                    seen[c] = true;
                                }
                                rows.push(Row {
                                    person: pack[0],
                                    depth: depth + 1,
                                    last: managers.is_empty() && k + 1 == n,
                                    children: 0,
                                    total: 0,
                                    collapsed: false,
                                    chain: false,
                                    pack,
                                });
                            }
                            managers
                        } else {
                            kids
                        };
                        for (k, &c) in kids.iter().enumerate().rev() {
                            stack.push((c, depth + 1, k == kids.len() - 1));
                        }
                    }
                }
            };
        walk(&mut stack, &mut rows, &mut seen);
        for p in 0..org.people.len() {
            if !seen[p] && !reached[p] {
                stack.push((p, 0, true));
                walk(&mut stack, &mut rows, &mut seen);
            }
        }
        rows
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, f: &ViewCtx, out: &mut Commands) {
        let tokens = f.tokens;
        let q = self.search.trim().to_lowercase();
        // Columns of a compact row that fit the tab beside a typical depth.
        let fit = ((ui.available_width() - 56.0) / CELL_W).floor() as usize;
        let key = (f.doc.revision(), q.clone(), self.collapsed_version, fit);
        if self.tree.as_ref().is_none_or(|t| t.key != key) {
            let rows = self.flatten(f, &q, fit);
            self.tree = Some(Tree { key, rows });
        }
        let org = f.doc.org();
        let payload = egui::DragAndDrop::payload::<Drag>(ui.ctx());
        let dragged = match payload.as_deref() {
            Some(Drag::Person { person, .. }) => Some(person.clone()),
            _ => None,
        };
        let released = ui.input(|i| i.pointer.any_released());
        let drag = Dragging {
            person: dragged.clone(),
            released,
        };
        let mut toggles = Vec::new();
        egui::Frame::NONE
            .fill(tokens.panel_bg)
            .inner_margin(12.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.heading("Reporting lines");
                    ui.weak("drag a person onto their new manager · solid: manager · dashed: dotted line");
                });
                search_and_unset(ui, &mut self.search, tokens, &drag, out);
                ui.add_space(6.0);
                let Some(tree) = &self.tree else { return };
                let rows = &tree.rows;
                let mut area = egui::ScrollArea::both()
                    .id_salt("reporting-tree")
                    .auto_shrink([false, false]);
                if let Some(p) = self.scroll_to.take()
                    && let Some(k) = rows.iter().position(|r| {
                        std::iter::once(&r.person)
                            .chain(&r.pack)
                            .any(|&x| org.people[x].id == p)
                    })
                {
                    let view_h = ui.available_height();
                    area = area.vertical_scroll_offset((k as f32 * ROW_H - view_h / 2.0).max(0.0));
                }
                area.show_rows(ui, ROW_H, rows.len(), |ui, range| {
                    for row in &rows[range] {
                        if row.pack.is_empty() {
                            row_ui(ui, f, row, &drag, &mut toggles, out);
                        } else {
                            pack_ui(ui, f, row, &drag, out);
                        }
                    }
                });
            });
        for t in toggles {
            if !self.toggled.remove(&t) {
                self.toggled.insert(t);
            }
            self.collapsed_version += 1;
        }
        if released && dragged.is_some() {
            egui::DragAndDrop::clear_payload(ui.ctx());
        }
    }
}

/// A person being dragged in the tree, and whether it was let go this frame.
struct Dragging {
    person: Option<PersonId>,
    released: bool,
}

/// The search field, and the drop zone that clears a manager.
fn search_and_unset(
    ui: &mut egui::Ui,
    search: &mut String,
    tokens: super::theme::Tokens,
    drag: &Dragging,
    out: &mut Commands,
) {
    ui.horizontal(|ui| {
        let l = ui.label("Find in tree");
        ui.add(
            egui::TextEdit::singleline(search)
                .hint_text("a name (Ctrl+F finds anything)")
                .desired_width(240.0),
        )
        .labelled_by(l.id);
        // A drop zone to clear a manager.
        let (r, resp) = ui.allocate_exact_size(vec2(220.0, 24.0), Sense::hover());
        let hot = drag.person.is_some() && resp.contains_pointer();
        ui.painter().rect_stroke(
            r,
            6.0,
            Stroke::new(
                if hot { 2.0 } else { 1.0 },
                if hot {
                    tokens.drop_target
                } else {
                    tokens.card_stroke
                },
            ),
            StrokeKind::Inside,
        );
        ui.painter().text(
            r.center(),
            Align2::CENTER_CENTER,
            "Drop here: no manager",
            FontId::proportional(12.0),
            tokens.weak_text,
        );
        if hot
            && drag.released
            && let Some(p) = &drag.person
        {
            out.edits.push(Edit::SetManager {
                person: p.clone(),
                manager: None,
            });
        }
    });
}

/// Whether someone at `depth` (0 at the top) has their reports folded
/// when the tree opens: two levels show.
fn folded_by_default(depth: usize) -> bool {
    depth >= 1
}

/// How many people are below each person, at any depth (people in a
/// reporting loop, reached from no top, count their direct reports only),
/// and who is reached from the top at all.
fn subtree_sizes(
    children: &crate::index::Lists<u32>,
    roots: &[usize],
    manager: &[Option<u32>],
) -> (Vec<u32>, Vec<bool>) {
    let n = children.len();
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    let mut stack: Vec<usize> = roots.to_vec();
    while let Some(p) = stack.pop() {
        if std::mem::replace(&mut seen[p], true) {
            continue;
        }
        order.push(p);
        stack.extend(children[p].iter().map(|&c| c as usize).filter(|&c| c != p));
    }
    let mut total = vec![0u32; n];
    for p in 0..n {
        if !seen[p] {
            total[p] = children[p].iter().filter(|&&c| c as usize != p).count() as u32;
        }
    }
    for &p in order.iter().rev() {
        if let Some(m) = manager[p]
            .map(|m| m as usize)
            .filter(|&m| m != p && seen[m])
        {
            total[m] += total[p] + 1;
        }
    }
    (total, seen)
}

/// "3 reports", or "3 direct · 41 in all" when they manage managers.
fn reports_text(row: &Row) -> String {
    if row.total as usize == row.children {
        crate::text::count(row.children, "report", "reports")
    } else {
        format!("{} direct · {} in all", row.children, row.total)
    }
}

/// The fold toggle of a manager's row, by click, and by the keyboard on
/// the row (Right unfolds, Left folds, as in any tree view).
fn toggle_ui(
    ui: &mut egui::Ui,
    row: &Row,
    id: &PersonId,
    resp: &egui::Response,
    at: egui::Pos2,
    toggles: &mut Vec<String>,
) {
    if row.children == 0 {
        return;
    }
    let tr = Rect::from_center_size(at, vec2(14.0, 14.0));
    let t = ui.interact(tr, ui.scope_id().with(("toggle", id)), Sense::click());
    egui::collapsing_header::paint_default_icon(ui, if row.collapsed { 0.0 } else { 1.0 }, &t);
    let mut toggle = t.clicked();
    if resp.has_focus() {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                resp.id,
                egui::EventFilter {
                    horizontal_arrows: true,
                    ..Default::default()
                },
            );
        });
        let (left, right) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowLeft),
                i.key_pressed(egui::Key::ArrowRight),
            )
        });
        toggle |= (right && row.collapsed) || (left && !row.collapsed);
    }
    if toggle {
        toggles.push(id.to_string());
    }
}

/// The tree line into a row from its manager's column `px` to `to_x`.
fn connector(
    painter: &egui::Painter,
    tokens: &super::theme::Tokens,
    row: &Row,
    rect: Rect,
    px: f32,
    to_x: f32,
) {
    if row.depth == 0 {
        return;
    }
    let bottom = if row.last {
        rect.center().y
    } else {
        rect.bottom()
    };
    let s = Stroke::new(1.2, tokens.card_stroke);
    painter.line_segment([pos2(px, rect.top()), pos2(px, bottom)], s);
    painter.line_segment([pos2(px, rect.center().y), pos2(to_x, rect.center().y)], s);
}

/// A person in the tree as a drag source, and as a drop target that makes
/// them the dragged person's manager (a loop refused, named). Whether a
/// drag hovers them.
fn drag_and_drop(
    ui: &egui::Ui,
    f: &ViewCtx,
    p: &crate::model::Person,
    rect: Rect,
    resp: &egui::Response,
    drag: &Dragging,
    out: &mut Commands,
) -> bool {
    let (tokens, org) = (f.tokens, f.doc.org());
    if resp.dragged() {
        resp.dnd_set_drag_payload(Drag::Person {
            person: p.id.clone(),
            from: None,
        });
    }
    let Some(dp) = &drag.person else {
        return false;
    };
    if dp == &p.id || !resp.contains_pointer() {
        return false;
    }
    let cycle = would_cycle(org, dp, &p.id);
    let color = if cycle {
        tokens.severity(Severity::Error)
    } else {
        tokens.drop_target
    };
    ui.painter().rect_stroke(
        rect.shrink(1.0),
        5.0,
        Stroke::new(2.0, color),
        StrokeKind::Inside,
    );
    if drag.released {
        if cycle {
            let who = org
                .person(dp)
                .map_or(dp.to_string(), |x| x.name.to_string());
            out.toast = Some((
                format!(
                    "Refused: {who} cannot report to {}, who is already in {who}'s reporting chain",
                    p.name
                ),
                true,
            ));
        } else {
            out.edits.push(Edit::SetManager {
                person: dp.clone(),
                manager: Some(p.id.clone()),
            });
        }
    }
    true
}

/// A compact row of a wide span: reports who manage nobody side by side,
/// each with their role, name (cut to the column) and gap dot; each one
/// selects by click, drags, and takes a drop like a row of their own.
fn pack_ui(ui: &mut egui::Ui, f: &ViewCtx, row: &Row, drag: &Dragging, out: &mut Commands) {
    let (tokens, org) = (f.tokens, f.doc.org());
    let cat = &f.doc.layout().catalog;
    let derived = f.doc.derived();
    let indent = 24.0;
    let x = ui.cursor().left() + 8.0 + row.depth as f32 * indent;
    let width = (x - ui.cursor().left() + CELL_W * row.pack.len() as f32).max(700.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, ROW_H), Sense::hover());
    let painter = ui.painter().clone();
    connector(&painter, &tokens, row, rect, x - indent + 8.0, x - 2.0);
    for (k, &i) in row.pack.iter().enumerate() {
        let Some(p) = org.people.get(i) else { continue };
        let cell = Rect::from_min_size(
            pos2(x + k as f32 * CELL_W, rect.top()),
            vec2(CELL_W - 8.0, ROW_H),
        );
        let resp = ui.interact(
            cell,
            ui.scope_id().with(("tree-cell", &p.id)),
            Sense::click_and_drag(),
        );
        name_widget(
            &resp,
            egui::Role::Button,
            &format!("{} in reporting tree", p.name),
        );
        let hot = drag_and_drop(ui, f, p, cell, &resp, drag, out);
        let selected = matches!(f.selection, Some(Selection::Person(s, _)) if s == &p.id);
        if selected && !hot {
            painter.rect_filled(cell, 5.0, tokens.selection.gamma_multiply(0.2));
        }
        let abbrev = cat.abbrev(&p.role);
        let bw = badge_width(abbrev);
        let b = Rect::from_min_size(
            pos2(cell.left() + 4.0, cell.top() + 4.0),
            vec2(bw, ROW_H - 8.0),
        );
        badge(ui, b, abbrev, tokens.role(p.role.as_str()));
        let dot = derived
            .badge(&crate::model::Subject::Person(p.id.clone()))
            .worst()
            .filter(|_| f.doc.is_current());
        let name_w = cell.right() - b.right() - 8.0 - if dot.is_some() { 16.0 } else { 0.0 };
        let font = FontId::proportional(13.5);
        let galley = painter.layout_no_wrap(p.name.to_string(), font, tokens.text);
        let shown = if galley.size().x <= name_w {
            galley
        } else {
            let mut job = egui::text::LayoutJob::single_section(
                p.name.to_string(),
                egui::TextFormat::simple(FontId::proportional(13.5), tokens.text),
            );
            job.wrap = egui::text::TextWrapping::truncate_at_width(name_w.max(10.0));
            painter.layout_job(job)
        };
        let name_at = pos2(b.right() + 6.0, cell.center().y - shown.size().y / 2.0);
        let name_right = name_at.x + shown.size().x;
        painter.galley(name_at, shown, tokens.text);
        if let Some(w) = dot {
            painter.circle_filled(
                pos2(name_right + 8.0, cell.center().y),
                4.5,
                tokens.severity(w),
            );
        }
        if resp.clicked() {
            out.actions
                .push(Action::Select(Some(Selection::Person(p.id.clone(), None))));
        }
        resp.on_hover_text(format!(
            "{} ({}) · drag onto another person to make them the manager",
            p.name,
            cat.abbrev(&p.role)
        ));
    }
}

/// One person's row: tree lines, toggle, role badge, name, reports, gap
/// dot, dotted lines; a drag source and a drop target (new manager).
fn row_ui(
    ui: &mut egui::Ui,
    f: &ViewCtx,
    row: &Row,
    drag: &Dragging,
    toggles: &mut Vec<String>,
    out: &mut Commands,
) {
    let tokens = f.tokens;
    let org = f.doc.org();
    let cat = &f.doc.layout().catalog;
    let derived = f.doc.derived();
    let Some(p) = org.people.get(row.person) else {
        return;
    };
    let (rect, resp) = ui.allocate_exact_size(
        vec2(ui.available_width().max(700.0), ROW_H),
        Sense::click_and_drag(),
    );
    name_widget(
        &resp,
        egui::Role::Button,
        &format!("{} in reporting tree", p.name),
    );
    let indent = 24.0;
    let x = rect.left() + 8.0 + row.depth as f32 * indent;
    let painter = ui.painter().clone();
    connector(&painter, &tokens, row, rect, x - indent + 8.0, x - 2.0);
    let hot = drag_and_drop(ui, f, p, rect, &resp, drag, out);
    let selected = matches!(f.selection, Some(Selection::Person(s, _)) if s == &p.id);
    if selected && !hot {
        painter.rect_filled(rect, 5.0, tokens.selection.gamma_multiply(0.2));
    }
    let mut cx = x;
    toggle_ui(
        ui,
        row,
        &p.id,
        &resp,
        pos2(cx + 6.0, rect.center().y),
        toggles,
    );
    cx += 16.0;
    let abbrev = cat.abbrev(&p.role);
    let bw = badge_width(abbrev);
    let b = Rect::from_min_size(pos2(cx, rect.top() + 4.0), vec2(bw, ROW_H - 8.0));
    badge(ui, b, abbrev, tokens.role(p.role.as_str()));
    let name_r = painter.text(
        pos2(b.right() + 6.0, rect.center().y),
        Align2::LEFT_CENTER,
        &p.name,
        FontId::proportional(13.5),
        [tokens.text, tokens.weak_text][usize::from(row.chain)],
    );
    let mut after = name_r.right() + 10.0;
    if row.children > 0 {
        let r = painter.text(
            pos2(after, rect.center().y),
            Align2::LEFT_CENTER,
            reports_text(row),
            FontId::proportional(11.5),
            tokens.weak_text,
        );
        after = r.right() + 10.0;
    }
    let badge = derived.badge(&crate::model::Subject::Person(p.id.clone()));
    if let Some(w) = badge.worst()
        && f.doc.is_current()
    {
        painter.circle_filled(pos2(after + 4.0, rect.center().y), 4.5, tokens.severity(w));
        after += 16.0;
    }
    for d in &p.dotted {
        let dn = f
            .doc
            .layout()
            .person(org, d)
            .map_or(d.to_string(), |x| x.name.to_string());
        let start = pos2(after, rect.center().y);
        let end = pos2(after + 26.0, rect.center().y);
        painter.extend(egui::Shape::dashed_line(
            &[start, end],
            Stroke::new(1.4, tokens.link),
            4.0,
            3.0,
        ));
        let r = painter.text(
            pos2(end.x + 4.0, rect.center().y),
            Align2::LEFT_CENTER,
            format!("dotted to {dn}"),
            FontId::proportional(12.0),
            tokens.link,
        );
        after = r.right() + 12.0;
    }
    if resp.clicked() {
        out.actions
            .push(Action::Select(Some(Selection::Person(p.id.clone(), None))));
    }
    resp.on_hover_text("Drag onto another person to make them the manager");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtree_sizes_count_everyone_below_and_survive_loops() {
        // 0 → 1 → {2, 3}, 3 → 4; and 5 ⇄ 6 (a loop), 6 → 7.
        let manager = [
            None,
            Some(0),
            Some(1),
            Some(1),
            Some(3),
            Some(6),
            Some(5),
            Some(6),
        ];
        let pairs: Vec<(usize, u32)> = manager
            .iter()
            .enumerate()
            .filter_map(|(p, m)| m.map(|m| (m as usize, p as u32)))
            .collect();
        let children = crate::index::Lists::from_pairs(manager.len(), pairs);
        let (total, reached) = subtree_sizes(&children, &[0], &manager);
        assert_eq!(&total[..5], &[4, 3, 0, 1, 0]);
        assert_eq!(reached, [true, true, true, true, true, false, false, false]);
        // In the loop, direct reports only.
        assert_eq!(total[5], 1);
        assert_eq!(total[6], 2);
    }
}
