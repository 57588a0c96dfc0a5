//! Card drawing. Everything is painted in screen space through a [`Pen`]
//! (scene coordinates in, the scene transform applied here), with text laid
//! out at the size it has on screen. egui would otherwise lay text out at
//! 100% and let the GPU shrink it: without mipmaps, thin strokes vanish at
//! the zoom the app opens with ("Fra d Detection", "Techn cal"). Widgets
//! (clicks, drags, hovers) still live in the scene's own coordinates.

use super::drop::{Drag, Target};
use super::keys::{self, Cursor};
use super::menus;
use super::{Marks, SceneOut};
use crate::app::Selection;
use crate::app::command::Action;
use crate::app::theme::{Tokens, ink_on};
use crate::cards::{CardKind, CardRow, CardView};
use crate::catalog::Severity;
use crate::document::{Badge, Document};
use crate::layout::{HEADER_H, PAD, ROW_H};
use crate::model::CardId;
use crate::model::Subject;
use egui::emath::TSTransform;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, pos2, vec2};

/// Paints scene-coordinate shapes in screen space.
pub(super) struct Pen {
    pub painter: egui::Painter,
    pub t: TSTransform,
}

impl Pen {
    pub fn rect(&self, r: Rect) -> Rect {
        self.t * r
    }

    fn z(&self, v: f32) -> f32 {
        v * self.t.scaling
    }

    pub fn rect_filled(&self, r: Rect, radius: f32, color: Color32) {
        self.painter
            .rect_filled(self.rect(r), self.z(radius), color);
    }

    pub fn rect_stroke(&self, r: Rect, radius: f32, stroke: Stroke, kind: StrokeKind) {
        self.painter.rect_stroke(
            self.rect(r),
            self.z(radius),
            Stroke::new(stroke.width.max(1.0), stroke.color),
            kind,
        );
    }

    pub fn dashed(&self, points: &[Pos2], stroke: Stroke, dash: f32, gap: f32) {
        let pts: Vec<Pos2> = points.iter().map(|p| self.t * *p).collect();
        self.painter.extend(egui::Shape::dashed_line(
            &pts,
            stroke,
            self.z(dash).max(2.0),
            self.z(gap).max(2.0),
        ));
    }

    pub fn arrow(&self, from: Rect, to: Rect, stroke: Stroke) {
        let a = self.t * border_point(from, to.center());
        let b = self.t * border_point(to, from.center());
        self.painter.line_segment([a, b], stroke);
        let dir = (b - a).normalized();
        let n = vec2(-dir.y, dir.x);
        let s = self.z(1.0).clamp(0.4, 1.5);
        self.painter.add(egui::Shape::convex_polygon(
            vec![
                b,
                b - dir * 11.0 * s + n * 5.5 * s,
                b - dir * 11.0 * s - n * 5.5 * s,
            ],
            stroke.color,
            Stroke::NONE,
        ));
    }

    /// One line of text at `size` scene points, cut with "…" to `max_w`;
    /// laid out at its on-screen size. Returns its scene rect.
    pub fn text(
        &self,
        pos: Pos2,
        align: Align2,
        text: &str,
        size: f32,
        color: Color32,
        max_w: f32,
    ) -> Rect {
        let zoom = self.t.scaling;
        // Half-point steps keep the glyph cache small while zooming.
        let px = (size * zoom * 2.0).round() / 2.0;
        if px < 5.0 {
            // Unreadable at this size: nothing is lost by not drawing it.
            return Rect::from_min_size(pos, Vec2Ext::ZERO);
        }
        let mut job = egui::text::LayoutJob::simple_singleline(
            text.to_string(),
            FontId::proportional(px),
            color,
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width((max_w * zoom).max(8.0));
        let galley = self.painter.layout_job(job);
        let scene_size = galley.size() / zoom;
        let scene_rect = align.anchor_size(pos, scene_size);
        self.painter.galley(self.t * scene_rect.min, galley, color);
        scene_rect
    }
}

struct Vec2Ext;
impl Vec2Ext {
    const ZERO: egui::Vec2 = egui::Vec2::ZERO;
}

/// Where the segment from `r`'s centre towards `from` leaves `r`.
pub(super) fn border_point(r: Rect, from: Pos2) -> Pos2 {
    let lr = crate::layout::Rect {
        x: r.min.x,
        y: r.min.y,
        w: r.width(),
        h: r.height(),
    };
    let (x, y) = lr.border_point((from.x, from.y));
    pos2(x, y)
}

/// What every card drawing needs this frame.
pub(super) struct Draw<'a> {
    pub doc: &'a Document,
    pub tokens: Tokens,
    pub selection: &'a Option<Selection>,
    pub multi: &'a [CardId],
    pub simple: bool,
    pub dragging: bool,
    /// The analysis describes the org as it is (badges shown as current).
    pub current: bool,
    /// Comparison marks, while comparing.
    pub marks: Option<&'a Marks>,
    /// Where the keyboard is, when the canvas has it and it is shown.
    pub cursor: Option<&'a Cursor>,
    /// The item whose context menu the keyboard opens this frame.
    pub open_menu: Option<&'a Cursor>,
}

/// Cards and chips take clicks and drags but are not Tab stops: the
/// canvas is one, and the arrow keys move inside it (`keys`).
const CLICK: Sense = Sense::CLICK;
const CLICK_AND_DRAG: Sense = Sense::CLICK.union(Sense::DRAG);

impl Draw<'_> {
    /// Rings `r` when the keyboard cursor is on `at`.
    fn focus_ring(&self, pen: &Pen, r: Rect, radius: f32, at: &Cursor) {
        if self.cursor == Some(at) {
            pen.rect_stroke(
                r.expand(3.0),
                radius + 3.0,
                Stroke::new(2.5, self.tokens.focus),
                StrokeKind::Outside,
            );
        }
    }

    fn menu_by_key(&self, at: &Cursor) -> bool {
        self.open_menu == Some(at)
    }
}

impl Draw<'_> {
    fn badge(&self, s: &Subject) -> Badge {
        self.doc.derived().badge(s)
    }
}

/// The rect of row `k` of a card.
pub(super) fn row_rect(card: Rect, k: usize) -> Rect {
    Rect::from_min_size(
        pos2(
            card.left() + PAD,
            card.top() + HEADER_H + PAD + k as f32 * ROW_H,
        ),
        vec2(card.width() - 2.0 * PAD, ROW_H - 3.0),
    )
}

/// Severity badges in the header; returns their total width.
fn badges(d: &Draw, pen: &Pen, right_top: Pos2, subject: &Subject) -> f32 {
    let b = d.badge(subject);
    let mut x = right_top.x;
    for (n, sev) in [
        (b.info, Severity::Info),
        (b.warning, Severity::Warning),
        (b.error, Severity::Error),
    ] {
        if n == 0 || (sev == Severity::Info && d.simple) {
            continue;
        }
        let text = n.to_string();
        let w = 14.0 + 7.0 * text.len() as f32;
        let r = Rect::from_min_size(pos2(x - w, right_top.y), vec2(w, 18.0));
        // While the analysis catches up, last result's badges are faded:
        // never shown as current when they may not be.
        let fade = if d.current { 1.0 } else { 0.35 };
        pen.rect_filled(r, 9.0, d.tokens.severity_fill(sev).gamma_multiply(fade));
        pen.text(
            r.center(),
            Align2::CENTER_CENTER,
            &text,
            11.5,
            Color32::WHITE.gamma_multiply(fade),
            w,
        );
        x -= w + 4.0;
    }
    right_top.x - x
}

fn card_frame(d: &Draw, pen: &Pen, r: Rect, subject: &Subject, selected: bool, header: Color32) {
    let worst = d.badge(subject).worst();
    let stroke = if selected {
        Stroke::new(3.0, d.tokens.selection)
    } else {
        match worst {
            Some(s) if s != Severity::Info && d.current => Stroke::new(2.0, d.tokens.severity(s)),
            _ => Stroke::new(1.0, d.tokens.card_stroke),
        }
    };
    pen.rect_filled(
        r.translate(vec2(0.0, 3.0)),
        10.0,
        Color32::from_black_alpha(if d.tokens.dark { 60 } else { 18 }),
    );
    pen.rect_filled(r, 10.0, d.tokens.card_bg);
    let head = Rect::from_min_size(r.min, vec2(r.width(), HEADER_H));
    pen.painter.rect_filled(
        pen.rect(head),
        egui::CornerRadius {
            nw: pen.z(10.0).min(255.0) as u8,
            ne: pen.z(10.0).min(255.0) as u8,
            sw: 0,
            se: 0,
        },
        header,
    );
    pen.rect_stroke(r, 10.0, stroke, StrokeKind::Inside);
}

/// Handles the header: select on click, move on drag.
fn header_interaction(
    ui: &mut egui::Ui,
    card: &CardId,
    head: Rect,
    label: &str,
    out: &mut SceneOut,
) -> egui::Response {
    let id = keys::header_id(ui.scope_id(), card);
    let resp = ui
        .interact(head, id, CLICK_AND_DRAG)
        .on_hover_cursor(egui::CursorIcon::Grab);
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label));
    if resp.dragged() {
        let delta = resp.total_drag_delta().unwrap_or_default();
        out.moved = Some((card.clone(), delta));
    }
    if resp.drag_stopped() {
        out.move_done = Some(card.clone());
    }
    resp
}

/// Draws a card from its view-model and wires its widgets.
pub(super) fn card(
    d: &Draw,
    pen: &Pen,
    ui: &mut egui::Ui,
    view: &CardView,
    r: Rect,
    out: &mut SceneOut,
) {
    let card = &view.card;
    let subject = card.subject();
    let selected = d.multi.contains(card)
        || match (d.selection, card) {
            (Some(Selection::Team(t)), CardId::Team(c)) => t == c,
            (Some(Selection::Initiative(i)), CardId::Initiative(c)) => i == c,
            _ => false,
        };
    let header = match view.kind {
        CardKind::Team => d.tokens.card_header,
        CardKind::Initiative => d.tokens.initiative_header,
    };
    card_frame(d, pen, r, &subject, selected, header);
    if let Some(label) = d.marks.and_then(|m| m.card_label(card)) {
        // New in the proposal: a green outline and a tag above the card.
        pen.rect_stroke(
            r.expand(4.0),
            12.0,
            Stroke::new(2.5, d.tokens.added),
            StrokeKind::Outside,
        );
        let tag = Rect::from_min_size(r.left_top() + vec2(0.0, -22.0), vec2(48.0, 17.0));
        pen.rect_filled(tag, 4.0, d.tokens.added);
        pen.text(
            tag.center(),
            Align2::CENTER_CENTER,
            label,
            11.0,
            ink_on(d.tokens.added),
            46.0,
        );
    }
    let head = Rect::from_min_size(r.min, vec2(r.width(), HEADER_H));
    // Body first, so chips and the header take clicks over it.
    let body = ui.interact(r, ui.scope_id().with(("card-body", card)), CLICK);
    out.targets.push((
        r,
        match card {
            CardId::Team(t) => Target::Team(t.clone()),
            CardId::Initiative(i) => Target::Initiative(i.clone()),
        },
    ));
    let kind_word = match view.kind {
        CardKind::Team => "team card",
        CardKind::Initiative => "initiative card",
    };
    let hdr = header_interaction(ui, card, head, &format!("{} {kind_word}", view.title), out);
    let bw = badges(d, pen, r.right_top() + vec2(-8.0, 8.0), &subject);
    pen.text(
        r.min + vec2(12.0, 7.0),
        Align2::LEFT_TOP,
        &view.title,
        if d.simple {
            // Never under 8 px on screen (cut to the card instead).
            22f32.max(8.0 / pen.t.scaling)
        } else {
            15.0
        },
        d.tokens.text,
        r.width() - 24.0 - bw,
    );
    if d.simple {
        simple_body(d, pen, view, r);
    } else {
        pen.text(
            r.min + vec2(12.0, 27.0),
            Align2::LEFT_TOP,
            &view.subtitle,
            11.5,
            d.tokens.weak_text,
            r.width() - 24.0,
        );
        for (k, row) in view.rows.iter().enumerate() {
            let rr = row_rect(r, k);
            match row {
                CardRow::Note(text) => {
                    pen.text(
                        pos2(rr.left() + 4.0, rr.center().y),
                        Align2::LEFT_CENTER,
                        text,
                        12.0,
                        d.tokens.weak_text,
                        rr.width() - 8.0,
                    );
                }
                CardRow::Member { .. } => {
                    member_chip(d, pen, ui, (card, &view.title), row, rr, out);
                }
                CardRow::Seat { .. } => seat_chip(d, pen, ui, (card, &view.title), row, rr, out),
            }
        }
        if let Some(hint) = view.empty_hint {
            let k = view.rows.len();
            pen.text(
                row_rect(r, k).center(),
                Align2::CENTER_CENTER,
                hint,
                12.0,
                d.tokens.weak_text,
                r.width() - 24.0,
            );
        }
    }
    let here = Cursor::Card(card.clone());
    d.focus_ring(pen, r, 10.0, &here);
    if hdr.clicked() || body.clicked() {
        out.clicked = Some(here.clone());
        let shift = ui.input(|i| i.modifiers.shift);
        out.actions.push(if shift {
            Action::ToggleCard(card.clone())
        } else {
            Action::Select(Some(match card {
                CardId::Team(t) => Selection::Team(t.clone()),
                CardId::Initiative(i) => Selection::Initiative(i.clone()),
            }))
        });
    }
    crate::app::widgets::context_menu(&hdr, d.menu_by_key(&here), |ui| {
        menus::card_menu(d.doc, ui, card, &mut out.edits);
    });
}

/// A zoomed-out card: member count and a colour bar of roles.
fn simple_body(d: &Draw, pen: &Pen, view: &CardView, r: Rect) {
    let members: Vec<&CardRow> = view
        .rows
        .iter()
        .filter(|row| matches!(row, CardRow::Member { .. }))
        .collect();
    let seats = view
        .rows
        .iter()
        .filter(|row| matches!(row, CardRow::Seat { .. }))
        .count();
    let summary = format!(
        "{}{}",
        crate::text::count(members.len(), "person", "people"),
        if seats == 0 {
            String::new()
        } else {
            format!(" · {seats} open")
        }
    );
    pen.text(
        pos2(r.left() + 12.0, r.top() + HEADER_H + 18.0),
        Align2::LEFT_CENTER,
        &summary,
        20f32.max(7.0 / pen.t.scaling),
        d.tokens.weak_text,
        r.width() - 24.0,
    );
    let bar = Rect::from_min_size(
        pos2(r.left() + 12.0, r.top() + HEADER_H + 40.0),
        vec2(r.width() - 24.0, 16.0),
    );
    let n = members.len().max(1) as f32;
    for (k, row) in members.iter().enumerate() {
        if let CardRow::Member { role, .. } = row {
            let w = bar.width() / n;
            let cell = Rect::from_min_size(
                pos2(bar.left() + k as f32 * w, bar.top()),
                vec2((w - 2.0).max(1.0), bar.height()),
            );
            pen.rect_filled(cell, 2.0, d.tokens.role(role.as_str()));
        }
    }
}

fn member_chip(
    d: &Draw,
    pen: &Pen,
    ui: &mut egui::Ui,
    (card, card_title): (&CardId, &str),
    row: &CardRow,
    rect: Rect,
    out: &mut SceneOut,
) {
    let CardRow::Member {
        person,
        name,
        role,
        allocation,
        lead,
    } = row
    else {
        return;
    };
    let cat = &d.doc.layout().catalog;
    let abbrev = cat.abbrev(role);
    let selected = matches!(d.selection, Some(Selection::Person(s, _)) if s == person);
    let id = keys::chip_id(ui.scope_id(), card, person);
    let resp = ui.interact(rect, id, CLICK_AND_DRAG);
    let risk = crate::app::risk::level(d.doc, person);
    let mut label = format!("{name} ({abbrev}) in {card_title}");
    if let Some(w) = crate::app::risk::words(d.doc, person) {
        label = format!("{label}, {w}");
    }
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    if resp.dragged() {
        resp.dnd_set_drag_payload(Drag::Person {
            person: person.clone(),
            from: Some(card.clone()),
        });
    }
    let fill = if selected {
        d.tokens.selection.gamma_multiply(0.25)
    } else if resp.hovered() {
        d.tokens.chip_bg.gamma_multiply(1.3)
    } else {
        d.tokens.chip_bg
    };
    pen.rect_filled(rect, 6.0, fill);
    if let Some(level) = risk {
        // Key-person risk: tinted by what the departure opens, outlined
        // when it opens a warning or an error.
        let c = crate::app::risk::color(&d.tokens, level);
        let strong = level != crate::document::RiskLevel::Nothing;
        pen.rect_filled(
            rect,
            6.0,
            c.gamma_multiply(if strong { 0.28 } else { 0.12 }),
        );
        if strong && !selected {
            pen.rect_stroke(rect, 6.0, Stroke::new(1.5, c), StrokeKind::Inside);
        }
    }
    if selected {
        pen.rect_stroke(
            rect,
            6.0,
            Stroke::new(1.5, d.tokens.selection),
            StrokeKind::Inside,
        );
    }
    let mark = d.marks.and_then(|m| m.person_label(person, card));
    if mark.is_some() {
        pen.rect_stroke(
            rect,
            6.0,
            Stroke::new(1.5, d.tokens.added),
            StrokeKind::Inside,
        );
    }
    let badge_w = crate::app::widgets::badge_width(abbrev);
    let badge = Rect::from_min_size(
        rect.min + vec2(3.0, 3.0),
        vec2(badge_w, rect.height() - 6.0),
    );
    let color = d.tokens.role(role.as_str());
    pen.rect_filled(badge, 5.0, color);
    pen.text(
        badge.center(),
        Align2::CENTER_CENTER,
        abbrev,
        11.0,
        ink_on(color),
        badge_w,
    );
    let total = d
        .doc
        .derived()
        .allocation
        .get(person.as_str())
        .copied()
        .unwrap_or(0);
    let right = chip_labels(d, pen, rect, *allocation, total, mark);
    let shown = if *lead {
        format!("{name} · lead")
    } else {
        name.clone()
    };
    pen.text(
        pos2(badge.right() + 6.0, rect.center().y),
        Align2::LEFT_CENTER,
        &shown,
        13.0,
        d.tokens.text,
        right - badge.right() - 8.0,
    );
    let here = Cursor::Member(card.clone(), person.clone());
    d.focus_ring(pen, rect, 6.0, &here);
    if resp.clicked() {
        out.clicked = Some(here.clone());
        out.actions.push(Action::Select(Some(Selection::Person(
            person.clone(),
            Some(card.clone()),
        ))));
    }
    let doc = d.doc;
    let by_key = d.menu_by_key(&here);
    let resp = resp.on_hover_ui(|ui| {
        if let Some(text) = chip_tooltip(doc, person, total) {
            ui.label(text);
        }
        if let Some(w) = crate::app::risk::words(doc, person) {
            let c = risk.map_or(d.tokens.text, |l| crate::app::risk::color(&d.tokens, l));
            ui.colored_label(c, format!("Key-person risk: {w}"));
        }
    });
    crate::app::widgets::context_menu(&resp, by_key, |ui| {
        menus::person_menu(doc, ui, person, Some(card), &mut out.edits);
    });
    out.targets
        .push((rect, Target::Person(person.clone(), card.clone())));
}

/// A member chip's right-hand labels (allocation, the person's total when
/// over 100%, the comparison mark); returns where the name must end.
fn chip_labels(
    d: &Draw,
    pen: &Pen,
    rect: Rect,
    allocation: u32,
    total: u32,
    mark: Option<&str>,
) -> f32 {
    let mut right = rect.right() - 6.0;
    let show_total = total > 100 && d.current;
    if (allocation != 100 && allocation != 0) || show_total {
        let color = if show_total {
            d.tokens.severity(Severity::Error)
        } else {
            d.tokens.weak_text
        };
        let text = if show_total {
            format!("{allocation}% · Σ{total}%")
        } else {
            format!("{allocation}%")
        };
        let r = pen.text(
            pos2(right, rect.center().y),
            Align2::RIGHT_CENTER,
            &text,
            11.5,
            color,
            90.0,
        );
        right = r.left() - 6.0;
    }
    if let Some(m) = mark {
        let r = pen.text(
            pos2(right, rect.center().y),
            Align2::RIGHT_CENTER,
            m,
            10.5,
            d.tokens.added,
            110.0,
        );
        right = r.left() - 6.0;
    }
    right
}

/// A member chip's tooltip: name, role, hats, total allocation.
fn chip_tooltip(
    doc: &crate::document::Document,
    person: &crate::model::PersonId,
    total: u32,
) -> Option<String> {
    let cat = &doc.layout().catalog;
    let p = doc.org().person(person)?;
    let hats = if p.hats.is_empty() {
        String::new()
    } else {
        format!(
            " (hats: {})",
            p.hats
                .iter()
                .map(|h| cat.abbrev(h))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    Some(format!(
        "{} — {}{hats}\nAllocated {total}% in all. Drag to move; right-click for more.",
        p.name,
        cat.get(&p.role)
            .map_or(p.role.as_str(), |r| r.name.as_str()),
    ))
}

fn seat_chip(
    d: &Draw,
    pen: &Pen,
    ui: &mut egui::Ui,
    (card, card_name): (&CardId, &str),
    row: &CardRow,
    rect: Rect,
    out: &mut SceneOut,
) {
    let CardRow::Seat { index, role, label } = row else {
        return;
    };
    let color = d.tokens.role(role.as_str());
    pen.dashed(
        &[
            rect.left_top(),
            rect.right_top(),
            rect.right_bottom(),
            rect.left_bottom(),
            rect.left_top(),
        ],
        Stroke::new(1.3, color),
        5.0,
        4.0,
    );
    let text_color = if crate::app::theme::contrast(color, d.tokens.card_bg) >= 4.5 {
        color
    } else {
        d.tokens.text
    };
    pen.text(
        pos2(rect.left() + 8.0, rect.center().y),
        Align2::LEFT_CENTER,
        &format!("+ {label}"),
        12.5,
        text_color,
        rect.width() - 14.0,
    );
    let id = keys::seat_id(ui.scope_id(), card, *index);
    let resp = ui.interact(rect, id, CLICK);
    let here = Cursor::Seat(card.clone(), *index);
    d.focus_ring(pen, rect, 4.0, &here);
    if resp.clicked() {
        out.clicked = Some(here.clone());
    }
    let by_key = d.menu_by_key(&here);
    let name = format!(
        "Open {} seat in {card_name}",
        d.doc.layout().catalog.abbrev(role)
    );
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    let doc = d.doc;
    match card {
        CardId::Team(team) => {
            let resp = resp.on_hover_text(
                "An open seat covers nothing yet. Drop a person to fill it, or a role to change it.",
            );
            crate::app::widgets::context_menu(&resp, by_key, |ui| {
                menus::seat_menu(doc, ui, team, *index, &mut out.edits);
            });
            out.targets.push((rect, Target::Seat(team.clone(), *index)));
        }
        CardId::Initiative(initiative) => {
            let resp = resp.on_hover_text(
                "An open seat: a planned hire, covering nothing yet. Right-click to remove it.",
            );
            crate::app::widgets::context_menu(&resp, by_key, |ui| {
                if ui.button("Remove open seat").clicked() {
                    out.edits.push(crate::edit::Edit::RemoveInitiativeSeat {
                        initiative: initiative.clone(),
                        index: *index,
                    });
                    ui.close();
                }
            });
        }
    }
}

/// A card the proposal removes, drawn faded where it was.
pub(super) fn ghost_card(d: &Draw, pen: &Pen, r: Rect, title: &str, what: &str) {
    let c = d.tokens.removed;
    pen.dashed(
        &[
            r.left_top(),
            r.right_top(),
            r.right_bottom(),
            r.left_bottom(),
            r.left_top(),
        ],
        Stroke::new(1.5, c.gamma_multiply(0.8)),
        6.0,
        5.0,
    );
    pen.text(
        r.min + vec2(12.0, 10.0),
        Align2::LEFT_TOP,
        title,
        15.0,
        c,
        r.width() - 24.0,
    );
    pen.text(
        r.min + vec2(12.0, 30.0),
        Align2::LEFT_TOP,
        what,
        11.5,
        c,
        r.width() - 24.0,
    );
}

/// Who left a card in the proposal, faded, under it.
pub(super) fn gone_lines(d: &Draw, pen: &Pen, r: Rect, lines: &[String]) {
    // Two lines fit in the gap to the card below (layout::GAP); more would
    // run over it. The Changes tab lists every one.
    const FIT: usize = 2;
    const _: () = assert!(6.0 + FIT as f32 * 15.0 <= crate::layout::GAP);
    let c = d.tokens.removed;
    let shown: Vec<String> = if lines.len() <= FIT {
        lines.iter().map(|l| format!("− {l}")).collect()
    } else {
        vec![
            format!("− {}", lines[0]),
            format!("− and {} more (Changes tab)", lines.len() - 1),
        ]
    };
    for (k, line) in shown.iter().enumerate() {
        pen.text(
            pos2(r.left() + 10.0, r.bottom() + 6.0 + k as f32 * 15.0),
            Align2::LEFT_TOP,
            line,
            11.0,
            c,
            r.width() - 14.0,
        );
    }
}
